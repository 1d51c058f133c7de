"""`rasd watch` and near-duplicate clusters: feeds polled into a store, each URL fetched once, conditional GET on
re-polls, wire copies linked into one cluster."""

from __future__ import annotations

import json

import pytest
from localsite import fetcher_fixture, site_fixture  # noqa: F401 - pytest fixtures `fetcher`, `site`
from test_fetch import page

from rasd.errors import InputError
from rasd.ingest.dedup_articles import NearDuplicateIndex, jaccard, shingles
from rasd.ingest.watch import Source, Watcher, load_sources
from rasd.store.repository import Repository

WIRE = ("أعلنت وزارة الداخلية في بيان رسمي اليوم أن قوات الأمن ضبطت شحنة كبيرة من الأسلحة والذخائر على الطريق "
        "الدولي قرب الحدود الشمالية، واعتقلت ثلاثة أشخاص كانوا يحاولون تهريبها إلى داخل البلاد. وأوضح البيان أن "
        "العملية جاءت بعد متابعة استمرت أسابيع، وأن التحقيقات مستمرة لكشف الجهات التي تقف وراء الشحنة ومصادر "
        "تمويلها، مشيرا إلى أن المضبوطات شملت بنادق آلية وقذائف صاروخية وكميات من المتفجرات.")
OTHER = ("افتتح وزير الصحة مستشفى جديدا في العاصمة بسعة مئتي سرير، يضم أقساما للطوارئ والعناية المركزة وجراحة "
         "القلب، وقال في كلمة خلال حفل الافتتاح إن المشروع يأتي ضمن خطة لتوسيع الخدمات الصحية في المحافظات.")


def test_shingles_fold_spelling_variants():
    assert shingles("قالت الشرطة إن الهجوم وقع في المدينة") == shingles("قالت الشرطه ان الهجوم وقع في المدينه")


def test_near_duplicates_share_a_cluster_named_after_the_first():
    index = NearDuplicateIndex()
    first, _ = index.add("a1", WIRE)
    copy = "الرياض - واس: " + WIRE.replace("اليوم", "الثلاثاء") + " وكانت السلطات قد شددت الرقابة مؤخرا."
    assert jaccard(shingles(WIRE), shingles(copy)) > 0.6
    second, similarity = index.add("a2", copy)
    third, _ = index.add("a3", OTHER)
    assert first == second == "a1" and similarity >= 0.5
    assert third == "a3"
    assert index.add("a2", copy)[0] == "a1"  # idempotent
    assert index.summary()["multi_article_clusters"] == 1
    assert index.add("short", "خبر عاجل")[0] == "short"  # too short to compare: its own cluster


def test_template_wires_do_not_chain_into_one_cluster():
    """A~B, B~C, C~D but A and D differ (the 4th, 5th, 6th, 7th relief plane...): D is not put in A's story."""
    parts = [" ".join(f"كلمة{p}س{i}" for i in range(10)) for p in range(60)]
    texts = [" ".join(parts[i * 6:i * 6 + 30]) for i in range(4)]  # windows of 30 parts, 6 apart
    grams = [shingles(t) for t in texts]
    assert all(jaccard(grams[i], grams[i + 1]) > 0.65 for i in range(3)) and jaccard(grams[0], grams[3]) < 0.3
    index = NearDuplicateIndex()
    got = [index.add(name, text)[0] for name, text in zip("ABCD", texts, strict=True)]
    assert got[:2] == ["A", "A"] and got[3] != "A"  # chaining through any member would give A, A, A, A


def test_load_sources(tmp_path):
    good = tmp_path / "sources.yaml"
    good.write_text("interval: 120\nsources:\n  - https://a.example/rss\n  - url: https://b.example/sitemap.xml\n"
                    "    interval: 10\n    outlet: B News\n", encoding="utf-8")
    config = load_sources(good)
    assert [s.url for s in config.sources] == ["https://a.example/rss", "https://b.example/sitemap.xml"]
    assert config.sources[0].interval == 120 and config.sources[1].interval == 60  # at least a minute
    assert config.sources[1].outlet == "B News"
    for bad in ("sources: []", "sources:\n  - ftp://x/feed", "interval: often\nsources: [https://a.example/]",
                "sources: [", "just text"):
        path = tmp_path / "bad.yaml"
        path.write_text(bad, encoding="utf-8")
        with pytest.raises(InputError):
            load_sources(path)


def _feed(base: str, items: list[tuple[str, str]]) -> str:
    entries = "".join(f"<item><title>{t}</title><link>{base}{p}</link></item>" for p, t in items)
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>x</title>{entries}</channel></rss>"


def _article_page(title: str, body: str) -> str:
    return page(title, "2020/01/16", extra=f"<p>{body}</p>")


