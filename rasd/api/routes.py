"""The endpoints under /api/: events (JSON, GeoJSON, CSV), one event with its reports, articles, stats, ingest, health.

Reads are open; the one write (POST /api/articles) needs an API key in the X-API-Key header. Handlers that touch
the store are plain `def`s (or hand that work to the thread pool): FastAPI runs them in its thread pool, so the
blocking SQLAlchemy calls and the pipeline never stall the event loop; dependencies that only read the request are
`async def`, which spares each request a thread hop per dependency.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import tempfile
import time
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from fastapi.responses import StreamingResponse
from fastapi.security import APIKeyHeader

from rasd import __version__
from rasd.api import paging, queries
from rasd.api.cache import LruCache, TTLCache
from rasd.api.ingest import article_from_request, process_article
from rasd.api.keys import ApiKeyInfo, verify_key
from rasd.api.models import (
    GEOJSON_SCHEMA,
    ArticleIn,
    ArticleOut,
    ErrorOut,
    EventDetail,
    EventPage,
    HealthOut,
    IngestOut,
    IsoDate,
    StatsOut,
)
from rasd.api.timing import mark
from rasd.errors import InputError, RasdError
from rasd.export import RENDERERS, TEXT_FORMATS, feature_collection_bytes, render_bytes
from rasd.model import MODALITIES
from rasd.store.query import EventFilter, parse_bbox, parse_modalities
from rasd.store.repository import Repository

log = logging.getLogger(__name__)

#: Largest page of events one request returns (page through with `offset` for more).
MAX_PAGE_SIZE = 1000
DEFAULT_PAGE_SIZE = 100
MAX_TOP = 100

_errors: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "Malformed request (e.g. a body that is not UTF-8 JSON)"},
    404: {"model": ErrorOut, "description": "Not found"},
    413: {"model": ErrorOut, "description": "Request too large"},
    422: {"model": ErrorOut, "description": "Invalid request"},
    500: {"model": ErrorOut, "description": "Internal error"},
    503: {"model": ErrorOut, "description": "Store unavailable"},
}


def accepted_parameters(route: Any) -> frozenset[str]:
    """The query parameters a route declares (its own and its dependencies'), memoised per route."""
    names = _accepted.get(id(route))
    if names is None:
        found: set[str] = set()
        todo = [route.dependant]
        while todo:  # the route's parameters, then those of each dependency (the filters), and so on
            dependant = todo.pop()
            found.update(p.alias for p in dependant.query_params)
            todo.extend(dependant.dependencies)
        names = _accepted[id(route)] = frozenset(found)
    return names


_accepted: dict[int, frozenset[str]] = {}


async def reject_unknown_parameters(request: Request) -> None:
    """A query parameter no endpoint reads is a 422 listing the accepted ones: a filter the API does not know
    (a typo, or one of another tool) must not silently return every event."""
    route = request.scope.get("route")
    if route is None or not request.query_params:
        return
    accepted = accepted_parameters(route)
    unknown = sorted(set(request.query_params) - accepted)
    if unknown:
        raise HTTPException(422, f"unknown query parameter(s): {', '.join(unknown)}; this endpoint accepts: "
                                 f"{', '.join(sorted(accepted)) or '(none)'}")


router = APIRouter(prefix="/api", responses=_errors, dependencies=[Depends(reject_unknown_parameters)])

api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False,
                              description="An API key from `rasd keys create` (needed by write endpoints only).")

Name = Annotated[str | None, Query(max_length=200)]
#: Four decimal numbers separated by commas (the ranges are checked by rasd.store.query.parse_bbox).
BBOX_PATTERN = r"^-?\d{1,3}(\.\d+)?(,-?\d{1,3}(\.\d+)?){3}$"
_ONE_MODALITY = "(?:" + "|".join(MODALITIES) + ")"
#: `all`, or modalities separated by commas (what rasd.store.query.parse_modalities reads).
MODALITY_PATTERN = f"^(?:all|{_ONE_MODALITY}(?:,{_ONE_MODALITY})*)$"


async def repository(request: Request) -> Repository:
    return request.app.state.repo


async def aggregates(request: Request) -> TTLCache:
    return request.app.state.aggregates


