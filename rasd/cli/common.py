"""Shared plumbing of the `rasd` commands: options, errors, progress, and the article -> result stream.

Everything a command prints for people goes through `info` (stderr, silenced by --quiet) or `report_error` (stderr,
always); results go to stdout in the commands themselves.
"""

from __future__ import annotations

import logging
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import click

from rasd.errors import InputError, RasdError

log = logging.getLogger("rasd")


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

def state() -> dict[str, Any]:
    ctx = click.get_current_context()
    root = ctx.find_root()
    if root.obj is None:
        root.obj = {"quiet": False, "verbose": 0}
    return root.obj


def _set_quiet(ctx: click.Context, _param: Any, value: bool) -> bool:
    if value:
        state()["quiet"] = True
        logging.getLogger().setLevel(logging.ERROR)
    return value


quiet_option = click.option("--quiet", "-q", is_flag=True, expose_value=False, callback=_set_quiet,
                            help="Only errors on stderr: no progress bar, no counts.")
db_option = click.option("--db", "db", metavar="PATH|URL", default=None,
                         help="Store: a SQLite file path or an SQLAlchemy URL (default: $RASD_DB, rasd.toml, rasd.db).")
unplaced_option = click.option(
    "--include-unplaced", "include_unplaced", is_flag=True,
    help="acled-csv: also write the acts rasd could give no country to (ACLED codes none; left out and counted "
         "on stderr by default).")


def export_options(fmt: str, include_unplaced: bool) -> tuple[dict[str, Any], list[int]]:
    """The writer options of one export and a counter of the events it leaves out for having no country."""
    left_out = [0]
    if fmt != "acled-csv":
        return {}, left_out

    def count(_ev: dict[str, Any]) -> None:
        left_out[0] += 1

    return {"include_unplaced": include_unplaced, "on_unplaced": count}, left_out


def unplaced_note(left_out: list[int]) -> str:
    """The stderr clause saying how many events an ACLED export left out for want of a country."""
    return (f"; {left_out[0]} event(s) with no country left out (ACLED codes none; --include-unplaced writes them)"
            if left_out[0] else "")


kb_extra_option = click.option("--kb-extra", "kb_extra", multiple=True, metavar="FILE",
                               type=click.Path(exists=True, dir_okay=False),
                               help="Extra knowledge-base file (actors, places, ...); repeatable.")


def is_quiet() -> bool:
    return bool(state().get("quiet"))


def info(message: str) -> None:
    """A human-readable line on stderr (silenced by --quiet)."""
    if not is_quiet():
        click.echo(message, err=True)


def report_error(err: BaseException) -> None:
    """One line per failed input, always shown: `rasd: error: FILE:LINE: message`."""
    message = " ".join(str(err).splitlines())  # a multi-line exception text must still be one line
    click.echo(f"rasd: error: {message}", err=True)


def reason(err: InputError) -> str:
    """The message of an InputError without its `file:line:` prefix (to group skip reasons)."""
    text = str(err)
    prefix = f"{err.path}:{err.line}: " if err.line else f"{err.path}: "
    return text[len(prefix):] if err.path and text.startswith(prefix) else text


def load_kb_with_extra(extra: tuple[str, ...]) -> Any:
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


def adopt_kb_extra(extra: tuple[str, ...]) -> None:
    """Load the KB with the user's extra files (a bad file is an error before any worker starts) and make it the
    one the engine's workers use (rasd.engine.work.adopt; forked workers inherit it)."""
    kb = load_kb_with_extra(extra)
    if kb is not None:
        from rasd.engine.work import adopt

        adopt(extra, kb)


def workers_option(default_help: str) -> Callable[[Any], Any]:
    """--workers N: local worker processes for extraction (rasd.engine)."""
    return click.option("--workers", type=click.IntRange(min=1), default=None,
                        help=f"Local worker processes for extraction (default: {default_help}; 1: all in this "
                             "process).")


scheduler_option = click.option("--scheduler", metavar="tcp://HOST:PORT", envvar="RASD_SCHEDULER", default=None,
                                help="Extract on this dask.distributed cluster instead (also $RASD_SCHEDULER); its "
                                     "workers need rasd.")


def progress_enabled() -> bool:
    return not is_quiet() and sys.stderr.isatty()


@contextmanager
def progress(description: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
    """A rich progress bar on stderr (not with --quiet, nor when stderr is not a terminal); yields `advance(n)`."""
    if not progress_enabled():
        yield lambda n=1: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(description, total=total)
        yield lambda n=1: progress.advance(task, n)


def process_stream(paths: tuple[str, ...], published: date | None, kb: Any, failures: list[InputError],
                    skip: Callable[[str], bool] | None = None) -> Iterator[Any]:
    """Articles of the inputs through the pipeline; failed inputs are reported, collected and passed over.

    `skip(article_id)` lets a caller (the store) pass over articles it already has without running the extractor;
    those are yielded as the bare Article so the caller can count them.
    """
    from rasd.ingest.sources import attach_provenance, iter_articles
    from rasd.pipeline import process

    for item in iter_articles(paths, published=published):
        if isinstance(item, InputError):
            report_error(item)
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
        report_error(err)
        failures.append(err)


def skip_summary(failures: list[InputError]) -> str:
    reasons = Counter(reason(f) for f in failures)
    detail = "; ".join(f"{n} x {r}" for r, n in reasons.most_common(5))
    return f"{len(failures)} input(s) skipped" + (f" ({detail})" if detail else "")


def finish(processed: int, failures: list[InputError]) -> None:
    """Exit 1 when inputs were given but none could be processed."""
    if processed == 0 and failures:
        raise SystemExit(1)


def open_store(db: str | None, must_exist: bool = True) -> Any:
    """The store named by --db / RASD_DB / rasd.toml: the one way every command opens it. A command that reads
    (`must_exist`) never creates one; a command that writes creates it on first use."""
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
