"""Who did it and to whom (issue 14): actor roles read from the sentence's grammar and the article, one mechanism
per test (sentences written for the tests, none from the gold sets; the rules decide)."""

from __future__ import annotations

from datetime import date

from rasd.model import Article
from rasd.pipeline import process

PUB = date(2015, 7, 27)  # a Monday


def events(kb, text: str, published: date = PUB):
    return process(Article(text=text, published=published), kb, decide="rules").events


def test_an_attack_noun_then_lam_names_whose_attack_it_was(kb):
    # rule possessive_doer: "غارات للتحالف" are the coalition's strikes, whatever follows.
    ev = events(kb, "قتل ثلاثة مدنيين أمس في غارات للتحالف الدولي على قرية قرب الرقة.")[0]
    assert (ev.sub_event_type, ev.actor1, ev.actor2) == (
        "Air/drone strike", "Global Coalition Against Daesh", "Civilians (Syria)")
    ev = events(kb, "قتل جنديان أمس في هجوم لمسلحي داعش على حاجز قرب الرمادي.")[0]
    assert ev.actor1 == "Islamic State"


def test_lam_after_a_word_that_takes_an_object_is_the_object(kb):
    # "استهداف لقوات الجيش": the army is hit, not the one who hit.
    ev = events(kb, "قتل جنديان أمس في استهداف لقوات الجيش العراقي قرب الرمادي.")[0]
    assert ev.actor1 != "Military Forces of Iraq (2014-)" and "Iraq" in (ev.actor2 or "")
