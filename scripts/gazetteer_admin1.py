"""First-level divisions of countries other than Iraq and Syria, for scripts/build_gazetteer.py.

Why a module of its own: the division list (rasd/kb/data/places_admin1.yaml) covers 27 countries, and mapping them
onto GeoNames needs its own checks; keeping them here keeps the build script readable.

How a division is tied to GeoNames: every GeoNames populated place carries an admin1 code; a division claims one
code (and, for countries that split provinces since, the codes of the new provinces carved out of it), so every
town with that code gets the division as its admin1. The code is either given (`gn_admin1`) or taken from the
division's seat town. The division's point is its seat town when one is named (checked to carry the division's
code, so a mistyped seat or code stops the build), else the most populous town with the code.
"""

from __future__ import annotations

import collections
import re
import sys
import unicodedata
from collections.abc import Callable

from rasd.kb.geo import clean_form, is_arabic_name


def _latin_key(name: str) -> str:
    """GeoNames English names compared without diacritics, ayn/hamza marks, dotless i, spaces, hyphens, quotes."""
    name = re.sub(r"[‘’ʻʼ`´']", "", name).replace("ı", "i")
    name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.sub(r"[\s\-]", "", name.lower())


def designated_names(names: list[str], designators: list[str]) -> list[str]:
    """Names with each of the country's designators in front (ولاية هلمند, إقليم هلمند, مقاطعة هلمند).

    A name already written with a designator (ولاية البحر الأحمر: the bare name is the sea) gives its core to the
    other designators but the core alone is NOT added: such names are written with a designator because the bare
    name is a common word or another place.
    """
    strip = {clean_form(d) for d in designators} | {"محافظه", "ولايه"}
    cores = []
    for n in names:
        toks = n.split()
        cores.append(" ".join(toks[1:]) if len(toks) > 1 and clean_form(toks[0]) in strip else n)
    return [f"{d} {c}" for c in dict.fromkeys(cores) for d in designators]


def _seat(div: dict, iso2: str, all_rows: list[dict]) -> dict | None:
    """The GeoNames row of the division's seat town (by Arabic or English name), most populous first."""
    if "seat_ar" in div:
        form = clean_form(div["seat_ar"])
        hits = [r for r in all_rows if any(is_arabic_name(n) and clean_form(n) == form for n in r["alternatenames"])]
    elif "seat_en" in div:
        key = _latin_key(div["seat_en"])
        hits = [r for r in all_rows if _latin_key(r["name"]) == key]
    else:
        return None
    if "gn_admin1" in div:
        hits = [r for r in hits if r["admin1code"] == div["gn_admin1"]]
    hits.sort(key=lambda r: (-r["population"], r["geonameid"]))
    if not hits:
        raise SystemExit(f"places_admin1.yaml: {iso2} {div['en']}: seat not in GeoNames"
                         + (f" with admin1 code {div['gn_admin1']}" if "gn_admin1" in div else ""))
    return hits[0]


