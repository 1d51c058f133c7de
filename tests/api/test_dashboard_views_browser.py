"""The dashboard's world map, URL state, sorting, Reset and review box, in headless Chromium (as
test_api_dashboard_browser.py: Debian's /usr/bin/chromium driven by Playwright).

The store: the API tests' hand-built events (Iraq, Syria) plus one in Turkey, so the map has events in three
countries. RASD_SCREENSHOT_DB names another store to run on instead (the docs' screenshots are taken on the demo
store: see docs/dashboard.md); RASD_SCREENSHOT_DIR keeps the screenshots.
"""

from __future__ import annotations

import os
from datetime import date
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from api_liveserver import live_server
from api_samples import sample_results
from test_api_dashboard_browser import browser, page, screenshot, wait_ready  # noqa: F401 - shared fixtures

from rasd.model import Article, ArticleResult, Event
from rasd.store.repository import Repository

pytestmark = pytest.mark.server

THREE_COUNTRIES = ("Iraq", "Syria", "Turkey")
URFA_TEXT = "قتل جنديان تركيان في هجوم على نقطة عسكرية قرب سروج في ولاية شانلي أورفة."


def turkey_result() -> ArticleResult:
    art = Article(text=URFA_TEXT, title="", url="https://example.org/suruc", outlet="sabah",
                  published=date(2020, 1, 15), published_how="given", language="ar")
    ev = Event(event_id="ev-suruc", event_date=date(2020, 1, 14), time_precision=2, event_type="Battles",
               sub_event_type="Armed clash", actor1="Unidentified Armed Group (Turkey)",
               actor2="Military Forces of Turkey", country="Turkey", iso3="TUR", admin1="Sanliurfa",
               location="Suruc", latitude=36.98, longitude=38.42, geo_precision=1, fatalities=2,
               article_ids=[art.article_id])
    return ArticleResult(article=art, events=[ev])


@pytest.fixture(scope="module")
def server(tmp_path_factory, browser):  # noqa: F811 - the shared fixture, used
    from rasd.api.app import create_app
    from rasd.api.keys import create_key

    db = os.environ.get("RASD_SCREENSHOT_DB")
    if not db:
        db = str(tmp_path_factory.mktemp("views") / "views.db")
        with Repository(db) as repo:
            for result in [*sample_results(), turkey_result()]:
                assert repo.add_result(result)
    app = create_app(db)
    key, _ = create_key(app.state.repo, "browser-test")
    try:
        with live_server(app) as base:
            yield base, key
    except RuntimeError as exc:
        pytest.skip(f"cannot serve on 127.0.0.1: {exc}")
    finally:
        app.state.repo.close()


def busiest_admin1(base: str, country: str) -> str:
    rows = httpx.get(f"{base}/api/stats", params={"country": country, "top": 100}).json()["by_admin1"]
    return next(r["admin1"] for r in rows if r["admin1"] and r["admin1"] != "(unknown)")


def test_world_base_map_outlines_the_filtered_country_and_region(server, page, tmp_path):  # noqa: F811
    base, _key = server
    page.goto(base + "/")
    wait_ready(page)
    page.wait_for_selector("#map[data-basemap=ready]")
    stats = httpx.get(f"{base}/api/stats", params={"top": 100}).json()
    assert {r["country"] for r in stats["by_admin1"]} >= set(THREE_COUNTRIES)
    # Regions and countries are drawn (on canvas) everywhere, not only in Iraq: the base map covers the world.
    drawn = page.evaluate("""() => { const m = document.querySelector('#map');
        return { canvas: m.querySelectorAll('canvas').length, iraq: m.querySelectorAll('path.leaflet-interactive').length }; }""")
    assert drawn["canvas"] >= 1 and drawn["iraq"] >= 18
    screenshot(page, tmp_path, "dashboard-world-map.png")
    # The three countries' borders, with the map view itself from the URL (as a shared URL gives it).
    page.goto(base + "/?map=35.5,38.5,5.5")
    wait_ready(page)
    page.wait_for_selector("#map[data-basemap=ready]")
    assert page.url.endswith("map=35.5%2C38.5%2C5.5") or page.url.endswith("map=35.5,38.5,5.5")
    screenshot(page, tmp_path, "dashboard-iraq-syria-turkey.png")
    for country in THREE_COUNTRIES:
        page.select_option("#filters select[name=country]", country)
        wait_ready(page)
        assert page.get_attribute("#map", "data-outlined") == "country", country
        assert page.locator("#map .leaflet-outline-pane path").count() >= 1
    admin1 = busiest_admin1(base, "Syria")
    page.select_option("#filters select[name=country]", "Syria")
    wait_ready(page)
    page.select_option("#filters select[name=admin1]", admin1)
    wait_ready(page)
    assert page.get_attribute("#map", "data-outlined") == "country region", admin1
    screenshot(page, tmp_path, "dashboard-syria-region.png")
    assert not page.errors, page.errors


