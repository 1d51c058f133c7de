"""From candidates to ACLED events: fill arguments, type by precedence, merge repeats, decide background, emit.

This is the one place that knows the order of the event stages; each stage lives in its own module.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from itertools import takewhile

from rasd.doc import Doc
from rasd.errors import KBError
from rasd.events import arguments, locate, modality, split, timing, tolls
from rasd.events.detect import (
    Candidate,
    definite,
    drop_untimed,
    find_candidates,
    plural_trigger,
    takes_place,
    weak_word,
)
from rasd.events.genre import dates_no_act, is_commentary, is_sports
from rasd.events.merge import (
    counted_toll,
    generic,
    merge,
    more_of_the_same_day,
    names_it_definitely,
    relink,
    site_of_previous,
    told_near,
)
from rasd.events.notes import confidence, notes
from rasd.events.pair_model import link_reports
from rasd.events.taxonomy import ARMED_INTERS, VIOLENT_TYPES, disorder_type_of, event_type_of, interaction, precedence
from rasd.kb.rules import load_rules
from rasd.model import Article, Event, Mention
from rasd.settings import DEFAULT_SETTINGS, Settings
from rasd.text.normalize import fold

RULES = load_rules("build")

_ANOTHER = RULES["another"]
_ANOTHER_ELSEWHERE = RULES["another_elsewhere"]
_SHOT_DOWN = RULES["shot_down"]
_NON_STATE = {"Rebel group", "Political militia", "Identity militia"}
_CROWDS = ("Protesters", "Rioters")
_CROWD_DEEDS = ("Arrests", "Abduction/forced disappearance", "Looting/property destruction",
                "Non-state actor overtakes territory")
_TARGET_STATE = RULES["target_state"]
_ON_STATE_SITE = RULES["on_state_site"]
_ARMED_OWNER = RULES["armed_owner"]
_TWO_SIDED = RULES["two_sided"]
_SELF_BLAST = RULES["self_blast"]
_TWO_SIDED_REACH = RULES.window("two_sided")
_RAID_ACTS = frozenset(RULES.words("raid_acts"))
_GOVERNMENT_AFFILIATES = frozenset(RULES.lists["government_affiliates"])
_STORMED_GROUND = frozenset(RULES.words("stormed_ground"))
_STORMED_GROUND_REACH = 40  # characters after a storming word that hold its subject and object
_PREPOSITIONS = frozenset(RULES.words("prepositions"))
_AFFILIATION = RULES["affiliation"]
_AFFILIATION_REACH = RULES.window("affiliation")
_CLAIMED_BACK = RULES["claimed_back"]
_CLAIMED_BACK_REACH = RULES.window("claimed_back")
_OTHER_ACT_BETWEEN = RULES["other_act_between"]
_PROTEST_MOTIVE = RULES["protest_motive"]
_PROTEST_MOTIVE_REACH = RULES.window("protest_motive")
_CLAUSE_BREAK = RULES["clause_break"]
_FIGHT_TRIGGERS = frozenset(RULES.words("fight_triggers"))
_GROUND_TRIGGERS = frozenset(RULES.words("ground_triggers"))
_CROWD_VIOLENCE = frozenset(RULES.words("crowd_violence_triggers"))
_FOUND_DEVICES = RULES["found_devices"]
_HOSTAGES = RULES["hostages"]
_ATTACK_OBJECT = RULES["attack_object"]
_UNDERGOER = RULES["undergoer"]
_CONSTRUCT_OBJECT = RULES["construct_object"]
_UNDERGOER_REACH = RULES.window("undergoer")
_AUXILIARIES = frozenset(RULES.words("auxiliaries"))
_NEUTRAL_PEOPLE = frozenset(fold(w) for w in RULES.words("neutral_people"))
_STATE_WEAPON = RULES["state_weapon"]
_TERROR_WORD_SHOT = RULES["terror_word_shot"]
_TERROR_WORD_FIRE = RULES["terror_word_fire"]
_UNARMED_MEANS = RULES["unarmed_means"]
_POLITICAL_ARREST = RULES["political_arrest"]
_POLITICAL_ARREST_INTERS = frozenset(RULES.words("political_arrest_inters"))
_CRIME_REPORT = RULES["crime_report"]
_REPORTED_SPEECH = RULES["reported_speech"]
_WITHOUT_FIGHT = RULES["without_fight"]
_CIVILIAN_SITES = frozenset(fold(w) for w in RULES.words("civilian_sites"))
_OBJECT_BUILDINGS = frozenset(fold(w) for w in RULES.words("object_buildings"))
#: Endings of a noun read as a direct object: the indefinite accusative alif ("منزلا"), the dual ("منزلين",
#: "مدرستين") or a plural or feminine possessive pronoun (not a bare "ه": folded, "جامعة" would read as "جامع" with
#: one).
_OBJECT_ENDINGS = ("هما", "هم", "ها", "ين", "ان", "ا")
_AIRCRAFT_DOER = RULES["aircraft_doer"]
_AIRCRAFT_OF = RULES["aircraft_of"]
_AIRCRAFT_OF_REACH = RULES.window("aircraft_of")
_CROWD_FOUGHT = RULES["crowd_fought"]
_FIGHT_FEARED = RULES["fight_feared"]
_FIGHT_FEARED_REACH = RULES.window("fight_feared")
_AIR_SUPPORT = RULES["air_support"]
_AIR_SUPPORT_REACH = RULES.window("air_support")
_STRIKE_SUPPORT = RULES["strike_support"]
_STRIKE_SUPPORT_REACH = RULES.window("strike_support")
_FOUND_DEVICES_REACH = RULES.window("found_devices")
_OTHER_ACT_REACH = RULES.window("other_act_between")
_WEAPON_SUB = {"airstrike": "Air/drone strike", "drone": "Air/drone strike", "suicide vest": "Suicide bomb",
               "VBIED": "Remote explosive/landmine/IED", "IED": "Remote explosive/landmine/IED",
               "landmine": "Remote explosive/landmine/IED", "mortar": "Shelling/artillery/missile attack",
               "rocket": "Shelling/artillery/missile attack", "missile": "Shelling/artillery/missile attack",
               "artillery": "Shelling/artillery/missile attack", "grenade": "Grenade", "chemical": "Chemical weapon"}

_WEAPON_SUBS = frozenset(_WEAPON_SUB.values())
#: Weapons a tactic may be carried out with besides its own: a suicide car bomb, a drone's missile, a chemical shell.
_ALSO_MEANS = {"Suicide bomb": frozenset({"VBIED", "IED"}), "Air/drone strike": frozenset({"missile", "rocket"}),
               "Chemical weapon": frozenset(_WEAPON_SUB)}


_WORLD_TIER_WEIGHT = 0.5


def country_context(doc: Doc, kb) -> list[str]:
    """Countries of the article, most present first. In-country places weigh more than country names or
    nationality adjectives, so "Iraqi forces ... US report ... Iran" still makes the story Iraqi."""
    weights: Counter = Counter()
    support: dict[str, set[str]] = {}
    for m in doc.mentions:
        if m.kind == "place":
            try:
                place = kb.gazetteer.get(m.value)
            except Exception:  # noqa: BLE001
                continue
            if locate.shared_abroad(m, kb):
                continue  # "البنجاب": Punjab of Pakistan or of India, so it says nothing of the story's country
            # A world-tier place (scripts/gazetteer_world.py) weighs less than a country name: news names far
            # capitals for their governments ("وأرسلت لندن قوات ... في ليبيا"), which says little about where the
            # story happens.
            weights[place.iso3] += (_WORLD_TIER_WEIGHT if kb.gazetteer.in_world_tier(place.id)
                                    else 1 if place.kind == "country" else 3)
            if place.kind != "populated" or (place.population or 0) >= 100_000:
                support.setdefault(place.iso3, set()).add(place.id)
        elif m.kind == "nationality" and m.value:
            weights[m.value] += 1
            support.setdefault(m.value, set()).add("adj")
        elif m.kind == "actor" and m.attrs.get("iso3"):
            # An actor weighs but supports no country: forces act abroad ("اعتقلت سلطات الاحتلال ... في بيت
            # لحم", Turkish strikes in Iraq), so their country does not make the small town named a homograph.
            weights[m.attrs["iso3"]] += 1
    doc.support_of = support
    return [iso for iso, _ in weights.most_common() if iso in support] + [
        iso for iso, _ in weights.most_common() if iso not in support]


def _fill(c: Candidate, doc: Doc, kb, ctx: list[str], home: str | None,
          event_clauses: frozenset[tuple[int, int]] = frozenset(), anchors: tuple[int, ...] = (),
          settings: Settings = DEFAULT_SETTINGS) -> None:
    f = c.fields
    f.attribution, f.attribution_span = modality.attribution(c, doc, kb)
    source = f.attribution_span
    agents, targets = arguments.find_actors(c, doc, kb, home, (source.start, source.end) if source else None)
    late_target = not targets
    if late_target:
        # The target named later in the sentence ("... فروا بعد ان قامت قوات امنية عراقية بالرد عليهم").
        for m in doc.mentions_in(c.clause[1], c.sentence[1], "actor"):
            if any(a <= m.span.start < b for a, b in event_clauses if (a, b) != c.clause):
                break  # the next act's parties ("... بينما اختطف مجهولون ...") are not this one's
            if arguments.stance_subject(doc, m.span.start):
                continue  # "إلا أن الوزارة نفت ...": who comments on the act is no party to it
            ref = arguments.sole_group(doc, m, arguments.actor_ref(m, kb, home), kb)
            if ref is not None:
                targets.append(ref)
    if c.anchor.value == "bodies_found":
        # "عثرت الشرطة على جثتي عنصرين من الصحوة": who found them did not kill them; the dead are the target.
        targets = [t for t in targets if not (c.anchor.span.start <= t.span.start < c.anchor.span.end)]
        agents = []
    told_from = tolls.result_start(doc, c.clause, c.anchor.span.start, event_clauses)
    if told_from < c.clause[0]:
        # "لقي ضابط شرطة ومجند مصرعهما ... إثر انفجار عبوة": those the clause before counts were hit, not the doers
        hit = [r for r in agents if told_from <= r.span.start < c.clause[0]]
        agents = [r for r in agents if r not in hit]
        targets = hit + targets
    actor1 = agents[0] if agents else None
    actor2 = next((t for t in targets if actor1 is None or t.actor_id != actor1.actor_id), None)
    if actor1 is not None and modality.repelled(c, doc):
        # "تصدت البيشمركة لهجوم شنه داعش": the attacker and the side that fought it off - the one named before the
        # attack, rather than the men the clause counts as killed after it ("... وقتل خلاله سبعة مسلحين")
        other = [g for g in [*agents[1:], *targets] if g.actor_id != actor1.actor_id]
        actor2 = next((g for g in other if g.span.start < c.anchor.span.start), actor2 or (other or [None])[0])
    used = {(r.span.start, r.span.end) for r in agents}
    loc = locate.locate(c, doc, kb, ctx, home, used, event_clauses)
    namesake = locate.foreign_to_sides(loc, doc, kb, home, (actor1, actor2))
    if namesake is not None:
        # a town of another country that only its sides' home country could hold: their namesake, so the act is
        # placed as if the name were not there
        named = loc.location
        loc = locate.locate(c, doc, kb, ctx, home, used | {namesake}, event_clauses)
        if loc.span is None:
            loc.missing["location"] = (f"{loc.missing.get('location', 'no place')} ({named!r} left out: a namesake "
                                       "abroad of a place of the act's sides)")
    locate.actor_country(loc, (actor1, actor2), kb)
    locate.arresting_state(loc, c, doc, kb)
    f.loc = loc
    told_to = tolls.own_end(doc, c.anchor, c.clause[1])  # (not the dead of "another strike" told after it)
    kills = tolls.find_tolls(doc, told_from, told_to, "kill")
    hurts = tolls.find_tolls(doc, told_from, told_to, "injure")
    own = tolls.own_place(kills + hurts, doc, loc.span, told_to)  # (each figure of its own place: the event's place's)
    kills, hurts = [t for t in kills if t in own], [t for t in hurts if t in own]
    f.fatalities, f.fatalities_span = tolls.total(kills, doc)
    f.injured, f.injured_span = tolls.total(hurts, doc)
    f.fatalities_estimated, f.injured_estimated = _estimated(kills, doc), _estimated(hurts, doc)
    no_deaths, no_hurt = tolls.none_reported(doc, c.clause[0], c.sentence[1])
    if f.fatalities is None and no_deaths is not None:
        f.fatalities, f.fatalities_span = 0, no_deaths
    blast = _SELF_BLAST.search(doc.folded(*c.clause)) if f.fatalities is None else None
    if blast:
        # "فجر نفسه" with no toll told: the one death the text does report is the bomber's (ACLED counts it).
        f.fatalities = 1
        f.fatalities_span = doc.span(doc.orig_offset(c.clause[0], blast.start() + (blast.group()[0] == " ")),
                                        doc.orig_offset(c.clause[0], blast.end()))
    if f.injured is None and no_hurt is not None:
        f.injured, f.injured_span = 0, no_hurt
    country_iso = loc.iso3 or home
    if late_target and actor2 is not None and arguments.victims_named(kills + hurts):
        # "أعدم التنظيم أربعة من سائقي الشاحنات ... بتهمة العمل لصالح القوات الأمنية": the people the clause
        # counts as hit are the target, not an actor named further on in the sentence.
        actor2 = None
    if actor1 is None and actor2 is not None and _doer_read_as_target(c, doc, actor2, kills + hurts):
        # "أقدم مسلحون مجهولون على قتل مزارع", "عناصر من ميليشيا اعتدوا بالضرب على نازحين": the armed men are
        # who did it; whom it hit is read from the act's victims below.
        actor1, actor2 = actor2, None
    neutral = _neutral_count(doc, kills + hurts, actor2) and not _object_is_doer(c, doc, targets, actor1)
    if neutral and actor2 is not None:
        # "قتل خمسة أشخاص في هجوم على مركز للشرطة", "في هجمات على قوات الأمن": the force named as the act's object
        # (rule attack_object), else read below from the object's words, else the civilians they are taken for.
        actor2 = _object_actor(c, doc, targets, actor1)
    if actor2 is None:
        # "قصف مخابئ تابعة لهم": the sites are the group's named before the act in its sentence.
        actor2 = arguments.pronoun_owner(c, doc, kb, home, actor1)
    if actor2 is None:
        victim = next((t.victim for t in kills + hurts if t.victim), None)
        tail = doc.folded(c.anchor.span.end, c.clause[1])[:settings.target_site_window]
        longer = doc.folded(c.anchor.span.end, c.clause[1])[:settings.target_site_far_window]
        site = _TARGET_STATE.search(tail)
        if site is None:
            # "هجوم شنه متطرفون ينتمون إلى تنظيم ... على تمركز عسكري": the object after على, further on.
            on = _ON_STATE_SITE.search(longer)
            site = on if on is not None else None
        ground = c.anchor.attrs.get("territory")  # (what a taking's object names is ground, not whom it hit)
        if victim in (None, "armed") and not ground:
            # The act's own object says whom it hit before a site named further on does ("أطلق الجنود النار على شاب
            # قرب حاجز": the checkpoint is where, the young man whom). (An "armed" toll victim is often the attack's
            # own adjective: "قتلى في هجوم مسلح على كنيسة".)
            victim = _object_kind(c, doc, longer) or victim
        if victim == "civilian" and neutral and not ground:
            # "قتل ثمانية أشخاص في هجوم على حاجز للشرطة": persons counted with no word of who they were, hit by an
            # act whose own object is a force or its site, are that force's casualties (list neutral_people).
            hit = _object_kind(c, doc, longer)
            victim = hit if hit in ("state", "armed") else victim
        if victim is None and site and not _ARMED_OWNER.match(longer[site.end():]):
            victim = "state"  # "موقعا عسكريا", not "مواقع التنظيم" / "مواقع لداعش"
        if victim in (None, "armed") and ground:
            victim = _object_kind(c, doc, longer) or victim
        if victim is None and c.anchor.attrs.get("kill_only"):
            victim = _killed_kind(c, doc)
        f.victim = victim
        if victim == "armed":
            # "قتل ثلاثة إرهابيين": the men of the group the article is about
            span = next((t.span for t in kills + hurts if t.victim == victim), c.anchor.span)
            actor2 = arguments.armed_victims_group(doc, kb, actor1, span)
        agent = {"state": "military", "civilian": "civilians"}.get(victim or "")
        if agent and country_iso and not (actor1 and actor1.inter in ARMED_INTERS and victim == "state"
                                          and actor1.iso3 == country_iso and actor1.inter == "State forces"):
            try:
                a2 = kb.actor_for(agent, country_iso)
                span = next((t.span for t in kills + hurts if t.victim == victim), c.anchor.span)
                actor2 = arguments.ActorRef(a2.id, a2.name, a2.inter, country_iso, span)
            except KBError:  # no such agent in the KB: leave actor2 empty
                actor2 = None
    if actor1 is not None and actor1.inter == "Civilians":  # civilians are never actor1 (ACLED)
        actor1, actor2 = (actor2, actor1) if actor2 is None or actor2.inter != "Civilians" else (None, actor1)
    f.actor1, f.actor2 = actor1, actor2
    f.agents, f.named_targets = agents, targets
    f.modality, f.modality_span = modality.modality(c, doc)
    f.background_span = modality.background_marker(c, doc)
    f.background_tense_only = f.background_span is not None and modality.recounted_by_tense_only(c, doc)
    clause = doc.folded(*c.clause)
    # "كما تمكن التنظيم في اليوم ذاته من قتل 4 ضباط": more victims of the act just told, to be added to its toll.
    f.same_day_more = more_of_the_same_day(clause)
    f.when = timing.own_time(c, doc, event_clauses, source, anchors)
    f.weapons = doc.mentions_in(*c.clause, "weapon")
    f.weapon = f.weapons[0] if f.weapons else None
    # "هجوم آخر", "تفجير انتحاري جديد": another act than the one told before - but "قتل 4 ضباط آخرين" counts
    # other victims of this one.
    words = doc.folded(c.anchor.span.end, min(c.clause[1], c.anchor.span.end + settings.another_window)).split()[:3]
    f.another = c.anchor.value != "killing" and bool(_ANOTHER.search(" ".join(words))) and not any(
        w[:1].isdigit() for w in words) and not _another_person(c, doc) and bool(
        doc.mentions_in(*c.clause, "place") or doc.times_in(*c.clause) or _ANOTHER_ELSEWHERE.search(
            doc.folded(*c.clause)))
    _retype(c, kb, doc)


def _barrel_dropper(c: Candidate, doc: Doc, kb, iso3: str) -> arguments.ActorRef | None:
    """The military of the country an act of remote violence hit, when its clause names a barrel bomb (rule
    state_weapon: "قصف البراميل على بلدة اليادودة"), which only a state's helicopters drop; else None."""
    found = _STATE_WEAPON.search(doc.folded(*c.clause))
    if found is None:
        return None
    try:
        army = kb.actor_for("military", iso3)
    except KBError:  # no such agent in the KB
        return None
    span = doc.span(doc.orig_offset(c.clause[0], found.start("word")), doc.orig_offset(c.clause[0], found.end("word")))
    return arguments.ActorRef(army.id, army.name, army.inter, iso3, span)


