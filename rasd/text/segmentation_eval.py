"""Measure clitic segmentation against the segmentation implied by ANERcorp and the UniversalPetrarch dictionaries.

Neither resource is segmented by hand, but both imply a segmentation (the lexicon behind segment_word is built
from SaudiNewsNet only, so both stay independent of it):

* ANERcorp (research use) tags whole newswire tokens, clitics attached. When an entity token is a proclitic
  sequence plus another token tagged with the same entity type elsewhere in the corpus (بالموصل = ب + ال + الموصل,
  لبغداد = ل + بغداد), that decomposition is the gold one; an entity token with no such decomposition is a name of
  its own, whatever letter it starts with (واشنطن, بريطانيا, لبنان), apart from a plain article.
* UniversalPetrarch (MIT) writes actor and agent entries as `_`-joined lemma-like words without the article and
  with separated clitics (أمين_عام_ل_أمة_المتحدة_). Each entry word W must come back as the stem of the surface
  forms W, الW, والW, بالW, للW and وW, and an entry's `ل_W` / `و_W` / `ب_W` must come back as ل/و/ب + W.

Run: python -m rasd.text.segmentation_eval
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

from rasd.text.clitics import PROCLITIC_SEQUENCES, analyse
from rasd.text.normalize import fold

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
ANERCORP = DATA / "ner" / "ANERCorp_original_Benajiba2007.txt"
UP_DIR = DATA / "dictionaries" / "universalpetrarch_ar"
_ARABIC_WORD = re.compile(r"^[\u0621-\u064A]+$")
_UNCLEAN = ("ال", "وال", "بال", "لل", "فال", "كال")
_CLITIC_SURFACES = sorted({s for s, _c, _a in PROCLITIC_SEQUENCES if s not in ("ال", "س") and not s.endswith("س")},
                          key=len, reverse=True)


def _strip_article(word: str, raw: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 3 and raw[:1] not in "أإآ" else word


def _predict(raw: str) -> str:
    word = fold(raw)
    letters = "".join(c for c in raw if "\u0621" <= c <= "\u064A")
    return analyse(word, letters.endswith(("ة", "ى")), letters[:1] in "أإآ")[1]


def anercorp(path: Path = ANERCORP, limit: int | None = None) -> dict[str, float]:
    """Stem accuracy over ANERcorp entity tokens, split into tokens with a clitic and tokens without one."""
    rows: list[tuple[str, str]] = []
    forms: dict[str, set[str]] = defaultdict(set)
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) != 2 or parts[1] == "O" or not _ARABIC_WORD.match(fold(parts[0])):
                continue
            etype = parts[1].split("-")[-1]
            rows.append((parts[0], etype))
            forms[etype].add(fold(parts[0]))
    counts: Counter[str] = Counter()
    for raw, etype in rows[:limit]:
        word = fold(raw)
        gold = None
        for surface in _CLITIC_SURFACES:
            rest = word[len(surface):]
            if not word.startswith(surface) or len(rest) < 2:
                continue
            if surface.endswith(("ال", "لل")):
                if "ال" + rest in forms[etype]:  # للامم: ل + الامم, tagged alone elsewhere
                    gold = rest
                    break
            elif rest in forms[etype]:
                gold = _strip_article(rest, raw[len(surface):])
                break
        group = "with_clitic" if gold is not None else "without_clitic"
        if gold is None:
            gold = _strip_article(word, raw)
        counts[group] += 1
        counts[group + "_ok"] += _predict(raw) == gold
        if group == "without_clitic" and word[:1] in "وفبلك" and not word.startswith("ال"):
            counts["lookalike"] += 1
            counts["lookalike_ok"] += _predict(raw) == gold
    return _rates(counts, ("with_clitic", "without_clitic", "lookalike"))


def _up_entries() -> list[list[str]]:
    entries: list[list[str]] = []
    for name in ("actor_dict_ar_v4.txt", "agents.all.ar.txt"):
        path = UP_DIR / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line[:1] in " \t[#":
                continue
            head = line.split("[")[0] if name.startswith("actor") else line.split("]")[-1].split("#")[0]
            words = [w for w in re.split(r"[_\s]+", head.strip()) if w]
            if words and all(_ARABIC_WORD.match(fold(w)) for w in words):
                entries.append(words)
    return entries


def universalpetrarch() -> dict[str, float]:
    """Stem accuracy on surface forms built from UP entry words, and on the entries' separated clitics."""
    entries = _up_entries()
    # Entry words as written (a final ة tells a pronoun from a taa marbuta); words still carrying an article or a
    # clitic sequence (the entries are not all clean) are left out.
    raws = {w for e in entries for w in e if len(fold(w)) >= 3 and not fold(w).startswith(_UNCLEAN)}
    counts: Counter[str] = Counter()
    for raw in sorted(raws):
        w = fold(raw)
        forms = {"bare": raw, "al": "ال" + raw, "wal": "وال" + raw, "bal": "بال" + raw, "w": "و" + raw}
        if not w.startswith("ل"):
            forms["lil"] = "لل" + raw
        for group, surface in forms.items():
            counts[group] += 1
            counts[group + "_ok"] += _predict(surface) == w
    for e in entries:
        for clitic, nxt in zip(e, e[1:], strict=False):
            if clitic in ("ل", "و", "ب") and len(fold(nxt)) >= 3:
                stem = fold(nxt)
                surface = clitic + ("ل" + stem[2:] if clitic == "ل" and stem.startswith("ال") else stem)
                gold = stem[2:] if stem.startswith("ال") else stem
                counts["entry_clitic"] += 1
                counts["entry_clitic_ok"] += _predict(surface) == gold
    return _rates(counts, ("bare", "al", "wal", "bal", "lil", "w", "entry_clitic"))


def _rates(counts: Counter[str], groups: tuple[str, ...]) -> dict[str, float]:
    out: dict[str, float] = {}
    for g in groups:
        out[g + "_n"] = counts[g]
        out[g + "_acc"] = round(counts[g + "_ok"] / counts[g], 4) if counts[g] else 0.0
    return out


if __name__ == "__main__":
    print("ANERcorp entity tokens:", anercorp())
    print("UniversalPetrarch forms:", universalpetrarch())
