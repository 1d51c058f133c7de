"""Count series from the store: events and fatalities per day or week, by place, actor or event type, zero-filled.

Weeks run Saturday to Friday, as in ACLED's weekly data, unless `week_start` says otherwise. The store's coverage
is the days its articles were published (and, for imported events that have no article, the days of those events).
Before and after it nothing was watched, so those periods are left out rather than counted as calm; events dated
outside it (an article's history, a misread year) are not counted. Inside it, a period with no event is a zero only
when something was watched: a week without a single article (or event dated in it) is "no coverage" (`Series.covered`), shown apart and
kept out of baselines, so a baseline never fills with zeros it did not observe.

Counted events are those that happened, as in every count of rasd (`EventFilter.counted()`): background mentions
of earlier events (counted from their own reports) and events that were only attempted, foiled, claimed, denied,
threatened or planned are left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine, func, or_, select
from sqlalchemy.orm import Session

from rasd.errors import InputError
from rasd.kb.actor_names import actor_keys, actor_matches, actor_name
from rasd.model import COUNTED_MODALITIES, SATURDAY
from rasd.store.query import EventFilter, apply_filters
from rasd.store.schema import ArticleRow, EventRow, ReportRow

FREQS = ("week", "day")
DIMENSIONS = ("country", "admin1", "admin2", "actor", "event_type")
METRICS = ("events", "fatalities")
#: Event ids of imported ACLED rows start with this, so series can set ACLED beside rasd (see rasd.importer).
ACLED_PREFIX = "acled:"


@dataclass(frozen=True, slots=True)
class EventPoint:
    """The few columns of an event that series need."""

    event_id: str
    event_date: date
    country: str | None
    admin1: str | None
    admin2: str | None
    event_type: str | None
    actors: tuple[str, ...]  # actor1, actor2 and every associated actor, as stored
    fatalities: int


@dataclass(slots=True)
class SeriesFilter:
    """Which events a series counts. Places and types match case-insensitively (a part of the name is enough);
    `actor` is resolved through the KB's aliases (see `actor_keys`); `origin` is "rasd", "acled" or None for both."""

    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    actor: str | None = None
    event_type: str | None = None
    origin: str | None = None
    #: Which events count (as everywhere: what happened, no background mention, unless widened).
    modality: tuple[str, ...] | None = COUNTED_MODALITIES
    include_background: bool = False

    def counting(self) -> EventFilter:
        """The store filter of what these series count (modality and background; never events an analyst marked
        wrong in review)."""
        return EventFilter(modality=self.modality, include_background=self.include_background, include_rejected=False)

    def as_dict(self) -> dict[str, str]:
        """The filter as a series key; an actor is named by its KB name, so "ISIS" and "داعش" give one key."""
        actor = actor_name(self.actor) if self.actor else None
        return {k: v for k, v in (("country", self.country), ("admin1", self.admin1), ("admin2", self.admin2),
                                  ("actor", actor), ("event_type", self.event_type),
                                  ("origin", self.origin)) if v}


