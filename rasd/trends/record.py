"""The alerts table: store an alert once (its id is rule x series x period), list what was raised, mark delivery.

Functions take a Repository or an SQLAlchemy Engine, so the API can call them with whatever it holds.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from rasd.errors import StoreError
from rasd.store.repository import write_session
from rasd.store.schema import AlertRow
from rasd.trends.evaluate import Alert
from rasd.trends.series import _engine

log = logging.getLogger(__name__)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def last_alert_periods(source: Any, rules: Iterable[str] | None = None) -> dict[tuple[str, str], date]:
    """(rule, scope key) -> the latest period an alert was stored for: what the cooldown looks back at."""
    stmt = select(AlertRow.rule, AlertRow.scope_key, func.max(AlertRow.period_start)).group_by(AlertRow.rule,
                                                                                               AlertRow.scope_key)
    if rules is not None:
        stmt = stmt.where(AlertRow.rule.in_(list(rules)))
    try:
        with Session(_engine(source)) as session:
            return {(rule, scope): when for rule, scope, when in session.execute(stmt)}
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read alerts: {exc}") from exc


def save_new(source: Any, alerts: Iterable[Alert]) -> list[Alert]:
    """Store the alerts not stored before and return them (with `raised_at` set); known ones are left alone."""
    new: list[Alert] = []
    engine = _engine(source)
    for alert in alerts:
        now = _now()
        alert.raised_at = now.isoformat(timespec="seconds")
        row = AlertRow(alert_id=alert.alert_id, rule=alert.rule, scope_key=alert.scope_key, metric=alert.metric,
                       freq=alert.freq, period_start=alert.period_start, period_end=alert.period_end,
                       level=alert.change.level.value, value=alert.value, p_value=alert.change.p_value,
                       n_events=len(alert.event_ids), raised_at=now, delivered_at=None, data=alert.to_dict())
        try:
            with write_session(engine) as session, session.begin():
                if session.get(AlertRow, alert.alert_id) is not None:
                    continue
                session.add(row)
        except IntegrityError:  # another process stored it between our check and our insert: it is raised once
            continue
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot store alert {alert.alert_id}: {exc}") from exc
        new.append(alert)
    return new


def list_alerts(source: Any, limit: int | None = 50, since: date | None = None,
                rule: str | None = None) -> list[dict[str, Any]]:
    """Stored alerts, most recently raised first, each as the JSON object `Alert.to_dict` gave (plus `delivered_at`).

    `source` is a Repository or an Engine; this is what GET /api/alerts returns.
    """
    stmt = select(AlertRow.data, AlertRow.raised_at, AlertRow.delivered_at)
    if since is not None:
        stmt = stmt.where(AlertRow.period_start >= since)
    if rule:
        stmt = stmt.where(AlertRow.rule == rule)
    stmt = stmt.order_by(AlertRow.raised_at.desc(), AlertRow.period_start.desc(), AlertRow.alert_id)
    if limit is not None:
        stmt = stmt.limit(limit)
    try:
        with Session(_engine(source)) as session:
            rows = session.execute(stmt).all()
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read alerts: {exc}") from exc
    out = []
    for data, raised_at, delivered_at in rows:
        obj = dict(data)
        obj["raised_at"] = raised_at.isoformat(timespec="seconds")
        obj["delivered_at"] = delivered_at.isoformat(timespec="seconds") if delivered_at else None
        out.append(obj)
    return out


def mark_delivered(source: Any, alert_ids: Iterable[str]) -> None:
    """Record that a webhook accepted these alerts."""
    ids = list(alert_ids)
    if not ids:
        return
    with write_session(_engine(source)) as session, session.begin():
        session.execute(update(AlertRow).where(AlertRow.alert_id.in_(ids)).values(delivered_at=_now()))
