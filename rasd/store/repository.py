"""The store's one entry point: open (migrating to the latest schema), add pipeline results, query events.

SQLite (WAL mode) is the zero-configuration default; any SQLAlchemy URL works, and nothing here uses SQL that only
SQLite understands except the PRAGMAs, which run behind a dialect check. Writes are idempotent by article_id:
adding the same article twice adds nothing the second time.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Select, create_engine, event, func, or_, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from rasd.config import db_url, sqlite_path
from rasd.errors import StoreError
from rasd.ingest.sources import derive_event_id
from rasd.model import Article, ArticleResult, Event
from rasd.store.schema import ArticleRow, EventRow, MentionRow, ReportRow

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL for concurrent readers during a write, foreign keys on, and a wait rather than 'database is locked'."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def migrate(engine: Engine) -> None:
    """Bring the schema to the latest Alembic revision (the migrations ship inside the package; no alembic.ini)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")


def _merge_unique(first: Iterable[Any], second: Iterable[Any]) -> list[Any]:
    out: list[Any] = []
    for item in [*first, *second]:
        if item and item not in out:
            out.append(item)
    return out


def _event_columns(ev: Event, data: dict[str, Any]) -> dict[str, Any]:
    """The filterable columns of an events row, taken from the event."""
    assoc = [*ev.assoc_actor_1, *ev.assoc_actor_2]
    return {
        "event_date": ev.event_date, "event_date_end": ev.event_date_end, "time_precision": ev.time_precision,
        "disorder_type": ev.disorder_type, "event_type": ev.event_type, "sub_event_type": ev.sub_event_type,
        "actor1": ev.actor1, "actor2": ev.actor2, "assoc_actors": "; ".join(assoc) or None,
        "actor1_id": ev.actor1_id, "actor2_id": ev.actor2_id, "inter1": ev.inter1, "inter2": ev.inter2,
        "civilian_targeting": bool(ev.civilian_targeting), "country": ev.country, "iso3": ev.iso3,
        "admin1": ev.admin1, "admin2": ev.admin2, "admin3": ev.admin3, "location": ev.location,
        "latitude": ev.latitude, "longitude": ev.longitude, "geo_precision": ev.geo_precision,
        "fatalities": ev.fatalities, "injured": ev.injured, "weapon": ev.weapon, "modality": ev.modality,
        "background": bool(ev.background), "confidence": ev.confidence, "data": data,
    }


