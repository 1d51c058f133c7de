"""Inputs -> Articles: .txt, .html/.htm, .jsonl, .json, .warc/.warc.gz files, directories of them, and http(s)
URLs of pages, RSS/Atom feeds and sitemaps (read by `rasd.ingest.web`).

Readers never raise for a bad input: they yield an `InputError` naming the file (and line) in the article stream,
so a batch reports it, counts it and goes on. Encodings are chosen in `rasd.ingest.encoding`. JSONL files are
streamed line by line, so memory stays flat however large the corpus.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from rasd.errors import InputError
from rasd.ingest.encoding import clean_text, decode_bytes, detect_encoding, looks_binary, sniff_utf16
from rasd.ingest.extract import article_from_text
from rasd.ingest.isodate import iso_date
from rasd.model import Article, ArticleResult, Event

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})
WARC_SUFFIXES = frozenset({".warc", ".gz"})  # ".gz" only as ".warc.gz" (see _supported)
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES | WARC_SUFFIXES



def read_error(path: str) -> InputError:
    """Why a path that is not a readable regular file cannot be read."""
    p = Path(path)
    if not p.exists():
        return InputError("no such file", path)
    if p.is_dir():
        return InputError("is a directory", path)
    return InputError("not a regular file", path)


def read_text_file(path: str) -> str:
    """The decoded content of a file, or InputError (missing, unreadable, empty, binary, undecodable)."""
    p = Path(path)
    if not p.is_file():
        raise read_error(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", path) from exc
    if not data.strip():
        raise InputError("empty file", path)
    text = decode_bytes(data, path)
    if not text.strip():
        raise InputError("empty file (whitespace only)", path)
    return text


def _dated(published: date | None, found: date | None, how_found: str) -> tuple[date | None, str]:
    """The article date and how it was found: the caller's `--published` wins over what the record says."""
    if published is not None:
        return published, "given"
    if found is not None:
        return found, how_found
    return None, "unknown"


def article_from_html(markup: str, path: str, published: date | None = None, url: str | None = None) -> Article:
    """An .html page: trafilatura's body, title, outlet, language and date (or the tag-stripping fallback)."""
    from rasd.ingest.extract import article_from_html as from_html

    return from_html(markup, url=url, published=published, source_path=path)


def article_from_record(record: Any, where: str, line: int | None, published: date | None = None) -> Article:
    """One JSON record (SaudiNewsNet's fields as they are) -> Article; InputError when it has no text.

    The body is the title, a blank line, then the content (as a .txt file of the same article would read), so the
    same article gives the same article_id from JSONL and from text, and the title's words can be extracted.
    """
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, got {type(record).__name__}", where, line)
    record = {key: clean_text(value) if isinstance(value, str) else value for key, value in record.items()}
    content = record.get("content")
    if content is None:
        content = record.get("text")
    if content is not None and not isinstance(content, str):
        raise InputError("field 'content'/'text' must be a string", where, line)
    title = record.get("title") or ""
    title = " ".join(title.split()) if isinstance(title, str) else ""
    content = (content or "").strip()
    if not content:
        raise InputError("record has no 'content' or 'text'", where, line)
    text = content if not title or content.startswith(title) else f"{title}\n\n{content}"
    found = iso_date(record.get("published")) or iso_date(record.get("date_extracted")) \
        or iso_date(record.get("date"))
    when, how = _dated(published, found, "metadata")
    url = record.get("url") if isinstance(record.get("url"), str) and record.get("url") else None
    outlet = record.get("source") or record.get("outlet")
    language = record.get("language") if isinstance(record.get("language"), str) else None
    source_path = f"{where}:{line}" if line else where
    return Article(text=text, title=title, url=url, outlet=str(outlet) if outlet else None, published=when,
                   published_how=how, language=language, source_path=source_path)


def _jsonl_line(raw: str, path: str, number: int, published: date | None) -> Article | InputError | None:
    """One JSONL line -> Article, InputError, or None for a blank line. Never raises: whatever one record does
    wrong (bad JSON, nesting too deep to parse, a value of the wrong kind) is that line's error, and the file goes
    on with the next line."""
    if not raw.strip():
        return None
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as exc:
        return InputError(f"malformed JSON line ({exc.msg} at column {exc.colno})", path, number)
    except RecursionError:
        return InputError("JSON nested too deeply to read", path, number)
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        return InputError(f"malformed JSON line ({exc})", path, number)
    return _record_or_error(record, path, number, published)


def _record_or_error(record: Any, where: str, line: int | None, published: date | None) -> Article | InputError:
    """article_from_record, with any failure of one record turned into that record's InputError."""
    try:
        return article_from_record(record, where, line, published)
    except InputError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - one bad record must never end the batch
        return InputError(f"unreadable record ({type(exc).__name__}: {exc})", where, line)


