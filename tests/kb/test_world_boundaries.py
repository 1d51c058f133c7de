"""The dashboard's offline base map (scripts/build_world_boundaries.py): outlines are matched to events by ISO
alpha-3, as the gazetteer writes the country, so every feature must carry a real ISO code (Natural Earth's own
PSX, SDS, SAH, KOS codes would leave Palestine, South Sudan, Western Sahara and Kosovo without an outline)."""

from __future__ import annotations

import json
from importlib import resources


def _features(name: str) -> list[dict]:
    return json.loads(resources.files("rasd.kb").joinpath("data", name).read_text(encoding="utf-8"))["features"]


def _iso3_codes() -> set[str]:
    text = resources.files("rasd.kb").joinpath("data", "countries_iso.tsv").read_text(encoding="utf-8")
    return {line.split("\t")[0] for line in text.splitlines()[1:] if line.strip()}


def test_every_outline_carries_an_iso_country_code():
    codes = _iso3_codes()
    for name in ("world_admin0.geojson", "world_admin1.geojson"):
        bad = sorted({f["properties"]["iso3"] for f in _features(name)} - codes)
        assert not bad, (name, bad)


def test_countries_named_by_their_own_areas_in_natural_earth_are_outlined_once():
    admin0 = {f["properties"]["iso3"]: f["properties"]["name"] for f in _features("world_admin0.geojson")}
    assert len(admin0) == len(_features("world_admin0.geojson"))  # one outline per country
    assert (admin0["PSE"], admin0["SSD"], admin0["CYP"], admin0["CUB"]) == (
        "Palestine", "South Sudan", "Cyprus", "Cuba")
    regions = {f["properties"]["name_en"] for f in _features("world_admin1.geojson")
               if f["properties"]["iso3"] == "PSE"}
    assert {"Gaza", "West Bank"} <= regions
