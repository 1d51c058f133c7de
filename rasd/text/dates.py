"""Time expressions in Arabic news, resolved against the publication date with ACLED's time precision.

dateparser reads يناير-style dates, أمس and numeric dates well, but not كانون الثاني / جانفي months, Hijri dates
in running text, "ليل الاثنين الماضي", number words ("قبل ثلاثة أيام") or month parts ("أواخر الشهر الماضي"), and
it cannot find expressions inside a sentence cheaply. So rasd finds and resolves expressions itself with patterns
over the folded text (date_words.py holds the vocabulary, date_rules.py the calendar rules), and keeps dateparser
for what it is right about: parse_date's fallback for whole strings in other formats and languages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache, partial
from typing import Any

from rasd.errors import TextError
from rasd.text import date_rules as R
from rasd.text.date_patterns import (
    ABSOLUTE,
    ANY_MONTH,
    COMPILED,
    KEYWORDS,
    NUMERIC_HINT,
    UNIT_WORDS,
    WEEKDAY_RX,
    WEEKEND_BEFORE,
    starts_word,
)
from rasd.text.date_words import (
    AMBIGUOUS_MONTHS,
    DAY_WHICH_BEFORE,
    DECADES,
    FEAST_DAYS,
    FEASTS,
    GREGORIAN_MONTHS,
    HIJRI_MONTHS,
    MONTH_PARTS,
    NAME_HEADS,
    ORDINAL_DAYS,
    PAST,
    RELATIVE_DAYS,
    SAME_DAY_BEFORE,
    SEASONS,
    WEEKDAYS,
    YEAR_PARTS,
)
from rasd.text.normalize import fold, normalize
from rasd.text.prefilter import PrefixScan

__all__ = ["TimeExpression", "find_time_expressions", "parse_date"]


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression: `date` is ACLED's representative day, [date_start, date_end] the inclusive range the
    text allows, `precision` 1 day / 2 week / 3 month or vaguer, `kind` which rule resolved it."""

    start: int
    end: int
    text: str
    date: date
    date_start: date
    date_end: date
    precision: int
    kind: str


#: "اليوم" followed by a definite word that is not a weekday: اليوم الأول، اليوم الوطني (a day, not today); or by
#: ذاته / نفسه ("في اليوم ذاته": the day just told, which the event layer takes from the governing act).
_NOT_TODAY = re.compile(r"\s+(?:(?!" + WEEKDAY_RX + r"|ال[ىيا](?:\s|$)|التي|الذي|الذين)ال|ذاته|نفسه|عينه)")
#: "في نفس اليوم" / "في ذات اليوم" / "من ذلك اليوم": the same day as the act just told (a whole word, with at most a
#: proclitic: "كذلك اليوم" is "likewise today").
_SAME_DAY_BEFORE = re.compile(r"(?:^|[^\w])[وفبل]?(?:" + "|".join(sorted(SAME_DAY_BEFORE)) + r")\s*$")
#: Characters before "اليوم" read for those words.
_SAME_DAY_REACH = 10
#: "في اليوم الذي ...": the day on which, not today (a preposition before, with a proclitic, or "ب" on the word itself;
#: "الذي" after).
_DAY_WHICH_BEFORE = re.compile(r"(?:^|[^\w])[وف]?(?:" + "|".join(sorted(DAY_WHICH_BEFORE)) + r")\s+$|(?:^|[^\w])[وف]?ب$")
_DAY_WHICH_AFTER = re.compile(r"\s+الذي(?:\s|$)")
#: The oldest year a month name with a four-digit year after it is read as ("في فبراير 1260", "30 أبريل (نيسان)
#: 1793م"): history is told with such years (28 month-and-year pairs of 1000-1899 in the 18 SaudiNewsNet day files,
#: each a year of history: 1099, 1258, 1453, 1869...). Left unread, the month alone was dated to this year. A bare
#: number or a figure date (d/m/y) keeps 1900 as its floor.
_OLDEST_NAMED_YEAR = 1000


def _g(m: re.Match[str], name: str) -> str | None:
    value = m.groupdict().get(name)
    return re.sub(r"\s+", " ", value) if value else None


def _month_of(name: str) -> tuple[str, int] | None:
    if name in GREGORIAN_MONTHS:
        return "g", GREGORIAN_MONTHS[name]
    if name in HIJRI_MONTHS:
        return "h", HIJRI_MONTHS[name]
    return None


