"""Alerts raised by rasd's trend rules (one row per rule x series x period, so an alert is raised once).

Revision ID: 0003_alerts
Revises: 0001_initial (to become 0002_dedup when the store branch's revision is merged)
Create Date: 2026-11-25
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_alerts"
down_revision = "0002_dedup"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alerts",
        sa.Column("alert_id", sa.String(40), primary_key=True),
        sa.Column("rule", sa.String(200), nullable=False),
        sa.Column("scope_key", sa.String(600), nullable=False),
        sa.Column("metric", sa.String(20), nullable=False),
        sa.Column("freq", sa.String(10), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("level", sa.String(40), nullable=True),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("p_value", sa.Float(), nullable=True),
        sa.Column("n_events", sa.Integer(), nullable=False),
        sa.Column("raised_at", sa.DateTime(), nullable=False),
        sa.Column("delivered_at", sa.DateTime(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
    )
    op.create_index("ix_alerts_rule", "alerts", ["rule"])
    op.create_index("ix_alerts_scope_key", "alerts", ["scope_key"])
    op.create_index("ix_alerts_period_start", "alerts", ["period_start"])
    op.create_index("ix_alerts_raised_at", "alerts", ["raised_at"])


def downgrade() -> None:
    op.drop_table("alerts")
