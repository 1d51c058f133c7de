"""An English one-sentence summary of an event, generated from its fields (ACLED's `notes` style), and a
confidence score that says how much of the event the text actually supported."""

from __future__ import annotations

from rasd.model import Event

_VERB = {
    "Armed clash": "clashed with",
    "Government regains territory": "regained territory from",
    "Non-state actor overtakes territory": "took territory from",
    "Air/drone strike": "carried out an air/drone strike on",
    "Suicide bomb": "carried out a suicide bombing against",
    "Shelling/artillery/missile attack": "shelled or fired missiles at",
    "Remote explosive/landmine/IED": "detonated an explosive device against",
    "Grenade": "threw a grenade at",
    "Attack": "attacked",
    "Abduction/forced disappearance": "abducted",
    "Sexual violence": "committed sexual violence against",
    "Arrests": "arrested",
    "Disrupted weapons use": "had an explosive device defused by",
    "Peaceful protest": "protested",
    "Protest with intervention": "protested and were dispersed by",
    "Excessive force against protesters": "were met with force by",
    "Violent demonstration": "rioted against",
    "Mob violence": "attacked",
}


def _compass(bearing: float) -> str:
    names = ("north", "north-east", "east", "south-east", "south", "south-west", "west", "north-west")
    return names[int(((bearing % 360) + 22.5) // 45) % 8]


def notes(ev: Event) -> str:
    """E.g. "On 2020-01-13, Islamic State clashed with Military Forces of Iraq 45 km north of Al-Waleed border
    crossing (Al-Anbar, Iraq). 2 killed, 4 injured. Weapon: small arms. Attempted."."""
    when = ev.event_date.isoformat() if ev.event_date else "an unknown date"
    if ev.time_precision == 2:
        when = f"around {when}"
    elif ev.time_precision == 3:
        when = f"in the month of {ev.event_date.strftime('%B %Y')}" if ev.event_date else when
    a1 = ev.actor1 or "an unidentified actor"
    verb = _VERB.get(ev.sub_event_type or "", "was involved in an event with")
    target = f" {ev.actor2}" if ev.actor2 else ""
    if not ev.actor2 and verb.endswith((" on", " at", " against", " with", " from", " by")):
        verb = verb.rsplit(" ", 1)[0]
    where = ev.location or ev.country or "an unknown place"
    if ev.location_offset:
        off = ev.location_offset
        where = f"{off['km']:g} km {_compass(off['bearing_deg'])} of {off['anchor']}"
    region = ", ".join(x for x in (ev.admin1, ev.country) if x and x != ev.location)
    where = f"{where} ({region})" if region else where
    near = "" if ev.location_offset else "near "
    parts = [f"On {when}, {a1} {verb}{target} {near}{where}." if (ev.geo_precision or 1) > 1
             else f"On {when}, {a1} {verb}{target} in {where}."]
    tolls = []
    if ev.fatalities:
        tolls.append(f"{ev.fatalities} killed")
    if ev.injured:
        tolls.append(f"{ev.injured} injured")
    if tolls:
        parts.append(", ".join(tolls) + ".")
    if ev.weapon:
        parts.append(f"Weapon: {ev.weapon}.")
    if ev.modality and ev.modality != "occurred":
        parts.append(f"Modality: {ev.modality}.")
    if ev.background:
        parts.append("Mentioned as background.")
    if ev.attribution:
        parts.append(f"Reported by {ev.attribution}.")
    return " ".join(parts)


def confidence(ev: Event) -> float:
    """0..1: how many of the fields an analyst relies on are backed by evidence in the text; halved for an act no
    country can be given to (it cannot be mapped, counted or checked against other reports)."""
    keys = ("event_type", "actor1", "actor2", "location", "event_date", "fatalities", "weapon")
    score = min(0.3 + 0.1 * sum(1 for k in keys if k in ev.evidence), 1.0)
    if not ev.country:
        score /= 2
    return round(score, 2)
