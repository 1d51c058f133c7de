"""Per-rule report (issue 14 item 3): for every named context rule of rasd/kb/data/rules, how often it fires and
whether it is right, measured on the annotated train + dev sets and counted on a corpus sample.

    python scripts/rule_report.py [--eval ../shared/eval/train ../shared/eval/dev] [--sample 400] [--out docs/rule_report.md]
    python scripts/rule_report.py --rules tolls.number_one build.another [--sample 0]   # those rules only

How a rule is judged: the pipeline runs once with every rule on (a probe counts each rule's matches per article),
then once per rule that fired with that rule switched off (its regex never matches), on the articles where it fired
(the others cannot change). Both runs are scored against gold with rasd.evaluate (the same matching as
../shared/eval/score.py). A rule's effect is the difference: "rule on" minus "rule off" in matched gold events
(TP), unmatched system events (FP) and F1. An event a rule removes that matches no gold event is a right call, one
that matches gold is a wrong one (a drop rule's precision is right drops / all drops); an event a rule adds is right
when it matches gold. Counts are net per article, so a rule that both adds and removes shows the balance. Rules
that never fire on the annotated sets cannot be judged there; their corpus firings say how much is at stake.
The test set (../shared/eval/test) is never read.

A rule that costs on the annotated articles is then judged on text nobody tuned a rule to: the judged random draws
of tests/data/judged_unseen (scripts/judged_unseen.py), run with the rule on and off on the draws' articles where it
fires. With the rule on, how many more judged real acts and judged non-events are produced (an added act is worth
ACT_WORTH non-events, see there). A rule that costs on both goes; one that pays on the judged draws stays, with both
figures in the report.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
EVAL = ROOT.parent / "shared/eval"
sys.path.insert(0, str(ROOT / "scripts"))
from eval_events import LEARNING_SETS, TESTS_DATA  # noqa: E402

CORPUS = ROOT.parent / "shared/data/news/saudinewsnet/saudinewsnet_iraq_syria_security_subset.jsonl"
#: How many judged non-events one judged real act is worth when a rule changes both. At the held-out sets' operating
#: point (test/: tp 61, fp 40, fn 34, F1 0.62) one more matched event raises F1 as much as 2.25 fewer false ones
#: lower it: dF1/dTP : -dF1/dFP = (TP + FP + FN) : TP.
ACT_WORTH = 2.25

from rasd.evaluate import Report  # noqa: E402
from rasd.kb import load_kb  # noqa: E402
from rasd.kb.rules import all_rule_modules, load_rules  # noqa: E402
from rasd.model import Article  # noqa: E402
from rasd.pipeline import process  # noqa: E402
from rasd.text.prefilter import GatedPattern  # noqa: E402


class Probe:
    """Stands in for a rule's compiled regex: counts the matches of the article being run (`hits`), or, switched
    off, matches nothing. Every other attribute is the regex's own."""

    def __init__(self, regex: re.Pattern[str]):
        self.regex = regex
        self.off = False
        self.hits = 0

    def __getattr__(self, name: str):
        return getattr(self.regex, name)

    def _one(self, m):
        if m is not None:
            self.hits += 1
        return m

    def search(self, *a):
        return None if self.off else self._one(self.regex.search(*a))

    def match(self, *a):
        return None if self.off else self._one(self.regex.match(*a))

    def fullmatch(self, *a):
        return None if self.off else self._one(self.regex.fullmatch(*a))

    def finditer(self, *a):
        if self.off:
            return iter(())
        found = list(self.regex.finditer(*a))
        self.hits += len(found)
        return iter(found)

    def findall(self, *a):
        if self.off:
            return []
        found = self.regex.findall(*a)
        self.hits += len(found)
        return found

    def sub(self, repl, string, count=0):
        if self.off:
            return string
        out, n = self.regex.subn(repl, string, count)
        self.hits += n
        return out

    def split(self, string, maxsplit=0):
        if self.off:
            return [string]
        parts = self.regex.split(string, maxsplit)
        self.hits += len(parts) - 1
        return parts


#: A rule's compiled regex (plain, or behind its literal gate: rasd.kb.rules) and a probe in its place.
_SWAPPABLE = (re.Pattern, GatedPattern, Probe)


def _swap(value, table: dict[int, object]):
    """`value` with every object of `table` in it (also inside module-level tuples and lists) replaced by its
    counterpart: a rule regex by its probe, or back."""
    if isinstance(value, _SWAPPABLE) and id(value) in table:
        return table[id(value)]
    if type(value) is tuple and any(isinstance(v, (*_SWAPPABLE, tuple)) for v in value):
        return tuple(_swap(v, table) for v in value)
    if type(value) is list and any(isinstance(v, (*_SWAPPABLE, tuple)) for v in value):
        return [_swap(v, table) for v in value]
    return value


