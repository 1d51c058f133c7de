"""An act told once as news and once recalled, each dated by its own words to the same day
(rasd.events.merge._recalled_on_its_day): "بتفجير سوق الخضار في مدينة بعقوبة في 20 يوليو" and, later, "وكانت مدينة
بعقوبة قد شهدت في 20 من الشهر الحالي هجوما انتحاريا على سوق الخضار" are one bombing (the explicit common day joins
an older act's recall to the report of that kind of act, a generic word to the kind it covers); at another named
town of the province, or on another day, the recall stays apart. Sentences written for the tests (none from an eval
set), rules deciding, the learned pair model off."""

from __future__ import annotations

from datetime import date

from rasd.events import pair_model
from rasd.model import Article
from rasd.pipeline import process

PUB = date(2015, 7, 27)
NEWS = ("أعلنت السلطات العراقية أمس اعتقال خلية إرهابية في بغداد. وقالت وزارة الداخلية إن الخلية لا علاقة لها بتفجير"
        " سوق الخضار في مدينة بعقوبة في 20 يوليو الحالي، والذي أدى لمقتل 15 شخصا. وأضافت الوزارة أن التحقيقات"
        " مستمرة.")


def events(kb, text: str):
    with pair_model.use_model(None):
        return process(Article(text=text, published=PUB), kb, decide="rules").events


def bombings(kb, recall: str):
    return [e for e in events(kb, NEWS + " " + recall) if e.event_type == "Explosions/Remote violence"]


def test_the_recall_on_the_same_day_at_the_same_town_is_the_bombing(kb):
    evs = bombings(kb, "وكانت مدينة بعقوبة قد شهدت في 20 من الشهر الحالي هجوما انتحاريا على سوق الخضار.")
    assert [(e.location, str(e.event_date), e.fatalities) for e in evs] == [("Baqubah", "2015-07-20", 15)]


def test_a_recall_at_another_town_of_the_province_stays_apart(kb):
    evs = bombings(kb, "وكانت مدينة المقدادية قد شهدت في 20 من الشهر الحالي هجوما انتحاريا على سوق الخضار.")
    assert sorted(e.location for e in evs) == ["Al Miqdadiyah", "Baqubah"]


def test_a_recall_of_another_day_stays_apart(kb):
    evs = bombings(kb, "وكانت مدينة بعقوبة قد شهدت في 12 من الشهر الحالي هجوما انتحاريا على سوق الخضار.")
    assert sorted(str(e.event_date) for e in evs) == ["2015-07-12", "2015-07-20"]
