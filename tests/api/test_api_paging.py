"""The API under load (issue 15): pages read from marks (keyset paging) equal plain OFFSET pages, kept answers are
served before FastAPI and only while the store is unchanged, concurrent misses of one page are rendered once."""

from __future__ import annotations

import asyncio
import random
import threading
import time
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from rasd.api import paging
from rasd.api.cache import LruCache, SingleFlight, TTLCache
from rasd.api.response_cache import ResponseCache
from rasd.store.names import index_events
from rasd.store.query import EventFilter
from rasd.store.repository import Repository
from rasd.store.schema import EventRow

pytestmark = pytest.mark.filterwarnings("ignore:.*httpx2.*")
# The fixtures (store_path, app, client) come from api_fixtures.py, loaded as a plugin.
pytest_plugins = ["api_fixtures"]


def _events(n: int, seed: int = 3) -> list[dict]:
    """n events over a few countries and types, many sharing a day (ties broken by id), one in nine undated, some
    not counted by default (background, or not occurred)."""
    rng = random.Random(seed)
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = []
    for i in range(n):
        day = None if i % 9 == 4 else date(2020, 1, 1) + timedelta(days=rng.randrange(40))
        rows.append({"event_id": f"ev-{rng.randrange(10**6):06d}-{i}", "event_date": day, "time_precision": 1,
                     "event_type": rng.choice(["Battles", "Protests"]), "country": rng.choice(["Iraq", "Syria"]),
                     "iso3": None, "modality": "planned" if i % 13 == 0 else "occurred",
                     "background": i % 17 == 0, "civilian_targeting": False, "data": {"event_id": f"x{i}"},
                     "created_at": now, "updated_at": now})
    return rows


@pytest.fixture
def store(tmp_path) -> Repository:
    repo = Repository(str(tmp_path / "paging.db"))
    with repo.engine.begin() as conn:
        rows = _events(400)
        conn.execute(insert(EventRow), rows)
        index_events(conn, rows)  # the names the filters look up
    yield repo
    repo.close()


def _plain_offset_page(repo: Repository, filters: EventFilter, limit: int, offset: int) -> list[str]:
    with Session(repo.engine) as session:
        bound = paging.Bound(session, filters, "sqlite")
        stmt = paging.ordered(bound(select(EventRow.event_id)), "sqlite").limit(limit).offset(offset)
        return list(session.scalars(stmt))


@pytest.mark.parametrize("filters", [EventFilter.counted(), EventFilter.counted(country="Iraq"),
                                     EventFilter(), EventFilter.counted(event_type="Protests", since=date(2020, 1, 20))])
@pytest.mark.parametrize("keeping", [False, True])
def test_pages_from_marks_equal_plain_offset_pages(store, filters, keeping, monkeypatch):
    monkeypatch.setattr(paging, "MARK_EVERY", 7)  # many marks in a small store
    cache = TTLCache(ttl=60)
    kept = LruCache(1 << 20) if keeping else None  # rows and id chunks kept between pages
    offsets = list(range(0, 420, 5))
    random.Random(1).shuffle(offsets)  # marks found out of order, from other marks
    for offset in offsets:
        limit = 3 + offset % 17
        total, rows = paging.page_events_raw(store, filters, limit, offset, cache, kept)
        assert [r[0] for r in rows] == _plain_offset_page(store, filters, limit, offset), offset
    assert total == len(_plain_offset_page(store, filters, 1000, 0))
    if keeping:  # with somewhere to keep its positions, each page is a slice of the rollup (rasd.api.rollup)
        assert total and kept.get(("positions", filters), None) is not None
    else:  # else from marks
        assert total and len(cache.peek(("index", filters)).marks) > 10


