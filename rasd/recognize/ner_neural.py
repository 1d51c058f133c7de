"""Neural NER backend: a BiLSTM-CRF over subword news embeddings and a character CNN, run in NumPy.

Why: the CRF (rasd/recognize/ner.py) has plateaued, and most of what it misses are names the labelled data never
showed it. Here every word gets (a) a fastText vector pre-trained on ten million words of unlabelled news
(scripts/build_ner_embeddings.py) -- a name the news used gets the vector of its contexts, a name it never used a
vector built from its character n-grams -- (b) a character CNN over the folded word, and (c) a few cheap discrete
cues (shape, proclitics, gazetteer, how productive the stem is in the news). A BiLSTM reads the sentence and a
CRF layer with BIOES constraints picks the tags.

Training (scripts/train_ner_neural.py) uses PyTorch; nothing here imports it. The weights are one .npz (float16,
embedding tables int8 with a scale per row) plus the gazetteer file beside it. All sentences given at once are
padded into one batch, so the LSTM runs as a few large matrix products per time step.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from rasd.errors import InputError, TextError
from rasd.model import Mention
from rasd.recognize.bio import entities_from_tags, repair_bio
from rasd.recognize.ner_features import Gazetteer, _shape, token_key

MODELS_DIR = Path(__file__).parent / "models"
DEFAULT_NEURAL_MODEL = MODELS_DIR / "ner_neural.npz"
GAZ_SUFFIX = ".gaz.tsv"
#: Tag set (BIOES) in model output order; position 0 is O.
TAGS = ("O", *(f"{p}-{t}" for t in ("PERS", "LOC", "ORG", "MISC") for p in "BIES"))
SHAPES = ("digits", "hasdigit", "arabic", "latin", "punct")
PREFIXES = ("", "و", "ف", "ال", "وال", "فال", "بال", "لل", "كال", "ولل", "وبال", "فلل", "فبال", "وكال")
GAZ_LABELS = ("B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-PERS", "I-PERS")
MAX_CHARS = 20
#: Categorical inputs per token: shape, proclitic string, frequency band, article band, suffix band (of the stem);
#: the last column of `cats` is the id of the word in the model's own (labelled-data) word list.
CATEGORIES = (len(SHAPES), len(PREFIXES) + 1, 7, 6, 6)
#: Band ids of a word the news word list lacks (frequency bands 0-5 and article / suffix bands 0-3 or 4 = "-").
NO_BANDS = (6, 5, 5)


def quantize(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows of `x` as int8 with one float16 scale per row (half the size of float16, error < 0.5% of a row's max)."""
    scale = np.abs(x).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.round(x / scale[:, None]).clip(-127, 127).astype(np.int8)
    return q, scale.astype(np.float16)


def dequantize(q: np.ndarray, scale: np.ndarray) -> np.ndarray:
    return q.astype(np.float32) * scale.astype(np.float32)[:, None]


def fasttext_hash(data: bytes) -> int:
    """fastText's FNV-1a variant (each byte sign-extended, as its C++ `int8_t` cast does)."""
    h = 2166136261
    for b in data:
        h = ((h ^ ((b - 256) & 0xFFFFFFFF if b > 127 else b)) * 16777619) & 0xFFFFFFFF
    return h


def ngram_rows(word: str, minn: int, maxn: int, bucket: int) -> list[int]:
    """Rows of the n-gram table for `word`'s character n-grams (with < > boundaries), as fastText computes them."""
    chars = "<" + word + ">"
    rows = []
    for i in range(len(chars)):
        for n in range(minn, maxn + 1):
            if i + n > len(chars):
                break
            rows.append(fasttext_hash(chars[i:i + n].encode("utf-8")) % bucket)
    return rows


def pack_words(words: Sequence[str]) -> np.ndarray:
    """A word list as one uint8 array (newline-joined UTF-8): far smaller in an .npz than a unicode array."""
    return np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8)


def unpack_words(data: np.ndarray) -> list[str]:
    text = data.tobytes().decode("utf-8")
    return text.split("\n") if text else []


