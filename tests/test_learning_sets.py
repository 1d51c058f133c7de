"""The learning sets of tests/data (scripts/eval_events.LEARNING_SETS): annotated articles the trainers fit to
besides ../shared/eval's train/ and dev/. A held-out set must never be one, and none may repeat an article of another
annotated set (a repeated article would leak between the folds or into a held-out figure)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from eval_events import EVAL, LEARNING_SETS, TESTS_DATA, load_cases  # noqa: E402


def _urls(path: Path) -> set[str]:
    return {json.loads(line)["url"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def test_learning_sets_load_as_cases_of_their_own_set():
    assert LEARNING_SETS
    for name in LEARNING_SETS:
        assert not name.startswith("heldout"), name
        cases = load_cases([name])
        assert cases and all(c["set"] == name and c["text"].strip() and c["published"] for c in cases)
        assert len({c["id"] for c in cases}) == len(cases)


def test_no_learning_set_repeats_an_article_of_another_tests_data_set():
    for name in LEARNING_SETS:
        mine = _urls(TESTS_DATA / name / "articles.jsonl")
        for other in TESTS_DATA.glob("*/articles.jsonl"):
            if other.parent.name != name:
                assert not mine & _urls(other), (name, other.parent.name)
        for other in TESTS_DATA.glob("*/*/articles.jsonl"):  # posts_2026/dev, posts_2026/held
            assert not mine & _urls(other), (name, str(other))
        for other in ("train", "dev"):  # (never the locked test set: the draw script compares it unseen)
            assert not mine & _urls(EVAL / other / "articles.jsonl"), (name, other)


def test_sentence_bench_reads_the_learning_sets():
    """bench/bench_sentences.py --sets train_s18 ...: the learning sets' evidence sentences are the out-of-context
    check on text the rules were not written from (they live in tests/data, not ../shared/eval)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_sentences import gold_sentences

    for name in LEARNING_SETS:
        rows = list(gold_sentences([name]))
        assert rows and all(r["text"] and r["event_type"] and r["published"] for r in rows), name
