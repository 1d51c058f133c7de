"""Where partitions run: in this process, in local worker processes, or on a dask.distributed cluster.

Each backend offers the same two calls, `submit(fn, *args) -> future` and `wait_any(futures) -> done futures`, and
its futures have `.result()` (besides `release()`, nothing more to submit, and `close()`); the runner
(rasd.engine.runner) needs nothing else, so scheduling, retries of a lost worker and data transfer stay Dask's (or
the standard library's) business, not a home-made scheduler's.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

from rasd.errors import RasdError

SCHEDULER_ENV = "RASD_SCHEDULER"


def default_workers() -> int:
    """The cores this process may use (its CPU affinity where the platform tells it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


class InProcess:
    """Runs each partition at once in this process: `--workers 1`, and inputs too small to be worth a pool."""

    workers = 1
    description = "in this process"

    def submit(self, fn: Any, *args: Any) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller through the future, as a pool would
            future.set_exception(exc)
        return future

    def wait_any(self, futures: set[Any]) -> set[Any]:
        return set(futures)

    def release(self) -> None:
        pass

    def close(self) -> None:
        pass


class LocalProcesses:
    """N worker processes on this machine, forked after the parent loaded the KB (where fork exists), so the
    workers start at once and share the KB's memory pages."""

    def __init__(self, workers: int, from_server: bool = False) -> None:
        """`from_server`: fork the workers from the fork server rasd.engine.zygote started (which loaded the KB),
        not from this process."""
        self.workers = workers
        self._from_server = from_server
        self._joining: Any = None
        methods = multiprocessing.get_all_start_methods()
        self.description = f"{workers} local process(es)" + ("" if "fork" in methods else " (spawned)")
        context = multiprocessing.get_context("forkserver" if from_server else "fork" if "fork" in methods else None)
        if from_server:
            # The workers' parent is the server, which lives as long as any worker holds its "alive" pipe: they
            # watch a pipe of this process instead, whose end they see when it is gone (a kill -9 included).
            self._alive_r, self._alive_w = context.Pipe(duplex=False)
            watched: tuple = (-1, 0.5, self._alive_r)
        else:
            watched = (os.getpid(),)
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=exit_with_parent,
                                         initargs=watched)
        for queue in (getattr(self._pool, "_call_queue", None), getattr(self._pool, "_result_queue", None)):
            widen_pipe(getattr(queue, "_reader", None))

    def submit(self, fn: Any, *args: Any) -> Future:
        return self._pool.submit(fn, *args)

    def wait_any(self, futures: set[Any]) -> set[Any]:
        return wait(futures, return_when=FIRST_COMPLETED).done

    def release(self) -> None:
        """Nothing more will be submitted: each worker ends once the work out is done, the pool's own thread
        joining them meanwhile, so the end of a run does not wait for them (`close` then finds them gone)."""
        self._joining = getattr(self._pool, "_executor_manager_thread", None)  # shutdown forgets it too
        self._pool.shutdown(wait=False)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        if self._joining is not None:  # released: the shutdown above no longer knows the thread that joins them
            self._joining.join()
        if self._from_server:
            from rasd.engine import zygote

            self._alive_w.close()
            self._alive_r.close()
            zygote.stop(wait=False)  # it ends by itself, its memory freed while this process finishes the run


#: Bytes a pool's pipes hold (Linux; at most /proc/sys/fs/pipe-max-size, 1 MiB by default). A partition's results
#: pickle to ~250 KB (16 articles) and its articles to ~100 KB: they go through the pipe in one write.
PIPE_BYTES = 1 << 20


def widen_pipe(connection: Any, size: int = PIPE_BYTES) -> int:
    """Let the pipe under `connection` (a multiprocessing Connection) hold `size` bytes; the size it now has, or 0
    where the platform has no such setting.

    With the default 64 KB, a worker that sends a partition's results (~250 KB) blocks until the client has read
    most of them, and the client's thread that reads them needs the interpreter lock after each 64 KB, which the
    writer holds for up to the switch interval (5 ms) each time: ~10 ms a partition in which the worker's core idles
    (measured with `rasd run --timeline`). With room for the whole message the worker's write returns at once and
    the client reads it in one call."""
    import fcntl

    setting = getattr(fcntl, "F_SETPIPE_SZ", None)
    if connection is None or setting is None:
        return 0
    try:
        with open("/proc/sys/fs/pipe-max-size", encoding="ascii") as fh:
            size = min(size, int(fh.read()))
    except (OSError, ValueError):
        pass
    try:
        return fcntl.fcntl(connection.fileno(), setting, size)
    except (OSError, ValueError):  # not a pipe (a socket pair elsewhere), or not allowed: the default size stays
        return 0


def exit_with_parent(parent: int, every: float = 0.5, client: Any = None) -> None:
    """In a worker process: end it once the process that started it is gone (killed with -9, say), or, given
    `client` (the reading end of a pipe only the client writes to), once that pipe ends. A pool's workers otherwise
    wait forever for work that will never come, holding the dead client's pipes open."""
    import threading
    import time

    def watch() -> None:
        if client is not None:
            try:
                client.poll(None)  # the client never writes: this returns at the pipe's end, when it is gone
            except (OSError, EOFError):
                pass
            os._exit(1)
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, name="rasd-exit-with-parent", daemon=True).start()


class DaskCluster:
    """An existing dask.distributed cluster (`--scheduler tcp://HOST:PORT`); its workers need rasd installed.

    A worker that dies mid-partition is Dask's to handle: the scheduler reruns the partition elsewhere, and since
    the function is pure the result is the same."""

    def __init__(self, address: str) -> None:
        from distributed import Client, as_completed

        try:
            self._client = Client(address, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise RasdError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        self._finished = as_completed([], loop=self._client.loop)  # every submitted future, as it completes
        self.workers = max(1, sum(w.get("nthreads", 1) for w in
                                  self._client.scheduler_info().get("workers", {}).values()))
        self.description = f"Dask cluster {address} ({self.workers} thread(s))"

    def submit(self, fn: Any, *args: Any) -> Any:
        future = self._client.submit(fn, *args, pure=False)
        self._finished.add(future)
        return future

    def wait_any(self, futures: set[Any]) -> set[Any]:
        return {next(self._finished)}

    def release(self) -> None:
        pass

    def close(self) -> None:
        self._client.close()


def make_backend(workers: int | None, scheduler: str | None, from_server: bool = False) -> Any:
    """The backend a run asks for: a Dask cluster when a scheduler address is given, else
    `workers` local processes (default: the cores; `from_server`: forked from rasd.engine.zygote's server), or this
    process alone for one worker."""
    if scheduler:
        return DaskCluster(scheduler)
    workers = workers or default_workers()
    return InProcess() if workers == 1 else LocalProcesses(workers, from_server)
