"""Pages of events for the API: a filter bound to a session, each filter's totals and marks, and one page's rows.

An offset page used to be `ORDER BY ... LIMIT n OFFSET k`: the database walked past all k earlier events on every
request (offset 5,000 of one actor: ~50 ms on 100,000 events). Now each filter keeps, while the store is unchanged,
a `PageIndex`: its totals, and marks, the sort key (event_date, event_id) of the event at every multiple of
MARK_EVERY that a request has reached. A page starts from the mark at or below its offset (keyset paging, a range
seek on the browse index) and skips fewer than MARK_EVERY events; a new mark is found from the nearest known one
below it, so a filter's marks cost one walk to the deepest page asked for, not one per request.

Totals come from the same cached object (dated and undated events counted in one statement), and the filter's plan
(its names resolved in `event_names`, whether its actor is common: rasd.store.query.plan) is kept beside them, so a
request whose page is not cached runs two short statements: the page's ids, then their rows.
"""

from __future__ import annotations

import json
import threading
import weakref
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Select, Text, bindparam, case, cast, func, select, tuple_
from sqlalchemy.orm import Session

from rasd.api.cache import LruCache, TTLCache
from rasd.api.rollup import ROLLUP_KEY, Rollup, answers, may_answer, read_rollup, rollup_total
from rasd.api.rollup import ordered as ordered  # the order of every page (kept in the rollup)
from rasd.api.timing import mark
from rasd.export import geojson_feature_text
from rasd.store.query import EventFilter, Plan, apply_filters, plan, walkable
from rasd.store.repository import Repository
from rasd.store.schema import EventRow
from rasd.store.updated import with_updated_at

#: Index entries a statement may read walking the browse index in date order (a few ms on SQLite).
WALK_BUDGET = 30_000
#: A page skips fewer than this many events past its mark.
MARK_EVERY = 100


class Bound:
    """A filter bound to one session: the store's plan (resolved names, common actor or words) is made once per
    filter while the store is unchanged (kept in `cache`), and reused by each statement."""

    def __init__(self, session: Session, filters: EventFilter, dialect: str, cache: TTLCache | None = None) -> None:
        self.filters, self.dialect = filters, dialect

        def make() -> Plan:
            return plan(session.connection(), filters)

        self.plan = cache.get(("plan", filters), make) if cache is not None else make()

    def __call__(self, stmt: Select[Any], *, walk: bool = False, counting: bool = False) -> Select[Any]:
        """`stmt` restricted to the filter. `walk`: read along the browse index in date order (SQLite; see
        rasd.store.query.Plan.walk_browse). `counting`: a common actor is listed once (IN) rather than tested per
        event (EXISTS), which is faster when every match is visited anyway."""
        chosen = self.plan
        if walk or counting:
            chosen = replace(chosen, walk_browse=walk, common_actor=chosen.common_actor and not counting)
        return apply_filters(stmt, self.filters, self.dialect, plan=chosen)


