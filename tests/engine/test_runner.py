"""rasd.engine: a run on worker processes stores exactly what the serial path stores; failures do not stop it."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.engine.runner import run_pipeline
from rasd.ingest.sources import iter_articles
from rasd.store.repository import Repository
from tests.engine.conftest import serial_store, store_contents


def _run(db: Path, inputs: list[str], **kwargs) -> object:
    errors = []
    with Repository(str(db)) as repo:
        counts = run_pipeline(iter_articles(inputs), repo, on_error=errors.append, **kwargs)
    assert errors == counts.failures
    return counts


def test_two_workers_store_the_same_events_and_reports_as_the_serial_path(tmp_path, few_articles):
    expected = serial_store(tmp_path / "serial.db", [str(few_articles)])
    # Small partitions and write batches so several partitions are out at once and come back out of order.
    counts = _run(tmp_path / "parallel.db", [str(few_articles)], workers=2, partition=3, write_every=5)
    assert counts.workers == "2 local process(es)"
    assert (counts.processed, counts.new, counts.duplicates) == (40, 40, 0)
    assert len(expected["events"]) > 20 and any(n > 1 for _, n, *_ in expected["events"])  # dedup merged some
    assert store_contents(tmp_path / "parallel.db") == expected


def test_a_rerun_adds_nothing_and_sends_nothing_to_the_workers(tmp_path, few_articles, monkeypatch):
    db = tmp_path / "s.db"
    _run(db, [str(few_articles)], workers=1)
    before = store_contents(db)
    import rasd.pipeline

    def must_not_run(article, kb=None):
        raise AssertionError("a stored article was extracted again")

    monkeypatch.setattr(rasd.pipeline, "process", must_not_run)
    counts = _run(db, [str(few_articles), str(few_articles)], workers=2, partition=4)
    assert (counts.processed, counts.new, counts.duplicates, counts.failures) == (80, 0, 80, [])
    assert store_contents(db) == before


@pytest.mark.parametrize("workers", [1, 2])
def test_an_article_the_pipeline_fails_on_is_reported_with_file_and_line_and_the_rest_is_stored(
        tmp_path, few_articles, monkeypatch, workers):
    import rasd.pipeline

    real = rasd.pipeline.process
    lines = few_articles.read_text(encoding="utf-8").splitlines()
    bad_title = __import__("json").loads(lines[6])["title"]

    def fails_on_one(article, kb=None):
        if article.title == bad_title:
            raise ValueError("boom")
        return real(article, kb=kb)

    monkeypatch.setattr(rasd.pipeline, "process", fails_on_one)  # forked workers inherit the patch
    counts = _run(tmp_path / "f.db", [str(few_articles)], workers=workers, partition=4)
    assert [str(f) for f in counts.failures] == [f"{few_articles}:7: extractor failed: ValueError: boom"]
    assert (counts.processed, counts.new) == (39, 39)
    assert len(store_contents(tmp_path / "f.db")["articles"]) == 39