def iter_jsonl(text: str, path: str, published: date | None = None) -> Iterator[Article | InputError]:
    """One article per non-blank line of already-decoded text; a malformed line yields an InputError."""
    for number, raw in enumerate(text.splitlines(), start=1):
        item = _jsonl_line(raw, path, number, published)
        if item is not None:
            yield item


#: How much of a JSONL file is read to choose its encoding before streaming the rest line by line.
JSONL_SNIFF_BYTES = 1 << 16


def _utf8_line(raw: bytes) -> bool:
    try:
        raw.decode("utf-8-sig")
        return True
    except UnicodeDecodeError:
        return False


def _jsonl_encoding(head: bytes, path: str) -> str:
    """The encoding of a JSONL file from its first lines: the whole-prefix detection, else the same detection over
    the lines that look like text (the others become line errors), else UTF-8 when any line is UTF-8.

    JSON is UTF-8 (RFC 8259), and a line of legacy-encoded Arabic is practically never valid UTF-8: when any line
    with non-ASCII bytes is UTF-8, the file is, and a line of stray bytes is that line's error. The whole-prefix
    detection would otherwise read such a file as windows-1256 (which decodes almost any byte) and turn every good
    Arabic line into mojibake."""
    if not head.startswith((b"\xff\xfe", b"\xfe\xff")) and not sniff_utf16(head):
        if any(_utf8_line(line) for line in head.split(b"\n") if not line.isascii()):
            return "utf-8-sig"
    try:
        return detect_encoding(head, path)
    except InputError:
        # Binary or undecodable as a whole, but JSONL is judged line by line: the encoding is chosen on the lines
        # that look like text, and a line with NUL or stray bytes is that line's error, not the file's.
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise
        text_lines = [line for line in head.split(b"\n") if line.strip() and not looks_binary(line)]
        if not text_lines:
            raise
        try:
            return detect_encoding(b"\n".join(text_lines), path)
        except InputError:
            if any(map(_utf8_line, text_lines)):
                return "utf-8-sig"
            raise


def iter_jsonl_file(path: str, published: date | None = None) -> Iterator[Article | InputError]:
    """Stream a JSONL file line by line (memory stays flat on big corpora); a line in another encoding is an error."""
    p = Path(path)
    if not p.is_file():
        yield read_error(path)
        return
    try:
        with p.open("rb") as fh:
            head = fh.read(JSONL_SNIFF_BYTES)
            if not head.strip():
                yield InputError("empty file", path)
                return
            cut = head.rfind(b"\n")
            encoding = _jsonl_encoding(head[: cut + 1] if cut > 0 else head, path)
            if encoding.startswith("utf-16"):  # lines are not byte lines in UTF-16: decode the whole file
                yield from iter_jsonl(decode_bytes(head + fh.read(), path), path, published)
                return
            fh.seek(0)
            for number, raw in enumerate(fh, start=1):
                try:
                    line = raw.decode(encoding)  # utf-8-sig drops a BOM on line 1 only
                except UnicodeDecodeError as exc:
                    yield InputError(f"line is not valid {encoding} text (byte {exc.start})", path, number)
                    continue
                item = _jsonl_line(line, path, number, published)
                if item is not None:
                    yield item
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(f"cannot read file: {exc.strerror or exc}", path)


def iter_json(text: str, path: str, published: date | None = None) -> Iterator[Article | InputError]:
    """A .json file holding one article object or a list of them."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield InputError(f"malformed JSON ({exc.msg})", path, exc.lineno)
        return
    except RecursionError:
        yield InputError("JSON nested too deeply to read", path)
        return
    except ValueError as exc:
        yield InputError(f"malformed JSON ({exc})", path)
        return
    records = data if isinstance(data, list) else [data]
    if not records:
        yield InputError("JSON list is empty", path)
    for index, record in enumerate(records, start=1):
        yield _record_or_error(record, f"{path}[{index}]" if isinstance(data, list) else path, None, published)


def iter_file(path: str, published: date | None = None) -> Iterator[Article | InputError]:
    """Articles of one file, chosen by suffix (unknown suffixes are read as text, or HTML when they look like it)."""
    suffix = Path(path).suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from iter_jsonl_file(path, published)
        return
    from rasd.ingest.warc import is_warc, iter_warc

    if is_warc(path):
        yield from iter_warc(path, published)
        return
    try:
        if suffix in HTML_SUFFIXES:
            yield article_from_html(_read_html_file(path), path, published)
            return
        text = read_text_file(path)
        if suffix in JSON_SUFFIXES:
            yield from iter_json(text, path, published)
        elif suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(text)):
            yield article_from_html(text, path, published)
        else:
            yield article_from_text(text, path, published)
    except InputError as exc:
        yield exc
    except Exception as exc:  # noqa: BLE001 - a reader's bug on one file is that file's error, not the batch's
        log.debug("reading %s failed", path, exc_info=True)
        yield InputError(f"unreadable file ({type(exc).__name__}: {exc})", path)


def _read_html_file(path: str) -> str:
    """An HTML file's text, decoded by its bytes and its <meta charset> (see `decode_html`)."""
    from rasd.ingest.encoding import decode_html

    read_text_file(path)  # the same checks (missing, empty, binary) and messages as for any file
    return decode_html(Path(path).read_bytes(), path)


