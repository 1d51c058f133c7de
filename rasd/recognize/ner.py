"""Statistical named-entity recogniser (CRF) for the persons, places and organisations the KB does not list.

The KB matcher only finds names it already knows; news keeps introducing new ones (a local commander, a village, a
new brigade). This module tags them with a linear-chain CRF (python-crfsuite) trained by `scripts/train_ner.py` on
ANERcorp (in BIOES encoding; tags come out as BIO). The features (rasd/recognize/ner_features.py) are cheap and
cached per distinct token so tagging keeps up with the rest of the pipeline on one core.

A model is three files side by side: `<name>.crfsuite` (the CRF weights), `<name>.gaz.tsv` (the gazetteer the
features were trained with) and `<name>.clusters.tsv` (distributional word classes and article/suffix bands learnt
from unlabelled news by scripts/build_ner_clusters.py, so an unseen name can borrow what the model learnt about
names that behave like it), plus optionally `<name>.pass1.crfsuite` (two-pass document memory). Nothing here reads
`../shared/data` at run time.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycrfsuite

from rasd.errors import InputError, TextError
from rasd.model import Mention
from rasd.recognize.bio import KINDS, SENTENCE_END, bio_spans, entities_from_tags, repair_bio, to_bioes
from rasd.recognize.ner_features import (
    FEATURES_VERSION,
    TYPES,
    Clusters,
    FeatureExtractor,
    Gazetteer,
    add_memory_features,
    document_memory,
    read_clusters,
    read_model_attributes,
    split_proclitics,
    token_key,
    tokenize,
)

__all__ = [
    "FEATURES_VERSION", "TYPES", "Clusters", "FeatureExtractor", "Gazetteer", "add_memory_features",
    "document_memory", "read_clusters", "split_proclitics", "token_key", "tokenize", "NerTagger", "KINDS",
    "bio_spans", "companion_path", "repair_bio", "to_bioes", "read_token_lines", "read_version", "tag_conll_file",
    "BACKENDS", "DEFAULT_BACKEND", "entities_from_tags", "load_tagger",
]

MODELS_DIR = Path(__file__).parent / "models"
DEFAULT_MODEL = MODELS_DIR / "ner_anercorp.crfsuite"
GAZ_SUFFIX = ".gaz.tsv"
CLUSTERS_SUFFIX = ".clusters.tsv"
PASS1_SUFFIX = ".pass1.crfsuite"

#: A lone sentence (what the pipeline tags) has no document for the memory features to look into: tag it with the
#: first-pass model alone, which was trained without them, at half the cost (see MODEL_CARD.md for the figures).
LONE_SENTENCE_ONE_PASS = True
#: NER backends: the CRF here, or the BiLSTM-CRF of rasd/recognize/ner_neural.py (see MODEL_CARD.md for both).
BACKENDS = ("crf", "neural")
DEFAULT_BACKEND = "crf"

#: Entity type (ANERcorp tag suffix) -> `Mention.kind`.


def companion_path(model_path: Path, suffix: str) -> Path:
    """A data file that belongs to a model file (GAZ_SUFFIX, CLUSTERS_SUFFIX)."""
    return model_path.with_name(model_path.name.removesuffix(".crfsuite") + suffix)


def read_version(path: Path) -> str | None:
    """The features version a model data file was written for (its first comment line), or None."""
    with path.open(encoding="utf-8") as f:
        first = f.readline().strip()
    return first[2:] if first.startswith("# ") else None


class NerTagger:
    """A loaded CRF model (plus, if present, its first-pass model) and its data files. Tagging is thread-safe."""

    def __init__(self, model_path: Path, gazetteer: Gazetteer, clusters: Clusters, pass1: Path | None = None) -> None:
        self.model_path = model_path
        self.gazetteer = gazetteer
        self.clusters = clusters
        from rasd.plain_cache import remembered_file

        # The packaged models' ~37,000 feature names each come from the cache of plain values after the first read.
        known = [remembered_file(p, read_model_attributes) for p in (model_path, pass1) if p is not None]
        # Features no model here has weights for are left out: same tags, fewer strings for crfsuite to look up.
        self.features = FeatureExtractor(gazetteer, clusters,
                                         known=frozenset().union(*known) if None not in known else None)
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))
        self._pass1: pycrfsuite.Tagger | None = None
        if pass1 is not None:
            self._pass1 = pycrfsuite.Tagger()
            self._pass1.open(str(pass1))
        self._lock = threading.Lock()  # a crfsuite Tagger keeps per-call state

    @classmethod
    def load(cls, path: str | Path | None = None) -> NerTagger:
        """The model at `path` (a .crfsuite file with its data files beside it); default: the packaged one. Cached."""
        return _load_cached(str(Path(path).resolve()) if path is not None else str(DEFAULT_MODEL))

    def _run(self, tagger: pycrfsuite.Tagger, feats: list[list[str]], probs: bool = False,
             ) -> tuple[list[str], list[float]]:
        """Viterbi tags, and with `probs` the marginal probability of each entity token's tag (O tokens get 1.0:
        the marginals cost a forward-backward pass, so they are computed only where a confidence is reported)."""
        if not feats:
            return [], []
        with self._lock:
            tags = tagger.tag(feats)
            p = [tagger.marginal(t, i) if t != "O" else 1.0 for i, t in enumerate(tags)] if probs else []
        return repair_bio(tags), p

    def _tag_document(self, sentences: Sequence[Sequence[str]], probs: bool = False,
                      ) -> list[tuple[list[str], list[float]]]:
        feats = [self.features.sentence(s) for s in sentences]
        if self._pass1 is None:
            return [self._run(self._tagger, f, probs) for f in feats]
        if len(sentences) == 1 and LONE_SENTENCE_ONE_PASS:
            return [self._run(self._pass1, feats[0], probs)]
        first = [self._run(self._pass1, f)[0] for f in feats]
        memory = document_memory(sentences, first)
        return [self._run(self._tagger, add_memory_features(f, m), probs) for f, m in zip(feats, memory, strict=True)]

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags for the sentences of one document (names repeated across sentences are tagged consistently)."""
        return [tags for tags, _ in self._tag_document(sentences)]

    def tag_tokens(self, tokens: list[str]) -> list[str]:
        """BIO tags (B-/I- PERS, LOC, ORG, MISC, or O), one per token; the tokens are one sentence."""
        if isinstance(tokens, str) or not all(isinstance(t, str) for t in tokens):
            raise TextError("tag_tokens expects a list of token strings")
        return self._tag_document([tokens])[0][0]

    def entities(self, text: str) -> list[Mention]:
        """Named entities in `text` as Mentions (kind person/place/organisation/misc) with spans into `text`."""
        return entities_from_tags(text, lambda sents: self._tag_document(sents, probs=True))


