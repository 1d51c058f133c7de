"""The judged unseen events (tests/data/judged_unseen) are training rows of the learned check: every row must carry a
verdict the training script understands, a duplicate must point at an event of its own article, a retyped one at
an ACLED type, and the labels must come out as the check's classes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from judged_unseen import JUDGED, NONE, judged_files, label_of  # noqa: E402

from rasd.events.taxonomy import EVENT_TYPES  # noqa: E402

VERDICTS = {"right", "wrong_type", "duplicate", "not_an_event", "wrong_date", "wrong_place"}


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_there_are_judged_draws():
    assert judged_files(), f"no seed_N.jsonl under {JUDGED}"


@pytest.mark.parametrize("seed,path", judged_files(), ids=lambda v: str(v) if isinstance(v, int) else "")
def test_every_row_has_a_verdict_the_training_reads(seed, path):
    rows = _rows(path)
    assert rows
    for i, row in enumerate(rows):
        assert row["verdict"] in VERDICTS, (seed, i, row["verdict"])
        assert row["id"].startswith("u") and row["event_type"] in EVENT_TYPES
        if row["verdict"] == "wrong_type":
            assert row.get("gold_type") in EVENT_TYPES and row["gold_type"] != row["event_type"], (seed, i)
        if row["verdict"] == "duplicate":
            other = row.get("same_as")
            assert isinstance(other, int) and 0 <= other < len(rows) and other != i, (seed, i, other)
            assert rows[other]["id"] == row["id"], (seed, i, "a duplicate of another article's event")
        label = label_of(row)
        assert label == NONE or label in EVENT_TYPES


def test_labels_follow_the_verdicts():
    base = {"id": "u0001", "event_type": "Battles"}
    assert label_of({**base, "verdict": "right"}) == "Battles"
    assert label_of({**base, "verdict": "wrong_type", "gold_type": "Riots"}) == "Riots"
    for verdict in ("not_an_event", "duplicate", "wrong_date", "wrong_place"):
        assert label_of({**base, "verdict": verdict}) == NONE
    with pytest.raises(ValueError):
        label_of({**base, "verdict": "maybe"})
