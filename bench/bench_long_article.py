"""Extraction time against article length: is the cost per article linear in its length?

    python bench/bench_long_article.py [--sizes 5,20,50,100,200,500,1000] [--cap CHARS]

Each article is real news text: the SaudiNewsNet security subset's articles joined (blank line between them) until
the wanted size in KB of UTF-8 is reached, so the text has the density of triggers, places and dates of real
reports (a repeated single article would let the memoised stages cheat). The text cap
(rasd.pipeline.MAX_TEXT_CHARS) is off unless `--cap` is given, so the whole text is processed. Prints one row
per size: KB, characters, seconds, events, and seconds per 100 KB (flat when the cost is linear).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT = ROOT.parent / "shared/data/news/saudinewsnet/saudinewsnet_iraq_syria_security_subset.jsonl"


def long_text(source: Path, kb_wanted: int) -> str:
    """Real articles joined until the text holds `kb_wanted` KB of UTF-8 (cut at the last article that fits)."""
    parts: list[str] = []
    size = 0
    with source.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            body = ((rec.get("title") or "") + "\n\n" + (rec.get("content") or "")).strip()
            parts.append(body)
            size += len(body.encode("utf-8")) + 2
            if size >= kb_wanted * 1024:
                break
    text = "\n\n".join(parts)
    return text.encode("utf-8")[: kb_wanted * 1024].decode("utf-8", "ignore")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--input", default=str(DEFAULT))
    ap.add_argument("--sizes", default="5,20,50,100,200,500,1000", help="article sizes in KB")
    ap.add_argument("--cap", type=int, default=0, help="text cap in characters (0: none)")
    args = ap.parse_args()
    from datetime import date

    from rasd import pipeline
    from rasd.kb import load_kb
    from rasd.model import Article

    pipeline.MAX_TEXT_CHARS = args.cap  # 0: no cap
    pipeline.ARTICLE_TIME_LIMIT_S = 0  # measure, never stop
    kb = load_kb()
    pipeline.process(Article(text=long_text(Path(args.input), 5), published=date(2015, 7, 21)), kb)  # warm-up
    print(f"{'KB':>6} {'chars':>9} {'seconds':>8} {'events':>7} {'s/100KB':>8}")
    for kb_size in (int(s) for s in args.sizes.split(",")):
        text = long_text(Path(args.input), kb_size)
        started = time.perf_counter()
        result = pipeline.process(Article(text=text, published=date(2015, 7, 21)), kb)
        took = time.perf_counter() - started
        print(f"{kb_size:>6} {len(text):>9} {took:>8.2f} {len(result.events):>7} {100 * took / kb_size:>8.3f}",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
