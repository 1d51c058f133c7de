"""The `rasd` command: extract events from files, fill and query a store, run the demo, reach the KB and the NER.

stdout carries only results (JSON/JSONL events, CSV, or the tables asked for); progress, logs, per-file errors and
counts go to stderr. `rasd extract` never prints a line starting with "{" that is not an event. Exit codes: 0 when
anything was processed, 1 when every input failed (or the store cannot be opened), 2 for usage errors.
"""

from __future__ import annotations

import json
import logging
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import click

from rasd import __version__
from rasd.errors import InputError, RasdError

log = logging.getLogger("rasd")

SAMPLE_PATH = Path(__file__).resolve().parent / "samples" / "sample.jsonl"


class RasdCommandError(click.ClickException):
    """A failure the user can act on, shown as `rasd: error: ...` with exit code 1."""

    def show(self, file: Any = None) -> None:
        click.echo(f"rasd: error: {self.format_message()}", err=True)


class DateType(click.ParamType):
    """YYYY-MM-DD on the command line; anything else is a usage error (exit 2)."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: Any, ctx: Any) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"{value!r} is not a date in YYYY-MM-DD form", param, ctx)


DATE = DateType()


# -- shared plumbing -----------------------------------------------------------------------------------------------

def _state() -> dict[str, Any]:
    ctx = click.get_current_context()
    root = ctx.find_root()
    if root.obj is None:
        root.obj = {"quiet": False, "verbose": 0}
    return root.obj


def _set_quiet(ctx: click.Context, _param: Any, value: bool) -> bool:
    if value:
        _state()["quiet"] = True
        logging.getLogger().setLevel(logging.ERROR)
    return value


quiet_option = click.option("--quiet", "-q", is_flag=True, expose_value=False, callback=_set_quiet,
                            help="Only errors on stderr: no progress bar, no counts.")
db_option = click.option("--db", "db", metavar="PATH|URL", default=None,
                         help="Store: a SQLite file path or an SQLAlchemy URL (default: $RASD_DB, rasd.toml, rasd.db).")
kb_extra_option = click.option("--kb-extra", "kb_extra", multiple=True, metavar="FILE",
                               type=click.Path(exists=True, dir_okay=False),
                               help="Extra knowledge-base file (actors, places, ...); repeatable.")


def _quiet() -> bool:
    return bool(_state().get("quiet"))


def _info(message: str) -> None:
    """A human-readable line on stderr (silenced by --quiet)."""
    if not _quiet():
        click.echo(message, err=True)


def _report_error(err: BaseException) -> None:
    """One line per failed input, always shown: `rasd: error: FILE:LINE: message`."""
    click.echo(f"rasd: error: {err}", err=True)


def _reason(err: InputError) -> str:
    """The message of an InputError without its `file:line:` prefix (to group skip reasons)."""
    text = str(err)
    prefix = f"{err.path}:{err.line}: " if err.line else f"{err.path}: "
    return text[len(prefix):] if err.path and text.startswith(prefix) else text


def _load_kb(extra: tuple[str, ...]) -> Any:
    """The knowledge base with the user's extra files, or None (the pipeline then uses the bundled KB)."""
    if not extra:
        return None
    try:
        from rasd.kb import load_kb
    except ImportError as exc:
        raise RasdCommandError(f"--kb-extra: the knowledge base is not available in this install ({exc})") from exc
    try:
        return load_kb(extra=list(extra))
    except RasdError as exc:
        raise RasdCommandError(str(exc)) from exc


def _progress_enabled() -> bool:
    return not _quiet() and sys.stderr.isatty()


