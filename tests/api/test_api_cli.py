"""`rasd keys create|list|revoke` and `rasd serve --help` (the server itself is exercised by the browser test)."""

from __future__ import annotations

import json

import pytest

from rasd.cli import cli
from rasd.store.repository import Repository


def test_keys_create_list_revoke(runner, tmp_path):
    db = str(tmp_path / "k.db")
    created = runner.invoke(cli, ["keys", "create", "--db", db, "--name", "ingest bot", "--json"])
    assert created.exit_code == 0, created.output
    made = json.loads(created.stdout)
    assert made["key"].startswith(f"rasd_{made['key_id']}_") and made["name"] == "ingest bot" and made["active"]

    plain = runner.invoke(cli, ["keys", "create", "--db", db, "-q"])
    assert plain.exit_code == 0 and plain.stdout.startswith("rasd_") and len(plain.stdout.splitlines()) == 1

    listed = runner.invoke(cli, ["keys", "list", "--db", db, "--json"])
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [r["key_id"] for r in rows][0] == made["key_id"] and len(rows) == 2
    assert made["key"] not in listed.output

    revoked = runner.invoke(cli, ["keys", "revoke", made["key_id"], "--db", db])
    assert revoked.exit_code == 0
    again = runner.invoke(cli, ["keys", "revoke", made["key_id"], "--db", db])
    assert again.exit_code == 1 and "no active API key" in again.output

    from rasd.api.keys import verify_key

    with Repository(db) as repo:
        assert verify_key(repo, made["key"]) is None
        assert verify_key(repo, plain.stdout.strip()) is not None


def test_serve_help_names_the_options(runner):
    result = runner.invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--cors-origin"):
        assert option in result.output
    assert "127.0.0.1" in result.output


def test_serve_refuses_a_bad_port(runner):
    result = runner.invoke(cli, ["serve", "--port", "70000"])
    assert result.exit_code == 2


def test_serve_runs_one_worker_per_core_by_default(runner, tmp_path, monkeypatch):
    """Without --workers, `rasd serve` starts one process per core (each builds its app from the environment);
    --workers 1 serves the app in this process. The workers share answers through a folder that exists while
    they run and is removed after."""
    import os

    import uvicorn

    calls: list[tuple[object, dict]] = []
    shared: list[tuple[str, bool]] = []

    def run(app, **kw):
        calls.append((app, kw))
        side = os.environ.get("RASD_SHARED_CACHE", "")
        shared.append((side, bool(side) and os.path.exists(side)))

    monkeypatch.setattr(uvicorn, "run", run)
    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    for env in ("RASD_DB", "RASD_CORS_ORIGINS", "RASD_ALLOWED_HOSTS", "RASD_SHARED_CACHE"):
        monkeypatch.setenv(env, "")  # set by the multi-worker start; monkeypatch restores them
    db = str(tmp_path / "w.db")
    assert runner.invoke(cli, ["serve", "--db", db, "-q"]).exit_code == 0
    assert runner.invoke(cli, ["serve", "--db", db, "-q", "--workers", "1"]).exit_code == 0
    (app, kw), (single, single_kw) = calls
    assert app == "rasd.api.app:app_from_env" and kw["workers"] == 3 and kw["factory"]
    assert not isinstance(single, str) and "workers" not in single_kw
    assert shared[0][1] and not os.path.exists(shared[0][0])  # there while the workers ran, removed after
    single.state.repo.close()


@pytest.mark.server
def test_serve_answers_on_loopback(tmp_path):
    """`rasd serve` in its own process: health, an events page and the dashboard on 127.0.0.1, then a clean stop."""
    import socket
    import subprocess
    import sys
    import time
    from pathlib import Path

    import httpx

    db = str(tmp_path / "s.db")
    Repository(db).close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen([sys.executable, "-m", "rasd", "serve", "--db", db, "--port", str(port), "-q",
                             "--log-level", "warning"], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.skip(f"rasd serve could not start here: {proc.stderr.read().decode()[-300:]}")
            try:
                health = httpx.get(f"{base}/api/health", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    pytest.skip("rasd serve did not answer on 127.0.0.1 within 60 s")
                time.sleep(0.3)
        assert health.json()["status"] == "ok"
        assert httpx.get(f"{base}/api/events").json() == {"total": 0, "limit": 100, "offset": 0, "next_offset": None,
                                                          "events": []}
        assert "rasd" in httpx.get(f"{base}/").text
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert proc.returncode in (0, -15)
