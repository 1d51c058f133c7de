"""Sentences and tokens of Arabic (and Latin) news text, with offsets into the original text.

Everything is computed on the folded text (rasd.text.normalize) and mapped back, so `ان”` and `أن "` tokenise alike
and every Span / Token points at the characters as published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from rasd.errors import TextError
from rasd.model import Span
from rasd.text.clitics import analyse
from rasd.text.normalize import TRAILING_MARKS, NormalizedText, fold, normalize

__all__ = ["Token", "split_sentences", "tokenize", "segment_word", "tokens_of"]


@dataclass(frozen=True, slots=True)
class Token:
    """One word, number or punctuation mark. `text` is the original surface, `norm` its folded form, `stem` the
    folded word without its clitics (a taa marbuta hidden before a pronoun is restored: مدينته -> مدينه)."""

    start: int
    end: int
    text: str
    norm: str
    stem: str
    proclitics: tuple[str, ...]
    enclitics: tuple[str, ...]

    @property
    def is_word(self) -> bool:
        return self.norm[:1].isalpha()

    @property
    def is_number(self) -> bool:
        return self.norm[:1].isdecimal()


_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[^\s\w]|_")
_NOT_PRONOUN_FINAL = ("ة", "ى")  # a final taa marbuta or alef maqsura is never an enclitic pronoun
_HAMZA_ALEF = "أإآ"
_ARABIC_MARKS = frozenset(chr(c) for c in range(0x064B, 0x0660)) | {"\u0670", "\u0640"}
_TRAILING_MARKS = TRAILING_MARKS  # diacritics and tatweel after a letter belong to it


def _require_str(text: object) -> str:
    if not isinstance(text, str):
        raise TextError(f"expected text (str), got {type(text).__name__}")
    return text


def segment_word(word: str) -> tuple[tuple[str, ...], str, tuple[str, ...]]:
    """Split a (folded) word into proclitics, stem and enclitics: والحشد -> (("و", "ال"), "حشد", ())."""
    word = fold(_require_str(word)).strip()
    if not word:
        return (), "", ()
    return analyse(word)


_MARKS_TABLE = {ord(c): None for c in _ARABIC_MARKS}


def _original_letters(surface: str) -> str:
    return surface.translate(_MARKS_TABLE)


def _token_factory():
    """A constructor for Token that skips the frozen dataclass's __init__ (which sets each field through
    object.__setattr__ and costs three times as much): the slot descriptors set the fields directly, once, at
    creation; the instance is as immutable afterwards as one built by Token(...)."""
    new = object.__new__
    setters = tuple(Token.__dict__[f.name].__set__ for f in fields(Token))
    s0, s1, s2, s3, s4, s5, s6 = setters

    def make(start: int, end: int, text: str, norm: str, stem: str, pro: tuple[str, ...],
             enc: tuple[str, ...]) -> Token:
        t = new(Token)
        s0(t, start)
        s1(t, end)
        s2(t, text)
        s3(t, norm)
        s4(t, stem)
        s5(t, pro)
        s6(t, enc)
        return t

    return make


_make_token = _token_factory()
#: (folded word, original spelling) -> its analysis, for the words whose spelling matters to `analyse` (a final ة,
#: an initial أل): saves stripping the marks and re-keying the analysis cache for every occurrence.
_SPELLING_MEMO: dict[tuple[str, str], tuple[tuple[str, ...], str, tuple[str, ...]]] = {}
_SPELLING_MEMO_MAX = 16_384


def tokens_of(nt: NormalizedText, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of an already normalised text (lets callers that hold a NormalizedText avoid folding twice); with
    `start`/`end`, only those of that stretch of the folded text (cut it between words)."""
    out: list[Token] = []
    append = out.append
    make = _make_token
    original = nt.original
    index = nt.index
    n_orig = len(original)
    marks = _TRAILING_MARKS
    memo = _SPELLING_MEMO
    for m in _TOKEN.finditer(nt.text, start, len(nt.text) if end is None else end):
        norm = m.group()
        s, e = m.span()
        start, end = index[s], index[e - 1] + 1  # NormalizedText.to_original, inlined for speed
        while end < n_orig and original[end] in marks:
            end += 1
        surface = original[start:end]
        if norm[0].isalpha():  # ¹ and ½ are \w but neither letters nor decimal digits: left as they are
            if norm[-1] in "هي" or norm.startswith("ال"):
                key = (norm, surface)
                found = memo.get(key)
                if found is None:
                    letters = _original_letters(surface)
                    found = analyse(norm, letters.endswith(_NOT_PRONOUN_FINAL), letters[:1] in _HAMZA_ALEF)
                    if len(memo) >= _SPELLING_MEMO_MAX:
                        memo.clear()
                    memo[key] = found
                pro, stem, enc = found
            else:
                pro, stem, enc = analyse(norm)
        else:
            pro, stem, enc = (), norm, ()
        append(make(start, end, surface, norm, stem, pro, enc))
    return out


