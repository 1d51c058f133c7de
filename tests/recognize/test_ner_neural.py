"""Neural NER backend: NumPy forward = torch forward, BIOES-constrained decoding, the packaged model, bad input."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from rasd.errors import InputError, TextError
from rasd.recognize.ner import load_tagger, tag_conll_file
from rasd.recognize.ner_neural import (
    CATEGORIES,
    DEFAULT_NEURAL_MODEL,
    TAGS,
    NeuralNerTagger,
    allowed_transitions,
    crf_scores,
    dequantize,
    forward,
    marginals,
    ngram_rows,
    quantize,
    viterbi,
)

REPO = Path(__file__).resolve().parents[2]


def _valid_bioes(tags: list[str]) -> bool:
    """Every I-/E- continues a B-/I- of its type, and no entity is left open."""
    open_type = None
    for t in [*tags, "O"]:
        if t[:2] in ("I-", "E-"):
            if open_type != t[2:]:
                return False
            open_type = t[2:] if t[:2] == "I-" else None
        else:
            if open_type is not None:
                return False
            open_type = t[2:] if t[:2] == "B-" else None
    return True


def test_viterbi_respects_bioes_even_against_the_emissions() -> None:
    rng = np.random.default_rng(1)
    k = len(TAGS)
    w = {"crf_trans": rng.normal(size=(k, k)), "crf_start": rng.normal(size=k), "crf_end": rng.normal(size=k)}
    trans, start, end = crf_scores(w)
    emissions = rng.normal(scale=5.0, size=(20, 9, k))
    emissions[:, :, TAGS.index("I-LOC")] += 20.0  # the emissions want an impossible all-I sequence
    mask = np.ones((20, 9), bool)
    mask[5:, 4:] = False
    for n, path in enumerate(viterbi(emissions, mask, trans, start, end)):
        assert len(path) == int(mask[n].sum())
        assert _valid_bioes([TAGS[i] for i in path])
    post = marginals(emissions, mask, trans, start, end)
    assert np.allclose(post[mask].sum(-1), 1.0)


def test_transition_table() -> None:
    ok = allowed_transitions()
    k = len(TAGS)
    idx = {t: i for i, t in enumerate(TAGS)}
    assert ok[idx["B-PERS"], idx["E-PERS"]] and not ok[idx["B-PERS"], idx["E-LOC"]]
    assert not ok[idx["O"], idx["I-ORG"]] and not ok[k, idx["E-ORG"]] and ok[k, idx["S-ORG"]]
    assert not ok[idx["B-LOC"], k] and ok[idx["E-LOC"], k]


def test_fasttext_ngrams_and_quantization() -> None:
    rows = ngram_rows("بغداد", 2, 5, 1000)
    assert len(rows) == 6 + 5 + 4 + 3  # n-grams of 2..5 characters of "<بغداد>"
    assert all(0 <= r < 1000 for r in rows)
    x = np.random.default_rng(0).normal(size=(50, 16)).astype(np.float32)
    q, s = quantize(x)
    assert q.dtype == np.int8 and np.abs(dequantize(q, s) - x).max() < 0.02 * np.abs(x).max()


def test_numpy_forward_equals_torch_forward() -> None:
    pytest.importorskip("torch")
    import torch

    spec = importlib.util.spec_from_file_location("train_ner_neural", REPO / "scripts" / "train_ner_neural.py")
    assert spec and spec.loader
    sys.path.insert(0, str(REPO / "scripts"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    torch.manual_seed(0)
    model = module.Tagger(8, 12, char_dim=5, char_filters=6, hidden=7, n_words=4, word_dim=3).eval()
    for p in model.parameters():
        torch.nn.init.normal_(p, std=0.5)
    rng = np.random.default_rng(0)
    b, t = 3, 6
    mask = np.zeros((b, t), bool)
    for i, n in enumerate([6, 2, 4]):
        mask[i, :n] = True
    chars = rng.integers(0, 12, (b, t, 20))
    chars[..., 0] = rng.integers(1, 12, (b, t))
    words = rng.integers(0, 4, (b, t, 1))
    inputs = {"vec": rng.normal(size=(b, t, 8)).astype(np.float32), "chars": chars,
              "cats": np.concatenate([np.stack([rng.integers(0, n, (b, t)) for n in CATEGORIES], -1), words], -1),
              "gaz": (rng.random((b, t, 6)) > 0.7).astype(np.float32), "mask": mask}
    with torch.no_grad():
        expected = model.emissions({k: torch.from_numpy(v) for k, v in inputs.items()}).numpy()
    weights = {k[2:]: v for k, v in model.export(np.float32).items()}
    got = forward(weights, inputs)
    assert np.allclose(got[mask], expected[mask], atol=1e-4)
    # the torch CRF loss of the Viterbi paths = NumPy log-partition minus the paths' scores
    trans, start, end = crf_scores(weights)
    paths = viterbi(got, mask, trans, start, end)
    tags = torch.zeros((b, t), dtype=torch.long)
    expected_nll = 0.0
    for i, p in enumerate(paths):
        tags[i, :len(p)] = torch.tensor(p)
        alpha = start + got[i, 0]
        for step in range(1, len(p)):
            alpha = np.logaddexp.reduce(alpha[:, None] + trans, axis=0) + got[i, step]
        path_score = start[p[0]] + end[p[-1]] + sum(got[i, s, p[s]] for s in range(len(p)))
        path_score += sum(trans[p[s - 1], p[s]] for s in range(1, len(p)))
        expected_nll += (np.logaddexp.reduce(alpha + end) - path_score) / b
    with torch.no_grad():
        nll = model.nll({k: torch.from_numpy(v) for k, v in inputs.items()}, tags)
    assert float(nll) == pytest.approx(expected_nll, abs=1e-3)


@pytest.fixture(scope="module")
def neural() -> NeuralNerTagger:
    if not DEFAULT_NEURAL_MODEL.is_file():
        pytest.skip("no packaged neural model (train one with scripts/train_ner_neural.py)")
    return NeuralNerTagger.load()


def test_packaged_model_is_small(neural: NeuralNerTagger) -> None:
    files = [DEFAULT_NEURAL_MODEL, DEFAULT_NEURAL_MODEL.with_name("ner_neural.gaz.tsv")]
    assert sum(f.stat().st_size for f in files) < 20e6
    assert NeuralNerTagger.load() is neural and load_tagger("neural") is neural


@pytest.mark.parametrize(("sentence", "name", "label"), [
    ("وصل الرئيس الفرنسي إيمانويل ماكرون إلى القاهرة صباح الأحد .", "إيمانويل ماكرون", "PERS"),
    ("أعلنت وزارة الصحة في مدينة الموصل عن افتتاح مستشفى جديد .", "الموصل", "LOC"),
    ("قال المتحدث باسم الأمم المتحدة إن المساعدات وصلت إلى اليمن .", "اليمن", "LOC"),
])
def test_tags_obvious_names(neural: NeuralNerTagger, sentence: str, name: str, label: str) -> None:
    found = {(sentence[m.span.start:m.span.end], m.label) for m in neural.entities(sentence)}
    assert (name, label) in found
    assert all(0.0 <= m.confidence <= 1.0 for m in neural.entities(sentence))


def test_bad_input_is_clean(neural: NeuralNerTagger, tmp_path: Path) -> None:
    assert neural.tag_tokens([]) == []
    assert neural.entities("") == []
    assert neural.tag_sentences([[], ["بغداد"], []])[0] == []
    long_token = "ب" * 5000
    assert len(neural.tag_tokens([long_token, "x" * 3000, "🙂"])) == 3
    assert all(t == "O" or t[:2] in ("B-", "I-") for t in neural.tag_tokens("The cat sat on the mat .".split()))
    with pytest.raises(TextError):
        neural.tag_tokens("not a list")  # type: ignore[arg-type]
    with pytest.raises(TextError):
        neural.entities(None)  # type: ignore[arg-type]
    with pytest.raises(InputError):
        load_tagger("bert")
    bad = tmp_path / "broken.npz"
    bad.write_bytes(b"not a zip")
    with pytest.raises(InputError):
        NeuralNerTagger.load(bad)


def test_conll_file_with_neural_backend(neural: NeuralNerTagger, tmp_path: Path) -> None:
    src = tmp_path / "in.conll"
    src.write_text("قال\nالرئيس\nالأمريكي\nجو\nبايدن\n\nفي\nبغداد\n", encoding="utf-8")
    out = tmp_path / "out.conll"
    assert tag_conll_file(src, out, backend="neural") == 7
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[5] == "" and len(lines) == 8
