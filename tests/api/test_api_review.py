"""Review in place over the API (needs a key; who = the key's name) and the CLI (`rasd review`)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from rasd.cli import cli

# The fixtures (store_path, app, client, api_key) come from api_fixtures.py, loaded as a plugin.
pytest_plugins = ["api_fixtures"]


def test_review_needs_a_valid_key(client):
    assert client.post("/api/events/ev-anbar/review", json={"verdict": "verified"}).status_code == 401
    bad = client.post("/api/events/ev-anbar/review", json={"verdict": "verified"}, headers={"X-API-Key": "nope"})
    assert bad.status_code == 403
    assert client.get("/api/events/ev-anbar/reviews").json()["review"] is None


def test_mark_and_correct_over_the_api(client, api_key):
    headers = {"X-API-Key": api_key}
    before = client.get("/api/stats").json()["fatalities"]
    got = client.post("/api/events/ev-anbar/review", headers=headers,
                      json={"corrections": {"fatalities": 5}, "note": "two more died", "reviewer": "Huda"})
    assert got.status_code == 200, got.text
    body = got.json()
    assert body["review"]["status"] == "corrected" and body["review"]["corrections"] == {"fatalities": 5}
    assert body["review"]["by"] == "Huda (via tests)"
    assert body["acts"][0]["old_value"] == 2 and body["acts"][0]["new_value"] == 5
    page = client.get("/api/events", params={"admin1": "Anbar"}).json()
    (ev,) = page["events"]
    assert ev["fatalities"] == 5 and ev["review"]["status"] == "corrected"  # pages carry the review
    assert client.get("/api/stats").json()["fatalities"] == before + 3  # 2 -> 5: totals follow the correction
    client.post("/api/events/ev-anbar/review", headers=headers, json={"verdict": "verified"})
    assert client.get("/api/events/ev-anbar/reviews").json()["review"]["status"] == "verified"


def test_bad_reviews_are_422_or_404(client, api_key):
    headers = {"X-API-Key": api_key}
    for body in ({}, {"verdict": "great"}, {"corrections": {"event_id": "x"}}, {"corrections": {"fatalities": "a"}},
                 {"verdict": "verified", "extra": 1}):
        assert client.post("/api/events/ev-anbar/review", headers=headers, json=body).status_code == 422, body
    assert client.post("/api/events/nope/review", headers=headers, json={"verdict": "wrong"}).status_code == 404
    assert client.get("/api/events/nope/reviews").status_code == 404
    assert client.get("/api/events/ev-anbar/reviews").json()["acts"] == []


def test_rasd_review_cli(store_path, tmp_path):
    runner = CliRunner()
    done = runner.invoke(cli, ["review", "ev-baghdad", "--db", store_path, "--wrong", "--note", "a drill",
                               "--by", "Omar", "--json", "-q"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["status"] == "wrong"
    done = runner.invoke(cli, ["review", "ev-baghdad", "--db", store_path, "--set", "injured=6", "--set",
                               "location=Karrada", "--by", "Omar", "-q"])
    assert done.exit_code == 0, done.output
    shown = runner.invoke(cli, ["review", "ev-baghdad", "--db", store_path, "--json", "-q"])
    acts = json.loads(shown.stdout)
    assert [(a["action"], a["field"], a["reviewer"]) for a in acts] == [
        ("wrong", None, "Omar"), ("corrected", "injured", "Omar"), ("corrected", "location", "Omar")]
    listed = runner.invoke(cli, ["events", "--db", store_path, "--format", "jsonl", "-q", "--admin1", "Baghdad",
                                 "--include-rejected"])  # marked wrong: listed only when asked for
    karrada = [json.loads(line) for line in listed.stdout.splitlines() if '"ev-baghdad"' in line]
    assert karrada and karrada[0]["injured"] == 6 and karrada[0]["location"] == "Karrada"
    exported = runner.invoke(cli, ["export", "--db", store_path, "--format", "acled-csv", "--out", "-", "-q",
                                   "--include-rejected"])
    header, *rows = exported.stdout.splitlines()
    assert "review_status" in header.split(",")
    assert any("ev-baghdad" in r and ",wrong,Omar," in r for r in rows)
    bad = runner.invoke(cli, ["review", "ev-baghdad", "--db", store_path, "--set", "fatalities"])
    assert bad.exit_code == 2
    missing = runner.invoke(cli, ["review", "nope", "--db", store_path, "--verified", "-q"])
    assert missing.exit_code != 0 and "no event" in missing.output
    gold = runner.invoke(cli, ["review", "--db", store_path, "--gold", str(tmp_path / "gold"), "-q"])
    assert gold.exit_code == 0, gold.output
    (line,) = (tmp_path / "gold" / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["events"] == []  # its only event was marked wrong


def test_events_marked_wrong_leave_the_default_counts_and_lists(client, api_key, store_path):
    """A "wrong" verdict takes the event out of the API's pages and stats and the CLI's events, stats and exports,
    as background mentions are; include_rejected / --include-rejected bring it back."""
    headers = {"X-API-Key": api_key}
    ids = {ev["event_id"] for ev in client.get("/api/events").json()["events"]}
    events = client.get("/api/stats").json()["events"]
    assert "ev-baghdad" in ids
    assert client.post("/api/events/ev-baghdad/review", headers=headers, json={"verdict": "wrong"}).status_code == 200
    page = client.get("/api/events").json()
    assert "ev-baghdad" not in {ev["event_id"] for ev in page["events"]} and page["total"] == len(ids) - 1
    stats = client.get("/api/stats").json()
    assert stats["events"] == events - 1 and stats["counted"]["left_out"] >= 1
    assert "marked wrong" in stats["counted"]["note"] and stats["counted"]["include_rejected"] is False
    wide = client.get("/api/events", params={"include_rejected": "true"}).json()
    assert "ev-baghdad" in {ev["event_id"] for ev in wide["events"]}
    assert client.get("/api/stats", params={"include_rejected": "true"}).json()["events"] == events
    runner = CliRunner()
    for command in (["events", "--format", "jsonl"], ["export", "--format", "jsonl", "--out", "-"]):
        listed = runner.invoke(cli, [*command, "--db", store_path, "-q"])
        assert listed.exit_code == 0, listed.output
        assert "ev-baghdad" not in listed.stdout
        listed = runner.invoke(cli, [*command, "--db", store_path, "-q", "--include-rejected"])
        assert "ev-baghdad" in listed.stdout, command
