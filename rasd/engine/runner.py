"""`rasd run` on many cores or a cluster: stream partitions out to workers, put the results back in input order,
write them in batches through one writer.

    items ─ partitions of PARTITION articles ─> backend (this process | local processes | Dask cluster)
                                                     │ results, in any order
    store <─ write_batch (WRITE_BATCH) <─ reorder buffer (by partition number)

Only a bounded number of partitions is out or waiting at any time (IN_FLIGHT per worker), so the input is never
held in memory whole and a slow partition holds up the writer, not the memory. Articles the store already has are
not sent out (one query per partition), as the serial run skips them. Results are written in input order because
dedup on write depends on order: the store, and every event id, is the same as a serial run's.
"""

from __future__ import annotations

import itertools
import os
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from rasd.engine import zygote
from rasd.engine.backends import SCHEDULER_ENV, InProcess, default_workers, make_backend
from rasd.engine.timeline import OFF, Timeline
from rasd.engine.work import Failure, extract_timed, warm, warm_as_server
from rasd.engine.writer import WRITE_BATCH, write_batch
from rasd.errors import InputError, RasdError
from rasd.model import Article
from rasd.store.rows import Prepared

#: Articles per partition: big enough that shipping a partition costs little next to extracting it (~10 ms an
#: article), small enough that the reorder buffer stays small and every worker gets work.
PARTITION = 16
#: Partitions out or waiting per worker (counted in articles, PARTITION each): keeps every worker busy while the
#: writer catches up. The client collects nothing while it writes a batch (WRITE_BATCH articles, ~1 s on a machine
#: whose cores are all busy), so the work out must last longer than that: 8 partitions a worker are ~1.6 s of
#: extraction.
IN_FLIGHT = 8
#: The last partitions (TAPER_HELD per worker) are cut in TAPER pieces each, so that the workers finish together:
#: with one partition per worker held, a worker could take the last whole partition while the other did every piece
#: (a run's last 1-2 s on a loaded machine, `--timeline`); with two, the pieces outlast any whole partition.
TAPER = 4
TAPER_HELD = 2
#: Once the whole input is out, what is in order is written as soon as it is at least 1/DRAIN_SHARE of the articles
#: the workers still have: a write costs ~3 ms an article against ~12 ms of extraction on one of the cores, so the
#: writer is done with all but the last pieces when the workers finish, in a few transactions rather than one a
#: partition.
DRAIN_SHARE = 4
#: Seconds between progress lines on stderr.
PROGRESS_EVERY = 10.0


@dataclass
class RunCounts:
    """What a run did, in the terms of the serial `rasd run`'s report."""

    processed: int = 0
    new: int = 0
    duplicates: int = 0
    events_added: int = 0
    not_extracted: Counter[str] = field(default_factory=Counter)
    failures: list[InputError] = field(default_factory=list)
    workers: str = ""
    write_cpu: float = 0.0  # CPU seconds of the writer (this thread, in write_batch): what the store costs the client


@dataclass
class _Partition:
    seq: int
    articles: list[Article]
    stored: set[str]

    def work(self) -> list[Article]:
        return [a for a in self.articles if a.article_id not in self.stored]


class _Progress:
    """articles/s and events so far, on stderr every PROGRESS_EVERY seconds (and `advance` for a progress bar)."""

    def __init__(self, say: Callable[[str], None], advance: Callable[[int], None]) -> None:
        self.say, self.advance = say, advance
        self.start = self.last = time.monotonic()

    def tick(self, counts: RunCounts, n: int) -> None:
        self.advance(n)
        now = time.monotonic()
        if now - self.last >= PROGRESS_EVERY:
            self.last = now
            self.say(self.line(counts))

    def line(self, counts: RunCounts) -> str:
        elapsed = max(time.monotonic() - self.start, 1e-9)
        return (f"rasd: run: {counts.processed} article(s) in {elapsed:.0f} s, {counts.processed / elapsed:.1f} "
                f"articles/s, {counts.events_added} event(s) added, {len(counts.failures)} failure(s)")


