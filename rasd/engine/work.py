"""What a worker runs: the per-article pipeline over one partition of articles, returning plain results.

The function is pure (articles in, results out; no store, no network), so it runs unchanged in a forked local
process or on a dask.distributed worker on another machine. The knowledge base is loaded once per process and kept:
a local runner loads it in the parent before forking (`warm`), so every worker shares those pages; a Dask worker
loads it on its first partition.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from rasd.errors import RasdError
from rasd.model import Article
from rasd.store.rows import Prepared

log = logging.getLogger(__name__)

#: Loaded knowledge bases of this process, by the tuple of extra KB files (() = the bundled KB).
_KBS: dict[tuple[str, ...], Any] = {}
#: The sets of extra KB files this process has warmed (`warm`).
_WARMED: set[tuple[str, ...]] = set()


@dataclass(frozen=True, slots=True)
class Failure:
    """One article the pipeline failed on: where it came from (FILE:LINE) and why. A plain value, so it pickles
    across processes where an exception with extra constructor arguments might not."""

    source_path: str | None
    message: str


def knowledge_base(kb_extra: tuple[str, ...] = ()) -> Any:
    """This process's knowledge base with `kb_extra` files, loaded on first use."""
    kb = _KBS.get(kb_extra)
    if kb is None:
        from rasd.kb import load_kb

        kb = _KBS[kb_extra] = load_kb(extra=list(kb_extra)) if kb_extra else load_kb()
    return kb


def adopt(kb_extra: tuple[str, ...], kb: Any) -> None:
    """Use `kb`, already loaded by the caller with `kb_extra` files, in this process (and in workers forked from it)."""
    _KBS[kb_extra] = kb


#: One short report run through the pipeline by `warm`: every stage builds its lazy state on first use (the
#: mention automaton, the lexicon, the clitic rates: ~2 CPU seconds), which forked workers would otherwise each build
#: again, and not share.
WARM_TEXT = ("بغداد - قتل ثلاثة مدنيين وأصيب خمسة آخرون في قصف جوي استهدف مدينة الرمادي غرب العراق يوم الثلاثاء، "
             "بحسب مصدر أمني.")


def warm(kb_extra: tuple[str, ...] = ()) -> None:
    """Load everything a worker would load lazily (KB, its sound index, the NER model, each stage's state), then
    move it out of the garbage collector's reach: forked workers then share these pages instead of copying them
    when a collection touches their reference counts.

    The cyclic garbage collector is off meanwhile: loading makes millions of long-lived objects and nearly no
    garbage, yet every few hundred thousand allocations a collection walks them all (9 full collections, a quarter
    of the ~4.4 CPU seconds of warming, measured). Before the fork this time is serial, with the other cores idle.
    Frozen, they are not walked by the full collections of the rest of the run either (in a serial run of the
    1,310-article subset those took ~2.3 CPU s, ~0.8 s once frozen).

    Once per process and set of KB files: a long-lived process (`rasd watch`) runs this for every poll, and freezing
    again would keep what each poll left for the collector out of its reach for good."""
    import gc
    from datetime import date

    from rasd.engine.warm_cache import warm_mentions
    from rasd.recognize.unlisted import sound_index

    if kb_extra in _WARMED:
        return
    _WARMED.add(kb_extra)
    collecting = gc.isenabled()
    gc.disable()
    try:
        kb = knowledge_base(kb_extra)
        warm_mentions(kb, kb_extra)  # the surface index and automaton: from disk when this KB was seen before
        sound_index(kb.gazetteer)
        try:
            from rasd.recognize.ner import NerTagger

            NerTagger.load()
        except Exception as exc:  # noqa: BLE001 - NER is optional; the pipeline works without it
            log.debug("NER unavailable: %s", exc)
        extract_partition([Article(text=WARM_TEXT, published=date(2015, 1, 6), article_id="rasd-warm")], kb_extra)
        gc.freeze()
    finally:
        if collecting:
            gc.enable()


def warm_as_server(kb_extra: tuple[str, ...] = ()) -> None:
    """`warm`, in the workers' fork server (rasd.engine.zygote), remembering when and at what cost it ran: the
    workers forked from the server inherit the record and each hands it to the client's timeline once (the
    server's "warm" span)."""
    import os
    import time

    global _SERVER_SPAN
    t0, cpu0 = time.time(), time.process_time()
    warm(kb_extra)
    _SERVER_SPAN = {"who": "server", "what": "warm", "t0": t0, "t1": time.time(), "cpu": time.process_time() - cpu0,
                    "pid": os.getpid()}


#: Set by `warm_as_server` in the fork server; in a worker forked from it, handed over with the first partition.
_SERVER_SPAN: dict[str, Any] | None = None


def extract_timed(articles: list[Article], kb_extra: tuple[str, ...] = ()) -> tuple[list[Prepared | Failure], dict]:
    """`extract_partition`, and the span it took in this process (rasd.engine.timeline): what the runner submits,
    so a run's timeline shows every worker's partitions at the cost of a small dict each (the first one also
    carries the fork server's span, when the worker came from one)."""
    import time

    from rasd.engine.timeline import GC_CLOCK, sched_clock, worker_span

    global _SERVER_SPAN
    GC_CLOCK.install()
    t0, cpu0, sched0, gc0 = time.time(), time.process_time(), sched_clock(), GC_CLOCK.seconds
    out = extract_partition(articles, kb_extra)
    span = worker_span(t0, cpu0, sched0, gc0, n=len(articles))
    if _SERVER_SPAN is not None:
        span["server"], _SERVER_SPAN = _SERVER_SPAN, None
    return out, span


def extract_partition(articles: list[Article], kb_extra: tuple[str, ...] = ()) -> list[Prepared | Failure]:
    """The pipeline over each article, in order: its result as the rows the writer stores (events carrying their
    article and a stable id, their content words, the full-text body: rasd.store.rows.prepare), or a
    Failure saying where and why; one article's failure never stops the others."""
    from rasd.ingest.sources import attach_provenance
    from rasd.pipeline import process
    from rasd.store.rows import prepare
    from rasd.store.search import search_body

    kb = knowledge_base(kb_extra)
    out: list[Prepared | Failure] = []
    for article in articles:
        try:
            result = attach_provenance(process(article, kb=kb))
            body = None if result.skipped else search_body(article.title or "", article.text)
            out.append(prepare(result, body))
        except RasdError as exc:
            out.append(Failure(article.source_path, str(exc)))
        except Exception as exc:  # a bug in a stage must not end the batch; say where
            log.debug("extractor failed on %s", article.source_path, exc_info=True)
            out.append(Failure(article.source_path, f"extractor failed: {type(exc).__name__}: {exc}"))
    return out
