"""Session-2 extraction rules, each on a sentence written for the test in the style of the corpus (none is from the
gold sets): counted victims, the sides of "اشتباكات بين X و Y", trends and intentions that are no events."""

from __future__ import annotations

from datetime import date

import pytest

from rasd.kb import load_kb
from rasd.model import Article
from rasd.pipeline import process

PUB = date(2015, 7, 27)  # a Monday


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def events(kb, text: str, published: date = PUB):
    return process(Article(text=text, published=published), kb).events


def test_counted_victims_are_not_a_side_of_the_clash(kb):
    evs = events(kb, "وقتل خمسة أشخاص في اشتباكات بين قوات الأمن والمقاتلين الأكراد في إقليم ماردين أمس.")
    assert len(evs) == 1
    ev = evs[0]
    assert ev.sub_event_type == "Armed clash"
    assert ev.actor1 == "Military Forces of Turkey"
    assert ev.actor2 == "Kurdish Ethnic Militia"
    assert ev.fatalities == 5
