"""Review in place: an analyst marks an event verified or wrong, or corrects a field (CLI `rasd review`, the API, the
dashboard), and the store keeps it.

Reviews are an append-only log (`reviews` table: who, when, what) keyed by event id. The event's current review is
the latest verdict plus the latest value of each corrected field; it is written into the stored event (the
corrected fields, and a `review` object beside the contract fields), so every reader (filters, API pages, exports,
the map) sees the corrected event without a join. Linking events again (a new report joins the event, `rebuild`)
recomputes an event from its reports; `rasd.store.linking` then calls `overlay` so the review is applied again:
a review is never lost to re-extraction. It also follows an event whose id changed when it was linked again,
through the report that created the reviewed event (an event keeps the id of its first report).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from rasd.errors import InputError, RasdError
from rasd.model import Event

#: Verdicts an analyst gives; "reopened" clears an earlier verdict (the corrections stay).
VERDICTS = ("verified", "wrong", "reopened")

#: Fields an analyst may correct, with the kind of value each takes (anything else in the contract is derived or
#: provenance: ids, sources, evidence, notes written by the extractor).
CORRECTABLE: dict[str, str] = {
    "event_date": "date", "event_date_end": "date", "time_precision": "int", "disorder_type": "text",
    "event_type": "text", "sub_event_type": "text", "actor1": "text", "actor2": "text", "assoc_actor_1": "list",
    "assoc_actor_2": "list", "inter1": "text", "inter2": "text", "interaction": "text",
    "civilian_targeting": "bool", "country": "text", "iso3": "text", "admin1": "text", "admin2": "text",
    "admin3": "text", "location": "text", "latitude": "float", "longitude": "float", "geo_precision": "int",
    "fatalities": "int", "injured": "int", "weapon": "text", "modality": "text", "background": "bool",
    "attribution": "text",
}
_TRUE = ("true", "yes", "1", "y")
_FALSE = ("false", "no", "0", "n")


class ReviewError(InputError):
    """A review that cannot be recorded (unknown event, field or verdict; a value of the wrong kind)."""


def coerce(field: str, value: Any) -> Any:
    """A corrected value as the contract stores it (from JSON or from the command line's text); None clears it."""
    kind = CORRECTABLE.get(field)
    if kind is None:
        raise ReviewError(f"field {field!r} cannot be corrected; correctable: {', '.join(CORRECTABLE)}")
    if value is None or (isinstance(value, str) and value.strip() in ("", "null", "none")):
        return [] if kind == "list" else (False if kind == "bool" else None)
    try:
        if kind == "date":
            return date.fromisoformat(str(value).strip()[:10]).isoformat()
        if kind == "int":
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError(value)
            number = int(str(value).strip()) if isinstance(value, str) else int(value)
            if number < 0:
                raise ValueError(value)
            return number
        if kind == "float":
            return float(value)
        if kind == "bool":
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text not in _TRUE + _FALSE:
                raise ValueError(value)
            return text in _TRUE
        if kind == "list":
            items = value if isinstance(value, list) else str(value).split(";")
            return [str(v).strip() for v in items if str(v).strip()]
    except (TypeError, ValueError) as exc:
        raise ReviewError(f"{field} takes a {kind} value, not {value!r}") from exc
    return str(value).strip()


@dataclass(slots=True)
class ReviewAct:
    """One row of the review log, as the API and the CLI show it."""

    event_id: str
    action: str
    reviewer: str
    reviewed_at: str
    field: str | None = None
    old_value: Any = None
    new_value: Any = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"event_id": self.event_id, "action": self.action, "field": self.field, "old_value": self.old_value,
                "new_value": self.new_value, "reviewer": self.reviewer, "reviewed_at": self.reviewed_at,
                "note": self.note}


def _act(row: Any) -> ReviewAct:
    return ReviewAct(row.event_id, row.action, row.reviewer, row.reviewed_at.isoformat(timespec="seconds"),
                     row.field, row.old_value, row.new_value, row.note)


def _rows_for(session: Session, event_ids: list[str]) -> list[Any]:
    from rasd.store.schema import ReviewRow

    stmt = select(ReviewRow).where(ReviewRow.event_id.in_(sorted(set(event_ids)))).order_by(
        ReviewRow.reviewed_at, ReviewRow.id)
    return list(session.scalars(stmt))


def summary(rows: list[Any]) -> dict[str, Any] | None:
    """The current review of an event from its log rows (oldest first): None when it has none.

    status: "wrong" or "verified" (the latest verdict), else "corrected" when a field was corrected, else
    "unreviewed" (a verdict reopened); `corrections` holds each corrected field's latest value.
    """
    if not rows:
        return None
    verdict: str | None = None
    corrections: dict[str, Any] = {}
    for row in rows:
        if row.action == "corrected" and row.field:
            corrections[row.field] = row.new_value
        elif row.action in ("verified", "wrong"):
            verdict = row.action
        elif row.action == "reopened":
            verdict = None
    last = rows[-1]
    status = verdict or ("corrected" if corrections else "unreviewed")
    return {"status": status, "by": last.reviewer, "at": last.reviewed_at.isoformat(timespec="seconds"),
            "corrections": corrections, "acts": len(rows), "note": next((r.note for r in reversed(rows) if r.note),
                                                                         None)}


