"""How much of a text is Arabic: the cheap, offline check the Arabic extractor and the ingest's language guess share.

Counts letters by deleting what is not one (a regex substitution), without building a string per letter.
"""

from __future__ import annotations

import re

# The complements of "an Arabic letter" and "a letter": deleting runs of them and measuring what is left counts the
# letters without building a string per letter (as findall would).
_NOT_ARABIC_LETTER = re.compile(r"[^\u0621-\u064A\u0671-\u06D3]+")
_NOT_LETTER = re.compile(r"[\W\d_]+")


def arabic_share(text: str, sample_chars: int = 20_000) -> float:
    """Share of letters that are Arabic in the first `sample_chars` characters (0.0 when there is no letter)."""
    sample = text[:sample_chars]
    letters = len(_NOT_LETTER.sub("", sample))
    return len(_NOT_ARABIC_LETTER.sub("", sample)) / letters if letters else 0.0
