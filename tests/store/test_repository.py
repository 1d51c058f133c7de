"""The store: migrations, idempotent writes, event round trip with evidence, filters, counts and summary."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from rasd.config import db_url, resolve_db, sqlite_path
from rasd.errors import StoreError
from rasd.model import Article, ArticleResult, Event, Mention, Span
from rasd.store.repository import Repository

TEXT = "هاجم مسلحون من داعش نقطة للجيش العراقي قرب الرطبة فقتلوا جنديين وأصابوا أربعة."


def span(fragment: str, text: str = TEXT) -> Span:
    start = text.index(fragment)
    return Span.of(text, start, start + len(fragment))


def make_event(**overrides) -> Event:
    fields = dict(
        event_id="ev-1", event_date=date(2020, 1, 12), time_precision=1, date_text="الأحد",
        disorder_type="Political violence", event_type="Battles", sub_event_type="Armed clash",
        actor1="Islamic State", actor2="Military Forces of Iraq (2018-)", assoc_actor_1=["Tribal Militia"],
        actor1_id="isis", inter1="Rebel group", inter2="State forces", interaction="State forces-Rebel group",
        country="Iraq", iso3="IRQ", admin1="Al-Anbar", admin2="Ar-Ratba", location="Ar-Rutbah",
        latitude=33.04, longitude=40.28, geo_precision=2, location_offset={"km": 10, "bearing_deg": 0,
                                                                            "anchor": "Ar-Rutbah"},
        fatalities=2, injured=4, weapon="small arms", modality="occurred", attribution="security sources",
        notes="Islamic State attacked an Iraqi army post near Rutbah.",
        evidence={"actor1": span("داعش"), "location": span("الرطبة"), "fatalities": span("فقتلوا جنديين")},
        missing={"admin3": "not stated"}, confidence=0.8,
    )
    fields.update(overrides)
    return Event(**fields)


@pytest.fixture
def repo(store_url: str) -> Repository:
    with Repository(store_url) as r:
        yield r


def article(text: str = TEXT, **kw) -> Article:
    return Article(text=text, title="عنوان", url=kw.pop("url", "http://example.org/1"), outlet=kw.pop("outlet", "okaz"),
                   published=date(2020, 1, 16), published_how="given", **kw)


def test_event_round_trip_keeps_the_contract_and_evidence(repo):
    ev = make_event()
    art = article()
    mentions = [Mention("actor", span("داعش"), value="isis", label="Islamic State")]
    assert repo.add_result(ArticleResult(article=art, mentions=mentions, events=[ev])) is True
    (back,) = repo.query_events()
    expected = ev.to_dict()
    expected.update(article_ids=[art.article_id], urls=["http://example.org/1"], sources=["okaz"])
    assert back.to_dict() == expected
    assert back.evidence["fatalities"] == Span(TEXT.index("فقتلوا"), TEXT.index("فقتلوا") + 13, "فقتلوا جنديين")
    assert TEXT[back.evidence["location"].start:back.evidence["location"].end] == back.evidence["location"].text
    assert repo.get_event("ev-1").to_dict() == expected
    assert repo.counts() == {"articles": 1, "articles_skipped": 0, "events": 1, "reports": 1, "mentions": 1,
                            "sources": 1}


def test_add_result_is_idempotent_by_article_id(repo):
    result = ArticleResult(article=article(), events=[make_event()])
    assert repo.add_result(result) is True
    assert repo.add_result(result) is False
    # same text with other whitespace: same article_id, still nothing added
    assert repo.add_result(ArticleResult(article=article(TEXT.replace(" ", "  ")), events=[make_event()])) is False
    assert repo.counts()["articles"] == 1 and repo.counts()["events"] == 1 and repo.counts()["reports"] == 1


def test_same_event_from_two_articles_is_one_event_two_reports(repo):
    repo.add_result(ArticleResult(article=article(), events=[make_event()]))
    other = article(TEXT + " وفق مصادر أمنية.", url="http://example.org/2", outlet="alyaum")
    repo.add_result(ArticleResult(article=other, events=[make_event()]))
    (ev,) = repo.query_events()
    assert ev.urls == ["http://example.org/1", "http://example.org/2"]
    assert ev.sources == ["okaz", "alyaum"] and len(ev.article_ids) == 2
    assert repo.counts()["events"] == 1 and repo.counts()["reports"] == 2


def test_events_without_ids_get_stable_distinct_ids(repo):
    art = article()
    repo.add_result(ArticleResult(article=art, events=[make_event(event_id=""), make_event(event_id="")]))
    ids = {e.event_id for e in repo.query_events()}
    assert len(ids) == 2 and all(i.startswith("ev-") for i in ids)


def test_skipped_article_is_stored_and_counted(repo):
    repo.add_result(ArticleResult(article=article("This is English."), skipped="not Arabic"))
    assert repo.counts()["articles_skipped"] == 1 and repo.counts()["events"] == 0


@pytest.fixture
def varied(repo) -> Repository:
    specs = [
        ("ev-a", date(2020, 1, 12), "Iraq", "IRQ", "Al-Anbar", "Islamic State", "Battles", "Armed clash"),
        ("ev-b", date(2020, 1, 20), "Iraq", "IRQ", "Baghdad", "Unidentified Armed Group (Iraq)",
         "Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ("ev-c", date(2019, 6, 1), "Syria", "SYR", "Deir ez-Zor", "Military Forces of Syria (2000-)",
         "Explosions/Remote violence", "Air/drone strike"),
        ("ev-d", None, "Iraq", "IRQ", None, "Police Forces of Iraq (2018-)", "Protests", "Peaceful protest"),
    ]
    for i, (eid, day, country, iso3, admin1, actor1, etype, sub) in enumerate(specs):
        ev = make_event(event_id=eid, event_date=day, country=country, iso3=iso3, admin1=admin1, actor1=actor1,
                        actor2=None, assoc_actor_1=["Tribal 100% Militia"] if eid == "ev-c" else [],
                        event_type=etype, sub_event_type=sub, fatalities=i)
        repo.add_result(ArticleResult(article=article(f"{TEXT} {i}", url=f"http://e/{i}"), events=[ev]))
    return repo


@pytest.mark.parametrize("kwargs, expected", [
    ({}, ["ev-b", "ev-a", "ev-c", "ev-d"]),  # newest first, undated last
    ({"since": date(2020, 1, 1)}, ["ev-b", "ev-a"]),
    ({"until": date(2020, 1, 12)}, ["ev-a", "ev-c"]),
    ({"since": date(2020, 1, 13), "until": date(2020, 1, 31)}, ["ev-b"]),
    ({"country": "syria"}, ["ev-c"]),
    ({"country": "irq"}, ["ev-b", "ev-a", "ev-d"]),
    ({"admin1": "anbar"}, ["ev-a"]),
    ({"actor": "islamic"}, ["ev-a"]),
    ({"actor": "100%"}, ["ev-c"]),  # an associated actor; LIKE wildcards are taken literally
    ({"actor": "%"}, ["ev-c"]),
    ({"event_type": "explosions/remote violence"}, ["ev-b", "ev-c"]),
    ({"event_type": "Air/drone strike"}, ["ev-c"]),
    ({"country": "Iraq", "event_type": "Battles", "since": date(2020, 1, 1)}, ["ev-a"]),
    ({"limit": 1}, ["ev-b"]),
])
def test_query_filters(varied, kwargs, expected):
    assert [e.event_id for e in varied.query_events(**kwargs)] == expected


def test_summary_aggregates(varied):
    s = varied.summary()
    assert s["articles"] == 4 and s["events"] == 4 and s["reports"] == 4
    assert s["by_type"][0] == {"event_type": "Explosions/Remote violence", "events": 2}
    assert {"country": "Syria", "admin1": "Deir ez-Zor", "events": 1} in s["by_admin1"]
    assert {"country": "Iraq", "admin1": "(unknown)", "events": 1} in s["by_admin1"]
    assert s["top_actors"][0] == {"actor": "Islamic State", "events": 1}  # ties broken by name
    assert sum(a["events"] for a in s["top_actors"]) == 4
    assert (s["first_event_date"], s["last_event_date"]) == ("2019-06-01", "2020-01-20")
    assert s["fatalities"] == 0 + 1 + 2 + 3


def test_sqlite_file_is_wal_and_migrated(tmp_path):
    path = tmp_path / "sub" / "dir" / "w.db"
    Repository(str(path)).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("pragma journal_mode").fetchone()[0] == "wal"
        assert conn.execute("select version_num from alembic_version").fetchone()[0] == _head_revision()
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
    assert {"articles", "events", "reports", "mentions"} <= tables
    Repository(str(path)).close()  # opening again does not migrate twice or fail


def test_migration_matches_the_models(store_url):
    """The Alembic revisions and schema.py describe the same tables (autogenerate finds nothing to do)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from rasd.store.schema import Base, include_name

    repo = Repository(store_url)
    with repo.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"include_name": include_name}), Base.metadata)
    repo.close()
    assert diff == []