@dataclass
class PageIndex:
    """One filter's totals and the marks found so far (offset -> sort key of the dated event at that offset)."""

    dated: int
    undated: int
    marks: dict[int, tuple[Any, str]] = field(default_factory=dict)
    #: The filter's prebuilt statements (Pager._keys), by (from a mark?, walking the browse index?).
    statements: dict[tuple[bool, bool], Select[Any]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def total(self) -> int:
        return self.dated + self.undated


def page_index(session: Session, bound: Bound, cache: TTLCache | None) -> PageIndex:
    """The filter's PageIndex, counted once while the store is unchanged."""

    def compute() -> PageIndex:
        mark("index-miss")
        counted = rollup_total(session, bound.filters, bound.plan, cache)
        if counted is None:  # filters the rollup cannot answer (actor, words, box, fatalities): count in SQL
            counted = session.execute(bound(select(func.count(), func.count(EventRow.event_date))
                                            .select_from(EventRow), counting=True)).one()
        total, dated = counted
        return PageIndex(int(dated or 0), int(total or 0) - int(dated or 0))

    return cache.get(("index", bound.filters), compute) if cache is not None else compute()


class Pager:
    """Reads one filter's pages on one session (see the module's docstring).

    With an LruCache, the ids of each run of MARK_EVERY events (a chunk) are kept, so pages at nearby offsets share
    them; reading a chunk also gives the next chunk's mark.
    """

    def __init__(self, session: Session, bound: Bound, index: PageIndex, everything: int,
                 kept: LruCache | None = None, stamp: Any = None) -> None:
        self.session, self.bound, self.index = session, bound, index
        self.kept, self.stamp = kept, stamp
        # how many browse-index entries a walk reads per matching event (SQLite: whether walking pays)
        self.spread = everything / index.total if index.total else 0.0

    def _walks(self, reading: int) -> bool:
        return (self.bound.dialect == "sqlite" and walkable(self.bound.filters)
                and reading * self.spread <= WALK_BUDGET)

    def _keys(self, marked: bool, reading: int) -> Select[Any]:
        """Sort keys of dated events, newest first, from the mark (:mark_date, :mark_id, inclusive: a range seek on
        the browse index) if `marked`, :n of them after skipping :skip. Built once per filter and kind (statement
        building is most of a short query's cost), with the mark and the numbers as parameters."""
        walk = self._walks(reading)
        stmt = self.index.statements.get((marked, walk))
        if stmt is None:
            stmt = self.bound(select(EventRow.event_date, EventRow.event_id), walk=walk).where(
                EventRow.event_date.is_not(None))
            if marked:
                stmt = stmt.where(tuple_(EventRow.event_date, EventRow.event_id)
                                  <= tuple_(bindparam("mark_date", type_=EventRow.event_date.type),
                                            bindparam("mark_id", type_=EventRow.event_id.type)))
            stmt = (stmt.order_by(EventRow.event_date.desc(), EventRow.event_id.desc())
                    .limit(bindparam("n")).offset(bindparam("skip")))
            self.index.statements[(marked, walk)] = stmt
        return stmt

    def _read_keys(self, mark: tuple[Any, str] | None, n: int, skip: int) -> list[Any]:
        params: dict[str, Any] = {"n": n, "skip": skip}
        if mark is not None:
            params.update(mark_date=mark[0], mark_id=mark[1])
        return list(self.session.execute(self._keys(mark is not None, skip + n), params))

    def _keep_mark(self, at: int, key: tuple[Any, str]) -> None:
        with self.index.lock:
            self.index.marks[at] = key

    def mark(self, at: int) -> tuple[Any, str] | None:
        """The sort key of the dated event at offset `at` (a multiple of MARK_EVERY; None at 0: the start), found
        from the nearest known mark below it and kept."""
        if at == 0:
            return None
        marks = self.index.marks
        if at in marks:
            return marks[at]
        base = max((k for k in list(marks) if k < at), default=0)
        rows = self._read_keys(marks.get(base), 1, at - base)
        if not rows:  # the store changed under a kept index: no mark (the page then reads from the start)
            return None
        self._keep_mark(at, (rows[0][0], rows[0][1]))
        return marks[at]

    def chunk(self, number: int) -> list[str]:
        """The ids of dated events MARK_EVERY * number to MARK_EVERY * (number + 1) - 1, kept."""
        key = ("chunk", self.bound.filters, number)
        if self.kept is not None and (ids := self.kept.get(key, self.stamp)) is not None:
            return ids
        at = number * MARK_EVERY
        mark = self.mark(at)
        skip = 0 if mark is not None or at == 0 else at
        rows = self._read_keys(mark, MARK_EVERY + 1, skip)
        if len(rows) > MARK_EVERY:
            self._keep_mark(at + MARK_EVERY, (rows[-1][0], rows[-1][1]))
        ids = [row[1] for row in rows[:MARK_EVERY]]
        if self.kept is not None:
            self.kept.put(key, ids, 64 * len(ids), self.stamp)
        return ids

    def ids(self, limit: int, offset: int) -> list[str]:
        """The ids of the page of `limit` events at `offset` (dated ones first, then undated, as `ordered`)."""
        ids: list[str] = []
        dated = self.index.dated
        if offset < dated:
            first, last = offset // MARK_EVERY, (min(offset + limit, dated) - 1) // MARK_EVERY
            for number in range(first, last + 1):
                ids += self.chunk(number)
            start = offset - first * MARK_EVERY
            ids = ids[start:start + limit]
        if len(ids) < limit and self.index.undated and offset + len(ids) >= dated:
            undated = (self.bound(select(EventRow.event_id)).where(EventRow.event_date.is_(None))
                       .order_by(EventRow.event_id.desc()))
            ids += self.session.scalars(undated.limit(limit - len(ids)).offset(max(0, offset - dated)))
        return ids


def page_events(repo: Repository, filters: EventFilter, limit: int, offset: int, cache: TTLCache | None = None,
                kept: LruCache | None = None) -> tuple[int, list[dict]]:
    """(number of matching events, the contract objects of one page of them)."""
    total, rows = page_events_raw(repo, filters, limit, offset, cache, kept)
    return total, [with_updated_at(json.loads(row[-1]), row[3]) for row in rows]


Row = tuple[Any, ...]
#: What a page reads of each of its events. "data", for JSON pages: (id, latitude, longitude, when the row last
#: changed, the stored contract object as text: last, as `_text_bytes` and the kept rows' sizes read it). "feature", for map pages: (id, the stored GeoJSON Feature text, and the contract object where no
#: Feature was stored). The texts are handed on as UTF-8 bytes (`_text_bytes`): a page is bytes on the wire, and
#: SQLite gives them as they are stored (CAST AS BLOB) without decoding each one into a str that the page would
#: then encode again (half the cost of reading a map page's rows, whose Features hold Arabic).
ROWS = {"data": select(EventRow.event_id, EventRow.latitude, EventRow.longitude, EventRow.updated_at,
                       cast(EventRow.data, Text)),
        "feature": select(EventRow.event_id, EventRow.feature, case((EventRow.feature.is_(None),
                                                                      cast(EventRow.data, Text))))}
#: ROWS as SQLite text, up to its IN list (see `_rows`).
ROWS_SQL = {"data": "SELECT event_id, latitude, longitude, updated_at, CAST(data AS BLOB) FROM events "
                    "WHERE event_id IN ",
            "feature": "SELECT event_id, CAST(feature AS BLOB), CASE WHEN feature IS NULL THEN data END FROM events "
                       "WHERE event_id IN "}


def page_events_raw(repo: Repository, filters: EventFilter, limit: int, offset: int, cache: TTLCache | None = None,
                    kept: LruCache | None = None, read: str = "data") -> tuple[int, list[Row]]:
    """Like `page_events`, but each event as its stored JSON text in UTF-8 bytes (with id and coordinates), not
    parsed; with `read="feature"`, as its stored GeoJSON Feature text instead (ROWS says what each row holds).

    Two steps: the page's ids from the index, then those rows (the ones not in `kept`, which then keeps them). The
    API splices the texts into its answer: parsing a hundred contract objects, validating and re-encoding them costs
    more than the query, and they were written by `Event.to_dict` in the first place.
    """
    dialect = repo.engine.dialect.name
    stamp = kept.stamp() if kept is not None else None  # before reading: a write meanwhile makes what is kept stale
    with Session(repo.reader) as session:
        bound = Bound(session, filters, dialect, cache)
        matching = rolled_up(session, bound, cache, kept, stamp)
        if matching is not None:  # the filter's events in order, from the rollup: the page is a slice of them
            rollup, positions = matching
            total = len(positions)
            ids = rollup.ids(positions[offset:offset + limit])
        else:
            index = page_index(session, bound, cache)
            total = index.total
            if not total or offset >= total:
                return total, []
            everything = page_index(session, Bound(session, EventFilter(), dialect, cache), cache).total
            ids = Pager(session, bound, index, everything, kept, stamp).ids(limit, offset)
        found: dict[str, Row] = {}
        if kept is not None:
            found = {key[1]: row for key, row in kept.get_many([(read, i) for i in ids], stamp).items()}
        missing = [i for i in ids if i not in found]
        if missing:
            fetched = [_feature_row(r) if read == "feature" else _text_bytes(r)
                       for r in _rows(session, missing, dialect, read)]
            found.update((row[0], row) for row in fetched)
            if kept is not None:
                kept.put_many([((read, row[0]), row, len(row[-1] or b"") + 100) for row in fetched], stamp)
    return total, [found[i] for i in ids if i in found]


def _text_bytes(row: Any) -> Row:
    """A "data" row with its text as UTF-8 bytes (as SQLite's CAST AS BLOB gives it; other databases give a str)."""
    *head, text = row
    return (*head, text.encode() if isinstance(text, str) else text)


def _feature_row(row: Any) -> Row:
    """A "feature" row with its Feature text in UTF-8 bytes: the stored one, or rendered from the contract object
    for a row written without it (see rasd.store.columns.event_columns)."""
    event_id, feature, data = row
    if feature is None and data is not None:
        feature = geojson_feature_text(json.loads(data))
    return event_id, feature.encode() if isinstance(feature, str) else feature


def _rows(session: Session, ids: list[str], dialect: str, read: str) -> Any:
    """The ROWS of `ids`. On SQLite straight through the driver: the statement is fixed text, and SQLAlchemy's
    compiling of an expanding IN list and its result objects cost more than the query (about a millisecond a page,
    on every page not cached)."""
    if dialect != "sqlite":
        return session.execute(ROWS[read].where(EventRow.event_id.in_(bindparam("ids", expanding=True))),
                               {"ids": ids})
    cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        return cursor.execute(f"{ROWS_SQL[read]}({','.join('?' * len(ids))})", ids).fetchall()
    finally:
        cursor.close()


def rolled_up(session: Session, bound: Bound, cache: TTLCache | None, kept: LruCache | None,
              stamp: Any) -> tuple[Rollup, Any] | None:
    """(the store's rollup, the positions of the filter's events in it), the positions kept in `kept` (a few
    bytes an event, so the byte budget bounds them), or None when the rollup cannot answer the filter.

    A kept entry refers to its rollup weakly: positions are only good for the rollup they index, and entries that
    outlive a store version must not keep that version's rollup in memory."""
    if cache is None or kept is None or not answers(bound.filters, bound.plan.names):
        return None
    rollup = read_rollup(session, cache)
    if not rollup.complete:
        return None
    key = ("positions", bound.filters)
    hit = kept.get(key, stamp)
    if hit is not None and hit[0]() is rollup:
        return rollup, hit[1]
    mark("index-miss")
    positions = rollup.positions(bound.filters, bound.plan.names)
    kept.put(key, (weakref.ref(rollup), positions), positions.nbytes + 100, stamp)
    return rollup, positions


def answered_in_memory(repo: Repository, filters: EventFilter, cache: TTLCache | None,
                       kept: LruCache | None) -> bool:
    """Whether a page of `filters` needs no statement but its filter's plan (a few short look-ups of names, kept
    once made) and the read of its rows by key: the store's rollup is kept under the current stamp and answers the
    filter (its positions are then a vectorised test, kept after the first). The plan is made here if it is not
    kept yet (the caller runs on the event loop: ~0.2-4 ms; an unknown name raises UnknownNameError, as a render
    would). The API renders such pages on the event loop (rasd.api.routes.events_page)."""
    if cache is None or kept is None or not may_answer(filters):
        return False
    rollup = cache.peek(ROLLUP_KEY)
    if rollup is None or not rollup.complete:
        return False

    def make() -> Plan:
        with repo.reader.connect() as conn:
            return plan(conn, filters)

    return answers(filters, cache.get(("plan", filters), make).names)


def page_features(repo: Repository, filters: EventFilter, limit: int, offset: int, cache: TTLCache | None = None,
                  kept: LruCache | None = None) -> tuple[int, list[bytes]]:
    """(number of matching events, one page of them as GeoJSON Feature texts in UTF-8): the texts stored with the events
    (0012_event_feature), so a map page costs what a JSON page costs, not a hundred renders."""
    total, rows = page_events_raw(repo, filters, limit, offset, cache, kept, read="feature")
    return total, [row[1] for row in rows if row[1] is not None]
