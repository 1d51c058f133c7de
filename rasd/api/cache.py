"""Caches of the API's answers, tied to the store's data version.

`TTLCache` keeps totals, plans, rendered pages and whole answers while the store is unchanged: `file_stamp` of an
SQLite store (size and modification time of the database and its write-ahead log) changes with every commit, by
any process, so a kept answer is never older than the store; elsewhere (PostgreSQL) only the TTL bounds it.
"""

from __future__ import annotations

import contextvars
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rasd.api.timing import mark_elapsed


class TTLCache:
    """A small time-bounded memo for aggregates (totals, stats) and rendered pages that requests repeat.

    Counting 100,000 events scans the whole browse index; a dashboard asks the same total for each page it loads.
    Answers are reused for `ttl` seconds, and the API clears the cache when it stores an article itself. With a
    `stamp` (a cheap function that changes whenever the store does: `file_stamp` of an SQLite store), an answer is
    also only reused while the stamp it was computed under is current, so a write by another process (a `rasd run`
    beside the server, another worker) shows at once, and the TTL only bounds memory; without one such writes show
    up late, by `ttl` seconds at most.

    At most `size` entries are kept, and with `weigh` (bytes of a value) at most `max_bytes` bytes: past either,
    expired and stale entries go first, then the oldest ones, except the `pinned` keys (values that are costly to
    make and shared by many others, like the store's rollup: rasd.api.rollup), which only expire or go stale.
    """

    def __init__(self, ttl: float = 10.0, size: int = 512, stamp: Callable[[], Any] | None = None,
                 weigh: Callable[[Any], int] | None = None, max_bytes: int = 0,
                 pinned: frozenset[Any] = frozenset()) -> None:
        self.ttl = ttl
        self.pinned = pinned
        self.size = size
        self.stamp = stamp or (lambda: None)
        self.weigh = weigh
        self.max_bytes = max_bytes
        self._bytes = 0
        self._items: dict[Any, tuple[float, Any, Any]] = {}  # key -> (expiry, stamp when computed, value)
        self._computing: dict[Any, threading.Lock] = {}  # keys being computed, each with the lock its waiters take
        self._lock = threading.Lock()

    def peek(self, key: Any, stamp: Any = None) -> Any:
        """The fresh value under `key`, or None (never computes: callers on the event loop use it). `stamp`: the
        store's stamp if the caller has just read it."""
        stamp = self.stamp() if stamp is None else stamp
        hit = self._items.get(key)  # one dict read is atomic: no lock on the hot path
        return hit[2] if hit is not None and hit[0] > time.monotonic() and hit[1] == stamp else None

    def get(self, key: Any, compute: Any) -> Any:
        """The fresh value under `key`, else `compute()` kept. Threads missing the same key at once compute it once
        (the others wait for it): a cold dashboard's first pages all need the same total."""
        stamp = self.stamp()  # the stamp before computing: a write meanwhile makes the value stale
        hit = self.peek(key, stamp)
        if hit is not None:
            return hit
        with self._lock:
            computing = self._computing.setdefault(key, threading.Lock())
        with computing:
            hit = self.peek(key, stamp)
            if hit is not None:
                return hit
            try:
                value = compute()
                self.put(key, value, stamp)
            finally:
                with self._lock:
                    self._computing.pop(key, None)
        return value

    def put(self, key: Any, value: Any, stamp: Any) -> None:
        """Keep `value`, computed under the store's `stamp` (read before computing it)."""
        now = time.monotonic()
        size = self.weigh(value) if self.weigh is not None else 0
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None and self.weigh is not None:
                self._bytes -= self.weigh(old[2])
            if len(self._items) >= self.size or (self.max_bytes and self._bytes + size > self.max_bytes):
                self._evict(now, size)
            self._items[key] = (now + self.ttl, stamp, value)
            self._bytes += size

    def _evict(self, now: float, incoming: int) -> None:
        """Room for one more entry of `incoming` bytes: stale and expired entries first, then the oldest kept."""
        current = self.stamp()
        for key in [k for k, v in self._items.items() if v[0] <= now or v[1] != current]:
            self._drop(key)
        for key in [k for k in self._items if k not in self.pinned]:
            if len(self._items) < self.size and not (self.max_bytes and self._bytes + incoming > self.max_bytes):
                break
            self._drop(key)

    def _drop(self, key: Any) -> None:
        _, _, value = self._items.pop(key)
        if self.weigh is not None:
            self._bytes -= self.weigh(value)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0


