"""The FastAPI application: the JSON API under /api/, the dashboard at /, every asset served locally.

`create_app("rasd.db")` builds an app over one store. Everything a browser loads comes from this server (the
dashboard, Leaflet from the xstatic-leaflet package, the Iraq boundaries from the KB, Swagger UI at /docs vendored
in rasd/api/docs), so it works offline; a strict
Content-Security-Policy forbids inline and foreign scripts as a second line behind the dashboard's escaping. CORS is
off unless origins are given. Errors are always JSON: {"error": code, "message": text}.
"""

from __future__ import annotations

import gc
import logging
import os
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rasd import __version__
from rasd.api.cache import LruCache, SingleFlight, StoreStamp, TTLCache
from rasd.api.fast_events import EventsFastPath
from rasd.api.ingest import Fetcher, fetch_url
from rasd.api.response_cache import ResponseCache
from rasd.api.response_cache import weight as response_weight
from rasd.api.review_routes import router as review_router
from rasd.api.rollup import ROLLUP_KEY
from rasd.api.routes import router
from rasd.api.shared_cache import SHARED_CACHE_ENV, SharedAnswers
from rasd.api.timing import RequestTiming, timing_folder
from rasd.errors import InputError, RasdError, StoreError, UnknownNameError
from rasd.store.repository import Repository

log = logging.getLogger(__name__)

WEB_DIR = Path(__file__).resolve().parent / "web"
#: The /docs page, its start-up script and Swagger UI 5 (vendored from npm swagger-ui-dist, Apache-2.0: see
#: docs/swagger-ui/SOURCE.md; FastAPI's OpenAPI 3.1 needs Swagger UI 5, which no clean PyPI package ships).
DOCS_DIR = Path(__file__).resolve().parent / "docs"
KB_DATA = Path(__file__).resolve().parent.parent / "kb" / "data"
#: Seconds a total, stats answer or page is reused: long where the store's file stamp tells every write (SQLite),
#: short where only the TTL bounds how late another process's writes show (PostgreSQL).
STAMPED_TTL = 600.0
UNSTAMPED_TTL = 10.0
#: Rendered pages of events and kept answers (rasd.api.response_cache) at once, and the bytes they may hold in all
#: (a page of 100 events is about 150 KB): per server process.
PAGE_CACHE_SIZE = 4096
PAGE_CACHE_BYTES = 128 << 20
#: Bytes of event rows and page id lists one server process keeps (rasd.api.paging: pages at nearby offsets and of
#: other filters share most of their events).
KEPT_BYTES = 96 << 20
#: Threads of one server process rendering pages that are not cached: a few keep the cores busy (the store's work
#: releases the GIL) without fifty threads taking turns on it.
RENDER_THREADS = 4
#: The base map layers the dashboard loads: world countries and first-level regions (Natural Earth, public domain;
#: scripts/build_world_boundaries.py) and Iraq's governorates (OCHA COD-AB 2019, CC BY-IGO), drawn over them.
BASE_MAP_FILES = ("world_admin0.geojson", "world_admin1.geojson", "admin1_iraq.geojson")
#: Largest request body accepted (POST /api/articles); larger requests get 413 before the body is read.
MAX_BODY_BYTES = 1_000_000

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]

_STATUS_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                 405: "method_not_allowed", 413: "request_too_large", 415: "unsupported_media_type",
                 422: "invalid_request", 500: "internal_error", 503: "unavailable"}


#: The retry hint of a 503: a busy store frees its write lock within seconds.
RETRY_AFTER_SECONDS = 2
RETRY_LATER = {"Retry-After": str(RETRY_AFTER_SECONDS)}


def error_response(status: int, message: str, headers: dict[str, str] | None = None,
                   **extra: Any) -> JSONResponse:
    return JSONResponse({"error": _STATUS_CODES.get(status, "error"), "message": message, **extra},
                        status_code=status, headers=headers)


