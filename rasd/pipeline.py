"""Composes the per-article stages: process(article) -> ArticleResult.

Each stage is a plain function of the previous stage's output; nothing here knows about storage or the web, so a
batch engine can run `process` over partitions of articles unchanged.
"""

from __future__ import annotations

from rasd.model import Article, ArticleResult, Event


def process(article: Article, kb=None) -> ArticleResult:
    """Run the extractor over one article. (Integration in progress: stages are wired in by the events work.)"""
    return ArticleResult(article=article)


def extract(text_or_html: str, published: str | None = None, url: str | None = None, title: str = "") -> list[Event]:
    """Python API: events of one article given as text or HTML."""
    from datetime import date

    article = Article(text=text_or_html, title=title, url=url,
                      published=date.fromisoformat(published) if published else None,
                      published_how="given" if published else "unknown")
    return process(article).events