def _resolve_dmy(m: re.Match[str], published: date | None) -> tuple[R.Resolved, str] | None:
    cal, month = _month_of(_g(m, "m") or "") or ("", 0)
    dom = int(m.group("d")) if m.group("d") else ORDINAL_DAYS.get(_g(m, "od") or "", 0)
    year_text = _g(m, "y")
    if not year_text and _g(m, "yw") and published is not None:
        year_text = str(published.year - 1 if _g(m, "yw") in PAST else published.year)
    if not month or not 1 <= dom <= 31:
        return None
    if cal == "h" or (_g(m, "era") or "").startswith("ه"):
        if cal != "h":
            return None
        year = int(year_text) if year_text else (R.hijri_year_for(month, published) if published else None)
        d = R.hijri_to_gregorian(year, month, dom) if year else None
        return (R.day(d), "hijri") if d else None
    if year_text:
        d = R.safe_date(int(year_text), month, dom)
        return (R.day(d), "absolute") if d and _OLDEST_NAMED_YEAR <= d.year <= 2100 else None
    if published is None:
        return None
    d = R.safe_date(R.year_for(month, dom, published), month, dom)
    return (R.day(d), "absolute_no_year") if d else None


def _resolve_month(m: re.Match[str], published: date | None, kind: str) -> tuple[R.Resolved, str] | None:
    name = _g(m, "m") or ""
    cal, month = _month_of(name) or ("", 0)
    part = MONTH_PARTS.get(_g(m, "part") or "")
    if kind == "my":
        year = int(m.group("y"))
        if cal == "h":
            res = R.hijri_month(year, month, part)
            return (res, "hijri_month") if res else None
        return (R.month_part(year, month, part), "month") if _OLDEST_NAMED_YEAR <= year <= 2100 else None
    if published is None or not month:
        return None
    if (name in AMBIGUOUS_MONTHS or cal == "h") and not (_g(m, "sh") or part or _g(m, "alias") or _g(m, "w")
                                                          or _g(m, "yw")):
        # اب (father), رمضان (a name): only with شهر or a month part before them, or a word of which month after
        # them ("في مارس الماضي", "تموز الجاري", "أيار من العام الماضي": the verb مارس or a name takes no such word;
        # in the 18 day files 178 such pairs, of 25 read all dates)
        return None
    if cal == "h":
        year = R.hijri_year_for(month, published)
        res = R.hijri_month(year, month, part) if year else None
        return (res, "hijri_month") if res else None
    if _g(m, "yw"):
        year = published.year - 1 if _g(m, "yw") in PAST else published.year
        return R.month_part(year, month, part, published), "month_name"
    year = published.year if month <= published.month else published.year - 1
    if _g(m, "w") in PAST and month == published.month:
        year -= 1
    return R.month_part(year, month, part, published), "month_name"


#: The oldest feast day a bare feast name stands for (days before publication): further back, the text may mean
#: last year's feast or the coming one.
_FEAST_MAX_DAYS_BACK = 60


