"""kill -9 in the middle of a parallel `rasd run` (of the client with its workers, or of one worker), then a rerun:
every article is stored exactly once and SQLite's integrity check is clean."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]

# The real `rasd run`, with write batches of 4 articles and a slowed pipeline so that a kill lands mid-run.
DRIVER = '''
import sys, time
import rasd.pipeline
from rasd.engine.runner import run_pipeline

real = rasd.pipeline.process

def slow_process(article, kb=None):
    time.sleep(0.05)
    return real(article, kb=kb)

rasd.pipeline.process = slow_process
run_pipeline.__kwdefaults__.update(partition=2, write_every=4)
from rasd.cli import main
main(sys.argv[1:])
'''


def _start(db: Path, inputs: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", DRIVER, "run", str(inputs), "--db", str(db), "--workers", "2",
                             "-q"], cwd=ROOT, start_new_session=True, stderr=subprocess.PIPE, text=True)


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=30) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def _wait_for_some(db: Path, proc: subprocess.Popen) -> int:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        n = _stored(db)
        if n:
            return n
        time.sleep(0.05)
    raise AssertionError(f"nothing stored before the kill: {proc.poll()=}")


def _check_exactly_once(db: Path, n_articles: int) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*), count(DISTINCT article_id) FROM articles").fetchone() == \
            (n_articles, n_articles)
        assert conn.execute("SELECT count(*) FROM articles_fts_ids").fetchone()[0] == n_articles
        # every report belongs to a stored event, and no article reported one event twice
        assert conn.execute("SELECT count(*) FROM reports r LEFT JOIN events e USING (event_id) "
                            "WHERE e.event_id IS NULL").fetchone()[0] == 0
        assert conn.execute("SELECT sum(n_reports) FROM events").fetchone()[0] == \
            conn.execute("SELECT count(*) FROM reports").fetchone()[0]


def _workers(proc: subprocess.Popen) -> tuple[list[psutil.Process], list[psutil.Process]]:
    """The run's worker processes, and every process it started: the workers, and where the workers are forked
    from a fork server (rasd.engine.zygote) the server and multiprocessing's resource tracker, which have no part in
    extraction but must end with the run too."""
    started = psutil.Process(proc.pid).children(recursive=True)
    workers = [p for p in started if not p.children() and "resource_tracker" not in " ".join(p.cmdline())]
    return workers, started


def _rerun_completes(db: Path, inputs: Path) -> None:
    rerun = _start(db, inputs)
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    _check_exactly_once(db, 40)


def test_kill_9_of_the_client_ends_its_workers_and_a_rerun_stores_every_article_once(tmp_path, few_articles):
    db = tmp_path / "k.db"
    proc = _start(db, few_articles)
    stored = _wait_for_some(db, proc)
    workers, started = _workers(proc)
    assert len(workers) == 2
    proc.send_signal(signal.SIGKILL)  # the client alone: its workers (and their server) must not linger
    proc.communicate(timeout=30)  # returns once no process holds the client's stderr open
    _gone, alive = psutil.wait_procs(started, timeout=30)
    assert alive == []
    assert 0 < stored <= _stored(db) < 40  # killed mid-run
    _rerun_completes(db, few_articles)


def test_kill_9_of_one_worker_stops_the_run_with_a_message_and_a_rerun_stores_every_article_once(
        tmp_path, few_articles):
    db = tmp_path / "w.db"
    proc = _start(db, few_articles)
    _wait_for_some(db, proc)
    workers, _ = _workers(proc)
    workers[0].kill()
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1 and "workers failed" in err and "rerun to finish" in err, err
    assert _stored(db) < 40
    _rerun_completes(db, few_articles)
