"""Apply alert rules to the store's series: which series, in which period, crossed its rule's threshold.

`check_series` is pure (a series and a rule in, the firing periods out), so synthetic series test it with known
answers; `evaluate_rules` reads the store, checks either the latest periods (after a run) or every period (a
backtest), and attaches the events behind each alert with their Arabic evidence.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from rasd.store.schema import EventRow
from rasd.trends.change import MIN_PERIODS_FOR_DISPERSION, Change, compare
from rasd.trends.rules import Rule
from rasd.trends.series import (
    SATURDAY,
    Series,
    _engine,
    coverage,
    observed_per_period,
    period_end,
    period_start,
    series_from_store,
)

#: Baselines reported beside the rule's own: ACLED's "previous month" and "previous year".
CONTEXT_BASELINES = (4, 52)
#: At most this many events are listed in one alert (the count still covers them all).
MAX_EVENTS_PER_ALERT = 50


@dataclass(slots=True)
class Alert:
    """One raised alert: a rule, the series (scope) and period it fired on, the figures, and the events behind it."""

    rule: str
    scope: dict[str, str]
    metric: str
    freq: str
    period_start: date
    period_end: date
    value: int
    change: Change
    context: dict[str, Change] = field(default_factory=dict)  # "4" / "52" -> the same period against those baselines
    event_ids: list[str] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    description: str = ""
    days_watched: int | None = None  # fewer than the period's days: the store's data begin or end inside it
    raised_at: str | None = None  # set when stored

    @property
    def scope_key(self) -> str:
        return json.dumps(self.scope, sort_keys=True, ensure_ascii=False)

    @property
    def alert_id(self) -> str:
        """Same rule, series, metric and period -> same id: the store keeps one alert however often it is found."""
        raw = "|".join((self.rule, self.scope_key, self.metric, self.freq, self.period_start.isoformat()))
        return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:32]

    def summary(self) -> str:
        where = ", ".join(f"{v}" for v in self.scope.values()) or "all events"
        base = self.change
        mean = "no baseline" if base.baseline_mean is None else f"{base.baseline_mean:.1f}/{self.freq} before"
        pct = "" if base.pct_change is None else f" ({base.pct_change:+.0f}%)"
        p = "" if base.p_value is None else f", p={base.p_value:.2g}"
        part = ""
        if self.freq == "week" and self.days_watched is not None and self.days_watched < 7:
            part = f" ({self.days_watched} of 7 days watched)"
        return (f"{where}: {self.value} {self.metric} in the {self.freq} of {self.period_start.isoformat()}{part} vs "
                f"{mean}{pct}: {base.level.value}{p}")

    def to_dict(self) -> dict[str, Any]:
        return {"alert_id": self.alert_id, "rule": self.rule, "description": self.description,
                "scope": self.scope, "metric": self.metric, "freq": self.freq,
                "period_start": self.period_start.isoformat(), "period_end": self.period_end.isoformat(),
                "value": self.value, "level": self.change.level.value, "change": self.change.to_dict(),
                "context": {k: c.to_dict() for k, c in self.context.items()}, "summary": self.summary(),
                "days_watched": self.days_watched,
                "n_events": len(self.event_ids), "event_ids": self.event_ids, "events": self.events,
                "raised_at": self.raised_at}


def fires(rule: Rule, change: Change, n_events: int | None = None) -> bool:
    """Whether one period's comparison (over `n_events` events) meets every condition of the rule."""
    if change.current < rule.min_count or (n_events is not None and n_events < rule.min_events):
        return False
    alpha = rule.alpha if rule.metric == "events" or change.test != "none" else None
    if rule.level is None and alpha is None:
        return True  # a pure threshold rule
    if change.baseline_periods < max(rule.min_history, 1):
        return False
    if rule.level is not None and change.level.rank < rule.level.rank:
        return False
    return alpha is None or (change.p_value is not None and change.p_value <= alpha)


def check_series(series: Series, rule: Rule, indices: range | None = None,
                 recent: dict[str, date] | None = None) -> list[Alert]:
    """The alerts `rule` raises on `series` at the given period indices (default: all), oldest first.

    `recent` maps a series' scope key to the period of its last alert (stored or found earlier in this pass), so a
    surge lasting several periods alerts once, at its first significant period, then waits `rule.cooldown` periods.
    """
    values = series.values(rule.metric)
    step = timedelta(days=1 if series.freq == "day" else 7)
    recent = recent if recent is not None else {}
    out: list[Alert] = []
    tested = rule.metric == "events"  # fatalities only against a baseline long enough to measure dispersion
    for i in indices if indices is not None else range(len(values)):
        if not series.covered(i):
            continue  # no article that period: nothing was watched, so nothing can be unusual
        base = series.baseline(rule.metric, i, rule.baseline)
        change = compare(values[i], base, tested or len(base) >= MIN_PERIODS_FOR_DISPERSION)
        if not fires(rule, change, series.events[i]):
            continue
        scope = dict(series.key)
        key = json.dumps(scope, sort_keys=True, ensure_ascii=False)
        last = recent.get(key)
        if last is not None and series.periods[i] - last <= step * rule.cooldown and series.periods[i] >= last:
            continue
        recent[key] = series.periods[i]
        context = {str(n): compare(values[i], (prior := series.baseline(rule.metric, i, n)),
                                   tested or len(prior) >= MIN_PERIODS_FOR_DISPERSION) for n in CONTEXT_BASELINES}
        ids = series.event_ids[i] if series.event_ids else []
        out.append(Alert(rule.name, scope, rule.metric, series.freq, series.periods[i],
                         period_end(series.periods[i], series.freq), values[i], change, context, list(ids),
                         description=rule.description,
                         days_watched=series.days_watched[i] if series.days_watched else None))
    return out


