"""Telegram channels as a source: hand-written pages in Telegram's widget markup (`data/telegram/`, the HTML that
`https://t.me/s/NAME` serves) are served from 127.0.0.1 and read by `rasd run` / `rasd watch`.

The channel has three pages: the newest (posts 2041-2045: Arabic text with links, hashtags and line breaks, a post
forwarded from another channel, a photo without caption, a captioned photo replying to an earlier post), the one its
`?before=2041` link names (2038-2040, with a video without caption) and the channel's first page (2038's `before`
link: the "Channel created" notice and post 2). Each post with text must give one article with its own t.me URL and
the date of its `<time datetime>`."""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path

import pytest
from localsite import fetcher_fixture, site_fixture  # noqa: F401 - pytest fixtures `fetcher`, `site`

from rasd.errors import InputError
from rasd.ingest.sources import iter_articles
from rasd.ingest.telegram import channel_page_url, is_channel_page, iter_channel_pages, parse_views
from rasd.ingest.watch import Source, Watcher, load_sources
from rasd.model import Article
from rasd.store.repository import Repository

pytestmark = pytest.mark.server

DATA = Path(__file__).resolve().parent / "data" / "telegram"
CHANNEL = "/s/akhbar_alanbar"
PAGES = {CHANNEL: "akhbar_alanbar.html", f"{CHANNEL}?before=2041": "akhbar_alanbar_before_2041.html",
         f"{CHANNEL}?before=2038": "akhbar_alanbar_before_2038.html"}
#: The posts with text, in the order they are read (newest page first, oldest post first within a page), and the
#: UTC day of each one's <time datetime>.
POSTS_WITH_TEXT = {2041: date(2024, 3, 10), 2042: date(2024, 3, 10), 2044: date(2024, 3, 10),
                   2045: date(2024, 3, 10), 2038: date(2024, 3, 9), 2040: date(2024, 3, 10), 2: date(2023, 5, 1)}


def serve_channel(site, etag: str | None = None) -> None:
    for path, name in PAGES.items():
        site.add(path, (DATA / name).read_bytes(), etag=etag if path == CHANNEL else None)


def split(items):
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputError)]


def test_channel_page_gives_one_article_per_post_with_its_url_and_date(site, fetcher, caplog):
    serve_channel(site)
    with caplog.at_level(logging.INFO, logger="rasd.ingest.telegram"):
        arts, errors = split(iter_articles([site.url(CHANNEL)], fetcher=fetcher))
    assert not errors
    assert [a.url for a in arts] == [f"https://t.me/akhbar_alanbar/{n}" for n in POSTS_WITH_TEXT]
    assert [a.published for a in arts] == list(POSTS_WITH_TEXT.values())
    assert {a.published_how for a in arts} == {"metadata"} and {a.outlet for a in arts} == {"أخبار الأنبار"}
    assert len({a.article_id for a in arts}) == len(arts)
    by_id = {a.meta["post_id"]: a for a in arts}
    first = by_id[2041]
    # line breaks kept (a blank line as a paragraph break), links and hashtags as their visible text
    assert first.title == "🔴عاجل | مقتل جنديين بهجوم على نقطة عسكرية غرب الرمادي"
    assert "غرب مدينة #الرمادي فجر اليوم.\nوأضاف المصدر" in first.text
    assert first.text.endswith("التفاصيل: https://www.ina.iq/201234--.html")
    assert first.meta["views"] == 3400 and first.meta["posted_at"] == "2024-03-10T03:12:40+00:00"
    assert first.source_path == site.url(CHANNEL) and first.language == "ar"
    forwarded = by_id[2042].meta["forwarded_from"]
    assert forwarded == {"name": "وكالة الأنباء العراقية", "url": "https://t.me/wakalat_alanba_iq/58812"}
    assert "forwarded_from" not in first.meta
    # a reply's quote of the earlier post is not part of the reply's text
    assert by_id[2044].text.startswith("تشييع الجنديين") and "عاجل" not in by_id[2044].text
    assert by_id[2045].meta["views"] == 12700 and by_id[2045].text.endswith("#الفلوجة #الأنبار")
    skipped = {r.getMessage() for r in caplog.records if "skipped" in r.getMessage()}
    assert skipped == {"https://t.me/akhbar_alanbar/2043: skipped: media-only post (photo; no text)",
                       "https://t.me/akhbar_alanbar/2039: skipped: media-only post (video; no text)",
                       "https://t.me/akhbar_alanbar/1: skipped: service message"}
    assert [site.hits(p) for p in PAGES] == [1, 1, 1]
    assert not any("after=" in path for path, _ in site.requests)  # newer-posts links are not followed


