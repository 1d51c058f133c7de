"""Bulk writes (Repository.bulk_add / import_events), search names behind the filters, and both text-search plans.

Every test runs on SQLite and, with RASD_TEST_PG, on PostgreSQL (the `store_url` fixture).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select, text

from rasd.model import ArticleResult, Event, Mention
from rasd.store import query, search
from rasd.store.query import EventFilter
from rasd.store.repository import Repository
from rasd.store.schema import EventActorRow, EventNameRow, EventRow, ReportRow, SourceRow
from tests.store.test_repository import TEXT, article, make_event, span

PLACES = [("Iraq", "IRQ", "Al-Anbar"), ("Iraq", "IRQ", "Baghdad"), ("Syria", "SYR", "Deir ez-Zor")]


def results(n: int = 6) -> list[ArticleResult]:
    """n articles, each with one or two events (the second with an associated actor), varied places and dates."""
    out = []
    for i in range(n):
        country, iso3, admin1 = PLACES[i % len(PLACES)]
        body = f"{TEXT} {'قصف' if i % 2 else 'اشتباك'} رقم {i}"
        evs = [make_event(event_id=f"ev-{i}", event_date=date(2020, 1, 1 + i), country=country, iso3=iso3,
                          admin1=admin1, fatalities=i)]
        if i % 3 == 0:
            evs.append(make_event(event_id=f"ev-{i}-b", event_date=date(2020, 2, 1 + i), actor1=f"Clan {i}",
                                  assoc_actor_1=[f"Helpers of Clan {i}"], event_type="Protests",
                                  sub_event_type="Peaceful protest"))
        mentions = [Mention("actor", span("داعش"), value="isis", label="Islamic State")]
        out.append(ArticleResult(article=article(body, url=f"http://e/{i}", outlet=f"outlet{i % 2}"),
                                 mentions=mentions, events=evs))
    return out


def snapshot(repo: Repository) -> dict[str, Any]:
    """Everything the two write paths must agree on (timestamps aside)."""
    with repo.engine.connect() as conn:
        events = {r.event_id: (r.data, r.provenance, r.n_reports, r.admin1, r.actor1, r.assoc_actors)
                  for r in conn.execute(select(EventRow))}
        reports = sorted((r.article_id, r.event_id, r.position, r.match, r.revises, r.terms, r.data)
                         for r in conn.execute(select(ReportRow)))
        names = sorted(tuple(r) for r in conn.execute(select(EventNameRow.kind, EventNameRow.name, EventNameRow.key)))
        actors = sorted(tuple(r) for r in conn.execute(select(EventActorRow.event_id, EventActorRow.actor)))
        sources = sorted((r.outlet, r.n_articles) for r in conn.execute(select(SourceRow)))
    return {"events": events, "reports": reports, "names": names, "actors": actors, "sources": sources,
            "counts": repo.counts(), "search": [e.event_id for e in repo.query_events(text="قصف")]}


def test_bulk_add_writes_what_add_result_without_dedup_writes(store_url, tmp_path):
    other = str(tmp_path / "other.db") if store_url.startswith("postgresql") else store_url + ".2"
    with Repository(store_url) as bulk, Repository(other) as one_by_one:
        counts = bulk.bulk_add(results(), batch=4)
        for r in results():
            one_by_one.add_result(r, dedup=False)
        assert counts.to_dict() == {"articles": 6, "existing": 0, "events": 8, "reports": 8, "slow_path": 0}
        assert snapshot(bulk) == snapshot(one_by_one)
        assert bulk.bulk_add(results()).existing == 6  # nothing twice
        assert bulk.counts()["articles"] == 6


def test_bulk_add_sends_an_article_whose_event_id_is_taken_through_add_result(store_url):
    with Repository(store_url) as repo:
        first = results(1)
        repo.bulk_add(first)
        again = ArticleResult(article=article(TEXT + " ثانية", url="http://e/x"), events=[make_event(event_id="ev-0")])
        later = ArticleResult(article=article(TEXT + " ثالثة", url="http://e/y"), events=[make_event(event_id="ev-9")])
        counts = repo.bulk_add([again, later])
        assert counts.slow_path == 2 and counts.articles == 2  # the one behind it keeps its place in the order
        assert repo.explain("ev-0")["n_reports"] == 2
        assert repo.counts()["events"] == 3


def test_import_events_adds_new_ids_once_and_fills_the_names(store_url):
    with Repository(store_url) as repo:
        evs = [Event(event_id=f"acled:{i}", event_date=date(2021, 3, i + 1), event_type="Battles",
                     sub_event_type="Armed clash", country="Yemen", iso3="YEM", admin1="Taizz",
                     actor1="Houthis", assoc_actor_2=["Tribesmen (Yemen)"]) for i in range(5)]
        assert repo.import_events(evs + evs[:2], batch=3) == (5, 2)
        assert repo.import_events(evs) == (0, 5)
        assert len(repo.query_events(actor="TRIBESMEN", admin1="taiz", country="yem")) == 5


@pytest.fixture
def filled(store_url):
    with Repository(store_url) as repo:
        repo.bulk_add(results(9))
        yield repo


@pytest.mark.parametrize("kwargs, expected", [
    ({"admin1": "ANBAR"}, ["ev-6-b", "ev-3-b", "ev-0-b", "ev-6", "ev-3", "ev-0"]),  # part of the name, any case
    ({"admin1": "al-anbar", "limit": 2}, ["ev-6-b", "ev-3-b"]),
    ({"admin1": "nowhere"}, []),
    ({"actor": "helpers of clan 3"}, ["ev-3-b"]),  # an associated actor
    ({"actor": "clan 6"}, ["ev-6-b"]),
    ({"country": "syr", "since": date(2020, 1, 5)}, ["ev-8", "ev-5"]),
    ({"event_type": "peaceful PROTEST"}, ["ev-6-b", "ev-3-b", "ev-0-b"]),
    ({"event_type": "protests", "admin1": "anbar"}, ["ev-6-b", "ev-3-b", "ev-0-b"]),
])
def test_filters_match_names_case_insensitively(filled, kwargs, expected):
    assert [e.event_id for e in filled.query_events(**kwargs)] == expected
    if "limit" not in kwargs:  # stats limits groups, not events
        rows = filled.stats(["country"], EventFilter(**kwargs))
        assert sum(r["events"] for r in rows) == len(expected)


def test_common_and_rare_plans_give_the_same_events(filled, monkeypatch):
    cases = [EventFilter(text="قصف"), EventFilter(text="اشتباك", since=date(2020, 1, 3)),
             EventFilter(actor="islamic", limit=4), EventFilter(actor="clan", admin1="anbar")]
    rare = [[d["event_id"] for d in filled.iter_event_dicts(f)] for f in cases]
    monkeypatch.setattr(search, "COMMON_DOCS", 0)
    monkeypatch.setattr(query, "COMMON", 0)
    with filled.engine.connect() as conn:
        assert query.plan(conn, cases[2]).common_actor
        if filled.dialect == "sqlite":
            assert query.plan(conn, cases[0]).common_text
    common = [[d["event_id"] for d in filled.iter_event_dicts(f)] for f in cases]
    assert common == rare and all(rare)


def test_names_survive_a_refresh_and_a_rebuild(filled):
    filled.add_result(ArticleResult(article=article(TEXT + " جديد", url="http://e/n"),
                                    events=[make_event(event_id="ev-0", assoc_actor_2=["Tribe of Nobody"])]))
    assert [e.event_id for e in filled.query_events(actor="nobody")] == ["ev-0"]
    filled.rebuild_events()
    assert "ev-0" in [e.event_id for e in filled.query_events(actor="nobody")]


def test_migration_0006_fills_names_of_a_store_made_before_it(tmp_path):
    from alembic import command
    from alembic.config import Config

    from rasd.store.repository import MIGRATIONS_DIR

    path = tmp_path / "old.db"
    with Repository(str(path)) as repo:
        repo.bulk_add(results(3))
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        with repo.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0005_ingest")
            assert "event_names" not in {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
    with Repository(str(path)) as repo:  # opening migrates to the head again
        assert [e.event_id for e in repo.query_events(actor="helpers of clan 0")] == ["ev-0-b"]
        assert [e.event_id for e in repo.query_events(admin1="bagh")] == ["ev-1"]
        assert [e.event_id for e in repo.query_events(text="قصف")] == ["ev-1"]
