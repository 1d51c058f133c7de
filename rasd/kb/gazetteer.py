"""The gazetteer: Arabic place names -> places with coordinates and admin units, and point -> admin units.

Data (rasd/kb/data, built by scripts/build_gazetteer.py, sources in SOURCES-places.md): places.jsonl.gz (countries,
Iraq COD-AB admin 1-3, Syria governorates and districts, GeoNames populated places, curated landmarks, and a thin
world tier of big towns and first-level regions of every other country, see `in_world_tier`), the word
counts that decide which forms are safe to match (places_wordfreq.tsv.gz), the designators used to generate variants
(places_terms.yaml) and simplified Iraq polygons (admin3_iraq.geojson, read on the first point lookup).

Ranking when one form names several places: places in the countries the article mentions first, then in the admin1
units it mentions, then names written in the data before generated spellings, then kind (country > admin1 > capital
or city over 500k > admin2 > admin3 > landmark/region > populated), then population. One exception, the seat rule: a populated place that is
the seat of a same-named admin unit (الرمادي, حلب, كركوك) comes just before that unit, because news means the town
and the town's record carries the unit in its admin fields; the unit alone is named with its designator
(محافظة كركوك, قضاء الرمادي), a form only the unit has.

A first-level division's former names (`names_former`: محافظه التاميم for Kirkuk, see
places_admin1_former.yaml) are generated-level forms, written with a designator unless the build found the name
alone unambiguous.

Three tiers of forms (the level stored per form and place): 0 written in the data, 1 generated from a written name
(variants, designators), 2 transliterated from the place's Latin name by the build (scripts/place_translit.py:
Turkish towns, Arab towns GeoNames gives no Arabic name). Tier 2 is lower-trust: it ranks last, is never added
for a form another place already has, and is matched in running text only when the news corpus does not use it
as a word (`transliterated_form_is_safe`).
"""

from __future__ import annotations

import dataclasses
import gzip
import json
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from importlib import resources

import yaml

from rasd.errors import InputError, KBError
from rasd.kb.geo import (
    KIND_RANK,
    KINDS,
    AdminIndex,
    AdminUnit,
    FormSafety,
    Place,
    Terms,
    clean_form,
    designated_forms,
    haversine_km,
    landmark_forms,
    name_variants,
)
from rasd.kb.yaml_loader import StrictLoader

#: libyaml's safe loader when PyYAML has it (same values, several times faster), else the pure-Python one.
_YAML_LOADER = StrictLoader

__all__ = ["Gazetteer", "Place", "UnknownPlaceError", "load_gazetteer"]

_ADMIN_LEVEL = {"admin1": 0, "admin2": 1, "admin3": 2}
_SEAT_MIN_POPULATION = {"admin1": 50_000, "admin2": 5_000, "admin3": 1_000}  # unless the town is inside the unit
_SEAT_MAX_KM = 25.0
_TRUSTED_KINDS = ("country", "admin1")
_MAJOR_CITY = 500_000  # capitals and cities this big rank just after admin1 units, before districts
MAJOR_CITY = _MAJOR_CITY  # (public: also the cities whose quarters ACLED codes as "City - District", at precision 1)
_MAJOR_CITY_RANK = 1.5
_ADJ_SUFFIXES = ("", "ه", "ين", "ون", "ان", "تين", "تان", "ات")
TRANSLIT = 2  # form level of spellings transliterated from Latin names
_TRANSLIT_MIN_LETTERS = 5  # four-letter spellings are too often Arabic words (دمره, باكر, فوجا, تملى)
_TRANSLIT_BARE_MIN_POPULATION = 50_000
_COMPASS = frozenset({"شرق", "غرب", "شمال", "جنوب", "الشرق", "الغرب", "الشمال", "الجنوب"})
TRANSLIT_SLOT_WORDS = ("مدينه", "بلده", "قريه", "منطقه", "قضاء")  # "بلده بيسميل": a town named in a place slot


