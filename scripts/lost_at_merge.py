"""Field errors lost when mentions are linked: for each field, how many wrong values of matched gold events
(train/ + dev/, rules deciding) are right in some mention of the linked event taken alone (issue 14).

    python scripts/lost_at_merge.py [--out /tmp/lost.jsonl]

A mention alone is the linked event written out (rasd.events.build._to_event) with that mention's own fields as they
were before any merge. "lost_at_merge" counts the wrong fields some mention had right (what a better merge policy
could recover); "anchor_alone_right" those the event's own first mention had right. It reads only train/ and dev/.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_events  # noqa: E402

from rasd.events import build  # noqa: E402
from rasd.kb import load_kb  # noqa: E402
from rasd.model import Article  # noqa: E402
from rasd.pipeline import process  # noqa: E402

FIELDS = ("geo_precision", "location_contains_one_of", "admin1_one_of", "point", "actor1_contains",
          "actor2_contains_one_of", "time_precision", "event_date_between", "fatalities", "injured")


class Recorder:
    """Wraps build.merge and build._to_event to keep each mention's fields before merging and each event's
    linked candidate (with the arguments it was written out with)."""

    def __init__(self) -> None:
        self.before: dict[int, tuple] = {}  # id(candidate) -> (candidate, its fields before merging)
        self.by_event: dict[str, tuple] = {}  # event_id -> (candidate, args, kwargs of _to_event)
        self._merge, self._to_event = build.merge, build._to_event
        build.merge, build._to_event = self.merge, self.to_event

    def merge(self, cands, doc):
        for c in cands:
            self.before[id(c)] = (c, copy.deepcopy(c.fields))
        return self._merge(cands, doc)

    def to_event(self, c, *args, **kwargs):
        ev = self._to_event(c, *args, **kwargs)
        self.by_event[ev.event_id] = (c, args, kwargs)
        return ev

    def alone(self, event_id: str) -> list[tuple[bool, dict]]:
        """(is the event's first mention, the event as that mention alone would write it) per mention."""
        got = self.by_event.get(event_id)
        if got is None:
            return []
        c, args, kwargs = got
        out = []
        for m in _mentions(c):
            if id(m) in self.before:
                fields = copy.deepcopy(self.before[id(m)][1])
                out.append((m is c, _as_dict(self._to_event(replace(c, fields=fields), *args, **kwargs))))
        return out


def _mentions(c) -> list:
    out = [c]
    for o in c.absorbed:
        out += _mentions(o)
    return out


def _as_dict(ev) -> dict:
    return json.loads(json.dumps(ev.to_dict(), ensure_ascii=False, default=str))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", help="write one line per lost field (article, field, gold, system values)")
    opts = ap.parse_args(argv)
    scorer, kb, rec = eval_events.load_scorer(), load_kb(), Recorder()
    wrong, lost, anchor_right, checked = Counter(), Counter(), Counter(), Counter()
    rows = []
    for case in eval_events.load_cases(["train", "dev"]):
        rec.before.clear()
        rec.by_event.clear()
        art = Article(text=case["text"], published=date.fromisoformat(case["published"][:10]), published_how="given")
        found = process(art, kb, decide="rules").events
        evs = [_as_dict(e) for e in found]
        for gi, ei in scorer.match(case["events"], evs):
            gold = case["events"][gi]
            if not gold.get("required", True):
                continue
            results = scorer.field_results(gold, evs[ei])
            alone = rec.alone(found[ei].event_id)
            for f in FIELDS:
                if f not in results:
                    continue
                checked[f] += 1
                if results[f]:
                    continue
                wrong[f] += 1
                right = [first for first, e in alone if scorer.field_results(gold, e).get(f)]
                if right:
                    lost[f] += 1
                    anchor_right[f] += any(right)
                    rows.append({"id": case["id"], "field": f, "gold": gold.get(f), "mentions": len(alone),
                                 "system": {k: evs[ei].get(k) for k in ("location", "admin1", "geo_precision",
                                                                         "event_date", "time_precision", "fatalities",
                                                                         "actor1", "actor2")}})
    print(f"{'field':26} {'wrong':>5} {'of':>4} {'lost_at_merge':>13} {'anchor_alone_right':>18}")
    for f in FIELDS:
        print(f"{f:26} {wrong[f]:5} {checked[f]:4} {lost[f]:13} {anchor_right[f]:18}")
    print(f"{'total':26} {sum(wrong.values()):5} {'':4} {sum(lost.values()):13} {sum(anchor_right.values()):18}")
    if opts.out:
        with open(opts.out, "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
