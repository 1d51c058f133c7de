"""Who did what to whom, and how many were killed and wounded.

Arabic news puts the agent before a verbal trigger ("نفذ داعش هجوما"), after a passive marker ("قصف شنه داعش",
"من قبل داعش") or as the subject of a light verb ("قامت ايران باطلاق"); the target follows على / ضد / مع /
استهدف. Casualties follow a kill or injure cue ("بمقتل ضابط وجرح اربعة آخرين"). ACLED counts every death in the
event, attackers included, and takes the lowest figure reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from rasd.events.context import Doc
from rasd.events.detect import WHOLE_WAR, Candidate
from rasd.model import Mention, Span
from rasd.text.normalize import fold

_TARGET_MARKERS = tuple(fold(w) for w in ("على", "ضد", "مع", "استهدف", "استهدفت", "باتجاه", "نحو", "تستهدف", "يستهدف", "طالت", "طال"))
_AGENT_MARKERS = tuple(fold(w) for w in ("من قبل", "شنه", "شنته", "شنها", "شنتها", "نفذه", "نفذها", "نفذته", "نفذتها", "تبناه", "تبنته",
                  "يشنها", "تشنها", "اطلقه", "اطلقها", "اطلقته", "اطلقتها", "قام به", "قامت به", "قام بها", "قامت بها",
                  "نسب الى", "نسب إلى", "نسبت الى", "نسبت إلى", "المنسوب الى", "المنسوب إلى", "تبناه", "تبنته",
                  "اعلن مسؤوليته", "اعلنت مسؤوليتها"))
_AFFILIATION = re.compile(fold(r"(?:^|\s)(?:ينتمون|ينتمي|تنتمي|المنتمين|المنتمون|المنتمي|التابعين|التابعون|التابع)"
                                r"\s*(?:الي|ل|لل)?\s*(?:ما\s+يسمي\s+)?(?:ال)?(?:تنظيم|جماعه|حركه|جبهه)?\s*[\"«]?\s*$"))
def _affiliated(doc: Doc, m: Mention, agent: ActorRef) -> bool:
    """The doer named just before, then "ينتمون إلى" and this group, with nothing else between."""
    if agent.span.end > m.span.start:
        return False
    between = doc.folded(agent.span.end, m.span.start)
    return bool(_AFFILIATION.search(between)) and len(between.split()) <= 5 and not re.search(r"[.,،;:]", between)


_NUMBER_ONE = re.compile(r"^(?:[وف]?(?:احد|احدي|واحد)\s)")
_NUMBER_ONE = re.compile(fold(_NUMBER_ONE.pattern))  # literals are matched against folded text
_PREPOSITIONS = ("في", "علي", "الي", "من", "عن", "مع", "ضد", "قرب", "داخل", "ب", "ل")


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor resolved for one event: KB actor plus the span that named it."""

    actor_id: str
    name: str
    inter: str
    iso3: str | None
    span: Span


