"""scripts/error_classes.py puts each false and missed event in the class of its nearest miss, judged by the shared
scorer's own `compatible`: a retelling is a duplicate, an event of the wrong type a wrong type (and its gold a type
mismatch), a gold event another one took is `taken`."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from error_classes import classify  # noqa: E402
from eval_events import load_scorer  # noqa: E402

SCORER = load_scorer()


def _gold(name: str, event_type: str, place: str) -> dict:
    return {"name": name, "event_type": event_type, "country": "Iraq", "event_date_between": ["2015-07-20", "2015-07-21"],
            "location_contains_one_of": [place]}


def _event(event_type: str, place: str, day: str = "2015-07-21", country: str = "Iraq") -> dict:
    return {"event_type": event_type, "country": country, "event_date": day, "location": place}


def test_a_retelling_is_a_duplicate_and_a_wrong_type_pairs_with_its_gold():
    record = {"events": [_gold("a", "Battles", "الرمادي"), _gold("b", "Explosions/Remote violence", "الفلوجة")],
              "system": [_event("Battles", "الرمادي"), _event("Battles", "الرمادي"), _event("Battles", "الفلوجة")]}
    false, missed = classify(record, SCORER)
    assert sorted(c for c, _, _ in false) == ["duplicate", "wrong_type"]
    assert [(c, gi, ei) for c, gi, ei in missed] == [("type_mismatch", 1, 2)]


def test_a_gold_event_another_took_and_one_far_off_in_time():
    record = {"events": [_gold("a", "Battles", "الرمادي"), _gold("b", "Battles", "الرمادي"),
                         _gold("c", "Battles", "الفلوجة")],
              "system": [_event("Battles", "الرمادي"), _event("Battles", "الفلوجة", day="2015-06-01")]}
    false, missed = classify(record, SCORER)
    assert [c for c, _, _ in false] == ["wrong_date"]
    assert sorted(c for c, _, _ in missed) == ["date", "taken"]


def test_an_article_without_gold_gives_no_gold():
    false, missed = classify({"events": [], "system": [_event("Protests", "بغداد")]}, SCORER)
    assert false == [("no_gold", 0, None)] and missed == []