def _neutral_count(doc: Doc, found: list[tolls.Toll], target: arguments.ActorRef | None) -> bool:
    """Are the people the act hit named only by a noun that counts them ("ثمانية أشخاص", "قتيلان": list
    neutral_people), so that the act's object may say who they were? True when every civilian toll is such a noun
    and the target read so far is none or civilians named by such a noun."""
    civil = [t for t in found if t.victim == "civilian"]
    if not civil or any(t.victim in ("state", "armed") for t in found):
        return False
    if target is not None and (target.inter != "Civilians" or not _neutral_words(doc.folded(
            target.span.start, target.span.end))):
        return False
    return all(_neutral_words(doc.folded(t.span.start, t.span.end)) for t in civil)


def _object_refs(c: Candidate, doc: Doc, targets: list[arguments.ActorRef]) -> list[arguments.ActorRef]:
    """The actors named in the act's object, after a target marker that follows the trigger (rule attack_object:
    "هجوم شنه مسلحون على مركز للشرطة")."""
    m = _ATTACK_OBJECT.search(doc.folded(c.anchor.span.end, c.clause[1]))
    if m is None:
        return []
    start = doc.orig_offset(c.anchor.span.end, m.start("object"))
    end = doc.orig_offset(c.anchor.span.end, m.end("object"))
    return [t for t in targets if start <= t.span.start < end]


def _object_actor(c: Candidate, doc: Doc, targets: list[arguments.ActorRef],
                  actor1: arguments.ActorRef | None) -> arguments.ActorRef | None:
    """The armed target named in the act's object (_object_refs), or None."""
    return next((t for t in _object_refs(c, doc, targets) if t.inter in ARMED_INTERS and (
        actor1 is None or t.actor_id != actor1.actor_id)), None)


def _object_is_doer(c: Candidate, doc: Doc, targets: list[arguments.ActorRef],
                    actor1: arguments.ActorRef | None) -> bool:
    """Does the word after a target marker name the act's own doer ("تفجير انتحاري قتل 32 شخصا وألقيت المسؤولية
    فيه على التنظيم": blame laid on the group, not its target)? Then it says nothing of whom the act hit."""
    return actor1 is not None and any(t.actor_id == actor1.actor_id for t in _object_refs(c, doc, targets))


def _neutral_words(folded: str) -> bool:
    """Is the first person noun of these words (past a number) one of list neutral_people?"""
    for w in folded.split():
        w = w.lstrip("و")
        if w in _NEUTRAL_PEOPLE:
            return True
        if tolls.victim_kind(w) is not None:
            return False
    return False


def _another_person(c: Candidate, doc: Doc) -> bool:
    """"قتل جندي وأصيب آخر": after a word of killing or wounding, "آخر" is its subject, another person hurt
    in the act just told (rule another)."""
    return any(m.value in ("kill", "injure") for m in doc.mentions_in(c.anchor.span.start, c.anchor.span.end, "cue"))


def _doer_read_as_target(c: Candidate, doc: Doc, target: arguments.ActorRef, found: list[tolls.Toll]) -> bool:
    """Is the one armed group the clause names, read as the act's target, its doer, because the act's own victims
    are civilians named after it ("أقدم مسلحون مجهولون على قتل مزارع وابنه": a toll of civilians; "عناصر من
    ميليشيا مسلحة اعتدوا بالضرب على نازحين": the attack's object)? Civilians fight no one (ACLED: they are the
    target, never actor 1), so an armed group named beside civilian victims, and not itself counted among the
    dead or hurt, did the act. Not for the state's forces ("قتل جنود ومدنيون": soldiers killed are often the
    passive's subject), nor where a word of the act says two sides fought."""
    if target.inter not in _NON_STATE or not c.clause[0] <= target.span.start < c.clause[1]:
        return False
    if any(_ground_fight(t) or t.attrs.get("sub_event_type") not in ("Armed clash", "Attack") for t in c.triggers):
        return False
    if any(t.victim in ("armed", "state") for t in found):
        return False  # "قتل ثلاثة مسلحين ومدنيان": the group's men are among the dead
    if any(t.victim == "civilian" and t.span.start >= target.span.end for t in found):
        return True
    if not found and c.anchor.attrs.get("kill_only") and target.span.start >= c.anchor.span.end and _killed_kind(
            c, doc) == "civilian":
        return True  # "قتل مسلحون مجهولون مدنيين": civilians named with no figure after the verb's subject
    after = doc.folded(c.anchor.span.end, c.clause[1])[:240]
    return target.span.start < c.anchor.span.end and _object_kind(c, doc, after) == "civilian"


def _estimated(found: list[tolls.Toll], doc: Doc) -> bool:
    """Is every figure of a toll a vague amount ACLED turns into a number ("عدد من القتلى" 3, "عشرات" 12), so that
    another report's count of the same act is the better figure (rasd.events.merge, toll policy)?"""
    kinds = {(q.start, q.end): q.kind for q in doc.quantities}
    return bool(found) and all(kinds.get(t.key) == "vague" for t in found)


def _object_kind(c: Candidate, doc: Doc, after: str) -> str | None:
    """Whom the act hit, read from its object when no actor or toll names the target: the words after a target
    marker that follows the trigger ("هجوم مسلح على كنيسة", "يطلقون النار على صاحب محل": rule attack_object) or
    the subject of a verb of undergoing before it ("تعرض الإعلامي ... لحادث إطلاق نار": rule undergoer). A victim
    noun says its kind (rasd/events/data/victims.yaml); a civilian site (list civilian_sites) says "civilian"; a
    military one (rule target_state) "state", or "armed" when an armed group owns it (rule armed_owner)."""
    before = doc.folded(max(c.clause[0], c.anchor.span.start - _UNDERGOER_REACH), c.anchor.span.start)
    phrases = [(m.group("object"), False) for m in [_ATTACK_OBJECT.search(after)] if m]
    phrases += [(m.group("object"), True) for m in [_UNDERGOER.search(before)] if m]
    for phrase, undergoer in phrases:
        words = []
        for w in phrase.split():
            if undergoer and w.startswith("ل") and not w.startswith("ال"):
                break  # "تعرض مساء السبت لاعتداء": the act itself, after the time words
            if w.lstrip("و") not in tolls.TIME_WORDS:
                words.append(w)
        if not words and undergoer:
            # "وكان مبنى رئاسة فرع الحزب ... تعرض مساء السبت لاعتداء": the subject stands before the verb.
            words = [w for w in doc.folded(*c.clause).split() if w.lstrip("وف") not in _AUXILIARIES][:3]
        if not words:
            continue
        kind = tolls.victim_kind(" ".join(words[:2]))
        if kind is not None:
            return kind
        phrase = " ".join(words[:4])
        site = _TARGET_STATE.match(phrase)
        if site:
            # "مواقع للتنظيم", "مواقع لداعش": a site of an armed group, not of the state (rule armed_owner)
            return "armed" if _ARMED_OWNER.match(phrase[site.end():]) else "state"
        if _civilian_object(words):
            return "civilian"
    if _object_building(c, doc):
        return "civilian"
    return _construct_object_kind(c, doc, after)


