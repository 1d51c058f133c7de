"""Each event's review status as a column of the API's browse index, so events marked wrong leave counts.

Revision ID: 0010_review_status
Revises: 0009_api_browse_counted
Create Date: 2026-12-06

An analyst's "wrong" verdict (rasd.review) must take the event out of the default counts and lists, as background
mentions are, and counts must stay index-only (0009): the latest verdict is kept in `events.review_status`
("wrong", "verified", "corrected", "unreviewed", or NULL for an event never reviewed), written with the other
filter columns by every write path (rasd.store.columns.event_columns), filled here from each event's stored review,
and appended to ix_events_api_browse (its leading columns, and so every plan that used it, are unchanged).
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import context, op

revision = "0010_review_status"
down_revision = "0009_api_browse_counted"
branch_labels = None
depends_on = None

#: Kept equal to rasd.store.schema.API_BROWSE_COLUMNS (a migration does not import the models: they move on).
OLD_COLUMNS = ["event_date", "event_id", "country", "iso3", "admin1", "admin2", "admin3", "location", "event_type",
               "sub_event_type", "actor1", "actor2", "assoc_actors", "weapon", "modality", "background"]
NEW_COLUMNS = [*OLD_COLUMNS, "review_status"]


def upgrade() -> None:
    op.add_column("events", sa.Column("review_status", sa.String(20), nullable=True))
    if not context.is_offline_mode():  # an SQL script (alembic --sql) has no rows to read: nothing to fill
        _fill_from_reviews()
    op.drop_index("ix_events_api_browse", table_name="events")
    op.create_index("ix_events_api_browse", "events", NEW_COLUMNS)


def _fill_from_reviews() -> None:
    """Each reviewed event's status, as its stored contract object carries it (rasd.review.overlay wrote it)."""
    conn = op.get_bind()
    events = sa.table("events", sa.column("event_id", sa.String), sa.column("data", sa.JSON),
                      sa.column("review_status", sa.String))
    reviewed = sa.select(sa.table("reviews", sa.column("event_id", sa.String)).c.event_id).distinct()
    rows = conn.execute(sa.select(events.c.event_id, events.c.data).where(events.c.event_id.in_(reviewed))).all()
    for event_id, data in rows:
        status = ((data or {}).get("review") or {}).get("status")
        if status:
            conn.execute(events.update().where(events.c.event_id == event_id).values(review_status=status))


def downgrade() -> None:
    op.drop_index("ix_events_api_browse", table_name="events")
    op.create_index("ix_events_api_browse", "events", OLD_COLUMNS)
    op.drop_column("events", "review_status")  # in place (SQLite 3.35+): no copy of the table
