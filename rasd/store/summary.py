"""Aggregate queries over the store (`rasd demo`, `rasd stats`), in portable SQL (time buckets per dialect)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from rasd.errors import StoreError
from rasd.store.query import EventFilter, apply_filters
from rasd.store.schema import ArticleRow, EventRow


def summarize(session: Session, top: int = 10) -> dict[str, Any]:
    """Counted events (rasd.model.COUNTED_MODALITIES, no background) by type, by country and admin1, top actors
    (either side), date span, fatalities; articles by outlet; and how many events were left out of the counts."""
    counted = EventFilter.counted()
    dialect = session.get_bind().dialect.name

    def only(stmt: Any) -> Any:
        return apply_filters(stmt, counted, dialect)

    n = func.count().label("n")
    by_type = [
        {"event_type": t or "(unknown)", "events": int(c)}
        for t, c in session.execute(
            only(select(EventRow.event_type, n)).group_by(EventRow.event_type).order_by(n.desc(), EventRow.event_type)
        )
    ]
    by_admin1 = [
        {"country": country or "(unknown)", "admin1": admin1 or "(unknown)", "events": int(c)}
        for country, admin1, c in session.execute(
            only(select(EventRow.country, EventRow.admin1, n))
            .group_by(EventRow.country, EventRow.admin1)
            .order_by(n.desc(), EventRow.country, EventRow.admin1)
            .limit(top)
        )
    ]
    actors: Counter[str] = Counter()
    for column in (EventRow.actor1, EventRow.actor2):
        for name, c in session.execute(only(select(column, func.count())).where(column.is_not(None)).group_by(column)):
            actors[name] += int(c)
    top_actors = [{"actor": a, "events": c} for a, c in sorted(actors.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]
    events, first, last, fatalities = session.execute(only(
        select(func.count(), func.min(EventRow.event_date), func.max(EventRow.event_date),
               func.sum(EventRow.fatalities)).select_from(EventRow))
    ).one()
    by_outlet = [
        {"outlet": o or "(unknown)", "articles": int(c)}
        for o, c in session.execute(
            select(ArticleRow.outlet, n).group_by(ArticleRow.outlet).order_by(n.desc(), ArticleRow.outlet).limit(top)
        )
    ]
    return {
        "counted_events": int(events or 0),
        "counted": counted.counting_note(),
        "left_out": left_out(session, counted),
        "by_type": by_type,
        "by_admin1": by_admin1,
        "top_actors": top_actors,
        "first_event_date": first.isoformat() if first else None,
        "last_event_date": last.isoformat() if last else None,
        "fatalities": int(fatalities or 0),
        "articles_by_outlet": by_outlet,
    }


def left_out(session: Session, filters: EventFilter) -> int:
    """How many events the filters' modality, background and review choice leave out (of those the other filters
    keep)."""
    if filters.modality is None and filters.include_background and filters.include_rejected:
        return 0
    dialect = session.get_bind().dialect.name

    def count(f: EventFilter) -> int:
        stmt = apply_filters(select(func.count()).select_from(EventRow), f, dialect)
        return int(session.scalar(stmt) or 0)

    return count(filters.everything()) - count(replace(filters, limit=None))


#: What `rasd stats --by` can group on: time buckets of the event date, and event columns.
DIMENSIONS = ("day", "week", "month", "year", "country", "iso3", "admin1", "admin2", "admin3", "location",
              "disorder_type", "event_type", "sub_event_type", "actor1", "actor2", "inter1", "weapon", "modality",
              "geo_precision", "time_precision")


def _dimension(name: str, dialect: str) -> Any:
    """The SQL expression for one grouping dimension (time buckets differ between SQLite and PostgreSQL)."""
    d = EventRow.event_date
    if name == "day":
        return d
    if name == "week":  # the Saturday starting ACLED's week (Saturday to Friday; PostgreSQL's weeks start Monday)
        if dialect == "sqlite":
            return func.date(d, "-6 days", "weekday 6")
        return func.date(func.date_trunc("week", d + text("interval '2 days'")) - text("interval '2 days'"))
    if name == "month":
        return func.strftime("%Y-%m", d) if dialect == "sqlite" else func.to_char(d, "YYYY-MM")
    if name == "year":
        return func.strftime("%Y", d) if dialect == "sqlite" else func.to_char(d, "YYYY")
    if name in DIMENSIONS:
        return getattr(EventRow, name)
    raise StoreError(f"cannot group by {name!r}: use {', '.join(DIMENSIONS)}")


def aggregate(session: Session, by: list[str], filters: EventFilter) -> list[dict[str, Any]]:
    """Events, reports and fatalities per group of `by`, largest groups first (for `rasd stats`)."""
    if not by:
        raise StoreError("rasd stats needs at least one dimension in --by")
    dialect = session.get_bind().dialect.name
    dims = [_dimension(name, dialect).label(name) for name in by]
    n = func.count().label("events")
    stmt = select(*dims, n, func.sum(EventRow.n_reports).label("reports"),
                  func.coalesce(func.sum(EventRow.fatalities), 0).label("fatalities"))
    from rasd.store.query import plan

    stmt = apply_filters(stmt, filters, dialect, plan=plan(session.connection(), filters)).group_by(*dims).order_by(n.desc(), *dims)
    if filters.limit is not None:
        stmt = stmt.limit(filters.limit)
    out = []
    for row in session.execute(stmt):
        item = {name: _plain(row._mapping[name]) for name in by}
        item.update(events=int(row.events), reports=int(row.reports or 0), fatalities=int(row.fatalities or 0))
        out.append(item)
    return out


def _plain(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return value
