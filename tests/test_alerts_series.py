"""Series from the store and rules on synthetic series with known answers: steady, surging, small."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from alerts_synth import START, store_with, weekly_events

from rasd.alerts import evaluate, load_rules
from rasd.errors import InputError
from rasd.trends.evaluate import check_series
from rasd.trends.rules import rule_from_dict
from rasd.trends.series import Series, SeriesFilter, actor_keys, period_start, series_from_store

WEEKLY = rule_from_dict({"name": "w", "baseline": 4, "min_history": 2, "min_count": 5, "alpha": 0.001})
YEARLY = rule_from_dict({"name": "y", "baseline": 52, "min_history": 8, "min_count": 5, "alpha": 0.001,
                         "cooldown": 4})


def series(values: list[int]) -> Series:
    periods = [START + timedelta(weeks=i) for i in range(len(values))]
    return Series({"admin1": "Anbar"}, "week", periods, list(values), [0] * len(values),
                  [[f"e{i}-{k}" for k in range(v)] for i, v in enumerate(values)])


def test_weeks_run_saturday_to_friday() -> None:
    assert period_start(date(2024, 1, 6)) == date(2024, 1, 6)   # Saturday
    assert period_start(date(2024, 1, 12)) == date(2024, 1, 6)  # Friday
    assert period_start(date(2024, 1, 13)) == date(2024, 1, 13)
    with pytest.raises(InputError):
        period_start(date(2024, 1, 6), "month")


def test_store_series_zero_filled_by_place(tmp_path) -> None:
    repo = store_with(tmp_path, weekly_events([3, 0, 0, 2], "Anbar"), weekly_events([1, 1, 0, 0], "Ninewa"))
    by_place = {s.key["admin1"]: s for s in series_from_store(repo, by="admin1")}
    assert by_place["Anbar"].events == [3, 0, 0, 2]
    assert by_place["Ninewa"].events == [1, 1, 0, 0]  # zero-filled to the store's last week
    assert by_place["Anbar"].periods[0] == START
    assert by_place["Anbar"].fatalities == [3, 0, 0, 2]
    assert by_place["Anbar"].days_watched == [7, 7, 7, 2]  # the store's data end on the 2nd day of week 4
    assert by_place["Anbar"].partial(3) and not by_place["Anbar"].partial(0)
    daily = series_from_store(repo, SeriesFilter(admin1="ninewa"), freq="day")
    assert len(daily) == 1 and len(daily[0].periods) == 7 * 3 + 2 and sum(daily[0].events) == 2
    (syria,) = series_from_store(repo, SeriesFilter(country="SYR"))
    assert syria.events == [0, 0, 0, 0] and syria.key == {"country": "SYR"}


def test_actor_series_follow_aliases_and_associated_actors(tmp_path) -> None:
    ev = weekly_events([2, 1], "Anbar")
    ev[0].actor1, ev[0].assoc_actor_1 = "Unidentified Armed Group (Iraq)", ["Islamic State"]
    repo = store_with(tmp_path, ev, weekly_events([4, 0], "Kirkuk", actor1="PKK: Kurdistan Workers Party"))
    assert "islamic state" in actor_keys("داعش") and actor_keys("ISIS") == actor_keys("Islamic State")
    for name in ("Islamic State", "ISIS", "داعش"):
        (s,) = series_from_store(repo, SeriesFilter(actor=name))
        assert s.events == [2, 1], name  # the associated-actor event counts too
    by_actor = {s.key["actor"]: s.events for s in series_from_store(repo, by="actor")}
    assert by_actor["Military Forces of Iraq (2014-2018)"] == [6, 1]
    assert by_actor["Islamic State"] == [2, 1]
    assert by_actor["PKK: Kurdistan Workers Party"] == [4, 0]


def test_background_and_unrealised_events_not_counted(tmp_path) -> None:
    ev = weekly_events([4], "Anbar")
    ev[0].background = True
    ev[1].modality = "threatened"
    repo = store_with(tmp_path, ev)
    (s,) = series_from_store(repo, by="admin1")
    assert s.events == [2]
    (s,) = series_from_store(repo, SeriesFilter(modality=None, include_background=True), by="admin1")
    assert s.events == [4]  # the switch every count has


def test_constant_series_raises_nothing_over_a_year() -> None:
    s = series([10] * 60)
    assert check_series(s, WEEKLY) == [] and check_series(s, YEARLY) == []


@pytest.mark.parametrize("seed", range(5))
def test_steady_poisson_series_raises_nothing_over_52_weeks(seed: int) -> None:
    values = [int(v) for v in np.random.default_rng(seed).poisson(10, 60)]
    s = series(values)
    assert check_series(s, WEEKLY, range(8, 60)) == []
    assert check_series(s, YEARLY, range(8, 60)) == []


def test_surge_is_raised_in_its_first_significant_week_and_once() -> None:
    values = [int(v) for v in np.random.default_rng(7).poisson(10, 52)] + [30, 30, 10, 10]
    s = series(values)
    for rule in (WEEKLY, YEARLY):
        found = check_series(s, rule, range(8, len(values)))
        assert [a.period_start for a in found] == [START + timedelta(weeks=52)], rule.name
        alert = found[0]
        assert alert.value == 30 and alert.change.level.value == "large increase"
        assert alert.change.p_value <= 1e-3 and len(alert.event_ids) == 30
        assert set(alert.context) == {"4", "52"}


def test_small_counts_do_not_alarm() -> None:
    for values in ([1, 1, 1, 1, 2], [0, 0, 0, 0, 3], [1, 0, 2, 1, 4], [0, 1, 0, 0, 5, 4]):
        assert check_series(series(values), WEEKLY) == [], values
    # the spike test alone stops 2 -> 6 when min_count is lowered
    lenient = rule_from_dict({"name": "l", "min_count": 1, "alpha": 0.001})
    assert check_series(series([2, 2, 2, 2, 6]), lenient) == []


def test_threshold_rule_without_test() -> None:
    rule = rule_from_dict({"name": "t", "min_count": 20, "level": None, "alpha": None, "cooldown": 0})
    assert [a.value for a in check_series(series([25, 3, 21]), rule)] == [25, 21]


def test_store_surge_raised_once_with_events_behind_it(tmp_path) -> None:
    steady = [int(v) for v in np.random.default_rng(3).poisson(8, 52)]
    repo = store_with(tmp_path, weekly_events(steady + [24, 24], "Anbar"), weekly_events([8] * 54, "Basra"))
    rules = [r for r in load_rules() if r.name in ("admin1-weekly-surge", "admin1-yearly-surge")]
    first = evaluate(repo, rules, history=True)
    assert {(a.rule, a.scope["admin1"], a.period_start) for a in first} == {
        ("admin1-weekly-surge", "Anbar", START + timedelta(weeks=52)),
        ("admin1-yearly-surge", "Anbar", START + timedelta(weeks=52))}
    alert = first[0]
    assert len(alert.events) == 24 and alert.events[0]["evidence"]["location"] == "الأنبار"
    assert all(e["admin1"] == "Anbar" and e["event_date"].startswith("2025") for e in alert.events)
    assert evaluate(repo, rules, history=True) == []  # raised once, not on every evaluation
    assert evaluate(repo, rules) == []


def test_coverage_from_articles_drops_events_dated_outside(tmp_path) -> None:
    from rasd.model import Article, ArticleResult
    from rasd.store.repository import Repository
    from rasd.trends.series import coverage

    def result(text: str, published, dates) -> ArticleResult:
        events = weekly_events([len(dates)], "Anbar", prefix=text)
        for ev, day in zip(events, dates, strict=True):
            ev.event_date = day
        return ArticleResult(Article(text=text, published=published), events=events)

    with Repository(str(tmp_path / "a.db")) as repo:
        # an article of 10 January 2024 reporting two recent events, one from 1991 (history) and one misread as 2030
        repo.add_result(result("نص أول", date(2024, 1, 10), [date(2024, 1, 9), date(2024, 1, 10), date(1991, 1, 17),
                                                             date(2030, 1, 1)]))
        repo.add_result(result("نص ثان", date(2024, 1, 20), [date(2024, 1, 19)]))
        assert coverage(repo) == (date(2024, 1, 10), date(2024, 1, 20))
        (s,) = series_from_store(repo, by="admin1")
        assert s.periods == [date(2024, 1, 6), date(2024, 1, 13), date(2024, 1, 20)]  # 20 January is a Saturday
        assert s.events == [2, 1, 0] and s.days_watched == [3, 7, 1]

    with Repository(str(tmp_path / "b.db")) as repo:  # no publication dates: the events' own dates stand in
        repo.add_result(result("نص", None, [date(2024, 1, 9), date(2024, 1, 16)]))
        assert coverage(repo) == (date(2024, 1, 9), date(2024, 1, 16))


def test_actor_filter_keyed_by_kb_name(tmp_path) -> None:
    from rasd.trends.series import actor_name

    assert actor_name("داعش") == actor_name("ISIS") == "Islamic State"
    assert actor_name("Some Militia") == "Some Militia"
    assert SeriesFilter(actor="داعش", admin1="Anbar").as_dict() == {"admin1": "Anbar", "actor": "Islamic State"}


def test_a_week_nobody_watched_is_no_coverage_not_zero(tmp_path) -> None:
    """Articles in the first and third week, nothing in the second: that week is "no coverage" (null, kept out of
    the baseline), not a quiet week; `rasd trends` and its chart say so."""
    import csv
    import io

    from click.testing import CliRunner

    from rasd.cli import cli
    from rasd.model import Article, ArticleResult
    from rasd.store.repository import Repository

    path = str(tmp_path / "gap.db")
    with Repository(path) as repo:
        for week, n in ((0, 3), (2, 2)):
            day = START + timedelta(days=7 * week + 1)
            events = weekly_events([n], "Anbar", prefix=f"w{week}", start=day - timedelta(days=1))
            repo.add_result(ArticleResult(Article(text=f"نص {week}", published=day), events=events))
        (s,) = series_from_store(repo, by="admin1")
    assert s.events == [3, 0, 2] and [s.covered(i) for i in range(3)] == [True, False, True]
    assert s.to_dict()["events"] == [3, None, 2] and s.baseline("events", 2, 4) == [3]
    result = CliRunner().invoke(cli, ["trends", "--db", path, "--format", "csv", "--plot", str(tmp_path / "t.png")])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["coverage"], r["events"]) for r in rows] == [("watched", "3"), ("no coverage", ""), ("watched", "2")]
    assert rows[2]["baseline_periods"] == "1" and "1 without any article or event" in result.stderr
    assert (tmp_path / "t.png").stat().st_size > 0


def test_alerts_say_when_the_history_is_too_short(tmp_path) -> None:
    from click.testing import CliRunner

    from rasd.cli import cli
    from rasd.model import Article, ArticleResult
    from rasd.store.repository import Repository

    path = str(tmp_path / "short.db")
    with Repository(path) as repo:
        repo.add_result(ArticleResult(Article(text="نص", published=START + timedelta(days=1)),
                                      events=weekly_events([3], "Anbar")))
    result = CliRunner().invoke(cli, ["alerts", "--db", path, "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "0 new alert(s)" in result.stderr and "history too short for a baseline: 0 week(s)" in result.stderr
