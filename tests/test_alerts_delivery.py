"""Alerts delivered: stored once, listed (CLI, JSON, list_alerts for the API), POSTed to a webhook, charted."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import numpy as np
import pytest
from alerts_synth import store_with, weekly_events

from rasd.alerts import evaluate_after_run, list_alerts
from rasd.cli import cli
from rasd.errors import InputError
from rasd.trends.delivery import DeliveryError, post_webhook
from rasd.trends.rules import load_rules

SURGE = [int(v) for v in np.random.default_rng(11).poisson(6, 20)] + [25]


@pytest.fixture
def surge_db(tmp_path):
    repo = store_with(tmp_path, weekly_events(SURGE, "Anbar"), weekly_events([6] * 21, "Basra"))
    repo.close()
    return tmp_path / "trends.db"


class _Hook(BaseHTTPRequestHandler):
    received: list = []
    status = 200

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((self.headers["Content-Type"], json.loads(body)))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def hook():
    try:
        server = HTTPServer(("127.0.0.1", 0), _Hook)
    except OSError as exc:
        pytest.skip(f"cannot listen on 127.0.0.1: {exc}")
    _Hook.received, _Hook.status = [], 200
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook", _Hook
    server.shutdown()
    server.server_close()


def test_after_run_raises_once_and_lists_for_the_api(surge_db) -> None:
    from rasd.store.repository import Repository

    with Repository(str(surge_db)) as repo:
        new = evaluate_after_run(repo)
        assert {(a.rule, a.scope.get("admin1") or a.scope.get("actor") or a.scope.get("country")) for a in new} >= {
            ("admin1-weekly-surge", "Anbar")}
        assert all(a.scope.get("admin1") != "Basra" for a in new)
        assert evaluate_after_run(repo) == []  # the next run's evaluation raises nothing again
        listed = list_alerts(repo.engine, limit=100)
        assert len(listed) == len(new) and listed[0]["raised_at"] and listed[0]["delivered_at"] is None
        anbar = next(a for a in listed if a["rule"] == "admin1-weekly-surge")
        assert anbar["value"] == 25 and anbar["n_events"] == 25 and len(anbar["events"]) == 25
        assert anbar["events"][0]["evidence"] == {"event_type": "هجوم", "location": "الأنبار"}
        assert len(list_alerts(repo, limit=1)) == 1


def test_bad_rules_file_does_not_break_a_run(surge_db, tmp_path, caplog) -> None:
    from rasd.store.repository import Repository

    bad = tmp_path / "rules.yaml"
    bad.write_text("rules:\n  - name: x\n    metric: deaths\n", encoding="utf-8")
    with Repository(str(surge_db)) as repo:
        assert evaluate_after_run(repo, rules_path=bad) == []
    assert "metric" in caplog.text


@pytest.mark.server
def test_webhook_receives_new_alerts(surge_db, hook) -> None:
    from rasd.store.repository import Repository

    url, handler = hook
    with Repository(str(surge_db)) as repo:
        new = evaluate_after_run(repo, webhook=url)
        assert new
        ((ctype, body),) = handler.received
        assert ctype.startswith("application/json") and body["source"] == "rasd"
        assert {a["alert_id"] for a in body["alerts"]} == {a.alert_id for a in new}
        assert all(a["delivered_at"] for a in list_alerts(repo))


@pytest.mark.server
def test_webhook_failure_is_reported(hook) -> None:
    url, handler = hook
    handler.status = 500
    with pytest.raises(DeliveryError, match="HTTP 500"):
        post_webhook(url, [{"x": 1}])
    with pytest.raises(InputError):
        post_webhook("file:///etc/passwd", [])


def test_cli_alerts_table_jsonl_and_dry_run(surge_db, runner) -> None:
    dry = runner.invoke(cli, ["alerts", "--db", str(surge_db), "--dry-run", "--format", "jsonl"])
    assert dry.exit_code == 0, dry.output
    found = [json.loads(line) for line in dry.stdout.splitlines()]
    assert any(a["scope"] == {"admin1": "Anbar"} for a in found)
    first = runner.invoke(cli, ["alerts", "--db", str(surge_db), "--new-only", "--format", "jsonl"])
    assert len(first.stdout.splitlines()) == len(found)
    again = runner.invoke(cli, ["alerts", "--db", str(surge_db), "--new-only", "--format", "jsonl"])
    assert again.exit_code == 0 and again.stdout.strip() == ""
    table = runner.invoke(cli, ["alerts", "--db", str(surge_db)])
    assert table.exit_code == 0 and "admin1-weekly-surge" in table.stdout and "Anbar" in table.stdout
    missing = runner.invoke(cli, ["alerts", "--db", str(surge_db.parent / "none.db")])
    assert missing.exit_code == 1 and "no store" in missing.stderr


def test_cli_trends_table_and_plot(surge_db, runner, tmp_path) -> None:
    out = tmp_path / "chart.png"
    result = runner.invoke(cli, ["trends", "--db", str(surge_db), "--by", "week", "--admin1", "Anbar",
                                 "--actor", "ISIS", "--format", "jsonl", "--plot", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["events"] for r in rows] == SURGE
    assert [r["alert"] for r in rows].index(True) == len(SURGE) - 1
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 10_000
    grouped = runner.invoke(cli, ["trends", "--db", str(surge_db), "--group-by", "admin1", "--format", "csv"])
    assert grouped.stdout.splitlines()[0].startswith("admin1,period,days_watched,observed,coverage,events,fatalities")


def test_rules_validation(tmp_path) -> None:
    assert {r.name for r in load_rules()} >= {"admin1-weekly-surge", "admin1-yearly-surge"}
    cases = {"rules: []\n": "non-empty", "rules:\n  - by: admin1\n": "name",
             "rules:\n  - name: a\n    window: month\n": "window",
             "rules:\n  - name: a\n    alpha: 2\n": "alpha", "rules:\n  - name: a\n    colour: red\n": "unknown",
             "rules:\n  - name: a\n  - name: a\n": "unique", "rules: [\n": "cannot read"}
    for text, message in cases.items():
        path = tmp_path / "r.yaml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InputError, match=message):
            load_rules(path)


def test_rules_from_environment_and_empty_store(surge_db, tmp_path, monkeypatch, runner) -> None:
    from rasd.store.repository import Repository

    rules = tmp_path / "only-basra.yaml"
    rules.write_text("rules:\n  - name: basra-threshold\n    admin1: Basra\n    by: admin1\n    min_count: 6\n"
                     "    level: null\n    alpha: null\n    cooldown: 0\n    lookback: 1\n", encoding="utf-8")
    monkeypatch.setenv("RASD_ALERT_RULES", str(rules))
    with Repository(str(surge_db)) as repo:
        (only,) = evaluate_after_run(repo)
        assert only.rule == "basra-threshold" and only.scope == {"admin1": "Basra"} and only.value == 6
    history = runner.invoke(cli, ["alerts", "--db", str(surge_db), "--history", "--new-only", "--format", "json"])
    assert history.exit_code == 0, history.output
    assert len(json.loads(history.stdout)) == 20  # the other 20 weeks of Basra, each at the threshold
    empty = tmp_path / "empty.db"
    Repository(str(empty)).close()
    result = runner.invoke(cli, ["alerts", "--db", str(empty), "--format", "jsonl"])
    assert result.exit_code == 0 and result.stdout == ""
    trends = runner.invoke(cli, ["trends", "--db", str(empty), "--plot", str(tmp_path / "x.png")])
    assert trends.exit_code == 1 and "nothing to plot" in trends.stderr
