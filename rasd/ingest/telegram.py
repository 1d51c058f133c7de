"""Public Telegram channels -> one Article per post, read from the page Telegram serves at `https://t.me/s/NAME`.

Many Arabic conflict reports appear first (or only) on Telegram channels, and a public channel's web preview is plain
HTML that needs no account or API key. Each post (`div.tgme_widget_message`, `data-post="NAME/ID"`) becomes one
article: its text (line breaks kept, links as their visible text), its URL `https://t.me/NAME/ID` (whatever host
served the page, so a post keeps one identity), its date from the post's `<time datetime>`, and, in `Article.meta`,
its exact timestamp, its view count and, for a forwarded post, the channel it came from (the origin of the report).
A post without text (a photo, video, sticker, poll or service message) is skipped with its reason logged: there is
nothing to extract from it.

A page holds the newest ~20 posts; older ones are on the page its `?before=ID` link names. Pages are fetched through
the caller's `Fetcher`, so robots.txt, the per-host interval and conditional GET apply as for any site, and at most
`max_pages` pages are read per call; the reader also stops at the first page whose posts have all been seen before
(a watcher re-polling a channel reads only what is new).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from rasd.errors import InputError
from rasd.ingest.encoding import decode_html
from rasd.ingest.fetch import FetchResult
from rasd.model import Article

log = logging.getLogger(__name__)

#: Hosts that serve public channel pages; a bare channel link there (`https://t.me/NAME`) is read as `/s/NAME`.
TELEGRAM_HOSTS = frozenset({"t.me", "telegram.me", "www.t.me", "www.telegram.me"})
#: The origin of every post URL (`https://t.me/NAME/ID`), whichever mirror or saved copy the page came from.
POST_URL_BASE = "https://t.me/"
#: Pages read per channel per call by default (about 20 posts a page): enough for a run, polite to the server.
DEFAULT_MAX_PAGES = 5
#: Markup classes of a post's media, by the kind named in the skip reason of a post without text.
MEDIA_CLASSES = {
    "tgme_widget_message_photo_wrap": "photo",
    "tgme_widget_message_video_player": "video",
    "tgme_widget_message_roundvideo_player": "video",
    "tgme_widget_message_document_wrap": "document",
    "tgme_widget_message_voice_player": "voice message",
    "tgme_widget_message_sticker_wrap": "sticker",
    "tgme_widget_message_poll": "poll",
    "tgme_widget_message_location_wrap": "location",
    "tgme_widget_message_contact_wrap": "contact",
    "message_media_not_supported": "media the web preview cannot show",
}
#: Multipliers of the abbreviated view counts Telegram prints ("1.2K", "3M").
VIEW_SUFFIXES = {"K": 1_000, "M": 1_000_000}


@dataclass(slots=True)
class ChannelPost:
    """One post of a channel page, as the page shows it."""

    channel: str
    post_id: int
    text: str
    posted_at: datetime | None = None
    views: int | None = None
    author: str = ""  # the channel's display name on the post
    forwarded_from: str | None = None  # the origin's display name, for a forwarded post
    forwarded_url: str | None = None  # the origin post's (or channel's) t.me link, when the page gives it
    media: list[str] = field(default_factory=list)
    service: bool = False  # Telegram's notices ("Channel created", "Channel photo updated"), not the channel's words

    @property
    def url(self) -> str:
        return f"{POST_URL_BASE}{self.channel}/{self.post_id}"

    @property
    def skip_reason(self) -> str | None:
        """Why this post gives no article (None when it has text)."""
        if self.service:
            return "service message"
        if self.text:
            return None
        return f"media-only post ({', '.join(self.media)}; no text)" if self.media else "post without text"


@dataclass(slots=True)
class ChannelPage:
    """One page of a channel: its posts in page order (oldest first) and the link to the page of older posts."""

    url: str
    channel: str
    title: str
    posts: list[ChannelPost]
    older_url: str | None = None
    fetched_at: datetime | None = None


def _with_class(css_class: str) -> str:
    """An XPath predicate: the element's class list holds `css_class` (not merely a class that starts with it)."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {css_class} ')"


