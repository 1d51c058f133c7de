"""The store's tables (SQLAlchemy 2 declarative models).

Events keep the filterable fields as columns (indexed where queries filter) and the full output-contract object as
JSON in `data`, so a query can filter in SQL and still return exactly what `Event.to_dict` produced. Only portable
types are used (String, Text, Date, DateTime, Integer, Float, Boolean, JSON) so the same models run on PostgreSQL.
The Alembic migration in `migrations/versions/` creates these tables; keep the two in step.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base for rasd's tables."""


# -- 0004_api_keys (API write keys; owned by rasd.api) ---------------------------------------------------------------


class ApiKeyRow(Base):
    """An API key for the write endpoints: only its sha256 is kept, so a leaked store does not leak usable keys."""

    __tablename__ = "api_keys"

    key_id: Mapped[str] = mapped_column(String(32), primary_key=True)  # the public part shown in `rasd keys list`
    name: Mapped[str] = mapped_column(String(200), default="")
    key_hash: Mapped[str] = mapped_column(String(64))  # sha256 hex of the whole secret key
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)

# -- end of 0004_api_keys ----------------------------------------------------------------------------------------------


class ArticleRow(Base):
    """One ingested article (an `Article`), keyed by its content hash so ingesting it again adds nothing."""

    __tablename__ = "articles"

    article_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    url: Mapped[str | None] = mapped_column(Text, index=True)
    outlet: Mapped[str | None] = mapped_column(String(200), index=True)
    title: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[date | None] = mapped_column(Date, index=True)
    published_how: Mapped[str] = mapped_column(String(20), default="unknown")
    language: Mapped[str | None] = mapped_column(String(16))
    fetched_at: Mapped[datetime | None] = mapped_column(DateTime)
    source_path: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    skipped: Mapped[str | None] = mapped_column(Text)  # why the extractor did not run, None when it did
    warnings: Mapped[list | None] = mapped_column(JSON)
    n_events: Mapped[int] = mapped_column(Integer, default=0)
    ingested_at: Mapped[datetime] = mapped_column(DateTime)
    # 0011_article_meta: what the source knew beyond the columns (Article.meta: a Telegram post's views, posted_at)
    meta: Mapped[dict | None] = mapped_column(JSON)


class EventRow(Base):
    """One event: the filterable output-contract fields as columns plus the whole contract object in `data`."""

    __tablename__ = "events"

    event_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    event_date: Mapped[date | None] = mapped_column(Date, index=True)
    event_date_end: Mapped[date | None] = mapped_column(Date)
    time_precision: Mapped[int | None] = mapped_column(Integer)
    disorder_type: Mapped[str | None] = mapped_column(String(100))
    event_type: Mapped[str | None] = mapped_column(String(100))
    sub_event_type: Mapped[str | None] = mapped_column(String(100))
    actor1: Mapped[str | None] = mapped_column(String(300), index=True)
    actor2: Mapped[str | None] = mapped_column(String(300), index=True)
    assoc_actors: Mapped[str | None] = mapped_column(Text)  # "; "-joined associated actors of both sides
    actor1_id: Mapped[str | None] = mapped_column(String(200))
    actor2_id: Mapped[str | None] = mapped_column(String(200))
    inter1: Mapped[str | None] = mapped_column(String(100))
    inter2: Mapped[str | None] = mapped_column(String(100))
    civilian_targeting: Mapped[bool] = mapped_column(Boolean, default=False)
    country: Mapped[str | None] = mapped_column(String(100), index=True)
    iso3: Mapped[str | None] = mapped_column(String(3))
    admin1: Mapped[str | None] = mapped_column(String(200))
    admin2: Mapped[str | None] = mapped_column(String(200))
    admin3: Mapped[str | None] = mapped_column(String(200))
    location: Mapped[str | None] = mapped_column(String(300))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    fatalities: Mapped[int | None] = mapped_column(Integer)
    injured: Mapped[int | None] = mapped_column(Integer)
    weapon: Mapped[str | None] = mapped_column(String(100))
    modality: Mapped[str | None] = mapped_column(String(20))
    background: Mapped[bool] = mapped_column(Boolean, default=False)
    # 0010_review_status: the latest review's status (rasd.review.summary), NULL when never reviewed; "wrong"
    # leaves the event out of default counts.
    review_status: Mapped[str | None] = mapped_column(String(20))
    confidence: Mapped[float | None] = mapped_column(Float)
    data: Mapped[dict] = mapped_column(JSON)
    # 0012_event_feature: the event as the GeoJSON Feature text rasd.export.geojson_feature_text renders from `data`,
    # written with it by every write path (rasd.store.columns.event_columns), so a map page of the API joins kept
    # texts instead of building a hundred Features (NULL only in rows written outside those paths: rendered then).
    feature: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    # 0002_dedup: how many reports the event merges, and which report gave each reconciled field (and why).
    n_reports: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    provenance: Mapped[dict | None] = mapped_column(JSON)

    __table_args__ = (
        # 0007_dedup_candidates: dedup candidates (same country and type, a date range), covering everything the
        # candidate search filters on, so it reads this index alone (rasd.store.linking.find_match).
        Index("ix_events_dedup", "country", "event_type", "event_date", "time_precision", "event_date_end",
              "latitude", "longitude", "geo_precision", "admin1", "event_id"),
        # 0006_query_indexes: the newest events of one place or type, read in date order off the index.
        Index("ix_events_admin1_date", "admin1", "event_date"),
        Index("ix_events_admin2_date", "admin2", "event_date"),
        Index("ix_events_type_date", "event_type", "event_date"),
        Index("ix_events_subtype_date", "sub_event_type", "event_date"),
        Index("ix_events_lat_lon", "latitude", "longitude"),
        Index("ix_events_fatalities", "fatalities"),
    )


