#!/usr/bin/env python3
"""Benchmark: KB load time, automaton build time and dictionary-matching throughput.

Runs `rasd.recognize.mentions.find_mentions` over the 1,310-article Iraq/Syria security subset of SaudiNewsNet
(../shared/data/news/...) and prints articles/s, mentions/s and MB/s. Uses the real KB (`load_kb`) and falls back
to an empty gazetteer, saying so, when rasd.kb.gazetteer is not available.
    python bench/bench_match.py [--path FILE.jsonl] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rasd.errors import KBError  # noqa: E402
from rasd.kb import build_kb, load_kb  # noqa: E402
from rasd.recognize.mentions import build_automaton, find_mentions  # noqa: E402

DEFAULT = ROOT.parent / "shared/data/news/saudinewsnet/saudinewsnet_iraq_syria_security_subset.jsonl"


class EmptyGazetteer:
    """Stand-in when the gazetteer module is missing: no places."""

    def surface_forms(self) -> Iterator[tuple[str, str]]:
        return iter(())

    def countries_by_adjective(self) -> dict[str, str]:
        return {}

    def country(self, iso3: str) -> None:
        raise KeyError(iso3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    texts = [json.loads(line)["content"] for line in args.path.read_text(encoding="utf-8").splitlines() if line]
    if args.limit:
        texts = texts[: args.limit]

    t0 = time.perf_counter()
    try:
        kb = load_kb()
        note = ""
    except KBError as exc:
        kb = build_kb(EmptyGazetteer())
        note = f" (gazetteer unavailable: {exc}; places not matched)"
    t1 = time.perf_counter()
    build_automaton(kb)
    t2 = time.perf_counter()
    print(f"KB load: {t1 - t0:.2f} s{note}; automaton build: {t2 - t1:.2f} s; {kb.stats()}")

    kinds: Counter = Counter()
    chars = 0
    t3 = time.perf_counter()
    for text in texts:
        chars += len(text)
        for m in find_mentions(text, kb):
            kinds[m.kind] += 1
    dt = time.perf_counter() - t3
    n = sum(kinds.values())
    print(f"{len(texts)} articles, {chars / 1e6:.1f} M chars, {n} mentions in {dt:.2f} s: "
          f"{len(texts) / dt:.0f} articles/s, {n / dt:.0f} mentions/s, {chars / dt / 1e6:.2f} M chars/s")
    print("mentions by kind:", dict(kinds.most_common()))


if __name__ == "__main__":
    main()
