"""The API's event filters are the store's: GET /api/events, its total and /api/stats select exactly the events
`Repository.query_events` (what `rasd events` prints) selects, for the same admin1 / actor / type / country / date
filters, including the cases where a hand-written SQL filter would differ (non-ASCII case folding, a part spanning two
associated actors, LIKE wildcards in the input)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from api_samples import sample_results

from rasd.model import Article, ArticleResult, Event
from rasd.store.repository import Repository

pytestmark = pytest.mark.filterwarnings("ignore:.*httpx2.*")


def _extra() -> list[ArticleResult]:
    """Events whose names trip naive SQL filters: accented capitals (SQLite's lower() folds ASCII only), several
    associated actors, an underscore and a percent sign in names."""
    events = [
        Event(event_id="ev-salah", event_date=date(2020, 2, 3), time_precision=1, event_type="Battles",
              sub_event_type="Armed clash", actor1="ÉTAT Islamique", actor2="Forces Kurdes",
              assoc_actor_1=["Tribal Militia"], assoc_actor_2=["Civilians (Iraq)", "Forces Locales"],
              country="Iraq", iso3="IRQ", admin1="ṢALĀḤ AD-DĪN", location="Tikrit", latitude=34.6, longitude=43.68,
              geo_precision=2, fatalities=1),
        Event(event_id="ev-pct", event_date=date(2020, 3, 1), time_precision=1,
              event_type="Violence against civilians", sub_event_type="Attack", actor1="Group_100%",
              actor2="Civilians (Syria)", country="Syria", iso3="SYR", admin1="Idleb_North 50%", location="Idleb",
              latitude=35.93, longitude=36.63, geo_precision=2, fatalities=0),
        Event(event_id="ev-kirkuk", event_date=date(2020, 1, 12), time_precision=1,
              event_type="Strategic developments", sub_event_type="Arrests", actor1="Police Forces of Iraq",
              country="Iraq", iso3="IRQ", admin1="Kirkuk", location="Kirkuk", latitude=35.47, longitude=44.39,
              geo_precision=1),
    ]
    out = []
    for i, ev in enumerate(events):
        art = Article(text=f"خبر رقم {i} عن حادث في {ev.location}", title=f"خبر {i}", url=f"https://example.org/x{i}",
                      outlet="okaz", published=ev.event_date, published_how="given", language="ar")
        ev.article_ids = [art.article_id]
        out.append(ArticleResult(article=art, events=[ev]))
    return out


@pytest.fixture
def both(tmp_path: Path):
    """(API test client, the same store as a Repository)."""
    from fastapi.testclient import TestClient

    from rasd.api.app import create_app

    path = str(tmp_path / "same.db")
    with Repository(path) as repo:
        for result in [*sample_results(), *_extra()]:
            assert repo.add_result(result, dedup=False)
    app = create_app(path)
    repo = Repository(path)
    with TestClient(app) as client:
        yield client, repo
    repo.close()
    app.state.repo.close()


# (API query parameters, Repository.query_events keyword arguments): the same filter said both ways.
CASES = [
    ({"admin1": "anbar"}, {"admin1": "anbar"}),
    ({"admin1": "BAGH"}, {"admin1": "BAGH"}),
    ({"admin1": "ṣalāḥ"}, {"admin1": "ṣalāḥ"}),
    ({"admin1": "_north 50%"}, {"admin1": "_north 50%"}),
    ({"admin1": "a%b"}, {"admin1": "a%b"}),
    ({"actor": "islamic"}, {"actor": "islamic"}),
    ({"actor": "état"}, {"actor": "état"}),
    ({"actor": "civilians"}, {"actor": "civilians"}),
    ({"actor": "forces locales"}, {"actor": "forces locales"}),
    ({"actor": "militia; civ"}, {"actor": "militia; civ"}),
    ({"actor": "_100%"}, {"actor": "_100%"}),
    ({"type": "battles"}, {"event_type": "battles"}),
    ({"type": "AIR/DRONE STRIKE"}, {"event_type": "AIR/DRONE STRIKE"}),
    ({"type": "Explosions/Remote violence"}, {"event_type": "Explosions/Remote violence"}),
    ({"type": "armed"}, {"event_type": "armed"}),
    ({"country": "irq"}, {"country": "irq"}),
    ({"country": "syria", "actor": "civilians"}, {"country": "syria", "actor": "civilians"}),
    ({"admin1": "a", "type": "battles", "since": "2020-01-13"},
     {"admin1": "a", "event_type": "battles", "since": date(2020, 1, 13)}),
    ({"actor": "forces", "until": "2020-01-31"}, {"actor": "forces", "until": date(2020, 1, 31)}),
]


@pytest.mark.parametrize(("params", "kwargs"), CASES, ids=[str(p) for p, _ in CASES])
def test_api_selects_what_the_repository_selects(both, params, kwargs):
    client, repo = both
    want = sorted(ev.event_id for ev in repo.query_events(**kwargs))
    body = client.get("/api/events", params={**params, "limit": 100}).json()
    assert sorted(ev["event_id"] for ev in body["events"]) == want
    assert body["total"] == len(want)
    stats = client.get("/api/stats", params=params).json()
    assert stats["events"] == len(want)
    assert sum(t["events"] for t in stats["by_type"]) == len(want)


def test_the_cases_are_not_trivial(both):
    """Each case above selects some but not all events (except the deliberate no-match ones), so the comparison says
    something; and the cases a naive `lower(col) LIKE` filter gets wrong are among them."""
    _client, repo = both
    everything = len(repo.query_events())
    sizes = {str(p): len(repo.query_events(**k)) for p, k in CASES}
    assert all(0 <= n < everything for n in sizes.values())
    assert sizes[str({"admin1": "ṣalāḥ"})] == 1 and sizes[str({"actor": "état"})] == 1  # full Unicode case folding
    assert sizes[str({"actor": "militia; civ"})] == 0  # a part spanning two associated actors is no actor's name
    assert sizes[str({"admin1": "a%b"})] == 0 and sizes[str({"actor": "_100%"})] == 1  # wildcards are literal
    assert sizes[str({"type": "armed"})] == 0 and sizes[str({"type": "battles"})] == 3


@pytest.mark.parametrize("q", ["anbar", "IED", "civilians", "tikrit", "FORCES", "%", "nothing-like-this"])
def test_q_matches_a_part_of_any_name_as_documented(both, q):
    """`q` (the API's own quick search, which the CLI has no option for) matches a part of any place, actor, sub-event
    type or weapon name, any case: checked against the events the Repository returns."""
    client, repo = both
    fields = ("location", "admin1", "admin2", "admin3", "country", "actor1", "actor2", "sub_event_type", "weapon")
    want = sorted(ev.event_id for ev in repo.query_events()
                  if any(q.lower() in (getattr(ev, f) or "").lower() for f in fields)
                  or any(q.lower() in a.lower() for a in [*ev.assoc_actor_1, *ev.assoc_actor_2]))
    body = client.get("/api/events", params={"q": q, "limit": 100}).json()
    assert sorted(ev["event_id"] for ev in body["events"]) == want
