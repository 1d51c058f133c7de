"""Who did what to whom.

Arabic news puts the agent before a verbal trigger ("نفذ داعش هجوما"), after a passive marker ("قصف شنه داعش",
"من قبل داعش") or as the subject of a light verb ("قامت ايران باطلاق"); the target follows على / ضد / مع /
استهدف. How many were killed and wounded is rasd.events.tolls.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from rasd.doc import Doc
from rasd.events.coref import insurgents_not
from rasd.events.detect import Candidate
from rasd.events.tolls import TIME_WORDS, find_tolls, object_follows, victim_kind
from rasd.kb.rules import load_rules
from rasd.model import Mention, Span
from rasd.text.normalize import fold

RULES = load_rules("arguments")

_TARGET_MARKERS = RULES.words("target_markers")
_AGENT_MARKERS = RULES.words("agent_markers")
_AFFILIATION = RULES["affiliation"]
_TRIGGER_AFFILIATION = RULES["trigger_affiliation"]
_VICTIM_PARTITIVE = RULES["victim_partitive"]
_OTHER_SIDE = RULES["other_side"]
_BETWEEN_SIDES = RULES["between_sides"]
_COUNTRY_SUBJECT = RULES["country_subject"]
_AGENT_UNIT = RULES["agent_unit"]
_UNDERGOES = RULES["undergoes"]
_UNDERGOES_RELATIVE = RULES["undergoes_relative"]
_PARTITIVE_SUBJECT = RULES["partitive_subject"]
_VERB_FIRST_SUBJECT = RULES["verb_first_subject"]
_RELATIVE_HEAD = RULES["relative_head"]
_RELATIVE_BETWEEN = RULES["relative_between"]
_POSSESSIVE_DOER = RULES["possessive_doer"]
_ORIGIN_DOER = RULES["origin_doer"]
_ATTRIBUTED_TO = RULES["attributed_to"]
_CLAIMS_AFTER = RULES["claims_after"]
_ATTRIBUTOR = RULES["attributor"]
_ATTRIBUTOR_ONWARD = RULES["attributor_onward"]
_TARGET_SITE = RULES["target_site"]
_NATIONALITY_OFF_TRIGGER = RULES["nationality_off_trigger"]


def _named_as_doer(doc: Doc, m: Mention) -> bool:
    """The text says outright that this actor did it: the act is attributed to it ("نسبته السلطات إلى ...",
    rule attributed_to) or its responsibility is stated ("أعلن تنظيم داعش مسؤوليته", rule claims_after)."""
    before = doc.folded(max(0, m.span.start - RULES.window("attributed_to")), m.span.start)
    if _ATTRIBUTED_TO.search(before):
        return True
    after = doc.folded(m.span.end, min(len(doc.text), m.span.end + RULES.window("claims_after")))
    return bool(_CLAIMS_AFTER.search(after))


def _affiliated(doc: Doc, m: Mention, agent: ActorRef) -> bool:
    """The doer named just before, then "ينتمون إلى" and this group, with nothing else between."""
    if agent.span.end > m.span.start:
        return False
    between = doc.folded(agent.span.end, m.span.start)
    return bool(_AFFILIATION.search(between)) and len(between.split()) <= 5 and not re.search(r"[.,،;:]", between)


_PREPOSITIONS = RULES.words("prepositions")


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor resolved for one event: KB actor plus the span that named it."""

    actor_id: str
    name: str
    inter: str
    iso3: str | None
    span: Span
    #: The country is the article's, lent to a generic agent ("قوات الأمن", "مدنيين"), not the actor's own.
    country_lent: bool = False


def _tail(doc: Doc, start: int, width: int = 24) -> str:
    """Folded text just before `start`, stripped (to test for markers)."""
    return doc.folded(max(0, start - width), start).strip()


def _subject_of(doc: Doc, m: Mention, verb_at: int) -> bool:
    """Is the actor the subject named before the verb at `verb_at`: at most four words between ("مقر حزب ... في
    إسطنبول تعرض"), none of them a comma's clause break?"""
    between = doc.folded(m.span.end, verb_at)
    return len(between.split()) <= 4 and not re.search(r"[,،.;:]", between)


def _before_unit(doc: Doc, m: Mention) -> str:
    """The text before the actor, or before the men of it named first ("نفذه عناصر من ...", rule agent_unit)."""
    before = _tail(doc, m.span.start, 40)
    unit = _AGENT_UNIT.search(before)
    return (before[:unit.start()] if unit else before).strip()


def stance_subject(doc: Doc, start: int) -> bool:
    """Is the name at `start` the subject of a verb of condemning or welcoming ("دانت مصر التفجير", rule
    stance_subject)? Such a state or government is neither a side of the act nor where it happened."""
    return bool(_STANCE_SUBJECT.search(_tail(doc, start, RULES.window("stance_subject"))))


_SPEAKER = RULES["speaker"]
_OWN_DEED = RULES["own_deed"]
_SPEAKER_PHRASE = RULES["speaker_phrase"]
_PRONOUN_OBJECT_GAP = RULES["pronoun_object_gap"]
_RELATIVE_BEFORE = RULES["relative_before"]


def _speaker(doc: Doc, m: Mention, trig: Span) -> bool:
    """Is the actor, named after the trigger, the subject of a report verb (rule speaker), so a source rather than
    a side ("قتل خمسة أشخاص في انفجار، وذكر مسعفون أن ...")? (Before the trigger a speaker is often the doer
    telling of its own act, and the report's source is already left out by the caller.)"""
    if m.span.start < trig.end:
        return False
    return bool(_SPEAKER.search(_tail(doc, m.span.start, RULES.window("speaker"))))


