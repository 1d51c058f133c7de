"""The batch writer (rasd.engine.writer.write_batch, rasd.store.batch_linking) stores exactly what
`Repository.add_result` stores article by article, on SQLite and PostgreSQL: the same events with the same ids and
fields, the same reports with the same matches, the same search names and actor links."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from rasd.engine.writer import write_batch
from rasd.store.repository import Repository
from rasd.store.rows import prepare
from rasd.store.schema import EventActorRow, EventNameRow, EventRow, ReportRow
from tests.store.conftest import reset_postgres

SAMPLE = Path(__file__).resolve().parents[2] / "rasd" / "samples" / "sample.jsonl"


@pytest.fixture(scope="module")
def sample_results() -> list:
    """The pipeline's results for the first 60 articles of the bundled sample (conflict news: dedup merges some)."""
    from itertools import islice

    from rasd.ingest.sources import attach_provenance, iter_articles
    from rasd.pipeline import process

    return [attach_provenance(process(a)) for a in islice(iter_articles([str(SAMPLE)]), 60)]


def _contents(repo: Repository) -> dict[str, list]:
    with repo.engine.connect() as conn:
        return {
            "events": [tuple(r) for r in conn.execute(select(
                EventRow.event_id, EventRow.n_reports, EventRow.data, EventRow.provenance, EventRow.latitude,
                EventRow.admin1).order_by(EventRow.event_id))],
            "reports": [tuple(r) for r in conn.execute(select(
                ReportRow.article_id, ReportRow.event_id, ReportRow.report_event_id, ReportRow.position,
                ReportRow.match, ReportRow.data, ReportRow.revises, ReportRow.terms)
                .order_by(ReportRow.article_id, ReportRow.event_id))],
            "report_order": [tuple(r) for r in conn.execute(select(ReportRow.article_id, ReportRow.position)
                                                            .order_by(ReportRow.created_at))],
            "actors": [tuple(r) for r in conn.execute(select(EventActorRow.event_id, EventActorRow.actor)
                                                      .order_by(EventActorRow.event_id, EventActorRow.actor))],
            "names": sorted(tuple(r) for r in conn.execute(select(EventNameRow.kind, EventNameRow.name))),
        }


def test_batches_store_what_add_result_stores(store_url, tmp_path, sample_results):
    with Repository(store_url) as repo:
        for result in sample_results:
            repo.add_result(result)
        expected = _contents(repo)
    assert any(n > 1 for _, n, *_ in expected["events"])  # dedup merged reports: the check is not vacuous
    if store_url.startswith("postgresql"):
        reset_postgres(store_url)
    else:
        store_url = str(tmp_path / "batched.db")
    prepared = [prepare(r) for r in sample_results]
    with Repository(store_url) as repo:
        for i in range(0, len(prepared), 7):  # several batches: later ones merge into events stored by earlier ones
            assert write_batch(repo, prepared[i:i + 7]) == [True] * len(prepared[i:i + 7])
        assert write_batch(repo, prepared[:3]) == [False] * 3  # stored already: nothing written
        assert _contents(repo) == expected
