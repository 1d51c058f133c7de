"""Ingestion state: near-duplicate article clusters and the fetch log (seen URLs, ETag / Last-Modified).

Revision ID: 0005_ingest
Revises: 0001_initial (to become 0004_api_keys once the store, alerts and api revisions are merged)
Create Date: 2026-11-25
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_ingest"
down_revision = "0004_api_keys"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "article_clusters",
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.article_id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("cluster_id", sa.String(64), nullable=False),
        sa.Column("similarity", sa.Float(), nullable=False),
    )
    op.create_index("ix_article_clusters_cluster_id", "article_clusters", ["cluster_id"])
    op.create_table(
        "fetch_log",
        sa.Column("url", sa.Text(), primary_key=True),
        sa.Column("final_url", sa.Text(), nullable=True),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("article_id", sa.String(64), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("fetched_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("fetch_log")
    op.drop_index("ix_article_clusters_cluster_id", table_name="article_clusters")
    op.drop_table("article_clusters")
