"""`rasd keys create|list|revoke` and `rasd serve --help` (the server itself is exercised by the browser test)."""

from __future__ import annotations

import json
import shutil

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


@pytest.mark.parametrize("reuse_port", [True, False])
def test_serve_runs_one_worker_per_core_by_default(runner, tmp_path, monkeypatch, reuse_port):
    """Without --workers, `rasd serve` starts one process per core (each builds its app from the environment):
    its own workers, each on its own socket of the port, where the kernel spreads connections over such sockets
    (rasd.api.workers), else uvicorn's; --workers 1 serves the app in this process. The workers share answers
    through a folder that exists while they run and is removed after."""
    import os

    import uvicorn

    from rasd.api import workers as workers_module

    calls: list[tuple[object, dict]] = []
    shared: list[tuple[str, bool]] = []

    def run(app, *args, **kw):
        calls.append((app, {**kw, "args": args}))
        side = os.environ.get("RASD_SHARED_CACHE", "")
        shared.append((side, bool(side) and os.path.exists(side)))

    monkeypatch.setattr(uvicorn, "run", run)
    monkeypatch.setattr(workers_module, "serve_workers", run)
    monkeypatch.setattr(workers_module, "available", lambda: reuse_port)
    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    for env in ("RASD_DB", "RASD_CORS_ORIGINS", "RASD_ALLOWED_HOSTS", "RASD_SHARED_CACHE"):
        monkeypatch.setenv(env, "")  # set by the multi-worker start; monkeypatch restores them
    db = str(tmp_path / "w.db")
    assert runner.invoke(cli, ["serve", "--db", db, "-q"]).exit_code == 0
    assert runner.invoke(cli, ["serve", "--db", db, "-q", "--workers", "1"]).exit_code == 0
    (app, kw), (single, single_kw) = calls
    assert app == "rasd.api.app:app_from_env"
    assert (kw["args"][0] == 3) if reuse_port else (kw["workers"] == 3 and kw["factory"])
    assert not isinstance(single, str) and "workers" not in single_kw
    assert shared[0][1] and not os.path.exists(shared[0][0])  # there while the workers ran, removed after
    single.state.repo.close()


@pytest.mark.server
@pytest.mark.skipif(not __import__("rasd.api.workers").api.workers.available() or not shutil.which("ss"),
                    reason="SO_REUSEPORT spreads connections on Linux only; `ss` lists them")
def test_workers_on_their_own_sockets_share_the_connections(tmp_path):
    """Forty connections opened at once to two workers: each worker gets a share (the kernel's hash of the
    addresses: either below 8 of 40 one time in 24,000), every one is answered, and the server stops cleanly."""
    import collections
    import socket
    import subprocess
    import sys
    import time

    import httpx

    db = str(tmp_path / "w.db")
    Repository(db).close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "rasd", "serve", "--db", db, "--port", str(port), "-q",
                             "--workers", "2", "--log-level", "warning"])
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline and proc.poll() is None, "server did not come up"
            time.sleep(0.3)
        listening = 0
        while listening < 2:  # both workers' sockets (each worker listens once its app is built)
            assert time.monotonic() < deadline, "the second worker did not come up"
            listing = subprocess.run(["ss", "-tlnH"], capture_output=True, text=True).stdout
            listening = sum(1 for line in listing.splitlines() if line.split()[3].endswith(f":{port}"))
            time.sleep(0.2)
        conns = [socket.create_connection(("127.0.0.1", port)) for _ in range(40)]
        for c in conns:
            c.sendall(f"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        assert all(c.recv(64).startswith(b"HTTP/1.1 200") for c in conns)
        listing = subprocess.run(["ss", "-tnpH"], capture_output=True, text=True).stdout
        by_worker = collections.Counter(line.split("pid=")[1].split(",")[0] for line in listing.splitlines()
                                        if line.split()[3].endswith(f":{port}") and "pid=" in line)
        for c in conns:
            c.close()
        assert len(by_worker) == 2 and min(by_worker.values()) >= 8, by_worker
    finally:
        proc.terminate()
        assert proc.wait(timeout=30) == 0


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
