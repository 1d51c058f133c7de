#!/usr/bin/env python3
"""Throughput of the NER tagger: tokens/s for tag_tokens over ANERcorp test sentences, for tag_sentences on them
as one document, for entities() on the whole text and for entities() one sentence at a time (the pipeline's use).

    PYTHONPATH=. python bench/bench_ner.py [--conll FILE] [--repeat N]
Single process, one core; load time reported separately.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from rasd.recognize.ner import NerTagger, read_token_lines, tokenize

DEFAULT = Path("/work/shared/data/ner/ANERCorp_test_recon_camelsplit.txt")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--conll", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--model", type=Path)
    args = ap.parse_args()

    t0 = time.perf_counter()
    tagger = NerTagger.load(args.model)
    print(f"load: {time.perf_counter() - t0:.2f}s")

    sentences: list[list[str]] = [[]]
    for tok in read_token_lines(args.conll):
        if tok is not None:
            sentences[-1].append(tok)
        elif sentences[-1]:
            sentences.append([])
    sentences = [s for s in sentences if s]
    n_tokens = sum(map(len, sentences))

    t0 = time.perf_counter()
    for _ in range(args.repeat):
        for sent in sentences:
            tagger.tag_tokens(sent)
    dt = time.perf_counter() - t0
    print(f"tag_tokens: {args.repeat * n_tokens} tokens in {dt:.2f}s = {args.repeat * n_tokens / dt:,.0f} tokens/s")

    t0 = time.perf_counter()
    for _ in range(args.repeat):
        tagger.tag_sentences(sentences)
    dt = time.perf_counter() - t0
    print(f"tag_sentences (one document): {args.repeat * n_tokens / dt:,.0f} tokens/s")

    lines = [" ".join(s) for s in sentences]
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        for line in lines:
            tagger.entities(line)
    dt = time.perf_counter() - t0
    print(f"entities per sentence: {args.repeat * n_tokens / dt:,.0f} tokens/s")

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
