"""POST /api/articles: an article's text (or a URL to fetch) -> the pipeline -> the store.

Fetching is deliberately narrow because the URL comes from a client: http(s) only, no credentials in the URL, a
timeout, a size cap, and by default no loopback, private or link-local addresses (a server must not be turned into
a probe of its own network). A fetcher can be passed to the app instead (tests do; a deployment could plug in a
polite crawler with robots.txt handling).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlsplit

from rasd.errors import InputError
from rasd.ingest.netguard import checked_addresses, guarded_transport
from rasd.model import Article, ArticleResult

#: (url) -> page markup (HTML or plain text); raises InputError when the page cannot be had.
Fetcher = Callable[[str], str]

MAX_PAGE_BYTES = 2_000_000
FETCH_TIMEOUT_S = 15.0  # per connect / read
#: The whole download, however slowly the server trickles it.
FETCH_DEADLINE_S = 30.0


def check_url(url: str, allow_private: bool = False) -> str:
    """The URL if a server may fetch it; InputError (with the reason) otherwise."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        raise InputError(f"only http and https URLs can be fetched, not {parts.scheme or 'a bare path'!r}")
    if not parts.hostname:
        raise InputError("the URL has no host name")
    if parts.username or parts.password:
        raise InputError("URLs with credentials are not fetched")
    try:
        port = parts.port
    except ValueError as exc:
        raise InputError(f"the URL's port is not valid: {exc}") from exc
    checked_addresses(parts.hostname, port or (443 if parts.scheme == "https" else 80), allow_private)
    return url.strip()


def fetch_url(url: str) -> str:
    """Download one page (public addresses only, checked at connection time; size- and time-capped); its text."""
    import httpx

    check_url(url)
    deadline = time.monotonic() + FETCH_DEADLINE_S
    try:
        with httpx.Client(timeout=FETCH_TIMEOUT_S, follow_redirects=False, transport=guarded_transport(),
                          trust_env=False, headers={"User-Agent": "rasd/0.1 (+https://github.com/rasd)"}) as client, \
                client.stream("GET", url) as response:
            if response.status_code != 200:
                raise InputError(f"fetching {url} answered HTTP {response.status_code}")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_PAGE_BYTES:
                    raise InputError(f"{url}: page larger than {MAX_PAGE_BYTES} bytes")
                if time.monotonic() > deadline:
                    raise InputError(f"{url}: the page took longer than {FETCH_DEADLINE_S:.0f} s to arrive")
                chunks.append(chunk)
            encoding = response.encoding or "utf-8"
    except httpx.HTTPError as exc:
        raise InputError(f"cannot fetch {url}: {exc}") from exc
    return b"".join(chunks).decode(encoding, errors="replace")


def article_from_request(text: str | None, url: str | None, title: str, outlet: str | None, published,
                         fetcher: Fetcher) -> Article:
    """The Article an ingest request describes: its text as given, or the fetched page's main text."""
    from rasd.ingest.sources import article_from_html, article_from_text

    if text is not None and text.strip():
        article = article_from_text(text, "<api>", published)
        if title.strip():
            article.title = " ".join(title.split())
    elif url:
        page = fetcher(url)
        looks_html = "<" in page[:2000] and ">" in page[:2000]
        article = article_from_html(page, url, published, url=url) if looks_html \
            else article_from_text(page, url, published)
        if title.strip():
            article.title = " ".join(title.split())
    else:
        raise InputError("give the article's 'text' or a 'url' to fetch")
    if url:
        article.url = url
    if outlet:
        article.outlet = outlet
    article.source_path = None
    return article


def process_article(article: Article) -> ArticleResult:
    """The pipeline on one article, with provenance on every event (as `rasd run` stores it)."""
    from rasd import pipeline
    from rasd.ingest.sources import attach_provenance

    return attach_provenance(pipeline.process(article))  # within pipeline.ARTICLE_TIME_LIMIT_S
