"""CRF features for rasd's NER model (rasd/recognize/ner.py), shared by tagging and scripts/train_ner.py.

Features are cheap and token-local where possible (folded form, affixes, a rule-based proclitic-stripped stem,
shape, distributional word classes, how productive the stem is in unlabelled news), plus neighbours, gazetteer
phrases and (second pass) document memory. Everything that depends on one token alone is computed once per
distinct token and cached, including the strings it contributes to its neighbours, so a sentence costs little
more than list concatenation (the cache is bounded: about 50 MB at its 8,000 tokens).
"""

from __future__ import annotations

import re
import struct
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

    def state(self) -> tuple[dict[tuple[str, ...], set[str]], dict[str, int]]:
        """What `read` computes from the file, as plain values (kept by rasd.plain_cache between processes)."""
        return self.phrases, self.max_len

    @classmethod
    def from_state(cls, state: tuple[dict[tuple[str, ...], set[str]], dict[str, int]]) -> Gazetteer:
        """The gazetteer whose `state()` this is, without tokenising and folding its ~7,000 phrases again."""
        gaz = cls()
        gaz.phrases, gaz.max_len = state
        return gaz

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
    # Read at every start-up (80K rows, before a parallel run's workers fork), so the loop is kept lean: the
    # frequency band only moves up as the rank grows, and the rows share few values (interned).
    band, tops, intern = 0, (*_FREQ_BANDS, float("inf")), sys.intern
    band_names = tuple(str(b) for b in range(len(tops)))
    for number, line in enumerate(lines, 1):
        if line and not line.startswith("#"):
            parts = line.split("\t")
            if width is None:
                width = len(parts)
            if len(parts) != width or width < 4:
                raise InputError("expected word<TAB>classes...<TAB>article band<TAB>suffix band", str(path), number)
            while len(out) >= tops[band]:
                band += 1
            parts[0] = band_names[band]
            out[line[:line.index("\t")]] = tuple(map(intern, (*parts[1:], parts[0])))
    return out


