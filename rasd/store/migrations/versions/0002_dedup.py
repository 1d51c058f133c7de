"""Dedup and search: report details, event provenance, sources, query indexes, full-text search over articles.

Revision ID: 0002_dedup
Revises: 0001_initial
Create Date: 2026-11-25

Full-text search lives outside the ORM models: an FTS5 table on SQLite (readable by plain sqlite3 and datasette),
a tsvector table with a GIN index on PostgreSQL. Both hold the article's searchable text (folded, clitics split off,
see rasd.store.search) and are filled by the repository when an article is stored.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import context, op

revision = "0002_dedup"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def _dialect() -> str:
    return context.get_context().dialect.name


def upgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.add_column(sa.Column("report_event_id", sa.String(128), nullable=True))
        batch.add_column(sa.Column("published", sa.Date(), nullable=True))
        batch.add_column(sa.Column("data", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("match", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("revises", sa.Boolean(), nullable=False, server_default=sa.text("false")))
        batch.add_column(sa.Column("terms", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("created_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("n_reports", sa.Integer(), nullable=False, server_default=sa.text("1")))
        batch.add_column(sa.Column("provenance", sa.JSON(), nullable=True))
    op.create_index("ix_events_candidates", "events", ["country", "event_type", "event_date"])
    op.create_index("ix_events_admin2", "events", ["admin2"])
    op.create_index("ix_events_lat_lon", "events", ["latitude", "longitude"])
    op.create_index("ix_events_fatalities", "events", ["fatalities"])
    op.create_table(
        "sources",
        sa.Column("outlet", sa.String(200), primary_key=True),
        sa.Column("n_articles", sa.Integer(), nullable=False),
        sa.Column("first_seen", sa.DateTime(), nullable=False),
        sa.Column("last_seen", sa.DateTime(), nullable=False),
    )
    if _dialect() == "sqlite":
        op.execute("CREATE VIRTUAL TABLE articles_fts USING fts5(article_id UNINDEXED, body, "
                   "tokenize = 'unicode61 remove_diacritics 2')")
        op.execute("CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
                   "DELETE FROM articles_fts WHERE article_id = old.article_id; END")
    elif _dialect() == "postgresql":
        op.execute("CREATE TABLE article_search (article_id VARCHAR(64) PRIMARY KEY "
                   "REFERENCES articles(article_id) ON DELETE CASCADE, tsv TSVECTOR NOT NULL)")
        op.execute("CREATE INDEX ix_article_search_tsv ON article_search USING GIN (tsv)")


def downgrade() -> None:
    if _dialect() == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS articles_fts_delete")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    elif _dialect() == "postgresql":
        op.execute("DROP TABLE IF EXISTS article_search")
    op.drop_table("sources")
    for name in ("ix_events_fatalities", "ix_events_lat_lon", "ix_events_admin2", "ix_events_candidates"):
        op.drop_index(name, table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("provenance")
        batch.drop_column("n_reports")
    with op.batch_alter_table("reports") as batch:
        for name in ("created_at", "terms", "revises", "match", "data", "published", "report_event_id"):
            batch.drop_column(name)
