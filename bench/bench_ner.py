#!/usr/bin/env python3
"""Throughput of the NER taggers: tokens/s for tag_tokens over ANERcorp test sentences, for tag_sentences on them
as one document, for entities() on the whole text and for entities() one sentence at a time (the pipeline's use).

    PYTHONPATH=. python bench/bench_ner.py [--conll FILE] [--repeat N] [--backend crf neural]
Single process, one core; load time reported separately. The neural backend pads all the sentences of one call
into one batch, so it is fastest on tag_sentences and slowest one sentence at a time.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from rasd.recognize.ner import BACKENDS, load_tagger, read_token_lines, tokenize

DEFAULT = Path("/work/shared/data/ner/ANERCorp_test_recon_camelsplit.txt")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--conll", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--model", type=Path, help="a model file of the (single) backend benchmarked")
    ap.add_argument("--backend", nargs="+", choices=BACKENDS, default=list(BACKENDS))
    args = ap.parse_args()
    for backend in args.backend:
        print(f"== {backend}")
        bench(args, backend)


def bench(args: argparse.Namespace, backend: str) -> None:
    t0 = time.perf_counter()
    tagger = load_tagger(backend, args.model)
    print(f"load: {time.perf_counter() - t0:.2f}s")

    sentences: list[list[str]] = [[]]
    for tok in read_token_lines(args.conll):
        if tok is not None:
            sentences[-1].append(tok)
        elif sentences[-1]:
            sentences.append([])
    sentences = [s for s in sentences if s]
    n_tokens = sum(map(len, sentences))

    def rate(run) -> tuple[float, float]:
        """Seconds for `args.repeat` runs of `run`, and tokens/s over the sentences."""
        t0 = time.perf_counter()
        for _ in range(args.repeat):
            run()
        dt = time.perf_counter() - t0
        return dt, args.repeat * n_tokens / dt

    lines = [" ".join(s) for s in sentences]
    dt, tps = rate(lambda: [tagger.tag_tokens(sent) for sent in sentences])
    print(f"tag_tokens: {args.repeat * n_tokens} tokens in {dt:.2f}s = {tps:,.0f} tokens/s")
    print(f"tag_sentences (one document): {rate(lambda: tagger.tag_sentences(sentences))[1]:,.0f} tokens/s")
    print(f"entities per sentence: {rate(lambda: [tagger.entities(line) for line in lines])[1]:,.0f} tokens/s")

    text = "\n".join(lines)
    n_text_tokens = len(tokenize(text))
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        mentions = tagger.entities(text)
    dt = time.perf_counter() - t0
    print(f"entities: {args.repeat * n_text_tokens} tokens in {dt:.2f}s = {args.repeat * n_text_tokens / dt:,.0f} "
          f"tokens/s ({len(mentions)} mentions per pass, {len(text):,} chars)")


if __name__ == "__main__":
    main()
