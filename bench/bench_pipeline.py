"""Throughput and memory of the whole per-article pipeline (issue 5): articles/s on one core, peak RSS.

    python bench/bench_pipeline.py [--input ../shared/data/news/saudinewsnet/saudinewsnet_iraq_syria_security_subset.jsonl]
                                   [--limit N] [--stages] [--gc-freeze]

Runs rasd.pipeline.process over text articles in this process (one core), after loading the KB once, and reports
articles/s (wall and CPU), events found, and peak resident memory. `--stages` also times each stage (CPU ms per
article; the wrappers add a little overhead). `--gc-freeze` moves the loaded KB out of the garbage collector's
reach (gc.freeze()), as a long-running worker would, so collections stop re-scanning it. Figures go in the issue
notes; nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT = ROOT.parent / "shared/data/news/saudinewsnet/saudinewsnet_iraq_syria_security_subset.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--input", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--stages", action="store_true", help="CPU time per stage")
    ap.add_argument("--gc-freeze", action="store_true", help="gc.freeze() after loading the KB")
    args = ap.parse_args()
    from rasd.kb import load_kb
    from rasd.model import Article
    from rasd.pipeline import process

    t0 = time.perf_counter()
    kb = load_kb()
    process(Article(text="هجوم في بغداد", published=date(2020, 1, 1)), kb)  # builds the automaton and models
    from rasd.recognize.ner import NerTagger
    from rasd.recognize.unlisted import sound_index

    NerTagger.load()  # the warm-up article needs no NER: load the model (and the sound index) before timing
    sound_index(kb.gazetteer)
    load_s = time.perf_counter() - t0
    articles = []
    for line in Path(args.input).read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        pub = date.fromisoformat(str(rec.get("date_extracted") or "2015-07-21")[:10])
        articles.append(Article(text=(rec.get("title") or "") + "\n\n" + (rec.get("content") or ""), published=pub))
        if args.limit and len(articles) >= args.limit:
            break
    chars = sum(len(a.text) for a in articles)
    stages = _time_stages() if args.stages else None
    if args.gc_freeze:
        gc.freeze()
    events = 0
    w0, c0 = time.perf_counter(), time.process_time()
    for a in articles:
        events += len(process(a, kb).events)
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles={len(articles)} chars={chars} events={events}")
    print(f"kb+warmup={load_s:.2f}s wall={wall:.1f}s cpu={cpu:.1f}s "
          f"articles/s(wall)={len(articles) / wall:.1f} articles/s(cpu)={len(articles) / cpu:.1f} "
          f"chars/s(cpu)={chars / cpu:,.0f} peak_rss={peak_mb:.0f}MB")
    if stages is not None:
        for name, secs in sorted(stages.items(), key=lambda kv: -kv[1]):
            print(f"  {name:<22} {1000 * secs / len(articles):6.2f} ms/article  {100 * secs / cpu:5.1f}%")
    return 0


def _time_stages() -> dict[str, float]:
    """Wrap each component of rasd.pipeline.components() (under its own name), and inside the NER component the
    choice of sentences and the tagger, with a CPU timer; returns the dict the timers add to."""
    import rasd.pipeline as pipeline
    from rasd.recognize.ner import NerTagger

    spent: dict[str, float] = {}

    def timed(inner, label: str):
        def run(*a: object, **k: object) -> object:
            t = time.process_time()
            try:
                return inner(*a, **k)
            finally:
                spent[label] = spent.get(label, 0.0) + time.process_time() - t

        return run

    pipeline._COMPONENTS = tuple(replace(c, run=timed(c.run, c.name)) for c in pipeline._COMPONENTS)
    pipeline.ner_sentences = timed(pipeline.ner_sentences, "ner: choosing sentences")
    NerTagger.entities = timed(NerTagger.entities, "ner: CRF tagging")
    return spent


if __name__ == "__main__":
    sys.exit(main())
