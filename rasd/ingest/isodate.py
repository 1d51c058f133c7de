"""The date at the head of an ISO-like string, as records, feeds and page metadata give it.

A leaf module so that every reader (sources, feeds, page dates) can use it without importing one another. Not to be
confused with `rasd.text.dates.parse_date`, which reads dates written in words ("٢١ تموز ٢٠١٥") for the page-date
fallback.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

_ISO_HEAD = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})")


def iso_date(value: Any) -> date | None:
    """A date from an ISO-like string ('2015-07-21', '2015-07-21 02:51:48', '2015-07-21T02:51:48Z'), else None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    m = _ISO_HEAD.match(value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
