"""Store commands: `rasd stats` (aggregates), `rasd export` (ACLED CSV, JSONL, GeoJSON, Parquet), and the event
filters and `--explain` view shared with `rasd events`.

Results go to stdout (or the --out file); counts and messages to stderr, as for every rasd command.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

import click

from rasd.cli.common import (
    DATE,
    RasdCommandError,
    db_option,
    export_options,
    info,
    open_store,
    quiet_option,
    unplaced_note,
    unplaced_option,
)
from rasd.csvsafe import write_csv_rows
from rasd.errors import RasdError
from rasd.export import FORMATS, RENDERERS


def _bbox(_ctx: Any, _param: Any, value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    from rasd.store.query import parse_bbox

    try:
        return parse_bbox(value)
    except RasdError as exc:
        raise click.BadParameter(str(exc)) from exc


_FILTER_OPTIONS = [
    click.option("--since", type=DATE, default=None, help="Events on or after this date."),
    click.option("--until", type=DATE, default=None, help="Events on or before this date."),
    click.option("--country", default=None, help="Country name or ISO3 code (exact, any case)."),
    click.option("--admin1", default=None, help="First-level region (governorate); part of the name is enough."),
    click.option("--admin2", default=None, help="Second-level region (district); part of the name is enough."),
    click.option("--actor", default=None,
                 help="Actor (either side or associated): a KB name, English alias or Arabic form (داعش, ISIS, "
                      "'Islamic State' select the same events), else part of a stored name."),
    click.option("--associated/--no-associated", "associated", default=True, show_default=True,
                 help="Whether --actor also matches associated actors (not only actor1/actor2)."),
    click.option("--type", "event_type", default=None, help="ACLED event type or sub-event type (any case)."),
    click.option("--text", default=None, help="Words the reporting articles contain (Arabic clitics ignored)."),
    click.option("--bbox", default=None, callback=_bbox, metavar="W,S,E,N",
                 help="Bounding box in degrees: west,south,east,north."),
    click.option("--min-fatalities", type=click.IntRange(min=0), default=None, help="At least this many deaths."),
    click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many (newest first)."),
    click.option("--modality", default=None, metavar="M[,M...]|all",
                 help="Count events of these modalities (occurred, attempted, foiled, claimed, denied, threatened, "
                      "planned), or all. Default: occurred only."),
    click.option("--include-background", is_flag=True,
                 help="Also count background mentions of earlier events (left out by default)."),
    click.option("--include-rejected", is_flag=True,
                 help="Also count events an analyst marked wrong in review (left out by default)."),
]
FILTER_NAMES = ("since", "until", "country", "admin1", "admin2", "actor", "associated", "event_type", "text",
                "bbox", "min_fatalities", "limit", "modality", "include_background", "include_rejected")


def event_filter_options(func: Callable) -> Callable:
    """The filters of `rasd events`, for every command that selects events."""
    for option in reversed(_FILTER_OPTIONS):
        func = option(func)
    return func


def pop_filters(kwargs: dict[str, Any]) -> Any:
    """The EventFilter of a command's keyword arguments (removing them from `kwargs`): by default only the events
    that happened and are not background mentions (`--modality`, `--include-background` widen it)."""
    from rasd.store.query import EventFilter, parse_modalities

    chosen = {name: kwargs.pop(name) for name in FILTER_NAMES}
    try:
        chosen["modality"] = parse_modalities(chosen["modality"])
    except RasdError as exc:
        raise click.BadParameter(str(exc), param_hint="--modality") from exc
    if chosen["since"] and chosen["until"] and chosen["since"] > chosen["until"]:
        raise click.BadParameter(f"--since {chosen['since']} is after --until {chosen['until']}")
    return EventFilter.of(**chosen)


@click.command()
@db_option
@click.option("--by", "by", default="event_type", show_default=True, metavar="DIM[,DIM...]",
              help="Group by these, comma-separated: day, week, month, year, country, admin1, admin2, event_type, "
                   "sub_event_type, actor1, actor2, weapon, ...")
@event_filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@quiet_option
def stats(db: str | None, by: str, fmt: str, **kwargs: Any) -> None:
    """Count events, reports and fatalities per group (e.g. --by week,admin1,event_type)."""
    from rasd.store.summary import DIMENSIONS

    dims = [d.strip() for d in by.split(",") if d.strip()]
    bad = [d for d in dims if d not in DIMENSIONS]
    if bad or not dims:
        raise click.BadParameter(f"unknown dimension(s) {', '.join(bad) or '(none)'}; use {', '.join(DIMENSIONS)}",
                                 param_hint="--by")
    filters = pop_filters(kwargs)
    with open_store(db) as repo:
        try:
            rows = repo.stats(dims, filters)
            note = counted_line(repo, filters)
        except RasdError as exc:
            raise RasdCommandError(str(exc)) from exc
    columns = [*dims, "events", "reports", "fatalities"]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False))
    elif fmt == "csv":
        write_csv_rows(sys.stdout, columns, rows)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*columns)
        for row in rows:
            table.add_row(*("" if row[c] is None else str(row[c]) for c in columns))
        Console().print(table)
    info(f"rasd: {len(rows)} group(s), {sum(r['events'] for r in rows)} event(s) counted: {note}")


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="; ".join(f"{name}: {r.description}" for name, r in RENDERERS.items()) + ".")
@click.option("--out", "out", required=True, metavar="FILE", help="File to write ('-' for stdout, not Parquet).")
@event_filter_options
@unplaced_option
@quiet_option
def export(db: str | None, fmt: str, out: str, include_unplaced: bool, **kwargs: Any) -> None:
    """Export the events matching the filters of `rasd events` to a file."""
    from rasd.export import export_events

    filters = pop_filters(kwargs)
    options, left_out = export_options(fmt, include_unplaced)
    with open_store(db) as repo:
        try:
            n = export_events(repo.iter_event_dicts(filters), fmt, out, **options)
            note = counted_line(repo, filters)
        except RasdError as exc:
            raise RasdCommandError(str(exc)) from exc
    info(f"rasd: {n} event(s) written to {out} ({fmt}): {note}{unplaced_note(left_out)}")


def counted_line(repo: Any, filters: Any) -> str:
    """What a count or an export holds, and how many events its modality/background choice left out."""
    left = repo.left_out(filters)
    line = filters.counting_note()
    if left:
        line += f"; {left} left out (--include-background / --include-rejected / --modality all to count them)"
    return line


def print_explanation(repo: Any, event_id: str, fmt: str) -> None:
    """`rasd events --explain ID`: the event, its reports and why each was merged, and where each field came from."""
    found = repo.explain(event_id)
    if found is None:
        raise RasdCommandError(f"no event {event_id!r} in the store")
    if fmt in ("jsonl", "json"):
        click.echo(json.dumps(found, ensure_ascii=False, indent=2 if fmt == "json" else None))
        return
    ev = found["event"]
    click.echo(f"event {ev['event_id']}: {ev['event_date']} {ev['event_type']} / {ev['sub_event_type']}")
    click.echo(f"  {ev['notes']}")
    click.echo(f"  {found['n_reports']} report(s) from {len(ev['sources'])} outlet(s): {', '.join(ev['sources'])}")
    click.echo("fields (reconciled by ACLED's rules):")
    for group, prov in found["provenance"].items():
        click.echo(f"  {group:<10} from {prov['article_id'][:12]}  ({prov['rule']})")
    click.echo("reports:")
    for i, rep in enumerate(found["reports"], 1):
        f = rep["fields"]
        click.echo(f"  {i}. {rep['article_id'][:12]} {rep['outlet'] or '?'} {rep['published'] or '?'} "
                   f"{rep['url'] or ''}")
        click.echo(f"     says: {f['event_date']} (p{f['time_precision']}) {f['sub_event_type']}; "
                   f"{f['actor1']} / {f['actor2']}; {f['location']} (geo {f['geo_precision']}); "
                   f"fatalities {f['fatalities']}, injured {f['injured']}" + ("; revises figure" if rep["revises"]
                                                                              else ""))
        match = rep.get("match") or {}
        if i == 1 and not match.get("matched"):
            click.echo("     created the event" + (f" ({_reasons(match)})" if match.get("reasons") else ""))
        else:
            click.echo(f"     merged: score {match.get('score')}; {_reasons(match)}")


def _reasons(match: dict[str, Any]) -> str:
    return "; ".join(f"{k}: {v}" for k, v in (match.get("reasons") or {}).items())


def vars_of(f: Any) -> dict[str, Any]:
    """An EventFilter as keyword arguments of Repository.query_events."""
    return f.to_dict()


# -- rasd import ---------------------------------------------------------------------------------------------------

@click.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False), metavar="FILE...")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the counts as one JSON object on stdout.")
@quiet_option
def import_events(files: tuple[str, ...], db: str | None, as_json: bool) -> None:
    """Load events from rasd event JSONL or an ACLED CSV export into the store (ACLED ids become acled:ID)."""
    from rasd.importer import import_file

    totals: list[dict[str, Any]] = []
    failed = 0
    with open_store(db, must_exist=False) as repo:
        for path in files:
            try:
                stats = import_file(repo, path)
            except RasdError as exc:
                failed += 1
                click.echo(f"rasd: error: {exc}", err=True)
                continue
            totals.append({"file": path, **stats.to_dict()})
            info(f"rasd: {path} ({stats.format}): {stats.rows} row(s), {stats.added} event(s) added, "
                 f"{stats.existing} already stored, {stats.skipped} skipped")
            for err in stats.errors[:5]:
                info(f"rasd:   skipped {err}")
    if as_json:
        click.echo(json.dumps(totals, ensure_ascii=False))
    if failed == len(files):
        sys.exit(1)
