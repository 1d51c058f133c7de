"""Fire across a border: "مقذوف" is a shell, the place it came from is not where it struck, and a firework is no shell
(sentences written for the tests, none from the gold sets)."""

from __future__ import annotations

from datetime import date

from rasd.model import Article
from rasd.pipeline import process

PUB = date(2015, 8, 20)


def events(kb, text: str):
    return process(Article(text=text, published=PUB), kb, decide="rules").events


def test_a_projectile_is_a_shelling_placed_where_it_fell(kb):
    evs = events(kb, "أصيب ثلاثة مقيمين مساء أمس بسقوط مقذوفات من داخل الأراضي اليمنية على سوق شعبي في محافظة "
                     "الطوال بمنطقة جازان.")
    assert [(e.event_type, e.sub_event_type, e.country, e.location, e.injured) for e in evs] == [
        ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Saudi Arabia", "Al-Tuwal", 3)]


def test_where_the_fire_was_launched_from_is_never_the_place(kb):
    # The clause names only where the shells came from: the act takes the place the report established before.
    for origin in ("من داخل الأراضي اليمنية", "قادمة من اليمن", "من اليمن"):
        evs = events(kb, "باشر الدفاع المدني في مدينة نجران بلاغا مساء أمس. وتبين سقوط قذائف عسكرية "
                         f"{origin} على منزل، مما أدى إلى إصابة طفلين.")
        assert [(e.event_type, e.country) for e in evs] == [("Explosions/Remote violence", "Saudi Arabia")], origin


def test_a_firework_is_no_shell(kb):
    assert events(kb, "وأشعل مشجعون مقذوفات نارية في مدرجات الملعب في جدة خلال المباراة مساء أمس.") == []
    assert events(kb, "وأطلقت أمانة جدة عشرة آلاف مقذوف من الألعاب النارية احتفالا بالعيد مساء أمس.") == []


def test_where_the_attackers_came_from_is_not_the_place(kb):
    # "القادمون من مدينة الرقة": the fighters' home town, not the place they struck (the village after it).
    for came in ("قادمون", "القادمون", "الوافدون"):
        evs = events(kb, f"هاجم المسلحون {came} من مدينة الرقة أمس حاجزا للجيش في بلدة عين عيسى.")
        assert [(e.country, e.location) for e in evs] == [("Syria", "Ayn Isa")], came