def test_a_page_without_charset_is_read_as_utf8(site, fetcher):
    markup = (DATA / PAGES[CHANNEL]).read_text(encoding="utf-8").replace('<meta charset="utf-8">', "")
    site.add(CHANNEL, markup, "text/html")
    (page,) = iter_channel_pages(fetcher.fetch, fetcher.fetch(site.url(CHANNEL)), max_pages=1)
    assert page.title == "أخبار الأنبار" and page.posts[-1].text.startswith("انفجار عبوة ناسفة")


def test_paging_back_is_bounded_and_stops_at_a_known_page(site, fetcher):
    serve_channel(site)
    first = fetcher.fetch(site.url(CHANNEL))
    pages = list(iter_channel_pages(fetcher.fetch, first, max_pages=2))
    assert [len(p.posts) for p in pages] == [5, 3] and site.hits(f"{CHANNEL}?before=2038") == 0
    known = {f"https://t.me/akhbar_alanbar/{n}" for n in range(2041, 2046)}
    (page,) = iter_channel_pages(fetcher.fetch, first, max_pages=5, seen=known.__contains__)
    assert page.older_url == site.url(f"{CHANNEL}?before=2041") and site.hits(f"{CHANNEL}?before=2041") == 1


def test_robots_txt_is_obeyed_for_older_pages(site, fetcher):
    serve_channel(site)
    site.add("/robots.txt", "User-agent: *\nDisallow: /s/akhbar_alanbar?before=\n", "text/plain")
    arts, errors = split(iter_articles([site.url(CHANNEL)], fetcher=fetcher))
    assert len(arts) == 4 and len(errors) == 1 and "robots.txt" in str(errors[0])
    assert site.hits(f"{CHANNEL}?before=2041") == 0