@dataclass(slots=True)
class Series:
    """One zero-filled count series: `periods[i]` is the first day of period i, `events[i]` and `fatalities[i]` its
    counts, `event_ids[i]` the events behind them."""

    key: dict[str, str]
    freq: str
    periods: list[date]
    events: list[int]
    fatalities: list[int]
    event_ids: list[list[str]] = field(default_factory=list)
    days_watched: list[int] = field(default_factory=list)  # days of each period inside the store's coverage
    #: Articles published plus events dated in each period (`observed_per_period`); None when the store cannot tell
    #: (no publication dates), and every period inside the coverage counts as watched.
    observed: list[int] | None = None

    def covered(self, i: int) -> bool:
        """False for a period without any article or event: "no coverage", which is not a quiet period with zero
        events."""
        return self.observed is None or self.observed[i] > 0

    def baseline(self, metric: str, i: int, n: int) -> list[int]:
        """The values of the covered periods among the `n` before period i (a baseline never averages in weeks
        nobody watched)."""
        values = self.values(metric)
        return [values[j] for j in range(max(0, i - n), i) if self.covered(j)]

    def values(self, metric: str) -> list[int]:
        if metric not in METRICS:
            raise InputError(f"unknown metric {metric!r}: use one of {', '.join(METRICS)}")
        return self.events if metric == "events" else self.fatalities

    def partial(self, i: int) -> bool:
        """True when period i was only partly watched (the store's first or last days fall inside it)."""
        full = 1 if self.freq == "day" else 7
        return bool(self.days_watched) and self.days_watched[i] < full

    def label(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in self.key.items()) or "all events"

    def to_dict(self) -> dict[str, Any]:
        """Counts per period; a period without coverage has null counts, not zeros."""
        def shown(values: list[int]) -> list[int | None]:
            return [v if self.covered(i) else None for i, v in enumerate(values)]

        return {"key": self.key, "freq": self.freq, "periods": [p.isoformat() for p in self.periods],
                "events": shown(self.events), "fatalities": shown(self.fatalities),
                "days_watched": self.days_watched, "observed": self.observed,
                "covered": [self.covered(i) for i in range(len(self.periods))]}


def period_start(day: date, freq: str = "week", week_start: int = SATURDAY) -> date:
    """The first day of the period holding `day`."""
    if freq == "day":
        return day
    if freq != "week":
        raise InputError(f"unknown period {freq!r}: use one of {', '.join(FREQS)}")
    return day - timedelta(days=(day.weekday() - week_start) % 7)


def period_end(start: date, freq: str = "week") -> date:
    """The last day of the period starting on `start`."""
    return start if freq == "day" else start + timedelta(days=6)


def periods_between(first: date, last: date, freq: str = "week", week_start: int = SATURDAY) -> list[date]:
    """Every period start from the period of `first` to that of `last`, inclusive."""
    step = timedelta(days=1 if freq == "day" else 7)
    cur, end = period_start(first, freq, week_start), period_start(last, freq, week_start)
    out: list[date] = []
    while cur <= end:
        out.append(cur)
        cur += step
    return out


# -- actors -------------------------------------------------------------------------------------------------------
# Actor queries are resolved through the KB by rasd.kb.actor_names (shared with the store's actor filter).

# -- reading the store ------------------------------------------------------------------------------------------

def _engine(source: Any) -> Engine:
    """An Engine from a Repository (anything with `.engine`) or an Engine."""
    engine = getattr(source, "engine", source)
    if not isinstance(engine, Engine):
        raise InputError(f"expected a Repository or an SQLAlchemy Engine, got {type(source).__name__}")
    return engine


def _contains(column: Any, value: str) -> Any:
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(column).like(f"%{escaped}%", escape="\\")


