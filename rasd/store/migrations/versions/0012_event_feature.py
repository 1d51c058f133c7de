"""Each event's GeoJSON Feature text kept in its row, so the API's map pages are joins of kept texts, not renders.

Revision ID: 0012_event_feature
Revises: 0011_article_meta
Create Date: 2026-12-06

Building a Feature from the stored contract object (rasd.export.geojson_feature_text: flattening lists and maps,
the review columns, encoding) costs ~60 us an event, and a map page of the API (GET /api/events?format=geojson)
shows a hundred events: under load that was half of all the rendering CPU (bench/README.md, issue 15). Every write
path now stores the text with the row (rasd.store.columns.event_columns); this fills it for the rows already there.

Unlike other migrations this one calls the application's renderer: the column must hold exactly what the current
code renders (the API serves it in place of a render; tests/api/test_api_features.py checks both agree). A change
to what geojson_feature_text renders therefore needs a migration that fills the column again.
"""
from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import context, op

revision = "0012_event_feature"
down_revision = "0011_article_meta"
branch_labels = None
depends_on = None

#: Events rendered and written per statement while filling.
BATCH = 2000


def upgrade() -> None:
    op.add_column("events", sa.Column("feature", sa.Text(), nullable=True))
    if not context.is_offline_mode():  # an SQL script (alembic --sql) has no rows to read: nothing to fill
        _fill()


def _fill() -> None:
    """Every stored event's Feature, rendered from its `data` as the write paths render it, in id order (PostgreSQL's
    driver hands JSON over parsed, SQLite's as text)."""
    from rasd.export import geojson_feature_text

    conn = op.get_bind()
    events = sa.table("events", sa.column("event_id", sa.String), sa.column("data", sa.Text),
                      sa.column("feature", sa.Text))
    after = ""
    while True:
        rows = conn.execute(sa.select(events.c.event_id, events.c.data).where(events.c.event_id > after)
                            .order_by(events.c.event_id).limit(BATCH)).all()
        if not rows:
            return
        conn.execute(events.update().where(events.c.event_id == sa.bindparam("id"))
                     .values(feature=sa.bindparam("text")),
                     [{"id": event_id, "text": geojson_feature_text(json.loads(data) if isinstance(data, str) else data)}
                      for event_id, data in rows])
        after = rows[-1][0]


def downgrade() -> None:
    op.drop_column("events", "feature")  # in place (SQLite 3.35+): no copy of the table
