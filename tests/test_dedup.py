"""Cross-article dedup rules (rasd.dedup): what matches, what does not, and how merged fields are reconciled."""

from __future__ import annotations

from datetime import date

import pytest

from rasd.dedup import (
    ReportInfo,
    allowed_weakness,
    compare,
    content_terms,
    family,
    family_types,
    reconcile,
    revises_figure,
    text_similarity,
)

RAMADI = (33.42, 43.30)
FALLUJAH = (33.35, 43.78)  # ~45 km east of Ramadi


def report(**kw) -> dict:
    base = dict(event_id="r", event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED",
                event_date="2015-07-20", time_precision=1, actor1="Islamic State",
                actor2="Military Forces of Iraq (2014-2018)", country="Iraq", iso3="IRQ", admin1="Al-Anbar",
                location="Ramadi", latitude=RAMADI[0], longitude=RAMADI[1], geo_precision=1, modality="occurred",
                fatalities=3, injured=None, weapon="IED", confidence=0.6, evidence={}, missing={},
                article_ids=[], urls=[], sources=[])
    base.update(kw)
    return base


def test_same_event_in_other_words_matches():
    m = compare(report(), report(actor2="Military Forces of Iraq (2018-)", fatalities=5))
    assert m.ok and m.reasons["date"] == "same day" and "shared actors" in m.reasons["actors"]


@pytest.mark.parametrize("other, why", [
    ({"event_date": "2015-07-21"}, "date"),                                  # ACLED: atomic per day
    ({"latitude": FALLUJAH[0], "longitude": FALLUJAH[1], "location": "Fallujah"}, "place"),
    ({"actor1": "PKK: Kurdistan Workers Party", "actor2": "Military Forces of Turkey"}, "actors"),
    ({"event_type": "Protests", "sub_event_type": "Peaceful protest"}, "type"),
    ({"modality": "planned"}, "modality"),
    ({"iso3": "SYR", "country": "Syria"}, "place"),
])
def test_different_events_do_not_match(other, why):
    m = compare(report(**other), report())
    assert not m.ok and why in m.reasons


def test_type_family_and_generic_actors():
    assert family("Battles", "Armed clash") == family("Violence against civilians", "Attack") == "armed"
    assert family("Strategic developments", "Arrests") != family("Strategic developments", "Agreement")
    assert set(family_types("Battles")) == {"Battles", "Explosions/Remote violence", "Violence against civilians"}
    # An unidentified group is not a conflicting actor: a later report may name the perpetrator.
    m = compare(report(actor1="Unidentified Armed Group (Iraq)"), report())
    assert m.ok


def test_vagueness_adds_up():
    """A week-precise date is tolerated; with a different sub-type too and no wording evidence, it is not."""
    week = report(event_date="2015-07-21", time_precision=2)
    assert compare(week, report()).ok
    vague = report(event_date="2015-07-21", time_precision=2, event_type="Battles", sub_event_type="Armed clash")
    assert not compare(vague, report()).ok
    assert compare(vague, report(), similarity=0.6).ok  # the same agency text in two outlets
    assert allowed_weakness(None) == 1.0 and allowed_weakness(0.0) < allowed_weakness(0.3) < allowed_weakness(0.9)


def test_country_only_places_never_merge():
    vague = dict(admin1=None, location="Iraq", latitude=None, longitude=None, geo_precision=3)
    assert not compare(report(**vague), report(**vague)).ok


def test_distance_limit_grows_with_geo_precision():
    near_fallujah = dict(latitude=FALLUJAH[0], longitude=FALLUJAH[1], location="Fallujah")
    assert not compare(report(**near_fallujah), report()).ok  # two towns 45 km apart
    province = report(**near_fallujah, geo_precision=3)  # only "in Anbar", coded at a point
    m = compare(province, report(), similarity=0.6)
    assert m.ok and "km apart" in m.reasons["place"]