def test_sqlalchemy_url_and_memory(tmp_path):
    with Repository(f"sqlite:///{tmp_path / 'u.db'}") as repo:
        repo.add_result(ArticleResult(article=article(), events=[make_event()]))
        assert repo.path == tmp_path / "u.db"
    with Repository(":memory:") as mem:
        assert mem.path is None and mem.counts()["articles"] == 0


def test_unopenable_store_raises_store_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot open store"):
        Repository(str(blocker / "db.sqlite"))
    with pytest.raises(StoreError):
        Repository("nosuchdialect://host/db")


def test_config_resolution(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("RASD_DB", raising=False)
    assert resolve_db() == "rasd.db"
    (tmp_path / "rasd.toml").write_text('[store]\ndb = "from-toml.db"\n')
    assert resolve_db() == "from-toml.db"
    monkeypatch.setenv("RASD_DB", "from-env.db")
    assert resolve_db() == "from-env.db"
    assert resolve_db("flag.db") == "flag.db"
    assert db_url("a/b.db") == "sqlite:///a/b.db"
    assert db_url("postgresql://u@h/rasd") == "postgresql://u@h/rasd"
    assert sqlite_path("sqlite:///a/b.db") == Path("a/b.db") and sqlite_path("postgresql://h/x") is None


def test_schema_and_queries_compile_for_postgresql():
    """Portability: the migration emits PostgreSQL DDL and the event query compiles for it (no server needed)."""
    import io

    from alembic import command
    from alembic.config import Config
    from sqlalchemy.dialects import postgresql

    from rasd.store.repository import MIGRATIONS_DIR, events_query

    buf = io.StringIO()
    cfg = Config(output_buffer=buf)
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", "postgresql://rasd@localhost/rasd")
    command.upgrade(cfg, "head", sql=True)
    ddl = buf.getvalue()
    assert "CREATE TABLE events" in ddl and "JSON NOT NULL" in ddl and "PRAGMA" not in ddl
    stmt = events_query(since=date(2020, 1, 1), country="Iraq", admin1="anbar", actor="state", event_type="Battles",
                        limit=5)
    sql = str(stmt.compile(dialect=postgresql.dialect()))
    assert "event_names.key LIKE" in sql and "ESCAPE" in sql and "LIMIT" in sql
    assert "CREATE TABLE event_names" in ddl and "CREATE TABLE event_actors" in ddl


def test_articles_behind_an_event_hold_its_evidence(repo):
    first, second = article(), article(TEXT + " وفق مصادر أمنية.", url="http://example.org/2")
    repo.add_result(ArticleResult(article=first, events=[make_event()]))
    repo.add_result(ArticleResult(article=second, events=[make_event()]))
    stored = repo.articles_for_event("ev-1")
    assert [a.article_id for a in stored] == [first.article_id, second.article_id]
    back = repo.get_article(first.article_id)
    assert back.text == TEXT and back.published == date(2020, 1, 16) and back.url == "http://example.org/1"
    ev = repo.get_event("ev-1")
    for s in ev.evidence.values():
        assert back.text[s.start:s.end] == s.text
    assert repo.get_article("0" * 64) is None and repo.articles_for_event("nope") == []


def _head_revision() -> str:
    """The newest migration shipped with the package (the store must be migrated to it on open)."""
    from importlib import resources

    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("rasd.store").joinpath("migrations")))
    return ScriptDirectory.from_config(cfg).get_current_head()
