"""What the ingest remembers between runs, kept in the store: the fetch log (validators for conditional GET, what
each URL gave) and the near-duplicate clusters of stored articles.

The ingest stages (rasd.ingest.watch, rasd.ingest.dedup_articles) decide what to fetch and how to cluster; they
read and write these tables only through `Repository.fetch_log` and `Repository.clusters`, so no stage knows SQL.
Writes go through the Repository's write sessions, whose transactions take the store's write lock when they begin
(SQLite: BEGIN IMMEDIATE), as every other write of the store does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from rasd.store.schema import ArticleClusterRow, ArticleRow, FetchLogRow


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True, slots=True)
class FetchRecord:
    """One URL's row of the fetch log, as read."""

    url: str
    status: int | None
    etag: str | None
    last_modified: str | None
    article_id: str | None
    error: str | None


class FetchLogTable:
    """The fetch_log table: one row per URL rasd fetched."""

    def __init__(self, engine: Engine, writes: sessionmaker) -> None:
        self.engine, self.writes = engine, writes

    def get(self, url: str) -> FetchRecord | None:
        with Session(self.engine) as session:
            row = session.get(FetchLogRow, url)
            if row is None:
                return None
            return FetchRecord(row.url, row.status, row.etag, row.last_modified, row.article_id, row.error)

    def urls_with_etag(self) -> list[str]:
        with Session(self.engine) as session:
            return list(session.scalars(select(FetchLogRow.url).where(FetchLogRow.etag.is_not(None))))

    def record(self, url: str, **values: Any) -> None:
        """Insert or update the URL's row with the given columns (and the time of this fetch)."""
        with self.writes.begin() as session:
            row = session.get(FetchLogRow, url)
            if row is None:
                row = FetchLogRow(url=url, fetched_at=_now())
                session.add(row)
            for key, value in values.items():
                setattr(row, key, value)
            row.fetched_at = _now()


class ClusterTable:
    """The article_clusters table: each stored article's near-duplicate cluster, in ingest order."""

    _ORDER = (ArticleRow.ingested_at, ArticleRow.article_id)

    def __init__(self, engine: Engine, writes: sessionmaker) -> None:
        self.engine, self.writes = engine, writes

    def clear(self) -> None:
        """Forget every assignment (before clustering the whole store again)."""
        with self.writes.begin() as session:
            session.execute(delete(ArticleClusterRow))

    def assigned(self) -> Iterator[tuple[str, str, str]]:
        """(article_id, text, cluster_id) of every clustered article, in ingest order, streamed."""
        known = select(ArticleRow.article_id, ArticleRow.text, ArticleClusterRow.cluster_id).join(
            ArticleClusterRow, ArticleClusterRow.article_id == ArticleRow.article_id).order_by(*self._ORDER)
        with Session(self.engine) as session:
            yield from session.execute(known)

    def unassigned(self) -> list[str]:
        """The ids of the stored articles without a cluster, in ingest order."""
        new = select(ArticleRow.article_id).outerjoin(
            ArticleClusterRow, ArticleClusterRow.article_id == ArticleRow.article_id).where(
            ArticleClusterRow.article_id.is_(None)).order_by(*self._ORDER)
        with Session(self.engine) as session:
            return list(session.scalars(new))

    def texts(self, article_ids: list[str]) -> dict[str, str]:
        with Session(self.engine) as session:
            return dict(session.execute(
                select(ArticleRow.article_id, ArticleRow.text).where(ArticleRow.article_id.in_(article_ids))).all())

    def assign(self, assignments: list[tuple[str, str, float]]) -> None:
        """Store (article_id, cluster_id, similarity to the cluster's seed) rows in one transaction."""
        with self.writes.begin() as session:
            session.add_all(ArticleClusterRow(article_id=a, cluster_id=c, similarity=s) for a, c, s in assignments)

    def largest(self, min_size: int = 2, limit: int | None = None) -> list[dict[str, Any]]:
        """Clusters with at least `min_size` stored articles, largest first: id, size, outlets, titles, urls."""
        with Session(self.engine) as session:
            sizes = (select(ArticleClusterRow.cluster_id, func.count().label("n"))
                     .group_by(ArticleClusterRow.cluster_id)
                     .having(func.count() >= min_size).order_by(func.count().desc(), ArticleClusterRow.cluster_id))
            if limit:
                sizes = sizes.limit(limit)
            out = []
            for cluster_id, n in session.execute(sizes).all():
                rows = session.execute(
                    select(ArticleRow.outlet, ArticleRow.title, ArticleRow.url, ArticleRow.article_id)
                    .join(ArticleClusterRow, ArticleClusterRow.article_id == ArticleRow.article_id)
                    .where(ArticleClusterRow.cluster_id == cluster_id)
                    .order_by(*self._ORDER)).all()
                out.append({"cluster_id": cluster_id, "size": n, "outlets": sorted({r[0] for r in rows if r[0]}),
                            "titles": [r[1] for r in rows], "urls": [r[2] for r in rows if r[2]],
                            "article_ids": [r[3] for r in rows]})
            return out

    def cluster_of(self, article_id: str) -> str | None:
        """The cluster id of one stored article (None before clustering)."""
        with Session(self.engine) as session:
            row = session.get(ArticleClusterRow, article_id)
            return row.cluster_id if row is not None else None
