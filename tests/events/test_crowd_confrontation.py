"""A crowd's violent confrontation told again by its violence (rasd.events.merge._crowd_confrontation, list
crowd_confrontations of rules/merge.yaml): a riot in one sentence and the forces' fire on the same crowd at the same
named place and day in another are one event (ACLED: same place and day), which takes the toll the second report
tells; a report the text calls a separate incident, or one at another place, stays its own. Sentences written for
the tests (none from an eval set), rules deciding, the learned pair model off."""

from __future__ import annotations

from datetime import date

from rasd.events import pair_model
from rasd.model import Article
from rasd.pipeline import process

PUB = date(2015, 7, 27)
RIOT = "رشق شبان فلسطينيون أمس جنود الاحتلال الإسرائيلي بالحجارة في مدينة الخليل."


def events(kb, text: str):
    with pair_model.use_model(None):
        return process(Article(text=text, published=PUB), kb, decide="rules").events


def test_the_forces_fire_on_the_rioters_is_the_riot(kb):
    evs = events(kb, RIOT + " وأطلقت قوات الاحتلال الرصاص الحي على الشبان في مدينة الخليل مما أدى إلى إصابة ثلاثة منهم.")
    assert [(e.sub_event_type, e.location) for e in evs] == [("Violent demonstration", "Hebron")]
    assert evs[0].injured == 3 and "ثلاثة" in evs[0].evidence["injured"].text


def test_a_separate_incident_stays_its_own(kb):
    evs = events(kb, RIOT + " وفي حادث منفصل أطلقت قوات الاحتلال الرصاص الحي على شبان في مدينة الخليل مما أدى إلى "
                            "إصابة ثلاثة منهم.")
    assert len(evs) == 2


def test_fire_at_another_town_stays_its_own(kb):
    evs = events(kb, RIOT + " وأطلقت قوات الاحتلال الرصاص الحي على شبان في مدينة نابلس مما أدى إلى إصابة ثلاثة منهم.")
    assert sorted(e.location for e in evs) == ["Hebron", "Nablus"]
