"""Query indexes: search names and actor links (indexable case-insensitive filters), FTS5 rowids by article.

Revision ID: 0006_query_indexes
Revises: 0005_ingest
Create Date: 2026-11-25

`event_names` holds each distinct country, iso3, admin1, admin2, event type, sub-event type and actor name with its
folded key; `event_actors` one row per event and actor. Filters match the few names first, then the events on an
index (rasd.store.names). On SQLite, `articles_fts_ids` maps an article to its FTS5 rowid, so a common-word search
can test single events' articles by rowid (rasd.store.search.text_filter). Existing stores are filled here.
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import context, op

revision = "0006_query_indexes"
down_revision = "0005_ingest"
branch_labels = None
depends_on = None

#: Composite indexes for "newest events of one place / type" (kept equal to rasd.store.schema).
INDEXES = {"ix_events_admin1_date": ["admin1", "event_date"], "ix_events_admin2_date": ["admin2", "event_date"],
           "ix_events_type_date": ["event_type", "event_date"], "ix_events_subtype_date": ["sub_event_type",
                                                                                           "event_date"]}
#: Replaced by the composite ones above (an index on (a, date) serves every lookup one on (a) did).
OLD_INDEXES = {"ix_events_admin1": ["admin1"], "ix_events_admin2": ["admin2"], "ix_events_event_type": ["event_type"]}
NAME_COLUMNS = {"country": "country", "iso3": "iso3", "admin1": "admin1", "admin2": "admin2",
                "event_type": "event_type", "sub_event_type": "sub_event_type"}


def _dialect() -> str:
    return context.get_context().dialect.name


def upgrade() -> None:
    op.create_table(
        "event_names",
        sa.Column("kind", sa.String(20), primary_key=True),
        sa.Column("name", sa.String(300), primary_key=True),
        sa.Column("key", sa.String(300), nullable=False),
    )
    op.create_index("ix_event_names_kind_key", "event_names", ["kind", "key"])
    op.create_table(
        "event_actors",
        sa.Column("event_id", sa.String(128), sa.ForeignKey("events.event_id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("actor", sa.String(300), primary_key=True),
    )
    op.create_index("ix_event_actors_actor", "event_actors", ["actor", "event_id"])
    for name in OLD_INDEXES:
        op.drop_index(name, table_name="events")
    for name, cols in INDEXES.items():
        op.create_index(name, "events", cols)
    if not context.is_offline_mode():  # `alembic upgrade --sql` only prints the DDL
        _fill_names()
    if _dialect() == "sqlite":
        op.execute("CREATE TABLE articles_fts_ids (article_id VARCHAR(64) PRIMARY KEY, fts_rowid INTEGER NOT NULL) "
                   "WITHOUT ROWID")
        op.execute("INSERT INTO articles_fts_ids (article_id, fts_rowid) SELECT article_id, rowid FROM articles_fts")
        op.execute("DROP TRIGGER IF EXISTS articles_fts_delete")
        op.execute("CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
                   "DELETE FROM articles_fts WHERE rowid = (SELECT fts_rowid FROM articles_fts_ids "
                   "WHERE article_id = old.article_id); "
                   "DELETE FROM articles_fts_ids WHERE article_id = old.article_id; END")


def _fill_names() -> None:
    """Names and actor links of the events already stored (read in pages: a store may hold millions)."""
    bind = op.get_bind()
    events = sa.table("events", *(sa.column(c) for c in ("event_id", "actor1", "actor2", *NAME_COLUMNS.values())),
                      sa.column("data", sa.JSON()))
    names_t = sa.table("event_names", sa.column("kind"), sa.column("name"), sa.column("key"))
    actors_t = sa.table("event_actors", sa.column("event_id"), sa.column("actor"))
    names: set[tuple[str, str]] = set()
    last = ""
    while True:
        rows = bind.execute(sa.select(events).where(events.c.event_id > last).order_by(events.c.event_id)
                            .limit(5000)).mappings().all()
        if not rows:
            break
        links = []
        for row in rows:
            names.update((kind, row[col]) for kind, col in NAME_COLUMNS.items() if row[col])
            for actor in _actors(row):
                names.add(("actor", actor))
                links.append({"event_id": row["event_id"], "actor": actor})
        if links:
            bind.execute(sa.insert(actors_t), links)
        last = rows[-1]["event_id"]
    if names:
        bind.execute(sa.insert(names_t), [{"kind": k, "name": n, "key": n.lower()} for k, n in sorted(names)])


def _actors(row: Any) -> list[str]:
    data = row["data"] or {}
    out: list[str] = []
    for name in (row["actor1"], row["actor2"], *(data.get("assoc_actor_1") or []),
                 *(data.get("assoc_actor_2") or [])):
        if name and name not in out:
            out.append(name)
    return out


def downgrade() -> None:
    if _dialect() == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS articles_fts_delete")
        op.execute("CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
                   "DELETE FROM articles_fts WHERE article_id = old.article_id; END")
        op.execute("DROP TABLE IF EXISTS articles_fts_ids")
    for name in INDEXES:
        op.drop_index(name, table_name="events")
    for name, cols in OLD_INDEXES.items():
        op.create_index(name, "events", cols)
    op.drop_index("ix_event_actors_actor", table_name="event_actors")
    op.drop_table("event_actors")
    op.drop_index("ix_event_names_kind_key", table_name="event_names")
    op.drop_table("event_names")
