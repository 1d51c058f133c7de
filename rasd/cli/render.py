"""How the CLI shows results to people: rich tables and a JSON-safe view of any KB object (files and CSV go through
the renderer registry, rasd.export).

Kept apart from `rasd.cli` so the command definitions stay short; everything here writes to stdout (results),
never to stderr (progress and logs).
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from typing import Any


def jsonable(obj: Any) -> Any:
    """A JSON-ready view of what the KB or the pipeline returns (dataclasses, to_dict objects, dates, sets...)."""
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    if hasattr(obj, "to_dict") and callable(obj.to_dict):
        return jsonable(obj.to_dict())
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (date, datetime)):
        return obj.isoformat()
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, set, frozenset)):
        items = [jsonable(v) for v in obj]
        return sorted(items, key=str) if isinstance(obj, (set, frozenset)) else items
    return str(obj)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _console() -> Any:
    """stdout console; when piped (no terminal to measure), wide enough that rows do not wrap into slivers."""
    import sys

    from rich.console import Console

    return Console(soft_wrap=False, width=None if sys.stdout.isatty() else 160)


def event_date_cell(r: dict[str, Any]) -> str:
    """The date with its uncertainty: ACLED's time precision (p1 day, p2 week, p3 month) and "bg" for a background
    mention of an earlier event, so no table shows a date as surer than the text made it."""
    if not r.get("event_date"):
        return "?"
    text = f"{r['event_date']} p{r.get('time_precision') or '?'}"
    return text + " bg" if r.get("background") else text


def event_table(rows: list[dict[str, Any]]) -> None:
    """A readable table of events on stdout (the id is what `rasd events --explain` takes)."""
    from rich.table import Table

    table = Table(title=f"{len(rows)} event(s)", show_lines=False)
    for name in ("id", "date", "type", "actor 1", "actor 2", "where", "killed", "injured", "modality"):
        compact = name in ("id", "date", "killed", "injured", "modality")
        table.add_column(name, overflow="fold", no_wrap=compact, justify="right" if name in ("killed", "injured")
                         else "left")
    for r in rows:
        where = ", ".join(x for x in (r.get("location"), r.get("admin1"), r.get("country")) if x)
        kind = r.get("event_type") or ""
        if r.get("sub_event_type"):
            kind += f" / {r['sub_event_type']}"
        table.add_row(_cell(r.get("event_id")), event_date_cell(r), kind, _cell(r.get("actor1")),
                      _cell(r.get("actor2")), where, _cell(r.get("fatalities")), _cell(r.get("injured")),
                      _cell(r.get("modality")))
    _console().print(table)
    from rasd.cli.common import info

    info("rasd: date pN = time precision (1 day, 2 week, 3 month); bg = a background mention of an earlier event")


def summary_tables(summary: dict[str, Any]) -> None:
    """The demo's summary: totals, events by type, by governorate (admin1), top actors, and where the file is."""
    from rich.table import Table

    console = _console()
    span = ""
    if summary.get("first_event_date"):
        span = f", dated {summary['first_event_date']} to {summary['last_event_date']}"
    console.print(f"[bold]{summary['articles']} articles[/bold] ({summary.get('articles_skipped', 0)} not extracted), "
                  f"[bold]{summary['events']} events[/bold] from {summary['reports']} reports")
    counted = summary.get("counted_events", summary["events"])
    console.print(f"Counted: [bold]{counted} events[/bold]{span}; {summary.get('fatalities', 0)} reported deaths"
                  + (f" ({summary['counted']}; {summary['left_out']} left out: see `rasd stats "
                     f"--include-background --include-rejected --modality all`)" if "counted" in summary else ""))
    for title, key, columns in (
        ("Events by type", "by_type", ("event_type", "events")),
        ("Events by governorate (admin1)", "by_admin1", ("country", "admin1", "events")),
        ("Top actors", "top_actors", ("actor", "events")),
        ("Articles by outlet", "articles_by_outlet", ("outlet", "articles")),
    ):
        table = Table(title=title, min_width=48)
        for column in columns:
            table.add_column(column, justify="right" if column in ("events", "articles") else "left")
        for row in summary.get(key) or []:
            table.add_row(*(_cell(row.get(c)) for c in columns))
        if not summary.get(key):
            table.add_row(*(["(none)"] + [""] * (len(columns) - 1)))
        console.print(table)
    console.print(f"Database: {summary['db']}  (query it with `rasd events --db {summary['db']}`)", soft_wrap=True)
    console.print(f"Map and dashboard: `rasd serve --db {summary['db']}`, then open http://127.0.0.1:8000/ "
                  "(review events there, or with `rasd review EVENT_ID --verified`)", soft_wrap=True)