def test_sortable_table_with_id_precision_and_background(server, page):  # noqa: F811
    base, _key = server
    page.goto(base + "/")
    wait_ready(page)
    headers = page.locator("table.events thead th").all_text_contents()
    assert headers[:3] == ["Id", "Date", "Date precision"] and "Background" in headers
    ids = page.locator("table.events td[data-key=event_id]").all_text_contents()
    expected = httpx.get(f"{base}/api/events", params={"limit": 1000}).json()["events"]
    assert ids[:50] == [ev["event_id"] for ev in expected][:50]
    page.click("table.events th[data-key=fatalities] button")
    wait_ready(page)
    page.click("table.events th[data-key=fatalities] button")  # second click: descending
    values = [v for v in page.locator("table.events td[data-key=fatalities]").all_text_contents() if v != "—"]
    assert values and [int(v) for v in values] == sorted((int(v) for v in values), reverse=True)
    assert parse_qs(urlparse(page.url).query)["sort"] == ["fatalities"]
    assert parse_qs(urlparse(page.url).query)["dir"] == ["desc"]


def test_a_shared_url_reproduces_the_filtered_view(server, browser, tmp_path):  # noqa: F811
    base, _key = server
    admin1 = busiest_admin1(base, "Iraq")
    first = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    first.goto(base + "/")
    wait_ready(first)
    first.select_option("#filters select[name=country]", "Iraq")
    wait_ready(first)
    first.select_option("#filters select[name=admin1]", admin1)
    wait_ready(first)
    first.click("table.events th[data-key=event_date] button")
    event_id = first.locator("table.events tbody tr").first.get_attribute("data-event-id")
    first.click(f"table.events tbody tr[data-event-id='{event_id}']")
    first.wait_for_selector("#event-panel[data-state=ready]")
    shared = first.url
    query = parse_qs(urlparse(shared).query)
    assert query.pop("map", ["0,0,0"])[0].count(",") == 2  # where the map was, if it moved to show the event
    assert query == {"country": ["Iraq"], "admin1": [admin1], "sort": ["event_date"], "dir": ["asc"],
                     "event": [event_id]}
    rows = first.locator("table.events td[data-key=event_id]").all_text_contents()
    status = first.text_content("#status")

    other = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()  # another analyst
    other.goto(shared)
    wait_ready(other)
    other.wait_for_selector(f"#event-panel[data-event-id='{event_id}'][data-state=ready]")
    assert other.input_value("#filters select[name=country]") == "Iraq"
    assert other.input_value("#filters select[name=admin1]") == admin1
    assert other.text_content("#status") == status
    assert other.locator("table.events td[data-key=event_id]").all_text_contents() == rows
    assert other.get_attribute("#map", "data-outlined") in ("country region", "country")
    if "map=" in shared:  # the same map view as the first analyst's
        assert parse_qs(urlparse(other.url).query)["map"] == parse_qs(urlparse(shared).query)["map"]
    screenshot(other, tmp_path, "dashboard-shared-url.png")

    # Back steps to the previous view; Reset closes the panel and clears the URL.
    other.select_option("#filters select[name=admin1]", "")
    wait_ready(other)
    other.go_back()
    wait_ready(other)
    assert other.input_value("#filters select[name=admin1]") == admin1
    other.click("#filters button[type=reset]")
    wait_ready(other)
    assert other.locator("#event-panel .event-title").count() == 0
    assert urlparse(other.url).query == ""
    assert other.input_value("#filters select[name=country]") == ""
    first.context.close()
    other.context.close()


