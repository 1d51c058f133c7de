"""Session-2 extraction rules, each on a sentence written for the test in the style of the corpus (none is from the
gold sets): counted victims, the sides of "اشتباكات بين X و Y", trends and intentions that are no events."""

from __future__ import annotations

from datetime import date

import pytest

from rasd.kb import load_kb
from rasd.model import Article
from rasd.pipeline import process

PUB = date(2015, 7, 27)  # a Monday


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def events(kb, text: str, published: date = PUB):
    return process(Article(text=text, published=published), kb).events


def test_counted_victims_are_not_a_side_of_the_clash(kb):
    evs = events(kb, "وقتل خمسة أشخاص في اشتباكات بين قوات الأمن والمقاتلين الأكراد في إقليم ماردين أمس.")
    assert len(evs) == 1
    ev = evs[0]
    assert ev.sub_event_type == "Armed clash"
    assert ev.actor1 == "Military Forces of Turkey"
    assert ev.actor2 == "Kurdish Ethnic Militia"
    assert ev.fatalities == 5


def test_an_announced_escalation_is_no_event(kb):
    assert events(kb, "وقال متحدث باسم الحزب أمس إنه سيصعد هجماته ضد الجيش في إقليم هكاري.") == []
    assert events(kb, "وتعتزم الحكومة شن غارات على مواقع المسلحين في محافظة صعدة.") == []


def test_a_tally_over_a_period_is_no_event(kb):
    assert events(kb, "وقتل 30 جنديا في هجمات للمسلحين خلال الشهر الماضي في محافظة ديالى.") == []
    assert events(kb, "وتصاعدت الهجمات على قوات الأمن منذ منتصف يونيو في إقليم ديار بكر.") == []
    # One attack in the same frame is still an event.
    assert len(events(kb, "وقتل جنديان في هجوم على نقطة تفتيش في بعقوبة أمس.")) == 1


def test_a_ceasefire_is_not_a_shooting(kb):
    assert events(kb, "واتهم الحزب الجيش أمس بانتهاك وقف لإطلاق النار في مدينة القامشلي.") == []


def test_a_demonstrative_points_back_to_the_act_already_told(kb):
    text = ("شنت طائرات التحالف أمس غارات جوية على مواقع لتنظيم داعش قرب مدينة الرمادي. "
            "وقال المتحدث إن هذا القصف الجوي الكثيف أضعف قدرات التنظيم.")
    evs = events(kb, text)
    assert len(evs) == 1 and evs[0].sub_event_type == "Air/drone strike"
    assert events(kb, "وقالت الحركة أمس إن هذا القصف الجوي على مدينة سراقب لن يكسر إرادتها.") == []


def test_fighter_jets_as_the_doer_make_it_an_air_strike(kb):
    ev = events(kb, "وقصفت المقاتلات التركية أمس مواقع لتنظيم داعش في ريف حلب الشمالي.")[0]
    assert ev.sub_event_type == "Air/drone strike"
    assert ev.actor1 == "Military Forces of Turkey"
