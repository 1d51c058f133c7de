"""Polite, safe HTTP fetching: robots.txt, a per-host rate limit, timeouts, retries with backoff, conditional GET,
a size cap, and no requests to private networks.

Why each rule:
- robots.txt (RFC 9309) and a per-host interval (at least the robots Crawl-delay) keep rasd a welcome guest;
- conditional GET (ETag / Last-Modified) makes polling a feed every few minutes cost a 304, not a download;
- a size cap and timeouts bound what one hostile or broken server can cost;
- refusing private, loopback, link-local and other non-global addresses (checked on every redirect hop) stops a
  feed entry from turning rasd into a probe of the network it runs in (SSRF). Hosts the user names are exempt:
  `allow_private=("127.0.0.1",)`, `--allow-private HOST` or `RASD_ALLOW_PRIVATE=HOST,...`.

`Fetcher.fetch(url)` returns a `FetchResult` or raises `FetchError` (an `InputError` naming the URL), so batch
readers report it and carry on like any unreadable input.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import urllib.robotparser
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from rasd import __version__
from rasd.errors import InputError
from rasd.ingest.netguard import AddressRefused, checked_addresses, guarded_transport

log = logging.getLogger(__name__)

USER_AGENT = f"rasd/{__version__} (Arabic conflict-event monitor; +https://github.com/rasd-project/rasd)"
#: Environment variable listing hosts that may resolve to private addresses (comma-separated).
ALLOW_PRIVATE_ENV = "RASD_ALLOW_PRIVATE"
#: Statuses worth retrying: the server says "later", or it failed in passing.
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


class FetchError(InputError):
    """A URL that could not be fetched (refused, disallowed, failed, too large); `status` when the server answered."""

    def __init__(self, message: str, url: str, status: int | None = None) -> None:
        super().__init__(message, url)
        self.url = url
        self.status = status


@dataclass(slots=True)
class FetchSettings:
    """How politely and how far rasd fetches. Defaults suit polling news sites."""

    user_agent: str = USER_AGENT
    timeout: float = 20.0  # seconds per connect / read
    deadline: float = 60.0  # seconds for a whole response, however slowly it trickles in
    max_bytes: int = 5_000_000  # a news page is far smaller; a larger body is refused
    retries: int = 3  # further attempts after the first, on network errors and RETRY_STATUSES
    backoff: float = 1.0  # seconds before the first retry, doubled each time
    max_retry_after: float = 60.0  # longest Retry-After honoured
    min_interval: float = 1.0  # seconds between two requests to one host (robots Crawl-delay raises it)
    max_redirects: int = 5
    respect_robots: bool = True
    allow_private: frozenset[str] = field(default_factory=frozenset)


def allowed_private_hosts(extra: tuple[str, ...] | list[str] = ()) -> frozenset[str]:
    """Hosts exempt from the private-address refusal: the given ones plus $RASD_ALLOW_PRIVATE."""
    hosts = {h.strip().lower() for h in os.environ.get(ALLOW_PRIVATE_ENV, "").split(",") if h.strip()}
    hosts.update(h.strip().lower() for h in extra if h.strip())
    return frozenset(hosts)


@dataclass(slots=True)
class FetchResult:
    """One fetched resource: the final URL after redirects, the status, the body and the validators."""

    url: str
    requested_url: str
    status: int
    content: bytes
    content_type: str
    headers: dict[str, str]
    fetched_at: datetime
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        """True for a 304 answer to a conditional GET: nothing new since the validators were stored."""
        return self.status == 304


class RateLimiter:
    """At most one request per `interval` seconds per host (thread-safe; the wait happens outside the lock)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()
        self._clock, self._sleep = clock, sleep

    def wait(self, host: str, interval: float) -> float:
        """Block until the host may be asked again; returns the seconds waited."""
        with self._lock:
            now = self._clock()
            start = max(now, self._next.get(host, 0.0))
            self._next[host] = start + interval
        delay = start - now
        if delay > 0:
            self._sleep(delay)
        return max(0.0, delay)


