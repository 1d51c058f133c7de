"""rasd (رصد): Arabic-first conflict-event monitor.

`rasd.extract(text_or_html, published="2020-01-16", url=None)` is the one-call Python API; the CLI (`rasd`) and the
store are built on the same pipeline (`rasd.pipeline.process`).
"""

from __future__ import annotations

__version__ = "0.1.0"


def extract(text_or_html: str, published: str | None = None, url: str | None = None, title: str = ""):
    """Extract events from one article given as text or HTML; returns a list of `rasd.model.Event`."""
    from rasd.ingest.extract import article_from_input
    from rasd.pipeline import process

    return process(article_from_input(text_or_html, published, url, title)).events


__all__ = ["extract", "__version__"]