def _resolve_relative(kind: str, m: re.Match[str], published: date) -> tuple[R.Resolved, str] | None:
    from datetime import timedelta

    if kind == "weekday":
        if re.search(r"(?:سوق|صلاه|جامع)\s+$", m.string[max(0, m.start() - 8):m.start()]) and not _g(m, "part"):
            return None  # سوق الجمعة (a place), not a Friday
        wd = WEEKDAYS[_g(m, "wd") or ""]
        if _g(m, "next"):
            d = R.next_weekday_after(published, wd)
        elif wd == published.weekday() and not _g(m, "past"):
            # "قتل شرطي فجر الأحد" in a Sunday paper: wire copy written that day tells that day's news; a
            # week back is "الأحد الماضي" (train+dev gold: 5 of 5 bare publication weekdays are that day)
            d = published
        else:
            d = R.last_weekday_before(published, wd)
        if _g(m, "yom") == "ليله" or _g(m, "part") == "ليله":
            return (d, d - timedelta(days=1), d, R.DAY), "weekday"  # ليلة الاثنين: the night before Monday
        return R.day(d), "weekday"
    if kind == "relday":
        rel = _g(m, "rel") or ""
        if rel == "اليوم" and (_NOT_TODAY.match(m.string, m.end())
                              or _SAME_DAY_BEFORE.search(m.string, max(0, m.start() - _SAME_DAY_REACH), m.start())
                              or (_DAY_WHICH_AFTER.match(m.string, m.end()) and _DAY_WHICH_BEFORE.search(
                                  m.string, max(0, m.start() - _SAME_DAY_REACH), m.start()))):
            return None  # اليوم الأول، اليوم الوطني، اليوم ذاته، نفس اليوم، في اليوم الذي: not "today"
        back = RELATIVE_DAYS[rel]
        return R.day(published - timedelta(days=back)), "relative_day"
    if kind == "weekend":
        if not WEEKEND_BEFORE.search(m.string, max(0, m.start() - 8), m.start()):
            return None
        # "نهاية هذا الأسبوع" told early in the week is the coming one
        ahead = _g(m, "w") in ("المقبل", "القادم") or (bool(_g(m, "this")) and published.weekday() < 4)
        return R.weekend(published, ahead=ahead), "week"
    if kind == "week":
        if _g(m, "w") in PAST:
            return R.previous_week(published), "week"
        if _g(m, "w") in ("المقبل", "القادم"):
            monday = published + timedelta(days=7 - published.weekday())
            return (monday + timedelta(days=3), monday, monday + timedelta(days=6), R.WEEK), "week"
        return R.this_week(published), "week"
    if kind in ("month_rel", "month_part"):
        w = _g(m, "w")
        part = MONTH_PARTS.get(_g(m, "part") or "")
        if w in ("المقبل", "القادم"):
            y, mo = (published.year + 1, 1) if published.month == 12 else (published.year, published.month + 1)
            return R.month_part(y, mo, part), "month"
        if w in PAST:
            y, mo = R.previous_month(published)
            return R.month_part(y, mo, part), "month"
        if part:
            if R.month_part(published.year, published.month, part)[1] >= published:
                y, mo = R.previous_month(published)  # أواخر الشهر read before it came: last month's end
                return R.month_part(y, mo, part), "month"
            return R.month_part(published.year, published.month, part, published), "month"
        return R.this_month_so_far(published), "month"
    if kind == "dom_month":
        y, mo = (R.previous_month(published) if _g(m, "w") in PAST else (published.year, published.month))
        d = R.safe_date(y, mo, int(m.group("d")) if m.group("d") else ORDINAL_DAYS.get(_g(m, "od") or "", 0))
        return (R.day(d), "day_of_month") if d else None
    if kind == "season":
        return _resolve_season(m, published)
    if kind == "year_part":
        # "أواخر عام 2012", "منذ بداية العام الماضي": the months of that part of the year (YEAR_PARTS)
        year = int(m.group("y")) if m.group("y") else published.year - (_g(m, "w") in PAST)
        first, last = YEAR_PARTS[MONTH_PARTS[_g(m, "part") or ""]]
        start, end = date(year, first, 1), R.month_range(year, last)[1]
        if start >= published:
            return None  # "نهاية العام الحالي", "مطلع العام 2017": a time still to come dates no act
        return R.span(start, min(end, published - timedelta(days=1)), R.MONTH), "year"
    if kind == "decade":
        # "في أواسط الثمانينيات": the years of that part of the decade (month_parts' words: first, middle, last years)
        first = DECADES[_g(m, "dec") or ""] + (100 if _g(m, "c") in ("الحالي", "الجاري") else 0)
        years = {"start": (0, 3), "middle": (3, 6), "end": (6, 9)}.get(MONTH_PARTS.get(_g(m, "part") or ""), (0, 9))
        start, end = date(first + years[0], 1, 1), date(first + years[1], 12, 31)
        if start >= published:
            return None
        return R.span(start, min(end, published - timedelta(days=1)), R.MONTH), "year"
    if kind == "year_rel":
        past = (_g(m, "w") or _g(m, "w2")) in PAST
        year = published.year - 1 if past else published.year
        end = date(year, 12, 31) if past else max(date(year, 1, 1), published - timedelta(days=1))
        return R.span(date(year, 1, 1), end, R.MONTH), "year"
    if kind == "ago":
        unit, n = UNIT_WORDS[_g(m, "unit") or ""]
        if _g(m, "num"):
            from rasd.text.numbers import parse_number

            n = parse_number(_g(m, "num") or "") or 0
        if n <= 0:
            if unit == "day":  # منذ أيام: a few days ago
                return R.span(published - timedelta(days=7), published - timedelta(days=1), R.WEEK), "ago"
            if unit == "hour":
                return R.day(published), "ago"
            return None
        if unit == "hour":
            return R.day(published - timedelta(days=n // 24)), "ago"
        if n > 1000:
            return None
        return R.ago(published, n, unit), "ago"
    if kind == "year":
        if re.search(r"(?:منذ|حتي|الي|قبل|بعد)\s*(?:من\s+)?$", m.string[max(0, m.start() - 12):m.start()]):
            return None  # "منذ عام 2014": a period's start (or end), no date of an act
        year = int(m.group("y"))
        if published is not None and year > published.year:
            return None  # a plan or a deadline, not a date of something reported
        end = date(year, 12, 31) if published is None or year < published.year else max(
            date(year, 1, 1), published - timedelta(days=1))
        return R.span(date(year, 1, 1), end, R.MONTH), "year"
    if kind == "feast":
        month, first = FEASTS[_g(m, "feast") or ""]
        year = R.hijri_year_for(month, published)
        d = R.hijri_to_gregorian(year, month, first) if year else None
        if d is None:
            return None
        d = date(d.year, d.month, d.day) + timedelta(days=FEAST_DAYS.get(_g(m, "nth") or "", 0))
        # the coming feast is no date of an act; one of months back may be last year's or the coming one
        return (R.day(d), "feast") if timedelta(0) <= published - d <= timedelta(days=_FEAST_MAX_DAYS_BACK) else None
    if kind == "almanac":
        year = int(m.group("y"))
        d = R.safe_date(year, published.month, published.day) if year < published.year else None
        return (R.day(d), "almanac") if d else None
    if kind == "period":
        unit = _g(m, "unit")
        days, prec = {"الساعات": (1, R.DAY), "اليومين": (2, R.WEEK), "الايام": (7, R.WEEK),
                      "الاسابيع": (28, R.MONTH)}.get(unit or "", (90, R.MONTH))
        return R.span(published - timedelta(days=days), published - timedelta(days=1), prec), "period"
    return None


def _candidates(folded: str, published: date | None, ranges: Sequence[tuple[int, int]] | None = None,
                ) -> list[tuple[int, int, R.Resolved, str, bool]]:
    """Every resolvable match of every pattern (overlaps included); with `ranges` (of the folded text), only the
    matches that begin inside them."""
    found: list[tuple[int, int, R.Resolved, str, bool]] = []
    names: list[tuple[int, int]] = []
    spans = ((0, len(folded)),) if ranges is None else ranges
    has_month = ANY_MONTH.search(folded) is not None
    for kind, rx in COMPILED:
        if published is None and kind not in ABSOLUTE and kind != "month":
            continue
        if kind in ("dmy", "my", "month") and not has_month or kind == "numeric" and not NUMERIC_HINT.search(folded):
            continue
        if kind in KEYWORDS and not any(k in folded for k in KEYWORDS[kind]):
            continue
        for m in (m for a, b in spans for m in _word_matches(rx, folded, a, b)):
            try:
                res = _resolve(kind, m, published)
            except (OverflowError, ValueError):
                res = None  # a date pushed outside the calendar (year 1 or 9999): not a usable expression
            if res is not None and res[1] == "absolute_no_year" and _names_a_thing(folded, m.start()):
                names.append((m.start(), m.end()))  # neither the date nor its month alone is a time
            elif res is not None:
                found.append((m.start(), m.end(), res[0], res[1], kind in ABSOLUTE))
    return [f for f in found if not any(a <= f[0] < b for a, b in names)] if names else found


def _names_a_thing(folded: str, start: int) -> bool:
    """Is the yearless date starting at `start` part of a name - the noun before it is one a date names ("قصر 22
    مايو", "بمدينة 6 أكتوبر", "ثورة 25 يناير": date_words.NAME_HEADS)? The resolver would date it to the last such
    day before publication, a day nothing in the text happened on."""
    before = folded[max(0, start - 24):start].split()
    if not before:
        return False
    word = before[-1]
    for form in (word, word[1:] if word[:1] in "وفبلك" else ""):
        if form in NAME_HEADS or (form.startswith("ال") and form[2:] in NAME_HEADS):
            return True
    return False


#: How far past the end of a range a match that begins inside it may run (longer than any date expression).
_MATCH_REACH = 200
#: The date patterns tried only where one of their literal starts occurs (most begin with an optional word, which
#: leaves `re` no prefix to skip ahead to); the patterns whose start is a digit are searched as before.
_SCAN = PrefixScan([rx for _, rx in COMPILED])
_SCAN_INDEX = {rx: k for k, (_, rx) in enumerate(COMPILED)}


def _word_matches(rx: re.Pattern[str], folded: str, start: int = 0, end: int | None = None,
                  ) -> Iterator[re.Match[str]]:
    """Matches of `rx` that begin a word (in [start, end) when given); a match inside a word (يوم in اليوم) must
    not hide one that starts right after it, so the search resumes one character later rather than after the
    rejected match."""
    pos = start
    stop = len(folded) if end is None else end
    endpos = len(folded) if end is None else min(len(folded), end + _MATCH_REACH)
    k = _SCAN_INDEX.get(rx)
    search = rx.search if k is None else partial(_SCAN.search, k)
    while (m := search(folded, pos, endpos)) is not None and m.start() < stop:
        if starts_word(folded, m.start()):
            yield m
            pos = max(m.end(), m.start() + 1)
        else:
            pos = m.start() + 1


def _season(name: str, year: int) -> tuple[date, date]:
    """The first and last day of a season of `year` (winter: from December of the year before)."""
    first, last = SEASONS[name]
    start = date(year - 1, first, 1) if first > last else date(year, first, 1)
    return start, R.month_range(year, last)[1]


def _resolve_season(m: re.Match[str], published: date) -> tuple[R.Resolved, str] | None:
    """"في صيف 2014": that year's season; "الصيف الماضي": the last one over before publication; "الصيف الحالي":
    the one publication falls in, up to the day before."""
    from datetime import timedelta

    name = _g(m, "season") or ""
    if m.group("y"):
        start, end = _season(name, int(m.group("y")))
    elif _g(m, "w") in PAST:
        start, end = next(s for s in (_season(name, y) for y in range(published.year + 1, published.year - 2, -1))
                          if s[1] < published)
    else:
        now = [s for s in (_season(name, y) for y in (published.year, published.year + 1)) if s[0] <= published <= s[1]]
        if not now:
            return None
        start, end = now[0]
    if start >= published:
        return None  # a season still to come dates no act
    return R.span(start, min(end, published - timedelta(days=1)), R.MONTH), "year"


def _resolve(kind: str, m: re.Match[str], published: date | None) -> tuple[R.Resolved, str] | None:
    """Resolve one pattern match to a date range (None when it does not stand for a date after all)."""
    if kind == "dmy":
        return _resolve_dmy(m, published)
    if kind in ("my", "month"):
        return _resolve_month(m, published, kind)
    if kind == "numeric":
        return _resolve_numeric(m)
    return _resolve_relative(kind, m, published) if published else None


def _resolve_numeric(m: re.Match[str]) -> tuple[R.Resolved, str] | None:
    if m.group("y"):
        y, mo, d = int(m.group("y")), int(m.group("mo")), int(m.group("d"))
    else:
        y, mo, d = int(m.group("y2")), int(m.group("mo2")), int(m.group("d2"))
        if mo > 12 >= d:
            mo, d = d, mo  # 01/16/2020: month first
    if 1300 <= y <= 1500:
        # "بتاريخ 19/6/1436": the Saudi and Gulf press write Hijri (Umm al-Qura) dates in figures too
        hijri = R.hijri_to_gregorian(y, mo, d)
        return (R.day(hijri), "hijri") if hijri else None
    found = R.safe_date(y, mo, d)
    return (R.day(found), "numeric") if found and 1900 <= y <= 2100 else None


def _select(found: list[tuple[int, int, R.Resolved, str, bool]], folded: str) -> list[tuple[int, int, R.Resolved,
                                                                                              str]]:
    """Non-overlapping matches, full dates first, then the longest; then neighbours that name the same time merge:
    "أمس الأربعاء، 15 كانون الثاني 2020" is one expression resolved by its date, "اليوم (الثلاثاء)" one day, and
    "ليل الأحد الاثنين" one night spanning both days."""
    ranked = sorted(found, key=lambda f: (not (f[4] and f[2][3] == R.DAY), -(f[1] - f[0]), f[0]))
    taken: list[tuple[int, int, R.Resolved, str, bool]] = []
    for cand in ranked:
        if all(cand[1] <= t[0] or cand[0] >= t[1] for t in taken):
            taken.append(cand)
    taken.sort(key=lambda f: f[0])
    chosen: list[tuple[int, int, R.Resolved, str, bool]] = []
    for cand in taken:
        gap = re.fullmatch(r"[\s,\-(]{0,4}", folded[chosen[-1][1]:cand[0]]) if chosen else None
        merged = _merge(chosen[-1], cand, folded) if gap else None
        if merged is not None:
            chosen[-1] = merged
        else:
            chosen.append(cand)
    return [(s, e, r, k) for s, e, r, k, _ in chosen]


def _merge(prev: tuple[int, int, R.Resolved, str, bool], cand: tuple[int, int, R.Resolved, str, bool],
           folded: str) -> tuple[int, int, R.Resolved, str, bool] | None:
    """One expression from two adjacent ones that name the same day (or a night across two days), else None."""
    from datetime import timedelta

    (p_rep, p_lo, _p_hi, p_prec), (c_rep, _c_lo, _c_hi, c_prec) = prev[2], cand[2]
    end = cand[1]
    if folded[cand[0] - 1:cand[0]] == "(" and folded[end:end + 1] == ")":
        end += 1
    if p_prec == c_prec == R.DAY and (prev[4] or cand[4]) and abs((p_rep - c_rep).days) <= 1:
        best = cand if cand[4] else prev
        return prev[0], end, best[2], best[3], True
    close = re.match(r"\s{0,2}\)", folded[cand[1]:cand[1] + 3])
    if prev[3] == cand[3] == "relative_day" and "(" in folded[prev[1]:cand[0]] and close:
        # "ظهر اليوم (أمس)": a source's today glossed in brackets by the paper that prints it a day later; the
        # gloss is the day (22 such glosses in the 30,998 corpus day-file articles, all the paper's correction)
        return prev[0], cand[1] + close.end(), cand[2], cand[3], False
    if prev[3] == "relative_day" and cand[3] == "weekday" and c_prec == R.DAY:
        # اليوم (الثلاثاء) / أمس الأحد: the named weekday on or before the relative day
        day = p_rep - timedelta(days=(p_rep.weekday() - c_rep.weekday()) % 7)
        return prev[0], end, R.day(day), "relative_day", False
    if prev[3] == cand[3] == "weekday" and (c_rep - p_rep).days % 7 == 1:
        # The night from the first day into the next; the first day is the one before publication (a Sunday
        # paper's "مساء السبت - الأحد" is last night, not a week ago).
        return prev[0], end, (p_rep, p_lo, p_rep + timedelta(days=1), R.DAY), "weekday", False
    return None


def find_time_expressions(text: str, published: date | None,
                          within: Sequence[tuple[int, int]] | None = None) -> list[TimeExpression]:
    """Every time expression in `text`, resolved against `published` (with None, only absolute dates).

    `within` (sorted, disjoint [start, end) ranges of `text`, e.g. the sentences an event may read) limits the
    search to the expressions that begin inside them."""
    if not isinstance(text, str):
        raise TextError(f"expected text (str), got {type(text).__name__}")
    if published is not None and not isinstance(published, date):
        raise TextError(f"published must be a date, got {type(published).__name__}")
    if published is not None and hasattr(published, "date"):
        published = published.date()  # a datetime
    nt = normalize(text)
    out: list[TimeExpression] = []
    ranges = None if within is None else [nt.to_folded(a, b) for a, b in within]
    for s, e, (rep, lo, hi, prec), kind in _select(_candidates(nt.text, published, ranges), nt.text):
        start, end = nt.to_original(s, e)
        out.append(TimeExpression(start, end, text[start:end], rep, lo, hi, prec, kind))
    return out


@lru_cache(maxsize=4)
def _dateparser(language: str) -> Callable[[str], Any]:
    """One dateparser parser per language, built on first use (importing dateparser costs a fraction of a second)."""
    from dateparser.date import DateDataParser

    parser = DateDataParser(languages=[language], settings={"STRICT_PARSING": True, "PREFER_DATES_FROM": "past"})
    return parser.get_date_data


def parse_date(text: str) -> date | None:
    """One absolute date in any month system (15 كانون الثاني 2020, 16 جانفي 2020, 1 رمضان 1441 هـ, 2020/01/16),
    e.g. from a dateline; other formats and languages go to dateparser. None when there is no full date."""
    if not isinstance(text, str):
        raise TextError(f"expected text (str), got {type(text).__name__}")
    folded = fold(text)
    for _s, _e, (rep, _lo, _hi, prec), _kind in _select(_candidates(folded, None), folded):
        if prec == R.DAY:
            return rep
    stripped = text.strip()
    if not stripped or len(stripped) > 200 or not any(c.isdigit() for c in stripped):
        return None
    for language in ("ar", "en", "fr"):
        try:
            data = _dateparser(language)(stripped)
        except Exception:  # dateparser raises assorted errors on odd input; a miss is a None here
            continue
        if data and data.date_obj is not None and data.period == "day":
            return data.date_obj.date()
    return None
