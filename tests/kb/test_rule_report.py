"""The per-rule report's probes (scripts/rule_report.py): a rule switched off stops governing what it governs, and
the regexes go back in place afterwards."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

from rasd.kb.rules import load_rules
from rasd.model import Article
from rasd.pipeline import process

ROOT = Path(__file__).resolve().parents[2]


def _rule_report():
    spec = importlib.util.spec_from_file_location("rule_report", ROOT / "scripts/rule_report.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_a_negation_rule_switched_off_lets_the_negated_act_through(kb):
    rr = _rule_report()
    text = "بغداد - قال مصدر أمني إن الجيش لم يقصف مواقع التنظيم في الرمادي أمس."
    article = Article(text=text, published=date(2015, 7, 21))
    process(article, kb)
    probes = rr.install_probes()
    try:
        on = process(article, kb).events
        fired = probes["detect.negated"].hits
        probes["detect.negated"].off = True
        off = process(article, kb).events
    finally:
        rr.remove_probes(probes)
    assert fired >= 1
    assert on == [] and [e.sub_event_type for e in off] == ["Shelling/artillery/missile attack"]
    import rasd.events.detect as detect
    assert detect._NEGATED is load_rules("detect")["negated"]


def test_a_costly_rule_is_judged_again_on_the_judged_draws():
    rr = _rule_report()
    # a drop rule that removes 4 judged non-events for 1 judged real act lost pays on text nobody tuned to
    pays = {"articles": 9, "acts": -1, "none": -4, "unjudged": 0, "worth": rr.ACT_WORTH * -1 + 4}
    assert "pays there" in rr._judged_text(pays)
    # one that removes 2 non-events for each real act lost does not (one act is worth 2.25 non-events)
    costs = {"articles": 9, "acts": -2, "none": -4, "unjudged": 0, "worth": rr.ACT_WORTH * -2 + 4}
    assert "costs there too" in rr._judged_text(costs)
    # a rule that changes only an event's fields changes no judged event: the draws cannot judge it
    blind = {"articles": 3, "acts": 0, "none": 0, "unjudged": 1, "worth": 0.0}
    assert "no judged event changes" in rr._judged_text(blind)
    assert rr._judged_text(None) == ""
