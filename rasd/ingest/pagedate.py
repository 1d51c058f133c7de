"""The publication date of a page that has no date metadata: read from its visible date line.

Many Arabic news sites print the date only as text («نشر أمس الأربعاء، 15 كانون الثاني 2020», «2020/01/16 -
10:30», «الخميس 3 أغسطس 2015»), which trafilatura's metadata search cannot read. Looked for, in page order:

1. `<time datetime="...">` elements (machine-readable, even when no meta tag carries the date);
2. short elements whose class, id or itemprop says date/time/publish (the CMS's date slot);
3. short visible lines that begin with a publication cue («نشر»، «بتاريخ»، «تاريخ النشر»، «آخر تحديث») or consist of
   little more than a full date.

Only full dates (day, month, year) count, parsed by `rasd.text.dates.parse_date`, which knows every Arabic month
system. Dates in body sentences are events, not the publication date, so long lines are never used.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import date

from rasd.ingest.isodate import iso_date

log = logging.getLogger(__name__)

#: Longest text (characters) read as a date line or a date element.
MAX_DATE_LINE = 100
#: Lines of visible text examined (the date line sits near the title, before or just after the body starts).
MAX_LINES = 400
_DATE_SLOT = re.compile(r"date|time|publish|posted|dateline|byline|meta-info|post-meta|entry-meta|تاريخ", re.I)
_CUE = re.compile(r"^\s*(نشر|نُشر|بتاريخ|تاريخ النشر|تاريخ الخبر|آخر تحديث|اخر تحديث|تم النشر|published|updated|posted)",
                  re.IGNORECASE)
#: A date must not lie in the future of the fetch, nor before the web.
MIN_YEAR = 1995


def _plausible(found: date | None, today: date | None) -> date | None:
    if found is None or found.year < MIN_YEAR:
        return None
    if today is not None and found > today:
        return None
    return found


def _iso(value: str | None) -> date | None:
    return iso_date(value or "")


def _parse(text: str) -> date | None:
    from rasd.text.dates import parse_date

    try:
        return parse_date(text)
    except Exception:  # noqa: BLE001 - dateparser raises on odd strings; a page date is best effort
        log.debug("date parser failed on %r", text, exc_info=True)
        return None


def _from_elements(markup: str, today: date | None) -> date | None:
    """Dates from <time datetime> elements and CMS date slots, in page order."""
    try:
        import lxml.html
    except ImportError:  # pragma: no cover - lxml comes with trafilatura
        return None
    try:
        root = lxml.html.fromstring(markup)
    except (ValueError, TypeError, lxml.etree.ParserError):
        return None
    for el in root.iter("time"):
        found = _plausible(_iso(el.get("datetime")), today) or _plausible(_short_date(el.text_content()), today)
        if found:
            return found
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "head", "meta", "link"):
            continue
        slot = " ".join(filter(None, (el.get("class"), el.get("id"), el.get("itemprop"))))
        if slot and _DATE_SLOT.search(slot):
            found = _plausible(_short_date(el.text_content()), today)
            if found:
                return found
    return None


def _short_date(text: str) -> date | None:
    text = " ".join((text or "").split())
    if not text or len(text) > MAX_DATE_LINE or not re.search(r"\d", text):
        return None
    return _parse(text)


def date_from_lines(lines: list[str], today: date | None = None) -> date | None:
    """The first short line that is a date line (a cue word, or little besides a full date) and its date."""
    for line in lines[:MAX_LINES]:
        text = " ".join(line.split())
        if not text or len(text) > MAX_DATE_LINE or not re.search(r"\d", text):
            continue
        found = _plausible(_parse(text), today)
        if found is None:
            continue
        letters = len(re.findall(r"[^\W\d_]", text))
        if _CUE.match(text) or letters <= 40:
            return found
    return None


def visible_date(markup: str, visible_lines: list[str] | Callable[[], list[str]],
                 today: date | None = None) -> date | None:
    """The publication date printed on the page, or None (never a guess).

    `visible_lines` may be a function giving them, called only when the page's elements hold no date.
    """
    found = _from_elements(markup, today)
    if found is not None:
        return found
    return date_from_lines(visible_lines() if callable(visible_lines) else visible_lines, today)
