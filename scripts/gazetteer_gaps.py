"""How many names after a place word the gazetteer knows, and the most frequent ones it does not.

    python scripts/gazetteer_gaps.py [--top 60] [--corpus FILE.jsonl]

A place name news writes after a designator ("بلدة X", "قرية X", "حي X", "ناحية X") is almost surely a place, so the
share of such names the gazetteer resolves is a coverage figure that needs no gold; the unknown ones, most frequent
first with an example, are the list to curate from (places_towns.yaml, places_aliases.yaml). Adjectives and
function words after a designator ("المنطقة الآمنة", "من ناحية أخرى") are counted too, so the figure is a floor.
Default corpus: the 1,310-article security subset of SaudiNewsNet.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SUBSET = ROOT.parent / "shared/data/news/saudinewsnet/saudinewsnet_iraq_syria_security_subset.jsonl"
DESIGNATORS = "بلدة|قرية|ناحية|قضاء|مدينة|حي|مخيم|بلدتي|قريتي|مدينتي|منطقة"
NAME = re.compile(r"(?:^|\s)[وفب]?(?:ال)?(?:" + DESIGNATORS + r")\s+([\u0621-\u064a]+(?:\s+[\u0621-\u064a]+)?)")
NOT_NAMES = frozenset("التي الذي في من على إلى الى عن مع حيث بعد قبل بين".split())


def main(argv: list[str] | None = None) -> int:
    from rasd.kb import load_kb
    from rasd.text.normalize import fold

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--top", type=int, default=60)
    ap.add_argument("--corpus", type=Path, default=SUBSET)
    args = ap.parse_args(argv)
    gazetteer = load_kb().gazetteer
    known, missing, example = 0, Counter(), {}
    with args.corpus.open(encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line).get("content") or ""
            for m in NAME.finditer(text):
                words = m.group(1).split()
                if words[0] in NOT_NAMES:
                    continue
                if gazetteer.candidates(fold(" ".join(words[:2]))) or gazetteer.candidates(fold(words[0])):
                    known += 1
                else:
                    missing[words[0]] += 1
                    example.setdefault(words[0], text[max(0, m.start() - 50):m.end() + 30].replace("\n", " "))
    total = known + sum(missing.values())
    print(f"names after a place word: {total}, known {known} ({known / max(total, 1):.1%})")
    for word, n in missing.most_common(args.top):
        print(n, word, "|", example[word])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
