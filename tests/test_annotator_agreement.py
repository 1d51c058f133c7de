"""scripts/annotator_agreement.py: a gold event turned into a system event must be matched back to it by the shared
scorer, with every field check passing, or the agreement figures would count the converter's losses as the
annotators' disagreements."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from annotator_agreement import (  # noqa: E402
    AGREEMENT,
    as_system,
    consensus,
    load_gold,
    load_pair,
    middle_day,
    score,
)
from eval_events import EVAL, load_scorer  # noqa: E402

GOLD = {
    "name": "IS attack on an army post near an invented village; 2 soldiers killed",
    "required": True,
    "event_type": "Battles",
    "sub_event_type": "Armed clash",
    "actor1_contains": ["Islamic State"],
    "actor2_contains_one_of": ["Iraq", "Army"],
    "country": "Iraq",
    "admin1_one_of": ["Anbar", "Al-Anbar"],
    "location_contains_one_of": ["Ramadi", "Al-Ramadi"],
    "point": [33.42, 43.3],
    "within_km": 25,
    "geo_precision": 2,
    "event_date_between": ["2015-07-20", "2015-07-24"],
    "time_precision": 2,
    "fatalities": 2,
    "injured": 3,
    "modality": "occurred",
    "background": False,
    "evidence_ar": "هاجم مسلحو التنظيم نقطة للجيش قرب قرية مختلقة",
}


def test_a_gold_event_comes_back_as_a_system_event_the_scorer_matches_with_every_field():
    scorer = load_scorer()
    ev = as_system(GOLD)
    assert ev["actor1"] == "Islamic State" and ev["actor2"] == "Iraq" and ev["admin1"] == "Anbar"
    assert ev["location"] == "Ramadi" and (ev["latitude"], ev["longitude"]) == (33.42, 43.3)
    assert ev["event_date"] == "2015-07-22"  # the middle of the five days
    assert "name" not in ev and "evidence_ar" not in ev and "required" not in ev
    assert scorer.match([GOLD], [ev]) == [(0, 0)]
    assert all(scorer.field_results(GOLD, ev).values())


def test_fields_the_annotator_left_out_stay_out_and_bounds_become_values():
    gold = {"event_type": "Explosions/Remote violence", "country": "Syria", "actor1_contains": ["Coalition", "US"],
            "event_date_between": ["2015-07-30", "2015-07-31"], "fatalities_at_least": 4}
    ev = as_system(gold)
    assert ev["actor1"] == "Coalition US" and ev["fatalities"] == 4
    assert "actor2" not in ev and "admin1" not in ev and "latitude" not in ev and "injured" not in ev
    assert middle_day(["2015-07-30", "2015-07-31"]) == "2015-07-30" == ev["event_date"]
    assert all(load_scorer().field_results(gold, ev).values())


def test_the_official_gold_agrees_with_itself_in_full():
    """Every event of train/ and dev/ converted and scored against its own gold: F1 1 and fields 1, so no check of
    the scorer is lost in conversion."""
    scorer = load_scorer()
    for name in ("train", "dev"):
        gold = load_gold(EVAL / name / "gold.jsonl")
        total, _, _ = score(gold, {k: [as_system(e) for e in v["events"]] for k, v in gold.items()}, scorer)
        s = total.summary()
        assert (s["fp"], s["fn"], s["F1"], s["fields"]) == (0, 0, 1.0, 1.0), (name, s)


def test_the_second_annotation_covers_the_drawn_articles_with_their_headers():
    a, b = load_pair()
    articles = [json.loads(line) for line in (AGREEMENT / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(articles) == len(b) == len(a) == 24
    for art in articles:
        row = b[art["gold_id"]]
        assert row["published"] == art["date_extracted"][:10] == a[art["gold_id"]]["published"]
        assert row["url"] == art["url"]


def test_the_draw_is_the_one_the_script_makes_from_seed_17():
    from draw_agreement_sample import draw, event_counts

    counts = event_counts(EVAL / "train" / "gold.jsonl")
    ids = draw(counts, 17, 18, 6)
    lines = (AGREEMENT / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert ids == [json.loads(line)["gold_id"] for line in lines]
    assert sum(counts[i] > 0 for i in ids) == 18 and sum(counts[i] == 0 for i in ids) == 6


def test_consensus_keeps_required_only_the_events_both_annotators_coded():
    other_place = {**GOLD, "name": "a second attack elsewhere", "location_contains_one_of": ["Hit"],
                   "admin1_one_of": ["Diyala"], "point": [34.0, 45.0], "actor1_contains": ["Unidentified"],
                   "actor2_contains_one_of": ["Civilians"]}
    b_only = {**GOLD, "name": "an arrest only B coded", "event_type": "Strategic developments", "sub_event_type": "Arrests"}
    a = {"x": {"gold_id": "x", "events": [GOLD, other_place]}}
    b = {"x": {"gold_id": "x", "events": [{**GOLD, "name": "B's reading of the same attack"}, b_only]}}
    events = consensus(a, b, load_scorer())["x"]["events"]
    assert [(e["name"], e["required"]) for e in events] == [
        (GOLD["name"], True), ("a second attack elsewhere", False), ("an arrest only B coded", False)]
