"""The `rasd` command: help, extract on every input kind, bad inputs, exit codes, run/events/demo, ner and kb."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
import types
from pathlib import Path

import pytest
from conftest import ROOT, SEED, stdout_objects

from rasd.cli import cli
from rasd.ingest.sources import iter_articles
from rasd.model import Article

COMMANDS = [[], ["extract"], ["run"], ["events"], ["demo"], ["ner"], ["kb"], ["kb", "lookup"], ["kb", "stats"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "rasd")
def test_every_command_has_help(runner, command):
    result = runner.invoke(cli, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Usage: ")
    assert "--help" in result.stdout


def article_ids(paths) -> dict[str, Article]:
    return {a.article_id: a for a in iter_articles([str(p) for p in paths]) if isinstance(a, Article)}


def test_extract_txt_html_jsonl_json_real_pipeline(runner, inputs):
    """With whatever extractor is installed: exit 0, stdout only events, each naming an input article."""
    paths = [str(p) for p in inputs.values()]
    result = runner.invoke(cli, ["extract", *paths, "--published", "2020-01-16", "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    known = article_ids(inputs.values())
    assert len(known) == 5  # txt, html, 2 jsonl records, json
    for event in stdout_objects(result.stdout):
        assert set(event["article_ids"]) & set(known)
    assert "5 article(s) processed" in result.stderr
    assert "0 input(s) skipped" in result.stderr


def test_extract_output_carries_provenance(runner, inputs, fake_pipeline):
    result = runner.invoke(cli, ["extract", str(inputs["jsonl"]), str(inputs["txt"])])
    assert result.exit_code == 0, result.stderr
    events = stdout_objects(result.stdout)
    assert len(events) == 3
    assert [e["urls"] for e in events] == [["http://example.org/a/1"], ["http://example.org/a/2"], []]
    assert events[0]["sources"] == ["alyaum"]
    assert events[0]["event_date"] == "2015-07-31"  # the record's date_extracted
    known = article_ids([inputs["jsonl"], inputs["txt"]])
    assert all(len(e["article_ids"]) == 1 and e["article_ids"][0] in known for e in events)
    assert len({e["event_id"] for e in events}) == 3 and all(e["event_id"] for e in events)
    assert list(events[0]) == list(events[1])  # same contract keys, same order
    assert "3 event(s)" in result.stderr


def test_published_overrides_record_date(runner, inputs, fake_pipeline):
    result = runner.invoke(cli, ["extract", str(inputs["jsonl"]), "--published", "2020-01-16"])
    assert {e["event_date"] for e in stdout_objects(result.stdout)} == {"2020-01-16"}


def test_extract_json_and_table_formats(runner, inputs, fake_pipeline):
    as_json = runner.invoke(cli, ["extract", str(inputs["json"]), "--format", "json"])
    assert as_json.exit_code == 0
    events = json.loads(as_json.stdout)
    assert isinstance(events, list) and events[0]["country"] == "Syria"
    table = runner.invoke(cli, ["extract", str(inputs["json"]), "--format", "table"])
    assert table.exit_code == 0
    assert "Syria" in table.stdout and not any(line.startswith("{") for line in table.stdout.splitlines())


def test_bad_inputs_each_one_line_and_batch_goes_on(runner, inputs, bad_inputs, fake_pipeline):
    paths = [str(p) for p in bad_inputs.values()] + [str(inputs["txt"])]
    result = runner.invoke(cli, ["extract", *paths])
    assert result.exit_code == 0, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("rasd: error: ")]
    assert len(errors) == 6  # missing, empty, binary, garbled, and two bad lines of broken.jsonl
    expected = {
        "missing": "no such file", "empty": "empty file", "binary": "binary file",
        "garbled": "cannot decode text",
    }
    for key, phrase in expected.items():
        assert any(f"{bad_inputs[key]}: " in e and phrase in e for e in errors), (key, errors)
    assert any(f"{bad_inputs['broken']}:2: malformed JSON line" in e for e in errors)
    assert any(f"{bad_inputs['broken']}:3: record has no 'content'" in e for e in errors)
    # the good record of broken.jsonl and the .txt file were processed
    assert len(stdout_objects(result.stdout)) == 2
    assert "2 article(s) processed" in result.stderr and "6 input(s) skipped" in result.stderr


def test_windows_1256_file_is_decoded(runner, tmp_path, arabic_text, fake_pipeline):
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(arabic_text.encode("windows-1256"))
    result = runner.invoke(cli, ["extract", str(legacy)])
    assert result.exit_code == 0 and "rasd: error" not in result.stderr
    (event,) = stdout_objects(result.stdout)
    assert event["evidence"]["event_type"]["text"] == arabic_text.split()[0]
    assert event["article_ids"] == [Article(text=arabic_text.strip()).article_id]


def test_every_input_failing_exits_1(runner, bad_inputs):
    result = runner.invoke(cli, ["extract", str(bad_inputs["missing"]), str(bad_inputs["empty"])])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "2 input(s) skipped" in result.stderr


@pytest.mark.parametrize("args", [["extract"], ["extract", "x.txt", "--published", "16/01/2020"],
                                  ["extract", "x.txt", "--format", "xml"], ["events", "--limit", "0"], ["nope"]])
def test_usage_errors_exit_2(runner, args):
    assert runner.invoke(cli, args).exit_code == 2


def test_quiet_silences_counts_but_not_errors(runner, inputs, bad_inputs):
    result = runner.invoke(cli, ["extract", "--quiet", str(inputs["txt"]), str(bad_inputs["missing"])])
    assert result.exit_code == 0
    assert result.stderr.strip().splitlines() == [f"rasd: error: {bad_inputs['missing']}: no such file"]


def test_run_twice_adds_nothing_and_counts_match_extract(runner, tmp_path, inputs, bad_inputs, fake_pipeline):
    db = tmp_path / "store.db"
    paths = [str(p) for p in inputs.values()] + [str(bad_inputs["broken"])]
    first = runner.invoke(cli, ["run", *paths, "--db", str(db), "--json"])
    assert first.exit_code == 0, first.stderr
    stats = json.loads(first.stdout)
    assert (stats["processed"], stats["new"], stats["duplicates"], stats["skipped_inputs"]) == (6, 6, 0, 2)
    assert stats["skip_reasons"] == {"malformed JSON line (Expecting property name enclosed in double quotes at "
                                     "column 2)": 1, "record has no 'content' or 'text'": 1}
    printed = stdout_objects(runner.invoke(cli, ["extract", *paths]).stdout)
    assert stats["events_added"] == len(printed) == stats["store_totals"]["events"]
    second = runner.invoke(cli, ["run", *paths, "--db", str(db), "--json"])
    again = json.loads(second.stdout)
    assert (again["new"], again["duplicates"], again["events_added"]) == (0, 6, 0)
    assert again["store_totals"] == stats["store_totals"]
    assert "0 new, 6 duplicate(s)" in second.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from articles").fetchone()[0] == 6
        assert conn.execute("pragma journal_mode").fetchone()[0] == "wal"


def test_run_with_real_pipeline_matches_store(runner, tmp_path, inputs):
    db = tmp_path / "real.db"
    result = runner.invoke(cli, ["run", *map(str, inputs.values()), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.stderr
    stats = json.loads(result.stdout)
    assert stats["new"] == 5 and stats["store_totals"]["articles"] == 5
    listed = stdout_objects(runner.invoke(cli, ["events", "--db", str(db), "--format", "jsonl"]).stdout)
    assert len(listed) == stats["store_totals"]["events"] == stats["events_added"]


def test_rasd_db_environment_variable(runner, tmp_path, inputs, monkeypatch):
    db = tmp_path / "env.db"
    monkeypatch.setenv("RASD_DB", str(db))
    assert runner.invoke(cli, ["run", str(inputs["txt"])]).exit_code == 0
    assert db.exists()


@pytest.fixture
def filled_db(runner, tmp_path, inputs, fake_pipeline) -> Path:
    db = tmp_path / "events.db"
    assert runner.invoke(cli, ["run", *map(str, inputs.values()), "--db", str(db)]).exit_code == 0
    return db


@pytest.mark.parametrize("filters, expected", [
    ([], 5),
    (["--country", "syria"], 1),
    (["--country", "IRQ"], 4),
    (["--admin1", "anbar"], 4),
    (["--type", "battles"], 3),
    (["--type", "Explosions/Remote violence"], 2),
    (["--actor", "islamic state"], 3),
    (["--actor", "(okaz)"], 1),
    (["--since", "2015-08-01"], 3),
    (["--since", "2015-08-01", "--until", "2015-12-31"], 1),
    (["--limit", "2"], 2),
])
def test_events_filters(runner, filled_db, filters, expected):
    result = runner.invoke(cli, ["events", "--db", str(filled_db), "--format", "jsonl", *filters])
    assert result.exit_code == 0, result.stderr
    assert len(stdout_objects(result.stdout)) == expected


def test_events_formats(runner, filled_db):
    csv_out = runner.invoke(cli, ["events", "--db", str(filled_db), "--format", "csv"]).stdout.splitlines()
    assert csv_out[0].startswith("event_id,article_ids,urls,sources,event_date") and len(csv_out) == 6
    table = runner.invoke(cli, ["events", "--db", str(filled_db)])
    assert table.exit_code == 0 and "5 event(s)" in table.stdout


def test_events_without_store_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(cli, ["events", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert result.stderr.startswith("rasd: error: no store at")
    assert not (tmp_path / "none.db").exists()


def test_demo_creates_db_and_prints_summary(runner, tmp_path, monkeypatch):
    """The demo with the real extractor, on the first 25 articles of the bundled sample (the whole sample is read in
    tests/ingest/test_sample.py; 201 articles through the extractor would dominate the suite's time)."""
    import rasd.cli

    head = tmp_path / "sample-head.jsonl"
    head.write_text("".join(rasd.cli.SAMPLE_PATH.read_text(encoding="utf-8").splitlines(keepends=True)[:25]),
                    encoding="utf-8")
    monkeypatch.setattr(rasd.cli, "SAMPLE_PATH", head)
    db = tmp_path / "demo.db"
    db.write_text("stale content that must be overwritten")
    result = runner.invoke(cli, ["demo", "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    with sqlite3.connect(db) as conn:
        articles = conn.execute("select count(*) from articles").fetchone()[0]
        events = conn.execute("select count(*) from events").fetchone()[0]
    assert articles == 25
    assert result.stdout.startswith("25 articles (") and f", {events} events from" in result.stdout
    assert "Events by type" in result.stdout and "Events by governorate (admin1)" in result.stdout
    assert "Top actors" in result.stdout and str(db.resolve()) in result.stdout.replace("\n", "")
    assert "Counted: " in result.stdout and "background mentions left out" in result.stdout
    # The demo store's ACLED CSV (everything in it): ACLED always fills actor1, cites outlets by name, codes iso.
    out = tmp_path / "demo-acled.csv"
    exported = runner.invoke(cli, ["export", "--db", str(db), "--format", "acled-csv", "--out", str(out),
                                   "--include-background", "--modality", "all"])
    assert exported.exit_code == 0, exported.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == events and all(r["actor1"] for r in rows)
    assert all(r["iso"] for r in rows if r["country"]) and all(r["source"] != "okaz" for r in rows)


def test_demo_json_summary_matches_the_store(runner, tmp_path, inputs, fake_pipeline, monkeypatch):
    import rasd.cli

    monkeypatch.setattr(rasd.cli, "SAMPLE_PATH", inputs["jsonl"])
    db = tmp_path / "small-demo.db"
    result = runner.invoke(cli, ["demo", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["articles"], summary["events"], summary["reports"]) == (2, 2, 2)
    assert summary["by_type"] == [{"event_type": "Battles", "events": 1},
                                  {"event_type": "Explosions/Remote violence", "events": 1}]
    assert summary["by_admin1"] == [{"country": "Iraq", "admin1": "Al-Anbar", "events": 2}]
    assert summary["db"] == str(db.resolve())
    again = json.loads(runner.invoke(cli, ["demo", "--db", str(db), "--json"]).stdout)
    assert again["articles"] == 2  # a fresh file each time, not an accumulation


def test_ner_and_kb_report_missing_modules(runner, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "rasd.recognize.ner", None)
    monkeypatch.setitem(sys.modules, "rasd.kb", None)
    src = tmp_path / "in.conll"
    src.write_text("داعش B-ORG\n", encoding="utf-8")
    ner = runner.invoke(cli, ["ner", "--conll", str(src), str(tmp_path / "out.conll")])
    assert ner.exit_code == 1 and ner.stderr.startswith("rasd: error: the NER model is not available")
    for args in (["kb", "stats"], ["kb", "lookup", "داعش"], ["extract", str(src), "--kb-extra", str(src)]):
        out = runner.invoke(cli, args)
        assert out.exit_code == 1 and "knowledge base is not available" in out.stderr, args


def test_ner_kb_and_kb_extra_are_wired(runner, tmp_path, monkeypatch, inputs, fake_pipeline):
    calls = []

    class FakeKB:
        def lookup(self, name):
            return [{"id": "isis", "name_en": "Islamic State", "query": name}]

        def stats(self):
            return {"actors": 1}

    def load_kb(extra=None):
        calls.append(("load_kb", extra))
        return FakeKB()

    def tag_conll_file(src, dst):
        calls.append(("tag", src, dst))
        Path(dst).write_text("داعش B-ORG\n", encoding="utf-8")

    monkeypatch.setitem(sys.modules, "rasd.kb", types.SimpleNamespace(load_kb=load_kb))
    monkeypatch.setitem(sys.modules, "rasd.recognize.ner", types.SimpleNamespace(tag_conll_file=tag_conll_file))
    src, dst = tmp_path / "in.conll", tmp_path / "out.conll"
    src.write_text("داعش O\n", encoding="utf-8")
    assert runner.invoke(cli, ["ner", "--conll", str(src), str(dst)]).exit_code == 0
    assert dst.read_text(encoding="utf-8") == "داعش B-ORG\n"
    lookup = runner.invoke(cli, ["kb", "lookup", "داعش"])
    assert stdout_objects(lookup.stdout) == [{"id": "isis", "name_en": "Islamic State", "query": "داعش"}]
    assert json.loads(runner.invoke(cli, ["kb", "stats"]).stdout) == {"actors": 1}
    extracted = runner.invoke(cli, ["extract", str(inputs["txt"]), "--kb-extra", str(src)])
    assert stdout_objects(extracted.stdout)[0]["notes"] == "kb=yes"  # the loaded KB reached process(kb=...)
    assert ("load_kb", [str(src)]) in calls and ("tag", str(src), str(dst)) in calls


def test_python_dash_m_subprocess_on_seed(inputs):
    """The scorer's exact command line, as a real process (on the seed article when ../shared is there)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    article = SEED if SEED.is_file() else inputs["txt"]
    proc = subprocess.run([sys.executable, "-m", "rasd", "extract", str(article), "--published", "2020-01-16",
                           "--format", "jsonl"], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    for event in stdout_objects(proc.stdout):
        assert event["article_ids"] and "evidence" in event
    assert "1 article(s) processed" in proc.stderr
    missing = subprocess.run([sys.executable, "-m", "rasd", "extract", "/nonexistent/file.txt"],
                             capture_output=True, text=True, env=env, timeout=120)
    assert missing.returncode == 1
    assert missing.stderr.splitlines()[0] == "rasd: error: /nonexistent/file.txt: no such file"


def test_extractor_crash_is_one_line_and_the_batch_goes_on(runner, inputs, monkeypatch):
    import rasd.pipeline
    from rasd.model import ArticleResult

    def flaky(article, kb=None):
        if article.url == "http://example.org/a/1":
            raise ValueError("bad state\nsecond line")
        return ArticleResult(article=article)

    monkeypatch.setattr(rasd.pipeline, "process", flaky)
    result = runner.invoke(cli, ["extract", str(inputs["jsonl"])])
    assert result.exit_code == 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("rasd: error:")]
    assert errors == [f"rasd: error: {inputs['jsonl']}:1: extractor failed: ValueError: bad state second line"]
    assert "1 article(s) processed" in result.stderr and "1 input(s) skipped" in result.stderr


def test_extract_reads_stdin(runner, arabic_text, fake_pipeline):
    result = runner.invoke(cli, ["extract", "-", "--published", "2020-01-16"],
                           input=arabic_text.encode("windows-1256"))
    assert result.exit_code == 0, result.stderr
    (event,) = stdout_objects(result.stdout)
    assert event["event_date"] == "2020-01-16"
    assert event["article_ids"] == [Article(text=arabic_text.strip()).article_id]
    empty = runner.invoke(cli, ["extract", "-"], input=b"")
    assert empty.exit_code == 1 and "rasd: error: <stdin>: empty file" in empty.stderr
