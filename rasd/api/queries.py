"""Read helpers the API needs beyond `Repository`'s methods: paged and counted event queries, aggregates, reports.

They use the store's tables directly (read-only) so the Repository stays the store's own; filters are the store's own
code (rasd.store.query.apply_filters), and the one filter type (rasd.store.query.EventFilter) is the CLI's too, so the API
selects exactly what `rasd events` (and `Repository.query_events`) selects.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Select, Text, cast, func, select
from sqlalchemy.orm import Session

from rasd.model import SATURDAY
from rasd.store.query import EventFilter, apply_filters, newest_first, plan, walkable
from rasd.store.repository import Repository
from rasd.store.schema import ArticleRow, EventRow, ReportRow

#: Index entries a page may read walking the browse index in date order (about 10 ms on SQLite).
WALK_BUDGET = 30_000


class _Bound:
    """A filter bound to one session: the store's plan (resolved names, common actor or words) is made once per
    request and reused by each of its statements."""

    def __init__(self, session: Session, filters: EventFilter, dialect: str) -> None:
        self.filters, self.dialect = filters, dialect
        self.plan = plan(session.connection(), filters)

    def __call__(self, stmt: Select[Any]) -> Select[Any]:
        return apply_filters(stmt, self.filters, self.dialect, plan=self.plan)


def _ordered(stmt: Select[Any], dialect: str) -> Select[Any]:
    """Newest first, undated last, then by id: a total order, so offset paging neither skips nor repeats.

    Both keys descend so SQLite walks the browse index (event_date, event_id, ...) backwards with no sort; SQLite
    already puts NULLs last there (saying NULLS LAST, or sorting on IS NULL, would stop it using the index).
    PostgreSQL needs NULLS LAST said.
    """
    if dialect == "sqlite":
        return stmt.order_by(EventRow.event_date.desc(), EventRow.event_id.desc())
    return stmt.order_by(EventRow.event_date.desc().nulls_last(), EventRow.event_id.desc())


def _page_ids(session: Session, bound: _Bound, limit: int, offset: int) -> list[str]:
    """The ids of one page (filtering, ordering and skipping on indexes alone)."""
    return list(session.scalars(_ordered(bound(select(EventRow.event_id)), bound.dialect).limit(limit)
                                .offset(offset)))


class TTLCache:
    """A small time-bounded memo for aggregates (totals, stats) and rendered pages that requests repeat.

    Counting 100,000 events scans the whole browse index; a dashboard asks the same total for each page it loads.
    Answers are reused for `ttl` seconds, and the API clears the cache when it stores an article itself. With a
    `stamp` (a cheap function that changes whenever the store does: `file_stamp` of an SQLite store), an answer is
    also only reused while the stamp it was computed under is current, so a write by another process (a `rasd run`
    beside the server, another worker) shows at once, and the TTL only bounds memory; without one such writes show
    up late, by `ttl` seconds at most.
    """

    def __init__(self, ttl: float = 10.0, size: int = 512, stamp: Callable[[], Any] | None = None) -> None:
        self.ttl = ttl
        self.size = size
        self.stamp = stamp or (lambda: None)
        self._items: dict[Any, tuple[float, Any, Any]] = {}  # key -> (expiry, stamp when computed, value)
        self._lock = threading.Lock()

    def peek(self, key: Any) -> Any:
        """The fresh value under `key`, or None (never computes: callers on the event loop use it)."""
        stamp = self.stamp()
        with self._lock:
            hit = self._items.get(key)
            return hit[2] if hit is not None and hit[0] > time.monotonic() and hit[1] == stamp else None

    def get(self, key: Any, compute: Any) -> Any:
        now, stamp = time.monotonic(), self.stamp()  # the stamp before computing: a write meanwhile makes it stale
        with self._lock:
            hit = self._items.get(key)
            if hit is not None and hit[0] > now and hit[1] == stamp:
                return hit[2]
        value = compute()
        with self._lock:
            if len(self._items) >= self.size:
                self._items = {k: v for k, v in self._items.items() if v[0] > now and v[1] == stamp}
                if len(self._items) >= self.size:
                    self._items.clear()
            self._items[key] = (now + self.ttl, stamp, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def file_stamp(path: Path) -> tuple[int, ...]:
    """What changes whenever an SQLite store is written: size and modification time of the database file and its
    write-ahead log (a commit appends to the log, a checkpoint writes the file). Two stat calls, a few microseconds."""
    out: list[int] = []
    for part in (path, path.with_name(path.name + "-wal")):
        try:
            st = os.stat(part)
            out += [st.st_mtime_ns, st.st_size]
        except OSError:
            out += [0, 0]
    return tuple(out)


def _count(session: Session, bound: _Bound, cache: TTLCache | None) -> int:
    def compute() -> int:
        return int(session.scalar(bound(select(func.count()).select_from(EventRow))) or 0)

    return cache.get(("count", bound.filters), compute) if cache is not None else compute()


def page_events(repo: Repository, filters: EventFilter, limit: int, offset: int,
                cache: TTLCache | None = None) -> tuple[int, list[dict]]:
    """(number of matching events, the contract objects of one page of them)."""
    total, rows = page_events_raw(repo, filters, limit, offset, cache)
    return total, [json.loads(row[3]) for row in rows]


def page_events_raw(repo: Repository, filters: EventFilter, limit: int, offset: int,
                    cache: TTLCache | None = None) -> tuple[int, list[tuple[str, float | None, float | None, str]]]:
    """Like `page_events`, but each event as its stored JSON text (with id and coordinates), not parsed.

    Two steps: the page's ids from the index, then those rows. The API splices the texts into its answer: parsing a
    hundred contract objects, validating and re-encoding them costs more than the query, and they were written by
    `Event.to_dict` in the first place.
    """
    dialect = repo.engine.dialect.name
    with Session(repo.engine) as session:
        bound = _Bound(session, filters, dialect)
        total = _count(session, bound, cache)
        if dialect == "sqlite" and total and walkable(filters):
            everything = _count(session, _Bound(session, EventFilter(), dialect), cache)
            # Walking the browse index reads about (offset + limit) * everything / total entries; the filter's own
            # index would read and sort all `total` matches (a common country: tens of thousands, every page).
            bound.plan.walk_browse = (offset + limit) * everything / total <= WALK_BUDGET
        ids = _page_ids(session, bound, limit, offset)
        if not ids:
            return total, []
        columns = (EventRow.event_id, EventRow.latitude, EventRow.longitude, cast(EventRow.data, Text))
        found = {row[0]: tuple(row) for row in session.execute(select(*columns).where(EventRow.event_id.in_(ids)))}
    return total, [found[i] for i in ids if i in found]  # type: ignore[misc]


def iter_event_dicts(repo: Repository, filters: EventFilter, batch: int = 2000) -> Any:
    """Every matching event's contract object, streamed (the API's exports: any size), in the store's export order
    (newest first, ties by id, undated last: rasd.store.query.newest_first), so `/api/export` and `rasd export`
    write the same file."""
    dialect = repo.engine.dialect.name
    with Session(repo.engine) as session:
        bound = _Bound(session, filters, dialect)
        for part in newest_first(bound(select(EventRow.data)), filters):
            yield from session.execute(part.execution_options(yield_per=batch)).scalars()


def event_reports(repo: Repository, event_id: str) -> list[dict[str, Any]]:
    """The articles reporting an event (metadata only; the text is at /api/articles/{id}), first stored first."""
    stmt = (select(ArticleRow.article_id, ArticleRow.url, ArticleRow.outlet, ArticleRow.title, ArticleRow.published,
                   ArticleRow.language, ReportRow.position)
            .join(ReportRow, ReportRow.article_id == ArticleRow.article_id)
            .where(ReportRow.event_id == event_id)
            .order_by(ArticleRow.ingested_at, ArticleRow.article_id))
    with Session(repo.engine) as session:
        return [{"article_id": a, "url": u, "outlet": o, "title": t or "",
                 "published": p.isoformat() if p else None, "language": lang, "position": pos}
                for a, u, o, t, p, lang, pos in session.execute(stmt)]


def article_record(repo: Repository, article_id: str) -> dict[str, Any] | None:
    """The stored article with what the store knows about it: its events, why it was skipped, its warnings."""
    with Session(repo.engine) as session:
        row = session.get(ArticleRow, article_id)
        if row is None:
            return None
        event_ids = list(session.scalars(select(ReportRow.event_id).where(ReportRow.article_id == article_id)
                                         .order_by(ReportRow.position, ReportRow.event_id)))
        return {
            "article_id": row.article_id, "url": row.url, "outlet": row.outlet, "title": row.title or "",
            "published": row.published.isoformat() if row.published else None, "published_how": row.published_how,
            "language": row.language, "text": row.text, "skipped": row.skipped, "warnings": list(row.warnings or []),
            "event_ids": event_ids,
            "ingested_at": row.ingested_at.isoformat(timespec="seconds") if row.ingested_at else None,
        }


def week_start(day: date) -> date:
    """The Saturday starting ACLED's week (Saturday to Friday) that holds `day`: weekly counts are keyed by it, as
    in `rasd stats --by week`, `rasd trends` and the alerts."""
    return day - timedelta(days=(day.weekday() - SATURDAY) % 7)


def stats(repo: Repository, filters: EventFilter, top: int, cache: TTLCache | None = None) -> dict[str, Any]:
    """Aggregates of the matching events (see `_stats`), reused for a few seconds when given a cache."""
    if cache is None:
        return _stats(repo, filters, top)
    return cache.get(("stats", filters, top), lambda: _stats(repo, filters, top))


def _stats(repo: Repository, filters: EventFilter, top: int) -> dict[str, Any]:
    """Aggregates of the matching events: totals, weekly counts, and the top admin1 regions, types and actors.

    Weeks are bucketed in Python from a per-day GROUP BY (at most a few thousand days), which keeps the SQL
    portable: SQLite and PostgreSQL name their week functions differently.
    """
    n = func.count().label("n")
    with Session(repo.engine) as session:
        where = _Bound(session, filters, repo.engine.dialect.name)
        total, fatalities, first, last = session.execute(where(
            select(func.count(), func.sum(EventRow.fatalities), func.min(EventRow.event_date),
                   func.max(EventRow.event_date)).select_from(EventRow))).one()
        weeks: dict[date, list[int]] = {}
        undated = 0
        for day, count, killed in session.execute(where(
                select(EventRow.event_date, n, func.sum(EventRow.fatalities)).group_by(EventRow.event_date))):
            if day is None:
                undated += int(count)
                continue
            bucket = weeks.setdefault(week_start(day), [0, 0])
            bucket[0] += int(count)
            bucket[1] += int(killed or 0)
        by_admin1 = [
            {"country": c, "admin1": a, "events": int(k)}
            for c, a, k in session.execute(where(
                select(EventRow.country, EventRow.admin1, n).group_by(EventRow.country, EventRow.admin1)
                .order_by(n.desc(), EventRow.country, EventRow.admin1).limit(top)))
        ]
        by_type = [
            {"event_type": t, "events": int(k)}
            for t, k in session.execute(where(
                select(EventRow.event_type, n).group_by(EventRow.event_type).order_by(n.desc(), EventRow.event_type)))
        ]
        actors: Counter[str] = Counter()
        for column in (EventRow.actor1, EventRow.actor2):
            for name, k in session.execute(where(
                    select(column, func.count()).where(column.is_not(None)).group_by(column))):
                actors[name] += int(k)
        everything = _Bound(session, replace(filters, modality=None, include_background=True),
                            repo.engine.dialect.name)
        left_out = int(session.scalar(everything(select(func.count()).select_from(EventRow))) or 0) - int(total or 0)
    return {
        "counted": {"modality": list(filters.modality) if filters.modality is not None else "all",
                    "include_background": filters.include_background, "left_out": left_out,
                    "note": filters.counting_note()},
        "events": int(total or 0),
        "fatalities": int(fatalities or 0),
        "first_event_date": first.isoformat() if first else None,
        "last_event_date": last.isoformat() if last else None,
        "undated_events": undated,
        "by_week": [{"week": w.isoformat(), "events": v[0], "fatalities": v[1]} for w, v in sorted(weeks.items())],
        "no_coverage_weeks": _unwatched_weeks(repo, first, last),
        "by_admin1": by_admin1,
        "by_type": by_type,
        "by_actor": [{"actor": a, "events": k} for a, k in sorted(actors.items(), key=lambda kv: (-kv[1], kv[0]))[:top]],
    }


def _unwatched_weeks(repo: Repository, first: date | None, last: date | None) -> list[str]:
    """The weeks from `first` to `last` in which the store has no article and no event: "no coverage", which a
    chart must not draw as a quiet week (rasd.trends.series.observed_per_period)."""
    from rasd.trends.series import observed_per_period, periods_between

    if first is None or last is None:
        return []
    observed = observed_per_period(repo, week_start(first), last, "week", SATURDAY)
    if observed is None:
        return []
    return [w.isoformat() for w in periods_between(first, last, "week", SATURDAY) if not observed.get(w)]


def database_ok(repo: Repository) -> bool:
    """True when the store answers a trivial query (the health check)."""
    with Session(repo.engine) as session:
        return session.scalar(select(1)) == 1
