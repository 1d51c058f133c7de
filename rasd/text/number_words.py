"""Data for rasd.text.numbers: Arabic number words, vague amounts and counted nouns, all folded.

The words live in rasd/text/data/numbers_ar.yaml (sources there); this module names the tables rasd.text.numbers
reads and builds the compound hundreds (ثلاثمئة) from their parts.
"""

from __future__ import annotations

from rasd.text.language_data import load_language_data
from rasd.text.normalize import fold

_DATA = load_language_data("numbers_ar")

UNITS: dict[str, int] = _DATA.table("units")
#: "أحد" / "إحدى" mean "one (of)" and start a teen (أحد عشر = 11).
ONE_OF: frozenset[str] = frozenset(_DATA.words("one_of"))
TENS: dict[str, int] = _DATA.table("tens")


def _hundreds() -> dict[str, int]:
    """مئة، مائتان ... then each multiplier written together with مئة / مائة (ثلاثمئة = 300)."""
    out = _DATA.table("hundreds")
    for word, value in _DATA.table("hundreds_multipliers").items():
        out[fold(word + "مئة")] = value * 100
        out[fold(word + "مائة")] = value * 100
    return out


HUNDREDS: dict[str, int] = _hundreds()
#: Multipliers: after a number they multiply it (ثلاثة آلاف = 3000); alone the singular is one of them (ألف = 1000).
SCALES: dict[str, int] = _DATA.table("scales")
#: Scales that stand for a number alone (the duals and singulars), as opposed to bare plurals (آلاف = vague).
SCALE_ALONE: frozenset[str] = frozenset(_DATA.words("scale_alone"))
#: Vague amounts and the ACLED figure they stand for (with or without the article).
VAGUE: dict[str, int] = _DATA.table("vague")
#: Multi-word vague amounts (folded word sequences).
VAGUE_PHRASES: dict[tuple[str, ...], int] = _DATA.phrase_table("vague_phrases")
#: Phrases before a number that make it a minimum (ACLED: take the stated number).
MIN_PHRASES: tuple[tuple[str, ...], ...] = _DATA.phrases("min_phrases")
#: After a number: "20 على الأقل".
MIN_AFTER: tuple[tuple[str, ...], ...] = _DATA.phrases("min_after")
APPROX_PHRASES: tuple[tuple[str, ...], ...] = _DATA.phrases("approx_phrases")
RANGE_OPEN: frozenset[str] = frozenset(_DATA.words("range_open"))
RANGE_JOIN: frozenset[str] = frozenset(_DATA.words("range_join"))
#: Counted nouns: plural (broken or sound) -> singular, for the nouns conflict reports count.
PLURALS: dict[str, str] = _DATA.table("plurals")
#: Singular nouns whose -ين / -ان / -تين / -تان form is a dual (their plural is broken, so the ending is unambiguous).
DUAL_NOUNS: frozenset[str] = frozenset(_DATA.words("dual_nouns"))
#: Names that look like a dual of one of those nouns (طالبان).
DUAL_NAMES: frozenset[str] = frozenset(_DATA.words("dual_names"))
#: Nisba and participle nouns whose dual is plain only in the nominative (شرطيان، مسلحان): only the -ان form
#: counts as two.
NOMINATIVE_DUAL_NOUNS: frozenset[str] = frozenset(_DATA.words("nominative_dual_nouns"))
#: Nouns whose singular after a killing/wounding word implies one victim (بمقتل ضابط = 1).
PERSON_NOUNS: frozenset[str] = frozenset(_DATA.words("person_nouns"))
#: Words after which a bare singular person noun is one victim.
VICTIM_TRIGGERS: frozenset[str] = frozenset(_DATA.words("victim_triggers"))
PERCENT_PHRASES: tuple[tuple[str, ...], ...] = _DATA.phrases("percent_phrases")
