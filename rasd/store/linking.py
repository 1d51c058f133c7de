"""Writing one article's events into the store as reports, each linked to a new or an existing event (dedup).

Runs inside the repository's write transaction, which holds the store's write lock (BEGIN IMMEDIATE on SQLite, an
advisory lock on PostgreSQL): the candidate search and the insert cannot interleave with another writer, so two
`rasd run` processes never both create the same event. Event ids are stable: an event keeps the id of the report
that created it, whatever reports join it later.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from rasd.dedup import MAX_WINDOW_DAYS, ReportInfo, compare, date_window, family_types, reconcile, revises_figure
from rasd.ingest.sources import derive_event_id
from rasd.model import Article, Event
from rasd.store.schema import ArticleRow, EventRow, ReportRow


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def event_columns(data: dict[str, Any]) -> dict[str, Any]:
    """The filterable columns of an events row, from a contract object."""
    ev = Event.from_dict(data)
    assoc = [*ev.assoc_actor_1, *ev.assoc_actor_2]
    return {
        "event_date": ev.event_date, "event_date_end": ev.event_date_end, "time_precision": ev.time_precision,
        "disorder_type": ev.disorder_type, "event_type": ev.event_type, "sub_event_type": ev.sub_event_type,
        "actor1": ev.actor1, "actor2": ev.actor2, "assoc_actors": "; ".join(assoc) or None,
        "actor1_id": ev.actor1_id, "actor2_id": ev.actor2_id, "inter1": ev.inter1, "inter2": ev.inter2,
        "civilian_targeting": bool(ev.civilian_targeting), "country": ev.country, "iso3": ev.iso3,
        "admin1": ev.admin1, "admin2": ev.admin2, "admin3": ev.admin3, "location": ev.location,
        "latitude": ev.latitude, "longitude": ev.longitude, "geo_precision": ev.geo_precision,
        "fatalities": ev.fatalities, "injured": ev.injured, "weapon": ev.weapon, "modality": ev.modality,
        "background": bool(ev.background), "confidence": ev.confidence, "data": data,
    }


def report_data(art: Article, position: int, ev: Event) -> dict[str, Any]:
    """The article's own account of the event (its contract object), naming the article it came from."""
    data = ev.to_dict()
    data["event_id"] = ev.event_id or derive_event_id(art.article_id, position, ev)
    for key, value in (("article_ids", art.article_id), ("urls", art.url), ("sources", art.outlet)):
        if value and value not in data[key]:
            data[key] = [*data[key], value]
    return data


def link_report(session: Session, art: Article, position: int, data: dict[str, Any], dedup: bool = True) -> str:
    """Store one report and link it to an event (an explicit same id, the best dedup match, or a new event).

    Returns the event id. The caller has already checked that the article is new.
    """
    report_id = data["event_id"]
    target = session.get(EventRow, report_id)
    if target is not None and _reported_by(session, target.event_id, art.article_id):
        target = None
    match: dict[str, Any]
    if target is not None:
        match = {"matched": True, "score": 1.0, "reasons": {"id": "same event id as a stored event"}}
    elif dedup:
        target, match = find_match(session, data, art.article_id)
    else:
        match = {"matched": False, "reasons": {"dedup": "off"}}
    stamp = now()
    if target is None:
        event_id = report_id
        while session.get(EventRow, event_id) is not None:  # an id taken by another article's event
            event_id = derive_event_id(art.article_id, position, Event.from_dict({**data, "event_id": event_id}))
        merged, prov = reconcile(event_id, [ReportInfo(data, art.article_id, art.published, art.outlet, art.url)])
        session.add(EventRow(event_id=event_id, created_at=stamp, updated_at=stamp, n_reports=1, provenance=prov,
                             **event_columns(merged)))
        session.flush()
    else:
        event_id = target.event_id
    session.add(ReportRow(article_id=art.article_id, event_id=event_id, position=position, report_event_id=report_id,
                          published=art.published, data=data, match=match,
                          revises=revises_figure(art.text, data), created_at=stamp))
    session.flush()
    if target is not None:
        refresh_event(session, target)
    return event_id


def _reported_by(session: Session, event_id: str, article_id: str) -> bool:
    return session.get(ReportRow, (article_id, event_id)) is not None


def find_match(session: Session, data: dict[str, Any], article_id: str) -> tuple[EventRow | None, dict[str, Any]]:
    """The stored event this report describes, by indexed candidates (country, type family, date window)."""
    window = date_window(data)
    types = family_types(data.get("event_type"))
    if window is None or not types:
        return None, {"matched": False, "reasons": {"candidates": "no date or type: never merged"}}
    reach = timedelta(days=MAX_WINDOW_DAYS)
    stmt = select(EventRow).where(EventRow.event_type.in_(types),
                                  EventRow.event_date.between(window[0] - reach, window[1] + reach))
    stmt = stmt.where(EventRow.country == data["country"]) if data.get("country") else stmt.where(
        EventRow.country.is_(None))
    # Two events of one article stay two events: the extractor already told them apart.
    stmt = stmt.where(~exists().where(ReportRow.event_id == EventRow.event_id, ReportRow.article_id == article_id))
    best: tuple[float, str, EventRow, Any] | None = None
    n = 0
    for row in session.scalars(stmt):
        n += 1
        m = compare(data, row.data)
        if m.ok and (best is None or (m.score, _neg(row.event_id)) > (best[0], _neg(best[1]))):
            best = (m.score, row.event_id, row, m)
    if best is None:
        return None, {"matched": False, "reasons": {"candidates": f"{n} candidate(s), none compatible"}}
    out = best[3].to_dict()
    out["candidates"] = n
    return best[2], out


def _neg(event_id: str) -> tuple[int, ...]:
    """Sort key making the smaller id win ties when comparing (score, key) tuples for the maximum."""
    return tuple(-ord(c) for c in event_id)


def reports_of(session: Session, event_id: str) -> list[tuple[ReportRow, ArticleRow]]:
    """An event's reports with their articles, in arrival order."""
    stmt = (select(ReportRow, ArticleRow).join(ArticleRow, ArticleRow.article_id == ReportRow.article_id)
            .where(ReportRow.event_id == event_id)
            .order_by(ReportRow.created_at, ArticleRow.ingested_at, ReportRow.article_id, ReportRow.position))
    return [(r, a) for r, a in session.execute(stmt)]


def refresh_event(session: Session, row: EventRow) -> None:
    """Reconcile an event's fields from all its reports (ACLED rules, rasd.dedup.reconcile) and save them."""
    infos = [ReportInfo(rep.data or row.data, rep.article_id, art.published, art.outlet, art.url, bool(rep.revises))
             for rep, art in reports_of(session, row.event_id)]
    merged, prov = reconcile(row.event_id, infos)
    for key, value in event_columns(merged).items():
        setattr(row, key, value)
    row.n_reports = len(infos)
    row.provenance = prov
    row.updated_at = now()
    session.flush()
