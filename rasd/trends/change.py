"""How much a period departs from its baseline: ACLED's change levels and a statistical spike test.

Change levels follow ACLED's early-warning dashboard (Country Change Level map): the current week against the mean
of the previous 4 weeks ("previous month") or of the previous 52 weeks ("previous year"); more than +25% is a large
increase, +10% to +25% moderate, -25% to +10% limited change, below -25% a large decrease; and a unit with a
baseline mean of 2 events or fewer and 5 or fewer this week is "limited change" whatever the percentage, so 1 -> 2
events is not a surge.

A percentage alone alarms on noise (a Poisson count of 10 exceeds 12.5 a fifth of the time), so alerts also need a
spike test. With a short baseline the test is the exact conditional test for two Poisson rates (given c + B events
over 1 + n periods, the current period's share is Binomial(c + B, 1 / (n + 1)) if nothing changed), which allows
for the baseline's own noise. With a long baseline that is more variable than Poisson (variance/mean above
`OVERDISPERSION`), a negative binomial with the baseline's mean and variance is used instead, so a volatile place
does not alarm on its ordinary swings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from scipy import stats

LARGE_INCREASE_PCT = 25.0
MODERATE_INCREASE_PCT = 10.0
LARGE_DECREASE_PCT = -25.0
LOW_BASELINE_MEAN = 2.0
LOW_CURRENT_COUNT = 5
OVERDISPERSION = 1.5
MIN_PERIODS_FOR_DISPERSION = 8


class ChangeLevel(StrEnum):
    """ACLED's change categories, in increasing order of alarm."""

    LARGE_DECREASE = "large decrease"
    LIMITED_CHANGE = "limited change"
    MODERATE_INCREASE = "moderate increase"
    LARGE_INCREASE = "large increase"

    @property
    def rank(self) -> int:
        return list(ChangeLevel).index(self)


@dataclass(frozen=True, slots=True)
class Change:
    """One period against one baseline."""

    current: int
    baseline_periods: int  # observed periods in the baseline
    baseline_mean: float | None  # None when there is no baseline period
    pct_change: float | None  # None when the baseline mean is 0 (or absent)
    level: ChangeLevel
    p_value: float | None  # spike test: chance of a count this high if nothing changed; None without baseline
    test: str  # "poisson-conditional", "negative-binomial" or "none"

    def to_dict(self) -> dict[str, object]:
        return {"current": self.current, "baseline_periods": self.baseline_periods,
                "baseline_mean": None if self.baseline_mean is None else round(self.baseline_mean, 3),
                "pct_change": None if self.pct_change is None else round(self.pct_change, 1),
                "level": self.level.value, "p_value": self.p_value, "test": self.test}


def change_level(current: int, baseline_mean: float | None) -> tuple[float | None, ChangeLevel]:
    """ACLED's percentage change and category for a count against a baseline mean."""
    if baseline_mean is None:
        return None, ChangeLevel.LIMITED_CHANGE
    if baseline_mean <= LOW_BASELINE_MEAN and current <= LOW_CURRENT_COUNT:
        pct = None if baseline_mean == 0 else 100.0 * (current - baseline_mean) / baseline_mean
        return pct, ChangeLevel.LIMITED_CHANGE
    if baseline_mean == 0:
        return None, ChangeLevel.LARGE_INCREASE  # from nothing to more than LOW_CURRENT_COUNT
    pct = 100.0 * (current - baseline_mean) / baseline_mean
    if pct > LARGE_INCREASE_PCT:
        level = ChangeLevel.LARGE_INCREASE
    elif pct >= MODERATE_INCREASE_PCT:
        level = ChangeLevel.MODERATE_INCREASE
    elif pct >= LARGE_DECREASE_PCT:
        level = ChangeLevel.LIMITED_CHANGE
    else:
        level = ChangeLevel.LARGE_DECREASE
    return pct, level


def spike_p_value(current: int, baseline: Sequence[int]) -> tuple[float | None, str]:
    """One-sided p-value that `current` is no higher than the baseline's rate would give, and the test used."""
    n = len(baseline)
    if n == 0:
        return None, "none"
    if current <= 0:
        return 1.0, "poisson-conditional"
    total = sum(baseline)
    mean = total / n
    if n >= MIN_PERIODS_FOR_DISPERSION and mean > 0:
        var = sum((x - mean) ** 2 for x in baseline) / (n - 1)
        if var > OVERDISPERSION * mean:
            size = mean * mean / (var - mean)  # NB with this mean and variance: var = mean + mean^2 / size
            return float(stats.nbinom.sf(current - 1, size, size / (size + mean))), "negative-binomial"
    return float(stats.binom.sf(current - 1, current + total, 1.0 / (n + 1))), "poisson-conditional"


def compare(current: int, baseline: Sequence[int], test: bool = True) -> Change:
    """The change level and (when `test`) the spike test of `current` against the observed `baseline` periods.
    The Poisson test assumes counts of independent events; fatalities are not (one bombing, many dead), so callers
    test them only against a baseline long enough to measure their dispersion (negative binomial)."""
    mean = sum(baseline) / len(baseline) if baseline else None
    pct, level = change_level(current, mean)
    p, test_name = spike_p_value(current, baseline) if test else (None, "none")
    return Change(current, len(baseline), mean, pct, level, p, test_name)
