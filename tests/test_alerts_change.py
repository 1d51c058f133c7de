"""Change levels (ACLED's thresholds) and the spike test, on counts with known answers."""

from __future__ import annotations

import pytest

from rasd.trends.change import ChangeLevel, change_level, compare, spike_p_value


@pytest.mark.parametrize(("current", "mean", "level"), [
    (13, 10, ChangeLevel.LARGE_INCREASE),      # +30%
    (12, 10, ChangeLevel.MODERATE_INCREASE),   # +20%
    (11, 10, ChangeLevel.MODERATE_INCREASE),   # +10% is moderate (10-25%)
    (10, 10, ChangeLevel.LIMITED_CHANGE),
    (8, 10, ChangeLevel.LIMITED_CHANGE),       # -20%
    (7, 10, ChangeLevel.LARGE_DECREASE),       # -30%
    (2, 1, ChangeLevel.LIMITED_CHANGE),        # +100% but a low baseline: ACLED calls it limited change
    (5, 0, ChangeLevel.LIMITED_CHANGE),        # from nothing to 5: still low
    (6, 0, ChangeLevel.LARGE_INCREASE),        # from nothing to more than 5
    (6, 2, ChangeLevel.LARGE_INCREASE),        # +200% with more than 5 this week
])
def test_acled_change_levels(current: int, mean: float, level: ChangeLevel) -> None:
    assert change_level(current, mean)[1] is level


def test_percentage_is_reported() -> None:
    pct, _ = change_level(15, 10)
    assert pct == pytest.approx(50.0)
    assert change_level(3, None) == (None, ChangeLevel.LIMITED_CHANGE)


def test_spike_test_separates_noise_from_surges() -> None:
    assert spike_p_value(30, [10, 10, 10, 10])[0] < 1e-4       # tripling
    assert spike_p_value(13, [10, 9, 11, 10])[0] > 0.1          # +30% is within Poisson noise
    assert spike_p_value(2, [1, 1, 1, 1])[0] > 0.3              # 1 -> 2 is nothing
    assert spike_p_value(0, [5, 5])[0] == 1.0
    assert spike_p_value(5, []) == (None, "none")


def test_overdispersed_long_baseline_uses_negative_binomial() -> None:
    volatile = [2, 30, 5, 0, 25, 3, 40, 1, 20, 4]  # mean 13, variance far above it
    p_nb, test = spike_p_value(35, volatile)
    assert test == "negative-binomial"
    p_poisson, _ = spike_p_value(35, [13] * 10)
    assert p_nb > 0.05 > p_poisson  # a swing this place has had before is not a spike there


def test_compare_without_test_for_fatalities() -> None:
    ch = compare(100, [10, 10], test=False)
    assert ch.p_value is None and ch.test == "none" and ch.level is ChangeLevel.LARGE_INCREASE
    assert ch.to_dict()["pct_change"] == pytest.approx(900.0)
