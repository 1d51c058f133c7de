"""`rasd import`: rasd event JSONL and ACLED CSV exports into the store, idempotently, bad rows skipped."""

from __future__ import annotations

import json
from datetime import date

import pytest

from rasd.cli import cli
from rasd.errors import InputError
from rasd.importer import import_file, parse_acled_date
from rasd.store.repository import Repository
from rasd.trends.series import SeriesFilter, series_from_store

ACLED_HEADER = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
                "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
                "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
                "tags,timestamp")
ACLED_ROWS = [
    'IRQ1001,2015-08-01,2015,1,Political violence,Battles,Armed clash,Islamic State,,2,'
    '"Military Forces of Iraq (2014-2018)","Popular Mobilization Forces",1,12,,368,Middle East,Iraq,Al-Anbar,'
    'Ramadi,,Ramadi,33.4258,43.2992,1,Al Sumaria,National,"Clashes in Ramadi; 3 IS fighters killed.",3,,1618000000',
    'IRQ1002,5 August 2015,2015,1,Political violence,Explosions/Remote violence,Suicide bomb,Islamic State,,'
    'Rebel group,Civilians (Iraq),,Civilians,Rebel group-Civilians,Civilian targeting,368,Middle East,Iraq,Baghdad,'
    'Baghdad,,Baghdad - Sadr City,33.39,44.46,1,AFP; Reuters,International,Suicide car bomb in a market.,12,,'
    '1618000001',
    'IRQ1003,31 February 2015,2015,1,,Battles,Armed clash,X,,1,,,,,,368,Middle East,Iraq,Ninewa,,,Mosul,,,1,,,,0,,',
]


@pytest.fixture
def acled_csv(tmp_path):
    path = tmp_path / "acled.csv"
    path.write_text("\n".join([ACLED_HEADER, *ACLED_ROWS]) + "\n", encoding="utf-8")
    return path


def test_acled_dates() -> None:
    assert parse_acled_date("2020-01-13") == date(2020, 1, 13)
    assert parse_acled_date("13 January 2020") == date(2020, 1, 13)
    assert parse_acled_date("13-Jan-2020") == date(2020, 1, 13)
    with pytest.raises(InputError):
        parse_acled_date("Tuesday")


def test_import_acled_csv(tmp_path, acled_csv) -> None:
    with Repository(str(tmp_path / "s.db")) as repo:
        stats = import_file(repo, acled_csv)
        assert (stats.format, stats.rows, stats.added, stats.skipped) == ("acled", 3, 2, 1)
        assert "31 February 2015" in stats.errors[0]
        ev = repo.get_event("acled:IRQ1002")
        assert ev is not None and ev.event_date == date(2015, 8, 5) and ev.fatalities == 12
        assert ev.civilian_targeting and ev.inter1 == "Rebel group" and ev.sources == ["AFP", "Reuters"]
        assert ev.iso3 == "IRQ" and ev.admin1 == "Baghdad" and ev.latitude == pytest.approx(33.39)
        first = repo.get_event("acled:IRQ1001")
        assert first.inter1 == "Rebel group" and first.inter2 == "State forces"  # numeric codes mapped
        assert first.assoc_actor_2 == ["Popular Mobilization Forces"]
        assert repo.articles_for_event("acled:IRQ1001") == []  # an event with no article
        again = import_file(repo, acled_csv)
        assert (again.added, again.existing) == (0, 2)  # idempotent
        (s,) = series_from_store(repo, SeriesFilter(origin="acled", actor="داعش"))
        assert s.events == [2] and s.fatalities == [15]  # 1 and 5 August 2015: one Saturday-Friday week
        assert sum(series_from_store(repo, SeriesFilter(origin="rasd"))[0].events) == 0


def test_import_rasd_jsonl_via_cli(tmp_path, runner) -> None:
    db = tmp_path / "j.db"
    lines = [json.dumps({"event_id": "e1", "event_date": "2015-07-22", "event_type": "Battles", "country": "Syria",
                         "admin1": "Aleppo", "actor1": "Islamic State", "fatalities": 2,
                         "evidence": {"event_type": {"start": 0, "end": 4, "text": "اشتباك"}}}, ensure_ascii=False),
             "{not json", json.dumps({"event_date": "2015-07-23", "event_type": "Protests", "country": "Iraq"})]
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", "--db", str(db), "--json", str(path)])
    assert result.exit_code == 0, result.output
    (stats,) = json.loads(result.stdout)
    assert (stats["format"], stats["added"], stats["skipped"]) == ("jsonl", 2, 1)
    with Repository(str(db)) as repo:
        assert repo.get_event("e1").evidence["event_type"].text == "اشتباك"
        assert repo.counts()["events"] == 2


def test_import_rejects_unknown_files(tmp_path, runner) -> None:
    bad = tmp_path / "x.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", "--db", str(tmp_path / "x.db"), str(bad), str(tmp_path / "missing.csv")])
    assert result.exit_code == 1
    assert "neither rasd event JSONL nor an ACLED CSV" in result.stderr and "no such file" in result.stderr