def transliterated_form_is_safe(form: str, safety: FormSafety, population: int = 0) -> bool:
    """Whether a machine-made spelling may be matched in running text. Turkish village names are also Turkish
    surnames (Bozkır, Bakır) and short ones spell Arabic words (Mut موت, Demre دمره), so:
    - after a place word (بلده بيسميل, قضاء تيكمان, مدينه ليجه) the name needs one word that the news corpus does
      not use as an ordinary word (rare: under `FormSafety.MIN_COUNT` uses, or often after a place cue);
    - a name of several words ending in a compass word (Al Giref Gharb) is not matched: running text puts
      directions after names (حي الجرف غرب المدينه);
    - alone, a one-word name must be a placename the corpus attests (سوروتش: 127 uses, 34 after a place cue) or
      a town of `_TRANSLIT_BARE_MIN_POPULATION` people; a name of several words needs one rare word (يوكسك اوفا).
    """
    toks = form.split(" ")
    slot = len(toks) > 1 and toks[0] in TRANSLIT_SLOT_WORDS
    name = toks[1:] if slot else toks
    if len("".join(name)) < _TRANSLIT_MIN_LETTERS - slot or not safety.is_safe(form):
        return False
    if len(name) > 1 and name[-1] in _COMPASS:  # Al Giref Gharb: "حي الجرف غرب المدينه" is a direction
        return False

    def rare(tok: str) -> bool:
        count, cued = safety.counts.get(tok, (0, 0))
        return count < safety.MIN_COUNT or cued / count >= safety.MIN_CUE_RATIO

    if slot or len(name) > 1:
        return any(rare(t) for t in name if t not in safety.generic)
    count, _ = safety.counts.get(form, (0, 0))
    return count >= safety.MIN_COUNT or population >= _TRANSLIT_BARE_MIN_POPULATION


class UnknownPlaceError(KBError, KeyError):
    """A place id or country code that the gazetteer does not have."""

    def __str__(self) -> str:  # KeyError would otherwise print the repr of the message
        return str(self.args[0]) if self.args else ""


