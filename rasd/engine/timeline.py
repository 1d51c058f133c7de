"""A run's timeline: when each worker ran each partition and what the client did meanwhile (`rasd run --timeline`).

On a 2-core machine two workers can be at best twice as fast as one only if nobody waits: the workers never for
work, the client never for a partition it needs next, and nothing serial is left at the start or the end. CPU
seconds alone do not say where wall time went; this record does. Each span is one JSON line:

    {"who": "client" | "worker <pid>", "what": "read" | "write" | "wait" | "extract" | ..., "t0": .., "t1": ..,
     "cpu": ..., ...}

with wall-clock times (seconds since the epoch, so the client's and the workers' spans share one axis on one
machine) and the CPU seconds of the span (the thread's for the client, whose other threads feed the pool; the
process's for a worker). `bench/timeline.py` summarises and draws it. Recording is off unless asked for; off, a span
costs one attribute test.
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
                           "process_cpu": time.process_time(), "main_thread_cpu": time.thread_time()})
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


def worker_span(t0: float, cpu0: float, **info: Any) -> dict[str, Any]:
    """A span of this worker process from (`t0`, `cpu0`) = (time.time(), time.process_time()) until now."""
    return {"who": f"worker {os.getpid()}", "what": "extract", "t0": t0, "t1": time.time(),
            "cpu": time.process_time() - cpu0, **info}
