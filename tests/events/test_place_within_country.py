"""A clause that places an act only in a country ("في سوريا") takes the town of that country the same sentence names
as a place after the act word ("بينما كان يتنقل قرب بلدة X"): the town says where in the country the act was. A
capital named for its government, a speaker or another country's town does not (sentences written for the tests,
none from the gold sets)."""

from __future__ import annotations

from datetime import date

from rasd.model import Article
from rasd.pipeline import process

PUB = date(2015, 7, 27)


def placed(kb, text: str) -> list[tuple[str | None, str | None, int | None]]:
    """(country, location, geo_precision) of every event of `text`, rules deciding."""
    return [(e.country, e.location, e.geo_precision)
            for e in process(Article(text=text, published=PUB), kb, decide="rules").events]


def test_a_town_of_the_clauses_country_later_in_the_sentence_places_the_act(kb):
    text = "وقتل قيادي في تنظيم القاعدة في غارة جوية أمريكية في سوريا بينما كان يتنقل بسيارته قرب بلدة سرمدا أمس."
    assert placed(kb, text) == [("Syria", "Sarmada", 2)]


def test_a_town_in_another_acts_clause_before_its_act_word_still_places_it(kb):
    # The second clause tells another act (the attacks he was told of); the town comes before its act word.
    text = ("وقتل قيادي في غارة جوية أمريكية في سوريا بينما كان يتنقل قرب بلدة سرمدا أمس، وكان ممن أبلغوا مسبقا "
            "بهجمات عام 2001.")
    assert ("Syria", "Sarmada", 2) in placed(kb, text)


def test_a_town_where_another_act_happened_does_not_place_the_act(kb):
    text = "وقتل قيادي في غارة جوية أمريكية في سوريا أمس، بينما قتل خمسة مدنيين في قصف على مدينة حلب."
    assert ("Syria", "Syria", 3) in placed(kb, text)


def test_a_capital_named_for_its_government_does_not_place_the_act(kb):
    # "بين واشنطن وأنقرة": governments, not places (no place word before them).
    text = ("وقال إن تركيا غيرت موقفها بعد التفجير الذي نفذه التنظيم في تركيا وقتل فيه ثلاثة جنود، وكانت هناك "
            "اتصالات نشطة بين واشنطن وأنقرة.")
    assert all(loc != "Ankara" for _, loc, _ in placed(kb, text))


def test_a_town_fronted_in_the_next_clause_is_the_next_acts_place(kb):
    text = "وقتل قيادي في غارة جوية أمريكية في سوريا أمس، وفي مدينة حلب قصف الطيران الحربي أحياء المدينة."
    assert ("Syria", "Syria", 3) in placed(kb, text)