def test_a_kept_index_follows_the_store(store, monkeypatch, tmp_path):
    """Totals, marks, id chunks and rows are kept per store version: after a write, pages are read afresh."""
    from functools import partial

    from rasd.api.cache import file_stamp

    monkeypatch.setattr(paging, "MARK_EVERY", 5)
    stamp = partial(file_stamp, store.path)
    cache, kept = TTLCache(ttl=600, stamp=stamp), LruCache(1 << 20, stamp)
    filters = EventFilter.counted()
    before = paging.page_events_raw(store, filters, 10, 50, cache, kept)
    with store.engine.begin() as conn:
        rows = [dict(row, event_id="new-" + row["event_id"]) for row in _events(30, seed=9)]
        conn.execute(insert(EventRow), rows)
        index_events(conn, rows)
    after = paging.page_events_raw(store, filters, 10, 50, cache, kept)
    assert after[0] > before[0]
    assert [r[0] for r in after[1]] == _plain_offset_page(store, filters, 10, 50)


def _counting_app(status: int = 200, chunks: int = 1):
    calls = []

    async def app(scope, receive, send):
        calls.append(scope["query_string"])
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"etag", b'"v1"')]})
        for i in range(chunks):
            await send({"type": "http.response.body", "body": b"{}", "more_body": i < chunks - 1})

    return app, calls


def _get(app, query: bytes, path: str = "/api/events", headers=()) -> tuple[int, bytes]:
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": path, "query_string": query, "headers": list(headers)}
    asyncio.run(app(scope, receive, send))
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


def test_a_kept_answer_is_sent_without_the_app_while_the_store_is_unchanged():
    version = [1]
    inner, calls = _counting_app()
    app = ResponseCache(inner, TTLCache(ttl=60, stamp=lambda: version[0]))
    assert _get(app, b"country=Iraq") == (200, b"{}")
    assert _get(app, b"country=Iraq") == (200, b"{}") and calls == [b"country=Iraq"]
    assert _get(app, b"country=Iraq", headers=[(b"if-none-match", b'"v1"')]) == (304, b"")
    _get(app, b"country=Syria")
    _get(app, b"country=Iraq", path="/api/articles/x")  # not a kept path
    assert calls == [b"country=Iraq", b"country=Syria", b"country=Iraq"]
    version[0] = 2  # the store changed
    _get(app, b"country=Iraq")
    assert calls[-1] == b"country=Iraq" and len(calls) == 4


@pytest.mark.parametrize("status,chunks", [(422, 1), (200, 3)])
def test_errors_and_streamed_answers_are_not_kept(status, chunks):
    inner, calls = _counting_app(status, chunks)
    app = ResponseCache(inner, TTLCache(ttl=60))
    _get(app, b"x=1")
    _get(app, b"x=1")
    assert len(calls) == 2


def test_kept_answers_still_pass_the_host_check_and_get_the_security_headers(client):
    first = client.get("/api/events", params={"country": "Iraq"})
    again = client.get("/api/events", params={"country": "Iraq"})
    assert again.content == first.content and again.headers["etag"] == first.headers["etag"]
    assert "default-src 'self'" in again.headers["content-security-policy"]
    assert again.headers["content-type"] == first.headers["content-type"]


def test_kept_answers_refuse_a_foreign_host(store_path):
    from fastapi.testclient import TestClient

    from rasd.api.app import create_app

    app = create_app(store_path, allowed_hosts=["testserver"])
    with TestClient(app) as c:
        assert c.get("/api/events").status_code == 200
        assert c.get("/api/events", headers={"Host": "evil.example"}).status_code == 400
    app.state.repo.close()


def test_a_page_and_its_kept_answer_count_their_shared_body_once(store_path, monkeypatch):
    """Pages whose bodies fit the page cache's byte budget all stay kept (the page and its raw answer share one
    body: counted twice, half of them were evicted and rendered again)."""
    from fastapi.testclient import TestClient

    from rasd.api import app as app_module
    from rasd.api import routes

    renders = []
    real = routes._render_page
    monkeypatch.setattr(routes, "_render_page", lambda *a: renders.append(a[3:6]) or real(*a))
    queries = [{"limit": n, "include_background": True} for n in (1, 2, 3, 4)]
    probe = app_module.create_app(store_path)
    with TestClient(probe) as c:
        body_bytes = sum(len(c.get("/api/events", params=q).content) for q in queries)
    probe.state.repo.close()
    monkeypatch.setattr(app_module, "PAGE_CACHE_BYTES", int(body_bytes * 1.5))
    app = app_module.create_app(store_path)
    renders.clear()
    with TestClient(app) as c:
        for _ in range(2):
            for q in queries:
                assert c.get("/api/events", params=q).status_code == 200
    app.state.repo.close()
    assert len(renders) == len(queries)  # each rendered once: the second round is answered from the cache


