"""Writing one article's events into the store as reports, each linked to a new or an existing event (dedup).

Runs inside the repository's write transaction, which holds the store's write lock (BEGIN IMMEDIATE on SQLite, an
advisory lock on PostgreSQL): the candidate search and the insert cannot interleave with another writer, so two
`rasd run` processes never both create the same event. Event ids are stable: an event keeps the id of the report
that created it, whatever reports join it later.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import Select, and_, bindparam, exists, false, or_, select, true
from sqlalchemy.orm import Session

from rasd.dedup import (
    DATE_SLACK_DAYS,
    RADIUS_KM,
    ReportInfo,
    compare,
    content_terms,
    date_window,
    family_types,
    reconcile,
    revises_figure,
    text_similarity,
)
from rasd.ingest.sources import derive_event_id
from rasd.model import Article, Event
from rasd.review import overlay
from rasd.store.columns import event_columns, now
from rasd.store.names import index_events
from rasd.store.rows import report_data
from rasd.store.schema import ArticleRow, EventActorRow, EventRow, ReportRow


def link_reports(session: Session, art: Article, events: list[Event], dedup: bool = True) -> None:
    """Every event of one article's result as a report, linked to its event (the same event listed twice in one
    result is one report)."""
    seen: set[str] = set()
    for position, ev in enumerate(events):
        data = report_data(art, position, ev)
        if data["event_id"] in seen:
            continue
        seen.add(data["event_id"])
        link_report(session, art, position, data, dedup=dedup)


def link_report(session: Session, art: Article, position: int, data: dict[str, Any], dedup: bool = True) -> str:
    """Store one report and link it to an event (an explicit same id, the best dedup match, or a new event).

    Returns the event id. The caller has already checked that the article is new.
    """
    report_id = data["event_id"]
    terms = content_terms(art.text, data)
    target = session.get(EventRow, report_id)
    if target is not None and _reported_by(session, target.event_id, art.article_id):
        target = None
    match: dict[str, Any]
    if target is not None:
        match = {"matched": True, "score": 1.0, "reasons": {"id": "same event id as a stored event"}}
    elif dedup:
        target, match = find_match(session, data, art.article_id, terms)
    else:
        match = {"matched": False, "reasons": {"dedup": "off"}}
    stamp = now()
    if target is None:
        event_id = report_id
        while session.get(EventRow, event_id) is not None:  # an id taken by another article's event
            event_id = derive_event_id(art.article_id, position, Event.from_dict({**data, "event_id": event_id}))
        merged, prov = reconcile(event_id, [ReportInfo(data, art.article_id, art.published, art.outlet, art.url)])
        columns = event_columns(overlay(session, event_id, merged, [report_id]))
        session.add(EventRow(event_id=event_id, created_at=stamp, updated_at=stamp, n_reports=1, provenance=prov,
                             **columns))
        session.flush()
        _index_names(session, {"event_id": event_id, **columns}, replace=False)
    else:
        event_id = target.event_id
    session.add(ReportRow(article_id=art.article_id, event_id=event_id, position=position, report_event_id=report_id,
                          published=art.published, data=data, match=match,
                          revises=revises_figure(art.text, data), terms=terms or None, created_at=stamp))
    session.flush()
    if target is not None:
        refresh_event(session, target)
    return event_id


def _reported_by(session: Session, event_id: str, article_id: str) -> bool:
    return session.get(ReportRow, (article_id, event_id)) is not None


def find_match(session: Session, data: dict[str, Any], article_id: str,
               terms: list[str] | None = None) -> tuple[EventRow | None, dict[str, Any]]:
    """The stored event this report describes, by indexed candidates (country, type family, date window)."""

    def own_reports(event_id: str) -> list[tuple[dict[str, Any], Any]]:
        return [(d, t) for d, t in session.execute(select(ReportRow.data, ReportRow.terms)
                                                   .where(ReportRow.event_id == event_id)) if d]

    event_id, match = choose_match(data, terms, lambda window, types: candidates(session, data, window, types,
                                                                                  article_id), own_reports)
    return (None if event_id is None else session.get(EventRow, event_id)), match


def choose_match(data: dict[str, Any], terms: list[str] | None,
                 candidate_rows: Callable[[tuple[date, date], list[str]], list[Any]],
                 own_reports: Callable[[str], list[tuple[dict[str, Any], Any]]]) -> tuple[str | None, dict[str, Any]]:
    """The id of the event this report describes (or None) and why: the dedup decision itself, apart from where
    the candidates come from, so the one-article path (`find_match`, queries) and the batch writer
    (rasd.store.batch_linking, rows held in memory for a batch) decide alike.

    `candidate_rows(window, types)` gives the candidates' (event_id, *COMPARE_COLUMNS) rows by event id;
    `own_reports(event_id)` an event's reports as (data, terms), those with data only."""
    window = date_window(data)
    types = family_types(data.get("event_type"))
    if window is None or not types:
        return None, {"matched": False, "reasons": {"candidates": "no date or type: never merged"}}
    rows = candidate_rows(window, types)
    passing: list[tuple[float, str, Any]] = []
    n = 0
    for row in rows:
        n += 1
        cols = dict(zip(COMPARE_COLUMNS, row[1:], strict=True))
        if compare(data, cols, similarity=1.0).ok:  # the loosest test: could match if worded alike
            passing.append((compare(data, cols).score, row[0], cols))
    for _score, event_id, cols in sorted(passing, key=lambda t: (-t[0], t[1])):
        own = own_reports(event_id)
        sims = [text_similarity(terms, t) for _d, t in own]
        best_sim = max((x for x in sims if x is not None), default=None)
        m = compare(data, cols, similarity=best_sim)
        agree = sum(1 for (d, _t), sim in zip(own, sims, strict=True) if compare(data, d, similarity=sim).ok)
        if m.ok and agree >= LINKAGE * len(own):
            out = m.to_dict()
            out.update(candidates=n, reports_agreeing=f"{agree}/{len(own)}")
            return event_id, out
    reason = f"{n} candidate(s), none compatible" if not passing else (
        f"{n} candidate(s); {len(passing)} near but not matching the event or enough of its reports")
    return None, {"matched": False, "reasons": {"candidates": reason}}