@pytest.mark.server
def test_watcher_fetches_each_url_once_and_polls_feeds_conditionally(site, fetcher, tmp_path, fake_pipeline):
    items = [("/n/1.html", "شحنة أسلحة"), ("/n/2.html", "شحنة أسلحة قرب الحدود"), ("/n/3.html", "مستشفى")]
    feed = site.add("/rss.xml", _feed(site.base, items[:2]), "application/rss+xml", etag='"1"')
    site.add("/n/1.html", _article_page("شحنة أسلحة", WIRE))
    site.add("/n/2.html", _article_page("شحنة أسلحة قرب الحدود", "الرياض - واس: " + WIRE))
    site.add("/n/3.html", _article_page("مستشفى", OTHER))
    source = Source(url=site.url("/rss.xml"))
    with Repository(str(tmp_path / "w.db")) as repo:
        watcher = Watcher(repo, fetcher)
        watcher.poll(source)
        assert watcher.stats.extracted == 2 and watcher.stats.near_duplicates == 1
        watcher.poll(source)  # the feed answers 304: nothing else is fetched
        assert watcher.stats.not_modified == 1 and site.hits("/n/1.html") == 1
        feed.body = _feed(site.base, items).encode("utf-8")
        feed.etag = '"2"'
        watcher.poll(source)
        assert [site.hits(p) for p, _ in items] == [1, 1, 1]
        assert watcher.stats.extracted == 3 and repo.counts()["articles"] == 3
        (cluster,) = repo.clusters.largest()
        assert cluster["size"] == 2 and cluster["urls"] == [site.url("/n/1.html"), site.url("/n/2.html")]
        # the third article is alone
        ids = {json.dumps(c["article_ids"]) for c in repo.clusters.largest(min_size=1)}
        assert len(ids) == 2
    # a restarted watcher remembers what it fetched (the fetch log is in the store)
    with Repository(str(tmp_path / "w.db")) as repo:
        feed.etag = '"3"'
        again = Watcher(repo, fetcher)
        again.poll(source)
        assert again.stats.fetched == 0 and [site.hits(p) for p, _ in items] == [1, 1, 1]
        aid = next(iter(cluster["article_ids"]))
        assert repo.clusters.cluster_of(aid) == cluster["cluster_id"]


@pytest.mark.server
def test_a_poll_is_one_engine_batch_and_an_article_the_pipeline_fails_on_is_fetched_again(
        site, fetcher, tmp_path, fake_pipeline, monkeypatch):
    import rasd.engine.runner
    import rasd.pipeline

    batches = []
    real_write = rasd.engine.runner.write_batch

    def counting(repo, items, **kw):
        batches.append(len(items))
        return real_write(repo, items, **kw)

    def fails_on_the_hospital(article, kb=None):
        if "مستشفى" in article.title:
            raise ValueError("boom")
        return fake_pipeline(article, kb=kb)

    monkeypatch.setattr(rasd.engine.runner, "write_batch", counting)
    monkeypatch.setattr(rasd.pipeline, "process", fails_on_the_hospital)
    items = [("/n/1.html", "شحنة أسلحة"), ("/n/2.html", "مستشفى")]
    site.add("/rss.xml", _feed(site.base, items), "application/rss+xml")
    site.add("/n/1.html", _article_page("شحنة أسلحة", WIRE))
    site.add("/n/2.html", _article_page("مستشفى", OTHER))
    with Repository(str(tmp_path / "w.db")) as repo:
        watcher = Watcher(repo, fetcher)
        watcher.poll(Source(url=site.url("/rss.xml")))
        assert batches == [1] and watcher.stats.extracted == 1  # one write batch for the poll; the failure is not
        assert watcher.stats.skipped == {"extractor failed: ValueError: boom": 1}  # logged as done...
        monkeypatch.setattr(rasd.pipeline, "process", fake_pipeline)
        again = Watcher(repo, fetcher)
        again.poll(Source(url=site.url("/rss.xml")))  # ... so the next poll fetches and stores it
        assert again.stats.extracted == 1 and repo.counts()["articles"] == 2
        assert [site.hits(p) for p, _ in items] == [1, 2]


@pytest.mark.server
def test_watch_command_once(site, runner, tmp_path, fake_pipeline, monkeypatch):
    from rasd.cli import cli

    monkeypatch.delenv("RASD_ALLOW_PRIVATE", raising=False)
    site.add("/rss.xml", _feed(site.base, [("/n/1.html", "خبر"), ("/n/missing.html", "مفقود")]),
             "application/rss+xml")
    site.add("/n/1.html", _article_page("خبر", WIRE))
    sources = tmp_path / "sources.yaml"
    sources.write_text(f"sources:\n  - url: {site.url('/rss.xml')}\n    outlet: Local News\n", encoding="utf-8")
    db = str(tmp_path / "cli.db")
    refused = runner.invoke(cli, ["watch", str(sources), "--db", db, "--once", "--json"])
    assert refused.exit_code == 0
    assert "refused" in json.dumps(json.loads(refused.stdout)["skipped"])
    result = runner.invoke(cli, ["watch", str(sources), "--db", db, "--once", "--json",
                                 "--allow-private", "127.0.0.1"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["extracted"] == 1 and report["store_totals"]["articles"] == 1
    assert report["skipped"] == {"HTTP 404": 1}
    with Repository(db) as repo:
        (art,) = repo.articles_for_event(repo.query_events()[0].event_id)
        assert art.outlet == "Local News" and art.url == site.url("/n/1.html")
    listed = runner.invoke(cli, ["clusters", "--db", db, "--json"])
    assert listed.exit_code == 0 and json.loads(listed.stdout)["articles"] == 1


def test_script_residue_does_not_make_articles_alike():
    widget = " ".join(["jQuery.jqplot('chart', data, { seriesDefaults: { renderer: jQuery.jqplot.PieRenderer, "
                       "rendererOptions: { padding: 8, showDataLabels: true } }, legend: { show: false } });"] * 5)
    a, b = f"{WIRE}\n{widget}", f"{OTHER}\n{widget}"
    assert jaccard(shingles(a), shingles(WIRE)) > 0.9 and jaccard(shingles(a), shingles(b)) < 0.1
    assert len(shingles("Government forces shelled the town overnight, residents said.")) > 5  # English keeps words
