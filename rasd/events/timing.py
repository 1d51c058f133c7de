"""When an event happened: its own time expression, the one that governs it, or an honest default.

Dates that say when a *report* was published ("تقرير نشر أمس الأربعاء") are not event dates. An event with no date
of its own takes the expression that governs it in the text (same clause, then sentence, then paragraph); failing
that, the article's news is dated to the day before publication with ACLED time-precision 2 (never the publication
date with precision 1), and a background event gets the widest range the text allows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rasd.events.context import Doc
from rasd.events.detect import Candidate
from rasd.kb.rules import load_rules
from rasd.model import Span

RULES = load_rules("timing")

_PUBLICATION_RE = RULES["publication"]
_DAY_WORD_BEFORE = RULES["day_word_before"]


@dataclass(frozen=True, slots=True)
class When:
    date: date
    date_end: date | None
    precision: int
    span: Span | None
    how: str  # "own", "statement" (the date of the report that tells it), "governing", "default"


def _usable(doc: Doc, t, since_ok: bool = False) -> bool:
    """False for dates of publication rather than of the event, and for "منذ 28 مايو" (since a date: the start
    of a state of affairs, not the day of an act; "منذ يومين" is an "ago" and stays)."""
    before = doc.folded(max(0, t.start - RULES.window("publication")), t.start).strip()
    if before.endswith("منذ") and t.kind not in ("ago",) and not since_ok:
        return False
    before = _DAY_WORD_BEFORE.sub("", before).strip()
    return not _PUBLICATION_RE.search(before)


def _as_when(doc: Doc, t, how: str) -> When:
    end = t.date_end if t.date_end != t.date_start else None
    return When(t.date, end, int(t.precision), doc.span(t.start, t.end), how)


def own_time(cand: Candidate, doc: Doc, event_clauses: frozenset = frozenset(),
             source: Span | None = None, anchors: tuple[int, ...] = ()) -> When | None:
    """The time expression in the candidate's own clause (nearest the trigger), else elsewhere in its sentence
    outside the clauses that report events of their own (unless it stands nearer this trigger than theirs). A date inside the reporting phrase ("أعلن الجيش أمس
    الجمعة أن ...") dates the statement: it is used only when the text gives no date of the act itself."""
    trig = cand.anchor.span.start
    others = [c for c in event_clauses if c != cand.clause]
    found = []
    for rank, (a, b) in enumerate((cand.clause, cand.sentence)):
        for t in doc.times:
            nearest_mine = all(abs(t.start - trig) <= abs(t.start - o) for o in anchors if o != trig)
            in_source = source is not None and source.start <= t.start < source.end
            if a <= t.start < b and _usable(doc, t, cand.anchor.value == "control_since") and (
                    rank == 0 or in_source or not any(c0 <= t.start < c1 for c0, c1 in others) or nearest_mine):
                # (the date of the statement that reports it holds for every act the statement tells)
                found.append(((in_source, rank, abs(t.start - trig)), t))
    if not found:
        return None
    key, best = min(found, key=lambda x: x[0])
    return _as_when(doc, best, "statement" if key[0] else "own")


_CONTINUES = RULES["continues"]


def governing_time(cand: Candidate, doc: Doc) -> When | None:
    """The nearest usable time expression earlier in the candidate's paragraph, at most two sentences back and in
    a sentence that reports an act itself (a digression - "وصل الصحافيون إلى سورية في العاشر من تموز" - governs
    nothing that follows)."""
    p0, _ = doc.paragraph_of(cand.anchor.span.start)
    if _CONTINUES.match(doc.folded(*cand.sentence)):
        p0 = 0  # "وأضاف البيان أن ...": the same statement goes on in a new paragraph
    i = cand.sentence_index
    lo = max(p0, doc.sentences[i - 2].start if i >= 2 else 0)
    times = [t for t in doc.times if lo <= t.start < cand.sentence[0] and _usable(doc, t)
             and any(m.kind == "trigger" or m.value in ("kill", "injure")
                     for m in doc.mentions_in(*doc.sentence_of(t.start), "trigger", "cue"))]
    if times:
        return _as_when(doc, times[-1], "governing")
    return None


def default_time(published: date | None, background: bool) -> When | None:
    """No date in the text: the news is of the last days (precision 2); background is some time before, with
    precision 3. Its representative day is a week back: context told without a date is most often of the past
    days or weeks ("وكان يتحدث في أعقاب مقتل ستة أشخاص"), and a week back stays within a week of those."""
    if published is None:
        return None
    if background:
        return When(published - timedelta(days=7), published - timedelta(days=1), 3, None, "default")
    return When(published - timedelta(days=1), published, 2, None, "default")
