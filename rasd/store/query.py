"""Event filters shared by `rasd events`, `rasd stats`, `rasd export` and the API, as portable SQL.

Filters become WHERE clauses on the events table (indexed columns: date, country, admin1/2, type, coordinates,
fatalities). Name filters (country, admin1, admin2, actor, event type) first find the matching names in the small
`event_names` table (case-insensitive, LIKE for "contains", with an explicit escape so user input is taken
literally), then the events by an indexed equality; actors through the `event_actors` link table (rasd.store.names).
Text search goes through the articles' full-text index (rasd.store.search) and the reports that link articles to
events. `plan()` resolves names and picks, per query, whether a common actor or word is tested event by event.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from datetime import date
from typing import Any

from sqlalchemy import Select, false, func, or_, select

from rasd.errors import StoreError
from rasd.model import COUNTED_MODALITIES, MODALITIES
from rasd.store.schema import EventRow
from rasd.store.sql import like_pattern


@dataclass(frozen=True, slots=True)
class EventFilter:
    """The one event filter of `rasd events`, `rasd stats`, `rasd export`, the API and the store; every field None
    means "no filter". `bbox` is (west, south, east, north).

    `actor` is resolved through the KB (rasd.kb.actor_names): "داعش", "ISIS" and "Islamic State" select the same
    events; a name the KB does not know matches part of a stored name. `associated=False` matches only the two
    sides (actor1, actor2), not the associated actors. `text` searches the reporting articles (full text, Arabic
    clitics ignored); `q` is the dashboard's search box: part of any place or actor name, type, weapon or note, or
    words of the reporting articles (where every Arabic evidence span comes from). Frozen, so it can key a cache.
    """

    since: date | None = None
    until: date | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    actor: str | None = None
    associated: bool = True
    event_type: str | None = None
    text: str | None = None
    q: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    min_fatalities: int | None = None
    limit: int | None = None
    #: Only events of these modalities (None: any). Imported events without one count as "occurred".
    modality: tuple[str, ...] | None = None
    #: False leaves out background mentions of earlier events.
    include_background: bool = True
    #: False leaves out events an analyst marked wrong in review (rasd.review).
    include_rejected: bool = True

    @classmethod
    def counted(cls, **kwargs: Any) -> EventFilter:
        """A filter of the events counted by default (rasd.model.COUNTED_MODALITIES, no background), which every
        count, export and total uses unless told otherwise (`--modality`, `--include-background`)."""
        kwargs.setdefault("modality", COUNTED_MODALITIES)
        kwargs.setdefault("include_background", False)
        kwargs.setdefault("include_rejected", False)
        return cls.of(**kwargs)

    def everything(self) -> EventFilter:
        """The same filter with no modality or background restriction (to tell how many it leaves out)."""
        return replace(self, modality=None, include_background=True, include_rejected=True, limit=None)

    def counting_note(self) -> str:
        """What these filters count, in words, for the outputs that show counts."""
        kinds = "events of any modality" if self.modality is None else f"{'/'.join(self.modality)} events"
        return (kinds + ("" if self.include_background else ", background mentions left out")
                + ("" if self.include_rejected else ", events marked wrong in review left out"))

    @classmethod
    def of(cls, **kwargs: Any) -> EventFilter:
        """From keyword arguments, ignoring unknown names set to None (CLI options of other commands); empty
        strings mean "no filter", as an empty search box does."""
        names = {f.name for f in fields(cls)}
        unknown = [k for k, v in kwargs.items() if k not in names and v is not None]
        if unknown:
            raise StoreError(f"unknown event filter(s): {', '.join(sorted(unknown))}")
        return cls(**{k: (None if v == "" else v) for k, v in kwargs.items() if k in names and v is not None})

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def without_limit(self) -> EventFilter:
        """The same filter with no limit (what a total or an aggregate counts)."""
        return replace(self, limit=None)


def parse_modalities(value: str | None) -> tuple[str, ...] | None:
    """'occurred,attempted' -> ('occurred', 'attempted'); 'all' -> None (any modality); None -> the default."""
    if value is None:
        return COUNTED_MODALITIES
    if value.strip().lower() == "all":
        return None
    chosen = tuple(dict.fromkeys(v.strip().lower() for v in value.split(",") if v.strip()))
    unknown = [v for v in chosen if v not in MODALITIES]
    if unknown or not chosen:
        raise StoreError(f"unknown modality {', '.join(unknown) or '(none)'}: use all or some of {', '.join(MODALITIES)}")
    return chosen


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """'west,south,east,north' in degrees (the order of GeoJSON and most web maps)."""
    try:
        west, south, east, north = (float(x) for x in value.split(","))
    except ValueError as exc:
        raise StoreError(f"bounding box {value!r} is not west,south,east,north in degrees") from exc
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise StoreError(f"bounding box {value!r} is out of range (west,south,east,north; south <= north)")
    return west, south, east, north


#: The review status of an event an analyst marked wrong (rasd.review): left out of counts by default.
REJECTED = "wrong"
#: A filter matching more events (or articles) than this is tested row by row on the events the other filters
#: leave, newest first, rather than listed up front (see `Plan`).
COMMON = 5000
#: More matching names than this and the names stay a subquery instead of a literal IN list.
MAX_NAMES = 500


@dataclass(slots=True)
class Plan:
    """What a filter resolves to on one connection: the matching names of each name filter, and whether the actor,
    text and search-box filters are common (then each event is tested, instead of listing every match first)."""

    names: dict[str, list[str]]
    common_actor: bool = False
    common_text: bool = False
    common_q: bool = False
    #: SQLite: read the page in date order along the browse index, testing each entry (rasd.api.queries sets it
    #: when the filter is common enough that this stops early, see `walkable`).
    walk_browse: bool = False


#: Name filters: (filter field, name kinds it is looked up in, exact or "contains").
NAME_FILTERS = (("country", ("country", "iso3"), True), ("admin1", ("admin1",), False),
                ("admin2", ("admin2",), False), ("event_type", ("event_type", "sub_event_type"), True),
                ("actor", ("actor",), False))


def plan(conn: Any, f: EventFilter) -> Plan:
    """Resolve `f`'s name filters against `event_names` and count (with a cap) how common its actor and text are.

    A country, region or actor that matches no stored name is checked against the KB (rasd.store.suggest): a typo
    raises UnknownNameError with the close names ("did you mean"), rather than answering 0 events.
    """
    from rasd.store.names import matching_names
    from rasd.store.schema import EventActorRow
    from rasd.store.search import is_common
    from rasd.store.suggest import check_names

    names: dict[str, list[str]] = {}
    for field, kinds, exact in NAME_FILTERS:
        value = getattr(f, field)
        if not value:
            continue
        for kind in kinds:
            found = list(conn.scalars(matching_names(kind, value, exact=exact).limit(MAX_NAMES + 1)))
            if len(found) <= MAX_NAMES:
                names[kind] = found
        if field != "event_type" and all(names.get(kind) == [] for kind in kinds):
            check_names(conn, field, value)
    out = Plan(names)
    if f.actor and "actor" in names:
        capped = select(EventActorRow.event_id).where(EventActorRow.actor.in_(names["actor"])).limit(COMMON + 1)
        out.common_actor = int(conn.scalar(select(func.count()).select_from(capped.subquery())) or 0) > COMMON
    if f.text:
        out.common_text = is_common(conn, f.text)
    if f.q and _searches_articles(f.q):
        out.common_q = is_common(conn, f.q)
    return out


def _searches_articles(q: str) -> bool:
    """The search box also looks in the reporting articles when it holds Arabic words (the articles are Arabic;
    an English word would only cost a full-text lookup that finds nothing)."""
    from rasd.store.search import search_terms

    return any("\u0600" <= ch <= "\u06ff" for ch in q) and bool(search_terms(q))


def walkable(f: EventFilter) -> bool:
    """True when every filter of `f` tests a column of the browse index (ix_events_api_browse: dates, places,
    types, the two sides), so a page can be read by walking that index in date order."""
    return (f.actor is None or not f.associated) and not (f.text or f.q or f.bbox or f.min_fatalities is not None)


def apply_filters(stmt: Select, f: EventFilter, dialect: str = "sqlite", *, plan: Plan | None = None) -> Select:
    """`stmt` (a SELECT over events) restricted to the events matching every filter in `f`.

    Name filters (country, admin1, admin2, actor, event type) match names in `event_names` (rasd.store.names), then
    events by an indexed equality. With a `plan` (from `plan()`, on the connection that will run the query) the
    names are already resolved and common actors or words are tested per event; without one, subqueries do it.
    """
    from rasd.store.names import matching_names
    from rasd.store.schema import EventActorRow

    resolved = plan.names if plan is not None else {}

    def names(kind: str, value: str, exact: bool) -> Any:
        return resolved[kind] if kind in resolved else matching_names(kind, value, exact=exact)

    walk = plan is not None and plan.walk_browse and dialect == "sqlite"

    def one_of(column: Any, kind: str, value: str, exact: bool) -> Any:
        found = names(kind, value, exact)
        if walk:  # `column || ''` is the same value, but no index on the column can serve it: SQLite then walks
            column = column.op("||")("")  # the browse index in date order and stops after the page
        if isinstance(found, list) and len(found) == 1:
            return column == found[0]  # an equality: the index also gives the date order
        if isinstance(found, list) and not found:
            return None  # no such name: this side of an OR is left out, so the other stays one index range
        return column.in_(found)

    def any_of(*conds: Any) -> Any:
        kept = [c for c in conds if c is not None]
        return or_(*kept) if len(kept) > 1 else kept[0] if kept else false()

    if f.since is not None:
        stmt = stmt.where(EventRow.event_date >= f.since)
    if f.until is not None:
        stmt = stmt.where(EventRow.event_date <= f.until)
    if f.country:
        stmt = stmt.where(any_of(one_of(EventRow.country, "country", f.country, True),
                                 one_of(EventRow.iso3, "iso3", f.country, True)))
    if f.admin1:
        stmt = stmt.where(any_of(one_of(EventRow.admin1, "admin1", f.admin1, False)))
    if f.admin2:
        stmt = stmt.where(any_of(one_of(EventRow.admin2, "admin2", f.admin2, False)))
    if f.actor and not f.associated:  # the two sides only: their own indexed columns
        found = names("actor", f.actor, False)
        stmt = stmt.where(or_(EventRow.actor1.in_(found), EventRow.actor2.in_(found)))
    elif f.actor:
        actors = EventActorRow.actor.in_(names("actor", f.actor, False))
        if plan is not None and plan.common_actor:
            stmt = stmt.where(select(EventActorRow.event_id).where(EventActorRow.event_id == EventRow.event_id,
                                                                   actors).exists())
        else:
            stmt = stmt.where(EventRow.event_id.in_(select(EventActorRow.event_id).where(actors)))
    if f.event_type:
        stmt = stmt.where(any_of(one_of(EventRow.event_type, "event_type", f.event_type, True),
                                 one_of(EventRow.sub_event_type, "sub_event_type", f.event_type, True)))
    if f.bbox is not None:
        west, south, east, north = f.bbox
        stmt = stmt.where(EventRow.latitude.between(south, north))
        if west <= east:
            stmt = stmt.where(EventRow.longitude.between(west, east))
        else:  # a box across the antimeridian
            stmt = stmt.where(or_(EventRow.longitude >= west, EventRow.longitude <= east))
    if f.min_fatalities is not None:
        stmt = stmt.where(EventRow.fatalities >= f.min_fatalities)
    if f.modality is not None:
        chosen = EventRow.modality.in_(f.modality)
        stmt = stmt.where(or_(chosen, EventRow.modality.is_(None)) if "occurred" in f.modality else chosen)
    if not f.include_background:
        stmt = stmt.where(or_(EventRow.background.is_(None), EventRow.background.is_(False)))
    if not f.include_rejected:
        stmt = stmt.where(or_(EventRow.review_status.is_(None), EventRow.review_status != REJECTED))
    if f.text:
        from rasd.store.search import text_filter

        common = plan is not None and plan.common_text
        stmt = stmt.where(text_filter(dialect, f.text, EventRow.event_id, common=common))
    if f.q:
        stmt = stmt.where(_search_box(f.q, dialect, plan))
    return stmt


#: The columns the search box (`q`) looks into, beside the notes and the reporting articles.
SEARCHED_COLUMNS = ("location", "admin1", "admin2", "admin3", "country", "actor1", "actor2", "assoc_actors",
                    "sub_event_type", "weapon")


def _search_box(q: str, dialect: str, plan: Plan | None) -> Any:
    """`q` in any searched column or the notes (a part, any case: a scan bounded by the other filters), or, for
    Arabic words, in the reporting articles' full text, where every Arabic evidence span is taken from."""
    from rasd.store.search import text_filter

    pattern = like_pattern(q)
    conds = [func.lower(getattr(EventRow, name)).like(pattern, escape="\\") for name in SEARCHED_COLUMNS]
    conds.append(func.lower(EventRow.data["notes"].as_string()).like(pattern, escape="\\"))
    if _searches_articles(q):
        conds.append(text_filter(dialect, q, EventRow.event_id, common=plan is not None and plan.common_q))
    return or_(*conds)


