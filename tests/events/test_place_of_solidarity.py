"""The place an act is in solidarity with ("تضامنا مع غزة", "نصرة لأهلنا في X") is what the act is for, not where it
happened: only a last resort after every other place of the clause (rule cause_place). "جبهة النصرة" is a group's
name, not the word of support (sentences written for the tests, none from the gold sets)."""

from __future__ import annotations

from datetime import date

from rasd.model import Article
from rasd.pipeline import process

PUB = date(2015, 7, 27)


def placed(kb, text: str) -> list[tuple[str | None, str | None]]:
    """(country, location) of every event of `text`, rules deciding."""
    return [(e.country, e.location)
            for e in process(Article(text=text, published=PUB), kb, decide="rules").events]


def test_a_protest_abroad_in_solidarity_with_a_town_is_where_it_gathered(kb):
    assert placed(kb, "خرجت أمس مظاهرة حاشدة في لندن تضامنا مع غزة.") == [("United Kingdom", "London")]


def test_a_bombing_of_a_gathering_for_another_town_is_where_it_struck(kb):
    text = ("فجر انتحاري نفسه أمس في تجمع لطلاب كانوا يتجمعون بمركز ثقافي في مدينة سوروتش بهدف التضامن مع مدينة "
            "كوباني، ما أدى إلى مقتل 30 شخصا.")
    assert placed(kb, text) == [("Turkey", "Suruc")]


def test_the_group_named_for_support_is_no_word_of_support(kb):
    # "مواقع لجبهة النصرة في ريف إدلب": the group's positions are in the countryside it names.
    text = "قصفت طائرات التحالف أمس مواقع لجبهة النصرة في مدينة إدلب."
    assert placed(kb, text) == [("Syria", "Idlib")]
