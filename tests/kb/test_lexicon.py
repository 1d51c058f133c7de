"""Trigger, weapon and cue lexicons: generated inflections, ACLED taxonomy, loader errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.errors import KBError
from rasd.kb.lexicon import (
    ACLED_TAXONOMY,
    WEAPON_LABELS,
    agent_nouns,
    conjugate,
    load_cues,
    load_triggers,
    load_weapons,
    masdars,
    noun_duals,
    passives,
    sound_plurals,
    spellings,
    toggle_article,
)
from rasd.text.normalize import fold


@pytest.fixture(scope="module")
def triggers():
    return load_triggers()


def test_every_trigger_uses_acled_types_and_known_weapons(triggers):
    weapons = load_weapons()
    assert len(triggers) >= 30
    for t in triggers.values():
        assert t.sub_event_type in ACLED_TAXONOMY[t.event_type], t.id
        assert t.weapon is None or t.weapon in weapons, t.id
        assert t.forms, t.id
        assert all(f == fold(f) for f in t.forms), t.id


def test_weapon_labels_are_the_output_vocabulary():
    weapons = load_weapons()
    assert {w.label for w in weapons.values()} == WEAPON_LABELS


def test_attack_inflections_and_dual_count(triggers):
    attack = triggers["attack"]
    for form in ("هجوم", "هجمات", "هاجم", "هاجموا", "يهاجمون", "تهاجم"):
        assert form in attack.forms
    dual = triggers["attack__dual"]
    assert dual.count == 2 and "هجومين" in dual.forms and "هجومان" in dual.forms
    assert "هجومين" not in attack.forms


def test_generated_plurals_duals_and_conjugations():
    assert set(noun_duals("غاره")) == {"غارتان", "غارتين"}
    assert noun_duals("انتحاري") == ["انتحاريان"]  # انتحاريين is also the plural
    assert sound_plurals("محاوله")["محاولات"] == 0
    assert sound_plurals("مسلح")["مسلحان"] == 2 and "مسلحين" in sound_plurals("مسلح")
    assert {"اشتبكت", "اشتبكوا", "يشتبكون", "تشتبك"} <= set(conjugate("اشتبك", "يشتبك"))


def test_a_verb_with_a_fixed_object_is_conjugated_on_its_verb(triggers):
    forms = set(triggers["defused_device"].forms)
    assert {"ابطلوا مفعول", "ابطلت مفعول", "يبطلون مفعول"} <= forms
    assert not any(f.endswith("مفعولت") or f.endswith("مفعولوا") for f in forms)


def test_spelling_variants():
    assert spellings("مسؤول") == {"مسوول", "مسيول"}
    assert spellings("اعتداء") == {"اعتداء"}
    assert toggle_article("القوات الامنيه") == {"القوات الامنيه", "قوات امنيه"}
    assert toggle_article("قوات الامن") == {"قوات الامن"}  # construct state is kept as written


def test_triggers_cover_required_events(triggers):
    def ids_for(word: str) -> set[str]:
        return {t.id for t in triggers.values() if fold(word) in t.forms}

    assert ids_for("سيارة مفخخة") == {"car_bomb"}
    assert triggers["car_bomb"].weapon == "vbied"
    assert ids_for("عبوة ناسفة") == {"ied"}
    assert ids_for("غارات") == {"airstrike"}
    assert ids_for("اختطاف") == {"kidnapping"}
    assert ids_for("اعتقال") == {"arrest"} and triggers["arrest"].flags["violent"] is False
    assert triggers["airstrike"].flags["violent"] is True
    assert "فجر" not in triggers["explosion"].forms  # excluded: also "dawn"


def test_cues_have_categories_and_verb_forms():
    cues = load_cues()
    for category in ("kill", "injure", "attempt", "foil", "claim", "deny", "threat", "plan", "report",
                     "background", "negation", "flee", "sources"):
        assert cues[category].forms, category
    assert "مقتل" in cues["kill"].forms and "قتلوا" in cues["kill"].forms
    assert "اضاف" in cues["report"].verb_forms
    assert {"مسوولين", "مسيولين"} <= set(cues["sources"].forms)


def test_bad_trigger_file_names_file_and_entry(tmp_path: Path):
    bad = tmp_path / "t.yaml"
    bad.write_text("triggers:\n  - id: x\n    event_type: Battles\n    sub_event_type: Airstrike\n    forms: [a]\n",
                   encoding="utf-8")
    with pytest.raises(KBError, match=r"t\.yaml: triggers\[0\] \(x\).*ACLED"):
        load_triggers(bad)
    bad.write_text("triggers: [", encoding="utf-8")
    with pytest.raises(KBError, match="invalid YAML"):
        load_triggers(bad)
    with pytest.raises(KBError, match="not found"):
        load_triggers(tmp_path / "missing.yaml")


def test_passives_masdars_and_agent_nouns_are_derived_from_the_verb():
    def f(past, present):
        return fold(past), fold(present)
    # A passive spelled differently from its active: form III and hollow verbs; others look like the active.
    assert {"هوجم", "هوجمت", "هوجموا"} <= set(passives(*f("هاجم", "يهاجم")))
    assert "اغتيل" in passives(*f("اغتال", "يغتال")) and passives(*f("اعتقل", "يعتقل")) == []
    # Verbal nouns by the verb's pattern; form I is left to the lexicon.
    assert masdars(*f("اعتقل", "يعتقل")) == ["اعتقال"] and masdars(*f("احتج", "يحتج")) == ["احتجاج"]
    assert masdars(*f("أحبط", "يحبط")) == ["احباط"] and masdars(*f("اغتال", "يغتال")) == ["اغتيال"]
    assert masdars(*f("استعاد", "يستعيد")) == ["استعاده"] and masdars(*f("قتل", "يقتل")) == []
    # The agent noun is the nominative plural only: the crowd as subject.
    assert agent_nouns(*f("تظاهر", "يتظاهر")) == ["متظاهرون"] and agent_nouns(*f("قتل", "يقتل")) == []


def test_generated_forms_reach_the_trigger_lexicon(triggers):
    assert {"هوجم", "اعتقال", "احتجاج", "تظاهرت"} <= set(triggers["attack"].forms + triggers["arrest"].forms
                                                         + triggers["protest"].forms)
    assert "متظاهرون" in triggers["protesters"].forms and "متظاهرين" not in triggers["protesters"].forms


def test_a_rule_list_can_name_cue_categories_instead_of_repeating_their_words():
    from rasd.kb.rules import cue_words, load_rules

    words = cue_words(["report", "sources"])
    assert {"قال", "افادت", "مصادر"} <= set(words) and len(words[0]) >= len(words[-1])
    assert load_rules("genre")["reporting"].search(" وأفادت مصادر محلية") is not None
    with pytest.raises(KBError):
        cue_words("no_such_cue")


def test_a_long_word_list_is_one_prefix_tree_matching_exactly_its_words():
    import re

    from rasd.kb.rules import trie_alternation

    words = ["قال", "قالت", "قالوا", "مصدر امني", "مصادر"]
    rx = re.compile("(?:" + trie_alternation(words) + ")")
    assert all(rx.fullmatch(w) for w in words)
    assert not any(rx.fullmatch(w) for w in ["قا", "قالو", "مصدر", "مصادرة"])
