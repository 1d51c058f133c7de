"""Which of a sentence's places is the act's own when the others only describe it, and how precise it is: a town
said to lie in a direction from a city far away ("X التي تقع شرقي Y"), a town or village named in a town's
countryside ("مدينة منبج بريف حلب"), the seat of an official who speaks, a town that stands for an area the clause
names (sentences written for the tests, none from the gold sets)."""

from __future__ import annotations

from datetime import date

from rasd.model import Article
from rasd.pipeline import process

PUB = date(2015, 7, 27)


def placed(kb, text: str) -> list[tuple[str | None, int | None]]:
    """(location, geo_precision) of every event of `text`, rules deciding."""
    return [(e.location, e.geo_precision) for e in process(Article(text=text, published=PUB), kb, decide="rules").events]


def test_a_town_said_to_lie_east_of_a_far_city_is_that_town(kb):
    # Ismailia lies 120 km north-east of Cairo: the phrase places that Ismailia, not a namesake by Cairo.
    text = "وقتل شرطيان أمس في هجوم مسلح على كمين أمني بمدينة الإسماعيلية التي تقع شمال شرقي القاهرة."
    assert placed(kb, text) == [("Ismailia", 1)]


def test_a_town_said_to_lie_the_other_way_from_the_city_is_still_read_by_the_city(kb):
    # Al-Qaim's Husaybah lies far west of Ramadi: "east of Ramadi" does not fit it, so the act stays by Ramadi.
    text = "وقتل خمسة من عناصر التنظيم أمس في اشتباكات بمنطقة حصيبة شرقي الرمادي."
    assert [loc for loc, _ in placed(kb, text)] == ["Ramadi"]


def test_a_village_named_in_a_towns_countryside_is_the_place(kb):
    text = "أما في ريف حماة الشمالي، فقد اندلعت اشتباكات أمس بين فصائل المعارضة وقوات النظام على أطراف بلدة كفرزيتا."
    assert placed(kb, text) == [("Kafr Zayta", 2)]


def test_a_town_placed_in_a_countryside_after_it_is_the_town(kb):
    text = "وتعرضت مدينة منبج بريف حلب أمس لغارات جوية عنيفة من قبل طيران النظام."
    assert placed(kb, text) == [("Manbij", 1)]


def test_where_an_official_who_speaks_sits_is_a_last_resort(kb):
    text = ("وقال أحمد علي، المتحدث باسم مجلس عشائر المنطقة الغربية في مدينة الموصل، لوكالة محلية: «فجر انتحاري نفسه "
            "أمس وسط تجمع لعناصر التنظيم في قضاء تلعفر، ما أدى إلى مقتل عشرين منهم».")
    assert [loc for loc, _ in placed(kb, text)] == ["Telafar"]


def test_a_town_named_before_an_area_the_gazetteer_lacks_stands_for_that_area(kb):
    # The heading's town is not where the act was: the valley south of the province is, coded to the town as
    # the general area it stands for (ACLED 2), not as the town itself (1).
    text = "كركوك | هجوم لمسلحين على نقطة للشرطة في وادي العناز جنوب المحافظة أمس يوقع قتيلين من الشرطة."
    assert placed(kb, text) == [("Kirkuk", 2)]


def test_an_unsafe_name_between_two_towns_of_one_list_is_a_town_of_the_list(kb):
    # "حديثة" (Haditha, also "modern") is matched alone only after a designator; between two towns of one "و" list
    # it is a town too, so the list of three is three events (locate.split_listed_places).
    evs = process(Article(text="وشنت الطائرات غارات أمس بالقرب من الفلوجة وحديثة والرمادي.", published=PUB), kb,
                  decide="rules").events
    assert sorted(e.location for e in evs) == ["Al Fallujah", "Hadithah", "Ramadi"]
    # A word between two places that no list joins stays a word.
    assert [m.span.text for m in process(Article(text="وقال عنه مسؤول في بغداد إن انفجارا وقع أمس في الموصل.",
                                                 published=PUB), kb).mentions if m.kind == "place"] == [
        "بغداد", "الموصل"]
