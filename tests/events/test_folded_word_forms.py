"""Word forms folding merges (issue: word forms the lexicon misses, scripts/word_form_gaps.py --folds). Sentences
written for these tests in the style of the corpus (none is from an eval set); the rules decide."""

from __future__ import annotations

from datetime import date

from rasd.kb.lexicon import load_triggers
from rasd.model import Article
from rasd.pipeline import process

PUB = date(2015, 7, 27)


def types(kb, text: str) -> list[str]:
    return [str(e.event_type) for e in process(Article(text=text, published=PUB), kb, decide="rules").events]


def test_taa_forms_are_flagged_from_the_written_lemma():
    triggers = load_triggers()
    assert "ضربه" in triggers["airstrike"].flags["taa"]  # fem_nouns: ضربة
    assert "مهاجمه" in triggers["attack"].flags["taa"]  # fem_nouns: مهاجمة
    assert "مظاهره" in triggers["protest"].flags["taa"]
    assert not any(f.endswith("ات") for f in triggers["airstrike"].flags["taa"])  # plurals are not ة-words


def test_a_word_with_the_pronoun_ha_is_not_the_taa_trigger(kb):
    # "بضربه": by beating him (ضرب + ه), not "بضربة" (a strike), where the writer spells ة elsewhere
    text = ("قالت شرطة منطقة مكة المكرمة إن شابا اعتدى على حارس أمن أمس بضربه بعصا في مدينة الطائف، "
            "وإن الجهات المختصة باشرت القضية.")
    assert "Explosions/Remote violence" not in types(kb, text)


def test_the_taa_trigger_written_with_ta_marbuta_still_reads(kb):
    text = "شنت طائرات التحالف أمس ضربة جوية على مواقع لتنظيم داعش في مدينة الرقة، وقالت مصادر إنها دمرت مقرا."
    assert "Explosions/Remote violence" in types(kb, text)


def test_an_article_that_writes_ha_for_taa_keeps_the_trigger(kb):
    # a writer who never spells ة: "ضربه" is the strike
    text = "شنت طائرات التحالف امس ضربه جويه على مواقع لتنظيم داعش في مدينه الرقه، وقالت مصادر انها دمرت مقرا."
    assert "Explosions/Remote violence" in types(kb, text)


def test_a_place_that_fell_into_the_hands_of_a_group(kb):
    # يد "hand" in its plural أيدي: "سقطت بأيدي" as "سقطت بيد"
    text = "قال المرصد السوري إن بلدة في ريف حماة الشمالي سقطت بأيدي فصائل المعارضة صباح أمس."
    assert "Battles" in types(kb, text)
