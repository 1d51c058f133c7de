"""The toll on matched events: fatalities (and injured, where the gold has it) right or wrong, with the evidence.

    python scripts/eval_events.py --decide rules --dump /tmp/d.jsonl
    python scripts/toll_errors.py /tmp/d.jsonl [--show] [--field fatalities]

Reads a dump of scripts/eval_events.py (its match detail), counts each required matched gold event that has the
field, and sorts the wrong ones by direction: `none_read` (the gold counts dead, rasd reads none), `spurious` (the
gold counts none, rasd reads some), `over` and `under` (both count, rasd more or fewer); `/other_act` when rasd's
trigger lies outside the gold's evidence sentence (another act's event matched on type, country and date: a matching
error more than a toll one; a headline telling the same act lands here too). `--show` prints each wrong pair: the
gold's figure and why, rasd's figure and the words it read it from, the gold's evidence sentence and rasd's.

Session 20 start (main 53f2be0, rules deciding): fatalities train+dev 127/166, learning sets 81/120; injured
58/71 and 41/56. Of the 39 wrong on the learning sets, 22 are /other_act.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter


def direction(want: int, got: int | None) -> str:
    got = got or 0
    if want and not got:
        return "none_read"
    if got and not want:
        return "spurious"
    return "over" if got > want else "under"


def same_act(text: str, gold: dict, ev: dict) -> bool:
    """Is rasd's trigger inside the gold's evidence sentence? If not, the pair is a match of another act's event
    (compatible on type, country and date), and its toll is that act's: a matching error, not a toll error."""
    where = text.find((gold.get("evidence_ar") or "")[:60])
    trig = (ev.get("evidence") or {}).get("event_type") or {}
    if where < 0 or "start" not in trig:
        return True  # (no evidence to place: counted as the same act)
    return where <= trig["start"] < where + len(gold["evidence_ar"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dump")
    ap.add_argument("--field", default="fatalities", choices=["fatalities", "injured"])
    ap.add_argument("--show", action="store_true", help="print every wrong pair with its evidence")
    args = ap.parse_args()
    key = args.field
    per_set: dict[str, list[int]] = {}
    classes: Counter = Counter()
    for line in open(args.dump, encoding="utf-8"):
        rec = json.loads(line)
        for gi, ei in rec["detail"]["pairs"]:
            gold, ev = rec["events"][gi], rec["system"][ei]
            if not gold.get("required", True) or key not in gold:
                continue
            ok = (ev.get(key) if ev.get(key) is not None else 0) == int(gold[key]) if key == "fatalities" else (
                ev.get(key) == int(gold[key]))
            tally = per_set.setdefault(rec["set"], [0, 0])
            tally[0] += int(ok)
            tally[1] += 1
            if ok:
                continue
            cls = direction(int(gold[key]), ev.get(key)) + ("" if same_act(rec["text"], gold, ev) else "/other_act")
            classes[cls] += 1
            if args.show:
                span = (ev.get("evidence") or {}).get(key) or {}
                print(f"== {rec['id']} [{cls}] gold {gold[key]}  rasd {ev.get(key)}  «{span.get('text', '')}»"
                      f"  ({(ev.get('missing') or {}).get(key, '')})")
                print(f"   gold: {gold.get('name', '')}")
                if gold.get("fatalities_why"):
                    print(f"   why: {gold['fatalities_why']}")
                print(f"   evidence: {gold.get('evidence_ar', '')[:400]}")
                trig = (ev.get("evidence") or {}).get("event_type") or {}
                text = rec["text"]
                a = max(0, text.rfind(".", 0, trig.get("start", 0)) + 1)
                b = text.find(".", trig.get("end", 0))
                print(f"   rasd's sentence: {text[a:b if b > 0 else None].strip()[:400]}")
    ok = sum(v[0] for v in per_set.values())
    n = sum(v[1] for v in per_set.values())
    for name, (k, m) in sorted(per_set.items()):
        print(f"{name}: {key} {k}/{m} = {k / m:.3f}")
    print(f"all: {key} {ok}/{n} = {ok / n:.3f}" if n else "no matched event has the field")
    print("wrong by direction:", dict(classes.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
