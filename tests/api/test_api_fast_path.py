"""GET /api/events before FastAPI (rasd.api.fast_events): the same answers, byte for byte, and the same refusals.

Each query is asked of two apps over one store: one as served (the fast path answers what it reads), one whose fast
path declines everything (FastAPI answers all). Status, headers and body must be equal, and the fast path must have
answered the plain queries itself (else the comparison proves nothing).
"""

from __future__ import annotations

import inspect

import pytest

from rasd.api import fast_events, paging, routes
from rasd.api.fast_events import READERS, read_events_query

pytestmark = pytest.mark.filterwarnings("ignore:.*httpx2.*")
pytest_plugins = ["api_fixtures"]

#: Plain queries the fast path answers itself (among them Arabic, a map page, CSV, an offset, every filter kind).
PLAIN = ["", "limit=2", "limit=1&offset=1", "actor=%D8%AF%D8%A7%D8%B9%D8%B4", "actor=ISIS&associated=false",
         "country=Iraq&since=2020-01-01&until=2030-12-31", "admin1=Anbar&format=geojson", "format=csv&limit=3",
         "format=acled-csv", "format=jsonl", "type=Battles&include_background=true&include_rejected=true",
         "modality=all", "modality=occurred,attempted", "bbox=38,29,49,38", "min_fatalities=1", "text=%D9%87%D8%AC%D9%88%D9%85",
         "q=Anbar", "q=%D8%AF%D8%A7%D8%B9%D8%B4&limit=5"]
#: Queries left to FastAPI: unknown or repeated names, other spellings, out-of-range values, a failing render.
LEFT_TO_FASTAPI = ["foo=1", "limit=2&foo=1", "limit=0", "limit=1001", "limit=abc", "limit=05", "limit=%2B5",
                   "offset=-1", "since=2020-13-01", "since=2020-1-2", "until=0", "associated=True", "associated=yes",
                   "country=", "country=Iraq&country=Syria", "format=xml", "bbox=1,2,3", "modality=sometimes",
                   "min_fatalities=-2", "country=Irak", "actor=" + "x" * 201]


def _both(store_path: str, queries: list[str], monkeypatch) -> tuple[list[tuple], list[tuple], int]:
    """(status, headers, body) of each query from an app as served and from one whose fast path declines all (both
    open at once: closing a store checkpoints it, a new stamp and so new ETags), and how many queries the fast path
    answered itself."""
    from fastapi.testclient import TestClient

    from rasd.api.app import create_app

    taken = []
    real_filters, real_read = fast_events.event_filters, fast_events.read_events_query
    declining = [False]

    async def counted(**kwargs):
        taken.append(kwargs)
        return await real_filters(**kwargs)

    monkeypatch.setattr(fast_events, "event_filters", counted)
    monkeypatch.setattr(fast_events, "read_events_query", lambda raw: None if declining[0] else real_read(raw))
    served, fastapi_only = create_app(store_path), create_app(store_path)
    fast, slow = [], []
    with TestClient(served) as a, TestClient(fastapi_only) as b:
        for query in queries:
            r = a.get(f"/api/events?{query}")
            fast.append((r.status_code, dict(r.headers), r.content))
            declining[0] = True
            r = b.get(f"/api/events?{query}")
            slow.append((r.status_code, dict(r.headers), r.content))
            declining[0] = False
    for app in (served, fastapi_only):
        app.state.repo.close()
    return fast, slow, len(taken)


def test_plain_queries_are_answered_by_the_fast_path_with_fastapis_bytes(store_path, monkeypatch):
    fast, slow, taken = _both(store_path, PLAIN, monkeypatch)
    assert taken == len(PLAIN)
    for query, a, b in zip(PLAIN, fast, slow, strict=True):
        assert a == b, query
        assert a[0] == 200, query
    assert any(b'"events":[{' in body for _, _, body in fast)  # pages with events, not only empty ones