class Fetcher:
    """An HTTP client that follows rasd's fetching rules. Use as a context manager or call `close()`.

    `validators` maps a URL to its last (etag, last_modified); give a persistent mapping to keep conditional GETs
    across runs. `stats` counts what happened (fetched, not_modified, refused, robots, errors, retries).
    """

    def __init__(self, settings: FetchSettings | None = None,
                 validators: MutableMapping[str, tuple[str | None, str | None]] | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings or FetchSettings(allow_private=allowed_private_hosts())
        self.validators = validators if validators is not None else {}
        # The guarded transport connects only to the addresses it has just checked (no DNS rebinding between
        # check_address and the connection); no proxy from the environment, which would connect for us unchecked.
        self.client = httpx.Client(headers={"User-Agent": self.settings.user_agent, "Accept-Encoding": "gzip, deflate"},
                                   timeout=self.settings.timeout, follow_redirects=False,
                                   transport=transport or guarded_transport(self.settings.allow_private),
                                   trust_env=transport is not None)
        self.rate = RateLimiter()
        self._robots: dict[str, tuple[urllib.robotparser.RobotFileParser | None, float | None]] = {}
        self._robots_lock = threading.Lock()
        self.stats: dict[str, int] = {"fetched": 0, "not_modified": 0, "refused": 0, "robots": 0, "errors": 0,
                                      "retries": 0}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    # -- rules ----------------------------------------------------------------------------------------------------

    def check_address(self, url: str) -> None:
        """Refuse non-HTTP URLs and hosts that resolve to a non-public address (unless the host is allowed)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError("only http and https URLs can be fetched", url)
        host = parts.hostname.lower()
        try:
            checked_addresses(host, parts.port or (443 if parts.scheme == "https" else 80), self.settings.allow_private)
        except AddressRefused as exc:
            self.stats["refused"] += 1
            raise FetchError(f"{exc}; allow it with {ALLOW_PRIVATE_ENV}={host} (rasd watch: --allow-private {host})",
                             url) from exc
        except InputError as exc:
            raise FetchError(str(exc), url) from exc

    def _origin(self, url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}"

    def _robots_for(self, url: str) -> tuple[urllib.robotparser.RobotFileParser | None, float | None]:
        """The parsed robots.txt of the URL's origin (cached): None means everything is allowed."""
        origin = self._origin(url)
        with self._robots_lock:
            if origin in self._robots:
                return self._robots[origin]
        parser: urllib.robotparser.RobotFileParser | None = None
        try:
            result = self._get(origin + "/robots.txt", conditional=False, check_robots=False)
        except FetchError as exc:
            if exc.status is not None and exc.status >= 500 or exc.status is None:
                # RFC 9309: an unreachable robots.txt means "disallow all" until it can be read
                parser = urllib.robotparser.RobotFileParser()
                parser.parse(["User-agent: *", "Disallow: /"])
        else:
            if 200 <= result.status < 300:
                parser = urllib.robotparser.RobotFileParser()
                parser.parse(result.content.decode("utf-8", "replace").splitlines())
        delay = None
        if parser is not None:
            raw = parser.crawl_delay(self.settings.user_agent)
            delay = float(raw) if raw is not None else None
        with self._robots_lock:
            self._robots[origin] = (parser, delay)
        return parser, delay

    def allowed_by_robots(self, url: str) -> bool:
        if not self.settings.respect_robots:
            return True
        parser, _ = self._robots_for(url)
        return parser is None or parser.can_fetch(self.settings.user_agent, url)

    def _interval(self, url: str) -> float:
        if not self.settings.respect_robots:
            return self.settings.min_interval
        _, delay = self._robots.get(self._origin(url), (None, None))
        return max(self.settings.min_interval, delay or 0.0)

    # -- fetching -------------------------------------------------------------------------------------------------

    def fetch(self, url: str, conditional: bool = True) -> FetchResult:
        """GET a URL by the rules above (robots, rate limit, retries, size cap, redirects re-checked)."""
        try:
            result = self._get(url, conditional=conditional, check_robots=self.settings.respect_robots)
        except FetchError:
            self.stats["errors"] += 1
            raise
        if result.not_modified:
            self.stats["not_modified"] += 1
        else:
            self.stats["fetched"] += 1
        return result

    def _get(self, url: str, conditional: bool, check_robots: bool) -> FetchResult:
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            self.check_address(current)
            if check_robots and not self.allowed_by_robots(current):
                self.stats["robots"] += 1
                raise FetchError("disallowed by robots.txt", current)
            response_status, headers, body = self._request_with_retries(current, conditional and current == url)
            if response_status in (301, 302, 303, 307, 308) and headers.get("location"):
                current = urljoin(current, headers["location"])
                continue
            return self._result(url, current, response_status, headers, body)
        raise FetchError(f"more than {self.settings.max_redirects} redirects", url)

    def _result(self, requested: str, final: str, status: int, headers: dict[str, str], body: bytes) -> FetchResult:
        if status != 304 and not 200 <= status < 300:
            raise FetchError(f"HTTP {status}", final, status)
        etag, modified = headers.get("etag"), headers.get("last-modified")
        if status == 200 and (etag or modified):
            self.validators[requested] = (etag, modified)
        return FetchResult(url=final, requested_url=requested, status=status, content=body,
                           content_type=headers.get("content-type", ""), headers=headers,
                           fetched_at=datetime.now(UTC).replace(tzinfo=None), etag=etag, last_modified=modified)

    def _request_with_retries(self, url: str, conditional: bool) -> tuple[int, dict[str, str], bytes]:
        headers: dict[str, str] = {}
        if conditional and url in self.validators:
            etag, modified = self.validators[url]
            if etag:
                headers["If-None-Match"] = etag
            if modified:
                headers["If-Modified-Since"] = modified
        host = urlsplit(url).hostname or ""
        attempt = 0
        while True:
            self.rate.wait(host, self._interval(url))
            try:
                status, got, body = self._request(url, headers)
            except (httpx.TransportError, httpx.StreamError) as exc:
                if attempt >= self.settings.retries:
                    raise FetchError(f"network error after {attempt + 1} attempt(s): {type(exc).__name__}: {exc}",
                                     url) from exc
                wait = self.settings.backoff * 2 ** attempt
            else:
                if status not in RETRY_STATUSES or attempt >= self.settings.retries:
                    return status, got, body
                wait = max(self.settings.backoff * 2 ** attempt, _retry_after(got.get("retry-after")) or 0.0)
                wait = min(wait, self.settings.max_retry_after)
            attempt += 1
            self.stats["retries"] += 1
            log.info("retrying %s in %.1fs (attempt %d)", url, wait, attempt + 1)
            time.sleep(wait)

    def _request(self, url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        """One GET, streamed so a body over the size cap is cut off without being read whole."""
        cap = self.settings.max_bytes
        deadline = time.monotonic() + self.settings.deadline
        try:
            return self._stream(url, headers, cap, deadline)
        except AddressRefused as exc:  # found at connection time (the name now resolves elsewhere)
            self.stats["refused"] += 1
            raise FetchError(str(exc), url) from exc

    def _stream(self, url: str, headers: dict[str, str], cap: int, deadline: float) -> tuple[int, dict[str, str], bytes]:
        with self.client.stream("GET", url, headers=headers) as response:
            got = {k.lower(): v for k, v in response.headers.items()}
            declared = got.get("content-length", "")
            if declared.isdigit() and int(declared) > cap:
                raise FetchError(f"response too large ({declared} bytes > {cap})", url, response.status_code)
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > cap:
                    raise FetchError(f"response too large (over {cap} bytes)", url, response.status_code)
                if time.monotonic() > deadline:  # a server trickling bytes defeats the per-read timeout
                    raise FetchError(f"response took longer than {self.settings.deadline:.0f} s", url,
                                     response.status_code)
                chunks.append(chunk)
            return response.status_code, got, b"".join(chunks)


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (a number or an HTTP date)."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
