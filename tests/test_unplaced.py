"""No silent drops (issue 14 item 7): an act with no country is still reported, says why, weighs less, is stored,
and the ACLED export leaves it out (counted on stderr) unless --include-unplaced."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from rasd.cli import cli
from rasd.export import write_acled_csv
from rasd.model import Article
from rasd.pipeline import process

UNPLACED = "قتل مسلحون ثلاثة جنود في هجوم على حاجز أمس"
PLACED = "قتل مسلحون ثلاثة جنود في هجوم على حاجز في الرمادي أمس"


def events_of(text: str):
    return process(Article(text=text, published=date(2015, 8, 1), published_how="given")).events


def test_an_act_with_no_country_is_reported_with_its_reason_and_a_lower_confidence():
    [unplaced] = events_of(UNPLACED)
    [placed] = events_of(PLACED)
    assert unplaced.event_type == placed.event_type == "Battles"
    assert unplaced.country is None and unplaced.iso3 is None
    assert "country" in unplaced.missing and "filtered" not in unplaced.missing
    assert placed.country == "Iraq"
    assert unplaced.confidence < placed.confidence


def test_acled_csv_leaves_unplaced_events_out_unless_asked():
    rows = [ev.to_dict() for ev in events_of(UNPLACED) + events_of(PLACED)]
    left: list[dict] = []
    out = io.StringIO()
    assert write_acled_csv(rows, out, on_unplaced=left.append) == 1
    assert len(left) == 1 and left[0]["country"] is None
    assert [r["country"] for r in csv.DictReader(io.StringIO(out.getvalue()))] == ["Iraq"]
    out = io.StringIO()
    assert write_acled_csv(rows, out, include_unplaced=True) == 2


def test_cli_stores_unplaced_events_and_counts_the_ones_an_acled_export_leaves_out(tmp_path: Path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"title": "", "content": t, "date": "2015-08-01",
                                       "url": f"http://example.org/{i}"}, ensure_ascii=False) + "\n"
                           for i, t in enumerate((UNPLACED, PLACED))), encoding="utf-8")
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    res = runner.invoke(cli, ["run", str(src), "--db", db, "--workers", "1"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(cli, ["events", "--db", db, "--format", "jsonl"])
    assert res.exit_code == 0 and res.stdout.count("\n") == 2
    res = runner.invoke(cli, ["events", "--db", db, "--format", "acled-csv"])
    assert res.exit_code == 0
    assert len(list(csv.DictReader(io.StringIO(res.stdout)))) == 1
    assert "1 event(s) with no country left out" in res.stderr
    out = tmp_path / "all.csv"
    res = runner.invoke(cli, ["export", "--db", db, "--format", "acled-csv", "--out", str(out), "--include-unplaced"])
    assert res.exit_code == 0, res.output
    assert len(list(csv.DictReader(out.open(encoding="utf-8")))) == 2
