"""Event filters shared by `rasd events`, `rasd stats`, `rasd export` and the API, as portable SQL.

Filters become WHERE clauses on the events table (indexed columns: date, country, admin1/2, actors, type,
coordinates, fatalities); text search goes through the articles' full-text index (rasd.store.search) and the
reports that link articles to events. LIKE patterns carry an explicit escape, so user input is taken literally.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy import Select, func, or_, select

from rasd.errors import StoreError
from rasd.store.schema import EventRow, ReportRow


@dataclass(slots=True)
class EventFilter:
    """What `rasd events` can filter on; every field None means "no filter". `bbox` is (west, south, east, north)."""

    since: date | None = None
    until: date | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    actor: str | None = None
    event_type: str | None = None
    text: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    min_fatalities: int | None = None
    limit: int | None = None

    @classmethod
    def of(cls, **kwargs: Any) -> EventFilter:
        """From keyword arguments, ignoring unknown names set to None (CLI options of other commands)."""
        names = {f.name for f in fields(cls)}
        unknown = [k for k, v in kwargs.items() if k not in names and v is not None]
        if unknown:
            raise StoreError(f"unknown event filter(s): {', '.join(sorted(unknown))}")
        return cls(**{k: v for k, v in kwargs.items() if k in names})

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def like_pattern(value: str) -> str:
    """A case-folded LIKE pattern for 'contains value', with LIKE's wildcards escaped."""
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """'west,south,east,north' in degrees (the order of GeoJSON and most web maps)."""
    try:
        west, south, east, north = (float(x) for x in value.split(","))
    except ValueError as exc:
        raise StoreError(f"bounding box {value!r} is not west,south,east,north in degrees") from exc
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise StoreError(f"bounding box {value!r} is out of range (west,south,east,north; south <= north)")
    return west, south, east, north


def apply_filters(stmt: Select, f: EventFilter, dialect: str = "sqlite") -> Select:
    """`stmt` (a SELECT over events) restricted to the events matching every filter in `f`."""
    if f.since is not None:
        stmt = stmt.where(EventRow.event_date >= f.since)
    if f.until is not None:
        stmt = stmt.where(EventRow.event_date <= f.until)
    if f.country:
        stmt = stmt.where(or_(func.lower(EventRow.country) == f.country.lower(),
                              func.upper(EventRow.iso3) == f.country.upper()))
    for column, value in ((EventRow.admin1, f.admin1), (EventRow.admin2, f.admin2)):
        if value:
            stmt = stmt.where(func.lower(column).like(like_pattern(value), escape="\\"))
    if f.actor:
        pattern = like_pattern(f.actor)
        stmt = stmt.where(or_(*(func.lower(col).like(pattern, escape="\\")
                                for col in (EventRow.actor1, EventRow.actor2, EventRow.assoc_actors))))
    if f.event_type:
        stmt = stmt.where(or_(func.lower(EventRow.event_type) == f.event_type.lower(),
                              func.lower(EventRow.sub_event_type) == f.event_type.lower()))
    if f.bbox is not None:
        west, south, east, north = f.bbox
        stmt = stmt.where(EventRow.latitude.between(south, north))
        if west <= east:
            stmt = stmt.where(EventRow.longitude.between(west, east))
        else:  # a box across the antimeridian
            stmt = stmt.where(or_(EventRow.longitude >= west, EventRow.longitude <= east))
    if f.min_fatalities is not None:
        stmt = stmt.where(EventRow.fatalities >= f.min_fatalities)
    if f.text:
        from rasd.store.search import matching_articles

        stmt = stmt.where(EventRow.event_id.in_(
            select(ReportRow.event_id).where(ReportRow.article_id.in_(matching_articles(dialect, f.text)))))
    return stmt


def events_query(since: date | None = None, until: date | None = None, country: str | None = None,
                 admin1: str | None = None, actor: str | None = None, event_type: str | None = None,
                 limit: int | None = None, *, dialect: str = "sqlite", **more: Any) -> Select[tuple[dict]]:
    """The SELECT behind `Repository.query_events`: matching events' contract objects, newest first, undated last."""
    f = EventFilter.of(since=since, until=until, country=country, admin1=admin1, actor=actor,
                       event_type=event_type, limit=limit, **more)
    return ordered(apply_filters(select(EventRow.data), f, dialect), f)


def ordered(stmt: Select, f: EventFilter) -> Select:
    stmt = stmt.order_by(EventRow.event_date.is_(None), EventRow.event_date.desc(), EventRow.event_id)
    return stmt.limit(f.limit) if f.limit is not None else stmt