def _killed_kind(c: Candidate, doc: Doc) -> str | None:
    """Whom a bare killing hit, read from the kill word's direct object when no figure counts them ("قتل مسلحون
    مجهولون مدنيين", "قتلت القوات مهندسين": a plural victim noun gives no toll, so no toll says its kind): the first
    word after the kill word, past its subject's actor mention and time words."""
    start = c.anchor.span.end
    subject = next(iter(doc.mentions_in(start, c.clause[1], "actor")), None)
    if subject is not None and not doc.folded(start, subject.span.start).strip():
        start = subject.span.end  # "قتل مسلحون مجهولون ...": the subject right after the verb
    words = [w for w in doc.folded(start, c.clause[1]).split() if w.lstrip("و") not in tolls.TIME_WORDS][:1]
    if not words or words[0].startswith("و") or words[0].endswith("ون"):
        return None  # "قتل مسلحون ومدنيون": a conjunct or a nominative is killed too, not the object
    return tolls.victim_kind(words[0])


def _civilian_object(words: list[str]) -> bool:
    """Do these folded words (an act's object) name a civilian site (list civilian_sites)?"""
    head = words[0].removeprefix("ال")
    # (a building in its word forms, "على منزلين"; not a town's dual, "الهجوم على البلدتين": towns are fought over)
    return head in _CIVILIAN_SITES or _site_form(head, _OBJECT_BUILDINGS) or " ".join(
        [head, *words[1:2]]) in _CIVILIAN_SITES


def _construct_object_kind(c: Candidate, doc: Doc, after: str) -> str | None:
    """"civilian" when an indefinite act noun is joined to a civilian object right after it ("تفجير مسجد", "قصف
    أحياء المدينة", "اقتحام المستشفى": rule construct_object), else None. Only civilians are read so: the word after
    an act noun is as often its adjective ("قصف مدفعي", "مقذوف عسكري") as its object."""
    if _definite(c.anchor, doc) or doc.text[c.anchor.span.end:c.anchor.span.end + 1].strip():
        return None  # "الهجوم رجل" is no construct; nor is a word with a suffix on the act noun
    m = _CONSTRUCT_OBJECT.match(after)
    if m is None:
        return None
    words = m.group("object").split()
    return "civilian" if tolls.victim_kind(" ".join(words[:2])) == "civilian" or _civilian_object(words) else None


def _object_building(c: Candidate, doc: Doc) -> bool:
    """Is the direct object of the act's attack verb a building where civilians are ("هاجم مستوطنون منزلا
    لعائلة", "هاجموا منزلهم": list object_buildings, read past the verb's subject and before any preposition, as a
    storming's object is)? With no target marker ("على") rule attack_object reads nothing there."""
    if not c.anchor.attrs.get("generic"):
        return False
    for w in _storm_object(c.anchor, c, doc):
        if w.startswith(("ل", "بال")) and not w.startswith("ال"):
            break  # "عملية لتحرير جامعة ...", "بالمدفعية": a purpose or a means, not the object
        if _site_form(w.lstrip("وف").removeprefix("ال"), _OBJECT_BUILDINGS):
            return True
    return False


def _site_form(head: str, sites: frozenset[str]) -> bool:
    """Is this folded word one of `sites` or one of its forms with an object ending (_OBJECT_ENDINGS: "منزلا",
    "منزلين", "مدرستين", "منزلها"; a feminine ة stands as ت before the ending)?"""
    if head in sites:
        return True
    for e in _OBJECT_ENDINGS:
        stem = head[:-len(e)]
        if head.endswith(e) and (stem in sites or stem.endswith("ت") and stem[:-1] + "ه" in sites):
            return True
    return False


def _weapon_label(c: Candidate, kb, clause_weapons: bool = True) -> str | None:
    w = c.fields.weapon if clause_weapons else None
    if w is not None:
        return w.label or None
    weapons = [t.attrs.get("weapon") for t in c.triggers if t.attrs.get("weapon")]
    wid = "drone" if "drone" in weapons else c.anchor.attrs.get("weapon")
    if wid:
        weapon = getattr(kb, "weapons", {}).get(wid)
        return getattr(weapon, "label", None) or str(wid)
    return None


def _own_weapon(c: Candidate) -> Mention | None:
    """The clause's weapon the act was carried out with. A weapon word that names another tactic than the act's
    own is what the act hit or found, not its means ("الضربات أصابت ... حقول ألغام": air strikes on minefields
    used no landmine), so an act whose sub-event type is a tactic takes the clause's first weapon of that
    tactic (or one it may carry, _ALSO_MEANS), or none."""
    sub = c.sub_event_type
    if sub not in _WEAPON_SUBS:
        return c.fields.weapon
    return next((w for w in c.fields.weapons if _WEAPON_SUB.get(w.label, sub) == sub
                 or w.label in _ALSO_MEANS.get(sub, ())), None)


def _specific_subs(c: Candidate, doc: Doc | None = None) -> list[str]:
    """The sub-event types the act's words name; a generic attack word's only when no violent word says how.

    ACLED precedence ranks concurrent tactics (a strike during a ground battle is the battle); a generic word
    ("هجوم", "هجمات", "إطلاق النار", a bare killing) is no tactic, so it must not outrank the one that names it:
    "قتل شخصان في هجمات بقنابل" is a bombing, not a clash. Only a violent word of the same act can say how an
    attack was made (a protest or a truce in the same clause is another act; so is a strike told after "غداة"),
    and "تبادل لإطلاق النار" is a two-sided fight."""
    triggers = _without_distant_weak(_without_motives(_without_idle_territory(c.triggers, doc), doc), doc)
    subs = [_sub_of(t, doc) for t in triggers if t.attrs.get("sub_event_type")]
    vague = [t for t in triggers if _generic_attack(t, doc)]
    how = [t for t in triggers if t.attrs.get("event_type") in VIOLENT_TYPES and not _generic_attack(t, doc)
           and any(_tells_how(g, t, doc, anywhere=t.attrs.get("sub_event_type") in _REMOTE_SUBS
                              and t.span.start < g.span.start) for g in vague)]
    entries = [t for t in triggers if t.attrs.get("forced_entry")]
    bombs = [t for t in triggers if t.attrs.get("sub_event_type") in _BOMBS and any(
        _tells_how(e, t, doc) for e in entries)]
    if bombs:
        # "انتحاريا اقتحم بجرار محمل بالمتفجرات مركزا للدرك": a way forced in by a bomb is the bombing.
        vague, how = vague + entries, how + bombs
    inside = [t for t in triggers if t.attrs.get("sub_event_type") in _RAID_ACTS and not _generic_attack(t, doc)]
    if entries and inside and not bombs:
        # "اقتحمت قوة أمنية حي الصناعة واعتقلت أربعة مطلوبين", "مواجهات ... خلال اقتحام القوات البلدة": forcing a way
        # in is how the raid was made; what the force did inside (list raid_acts) is the act, no ground changed hands.
        vague, how = vague + entries, how + inside
    told = [t for t in triggers if t.attrs.get("event_type") in VIOLENT_TYPES and not _generic_attack(t, doc)
            and t.attrs.get("sub_event_type") in _REMOTE_SUBS]
    if told and any(_claimed_back(g, doc) and any(t.span.start < g.span.start for t in told) for g in vague):
        # "سيارة مفخخة انفجرت قرب سوق شعبي ... وتبنى تنظيم مسلح الهجوم": the attack a group claims (or no one
        # claimed) is the act the clause already named by its tactic; ACLED codes the tactic (rule claimed_back).
        how = how + told
    if not vague or not how:
        return subs
    return [_sub_of(t, doc) for t in triggers if t.attrs.get("sub_event_type") and t not in vague]


def _sub_of(t, doc: Doc | None) -> str:
    """The sub-event type a trigger names; a strike told as the support of a force on the ground ("بمساعدة الضربات
    الجوية", "تدعمهم غارات جوية": rule strike_support) names that force's fight, an armed clash (ACLED: an air
    strike during a ground battle is the battle)."""
    return "Armed clash" if _supporting_strike(t, doc) else t.attrs.get("sub_event_type")


def _supporting_strike(t, doc: Doc | None) -> bool:
    """Is this remote tactic's word told as the support of a force on the ground (rule strike_support)?"""
    return doc is not None and t.attrs.get("sub_event_type") in _REMOTE_SUBS and bool(_STRIKE_SUPPORT.search(
        doc.folded(max(0, t.span.start - _STRIKE_SUPPORT_REACH), t.span.start)))


def _without_distant_weak(triggers, doc: Doc | None) -> list:
    """The act's words less a weak fighting word ("معركة", "قتال", "مواجهة": list weak in triggers.yaml) that stands
    apart from the clause's violent act ("يؤكد التفجير الذي استهدف سوقا في المدينة ... أن معركة البلاد مع
    الإرهاب طويلة"): such a word is often a figure of speech or the war at large, and outranks every remote tactic in
    ACLED's order; next to the act (rule other_act_between's reach, no word of sequence between) it still says the
    act was fought, as a strike during a battle is the battle."""
    if doc is None:
        return list(triggers)
    acts = [t for t in triggers if t.attrs.get("event_type") in VIOLENT_TYPES and not weak_word(doc, t)
            and not t.attrs.get("kill_only")]
    far = [t for t in triggers if weak_word(doc, t) and t.attrs.get("event_type") == "Battles"
           and not t.attrs.get("territory") and acts and not any(_tells_how(t, a, doc) for a in acts)]
    return [t for t in triggers if t not in far]


def _without_motives(triggers, doc: Doc | None) -> list:
    """The act's words less those a protest is about ("احتجاجا على اعتقال زملائهم والاعتداء عليهم": rule
    protest_motive), when the clause tells a protest."""
    if doc is None or not any(t.attrs.get("event_type") == "Protests" for t in triggers):
        return list(triggers)
    return [t for t in triggers if t.attrs.get("event_type") == "Protests" or not _PROTEST_MOTIVE.search(
        _CLAUSE_BREAK.split(doc.folded(max(0, t.span.start - _PROTEST_MOTIVE_REACH), t.span.start))[-1])]


def _without_idle_territory(triggers, doc: Doc | None) -> list:
    """The act's words less a weak territory word that takes no place ("استعادة النظام" in a riot, "تحرير
    أبنائهم" in a protest), when another word names the act: it outranks every other type in ACLED's order,
    so it must say that ground changed hands."""
    if doc is None:
        return list(triggers)
    idle = [t for t in triggers if t.attrs.get("territory") and t.attrs.get("weak") and not takes_place(doc, t)]
    return [t for t in triggers if t not in idle] if len(idle) < len(triggers) else list(triggers)


def _tells_how(generic_word, word, doc: Doc | None, anywhere: bool = False) -> bool:
    """Is `word` (a weapon or tactic) said of the act `generic_word` names: near it (`anywhere`: in the same
    clause), with no word of sequence between them (rule other_act_between)?

    A remote tactic told first ("ضربات", "تفجيرات") is what a generic attack word later in its clause tells again,
    however far apart they stand ("وشنت تركيا ضربات ... على معسكرات ... وكثفت هجومها على المقاتلين", "سلسلة
    تفجيرات ... في هجمات تبنى بعضها التنظيم"): the generic word names no tactic, so it must not outrank the strike
    in ACLED's order. A generic attack told first and a weapon far after it ("بدأت القوات هجوما على المدينة ...
    يترافق مع قصف جوي") is a ground assault the strikes came with, a battle (ACLED); there the weapon must stand
    next to the attack word to say how it was made."""
    if doc is None:
        return True
    first, second = sorted((generic_word, word), key=lambda t: t.span.start)
    gap_start, gap_end = first.span.end, max(first.span.end, second.span.start)
    return (anywhere or gap_end - gap_start <= _OTHER_ACT_REACH) and not _OTHER_ACT_BETWEEN.search(
        doc.folded(gap_start, gap_end))