def candidate_query(data: dict[str, Any], window: tuple[date, date], types: list[str], article_id: str) -> Select:
    """SELECT event_id of the events `data` (a report) might describe: a superset of those `rasd.dedup.compare`
    could accept (same country, a type of the family, overlapping date windows, within the precisions' radius), and
    not already reported by the same article. Every column it reads is in the index ix_events_dedup."""
    stmt, params = candidate_statement(data, window, types, article_id)
    return stmt.params(**params)


def candidate_statement(data: dict[str, Any], window: tuple[date, date], types: list[str],
                        article_id: str) -> tuple[Select, dict[str, Any]]:
    """`candidate_query` as a statement with bound parameters and their values. The statement depends only on the
    report's shape (country or not, coordinates and their precision, admin1 or not), so it is built once per shape
    and reused: building the SQL expression anew for every report cost the writer as much as running it."""
    shape, params = candidate_params(data, window, types, article_id)
    return _candidate_shape(*shape), params


#: A report's candidate shape: (has a country, has a point, its geo precision (0 without a point), has an admin1).
Shape = tuple[bool, bool, int, bool]


def candidate_params(data: dict[str, Any], window: tuple[date, date], types: list[str],
                     article_id: str) -> tuple[Shape, dict[str, Any]]:
    """The candidate condition of one report: its shape and the values of its parameters, for the SQL statement
    (`candidate_statement`) and its Python twin (`is_candidate`) alike."""
    lat, lon, admin1 = data.get("latitude"), data.get("longitude"), data.get("admin1")
    point = lat is not None and lon is not None
    mine = (data.get("geo_precision") or 3) if point else 0  # compare reads a missing precision as 3
    # An event's window reaches at most DATE_SLACK_DAYS[3] around its dates, and its end is at most a month after
    # its start: events starting outside this range cannot overlap the report's window (the index range).
    slack = timedelta(days=DATE_SLACK_DAYS[3])
    params: dict[str, Any] = {"types": list(types), "range_lo": window[0] - slack - timedelta(days=31),
                              "range_hi": window[1] + slack, "country": data.get("country"), "admin1": admin1,
                              "article_id": article_id}
    for days in sorted(set(DATE_SLACK_DAYS.values())):
        params[f"lo_{days}"], params[f"hi_{days}"] = window[0] - timedelta(days=days), window[1] + timedelta(days=days)
    if point:
        for name, km in _boxes(mine):
            dlat = km / 110.0
            dlon = dlat / max(0.1, math.cos(math.radians(min(abs(lat), 89.0))))
            params.update({f"{name}_lat_lo": lat - dlat, f"{name}_lat_hi": lat + dlat,
                           f"{name}_lon_lo": lon - dlon, f"{name}_lon_hi": lon + dlon})
    return (bool(data.get("country")), point, mine, bool(admin1)), params


