"""GET /api/events answered before FastAPI when its query is plainly valid: the same page, without FastAPI's cost.

A page that is not kept yet (a miss of rasd.api.response_cache) went through FastAPI's routing and its solving of
the route's ~18 query parameters and dependencies: about half a millisecond of the event loop's CPU a request
(`cProfile`: `solve_dependencies` was a third of a miss's time in process), as much as rendering the page. Under
load that time is the server's throughput: every client waits for it (bench/bench_api.py).

Here the query string is read by a small table (`READERS`): every name must be one the route accepts, given once,
with a value in the plain form FastAPI reads the same way (a date as YYYY-MM-DD, a decimal integer without sign or
leading zero in range, `true`/`false`, text of at most 200 characters, the route's own patterns). The filters are
then built by the route's own `event_filters`, and the page comes from the route's own `events_page` and
`page_response`, so the answer is the route's, byte for byte (tests/api/test_api_fast_path.py). Anything else (an
unknown or repeated name, an empty value, another spelling of a number or a bool, a value out of range, a render
that fails) goes through FastAPI as before, which then answers it, with its 422s (unknown parameters included) and
error handlers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Receive, Scope, Send

from rasd.api.models import ISO_DATE
from rasd.api.routes import (
    BBOX_PATTERN,
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    MODALITY_PATTERN,
    PAGE_FORMATS,
    event_filters,
    events_page,
    page_response,
)
from rasd.api.timing import mark

#: The path this layer answers.
EVENTS_PATH = "/api/events"
#: The longest text value the route accepts (its Query(max_length=...)).
MAX_TEXT = 200


class _Invalid:
    """A value this layer does not read (FastAPI then reads it, and answers with its 422 if it is wrong)."""


INVALID: Any = _Invalid()


def _text(value: str) -> Any:
    return value if len(value) <= MAX_TEXT else INVALID


def _matching(pattern: str) -> Callable[[str], Any]:
    compiled = re.compile(pattern)
    return lambda value: value if len(value) <= MAX_TEXT and compiled.fullmatch(value) else INVALID


def _iso_date(value: str) -> Any:
    if not (value.isascii() and ISO_DATE.fullmatch(value)):
        return INVALID
    try:
        return date.fromisoformat(value)
    except ValueError:
        return INVALID


def _boolean(value: str) -> Any:
    return {"true": True, "false": False}.get(value, INVALID)


def _integer(low: int, high: int) -> Callable[[str], Any]:
    def read(value: str) -> Any:
        if not (value.isascii() and value.isdigit()) or (value[0] == "0" and value != "0") or len(value) > 12:
            return INVALID
        number = int(value)
        return number if low <= number <= high else INVALID

    return read


def _format(value: str) -> Any:
    return value if value in PAGE_FORMATS else INVALID


#: Every query parameter of GET /api/events and how its plain form is read (the bounds are the route's own).
READERS: dict[str, Callable[[str], Any]] = {
    "since": _iso_date, "until": _iso_date, "country": _text, "admin1": _text, "admin2": _text, "actor": _text,
    "associated": _boolean, "type": _text, "text": _text, "q": _text, "bbox": _matching(BBOX_PATTERN),
    "min_fatalities": _integer(0, 10_000_000), "modality": _matching(MODALITY_PATTERN),
    "include_background": _boolean, "include_rejected": _boolean,
    "limit": _integer(1, MAX_PAGE_SIZE), "offset": _integer(0, 1_000_000_000), "format": _format,
}
#: The parameters that are not filters (the rest are `event_filters`' arguments).
PAGING = ("limit", "offset", "format")


@dataclass(frozen=True, slots=True)
class EventsQuery:
    """A query string of GET /api/events read: the filters' arguments, and the page asked for."""

    filters: dict[str, Any] = field(default_factory=dict)
    limit: int = DEFAULT_PAGE_SIZE
    offset: int = 0
    format: str = "json"


def read_events_query(raw: bytes) -> EventsQuery | None:
    """The query string as FastAPI would read it, or None when this layer leaves it to FastAPI (see the module's
    docstring). Split as Starlette splits it (`parse_qsl` of the Latin-1 text, blank values kept)."""
    values: dict[str, Any] = {}
    for name, text in parse_qsl(raw.decode("latin-1"), keep_blank_values=True):
        reader = READERS.get(name)
        if reader is None or name in values or not text:
            return None
        value = reader(text)
        if value is INVALID:
            return None
        values[name] = value
    paging = {name: values.pop(name) for name in PAGING if name in values}
    return EventsQuery(values, **paging)


class EventsFastPath:
    """Pure ASGI middleware: answers GET /api/events whose query `read_events_query` reads, else hands the request
    to the app (FastAPI). Sits inside the raw-answer cache (rasd.api.response_cache), which keeps what it sends."""

    def __init__(self, app: ASGIApp, state: Any) -> None:
        self.app = app
        #: The app's state: its store, caches and render threads (rasd.api.app.create_app).
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"] == EVENTS_PATH:
            query = read_events_query(scope.get("query_string", b""))
            if query is not None:
                try:
                    filters = await event_filters(**query.filters)
                    page = await events_page(self.state, filters, query.limit, query.offset, query.format)
                except Exception:  # noqa: BLE001 - FastAPI answers it, through its error handlers (422, 503, ...)
                    mark("fast-path-declined")
                else:
                    mark("fast-path")
                    if_none_match = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"if-none-match"),
                                         "")
                    await page_response(page, if_none_match)(scope, receive, send)
                    return
        await self.app(scope, receive, send)
