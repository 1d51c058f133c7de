"""Every output of events goes through one renderer registry: CSV, ACLED CSV, JSONL, GeoJSON and Parquet.

One layout per format, whoever asks: `rasd events --format`, `rasd export`, the API's `format=` and the dashboard's
export buttons (which call the API) all render through `RENDERERS` (datasette's `register_output_renderer` idea).
Columns are derived from the Event's field declaration (`rasd.model.event_field_types`), not spelled out again: the
plain CSV is the output contract flattened; ACLED CSV has ACLED's columns in ACLED's order (ACLED.md 2.1), coded by
ACLED's conventions (rasd.acled), then rasd's fields ACLED has no column for; JSONL is the contract; GeoJSON is a
FeatureCollection of points with flat properties for GIS (null geometry when the place is unknown, which GeoJSON
allows); Parquet has one typed column per field. Every CSV cell passes `safe_csv_cell` (no formula injection).

Each writer streams an iterable of contract objects (`Event.to_dict()`, as the store keeps them), so an export of a
million events needs no more memory than one batch.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

from rasd.acled import acled_coded, outlet_name, source_scale
from rasd.csvsafe import safe_csv_cell
from rasd.errors import RasdError
from rasd.model import EVENT_FIELDS, PER_FIELD_MAPS, Event, event_field_types
from rasd.review_export import REVIEW_COLUMNS, review_columns
from rasd.store.countries import acled_region, iso_numeric
from rasd.store.updated import UPDATED_AT

#: ACLED's export columns, in ACLED's order.
ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp")
#: Contract fields an ACLED column already carries (under its own name, or as `source`) or that a flat table
#: leaves out; `location_offset` is split into three columns.
_IN_ACLED = {*ACLED_COLUMNS, "sources", "location_offset", *PER_FIELD_MAPS}
#: rasd's fields that ACLED has no column for, appended after ACLED's (contract order), then derived columns.
EXTRA_COLUMNS = (*(f for f in EVENT_FIELDS if f not in _IN_ACLED), "location_offset_km",
                 "location_offset_bearing_deg", "location_offset_anchor", "n_reports", *REVIEW_COLUMNS)
_FIELD_SET = frozenset(EVENT_FIELDS)
#: The plain CSV: the output contract without the per-field maps (JSONL and GeoJSON keep those).
CSV_COLUMNS = tuple(f for f in EVENT_FIELDS if f not in PER_FIELD_MAPS)


class ExportError(RasdError):
    """An export could not be written (bad format, unwritable file, missing optional library)."""


def _joined(values: Any) -> str:
    return "; ".join(str(v) for v in values or [] if v)


def acled_row(ev: dict[str, Any]) -> dict[str, Any]:
    """One event as an ACLED CSV row (ACLED columns coded by ACLED's conventions, then rasd's extras)."""
    c = acled_coded(contract(ev))
    event_date = c.get("event_date")
    iso3 = c.get("iso3")
    offset = c.get("location_offset") or {}
    row = {name: c.get(name) for name in (*ACLED_COLUMNS, *EXTRA_COLUMNS) if name in EVENT_FIELDS}
    row.update({
        "event_id_cnty": f"{iso3 or 'XXX'}-{c.get('event_id')}",
        "year": str(event_date)[:4] if event_date else "",
        "civilian_targeting": "Civilian targeting" if c.get("civilian_targeting") else "",
        "iso": iso_numeric(iso3),
        "region": acled_region(iso3),
        "source": _joined(outlet_name(s) for s in c.get("sources") or []),
        "source_scale": source_scale(c.get("sources") or []),
        "fatalities": c.get("fatalities") if c.get("fatalities") is not None else 0,
        "tags": "",
        "timestamp": _unix_seconds(ev.get(UPDATED_AT)) or ev.get("_timestamp", ""),
        "location_offset_km": offset.get("km"), "location_offset_bearing_deg": offset.get("bearing_deg"),
        "location_offset_anchor": offset.get("anchor"),
        "n_reports": len(c.get("article_ids") or []) or None,
        **review_columns(ev),
    })
    return {name: safe_csv_cell(row.get(name)) for name in (*ACLED_COLUMNS, *EXTRA_COLUMNS)}


def _unix_seconds(value: Any) -> str:
    """A stored row's time (a datetime, or the text SQLite keeps; naive times are UTC, as the store writes them)
    in Unix seconds, as ACLED's `timestamp`; "" when there is none."""
    if isinstance(value, str) and value:
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return ""
    if not isinstance(value, datetime):
        return ""
    return str(int((value if value.tzinfo else value.replace(tzinfo=UTC)).timestamp()))


