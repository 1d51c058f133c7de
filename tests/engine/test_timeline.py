"""rasd.engine.timeline's clocks and bench/timeline.py's split of a worker's time between partitions."""

from __future__ import annotations

import gc
import importlib.util
import time
from pathlib import Path

import pytest

from rasd.engine.timeline import GC_CLOCK, sched_clock

SPEC = importlib.util.spec_from_file_location("bench_timeline", Path(__file__).resolve().parents[2] / "bench/timeline.py")
bench_timeline = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(bench_timeline)


def test_the_scheduler_clock_counts_running_and_not_sleeping():
    before = sched_clock()
    if before is None:
        pytest.skip("no /proc/thread-self/schedstat here")
    spin_until = time.thread_time() + 0.05
    while time.thread_time() < spin_until:
        pass
    time.sleep(0.1)
    after = sched_clock()
    ran = after[0] - before[0]
    assert 0.04 <= ran < 0.1  # the spin, not the sleep
    assert after[1] >= before[1]


def test_the_gc_clock_counts_collections_and_full_ones_apart():
    GC_CLOCK.install()
    GC_CLOCK.install()  # once only: a second callback would count every collection twice
    garbage = [[] for _ in range(10_000)]
    for item in garbage:
        item.append(item)  # cycles: only the collector frees them
    del garbage, item
    runs, full_runs = GC_CLOCK.runs, GC_CLOCK.full_runs
    gc.collect()
    assert GC_CLOCK.full_runs == full_runs + 1
    assert GC_CLOCK.runs == runs + 1
    assert GC_CLOCK.full_seconds > 0


def _span(t0: float, t1: float, sched0: list[float], sched1: list[float]) -> dict:
    return {"who": "worker 1", "what": "extract", "t0": t0, "t1": t1, "cpu": t1 - t0, "sched0": sched0,
            "sched1": sched1, "gc": 0.01, "n": 16}


def test_a_workers_time_between_partitions_is_split_into_running_waiting_for_a_core_and_blocked():
    spans = [_span(0.0, 1.0, [0.0, 0.0], [0.9, 0.1]),
             # gap of 0.5 s: ran 0.05, runnable 0.15, so blocked 0.3
             _span(1.5, 2.5, [0.95, 0.25], [1.9, 0.3])]
    split = bench_timeline._sched_split(spans)
    assert split["gap_run"] == pytest.approx(0.05)
    assert split["gap_runq"] == pytest.approx(0.15)
    assert split["gap_blocked"] == pytest.approx(0.3)
    assert split["runq_in"] == pytest.approx(0.15)
    assert split["gc"] == pytest.approx(0.02)
    assert bench_timeline._sched_split([{**spans[0], "sched0": None}, spans[1]]) == {}


def test_the_clients_preparation_runs_without_the_collector_and_what_it_loaded_is_frozen_once(monkeypatch):
    """rasd.engine.runner.prepare_frozen: no collection walks the imports while they run, their objects are out of
    the collector's reach afterwards (and the collector back on), once per process; a failing prepare still turns
    the collector back on."""
    from rasd.engine import runner

    monkeypatch.setattr(runner, "_CLIENT_FROZEN", False)
    seen = []
    kept = []

    def prepare():
        seen.append(gc.isenabled())
        kept.append([{"i": i} for i in range(5_000)])  # long-lived objects, as a module's import makes

    assert gc.isenabled()
    frozen_before = gc.get_freeze_count()
    try:
        runner.prepare_frozen(prepare)
        assert seen == [False] and gc.isenabled()
        assert gc.get_freeze_count() >= frozen_before + 5_000
        frozen_once = gc.get_freeze_count()
        runner.prepare_frozen(prepare)  # a second run (a later poll of `rasd watch`) freezes nothing more
        assert gc.get_freeze_count() == frozen_once

        def fails():
            raise RuntimeError("import failed")

        with pytest.raises(RuntimeError):
            runner.prepare_frozen(fails)
        assert gc.isenabled()
    finally:
        gc.unfreeze()  # the rest of the test session as it was (unfreeze moves them back to the oldest generation)
