"""The per-article pipeline as data: `components()` lists the stages in order, `process(article)` runs them.

Each component reads some layers of the article's `Doc` (`requires`) and fills others (`assigns`), as spaCy's
pipeline components declare theirs; `check_components()` verifies that every layer a component needs is assigned
by one before it (a test runs it). Nothing here knows about storage or the web, so a batch engine can run `process`
over partitions of articles unchanged.

Work is done only where it can change an event: the KB mentions (cheap, and read article-wide for the country
context, genre and coreference) cover the whole article; the event candidates found on them set `doc.focus`, the
sentences that hold one, and the costly components (NER, quantities, dates) read only those and the few before them
(`Doc.focus_window`). So the result's number, date and person mentions cover the sentences the event stages read,
not the whole article (`rasd ner` still tags every sentence it is given).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from rasd.config import MAX_TEXT_ENV, max_text_chars
from rasd.doc import Doc
from rasd.errors import ArticleTimeout
from rasd.events.build import extract_events
from rasd.events.coref import resolve_anaphora
from rasd.events.detect import find_candidates
from rasd.events.timing import writing_day
from rasd.events.vetting import unfiltered, vet
from rasd.model import Article, ArticleResult, Span
from rasd.recognize.mentions import build_automaton, find_mentions
from rasd.recognize.unlisted import ner_mentions, ner_sentences, persons_on_demand
from rasd.settings import DEFAULT_SETTINGS, Settings
from rasd.text.dates import find_time_expressions
from rasd.text.language import arabic_share
from rasd.text.numbers import find_quantities
from rasd.text.segment import split_sentences

log = logging.getLogger(__name__)


@dataclass
class Context:
    """What every component may read besides the Doc: the knowledge base, the settings, the article's metadata."""

    kb: object
    article: Article
    settings: Settings = DEFAULT_SETTINGS
    decide: str = "model"  # who decides which of the rules' events are coded (see process)


@dataclass(frozen=True)
class Component:
    """One named stage: `run(doc, ctx)` fills the Doc layers it `assigns` from those it `requires`."""

    name: str
    run: Callable[[Doc, Context], None]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    why: str = field(default="", compare=False)


#: Who may decide which of the rules' events are coded (`process(decide=...)`).
DECISIONS = ("model", "rules", "candidates")
#: The layers a fresh Doc holds before any component runs.
GIVEN = ("text", "published", "norm", "paragraphs")


def _language(doc: Doc, ctx: Context) -> None:
    article = ctx.article
    if not doc.text.strip():
        doc.skipped = "empty text"
        return
    if article.language and not article.language.startswith("ar"):
        doc.skipped = f"not Arabic (language {article.language})"  # e.g. Persian, which shares the script
        return
    share = arabic_share(doc.text, ctx.settings.arabic_sample_chars)
    if share < ctx.settings.min_arabic_share:
        doc.skipped = f"not Arabic (Arabic letters {share:.0%})"
        article.language = article.language or "other"
        return
    article.language = doc.language = article.language or "ar"
    cap = ctx.settings.max_text_chars
    limit = cap if cap is not None else MAX_TEXT_CHARS if MAX_TEXT_CHARS is not None else max_text_chars()
    if limit and len(doc.text) > limit:
        article.text = cap_text(doc.text, limit)
        doc.cut(article.text)
        warning = (f"text cut to its first {len(doc.text):,} characters (longer than the cap of {limit:,}; "
                   f"{MAX_TEXT_ENV} or [extract] max_text_chars in rasd.toml raises it)")
        log.warning("%s: %s", article.source_path or article.article_id[:12], warning)
        doc.warnings.append(warning)
    if doc.published is None:
        doc.warnings.append("no publication date: relative dates cannot be resolved")


def _sentences(doc: Doc, ctx: Context) -> None:
    doc.set_sentences(split_sentences(doc.text))


def _kb_mentions(doc: Doc, ctx: Context) -> None:
    doc.kb_mentions = find_mentions(doc.text, ctx.kb)


def _anaphora(doc: Doc, ctx: Context) -> None:
    doc.set_mentions(resolve_anaphora(doc.text, list(doc.kb_mentions), ctx.kb))


def _candidates(doc: Doc, ctx: Context) -> None:
    doc.candidates = find_candidates(doc)


def _focus(doc: Doc, ctx: Context) -> None:
    doc.focus = _sentences_of(doc.candidates)


