"""HTML page -> clean body text, title, author, outlet, language and publication date.

trafilatura does the boilerplate removal (it keeps Arabic bodies intact); `rasd.ingest.boilerplate` then drops the
comment forms, share bars and related-link lists that slip through. trafilatura's date search is limited to metadata
(`extensive_search=False`): the extensive search guesses dates from URLs and free text and, on Arabic pages, often
returns a wrong 1 January. A page without date metadata is dated from its visible date line instead
(`rasd.ingest.pagedate`), which reads Arabic month names. When trafilatura finds no body (tiny pages, fragments), a
plain tag-stripping fallback keeps whatever visible text there is, so an HTML input never silently becomes nothing.
"""

from __future__ import annotations

import html as html_lib
import logging
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from html.parser import HTMLParser

from rasd.ingest.boilerplate import remove_boilerplate
from rasd.ingest.encoding import clean_text
from rasd.ingest.language import detect_language
from rasd.ingest.pagedate import visible_date
from rasd.model import Article

log = logging.getLogger(__name__)

#: Elements whose content is never article text.
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe", "nav", "footer"})
#: Elements that end a line of visible text.
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section",
                         "blockquote", "pre", "table", "ul", "ol", "header", "main", "aside", "figure", "figcaption"})


@dataclass(slots=True)
class ExtractedPage:
    """What an HTML page yields: body text (never None), title, date and how it was found, canonical URL, outlet,
    author, language, and how the text was read."""

    text: str
    title: str = ""
    published: date | None = None
    url: str | None = None
    outlet: str | None = None
    method: str = "trafilatura"  # or "strip" when the fallback produced the text
    published_how: str = "unknown"  # "metadata" (meta tags, JSON-LD), "text" (the visible date line) or "unknown"
    author: str | None = None
    language: str | None = None


class _TextCollector(HTMLParser):
    """Visible text of an HTML document, one line per block element; the title kept apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self._skip_depth = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in _SKIP_TAGS:
            self._skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _SKIP_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        elif not self._skip_depth:
            self.parts.append(data)


def strip_tags(markup: str) -> tuple[str, str]:
    """(body text, title) by dropping tags: the fallback when trafilatura finds no main content."""
    collector = _TextCollector()
    try:
        collector.feed(markup)
        collector.close()
    except Exception as exc:  # html.parser is lenient; this guards against pathological input only
        log.debug("html.parser failed (%s); using a regex strip", exc)
        text = html_lib.unescape(re.sub(r"<[^>]+>", "\n", markup))
        return _tidy(text), ""
    return _tidy("".join(collector.parts)), " ".join("".join(collector.title_parts).split())


def _tidy(text: str) -> str:
    """Collapse runs of spaces inside lines and drop empty lines, keeping paragraph breaks as blank lines."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n\n".join(line for line in lines if line)


_warned: set[str] = set()


def _warn_once(message: str) -> None:
    if message not in _warned:
        _warned.add(message)
        log.warning(message)


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def extract_html(markup: str, url: str | None = None, today: date | None = None) -> ExtractedPage:
    """Main text and metadata of one HTML page (trafilatura, then the tag-stripping fallback).

    `today` bounds the visible-date search (a date after it is not a publication date); default: the current day.
    """
    markup = drop_attribute_floods(markup)
    too_big = oversized(markup)
    if too_big:  # trafilatura (and htmldate within it) grow worse than linearly on such pages
        log.warning("%s: %s; read by tag stripping, not trafilatura", url or "page", too_big)
    doc = None if too_big else _trafilatura(markup, url)
    stripped: list[tuple[str, str]] = []

    def fallback() -> tuple[str, str]:
        """strip_tags output, computed only when needed (it costs a third of trafilatura's time)."""
        if not stripped:
            stripped.append(strip_tags(markup))
        return stripped[0]

    text = remove_boilerplate(_tidy(getattr(doc, "text", None) or "")) if doc is not None else ""
    if doc is not None and text:
        page = ExtractedPage(
            text=text,
            title=(getattr(doc, "title", None) or fallback()[1] or "").strip(),
            published=_parse_date(getattr(doc, "date", None)),
            url=getattr(doc, "url", None) or url,
            outlet=getattr(doc, "sitename", None) or None,
            method="trafilatura",
            author=getattr(doc, "author", None) or None,
        )
        declared = getattr(doc, "language", None)
    else:
        fallback_text, fallback_title = fallback()
        page = ExtractedPage(text=remove_boilerplate(fallback_text), title=fallback_title, url=url, method="strip")
        declared = None
    if page.published is not None:
        page.published_how = "metadata"
    else:
        page.published = visible_date(markup, lambda: fallback()[0].split("\n"), today or datetime.now(UTC).date())
        page.published_how = "text" if page.published else "unknown"
    page.language = detect_language(page.text, declared or _html_lang(markup))
    return page


