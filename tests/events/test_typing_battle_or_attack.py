"""The type of an act of armed violence: a strike that backs a force on the ground is that force's battle.
Sentences written for these tests in the corpus's style; none is from an annotated set or a judged draw."""

from __future__ import annotations

from datetime import date

from rasd.model import Article
from rasd.pipeline import process

PUB = date(2015, 7, 27)


def types(kb, text: str) -> list[tuple[str, str]]:
    return [(e.event_type, e.sub_event_type) for e in process(Article(text=text, published=PUB), kb,
                                                              decide="rules").events]


def test_strikes_that_back_a_ground_force_are_its_battle(kb):
    # (rule strike_support; ACLED: an air strike during a ground battle is one Battles event)
    assert types(kb, "وتمكنت قوات البيشمركة أمس من طرد مسلحي داعش من قرية تل الريم بمساعدة الضربات الجوية "
                     "للتحالف الدولي.") == [("Battles", "Armed clash")]
    assert types(kb, "وتقدم مقاتلو العشائر تدعمهم غارات جوية للتحالف نحو بلدة الكرمة أمس.") == [
        ("Battles", "Armed clash")]
    # strikes of their own stay strikes
    assert types(kb, "شنت طائرات التحالف الدولي غارات على مواقع لتنظيم داعش في بلدة الكرمة أمس.") == [
        ("Explosions/Remote violence", "Air/drone strike")]


def test_a_backed_advance_on_a_district_is_no_attack_on_its_people(kb):
    assert types(kb, "وقال سكان إن مقاتلين موالين للحكومة تدعمهم الضربات الجوية يتقدمون أمس نحو الأحياء الشرقية "
                     "من مدينة تعز.") == [("Battles", "Armed clash")]