@lru_cache(maxsize=64)
def _candidate_shape(has_country: bool, point: bool, mine: int, has_admin1: bool) -> Select:
    stmt = select(EventRow.event_id).where(
        EventRow.event_type.in_(bindparam("types", expanding=True)),
        EventRow.event_date.between(bindparam("range_lo"), bindparam("range_hi")))
    stmt = stmt.where(EventRow.country == bindparam("country")) if has_country else stmt.where(
        EventRow.country.is_(None))
    stmt = stmt.where(_dates_overlap(), _near(point, mine, has_admin1))
    # Two events of one article stay two events: the extractor already told them apart.
    return stmt.where(~exists().where(ReportRow.event_id == EventRow.event_id,
                                      ReportRow.article_id == bindparam("article_id")))


def candidates(session: Session, data: dict[str, Any], window: tuple[date, date], types: list[str],
               article_id: str) -> list[Any]:
    """The candidate events' (event_id, *COMPARE_COLUMNS) rows, by event id.

    Two steps: the ids from the covering index alone (no event row read), then the columns of those few events.
    One query fetching the columns directly made PostgreSQL read every event in the index range (~2,000 rows at a
    million events) to test the date and place conditions on them.
    """
    stmt, params = candidate_statement(data, window, types, article_id)
    ids = sorted(session.scalars(stmt, params))
    rows: list[Any] = []
    for i in range(0, len(ids), 500):
        stmt = select(EventRow.event_id, *(getattr(EventRow, c) for c in COMPARE_COLUMNS)).where(
            EventRow.event_id.in_(ids[i:i + 500]))
        rows.extend(session.execute(stmt))
    return sorted(rows, key=lambda r: r[0])


#: Share of an event's reports a new report must also match (besides the merged event): guards against chaining,
#: where A~B and B~C pull in a C that has nothing to do with A.
LINKAGE = 0.5


def _dates_overlap() -> Any:
    """SQL pre-filter on date, exactly `rasd.dedup.compare`'s: the event's own window (`date_window`: its start
    and end widened by the slack of its time precision) overlaps the report's window (parameters lo_DAYS, hi_DAYS:
    the report's window widened by each slack). One clause per slack."""
    prec = EventRow.time_precision
    default = DATE_SLACK_DAYS[3]  # date_window's slack for a precision it does not know
    clauses = []
    for days in sorted(set(DATE_SLACK_DAYS.values())):
        known = [p for p, d in DATE_SLACK_DAYS.items() if d == days]
        which = [prec.in_(known)]
        if 1 in known:  # date_window reads a missing (or zero) precision as 1
            which += [prec.is_(None), prec == 0]
        if days == default:
            which.append(prec.not_in([*DATE_SLACK_DAYS, 0]))
        lo, hi = bindparam(f"lo_{days}"), bindparam(f"hi_{days}")
        clauses.append(and_(or_(*which), EventRow.event_date <= hi,
                            or_(EventRow.event_date >= lo, EventRow.event_date_end >= lo)))
    return or_(*clauses)


def _boxes(mine: int) -> list[tuple[str, float]]:
    """The lat/lon boxes `_near` tests for a report of geo precision `mine`: (name, half-width in km) for each
    event precision allowing less than the widest radius, then "rest" (the widest) for the others."""
    widest = max(RADIUS_KM.values())
    radius = {p: RADIUS_KM.get(max(mine, p), widest) for p in RADIUS_KM}
    # 5% over the radius: the box's degrees per km are approximate (the cosine is the report's latitude's).
    tight = [(f"p{p}", min(widest, 1.05 * radius[p])) for p in sorted(radius) if radius[p] < widest]
    return [*tight, ("rest", widest)]


def _near(point: bool, mine: int, has_admin1: bool) -> Any:
    """SQL pre-filter on place, no stricter than `rasd.dedup.compare`: within the radius the two geo precisions
    allow (`RADIUS_KM` of the vaguer one; a lat/lon box per precision of the event), or, without coordinates on
    either side, the same admin1."""
    admin1 = bindparam("admin1")
    same_admin1 = and_(EventRow.latitude.is_(None), EventRow.admin1 == admin1) if has_admin1 else false()
    if not point:
        return EventRow.admin1 == admin1 if has_admin1 else false()
    boxes = _boxes(mine)
    tight = [int(name[1:]) for name, _ in boxes[:-1]]
    clauses = [and_(EventRow.geo_precision == p, _box(f"p{p}")) for p in tight]
    rest = or_(EventRow.geo_precision.is_(None), EventRow.geo_precision.not_in(tight)) if tight else true()
    clauses.append(and_(rest, _box("rest")))
    return or_(*clauses, same_admin1)


