"""Exports: ACLED CSV columns and order, JSONL = the output contract, GeoJSON for GIS, typed Parquet; and the CLI."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from rasd.cli import cli
from rasd.export import (
    ACLED_COLUMNS,
    EXTRA_COLUMNS,
    ExportError,
    acled_row,
    export_events,
    render_bytes,
    write_acled_csv,
)
from rasd.model import EVENT_FIELDS, Article, ArticleResult, Event, Span
from rasd.store.repository import Repository

TEXT = "قتل ثلاثة جنود عراقيين في تفجير عبوة ناسفة قرب الرمادي"


def make_event(**kw) -> dict:
    start = TEXT.index("تفجير")
    ev = Event(event_id="abc", article_ids=["a1"], urls=["http://x/1"], sources=["okaz", "alyaum"],
               event_date=date(2015, 7, 20), time_precision=1, disorder_type="Political violence",
               event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED",
               actor1="Islamic State", actor2="Military Forces of Iraq (2014-2018)", assoc_actor_1=["A", "B"],
               inter1="Rebel group", inter2="State forces", interaction="State forces-Rebel group",
               civilian_targeting=False, country="Iraq", iso3="IRQ", admin1="Al-Anbar", location="Ramadi",
               latitude=33.42, longitude=43.3, geo_precision=2,
               location_offset={"km": 10, "bearing_deg": 90, "anchor": "Ramadi"}, fatalities=3, weapon="IED",
               notes="On 2015-07-20, ...", evidence={"event_type": Span.of(TEXT, start, start + 5)})
    data = ev.to_dict()
    data.update(kw)
    return data


def test_acled_columns_come_first_in_acleds_order():
    out = io.StringIO()
    assert write_acled_csv([make_event()], out) == 1
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(rows[0][:31]) == ACLED_COLUMNS and tuple(rows[0][31:]) == EXTRA_COLUMNS
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["event_id_cnty"] == "IRQ-abc" and row["year"] == "2015" and row["iso"] == "368"
    assert row["region"] == "Middle East" and row["source"] == "Okaz; Al Yaum" and row["assoc_actor_1"] == "A; B"
    assert row["civilian_targeting"] == "" and row["location_offset_km"] == "10" and row["n_reports"] == "1"
    assert acled_row(make_event(civilian_targeting=True, iso3=None, fatalities=None))["civilian_targeting"] == \
        "Civilian targeting"
    assert acled_row(make_event(iso3="ZZZ"))["iso"] == ""  # unknown country: empty, never a guess
    assert row["source_scale"] == "National" and row["time_precision"] == "1" and row["background"] == "false"
    assert acled_row(make_event(sources=["okaz", "aawsat", "unknown.example"]))["source_scale"] == "National-Regional"
    assert acled_row(make_event(sources=["www.alriyadh.com"]))["source"] == "Al Riyadh"
    assert acled_row(make_event(iso3="NOR"))["iso"] == "578"  # every country has its code, not only the region's


def test_acled_conventions_fill_actor1_and_keep_civilian_violence_for_civilians():
    row = acled_row(make_event(actor1=None, inter1=None, actor2="Military Forces of Iraq (2014-2018)"))
    assert row["actor1"] == "Unidentified Armed Group (Iraq)" and row["inter1"] == "Political militia"
    assert row["interaction"] == "State forces-Political militia"
    row = acled_row(make_event(actor1=None, inter1=None, actor2=None, inter2=None, event_type="Protests",
                               sub_event_type="Peaceful protest", country=None))
    assert row["actor1"] == "Protesters" and row["interaction"] == "Protesters only"
    vac = {"event_type": "Violence against civilians", "civilian_targeting": True}
    row = acled_row(make_event(sub_event_type="Attack", **vac))  # the victim is the army: a clash, not VAC
    assert (row["event_type"], row["sub_event_type"], row["civilian_targeting"]) == ("Battles", "Armed clash", "")
    row = acled_row(make_event(sub_event_type="Abduction/forced disappearance", **vac))
    assert row["event_type"] == "Violence against civilians" and row["actor2"] == "Civilians (Iraq)"
    assert row["assoc_actor_2"] == "Military Forces of Iraq (2014-2018)" and row["inter2"] == "Civilians"
    row = acled_row(make_event(sub_event_type="Attack", actor2="Civilians (Iraq)", inter2="Civilians", **vac))
    assert row["event_type"] == "Violence against civilians" and row["civilian_targeting"] == "Civilian targeting"


def test_every_csv_cell_is_safe_from_formula_injection():
    hostile = make_event(notes="=HYPERLINK(\"http://x\")", assoc_actor_1=["+A", "B"], location="-Ramadi")
    for fmt in ("csv", "acled-csv"):
        rows = list(csv.DictReader(io.StringIO(render_bytes([hostile], fmt).decode("utf-8"))))
        assert rows[0]["notes"].startswith("'=") and rows[0]["assoc_actor_1"] == "'+A; B"
        assert rows[0]["location"] == "'-Ramadi" and rows[0]["longitude"] == "43.3"


def test_jsonl_geojson_parquet(tmp_path: Path):
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    events = [make_event(), make_event(event_id="nowhere", latitude=None, longitude=None, extra_key="dropped")]
    assert export_events(events, "jsonl", tmp_path / "e.jsonl") == 2
    lines = [json.loads(x) for x in (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()]
    assert list(lines[1]) == list(EVENT_FIELDS) and lines[0] == Event.from_dict(make_event()).to_dict()
    export_events(events, "geojson", tmp_path / "e.geojson")
    gj = json.loads((tmp_path / "e.geojson").read_text(encoding="utf-8"))
    assert gj["type"] == "FeatureCollection" and gj["features"][0]["geometry"]["coordinates"] == [43.3, 33.42]
    assert gj["features"][1]["geometry"] is None and gj["features"][0]["properties"]["sources"] == "okaz; alyaum"
    assert json.loads(gj["features"][0]["properties"]["evidence"])["event_type"]["text"] == "تفجير"
    export_events(events, "parquet", tmp_path / "e.parquet")
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.num_rows == 2 and table.column_names == list(EVENT_FIELDS)
    assert table.column("event_date").to_pylist()[0] == date(2015, 7, 20)
    assert table.column("sources").to_pylist()[0] == ["okaz", "alyaum"]
    with pytest.raises(ExportError):
        export_events(events, "xml", tmp_path / "e.xml")
    with pytest.raises(ExportError):
        export_events(events, "parquet", "-")
    with pytest.raises(ExportError):
        export_events(events, "jsonl", tmp_path / "no" / "such" / "dir" / "e.jsonl")


@pytest.fixture
def store(tmp_path: Path) -> str:
    path = str(tmp_path / "s.db")
    with Repository(path) as repo:
        for i, (country, iso3) in enumerate((("Iraq", "IRQ"), ("Syria", "SYR"))):
            data = make_event(event_id=f"e{i}", country=country, iso3=iso3, latitude=33.0 + i * 3)
            repo.add_result(ArticleResult(article=Article(text=f"{TEXT} {i}", outlet="okaz", url=f"http://x/{i}"),
                                          events=[Event.from_dict(data)]))
    return path


def test_cli_export_stats_and_explain(store: str, tmp_path: Path):
    runner = CliRunner()
    out = tmp_path / "iraq.csv"
    res = runner.invoke(cli, ["export", "--db", store, "--format", "acled-csv", "--out", str(out), "--country", "irq"])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["country"] for r in rows] == ["Iraq"]
    res = runner.invoke(cli, ["stats", "--db", store, "--by", "week,country", "--format", "json"])
    assert res.exit_code == 0 and {r["country"] for r in json.loads(res.stdout)} == {"Iraq", "Syria"}
    res = runner.invoke(cli, ["stats", "--db", store, "--by", "bogus"])
    assert res.exit_code == 2 and "unknown dimension" in res.output
    res = runner.invoke(cli, ["events", "--db", store, "--bbox", "40,35,45,37", "--format", "jsonl"])
    assert res.exit_code == 0 and [json.loads(x)["country"] for x in res.stdout.splitlines()] == ["Syria"]
    res = runner.invoke(cli, ["events", "--db", store, "--bbox", "1,2,3"])
    assert res.exit_code == 2
    res = runner.invoke(cli, ["events", "--db", store, "--explain", "e0"])
    assert res.exit_code == 0 and "created the event" in res.stdout and "1 report(s)" in res.stdout
    res = runner.invoke(cli, ["events", "--db", store, "--explain", "missing"])
    assert res.exit_code == 1 and "no event" in res.output
    res = runner.invoke(cli, ["export", "--db", str(tmp_path / "none.db"), "--format", "jsonl", "--out", "-"])
    assert res.exit_code == 1 and "no store" in res.output


@pytest.fixture
def mixed_store(tmp_path: Path) -> str:
    """Four events in Iraq: one that happened, a background mention, a planned attack and an imported event
    without a modality (ACLED rows), which counts as one that happened."""
    path = str(tmp_path / "mixed.db")
    kinds = {"happened": {}, "recalled": {"background": True}, "plotted": {"modality": "planned"},
             "imported": {"modality": None}}
    with Repository(path) as repo:
        for i, (name, changes) in enumerate(kinds.items()):
            data = make_event(event_id=name, fatalities=10 ** i, event_date=date(2015, 1 + 2 * i, 5),
                              location=f"place {i}", latitude=30.0 + i, **changes)  # apart: no merging
            repo.add_result(ArticleResult(article=Article(text=f"{TEXT} {name}", outlet="okaz"),
                                          events=[Event.from_dict(data)]))
    return path


def test_a_stores_stats_leave_background_and_unrealised_events_out(mixed_store: str, tmp_path: Path):
    with Repository(mixed_store) as repo:
        (row,) = repo.stats(["country"])
        assert (row["events"], row["fatalities"]) == (2, 1 + 1000)  # happened + imported
        assert repo.summary()["counted_events"] == 2 and repo.summary()["left_out"] == 2
    runner = CliRunner()
    res = runner.invoke(cli, ["stats", "--db", mixed_store, "--by", "country", "--format", "json"])
    assert res.exit_code == 0 and json.loads(res.stdout)[0]["events"] == 2
    assert "background mentions left out, events marked wrong in review left out; 2 left out" in res.stderr
    res = runner.invoke(cli, ["stats", "--db", mixed_store, "--by", "country", "--format", "json",
                              "--include-background", "--modality", "all"])
    assert json.loads(res.stdout)[0]["events"] == 4 and "any modality" in res.stderr
    res = runner.invoke(cli, ["stats", "--db", mixed_store, "--by", "country", "--format", "json",
                              "--modality", "occurred,planned"])
    assert json.loads(res.stdout)[0]["events"] == 3
    res = runner.invoke(cli, ["stats", "--db", mixed_store, "--modality", "rumoured"])
    assert res.exit_code == 2 and "unknown modality" in res.output
    out = tmp_path / "e.jsonl"
    assert runner.invoke(cli, ["export", "--db", mixed_store, "--format", "jsonl", "--out", str(out)]).exit_code == 0
    assert sorted(json.loads(x)["event_id"] for x in out.read_text().splitlines()) == ["happened", "imported"]
    res = runner.invoke(cli, ["events", "--db", mixed_store, "--format", "jsonl", "--include-background"])
    assert sorted(json.loads(x)["event_id"] for x in res.stdout.splitlines()) == ["happened", "imported", "recalled"]
