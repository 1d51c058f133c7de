"""GET /api/alerts serves the alerts that the trend rules stored (rasd.alerts)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from fastapi.testclient import TestClient

from rasd.alerts import evaluate, load_rules
from rasd.api.app import create_app

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from alerts_synth import store_with, weekly_events  # noqa: E402


def test_alerts_endpoint_lists_stored_alerts(tmp_path):
    steady = [int(v) for v in np.random.default_rng(3).poisson(8, 52)]
    repo = store_with(tmp_path, weekly_events(steady + [24, 24], "Anbar"))
    rules = [r for r in load_rules() if r.name == "admin1-weekly-surge"]
    raised = evaluate(repo, rules, history=True)
    assert raised
    client = TestClient(create_app(str(repo.path)))
    body = client.get("/api/alerts").json()
    assert [a["rule"] for a in body["alerts"]] == ["admin1-weekly-surge"] * len(raised)
    assert body["alerts"][0]["scope"]["admin1"] == "Anbar"
    assert client.get("/api/alerts?rule=nothing").json() == {"alerts": []}
    assert client.get("/api/alerts?limit=0").status_code == 422
    assert client.get("/api/alerts?since=not-a-date").status_code == 422
    assert client.get("/api/alerts?since=0").status_code == 422  # a number is not a day
