"""Raw answers shared by the worker processes of one `rasd serve --workers N`, through a small SQLite side file.

Each worker keeps the answers it sent (rasd.api.response_cache), but a client's next request may reach another
worker, which then rendered the same page again: in the load test (bench/bench_api.py, 2 workers) about one render
in six was such a repeat. Here a worker that misses its own cache asks the side file before rendering, and every
answer a worker keeps is also written there, so one distinct request is rendered once by the whole server.

Correct for the same reason the per-process caches are: an answer is stored with the store's stamp it was computed
under (rasd.api.cache.file_stamp: the same in every process, since it is the stat of the same files) and only read
back under that same stamp; rows of older stamps are deleted by the next write. Only stores with a stamp (SQLite)
share answers. Writes go to one background thread per worker: an answer is sent before it is shared, and a busy
side file never holds up a request (a read is one primary-key lookup in a WAL file, which writers do not block).
The file lives in a temporary folder `rasd serve` makes and removes; it is a cache, never the store.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from rasd.api.response_cache import KeptResponse

#: The environment variable naming the side file (set by `rasd serve` for its workers).
SHARED_CACHE_ENV = "RASD_SHARED_CACHE"
#: Bytes of answers the side file holds at most (the oldest go first past it).
SHARED_BYTES = 256 << 20

#: `size` comes before `body`: summing it then reads no body (a column after a large blob is on its overflow pages).
_SCHEMA = ("CREATE TABLE IF NOT EXISTS answers (key BLOB PRIMARY KEY, stamp TEXT NOT NULL, size INTEGER NOT NULL, "
           "headers TEXT NOT NULL, body BLOB NOT NULL)")


def create(path: str) -> None:
    """Make the side file and its table (by `rasd serve`, before any worker opens it)."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA page_size=65536")  # an answer is ~150 KB: a few pages to read, not forty
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(_SCHEMA)
    conn.close()


class SharedAnswers:
    """One worker's handle on the side file at `path` (see the module's docstring)."""

    def __init__(self, path: str, max_bytes: int = SHARED_BYTES) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self._local = threading.local()
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="rasd-shared-answers")
        self._stamp_written: str | None = None

    def _conn(self) -> sqlite3.Connection:
        """This thread's connection (the event loop reads, the writer thread writes)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=2.0)
            conn.execute("PRAGMA synchronous=OFF")  # a cache: losing it in a crash loses nothing
            conn.execute("PRAGMA mmap_size=268435456")  # reads copy from the mapped file, no read() calls
            self._local.conn = conn
        return conn

    def get(self, key: bytes, stamp: Any) -> KeptResponse | None:
        """The answer another worker (or this one) kept for `key` under the current `stamp`, or None."""
        try:
            row = self._conn().execute("SELECT headers, body FROM answers WHERE key = ? AND stamp = ?",
                                       (key, repr(stamp))).fetchone()
        except sqlite3.Error:  # a cache that cannot be read is a miss, never an error of the request
            return None
        if row is None:
            return None
        headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in json.loads(row[0])]
        return KeptResponse(headers, row[1], next((v for k, v in headers if k == b"etag"), None))

    def put(self, key: bytes, stamp: Any, kept: KeptResponse) -> None:
        """Share `kept` (computed under `stamp`), in the background."""
        self._writer.submit(self._write, key, repr(stamp), kept)

    def _write(self, key: bytes, stamp: str, kept: KeptResponse) -> None:
        headers = json.dumps([(k.decode("latin-1"), v.decode("latin-1")) for k, v in kept.headers])
        try:
            conn = self._conn()
            conn.execute("BEGIN IMMEDIATE")
            try:
                if stamp != self._stamp_written:  # the store changed: answers of older versions are dead
                    conn.execute("DELETE FROM answers WHERE stamp != ?", (stamp,))
                    self._stamp_written = stamp
                conn.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?)",
                             (key, stamp, len(kept.body), headers, kept.body))
                held = conn.execute("SELECT coalesce(sum(size), 0) FROM answers").fetchone()[0]
                if held > self.max_bytes:  # the oldest rows first, down to three quarters of the budget
                    oldest = conn.execute("SELECT rowid, size FROM answers ORDER BY rowid").fetchall()
                    drop, freed = [], 0
                    for rowid, size in oldest:
                        if held - freed <= self.max_bytes * 3 // 4:
                            break
                        drop.append((rowid,))
                        freed += size
                    conn.executemany("DELETE FROM answers WHERE rowid = ?", drop)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        except sqlite3.Error:  # busy or gone: the answer is simply not shared
            return

    def flush(self) -> None:
        """Wait for the answers handed to `put` so far to be written (tests)."""
        self._writer.submit(lambda: None).result()

    def close(self) -> None:
        self._writer.shutdown(wait=True)
