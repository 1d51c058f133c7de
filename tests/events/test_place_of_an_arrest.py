"""The place of an arrest is the arresting state's (rule arresting_state in rasd/kb/data/rules/locate.yaml): a state's
police, security services or government arrest at home, so a country the clause names for the detainees (where they
fought, trained or were wanted) is not the arrest's place; an army abroad, a side that welcomes the arrest and a town
of the arresting state keep the place the clause names (sentences written for these tests, none from the eval sets or
the judged draws)."""

from __future__ import annotations

from datetime import date

from rasd.model import Article
from rasd.pipeline import process

PUB = date(2015, 8, 8)


def arrests(kb, text: str):
    evs = process(Article(text=text, published=PUB), kb, decide="rules").events
    return [e for e in evs if e.sub_event_type == "Arrests"]


def test_the_detainees_country_is_not_where_the_police_took_them(kb):
    evs = arrests(kb, "اعتقلت الشرطة الإسبانية أمس خمسة أشخاص يشتبه في أنهم قاتلوا مع تنظيم داعش في سوريا.")
    assert [e.country for e in evs] == ["Spain"]
    assert "arrest" in evs[0].missing["country"]


def test_security_services_arrest_at_home_men_trained_abroad(kb):
    evs = arrests(kb, "وألقت الأجهزة الأمنية الأردنية أمس القبض على ثلاثة شبان من عناصر تنظيم داعش اعترفوا بأنهم تدربوا في العراق.")
    assert [e.country for e in evs] == ["Jordan"]


def test_an_army_abroad_and_a_town_at_home_keep_the_place_named(kb):
    evs = arrests(kb, "واعتقلت القوات الأمريكية أمس أربعة من عناصر داعش في شرق سوريا.")
    assert [e.country for e in evs] == ["Syria"]
    evs = arrests(kb, "واعتقلت الشرطة التركية أمس 15 شخصا يشتبه في انتمائهم لتنظيم داعش في مدينة اسطنبول.")
    assert [(e.country, e.location) for e in evs] == [("Turkey", "Istanbul")]


def test_a_state_that_welcomes_the_arrest_is_not_its_place(kb):
    evs = arrests(kb, "رحبت الحكومة الفرنسية أمس باعتقال خمسة مسلحين في مدينة لاهور الباكستانية.")
    assert {e.country for e in evs} <= {"Pakistan"}


def test_an_interior_ministry_named_by_its_country_arrests_at_home(kb):
    for text, country in (("أعلنت وزارة الداخلية السعودية أمس القبض على 12 شخصا ينتمون لخلية مرتبطة بتنظيم داعش في سوريا.",
                           "Saudi Arabia"),
                          ("أوقف الأمن التونسي أمس 18 شخصا يشتبه في انتمائهم لتنظيمات إرهابية في ليبيا.", "Tunisia")):
        assert [e.country for e in arrests(kb, text)] == [country], text
