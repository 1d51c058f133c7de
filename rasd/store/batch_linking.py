"""Dedup on write for a batch of articles at once: the outcome of `link_report` for every report in order, with a
few statements per batch instead of a dozen per report.

`Repository.add_result` links one article's reports with the ORM: per report a query for the same id, a candidate
query, the candidate events' reports, an INSERT of the event and of the report, a re-read of the event's reports when
it merges. Done for every report of a long run that is the single writer's whole time. Here a batch (one write
transaction, holding the store's write lock) reads what it needs up front, decides in memory, and writes at the end:

- three reads for the batch (`BatchLinker`): the stored events near any of its reports, off the dedup index (their
  countries and type families, its dates widened as the candidate query widens them); then, for those that meet
  some report's candidate condition (`is_candidate`, the query's Python twin), the columns dedup compares and their
  reports;
- events created or changed earlier in the batch are held in memory and tested the same way, so a report sees the
  store as it would be had every earlier report been written;
- at the end, multi-row INSERTs (COPY on PostgreSQL) of the new events and of the reports, one executemany UPDATE of
  the stored events that merged, and the events' search names and actor links for the lot.

The dedup decision itself is `rasd.store.linking.choose_match`, the one `link_report` uses, so the events, their ids
and every report's match are those of a serial run (tests/engine compares the two stores).

Workers prepare each article's rows (rasd.store.rows.prepare, pure: no store, no KB, no SQLAlchemy): the article and mention rows, each report's
contract object, its content words (`rasd.dedup.content_terms`) and whether it revises a figure, so the writer does
no text work at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, bindparam, delete, select, update
from sqlalchemy.orm import Session

from rasd.dedup import ReportInfo, date_window, family_types, reconcile
from rasd.ingest.sources import derive_event_id
from rasd.model import Event
from rasd.review import overlay
from rasd.store.bulk import _existing, insert_article_rows
from rasd.store.columns import event_columns, now
from rasd.store.linking import (
    CANDIDATE_COLUMNS,
    COMPARE_COLUMNS,
    candidate_params,
    choose_match,
    is_candidate,
    reports_of,
    reports_of_events,
)
from rasd.store.names import add_names, event_actors, names_of
from rasd.store.rows import Prepared, PreparedReport
from rasd.store.schema import EventActorRow, EventRow, ReportRow, ReviewRow
from rasd.store.sql import insert_rows

#: What a report that merged by id, or with dedup off, says about its match (as `link_report` says it).
SAME_ID = {"matched": True, "score": 1.0, "reasons": {"id": "same event id as a stored event"}}
DEDUP_OFF = {"matched": False, "reasons": {"dedup": "off"}}


@dataclass(slots=True)
class _Event:
    """An event the batch created or changed: its row as it will be written, its reports in arrival order (for
    reconciling) and whether it is stored already (an UPDATE) or new (an INSERT)."""

    row: dict[str, Any]
    infos: list[tuple[ReportInfo, str | None]]  # (report, its own event id)
    stored: bool


@dataclass(slots=True)
class _Plan:
    """One report's candidate condition (`candidate_params`), computed once, and the stored events meeting it as
    they were when the batch began."""

    shape: Any
    params: dict[str, Any]
    stored: list[str]


class BatchLinker:
    """Links the reports of one batch of new articles, in order, inside the open write transaction of `session`.

    Reading, three queries for the batch: the stored events near any of its reports (the candidate condition's
    index columns: country, type, date range), then, for those that meet some report's condition, the columns dedup
    compares and their reports (data, content words, articles). Each report's stored candidates are fixed then: a
    stored event changes only when a report of this batch joins it, and from then on it is tested in memory with
    the events the batch created."""

    def __init__(self, session: Session, items: Sequence[Prepared], dedup: bool = True) -> None:
        self.session, self.dedup = session, dedup
        self.conn: Connection = session.connection()
        self.reviewed = self.conn.scalar(select(ReviewRow.id).limit(1)) is not None  # any review in the store
        self.touched: dict[str, _Event] = {}
        self.reports: list[dict[str, Any]] = []
        self.by_article: dict[str, set[str]] = defaultdict(set)  # the events each article of the batch reports
        self.names: set[tuple[str, str]] = set()
        self._last = now()
        ids = [r.data["event_id"] for item in items for r in item.reports]
        self.stored_ids = self._stored(ids)
        self.asked = set(ids)
        # In memory: the batch's new and changed events by (country, type), for the candidate test.
        self.view: dict[tuple[Any, Any], dict[str, dict[str, Any]]] = defaultdict(dict)
        self.plans: dict[tuple[str, int], _Plan] = {}
        self.stored_rows: dict[str, tuple] = {}  # stored candidate -> (event_id, *COMPARE_COLUMNS)
        self.stored_reports: dict[str, list[tuple[Any, Any]]] = {}  # stored candidate -> reports_of
        self.own: dict[str, list[tuple[dict[str, Any], Any]]] = {}  # event -> its reports' (data, terms)
        if dedup:
            self._prefetch(items)

    # -- reading ----------------------------------------------------------------------------------------------------

    def _stored(self, ids: list[str]) -> set[str]:
        return _existing(self.conn, EventRow.event_id, sorted(set(ids)))

    def _exists(self, event_id: str) -> bool:
        """Whether an event has this id, stored or created earlier in the batch (what `session.get` would say)."""
        if event_id in self.touched or event_id in self.stored_ids:
            return True
        if event_id not in self.asked:  # a derived id (rare): asked once
            self.asked.add(event_id)
            self.stored_ids |= self._stored([event_id])
        return event_id in self.stored_ids

    def _prefetch(self, items: Sequence[Prepared]) -> None:
        for item in items:
            for report in item.reports:
                window, types = date_window(report.data), family_types(report.data.get("event_type"))
                if window is not None and types:
                    shape, params = candidate_params(report.data, window, types, item.article_id)
                    self.plans[(item.article_id, report.position)] = _Plan(shape, params, [])
        if not self.plans:
            return
        near: dict[tuple[Any, Any], list[dict[str, Any]]] = defaultdict(list)
        by_country: dict[Any, list[dict[str, Any]]] = defaultdict(list)
        for plan in self.plans.values():
            by_country[plan.params["country"] if plan.shape[0] else None].append(plan.params)
        columns = [getattr(EventRow, c) for c in CANDIDATE_COLUMNS]
        for country, group in by_country.items():
            stmt = select(*columns).where(
                EventRow.country == country if country is not None else EventRow.country.is_(None),
                EventRow.event_type.in_(sorted({t for p in group for t in p["types"]})),
                EventRow.event_date.between(min(p["range_lo"] for p in group), max(p["range_hi"] for p in group)))
            for row in self.conn.execute(stmt):
                ev = dict(zip(CANDIDATE_COLUMNS, row, strict=True))
                near[(ev["country"], ev["event_type"])].append(ev)
        wanted: set[str] = set()
        for plan in self.plans.values():
            country = plan.params["country"] if plan.shape[0] else None
            for event_type in plan.params["types"]:
                plan.stored.extend(ev["event_id"] for ev in near.get((country, event_type), ())
                                   if is_candidate(ev, plan.shape, plan.params))
            wanted.update(plan.stored)
        ids = sorted(wanted)
        columns = [EventRow.event_id, *(getattr(EventRow, c) for c in COMPARE_COLUMNS)]
        for i in range(0, len(ids), 500):
            self.stored_rows.update((row[0], tuple(row)) for row in self.conn.execute(
                select(*columns).where(EventRow.event_id.in_(ids[i:i + 500]))))
        self.stored_reports = reports_of_events(self.session, ids)
        for event_id in ids:
            self.own[event_id] = [(rep.data, rep.terms) for rep, _art in self.stored_reports.get(event_id, ())
                                  if rep.data]

    def _candidates(self, article_id: str, position: int) -> list[tuple]:
        """What `candidates` would read for this report had every earlier report of the batch been written."""
        plan = self.plans[(article_id, position)]
        mine = self.by_article.get(article_id, set())
        rows = [self.stored_rows[e] for e in plan.stored if e not in self.touched]
        country = plan.params["country"] if plan.shape[0] else None
        for event_type in plan.params["types"]:
            for event_id, cols in self.view.get((country, event_type), {}).items():
                if event_id not in mine and is_candidate(cols, plan.shape, plan.params):
                    rows.append((event_id, *(cols[c] for c in COMPARE_COLUMNS)))
        return sorted(rows, key=lambda r: r[0])

    def _own_reports(self, event_id: str) -> list[tuple[dict[str, Any], Any]]:
        own = self.own.get(event_id)
        if own is None:  # not a stored candidate of the batch (never, but for an event changed by another path)
            stmt = select(ReportRow.data, ReportRow.terms).where(ReportRow.event_id == event_id)
            own = self.own[event_id] = [(d, t) for d, t in self.conn.execute(stmt) if d]
        return own

    def _infos(self, event_id: str) -> _Event:
        """A stored event about to change: its reports so far, read once."""
        event = self.touched.get(event_id)
        if event is None:
            infos = []
            fallback = None
            stored = self.stored_reports.get(event_id)
            if stored is None:  # joined by id, not found as a candidate
                stored = reports_of(self.session, event_id)
            for rep, art in stored:
                data = rep.data
                if not data:  # a report stored before 0002: the event's own object stands for it
                    if fallback is None:
                        fallback = self.conn.scalar(select(EventRow.data).where(EventRow.event_id == event_id))
                    data = fallback
                infos.append((ReportInfo(data, rep.article_id, art.published, art.outlet, art.url, bool(rep.revises)),
                              rep.report_event_id))
            self.own.setdefault(event_id, [(rep.data, rep.terms) for rep, _art in stored if rep.data])
            event = self.touched[event_id] = _Event({"event_id": event_id}, infos, stored=True)
        return event

    # -- deciding ---------------------------------------------------------------------------------------------------

    def _stamp(self) -> datetime:
        """Now, strictly after the last stamp: reports are read back in created_at order, which must be the
        order they arrived in."""
        self._last = max(now(), self._last + timedelta(microseconds=1))
        return self._last

    def _overlay(self, event_id: str, merged: dict[str, Any], report_ids: list[str | None]) -> dict[str, Any]:
        if self.reviewed:
            return overlay(self.session, event_id, merged, [r for r in report_ids if r])
        return {k: v for k, v in merged.items() if k != "review"}

    def link(self, article: dict[str, Any], report: PreparedReport) -> str:
        """`link_report` for one report of a new article: the event it joins or creates (its id)."""
        data, article_id = report.data, article["article_id"]
        mine = self.by_article[article_id]
        report_id = data["event_id"]
        target = report_id if self._exists(report_id) and report_id not in mine else None
        if target is not None:
            match: dict[str, Any] = SAME_ID
        elif self.dedup:
            target, match = choose_match(
                data, report.terms, lambda _window, _types: self._candidates(article_id, report.position),
                self._own_reports)
        else:
            match = DEDUP_OFF
        stamp = self._stamp()
        info = ReportInfo(data, article_id, article["published"], article["outlet"], article["url"], report.revises)
        if target is None:
            event_id = report_id
            while self._exists(event_id):  # an id taken by another article's event
                event_id = derive_event_id(article_id, report.position, Event.from_dict({**data, "event_id": event_id}))
            first = ReportInfo(data, article_id, article["published"], article["outlet"], article["url"])
            merged, prov = reconcile(event_id, [first])
            columns = event_columns(self._overlay(event_id, merged, [report_id]))
            self.touched[event_id] = _Event(dict(event_id=event_id, created_at=stamp, updated_at=stamp, n_reports=1,
                                                 provenance=prov, **columns), [(info, report_id)], stored=False)
            self.own[event_id] = []
            self._show(event_id)
        else:
            event_id = target
            event = self._infos(event_id)
            event.infos.append((info, report_id))
            self._refresh(event, stamp)
        self.reports.append(dict(article_id=article_id, event_id=event_id, position=report.position,
                                 report_event_id=report_id, published=article["published"], data=data, match=match,
                                 revises=report.revises, terms=report.terms, created_at=stamp))
        mine.add(event_id)
        self.own[event_id].append((data, report.terms))
        return event_id

    def _refresh(self, event: _Event, stamp: datetime) -> None:
        """`refresh_event` in memory: the event reconciled again from all its reports."""
        event_id = event.row["event_id"]
        merged, prov = reconcile(event_id, [info for info, _ in event.infos])
        columns = event_columns(self._overlay(event_id, merged, [rid for _, rid in event.infos]))
        event.row.update(columns, n_reports=len(event.infos), provenance=prov, updated_at=stamp)
        self._show(event_id)

    def _show(self, event_id: str) -> None:
        """Make the batch's candidate view hold this event's current columns (and only under its current key)."""
        row = self.touched[event_id].row
        for events in self.view.values():
            events.pop(event_id, None)
        self.view[(row["country"], row["event_type"])][event_id] = {c: row[c] for c in COMPARE_COLUMNS}
        self.names |= names_of([row])  # as `link_report` records every state's names (names are never removed)

    # -- writing ----------------------------------------------------------------------------------------------------

    def flush(self) -> None:
        """Write the batch's events, reports and search names."""
        new = [e.row for e in self.touched.values() if not e.stored]
        changed = [e.row for e in self.touched.values() if e.stored]
        insert_rows(self.conn, EventRow, new)
        if changed:
            keys = [k for k in changed[0] if k not in ("event_id", "created_at")]
            stmt = update(EventRow).where(EventRow.event_id == bindparam("b_event_id")).values(
                {k: bindparam(f"b_{k}") for k in keys})
            self.conn.execute(stmt, [{f"b_{k}": row[k] for k in ("event_id", *keys)} for row in changed])
        insert_rows(self.conn, ReportRow, self.reports)
        add_names(self.conn, self.names)
        stored = [e.row["event_id"] for e in self.touched.values() if e.stored]
        if stored:  # their actors were reconciled again: their old links go
            self.conn.execute(delete(EventActorRow).where(EventActorRow.event_id.in_(stored)))
        links = [{"event_id": e.row["event_id"], "actor": a} for e in self.touched.values() for a in event_actors(e.row)]
        insert_rows(self.conn, EventActorRow, links)


def insert_prepared(conn: Connection, items: Sequence[Prepared], stamp: datetime) -> None:
    """The article-side rows of new prepared articles (rasd.store.bulk.insert_article_rows)."""
    insert_article_rows(conn, [item.article for item in items], [m for item in items for m in item.mentions], stamp,
                        [item.search_body for item in items])