def coverage(source: Any) -> tuple[date, date] | None:
    """The days the store watched: first to last publication date of its articles, widened to the event dates of
    imported events (those no article reports); None when it has neither. When no article has a publication date,
    the reported events' own dates stand in, from the 5th percentile (a few events are always about the past)."""
    with Session(_engine(source)) as session:
        first, last = session.execute(select(func.min(ArticleRow.published), func.max(ArticleRow.published))
                                      .where(ArticleRow.skipped.is_(None))).one()
        reported = select(ReportRow.event_id).where(ReportRow.event_id == EventRow.event_id).exists()
        ifirst, ilast = session.execute(select(func.min(EventRow.event_date), func.max(EventRow.event_date))
                                        .where(~reported)).one()
        if first is None:
            dated = select(EventRow.event_date).where(reported, EventRow.event_date.is_not(None))
            n = session.scalar(select(func.count()).select_from(dated.subquery())) or 0
            if n:
                first = session.scalar(dated.order_by(EventRow.event_date).offset(n // 20).limit(1))
                last = session.scalar(dated.order_by(EventRow.event_date.desc()).limit(1))
    starts = [d for d in (first, ifirst) if d is not None]
    ends = [d for d in (last, ilast) if d is not None]
    if not starts or not ends:
        return None
    return min(starts), max(ends)


def observed_per_period(source: Any, first: date, last: date, freq: str = "week",
                        week_start: int = SATURDAY) -> dict[date, int] | None:
    """How much was observed in each period from `first` to `last` (by period start): articles published in it plus
    events dated in it (an event reported the week after still shows the week was seen; imported events have no
    article at all). None when no article has a publication date: the store's coverage is then guessed from event
    dates, and no period can be told unwatched."""
    with Session(_engine(source)) as session:
        dated = session.scalar(select(func.count()).select_from(ArticleRow).where(ArticleRow.published.is_not(None)))
        if not dated:
            return None
        counts: dict[date, int] = defaultdict(int)
        published = session.execute(select(ArticleRow.published, func.count()).where(
            ArticleRow.skipped.is_(None), ArticleRow.published.between(first, last)).group_by(ArticleRow.published))
        happened = session.execute(select(EventRow.event_date, func.count()).where(
            EventRow.event_date.between(first, last)).group_by(EventRow.event_date))
        for day, n in [*published, *happened]:
            counts[period_start(day, freq, week_start)] += int(n)
    return dict(counts)


def load_points(source: Any, flt: SeriesFilter | None = None, since: date | None = None,
                until: date | None = None) -> list[EventPoint]:
    """The dated events that pass `flt`, oldest first (places, types and origin filtered in SQL, actors here)."""
    flt = flt or SeriesFilter()
    stmt = select(EventRow.event_id, EventRow.event_date, EventRow.country, EventRow.iso3, EventRow.admin1,
                  EventRow.admin2, EventRow.event_type, EventRow.actor1, EventRow.actor2, EventRow.assoc_actors,
                  EventRow.fatalities).where(EventRow.event_date.is_not(None))
    stmt = apply_filters(stmt, flt.counting())  # what happened, as every count (rasd.model), unless widened
    if since is not None:
        stmt = stmt.where(EventRow.event_date >= since)
    if until is not None:
        stmt = stmt.where(EventRow.event_date <= until)
    if flt.country:
        stmt = stmt.where(or_(func.lower(EventRow.country) == flt.country.lower(),
                              func.upper(EventRow.iso3) == flt.country.upper()))
    if flt.admin1:
        stmt = stmt.where(_contains(EventRow.admin1, flt.admin1))
    if flt.admin2:
        stmt = stmt.where(_contains(EventRow.admin2, flt.admin2))
    if flt.event_type:
        stmt = stmt.where(or_(func.lower(EventRow.event_type) == flt.event_type.lower(),
                              func.lower(EventRow.sub_event_type) == flt.event_type.lower()))
    if flt.origin == "acled":
        stmt = stmt.where(EventRow.event_id.like(ACLED_PREFIX + "%"))
    elif flt.origin == "rasd":
        stmt = stmt.where(EventRow.event_id.not_like(ACLED_PREFIX + "%"))
    elif flt.origin is not None:
        raise InputError(f"unknown origin {flt.origin!r}: use rasd or acled")
    stmt = stmt.order_by(EventRow.event_date, EventRow.event_id)
    keys = actor_keys(flt.actor) if flt.actor else None
    points: list[EventPoint] = []
    with Session(_engine(source)) as session:
        for row in session.execute(stmt):
            actors = tuple(a for a in (row.actor1, row.actor2, *(row.assoc_actors or "").split(";")) if a and a.strip())
            actors = tuple(dict.fromkeys(a.strip() for a in actors))
            if keys is not None and not any(actor_matches(a, keys) for a in actors):
                continue
            points.append(EventPoint(row.event_id, row.event_date, row.country, row.admin1, row.admin2,
                                     row.event_type, actors, int(row.fatalities or 0)))
    return points


# -- building series ----------------------------------------------------------------------------------------------

def _groups(point: EventPoint, by: str | None, actor_filter: frozenset[str] | None) -> list[str]:
    """The series keys (values of dimension `by`) an event counts towards; an event counts once per actor."""
    if by is None:
        return [""]
    if by == "actor":
        actors = point.actors if actor_filter is None else [a for a in point.actors if actor_matches(a, actor_filter)]
        return list(actors)
    value = getattr(point, by)
    return [value] if value else []


def build_series(points: Iterable[EventPoint], first: date, last: date, freq: str = "week", by: str | None = None,
                 base_key: dict[str, str] | None = None, week_start: int = SATURDAY,
                 actor_filter: frozenset[str] | None = None,
                 observed: dict[date, int] | None = None) -> list[Series]:
    """Zero-filled series over every period from that of `first` to that of `last`, one per value of `by` (or one in
    all), largest total first. Events outside those periods are ignored. `observed` (from `observed_per_period`)
    tells the periods nobody watched; None: every period was watched."""
    if by is not None and by not in DIMENSIONS:
        raise InputError(f"cannot group by {by!r}: use one of {', '.join(DIMENSIONS)}")
    periods = periods_between(first, last, freq, week_start)
    slot = {p: i for i, p in enumerate(periods)}
    n = len(periods)
    watched = [(min(period_end(p, freq), last) - max(p, first)).days + 1 for p in periods]
    counts: dict[str, tuple[list[int], list[int], list[list[str]]]] = {}
    for pt in points:
        i = slot.get(period_start(pt.event_date, freq, week_start))
        if i is None:
            continue
        for group in _groups(pt, by, actor_filter):
            if group not in counts:
                counts[group] = ([0] * n, [0] * n, [[] for _ in range(n)])
            ev, fat, ids = counts[group]
            ev[i] += 1
            fat[i] += pt.fatalities
            ids[i].append(pt.event_id)
    if by is None and "" not in counts:
        counts[""] = ([0] * n, [0] * n, [[] for _ in range(n)])
    out = []
    for group, (ev, fat, ids) in counts.items():
        key = dict(base_key or {})
        if by is not None:
            key[by] = group
        out.append(Series(key, freq, list(periods), ev, fat, ids, watched,
                          None if observed is None else [observed.get(p, 0) for p in periods]))
    out.sort(key=lambda s: (-sum(s.events), s.label()))
    return out


def series_from_store(source: Any, flt: SeriesFilter | None = None, freq: str = "week", by: str | None = None,
                      since: date | None = None, until: date | None = None, week_start: int = SATURDAY,
                      cache: dict[tuple, list[EventPoint]] | None = None) -> list[Series]:
    """Series for the events in a store (Repository or Engine), zero-filled over the store's coverage clipped to
    [since, until]; an empty list when the store has no dated event in that range. Pass the same `cache` dict to
    several calls (one per rule) to read the store once per filter and date range."""
    if freq not in FREQS:
        raise InputError(f"unknown period {freq!r}: use one of {', '.join(FREQS)}")
    flt = flt or SeriesFilter()
    span = coverage(source)
    if span is None:
        return []
    first, last = max(span[0], since or span[0]), min(span[1], until or span[1])
    if first > last:
        return []
    lo, hi = period_start(first, freq, week_start), period_end(period_start(last, freq, week_start), freq)
    key = (tuple(sorted(flt.as_dict().items())), flt.modality, flt.include_background, lo, hi)
    points = cache.get(key) if cache is not None else None
    if points is None:
        points = load_points(source, flt, lo, hi)
        if cache is not None:
            cache[key] = points
    keys = actor_keys(flt.actor) if flt.actor else None
    observed = observed_per_period(source, lo, hi, freq, week_start)
    return build_series(points, first, last, freq, by, flt.as_dict(), week_start, keys, observed)
