"""The ACLED taxonomy rasd emits: event types, sub-event types in precedence order, disorder types, actor types.

These are facts of the ACLED codebook (../shared/ACLED.md section 2.2), written out here rather than read from the
GPL-licensed acledR tables so that rasd's own licence stays clean.
"""

from __future__ import annotations

#: (event_type, sub_event_type, disorder_type), in ACLED's hierarchical precedence order: earlier wins.
SUB_EVENT_TYPES: tuple[tuple[str, str, str], ...] = (
    ("Battles", "Government regains territory", "Political violence"),
    ("Battles", "Non-state actor overtakes territory", "Political violence"),
    ("Battles", "Armed clash", "Political violence"),
    ("Protests", "Excessive force against protesters", "Political violence; Demonstrations"),
    ("Protests", "Protest with intervention", "Demonstrations"),
    ("Protests", "Peaceful protest", "Demonstrations"),
    ("Riots", "Violent demonstration", "Demonstrations"),
    ("Riots", "Mob violence", "Political violence"),
    ("Explosions/Remote violence", "Chemical weapon", "Political violence"),
    ("Explosions/Remote violence", "Air/drone strike", "Political violence"),
    ("Explosions/Remote violence", "Suicide bomb", "Political violence"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Political violence"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", "Political violence"),
    ("Explosions/Remote violence", "Grenade", "Political violence"),
    ("Violence against civilians", "Sexual violence", "Political violence"),
    ("Violence against civilians", "Attack", "Political violence"),
    ("Violence against civilians", "Abduction/forced disappearance", "Political violence"),
    ("Strategic developments", "Agreement", "Strategic developments"),
    ("Strategic developments", "Arrests", "Strategic developments"),
    ("Strategic developments", "Change to group/activity", "Strategic developments"),
    ("Strategic developments", "Disrupted weapons use", "Strategic developments"),
    ("Strategic developments", "Headquarters or base established", "Strategic developments"),
    ("Strategic developments", "Looting/property destruction", "Strategic developments"),
    ("Strategic developments", "Non-violent transfer of territory", "Strategic developments"),
    ("Strategic developments", "Other", "Strategic developments"),
)

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
