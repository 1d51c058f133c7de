#!/usr/bin/env python3
"""Train rasd's CRF NER model (rasd/recognize/ner.py) from ../shared/data, reproducibly, on the CPU in minutes.

    python scripts/train_ner.py                      # train on ANERcorp train, evaluate, write the packaged model
    python scripts/train_ner.py --tune               # first pick c1/c2 on a held-out tenth of train (not the test)
    python scripts/train_ner.py --train MY.conll --out-dir /tmp/m --no-geonames --no-anergazet

Inputs (defaults under /work/shared/data, override with flags):
  --train      `token TAG` per line, blank line between sentences (ANERcorp, CAMeL split reconstruction)
  --test       same format, scored after training (optional)
  --caraner    CAraNER CSV (Revised_Label; TIT -> O, MIS -> MISC), scored after training (optional)
  --anergazet  Benajiba's AlignedLoc/Org/PersGazetteer.txt (research use) -> gazetteer features
  --geonames   GeoNames cities500 JSONL (CC BY 4.0): Arabic alternate names -> LOC gazetteer features
Outputs: <out-dir>/<name>.crfsuite and <name>.gaz.tsv, and (with --eval-dir) gold/pred files for
/work/shared/eval/ner_score.py.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import pycrfsuite

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rasd.recognize.ner import (  # noqa: E402
    CLUSTERS_SUFFIX,
    FEATURES_VERSION,
    GAZ_SUFFIX,
    MODELS_DIR,
    PASS1_SUFFIX,
    Clusters,
    Gazetteer,
    NerTagger,
    add_memory_features,
    bio_spans,
    companion_path,
    document_memory,
    read_clusters,
    sentence_features,
    token_key,
    tokenize,
)
from rasd.text.normalize import fold  # noqa: E402

DATA = Path("/work/shared/data")
Sentence = list[tuple[str, str]]
_ARABIC_NAME_RE = re.compile(r"^[\u0621-\u064A ]+$")


def norm_tag(tag: str) -> str:
    """ANERcorp / CAraNER tag -> B-/I- PERS, LOC, ORG, MISC or O."""
    tag = tag.strip().replace("_", "-")
    if not tag or tag == "O" or tag.endswith("TIT"):
        return "O"
    prefix, _, typ = tag.partition("-")
    typ = {"PER": "PERS", "MIS": "MISC"}.get(typ, typ)
    if prefix not in ("B", "I") or typ not in ("PERS", "LOC", "ORG", "MISC"):
        raise ValueError(f"unknown tag {tag!r}")
    return f"{prefix}-{typ}"


def read_conll(path: Path) -> list[Sentence]:
    """Sentences of a `token TAG` file; lines without a token (ANERcorp has ~200 blank tokens) are skipped."""
    sentences: list[Sentence] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.replace("\u200e", "").replace("\u200f", "").split()
        if len(parts) >= 2:
            sentences[-1].append((parts[0], norm_tag(parts[-1])))
        elif not parts and sentences[-1]:
            sentences.append([])
    return [s for s in sentences if s]


def read_caraner(path: Path) -> list[Sentence]:
    """CAraNER CSV rows grouped by Sentence_ID, gold = Revised_Label."""
    sentences: list[Sentence] = []
    last = None
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["Sentence_ID"] != last:
                sentences.append([])
                last = row["Sentence_ID"]
            sentences[-1].append((row["Word"], norm_tag(row["Revised_Label"] or row["Agreed_Label"])))
    return sentences


def anergazet_entries(folder: Path) -> list[tuple[str, str]]:
    """(type, name) from Benajiba's three lists; ==== and **** lines separate variant groups in the LOC list."""
    entries = []
    for typ, name in (("LOC", "AlignedLocGazetteer.txt"), ("ORG", "AlignedOrgGazetteer.txt"),
                      ("PERS", "AlignedPersGazetteer.txt")):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith(("====", "****")):
                entries.append((typ, line))
    return entries


