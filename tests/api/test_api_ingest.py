"""POST /api/articles: API keys (hashed, revocable), text and URL ingest, idempotence, request-size limit."""

from __future__ import annotations

import sqlite3

import pytest
from api_samples import ANBAR_TEXT

from rasd.api.ingest import check_url
from rasd.api.keys import create_key, hash_key, list_keys, revoke_key, verify_key
from rasd.errors import InputError

ARTICLE = {"text": "اشتباكات بين الجيش وداعش في الرمادي أسفرت عن مقتل ثلاثة مسلحين.", "url": "https://example.org/x",
           "outlet": "okaz", "published": "2020-02-01"}


REAL_TEXT = ("قتل ثلاثة جنود عراقيين وأصيب خمسة آخرون في هجوم شنه مسلحو داعش على نقطة تفتيش في قضاء الطارمية "
             "شمال بغداد يوم الثلاثاء، بحسب مصدر أمني.")


# The fixtures (store_path, app, client, api_key) come from api_fixtures.py, loaded as a plugin.
pytest_plugins = ["api_fixtures"]
# Starlette's TestClient prefers another HTTP client package; httpx is the one rasd pins.
pytestmark = pytest.mark.filterwarnings("ignore:.*httpx2.*")


def test_write_needs_a_key(client):
    r = client.post("/api/articles", json=ARTICLE)
    assert r.status_code == 401 and r.json()["error"] == "unauthorized" and "X-API-Key" in r.json()["message"]
    r = client.post("/api/articles", json=ARTICLE, headers={"X-API-Key": "rasd_0000_not-a-key"})
    assert r.status_code == 403 and r.json()["error"] == "forbidden"


def test_keys_are_stored_hashed_and_can_be_revoked(app, store_path):
    repo = app.state.repo
    key, info = create_key(repo, "ci")
    assert key.startswith(f"rasd_{info.key_id}_") and len(key) > 40
    with sqlite3.connect(store_path) as db:
        (stored,) = db.execute("SELECT key_hash FROM api_keys WHERE key_id = ?", (info.key_id,)).fetchone()
        dump = "\n".join(db.iterdump())
    assert stored == hash_key(key) and key not in dump and key.split("_", 2)[2] not in dump
    assert verify_key(repo, key).key_id == info.key_id
    assert verify_key(repo, key[:-1] + ("A" if key[-1] != "A" else "B")) is None
    assert [k.key_id for k in list_keys(repo)] == [info.key_id]
    assert list_keys(repo)[0].last_used_at is not None
    assert revoke_key(repo, info.key_id) is True
    assert revoke_key(repo, info.key_id) is False
    assert verify_key(repo, key) is None and not list_keys(repo)[0].active


def test_ingest_text_runs_the_pipeline_and_stores_the_result(client, api_key, fake_pipeline):
    before = client.get("/api/events").json()["total"]  # primes the cached total, which the ingest must clear
    r = client.post("/api/articles", json=ARTICLE, headers={"X-API-Key": api_key})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["created"] is True and len(body["events"]) == 1
    event = body["events"][0]
    assert event["article_ids"] == [body["article_id"]] and event["urls"] == ["https://example.org/x"]
    stored = client.get(f"/api/articles/{body['article_id']}").json()
    assert stored["text"] == ARTICLE["text"] and stored["published"] == "2020-02-01" and stored["outlet"] == "okaz"
    assert client.get(f"/api/events/{event['event_id']}").status_code == 200
    assert client.get("/api/events").json()["total"] == before + 1
    assert client.get("/api/stats").json()["events"] == before + 1
    again = client.post("/api/articles", json=ARTICLE, headers={"X-API-Key": api_key})
    assert again.status_code == 200 and again.json()["created"] is False
    assert [e["event_id"] for e in again.json()["events"]] == [event["event_id"]]


def test_ingest_url_uses_the_fetcher(store_path, fake_pipeline):
    from fastapi.testclient import TestClient

    from rasd.api.app import create_app

    pages = {"https://news.example/a": f"<html><head><title>خبر</title></head><body><article><h1>خبر</h1>"
                                       f"<p>{ANBAR_TEXT}</p><p>{ANBAR_TEXT}</p></article></body></html>"}

    def fetcher(url: str) -> str:
        if url not in pages:
            raise InputError(f"cannot fetch {url}: HTTP 404")
        return pages[url]

    app = create_app(store_path, fetcher=fetcher)
    key, _ = create_key(app.state.repo)
    with TestClient(app) as c:
        ok = c.post("/api/articles", json={"url": "https://news.example/a"}, headers={"X-API-Key": key})
        missing = c.post("/api/articles", json={"url": "https://news.example/b"}, headers={"X-API-Key": key})
        empty = c.post("/api/articles", json={"title": "x"}, headers={"X-API-Key": key})
        stored = c.get(f"/api/articles/{ok.json()['article_id']}").json()
    app.state.repo.close()
    assert ok.status_code == 201, ok.text
    assert "الرطبة" in stored["text"] and stored["url"] == "https://news.example/a"
    assert missing.status_code == 422 and "HTTP 404" in missing.json()["message"]
    assert empty.status_code == 422 and "text" in empty.json()["message"]


def test_ingest_with_the_real_pipeline(client, api_key):
    r = client.post("/api/articles", headers={"X-API-Key": api_key},
                    json={"text": REAL_TEXT, "published": "2020-03-04", "outlet": "test"})
    assert r.status_code == 201, r.text
    events = r.json()["events"]
    assert events, "the extractor found no event in a plain attack report"
    article = client.get(f"/api/articles/{r.json()['article_id']}").json()
    for ev in events:
        for field, span in ev["evidence"].items():
            assert article["text"][span["start"]:span["end"]] == span["text"], field


def test_request_size_and_shape_limits(client, api_key):
    headers = {"X-API-Key": api_key, "Content-Type": "application/json"}
    r = client.post("/api/articles", content=b'{"text": "' + b"x" * 1_100_000 + b'"}', headers=headers)
    assert r.status_code == 413 and r.json()["error"] == "request_too_large"
    r = client.post("/api/articles", content=b"{not json", headers=headers)
    assert r.status_code == 422 and r.json()["error"] == "invalid_request"
    r = client.post("/api/articles", json={"text": "x", "unexpected": 1}, headers={"X-API-Key": api_key})
    assert r.status_code == 422 and "unexpected" in r.json()["message"]


@pytest.mark.parametrize("url, reason", [
    ("file:///etc/passwd", "only http"), ("ftp://example.org/a", "only http"), ("http:///nohost", "no host"),
    ("http://user:pw@example.org/", "credentials"), ("http://127.0.0.1:8000/api/health", "non-public"),
    ("http://localhost/", "non-public"), ("http://[::1]/", "non-public"), ("http://10.1.2.3/", "non-public"),
    ("http://169.254.169.254/latest/meta-data/", "non-public"),
])
def test_fetching_refuses_unsafe_urls(url, reason):
    with pytest.raises(InputError, match=reason):
        check_url(url)


def test_aggregates_cache_expires_and_clears():
    from rasd.api.cache import TTLCache

    calls = []
    cache = TTLCache(ttl=60)
    assert cache.get("k", lambda: calls.append(1) or len(calls)) == 1
    assert cache.get("k", lambda: calls.append(1) or len(calls)) == 1  # reused
    cache.clear()
    assert cache.get("k", lambda: calls.append(1) or len(calls)) == 2
    no_reuse = TTLCache(ttl=0)
    assert [no_reuse.get("k", lambda: calls.append(1) or len(calls)) for _ in range(2)] == [3, 4]
