"""Recalled acts (background): a dated act beside a since-phrase, a place held since a date, a part of a year.

Each sentence is written for the test in the style of the corpus (none is from an annotated set)."""

from __future__ import annotations

from datetime import date

from rasd.model import Article
from rasd.pipeline import process
from rasd.text.dates import find_time_expressions

PUB = date(2015, 8, 4)


def events(kb, text: str, published: date = PUB):
    return process(Article(text=text, published=published), kb, decide="rules").events


def test_a_part_of_a_year_is_those_months():
    def one(text):
        found = find_time_expressions(text, PUB)
        return [(x.date_start, x.date_end, x.precision) for x in found]
    assert one("في أواخر عام 2013") == [(date(2013, 10, 1), date(2013, 12, 31), 3)]
    assert one("منذ بداية العام الماضي") == [(date(2014, 1, 1), date(2014, 3, 31), 3)]
    assert one("منتصف عام 2014") == [(date(2014, 4, 1), date(2014, 9, 30), 3)]
    assert one("حتى مطلع العام 2017") == []  # a time still to come


def test_a_season_is_its_months():
    def one(text):
        return [(x.date_start, x.date_end, x.precision) for x in find_time_expressions(text, PUB)]
    assert one("خلال الصيف الماضي") == [(date(2014, 6, 1), date(2014, 8, 31), 3)]  # this summer is not over
    assert one("في صيف عام 2012") == [(date(2012, 6, 1), date(2012, 8, 31), 3)]
    assert one("الشتاء الماضي") == [(date(2014, 12, 1), date(2015, 2, 28), 3)]
    assert one("الربيع العربي") == [] and one("في خريف 2015") == []


def test_an_act_of_last_summer_is_recalled_not_news(kb):
    evs = events(kb, "وسيطر مسلحو التنظيم على مدينة سنجار خلال الصيف الماضي.")
    assert [(e.event_type, e.event_date.year, e.time_precision) for e in evs] == [("Battles", 2014, 3)]
