"""Did you mean: a filter value that names nothing gets the close names that exist, instead of a silent 0.

`--country Irak` used to return no event and no hint. A name filter that matches no stored name is checked here:
a country is unknown unless the KB (CLDR's English country names, ISO3 codes, actors.yaml's countries) knows it, an
actor unless the KB's actor names and aliases know it; a region is not known to the KB here (the gazetteer is too
big to load for a typo), so an unmatched region counts as a typo only when a stored region is close to it. Close
names are found with rapidfuzz among the stored names and the KB's.
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
def kb_countries() -> dict[str, str]:
    """Folded country name or ISO3 code -> the name to suggest, for every country the KB can name."""
    from babel import Locale

    from rasd.kb.actors import load_actor_table
    from rasd.store.countries import COUNTRIES

    out: dict[str, str] = {}
    for code, name in Locale("en").territories.items():
        if len(code) == 2 and code.isalpha():  # countries, not regions such as "001" (World)
            out[name.lower()] = name
    for iso3 in COUNTRIES:
        out[iso3.lower()] = iso3
    for c in load_actor_table().countries.values():
        out[c.name.lower()], out[c.iso3.lower()] = c.name, c.iso3
    return out


def suggestions(value: str, candidates: list[str]) -> list[str]:
    """The candidates closest to `value` (case ignored), best first, each at most once."""
    from rapidfuzz import fuzz, process, utils

    found = process.extract(value, list(dict.fromkeys(candidates)), scorer=fuzz.ratio,
                            processor=utils.default_process, score_cutoff=SCORE_CUTOFF, limit=MAX_SUGGESTIONS)
    return [name for name, _score, _index in found]


def check_names(conn: Any, kind: str, value: str) -> None:
    """Raise UnknownNameError when `value`, a `kind` filter that matched no stored name, names nothing known."""
    from rasd.store.names import stored_names

    if kind == "country":
        known = kb_countries()
        if value.strip().lower() in known:
            return  # a real country with no event in this store: 0 events is the answer
        stored = stored_names(conn, "country") + stored_names(conn, "iso3")
        raise UnknownNameError(kind, value, suggestions(value, [*stored, *known.values()]))
    if kind == "actor":
        from rasd.kb.actor_names import english_actor_names, is_known_actor

        if is_known_actor(value):
            return
        close = suggestions(value, [*stored_names(conn, "actor"), *english_actor_names()])
    else:
        close = suggestions(value, stored_names(conn, kind))
    if close:
        raise UnknownNameError(kind, value, close)
