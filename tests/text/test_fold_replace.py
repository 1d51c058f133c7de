"""Folding by replacing each changed character at once (rasd.text.normalize._translate) gives what the per-character
definition gives: `str.translate` with the fold table, or `_fold_char` per character where a presentation form may
expand. Checked on real news articles, their sentences and windows, and on generated strings dense in the characters
folding changes (dropped marks next to each other, replacements, ligatures)."""

from __future__ import annotations

import random
from bisect import bisect_left

import pytest

from rasd.text import normalize as norm
from rasd.text.segment import split_sentences


def _plain_fold(text: str) -> str:
    if any(0xFB50 <= ord(c) <= 0xFDFF or 0xFE70 <= ord(c) <= 0xFEFF for c in text):
        return "".join(norm._fold_char(c) for c in text)
    return text.translate(norm._TABLE)


def _plain_normalize(text: str) -> tuple[str, tuple[int, ...]]:
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        folded = norm._fold_char(ch)
        out.append(folded)
        index.extend([i] * len(folded))
    return "".join(out), tuple(index)


def _generated(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    alphabet = [*norm._REPLACEMENT, "ﻻ", "ﷲ", "ﻷ", "ﺑ", "ا", "ب", "ك", "ي", "ه", " ", "\n", "x", "1"]
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(count)]


@pytest.fixture(scope="module")
def real_texts(subset_articles: list[str]) -> list[str]:
    out = []
    for text in subset_articles[:60]:
        out.append(text)
        out.extend(text[s.start:s.end] for s in split_sentences(text))
        out.extend(text[i:i + 90] for i in range(0, len(text), 70))
    return out


def test_fold_is_the_per_character_fold(real_texts: list[str]) -> None:
    texts = real_texts + _generated(5000, 11)
    changed = 0
    for text in texts:
        assert norm._fold(text) == _plain_fold(text), text
        assert norm.fold(text) == _plain_fold(text), text
        changed += norm._fold(text) != text
    assert changed > len(texts) // 2  # most texts hold characters to fold


def test_normalize_keeps_the_offset_map(real_texts: list[str]) -> None:
    for text in real_texts[::5] + _generated(3000, 12):
        got = norm._normalize(text)
        assert (got.text, got.index) == _plain_normalize(text), text


def test_translate_hands_presentation_forms_back() -> None:
    assert norm._translate("لا ﻻ") is None
    assert norm._translate("أُمَّة") == "امه"
    assert norm._fold("ﷲ أكبر") == _plain_fold("ﷲ أكبر")


def test_folded_positions_are_the_bisections_of_the_offset_map(real_texts: list[str]) -> None:
    """normalize.folded_positions (the table Doc.folded reads) holds, for every original offset, what bisecting the
    offset map gives; a text with a presentation form (which may expand) has none."""
    tabled = 0
    for text in real_texts[::3] + _generated(3000, 13):
        nt = norm.normalize(text)
        at = norm.folded_positions(nt)
        if at is None:
            assert norm._PRESENTATION.search(text), text
            continue
        tabled += 1
        assert at == [bisect_left(nt.index, o) for o in range(len(text) + 1)], text
    assert tabled > 1000
    assert norm.folded_positions(norm.normalize("لا ﻻ")) is None


def test_doc_folded_reads_the_table_as_the_bisection(subset_articles: list[str]) -> None:
    from rasd.doc import Doc

    rng = random.Random(14)
    texts = subset_articles[:30] + ["بِسْمِ ﷲ قُتِلَ ثلاثةٌ"]
    for text in texts:
        doc = Doc(text=text)
        plain = Doc(text=text, norm=norm.normalize(text))  # (handed in: read by bisection)
        assert plain._folded_at is None and (doc._folded_at is not None or "ﷲ" in text)
        for _ in range(300):
            a, b = rng.randint(-5, len(text) + 5), rng.randint(-5, len(text) + 5)
            assert doc.folded(a, b) == plain.folded(a, b) == norm.fold(text[max(0, a):max(0, b)])


def test_offset_maps_cut_from_the_shared_ints_are_the_ranges() -> None:
    """The offset map is cut from one tuple of ints (normalize._ints), grown when a text is longer than it."""
    assert norm._ints(3, 7) == (3, 4, 5, 6) and norm._ints(5, 5) == ()
    held = len(norm._INTS)
    text = ("قُتِلَ ثلاثةٌ في بغداد، " * (held // 10))[: held + 1234]  # longer than the table: it grows
    got = norm._normalize(text)
    assert len(norm._INTS) > held
    assert (got.text, got.index) == _plain_normalize(text)
    plain = "بغداد " * (held // 5)  # nothing to drop: the map is one cut
    assert norm._normalize(plain).index == tuple(range(len(plain)))
    assert norm.folded_positions(got) == [bisect_left(got.index, o) for o in range(len(text) + 1)]
