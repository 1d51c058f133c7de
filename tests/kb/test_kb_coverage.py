"""bench/kb_coverage.py's slot logic: a place named outside the evidence sentence is not a KB miss."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SPEC = importlib.util.spec_from_file_location("kb_coverage", Path(__file__).resolve().parents[2] / "bench/kb_coverage.py")
kb_coverage = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(kb_coverage)

EVENT = {"location_contains_one_of": ["Arish", "Al-Arish"], "admin1_one_of": ["North Sinai"]}
ARISH = {"location": "Arish", "admin1": "North Sinai"}
EGYPT = {"location": "Egypt", "admin1": None}


def test_sentence_bounds_survives_joined_line_breaks() -> None:
    text = "عنوان\n\nقال مصدر إن مقاتلين هاجموا موقعا\n أماميا للجيش. ثم انسحبوا."
    start, end = kb_coverage.sentence_bounds(text, "قال مصدر إن مقاتلين هاجموا موقعا أماميا للجيش.")
    assert text[start:end].startswith("قال مصدر") and text[start:end].endswith("للجيش.")
    assert kb_coverage.sentence_bounds(text, "جملة غير موجودة") is None
    assert kb_coverage.sentence_bounds(text, "  ") is None


@pytest.mark.parametrize(("in_sentence", "in_article", "want"), [
    ([ARISH], [EGYPT, ARISH], "sentence"),
    ([], [EGYPT, ARISH], "article"),  # named in the previous sentence only: resolved, but not in the sentence
    ([EGYPT], [EGYPT], None),
])
def test_slot_result_tells_sentence_article_and_miss(in_sentence, in_article, want) -> None:
    for key in ("location_contains_one_of", "admin1_one_of"):
        assert kb_coverage.slot_result(key, EVENT, in_sentence, in_article) == want
