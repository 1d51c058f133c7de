"""Real articles for the engine tests, and what a store holds, for comparing a parallel run with a serial one."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[2] / "rasd" / "samples" / "sample.jsonl"


@pytest.fixture
def few_articles(tmp_path: Path) -> Path:
    """The first 40 real articles of the bundled sample, as a JSON-lines file."""
    path = tmp_path / "few.jsonl"
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)[:40]
    path.write_text("".join(lines), encoding="utf-8")
    return path


def store_contents(db: Path) -> dict[str, list[tuple]]:
    """The rows that must not depend on how a run was scheduled: events, reports (with their links), articles,
    their search entries, the events' names and actor links."""
    with sqlite3.connect(db) as conn:
        return {
            "events": conn.execute("SELECT event_id, n_reports, event_type, event_date, location, fatalities, data, "
                                   "provenance, admin1, latitude FROM events ORDER BY event_id").fetchall(),
            "reports": conn.execute("SELECT article_id, event_id, report_event_id, position, match, data, revises, "
                                    "terms, published FROM reports ORDER BY article_id, event_id").fetchall(),
            "report_order": conn.execute("SELECT article_id, position FROM reports ORDER BY created_at").fetchall(),
            "articles": conn.execute("SELECT article_id, n_events, skipped FROM articles ORDER BY 1").fetchall(),
            "mentions": conn.execute("SELECT count(*) FROM mentions").fetchall(),
            "search": conn.execute("SELECT count(*) FROM articles_fts_ids").fetchall(),
            "names": conn.execute("SELECT kind, name, key FROM event_names ORDER BY 1, 2").fetchall(),
            "actors": conn.execute("SELECT event_id, actor FROM event_actors ORDER BY 1, 2").fetchall(),
            "sources": conn.execute("SELECT outlet, n_articles FROM sources ORDER BY 1").fetchall(),
        }


def serial_store(db: Path, inputs: list[str]) -> dict[str, list[tuple]]:
    """The store the serial path (Repository.add_result per article, in order) makes from `inputs`."""
    from rasd.ingest.sources import attach_provenance, iter_articles
    from rasd.pipeline import process
    from rasd.store.repository import Repository

    with Repository(str(db)) as repo:
        for article in iter_articles(inputs):
            repo.add_result(attach_provenance(process(article)))
    return store_contents(db)
