"""Input files -> Articles: .txt, .html/.htm, .jsonl, .json and directories of them.

Readers never raise for a bad input: they yield an `InputError` naming the file (and line) in the article stream,
so a batch reports it, counts it and goes on. Text encodings: UTF-8 (with or without BOM), UTF-16 with a BOM, then
the two legacy Arabic code pages (windows-1256, ISO-8859-6), chosen by how Arabic the decoded text looks.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from rasd.errors import InputError
from rasd.model import Article, ArticleResult, Event

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES

#: A first line this short (in characters) that is followed by more text is taken as the title of a .txt file.
MAX_TITLE_CHARS = 200
#: Legacy Arabic code pages tried, in order, when the bytes are not UTF-8.
LEGACY_ENCODINGS = ("windows-1256", "iso-8859-6")
#: Share of characters that must look like Arabic/ASCII text for a legacy decoding to be accepted.
MIN_PLAUSIBLE = 0.9

_ARABIC_PUNCT = set("،؛؟«»…–—‘’“”•°×÷")


def _is_plausible(ch: str) -> bool:
    """A character that real Arabic or ASCII prose contains (used to reject gibberish decodings)."""
    o = ord(ch)
    if ch in "\n\r\t\f" or 0x20 <= o < 0x7F:
        return True
    if 0x0600 <= o <= 0x06FF or 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF or o in (0x00A0, 0x200C, 0x200D):
        return True
    return ch in _ARABIC_PUNCT


def _looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control bytes, in the first 8 KB: not a text file."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 0x20 and b not in (9, 10, 12, 13))
    return controls > max(4, len(head) // 20)


def decode_bytes(data: bytes, path: str) -> str:
    """Decode a file's bytes to text, or raise InputError saying why it is not readable text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"undecodable UTF-16 text ({exc.reason} at byte {exc.start})", path) from exc
    if _looks_binary(data):
        raise InputError("binary file, not text", path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    best: tuple[float, int, str] | None = None
    for encoding in LEGACY_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:20000]
        plausible = sum(map(_is_plausible, sample)) / max(1, len(sample))
        # "ال" is the most frequent Arabic letter pair; a wrong code page scrambles it.
        score = (plausible, sample.count("ال"), encoding)
        if plausible >= MIN_PLAUSIBLE and (best is None or score[:2] > best[:2]):
            best = score
    if best is None:
        raise InputError(
            f"cannot decode text: not UTF-8 (invalid byte 0x{data[utf8_error.start]:02x} at offset "
            f"{utf8_error.start}), nor windows-1256 or ISO-8859-6 Arabic",
            path,
        )
    log.info("%s: decoded as %s", path, best[2])
    return data.decode(best[2])


def read_text_file(path: str) -> str:
    """The decoded content of a file, or InputError (missing, unreadable, empty, binary, undecodable)."""
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", path)
    if p.is_dir():
        raise InputError("is a directory", path)
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


def parse_date(value: Any) -> date | None:
    """A date from an ISO-like string ('2015-07-21', '2015-07-21 02:51:48', '2015-07-21T02:51:48Z'), else None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    m = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _dated(published: date | None, found: date | None, how_found: str) -> tuple[date | None, str]:
    """The article date and how it was found: the caller's `--published` wins over what the record says."""
    if published is not None:
        return published, "given"
    if found is not None:
        return found, how_found
    return None, "unknown"


def article_from_text(text: str, path: str, published: date | None = None) -> Article:
    """A .txt article: the whole text is the body; a short first line followed by more text is also the title."""
    body = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    lines = body.split("\n", 1)
    first = lines[0].strip()
    title = first if len(lines) > 1 and lines[1].strip() and len(first) <= MAX_TITLE_CHARS else ""
    when, how = _dated(published, None, "unknown")
    return Article(text=body, title=title, published=when, published_how=how, source_path=path)


