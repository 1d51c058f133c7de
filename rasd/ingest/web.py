"""URLs -> Articles: a page URL gives its article; a feed or sitemap URL gives the articles it lists; a public
Telegram channel (`https://t.me/s/NAME`) gives one article per post (`rasd.ingest.telegram`).

`rasd run` and `rasd extract` accept http(s) URLs next to paths; this is the reader behind them. Fetching follows
`rasd.ingest.fetch` (robots, rate limit, private addresses refused). Pages are decoded trusting their bytes over
their declared charset (`decode_html`), extracted with trafilatura, and dated from metadata, the visible date line
or, failing both, the date the feed or sitemap announced. A URL that fails is an InputError in the stream.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from datetime import date
from urllib.parse import urlsplit

from rasd.errors import InputError
from rasd.ingest.encoding import decode_html
from rasd.ingest.extract import article_from_html
from rasd.ingest.feeds import FeedEntry, discover, kind_of
from rasd.ingest.fetch import Fetcher, FetchResult
from rasd.model import Article

log = logging.getLogger(__name__)

#: Most article URLs read from one feed or sitemap in one go (a sitemap can list a site's whole history).
MAX_ENTRIES = 5000

_default: Fetcher | None = None
_default_lock = threading.Lock()


def is_url(value: str) -> bool:
    return str(value).lower().startswith(("http://", "https://"))


def default_fetcher() -> Fetcher:
    """One shared Fetcher for the process (settings from the environment, e.g. $RASD_ALLOW_PRIVATE)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Fetcher()
        return _default


def set_default_fetcher(fetcher: Fetcher | None) -> None:
    """Use this Fetcher for URL inputs from now on (the CLI sets one built from its flags; None resets)."""
    global _default
    with _default_lock:
        _default = fetcher


def outlet_of(url: str | None) -> str | None:
    """The site's host without "www." (the outlet name when the page gives none)."""
    host = (urlsplit(url).hostname or "") if url else ""
    return host[4:] if host.startswith("www.") else host or None


def article_from_result(result: FetchResult, published: date | None = None,
                        announced: FeedEntry | None = None) -> Article:
    """The Article of a fetched page (InputError when it is not text or holds none)."""
    ctype = result.content_type.lower()
    if ctype and not any(t in ctype for t in ("html", "xml", "text/plain")):
        raise InputError(f"not an HTML page (Content-Type {result.content_type})", result.url)
    text = decode_html(result.content, result.url, header=result.content_type)
    if "text/plain" in ctype:
        from rasd.ingest.boilerplate import remove_boilerplate
        from rasd.ingest.language import detect_language

        body = remove_boilerplate(text.replace("\r\n", "\n"))
        if not body:
            raise InputError("empty page", result.url)
        article = Article(text=body, url=result.url, language=detect_language(body), fetched_at=result.fetched_at,
                          source_path=result.requested_url)
    else:
        article = article_from_html(text, url=result.url, published=published, source_path=result.requested_url,
                                    fetched_at=result.fetched_at)
    if published is not None:
        article.published, article.published_how = published, "given"
    elif article.published is None and announced is not None and announced.published is not None:
        article.published, article.published_how = announced.published, "metadata"
    if not article.title and announced is not None:
        article.title = announced.title
    article.outlet = article.outlet or outlet_of(result.url)
    return article


def iter_url(url: str, published: date | None = None, fetcher: Fetcher | None = None,
             seen: Callable[[str], bool] | None = None) -> Iterator[Article | InputError]:
    """The article at a page URL, every article a feed/sitemap URL lists (entries `seen(url)` are skipped), or the
    posts of a Telegram channel page and of its older pages (bounded by `telegram.DEFAULT_MAX_PAGES`)."""
    from rasd.ingest.telegram import channel_page_url, is_channel_page, iter_channel_articles

    fetcher = fetcher or default_fetcher()
    try:
        result = fetcher.fetch(channel_page_url(url))
    except InputError as exc:
        yield exc
        return
    if result.not_modified:
        return
    if is_channel_page(result.content, result.url):
        yield from iter_channel_articles(fetcher.fetch, result, published)
        return
    kind = kind_of(result.content, result.content_type, result.url)
    if kind == "page":
        try:
            yield article_from_result(result, published)
        except InputError as exc:
            yield exc
        return
    yield from iter_entries(discover(fetcher.fetch, result.url, result.content, result.content_type), published,
                            fetcher, seen)


def iter_entries(entries: Iterator[FeedEntry | InputError], published: date | None, fetcher: Fetcher,
                 seen: Callable[[str], bool] | None = None) -> Iterator[Article | InputError]:
    """Fetch and extract each announced article once (a URL listed twice is read once)."""
    done: set[str] = set()
    for entry in entries:
        if isinstance(entry, InputError):
            yield entry
            continue
        if entry.url in done or (seen is not None and seen(entry.url)):
            continue
        done.add(entry.url)
        if len(done) > MAX_ENTRIES:
            yield InputError(f"more than {MAX_ENTRIES} entries; the rest are left for the next run", entry.url)
            return
        try:
            yield article_from_result(fetcher.fetch(entry.url, conditional=False), published, entry)
        except InputError as exc:
            yield exc
