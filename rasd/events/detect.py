"""Triggers -> event candidates: one candidate per clause that reports violence or a strategic development.

A candidate gathers the triggers of one clause; `merge.py` later joins candidates that describe the same occurrence
(ACLED: same actors, place and day) and keeps apart those that do not ("two attacks" are two events).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rasd.doc import Doc
from rasd.events.taxonomy import precedence
from rasd.kb.rules import load_rules
from rasd.model import Mention, Span
from rasd.text.dates import find_time_expressions
from rasd.text.normalize import TRAILING_MARKS, fold
from rasd.text.prefilter import PrefixScan

RULES = load_rules("detect")

_HABITUAL = RULES["habitual"]
_RELATIVE_BEFORE = RULES["relative_before"]
_ONGOING = RULES["ongoing"]
_ONGOING_AFTER = RULES["ongoing_after"]
_GRIEVANCE = RULES["grievance"]
_CHARGED_ACT = RULES["charged_act"]
_COORDINATED_DATED_ACT = RULES["coordinated_dated_act"]
#: Characters after a coordinated act word read for its own date (rule coordinated_dated_act).
_COORDINATED_PHRASE = 80
#: Characters after an act someone is accused of read for its own date (rule accused_of).
_ACCUSED_PHRASE = 120
_SEQUEL = RULES["sequel"]
_TOTAL = RULES["total"]
_TOTAL_SINCE = RULES["total_since"]
_HYPOTHETICAL = RULES["hypothetical"]
_INTENDED = RULES["intended"]
_ACCUSED_OF = RULES["accused_of"]
_SOON = RULES["soon"]
_PERIOD = RULES["period"]


@dataclass
class Candidate:
    """Triggers of one clause and everything the argument finders attach to them."""

    triggers: list[Mention]
    clause: tuple[int, int]
    sentence: tuple[int, int]
    sentence_index: int
    event_type: str = ""
    sub_event_type: str = ""
    count: int = 1
    fields: Arguments = field(default_factory=lambda: Arguments())  # filled by the argument finders
    evidence: dict = field(default_factory=dict)  # field -> Span
    missing: dict = field(default_factory=dict)  # field -> reason
    absorbed: list = field(default_factory=list)  # candidates merged into this one
    # what this mention told before any merge (rasd.events.merge._absorb keeps it): the coding filters read a linked
    # event's mentions each on its own, so a framed or recalled one lends no date or toll it does not tell of this act
    own_fields: Arguments | None = None
    listed: bool = False  # one of the acts told over a list of places (the first too, once it has copies)

    @property
    def anchor(self) -> Mention:
        return self.triggers[0]

    @property
    def start(self) -> int:
        return min(t.span.start for t in self.triggers)


if TYPE_CHECKING:  # the argument types live in the modules that find them (and import this one)
    from rasd.events.arguments import ActorRef
    from rasd.events.locate import Location
    from rasd.events.timing import When


@dataclass
class Arguments:
    """What the argument finders attach to an event mention (rasd.events.build._fill), each None until found.

    A `*_span` is the text a value was read from (the event's evidence)."""

    loc: Location | None = None
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    attribution: str | None = None
    attribution_span: Span | None = None
    fatalities: int | None = None
    fatalities_span: Span | None = None
    injured: int | None = None
    injured_span: Span | None = None
    fatalities_estimated: bool = False  # the figure is ACLED's reading of words ("عدد من القتلى", "عشرات"), not a count
    injured_estimated: bool = False
    modality: str | None = None
    modality_span: Span | None = None
    background_span: Span | None = None
    background_tense_only: bool = False  # the background mark is only a pluperfect (modality.recounted_by_tense_only)
    same_day_more: bool = False  # "كما تمكن ... من قتل": more victims of the act told just before
    when: When | None = None
    weapons: list[Mention] = field(default_factory=list)
    weapon: Mention | None = None
    another: bool = False  # "هجوم آخر": another act than the one told before
    victim: str | None = None  # whom the act hit when no actor says it: "civilian", "state", "armed" (build._fill)
    # The clause's actors read as doers (likeliest first) and as targets named in the text: the other readings
    # rasd.events.arguments.plausible_doers falls back on when the doer read cannot carry out the act as typed.
    agents: list[ActorRef] = field(default_factory=list)
    named_targets: list[ActorRef] = field(default_factory=list)


def _best_trigger(triggers: list[Mention]) -> Mention:
    return min(triggers, key=lambda t: precedence(t.attrs.get("sub_event_type") or ""))


_WEAPON_SUBS = {"Remote explosive/landmine/IED", "Shelling/artillery/missile attack", "Suicide bomb", "Grenade"}
_SEIZED = RULES["seized"]
_DEFUSED = RULES["defused"]
_INSTRUMENT = RULES["instrument"]
_STRIKE_ACTS = frozenset(RULES.words("strike_acts"))
_MUNITIONS = frozenset(RULES.words("munitions"))


_PARTICIPATION = RULES["participation"]
_PERMITTED = RULES["permitted"]
_SITE_OF = RULES["site_of"]
_CHECKPOINT_SENSE = RULES["checkpoint_sense"]
_CAUSE_CLAUSE = RULES["cause_clause"]
_CEASEFIRE = RULES["ceasefire"]


def _weapon_context(doc: Doc, t: Mention) -> Mention | None:
    """A bomb or rocket that was seized is no event (None); one defused is Disrupted weapons use. A strike told as
    the means of the destroying ("تدمير شاحنة مفخخة بغارة": rule instrument) is neither."""
    if t.attrs.get("sub_event_type") not in _WEAPON_SUBS:
        return t
    if str(t.value).split("__")[0] in _STRIKE_ACTS and _INSTRUMENT.search(
            doc.folded(max(0, t.span.start - RULES.window("instrument")), t.span.start)):
        return t
    before = doc.folded(max(0, t.span.start - RULES.window("seized")), t.span.start)
    before = re.split(r"[.;:!?]", before)[-1]
    if _DEFUSED.search(before):
        attrs = dict(t.attrs, event_type="Strategic developments", sub_event_type="Disrupted weapons use")
        return Mention(t.kind, t.span, t.value, t.label, t.confidence, attrs)
    if _SEIZED.search(before):
        return None
    return t


def plural_trigger(t: Mention) -> bool:
    """A sound feminine plural trigger noun ("هجمات", "غارات", "تفجيرات") or a counted one."""
    word = fold(t.span.text).split()[0]
    return word.endswith("ات") or int(t.attrs.get("count") or 1) > 1


_SELF_DETONATION = RULES["self_detonation"]
_BODIES_FOUND = RULES["bodies_found"]
_FOUND_KILLED = RULES["found_killed"]
_ARREST_SPLIT = RULES["arrest_split"]
_ARREST_STOP = RULES["arrest_stop"]
_ARREST_SEIZE = RULES["arrest_seize"]
_ARREST_ATTRS = {"event_type": "Strategic developments", "sub_event_type": "Arrests", "count": 1, "violent": False}
_BODIES_ATTRS = {"event_type": "Violence against civilians", "sub_event_type": "Attack", "count": 1,
                 "violent": True}
_AIR_SUBJECT = RULES["air_subject"]
_AIR_SUBJECT_FIRST = RULES["air_subject_first"]
_AIR_ATTRS = {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike", "weapon": "airstrike",
              "count": 1, "violent": True}
_TOPIC = RULES["topic"]
_NEGATED = RULES["negated"]
_PURPOSE = RULES["purpose"]
_EXPOSED_TO = RULES["exposed_to"]
_PEOPLE_AFTER = RULES["people_after"]
_CAMPAIGN_NAME = RULES["campaign_name"]
_ANY = RULES["any"]
_PURPOSE_WORDS = frozenset(RULES.words("purpose_words"))
_CONTROL_SINCE = RULES["control_since"]
_CONTROL_ATTRS = {"event_type": "Battles", "sub_event_type": "Non-state actor overtakes territory", "count": 1,
                  "territory": True, "violent": True}
_CONTROL_NOUN = RULES["control_noun"]
_WRESTED_CONTROL = RULES["wrested_control"]
#: A control noun governed by a verb of imposing or announcing: ground taken when a place follows (_place_after).
_CONTROL_NOUN_ATTRS = _CONTROL_ATTRS | {"place_after": True}
_OPENED_FIRE = RULES["opened_fire"]
_SHOOTING_ATTRS = {"event_type": "Battles", "sub_event_type": "Armed clash", "weapon": "small_arms", "count": 1,
                   "generic": True, "violent": True}
_KILL_VERB = RULES["kill_verb"]
_OUTCOME_KILL = RULES["outcome_kill"]
_BARE_OUTCOME_KILL = RULES["bare_outcome_kill"]
_HEADLINE_KILL = RULES["headline_kill"]
_REPORTED_KILL = RULES["reported_kill"]
_FALLEN_TOLL = RULES["fallen_toll"]
_STABBING = RULES["stabbing"]
_STONE_THROWING = RULES["stone_throwing"]
_BEATING = RULES["beating"]
_PROPERTY_DESTROYED = RULES["property_destroyed"]
_DISPERSAL = RULES["dispersal"]
_STAGED_PROTEST = RULES["staged_protest"]
_BETWEEN_SIDES = RULES["between_sides"]
_GATHERING_DEMAND = RULES["gathering_demand"]
_COUNTED_CROWD = RULES["counted_crowd"]
_GUNFIRE_CASUALTY = RULES["gunfire_casualty"]
_RIOT_ATTRS = {"event_type": "Riots", "sub_event_type": "Violent demonstration", "count": 1, "violent": True}
_GATHERING_ATTRS = {"event_type": "Protests", "sub_event_type": "Peaceful protest", "count": 1, "violent": False}
_STABBING_ATTRS = {"event_type": "Violence against civilians", "sub_event_type": "Attack", "weapon": "knife",
                   "count": 1, "violent": True}
#: A beating of someone: an attack whose target types it (civilians or a fight), as a shooting's does.
_BEATING_ATTRS = {"event_type": "Violence against civilians", "sub_event_type": "Attack", "count": 1,
                  "generic": True, "violent": True}
#: Property burnt, demolished or looted, with the property named: an act of its own (the lexicon's looting words
#: alone are weak).
_PROPERTY_ATTRS = {"event_type": "Strategic developments", "sub_event_type": "Looting/property destruction",
                   "count": 1, "violent": False, "property": True}
_DISPERSAL_ATTRS = {"event_type": "Protests", "sub_event_type": "Protest with intervention", "count": 1,
                    "violent": False}
_KILL_TALK = RULES["kill_talk"]
_ACCIDENT = RULES["accident"]
_LINK_LINE = RULES["link_line"]
_BACK_REFERENCE = RULES["back_reference"]
_LONG_PERIOD = RULES["long_period"]
WHOLE_WAR = RULES["whole_war"]
_SINCE_AFTER = RULES["since_after"]
_OCCURRENCE_SUBJECT = RULES["occurrence_subject"]


def _as_occurrence_subject(doc: Doc, t: Mention) -> Mention:
    """The trigger marked `occurrence_subject` when it is the subject of a verb saying the act broke out, went on or
    struck ("تجددت الاشتباكات", rule occurrence_subject): its article then makes it the verb's subject, so
    rasd.events.merge does not read it as a back-reference to an act the text does not tell."""
    before = doc.folded(max(0, t.span.start - RULES.window("occurrence_subject")), t.span.start)
    if not _OCCURRENCE_SUBJECT.search(before):
        return t
    return Mention(t.kind, t.span, t.value, t.label, t.confidence, dict(t.attrs, occurrence_subject=True))


def _as_instrument(doc: Doc, t: Mention) -> Mention:
    """A munition after the instrument بال ("استهدفت طائرة حربية بالصواريخ مشفى", rules instrument and munitions)
    marked `instrument`: the means of the act its clause tells, so rasd.events.merge does not read its article as a
    back-reference in a brief text."""
    if str(t.value).split("__")[0] not in _MUNITIONS or not doc.folded(
            max(0, t.span.start - RULES.window("instrument")), t.span.start).endswith("بال"):
        return t
    return Mention(t.kind, t.span, t.value, t.label, t.confidence, dict(t.attrs, instrument=True))


def _join_killing_to_its_cause(doc: Doc, by_clause: dict) -> None:
    """"قتل جنديان أمس إثر انفجار عبوة ناسفة": the clause splitter opens a clause at إثر, so the killing and the act
    that caused it were two mentions (a clash with the toll and a bombing without one). A clause of the same
    sentence whose every trigger is a bare killing, followed at once by a clause that opens with a word of cause
    (rule cause_clause) and holds an act, becomes one clause with it: the killing is that act's toll."""
    plain = sorted(k for k in by_clause if len(k) == 2)
    for first, second in zip(plain, plain[1:], strict=False):
        if first not in by_clause or second not in by_clause:
            continue
        if not all(t.attrs.get("kill_only") for t in by_clause[first]) or all(
                t.attrs.get("kill_only") for t in by_clause[second]):
            continue
        if doc.sentence_index(first[0]) != doc.sentence_index(second[0]) or doc.text[first[1]:second[0]].strip():
            continue
        if not _CAUSE_CLAUSE.match(doc.folded(*second)):
            continue
        by_clause[(first[0], second[1])] = by_clause.pop(first) + by_clause.pop(second)


def _over_a_month(doc: Doc, m: Mention) -> bool:
    """"قتل 1446 شخصا ... في يونيو الماضي": a killing dated only by a whole month is that month's tally."""
    a, b = doc.sentence_of(m.span.start)
    spans = [(t.date_end - t.date_start).days for t in doc.times if a <= t.start < b and t.date_end is not None]
    return bool(spans) and min(spans) >= 27  # (a day named in the sentence dates the killing itself)


_KILL_ATTRS = {"event_type": "Battles", "sub_event_type": "Armed clash", "count": 1, "generic": True,
               "violent": True, "kill_only": True}
#: A killing told as what an act led to ("ما أسفر عن مقتل"): its "عن" is not the "refrain from" of kill_talk.
_OUTCOME_ATTRS = _KILL_ATTRS | {"outcome": True}
#: The same outcome with its act as the verb's subject ("أعمال عنف أسفرت عن مصرع"): an act of its own only when no
#: trigger stands before it in its sentence (else it is that act's toll, told in a clause of its own).
_BARE_OUTCOME_ATTRS = _OUTCOME_ATTRS | {"bare_outcome": True}
_SUICIDE_ATTRS = {"event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb",
                  "weapon": "suicide_vest", "count": 1, "violent": True}


# Pattern, trigger id, label, confidence, attributes, whether a dictionary trigger inside the span takes precedence.
_SPLIT = (
    (_SELF_DETONATION, "suicide_bombing", "suicide bombing", 0.8, _SUICIDE_ATTRS, True),
    (_AIR_SUBJECT, "airstrike", "air strike", 0.8, _AIR_ATTRS, True),
    (_AIR_SUBJECT_FIRST, "airstrike", "air strike", 0.8, _AIR_ATTRS, True),
    (_CONTROL_SINCE, "control_since", "holds since", 0.7, _CONTROL_ATTRS, False),
    (_CONTROL_NOUN, "seize_territory", "control taken", 0.7, _CONTROL_NOUN_ATTRS, False),
    (_WRESTED_CONTROL, "seize_territory", "control wrested", 0.7, _CONTROL_NOUN_ATTRS, False),
    (_BODIES_FOUND, "bodies_found", "bodies found", 0.7, _BODIES_ATTRS, False),
    (_FOUND_KILLED, "bodies_found", "found killed", 0.7, _BODIES_ATTRS, True),
    (_ARREST_SPLIT, "arrest", "arrest", 0.7, _ARREST_ATTRS, True),
    (_ARREST_STOP, "arrest", "arrest", 0.6, _ARREST_ATTRS, True),
    (_ARREST_SEIZE, "arrest", "arrest", 0.6, _ARREST_ATTRS, True),
    (_OPENED_FIRE, "shooting", "shooting", 0.8, _SHOOTING_ATTRS, True),
    # (the casualty word alone: its victims stand between it and the gunfire, and the argument finders read them)
    (_GUNFIRE_CASUALTY, "shooting", "shooting", 0.7, _SHOOTING_ATTRS | {"word_span": True}, True),
    (_STABBING, "stabbing", "stabbing", 0.7, _STABBING_ATTRS, True),
    (_STONE_THROWING, "riot", "stone throwing", 0.7, _RIOT_ATTRS, True),
    (_BEATING, "beating", "beating", 0.6, _BEATING_ATTRS, True),
    (_PROPERTY_DESTROYED, "looting", "property destroyed", 0.6, _PROPERTY_ATTRS, False),
    (_DISPERSAL, "protest_intervention", "dispersal", 0.7, _DISPERSAL_ATTRS, True),
    (_STAGED_PROTEST, "protest", "staged protest", 0.6, _GATHERING_ATTRS, True),
    (_GATHERING_DEMAND, "protest", "gathering with a demand", 0.6, _GATHERING_ATTRS, True),
    # (the crowd counted, "خمسة آلاف متظاهر": its party, as the dictionary's plural agent noun is)
    (_COUNTED_CROWD, "protesters", "counted crowd", 0.5, _GATHERING_ATTRS | {"party": True}, True),
    (_KILL_VERB, "killing", "killing", 0.5, _KILL_ATTRS, True),
    (_OUTCOME_KILL, "killing", "killing", 0.5, _OUTCOME_ATTRS, True),
    (_BARE_OUTCOME_KILL, "killing", "killing", 0.5, _BARE_OUTCOME_ATTRS, True),
    (_FALLEN_TOLL, "killing", "killing", 0.5, _KILL_ATTRS, True),
    (_HEADLINE_KILL, "killing", "killing", 0.5, _OUTCOME_ATTRS | {"headline": True}, True),
    # ("أعلنت القوات مقتل 14 مسلحا": the killing announced; its "عن" is not the "refrain from" of kill_talk)
    (_REPORTED_KILL, "killing", "killing", 0.5, _OUTCOME_ATTRS | {"reported": True}, True),
)
#: The split patterns tried only where one of their literal starts occurs (their look-behind leaves `re` no prefix).
_SPLIT_SCAN = PrefixScan([split[0] for split in _SPLIT])


def _first_group(m: re.Match[str]) -> int:
    """The first group of a trigger pattern that took part in the match: a pattern with alternatives ("قتلها" or
    "بقتلها") names the trigger word in each."""
    return next((i for i in range(1, (m.re.groups or 0) + 1) if m.start(i) >= 0), 0)


def _split_triggers(doc: Doc) -> list[Mention]:
    """Triggers the dictionary cannot see because other words stand inside them. The span runs from the first
    group's start to the match end (or to the group's end for "تسيطر عليها ... منذ", whose date lies outside, and
    for a casualty by gunfire, whose victims stand inside)."""
    out = []
    for k, (_rx, value, label, confidence, attrs, yields) in enumerate(_SPLIT):
        for m in _SPLIT_SCAN.finditer(k, doc.norm.text):
            group = _first_group(m)
            span_end = m.end(group) if value == "control_since" or attrs.get("word_span") else m.end()
            start, end = doc.norm.to_original(m.start(group), span_end)
            if yields and any(t.kind == "trigger" and t.span.start < end and start < t.span.end
                              for t in doc.mentions_in(start, end)):
                continue
            out.append(Mention("trigger", Span.of(doc.text, start, end), value, label, confidence, dict(attrs)))
    return out


_SITE_NOUNS = frozenset(RULES.words("site_nouns"))
_HELD_SITES = _SITE_NOUNS | frozenset(RULES.words("held_sites"))


def takes_place(doc: Doc, t: Mention) -> bool:
    """A territory word with the place taken right after it ("تحرير جامعة الانبار", "استعادة بلدة X")."""
    tail = doc.folded(t.span.end, min(len(doc.text), t.span.end + 30)).split()
    if tail and tail[0].lstrip("و") in _SITE_NOUNS:
        return True
    nxt = next((m for m in doc.mentions_in(t.span.end, t.span.end + 30, "place")), None)
    return nxt is not None and not doc.text[t.span.end:nxt.span.start].strip(" ال")


_MARKS = "".join(TRAILING_MARKS)
#: Object pronouns a verb form may carry (rasd.recognize.mentions leaves them outside the trigger's span).
_OBJECT_PRONOUNS = ("ه", "ها", "هم", "هما", "هن")


def _with_object_pronoun(doc: Doc, t: Mention) -> bool:
    """Whether a verb form of a trigger whose verbs take no object pronoun (flag no_object: the forms) carries one:
    "سيطرتها" is then the noun with its owner, not "she controlled"."""
    if fold(t.span.text) not in t.attrs["no_object"]:
        return False
    rest = doc.folded(t.span.end, min(len(doc.text), t.span.end + 4))
    word = rest.split()[0] if rest.strip() and not rest[0].isspace() else ""
    return word.rstrip(".,،:;!?") in _OBJECT_PRONOUNS


def _ha_for_taa(doc: Doc, t: Mention) -> bool:
    """Whether a trigger word written with ة (flag taa: its forms) is spelled with a final ه in an article that writes
    ة: another word with a pronoun ("مهاجمه" his striker, "مصالحه" his interests, "ضربه" beating him), which
    folding made the trigger (the corpus: 190 of 194 such words, in 31,000 articles)."""
    word = t.span.text.rstrip(_MARKS)
    return word.endswith("ه") and fold(word) in t.attrs["taa"] and "ة" in doc.text


def between_sides(doc: Doc, t: Mention) -> bool:
    """A fighting word with its two sides after it ("معارك بين الجيش والدعم السريع", rule between_sides)."""
    if t.attrs.get("event_type") != "Battles" or t.attrs.get("territory"):
        return False
    if doc.folded(max(0, t.span.start - 2), t.span.start) == "ال":
        return False  # "المعارك بين الأسد والمعارضة": the war talked about, more often than a fight reported
    return bool(_BETWEEN_SIDES.match(doc.folded(t.span.end, min(len(doc.text), t.span.end + RULES.window(
        "between_sides")))))


def _place_after(doc: Doc, t: Mention) -> bool:
    """A place or a site noun ("مواقع", "مبنى") after a control noun's "على", within its clause and the rule's window:
    "فرض سيطرته على الملعب" in a match report, "سيطرتها على المنطقة" take no named place (a site noun does)."""
    end = min(doc.clause_of(t.span.start)[1], t.span.end + RULES.window("control_noun"))
    if any(True for _ in doc.mentions_in(t.span.end, end, "place")):
        return True
    words = [w.lstrip("و") for w in doc.folded(t.span.end, end).split()[:4]]
    return any(w in _HELD_SITES or w.removeprefix("ال") in _HELD_SITES for w in words)


_GROUND_FROM = RULES["ground_from"]
_DEFINITE_WITHDRAWAL = RULES["definite_withdrawal"]
_DETENTION_STATE = RULES["detention_state"]
_FRONT_LINE = RULES["front_line"]
_WAR_AGAINST = RULES["war_against"]
_FORCE_NAME = RULES["force_name"]


_GROUND = _HELD_SITES | frozenset(RULES.words("fronts"))


def _with_proclitics(doc: Doc, t: Mention) -> str:
    """The folded trigger with the word's proclitics and a preposition right before it ("على الانسحاب")."""
    start = t.span.start
    while start > 0 and not doc.text[start - 1].isspace():
        start -= 1
    before = doc.folded(max(0, start - 6), start).split()
    lead = before[-1] + " " if before and before[-1] in ("علي", "الي") else ""
    return lead + doc.folded(start, t.span.end)


def _ground_from(doc: Doc, t: Mention) -> bool:
    """Whether what a withdrawal leaves (the words after a "من" within its clause and the rule's window) is ground:
    a place named at once, or a site noun ("من قاعدة تيساليت", "من البلدة", "من مواقع"), rule ground_from."""
    start = t.span.end
    end = min(doc.clause_of(t.span.start)[1], start + RULES.window("ground_from"))
    text = doc.folded(start, end)
    for m in _GROUND_FROM.finditer(text):
        at = doc.orig_offset(start, m.end())
        word = text[m.end():].split()[0].strip(".,،:;!?«»\"()")
        if word.lstrip("و") in _GROUND or word.removeprefix("ال") in _GROUND:
            return True
        if any(p.span.start <= at + 2 for p in doc.mentions_in(at, end, "place")):
            return True
    return False


def _accident_reach(doc: Doc, m: Mention) -> tuple[int, int]:
    """Where rule accident is read for a killing told only by its toll: its sentence; for a headline killing, its
    sentence through its lead, which tells the same death ("مصرع وإصابة 3 في «مروري»" over "لقي شخص مصرعه ... في
    حادث مروري": a headline names the accident in short or not at all)."""
    start, end = doc.sentence_of(m.span.start)
    if m.attrs.get("headline"):
        # the lead is the first sentence after it that ends as a sentence does: lines without final punctuation
        # between (a byline, "مسلّم الهواملة – عين اليوم", a second headline) are read on the way
        i = doc.sentence_index(m.span.start)
        for s in doc.sentences[i + 1:i + 1 + _HEADLINE_LINES] if i >= 0 else ():
            end = s.end
            if doc.text[s.start:s.end].rstrip().endswith(_SENTENCE_END):
                break
    return start, end


#: Lines read after a headline for its lead (rule accident): the lead itself and at most two lines before it.
_HEADLINE_LINES = 3
_SENTENCE_END = (".", "!", "?", "؟", "…")


def _title_of_a_told_act(doc: Doc, m: Mention) -> bool:
    """A headline killing in the article's first paragraph (its title) when the rest of the article tells an act
    (a trigger): the title sums up that report, which is the event ("مقتل جنديين في الرمادي" over its story). A
    post or a sentence that is only the headline keeps it."""
    first = doc.paragraphs[0] if doc.paragraphs else (0, len(doc.text))
    if not first[0] <= m.span.start < first[1]:
        return False
    return any(t.kind == "trigger" for t in doc.mentions_in(first[1], len(doc.text)))


#: Sentences read after a reported killing for the act it sums up (_lead_of_a_told_act).
_LEAD_SENTENCES = 2


def _lead_of_a_told_act(doc: Doc, m: Mention, triggers: list[Mention]) -> bool:
    """A reported killing ("أفادت مصادر أمنية أمس بمقتل 24 مدنيا في بعقوبة", rule reported_kill) whose next
    sentences tell an act (any other trigger): the report's lead, which sums up the acts told after it (the roundup
    of a day's violence, "وقالت المصادر إن عبوة ناسفة انفجرت ... ما أدى إلى مقتل ستة"), each its own event. A
    report that is only the announcement keeps it."""
    i = doc.sentence_index(m.span.start)
    following = doc.sentences[i + 1:i + 1 + _LEAD_SENTENCES] if i >= 0 else ()
    if not following:
        return False
    start, end = following[0].start, following[-1].end
    return any(t is not m and not t.attrs.get("reported") and start <= t.span.start < end for t in triggers)


def _act_before_in_sentence(doc: Doc, m: Mention) -> bool:
    """Whether a dictionary trigger or a back-reference to an act ("العملية التي جرت") stands before `m` in its
    sentence: the act an outcome clause continues."""
    start = doc.sentence_of(m.span.start)[0]
    return (any(t.kind == "trigger" for t in doc.mentions_in(start, m.span.start))
            or _BACK_REFERENCE.search(doc.folded(start, m.span.start)) is not None)


def _coordinated_dated_act(doc: Doc, m: Mention, clause: tuple[int, int], found: list[Mention]) -> bool:
    """Is `m` a second act of its clause, coordinated after a comma ("...، والهجوم على فندق في أربيل في يونيو") with a
    date of its own in its phrase, another day than the one the clause dated an earlier act word to (rule
    coordinated_dated_act)?"""
    before = doc.folded(max(clause[0], m.span.start - RULES.window("coordinated_dated_act")), m.span.start)
    if not _COORDINATED_DATED_ACT.search(before):
        return False
    earlier = [t for t in found if clause[0] <= t.span.start < m.span.start and not t.attrs.get("kill_only")]
    if not earlier:
        return False
    comma = re.search(r"[،,.؛;]", doc.text[m.span.end:min(clause[1], m.span.end + _COORDINATED_PHRASE)])
    end = m.span.end + comma.start() if comma else min(clause[1], m.span.end + _COORDINATED_PHRASE)
    own = find_time_expressions(doc.text, doc.published, within=[(m.span.end, end)])
    first = find_time_expressions(doc.text, doc.published, within=[(earlier[0].span.end, m.span.start)])
    return bool(own) and bool(first) and own[0].date_start != first[0].date_start


def _accused_act_dated(doc: Doc, t: Mention, clause: tuple[int, int]) -> bool:
    """Does the phrase of an act someone is accused of (rule accused_of) date it to a past day: a recalled act
    with a date of its own ("المتهم بالوقوف خلف التفجير الذي وقع في 3 يوليو"), not a charge alone?"""
    stop = re.search(r"[.؛;]", doc.text[t.span.end:min(clause[1], t.span.end + _ACCUSED_PHRASE)])
    end = t.span.end + stop.start() if stop else min(clause[1], t.span.end + _ACCUSED_PHRASE)
    return any(x.precision == 1 and (doc.published is None or x.date < doc.published)
               for x in find_time_expressions(doc.text, doc.published, within=[(t.span.end, end)]))


def _since_tally(doc: Doc, clause: tuple[int, int], folded: str) -> bool:
    """Does a since-phrase make the clause a tally (rule total_since: "قتل 19 شخصا منذ بداية الأزمة")? Not when
    the clause dates its act before the phrase, by a time expression of its own that is no "since" date itself
    ("وفي الشهر الماضي شنت الفصائل هجوما ... منذ بدء الحرب"): a dated act told, the phrase a comparison."""
    m = _TOTAL_SINCE.search(folded)
    if m is None:
        return False
    since = doc.orig_offset(clause[0], m.start())
    return not any(not doc.folded(max(clause[0], x.start - 6), x.start).strip().endswith("منذ")
                   for x in find_time_expressions(doc.text, doc.published, within=[(clause[0], since)]))


def find_candidates(doc: Doc) -> list[Candidate]:
    """One candidate per clause holding at least one trigger, skipping hypothetical clauses."""
    by_clause: dict[tuple, list[Mention]] = {}
    cuts: dict[tuple[int, int], int] = {}  # a clause's second dated act, from its word on (_coordinated_dated_act)
    found = [m for m in sorted(doc.mentions + _split_triggers(doc), key=lambda m: m.span.start) if m.kind == "trigger"]
    for m in found:
        if m.attrs.get("reported") and _lead_of_a_told_act(doc, m, found):
            continue  # "أفادت مصادر بمقتل 24 مدنيا. وقالت المصادر إن عبوة ناسفة انفجرت": the lead of acts told after
        m = _weapon_context(doc, m)
        if m is None:
            continue
        m = _as_instrument(doc, _as_occurrence_subject(doc, m))
        if m.attrs.get("headline") and (_LINK_LINE.search(
                doc.folded(max(0, m.span.start - RULES.window("link_line")), m.span.start))
                or _title_of_a_told_act(doc, m)):
            continue  # "رابط الخبر بصحيفة كذا: مقتل 15": an article's headline repeated as its link
        if m.attrs.get("no_object") and _with_object_pronoun(doc, m):
            continue  # "تحت سيطرتها": the noun of a verb that takes no object pronoun, a state
        if m.attrs.get("taa") and _ha_for_taa(doc, m):
            continue  # "مهاجمه" (his striker) is not "مهاجمة" (an attack) where the writer spells ة
        if m.attrs.get("place_after") and not _place_after(doc, m):
            continue  # "فرض سيطرته على مجريات المباراة": no ground named
        if m.attrs.get("ground_from") and not _ground_from(doc, m):
            continue  # "انسحب الوفد من المفاوضات": talks left, not ground
        if m.attrs.get("indefinite") and _DEFINITE_WITHDRAWAL.match(_with_proclitics(doc, m)):
            continue  # "طالبهم بالانسحاب من المدينة": the idea demanded, not a withdrawal told
        if m.attrs.get("detention_state") and _DETENTION_STATE.search(
                doc.folded(max(0, m.span.start - RULES.window("detention_state")), m.span.start)):
            continue  # "أماكن احتجاز", "منذ توقيفه": detention as a state, not an arrest told
        if m.attrs.get("bare_outcome") and _act_before_in_sentence(doc, m):
            continue  # "التفجير الذي وقع أمس ... وأدى إلى مقتل خمسة": that act's toll
        if m.attrs.get("kill_only"):
            after = doc.folded(m.span.end, max(m.span.end, doc.clause_of(m.span.start)[1]))
            talk = not m.attrs.get("outcome") and _KILL_TALK.search(
                doc.folded(max(0, m.span.start - RULES.window("kill_talk")), m.span.start))
            if talk or WHOLE_WAR.search(after) or _SINCE_AFTER.match(after) or _LONG_PERIOD.search(after):
                continue
            if _ACCIDENT.search(doc.folded(*_accident_reach(doc, m))):
                continue  # "مقتل خمسة أشخاص في حادث سير": an accident's toll
        if _PERMITTED.search(doc.folded(max(0, m.span.start - RULES.window("permitted")), m.span.start)):
            continue  # "أذنت الحكومة للطائرات الفرنسية بشن غارات": an act allowed, not one reported
        if _PARTICIPATION.search(doc.folded(max(0, m.span.start - RULES.window("participation")), m.span.start)):
            continue  # "تمديد مشاركتها في غارات التحالف": a policy on taking part, not an act
        if _SITE_OF.search(doc.folded(max(0, m.span.start - RULES.window("site_of")), m.span.start)):
            continue  # "في موقع الانفجار", "مكان الهجوم": the place of an act already told, not another act
        if _CHECKPOINT_SENSE.match(doc.folded(m.span.start, min(len(doc.text), m.span.start + RULES.window(
                "checkpoint_sense")))):
            continue  # "الكمائن الأمنية": a checkpoint, a place, not an ambush
        if m.attrs.get("event_type") == "Battles" and _FRONT_LINE.search(
                doc.folded(max(0, m.span.start - RULES.window("front_line")), m.span.start)):
            continue  # "خطوط المواجهة", "جبهات القتال": the front, a place, not a fight told
        if m.attrs.get("weak") and _WAR_AGAINST.match(
                doc.folded(m.span.start, min(len(doc.text), m.span.end + RULES.window("war_against")))):
            continue  # "المعركة ضد تنظيم داعش": a side's war at large, not a fight told
        if _FORCE_NAME.search(doc.folded(max(0, m.span.start - RULES.window("force_name")), m.span.start)):
            continue  # "قوات مكافحة الشغب": what a force is there to counter, not an act
        if _CEASEFIRE.search(doc.folded(max(0, m.span.start - RULES.window("ceasefire")), m.span.start)):
            continue  # "وقف اطلاق النار" is a ceasefire, not a shooting
        before = doc.folded(max(0, m.span.start - RULES.window("negated")), m.span.start)
        if _NEGATED.search(before) or _ANY.search(before):
            continue  # "لم يقصف الجيش": the text says it did not happen
        if m.attrs.get("territory") and _CAMPAIGN_NAME.search(
                doc.folded(max(0, m.span.start - RULES.window("campaign_name")), m.span.start)):
            continue  # "معركة تحرير المدينة": the campaign's name, not a place taken
        if m.attrs.get("territory") and _PEOPLE_AFTER.match(
                doc.folded(m.span.end, min(len(doc.text), m.span.end + RULES.window("people_after")))):
            continue  # "استعادت ثلاثة منهم": people brought back, not ground taken
        if _PURPOSE.search(before) and not _EXPOSED_TO.search(
                doc.folded(max(0, m.span.start - RULES.window("exposed_to")), m.span.start)) and (
                m.attrs.get("territory") or fold(m.span.text).split()[0] in _PURPOSE_WORDS):
            continue  # "عملية عسكرية لاستعادة جامعة الانبار": what an operation is for, not what it did
        if before.endswith("ال") and _TOPIC.search(before[:-2]):
            continue  # "بحث التظاهرات": a topic of talks, not a report of one (the span leaves ال outside)
        clause = doc.clause_of(m.span.start)
        grievance = _GRIEVANCE.search(doc.folded(clause[0], m.span.start))
        if grievance:
            # "احتجاجا على اعتقال زملائهم": the act protested is its own (earlier) event, told from that phrase on.
            start = doc.orig_offset(clause[0], grievance.start())
            by_clause.setdefault((start, clause[1], "grievance"), []).append(m)
            continue
        reach = max(clause[0], m.span.start - RULES.window("charged_act"))
        charged = any(t.attrs.get("sub_event_type") == "Arrests" for t in by_clause.get(clause, ())) and \
            _CHARGED_ACT.search(doc.folded(reach, m.span.start))
        if charged:
            # "اعتقال المتورطين بالتفجير": the act an arrest is about is its own (earlier) event.
            start = doc.orig_offset(reach, charged.start())
            by_clause.setdefault((start, clause[1], "charged"), []).append(m)
            continue
        rel = _RELATIVE_BEFORE.search(doc.folded(max(clause[0], m.span.start - RULES.window("relative_before")),
                                                  m.span.start))
        if rel and m.span.start - clause[0] > 20:
            if m.attrs.get("kill_only"):
                continue  # "الجنود الذين قتلوا أثناء تحرير الكويت": who the people were, not an act reported
            # "أعدم 50 شخصا من أهالي الفلوجة الذين تظاهروا": the relative clause tells another act (its victims'),
            # which must not lend its type to the main one.
            word = rel.group().split()[0]
            start = doc.text.rfind(word, clause[0], m.span.start)
            by_clause.setdefault((start if start >= 0 else clause[0], clause[1], "relative"), []).append(m)
            continue
        if m.value == "control_since":
            by_clause.setdefault((*clause, "control"), []).append(m)  # who holds a place is its own event
            continue
        cut = cuts.get(clause)
        if cut is None and _coordinated_dated_act(doc, m, clause, found):
            cut = cuts[clause] = m.span.start  # "التفجير في أ في مارس ...، والهجوم على ب في يونيو": two acts
        if cut is not None and m.span.start >= cut:
            by_clause.setdefault((cut, clause[1], "coordinated"), []).append(m)
            continue
        by_clause.setdefault(clause, []).append(m)
    for clause, cut in cuts.items():
        if clause in by_clause:  # the first act's phrase ends where the second opens: its place and toll are its own
            by_clause[(clause[0], cut)] = by_clause.pop(clause)
    _join_killing_to_its_cause(doc, by_clause)
    out: list[Candidate] = []
    pending = sorted(by_clause.items())
    while pending:
        key, triggers = pending.pop(0)
        clause = (key[0], key[1])
        folded = doc.folded(*clause)
        if _HYPOTHETICAL.search(folded) or _HABITUAL.search(folded) or _TOTAL.search(folded) or (
                key[2:] != ("control",) and _since_tally(doc, clause, folded)):
            continue
        triggers = [t for t in triggers if not _INTENDED.search(doc.folded(clause[0], t.span.start))
                    and not (_ACCUSED_OF.search(doc.folded(clause[0], t.span.start))
                             and not _accused_act_dated(doc, t, clause))
                    and not _SOON.match(doc.folded(t.span.end, clause[1]))]
        if any(not t.attrs.get("kill_only") and not t.attrs.get("property") for t in triggers):
            triggers = [t for t in triggers if not t.attrs.get("kill_only")]  # the killing is that act's toll
        # (a house burnt and a baby killed with it, "أضرم مسلحون النار في منزل فقتلوا طفلا": the killing types the act)
        if any(not t.attrs.get("party") for t in triggers):
            # "اعتقال المتظاهرين", "أطلقوا النار على المحتجين": an agent noun next to another act names its party
            triggers = [t for t in triggers if not t.attrs.get("party")]
        sequels = [t for t in triggers if _SEQUEL.search(
            doc.folded(max(clause[0], t.span.start - RULES.window("sequel")), t.span.start))]
        if sequels and len(sequels) < len(triggers):
            # "لقصف بالبراميل ... بعد هجوم شنته المعارضة": the act after a word of sequence is an earlier one, which
            # must not type the act the clause reports (when the clause tells only that one, it is the act); it is
            # told from that word on, a mention of its own ("بدأ الجيش حملة على المتمردين ... عقب هجوم انتحاري").
            triggers = [t for t in triggers if t not in sequels]
            told = [t for t in sequels if not t.attrs.get("generic") or t.attrs.get("weapon") == "small_arms"]
            if told and key[2:] != ("sequel",):
                reach = max(clause[0], told[0].span.start - RULES.window("sequel"))
                word = _SEQUEL.search(doc.folded(reach, told[0].span.start))
                start = doc.orig_offset(reach, word.start()) if word else told[0].span.start
                pending.append(((start, clause[1], "sequel"), told))
                pending.sort(key=lambda item: item[0])
        if not triggers:
            continue
        if _PERIOD.search(folded) and all(plural_trigger(t) or t.attrs.get("kill_only") for t in triggers):
            continue
        if all(weak_word(doc, t) for t in triggers) and not any(
                c.value in ("kill", "injure") for c in doc.mentions_in(*clause, "cue")) and not any(
                t.attrs.get("territory") and takes_place(doc, t) for t in triggers) and not any(
                between_sides(doc, t) for t in triggers):
            continue  # a weak word ("يستعيد نشاطه") reports an event only with casualties, a place taken or two sides
        best = _best_trigger(triggers)
        cand = Candidate(
            triggers=[best] + [t for t in triggers if t is not best],
            clause=clause,
            sentence=doc.sentence_of(best.span.start),
            sentence_index=doc.sentence_index(best.span.start),
            event_type=best.attrs.get("event_type") or "",
            sub_event_type=best.attrs.get("sub_event_type") or "",
            count=max(int(t.attrs.get("count") or 1) for t in triggers),
        )
        cand.evidence["event_type"] = best.span
        cand.evidence["sub_event_type"] = best.span
        out.append(cand)
    return out


def weak_word(doc: Doc, t: Mention) -> bool:
    """Does the trigger report an act only with casualties, a place taken or two sides: a weak word (flag weak), or
    one weak in its definite form (flag weak_if_definite: "العمليات العسكرية التي تنفذها تركيا" names a campaign
    already known; "نفذت القوات عمليات عسكرية" tells a new act)? The last word of the trigger's words says it (an
    adjective agrees with its noun in definiteness)."""
    if t.attrs.get("weak"):
        return True
    return bool(t.attrs.get("weak_if_definite")) and definite(doc, t)


def definite(doc: Doc, t: Mention) -> bool:
    """Is the trigger's word definite ("الهجوم", "في الهجوم", "بالهجوم"): the act already told, referred back to?"""
    words = doc.folded(max(0, t.span.start - 3), t.span.end).split()
    return bool(words) and words[-1].startswith(("ال", "بال", "وال", "فال", "لل"))


def drop_untimed(cands: list[Candidate], doc: Doc) -> list[Candidate]:
    """The checks that need the article's time expressions (the pipeline reads dates only around the candidates
    find_candidates returns, so these run after it): a campaign told in the present or as continuing, with no date
    of its own ("تقود الولايات المتحدة تحالفا يشن ضربات جوية على داعش", "القصف المستمر"), and a killing dated only by a whole month ("قتل 1446
    شخصا ... في يونيو الماضي", that month's tally) are no occurrences."""
    out = []
    for c in cands:
        a, b = c.clause
        dated = any(a <= t.start < b for t in doc.times)
        # (a word of a kind never coded - "مبايعة", a truce - beside the campaign tells no act that keeps it:
        # "بررت العشائر مبايعة التنظيم بالقصف المستمر على مدنها")
        told = [t for t in c.triggers if not never_coded(t)] or c.triggers
        ongoing = not dated and all(
            _ONGOING.search(doc.folded(max(a, t.span.start - RULES.window("ongoing")), t.span.start))
            or _ONGOING_AFTER.search(doc.folded(t.span.end, min(b, t.span.end + RULES.window("ongoing_after"))))
            for t in told)
        tally = all(t.attrs.get("kill_only") for t in c.triggers) and _over_a_month(doc, c.anchor)
        if not (ongoing or tally):
            out.append(c)
    return out


#: The strategic developments rasd codes (rasd.events.build leaves every other kind out: policy, agreements, posture
#: changes): list coded_strategic of modality.yaml.
CODED_STRATEGIC = frozenset(load_rules("modality").words("coded_strategic"))


def never_coded(t: Mention) -> bool:
    """Is the trigger a strategic word of a kind never coded ("هدنة", "وقف إطلاق النار", "مبايعة")? It tells no act
    an event could be, so it keeps no framed or continuing act told."""
    return t.attrs.get("event_type") == "Strategic developments" and t.attrs.get("sub_event_type") not in \
        CODED_STRATEGIC