class FeatureExtractor:
    """Turns sentences into CRF feature lists with a model's gazetteer and word classes (per-token results cached)."""

    def __init__(self, gaz: Gazetteer, clusters: Clusters | None = None, cache_size: int | None = None,
                 known: frozenset[str] | None = None) -> None:
        """`known`: the attributes the model that will read the features has weights for (read_model_attributes);
        the others are left out. A CRF gives an attribute it has no weight for no score, so the tags and their
        probabilities are exactly the same; the tagger just converts and looks up a quarter fewer strings. The
        cached features of a token are then the known set's own string objects, so a cached token costs ~1.1 KB
        instead of ~4 KB, and four times as many tokens are cached in the same memory (`cache_size` default:
        8,000 tokens without `known`, 30,000 with it)."""
        self.gaz = gaz
        self.known = known
        self._canonical = {f: f for f in known} if known is not None else None
        self.clusters = clusters or {}
        first = next(iter(self.clusters.values()), None)
        self.levels = len(first) - 3 if first else 0  # class columns (the last three are bands)
        self._none = ("none",) * (self.levels + 3)
        self._fixed = tuple(f if known is None or f in known else None
                            for f in ("BOS", "EOS", "w[-2]=<s>", "w[-1]=<s>", "w[1]=</s>", "w[2]=</s>"))
        self._cache: dict[str, tuple] = {}
        self._cache_size = cache_size if cache_size is not None else 8_000 if known is None else 30_000
        # With `known`: each feature family's known values -> the known string ("pre2" -> {"ال": "pre2=ال"}), so
        # a token's features are looked up by value, without building the strings the model has no weight for.
        self._tables: dict[str, dict[str, str]] | None = None
        if known is not None:
            tables: dict[str, dict[str, str]] = {}
            for f in known:
                name, sep, value = f.partition("=")
                if sep:
                    tables.setdefault(name, {})[value] = f
            self._tables = tables

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
        if self._tables is not None:
            result = self._known_features(token, key, classes, fr, stem_row[lv] + art, stem_row[lv + 1])
            if len(self._cache) < self._cache_size:
                self._cache[token] = result
            return result
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
        if self._canonical is not None:  # the known strings only, as the known set's own objects
            # (filter(None, ...): a feature string is never empty, so only the unknown ones, None, are dropped)
            canonical = self._canonical.get
            own = list(filter(None, map(canonical, own)))
            nbs = [list(filter(None, map(canonical, nb))) for nb in nbs]
        result = (key, own, *nbs, classes[lv // 2] if classes else "none")
        if len(self._cache) < self._cache_size:  # bounded; the first tokens seen are the common ones
            self._cache[token] = result
        return result

    def _known_features(self, token: str, key: tuple[str, str, str], classes: tuple[str, ...], fr: str, ab: str,
                        sb: str) -> tuple:
        """What `token` computes with `known`: the same features in the same order, each the known set's own string,
        found by looking its value up in its family's table (an unknown one is None, then dropped; a feature string
        is never empty, so filter(None) drops exactly those)."""
        folded, pre, stem = key
        bias, w, s, p, sh, ln, pres, sufs, spres, cs, tfr, tab, tsb, nb_tables = self._family_tables()
        own = [bias, w.get(folded), s.get(stem), p.get(pre), sh.get(_shape(token)), ln.get(str(min(len(stem), 8)))]
        n_folded, n_stem = len(folded), len(stem)
        for k in (1, 2, 3, 4):
            if n_folded >= k:
                own.append(pres[k].get(folded[:k]))
                own.append(sufs[k].get(folded[-k:]))
            if n_stem > k:
                own.append(spres[k].get(stem[:k]))
        own += [t.get(c) for t, c in zip(cs, classes, strict=False)]
        own += [tfr.get(fr), tab.get(ab), tsb.get(sb)]
        nbs = []
        for d, (nw, ns, ncs, nfr, nab) in nb_tables:
            nb = [nw.get(folded)]
            if abs(d) == 1:
                nb.append(ns.get(stem))
                nb += [t.get(c) for t, c in zip(ncs[1:], classes[1:], strict=False)]
                nb += [nfr.get(fr), nab.get(ab)]
            elif classes:
                nb += [t.get(c) for t, c in zip(ncs[:2], classes[:2], strict=False)]
            nbs.append(list(filter(None, nb)))
        return (key, list(filter(None, own)), *nbs, classes[self.levels // 2] if classes else "none")

    def _family_tables(self) -> tuple:
        """The tables of `_known_features`, each family's by name (built once)."""
        held = self.__dict__.get("_families")
        if held is None:
            tables = self._tables or {}
            empty: dict[str, str] = {}
            t = tables.get
            lv = self.levels
            held = (self._canonical.get("bias") if self._canonical else None,
                    t("w", empty), t("s", empty), t("p", empty), t("sh", empty), t("len", empty),
                    [None] + [t(f"pre{k}", empty) for k in (1, 2, 3, 4)],
                    [None] + [t(f"suf{k}", empty) for k in (1, 2, 3, 4)],
                    [None] + [t(f"spre{k}", empty) for k in (1, 2, 3, 4)],
                    [t(f"c{j}", empty) for j in range(lv)], t("fr", empty), t("ab", empty), t("sb", empty),
                    [(d, (t(f"w[{d}]", empty), t(f"s[{d}]", empty), [t(f"c{j}[{d}]", empty) for j in range(lv)],
                          t(f"fr[{d}]", empty), t(f"ab[{d}]", empty))) for d in (-2, -1, 1, 2)])
            self.__dict__["_families"] = held
        return held

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        """CRF features for one sentence (change FEATURES_VERSION with them).

        For each token, in this order: its own features, BOS/EOS, what the neighbours at -2, -1, +1, +2 give it
        (each neighbour's cached slot; the gazetteer labels of the ±1 neighbours; past the edge, <s> or </s>), the
        stem pairs with the previous and next token, its gazetteer labels, and the class pair with the previous
        token. With `known`, only the strings the model knows (the cached parts are already filtered)."""
        infos = [self.token(t) for t in tokens]
        keys = [info[0] for info in infos]
        gazes = self.gaz.annotate(keys)
        n = len(tokens)
        known = self.known
        fixed = self._fixed  # BOS, EOS, w[-2]=<s>, w[-1]=<s>, w[1]=</s>, w[2]=</s> (None where left out)
        feats: list[list[str]] = []
        for i, info in enumerate(infos):
            f = list(info[1])
            if i == 0 and fixed[0]:
                f.append("BOS")
            if i == n - 1 and fixed[1]:
                f.append("EOS")
            if i >= 2:
                f += infos[i - 2][2]
            elif fixed[2]:
                f.append(fixed[2])
            if i >= 1:
                f += infos[i - 1][3]
                if gazes[i - 1]:
                    f += self._kept(["g[-1]=" + g for g in gazes[i - 1]])
            elif fixed[3]:
                f.append(fixed[3])
            if i + 1 < n:
                f += infos[i + 1][4]
                if gazes[i + 1]:
                    f += self._kept(["g[1]=" + g for g in gazes[i + 1]])
            elif fixed[4]:
                f.append(fixed[4])
            if i + 2 < n:
                f += infos[i + 2][5]
            elif fixed[5]:
                f.append(fixed[5])
            stem = info[0][2]
            pairs = ["w[-1]|w=" + (keys[i - 1][2] if i > 0 else "<s>") + "|" + stem,
                     "w|w[1]=" + stem + "|" + (keys[i + 1][2] if i + 1 < n else "</s>")]
            if gazes[i]:
                pairs += ["g=" + g for g in gazes[i]]
            if i > 0:
                pairs.append("cm[-1]|cm=" + infos[i - 1][6] + "|" + info[6])
            f += pairs if known is None else [p for p in pairs if p in known]
            feats.append(f)
        return feats

    def _kept(self, strings: list[str]) -> list[str]:
        return strings if self.known is None else [s for s in strings if s in self.known]


def read_model_attributes(path: Path) -> frozenset[str] | None:
    """Every attribute (feature string) a crfsuite model file has weights for, read from the file's attribute
    dictionary (a CQDB: crfsuite's crf1d model header, then the database's backward array of record offsets;
    each record is an int32 id, a uint32 size and the NUL-terminated string). None when the file is not laid out
    that way: the caller then keeps every feature, which tags the same, only slower."""
    try:
        data = path.read_bytes()
        if data[:4] != b"lCRF" or data[8:12] != b"FOMC":
            return None
        n_attrs, _, _, base = struct.unpack_from("<4I", data, 24)
        if data[base:base + 4] != b"CQDB":
            return None
        n_records, backward = struct.unpack_from("<2I", data, base + 16)
        attrs = set()
        for i, offset in enumerate(struct.unpack_from(f"<{n_records}I", data, base + backward)):
            record_id, size = struct.unpack_from("<iI", data, base + offset)
            if record_id != i or size < 1:
                return None
            attrs.add(data[base + offset + 8:base + offset + 7 + size].decode("utf-8"))
    except (OSError, struct.error, UnicodeDecodeError):
        return None
    return frozenset(attrs) if len(attrs) == n_attrs else None


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
