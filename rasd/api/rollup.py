"""Totals of events per filter without counting the events: a per-store-version rollup held in memory.

Counting one filter's events in SQL reads every matching entry of an index and, for the modality and background
tests, often the rows themselves: 40-300 ms on 100,000 events, paid once per filter, per server process, per store
version. Under load those first totals are what the slowest requests wait for (bench/bench_api.py --timing).

`Rollup` reads the browse index once per store version (one covering scan in the API's order, ~0.1-0.3 s on
100,000 events) into arrays: each event's id, its day and its "group", the distinct combination of country, iso3,
admin1, admin2, event type, sub-event type, modality, review status and background (a few hundred in a real store). A filter's
events are then a test of the few groups in Python and a vectorised date test over the arrays (about a millisecond
on 100,000 events): their number is the total, and a page is a slice of their positions, so neither a total nor a
page of such a filter reads the events table (rasd.api.paging.page_events_raw then only fetches the page's rows).

It answers exactly the SQL of rasd.store.query.apply_filters for the filters on those columns (dates, country,
admin1, admin2, type, modality, background, review; tests/api/test_rollup.py compares the two); filters on other columns
(an actor on the two sides only, text, search box, bounding box, fatalities) are counted in SQL as before
(`answers` says which). Actors (on either side or associated, the default) are answered from the `event_actors`
links, read with the rest: each actor's positions.
The rollup is kept under the store's stamp (rasd.api.cache.TTLCache), so any write, by any process, makes the next
total rebuild it rather than read a stale one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import Select, String, cast, select
from sqlalchemy.orm import Session

from rasd.store.query import REJECTED, EventFilter, Plan
from rasd.store.schema import EventActorRow, EventRow

#: The columns of a group, in the order of `Group`: all in the browse index (ix_events_api_browse).
GROUP_COLUMNS = ("country", "iso3", "admin1", "admin2", "event_type", "sub_event_type", "modality", "review_status",
                 "background")
#: Largest store a server process holds the rollup of (about 80 bytes an event: a million events, 80 MB per
#: process); a larger store's totals and pages are read from the database as before.
MAX_EVENTS = 1_000_000
#: The key the rollup is kept under in the API's aggregates cache (which never evicts it for room).
ROLLUP_KEY = ("rollup",)
#: The day of an undated event in the day array (earlier than any real day, and tested apart).
UNDATED = np.iinfo(np.int32).min

Group = tuple[str | None, str | None, str | None, str | None, str | None, str | None, str | None, str | None, bool]


def ordered(stmt: Select[Any], dialect: str) -> Select[Any]:
    """Newest first, undated last, then by id: a total order, so offset paging neither skips nor repeats.

    Both keys descend so SQLite walks the browse index (event_date, event_id, ...) backwards with no sort; SQLite
    already puts NULLs last there (saying NULLS LAST, or sorting on IS NULL, would stop it using the index).
    PostgreSQL needs NULLS LAST said.
    """
    if dialect == "sqlite":
        return stmt.order_by(EventRow.event_date.desc(), EventRow.event_id.desc())
    return stmt.order_by(EventRow.event_date.desc().nulls_last(), EventRow.event_id.desc())


def answers(f: EventFilter, names: dict[str, list[str]]) -> bool:
    """Whether a rollup can count `f`: it filters only on the rollup's columns, and its name filters were
    resolved to lists (more than rasd.store.query.MAX_NAMES matches stay a subquery)."""
    if not may_answer(f):
        return False
    needed = [kind for field, kinds in (("actor", ("actor",)), ("country", ("country", "iso3")), ("admin1", ("admin1",)),
                                        ("admin2", ("admin2",)), ("event_type", ("event_type", "sub_event_type")))
              if getattr(f, field) for kind in kinds]
    return all(kind in names for kind in needed)


def may_answer(f: EventFilter) -> bool:
    """Whether `f` filters only on the rollup's columns (then `answers` it unless a name matches too many names):
    no words, search box, bounding box or fatalities, and an actor on any side (the links), not the two sides only."""
    return not ((f.actor and not f.associated) or f.text or f.q or f.bbox is not None or f.min_fatalities is not None)


@dataclass(frozen=True)
class Rollup:
    """Every event in the API's order (newest first, ties by id descending, undated last: `ordered`)
    with its day (days since 1970-01-01, UNDATED if none) and group number, and the groups."""

    event_ids: list[str]
    days: np.ndarray
    group_of: np.ndarray
    groups: list[Group]
    #: The positions of each actor's events (actor1, actor2 or associated: the `event_actors` links).
    actor_positions: dict[str, np.ndarray]
    #: False when the store holds more than MAX_EVENTS events: nothing is kept, every filter is counted in SQL.
    complete: bool = True

    @classmethod
    def read(cls, session: Session) -> Rollup:
        """One scan of the browse index's columns in its own order (dates read as text: parsing 100,000 dates one
        by one in Python costs more than the scan)."""
        from rasd.api.timing import mark

        mark("rollup-read")

        columns = [getattr(EventRow, name) for name in GROUP_COLUMNS]
        dialect = session.get_bind().dialect.name
        stmt = ordered(select(EventRow.event_id, cast(EventRow.event_date, String), *columns), dialect)
        number: dict[Group, int] = {}
        event_ids: list[str] = []
        group_of: list[int] = []
        dates: list[str] = []
        for row in session.execute(stmt.limit(MAX_EVENTS + 1)):
            if len(event_ids) == MAX_EVENTS:
                return cls([], np.zeros(0, np.int32), np.zeros(0, np.int32), [], {}, complete=False)
            key: Group = (*row[2:10], bool(row[10]))  # type: ignore[assignment]
            event_ids.append(row[0])
            group_of.append(number.setdefault(key, len(number)))
            dates.append(row[1] or "NaT")
        days = np.array(dates, dtype="datetime64[D]")
        undated = np.isnat(days)
        as_int = days.astype("int64")
        as_int[undated] = UNDATED
        position = {event_id: i for i, event_id in enumerate(event_ids)}
        by_actor: dict[str, list[int]] = {}
        for actor, event_id in session.execute(select(EventActorRow.actor, EventActorRow.event_id)):
            if (at := position.get(event_id)) is not None:
                by_actor.setdefault(actor, []).append(at)
        return cls(event_ids, as_int.astype(np.int32), np.array(group_of, dtype=np.int32), list(number),
                   {actor: np.array(at, dtype=np.int32) for actor, at in by_actor.items()})

    @property
    def size(self) -> int:
        return len(self.days)

    def positions(self, f: EventFilter, names: dict[str, list[str]]) -> np.ndarray:
        """The positions (in the API's order) of the events matching `f` (which `answers` accepted, with its plan's
        resolved `names`)."""
        test = _group_test(f, names)
        chosen = np.fromiter((test(g) for g in self.groups), dtype=bool, count=len(self.groups))
        if not chosen.any():
            return np.zeros(0, dtype=np.int32)
        mask = chosen[self.group_of]
        if f.actor:  # any of the matching actors, on either side or associated
            acted = np.zeros(len(mask), dtype=bool)
            for actor in names.get("actor", ()):
                if (at := self.actor_positions.get(actor)) is not None:
                    acted[at] = True
            mask &= acted
        if f.since is not None or f.until is not None:  # a date test leaves the undated events out, as in SQL
            mask &= self.days != UNDATED
            if f.since is not None:
                mask &= self.days >= _day(f.since)
            if f.until is not None:
                mask &= self.days <= _day(f.until)
        return np.flatnonzero(mask).astype(np.int32)

    def count(self, f: EventFilter, names: dict[str, list[str]]) -> tuple[int, int]:
        """(total, dated) events matching `f` (see `positions`)."""
        at = self.positions(f, names)
        return len(at), int(np.count_nonzero(self.days[at] != UNDATED))

    def ids(self, positions: np.ndarray) -> list[str]:
        return [self.event_ids[i] for i in positions.tolist()]


def _day(day: Any) -> int:
    return int(np.datetime64(day, "D").astype("int64"))


def _group_test(f: EventFilter, names: dict[str, list[str]]) -> Callable[[Group], bool]:
    """The test apply_filters makes of a row, on one group (see rasd.store.query.apply_filters)."""
    def one_of(value: str | None, kind: str) -> bool:
        return value is not None and value in names.get(kind, ())

    checks: list[Callable[[Group], bool]] = []
    if f.country:
        checks.append(lambda g: one_of(g[0], "country") or one_of(g[1], "iso3"))
    if f.admin1:
        checks.append(lambda g: one_of(g[2], "admin1"))
    if f.admin2:
        checks.append(lambda g: one_of(g[3], "admin2"))
    if f.event_type:
        checks.append(lambda g: one_of(g[4], "event_type") or one_of(g[5], "sub_event_type"))
    if f.modality is not None:
        modalities = set(f.modality)
        counts_unknown = "occurred" in modalities  # an event without a modality counts as occurred
        checks.append(lambda g: g[6] in modalities or (g[6] is None and counts_unknown))
    if not f.include_background:
        checks.append(lambda g: not g[8])
    if not f.include_rejected:
        checks.append(lambda g: g[7] != REJECTED)
    return lambda g: all(check(g) for check in checks)


def read_rollup(session: Session, cache: Any) -> Rollup:
    """The store's rollup, read once per store version (kept in `cache`, the API's aggregates)."""
    return cache.get(ROLLUP_KEY, lambda: Rollup.read(session))


def rollup_total(session: Session, f: EventFilter, plan: Plan, cache: Any) -> tuple[int, int] | None:
    """(total, dated) of `f` from the store's rollup (kept in `cache` under its stamp), or None when the rollup
    cannot answer `f` (then the caller counts in SQL)."""
    if cache is None or not answers(f, plan.names):
        return None
    rollup = read_rollup(session, cache)
    return rollup.count(f, plan.names) if rollup.complete else None
