"""`rasd eval`: measure rasd on annotated articles (the format of ../shared/eval/dev/)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from rasd.cli.common import kb_extra_option, load_kb_with_extra, quiet_option


@click.command("eval")
@click.option("--gold", "gold", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Gold JSONL: one article per line with gold_id, published and its events.")
@click.option("--articles", "articles", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Articles JSONL: gold_id, title, content.")
@click.option("--json-out", "json_out", type=click.Path(dir_okay=False), default=None,
              help="Write per-article details (missed events, failed fields, extra events) to this file.")
@kb_extra_option
@quiet_option
def eval_command(gold: str, articles: str, json_out: str | None, kb_extra: tuple[str, ...]) -> None:
    """Score rasd's events against gold annotations: per-field accuracy, then detection P/R/F1."""
    from rasd.evaluate import evaluate
    from rasd.model import Article
    from rasd.pipeline import process

    kb = load_kb_with_extra(kb_extra)

    def run(text: str, published: date | None) -> list[dict]:
        return [e.to_dict() for e in process(Article(text=text, published=published), kb).events]

    report = evaluate(gold, articles, run)
    for line in report.lines():
        click.echo(line)
    if json_out:
        Path(json_out).write_text(json.dumps(report.details, ensure_ascii=False, indent=1), encoding="utf-8")
