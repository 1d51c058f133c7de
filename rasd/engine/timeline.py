"""A run's timeline: when each worker ran each partition and what the client did meanwhile (`rasd run --timeline`).

On a 2-core machine two workers can be at best twice as fast as one only if nobody waits: the workers never for
work, the client never for a partition it needs next, and nothing serial is left at the start or the end. CPU
seconds alone do not say where wall time went; this record does. Each span is one JSON line:

    {"who": "client" | "worker <pid>", "what": "read" | "write" | "wait" | "extract" | ..., "t0": .., "t1": ..,
     "cpu": ..., ...}

with wall-clock times (seconds since the epoch, so the client's and the workers' spans share one axis on one
machine) and the CPU seconds of the span (the thread's for the client, whose other threads feed the pool; the
process's for a worker). A worker's span also carries its thread's scheduler clocks at both ends ("sched0",
"sched1": seconds on a core and seconds runnable but waiting for one, Linux's schedstat) and the seconds its
garbage collector ran ("gc"): between two partitions, the wall time that is neither is time the worker was blocked
(waiting for work, or for a pipe), which CPU seconds cannot show and which an idle machine does not remove; the
time runnable but waiting is the cores' contention (the client's writer, or other programs on a shared machine).
`bench/timeline.py` summarises and draws it. Recording is off unless asked for; off, a span costs one attribute
test.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


class Timeline:
    """Spans collected in memory and written as JSON lines by `save` (a run records a few hundred)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else None
        self.enabled = self.path is not None
        self.spans: list[dict[str, Any]] = []
        if self.enabled:
            GC_CLOCK.install()
            self.spans.append({"who": "client", "what": "process", "t0": _process_start(), "t1": time.time(),
                               "cpu": time.process_time(), "pid": os.getpid()})

    @contextmanager
    def span(self, what: str, who: str = "client", **info: Any) -> Iterator[dict[str, Any]]:
        """Record the wall and this thread's CPU time of the `with` body; `info` (and what the body adds to the
        yielded dict) goes with it."""
        if not self.enabled:
            yield info
            return
        t0, cpu0 = time.time(), time.thread_time()
        try:
            yield info
        finally:
            self.spans.append({"who": who, "what": what, "t0": t0, "t1": time.time(),
                               "cpu": time.thread_time() - cpu0, **info})

    def add(self, span: dict[str, Any]) -> None:
        """Record a span measured elsewhere (a worker's, returned with its partition's results)."""
        if self.enabled:
            self.spans.append(span)

    def save(self) -> None:
        """Write the spans, and an "end" span with the CPU seconds of the whole client process (its other
        threads, which feed the pool and unpickle results, are in no span of their own)."""
        if not self.enabled or self.path is None:
            return
        now = time.time()
        self.spans.append({"who": "client", "what": "end", "t0": now, "t1": now, "cpu": 0.0,
                           "process_cpu": time.process_time(), "main_thread_cpu": time.thread_time(),
                           "sched": sched_clock(), "gc": GC_CLOCK.seconds, "gc_runs": GC_CLOCK.runs,
                           "gc_full": GC_CLOCK.full_seconds, "gc_full_runs": GC_CLOCK.full_runs})
        with self.path.open("w", encoding="utf-8") as fh:
            for span in sorted(self.spans, key=lambda s: s["t0"]):
                fh.write(json.dumps(span) + "\n")


#: The timeline of a run that records none.
OFF = Timeline()


def _process_start() -> float:
    """When this process started (wall clock): the interpreter's start-up and imports are serial time too. Its age
    from /proc (to 10 ms) rather than psutil's create_time, which counts from the boot time in whole seconds (0.8 s
    early here)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as fh:
            started = int(fh.read().rsplit(")", 1)[1].split()[19]) / os.sysconf("SC_CLK_TCK")
        with open("/proc/uptime", encoding="ascii") as fh:
            uptime = float(fh.read().split()[0])
        return time.time() - (uptime - started)
    except (OSError, ValueError, IndexError):  # no /proc: the timeline starts at the first span
        return time.time()


def worker_span(t0: float, cpu0: float, sched0: list[float] | None = None, gc0: float = 0.0,
                **info: Any) -> dict[str, Any]:
    """A span of this worker process from (`t0`, `cpu0`, `sched0`, `gc0`) = (time.time(), time.process_time(),
    sched_clock(), GC_CLOCK.seconds) until now."""
    return {"who": f"worker {os.getpid()}", "what": "extract", "t0": t0, "t1": time.time(),
            "cpu": time.process_time() - cpu0, "sched0": sched0, "sched1": sched_clock(),
            "gc": GC_CLOCK.seconds - gc0, **info}


def sched_clock() -> list[float] | None:
    """[seconds this thread ran on a core, seconds it was runnable but waited for one] since it started, from
    /proc/thread-self/schedstat (Linux); None where there is none. Wall time less both is time it was blocked."""
    try:
        with open("/proc/thread-self/schedstat", encoding="ascii") as fh:
            ran, waited = fh.read().split()[:2]
        return [int(ran) / 1e9, int(waited) / 1e9]
    except (OSError, ValueError):
        return None


class _GcClock:
    """CPU seconds the cyclic garbage collector ran in this process (of the thread that ran it), once `install`ed:
    a callback at the start and end of each collection (~1 microsecond each, a few thousand collections a run).
    `full` counts the full (generation 2) collections and their seconds apart: each walks every object the process
    holds that is not frozen (gc.freeze)."""

    def __init__(self) -> None:
        self.seconds, self.runs, self.full_seconds, self.full_runs = 0.0, 0, 0.0, 0
        self._started, self._installed = 0.0, False

    def install(self) -> None:
        import gc

        if not self._installed:
            self._installed = True
            gc.callbacks.append(self._tick)

    def _tick(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._started = time.thread_time()
            return
        took = time.thread_time() - self._started
        self.seconds += took
        self.runs += 1
        if info.get("generation") == 2:
            self.full_seconds += took
            self.full_runs += 1


#: This process's garbage-collection clock (installed by an enabled Timeline, and by workers on their first span).
GC_CLOCK = _GcClock()