def _first(element: Any, css_class: str, axis: str = "descendant") -> Any:
    """The first element on the axis carrying the class, or None."""
    found = element.xpath(f"{axis}::*[{_with_class(css_class)}]")
    return found[0] if found else None


def channel_page_url(url: str) -> str:
    """`https://t.me/NAME` -> `https://t.me/s/NAME` (the HTML preview); any other URL unchanged."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if (parts.hostname or "").lower() in TELEGRAM_HOSTS and len(segments) == 1 and segments[0] != "s":
        return f"{parts.scheme}://{parts.netloc}/s/{segments[0]}"
    return url


def is_channel_page(content: bytes, url: str = "") -> bool:
    """True for a channel's message-history page (by its markup, so saved copies and mirrors count too)."""
    if b"tgme_channel_history" in content or b"tgme_widget_message_wrap" in content:
        return True
    parts = urlsplit(url)
    return (parts.hostname or "").lower() in TELEGRAM_HOSTS and parts.path.startswith("/s/") \
        and b"tgme_widget_message" in content


def post_text(element: Any) -> str:
    """The visible text of a message-text element: `<br>` as a line break (a blank line kept as one paragraph
    break), links and hashtags as their text, spaces inside lines tidied."""
    from copy import deepcopy

    element = deepcopy(element)  # the tails set below must not change the parsed page
    for br in element.iter("br"):
        br.tail = "\n" + (br.tail or "")
    text = "\n".join(" ".join(line.split()) for line in element.text_content().split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def parse_views(value: str | None) -> int | None:
    """'1.2K' -> 1200, '845' -> 845, '3M' -> 3000000; None when the page shows no count."""
    text = (value or "").strip().upper().replace(",", "")
    if not text:
        return None
    scale = VIEW_SUFFIXES.get(text[-1], 1)
    number = text[:-1] if scale > 1 else text
    try:
        return round(float(number) * scale)
    except ValueError:
        return None


def _timestamp(message: Any) -> datetime | None:
    stamps = message.xpath(".//a[contains(@class, 'tgme_widget_message_date')]//time[@datetime]") \
        or message.xpath(".//time[@datetime]")
    if not stamps:
        return None
    try:
        return datetime.fromisoformat(stamps[0].get("datetime"))
    except ValueError:
        return None


def _post(message: Any, page_channel: str) -> ChannelPost | None:
    """One `tgme_widget_message` element -> ChannelPost (None when it names no post)."""
    channel, _, number = (message.get("data-post") or "").rpartition("/")
    if not number.isdigit():
        return None
    # the post's own text is a direct child of the bubble; a reply's quote holds another message-text element
    bubble, text_class = _with_class("tgme_widget_message_bubble"), _with_class("tgme_widget_message_text")
    texts = message.xpath(f"./*[{bubble}]/*[{text_class}]")
    text = "\n".join(filter(None, (post_text(t) for t in texts)))
    owner = _first(message, "tgme_widget_message_owner_name")
    origin = _first(message, "tgme_widget_message_forwarded_from_name")
    views = _first(message, "tgme_widget_message_views")
    media = [kind for css_class, kind in MEDIA_CLASSES.items() if _first(message, css_class) is not None]
    return ChannelPost(
        channel=channel or page_channel, post_id=int(number), text=text, posted_at=_timestamp(message),
        views=parse_views(views.text_content() if views is not None else None),
        author=" ".join(owner.text_content().split()) if owner is not None else "",
        forwarded_from=" ".join(origin.text_content().split()) if origin is not None else None,
        forwarded_url=origin.get("href") if origin is not None else None,
        media=list(dict.fromkeys(media)),
        service=_first(message, "service_message", axis="descendant-or-self") is not None)


def _older_link(root: Any, page_url: str) -> str | None:
    """The absolute URL of the page of older posts (`?before=ID`), or None on the channel's first page."""
    hrefs = root.xpath("//a[contains(@class, 'tme_messages_more')][@data-before]/@href") \
        or root.xpath("//link[@rel='prev']/@href")
    return urljoin(page_url, hrefs[0]) if hrefs else None


def parse_channel_page(markup: str, page_url: str) -> ChannelPage:
    """The posts of one channel page and its link to older posts; InputError when the page holds no channel."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fromstring(markup)
    except (ValueError, TypeError, lxml.etree.ParserError) as exc:
        raise InputError(f"not a readable Telegram channel page ({exc})", page_url) from exc
    segments = [s for s in urlsplit(page_url).path.split("/") if s]
    channel = segments[-1] if segments else ""
    messages = root.xpath(f"//*[{_with_class('tgme_widget_message')}][@data-post]")
    posts = [post for post in (_post(m, channel) for m in messages) if post is not None]
    if posts:
        channel = posts[0].channel
    elif root.xpath("//*[contains(@class, 'tgme_channel_history')]") == []:
        raise InputError("no Telegram channel posts on this page", page_url)
    header = _first(root, "tgme_channel_info_header_title")
    title = " ".join(header.text_content().split()) if header is not None else ""
    return ChannelPage(url=page_url, channel=channel, title=title or next((p.author for p in posts if p.author), ""),
                       posts=posts, older_url=_older_link(root, page_url))


def article_from_post(post: ChannelPost, page: ChannelPage, published: date | None = None) -> Article:
    """The Article of a post with text: a .txt-like body (a short first line is its title), dated by the post.

    The outlet is the channel's display name; the forwarded origin, views and exact timestamp go in `meta`.
    """
    from rasd.ingest.sources import article_from_text

    article = article_from_text(post.text, post.url, published)
    article.url = post.url
    article.outlet = page.title or post.author or f"t.me/{post.channel}"
    article.fetched_at = page.fetched_at
    article.source_path = page.url
    if published is None and post.posted_at is not None:
        article.published, article.published_how = post.posted_at.date(), "metadata"
    meta: dict[str, Any] = {"source_kind": "telegram", "channel": post.channel, "post_id": post.post_id,
                            "posted_at": post.posted_at.isoformat() if post.posted_at else None, "views": post.views}
    if post.forwarded_from:
        meta["forwarded_from"] = {"name": post.forwarded_from, "url": post.forwarded_url}
    article.meta = meta
    return article


def iter_channel_pages(fetch: Callable[..., FetchResult], first: FetchResult, max_pages: int = DEFAULT_MAX_PAGES,
                       seen: Callable[[str], bool] | None = None) -> Iterator[ChannelPage | InputError]:
    """The fetched first page, then older pages by their `?before=ID` links, newest first.

    Stops after `max_pages` pages, on a page without an older link, on a link that does not go back in time, or after
    a page whose every post `seen(url)` already knows. A page that fails is an InputError and ends the walk.
    """
    result: FetchResult | None = first
    visited: set[str] = set()
    while result is not None and len(visited) < max_pages:
        visited.add(result.url)
        try:
            markup = decode_html(result.content, result.url, header=result.content_type)
            page = parse_channel_page(markup, result.url)
        except InputError as exc:
            yield exc
            return
        page.fetched_at = result.fetched_at
        # decided before the caller sees the page: a watcher stores its posts while the walk is paused at the yield
        known = seen is not None and bool(page.posts) and all(seen(p.url) for p in page.posts)
        yield page
        if known or not page.older_url or page.older_url in visited or len(visited) >= max_pages:
            if page.older_url and not known and len(visited) >= max_pages:
                log.info("%s: stopped after %d page(s); older posts are left for another run", first.url, max_pages)
            return
        try:
            result = fetch(page.older_url, conditional=False)
        except InputError as exc:
            yield exc
            return


def iter_channel_articles(fetch: Callable[..., FetchResult], first: FetchResult, published: date | None = None,
                          max_pages: int = DEFAULT_MAX_PAGES) -> Iterator[Article | InputError]:
    """One Article per post with text, newest page first and oldest post first within a page; the rest logged."""
    for page in iter_channel_pages(fetch, first, max_pages):
        if isinstance(page, InputError):
            yield page
            continue
        for post in page.posts:
            reason = post.skip_reason
            if reason:
                log.info("%s: skipped: %s", post.url, reason)
                continue
            yield article_from_post(post, page, published)