def _generic_attack(t, doc: Doc | None) -> bool:
    """A word that says only that someone attacked or fired ("هجوم", "إطلاق النار"), not with what; an exchange of
    fire ("تبادلا قصيرا لإطلاق النار") says a fight, and so does an attack fought off ("صدت الفصائل هجوما لقوات
    النظام ... وقصفت مواقعها بالصواريخ": modality rule repelled, in the same window): both sides fought on the
    ground, and the shells fired in that fight do not make it remote violence (ACLED: a battle that includes
    shelling is a battle)."""
    if not t.attrs.get("generic") or t.attrs.get("sub_event_type") not in ("Armed clash", "Attack"):
        return False
    if doc is not None and _TWO_SIDED.search(doc.folded(max(0, t.span.start - _TWO_SIDED_REACH), t.span.start)):
        return False
    if doc is not None and modality.repelled_between(doc, max(0, t.span.start - _TWO_SIDED_REACH), t.span.start):
        return False
    return True


def _retype(c: Candidate, kb, doc: Doc | None = None) -> None:
    """ACLED precedence over all of the clause's triggers, then the rules that depend on arguments."""
    subs = _specific_subs(c, doc)
    label = _weapon_label(c, kb)
    a2 = c.fields.actor2
    if a2 is None and c.fields.victim in _VICTIM_INTER:
        # No actor names the target, but its object or its victims say who it was (civilians, soldiers).
        a2 = arguments.ActorRef("", "", _VICTIM_INTER[c.fields.victim], None, c.anchor.span)
    vague = generic(c)
    means = _terror_means(c, doc)
    if means:
        # "في ثاني هجوم إرهابي ... بالرصاص", "العملية الإرهابية ... بإحراق منزل عائلة": a terror word names no tactic;
        # the guns or the fire its act was done with say what it was (rules terror_word_shot, terror_word_fire)
        subs = [s for s in subs if s != "Remote explosive/landmine/IED"] + [means]
    elif vague and label in _WEAPON_SUB:
        subs = [_WEAPON_SUB[label]]  # "الهجوم نفذ باستخدام جرار محمل بالمتفجرات": the weapon says what it was
    attack_word = all(s in ("Armed clash", "Attack") for s in subs)  # "هجوم", not "انفجار" (a bomb stays a bomb)
    if vague and a2 is not None and attack_word:
        if a2.inter == "Civilians":
            subs = [s for s in subs if s not in ("Armed clash",)] + ["Attack"]
        elif a2.inter in ARMED_INTERS:
            subs = [s for s in subs if s != "Attack"] + ["Armed clash"]
    if not subs:
        return
    best = min(subs, key=precedence)
    if best == "Armed clash" and a2 is not None and a2.inter == "Civilians" and not any(
            _TWO_SIDED.search(fold(t.span.text)) or _supporting_strike(t, doc) for t in c.triggers) \
            and not _armed_side_besides(c, doc):
        # (strikes that backed a force on the ground at a district fought there: "مقاتلين تدعمهم الضربات الجوية
        # يحاولون استعادة الأحياء الشمالية" is no attack on the district's people)
        best = "Attack"
    if best == "Attack" and a2 is not None and a2.inter in ARMED_INTERS and c.anchor.value not in ("bodies_found",
                                                                                               "execution"):
        # (ACLED: a detained or unarmed person put to death is a civilian victim whatever his side)
        best = "Armed clash"
    if best == "Arrests" and doc is not None and _hostage_taking(c, doc):
        best = "Abduction/forced disappearance"  # "عملية احتجاز رهائن في مصرف": held by their captors (ACLED)
    if c.fields.modality == "foiled" and (best in _BOMBS or (best in ("Armed clash", "Attack") and any(
            s in _BOMBS for s in subs))):
        best = "Disrupted weapons use"  # "أحبطت القوات هجوما بسيارة مفخخة": the bomb did not go off
    c.sub_event_type, c.event_type = best, event_type_of(best)


def _terror_means(c: Candidate, doc: Doc | None) -> str | None:
    """The sub-event type of an act told as a bombing only by a terror word ("هجوم إرهابي", rule terror_word_shot)
    whose means its text tells: a gun (its own weapon, or a shooting word of the same act) makes it a fight, "Armed
    clash" (then typed by its target); fire set in its sentence (rule terror_word_fire) an arson attack, "Attack".
    None when a bomb word of the act says it was a bomb, or nothing says how."""
    if doc is None:
        return None
    bombs = [t for t in c.triggers if t.attrs.get("sub_event_type") in _BOMBS]
    if not bombs or not all(t.attrs.get("generic") and _TERROR_WORD_SHOT.match(fold(t.span.text)) for t in bombs):
        return None
    weapon = c.fields.weapon
    if (weapon is not None and weapon.value == "small_arms") or any(
            t.attrs.get("weapon") == "small_arms" and all(_tells_how(b, t, doc) for b in bombs) for t in c.triggers):
        return "Armed clash"
    return "Attack" if any(_fire_told(b, doc) for b in bombs) else None


def _fire_told(t, doc: Doc) -> bool:
    """Is fire set (rule terror_word_fire) told in this word's sentence, with no word of sequence between them?"""
    s0, s1 = doc.sentence_of(t.span.start)
    before, after = doc.folded(s0, t.span.start), doc.folded(t.span.end, s1)
    last = max(_TERROR_WORD_FIRE.finditer(before), key=lambda m: m.start(), default=None)
    if last is not None and not _OTHER_ACT_BETWEEN.search(before[last.end():]):
        return True
    first = _TERROR_WORD_FIRE.search(after)
    return first is not None and not _OTHER_ACT_BETWEEN.search(after[:first.start()])


def _armed_side_besides(c: Candidate, doc: Doc | None) -> bool:
    """Does a fight word of the act ("اشتباكات", "مواجهات": list fight_triggers) stand in a clause that names armed
    men outside its actors' mentions ("قتل اثنان من المتشددين وطفلان خلال اشتباكات", "في اشتباكات بين قوات الحكومة
    ومقاتلين متطرفين")? Then two armed sides fought and the civilians it counts are its casualties, not a side
    (ACLED: civilians killed in a battle count in its fatalities), so the clash stays a battle; townspeople who
    fought armed men with no armed man but the doer named ("اشتباكات بين مواطنين ومسلحي داعش") are its target."""
    if doc is None or not _fought(c):
        return False
    if "armed" in {tolls.victim_kind(w) for w in tolls.words_between(doc, *c.clause)}:
        return True
    # "في اشتباكات بين قوات الأمن ومقاتلين": armed men named by an indefinite generic word that is no actor of the
    # event (no group it stands for) are a side of their own too; a definite one ("فقتل المسلحون اثنين منهم")
    # points back to the armed side already named.
    sides = {(r.span.start, r.span.end) for r in (c.fields.actor1, c.fields.actor2) if r is not None}
    return any(tolls.victim_kind(words) == "armed" and not words.lstrip("وفبل").startswith("ال")
               for m in doc.mentions_in(*c.clause, "actor") if (m.span.start, m.span.end) not in sides
               for words in [doc.folded(m.span.start, m.span.end)])


def _hostage_taking(c: Candidate, doc: Doc) -> bool:
    """Is an arrest word of the act said of hostages ("احتجاز الرهائن", rule hostages)? Hostages are taken, not
    arrested: an abduction by whoever holds them."""
    return any(t.attrs.get("sub_event_type") == "Arrests" and _HOSTAGES.match(
        doc.folded(t.span.start, min(len(doc.text), t.span.end + RULES.window("hostages")))) for t in c.triggers)


_BOMBS = ("Remote explosive/landmine/IED", "Suicide bomb")
_TERRITORY_SUBS = ("Government regains territory", "Non-state actor overtakes territory")
#: The actor type a victim kind (rasd.events.tolls.victim_kind) stands for, when no actor names the target.
_VICTIM_INTER = {"civilian": "Civilians", "state": "State forces", "armed": "Rebel group"}
_REMOTE_SUBS = frozenset({"Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
                          "Remote explosive/landmine/IED", "Grenade"})
_AIR_WEAPONS = {"airstrike", "drone", "aircraft", "barrel bomb"}
_KEPT_STRATEGIC = modality.CODED_STRATEGIC
#: What a sports report may still tell: a crowd's act (fans who riot or protest; the game's own words make battles,
#: strikes and territory changes). Not violence against civilians:
#: in 825 sports reports of a random corpus draw, all 6 such events kept were the game's words ("خطفها" a lead
#: snatched, "مواجهته" a fixture, "طعنات" figurative) or a massacre of fans years before, recalled.
_SPORTS_KEPT_TYPES = {"Riots", "Protests"}


