"""The literal prefilter (rasd.text.prefilter) finds exactly the matches the full patterns find: on real news
articles and their sentences for the patterns that use it (the split triggers, the date patterns), and on small
cases that probe its edges (look-behind before the start, `^`, overlapping starts, patterns it must not filter)."""

from __future__ import annotations

import re

import pytest

from rasd.doc import _CLAUSE_SCAN
from rasd.events.coref import _ANAPHOR_SCAN
from rasd.events.detect import _SPLIT, _SPLIT_SCAN
from rasd.events.genre import _VOICE_SCAN
from rasd.text.dates import _SCAN as _DATE_SCAN
from rasd.text.normalize import normalize
from rasd.text.prefilter import PrefixScan, literal_starts
from rasd.text.segment import split_sentences

ARTICLES = 80


@pytest.fixture(scope="module")
def corpus(subset_articles: list[str]) -> list[str]:
    """Folded texts of real articles and of each of their sentences."""
    texts = []
    for text in subset_articles[:ARTICLES]:
        texts.append(normalize(text).text)
        texts.extend(normalize(text[s.start:s.end]).text for s in split_sentences(text))
    return texts


@pytest.mark.parametrize("scan", [_SPLIT_SCAN, _DATE_SCAN, _VOICE_SCAN, _ANAPHOR_SCAN, _CLAUSE_SCAN],
                         ids=["split triggers", "dates", "genre", "anaphors", "clauses"])
