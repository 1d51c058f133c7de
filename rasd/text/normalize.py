"""Arabic orthographic normalisation that never loses the way back to the original text.

News spells the same word many ways (أمريكا / امريكا, القاعدة / القاعده, ضحايا / ضحايى, ٤٥ / 45), and matching must
not care; but every span rasd reports points into the article as published. So `normalize` returns the folded text
together with, for every folded character, the index of the original character it came from.

Folding: diacritics, tatweel and invisible direction/format marks are removed; alef forms (أ إ آ ٱ) and the bare
hamza carriers are folded to their base letters; ى -> ي; ة -> ه; Arabic-Indic and Persian digits -> ASCII; Arabic
punctuation and typographic quotes -> their ASCII counterparts; presentation forms (ﻻ, ﷲ...) are decomposed (NFKC),
which is the one place a character can expand into several.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from rasd.errors import TextError

# Characters removed outright.
_DIACRITICS = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670", "\u06D6", "\u06D7", "\u06D8", "\u06D9", "\u06DA",
                                                          "\u06DB", "\u06DC", "\u06DF", "\u06E0", "\u06E1", "\u06E2",
                                                          "\u06E3", "\u06E4", "\u06E7", "\u06E8", "\u06EA", "\u06EB",
                                                          "\u06EC", "\u06ED"}
_TATWEEL = {"\u0640"}
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
              "\u2066", "\u2067", "\u2068", "\u2069", "\u061c", "\ufeff", "\u00ad"}
DROP: frozenset[str] = frozenset(_DIACRITICS | _TATWEEL | _INVISIBLE)
TRAILING_MARKS: frozenset[str] = frozenset(_DIACRITICS | _TATWEEL)

# One-to-one replacements.
_MAP: dict[str, str] = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي",
    "ة": "ه", "ۀ": "ه", "ہ": "ه", "ھ": "ه",
    "ؤ": "و", "ئ": "ي",
    "ک": "ك", "ڪ": "ك",
    "،": ",", "؛": ";", "؟": "?", "٪": "%", "٫": ".", "٬": ",", "۔": ".",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'",
    "–": "-", "—": "-", "−": "-", "‐": "-", "‑": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2002": " ", "\u2003": " ", "\t": " ",
}
for _i in range(10):
    _MAP[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic
    _MAP[chr(0x06F0 + _i)] = str(_i)  # Extended (Persian/Urdu)


#: str.translate table for everything but presentation forms (which may expand into several characters).
_TABLE: dict[int, str | None] = {ord(c): None for c in DROP} | {ord(k): v for k, v in _MAP.items()}
_PRESENTATION_RANGES = "\uFB50-\uFDFF\uFE70-\uFEFF"  # Arabic presentation forms (ligatures such as ﻻ, ﷲ)
_DROP_RE = re.compile("[" + "".join(re.escape(c) for c in sorted(DROP)) + "]+")
#: What each character of _TABLE becomes ("" when dropped).
_REPLACEMENT: dict[str, str] = {chr(code): new or "" for code, new in _TABLE.items()}
#: Every character folding changes: those of _TABLE and the presentation forms.
_CHANGED = re.compile("[" + "".join(re.escape(c) for c in sorted(_REPLACEMENT)) + _PRESENTATION_RANGES + "]")
if any(ch in _REPLACEMENT for new in _REPLACEMENT.values() for ch in new):  # (what _translate relies on)
    raise RuntimeError("a folded replacement holds a character that folding changes")


def _translate(text: str) -> str | None:
    """`text.translate(_TABLE)`, or None when the text holds a presentation form.

    str.translate with a dict table looks every character up in Python objects (a few hundred nanoseconds per
    character on Arabic text); a news text holds only a dozen distinct characters that folding changes, so each is
    found (one regex class scan over the text, resumed where the last one was found) and replaced everywhere at once
    by str.replace, in C. No replacement holds a character that folding changes (checked above), so replacing one
    character after another gives what translating every character at once gives."""
    search = _CHANGED.search
    found = search(text)
    while found is not None:
        ch = found.group()
        new = _REPLACEMENT.get(ch)
        if new is None:
            return None  # a presentation form: it may expand into several characters
        pos = found.start()
        text = text.replace(ch, new)
        found = search(text, pos)  # nothing before pos changes: it held no character to fold
    return text


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """The folded form of one character ('' when it is dropped); may be several characters for ligatures."""
    if ch in DROP:
        return ""
    if ch in _MAP:
        return _MAP[ch]
    code = ord(ch)
    if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:  # Arabic presentation forms
        decomposed = unicodedata.normalize("NFKC", ch)
        return "".join(_fold_char(c) for c in decomposed if c != ch) if decomposed != ch else ch
    return ch


#: Texts up to this length are folded through a memo: words, names and short windows recur across articles, and a
#: dictionary hit is cheaper than str.translate with a dict table.
_SHORT = 64


def _fold(text: str) -> str:
    folded = _translate(text)
    return folded if folded is not None else "".join(_fold_char(c) for c in text)


_fold_short = lru_cache(maxsize=8192)(_fold)


def fold(text: str) -> str:
    """The folded text alone, for keys and lookups (no offset map)."""
    if not isinstance(text, str):
        raise TextError(f"expected text (str), got {type(text).__name__}")
    return _fold_short(text) if len(text) <= _SHORT else _fold(text)


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Folded text plus, for each folded character, the index of the original character it came from."""

    original: str
    text: str
    index: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) range of the folded text back to the original text.

        The original range runs from the first source character to the last one, so a span never cuts a
        character in half and never includes dropped marks that follow it... except the ones inside it.
        """
        if not 0 <= start <= end <= len(self.text):
            raise TextError(f"range {start}:{end} outside normalised text of length {len(self.text)}")
        if start == end:
            pos = self.index[start] if start < len(self.index) else len(self.original)
            return pos, pos
        o_start = self.index[start]
        o_end = self.index[end - 1] + 1
        # Keep trailing diacritics and tatweel of the last letter inside the span (a shadda on the final consonant,
        # the kashida of "بـ").
        while o_end < len(self.original) and self.original[o_end] in TRAILING_MARKS:
            o_end += 1
        return o_start, o_end

    def to_folded(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) range of the original text to the folded text (the inverse of to_original for
        ranges that begin and end between characters, such as sentences)."""
        return bisect_left(self.index, start), bisect_left(self.index, end)