def geonames_entries(path: Path) -> list[tuple[str, str]]:
    """(LOC, Arabic name) for every place in the GeoNames JSONL whose alternate name is plain Arabic script."""
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        place = json.loads(line)
        for name in place.get("alternatenames", []):
            folded = fold(name).strip()
            if len(folded) >= 3 and _ARABIC_NAME_RE.match(folded):
                entries.append(("LOC", folded))
    return entries


def write_gazetteer(entries: list[tuple[str, str]], path: Path) -> Gazetteer:
    """Write the baked gazetteer (deduplicated, folded, sorted: byte-identical on re-runs) and return it loaded."""
    unique = sorted({(typ, " ".join(fold(name).split())) for typ, name in entries})
    lines = [f"# {FEATURES_VERSION}", "# TYPE<TAB>folded name; built by scripts/train_ner.py; sources in MODEL_CARD.md"]
    lines += [f"{typ}\t{name}" for typ, name in unique if name]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Gazetteer.read(path)


def prune_gazetteer(entries: list[tuple[str, str]], sentences: list[Sentence]) -> list[tuple[str, str]]:
    """Drop (type, name) entries that the training data mostly contradicts (من, علي, يوم as names...).

    The raw lists contain function words and common nouns that are also some village's or person's name; as
    features they mostly fire on O tokens. An entry is dropped when its phrase matches training text at least
    three times and more than half of those matches do not start an entity of its type. Only train is used.
    """
    gaz = Gazetteer(entries)
    hit: dict[tuple[tuple[str, ...], str], int] = {}
    miss: dict[tuple[tuple[str, ...], str], int] = {}
    for sent in sentences:
        keys = [token_key(t) for t, _ in sent]
        for i in range(len(keys)):
            for length in range(1, min(5, len(keys) - i) + 1):
                key = (keys[i][2],) + tuple(k[0] for k in keys[i + 1:i + length])
                for typ in gaz.phrases.get(key, ()):
                    ok = sent[i][1] == "B-" + typ
                    (hit if ok else miss)[key, typ] = (hit if ok else miss).get((key, typ), 0) + 1
    bad = {k for k, n in miss.items() if n >= 3 and n > hit.get(k, 0)}
    return [(typ, name) for typ, name in entries if (Gazetteer.phrase_key([t for t, _, _ in tokenize(name)]), typ) not in bad]


def corpus_texts(folder: Path, limit: int = 0) -> Iterator[str]:
    """Article bodies of SaudiNewsNet (a folder of per-day zips of JSON lists), in a fixed order."""
    n = 0
    for zpath in sorted(folder.glob("*.zip")):
        with zipfile.ZipFile(zpath) as z:
            for member in sorted(z.namelist()):
                for article in json.loads(z.read(member)):
                    yield article.get("title", "") + "\n" + article.get("content", "")
                    n += 1
                    if limit and n >= limit:
                        return


