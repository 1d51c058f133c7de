"""`rasd keys create|list|revoke` and `rasd serve --help` (the server itself is exercised by the browser test)."""

from __future__ import annotations

import json

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
