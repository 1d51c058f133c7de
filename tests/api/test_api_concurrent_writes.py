"""Probe of issue 16: API writes failed under any concurrent write (HTTP 500 "database is locked" for 80% of
`POST /api/articles` during a `rasd run`): the key check read the key and then wrote `last_used_at` in a
transaction that had not taken SQLite's write lock, so it failed at once instead of waiting. Now four API clients
posting while `rasd run` writes get no 500, and a store busy past its timeout is a 503 with a Retry-After."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import httpx
import pytest
from api_liveserver import live_server

from rasd.api.app import create_app
from rasd.api.keys import create_key, revoke_key
from rasd.store import repository
from rasd.store.repository import Repository

SAMPLE = Path(repository.__file__).resolve().parents[1] / "samples" / "sample.jsonl"
TEXT = "قتل {n} مدنيين في قصف على بلدة في ريف حلب الشمالي يوم الخميس، وفق مصادر محلية. رقم {n} من {c}."


def test_four_api_clients_posting_during_a_run_get_no_500(tmp_path: Path) -> None:
    db = str(tmp_path / "busy.db")
    with Repository(db) as repo:
        key, _ = create_key(repo, "load")
    articles = tmp_path / "run.jsonl"
    articles.write_text("\n".join(SAMPLE.read_text(encoding="utf-8").splitlines()[:6]) + "\n", encoding="utf-8")
    statuses: Counter[int] = Counter()
    app = create_app(db, aggregates_ttl=0)
    try:
        with live_server(app) as base:
            run = subprocess.Popen([sys.executable, "-m", "rasd", "run", str(articles), "--db", db, "--quiet"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

            def client(c: int) -> None:
                with httpx.Client(base_url=base, timeout=120) as http:
                    for n in range(3):
                        r = http.post("/api/articles", headers={"X-API-Key": key},
                                      json={"text": TEXT.format(n=n + 2, c=c), "published": "2015-07-21"})
                        statuses[r.status_code] += 1

            threads = [threading.Thread(target=client, args=(c,)) for c in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            _, err = run.communicate(timeout=300)
            assert run.returncode == 0, err.decode()
    finally:
        app.state.repo.close()
    assert statuses[500] == 0 and statuses[503] == 0, statuses
    assert statuses[201] == 12, statuses
    with Repository(db) as repo:
        assert repo.counts()["articles"] == 6 + 12


def test_a_store_locked_past_its_timeout_is_a_503_with_retry_after(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    monkeypatch.setattr(repository, "BUSY_TIMEOUT_MS", 200)
    db = str(tmp_path / "locked.db")
    app = create_app(db)
    key, _ = create_key(app.state.repo, "t")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        with TestClient(app) as client:
            r = client.post("/api/articles", headers={"X-API-Key": key},
                            json={"text": TEXT.format(n=3, c=0), "published": "2015-07-21"})
        assert r.status_code == 503, r.text
        assert r.headers["retry-after"].isdigit()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        app.state.repo.close()


def test_key_revocation_waits_for_a_writer_instead_of_failing(tmp_path: Path) -> None:
    db = str(tmp_path / "keys.db")
    with Repository(db) as repo:
        _, info = create_key(repo, "t")
        holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")
        threading.Timer(0.5, lambda: holder.execute("COMMIT")).start()
        assert revoke_key(repo, info.key_id)  # waits the half second, then revokes
        holder.close()
