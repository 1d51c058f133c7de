"""`rasd review`: mark a stored event verified or wrong, correct its fields, list reviews, write reviews as gold.

    rasd review EVENT_ID --verified [--note TEXT]
    rasd review EVENT_ID --wrong --note "not an attack: a court ruling"
    rasd review EVENT_ID --set fatalities=3 --set admin1=Anbar
    rasd review EVENT_ID              (its review history)
    rasd review --gold DIR            (gold.jsonl + articles.jsonl of the reviewed events, for `rasd eval`)

Who reviewed is --by, else $RASD_REVIEWER, else the login name; when is the time of the command (UTC).
"""

from __future__ import annotations

import getpass
import json
import os
from typing import Any

import click

from rasd.cli_common import RasdCommandError, db_option, info, quiet_option
from rasd.errors import RasdError


def _reviewer(by: str | None) -> str:
    if by:
        return by
    if os.environ.get("RASD_REVIEWER"):
        return os.environ["RASD_REVIEWER"]
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without passwd entry)
        return "unknown"


def _corrections(pairs: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pair in pairs:
        field, sep, value = pair.partition("=")
        if not sep or not field.strip():
            raise click.BadParameter(f"{pair!r}: write FIELD=VALUE (e.g. fatalities=3)", param_hint="--set")
        out[field.strip()] = value
    return out


@click.command()
@click.argument("event_id", required=False)
@db_option
@click.option("--verified", "verdict", flag_value="verified", help="The event is right as it stands.")
@click.option("--wrong", "verdict", flag_value="wrong", help="The event is not a real event (or not this one).")
@click.option("--reopen", "verdict", flag_value="reopened", help="Withdraw the verdict (corrections stay).")
@click.option("--set", "sets", multiple=True, metavar="FIELD=VALUE",
              help="Correct a field (repeatable), e.g. --set fatalities=3 --set admin1=Anbar; an empty value clears.")
@click.option("--note", default=None, help="Why (kept with the review).")
@click.option("--by", default=None, help="Who reviews (default: $RASD_REVIEWER or the login name).")
@click.option("--gold", "gold_dir", default=None, metavar="DIR",
              help="Write the reviewed events as gold (DIR/gold.jsonl and DIR/articles.jsonl) instead.")
@click.option("--json", "as_json", is_flag=True, help="Print the review (or the history) as JSON.")
@quiet_option
def review(event_id: str | None, db: str | None, verdict: str | None, sets: tuple[str, ...], note: str | None,
           by: str | None, gold_dir: str | None, as_json: bool) -> None:
    """Review a stored event in place: --verified, --wrong, or --set FIELD=VALUE; with no action, its history."""
    from rasd.cli_store import open_store
    from rasd.review import history, record

    if gold_dir:
        if event_id or verdict or sets:
            raise click.UsageError("--gold writes every reviewed event: give no EVENT_ID, verdict or --set with it")
        from rasd.review_gold import write_gold

        with open_store(db) as repo:
            n = write_gold(repo, gold_dir)
        info(f"rasd: {n} reviewed article(s) written to {gold_dir}/gold.jsonl and {gold_dir}/articles.jsonl "
             f"(score with `rasd eval --gold {gold_dir}/gold.jsonl --articles {gold_dir}/articles.jsonl`)")
        return
    if not event_id:
        raise click.UsageError("give an EVENT_ID (the id column of `rasd events --format csv` or the dashboard)")
    with open_store(db) as repo:
        try:
            if verdict is None and not sets:
                acts = history(repo, event_id)
                if not acts and repo.get_event(event_id) is None:
                    raise RasdCommandError(f"no event {event_id!r} in the store")
                _print_history(acts, as_json)
                return
            found = record(repo, event_id, _reviewer(by), verdict=verdict, corrections=_corrections(sets),
                           note=note)
        except RasdError as exc:
            raise RasdCommandError(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False))
    fixed = ", ".join(f"{k}={v}" for k, v in found["corrections"].items())
    info(f"rasd: event {event_id} is now {found['status']} (by {found['by']} at {found['at']})"
         + (f"; corrected: {fixed}" if fixed else ""))


def _print_history(acts: list[dict[str, Any]], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(acts, ensure_ascii=False))
        return
    for act in acts:
        what = (f"{act['field']}: {act['old_value']!r} -> {act['new_value']!r}" if act["action"] == "corrected"
                else act["action"])
        click.echo(f"{act['reviewed_at']}\t{act['reviewer']}\t{what}" + (f"\t{act['note']}" if act["note"] else ""))
    info(f"rasd: {len(acts)} review act(s)")