def normalize(text: str) -> NormalizedText:
    """Fold `text` for matching and keep the offset map back to it.

    Long texts are memoised (NormalizedText is immutable): the pipeline's stages each normalise the same article
    text. The cache is small, so only the last few articles' offset maps are kept; short texts are cheap and rarely
    repeat, so they are not cached."""
    if not isinstance(text, str):
        raise TextError(f"expected text (str), got {type(text).__name__}")
    return _normalize(text) if len(text) <= _SHORT else _normalize_long(text)


#: The offsets 0, 1, 2 ... as int objects made once (grown when a longer text needs more): an offset map is cut
#: from it (a tuple slice only counts references) instead of making every int of a range again for each article.
_INTS: tuple[int, ...] = tuple(range(1 << 15))


def _ints(start: int, stop: int) -> tuple[int, ...]:
    """tuple(range(start, stop)), for 0 <= start <= stop."""
    global _INTS
    if stop > len(_INTS):
        _INTS = tuple(range(max(stop, 2 * len(_INTS))))
    return _INTS[start:stop]


def _normalize(text: str) -> NormalizedText:
    folded = _translate(text)
    if folded is not None:
        # Fast path (no ligature can expand): every kept character maps to exactly one folded character.
        if len(folded) == len(text):
            return NormalizedText(text, folded, _ints(0, len(text)))
        index: list[int] = []
        prev = 0
        for m in _DROP_RE.finditer(text):  # the kept stretches between dropped runs map one to one
            index.extend(_ints(prev, m.start()))
            prev = m.end()
        index.extend(_ints(prev, len(text)))
        return NormalizedText(text, folded, tuple(index))
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        if not folded:
            continue
        out.append(folded)
        index.extend([i] * len(folded))
    return NormalizedText(text, "".join(out), tuple(index))


_normalize_long = lru_cache(maxsize=8)(_normalize)


_PRESENTATION = re.compile("[" + _PRESENTATION_RANGES + "]")


def folded_positions(nt: NormalizedText) -> list[int] | None:
    """For each original offset o (0 to len(original)), `bisect_left(nt.index, o)`: where the folded text of
    original[o:] begins, so a stretch of original offsets maps to the folded text by two list lookups instead of
    two bisections. Built from the dropped runs (a few per article) for a text `normalize` folds one character to
    one; None for a text with a presentation form (a character that may expand) or a NormalizedText that is not
    `normalize(original)`."""
    text = nt.original
    if _PRESENTATION.search(text) is not None:
        return None
    pos: list[int] = []
    prev = folded = 0
    for m in _DROP_RE.finditer(text):
        start = m.start()
        pos.extend(_ints(folded, folded + start - prev))  # kept characters map one to one
        folded += start - prev
        pos.extend([folded] * (m.end() - start))  # a dropped one: the folded text resumes at the next kept one
        prev = m.end()
    pos.extend(_ints(folded, folded + len(text) - prev + 1))
    if pos[-1] != len(nt.text) or len(nt.index) != len(nt.text):
        return None
    return pos
