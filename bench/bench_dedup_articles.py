"""Near-duplicate clustering of the SaudiNewsNet corpus (30,998 articles from 14 Saudi outlets, July-August 2015).

Prints the figures (articles, exact duplicates, clusters, multi-article clusters, largest clusters, articles/s) and
a random sample of clusters (outlet + title of each member) to check by eye, plus the exact Jaccard similarity of
each sampled pair to check the MinHash estimate.

    PYTHONPATH=. python bench/bench_dedup_articles.py [--threshold 0.5] [--sample 8] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import random
import time
import zipfile
from collections import defaultdict
from pathlib import Path

from rasd.errors import InputError
from rasd.ingest.dedup_articles import DEFAULT_THRESHOLD, NearDuplicateIndex, jaccard, shingles
from rasd.ingest.sources import article_from_record

ZIPS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "saudinewsnet" / "zips"


def records(limit: int | None):
    n = 0
    for path in sorted(ZIPS.glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                for rec in json.loads(zf.read(name)):
                    yield rec
                    n += 1
                    if limit and n >= limit:
                        return


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    ap.add_argument("--sample", type=int, default=8)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--largest", type=int, default=2, help="Also print the members of the N largest clusters.")
    args = ap.parse_args()
    arts, empty = [], 0
    for r in records(args.limit):
        try:
            arts.append(article_from_record(r, "saudinewsnet", None))
        except InputError:
            empty += 1
    index = NearDuplicateIndex(threshold=args.threshold)
    t0 = time.perf_counter()
    for a in arts:
        index.add(a.article_id, a.text)
    elapsed = time.perf_counter() - t0
    unique = {a.article_id: a for a in arts}
    members: dict[str, list] = defaultdict(list)
    for aid, cid in index.clusters.items():
        members[cid].append(unique[aid])
    summary = index.summary(top=10)
    outlets_multi = sum(1 for m in members.values() if len({a.outlet for a in m}) > 1)
    print(f"records {len(arts) + empty} ({empty} without text), exact duplicates {len(arts) - len(unique)}, threshold {args.threshold}")
    print(json.dumps(summary))
    print(f"clusters spanning several outlets: {outlets_multi}; {len(unique) / elapsed:.0f} articles/s")
    rng = random.Random(6)
    multi = [m for m in members.values() if len(m) > 1]
    largest = sorted(multi, key=len, reverse=True)[:args.largest]
    for group in rng.sample(multi, min(args.sample, len(multi))) + largest:
        first = shingles(group[0].text)
        print(f"\n--- cluster of {len(group)}")
        for a in group[:6] if len(group) < 10 else group[:: max(1, len(group) // 10)]:
            print(f"  {jaccard(first, shingles(a.text)):.2f}  {a.outlet:12} {a.title[:90]}")


if __name__ == "__main__":
    main()
