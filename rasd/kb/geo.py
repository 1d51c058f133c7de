"""Geographic building blocks of the gazetteer: the `Place` record, Arabic name variants, and point lookups.

Why this is separate from `gazetteer.py`: the build script (scripts/build_gazetteer.py) needs the very same name
cleaning and point-in-polygon code as the runtime loader, so that what is checked at build time is what runs.

Name variants are GENERATED here from the names in the data, never typed by hand: folding (hamza, alef, yaa,
taa marbuta) comes from `rasd.text.normalize.fold`; on top of it we drop or keep the article ال, drop a final hamza
(سامراء / سامرا), swap ابي/ابو and بني/بنو, split or join تل/دير/ابو/عبد/كفر/البو compounds (تلعفر / تل عفر) and put the
administrative designator in front (محافظه الانبار, قضاء الدور). Whether a form is safe to match in running text
is decided from word counts of a news corpus (see `FormSafety`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rasd.text.normalize import fold

KINDS = ("country", "admin1", "admin2", "admin3", "populated", "landmark", "region")
# Lower is preferred when a form names several places (brief: admin > landmark > populated, then population).
KIND_RANK = {"country": 0, "admin1": 1, "admin2": 2, "admin3": 3, "landmark": 4, "region": 4, "populated": 5}


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry; English names follow COD-AB / OCHA / GeoNames spelling."""

    id: str
    name_en: str
    name_ar: str
    kind: str
    feature: str
    iso3: str
    country: str
    admin1: str | None
    admin2: str | None
    admin3: str | None
    lat: float | None
    lon: float | None
    population: int
    pcode: str | None
    source: str


# Letters of Persian / Kurdish spelling that Arabic news writes with Arabic letters.
_LETTER_MAP = str.maketrans({"پ": "ب", "چ": "ج", "ژ": "ج", "گ": "ك", "ڤ": "ف", "ە": "ه", "ێ": "ي", "ۆ": "و",
                             "ڵ": "ل", "ڕ": "ر", "ۇ": "و", "ڭ": "ك", "ٹ": "ت", "ڈ": "د", "ڑ": "ر", "ں": "ن"})
_NON_LETTER = re.compile(r"[^\u0621-\u064a0-9 ]+")
_SPACES = re.compile(r" +")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")


_HAMZA_SEATS = frozenset("أإؤئ")
_ANY_HAMZA = frozenset("أإآؤئء")
_PROCLITICS = ("وال", "فال", "بال", "لل", "ال", "و", "ف", "ب", "ل", "ك")


def hamza_clash(text: str, name_ar: str) -> bool:
    """Does `text` write a hamza inside a word where the place's Arabic name `name_ar` has none ("بفأس", with an
    axe, is not Fes, فاس; "تيأس" is not Tiyas)? Folding erases the hamza, so the folded forms match. Writers often
    leave a hamza out but seldom put one inside a word where the name has none; an initial one ("أوسلو") is spelling,
    so only a hamza after a word's first letter (proclitics and the article set aside) counts."""
    if _ANY_HAMZA & set(name_ar):
        return False
    for word in text.split():
        for clitic in _PROCLITICS:
            if word.startswith(clitic) and len(word) - len(clitic) >= 3:
                word = word[len(clitic):]
                break
        if _HAMZA_SEATS & set(word[1:]):
            return True
    return False


def clean_form(text: str) -> str:
    """Fold a name to the form the recogniser sees: folded letters, ASCII digits (الفرقه 17), single spaces."""
    folded = fold(text).translate(_LETTER_MAP)
    folded = _NON_LETTER.sub(" ", folded)
    return _SPACES.sub(" ", folded).strip()