def test_an_arabic_actor_search_shows_what_the_api_finds(server, page, tmp_path):  # noqa: F811
    base, _key = server
    expected = httpx.get(f"{base}/api/events", params={"actor": "داعش"}).json()["total"]
    page.goto(base + "/")
    wait_ready(page)
    page.fill("#filters input[name=actor]", "داعش")
    page.press("#filters input[name=actor]", "Enter")
    wait_ready(page)
    assert page.text_content("#status").startswith(f"{expected} event(s) match")
    assert parse_qs(urlparse(page.url).query)["actor"] == ["داعش"]
    screenshot(page, tmp_path, "dashboard-arabic-actor-search.png")


def test_review_buttons_mark_and_correct_an_event(server, page, tmp_path):  # noqa: F811
    base, key = server
    event_id = httpx.get(f"{base}/api/events", params={"country": "Iraq", "limit": 1}).json()["events"][0]["event_id"]
    page.goto(f"{base}/?country=Iraq&event={event_id}")
    wait_ready(page)
    page.wait_for_selector(f"#event-panel[data-event-id='{event_id}'][data-state=ready]")
    box = page.locator("#event-panel section.review")
    assert box.locator("button.verify").count() == 1 and box.locator("button.wrong").count() == 1
    box.locator("button.verify").click()  # no key yet: refused in the page, nothing sent
    assert "API key" in box.locator(".review-message").text_content()
    box.locator("input[name=api-key]").fill(key)
    box.locator("input[name=review-note]").fill("checked against a second source")
    box.locator("button.verify").click()
    page.wait_for_selector("#event-panel section.review[data-status=verified]")
    answer = httpx.get(f"{base}/api/events/{event_id}/reviews").json()
    assert answer["review"]["status"] == "verified" and answer["review"]["by"] == "browser-test"
    assert answer["acts"][-1]["note"] == "checked against a second source"
    assert page.get_attribute(f"table.events tr[data-event-id='{event_id}']", "data-review") == "verified"
    box.locator("select[name=review-field]").select_option("fatalities")
    box.locator("input[name=review-value]").fill("11")
    box.locator("button.correct").click()
    page.wait_for_function(
        "() => document.querySelector('#event-panel .review-status').textContent.includes('Fatalities = 11')")
    stored = httpx.get(f"{base}/api/events/{event_id}").json()["event"]
    assert stored["fatalities"] == 11
    row = page.locator(f"table.events tr[data-event-id='{event_id}'] td[data-key=fatalities]")
    assert row.text_content() == "11"
    box.scroll_into_view_if_needed()
    screenshot(page, tmp_path, "dashboard-review.png")
    assert not page.errors, page.errors


def test_export_buttons_download_the_servers_export_of_the_filtered_view(server, page):  # noqa: F811
    base, _key = server
    page.goto(f"{base}/?country=Syria")
    wait_ready(page)
    with page.expect_download() as info:
        page.click("#export-csv")
    text = open(info.value.path(), encoding="utf-8").read()  # noqa: SIM115 - a temp file Playwright owns
    expected = httpx.get(f"{base}/api/export", params={"country": "Syria", "format": "acled-csv"}).text
    header = text.splitlines()[0].split(",")
    assert header[0] == "event_id_cnty" and "review_status" in header
    assert text.splitlines()[1:] and [line.split(",")[0] for line in text.splitlines()] == \
        [line.split(",")[0] for line in expected.splitlines()]
    assert all(",Syria," in line for line in text.splitlines()[1:])