async def event_filters(
    since: Annotated[IsoDate | None, Query(description="Events on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[IsoDate | None, Query(description="Events on or before this date (YYYY-MM-DD).")] = None,
    country: Annotated[str | None, Query(max_length=200, description="Country name or ISO3 code (exact, any case); "
                                         "an unknown one is a 422 with the close names.")] = None,
    admin1: Annotated[str | None, Query(max_length=200, description="Governorate/province: part of the name.")] = None,
    admin2: Annotated[str | None, Query(max_length=200, description="District: part of the name.")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Actor on either side (or associated): a KB name, "
                                       "English alias or Arabic form (داعش, ISIS, Islamic State), else part of a "
                                       "stored name.")] = None,
    associated: Annotated[bool, Query(description="Whether `actor` also matches associated actors (not only "
                                      "actor1/actor2).")] = True,
    type: Annotated[str | None, Query(max_length=200, description="ACLED event type or sub-event type.")] = None,
    text: Annotated[str | None, Query(max_length=200, description="Words the reporting articles contain (Arabic "
                                      "clitics ignored), as `rasd events --text`.")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Search box: part of any place or actor name, type, "
                                   "weapon or note; Arabic words also search the reporting articles (the "
                                   "evidence).")] = None,
    bbox: Annotated[str | None, Query(max_length=200, pattern=BBOX_PATTERN,
                                      description="Bounding box west,south,east,north in degrees.")] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=10_000_000, description="At least this many deaths.")]
    = None,
    modality: Annotated[str | None, Query(
        max_length=200, pattern=MODALITY_PATTERN, description="Events of these modalities, comma-separated (occurred, "
                                                              "attempted, foiled, claimed, denied, threatened, "
                                                              "planned), or `all`. Default: occurred only.")]
    = None,
    include_background: Annotated[bool, Query(
        description="Also count background mentions of earlier events (left out by default).")] = False,
    include_rejected: Annotated[bool, Query(
        description="Also count events an analyst marked wrong in review (left out by default).")] = False,
) -> EventFilter:
    """The query parameters of every filtered endpoint: the filters of `rasd events`, as the one EventFilter (with
    the API's counting defaults: events that occurred, background mentions left out)."""
    try:
        modalities = parse_modalities(modality or None)
        return EventFilter.of(since=since, until=until, country=country, admin1=admin1, admin2=admin2, actor=actor,
                              associated=associated, event_type=type, text=text, q=q,
                              bbox=parse_bbox(bbox) if bbox else None, min_fatalities=min_fatalities,
                              modality=modalities, include_background=include_background,
                              include_rejected=include_rejected)
    except RasdError as exc:
        raise InputError(str(exc)) from exc


Filters = Annotated[EventFilter, Depends(event_filters)]
Repo = Annotated[Repository, Depends(repository)]
Cache = Annotated[TTLCache, Depends(aggregates)]


@router.get("/health", response_model=HealthOut, summary="Is the API up and its store reachable?")
def health(repo: Repo) -> dict[str, Any]:
    try:
        queries.database_ok(repo)
    except Exception as exc:  # noqa: BLE001 - any failure of the store is "unavailable" here
        raise HTTPException(503, f"the store does not answer: {type(exc).__name__}",
                            headers={"Retry-After": "2"}) from exc
    return {"status": "ok", "version": __version__, "database": repo.engine.dialect.name}


#: What GET /api/events?format= can give besides the paged JSON: the registry's text formats (rasd.export).
PAGE_FORMATS = ("json", *TEXT_FORMATS)


@router.get(
    "/events",
    response_model=EventPage,
    summary="Events matching the filters, newest first, one page at a time",
    responses={200: {"content": {"application/geo+json": {"schema": GEOJSON_SCHEMA},
                                 "text/csv": {"schema": {"type": "string"}},
                                 "application/x-ndjson": {"schema": {"type": "string"}}},
                     "description": "A page of events: JSON (default), or one page in an export layout "
                                    "(`format=csv`, `acled-csv`, `geojson`, `jsonl`: the same layout as "
                                    "`rasd export`)."}},
)
async def list_events(
    request: Request,
    repo: Repo,
    cache: Cache,
    filters: Filters,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Page size.")] = DEFAULT_PAGE_SIZE,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000, description="Events to skip.")] = 0,
    format: Annotated[str, Query(description=f"Output format: one of {', '.join(PAGE_FORMATS)}.",
                                 json_schema_extra={"enum": list(PAGE_FORMATS)})] = "json",
) -> Any:
    """A page of events, answered from the page cache while it is fresh (see `Page`); a client that sends the
    page's ETag back in If-None-Match gets a bodiless 304 when nothing changed.

    The page comes from `events_page` (kept, rendered on the event loop, or on a render thread), as it does for
    the same query answered before FastAPI (rasd.api.fast_events). The cheap dependencies are `async def`: each
    sync one costs a thread hop.
    """
    if format not in PAGE_FORMATS:
        raise HTTPException(422, f"unknown format {format!r}: use one of {', '.join(PAGE_FORMATS)}")
    page = await events_page(request.app.state, filters, limit, offset, format)
    return page_response(page, request.headers.get("if-none-match", ""))


