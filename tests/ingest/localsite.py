"""A local web site on 127.0.0.1 for the fetching tests: pages, a feed, a sitemap, robots.txt, redirects, slow and
failing responses, legacy-encoded pages. Routes are set per test; every request is recorded (path and headers).

Test modules import the fixtures (`from localsite import fetcher_fixture, site_fixture`): a conftest.py here would shadow the
top-level one that tests/test_cli.py imports by name."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from rasd.ingest.fetch import Fetcher, FetchSettings


@dataclass
class Route:
    """What the server answers on one path; `statuses` are served first, one per request, then `status`."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    statuses: list[int] = field(default_factory=list)
    etag: str | None = None  # answer 304 when If-None-Match matches


class Site:
    """The routes and the request log of the running server."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.base = ""

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: str | bytes = b"", content_type: str = "text/html; charset=utf-8",
            **kwargs) -> Route:
        data = body.encode("utf-8") if isinstance(body, str) else body
        headers = {"Content-Type": content_type, **kwargs.pop("headers", {})}
        route = Route(body=data, headers=headers, **kwargs)
        self.routes[path] = route
        return route

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # keep pytest output clean
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            site.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            route = site.routes.get(self.path)
            if route is None:
                self._send(404, {"Content-Type": "text/plain"}, b"not found")
                return
            if route.delay:
                time.sleep(route.delay)
            status = route.statuses.pop(0) if route.statuses else route.status
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self._send(304, {"ETag": route.etag}, b"")
                return
            headers = dict(route.headers)
            if route.etag:
                headers["ETag"] = route.etag
            self._send(status, headers, route.body if status < 400 else b"error")

        def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


@pytest.fixture(name="site")
def site_fixture() -> Iterator[Site]:
    """A threading HTTP server on 127.0.0.1 (skips the test, saying why, when it cannot listen)."""
    s = Site()
    try:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(s))
    except OSError as exc:
        pytest.skip(f"cannot start a local HTTP server on 127.0.0.1: {exc}")
    server.daemon_threads = True
    s.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield s
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(name="fetcher")
def fetcher_fixture() -> Iterator[Fetcher]:
    """A Fetcher allowed to reach 127.0.0.1 only, with short timeouts and backoff so failure tests are fast."""
    settings = FetchSettings(allow_private=frozenset({"127.0.0.1"}), timeout=0.5, retries=2, backoff=0.01,
                             min_interval=0.0)
    with Fetcher(settings) as f:
        yield f