def load_tagger(backend: str | None = None, path: str | Path | None = None) -> Any:
    """The tagger of `backend` ("crf" or "neural"; default DEFAULT_BACKEND), both with tag_sentences / tag_tokens /
    entities. The neural one lives in rasd/recognize/ner_neural.py (NumPy only)."""
    backend = backend or DEFAULT_BACKEND
    if backend == "crf":
        return NerTagger.load(path)
    if backend == "neural":
        from rasd.recognize.ner_neural import NeuralNerTagger

        return NeuralNerTagger.load(path)
    raise InputError(f"unknown NER backend {backend!r} (expected one of {', '.join(BACKENDS)})")


@lru_cache(maxsize=8)
def _load_cached(path: str) -> NerTagger:
    model = Path(path)
    if not model.is_file():
        raise InputError("NER model file not found (train one with scripts/train_ner.py)", path)
    files = {suffix: companion_path(model, suffix) for suffix in (GAZ_SUFFIX, CLUSTERS_SUFFIX)}
    for what, file in zip(("gazetteer", "word classes"), files.values(), strict=True):
        if not file.is_file():
            raise InputError(f"NER {what} file {file.name} missing beside the model", path)
        version = read_version(file)
        if version != FEATURES_VERSION:
            raise InputError(f"{file.name} built for {version!r}, this code computes {FEATURES_VERSION!r}: retrain",
                             path)
    from rasd.plain_cache import remembered_file

    pass1 = companion_path(model, PASS1_SUFFIX)
    # The packaged model's 80,000 word classes and its name lists come from the cache of plain values
    # (rasd.plain_cache) after the first read: loaded before a parallel run's workers start, ~5-10x faster than
    # parsing the files.
    clusters = remembered_file(files[CLUSTERS_SUFFIX], read_clusters)
    gazetteer = Gazetteer.from_state(remembered_file(files[GAZ_SUFFIX], lambda p: Gazetteer.read(p).state()))
    return NerTagger(model, gazetteer, clusters, pass1 if pass1.is_file() else None)


