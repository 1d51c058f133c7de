"""Build rasd/text/data/lexicon_ar.tsv.gz, the word-frequency lexicon that clitic segmentation consults.

Why a lexicon: whether `وطن` is و + طن or one word, or `عسكري` is عسكر + ي, cannot be decided from letters alone.
Corpus counts decide it: a surface form that is far more frequent than its clitic reading predicts is a word of its
own. The counts come from SaudiNewsNet (CC BY-NC-SA 4.0, /work/shared/data/news/saudinewsnet/zips; the articles
held out for evaluation were already removed from those zips). ANERcorp and the UniversalPetrarch dictionaries are
NOT used here, so they stay an independent measurement of segmentation.

Output lines: `folded_word<TAB>count<TAB>flags`; flags `h` = usually spelled with an initial hamza (أل/إل, so
its `ال` is not the article: إلغاء, ألمانيا), `t` = usually spelled with a final taa marbuta (its `ه` is not an
enclitic pronoun). Words seen fewer than MIN_COUNT times are left out.

Run: python -m rasd.text.build_lexicon [ZIP_DIR] [OUT]
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

from rasd.text.normalize import fold

MIN_COUNT = 3
DEFAULT_ZIPS = Path(__file__).resolve().parents[3] / "shared" / "data" / "news" / "saudinewsnet" / "zips"
DEFAULT_OUT = Path(__file__).resolve().parent / "data" / "lexicon_ar.tsv.gz"
_WORD = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u064B-\u065F\u0670\u0640]+")


def count_words(texts: list[str], counts: Counter[str], hamza: Counter[str], taa: Counter[str]) -> None:
    """Add the folded word counts of `texts`, and how often each was spelled with hamza-alef-lam / taa marbuta."""
    for text in texts:
        for m in _WORD.finditer(text):
            raw = m.group()
            word = fold(raw)
            if not word:
                continue
            counts[word] += 1
            if word.startswith("ال") and raw[0] in "أإآ":
                hamza[word] += 1
            if word.endswith("ه") and raw.rstrip("\u064B\u064C\u064D\u064E\u064F\u0650\u0651\u0652").endswith("ة"):
                taa[word] += 1


def build(zip_dir: Path, out: Path) -> int:
    counts: Counter[str] = Counter()
    hamza: Counter[str] = Counter()
    taa: Counter[str] = Counter()
    for path in sorted(zip_dir.glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                articles = json.loads(zf.read(name))
                count_words([a.get("title") or "" for a in articles] + [a.get("content") or "" for a in articles],
                            counts, hamza, taa)
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("# word\tcount\tflags -- built by rasd.text.build_lexicon from SaudiNewsNet (CC BY-NC-SA 4.0)\n")
        for word, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            if c < MIN_COUNT:
                continue
            flags = ("h" if hamza[word] * 2 >= c else "") + ("t" if taa[word] * 2 >= c else "")
            fh.write(f"{word}\t{c}\t{flags}\n")
            n += 1
    return n


if __name__ == "__main__":
    zips = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_ZIPS
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_OUT
    print(f"{build(zips, target)} words -> {target}")
