#!/usr/bin/env python3
"""Pre-train subword word embeddings for the neural NER tagger on unlabelled news (SaudiNewsNet), reproducibly.

    python scripts/build_ner_embeddings.py OUT.npz [--corpus DIR] [--dim 100] [--epoch 5]

fastText skip-gram (Bojanowski et al. 2017) over the folded, tokenized news (the same `tokenize` + `fold` the
tagger uses), one thread so the run is deterministic. A word is the mean of its own vector and its character
n-gram vectors, so a name the labelled data never saw still gets a vector from its pieces and from the contexts
the news used it in. The export (what rasd/recognize/ner_neural.py reads; no fastText at run time):

  vocab      the `--vocab` most frequent words (count >= --min-count), most frequent first
  vocab_q    their full vectors, int8 with one float16 scale per row (`vocab_s`)
  ngram_q    the hashed n-gram table (--bucket rows), int8 + `ngram_s`: an unseen word's vector is the mean of the
             rows of its n-grams, exactly as fastText computes it (`rasd.recognize.ner_neural.ngram_rows`)
  minn, maxn the n-gram lengths

The fastText package (fasttext-wheel, MIT) is a training-time dependency only.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_ner_clusters import CORPUS, corpus_texts  # noqa: E402

from rasd.recognize.ner_features import tokenize  # noqa: E402
from rasd.recognize.ner_neural import pack_words, quantize  # noqa: E402
from rasd.text.normalize import fold  # noqa: E402


def write_corpus(folder: Path, out: Path, limit: int = 0) -> int:
    """Folded, lower-cased tokens of every article, one article a line; returns the token count."""
    n = 0
    with out.open("w", encoding="utf-8") as f:
        for text in corpus_texts(folder, limit):
            toks = [fold(t).lower() for t, _, _ in tokenize(text)]
            f.write(" ".join(toks) + "\n")
            n += len(toks)
    return n


def build(corpus: Path, out: Path, dim: int = 100, epoch: int = 5, minn: int = 2, maxn: int = 5,
          bucket: int = 60_000, vocab: int = 50_000, min_count: int = 3, limit: int = 0) -> int:
    """Train and export; returns the number of vocabulary rows written."""
    import fasttext  # training-time only

    with tempfile.TemporaryDirectory() as tmp:
        text = Path(tmp) / "news.txt"
        t0 = time.perf_counter()
        n_tokens = write_corpus(corpus, text, limit)
        print(f"corpus: {n_tokens} tokens in {time.perf_counter() - t0:.0f}s", flush=True)
        t0 = time.perf_counter()
        model = fasttext.train_unsupervised(str(text), model="skipgram", dim=dim, epoch=epoch, minn=minn, maxn=maxn,
                                            bucket=bucket, minCount=min_count, thread=1, verbose=0)
        print(f"fastText skip-gram dim={dim} epoch={epoch} in {time.perf_counter() - t0:.0f}s", flush=True)
    words, counts = model.get_words(include_freq=True)
    keep = [w for w, c in zip(words, counts, strict=True) if c >= min_count and w != "</s>"][:vocab]
    vectors = np.stack([model.get_word_vector(w) for w in keep]).astype(np.float32)
    matrix = model.get_input_matrix()
    ngrams = np.asarray(matrix[len(words):], dtype=np.float32)
    vq, vs = quantize(vectors)
    nq, ns = quantize(ngrams)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez(out, vocab=pack_words(keep), vocab_q=vq, vocab_s=vs, ngram_q=nq, ngram_s=ns,
             minn=np.int32(minn), maxn=np.int32(maxn))
    return len(keep)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--limit", type=int, default=0, help="use only the first N articles")
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--epoch", type=int, default=5)
    ap.add_argument("--bucket", type=int, default=60_000)
    ap.add_argument("--vocab", type=int, default=50_000)
    ap.add_argument("--min-count", type=int, default=3)
    args = ap.parse_args(argv)
    n = build(args.corpus, args.out, dim=args.dim, epoch=args.epoch, bucket=args.bucket, vocab=args.vocab,
              min_count=args.min_count, limit=args.limit)
    print(f"{n} words, {args.bucket} n-gram rows -> {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
