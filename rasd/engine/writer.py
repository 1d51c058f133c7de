"""The single writer of a parallel run: applies pipeline results to the store in input order, a batch per transaction.

Workers only extract; every write goes through here, in the client process, so dedup on write sees the reports in
the same order as a serial `rasd run` and gives the same events with the same ids. A batch is one write
transaction (one BEGIN IMMEDIATE on SQLite, one advisory lock on PostgreSQL): one query finds which of its articles
are already stored, the article-side rows (articles, outlets, mentions, full-text entries) go in as a few multi-row
INSERTs (COPY on PostgreSQL, rasd.store.bulk), then each report is linked to a new or a matching event exactly as
`Repository.add_result` links it (rasd.store.linking.link_report), one candidate query per report (a statement
built once per report shape); the events' search names and actor links are written once for the batch. A kill -9 loses
at most the open batch, and a rerun finds the committed ones stored: every article is stored exactly once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from rasd.errors import StoreError
from rasd.model import ArticleResult

#: Articles per write transaction: enough that the per-transaction costs (lock, commit, WAL sync) vanish, few
#: enough that a batch is seconds of work and an interrupted run loses little.
WRITE_BATCH = 64


def write_batch(repo: Any, results: Sequence[ArticleResult], *, dedup: bool = True,
                search_bodies: Sequence[str | None] | None = None) -> list[bool]:
    """Store `results` in order in one transaction; for each, True if it was new, False if already stored (before
    or earlier in the batch). The outcome is that of `repo.add_result(r)` for each r in order. `search_bodies`
    (one per result) are their full-text bodies if the workers computed them."""
    from rasd.store.bulk import _existing, insert_articles
    from rasd.store.linking import DEFERRED_NAMES, flush_names, link_reports, now
    from rasd.store.schema import ArticleRow
    from rasd.store.sql import lock_for_write

    if not results:
        return []
    try:
        with repo._sessions.begin() as session:
            conn = session.connection()
            lock_for_write(conn)
            known = _existing(conn, ArticleRow.article_id, [r.article.article_id for r in results])
            fresh: list[ArticleResult] = []
            bodies: list[str | None] = []
            flags: list[bool] = []
            for i, result in enumerate(results):
                new = result.article.article_id not in known
                flags.append(new)
                if new:
                    known.add(result.article.article_id)
                    fresh.append(result)
                    bodies.append(search_bodies[i] if search_bodies is not None else None)
            insert_articles(conn, fresh, now(), bodies)
            session.info[DEFERRED_NAMES] = {}  # the events' search names: once, at the end of the batch
            for result in fresh:
                link_reports(session, result.article, result.events, dedup=dedup)
            flush_names(session)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot store a batch of {len(results)} article(s): {exc}") from exc
    return flags
