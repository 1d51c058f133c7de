"""The word-frequency lexicon behind clitic segmentation (built by rasd.text.build_lexicon from SaudiNewsNet).

Loaded once, lazily, on first use; words are folded (rasd.text.normalize.fold).
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rasd.errors import TextError

LEXICON_PATH = Path(__file__).resolve().parent / "data" / "lexicon_ar.tsv.gz"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Folded word -> corpus count, plus the words usually spelled with أل/إل (not the article) or a final ة."""

    counts: dict[str, int]
    hamza_al: frozenset[str]
    taa_final: frozenset[str]

    def count(self, word: str) -> int:
        return self.counts.get(word, 0)

    def known(self, stem: str) -> int:
        """How often the stem occurs bare or with the article: the evidence that it is a word."""
        return self.counts.get(stem, 0) + self.counts.get("ال" + stem, 0)


@lru_cache(maxsize=1)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """Read the lexicon file (a missing or corrupt file is a TextError naming the builder to run). The packaged
    file's tables come from the cache of plain values when an earlier process read them (rasd.plain_cache: read
    before a parallel run's workers start, 117,000 rows, ~4x faster so)."""
    from rasd.plain_cache import remembered_file

    return Lexicon(*remembered_file(path, _read_tables))


def _read_tables(path: Path) -> tuple[dict[str, int], frozenset[str], frozenset[str]]:
    """The lexicon file's counts, and its words spelled with أل/إل and with a final ة."""
    counts: dict[str, int] = {}
    hamza: set[str] = set()
    taa: set[str] = set()
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#"):
                    continue
                word, count, flags = line.rstrip("\n").split("\t")
                counts[word] = int(count)
                if "h" in flags:
                    hamza.add(word)
                if "t" in flags:
                    taa.add(word)
    except (OSError, ValueError, EOFError) as exc:
        raise TextError(f"cannot read the Arabic lexicon {path} ({exc}); rebuild it with "
                        "`python -m rasd.text.build_lexicon`") from exc
    return counts, frozenset(hamza), frozenset(taa)
