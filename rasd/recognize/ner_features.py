"""CRF features for rasd's NER model (rasd/recognize/ner.py), shared by tagging and scripts/train_ner.py.

Features are cheap and token-local where possible (folded form, affixes, a rule-based proclitic-stripped stem,
shape, distributional word classes, how productive the stem is in unlabelled news), plus neighbours, gazetteer
phrases and (second pass) document memory. Everything that depends on one token alone is computed once per
distinct token and cached, including the strings it contributes to its neighbours, so a sentence costs little
more than list concatenation (the cache is bounded: about 50 MB at its 8,000 tokens).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from rasd.errors import InputError
from rasd.text.normalize import fold

#: Bumped whenever the features change, so a model and the code that feeds it cannot silently disagree.
FEATURES_VERSION = "rasd-ner-features 4"
#: Entity types (ANERcorp tag suffixes).
TYPES = ("PERS", "LOC", "ORG", "MISC")
#: Folded word -> its row of the word-class file: classes coarse to fine, article band, suffix band, frequency band.
Clusters = dict[str, tuple[str, ...]]

_MAX_GAZ_LEN = 5
# Word characters plus Arabic combining marks and tatweel (which `\w` does not cover), so a vocalised word stays
# one token; numbers keep their decimal point and a trailing percent sign, as ANERcorp writes them.
_TOKEN_RE = re.compile(r"\d+(?:[.,٫]\d+)*%?|[\w\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200c\u200d]+|\S")
_ARABIC_RE = re.compile(r"[\u0621-\u064A]")
_LATIN_RE = re.compile(r"[A-Za-z]")
_FREQ_BANDS = (100, 1000, 5000, 15000, 40000)


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
        self.max_len: dict[str, int] = {}  # first-word stem -> longest phrase starting with it (a fast reject)
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
            key = self.phrase_key(words)
            self.phrases.setdefault(key, set()).add(typ)
            self.max_len[key[0]] = max(self.max_len.get(key[0], 0), len(key))

    def annotate(self, keys: Sequence[tuple[str, str, str]]) -> list[set[str]]:
        """For each token, labels like 'B-LOC'/'I-ORG' for every gazetteer phrase covering it."""
        out: list[set[str]] = [set() for _ in keys]
        n = len(keys)
        phrases, max_len = self.phrases, self.max_len
        for i in range(n):
            for length in range(min(max_len.get(keys[i][2], 0), n - i), 0, -1):
                key = (keys[i][2],) + tuple(k[0] for k in keys[i + 1:i + length])
                types = phrases.get(key)
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
    """Read a `word<TAB>class...<TAB>article band<TAB>suffix band` file, most frequent word first (# = comment).

    Each word also gets its frequency band in the news corpus as a last column: proper names are rarer than the
    common words around them, and words outside the list entirely (band "none") are often foreign names.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read NER word classes: {exc}", str(path)) from exc
    out: Clusters = {}
    width = None
    for number, line in enumerate(lines, 1):
        if line and not line.startswith("#"):
            parts = line.split("\t")
            if width is None:
                width = len(parts)
            if len(parts) != width or width < 4:
                raise InputError("expected word<TAB>classes...<TAB>article band<TAB>suffix band", str(path), number)
            rank = len(out)
            band = next((str(b) for b, top in enumerate(_FREQ_BANDS) if rank < top), str(len(_FREQ_BANDS)))
            out[parts[0]] = tuple(sys.intern(v) for v in (*parts[1:], band))  # 80K rows share few values
    return out


class FeatureExtractor:
    """Turns sentences into CRF feature lists with a model's gazetteer and word classes (per-token results cached)."""

    def __init__(self, gaz: Gazetteer, clusters: Clusters | None = None, cache_size: int = 8_000) -> None:
        self.gaz = gaz
        self.clusters = clusters or {}
        first = next(iter(self.clusters.values()), None)
        self.levels = len(first) - 3 if first else 0  # class columns (the last three are bands)
        self._none = ("none",) * (self.levels + 3)
        self._cache: dict[str, tuple] = {}
        self._cache_size = cache_size

    def _row(self, key: tuple[str, str, str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(word-class row of the token, word-class row of its bare stem): classes come from the folded form,
        else article + stem, else the stem; the productivity bands always describe the stem."""
        folded, pre, stem = key
        get = self.clusters.get
        row = get(folded) or ("ال" in pre and get("ال" + stem)) or get(stem) or self._none
        return row, get(stem) or self._none

    def token(self, token: str) -> tuple:
        """(key, own features, features it gives a neighbour at offset -2, -1, +1, +2), cached per token string."""
        hit = self._cache.get(token)
        if hit is not None:
            return hit
        key = folded, pre, stem = token_key(token)
        row, stem_row = self._row(key)
        lv = self.levels
        classes, fr = row[:lv], row[-1]
        art = "A" if "ال" in pre else ""
        own = ["bias", "w=" + folded, "s=" + stem, "p=" + pre, "sh=" + _shape(token), f"len={min(len(stem), 8)}"]
        for k in (1, 2, 3, 4):
            if len(folded) >= k:
                own.append(f"pre{k}=" + folded[:k])
                own.append(f"suf{k}=" + folded[-k:])
            if len(stem) > k:
                own.append(f"spre{k}=" + stem[:k])
        own += [f"c{j}=" + c for j, c in enumerate(classes)]
        own += ["fr=" + fr, "ab=" + stem_row[lv] + art, "sb=" + stem_row[lv + 1]]
        nbs = []
        for d in (-2, -1, 1, 2):
            nb = [f"w[{d}]=" + folded]
            if abs(d) == 1:
                nb.append(f"s[{d}]=" + stem)
                nb += [f"c{j}[{d}]=" + c for j, c in enumerate(classes) if j >= 1]
                nb += [f"fr[{d}]=" + fr, f"ab[{d}]=" + stem_row[lv] + art]
            elif classes:
                nb += [f"c{j}[{d}]=" + c for j, c in enumerate(classes[:2])]
            nbs.append(nb)
        result = (key, own, *nbs, classes[lv // 2] if classes else "none")
        if len(self._cache) < self._cache_size:  # bounded (~6 KB a token); the first tokens seen are the common ones
            self._cache[token] = result
        return result

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        """CRF features for one sentence (change FEATURES_VERSION with them)."""
        infos = [self.token(t) for t in tokens]
        keys = [info[0] for info in infos]
        gazes = self.gaz.annotate(keys)
        n = len(tokens)
        feats: list[list[str]] = []
        for i, info in enumerate(infos):
            f = list(info[1])
            if i == 0:
                f.append("BOS")
            if i == n - 1:
                f.append("EOS")
            for slot, d in ((2, -2), (3, -1), (4, 1), (5, 2)):
                j = i + d  # the neighbour at offset d stores, in this slot, what it gives a token d away
                if 0 <= j < n:
                    f += infos[j][slot]
                    if abs(d) == 1:
                        f += [f"g[{d}]=" + g for g in gazes[j]]
                else:
                    f.append(f"w[{d}]=" + ("<s>" if d < 0 else "</s>"))
            stem = info[0][2]
            f.append("w[-1]|w=" + (keys[i - 1][2] if i > 0 else "<s>") + "|" + stem)
            f.append("w|w[1]=" + stem + "|" + (keys[i + 1][2] if i + 1 < n else "</s>"))
            f += ["g=" + g for g in gazes[i]]
            if i > 0:
                f.append("cm[-1]|cm=" + infos[i - 1][6] + "|" + info[6])
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
                    window: int = 10) -> list[list[set[str]]]:
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
            memory.append({typ for typ in TYPES if total.get((st, typ), 0) - (own == (st, typ)) > 0})
        out.append(memory)
    return out
