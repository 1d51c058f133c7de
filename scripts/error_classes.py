"""Why each false and missed event of a scored run is wrong: the error classes a change should be aimed at.

    python scripts/eval_events.py --decide rules --dump /tmp/rules.jsonl
    python scripts/error_classes.py /tmp/rules.jsonl [--show CLASS] [--json OUT]

Reads the dump of scripts/eval_events.py (each article's gold, system events and match) and puts every unmatched
system event and every missed required gold event in one class, testing the nearest miss first with the shared
scorer's own `compatible` (so a class means "this one field, changed to the gold's value, would have matched"):

- false events: `no_gold` (the article has no gold event), `wrong_type`, `wrong_country`, `wrong_date`,
  `wrong_place` (only the place or actors disagree with an unmatched gold), `duplicate` (compatible with a gold event
  another system event already took: the same act told twice), `duplicate_other_type`, `spurious` (none of these);
- missed gold events: `type_mismatch` (an unmatched system event differs only in type), `taken` (a system event
  that fits it matched another gold event: several acts came out as one), `country`, `date`, `place`, `missed`
  (no system event comes near).

Never pass a dump of the locked test set.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from eval_events import load_scorer

FALSE_ORDER = ("wrong_type", "wrong_country", "wrong_date", "wrong_place")
MISSED_ORDER = ("type_mismatch", "country", "date", "place")


def _as_gold(ev: dict, gold: dict, field: str) -> dict:
    """The system event with one field set to the gold's value (what `compatible` would then say)."""
    ev = dict(ev)
    if field in ("wrong_type", "type_mismatch"):
        ev["event_type"] = gold.get("event_type")
    elif field in ("wrong_country", "country"):
        ev["country"] = gold.get("country")
    elif field in ("wrong_date", "date") and "event_date_between" in gold:
        ev["event_date"] = gold["event_date_between"][0]
    return ev


def _place_free(gold: dict) -> dict:
    """The gold event without its place and actor checks (compatible then tests type, country and date only)."""
    scorer_identity = ("admin1_one_of", "location_contains_one_of", "point", "actor1_contains",
                       "actor1_contains_one_of", "actor2_contains_one_of")
    return {k: v for k, v in gold.items() if k not in scorer_identity}


def classify(record: dict, scorer) -> tuple[list[tuple[str, int, int | None]], list[tuple[str, int, int | None]]]:
    """(false events, missed gold events) of one article, each as (class, index, the other side's index or None)."""
    golds, events = record["events"], record["system"]
    pairs = scorer.match(golds, events)
    matched_g = {gi: ei for gi, ei in pairs}
    matched_e = {ei: gi for gi, ei in pairs}
    free_g = [gi for gi in range(len(golds)) if gi not in matched_g]
    false, missed = [], []
    for ei, ev in enumerate(events):
        if ei in matched_e:
            continue
        if not golds:
            false.append(("no_gold", ei, None))
            continue
        cls = None
        for name in FALSE_ORDER:
            for gi in free_g:
                g = golds[gi]
                probe = _place_free(g) if name == "wrong_place" else g
                if scorer.compatible(probe, _as_gold(ev, g, name)):
                    cls = (name, ei, gi)
                    break
            if cls:
                break
        if not cls:
            for gi in matched_g:
                if scorer.compatible(golds[gi], ev):
                    cls = ("duplicate", ei, gi)
                    break
                if scorer.compatible(golds[gi], _as_gold(ev, golds[gi], "wrong_type")):
                    cls = ("duplicate_other_type", ei, gi)
                    break
        false.append(cls or ("spurious", ei, None))
    for gi in free_g:
        g = golds[gi]
        if not g.get("required", True):
            continue
        cls = None
        for name in MISSED_ORDER:
            for ei, ev in enumerate(events):
                if ei in matched_e and name != "type_mismatch":
                    continue
                probe = _place_free(g) if name == "place" else g
                if ei not in matched_e and scorer.compatible(probe, _as_gold(ev, g, name)):
                    cls = (name, gi, ei)
                    break
            if cls:
                break
        if not cls:
            for ei in matched_e:
                if scorer.compatible(g, events[ei]) or scorer.compatible(g, _as_gold(events[ei], g, "type_mismatch")):
                    cls = ("taken", gi, ei)
                    break
        missed.append(cls or ("missed", gi, None))
    return false, missed


def _line(name: str, ev: dict, width: int) -> str:
    """One event of a case as --show prints it: what it is, when, where, and its sentence."""
    when = ev.get("event_date") or ev.get("event_date_between")
    trigger = ((ev.get("evidence") or {}).get("event_type") or {}).get("text")
    said = ev.get("evidence_ar") or (f"«{trigger}» {ev.get('notes') or ''}" if trigger else "")
    return f"{name}: {ev.get('event_type')} / {ev.get('country')} / {when} / {ev.get('location')}  {said[:width]}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dump", help="a dump of scripts/eval_events.py --dump")
    ap.add_argument("--show", help="print every case of this class (false or missed)")
    ap.add_argument("--json", help="write every classified case as JSON lines")
    args = ap.parse_args()
    scorer = load_scorer()
    false_n, missed_n, type_pairs = Counter(), Counter(), Counter()
    out = open(args.json, "w", encoding="utf-8") if args.json else None
    for line in Path(args.dump).read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        false, missed = classify(record, scorer)
        cases = [("false", cls, record["system"][ei], record["events"][gi] if gi is not None else None)
                 for cls, ei, gi in false]
        cases += [("missed", cls, record["system"][ei] if ei is not None else None, record["events"][gi])
                  for cls, gi, ei in missed]
        for side, cls, ev, gold in cases:
            (false_n if side == "false" else missed_n)[cls] += 1
            if cls == "wrong_type":
                type_pairs[(ev.get("event_type"), gold.get("event_type"))] += 1
            if out:
                out.write(json.dumps({"id": record["id"], "side": side, "class": cls, "system": ev, "gold": gold},
                                     ensure_ascii=False, default=str) + "\n")
            if args.show == cls:
                first, second = (("system", ev), ("gold", gold)) if side == "false" else (("gold", gold), ("system", ev))
                print(f"[{record['id']}] {_line(*first, 220)}")
                if second[1]:
                    print(f"   {_line(*second, 160)}")
    print("false events:", sum(false_n.values()), dict(false_n.most_common()))
    print("missed gold events:", sum(missed_n.values()), dict(missed_n.most_common()))
    print("wrong type (system -> gold):")
    for (got, want), n in type_pairs.most_common():
        print(f"  {n:3d}  {got} -> {want}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