@lru_cache(maxsize=1)
def victim_nouns() -> dict[str, str]:
    """Folded victim noun -> "state" | "armed" | "civilian" (rasd/events/data/victims.yaml)."""
    data = yaml.safe_load(resources.files("rasd.events").joinpath("data/victims.yaml").read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for kind, words in data.items():
        for w in words:
            out[fold(w)] = kind
    return out


def _tail(doc: Doc, start: int, width: int = 24) -> str:
    """Folded text just before `start`, stripped (to test for markers)."""
    return doc.folded(max(0, start - width), start).strip()


def _ends_with_marker(text: str, markers: tuple[str, ...]) -> bool:
    return any(text == m or text.endswith(" " + m) or text.endswith(m) and len(m) > 2 for m in markers)


def actor_ref(m: Mention, kb, home_iso3: str | None) -> ActorRef | None:
    """Turn an actor mention into the actor it names; generic agents take the article's home country."""
    iso3 = m.attrs.get("iso3")
    agent = m.attrs.get("agent")
    actor = None
    if m.attrs.get("generic") and agent:
        iso3 = iso3 or home_iso3
        if not iso3:
            return None
        try:
            actor = kb.actor_for(agent, iso3)
        except Exception:  # noqa: BLE001 - no such agent/country: the mention names no usable actor
            return None
    else:
        actor = kb.actors.get(m.value) if m.value else None
    if actor is None:
        return None
    return ActorRef(actor.id, actor.name, actor.inter, actor.iso3 or iso3, m.span)


def country_actor(iso3: str, span: Span, kb) -> ActorRef | None:
    """A country named as the doer ("قامت ايران باطلاق") stands for its military forces."""
    try:
        actor = kb.actor_for("military", iso3)
    except Exception:  # noqa: BLE001
        return None
    return ActorRef(actor.id, actor.name, actor.inter, iso3, span)


def _is_victim(doc: Doc, m: Mention, depth: int = 0) -> bool:
    """An actor named as the people hit ("اثنين من افراد قوات الامن قتلا", "مقتل جندي من الجيش")."""
    if depth < 3 and doc.text[max(0, m.span.start - 2):m.span.start].strip() == "و":
        # "ثلاثة عناصر من الجيش والشرطة": a conjunct shares the role of the actor it is joined to.
        prev = [p for p in doc.mentions_in(max(0, m.span.start - 40), m.span.start, "actor")
                if 0 <= m.span.start - p.span.end <= 3]
        if prev:
            return _is_victim(doc, prev[-1], depth + 1)
    start = m.span.start
    for q in doc.quantities:
        if q.start < start <= q.end + 1 and q.start < m.span.start:
            start = q.start  # "قتل ستة اشخاص": the verb governs the counted phrase, number first
    before = _tail(doc, start, 30)
    if re.search(r"(?:^|\s)(?:من|بين|بينهم|بينهما|بينهن|منهم|منهما)\s*(?:افراد|عناصر|منتسبي|صفوف|جنود|ضباط|رجال)?$", before):
        return True
    last = before.split()[-1:] if before else []
    if last and last[0].lstrip("وفب") in _KILL_VERBS | _KILL_NOUNS:
        # "قتل جندي تركي", "بمقتل ضابط" - unless an object follows: "قتل مسلحون مجهولون أمس جنديين" (the actor is
        # the subject of an active verb).
        return not (last[0].lstrip("وفب") in _KILL_VERBS and _object_follows(doc, m))
    # For counted people the verb may come a few words on ("سبعة اشخاص على الاقل، بينهم شرطيان، اصيبوا").
    counted = any(q.start <= m.span.start < q.end or m.span.start <= q.start < m.span.end for q in doc.quantities)
    tail = re.split(r"[.!?؟;:]", doc.folded(m.span.end, min(len(doc.text), m.span.end + 50)))[0]
    after = tail.split()[:6 if counted else 2]
    verb = next((w for w in after if w.strip(",،").lstrip("و") in _KILL_VERBS), None)
    if verb is None:
        return False
    # "X قتلا" is passive (X were killed); "X قتلت 23 عنصرا" is active (X killed 23): a number right after the verb.
    verb_end = _orig_offset(doc, m.span.end, tail.index(verb) + len(verb))
    return not any(verb_end <= q.start <= verb_end + 18 for q in doc.quantities)


_TIME_WORDS = {fold(w) for w in ("أمس", "امس", "اليوم", "الليلة", "الليله", "مساء", "صباح", "فجر", "ليل", "ظهر",
                                  "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")}


def _words_between(doc: Doc, start: int, end: int) -> list[str]:
    """The folded words in [start, end) outside actor mentions and time words ("مسلحون مجهولون أمس" -> [])."""
    pieces, pos = [], start
    for m in doc.mentions_in(start, end, "actor"):
        if m.span.start >= pos:
            pieces.append(doc.folded(pos, m.span.start))
            pos = m.span.end
    pieces.append(doc.folded(pos, end))
    return [w for w in " ".join(pieces).split() if w.lstrip("و") not in _TIME_WORDS]


def _object_follows(doc: Doc, m: Mention) -> bool:
    """A counted or victim object right after the actor (time words aside): the actor is the doer."""
    limit = min(len(doc.text), m.span.end + 40)
    for q in doc.quantities:
        if m.span.end <= q.start < limit and not _words_between(doc, m.span.end, q.start):
            return True
    rest = _words_between(doc, m.span.end, limit)
    if not rest:
        return False
    if _victim_kind(rest[0]) is not None or _TITLE_RE.match(rest[0].strip(",،")):
        return True  # "... جنديين", "... الشيخ X"
    person = next(iter(doc.mentions_in(m.span.end, limit, "person")), None)
    return person is not None and not _words_between(doc, m.span.end, person.span.start)


_KILL_NOUNS = {fold(w) for w in ("مقتل", "اصابة", "جرح", "مصرع", "استشهاد", "اختطاف", "خطف", "اعتقال")}
_KILL_VERBS = {fold(w) for w in ("قتل", "قتلا", "قتلوا", "قتلت", "اصيب", "اصيبوا", "اصيبا", "جرح", "جرحوا", "لقي",
                                 "لقوا", "سقطوا", "استشهد", "استشهدوا", "اصيبت")}


_CONTROLLED_BY = re.compile(fold(r"(?:سيطره|لسيطره|قبضه|نفوذ|[يت]سيطر\s+علي(?:ها|ه|هما)?|الخاضعه\s+ل|الخاضع\s+ل|"
                                 r"معقل|معاقل)\s*$"))
_OBJECT_MASDAR = {fold(w) for w in ("اعتقال", "اختطاف", "خطف", "استهداف", "اغتيال", "مهاجمة", "تصفية", "اعدام",
                                     "محاصرة", "ملاحقة", "القبض")}


def _right_after(doc: Doc, cand: Candidate, m: Mention) -> bool:
    """The actor follows the trigger with nothing but space between, and the trigger is not a noun that takes an
    object ("اعتقال 41 عنصرا", "استهداف داعش")."""
    trig = cand.anchor.span
    if doc.text[trig.end:m.span.start].strip():
        return False
    word = fold(trig.text).split()[0]
    word = word[1:] if word[:1] in "وفب" and len(word) > 3 else word
    return not (word.startswith("ال") or word in _OBJECT_MASDAR)


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
    for m in doc.mentions_in(a, b, "actor"):
        if exclude and exclude[0] <= m.span.start < exclude[1]:
            continue  # "نقلت وكالة الأناضول عن الفريق في الشرطة الاتحادية": the source, not a party
        before = _tail(doc, m.span.start)
        if _CONTROLLED_BY.search(before) and cand.anchor.value != "control_since":
            continue  # "حي ... الواقع تحت سيطرة المعارضة": who holds the place, not a party to the act
        ref = actor_ref(m, kb, home_iso3)
        if ref is None:
            continue
        if scored and _affiliated(doc, m, scored[-1][2]):
            # "شنه متطرفون ينتمون إلى تنظيم أنصار بيت المقدس": the group the doers belong to is the doer.
            scored.append((0, -2, ref))
        elif _ends_with_marker(before, _AGENT_MARKERS) or trig.start < m.span.start < trig.end:
            # after "نفذه" / "من قبل", or the subject inside a split trigger ("فجر احد مسلحي داعش نفسه")
            scored.append((0, abs(trig.start - m.span.start), ref))
        elif m.span.start >= trig.end and _right_after(doc, cand, m) and not _is_victim(doc, m):
            # Verb-subject order or a construct noun: "اختطف مجهولون ...", "قصف داعش", "هجوم داعش".
            scored.append((0, m.span.start - trig.end, ref))
        elif _ends_with_marker(before, _TARGET_MARKERS) or _is_victim(doc, m):
            targets.append(ref)
        elif m.span.start < trig.start:
            scored.append((1 + int(ref.name.startswith("Unidentified")), trig.start - m.span.end, ref))
        else:
            targets.append(ref)
    # A nationality on the trigger itself names the doer: "ضربة جوية أمريكية", "غارات تركية".
    for m in doc.mentions_in(trig.end, min(b, trig.end + 16), "nationality"):
        if not doc.text[trig.end:m.span.start].strip(" ") or len(doc.text[trig.end:m.span.start].split()) <= 1:
            ref = country_actor(m.value, m.span, kb)
            if ref is not None:
                scored.append((0, -1, ref))
            break
    scored.sort(key=lambda x: (x[0], x[1]))
    agents = [r for _, _, r in scored]
    if not agents:
        between = [r for r in targets if _ends_with_marker(_tail(doc, r.span.start, 12), ("بين",))]
        if between:
            # "اشتباكات بين القوات العراقية ... وتنظيم الدولة": the first side named is actor 1.
            agents = [between[0]]
            # The other side is named after the first ("بين قوات الامن والمقاتلين الاكراد"), before any victims
            # counted earlier in the clause ("قتل ستة اشخاص في اشتباكات بين ...").
            rest = [t for t in targets if t.actor_id != between[0].actor_id]
            targets = [t for t in rest if t.span.start > between[0].span.start] + [
                t for t in rest if t.span.start < between[0].span.start]
            side = re.search(r"من\s+جهه(?!\s+اخري)", doc.folded(a, b))
            if side and targets:
                # "بين A و B من جهة، و C من جهة أخرى": B is with A; C is the other side.
                cut = _orig_offset(doc, a, side.end())
                later = [t for t in targets if t.span.start >= cut]
                targets = later + [t for t in targets if t.span.start < cut]
    if not agents:
        # A country (or its capital) named as subject of the clause: "قامت ايران باطلاق صواريخ", "بدأت انقرة".
        for m in doc.mentions_in(a, trig.start, "place"):
            try:
                place = kb.gazetteer.get(m.value)
            except Exception:  # noqa: BLE001
                continue
            if place.kind != "country" and place.feature != "PPLC":
                continue
            before = _tail(doc, m.span.start, 12)
            if before.split()[-1:] and before.split()[-1] in _PREPOSITIONS:
                continue
            if doc.text[m.span.start - 1:m.span.start] == "و" or before.endswith(" و"):
                continue  # "على الحدود مع العراق وسوريا": a conjunct of an object, not the subject
            ref = country_actor(place.iso3, m.span, kb)
            if ref:
                agents.append(ref)
        # A nationality adjective on the trigger itself: "الضربة الجوية الاميركية" (not on its target:
        # "صواريخ على قاعدة عسكرية عراقية").
        for m in doc.mentions_in(trig.end, min(b, trig.end + 25), "nationality"):
            if agents or len(doc.text[trig.end:m.span.start].split()) > 1:
                break
            ref = country_actor(m.value, m.span, kb)
            if ref:
                agents.append(ref)
                break
    relative_head = None
    if not agents and re.match(r"^\W*(?:الذي|التي|الذين|اللذين|اللتين)\s", doc.folded(a, b)):
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
    return agents, targets


@dataclass(frozen=True, slots=True)
class Toll:
    """A casualty figure tied to its evidence; `key` identifies the counted people (one figure, one count)."""

    value: int
    span: Span
    victim: str | None  # "state" | "armed" | "civilian" | None
    key: tuple[int, int] = (0, 0)


def _victim_kind(folded_words: str) -> str | None:
    nouns = victim_nouns()
    words = folded_words.split()
    for n in (2, 1):
        for i in range(len(words) - n + 1):
            w = " ".join(words[i:i + n])
            for form in (w, w[2:] if w.startswith("ال") else w, w[1:] if w[:1] in "وبل" else w):
                if form in nouns:
                    return nouns[form]
    return None


_TITLE_RE = re.compile(r"^[وب]?(?:ال)?(?:جنرال|قائد|نائب|رئيس|مدير|مسؤول|امر|معاون|مساعد|شيخ|عميد|لواء|عقيد|"
                       r"مقدم|رائد|نقيب|ملازم|زعيم|مستشار|وزير|عضو|محافظ|قيادي|امير|والي|مفتي|الشيخ)ا?$")
# (the final alif: an indefinite accusative object, "قتلت الغارة قياديا بالتنظيم")
_TITLE_RE = re.compile(fold(_TITLE_RE.pattern))  # literals are matched against folded text


_ANOTHER_ONE = re.compile(r"^\s*(?:\S+\s+){0,2}?و(?:اخر|اخري)(?=\s|$|[,.])")
_CONJOINED_TITLE_RE = re.compile(fold(r"\sو(?:ال)?(?:نائب|قائد|رئيس|مدير|مسؤول|امر|معاون|مساعد|الشيخ|شيخ|العميد|اللواء"
                               r"|العقيد|الجنرال|زعيم|مستشار|وزير|عضو|محافظ|ضابط)"))


def _orig_offset(doc: Doc, start: int, folded_len: int) -> int:
    """The original offset reached after `folded_len` folded characters from `start`."""
    pos = start
    while pos < len(doc.text) and len(doc.folded(start, pos)) < folded_len:
        pos += 1
    return pos


def _count_conjoined(doc: Doc, start: int, end: int) -> int:
    """Number of people named one after the other with و ("الجنرال ... ونائب رئيس ...")."""
    persons = [m for m in doc.mentions_in(start, end, "person")]
    if len(persons) >= 2:
        return len(persons)
    folded = doc.folded(start, end)
    return 1 + len(_CONJOINED_TITLE_RE.findall(folded))


def _cue_between(doc: Doc, start: int, end: int, cue: Mention) -> bool:
    return any(c is not cue and c.value in ("kill", "injure") for c in doc.mentions_in(start, end, "cue"))


def _quantity_after(doc: Doc, cue: Mention, end: int):
    """The number right after a cue ("قتل 23 عنصرا", "وجرح اربعة آخرين"), if no other cue stands between."""
    window_end = min(end, cue.span.end + 90)
    for q in doc.quantities:
        if q.start < cue.span.end or q.start >= window_end:
            continue
        if (doc.folded(cue.span.end, q.start).count(" ") > 3 and len(_words_between(doc, cue.span.end, q.start)) > 1
                or _cue_between(doc, cue.span.end, q.start, cue)):
            return None  # (the subject and a time word may stand between: "قتل مسلحون مجهولون أمس جنديين")
        return q
    return None


def _quantity_before(doc: Doc, cue: Mention, start: int):
    """The number of a passive subject ("اثنين من افراد قوات الامن قتلا", "جنديا قتل")."""
    best = None
    for q in doc.quantities:
        if q.end > cue.span.start or q.end < max(start, cue.span.start - 60):
            continue
        gap = doc.folded(q.end, cue.span.start)
        if gap.count(" ") > 6 or re.search(r"[.;:!?,]", gap) or _cue_between(doc, q.end, cue.span.start, cue):
            continue
        best = q
    return best


def _victim_before(doc: Doc, cue: Mention, start: int) -> tuple[int, int, str] | None:
    """A singular victim noun right before a kill/injure verb: (start, end, victim kind)."""
    before = doc.text[max(start, cue.span.start - 20):cue.span.start]
    words = before.split()
    if not words:
        return None
    last = words[-1]
    folded = fold(last).strip(",.;:")
    kind = _victim_kind(folded)
    if kind is None or _is_plural_victim(folded) or folded.endswith(("ين", "ان")):
        return None
    pos = doc.text.rfind(last, max(start, cue.span.start - 20), cue.span.start)
    return (pos, pos + len(last), kind) if pos >= 0 else None


def _conjoined_tolls(doc: Doc, cue: Mention, first, end: int) -> list[Toll]:
    """More counted victims of the same verb: "قتل 4 ضباط برتب عميد وعقيد، و12 عنصرا آخر" (4 + 12)."""
    out, prev = [], first
    for q in doc.quantities:
        if q.start <= prev.end or q.start >= end:
            continue
        gap = doc.folded(prev.end, q.start)
        if not gap.rstrip().endswith("و") or len(gap.split()) > 6 or re.search(r"[.;:!?]", gap) or _cue_between(
                doc, prev.end, q.start, cue):
            break
        kind = (_victim_kind(q.noun) if q.noun else None) or _victim_kind(doc.folded(q.start, min(end, q.end + 25)))
        if kind is None:
            break  # "و3 آليات": only people count
        out.append(Toll(int(q.value), doc.span(q.start, q.end), kind, (q.start, q.end)))
        prev = q
    return out


_KILLING_TRIGGERS = {"execution", "assassination"}
#: Counted nouns that are never people: units of time, distance, money, weapons and inhabitants of a place.
_NOT_PEOPLE = {fold(w) for w in ("دقيقة", "ساعة", "يوم", "أسبوع", "شهر", "سنة", "عام", "كيلومتر", "كلم", "متر", "دولار",
                                 "دينار", "ليرة", "نسمة", "قذيفة", "صاروخ", "غارة", "طن", "برميل", "سيارة", "آلية")}
_RANKS = re.compile(fold(r"^[وب]?(?:ال)?(?:جنرال|عميد|لواء|عقيد|مقدم|رائد|نقيب|ملازم|امر|ضابط|عريف|رقيب)ا?$"))
_CIVIL_TITLES = re.compile(fold(r"^[وب]?(?:ال)?(?:شيخ|مفتي|امام|خطيب|وزير|محافظ|نائب|مستشار|عضو|قاضي|مختار)ا?$"))


def _title_kind(head: str, cue: Mention) -> str | None:
    """Who a titled victim is: an officer is the state's; a cleric, minister or governor a civilian (ACLED: unarmed
    officials); a leader or an emir of unknown side is left to the actors. One put to death is a civilian."""
    if cue.value in ("execution",) or _CIVIL_TITLES.match(head):
        return "civilian"
    if _RANKS.match(head):
        return "state"
    return "civilian" if not _TITLE_RE.match(head) else None


def _past_subject(doc: Doc, cue: Mention, end: int) -> int:
    """Where a kill verb's object starts: after the doer and any time words when the verb comes first and an
    object follows ("أعدم تنظيم داعش أمس الشيخ X"), else right after the verb ("قتل جندي": the passive subject)."""
    for m in doc.mentions_in(cue.span.end, min(end, cue.span.end + 40), "actor"):
        if doc.text[cue.span.end:m.span.start].strip() or not _object_follows(doc, m):
            break
        pos = m.span.end
        words = re.finditer(r"\S+", doc.text[pos:end])
        for w in words:
            if fold(w.group()).strip(",،").lstrip("و") not in _TIME_WORDS:
                break
            pos = m.span.end + w.end()
        return pos
    return cue.span.end


def _person_before(doc: Doc, cue: Mention, start: int) -> Mention | None:
    """A person's name ending right before a kill verb (only spaces or an opening quote between)."""
    for m in doc.mentions_in(max(start, cue.span.start - 40), cue.span.start, "person"):
        if re.fullmatch(r"[\s«\"']*", doc.text[m.span.end:cue.span.start]):
            return m
    return None

def find_tolls(doc: Doc, start: int, end: int, cue_category: str) -> list[Toll]:
    """Casualty figures of each kill (or injure) cue in [start, end): after the cue, else before it. A toll of a
    whole war ("وقتل أكثر من 40 ألف شخص في الصراع") belongs to no single event."""
    out: list[Toll] = []
    for cue in doc.mentions_in(start, end, "cue", "trigger"):
        if cue.value != cue_category and not (cue_category == "kill" and cue.value in _KILLING_TRIGGERS):
            continue  # (an execution or an assassination is a killing: "أعدم التنظيم الشيخ X")
        if WHOLE_WAR.search(re.split(r"[.!?؟;]", doc.folded(cue.span.start, min(len(doc.text), cue.span.end + 60)))[0]):
            continue
        window_end = min(end, cue.span.end + 90)
        # "عشرات الجرحى": the cue is the counted noun of its own quantity (not "اثنين وجرح", a conjunction).
        qty = next((q for q in doc.quantities if q.start < cue.span.start < q.end
                    and doc.text[cue.span.start - 1] != "و"), None) or _quantity_after(doc, cue, end)
        if qty is not None and qty.noun in _NOT_PEOPLE:
            continue  # "نحو عشر دقائق", "100 ألف نسمة": minutes and inhabitants are no toll
        if qty is not None:
            kind = _victim_kind(qty.noun) if qty.noun else None
            kind = kind or _victim_kind(doc.folded(qty.start, min(end, qty.end + 25)))
            value, end_at = int(qty.value), qty.end
            another = _ANOTHER_ONE.search(doc.folded(qty.end, min(window_end, qty.end + 25))) if value == 1 else None
            if another:
                value, end_at = 2, _orig_offset(doc, qty.end, another.end())
            out.append(Toll(value, doc.span(cue.span.start, end_at), kind, (qty.start, qty.end)))
            out.extend(_conjoined_tolls(doc, cue, qty, window_end + 60))
            continue
        obj = _past_subject(doc, cue, window_end)  # "أعدم تنظيم داعش أمس الشيخ X": the object after the doer
        raw_after = doc.folded(obj, window_end)
        after = raw_after.strip()
        lead = len(raw_after) - len(raw_after.lstrip())  # folded offsets into `after` start this far on
        first = " ".join(after.split()[:3])
        kind = _victim_kind(first) if after else None
        if after and after.split()[0].strip(",.") in ("اخر", "اخري"):
            # "مقتل شرطي وجرح آخر": one more person.
            one = doc.span(cue.span.start, _orig_offset(doc, obj, len(after.split()[0]) + 1))
            out.append(Toll(1, one, None, (obj, one.end)))
            continue
        if after and (_NUMBER_ONE.match(after + " ") or (kind is not None and not _is_plural_victim(first))):
            # "بمقتل ضابط", "قتل احد المسلحين": one person.
            one = doc.span(cue.span.start, min(window_end, _orig_offset(doc, obj, lead + len(first.split()[0]))))
            another = _ANOTHER_ONE.search(doc.folded(one.end, min(window_end, one.end + 25)))
            if another:
                # "قتل جندي تركي وآخر من تنظيم داعش": and one more.
                one = doc.span(cue.span.start, _orig_offset(doc, one.end, another.end()))
            out.append(Toll(2 if another else 1, one, kind, (obj, one.end)))
            continue
        qty = _quantity_before(doc, cue, start)
        if qty is not None and qty.noun not in _NOT_PEOPLE:
            kind = (_victim_kind(qty.noun) if qty.noun else None) or _victim_kind(doc.folded(qty.start, cue.span.start))
            out.append(Toll(int(qty.value), doc.span(qty.start, cue.span.end), kind, (qty.start, qty.end)))
            continue
        noun = _victim_before(doc, cue, start)
        if noun is not None:
            # "شخصا قتل", "جنديا قتل": one person, named just before a passive verb.
            out.append(Toll(1, doc.span(noun[0], cue.span.end), noun[2], (noun[0], noun[1])))
            continue
        person = _person_before(doc, cue, start)
        if person is not None and not after.split()[:1] == ["علي"]:
            # "بأن مخلوف «قتل جراء استهدافه": the person named right before a verb with no object was killed.
            out.append(Toll(1, doc.span(person.span.start, cue.span.end), None, (person.span.start, person.span.end)))
            continue
        if not after:
            continue
        stop = re.search(r"[,.;:!?]|\s(?:في|خلال|اثناء|جراء|بعد|اثر|عند)\s", after)
        stop_at = stop.start() if stop else len(after)
        limit = min(end, _orig_offset(doc, obj, lead + stop_at))
        people = [m for m in doc.mentions_in(obj, limit + 1, "person")]
        head = after.split()[0]
        if people or _TITLE_RE.match(head):
            # "مقتل الجنرال X ونائب رئيس Y": count the people named.
            n = _count_conjoined(doc, obj, limit)
            last = people[-1].span.end if people else limit
            out.append(Toll(n, doc.span(cue.span.start, max(last, limit)), _title_kind(head, cue),
                            (obj, max(last, limit))))
    return out


_NONE_REPORTED = re.compile(fold(
    r"(?:لم\s+(?:ترد|يرد|تسفر|يسفر|تقع|يقع|تسجل|يسجل|يتم\s+تسجيل|تذكر|يذكر|تعلن|يعلن|تتحدث|يبلغ\s+عن)"
    r"(?:\s+\S+){0,3}?\s+(?:عن\s+)?|دون\s+(?:ان\s+(?:يسفر|تسفر)\s+عن\s+)?(?:وقوع\s+|سقوط\s+|تسجيل\s+|(?:ورود\s+)?(?:انباء|تقارير)\s+عن\s+)?|"
    r"بلا\s+|لا\s+(?:توجد|يوجد)\s+)(?:سقوط\s+|وقوع\s+)?(?:اي\s+)?"
    r"(?P<what>قتلي\s+(?:او|و)\s*جرحي|قتلي\s+(?:او|و)\s*اصابات|ضحايا|خسائر\s+بشريه|اصابات|قتلي|جرحي|مصابين)"))


def none_reported(doc: Doc, start: int, end: int) -> tuple[Span | None, Span | None]:
    """Spans saying nobody was killed / hurt ("ولم ترد تقارير عن سقوط قتلى أو جرحى", "دون وقوع إصابات"): ACLED
    then codes 0 from the text rather than from silence. Returns (no deaths, no injured)."""
    m = _NONE_REPORTED.search(doc.folded(start, end))
    if m is None:
        return None, None
    span = doc.span(_orig_offset(doc, start, m.start()), _orig_offset(doc, start, m.end()))
    what = m.group("what")
    deaths = span if what.startswith(("قتلي", "ضحايا", "خسائر", "اصابات")) else None
    hurt = span if not what == "قتلي" else None
    return deaths, hurt


def _is_plural_victim(words: str) -> bool:
    """Plural victim nouns with no number ("قتل مدنيين") give no figure (ACLED: unknown is 0, not a guess)."""
    w = words.split()[0] if words else ""
    w = w[2:] if w.startswith("ال") else w
    return w.endswith(("ين", "ون")) and not w.endswith(("يين",)) or w in {fold(x) for x in ("جنود", "اشخاص", "اطفال",
                                                                                            "نساء", "عناصر", "ضباط")}


def total(tolls: list[Toll], doc: Doc) -> tuple[int | None, Span | None]:
    """ACLED: all deaths in the event, each reported group counted once (the lowest when the same is repeated)."""
    if not tolls:
        return None, None
    seen: dict[tuple[int, int], Toll] = {}
    figures: set[tuple[int, str | None]] = set()
    for t in tolls:
        if t.value > 1 and (t.value, t.victim) in figures:
            continue  # "قتل 18 شخصا ... ما تسبب بمقتل 18 شخصا": the same figure told twice
        figures.add((t.value, t.victim))
        seen.setdefault(t.key if t.key != (0, 0) else (t.span.start, t.span.end), t)
    value = sum(t.value for t in seen.values())
    spans = sorted(seen.values(), key=lambda t: t.span.start)
    return value, doc.span(spans[0].span.start, max(t.span.end for t in spans))
