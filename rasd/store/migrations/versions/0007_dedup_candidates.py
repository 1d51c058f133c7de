"""Dedup candidates: one covering index for the candidate search of `rasd.store.linking.find_match`.

Revision ID: 0007_dedup_candidates
Revises: 0006_query_indexes
Create Date: 2026-11-25

The candidate search filters on country, type and a date range (the old index's columns), then on each candidate's
own date window (time precision, end date) and distance (coordinates, geo precision, or admin1 when there are none).
With all of these in one index the search reads the index alone and fetches only the few surviving events' rows;
before, it fetched every event of the country and type within ~two months (about 2,000 rows at a million events).
The new index starts with the old one's columns, so it replaces it.
"""
from __future__ import annotations

from alembic import op

revision = "0007_dedup_candidates"
down_revision = "0006_query_indexes"
branch_labels = None
depends_on = None

#: Kept equal to rasd.store.schema (EventRow.__table_args__).
COLUMNS = ["country", "event_type", "event_date", "time_precision", "event_date_end", "latitude", "longitude",
           "geo_precision", "admin1", "event_id"]


def upgrade() -> None:
    op.create_index("ix_events_dedup", "events", COLUMNS)
    op.drop_index("ix_events_candidates", table_name="events")


def downgrade() -> None:
    op.create_index("ix_events_candidates", "events", ["country", "event_type", "event_date"])
    op.drop_index("ix_events_dedup", table_name="events")