def _ends_with_marker(text: str, markers: tuple[str, ...]) -> bool:
    """`text` is a marker, or ends with one as a word, or (for markers of three letters or more) as a suffix."""
    long_ends, short, short_ends = _marker_ends(markers)
    return text.endswith(long_ends) or text in short or text.endswith(short_ends)


@lru_cache(maxsize=16)
def _marker_ends(markers: tuple[str, ...]) -> tuple[tuple[str, ...], frozenset[str], tuple[str, ...]]:
    """The endings `_ends_with_marker` tests, as tuples str.endswith takes at once: the markers longer than two
    letters (any ending), and the short ones (whole text, or after a space)."""
    short = tuple(m for m in markers if len(m) <= 2)
    return tuple(m for m in markers if len(m) > 2), frozenset(short), tuple(" " + m for m in short)


def actor_ref(m: Mention, kb, home_iso3: str | None) -> ActorRef | None:
    """Turn an actor mention into the actor it names; generic agents take the article's home country."""
    iso3 = m.attrs.get("iso3")
    agent = m.attrs.get("agent")
    actor = None
    lent = False
    if m.attrs.get("generic") and agent:
        lent = not iso3
        iso3 = iso3 or home_iso3
        if not iso3:
            return None
        try:
            actor = kb.actor_for(agent, iso3)
        except Exception:  # noqa: BLE001 - no such agent/country: the mention names no usable actor
            return None
    else:
        actor = kb.actors.get(m.value) if m.value else None
        if actor is None and m.value:
            try:  # a composed actor ("مسلحون عراقيون" -> gunmen_irq): built by actor_for, not in the curated table
                actor = kb.actor(m.value)
            except Exception:  # noqa: BLE001 - an id the KB does not know: no usable actor
                return None
    if actor is None:
        return None
    return ActorRef(actor.id, actor.name, actor.inter, actor.iso3 or iso3, m.span, lent)


_SOLE_GROUP_AGENTS = frozenset(RULES.words("sole_group_agents"))
_SOLE_GROUP_INTERS = frozenset(RULES.words("sole_group_inters"))
_SOLE_GROUP = RULES.table("sole_group")
_OWN_SIDE_NAMED = RULES["own_side_named"]
#: (text, mention count) the article's main armed group was found for, and that group's KB id (None: no such group).
_GROUPS_MEMO: list = [None, None, None]


def _main_armed_group(doc: Doc, kb) -> str | None:
    """The KB id of the non-state armed group (list sole_group_inters) the article is about: the only one it names,
    or one named at least `share` of the times any is (back-references included) and at least `min_mentions`
    times (table sole_group). None when there is no such group."""
    if _GROUPS_MEMO[0] is doc.text and _GROUPS_MEMO[1] == len(doc.mentions):
        return _GROUPS_MEMO[2]
    named: Counter[str] = Counter()
    for m in doc.mentions:
        if m.kind != "actor" or m.attrs.get("generic") or not m.value:
            continue
        actor = kb.actors.get(m.value)
        if actor is not None and actor.inter in _SOLE_GROUP_INTERS and not actor.agent:
            named[actor.id] += 1
    main = None
    if named:
        top, count = named.most_common(1)[0]
        if len(named) == 1 or (count >= _SOLE_GROUP["min_mentions"]
                               and count >= _SOLE_GROUP["share"] * sum(named.values())):
            main = top
    _GROUPS_MEMO[:] = [doc.text, len(doc.mentions), main]
    return main


def sole_group(doc: Doc, m: Mention, ref: ActorRef | None, kb) -> ActorRef | None:
    """The armed group a generic word for a side's members stands for ("اشتبك الجيش مع مقاتلين", "قتلت الشرطة
    ثلاثة إرهابيين", list sole_group_agents) when the article is about one such group (_main_armed_group): the
    fighters of an article about the PKK are the PKK's. Unknown gunmen ("مسلحون مجهولون") stay ACLED's Unidentified
    Armed Group, and so does the word in an article that names several groups alike or none (who they were is not
    said)."""
    if ref is None or not m.attrs.get("generic") or m.attrs.get("agent") not in _SOLE_GROUP_AGENTS:
        return ref
    if _OWN_SIDE_NAMED.search(doc.folded(m.span.end, min(len(doc.text), m.span.end + RULES.window("own_side_named")))):
        return ref  # "مقاتلين من الكتيبة": whose they are is said
    main = _main_armed_group(doc, kb)
    if main is None:
        return ref
    actor = kb.actors[main]
    if actor.iso3 and ref.iso3 and not ref.country_lent and actor.iso3 != ref.iso3:
        return ref  # "مقاتلين أكراد" in an article about a group of another country: not said to be its
    if insurgents_not(m.span.text, actor.inter):
        return ref  # "الثوار" in an article about a pro-government militia are not its men
    return ActorRef(actor.id, actor.name, actor.inter, actor.iso3 or ref.iso3, ref.span)


def armed_victims_group(doc: Doc, kb, actor1: ActorRef | None, span: Span) -> ActorRef | None:
    """The group whose men an act's toll counts when it says only that they were armed ("قتل ثلاثة إرهابيين",
    "مقتل الإرهابي ..."): the armed group the article is about (_main_armed_group), unless that group is the doer. None
    when the article names several groups alike or none."""
    main = _main_armed_group(doc, kb)
    if main is None or (actor1 is not None and actor1.actor_id == main):
        return None
    actor = kb.actors[main]
    return ActorRef(actor.id, actor.name, actor.inter, actor.iso3, span)


