"""What a source knows about an article beyond its own columns, kept with it: a Telegram post's views, exact time.

Revision ID: 0011_article_meta
Revises: 0010_review_status
Create Date: 2026-12-06

`Article.meta` (rasd.ingest.telegram: the post's `posted_at` with its time of day and zone, its `views`, its channel
and post number, a forwarded post's origin) was built at ingest and then dropped by the store. `articles.meta` keeps
it (JSON, NULL when the source gave nothing), and the API shows it with the article and each report.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_article_meta"
down_revision = "0010_review_status"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("meta", sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column("articles", "meta")
