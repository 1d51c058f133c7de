"""Dedup inside the store (SQLite and PostgreSQL): reports link to events, ids stay stable, merges are explained,
and the query side (text search, bounding box, fatalities, stats) sees events, not reports."""

from __future__ import annotations

from datetime import date

import pytest

from rasd.errors import StoreError
from rasd.model import Article, ArticleResult, Event, Span
from rasd.store.query import EventFilter
from rasd.store.repository import Repository

BASE = "أعلنت مصادر أمنية أن مسلحين من داعش فجروا عبوة ناسفة في الرمادي مما أسفر عن مقتل {n} جنود"
OTHER = "قصفت طائرات النظام مدينة إدلب ما أدى إلى مقتل {n} مدنيين"


def article(text: str, outlet: str, day: int = 21) -> Article:
    return Article(text=text, title="", url=f"http://{outlet}.example/{abs(hash(text)) % 10**8}", outlet=outlet,
                   published=date(2015, 7, day), published_how="given")


def event(text: str, n: int, **kw) -> Event:
    trig = text.index("فجروا") if "فجروا" in text else text.index("قصفت")
    toll = text.index("مقتل")
    fields = dict(event_date=date(2015, 7, 20), time_precision=1, disorder_type="Political violence",
                  event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED",
                  actor1="Islamic State", actor2="Military Forces of Iraq (2014-2018)", country="Iraq", iso3="IRQ",
                  admin1="Al-Anbar", location="Ramadi", latitude=33.42, longitude=43.30, geo_precision=1,
                  fatalities=n, confidence=0.6,
                  evidence={"event_type": Span.of(text, trig, trig + 5), "fatalities": Span.of(text, toll, toll + 8)})
    fields.update(kw)
    return Event(**fields)


def add(repo: Repository, text: str, outlet: str, n: int, day: int = 21, **kw) -> Article:
    art = article(text, outlet, day)
    ev = event(text, n, **kw)
    ev.event_id = f"{outlet}-{day}-{n}"
    assert repo.add_result(ArticleResult(article=art, events=[ev]))
    return art


@pytest.fixture
def repo(store_url: str):
    with Repository(store_url) as r:
        yield r


def test_reports_of_one_event_merge_with_a_stable_id_and_the_lowest_toll(repo):
    add(repo, BASE.format(n=5), "okaz", 5)
    (first,) = repo.query_events()
    add(repo, BASE.format(n=7) + " وإصابة آخرين", "alyaum", 7)
    add(repo, OTHER.format(n=9), "sabq", 9, event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike", actor1="Military Forces of Syria", actor2="Civilians (Syria)",
        country="Syria", iso3="SYR", admin1="Idleb", location="Idleb", latitude=35.93, longitude=36.63)
    counts = repo.counts()
    assert counts["reports"] == 3 and counts["events"] == 2
    merged = repo.get_event(first.event_id)
    assert merged.fatalities == 5 and merged.sources == ["okaz", "alyaum"] and len(merged.article_ids) == 2
    assert [a.url for a in repo.articles_for_event(first.event_id)] == merged.urls


def test_explain_says_why_and_where_fields_came_from(repo):
    a = add(repo, BASE.format(n=5), "okaz", 5)
    b = add(repo, BASE.format(n=4) + " في حصيلة أولية", "alyaum", 4)
    (ev,) = repo.query_events()
    ex = repo.explain(ev.event_id)
    assert ex["n_reports"] == 2 and [r["article_id"] for r in ex["reports"]] == [a.article_id, b.article_id]
    assert ex["reports"][0]["match"]["matched"] is False
    second = ex["reports"][1]["match"]
    assert second["matched"] and second["reasons"]["date"] == "same day" and "km apart" in second["reasons"]["place"]
    assert ex["provenance"]["fatalities"] == {"article_id": b.article_id, "rule": "lowest reported figure (4, 5)"}
    assert ex["reports"][1]["fields"]["fatalities"] == 4 and repo.explain("nope") is None


def test_same_article_events_stay_apart_and_other_days_do_not_merge(repo):
    text = BASE.format(n=5)
    art = article(text, "okaz")
    one, two = event(text, 5), event(text, 5)
    one.event_id, two.event_id = "e1", "e2"
    repo.add_result(ArticleResult(article=art, events=[one, two]))
    add(repo, BASE.format(n=6), "alyaum", 6, day=23, event_date=date(2015, 7, 22))
    assert repo.counts()["events"] == 3


def test_incremental_runs_give_the_same_events_as_one_run(store_url, tmp_path):
    texts = [(BASE.format(n=n), o, n) for n, o in ((5, "okaz"), (6, "alyaum"), (7, "sabq"))]
    with Repository(store_url) as repo:
        for text, outlet, n in texts[:2]:
            add(repo, text, outlet, n)
        before = {e.event_id for e in repo.query_events()}
        add(repo, *texts[2])
        after = repo.query_events()
        assert {e.event_id for e in after} == before and len(after[0].article_ids) == 3
        # Rebuilding with the same rules reproduces the same events and ids.
        assert repo.rebuild_events() == 1 and {e.event_id for e in repo.query_events()} == before
        assert repo.rebuild_events(dedup=False) == 3


def test_text_search_bbox_fatalities_and_stats(repo):
    add(repo, BASE.format(n=5), "okaz", 5)
    add(repo, OTHER.format(n=9), "sabq", 9, sub_event_type="Air/drone strike", actor1="Military Forces of Syria",
        actor2="Civilians (Syria)", country="Syria", iso3="SYR", admin1="Idleb", admin2="Idleb", location="Idleb",
        latitude=35.93, longitude=36.63)

    def ids(**kw):
        return [e.country for e in repo.query_events(**kw)]

    assert ids(text="الرمادي") == ["Iraq"] and ids(text="بالرمادي") == ["Iraq"]  # clitics do not matter
    assert ids(text="طائرات إدلب") == ["Syria"] and ids(text="طائرات الرمادي") == []
    assert ids(bbox=(42.0, 32.0, 45.0, 34.0)) == ["Iraq"] and ids(min_fatalities=6) == ["Syria"]
    assert ids(admin2="idl") == ["Syria"]
    with pytest.raises(StoreError):
        repo.query_events(text="!!")
    rows = repo.stats(["week", "country"], EventFilter())
    assert {(r["week"], r["country"], r["events"], r["fatalities"]) for r in rows} == {
        ("2015-07-18", "Iraq", 1, 5), ("2015-07-18", "Syria", 1, 9)}  # Saturday weeks
    assert repo.stats(["month"], EventFilter(country="SYR")) == [
        {"month": "2015-07", "events": 1, "reports": 1, "fatalities": 9}]
    with pytest.raises(StoreError):
        repo.stats(["nonsense"], EventFilter())
    assert [d["event_id"] for d in repo.iter_event_dicts(EventFilter(country="Iraq"))] == ["okaz-21-5"]