#: Largest page rendered on the event loop itself rather than on a render thread (see `events_page`).
INLINE_MAX_LIMIT = 200
#: The formats whose pages are spliced from stored texts (cheap enough to render on the event loop).
INLINE_FORMATS = frozenset({"json", "geojson"})


async def events_page(state: Any, filters: EventFilter, limit: int, offset: int, format: str) -> Page:
    """The page of events for these (already validated) parameters: from the page cache while it is fresh, else
    rendered once however many requests ask for it at the same time (rasd.api.cache.SingleFlight). Shared by the
    route and the fast path before FastAPI (rasd.api.fast_events), so both answer the same bytes.

    A page the store's rollup answers (paging.answered_in_memory: its filter's names resolved once, a few short
    look-ups; then a slice of positions and at most INLINE_MAX_LIMIT rows read by key) is rendered on the event
    loop: ~1.3 ms of CPU, less than handing it to a thread cost (the hop, and the GIL passed back and forth between
    the render thread and the loop at every system call: under load such renders waited 250-385 ms for a thread,
    bench/README.md). Anything else (words, a bounding box, fatalities, a large page, CSV, the rollup itself after
    a write) may take tens of milliseconds in SQLite and goes to a render thread, so the loop keeps answering
    meanwhile."""
    pages: TTLCache = state.pages
    key = ("page", filters, limit, offset, format)
    stamp = pages.stamp()  # the request's (rasd.api.cache.StoreStamp)
    page = pages.peek(key, stamp)
    if page is not None:
        return page
    mark("render")
    repo, cache, kept = state.repo, state.aggregates, state.kept
    inline = (format in INLINE_FORMATS and limit <= INLINE_MAX_LIMIT
              and paging.answered_in_memory(repo, filters, cache, kept))

    def render() -> Page:
        return _render_page(repo, cache, filters, limit, offset, format, kept, (stamp, key))

    # one render per page and store version: a request that came in after a write does not take the page a render
    # begun before it is computing (its raw answer would be kept under the newer stamp)
    return await state.rendering.run((*key, stamp), lambda: pages.get(key, render), inline=inline)


def page_response(page: Page, if_none_match: str) -> Response:
    """The answer for a page: a bodiless 304 when the client already holds it (its ETag), else the page."""
    if page.etag in if_none_match:
        return Response(status_code=304, headers={"ETag": page.etag, "Cache-Control": "no-cache"})
    return Response(page.body, media_type=page.media_type, headers={**page.headers, "ETag": page.etag,
                                                                      "Cache-Control": "no-cache"})


@dataclass(frozen=True, slots=True)
class Page:
    """One rendered page of events: the body as sent, and its ETag (see `of`). Pages are kept while the
    store is unchanged (as totals are: rasd.api.cache.TTLCache), so a dashboard's repeated first pages and its
    map cost one query, not one each."""

    body: bytes
    media_type: str
    etag: str
    headers: dict[str, str]

    @property
    def size(self) -> int:
        """What the page cache counts for it: not its body, which the raw answer kept from it holds too (the same
        bytes object: rasd.api.response_cache.KeptResponse) and is counted there. Counting it twice held half the
        pages the byte budget was meant for (230 of the load test's 523 distinct pages in 128 MB), and the evicted
        ones were rendered again. A page is kept before its raw answer, so it is evicted first, not left uncounted."""
        return 100 + len(self.etag)

    @classmethod
    def of(cls, body: str | bytes, media_type: str, headers: dict[str, str] | None = None,
           version: tuple[Any, Any] | None = None) -> Page:
        """The page of `body`. Its ETag names what the body was rendered from when that is known: `version` is
        (the store's stamp, the page's key), and a page is a function of the store's data and its parameters, so
        equal versions mean equal bodies (the page cache relies on the same). Hashing that is free, where hashing
        a 150 KB body cost 0.3 ms of every render. Without a stamp (PostgreSQL: rasd.api.cache), the body is
        hashed (SHA-256, 24 hex digits of it)."""
        data = body.encode() if isinstance(body, str) else body
        if version is not None and version[0] is not None:
            digest = hashlib.sha256(repr((__version__, *version)).encode()).hexdigest()
        else:
            digest = hashlib.sha256(data).hexdigest()
        return cls(data, media_type, f'"{digest[:24]}"', headers or {})


