"""Alert rules: what to watch (place, actor, type), over which window, against which baseline, with which threshold.

Rules are YAML (rasd/alerts_default.yaml is the default set; `rasd alerts --rules FILE` or `[alerts] rules` in
rasd.toml or $RASD_ALERT_RULES give another):

    rules:
      - name: admin1-weekly-surge       # unique; alerts are keyed by it
        by: admin1                      # one series per governorate (country, admin1, admin2, actor, event_type)
        country: Iraq                   # optional filters: country, admin1, admin2, actor, event_type, origin
        metric: events                  # events or fatalities
        window: week                    # week or day
        baseline: 4                     # periods before the current one (4 weeks ~ ACLED's "previous month")
        min_history: 2                  # observed baseline periods needed before the rule may fire
        min_count: 5                    # threshold: the current period needs at least this many
        min_events: 1                   # ... coming from at least this many events (guards fatality rules against
                                        #     one misread toll)
        level: large increase           # lowest ACLED change level that fires (null: any)
        alpha: 0.001                    # spike-test significance (null: no test); fatalities are tested only
                                        #     once the baseline has 8 periods (negative binomial if overdispersed)
        cooldown: 2                     # periods after an alert in which the same series does not alert again
        lookback: 2                     # latest periods checked after each run (late reports fill last week too)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from rasd.errors import InputError
from rasd.trends.change import ChangeLevel
from rasd.trends.series import DIMENSIONS, FREQS, METRICS, SeriesFilter

DEFAULT_RULES_PATH = Path(__file__).resolve().parent.parent / "alerts_default.yaml"
_FILTERS = ("country", "admin1", "admin2", "actor", "event_type", "origin")
_KNOWN = {"name", "description", "by", "metric", "window", "baseline", "min_history", "min_count", "level", "alpha",
          "min_events", "cooldown", "lookback", *_FILTERS}


@dataclass(frozen=True, slots=True)
class Rule:
    """One alert rule (see the module docstring for each field)."""

    name: str
    description: str = ""
    by: str | None = None
    filters: dict[str, str] = field(default_factory=dict)
    metric: str = "events"
    window: str = "week"
    baseline: int = 4
    min_history: int = 2
    min_count: int = 5
    min_events: int = 1
    level: ChangeLevel | None = ChangeLevel.LARGE_INCREASE
    alpha: float | None = 0.001
    cooldown: int = 2
    lookback: int = 2

    @property
    def series_filter(self) -> SeriesFilter:
        return SeriesFilter(**self.filters)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "description": self.description, "by": self.by, **self.filters,
                "metric": self.metric, "window": self.window, "baseline": self.baseline,
                "min_history": self.min_history, "min_count": self.min_count, "min_events": self.min_events,
                "level": self.level.value if self.level else None, "alpha": self.alpha, "cooldown": self.cooldown,
                "lookback": self.lookback}


def _int(entry: dict[str, Any], key: str, default: int, where: str, minimum: int = 0) -> int:
    value = entry.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InputError(f"{where}: '{key}' must be a whole number >= {minimum}, got {value!r}")
    return value


def _choice(entry: dict[str, Any], key: str, default: str | None, choices: tuple[str, ...], where: str) -> str | None:
    value = entry.get(key, default)
    if value is not None and value not in choices:
        raise InputError(f"{where}: '{key}' must be one of {', '.join(choices)}, got {value!r}")
    return value


def rule_from_dict(entry: Any, where: str = "rule") -> Rule:
    """Validate one rule mapping; any mistake is an InputError naming the rule and the key."""
    if not isinstance(entry, dict):
        raise InputError(f"{where}: expected a mapping, got {type(entry).__name__}")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise InputError(f"{where}: every rule needs a 'name'")
    where = f"{where} ({name})"
    unknown = sorted(set(entry) - _KNOWN)
    if unknown:
        raise InputError(f"{where}: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(_KNOWN))}")
    filters = {}
    for key in _FILTERS:
        value = entry.get(key)
        if value is not None:
            if not isinstance(value, str) or not value.strip():
                raise InputError(f"{where}: '{key}' must be a non-empty text")
            filters[key] = value.strip()
    _choice(entry, "origin", None, ("rasd", "acled"), where)
    level = entry.get("level", ChangeLevel.LARGE_INCREASE.value)
    if level is not None:
        try:
            level = ChangeLevel(level)
        except ValueError:
            raise InputError(f"{where}: 'level' must be one of {', '.join(c.value for c in ChangeLevel)} or null, "
                             f"got {level!r}") from None
    alpha = entry.get("alpha", 0.001)
    if alpha is not None and (isinstance(alpha, bool) or not isinstance(alpha, (int, float)) or not 0 < alpha < 1):
        raise InputError(f"{where}: 'alpha' must be a number between 0 and 1, or null, got {alpha!r}")
    return Rule(
        name=name.strip(), description=str(entry.get("description") or ""),
        by=_choice(entry, "by", None, DIMENSIONS, where), filters=filters,
        metric=_choice(entry, "metric", "events", METRICS, where) or "events",
        window=_choice(entry, "window", "week", FREQS, where) or "week",
        baseline=_int(entry, "baseline", 4, where, 1), min_history=_int(entry, "min_history", 2, where, 0),
        min_count=_int(entry, "min_count", 5, where, 1), min_events=_int(entry, "min_events", 1, where, 1),
        level=level,
        alpha=None if alpha is None else float(alpha), cooldown=_int(entry, "cooldown", 2, where, 0),
        lookback=_int(entry, "lookback", 2, where, 1),
    )


def rules_from_data(data: Any, where: str) -> list[Rule]:
    """Rules from parsed YAML: a mapping with a `rules` list (or the list itself); names must be unique."""
    items = data.get("rules") if isinstance(data, dict) else data
    if not isinstance(items, list) or not items:
        raise InputError(f"{where}: expected a non-empty 'rules:' list")
    rules = [rule_from_dict(e, f"{where}: rules[{i}]") for i, e in enumerate(items)]
    seen: set[str] = set()
    for r in rules:
        if r.name in seen:
            raise InputError(f"{where}: two rules are named {r.name!r}; names must be unique")
        seen.add(r.name)
    return rules


def load_rules(path: str | Path | None = None) -> list[Rule]:
    """The rules in a YAML file, or the default rules when `path` is None."""
    p = Path(path) if path is not None else DEFAULT_RULES_PATH
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{p}: no such rules file") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(f"{p}: cannot read rules: {exc}") from exc
    return rules_from_data(data, str(p))
