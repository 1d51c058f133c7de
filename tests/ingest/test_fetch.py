"""Fetching against a local server: robots.txt, redirects, retries, timeouts, conditional GET, size cap, private
addresses, legacy encodings, feeds and sitemaps, and URLs given to `iter_articles`."""

from __future__ import annotations

from datetime import date

import pytest
from localsite import fetcher_fixture, site_fixture  # noqa: F401 - pytest fixtures `fetcher`, `site`

from rasd.errors import InputError
from rasd.ingest.fetch import Fetcher, FetchError, FetchSettings, RateLimiter, allowed_private_hosts
from rasd.ingest.sources import iter_articles
from rasd.model import Article

pytestmark = pytest.mark.server

PARAGRAPHS = [
    "قالت مصادر محلية إن اشتباكات عنيفة اندلعت بين قوات الأمن ومسلحين مجهولين في ضواحي المدينة الشمالية، "
    "واستمرت عدة ساعات قبل أن تتمكن القوات من استعادة السيطرة على الطريق الرئيسي.",
    "وأضافت المصادر أن المواجهات أسفرت عن سقوط عدد من الجرحى بين المدنيين، نقلوا إلى المستشفى العام لتلقي "
    "العلاج، فيما فرضت السلطات حظرا للتجوال في الأحياء القريبة من موقع الاشتباك.",
    "ولم تعلن أي جهة مسؤوليتها عن الهجوم حتى الآن، في حين أكد مسؤول محلي أن التحقيقات جارية لمعرفة هوية "
    "المهاجمين والجهة التي تقف وراءهم.",
]


def page(title: str, date_line: str = "", extra: str = "", charset: str = "utf-8") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return (f"<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head>{meta}<title>{title}</title></head><body>"
            "<nav><a href='/'>الرئيسية</a> | <a href='/news'>أخبار</a></nav>"
            f"<article><h1>{title}</h1><div class=\"meta\">{date_line}</div>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + extra
            + "</article><div class='share'>شارك على فيسبوك</div>"
            "<footer>جميع الحقوق محفوظة 2020</footer></body></html>")


def articles(items):
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputError)]


