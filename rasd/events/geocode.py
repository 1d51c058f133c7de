"""Where an event happened: relative-location phrases, geodesic offsets and ACLED geo-precision.

News rarely names the exact spot: it says "45 km north of the al-Waleed crossing", "near the Syrian border",
"south-east of Baghdad". This module reads those phrases around a place mention (on folded text, so spelling
variants do not matter) and turns them into a point and an ACLED geo-precision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rasd.text.normalize import fold

# Compass words (folded) -> bearing in degrees. Compound directions are matched first (longest alternation first).
_DIRECTIONS: dict[str, float] = {
    "شمال شرق": 45.0, "شمال شرقي": 45.0, "شمالي شرق": 45.0, "شمالي شرقي": 45.0,
    "شمال غرب": 315.0, "شمال غربي": 315.0, "شمالي غرب": 315.0, "شمالي غربي": 315.0,
    "جنوب شرق": 135.0, "جنوب شرقي": 135.0, "جنوبي شرق": 135.0, "جنوبي شرقي": 135.0,
    "جنوب غرب": 225.0, "جنوب غربي": 225.0, "جنوبي غرب": 225.0, "جنوبي غربي": 225.0,
    "شمال": 0.0, "شمالي": 0.0, "جنوب": 180.0, "جنوبي": 180.0,
    "شرق": 90.0, "شرقي": 90.0, "غرب": 270.0, "غربي": 270.0,
}
_DIR_ALT = "|".join(sorted((re.escape(d) for d in _DIRECTIONS), key=len, reverse=True))
_UNITS = {"كم": 1.0, "كيلومتر": 1.0, "كيلومترات": 1.0, "كيلو متر": 1.0, "كيلومترا": 1.0, "كلم": 1.0, "ميل": 1.609,
          "اميال": 1.609, "متر": 0.001, "مترا": 0.001, "امتار": 0.001}
_UNIT_ALT = "|".join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True))

# "(على بعد|مسافة|يبعد) 45 كم شمال (مدينة|معبر)?" immediately before the anchor name.
_OFFSET_RE = re.compile(
    rf"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>{_UNIT_ALT})\s+(?:(?:الى|الي|إلى)\s+)?(?:ال)?(?P<dir>{_DIR_ALT})"
    r"(?:\s+(?:مدينه|بلده|قضاء|ناحيه|محافظه|منطقه|قريه|معبر|مطار|قاعده))?\s*$"
)
_OFFSET_RE = re.compile(fold(_OFFSET_RE.pattern))  # literals are matched against folded text
_DIR_BEFORE_RE = re.compile(
    rf"(?:^|[\s(\-])(?:[وف]?(?:ب|ل)?(?:ال)?)(?P<dir>{_DIR_ALT})"
    r"(?:\s+(?:مدينه|بلده|قضاء|ناحيه|محافظه|منطقه|قريه|معبر|مطار|قاعده|العاصمه))?\s*$"
)
_DIR_BEFORE_RE = re.compile(fold(_DIR_BEFORE_RE.pattern))  # literals are matched against folded text
_NEAR_RE = re.compile(
    r"(?:^|\s)(?:[وف]?(?:ب)?(?:القرب من|قرب|بالقرب من|مقربه من|اطراف|ضواحي|محيط|اطراف مدينه|اطراف بلده|اطراف ناحيه"
    r"|قريبا من|علي مشارف|مشارف|اطراف قضاء|اطراف محافظه|اطراف منطقه|محيط مدينه|ضواحي مدينه|اطراف|اطرف)"
    r"|اطراف|ضواحي|محيط)(?:\s+(?:مدينه|بلده|قضاء|ناحيه|منطقه|قريه|معبر|مطار|قاعده))?\s*$"
    r"|(?:^|\s)(?:ال)?(?:محيطه|محيط|مجاوره|قريبه)\s+(?:ب|ل|من\s+)(?:مدينه|بلده|قريه|مخيم|منطقه)?\s*$"
)
_NEAR_RE = re.compile(fold(_NEAR_RE.pattern))  # literals are matched against folded text
_ROAD_RE = re.compile(r"(?:^|\s)[وف]?(?:ب|ل)?(?:علي\s+)?(?:ال)?طريق(?:\s+\S+){0,2}\s*$")
_ROAD_RE = re.compile(fold(_ROAD_RE.pattern))  # literals are matched against folded text
_BETWEEN_RE = re.compile(r"(?:^|\s)[وف]?بين(?:\s+(?:مدينتي|بلدتي|منطقتي|قضائي))?\s*$")
_BETWEEN_RE = re.compile(fold(_BETWEEN_RE.pattern))  # literals are matched against folded text
# "بريف حلب الشمالي", "في ريف X", "الريف الشمالي لـX": the countryside of a town, a general area it stands for.
_AREA_RE = re.compile(r"(?:^|\s)(?:في\s+)?(?P<w>[وف]?ب?(?:ال)?(?:ريف|ارياف|باديه)(?:\s+(?:ال)?(?:شمالي|جنوبي|شرقي|غربي)"
                      r"(?:\s+(?:ال)?(?:شرقي|غربي))?\s+(?:ل|من\s+)?)?(?:\s*(?:مدينه|بلده))?)\s*$")
_AREA_RE = re.compile(fold(_AREA_RE.pattern))  # literals are matched against folded text
# "في قرية قصر البريج في ريف ..." / "بلدة تل السمن بريف ..." / "قرية X التابعة لمدينة ...": a village or farm the
# gazetteer does not know, placed by the town after it. ACLED codes it to that town as "near" (2). Not "حي":
# a named quarter of a city is coded to the city itself (1).
_WITHIN_RE = re.compile(r"(?:^|\s)[وف]?(?:ب|في\s+)?(?:قريه|قريتي|قري|بلده|بلدتي|بلدات|مزرعه|مزارع|تله|مخيم)\s+\S+(?:\s+\S+){0,2}?"
                        r"\s+(?:في\s+|ب|التابعه\s+ل|التابع\s+ل|من\s+)(?:\S+\s+){0,2}?$")
_WITHIN_RE = re.compile(fold(_WITHIN_RE.pattern))  # literals are matched against folded text


@dataclass(frozen=True, slots=True)
class Relation:
    """How a place is tied to the event: at it, near it, or offset from it."""

    kind: str  # "at" | "near" | "direction" | "offset" | "road" | "between" | "area" | "within"
    start: int  # start (in folded prefix coordinates, relative) of the phrase; used to extend the evidence span
    km: float | None = None
    bearing_deg: float | None = None


def relation_before(folded_prefix: str) -> Relation:
    """Classify the words just before a place mention (folded text ending right before the place name)."""
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


#: Place kinds from most to least specific, for choosing among several places tied to one event.
SPECIFICITY: dict[str, int] = {"landmark": 0, "populated": 1, "admin3": 2, "admin2": 3, "region": 4, "admin1": 5,
                               "country": 6}


def geo_precision(place_kind: str, relation: str, population: int = 0) -> int:
    """ACLED geo-precision for an event tied to a place of `place_kind` by `relation`.

    1: the named town or site itself; 2: near it, offset from it, its countryside, a village placed only by it, or a
    small area (district, sub-district);
    3: a province, a large region, a border area, or only the country.
    """
    if place_kind in ("admin1", "region", "country"):
        return 3
    if place_kind in ("admin2", "admin3"):
        return 2
    if relation in ("near", "direction", "offset", "road", "between", "area", "within"):
        return 2
    return 1


def fold_prefix(text: str, start: int) -> str:
    """Folded text of the 120 characters before `start` (for relation_before)."""
    return fold(text[max(0, start - 120):start])
