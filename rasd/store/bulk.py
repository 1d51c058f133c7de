"""Bulk writes: many articles (or bare events) in large batches of SQLAlchemy Core executemany.

`Repository.add_result` stores one article per transaction through the ORM, with dedup against the stored events:
right for a live feed, too slow for loading a backlog (about a thousand events a second on SQLite). Here each
batch of articles becomes a handful of multi-row INSERTs in one transaction, with the same rows `add_result(...,
dedup=False)` writes: the article, its source count, its mentions, its full-text entry, each event reconciled from
its one report (rasd.dedup.reconcile), the report itself, and the events' search names (rasd.store.names).

The rare article that cannot take the fast path (one of its event ids is already stored, or taken earlier in the
same batch, so its report must join that event) is stored through `add_result` after its batch, so the outcome is
exactly that of calling `add_result(result, dedup=False)` for every result in order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from rasd.dedup import ReportInfo, content_terms, reconcile, revises_figure
from rasd.model import ArticleResult, Event
from rasd.store.linking import event_columns, now
from rasd.store.names import index_events
from rasd.store.rows import article_rows, report_data
from rasd.store.schema import ArticleRow, EventRow, MentionRow, ReportRow, SourceRow
from rasd.store.sql import insert_rows

#: Articles per transaction: large enough that per-statement costs vanish, small enough to keep memory flat.
BATCH = 2000

NO_DEDUP_MATCH = {"matched": False, "reasons": {"dedup": "off"}}


@dataclass(slots=True)
class BulkCounts:
    """What a bulk write did: articles stored, already stored (skipped), events and reports written."""

    articles: int = 0
    existing: int = 0
    events: int = 0
    reports: int = 0
    slow_path: int = 0  # articles stored through add_result (an event id already taken)

    def to_dict(self) -> dict[str, int]:
        return {"articles": self.articles, "existing": self.existing, "events": self.events,
                "reports": self.reports, "slow_path": self.slow_path}


def batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _existing(conn: Connection, column: Any, values: list[str]) -> set[str]:
    """The values of `column` already stored (queried in chunks: SQLite caps bound parameters)."""
    found: set[str] = set()
    for chunk in batches(values, 900):
        found.update(conn.scalars(select(column).where(column.in_(chunk))))
    return found


def write_results(conn: Connection, results: list[ArticleResult], counts: BulkCounts) -> list[ArticleResult]:
    """Write one batch on an open write transaction; returns the results left for the slow path (in order)."""
    stamp = now()
    stored_articles = _existing(conn, ArticleRow.article_id, [r.article.article_id for r in results])
    planned: list[tuple[ArticleResult, list[dict[str, Any]]]] = []
    event_ids: set[str] = set()
    seen_articles: set[str] = set()
    for result in results:
        art = result.article
        if art.article_id in stored_articles or art.article_id in seen_articles:
            counts.existing += 1
            continue
        seen_articles.add(art.article_id)
        reports: list[dict[str, Any]] = []
        own: set[str] = set()
        for position, ev in enumerate(result.events):
            data = report_data(art, position, ev)
            if data["event_id"] not in own:  # the same event twice in one result: one report is enough
                own.add(data["event_id"])
                reports.append({"position": position, "data": data})
        planned.append((result, reports))
        event_ids.update(own)
    taken = _existing(conn, EventRow.event_id, sorted(event_ids))
    fast: list[tuple[ArticleResult, list[dict[str, Any]]]] = []
    slow: list[ArticleResult] = []
    for result, reports in planned:
        ids = [r["data"]["event_id"] for r in reports]
        if slow or any(i in taken for i in ids):  # once one article waits, the rest keep their order behind it
            slow.append(result)
        else:
            fast.append((result, reports))
            taken.update(ids)
    if fast:
        _insert(conn, fast, stamp, counts)
    return slow


def _insert(conn: Connection, fast: list[tuple[ArticleResult, list[dict[str, Any]]]], stamp: Any,
            counts: BulkCounts) -> None:
    insert_articles(conn, [result for result, _ in fast], stamp)
    events, reps = [], []
    for result, reports in fast:
        art = result.article
        for rep in reports:
            data = rep["data"]
            event_id = data["event_id"]
            merged, prov = reconcile(event_id, [ReportInfo(data, art.article_id, art.published, art.outlet, art.url)])
            events.append(dict(event_id=event_id, created_at=stamp, updated_at=stamp, n_reports=1, provenance=prov,
                               **event_columns(merged)))
            reps.append(dict(article_id=art.article_id, event_id=event_id, position=rep["position"],
                             report_event_id=event_id, published=art.published, data=data, match=NO_DEDUP_MATCH,
                             revises=revises_figure(art.text, data),
                             terms=content_terms(art.text, data) or None, created_at=stamp))
    if events:
        insert_rows(conn, EventRow, events)
        insert_rows(conn, ReportRow, reps)
        index_events(conn, events)
    counts.articles += len(fast)
    counts.events += len(events)
    counts.reports += len(reps)


def insert_articles(conn: Connection, results: list[ArticleResult], stamp: Any) -> None:
    """The article-side rows of new results, a few multi-row INSERTs for the lot (`insert_article_rows`)."""
    rows = [article_rows(result) for result in results]
    insert_article_rows(conn, [row for row, _ in rows], [m for _, mentions in rows for m in mentions], stamp)


def insert_article_rows(conn: Connection, arts: list[dict[str, Any]], mentions: list[dict[str, Any]], stamp: Any,
                        search_bodies: list[str | None] | None = None) -> None:
    """Articles rows (`article_rows`), their outlets' counts, mentions and full-text entries, a few multi-row
    INSERTs for the lot. `search_bodies` (one per article, or None) are their full-text bodies when already
    computed (by a parallel run's workers)."""
    from rasd.store.search import fts_rows

    outlets: Counter[str] = Counter(a["outlet"] for a in arts if a["outlet"])
    insert_rows(conn, ArticleRow, [{**a, "ingested_at": stamp} for a in arts])
    _count_sources(conn, outlets, stamp)
    if mentions:
        insert_rows(conn, MentionRow, mentions)
    kept = [i for i, a in enumerate(arts) if not a["skipped"]]
    if kept:
        searchable = [(arts[i]["article_id"], arts[i]["title"], arts[i]["text"]) for i in kept]
        bodies = [search_bodies[i] for i in kept] if search_bodies is not None else None
        fts_rows(conn, searchable, None if bodies is None or None in bodies else bodies)


def _count_sources(conn: Connection, outlets: Counter[str], stamp: Any) -> None:
    if not outlets:
        return
    known = _existing(conn, SourceRow.outlet, sorted(outlets))
    new = [dict(outlet=o, n_articles=n, first_seen=stamp, last_seen=stamp) for o, n in outlets.items() if o not in known]
    if new:
        conn.execute(insert(SourceRow), new)
    if known:  # one executemany, not a statement (a round trip on PostgreSQL) per outlet
        stmt = (update(SourceRow).where(SourceRow.outlet == bindparam("b_outlet"))
                .values(n_articles=SourceRow.n_articles + bindparam("b_n"), last_seen=stamp))
        conn.execute(stmt, [{"b_outlet": o, "b_n": outlets[o]} for o in sorted(known)])


def write_events(conn: Connection, events: list[Event], stamp: Any) -> tuple[int, int]:
    """Insert events that have no article (`rasd import`): (added, already stored). Ids must be set."""
    unique: dict[str, Event] = {}
    existing = 0
    for ev in events:
        if ev.event_id in unique:
            existing += 1
        else:
            unique[ev.event_id] = ev
    known = _existing(conn, EventRow.event_id, list(unique))
    rows = []
    for event_id, ev in unique.items():
        if event_id in known:
            existing += 1
            continue
        data = ev.to_dict()
        rows.append(dict(event_id=event_id, created_at=stamp, updated_at=stamp, n_reports=1, **event_columns(data)))
    if rows:
        insert_rows(conn, EventRow, rows)
        index_events(conn, rows)
    return len(rows), existing


