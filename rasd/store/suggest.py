"""Did you mean: a filter value that names nothing gets the close names that exist, instead of a silent 0.

`--country Irak` used to return no event and no hint. A name filter that matches no stored name is checked here:
a country or region is unknown unless the packaged gazetteer names it, an actor unless the KB's actor names and
aliases know it. Close names are found with rapidfuzz among the stored names and the KB's.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rasd.errors import UnknownNameError

#: rapidfuzz ratio (0-100, over whole names: a partial match would suggest "Militia" for "militia; civ") a name must
#: reach to be suggested: 'Irak' -> 'Iraq' scores 75, 'Basra' -> 'Babil' 40.
SCORE_CUTOFF = 75
#: Suggestions given at most.
MAX_SUGGESTIONS = 3


@lru_cache(maxsize=1)
def kb_place_names() -> dict[str, dict[str, str]]:
    """Folded name -> name as written, per kind (country, iso3, admin1, admin2), of every place the packaged
    gazetteer lists (its records' own names and their country, admin1 and admin2: every country, the regions of
    the countries it details). Read from places.jsonl.gz directly (a fraction of a second), not the gazetteer
    object, which builds its surface-form indexes too."""
    import gzip
    import json

    from rasd.kb.lexicon import DATA_DIR

    out: dict[str, dict[str, str]] = {"country": {}, "iso3": {}, "admin1": {}, "admin2": {}}
    with gzip.open(DATA_DIR / "places.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            for kind in out:
                if record.get(kind):
                    out[kind][record[kind].lower()] = record[kind]
    return out


def _known(kind: str, value: str) -> bool:
    """True when the KB knows `value` as a `kind` (a country or its ISO3 code exactly, a region by a part)."""
    key = value.strip().lower()
    places = kb_place_names()
    if kind == "country":
        return key in places["country"] or key in places["iso3"]
    return any(key in name for name in places[kind])


def suggestions(value: str, candidates: list[str]) -> list[str]:
    """The candidates closest to `value` (case ignored), best first, each at most once."""
    from rapidfuzz import fuzz, process, utils

    found = process.extract(value, list(dict.fromkeys(candidates)), scorer=fuzz.ratio,
                            processor=utils.default_process, score_cutoff=SCORE_CUTOFF, limit=MAX_SUGGESTIONS)
    return [name for name, _score, _index in found]


def check_names(conn: Any, kind: str, value: str) -> None:
    """Raise UnknownNameError when `value`, a `kind` filter that matched no stored name, names nothing known.

    A name the KB knows (a real country or region, a KB actor) with no event in this store is no error: 0 events
    is the answer. An unknown country is always an error (the KB lists every country); an unknown region or actor
    only when a close name exists (the KB does not list every region or armed group of the world).
    """
    from rasd.store.names import stored_names

    if kind == "actor":
        from rasd.kb.actor_names import english_actor_names, is_known_actor

        if is_known_actor(value):
            return
        close = suggestions(value, [*stored_names(conn, "actor"), *english_actor_names()])
    else:
        if _known(kind, value):
            return
        places = kb_place_names()
        stored = stored_names(conn, kind) + (stored_names(conn, "iso3") if kind == "country" else [])
        close = suggestions(value, [*stored, *places[kind].values()])
        if kind == "country":
            raise UnknownNameError(kind, value, close)
    if close:
        raise UnknownNameError(kind, value, close)