def _sentences_of(candidates: list) -> set[int]:
    """The sentences that hold an event candidate."""
    return {c.sentence_index for c in candidates} - {-1}


def _ner(doc: Doc, ctx: Context) -> None:
    s = ctx.settings
    now, later = ner_sentences(doc.text, doc.sentences, doc.focus, doc.focus_window(s.sentences_before_event),
                               doc.kb_mentions, ctx.kb, s)
    doc.add_mentions(ner_mentions(doc.text, now, doc.kb_mentions, ctx.kb, settings=s))
    doc.find_persons = persons_on_demand(doc.text, later, doc.kb_mentions, ctx.kb, s)


def _quantities(doc: Doc, ctx: Context) -> None:
    doc.quantities = find_quantities(doc.text, _ranges(doc.sentences, doc.focus))


def _times(doc: Doc, ctx: Context) -> None:
    window = doc.focus_window(ctx.settings.sentences_before_event)
    doc.times = find_time_expressions(doc.text, doc.published, _ranges(doc.sentences, window))
    written = writing_day(doc.times, doc.published)
    if written is not None:
        # "أمس الثلاثاء" in a Thursday paper: its writer's "أمس" and "اليوم" are of Wednesday
        doc.times = find_time_expressions(doc.text, written, _ranges(doc.sentences, window))
        doc.written = written


def _events(doc: Doc, ctx: Context) -> None:
    doc.events = extract_events(doc, ctx.kb, ctx.article, doc.candidates, ctx.settings, keep_filtered=True)


def _decide(doc: Doc, ctx: Context) -> None:
    if ctx.decide == "rules":
        doc.events = unfiltered(doc.events)
    elif ctx.decide == "model":
        doc.events = vet(doc.events, doc.text, doc.published,
                         brief=len(doc.sentences) <= ctx.settings.brief_sentences)


_COMPONENTS = (
    Component("language", _language, ("text",), ("language",),
              "Arabic only: an empty, non-Arabic or mostly non-Arabic article stops here (doc.skipped); a text over "
              "the cap is cut at a sentence end"),
    Component("sentences", _sentences, ("text",), ("sentences", "clauses"),
              "sentences, and the clauses an event mention stays inside"),
    Component("kb_mentions", _kb_mentions, ("text",), ("kb_mentions",),
              "every KB name, cue and trigger of the whole article (cheap; read article-wide)"),
    Component("anaphora", _anaphora, ("kb_mentions",), ("mentions",),
              "'the organisation' after a named group is that group"),
    Component("candidates", _candidates, ("sentences", "clauses", "mentions"), ("candidates",),
              "one event mention per clause with a trigger"),
    Component("focus", _focus, ("candidates",), ("focus",), "the sentences the costly stages read"),
    Component("ner", _ner, ("sentences", "focus", "kb_mentions", "mentions"), ("mentions", "find_persons"),
              "persons and towns the KB lacks, in the focus window only"),
    Component("quantities", _quantities, ("sentences", "focus"), ("quantities",), "amounts in focus sentences"),
    Component("times", _times, ("sentences", "focus", "published"), ("times", "written"),
              "dates in the focus window, read against the day the text says it was written"),
    Component("events", _events, ("candidates", "mentions", "find_persons", "quantities", "times", "written"),
              ("events",),
              "fill, type and merge the ACLED events; those the coding filters leave out marked, not dropped"),
    Component("decide", _decide, ("events",), ("events",),
              "which events are coded: the learned check (rasd.events.vetting), the rules' filters, or all"),
)


def components() -> list[Component]:
    """The pipeline's components, in the order `process` runs them."""
    return list(_COMPONENTS)


def check_components(stages: list[Component] | None = None) -> list[str]:
    """The problems of a component list: a layer required before any component (or the Doc) assigns it, a name
    used twice. Empty when the order is sound."""
    stages = components() if stages is None else stages
    assigned = set(GIVEN)
    problems = []
    seen: set[str] = set()
    for c in stages:
        if c.name in seen:
            problems.append(f"{c.name}: the name is used twice")
        seen.add(c.name)
        problems += [f"{c.name}: requires {layer!r}, which no earlier component assigns"
                     for layer in c.requires if layer not in assigned]
        assigned.update(c.assigns)
    return problems