def country_actor(iso3: str, span: Span, kb) -> ActorRef | None:
    """A country named as the doer ("قامت ايران باطلاق") stands for its military forces."""
    try:
        actor = kb.actor_for("military", iso3)
    except Exception:  # noqa: BLE001
        return None
    return ActorRef(actor.id, actor.name, actor.inter, iso3, span)


def _country_doer(m: Mention, kb) -> ActorRef | None:
    """The military of the country (or of the capital's country) a place mention names, None for other places."""
    try:
        place = kb.gazetteer.get(m.value)
    except Exception:  # noqa: BLE001 - not a gazetteer place
        return None
    if place.kind != "country" and place.feature != "PPLC":
        return None
    return country_actor(place.iso3, m.span, kb)


def _is_victim(doc: Doc, m: Mention, depth: int = 0) -> bool:
    """An actor named as the people hit ("اثنين من افراد قوات الامن قتلا", "مقتل جندي من الجيش")."""
    if depth < 3 and doc.text[max(0, m.span.start - 2):m.span.start].strip() == "و":
        # "ثلاثة عناصر من الجيش والشرطة": a conjunct shares the role of the actor it is joined to.
        prev = [p for p in doc.mentions_in(max(0, m.span.start - 40), m.span.start, "actor")
                if 0 <= m.span.start - p.span.end <= 3]
        if prev:
            return _is_victim(doc, prev[-1], depth + 1)
    if _VICTIM_PARTITIVE.search(_tail(doc, m.span.start, RULES.window("victim_partitive"))):
        return True  # "اثنين من أفراد قوات الأمن": the partitive right before, though the number takes it in
    if _members_hit(doc, m):
        return True  # "جرح خمسة عناصر بالأمن العام": the force the people hit belong to
    start = m.span.start
    for q in doc.quantities:
        if q.start < start <= q.end + 1 and q.start < m.span.start:
            start = q.start  # "قتل ستة اشخاص": the verb governs the counted phrase, number first
    before = _tail(doc, start, RULES.window("victim_partitive"))
    if _VICTIM_PARTITIVE.search(before):
        return True
    words = before.split()
    while len(words) > 1 and words[-1].strip(",،").lstrip("و") in TIME_WORDS:
        words.pop()  # "قتلت أمس ثلاثة إرهابيين": the time words between the verb and whom it hit
    last = words[-1:]
    if last and last[0].lstrip("وفب") in _KILL_VERBS | _KILL_NOUNS:
        # "قتل جندي تركي", "بمقتل ضابط" - unless an object follows: "قتل مسلحون مجهولون أمس جنديين" (the actor is
        # the subject of an active verb).
        return not (last[0].lstrip("وفب") in _KILL_VERBS and object_follows(doc, m))
    # For counted people the verb may come a few words on ("سبعة اشخاص على الاقل، بينهم شرطيان، اصيبوا").
    counted = any(q.start <= m.span.start < q.end or m.span.start <= q.start < m.span.end for q in doc.quantities)
    tail = re.split(r"[.!?؟;:]", doc.folded(m.span.end, min(len(doc.text), m.span.end + 50)))[0]
    after = tail.split()[:6 if counted else 2]
    verb = next((w for w in after if w.strip(",،").lstrip("و") in _KILL_VERBS), None)
    if verb is None:
        return False
    # "X قتلا" is passive (X were killed); "X قتلت 23 عنصرا" is active (X killed 23): a number right after the verb,
    # or a person it hit ("جيش الاحتلال قتل شابا فلسطينيا": a victim noun as the verb's object).
    verb_end = doc.orig_offset(m.span.end, tail.index(verb) + len(verb))
    return not any(verb_end <= q.start <= verb_end + 18 for q in doc.quantities) and not _victim_object(doc, verb_end)


def _victim_object(doc: Doc, verb_end: int) -> bool:
    """Is the first word after a killing verb (time words aside) a noun of the people hit in its indefinite
    accusative ("شابا", "مدنيا", "ضابطا": rasd/events/data/victims.yaml), the verb's object, so that the actor before
    the verb did the killing?"""
    words = [w.strip(",،") for w in doc.folded(verb_end, min(len(doc.text), verb_end + 40)).split()]
    words = [w for w in words if w.lstrip("و") not in TIME_WORDS]
    return bool(words) and words[0].endswith("ا") and victim_kind(words[0]) is not None


_KILL_NOUNS = frozenset(RULES.words("kill_nouns"))
_KILL_VERBS = frozenset(RULES.words("kill_verbs"))
_VICTIM_AFFILIATION = RULES["victim_affiliation"]
_CASUALTY_NOUNS = frozenset(RULES.words("casualty_nouns"))
_FORMER_WORDS = frozenset(RULES.words("former_words"))
#: The article text and mention count the memo holds, and per sentence start the spans of the people its tolls count.
_COUNTED_MEMO: dict = {"text": None, "mentions": -1, "spans": {}}


