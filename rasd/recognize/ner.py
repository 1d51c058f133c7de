"""Statistical named-entity recogniser (CRF) for the persons, places and organisations the KB does not list.

The KB matcher only finds names it already knows; news keeps introducing new ones (a local commander, a village, a
new brigade). This module tags them with a linear-chain CRF (python-crfsuite) trained by `scripts/train_ner.py` on
ANERcorp. Features are deliberately cheap (folded form, affixes, a rule-based proclitic-stripped stem, shape,
neighbours, membership in a small baked gazetteer) so tagging keeps up with the rest of the pipeline on one core.

A model is three files side by side: `<name>.crfsuite` (the CRF weights), `<name>.gaz.tsv` (the gazetteer the
features were trained with) and `<name>.clusters.tsv` (distributional word classes learnt from unlabelled news, so
an unseen name can borrow what the model learnt about names that behave like it). Nothing here reads
`../shared/data` at run time.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import pycrfsuite

from rasd.errors import InputError, TextError
from rasd.model import Mention, Span
from rasd.text.normalize import fold

MODELS_DIR = Path(__file__).parent / "models"
DEFAULT_MODEL = MODELS_DIR / "ner_anercorp.crfsuite"
GAZ_SUFFIX = ".gaz.tsv"
CLUSTERS_SUFFIX = ".clusters.tsv"
PASS1_SUFFIX = ".pass1.crfsuite"
#: Sentences either side whose first-pass tags feed a token's document-memory features.
MEMORY_WINDOW = 10
#: Bumped whenever `sentence_features` changes, so a model and the code that feeds it cannot silently disagree.
FEATURES_VERSION = "rasd-ner-features 3"
#: Folded word -> its class ids, coarse to fine.
Clusters = dict[str, tuple[str, ...]]

#: Entity type (ANERcorp tag suffix) -> `Mention.kind`.
KINDS: dict[str, str] = {"PERS": "person", "LOC": "place", "ORG": "organisation", "MISC": "misc"}

_MAX_GAZ_LEN = 5
# Word characters plus Arabic combining marks and tatweel (which `\w` does not cover), so a vocalised word stays
# one token; numbers keep their decimal point and a trailing percent sign, as ANERcorp writes them.
_TOKEN_RE = re.compile(r"\d+(?:[.,٫]\d+)*%?|[\w\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200c\u200d]+|\S")
_ARABIC_RE = re.compile(r"[\u0621-\u064A]")
_LATIN_RE = re.compile(r"[A-Za-z]")


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Split text into (token, start, end) on whitespace and punctuation, keeping offsets into `text`."""
    return [(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def split_proclitics(folded: str) -> tuple[str, str]:
    """(proclitics, stem) of a folded word: و/ف, then ب/ل/ك before the article, then ال.

    A simple rule rather than a morphological analyser: ب/ل/ك are only stripped before ال (so بغداد and لبنان
    survive), and a stem must keep at least two letters. Good enough to let والعراق, بالموصل and للجيش share
    features with العراق, الموصل and الجيش.
    """
    pre, rest = "", folded
    if len(rest) > 3 and rest[0] in "وف":
        pre, rest = rest[0], rest[1:]
    if len(rest) > 4 and rest.startswith("لل"):
        pre, rest = pre + "لل", rest[2:]
    elif len(rest) > 4 and rest[0] in "بلك" and rest[1:3] == "ال":
        pre, rest = pre + rest[:3], rest[3:]
    elif len(rest) > 3 and rest.startswith("ال"):
        pre, rest = pre + "ال", rest[2:]
    return pre, rest


def token_key(token: str) -> tuple[str, str, str]:
    """(folded form, proclitics, stem) of a token; Latin letters are lower-cased."""
    folded = fold(token).lower()
    pre, stem = split_proclitics(folded)
    return folded, pre, stem


def _shape(token: str) -> str:
    if token.isdigit():
        return "digits"
    if any(c.isdigit() for c in token):
        return "hasdigit"
    if _ARABIC_RE.search(token):
        return "arabic"
    if _LATIN_RE.search(token):
        return "latin"
    return "punct"


class Gazetteer:
    """Name lists (type -> phrases) matched over token sequences, clitics and the article ignored on the first word."""

    def __init__(self, entries: Iterable[tuple[str, str]] = ()) -> None:
        self.phrases: dict[tuple[str, ...], set[str]] = {}
        for typ, phrase in entries:
            self.add(typ, phrase)

    @staticmethod
    def phrase_key(words: Sequence[str]) -> tuple[str, ...]:
        """Stem of the first word (so العراق = عراق = والعراق), folded forms of the rest."""
        keys = [token_key(w) for w in words]
        return (keys[0][2],) + tuple(k[0] for k in keys[1:]) if keys else ()

    def add(self, typ: str, phrase: str) -> None:
        words = [t for t, _, _ in tokenize(phrase)]
        if 0 < len(words) <= _MAX_GAZ_LEN:
            self.phrases.setdefault(self.phrase_key(words), set()).add(typ)

    def annotate(self, keys: Sequence[tuple[str, str, str]]) -> list[set[str]]:
        """For each token, labels like 'B-LOC'/'I-ORG' for every gazetteer phrase covering it."""
        out: list[set[str]] = [set() for _ in keys]
        n = len(keys)
        for i in range(n):
            for length in range(min(_MAX_GAZ_LEN, n - i), 0, -1):
                key = (keys[i][2],) + tuple(k[0] for k in keys[i + 1:i + length])
                types = self.phrases.get(key)
                if types:
                    for typ in types:
                        out[i].add("B-" + typ)
                        for j in range(i + 1, i + length):
                            out[j].add("I-" + typ)
        return out

    @classmethod
    def read(cls, path: Path) -> Gazetteer:
        """Read a `TYPE<TAB>phrase` file (lines starting with # are comments)."""
        gaz = cls()
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read NER gazetteer: {exc}", str(path)) from exc
        for number, line in enumerate(lines, 1):
            if not line.strip() or line.startswith("#"):
                continue
            typ, sep, phrase = line.partition("\t")
            if not sep or not phrase.strip():
                raise InputError("expected TYPE<TAB>phrase", str(path), number)
            gaz.add(typ, phrase)
        return gaz


def read_clusters(path: Path) -> Clusters:
    """Read a `word<TAB>coarse class<TAB>fine class` file, most frequent word first (# lines are comments).

    Each word gets a third pseudo-class, its frequency band in the news corpus: proper names are rarer than the
    common words around them, and words outside the list entirely (band "none") are often foreign names.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read NER word classes: {exc}", str(path)) from exc
    out: Clusters = {}
    for number, line in enumerate(lines, 1):
        if line and not line.startswith("#"):
            parts = line.split("\t")
            if len(parts) != 3:
                raise InputError("expected word<TAB>coarse<TAB>fine", str(path), number)
            rank = len(out)
            band = next(str(b) for b, top in enumerate((100, 1000, 5000, 15000, 10**9)) if rank < top)
            out[parts[0]] = (parts[1], parts[2], band)
    return out


def _classes(key: tuple[str, str, str], clusters: Clusters) -> tuple[str, ...]:
    """(coarse, fine, frequency band) of a token: its folded form, else article + stem, else its bare stem."""
    folded, pre, stem = key
    found = clusters.get(folded) or ("ال" in pre and clusters.get("ال" + stem)) or clusters.get(stem)
    return found or ("none", "none", "none")


def sentence_features(tokens: Sequence[str], gaz: Gazetteer, clusters: Clusters | None = None) -> list[list[str]]:
    """CRF features for one sentence (shared by training and tagging: change FEATURES_VERSION with it)."""
    keys = [token_key(t) for t in tokens]
    gazes = gaz.annotate(keys)
    cls = [_classes(k, clusters or {}) for k in keys]
    n = len(tokens)
    pad = ("<s>", "", "<s>")
    padded = [pad, pad, *keys, ("</s>", "", "</s>"), ("</s>", "", "</s>")]
    feats: list[list[str]] = []
    for i, (folded, pre, stem) in enumerate(keys):
        f = ["bias", "w=" + folded, "s=" + stem, "p=" + pre, "sh=" + _shape(tokens[i]), f"len={min(len(stem), 8)}"]
        for k in (1, 2, 3, 4):
            if len(folded) >= k:
                f.append(f"pre{k}=" + folded[:k])
                f.append(f"suf{k}=" + folded[-k:])
            if len(stem) > k:
                f.append(f"spre{k}=" + stem[:k])
        if i == 0:
            f.append("BOS")
        if i == n - 1:
            f.append("EOS")
        for d in (-2, -1, 1, 2):
            nb = padded[i + 2 + d]
            f.append(f"w[{d}]=" + nb[0])
            if abs(d) == 1:
                f.append(f"s[{d}]=" + nb[2])
                j = i + d
                if 0 <= j < n:
                    f.extend(f"g[{d}]=" + g for g in gazes[j])
        f.append("w[-1]|w=" + padded[i + 1][2] + "|" + stem)
        f.append("w|w[1]=" + stem + "|" + padded[i + 3][2])
        f.extend("g=" + g for g in gazes[i])
        f.extend(("c0=" + cls[i][0], "c1=" + cls[i][1], "fr=" + cls[i][2]))
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                f.append(f"c0[{d}]=" + cls[j][0])
                if abs(d) == 1:
                    f.extend((f"c1[{d}]=" + cls[j][1], f"fr[{d}]=" + cls[j][2]))
        if i > 0:
            f.append("c1[-1]|c1=" + cls[i - 1][1] + "|" + cls[i][1])
        feats.append(f)
    return feats


def add_memory_features(feats: list[list[str]], memory: Sequence[set[str]]) -> list[list[str]]:
    """Append the document-memory features (what pass 1 called other occurrences of each word) to a sentence."""
    out = []
    for i, f in enumerate(feats):
        extra = ["m=" + t for t in sorted(memory[i])]
        extra += ["m[-1]=" + t for t in sorted(memory[i - 1])] if i > 0 else []
        extra += ["m[1]=" + t for t in sorted(memory[i + 1])] if i + 1 < len(feats) else []
        out.append(f + extra)
    return out


def document_memory(sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]],
                    window: int = MEMORY_WINDOW) -> list[list[set[str]]]:
    """For each token, the entity types pass 1 gave to OTHER occurrences of its stem within `window` sentences.

    A name is often introduced with context ("US Defence Secretary Donald Rumsfeld") and then repeated bare; this
    lets the second pass carry the confident reading over to the bare repeats (Krishnan & Manning 2006, simplified).
    """
    stems = [[token_key(t)[2] for t in sent] for sent in sentences]
    per_sentence = [Counter((st, tag[2:]) for st, tag in zip(ss, ts, strict=True) if tag != "O" and len(st) >= 3)
                    for ss, ts in zip(stems, tags, strict=True)]
    out: list[list[set[str]]] = []
    for n, (ss, ts) in enumerate(zip(stems, tags, strict=True)):
        total: Counter[tuple[str, str]] = Counter()
        for counts in per_sentence[max(0, n - window): n + window + 1]:
            total.update(counts)
        memory = []
        for st, tag in zip(ss, ts, strict=True):
            own = (st, tag[2:])
            memory.append({typ for typ in KINDS if total.get((st, typ), 0) - (own == (st, typ)) > 0})
        out.append(memory)
    return out


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

    def _run(self, tagger: pycrfsuite.Tagger, feats: list[list[str]]) -> tuple[list[str], list[float]]:
        if not feats:
            return [], []
        with self._lock:
            tags = tagger.tag(feats)
            probs = [tagger.marginal(t, i) for i, t in enumerate(tags)]
        return _repair_bio(tags), probs

    def _tag_document(self, sentences: Sequence[Sequence[str]]) -> list[tuple[list[str], list[float]]]:
        feats = [sentence_features(s, self.gazetteer, self.clusters) for s in sentences]
        if self._pass1 is None:
            return [self._run(self._tagger, f) for f in feats]
        first = [self._run(self._pass1, f)[0] for f in feats]
        memory = document_memory(sentences, first)
        return [self._run(self._tagger, add_memory_features(f, m)) for f, m in zip(feats, memory, strict=True)]

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
        if not isinstance(text, str):
            raise TextError(f"expected text (str), got {type(text).__name__}")
        sentences = _sentences(tokenize(text))
        tagged = self._tag_document([[t for t, _, _ in sent] for sent in sentences])
        mentions: list[Mention] = []
        for sent, (tags, probs) in zip(sentences, tagged, strict=True):
            for start, end, typ in bio_spans(tags):
                span = Span.of(text, sent[start][1], sent[end - 1][2])
                confidence = round(sum(probs[start:end]) / (end - start), 3)
                mentions.append(Mention(KINDS[typ], span, label=typ, confidence=confidence, attrs={"source": "ner"}))
        return mentions


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
    pass1 = companion_path(model, PASS1_SUFFIX)
    return NerTagger(model, Gazetteer.read(files[GAZ_SUFFIX]), read_clusters(files[CLUSTERS_SUFFIX]),
                     pass1 if pass1.is_file() else None)


_SENTENCE_END = {".", "!", "?", "؟"}


def _sentences(toks: list[tuple[str, int, int]]) -> list[list[tuple[str, int, int]]]:
    """Split a token stream after sentence-final punctuation, the unit the model was trained on."""
    out: list[list[tuple[str, int, int]]] = [[]]
    for tok in toks:
        out[-1].append(tok)
        if tok[0] in _SENTENCE_END:
            out.append([])
    return [s for s in out if s]


def _repair_bio(tags: list[str]) -> list[str]:
    """Turn an I- that does not continue an entity of its type into a B- (conlleval reads it that way anyway)."""
    out = list(tags)
    for i, t in enumerate(out):
        if t.startswith("I-") and (i == 0 or out[i - 1][2:] != t[2:]):
            out[i] = "B-" + t[2:]
    return out


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) token ranges of the entities in a BIO sequence."""
    spans: list[tuple[int, int, str]] = []
    start, typ = None, None
    for i, t in enumerate([*tags, "O"]):
        if start is not None and (t == "O" or t.startswith("B-") or t[2:] != typ):
            spans.append((start, i, typ or ""))
            start, typ = None, None
        if t != "O" and start is None:
            start, typ = i, t[2:]
    return spans


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


def tag_conll_file(in_path: str | Path, out_path: str | Path, *, tagger: NerTagger | None = None) -> int:
    """Tag a one-token-per-line file (blank line between sentences) into `token TAG` lines, blank lines kept.

    Returns the number of tokens. `tagger` defaults to the packaged model.
    """
    entries = read_token_lines(in_path)
    tagger = tagger or NerTagger.load()
    chunks: list[list[str]] = []  # the sentences to tag, very long ones cut
    sentence: list[str] = []
    for entry in [*entries, None]:
        if entry is not None:
            sentence.append(entry)
        elif sentence:
            chunks.extend(_chunks(sentence))
            sentence = []
    tags = iter(tag for chunk_tags in tagger.tag_sentences(chunks) for tag in chunk_tags)
    lines = [f"{entry} {next(tags)}" if entry is not None else "" for entry in entries]
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
        if tok in _SENTENCE_END or len(out[-1]) >= 4 * limit:
            out.append([])
    return [c for c in out if c]
