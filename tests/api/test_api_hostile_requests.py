"""Probes of issue 16: `q=%00` turned the text filter off (SQLite's LIKE stops at a NUL, so every event matched), the
Host header was not checked (DNS rebinding against a server on loopback), `rasd keys revoke <full key>` printed the
secret, and a JSON body with a lone surrogate broke hashing."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from rasd.api.app import create_app
from rasd.cli import cli
from rasd.store.query import like_pattern

pytest_plugins = ["api_fixtures"]


@pytest.mark.parametrize("query", ["q=%00", "q=%00x", "actor=%00", "country=a%00b", "admin1=%00"])
def test_a_nul_in_a_filter_matches_nothing_instead_of_everything(client, query: str) -> None:
    assert client.get("/api/events").json()["events"]  # the store has events
    r = client.get("/api/events?" + query)
    if r.status_code == 422:  # a name filter no store or KB name matches is refused with its did-you-mean
        assert query.split("=")[0] in ("actor", "country", "admin1") and "did_you_mean" in r.json()
        return
    assert r.status_code == 200, r.text
    assert r.json()["events"] == []


def test_like_pattern_keeps_a_nul_from_ending_the_pattern() -> None:
    assert "\x00" not in like_pattern("a\x00") and like_pattern("a\x00") != "%a%"


def test_the_host_header_must_name_this_server(store_path: str) -> None:
    app = create_app(store_path, allowed_hosts=["127.0.0.1", "localhost", "::1"])
    try:
        with TestClient(app, base_url="http://127.0.0.1:8000") as client:
            assert client.get("/api/health").status_code == 200
            assert client.get("/api/health", headers={"Host": "localhost:8000"}).status_code == 200
            assert client.get("/api/health", headers={"Host": "[::1]:8000"}).status_code == 200
            r = client.get("/api/events", headers={"Host": "evil.example:8000"})
            assert r.status_code == 400 and "Host" in r.json()["message"]
    finally:
        app.state.repo.close()


def test_serve_checks_the_host_header(monkeypatch: pytest.MonkeyPatch, store_path: str) -> None:
    import uvicorn

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app))
    result = CliRunner().invoke(cli, ["serve", "--db", store_path, "--allowed-host", "rasd.example", "--workers", "1"])
    assert result.exit_code == 0, result.output
    with TestClient(seen["app"], base_url="http://rasd.example") as client:
        assert client.get("/api/health").status_code == 200
        assert client.get("/api/health", headers={"Host": "attacker.example"}).status_code == 400
    seen["app"].state.repo.close()


def test_keys_revoke_never_prints_the_secret(store_path: str) -> None:
    runner = CliRunner()
    key = runner.invoke(cli, ["keys", "create", "--db", store_path, "--quiet"]).stdout.strip()
    secret = key.split("_", 2)[2]  # rasd_<id>_<secret>; the secret itself may hold "_"
    result = runner.invoke(cli, ["keys", "revoke", key, "--db", store_path])
    assert result.exit_code == 0, result.output
    assert secret not in result.output and secret not in (result.stderr or "")
    again = runner.invoke(cli, ["keys", "revoke", key, "--db", store_path])
    assert again.exit_code != 0 and secret not in again.output

