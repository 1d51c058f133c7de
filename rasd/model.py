"""The data model that flows through the pipeline (DESIGN.md section 3 and 4).

One set of plain dataclasses is used from ingestion to serving, and one serialiser (`Event.to_dict`) produces the
output contract, so the CLI, the store, the API and the exports can never disagree on field names or shapes.
"""

from __future__ import annotations

import hashlib
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, get_type_hints

#: Output-contract field order (DESIGN.md section 4). `to_dict` emits exactly these keys, in this order.
EVENT_FIELDS: tuple[str, ...] = (
    "event_id",
    "article_ids",
    "urls",
    "sources",
    "event_date",
    "event_date_end",
    "time_precision",
    "date_text",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "assoc_actor_1",
    "assoc_actor_2",
    "actor1_id",
    "actor2_id",
    "inter1",
    "inter2",
    "interaction",
    "civilian_targeting",
    "country",
    "iso3",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "location_offset",
    "fatalities",
    "injured",
    "weapon",
    "modality",
    "background",
    "attribution",
    "notes",
    "evidence",
    "missing",
    "confidence",
)


#: What `Event.modality` can say, the event that happened first (DESIGN.md section 4).
MODALITIES: tuple[str, ...] = ("occurred", "attempted", "foiled", "claimed", "denied", "threatened", "planned")
#: The modalities counted by default (stats, totals, exports, trends): what happened. Attempts, foiled plots,
#: claims alone, denials, threats and plans are reports about events, not events; background mentions of earlier
#: events are left out too (`background`). Every count says so and offers the switch (`--modality`,
#: `--include-background`).
COUNTED_MODALITIES: tuple[str, ...] = ("occurred",)
#: date.weekday() of the first day of a week: ACLED's weeks run Saturday to Friday, and so do all of rasd's
#: (stats, the dashboard, trends, alerts).
SATURDAY = 5


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of `Article.text`: `text == article.text[start:end]` always holds."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Span:
        return cls(int(d["start"]), int(d["end"]), str(d["text"]))

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """Build a span whose text is read from the source, so offsets and text cannot drift apart."""
        return cls(start, end, text[start:end])

    def cover(self, other: Span, source: str) -> Span:
        """The smallest span of `source` containing both spans."""
        return Span.of(source, min(self.start, other.start), max(self.end, other.end))


class SpanIndex:
    """(start, end) pairs indexed for "which of them overlap [start, end)?" in about log n: mentions are short, so
    only the pairs starting within the longest one's length before `start` can reach it. A pass over every
    mention of the article for every sentence or name made long articles quadratic."""

    def __init__(self, pairs: Iterable[tuple[int, int]]) -> None:
        self.pairs = sorted(pairs)
        self.longest = max((b - a for a, b in self.pairs), default=0)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The pairs overlapping [start, end), in start order."""
        i = bisect_left(self.pairs, (start - self.longest, -1))
        out = []
        while i < len(self.pairs) and self.pairs[i][0] < end:
            if start < self.pairs[i][1]:
                out.append(self.pairs[i])
            i += 1
        return out


def article_id_for(text: str) -> str:
    """sha256 of the NFC-normalised, whitespace-collapsed text: re-ingesting the same article gives the same id."""
    canonical = " ".join(unicodedata.normalize("NFC", text).split())
    # surrogatepass: a lone surrogate (from a JSON "\ud800") must not make hashing raise; other text is unchanged
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(slots=True)
class Article:
    """One news article, with a clean body. `text` is what every Span points into."""

    text: str
    title: str = ""
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    published_how: str = "unknown"  # "given", "metadata", "text", "unknown"
    language: str | None = None
    fetched_at: datetime | None = None
    source_path: str | None = None
    article_id: str = ""
    #: What a source knows beyond the fields above (a Telegram post's views, exact time, forwarded origin).
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.article_id:
            self.article_id = article_id_for(self.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "published_how": self.published_how,
            "language": self.language,
            "fetched_at": self.fetched_at.isoformat() if self.fetched_at else None,
            "source_path": self.source_path,
            "text": self.text,
            **({"meta": self.meta} if self.meta else {}),
        }


@dataclass(slots=True)
class Mention:
    """Something recognised in the text: an actor, place, number, date, trigger, weapon, source..."""

    kind: str
    span: Span
    value: Any = None
    label: str = ""
    confidence: float = 1.0
    attrs: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        value = self.value
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = [v.isoformat() if isinstance(v, date) else v for v in value]
        return {
            "kind": self.kind,
            "span": self.span.to_dict(),
            "value": value,
            "label": self.label,
            "confidence": self.confidence,
        }


@dataclass(slots=True)
class Event:
    """One occurrence per the ACLED rules. Unknown values stay None, with the reason in `missing`."""

    event_id: str = ""
    article_ids: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    event_date: date | None = None
    event_date_end: date | None = None
    time_precision: int | None = None
    date_text: str | None = None
    disorder_type: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    assoc_actor_1: list[str] = field(default_factory=list)
    assoc_actor_2: list[str] = field(default_factory=list)
    actor1_id: str | None = None
    actor2_id: str | None = None
    inter1: str | None = None
    inter2: str | None = None
    interaction: str | None = None
    civilian_targeting: bool = False
    country: str | None = None
    iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    location_offset: dict[str, Any] | None = None
    fatalities: int | None = None
    injured: int | None = None
    weapon: str | None = None
    modality: str = "occurred"
    background: bool = False
    attribution: str | None = None
    notes: str | None = None
    evidence: dict[str, Span] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        """The output contract (DESIGN.md section 4): JSON-ready, same keys in the same order everywhere."""
        out: dict[str, Any] = {}
        for name in EVENT_FIELDS:
            value = getattr(self, name)
            if isinstance(value, date):
                value = value.isoformat()
            elif name == "evidence":
                value = {k: s.to_dict() for k, s in value.items()}
            elif isinstance(value, list):
                value = list(value)
            elif isinstance(value, dict):
                value = dict(value)
            out[name] = value
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        """Inverse of `to_dict` (used by the store and by `rasd import`)."""
        kwargs: dict[str, Any] = {}
        for name in EVENT_FIELDS:
            if name not in d:
                continue
            value = d[name]
            if name in ("event_date", "event_date_end") and value:
                value = date.fromisoformat(str(value)[:10])
            elif name == "evidence":
                value = {k: Span.from_dict(s) for k, s in (value or {}).items()}
            elif name in ("assoc_actor_1", "assoc_actor_2") and isinstance(value, str):
                value = [v.strip() for v in value.split(";") if v.strip()]
            elif value is None and name in ("article_ids", "urls", "sources", "assoc_actor_1", "assoc_actor_2"):
                value = []
            elif value is None and name in ("evidence", "missing"):
                value = {}
            kwargs[name] = value
        return cls(**kwargs)


#: Contract fields holding a map keyed by other fields (each field's evidence span, each empty field's reason): kept
#: whole in JSON outputs, left out of flat tables (CSV), written as JSON text where a format wants flat values.
PER_FIELD_MAPS: tuple[str, ...] = ("evidence", "missing")


def event_field_types() -> dict[str, Any]:
    """Each contract field with its type as declared on `Event`, in contract order: the one declaration that the
    writers of every format (rasd.export) derive their columns and column types from."""
    hints = get_type_hints(Event)
    return {name: hints[name] for name in EVENT_FIELDS}


@dataclass(slots=True)
class ArticleResult:
    """What the per-article pipeline returns: the article, what was recognised in it, and its events."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    skipped: str | None = None  # why the extractor did not run (e.g. "not Arabic"), None when it did
    warnings: list[str] = field(default_factory=list)
