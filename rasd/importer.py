"""`rasd import`: load events made elsewhere into the store, beside rasd's own.

Two formats: rasd's own event JSONL (what `rasd extract` prints; one `Event.to_dict` object a line) and ACLED's CSV
export (columns event_id_cnty, event_date, ..., fatalities, as in ACLED's codebook). Imported events have no
article: the store keeps events and reports apart, so an event with no report is allowed and simply has no Arabic
evidence. ACLED rows get the id "acled:<event_id_cnty>" so series and queries can tell them from rasd's events
(`rasd trends --origin acled`). Importing the same file twice adds nothing the second time (ids are kept).
Rows are written by `Repository.import_events` (rasd.store.bulk), the same columns and search names as events
stored from articles.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from rasd.errors import InputError
from rasd.model import Event
from rasd.trends.series import ACLED_PREFIX

log = logging.getLogger(__name__)

#: ACLED's actor-type codes (older exports give inter1/inter2 as digits), in the codebook's order.
ACLED_INTER = {1: "State forces", 2: "Rebel group", 3: "Political militia", 4: "Identity militia", 5: "Rioters",
               6: "Protesters", 7: "Civilians", 8: "External/Other forces"}
ACLED_REQUIRED = ("event_id_cnty", "event_date", "event_type", "country")
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%d-%B-%Y", "%d-%b-%Y", "%d-%b-%y", "%d/%m/%Y", "%B %d, %Y")
BATCH = 5000


@dataclass(slots=True)
class ImportStats:
    """What an import did: rows read, events added, events already stored, rows skipped (with why)."""

    format: str = ""
    rows: int = 0
    added: int = 0
    existing: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"format": self.format, "rows": self.rows, "added": self.added, "existing": self.existing,
                "skipped": self.skipped, "errors": self.errors[:20]}


def parse_acled_date(text: str) -> date:
    """ACLED's event_date: "2020-01-13", "13 January 2020" (and the other spellings its exports have used)."""
    value = (text or "").strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise InputError(f"event_date {text!r} is not a date (expected 2020-01-13 or 13 January 2020)")


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    """ACLED country name (lower case) -> ISO3, from the KB's country list."""
    from rasd.kb.actors import load_actor_table

    return {c.name.lower(): iso3 for iso3, c in load_actor_table().countries.items()}


def _int(value: str | None, name: str) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return int(float(value))
    except ValueError:
        raise InputError(f"{name} {value!r} is not a number") from None


def _float(value: str | None, name: str) -> float | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        raise InputError(f"{name} {value!r} is not a number") from None


def _inter(value: str | None) -> str | None:
    value = (value or "").strip()
    if value.isdigit():
        return ACLED_INTER.get(int(value), value)
    return value or None


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


def event_from_acled(row: dict[str, str]) -> Event:
    """One ACLED CSV row as a rasd Event (id "acled:<event_id_cnty>")."""
    missing = [c for c in ACLED_REQUIRED if not (row.get(c) or "").strip()]
    if missing:
        raise InputError(f"missing {', '.join(missing)}")
    country = row["country"].strip()
    iso = (row.get("iso") or "").strip()
    iso3 = iso.upper() if len(iso) == 3 and iso.isalpha() else _country_codes().get(country.lower())
    return Event(
        event_id=ACLED_PREFIX + row["event_id_cnty"].strip(),
        sources=_split(row.get("source")),
        event_date=parse_acled_date(row["event_date"]),
        time_precision=_int(row.get("time_precision"), "time_precision"),
        disorder_type=(row.get("disorder_type") or "").strip() or None,
        event_type=row["event_type"].strip(),
        sub_event_type=(row.get("sub_event_type") or "").strip() or None,
        actor1=(row.get("actor1") or "").strip() or None,
        actor2=(row.get("actor2") or "").strip() or None,
        assoc_actor_1=_split(row.get("assoc_actor_1")),
        assoc_actor_2=_split(row.get("assoc_actor_2")),
        inter1=_inter(row.get("inter1")), inter2=_inter(row.get("inter2")),
        interaction=(row.get("interaction") or "").strip() or None,
        civilian_targeting=bool((row.get("civilian_targeting") or "").strip()),
        country=country, iso3=iso3,
        admin1=(row.get("admin1") or "").strip() or None,
        admin2=(row.get("admin2") or "").strip() or None,
        admin3=(row.get("admin3") or "").strip() or None,
        location=(row.get("location") or "").strip() or None,
        latitude=_float(row.get("latitude"), "latitude"), longitude=_float(row.get("longitude"), "longitude"),
        geo_precision=_int(row.get("geo_precision"), "geo_precision"),
        fatalities=_int(row.get("fatalities"), "fatalities"),
        notes=(row.get("notes") or "").strip() or None,
        attribution=(row.get("source") or "").strip() or None,
        confidence=1.0,
    )


