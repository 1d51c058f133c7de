"""The ACLED taxonomy rasd emits: event types, sub-event types in precedence order, disorder types, actor types.

These are facts of the ACLED codebook (../shared/ACLED.md section 2.2), written out here rather than read from the
GPL-licensed acledR tables so that rasd's own licence stays clean.
"""

from __future__ import annotations

from enum import StrEnum


class EventType(StrEnum):
    """ACLED's six event types (a member is its codebook string: it compares, hashes and prints as one)."""

    BATTLES = "Battles"
    PROTESTS = "Protests"
    RIOTS = "Riots"
    EXPLOSIONS = "Explosions/Remote violence"
    VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
    STRATEGIC = "Strategic developments"


class SubEventType(StrEnum):
    """ACLED's 25 sub-event types, in the codebook's precedence order (earlier wins: `precedence`)."""

    GOVERNMENT_REGAINS_TERRITORY = "Government regains territory"
    NON_STATE_OVERTAKES_TERRITORY = "Non-state actor overtakes territory"
    ARMED_CLASH = "Armed clash"
    EXCESSIVE_FORCE = "Excessive force against protesters"
    PROTEST_WITH_INTERVENTION = "Protest with intervention"
    PEACEFUL_PROTEST = "Peaceful protest"
    VIOLENT_DEMONSTRATION = "Violent demonstration"
    MOB_VIOLENCE = "Mob violence"
    CHEMICAL_WEAPON = "Chemical weapon"
    AIR_DRONE_STRIKE = "Air/drone strike"
    SUICIDE_BOMB = "Suicide bomb"
    SHELLING = "Shelling/artillery/missile attack"
    REMOTE_EXPLOSIVE = "Remote explosive/landmine/IED"
    GRENADE = "Grenade"
    SEXUAL_VIOLENCE = "Sexual violence"
    ATTACK = "Attack"
    ABDUCTION = "Abduction/forced disappearance"
    AGREEMENT = "Agreement"
    ARRESTS = "Arrests"
    CHANGE_TO_GROUP = "Change to group/activity"
    DISRUPTED_WEAPONS_USE = "Disrupted weapons use"
    HEADQUARTERS_ESTABLISHED = "Headquarters or base established"
    LOOTING = "Looting/property destruction"
    NON_VIOLENT_TRANSFER = "Non-violent transfer of territory"
    OTHER = "Other"


_E, _S = EventType, SubEventType
_PV, _DEM, _SD = "Political violence", "Demonstrations", "Strategic developments"
#: (event_type, sub_event_type, disorder_type), in ACLED's hierarchical precedence order: earlier wins.
SUB_EVENT_TYPES: tuple[tuple[EventType, SubEventType, str], ...] = (
    (_E.BATTLES, _S.GOVERNMENT_REGAINS_TERRITORY, _PV),
    (_E.BATTLES, _S.NON_STATE_OVERTAKES_TERRITORY, _PV),
    (_E.BATTLES, _S.ARMED_CLASH, _PV),
    (_E.PROTESTS, _S.EXCESSIVE_FORCE, f"{_PV}; {_DEM}"),
    (_E.PROTESTS, _S.PROTEST_WITH_INTERVENTION, _DEM),
    (_E.PROTESTS, _S.PEACEFUL_PROTEST, _DEM),
    (_E.RIOTS, _S.VIOLENT_DEMONSTRATION, _DEM),
    (_E.RIOTS, _S.MOB_VIOLENCE, _PV),
    (_E.EXPLOSIONS, _S.CHEMICAL_WEAPON, _PV),
    (_E.EXPLOSIONS, _S.AIR_DRONE_STRIKE, _PV),
    (_E.EXPLOSIONS, _S.SUICIDE_BOMB, _PV),
    (_E.EXPLOSIONS, _S.SHELLING, _PV),
    (_E.EXPLOSIONS, _S.REMOTE_EXPLOSIVE, _PV),
    (_E.EXPLOSIONS, _S.GRENADE, _PV),
    (_E.VIOLENCE_AGAINST_CIVILIANS, _S.SEXUAL_VIOLENCE, _PV),
    (_E.VIOLENCE_AGAINST_CIVILIANS, _S.ATTACK, _PV),
    (_E.VIOLENCE_AGAINST_CIVILIANS, _S.ABDUCTION, _PV),
    (_E.STRATEGIC, _S.AGREEMENT, _SD),
    (_E.STRATEGIC, _S.ARRESTS, _SD),
    (_E.STRATEGIC, _S.CHANGE_TO_GROUP, _SD),
    (_E.STRATEGIC, _S.DISRUPTED_WEAPONS_USE, _SD),
    (_E.STRATEGIC, _S.HEADQUARTERS_ESTABLISHED, _SD),
    (_E.STRATEGIC, _S.LOOTING, _SD),
    (_E.STRATEGIC, _S.NON_VIOLENT_TRANSFER, _SD),
    (_E.STRATEGIC, _S.OTHER, _SD),
)
#: Each event type's sub-event types, in precedence order (what a trigger in the KB may name).
SUB_EVENT_TYPES_OF: dict[EventType, tuple[SubEventType, ...]] = {
    t: tuple(sub for e, sub, _ in SUB_EVENT_TYPES if e == t) for t in EventType}

#: Event types that are political violence (a fight, a strike, an attack on civilians): they may be one act.
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
#: ACLED actor types that bear arms.
ARMED_INTERS = frozenset({"State forces", "Rebel group", "Political militia", "Identity militia",
                          "External/Other forces"})

EVENT_TYPES: tuple[str, ...] = tuple(dict.fromkeys(t for t, _, _ in SUB_EVENT_TYPES))
_RANK = {sub: i for i, (_, sub, _) in enumerate(SUB_EVENT_TYPES)}
_TYPE_OF = {sub: t for t, sub, _ in SUB_EVENT_TYPES}
_DISORDER = {sub: d for _, sub, d in SUB_EVENT_TYPES}

#: ACLED actor types ("inter" codes) by number.
INTER_TYPES: dict[int, str] = {
    1: "State forces",
    2: "Rebel group",
    3: "Political militia",
    4: "Identity militia",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}
INTER_CODES: dict[str, int] = {v: k for k, v in INTER_TYPES.items()}


def precedence(sub_event_type: str) -> int:
    """Rank of a sub-event type in ACLED's hierarchy (lower wins); unknown types rank last."""
    return _RANK.get(sub_event_type, len(_RANK))


def event_type_of(sub_event_type: str) -> str:
    return _TYPE_OF[sub_event_type]


def disorder_type_of(sub_event_type: str) -> str:
    return _DISORDER[sub_event_type]


def is_valid(event_type: str, sub_event_type: str) -> bool:
    return _TYPE_OF.get(sub_event_type) == event_type


def interaction(inter1: str | None, inter2: str | None) -> str | None:
    """ACLED interaction text: the two actor types, lowest code first ("State forces-Rebel group"); one alone
    when there is no second actor ("State forces only")."""
    codes = sorted(INTER_CODES[i] for i in (inter1, inter2) if i in INTER_CODES)
    if not codes:
        return None
    if len(codes) == 1:
        return f"{INTER_TYPES[codes[0]]} only"
    return f"{INTER_TYPES[codes[0]]}-{INTER_TYPES[codes[1]]}"
