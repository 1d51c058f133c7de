"""The rollup (rasd.api.rollup) answers every total it accepts exactly as counting the events in SQL does, and
follows the store: a write makes the next total count the new events."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from rasd.api import paging
from rasd.api.cache import LruCache, TTLCache, file_stamp
from rasd.api.rollup import ROLLUP_KEY, Rollup, answers
from rasd.store.names import index_events
from rasd.store.query import EventFilter
from rasd.store.repository import Repository
from rasd.store.schema import EventRow

PLACES = [("Iraq", "IRQ", "Baghdad", "Karkh"), ("Iraq", "IRQ", "Ninewa", "Mosul"), ("Iraq", None, "Al-Anbar", None),
          ("Syria", "SYR", "Aleppo", None), ("Turkey", "TUR", None, None), (None, None, None, None)]
TYPES = [("Battles", "Armed clash"), ("Protests", "Peaceful protest"),
         ("Explosions/Remote violence", "Air/drone strike"), (None, None)]
MODALITIES = ["occurred", "occurred", None, "planned", "foiled", "claimed"]
ACTORS = ["Islamic State", "Military Forces of Iraq", "Military Forces of Syria", "Civilians (Iraq)", None]


def _rows(n: int, seed: int = 5, start: int = 0) -> list[dict]:
    """Events over places, types, modalities (some unknown), background flags and days (some undated)."""
    rng = random.Random(seed)
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = []
    for i in range(start, start + n):
        country, iso3, admin1, admin2 = rng.choice(PLACES)
        event_type, sub = rng.choice(TYPES)
        day = None if i % 11 == 3 else date(2019, 12, 1) + timedelta(days=rng.randrange(120))
        rows.append({"event_id": f"ev-{i:05d}", "event_date": day, "time_precision": 1, "event_type": event_type,
                     "sub_event_type": sub, "country": country, "iso3": iso3, "admin1": admin1, "admin2": admin2,
                     "modality": rng.choice(MODALITIES), "background": rng.choice([True, False, False]),
                     "review_status": rng.choice([None, None, None, "wrong", "verified", "corrected"]),
                     "actor1": rng.choice(ACTORS), "actor2": rng.choice(ACTORS), "civilian_targeting": False,
                     "data": {"event_id": f"ev-{i:05d}", "assoc_actor_1": [rng.choice(ACTORS[:3])] if i % 4 else []},
                     "created_at": now,
                     "updated_at": now})
    return rows


@pytest.fixture
def store(tmp_path) -> Repository:
    repo = Repository(str(tmp_path / "rollup.db"))
    with repo.engine.begin() as conn:
        rows = _rows(600)
        conn.execute(insert(EventRow), rows)
        index_events(conn, rows)
    yield repo
    repo.close()


FILTERS = [EventFilter(), EventFilter.counted(), EventFilter.counted(country="Iraq"),
           EventFilter.counted(country="syr"), EventFilter(country="IRQ", include_background=False),
           EventFilter.counted(admin1="a"), EventFilter.counted(admin1="Ninewa", event_type="Battles"),
           EventFilter.counted(admin2="mosul"), EventFilter.counted(event_type="Air/drone strike"),
           EventFilter.counted(since=date(2020, 1, 15)), EventFilter(until=date(2020, 1, 15)),
           EventFilter.counted(since=date(2020, 1, 1), until=date(2020, 1, 31), country="Iraq"),
           EventFilter(modality=("planned", "foiled")), EventFilter(modality=("occurred",)),
           EventFilter.counted(country="Iraq", admin1="Aleppo"), EventFilter.counted(actor="military forces"),
           EventFilter.counted(actor="Islamic State", country="Syria", since=date(2020, 2, 1)),
           EventFilter(actor="civilians"), EventFilter.counted(include_rejected=True, country="Iraq"),
           EventFilter(include_rejected=False)]


def _sql_total(repo: Repository, f: EventFilter) -> tuple[int, int]:
    """(total, dated) counted in SQL over the events themselves (what the API did before the rollup)."""
    with Session(repo.reader) as session:
        bound = paging.Bound(session, f, "sqlite")
        total, dated = session.execute(bound(select(func.count(), func.count(EventRow.event_date))
                                             .select_from(EventRow), counting=True)).one()
    return int(total), int(dated)


@pytest.mark.parametrize("f", FILTERS, ids=range(len(FILTERS)))
def test_the_rollup_counts_what_sql_counts(store, f):
    with Session(store.reader) as session:
        rollup = Rollup.read(session)
        bound = paging.Bound(session, f, "sqlite")
    assert answers(f, bound.plan.names)
    assert rollup.count(f, bound.plan.names) == _sql_total(store, f)


def test_the_filters_the_rollup_cannot_answer_are_counted_in_sql(store):
    for f in (EventFilter.counted(actor="x", associated=False), EventFilter.counted(min_fatalities=1),
              EventFilter.counted(bbox=(40.0, 30.0, 50.0, 40.0)), EventFilter.counted(q="Mosul")):
        assert not answers(f, {})
    cache = TTLCache(ttl=60)
    index = paging.page_index(Session(store.reader), paging.Bound(Session(store.reader), FILTERS[0], "sqlite"), cache)
    assert (index.total, index.dated) == _sql_total(store, FILTERS[0])


def test_page_totals_use_the_rollup_and_follow_writes(store):
    cache = TTLCache(ttl=600, stamp=lambda: file_stamp(store.path), pinned=frozenset({ROLLUP_KEY}))
    f = EventFilter.counted(country="Iraq")
    total, _ = paging.page_events_raw(store, f, 10, 0, cache)
    assert cache.peek(ROLLUP_KEY) is not None and total == _sql_total(store, f)[0]
    with store.engine.begin() as conn:  # another writer: the stamp changes, the rollup is read again
        rows = _rows(50, seed=9, start=1000)
        conn.execute(insert(EventRow), rows)
        index_events(conn, rows)
    total_after, _ = paging.page_events_raw(store, f, 10, 0, cache)
    assert total_after == _sql_total(store, f)[0] > total
    assert cache.peek(ROLLUP_KEY).size == 650


@pytest.mark.parametrize("f", FILTERS[::2], ids=range(len(FILTERS[::2])))
def test_pages_from_the_rollup_equal_plain_offset_pages(store, f):
    cache, kept = TTLCache(ttl=60), LruCache(1 << 20)
    for offset in (0, 7, 95, 400, 590):
        _, rows = paging.page_events_raw(store, f, 30, offset, cache, kept)
        with Session(store.reader) as session:
            plain = paging.ordered(paging.Bound(session, f, "sqlite")(select(EventRow.event_id)), "sqlite")
            assert [r[0] for r in rows] == list(session.scalars(plain.limit(30).offset(offset)))
    assert kept.get(("positions", f), None) is not None
