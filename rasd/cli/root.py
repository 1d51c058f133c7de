"""The `rasd` command: extract events from files, fill and query a store, run the demo, reach the KB and the NER.

stdout carries only results (JSON/JSONL events, CSV, or the tables asked for); progress, logs, per-file errors and
counts go to stderr. `rasd extract` never prints a line starting with "{" that is not an event. Exit codes: 0 when
anything was processed, 1 when every input failed (or the store cannot be opened), 2 for usage errors.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import click

from rasd import __version__
from rasd.cli.alerts import alerts, trends
from rasd.cli.api import keys, serve
from rasd.cli.common import (
    DATE,
    RasdCommandError,
    adopt_kb_extra,
    db_option,
    export_options,
    finish,
    info,
    kb_extra_option,
    load_kb_with_extra,
    open_store,
    process_stream,
    progress,
    progress_enabled,
    quiet_option,
    reason,
    report_error,
    scheduler_option,
    skip_summary,
    state,
    unplaced_note,
    unplaced_option,
    workers_option,
)
from rasd.cli.eval import eval_command
from rasd.cli.ingest import clusters, watch
from rasd.cli.review import review
from rasd.cli.shutdown import end_now, skip_teardown, teardown_skipped
from rasd.cli.store import (
    counted_line,
    event_filter_options,
    export,
    import_events,
    pop_filters,
    print_explanation,
    stats,
    vars_of,
)
from rasd.cli.tools import kb, ner
from rasd.errors import InputError, RasdError
from rasd.export import TEXT_FORMATS

SAMPLE_PATH = Path(__file__).resolve().parents[1] / "samples" / "sample.jsonl"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--verbose", "-v", count=True, help="More logging on stderr (-v info, -vv debug).")
@quiet_option
@click.version_option(__version__, prog_name="rasd")
@click.pass_context
def cli(ctx: click.Context, verbose: int) -> None:
    """rasd (رصد): Arabic news articles in, ACLED-style conflict events with evidence out."""
    settings = state()
    settings["verbose"] = verbose
    level = logging.ERROR if settings["quiet"] else (logging.DEBUG if verbose > 1 else
                                                   logging.INFO if verbose else logging.WARNING)
    logging.basicConfig(stream=sys.stderr, level=level, format="rasd: %(levelname)s: %(name)s: %(message)s",
                        force=True)


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--published", type=DATE, default=None,
              help="Publication date of the articles (overrides the date found in the input).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "table"]), default="jsonl", show_default=True,
              help="jsonl: one event object per line; json: one list; table: a readable table.")
@kb_extra_option
@quiet_option
def extract(paths: tuple[str, ...], published: date | None, fmt: str, kb_extra: tuple[str, ...]) -> None:
    """Extract events from .txt, .html, .json and .jsonl files or directories; print them on stdout."""
    kb = load_kb_with_extra(kb_extra)
    failures: list[InputError] = []
    processed = n_events = 0
    collected: list[dict[str, Any]] = []
    for result in process_stream(paths, published, kb, failures):
        processed += 1
        for ev in result.events:
            n_events += 1
            obj = ev.to_dict()
            if fmt == "jsonl":
                click.echo(json.dumps(obj, ensure_ascii=False))
            else:
                collected.append(obj)
    if fmt == "json":
        click.echo(json.dumps(collected, ensure_ascii=False, indent=2))
    elif fmt == "table":
        from rasd.cli.render import event_table

        event_table(collected)
    info(f"rasd: {processed} article(s) processed, {n_events} event(s); {skip_summary(failures)}")
    finish(processed, failures)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@db_option
@click.option("--published", type=DATE, default=None, help="Publication date for inputs that carry none.")
@click.option("--json", "as_json", is_flag=True, help="Also print the run's counts as one JSON object on stdout.")
@workers_option("the machine's cores")
@scheduler_option
@kb_extra_option
@click.option("--timeline", metavar="FILE", default=None,
              help="Write where the run's time went (each worker's partitions, the client's reads, waits and "
                   "writes) to FILE as JSON lines; `python bench/timeline.py FILE` summarises it.")
@quiet_option
def run(inputs: tuple[str, ...], db: str | None, published: date | None, as_json: bool, workers: int | None,
        scheduler: str | None, kb_extra: tuple[str, ...], timeline: str | None) -> None:
    """Process inputs into the store; articles already stored are not processed again.

    Extraction runs on every core (or a Dask cluster); one writer stores the results in input order, so the store
    is the same as with --workers 1."""
    from rasd.config import resolve_db

    skip_teardown()  # the KB's objects are not freed one by one at the end (rasd.cli.shutdown)
    adopt_kb_extra(kb_extra)
    stats, failures = _run_into_store(inputs, resolve_db(db), published, kb_extra, workers=workers,
                                      scheduler=scheduler, timeline=timeline)
    if as_json:
        click.echo(json.dumps(stats, ensure_ascii=False))
    finish(stats["processed"], failures)


class PeriodicAlerts:
    """The trend rules over the store (rasd.alerts.evaluate_after_run) after a write batch, at most every EVERY
    seconds, so a long run raises its alerts as it goes at the cost of one evaluation a minute; and once at the
    end. Each alert is stored, so it is raised once however often the rules run."""

    EVERY = 60.0

    def __init__(self, repo: Any) -> None:
        self.repo, self.raised, self.last = repo, 0, time.monotonic()
        self.prepared = False

    def prepare(self) -> None:
        """Import the rules' modules (SciPy among them: ~0.7 CPU s) ahead of their first use: called by the engine
        while the workers' KB loads on the other core, or by the first `due`, while workers extract, rather than
        after the run when nothing else runs and the other cores idle."""
        if not self.prepared:
            import rasd.alerts  # noqa: F401 - imported for its cost now, used by now()

            self.prepared = True

    def due(self) -> None:
        """After a write batch: the rules if EVERY seconds went by (the first call prepares them)."""
        self.prepare()
        if time.monotonic() - self.last >= self.EVERY:
            self.now()

    def now(self) -> int:
        """Evaluate the rules; the number of alerts raised so far in this run."""
        from rasd.alerts import evaluate_after_run

        self.raised += len(evaluate_after_run(self.repo))
        self.last = time.monotonic()
        return self.raised


def _run_into_store(inputs: tuple[str, ...], location: str, published: date | None, kb_extra: tuple[str, ...],
                    workers: int | None = 1, scheduler: str | None = None,
                    timeline: str | None = None) -> tuple[dict[str, Any], list[InputError]]:
    """The body of `rasd run` (and of `rasd demo`): stream articles into the store (rasd.engine), say what happened
    on stderr; `timeline`: a file to record where the time went (rasd.engine.timeline)."""
    from rasd.engine.runner import run_pipeline, start_server
    from rasd.engine.timeline import Timeline
    from rasd.ingest.sources import count_records, iter_articles

    spans = Timeline(timeline)
    with spans.span("start server"):  # the workers' KB loads on another core while the store opens (rasd.engine)
        start_server(workers, scheduler, kb_extra)
    with spans.span("open store"):
        repo = open_store(location, must_exist=False)
    total = count_records(inputs) if progress_enabled() else None
    alerts = PeriodicAlerts(repo)
    with repo, progress("processing articles", total) as advance:
        try:
            run = run_pipeline(iter_articles(inputs, published=published), repo, workers=workers,
                               scheduler=scheduler, kb_extra=kb_extra, on_error=report_error, say=info,
                               advance=advance, after_write=alerts.due, prepare=alerts.prepare, warm_apart=True,
                               timeline=spans)
        except RasdError as exc:
            raise RasdCommandError(str(exc)) from exc
        stats: dict[str, Any] = {"processed": run.processed, "new": run.new, "duplicates": run.duplicates,
                                 "events_added": run.events_added}
        with spans.span("counts"):
            counts = repo.counts()
        if stats["new"]:
            with spans.span("alerts"):
                stats["alerts"] = alerts.now()
    spans.save()
    failures, not_extracted = run.failures, run.not_extracted
    stats.update(not_extracted=dict(not_extracted), skipped_inputs=len(failures),
                 skip_reasons=dict(Counter(reason(f) for f in failures)), store=location, store_totals=counts)
    line = (f"rasd: {stats['processed']} article(s) processed: {stats['new']} new, {stats['duplicates']} "
            f"duplicate(s), {stats['events_added']} event(s) added; {skip_summary(failures)}")
    if not_extracted:
        line += "; not extracted: " + "; ".join(f"{n} x {r}" for r, n in not_extracted.most_common(5))
    info(line)
    info(f"rasd: store {location}: {counts['articles']} article(s), {counts['events']} event(s) in total")
    if stats.get("alerts"):
        info(f"rasd: {stats['alerts']} new alert(s): see `rasd alerts --db {location}`")
    return stats, failures


@cli.command()
@db_option
@event_filter_options
@click.option("--format", "fmt", type=click.Choice(["table", *TEXT_FORMATS]), default="table", show_default=True,
              help="table: a readable table; the others as `rasd export` writes them (csv: the contract as a table, "
                   "acled-csv: ACLED's layout).")
@click.option("--explain", "explain", metavar="EVENT_ID", default=None,
              help="Show one event's reports, why they were merged and where each field came from.")
@unplaced_option
@quiet_option
def events(db: str | None, fmt: str, explain: str | None, include_unplaced: bool, **filters: Any) -> None:
    """Query the events in the store."""
    from rasd.cli.render import event_table
    from rasd.export import export_events

    with open_store(db) as repo:
        if explain:
            print_explanation(repo, explain, fmt)
            return
        chosen = pop_filters(filters)
        try:
            found = repo.query_events(**vars_of(chosen))
            note = counted_line(repo, chosen)
        except RasdError as exc:
            raise RasdCommandError(str(exc)) from exc
    rows = [ev.to_dict() for ev in found]
    options, left_out = export_options(fmt, include_unplaced)
    if fmt == "table":
        event_table(rows)
    else:
        export_events(rows, fmt, sys.stdout, **options)
    info(f"rasd: {len(rows) - left_out[0]} event(s): {note}{unplaced_note(left_out)}")


@cli.command()
@click.option("--db", "db", metavar="PATH", default=None,
              help="SQLite file to create (overwritten; default ./rasd-demo.db).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object instead of tables.")
@quiet_option
def demo(db: str | None, as_json: bool) -> None:
    """Process the bundled sample of real Arabic articles into a fresh SQLite file and summarise it."""
    from rasd.cli.render import summary_tables
    from rasd.config import DEFAULT_DEMO_DB, db_url, sqlite_path

    location = db or DEFAULT_DEMO_DB
    path = sqlite_path(db_url(location))
    if path is None:
        raise click.UsageError("rasd demo writes a fresh SQLite file: give --db a file path")
    if not SAMPLE_PATH.is_file():
        raise RasdCommandError(f"bundled sample missing: {SAMPLE_PATH} (reinstall rasd)")
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    info(f"rasd: processing the bundled sample ({SAMPLE_PATH.name}) into {path}")
    stats, failures = _run_into_store((str(SAMPLE_PATH),), location, None, ())
    with open_store(location) as repo:
        summary = repo.summary()
    summary["db"] = str(path.resolve())
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False))
    else:
        summary_tables(summary)
    finish(stats["processed"], failures)


cli.add_command(ner)
cli.add_command(kb)
cli.add_command(alerts)
cli.add_command(trends)
cli.add_command(import_events)
cli.add_command(eval_command)
cli.add_command(watch)
cli.add_command(clusters)
cli.add_command(serve)
cli.add_command(keys)
cli.add_command(stats)
cli.add_command(export)
cli.add_command(review)


def main(argv: list[str] | None = None) -> None:
    """Console entry point: UTF-8 output whatever the locale, then the click group."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            try:
                stream.reconfigure(encoding="utf-8")
            except (ValueError, OSError):  # pragma: no cover - a stream that cannot change encoding
                pass
    try:
        cli.main(args=argv, prog_name="rasd")
    except SystemExit as stop:
        if teardown_skipped():
            end_now(stop.code)
        raise
