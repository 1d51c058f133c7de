"""Development view of `rasd eval`: per-article misses, failed fields and extra events on a gold set.

    python scripts/dev_eval.py [--gold ../shared/eval/dev/gold.jsonl] [--articles ...] [--only ID]

Same scoring as `rasd eval` (rasd.evaluate, which follows ../shared/eval/score.py); the KB loads once.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default=str(SHARED / "eval/dev/gold.jsonl"))
    ap.add_argument("--articles", default=str(SHARED / "eval/dev/articles.jsonl"))
    ap.add_argument("--only", action="append", help="gold_id to run (repeatable)")
    ap.add_argument("--evidence", action="store_true", help="print the text around each extra event's trigger")
    args = ap.parse_args()
    from rasd.evaluate import Report, field_results, match
    from rasd.kb import load_kb
    from rasd.model import Article
    from rasd.pipeline import process

    kb = load_kb()
    texts = {}
    for line in Path(args.articles).read_text(encoding="utf-8").splitlines():
        a = json.loads(line)
        texts[a["gold_id"]] = (a.get("title") or "") + "\n\n" + (a.get("content") or "")
    report = Report()
    for line in Path(args.gold).read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        if args.only and g["gold_id"] not in args.only:
            continue
        result = process(Article(text=texts[g["gold_id"]], published=date.fromisoformat(g["published"])), kb)
        events = [e.to_dict() for e in result.events]
        report.add(g["gold_id"], g["events"], events)
        d = report.details[-1]
        print(f"{g['gold_id']} pub={g['published']} gold={d['gold']} sys={d['system']} tp={d['tp']} fp={d['fp']}")
        for gi, ei in match(g["events"], events):
            gold = g["events"][gi]
            bad = [k for k, ok in field_results(gold, events[ei]).items() if not ok]
            if bad and gold.get("required", True):
                print(f"   ~ {gold['name'][:70]}")
                for k in bad:
                    print(f"       {k}: gold={gold[k]!r} sys={_value(k, events[ei])!r}")
        for name in d["missed"]:
            print(f"   - MISSED {name[:90]}")
        matched = {ei for _, ei in match(g["events"], events)}
        for ei, ev in enumerate(events):
            if ei in matched:
                continue
            print(f"   + EXTRA {ev.get('notes', '')[:150]}")
            span = result.events[ei].evidence.get("event_type")
            if args.evidence and span is not None:
                text = texts[g["gold_id"]]
                print(f"         «{text[max(0, span.start - 120):span.start]}[[{span.text}]]{text[span.end:span.end + 80]}»"
                      .replace("\n", " "))
    print("\n".join(report.lines()))
    return 0


def _value(key: str, ev: dict):
    if key.startswith("actor"):
        return ev.get("actor1"), ev.get("actor2")
    if key == "point":
        return ev.get("latitude"), ev.get("longitude")
    base = key.replace("_one_of", "").replace("_contains", "").replace("_at_least", "").replace("_between", "")
    return ev.get(base, ev.get(key))


if __name__ == "__main__":
    sys.exit(main())
