"""One rule for every CSV cell rasd writes: text a spreadsheet would run as a formula is made inert.

Article text is untrusted, and a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is read by
Excel and LibreOffice as a formula (CSV injection, OWASP). Prefixing `'` is the usual defence: the spreadsheet shows
the text as written. Lists are joined first, so a list whose first item is hostile is caught too.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import IO, Any

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_csv_cell(value: Any) -> str:
    """`value` as CSV cell text: None -> "", booleans as true/false, lists joined with "; ", dicts as JSON, and a
    text cell that would start a formula prefixed with `'`. Numbers are left as they are (-3.5 is a longitude)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, tuple)):
        text = "; ".join(str(v) for v in value if v is not None and v != "")
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv_rows(fh: IO[str], columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    """A header and one line per row (missing keys empty), every cell through `safe_csv_cell`: the tables of
    `rasd stats` and `rasd trends` (events go through rasd.export's renderers, which use the same rule)."""
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([safe_csv_cell(row.get(c)) for c in columns] for row in rows)

