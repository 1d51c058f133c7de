"""ACLED's coding conventions for events written in ACLED's layout (the `acled-csv` export; ACLED.md 2.2 and 2.6).

rasd's events say what the text says: an unnamed doer stays empty, the victim is whoever the text names. ACLED's
data never leaves actor1 empty, keeps Violence against civilians for civilian victims, and cites outlets by name
with their scale. These rules are data (`kb/data/acled_conventions.yaml`, `kb/data/outlets.yaml`); this module
applies them to one contract object at a time, without touching the stored event.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from rasd.events.taxonomy import interaction

DATA = Path(__file__).resolve().parent / "kb" / "data"
#: ACLED's source scales, smallest first: a combination is written in this order ("National-Regional").
SCALES = ("local", "subnational", "national", "regional", "international", "other")
VAC = "Violence against civilians"


@cache
def conventions() -> dict[str, Any]:
    with (DATA / "acled_conventions.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@cache
def outlets() -> dict[str, dict[str, Any]]:
    """Every key an outlet is stored under (its slug and each of its hosts, lower case) -> its entry."""
    with (DATA / "outlets.yaml").open(encoding="utf-8") as fh:
        entries = yaml.safe_load(fh)["outlets"]
    out: dict[str, dict[str, Any]] = {}
    for slug, entry in entries.items():
        for key in (str(slug), *entry.get("hosts", [])):
            out[key.lower()] = entry
    return out


def _outlet(stored: str) -> dict[str, Any] | None:
    key = stored.strip().lower()
    return outlets().get(key.removeprefix("www.")) or outlets().get(key)


def outlet_name(stored: str) -> str:
    """The outlet's name as ACLED cites it ("alriyadh" -> "Al Riyadh"); an unknown outlet keeps its stored name."""
    entry = _outlet(stored)
    return str(entry["name"]) if entry else stored


def source_scale(stored: list[str]) -> str:
    """ACLED's `source_scale` of the outlets reporting an event ("National", "National-Regional"); "" when no
    outlet's scale is known."""
    scales = {str(e["scale"]) for s in stored if (e := _outlet(s)) and e.get("scale")}
    return "-".join(s.capitalize() for s in SCALES if s in scales)


def _named(template: str, country: str | None) -> str:
    return template.format(country=country) if country else template.replace(" ({country})", "")


def acled_coded(ev: dict[str, Any]) -> dict[str, Any]:
    """A copy of a contract object coded as ACLED would: actor1 filled, Violence against civilians only against
    civilians (else retyped or the victim coded as civilians), interaction recomputed from the actor types."""
    out = dict(ev)
    rules = conventions()
    country = out.get("country")
    if out.get("event_type") == VAC and out.get("actor2") and out.get("inter2") != rules["civilian_victim"]:
        retype = rules["retype_non_civilian_victim"].get(out.get("sub_event_type"))
        if retype is not None:
            out.update(retype)
            out["civilian_targeting"] = False
        elif out.get("sub_event_type") in rules["victim_made_civilian"]:
            out["assoc_actor_2"] = [out["actor2"], *(out.get("assoc_actor_2") or [])]
            out["actor2"] = _named(rules["civilians_actor"], country)
            out["inter2"] = rules["civilian_victim"]
    if not out.get("actor1"):
        unknown = rules["unknown_actor1"]
        rule = unknown["by_event_type"].get(out.get("event_type"), unknown["default"])
        out["actor1"] = _named(rule["name"], country)
        out["inter1"] = rule["inter"]
    out["interaction"] = interaction(out.get("inter1"), out.get("inter2")) or out.get("interaction")
    return out