def _render_page(repo: Repository, cache: TTLCache, filters: EventFilter, limit: int, offset: int,
                 format: str, kept: LruCache | None = None, version: tuple[Any, Any] | None = None) -> Page:
    """The page, built; `version` (the store's stamp, the page's key) names it in its ETag (`Page.of`)."""
    started = time.perf_counter()
    try:
        return _build_page(repo, cache, filters, limit, offset, format, kept, version)
    finally:
        mark("render-s", round(time.perf_counter() - started, 5))


def _build_page(repo: Repository, cache: TTLCache, filters: EventFilter, limit: int, offset: int,
                format: str, kept: LruCache | None = None, version: tuple[Any, Any] | None = None) -> Page:
    if format == "geojson":  # Features kept per event (paging.page_features), framed as write_geojson frames them
        total, features = paging.page_features(repo, filters, limit, offset, cache, kept)
        next_offset = offset + len(features) if offset + len(features) < total else None
        head = {"total": total, "limit": limit, "offset": offset, "next_offset": next_offset}
        return Page.of(feature_collection_bytes(features, head), RENDERERS[format].media_type,
                       {"X-Total-Count": str(total)}, version)
    if format != "json":
        total, events = paging.page_events(repo, filters, limit, offset, cache, kept)
        body = render_bytes(events, format)
        return Page.of(body, RENDERERS[format].media_type, {"X-Total-Count": str(total), **_attachment(format)},
                       version)
    total, rows = paging.page_events_raw(repo, filters, limit, offset, cache, kept)
    next_offset = offset + len(rows) if offset + len(rows) < total else None
    head = json.dumps({"total": total, "limit": limit, "offset": offset, "next_offset": next_offset})[:-1]
    # The stored contract objects are spliced in as they are, in UTF-8 (see paging.page_events_raw).
    return Page.of(b"".join((head.encode(), b',"events":[', b",".join(row[-1] for row in rows), b"]}")),
                   "application/json", version=version)


def _attachment(fmt: str) -> dict[str, str]:
    """A download name for an export layout (the GeoJSON page is also read in place by maps: no attachment)."""
    if fmt == "geojson":
        return {}
    return {"Content-Disposition": f'attachment; filename="rasd-events.{RENDERERS[fmt].extension}"'}


@router.get(
    "/export",
    summary="Every event matching the filters in one file: the layouts of `rasd export`",
    responses={200: {"content": {r.media_type.split(";")[0]: {"schema": GEOJSON_SCHEMA if name == "geojson" else
                                                              {"type": "string"}}
                                 for name, r in RENDERERS.items()},
                     "description": "The file, as `rasd export --format FORMAT` writes it."}},
)
def export_file(
    repo: Repo,
    filters: Filters,
    format: Annotated[str, Query(description=f"One of {', '.join(RENDERERS)}.",
                                 json_schema_extra={"enum": list(RENDERERS)})] = "csv",
) -> Any:
    if format not in RENDERERS:
        raise HTTPException(422, f"unknown format {format!r}: use one of {', '.join(RENDERERS)}")
    r = RENDERERS[format]
    spool = tempfile.SpooledTemporaryFile(max_size=8 << 20)  # noqa: SIM115 - closed by the response
    if r.binary:
        n = r.write(queries.iter_event_dicts(repo, filters), spool)
    else:
        text = io.TextIOWrapper(spool, encoding="utf-8", newline="", write_through=True)
        n = r.write(queries.iter_event_dicts(repo, filters), text)
        text.detach()
    spool.seek(0)
    headers = {"Content-Disposition": f'attachment; filename="rasd-events.{r.extension}"', "X-Total-Count": str(n),
               "X-Counted": filters.counting_note()}
    return StreamingResponse(_chunks_of(spool), media_type=r.media_type, headers=headers)


