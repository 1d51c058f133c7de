"""Regression guard on short posts (issue 14): the dev half of tests/data/posts_2026 (hand-written Telegram-style
posts and wire briefs, gold per the annotation guide) scored with rasd's scorer, the rules deciding. The floors sit
below the figures when the guard was added (dev F1 0.91, fields 0.91; before the short-post fixes 0.75 / 0.87), so
small moves pass and a real regression fails. The held half is not used here: it is scored only to report."""

from __future__ import annotations

from pathlib import Path

from rasd.evaluate import evaluate
from rasd.model import Article
from rasd.pipeline import process

DEV = Path(__file__).resolve().parents[1] / "data" / "posts_2026" / "dev"
F1_FLOOR = 0.85
FIELDS_FLOOR = 0.85


def test_short_posts_dev_half_stays_above_its_floor(kb):
    def run(text, published):
        return [e.to_dict() for e in process(Article(text=text, published=published), kb, decide="rules").events]

    report = evaluate(DEV / "gold.jsonl", DEV / "articles.jsonl", run)
    assert report.articles == 50
    assert report.f1 >= F1_FLOOR, report.lines()
    assert report.fields >= FIELDS_FLOOR, report.lines()
