"""Store benchmark: insert rate and p95 latency of typical queries on a store of N synthetic events (default 1M).

    python bench/bench_store.py --db /tmp/bench.db [--events 1000000]
    python bench/bench_store.py --db postgresql+psycopg://postgres@127.0.0.1:5432/bench

Two insert figures: the bulk load (`Repository.bulk_add`: articles with their events, reports, full-text entries
and search names, in batches of Core executemany, no dedup) and the full `Repository.add_result` path (mentions,
full-text index, dedup against the filled store) for a few hundred new articles. Then each typical query runs repeatedly with random
parameters and its median and p95 latency are printed. Run on demand, never in CI. The store is wiped first.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import text

from rasd.model import Article, ArticleResult, Event, Span
from rasd.store.query import EventFilter
from rasd.store.repository import Repository

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


def wipe(repo: Repository) -> None:
    with repo.engine.begin() as conn:
        for table in ("mentions", "reports", "event_actors", "event_names", "events", "sources", "articles"):
            conn.execute(text(f"DELETE FROM {table}"))
        if repo.dialect == "sqlite":
            conn.execute(text("DELETE FROM articles_fts"))
            conn.execute(text("DELETE FROM articles_fts_ids"))
        else:
            conn.execute(text("DELETE FROM article_search"))


def bulk_load(repo: Repository, n_events: int, batch: int, seed: int) -> tuple[float, float]:
    """Write n_events synthetic events (one article and one report each) through `Repository.bulk_add`.

    Returns (events per second of the store alone, events per second including making the synthetic data).
    """
    rnd = random.Random(seed)
    t0 = time.perf_counter()
    in_store = 0.0
    for lo in range(0, n_events, batch):
        chunk = []
        for i in range(lo, min(n_events, lo + batch)):
            art, ev = synthetic(i, rnd)
            chunk.append(ArticleResult(article=art, events=[ev]))
        t1 = time.perf_counter()
        repo.bulk_add(chunk, batch=batch)
        in_store += time.perf_counter() - t1
        done = min(n_events, lo + batch)
        if done % (batch * 25) == 0:
            print(f"  {done:,} events, {done / in_store:,.0f}/s in the store", flush=True)
    if repo.dialect == "postgresql":
        with repo.engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    return n_events / in_store, n_events / (time.perf_counter() - t0)


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
        "actor (part of name), newest 100": lambda: repo.query_events(actor=rnd.choice(ACTORS)[:12].lower(),
                                                                      limit=100),
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
    ap.add_argument("--batch", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=40, help="runs per query")
    ap.add_argument("--add", type=int, default=300, help="articles through the full add_result path")
    ap.add_argument("--no-load", action="store_true", help="keep the store as it is (a previous load) and only "
                                                          "measure add_result and the queries")
    ap.add_argument("--skip-queries", action="store_true", help="measure the load and add_result only")
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
        rate, wall = bulk_load(repo, args.events, args.batch, seed=1)
        print(f"bulk insert (Repository.bulk_add): {rate:,.0f} events/s in the store ({args.events / rate:,.0f} s); "
              f"{wall:,.0f} events/s with making the synthetic data")
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
    for name, fn in ({} if args.skip_queries else queries(repo, random.Random(3))).items():
        fn()  # warm
        med, p95 = timed(fn, args.runs)
        print(f"{name:<40} {med:>10.1f} {p95:>10.1f}")
    print(repo.counts())
    print(f"store size: {store_size(repo) / 1e9:.2f} GB")
    repo.close()


def store_size(repo: Repository) -> int:
    """Bytes on disk: the SQLite file (with its WAL), or PostgreSQL's database size."""
    if repo.path is not None:
        return sum(p.stat().st_size for p in (repo.path, repo.path.with_name(repo.path.name + "-wal")) if p.exists())
    with repo.engine.connect() as conn:
        return int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar() or 0)


if __name__ == "__main__":
    main()
