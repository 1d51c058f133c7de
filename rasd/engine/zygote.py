"""Local workers forked from a warm copy of the client, made while the client gets on with its own start-up.

Workers forked from the client after it loaded the KB share the KB's pages, but the load (~1.5-2 CPU s) runs on one
core while the other idles, and only then does the client do its own setup (the alert rules' modules, SciPy among
them, ~0.7 CPU s; the writer's modules; reading the input): serial time, which bounds how much faster two workers
can be than one. Here the client forks itself first (a fork copies no memory, and this one's imports are done), the
copy loads the KB and then serves as multiprocessing's fork server: every worker of the pool is forked from it,
sharing the loaded KB, while the client, on the other core, prepares everything else meanwhile.

multiprocessing has this server ("forkserver"), but starts it as a new interpreter that would import everything
again; here the same server loop (multiprocessing.forkserver.main) runs in a fork of the client instead, which only
needs the server's address, pipe and pid filled in as multiprocessing fills them. Where this Python's forkserver
module is not the one this was written against, or there is no fork, `start` says so and the runner falls back to
loading the KB in the client and forking workers from it.
"""

from __future__ import annotations

import inspect
import logging
import os
import socket
from collections.abc import Callable

log = logging.getLogger(__name__)

#: What `start` fills in on multiprocessing's fork server, as its own ensure_running does (Python 3.11-3.13).
_SERVER_FIELDS = ("_forkserver_address", "_forkserver_alive_fd", "_forkserver_pid", "_lock")


def available() -> bool:
    """Whether this platform and Python have the fork server this module drives."""
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods() or not hasattr(os, "fork"):
        return False
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    params = list(inspect.signature(forkserver.main).parameters)
    return all(hasattr(server, name) for name in _SERVER_FIELDS) and params[:3] == ["listener_fd", "alive_r",
                                                                                     "preload"]


def start(prepare: Callable[[], None]) -> bool:
    """Fork the fork server from this process; in it, `prepare()` (load the KB), then serve. Returns at once, True
    when the server was started; workers of a "forkserver" pool are then forked from it, with what this process
    held at this moment (and what `prepare` loaded). `stop` ends it; so does the end of this process
    (multiprocessing's "alive" pipe). A server left by an earlier run is stopped first: it holds that run's state."""
    if not available():
        return False
    from multiprocessing import connection, forkserver, resource_tracker

    stop()
    server = forkserver._forkserver
    with server._lock:
        resource_tracker.ensure_running()  # forked workers are handed its pipe, as with a spawned server
        with socket.socket(socket.AF_UNIX) as listener:
            address = connection.arbitrary_address("AF_UNIX")
            listener.bind(address)
            os.chmod(address, 0o600)
            listener.listen()
            alive_r, alive_w = os.pipe()
            pid = os.fork()
            if pid == 0:  # the server: never returns into the caller's code
                _serve(listener.fileno(), alive_r, alive_w, prepare)
            os.close(alive_r)
        server._forkserver_address = address
        server._forkserver_alive_fd = alive_w
        server._forkserver_pid = pid
    return True


def running() -> bool:
    """Whether a fork server that `start` made is up."""
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    pid = getattr(server, "_forkserver_pid", None)
    if pid is None:
        return False
    try:
        return os.waitpid(pid, os.WNOHANG)[0] == 0
    except ChildProcessError:
        return False


#: Fork servers told to end by `stop(wait=False)` and not yet waited for.
_ENDING: list[int] = []


def stop(wait: bool = True) -> None:
    """End the fork server `start` made, if any (the workers forked from it are the pool's to end). `wait=False`
    returns without waiting for its exit (the kernel freeing the memory of the KB it loaded, tens of ms at the end
    of a run); it is reaped by a later `start` or `stop`, or goes with this process."""
    from multiprocessing import forkserver

    _reap(block=wait)
    server = getattr(forkserver, "_forkserver", None)
    if server is None or getattr(server, "_forkserver_pid", None) is None:
        return
    with server._lock:
        os.close(server._forkserver_alive_fd)  # the server sees the end of its "alive" pipe and exits
        _ENDING.append(server._forkserver_pid)
        _reap(block=wait)
        address = server._forkserver_address
        server._forkserver_address = server._forkserver_alive_fd = server._forkserver_pid = None
        if isinstance(address, str) and not address.startswith("\0"):
            try:
                os.unlink(address)
            except OSError:
                pass


def _reap(block: bool) -> None:
    """Wait for the servers told to end (`block`), or collect those already gone."""
    for pid in list(_ENDING):
        try:
            done = os.waitpid(pid, 0 if block else os.WNOHANG)[0] != 0
        except ChildProcessError:
            done = True
        if done:
            _ENDING.remove(pid)


def _serve(listener_fd: int, alive_r: int, alive_w: int, prepare: Callable[[], None]) -> None:
    """In the forked server: load, then serve fork requests until the client is gone; end without running the
    client's exit handlers (its store, its files are the client's business)."""
    from multiprocessing import forkserver

    code = 0
    try:
        os.close(alive_w)
        try:
            prepare()
        except Exception as exc:  # noqa: BLE001 - workers then load lazily, as a spawned worker would
            log.debug("fork server: loading failed: %s", exc)
        forkserver.main(listener_fd, alive_r, [])
    except SystemExit:  # the client closed the alive pipe: it is done (or gone)
        pass
    except BaseException:  # noqa: BLE001 - nothing to report to: the client sees its workers fail
        code = 1
    finally:
        os._exit(code)
