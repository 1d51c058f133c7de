"""rasd's knowledge base: places, actors, event triggers, weapons and cues behind one facade.

`load_kb()` returns the packaged KB (cached); `load_kb(extra=[...])` adds a user's YAML files of places and
actors (see rasd.kb.extra). The recogniser (rasd.recognize.mentions) matches every folded surface form the KB
knows, which `KnowledgeBase.surface_index()` lists; `actor_for(agent, iso3)` names composed actors the way ACLED
does ("Military Forces of Iraq", "Civilians (Syria)").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from rasd.errors import KBError
from rasd.kb.actors import Actor, ActorTable, Agent, Country, english_key, load_actor_table, nisba_forms, nisba_stem
from rasd.kb.lexicon import Cue, Trigger, Weapon, load_cues, load_triggers, load_weapons
from rasd.text.normalize import fold

__all__ = ["Actor", "Cue", "KBError", "KnowledgeBase", "SurfaceEntry", "Trigger", "Weapon", "build_kb", "load_kb"]

#: Kinds a surface form can have, in the order that breaks ties between equally long matches of one span. Lexicon
#: words beat places (gazetteers list villages named like common words); a place beats a nationality adjective
#: (السعودية the country), and the recogniser still composes "القوات السعودية" through `nationalities()`.
KIND_PRIORITY: tuple[str, ...] = ("actor", "trigger", "weapon", "cue", "place", "nationality")


@dataclass(frozen=True, slots=True)
class SurfaceEntry:
    """What one folded surface form denotes: kind, KB id (cue category, iso3 for nationalities) and English label."""

    kind: str
    value: str
    label: str
    verb: bool = False  # a verb form: a following ه is part of another word (اضافه), not a pronoun


@dataclass(eq=False)
class KnowledgeBase:
    """The loaded KB. Attributes are plain dicts so callers can read them directly; compared by identity."""

    gazetteer: Any
    actor_table: ActorTable
    triggers: dict[str, Trigger]
    weapons: dict[str, Weapon]
    cues: dict[str, Cue]
    sources: list[str] = field(default_factory=list)
    _composed: dict[str, Actor] = field(default_factory=dict, repr=False)
    _surface: dict[str, list[SurfaceEntry]] | None = field(default=None, repr=False)
    _english: dict[str, list[dict[str, Any]]] | None = field(default=None, repr=False)
    _nationalities: dict[str, str] | None = field(default=None, repr=False)

    # -- actors ---------------------------------------------------------------------------------------------
    @property
    def actors(self) -> dict[str, Actor]:
        return self.actor_table.actors

    @property
    def agents(self) -> dict[str, Agent]:
        return self.actor_table.agents

    def actor(self, actor_id: str) -> Actor:
        """The actor with this id, including composed ones ("police_syr"); KBError when unknown."""
        if actor_id in self.actors:
            return self.actors[actor_id]
        if actor_id in self._composed:
            return self._composed[actor_id]
        if "@" in actor_id:
            base, _, iso3 = actor_id.partition("@")
            return self.actor_in(base, iso3)
        agent, _, iso3 = actor_id.rpartition("_")
        if agent in self.agents and len(iso3) == 3:
            return self.actor_for(agent, iso3.upper())
        raise KBError(f"unknown actor id '{actor_id}'")

    def country_name(self, iso3: str) -> tuple[str, str]:
        """ACLED's English name of a country and its "of" form ("United States", "the United States")."""
        c: Country | None = self.actor_table.countries.get(iso3)
        if c:
            return c.name, c.of_name
        try:
            place = self.gazetteer.country(iso3)
            name = getattr(place, "name_en", None) or iso3
        except Exception:  # noqa: BLE001 - any gazetteer miss falls back to the code itself
            name = iso3
        return name, name

    def actor_for(self, agent: str, iso3: str | None) -> Actor:
        """The actor a generic agent denotes in a country: a curated one when it exists (military + IRQ ->
        "Military Forces of Iraq"), else one composed from the agent's ACLED template. No country -> the generic
        agent itself."""
        if agent not in self.agents:
            raise KBError(f"unknown agent '{agent}' (known: {', '.join(sorted(self.agents))})")
        if not iso3:
            return self.actors[agent]
        if not (isinstance(iso3, str) and len(iso3) == 3 and iso3.isalpha()):
            raise KBError(f"country code must be ISO 3166 alpha-3 (e.g. IRQ), got {iso3!r}")
        iso3 = iso3.upper()
        spec = self.agents[self.agents[agent].maps_to]
        aid = f"{spec.id}_{iso3.lower()}"
        if aid in self.actors:
            return self.actors[aid]
        if aid not in self._composed:
            name, of_name = self.country_name(iso3)
            self._composed[aid] = Actor(
                id=aid, name=spec.template.format(country=name, of_country=of_name), inter=spec.inter, iso3=iso3,
                agent=spec.id, source=f"composed from agent '{spec.id}' and country {iso3}")
        return self._composed[aid]

    def actor_in(self, actor_id: str, iso3: str | None) -> Actor:
        """A transnational actor as ACLED names it where it acts: Islamic State + IRQ -> "Islamic State (Iraq)".
        Actors with a home country, generic agents and a missing country come back unchanged."""
        actor = self.actor(actor_id)
        if not iso3 or actor.iso3 or actor.agent:
            return actor
        iso3 = iso3.upper()
        aid = f"{actor.id}@{iso3.lower()}"
        if aid not in self._composed:
            self._composed[aid] = Actor(aid, f"{actor.name} ({self.country_name(iso3)[0]})", actor.inter, iso3,
                                        actor.qid, None, actor.aliases_ar, actor.aliases_en,
                                        f"{actor.source}; localised to {iso3}")
        return self._composed[aid]

    # -- surface forms --------------------------------------------------------------------------------------
    def nationalities(self) -> dict[str, str]:
        """Folded nationality adjective (every inflection, with and without ال) -> iso3."""
        if self._nationalities is None:
            out = self.actor_table.nisba_index()
            adjectives: dict[str, str] = {}
            try:
                adjectives = dict(self.gazetteer.countries_by_adjective())
            except (AttributeError, NotImplementedError):
                adjectives = {}
            for form, iso3 in adjectives.items():
                for f in nisba_forms(nisba_stem(fold(form))):
                    out.setdefault(f, iso3)
            self._nationalities = out
        return self._nationalities

    def surface_index(self) -> dict[str, list[SurfaceEntry]]:
        """Every folded surface form the KB knows -> what it denotes (built once, then cached)."""
        if self._surface is not None:
            return self._surface
        index: dict[str, list[SurfaceEntry]] = {}

        def put(form: str, entry: SurfaceEntry) -> None:
            bucket = index.setdefault(form, [])
            if entry not in bucket:
                bucket.append(entry)

        for aid, forms in self.actor_table.forms.items():
            for f in forms:
                put(f, SurfaceEntry("actor", aid, self.actors[aid].name))
        for t in self.triggers.values():
            verbs = set(t.verb_forms)
            for f in t.forms:
                put(f, SurfaceEntry("trigger", t.id, f"{t.event_type}: {t.sub_event_type}", f in verbs))
        for w in self.weapons.values():
            for f in w.forms:
                put(f, SurfaceEntry("weapon", w.id, w.label))
        for c in self.cues.values():
            verbs = set(c.verb_forms)
            for f in c.forms:
                put(f, SurfaceEntry("cue", c.category, c.category, f in verbs))
        nationalities = self.nationalities()
        for f, iso3 in nationalities.items():
            put(f, SurfaceEntry("nationality", iso3, self.country_name(iso3)[0]))
        for f, place_id in self.gazetteer.surface_forms():
            if f in nationalities and self.gazetteer.get(place_id).iso3 != nationalities[f]:
                continue  # "العاصمة الصومالية" is Somalia's, not Ethiopia's Somali region: an adjective is its country's
            put(f, SurfaceEntry("place", place_id, ""))
        for bucket in index.values():
            bucket.sort(key=lambda e: KIND_PRIORITY.index(e.kind))
        self._surface = index
        return index

    def adopt_surface_index(self, index: dict[str, list[SurfaceEntry]]) -> None:
        """Use `index`, equal to what `surface_index` builds from this KB's files (kept on disk by
        rasd.engine.warm_cache: the start-up's costliest part), instead of building it."""
        self._surface = index

    def lookup(self, name: str) -> list[dict[str, Any]]:
        """Everything a name (Arabic in any spelling, or English) denotes, over every kind of entry."""
        out: list[dict[str, Any]] = []
        for e in self.surface_index().get(" ".join(fold(name).split()), []):
            out.append(self._describe(e))
        for d in self._english_index().get(english_key(name), []):
            if d not in out:
                out.append(d)
        return out

    def _describe(self, e: SurfaceEntry) -> dict[str, Any]:
        if e.kind == "place":
            place = self.gazetteer.get(e.value)
            return {"kind": "place", "id": e.value, "name": getattr(place, "name_en", ""),
                    "iso3": getattr(place, "iso3", None)}
        if e.kind == "actor":
            a = self.actors[e.value]
            return {"kind": "actor", "id": a.id, "name": a.name, "inter": a.inter, "iso3": a.iso3, "agent": a.agent}
        if e.kind == "trigger":
            t = self.triggers[e.value]
            return {"kind": "trigger", "id": t.id, "event_type": t.event_type, "sub_event_type": t.sub_event_type,
                    "weapon": t.weapon, "count": t.count}
        return {"kind": e.kind, "id": e.value, "name": e.label}

    def _english_index(self) -> dict[str, list[dict[str, Any]]]:
        if self._english is None:
            idx: dict[str, list[dict[str, Any]]] = {}
            for a in self.actors.values():
                for n in (a.name, *a.aliases_en):
                    idx.setdefault(english_key(n), []).append(self._describe(SurfaceEntry("actor", a.id, a.name)))
            for w in self.weapons.values():
                idx.setdefault(english_key(w.label), []).append({"kind": "weapon", "id": w.id, "name": w.label})
            for place in self.gazetteer.places():  # `kb lookup Mosul`: places by their English name too
                name = getattr(place, "name_en", "")
                if name:
                    idx.setdefault(english_key(name), []).append(
                        self._describe(SurfaceEntry("place", place.id, name)))
            self._english = idx
        return self._english

    def stats(self) -> dict[str, int]:
        """Sizes of each part of the KB (entries and surface forms)."""
        index = self.surface_index()
        by_kind: dict[str, int] = {}
        for bucket in index.values():
            for e in bucket:
                by_kind[e.kind] = by_kind.get(e.kind, 0) + 1
        return {
            "actors": len(self.actors),
            "agents": len(self.agents),
            "countries": len(self.actor_table.countries),
            "triggers": len(self.triggers),
            "weapons": len(self.weapons),
            "cue_categories": len(self.cues),
            "surface_forms": len(index),
            **{f"forms_{k}": v for k, v in sorted(by_kind.items())},
        }


