"""`rasd run --scheduler`: a dask.distributed scheduler and two worker processes on 127.0.0.1, started and stopped
here, extract a few dozen real articles; the store gets the same events and reports as the serial path."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rasd.cli import cli
from tests.engine.conftest import serial_store, store_contents


@pytest.fixture
def dask_cluster(tmp_path: Path):
    """tcp://127.0.0.1:PORT of a scheduler with two single-threaded worker processes; all stopped afterwards."""
    scheduler_file = tmp_path / "scheduler.json"
    common = ["--no-dashboard", "--host", "127.0.0.1"]
    procs = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--port", "0",
                               "--scheduler-file", str(scheduler_file), *common],
                              start_new_session=True, stderr=subprocess.DEVNULL)]
    try:
        deadline = time.monotonic() + 60
        while not scheduler_file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        address = json.loads(scheduler_file.read_text())["address"]
        procs.append(subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", address,
                                       "--nworkers", "2", "--nthreads", "1", "--memory-limit", "0", *common],
                                      start_new_session=True, stderr=subprocess.DEVNULL))
        from distributed import Client

        with Client(address, set_as_default=False) as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for proc in reversed(procs):  # workers (with their nannies) first, then the scheduler
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def test_run_on_a_dask_cluster_stores_the_same_events_as_the_serial_path(tmp_path, few_articles, dask_cluster,
                                                                       runner):
    expected = serial_store(tmp_path / "serial.db", [str(few_articles)])
    db = tmp_path / "dask.db"
    result = runner.invoke(cli, ["run", str(few_articles), "--db", str(db), "--scheduler", dask_cluster, "--json"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout.splitlines()[-1])
    assert (stats["processed"], stats["new"]) == (40, 40)
    assert f"Dask cluster {dask_cluster} (2 thread(s))" in result.stderr
    assert store_contents(db) == expected
