"""The store's one entry point: open (migrating to the latest schema), add pipeline results, query events.

SQLite (WAL mode) is the zero-configuration default; any SQLAlchemy URL works (PostgreSQL is tested), and nothing
here uses SQL that only one database understands except behind a dialect check (PRAGMAs, the write lock, full-text
search). Writes are idempotent by article_id: adding the same article twice adds nothing the second time. Each of an
article's events is stored as a report and linked to the event it describes (rasd.dedup), so counts are of events.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from rasd.config import db_url, sqlite_path
from rasd.errors import StoreError
from rasd.model import Article, ArticleResult, Event
from rasd.store.ingest_state import ClusterTable, FetchLogTable
from rasd.store.linking import link_reports, now, reports_of
from rasd.store.query import EventFilter, apply_filters, events_query, newest_first, plan
from rasd.store.rows import jsonable
from rasd.store.schema import ArticleRow, EventRow, MentionRow, ReportRow, SourceRow
from rasd.store.sql import lock_for_write
from rasd.store.updated import with_updated_at

if TYPE_CHECKING:
    from rasd.store.bulk import BulkCounts

__all__ = ["Repository", "migrate", "write_session", "events_query", "EventFilter", "MIGRATIONS_DIR"]

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


#: How long a SQLite writer waits for another one's lock before giving up (the API then answers 503 with a
#: Retry-After): long enough for any one batch of `rasd run`, bounded so a stuck writer is reported.
BUSY_TIMEOUT_MS = 60_000


#: Seconds between two tries of switching a store to WAL while another process holds the lock that switch needs.
WAL_RETRY_S = 0.05


def _wal(cursor: Any, timeout_s: float = BUSY_TIMEOUT_MS / 1000) -> None:
    """PRAGMA journal_mode=WAL, tried again while the file is locked. Two processes opening one new store at once
    (tests/store/test_concurrency.py) once got "database is locked" from this switch with a 5-second busy handler
    in place and the other process done in well under a second: the switch can be refused without the handler
    waiting, so the wait is done here, bounded by the store's busy timeout."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(WAL_RETRY_S)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL for concurrent readers during a write, foreign keys on, and a wait rather than 'database is locked'.

    The driver's own transaction handling is switched off (isolation_level None) so that `_sqlite_begin` decides
    how a transaction starts: writers take the write lock up front (BEGIN IMMEDIATE), so two processes that dedup
    into one store never both decide an event is new.
    """
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        # 8 KiB pages (only takes effect on a new, empty file): an event row with its JSON is ~2.5 KB, so 4 KiB
        # pages hold one row each and waste a third of the file.
        cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_MS)}")
        cursor.execute("PRAGMA page_size=8192")
        _wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # 64 MiB of page cache (allocated only as used): index pages of a store of millions of events stay in
        # memory, which keeps bulk loads and index walks from re-reading them (the default is 2 MiB).
        cursor.execute("PRAGMA cache_size=-65536")
    finally:
        cursor.close()


#: Bytes of an SQLite store its read-only connections map into memory (rasd.store.repository.Repository.reader).
READER_MMAP_BYTES = 1 << 30


def _sqlite_reader_pragmas(dbapi_connection: Any, record: Any) -> None:
    """A reader's connection: the store's pragmas, then read-only (query_only) with the file memory-mapped, so index
    walks read pages straight from the OS cache that every worker shares instead of copying each page in."""
    _sqlite_pragmas(dbapi_connection, record)
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA mmap_size={READER_MMAP_BYTES}")
        cursor.execute("PRAGMA query_only=1")
    finally:
        cursor.close()


def _sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE_OPTION) else "BEGIN")


#: A bulk write of at least this many events refreshes the planner's statistics (`Repository.analyze`).
ANALYZE_AFTER = 10_000

#: Execution option marking a connection that writes (serialised: BEGIN IMMEDIATE / an advisory lock).
WRITE_OPTION = "rasd_write"


def write_session(engine: Engine) -> Session:
    """A Session whose transactions take the store's write lock when they begin (SQLite: BEGIN IMMEDIATE, which
    waits out the busy timeout for another writer). A transaction that reads first and then writes would ask for
    the lock only at its first write, and SQLite fails such an upgrade at once ("database is locked") when another
    process committed in between: every write of rasd goes through here (or Repository's own sessions)."""
    return Session(engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False)


def migrate(engine: Engine) -> None:
    """Bring the schema to the latest Alembic revision (the migrations ship inside the package; no alembic.ini)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.execution_options(**{WRITE_OPTION: True}).begin() as connection:
        lock_for_write(connection)  # two processes opening a new store at once migrate it once
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")


class Repository:
    """A rasd store: `Repository("rasd.db")`, `Repository("postgresql://...")`; use as a context manager."""

    def __init__(self, location: str = "rasd.db", *, run_migrations: bool = True) -> None:
        self.url = db_url(location)
        path = sqlite_path(self.url)
        try:
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
            self.engine = create_engine(self.url)
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
                event.listen(self.engine, "begin", _sqlite_begin)
            if run_migrations:
                migrate(self.engine)
        except (SQLAlchemyError, OSError) as exc:
            raise StoreError(f"cannot open store {location}: {exc}") from exc
        self._sessions = sessionmaker(self.engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False)
        self._reader: Engine | None = None

    @property
    def reader(self) -> Engine:
        """An engine for reads only (the API's pages, totals and stats): on SQLite its connections refuse writes
        (query_only) and memory-map the file; in memory and on other databases the store's own engine (a second
        engine on an in-memory SQLite URL would be another, empty database)."""
        if self.engine.dialect.name != "sqlite" or self.path is None:
            return self.engine
        if self._reader is None:
            self._reader = create_engine(self.url)
            event.listen(self._reader, "connect", _sqlite_reader_pragmas)
            event.listen(self._reader, "begin", _sqlite_begin)
        return self._reader

    @property
    def fetch_log(self) -> FetchLogTable:
        """What the watcher fetched (validators for conditional GET, the article or error each URL gave)."""
        return FetchLogTable(self.engine, self._sessions)

    @property
    def clusters(self) -> ClusterTable:
        """The near-duplicate clusters of the stored articles."""
        return ClusterTable(self.engine, self._sessions)

    @property
    def path(self) -> Path | None:
        """The SQLite file behind this store, None for other databases."""
        return sqlite_path(self.url)

    def close(self) -> None:
        if self._reader is not None:
            self._reader.dispose()
        self.engine.dispose()

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing --------------------------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with Session(self.engine) as session:
            return session.get(ArticleRow, article_id) is not None

    def stored_articles(self, article_ids: list[str]) -> set[str]:
        """Those of `article_ids` that are stored (one query per 900)."""
        from rasd.store.bulk import _existing

        with self.engine.connect() as conn:
            return _existing(conn, ArticleRow.article_id, article_ids)

    def add_result(self, result: ArticleResult, *, dedup: bool = True) -> bool:
        """Store one article with its mentions and its events as reports, each linked to a new or a matching stored
        event (`dedup=False` makes every report its own event); False (nothing written) if already stored."""
        art = result.article
        try:
            with self._sessions.begin() as session:
                lock_for_write(session.connection())
                if session.get(ArticleRow, art.article_id) is not None:
                    return False
                stamp = now()
                session.add(ArticleRow(
                    article_id=art.article_id, url=art.url, outlet=art.outlet, title=art.title or "",
                    published=art.published, published_how=art.published_how, language=art.language,
                    fetched_at=art.fetched_at, source_path=art.source_path, text=art.text, skipped=result.skipped,
                    warnings=list(result.warnings) or None, n_events=len(result.events), ingested_at=stamp,
                    meta=dict(art.meta) or None,
                ))
                session.flush()
                if art.outlet:
                    source = session.get(SourceRow, art.outlet)
                    if source is None:
                        session.add(SourceRow(outlet=art.outlet, n_articles=1, first_seen=stamp, last_seen=stamp))
                    else:
                        source.n_articles += 1
                        source.last_seen = stamp
                session.add_all(MentionRow(article_id=art.article_id, kind=m.kind, start=m.span.start, end=m.span.end,
                                           text=m.span.text, value=jsonable(m.to_dict()["value"]),
                                           label=m.label or "", confidence=m.confidence) for m in result.mentions)
                if not result.skipped:
                    from rasd.store.search import index_article

                    index_article(session, art.article_id, art.title or "", art.text)
                link_reports(session, art, result.events, dedup=dedup)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot store article {art.article_id[:12]}: {exc}") from exc
        return True

    def bulk_add(self, results: Iterable[ArticleResult], *, batch: int = 0) -> BulkCounts:
        """Store many articles fast, without dedup: the same rows as `add_result(r, dedup=False)` for each result in
        order, written in large batches (rasd.store.bulk). Articles already stored are skipped and counted."""
        from rasd.store import bulk

        counts = bulk.BulkCounts()
        try:
            for chunk in bulk.batches(results, batch or bulk.BATCH):
                with self.engine.execution_options(**{WRITE_OPTION: True}).begin() as conn:
                    lock_for_write(conn)
                    slow = bulk.write_results(conn, chunk, counts)
                for result in slow:  # an event id already taken: its report joins that event, as add_result does
                    if self.add_result(result, dedup=False):
                        counts.articles += 1
                        counts.slow_path += 1
                    else:
                        counts.existing += 1
            if counts.events >= ANALYZE_AFTER:
                self.analyze()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot bulk-store articles: {exc}") from exc
        return counts

    def import_events(self, events: Iterable[Event], *, batch: int = 0) -> tuple[int, int]:
        """Store events that come without articles (`rasd import`), in large batches: (added, already stored).

        Every event needs its `event_id`; an id already stored (or repeated) is counted, and the event not changed.
        """
        from rasd.store import bulk

        added = existing = 0
        try:
            for chunk in bulk.batches(events, batch or bulk.BATCH):
                with self.engine.execution_options(**{WRITE_OPTION: True}).begin() as conn:
                    lock_for_write(conn)
                    a, e = bulk.write_events(conn, chunk, now())
                added, existing = added + a, existing + e
            if added >= ANALYZE_AFTER:
                self.analyze()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot store imported events: {exc}") from exc
        return added, existing

    def analyze(self) -> None:
        """Refresh the query planner's statistics (after a bulk write changed the tables' sizes a lot).

        SQLite keeps none until asked: a sampled ANALYZE (analysis_limit) takes well under a second on millions of
        rows and lets the planner tell a selective index from an unselective one. PostgreSQL's autovacuum would get
        there too, later.
        """
        with self.engine.begin() as conn:
            if self.dialect == "sqlite":
                conn.exec_driver_sql("PRAGMA analysis_limit=1000")
                conn.exec_driver_sql("ANALYZE")
            elif self.dialect == "postgresql":
                conn.exec_driver_sql("ANALYZE")

    def rebuild_events(self, dedup: bool = True) -> int:
        """Link every stored report to events again with the current dedup rules; returns how many events result."""
        from rasd.store.linking import relink_all

        try:
            with self._sessions.begin() as session:
                lock_for_write(session.connection())
                return relink_all(session, dedup=dedup)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot rebuild events: {exc}") from exc

    # -- reading --------------------------------------------------------------------------------------------------

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def query_events(self, since: date | None = None, until: date | None = None, country: str | None = None,
                     admin1: str | None = None, actor: str | None = None, event_type: str | None = None,
                     limit: int | None = None, **more: Any) -> list[Event]:
        """Events matching every given filter (rasd.store.query.EventFilter), newest first (undated last).

        `country` matches the country name or ISO3 code exactly (any case); `admin1` and `admin2` match a part of
        the name, any case; `actor` is resolved through the KB first ("داعش", "ISIS" and "Islamic State" select
        the same events), else matches a part of a stored name (actor1, actor2 or one associated actor;
        `associated=False` leaves associated actors out); `event_type` matches the type or sub-event type exactly,
        any case; `text` searches the reporting articles; `q` is the API's search box; `bbox` is (west, south,
        east, north); `min_fatalities` a floor. An unknown country, region or actor raises UnknownNameError with
        the close names (rasd.store.suggest).
        """
        f = EventFilter.of(since=since, until=until, country=country, admin1=admin1, actor=actor,
                           event_type=event_type, limit=limit, **more)
        return [Event.from_dict(data) for data in self.iter_event_dicts(f)]

    def iter_event_dicts(self, filters: EventFilter | None = None, batch: int = 2000) -> Iterator[dict[str, Any]]:
        """The matching events' contract objects as stored, streamed (for exports of any size), newest first, each
        with when its row last changed (rasd.store.updated.UPDATED_AT: ACLED's `timestamp`)."""
        f = filters or EventFilter()
        try:
            with Session(self.engine) as session:
                stmt = apply_filters(select(EventRow.data, EventRow.updated_at), f, self.dialect,
                                     plan=plan(session.connection(), f))
                left = f.limit
                for part in newest_first(stmt, f):
                    if left is not None:
                        if left <= 0:
                            break
                        part = part.limit(left)
                    for data, updated_at in session.execute(part.execution_options(yield_per=batch)):
                        if left is not None:
                            left -= 1
                        yield with_updated_at(data, updated_at)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read events: {exc}") from exc

    def stats(self, by: list[str], filters: EventFilter | None = None) -> list[dict[str, Any]]:
        """Events, reports and fatalities grouped by `by` (see rasd.store.summary.DIMENSIONS); without `filters`,
        the events counted by default (`EventFilter.counted()`: what happened, no background mention)."""
        from rasd.store.summary import aggregate

        try:
            with Session(self.engine) as session:
                return aggregate(session, by, filters or EventFilter.counted())
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot aggregate events: {exc}") from exc

    def left_out(self, filters: EventFilter) -> int:
        """How many events `filters` leave out by modality or background alone (what counts should say)."""
        from rasd.store.summary import left_out

        with Session(self.engine) as session:
            return left_out(session, filters)

    def explain(self, event_id: str) -> dict[str, Any] | None:
        """Why an event is what it is: its reports (each article's own account and what matched it to the event)
        and, per reconciled field group, which report supplied it and by which rule. None if there is no such event."""
        with Session(self.engine) as session:
            row = session.get(EventRow, event_id)
            if row is None:
                return None
            reports = []
            for rep, art in reports_of(session, event_id):
                own = rep.data or {}
                reports.append({
                    "article_id": rep.article_id, "outlet": art.outlet, "url": art.url, "title": art.title,
                    "published": art.published.isoformat() if art.published else None,
                    "report_event_id": rep.report_event_id, "position": rep.position, "revises": bool(rep.revises),
                    "match": rep.match, "fields": {k: own.get(k) for k in _EXPLAIN_FIELDS},
                })
            return {"event": Event.from_dict(row.data).to_dict(), "n_reports": row.n_reports,
                    "provenance": row.provenance or {}, "reports": reports}

    def get_event(self, event_id: str) -> Event | None:
        with Session(self.engine) as session:
            row = session.get(EventRow, event_id)
            return Event.from_dict(row.data) if row is not None else None

    def get_article(self, article_id: str) -> Article | None:
        """The stored article (its `text` is what every evidence span of its events points into)."""
        with Session(self.engine) as session:
            row = session.get(ArticleRow, article_id)
            return _article(row) if row is not None else None

    def articles_for_event(self, event_id: str) -> list[Article]:
        """The articles reporting an event, in the order they were stored."""
        stmt = (select(ArticleRow).join(ReportRow, ReportRow.article_id == ArticleRow.article_id)
                .where(ReportRow.event_id == event_id).order_by(ArticleRow.ingested_at, ArticleRow.article_id))
        with Session(self.engine) as session:
            return [_article(row) for row in session.scalars(stmt)]

    def counts(self) -> dict[str, int]:
        """Row counts: articles (and how many the extractor skipped), events, reports, mentions, sources."""
        with Session(self.engine) as session:
            def count(model: Any, *where: Any) -> int:
                return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)

            return {
                "articles": count(ArticleRow),
                "articles_skipped": count(ArticleRow, ArticleRow.skipped.is_not(None)),
                "events": count(EventRow),
                "reports": count(ReportRow),
                "mentions": count(MentionRow),
                "sources": count(SourceRow),
            }

    def summary(self, top: int = 10) -> dict[str, Any]:
        """Aggregates for a quick look (the demo): counts, events by type, by country/admin1, top actors, dates."""
        from rasd.store.summary import summarize

        with Session(self.engine) as session:
            return {**self.counts(), **summarize(session, top)}


_EXPLAIN_FIELDS = ("event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2", "location",
                   "admin1", "geo_precision", "fatalities", "injured", "weapon", "modality")


def _article(row: ArticleRow) -> Article:
    return Article(text=row.text, title=row.title, url=row.url, outlet=row.outlet, published=row.published,
                   published_how=row.published_how, language=row.language, fetched_at=row.fetched_at,
                   source_path=row.source_path, article_id=row.article_id, meta=dict(row.meta or {}))
