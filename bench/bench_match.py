#!/usr/bin/env python3
"""Benchmark: KB load time, automaton build time and dictionary-matching throughput.

Runs `rasd.recognize.mentions.find_mentions` over the 1,310-article Iraq/Syria security subset of SaudiNewsNet
(../shared/data/news/...) and prints articles/s, mentions/s and MB/s. Uses the real KB (`load_kb`) and falls back
to an empty gazetteer, saying so, when rasd.kb.gazetteer is not available.
    python bench/bench_match.py [--path FILE.jsonl] [--limit N] [--coverage ../shared/eval/dev]

--coverage measures, on an evaluation set (gold.jsonl + articles.jsonl), the share of gold actor slots
(actor1_contains, actor1_contains_one_of, actor2_contains_one_of) for which an actor mention's English name
contains an expected string, in the gold evidence sentence and anywhere in the article, and lists the misses.
The evaluation set is for measuring only: never add entries for its articles.
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


def coverage(kb: object, dev: Path) -> None:
    """Print the actor-recognition coverage of the gold events of an evaluation set (see module docstring)."""
    articles = {}
    for line in (dev / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        a = json.loads(line)
        articles[a.get("gold_id") or a.get("id")] = a.get("title", "") + "\n" + (a.get("content") or a.get("text") or "")
    total = in_sentence = in_article = 0
    misses = []
    for line in (dev / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        art_labels = [m.label for m in find_mentions(articles.get(gold["gold_id"], ""), kb) if m.kind == "actor"]
        for event in gold["events"]:
            sentence = event.get("evidence_ar", "")
            labels = [m.label for m in find_mentions(sentence, kb) if m.kind == "actor"]
            for key in ("actor1_contains", "actor1_contains_one_of", "actor2_contains_one_of"):
                wanted = event.get(key)
                if not wanted:
                    continue
                total += 1
                ok_s = any(w.lower() in lab.lower() for w in wanted for lab in labels)
                ok_a = any(w.lower() in lab.lower() for w in wanted for lab in art_labels)
                in_sentence += ok_s
                in_article += ok_a
                if not ok_s:
                    misses.append(f"  {gold['gold_id']} {key}={wanted} in article: {ok_a}; sentence actors: "
                                  f"{sorted(set(labels))}; {sentence[:90]}")
    print(f"actor slots: {total}; recognised in the evidence sentence: {in_sentence} ({in_sentence / total:.0%}); "
          f"anywhere in the article: {in_article} ({in_article / total:.0%})")
    print("misses in the evidence sentence:")
    print("\n".join(misses))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--coverage", type=Path, help="evaluation set folder with gold.jsonl and articles.jsonl")
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
    if args.coverage:
        coverage(kb, args.coverage)


if __name__ == "__main__":
    main()
