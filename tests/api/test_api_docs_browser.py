"""/docs in headless Chromium (Debian's /usr/bin/chromium driven by Playwright): Swagger UI renders the API's own
OpenAPI document from files this server serves, under its strict Content-Security-Policy, with no request leaving
127.0.0.1. Set RASD_SCREENSHOT_DIR to keep the screenshot."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from api_liveserver import live_server

pytestmark = [pytest.mark.server, pytest.mark.filterwarnings("ignore:.*httpx2.*")]

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run"]


def test_docs_render_from_local_files_only(tmp_path: Path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (Python package) is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium)")
    from rasd.api.app import create_app

    app = create_app(str(tmp_path / "docs.db"))
    with sync_api.sync_playwright() as p, live_server(app) as base:
        try:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        except Exception as exc:  # noqa: BLE001 - any launch failure means this machine cannot run the test
            pytest.skip(f"cannot start headless Chromium: {exc}")
        page = browser.new_page()
        hosts: set[str] = set()
        errors: list[str] = []
        page.on("request", lambda request: hosts.add(urlsplit(request.url).hostname or ""))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.goto(f"{base}/docs")
        page.wait_for_selector(".swagger-ui .info .title", timeout=20_000)
        assert "rasd API" in page.inner_text(".swagger-ui .info .title")
        page.wait_for_selector('[data-path="/api/events"]', timeout=10_000)
        if os.environ.get("RASD_SCREENSHOT_DIR"):
            page.screenshot(path=str(Path(os.environ["RASD_SCREENSHOT_DIR"]) / "api-docs.png"), full_page=False)
        browser.close()
    app.state.repo.close()
    assert hosts == {"127.0.0.1"}, hosts
    assert not errors, errors  # a script or style the CSP blocked would be reported here
