#!/usr/bin/env python3
"""Build rasd/samples/sample.jsonl, the bundled demo input, from ../shared (deterministic: same inputs, same file).

Contents: the seed fixture article (published 2020-01-16), then up to 200 real articles of the SaudiNewsNet
Iraq/Syria security subset, spread across outlets and days. Articles whose URL is in the held-out evaluation set
(shared/eval/dev/articles.jsonl) are never included, so the demo cannot leak the evaluation.

    python scripts/build_sample.py [--shared ../shared] [--out rasd/samples/sample.jsonl] [--n 200]

Licence of the output: SaudiNewsNet is CC BY-NC-SA 4.0 (copyright stays with the papers); see ATTRIBUTION.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUBSET = "data/news/saudinewsnet/saudinewsnet_iraq_syria_security_subset.jsonl"
DEV = "eval/dev/articles.jsonl"
SEED = "fixtures/seed/article.txt"
SEED_PUBLISHED = "2020-01-16"
FIELDS = ("source", "url", "date_extracted", "title", "author", "content")
MAX_BYTES = 2_000_000
MIN_CHARS, MAX_CHARS = 300, 9000


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _interleave(groups: dict[str, list[dict]]) -> list[dict]:
    """Round-robin over the groups (sorted by name), so every group contributes before any gives a second item."""
    queues = [list(groups[name]) for name in sorted(groups)]
    out: list[dict] = []
    while any(queues):
        for q in queues:
            if q:
                out.append(q.pop(0))
    return out


def seed_record(shared: Path) -> dict:
    """The seed article as a record: first line is the title, the rest the content (as the .txt file reads)."""
    text = (shared / SEED).read_text(encoding="utf-8").strip()
    title, _, content = text.partition("\n")
    return {"source": "seed-fixture", "url": None, "published": SEED_PUBLISHED, "title": title.strip(),
            "author": "", "content": content.strip()}


def pick(shared: Path, n: int) -> list[dict]:
    """Deterministic spread: per outlet, days round-robin (hash order within a day); then outlets round-robin."""
    dev = [json.loads(line) for line in (shared / DEV).open(encoding="utf-8") if line.strip()]
    held_out = {d.get("url") for d in dev}
    seen_text: set[str] = {_key(" ".join((d.get("content") or "").split())) for d in dev}  # never a held-out text
    by_outlet_day: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for line in (shared / SUBSET).open(encoding="utf-8"):
        if not line.strip():
            continue
        rec = json.loads(line)
        content = (rec.get("content") or "").strip()
        if rec.get("url") in held_out or not rec.get("url") or not (MIN_CHARS <= len(content) <= MAX_CHARS):
            continue
        digest = _key(" ".join(content.split()))
        if digest in seen_text:
            continue
        seen_text.add(digest)
        day = str(rec.get("date_extracted") or "")[:10]
        by_outlet_day[rec.get("source") or "?"][day].append({f: rec.get(f) for f in FIELDS})
    per_outlet = {}
    for outlet, days in by_outlet_day.items():
        for day in days:
            days[day].sort(key=lambda r: _key(r["url"]))
        per_outlet[outlet] = _interleave(days)
    return _interleave(per_outlet)[:n]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "rasd" / "samples" / "sample.jsonl")
    parser.add_argument("--n", type=int, default=200, help="how many SaudiNewsNet articles (default 200)")
    args = parser.parse_args(argv)
    records = [seed_record(args.shared), *pick(args.shared, args.n)]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    while sum(len(x.encode("utf-8")) + 1 for x in lines) > MAX_BYTES:  # keep the package small: drop from the end
        lines.pop()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    size = args.out.stat().st_size
    outlets = len({json.loads(x)["source"] for x in lines})
    print(f"wrote {len(lines)} articles ({outlets} outlets, {size:,} bytes) to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
