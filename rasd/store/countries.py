"""ISO 3166-1 numeric codes and ACLED regions for the ACLED-compatible export (ACLED's `iso` and `region` columns).

The table is data (`kb/data/countries_iso.tsv`, built by `scripts/build_countries.py` from GeoNames' country info,
CC BY 4.0), so every country has its numeric code; ACLED's region names (ACLED codebook, "region") are curated in
the same file for the countries rasd's knowledge base covers and their neighbours. A region nobody curated exports
an empty cell, never a guess.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

COUNTRIES_TSV = Path(__file__).resolve().parent.parent / "kb" / "data" / "countries_iso.tsv"


@cache
def countries() -> dict[str, tuple[int, str]]:
    """ISO3 -> (ISO 3166-1 numeric, ACLED region or "")."""
    with COUNTRIES_TSV.open(encoding="utf-8") as fh:
        return {r["iso3"]: (int(r["iso_numeric"]), r["acled_region"]) for r in csv.DictReader(fh, delimiter="\t")}


def iso_numeric(iso3: str | None) -> int | str:
    """ACLED's `iso` (ISO 3166-1 numeric) for an ISO3 code, or "" when unknown."""
    entry = countries().get((iso3 or "").upper())
    return entry[0] if entry else ""


def acled_region(iso3: str | None) -> str:
    """ACLED's `region` for an ISO3 code, or "" when unknown."""
    entry = countries().get((iso3 or "").upper())
    return entry[1] if entry else ""