def _box(name: str) -> Any:
    """A lat/lon box (parameters NAME_lat_lo ... NAME_lon_hi, set by `candidate_statement` from the report's point
    and the box's half-width: the box holds the circle)."""
    return and_(EventRow.latitude.between(bindparam(f"{name}_lat_lo"), bindparam(f"{name}_lat_hi")),
                EventRow.longitude.between(bindparam(f"{name}_lon_lo"), bindparam(f"{name}_lon_hi")))


def _slack_rules() -> list[tuple[str, str, frozenset[Any], bool]]:
    """`_dates_overlap`'s clauses as data: per slack, its parameter names, the time precisions it applies to (None
    and 0 with precision 1, read as 1) and whether it also takes every other precision (the default slack)."""
    rules = []
    for days in sorted(set(DATE_SLACK_DAYS.values())):
        known = {p for p, d in DATE_SLACK_DAYS.items() if d == days}
        if 1 in known:
            known |= {None, 0}
        rules.append((f"lo_{days}", f"hi_{days}", frozenset(known), days == DATE_SLACK_DAYS[3]))
    return rules


_SLACK_RULES = _slack_rules()
_KNOWN_PRECISIONS = frozenset([*DATE_SLACK_DAYS, 0])


@lru_cache(maxsize=8)
def _tight_precisions(mine: int) -> frozenset[int]:
    return frozenset(int(name[1:]) for name, _ in _boxes(mine)[:-1])


def is_candidate(ev: dict[str, Any], shape: Shape, params: dict[str, Any]) -> bool:
    """The candidate condition of `_candidate_shape` (but the same-article test) on an event held in memory (its
    COMPARE_COLUMNS), with SQL's NULL logic: a comparison with a missing value is false. Lets the batch writer
    test the events it created or changed in its batch, not yet written, exactly as the query tests stored ones
    (tests/store/test_dedup_candidates.py holds the two to the same answers)."""
    day = ev["event_date"]
    if day is None or not params["range_lo"] <= day <= params["range_hi"] or ev["event_type"] not in params["types"]:
        return False
    has_country, point, mine, has_admin1 = shape
    country = ev["country"]
    if (country is None or country != params["country"]) if has_country else country is not None:
        return False
    end, prec = ev["event_date_end"], ev["time_precision"]
    for lo_key, hi_key, known, other in _SLACK_RULES:
        if prec in known or (other and prec is not None and prec not in _KNOWN_PRECISIONS):
            lo = params[lo_key]
            if day <= params[hi_key] and (day >= lo or (end is not None and end >= lo)):
                break
    else:
        return False
    same_admin1 = has_admin1 and ev["admin1"] is not None and ev["admin1"] == params["admin1"]
    if not point:
        return same_admin1
    lat, lon = ev["latitude"], ev["longitude"]
    if lat is None:
        return same_admin1
    if lon is None:
        return False
    geo = ev["geo_precision"]
    name = f"p{geo}" if geo in _tight_precisions(mine) else "rest"
    return (params[f"{name}_lat_lo"] <= lat <= params[f"{name}_lat_hi"]
            and params[f"{name}_lon_lo"] <= lon <= params[f"{name}_lon_hi"])


#: The events columns the candidate condition reads (`is_candidate`): all in the index ix_events_dedup.
CANDIDATE_COLUMNS = ("event_id", "event_type", "country", "admin1", "latitude", "longitude", "geo_precision",
                     "event_date", "event_date_end", "time_precision")
#: The events columns `rasd.dedup.compare` reads (all plain columns: no JSON to decode per candidate).
COMPARE_COLUMNS = ("event_type", "sub_event_type", "modality", "actor1", "actor2", "country", "iso3", "admin1",
                   "latitude", "longitude", "geo_precision", "event_date", "event_date_end", "time_precision",
                   "weapon")