def _finalize_type(c: Candidate, kb, doc: Doc | None = None) -> None:
    """Rules that need the merged event: who took territory, bombs dropped from the air, who arrests."""
    f = c.fields
    a1 = f.actor1
    # (aircraft named before the act's clause are not the doer of a new attack word in it: "شنت الطائرات 20 غارة
    # ...، بينما قتل جنديان في هجوم للمتمردين على حاجز" is the rebels' attack; a bare killing there is the strike's
    # toll told on)
    by_air = a1 is not None and doc is not None and _named_by_aircraft(c, a1, doc) and (
        c.clause[0] <= a1.span.start < c.clause[1]
        or not any(t.attrs.get("generic") and not t.attrs.get("kill_only") for t in c.triggers)) and not (
        _aircraft_of_another_act(c, a1, doc))
    iso = f.loc.iso3
    if a1 is None and iso and c.sub_event_type in ("Arrests", "Disrupted weapons use"):
        # Arrests and defusing are done by the state's forces unless the text names someone else.
        try:
            actor = kb.actor_for("police" if c.sub_event_type == "Arrests" else "security", iso)
            f.actor1 = arguments.ActorRef(actor.id, actor.name, actor.inter, iso, c.anchor.span)
        except KBError:  # no state actor for this country in the KB
            pass
    a1 = f.actor1
    if c.sub_event_type == "Disrupted weapons use" and a1 is not None and a1.inter in _NON_STATE and iso and not (
            _SHOT_DOWN.match(fold(c.anchor.span.text))):
        # ACLED: the one who disrupts (defuses, foils, destroys the bomb) is actor 1; the bombers are actor 2.
        try:
            state = kb.actor_for("security", iso)
            f.actor2 = a1
            f.actor1 = a1 = arguments.ActorRef(state.id, state.name, state.inter, iso, c.anchor.span)
        except KBError:  # no state actor for this country in the KB
            pass
    if c.sub_event_type in _CROWD_DEEDS and a1 is not None and a1.inter in _CROWDS:
        # "احتجز متظاهرون غاضبون نائب رئيس مجلس المحافظة", "أحرق المحتجون مبنى", "اقتحم محتجون مبنى المجلس": a
        # crowd neither arrests, loots nor takes ground as an organisation does; demonstrators who seize people,
        # property or a building rioted (ACLED).
        c.sub_event_type, c.event_type = "Violent demonstration", event_type_of("Violent demonstration")
    if c.sub_event_type == "Arrests" and a1 is not None and a1.inter in _NON_STATE:
        if c.clause[0] <= a1.span.start < c.clause[1] and not _AFFILIATION.search(
                doc.folded(max(c.clause[0], a1.span.start - _AFFILIATION_REACH), a1.span.start) if doc else ""):
            # ACLED: only the state arrests; a group that detains people abducts them (not a group named as what
            # someone belongs to or works for: "دهمت القوات منزل عضو في حركة الجهاد واعتقلت شقيقه", rule affiliation).
            c.sub_event_type = "Abduction/forced disappearance"
        elif iso:
            # A group named earlier in the sentence is whom the arrests were aimed at, not who made them.
            try:
                police = kb.actor_for("police", iso)
                if f.actor2 is None:
                    f.actor2 = a1
                f.actor1 = a1 = arguments.ActorRef(police.id, police.name, police.inter, iso, c.anchor.span)
            except KBError:  # no state actor for this country in the KB
                pass
    if c.sub_event_type in ("Government regains territory", "Non-state actor overtakes territory") and f.modality in (
            "attempted", "foiled"):
        # "لدى محاولتهم اقتحام قرى ...": no ground changed hands; the fight for it is an armed clash (ACLED).
        c.sub_event_type, c.event_type = "Armed clash", "Battles"
    if c.sub_event_type in _TERRITORY_SUBS and _stormed_only(c) and not _ground_stormed(c, doc, kb):
        # "اقتحمت قوات الاحتلال المسجد الأقصى", "اقتحام السجون": forcing a way in does not say that control was held
        # (ACLED's condition for a territory change); it is an attack on the place, typed by whom it hit.
        a2 = f.actor2
        civilian = (a2 is not None and a2.inter == "Civilians") or (a2 is None and (
            f.victim == "civilian" or _civilian_site_stormed(c, doc)))
        c.sub_event_type = "Attack" if civilian else "Armed clash"
        c.event_type = event_type_of(c.sub_event_type)
    if c.sub_event_type in ("Government regains territory", "Non-state actor overtakes territory") and a1 is not None:
        affiliate = a1.actor_id in _GOVERNMENT_AFFILIATES
        state = a1.inter in ("State forces", "External/Other forces") or affiliate
        c.sub_event_type = "Government regains territory" if state else "Non-state actor overtakes territory"
        if affiliate and f.actor2 is not None and f.actor2.inter == "State forces" and f.actor2.iso3 == a1.iso3:
            # "استعادت اللجان الشعبية والجيش المعسكر": the army beside its affiliate is the same side,
            # not the one that lost the place (ACLED's actor 2).
            f.actor2 = None
        if not state and f.actor2 is None and iso and a1.inter in _NON_STATE and (
                f.loc.geo_precision or 3) <= 2:
            # ACLED's actor 2 is the side that lost the place; a group that takes a town the text does not say
            # it took from anyone took it from the state (said in `missing`, so a reader can check it).
            try:
                army = kb.actor_for("military", iso)
                f.actor2 = arguments.ActorRef(army.id, army.name, army.inter, iso, c.anchor.span)
                c.missing["actor2_inferred"] = "the text names no one who lost the place: the state's forces"
            except KBError:  # no state actor for this country in the KB
                pass
    if c.sub_event_type in _TERRITORY_SUBS and doc is not None and any(
            _WITHOUT_FIGHT.search(doc.folded(*o.clause)) for o in [c] + c.absorbed):
        # "سيطرت الحركة على البلدة بعد انسحاب القوات الحكومية منها دون قتال" (ACLED: a battle needs two sides that
        # fought; ground handed over or left is a non-violent transfer of territory)
        c.sub_event_type = "Non-violent transfer of territory"
        c.event_type = event_type_of(c.sub_event_type)
    told_how = [o.sub_event_type for o in c.absorbed if o.sub_event_type in _REMOTE_SUBS and any(
        _generic_attack(t, doc) and _definite(t, doc) for t in o.triggers) and not generic(o)]
    if told_how and c.sub_event_type in ("Attack", "Armed clash") and (generic(c) or all(
            t.attrs.get("kill_only") for t in c.triggers)) and not any(_ground_fight(t) for t in c.triggers):
        # "هجوم مسلح استهدف مخفرا للشرطة" and, further on, "مسلحين استخدموا القنابل في الهجوم على المركز": a generic
        # attack word says only that the act happened; a report of the same act that tells with what weapon "the
        # attack" was made (its own generic word and the weapon word) says what it was (ACLED: the tactic).
        best = min(told_how, key=precedence)
        c.sub_event_type, c.event_type = best, event_type_of(best)
    alongside = c.sub_event_type in _REMOTE_SUBS and doc is not None and _fought_alongside(c, doc)
    if alongside:
        # "قتل 28 عنصرا ... اثر اشتباكات بين الطرفين وتفجيرين انتحاريين نفذهما التنظيم" (ACLED: a strike, a shelling
        # or a suicide bombing during a battle is the battle)
        c.sub_event_type, c.event_type = "Armed clash", event_type_of("Armed clash")
    _type_bare_killing(c, doc)
    _crowd_type(c, doc)
    if doc is not None and (riot := _fight_of_unarmed(c, doc)):
        # "مواجهات اندلعت مع قوات الاحتلال" with a young man shot, "اشتباكات بالأيدي بين المصلين والشرطة" (ACLED
        # Riots: a battle needs two armed, organised sides)
        c.sub_event_type, c.event_type = riot, event_type_of(riot)
    if doc is not None and _demonstration_turned_violent(c, doc):
        # "خرجوا في مظاهرات ... وأثناء المظاهرة تم حرق مؤسسات الدولة والاعتداء على الجهات الأمنية" (ACLED Riots)
        riot = "Mob violence" if _mob_without_demonstration(c, doc) else "Violent demonstration"
        c.sub_event_type, c.event_type = riot, event_type_of(riot)
    if c.sub_event_type in ("Peaceful protest", "Protest with intervention") and doc is not None and _crowd_fought(
            c, doc):
        # "تفريق متظاهرين ... بعد وقوع صدامات" (ACLED Riots)
        c.sub_event_type, c.event_type = "Violent demonstration", event_type_of("Violent demonstration")
    if c.event_type in ("Protests", "Riots") and iso:
        # ACLED: the crowd is actor 1 (protesters or rioters of the country); a state force is the one that
        # intervenes; an armed group never "protests".
        crowd = "protesters" if c.event_type == "Protests" else "rioters"
        a1 = f.actor1
        if a1 is None or a1.inter not in ("Protesters", "Rioters") or (crowd == "rioters" and a1.inter == "Protesters"):
            try:
                who = kb.actor_for(crowd, iso)
                a2 = f.actor2
                if a1 is not None and a1.inter == "State forces" and (
                        a2 is None or a2.inter in ("Protesters", "Rioters", "Civilians")):
                    f.actor2 = a1
                elif a2 is not None and a2.inter in ("Protesters", "Rioters", "Civilians"):
                    f.actor2 = None
                f.actor1 = arguments.ActorRef(who.id, who.name, who.inter, iso, c.anchor.span)
            except KBError:  # no such agent for this country in the KB
                pass
    if c.sub_event_type == "Peaceful protest" and doc is not None and any(
            t.attrs.get("sub_event_type") == "Arrests" for t in _without_motives(c.triggers, doc)) and (
            f.actor2.inter == "State forces" if f.actor2 is not None else _state_force_in(c, doc, kb, iso)):
        # "تظاهر المئات ... واعتقلت الشرطة عشرة منهم", "اعتقلت الشرطة عشرين متظاهرا خلال مظاهرة": the state's forces
        # that arrest at the protest (not an arrest the protest is about: rule protest_motive) intervened in it
        # (ACLED), whether the merged report names them as actor 2 or only in its clause.
        c.sub_event_type, c.event_type = "Protest with intervention", event_type_of("Protest with intervention")
    if c.sub_event_type in ("Protest with intervention", "Excessive force against protesters") and doc is not None \
            and f.actor2 is None:
        f.actor2 = _state_force_in(c, doc, kb, iso)  # who intervened
    if c.sub_event_type in _BOMBS and doc is not None and any(
            _FOUND_DEVICES.match(doc.folded(t.span.start, min(t.span.end + _FOUND_DEVICES_REACH, cl[1])))
            for o in [c] + c.absorbed for t in o.triggers for cl in [o.clause]):
        c.sub_event_type = "Disrupted weapons use"  # "فجرت قوات الأمن سبع عبوات ناسفة عثرت عليها"
    if c.sub_event_type == "Shelling/artillery/missile attack" and f.actor2 is not None and (
            f.actor2.inter in ARMED_INTERS) and any(w.value == "small_arms" for o in [c] + c.absorbed
                                                    for w in o.fields.weapons) and any(
            _generic_attack(t, doc) for o in [c] + c.absorbed for t in o.triggers):
        # "شنوا هجوما استهدف تجمعا لقوات الجيش استخدم خلالها أسلحة متوسطة فضلا عن قذائف": an assault with small
        # arms on an armed side is a fight on the ground; the shells fired in it do not make it remote (ACLED).
        c.sub_event_type = "Armed clash"
    if c.event_type == "Battles" or c.sub_event_type == "Armed clash":
        # ACLED: civilians hurt in a battle count in its fatalities but are never one of its actors.
        if f.actor2 is not None and f.actor2.inter == "Civilians":
            f.actor2 = None
    if f.actor1 is not None and f.actor2 is not None and f.actor1.actor_id == f.actor2.actor_id:
        f.actor2 = None  # one side named twice is not two sides
    labels = {w.label for w in f.weapons} | {_weapon_label(c, kb)}
    if c.sub_event_type in ("Shelling/artillery/missile attack", "Remote explosive/landmine/IED") and (
            labels & _AIR_WEAPONS or by_air or _air_report(c, doc)):
        c.sub_event_type = "Air/drone strike"  # "قصفت طائرة حربية ...": bombs from an aircraft
    elif c.sub_event_type in ("Attack", "Armed clash") and by_air and not alongside and not any(
            _ground_fight(t) or _supporting_strike(t, doc) for o in [c] + c.absorbed for t in o.triggers
            if o is c or t.span == c.evidence.get("event_type")):
        # "مجزرتين نفذهما طيران النظام الحربي": what aircraft do to people or positions is an air strike (ACLED
        # Explosions/Remote violence, civilian victims or not); a fight that typed the event (its own clause's or a
        # report merged into it: "ألقى الطيران براميل ... وسط استمرار الاشتباكات") stays the battle (ACLED).
        c.sub_event_type = "Air/drone strike"
    c.event_type = event_type_of(c.sub_event_type)




def _fought_alongside(c: Candidate, doc: Doc) -> bool:
    """Is a remote tactic of the act told in one sentence with a fight of two sides that a report merged into it
    tells ("اثر اشتباكات بين الطرفين وتفجيرين انتحاريين", list fight_triggers), with no word of sequence between the
    two words (rule other_act_between: "قصفت الطائرات المواقع غداة اشتباكات" is two acts)? Then the fight and the
    tactic are one act, a battle."""
    remote = [t for t in c.triggers if t.attrs.get("sub_event_type") in _REMOTE_SUBS]
    fights = [t for o in c.absorbed for t in o.triggers
              if str(t.value).split("__")[0] in _FIGHT_TRIGGERS and not t.attrs.get("weak")]
    return any(doc.sentence_index(f.span.start) == doc.sentence_index(r.span.start) and _tells_how(
        f, r, doc, anywhere=True) for f in fights for r in remote)


def _type_bare_killing(c: Candidate, doc: Doc | None) -> None:
    """An event told by a bare killing ("قتل ... في منطقة أ": a kill verb, no word of how) typed by the tactic of a
    report merged into it that tells how the attack was made ("هاجموا سيارته بقذائف وقنابل يدوية": its own attack
    word and its weapon). The kill verb says only that someone died (rasd.events.detect types it an armed clash for
    want of better), so the report that names the weapon says what the act was (ACLED: the tactic).
    rasd.events.merge retypes by a report of the same sentence only, and the rule above (told_how) only by one that
    refers back to "the attack"; a kill verb outranks nothing, so a report of another sentence the link joined may
    type it. A report with a weapon word alone ("غارات") is often another act the link joined (strikes in reprisal
    for the killing), so it does not (on train+dev it retyped three killings wrongly)."""
    if c.sub_event_type != "Armed clash" or not c.triggers or not all(t.attrs.get("kill_only") for t in c.triggers):
        return
    if c.fields.modality == "foiled" or any(_ground_fight(t) for o in c.absorbed for t in o.triggers):
        return
    told = [o.sub_event_type for o in c.absorbed if o.sub_event_type in _REMOTE_SUBS and not generic(o)
            and any(_generic_attack(t, doc) and not t.attrs.get("kill_only") for t in o.triggers)]
    if told:
        best = min(told, key=precedence)
        c.sub_event_type, c.event_type = best, event_type_of(best)


def _air_report(c: Candidate, doc: Doc | None) -> bool:
    """Does a report merged into the event say aircraft did it ("بدأ الجيش حملة قصف على مواقع المتمردين" with,
    further on, "وقالت الوزارة إن مقاتلاتها قصفت خمسة مواقع لهم")? Each report of one occurrence tells part of it; the one that
    names the aircraft says with what it was done, and ACLED ranks an air strike above the shelling it comes with."""
    return doc is not None and any(
        o.fields.actor1 is not None and _named_by_aircraft(o, o.fields.actor1, doc)
        or {w.label for w in o.fields.weapons} & _AIR_WEAPONS for o in c.absorbed)


def _named_by_aircraft(c: Candidate, a1: arguments.ActorRef, doc: Doc) -> bool:
    """Is the doer an aircraft: actor 1 read from an air force's words ("قصفت المقاتلات التركية"), or named in the
    act's clause by its aircraft ("نفذهما طيران النظام الحربي", "طائرات التحالف": rule aircraft_doer; "طيران الجيش
    العراقي", "لطيران التحالف": rule aircraft_of), and not as the support of a force on the ground (rule
    air_support)?"""
    return any((m.span == a1.span and m.attrs.get("agent") == "air_force" or m.value == a1.actor_id and (
                _AIRCRAFT_DOER.search(fold(m.span.text)) or _AIRCRAFT_OF.search(
                    doc.folded(max(0, m.span.start - _AIRCRAFT_OF_REACH), m.span.start)))) and not _AIR_SUPPORT.search(
        doc.folded(max(c.clause[0], m.span.start - _AIR_SUPPORT_REACH), m.span.start))
        for m in doc.mentions_in(min(c.clause[0], a1.span.start), max(c.clause[1], a1.span.end), "actor"))