class ReportRow(Base):
    """One article's account of one event (article x event): counts are of events, not of reports."""

    __tablename__ = "reports"

    article_id: Mapped[str] = mapped_column(ForeignKey("articles.article_id", ondelete="CASCADE"), primary_key=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)  # the event's order within the article's result
    # 0002_dedup: the article's own account (its Event.to_dict(), with its own event id), what matched it to the
    # event, and whether its casualty figure is a revision ("the toll rose to ...") that overrides lower ones.
    report_event_id: Mapped[str | None] = mapped_column(String(128))
    published: Mapped[date | None] = mapped_column(Date)
    data: Mapped[dict | None] = mapped_column(JSON)
    match: Mapped[dict | None] = mapped_column(JSON)
    revises: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    terms: Mapped[list | None] = mapped_column(JSON)  # content words around the trigger (wording similarity)
    created_at: Mapped[datetime | None] = mapped_column(DateTime)

    __table_args__ = (Index("ix_reports_event_id", "event_id"),)


class MentionRow(Base):
    """Something recognised in an article (actor, place, number, date, trigger...), with its span."""

    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.article_id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    value: Mapped[object | None] = mapped_column(JSON)
    label: Mapped[str] = mapped_column(String(300), default="")
    confidence: Mapped[float] = mapped_column(Float, default=1.0)


# -- 0002_dedup ----------------------------------------------------------------------------------------------------


class SourceRow(Base):
    """An outlet that published stored articles (ACLED's `source`): counted as articles arrive."""

    __tablename__ = "sources"

    outlet: Mapped[str] = mapped_column(String(200), primary_key=True)
    n_articles: Mapped[int] = mapped_column(Integer, default=0)
    first_seen: Mapped[datetime] = mapped_column(DateTime)
    last_seen: Mapped[datetime] = mapped_column(DateTime)


#: Tables the migrations create outside these models (full-text search: FTS5 on SQLite, tsvector on PostgreSQL);
#: autogenerate and the schema test ignore them.
SEARCH_TABLES = ("articles_fts", "article_search")


def include_name(name: str | None, type_: str, _parent: dict) -> bool:
    """For Alembic's autogenerate: ignore the full-text tables (FTS5 and its shadow tables, tsvector)."""
    return not (type_ == "table" and bool(name) and str(name).startswith(SEARCH_TABLES))


# -- alerts (issue 9: rasd/trends; migration 0003_alerts) --------------------------------------------------------

class AlertRow(Base):
    """One raised alert, keyed by rule x series x period so evaluating the same data again raises nothing new."""

    __tablename__ = "alerts"

    alert_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    rule: Mapped[str] = mapped_column(String(200), index=True)
    scope_key: Mapped[str] = mapped_column(String(600), index=True)  # the series key as sorted JSON
    metric: Mapped[str] = mapped_column(String(20))
    freq: Mapped[str] = mapped_column(String(10))
    period_start: Mapped[date] = mapped_column(Date, index=True)
    period_end: Mapped[date] = mapped_column(Date)
    level: Mapped[str | None] = mapped_column(String(40))
    value: Mapped[int] = mapped_column(Integer)
    p_value: Mapped[float | None] = mapped_column(Float)
    n_events: Mapped[int] = mapped_column(Integer, default=0)
    raised_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime)  # last successful webhook delivery
    data: Mapped[dict] = mapped_column(JSON)  # the whole alert as `Alert.to_dict` gives it


