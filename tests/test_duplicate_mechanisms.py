"""scripts/duplicate_mechanisms.py sorts a duplicate by how it stands to the event that took its gold: a coarse
retelling (a country or a province beside a placed act), the same place, two places, or an older act recalled."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from duplicate_mechanisms import coarse_beside_placed, mechanism  # noqa: E402


def _event(place: str | None, precision: int, day: str = "2015-07-24", background: bool = False,
           event_type: str = "Explosions/Remote violence") -> dict:
    return {"event_type": event_type, "country": "Syria", "event_date": day, "location": place,
            "geo_precision": precision, "background": background}


def test_a_country_beside_a_town_is_a_coarse_retelling_and_its_days_count():
    town = _event("Kilis", 2)
    assert mechanism(_event("Syria", 3, "2015-07-25"), town) == "coarse, days agree"
    assert mechanism(_event("Syria", 3, "2015-07-20"), town) == "coarse, days differ"
    assert mechanism(_event(None, 3), town) == "coarse, days agree"


def test_placed_duplicates_and_a_recalled_act():
    town = _event("Kilis", 2)
    assert mechanism(_event("Kilis", 1), town) == "same place"
    assert mechanism(_event("Az Zabadani", 1), town) == "two places"
    assert mechanism(_event("Kilis", 1, "2015-06-26", background=True), town) == "background"


def test_the_cost_counts_coarse_events_beside_a_placed_one_of_their_type_only():
    events = [_event("Kilis", 2), _event("Syria", 3, "2015-07-25"), _event("Syria", 3, "2015-07-27"),
              _event("Syria", 3, event_type="Battles")]
    assert [coarse_beside_placed(events, i) for i in range(4)] == [False, True, False, False]
