"""Date and number words are data files (rasd/text/data/*_ar.yaml), folded when loaded."""

from __future__ import annotations

import pytest

from rasd.errors import TextError
from rasd.text import date_words, number_words
from rasd.text.language_data import load_language_data
from rasd.text.normalize import fold


def test_tables_are_folded_and_built_from_their_parts():
    assert number_words.HUNDREDS[fold("ثلاثمائة")] == 300 and number_words.HUNDREDS[fold("مئتان")] == 200
    assert date_words.ORDINAL_DAYS["الثالث عشر"] == 13 and date_words.ORDINAL_DAYS["التاسع والعشرين"] == 29
    assert date_words.GREGORIAN_MONTHS["تشرين الاول"] == 10
    assert number_words.VAGUE_PHRASES[("عدد", "كبير", "من")] == 10
    for table in (date_words.GREGORIAN_MONTHS, date_words.WEEKDAYS, number_words.UNITS, number_words.PLURALS):
        assert all(fold(k) == k for k in table)


def test_an_unknown_table_is_an_error():
    with pytest.raises(TextError):
        load_language_data("numbers_ar").table("no_such_table")