def info(data: dict, n: int, published: date, revises: bool = False, outlet: str = "o") -> ReportInfo:
    return ReportInfo(data=data, article_id=f"a{n}", published=published, outlet=f"{outlet}{n}",
                      url=f"http://x/{n}", revises=revises)


def ev_span(start: int = 0, end: int = 4) -> dict:
    return {"start": start, "end": end, "text": "x" * (end - start)}


def test_reconcile_takes_the_most_precise_place_and_date_and_the_lowest_toll():
    a = report(event_date="2015-07-20", time_precision=2, geo_precision=2, location="near Ramadi", fatalities=7,
               evidence={"fatalities": ev_span(), "location": ev_span(5, 9)})
    b = report(time_precision=1, geo_precision=1, location="Ramadi", fatalities=5, admin2="Ramadi",
               evidence={"fatalities": ev_span(), "event_date": ev_span(1, 3)})
    merged, prov = reconcile("E", [info(a, 1, date(2015, 7, 21)), info(b, 2, date(2015, 7, 21))])
    assert merged["event_id"] == "E" and merged["time_precision"] == 1 and merged["location"] == "Ramadi"
    assert merged["fatalities"] == 5 and prov["fatalities"]["article_id"] == "a2"
    assert "lowest" in prov["fatalities"]["rule"] and prov["place"]["article_id"] == "a2"
    assert merged["article_ids"] == ["a1", "a2"] and merged["sources"] == ["o1", "o2"]
    assert merged["evidence"]["fatalities"]["article_id"] == "a2"  # each span says which article it points into
    assert "Merged from 2 reports (2 outlets)" in merged["notes"]


def test_a_later_revision_overrides_the_lowest_figure():
    first = report(fatalities=5, evidence={"fatalities": ev_span()})
    later = report(fatalities=12, evidence={"fatalities": ev_span()})
    merged, prov = reconcile("E", [info(first, 1, date(2015, 7, 20)), info(later, 2, date(2015, 7, 22), True)])
    assert merged["fatalities"] == 12 and "revised" in prov["fatalities"]["rule"]
    # Without the revision cue the lowest figure stands, whatever the order.
    merged, _ = reconcile("E", [info(later, 2, date(2015, 7, 22)), info(first, 1, date(2015, 7, 20))])
    assert merged["fatalities"] == 5


def test_reconcile_type_by_majority_then_acled_precedence():
    clash = report(event_type="Battles", sub_event_type="Armed clash")
    ied = report()
    merged, _ = reconcile("E", [info(ied, 1, None), info(clash, 2, None), info(clash, 3, None)])
    assert merged["sub_event_type"] == "Armed clash"
    merged, _ = reconcile("E", [info(ied, 1, None), info(clash, 2, None)])
    assert merged["event_type"] == "Battles"  # a tie goes to the higher type in ACLED's hierarchy


def test_single_report_is_unchanged():
    data = report(notes="As extracted.", missing={"injured": "no figure reported"})
    merged, _ = reconcile("r", [info(data, 1, None)])
    assert merged["notes"] == "As extracted." and merged["missing"] == {"injured": "no figure reported"}
    assert merged["confidence"] == data["confidence"]


def test_revision_cue_and_wording_overlap():
    text = "قال مصدر إن حصيلة القتلى ارتفعت إلى 12 قتيلا في الرمادي"
    start = text.index("12 قتيلا")
    ev = {"evidence": {"fatalities": {"start": start, "end": start + 8, "text": "12 قتيلا"},
                       "event_type": {"start": start + 3, "end": start + 8, "text": "قتيلا"}}}
    assert revises_figure(text, ev)
    assert not revises_figure("قتل 12 شخصا في الرمادي", {"evidence": {"fatalities": {"start": 0, "end": 6}}})
    terms = content_terms(text, ev)
    assert "رمادي" in terms and text_similarity(terms, terms) == 1.0
    assert text_similarity(terms, ["اخر"]) == 0.0 and text_similarity([], terms) is None
