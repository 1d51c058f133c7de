"""Per-request timing of the API, for finding which requests make a load test's slow tail (off unless asked for).

With $RASD_API_TIMING naming a folder, every server process (each worker of `rasd serve --workers N`) appends one
JSON line per request to `timing-<pid>.jsonl` there: the path and query, the seconds from the server taking the
request to its last byte sent, and what each cache layer did (`marks`: "response-hit" from the raw-answer cache,
"shared-hit" when that answer came from another worker (rasd.api.shared_cache),
"page-hit" from the route's page cache, "render" when the page was built, "index-miss" when the filter's totals
were counted, "render-s" the seconds the build took; "fast-path" when the page was answered before FastAPI
(rasd.api.fast_events); and, as seconds from the request's start, "thread-start"/"thread-end" when the build ran on a
render thread rather than the event loop, "sending-at" when the answer began to go out). A request that was slow
without a "render" of its own waited behind someone else's work in the same process; bench/bench_api.py --timing
summarises the lines.

The marks travel in a context variable holding one dict per request: anyio copies the context into the thread
that renders a page, so the same dict is written from there.
"""

from __future__ import annotations

import contextvars
import json
import os
import time
from pathlib import Path
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: The environment variable naming the folder the timing lines go to.
TIMING_ENV = "RASD_API_TIMING"

_marks: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar("rasd_api_timing", default=None)


def mark(name: str, value: Any = True) -> None:
    """Note what happened to the current request (nothing when timing is off)."""
    marks = _marks.get()
    if marks is not None:
        marks[name] = value


def mark_elapsed(name: str) -> None:
    """Note the seconds from the request's start to now under `name` (where a slow request's time went)."""
    marks = _marks.get()
    if marks is not None:
        marks[name] = round(time.perf_counter() - marks["_start"], 5)


class RequestTiming:
    """Pure ASGI middleware writing one JSON line per HTTP request (see the module's docstring)."""

    def __init__(self, app: ASGIApp, folder: str) -> None:
        self.app = app
        Path(folder).mkdir(parents=True, exist_ok=True)
        self.path = Path(folder) / f"timing-{os.getpid()}.jsonl"
        self.out = self.path.open("a", buffering=1)  # a line at a time: the server is stopped by a signal

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        marks: dict[str, Any] = {"_start": start}
        token = _marks.set(marks)
        status = 0

        async def timed_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                mark_elapsed("sending-at")
            await send(message)

        try:
            await self.app(scope, receive, timed_send)
        finally:
            _marks.reset(token)
            del marks["_start"]
            line = {"t": round(time.time(), 4), "pid": os.getpid(), "path": scope["path"],
                    "query": scope.get("query_string", b"").decode("latin-1"), "status": status,
                    "s": round(time.perf_counter() - start, 5), **marks}
            self.out.write(json.dumps(line) + "\n")


def timing_folder() -> str | None:
    """The folder named by $RASD_API_TIMING, or None (timing off)."""
    return os.environ.get(TIMING_ENV) or None