def _members_hit(doc: Doc, m: Mention) -> bool:
    """The actor is the force the people hit belong to (rule victim_affiliation): "جرح خمسة عناصر بالأمن العام", "جنديان
    ضمن القوة المشتركة ... قتلا", "قتلى في صفوف قوات النظام". The people right before the preposition must be a
    casualty noun, or a person noun counted by a kill or injure toll of the sentence (rasd.events.tolls), so that
    members who act ("مقاتلون في الجيش الحر هاجموا") are not taken for victims; a former member ("قيادي سابق في")
    is not of the force."""
    tail_start = max(0, m.span.start - RULES.window("victim_affiliation"))
    found = _VICTIM_AFFILIATION.search(doc.folded(tail_start, m.span.start))
    if found is None:
        return False
    words = _member_words(found)
    if any(w in _FORMER_WORDS for w in words):
        return False  # a former member: "اغتيال قيادي سابق في فصائل المعارضة" hits no one of the force
    if any(w.lstrip("و") in _CASUALTY_NOUNS for w in words):
        return True
    people_at = doc.orig_offset(tail_start, found.start("first"))
    return any(a <= people_at < b for a, b in _counted_people(doc, people_at))


def _member_words(found: re.Match) -> list[str]:
    """The one or two words naming the people a victim_affiliation match says belong to the force."""
    return [w.strip(",،") for w in (found.group("first"), found.group("second")) if w]


def _former_member_of(doc: Doc, span: Span) -> bool:
    """Is the actor at `span` the force someone used to belong to ("قيادي سابق في جبهة النصرة")? Then it is
    neither a side of the act nor its doer."""
    found = _VICTIM_AFFILIATION.search(doc.folded(max(0, span.start - RULES.window("victim_affiliation")),
                                                  span.start))
    return found is not None and any(w in _FORMER_WORDS for w in _member_words(found))


def _counted_people(doc: Doc, pos: int) -> list[tuple[int, int]]:
    """The spans of the people the kill and injure tolls of the sentence at `pos` count (memoised per sentence)."""
    start, end = doc.sentence_of(pos)
    if _COUNTED_MEMO["text"] is not doc.text or _COUNTED_MEMO["mentions"] != len(doc.mentions):
        _COUNTED_MEMO.update(text=doc.text, mentions=len(doc.mentions), spans={})
    if start not in _COUNTED_MEMO["spans"]:
        found = find_tolls(doc, start, end, "kill") + find_tolls(doc, start, end, "injure")
        _COUNTED_MEMO["spans"][start] = [(min(t.key[0], t.span.start), max(t.key[1], t.span.end)) for t in found]
    return _COUNTED_MEMO["spans"][start]


_CONTROLLED_BY = RULES["controlled_by"]
_STANCE_SUBJECT = RULES["stance_subject"]
_OBJECT_MASDAR = frozenset(RULES.words("object_masdars"))


def _right_after(doc: Doc, cand: Candidate, m: Mention) -> bool:
    """The actor follows the trigger with nothing but space between, and the trigger is not a noun that takes an
    object ("اعتقال 41 عنصرا", "استهداف داعش") nor composed with its own subject."""
    trig = cand.anchor.span
    if doc.text[trig.end:m.span.start].strip() and not (
            _PRONOUN_OBJECT_GAP.match(doc.folded(trig.end, m.span.start))
            and not _RELATIVE_BEFORE.search(_tail(doc, trig.start))):
        # (but "سيطرت عليها الفصائل": a pronoun object between verb and subject, rule pronoun_object_gap - not in a
        # relative clause, "القرى التي سيطرت عليها القوات", which tells of the place, not of an act)
        return False
    if any(o.span.start != m.span.start for o in doc.mentions_in(trig.start, trig.end, "actor")):
        # "أوقفت قوات الأمن التركية 54 شخصا": a trigger composed with its subject has it already; what follows is
        # the object
        return False
    word = _trigger_head(cand)
    return not (word.startswith("ال") or word in _OBJECT_MASDAR)


def _trigger_head(cand: Candidate) -> str:
    """The trigger's first word, folded, without a conjunction or preposition clitic (و، ف، ب)."""
    word = fold(cand.anchor.span.text).split()[0]
    return word[1:] if word[:1] in "وفب" and len(word) > 3 else word


def _partitive_subject(doc: Doc, cand: Candidate, m: Mention) -> bool:
    """A unit of the actor is the subject of the trigger verb: "اشتبكت عناصر من الأمن العام" (rule
    partitive_subject). Not after a killing word, whose partitive names the people hit ("قتل عناصر من الشرطة": the
    unvocalised verb may be passive), nor after a noun that takes an object ("اعتقال عناصر من داعش")."""
    trig = cand.anchor.span
    if m.span.start < trig.end or not _PARTITIVE_SUBJECT.search(doc.folded(trig.end, m.span.start)):
        return False
    word = _trigger_head(cand)
    return not (word.startswith("ال") or word in _OBJECT_MASDAR or word in _KILL_VERBS or word in _KILL_NOUNS)


def _side_named_after(doc: Doc, m: Mention, kb, home_iso3: str | None) -> ActorRef | None:
    """The named group a generic word for fighters is said to be of, right after it ("ثلاثة مقاتلين من حركة
    أحرار الشام", rule own_side_named); None when none is named there."""
    if not m.attrs.get("generic"):
        return None
    found = _OWN_SIDE_NAMED.search(doc.folded(m.span.end, min(len(doc.text), m.span.end + RULES.window("own_side_named"))))
    if found is None or not found.group().rstrip().endswith("من"):
        return None
    at = doc.orig_offset(m.span.end, found.end())
    for n in doc.mentions_in(at, min(len(doc.text), at + 20), "actor"):
        if n.span.start - at <= 2 and not n.attrs.get("generic"):
            ref = actor_ref(n, kb, home_iso3)
            return ActorRef(ref.actor_id, ref.name, ref.inter, ref.iso3, m.span) if ref is not None else None
        break
    return None


