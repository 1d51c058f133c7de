"""Rules as data (rasd/kb/data/rules): every file loads, patterns expand word lists and clitics as documented, and
no Arabic regex is left written in rasd/events."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from rasd.errors import KBError
from rasd.kb.lexicon import read_yaml
from rasd.kb.rules import ACTIONS, all_rule_modules, load_rules, render_list
from rasd.text.clitics import proclitic_class

ROOT = Path(__file__).resolve().parents[2]


def test_every_rule_file_loads_with_known_actions_and_windows():
    modules = all_rule_modules()
    assert "detect" in modules and len(modules) >= 10
    for module in modules:
        rules = load_rules(module)
        assert rules.rules, module
        for rule in rules.rules.values():
            assert rule.action in ACTIONS
            assert rule.window is None or (rule.window > 0 and rule.side in ("before", "after"))


def test_word_list_notation_expands_to_forms_and_clitics():
    regex = render_list({"clitics": "وف", "words": ["يشن", "(ال)سيطر*", "[يت]حاول(ون|ان)", "علي مدي"]})
    assert regex == r"[وف]?(?:يشن|(?:ال)?سيطر\S*|[يت]حاول(?:ون|ان)?|علي\s+مدي)"
    import re
    compiled = re.compile(f"^{regex}$")
    for form in ("ويشن", "فالسيطره", "سيطرت", "تحاولون", "يحاول", "علي  مدي"):
        assert compiled.match(form), form
    for form in ("بيشن", "تشن", "حاول"):
        assert not compiled.match(form), form


def test_proclitic_class_rejects_letters_that_are_no_proclitics():
    assert proclitic_class("وفبل") == "[وفبل]?"
    with pytest.raises(ValueError):
        proclitic_class("وز")
    with pytest.raises(ValueError):
        proclitic_class("وو")


def test_a_rule_file_with_an_unknown_action_or_list_is_refused(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  x:\n    action: explode\n    pattern: 'a'\n", encoding="utf-8")
    with pytest.raises(KBError, match="unknown action"):
        load_rules("bad", bad)
    bad.write_text("rules:\n  x:\n    action: drop\n    pattern: '{nowhere}'\n", encoding="utf-8")
    with pytest.raises(KBError, match="unknown word list"):
        load_rules("bad2", bad)


def test_a_rule_named_twice_in_one_file_is_refused_not_silently_replaced(tmp_path):
    # PyYAML keeps the last of two equal keys: a second rule of one name would replace the first unseen.
    bad = tmp_path / "twice.yaml"
    bad.write_text("rules:\n  x:\n    action: drop\n    pattern: 'a'\n  y:\n    action: drop\n    pattern: 'b'\n"
                   "  x:\n    action: drop\n    pattern: 'c'\n", encoding="utf-8")
    with pytest.raises(KBError, match=r"'x' a second time \(first at line 2\)"):
        load_rules("twice", bad)
    lexicon = tmp_path / "words.yaml"
    lexicon.write_text("attack:\n  - هجوم\nattack:\n  - غارة\n", encoding="utf-8")
    with pytest.raises(KBError, match="second time"):
        read_yaml(lexicon)


def test_rules_are_folded_like_the_text_they_match():
    negated = load_rules("detect")["negated"]
    assert negated.search("ولم يقصف ")  # written لم / يقصف, matched on folded text
    assert load_rules("geocode").table("direction_bearings")["شمال شرقي"] == 45.0


def test_no_arabic_regex_left_in_the_event_layer():
    spec = importlib.util.spec_from_file_location("count_arabic_regex", ROOT / "scripts/count_arabic_regex.py")
    counter = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(counter)
    counts = {p.name: counter.count_file(p)[0] for p in sorted((ROOT / "rasd/events").glob("*.py"))}
    assert sum(counts.values()) == 0, counts