def test_watcher_stores_each_post_once_and_reads_only_new_pages(site, fetcher, tmp_path, fake_pipeline):
    serve_channel(site, etag='"v1"')
    source = Source(url=site.url(CHANNEL), pages=2)
    with Repository(str(tmp_path / "tg.db")) as repo:
        watcher = Watcher(repo, fetcher)
        watcher.poll(source)
        assert watcher.stats.extracted == 6 and watcher.stats.fetched == 2
        assert dict(watcher.stats.skipped) == {"media-only post (photo; no text)": 1,
                                               "media-only post (video; no text)": 1}
        assert site.hits(f"{CHANNEL}?before=2038") == 0  # the bound
        stored = {a.url: a for ev in repo.query_events() for a in repo.articles_for_event(ev.event_id)}
        assert stored["https://t.me/akhbar_alanbar/2038"].published == date(2024, 3, 9)
        assert stored["https://t.me/akhbar_alanbar/2042"].outlet == "أخبار الأنبار"
        post = stored["https://t.me/akhbar_alanbar/2041"]  # the post's views and exact time are stored with it
        assert post.meta["views"] == 3400 and post.meta["posted_at"] == "2024-03-10T03:12:40+00:00"
        from fastapi.testclient import TestClient

        from rasd.api.app import create_app

        with TestClient(create_app(repo)) as client:  # and shown by the API, with the article and its reports
            shown = client.get(f"/api/articles/{post.article_id}").json()
            assert (shown["views"], shown["posted_at"]) == (3400, "2024-03-10T03:12:40+00:00")
            assert shown["meta"]["channel"] == "akhbar_alanbar" and shown["meta"]["post_id"] == 2041
            (event_id, *_) = shown["event_ids"]
            (report,) = [r for r in client.get(f"/api/events/{event_id}").json()["reports"]
                         if r["article_id"] == post.article_id]
            assert report["views"] == 3400 and report["posted_at"] == "2024-03-10T03:12:40+00:00"
        (relayed,) = [ev for ev in repo.query_events() if "https://t.me/akhbar_alanbar/2042" in ev.urls]
        assert relayed.sources == ["أخبار الأنبار", "وكالة الأنباء العراقية"]  # the forwarded post's origin
        watcher.poll(source)  # conditional GET: 304, nothing else fetched
        assert watcher.stats.not_modified == 1 and site.hits(f"{CHANNEL}?before=2041") == 1
    with Repository(str(tmp_path / "tg.db")) as repo:  # a restarted watcher, a changed first page
        site.routes[CHANNEL].etag = '"v2"'
        again = Watcher(repo, fetcher)
        again.poll(source)
        assert again.stats.extracted == 0 and not again.stats.skipped  # every post is in the fetch log
        assert site.hits(f"{CHANNEL}?before=2041") == 1  # a page of known posts ends the walk back


def test_run_command_takes_a_channel_url(site, fetcher, runner, tmp_path, fake_pipeline):
    from rasd.cli import cli
    from rasd.ingest.web import set_default_fetcher

    serve_channel(site)
    db = str(tmp_path / "run.db")
    set_default_fetcher(fetcher)
    try:
        result = runner.invoke(cli, ["run", site.url(CHANNEL), "--db", db, "--json"])
    finally:
        set_default_fetcher(None)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.strip().splitlines()[-1])["new"] == len(POSTS_WITH_TEXT)
    with Repository(db) as repo:
        urls = {a.url for ev in repo.query_events() for a in repo.articles_for_event(ev.event_id)}
    assert urls == {f"https://t.me/akhbar_alanbar/{n}" for n in POSTS_WITH_TEXT}


def test_sources_file_takes_pages(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n  - url: https://t.me/s/akhbar_alanbar\n    pages: 2\n  - https://t.me/s/other\n",
                    encoding="utf-8")
    assert [s.pages for s in load_sources(path).sources] == [2, 5]
    path.write_text("sources:\n  - url: https://t.me/s/akhbar_alanbar\n    pages: 0\n", encoding="utf-8")
    with pytest.raises(InputError, match="pages"):
        load_sources(path)


@pytest.mark.parametrize("url,expected", [
    ("https://t.me/akhbar_alanbar", "https://t.me/s/akhbar_alanbar"),
    ("https://telegram.me/akhbar_alanbar/", "https://telegram.me/s/akhbar_alanbar"),
    ("https://t.me/s/akhbar_alanbar", "https://t.me/s/akhbar_alanbar"),
    ("https://t.me/akhbar_alanbar/2041", "https://t.me/akhbar_alanbar/2041"),
    ("https://example.org/akhbar_alanbar", "https://example.org/akhbar_alanbar"),
])
def test_channel_page_url(url, expected):
    assert channel_page_url(url) == expected


@pytest.mark.parametrize("text,expected", [("845", 845), ("1.2K", 1200), ("12.7K", 12700), ("3M", 3_000_000),
                                           ("", None), ("views", None)])
def test_parse_views(text, expected):
    assert parse_views(text) == expected


def test_a_news_page_is_not_a_channel_page():
    assert is_channel_page((DATA / "akhbar_alanbar.html").read_bytes())
    assert not is_channel_page(b"<html><body><p>tgme is mentioned here</p></body></html>", "https://example.org/")
