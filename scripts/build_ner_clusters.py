#!/usr/bin/env python3
"""Build the NER model's word-class file from unlabelled news (SaudiNewsNet), reproducibly, on the CPU in minutes.

    python scripts/build_ner_clusters.py OUT.tsv [--corpus DIR] [--limit N]

The CRF in rasd/recognize/ner.py sees each word's row of this file: several nested-granularity distributional
classes (so an unseen name can borrow what the model learnt about names that behave like it) and two
"morphological productivity" bands. Arabic proper names rarely take the article ال or a pronoun / plural suffix,
common nouns and adjectives often do; how often a stem does so in ten million words of news is a strong,
annotation-free cue that a word the training data never saw is a name.

Classes: each frequent folded word is described by PPMI-weighted counts (context-distribution smoothing 0.75) of
the frequent words at offsets -2, -1, +1, +2, reduced by a randomized SVD and grouped by spherical k-means at each
size in --sizes. A cheap stand-in for Brown clusters (no C toolchain, minutes instead of hours).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
from scipy import sparse

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rasd.recognize.ner import FEATURES_VERSION, tokenize  # noqa: E402
from rasd.text.normalize import fold  # noqa: E402

CORPUS = Path("/work/shared/data/news/saudinewsnet/zips")
#: Suffixes a common noun / adjective takes and a personal name almost never does (pronouns, plurals, duals).
NOUN_SUFFIXES = ("ه", "ها", "هم", "هما", "هن", "ات", "ون", "ين", "ان", "كم", "نا")
#: Proclitic strings (on the folded form) that carry the article.
ARTICLE_PREFIXES = ("ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل")
_BARE_PREFIXES = ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل")


def corpus_texts(folder: Path, limit: int = 0) -> Iterator[str]:
    """Article titles and bodies of SaudiNewsNet (a folder of per-day zips of JSON lists), in a fixed order."""
    n = 0
    for zpath in sorted(folder.glob("*.zip")):
        with zipfile.ZipFile(zpath) as z:
            for member in sorted(z.namelist()):
                for article in json.loads(z.read(member)):
                    yield article.get("title", "") + "\n" + article.get("content", "")
                    n += 1
                    if limit and n >= limit:
                        return


def folded_sentences(texts: Iterable[str]) -> list[list[str]]:
    """Each text as a list of folded, lower-cased tokens (the same tokenizer and folding the tagger uses)."""
    return [[fold(t).lower() for t, _, _ in tokenize(text)] for text in texts]


def _band(value: float, cuts: tuple[float, ...]) -> str:
    return str(next((i for i, c in enumerate(cuts) if value < c), len(cuts)))


def productivity(freq: Counter[str], word: str) -> tuple[str, str]:
    """(article band, suffix band) of a bare stem: how often news writes it with ال, and with a noun suffix.

    "-" when the stem is too rare to say. Bands: 0 = never or almost never (a name's profile) ... 3 = often.
    """
    bare = sum(freq.get(p + word, 0) for p in _BARE_PREFIXES)
    art = sum(freq.get(p + word, 0) for p in ARTICLE_PREFIXES)
    suf = sum(freq.get(word + s, 0) + freq.get("ال" + word + s, 0) for s in NOUN_SUFFIXES)
    art_band = _band(art / (art + bare), (0.02, 0.1, 0.3)) if art + bare >= 5 else "-"
    suf_band = _band(suf / (suf + bare + art), (0.02, 0.1, 0.3)) if suf + bare + art >= 5 else "-"
    return art_band, suf_band


def embed(sents: list[list[str]], words: list[str], contexts: int, dims: int, seed: int) -> np.ndarray:
    """Row-normalised SVD embeddings of `words` from PPMI over neighbours at offsets -2..+2."""
    freq_ctx = Counter(w for s in sents for w in s).most_common(contexts)
    ci = {w: i for i, (w, _) in enumerate(freq_ctx)}
    wi = {w: i for i, w in enumerate(words)}
    offsets = (-2, -1, 1, 2)
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    for s in sents:
        ids = np.array([wi.get(w, -1) for w in s], dtype=np.int64)
        cids = np.array([ci.get(w, -1) for w in s], dtype=np.int64)
        for k, off in enumerate(offsets):
            if off < 0:
                r, c = ids[-off:], cids[:off]
            else:
                r, c = ids[:-off], cids[off:]
            ok = (r >= 0) & (c >= 0)
            rows.append(r[ok])
            cols.append(c[ok] + k * len(ci))
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    m = sparse.coo_matrix((np.ones(len(r), dtype=np.float64), (r, c)),
                          shape=(len(words), len(offsets) * len(ci))).tocsr()
    m.sum_duplicates()
    total = m.sum()
    row_sum = np.asarray(m.sum(1)).ravel()
    col_sum = np.asarray(m.sum(0)).ravel() ** 0.75
    col_sum *= total / col_sum.sum()
    coo = m.tocoo()
    pmi = np.log(coo.data * total / (row_sum[coo.row] * col_sum[coo.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep].astype(np.float32), (coo.row[keep], coo.col[keep])), shape=m.shape)
    rng = np.random.default_rng(seed)
    y = ppmi @ rng.standard_normal((ppmi.shape[1], dims + 20)).astype(np.float32)
    for _ in range(2):  # power iterations sharpen the randomized range finder
        y = ppmi @ (ppmi.T @ np.linalg.qr(y)[0])
    q, _ = np.linalg.qr(y)
    _, sv, vt = np.linalg.svd(np.asarray((ppmi.T @ q).T), full_matrices=False)
    emb = np.asarray(ppmi @ vt[:dims].T) / np.sqrt(sv[:dims])[None, :]  # U * S^0.5, then unit rows
    emb /= np.linalg.norm(emb, axis=1, keepdims=True) + 1e-9
    return emb.astype(np.float32)


def kmeans(emb: np.ndarray, k: int, rng: np.random.Generator, iterations: int = 15) -> np.ndarray:
    """Spherical k-means (cosine), computed in row blocks to keep memory flat; returns each row's class."""
    k = min(k, len(emb))
    centres = emb[rng.choice(len(emb), k, replace=False)].copy()
    assign = np.zeros(len(emb), dtype=np.int64)
    for _ in range(iterations):
        for start in range(0, len(emb), 20000):
            assign[start:start + 20000] = (emb[start:start + 20000] @ centres.T).argmax(1)
        sums = np.zeros_like(centres)
        np.add.at(sums, assign, emb)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        centres = np.where(norms > 0, sums / (norms + 1e-9), centres)
    return assign


def build(sents: list[list[str]], out: Path, vocab: int = 80000, min_count: int = 5, contexts: int = 3000,
          dims: int = 150, sizes: tuple[int, ...] = (32, 128, 512, 2048), seed: int = 7) -> int:
    """Write `word<TAB>class per size...<TAB>article band<TAB>suffix band`, most frequent word first."""
    freq = Counter(w for s in sents for w in s)
    words = [w for w, n in freq.most_common(vocab) if n >= min_count]
    emb = embed(sents, words, contexts, dims, seed)
    rng = np.random.default_rng(seed)
    columns = [kmeans(emb, k, rng) for k in sizes]
    lines = [f"# {FEATURES_VERSION}",
             "# folded word<TAB>" + "<TAB>".join(f"class of {k}" for k in sizes) + "<TAB>article band<TAB>suffix band",
             f"# built by scripts/build_ner_clusters.py from {sum(map(len, sents))} tokens of unlabelled news"]
    for i, w in enumerate(words):
        lines.append("\t".join([w, *(str(int(col[i])) for col in columns), *productivity(freq, w)]))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(words)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="folder of SaudiNewsNet day zips")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N articles")
    ap.add_argument("--vocab", type=int, default=80000)
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--contexts", type=int, default=3000)
    ap.add_argument("--dims", type=int, default=150)
    ap.add_argument("--sizes", default="32,128,512,2048")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    sents = folded_sentences(corpus_texts(args.corpus, args.limit))
    n = build(sents, args.out, args.vocab, args.min_count, args.contexts, args.dims,
              tuple(int(k) for k in args.sizes.split(",")))
    print(f"{n} words from {sum(map(len, sents))} tokens in {time.perf_counter() - t0:.0f}s -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
