"""Build rasd/kb/data/countries_iso.tsv: ISO3, ISO 3166-1 numeric code and ACLED region of every country.

Reads ../shared/data/gazetteer/geonames/countries.json (GeoNames country info, CC BY 4.0: the same file the
gazetteer build reads) for the codes, and keeps the ACLED regions already curated in the TSV (ACLED codebook,
"region"), so re-running it only adds countries. ACLED's `iso` column needs the numeric code of every country an
event can be in; a region nobody curated stays empty rather than guessed.

Usage: python scripts/build_countries.py [SHARED_DATA_DIR]
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "rasd" / "kb" / "data" / "countries_iso.tsv"
COLUMNS = ("iso3", "iso_numeric", "name", "acled_region")


def main(shared: Path) -> None:
    countries = json.loads((shared / "gazetteer" / "geonames" / "countries.json").read_text(encoding="utf-8"))
    regions: dict[str, str] = {}
    if OUT.exists():
        with OUT.open(encoding="utf-8") as fh:
            regions = {r["iso3"]: r["acled_region"] for r in csv.DictReader(fh, delimiter="\t") if r["acled_region"]}
    rows = sorted((c["iso3"], int(c["isonumeric"]), c["name"], regions.get(c["iso3"], ""))
                  for c in countries.values() if c.get("iso3") and c.get("isonumeric") is not None)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    print(f"{len(rows)} countries written to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "data")