def overlay(session: Session, event_id: str, data: dict[str, Any], report_ids: list[str] | None = None
            ) -> dict[str, Any]:
    """`data` (an event's contract object just reconciled from its reports) with its review applied: the corrected
    fields set and a `review` object added. Reviews are found by the event's id and by the ids of its reports (the
    id the event had when reviewed, if linking again gave it another)."""
    rows = _rows_for(session, [event_id, *(report_ids or [])])
    found = summary(rows)
    data = {k: v for k, v in data.items() if k != "review"}
    if found is None:
        return data
    data.update(found["corrections"])
    data["review"] = found
    return data


def _store_event(session: Session, row: Any, data: dict[str, Any]) -> None:
    """Write an event's data (review applied) back into its row, its filter columns and its name index."""
    from rasd.store.columns import event_columns, now
    from rasd.store.names import index_events

    columns = event_columns(data)
    for key, value in columns.items():
        setattr(row, key, value)
    row.updated_at = now()
    session.flush()
    index_events(session.connection(), [{"event_id": row.event_id, **columns}], replace=True)


def record(repo: Any, event_id: str, reviewer: str, *, verdict: str | None = None,
           corrections: dict[str, Any] | None = None, note: str | None = None) -> dict[str, Any]:
    """Log a verdict and/or corrected fields for one stored event and apply them to it; returns the new summary.

    Raises ReviewError for an unknown event, verdict or field, or a value of the wrong kind (nothing is written).
    """
    from rasd.store.columns import now
    from rasd.store.schema import EventRow, ReportRow, ReviewRow
    from rasd.store.sql import lock_for_write

    reviewer = (reviewer or "").strip()[:200]
    if not reviewer:
        raise ReviewError("a review needs a reviewer (who made it)")
    if verdict is not None and verdict not in VERDICTS:
        raise ReviewError(f"unknown verdict {verdict!r}; one of {', '.join(VERDICTS)}")
    fixed = {field: coerce(field, value) for field, value in (corrections or {}).items()}
    if verdict is None and not fixed:
        raise ReviewError("nothing to record: give a verdict or a corrected field")
    try:
        with repo._sessions.begin() as session:
            lock_for_write(session.connection())
            row = session.get(EventRow, event_id)
            if row is None:
                raise ReviewError(f"no event {event_id!r} in this store")
            stamp = now()
            current = dict(row.data)
            for field, value in fixed.items():
                session.add(ReviewRow(event_id=event_id, action="corrected", field=field,
                                      old_value=current.get(field), new_value=value, reviewer=reviewer,
                                      reviewed_at=stamp, note=note))
            if verdict is not None:
                session.add(ReviewRow(event_id=event_id, action=verdict, reviewer=reviewer, reviewed_at=stamp,
                                      note=note))
            session.flush()
            report_ids = [r for r in session.scalars(select(ReportRow.report_event_id)
                                                     .where(ReportRow.event_id == event_id)) if r]
            data = overlay(session, event_id, current, report_ids)
            _check(data)
            row.data = data
            _store_event(session, row, data)
            return data["review"]
    except RasdError:
        raise
    except Exception as exc:  # noqa: BLE001 - a database failure: the store's own error
        from rasd.errors import StoreError

        raise StoreError(f"cannot record the review of {event_id}: {exc}") from exc


def _check(data: dict[str, Any]) -> None:
    """The corrected event must still be a valid contract object (e.g. an end date not before its start)."""
    ev = Event.from_dict(data)
    if ev.event_date and ev.event_date_end and ev.event_date_end < ev.event_date:
        raise ReviewError(f"event_date_end {ev.event_date_end} is before event_date {ev.event_date}")


def history(repo: Any, event_id: str) -> list[dict[str, Any]]:
    """Every review act on an event (under its id or the id of one of its reports), oldest first."""
    from rasd.store.schema import ReportRow

    with Session(repo.engine) as session:
        report_ids = [r for r in session.scalars(select(ReportRow.report_event_id)
                                                 .where(ReportRow.event_id == event_id)) if r]
        return [_act(row).to_dict() for row in _rows_for(session, [event_id, *report_ids])]


def as_json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


def summary_of(repo: Any, event_id: str) -> dict[str, Any] | None:
    """An event's current review as applied to the stored event (see `summary`), None when it has none."""
    from rasd.store.schema import EventRow

    with Session(repo.engine) as session:
        row = session.get(EventRow, event_id)
        return (row.data or {}).get("review") if row is not None else None
