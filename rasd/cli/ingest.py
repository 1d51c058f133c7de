"""Ingestion commands: `rasd watch SOURCES.yaml` (poll feeds, sitemaps and pages into the store) and
`rasd clusters` (near-duplicate article clusters: one story, many outlets).

`rasd run` and `rasd extract` read URLs through `rasd.ingest.sources.iter_articles`; hosts on private networks are
allowed there with `RASD_ALLOW_PRIVATE=HOST,...` (and here also with `--allow-private HOST`).
"""

from __future__ import annotations

import json
import signal
import time
from datetime import date
from typing import Any

import click

from rasd.cli.common import (
    DATE,
    RasdCommandError,
    adopt_kb_extra,
    db_option,
    info,
    kb_extra_option,
    open_store,
    quiet_option,
    scheduler_option,
    workers_option,
)
from rasd.config import resolve_db
from rasd.errors import RasdError

allow_private_option = click.option(
    "--allow-private", "allow_private", multiple=True, metavar="HOST",
    help="Allow fetching from HOST although it resolves to a private, loopback or link-local address (repeatable; "
         "also $RASD_ALLOW_PRIVATE=HOST,...).")


def _report(stats: dict[str, Any], fetch: dict[str, int]) -> str:
    skipped = stats["skipped"]
    line = (f"rasd: watch: {stats['polls']} poll(s) ({stats['not_modified']} not modified), {stats['fetched']} "
            f"page(s) fetched, {stats['extracted']} new article(s), {stats['duplicates']} duplicate(s), "
            f"{stats['near_duplicates']} near-duplicate(s), {stats['events_added']} event(s) added; "
            f"{sum(skipped.values())} skipped")
    if skipped:
        line += " (" + "; ".join(f"{n} x {r}" for r, n in sorted(skipped.items(), key=lambda kv: -kv[1])[:6]) + ")"
    return line + f"; http: {fetch['fetched']} ok, {fetch['retries']} retries, {fetch['robots']} robots.txt refusals"


@click.command()
@click.argument("sources_file", metavar="SOURCES.yaml", type=click.Path(exists=True, dir_okay=False))
@db_option
@click.option("--once", is_flag=True, help="Poll every source once, then stop.")
@click.option("--cycles", type=click.IntRange(min=1), default=None, help="Stop after this many rounds of polling.")
@click.option("--published", type=DATE, default=None, help="Publication date for articles that carry none.")
@click.option("--json", "as_json", is_flag=True, help="Print the final report as one JSON object on stdout.")
@allow_private_option
@kb_extra_option
@workers_option("1: a poll's articles are few")
@scheduler_option
@quiet_option
def watch(sources_file: str, db: str | None, once: bool, cycles: int | None, published: date | None, as_json: bool,
          allow_private: tuple[str, ...], kb_extra: tuple[str, ...], workers: int | None,
          scheduler: str | None) -> None:
    """Poll the RSS/Atom feeds, sitemaps and pages listed in SOURCES.yaml on their schedules; store new articles.

    Each URL is fetched once (the store remembers it), feeds are re-read with conditional GET, robots.txt and a
    per-host rate limit are obeyed. Stops on Ctrl-C (or SIGTERM) with a final report.
    """
    from rasd.ingest.fetch import Fetcher, FetchSettings, allowed_private_hosts
    from rasd.ingest.watch import Watcher, load_sources

    try:
        config = load_sources(sources_file)
    except RasdError as exc:
        raise RasdCommandError(str(exc)) from exc
    adopt_kb_extra(kb_extra)
    location = resolve_db(db)
    repo = open_store(db, must_exist=False)
    settings = FetchSettings(allow_private=allowed_private_hosts([*allow_private, *config.allow_private]))
    stop = {"now": False}

    def _stop(*_args: Any) -> None:
        stop["now"] = True

    previous = signal.signal(signal.SIGTERM, _stop)
    rounds = 0
    with repo, Fetcher(settings) as fetcher:
        watcher = Watcher(repo, fetcher, published=published, kb_extra=kb_extra, workers=workers or 1,
                          scheduler=scheduler)
        info(f"rasd: watching {len(config.sources)} source(s) into {location}")
        try:
            while not stop["now"]:
                ready = watcher.due(config.sources, time.monotonic())
                if ready:
                    rounds += 1
                    for source in ready:
                        if stop["now"]:
                            break
                        watcher.poll(source)
                    if once or (cycles is not None and rounds >= cycles):
                        break
                    info(_report(watcher.stats.as_dict(), fetcher.stats))
                time.sleep(min(1.0, max(0.05, min(watcher.next_poll.values()) - time.monotonic())))
        except KeyboardInterrupt:
            info("rasd: watch: interrupted")
        finally:
            signal.signal(signal.SIGTERM, previous)
        stats = watcher.stats.as_dict()
        stats["http"] = dict(fetcher.stats)
        stats["store_totals"] = repo.counts()
    info(_report(stats, stats["http"]))
    if as_json:
        click.echo(json.dumps(stats, ensure_ascii=False))


@click.command()
@db_option
@click.option("--threshold", type=click.FloatRange(0.1, 1.0), default=None,
              help="Estimated Jaccard similarity of word 3-grams from which two articles are one story (default 0.5); "
                   "giving it clusters every article again.")
@click.option("--rebuild", is_flag=True, help="Forget stored clusters and cluster every article again.")
@click.option("--show", type=click.IntRange(min=0), default=10, show_default=True,
              help="List this many of the largest clusters.")
@click.option("--json", "as_json", is_flag=True, help="Print figures and clusters as one JSON object on stdout.")
@quiet_option
def clusters(db: str | None, threshold: float | None, rebuild: bool, show: int, as_json: bool) -> None:
    """Link near-duplicate articles (wire copies syndicated by many outlets) into clusters, stored in the store's
    article_clusters table; print the figures and the largest clusters."""
    from rasd.ingest.dedup_articles import DEFAULT_THRESHOLD, update_clusters

    location = resolve_db(db)
    repo = open_store(db, must_exist=False)
    with repo:
        index, new = update_clusters(repo, threshold=threshold or DEFAULT_THRESHOLD,
                                     rebuild=rebuild or threshold is not None)
        summary = index.summary()
        summary["assigned_now"] = len(new)
        top = repo.clusters.largest(limit=show) if show else []
    if as_json:
        click.echo(json.dumps({**summary, "clusters_shown": top}, ensure_ascii=False))
        return
    info(f"rasd: {location}: {summary['articles']} article(s) in {summary['clusters']} cluster(s); "
         f"{summary['multi_article_clusters']} cluster(s) hold {summary['articles_in_multi']} near-duplicate "
         f"article(s); {len(new)} assigned now")
    for c in top:
        click.echo(f"{c['cluster_id'][:12]}  {c['size']:3d} article(s)  {', '.join(c['outlets'])}  "
                   f"{(c['titles'][0] or '')[:80]}")