class Gazetteer:
    """Places indexed by folded Arabic form; see the module docstring for the ranking rules."""

    def __init__(self, records: Iterable[dict], safety: FormSafety, terms: Terms,
                 admin_features: Sequence[dict] = ()) -> None:
        self._places: dict[str, Place] = {}
        self._forms: dict[str, dict[str, int]] = {}  # form -> {place_id: level 0 written, 1 generated, 2 translit}
        self._terms = terms
        self._safety = safety
        self._safe_cache: dict[str, bool] = {}
        self._candidates_cache: dict[str, tuple[Place, ...]] = {}  # form -> ranked places, emptied by add()
        self._adj_bases: dict[str, list[str]] = {}
        self._admin1: dict[tuple[str, str], Place] = {}
        self._admin1_keys: dict[tuple[str, str], frozenset[str]] = {}  # names, id, p-code of each admin1
        self._admin_features = admin_features
        self._index: AdminIndex | None = None
        self._capitals: dict[str, Place] | None = None  # iso3 -> capital, built on the first capital() call
        self._vetted: set[str] = set()  # world-tier places: the build already tested their names (gazetteer_world)
        pending: list[tuple[Place, list[str]]] = []
        translit: list[tuple[str, list[str]]] = []
        former: list[tuple[str, list[str]]] = []
        for rec in records:
            p = _place_from_record(rec)
            self._store(p)
            if rec.get("names_vetted"):
                self._vetted.add(p.id)
            if p.kind == "country":
                self._adj_bases[p.iso3] = list(rec.get("adjectives_ar", []))
            if "forms" in rec:  # precomputed by the build with this very code (see forms_by_place)
                for f, gen in rec["forms"].items():
                    self._register(f, p.id, generated=int(gen))
                continue
            forms = [f for f in {clean_form(n) for n in [p.name_ar, *rec.get("names_ar", [])]} if f]
            for f in forms:
                self._register(f, p.id, generated=False)
            pending.append((p, forms))
            if rec.get("names_former"):
                former.append((p.id, rec["names_former"]))
            if rec.get("names_translit"):
                translit.append((p.id, rec["names_translit"]))
        for p, forms in pending:  # generated spellings only after every explicit name is known
            self._generate(p, forms)
        for pid, names in former:  # a division's former names, as the build wrote them (محافظه التاميم)
            for f in sorted({clean_form(n) for n in names} - {""}):
                if not self._explicit_elsewhere(f, pid):  # never over a place that has the name written
                    self._register(f, pid, generated=True)
        for pid, names in translit:  # then machine spellings, where no other place has the form
            for f in sorted({clean_form(n) for n in names} - {""}):
                if not any(other != pid and gen < TRANSLIT for other, gen in self._forms.get(f, {}).items()):
                    self._register(f, pid, generated=TRANSLIT)

    def built_state(self) -> tuple[list[tuple], dict[str, dict[str, int]], dict[str, list[str]], list[str]]:
        """What the constructor computed from the records, as plain values (kept by rasd.plain_cache): each place's
        fields in order, the forms, the countries' adjective bases, the world-tier place ids."""
        places = [tuple(getattr(p, name) for name in _FIELDS) for p in self._places.values()]
        return places, self._forms, self._adj_bases, sorted(self._vetted)

    @classmethod
    def from_state(cls, state: tuple, safety: FormSafety, terms: Terms,
                   admin_features: Sequence[dict] = ()) -> Gazetteer:
        """The gazetteer whose `built_state` is `state`: equal to the one built from the records (same places and
        forms in the same order), without parsing the records or generating the spellings again."""
        places, forms, adj_bases, vetted = state
        gaz = cls((), safety, terms, admin_features)
        for values in places:
            gaz._store(Place(*values))
        gaz._forms, gaz._adj_bases, gaz._vetted = forms, adj_bases, set(vetted)
        return gaz

    # ------------------------------------------------------------------ building
    def _store(self, p: Place) -> None:
        self._places[p.id] = p
        if p.kind == "admin1":
            self._admin1[(p.iso3, p.name_en)] = p
            self._admin1_keys.pop((p.iso3, p.name_en), None)

    def _register(self, form: str, place_id: str, generated: int) -> None:
        ids = self._forms.setdefault(form, {})
        if place_id not in ids or int(generated) < ids[place_id]:
            ids[place_id] = int(generated)

    def _explicit_elsewhere(self, form: str, place_id: str) -> bool:
        return any(not gen and pid != place_id for pid, gen in self._forms.get(form, {}).items())

    def _generate(self, p: Place, forms: list[str]) -> None:
        for f in forms:
            for v in name_variants(f) - {f}:
                self._register(v, p.id, generated=True)
            if p.kind in ("landmark", "region"):
                full, cores = landmark_forms(f, p.feature, self._terms)
                for v in full - {f}:
                    self._register(v, p.id, generated=True)
                for core in cores:  # عين الاسد alone, unless another place is called that (بغداد)
                    if not self._explicit_elsewhere(core, p.id):
                        for v in name_variants(core):
                            self._register(v, p.id, generated=True)
        if p.kind not in ("landmark", "country"):  # مدينه الموصل, قضاء عنه: from written names, not variants
            for base in forms:
                for v in designated_forms(base, p.kind, self._terms):
                    self._register(v, p.id, generated=True)

    def forms_by_place(self) -> dict[str, dict[str, int]]:
        """place id -> {form: 1 if generated else 0}: what the build stores so that loading needs no generation."""
        out: dict[str, dict[str, int]] = {}
        for form, ids in self._forms.items():
            for pid, gen in ids.items():
                out.setdefault(pid, {})[form] = int(gen)
        return out

    # ------------------------------------------------------------------ public API
    def get(self, place_id: str) -> Place:
        try:
            return self._places[place_id]
        except KeyError:
            raise UnknownPlaceError(f"no place with id {place_id!r} in the gazetteer") from None

    def in_world_tier(self, place_id: str) -> bool:
        """Whether the place is of the thin world tier (towns and regions outside the core countries, built by
        scripts/gazetteer_world.py): news names those capitals mostly for their governments, so callers may ask
        more of the context before taking one as an act's place."""
        return place_id in self._vetted

    def __len__(self) -> int:
        return len(self._places)

    def places(self) -> Iterator[Place]:
        return iter(self._places.values())

    def mostly_a_word(self, folded_form: str) -> bool:
        """Whether the news corpus uses the form mostly as a word, not after a place cue (`FormSafety.mostly_a_word`)."""
        return self._safety.mostly_a_word(clean_form(folded_form))

    def is_safe_form(self, form: str) -> bool:
        """Whether `form` may be matched in running text (see `FormSafety`)."""
        safe = self._safe_cache.get(form)
        if safe is None and min(self._forms.get(form, {"": 0}).values()) == TRANSLIT:
            population = max(self._places[pid].population for pid in self._forms[form])
            safe = self._safe_cache[form] = transliterated_form_is_safe(form, self._safety, population)
        if safe is None:
            owners = [self._places[pid] for pid, gen in self._forms.get(form, {}).items() if not gen]
            trusted = any(p.kind in _TRUSTED_KINDS or p.id in self._vetted for p in owners)
            # A big town's lower bar holds for its own name only: an alternate spelling GeoNames lists ("امان" for
            # Amman, also أمان "safety", whose "في أمان" fools the cue count) meets the ordinary bar.
            population = max((p.population for p in owners if clean_form(p.name_ar) == form), default=0)
            safe = self._safe_cache[form] = self._safety.is_safe(form, trusted, population)
        return safe

    def is_common_word(self, form: str) -> bool:
        """A folded word the curated terms say is never a place name (a generic noun such as قرية, or a word in
        `never_safe` such as قريتين 'two villages'): no recogniser should take it for a town, not even by sound."""
        return form in self._safety.generic or form in self._safety.never_safe

    def surface_forms(self) -> Iterator[tuple[str, str]]:
        """(folded form, place id) for every form that is safe to match in running text, and each country name that
        is an everyday word (`never_safe`: مالي 'financial', توغو) with a word that makes it a name before it
        (`country_cues`: "شمال مالي", "دولة توغو")."""
        for form, ids in self._forms.items():
            if self.is_safe_form(form):
                for pid in ids:
                    yield form, pid
        for form in sorted(self._safety.never_safe):
            for pid, generated in self._forms.get(form, {}).items():
                if not generated and self._places[pid].kind == "country":
                    for cue in self._terms.country_cues:
                        yield f"{cue} {form}", pid

    def flagged_forms(self) -> Iterator[tuple[str, str]]:
        """(form, place id) for forms that are NOT safe alone (عنه, حديثه, القايم): a recogniser may still accept
        them after a designator or place cue (في قضاء عنه is covered by the safe form قضاء عنه already)."""
        for form, ids in self._forms.items():
            if not self.is_safe_form(form):
                for pid in ids:
                    yield form, pid

    def form_level(self, form: str, place_id: str) -> int | None:
        """How `place_id` has the cleaned `form`: 0 written, 1 generated, 2 transliterated (`TRANSLIT`), None not."""
        return self._forms.get(form, {}).get(place_id)

    def candidates(self, folded_form: str) -> list[Place]:
        """All places with that form (safe or not), best first without context (memoised per form: every
        mention of a place asks again)."""
        found = self._candidates_cache.get(folded_form)
        if found is None:
            if len(self._candidates_cache) >= 50_000:  # bounded: callers may ask for any text
                self._candidates_cache.clear()
            found = self._candidates_cache[folded_form] = tuple(self._rank(clean_form(folded_form), (), ()))
        return list(found)

    def resolve(self, folded_form: str, context_iso3: Sequence[str] = (),
                context_admin1: Sequence[str] = ()) -> Place | None:
        """The best place for a form given the countries and admin1 units (names, ids or p-codes) in the article.

        A form not in the gazetteer but starting with a designator (مدينه, محافظه...) is retried without it,
        keeping only places of the designator's kinds.
        """
        form = clean_form(folded_form)
        ranked = self._rank(form, context_iso3, context_admin1)
        if ranked:
            return ranked[0]
        head, _, rest = form.partition(" ")
        kinds = {k for k, words in self._terms.designators.items() if head in words}
        if kinds and rest:
            ranked = [p for p in self._rank(rest, context_iso3, context_admin1) if p.kind in kinds]
            return ranked[0] if ranked else None
        return None

    def admin_for_point(self, lat: float, lon: float) -> dict:
        """{"country","iso3","admin1","admin2","admin3","admin1_pcode","admin2_pcode","admin3_pcode"} of a point."""
        try:
            lat, lon = float(lat), float(lon)
        except (TypeError, ValueError):
            raise InputError(f"coordinates must be numbers, got {lat!r}, {lon!r}") from None
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            raise InputError(f"coordinates out of range: {lat}, {lon}")
        if self._index is None:
            self._index = self._build_index()
        return self._index.lookup(lat, lon)

    def country(self, iso3: str) -> Place:
        return self.get(f"country:{str(iso3).upper()}")

    def capital(self, iso3: str) -> Place | None:
        """The country's capital (GeoNames feature PPLC), for "العاصمة العراقية"; None when the data has none."""
        if self._capitals is None:
            self._capitals = {}
            for p in self._places.values():
                if p.feature == "PPLC" and p.iso3:
                    self._capitals.setdefault(p.iso3, p)
        return self._capitals.get(str(iso3).upper())

    def countries_by_adjective(self) -> dict[str, str]:
        """Folded nationality adjectives in all their inflections (عراقي, العراقيه, عراقيين...) -> iso3."""
        out: dict[str, str] = {}
        for iso3, bases in self._adj_bases.items():
            for base in bases:
                toks = base.split(" ")
                for suffix in _ADJ_SUFFIXES:
                    out[" ".join(t + suffix for t in toks)] = iso3
                    out[" ".join("ال" + t + suffix for t in toks)] = iso3
        return out

    def add(self, place: Place, forms_ar: Iterable[str]) -> None:
        """Add or replace a place (e.g. from a user's --kb-extra file) under its Arabic forms and their variants."""
        if not isinstance(place, Place):
            raise KBError(f"expected a Place, got {type(place).__name__}")
        if place.kind not in KINDS:
            raise KBError(f"place {place.id}: unknown kind {place.kind!r} (expected one of {', '.join(KINDS)})")
        self._store(place)
        self._safe_cache.clear()
        self._candidates_cache.clear()
        forms = [f for f in {clean_form(n) for n in [place.name_ar, *forms_ar]} if f]
        if not forms:
            raise KBError(f"place {place.id}: no Arabic name to index")
        for f in forms:
            self._register(f, place.id, generated=False)
        self._generate(place, forms)

    # ------------------------------------------------------------------ ranking
    def _rank(self, form: str, context_iso3: Sequence[str], context_admin1: Sequence[str]) -> list[Place]:
        ids = self._forms.get(form)
        if not ids:
            return []
        ctx_iso3 = {str(c).upper() for c in context_iso3}
        ctx_a1 = {str(c).lower() for c in context_admin1} | {clean_form(str(c)) for c in context_admin1}

        def tier(p: Place) -> tuple[int, int]:
            in_country = 0 if not ctx_iso3 or p.iso3 in ctx_iso3 else 1
            return in_country, 0 if not ctx_a1 or self._in_admin1(p, ctx_a1) else 1

        def key(p: Place) -> tuple:
            rank = KIND_RANK.get(p.kind, 9)
            if p.kind == "populated" and (p.feature == "PPLC" or p.population >= _MAJOR_CITY):
                rank = _MAJOR_CITY_RANK  # الرياض is Riyadh before a sub-district of Kirkuk
            return (*tier(p), ids[p.id], rank, -p.population, p.id)

        ranked = sorted((self._places[i] for i in ids), key=key)
        best = ranked[0]
        if best.kind in _ADMIN_LEVEL:  # seat rule
            for p in ranked[1:]:
                if p.kind == "populated" and tier(p) == tier(best) and self._is_seat(p, best):
                    ranked.remove(p)
                    ranked.insert(0, p)
                    break
        return ranked

    def _in_admin1(self, p: Place, ctx: set[str]) -> bool:
        if p.admin1 is None:
            return False
        keys = self._admin1_keys.get((p.iso3, p.admin1))
        if keys is None:
            a1 = self._admin1.get((p.iso3, p.admin1))
            keys = {p.admin1.lower()}
            if a1:
                keys |= {a1.id.lower(), (a1.pcode or "").lower(), clean_form(a1.name_ar)}
            keys = self._admin1_keys[(p.iso3, p.admin1)] = frozenset(keys - {""})
        return not keys.isdisjoint(ctx)

    @staticmethod
    def _is_seat(town: Place, unit: Place) -> bool:
        """The town is the unit's seat: its point is the unit's point (curated seats), or it is big enough and
        lies in the unit (polygon admin chain) or close to the unit's point."""
        if town.iso3 != unit.iso3:
            return False
        km = (haversine_km(town.lat, town.lon, unit.lat, unit.lon)
              if None not in (town.lat, town.lon, unit.lat, unit.lon) else None)
        if km is not None and km <= 1.0:
            return True
        level = _ADMIN_LEVEL[unit.kind]
        inside = (town.admin1, town.admin2, town.admin3)[level] == unit.name_en
        if inside and unit.kind != "admin1":  # a same-named town inside a district is its seat (GeoNames often
            return True  # has no population for it: Tall Afar)
        if town.population < _SEAT_MIN_POPULATION[unit.kind]:
            return False
        return inside or (km is not None and km <= _SEAT_MAX_KM)

    def _build_index(self) -> AdminIndex:
        units = []
        for f in self._admin_features:
            pr = f["properties"]
            units.append(AdminUnit("IRQ", "Iraq", (pr["adm1_en"], pr["adm2_en"], pr["adm3_en"]),
                                   (pr["adm1_pcode"], pr["adm2_pcode"], pr["adm3_pcode"])))
        points = []
        for p in self._places.values():
            if p.kind == "populated" and p.lat is not None and p.lon is not None:
                a1 = self._admin1.get((p.iso3, p.admin1)) if p.admin1 else None
                points.append((p.lat, p.lon, AdminUnit(p.iso3, p.country, (p.admin1, None, None),
                                                       (a1.pcode if a1 else None, None, None))))
        return AdminIndex([f["geometry"] for f in self._admin_features], units, points)


