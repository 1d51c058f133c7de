"""Review in place (rasd.review): verdicts and corrections stored with who/when, applied to the stored event, kept
when the event is linked again (a new report joins it, `rebuild`), exported as columns and written out as gold
that rasd.evaluate scores. Runs on SQLite and, with RASD_TEST_PG, on PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))
from api_samples import ANBAR_TEXT, sample_results, span_of  # noqa: E402

from rasd.model import Article, ArticleResult, Event  # noqa: E402
from rasd.review import ReviewError, history, record  # noqa: E402
from rasd.store.repository import Repository  # noqa: E402


@pytest.fixture
def repo(store_url: str):
    with Repository(store_url) as r:
        for result in sample_results():
            assert r.add_result(result)
        yield r


def second_report_of_anbar(fatalities: int) -> ArticleResult:
    """Another outlet's account of the Anbar attack, naming the stored event's id (so it joins that event)."""
    text = ANBAR_TEXT + " وذكرت مصادر أخرى تفاصيل إضافية."
    art = Article(text=text, title="", url="https://example.org/anbar-2", outlet="other", published=date(2020, 1, 13),
                  published_how="given", language="ar")
    ev = Event(event_id="ev-anbar", event_date=date(2020, 1, 12), time_precision=1, event_type="Battles",
               sub_event_type="Armed clash", actor1="Islamic State", actor2="Military Forces of Iraq",
               country="Iraq", iso3="IRQ", admin1="Al-Anbar", location="Ar-Rutbah", latitude=33.04, longitude=40.28,
               geo_precision=2, fatalities=fatalities, article_ids=[art.article_id],
               evidence={"actor1": span_of(text, "تنظيم داعش")})
    return ArticleResult(article=art, events=[ev])


def test_a_correction_is_stored_with_who_and_when_and_filters_see_it(repo):
    assert repo.get_event("ev-anbar").fatalities == 2
    found = record(repo, "ev-anbar", "analyst-a", corrections={"fatalities": "7", "admin1": "Anbar"}, note="AFP")
    assert found["status"] == "corrected" and found["by"] == "analyst-a"
    assert found["corrections"] == {"fatalities": 7, "admin1": "Anbar"}
    ev = repo.get_event("ev-anbar")
    assert (ev.fatalities, ev.admin1) == (7, "Anbar")
    # The filter columns changed with the data: the corrected event is found by its corrected values.
    assert [e.event_id for e in repo.query_events(min_fatalities=7)] == ["ev-anbar"]
    assert [e.event_id for e in repo.query_events(admin1="Anbar")] == ["ev-anbar"]
    acts = history(repo, "ev-anbar")
    assert [(a["field"], a["old_value"], a["new_value"]) for a in acts] == [("fatalities", 2, 7),
                                                                           ("admin1", "Al-Anbar", "Anbar")]
    assert all(a["reviewer"] == "analyst-a" and a["reviewed_at"] and a["note"] == "AFP" for a in acts)


def test_the_latest_verdict_wins_and_bad_reviews_write_nothing(repo):
    record(repo, "ev-baghdad", "a", verdict="wrong")
    record(repo, "ev-baghdad", "b", verdict="verified")
    stored = {d["event_id"]: d for d in repo.iter_event_dicts()}
    assert stored["ev-baghdad"]["review"]["status"] == "verified"
    assert stored["ev-baghdad"]["review"]["by"] == "b"
    for bad in ({"verdict": "great"}, {"corrections": {"event_id": "x"}}, {"corrections": {"fatalities": "many"}},
                {"corrections": {"event_date_end": "2019-01-01"}}, {}):
        with pytest.raises(ReviewError):
            record(repo, "ev-baghdad", "c", **bad)
    with pytest.raises(ReviewError):
        record(repo, "no-such-event", "c", verdict="verified")
    assert len(history(repo, "ev-baghdad")) == 2


def test_review_is_kept_when_the_event_is_reconciled_again_and_rebuilt(repo):
    record(repo, "ev-anbar", "analyst-a", verdict="verified", corrections={"fatalities": 9})
    # A new report joins the event: its fields are reconciled from both reports again (the extractor's figures).
    assert repo.add_result(second_report_of_anbar(fatalities=1))
    explained = repo.explain("ev-anbar")
    assert explained["n_reports"] == 2
    ev = {d["event_id"]: d for d in repo.iter_event_dicts()}["ev-anbar"]
    assert ev["fatalities"] == 9 and ev["review"]["status"] == "verified"
    # Every event rebuilt from its reports (new dedup rules): the review is applied again.
    repo.rebuild_events()
    ev = {d["event_id"]: d for d in repo.iter_event_dicts()}["ev-anbar"]
    assert ev["fatalities"] == 9 and ev["review"]["status"] == "verified"
    assert [e.event_id for e in repo.query_events(min_fatalities=9)] == ["ev-anbar"]


def test_reviews_are_export_columns(repo):
    from rasd.export import write_acled_csv, write_geojson

    record(repo, "ev-aleppo", "analyst-b", verdict="wrong", note="old news")
    buffer = io.StringIO()
    write_acled_csv(repo.iter_event_dicts(), buffer)
    rows = {r["event_id"]: r for r in csv.DictReader(io.StringIO(buffer.getvalue()))}
    assert (rows["ev-aleppo"]["review_status"], rows["ev-aleppo"]["reviewed_by"],
            rows["ev-aleppo"]["review_note"]) == ("wrong", "analyst-b", "old news")
    assert rows["ev-aleppo"]["reviewed_at"]
    assert rows["ev-anbar"]["review_status"] == ""
    buffer = io.StringIO()
    write_geojson(repo.iter_event_dicts(), buffer)
    props = {f["id"]: f["properties"] for f in json.loads(buffer.getvalue())["features"]}
    assert props["ev-aleppo"]["review_status"] == "wrong"


def test_reviews_become_gold_that_the_scorer_reads(repo, tmp_path):
    from rasd.evaluate import evaluate
    from rasd.review_gold import write_gold

    record(repo, "ev-anbar", "a", verdict="verified", corrections={"fatalities": 3})
    record(repo, "ev-aleppo", "a", verdict="wrong")
    assert write_gold(repo, tmp_path) == 2
    golds = [json.loads(line) for line in (tmp_path / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    by_url = {g["url"]: g for g in golds}
    anbar = next(g for g in golds if g["events"])
    (gold_event,) = anbar["events"]
    assert gold_event["required"] is True and gold_event["fatalities"] == 3
    assert gold_event["event_type"] == "Battles" and gold_event["actor1_contains"] == ["Islamic State"]
    assert gold_event["event_date_between"] == ["2020-01-12", "2020-01-12"]
    assert "تنظيم داعش" in gold_event["evidence_ar"]
    assert any(g["events"] == [] for g in by_url.values())  # the article whose only event is wrong: no event
    stored = {d["event_id"]: d for d in repo.iter_event_dicts()}

    def extractor(text: str, published: date | None) -> list[dict]:
        # A stand-in extractor that finds exactly the stored events of the article with this text.
        return [ev for ev in stored.values() if ev["evidence"] and all(
            s["text"] in text for s in ev["evidence"].values())]

    report = evaluate(tmp_path / "gold.jsonl", tmp_path / "articles.jsonl", extractor)
    assert report.articles == 2
    assert (report.tp, report.fn) == (1, 0)
    assert report.fp == 1  # the event the analyst marked wrong counts against an extractor that finds it


def test_a_wrong_verdict_is_stored_in_the_browse_columns_and_kept_by_relinking(repo):
    """The review status is a filter column (0010_review_status), written by the review and again when the event is
    linked anew; a store migrated from 0009 gets it from the stored reviews."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import select, update

    from rasd.store.repository import MIGRATIONS_DIR
    from rasd.store.schema import EventRow

    record(repo, "ev-anbar", "Omar", verdict="wrong")

    def status() -> str | None:
        with repo.engine.connect() as conn:
            return conn.scalar(select(EventRow.review_status).where(EventRow.event_id == "ev-anbar"))

    assert status() == "wrong"
    assert repo.add_result(second_report_of_anbar(3))  # linked again: the row is rewritten, the verdict kept
    assert status() == "wrong"
    with repo.engine.begin() as conn:  # as before 0010: no status stored; upgrading fills it from the reviews
        conn.execute(update(EventRow).values(review_status=None))
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0009_api_browse_counted")
        command.upgrade(cfg, "head")
    assert status() == "wrong"


def test_the_acled_timestamp_is_when_the_stored_event_last_changed(repo, monkeypatch):
    # ACLED's `timestamp` is when a row was last modified: the events row's `updated_at`, not the export's clock,
    # so the same store gives the same file however often it is exported, and a review moves only its event's.
    from datetime import datetime

    from rasd.export import write_acled_csv
    from rasd.store import columns

    def stamps() -> dict[str, str]:
        buffer = io.StringIO()
        write_acled_csv(repo.iter_event_dicts(), buffer)
        return {r["event_id"]: r["timestamp"] for r in csv.DictReader(io.StringIO(buffer.getvalue()))}

    before = stamps()
    assert before == stamps() and all(before.values())
    monkeypatch.setattr(columns, "now", lambda: datetime(2030, 1, 1))
    record(repo, "ev-aleppo", "analyst-b", verdict="wrong", note="old news")
    after = stamps()
    assert after["ev-aleppo"] == "1893456000"  # 2030-01-01 00:00 UTC
    assert {k: v for k, v in after.items() if k != "ev-aleppo"} == {k: v for k, v in before.items() if k != "ev-aleppo"}
