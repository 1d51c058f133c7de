"""`rasd eval` scores exactly as ../shared/eval/score.py does."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from rasd.errors import InputError
from rasd.evaluate import Report, check_field, compatible, evaluate, match

SHARED = Path(__file__).resolve().parents[2] / "shared"

EVENT = {"event_type": "Battles", "sub_event_type": "Armed clash", "country": "Iraq", "event_date": "2020-01-13",
         "time_precision": 1, "actor1": "Islamic State", "actor2": "Military Forces of Iraq", "admin1": "Al-Anbar",
         "location": "Al-Waleed border crossing", "latitude": 33.839, "longitude": 38.937, "geo_precision": 2,
         "location_offset": {"km": 45, "bearing_deg": 0, "anchor": "Al-Waleed border crossing"}, "fatalities": 2,
         "injured": 4, "weapon": "small arms", "modality": "occurred", "background": False}


def test_field_checks():
    gold = {"point": [33.838, 38.937], "within_km": 25}
    assert check_field("admin1_one_of", ["Anbar"], {}, EVENT)
    assert check_field("actor1_contains", ["Islamic State"], {}, EVENT)
    assert check_field("actor2_contains_one_of", ["Iraq"], {}, EVENT)
    assert check_field("point", [33.838, 38.937], gold, EVENT)
    assert not check_field("point", [30.0, 47.0], gold, EVENT)
    assert check_field("location_offset", {"km": 45, "bearing_deg": 0, "anchor_contains": "Waleed"}, {}, EVENT)
    assert not check_field("location_offset", {"km": 45, "bearing_deg": 90, "anchor_contains": "Waleed"}, {}, EVENT)
    assert check_field("weapon_one_of", ["small arms/light weapons"], {}, EVENT)
    assert not check_field("fatalities", 3, {}, EVENT)
    assert check_field("name", "x", {}, EVENT) is None


def test_matching_needs_type_country_and_near_date():
    gold = {"event_type": "Battles", "country": "Iraq", "event_date_between": ["2020-01-12", "2020-01-13"]}
    assert compatible(gold, EVENT)
    assert not compatible({**gold, "country": "Syria"}, EVENT)
    assert not compatible({**gold, "event_date_between": ["2020-02-01", "2020-02-02"]}, EVENT)
    assert not compatible(gold, {**EVENT, "event_date": None})


def test_one_to_one_required_first():
    golds = [{"event_type": "Battles", "country": "Iraq", "required": False},
             {"event_type": "Battles", "country": "Iraq"}]
    assert match(golds, [EVENT]) == [(1, 0)]
    report = Report()
    report.add("a", golds, [EVENT, {**EVENT, "event_type": "Riots"}])
    assert (report.tp, report.fp, report.fn) == (1, 1, 0)


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="../shared is not beside the checkout")
def test_same_pairs_and_fields_as_the_shared_scorer():
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    golds = json.loads((SHARED / "fixtures" / "seed" / "expected.json").read_text(encoding="utf-8"))["events"]
    events = [EVENT, {**EVENT, "event_type": "Explosions/Remote violence", "actor1": "Military Forces of Iran",
                      "event_date": "2020-01-09", "time_precision": 2, "geo_precision": 3, "background": True},
              {**EVENT, "modality": "attempted", "fatalities": 0, "event_date": "2020-01-15"}]
    assert match(golds, events) == score.match(golds, events)
    for gi, ei in match(golds, events):
        assert check_field.__module__ == "rasd.evaluate"
        from rasd.evaluate import field_results
        assert field_results(golds[gi], events[ei]) == score.field_results(golds[gi], events[ei])


def test_evaluate_reads_files_and_reports_bad_lines(tmp_path):
    gold = tmp_path / "gold.jsonl"
    arts = tmp_path / "articles.jsonl"
    arts.write_text(json.dumps({"gold_id": "a", "title": "t", "content": "c"}) + "\n", encoding="utf-8")
    gold.write_text(json.dumps({"gold_id": "a", "published": "2020-01-16",
                                "events": [{"event_type": "Battles", "country": "Iraq"}]}) + "\n", encoding="utf-8")
    report = evaluate(gold, arts, lambda text, published: [EVENT])
    assert (report.tp, report.fp, report.fn) == (1, 0, 0)
    assert report.lines()[-1].startswith("events P=1.00 R=1.00 F1=1.00")
    gold.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match="gold.jsonl:1"):
        evaluate(gold, arts, lambda text, published: [])


@pytest.mark.skipif(not (SHARED / "fixtures" / "seed").exists(), reason="../shared is not beside the checkout")
def test_rasd_eval_command_on_the_seed(tmp_path):
    from click.testing import CliRunner

    from rasd.cli import cli

    seed = SHARED / "fixtures" / "seed"
    text = (seed / "article.txt").read_text(encoding="utf-8")
    title, _, body = text.partition("\n")
    expected = json.loads((seed / "expected.json").read_text(encoding="utf-8"))
    (tmp_path / "a.jsonl").write_text(json.dumps({"gold_id": "seed", "title": title, "content": body.lstrip("\n")},
                                                 ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "g.jsonl").write_text(json.dumps({"gold_id": "seed", "published": expected["published"],
                                                  "events": expected["events"]}, ensure_ascii=False) + "\n",
                                      encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "--gold", str(tmp_path / "g.jsonl"), "--articles",
                                      str(tmp_path / "a.jsonl"), "--json-out", str(tmp_path / "d.json")])
    assert result.exit_code == 0, result.output
    assert "events P=" in result.output and "tp=4" in result.output
    assert json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))[0]["missed"] == []