def _load_gazetteer(fresh: bool = False) -> Any:
    """Import the gazetteer lazily (it is large and built separately); `fresh` avoids mutating a cached one."""
    try:
        from rasd.kb.gazetteer import load_gazetteer
    except ImportError as exc:  # pragma: no cover - depends on the installed package
        raise KBError(f"the gazetteer module is not available ({exc})") from exc
    if fresh and hasattr(load_gazetteer, "__wrapped__"):
        return load_gazetteer.__wrapped__()
    return load_gazetteer()


@lru_cache(maxsize=1)
def _packaged() -> tuple[ActorTable, dict[str, Trigger], dict[str, Weapon], dict[str, Cue]]:
    """The packaged lexicons, parsed once per process (build_kb hands out copies that extras may grow)."""
    return load_actor_table(), load_triggers(), load_weapons(), load_cues()


def build_kb(gazetteer: Any, extra: Sequence[str | Path] = ()) -> KnowledgeBase:
    """Assemble a KB around a given gazetteer, reading the packaged lexicons and then the user's extra files."""
    table, triggers, weapons, cues = _packaged()
    own_table = ActorTable(dict(table.actors), table.agents, table.countries, dict(table.forms))
    kb = KnowledgeBase(gazetteer, own_table, dict(triggers), dict(weapons), dict(cues), sources=["rasd/kb/data"])
    if extra:
        from rasd.kb.extra import apply_extra

        for path in extra:
            apply_extra(kb, Path(path))
            kb.sources.append(str(path))
    return kb


@lru_cache(maxsize=1)
def _default_kb() -> KnowledgeBase:
    return build_kb(_load_gazetteer())


def load_kb(extra: Sequence[str | Path] = ()) -> KnowledgeBase:
    """The packaged KB (cached), or with `extra` a fresh one that also holds the user's places and actors."""
    if not extra:
        return _default_kb()
    return build_kb(_load_gazetteer(fresh=True), extra)
