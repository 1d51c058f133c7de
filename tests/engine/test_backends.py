"""rasd.engine.backends: a released pool still finishes the work out, and `close` waits for its workers to end."""

from __future__ import annotations

import os
import time

import pytest

from rasd.engine.backends import LocalProcesses


def _pid_after(seconds: float) -> int:
    """In a worker: its pid, after `seconds` (the client releases the pool meanwhile)."""
    time.sleep(seconds)
    return os.getpid()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="local workers are forked")
def test_a_released_pool_finishes_its_work_and_close_waits_for_its_workers():
    backend = LocalProcesses(2)
    try:
        futures = {backend.submit(_pid_after, 0.3) for _ in range(2)}  # both workers forked at once
        backend.release()
        done = set()
        while len(done) < len(futures):
            done |= backend.wait_any(futures - done)
        pids = {future.result() for future in futures}
    finally:
        backend.close()
    assert pids and os.getpid() not in pids
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)  # ended and reaped by the time close returned