def read_token_lines(path: str | Path) -> list[str | None]:
    """Tokens of a one-token-per-line file (first column), None for each blank line; clear errors on bad files."""
    p = Path(path)
    if not p.is_file():
        raise InputError("file not found" if not p.exists() else "not a regular file", str(p))
    data = p.read_bytes()
    if not data.strip():
        raise InputError("file is empty", str(p))
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError("binary file (NUL byte), expected UTF-8 text with one token per line", str(p), line)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"not valid UTF-8 (byte offset {exc.start})", str(p), line) from exc
    return [parts[0] if (parts := line.split()) else None for line in text.splitlines()]


#: Written for a token that holds no visible character (CAraNER has tokens that are a lone U+200F mark).
INVISIBLE_TOKEN = "_"


def visible_token(token: str) -> str:
    """The token as written in CoNLL output: unchanged, unless it is made only of format characters (bidi marks
    such as U+200F, U+202A): readers commonly strip those marks, and a line left with only its tag is then read
    as no token at all, so the output would count fewer tokens than the input (CAraNER: 55,387 of 55,389)."""
    if all(unicodedata.category(ch) in ("Cf", "Zs") for ch in token):
        return INVISIBLE_TOKEN
    return token


def tag_conll_file(in_path: str | Path, out_path: str | Path, *, tagger: Any = None, backend: str | None = None,
                   ) -> int:
    """Tag a one-token-per-line file (blank line between sentences) into `token TAG` lines, blank lines kept.

    Returns the number of tokens. `tagger` defaults to the packaged model of `backend` (see load_tagger).
    """
    entries = read_token_lines(in_path)
    tagger = tagger or load_tagger(backend)
    chunks: list[list[str]] = []  # the sentences to tag, very long ones cut
    sentence: list[str] = []
    for entry in [*entries, None]:
        if entry is not None:
            sentence.append(entry)
        elif sentence:
            chunks.extend(_chunks(sentence))
            sentence = []
    tags = iter(tag for chunk_tags in tagger.tag_sentences(chunks) for tag in chunk_tags)
    lines = [f"{visible_token(entry)} {next(tags)}" if entry is not None else "" for entry in entries]
    count = sum(entry is not None for entry in entries)
    try:
        Path(out_path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write output: {exc}", str(out_path)) from exc
    return count


def _chunks(sent: list[str], limit: int = 150) -> list[list[str]]:
    """A very long 'sentence' (a file without blank lines) is cut after sentence-final punctuation for tagging."""
    if len(sent) <= limit:
        return [sent]
    out: list[list[str]] = [[]]
    for tok in sent:
        out[-1].append(tok)
        if tok in SENTENCE_END or len(out[-1]) >= 4 * limit:
            out.append([])
    return [c for c in out if c]