def _aircraft_of_another_act(c: Candidate, a1: arguments.ActorRef, doc: Doc) -> bool:
    """Is the aircraft doer named after a word of sequence that follows every word of the act ("قتل جنديان إثر
    تفجير سيارة ملغومة ...، ويأتي الهجوم غداة شنها الطيران الحربي ضد مواقع الحزب": rule other_act_between)? The
    aircraft did the earlier act told from that word on, not this one."""
    last = max(t.span.end for t in c.triggers) if c.triggers else c.anchor.span.end
    return last <= a1.span.start and bool(_OTHER_ACT_BETWEEN.search(doc.folded(last, a1.span.start)))


def _claimed_back(t, doc: Doc | None) -> bool:
    """Is the trigger "the attack" a claim is about ("تتبنى الهجوم", "لم تتبن أي جماعة هذا الهجوم": rule claimed_back)?"""
    return doc is not None and _definite(t, doc) and bool(_CLAIMED_BACK.search(
        doc.folded(max(0, t.span.start - _CLAIMED_BACK_REACH), t.span.start)))


def _definite(t, doc: Doc | None) -> bool:
    """Is the trigger's word definite ("الهجوم", "في الهجوم", "بالهجوم"): the act already told, referred back to?"""
    return doc is not None and definite(doc, t)


def _crowd_fought(c: Candidate, doc: Doc) -> bool:
    """Does the demonstration's own clause tell that the crowd fought or threw stones (rule crowd_fought), not
    violence only feared (rule fight_feared)?"""
    text = doc.folded(*c.clause)
    return any(not _FIGHT_FEARED.search(text[max(0, m.start() - _FIGHT_FEARED_REACH):m.start() + 1])
               for m in _CROWD_FOUGHT.finditer(text))


def _fight_of_unarmed(c: Candidate, doc: Doc) -> str | None:
    """The riot sub-type of a fight (a clash word: list fight_triggers) that no armed side fought, else None.

    A fight told with no weapons (rule unarmed_means: "اشتباكات بالأيدي", "بالحجارة") is a riot whoever its sides
    are: a violent demonstration when the state's forces are one of them, mob violence between people and settlers
    or other groups (ACLED: a battle needs two armed, organised sides; two state forces, a militia or the forces'
    "عناصر" read as a side of a fist fight do not make it one). Without such words, the state's forces fighting people the clause
    names as civilians ("الشاب": a civilian victim noun), with no armed group named as a side or a victim, is a
    violent demonstration too."""
    if c.sub_event_type not in ("Armed clash", "Attack") or not _fought(c):
        return None
    sides = [r for r in (c.fields.actor1, c.fields.actor2) if r is not None]
    state = [r for r in sides if r.inter in ("State forces", "External/Other forces")]
    clause = doc.folded(*c.clause)
    if _UNARMED_MEANS.search(clause):
        return "Violent demonstration" if state else "Mob violence"
    speech = _REPORTED_SPEECH.search(clause)
    people = clause[speech.end():] if speech else clause  # (not the source's words: "قال الناشط ... إن")
    kinds = {tolls.victim_kind(w) for w in people.split()}
    if "armed" in kinds:
        return None
    if len(state) != 1 or any(r.inter in _NON_STATE for r in sides):
        return None  # (the police and the army fighting each other is a battle)
    # (an attack on civilians told with a fight word - aircraft over a battle's town - stays that attack)
    return "Violent demonstration" if c.sub_event_type == "Armed clash" and "civilian" in kinds else None


def _demonstration_turned_violent(c: Candidate, doc: Doc) -> bool:
    """Is the act violence a crowd does (its words all in list crowd_violence_triggers: an attack, a storming, a
    riot, burning or looting; no bomb, shell, air strike, shooting or two-sided clash), done by the crowd (an actor
    of a crowd's kind: "هاجم حشد غاضب مركزا للشرطة"), or by no one in a sentence that tells a demonstration (a
    protest word, not a motive: "خرجوا في مظاهرات ... وأثناء المظاهرة تم حرق مؤسسات الدولة")? ACLED: a demonstration whose crowd is violent is a riot; the generic attack word would
    otherwise make it a battle or an attack on civilians, as it outranks a protest."""
    if c.event_type not in ("Battles", "Violence against civilians", "Strategic developments"):
        return False
    a1 = c.fields.actor1
    if a1 is not None and a1.inter not in (*_CROWDS, "Civilians"):
        return False
    violent = [t for o in [c] + c.absorbed for t in o.triggers if t.attrs.get("event_type") != "Protests"]
    if not violent or any(str(t.value).split("__")[0] not in _CROWD_VIOLENCE for t in violent):
        return False
    if a1 is not None and a1.inter in _CROWDS:
        return True  # the crowd itself is the doer ("هاجم مشجعون غاضبون حافلة الفريق بالحجارة")
    told = _without_motives(doc.mentions_in(*c.sentence, "trigger"), doc)
    return any(t.attrs.get("event_type") == "Protests" for t in told)


def _state_force_in(c: Candidate, doc: Doc, kb, iso: str | None) -> arguments.ActorRef | None:
    """The first state force the act's clause names (who intervened in a protest), or None."""
    for m in doc.mentions_in(*c.clause, "actor"):
        ref = arguments.actor_ref(m, kb, iso)
        if ref is not None and ref.inter == "State forces":
            return ref
    return None


def _mob_without_demonstration(c: Candidate, doc: Doc) -> bool:
    """Is a crowd's violence told with no demonstration in its sentence (no protest word, not a motive) and no
    state force among its sides ("اعتدى حشد غاضب على رجل بالضرب حتى الموت")? ACLED calls that mob violence: a
    crowd attacking people or property outside a demonstration, not demonstrators turning violent."""
    if any(r is not None and r.inter in ("State forces", "External/Other forces")
           for r in (c.fields.actor1, c.fields.actor2)):
        return False
    told = _without_motives(doc.mentions_in(*c.sentence, "trigger"), doc)
    return not any(t.attrs.get("event_type") == "Protests" for t in told)


def _crowd_type(c: Candidate, doc: Doc | None) -> None:
    """A fight or an attack with a crowd on one side is a demonstration, not a battle (ACLED: a battle needs two
    armed, organised sides). Clashes between demonstrators and the police ("اشتباكات بين المتظاهرين والشرطة")
    are a violent demonstration (Riots); the state's forces firing on demonstrators or beating them ("أطلقت قوات
    الأمن النار على المتظاهرين") is excessive force against protesters when it kills, wounds or shoots, else a
    protest with intervention. Armed men of no state who attack demonstrators attack civilians."""
    if c.sub_event_type not in ("Armed clash", "Attack"):
        return
    f = c.fields
    others = [r for r in (f.actor1, f.actor2) if r is not None and r.inter not in _CROWDS]
    crowd_hit = f.actor2 is not None and f.actor2.inter in _CROWDS
    if not crowd_hit and f.actor1 is not None and f.actor1.inter in _CROWDS and _fought(c) and all(
            r.inter == "Civilians" for r in others):
        # "محتجون أحرقوا سيارات ... بعد مواجهات", "متظاهرون ... يشتبكون مع حراسه": a crowd that fights someone the
        # text does not name as an armed side (people hurt are victims, not a side) rioted (ACLED: a battle needs
        # two armed, organised sides).
        c.sub_event_type, c.event_type = "Violent demonstration", event_type_of("Violent demonstration")
        return
    if not (crowd_hit or (f.actor1 is not None and f.actor1.inter in _CROWDS and others)):
        return  # a crowd named only as the doer, with no one it fought, may be the wrong reading of the clause
    if any(r.inter not in ("State forces", "External/Other forces") for r in others):
        if crowd_hit and c.sub_event_type == "Armed clash":
            c.sub_event_type, c.event_type = "Attack", event_type_of("Attack")
        return
    if _fought(c):
        sub = "Violent demonstration"
    elif f.fatalities or f.injured or "small arms" in {w.label for w in f.weapons} | {
            t.attrs.get("weapon") and "small arms" for t in c.triggers if t.attrs.get("weapon") == "small_arms"}:
        sub = "Excessive force against protesters"
    else:
        sub = "Protest with intervention"
    c.sub_event_type, c.event_type = sub, event_type_of(sub)


def _stormed_only(c: Candidate) -> bool:
    """Are all the words that make the event a territory change words of forcing a way in ("اقتحم", "اجتاح": flag
    forced_entry in triggers.yaml), in every report merged into it? A word of taking ("سيطر", "استعاد") in any
    of them says ground changed hands."""
    words = [t for o in [c] + c.absorbed for t in o.triggers if t.attrs.get("territory")]
    return bool(words) and all(t.attrs.get("forced_entry") for t in words)


def _ground_stormed(c: Candidate, doc: Doc | None, kb) -> bool:
    """Is the object of a word of forcing a way in a piece of ground ("اقتحم مسلحو التنظيم بلدة القريتين", "اجتاحوا
    المدينة": list stormed_ground; or a town or district named right after it), not a building or a site (a mosque,
    a hospital, a prison)? A group that storms a town is taking it; one that storms a building attacks it."""
    if doc is None:
        return False
    for t in c.triggers:
        if not t.attrs.get("forced_entry"):
            continue
        if any(w.lstrip("وبل").removeprefix("ال") in _STORMED_GROUND for w in _storm_object(t, c, doc)):
            return True  # (a place after a preposition, "اقتحام المستشفى في مدينة", is where the site stands)
        reach = min(c.clause[1], t.span.end + _STORMED_GROUND_REACH)
        nxt = next(iter(doc.mentions_in(t.span.end, reach, "place")), None)
        if nxt is not None and len(between := doc.folded(t.span.end, nxt.span.start).split()) <= 3 and not any(
                w in _PREPOSITIONS for w in between):
            try:
                if kb.gazetteer.get(nxt.value).kind in ("populated", "admin1", "admin2", "admin3"):
                    return True
            except Exception:  # noqa: BLE001 - a place the gazetteer does not hold: no ground named
                pass
    return False


def _civilian_site_stormed(c: Candidate, doc: Doc | None) -> bool:
    """Is the object of a word of forcing a way in a place where civilians are ("اقتحام المستشفى", "اقتحامها للمسجد
    الأقصى": list civilian_sites)? The object follows the word with no target marker, so rule attack_object does not
    read it."""
    if doc is None:
        return False
    for t in c.triggers:
        if t.attrs.get("forced_entry"):
            words = _storm_object(t, c, doc)
            heads = [w.lstrip("وبل").removeprefix("ال").removeprefix("ل") for w in words]
            if any(h in _CIVILIAN_SITES or f"{h} {nxt}" in _CIVILIAN_SITES
                   for h, nxt in zip(heads, [*words[1:], ""][:len(heads)], strict=True)):
                return True
    return False


def _storm_object(t, c: Candidate, doc: Doc) -> list[str]:
    """The words a storming word's object is read from: up to four words after it (its subject may stand between:
    "اقتحم مسلحو التنظيم بلدة ..."; past its own clitic: "اقتحامها للمسجد"), before any preposition (list
    prepositions: what follows one says where, not what was stormed)."""
    tail = doc.folded(t.span.end, min(c.clause[1], t.span.end + _STORMED_GROUND_REACH))
    words = (tail if tail[:1].isspace() else tail.partition(" ")[2]).split()[:4]
    return list(takewhile(lambda w: w not in _PREPOSITIONS, words))


def _fought(c: Candidate) -> bool:
    """Does a word of the act say two sides fought ("اشتباكات", "مواجهات", "معارك": list fight_triggers)?"""
    return any(str(t.value).split("__")[0] in _FIGHT_TRIGGERS for o in [c] + c.absorbed for t in o.triggers)


def _ground_fight(t) -> bool:
    """Does this trigger tell a fight on the ground (list ground_triggers: a clash, an ambush, a storming; or rule
    two_sided: "اشتبك", "تبادل")?"""
    return str(t.value).split("__")[0] in _GROUND_TRIGGERS or bool(_TWO_SIDED.search(fold(t.span.text)))


def _counted_arrests(c: Candidate, doc: Doc) -> bool:
    """Arrests with a count ("حملة اعتقالات ... أسفرت عن توقيف ثلاثمائة"): a country-wide campaign is still coded."""
    if c.sub_event_type != "Arrests":
        return False
    clauses = [c.clause] + [o.clause for o in c.absorbed]
    return any(a <= q.start < b and q.value >= 2 for q in doc.quantities for a, b in clauses)


