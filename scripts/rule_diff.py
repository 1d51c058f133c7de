"""Which events one rule changes, event by event: on the annotated sets (train, dev and the learning sets) with each
event's gold match, and on the judged draws with each event's verdict (never the rows of the check seeds: those are
only counted).

    python scripts/rule_diff.py RULE [RULE ...] [--sets train dev train_s15 train_s16 train_s17] [--no-judged]

RULE is a rule key as scripts/rule_report.py names it ("tolls.number_one"). The rule is switched off as the report
switches it off (its regex never matches); the pipeline runs with the rules deciding, with the rule on and off, on
the articles where it fires, and every article whose events differ is printed: the events only the rule on gives
("+"), those only the rule off gives ("-"), each with its gold match ("gold NAME" / "no gold") or verdict.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_events import LEARNING_SETS, load_cases  # noqa: E402
from judged_unseen import CHECK_SEEDS, NONE, load_judged, match_events  # noqa: E402
from rule_report import install_probes  # noqa: E402

from rasd.evaluate import match  # noqa: E402
from rasd.kb import load_kb  # noqa: E402
from rasd.model import Article  # noqa: E402
from rasd.pipeline import process  # noqa: E402


def _show(ev: dict, text: str) -> str:
    """One event on a line, then the words around its trigger and the evidence of its toll and place."""
    evidence = ev.get("evidence") or {}
    trig = evidence.get("event_type") or {}
    at = trig.get("start", 0)
    around = text[max(0, at - 120):at].replace("\n", " ") + "[" + (trig.get("text") or "") + "]" + \
        text[trig.get("end", at):trig.get("end", at) + 100].replace("\n", " ")
    why = "; ".join(f"{k}: {evidence[k]['text'][:60]}" for k in ("fatalities", "injured", "location")
                    if isinstance(evidence.get(k), dict))
    return (f"{ev.get('event_type')} {ev.get('event_date')} {ev.get('location') or ev.get('admin1') or ev.get('country')}"
            f" | {ev.get('actor1')} / {ev.get('actor2')} | dead {ev.get('fatalities')} hurt {ev.get('injured')}"
            f"\n      ... {around} ...\n      ({why})")


def _events(text: str, published: str, kb) -> list:
    art = Article(text=text, published=date.fromisoformat(published[:10]), published_how="given")
    return process(art, kb, decide="rules").events


def _as_dicts(events: list) -> list[dict]:
    return [json.loads(json.dumps(e.to_dict(), ensure_ascii=False, default=str)) for e in events]


def _gold_of(golds: list[dict], events: list[dict]) -> list[str | None]:
    pairs = dict((ei, gi) for gi, ei in match(golds, events))
    return [golds[pairs[i]].get("name") if i in pairs else None for i in range(len(events))]


def annotated(key: str, probe, cases: list[dict], kb) -> Counter:
    tally: Counter = Counter()
    for case in cases:
        probe.hits = 0
        on = _as_dicts(_events(case["text"], case["published"], kb))
        if not probe.hits:
            continue
        tally["articles"] += 1
        probe.off = True
        off = _as_dicts(_events(case["text"], case["published"], kb))
        probe.off = False
        if on == off:
            continue
        tally["changed"] += 1
        g_on, g_off = _gold_of(case["events"], on), _gold_of(case["events"], off)
        tally["tp"] += sum(g is not None for g in g_on) - sum(g is not None for g in g_off)
        tally["fp"] += sum(g is None for g in g_on) - sum(g is None for g in g_off)
        print(f"\n[{key}] {case['set']} {case['id']}: tp {sum(g is not None for g in g_on)} vs "
              f"{sum(g is not None for g in g_off)} off, fp {sum(g is None for g in g_on)} vs "
              f"{sum(g is None for g in g_off)} off")
        for sign, evs, golds, other in (("+", on, g_on, off), ("-", off, g_off, on)):
            for ev, g in zip(evs, golds, strict=True):
                if ev not in other:
                    print(f"  {sign} {'gold ' + str(g) if g else 'no gold'}: {_show(ev, case['text'])}")
    return tally


def judged(key: str, probe, cases: list[dict], kb) -> tuple[Counter, Counter]:
    """The rule on minus off over the judged draws: seen (the other draws, printed) and check (counted only)."""
    seen, check = Counter(), Counter()
    for case in cases:
        probe.hits = 0
        on = _events(case["text"], case["published"], kb)
        if not probe.hits:
            continue
        probe.off = True
        off = _events(case["text"], case["published"], kb)
        probe.off = False
        m_on = [(e.to_dict(), lab) for e, lab, _ in match_events(case, on)[0]]
        m_off = [(e.to_dict(), lab) for e, lab, _ in match_events(case, off)[0]]
        counts = check if case["seed"] in CHECK_SEEDS else seen
        counts["articles"] += 1
        diff: Counter = Counter()
        for sign, pairs in ((1, m_on), (-1, m_off)):
            for _, lab in pairs:
                diff["unjudged" if lab is None else "none" if lab == NONE else "acts"] += sign
        counts.update(diff)
        if case["seed"] in CHECK_SEEDS or m_on == m_off:
            continue
        counts["changed"] += 1
        print(f"\n[{key}] judged {case['id']}: acts {diff['acts']:+d} non-events {diff['none']:+d} "
              f"unjudged {diff['unjudged']:+d}")
        for sign, evs, other in (("+", m_on, m_off), ("-", m_off, m_on)):
            for ev, lab in evs:
                if (ev, lab) not in other:
                    print(f"  {sign} {lab or 'unjudged'}: {_show(json.loads(json.dumps(ev, default=str)), case['text'])}")
    return seen, check


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("rules", nargs="+")
    ap.add_argument("--sets", nargs="+", default=["train", "dev", *LEARNING_SETS])
    ap.add_argument("--no-judged", action="store_true")
    args = ap.parse_args()
    kb = load_kb()
    process(Article(text="قتل جندي في هجوم ببغداد امس", published=date(2015, 7, 21)), kb)  # loads every stage
    probes = install_probes()
    cases = load_cases(args.sets)
    judged_cases = [] if args.no_judged else load_judged()
    for key in args.rules:
        a = annotated(key, probes[key], cases, kb)
        line = (f"== {key}: annotated: fires in {a['articles']} articles, changes {a['changed']}, rule on minus off "
                f"tp {a['tp']:+d} fp {a['fp']:+d}")
        if judged_cases:
            seen, check = judged(key, probes[key], judged_cases, kb)
            line += (f"; judged draws: fires in {seen['articles']} articles, changes {seen['changed']}: acts "
                     f"{seen['acts']:+d} non-events {seen['none']:+d} unjudged {seen['unjudged']:+d}; check draws "
                     f"(seeds {min(CHECK_SEEDS)}-{max(CHECK_SEEDS)}): fires in {check['articles']}, acts "
                     f"{check['acts']:+d} non-events {check['none']:+d} unjudged {check['unjudged']:+d}")
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