#: Seconds one article may take (`process`'s default time_limit, so `rasd serve`, `watch` and `run` all have it):
#: far above what the text cap allows on this code (a few seconds), so it only ever stops a pathological case.
ARTICLE_TIME_LIMIT_S = 60.0

#: Characters of article text processed at most; None reads the configured cap (`max_text_chars`). A news
#: article is a few thousand characters; a longer text is a dump, a feed page or an attack on the extractor's time.
#: (`Settings.max_text_chars`, when set, wins over this.)
MAX_TEXT_CHARS: int | None = None

#: Where a text may be cut: after a sentence's end mark or at a line break.
_SENTENCE_ENDS = (".", "!", "?", "؟", "\n")


def cap_text(text: str, limit: int) -> str:
    """The text cut to at most `limit` characters, after the last sentence end (or line break) before the cut
    when one lies in the last fifth, else at the last space, so no sentence is read half."""
    head = text[:limit]
    end = max(head.rfind(mark) for mark in _SENTENCE_ENDS) + 1
    if end < limit * 4 // 5:
        end = head.rfind(" ") + 1 if head.rfind(" ") >= limit * 4 // 5 else limit
    return head[:end].rstrip()


class _Budget:
    """A time budget checked between components (each is linear in the capped text, so the overrun is bounded)."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds if seconds else None

    def check(self, stage: str) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise ArticleTimeout(f"extraction stopped at {stage}: longer than {self.seconds:g} s for one article")


def process(article: Article, kb=None, time_limit: float | None = None, *, decide: str = "model",
            settings: Settings = DEFAULT_SETTINGS) -> ArticleResult:
    """Run the extractor over one article and return everything it found, or why it was skipped.

    `time_limit` (seconds; default ARTICLE_TIME_LIMIT_S, 0 for none): raise ArticleTimeout when the article takes
    longer, checked between components. `settings`: the windows and thresholds (rasd.settings).

    `decide` says who decides which of the rules' events are coded: "model" (the learned check,
    rasd.events.vetting, when its model is built; else the rules), "rules" (the rules' coding filters alone, what
    rule tests check), or "candidates" (every act the rules assemble, those the filters leave out marked in
    `missing["filtered"]`: what the model's training script learns from)."""
    if decide not in DECISIONS:
        raise ValueError(f"decide must be model, rules or candidates, not {decide!r}")
    if kb is None:
        from rasd.kb import load_kb  # loads the KB files: only when the caller has none

        kb = load_kb()
    doc = Doc(text=article.text, published=article.published)
    ctx = Context(kb=kb, article=article, settings=settings, decide=decide)
    # The KB's automaton over every surface form is built once per KB (seconds; a minute on a loaded machine): not
    # the article's time, so it is built before the article's budget starts and the first article of a worker is
    # not skipped for it (cached: a look-up afterwards).
    build_automaton(kb)
    budget = _Budget(ARTICLE_TIME_LIMIT_S if time_limit is None else time_limit)
    for component in _COMPONENTS:
        component.run(doc, ctx)
        if doc.skipped:
            break
        budget.check(component.name)
    return doc.result(article)


def event_sentences(doc: Doc, candidates: list | None = None,
                    settings: Settings = DEFAULT_SETTINGS) -> tuple[set[int], set[int]]:
    """(own, window): the indices of the sentences that hold a candidate event, and those plus the two sentences
    before each, the furthest the event stages look (rasd.events.locate._preceding for a place the sentence leaves
    unsaid, rasd.events.timing.governing_time for an earlier date). Quantities are read only in an event's own
    sentence (its tolls, its counted actors); dates and NER names also in the window. No other sentence can
    change an event, so the pipeline runs its costly stages (NER, quantities, dates) on these alone.
    `candidates`: rasd.events.detect.find_candidates(doc), when the caller has them."""
    doc.candidates = find_candidates(doc) if candidates is None else candidates
    doc.focus = _sentences_of(doc.candidates)
    return set(doc.focus), doc.focus_window(settings.sentences_before_event)


def _ranges(sentences: list[Span], wanted: set[int]) -> list[tuple[int, int]]:
    """The [start, end) text ranges of the wanted sentences, neighbours joined, in text order."""
    out: list[tuple[int, int]] = []
    last = -2
    for i in sorted(wanted):
        if i == last + 1 and out:
            out[-1] = (out[-1][0], sentences[i].end)
        else:
            out.append((sentences[i].start, sentences[i].end))
        last = i
    return out