def test_page_url_gives_its_article_with_user_agent_and_visible_date(site, fetcher):
    site.add("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
    site.add("/news/1.html", page("اشتباكات في ضواحي المدينة", "نشر بتاريخ الخميس 16 كانون الثاني 2020"))
    (art,), errors = articles(iter_articles([site.url("/news/1.html")], fetcher=fetcher))
    assert not errors
    assert art.url == site.url("/news/1.html") and art.outlet
    assert art.title == "اشتباكات في ضواحي المدينة"
    assert PARAGRAPHS[0][:40] in art.text and "جميع الحقوق" not in art.text and "فيسبوك" not in art.text
    assert art.published == date(2020, 1, 16) and art.published_how == "text"
    assert art.language == "ar" and art.fetched_at is not None
    agents = {headers["user-agent"] for _, headers in site.requests}
    assert agents and all(a.startswith("rasd/") for a in agents)


def test_robots_txt_disallow_is_obeyed(site, fetcher):
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    site.add("/private/a.html", page("سري"))
    site.add("/public/a.html", page("علني"))
    with pytest.raises(FetchError, match="robots"):
        fetcher.fetch(site.url("/private/a.html"))
    assert site.hits("/private/a.html") == 0
    assert fetcher.fetch(site.url("/public/a.html")).status == 200
    assert site.hits("/robots.txt") == 1  # read once per host


def test_robots_txt_unreachable_means_disallow_all(site, fetcher):
    site.add("/robots.txt", "", status=503)
    site.add("/a.html", page("عنوان"))
    with pytest.raises(FetchError, match="robots"):
        fetcher.fetch(site.url("/a.html"))


def test_redirects_are_followed_and_rechecked(site, fetcher):
    site.add("/old", "", status=301, headers={"Location": "/new"})
    site.add("/new", page("عنوان جديد"))
    result = fetcher.fetch(site.url("/old"))
    assert result.url == site.url("/new") and result.requested_url == site.url("/old")
    site.add("/loop", "", status=302, headers={"Location": "/loop"})
    with pytest.raises(FetchError, match="redirects"):
        fetcher.fetch(site.url("/loop"))
    # a redirect to a host that is not allowed (localhost is loopback, only 127.0.0.1 is allowed) is refused
    port = site.base.rsplit(":", 1)[1]
    site.add("/escape", "", status=302, headers={"Location": f"http://localhost:{port}/new"})
    with pytest.raises(FetchError, match="refused"):
        fetcher.fetch(site.url("/escape"))


def test_private_addresses_refused_unless_allowed(site, monkeypatch):
    site.add("/a.html", page("عنوان"))
    monkeypatch.delenv("RASD_ALLOW_PRIVATE", raising=False)
    with Fetcher(FetchSettings(allow_private=allowed_private_hosts())) as strict:
        with pytest.raises(FetchError, match="private, loopback or link-local"):
            strict.fetch(site.url("/a.html"))
        with pytest.raises(FetchError, match="only http and https"):
            strict.fetch("file:///etc/passwd")
    monkeypatch.setenv("RASD_ALLOW_PRIVATE", "127.0.0.1, example.org")
    assert allowed_private_hosts(["Other.Host"]) == {"127.0.0.1", "example.org", "other.host"}
    with Fetcher(FetchSettings(allow_private=allowed_private_hosts(), min_interval=0)) as allowed:
        assert allowed.fetch(site.url("/a.html")).status == 200


def test_transient_failures_are_retried_then_succeed(site, fetcher):
    site.add("/flaky", page("عنوان"), statuses=[503, 500])
    result = fetcher.fetch(site.url("/flaky"))
    assert result.status == 200 and site.hits("/flaky") == 3 and fetcher.stats["retries"] == 2


def test_persistent_failure_and_not_found_are_errors(site, fetcher):
    site.add("/down", "", status=500)
    with pytest.raises(FetchError, match="HTTP 500") as err:
        fetcher.fetch(site.url("/down"))
    assert err.value.status == 500 and site.hits("/down") == 3  # first try + 2 retries
    with pytest.raises(FetchError, match="HTTP 404"):
        fetcher.fetch(site.url("/missing"))
    assert site.hits("/missing") == 1  # a 404 is not retried


def test_slow_response_times_out(site, fetcher):
    site.add("/slow", page("بطيء"), delay=1.5)
    with pytest.raises(FetchError, match="network error after 3 attempt"):
        fetcher.fetch(site.url("/slow"))


def test_conditional_get_uses_etag(site, fetcher):
    site.add("/feed.xml", "<rss version='2.0'><channel><title>t</title></channel></rss>", "application/rss+xml",
             etag='"v1"')
    first = fetcher.fetch(site.url("/feed.xml"))
    second = fetcher.fetch(site.url("/feed.xml"))
    assert first.status == 200 and second.not_modified and second.content == b""
    assert site.requests[-1][1].get("if-none-match") == '"v1"'
    assert fetcher.stats["not_modified"] == 1


def test_size_cap(site):
    site.add("/big", "<html><body>" + "ا" * 20000 + "</body></html>")
    settings = FetchSettings(allow_private=frozenset({"127.0.0.1"}), max_bytes=10000, min_interval=0)
    with Fetcher(settings) as small, pytest.raises(FetchError, match="too large"):
        small.fetch(site.url("/big"))


def test_rate_limit_spaces_requests_per_host():
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(clock=lambda: now[0], sleep=sleep)
    assert limiter.wait("a.example", 2.0) == 0.0
    assert limiter.wait("b.example", 2.0) == 0.0  # another host is not delayed
    assert limiter.wait("a.example", 2.0) == 2.0
    now[0] += 10
    assert limiter.wait("a.example", 2.0) == 0.0
    assert slept == [2.0]


def test_crawl_delay_raises_the_interval(site, fetcher):
    site.add("/robots.txt", "User-agent: *\nCrawl-delay: 7\n", "text/plain")
    site.add("/a.html", page("عنوان"))
    fetcher.fetch(site.url("/a.html"))
    assert fetcher._interval(site.url("/a.html")) == 7.0


@pytest.mark.parametrize("declared,encoding", [
    ("windows-1256", "windows-1256"),   # declared and used
    ("iso-8859-1", "windows-1256"),     # misdeclared: the bytes are windows-1256
    ("iso-8859-6", "iso-8859-6"),
    ("windows-1256", "utf-8"),          # declares a legacy code page but is UTF-8
])
def test_legacy_and_misdeclared_encodings(site, fetcher, declared, encoding):
    markup = page("اشتباكات في ضواحي المدينة", charset=declared)
    if encoding == "iso-8859-6":  # ISO-8859-6 has no «» or Arabic comma variants beyond the basic set
        markup = markup.replace("،", ",")
    site.add("/legacy.html", markup.encode(encoding, errors="replace"), f"text/html; charset={declared}")
    (art,), errors = articles(iter_articles([site.url("/legacy.html")], fetcher=fetcher))
    assert not errors
    assert art.title == "اشتباكات في ضواحي المدينة"
    assert "اشتباكات عنيفة اندلعت بين قوات الأمن" in art.text


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>أخبار</title><link>{base}/</link>
<item><title>الخبر الأول</title><link>{base}/news/1.html</link><pubDate>Tue, 14 Jan 2020 09:00:00 GMT</pubDate></item>
<item><title>الخبر الثاني</title><link>/news/2.html</link><pubDate>Wed, 15 Jan 2020 09:00:00 GMT</pubDate></item>
<item><title>مكرر</title><link>{base}/news/1.html</link></item>
<item><title>مفقود</title><link>{base}/news/404.html</link></item>
</channel></rss>"""


def test_feed_url_gives_every_listed_article_once(site, fetcher):
    site.add("/feed.xml", RSS.format(base=site.base), "application/rss+xml")
    site.add("/news/1.html", page("الخبر الأول", "2020/01/14"))
    site.add("/news/2.html", page("الخبر الثاني", extra="<p>فقرة إضافية تميز هذا الخبر عن غيره من الأخبار.</p>"))
    arts, errors = articles(iter_articles([site.url("/feed.xml")], fetcher=fetcher))
    assert [a.url for a in arts] == [site.url("/news/1.html"), site.url("/news/2.html")]
    assert arts[0].published == date(2020, 1, 14)  # the page's own date line
    assert arts[1].published == date(2020, 1, 15) and arts[1].published_how == "metadata"  # from the feed
    assert len(errors) == 1 and "404" in str(errors[0])
    assert site.hits("/news/1.html") == 1


def test_sitemap_index_is_followed(site, fetcher):
    index = (f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             f"<sitemap><loc>{site.base}/sitemap-news.xml</loc></sitemap>"
             f"<sitemap><loc>{site.base}/sitemap-gone.xml</loc></sitemap></sitemapindex>")
    child = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
             f"<url><loc>{site.base}/a.html</loc><news:news><news:publication_date>2019-05-02T10:00:00Z"
             "</news:publication_date><news:title>خبر</news:title></news:news></url>"
             f"<url><loc>{site.base}/b.html</loc><lastmod>2019-05-03</lastmod></url></urlset>")
    site.add("/sitemap.xml", index, "application/xml")
    site.add("/sitemap-news.xml", child, "text/xml")
    site.add("/a.html", page("خبر أ"))
    site.add("/b.html", page("خبر ب", extra="<p>تفاصيل أخرى عن الخبر الثاني في هذا الموقع.</p>"))
    arts, errors = articles(iter_articles([site.url("/sitemap.xml")], fetcher=fetcher))
    assert [a.url for a in arts] == [site.url("/a.html"), site.url("/b.html")]
    assert [a.published for a in arts] == [date(2019, 5, 2), date(2019, 5, 3)]
    assert len(errors) == 1 and "sitemap-gone" in str(errors[0])


def test_cli_extract_takes_a_url(site, runner, monkeypatch, fake_pipeline):
    from rasd.cli import cli
    from rasd.ingest.web import set_default_fetcher

    site.add("/news/1.html", page("اشتباكات في ضواحي المدينة", "2020/01/16"))
    monkeypatch.setenv("RASD_ALLOW_PRIVATE", "127.0.0.1")
    set_default_fetcher(None)
    try:
        result = runner.invoke(cli, ["extract", site.url("/news/1.html")])
    finally:
        set_default_fetcher(None)
    assert result.exit_code == 0, result.output
    assert site.url("/news/1.html") in result.stdout and "2020-01-16" in result.stdout
