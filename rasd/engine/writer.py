"""The single writer of a parallel run: applies prepared results to the store in input order, a batch per
transaction.

Workers only extract and prepare the rows (rasd.store.rows.prepare); every write goes through here, in the
client process, so dedup on write sees the reports in the same order as a serial `rasd run` and gives the same events
with the same ids. A batch is one write transaction (one BEGIN IMMEDIATE on SQLite, one advisory lock on
PostgreSQL): one query finds which of its articles are already stored, the article-side rows (articles, outlets,
mentions, full-text entries) go in as a few multi-row INSERTs (COPY on PostgreSQL, rasd.store.bulk), then the batch's
reports are linked to new or matching events in memory and written together (rasd.store.batch_linking.BatchLinker).
A kill -9 loses at most the open batch, and a rerun finds the committed ones stored: every article is stored exactly
once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rasd.errors import StoreError
from rasd.store.rows import Prepared

#: Articles per write transaction: enough that the per-transaction costs (lock, commit, WAL sync, the candidate
#: prefetch) vanish, few enough that a batch is a second of work and an interrupted run loses little. Measured on the
#: 1,310-article subset (SQLite, write-only): batches of 64 cost the writer ~4.5 CPU s, of 256 ~3.7; the writer's time
#: is taken from the workers on a machine whose cores all extract. The end of a run writes in smaller pieces
#: (rasd.engine.runner), so a big batch does not lengthen it.
WRITE_BATCH = 256


def write_batch(repo: Any, items: Sequence[Prepared], *, dedup: bool = True) -> list[bool]:
    """Store `items` in order in one transaction; for each, True if it was new, False if already stored (before
    or earlier in the batch). The outcome is that of `repo.add_result(r)` for each result r in order."""
    from sqlalchemy.exc import SQLAlchemyError  # here, not at import: the runner imports this module early

    from rasd.store.batch_linking import BatchLinker, insert_prepared
    from rasd.store.bulk import _existing
    from rasd.store.columns import now
    from rasd.store.schema import ArticleRow
    from rasd.store.sql import lock_for_write

    if not items:
        return []
    try:
        with repo._sessions.begin() as session:
            conn = session.connection()
            lock_for_write(conn)
            known = _existing(conn, ArticleRow.article_id, [item.article_id for item in items])
            fresh: list[Prepared] = []
            flags: list[bool] = []
            for item in items:
                new = item.article_id not in known
                flags.append(new)
                if new:
                    known.add(item.article_id)
                    fresh.append(item)
            insert_prepared(conn, fresh, now())
            linker = BatchLinker(session, fresh, dedup=dedup)
            for item in fresh:
                for report in item.reports:
                    linker.link(item.article, report)
            linker.flush()
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot store a batch of {len(items)} article(s): {exc}") from exc
    return flags
