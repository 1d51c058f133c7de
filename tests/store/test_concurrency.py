"""Two `rasd run` processes writing into one store at once lose nothing and create no duplicate article or event.

Each process runs the real `rasd run` command (ingest, store, dedup) with a deterministic stand-in extractor, so the
test is fast and checks the store's locking rather than extraction: 40 articles tell 8 stories (one event each);
the two processes get overlapping halves, in opposite orders, so they race on the same articles and events.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from rasd.store.repository import Repository

ROOT = Path(__file__).resolve().parents[2]
N_ARTICLES, N_STORIES = 40, 8

DRIVER = '''
import sys, time
from datetime import date
import rasd.pipeline
from rasd.model import ArticleResult, Event, Span

def fake_process(article, kb=None):
    story = int(article.text.split("قصة")[1].split()[0])
    start = article.text.index("انفجار")
    ev = Event(event_date=date(2015, 7, 1 + story), time_precision=1, disorder_type="Political violence",
               event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED",
               actor1="Islamic State", actor2="Civilians (Iraq)", country="Iraq", iso3="IRQ", admin1="Baghdad",
               location="Baghdad", latitude=33.3 + story, longitude=44.4, geo_precision=1, fatalities=story,
               evidence={"event_type": Span.of(article.text, start, start + 6)})
    time.sleep(0.02)  # interleave the two writers
    return ArticleResult(article=article, events=[ev])

rasd.pipeline.process = fake_process
from rasd.cli import main
main(sys.argv[1:])
'''


def write_inputs(tmp_path: Path) -> tuple[Path, Path]:
    records = [{"text": f"وقع انفجار في بغداد قصة {i % N_STORIES} نسخة {i} من وكالة", "outlet": f"outlet{i % 5}",
                "url": f"http://example.org/{i}", "published": "2015-07-20"} for i in range(N_ARTICLES)]
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records[:30]) + "\n", encoding="utf-8")
    second.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in reversed(records[10:])) + "\n",
                      encoding="utf-8")
    return first, second


def test_two_concurrent_runs_lose_nothing_and_duplicate_nothing(store_url: str, tmp_path: Path):
    first, second = write_inputs(tmp_path)
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    Repository(store_url).close()  # both processes open an existing store (creation races are tested below)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RASD_DB": store_url}
    procs = [subprocess.Popen([sys.executable, str(driver), "run", str(path), "--json", "-q"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for path in (first, second)]
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
    stats = [json.loads(out) for out, _ in outs]
    assert sum(s["new"] for s in stats) == N_ARTICLES  # every article stored by exactly one of the two
    with Repository(store_url) as repo:
        counts = repo.counts()
        events = repo.query_events()
    assert counts["articles"] == N_ARTICLES and counts["reports"] == N_ARTICLES
    assert counts["events"] == N_STORIES and sorted(len(e.article_ids) for e in events) == [5] * N_STORIES
    assert counts["sources"] == 5


def test_two_processes_creating_a_new_store_at_once(store_url: str):
    code = "import sys; from rasd.store.repository import Repository; Repository(sys.argv[1]).close()"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", code, store_url], env=env, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    for p in procs:
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
    with Repository(store_url) as repo:
        assert repo.counts()["articles"] == 0


def test_switching_a_new_store_to_wal_waits_while_another_process_holds_the_file():
    """SQLite refuses the WAL switch at once ("database is locked", no busy handler) while another connection is
    creating the same new file; the store tries again rather than failing to open."""
    import sqlite3

    from rasd.store import repository

    class Cursor:
        def __init__(self, refusals: int):
            self.refusals, self.tries = refusals, 0

        def execute(self, sql: str) -> None:
            self.tries += 1
            if self.tries <= self.refusals:
                raise sqlite3.OperationalError("database is locked")

    cursor = Cursor(refusals=3)
    repository._wal(cursor, timeout_s=5)
    assert cursor.tries == 4
    stuck = Cursor(refusals=10**6)
    try:
        repository._wal(stuck, timeout_s=0.2)
    except sqlite3.OperationalError:
        pass
    else:
        raise AssertionError("a file locked past the timeout must still fail")
    assert stuck.tries > 1
