"""Language data files (rasd/text/data/*.yaml): the word tables of dates and numbers, folded once when loaded.

dateparser keeps each language's vocabulary in a data file and no code per language; rasd does the same: the
modules that expose the tables (date_words, number_words) only name them, and every word is folded here
(rasd.text.normalize.fold) so the files can be written in ordinary spelling (ة, ى, أ...).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from rasd.errors import TextError
from rasd.text.normalize import fold


class LanguageData:
    """One data file: `table` (word -> value), `words` (a list) and `phrases` (word sequences) by name."""

    def __init__(self, name: str, data: dict[str, Any]):
        self.name = name
        self.data = data

    def _get(self, key: str) -> Any:
        if key not in self.data:
            raise TextError(f"rasd/text/data/{self.name}.yaml has no {key!r}")
        return self.data[key]

    def table(self, key: str) -> dict[str, Any]:
        """word -> value, words and string values folded, in file order."""
        return {fold(str(k)): (fold(v) if isinstance(v, str) else v) for k, v in self._get(key).items()}

    def phrase_table(self, key: str) -> dict[tuple[str, ...], Any]:
        """phrase (as a tuple of folded words) -> value."""
        return {tuple(fold(str(k)).split()): v for k, v in self._get(key).items()}

    def words(self, key: str) -> tuple[str, ...]:
        return tuple(fold(str(w)) for w in self._get(key))

    def phrases(self, key: str) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(fold(str(p)).split()) for p in self._get(key))


@cache
def load_language_data(name: str) -> LanguageData:
    """Read rasd/text/data/<name>.yaml (once per process)."""
    text = resources.files("rasd.text").joinpath(f"data/{name}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise TextError(f"rasd/text/data/{name}.yaml: expected a mapping")
    return LanguageData(name, data)