_OPTIONAL = {"admin1", "admin2", "admin3", "lat", "lon", "pcode"}
_FIELDS = tuple(f.name for f in dataclasses.fields(Place))
_POPULATION = _FIELDS.index("population")


def _place_from_record(rec: dict) -> Place:
    try:
        values = [rec.get(f) if f in _OPTIONAL else rec[f] for f in _FIELDS]
        values[_POPULATION] = int(rec["population"] or 0)
        return Place(*values)
    except (KeyError, TypeError, ValueError) as exc:
        raise KBError(f"malformed place record {rec.get('id', '?')!r}: missing or bad {exc}") from None


def _data(name: str):
    return resources.files("rasd.kb").joinpath("data", name)


def load_terms() -> Terms:
    raw = yaml.load(_data("places_terms.yaml").read_text(encoding="utf-8"), Loader=_YAML_LOADER)  # noqa: S506

    def cl(words: Iterable[str]) -> tuple[str, ...]:
        return tuple(clean_form(w) for w in words)

    generic = set(cl(raw["generic"]))
    generic |= {w[2:] for w in generic if w.startswith("ال") and len(w) >= 5}
    return Terms(designators={k: cl(v) for k, v in raw["designators"].items()},
                 landmark_heads={k: cl(v) for k, v in raw["landmark_heads"].items()},
                 landmark_suffixes=cl(raw["landmark_suffixes"]), generic=frozenset(generic),
                 never_safe=frozenset(cl(raw.get("never_safe", []))), bare_core=frozenset(raw.get("bare_core", [])),
                 person_titles=frozenset(cl(raw.get("person_titles", []))),
                 country_cues=cl(raw.get("country_cues", [])))