_ALLIED_SIDES = [frozenset(ids) for ids in RULES.table("allied_sides").values()]


def allied(a: ActorRef, b: ActorRef) -> bool:
    """Are two different actors forces of one side (table allied_sides: the Syrian army and Hezbollah)?"""
    return a.actor_id != b.actor_id and any(a.actor_id in side and b.actor_id in side for side in _ALLIED_SIDES)


def in_country(ref: ActorRef, iso3: str | None, kb) -> ActorRef:
    """The actor `ref`'s name means for an act in country `iso3` (the KB's `in_country`: "التحالف" over Yemen is
    the Saudi-led coalition, over Iraq the one against the Islamic State); `ref` itself otherwise."""
    actor = kb.actors.get(ref.actor_id) if iso3 else None
    other = dict(actor.in_country).get(iso3) if actor is not None else None
    if other is None:
        return ref
    meant = kb.actors[other]
    return replace(ref, actor_id=meant.id, name=meant.name, inter=meant.inter, iso3=meant.iso3)


def find_actors(cand: Candidate, doc: Doc, kb, home_iso3: str | None,
                exclude: tuple[int, int] | None = None) -> tuple[list[ActorRef], list[ActorRef]]:
    """Agents and targets of a candidate, likeliest first.

    An actor after an explicit agent marker ("نفذه", "من قبل") is the doer whatever its position; one after a
    target marker ("على", "ضد", "مع") or named as the victims is the target; otherwise the subject before the
    trigger is the doer and what follows it the target."""
    a, b = cand.clause
    trig = cand.anchor.span
    scored: list[tuple[int, int, ActorRef]] = []
    targets: list[ActorRef] = []
    generic_of: dict[int, ActorRef] = {}  # a generic word taken for the article's main group -> its own actor
    sources: list[Mention] = []  # the actors of the report's source phrase, before the trigger
    # "تعرضت دورية للجيش لهجوم": what stands before the act the clause says was undergone was hit by it (rule undergoes)
    undergone = _UNDERGOES.search(doc.folded(a, trig.start))
    undergone_from = doc.orig_offset(a, undergone.start()) if undergone else None
    for m in doc.mentions_in(a, b, "actor"):
        if exclude and exclude[0] <= m.span.start < exclude[1] and not (
                m.span.end <= trig.start and _OWN_DEED.match(doc.folded(m.span.end, trig.start))):
            if m.span.end <= trig.start:
                sources.append(m)
            continue  # "نقلت وكالة الأناضول عن الفريق في الشرطة الاتحادية": the source, not a party
        before = _tail(doc, m.span.start)
        if _CONTROLLED_BY.search(before) and cand.anchor.value != "control_since":
            continue  # "حي ... الواقع تحت سيطرة المعارضة": who holds the place, not a party to the act
        if m.span.start < trig.start and stance_subject(doc, m.span.start):
            continue  # "أدانت الحكومة الهجوم": who condemns the act is no party to it
        if _speaker(doc, m, trig) and not _named_as_doer(doc, m):
            continue  # "وذكر مسعفون أن ...": who tells of the act is no party to it (unless it claims it)
        if _ATTRIBUTOR.search(_tail(doc, m.span.start, RULES.window("attributor"))) and _ATTRIBUTOR_ONWARD.search(
                doc.folded(m.span.end, min(len(doc.text), m.span.end + RULES.window("attributor_onward")))):
            continue  # "نسبته السلطات التركية إلى التنظيم": who lays the act on another is no party to it
        named = actor_ref(m, kb, home_iso3)
        ref = sole_group(doc, m, named, kb)
        if ref is None:
            continue
        if ref is not named:
            generic_of[id(ref)] = named
        whose = _side_named_after(doc, m, kb, home_iso3)
        if whose is not None:
            ref = whose  # "ثلاثة مقاتلين من حركة أحرار الشام": the fighters are that group's, in the generic word's role
        if undergone_from is not None and m.span.start < trig.start and (
                _subject_of(doc, m, undergone_from) if m.span.end <= undergone_from
                else not _ends_with_marker(_before_unit(doc, m), _AGENT_MARKERS)):
            targets.append(ref)  # the subject of تعرض, before or after the verb
        elif scored and _affiliated(doc, m, scored[-1][2]):
            # "شنه متطرفون ينتمون إلى تنظيم أنصار بيت المقدس": the group the doers belong to is the doer.
            scored.append((0, -2, ref))
        elif m.span.start >= trig.end and _TRIGGER_AFFILIATION.search(doc.folded(trig.end, m.span.start)):
            # "انتحاري يرجح أنه ينتمي إلى جماعة ...": the group of the agent noun the trigger is
            scored.append((0, -2, ref))
        elif _named_as_doer(doc, m):
            # "هجوم نسبته السلطات إلى التمرد الكردي", "أعلن تنظيم داعش مسؤوليته عنه"
            scored.append((0, -1, ref))
        elif _ends_with_marker(_before_unit(doc, m), _AGENT_MARKERS) or trig.start <= m.span.start < trig.end:
            # after "نفذه" / "من قبل", or the subject inside a split trigger ("فجر احد مسلحي داعش نفسه") or the
            # one a composed trigger opens with ("طائرات التحالف شنت غارات")
            scored.append((0, abs(trig.start - m.span.start), ref))
        elif m.span.start >= trig.end and (_POSSESSIVE_DOER.search(doc.folded(trig.start, m.span.start))
                                           or _ORIGIN_DOER.search(doc.folded(trig.start, m.span.start))):
            # "غارة جوية لطيران التحالف", "هجوم لمسلحي داعش": whose attack it was (rule possessive_doer); "قصف
            # ببرميلين متفجرين من الطيران المروحي": where it came from (rule origin_doer).
            scored.append((0, m.span.start - trig.end, ref))
        elif _VERB_FIRST_SUBJECT.search(doc.folded(a, m.span.start)):
            # "استهدفت المقاومة الإسلامية ... قاعدة": the subject of a clause-opening target verb (rule
            # verb_first_subject), wherever the trigger stands ("... بطائرة مسيرة").
            scored.append((0, abs(trig.start - m.span.start), ref))
        elif m.span.start >= trig.end and ((_right_after(doc, cand, m) and not _is_victim(doc, m))
                                           or _partitive_subject(doc, cand, m)):
            # Verb-subject order or a construct noun: "اختطف مجهولون ...", "قصف داعش", "هجوم داعش".
            scored.append((0, m.span.start - trig.end, ref))
        elif _ends_with_marker(before, _TARGET_MARKERS) or _UNDERGOES_RELATIVE.search(
                _tail(doc, m.span.start, RULES.window("undergoes_relative"))) or _is_victim(doc, m) or _TARGET_SITE.search(
                doc.folded(max(0, m.span.start - RULES.window("target_site")), m.span.start)):
            targets.append(ref)
        elif m.span.start < trig.start:
            scored.append((1 + int(ref.name.startswith("Unidentified")), trig.start - m.span.end, ref))
        else:
            targets.append(ref)
    # A country named after an agent marker is the doer: "الغارات التي نفذتها تركيا" (its military).
    for m in doc.mentions_in(a, b, "place"):
        if _ends_with_marker(_tail(doc, m.span.start), _AGENT_MARKERS) or _COUNTRY_SUBJECT.match(
                doc.folded(a, m.span.start)):
            # (or the subject of the act verb that opens the clause: "وشنت تركيا ضربات", rule country_subject)
            ref = _country_doer(m, kb)
            if ref is not None:
                scored.append((0, abs(trig.start - m.span.start), ref))
    # A nationality on the trigger itself names the doer: "ضربة جوية أمريكية", "غارات تركية" (not on the people a
    # killing word names: "مقتل طفل فلسطيني" is the victim's).
    harm = _trigger_head(cand) in _KILL_NOUNS | _KILL_VERBS
    for m in doc.mentions_in(trig.end, min(b, trig.end + 16), "nationality") if not harm else ():
        if not _nationality_on_trigger(doc, trig, m):
            break
        if not doc.text[trig.end:m.span.start].strip(" ") or len(doc.text[trig.end:m.span.start].split()) <= 1:
            ref = country_actor(m.value, m.span, kb)
            if ref is not None:
                scored.append((0, -1, ref))
            break
    scored.sort(key=lambda x: (x[0], x[1]))
    if scored and scored[0][0] == 0:
        # "مسؤول في تنظيم القاعدة قتل بغارة أمريكية": when the text says who did it (a marker, a
        # nationality on the trigger, the verb's subject), an actor that only stands before the trigger is the
        # subject of a passive or the people hit, so the target.
        doer = scored[0][2].actor_id
        weak = [r for rank, _, r in scored
                if rank > 0 and r.actor_id != doer and not _former_member_of(doc, r.span)
                and not _SPEAKER_PHRASE.search(doc.folded(max(a, r.span.start - RULES.window("speaker_phrase")),
                                                          r.span.start))]
        scored = [s for s in scored if s[0] == 0 or s[2].actor_id == doer]
        targets = targets + sorted(weak, key=lambda r: r.span.start)
    agents = [r for _, _, r in scored]
    if not agents:
        between = [r for r in targets if _BETWEEN_SIDES.search(_tail(doc, r.span.start, RULES.window("between_sides")))]
        if between:
            # "اشتباكات بين القوات العراقية ... وتنظيم الدولة": the first side named is actor 1.
            agents = [between[0]]
            # The other side is named after the first ("بين قوات الامن والمقاتلين الاكراد"), before any victims
            # counted earlier in the clause ("قتل ستة اشخاص في اشتباكات بين ...").
            rest = [t for t in targets if t.actor_id != between[0].actor_id]
            targets = [t for t in rest if t.span.start > between[0].span.start] + [
                t for t in rest if t.span.start < between[0].span.start]
            side = _OTHER_SIDE.search(doc.folded(a, b))
            if side and targets:
                # "بين A و B من جهة، و C من جهة أخرى": B is with A; C is the other side.
                cut = doc.orig_offset(a, side.end())
                later = [t for t in targets if t.span.start >= cut]
                targets = later + [t for t in targets if t.span.start < cut]
    if not agents and undergone_from is None:
        # A country (or its capital) named as subject of the clause: "قامت ايران باطلاق صواريخ", "بدأت انقرة" (not
        # when the clause tells the act undergone: "تعرض شرطيان في ديار بكر (جنوب تركيا) لهجوم").
        for m in doc.mentions_in(a, trig.start, "place"):
            before = _tail(doc, m.span.start, 12)
            if before.split()[-1:] and (before.split()[-1] in _PREPOSITIONS
                                        or before.split()[-1][1:] in _PREPOSITIONS and before.split()[-1][0] in "وف"):
                continue  # "في العراق", "وفي سوريا نفذت ... ضربات": where, not who
            if doc.text[m.span.start - 1:m.span.start] == "و" or before.endswith(" و"):
                continue  # "على الحدود مع العراق وسوريا": a conjunct of an object, not the subject
            if stance_subject(doc, m.span.start):
                continue  # "دانت مصر التفجير": who condemns the act did not do it
            if _RELATIVE_BETWEEN.search(doc.folded(m.span.end, trig.start)):
                continue  # "فرضت الحكومة حظر التجول في المدينة التي شهدت تفجيرا": told of another noun
            ref = _country_doer(m, kb)
            if ref:
                agents.append(ref)
        # A nationality adjective on the trigger itself: "الضربة الجوية الاميركية" (not on its target:
        # "صواريخ على قاعدة عسكرية عراقية").
        for m in doc.mentions_in(trig.end, min(b, trig.end + 25), "nationality") if not harm else ():
            if agents or len(doc.text[trig.end:m.span.start].split()) > 1 or not _nationality_on_trigger(doc, trig, m):
                break
            ref = country_actor(m.value, m.span, kb)
            if ref:
                agents.append(ref)
                break
    if agents:
        # "خطف التنظيم عشرة مقاتلين": fighters the main group acts on are not that group's own.
        targets = [generic_of.get(id(t), t) if t.actor_id == agents[0].actor_id else t for t in targets]
    if not agents and sources:
        agents = _source_doer(cand, doc, sources, targets, kb, home_iso3)
    relative_head = None
    if not agents and _RELATIVE_HEAD.match(doc.folded(a, b)):
        # "... من التنظيم الذي كان استولى عليها": the relative clause's subject is the noun it hangs on (and if
        # that noun names no known actor, no other actor of the sentence stands in for it).
        head = [m for m in doc.mentions_in(max(0, a - 60), a, "actor") if a - m.span.end <= 3]
        if head:
            relative_head = head[-1]
            ref = actor_ref(relative_head, kb, home_iso3)
            if ref is not None:
                agents.append(ref)
    if not agents and relative_head is None:
        # The subject of the sentence, before this clause ("مسلحي التنظيم نفذوا ... ، وتم قتل ... خلال اشتباكات").
        s0 = cand.sentence[0]
        for m in reversed(doc.mentions_in(s0, a, "actor")):
            ref = actor_ref(m, kb, home_iso3)
            if ref and not _ends_with_marker(_tail(doc, m.span.start), _TARGET_MARKERS) and not _is_victim(doc, m):
                agents.append(ref)
                break
    if cand.sub_event_type in _GROUP_BEFORE_PEOPLE_SUBS and targets and targets[0].inter == "Civilians":
        # "أوقفت قوات الأمن 54 شخصًا في عمليات ضد عناصر من تنظيم داعش": the people held are the group's men, and
        # the group is whom the arrests hit (list group_before_people_subs).
        group = next((t for t in targets if t.inter in _SOLE_GROUP_INTERS), None)
        if group is not None:
            targets = [group] + [t for t in targets if t is not group]
    return agents, targets


