"""Throughput of the Arabic language layer over the SaudiNewsNet Iraq/Syria security subset (1,310 articles).

    python bench/bench_text.py [--limit N] [--dateparser-table] [--segmentation]

Prints tokens/s, sentences/s, quantities/s and time expressions/s (each resolved against the article's
date_extracted) on one core, after a warm-up that loads the lexicon; `--dateparser-table` compares dateparser alone with rasd on the
expressions the issue lists; `--segmentation` prints the ANERcorp / UniversalPetrarch segmentation measurement.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rasd.text.dates import find_time_expressions  # noqa: E402
from rasd.text.numbers import find_quantities  # noqa: E402
from rasd.text.segment import split_sentences, tokenize  # noqa: E402

SUBSET = ROOT.parent / "shared" / "data" / "news" / "saudinewsnet" / "saudinewsnet_iraq_syria_security_subset.jsonl"

#: (expression, expected representative day or inclusive range) for publication Thursday 2020-01-16.
TABLE_PUBLISHED = date(2020, 1, 16)
TABLE = [
    ("16 يناير 2020", "2020-01-16"), ("15 كانون الثاني 2020", "2020-01-15"), ("16 جانفي 2020", "2020-01-16"),
    ("1 رمضان 1441 هـ", "2020-04-24"), ("2020/01/16", "2020-01-16"), ("16-1-2020", "2020-01-16"),
    ("12 ديسمبر", "2019-12-12"), ("أمس", "2020-01-15"), ("أول أمس", "2020-01-14"), ("اليوم", "2020-01-16"),
    ("الليلة الماضية", "2020-01-15"), ("مساء أمس", "2020-01-15"), ("فجر اليوم", "2020-01-16"),
    ("صباح الأحد", "2020-01-12"), ("الاثنين الماضي", "2020-01-13"), ("ليل الاثنين الماضي", "2020-01-13"),
    ("قبل 3 أيام", "2020-01-13"), ("قبل ثلاثة أيام", "2020-01-13"), ("منذ أسبوعين", "2019-12-30..2020-01-05"),
    ("الأسبوع الماضي", "2020-01-06..2020-01-12"), ("الشهر الماضي", "2019-12-01..2019-12-31"),
    ("مطلع الشهر الماضي", "2019-12-01..2019-12-10"), ("أواخر الشهر الماضي", "2019-12-21..2019-12-31"),
    ("في وقت سابق من هذا الشهر", "2020-01-01..2020-01-15"), ("خلال الأيام الماضية", "2020-01-09..2020-01-15"),
    ("شهر كانون الأول", "2019-12-01..2019-12-31"), ("العام الماضي", "2019-01-01..2019-12-31"),
]


def load(limit: int | None) -> list[tuple[str, date]]:
    articles = []
    with SUBSET.open(encoding="utf-8") as fh:
        for line in fh:
            a = json.loads(line)
            text = (a.get("title") or "") + "\n\n" + (a.get("content") or "")
            articles.append((text, datetime.strptime(a["date_extracted"][:10], "%Y-%m-%d").date()))
            if limit and len(articles) >= limit:
                break
    return articles


def bench(articles: list[tuple[str, date]]) -> None:
    chars = sum(len(t) for t, _ in articles)
    tokenize(articles[0][0])  # warm-up: lexicon, caches
    find_time_expressions(articles[0][0], articles[0][1])
    rows = []
    for name, fn in (("tokens", lambda t, d: tokenize(t)), ("sentences", lambda t, d: split_sentences(t)),
                     ("quantities", lambda t, d: find_quantities(t)),
                     ("time expressions", lambda t, d: find_time_expressions(t, d))):
        start, cpu = time.perf_counter(), time.process_time()
        n = sum(len(fn(t, d)) for t, d in articles)
        rows.append((name, n, time.perf_counter() - start, time.process_time() - cpu))
    print(f"{len(articles)} articles, {chars:,} characters; rates use CPU seconds (wall seconds, which a busy")
    print("shared machine inflates, are shown beside them)")
    print(f"{'what':<18}{'found':>10}{'CPU s':>8}{'wall s':>8}{'found/s':>10}{'articles/s':>12}")
    for name, n, wall, cpu in rows:
        print(f"{name:<18}{n:>10,}{cpu:>8.2f}{wall:>8.2f}{n / cpu:>10,.0f}{len(articles) / cpu:>12,.0f}")


def _covers(expected: str, got: date | None) -> bool:
    if got is None:
        return False
    lo, _, hi = expected.partition("..")
    return date.fromisoformat(lo) <= got <= date.fromisoformat(hi or lo)


def dateparser_table() -> None:
    import dateparser

    base = datetime.combine(TABLE_PUBLISHED, datetime.min.time())
    print(f"published {TABLE_PUBLISHED} (Thursday); ok = inside the expected day/range")
    print("| expression | expected | dateparser alone | rasd |")
    print("|---|---|---|---|")
    for expr, expected in TABLE:
        parsed = dateparser.parse(expr, languages=["ar"], settings={"RELATIVE_BASE": base,
                                                                    "PREFER_DATES_FROM": "past"})
        dp = parsed.date() if parsed else None
        found = find_time_expressions(expr, TABLE_PUBLISHED)
        rasd = found[0] if found and found[0].end - found[0].start >= len(expr.strip()) - 1 else None
        rasd_txt = f"{rasd.date_start}..{rasd.date_end} p{rasd.precision}" if rasd else "None"
        if rasd and rasd.date_start == rasd.date_end:
            rasd_txt = f"{rasd.date} p{rasd.precision}"
        dp_mark = "ok" if _covers(expected, dp) else ("wrong" if dp else "none")
        rasd_mark = "ok" if rasd and _covers(expected, rasd.date) else ("wrong" if rasd else "none")
        print(f"| {expr} | {expected} | {dp} {dp_mark} | {rasd_txt} {rasd_mark} |")


def segmentation() -> None:
    from rasd.text import segmentation_eval

    print("ANERcorp entity tokens:", segmentation_eval.anercorp())
    print("UniversalPetrarch forms:", segmentation_eval.universalpetrarch())


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--dateparser-table", action="store_true")
    ap.add_argument("--segmentation", action="store_true")
    args = ap.parse_args()
    if args.dateparser_table:
        dateparser_table()
    elif args.segmentation:
        segmentation()
    else:
        bench(load(args.limit))