def _swap_everywhere(table: dict[int, object]) -> None:
    for mod_name, mod in list(sys.modules.items()):
        if not mod_name.startswith("rasd.") or mod is None:
            continue
        for attr, value in list(vars(mod).items()):
            new = _swap(value, table)
            if new is not value:
                setattr(mod, attr, new)


def install_probes() -> dict[str, Probe]:
    """Put a probe in place of every rule regex wherever rasd's modules hold it; rule key -> probe. Call it after
    one article has run, so that the stages the pipeline imports on first use are loaded."""
    probes: dict[str, Probe] = {}
    table: dict[int, object] = {}
    for module in all_rule_modules():
        for name, rule in load_rules(module).rules.items():
            probe = Probe(rule.regex)
            probes[f"{module}.{name}"] = probe
            table[id(rule.regex)] = probe
    _swap_everywhere(table)
    return probes


def remove_probes(probes: dict[str, Probe]) -> None:
    """Put the rule regexes back where install_probes put probes."""
    _swap_everywhere({id(p): p.regex for p in probes.values()})


@dataclass
class Case:
    id: str
    text: str
    published: date | None
    golds: list


def load_cases(dirs: list[Path]) -> list[Case]:
    cases = []
    for d in dirs:
        if d.resolve().name == "test":
            raise SystemExit("the test set is locked: never run rules on it")
        texts = {}
        for line in (d / "articles.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                a = json.loads(line)
                texts[a["gold_id"]] = (a.get("title") or "") + "\n\n" + (a.get("content") or "")
        for line in (d / "gold.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                g = json.loads(line)
                cases.append(Case(g["gold_id"], texts[g["gold_id"]], date.fromisoformat(g["published"][:10]),
                                  g.get("events") or []))
    return cases


def run(case_text: str, published: date | None, kb, probes: dict[str, Probe], decide: str = "rules"
        ) -> tuple[list[dict], Counter]:
    """Events of one article and the rules that fired on it (rule key -> matches). `decide`: who codes the acts;
    the rules themselves by default, since the shipped models were trained on these very articles and judging a rule
    through them would be in-sample."""
    for p in probes.values():
        p.hits = 0
    events = [e.to_dict() for e in process(Article(text=case_text, published=published), kb, decide=decide).events]
    return events, Counter({k: p.hits for k, p in probes.items() if p.hits})


def score(cases: list[Case], events: dict[str, list[dict]]) -> Report:
    report = Report()
    for c in cases:
        report.add(c.id, c.golds, events[c.id])
    return report


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval", nargs="+", type=Path,
                    default=[EVAL / "train", EVAL / "dev", *(TESTS_DATA / name for name in LEARNING_SETS)])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--sample", type=int, default=400, help="corpus articles to count firings on (every 3rd)")
    ap.add_argument("--out", type=Path, default=ROOT / "docs/rule_report.md")
    ap.add_argument("--decide", choices=("rules", "model"), default="rules",
                    help="who codes the acts while rules are judged (default: the rules; model: in-sample)")
    ap.add_argument("--no-judged", action="store_true",
                    help="skip judging the costly rules on the judged random draws (tests/data/judged_unseen)")
    ap.add_argument("--rules", nargs="+", metavar="RULE",
                    help="judge only these rules (keys as in the report: tolls.number_one); the report then goes to "
                         "rule_report_rules.md in the temporary folder unless --out names a file")
    args = ap.parse_args()
    if args.rules:
        unknown = set(args.rules) - {f"{m}.{n}" for m in all_rule_modules() for n in load_rules(m).rules}
        if unknown:
            raise SystemExit(f"no such rule: {', '.join(sorted(unknown))}")
        if args.out == ap.get_default("out"):
            args.out = Path(tempfile.gettempdir()) / "rule_report_rules.md"

    kb = load_kb()
    process(Article(text="قتل جندي في هجوم ببغداد امس", published=date(2015, 7, 21)), kb)  # loads every stage
    probes = install_probes()
    cases = load_cases(args.eval)
    t0 = time.time()
    base: dict[str, list[dict]] = {}
    fired_in: dict[str, list[str]] = defaultdict(list)
    fires: Counter = Counter()
    for c in cases:
        base[c.id], hits = run(c.text, c.published, kb, probes, args.decide)
        fires.update(hits)
        for k in hits:
            fired_in[k].append(c.id)
    base_report = score(cases, base)

    corpus_fires: Counter = Counter()
    corpus_articles: Counter = Counter()
    lines = args.corpus.read_text(encoding="utf-8").splitlines()[::3][:args.sample] if args.sample else []
    for line in lines:
        rec = json.loads(line)
        pub = date.fromisoformat(str(rec.get("date_extracted") or "2015-07-21")[:10])
        _, hits = run((rec.get("title") or "") + "\n\n" + (rec.get("content") or ""), pub, kb, probes)
        corpus_fires.update(hits)
        corpus_articles.update(hits.keys())

    rows = []
    for key, probe in probes.items():
        if args.rules and key not in args.rules:
            continue
        row = {"rule": key, "action": load_rules(key.split(".")[0]).rule(key.split(".", 1)[1]).action,
               "fires": fires[key], "articles": len(fired_in[key]), "corpus_fires": corpus_fires[key],
               "corpus_articles": corpus_articles[key]}
        if fired_in[key]:
            probe.off = True
            off = dict(base)
            by_id = {c.id: c for c in cases}
            for cid in fired_in[key]:
                off[cid], _ = run(by_id[cid].text, by_id[cid].published, kb, probes, args.decide)
            probe.off = False
            off_report = score(cases, off)
            d_tp, d_fp = base_report.tp - off_report.tp, base_report.fp - off_report.fp
            right = max(0, d_tp) + max(0, -d_fp)
            wrong = max(0, -d_tp) + max(0, d_fp)
            row.update(d_tp=d_tp, d_fp=d_fp, d_f1=base_report.f1 - off_report.f1,
                       d_fields=base_report.fields - off_report.fields, right=right, wrong=wrong,
                       changed=sum(off[cid] != base[cid] for cid in fired_in[key]),
                       examples=_examples(base_report, off_report, fired_in[key]))
        rows.append(row)
    costly = [r["rule"] for r in rows if _verdict(r) == "COSTS"]
    if costly and not args.no_judged:
        for r, effect in zip(rows, judged_effects(kb, probes, [r["rule"] for r in rows], costly), strict=True):
            if effect is not None:
                r["judged"] = effect
    write_report(args, rows, base_report, len(cases), len(lines), time.time() - t0)
    print(f"{len(rows)} rules -> {args.out} ({time.time() - t0:.0f} s)")
    return 0


def judged_effects(kb, probes: dict[str, Probe], keys: list[str], costly: list[str]) -> list[dict | None]:
    """For each rule of `keys` that is in `costly`, what it does on the judged draws (None for the others): the
    judged real acts ("acts"), judged non-events ("none") and unjudged events it adds (rule on minus rule off, over
    the draws' articles where it fires; negative for what a drop rule removes), in how many articles it fires, and
    `worth` = ACT_WORTH * acts - none (> 0: the rule pays on text nobody tuned to). The rules decide, as above.
    The check draws (judged_unseen.CHECK_SEEDS) are left out: they judge the rules this report keeps."""
    from judged_unseen import NONE, load_judged, match_events, split_check

    def produced(case: dict) -> Counter:
        events = process(Article(text=case["text"], published=date.fromisoformat(case["published"]),
                                 published_how="given"), kb, decide="rules").events
        return Counter("unjudged" if label is None else "none" if label == NONE else "acts"
                       for _, label, _ in match_events(case, events)[0])

    wanted = set(costly)
    on: dict[str, Counter] = {}
    fired: dict[str, list[dict]] = defaultdict(list)
    cases = split_check(load_judged())[0]  # a rule kept or dropped by the check draws would make them read
    for case in cases:
        for p in probes.values():
            p.hits = 0
        on[case["id"]] = produced(case)
        for key in wanted:
            if probes[key].hits:
                fired[key].append(case)
    out: list[dict | None] = []
    for key in keys:
        if key not in wanted:
            out.append(None)
            continue
        probes[key].off = True
        delta: Counter = Counter()
        for case in fired[key]:
            delta.update(on[case["id"]])
            delta.subtract(produced(case))
        probes[key].off = False
        out.append({"articles": len(fired[key]), "acts": delta["acts"], "none": delta["none"],
                    "unjudged": delta["unjudged"], "worth": ACT_WORTH * delta["acts"] - delta["none"]})
    return out


def _examples(on: Report, off: Report, ids: list[str], limit: int = 4) -> list[str]:
    """Articles where the rule changes the score: "id: ±tp ±fp" with the gold events it wins or loses."""
    off_by_id = {d["id"]: d for d in off.details}
    out = []
    for d in on.details:
        o = off_by_id[d["id"]]
        if d["id"] not in ids or (d["tp"], d["fp"]) == (o["tp"], o["fp"]):
            continue
        won = [g for g in o["missed"] if g not in d["missed"]]
        lost = [g for g in d["missed"] if g not in o["missed"]]
        text = f"{d['id']}: TP {d['tp'] - o['tp']:+d}, FP {d['fp'] - o['fp']:+d}"
        if won:
            text += "; finds " + "; ".join(f'"{g}"' for g in won[:2])
        if lost:
            text += "; loses " + "; ".join(f'"{g}"' for g in lost[:2])
        out.append(text)
        if len(out) >= limit:
            break
    return out


def _verdict(r: dict) -> str:
    if not r["fires"]:
        return "not seen"
    if not r.get("changed"):
        return "no effect"
    if r["d_f1"] < -1e-9 or (abs(r["d_f1"]) <= 1e-9 and r["wrong"] > r["right"]):
        return "COSTS"
    if r["d_f1"] > 1e-9 or r["right"] > r["wrong"]:
        return "helps"
    return "neutral"


def _judged_text(j: dict | None) -> str:
    if j is None:
        return ""
    if not (j["acts"] or j["none"]):
        # (the judged rows are keyed by an event's type, trigger and sentence: a rule that only changes an event's
        # actors, place or toll leaves them all produced, so the draws cannot judge it)
        verdict = "no judged event changes"
    else:
        verdict = "pays there" if j["worth"] > 0 else "costs there too"
    return (f"; judged draws ({j['articles']} articles): real acts {j['acts']:+d}, non-events {j['none']:+d}, "
            f"unjudged {j['unjudged']:+d}, worth {j['worth']:+.2f}: {verdict}")


def write_report(args, rows: list[dict], base: Report, n_cases: int, n_corpus: int, secs: float) -> None:
    out = [
        "# Per-rule report",
        "",
        f"Generated by `python scripts/rule_report.py` on {n_cases} annotated articles "
        f"({', '.join(p.name for p in args.eval)}: ../shared/eval and the learning sets of tests/data; never test/) and {n_corpus} articles of the "
        f"corpus sample (every 3rd of `{args.corpus.name}`), in {secs:.0f} s. The rules are those of "
        "`rasd/kb/data/rules/*.yaml`; how they are judged is in the script's docstring.",
        "",
        f"All rules on: events P={base.precision:.3f} R={base.recall:.3f} F1={base.f1:.3f} "
        f"fields={base.fields:.3f} (tp={base.tp} fp={base.fp} fn={base.fn}).",
        "",
        "Columns: fires = matches on the annotated articles (articles: in how many); corpus = matches on the corpus "
        "sample (articles); changed = annotated articles whose events differ with the rule off; ΔTP / ΔFP = rule "
        "on minus rule off (matched gold events / unmatched system events); right / wrong = event-level changes "
        "that agree / disagree with gold (for a drop rule: events dropped that match no gold / that match gold); "
        "precision = right / (right + wrong); ΔF1 and Δfields = on minus off. Verdict COSTS: the annotated "
        "articles score a lower event F1 with the rule than without it (or the same F1 and more wrong changes than "
        "right ones). A rule whose ΔF1 is within a few thousandths turns on one or two events: read its examples "
        "before deciding.",
        "",
    ]
    costs = [r for r in rows if _verdict(r) == "COSTS"]
    out.append(f"## Rules that cost more than they gain on the annotated articles ({len(costs)})")
    out.append("")
    out.append(f"Each is judged again on the judged random draws (the rule on minus off: judged real acts, judged "
               f"non-events and unjudged events it adds; worth = {ACT_WORTH} x acts - non-events). A rule that costs "
               "there too goes; one that pays there stays. The draws judge which events are produced, not their "
               "fields: a rule that only changes an event's actors, place or toll changes no judged event there.")
    out.append("")
    for r in sorted(costs, key=lambda r: r["d_f1"]):
        out.append(f"- `{r['rule']}` ({r['action']}): ΔTP {r['d_tp']:+d}, ΔFP {r['d_fp']:+d}, ΔF1 {r['d_f1']:+.4f}, "
                   f"fires {r['fires']} in {r['articles']} articles, {r['corpus_fires']} on the corpus sample"
                   + _judged_text(r.get("judged")))
        out += [f"  - {e}" for e in r["examples"]]
    out += ["", "## Every rule", "",
            "| rule | action | fires (articles) | corpus (articles) | changed | ΔTP | ΔFP | right | wrong | precision "
            "| ΔF1 | Δfields | verdict |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        if "d_tp" in r:
            prec = f"{r['right'] / (r['right'] + r['wrong']):.2f}" if r["right"] + r["wrong"] else "-"
            judged = (f"{r['changed']} | {r['d_tp']:+d} | {r['d_fp']:+d} | {r['right']} | {r['wrong']} | {prec} | "
                      f"{r['d_f1']:+.4f} | {r['d_fields']:+.4f}")
        else:
            judged = "- | - | - | - | - | - | - | -"
        out.append(f"| `{r['rule']}` | {r['action']} | {r['fires']} ({r['articles']}) | {r['corpus_fires']} "
                   f"({r['corpus_articles']}) | {judged} | {_verdict(r)} |")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
