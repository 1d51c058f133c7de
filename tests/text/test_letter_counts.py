"""The letter counts behind `arabic_share` (rasd.text.language.letter_counts, over a code point array) are what the
regex deletions they replaced leave: on real news articles and on generated strings from every range a text can
hold (Latin, Arabic, punctuation, presentation forms, lone surrogates, emoji above the lookup table)."""

from __future__ import annotations

import random

from rasd.text import language


def _plain_counts(text: str) -> tuple[int, int]:
    return len(language._NOT_ARABIC_LETTER.sub("", text)), len(language._NOT_LETTER.sub("", text))


def _generated(count: int) -> list[str]:
    rng = random.Random(5)
    ranges = [(0, 0x3000), (0x600, 0x700), (0x2000, 0x2200), (0xD800, 0xE000), (0xFB50, 0xFF00), (0x10000, 0x1F700)]
    return ["".join(chr(rng.randrange(*rng.choice(ranges))) for _ in range(rng.randint(0, 60)))
            for _ in range(count)]


def test_counts_are_the_regex_counts_on_generated_text() -> None:
    texts = _generated(4000)
    assert sum(1 for t in texts if _plain_counts(t)[1]) > 3000  # the strings hold letters to count
    for text in texts:
        assert language.letter_counts(text) == _plain_counts(text), text


def test_share_is_the_regex_share_on_real_articles(subset_articles: list[str]) -> None:
    for text in subset_articles:
        arabic, letters = _plain_counts(text[:20_000])
        assert language.arabic_share(text) == (arabic / letters if letters else 0.0)


def test_edges() -> None:
    assert language.letter_counts("") == (0, 0)
    assert language.arabic_share("123 ...") == 0.0
    assert language.letter_counts("بغداد Paris ٤٥ _ ²") == _plain_counts("بغداد Paris ٤٥ _ ²")
    assert language.letter_counts("\ud83d x \U0001d400") == (0, 2)  # a lone surrogate; a letter above the table
