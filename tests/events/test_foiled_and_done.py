"""One act told as done and, in a nearby sentence, as foiled (rasd.events.merge.told_undone, list undone_modalities
of rules/merge.yaml): "أحبطت القوات هجوما على المدينة" and "شن المسلحون هجوما على مواقع القوات في المدينة" of one
sub-type, at one named town, on one day, are one event (ACLED: one event per place, day and kind), which is the act
that took place; at another town, or told many sentences apart, the two stay two. Sentences written for the tests
(none from an eval set), rules deciding, the learned pair model off."""

from __future__ import annotations

from datetime import date

from rasd.events import pair_model
from rasd.model import Article
from rasd.pipeline import process

PUB = date(2015, 7, 27)
FOILED = "أحبطت قوات الجيش العراقي أمس هجوما شنه مسلحو تنظيم داعش على مدينة بيجي."


def events(kb, text: str):
    with pair_model.use_model(None):
        return process(Article(text=text, published=PUB), kb, decide="rules").events


def done_at(town: str) -> str:
    return (f" وقال مصدر عسكري إن مسلحي داعش شنوا أمس هجوما على مواقع الجيش العراقي في مدينة {town} واندلعت"
            " اشتباكات عنيفة بين الطرفين.")


def test_a_foiled_attack_and_the_attack_told_as_done_are_one_battle(kb):
    text = FOILED + done_at("بيجي")
    evs = events(kb, text)
    assert [(e.sub_event_type, e.modality, e.location) for e in evs] == [("Armed clash", "occurred", "Bayji")]
    assert evs[0].evidence["event_type"].start > len(FOILED)  # the report of the act done carries it


def test_the_attack_at_another_town_stays_its_own(kb):
    evs = events(kb, FOILED + done_at("تكريت"))
    assert sorted((e.modality, e.location) for e in evs) == [("foiled", "Bayji"), ("occurred", "Tikrit")]


def test_told_far_apart_the_two_stay_two(kb):
    filler = " وأضاف المصدر أن التعزيزات العسكرية وصلت إلى المحافظة خلال الأسبوع الماضي." * 3
    evs = events(kb, FOILED + filler + done_at("بيجي"))
    assert sorted(e.modality for e in evs) == ["foiled", "occurred"]
