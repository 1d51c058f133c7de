"""What an actor query means: "داعش", "ISIS", "تنظيم الدولة" and "Islamic State" all name one KB actor.

Used by every actor filter (`rasd events`, `rasd stats`, the API, trends), so a user can ask in Arabic or by any
English alias and get the events stored under the actor's ACLED name. Only actors.yaml is read (not the gazetteer),
so resolving a name costs a dictionary lookup once the table is loaded.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from rasd.errors import InputError
from rasd.kb.actors import english_key, load_actor_table
from rasd.text.normalize import fold


@lru_cache(maxsize=1)
def _actor_index() -> tuple[dict[str, frozenset[str]], dict[str, str], dict[str, frozenset[str]]]:
    """Every way to name an actor (KB id, English name and aliases, folded Arabic aliases) -> its English keys,
    -> its English name (the first actor listed wins where two share an alias), and -> its English spellings as
    written (name and English aliases, which stored events carry)."""
    table = load_actor_table()
    index: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    spellings: dict[str, set[str]] = defaultdict(set)
    for actor in table.actors.values():
        keys = {english_key(actor.name), *(english_key(a) for a in actor.aliases_en)}
        keys.discard("")
        ways = [english_key(w) for w in (actor.id, actor.name, *actor.aliases_en)]
        ways += [fold(alias).strip() for alias in actor.aliases_ar]
        for way in ways:
            index[way] |= keys
            names.setdefault(way, actor.name)
            spellings[way] |= {actor.name, *actor.aliases_en}
    return ({k: frozenset(v) for k, v in index.items() if k}, names,
            {k: frozenset(v) for k, v in spellings.items() if k})


def _lookup(query: str) -> str | None:
    """The index key a query is found under, None when the KB does not know it."""
    query = query.strip()
    if not query:
        raise InputError("empty actor name")
    index = _actor_index()[0]
    for key in (english_key(query), fold(query).strip()):
        if key in index:
            return key
    return None


def is_known_actor(query: str) -> bool:
    """True when the KB knows this name (in Arabic or English, as a name or an alias)."""
    return _lookup(query) is not None


def actor_keys(query: str) -> frozenset[str]:
    """The English name keys an actor query stands for: "ISIS", "داعش" and "Islamic State" all give Islamic State's
    name and English aliases; a name the KB does not know stands for itself."""
    key = _lookup(query)
    return _actor_index()[0][key] if key is not None else frozenset({english_key(query)})


def actor_name(query: str) -> str:
    """The KB's English name for an actor query ("داعش" -> "Islamic State"), or the query as given."""
    key = _lookup(query)
    return _actor_index()[1][key] if key is not None else query.strip()


def actor_spellings(query: str) -> frozenset[str]:
    """The English names a stored event may carry for the actor a query names (its ACLED name and English aliases,
    as written); empty when the KB does not know the query."""
    key = _lookup(query)
    return _actor_index()[2][key] if key is not None else frozenset()


def english_actor_names() -> list[str]:
    """Every English actor name and alias the KB knows (candidates for "did you mean")."""
    return sorted({n for spellings in _actor_index()[2].values() for n in spellings})


def actor_matches(name: str, keys: Iterable[str]) -> bool:
    """True when a stored actor name is one of `keys`, or one of them with a qualifier: "Military Forces of Iraq
    (2014-2018)" is "Military Forces of Iraq"."""
    k = english_key(name)
    return any(k == key or k.startswith(key + " ") for key in keys)
