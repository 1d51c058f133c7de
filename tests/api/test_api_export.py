"""GET /api/export (the dashboard's export buttons): every matching event, in the layouts of `rasd export`."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from rasd.cli import cli

# The fixtures (store_path, app, client, api_key) come from api_fixtures.py, loaded as a plugin.
pytest_plugins = ["api_fixtures"]


def _cli_export(store_path: str, fmt: str, *filters: str) -> str:
    done = CliRunner().invoke(cli, ["export", "--db", store_path, "--format", fmt, "--out", "-", "-q", *filters])
    assert done.exit_code == 0, done.output
    return done.stdout


def test_dashboard_export_is_the_cli_export(client, store_path, monkeypatch):
    import rasd.api.export_routes as export_routes

    monkeypatch.setattr(export_routes, "PAGE", 2)  # several pages: the header once, every event once
    got = client.get("/api/export", params={"format": "acled-csv", "country": "Iraq"})
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    assert "attachment" in got.headers["content-disposition"]
    api_rows = list(csv.DictReader(io.StringIO(got.text)))
    cli_rows = list(csv.DictReader(io.StringIO(_cli_export(store_path, "acled-csv", "--country", "Iraq"))))
    assert len(api_rows) == len(cli_rows) == 4
    assert list(api_rows[0]) == list(cli_rows[0])  # one layout
    drop = ("timestamp",)
    assert [{k: v for k, v in r.items() if k not in drop} for r in api_rows] == \
        [{k: v for k, v in r.items() if k not in drop} for r in cli_rows]

    geo = client.get("/api/export", params={"format": "geojson"}).json()
    cli_geo = json.loads(_cli_export(store_path, "geojson"))
    assert geo == cli_geo and len(geo["features"]) == 5
    lines = client.get("/api/export", params={"format": "jsonl", "admin1": "Baghdad"}).text.splitlines()
    assert lines == _cli_export(store_path, "jsonl", "--admin1", "Baghdad").splitlines() and len(lines) == 2


def test_an_export_of_nothing_is_a_header_or_an_empty_collection(client):
    text = client.get("/api/export", params={"format": "acled-csv", "since": "2031-01-01"}).text
    assert text.count("\n") == 1 and text.startswith("event_id_cnty,")
    assert client.get("/api/export", params={"format": "geojson", "since": "2031-01-01"}).json()["features"] == []
    assert client.get("/api/export", params={"format": "xlsx"}).status_code == 422
