"""Early warning: trend and spike alerts over the store (the public face of `rasd.trends`).

- `evaluate(repository, rules=None, history=False)` finds the alerts the rules raise, stores the new ones (an alert
  is keyed by rule x series x period, so it is raised once however often the data are evaluated) and returns them;
- `evaluate_after_run(repository)` is what `rasd run` calls after each batch: the configured (or default) rules
  over the latest periods, then the webhook if one is configured; it never breaks the run;
- `list_alerts(engine_or_repository, limit)` gives stored alerts as JSON objects (GET /api/alerts).
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Any

from rasd.errors import RasdError
from rasd.trends.delivery import RULES_ENV, WEBHOOK_ENV, DeliveryError, alerts_setting, post_webhook
from rasd.trends.evaluate import Alert, evaluate_rules
from rasd.trends.record import last_alert_periods, list_alerts, mark_delivered, save_new
from rasd.trends.rules import Rule, load_rules

__all__ = ["Alert", "Rule", "deliver", "evaluate", "evaluate_after_run", "list_alerts", "load_rules"]

log = logging.getLogger(__name__)


def evaluate(repository: Any, rules: list[Rule] | None = None, history: bool = False, as_of: date | None = None,
             store: bool = True) -> list[Alert]:
    """The alerts `rules` (default: rasd's default rules) raise that were not raised before; stored unless
    `store` is false (a dry run still honours the cooldown of stored alerts)."""
    rules = rules if rules is not None else load_rules()
    recent = last_alert_periods(repository, [r.name for r in rules])
    found = evaluate_rules(repository, rules, history=history, as_of=as_of, recent=recent)
    if not store:
        return found
    return save_new(repository, found)


def deliver(repository: Any, alerts: list[Alert], webhook: str) -> int:
    """POST the alerts to a webhook and record their delivery; the HTTP status (DeliveryError on failure)."""
    if not alerts:
        return 0
    status = post_webhook(webhook, [a.to_dict() for a in alerts])
    mark_delivered(repository, [a.alert_id for a in alerts])
    return status


def evaluate_after_run(repository: Any, rules_path: str | Path | None = None,
                       webhook: str | None = None) -> list[Alert]:
    """Alerts newly raised by the latest data, for `rasd run` to call after each batch.

    Rules come from `rules_path`, else $RASD_ALERT_RULES or `[alerts] rules` in rasd.toml, else the defaults; the
    webhook likewise (`$RASD_ALERT_WEBHOOK`, `[alerts] webhook`). A rules or webhook failure is logged, not raised:
    the run's events are already stored and stay so.
    """
    try:
        path = alerts_setting("rules", RULES_ENV, str(rules_path) if rules_path else None)
        new = evaluate(repository, load_rules(path))
    except RasdError as exc:
        log.error("alerts not evaluated: %s", exc)
        return []
    url = alerts_setting("webhook", WEBHOOK_ENV, webhook)
    if new and url:
        try:
            deliver(repository, new, url)
        except (DeliveryError, RasdError) as exc:
            log.error("alerts stored but not delivered: %s", exc)
    return new
