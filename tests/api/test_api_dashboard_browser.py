"""The dashboard in headless Chromium (Debian's /usr/bin/chromium driven by Playwright; no browser download).

A store is built from a small slice of the bundled sample by the real pipeline (as `rasd demo` does), plus one
article full of markup and script. The test filters to one governorate, opens an event, checks the Arabic evidence
is shown right-to-left with its spans highlighted, and checks that none of the injected markup ran or became
elements. Set RASD_SCREENSHOT_DIR to keep the screenshots.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import httpx
import pytest
from api_liveserver import live_server
from api_samples import sample_results

from rasd.cli import SAMPLE_PATH, cli
from rasd.store.repository import Repository

pytestmark = pytest.mark.server

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run"]
SAMPLE_RECORDS = 6
ARABIC = re.compile(r"[\u0600-\u06FF]")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (Python package) is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium)")
    with sync_api.sync_playwright() as p:
        try:
            chromium = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        except Exception as exc:  # noqa: BLE001 - any launch failure means this machine cannot run the test
            pytest.skip(f"cannot start headless Chromium: {exc}")
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory, browser):
    from click.testing import CliRunner

    from rasd.api.app import create_app

    folder = tmp_path_factory.mktemp("dash")
    sample = folder / "sample.jsonl"
    with SAMPLE_PATH.open(encoding="utf-8") as fh:
        sample.write_text("".join(line for _, line in zip(range(SAMPLE_RECORDS), fh, strict=False)), encoding="utf-8")
    db = str(folder / "demo.db")
    result = CliRunner().invoke(cli, ["run", str(sample), "--db", db, "-q"])
    assert result.exit_code == 0, result.output
    with Repository(db) as repo:
        repo.add_result(sample_results()[-1])  # the article with markup and script in it (event ev-xss)
    app = create_app(db)
    try:
        with live_server(app) as base:
            yield base
    except RuntimeError as exc:
        pytest.skip(f"cannot serve on 127.0.0.1: {exc}")
    finally:
        app.state.repo.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    pg.on("console", lambda msg: pg.errors.append(msg.text) if msg.type == "error" else None)
    yield pg
    context.close()


def screenshot(pg, tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    pg.screenshot(path=str(path), full_page=False)
    keep = os.environ.get("RASD_SCREENSHOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / name)
    return path


def wait_ready(pg) -> None:
    pg.wait_for_timeout(50)
    pg.wait_for_selector("body[data-state=ready]", timeout=20000)


def test_filter_to_a_governorate_and_read_the_arabic_evidence(server, page, tmp_path):
    stats = httpx.get(f"{server}/api/stats", params={"country": "Iraq", "top": 100}).json()
    governorates = [r["admin1"] for r in stats["by_admin1"] if r["admin1"]]
    assert governorates, "the sample slice gave no event in an Iraqi governorate"
    governorate = governorates[0]  # the busiest one
    expected = httpx.get(f"{server}/api/events", params={"country": "Iraq", "admin1": governorate}).json()

    page.goto(server + "/")
    wait_ready(page)
    page.select_option("#filters select[name=country]", "Iraq")
    wait_ready(page)
    page.select_option("#filters select[name=admin1]", governorate)
    wait_ready(page)

    assert page.text_content("#status").startswith(f"{expected['total']} event(s) match")
    shown = page.locator("table.events tbody tr td[data-key=admin1]").all_text_contents()
    assert shown and set(shown) == {governorate}
    assert page.locator("#map .ev-dot, #map .marker-cluster").count() > 0

    with_evidence = next(ev for ev in expected["events"] if ev["evidence"])
    page.click(f"table.events tbody tr[data-event-id='{with_evidence['event_id']}']")
    page.wait_for_selector("#event-panel[data-state=ready]")
    sentences = page.locator("#event-panel .evidence-sentence")
    assert sentences.count() > 0
    assert sentences.first.get_attribute("dir") == "rtl" and sentences.first.get_attribute("lang") == "ar"
    assert ARABIC.search(sentences.first.text_content())
    marks = page.locator("#event-panel mark.ev-mark").all_text_contents()
    spans = {span["text"] for span in with_evidence["evidence"].values()}
    assert marks and set(marks) & spans, (marks, spans)
    assert with_evidence["event_type"] in page.text_content("#event-panel .event-title")
    page.locator("#event-panel .evidence").scroll_into_view_if_needed()
    shot = screenshot(page, tmp_path, "dashboard-governorate-event.png")
    assert shot.stat().st_size > 10_000
    assert not page.errors, page.errors


def test_markup_in_articles_is_shown_as_text_and_never_runs(server, page, tmp_path):
    page.goto(server + "/#event=ev-xss")
    wait_ready(page)
    page.wait_for_selector("#event-panel[data-event-id=ev-xss][data-state=ready]")
    page.fill("#filters input[name=q]", '<img src=x onerror="window.__xss=7">')
    page.press("#filters input[name=q]", "Enter")
    wait_ready(page)
    page.hover("#event-panel table.fields tr[data-field=location]")

    assert page.evaluate("window.__xss") is None
    panel = page.locator("#event-panel")
    assert panel.locator("script, img, svg, b, i").count() == 0
    text = panel.text_content()
    assert "<script>window.__xss = 1</script>" in text and '<img src=x onerror="window.__xss=2">' in text
    assert "<script>window.__xss=4</script>" in text and '<svg onload="window.__xss=5"></svg>' in text
    assert panel.locator("a[href^='javascript']").count() == 0
    assert page.locator("body img[src='x'], body script:not([src])").count() == 0
    screenshot(page, tmp_path, "dashboard-xss-event.png")
    assert not [e for e in page.errors if "Content Security Policy" in e or "__xss" in e], page.errors
