"""`rasd watch SOURCES.yaml`: poll feeds, sitemaps and pages on a schedule and store every new article once.

SOURCES.yaml:

    interval: 900              # default seconds between two polls of a source (at least 60)
    allow_private: []          # hosts that may resolve to private addresses (also --allow-private, RASD_ALLOW_PRIVATE)
    sources:
      - url: https://www.example.com/rss.xml
        interval: 300          # optional, per source
        outlet: Example News   # optional: the outlet name stored with its articles
      - url: https://www.example.com/sitemap-news.xml
      - url: https://t.me/s/CHANNEL  # a public Telegram channel: one article per post
        pages: 3               # optional: most pages of older posts read per poll (about 20 posts a page)

Every fetched URL is written to the store's `fetch_log` (with its ETag / Last-Modified, so the next poll of a feed
is a conditional GET, and with the article it gave), so a URL is fetched once however often its feed lists it and
however often the watcher restarts. A Telegram channel's posts are logged by their `t.me/NAME/ID` URLs, so a
re-poll stores only new posts and stops paging back at the first page it already knows. Articles already stored
(same article_id) are not processed again. Transient failures (network errors, HTTP 5xx/429) are retried on the next
poll; permanent ones (4xx, not a page) are not.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rasd.errors import InputError
from rasd.ingest.feeds import FeedEntry, discover, kind_of
from rasd.ingest.fetch import Fetcher, FetchError, FetchResult
from rasd.ingest.telegram import DEFAULT_MAX_PAGES, channel_page_url, is_channel_page
from rasd.ingest.web import article_from_result
from rasd.model import Article

log = logging.getLogger(__name__)

MIN_INTERVAL = 60.0
DEFAULT_INTERVAL = 900.0


@dataclass(slots=True)
class Source:
    """One polled URL (feed, sitemap or page) and how often to poll it."""

    url: str
    interval: float = DEFAULT_INTERVAL
    outlet: str | None = None
    pages: int = DEFAULT_MAX_PAGES  # a Telegram channel: most pages read per poll


@dataclass(slots=True)
class WatchConfig:
    sources: list[Source]
    allow_private: list[str] = field(default_factory=list)


def load_sources(path: str | Path) -> WatchConfig:
    """Read and check SOURCES.yaml; a RasdError says what is wrong and where."""
    import yaml

    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read sources file: {exc.strerror or exc}", str(p)) from exc
    except yaml.YAMLError as exc:
        raise InputError(f"malformed YAML ({' '.join(str(exc).split())})", str(p)) from exc
    if isinstance(data, list):
        data = {"sources": data}
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list) or not data["sources"]:
        raise InputError("expected a mapping with a non-empty 'sources' list", str(p))
    default = _interval(data.get("interval", DEFAULT_INTERVAL), str(p))
    sources = []
    for number, item in enumerate(data["sources"], start=1):
        if isinstance(item, str):
            item = {"url": item}
        if not isinstance(item, dict) or not isinstance(item.get("url"), str):
            raise InputError(f"source {number}: expected a URL or a mapping with 'url'", str(p))
        url = item["url"].strip()
        if not url.lower().startswith(("http://", "https://")):
            raise InputError(f"source {number}: {url!r} is not an http(s) URL", str(p))
        pages = item.get("pages", DEFAULT_MAX_PAGES)
        if not isinstance(pages, int) or isinstance(pages, bool) or pages < 1:
            raise InputError(f"source {number}: 'pages' must be a whole number of at least 1", str(p))
        sources.append(Source(url=url, interval=_interval(item.get("interval", default), str(p)),
                              outlet=str(item["outlet"]) if item.get("outlet") else None, pages=pages))
    allow = data.get("allow_private") or []
    if not isinstance(allow, list):
        raise InputError("'allow_private' must be a list of host names", str(p))
    return WatchConfig(sources=sources, allow_private=[str(h) for h in allow])


def _interval(value: Any, path: str) -> float:
    try:
        seconds = float(value)
    except (TypeError, ValueError) as exc:
        raise InputError(f"interval {value!r} is not a number of seconds", path) from exc
    return max(MIN_INTERVAL, seconds)


# -- the fetch log ---------------------------------------------------------------------------------------------------

class FetchLog(MutableMapping):
    """The store's fetch log (Repository.fetch_log) as the Fetcher's validator mapping (url -> (etag,
    last_modified)), plus the watcher's question whether a URL needs fetching again."""

    def __init__(self, table: Any) -> None:
        self.table = table

    def __getitem__(self, url: str) -> tuple[str | None, str | None]:
        row = self.table.get(url)
        if row is None or not (row.etag or row.last_modified):
            raise KeyError(url)
        return row.etag, row.last_modified

    def __setitem__(self, url: str, value: tuple[str | None, str | None]) -> None:
        self.record(url, etag=value[0], last_modified=value[1])

    def __delitem__(self, url: str) -> None:
        self.record(url, etag=None, last_modified=None)

    def __iter__(self) -> Iterator[str]:
        return iter(self.table.urls_with_etag())

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def record(self, url: str, **values: Any) -> None:
        """Insert or update the URL's row with the given columns."""
        self.table.record(url, **values)

    def done(self, url: str) -> bool:
        """True when the URL gave an article, or failed for good (a 4xx, not a page): no need to fetch it again."""
        row = self.table.get(url)
        return row is not None and (row.article_id is not None or row.error is not None and not _transient(row))


