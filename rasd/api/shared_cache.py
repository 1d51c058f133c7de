"""Raw answers shared by the worker processes of one `rasd serve --workers N`, through files in a temporary folder.

Each worker keeps the answers it sent (rasd.api.response_cache), but a client's next request may reach another
worker, which then rendered the same page again: in the load test (bench/bench_api.py, 2 workers) one render in
seven was such a repeat (609 renders for 523 distinct requests). Here a worker that misses its own cache reads the
shared folder before rendering, and the answers a worker rendered on a render thread (the costly kinds: a filter's
first count in SQL, words, a bounding box, CSV; rasd.api.cache.RENDERED_APART) are also written there, so such a
request is rendered about once by the server. Pages rendered on the event loop (~1.5 ms) are not shared: writing
each cost the server more, through the writer thread's turns on the GIL, than the repeats it saved.

Correct for the same reason the per-process caches are: an answer is filed under the store's stamp it was computed
under (rasd.api.cache.file_stamp: the same in every process, since it is the stat of the same files), one folder per
stamp, and only read back under that same stamp; the first write under a new stamp deletes the older folders. Only
stores with a stamp (SQLite) share answers. An answer is written to a temporary name and renamed into place, so a
reader sees a whole answer or none; writes go to one background thread per worker, after the answer is sent.

Plain files rather than an SQLite side file: a write is ~0.09 ms of CPU and a read ~0.03 ms, where an SQLite row
of 150 KB cost 0.25-0.45 ms to write (WAL and checkpoint copy it twice), as much as the renders it saves. The folder
is made and removed by `rasd serve`; it is a cache, never the store.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from rasd.api.response_cache import KeptResponse

#: The environment variable naming the shared folder (set by `rasd serve` for its workers).
SHARED_CACHE_ENV = "RASD_SHARED_CACHE"
#: Bytes of answers one worker keeps written at most (its oldest files go first past it).
SHARED_BYTES = 128 << 20


def create(path: str) -> None:
    """Make the shared folder (by `rasd serve`, before any worker starts)."""
    Path(path).mkdir(parents=True, exist_ok=True)


def _digest(value: bytes) -> str:
    return hashlib.sha256(value).hexdigest()[:32]


class SharedAnswers:
    """One worker's handle on the shared folder at `path` (see the module's docstring)."""

    def __init__(self, path: str, max_bytes: int = SHARED_BYTES) -> None:
        self.root = Path(path)
        self.max_bytes = max_bytes
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="rasd-shared-answers")
        self._stamp_folder: Path | None = None  # the writer thread's current stamp folder
        self._written: deque[tuple[Path, int]] = deque()  # this worker's files there, oldest first
        self._bytes = 0

    def _file(self, key: bytes, stamp: Any) -> Path:
        return self.root / _digest(repr(stamp).encode()) / _digest(key)

    def get(self, key: bytes, stamp: Any) -> KeptResponse | None:
        """The answer a worker (this one or another) kept for `key` under the current `stamp`, or None."""
        try:
            data = self._file(key, stamp).read_bytes()
        except OSError:  # not there (or the folder just went): a miss, never an error of the request
            return None
        head, _, body = data.partition(b"\n")
        headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in json.loads(head)]
        return KeptResponse(headers, body, next((v for k, v in headers if k == b"etag"), None))

    def put(self, key: bytes, stamp: Any, kept: KeptResponse) -> None:
        """Share `kept` (computed under `stamp`), in the background."""
        self._writer.submit(self._write, key, stamp, kept)

    def _write(self, key: bytes, stamp: Any, kept: KeptResponse) -> None:
        target = self._file(key, stamp)
        try:
            if target.parent != self._stamp_folder:  # a new store version: the older answers are dead
                for old in self.root.iterdir():
                    if old != target.parent:
                        shutil.rmtree(old, ignore_errors=True)
                target.parent.mkdir(exist_ok=True)
                self._stamp_folder, self._written, self._bytes = target.parent, deque(), 0
            head = json.dumps([(k.decode("latin-1"), v.decode("latin-1")) for k, v in kept.headers]).encode()
            temporary = target.with_name(f"{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
            temporary.write_bytes(head + b"\n" + kept.body)
            os.replace(temporary, target)
        except OSError:  # the folder is gone or full: the answer is simply not shared
            return
        size = len(kept.body) + len(head)
        self._written.append((target, size))
        self._bytes += size
        while self._bytes > self.max_bytes and self._written:
            oldest, freed = self._written.popleft()
            oldest.unlink(missing_ok=True)
            self._bytes -= freed

    def flush(self) -> None:
        """Wait for the answers handed to `put` so far to be written (tests)."""
        self._writer.submit(lambda: None).result()

    def close(self) -> None:
        self._writer.shutdown(wait=True)