def article_from_html(markup: str, path: str, published: date | None = None, url: str | None = None) -> Article:
    """An .html page: trafilatura's body, title and metadata date (or the tag-stripping fallback)."""
    from rasd.ingest.extract import extract_html

    page = extract_html(markup, url=url)
    if not page.text.strip():
        raise InputError("no text found in HTML page", path)
    when, how = _dated(published, page.published, "metadata")
    return Article(text=page.text, title=page.title, url=page.url, outlet=page.outlet, published=when,
                   published_how=how, source_path=path)


def article_from_record(record: Any, where: str, line: int | None, published: date | None = None) -> Article:
    """One JSON record (SaudiNewsNet's fields as they are) -> Article; InputError when it has no text.

    The body is the title, a blank line, then the content (as a .txt file of the same article would read), so the
    same article gives the same article_id from JSONL and from text, and the title's words can be extracted.
    """
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, got {type(record).__name__}", where, line)
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
    found = parse_date(record.get("published")) or parse_date(record.get("date_extracted")) \
        or parse_date(record.get("date"))
    when, how = _dated(published, found, "metadata")
    url = record.get("url") if isinstance(record.get("url"), str) and record.get("url") else None
    outlet = record.get("source") or record.get("outlet")
    language = record.get("language") if isinstance(record.get("language"), str) else None
    source_path = f"{where}:{line}" if line else where
    return Article(text=text, title=title, url=url, outlet=str(outlet) if outlet else None, published=when,
                   published_how=how, language=language, source_path=source_path)


def iter_jsonl(text: str, path: str, published: date | None = None) -> Iterator[Article | InputError]:
    """One article per non-blank line; a malformed line yields an InputError with its line number."""
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield InputError(f"malformed JSON line ({exc.msg} at column {exc.colno})", path, number)
            continue
        try:
            yield article_from_record(record, path, number, published)
        except InputError as exc:
            yield exc


def iter_json(text: str, path: str, published: date | None = None) -> Iterator[Article | InputError]:
    """A .json file holding one article object or a list of them."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield InputError(f"malformed JSON ({exc.msg})", path, exc.lineno)
        return
    records = data if isinstance(data, list) else [data]
    if not records:
        yield InputError("JSON list is empty", path)
    for index, record in enumerate(records, start=1):
        try:
            yield article_from_record(record, f"{path}[{index}]" if isinstance(data, list) else path, None, published)
        except InputError as exc:
            yield exc


def iter_file(path: str, published: date | None = None) -> Iterator[Article | InputError]:
    """Articles of one file, chosen by suffix (unknown suffixes are read as text)."""
    try:
        text = read_text_file(path)
    except InputError as exc:
        yield exc
        return
    suffix = Path(path).suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from iter_jsonl(text, path, published)
        elif suffix in JSON_SUFFIXES:
            yield from iter_json(text, path, published)
        elif suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and text.lstrip()[:15].lower().startswith(
                ("<!doctype html", "<html"))):
            yield article_from_html(text, path, published)
        else:
            yield article_from_text(text, path, published)
    except InputError as exc:
        yield exc


def _walk(directory: str) -> Iterator[str]:
    """Supported files under a directory, recursively, in a stable (sorted) order; hidden entries skipped."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                yield os.path.join(root, name)


def iter_articles(paths: Sequence[str], published: date | None = None) -> Iterator[Article | InputError]:
    """Every article in the given files and directories, in order; unreadable inputs come as InputError items."""
    for path in paths:
        path = str(path)
        if os.path.isdir(path):
            found = False
            for file_path in _walk(path):
                found = True
                yield from iter_file(file_path, published)
            if not found:
                yield InputError("directory holds no .txt, .html, .json or .jsonl files", path)
        else:
            yield from iter_file(path, published)


def derive_event_id(article_id: str, position: int, ev: Event) -> str:
    """A stable id for an event the pipeline left without one: same article and position, same id."""
    key = f"{article_id}|{position}|{ev.event_type}|{ev.event_date}|{ev.actor1}|{ev.location}"
    return "ev-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def attach_provenance(result: ArticleResult) -> ArticleResult:
    """Make every event name the article it came from (article_ids, urls, sources) and carry a stable event_id.

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
        if art.outlet and art.outlet not in ev.sources:
            ev.sources.append(art.outlet)
    return result
