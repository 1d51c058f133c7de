"""The read endpoints: events (filters, paging, GeoJSON, CSV), one event, articles, stats, health; errors and limits."""

from __future__ import annotations

import csv
import io
import json

import pytest

from rasd.api.queries import week_start
from rasd.api.routes import MAX_PAGE_SIZE
from rasd.export import RENDERERS

# The fixtures (store_path, app, client, api_key) come from api_fixtures.py, loaded as a plugin.
pytest_plugins = ["api_fixtures"]
# Starlette's TestClient prefers another HTTP client package; httpx is the one rasd pins.
pytestmark = pytest.mark.filterwarnings("ignore:.*httpx2.*")


def ids(response) -> list[str]:
    return [ev["event_id"] for ev in response.json()["events"]]


def test_health(client):
    body = client.get("/api/health").json()
    assert body == {"status": "ok", "version": body["version"], "database": "sqlite"}


def test_events_newest_first_with_undated_last(client):
    r = client.get("/api/events")
    assert r.status_code == 200
    assert ids(r) == ["ev-baghdad", "ev-xss", "ev-anbar", "ev-aleppo", "ev-undated"]
    assert r.json()["total"] == 5 and r.json()["next_offset"] is None


def test_events_filters_match_the_cli_semantics(client):
    assert ids(client.get("/api/events", params={"admin1": "anbar"})) == ["ev-anbar"]
    assert set(ids(client.get("/api/events", params={"country": "irq"}))) == {
        "ev-baghdad", "ev-xss", "ev-anbar", "ev-undated"}
    assert ids(client.get("/api/events", params={"country": "Syria"})) == ["ev-aleppo"]
    assert ids(client.get("/api/events", params={"actor": "islamic"})) == ["ev-anbar"]
    assert ids(client.get("/api/events", params={"type": "air/drone strike"})) == ["ev-aleppo"]
    assert ids(client.get("/api/events", params={"type": "Explosions/Remote violence"})) == ["ev-baghdad", "ev-aleppo"]
    assert ids(client.get("/api/events", params={"since": "2020-01-12", "until": "2020-01-20"})) == [
        "ev-xss", "ev-anbar"]
    assert ids(client.get("/api/events", params={"q": "rutbah"})) == ["ev-anbar"]
    assert ids(client.get("/api/events", params={"q": "IED"})) == ["ev-baghdad"]
    # LIKE wildcards in a filter are literal characters, not patterns
    assert ids(client.get("/api/events", params={"admin1": "%"})) == []


def test_pagination_walks_every_event_once(client):
    seen, offset = [], 0
    while offset is not None:
        page = client.get("/api/events", params={"limit": 2, "offset": offset}).json()
        assert page["total"] == 5 and len(page["events"]) <= 2
        seen += [ev["event_id"] for ev in page["events"]]
        offset = page["next_offset"]
    assert seen == ids(client.get("/api/events"))


def test_page_size_is_limited(client):
    r = client.get("/api/events", params={"limit": MAX_PAGE_SIZE + 1})
    assert r.status_code == 422
    assert r.json()["error"] == "invalid_request" and "limit" in r.json()["message"]
    assert client.get("/api/events", params={"limit": MAX_PAGE_SIZE}).status_code == 200


def test_bad_filters_are_json_errors(client):
    r = client.get("/api/events", params={"since": "yesterday"})
    assert r.status_code == 422 and "since" in r.json()["message"]
    r = client.get("/api/events", params={"until": "0"})  # not read as a Unix timestamp
    assert r.status_code == 422 and "YYYY-MM-DD" in r.json()["message"]
    r = client.get("/api/events", params={"since": "2020-02-30"})
    assert r.status_code == 422
    r = client.get("/api/events", params={"since": "2020-02-01", "until": "2020-01-01"})  # an empty range
    assert r.status_code == 200 and r.json()["total"] == 0
    r = client.get("/api/events", params={"format": "xml"})
    assert r.status_code == 422


