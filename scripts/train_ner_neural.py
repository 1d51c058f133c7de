#!/usr/bin/env python3
"""Train rasd's neural NER model (BiLSTM-CRF, rasd/recognize/ner_neural.py) on the CPU, seeded and reproducible.

    python scripts/build_ner_embeddings.py EMB.npz                         # fastText on the news, ~30 min
    python scripts/train_ner_neural.py --embeddings EMB.npz --holdout      # score every epoch on the last 15%
    python scripts/train_ner_neural.py --embeddings EMB.npz                # train on all of train, write the model

EMB.npz comes from scripts/build_ner_embeddings.py (fastText on SaudiNewsNet). Other inputs as scripts/train_ner.py
(ANERcorp train in the CAMeL split, ANERgazet + GeoNames gazetteer pruned on the training part, the word-class
file's frequency / productivity bands). PyTorch (torch==2.13.0) is a training-time dependency only: the weights
are exported to one .npz that NumPy code runs. The test sets are scored only with --eval, never used to choose.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_ner import (  # noqa: E402
    DATA,
    Sentence,
    _summary,
    anergazet_entries,
    geonames_entries,
    prune_gazetteer,
    read_caraner,
    read_conll,
    score,
    write_gazetteer,
)

from rasd.recognize.ner import MODELS_DIR, read_clusters, repair_bio, to_bioes, token_key  # noqa: E402
from rasd.recognize.ner_neural import (  # noqa: E402
    CATEGORIES,
    GAZ_LABELS,
    GAZ_SUFFIX,
    TAGS,
    Featurizer,
    NeuralNerTagger,
    allowed_transitions,
    pack_words,
)

CAT_DIMS = (4, 8, 8, 4, 4)
_BAND_IDS = {"0": 0, "1": 1, "2": 2, "3": 3, "-": 4}


class Tagger(nn.Module):
    """The torch twin of rasd.recognize.ner_neural.forward (same inputs, same arithmetic), plus a BIOES CRF."""

    def __init__(self, emb_dim: int, n_chars: int, char_dim: int = 30, char_filters: int = 50, hidden: int = 100,
                 dropout: float = 0.5, n_words: int = 2, word_dim: int = 0, word_dropout: float = 0.0) -> None:
        super().__init__()
        self.word_emb = nn.Embedding(n_words, word_dim, padding_idx=0)
        self.word_dropout = word_dropout
        self.char_emb = nn.Embedding(n_chars, char_dim, padding_idx=0)
        self.char_conv = nn.Linear(3 * char_dim, char_filters)
        self.cats = nn.ModuleList(nn.Embedding(n, d) for n, d in zip(CATEGORIES, CAT_DIMS, strict=True))
        width = emb_dim + char_filters + len(GAZ_LABELS) + sum(CAT_DIMS) + word_dim
        self.lstm = nn.LSTM(width, hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, len(TAGS))
        self.drop = nn.Dropout(dropout)
        k = len(TAGS)
        self.trans = nn.Parameter(torch.zeros(k, k))
        self.start = nn.Parameter(torch.zeros(k))
        self.end = nn.Parameter(torch.zeros(k))
        ok = torch.from_numpy(allowed_transitions())
        self.register_buffer("ok_trans", ok[:k, :k])
        self.register_buffer("ok_start", ok[k, :k])
        self.register_buffer("ok_end", ok[:k, k])

    def emissions(self, b: dict[str, torch.Tensor]) -> torch.Tensor:
        chars = b["chars"]
        ce = self.char_emb(chars)
        pad = torch.zeros_like(ce[:, :, :1])
        windows = torch.cat([torch.cat([pad, ce[:, :, :-1]], 2), ce, torch.cat([ce[:, :, 1:], pad], 2)], -1)
        conv = self.char_conv(windows).masked_fill(~(chars > 0).unsqueeze(-1), -1e4)
        char_vec = torch.tanh(conv.max(dim=2).values)
        parts = [b["vec"], char_vec, b["gaz"]] + [emb(b["cats"][..., n]) for n, emb in enumerate(self.cats)]
        words = b["cats"][..., len(CATEGORIES)]
        if self.training and self.word_dropout:  # known words made unknown, so unseen names are not a surprise
            words = torch.where((torch.rand(words.shape) < self.word_dropout) & (words > 1), 1, words)
        parts.append(self.word_emb(words))
        x = self.drop(torch.cat(parts, -1))
        lengths = b["mask"].sum(1).cpu()
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        h, _ = self.lstm(packed)
        h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=x.shape[1])
        return self.out(self.drop(h))

    def crf(self) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        return (self.trans.masked_fill(~self.ok_trans, -1e4), self.start.masked_fill(~self.ok_start, -1e4),
                self.end.masked_fill(~self.ok_end, -1e4))

    def nll(self, b: dict[str, torch.Tensor], tags: torch.Tensor) -> torch.Tensor:
        """Mean negative log-likelihood of the gold tag paths under the CRF."""
        em, mask = self.emissions(b), b["mask"]
        trans, start, end = self.crf()
        bsz, steps, _ = em.shape
        idx = torch.arange(bsz)
        gold = start[tags[:, 0]] + em[idx, 0, tags[:, 0]]
        alpha = start + em[:, 0]
        for t in range(1, steps):
            m = mask[:, t]
            gold = gold + (trans[tags[:, t - 1], tags[:, t]] + em[idx, t, tags[:, t]]) * m
            new = torch.logsumexp(alpha.unsqueeze(2) + trans.unsqueeze(0), 1) + em[:, t]
            alpha = torch.where(m.unsqueeze(1), new, alpha)
        last = tags[idx, mask.sum(1) - 1]
        gold = gold + end[last]
        return (torch.logsumexp(alpha + end, 1) - gold).mean()

    def export(self, dtype: type = np.float16) -> dict[str, np.ndarray]:
        """Weights under the names rasd.recognize.ner_neural.forward reads (float16 for shipping)."""
        sd = {k: v.detach().numpy() for k, v in self.state_dict().items()}
        w = {"char_emb": sd["char_emb.weight"], "char_conv_w": sd["char_conv.weight"], "char_conv_b": sd["char_conv.bias"],
             "lstm_w_ih": sd["lstm.weight_ih_l0"], "lstm_w_hh": sd["lstm.weight_hh_l0"],
             "lstm_b": sd["lstm.bias_ih_l0"] + sd["lstm.bias_hh_l0"],
             "lstm_w_ih_r": sd["lstm.weight_ih_l0_reverse"], "lstm_w_hh_r": sd["lstm.weight_hh_l0_reverse"],
             "lstm_b_r": sd["lstm.bias_ih_l0_reverse"] + sd["lstm.bias_hh_l0_reverse"],
             "out_w": sd["out.weight"], "out_b": sd["out.bias"],
             "crf_trans": sd["trans"], "crf_start": sd["start"], "crf_end": sd["end"],
             "word_emb": sd["word_emb.weight"]}
        w |= {f"cat{n}_emb": sd[f"cats.{n}.weight"] for n in range(len(CATEGORIES))}
        return {"w_" + k: v.astype(dtype) for k, v in w.items()}


def model_arrays(embeddings: Path, clusters: Path, sentences: list[Sentence], min_word_count: int = 2,
                 ) -> dict[str, np.ndarray]:
    """The non-weight arrays of a model file: news embeddings, character list, per-word frequency/productivity bands."""
    with np.load(embeddings) as data:
        arrays = {k: data[k] for k in data.files}
    arrays["vocab"] = pack_words([str(w) for w in arrays["vocab"]]) if arrays["vocab"].dtype.kind == "U" \
        else arrays["vocab"]
    counts: dict[str, int] = {}
    for sent in sentences:
        for tok, _ in sent:
            for c in token_key(tok)[0]:
                counts[c] = counts.get(c, 0) + 1
    chars = sorted((c for c, n in counts.items() if n >= 2 and c != "\n"), key=lambda c: (-counts[c], c))
    words: dict[str, int] = {}
    for sent in sentences:
        for tok, _ in sent:
            words[token_key(tok)[0]] = words.get(token_key(tok)[0], 0) + 1
    kept = sorted((w for w, n in words.items() if n >= min_word_count and "\n" not in w), key=lambda w: (-words[w], w))
    arrays["train_words"] = pack_words(kept)
    arrays["chars"] = np.frombuffer("".join(chars).encode("utf-8"), dtype=np.uint8)
    rows = read_clusters(clusters)
    arrays["band_words"] = pack_words(list(rows))
    arrays["band_rows"] = np.array([(int(r[-1]), _BAND_IDS.get(r[-3], 4), _BAND_IDS.get(r[-2], 4)) for r in rows.values()],
                                   dtype=np.uint8).reshape(-1, 3)
    return arrays


def batches(sentences: list[Sentence], fz: Featurizer, size: int) -> list[tuple[dict[str, torch.Tensor], torch.Tensor]]:
    """Length-sorted batches (little padding), featurized once."""
    order = sorted(range(len(sentences)), key=lambda i: (len(sentences[i]), i))
    tag_id = {t: i for i, t in enumerate(TAGS)}
    out = []
    for lo in range(0, len(order), size):
        chunk = [sentences[i] for i in order[lo:lo + size]]
        arrays = fz.batch([[t for t, _ in s] for s in chunk])
        tags = np.zeros(arrays["mask"].shape, np.int64)
        for n, s in enumerate(chunk):
            tags[n, :len(s)] = [tag_id[t] for t in to_bioes(repair_bio([tag for _, tag in s]))]
        out.append(({k: torch.from_numpy(v) for k, v in arrays.items()}, torch.from_numpy(tags)))
    return out


def save(path: Path, model: Tagger, arrays: dict[str, np.ndarray]) -> None:
    np.savez_compressed(path, **arrays, **model.export())


def fit(train: list[Sentence], arrays: dict[str, np.ndarray], gaz_path: Path, out: Path, epochs: int, seed: int,
        dev: list[Sentence] | None = None, batch_size: int = 16, lr: float = 1e-3, swa_from: int = 0,
        **shape: float) -> list[float]:
    """Train `epochs` epochs and write the model to `out`: the last epoch's weights, or with `swa_from` the mean
    of the weights after epochs swa_from..epochs (smoother than any one epoch's). With `dev`, every epoch (and the
    mean) is scored on it by the NumPy tagger. `shape`: Tagger's size and dropout arguments. Returns the F1s."""
    from rasd.recognize.ner_features import Gazetteer

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    fz = Featurizer(arrays, Gazetteer.read(gaz_path))
    data = batches(train, fz, batch_size)
    model = Tagger(fz.dim, len(fz.chars) + 2, n_words=len(fz.words) + 2, **shape)  # type: ignore[arg-type]
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    rng = random.Random(seed)
    f1s: list[tuple[float, str]] = []
    avg: dict[str, torch.Tensor] | None = None
    n_avg = 0
    for epoch in range(1, epochs + 1):
        t0 = time.perf_counter()
        model.train()
        rng.shuffle(data)
        total = 0.0
        for b, tags in data:
            opt.zero_grad()
            loss = model.nll(b, tags)
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            total += float(loss.detach())
        model.eval()
        line = f"epoch {epoch}: loss {total / len(data):.3f} ({time.perf_counter() - t0:.0f}s)"
        if swa_from and epoch >= swa_from:  # running mean of the weights of the last epochs
            n_avg += 1
            state = {k: v.detach().clone() for k, v in model.state_dict().items()}
            avg = state if avg is None else {k: avg[k] + (state[k] - avg[k]) / n_avg if v.is_floating_point() else v
                                              for k, v in state.items()}
        if dev is not None:
            f1s.append(_held_out(model, arrays, gaz_path, out, dev))
            line += f" held-out {f1s[-1][1]}"
        print(line, flush=True)
    if avg is not None:
        model.load_state_dict(avg)
        line = f"weights averaged over epochs {swa_from}-{epochs}"
        if dev is not None:
            f1s.append(_held_out(model, arrays, gaz_path, out, dev))
            line += f": held-out {f1s[-1][1]}"
        print(line, flush=True)
    save(out, model, arrays)
    return [f for f, _ in f1s]


