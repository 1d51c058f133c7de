"""The dedup candidate query (rasd.store.linking.candidate_query) is narrow but never drops an event that
`rasd.dedup.compare` could accept: checked on random events of mixed time and geo precisions, end dates, missing
coordinates, on SQLite and PostgreSQL."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from rasd.dedup import compare, date_window, family_types
from rasd.model import Event
from rasd.store.linking import COMPARE_COLUMNS, candidate_params, candidate_query, is_candidate
from rasd.store.repository import Repository
from rasd.store.schema import EventRow

TYPES = [("Explosions/Remote violence", "Air/drone strike"), ("Explosions/Remote violence", "Shelling/artillery/"
         "missile attack"), ("Battles", "Armed clash"), ("Violence against civilians", "Attack")]
CENTRES = [(33.42, 43.30), (33.35, 43.78), (34.1, 42.4)]
ACTORS = [None, None, "Islamic State", "Civilians (Iraq)", "Unidentified Armed Group (Iraq)"]


def random_event(i: int, rnd: random.Random) -> Event:
    et, st = rnd.choice(TYPES)
    start = date(2015, 1, 1) + timedelta(days=rnd.randrange(30))
    has_point = rnd.random() > 0.15
    centre = rnd.choice(CENTRES)  # events cluster: distances near the 15 and 40 km radii are common
    return Event(
        event_id=f"c{i:04d}", event_date=start, time_precision=rnd.choice([None, 1, 1, 2, 3, 4]),
        event_date_end=start + timedelta(days=rnd.randrange(32)) if rnd.random() < 0.2 else None,
        event_type=et, sub_event_type=st, actor1=rnd.choice(ACTORS), actor2=rnd.choice(ACTORS),
        modality=rnd.choice([None, "occurred", "occurred", "occurred", "threatened"]),
        country=rnd.choice(["Iraq", "Iraq", "Iraq", "Iraq", "Syria"]), iso3=None,
        admin1=rnd.choice([None, "Al-Anbar", "Baghdad", "Ninewa"]),
        latitude=centre[0] + rnd.uniform(-0.3, 0.3) if has_point else None,
        longitude=centre[1] + rnd.uniform(-0.3, 0.3) if has_point else None,
        geo_precision=rnd.choice([None, 1, 1, 2, 3]), location=rnd.choice(["Ramadi", "Hit", None]))


@contextmanager
def random_store(store_url: str, rnd: random.Random) -> Iterator[tuple[Session, list[dict]]]:
    """A store of 600 random events; a session on it and the events' COMPARE_COLUMNS as stored."""
    with Repository(store_url) as repo:
        repo.import_events([random_event(i, rnd) for i in range(600)])
        with Session(repo.engine) as session:
            yield session, [dict(zip(["event_id", *COMPARE_COLUMNS], row, strict=True)) for row in session.execute(
                select(EventRow.event_id, *(getattr(EventRow, c) for c in COMPARE_COLUMNS)))]


def test_candidates_hold_every_event_compare_could_accept(store_url):
    rnd = random.Random(7)
    with random_store(store_url, rnd) as (session, stored):
        assert len(stored) == 600
        acceptable = found = coarse = 0
        for j in range(150):
            report = random_event(10_000 + j, rnd).to_dict()
            window, types = date_window(report), family_types(report["event_type"])
            if window is None:
                continue
            got = set(session.scalars(candidate_query(report, window, types, "no-such-article")))
            # What the old, wide query read: country, type family and the date range alone.
            lo, hi = window[0] - timedelta(days=46), window[1] + timedelta(days=15)
            wide = [ev for ev in stored if ev["country"] == report["country"] and ev["event_type"] in types
                    and ev["event_date"] is not None and lo <= ev["event_date"] <= hi]
            could = {ev["event_id"] for ev in wide if compare(report, ev, similarity=1.0).ok}
            assert could <= got, f"report {j}: candidates miss {sorted(could - got)}"
            acceptable += len(could)
            found += len(got)
            coarse += len(wide)
    assert acceptable >= 20  # the check is not vacuous: many reports have events they could merge with
    assert found < coarse / 2  # and the query is much narrower than the country/type/date range it starts from


def test_the_python_candidate_test_agrees_with_the_query(store_url):
    """`is_candidate` (the batch writer's test of events it holds in memory) gives exactly the query's candidates."""
    rnd = random.Random(11)
    with random_store(store_url, rnd) as (session, stored):
        total = 0
        for j in range(150):
            report = random_event(10_000 + j, rnd).to_dict()
            if j % 5 == 0:  # reports without a point, an admin1 or a country take the other shapes
                report.update(latitude=None, longitude=None)
            if j % 7 == 0:
                report["admin1"] = None
            if j % 11 == 0:
                report["country"] = None
            window, types = date_window(report), family_types(report["event_type"])
            if window is None:
                continue
            got = set(session.scalars(candidate_query(report, window, types, "no-such-article")))
            shape, params = candidate_params(report, window, types, "no-such-article")
            assert {ev["event_id"] for ev in stored if is_candidate(ev, shape, params)} == got, f"report {j}"
            total += len(got)
    assert total >= 200  # not vacuous