_GROUP_BEFORE_PEOPLE_SUBS = frozenset(RULES.words("group_before_people_subs"))
_SOURCE_DOER_AGENTS = frozenset(RULES.words("source_doer_agents"))
_SOURCE_DOER_SUBS = frozenset(RULES.words("source_doer_subs"))


def _source_doer(cand: Candidate, doc: Doc, sources: list[Mention], targets: list[ActorRef], kb,
                 home_iso3: str | None) -> list[ActorRef]:
    """The state force whose statement tells of an attack that names no doer and hits an armed group ("ذكر ضابط في
    الجيش أن ثمانية مسلحين من داعش قتلوا في قصف مدفعي"): the force tells of its own act (ACLED codes it the doer).
    Only for attacks a force carries out (list source_doer_subs: not a bomb, whose doer the statement would name),
    and only a force (list source_doer_agents: not the government or a governor's office that announces the
    toll) not itself among the people hit ("أعلنت الولاية مقتل جندي من الجيش"); else none."""
    if cand.sub_event_type not in _SOURCE_DOER_SUBS or not any(t.inter in _SOLE_GROUP_INTERS for t in targets):
        return []
    for m in reversed(sources):
        if m.attrs.get("agent") not in _SOURCE_DOER_AGENTS or _is_victim(doc, m):
            continue
        ref = actor_ref(m, kb, home_iso3)
        if ref is not None and not ref.country_lent:
            return [ref]
    return []


