"""rasd.engine.backends: a released pool still finishes the work out, its workers then yielding to the writer."""

from __future__ import annotations

import os
import time

import pytest

from rasd.engine.backends import WORKERS_NICE, LocalProcesses


def _niceness_after(base: int, seconds: float) -> tuple[int, int]:
    """In a worker: its pid and its niceness once it is no longer `base` (the client's: the client releases the
    pool meanwhile), or after `seconds`."""
    deadline = time.monotonic() + seconds
    while os.getpriority(os.PRIO_PROCESS, 0) == base and time.monotonic() < deadline:
        time.sleep(0.02)
    return os.getpid(), os.getpriority(os.PRIO_PROCESS, 0)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="local workers are forked")
def test_a_released_pool_finishes_its_work_at_a_lower_priority_and_its_workers_end():
    base = os.getpriority(os.PRIO_PROCESS, 0)
    backend = LocalProcesses(2)
    try:
        futures = {backend.submit(_niceness_after, base, 10.0) for _ in range(2)}  # both workers forked at once
        backend.release()
        done = set()
        while len(done) < len(futures):
            done |= backend.wait_any(futures - done)
        results = [future.result() for future in futures]
    finally:
        backend.close()
    assert [nice for _, nice in results] == [min(base + WORKERS_NICE, 19)] * 2
    for pid, _ in results:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)  # ended (and reaped by the pool)
