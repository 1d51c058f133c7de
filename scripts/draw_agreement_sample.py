"""Draw the articles of ../shared/eval/train that a second annotator codes blind, to measure how far two annotators
agree (tests/data/agreement_s17, session 17).

    python scripts/draw_agreement_sample.py [--seed 17] [--with-events 18] [--without 6] \
        [--out tests/data/agreement_s17/articles.jsonl]

The draw is deterministic (one random.Random(seed)) and reads, of the official gold, only how many events each
article has: the article ids are split into those with at least one gold event (required or not) and those with
none, each list sorted by gold_id, and `--with-events` and `--without` ids are sampled from them. Nothing of the gold
but those counts is read into the draw, and nothing of it is printed, so the second annotator can code the drawn
articles without having seen a gold event. The drawn articles are copied unchanged (eval format: gold_id, source,
url, date_extracted, title, content), in gold_id order; the script prints the drawn ids only.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "eval" / "train"


def event_counts(gold_path: Path) -> dict[str, int]:
    """gold_id -> how many events the gold lists for it (the events themselves are not kept)."""
    counts = {}
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            counts[row["gold_id"]] = len(row.get("events") or [])
    return counts


def draw(counts: dict[str, int], seed: int, with_events: int, without: int) -> list[str]:
    """The drawn gold_ids, sorted: `with_events` articles with at least one gold event and `without` with none."""
    rng = random.Random(seed)
    some = sorted(g for g, n in counts.items() if n > 0)
    none = sorted(g for g, n in counts.items() if n == 0)
    return sorted(rng.sample(some, with_events) + rng.sample(none, without))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--with-events", type=int, default=18)
    parser.add_argument("--without", type=int, default=6)
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "data" / "agreement_s17" / "articles.jsonl")
    args = parser.parse_args(argv)
    ids = draw(event_counts(TRAIN / "gold.jsonl"), args.seed, args.with_events, args.without)
    wanted = set(ids)
    rows = []
    for line in (TRAIN / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip() and json.loads(line)["gold_id"] in wanted:
            rows.append(line)
    rows.sort(key=lambda r: json.loads(r)["gold_id"])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(" ".join(ids))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