def _transient(row: Any) -> bool:
    return row.status is None or row.status >= 500 or row.status in (408, 425, 429)


# -- one poll --------------------------------------------------------------------------------------------------------

@dataclass
class WatchStats:
    """What the watcher did: the final report's figures."""

    polls: int = 0
    not_modified: int = 0
    fetched: int = 0
    extracted: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    events_added: int = 0
    skipped: Counter = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        return {"polls": self.polls, "not_modified": self.not_modified, "fetched": self.fetched,
                "extracted": self.extracted, "duplicates": self.duplicates, "near_duplicates": self.near_duplicates,
                "events_added": self.events_added, "skipped": dict(self.skipped)}


class Watcher:
    """Polls sources into a store: `poll(source)` once, or `due(now)` to find what to poll."""

    def __init__(self, repo: Any, fetcher: Fetcher, published: date | None = None, kb_extra: tuple[str, ...] = (),
                 workers: int | None = 1, scheduler: str | None = None) -> None:
        self.repo, self.fetcher, self.published = repo, fetcher, published
        # How a poll's new articles are extracted (rasd.engine.runner.run_pipeline, as `rasd run` does): the KB
        # with these extra files (adopted by the caller: rasd.engine.work.adopt), on these workers or that cluster.
        self.kb_extra, self.workers, self.scheduler = kb_extra, workers, scheduler
        self.log = FetchLog(repo.fetch_log)
        fetcher.validators = self.log
        self.stats = WatchStats()
        self.next_poll: dict[str, float] = {}
        self._clusters: Any = None
        self._pending: list[tuple[str, Article, str, int]] = []  # (url, article, final URL, status) of this poll

    def poll(self, source: Source) -> None:
        """Fetch the source (conditionally), then every article it lists that was not fetched before."""
        self.stats.polls += 1
        try:
            result = self.fetcher.fetch(channel_page_url(source.url), conditional=True)
        except FetchError as exc:
            self._skip(exc)
            return
        if result.not_modified:
            self.stats.not_modified += 1
            return
        if is_channel_page(result.content, result.url):
            self._poll_channel(result, source)
            self._update_clusters()
            return
        if kind_of(result.content, result.content_type, result.url) == "page":
            if not self.log.done(source.url):
                self._store_page(source.url, result, source, None)
                self._update_clusters()
            return
        for entry in discover(self.fetcher.fetch, result.url, result.content, result.content_type):
            if isinstance(entry, InputError):
                self._skip(entry)
            elif not self.log.done(entry.url):
                self._fetch_entry(entry, source)
        self._update_clusters()

    def _fetch_entry(self, entry: FeedEntry, source: Source) -> None:
        try:
            result = self.fetcher.fetch(entry.url, conditional=False)
        except FetchError as exc:
            self.log.record(entry.url, status=exc.status, error=_reason(exc))
            self._skip(exc)
            return
        self._store_page(entry.url, result, source, entry)

    def _poll_channel(self, first: FetchResult, source: Source) -> None:
        """Store each new post of a Telegram channel, paging back until a page holds nothing new."""
        from rasd.ingest.telegram import article_from_post, iter_channel_pages

        for page in iter_channel_pages(self.fetcher.fetch, first, source.pages, seen=self.log.done):
            if isinstance(page, InputError):
                self._skip(page)
                continue
            self.stats.fetched += 1
            for post in page.posts:
                if self.log.done(post.url):
                    continue
                reason = post.skip_reason
                if reason:  # logged as done (a 200 with a reason), so the next poll neither counts nor re-reads it
                    log.info("%s: skipped: %s", post.url, reason)
                    self.stats.skipped[reason] += 1
                    self.log.record(post.url, final_url=page.url, status=200, error=reason)
                    continue
                self._store_article(post.url, article_from_post(post, page, self.published), source, page.url, 200)

    def _store_page(self, url: str, result: FetchResult, source: Source, entry: FeedEntry | None) -> None:
        self.stats.fetched += 1
        try:
            article = article_from_result(result, self.published, entry)
        except InputError as exc:
            self.log.record(url, final_url=result.url, status=result.status, error=_reason(exc))
            self._skip(exc)
            return
        self._store_article(url, article, source, result.url, result.status)

    def _store_article(self, url: str, article: Article, source: Source, final_url: str, status: int) -> None:
        """Queue one article for this poll's batch (`_store_pending`); its URL is logged as done once stored."""
        if source.outlet:
            article.outlet = source.outlet
        self._pending.append((url, article, final_url, status))

    def _store_pending(self) -> None:
        """Extract and store the poll's new articles in one batch, through the engine `rasd run` uses (one write
        transaction per batch, dedup in input order), then log each stored article's URL as done. An article the
        pipeline fails on is reported and not logged, so the next poll tries it again."""
        from rasd.engine.runner import run_pipeline

        pending, self._pending = self._pending, []
        if not pending:
            return
        urls = {id(article): url for url, article, _final, _status in pending}

        def failed(err: InputError) -> None:
            self._skip(err)

        for _url, article, _final, _status in pending:  # errors name the URL, as before
            article.source_path = article.source_path or urls[id(article)]
        counts = run_pipeline((article for _url, article, _final, _status in pending), self.repo,
                              workers=self.workers, scheduler=self.scheduler, kb_extra=self.kb_extra,
                              on_error=failed)
        self.stats.extracted += counts.new
        self.stats.duplicates += counts.duplicates
        self.stats.events_added += counts.events_added
        for why, n in counts.not_extracted.items():
            self.stats.skipped[f"not extracted: {why.split(' (')[0]}"] += n
        stored = self.repo.stored_articles([article.article_id for _url, article, _final, _status in pending])
        for url, article, final_url, status in pending:
            if article.article_id in stored:
                self.log.record(url, final_url=final_url, status=status, article_id=article.article_id, error=None)

    def _skip(self, exc: InputError) -> None:
        log.warning("%s", exc)
        self.stats.skipped[_reason(exc)] += 1

    def _update_clusters(self) -> None:
        """Store the poll's articles, then place the new ones in near-duplicate clusters (the index stays in memory
        between polls)."""
        from rasd.ingest.dedup_articles import update_clusters

        self._store_pending()

        self._clusters, new = update_clusters(self.repo, self._clusters)
        self.stats.near_duplicates += sum(1 for a in new if self._clusters.clusters[a] != a)

    def due(self, sources: list[Source], now: float) -> list[Source]:
        """The sources whose next poll time has come (all of them at the start)."""
        ready = [s for s in sources if self.next_poll.get(s.url, 0.0) <= now]
        for s in ready:
            self.next_poll[s.url] = now + s.interval
        return ready


def _reason(exc: InputError) -> str:
    """The message without its URL prefix, with status numbers kept (to group skip reasons)."""
    text = str(exc)
    prefix = f"{exc.path}: " if exc.path else ""
    return text[len(prefix):] if prefix and text.startswith(prefix) else text
