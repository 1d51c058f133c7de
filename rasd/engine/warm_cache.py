"""The KB's surface index and mention automaton kept on disk between runs: the costliest part of a worker's start-up.

Every `rasd run` builds, before its workers fork (serial time, with the other cores idle), the index of every
folded surface form the KB knows (~87,000, each checked against the gazetteer's safety rules) and the Aho-Corasick
automaton over them (~91,000 keys): ~0.75 CPU s of a ~2.5 s start-up. Both are plain data computed from the KB's
files and the code that reads them, so they are kept in a file named by a hash of exactly those (every file of
the rasd package, its source and its data, and the user's extra KB files) and read back on the next start:
the values with `marshal` (strings, numbers, tuples), then the entries and payloads made again as objects and the
automaton built from its keys in the same order (pyahocorasick's own save/load, and a pickle of the objects, were
both measured slower than building). What comes back is equal to what the KB would build, in the same order;
tests hold it to that.

The file lives in RASD_CACHE_DIR (default: $XDG_CACHE_HOME/rasd, else ~/.cache/rasd); RASD_CACHE_DIR set to an
empty string turns the cache off. A cache that cannot be read or written is passed over: the KB builds as before.
"""

from __future__ import annotations

import logging
import marshal
from collections.abc import Sequence
from typing import Any

from rasd.plain_cache import CACHE_ENV, cache_dir, package_key, write_whole

__all__ = ["CACHE_ENV", "cache_dir", "kb_key", "warm_mentions"]

log = logging.getLogger(__name__)

#: Bumped when the layout of the cached values changes.
FORMAT = 1


def kb_key(kb_extra: Sequence[str]) -> str:
    """A hash of everything the surface index and the automaton are computed from: every file of the rasd package
    (code and data, rasd.plain_cache.package_key) and the extra KB files, by content."""
    return f"{FORMAT}-{package_key(kb_extra)}"


def _encode(index: dict[str, list[Any]], table: dict[str, list[Any]]) -> bytes:
    """The index and the payload table as plain values: each distinct entry once, referred to by number."""
    numbers: dict[tuple, int] = {}

    def number(entry: Any) -> int:
        fields = (entry.kind, entry.value, entry.label, entry.verb)
        found = numbers.get(fields)
        if found is None:
            found = numbers[fields] = len(numbers)
        return found

    forms = {form: i for i, form in enumerate(index)}
    plain_index = [(form, [number(e) for e in entries]) for form, entries in index.items()]
    plain_table = [(key, [(number(p.entry), forms[p.form], p.lam, p.bound) for p in payloads])
                   for key, payloads in table.items()]
    return marshal.dumps((FORMAT, list(numbers), plain_index, plain_table))


def _decode(blob: bytes) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    from rasd.kb import SurfaceEntry
    from rasd.recognize.mentions import _Key

    layout, entries, plain_index, plain_table = marshal.loads(blob)
    if layout != FORMAT:
        raise ValueError(f"cache layout {layout}, expected {FORMAT}")
    made = [SurfaceEntry(*fields) for fields in entries]
    forms = [form for form, _ in plain_index]
    index = {form: [made[i] for i in numbers] for form, numbers in plain_index}
    table = {key: [_Key(made[e], forms[f], lam, bound) for e, f, lam, bound in payloads]
             for key, payloads in plain_table}
    return index, table


def warm_mentions(kb: Any, kb_extra: Sequence[str] = ()) -> bool:
    """Give `kb` its surface index and mention automaton from the cache, or build them and write the cache;
    True when they came from the cache. `kb` must be the KB loaded from the package's files and `kb_extra`."""
    from rasd.recognize.mentions import adopt_automaton, automaton_of, build_automaton, payload_table

    folder = cache_dir()
    path = None
    if folder is not None:
        try:
            path = folder / f"mentions-{kb_key(kb_extra)}.marshal"
            index, table = _decode(path.read_bytes())
        except FileNotFoundError:
            pass
        except (OSError, ValueError, EOFError, TypeError) as exc:
            log.debug("mention cache %s unreadable, rebuilding: %s", path, exc)
        else:
            kb.adopt_surface_index(index)
            adopt_automaton(kb, automaton_of(table))
            return True
    build_automaton(kb)
    if path is not None:
        write_whole(path, _encode(kb.surface_index(), payload_table(kb.surface_index())), "mentions-*.marshal")
    return False


