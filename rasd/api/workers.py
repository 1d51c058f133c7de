"""The worker processes of `rasd serve --workers N`, each listening on its own socket of the one port (Linux).

uvicorn's own workers share one listening socket, and whichever is awake accepts every connection waiting: fifty
keep-alive clients connecting at once split 11/39 between two workers in five runs of ten (bench/README.md). With
keep-alive the split lasts as long as the connections, so one worker queued three times the requests of the other,
and its clients' latency was the load test's tail. Here each worker binds its own socket with SO_REUSEPORT and the
kernel spreads new connections over them by a hash of the addresses: between 18/32 and 25/25 in 17 runs of 18 of
the same test (13/37 once). A hash is a draw, not a rota, but no worker is favoured for being awake first.

Where SO_REUSEPORT does not spread connections (not Linux), `rasd serve` keeps uvicorn's workers (`available`).
The parent process only starts the workers, replaces one that dies, and on SIGTERM or Ctrl-C stops them all (each
closes its connections as uvicorn does).
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import socket
import sys
import time
from typing import Any

from rasd.errors import RasdError

log = logging.getLogger(__name__)

#: Seconds the parent gives its workers to stop after it asked them to, before it kills them.
STOP_GRACE_S = 10.0
#: Seconds between the parent's checks that its workers are alive.
CHECK_EVERY_S = 0.5
#: A worker that exits sooner than this after it started failed to start (a store it cannot open, ...): the server
#: stops rather than start it again and again.
STARTUP_S = 5.0


def available() -> bool:
    """Whether the kernel spreads connections over sockets sharing a port (Linux's SO_REUSEPORT)."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to (host, port) that other sockets of this user may bind too (SO_REUSEPORT)."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


def _worker(app: str, host: str, port: int, options: dict[str, Any]) -> None:
    """One worker process: its own socket, then uvicorn serving the app factory `app` on it until told to stop."""
    import uvicorn

    sock = listening_socket(host, port)
    uvicorn.Server(uvicorn.Config(app, factory=True, host=host, port=port, **options)).run(sockets=[sock])


def serve_workers(app: str, workers: int, host: str, port: int, **options: Any) -> None:
    """Serve the app factory `app` ("module:function") from `workers` processes (spawned: each imports and builds
    its own app, as uvicorn's workers do), on `host`:`port`, with uvicorn's `options` (log level, keep-alive)."""
    listening_socket(host, port).close()  # the port is free (or already ours): fail here, not in every worker
    context = multiprocessing.get_context("spawn")
    stopping = False

    def start() -> Any:
        process = context.Process(target=_worker, args=(app, host, port, options), name="rasd-serve-worker")
        process.start()
        started[process.pid] = time.monotonic()
        return process

    def stop(*_: Any) -> None:
        nonlocal stopping
        stopping = True

    started: dict[int | None, float] = {}
    processes = [start() for _ in range(workers)]
    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        while not stopping:
            time.sleep(CHECK_EVERY_S)
            for i, process in enumerate(processes):
                if not process.is_alive() and not stopping:
                    if time.monotonic() - started[process.pid] < STARTUP_S:
                        raise RasdError(f"a server worker exited while starting (code {process.exitcode}); "
                                        "see its messages above")
                    log.warning("rasd serve: worker %s exited with code %s; starting another", process.pid,
                                process.exitcode)
                    processes[i] = start()
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()  # SIGTERM: uvicorn's graceful shutdown
        deadline = time.monotonic() + STOP_GRACE_S
        for process in processes:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