def test_concurrent_misses_of_one_page_are_rendered_once():
    rendered = []
    flight = SingleFlight(threads=2)

    def render() -> str:
        rendered.append(threading.get_ident())
        time.sleep(0.05)
        return "page"

    async def many() -> list[str]:
        return await asyncio.gather(*(flight.run("k", render) for _ in range(20)), flight.run("other", render))

    assert asyncio.run(many()) == ["page"] * 21
    assert len(rendered) == 2


def test_a_failed_render_fails_every_waiter_and_is_tried_again():
    flight = SingleFlight(threads=1)
    attempts = []

    def broken() -> str:
        attempts.append(1)
        time.sleep(0.02)
        raise ValueError("no store")

    async def many():
        return await asyncio.gather(*(flight.run("k", broken) for _ in range(5)), return_exceptions=True)

    assert all(isinstance(r, ValueError) for r in asyncio.run(many())) and len(attempts) == 1
    asyncio.run(many())
    assert len(attempts) == 2


def test_threads_missing_one_total_compute_it_once():
    cache = TTLCache(ttl=60)
    computed = []

    def count() -> int:
        computed.append(1)
        time.sleep(0.05)
        return 42

    threads = [threading.Thread(target=lambda: cache.get(("index", "f"), count)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(computed) == 1 and cache.get(("index", "f"), count) == 42


def test_a_map_page_from_kept_features_is_the_export_layout(store_path):
    """GeoJSON pages are framed from Features kept per event: byte for byte what the renderer writes."""
    from rasd.api.routes import _render_page
    from rasd.export import render_bytes

    repo = Repository(store_path)
    cache, kept = TTLCache(ttl=60), LruCache(1 << 20)
    for offset in (0, 1, 0):  # the second time at 0, every Feature comes from `kept`
        page = _render_page(repo, cache, EventFilter.counted(), 2, offset, "geojson", kept)
        total, events = paging.page_events(repo, EventFilter.counted(), 2, offset, cache)
        head = {"total": total, "limit": 2, "offset": offset,
                "next_offset": offset + len(events) if offset + len(events) < total else None}
        assert events and page.body == render_bytes(events, "geojson", head=head)
    repo.close()


def test_the_api_reads_through_read_only_memory_mapped_connections(store):
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    with store.reader.connect() as conn:
        assert conn.execute(text("PRAGMA mmap_size")).scalar() > 0
        assert conn.execute(text("SELECT count(*) FROM events")).scalar() == 400
        with pytest.raises(OperationalError):
            conn.execute(text("DELETE FROM events"))
    memory = Repository("sqlite://")
    assert memory.reader is memory.engine  # in memory: the store's own engine (a second one is another database)
    memory.close()


def test_workers_share_answers_through_the_shared_folder_while_the_store_is_unchanged(store_path, tmp_path,
                                                                                   monkeypatch):
    """Two apps over one store (two workers of `rasd serve`) and one shared folder: a page one renders, the other sends
    without rendering; after a write to the store, neither answer is reused."""
    from fastapi.testclient import TestClient

    from rasd.api import routes, shared_cache
    from rasd.api.app import create_app

    renders = []
    real = routes._render_page
    monkeypatch.setattr(routes, "_render_page", lambda *a: renders.append(a[3:6]) or real(*a))
    side = str(tmp_path / "answers")
    shared_cache.create(side)
    first, second = create_app(store_path, shared_cache=side), create_app(store_path, shared_cache=side)
    params = {"limit": 2, "include_background": True}
    with TestClient(first) as a, TestClient(second) as b:
        answer = a.get("/api/events", params=params)
        _shared(first).flush()
        assert len(renders) == 1
        again = b.get("/api/events", params=params)
        assert again.content == answer.content and again.headers["etag"] == answer.headers["etag"]
        assert again.headers["content-type"] == answer.headers["content-type"] and len(renders) == 1

        with Repository(store_path) as repo, repo.engine.begin() as conn:  # another process writes
            conn.execute(EventRow.__table__.delete().where(EventRow.event_id == answer.json()["events"][0]["event_id"]))
        changed = b.get("/api/events", params=params)
        assert len(renders) == 2 and changed.json()["total"] == answer.json()["total"] - 1
    for app in (first, second):
        app.state.repo.close()


@pytest.mark.parametrize("apart", [False, True])
def test_only_answers_rendered_on_a_render_thread_are_shared(tmp_path, apart):
    """A page rendered on the event loop (~1.5 ms) is made again by the worker that needs it: writing it for the
    others cost more. One rendered on a render thread (the costly kinds) is shared."""
    from rasd.api.cache import SingleFlight
    from rasd.api.shared_cache import SharedAnswers, create

    create(str(tmp_path / "answers"))
    side = SharedAnswers(str(tmp_path / "answers"))
    inner, calls = _counting_app()
    rendering = SingleFlight(1)

    async def rendered(scope, receive, send):
        await rendering.run("page", lambda: None, inline=not apart)
        await inner(scope, receive, send)

    app = ResponseCache(rendered, TTLCache(ttl=60, stamp=lambda: (1,)), shared=side)
    assert _get(app, b"country=Iraq") == (200, b"{}")
    side.flush()
    assert (side.get(b"/api/events?country=Iraq", (1,)) is not None) is apart
    side.close()


def _shared(app):
    """The SharedAnswers of an app's raw-answer cache."""
    layer = app.middleware_stack
    while not isinstance(layer, ResponseCache):
        layer = layer.app
    return layer.shared


def test_the_shared_folder_keeps_one_store_version_within_its_byte_budget(tmp_path):
    from rasd.api.response_cache import KeptResponse
    from rasd.api.shared_cache import SharedAnswers, create

    create(str(tmp_path / "answers"))
    shared = SharedAnswers(str(tmp_path / "answers"), max_bytes=2500)
    answer = KeptResponse([(b"etag", b'"e"'), (b"content-type", b"application/json")], b"x" * 1000, b'"e"')
    for key in (b"a", b"b", b"c"):
        shared.put(key, (1, 2), answer)
    shared.flush()
    assert shared.get(b"a", (1, 2)) is None  # the oldest, past the budget
    kept = shared.get(b"c", (1, 2))
    assert kept is not None and kept.body == answer.body and kept.headers == answer.headers and kept.etag == b'"e"'
    assert shared.get(b"c", (1, 3)) is None  # another store version
    shared.put(b"d", (1, 3), answer)
    shared.flush()
    assert shared.get(b"b", (1, 2)) is None and shared.get(b"d", (1, 3)) is not None
    assert len(list((tmp_path / "answers").iterdir())) == 1  # the older version's folder is gone
    shared.close()


def test_a_request_reads_the_store_stamp_once_and_a_write_still_shows_at_once(store_path, monkeypatch):
    """Every cache look-up of one request (raw answer, page, totals, plan, rollup, rows) uses the stamp read when it
    came in (rasd.api.cache.StoreStamp), not two `stat` calls each; the next request reads it again."""
    from fastapi.testclient import TestClient

    from rasd.api import cache as cache_module
    from rasd.api.app import create_app

    reads = []
    real = cache_module.file_stamp
    monkeypatch.setattr(cache_module, "file_stamp", lambda path: reads.append(path) or real(path))
    app = create_app(store_path)
    with TestClient(app) as c:
        reads.clear()
        first = c.get("/api/events", params={"country": "Iraq", "limit": 2})
        assert first.status_code == 200 and len(reads) == 1  # a render: one read for all its look-ups
        with Repository(store_path) as repo, repo.engine.begin() as conn:  # another process writes
            conn.execute(EventRow.__table__.delete().where(EventRow.event_id == first.json()["events"][0]["event_id"]))
        second = c.get("/api/events", params={"country": "Iraq", "limit": 2})
        assert second.json()["total"] == first.json()["total"] - 1 and len(reads) == 2
    app.state.repo.close()
