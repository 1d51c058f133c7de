"""Request and response models of the REST API: they are the OpenAPI document, so every field says what it is.

`EventOut` is the output contract (DESIGN.md section 4, `rasd.model.EVENT_FIELDS`) field for field; the API returns
exactly what `Event.to_dict` produced when the event was stored.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

#: The one spelling of a date the API reads (checked before pydantic parses it).
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date_only(value: Any) -> Any:
    """Dates are YYYY-MM-DD only: pydantic would also read numbers as Unix timestamps (`until=0` -> 1970)."""
    if value is None or isinstance(value, date):
        return value
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value


#: A calendar date written YYYY-MM-DD (nothing else is accepted).
IsoDate = Annotated[date, BeforeValidator(_iso_date_only)]


class ErrorOut(BaseModel):
    """Every error: a short machine-readable code and a message a person can act on."""

    error: str = Field(description="Machine-readable error code, e.g. not_found, invalid_request, unauthorized.")
    message: str = Field(description="What went wrong and what to do about it.")
    did_you_mean: list[str] | None = Field(None, description="Close names that exist, when a filter named an unknown "
                                                             "country, region or actor.")


class SpanOut(BaseModel):
    """A stretch of the source article's text: `text == article.text[start:end]`."""

    start: int
    end: int
    text: str


class EventOut(BaseModel):
    """One event in the output contract (ACLED field names plus rasd's extras)."""

    model_config = ConfigDict(extra="allow")

    event_id: str
    article_ids: list[str] = []
    urls: list[str | None] = []
    sources: list[str | None] = []
    event_date: str | None = None
    event_date_end: str | None = None
    time_precision: int | None = None
    date_text: str | None = None
    disorder_type: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    assoc_actor_1: list[str] = []
    assoc_actor_2: list[str] = []
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
    modality: str | None = None
    background: bool = False
    attribution: str | None = None
    notes: str | None = None
    evidence: dict[str, SpanOut] = Field(default_factory=dict,
                                         description="For each filled field, the span of the article text it came "
                                                     "from (offsets into GET /api/articles/{id} `text`).")
    missing: dict[str, str] = {}
    confidence: float | None = None


class EventPage(BaseModel):
    """One page of matching events, newest first; `next_offset` is null on the last page."""

    total: int = Field(description="How many events match the filters (all pages).")
    limit: int
    offset: int
    next_offset: int | None
    events: list[EventOut]


class SourceMetaOut(BaseModel):
    """What an article's source knew beyond its columns (articles.meta, 0011_article_meta)."""

    posted_at: str | None = Field(default=None, description="A Telegram post's exact time (ISO 8601 with its zone); "
                                                           "null for other sources.")
    views: int | None = Field(default=None, description="A Telegram post's views when it was fetched; null for other "
                                                        "sources.")
    meta: dict[str, Any] = Field(default_factory=dict, description="What the source knew beyond these fields (a "
                                                                   "Telegram post's channel, post number, forwarded "
                                                                   "origin).")


class ReportOut(SourceMetaOut):
    """One article's account of the event (the article's text is at GET /api/articles/{article_id})."""

    article_id: str
    url: str | None
    outlet: str | None
    title: str
    published: str | None
    language: str | None
    position: int | None


class EventDetail(BaseModel):
    event: EventOut
    reports: list[ReportOut]


class ArticleOut(SourceMetaOut):
    """A stored article: `text` is what every evidence span of its events points into."""

    article_id: str
    url: str | None
    outlet: str | None
    title: str
    published: str | None
    published_how: str | None
    language: str | None
    text: str
    skipped: str | None = Field(description="Why the extractor did not run on it (e.g. not Arabic), null if it ran.")
    warnings: list[str]
    event_ids: list[str]
    ingested_at: str | None