def test_never_skips_a_match_on_real_text(scan: PrefixScan, corpus: list[str]) -> None:
    assert sum(scan.filtered) >= len(scan.patterns) - 3 and any(scan.filtered)  # the prefilter is in use
    found = 0
    for text in corpus:
        for k, rx in enumerate(scan.patterns):
            expected = [(m.span(), m.groups()) for m in rx.finditer(text)]
            assert [(m.span(), m.groups()) for m in scan.finditer(k, text)] == expected, (rx.pattern[:80], text)
            found += len(expected)
            for pos, endpos in ((0, len(text)), (len(text) // 3, len(text)), (len(text) // 4, len(text) // 2)):
                expected_one = rx.search(text, pos, endpos)
                got = scan.search(k, text, pos, endpos)
                assert (got and got.span()) == (expected_one and expected_one.span()), (rx.pattern[:80], pos, text)
                assert [m.span() for m in scan.finditer(k, text, pos, endpos)] == [
                    m.span() for m in rx.finditer(text, pos, endpos)], (rx.pattern[:80], pos, endpos, text)
    assert found > 50  # the texts hold matches to miss


def test_split_patterns_all_filtered() -> None:
    assert all(literal_starts(split[0]) for split in _SPLIT)


def test_look_behind_sees_the_text_before_a_candidate() -> None:
    scan = PrefixScan([re.compile(r"(?<![^\s])[وف]?قتل")])
    text = "مقتل قتل وقتل فقتل اقتل"
    assert [m.span() for m in scan.finditer(0, text)] == [m.span() for m in scan.patterns[0].finditer(text)]
    assert [m.group() for m in scan.finditer(0, text)] == ["قتل", "وقتل", "فقتل"]


def test_overlapping_starts_and_non_overlapping_matches() -> None:
    rx = re.compile(r"(?:ab|b)c+")
    scan = PrefixScan([rx])
    for text in ("abcbc", "abbcc", "bcabcc", "aabc", "cccc"):
        assert [m.span() for m in scan.finditer(0, text)] == [m.span() for m in rx.finditer(text)]
        for pos in range(len(text) + 1):
            for endpos in range(pos, len(text) + 1):
                got, want = scan.search(0, text, pos, endpos), rx.search(text, pos, endpos)
                assert (got and got.span()) == (want and want.span())


def test_text_start_anchor_and_punctuation() -> None:
    rx = re.compile(r"(?:^|[\n.]\s*)(?:عاجل\s*)?(مقتل)(?=\s)")
    scan = PrefixScan([rx])
    for text in ("مقتل خمسة", "عاجل مقتل جندي. مقتل آخر", "x مقتل", "\n  مقتل اثنين"):
        assert [m.span(1) for m in scan.finditer(0, text)] == [m.span(1) for m in rx.finditer(text)]


@pytest.mark.parametrize("pattern", [r"\w+", r"(?i)abc", r"(a)\1", r"a?", r"(?:\d+)\s", r".x?", r"\s\s\sy"])
def test_patterns_that_cannot_be_filtered_are_searched_as_before(pattern: str) -> None:
    rx = re.compile(pattern)
    assert literal_starts(rx) is None
    scan = PrefixScan([rx])
    text = "aa1 abc ABC xy 12 "
    assert [m.span() for m in scan.finditer(0, text)] == [m.span() for m in rx.finditer(text)]
    got, want = scan.search(0, text, 2), rx.search(text, 2)
    assert (got and got.span()) == (want and want.span())


def test_the_memo_follows_the_text() -> None:
    scan = PrefixScan([re.compile("ab")])
    assert [m.start() for m in scan.finditer(0, "xxab")] == [2]
    assert [m.start() for m in scan.finditer(0, "abxx")] == [0]


@pytest.mark.parametrize("pattern", [r"(?:^|\s)[وف]?قتل", r"[^x]y", r"\s?\.ab", r"(?:^|\s)(?:نحن|ان\s+شاء)"])
def test_characters_not_spelled_out_before_the_literal(pattern: str) -> None:
    rx = re.compile(pattern)
    assert literal_starts(rx) is not None
    scan = PrefixScan([rx])
    for text in ("قتل وقتل مقتل\nفقتل", "yxyay", ".ab .ab\t.abc", "نحن ان شاء الله نحن", "ان  شاء"):
        assert [m.span() for m in scan.finditer(0, text)] == [m.span() for m in rx.finditer(text)]


def test_look_ahead_constrains_where_a_match_starts() -> None:
    rx = re.compile(r"(?:[,;:]\s*|\s)(?=(?:بعد\s+ان|حيث|وفي))")
    assert literal_starts(rx) is not None
    scan = PrefixScan([rx])
    text = "قال, حيث كان بعد  ان وصل وفي, وفي: بعد ان"
    for pos, endpos in ((0, len(text)), (3, 20), (5, len(text)), (0, 9)):
        assert [m.span() for m in scan.finditer(0, text, pos, endpos)] == [
            m.span() for m in rx.finditer(text, pos, endpos)]


def test_a_prefix_after_the_text_start_is_tried_at_position_0_only() -> None:
    # "^" (without MULTILINE) stands at position 0 only: "(?:^|\s)ab" is tried before each "ab" (the space) and at
    # 0, not also at each "ab" itself.
    scan = PrefixScan([re.compile(r"(?:^|\s)ab")])
    assert scan.starts("xab ab")[0] == [0, 3]
    assert PrefixScan([re.compile(r"(?m)^ab")]).starts("ab\nab")[0] == [0, 3]  # MULTILINE: after each newline too


@pytest.mark.parametrize("pattern", [r"(?:^|\s)[وف]?قتل", r"^ab", r"\Aab|cd", r"^\s+ab", r"(?:^|x)y+", r"x^ab",
                                     r"^x?", r"^|ab", r"(?m)^ab"])
def test_text_start_prefixes_find_every_match(pattern: str) -> None:
    rx = re.compile(pattern)
    scan = PrefixScan([rx])
    for text in ("ab ab", "قتل وقتل\nفقتل", " ab\nab", "cdab", "yy xyy", "", "x", "\n  ab"):
        assert [m.span() for m in scan.finditer(0, text)] == [m.span() for m in rx.finditer(text)]
        for pos in range(len(text) + 1):
            got, want = scan.search(0, text, pos), rx.search(text, pos)
            assert (got and got.span()) == (want and want.span())


def test_a_look_ahead_alone_yields_every_position_finditer_does() -> None:
    # (rasd.recognize.unlisted finds where place words begin so: every match is empty)
    rx = re.compile(r"(?=في|قرب|شمال|مال)")
    scan = PrefixScan([rx])
    for text in ("في شمال قرب", "فيفي", "شمالي", ""):
        for pos, endpos in ((0, len(text)), (1, len(text)), (0, 3)):
            assert [m.span() for m in scan.finditer(0, text, pos, endpos)] == [
                m.span() for m in rx.finditer(text, pos, endpos)]