def write_acled_csv(events: Iterable[dict[str, Any]], fh: IO[str], include_unplaced: bool = False,
                    on_unplaced: Callable[[dict[str, Any]], None] | None = None) -> int:
    """ACLED's columns in ACLED's order, coded by ACLED's conventions, then rasd's (see `acled_row`).

    ACLED codes no event without a country, so an act rasd could give no country to is left out (each one passed
    to `on_unplaced`, so the caller can count it) unless `include_unplaced`. `timestamp` is, as in ACLED, when the
    row last changed: the stored event's `updated_at` (rasd.store.updated.UPDATED_AT); for events that come from no
    store (`rasd extract --format acled-csv`) the time of the export."""
    stamp = str(int(datetime.now(UTC).timestamp()))
    writer = csv.DictWriter(fh, fieldnames=[*ACLED_COLUMNS, *EXTRA_COLUMNS], lineterminator="\n")
    writer.writeheader()
    n = 0
    for ev in events:
        if not include_unplaced and not ev.get("country"):
            if on_unplaced is not None:
                on_unplaced(ev)
            continue
        writer.writerow(acled_row({**ev, "_timestamp": stamp}))
        n += 1
    return n


def write_csv(events: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    """The output contract as a table: one column per field but the per-field maps, lists joined with "; ",
    `location_offset` as JSON, every cell through `safe_csv_cell`."""
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    n = 0
    for ev in events:
        c = contract(ev)
        writer.writerow([safe_csv_cell(c[name]) for name in CSV_COLUMNS])
        n += 1
    return n


def contract(ev: dict[str, Any]) -> dict[str, Any]:
    """The output contract exactly (DESIGN.md 4): what `Event.to_dict()` gives, whatever extra keys the store kept.

    The store keeps `Event.to_dict()` objects, so one with every field is only reordered and stripped of extra keys
    (an API page renders a hundred of them per request); anything else goes through `Event` to be completed."""
    if _FIELD_SET.issubset(ev):
        return {name: ev[name] for name in EVENT_FIELDS}
    return Event.from_dict(ev).to_dict()


def write_jsonl(events: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    n = 0
    for ev in events:
        fh.write(json.dumps(contract(ev), ensure_ascii=False) + "\n")
        n += 1
    return n


def geojson_feature(ev: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON Feature: a point at the event (null geometry when unknown), flat properties a GIS can filter on:
    lists joined with "; ", maps (evidence, missing, location_offset) as JSON text, plus `location_offset_km`."""
    c = contract(ev)
    props: dict[str, Any] = {}
    for name in EVENT_FIELDS:
        value = c[name]
        if isinstance(value, list):
            value = _joined(value)
        elif isinstance(value, dict):
            value = json.dumps(value, ensure_ascii=False)
        props[name] = value
    props["location_offset_km"] = (c.get("location_offset") or {}).get("km")
    props.update(review_columns(ev))
    lat, lon = c.get("latitude"), c.get("longitude")
    geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
    return {"type": "Feature", "id": c["event_id"], "geometry": geometry, "properties": props}


def geojson_feature_text(ev: dict[str, Any]) -> str:
    """One event's Feature as `write_geojson` writes it (the API keeps these texts per event)."""
    return json.dumps(geojson_feature(ev), ensure_ascii=False)


def write_geojson(events: Iterable[dict[str, Any]], fh: IO[str], head: dict[str, Any] | None = None) -> int:
    """A FeatureCollection, streamed; `head` adds members before `features` (the API's paging: total, offset...)."""
    return write_geojson_features(map(geojson_feature_text, events), fh, head)


def write_geojson_features(features: Iterable[str], fh: IO[str], head: dict[str, Any] | None = None) -> int:
    """The FeatureCollection around Features already written as text (`geojson_feature_text`)."""
    fh.write(feature_collection_start(head))
    n = 0
    for text in features:
        fh.write((FEATURE_SEPARATOR if n else "") + text)
        n += 1
    fh.write(FEATURE_COLLECTION_END)
    return n


def feature_collection_bytes(features: list[bytes], head: dict[str, Any] | None = None) -> bytes:
    """What `write_geojson_features` writes, from Features already in UTF-8 (the API's map pages: one join)."""
    return b"".join((feature_collection_start(head).encode(), FEATURE_SEPARATOR.encode().join(features),
                     FEATURE_COLLECTION_END.encode()))


#: The framing of a FeatureCollection around Features written as text (`write_geojson_features`).
FEATURE_SEPARATOR = ",\n"
FEATURE_COLLECTION_END = "\n]}\n"


def feature_collection_start(head: dict[str, Any] | None = None) -> str:
    """A FeatureCollection's text up to its first Feature, with the `head` members (totals, paging) first."""
    members = "".join(f"{json.dumps(k)}: {json.dumps(v)}, " for k, v in (head or {}).items())
    return f'{{"type": "FeatureCollection", {members}"features": [\n'


def _arrow_type(declared: Any) -> Any:
    """The Arrow type of a field declared on `Event` (`int | None` -> int32, `list[str]` -> list of strings; maps
    become JSON text)."""
    import pyarrow as pa

    args = [a for a in typing.get_args(declared) if a is not type(None)]
    if isinstance(declared, types.UnionType) and len(args) == 1:
        declared = args[0]
    origin = typing.get_origin(declared)
    if origin is list:
        return pa.list_(pa.string())
    return {date: pa.date32(), bool: pa.bool_(), int: pa.int32(), float: pa.float64()}.get(declared, pa.string())


def _parquet_schema() -> Any:
    import pyarrow as pa

    return pa.schema([(name, _arrow_type(t)) for name, t in event_field_types().items()])


def _parquet_value(value: Any) -> Any:
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False) if value else None
    return value


def write_parquet(events: Iterable[dict[str, Any]], fh: IO[bytes], batch: int = 10000) -> int:
    """Parquet with one typed column per contract field (dates as dates, lists as lists, nested objects as JSON)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ExportError("Parquet export needs pyarrow (pip install pyarrow)") from exc
    schema = _parquet_schema()
    n = 0
    with pq.ParquetWriter(fh, schema, compression="zstd") as writer:
        for chunk in _chunks((Event.from_dict(ev) for ev in events), batch):
            columns: dict[str, list[Any]] = {name: [] for name in EVENT_FIELDS}
            for ev in chunk:
                c = ev.to_dict()  # JSON-ready maps; dates are taken from the event itself, as dates
                for name in EVENT_FIELDS:
                    value = getattr(ev, name)
                    columns[name].append(_parquet_value(value if isinstance(value, date) else c[name]))
            writer.write_table(pa.table(columns, schema=schema))
            n += len(chunk)
    return n


def _chunks(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# -- the registry ---------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Renderer:
    """One output format: how to write events, and what to call the result (media type, file extension)."""

    name: str
    media_type: str
    extension: str
    write: Callable[..., int]
    description: str
    binary: bool = False


#: Every output format of events, by name: the CLI, `rasd export` and the API render through these only.
RENDERERS: dict[str, Renderer] = {}


def register_renderer(renderer: Renderer) -> Renderer:
    RENDERERS[renderer.name] = renderer
    return renderer


for _renderer in (
    Renderer("csv", "text/csv; charset=utf-8", "csv", write_csv,
             "the output contract as a table (lists joined with '; ', no evidence/missing maps)"),
    Renderer("acled-csv", "text/csv; charset=utf-8", "csv", write_acled_csv,
             "ACLED's columns in ACLED's order, coded by ACLED's conventions, then rasd's"),
    Renderer("jsonl", "application/x-ndjson", "jsonl", write_jsonl, "one output-contract object per line"),
    Renderer("geojson", "application/geo+json", "geojson", write_geojson,
             "a FeatureCollection of points with flat properties"),
    Renderer("parquet", "application/vnd.apache.parquet", "parquet", write_parquet,
             "one typed column per field", binary=True),
):
    register_renderer(_renderer)

FORMATS = tuple(RENDERERS)
#: The formats that can go to a terminal or a pipe (not binary).
TEXT_FORMATS = tuple(name for name, r in RENDERERS.items() if not r.binary)


def renderer(fmt: str) -> Renderer:
    """The renderer of `fmt`, or an ExportError naming the formats there are."""
    try:
        return RENDERERS[fmt]
    except KeyError:
        raise ExportError(f"unknown export format {fmt!r} (one of {', '.join(RENDERERS)})") from None


def render_bytes(events: Iterable[dict[str, Any]], fmt: str, **options: Any) -> bytes:
    """The whole output in memory (an API response of one page)."""
    r = renderer(fmt)
    if r.binary:
        buffer = io.BytesIO()
        r.write(events, buffer, **options)
        return buffer.getvalue()
    text = io.StringIO()
    r.write(events, text, **options)
    return text.getvalue().encode("utf-8")


def export_events(events: Iterable[dict[str, Any]], fmt: str, out: str | Path | IO[str], **options: Any) -> int:
    """Write `events` to `out` (a path, "-" for stdout except binary formats, or an open text stream) in `fmt`
    (`options` go to its writer, e.g. acled-csv's `include_unplaced`); returns how many were written."""
    r = renderer(fmt)
    if not isinstance(out, (str, Path)):
        return r.write(events, out, **options)
    if str(out) == "-":
        if r.binary:
            raise ExportError(f"{fmt} is binary: give --out a file name")
        return r.write(events, sys.stdout, **options)
    try:
        with open(out, "wb" if r.binary else "w", **({} if r.binary else {"encoding": "utf-8", "newline": ""})) as fh:
            return r.write(events, fh, **options)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc}") from exc