def reports_of(session: Session, event_id: str) -> list[tuple[ReportRow, Any]]:
    """An event's reports with their articles' metadata (not their text), in arrival order."""
    return reports_of_events(session, [event_id]).get(event_id, [])


def reports_of_events(session: Session, event_ids: list[str]) -> dict[str, list[tuple[ReportRow, Any]]]:
    """`reports_of` for many events at once: {event id: its reports, in arrival order} (events with reports only)."""
    meta = select(ArticleRow.article_id, ArticleRow.published, ArticleRow.outlet, ArticleRow.url, ArticleRow.title,
                  ArticleRow.ingested_at).subquery()
    out: dict[str, list[tuple[ReportRow, Any]]] = {}
    for i in range(0, len(event_ids), 500):
        stmt = (select(ReportRow, meta).join(meta, meta.c.article_id == ReportRow.article_id)
                .where(ReportRow.event_id.in_(event_ids[i:i + 500]))
                .order_by(ReportRow.created_at, meta.c.ingested_at, ReportRow.article_id, ReportRow.position))
        for row in session.execute(stmt):
            out.setdefault(row[0].event_id, []).append((row[0], row))
    return out


def refresh_event(session: Session, row: EventRow) -> None:
    """Reconcile an event's fields from all its reports (ACLED rules, rasd.dedup.reconcile) and save them."""
    reports = reports_of(session, row.event_id)
    infos = [ReportInfo(rep.data or row.data, rep.article_id, art.published, art.outlet, art.url, bool(rep.revises))
             for rep, art in reports]
    merged, prov = reconcile(row.event_id, infos)
    # An analyst's review outlives the reconciliation: applied again on top (rasd.review).
    report_ids = [rep.report_event_id for rep, _art in reports if rep.report_event_id]
    columns = event_columns(overlay(session, row.event_id, merged, report_ids))
    for key, value in columns.items():
        setattr(row, key, value)
    row.n_reports = len(infos)
    row.provenance = prov
    row.updated_at = now()
    session.flush()
    _index_names(session, {"event_id": row.event_id, **columns}, replace=True)


#: Session.info key of a dict {event_id: (columns, replace)} in which a batch writer collects the events whose
#: search names are due, to record them all at once before its commit (`flush_names`). Dedup never reads the names.
DEFERRED_NAMES = "rasd_deferred_names"


def _index_names(session: Session, row: dict[str, Any], replace: bool) -> None:
    deferred = session.info.get(DEFERRED_NAMES)
    if deferred is None:
        index_events(session.connection(), [row], replace=replace)
        return
    _old, was_replace = deferred.get(row["event_id"], (None, False))
    deferred[row["event_id"]] = (row, replace or was_replace)  # the latest columns are the event's


def flush_names(session: Session) -> None:
    """Record the names and actor links of the events collected under DEFERRED_NAMES: two statements per batch
    instead of per event."""
    deferred = session.info.pop(DEFERRED_NAMES, None) or {}
    for replace in (False, True):
        rows = [row for row, again in deferred.values() if again is replace]
        if rows:
            index_events(session.connection(), rows, replace=replace)


def relink_all(session: Session, dedup: bool = True) -> int:
    """Redo dedup over every stored report, in arrival order (after a change of rules); returns the event count.

    Each report is linked again exactly as `rasd run` would have linked it, so an event keeps its id as long as the
    report that created it still comes first and still finds no earlier match.
    """
    from sqlalchemy import delete, func

    stmt = (select(ReportRow, ArticleRow).join(ArticleRow, ArticleRow.article_id == ReportRow.article_id)
            .order_by(ReportRow.created_at, ArticleRow.ingested_at, ReportRow.article_id, ReportRow.position))
    rows = [(r.article_id, r.position, r.data, bool(r.revises), r.event_id, a) for r, a in session.execute(stmt)]
    old_events = {row.event_id: row.data for row in session.scalars(select(EventRow))}
    session.execute(delete(ReportRow))
    session.execute(delete(EventActorRow))
    session.execute(delete(EventRow))
    session.flush()
    session.expunge_all()
    for article_id, position, data, _revises, old_event_id, art_row in rows:
        art = Article(text=art_row.text, title=art_row.title, url=art_row.url, outlet=art_row.outlet,
                      published=art_row.published, article_id=article_id)
        data = data or {**old_events[old_event_id], "event_id": old_event_id}  # a report stored before 0002
        link_report(session, art, position, data, dedup=dedup)
    return int(session.scalar(select(func.count()).select_from(EventRow)) or 0)
