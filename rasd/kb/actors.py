"""Actors: armed groups, state forces and generic agents, with their Arabic aliases and ACLED-style names.

actors.yaml (built by scripts/build_actors.py) has three sections:
- `countries`: ACLED-style English country names and the Arabic nationality adjective (nisba) of each, used to
  compose "Military Forces of Iraq" from a generic agent (الجيش) and an adjective (العراقي);
- `agents`: generic agents (army, police, gunmen, civilians...) with the naming template ACLED uses for them;
- `actors`: named actors and the generic agents' own entries (country-less, `agent` set).

Spelling variants are generated here, not typed in the data: hamza carriers, ال on or off for adjective phrases,
sound plurals/duals of the words listed under `inflect_ar`, the accusative singular of the nouns under `counted_ar`
(30 مسلحا), and every inflection of each nisba.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasd.errors import KBError
from rasd.kb.lexicon import DATA_DIR, _str_list, expand_forms, read_yaml, sound_plurals, toggle_article
from rasd.text.normalize import fold

#: ACLED's actor types (the `inter1`/`inter2` text values).
INTER_TYPES: tuple[str, ...] = ("State forces", "Rebel group", "Political militia", "Identity militia", "Rioters",
                                "Protesters", "Civilians", "External/Other forces")


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor. `agent` is set for generic agents (military, police, gunmen...) and for country-bound forms of
    them; `iso3` is None for transnational groups and for generic agents whose country the text has not given."""

    id: str
    name: str
    inter: str
    iso3: str | None = None
    qid: str | None = None
    agent: str | None = None
    aliases_ar: tuple[str, ...] = ()
    aliases_en: tuple[str, ...] = ()
    source: str = ""
    #: iso3 -> the actor this one's names mean for an act in that country ("التحالف" over Yemen is the Saudi-led
    #: coalition, over Iraq or Syria the one against the Islamic State).
    in_country: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Agent:
    """A generic agent kind and how ACLED names it once the country is known."""

    id: str
    template: str  # uses {country} ("Iraq") and {of_country} ("the United States")
    inter: str
    maps_to: str  # the agent whose composed actor this one shares (security forces -> military)


@dataclass(frozen=True, slots=True)
class Country:
    """ACLED's English name for a country and its nationality adjective stems (folded, masculine singular)."""

    iso3: str
    name: str
    of_name: str
    nisba: tuple[str, ...] = ()


def nisba_forms(stem: str) -> set[str]:
    """Every inflection of a folded masculine nisba: عراقي -> عراقيه عراقيين عراقيون عراقيان عراقيتين عراقيات, each
    also with ال (العراقي، العراقيه، العراقيين ...)."""
    stem = stem.strip()
    if stem.startswith("ال"):
        stem = stem[2:]
    if not stem.endswith("ي"):
        return {stem, "ال" + stem}
    forms = {stem, stem + "ه", stem + "ين", stem + "ون", stem + "ان", stem + "تين", stem + "تان", stem + "ات"}
    return forms | {"ال" + f for f in forms}


def nisba_stem(form: str) -> str:
    """Reduce an inflected folded nisba (العراقيه, سوريين) to its masculine singular stem (عراقي, سوري)."""
    f = form.strip()
    if f.startswith("ال") and len(f) > 4:
        f = f[2:]
    for suffix, keep in (("يتين", 1), ("يتان", 1), ("يين", 1), ("يون", 1), ("يان", 1), ("يات", 1), ("يه", 1)):
        if f.endswith(suffix) and len(f) - len(suffix) >= 2:
            return f[: len(f) - len(suffix) + keep]
    return f


def actor_surface_forms(actor: Actor, inflect: Iterable[str] = (), plural: Iterable[str] = ()) -> set[str]:
    """Folded Arabic forms an actor is written as: its aliases with their variants, the words of `inflect` with
    their sound plurals and duals, and for `plural` words only the plurals and duals (مسلح the adjective is too
    common to be an actor, مسلحون/مسلحين/مسلحو are not)."""
    forms = expand_forms(actor.aliases_ar)  # multi-word aliases get their all-ال / no-ال twin; names stay as written
    for word in expand_forms(inflect):
        forms |= toggle_article(word)
    for word in expand_forms(list(inflect) + list(plural)):
        for f in sound_plurals(word):
            forms |= toggle_article(f)
    return {f for f in forms if len(f.replace(" ", "")) >= 3}


def counted_forms(nouns: Iterable[str]) -> list[str]:
    """The accusative singular of nouns counted with a number from 11 to 99 (tamyiz): مسلح -> مسلحا as in
    "قتل 30 مسلحا", ناشط -> ناشطا ("مقتل 32 ناشطا"). Only for the nouns an entry lists under `counted_ar`:
    the same form of an adjective is an adverb or qualifies another noun (عسكريا 'militarily', مؤتمرا صحفيا).
    A singular that is itself a form (جندي, in `inflect_ar`) needs none: the recogniser takes the alif as an
    ending outside the span (rasd.recognize.mentions)."""
    return [n + "ا" for n in nouns if n and n[-1] not in "اىةه"]


