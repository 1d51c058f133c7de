"""Data for rasd.text.dates: month names of every Arabic month system, weekdays, parts of the day (all folded).

The words live in rasd/text/data/dates_ar.yaml (sources there); this module names the tables the date patterns read
and builds the ordinal day numbers from their parts.
"""

from __future__ import annotations

from rasd.text.language_data import load_language_data

_DATA = load_language_data("dates_ar")

#: Folded month name (one or two words) -> Gregorian month number.
GREGORIAN_MONTHS: dict[str, int] = _DATA.table("gregorian_months")
#: Month names that are also common words: accepted only next to a day number or a year.
AMBIGUOUS_MONTHS: frozenset[str] = frozenset(_DATA.words("ambiguous_months"))
HIJRI_MONTHS: dict[str, int] = _DATA.table("hijri_months")


def _ordinal_days() -> dict[str, int]:
    """Ordinal day numbers 1-31 as written in dates (السابع من يونيو): the units, the irregular ones, then the
    units + "عشر" (13-19) and + "والعشرين" (22-29)."""
    units = _DATA.words("ordinal_units")
    days = {w: i + 1 for i, w in enumerate(units)}
    days.update(_DATA.table("ordinal_days"))
    for i, w in enumerate(units[2:], start=3):
        days[w + " عشر"] = 10 + i
    for i, w in enumerate(units[1:], start=2):
        days[w + " والعشرين"] = 20 + i
    return days


ORDINAL_DAYS: dict[str, int] = _ordinal_days()
#: Folded weekday name (with article) -> Python weekday (Monday = 0).
WEEKDAYS: dict[str, int] = _DATA.table("weekdays")
#: Parts of the day; "ليل" and "فجر" keep the day named after them (ليل الاثنين = Monday night).
DAY_PARTS: frozenset[str] = frozenset(_DATA.words("day_parts"))
#: Days named relative to publication (folded) -> days back from it: أمس 1, الليلة قبل الماضية 2, غدا -1.
RELATIVE_DAYS: dict[str, int] = {k: int(v) for k, v in _DATA.table("relative_days").items()}
#: Nouns a yearless day and month name a thing after (قصر 22 مايو, ثورة 25 يناير): that date is no time.
NAME_HEADS: frozenset[str] = frozenset(_DATA.words("name_heads"))
#: Words before "اليوم" that make it the day just told ("في نفس اليوم", "من ذلك اليوم"), not today.
SAME_DAY_BEFORE: frozenset[str] = frozenset(_DATA.words("same_day_before"))
#: Prepositions before "اليوم الذي" that make it "the day on which", not today.
DAY_WHICH_BEFORE: frozenset[str] = frozenset(_DATA.words("day_which_before"))
#: Phrases that head an almanac (في مثل هذا اليوم): its items open with the year of the publication's day.
ALMANAC_HEADS: tuple[str, ...] = _DATA.words("almanac_heads")
#: Hijri feasts (folded) -> (month, day of the first day); ordinal words -> days after the first ("ثاني أيام").
FEASTS: dict[str, tuple[int, int]] = {k: (int(v[0]), int(v[1])) for k, v in _DATA.table("feasts").items()}
FEAST_DAYS: dict[str, int] = {k: int(v) for k, v in _DATA.table("feast_days").items()}
#: Words for "last/past" after a weekday, week, month or year.
PAST: frozenset[str] = frozenset(_DATA.words("past"))
#: Position inside a month: which part of it ("start", "middle", "end") a word stands for.
MONTH_PARTS: dict[str, str] = _DATA.table("month_parts")
#: A season (الصيف, صيف, ...) -> its first and last month (winter: December of the year before to February).
SEASONS: dict[str, tuple[int, int]] = {k: (int(v[0]), int(v[1])) for k, v in _DATA.table("seasons").items()}
#: A part of a year ("start", "middle", "end") -> its first and last month ("أواخر عام 2012": October to December).
YEAR_PARTS: dict[str, tuple[int, int]] = {k: (int(v[0]), int(v[1])) for k, v in _DATA.table("year_parts").items()}
#: Decades -> their first year ("التسعينات": 1990).
DECADES: dict[str, int] = {k: int(v) for k, v in _DATA.table("decades").items()}