def test_geojson_output(client):
    r = client.get("/api/events", params={"format": "geojson", "country": "Iraq"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/geo+json")
    fc = r.json()
    assert fc["type"] == "FeatureCollection" and fc["total"] == 4
    by_id = {f["id"]: f for f in fc["features"]}
    assert by_id["ev-anbar"]["geometry"] == {"type": "Point", "coordinates": [40.28, 33.04]}
    assert by_id["ev-undated"]["geometry"] is None
    # The layout of `rasd export --format geojson`: flat properties, the evidence map as JSON text.
    assert json.loads(by_id["ev-anbar"]["properties"]["evidence"])["location"]["text"] == "الرطبة"
    assert fc["next_offset"] is None and by_id["ev-anbar"]["properties"]["sources"] == "okaz"


def test_csv_output(client):
    r = client.get("/api/events", params={"format": "csv", "admin1": "Baghdad"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["event_id"] for row in rows] == ["ev-baghdad", "ev-undated"]
    assert rows[0]["weapon"] == "IED"


def test_one_event_with_reports(client):
    body = client.get("/api/events/ev-anbar").json()
    assert body["event"]["event_id"] == "ev-anbar"
    assert body["event"]["evidence"]["fatalities"]["text"] == "مقتل جنديين"
    (report,) = body["reports"]
    assert report["url"] == "https://example.org/anbar" and report["outlet"] == "okaz"
    assert report["article_id"] == body["event"]["article_ids"][0]


def test_evidence_offsets_point_into_the_article_text(client):
    event = client.get("/api/events/ev-anbar").json()["event"]
    article = client.get(f"/api/articles/{event['article_ids'][0]}").json()
    for field, span in event["evidence"].items():
        assert article["text"][span["start"]:span["end"]] == span["text"], field
    assert article["event_ids"] == ["ev-anbar"] and article["language"] == "ar"


def test_unknown_ids_are_404_json(client):
    for path in ("/api/events/nope", "/api/articles/nope"):
        r = client.get(path)
        assert r.status_code == 404
        assert r.json()["error"] == "not_found" and "nope" in r.json()["message"]
    r = client.get("/api/no-such-endpoint")
    assert r.status_code == 404 and r.json()["error"] == "not_found"


def test_stats_aggregates(client):
    s = client.get("/api/stats").json()
    assert s["events"] == 5 and s["fatalities"] == 7 and s["undated_events"] == 1
    assert s["first_event_date"] == "2019-12-30" and s["last_event_date"] == "2020-01-23"
    weeks = {w["week"]: w["events"] for w in s["by_week"]}
    assert weeks == {"2019-12-28": 1, "2020-01-11": 1, "2020-01-18": 2}  # ACLED's weeks: Saturday to Friday
    assert s["no_coverage_weeks"] == ["2020-01-04"]  # no article published, no event: not a quiet week
    assert s["counted"] == {"modality": ["occurred"], "include_background": False, "include_rejected": False,
                            "left_out": 0, "note": "occurred events, background mentions left out, events marked "
                                                   "wrong in review left out"}
    assert {"country": "Iraq", "admin1": "Baghdad", "events": 2} in s["by_admin1"]
    assert s["by_type"][0] == {"event_type": "Battles", "events": 2}
    assert {"actor": "Civilians (Iraq)", "events": 1} in s["by_actor"]
    only_syria = client.get("/api/stats", params={"country": "SYR"}).json()
    assert only_syria["events"] == 1 and only_syria["by_week"] == [{"week": "2019-12-28", "events": 1,
                                                                     "fatalities": 3}]


def test_week_start_is_saturday():
    from datetime import date

    assert week_start(date(2020, 1, 12)).isoformat() == "2020-01-11"  # a Sunday
    assert week_start(date(2020, 1, 11)).isoformat() == "2020-01-11"
    assert week_start(date(2020, 1, 10)).isoformat() == "2020-01-04"  # a Friday ends the week


def test_openapi_documents_every_endpoint(client):
    spec = client.get("/api/openapi.json").json()
    paths = spec["paths"]
    for path in ("/api/events", "/api/events/{event_id}", "/api/articles/{article_id}", "/api/stats",
                 "/api/health", "/api/articles"):
        assert path in paths
    assert "post" in paths["/api/articles"] and spec["components"]["securitySchemes"]["APIKeyHeader"]["in"] == "header"
    assert paths["/api/events"]["get"]["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "ErrorOut")


def test_dashboard_and_local_assets_are_served(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for asset in ("/static/leaflet/leaflet.js", "/static/leaflet/leaflet.css", "/static/web/main.js",
                  "/static/markercluster/leaflet.markercluster.js", "/static/kb/admin1_iraq.geojson"):
        r = client.get(asset)
        assert r.status_code == 200, asset
    assert "http://" not in page.text and "https://" not in page.text  # nothing loaded from outside
    assert len(client.get("/static/kb/admin1_iraq.geojson").json()["features"]) == 18


def test_security_headers_and_no_cors_by_default(client):
    r = client.get("/api/events", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    pre = client.options("/api/articles", headers={"Origin": "https://evil.example",
                                                    "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in pre.headers


def test_cors_when_origins_are_given(store_path):
    from fastapi.testclient import TestClient

    from rasd.api.app import create_app

    app = create_app(store_path, cors_origins=["https://dash.example"])
    with TestClient(app) as c:
        ok = c.get("/api/health", headers={"Origin": "https://dash.example"})
        other = c.get("/api/health", headers={"Origin": "https://evil.example"})
    app.state.repo.close()
    assert ok.headers["access-control-allow-origin"] == "https://dash.example"
    assert "access-control-allow-origin" not in other.headers


def test_exports_have_one_layout_whoever_asks(client, store_path):
    """GET /api/export writes what `rasd export` writes, and the CLI's `rasd events --format csv` the same CSV."""
    from click.testing import CliRunner

    from rasd.cli import cli

    runner = CliRunner()
    for fmt in ("csv", "acled-csv", "geojson", "jsonl"):  # (acled-csv's `timestamp`: when each event last changed)
        r = client.get("/api/export", params={"format": fmt})
        assert r.status_code == 200 and r.headers["content-type"].startswith(RENDERERS[fmt].media_type.split(";")[0])
        cli_out = runner.invoke(cli, ["export", "--db", store_path, "--format", fmt, "--out", "-"]).stdout
        assert r.text == cli_out
    assert runner.invoke(cli, ["events", "--db", store_path, "--format", "csv"]).stdout == client.get(
        "/api/export", params={"format": "csv"}).text
    exported = [json.loads(line) for line in client.get("/api/export", params={"format": "jsonl"}).text.splitlines()]
    page = client.get("/api/events", params={"limit": 1000}).json()["events"]
    assert sorted(exported, key=lambda e: e["event_id"]) == sorted(page, key=lambda e: e["event_id"])
    acled = list(csv.DictReader(io.StringIO(client.get("/api/export", params={"format": "acled-csv"}).text)))
    assert acled and all(row["actor1"] for row in acled) and "background" in acled[0]
    assert client.get("/api/events", params={"format": "acled-csv", "limit": 1000}).text == \
        client.get("/api/export", params={"format": "acled-csv"}).text
    baghdad = client.get("/api/export", params={"format": "csv", "admin1": "Baghdad"}).text
    assert [row["event_id"] for row in csv.DictReader(io.StringIO(baghdad))] == ["ev-baghdad", "ev-undated"]
    assert client.get("/api/export", params={"format": "parquet"}).content[:4] == b"PAR1"
    assert client.get("/api/export", params={"format": "xml"}).status_code == 422


def test_counts_leave_out_what_did_not_happen(client, store_path):
    from sqlalchemy import text

    from rasd.store.repository import Repository

    with Repository(store_path) as repo:  # the Baghdad bombing was only threatened, the Anbar clash is background
        with repo.engine.begin() as conn:
            conn.execute(text("update events set modality = 'threatened' where event_id = 'ev-baghdad'"))
            conn.execute(text("update events set background = 1 where event_id = 'ev-anbar'"))
    s = client.get("/api/stats").json()
    assert s["events"] == 3 and s["counted"]["left_out"] == 2
    assert client.get("/api/events").json()["total"] == 3
    everything = client.get("/api/stats", params={"include_background": "true", "modality": "all"}).json()
    assert everything["events"] == 5 and everything["counted"]["left_out"] == 0
    assert client.get("/api/stats", params={"modality": "occurred,threatened"}).json()["events"] == 4
    assert client.get("/api/stats", params={"modality": "rumoured"}).status_code == 422