def _news_date(cands: list[Candidate], today: date | None) -> date | None:
    """The article's news date: the latest own date of an act no word marks as earlier - but never after the day
    the text was written (`today`): an act dated later than its report is a misread date or a plan, and made
    every act of the report look days older than its news ("تظاهر أمس" beside "مظاهرات يوم الجمعة المقبل", six
    days ahead). Measured: train+dev background wrong 27 -> 26 (a protest of the day before), nothing else on
    train_s15/train_s16 or the judged draws; 4 of 1,310 subset articles change, each by a plan ("غدا", "الأسبوع
    المقبل", "مطلع الشهر المقبل", "نهاية شهر مارس 2017") no longer taken for the news date."""
    news_dates = [c.fields.when.date for c in cands if c.fields.when and c.fields.background_span is None
                  and (today is None or c.fields.when.date <= today)]
    return max(news_dates) if news_dates else (today - timedelta(days=1) if today else None)


def extract_events(doc: Doc, kb, article: Article, candidates: list[Candidate] | None = None,
                   settings: Settings = DEFAULT_SETTINGS, keep_filtered: bool = False) -> list[Event]:
    """All events of one article, in text order (`candidates`: find_candidates(doc), when the caller has them).

    `keep_filtered`: also return the acts the coding filters below leave out, each with the filter's name in
    `missing["filtered"]`, for the learned check (rasd.events.vetting) to weigh; it drops them when no model is
    built."""
    ctx = country_context(doc, kb)
    home = ctx[0] if ctx else None
    cands = drop_untimed(find_candidates(doc) if candidates is None else candidates, doc)
    event_clauses = frozenset(c.clause for c in cands)
    anchors = tuple(c.anchor.span.start for c in cands)
    for c in cands:
        _fill(c, doc, kb, ctx, home, event_clauses, anchors, settings)
    cands = split.split_sites(cands, doc, kb, ctx, home, lambda part: _retype(part, kb, doc))
    cands = locate.split_listed_places(cands, doc, kb, ctx, home)
    cands = link_reports(merge(cands, doc), doc)
    for c in cands:
        told_near(c)
        counted_toll(c)
    site_of_previous(cands, doc)
    for c in cands:
        _finalize_type(c, kb, doc)
    arguments.plausible_doers(cands)
    arguments.carry_air_doer(cands)
    cands = relink(cands, doc)  # (two reports apart only on a side or a type the steps above settled)
    today = doc.written or article.published
    news_date = _news_date(cands, today)
    commentary = is_commentary(doc.text, doc.norm.text)
    sports = is_sports(doc.text, doc.norm.text)
    events = []
    for c in cands:
        filtered = _filtered_by(c, doc, article, news_date, commentary, settings, sports)
        if filtered and not keep_filtered:
            continue
        ev = _to_event(c, doc, kb, article, news_date, settings)
        if not filtered and _no_place_nor_side(ev, doc, settings):
            filtered = "no place nor side told"
            if not keep_filtered:
                continue
        if filtered:
            ev.missing["filtered"] = filtered
        events.append(ev)
    return events


def _no_place_nor_side(ev: Event, doc: Doc, settings: Settings) -> bool:
    """An act word whose event has no place at all (not even the country's) and neither a doer nor a target: "فكرة
    هاجمتني مساء أمس", "مشروع المجازر الجديدة في موسم هذا العام", "تعرضت الخطة لهجوم مماثل الخميس" are talk, a
    figure or another sense, however dated. Judged draws (helper hspur23): 58 such events judged no act, 4 real acts; train,
    dev and the learning sets: none matched a gold event. A brief text (a flash, a post) is its own report: kept."""
    return (ev.location is None and ev.actor1 is None and ev.actor2 is None
            and len(doc.sentences) > settings.brief_sentences)


def _dated_after_its_word(c: Candidate, doc: Doc, article: Article) -> bool:
    """Is the act dated to a past day by a time expression of its own sentence told after its word?"""
    when = c.fields.when
    return (when is not None and when.span is not None and when.precision == 1 and article.published is not None
            and when.date < article.published and when.span.start > c.anchor.span.end
            and doc.sentence_index(when.span.start) == doc.sentence_index(c.anchor.span.start))


def _filtered_by(c: Candidate, doc: Doc, article: Article, news_date, commentary: bool,
                 settings: Settings = DEFAULT_SETTINGS, sports: bool = False) -> str | None:
    """The coding filter that leaves this act out, or None when it is coded."""
    if sports and c.event_type not in _SPORTS_KEPT_TYPES:
        return "sports report"  # "هجوم الفريق", "ضربة فنية موجعة": the game's words; a crowd's riot is still told
    brief = len(doc.sentences) <= settings.brief_sentences
    if not _concrete(c, news_date, settings, brief=brief, doc=doc):
        return "not concrete"
    if c.absorbed and not _concrete(_alone(c), news_date, settings, brief=brief, doc=doc) and _lent_only_by_filtered(
            c, doc, article, news_date, commentary, settings, sports):
        # the date, toll or town that make it concrete come only from mentions the filters drop on their own (a
        # recalled act, an undated line of a column, a plot under investigation): no mention reports this act
        return "concrete only through filtered mentions"
    frame = modality.unreported_frame(c, doc)
    if frame == "judicial" and _dated_after_its_word(c, doc, article):
        # "بتهمة تفجير سوق ... يوم 12 يونيو الماضي": the charge names a recalled act with its own past
        # day, told after the act's word; the guide codes such an act (background), the trial is not its report
        frame = None
    if frame and not any(_reports_alone(o, doc, article, news_date, commentary, settings, sports)
                         for o in _mentions(c)):
        return f"frame {frame}"  # a trial, a habit, a tally, a topic: no report of the act, unless a merged one is
    if frame in modality.OCCURRENCE_FRAMES:
        # crime, an animal, an accident told by the mention that leads the event is what the act is: no linked
        # mention keeps it. (Not read from the linked mentions: a wrong link would carry one crime onto another act.)
        return f"frame {frame}"
    if c.anchor.value == "control_since" and (c.fields.when is None or c.fields.when.span is None):
        # "البلدة التي تسيطر عليها الفصائل منذ أشهر": a holding since no date names no taking the text dates; dated
        # to the report's days it was coded as a taking of today (rule control_since)
        return "held since no date"
    if commentary and (c.fields.when is None or (c.fields.when.span is not None and dates_no_act(
            c.fields.when.span.text, doc.sentence_index(c.fields.when.span.start)))):
        return "undated in commentary"  # a column's talk of attacks: only an act it dates is a report of one
    when = c.fields.when
    if when is not None and article.published and when.date < article.published.replace(
            year=article.published.year - settings.history_years, day=min(article.published.day, 28)) and (
            when.span is not None and doc.sentence_index(when.span.start) == doc.sentence_index(
                c.anchor.span.start)):
        # "اغتيل في المكسيك عام 1940": recalled, not reported. Only when its own sentence dates it so: an old date
        # lent by a merged mention of another sentence is that merge's error, not this act's age.
        return "history"
    if when is not None and when.span is not None and article.published and when.date > article.published:
        # "تظاهرات غدا الأربعاء", "احتجاجات الأسبوع المقبل", "الاثنين المقبل": an act whose own time is still to come
        # is a plan or a call, not an act that happened (and no past act is dated to a coming day)
        return "dated to a coming day"
    if when is not None and when.span is not None and timing.of_unknown_year(doc, when, settings.unknown_year_days):
        return "day of an unknown year"  # "هجمات 11 سبتمبر" told in July: a known act of some earlier year
    if when is not None and article.published and when.date < article.published - timedelta(
            days=settings.old_act_days) and (c.fields.loc.span is None or abs(
            c.fields.loc.span.start - c.anchor.span.start) > settings.old_act_place_reach):
        return "old act named in passing"  # "هجمات 11 سبتمبر 2001": today's places are not its place
    loc = c.fields.loc
    if c.event_type == "Strategic developments" and (
            ((loc.geo_precision or 3) > 2 and not loc.admin1 and not _counted_arrests(c, doc) and not brief)
            or c.sub_event_type not in _KEPT_STRATEGIC):
        # Policy, agreements and posture changes are not mapped; nor is an arrest or a defusal in a long article
        # that places it nowhere (a recap). A brief text (a flash, a post) is the report itself: its arrest or
        # defusal is kept unplaced, with the reason in `missing` (issue 14 item 7: no silent drops).
        return "strategic without act or place"
    if c.sub_event_type == "Arrests" and not _political_arrest(c, doc):
        return "arrest of no political kind"
    if c.event_type in VIOLENT_TYPES and (c.fields.actor1 is None or c.fields.actor1.inter == "State forces") and (
            _crime_report(c, doc)):
        return "ordinary crime: a police report with no word of a conflict"
    return None


def _crime_report(c: Candidate, doc: Doc) -> bool:
    """Is this act (by no named doer, or by the state's forces: the police that took the report) told as ordinary
    crime (rule crime_report): a police report's words in the leading mention's paragraph, and no word of
    militancy or conflict in the paragraph of any of its reports?"""
    start, end = doc.paragraph_of(c.anchor.span.start)
    if not _CRIME_REPORT.search(doc.folded(start, end)):
        return False
    return not any(_POLITICAL_ARREST.search(doc.folded(*doc.paragraph_of(m.anchor.span.start)))
                   for m in (c, *_mentions(c)))


def _political_arrest(c: Candidate, doc: Doc) -> bool:
    """Is this arrest political (rule political_arrest)? Some report of it holds a word of militancy, protest, the
    press or a conflict in its paragraph, or an armed group, militia, protesters or foreign forces hold or are held:
    an arrest for an ordinary crime is no ACLED event, and a crime word list (frame crime_arrest) cannot name every
    crime."""
    for m in (c, *_mentions(c)):
        held, holder, iso3 = m.fields.actor2, m.fields.actor1, m.fields.loc.iso3
        if held is not None and held.inter in _POLITICAL_ARREST_INTERS:
            return True
        if holder is not None and (holder.inter in _POLITICAL_ARREST_INTERS or (
                holder.inter == "State forces" and holder.iso3 and iso3 and holder.iso3 != iso3)):
            return True  # an armed group, or forces abroad ("اعتقلت القوات الأمريكية امرأة قرب أربيل"), hold people
        start, end = doc.paragraph_of(m.anchor.span.start)
        if _POLITICAL_ARREST.search(doc.folded(start, end)):
            return True
    return False


def _mentions(c: Candidate) -> list[Candidate]:
    """Every mention linked into the event `c` carries, however deep the linking went (not `c` itself)."""
    return [m for o in c.absorbed for m in [o, *_mentions(o)]]


def _alone(o: Candidate) -> Candidate:
    """The mention `o` as its own text told it, before any merge gave it other mentions' fields."""
    return replace(o, fields=o.own_fields or o.fields, absorbed=[])


def _reports_alone(o: Candidate, doc: Doc, article: Article, news_date, commentary: bool, settings: Settings,
                   sports: bool) -> bool:
    """May the linked mention `o` stand for a framed mention it was linked to? Only when, on its own fields, it is
    no framed mention itself, gives the act its own date, toll or town, and no other coding filter leaves it out: a
    recalled act (its own date years back), an old act named in passing, an undated line of a column. So a mention
    the filters drop neither keeps a framed event nor lends it a date or a toll (issue 14 Build 3). (Its own date,
    toll or town is the concreteness asked of it: "الهجمات في سوريا تركزت قرب مدينة الحسكة" names no doer, which a
    lone generic word would need.)"""
    alone = _alone(o)
    return _tells_its_own(alone) and modality.unreported_frame(alone, doc) is None and _filtered_by(
        alone, doc, article, news_date, commentary, settings, sports) in (None, "not concrete")


def _lent_only_by_filtered(c: Candidate, doc: Doc, article: Article, news_date, commentary: bool,
                           settings: Settings, sports: bool) -> bool:
    """Do the date, toll or town that make the event `c` concrete come only from linked mentions that no coding
    filter would code alone? (A linked event whose mentions each tell nothing of their own, such as a doer in one
    and a victim in another, is left to the concreteness test of the whole.)"""
    mentions = _mentions(c)
    return any(_tells_its_own(_alone(o)) for o in mentions) and not any(
        _reports_alone(o, doc, article, news_date, commentary, settings, sports) for o in mentions)


def _tells_its_own(c: Candidate) -> bool:
    """Does this mention, before any merge, give the act a date, a toll or a town of its own ("وأضاف البيان أن
    الهجمات في سوريا تركزت قرب مدينة الحسكة")? A merged mention that does is a report of the act even when the
    mention that leads the event is framed as a tally or a topic; a bare back-reference ("ونسب الهجوم لمتمردي
    الحزب") is not."""
    f = c.fields
    placed = f.loc is not None and f.loc.below_province and not f.loc.inherited
    return f.when is not None or f.fatalities is not None or f.injured is not None or placed


