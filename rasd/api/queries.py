"""Read helpers the API needs beyond `Repository`'s methods: exports, aggregates, reports, articles (pages of events:
rasd.api.paging).

They use the store's tables directly (read-only) so the Repository stays the store's own; filters are the store's own
code (rasd.store.query.apply_filters), and the one filter type (rasd.store.query.EventFilter) is the CLI's too, so the API
selects exactly what `rasd events` (and `Repository.query_events`) selects.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from rasd.api.cache import TTLCache
from rasd.api.paging import Bound
from rasd.model import SATURDAY
from rasd.store.query import EventFilter, newest_first
from rasd.store.repository import Repository
from rasd.store.schema import ArticleRow, EventRow, ReportRow
from rasd.store.updated import with_updated_at


def iter_event_dicts(repo: Repository, filters: EventFilter, batch: int = 2000) -> Any:
    """Every matching event's contract object, streamed (the API's exports: any size), in the store's export order
    (newest first, ties by id, undated last: rasd.store.query.newest_first), so `/api/export` and `rasd export`
    write the same file; each with when its row last changed, as `rasd export` has it (ACLED's `timestamp`)."""
    dialect = repo.engine.dialect.name
    with Session(repo.reader) as session:
        bound = Bound(session, filters, dialect)
        for part in newest_first(bound(select(EventRow.data, EventRow.updated_at)), filters):
            for data, updated_at in session.execute(part.execution_options(yield_per=batch)):
                yield with_updated_at(data, updated_at)


def event_reports(repo: Repository, event_id: str) -> list[dict[str, Any]]:
    """The articles reporting an event (metadata only; the text is at /api/articles/{id}), first stored first."""
    stmt = (select(ArticleRow.article_id, ArticleRow.url, ArticleRow.outlet, ArticleRow.title, ArticleRow.published,
                   ArticleRow.language, ReportRow.position, ArticleRow.meta)
            .join(ReportRow, ReportRow.article_id == ArticleRow.article_id)
            .where(ReportRow.event_id == event_id)
            .order_by(ArticleRow.ingested_at, ArticleRow.article_id))
    with Session(repo.reader) as session:
        return [{"article_id": a, "url": u, "outlet": o, "title": t or "",
                 "published": p.isoformat() if p else None, "language": lang, "position": pos, **source_meta(meta)}
                for a, u, o, t, p, lang, pos, meta in session.execute(stmt)]


def source_meta(meta: dict[str, Any] | None) -> dict[str, Any]:
    """What the API shows of an article's `meta` beside its columns: a Telegram post's exact time and views (null
    for other sources), and the rest as `meta`."""
    meta = meta or {}
    return {"posted_at": meta.get("posted_at"), "views": meta.get("views"), "meta": meta}


def article_record(repo: Repository, article_id: str) -> dict[str, Any] | None:
    """The stored article with what the store knows about it: its events, why it was skipped, its warnings."""
    with Session(repo.reader) as session:
        row = session.get(ArticleRow, article_id)
        if row is None:
            return None
        event_ids = list(session.scalars(select(ReportRow.event_id).where(ReportRow.article_id == article_id)
                                         .order_by(ReportRow.position, ReportRow.event_id)))
        return {
            "article_id": row.article_id, "url": row.url, "outlet": row.outlet, "title": row.title or "",
            "published": row.published.isoformat() if row.published else None, "published_how": row.published_how,
            "language": row.language, "text": row.text, "skipped": row.skipped, "warnings": list(row.warnings or []),
            "event_ids": event_ids, **source_meta(row.meta),
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
    with Session(repo.reader) as session:
        where = Bound(session, filters, repo.engine.dialect.name)
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
        everything = Bound(session, filters.everything(), repo.engine.dialect.name)
        left_out = int(session.scalar(everything(select(func.count()).select_from(EventRow))) or 0) - int(total or 0)
    return {
        "counted": {"modality": list(filters.modality) if filters.modality is not None else "all",
                    "include_background": filters.include_background,
                    "include_rejected": filters.include_rejected, "left_out": left_out,
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
    with Session(repo.reader) as session:
        return session.scalar(select(1)) == 1
