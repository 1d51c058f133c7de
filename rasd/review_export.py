"""A stored event's review as flat export columns: a leaf module, so the exports (rasd.export) can write them
without importing rasd.review, which writes event rows through the store (whose rows carry each event's GeoJSON
Feature, rendered by rasd.export: importing rasd.review from there would close a cycle)."""

from __future__ import annotations

from typing import Any

#: The review columns of the exports (ACLED CSV and GeoJSON properties), after the event's own fields.
REVIEW_COLUMNS = ("review_status", "reviewed_by", "reviewed_at", "review_corrected_fields", "review_note")


def review_columns(ev: dict[str, Any]) -> dict[str, Any]:
    """A stored event's review as flat export columns (empty strings for an event nobody reviewed)."""
    found = ev.get("review") or {}
    return {"review_status": found.get("status", ""), "reviewed_by": found.get("by", ""),
            "reviewed_at": found.get("at", ""),
            "review_corrected_fields": "; ".join(sorted(found.get("corrections") or {})),
            "review_note": found.get("note") or ""}
