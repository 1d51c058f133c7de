"""The event type and sides read from the words of an act (rasd.events.arguments, rasd.events.build typing): sentences
written for the tests (none from an eval set), rules deciding, the learned pair model off."""

from __future__ import annotations

from datetime import date

from rasd.events import pair_model
from rasd.model import Article
from rasd.pipeline import process

PUB = date(2015, 7, 27)


def events(kb, text: str):
    with pair_model.use_model(None):
        return process(Article(text=text, published=PUB), kb, decide="rules").events


def test_a_nationality_after_between_is_a_side_not_the_doer(kb):
    # rule nationality_off_trigger: "بين الفلسطينيين" names people, one side of the confrontation, not Palestine's
    # forces on the trigger ("غارات تركية")
    evs = events(kb, "وقعت مواجهات بين الفلسطينيين وقوات الاحتلال في مدينة الخليل أمس أسفرت عن إصابة الفتى محمد.")
    assert [(e.event_type, e.actor1, e.actor2) for e in evs] == [
        ("Riots", "Rioters (Palestine)", "Military Forces of Israel")]


def test_a_nationality_on_the_trigger_still_names_the_doer(kb):
    evs = events(kb, "قتل خمسة مسلحين في غارات تركية على مواقع التنظيم قرب مدينة الموصل أمس.")
    assert [(e.event_type, e.actor1) for e in evs] == [("Explosions/Remote violence", "Military Forces of Turkey")]


def test_military_operations_told_as_a_campaign_report_no_event(kb):
    # trigger military_operation is weak: "العمليات العسكرية التي تنفذها القوات" names a campaign, no act
    assert events(kb, "وقال الوزير إن العمليات العسكرية التي تنفذها القوات في محافظة الأنبار مستمرة حتى تحرير كل "
                      "المناطق.") == []


def test_a_military_operation_with_its_casualties_is_a_battle(kb):
    evs = events(kb, "وأطلق الجيش عملية عسكرية في ريف حلب أمس أسفرت عن مقتل عشرة مسلحين.")
    assert [(e.event_type, e.fatalities) for e in evs] == [("Battles", 10)]