def event_from_json(obj: Any) -> Event:
    """One rasd event object (as `rasd extract` prints it); an id is derived from its content when it has none."""
    if not isinstance(obj, dict):
        raise InputError("expected a JSON object (one event per line)")
    try:
        ev = Event.from_dict(obj)
    except (TypeError, ValueError) as exc:
        raise InputError(f"not a rasd event: {exc}") from exc
    if not ev.event_id:
        digest = hashlib.sha256(json.dumps(obj, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()
        ev.event_id = "import:" + digest[:24]
    return ev


def detect_format(path: Path, head: str) -> str:
    """"acled" for a CSV whose header has ACLED's columns, "jsonl" for one JSON object a line."""
    first = head.lstrip("\ufeff").lstrip()
    if first.startswith("{") or first.startswith("["):
        return "jsonl"
    header = next(csv.reader(io.StringIO(first.splitlines()[0] if first else "")), [])
    if {"event_id_cnty", "event_date"} <= {h.strip().lower() for h in header}:
        return "acled"
    raise InputError("neither rasd event JSONL nor an ACLED CSV export (no event_id_cnty/event_date header)",
                     str(path))


def read_events(path: str | Path, stats: ImportStats) -> Iterator[Event]:
    """The events in a file, in order; bad rows are counted in `stats` and skipped (the batch rule)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("no such file", str(p)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read as UTF-8 text: {exc}", str(p)) from exc
    if not text.strip():
        raise InputError("empty file", str(p))
    stats.format = detect_format(p, text[:4096])
    if stats.format == "jsonl" and text.lstrip().startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"bad JSON: {exc}", str(p)) from exc
        rows: Iterable[tuple[int, Any]] = enumerate(items if isinstance(items, list) else [items], start=1)
    elif stats.format == "jsonl":
        rows = ((n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip())
    else:
        reader = csv.DictReader(io.StringIO(text))
        reader.fieldnames = [h.strip().lower() for h in reader.fieldnames or []]
        rows = enumerate(reader, start=2)
    for n, raw in rows:
        stats.rows += 1
        try:
            if stats.format == "acled":
                yield event_from_acled(raw)
            elif isinstance(raw, str):
                try:
                    obj = json.loads(raw)
                except json.JSONDecodeError as exc:
                    raise InputError(f"bad JSON: {exc.msg}") from None
                yield event_from_json(obj)
            else:
                yield event_from_json(raw)
        except InputError as exc:
            stats.skipped += 1
            stats.errors.append(f"{p}:{n}: {exc}")
            log.warning("%s:%s: skipped: %s", p, n, exc)


def store_events(repository: Any, events: Iterable[Event], stats: ImportStats | None = None) -> ImportStats:
    """Write events that are not stored yet (by event_id); events already there are counted, not changed.

    Goes through `Repository.import_events` (large batches of Core executemany, search names kept), so a file of
    a million ACLED rows loads in minutes, not hours.
    """
    stats = stats or ImportStats()
    added, existing = repository.import_events(events, batch=BATCH)
    stats.added += added
    stats.existing += existing
    return stats


def import_file(repository: Any, path: str | Path) -> ImportStats:
    """Import one file (rasd JSONL or ACLED CSV) into the store; the counts of what happened."""
    stats = ImportStats()
    return store_events(repository, read_events(path, stats), stats)
