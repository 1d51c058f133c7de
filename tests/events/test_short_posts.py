"""Short news posts (Telegram-style and wire briefs, issue 14): the mechanisms found by the posts_2026 dev half,
each tested on a sentence written for the test (not from any eval set), with the rules deciding."""

from __future__ import annotations

from datetime import date

from rasd.model import Article
from rasd.pipeline import process

PUB = date(2026, 5, 20)


def events(kb, text: str):
    return process(Article(text=text, published=PUB), kb, decide="rules").events


def test_a_raid_that_arrests_is_an_arrest_not_a_territory_change(kb):
    evs = events(kb, "اقتحمت قوة من الجيش العراقي حي الصناعة في الموصل أمس واعتقلت أربعة مطلوبين.")
    assert [e.sub_event_type for e in evs] == ["Arrests"]


def test_a_claimed_attack_after_a_car_bomb_stays_the_bombing(kb):
    evs = events(kb, "قتل 4 أشخاص بانفجار سيارة مفخخة قرب سوق شعبي في مدينة كركوك أمس، وتبنى تنظيم داعش الهجوم.")
    assert [e.event_type for e in evs] == ["Explosions/Remote violence"]
