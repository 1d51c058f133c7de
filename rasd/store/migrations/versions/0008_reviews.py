"""Analysts' reviews of events: verdicts (verified / wrong) and corrected fields, with who and when (rasd.review).

Revision ID: 0008_reviews
Revises: 0007_dedup_candidates
Create Date: 2026-12-06

An append-only log keyed by event id, without a foreign key: re-linking events (a new report, `rebuild`) rewrites
or recreates event rows, and the reviews are applied to them again (rasd.store.linking).
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_reviews"
down_revision = "0007_dedup_candidates"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(128), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("field", sa.String(40), nullable=True),
        sa.Column("old_value", sa.JSON(), nullable=True),
        sa.Column("new_value", sa.JSON(), nullable=True),
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
    )
    op.create_index("ix_reviews_event_id", "reviews", ["event_id"])
    op.create_index("ix_reviews_reviewed_at", "reviews", ["reviewed_at"])


def downgrade() -> None:
    op.drop_table("reviews")
