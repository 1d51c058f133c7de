"""API keys for the write endpoints of the REST API (kept hashed: sha256 of the secret, never the secret), and the
API's browse index over the events' filter columns (so counting and paging read the index, not the wide rows).

Revision ID: 0004_api_keys
Revises: 0003_alerts (temporarily 0001_initial until the store and alerts revisions are merged)
Create Date: 2026-11-25
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_api_keys"
down_revision = "0003_alerts"
branch_labels = None
depends_on = None

#: Kept equal to rasd.store.schema.API_BROWSE_COLUMNS (a migration does not import the models: they move on).
BROWSE_COLUMNS = ("event_date", "event_id", "country", "iso3", "admin1", "admin2", "admin3", "location",
                  "event_type", "sub_event_type", "actor1", "actor2", "assoc_actors", "weapon")


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("key_id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_used_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
    )


    op.create_index("ix_events_api_browse", "events", list(BROWSE_COLUMNS))


def downgrade() -> None:
    op.drop_index("ix_events_api_browse", table_name="events")
    op.drop_table("api_keys")
