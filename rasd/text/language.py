"""How much of a text is Arabic: the cheap, offline check the Arabic extractor and the ingest's language guess share.

Letters are counted over the text's code points as one array (NumPy): what a letter is comes from the regex class
`[^\\W\\d_]` itself, read once per code point below CHART_END into a lookup table; the few characters above it
(symbols, emoji) are counted with the regex. A regex substitution over the whole text, as before, spent a few
hundred microseconds an article building the stretches it deleted; the counts are the same.
"""

from __future__ import annotations

import re
from functools import cache

# The complements of "an Arabic letter" and "a letter" (what the counts below count the characters outside of).
_NOT_ARABIC_LETTER = re.compile(r"[^\u0621-\u064A\u0671-\u06D3]+")
_NOT_LETTER = re.compile(r"[\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
#: Code points below this are classed by the lookup table (Latin, Arabic, general punctuation); above it, by _LETTER.
CHART_END = 0x2100
#: The Arabic letters' code point ranges (both ends included), as _NOT_ARABIC_LETTER excludes them.
_ARABIC_RANGES = ((0x0621, 0x064A), (0x0671, 0x06D3))


def arabic_share(text: str, sample_chars: int = 20_000) -> float:
    """Share of letters that are Arabic in the first `sample_chars` characters (0.0 when there is no letter)."""
    arabic, letters = letter_counts(text[:sample_chars])
    return arabic / letters if letters else 0.0


def letter_counts(text: str) -> tuple[int, int]:
    """(Arabic letters, letters) of `text`: the lengths of what is left when _NOT_ARABIC_LETTER, resp. _NOT_LETTER,
    is deleted from it."""
    import numpy as np  # loaded by the pipeline anyway (models); not at import, for the commands that need none

    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    arabic = sum(int(np.count_nonzero((codes >= lo) & (codes <= hi))) for lo, hi in _ARABIC_RANGES)
    high = codes >= CHART_END
    letters = int(np.count_nonzero(_letter_table()[codes[~high]]))
    if high.any():
        letters += len(_LETTER.findall("".join(map(chr, codes[high].tolist()))))
    return arabic, letters


@cache
def _letter_table():
    """For each code point below CHART_END, whether _LETTER matches it (the regex's own answer, marked by a
    substitution over all of them at once)."""
    import numpy as np

    chart = "".join(map(chr, range(1, CHART_END)))  # (code point 0 is no letter: it marks the letters below)
    marked = _LETTER.sub("\x00", chart)
    return np.concatenate(([False], np.frombuffer(marked.encode("utf-32-le"), dtype="<u4") == 0))
