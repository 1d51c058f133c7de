"""ISO 3166-1 numeric codes and ACLED regions for the ACLED-compatible export (ACLED's `iso` and `region` columns).

Curated for the countries rasd's knowledge base covers and their neighbours. Sources: ISO 3166-1 numeric codes (the
UN M49 country codes, public); ACLED's region names as used in its data exports (ACLED codebook, "region"). A
country not listed exports empty `iso`/`region` cells, never a guess.
"""

from __future__ import annotations

#: ISO3 -> (ISO 3166-1 numeric, ACLED region).
COUNTRIES: dict[str, tuple[int, str]] = {
    # Middle East
    "BHR": (48, "Middle East"), "IRN": (364, "Middle East"), "IRQ": (368, "Middle East"),
    "ISR": (376, "Middle East"), "JOR": (400, "Middle East"), "KWT": (414, "Middle East"),
    "LBN": (422, "Middle East"), "OMN": (512, "Middle East"), "PSE": (275, "Middle East"),
    "QAT": (634, "Middle East"), "SAU": (682, "Middle East"), "SYR": (760, "Middle East"),
    "TUR": (792, "Middle East"), "ARE": (784, "Middle East"), "YEM": (887, "Middle East"),
    # Northern Africa
    "DZA": (12, "Northern Africa"), "EGY": (818, "Northern Africa"), "LBY": (434, "Northern Africa"),
    "MAR": (504, "Northern Africa"), "SDN": (729, "Northern Africa"), "TUN": (788, "Northern Africa"),
    # Eastern, Middle and Western Africa
    "DJI": (262, "Eastern Africa"), "ERI": (232, "Eastern Africa"), "ETH": (231, "Eastern Africa"),
    "SOM": (706, "Eastern Africa"), "SSD": (728, "Eastern Africa"), "TCD": (148, "Middle Africa"),
    "MLI": (466, "Western Africa"), "MRT": (478, "Western Africa"), "NER": (562, "Western Africa"),
    "NGA": (566, "Western Africa"),
    # Asia
    "AFG": (4, "South Asia"), "PAK": (586, "South Asia"), "IND": (356, "South Asia"),
    "ARM": (51, "Caucasus and Central Asia"), "AZE": (31, "Caucasus and Central Asia"),
    "GEO": (268, "Caucasus and Central Asia"), "CHN": (156, "East Asia"),
    # Europe and North America
    "CYP": (196, "Europe"), "DEU": (276, "Europe"), "FRA": (250, "Europe"), "GBR": (826, "Europe"),
    "RUS": (643, "Europe"), "USA": (840, "North America"),
}


def iso_numeric(iso3: str | None) -> int | str:
    """ACLED's `iso` (ISO 3166-1 numeric) for an ISO3 code, or "" when unknown."""
    entry = COUNTRIES.get((iso3 or "").upper())
    return entry[0] if entry else ""


def acled_region(iso3: str | None) -> str:
    """ACLED's `region` for an ISO3 code, or "" when unknown."""
    entry = COUNTRIES.get((iso3 or "").upper())
    return entry[1] if entry else ""
