"""The API's browse index also holds `modality` and `background`, the two columns every default count tests.

Revision ID: 0009_api_browse_counted
Revises: 0008_reviews
Create Date: 2026-12-06

Since counts leave out background mentions and events that did not occur (issue 15), every API total and page
filters on these two columns. Without them in ix_events_api_browse, counting 100,000 events read every wide row
(each with its JSON contract object: ~110 ms, a full table scan) and paging fetched each row it walked past; with
them, both read the narrow index alone. The index is rebuilt under the same name with the two columns last (its
leading columns, and so every plan that used it, are unchanged).
"""
from __future__ import annotations

from alembic import op

revision = "0009_api_browse_counted"
down_revision = "0008_reviews"
branch_labels = None
depends_on = None

#: Kept equal to rasd.store.schema.API_BROWSE_COLUMNS (a migration does not import the models: they move on).
OLD_COLUMNS = ["event_date", "event_id", "country", "iso3", "admin1", "admin2", "admin3", "location", "event_type",
               "sub_event_type", "actor1", "actor2", "assoc_actors", "weapon"]
NEW_COLUMNS = [*OLD_COLUMNS, "modality", "background"]


def upgrade() -> None:
    op.drop_index("ix_events_api_browse", table_name="events")
    op.create_index("ix_events_api_browse", "events", NEW_COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_events_api_browse", table_name="events")
    op.create_index("ix_events_api_browse", "events", OLD_COLUMNS)
