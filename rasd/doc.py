"""The article as every stage sees it: one object per article, filled layer by layer by the pipeline's components.

`rasd.pipeline.components()` lists the stages in order; each reads some of the layers below and assigns others, so
the Doc is the one place an article's state lives (spaCy's `Doc`): the text, its folded form with the offset map,
sentences, clauses and paragraphs, the recognised mentions by kind (`layer`), quantities, time expressions, the
event mentions (`candidates`) and the events. The event modules ask it positional questions ("which actors are in
this clause, before the trigger?") and never re-read raw text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from rasd.kb.rules import load_rules
from rasd.model import Article, ArticleResult, Event, Mention, Span
from rasd.text.dates import TimeExpression
from rasd.text.normalize import NormalizedText, folded_positions, normalize
from rasd.text.numbers import Quantity
from rasd.text.prefilter import PrefixScan

if TYPE_CHECKING:  # the event layer builds on the Doc; the Doc only names its type
    from rasd.events.detect import Candidate

RULES = load_rules("context")

_CLAUSE_RE = RULES["clause"]
#: The clause boundaries tried only where one of their literal starts occurs (a comma, a space before a clause word).
_CLAUSE_SCAN = PrefixScan([_CLAUSE_RE])



@dataclass
class Doc:
    """One article and every layer found in it. All offsets are into `text` (the original article text).

    Built empty by the pipeline (or whole, by a test that hands it sentences and mentions) and filled by the
    components in order; each layer says which component assigns it (rasd.pipeline.components)."""

    text: str
    published: date | None = None
    sentences: list[Span] = field(default_factory=list)  # "sentences"
    mentions: list[Mention] = field(default_factory=list)  # every mention, in text order ("mentions", "ner")
    quantities: list[Quantity] = field(default_factory=list)  # "quantities": in the focus sentences only
    times: list[TimeExpression] = field(default_factory=list)  # "times": in the focus window only
    #: The day the text was written when its own words say it is not `published` ("times": timing.writing_day)
    written: date | None = None
    norm: NormalizedText | None = None  # the folded text and its offset map
    clauses: list[tuple[int, int]] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    #: The countries the article itself names, each with what names it: the ids of its places, "adj" for a
    #: nationality word (set by the events: build.country_context)
    support_of: dict[str, set[str]] = field(default_factory=dict)
    #: Persons found on demand: called with (start, end) whenever an event stage asks for persons there, it returns
    #: the persons of that stretch not yet among the mentions (the pipeline runs the NER for them only then).
    find_persons: Callable[[int, int], list[Mention]] | None = None
    #: The KB's mentions as the recogniser found them, before anaphora (what the NER must not overlap).
    kb_mentions: list[Mention] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)  # event mentions, one per clause with a trigger
    #: The sentences that hold an event candidate: the costly stages (NER, quantities, dates) read these and the
    #: few before them (focus_window), the furthest an event stage looks, and nothing else.
    focus: set[int] = field(default_factory=set)
    events: list[Event] = field(default_factory=list)
    language: str | None = None  # what the language check decided ("ar"), None until it ran
    skipped: str | None = None  # why the pipeline stopped before the events, None when it did not
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.mentions.sort(key=lambda m: (m.span.start, -m.span.end))
        self._starts = [m.span.start for m in self.mentions]
        if self.norm is None:
            self.norm = normalize(self.text)
            self._folded_at = folded_positions(self.norm)
        else:  # (a NormalizedText handed in is read by bisection)
            self._folded_at = None
        if not self.clauses:
            self.clauses = self._split_clauses()
        if not self.paragraphs:
            self.paragraphs = self._split_paragraphs()

    def cut(self, text: str) -> None:
        """Replace the text by a shorter one (the pipeline's text cap cuts it before any layer is read from it),
        rebuilding the layers made from the text."""
        self.text = text
        self.norm = normalize(text)
        self._folded_at = folded_positions(self.norm)
        self.clauses = self._split_clauses()
        self.paragraphs = self._split_paragraphs()

    def set_sentences(self, sentences: list[Span]) -> None:
        """The sentences, and the clauses cut from them (a clause never crosses a sentence)."""
        self.sentences = sentences
        self.clauses = self._split_clauses()

    def set_mentions(self, mentions: list[Mention]) -> None:
        """Replace the mentions (anaphora resolution re-points some), keeping the position index in step."""
        self.mentions = mentions
        self.mentions.sort(key=lambda m: (m.span.start, -m.span.end))
        self._starts = [m.span.start for m in self.mentions]

    def add_mentions(self, more: list[Mention]) -> None:
        """Add mentions found after the Doc was built (the pipeline names people and places with the statistical
        NER only in the sentences events turn out to need), keeping the position index in step."""
        if more:
            # inserted in place (bisected): re-sorting every mention on each call made long articles quadratic
            if len(more) > 8:
                self.mentions.extend(more)
                self.mentions.sort(key=lambda m: (m.span.start, -m.span.end))
            else:
                for m in more:
                    insort_right(self.mentions, m, key=lambda x: (x.span.start, -x.span.end))
            self._starts = [m.span.start for m in self.mentions]

    def layer(self, kind: str) -> list[Mention]:
        """The mentions of one kind ("actor", "place", "trigger", "person" ...), in text order."""
        return [m for m in self.mentions if m.kind == kind]

    def focus_window(self, before: int) -> set[int]:
        """The focus sentences and the `before` sentences ahead of each: what an event stage may read."""
        return {k for i in self.focus for k in range(i - before, i + 1) if k >= 0}

    def result(self, article: Article) -> ArticleResult:
        """What the pipeline hands back: the events, and every mention with the quantities and dates as mentions."""
        mentions = self.mentions + [Mention("number", Span(q.start, q.end, q.text), q.value, q.kind)
                                    for q in self.quantities] \
            + [Mention("date", Span(t.start, t.end, t.text), (t.date_start, t.date_end), f"precision {t.precision}")
               for t in self.times]
        return ArticleResult(article=article, mentions=mentions, events=self.events,
                             skipped=self.skipped, warnings=self.warnings)

    # -- positions ---------------------------------------------------------------------------------------------
    def _split_clauses(self) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        folded, index = self.norm.text, self.norm.index
        for sent in self.sentences:
            # The sentence's stretch of the article's folded text (folding is per character: the same as folding
            # the sentence alone), searched in place.
            f_start, f_end = bisect_left(index, sent.start), bisect_left(index, sent.end)
            cuts = [0]
            for m in _CLAUSE_SCAN.finditer(0, folded, f_start, f_end):
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

    def _find(self, ranges: list[tuple[int, int]], pos: int) -> tuple[int, int]:
        """The range holding `pos` (sentences, clauses and paragraphs are sorted and disjoint, so the one that
        starts last at or before it is the only candidate: a bisection, not a scan - a scan per event made long
        articles quadratic)."""
        i = bisect_right(self._starts_of(ranges), pos) - 1
        if i >= 0 and ranges[i][0] <= pos < ranges[i][1]:
            return ranges[i]
        return (pos, pos + 1)

    def _starts_of(self, ranges: list) -> list[int]:
        """The start offsets of a list of ranges (or Spans), memoised per list (rebuilt when it grows)."""
        cache = self.__dict__.setdefault("_range_starts", {})
        key = id(ranges)
        held = cache.get(key)
        if held is None or held[0] is not ranges or len(held[1]) != len(ranges):
            held = (ranges, [r.start if isinstance(r, Span) else r[0] for r in ranges])
            cache[key] = held
        return held[1]

    def clause_of(self, pos: int) -> tuple[int, int]:
        return self._find(self.clauses, pos)

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = self.sentence_index(pos)
        return (self.sentences[i].start, self.sentences[i].end) if i >= 0 else (pos, pos + 1)

    def paragraph_of(self, pos: int) -> tuple[int, int]:
        return self._find(self.paragraphs, pos)

    def sentence_index(self, pos: int) -> int:
        i = bisect_right(self._starts_of(self.sentences), pos) - 1
        if i >= 0 and self.sentences[i].start <= pos < self.sentences[i].end:
            return i
        return -1

    def times_in(self, start: int, end: int) -> list:
        """The time expressions starting in [start, end), in the order of `times` (bisected: each event asks for
        its clause and sentence only, so the cost stays linear in the article's length)."""
        order = self.__dict__.get("_times_order")
        if order is None or order[0] is not self.times or len(order[1]) != len(self.times):
            ranked = sorted(range(len(self.times)), key=lambda k: self.times[k].start)
            order = (self.times, ranked, [self.times[k].start for k in ranked])
            self.__dict__["_times_order"] = order
        _, ranked, starts = order
        picked = sorted(ranked[bisect_left(starts, start):bisect_left(starts, end)])
        return [self.times[k] for k in picked]

    def mentions_in(self, start: int, end: int, *kinds: str) -> list[Mention]:
        """Mentions lying wholly inside [start, end), optionally of the given kinds, in text order."""
        if self.find_persons is not None and "person" in kinds:
            self.add_mentions(self.find_persons(start, end))
        mentions = self.mentions
        out = []
        for i in range(bisect_right(self._starts, start - 1), len(mentions)):
            m = mentions[i]
            span = m.span
            if span.start >= end:
                break
            if span.end <= end and (not kinds or m.kind in kinds):
                out.append(m)
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
        `end` (no re-normalising of substrings), found in the offset table when the Doc has one
        (normalize.folded_positions: two list lookups, not two bisections)."""
        if start < 0:  # (comparisons, not max/min calls: this runs hundreds of times per article)
            start = 0
        n = len(self.text)
        if end > n:
            end = n
        if end <= start:
            return ""
        at = self._folded_at
        if at is not None:
            return self.norm.text[at[start]:at[end]]
        norm = self.norm
        index = norm.index
        return norm.text[bisect_left(index, start):bisect_left(index, end)]

    def span(self, start: int, end: int) -> Span:
        return Span.of(self.text, start, end)