def _concrete(c: Candidate, news_date, settings: Settings = DEFAULT_SETTINGS, brief: bool = False,
              doc: Doc | None = None) -> bool:
    """Does the text anchor this occurrence well enough for an ACLED coder to code it?

    It needs a date of its own, a casualty figure, a place below province level, or both sides named in a known
    country ("حاول مسلحون من داعش مهاجمة موقع امني آخر قرب الحدود"); a background mention needs a
    date or a figure; a bare "هجوم" with none of these and no named doer is talk about attacks, not an event.

    In a `brief` (a text of a sentence or two: a wire flash, a Telegram post) the text is the report itself, so a
    specific act (not a bare "attack") counts without a town, a day or a toll ("شنت مقاتلات تركية غارات جوية على
    مواقع للتنظيم في سوريا", "انفجرت عبوة ناسفة بدورية للشرطة"): what it lacks is said in `missing` (with no
    country at all it is reported unplaced), and a dated act may take its town from the sentence before. In a long
    article the same sentence is more often a recap of acts reported elsewhere (measured: train+dev F1 0.581 ->
    0.562 when applied to every article). A brief text's act told as background (an earlier act it refers to) is
    likewise kept when it names the act's town, marked background, with no date of its own."""
    f = c.fields
    timed = f.when is not None
    tolled = f.fatalities is not None or f.injured is not None
    placed = f.loc.below_province and not f.loc.inherited
    both_sides = f.actor1 is not None and f.actor2 is not None and f.loc.iso3 is not None
    # (a bare "attack" in a brief text counts when it names whom or what it hit and is told as new - a verb or an
    # indefinite noun: "هجوم مسلح على حافلة ركاب", "هجوم مسلح على كنيسة"; an attack on nothing named stays talk,
    # and "تدين الاعتداء على المسجد" points to an act told elsewhere)
    hit_named = (f.actor2 is not None or f.victim is not None) and doc is not None and not names_it_definitely(c, doc)
    one_side = brief and (not generic(c) or hit_named)
    if not (timed or tolled or placed or both_sides or one_side):
        return False
    if f.loc.inherited and not (tolled or (brief and timed) or one_side):
        # a place borrowed from the sentence before holds only for a report with its own toll; in a brief text also
        # for an act that would be kept with no place at all (one_side: "كما أعلنت عن توقيف خمسة أشخاص" after the
        # line naming the town), which the borrowed town must not make worse off than naming none
        return False
    background = timing.is_background(f.when, f.background_span is not None, f.background_tense_only, news_date,
                                      settings.background_days)
    if background and not (timed or tolled or (brief and placed)):
        # (a brief text that names an earlier act's town still reports that act: it is kept, marked background,
        # which honest counts leave out; "وذلك بعد التفجير الانتحاري الذي وقع مؤخرا في مدينة سروج")
        return False
    if not (timed or tolled) and f.actor1 is None and generic(c) and not (brief and hit_named):
        return False
    if (f.fatalities or 0) >= settings.tally_deaths and (f.loc.geo_precision or 3) >= 3 and (
            not timed or f.when.precision >= 2) and not _one_act(c):
        return False  # hundreds dead over a country or a province, on no given day: a period's tally, not one act
    return True


def _one_act(c: Candidate) -> bool:
    """Does a word of the act name one act of a stated kind ("تفجيرا انتحاريا بسيارة ملغومة", "مجزرة"): not a
    generic attack, a bare killing, a plural ("غارات") or a counted one? Its toll, however large, is that act's,
    never a period's tally."""
    return any(not t.attrs.get("generic") and not t.attrs.get("kill_only") and not plural_trigger(t)
               for o in [c] + c.absorbed for t in o.triggers)


def _civilians_hit(c: Candidate, kb, iso3: str | None) -> arguments.ActorRef | None:
    """Actor 2 of violence against civilians whose text names no victim group ("اعتقلوا الفتاة وصديقها", "إعدام
    من يصفهم التنظيم بالجواسيس"): civilians of the event's country, as ACLED defines the type; likewise for a bomb
    of no state that killed or hurt people where the text names no armed target ("تفجير انتحاري في سوق شعبي أوقع
    20 قتيلا"). Read only when the event is written out, so no coding filter takes the inferred side for one the
    text names."""
    f = c.fields
    bomb_hurt = c.sub_event_type in _BOMBS and bool(f.fatalities or f.injured) and (
        f.actor1 is None or f.actor1.inter in _NON_STATE)
    if not (c.event_type == "Violence against civilians" or bomb_hurt) or not iso3:
        return None
    try:
        who = kb.actor_for("civilians", iso3)
    except KBError:  # no civilians actor for this country in the KB
        return None
    return arguments.ActorRef(who.id, who.name, who.inter, iso3, c.anchor.span, country_lent=True)


def _force_told_aside(c: Candidate, doc: Doc) -> bool:
    """A bomb that killed or hurt people counted only by a neutral noun ("الهجوم الانتحاري الذي أوقع 32 قتيلا",
    "تفجير أدى إلى مقتل 27 شخصا"), whose actor 2, a state force, is named outside the act's own clause (the
    authorities that blame someone for it, a headline's subject, a force told of in the next sentence): the people
    hit are the bystanders ACLED codes as civilians, not that force (one named in the act's clause, "هجوم انتحاري
    على معسكر للقوات التركية", is its target and stays)."""
    f = c.fields
    a2 = f.actor2
    if c.sub_event_type not in _BOMBS or a2 is None or a2.inter != "State forces":
        return False
    if c.clause[0] <= a2.span.start < c.clause[1]:
        return False
    toll = f.fatalities_span if f.fatalities else f.injured_span if f.injured else None
    return toll is not None and _neutral_words(doc.folded(toll.start, toll.end))


def _to_event(c: Candidate, doc: Doc, kb, article: Article, news_date, settings: Settings = DEFAULT_SETTINGS) -> Event:
    f = c.fields
    loc: locate.Location = f.loc
    if loc.context is not None and loc.iso3 in (None, loc.context.iso3):
        loc = loc.context  # no place of its own below its country: the place the article names last before it
    ev = Event(article_ids=[article.article_id], urls=[article.url] if article.url else [],
               sources=[article.outlet] if article.outlet else [])
    ev.evidence = dict(c.evidence)
    ev.missing = dict(loc.missing) | dict(c.missing)
    ev.event_type, ev.sub_event_type = c.event_type, c.sub_event_type
    ev.disorder_type = disorder_type_of(c.sub_event_type)
    # When, and whether it is background.
    when = f.when
    background = timing.is_background(when, f.background_span is not None, f.background_tense_only, news_date,
                                      settings.background_days)
    named = None
    anniversary = timing.anniversary_of(c, doc)
    if anniversary is not None:
        # "الذكرى العاشرة للهجمات": history the news recalls; the day of the commemoration is not the act's
        named, when = anniversary
        background = True
    elif (when is None or when.how == "statement") and not background:
        # "هجوم سوسة", "الهجوم على متحف باردو" with no date of its own (a statement's day is not the act's): a
        # known act recalled
        named = timing.named_past_act(c, doc)
        if named is not None:
            background, when = True, None
    if when is None:
        when = timing.governing_time(c, doc) if not background else None
        if when is not None and news_date is not None and (when.date_end or when.date) < news_date - timedelta(
                days=settings.governed_background_days):
            background = True  # told within an older time ("بعد التحذير ... يوم 3 يوليو، شرعت قوات الأمن في عمليات")
    if when is not None and article.published is not None and (
            (when.date_end or when.date) < article.published - timedelta(days=settings.history_days)):
        # "المدرسة التي قتلت جنود المارينز عام 1983", "ونفذت قوة أميركية خاصة في 16 مايو الماضي أول عملية": history
        # recalled, not this story's news, whether told by its year or by its day
        background = True
    if when is None:
        when = timing.default_time(doc.written or article.published, background, timing.breaking_mark(doc))
        if when is None or when.how != "breaking":
            ev.missing["date_text"] = ("no time expression for this event: dated from the publication date"
                                       if when else "no time expression and no publication date")
    if when is not None:
        when = timing.shifted_by_a_day(c, doc, when)
        background = background or when.how == "interval"  # "بعد 3 أيام على هجوم": an earlier act counted back
        ev.event_date, ev.event_date_end, ev.time_precision = when.date, when.date_end, when.precision
        if when.span is not None:
            ev.date_text = when.span.text
            ev.evidence["event_date"] = when.span
    ev.background = background
    if f.background_span is not None or named is not None:
        ev.evidence["background"] = f.background_span or named
    # Who.
    named2 = None if _force_told_aside(c, doc) else f.actor2
    actor1 = f.actor1
    if actor1 is None and c.event_type == "Explosions/Remote violence" and loc.iso3:
        # (read on the written-out event, so merging still sees the doer as unnamed)
        actor1 = _barrel_dropper(c, doc, kb, loc.iso3)
        if actor1 is not None and named2 is not None and named2.actor_id == actor1.actor_id:
            named2 = None  # "من الطيران المروحي" read as the one hit: the helicopters are the doer's
    assoc1 = None
    if actor1 is not None and named2 is not None and arguments.allied(actor1, named2):
        # "اشتباكات بين قوات النظام وميليشيا حزب الله من جهة ...": one side told with its ally (ACLED: an associated
        # actor), not the other side, which is the next armed target of the country named that is not of the
        # doer's side, if any
        assoc1 = named2
        named2 = next((t for t in f.named_targets if t.actor_id not in (actor1.actor_id, assoc1.actor_id)
                       and not arguments.allied(actor1, t) and t.inter in ARMED_INTERS
                       and t.iso3 in (None, loc.iso3)), None)
    actor2 = named2 or _civilians_hit(c, kb, loc.iso3)
    if named2 is None and actor2 is not None:
        ev.missing["actor2_inferred"] = ("no victim group named for violence against civilians or a bomb that hit "
                                         "people: the country's civilians")
    for n, ref in ((1, actor1), (2, actor2)):
        if ref is None:
            ev.missing[f"actor{n}"] = "no actor named for this role"
            continue
        ref = arguments.in_country(ref, loc.iso3, kb)
        inter = ref.inter
        if inter == "State forces" and ref.iso3 and loc.iso3 and ref.iso3 != loc.iso3:
            inter = "External/Other forces"  # ACLED: state forces acting outside their own country
        setattr(ev, f"actor{n}", ref.name)
        setattr(ev, f"actor{n}_id", ref.actor_id)
        setattr(ev, f"inter{n}", inter)
        ev.evidence[f"actor{n}"] = ref.span
    if assoc1 is not None:
        ev.assoc_actor_1 = [arguments.in_country(assoc1, loc.iso3, kb).name]
        ev.evidence["assoc_actor_1"] = assoc1.span
    ev.interaction = interaction(ev.inter1, ev.inter2)
    ev.civilian_targeting = ev.inter2 == "Civilians" and ev.event_type in VIOLENT_TYPES
    # Where.
    ev.country, ev.iso3 = loc.country, loc.iso3
    ev.admin1, ev.admin2, ev.admin3, ev.location = loc.admin1, loc.admin2, loc.admin3, loc.location
    ev.latitude, ev.longitude, ev.geo_precision = loc.latitude, loc.longitude, loc.geo_precision
    ev.location_offset = loc.offset
    if loc.iso3 is None:
        # ACLED codes no event without a country; rasd still reports the act (no silent drop) and says why, and
        # the ACLED export leaves it out (rasd.export, --include-unplaced).
        ev.missing.setdefault("country", "no place in the text resolves to a country, and the article establishes none")
    if loc.span is not None:
        for key in ("location", "country", "geo_precision"):
            ev.evidence[key] = loc.span
        if loc.offset:
            ev.evidence["location_offset"] = loc.span
    # How many, with what, how.
    for key in ("fatalities", "injured"):
        value = getattr(f, key)
        if value is None:
            setattr(ev, key, 0 if key == "fatalities" else None)
            ev.missing[key] = "no figure reported" + (" (ACLED codes 0)" if key == "fatalities" else "")
        else:
            setattr(ev, key, value)
            ev.evidence[key] = getattr(f, key + "_span")
    weapon = _own_weapon(c)
    ev.weapon = weapon.label if weapon is not None else _weapon_label(c, kb, clause_weapons=False)
    if ev.weapon:
        ev.evidence["weapon"] = weapon.span if weapon is not None else c.anchor.span
    else:
        ev.missing["weapon"] = "no weapon named"
    ev.modality = f.modality or "occurred"
    if f.modality_span is not None:
        ev.evidence["modality"] = f.modality_span
    if f.attribution:
        ev.attribution = f.attribution
        ev.evidence["attribution"] = f.attribution_span
    ev.notes = notes(ev)
    ev.confidence = confidence(ev)
    key = f"{article.article_id}:{c.anchor.span.start}:{c.anchor.span.end}:{ev.sub_event_type}"
    if c.listed:
        key += f":{loc.span.start if loc.span is not None else ''}"  # one act over a list of places: one id each
    ev.event_id = hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
    return replace(ev)
