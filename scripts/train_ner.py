#!/usr/bin/env python3
"""Train rasd's CRF NER model (rasd/recognize/ner.py) from ../shared/data, reproducibly, on the CPU in minutes.

    python scripts/train_ner.py                      # train on ANERcorp train, evaluate, write the packaged model
    python scripts/train_ner.py --tune --tune-only --grid 0.05:0.05,0.15:0.02
                                                     # one- and two-pass scores on the held-out last 15% of train
    python scripts/train_ner.py --train MY.conll --out-dir /tmp/m --no-geonames --no-anergazet

Inputs (defaults under /work/shared/data, override with flags):
  --train      `token TAG` per line, blank line between sentences (ANERcorp, CAMeL split reconstruction)
  --test       same format, scored after training (optional)
  --caraner    CAraNER CSV (Revised_Label; TIT -> O, MIS -> MISC), scored after training (optional)
  --anergazet  Benajiba's AlignedLoc/Org/PersGazetteer.txt (research use) -> gazetteer features
  --geonames   GeoNames cities500 JSONL (CC BY 4.0): Arabic alternate names -> LOC gazetteer features
  --corpus     SaudiNewsNet day zips -> word classes and productivity bands (scripts/build_ner_clusters.py)
Outputs: <out-dir>/<name>.crfsuite, <name>.pass1.crfsuite, <name>.gaz.tsv and <name>.clusters.tsv, and (with
--eval-dir) gold/pred files for /work/shared/eval/ner_score.py. The test sets are only scored, never used to choose.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from pathlib import Path

import pycrfsuite

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_ner_clusters import build as build_clusters  # noqa: E402
from build_ner_clusters import corpus_texts, folded_sentences  # noqa: E402

from rasd.recognize.ner import (  # noqa: E402
    CLUSTERS_SUFFIX,
    FEATURES_VERSION,
    GAZ_SUFFIX,
    MODELS_DIR,
    PASS1_SUFFIX,
    Clusters,
    FeatureExtractor,
    Gazetteer,
    NerTagger,
    add_memory_features,
    bio_spans,
    companion_path,
    document_memory,
    read_clusters,
    repair_bio,
    to_bioes,
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


def kb_entries() -> list[tuple[str, str]]:
    """(KORG, form) for every actor alias and (KLOC, form) for every place name of rasd's own KB.

    Typed apart from the ANERgazet types because the KB lists armed groups and state forces by their generic
    names too (الجيش العراقي), which ANERcorp does not always tag: the CRF learns how far to trust each list.
    """
    from rasd.kb import load_kb

    kb = load_kb()
    out = [("KORG", form) for forms in kb.actor_table.forms.values() for form in forms]
    out += [("KLOC", form) for form, _ in kb.gazetteer.surface_forms()]
    return out


def featurize(sentences: list[Sentence], fx: FeatureExtractor) -> list[list[list[str]]]:
    """Feature lists of every sentence, computed once and shared by all the fits of a run."""
    return [fx.sentence([t for t, _ in s]) for s in sentences]


def train(sentences: list[Sentence], feats: list[list[list[str]]], model: Path, c1: float, c2: float,
          max_iter: int, memory: list[list[set[str]]] | None = None) -> None:
    """Fit one CRF; with `memory` (document-memory sets per token) it is the second-pass model."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for n, (sent, f) in enumerate(zip(sentences, feats, strict=True)):
        tags = to_bioes([tag for _, tag in sent])
        trainer.append(add_memory_features(f, memory[n]) if memory is not None else f, tags)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": max_iter, "feature.possible_transitions": True})
    trainer.train(str(model))


