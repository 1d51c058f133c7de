"""`rasd ner` and `rasd kb`: thin wrappers over the NER model and the knowledge base, imported only when used."""

from __future__ import annotations

import json
from typing import Any

import click

from rasd.cli.common import RasdCommandError, info, quiet_option
from rasd.errors import RasdError


@click.command()
@click.option("--conll", "conll", nargs=2, required=True, metavar="IN OUT",
              type=(click.Path(exists=True, dir_okay=False), click.Path(dir_okay=False, writable=True)),
              help="Tag the tokens of IN (one `token [TAG]` per line, blank line between sentences) into OUT.")
@click.option("--backend", type=click.Choice(["crf", "neural"]), default=None,
              help="NER model: the CRF or the BiLSTM-CRF (default: rasd.recognize.ner.DEFAULT_BACKEND).")
@quiet_option
def ner(conll: tuple[str, str], backend: str | None) -> None:
    """Named-entity tagging with rasd's trained model (CoNLL files in and out)."""
    try:
        from rasd.recognize.ner import tag_conll_file
    except ImportError as exc:
        raise RasdCommandError(f"the NER model is not available in this install ({exc})") from exc
    src, dst = conll
    try:
        result = tag_conll_file(src, dst, **({"backend": backend} if backend else {}))
    except FileNotFoundError as exc:
        raise RasdCommandError(f"the NER model file is missing: {exc.filename or exc}") from exc
    except RasdError as exc:
        raise RasdCommandError(str(exc)) from exc
    tokens = f"{result} token(s) of " if isinstance(result, int) else ""
    info(f"rasd: tagged {tokens}{src} into {dst}")


@click.group()
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
    from rasd.cli.render import jsonable

    found = _kb().lookup(name)
    entries = found if isinstance(found, (list, tuple)) else ([] if found is None else [found])
    for entry in entries:
        click.echo(json.dumps(jsonable(entry), ensure_ascii=False))
    info(f"rasd: {len(entries)} entr{'y' if len(entries) == 1 else 'ies'} for {name!r}")
    if not entries:
        raise SystemExit(1)


@kb.command("stats")
@quiet_option
def kb_stats() -> None:
    """Counts of the knowledge base's entries, as one JSON object."""
    from rasd.cli.render import jsonable

    click.echo(json.dumps(jsonable(_kb().stats()), ensure_ascii=False))
