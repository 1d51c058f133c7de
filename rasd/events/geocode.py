"""Where an event happened: relative-location phrases, geodesic offsets and ACLED geo-precision.

News rarely names the exact spot: it says "45 km north of the al-Waleed crossing", "near the Syrian border",
"south-east of Baghdad". This module reads those phrases around a place mention (on folded text, so spelling
variants do not matter) and turns them into a point and an ACLED geo-precision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rasd.kb.rules import load_rules
from rasd.text.normalize import fold

RULES = load_rules("geocode")

# Compass words (folded) -> bearing in degrees. Compound directions are matched first (longest alternation first).
_DIRECTIONS: dict[str, float] = RULES.table("direction_bearings")
_DIR_ALT = "|".join(sorted((re.escape(d) for d in _DIRECTIONS), key=len, reverse=True))
_UNITS = RULES.table("distance_units")
_UNIT_ALT = "|".join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True))

_OFFSET_RE = RULES["offset"]
_DIR_BEFORE_RE = RULES["dir_before"]
_NEAR_RE = RULES["near"]
_ROAD_RE = RULES["road"]
_SECTOR_RE = RULES["sector"]
_BETWEEN_RE = RULES["between"]
_AREA_RE = RULES["area"]
_WITHIN_RE = RULES["within"]


@dataclass(frozen=True, slots=True)
class Relation:
    """How a place is tied to the event: at it, near it, or offset from it."""

    kind: str  # "at" | "near" | "direction" | "offset" | "road" | "between" | "area" | "within"
    start: int  # start (in folded prefix coordinates, relative) of the phrase; used to extend the evidence span
    km: float | None = None
    bearing_deg: float | None = None


@lru_cache(maxsize=4096)
def relation_before(folded_prefix: str) -> Relation:
    """Classify the words just before a place mention (folded text ending right before the place name).

    Memoised (a Relation is immutable): each candidate event of a sentence asks again about the same places."""
    tail = folded_prefix[-80:]
    base = len(folded_prefix) - len(tail)
    m = _OFFSET_RE.search(tail)
    if m:
        km = float(m.group("num")) * _UNITS[m.group("unit")]
        # Also swallow "على بعد" / "مسافة" / "يبعد" before the number, for the evidence span only.
        return Relation("offset", base + m.start(), km=km, bearing_deg=_DIRECTIONS[m.group("dir")])
    m = _DIR_BEFORE_RE.search(tail)
    if m:
        return Relation("direction", base + m.start("dir"), bearing_deg=_DIRECTIONS[m.group("dir")])
    m = _NEAR_RE.search(tail)
    if m:
        return Relation("near", base + m.start() + (1 if tail[m.start():m.start() + 1].isspace() else 0))
    m = _SECTOR_RE.search(tail)
    if m:
        return Relation("near", base + m.start() + (1 if tail[m.start():m.start() + 1].isspace() else 0))
    m = _BETWEEN_RE.search(tail)
    if m:
        return Relation("between", base + m.start() + (1 if tail[m.start():m.start() + 1].isspace() else 0))
    m = _ROAD_RE.search(tail)
    if m:
        return Relation("road", base + m.start() + (1 if tail[m.start():m.start() + 1].isspace() else 0))
    m = _AREA_RE.search(tail)
    if m:
        return Relation("area", base + m.start("w"))
    m = _WITHIN_RE.search(tail)
    if m:
        return Relation("within", len(folded_prefix))
    return Relation("at", len(folded_prefix))


@lru_cache(maxsize=1)
def _geod():
    from pyproj import Geod

    return Geod(ellps="WGS84")


def offset_point(lat: float, lon: float, km: float, bearing_deg: float) -> tuple[float, float]:
    """The point `km` kilometres from (lat, lon) along `bearing_deg` (geodesic on WGS84)."""
    lon2, lat2, _ = _geod().fwd(lon, lat, bearing_deg, km * 1000.0)
    return round(lat2, 5), round(lon2, 5)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Geodesic distance between two (lat, lon) points in km."""
    _, _, metres = _geod().inv(a[1], a[0], b[1], b[0])
    return metres / 1000.0


def bearing_agrees(origin: tuple[float, float], point: tuple[float, float], bearing_deg: float,
                   tolerance_deg: float = 45.0) -> bool:
    """Does `point` lie in the compass direction `bearing_deg` from `origin` (within `tolerance_deg`)? "الإسماعيلية
    التي تقع شمال شرقي القاهرة": Ismailia does lie north-east of Cairo, so the phrase places it, whatever the distance."""
    azimuth, _, _ = _geod().inv(origin[1], origin[0], point[1], point[0])
    return abs((azimuth - bearing_deg + 180.0) % 360.0 - 180.0) <= tolerance_deg


#: Place kinds from most to least specific, for choosing among several places tied to one event.
#: A city quarter ("حي الزعفرانية") is more specific than the city it lies in.
SPECIFICITY: dict[str, float] = {"landmark": 0, "site": 0, "quarter": 0.5, "populated": 1, "admin3": 2, "admin2": 3, "region": 4,
                                 "small_area": 4, "admin1": 5, "country": 6}
_REGION_LEVELS: dict[str, str] = RULES.table("region_levels")
_LANDMARK_LEVELS: dict[str, str] = RULES.table("landmark_levels")


def place_level(place) -> str:
    """The kind of a gazetteer place for choosing and for geo-precision: its `kind`, except for a region, which
    its feature makes a city "quarter", a "small_area" (a mountain, a plain) or a large "region" (`region_levels`),
    and for a landmark, which is a "site" outside a town when its feature says so (`landmark_levels`)."""
    if place.kind == "region":
        return _REGION_LEVELS.get(getattr(place, "feature", None) or "", "region")
    if place.kind == "landmark":
        return _LANDMARK_LEVELS.get(getattr(place, "feature", None) or "", "landmark")
    return place.kind


def is_large_city(place) -> bool:
    """A capital or a city of at least the gazetteer's major-city size: ACLED codes its named quarters as
    "City - District" at precision 1 (2.3), so an area "in" it ("منطقة الصوابر بالكويت") is the city, not near it."""
    from rasd.kb.gazetteer import MAJOR_CITY

    return place.kind == "populated" and (place.feature == "PPLC" or (place.population or 0) >= MAJOR_CITY)


def geo_precision(place_kind: str, relation: str, population: int = 0) -> int:
    """ACLED geo-precision for an event tied to a place of `place_kind` by `relation`.

    1: the named town or site itself, a quarter of a city ("City - District", ACLED 2.3), or a sub-district named
    by itself ("ناحية كبيسة", "ناحية بني سعد": Iraq's and Syria's sub-districts are named after, and coded to, their
    seat town); 2: near it, offset from it, its countryside, a village placed only by it, a district, or a small
    named area (a mountain, a plain: ACLED's "general area" coded to a town that stands for it), or an installation
    outside a town (an air base, a border crossing, a dam);
    3: a province, a large region, a border area, or only the country.
    """
    if place_kind in ("admin1", "region", "country"):
        return 3
    if place_kind in ("admin2", "small_area", "site") or (place_kind == "admin3" and relation != "at"):
        return 2
    if relation in ("near", "direction", "offset", "road", "between", "area", "within"):
        return 2
    return 1


@lru_cache(maxsize=4096)
def fold_prefix(text: str, start: int) -> str:
    """Folded text of the 120 characters before `start` (for relation_before). Memoised: the location stage asks
    for the same place's prefix once per candidate event and per check (the key's text is the article's own
    string, so a hit compares it by identity)."""
    return fold(text[max(0, start - 120):start])