def jackknife_memory(sentences: list[Sentence], feats: list[list[list[str]]], work: Path, c1: float, c2: float,
                     max_iter: int, folds: int) -> list[list[set[str]]]:
    """Document memory for every sentence from the tags of a pass-1 model that did not see it.

    Each contiguous fold (ANERcorp is in document order) is tagged by a pass-1 model trained on the other folds,
    so the second pass learns how far to trust first-pass tags of the quality it will really get.
    """
    fold_model = work / "jackknife.crfsuite.fold"
    memory: list[list[set[str]]] = []
    size = -(-len(sentences) // folds)
    for k in range(folds):
        lo, hi = k * size, (k + 1) * size
        train(sentences[:lo] + sentences[hi:], feats[:lo] + feats[hi:], fold_model, c1, c2, max_iter)
        tagger = pycrfsuite.Tagger()
        tagger.open(str(fold_model))
        tags = [repair_bio(tagger.tag(f)) if f else [] for f in feats[lo:hi]]
        tagger.close()
        memory += document_memory([[t for t, _ in s] for s in sentences[lo:hi]], tags)
        print(f"  jackknife fold {k + 1}/{folds} done", flush=True)
    fold_model.unlink(missing_ok=True)
    return memory


def train_two_pass(sentences: list[Sentence], feats: list[list[list[str]]], model: Path, c1: float, c2: float,
                   max_iter: int, folds: int) -> None:
    """Pass 1 on all of train; pass 2 on train plus memory features from jackknifed pass-1 tags."""
    memory = jackknife_memory(sentences, feats, model.parent, c1, c2, max_iter, folds)
    train(sentences, feats, model, c1, c2, max_iter, memory)
    train(sentences, feats, companion_path(model, PASS1_SUFFIX), c1, c2, max_iter)


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


def holdout(sentences: list[Sentence], entries: list[tuple[str, str]], clusters: Clusters, work: Path,
            max_iter: int, grid: list[tuple[float, float]], folds: int, share: float = 0.15) -> tuple[float, float]:
    """Pick c1/c2 on the last `share` of the training sentences, fitted on the rest (the test set is never read).

    The held-out part is contiguous, like the CAMeL test split (the last sixth of the corpus): a random sample of
    sentences would share documents, and so names, with the fitted part and flatter the memorising features. The
    gazetteer is pruned with the fitted part only. Prints the held-out scores of every setting.
    """
    cut = int(len(sentences) * (1 - share))
    fit, dev = sentences[:cut], sentences[cut:]
    fx = FeatureExtractor(Gazetteer(prune_gazetteer(entries, fit)), clusters)
    fit_feats, dev_feats = featurize(fit, fx), featurize(dev, fx)
    dev_tokens = [[t for t, _ in s] for s in dev]
    gold = [[tag for _, tag in s] for s in dev]
    model = work / "holdout.crfsuite"
    best = (-1.0, 0.0, 0.0)
    for c1, c2 in grid:
        t0 = time.perf_counter()
        train(fit, fit_feats, model, c1, c2, max_iter)
        tagger = pycrfsuite.Tagger()
        tagger.open(str(model))
        first = [repair_bio(tagger.tag(f)) if f else [] for f in dev_feats]
        tagger.close()
        result = score(gold, first)
        line = f"held-out c1={c1} c2={c2}: one pass {_summary(result)}"
        if folds > 1:
            memory = jackknife_memory(fit, fit_feats, work, c1, c2, max_iter, folds)
            train(fit, fit_feats, model, c1, c2, max_iter, memory)
            tagger = pycrfsuite.Tagger()
            tagger.open(str(model))
            dev_memory = document_memory(dev_tokens, first)
            second = [repair_bio(tagger.tag(add_memory_features(f, m))) if f else []
                      for f, m in zip(dev_feats, dev_memory, strict=True)]
            alone = [repair_bio(tagger.tag(add_memory_features(f, document_memory([t], [p])[0]))) if f else []
                     for f, t, p in zip(dev_feats, dev_tokens, first, strict=True)]
            tagger.close()
            line += f"; two passes, sentences alone {_summary(score(gold, alone))}"
            result = score(gold, second)
            line += f"; two passes {_summary(result)}"
        print(f"{line} ({time.perf_counter() - t0:.0f}s)", flush=True)
        best = max(best, (result["ALL"][2], c1, c2))
    model.unlink(missing_ok=True)
    return best[1], best[2]


def _summary(result: dict[str, tuple[float, float, float, int]]) -> str:
    p, r, f1, _ = result["ALL"]
    per_type = " ".join(f"{typ}={v[2]:.3f}" for typ, v in result.items() if typ != "ALL")
    return f"P={p:.3f} R={r:.3f} F1={f1:.3f} ({per_type})"


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
    ap.add_argument("--clusters", type=Path, help="reuse this word-class file (scripts/build_ner_clusters.py)")
    ap.add_argument("--no-anergazet", action="store_true")
    ap.add_argument("--no-geonames", action="store_true")
    ap.add_argument("--kb", action="store_true",
                    help="add rasd's own KB names as gazetteer types KORG/KLOC (no gain on the held-out slice)")
    ap.add_argument("--no-eval", action="store_true", help="skip the test-set and CAraNER scores")
    ap.add_argument("--out-dir", type=Path, default=MODELS_DIR)
    ap.add_argument("--name", default="ner_anercorp")
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.05)
    ap.add_argument("--max-iter", type=int, default=200)
    ap.add_argument("--folds", type=int, default=3, help="jackknife folds for the two-pass model; 1 = one pass")
    ap.add_argument("--tune", action="store_true", help="choose c1/c2 on the held-out last 15%% of train first")
    ap.add_argument("--tune-only", action="store_true", help="stop after --tune")
    ap.add_argument("--grid", default="0.05:0.05", help="c1:c2 pairs tried by --tune")
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
    if args.kb:
        entries += kb_entries()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    clusters_file = args.out_dir / f"{args.name}{CLUSTERS_SUFFIX}"
    if args.clusters:
        clusters_file.write_text(args.clusters.read_text(encoding="utf-8"), encoding="utf-8")
    elif not args.no_corpus:
        t0 = time.perf_counter()
        n = build_clusters(folded_sentences(corpus_texts(args.corpus, args.corpus_limit)), clusters_file)
        print(f"word classes for {n} words from {args.corpus} in {time.perf_counter() - t0:.0f}s")
    else:
        clusters_file.write_text(f"# {FEATURES_VERSION}\n# no word classes\n", encoding="utf-8")
    clusters = read_clusters(clusters_file)
    grid = [tuple(float(v) for v in pair.split(":")) for pair in args.grid.split(",")]
    c1, c2 = args.c1, args.c2
    if args.tune:
        c1, c2 = holdout(sentences, entries, clusters, args.out_dir, args.max_iter, grid, args.folds)
        print(f"chosen on the held-out slice: c1={c1} c2={c2}")
        if args.tune_only:
            return 0
    before = len(entries)
    entries = prune_gazetteer(entries, sentences)
    print(f"gazetteer: {before} entries, {before - len(entries)} dropped as mostly O in train")
    model = args.out_dir / f"{args.name}.crfsuite"
    gaz = write_gazetteer(entries, args.out_dir / f"{args.name}{GAZ_SUFFIX}")
    print(f"{len(sentences)} sentences, {sum(map(len, sentences))} tokens; gazetteer {len(gaz.phrases)} phrases")
    t0 = time.perf_counter()
    feats = featurize(sentences, FeatureExtractor(gaz, clusters))
    companion_path(model, PASS1_SUFFIX).unlink(missing_ok=True)
    if args.folds > 1:
        train_two_pass(sentences, feats, model, c1, c2, args.max_iter, args.folds)
    else:
        train(sentences, feats, model, c1, c2, args.max_iter)
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