def evaluate_rules(source: Any, rules: list[Rule], history: bool = False, as_of: date | None = None,
                   recent: dict[tuple[str, str], date] | None = None, week_start: int = SATURDAY) -> list[Alert]:
    """Alerts the rules raise on the store: in each rule's `lookback` latest periods up to `as_of` (default the
    latest event date), or in every period when `history` is true. Nothing is stored here (see trends.record).

    `recent` maps (rule, scope key) to the period of the last stored alert, for the cooldown.
    """
    span = coverage(source)
    if span is None:
        return []
    as_of = min(as_of or span[1], span[1])
    alerts: list[Alert] = []
    cache: dict[tuple, Any] = {}
    for rule in rules:
        step = timedelta(days=1 if rule.window == "day" else 7)
        since = None
        if not history:
            since = period_start(as_of, rule.window, week_start) - step * (rule.baseline + rule.lookback)
        series_list = series_from_store(source, rule.series_filter, rule.window, rule.by, since, as_of, week_start,
                                       cache)
        last_seen = {scope: when for (name, scope), when in (recent or {}).items() if name == rule.name}
        for s in series_list:
            n = len(s.periods)
            indices = range(n) if history else range(max(0, n - rule.lookback), n)
            alerts.extend(check_series(s, rule, indices, last_seen))
    attach_events(source, alerts)
    return alerts


def history_too_short(source: Any, rules: list[Rule], as_of: date | None = None,
                      week_start: int = SATURDAY) -> list[str]:
    """One line per rule whose baseline the store cannot fill yet: fewer covered periods (with an article or an
    event) before the latest than the rule's `min_history`. Such a rule raises nothing, and "0 new alerts" alone
    would read as "all quiet"."""
    span = coverage(source)
    if span is None:
        return ["the store has no dated article or event: no baseline, no alert"]
    as_of = min(as_of or span[1], span[1])
    out = []
    for rule in rules:
        if rule.level is None and rule.alpha is None:
            continue  # a pure threshold rule needs no history
        need = max(rule.min_history, 1)
        latest = period_start(as_of, rule.window, week_start)
        first = period_start(span[0], rule.window, week_start)
        observed = observed_per_period(source, first, latest, rule.window, week_start)
        if observed is None:
            step = timedelta(days=1 if rule.window == "day" else 7)
            have = (latest - first) // step
        else:
            have = sum(1 for p, n in observed.items() if n and p < latest)
        if have < need:
            out.append(f"rule {rule.name}: history too short for a baseline: {have} {rule.window}(s) with coverage "
                       f"before the latest, {need} needed (min_history); it cannot raise an alert yet")
    return out


def _evidence_texts(data: dict[str, Any]) -> dict[str, str]:
    """The Arabic text each field of an event came from ({field: span text})."""
    out = {}
    for name, span in (data.get("evidence") or {}).items():
        if isinstance(span, dict) and span.get("text"):
            out[name] = span["text"]
    return out


def event_brief(data: dict[str, Any]) -> dict[str, Any]:
    """What an alert shows of one event: id, date, place, type, actors, toll, sources and the Arabic evidence."""
    keys = ("event_id", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
            "admin2", "location", "latitude", "longitude", "fatalities", "notes")
    brief = {k: data.get(k) for k in keys}
    brief["urls"] = list(data.get("urls") or [])[:5]
    brief["evidence"] = _evidence_texts(data)
    return brief


def attach_events(source: Any, alerts: list[Alert]) -> None:
    """Fill each alert's `events` with the briefs of (at most MAX_EVENTS_PER_ALERT of) the events behind it."""
    wanted = {eid for a in alerts for eid in a.event_ids[:MAX_EVENTS_PER_ALERT]}
    if not wanted:
        return
    found: dict[str, dict[str, Any]] = {}
    ids = sorted(wanted)
    with Session(_engine(source)) as session:
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            for event_id, data in session.execute(select(EventRow.event_id, EventRow.data)
                                                  .where(EventRow.event_id.in_(chunk))):
                found[event_id] = event_brief(data or {})
    for a in alerts:
        a.events = [found[e] for e in a.event_ids[:MAX_EVENTS_PER_ALERT] if e in found]
