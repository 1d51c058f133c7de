"""Plain values computed from the package's own files, kept on disk between processes (`marshal`).

Every `rasd run` computes, before its workers start (serial time, with the other cores idle), a few tables from
the package's data files that never change between two runs of the same installed package: the word counts of
the clitic lexicon, the clitic rates computed from them, the NER model's word classes. Read from their text files
these cost ~0.5 CPU s; written once as plain values (dicts, tuples, frozensets, strings, numbers) with `marshal`,
they load in a fifth of that. A cached value is the computed one: same keys in the same order, same numbers.

A file is named by what it holds and a hash of every file of the rasd package (code and data, so a change to the
data or to the code that computes from it names another file: a cache is never stale), the Python version and
the marshal format. It lives in RASD_CACHE_DIR (default: $XDG_CACHE_HOME/rasd, else ~/.cache/rasd); RASD_CACHE_DIR
set to an empty string turns caching off; a file that cannot be read or written is passed over and the value
computed as before. Deleting the folder is always safe. rasd.engine.warm_cache keeps the KB's surface index and
mention automaton the same way.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

log = logging.getLogger(__name__)

CACHE_ENV = "RASD_CACHE_DIR"
#: Cache files kept per kind of value (one per installed version of the package in use); older ones are removed.
KEEP = 4
PACKAGE = Path(__file__).resolve().parent

T = TypeVar("T")


def cache_dir() -> Path | None:
    """Where cache files go, or None when caching is off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "rasd"


@lru_cache(maxsize=1)
def _package_digest() -> Any:
    """A hash of every file of the rasd package by path and content (~10 MB, ~20 ms), and of the Python and marshal
    versions: computed once per process, which runs the code it loaded at its start whatever changes on disk."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{sys.version_info[:2]} {marshal.version}".encode())
    for path in sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest


def package_key(extra_files: Sequence[str | Path] = ()) -> str:
    """The package's hash (`_package_digest`), and the content of `extra_files` (a user's files the value is also
    computed from)."""
    digest = _package_digest().copy()
    for extra in extra_files:
        path = Path(extra).resolve()
        digest.update(str(path).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def remembered(name: str, compute: Callable[[], T]) -> T:
    """`compute()`, a plain value computed from the package's files alone, read back from the cache when this
    package computed it before (else computed, and written for the next process). `name` says what it is."""
    folder = cache_dir()
    if folder is None:
        return compute()
    path = folder / f"{name}-{package_key()}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except FileNotFoundError:
        pass
    except (OSError, ValueError, EOFError, TypeError) as exc:
        log.debug("cache file %s unreadable, computing again: %s", path, exc)
    value = compute()
    try:
        blob = marshal.dumps(value)
    except ValueError as exc:  # not a plain value: a programming error, but the value itself is right
        log.debug("%s cannot be cached: %s", name, exc)
        return value
    write_whole(path, blob, f"{name}-*.marshal")
    return value


def remembered_file(path: Path, read: Callable[[Path], T]) -> T:
    """`read(path)`, cached with `remembered` when `path` is one of the package's own files (whose content the
    package hash covers); a file elsewhere is read every time."""
    resolved = Path(path).resolve()
    if not resolved.is_relative_to(PACKAGE):
        return read(path)
    name = "file-" + str(resolved.relative_to(PACKAGE)).replace(os.sep, "-")
    return remembered(name, lambda: read(path))


def write_whole(path: Path, blob: bytes, pattern: str) -> None:
    """Write a cache file whole or not at all (a concurrent reader sees the old file or the new one), then remove
    the oldest files matching `pattern` beyond KEEP."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".rasd-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, path)
        for old in sorted(path.parent.glob(pattern), key=lambda p: p.stat().st_mtime)[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError as exc:
        log.debug("cache file %s not written: %s", path, exc)
