"""rasd.engine: a run on worker processes stores exactly what the serial path stores; failures do not stop it."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from rasd.engine.runner import _Preparing, _tapered, run_pipeline
from rasd.engine.timeline import Timeline
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
    timeline = Timeline(tmp_path / "timeline.jsonl")
    counts = _run(tmp_path / "parallel.db", [str(few_articles)], workers=2, partition=3, write_every=5,
                  timeline=timeline)
    assert counts.workers == "2 local process(es)"
    assert (counts.processed, counts.new, counts.duplicates) == (40, 40, 0)
    assert len(expected["events"]) > 20 and any(n > 1 for _, n, *_ in expected["events"])  # dedup merged some
    assert store_contents(tmp_path / "parallel.db") == expected
    # The timeline has every partition as a span of a worker process, and every article in a write span.
    timeline.save()
    spans = [json.loads(line) for line in (tmp_path / "timeline.jsonl").read_text().splitlines()]
    extracted = [s for s in spans if s["what"] == "extract"]
    assert sum(s["n"] for s in extracted) == 40
    assert sorted(s["seq"] for s in extracted) == list(range(len(extracted)))
    workers = {s["who"] for s in extracted}
    assert 1 <= len(workers) <= 2 and f"worker {os.getpid()}" not in workers
    assert all(who.startswith("worker ") for who in workers)
    assert all(s["t0"] <= s["t1"] and s["cpu"] >= 0 for s in spans)
    assert sum(s["n"] for s in spans if s["what"] == "write") == 40
    assert [s["what"] for s in spans][-1] == "end"


def test_workers_forked_from_a_server_that_loaded_the_kb_store_the_same_and_the_server_ends(
        tmp_path, few_articles, monkeypatch):
    """warm_apart: the workers come from a fork of this process that loaded the KB (rasd.engine.zygote) while
    this one prepared; same store as the serial path, the server's load in the timeline, the server gone after,
    and what this process held at the fork (here a patched pipeline) is what the workers run."""
    import rasd.pipeline
    from rasd.engine import zygote

    if not zygote.available():
        pytest.skip("no fork server on this platform")
    expected = serial_store(tmp_path / "serial.db", [str(few_articles)])
    real, bad_title = rasd.pipeline.process, json.loads(few_articles.read_text(encoding="utf-8").splitlines()[6])["title"]

    def fails_on_one(article, kb=None):
        if article.title == bad_title:
            raise ValueError("boom")
        return real(article, kb=kb)

    db = tmp_path / "apart.db"
    prepared, writes_saw = [], []

    def prepare():
        """Runs on a thread of its own while the workers start, and here outlasts the first write: what comes
        after a write (the alert rules) must wait for it."""
        running = zygote.running()
        deadline = time.monotonic() + 60
        with sqlite3.connect(db) as conn:
            while not conn.execute("SELECT count(*) FROM articles").fetchone()[0] and time.monotonic() < deadline:
                time.sleep(0.02)
        prepared.append((running, threading.current_thread().name))

    timeline = Timeline(tmp_path / "timeline.jsonl")
    counts = _run(db, [str(few_articles)], workers=2, partition=3, write_every=5, warm_apart=True, prepare=prepare,
                  after_write=lambda: writes_saw.append(len(prepared)), timeline=timeline)
    assert prepared == [(True, "rasd-prepare")] and not zygote.running()
    assert writes_saw and set(writes_saw) == {1}  # every after_write came once prepare was done
    assert (counts.processed, counts.new) == (40, 40) and counts.failures == []
    assert store_contents(db) == expected
    timeline.save()
    spans = [json.loads(line) for line in (tmp_path / "timeline.jsonl").read_text().splitlines()]
    (server,) = [s for s in spans if s["who"] == "server"]
    assert server["what"] == "warm" and server["pid"] != os.getpid() and server["cpu"] > 0
    workers = {s["who"] for s in spans if s["what"] == "extract"}
    assert workers and all(who.startswith("worker ") for who in workers)
    assert not workers & {f"worker {os.getpid()}", f"worker {server['pid']}"}  # neither this process nor the server
    monkeypatch.setattr(rasd.pipeline, "process", fails_on_one)  # held by the server forked at the next start
    counts = _run(tmp_path / "f.db", [str(few_articles)], workers=2, partition=4, warm_apart=True)
    assert [str(f) for f in counts.failures] == [f"{few_articles}:7: extractor failed: ValueError: boom"]
    assert (counts.processed, counts.new) == (39, 39) and not zygote.running()


def test_the_last_partitions_are_cut_small_so_the_workers_finish_together():
    parts = [list(range(i, i + 8)) for i in range(0, 40, 8)]
    tapered = list(_tapered(iter(parts), hold=2, pieces=4))
    assert tapered[:3] == parts[:3]  # all but the last two as they were
    assert [len(p) for p in tapered[3:]] == [2] * 8
    assert [a for p in tapered for a in p] == list(range(40))  # nothing lost, reordered or doubled
    assert list(_tapered(iter([[1, 2, 3]]), hold=2, pieces=4)) == [[1], [2], [3]]
    assert list(_tapered(iter([]), hold=2, pieces=4)) == []


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


def test_the_fork_servers_side_of_a_run_never_imports_sqlalchemy():
    """What `rasd run` imports before it forks the workers' server, and all the server loads (`warm`: the KB, the
    pipeline, a report through it to the rows the writer takes), leave SQLAlchemy out: the client imports it on the
    other core meanwhile, and ~0.25 CPU s of it would otherwise be on the start's critical path."""
    import subprocess
    import sys

    script = ("import sys, rasd.cli.root, rasd.engine.runner\n"
              "from rasd.engine.work import warm\n"
              "warm()\n"
              "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy' or m.startswith('rasd.store')))")
    loaded = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout
    assert "rasd.store.rows" in loaded  # the warm-up went as far as the writer's rows
    assert "sqlalchemy" not in loaded and "rasd.store.repository" not in loaded


def test_what_the_background_preparation_raises_is_raised_where_it_is_finished():
    def fails():
        raise ImportError("no SciPy here")

    preparing = _Preparing(fails, Timeline())
    preparing.start()
    with pytest.raises(ImportError, match="no SciPy here"):
        preparing.finish()
    done = _Preparing(lambda: None, Timeline())
    done.start()
    done.finish()
    assert done.name == "rasd-prepare" and done.daemon and done.failure is None
