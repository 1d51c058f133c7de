"""Dump every event (and optionally every mention) the pipeline finds on the SaudiNewsNet security subset, as JSON
lines, so a performance change can be checked for byte-identical output against a baseline dump.

    python bench/dump_events.py OUT.jsonl [--input SUBSET.jsonl] [--limit N] [--mentions]
    cmp base.jsonl new.jsonl   # or: diff <(...) <(...)

One line per article: {"i": index, "events": [Event.to_dict()...]} (with --mentions also "mentions"). Articles are
built exactly as bench/bench_pipeline.py builds them (title + blank line + content, date_extracted as published).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT = ROOT.parent / "shared/data/news/saudinewsnet/saudinewsnet_iraq_syria_security_subset.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--input", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--mentions", action="store_true", help="also dump every mention (stricter check)")
    args = ap.parse_args()
    from rasd.kb import load_kb
    from rasd.model import Article
    from rasd.pipeline import process

    kb = load_kb()
    n_events = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for i, line in enumerate(Path(args.input).read_text(encoding="utf-8").splitlines()):
            if args.limit and i >= args.limit:
                break
            rec = json.loads(line)
            pub = date.fromisoformat(str(rec.get("date_extracted") or "2015-07-21")[:10])
            article = Article(text=(rec.get("title") or "") + "\n\n" + (rec.get("content") or ""), published=pub)
            result = process(article, kb)
            row: dict = {"i": i, "events": [e.to_dict() for e in result.events]}
            if args.mentions:
                row["mentions"] = [m.to_dict() for m in result.mentions]
            n_events += len(result.events)
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=True, default=str) + "\n")
    print(f"articles={i + 1 if not args.limit else min(args.limit, i + 1)} events={n_events} -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
