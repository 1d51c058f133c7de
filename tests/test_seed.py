"""The reference article end to end through the CLI, checked against ../shared/fixtures/seed/expected.json with the
project's own scorer (../shared/eval/score.py), so the test and the published figures can never disagree."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "fixtures" / "seed"
pytestmark = pytest.mark.skipif(not (SEED / "expected.json").exists(), reason="../shared is not beside the checkout")


def _scorer():
    spec = importlib.util.spec_from_file_location("rasd_eval_score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def seed_events() -> list[dict]:
    proc = subprocess.run(
        [sys.executable, "-m", "rasd", "extract", str(SEED / "article.txt"), "--published", "2020-01-16",
         "--format", "jsonl"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]


def test_seed_required_events_all_fields_right(seed_events):
    score = _scorer()
    expected = json.loads((SEED / "expected.json").read_text(encoding="utf-8"))["events"]
    pairs = dict(score.match(expected, seed_events))
    for gi, gold in enumerate(expected):
        if not gold.get("required", True):
            continue
        assert gi in pairs, f"required event not found: {gold['name']}"
        failed = [k for k, ok in score.field_results(gold, seed_events[pairs[gi]]).items() if not ok]
        assert not failed, f"{gold['name']}: wrong fields {failed}"
    matched = set(pairs.values())
    extra = [e for i, e in enumerate(seed_events) if i not in matched]
    assert len(extra) <= 1, f"more than one extra event: {[e['notes'] for e in extra]}"


def test_seed_every_filled_field_has_evidence(seed_events):
    text = (SEED / "article.txt").read_text(encoding="utf-8")
    for ev in seed_events:
        for fieldname in ("event_type", "actor1", "location", "fatalities", "weapon", "event_date"):
            if ev.get(fieldname) and fieldname in ev["evidence"]:
                span = ev["evidence"][fieldname]
                assert text[span["start"]:span["end"]] == span["text"]
        assert "event_type" in ev["evidence"]


def test_seed_first_event_evidence_spans(seed_events):
    main = next(e for e in seed_events if e.get("location_offset"))
    ev = main["evidence"]
    assert "45" in ev["location_offset"]["text"] and "الوليد" in ev["location_offset"]["text"]
    assert "الاثنين" in ev["event_date"]["text"]
    assert "خفيفة" in ev["weapon"]["text"]