# -- ingestion (issue 6; migration 0005_ingest) ----------------------------------------------------------------------

class ArticleClusterRow(Base):
    """An article's near-duplicate cluster: wire copies syndicated by many outlets share one `cluster_id` (the id of
    the first stored member, its seed). `similarity` is the estimated Jaccard similarity to the seed (1.0 for the seed
    itself)."""

    __tablename__ = "article_clusters"

    article_id: Mapped[str] = mapped_column(ForeignKey("articles.article_id", ondelete="CASCADE"), primary_key=True)
    cluster_id: Mapped[str] = mapped_column(String(64), index=True)
    similarity: Mapped[float] = mapped_column(Float, default=1.0)


class FetchLogRow(Base):
    """One URL rasd fetched: its validators for conditional GET, and the article it gave (or the error)."""

    __tablename__ = "fetch_log"

    url: Mapped[str] = mapped_column(Text, primary_key=True)
    final_url: Mapped[str | None] = mapped_column(Text)
    status: Mapped[int | None] = mapped_column(Integer)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    article_id: Mapped[str | None] = mapped_column(String(64))
    error: Mapped[str | None] = mapped_column(Text)
    fetched_at: Mapped[datetime] = mapped_column(DateTime)
# -- 0004_api_keys: the API's browse index (owned by rasd.api) -------------------------------------------------------
#: Every column the API filters on, in its newest-first order: counting and paging events read this narrow index
#: instead of the wide rows (each carries its JSON contract object), which is 4-10x faster on 100,000 events.
#: 0009_api_browse_counted added `modality` and `background`, which every default count tests; 0010_review_status
#: added `review_status` (events marked wrong leave default counts).
API_BROWSE_COLUMNS = ("event_date", "event_id", "country", "iso3", "admin1", "admin2", "admin3", "location",
                      "event_type", "sub_event_type", "actor1", "actor2", "assoc_actors", "weapon", "modality",
                      "background", "review_status")
Index("ix_events_api_browse", *(EventRow.__table__.c[name] for name in API_BROWSE_COLUMNS))
# -- end of 0004_api_keys ----------------------------------------------------------------------------------------------


# -- 0006_query_indexes: search names (rasd.store.names) -------------------------------------------------------------

class EventNameRow(Base):
    """A distinct name some event carries (kind: country, iso3, admin1, admin2, event_type, sub_event_type, actor),
    with its folded `key`: filters match the few names first, then the events by an indexed equality."""

    __tablename__ = "event_names"

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(300), primary_key=True)
    key: Mapped[str] = mapped_column(String(300))

    __table_args__ = (Index("ix_event_names_kind_key", "kind", "key"),)


class EventActorRow(Base):
    """One actor of one event (actor1, actor2 or an associated actor): the actor filter's index."""

    __tablename__ = "event_actors"

    event_id: Mapped[str] = mapped_column(ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True)
    actor: Mapped[str] = mapped_column(String(300), primary_key=True)

    __table_args__ = (Index("ix_event_actors_actor", "actor", "event_id"),)


# -- 0008_reviews: analysts' reviews of events (rasd.review) ---------------------------------------------------------

class ReviewRow(Base):
    """One analyst's act on one event: a verdict (verified / wrong) or a field corrected, with who and when.

    An append-only log: the event's current review is the latest verdict and the latest value of each corrected
    field. Deliberately not a foreign key to events: when the events are linked again (a new report joins, `rebuild`)
    the event row is rewritten or even recreated, and the review must outlive that and be applied again.
    """

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(128), index=True)
    action: Mapped[str] = mapped_column(String(20))  # verified | wrong | corrected | reopened
    field: Mapped[str | None] = mapped_column(String(40))  # the corrected field (action "corrected")
    old_value: Mapped[object | None] = mapped_column(JSON)
    new_value: Mapped[object | None] = mapped_column(JSON)
    reviewer: Mapped[str] = mapped_column(String(200))
    reviewed_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    note: Mapped[str | None] = mapped_column(Text)