def load_word_counts() -> dict[str, tuple[int, int]]:
    """Each word's count in the news corpus and how often a place cue preceded it (FormSafety's evidence). Read
    before a parallel run's workers start, so kept in the cache of plain values after the first read
    (rasd.plain_cache: ~3x faster than the gzip text)."""
    from rasd.plain_cache import remembered

    return remembered("place-word-counts", _read_word_counts)


def _read_word_counts() -> dict[str, tuple[int, int]]:
    counts: dict[str, tuple[int, int]] = {}
    with gzip.open(_data("places_wordfreq.tsv.gz").open("rb"), "rt", encoding="utf-8") as f:
        next(f)
        for line in f:
            word, n, cued = line.rstrip("\n").split("\t")
            counts[word] = (int(n), int(cued))
    return counts


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer (cached: every caller shares one instance, including places added with `add`).

    What the constructor computes from the 17,000 records (the places, every form and its generated spellings) is
    kept in the cache of plain values after the first build (rasd.plain_cache, keyed by the package's files): a
    parallel run loads the gazetteer before its workers start, and reading that back costs a fraction of parsing
    and generating (~0.4 CPU s)."""
    from rasd.plain_cache import remembered

    built: list[Gazetteer] = []
    try:
        terms = load_terms()
        safety = FormSafety(load_word_counts(), terms.generic, terms.never_safe)
        features = json.loads(_data("admin3_iraq.geojson").read_text(encoding="utf-8"))["features"]

        def build() -> tuple:
            with gzip.open(_data("places.jsonl.gz").open("rb"), "rt", encoding="utf-8") as f:
                records = json.loads("[" + ",".join(f) + "]")  # one parse of all the lines: 17,000 calls cost 3x
            built.append(Gazetteer(records, safety, terms, features))
            return built[0].built_state()

        state = remembered("gazetteer", build)
    except (OSError, ValueError, KeyError, yaml.YAMLError) as exc:
        raise KBError(f"cannot read the gazetteer data in rasd/kb/data: {exc}") from exc
    return built[0] if built else Gazetteer.from_state(state, safety, terms, features)