def _supported(name: str) -> bool:
    lower = name.lower()
    suffix = Path(lower).suffix
    return suffix in SUPPORTED_SUFFIXES and (suffix != ".gz" or lower.endswith((".warc.gz", ".arc.gz")))


def _looks_like_html(text: str) -> bool:
    return text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))


def _walk(directory: str) -> Iterator[str]:
    """Supported files under a directory, recursively, in a stable (sorted) order; hidden entries skipped."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and _supported(name):
                yield os.path.join(root, name)


def iter_articles(paths: Sequence[str], published: date | None = None,
                  fetcher: Any = None) -> Iterator[Article | InputError]:
    """Every article in the given files, directories and URLs, in order; unreadable inputs come as InputError items.

    The path "-" reads one text (or HTML) article from standard input. An http(s) URL is fetched (with `fetcher`, a
    `rasd.ingest.fetch.Fetcher`, or the process-wide default): a page gives its article, a feed or sitemap the
    articles it lists.
    """
    from rasd.ingest.web import is_url, iter_url

    for path in paths:
        path = str(path)
        if is_url(path):
            yield from iter_url(path, published, fetcher)
        elif path == "-":
            yield from iter_stdin(published)
        elif os.path.isdir(path):
            found = False
            for file_path in _walk(path):
                found = True
                yield from iter_file(file_path, published)
            if not found:
                yield InputError("directory holds no .txt, .html, .json, .jsonl or .warc files", path)
        else:
            yield from iter_file(path, published)


def iter_stdin(published: date | None = None) -> Iterator[Article | InputError]:
    """One article from standard input (bytes, so the same encoding detection applies as for files)."""
    import sys

    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read() if stream is not None else (sys.stdin.read() or "").encode("utf-8")
    try:
        if not data.strip():
            raise InputError("empty file", "<stdin>")
        text = decode_bytes(data, "<stdin>")
        yield article_from_html(text, "<stdin>", published) if _looks_like_html(text) \
            else article_from_text(text, "<stdin>", published)
    except InputError as exc:
        yield exc


def derive_event_id(article_id: str, position: int, ev: Event) -> str:
    """A stable id for an event the pipeline left without one: same article and position, same id."""
    key = f"{article_id}|{position}|{ev.event_type}|{ev.event_date}|{ev.actor1}|{ev.location}"
    return "ev-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def attach_provenance(result: ArticleResult) -> ArticleResult:
    """Make every event name the article it came from (article_ids, urls, sources: the outlet, and the origin of a
    forwarded Telegram post) and carry a stable event_id.

    The extractor may already fill these; this only adds what is missing, so the CLI output and the store agree.
    """
    art = result.article
    for position, ev in enumerate(result.events):
        if not ev.event_id:
            ev.event_id = derive_event_id(art.article_id, position, ev)
        if art.article_id not in ev.article_ids:
            ev.article_ids.append(art.article_id)
        if art.url and art.url not in ev.urls:
            ev.urls.append(art.url)
        origin = (art.meta.get("forwarded_from") or {}).get("name")  # a relayed report names where it came from
        for source in (art.outlet, origin):
            if source and source not in ev.sources:
                ev.sources.append(source)
    return result


def count_records(paths: Sequence[str]) -> int | None:
    """How many records the inputs hold (for a progress bar's total), or None when a .json file makes it unknown.

    Counts non-blank lines of JSONL files and one per other file, reading bytes only (no decoding, no parsing).
    """
    total = 0
    for path in paths:
        if str(path).lower().startswith(("http://", "https://")):
            return None
        files = list(_walk(path)) if os.path.isdir(path) else [str(path)]
        for file_path in files:
            suffix = Path(file_path).suffix.lower()
            if suffix in JSON_SUFFIXES or _supported(file_path) and suffix in WARC_SUFFIXES:
                return None
            if suffix not in JSONL_SUFFIXES:
                total += 1
                continue
            try:
                with open(file_path, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except OSError:
                total += 1
    return total