class SecurityHeaders:
    """Adds CSP and friends to every response (pure ASGI: no per-request task, unlike BaseHTTPMiddleware)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuses request bodies over `limit` bytes with a JSON 413, whether or not a Content-Length was sent."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        too_large = error_response(413, f"request body larger than {self.limit} bytes")
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > self.limit:
                await too_large(scope, receive, send)
                return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if len(body) > self.limit:
                await too_large(scope, receive, send)
                return
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class RequestGuard:
    """Refuses, before any route runs, a Host header the server does not answer to (DNS rebinding against a server
    on loopback: a page on evil.example whose name now resolves to 127.0.0.1 sends `Host: evil.example`)."""

    def __init__(self, app: ASGIApp, allowed_hosts: list[str] | None) -> None:
        self.app = app
        self.allowed = {h.lower().strip("[]") for h in allowed_hosts} if allowed_hosts else None

    def _host_ok(self, scope: Scope) -> bool:
        if self.allowed is None:
            return True
        header = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"host"), "")
        return _host_name(header).lower() in self.allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            if not self._host_ok(scope):
                await error_response(400, "this server does not answer to that Host header")(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _host_name(header: str) -> str:
    """The name in a Host header, without its port ("[::1]:8000" -> "::1", "localhost:8000" -> "localhost")."""
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("body", "query", "path"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "invalid request: " + "; ".join(parts)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        return error_response(exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, _validation_message(exc))

    @app.exception_handler(UnknownNameError)
    async def unknown_name(_request: Request, exc: UnknownNameError) -> JSONResponse:
        return error_response(422, str(exc), did_you_mean=exc.suggestions)

    @app.exception_handler(InputError)
    async def input_error(_request: Request, exc: InputError) -> JSONResponse:
        return error_response(422, str(exc))

    @app.exception_handler(StoreError)
    async def store_error(_request: Request, exc: StoreError) -> JSONResponse:
        log.error("store error: %s", exc)
        return error_response(503, f"the store is unavailable: {exc}", RETRY_LATER)

    @app.exception_handler(SQLAlchemyError)
    async def database_error(_request: Request, exc: SQLAlchemyError) -> JSONResponse:
        # a store busy past its timeout, or gone for a moment: the client should retry, it did nothing wrong
        log.error("database error: %s", exc)
        return error_response(503, f"the store is busy or unavailable ({type(exc).__name__}); retry shortly",
                              RETRY_LATER)

    @app.exception_handler(RasdError)
    async def rasd_error(_request: Request, exc: RasdError) -> JSONResponse:
        return error_response(422, str(exc))

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return error_response(500, f"internal error ({type(exc).__name__}); see the server log")


def _xstatic_dir(module: str) -> Path:
    """The data folder of an xstatic package (Leaflet and its marker-cluster plugin ship as PyPI packages)."""
    import importlib

    try:
        return Path(importlib.import_module(module).BASE_DIR)
    except ImportError as exc:  # pragma: no cover - a broken install
        raise RasdError(f"{module} is not installed (pip install rasd's dependencies)") from exc


def create_app(store: str | Repository = "rasd.db", *, cors_origins: list[str] | None = None,
               max_body_bytes: int = MAX_BODY_BYTES, fetcher: Fetcher | None = None,
               aggregates_ttl: float | None = None, allowed_hosts: list[str] | None = None,
               shared_cache: str | None = None) -> FastAPI:
    """The API and dashboard over one store (a path, an SQLAlchemy URL, or an open Repository).

    Totals, stats and rendered pages of events are reused for `aggregates_ttl` seconds (0 turns that off; default
    STAMPED_TTL on SQLite, UNSTAMPED_TTL elsewhere). Writes through this API clear them at once. On SQLite every
    answer is also tied to the store file's stamp (rasd.api.cache.file_stamp, read once per request: StoreStamp), so a write by another process or
    worker shows at once; on other databases such writes show up within the TTL. `allowed_hosts`: the names the
    server answers to in the Host header (`rasd serve` gives loopback names plus its --host and --allowed-host;
    None checks nothing, for tests and embedding). `shared_cache`: the folder through which the worker processes
    of one server share their answers (rasd.api.shared_cache; SQLite stores only, whose stamp every process sees).
    """
    repo = store if isinstance(store, Repository) else Repository(store)
    app = FastAPI(
        title="rasd API",
        version=__version__,
        description="Conflict events extracted from Arabic news, with the Arabic evidence of every field. Reads are "
                    "open; POST /api/articles needs an API key (`rasd keys create`) in the X-API-Key header.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # FastAPI's own pages load Swagger UI from a CDN: /docs below serves it from here instead
        redoc_url=None,
    )
    app.state.repo = repo
    app.state.fetcher = fetcher or fetch_url
    path = repo.path
    stamp = StoreStamp(path) if path is not None else None
    ttl = aggregates_ttl if aggregates_ttl is not None else (STAMPED_TTL if stamp else UNSTAMPED_TTL)
    app.state.aggregates = TTLCache(ttl=ttl, stamp=stamp, pinned=frozenset({ROLLUP_KEY}))
    app.state.pages = TTLCache(ttl=ttl, size=PAGE_CACHE_SIZE, stamp=stamp, weigh=response_weight,
                               max_bytes=PAGE_CACHE_BYTES)
    # rows and id lists that pages share, only where every write is seen (the SQLite stamp): they have no TTL
    app.state.kept = LruCache(KEPT_BYTES, stamp) if stamp is not None and ttl > 0 else None
    app.state.rendering = SingleFlight(RENDER_THREADS)
    _install_error_handlers(app)
    app.include_router(router)
    app.include_router(review_router)

    app.mount("/static/leaflet", StaticFiles(directory=_xstatic_dir("xstatic.pkg.leaflet")), name="leaflet")
    app.mount("/static/markercluster", StaticFiles(directory=_xstatic_dir("xstatic.pkg.leaflet_markercluster")),
              name="markercluster")
    app.mount("/static/web", StaticFiles(directory=WEB_DIR), name="web")
    app.mount("/static/swagger", StaticFiles(directory=DOCS_DIR / "swagger-ui"), name="swagger")
    app.mount("/static/apidocs", StaticFiles(directory=DOCS_DIR), name="apidocs")

    @app.get("/docs", include_in_schema=False)
    def api_docs() -> FileResponse:
        """Swagger UI over /api/openapi.json, every file from this server (see DOCS_DIR)."""
        return FileResponse(DOCS_DIR / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/static/kb/{name}", include_in_schema=False)
    def base_map(name: str) -> FileResponse:
        """The offline base map from the KB (BASE_MAP_FILES): no tile server, nothing fetched from outside."""
        if name not in BASE_MAP_FILES:
            raise StarletteHTTPException(404, f"no base map file {name!r}")
        return FileResponse(KB_DATA / name, media_type="application/geo+json",
                            headers={"Cache-Control": "public, max-age=86400"})

    # innermost: GET /api/events with a plainly valid query, answered without FastAPI's parameter machinery
    app.add_middleware(EventsFastPath, state=app.state)
    if ttl > 0:  # next: what it keeps is the page's answer, before CORS and the security headers are added
        shared = SharedAnswers(shared_cache) if shared_cache and stamp is not None else None
        app.add_middleware(ResponseCache, cache=app.state.pages, shared=shared)
    app.add_middleware(BodyLimit, limit=max_body_bytes)
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["X-API-Key", "Content-Type"])
    app.add_middleware(RequestGuard, allowed_hosts=allowed_hosts)
    app.add_middleware(SecurityHeaders)
    if (folder := timing_folder()) is not None:  # outermost: the time of everything the server does for a request
        app.add_middleware(RequestTiming, folder=folder)
    return app


#: Seconds a thread holding the GIL keeps it when another wants it (Python's default: 0.005). A server process is
#: one event-loop thread plus a few threads rendering pages: at 5 ms, each time the loop gives up the GIL for a
#: system call (every read and send) it waits up to 5 ms to get it back from a rendering thread, so a request
#: answered from the cache in 0.1 ms of CPU took 100s of ms under load (bench/bench_api.py --timing: renders of
#: 2 ms on their thread answered after 350 ms).
SWITCH_INTERVAL_S = 0.0005


def warm_up() -> None:
    """Load what the first requests would otherwise load in the middle of traffic: the KB's actor names (half a
    second of YAML, holding the GIL, so every request of a busy server would wait behind it) and the KB's place
    names that filters naming no stored place are checked against (rasd.store.suggest: ~0.6 s, 3 MB; a filter's
    plan is made on the event loop, rasd.api.paging.answered_in_memory). `rasd serve` and each worker call it before
    they listen; tests that build an app skip it. Also shortens the GIL's switch interval (SWITCH_INTERVAL_S) for
    this server process."""
    import sys

    from rasd.kb.actor_names import is_known_actor
    from rasd.store.suggest import kb_place_names

    is_known_actor("Islamic State")
    kb_place_names()
    sys.setswitchinterval(SWITCH_INTERVAL_S)


def warm_caches(app: FastAPI) -> None:
    """Before the server listens: read the store's rollup (rasd.api.rollup: every filter's total comes from it)
    and the dashboard's default first page, so the first clients do not queue behind them. A store that cannot be
    read yet is left for the requests to report."""
    from rasd.api.paging import page_events_raw
    from rasd.api.routes import DEFAULT_PAGE_SIZE
    from rasd.store.query import EventFilter

    try:
        page_events_raw(app.state.repo, EventFilter.counted(), DEFAULT_PAGE_SIZE, 0, app.state.aggregates,
                        app.state.kept)
    except (RasdError, SQLAlchemyError) as exc:
        log.warning("caches not warmed: %s", exc)
    # Everything loaded so far (FastAPI, pydantic, SQLAlchemy, the KB's names: ~134,000 objects the collector
    # tracks) lives as long as the server: left out of the collector's full passes, each of which otherwise stopped
    # the worker for ~80 ms (0 ms after the freeze), every request waiting.
    gc.collect()
    gc.freeze()


#: Space-separated CORS origins for apps made by `app_from_env` (how `rasd serve --workers` passes them on).
CORS_ENV = "RASD_CORS_ORIGINS"


def app_from_env() -> Any:
    """`uvicorn rasd.api.app:app_from_env --factory`: the store named by $RASD_DB/rasd.toml (each worker of
    `rasd serve --workers N` builds its app this way); the Host names it answers to from $RASD_ALLOWED_HOSTS
    (comma-separated; unset: not checked); the folder the workers share answers through from
    $RASD_SHARED_CACHE."""

    from rasd.config import resolve_db

    warm_up()
    hosts = [h.strip() for h in os.environ.get("RASD_ALLOWED_HOSTS", "").split(",") if h.strip()]
    app = create_app(resolve_db(None), cors_origins=os.environ.get(CORS_ENV, "").split() or None,
                     allowed_hosts=hosts or None, shared_cache=os.environ.get(SHARED_CACHE_ENV) or None)
    warm_caches(app)
    return app