class StoreStamp:
    """`file_stamp` of one store, read once per request that holds it (`hold`) rather than at every cache look-up.

    A page rendered for a request looks its totals, plan, rollup, rows and page up in four caches, each reading the
    stamp (two `stat` calls): ten system calls a render, and each one hands the GIL over, to wait up to the switch
    interval to get it back while the event loop and other renders run. The raw-answer cache reads the stamp when a
    request comes in and holds it for the request (a context variable, which anyio copies into the render thread);
    every look-up of that request uses it. Values computed under it are kept under it, so a write during the request
    makes them stale at once, as with a stamp read later: one read per request loses nothing.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def __call__(self) -> tuple[int, ...]:
        held = _held_stamp.get()
        if held is not None and held[0] is self:
            return held[1]
        return file_stamp(self.path)

    def hold(self) -> tuple[contextvars.Token, tuple[int, ...]]:
        """Read the stamp for the current request: (the token to release it with, the stamp)."""
        stamp = file_stamp(self.path)
        return _held_stamp.set((self, stamp)), stamp

    @staticmethod
    def release(token: contextvars.Token) -> None:
        _held_stamp.reset(token)


_held_stamp: contextvars.ContextVar[tuple[StoreStamp, tuple[int, ...]] | None] = contextvars.ContextVar(
    "rasd_store_stamp", default=None)


def file_stamp(path: Path) -> tuple[int, ...]:
    """What changes whenever an SQLite store is written: size and modification time of the database file and its
    write-ahead log (a commit appends to the log, a checkpoint writes the file). Two stat calls, a few microseconds."""
    out: list[int] = []
    for part in (path, path.with_name(path.name + "-wal")):
        try:
            st = os.stat(part)
            out += [st.st_mtime_ns, st.st_size]
        except OSError:
            out += [0, 0]
    return tuple(out)


#: True in a request whose answer was rendered on a render thread (SingleFlight): the costly kinds (a filter's first
#: count in SQL, words, a bounding box, CSV), worth sharing with the other workers (rasd.api.response_cache). A page
#: rendered on the event loop costs ~1.5 ms, less than sharing it did under load: the writer thread's turns on the
#: GIL, taken from the loop, cost the server more CPU than the ~1 render in 6 it saved (bench/README.md).
RENDERED_APART: contextvars.ContextVar[bool] = contextvars.ContextVar("rasd_rendered_apart", default=False)


class SingleFlight:
    """Renders missing answers on a few threads, once per key however many requests ask for it at the same time.

    Without it, fifty clients opening the same view at once each render the same page on its own thread: fifty
    threads contend for the GIL and the store's connections, and every one of them waits for all the others. Here
    the first request of a key renders it on one of `threads` threads (anyio's CapacityLimiter) and the others await
    its result. Used on the event loop only (no lock needed).
    """

    def __init__(self, threads: int) -> None:
        import anyio

        self.limiter = anyio.CapacityLimiter(threads)
        self._pending: dict[Any, Any] = {}

    async def run(self, key: Any, compute: Callable[[], Any], inline: bool = False) -> Any:
        """`compute()` for `key`, or the result of the render of `key` already under way. `inline`: compute it on
        the calling (event-loop) thread instead of a render thread, for work known to be short (it then blocks
        the loop for its duration, but spares the thread hop and the GIL's back and forth)."""
        import asyncio

        import anyio

        pending = self._pending.get(key)
        if pending is not None:
            return await asyncio.shield(pending)
        if inline:  # nothing can ask for `key` while it runs: no one to share the result with
            return compute()
        RENDERED_APART.set(True)
        future = asyncio.get_running_loop().create_future()
        future.add_done_callback(lambda f: f.cancelled() or f.exception())  # an unawaited failure is not logged
        self._pending[key] = future
        def timed() -> Any:
            mark_elapsed("thread-start")
            try:
                return compute()
            finally:
                mark_elapsed("thread-end")

        try:
            value = await anyio.to_thread.run_sync(timed, limiter=self.limiter)
        except BaseException as exc:
            future.set_exception(exc)
            raise
        else:
            future.set_result(value)
            return value
        finally:
            del self._pending[key]


class LruCache:
    """The least recently used values up to `max_bytes` (each value's size given when kept), each valid only under
    the store stamp it was computed under: the API keeps the rows and the id lists of pages here, which many pages
    share (a page at offset 2,530 and one at 2,560 read mostly the same events)."""

    def __init__(self, max_bytes: int, stamp: Callable[[], Any] | None = None) -> None:
        from collections import OrderedDict

        self.max_bytes = max_bytes
        self.stamp = stamp or (lambda: None)
        self._items: OrderedDict[Any, tuple[Any, Any, int]] = OrderedDict()  # key -> (stamp, value, size)
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: Any, stamp: Any) -> Any:
        """The value under `key` if it was computed under `stamp` (the current one, read by the caller), else None."""
        with self._lock:
            hit = self._items.get(key)
            if hit is None or hit[0] != stamp:
                return None
            self._items.move_to_end(key)
            return hit[1]

    def get_many(self, keys: list[Any], stamp: Any) -> dict[Any, Any]:
        """The values of those `keys` kept under `stamp`, by key: `get` for a page's hundred rows at once, under one
        acquisition of the lock (a hundred acquisitions cost a page more than reading its rows did)."""
        found = {}
        with self._lock:
            items = self._items
            for key in keys:
                hit = items.get(key)
                if hit is not None and hit[0] == stamp:
                    items.move_to_end(key)
                    found[key] = hit[1]
        return found

    def put(self, key: Any, value: Any, size: int, stamp: Any) -> None:
        """Keep `value` (about `size` bytes), computed under `stamp` (read before computing it)."""
        self.put_many([(key, value, size)], stamp)

    def put_many(self, entries: list[tuple[Any, Any, int]], stamp: Any) -> None:
        """Keep each (key, value, size) of `entries`, computed under `stamp`, under one acquisition of the lock."""
        with self._lock:
            items = self._items
            for key, value, size in entries:
                old = items.pop(key, None)
                if old is not None:
                    self._bytes -= old[2]
                items[key] = (stamp, value, size)
                self._bytes += size
            while self._bytes > self.max_bytes and items:
                _, (_, _, dropped) = items.popitem(last=False)
                self._bytes -= dropped

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0