class Featurizer:
    """Turns tokens into the model's inputs: pretrained vectors, character ids, categorical ids, gazetteer flags.

    Shared by training (scripts/train_ner_neural.py) and tagging so the two cannot disagree. Per distinct token
    results are cached (bounded).
    """

    def __init__(self, arrays: dict[str, np.ndarray], gazetteer: Gazetteer, cache_size: int = 50_000) -> None:
        self.vocab = {w: i for i, w in enumerate(unpack_words(arrays["vocab"]))}
        self.vectors = dequantize(arrays["vocab_q"], arrays["vocab_s"])
        self.ngrams = dequantize(arrays["ngram_q"], arrays["ngram_s"])
        self.minn, self.maxn = int(arrays["minn"]), int(arrays["maxn"])
        self.dim = self.vectors.shape[1]
        self.chars = {c: i + 2 for i, c in enumerate(arrays["chars"].tobytes().decode("utf-8"))}  # 0 pad, 1 unknown
        bands = arrays["band_rows"]  # per band word: frequency band, article band, suffix band
        self.bands = {w: tuple(int(v) for v in bands[i]) for i, w in enumerate(unpack_words(arrays["band_words"]))}
        #: words frequent in the labelled data get a trained embedding of their own (0 pad, 1 any other word)
        self.words = {w: i + 2 for i, w in enumerate(unpack_words(arrays["train_words"]))}
        self.gazetteer = gazetteer
        self._cache: dict[str, tuple[np.ndarray, list[int], tuple[int, ...]]] = {}
        self._cache_size = cache_size

    def vector(self, folded: str) -> np.ndarray:
        """The news embedding of a folded word: its own row, else the mean of its n-gram rows (fastText's rule)."""
        i = self.vocab.get(folded)
        if i is not None:
            return self.vectors[i]
        rows = ngram_rows(folded, self.minn, self.maxn, self.ngrams.shape[0])
        return self.ngrams[rows].mean(axis=0) if rows else np.zeros(self.dim, np.float32)

    def token(self, token: str) -> tuple[np.ndarray, list[int], tuple[int, ...]]:
        """(vector, character ids, categorical ids) of one token, cached."""
        hit = self._cache.get(token)
        if hit is not None:
            return hit
        folded, pre, stem = token_key(token)
        chars = [self.chars.get(c, 1) for c in folded[:MAX_CHARS]] or [1]
        own = self.bands.get(folded, NO_BANDS)
        _, ab, sb = self.bands.get(stem, own)
        fr = own[0]
        pid = PREFIXES.index(pre) + 1 if pre in PREFIXES else 0
        cats = (SHAPES.index(_shape(token)), pid, fr, ab, sb, self.words.get(folded, 1))
        result = (self.vector(folded), chars, cats)
        if len(self._cache) < self._cache_size:
            self._cache[token] = result
        return result

    def batch(self, sentences: Sequence[Sequence[str]]) -> dict[str, np.ndarray]:
        """Padded arrays for a batch: vec (B,T,D), chars (B,T,C), cats (B,T,6), gaz (B,T,6), mask (B,T)."""
        b, t = len(sentences), max((len(s) for s in sentences), default=0) or 1
        vec = np.zeros((b, t, self.dim), np.float32)
        chars = np.zeros((b, t, MAX_CHARS), np.int64)
        cats = np.zeros((b, t, len(CATEGORIES) + 1), np.int64)
        gaz = np.zeros((b, t, len(GAZ_LABELS)), np.float32)
        mask = np.zeros((b, t), bool)
        for i, sent in enumerate(sentences):
            infos = [self.token(tok) for tok in sent]
            for j, (v, c, k) in enumerate(infos):
                vec[i, j] = v
                chars[i, j, :len(c)] = c
                cats[i, j] = k
            for j, labels in enumerate(self.gazetteer.annotate([token_key(tok) for tok in sent])):
                for label in labels:
                    if label in GAZ_LABELS:
                        gaz[i, j, GAZ_LABELS.index(label)] = 1.0
            mask[i, :len(sent)] = True
        return {"vec": vec, "chars": chars, "cats": cats, "gaz": gaz, "mask": mask}