def _actor_from(entry: Any, where: str) -> tuple[Actor, list[str], list[str]]:
    """Validate one YAML actor mapping; return it, its `inflect_ar` words and its `plural_ar` words."""
    if not isinstance(entry, dict):
        raise KBError(f"{where}: expected a mapping")
    for key in ("id", "name", "inter"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise KBError(f"{where}: missing or empty '{key}'")
    aid = entry["id"]
    if entry["inter"] not in INTER_TYPES:
        raise KBError(f"{where} ({aid}): inter '{entry['inter']}' is not one of {list(INTER_TYPES)}")
    iso3 = entry.get("iso3")
    if iso3 is not None and (not isinstance(iso3, str) or len(iso3) != 3 or not iso3.isalpha()):
        raise KBError(f"{where} ({aid}): iso3 must be a 3-letter country code or null, got {iso3!r}")
    aliases_ar = _str_list(entry.get("aliases_ar"), f"{where} ({aid})", "aliases_ar")
    inflect = _str_list(entry.get("inflect_ar"), f"{where} ({aid})", "inflect_ar")
    plural = _str_list(entry.get("plural_ar"), f"{where} ({aid})", "plural_ar")
    aliases_ar += counted_forms(_str_list(entry.get("counted_ar"), f"{where} ({aid})", "counted_ar"))
    if not aliases_ar and not inflect and not plural:
        raise KBError(f"{where} ({aid}): needs at least one Arabic alias (aliases_ar)")
    actor = Actor(
        id=aid, name=entry["name"].strip(), inter=entry["inter"], iso3=iso3.upper() if iso3 else None,
        qid=entry.get("qid") or None, agent=entry.get("agent") or None, aliases_ar=tuple(aliases_ar),
        aliases_en=tuple(_str_list(entry.get("aliases_en"), f"{where} ({aid})", "aliases_en")),
        source=str(entry.get("source") or ""),
        in_country=_in_country(entry.get("in_country"), f"{where} ({aid})"),
    )
    return actor, inflect, plural


def _in_country(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    """An actor's `in_country` mapping (iso3 -> actor id), validated."""
    if value is None:
        return ()
    if not isinstance(value, dict) or not all(
            isinstance(k, str) and len(k) == 3 and k.isalpha() and isinstance(v, str) and v for k, v in value.items()):
        raise KBError(f"{where}: in_country must map 3-letter country codes to actor ids, got {value!r}")
    return tuple(sorted((k.upper(), v) for k, v in value.items()))


@dataclass(slots=True)
class ActorTable:
    """Everything actors.yaml holds, with generated surface forms per actor id."""

    actors: dict[str, Actor]
    agents: dict[str, Agent]
    countries: dict[str, Country]
    forms: dict[str, set[str]]  # actor id -> folded surface forms

    def add(self, actor: Actor, inflect: Iterable[str] = (), plural: Iterable[str] = (), where: str = "") -> None:
        """Add one actor (user extras go through here); an id already present is an error."""
        if actor.id in self.actors:
            raise KBError(f"{where or 'actors'}: duplicate actor id '{actor.id}'")
        if actor.agent and actor.agent not in self.agents:
            raise KBError(f"{where or 'actors'} ({actor.id}): unknown agent '{actor.agent}'")
        self.actors[actor.id] = actor
        self.forms[actor.id] = actor_surface_forms(actor, inflect, plural)

    def nisba_index(self) -> dict[str, str]:
        """Folded nationality-adjective form -> iso3, from the countries section."""
        out: dict[str, str] = {}
        for c in self.countries.values():
            for stem in c.nisba:
                for f in nisba_forms(stem):
                    out.setdefault(f, c.iso3)
        return out


def load_actor_table(path: Path | None = None) -> ActorTable:
    """Read actors.yaml and generate every actor's surface forms."""
    path = path or DATA_DIR / "actors.yaml"
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise KBError(f"{path}: expected a mapping with 'countries', 'agents' and 'actors'")
    countries: dict[str, Country] = {}
    for i, c in enumerate(data.get("countries") or []):
        if not isinstance(c, dict) or not c.get("iso3") or not c.get("name"):
            raise KBError(f"{path}: countries[{i}]: needs 'iso3' and 'name'")
        stems = tuple(sorted({nisba_stem(s) for s in expand_forms(_str_list(c.get("nisba_ar"), str(path), "nisba_ar"))}))
        countries[c["iso3"]] = Country(c["iso3"], c["name"], c.get("of_name") or c["name"], stems)
    agents: dict[str, Agent] = {}
    for i, a in enumerate(data.get("agents") or []):
        if not isinstance(a, dict) or not a.get("id") or not a.get("template") or a.get("inter") not in INTER_TYPES:
            raise KBError(f"{path}: agents[{i}]: needs 'id', 'template' and a valid 'inter'")
        agents[a["id"]] = Agent(a["id"], a["template"], a["inter"], a.get("maps_to") or a["id"])
    table = ActorTable({}, agents, countries, {})
    for i, entry in enumerate(data.get("actors") or []):
        actor, inflect, plural = _actor_from(entry, f"{path}: actors[{i}]")
        table.add(actor, inflect, plural, f"{path}: actors[{i}]")
    for actor in table.actors.values():
        for iso3, other in actor.in_country:
            if other not in table.actors:
                raise KBError(f"{path} ({actor.id}): in_country {iso3} names unknown actor '{other}'")
    return table


def english_key(name: str) -> str:
    """Case- and punctuation-insensitive key for English names ("Military Forces of Iraq" == "military forces of iraq")."""
    return " ".join("".join(ch if ch.isalnum() else " " for ch in fold(name).lower()).split())