def tokenize(text: str) -> list[Token]:
    """Words, numbers (with their , and . separators) and punctuation marks, left to right."""
    return tokens_of(normalize(_require_str(text)))


# --- sentences -------------------------------------------------------------------------------------------------

_TERMINATORS = ".!?…"
_CLOSERS = "\"')]}»”’›>"
# A dateline opening a paragraph: «بغداد - رويترز:», «القاهرة (أ ف ب) -», «دمشق - «الحياة»:».
_DATELINE = re.compile(r"[^\W\d_][^\n.!?:()\-]{0,40}?\s*(?:\([^()\n]{1,30}\)\s*[-:]|[-]\s*[^\n.!?:()\-]{1,30}?:)")
_LATIN_ABBREV = re.compile(r"(?:\b[A-Za-z]|Mr|Mrs|Dr|St|Jr|Sr|No|vs|etc|Gen|Col|Lt|Sgt|Capt|Maj|Prof|Inc|Ltd|Co)$")


def _is_boundary(folded: str, i: int) -> bool:
    """Is the terminator at folded[i] the end of a sentence (not a decimal point, an abbreviation or an ellipsis
    followed by lower-case Latin)?"""
    ch = folded[i]
    if ch == ".":
        if 0 < i < len(folded) - 1 and folded[i - 1].isdigit() and folded[i + 1].isdigit():
            return False
        if i + 1 < len(folded) and folded[i + 1] in _TERMINATORS:
            return False
        if _LATIN_ABBREV.search(folded[max(0, i - 5):i]):
            return False
        if i > 0 and folded[i - 1].isalpha() and (i == 1 or not folded[i - 2].isalnum()):
            return False  # a one-letter abbreviation: د. محمد، (م. ب)، أ.ف.ب
        nxt = folded[i + 1:i + 3].lstrip()
        if nxt[:1].isalpha() and nxt[:1].islower() and nxt[:1].isascii():
            return False
    elif i + 1 < len(folded) and folded[i + 1] in _TERMINATORS:
        return False
    return True


_SPECIAL = re.compile(r"[\n" + re.escape(_TERMINATORS) + "]")
_NON_SPACE = re.compile(r"\S")


def _cut_points(folded: str) -> list[int]:
    """Offsets in the folded text where one sentence ends and the next may begin.

    Jumps from one line break or terminator to the next (a regex search) instead of visiting every character."""
    cuts: list[int] = []
    n = len(folded)
    paragraph_start = True
    i = 0
    while i < n:
        if paragraph_start:
            m = _NON_SPACE.search(folded, i)
            k = m.start() if m else n
            cuts.extend(p for p in range(i, k) if folded[p] == "\n")  # blank lines between paragraphs
            if m is None:
                break
            paragraph_start = False
            m = _DATELINE.match(folded, k)
            if m and "\n" not in m.group():
                cuts.append(m.end())
                i = m.end()
                continue
            i = k
        m = _SPECIAL.search(folded, i)
        if m is None:
            break
        i = m.start()
        if folded[i] == "\n":
            cuts.append(i)
            paragraph_start = True
        elif _is_boundary(folded, i):
            j = i + 1
            while j < n and (folded[j] in _CLOSERS or folded[j] in _TERMINATORS):
                j += 1
            cuts.append(j)
            i = j
            continue
        i += 1
    return cuts


def split_sentences(text: str) -> list[Span]:
    """Sentences, headlines (lines without final punctuation) and datelines, as Spans of `text`.

    Together the spans cover every non-blank character; each is trimmed of surrounding white space.
    """
    nt = normalize(_require_str(text))
    folded = nt.text
    spans: list[Span] = []
    prev = 0
    for cut in [*_cut_points(folded), len(folded)]:
        if cut <= prev:
            continue
        piece = folded[prev:cut]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece.rstrip())
        if trail > lead:
            start, end = nt.to_original(prev + lead, prev + trail)
            spans.append(Span.of(text, start, end))
        prev = cut
    return _cover_dropped(text, spans)


def _cover_dropped(text: str, spans: list[Span]) -> list[Span]:
    """Characters that folding drops (direction marks, stray diacritics) between or around sentences are attached to
    the neighbouring sentence, so the spans still cover all non-blank text."""
    if not spans:
        stripped = text.strip()
        if not stripped:
            return []
        start = text.index(stripped[0])
        return [Span.of(text, start, start + len(stripped))]
    fixed: list[Span] = []
    for k, sp in enumerate(spans):
        start, end = sp.start, sp.end
        lo = fixed[-1].end if fixed else 0
        gap = text[lo:start]
        if gap.strip():
            start = lo + (len(gap) - len(gap.lstrip()))
        if k == len(spans) - 1:
            tail = text[end:]
            if tail.strip():
                end = end + len(tail.rstrip())
        fixed.append(Span.of(text, start, end))
    return fixed