@contextmanager
def _progress(description: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
    """A rich progress bar on stderr (not with --quiet, nor when stderr is not a terminal); yields `advance(n)`."""
    if not _progress_enabled():
        yield lambda n=1: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(description, total=total)
        yield lambda n=1: progress.advance(task, n)


def _process_stream(paths: tuple[str, ...], published: date | None, kb: Any, failures: list[InputError],
                    skip: Callable[[str], bool] | None = None) -> Iterator[Any]:
    """Articles of the inputs through the pipeline; failed inputs are reported, collected and passed over.

    `skip(article_id)` lets a caller (the store) pass over articles it already has without running the extractor;
    those are yielded as the bare Article so the caller can count them.
    """
    from rasd.ingest.sources import attach_provenance, iter_articles
    from rasd.pipeline import process

    for item in iter_articles(paths, published=published):
        if isinstance(item, InputError):
            _report_error(item)
            failures.append(item)
            continue
        if skip is not None and skip(item.article_id):
            yield item
            continue
        try:
            result = process(item, kb=kb)
        except RasdError as exc:
            err = InputError(str(exc), item.source_path)
        except Exception as exc:  # a bug in a stage must not end the batch; say where, keep the traceback in -v
            log.debug("extractor failed on %s", item.source_path, exc_info=True)
            err = InputError(f"extractor failed: {type(exc).__name__}: {exc}", item.source_path)
        else:
            yield attach_provenance(result)
            continue
        _report_error(err)
        failures.append(err)


def _skip_summary(failures: list[InputError]) -> str:
    reasons = Counter(_reason(f) for f in failures)
    detail = "; ".join(f"{n} x {r}" for r, n in reasons.most_common(5))
    return f"{len(failures)} input(s) skipped" + (f" ({detail})" if detail else "")


def _finish(processed: int, failures: list[InputError]) -> None:
    """Exit 1 when inputs were given but none could be processed."""
    if processed == 0 and failures:
        raise SystemExit(1)


# -- commands ------------------------------------------------------------------------------------------------------

@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--verbose", "-v", count=True, help="More logging on stderr (-v info, -vv debug).")
@quiet_option
@click.version_option(__version__, prog_name="rasd")
@click.pass_context
def cli(ctx: click.Context, verbose: int) -> None:
    """rasd (رصد): Arabic news articles in, ACLED-style conflict events with evidence out."""
    state = _state()
    state["verbose"] = verbose
    level = logging.ERROR if state["quiet"] else (logging.DEBUG if verbose > 1 else
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
    from rasd.cli_render import event_table

    kb = _load_kb(kb_extra)
    failures: list[InputError] = []
    processed = n_events = 0
    collected: list[dict[str, Any]] = []
    for result in _process_stream(paths, published, kb, failures):
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
        event_table(collected)
    _info(f"rasd: {processed} article(s) processed, {n_events} event(s); {_skip_summary(failures)}")
    _finish(processed, failures)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@db_option
@click.option("--published", type=DATE, default=None, help="Publication date for inputs that carry none.")
@click.option("--json", "as_json", is_flag=True, help="Also print the run's counts as one JSON object on stdout.")
@kb_extra_option
@quiet_option
def run(inputs: tuple[str, ...], db: str | None, published: date | None, as_json: bool,
        kb_extra: tuple[str, ...]) -> None:
    """Process inputs into the store; articles already stored are not processed again."""
    from rasd.config import resolve_db

    stats, failures = _run_into_store(inputs, resolve_db(db), published, _load_kb(kb_extra))
    if as_json:
        click.echo(json.dumps(stats, ensure_ascii=False))
    _finish(stats["processed"], failures)


def _run_into_store(inputs: tuple[str, ...], location: str, published: date | None,
                    kb: Any) -> tuple[dict[str, Any], list[InputError]]:
    """The body of `rasd run` (and of `rasd demo`): stream articles into the store, say what happened on stderr."""
    from rasd.model import Article
    from rasd.store.repository import Repository

    try:
        repo = Repository(location)
    except RasdError as exc:
        raise RasdCommandError(str(exc)) from exc
    failures: list[InputError] = []
    stats: dict[str, Any] = {"processed": 0, "new": 0, "duplicates": 0, "events_added": 0}
    not_extracted: Counter[str] = Counter()
    from rasd.ingest.sources import count_records

    total = count_records(inputs) if _progress_enabled() else None
    with repo, _progress("processing articles", total) as advance:
        for item in _process_stream(inputs, published, kb, failures, skip=repo.has_article):
            stats["processed"] += 1
            advance(1)
            if isinstance(item, Article) or not _add(repo, item):
                stats["duplicates"] += 1
                continue
            stats["new"] += 1
            stats["events_added"] += len(item.events)
            if item.skipped:
                not_extracted[item.skipped] += 1
        counts = repo.counts()
    stats.update(not_extracted=dict(not_extracted), skipped_inputs=len(failures),
                 skip_reasons=dict(Counter(_reason(f) for f in failures)), store=location, store_totals=counts)
    line = (f"rasd: {stats['processed']} article(s) processed: {stats['new']} new, {stats['duplicates']} "
            f"duplicate(s), {stats['events_added']} event(s) added; {_skip_summary(failures)}")
    if not_extracted:
        line += "; not extracted: " + "; ".join(f"{n} x {r}" for r, n in not_extracted.most_common(5))
    _info(line)
    _info(f"rasd: store {location}: {counts['articles']} article(s), {counts['events']} event(s) in total")
    return stats, failures


def _add(repo: Any, result: Any) -> bool:
    """Store one result; a store failure ends the run (the store is unusable), with a clear message."""
    try:
        return repo.add_result(result)
    except RasdError as exc:
        raise RasdCommandError(str(exc)) from exc


@cli.command()
@db_option
@click.option("--since", type=DATE, default=None, help="Events on or after this date.")
@click.option("--until", type=DATE, default=None, help="Events on or before this date.")
@click.option("--country", default=None, help="Country name or ISO3 code (exact, any case).")
@click.option("--admin1", default=None, help="First-level region (governorate); part of the name is enough.")
@click.option("--actor", default=None, help="Actor name (either side or associated); part of the name is enough.")
@click.option("--type", "event_type", default=None, help="ACLED event type or sub-event type (any case).")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many events (newest first).")
@quiet_option
def events(db: str | None, since: date | None, until: date | None, country: str | None, admin1: str | None,
           actor: str | None, event_type: str | None, fmt: str, limit: int | None) -> None:
    """Query the events in the store."""
    from rasd.cli_render import event_table, events_csv
    from rasd.config import db_url, resolve_db, sqlite_path
    from rasd.store.repository import Repository

    location = resolve_db(db)
    path = sqlite_path(db_url(location))
    if path is not None and not path.exists():
        raise RasdCommandError(f"no store at {location} (fill one with `rasd run INPUT... --db {location}`)")
    try:
        with Repository(location) as repo:
            found = repo.query_events(since=since, until=until, country=country, admin1=admin1, actor=actor,
                                      event_type=event_type, limit=limit)
    except RasdError as exc:
        raise RasdCommandError(str(exc)) from exc
    rows = [ev.to_dict() for ev in found]
    if fmt == "jsonl":
        for obj in rows:
            click.echo(json.dumps(obj, ensure_ascii=False))
    elif fmt == "csv":
        events_csv(rows, sys.stdout)
    else:
        event_table(rows)
    _info(f"rasd: {len(rows)} event(s)")


@cli.command()
@click.option("--db", "db", metavar="PATH", default=None,
              help="SQLite file to create (overwritten; default ./rasd-demo.db).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object instead of tables.")
@quiet_option
def demo(db: str | None, as_json: bool) -> None:
    """Process the bundled sample of real Arabic articles into a fresh SQLite file and summarise it."""
    from rasd.cli_render import summary_tables
    from rasd.config import DEFAULT_DEMO_DB, db_url, sqlite_path
    from rasd.store.repository import Repository

    location = db or DEFAULT_DEMO_DB
    path = sqlite_path(db_url(location))
    if path is None:
        raise click.UsageError("rasd demo writes a fresh SQLite file: give --db a file path")
    if not SAMPLE_PATH.is_file():
        raise RasdCommandError(f"bundled sample missing: {SAMPLE_PATH} (reinstall rasd)")
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    _info(f"rasd: processing the bundled sample ({SAMPLE_PATH.name}) into {path}")
    _stats, failures = _run_into_store((str(SAMPLE_PATH),), location, None, None)
    with Repository(location) as repo:
        summary = repo.summary()
    summary["db"] = str(path.resolve())
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False))
    else:
        summary_tables(summary)
    _finish(_stats["processed"], failures)