def is_arabic_name(text: str) -> bool:
    """True when `text` is written in Arabic script (GeoNames mixes Latin, Cyrillic, CJK... alternates)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all("\u0600" <= c <= "\u06ff" or "\ufb50" <= c <= "\ufeff" for c in letters)


_SWAPS = {"ابي": "ابو", "ابو": "ابي", "بني": "بنو", "بنو": "بني"}
_JOINABLE = ("دير", "تل", "ابو", "عبد", "كفر", "البو")  # البو: the clan prefix of Iraqi and Syrian towns


def name_variants(form: str) -> set[str]:
    """Spelling variants of one cleaned name (including itself)."""
    if not form:
        return set()
    out = {form}
    toks = form.split(" ")
    first = toks[0]
    if first.startswith("ال") and len(first) >= 5:  # الموصل -> موصل; but not الحي -> حي
        out.add(" ".join([first[2:], *toks[1:]]))
    for i, tok in enumerate(toks):
        if tok in _SWAPS:
            out.add(" ".join([*toks[:i], _SWAPS[tok], *toks[i + 1:]]))
    if len(toks) == 2 and first in _JOINABLE:
        out.add(first + toks[1])  # دير الزور -> ديرالزور
    if len(toks) == 1 and first.startswith("تل") and len(first) >= 5:
        out.add("تل " + first[2:])  # تلعفر -> تل عفر
    if len(toks) == 1 and first.startswith("كفر") and len(first) >= 6:
        out.add("كفر " + first[3:])  # كفرنبل -> كفر نبل
    if len(toks) == 1 and first.startswith("البو") and len(first) >= 7:
        out.add("البو " + first[4:])  # البوكمال -> البو كمال
    for f in list(out):
        if f.endswith("اء") and len(f) >= 5:  # سامراء -> سامرا, كربلاء -> كربلا
            out.add(f[:-1])
    return out


@dataclass(frozen=True, slots=True)
class Terms:
    """Curated Arabic designators and generic nouns (rasd/kb/data/places_terms.yaml), already cleaned."""

    designators: dict[str, tuple[str, ...]]  # kind -> words put before a name: محافظه, قضاء, ناحيه...
    landmark_heads: dict[str, tuple[str, ...]]  # feature -> head nouns: airbase -> قاعده, مطار
    landmark_suffixes: tuple[str, ...]  # adjectives dropped from landmark names: الجويه, الدولي...
    generic: frozenset[str]  # common geographic nouns never matched alone: المدينه, المنطقه...
    never_safe: frozenset[str] = frozenset()
    bare_core: frozenset[str] = frozenset()  # landmark features whose name is used without its head noun
    person_titles: frozenset[str] = frozenset()  # a core starting with these is a person's name
    country_cues: tuple[str, ...] = ()  # words that make a never-safe country name a name: شمال مالي, دولة توغو


def designated_forms(form: str, kind: str, terms: Terms) -> set[str]:
    """Forms with an administrative designator in front (قضاء الدور), safe even when the bare name is not."""
    return {f"{d} {form}" for d in terms.designators.get(kind, ())}


def landmark_forms(form: str, feature: str, terms: Terms) -> tuple[set[str], set[str]]:
    """(forms with a head noun, bare cores) of a landmark name such as قاعده عين الاسد الجويه.

    The head forms (قاعده عين الاسد, مطار عين الاسد) are specific; the bare core (عين الاسد) is only usable when no
    other place is called that, which the caller checks.
    """
    toks = form.split(" ")
    while len(toks) > 2 and toks[-1] in terms.landmark_suffixes:
        toks = toks[:-1]
    heads = terms.landmark_heads.get(feature, ())
    full = {" ".join(toks)}
    cores: set[str] = set()
    if len(toks) >= 2 and toks[0] in heads:
        core = " ".join(toks[1:])
        if feature in terms.bare_core and toks[1] not in terms.person_titles:
            cores.add(core)
        full.update(f"{h} {core}" for h in heads)
    return full, cores


class FormSafety:
    """Decides whether a form may be matched in running text.

    A single-word form that is frequent in a general news corpus (SaudiNewsNet, 8.9M words) is only safe when a
    real share of its occurrences follow a place cue (مدينه, محافظه, شمال, ريف...): حلب, الرمادي and عدن pass;
    عنه ('about him', also the district Ana), حديثه ('his talk', also Haditha), الدور ('the role') and القايم
    ('the acting', as in القائم بالاعمال) do not. Forms of two letters or fewer and generic geographic nouns are
    never safe. Names written in the data for countries and first-level units are trusted (they are few,
    and news uses them as names: مصر, ايران, واسط) unless listed in `never_safe`.
    """

    MIN_COUNT = 20
    MIN_CUE_RATIO = 0.1
    # Big cities are named without a cue word more often (في طهران, not في مدينة طهران): a lower bar for them.
    BIG_POPULATION = 100_000
    BIG_MIN_CUE_RATIO = 0.02

    def __init__(self, counts: dict[str, tuple[int, int]], generic: Iterable[str],
                 never_safe: Iterable[str] = ()) -> None:
        self.counts = counts
        self.generic = frozenset(generic)
        self.never_safe = frozenset(never_safe)

    def is_safe(self, form: str, trusted: bool = False, population: int = 0) -> bool:
        if len(form.replace(" ", "")) <= 2 or form in self.generic or form in self.never_safe:
            return False
        if trusted:
            return True
        toks = form.split(" ")
        if len(toks) > 1:
            return not all(t in self.generic for t in toks)
        count, cued = self.counts.get(form, (0, 0))
        bar = self.BIG_MIN_CUE_RATIO if population >= self.BIG_POPULATION else self.MIN_CUE_RATIO
        return count < self.MIN_COUNT or cued / count >= bar

    def mostly_a_word(self, form: str) -> bool:
        """Does the news corpus use the form mostly as an ordinary word or a person's name, seldom after a place
        cue, by the bar of a small place whatever the place's size or trust (الاحمدي: 197 uses, none after a cue;
        سيول, 'torrents': 84, one)? Such a match says little on its own (`locate.lone_namesake`)."""
        count, cued = self.counts.get(form, (0, 0))
        return count >= self.MIN_COUNT and cued / count < self.MIN_CUE_RATIO


EARTH_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True, slots=True)
class AdminUnit:
    """The admin chain of one polygon (COD-AB sub-district)."""

    iso3: str
    country: str
    names: tuple[str | None, str | None, str | None]
    pcodes: tuple[str | None, str | None, str | None]


class AdminIndex:
    """Point -> admin units: polygons (STRtree) where we have them, else the nearest populated place.

    Built lazily on the first query so that loading the gazetteer stays fast.
    """

    POLYGON_SLOP_DEG = 0.02  # simplified borders leave slivers; ~2 km
    NEAREST_MAX_KM = 50.0

    def __init__(self, features: Sequence[dict], units: Sequence[AdminUnit],
                 points: Sequence[tuple[float, float, AdminUnit]]) -> None:
        self._features = features
        self._units = units
        self._points = points
        self._tree = None
        self._geoms: list = []
        self._poly_iso3: frozenset[str] = frozenset(u.iso3 for u in units)
        self._arr = None
        # Places have fixed coordinates, so the same points are asked for again and again: memoise by the exact
        # point (never rounded, so the answer is the one the geometry gives).
        self._memo: dict[tuple[float, float], dict] = {}

    _MEMO_MAX = 100_000

    def _build(self) -> None:
        import numpy as np
        from shapely import STRtree
        from shapely.geometry import shape

        self._geoms = [shape(f) for f in self._features]
        self._tree = STRtree(self._geoms)
        pts = [p for p in self._points if p[2].iso3 not in self._poly_iso3]
        self._points = pts
        self._arr = np.radians(np.array([[p[0], p[1]] for p in pts], dtype=float).reshape(-1, 2))

    def lookup(self, lat: float, lon: float) -> dict:
        key = (lat, lon)
        found = self._memo.get(key)
        if found is None:
            found = self._lookup(lat, lon)
            if len(self._memo) >= self._MEMO_MAX:
                self._memo.clear()
            self._memo[key] = found
        return dict(found)  # callers may change their copy

    def _lookup(self, lat: float, lon: float) -> dict:
        if self._tree is None:
            self._build()
        from shapely.geometry import Point

        pt = Point(lon, lat)
        hits = self._tree.query(pt, predicate="intersects")
        if len(hits) == 0:
            hits = self._tree.query_nearest(pt, max_distance=self.POLYGON_SLOP_DEG)
        if len(hits):
            return _result(self._units[int(min(hits))])
        return self._nearest(lat, lon)

    def _nearest(self, lat: float, lon: float) -> dict:
        import numpy as np

        if self._arr is None or not len(self._arr):
            return _result(None)
        la, lo = math.radians(lat), math.radians(lon)
        a = (np.sin((self._arr[:, 0] - la) / 2) ** 2
             + math.cos(la) * np.cos(self._arr[:, 0]) * np.sin((self._arr[:, 1] - lo) / 2) ** 2)
        i = int(np.argmin(a))
        km = 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(float(a[i]))))
        if km > self.NEAREST_MAX_KM:
            return _result(None)
        unit = self._points[i][2]
        return _result(AdminUnit(unit.iso3, unit.country, (unit.names[0], None, None), (unit.pcodes[0], None, None)))


def _result(unit: AdminUnit | None) -> dict:
    if unit is None:
        return {"country": None, "iso3": None, "admin1": None, "admin2": None, "admin3": None,
                "admin1_pcode": None, "admin2_pcode": None, "admin3_pcode": None}
    return {"country": unit.country, "iso3": unit.iso3, "admin1": unit.names[0], "admin2": unit.names[1],
            "admin3": unit.names[2], "admin1_pcode": unit.pcodes[0], "admin2_pcode": unit.pcodes[1],
            "admin3_pcode": unit.pcodes[2]}