def _held_out(model: Tagger, arrays: dict[str, np.ndarray], gaz_path: Path, out: Path, dev: list[Sentence],
              ) -> tuple[float, str]:
    """Entity F1 (and a summary line) of the model on the held-out sentences, tagged by the NumPy code."""
    tmp = out.with_name(out.name + ".epoch.npz")
    save(tmp, model, arrays)
    tagger = NeuralNerTagger(_with_gaz(tmp, gaz_path))
    result = score([[t for _, t in s] for s in dev], tagger.tag_sentences([[t for t, _ in s] for s in dev]))
    tmp.unlink()
    tmp.with_name(tmp.name.removesuffix(".npz") + GAZ_SUFFIX).unlink()
    return result["ALL"][2], _summary(result)


def _with_gaz(model: Path, gaz: Path) -> Path:
    """Make sure the gazetteer file sits beside `model` under the name the tagger looks for."""
    target = model.with_name(model.name.removesuffix(".npz") + GAZ_SUFFIX)
    if target != gaz:
        target.write_bytes(gaz.read_bytes())
    return model


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ner = DATA / "ner"
    ap.add_argument("--train", type=Path, default=ner / "ANERCorp_train_recon_camelsplit.txt")
    ap.add_argument("--test", type=Path, default=ner / "ANERCorp_test_recon_camelsplit.txt")
    ap.add_argument("--caraner", type=Path, default=ner / "caraner" / "CAraNER.csv")
    ap.add_argument("--anergazet", type=Path, default=ner / "anergazet")
    ap.add_argument("--geonames", type=Path, default=DATA / "gazetteer/geonames/cities500_IQ_SY_JO_LB_TR_IR_SA_KW.jsonl")
    ap.add_argument("--embeddings", type=Path,
                    help="from scripts/build_ner_embeddings.py (default: build them now, about 30 minutes)")
    ap.add_argument("--clusters", type=Path, default=MODELS_DIR / "ner_anercorp.clusters.tsv",
                    help="word-class file (scripts/build_ner_clusters.py): frequency and productivity bands")
    ap.add_argument("--out-dir", type=Path, default=MODELS_DIR)
    ap.add_argument("--name", default="ner_neural")
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--hidden", type=int, default=100)
    ap.add_argument("--char-filters", type=int, default=50)
    ap.add_argument("--dropout", type=float, default=0.5)
    ap.add_argument("--word-dim", type=int, default=50, help="trained embeddings of the labelled data's own words")
    ap.add_argument("--word-dropout", type=float, default=0.25)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--swa-from", type=int, default=12, help="average the weights of the epochs from this one on")
    ap.add_argument("--holdout", action="store_true", help="fit on the first 85%% of train, score the last 15%%")
    ap.add_argument("--eval", action="store_true", help="after training, score ANERcorp test and CAraNER")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N training sentences (smoke tests)")
    args = ap.parse_args(argv)

    torch.set_num_threads(1)
    started = time.perf_counter()
    sentences = read_conll(args.train)
    if args.limit:
        sentences = sentences[: args.limit]
    dev = None
    if args.holdout:
        cut = int(len(sentences) * 0.85)
        sentences, dev = sentences[:cut], sentences[cut:]
    entries = prune_gazetteer(anergazet_entries(args.anergazet) + geonames_entries(args.geonames), sentences)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    model_path = args.out_dir / f"{args.name}.npz"
    gaz_path = args.out_dir / f"{args.name}{GAZ_SUFFIX}"
    write_gazetteer(entries, gaz_path)
    embeddings = args.embeddings
    if embeddings is None:
        from build_ner_embeddings import CORPUS, build

        embeddings = args.out_dir / f"{args.name}.embeddings.tmp.npz"
        build(CORPUS, embeddings)
    arrays = model_arrays(embeddings, args.clusters, sentences)
    if args.embeddings is None:
        embeddings.unlink()
    print(f"{len(sentences)} training sentences; {len(arrays['band_rows'])} band words", flush=True)
    f1s = fit(sentences, arrays, gaz_path, model_path, args.epochs, args.seed, dev, args.batch_size, args.lr,
              args.swa_from, hidden=args.hidden, char_filters=args.char_filters, dropout=args.dropout, word_dim=args.word_dim,
              word_dropout=args.word_dropout)
    if f1s:
        print(f"best held-out F1 {max(f1s):.3f} at step {f1s.index(max(f1s)) + 1} of {len(f1s)}")
    print(f"model {model_path} {model_path.stat().st_size / 1e6:.1f} MB; {time.perf_counter() - started:.0f}s")
    if args.eval:
        tagger = NeuralNerTagger(model_path)
        for name, sents, documents in (("anercorp_test", read_conll(args.test), True),
                                       ("caraner", read_caraner(args.caraner), False)):
            tokens = [[t for t, _ in s] for s in sents]
            pred = tagger.tag_sentences(tokens) if documents else [tagger.tag_tokens(t) for t in tokens]
            for typ, (p, r, f1, n) in score([[t for _, t in s] for s in sents], pred).items():
                print(f"  {name} {typ:5s} P={p:.3f} R={r:.3f} F1={f1:.3f} n={n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
