"""Calendar arithmetic behind rasd.text.dates: ACLED precision, weeks, month parts, Hijri months.

ACLED time precision: 1 = the day is known, 2 = only the week (or a few days), 3 = only the month or vaguer.
Each resolution returns (representative day, first day, last day, precision); the range is inclusive.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from hijridate import Gregorian, Hijri

Resolved = tuple[date, date, date, int]

DAY, WEEK, MONTH = 1, 2, 3


def day(d: date) -> Resolved:
    return d, d, d, DAY


def span(start: date, end: date, precision: int) -> Resolved:
    """A range with its middle day as the representative date."""
    if end < start:
        end = start
    return start + (end - start) // 2, start, end, precision


def last_weekday_before(published: date, weekday: int) -> date:
    """The most recent `weekday` strictly before `published` (ليل الاثنين الماضي, published Thursday -> Monday)."""
    back = (published.weekday() - weekday) % 7 or 7
    return published - timedelta(days=back)


def next_weekday_after(published: date, weekday: int) -> date:
    ahead = (weekday - published.weekday()) % 7 or 7
    return published + timedelta(days=ahead)


def previous_week(published: date) -> Resolved:
    """الأسبوع الماضي: the Monday..Sunday week before the publication week, represented by its Thursday."""
    if published.weekday() == 6:
        # told on a Sunday, a first day of the Arab week (a Monday..Sunday week would put "last week" 8 to 14 days
        # back): the Sunday..Saturday week just ended. Of the corpus' Sunday "last week"s whose act is known, 4 of 5
        # fall in it (the week's oil and stock figures, a bombing of the Monday before); Saturday papers, written on
        # Friday, keep the Monday..Sunday week before (3 of 4 known)
        sunday = published - timedelta(days=7)
        return sunday + timedelta(days=3), sunday, sunday + timedelta(days=6), WEEK
    monday = published - timedelta(days=published.weekday() + 7)
    return monday + timedelta(days=3), monday, monday + timedelta(days=6), WEEK


def weekend(published: date, ahead: bool = False) -> Resolved:
    """نهاية الأسبوع: the last weekend before publication (the next one, `ahead`), Friday to Sunday - the Arab
    Friday-Saturday and the Western Saturday-Sunday weekend both - cut at the day before publication; precision 2
    (ACLED: "during the weekend")."""
    friday = next_weekday_after(published, 4) if ahead else last_weekday_before(published, 4)
    last = friday + timedelta(days=2)
    if not ahead and last >= published:
        last = max(friday, published - timedelta(days=1))
    return span(friday, last, WEEK)


def this_week(published: date) -> Resolved:
    """هذا الأسبوع / في وقت سابق من هذا الأسبوع: from the publication week's Monday to the day before publication."""
    monday = published - timedelta(days=published.weekday())
    return span(monday, max(monday, published - timedelta(days=1)), WEEK)


def month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def month_part(year: int, month: int, part: str | None, published: date | None = None) -> Resolved:
    """A month, or its beginning / middle / end: midpoint for the whole month, first/last day for start/end.

    Parts follow the usual reading of مطلع / منتصف / أواخر: days 1-10, 11-20, 21-end. A range that runs past the
    publication date is cut at the day before it (the text reports the past). A part of about ten days is ACLED's
    "week or similar period" (precision 2); only a whole month is precision 3 (train+dev gold codes "مطلع أغسطس",
    "أواسط يونيو", "منتصف مايو" with precision 2)."""
    first, last = month_range(year, month)
    if part == "start":
        rep, lo, hi = first, first, first.replace(day=10)
    elif part == "middle":
        rep, lo, hi = first.replace(day=15), first.replace(day=11), first.replace(day=20)
    elif part == "end":
        rep, lo, hi = last, first.replace(day=21), last
    else:
        rep, lo, hi = first.replace(day=15), first, last
    if published is not None and lo < published <= hi:
        hi = published - timedelta(days=1) if published > lo else lo
        if rep > hi:
            rep = hi if part == "end" else lo + (hi - lo) // 2
    return rep, lo, hi, MONTH if part is None else WEEK


def this_month_so_far(published: date) -> Resolved:
    """هذا الشهر / في وقت سابق من هذا الشهر: the month's first day to the day before publication."""
    first = published.replace(day=1)
    return span(first, max(first, published - timedelta(days=1)), MONTH)


def previous_month(published: date) -> tuple[int, int]:
    return (published.year - 1, 12) if published.month == 1 else (published.year, published.month - 1)


def year_for(month: int, dom: int, published: date) -> int:
    """The year that puts (month, day) at or before the publication date."""
    year = published.year
    try:
        candidate = date(year, month, min(dom, calendar.monthrange(year, month)[1]))
    except ValueError:
        return year
    return year if candidate <= published else year - 1


def ago(published: date, amount: int, unit: str) -> Resolved:
    """قبل ثلاثة أيام / منذ أسبوعين / قبل شهرين: the day that far back, with the precision of the unit."""
    if unit == "day":
        return day(published - timedelta(days=amount))
    if unit == "week":
        mid = published - timedelta(days=7 * amount)
        return mid, mid - timedelta(days=3), mid + timedelta(days=3), WEEK
    if unit == "month":
        y, m = published.year, published.month - amount
        while m < 1:
            y, m = y - 1, m + 12
        return month_part(y, m, None)
    mid = date(published.year - amount, 7, 1)
    return mid, date(mid.year, 1, 1), date(mid.year, 12, 31), MONTH


def hijri_to_gregorian(year: int, month: int, dom: int) -> date | None:
    try:
        return Hijri(year, month, dom).to_gregorian()
    except (ValueError, OverflowError):
        return None


def hijri_month(year: int, month: int, part: str | None = None) -> Resolved | None:
    """A Hijri month (or its beginning / middle / end, days 1-10, 11-20, 21-end) as Gregorian days."""
    try:
        h = Hijri(year, month, 1)
        length = h.month_length()
        lo, hi = {"start": (1, 10), "middle": (11, 20), "end": (21, length)}.get(part or "", (1, length))
        first = Hijri(year, month, lo).to_gregorian()
        last = Hijri(year, month, hi).to_gregorian()
    except (ValueError, OverflowError):
        return None
    if part == "start":
        return first, first, last, MONTH
    if part == "end":
        return last, first, last, MONTH
    return span(first, last, MONTH)


def hijri_year_for(month: int, published: date) -> int | None:
    """The Hijri year that puts the Hijri month at or before the publication date."""
    try:
        h = Gregorian(published.year, published.month, published.day).to_hijri()
    except (ValueError, OverflowError):
        return None
    return h.year if month <= h.month else h.year - 1


def safe_date(year: int, month: int, dom: int) -> date | None:
    try:
        return date(year, month, dom)
    except ValueError:
        return None
