"""RSS/Atom feeds and XML sitemaps -> the article URLs they list.

A news site announces new articles in a feed (RSS 2.0, Atom, RDF; parsed by feedparser, which copes with the broken
XML many feeds serve) or a sitemap (<urlset>, <sitemapindex> of child sitemaps, Google News sitemaps with
<news:publication_date>; gzip-compressed or not). Both give entries with a URL and, often, a date, so a watcher can
fetch only what is new. Sitemap XML is parsed with external entities and network access off.
"""

from __future__ import annotations

import gzip
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin

from rasd.errors import InputError
from rasd.ingest.isodate import iso_date

log = logging.getLogger(__name__)

#: Sitemap indexes nest; a few levels cover every real site and stop a loop of indexes.
MAX_SITEMAP_DEPTH = 3


@dataclass(slots=True)
class FeedEntry:
    """One announced article: its URL and whatever the feed or sitemap says about it."""

    url: str
    title: str = ""
    published: date | None = None


def _date(value: object) -> date | None:
    return iso_date(str(value or ""))


def kind_of(content: bytes, content_type: str = "", url: str = "") -> str:
    """"feed", "sitemap" or "page", from the body's first element (servers label XML loosely)."""
    if content[:2] == b"\x1f\x8b":
        content = _gunzip(content, url)
    head = content[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    head = re.sub(rb"<\?xml[^>]*\?>|<!--.*?-->|<\?xml-stylesheet[^>]*\?>", b"", head, flags=re.S).lstrip()
    if head.startswith((b"<urlset", b"<sitemapindex")) or re.match(rb"<[a-z0-9]+:(urlset|sitemapindex)", head):
        return "sitemap"
    if head.startswith((b"<rss", b"<feed", b"<rdf:rdf", b"<rdf")):
        return "feed"
    ctype = content_type.lower()
    if ("rss" in ctype or "atom" in ctype) and not head.startswith((b"<!doctype html", b"<html")):
        return "feed"
    return "page"


def _gunzip(content: bytes, url: str) -> bytes:
    try:
        return gzip.decompress(content)
    except (OSError, EOFError) as exc:
        raise InputError(f"broken gzip data: {exc}", url) from exc


def parse_feed(content: bytes, base_url: str = "") -> list[FeedEntry]:
    """Entries of an RSS/Atom/RDF feed, in feed order; InputError when nothing in it is a feed."""
    import feedparser

    parsed = feedparser.parse(content, response_headers={"content-location": base_url} if base_url else None)
    if not parsed.entries and parsed.get("bozo") and not parsed.get("feed"):
        raise InputError(f"not a readable feed ({parsed.get('bozo_exception')})", base_url or None)
    out: list[FeedEntry] = []
    for entry in parsed.entries:
        link = entry.get("link") or next((lk.get("href") for lk in entry.get("links", []) if lk.get("href")), None)
        if not link:
            continue
        when = None
        for key in ("published_parsed", "updated_parsed", "created_parsed"):
            stamp = entry.get(key)
            if stamp:
                when = date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday)
                break
        out.append(FeedEntry(url=urljoin(base_url, link.strip()), title=" ".join(entry.get("title", "").split()),
                             published=when))
    return out


def parse_sitemap(content: bytes, base_url: str = "") -> tuple[list[FeedEntry], list[str]]:
    """(article entries, child sitemap URLs) of a sitemap or sitemap index."""
    from lxml import etree

    if content[:2] == b"\x1f\x8b":
        content = _gunzip(content, base_url)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(content, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"not a readable sitemap ({exc})", base_url or None) from exc
    if root is None:
        raise InputError("not a readable sitemap (empty document)", base_url or None)
    entries: list[FeedEntry] = []
    children: list[str] = []
    is_index = etree.QName(root).localname == "sitemapindex"
    for node in root:
        if not isinstance(node.tag, str):
            continue
        loc = published = title = None
        for child in node.iter():
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child).localname
            text = (child.text or "").strip()
            if name == "loc" and loc is None:
                loc = text
            elif name in ("publication_date", "lastmod") and text and published is None:
                published = _date(text)
            elif name == "title" and text:
                title = text
        if not loc:
            continue
        if is_index:
            children.append(urljoin(base_url, loc))
        else:
            entries.append(FeedEntry(url=urljoin(base_url, loc), title=title or "", published=published))
    return entries, children


def discover(fetch, url: str, content: bytes | None = None, content_type: str = "",
             depth: int = 0) -> Iterator[FeedEntry | InputError]:
    """The article entries behind a feed or sitemap URL, following sitemap indexes (`fetch(url) -> FetchResult`).

    A child sitemap that cannot be fetched yields its InputError and the others are still read.
    """
    if content is None:
        try:
            result = fetch(url)
        except InputError as exc:
            yield exc
            return
        content, content_type, url = result.content, result.content_type, result.url
    kind = kind_of(content, content_type, url)
    try:
        if kind == "feed":
            yield from parse_feed(content, url)
            return
        if kind != "sitemap":
            yield InputError("neither a feed nor a sitemap", url)
            return
        entries, children = parse_sitemap(content, url)
    except InputError as exc:
        yield exc
        return
    yield from entries
    if depth >= MAX_SITEMAP_DEPTH and children:
        yield InputError(f"sitemap index nested deeper than {MAX_SITEMAP_DEPTH} levels", url)
        return
    for child in children:
        yield from discover(fetch, child, depth=depth + 1)