#: The doers that fly: an air strike is the state's or a foreign force's (ACLED), never a group's on the ground.
_AIR_DOERS = frozenset(RULES.words("air_doer_inters"))
_AIR_STRIKE = "Air/drone strike"


def carry_air_doer(cands: list[Candidate]) -> int:
    """Air strikes told without their doer take the doer of the article's air strike told before them.

    A statement or a report lists strikes ("قالت قوة المهام إن التحالف نفذ 18 غارة ... ونفذت 11 غارة قرب
    الموصل ... وقال البيان إن ضربة دمرت مصنعا"): the later strikes are the same force's, though their clause names
    no one, names the aircraft only ("الطيران وجه ضربة أخرى": the country of a generic agent is lent by the
    article) or names only the group hit (which then is the target: no group on the ground drops bombs).
    Returns how many strikes took a doer (for the rule report)."""
    doer: ActorRef | None = None
    carried = 0
    for c in sorted(cands, key=lambda x: x.anchor.span.start):
        if c.sub_event_type != _AIR_STRIKE:
            continue
        f = c.fields
        a1 = f.actor1
        if a1 is not None and a1.inter in _AIR_DOERS and not a1.country_lent:
            doer = a1
            continue
        if doer is None:
            continue
        if a1 is not None and a1.inter not in _AIR_DOERS and f.actor2 is None:
            f.actor2 = a1  # "ونفذت 11 غارة ... أهدافا للدولة الإسلامية": the group named is the one hit
        elif a1 is not None and not a1.country_lent:
            continue
        if f.actor2 is not None and f.actor2.actor_id == doer.actor_id:
            continue
        f.actor1 = ActorRef(doer.actor_id, doer.name, doer.inter, doer.iso3, c.anchor.span)
        c.missing["actor1_carried"] = "the clause names no doer: the one of the air strike told before it"
        carried += 1
    return carried


