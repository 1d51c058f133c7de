"""Answers to repeated GET requests sent again as they are, before FastAPI parses anything.

A dashboard asks the same pages again and again (each view loads the first page, the map's GeoJSON and the stats),
and an API client polls. The route already keeps each rendered page (rasd.api.routes.Page), but reaching it costs
FastAPI's routing, its validation of some fifteen query parameters and the dependency graph: about a millisecond of
CPU a request, several times what sending the stored bytes costs. This layer keys the answer on the raw path and
query string instead, so a repeated request costs a dictionary lookup and one `send`.

It is correct for the same reason the route's cache is: an answer is kept only while the store's stamp it was
computed under is current (rasd.api.cache.TTLCache with `file_stamp`), and the API's own writes clear it. Only
answers with status 200 and one body are kept; anything else (a 422 for an unknown parameter, a 304, an error, a
streamed export) goes through FastAPI every time. The host check, CORS and security headers are middleware outside
this one, so they apply to every answer, kept or not. A client that sends the kept answer's ETag in If-None-Match
gets a bodiless 304, as from the route.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rasd.api.cache import RENDERED_APART, TTLCache
from rasd.api.timing import mark

#: The endpoints whose answers depend only on the path, the query string and the store (not on any header).
CACHED_PATHS = frozenset({"/api/events", "/api/stats"})



@dataclass(frozen=True, slots=True)
class KeptResponse:
    """One 200 answer as FastAPI sent it: its ASGI headers, its body, and its ETag (if any) for If-None-Match."""

    headers: list[tuple[bytes, bytes]]
    body: bytes
    etag: bytes | None

    @property
    def size(self) -> int:
        return len(self.body)


class ResponseCache:
    """Pure ASGI middleware (no per-request task): serves kept answers of CACHED_PATHS, keeps new 200 ones."""

    def __init__(self, app: ASGIApp, cache: TTLCache, paths: frozenset[str] = CACHED_PATHS,
                 shared: Any = None) -> None:
        self.app = app
        self.cache = cache
        self.paths = paths
        #: The answers the other worker processes kept (rasd.api.shared_cache.SharedAnswers), or None.
        self.shared = shared

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] not in self.paths:
            await self.app(scope, receive, send)
            return
        key = ("response", scope["path"], scope.get("query_string", b""))
        # taken before computing (a write meanwhile makes the new answer stale at once), and held for the request
        hold = getattr(self.cache.stamp, "hold", None)
        token, stamp = hold() if hold is not None else (None, self.cache.stamp())
        try:
            await self._answer(scope, receive, send, key, stamp)
        finally:
            if token is not None:
                self.cache.stamp.release(token)

    async def _answer(self, scope: Scope, receive: Receive, send: Send, key: tuple[str, str, bytes],
                      stamp: Any) -> None:
        kept = self.cache.peek(key, stamp)
        if kept is None and self.shared is not None:
            kept = self.shared.get(_shared_key(key), stamp)
            if kept is not None:
                mark("shared-hit")
                self.cache.put(key, kept, stamp)
        if kept is not None:
            mark("response-hit")
            await _send_kept(kept, scope, send)
            return
        start: Message | None = None
        body: bytes | None = None

        async def keep(message: Message) -> None:
            nonlocal start, body
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body" and body is None and not message.get("more_body"):
                body = message.get("body", b"")
            else:
                start = None  # a streamed body: not kept
            await send(message)

        RENDERED_APART.set(False)
        await self.app(scope, receive, keep)
        if start is not None and start["status"] == 200 and body is not None:
            headers = list(start.get("headers", []))
            etag = next((v for k, v in headers if k == b"etag"), None)
            kept = KeptResponse(headers, body, etag)
            self.cache.put(key, kept, stamp)
            if self.shared is not None and RENDERED_APART.get():
                self.shared.put(_shared_key(key), stamp, kept)


def _shared_key(key: tuple[str, str, bytes]) -> bytes:
    """The shared folder's key of a kept answer: its path and query string."""
    return key[1].encode() + b"?" + key[2]


async def _send_kept(kept: KeptResponse, scope: Scope, send: Send) -> None:
    if kept.etag is not None:
        for name, value in scope["headers"]:
            if name == b"if-none-match" and kept.etag in value:
                await send({"type": "http.response.start", "status": 304,
                            "headers": [(b"etag", kept.etag), (b"cache-control", b"no-cache")]})
                await send({"type": "http.response.body", "body": b""})
                return
    await send({"type": "http.response.start", "status": 200, "headers": kept.headers})
    await send({"type": "http.response.body", "body": kept.body})


def weight(value: Any) -> int:
    """Bytes a kept value holds (rendered pages and kept answers: their body), for the cache's byte budget."""
    return max(1, int(getattr(value, "size", 0) or len(getattr(value, "body", b"") or b"")))
