"""Search that understands Arabic, said the same way by the CLI and the API (issue 15, part A).

One small store, read both by `rasd events` / `rasd stats` (click's runner) and by the API (TestClient): an actor
asked in Arabic, by an English alias or by its ACLED name selects the same events; `q` finds Arabic words in the
reporting articles; an unknown country, region or actor gets "did you mean"; every filter of `rasd events` exists in
the API and an unknown query parameter is a 422.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from rasd.cli import cli
from rasd.model import Article, ArticleResult, Event
from rasd.store.repository import Repository

pytestmark = pytest.mark.filterwarnings("ignore:.*httpx2.*")

#: Islamic State's events: as actor1, localised as actor2 ("Islamic State (Iraq)"), and as an associated actor.
ISLAMIC_STATE = {"ev-is-1", "ev-is-2", "ev-is-assoc"}
#: The forms of one KB actor a user may type.
FORMS = ["Islamic State", "داعش", "ISIS", "تنظيم الدولة", "الدولة الإسلامية"]


def _results() -> list[ArticleResult]:
    def event(eid: str, day: int, **fields: object) -> Event:
        base = {"event_date": date(2021, 3, day), "time_precision": 1, "event_type": "Battles",
                "sub_event_type": "Armed clash", "country": "Iraq", "iso3": "IRQ", "admin1": "Baghdad",
                "admin2": "Karkh", "location": "Baghdad", "latitude": 33.3, "longitude": 44.4, "geo_precision": 2,
                "fatalities": 0}
        return Event(event_id=eid, **{**base, **fields})

    rows = [
        (event("ev-is-1", 1, actor1="Islamic State", actor2="Military Forces of Iraq (2020-)", fatalities=4,
               admin1="Ninewa", admin2="Mosul", location="Mosul", latitude=36.34, longitude=43.13),
         "هاجم تنظيم داعش نقطة للجيش العراقي في الموصل وقتل أربعة جنود"),
        (event("ev-is-2", 2, actor1="Military Forces of Iraq (2020-)", actor2="Islamic State (Iraq)"),
         "قصف الجيش العراقي مواقع لتنظيم الدولة"),
        (event("ev-is-assoc", 3, actor1="Unidentified Armed Group (Iraq)", assoc_actor_1=["Islamic State"],
               actor2="Civilians (Iraq)", event_type="Violence against civilians", sub_event_type="Attack"),
         "مسلحون مجهولون يساندهم عناصر من داعش يهاجمون قرية"),
        (event("ev-crisis", 4, actor1="Crisis Response Team", event_type="Strategic developments",
               sub_event_type="Other"),  # "crISIS": a name that merely contains the letters of an alias
         "وصل فريق الاستجابة للأزمات إلى المدينة"),
        (event("ev-car-bomb", 5, actor1="Unidentified Armed Group (Iraq)", actor2="Civilians (Iraq)",
               event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED",
               fatalities=7, notes="A parked car exploded near a market."),
         "انفجرت سيارة مفخخة قرب سوق شعبي في بغداد"),
    ]
    out = []
    for ev, text in rows:
        art = Article(text=text, title=text[:20], url=f"https://example.org/{ev.event_id}", outlet="okaz",
                      published=ev.event_date, published_how="given", language="ar")
        ev.article_ids = [art.article_id]
        out.append(ArticleResult(article=art, events=[ev]))
    return out


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(Path(tmp_path_factory.mktemp("search")) / "search.db")
    with Repository(path) as repo:
        for result in _results():
            assert repo.add_result(result, dedup=False)
    return path


@pytest.fixture(scope="module")
def client(store: str):
    from fastapi.testclient import TestClient

    from rasd.api.app import create_app

    app = create_app(store)
    with TestClient(app) as c:
        yield c
    app.state.repo.close()


def cli_ids(store: str, *args: str) -> set[str]:
    result = CliRunner().invoke(cli, ["events", "--db", store, "--format", "jsonl", *args])
    assert result.exit_code == 0, result.stderr
    return {json.loads(line)["event_id"] for line in result.stdout.splitlines()}


def api_ids(client, **params: object) -> set[str]:
    response = client.get("/api/events", params={**params, "limit": 1000})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["events"])
    return {ev["event_id"] for ev in body["events"]}


@pytest.mark.parametrize("form", FORMS)
def test_every_form_of_an_actor_selects_the_same_events_in_the_cli_and_the_api(store, client, form):
    assert cli_ids(store, "--actor", form) == ISLAMIC_STATE
    assert api_ids(client, actor=form) == ISLAMIC_STATE
    stats = client.get("/api/stats", params={"actor": form}).json()
    assert stats["events"] == len(ISLAMIC_STATE)


def test_the_sides_only_leave_the_associated_actor_out(store, client):
    assert cli_ids(store, "--actor", "داعش", "--no-associated") == {"ev-is-1", "ev-is-2"}
    assert api_ids(client, actor="ISIS", associated="false") == {"ev-is-1", "ev-is-2"}


def test_a_name_the_kb_does_not_know_still_matches_part_of_a_stored_name(store, client):
    assert cli_ids(store, "--actor", "response team") == {"ev-crisis"} == api_ids(client, actor="response team")


def test_cli_stats_resolve_the_actor_too(store):
    def events(form: str) -> int:
        result = CliRunner().invoke(cli, ["stats", "--db", store, "--by", "country", "--format", "json",
                                          "--actor", form])
        assert result.exit_code == 0, result.stderr
        return sum(row["events"] for row in json.loads(result.stdout))

    assert events("داعش") == events("ISIS") == events("Islamic State") == len(ISLAMIC_STATE)


def test_q_searches_the_arabic_of_the_reporting_articles_and_the_notes(client):
    assert api_ids(client, q="مفخخة") == {"ev-car-bomb"}
    assert api_ids(client, q="بالمفخخة") == {"ev-car-bomb"}  # clitics ignored, as `--text` does
    assert api_ids(client, q="parked car") == {"ev-car-bomb"}  # the notes
    assert api_ids(client, q="mosul") == {"ev-is-1"}  # names, as before


def test_an_unknown_country_gets_did_you_mean_in_the_cli_and_the_api(store, client):
    result = CliRunner().invoke(cli, ["events", "--db", store, "--country", "Irak"])
    assert result.exit_code != 0 and "did you mean" in result.stderr and "'Iraq'" in result.stderr
    response = client.get("/api/events", params={"country": "Irak"})
    assert response.status_code == 422 and "Iraq" in response.json()["did_you_mean"]
    response = client.get("/api/events", params={"admin1": "Baghdda"})
    assert response.status_code == 422 and "Baghdad" in response.json()["did_you_mean"]
    response = client.get("/api/stats", params={"actor": "Islamc State"})
    assert response.status_code == 422 and "Islamic State" in response.json()["did_you_mean"]


def test_a_known_name_without_events_is_zero_events_not_an_error(store, client):
    assert cli_ids(store, "--country", "Yemen") == set() == api_ids(client, country="YEM")
    assert api_ids(client, admin1="Basra") == set()  # a real governorate, not a typo of a stored one
    assert api_ids(client, actor="Houthis") == set()  # a KB actor


def test_every_filter_of_rasd_events_is_in_the_api(store, client):
    """Each of these was ignored by the API before (every event came back): now both say the same."""
    for cli_args, params in [(["--admin2", "mosul"], {"admin2": "mosul"}),
                             (["--min-fatalities", "5"], {"min_fatalities": 5}),
                             (["--bbox", "43,36,44,37"], {"bbox": "43,36,44,37"}),
                             (["--text", "مفخخة"], {"text": "مفخخة"})]:
        want = cli_ids(store, *cli_args)
        assert 0 < len(want) < len(_results()) and api_ids(client, **params) == want, cli_args


@pytest.mark.parametrize("path", ["/api/events", "/api/stats"])
def test_an_unknown_query_parameter_is_a_422_listing_the_accepted_ones(client, path):
    response = client.get(path, params={"country": "Iraq", "admin3": "Karkh"})
    assert response.status_code == 422
    message = response.json()["message"]
    assert "admin3" in message and all(name in message for name in ("admin2", "min_fatalities", "bbox", "q"))
    assert client.get(path, params={"country": "Iraq"}).status_code == 200


def test_a_page_is_cached_with_an_etag(client):
    first = client.get("/api/events", params={"actor": "داعش"})
    again = client.get("/api/events", params={"actor": "داعش"}, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


def test_kb_lookup_finds_a_place_by_its_english_name():
    result = CliRunner().invoke(cli, ["kb", "lookup", "Mosul"])
    assert result.exit_code == 0, result.stderr
    found = [json.loads(line) for line in result.stdout.splitlines()]
    assert any(e["kind"] == "place" and e["name"] == "Mosul" and e["iso3"] == "IRQ" for e in found)


def test_a_write_by_another_process_shows_at_once_despite_the_caches(tmp_path: Path):
    """Totals and pages are cached (long, on SQLite), but tied to the store file's stamp: an article stored by
    another writer (`rasd run` beside the server) is counted on the next request, with a new ETag."""
    from fastapi.testclient import TestClient

    from rasd.api.app import create_app

    path = str(tmp_path / "two-writers.db")
    first, second, *_ = _results()
    with Repository(path) as repo:
        repo.add_result(first, dedup=False)
    app = create_app(path)
    with TestClient(app) as c:
        before = c.get("/api/events")
        assert before.json()["total"] == 1 and c.get("/api/stats").json()["events"] == 1
        assert c.get("/api/events").headers["etag"] == before.headers["etag"]  # the cached page
        with Repository(path) as other:  # another writer, not through the API
            other.add_result(second, dedup=False)
        after = c.get("/api/events")
        assert after.json()["total"] == 2 and after.headers["etag"] != before.headers["etag"]
        assert c.get("/api/stats").json()["events"] == 2
    app.state.repo.close()
