"""WARC archives (.warc, .warc.gz) -> Articles: every archived HTML response becomes one article.

Web archives (Common Crawl, Heritrix, wget --warc-file, browsertrix) store pages as they were served, headers
included, so the page's URL, fetch time and declared charset are all known. Records are streamed by warcio, so an
archive of any size is read in flat memory. Non-HTML records (images, scripts, robots.txt, DNS, requests) are passed
over silently; an HTML record that yields no text is an InputError in the stream, like any unreadable input.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from rasd.errors import InputError
from rasd.ingest.encoding import decode_html
from rasd.ingest.extract import article_from_html
from rasd.model import Article

log = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
#: HTML records bigger than this are not news pages (and would cost seconds to parse).
MAX_RECORD_BYTES = 5_000_000


def is_warc(path: str) -> bool:
    return str(path).lower().endswith(WARC_SUFFIXES)


def _warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return None


def iter_warc(path: str, published: date | None = None) -> Iterator[Article | InputError]:
    """One Article per archived 2xx HTML response (or HTML resource record) in a WARC file."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    p = Path(path)
    if not p.is_file():
        yield InputError("no such file" if not p.exists() else "not a regular file", path)
        return
    found = 0
    try:
        with p.open("rb") as fh:
            for number, record in enumerate(ArchiveIterator(fh), start=1):
                item = _record_article(record, path, number, published)
                if item is not None:
                    found += 1
                    yield item
    except ArchiveLoadFailed as exc:
        yield InputError(f"not a readable WARC file ({' '.join(str(exc).split())})", path)
        return
    except (OSError, EOFError, ValueError) as exc:
        yield InputError(f"WARC file is truncated or corrupt ({type(exc).__name__}: {exc})", path)
        return
    if not found:
        yield InputError("WARC file holds no HTML responses", path)


def _record_article(record, path: str, number: int, published: date | None) -> Article | InputError | None:
    """The article of one WARC record, an InputError for an unreadable HTML record, None for other records."""
    if record.rec_type not in ("response", "resource"):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        ctype = record.http_headers.get_header("Content-Type") or ""
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    if "html" not in ctype.lower():
        return None
    where = f"{path}#{number}"
    data = record.content_stream().read(MAX_RECORD_BYTES + 1)
    if len(data) > MAX_RECORD_BYTES:
        return InputError(f"HTML record larger than {MAX_RECORD_BYTES} bytes", where)
    missing = getattr(record.raw_stream, "limit", 0)  # bytes its Content-Length promised but the file lacks
    if missing:
        return InputError(f"WARC record is truncated ({missing} bytes of its declared length are missing)", where)
    try:
        markup = decode_html(data, url or where, header=ctype)
        return article_from_html(markup, url=url, published=published, source_path=where,
                                 fetched_at=_warc_date(record.rec_headers.get_header("WARC-Date")))
    except InputError as exc:
        text = str(exc)
        prefix = f"{exc.path}: " if exc.path else ""
        return InputError(text[len(prefix):] if prefix and text.startswith(prefix) else text, where)