#: Sub-event type -> the ACLED actor types that carry such acts out (table doer_inters).
_DOER_INTERS: dict[str, frozenset[str]] = {sub: frozenset(inters) for sub, inters in RULES.table("doer_inters").items()}


def plausible_doers(cands: list[Candidate]) -> int:
    """Each typed candidate's doer, when it cannot carry out the act as typed (table doer_inters): "Al Qaeda carried
    out an air strike on the Afghan army" is the army's strike read backwards, "the Kuwaiti army carried out a
    suicide bombing" a bombing whose doer the clause does not name. The next actor read as a doer of an allowed
    type is the doer; else the target, when it is of one (the two were swapped); else no one
    (said in `missing`), and the actor read as the doer becomes the one hit when the text names none. Run after
    the final typing (rasd.events.build._finalize_type), before air strikes carry their doer over. Returns how
    many doers changed."""
    changed = 0
    for c in cands:
        f = c.fields
        allowed = _DOER_INTERS.get(c.sub_event_type or "")
        a1, a2 = f.actor1, f.actor2
        if allowed is None or a1 is None or a1.inter in allowed:
            continue
        if c.sub_event_type == _AIR_STRIKE and (
                "drone" in {w.label for w in f.weapons}
                or "drone" in {t.attrs.get("weapon") for t in c.triggers}):
            continue  # "استهدفت المقاومة ... بطائرة مسيرة": armed groups fly drones (ACLED codes them air/drone strikes)
        changed += 1
        other = next((r for r in f.agents if r.inter in allowed and r.actor_id != a1.actor_id), None)
        named_target = a2 is not None and any(a2 is t for t in f.named_targets)
        if other is not None:
            f.actor1 = other
            f.actor2 = None if a2 is not None and a2.actor_id == other.actor_id else a2
        elif a2 is not None and a2.inter in allowed and (named_target or a2.inter not in _AIR_DOERS):
            # (swapped: a target the text names, or an armed group read from the people hit - not a state force
            # the victims' country lends, which would be a doer nobody named)
            f.actor1, f.actor2 = a2, a1
            continue
        else:
            f.actor1, f.actor2 = None, a2 if named_target else a1
        c.missing["actor1_implausible"] = (f"{a1.name} was read as the doer, but an actor of type {a1.inter} "
                                           f"carries out no {c.sub_event_type.lower()} (ACLED): the text names no one "
                                           "who does")
    return changed


#: Victim kinds (rasd.events.tolls.victim_kind) that name the target of an act by themselves.
_TARGET_VICTIMS = frozenset(RULES.words("target_victim_kinds"))


def victims_named(tolls) -> bool:
    """Do the act's own casualty figures say who was hit ("قتل 100 شخص", "أربعة من سائقي الشاحنات": list
    target_victim_kinds)? Then they are its target, rather than an actor the sentence names after the clause."""
    return any(t.victim in _TARGET_VICTIMS for t in tolls)


_PRONOUN_OWNED_SITE = RULES["pronoun_owned_site"]


def pronoun_owner(cand: Candidate, doc: Doc, kb, home_iso3: str | None,
                  actor1: ActorRef | None) -> ActorRef | None:
    """The target of an act on sites a pronoun owns ("قصفت المقاتلات مخابئ تابعة لهم", rule pronoun_owned_site):
    the last armed group the sentence names before the trigger, other than the doer ("في إطار العمليات ضد الحزب،
    ..."). None when the clause names no such site or no group stands before."""
    trig = cand.anchor.span
    if not _PRONOUN_OWNED_SITE.search(doc.folded(trig.end, cand.clause[1])[:RULES.window("pronoun_owned_site")]):
        return None
    for m in reversed(doc.mentions_in(cand.sentence[0], trig.start, "actor")):
        ref = actor_ref(m, kb, home_iso3)
        if ref is None or ref.inter not in _OWNER_INTERS:
            continue
        if actor1 is not None and ref.actor_id == actor1.actor_id:
            continue
        return ref
    return None


#: ACLED actor types a pronoun-owned site can belong to (groups; the state's own sites are named as military ones).
_OWNER_INTERS = frozenset(RULES.words("site_owner_inters"))


def _nationality_on_trigger(doc: Doc, trig, m) -> bool:
    """Can the nationality adjective `m` after the trigger qualify it ("غارات تركية"), not a side or the target after
    a preposition ("مواجهات بين الفلسطينيين") nor people named by a human plural ("اشتبك فلسطينيون": rule
    nationality_off_trigger)?"""
    return not _NATIONALITY_OFF_TRIGGER.search(doc.folded(trig.end, m.span.end))
