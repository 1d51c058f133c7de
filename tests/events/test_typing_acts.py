"""Typing the assembled act (issue 14, Build item 2), each rule on a sentence written for the test in the style of
the corpus (none is from the gold sets), with the rules deciding."""

from __future__ import annotations

from datetime import date

from rasd.model import Article
from rasd.pipeline import process

PUB = date(2015, 7, 27)  # a Monday


def events(kb, text: str, published: date = PUB):
    return process(Article(text=text, published=published), kb, decide="rules").events


def test_a_fight_named_as_a_purpose_does_not_type_the_act(kb):
    # "لمواجهة داعش" is what the campaign is for; the act the clause reports is the air strike.
    evs = events(kb, "دخلت تركيا الحملة العسكرية لمواجهة تنظيم داعش بشن أولى غاراتها الجوية على مواقع له في ريف "
                     "حلب أمس.")
    assert [e.sub_event_type for e in evs] == ["Air/drone strike"]
    assert events(kb, "أرسل الحزب مئات المقاتلين لقتال المعارضة في مدينة الزبداني أمس.") == []
