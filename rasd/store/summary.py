"""Aggregate queries over the store (for `rasd demo` and a quick look at a store), in portable SQL."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from rasd.store.schema import ArticleRow, EventRow


def summarize(session: Session, top: int = 10) -> dict[str, Any]:
    """Events by type, by country and admin1, top actors (either side), date span, fatalities, articles by outlet."""
    n = func.count().label("n")
    by_type = [
        {"event_type": t or "(unknown)", "events": int(c)}
        for t, c in session.execute(
            select(EventRow.event_type, n).group_by(EventRow.event_type).order_by(n.desc(), EventRow.event_type)
        )
    ]
    by_admin1 = [
        {"country": country or "(unknown)", "admin1": admin1 or "(unknown)", "events": int(c)}
        for country, admin1, c in session.execute(
            select(EventRow.country, EventRow.admin1, n)
            .group_by(EventRow.country, EventRow.admin1)
            .order_by(n.desc(), EventRow.country, EventRow.admin1)
            .limit(top)
        )
    ]
    actors: Counter[str] = Counter()
    for column in (EventRow.actor1, EventRow.actor2):
        for name, c in session.execute(select(column, func.count()).where(column.is_not(None)).group_by(column)):
            actors[name] += int(c)
    top_actors = [{"actor": a, "events": c} for a, c in sorted(actors.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]
    first, last, fatalities = session.execute(
        select(func.min(EventRow.event_date), func.max(EventRow.event_date), func.sum(EventRow.fatalities))
    ).one()
    by_outlet = [
        {"outlet": o or "(unknown)", "articles": int(c)}
        for o, c in session.execute(
            select(ArticleRow.outlet, n).group_by(ArticleRow.outlet).order_by(n.desc(), ArticleRow.outlet).limit(top)
        )
    ]
    return {
        "by_type": by_type,
        "by_admin1": by_admin1,
        "top_actors": top_actors,
        "first_event_date": first.isoformat() if first else None,
        "last_event_date": last.isoformat() if last else None,
        "fatalities": int(fatalities or 0),
        "articles_by_outlet": by_outlet,
    }
