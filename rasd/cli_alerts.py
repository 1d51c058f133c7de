"""`rasd trends`, `rasd alerts` and `rasd import`: count series, early-warning alerts, and events from elsewhere.

Results go to stdout (tables, JSONL, CSV); counts and notes to stderr, as in every rasd command.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import date
from typing import Any

import click

from rasd.cli_common import DATE, RasdCommandError, db_option, info, quiet_option
from rasd.errors import RasdError


def _open_store(db: str | None, must_exist: bool = True) -> Any:
    from rasd.config import db_url, resolve_db, sqlite_path
    from rasd.store.repository import Repository

    location = resolve_db(db)
    path = sqlite_path(db_url(location))
    if must_exist and path is not None and not path.exists():
        raise RasdCommandError(f"no store at {location} (fill one with `rasd run INPUT... --db {location}`)")
    try:
        return Repository(location)
    except RasdError as exc:
        raise RasdCommandError(str(exc)) from exc


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
    with _open_store(db, must_exist=False) as repo:
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


# -- rasd alerts ---------------------------------------------------------------------------------------------------

def _alert_table(rows: list[dict[str, Any]], title: str) -> None:
    from rich.table import Table

    from rasd.cli_render import _console

    table = Table(title=title)
    for name in ("raised", "rule", "scope", "period", "value", "baseline", "change", "level", "p", "events"):
        table.add_column(name, overflow="fold", no_wrap=name in ("rule", "period", "level"),
                         justify="right" if name in ("value", "baseline", "p") else "left")
    for a in rows:
        ch = a.get("change") or {}
        mean = ch.get("baseline_mean")
        pct = ch.get("pct_change")
        p = ch.get("p_value")
        ids = ", ".join((e.get("event_date") or "") + " " + (e.get("location") or e.get("admin1") or "?")
                        for e in (a.get("events") or [])[:3])
        more = a.get("n_events", 0) - min(3, len(a.get("events") or []))
        table.add_row((a.get("raised_at") or "")[:16], a.get("rule", ""),
                      ", ".join(str(v) for v in (a.get("scope") or {}).values()),
                      f"{a.get('period_start')}..{a.get('period_end')}", f"{a.get('value')} {a.get('metric')}",
                      "" if mean is None else f"{mean:.1f}", "" if pct is None else f"{pct:+.0f}%",
                      a.get("level", ""), "" if p is None else f"{p:.2g}", ids + (f" +{more}" if more > 0 else ""))
    _console().print(table)


@click.command()
@db_option
@click.option("--rules", "rules_path", type=click.Path(dir_okay=False), default=None,
              help="Alert rules (YAML); default: $RASD_ALERT_RULES, [alerts] rules in rasd.toml, or rasd's defaults.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "json"]), default="table", show_default=True)
@click.option("--history", is_flag=True, help="Check every period in the store, not only the latest (a backtest).")
@click.option("--dry-run", is_flag=True, help="Show what would be raised without storing or delivering it.")
@click.option("--new-only", is_flag=True, help="Show only alerts raised now (default: every stored alert).")
@click.option("--as-of", type=DATE, default=None, help="Evaluate as if the data ended on this day.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="Stored alerts to show.")
@click.option("--webhook", default=None, metavar="URL",
              help="POST new alerts as JSON here (default: $RASD_ALERT_WEBHOOK or [alerts] webhook in rasd.toml).")
@quiet_option
def alerts(db: str | None, rules_path: str | None, fmt: str, history: bool, dry_run: bool, new_only: bool,
           as_of: date | None, limit: int, webhook: str | None) -> None:
    """Evaluate the alert rules on the store, store new alerts (each is raised once), and list alerts."""
    from rasd.alerts import deliver, evaluate, list_alerts, load_rules
    from rasd.trends.delivery import RULES_ENV, WEBHOOK_ENV, alerts_setting
    from rasd.trends.evaluate import history_too_short

    with _open_store(db) as repo:
        try:
            rules = load_rules(alerts_setting("rules", RULES_ENV, rules_path))
            new = evaluate(repo, rules, history=history, as_of=as_of, store=not dry_run)
            short = history_too_short(repo, rules, as_of)
        except RasdError as exc:
            raise RasdCommandError(str(exc)) from exc
        url = None if dry_run else alerts_setting("webhook", WEBHOOK_ENV, webhook)
        delivery_failed = None
        if url and new:
            try:
                status = deliver(repo, new, url)
                info(f"rasd: {len(new)} alert(s) delivered to {url} (HTTP {status})")
            except RasdError as exc:
                delivery_failed = str(exc)
        rows = [a.to_dict() for a in new] if (new_only or dry_run) else list_alerts(repo, limit)
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        _alert_table(rows, f"{len(rows)} alert(s)" + (" (dry run)" if dry_run else ""))
    info(f"rasd: {len(rules)} rule(s); {len(new)} new alert(s)" + (" found (dry run, not stored)" if dry_run else ""))
    for line in short:
        info(f"rasd: {line}")
    if delivery_failed:
        raise RasdCommandError(f"alerts stored but not delivered: {delivery_failed}")


# -- rasd trends ---------------------------------------------------------------------------------------------------

def _plot_rule(rules: list[Any], by: str | None, metric: str, window: str, baseline: int | None) -> Any:
    """The rule whose test marks alerts on the chart: the first with the same grouping, metric and window, else the
    first rule adapted to them."""
    pick = next((r for r in rules if r.by == by and r.metric == metric and r.window == window), None)
    pick = pick or next((r for r in rules if r.metric == metric and r.window == window), None) or rules[0]
    changes: dict[str, Any] = {"metric": metric, "window": window}
    if baseline is not None:
        changes["baseline"] = baseline
    return dataclasses.replace(pick, **changes)


@click.command()
@db_option
@click.option("--by", "freq", type=click.Choice(["week", "day"]), default="week", show_default=True,
              help="Period of the counts (weeks run Saturday to Friday, as ACLED's).")
@click.option("--group-by", "group_by", type=click.Choice(["country", "admin1", "admin2", "actor", "event_type"]),
              default=None, help="One series per value of this field (default: one series for the filter).")
@click.option("--country", default=None, help="Country name or ISO3 code.")
@click.option("--admin1", default=None, help="Governorate; a part of the name is enough.")
@click.option("--admin2", default=None, help="District; a part of the name is enough.")
@click.option("--actor", default=None, help="Actor by any English or Arabic alias (ISIS, داعش, Islamic State).")
@click.option("--type", "event_type", default=None, help="ACLED event type or sub-event type.")
@click.option("--origin", type=click.Choice(["rasd", "acled"]), default=None, help="Only rasd's or imported events.")
@click.option("--metric", type=click.Choice(["events", "fatalities"]), default="events", show_default=True)
@click.option("--modality", default=None, metavar="M[,M...]|all",
              help="Count events of these modalities, or all. Default: occurred only.")
@click.option("--include-background", is_flag=True, help="Also count background mentions of earlier events.")
@click.option("--since", type=DATE, default=None)
@click.option("--until", type=DATE, default=None)
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="Series shown (largest).")
@click.option("--baseline", type=click.IntRange(min=1), default=None, help="Baseline periods (default: the rule's).")
@click.option("--rules", "rules_path", type=click.Path(dir_okay=False), default=None,
              help="Rules whose test marks alerts (default: $RASD_ALERT_RULES, rasd.toml, or rasd's defaults).")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False), default=None,
              help="Also draw the series, baseline and alerts to this PNG.")
@quiet_option
def trends(db: str | None, freq: str, group_by: str | None, country: str | None, admin1: str | None,
           admin2: str | None, actor: str | None, event_type: str | None, origin: str | None, metric: str,
           modality: str | None, include_background: bool, since: date | None, until: date | None, top: int,
           baseline: int | None, rules_path: str | None, fmt: str, plot_path: str | None) -> None:
    """Weekly or daily counts of events (or fatalities) with their baseline, change level and spike test."""
    from rasd.alerts import load_rules
    from rasd.store.query import parse_modalities
    from rasd.trends.change import compare
    from rasd.trends.delivery import RULES_ENV, alerts_setting
    from rasd.trends.evaluate import check_series
    from rasd.trends.series import SeriesFilter, series_from_store

    try:
        modalities = parse_modalities(modality)
    except RasdError as exc:
        raise click.BadParameter(str(exc), param_hint="--modality") from exc
    flt = SeriesFilter(country, admin1, admin2, actor, event_type, origin, modalities, include_background)
    with _open_store(db) as repo:
        try:
            rule = _plot_rule(load_rules(alerts_setting("rules", RULES_ENV, rules_path)), group_by, metric, freq,
                              baseline)
            found = series_from_store(repo, flt, freq, group_by, since, until)[:top]
        except RasdError as exc:
            raise RasdCommandError(str(exc)) from exc
        marked = [a for s in found for a in check_series(s, rule)]
    rows = []
    for s in found:
        values = s.values(metric)
        for i, period in enumerate(s.periods):
            row = {**s.key, "period": period.isoformat(), "days_watched": s.days_watched[i],
                   "observed": None if s.observed is None else s.observed[i],
                   "coverage": "watched" if s.covered(i) else "no coverage"}
            if not s.covered(i):  # not a quiet week: nobody watched it
                rows.append({**row, "events": None, "fatalities": None, "level": "no coverage", "alert": False})
                continue
            ch = compare(values[i], s.baseline(metric, i, rule.baseline), metric == "events")
            rows.append({**row, "events": s.events[i], "fatalities": s.fatalities[i],
                         "baseline_periods": ch.baseline_periods,
                         "baseline_mean": None if ch.baseline_mean is None else round(ch.baseline_mean, 2),
                         "pct_change": None if ch.pct_change is None else round(ch.pct_change, 1),
                         "level": ch.level.value, "p_value": None if ch.p_value is None else float(f"{ch.p_value:.3g}"),
                         "alert": any(a.scope == s.key and a.period_start == period for a in marked)})
    _print_trend_rows(rows, fmt, metric, rule)
    unwatched = sum(1 for r in rows if r["coverage"] == "no coverage")
    info(f"rasd: counted: {flt.counting().counting_note()}")
    info(f"rasd: {len(found)} series, {len(rows)} period row(s) ({unwatched} without any article or event: no coverage, "
         f"not zero); baseline {rule.baseline} {freq}(s) of coverage, alerts marked by rule {rule.name}: {len(marked)}")
    if plot_path:
        from rasd.trends.plot import plot_series

        try:
            out = plot_series(found, rule, marked, plot_path)
        except RasdError as exc:
            raise RasdCommandError(str(exc)) from exc
        info(f"rasd: chart written to {out}")


def _print_trend_rows(rows: list[dict[str, Any]], fmt: str, metric: str, rule: Any) -> None:
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    columns = list(dict.fromkeys(k for row in rows for k in row))
    if fmt == "csv":
        from rasd.csvsafe import write_csv_rows

        write_csv_rows(sys.stdout, columns, rows)
        return
    from rich.table import Table

    from rasd.cli_render import _console

    table = Table(title=f"{metric} per period (baseline: previous {rule.baseline}; ACLED change levels)")
    for c in columns:
        table.add_column(c, justify="right" if c in ("events", "fatalities", "baseline_mean", "pct_change",
                                                     "p_value", "baseline_periods", "days_watched") else "left")
    for row in rows:
        table.add_row(*("" if row.get(c) is None else ("ALERT" if c == "alert" and row[c] else
                                                       "" if c == "alert" else str(row[c])) for c in columns))
    _console().print(table)