@cli.command()
@click.option("--conll", "conll", nargs=2, required=True, metavar="IN OUT",
              type=(click.Path(exists=True, dir_okay=False), click.Path(dir_okay=False, writable=True)),
              help="Tag the tokens of IN (one `token [TAG]` per line, blank line between sentences) into OUT.")
@quiet_option
def ner(conll: tuple[str, str]) -> None:
    """Named-entity tagging with rasd's trained model (CoNLL files in and out)."""
    try:
        from rasd.recognize.ner import tag_conll_file
    except ImportError as exc:
        raise RasdCommandError(f"the NER model is not available in this install ({exc})") from exc
    src, dst = conll
    try:
        result = tag_conll_file(src, dst)
    except FileNotFoundError as exc:
        raise RasdCommandError(f"the NER model file is missing: {exc.filename or exc}") from exc
    except RasdError as exc:
        raise RasdCommandError(str(exc)) from exc
    _info(f"rasd: tagged {src} -> {dst}" + (f" ({result})" if result is not None else ""))


@cli.group()
def kb() -> None:
    """Look into the knowledge base (actors, places, triggers, weapons)."""


def _kb() -> Any:
    try:
        from rasd.kb import load_kb
    except ImportError as exc:
        raise RasdCommandError(f"the knowledge base is not available in this install ({exc})") from exc
    try:
        return load_kb()
    except FileNotFoundError as exc:
        raise RasdCommandError(f"a knowledge-base file is missing: {exc.filename or exc}") from exc
    except RasdError as exc:
        raise RasdCommandError(str(exc)) from exc


@kb.command("lookup")
@click.argument("name")
@quiet_option
def kb_lookup(name: str) -> None:
    """Entries whose name or alias matches NAME (Arabic or English); one JSON object per line."""
    from rasd.cli_render import jsonable

    found = _kb().lookup(name)
    entries = found if isinstance(found, (list, tuple)) else ([] if found is None else [found])
    for entry in entries:
        click.echo(json.dumps(jsonable(entry), ensure_ascii=False))
    _info(f"rasd: {len(entries)} entr{'y' if len(entries) == 1 else 'ies'} for {name!r}")
    if not entries:
        raise SystemExit(1)


@kb.command("stats")
@quiet_option
def kb_stats() -> None:
    """Counts of the knowledge base's entries, as one JSON object."""
    from rasd.cli_render import jsonable

    click.echo(json.dumps(jsonable(_kb().stats()), ensure_ascii=False))


def main(argv: list[str] | None = None) -> None:
    """Console entry point: UTF-8 output whatever the locale, then the click group."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            try:
                stream.reconfigure(encoding="utf-8")
            except (ValueError, OSError):  # pragma: no cover - a stream that cannot change encoding
                pass
    cli.main(args=argv, prog_name="rasd")
