#!/usr/bin/env python3
"""KB coverage of the places the gold events of an evaluation set involve (issue 4; actors: bench_match.py).

    python bench/kb_coverage.py [--dev ../shared/eval/dev]

For each gold event that names a place (location_contains_one_of) or a governorate (admin1_one_of), the evidence
sentence is run through the recogniser, and a place slot counts as resolved when one of the place mentions there,
resolved by the gazetteer, has the English name (location) or the admin1 (governorate) that the gold accepts, by the
scorer's spelling rules (rasd.evaluate). Misses are listed. The set is for measuring only: never add entries for it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rasd.evaluate import check_field  # noqa: E402
from rasd.kb import load_kb  # noqa: E402
from rasd.recognize.mentions import find_mentions  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", type=Path, default=ROOT.parent / "shared/eval/dev")
    args = ap.parse_args()
    kb = load_kb()
    counts = {"location": [0, 0], "admin1": [0, 0]}
    misses = []
    for line in (args.dev / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        for ev in gold["events"]:
            sentence = ev.get("evidence_ar") or ""
            places = []
            for m in find_mentions(sentence, kb):
                if m.kind != "place":
                    continue
                for pid in m.attrs.get("candidates") or [m.value]:
                    try:
                        p = kb.gazetteer.get(pid)
                    except Exception:  # noqa: BLE001
                        continue
                    places.append({"location": p.name_en, "admin1": p.admin1 or (p.name_en if p.kind == "admin1"
                                                                                   else None)})
            for slot, key in (("location", "location_contains_one_of"), ("admin1", "admin1_one_of")):
                if key not in ev:
                    continue
                counts[slot][1] += 1
                if any(check_field(key, ev[key], ev, p) for p in places):
                    counts[slot][0] += 1
                else:
                    misses.append(f"  {gold['gold_id']} {slot} {ev[key][:3]}: found "
                                  f"{sorted({p[slot] or '-' for p in places})[:6]}")
    for slot, (ok, n) in counts.items():
        print(f"{slot}: {ok}/{n} resolved in the evidence sentence ({ok / max(n, 1):.0%})")
    print("misses:")
    print("\n".join(misses))


if __name__ == "__main__":
    main()
