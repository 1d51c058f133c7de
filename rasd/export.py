"""Exports of stored events: ACLED-compatible CSV, JSONL (the output contract), GeoJSON and Parquet.

Every writer takes an iterable of contract objects (`Event.to_dict()`, as the store keeps them) and streams it, so
an export of a million events needs no more memory than one batch. The ACLED CSV has ACLED's columns in ACLED's
order (ACLED.md 2.1), then rasd's extra columns; GeoJSON is a FeatureCollection of points for QGIS and web maps
(events without coordinates have a null geometry, which GeoJSON allows); Parquet has one typed column per field.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

from rasd.csvsafe import safe_csv_row
from rasd.errors import RasdError
from rasd.model import EVENT_FIELDS, Event
from rasd.store.countries import acled_region, iso_numeric

FORMATS = ("acled-csv", "jsonl", "geojson", "parquet")

#: ACLED's export columns, in ACLED's order.
ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp")
#: rasd's fields that ACLED has no column for, appended after ACLED's.
EXTRA_COLUMNS = ("event_date_end", "date_text", "actor1_id", "actor2_id", "iso3", "location_offset_km",
                 "location_offset_bearing_deg", "location_offset_anchor", "injured", "weapon", "modality",
                 "background", "attribution", "confidence", "n_reports", "article_ids", "urls", "event_id")


class ExportError(RasdError):
    """An export could not be written (bad format, unwritable file, missing optional library)."""


def _joined(values: Any) -> str:
    return "; ".join(str(v) for v in values or [] if v)


def acled_row(ev: dict[str, Any]) -> dict[str, Any]:
    """One event as an ACLED CSV row (ACLED columns, then rasd's extras)."""
    event_date = ev.get("event_date")
    iso3 = ev.get("iso3")
    offset = ev.get("location_offset") or {}
    row = {
        "event_id_cnty": f"{iso3 or 'XXX'}-{ev.get('event_id')}",
        "event_date": event_date or "",
        "year": str(event_date)[:4] if event_date else "",
        "time_precision": ev.get("time_precision"),
        "disorder_type": ev.get("disorder_type"),
        "event_type": ev.get("event_type"),
        "sub_event_type": ev.get("sub_event_type"),
        "actor1": ev.get("actor1"),
        "assoc_actor_1": _joined(ev.get("assoc_actor_1")),
        "inter1": ev.get("inter1"),
        "actor2": ev.get("actor2"),
        "assoc_actor_2": _joined(ev.get("assoc_actor_2")),
        "inter2": ev.get("inter2"),
        "interaction": ev.get("interaction"),
        "civilian_targeting": "Civilian targeting" if ev.get("civilian_targeting") else "",
        "iso": iso_numeric(iso3),
        "region": acled_region(iso3),
        "country": ev.get("country"),
        "admin1": ev.get("admin1"), "admin2": ev.get("admin2"), "admin3": ev.get("admin3"),
        "location": ev.get("location"),
        "latitude": ev.get("latitude"), "longitude": ev.get("longitude"),
        "geo_precision": ev.get("geo_precision"),
        "source": _joined(ev.get("sources")),
        "source_scale": "",
        "notes": ev.get("notes"),
        "fatalities": ev.get("fatalities") if ev.get("fatalities") is not None else 0,
        "tags": "",
        "timestamp": ev.get("_timestamp", ""),
        "event_date_end": ev.get("event_date_end"), "date_text": ev.get("date_text"),
        "actor1_id": ev.get("actor1_id"), "actor2_id": ev.get("actor2_id"), "iso3": iso3,
        "location_offset_km": offset.get("km"), "location_offset_bearing_deg": offset.get("bearing_deg"),
        "location_offset_anchor": offset.get("anchor"),
        "injured": ev.get("injured"), "weapon": ev.get("weapon"), "modality": ev.get("modality"),
        "background": ev.get("background"), "attribution": ev.get("attribution"),
        "confidence": ev.get("confidence"), "n_reports": len(ev.get("article_ids") or []) or None,
        "article_ids": _joined(ev.get("article_ids")), "urls": _joined(ev.get("urls")), "event_id": ev.get("event_id"),
    }
    return {k: ("" if v is None else v) for k, v in row.items()}


def write_acled_csv(events: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    writer = csv.DictWriter(fh, fieldnames=[*ACLED_COLUMNS, *EXTRA_COLUMNS], lineterminator="\n")
    writer.writeheader()
    n = 0
    for ev in events:
        writer.writerow(safe_csv_row(acled_row(ev)))
        n += 1
    return n


def contract(ev: dict[str, Any]) -> dict[str, Any]:
    """The output contract exactly (DESIGN.md 4): what `Event.to_dict()` gives, whatever extra keys the store kept."""
    return Event.from_dict(ev).to_dict()


def write_jsonl(events: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    n = 0
    for ev in events:
        fh.write(json.dumps(contract(ev), ensure_ascii=False) + "\n")
        n += 1
    return n


_SCALAR_SKIP = ("evidence", "missing", "location_offset")


def geojson_feature(ev: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON Feature: a point at the event (null geometry when unknown), flat properties a GIS can filter on."""
    c = contract(ev)
    props: dict[str, Any] = {}
    for name in EVENT_FIELDS:
        if name in _SCALAR_SKIP:
            continue
        value = c[name]
        props[name] = _joined(value) if isinstance(value, list) else value
    offset = c.get("location_offset") or {}
    props["location_offset_km"] = offset.get("km")
    props["evidence"] = json.dumps(c["evidence"], ensure_ascii=False)  # kept, as text: GIS tools want flat values
    lat, lon = c.get("latitude"), c.get("longitude")
    geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
    return {"type": "Feature", "id": c["event_id"], "geometry": geometry, "properties": props}


def write_geojson(events: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    fh.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for ev in events:
        fh.write((",\n" if n else "") + json.dumps(geojson_feature(ev), ensure_ascii=False))
        n += 1
    fh.write("\n]}\n")
    return n


def _parquet_schema() -> Any:
    import pyarrow as pa

    text, strings = pa.string(), pa.list_(pa.string())
    types: dict[str, Any] = {name: text for name in EVENT_FIELDS}
    types.update({
        "article_ids": strings, "urls": strings, "sources": strings, "assoc_actor_1": strings,
        "assoc_actor_2": strings, "event_date": pa.date32(), "event_date_end": pa.date32(),
        "time_precision": pa.int8(), "geo_precision": pa.int8(), "latitude": pa.float64(), "longitude": pa.float64(),
        "fatalities": pa.int32(), "injured": pa.int32(), "civilian_targeting": pa.bool_(), "background": pa.bool_(),
        "confidence": pa.float32(),
    })
    return pa.schema([(name, types[name]) for name in EVENT_FIELDS])


def _parquet_value(name: str, value: Any) -> Any:
    if name in ("evidence", "missing", "location_offset"):
        return json.dumps(value, ensure_ascii=False) if value else None
    if name in ("event_date", "event_date_end") and value:
        return date.fromisoformat(str(value)[:10])
    return value


def write_parquet(events: Iterable[dict[str, Any]], path: Path, batch: int = 10000) -> int:
    """Parquet with one typed column per contract field (dates as dates, lists as lists, nested objects as JSON)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ExportError("Parquet export needs pyarrow (pip install pyarrow)") from exc
    schema = _parquet_schema()
    n = 0
    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
        for chunk in _chunks((contract(ev) for ev in events), batch):
            columns = {name: [_parquet_value(name, ev[name]) for ev in chunk] for name in EVENT_FIELDS}
            writer.write_table(pa.table(columns, schema=schema))
            n += len(chunk)
    return n


def _chunks(items: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def export_events(events: Iterable[dict[str, Any]], fmt: str, out: str | Path) -> int:
    """Write `events` to `out` ("-" for stdout, except Parquet) in `fmt`; returns how many were written."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    stamp = str(int(datetime.now(UTC).timestamp()))
    stamped = ({**ev, "_timestamp": stamp} for ev in events) if fmt == "acled-csv" else events
    try:
        if fmt == "parquet":
            if str(out) == "-":
                raise ExportError("Parquet is binary: give --out a file name")
            return write_parquet(stamped, Path(out))
        writer = {"acled-csv": write_acled_csv, "jsonl": write_jsonl, "geojson": write_geojson}[fmt]
        if str(out) == "-":
            import sys

            return writer(stamped, sys.stdout)
        with open(out, "w", encoding="utf-8", newline="") as fh:
            return writer(stamped, fh)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc}") from exc