def _like_pattern(value: str) -> str:
    """A case-folded LIKE pattern for 'contains value', with LIKE's wildcards escaped."""
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class Repository:
    """A rasd store: `Repository("rasd.db")`, `Repository("postgresql://...")`; use as a context manager."""

    def __init__(self, location: str = "rasd.db", *, run_migrations: bool = True) -> None:
        self.url = db_url(location)
        path = sqlite_path(self.url)
        try:
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
            self.engine = create_engine(self.url)
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            if run_migrations:
                migrate(self.engine)
        except (SQLAlchemyError, OSError) as exc:
            raise StoreError(f"cannot open store {location}: {exc}") from exc
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def path(self) -> Path | None:
        """The SQLite file behind this store, None for other databases."""
        return sqlite_path(self.url)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing --------------------------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with Session(self.engine) as session:
            return session.get(ArticleRow, article_id) is not None

    def add_result(self, result: ArticleResult) -> bool:
        """Store one article with its mentions, events and reports; False (and nothing written) if already stored."""
        art = result.article
        try:
            with self._sessions.begin() as session:
                if session.get(ArticleRow, art.article_id) is not None:
                    return False
                session.add(ArticleRow(
                    article_id=art.article_id, url=art.url, outlet=art.outlet, title=art.title or "",
                    published=art.published, published_how=art.published_how, language=art.language,
                    fetched_at=art.fetched_at, source_path=art.source_path, text=art.text, skipped=result.skipped,
                    warnings=list(result.warnings) or None, n_events=len(result.events), ingested_at=_now(),
                ))
                session.flush()
                for m in result.mentions:
                    value = m.to_dict()["value"]
                    session.add(MentionRow(article_id=art.article_id, kind=m.kind, start=m.span.start,
                                           end=m.span.end, text=m.span.text, value=_jsonable(value),
                                           label=m.label or "", confidence=m.confidence))
                seen: set[str] = set()
                for position, ev in enumerate(result.events):
                    self._add_event(session, art, position, ev, seen)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot store article {art.article_id[:12]}: {exc}") from exc
        return True

    def _add_event(self, session: Session, art: Article, position: int, ev: Event, seen: set[str]) -> None:
        """Insert the event, or merge this article's provenance into an event already stored under the same id."""
        article_id = art.article_id
        event_id = ev.event_id or derive_event_id(article_id, position, ev)
        if event_id in seen:  # the pipeline emitted the same event twice for one article: one report is enough
            return
        seen.add(event_id)
        data = ev.to_dict()
        data["event_id"] = event_id
        data["article_ids"] = _merge_unique(data["article_ids"], [article_id])
        data["urls"] = _merge_unique(data["urls"], [art.url])
        data["sources"] = _merge_unique(data["sources"], [art.outlet])
        row = session.get(EventRow, event_id)
        now = _now()
        if row is None:
            session.add(EventRow(event_id=event_id, created_at=now, updated_at=now, **_event_columns(ev, data)))
        else:
            merged = dict(row.data)
            for key in ("article_ids", "urls", "sources"):
                merged[key] = _merge_unique(merged.get(key) or [], data.get(key) or [])
            row.data = merged
            row.updated_at = now
        session.flush()
        session.add(ReportRow(article_id=article_id, event_id=event_id, position=position))

    # -- reading --------------------------------------------------------------------------------------------------

    def query_events(self, since: date | None = None, until: date | None = None, country: str | None = None,
                     admin1: str | None = None, actor: str | None = None, event_type: str | None = None,
                     limit: int | None = None) -> list[Event]:
        """Events matching every given filter, newest first (undated last).

        `country` matches the country name or ISO3 code exactly (any case); `admin1` and `actor` match a part of the
        name (actor1, actor2 or an associated actor); `event_type` matches the type or sub-event type (any case).
        """
        stmt = events_query(since, until, country, admin1, actor, event_type, limit)
        with Session(self.engine) as session:
            return [Event.from_dict(data) for data in session.scalars(stmt)]

    def get_event(self, event_id: str) -> Event | None:
        with Session(self.engine) as session:
            row = session.get(EventRow, event_id)
            return Event.from_dict(row.data) if row is not None else None

    def get_article(self, article_id: str) -> Article | None:
        """The stored article (its `text` is what every evidence span of its events points into)."""
        with Session(self.engine) as session:
            row = session.get(ArticleRow, article_id)
            return _article(row) if row is not None else None

    def articles_for_event(self, event_id: str) -> list[Article]:
        """The articles reporting an event, in the order they were stored."""
        stmt = (select(ArticleRow).join(ReportRow, ReportRow.article_id == ArticleRow.article_id)
                .where(ReportRow.event_id == event_id).order_by(ArticleRow.ingested_at, ArticleRow.article_id))
        with Session(self.engine) as session:
            return [_article(row) for row in session.scalars(stmt)]

    def counts(self) -> dict[str, int]:
        """Row counts: articles (and how many the extractor skipped), events, reports, mentions."""
        with Session(self.engine) as session:
            def count(model: Any, *where: Any) -> int:
                return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)

            return {
                "articles": count(ArticleRow),
                "articles_skipped": count(ArticleRow, ArticleRow.skipped.is_not(None)),
                "events": count(EventRow),
                "reports": count(ReportRow),
                "mentions": count(MentionRow),
            }

    def summary(self, top: int = 10) -> dict[str, Any]:
        """Aggregates for a quick look (the demo): counts, events by type, by country/admin1, top actors, dates."""
        from rasd.store.summary import summarize

        with Session(self.engine) as session:
            return {**self.counts(), **summarize(session, top)}


def events_query(since: date | None = None, until: date | None = None, country: str | None = None,
                 admin1: str | None = None, actor: str | None = None, event_type: str | None = None,
                 limit: int | None = None) -> Select[tuple[dict]]:
    """The SELECT behind `Repository.query_events` (portable SQL: LIKE with an explicit escape, no ILIKE)."""
    stmt = select(EventRow.data)
    if since is not None:
        stmt = stmt.where(EventRow.event_date >= since)
    if until is not None:
        stmt = stmt.where(EventRow.event_date <= until)
    if country:
        stmt = stmt.where(or_(func.lower(EventRow.country) == country.lower(),
                              func.upper(EventRow.iso3) == country.upper()))
    if admin1:
        stmt = stmt.where(func.lower(EventRow.admin1).like(_like_pattern(admin1), escape="\\"))
    if actor:
        pattern = _like_pattern(actor)
        stmt = stmt.where(or_(*(func.lower(col).like(pattern, escape="\\")
                                for col in (EventRow.actor1, EventRow.actor2, EventRow.assoc_actors))))
    if event_type:
        stmt = stmt.where(or_(func.lower(EventRow.event_type) == event_type.lower(),
                              func.lower(EventRow.sub_event_type) == event_type.lower()))
    stmt = stmt.order_by(EventRow.event_date.is_(None), EventRow.event_date.desc(), EventRow.event_id)
    if limit is not None:
        stmt = stmt.limit(limit)
    return stmt


def _article(row: ArticleRow) -> Article:
    return Article(text=row.text, title=row.title, url=row.url, outlet=row.outlet, published=row.published,
                   published_how=row.published_how, language=row.language, fetched_at=row.fetched_at,
                   source_path=row.source_path, article_id=row.article_id)


def _jsonable(value: Any) -> Any:
    """Mention values are ids, numbers, dates (already ISO strings) or lists of them; anything else as text."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return str(value)
