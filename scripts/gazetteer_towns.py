"""Curated towns, villages and sites (rasd/kb/data/places_towns.yaml) for build_gazetteer.py.

Why a separate, checked list: GeoNames' cities500 has only ~300 Syrian and ~170 Iraqi places, so villages that
conflict news names every day (besieged towns, front-line villages, camps, city quarters) are missing. Each entry
gives coordinates and admin1; the build checks what it can, so that a slip of memory fails loudly:
- admin1 must be one of the country's admin1 units in the gazetteer;
- in Iraq the point must fall in that governorate's COD-AB polygon (admin2/3 are taken from the polygons);
- elsewhere the nearest GeoNames town within 40 km should share the admin1 (else a warning is printed);
- an entry whose name a GeoNames town within 15 km already has is a duplicate (error: use places_aliases.yaml).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from rasd.kb.geo import AdminIndex, clean_form, haversine_km, name_variants

LANDMARK_TYPES = frozenset({"camp", "military_base", "airbase", "airport", "border_crossing", "dam", "prison",
                            "oil_field", "bridge", "port", "shrine", "site", "refinery"})
# type -> (kind, feature); city quarters and areas are regions, as in landmarks.yaml (Sadr City, Jobar)
KINDS = {"town": ("populated", "PPL"), "quarter": ("region", "district"), "region": ("region", "region")}
NEAR_KM, DUP_KM = 40.0, 15.0


QUARTER_CITY_KM = 15
CITY_POPULATION = 100_000
CITY_SHARE = 3  # a town within a third of the biggest one's population may be the quarter's city


def _quarter_name(e: dict, near: list[tuple[float, dict]]) -> str:
    """A city quarter's English name with its city, as the landmarks' districts have it ("Jobar (Damascus)") and
    ACLED's "City - District" locations: "Al-Anud (Dammam)". The city is the nearest GeoNames town of
    CITY_POPULATION people or more within QUARTER_CITY_KM that is about as big as the biggest there; a name that
    already says its city is kept."""
    if e.get("type") != "quarter" or "(" in e["en"]:
        return e["en"]
    cities = [(km, t) for km, t in near if km <= QUARTER_CITY_KM and (t.get("population") or 0) >= CITY_POPULATION]
    if not cities:
        return e["en"]
    # The nearest of the big ones: Baghdad, not Sadr City or Abu Ghraib (GeoNames towns of their own)
    biggest = max(t["population"] for _, t in cities)
    city = min((km, t["id"], t) for km, t in cities if t["population"] * CITY_SHARE >= biggest)[2]
    return f"{e['en']} ({city['name_en']})"


def build_towns(curated: dict, places: list[dict], iraq: AdminIndex, info: dict, place: Callable) -> list[dict]:
    """Place records for the curated towns, checked against the admin units and GeoNames towns already built."""
    admin1 = {(p["iso3"], p["name_en"]) for p in places if p["kind"] == "admin1"}
    towns = [p for p in places if p["kind"] == "populated" and p["lat"] is not None]
    names_by_iso3 = {v["iso3"]: v["name"] for v in info.values()}
    out, errors, warnings = [], [], []
    for e in curated["towns"]:
        iso3, a1 = e["iso3"], e["admin1"]
        where = f"places_towns.yaml {e['id']}"
        if e.get("type", "town") not in KINDS and e.get("type") not in LANDMARK_TYPES:
            errors.append(f"{where}: unknown type {e.get('type')!r}")
            continue
        if (iso3, a1) not in admin1:
            errors.append(f"{where}: admin1 {a1!r} is not an admin1 of {iso3}")
            continue
        admin = (a1, e.get("admin2"), None)
        if iso3 == "IRQ":
            adm = iraq.lookup(e["lat"], e["lon"])
            if adm["admin1"] != a1:
                errors.append(f"{where}: the point lies in {adm['admin1']!r}, not {a1!r}")
                continue
            admin = (adm["admin1"], adm["admin2"], adm["admin3"])
        forms = {v for n in [e["ar"], *e.get("aliases_ar", [])] for v in name_variants(clean_form(n))}
        near = sorted(((haversine_km(e["lat"], e["lon"], t["lat"], t["lon"]), t) for t in towns
                       if t["iso3"] == iso3), key=lambda x: x[0])
        for km, t in near:
            if km > DUP_KM:
                break
            if forms & {v for n in t["names_ar"] for v in name_variants(clean_form(n))}:
                errors.append(f"{where}: GeoNames already has it ({t['id']} {t['name_en']}, {km:.0f} km)")
        if iso3 != "IRQ" and near and near[0][0] <= NEAR_KM and near[0][1]["admin1"] not in (None, a1):
            warnings.append(f"{where}: nearest town {near[0][1]['name_en']} ({near[0][0]:.0f} km) is in "
                            f"{near[0][1]['admin1']}, not {a1}")
        kind, feature = KINDS.get(e.get("type", "town"), ("landmark", e.get("type")))
        src = e.get("source", curated["default_source"]) + ("; approximate (~5-10 km)" if e.get("approx") else "")
        out.append(place(f"town:{e['id']}", _quarter_name(e, near), e["ar"], kind, feature, iso3, names_by_iso3[iso3], admin,
                         e["lat"], e["lon"], 0, None, src, [e["ar"], *e.get("aliases_ar", [])]))
    for w in warnings:
        print("warning:", w, file=sys.stderr)
    if errors:
        raise SystemExit("\n".join(errors))
    return out