def build_other_admin1(curated: dict, by_iso2: dict, all_by_iso2: dict, info: dict, ascii_name: Callable,
                       slug: Callable, place: Callable) -> tuple[list[dict], dict[str, dict], dict[int, str]]:
    """Divisions from places_admin1.yaml; returns places, iso2 -> GeoNames admin1code -> division name, and
    GeoNames id -> division name for the few towns GeoNames leaves without a code (`gn_ids`: Nouakchott).

    `by_iso2` holds the towns the gazetteer keeps, `all_by_iso2` every GeoNames town of the country (seats may lack
    an Arabic name, and so not be kept).
    """
    out, code_maps, by_id = [], {}, {}
    designators = curated.get("designators", {})
    for iso2, divisions in sorted(curated["countries"].items()):
        rows, all_rows = by_iso2[iso2], all_by_iso2.get(iso2) or by_iso2[iso2]
        code_map: dict[str, str] = {}
        for div in divisions:
            seat = _seat(div, iso2, all_rows)
            if "gn_admin1" in div:
                code = div["gn_admin1"]
                group = [r for r in all_rows if r["admin1code"] == code]
                if not group:
                    raise SystemExit(f"places_admin1.yaml: {iso2} {div['en']}: no GeoNames town with code {code}")
                if seat is None:
                    seat = max(group, key=lambda r: (r["population"], -r["geonameid"]))
                    how = f"point = most populous town of GeoNames admin1 {code}, GeoNames {seat['geonameid']}"
                else:
                    how = f"GeoNames admin1 {code}; point = seat, GeoNames {seat['geonameid']}"
            elif seat is not None:
                code = seat["admin1code"]
                how = f"seat GeoNames {seat['geonameid']}"
            else:
                raise SystemExit(f"places_admin1.yaml: {iso2} {div['en']}: needs gn_admin1 or a seat")
            en = ascii_name(div["en"])  # Şanlıurfa -> Sanliurfa, as ACLED writes it
            for c in [code, *div.get("gn_admin1_also", [])]:
                if c in code_map:
                    raise SystemExit(f"places_admin1.yaml: {iso2} code {c} claimed by {code_map[c]} and {div['en']}")
                code_map[c] = en
            for gid in div.get("gn_ids", []):
                row = next((r for r in rows if r["geonameid"] == gid), None)
                if row is None or row["admin1code"] in code_map or gid in by_id:
                    raise SystemExit(f"places_admin1.yaml: {iso2} {div['en']}: gn_ids {gid} not a town without a code")
                by_id[gid] = en
            names = [div["ar"], *div.get("aliases_ar", [])]
            names += designated_names(names, designators.get(iso2, []))
            src = "curated places_admin1.yaml" + (f" ({div['source']})" if "source" in div else "") + f"; {how}"
            c = info[iso2]
            out.append(place(f"{iso2.lower()}:adm1:{slug(en)}", en, div["ar"], "admin1", "ADM1",
                             c["iso3"], c["name"], (en, None, None), seat["latitude"], seat["longitude"], 0,
                             None, src, names))
        missing = collections.Counter(r["admin1code"] for r in rows
                                      if r["admin1code"] not in code_map and r["geonameid"] not in by_id)
        if missing:
            print(f"{iso2}: GeoNames admin1 codes without a division (towns kept): {dict(sorted(missing.items()))}",
                  file=sys.stderr)
        code_maps[iso2] = code_map
    return out, code_maps, by_id


def attach_former_names(places: list[dict], former: dict, designators_by_iso2: dict, admin1_words: list[str],
                        ascii_name: Callable) -> int:
    """Give first-level divisions their former names (places_admin1_former.yaml) as `names_former`: each name
    after every designator of its country (محافظة التأميم, لواء الموصل), and alone only where the file says
    `bare: true`. Returns how many divisions got names; an entry naming no division stops the build."""
    by_key = {(p["iso3"], ascii_name(p["name_en"])): p for p in places if p["kind"] == "admin1"}
    iso2_of = {p["iso3"]: p["pcode"] for p in places if p["kind"] == "country"}
    extra = former.get("designators", [])
    done = 0
    for iso3, entries in sorted(former["former"].items()):
        words = list(dict.fromkeys([*admin1_words, *designators_by_iso2.get(iso2_of.get(iso3), []), *extra]))
        for e in entries:
            rec = by_key.get((iso3, ascii_name(e["admin1"])))
            if rec is None:
                raise SystemExit(f"places_admin1_former.yaml: {iso3} {e['admin1']}: no such first-level division")
            names = designated_names(e["ar"], words)
            if e.get("bare"):
                names += e["ar"]
            names += [n for n in e["ar"] if clean_form(n.split()[0]) in {clean_form(w) for w in words}]
            rec["names_former"] = sorted(set(rec.get("names_former", [])) | set(names))
            rec["source"] += f"; former names curated (places_admin1_former.yaml: {e['years']})"
            done += 1
    return done
