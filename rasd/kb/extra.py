"""User extensions of the KB (`--kb-extra FILE`): YAML files adding places and actors without editing rasd.

File format (both sections optional, at least one required):

    places:
      - id: user:ain_al_asad          # unique id
        name_en: Ain al-Asad Air Base
        name_ar: قاعدة عين الأسد        # string; aliases_ar adds more spellings
        aliases_ar: [عين الأسد, قاعدة عين الاسد الجوية]
        kind: landmark                 # optional (default "landmark"); feature optional
        iso3: IRQ
        admin1: Anbar                  # optional admin1..admin3
        lat: 33.8006
        lon: 42.4412
    actors:
      - id: user:tribal_hashd_anbar
        name: Tribal Mobilization Forces (Anbar)
        inter: Identity militia        # one of ACLED's actor types
        iso3: IRQ                      # or null
        aliases_ar: [حشد الأنبار العشائري]

Every problem is reported as a KBError naming the file and the entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rasd.errors import KBError
from rasd.kb.actors import _actor_from
from rasd.kb.lexicon import _str_list, expand_forms, read_yaml

if TYPE_CHECKING:
    from rasd.kb import KnowledgeBase


@dataclass(frozen=True, slots=True)
class ExtraPlace:
    """A user place, used only when the gazetteer's own Place class cannot be imported."""

    id: str
    name_en: str
    name_ar: str
    kind: str = "landmark"
    feature: str | None = None
    iso3: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int | None = None
    pcode: str | None = None
    source: str = ""


def _make_place(fields: dict[str, Any]) -> Any:
    """Build the gazetteer's Place when available (so the rest of rasd sees one type), else an ExtraPlace."""
    try:
        from rasd.kb.gazetteer import Place
    except ImportError:
        return ExtraPlace(**fields)
    try:
        return Place(**fields)
    except TypeError:
        return ExtraPlace(**fields)


def _place_fields(entry: Any, where: str, kb: KnowledgeBase) -> tuple[dict[str, Any], list[str]]:
    if not isinstance(entry, dict):
        raise KBError(f"{where}: expected a mapping")
    for key in ("id", "name_en", "name_ar"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise KBError(f"{where}: missing or empty '{key}'")
    pid = entry["id"]
    try:
        lat, lon = float(entry["lat"]), float(entry["lon"])
    except (KeyError, TypeError, ValueError) as exc:
        raise KBError(f"{where} ({pid}): 'lat' and 'lon' must be numbers") from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise KBError(f"{where} ({pid}): coordinates {lat}, {lon} are outside WGS84 range")
    iso3 = entry.get("iso3")
    if iso3 is not None and (not isinstance(iso3, str) or len(iso3) != 3 or not iso3.isalpha()):
        raise KBError(f"{where} ({pid}): iso3 must be a 3-letter country code, got {iso3!r}")
    fields = {
        "id": pid, "name_en": entry["name_en"].strip(), "name_ar": entry["name_ar"].strip(),
        "kind": str(entry.get("kind") or "landmark"), "feature": entry.get("feature"),
        "iso3": iso3.upper() if iso3 else None,
        "country": entry.get("country") or (kb.country_name(iso3.upper())[0] if iso3 else None),
        "admin1": entry.get("admin1"), "admin2": entry.get("admin2"), "admin3": entry.get("admin3"),
        "lat": lat, "lon": lon, "population": entry.get("population"), "pcode": entry.get("pcode"),
        "source": str(entry.get("source") or "user extra file"),
    }
    aliases = [entry["name_ar"], *_str_list(entry.get("aliases_ar"), f"{where} ({pid})", "aliases_ar")]
    return fields, sorted(expand_forms(aliases))


def apply_extra(kb: KnowledgeBase, path: Path) -> None:
    """Validate one extra file completely, then add its places to the gazetteer and its actors to the KB."""
    data = read_yaml(path)
    if isinstance(data, dict) and set(data) - {"places", "actors"}:
        unknown = sorted(map(str, set(data) - {"places", "actors"}))
        raise KBError(f"{path}: unknown section(s) {unknown}; expected 'places' and/or 'actors'")
    if not isinstance(data, dict) or not data:
        raise KBError(f"{path}: expected a mapping with a 'places' and/or 'actors' list")
    places = data.get("places") or []
    actors = data.get("actors") or []
    if not isinstance(places, list) or not isinstance(actors, list):
        raise KBError(f"{path}: 'places' and 'actors' must be lists")
    new_places = [_place_fields(e, f"{path}: places[{i}]", kb) for i, e in enumerate(places)]
    seen: set[str] = set()
    for i, (fields, _) in enumerate(new_places):
        if fields["id"] in seen:
            raise KBError(f"{path}: places[{i}]: duplicate place id '{fields['id']}'")
        seen.add(fields["id"])
    new_actors = []
    for i, e in enumerate(actors):
        actor, inflect, plural = _actor_from(e, f"{path}: actors[{i}]")
        new_actors.append((actor, inflect, plural, f"{path}: actors[{i}]"))
    for fields, forms in new_places:
        kb.gazetteer.add(_make_place(fields), forms)
    for actor, inflect, plural, where in new_actors:
        kb.actor_table.add(actor, inflect, plural, where)
    kb._surface = None  # forms changed: rebuild the index (and the matcher's automaton) on next use
    kb._english = None
