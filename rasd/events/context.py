"""The article as the event layer sees it: sentences, clauses, and every recognised mention, indexed by position.

Built once per article from the outputs of the language layer and the recogniser, so that the event modules only
ask positional questions ("which actors are in this clause, before the trigger?") and never re-read raw text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from rasd.kb.rules import load_rules
from rasd.model import Mention, Span
from rasd.text.normalize import NormalizedText, normalize

RULES = load_rules("context")

_CLAUSE_RE = RULES["clause"]



@dataclass
class Doc:
    """One article prepared for event extraction. All offsets are into `text` (the original article text)."""

    text: str
    published: date | None
    sentences: list[Span]
    mentions: list[Mention]
    quantities: list = field(default_factory=list)  # rasd.text.numbers.Quantity
    times: list = field(default_factory=list)  # rasd.text.dates.TimeExpression
    norm: NormalizedText | None = None
    clauses: list[tuple[int, int]] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    supported_iso3: set[str] = field(default_factory=set)  # countries the article itself names (set by the events)
    #: Persons found on demand: called with (start, end) whenever an event stage asks for persons there, it returns
    #: the persons of that stretch not yet among the mentions (the pipeline runs the NER for them only then).
    find_persons: Callable[[int, int], list[Mention]] | None = None

    def __post_init__(self) -> None:
        self.mentions.sort(key=lambda m: (m.span.start, -m.span.end))
        self._starts = [m.span.start for m in self.mentions]
        if self.norm is None:
            self.norm = normalize(self.text)
        if not self.clauses:
            self.clauses = self._split_clauses()
        if not self.paragraphs:
            self.paragraphs = self._split_paragraphs()

    def add_mentions(self, more: list[Mention]) -> None:
        """Add mentions found after the Doc was built (the pipeline names people and places with the statistical
        NER only in the sentences events turn out to need), keeping the position index in step."""
        if more:
            self.mentions.extend(more)
            self.mentions.sort(key=lambda m: (m.span.start, -m.span.end))
            self._starts = [m.span.start for m in self.mentions]

    # -- positions ---------------------------------------------------------------------------------------------
    def _split_clauses(self) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        folded, index = self.norm.text, self.norm.index
        for sent in self.sentences:
            # The sentence's stretch of the article's folded text (folding is per character: the same as folding
            # the sentence alone), searched in place.
            f_start, f_end = bisect_left(index, sent.start), bisect_left(index, sent.end)
            cuts = [0]
            for m in _CLAUSE_RE.finditer(folded, f_start, f_end):
                pos = m.end()
                if f_start < pos < f_end:
                    cuts.append(index[pos] - sent.start)
            cuts.append(sent.end - sent.start)
            for a, b in zip(cuts, cuts[1:], strict=False):
                if b > a:
                    out.append((sent.start + a, sent.start + b))
        return out

    def _split_paragraphs(self) -> list[tuple[int, int]]:
        out = []
        for m in re.finditer(r"[^\n]+", self.text):
            if m.group().strip():
                out.append((m.start(), m.end()))
        return out or [(0, len(self.text))]

    @staticmethod
    def _find(ranges: list[tuple[int, int]], pos: int) -> tuple[int, int]:
        for a, b in ranges:
            if a <= pos < b:
                return a, b
        return (pos, pos + 1)

    def clause_of(self, pos: int) -> tuple[int, int]:
        return self._find(self.clauses, pos)

    def sentence_of(self, pos: int) -> tuple[int, int]:
        return self._find([(s.start, s.end) for s in self.sentences], pos)

    def paragraph_of(self, pos: int) -> tuple[int, int]:
        return self._find(self.paragraphs, pos)

    def sentence_index(self, pos: int) -> int:
        for i, s in enumerate(self.sentences):
            if s.start <= pos < s.end:
                return i
        return -1

    def mentions_in(self, start: int, end: int, *kinds: str) -> list[Mention]:
        """Mentions lying wholly inside [start, end), optionally of the given kinds, in text order."""
        if self.find_persons is not None and "person" in kinds:
            self.add_mentions(self.find_persons(start, end))
        i = bisect_right(self._starts, start - 1)
        out = []
        while i < len(self.mentions) and self.mentions[i].span.start < end:
            m = self.mentions[i]
            if m.span.end <= end and (not kinds or m.kind in kinds):
                out.append(m)
            i += 1
        return out

    def orig_offset(self, start: int, folded_len: int) -> int:
        """The original offset reached after `folded_len` folded characters from `start` (the smallest offset whose
        folded stretch from `start` is that long): maps a match in folded text back to the article."""
        if folded_len <= 0:
            return max(0, min(start, len(self.text)))
        index = self.norm.index
        k = bisect_left(index, max(0, start)) + folded_len - 1
        return index[k] + 1 if k < len(index) else len(self.text)

    def folded(self, start: int, end: int) -> str:
        """Folded form of text[start:end] (for cue matching around a position). Folding is per character, so this
        is the stretch of the article's folded text between the first folded characters at or after `start` and
        `end` (no re-normalising of substrings)."""
        start, end = max(0, start), min(len(self.text), end)
        if end <= start:
            return ""
        index = self.norm.index
        return self.norm.text[bisect_left(index, start):bisect_left(index, end)]

    def span(self, start: int, end: int) -> Span:
        return Span.of(self.text, start, end)