def _trafilatura(markup: str, url: str | None):
    """trafilatura's extraction with metadata, or None when it is not installed or fails on the page."""
    try:
        import trafilatura
    except ImportError as exc:  # a broken install (e.g. lxml without lxml_html_clean): degrade, say so once
        _warn_once(f"trafilatura cannot be imported ({' '.join(str(exc).split())}); HTML is read by tag stripping")
        return None
    try:
        return trafilatura.bare_extraction(
            markup,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken pages; fall back, never crash
        log.debug("trafilatura failed on %s: %s", url or "page", exc)
        return None


#: A page with more elements than this is not a news page (those hold a few thousand); trafilatura would spend
#: tens of seconds on it, so it is read by tag stripping (linear) instead.
MAX_ELEMENTS = 30_000
#: Attributes on one element beyond which they are all dropped before parsing (a real tag has a handful; 200,000
#: on one element held trafilatura for minutes).
MAX_ATTRIBUTES_PER_ELEMENT = 200
_START_TAG = re.compile(r"<[A-Za-z][^>]*>")


def oversized(markup: str) -> str | None:
    """Why a page is too heavy for trafilatura (too many elements), or None. One linear regex pass."""
    for elements, _ in enumerate(_START_TAG.finditer(markup), start=1):
        if elements > MAX_ELEMENTS:
            return f"more than {MAX_ELEMENTS:,} elements"
    return None


def drop_attribute_floods(markup: str) -> str:
    """The markup with the attributes of any element that has more than MAX_ATTRIBUTES_PER_ELEMENT removed (the
    element kept, bare): every HTML parser used here (lxml in trafilatura and the date search) checks each
    attribute against the others, so one element with 200,000 of them costs minutes."""
    def bare(m: re.Match[str]) -> str:
        tag = m.group()
        if len(tag) < 4 * MAX_ATTRIBUTES_PER_ELEMENT or tag.count("=") <= MAX_ATTRIBUTES_PER_ELEMENT:
            return tag
        name = re.match(r"<([A-Za-z][^\s/>]*)", tag)
        return f"<{name.group(1) if name else 'span'}{'/' if tag.endswith('/>') else ''}>"

    return _START_TAG.sub(bare, markup)


_HTML_LANG = re.compile(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)


def _html_lang(markup: str) -> str | None:
    m = _HTML_LANG.search(markup[:4000])
    return m.group(1).lower() if m else None


def article_from_html(markup: str, url: str | None = None, published: date | None = None,
                      source_path: str | None = None, fetched_at: datetime | None = None) -> Article:
    """An Article from one HTML page: extracted body, title, outlet, language and date (`published` wins).

    Raises InputError when the page holds no text at all.
    """
    from rasd.errors import InputError

    page = extract_html(markup, url=url)
    if not page.text.strip():
        raise InputError("no text found in HTML page", source_path or url)
    when, how = (published, "given") if published is not None else (page.published, page.published_how)
    return Article(text=page.text, title=page.title, url=page.url or url, outlet=page.outlet, published=when,
                   published_how=how, language=page.language, fetched_at=fetched_at,
                   source_path=source_path or url)


#: A first line this short (in characters) that is followed by more text is taken as the title of a .txt file.
MAX_TITLE_CHARS = 200


def article_from_text(text: str, path: str, published: date | None = None) -> Article:
    """A .txt article (a file, a pasted text, a Telegram post): the whole text is the body; a short first line
    followed by more text is also the title.

    Page furniture copied with the text (a trailing «اترك تعليقاً» comment form, share bars) is removed.
    """
    body = remove_boilerplate(clean_text(text).replace("\r\n", "\n").replace("\r", "\n").strip())
    lines = body.split("\n", 1)
    first = lines[0].strip()
    title = first if len(lines) > 1 and lines[1].strip() and len(first) <= MAX_TITLE_CHARS else ""
    return Article(text=body, title=title, published=published, published_how="given" if published else "unknown",
                   language=detect_language(body), source_path=path)


_HTML_START = re.compile(r"^\s*(?:<!doctype html|<html|<head|<body|<div|<p[\s>]|<article)", re.IGNORECASE)


def article_from_input(text_or_html: str, published: str | date | None = None, url: str | None = None,
                       title: str = "") -> Article:
    """An Article from raw text or HTML (HTML goes through boilerplate removal first): what `rasd.extract` is given."""
    if isinstance(published, str):
        from rasd.errors import InputError

        try:
            published = date.fromisoformat(published[:10])
        except ValueError as exc:
            raise InputError(f"publication date {published!r} is not YYYY-MM-DD") from exc
    if _HTML_START.match(text_or_html):
        article = article_from_html(text_or_html, url=url)
        if published:
            article.published, article.published_how = published, "given"
        return article
    return Article(text=text_or_html, title=title, url=url, published=published,
                   published_how="given" if published else "unknown")