def newest_first(stmt: Select, f: EventFilter) -> list[Select]:
    """The statements that together list `stmt`'s events newest first, undated last, ties by event id.

    Two statements, run in turn: the dated events (ORDER BY event_date DESC, event_id, which an index on
    (..., event_date) serves from its end, so a LIMIT stops early), then the undated ones. One ORDER BY with
    "undated last" would make both databases sort every match first (SQLite on `event_date IS NULL`, PostgreSQL
    on NULLS LAST). The caller applies the limit across the two (`f.limit`).
    """
    dated = stmt.where(EventRow.event_date.is_not(None)).order_by(EventRow.event_date.desc(), EventRow.event_id)
    undated = stmt.where(EventRow.event_date.is_(None)).order_by(EventRow.event_id)
    if f.limit is not None:
        dated, undated = dated.limit(f.limit), undated.limit(f.limit)
    return [dated, undated]


def events_query(since: date | None = None, until: date | None = None, country: str | None = None,
                 admin1: str | None = None, actor: str | None = None, event_type: str | None = None,
                 limit: int | None = None, *, dialect: str = "sqlite", **more: Any) -> Select[tuple[dict]]:
    """One SELECT of the matching events' contract objects, newest first, undated last (for plain SQL use; the
    repository runs `newest_first`'s two statements instead, which read less)."""
    f = EventFilter.of(since=since, until=until, country=country, admin1=admin1, actor=actor,
                       event_type=event_type, limit=limit, **more)
    return ordered(apply_filters(select(EventRow.data), f, dialect), f)


def ordered(stmt: Select, f: EventFilter) -> Select:
    stmt = stmt.order_by(EventRow.event_date.is_(None), EventRow.event_date.desc(), EventRow.event_id)
    return stmt.limit(f.limit) if f.limit is not None else stmt
