"""GET /api/export: every event matching the dashboard's filters, in the layouts of `rasd export` (rasd.export):
ACLED CSV, GeoJSON or JSONL. The dashboard's export buttons link here, so the CLI, the API and the dashboard export
one layout. Streamed a page at a time (the API's own paging over its own filters), so a large export holds one page
in memory.

Issue 15's part C (branch h15c) adds the same endpoint (same path and parameters) to rasd.api.routes, over its
registry of export layouts; when both are merged, that one replaces this module (drop it, its include in app.py and
tests/api/test_api_export.py): the dashboard calls only the URL.
"""

from __future__ import annotations

import io
import itertools
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from rasd.api import queries
from rasd.api.routes import Cache, Filters, Repo
from rasd.api.routes import _errors as common_errors  # the error answers every /api route documents

router = APIRouter(prefix="/api", tags=["export"], responses=common_errors)
PAGE = 1000
MEDIA = {"acled-csv": ("text/csv; charset=utf-8", "csv"), "geojson": ("application/geo+json", "geojson"),
         "jsonl": ("application/x-ndjson", "jsonl")}


def _pages(repo: Any, filters: queries.EventFilters, cache: Any) -> Iterator[list[dict[str, Any]]]:
    offset = 0
    while True:
        total, events = queries.page_events(repo, filters, PAGE, offset, cache)
        if events:
            yield events
        offset += len(events)
        if not events or offset >= total:
            return


def export_chunks(fmt: str, pages: Iterator[list[dict[str, Any]]]) -> Iterator[str]:
    """The export's text, one page of events at a time (the same writers as `rasd export`)."""
    from rasd.export import geojson_feature, write_acled_csv, write_jsonl

    stamp = str(int(datetime.now(UTC).timestamp()))
    first = True
    if fmt == "geojson":
        yield '{"type": "FeatureCollection", "features": [\n'
    for events in pages:
        buffer = io.StringIO()
        if fmt == "acled-csv":
            write_acled_csv(({**ev, "_timestamp": stamp} for ev in events), buffer)
            text = buffer.getvalue()
            yield text if first else text.split("\n", 1)[1]  # the header once
        elif fmt == "jsonl":
            write_jsonl(events, buffer)
            yield buffer.getvalue()
        else:
            features = ",\n".join(json.dumps(geojson_feature(ev), ensure_ascii=False) for ev in events)
            yield features if first else ",\n" + features
        first = False
    if fmt == "geojson":
        yield "\n]}\n"
    elif first and fmt == "acled-csv":  # no event: the header alone
        buffer = io.StringIO()
        write_acled_csv([], buffer)
        yield buffer.getvalue()


@router.get("/export", summary="Every matching event as a file: ACLED CSV, GeoJSON or JSONL (as `rasd export`)",
            responses={200: {"content": {"text/csv": {"schema": {"type": "string"}},
                                         "application/geo+json": {"schema": {"type": "object"}},
                                         "application/x-ndjson": {"schema": {"type": "string"}}},
                             "description": "The export, as a download"}})
def export_events(repo: Repo, cache: Cache, filters: Filters,
                  format: Annotated[Literal["acled-csv", "geojson", "jsonl"], Query(description="Layout.")]
                  = "acled-csv") -> StreamingResponse:
    media, suffix = MEDIA[format]
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    # The first page is read here, not in the stream: a filter the store refuses is a clean error answer, which
    # it cannot be once the response has started.
    pages = _pages(repo, filters, cache)
    first = next(pages, None)
    stream = itertools.chain([first] if first else [], pages)
    return StreamingResponse(export_chunks(format, stream), media_type=media,
                             headers={"Content-Disposition": f'attachment; filename="rasd-events-{stamp}.{suffix}"'})