def _chunks_of(spool: Any, size: int = 1 << 16) -> Any:
    try:
        while chunk := spool.read(size):
            yield chunk
    finally:
        spool.close()


@router.get("/events/{event_id}", response_model=EventDetail, summary="One event with the articles reporting it")
def get_event(repo: Repo, event_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    event = repo.get_event(event_id)
    if event is None:
        raise HTTPException(404, f"no event {event_id!r} in this store")
    return {"event": event.to_dict(), "reports": queries.event_reports(repo, event_id)}


@router.get("/articles/{article_id}", response_model=ArticleOut,
            summary="A stored article: its text (what evidence offsets point into) and its events")
def get_article(repo: Repo, article_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    record = queries.article_record(repo, article_id)
    if record is None:
        raise HTTPException(404, f"no article {article_id!r} in this store")
    return record


@router.get("/stats", response_model=StatsOut,
            summary="Aggregates of the matching events: by week, governorate, type and actor")
def get_stats(repo: Repo, cache: Cache, filters: Filters,
              top: Annotated[int, Query(ge=1, le=MAX_TOP, description="Rows in the by_admin1/by_actor lists.")]
              = 20) -> dict[str, Any]:
    return queries.stats(repo, filters, top, cache)


@router.get("/alerts", summary="Trend alerts raised from this store, newest first (see `rasd alerts`)")
def get_alerts(repo: Repo,
               limit: Annotated[int, Query(ge=1, le=500, description="How many alerts at most.")] = 50,
               since: Annotated[IsoDate | None,
                                Query(description="Alerts for periods starting on or after this day (YYYY-MM-DD).")]
               = None,
               rule: Annotated[str | None, Query(max_length=200, description="Only this rule's alerts.")] = None,
               ) -> dict[str, Any]:
    from rasd.alerts import list_alerts

    return {"alerts": list_alerts(repo, limit=limit, since=since, rule=rule)}


def require_key(repo: Repo, key: Annotated[str | None, Depends(api_key_header)]) -> ApiKeyInfo:
    if not key:
        raise HTTPException(401, "this endpoint needs an API key in the X-API-Key header (`rasd keys create`)",
                            headers={"WWW-Authenticate": "X-API-Key"})
    info = verify_key(repo, key)
    if info is None:
        raise HTTPException(403, "the API key is not valid or has been revoked")
    return info


@router.post(
    "/articles",
    response_model=IngestOut,
    status_code=201,
    summary="Ingest one article (text or URL): run the extractor and store the article and its events",
    responses={200: {"model": IngestOut, "description": "The article was already stored: nothing was added"},
               401: {"model": ErrorOut, "description": "No API key"},
               403: {"model": ErrorOut, "description": "Invalid or revoked API key"}},
)
def post_article(request: Request, response: Response, repo: Repo, body: ArticleIn,
                 _key: Annotated[ApiKeyInfo, Depends(require_key)]) -> dict[str, Any]:
    article = article_from_request(body.text, body.url, body.title, body.outlet, body.published,
                                   request.app.state.fetcher)
    if repo.has_article(article.article_id):
        response.status_code = 200
        record = queries.article_record(repo, article.article_id) or {}
        events = [ev.to_dict() for eid in record.get("event_ids", []) if (ev := repo.get_event(eid)) is not None]
        return {"article_id": article.article_id, "created": False, "skipped": record.get("skipped"),
                "warnings": record.get("warnings", []), "events": events}
    try:
        result = process_article(article)
    except RasdError:
        raise
    except Exception as exc:  # a bug in a stage: the client gets a clear 422, the log keeps the traceback
        log.exception("extractor failed on a posted article")
        raise InputError(f"extractor failed: {type(exc).__name__}: {exc}") from exc
    created = repo.add_result(result)
    for kept in (request.app.state.aggregates, request.app.state.pages, request.app.state.kept):
        if kept is not None:  # totals, stats and pages now include this article's events
            kept.clear()
    if not created:
        response.status_code = 200
    return {"article_id": article.article_id, "created": created, "skipped": result.skipped,
            "warnings": list(result.warnings), "events": [ev.to_dict() for ev in result.events]}
