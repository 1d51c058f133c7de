"""Synthetic events with known weekly counts, for the trends and alerts tests (not a test module itself)."""

from __future__ import annotations

from datetime import date, timedelta

from rasd.importer import store_events
from rasd.model import Event, Span
from rasd.store.repository import Repository

#: A Saturday: weeks run Saturday to Friday.
START = date(2024, 1, 6)


def weekly_events(counts: list[int], admin1: str = "Anbar", country: str = "Iraq", actor1: str = "Islamic State",
                  prefix: str = "syn", start: date = START, fatalities: int = 1,
                  event_type: str = "Battles") -> list[Event]:
    """`counts[i]` events in week i, spread over the week's days, each with one Arabic evidence span."""
    out = []
    for week, n in enumerate(counts):
        for k in range(n):
            day = start + timedelta(days=7 * week + k % 7)
            out.append(Event(
                event_id=f"{prefix}-{admin1}-{week}-{k}", event_date=day, event_type=event_type,
                sub_event_type="Armed clash", actor1=actor1, actor2="Military Forces of Iraq (2014-2018)",
                country=country, iso3="IRQ", admin1=admin1, location=f"{admin1} town", fatalities=fatalities,
                evidence={"event_type": Span(0, 5, "هجوم"), "location": Span(10, 16, "الأنبار")},
            ))
    return out


def store_with(tmp_path, *event_lists: list[Event]) -> Repository:
    repo = Repository(str(tmp_path / "trends.db"))
    for events in event_lists:
        store_events(repo, events)
    return repo
