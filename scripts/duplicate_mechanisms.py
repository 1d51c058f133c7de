"""How the false events scored `duplicate` stand to the event that took their gold, and what linking a class costs.

    python scripts/eval_events.py --decide rules --dump /tmp/rules.jsonl
    python scripts/duplicate_mechanisms.py /tmp/rules.jsonl [--show MECHANISM]

Every `duplicate` and `duplicate_other_type` row of scripts/error_classes.py is put beside the system event that
matched the gold it fits (the "taker") and sorted by how the two stand:

- `same place`: both at one named place below the province (a retelling the merge kept apart on actors or modality);
- `coarse, days agree` / `coarse, days differ`: one of them has no place below the province (a country, a region, a
  province or none), the other has - the coarse retelling ("قصف ... في العراق" after the strike in a town);
- `two places`: both placed, at different places (mostly a real act the gold left out, matched to a coarse gold);
- `background`: the duplicate is coded as background (an older act recalled) on another day than the taker.

The cost of a link is counted the same way on every event of the dump: how many system events in the coarse
classes (a coarse event of the same type and country as a placed one, on days within one) matched a gold event of
their own (a separate real act a link would remove) against how many are false. A link is worth writing only where
the false ones clearly outnumber the matched ones. Never pass a dump of the locked test set.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from datetime import date

from error_classes import classify
from eval_events import load_scorer


def _coarse(ev: dict) -> bool:
    """No place below the province: a country, a region, a province, or none."""
    return ev.get("location") is None or (ev.get("geo_precision") or 3) >= 3


def _days(a: dict, b: dict) -> int:
    return abs((date.fromisoformat(a["event_date"]) - date.fromisoformat(b["event_date"])).days)


def mechanism(dup: dict, taker: dict) -> str:
    """How a duplicate stands to the event that took its gold."""
    if dup.get("background") and _days(dup, taker) > 1:
        return "background"
    if not _coarse(dup) and not _coarse(taker):
        return "same place" if dup["location"] == taker["location"] else "two places"
    return "coarse, days agree" if _days(dup, taker) <= 1 else "coarse, days differ"


def coarse_beside_placed(events: list[dict], i: int) -> bool:
    """Event i is coarse, and a placed event of its type and country is told within a day of it."""
    ev = events[i]
    return _coarse(ev) and any(
        j != i and not _coarse(o) and o["country"] == ev["country"] and o["event_type"] == ev["event_type"]
        and _days(o, ev) <= 1 for j, o in enumerate(events))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dump", help="a dump of scripts/eval_events.py --dump")
    ap.add_argument("--show", help="print the rows of this mechanism")
    args = ap.parse_args()
    scorer = load_scorer()
    mechanisms: Counter = Counter()
    cost: Counter = Counter()
    for line in open(args.dump, encoding="utf-8"):
        record = json.loads(line)
        events = record["system"]
        false, _ = classify(record, scorer)
        taker_of = {gi: ei for gi, ei in scorer.match(record["events"], events)}
        false_class = {ei: cls for cls, ei, _ in false}
        for ei in range(len(events)):
            if coarse_beside_placed(events, ei):
                cost["matched a gold" if ei not in false_class else "false"] += 1
        for cls, ei, gi in false:
            if not cls.startswith("duplicate"):
                continue
            dup, taker = events[ei], events[taker_of[gi]]
            name = mechanism(dup, taker)
            mechanisms[(name, cls)] += 1
            if args.show == name:
                for who, ev in (("dup", dup), ("taker", taker)):
                    start = ev["evidence"]["event_type"]["start"]
                    print(f"[{record['id']}] {who}: {ev['event_type']} / {ev['event_date']} / {ev['location']} / "
                          f"{ev['actor1']} - {ev['actor2']}  {record['text'][max(0, start - 60):start + 60]!r}")
    print("mechanism                 duplicate  duplicate_other_type")
    for name in sorted({n for n, _ in mechanisms}, key=lambda n: -sum(v for (m, _), v in mechanisms.items() if m == n)):
        print(f"  {name:22} {mechanisms[(name, 'duplicate')]:9} {mechanisms[(name, 'duplicate_other_type')]:9}")
    print("coarse events beside a placed one of their type (what linking them would cost):", dict(cost))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