def test_other_queries_go_through_fastapi_with_its_422s(store_path, monkeypatch):
    fast, slow, taken = _both(store_path, LEFT_TO_FASTAPI, monkeypatch)
    for query, a, b in zip(LEFT_TO_FASTAPI, fast, slow, strict=True):
        assert a == b, query
    statuses = dict(zip(LEFT_TO_FASTAPI, (a[0] for a in fast), strict=True))
    assert statuses["foo=1"] == statuses["limit=2&foo=1"] == 422
    assert b"unknown query parameter(s): foo" in fast[0][2] and b"limit" in fast[0][2]  # the accepted ones listed
    assert statuses["limit=0"] == statuses["since=2020-13-01"] == statuses["format=xml"] == 422
    assert statuses["country=Irak"] == 422 and b"did_you_mean" in fast[LEFT_TO_FASTAPI.index("country=Irak")][2]
    # the unknown country is the one query the fast path read (and declined when its plan failed)
    assert taken == 1


def test_the_fast_path_reads_the_routes_parameters_and_no_other():
    route = next(r for r in routes.router.routes if r.path == "/api/events" and "GET" in r.methods)
    assert set(READERS) == set(routes.accepted_parameters(route))
    assert set(READERS) - set(fast_events.PAGING) == set(inspect.signature(routes.event_filters).parameters)


@pytest.mark.parametrize("raw", [b"limit=%2B5", b"limit=05", b"limit=1e2", b"associated=True", b"associated=1",
                                 b"since=2020-1-2", b"since=%D9%A2%D9%A0%D9%A2%D9%A0-01-01", b"country=a&country=b",
                                 b"q=" + b"x" * 201, b"country=", b"bbox=1,2,3,4,5", b"format=xml", b"nope=1"])
def test_anything_but_the_plain_form_is_left_to_fastapi(raw):
    assert read_events_query(raw) is None


def test_the_plain_form_is_read_as_fastapi_reads_it():
    from datetime import date

    query = read_events_query(b"limit=10&offset=0&since=2020-01-02&associated=false&actor=%D8%AF%D8%A7%D8%B9%D8%B4"
                              b"&min_fatalities=3&format=geojson&modality=occurred,foiled")
    assert query is not None and (query.limit, query.offset, query.format) == (10, 0, "geojson")
    assert query.filters == {"since": date(2020, 1, 2), "associated": False, "actor": "داعش", "min_fatalities": 3,
                             "modality": "occurred,foiled"}
    assert read_events_query(b"") == fast_events.EventsQuery()


def test_pages_are_rendered_on_the_loop_only_when_their_ingredients_are_in_memory(app):
    from rasd.api.app import warm_caches
    from rasd.store.query import EventFilter

    state = app.state
    plain, words = EventFilter.counted(country="Iraq"), EventFilter.counted(text="هجوم")
    assert not paging.answered_in_memory(state.repo, plain, state.aggregates, state.kept)  # no rollup yet
    warm_caches(app)  # reads the rollup, as `rasd serve` does before it listens
    assert paging.answered_in_memory(state.repo, plain, state.aggregates, state.kept)
    assert not paging.answered_in_memory(state.repo, words, state.aggregates, state.kept)  # words: SQL, a thread


def test_an_etag_names_the_store_version_and_the_page():
    body = b'{"total": 1}'
    page = routes.Page.of(body, "application/json", version=((1, 2), ("page", "a")))
    assert page.etag == routes.Page.of(b"other", "application/json", version=((1, 2), ("page", "a"))).etag
    assert page.etag != routes.Page.of(body, "application/json", version=((1, 3), ("page", "a"))).etag
    assert page.etag != routes.Page.of(body, "application/json", version=((1, 2), ("page", "b"))).etag
    # no stamp (PostgreSQL): the body is hashed
    unstamped = routes.Page.of(body, "application/json", version=(None, ("page", "a")))
    assert unstamped.etag == routes.Page.of(body, "application/json").etag != page.etag
