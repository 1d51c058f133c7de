"""Word forms the dictionary did not see (issue 14, Build 1 and 3): deaths told as "fallen", control told by its
noun with an actor and a place, and verbs whose conjugations the lexicon now makes. Each mechanism with the cases
that must stay no event (sentences written for these tests, none from the eval sets)."""

from __future__ import annotations

from datetime import date

import pytest

from rasd.kb.rules import load_rules
from rasd.model import Article
from rasd.pipeline import process
from rasd.text.normalize import fold

PUB = date(2026, 3, 10)


def events(kb, text: str, published: date = PUB):
    return process(Article(text=text, published=published), kb, decide="rules").events


# ---------------------------------------------------------------------------------------------------------------
# "سقط N قتلى": a toll-bearing act, typed by its clause (or its victims when the clause tells nothing else)


@pytest.mark.parametrize("text, event_type, fatalities", [
    ("وسقط 14 قتيلا على الأقل بينهم ستة أطفال في بلدة سراقب بريف إدلب أمس.", "Violence against civilians", 14),
    ("قال مسؤولون أمس إن العشرات سقطوا قتلى في اشتباكات بين عشيرتين في مدينة سبها.", "Battles", 12),
    ("أكدت مصادر أمنية أن الاشتباكات في حي الصحافة بمدينة تعز أمس أسفرت عن سقوط 17 قتيلا.", "Battles", 17),
])
def test_deaths_told_as_fallen_are_an_act_with_its_toll(kb, text, event_type, fatalities):
    (ev,) = events(kb, text)
    assert (ev.event_type, ev.fatalities) == (event_type, fatalities)


def test_a_fallen_toll_beside_its_act_is_that_acts_toll(kb):
    evs = events(kb, "قصفت طائرات حربية سوقا في مدينة أريحا أمس وسقط 9 قتلى جراء القصف.")
    assert [(e.event_type, e.fatalities) for e in evs] == [("Explosions/Remote violence", 9)]


@pytest.mark.parametrize("text", [
    "ولم يسفر الحادث في مدينة الموصل أمس عن سقوط قتلى.",  # no toll
    "أدى انفجار قرب مطار الموصل أمس إلى سقوط الطائرة.",  # a plane's fall is no toll
    "وقد انتهى الانقلاب من دون أن تسقط ضحايا في العاصمة.",  # the present: talk
])
def test_a_fall_without_dead_or_denied_adds_no_killing(kb, text):
    assert not [e for e in events(kb, text) if e.event_type != "Explosions/Remote violence"]


def test_the_fallen_toll_rule_needs_the_toll_noun():
    rule = load_rules("detect")["fallen_toll"]
    assert rule.search(fold("وسقط 20 قتيلا في البلدة"))
    assert rule.search(fold("سقطوا بين قتيل وجريح"))
    assert not rule.search(fold("سقط المطر في المدينة"))