def _partitions(items: Iterable[Article | InputError], size: int,
                on_error: Callable[[InputError], None]) -> Iterator[list[Article]]:
    """Articles in lists of `size`; an unreadable input is reported at once and passed over."""
    chunk: list[Article] = []
    for item in items:
        if isinstance(item, InputError):
            on_error(item)
            continue
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _tapered(parts: Iterator[list[Article]], hold: int, pieces: int) -> Iterator[list[Article]]:
    """`parts`, with the last `hold` of them cut into `pieces` each. At the end of a run the workers finish one by
    one, and a worker with nothing left idles until the last partition is done: with small last partitions they
    finish within a small partition's time of each other. Holding `hold` partitions back costs nothing: the reader
    is far ahead of the workers."""
    held: deque[list[Article]] = deque()
    for part in parts:
        held.append(part)
        if len(held) > hold:
            yield held.popleft()
    for part in held:
        step = max(1, -(-len(part) // pieces))
        for i in range(0, len(part), step):
            yield part[i:i + step]


def _articles_in(parts: Iterable[_Partition]) -> int:
    return sum(len(part.articles) for part in parts)


def _timed_reads(parts: Iterator[list[Article]], timeline: Timeline) -> Iterator[list[Article]]:
    """`parts`, the time spent reading and parsing each recorded as a "read" span."""
    while True:
        with timeline.span("read"):
            chunk = next(parts, None)
        if chunk is None:
            return
        yield chunk


def start_server(workers: int | None, scheduler: str | None, kb_extra: tuple[str, ...] = ()) -> bool:
    """Start the fork server of a local run's workers (rasd.engine.zygote) now, when the run will have local
    workers: a caller that does so before its own setup (`rasd run` opens the store) has that setup done while the
    server loads the KB; `run_pipeline(warm_apart=True)` then uses it, or stops it for an input of one partition.
    The caller stops it (`zygote.stop`) if it never calls run_pipeline. True when started."""
    if (scheduler or os.environ.get(SCHEDULER_ENV)) or (workers or default_workers()) <= 1:
        return False
    return zygote.start(lambda: warm_as_server(kb_extra))


class _Preparing(threading.Thread):
    """Run `prepare` (the client's own imports, ~0.7 CPU s: the alert rules' modules with SciPy) on a thread while
    the main thread starts the workers and feeds them.

    The first partition cannot go out before the fork server has loaded the KB (~1.1 CPU s), and the main thread
    waits for it in a socket read that releases the interpreter lock; `prepare` fills that wait. Run before the
    workers instead, it was the longer of the two sides of the start (open store 0.5 + prepare 0.75 against the
    server's 1.15 CPU s, measured): the workers waited for the client's imports. What is left of it when the server
    is ready runs alongside the workers. `finish` it before anything that uses what it imports: an `import` of the
    same module meanwhile waits for it (the import lock), so an early use is only slower, never wrong. What
    `prepare` raises is kept and raised again by `finish`, in the caller's thread."""

    def __init__(self, prepare: Callable[[], None], timeline: Timeline) -> None:
        super().__init__(name="rasd-prepare", daemon=True)
        self._prepare, self._timeline = prepare, timeline
        self.failure: BaseException | None = None

    def run(self) -> None:
        try:
            with self._timeline.span("prepare", who="client thread"):
                prepare_frozen(self._prepare)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller by finish()
            self.failure = exc

    def finish(self) -> None:
        """Wait for `prepare`; raise here what it raised."""
        self.join()
        if self.failure is not None:
            raise self.failure


def _prepare_writer() -> None:
    """Import what the first write batch would (rasd.engine.writer imports it lazily): done while the workers'
    server loads the KB, it is off the run's critical path."""
    import rasd.store.batch_linking  # noqa: F401
    import rasd.store.bulk  # noqa: F401
    import rasd.store.search  # noqa: F401 - the full-text rows of a write
    import rasd.store.sql  # noqa: F401


#: Whether this process froze what it holds (`prepare_frozen`).
_CLIENT_FROZEN = False


def prepare_frozen(prepare: Callable[[], None]) -> None:
    """`prepare()` (the client's own imports: the alert rules' modules with SciPy and NumPy) with the cyclic
    garbage collector off, then, once per process, every object this process holds moved out of the collector's
    reach (gc.freeze), as `warm` does for the KB.

    In a local parallel run the client never loads the KB (rasd.engine.zygote), so nothing of it was frozen, and
    the results it unpickles (~16 KB of small objects an article) live long enough to be promoted: every few write
    batches a full collection walked SQLAlchemy's, SciPy's and the store's modules again (~65 ms each; 0.26 of the
    client's 0.38 CPU s of collections on 400 articles, `--timeline`), CPU taken from the workers' cores; and the
    imports themselves set off full collections of everything imported before them. The serial run froze the KB in
    `warm` but not the modules its first write imports; it goes through here too. What is frozen lives for the
    whole run anyway. Once per process: a long-lived one (`rasd watch`) would otherwise keep each poll's leftovers
    for good."""
    import gc

    global _CLIENT_FROZEN
    collecting = gc.isenabled()
    gc.disable()
    try:
        prepare()
    finally:
        if not _CLIENT_FROZEN:
            _CLIENT_FROZEN = True
            gc.freeze()
        if collecting:
            gc.enable()


def run_pipeline(items: Iterable[Article | InputError], repo: Any, *, workers: int | None = None,
                 scheduler: str | None = None, kb_extra: tuple[str, ...] = (),
                 on_error: Callable[[InputError], None] = lambda err: None,
                 say: Callable[[str], None] = lambda line: None,
                 advance: Callable[[int], None] = lambda n: None,
                 after_write: Callable[[], None] = lambda: None, prepare: Callable[[], None] = lambda: None,
                 warm_apart: bool = False, partition: int = PARTITION, write_every: int = WRITE_BATCH,
                 timeline: Timeline = OFF) -> RunCounts:
    """Extract `items` on the backend asked for and store the results in input order; the run's counts.

    `workers=1` (or an input of a single partition) runs in this process; otherwise `workers` local processes
    (default: the cores), or the Dask cluster at `scheduler`. Errors are passed to `on_error` (one per unreadable
    input or failed article) and collected in the counts; progress lines go to `say`; `after_write` is called
    after each write batch that stored something (the alerts of `rasd run`); `timeline` records where the time
    went (rasd.engine.timeline).

    `warm_apart`: local workers are forked from a copy of this process that loads the KB (rasd.engine.zygote)
    while this one calls `prepare` (what `after_write` will need: the alert rules' modules; on a thread of its
    own, `_Preparing`) and starts reading, on the other core; otherwise this process loads the KB and the
    workers are forked from it. Off by default: the copy is made anew for each run, so a long-lived caller (`rasd
    watch`) that keeps its own KB loaded is better served without it."""
    scheduler = scheduler or os.environ.get(SCHEDULER_ENV) or None
    counts = RunCounts()
    progress = _Progress(say, advance)

    def failed(err: InputError) -> None:
        counts.failures.append(err)
        on_error(err)

    parts = _partitions(items, partition, failed)
    with timeline.span("read"):
        first = next(parts, None)
        second = next(parts, None) if first is not None else None
    if first is None:
        if warm_apart:
            zygote.stop()
        return counts
    pooled = scheduler is None and second is not None and (workers or default_workers()) > 1
    apart = False
    if pooled and warm_apart:
        with timeline.span("start server"):
            apart = zygote.running() or start_server(workers, scheduler, kb_extra)
    elif warm_apart:
        zygote.stop()  # started early by the caller, but the input is one partition: this process runs it
    if scheduler is None and not apart:
        # Here, before a fork, the workers inherit what is loaded; in this process alone (--workers 1), the load
        # is the same as the first article's but the collector neither runs through it nor walks it again later.
        with timeline.span("warm"):
            warm(kb_extra)
    preparing: _Preparing | None = None
    client_ready = False  # `prepare` has run (on the thread, or by finish_preparing)
    if apart:
        with timeline.span("prepare"):
            _prepare_writer()  # here: the thread below imports none of the store's modules meanwhile
        preparing = _Preparing(prepare, timeline)
        preparing.start()
    if second is None and not scheduler and workers != 1:
        backend: Any = InProcess()  # one partition: a pool would cost more than it saves
    else:
        with timeline.span("start workers"):
            backend = make_backend(workers, scheduler, from_server=apart)
    counts.workers = backend.description
    pending: dict[Any, _Partition] = {}
    ready: dict[int, tuple[_Partition, list[Prepared | Failure]]] = {}
    out: list[Prepared] = []
    next_seq = 0
    # Counted in articles, not partitions: the last partitions go out in small pieces, and a window of pieces
    # would leave the workers a fraction of the work out just when the writer has its last backlog to write.
    window = IN_FLIGHT * backend.workers * partition
    draining = False  # the whole input is out: write what is in order at once, not in full batches
    servers_seen: set[float] = set()

    def write(prepared: list[Prepared]) -> None:
        if not prepared:
            return
        cpu = time.thread_time()
        with timeline.span("write", n=len(prepared)):
            stored = write_batch(repo, prepared)
        counts.write_cpu += time.thread_time() - cpu
        for item, new in zip(prepared, stored, strict=True):
            if not new:
                counts.duplicates += 1
                continue
            counts.new += 1
            counts.events_added += item.article["n_events"]
            if item.article["skipped"]:
                counts.not_extracted[item.article["skipped"]] += 1
        prepared.clear()
        if any(stored):
            with timeline.span("after write"):
                finish_preparing()
                after_write()

    def finish_preparing() -> None:
        nonlocal preparing, client_ready
        if preparing is not None:
            thread, preparing = preparing, None
            thread.finish()
        elif not client_ready:  # no thread did it (this process loaded the KB): here, before the first after_write
            prepare_frozen(prepare)
        client_ready = True

    def emit_ready() -> None:
        """Hand the partitions that are next in input order to the writer."""
        nonlocal next_seq
        while next_seq in ready:
            part, outcomes = ready.pop(next_seq)
            next_seq += 1
            results = iter(outcomes)
            for article in part.articles:
                outcome = None if article.article_id in part.stored else next(results)
                if isinstance(outcome, Failure):  # reported, and not counted as processed (as serially)
                    failed(InputError(outcome.message, outcome.source_path))
                    continue
                counts.processed += 1
                if outcome is None:
                    counts.duplicates += 1
                else:
                    out.append(outcome)
            if len(out) >= write_every:
                write(out)
            progress.tick(counts, len(part.articles))
        if draining and pending and len(out) * DRAIN_SHARE >= sum(len(p.work()) for p in pending.values()):
            # The workers are finishing the last partitions: written while they work, these articles are not left
            # for after the last partition, when nothing else runs; written once they are a share of the work
            # still out, not one transaction per partition (each costs the writer ~10 ms of its own).
            write(out)

    def collect() -> None:
        """Wait for at least one partition out on the backend; file what came back in the reorder buffer."""
        with timeline.span("wait", pending=len(pending)):
            done = backend.wait_any(set(pending))
        for future in done:
            part = pending.pop(future)
            try:
                outcomes, span = future.result()
                server = span.pop("server", None)
                if server is not None and server["t0"] not in servers_seen:  # each worker hands it over once
                    servers_seen.add(server["t0"])
                    timeline.add(server)
                timeline.add({**span, "seq": part.seq})
                ready[part.seq] = (part, outcomes)
            except Exception as exc:  # noqa: BLE001 - a lost worker pool, a cluster gone
                lost(exc)
        emit_ready()

    def lost(exc: BaseException) -> None:
        """Stop the run when the workers are gone, after storing what came back in order: a rerun finishes."""
        emit_ready()
        write(out)
        raise RasdError(f"workers failed ({backend.description}): {type(exc).__name__}: {exc}; {counts.new} new "
                        f"article(s) stored, rerun to finish (stored articles are skipped)") from exc

    chunks: Iterator[list[Article]] = itertools.chain([first], [second] if second else [], parts)
    if backend.workers > 1:
        chunks = _tapered(chunks, hold=TAPER_HELD * backend.workers, pieces=TAPER)
    try:
        for seq, articles in enumerate(_timed_reads(chunks, timeline)):
            with timeline.span("stored", seq=seq):
                stored = repo.stored_articles([a.article_id for a in articles])
            part = _Partition(seq, articles, stored)
            todo = part.work()
            if todo:
                try:
                    with timeline.span("submit", seq=seq):
                        future = backend.submit(extract_timed, todo, kb_extra)
                    pending[future] = part
                except Exception as exc:  # noqa: BLE001 - a pool already broken by a lost worker
                    lost(exc)
            else:
                ready[seq] = (part, [])
            emit_ready()
            while _articles_in(pending.values()) + _articles_in(part for part, _ in ready.values()) >= window \
                    and pending:
                collect()
        draining = backend.workers > 1  # in this process, a write would only move, not overlap
        backend.release()  # nothing more to submit: the workers end as they finish, while the last writes run
        while pending:
            collect()
        emit_ready()
        write(out)
    finally:
        if preparing is not None:  # not raised from here: it would hide why the run stopped
            preparing.join()
        with timeline.span("close"):
            backend.close()
    say(progress.line(counts) + f" ({counts.workers}; writer {counts.write_cpu:.1f} CPU s)")
    return counts
