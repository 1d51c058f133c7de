"""Map pages are joins of the GeoJSON Feature texts stored with the events (0012_event_feature, issue 15): the
stored text is what a fresh render of the event gives, after every write path (linking, review) and after the
migration fills an older store, and the API's map page is byte-identical to rendering its events afresh."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import select, update

from rasd.export import geojson_feature_text, write_geojson
from rasd.review import record
from rasd.store.repository import Repository
from rasd.store.schema import EventRow

pytestmark = pytest.mark.filterwarnings("ignore:.*httpx2.*")
pytest_plugins = ["api_fixtures"]


def _stored(repo: Repository) -> dict[str, tuple[str | None, dict]]:
    """event id -> (stored Feature text, stored contract object)."""
    with repo.engine.connect() as conn:
        return {i: (f, d) for i, f, d in conn.execute(select(EventRow.event_id, EventRow.feature, EventRow.data))}


def _assert_fresh(repo: Repository) -> None:
    stored = _stored(repo)
    assert stored
    for event_id, (feature, data) in stored.items():
        assert feature == geojson_feature_text(data), event_id


def test_every_write_path_stores_the_feature_a_fresh_render_gives(store_path):
    with Repository(store_path) as repo:
        _assert_fresh(repo)  # written by add_result (linking)
        event_id = next(iter(_stored(repo)))
        before = _stored(repo)[event_id][0]
        record(repo, event_id, "Omar", verdict="wrong", corrections={"fatalities": 7})  # the review rewrites it
        after = _stored(repo)[event_id][0]
        assert after != before and '"review_status": "wrong"' in after
        _assert_fresh(repo)


def test_the_migration_fills_the_features_of_an_older_store(store_path):
    from alembic import command
    from alembic.config import Config

    from rasd.store.repository import MIGRATIONS_DIR

    with Repository(store_path) as repo:
        with repo.engine.begin() as conn:
            cfg = Config()
            cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0011_article_meta")
            command.upgrade(cfg, "head")
        _assert_fresh(repo)


def test_a_map_page_is_the_fresh_render_of_its_events_and_rows_without_a_feature_are_rendered(client, app):
    repo = app.state.repo
    page = client.get("/api/events", params={"format": "geojson", "limit": 3, "include_background": True})
    assert page.status_code == 200
    body = page.json()
    ids = [f["id"] for f in body["features"]]
    stored = _stored(repo)
    fresh = io.StringIO()
    head = {k: body[k] for k in ("total", "limit", "offset", "next_offset")}
    write_geojson([stored[i][1] for i in ids], fresh, head)
    assert page.text == fresh.getvalue()

    with repo.engine.begin() as conn:  # a row written outside event_columns (no Feature): rendered on the way out
        conn.execute(update(EventRow).where(EventRow.event_id == ids[0]).values(feature=None))
    again = client.get("/api/events", params={"format": "geojson", "limit": 3, "include_background": True})
    assert again.text == fresh.getvalue()
    assert json.loads(again.text)["features"][0]["id"] == ids[0]

