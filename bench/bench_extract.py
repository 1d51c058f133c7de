"""HTML extraction throughput: pages/s of `rasd.ingest.extract.extract_html` (trafilatura + furniture removal +
visible date line + language) on one core.

Pages: the real arabic.cnn.com page from goose3's tests (../shared/data/html), plus SaudiNewsNet articles wrapped
in a news-site template (navigation, date line, share bar, related links, comment form, footer), so the page sizes
and the boilerplate are realistic. Prints pages/s, MB/s, and how many pages got their date and body back.

    PYTHONPATH=. python bench/bench_extract.py [--pages 300] [--repeat 3]
"""

from __future__ import annotations

import argparse
import html
import json
import time
import unicodedata
import zipfile
from pathlib import Path

from rasd.ingest.extract import extract_html

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
ARABIC_MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر",
                 "ديسمبر"]


def templated(rec: dict) -> tuple[str, str]:
    """A news page around one SaudiNewsNet article, and the first 60 characters its body must keep."""
    year, month, day = (int(x) for x in rec["date_extracted"][:10].split("-"))
    paragraphs = [p.strip() for p in rec["content"].split("\n") if p.strip()]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    related = "".join(f"<li><a href='/n/{i}'>خبر ذو صلة رقم {i}</a></li>" for i in range(8))
    page = (f"<!DOCTYPE html><html lang='ar' dir='rtl'><head><meta charset='utf-8'><title>{html.escape(rec['title'])}"
            f"</title></head><body><header><nav><a href='/'>الرئيسية</a> <a href='/local'>محليات</a> "
            f"<a href='/world'>دوليات</a> <a href='/sport'>رياضة</a></nav></header><main><article>"
            f"<h1>{html.escape(rec['title'])}</h1><div class='post-date'>{day} {ARABIC_MONTHS[month - 1]} {year}</div>"
            f"{body}<div class='share'>شارك على فيسبوك تويتر واتساب</div></article>"
            f"<aside><h3>أخبار ذات صلة</h3><ul>{related}</ul></aside>"
            "<section class='comments'><h3>اترك تعليقاً</h3><p>لن يتم نشر عنوان بريدك الإلكتروني.</p>"
            "<form><input name='author'><textarea></textarea></form></section></main>"
            "<footer>جميع الحقوق محفوظة © 2015</footer></body></html>")
    return page, paragraphs[0][:60] if paragraphs else ""


def pages(n: int) -> list[tuple[str, str]]:
    out = []
    cnn = SHARED / "html" / "goose3_test_cnn_arabic.html"
    if cnn.exists():
        out.append((cnn.read_text(encoding="utf-8"), "دمشق، سوريا (CNN)"))
    for zpath in sorted((SHARED / "news" / "saudinewsnet" / "zips").glob("*.zip")):
        with zipfile.ZipFile(zpath) as zf:
            for name in zf.namelist():
                for rec in json.loads(zf.read(name))[::37]:  # spread over outlets
                    if (rec.get("content") or "").strip():
                        out.append(templated(rec))
                    if len(out) >= n:
                        return out
    return out


def _plain(text: str) -> str:
    """Whitespace collapsed and format marks (RLM, ZWNJ) dropped: what "the body was kept" is judged on."""
    return " ".join("".join(ch for ch in text if unicodedata.category(ch) != "Cf").split())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    sample = pages(args.pages)
    size = sum(len(p.encode("utf-8")) for p, _ in sample)
    extract_html(sample[0][0])  # warm up (imports, trafilatura settings)
    best = float("inf")
    kept = dated = 0
    for _ in range(args.repeat):
        kept = dated = 0
        t0 = time.perf_counter()
        for markup, opening in sample:
            page = extract_html(markup)
            kept += _plain(opening) in _plain(page.text)
            dated += page.published is not None
        best = min(best, time.perf_counter() - t0)
    print(f"{len(sample)} pages, {size / 1e6:.1f} MB: {len(sample) / best:.1f} pages/s, {size / 1e6 / best:.2f} MB/s "
          f"(best of {args.repeat}, one core); body kept {kept}/{len(sample)}, dated {dated}/{len(sample)}")


if __name__ == "__main__":
    main()
