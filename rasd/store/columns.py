"""What an events row holds besides its contract object: the filterable columns read from it, and the store's
clock. A leaf of rasd.store, so the linking of reports, bulk loading and analysts' reviews (rasd.review) can all
write event rows without importing one another.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from rasd.model import Event


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def event_columns(data: dict[str, Any]) -> dict[str, Any]:
    """The filterable columns of an events row, from a contract object, and its GeoJSON Feature text (rendered
    here, once per write, rather than by each map page that shows the event: ~60 us an event)."""
    from rasd.export import geojson_feature_text  # rasd.export reads the store's country tables: not at import

    ev = Event.from_dict(data)
    assoc = [*ev.assoc_actor_1, *ev.assoc_actor_2]
    return {
        "event_date": ev.event_date, "event_date_end": ev.event_date_end, "time_precision": ev.time_precision,
        "disorder_type": ev.disorder_type, "event_type": ev.event_type, "sub_event_type": ev.sub_event_type,
        "actor1": ev.actor1, "actor2": ev.actor2, "assoc_actors": "; ".join(assoc) or None,
        "actor1_id": ev.actor1_id, "actor2_id": ev.actor2_id, "inter1": ev.inter1, "inter2": ev.inter2,
        "civilian_targeting": bool(ev.civilian_targeting), "country": ev.country, "iso3": ev.iso3,
        "admin1": ev.admin1, "admin2": ev.admin2, "admin3": ev.admin3, "location": ev.location,
        "latitude": ev.latitude, "longitude": ev.longitude, "geo_precision": ev.geo_precision,
        "fatalities": ev.fatalities, "injured": ev.injured, "weapon": ev.weapon, "modality": ev.modality,
        "background": bool(ev.background), "confidence": ev.confidence, "data": data,
        "review_status": (data.get("review") or {}).get("status"), "feature": geojson_feature_text(data),
    }
