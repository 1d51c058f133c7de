"""Initial schema: articles, events, reports (article x event), mentions.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-25
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("article_id", sa.String(64), primary_key=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("outlet", sa.String(200), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("published_how", sa.String(20), nullable=False),
        sa.Column("language", sa.String(16), nullable=True),
        sa.Column("fetched_at", sa.DateTime(), nullable=True),
        sa.Column("source_path", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("skipped", sa.Text(), nullable=True),
        sa.Column("warnings", sa.JSON(), nullable=True),
        sa.Column("n_events", sa.Integer(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_articles_url", "articles", ["url"])
    op.create_index("ix_articles_outlet", "articles", ["outlet"])
    op.create_index("ix_articles_published", "articles", ["published"])

    op.create_table(
        "events",
        sa.Column("event_id", sa.String(128), primary_key=True),
        sa.Column("event_date", sa.Date(), nullable=True),
        sa.Column("event_date_end", sa.Date(), nullable=True),
        sa.Column("time_precision", sa.Integer(), nullable=True),
        sa.Column("disorder_type", sa.String(100), nullable=True),
        sa.Column("event_type", sa.String(100), nullable=True),
        sa.Column("sub_event_type", sa.String(100), nullable=True),
        sa.Column("actor1", sa.String(300), nullable=True),
        sa.Column("actor2", sa.String(300), nullable=True),
        sa.Column("assoc_actors", sa.Text(), nullable=True),
        sa.Column("actor1_id", sa.String(200), nullable=True),
        sa.Column("actor2_id", sa.String(200), nullable=True),
        sa.Column("inter1", sa.String(100), nullable=True),
        sa.Column("inter2", sa.String(100), nullable=True),
        sa.Column("civilian_targeting", sa.Boolean(), nullable=False),
        sa.Column("country", sa.String(100), nullable=True),
        sa.Column("iso3", sa.String(3), nullable=True),
        sa.Column("admin1", sa.String(200), nullable=True),
        sa.Column("admin2", sa.String(200), nullable=True),
        sa.Column("admin3", sa.String(200), nullable=True),
        sa.Column("location", sa.String(300), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("geo_precision", sa.Integer(), nullable=True),
        sa.Column("fatalities", sa.Integer(), nullable=True),
        sa.Column("injured", sa.Integer(), nullable=True),
        sa.Column("weapon", sa.String(100), nullable=True),
        sa.Column("modality", sa.String(20), nullable=True),
        sa.Column("background", sa.Boolean(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    for column in ("event_date", "event_type", "actor1", "actor2", "country", "admin1"):
        op.create_index(f"ix_events_{column}", "events", [column])

    op.create_table(
        "reports",
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.article_id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("event_id", sa.String(128), sa.ForeignKey("events.event_id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
    )
    op.create_index("ix_reports_event_id", "reports", ["event_id"])

    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.article_id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("label", sa.String(300), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
    )
    op.create_index("ix_mentions_article_id", "mentions", ["article_id"])
    op.create_index("ix_mentions_kind", "mentions", ["kind"])


def downgrade() -> None:
    op.drop_table("mentions")
    op.drop_table("reports")
    op.drop_table("events")
    op.drop_table("articles")
