"""The ACLED taxonomy: 6 types, 25 sub-types, precedence and interaction codes."""

from rasd.events.taxonomy import EVENT_TYPES, SUB_EVENT_TYPES, event_type_of, interaction, is_valid, precedence


def test_six_types_25_subtypes():
    assert len(EVENT_TYPES) == 6
    assert len(SUB_EVENT_TYPES) == 25


def test_precedence_follows_acled_hierarchy():
    assert precedence("Armed clash") < precedence("Air/drone strike")
    assert precedence("Air/drone strike") < precedence("Shelling/artillery/missile attack")
    assert precedence("Suicide bomb") < precedence("Remote explosive/landmine/IED")
    assert precedence("Attack") < precedence("Arrests")
    assert precedence("unknown") > precedence("Other")


def test_types_and_validity():
    assert event_type_of("Suicide bomb") == "Explosions/Remote violence"
    assert is_valid("Battles", "Armed clash")
    assert not is_valid("Battles", "Attack")


def test_interaction_lowest_code_first():
    assert interaction("Rebel group", "State forces") == "State forces-Rebel group"
    assert interaction("Civilians", "Political militia") == "Political militia-Civilians"
    assert interaction("State forces", None) == "State forces only"
    assert interaction(None, None) is None


def test_the_enums_declare_the_taxonomy_once():
    """The precedence table lists every sub-event type exactly once, in the enum's (codebook) order, and a KB
    trigger carries an enum member, not a free string."""
    from rasd.events.taxonomy import EventType, SubEventType
    from rasd.kb import load_kb

    assert [sub for _, sub, _ in SUB_EVENT_TYPES] == list(SubEventType)
    assert list(EVENT_TYPES) == list(EventType)
    trigger = next(iter(load_kb().triggers.values()))
    assert isinstance(trigger.sub_event_type, SubEventType) and isinstance(trigger.event_type, EventType)