def allowed_transitions() -> np.ndarray:
    """(K+1, K+1) boolean: may tag j follow tag i under BIOES? Row/column K stands for the sentence start/end."""
    k = len(TAGS)
    ok = np.zeros((k + 1, k + 1), bool)
    for i, a in enumerate([*TAGS, "START"]):
        for j, b in enumerate([*TAGS, "END"]):
            inside = a[:2] in ("B-", "I-")  # an entity is open after a
            if b in ("O", "END") or b[:2] in ("B-", "S-"):
                ok[i, j] = not inside and a != "END"
            else:  # I- or E- must continue an open entity of the same type
                ok[i, j] = inside and a[2:] == b[2:]
    return ok


def _prepared(w: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """LSTM weights rearranged once for speed (kept in `w`): both directions' input weights in one matrix, and
    the i, f, o gate rows halved so one tanh gives all four gates (sigmoid(x) = (1 + tanh(x / 2)) / 2)."""
    prep = w.get("_prep")
    if prep is None:
        hid = w["lstm_w_hh"].shape[1]
        scale = np.ones(4 * hid, np.float32)
        scale[:2 * hid] = 0.5
        scale[3 * hid:] = 0.5
        prep = {"w_ih": np.ascontiguousarray(np.concatenate([w["lstm_w_ih"], w["lstm_w_ih_r"]]).T
                                             * np.tile(scale, 2)),
                "b": np.concatenate([w["lstm_b"], w["lstm_b_r"]]) * np.tile(scale, 2),
                "w_hh": np.ascontiguousarray(w["lstm_w_hh"].T * scale),
                "w_hh_r": np.ascontiguousarray(w["lstm_w_hh_r"].T * scale)}
        w["_prep"] = prep  # type: ignore[assignment]
    return prep


def lstm(gates_x: np.ndarray, mask: np.ndarray, w_hh_t: np.ndarray, reverse: bool = False) -> np.ndarray:
    """One LSTM direction given its input projections (B,T,4H) (torch gate order i, f, g, o; i, f, o pre-halved,
    see _prepared). Padded steps keep a zero state, so the reverse direction starts at each sentence's last token;
    steps every sentence of the batch covers skip the masking."""
    bsz, steps, _ = gates_x.shape
    hid = w_hh_t.shape[0]
    full = int(mask.sum(axis=1).min())
    h = np.zeros((bsz, hid), np.float32)
    c = np.zeros((bsz, hid), np.float32)
    out = np.zeros((bsz, steps, hid), np.float32)
    for t in (range(steps - 1, -1, -1) if reverse else range(steps)):
        g = np.tanh(gates_x[:, t] + h @ w_hh_t)
        i, f, o = g[:, :hid] + 1, g[:, hid:2 * hid] + 1, g[:, 3 * hid:] + 1  # sigmoid times 2
        c_new = 0.5 * (f * c + i * g[:, 2 * hid:3 * hid])
        h_new = 0.5 * o * np.tanh(c_new)
        if t < full:
            c, h = c_new, h_new
            out[:, t] = h_new
        else:
            m = mask[:, t:t + 1]
            c = np.where(m, c_new, c)
            h = np.where(m, h_new, h)
            out[:, t] = h_new * m
    return out


def char_vectors(w: dict[str, np.ndarray], chars: np.ndarray) -> np.ndarray:
    """Character-CNN vectors (N,F) of N words given as padded character ids (N,C): width-3 convolution, max-pool."""
    ce = w["char_emb"][chars]  # (N,C,E)
    pad = np.zeros_like(ce[:, :1])
    windows = np.concatenate([np.concatenate([pad, ce[:, :-1]], 1), ce, np.concatenate([ce[:, 1:], pad], 1)], -1)
    conv = windows @ w["char_conv_w"].T + w["char_conv_b"]
    conv = np.where((chars > 0)[..., None], conv, -1e4)
    return np.tanh(conv.max(axis=1))


def forward(w: dict[str, np.ndarray], inputs: dict[str, np.ndarray]) -> np.ndarray:
    """Emission scores (B,T,K) of a batch: the same computation as the torch model in scripts/train_ner_neural.py."""
    chars, mask = inputs["chars"], inputs["mask"]
    bsz, steps = mask.shape
    flat = chars.reshape(bsz * steps, -1)
    unique, inverse = np.unique(flat, axis=0, return_inverse=True)  # each distinct word (and padding) once
    char_vec = char_vectors(w, unique)[inverse.reshape(-1)].reshape(bsz, steps, -1)
    parts = [inputs["vec"], char_vec, inputs["gaz"]]
    parts += [w[f"cat{n}_emb"][inputs["cats"][..., n]] for n in range(len(CATEGORIES))]
    parts.append(w["word_emb"][inputs["cats"][..., len(CATEGORIES)]])
    x = np.concatenate(parts, axis=-1).astype(np.float32)
    prep = _prepared(w)
    gates = (x.reshape(bsz * steps, -1) @ prep["w_ih"] + prep["b"]).reshape(bsz, steps, -1)
    half = gates.shape[-1] // 2
    fw = lstm(gates[..., :half], mask, prep["w_hh"])
    bw = lstm(gates[..., half:], mask, prep["w_hh_r"], reverse=True)
    h = np.concatenate([fw, bw], axis=-1)
    return h @ w["out_w"].T + w["out_b"]


def crf_scores(w: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(transitions K×K, start K, end K) with the BIOES-forbidden moves at -1e4."""
    ok = allowed_transitions()
    k = len(TAGS)
    trans = np.where(ok[:k, :k], w["crf_trans"], -1e4)
    start = np.where(ok[k, :k], w["crf_start"], -1e4)
    end = np.where(ok[:k, k], w["crf_end"], -1e4)
    return trans, start, end


def viterbi(emissions: np.ndarray, mask: np.ndarray, trans: np.ndarray, start: np.ndarray,
            end: np.ndarray) -> list[list[int]]:
    """Best tag-index paths of a padded batch (every sentence scored over its own length only)."""
    bsz, steps, k = emissions.shape
    score = start + emissions[:, 0]
    back = np.zeros((bsz, steps, k), np.int64)
    for t in range(1, steps):
        cand = score[:, :, None] + trans[None]
        best = cand.argmax(axis=1)
        new = cand.max(axis=1) + emissions[:, t]
        m = mask[:, t:t + 1]
        score = np.where(m, new, score)
        back[:, t] = np.where(m, best, np.arange(k)[None])
    last = (score + end).argmax(axis=1)
    lengths = mask.sum(axis=1)
    paths = []
    for i in range(bsz):
        tag = int(last[i])
        path = [tag]
        for t in range(int(lengths[i]) - 1, 0, -1):
            tag = int(back[i, t, tag])
            path.append(tag)
        paths.append(path[::-1])
    return paths


def marginals(emissions: np.ndarray, mask: np.ndarray, trans: np.ndarray, start: np.ndarray,
              end: np.ndarray) -> np.ndarray:
    """Posterior probability of every tag at every position (B,T,K), by forward-backward in log space."""
    bsz, steps, k = emissions.shape

    def lse(a: np.ndarray, axis: int) -> np.ndarray:
        m = a.max(axis=axis, keepdims=True)
        return (m + np.log(np.exp(a - m).sum(axis=axis, keepdims=True))).squeeze(axis)

    alpha = np.zeros((bsz, steps, k))
    alpha[:, 0] = start + emissions[:, 0]
    for t in range(1, steps):
        new = lse(alpha[:, t - 1, :, None] + trans[None], 1) + emissions[:, t]
        alpha[:, t] = np.where(mask[:, t:t + 1], new, alpha[:, t - 1])
    beta = np.zeros((bsz, steps, k))
    lengths = mask.sum(axis=1)
    beta[np.arange(bsz), np.maximum(lengths - 1, 0)] = end
    for t in range(steps - 2, -1, -1):
        new = lse(trans[None] + (emissions[:, t + 1] + beta[:, t + 1])[:, None, :], 2)
        inner = mask[:, t + 1:t + 2]
        beta[:, t] = np.where(inner, new, beta[:, t])
    z = lse(alpha[np.arange(bsz), np.maximum(lengths - 1, 0)] + end, 1)
    return np.exp(alpha + beta - z[:, None, None])


class NeuralNerTagger:
    """A loaded neural model with NerTagger's tagging interface (tag_sentences, tag_tokens, entities)."""

    backend = "neural"

    def __init__(self, model_path: Path) -> None:
        self.model_path = model_path
        self._repair = repair_bio
        try:
            with np.load(model_path) as data:
                arrays = {k: data[k] for k in data.files}
        except (OSError, ValueError, KeyError) as exc:
            raise InputError(f"cannot read the neural NER model: {exc}", str(model_path)) from exc
        gaz = model_path.with_name(model_path.name.removesuffix(".npz") + GAZ_SUFFIX)
        if not gaz.is_file():
            raise InputError(f"NER gazetteer {gaz.name} missing beside the model", str(model_path))
        self.features = Featurizer(arrays, Gazetteer.read(gaz))
        self.weights = {k[2:]: v.astype(np.float32) for k, v in arrays.items() if k.startswith("w_")}
        self.trans, self.start, self.end = crf_scores(self.weights)
        self._lock = threading.Lock()  # the feature cache is shared

    @classmethod
    def load(cls, path: str | Path | None = None) -> NeuralNerTagger:
        """The model at `path` (.npz with its .gaz.tsv beside it); default: the packaged one. Cached."""
        return _load_cached(str(Path(path).resolve()) if path is not None else str(DEFAULT_NEURAL_MODEL))

    def _tag(self, sentences: Sequence[Sequence[str]], probs: bool = False,
             max_tokens: int = 4096) -> list[tuple[list[str], list[float]]]:
        """(BIO tags, posterior of each chosen tag if `probs`) per sentence. Sentences are sorted by length and
        padded into batches of at most `max_tokens` cells, so little work goes into padding."""
        order = sorted((i for i in range(len(sentences)) if sentences[i]), key=lambda i: len(sentences[i]))
        out: list[tuple[list[str], list[float]]] = [([], [])] * len(sentences)
        groups: list[list[int]] = []
        for i in order:  # ascending length: the newest sentence is the longest of its group
            if groups and (len(groups[-1]) + 1) * len(sentences[i]) <= max_tokens:
                groups[-1].append(i)
            else:
                groups.append([i])
        for idx in groups:
            with self._lock:
                inputs = self.features.batch([sentences[i] for i in idx])
            em = forward(self.weights, inputs)
            paths = viterbi(em, inputs["mask"], self.trans, self.start, self.end)
            # posteriors only matter for entity tags: skip forward-backward when the batch has none
            wanted = probs and any(k for path in paths for k in path)
            post = marginals(em, inputs["mask"], self.trans, self.start, self.end) if wanted else None
            for n, (i, path) in enumerate(zip(idx, paths, strict=True)):
                p = [float(post[n, t, k]) for t, k in enumerate(path)] if post is not None else [1.0] * len(path)
                out[i] = (self._repair([TAGS[k] for k in path]), p)
        return out

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags for each sentence (all sentences tagged as one padded batch)."""
        return [tags for tags, _ in self._tag(sentences)]

    def tag_tokens(self, tokens: list[str]) -> list[str]:
        """BIO tags (B-/I- PERS, LOC, ORG, MISC, or O), one per token; the tokens are one sentence."""
        if isinstance(tokens, str) or not all(isinstance(t, str) for t in tokens):
            raise TextError("tag_tokens expects a list of token strings")
        return self._tag([tokens])[0][0]

    def entities(self, text: str) -> list[Mention]:
        """Named entities in `text` as Mentions with spans into `text` (confidence: mean tag posterior)."""
        return entities_from_tags(text, lambda sents: self._tag(sents, probs=True))


@lru_cache(maxsize=4)
def _load_cached(path: str) -> NeuralNerTagger:
    model = Path(path)
    if not model.is_file():
        raise InputError("neural NER model file not found (train one with scripts/train_ner_neural.py)", path)
    return NeuralNerTagger(model)