def build_clusters(texts: Iterable[str], path: Path, vocab: int = 40000, contexts: int = 1500, dims: int = 100,
                   sizes: tuple[int, ...] = (64, 512), seed: int = 7) -> int:
    """Distributional word classes from unlabelled news, written as `word<TAB>class...` (one column per size).

    Each frequent folded word is described by PPMI-weighted counts of its left and right neighbours among the most
    frequent words, reduced by a randomized SVD and grouped by spherical k-means at several granularities: a cheap
    stand-in for Brown clusters that tells the CRF that an unseen name behaves like the names it has seen.
    """
    import numpy as np

    sents = [[fold(t).lower() for t, _, _ in tokenize(text)] for text in texts]
    freq = Counter(w for s in sents for w in s)
    words = [w for w, n in freq.most_common(vocab) if n >= 5]
    ctx = [w for w, _ in freq.most_common(contexts)]
    wi = {w: i for i, w in enumerate(words)}
    ci = {w: i for i, w in enumerate(ctx)}
    m = np.zeros((len(words), 2 * len(ctx)), dtype=np.float32)
    for s in sents:
        padded = ["<s>", *s, "</s>"]
        for i in range(1, len(padded) - 1):
            row = wi.get(padded[i])
            if row is None:
                continue
            left, right = ci.get(padded[i - 1]), ci.get(padded[i + 1])
            if left is not None:
                m[row, left] += 1
            if right is not None:
                m[row, len(ctx) + right] += 1
    total = m.sum()
    pmi = np.log((m * total + 1e-9) / (m.sum(1, keepdims=True) * m.sum(0, keepdims=True) + 1e-9))
    m = np.where(m > 0, np.maximum(pmi, 0), 0).astype(np.float32)
    rng = np.random.default_rng(seed)
    q, _ = np.linalg.qr(m @ rng.standard_normal((m.shape[1], dims + 20), dtype=np.float32))
    _, sv, vt = np.linalg.svd(q.T @ m, full_matrices=False)
    emb = m @ vt[:dims].T
    emb /= np.linalg.norm(emb, axis=1, keepdims=True) + 1e-9
    columns = []
    for k in sizes:
        k = min(k, len(emb))
        centres = emb[rng.choice(len(emb), k, replace=False)]
        for _ in range(20):
            assign = (emb @ centres.T).argmax(1)
            sums = np.zeros_like(centres)
            np.add.at(sums, assign, emb)
            norms = np.linalg.norm(sums, axis=1, keepdims=True)
            centres = np.where(norms > 0, sums / (norms + 1e-9), centres)
        columns.append(assign)
    lines = [f"# {FEATURES_VERSION}", "# folded word<TAB>" + "<TAB>".join(f"class of {k}" for k in sizes)]
    lines += ["\t".join([w, *(str(int(col[i])) for col in columns)]) for i, w in enumerate(words)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(words)


def train(sentences: list[Sentence], gaz: Gazetteer, clusters: Clusters, model: Path, c1: float, c2: float,
          max_iter: int, memory: list[list[set[str]]] | None = None) -> None:
    """Fit one CRF; with `memory` (document-memory sets per token) it is the second-pass model."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for n, sent in enumerate(sentences):
        feats = sentence_features([t for t, _ in sent], gaz, clusters)
        if memory is not None:
            feats = add_memory_features(feats, memory[n])
        trainer.append(feats, [tag for _, tag in sent])
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": max_iter, "feature.possible_transitions": True})
    trainer.train(str(model))


def train_two_pass(sentences: list[Sentence], gaz: Gazetteer, clusters: Clusters, model: Path, c1: float,
                   c2: float, max_iter: int, folds: int) -> None:
    """Pass 1 on all of train; pass 2 on train plus memory features from pass-1 tags it did not see (jackknife).

    Each contiguous fold (ANERcorp is in document order) is tagged by a pass-1 model trained on the other folds,
    so the second pass learns how far to trust first-pass tags of the quality it will really get.
    """
    pass1 = companion_path(model, PASS1_SUFFIX)
    fold_model = model.with_name(model.name + ".fold")
    memory: list[list[set[str]]] = []
    size = -(-len(sentences) // folds)
    for k in range(folds):
        held = sentences[k * size:(k + 1) * size]
        train(sentences[: k * size] + sentences[(k + 1) * size:], gaz, clusters, fold_model, c1, c2, max_iter)
        tokens = [[t for t, _ in s] for s in held]
        memory += document_memory(tokens, NerTagger(fold_model, gaz, clusters).tag_sentences(tokens))
        print(f"  jackknife fold {k + 1}/{folds} done", flush=True)
    fold_model.unlink(missing_ok=True)
    train(sentences, gaz, clusters, model, c1, c2, max_iter, memory)
    train(sentences, gaz, clusters, pass1, c1, c2, max_iter)


def score(gold: list[list[str]], pred: list[list[str]]) -> dict[str, tuple[float, float, float, int]]:
    """Entity P/R/F1 (exact span and type, conlleval rules) per type and 'ALL'."""
    gs, ps = set(), set()
    for n, (g, p) in enumerate(zip(gold, pred, strict=True)):
        gs |= {(n, *s) for s in bio_spans(g)}
        ps |= {(n, *s) for s in bio_spans(p)}
    out = {}
    for typ in sorted({s[3] for s in gs}) + ["ALL"]:
        gt = {s for s in gs if typ in ("ALL", s[3])}
        pt = {s for s in ps if typ in ("ALL", s[3])}
        tp = len(gt & pt)
        pr, rc = (tp / len(pt) if pt else 0.0), (tp / len(gt) if gt else 0.0)
        out[typ] = (pr, rc, 2 * pr * rc / (pr + rc) if pr + rc else 0.0, len(gt))
    return out


def evaluate(tagger: NerTagger, sentences: list[Sentence], name: str, eval_dir: Path | None,
             documents: bool = True) -> float:
    """Score one test set; `documents=False` tags each sentence alone (CAraNER's sentences are shuffled)."""
    tokens = [[t for t, _ in s] for s in sentences]
    pred = tagger.tag_sentences(tokens) if documents else [tagger.tag_tokens(t) for t in tokens]
    result = score([[tag for _, tag in s] for s in sentences], pred)
    for typ, (pr, rc, f1, n) in result.items():
        print(f"  {name} {typ:5s} P={pr:.3f} R={rc:.3f} F1={f1:.3f} n={n}")
    if eval_dir:
        eval_dir.mkdir(parents=True, exist_ok=True)
        for kind, tags in (("gold", [[tag for _, tag in s] for s in sentences]), ("pred", pred)):
            lines = ["\n".join(f"{_printable(t)} {tag}" for (t, _), tag in zip(s, ts, strict=True))
                     for s, ts in zip(sentences, tags, strict=True)]
            (eval_dir / f"{name}.{kind}.conll").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return result["ALL"][2]


def _printable(token: str) -> str:
    """A token as one CoNLL column: CAraNER has two 'words' that are only a direction mark, which readers drop."""
    return token if token.replace("\u200e", "").replace("\u200f", "").strip() else "_"


def tune(sentences: list[Sentence], gaz: Gazetteer, clusters: Clusters, work: Path, max_iter: int,
         grid: list[tuple[float, float]]) -> tuple[float, float]:
    """Pick c1/c2 on a fixed random tenth of the training sentences (the test set is never looked at)."""
    rng = random.Random(13)
    order = list(range(len(sentences)))
    rng.shuffle(order)
    cut = len(order) // 10
    dev = [sentences[i] for i in order[:cut]]
    fit = [sentences[i] for i in order[cut:]]
    best = (-1.0, 0.0, 0.0)
    for c1, c2 in grid:
        model = work / "tune.crfsuite"
        train(fit, gaz, clusters, model, c1, c2, max_iter)
        tagger = NerTagger(model, gaz, clusters)
        pred = [tagger.tag_tokens([t for t, _ in s]) for s in dev]
        f1 = score([[tag for _, tag in s] for s in dev], pred)["ALL"][2]
        print(f"tune c1={c1} c2={c2} held-out F1={f1:.3f} (one pass)", flush=True)
        best = max(best, (f1, c1, c2))
    return best[1], best[2]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ner = DATA / "ner"
    ap.add_argument("--train", type=Path, default=ner / "ANERCorp_train_recon_camelsplit.txt")
    ap.add_argument("--test", type=Path, default=ner / "ANERCorp_test_recon_camelsplit.txt")
    ap.add_argument("--caraner", type=Path, default=ner / "caraner" / "CAraNER.csv")
    ap.add_argument("--anergazet", type=Path, default=ner / "anergazet")
    ap.add_argument("--geonames", type=Path, default=DATA / "gazetteer/geonames/cities500_IQ_SY_JO_LB_TR_IR_SA_KW.jsonl")
    ap.add_argument("--corpus", type=Path, default=DATA / "news/saudinewsnet/zips",
                    help="unlabelled news (folder of SaudiNewsNet day zips) for word classes")
    ap.add_argument("--corpus-limit", type=int, default=0, help="use only the first N articles of --corpus")
    ap.add_argument("--no-corpus", action="store_true", help="no word classes")
    ap.add_argument("--clusters", type=Path, help="reuse this word-class file instead of building one")
    ap.add_argument("--no-anergazet", action="store_true")
    ap.add_argument("--no-geonames", action="store_true")
    ap.add_argument("--no-eval", action="store_true", help="skip the test-set and CAraNER scores")
    ap.add_argument("--out-dir", type=Path, default=MODELS_DIR)
    ap.add_argument("--name", default="ner_anercorp")
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.05)
    ap.add_argument("--max-iter", type=int, default=200)
    ap.add_argument("--folds", type=int, default=4, help="jackknife folds for the two-pass model; 1 = one pass")
    ap.add_argument("--tune", action="store_true", help="choose c1/c2 on a held-out tenth of train first")
    ap.add_argument("--tune-only", action="store_true", help="stop after --tune")
    ap.add_argument("--grid", default="0.05:0.005,0.05:0.05,0.05:0.2,0.2:0.05", help="c1:c2 pairs tried by --tune")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N training sentences (smoke tests)")
    ap.add_argument("--eval-dir", type=Path, help="write gold/pred CoNLL files here for ner_score.py")
    args = ap.parse_args(argv)

    started = time.perf_counter()
    sentences = read_conll(args.train)
    if args.limit:
        sentences = sentences[: args.limit]
    entries: list[tuple[str, str]] = []
    if not args.no_anergazet:
        entries += anergazet_entries(args.anergazet)
    if not args.no_geonames:
        entries += geonames_entries(args.geonames)
    before = len(entries)
    entries = prune_gazetteer(entries, sentences)
    print(f"gazetteer: {before} entries, {before - len(entries)} dropped as mostly O in train")
    args.out_dir.mkdir(parents=True, exist_ok=True)
    model = args.out_dir / f"{args.name}.crfsuite"
    gaz = write_gazetteer(entries, args.out_dir / f"{args.name}{GAZ_SUFFIX}")
    print(f"{len(sentences)} sentences, {sum(map(len, sentences))} tokens; gazetteer {len(gaz.phrases)} phrases")
    clusters_file = args.out_dir / f"{args.name}{CLUSTERS_SUFFIX}"
    if args.clusters:
        clusters_file.write_text(args.clusters.read_text(encoding="utf-8"), encoding="utf-8")
    elif not args.no_corpus:
        t0 = time.perf_counter()
        n = build_clusters(corpus_texts(args.corpus, args.corpus_limit), clusters_file)
        print(f"word classes for {n} words from {args.corpus} in {time.perf_counter() - t0:.0f}s")
    else:
        clusters_file.write_text(f"# {FEATURES_VERSION}\n# no word classes\n", encoding="utf-8")
    clusters = read_clusters(clusters_file)
    grid = [tuple(float(v) for v in pair.split(":")) for pair in args.grid.split(",")]
    c1, c2 = tune(sentences, gaz, clusters, args.out_dir, args.max_iter, grid) if args.tune else (args.c1, args.c2)
    if args.tune:
        (args.out_dir / "tune.crfsuite").unlink(missing_ok=True)
        if args.tune_only:
            return 0
    t0 = time.perf_counter()
    companion_path(model, PASS1_SUFFIX).unlink(missing_ok=True)
    if args.folds > 1:
        train_two_pass(sentences, gaz, clusters, model, c1, c2, args.max_iter, args.folds)
    else:
        train(sentences, gaz, clusters, model, c1, c2, args.max_iter)
    print(f"trained c1={c1} c2={c2} in {time.perf_counter() - t0:.0f}s; model {model.stat().st_size / 1e6:.2f} MB")
    if not args.no_eval:
        pass1 = companion_path(model, PASS1_SUFFIX)
        tagger = NerTagger(model, gaz, clusters, pass1 if pass1.is_file() else None)
        if args.test and args.test.is_file():
            evaluate(tagger, read_conll(args.test), "anercorp_test", args.eval_dir)
        if args.caraner and args.caraner.is_file():
            evaluate(tagger, read_caraner(args.caraner), "caraner", args.eval_dir, documents=False)
    print(f"total {time.perf_counter() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
