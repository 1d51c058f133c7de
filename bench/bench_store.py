"""Store benchmark: insert rate and p95 latency of typical queries on a store of N synthetic events (default 1M).

    python bench/bench_store.py --db /tmp/bench.db [--events 1000000]
    python bench/bench_store.py --db postgresql+psycopg://postgres@127.0.0.1:5432/bench

Two insert figures: the bulk load (events, their articles and reports, written in batches the way `rasd import`
of pre-built events would: no dedup) and the full `Repository.add_result` path (mentions, full-text index,
dedup against the filled store) for a few hundred new articles. Then each typical query runs repeatedly with random
parameters and its median and p95 latency are printed. Run on demand, never in CI. The store is wiped first.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import insert, text

from rasd.model import Article, ArticleResult, Event, Span
from rasd.store.linking import event_columns
from rasd.store.query import EventFilter
from rasd.store.repository import Repository
from rasd.store.schema import ArticleRow, EventRow, ReportRow
from rasd.store.search import search_body

PLACES = [  # (country, iso3, admin1, location, lat, lon)
    ("Iraq", "IRQ", "Al-Anbar", "Ramadi", 33.42, 43.30), ("Iraq", "IRQ", "Al-Anbar", "Fallujah", 33.35, 43.78),
    ("Iraq", "IRQ", "Baghdad", "Baghdad", 33.31, 44.36), ("Iraq", "IRQ", "Ninewa", "Mosul", 36.34, 43.13),
    ("Iraq", "IRQ", "Salah al-Din", "Tikrit", 34.60, 43.68), ("Iraq", "IRQ", "Diyala", "Baquba", 33.75, 44.64),
    ("Iraq", "IRQ", "Kirkuk", "Kirkuk", 35.47, 44.39), ("Iraq", "IRQ", "Basrah", "Basra", 30.51, 47.78),
    ("Syria", "SYR", "Aleppo", "Aleppo", 36.20, 37.16), ("Syria", "SYR", "Idleb", "Idleb", 35.93, 36.63),
    ("Syria", "SYR", "Homs", "Palmyra", 34.56, 38.27), ("Syria", "SYR", "Deir ez-Zor", "Deir ez-Zor", 35.33, 40.14),
    ("Syria", "SYR", "Ar-Raqqa", "Raqqa", 35.95, 39.01), ("Syria", "SYR", "Damascus", "Damascus", 33.51, 36.29),
]
TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
         ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Violence against civilians", "Attack"), ("Strategic developments", "Arrests"),
         ("Protests", "Peaceful protest")]
ACTORS = ["Islamic State", "Military Forces of Iraq (2014-2018)", "Military Forces of Syria (2000-)",
          "Popular Mobilization Forces", "SDF: Syrian Democratic Forces", "Hayat Tahrir al-Sham",
          "Global Coalition Against Daesh", "Military Forces of Turkey (2016-)", "Civilians (Iraq)",
          "Civilians (Syria)", "Unidentified Armed Group (Iraq)", "Police Forces of Iraq (2014-2018)"]
WORDS = "هجوم قصف اشتباك تفجير عبوة مسلحين الجيش القوات الأمنية مقتل إصابة مدنيين قرية مدينة طريق حاجز".split()
START = date(2014, 1, 1)
N_LOADED = 1
DAYS = 3650


def synthetic(i: int, rnd: random.Random) -> tuple[Article, Event]:
    country, iso3, admin1, location, lat, lon = rnd.choice(PLACES)
    et, st = rnd.choice(TYPES)
    body = " ".join(rnd.choice(WORDS) for _ in range(40)) + f" {location} رقم {i}"
    art = Article(text=body, title=f"خبر {i}", url=f"http://bench.example/{i}", outlet=f"outlet{i % 40}",
                  published=START + timedelta(days=rnd.randrange(DAYS)), published_how="given")
    ev = Event(event_id=f"bench{i:08d}", article_ids=[art.article_id], urls=[art.url], sources=[art.outlet],
               event_date=art.published - timedelta(days=1), time_precision=rnd.choice((1, 1, 1, 2, 3)),
               disorder_type="Political violence", event_type=et, sub_event_type=st,
               actor1=rnd.choice(ACTORS), actor2=rnd.choice(ACTORS + [None]), country=country, iso3=iso3,
               admin1=admin1, location=location, latitude=lat + rnd.uniform(-0.3, 0.3),
               longitude=lon + rnd.uniform(-0.3, 0.3), geo_precision=rnd.choice((1, 1, 2, 3)),
               fatalities=rnd.choice((0, 0, 0, 1, 2, 3, 5, 12)), confidence=0.5,
               evidence={"event_type": Span.of(body, 0, 4), "location": Span.of(body, len(body) - len(location) - 8,
                                                                                  len(body) - 8)})
    return art, ev


_TERMS: dict[str, str] = {}


def fast_body(title: str, body: str) -> str:
    """`search_body` for the synthetic vocabulary, word by word with a cache (the real one tokenises the text)."""
    out = []
    for word in f"{title} {body}".split():
        if word not in _TERMS:
            _TERMS[word] = search_body("", word)
        out.append(_TERMS[word])
    return " ".join(out)


def wipe(repo: Repository) -> None:
    with repo.engine.begin() as conn:
        for table in ("mentions", "reports", "events", "sources", "articles"):
            conn.execute(text(f"DELETE FROM {table}"))
        conn.execute(text("DELETE FROM articles_fts" if repo.dialect == "sqlite" else "DELETE FROM article_search"))


def bulk_load(repo: Repository, n_events: int, batch: int, seed: int) -> float:
    """Write n_events synthetic events (one article and one report each) in batches; returns events per second."""
    rnd = random.Random(seed)
    now = datetime.now(UTC).replace(tzinfo=None)
    t0 = time.perf_counter()
    for lo in range(0, n_events, batch):
        arts, evs, reps, fts = [], [], [], []
        for i in range(lo, min(n_events, lo + batch)):
            art, ev = synthetic(i, rnd)
            arts.append(dict(article_id=art.article_id, url=art.url, outlet=art.outlet, title=art.title,
                             published=art.published, published_how="given", language="ar", text=art.text,
                             n_events=1, ingested_at=now))
            data = ev.to_dict()
            evs.append(dict(event_id=ev.event_id, created_at=now, updated_at=now, n_reports=1, **event_columns(data)))
            reps.append(dict(article_id=art.article_id, event_id=ev.event_id, position=0, report_event_id=ev.event_id,
                             published=art.published, data=data, revises=False, created_at=now))
            fts.append({"a": art.article_id, "b": fast_body(art.title, art.text)})
        with repo.engine.begin() as conn:
            conn.execute(insert(ArticleRow), arts)
            conn.execute(insert(EventRow), evs)
            conn.execute(insert(ReportRow), reps)
            if repo.dialect == "sqlite":
                conn.execute(text("INSERT INTO articles_fts (article_id, body) VALUES (:a, :b)"), fts)
            else:
                conn.execute(text("INSERT INTO article_search (article_id, tsv) VALUES (:a, to_tsvector('simple', :b))"),
                             fts)
        if lo and lo % (batch * 50) == 0:
            print(f"  {lo:,} events, {lo / (time.perf_counter() - t0):,.0f}/s", flush=True)
    if repo.dialect == "postgresql":
        with repo.engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    return n_events / (time.perf_counter() - t0)


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]


def queries(repo: Repository, rnd: random.Random) -> dict[str, Callable[[], Any]]:
    def day() -> date:
        return START + timedelta(days=rnd.randrange(DAYS))

    def week() -> dict:
        d = day()
        return {"since": d, "until": d + timedelta(days=7)}

    def place() -> tuple:
        return rnd.choice(PLACES)

    def bbox() -> tuple:
        p = place()
        return (p[5] - 0.2, p[4] - 0.2, p[5] + 0.2, p[4] + 0.2)

    return {
        "week + country, newest 100": lambda: repo.query_events(**week(), country=place()[1], limit=100),
        "admin1 + type, newest 100": lambda: repo.query_events(admin1=place()[2], event_type=rnd.choice(TYPES)[1],
                                                               limit=100),
        "actor (part of name), month": lambda: repo.query_events(actor="islamic", since=(d := day()),
                                                                 until=d + timedelta(days=30)),
        "bounding box, month": lambda: repo.query_events(bbox=bbox(), since=(d := day()),
                                                         until=d + timedelta(days=30)),
        "text search, rare term (one article)": lambda: repo.query_events(text=str(rnd.randrange(N_LOADED))),
        "text search, common word + month": lambda: repo.query_events(text=rnd.choice(WORDS), since=(d := day()),
                                                                      until=d + timedelta(days=30), limit=100),
        "min fatalities 12, year": lambda: repo.query_events(min_fatalities=12, since=(d := day()),
                                                             until=d + timedelta(days=365), limit=100),
        "stats week x admin1 x type, quarter": lambda: repo.stats(
            ["week", "admin1", "event_type"], EventFilter(since=(d := day()), until=d + timedelta(days=90))),
        "get_event": lambda: repo.get_event(f"bench{rnd.randrange(1000):08d}"),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="SQLite path or SQLAlchemy URL (wiped first)")
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--batch", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=40, help="runs per query")
    ap.add_argument("--add", type=int, default=300, help="articles through the full add_result path")
    ap.add_argument("--no-load", action="store_true", help="keep the store as it is (a previous load) and only "
                                                          "measure add_result and the queries")
    args = ap.parse_args()
    repo = Repository(args.db)
    global N_LOADED
    if args.no_load:
        args.events = N_LOADED = repo.counts()["events"]
        print(f"{repo.dialect}: store as loaded, {N_LOADED:,} events")
        if repo.dialect == "postgresql":
            with repo.engine.begin() as conn:
                conn.execute(text("ANALYZE"))
    else:
        wipe(repo)
        print(f"{repo.dialect}: bulk-loading {args.events:,} events")
        N_LOADED = args.events
        rate = bulk_load(repo, args.events, args.batch, seed=1)
        print(f"bulk insert: {rate:,.0f} events/s ({args.events / rate:,.0f} s)")
    rnd = random.Random(2)
    lat = []
    for i in range(args.add):  # new reports of existing-looking events: the dedup candidate search does real work
        art, ev = synthetic(args.events + i, rnd)
        ev.event_id = ""
        t0 = time.perf_counter()
        repo.add_result(ArticleResult(article=art, events=[ev]))
        lat.append((time.perf_counter() - t0) * 1000)
    lat.sort()
    print(f"add_result with dedup: {1000 / statistics.mean(lat):,.0f} articles/s, median {statistics.median(lat):.1f} ms, "
          f"p95 {lat[int(0.95 * (len(lat) - 1))]:.1f} ms")
    print(f"{'query':<40} {'median ms':>10} {'p95 ms':>10}")
    for name, fn in queries(repo, random.Random(3)).items():
        fn()  # warm
        med, p95 = timed(fn, args.runs)
        print(f"{name:<40} {med:>10.1f} {p95:>10.1f}")
    print(repo.counts())
    repo.close()


if __name__ == "__main__":
    main()