class ArticleIn(BaseModel):
    """An article to ingest: its text, or a URL to fetch (or both: the text is used and the URL kept as its source)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"anyOf": [{"required": ["text"]},
                                                                             {"required": ["url"]}]})

    text: str | None = Field(None, min_length=1, max_length=500_000, description="The article body (plain text).")
    url: str | None = Field(None, max_length=2000, pattern=r"^https?://",
                            description="Where the article is published (http or https); fetched when no text.")
    title: str = Field("", max_length=1000)
    outlet: str | None = Field(None, max_length=200)
    published: IsoDate | None = Field(None, description="Publication date (YYYY-MM-DD); resolves relative dates.")


class IngestOut(BaseModel):
    """What an ingest did: `created` is false when the same article (same text) was already stored."""

    article_id: str
    created: bool
    skipped: str | None
    warnings: list[str]
    events: list[EventOut]


class CountOut(BaseModel):
    events: int


class WeekCount(BaseModel):
    week: str = Field(description="The Saturday starting the week (ACLED's weeks run Saturday to Friday).")
    events: int
    fatalities: int


class Admin1Count(CountOut):
    country: str | None
    admin1: str | None


class TypeCount(CountOut):
    event_type: str | None


class ActorCount(CountOut):
    actor: str


class CountedOut(BaseModel):
    """Which events the counts hold: by default those that happened, without background mentions."""

    modality: list[str] | Literal["all"]
    include_background: bool
    include_rejected: bool = Field(description="Whether events an analyst marked wrong in review are counted "
                                               "(left out by default).")
    left_out: int = Field(description="Events the other filters keep that this modality/background/review choice "
                                      "leaves out.")
    note: str


class StatsOut(BaseModel):
    """Aggregates over the events matching the filters (see `counted`: background and events that did not happen
    are left out unless asked for)."""

    counted: CountedOut
    events: int
    fatalities: int
    first_event_date: str | None
    last_event_date: str | None
    undated_events: int
    by_week: list[WeekCount]
    no_coverage_weeks: list[str] = Field(description="Weeks (their Saturdays) between the first and the last event "
                                                     "without any article or event in the store: no coverage, not "
                                                     "zero.")
    by_admin1: list[Admin1Count]
    by_type: list[TypeCount]
    by_actor: list[ActorCount]


class HealthOut(BaseModel):
    status: Literal["ok"]
    version: str
    database: str = Field(description="The store's SQL dialect (sqlite, postgresql).")


#: The GeoJSON answer of GET /api/events?format=geojson (documented by hand: a flat schema, no $defs).
GEOJSON_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "total": {"type": "integer"},
        "limit": {"type": "integer"},
        "offset": {"type": "integer"},
        "next_offset": {"type": ["integer", "null"]},
        "features": {"type": "array", "items": {
            "type": "object",
            "required": ["type", "geometry", "properties"],
            "properties": {
                "type": {"type": "string", "enum": ["Feature"]},
                "id": {"type": "string"},
                "geometry": {"oneOf": [{"type": "null"}, {
                    "type": "object", "required": ["type", "coordinates"],
                    "properties": {"type": {"type": "string", "enum": ["Point"]},
                                   "coordinates": {"type": "array", "items": {"type": "number"}}}}]},
                "properties": {"type": "object"},
            },
        }},
    },
}


# -- review in place (rasd.review) ----------------------------------------------------------------------------------

class ReviewIn(BaseModel):
    """An analyst's review of one event: a verdict, corrected fields, or both (at least one)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"anyOf": [{"required": ["verdict"]},
                                                                             {"required": ["corrections"]}]})

    verdict: Literal["verified", "wrong", "reopened"] | None = Field(
        None, description="verified: right as it stands; wrong: not a real event; reopened: withdraw the verdict.")
    corrections: dict[str, Any] | None = Field(
        None, description="Corrected fields and their new values, e.g. {\"fatalities\": 3}; null clears a field.")
    note: str | None = Field(None, max_length=2000, description="Why (kept with the review).")
    reviewer: str | None = Field(None, max_length=100,
                                 description="Who reviews; recorded with the API key's name (default: that name).")


class ReviewSummary(BaseModel):
    status: Literal["verified", "wrong", "corrected", "unreviewed"]
    by: str
    at: str
    corrections: dict[str, Any]
    acts: int
    note: str | None


class ReviewAct(BaseModel):
    event_id: str
    action: str
    field: str | None
    old_value: Any = None
    new_value: Any = None
    reviewer: str
    reviewed_at: str
    note: str | None


class ReviewOut(BaseModel):
    """An event's current review (null when it has none) and every review act on it, oldest first."""

    event_id: str
    review: ReviewSummary | None
    acts: list[ReviewAct]
