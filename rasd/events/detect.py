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
from rasd.model import Mention, Span
from rasd.text.normalize import fold

# Folded cue words that make a clause hypothetical or generic rather than a report of something that happened.
# Habitual or generic statements ("ويقصف النظام بانتظام مناطق ..."): a pattern, not one occurrence.
_HABITUAL = re.compile(fold(r"(?:^|\s)(?:بانتظام|عاده|غالبا|دائما|باستمرار|كثيرا\s+ما|يوميا|بشكل\s+يومي|بين\s+الحين"
                             r"\s+والاخر)(?:\s|$|[,.])"))
_RELATIVE_BEFORE = re.compile(fold(r"(?:^|\s)(?:الذين|اللذين|اللتين|اللواتي|اللاتي)\s+(?:\S+\s+)?$"))
_ONGOING = re.compile(fold(r"(?:^|\s)[وف]?(?:يشن|تشن|يشنون|يشنها|تشنها|يواصل|تواصل|يواصلون|تتواصل|تستمر|يستمر|"
                           r"ينفذ|تنفذ|ينفذون)(?:\s+\S+)?\s*$"))
# Running totals ("وبهجمات اليوم يرتفع إجمالي عدد القتلى إلى 60 منذ 20 يوليو") are not one occurrence.
_TOTAL = re.compile(fold(r"(?:^|\s)(?:اجمالي|الاجمالي|باجمالي|حصيله\s+اجماليه|يرتفع\s+عدد|ليرتفع|ارتفع\s+عدد|منذ\s+بدء"
                          r"|منذ\s+بدايه|في\s+المجمل|منذ\s+(?:ال)?سيطر\S*|منذ\s+العام\s+الماضي|منذ\s+دخول\S*)(?:\s|$)"))
# "قد" before an imperfect verb is "may" ("قد يشن", "قد تتعرض"); before a perfect one ("قد قتلوا", "قد تم") it is
# "had": a past fact, often background.
_HYPOTHETICAL = re.compile(r"(?:^|\s)(?:محتمل\S*|المحتمل\S*|[وف]?قد\s+(?:ي\S+|ت(?!م(?:\s|$))\S*[^تا\s])|سوف|ستقوم|يخشى|تخوف\S*|احتمال\S*|لمنع|لتفادي)(?:\s|$)")
_HYPOTHETICAL = re.compile(fold(_HYPOTHETICAL.pattern))  # literals are matched against folded text
# A future or intended act governing the trigger ("قال إنه سيصعد هجماته", "تعتزم شن غارات"): no occurrence yet.
_INTENDED = re.compile(fold(r"(?:^|\s)[وف]?(?:س[يتن](?:صعد|شن|نفذ|واصل|ستهدف|هاجم|ضرب|قصف|رد|طلق|كثف|وسع)\S*"
                            r"|[يت](?:عتزم|نوي|خطط|توعد|هدد)\S*|توعد\S*|هدد\S*|ليصار\s+الي|ليتم|لكي|كي\s+يتم|بهدف"
                            r"|من\s+اجل|موعد(?:\s+تنظيم)?|[يت]حاول(?:ون|ان)?|[يت]هدف\s+الي|الهادفه\s+الي|مكلف\S*|(?:ال)?متهم\S*\s+ب\S*|[يت]تهم\S*\s+ب\S*|اتهم\S*\s+ب\S*"
                            r"|بتهمه|سلسله\s+من)(?:\s+\S+){0,2}\s*$"))
# "أنباء عن اقتحام الفلوجة قريبا", "الهجوم المرتقب على الموصل": an act still to come.
_SOON = re.compile(fold(r"^\s*(?:\S+\s+){0,3}?(?:قريبا|وشيك|الوشيك|المرتقب|المرتقبه|المنتظر|المنتظره|المزمع|المزمعه)"
                        r"(?=\s|$|[,.،])"))
# A period that makes a plural trigger a tally over days or weeks ("قتلوا في هجمات خلال الشهر الماضي", "تصاعدت
# الهجمات منذ منتصف يوليو"): ACLED codes the dated acts inside it, not the tally.
_PERIOD = re.compile(fold(r"(?:^|\s)(?:خلال|طوال|على\s+مدى|على\s+مدار)\s+(?:ال)?(?:شهر|اسبوع|اسابيع|اشهر|ايام|"
                          r"شهرين|اسبوعين|عام|اعوام|سنوات|سنه|اسابيع|فتره)\S*\s+(?:ال)?(?:ماضي|ماضيه|اخير|اخيره|"
                          r"منصرم|منصرمه|حالي|جاري|قليله|عديده)(?:\s|$|[,.])|(?:^|\s)منذ\s+(?:مطلع|منتصف|اواخر|اوائل|"
                          r"بدايه|نهايه|مطلع)(?:\s|$)|(?:^|\s)(?:حتي\s+الان|حتي\s+اللحظه|لحد\s+الان|الي\s+الان)(?:\s|$|[,.])"))


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
    modality: str | None = None
    modality_span: Span | None = None
    background_span: Span | None = None
    same_day_more: bool = False  # "كما تمكن ... من قتل": more victims of the act told just before
    when: When | None = None
    weapons: list[Mention] = field(default_factory=list)
    weapon: Mention | None = None
    another: bool = False  # "هجوم آخر": another act than the one told before


def _best_trigger(triggers: list[Mention]) -> Mention:
    return min(triggers, key=lambda t: precedence(t.attrs.get("sub_event_type") or ""))


_WEAPON_SUBS = {"Remote explosive/landmine/IED", "Shelling/artillery/missile attack", "Suicide bomb", "Grenade"}
# Words before a weapon noun that make it an object handled, not a weapon used.
_SEIZED = re.compile(fold(r"(?:ضبط|ضبطت|مصادره|صادرت|العثور|عثر|عثرت|تخزين|مخزن|مخازن|معمل|ورشه|تصنيع|شحنه|تهريب)\S*"
                          r"(?:\s+\S+){0,4}\s*$"))
_DEFUSED = re.compile(fold(r"(?:تفكيك|فكك|فككت|ابطال|ابطلت|تفجير\s+مسيطر|تدمير|دمرت|احباط|احبطت)\S*(?:\s+\S+){0,3}\s*$"))


_PARTICIPATION = re.compile(fold(r"(?:^|\s)[وبل]?(?:ال)?مشارك(?:ه|ته|تها|تهم)\s+(?:\S+\s+)?(?:في|ب)\s*(?:ال)?$"))
_SITE_OF = re.compile(fold(r"(?:^|\s)[وفبل]?(?:موقع|مكان|مسرح|ساحه)\s+(?:ال)?$"))
_CEASEFIRE = re.compile(fold(r"(?:^|\s)[وفبل]?(?:ل)?وقف[اه]?\s*(?:ل|ال)?$"))


def _weapon_context(doc: Doc, t: Mention) -> Mention | None:
    """A bomb or rocket that was seized is no event (None); one defused is Disrupted weapons use."""
    if t.attrs.get("sub_event_type") not in _WEAPON_SUBS:
        return t
    before = doc.folded(max(0, t.span.start - 45), t.span.start)
    before = re.split(r"[.;:!?]", before)[-1]
    if _DEFUSED.search(before):
        attrs = dict(t.attrs, event_type="Strategic developments", sub_event_type="Disrupted weapons use")
        return Mention(t.kind, t.span, t.value, t.label, t.confidence, attrs)
    if _SEIZED.search(before):
        return None
    return t


def _plural(t: Mention) -> bool:
    """A sound feminine plural trigger noun ("هجمات", "غارات", "تفجيرات") or a counted one."""
    word = fold(t.span.text).split()[0]
    return word.endswith("ات") or int(t.attrs.get("count") or 1) > 1


# "فجر أحد مسلحي التنظيم أمس نفسه": the verb and its reflexive object with the subject between them.
_SELF_DETONATION = re.compile(r"(?<![^\s«(:\u0022])[وف]?(فجر|فجرت|فجروا)\s+(?:\S+\s+){1,5}?(?:نفسه|نفسها|انفسهم)(?=\s|$|[,.،])")
# "عثرت الشرطة على جثتي عنصرين من الصحوة": ACLED codes bodies found with marks of violence as an attack.
_BODIES_FOUND = re.compile(r"(?<![^\s«(:\u0022])[وف]?(عثر|عثرت|عثروا|العثور)\s+(?:\S+\s+){0,4}?علي\s+"
                           r"(?:جثه|جثث|جثتي|جثتين|جثمان|جثامين)(?=\s|$|[,.،])")
_BODIES_ATTRS = {"event_type": "Violence against civilians", "sub_event_type": "Attack", "count": 1,
                 "violent": True}
# "واستهدفت طائرات تركية ... ثلاثة مواقع لتنظيم داعش": a strike verb whose subject is an aircraft.
_AIR_SUBJECT = re.compile(fold(r"(?<![^\s«(:\u0022])[وف]?(استهدف|استهدفت|استهدفوا|ضربت|قصفت|اغارت|هاجمت|دمرت|شنت)\s+(?:ال)?"
                               r"(?:طائرات|طائرة|مقاتلات|مقاتلة|طيران|مروحيات|مروحية|قاذفات)(?=\s|$|[,.])"))
_AIR_ATTRS = {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike", "weapon": "airstrike",
              "count": 1, "violent": True}
# A definite trigger after a word of discussion names a topic, not an occurrence ("تناول بحث التظاهرات الشعبية").
_TOPIC = re.compile(fold(r"(?:^|\s)[وف]?(?:بحث|مناقشه|ناقش|ناقشت|ناقشوا|تناول|تناولت|بشان|حول|ملف|قضيه|ظاهره)\s*$"))
# "لم يقصف" / "لن يهاجم" / "لا تستهدف": a negated verb right before the trigger word.
_NEGATED = re.compile(fold(r"(?:^|\s)[وف]?(?:لم|لن|لا)\s+(?:[يت]\S*\s+)?$"))
# A masdar with the purpose lam ("لاستعادة", "لتحرير", "لشن هجوم"): the trigger's own word starts with ل.
_PURPOSE = re.compile(fold(r"(?:^|\s)(?:ل|ول|من\s+اجل\s+|بهدف\s+)$|(?:^|\s)[وف]?ل(?:شن|تنفيذ)\s+$"))
_PEOPLE_AFTER = re.compile(fold(
    r"^\s*(?:\S+\s+){0,2}?(?:(?:\d+|اثنين|ثلاثة|أربعة|خمسة|ستة|سبعة|ثمانية|تسعة|عشرة|عدد|بعض)\s+"
    r"(?:منهم|منهن|من\s+المختطفين|رهائن|مختطفين|أشخاص|مواطنين|أطفال|نساء)|جثث|جثة|رهائن|الرهائن|المختطفين|"
    r"الأسرى|أسرى)(?:\s|$)"))
# "في مواجهة اي مهاجمين", "لم يسجل اي هجوم": any attack at all is no particular one.
_ANY = re.compile(fold(r"(?:^|\s)[وفب]?(?:اي|ايه|أي|أية)\s*(?:ال)?$"))
_PURPOSE_WORDS = {fold(w) for w in ("استهداف", "مهاجمة", "مهاجمه", "اقتحام", "ضرب", "قصف", "اعتقال", "تحرير", "استعادة")}
# "أريحا التي تسيطر عليها فصائل المعارضة منذ 28 مايو": who holds a place, since when - the day it was taken.
_CONTROL_SINCE = re.compile(fold(r"(?<![^\s«(:\u0022])([يت]سيطر\s+علي(?:ها|ه))\s+(?:\S+\s+){1,5}?منذ\s+(?=\S)"))
_CONTROL_ATTRS = {"event_type": "Battles", "sub_event_type": "Non-state actor overtakes territory", "count": 1,
                  "territory": True, "violent": True}
# "أطلق مسلحون مجهولون أمس النار على شرطي": the shooting verb and its object with the subject between them.
_OPENED_FIRE = re.compile(fold(r"(?<![^\s«(:\u0022])[وف]?(اطلق|اطلقت|اطلقوا|فتح|فتحت|فتحوا)\s+(?:\S+\s+){1,5}?"
                               r"(?:النار|الرصاص|نيرانه|نيرانها|نيرانهم|نيران\s+اسلحتهم)(?=\s|$|[,.،])"))
_SHOOTING_ATTRS = {"event_type": "Battles", "sub_event_type": "Armed clash", "weapon": "small_arms", "count": 1,
                   "generic": True, "violent": True}
# "قتل مسلحون مجهولون أمس جنديين", "اغتال مسلحون مختار القرية": a killing told by its verb alone. It makes an
# event only in a clause with no other trigger (else it is that act's toll); how it was done is unknown, so it is
# generic, and its victims type it (soldiers: a clash; civilians: an attack on them).
_KILL_VERB = re.compile(fold(r"(?<![^\s«(:\u0022])[وف]?(قتل|قتلت|قتلوا|قتلا|اغتال|اغتالت|اغتالوا|اغتيل|اغتيلت)"
                             r"(?=\s|$|[,.،])"))
# "لا يتورعون عن قتل", "حالات قتل", "تجنبوا قتل الأبرياء": the masdar of a crime talked about, not a report.
_KILL_TALK = re.compile(fold(r"(?:^|\s)(?:عن|حالات|حاله|اعمال|جرائم|جريمه|تجنب\S*|تتجنب\S*|يتجنب\S*|بتهمه|تهمه|يبرر|تبرير|"
                             r"يحرم|تحريم|حرمه|يجوز|فتوي|فتاوي|ثقافه|مشاهد)\s*$"))
# "قتلت 3042 منهم خلال 10 أشهر": a tally over months or years.
_LONG_PERIOD = re.compile(fold(r"(?:خلال|في|طوال|علي\s+مدي)\s+(?:(?:\S+\s+|ال)?(?:اشهر|شهرا|شهور|اعوام|سنوات|عاما|اسابيع)|"
                               r"هذه\s+الفتره|تلك\s+الفتره|الفتره\s+(?:ذاتها|نفسها|الماضيه))"))
# "وقتل أكثر من 40 ألف شخص في الصراع": the toll of a whole war, no single event's.
WHOLE_WAR = re.compile(fold(r"(?:في|خلال|منذ)\s+(?:بدء\s+|بدايه\s+|اندلاع\s+)?(?:الصراع|النزاع|الحرب|الازمه|الثوره|"
                            r"عام\s+\d{4}|العام\s+\d{4})"))
# "أرفع ضابط قتل منذ مقتل اللواء X": a killing dated by another, in a comparison; not a report.
_SINCE_AFTER = re.compile(fold(r"^\s*منذ\s"))
def _over_a_month(doc: Doc, m: Mention) -> bool:
    """"قتل 1446 شخصا ... في يونيو الماضي": a killing dated only by a whole month is that month's tally."""
    a, b = doc.sentence_of(m.span.start)
    spans = [(t.date_end - t.date_start).days for t in doc.times if a <= t.start < b and t.date_end is not None]
    return bool(spans) and min(spans) >= 27  # (a day named in the sentence dates the killing itself)


_KILL_ATTRS = {"event_type": "Battles", "sub_event_type": "Armed clash", "count": 1, "generic": True,
               "violent": True, "kill_only": True}
_SUICIDE_ATTRS = {"event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb",
                  "weapon": "suicide_vest", "count": 1, "violent": True}


# Pattern, trigger id, label, confidence, attributes, whether a dictionary trigger inside the span takes precedence.
_SPLIT = (
    (_SELF_DETONATION, "suicide_bombing", "suicide bombing", 0.8, _SUICIDE_ATTRS, True),
    (_AIR_SUBJECT, "airstrike", "air strike", 0.8, _AIR_ATTRS, True),
    (_CONTROL_SINCE, "control_since", "holds since", 0.7, _CONTROL_ATTRS, False),
    (_BODIES_FOUND, "bodies_found", "bodies found", 0.7, _BODIES_ATTRS, False),
    (_OPENED_FIRE, "shooting", "shooting", 0.8, _SHOOTING_ATTRS, True),
    (_KILL_VERB, "killing", "killing", 0.5, _KILL_ATTRS, True),
)


def _split_triggers(doc: Doc) -> list[Mention]:
    """Triggers the dictionary cannot see because other words stand inside them. The span runs from the first
    group's start to the match end (or to the group's end for "تسيطر عليها ... منذ", whose date lies outside)."""
    out = []
    for rx, value, label, confidence, attrs, yields in _SPLIT:
        for m in rx.finditer(doc.norm.text):
            span_end = m.end(1) if value == "control_since" else m.end()
            start, end = doc.norm.to_original(m.start(1), span_end)
            if yields and any(t.kind == "trigger" and t.span.start < end and start < t.span.end
                              for t in doc.mentions_in(start, end)):
                continue
            out.append(Mention("trigger", Span.of(doc.text, start, end), value, label, confidence, dict(attrs)))
    return out


_SITE_NOUNS = {fold(w) for w in ("جامعة", "حي", "مدينة", "قرية", "بلدة", "منطقة", "مطار", "قاعدة", "جسر", "مصفاة",
                                 "معبر", "ناحية", "قضاء", "مناطق", "قرى", "أحياء", "مبنى", "سد", "حقل", "تلة", "جبل")}


def _takes_place(doc: Doc, t: Mention) -> bool:
    """A territory word with the place taken right after it ("تحرير جامعة الانبار", "استعادة بلدة X")."""
    tail = doc.folded(t.span.end, min(len(doc.text), t.span.end + 30)).split()
    if tail and tail[0].lstrip("و") in _SITE_NOUNS:
        return True
    nxt = next((m for m in doc.mentions_in(t.span.end, t.span.end + 30, "place")), None)
    return nxt is not None and not doc.text[t.span.end:nxt.span.start].strip(" ال")


def find_candidates(doc: Doc) -> list[Candidate]:
    """One candidate per clause holding at least one trigger, skipping hypothetical clauses."""
    by_clause: dict[tuple, list[Mention]] = {}
    for m in sorted(doc.mentions + _split_triggers(doc), key=lambda m: m.span.start):
        if m.kind != "trigger":
            continue
        m = _weapon_context(doc, m)
        if m is None:
            continue
        if m.attrs.get("kill_only"):
            after = doc.folded(m.span.end, max(m.span.end, doc.clause_of(m.span.start)[1]))
            talk = _KILL_TALK.search(doc.folded(max(0, m.span.start - 20), m.span.start))
            if talk or WHOLE_WAR.search(after) or _SINCE_AFTER.match(after) or _LONG_PERIOD.search(after):
                continue
        if _PARTICIPATION.search(doc.folded(max(0, m.span.start - 24), m.span.start)):
            continue  # "تمديد مشاركتها في غارات التحالف": a policy on taking part, not an act
        if _SITE_OF.search(doc.folded(max(0, m.span.start - 14), m.span.start)):
            continue  # "في موقع الانفجار", "مكان الهجوم": the place of an act already told, not another act
        if _CEASEFIRE.search(doc.folded(max(0, m.span.start - 12), m.span.start)):
            continue  # "وقف اطلاق النار" is a ceasefire, not a shooting
        before = doc.folded(max(0, m.span.start - 16), m.span.start)
        if _NEGATED.search(before) or _ANY.search(before):
            continue  # "لم يقصف الجيش": the text says it did not happen
        if m.attrs.get("territory") and _PEOPLE_AFTER.match(doc.folded(m.span.end, min(len(doc.text), m.span.end + 20))):
            continue  # "استعادت ثلاثة منهم": people brought back, not ground taken
        if _PURPOSE.search(before) and (m.attrs.get("territory") or fold(m.span.text).split()[0] in _PURPOSE_WORDS):
            continue  # "عملية عسكرية لاستعادة جامعة الانبار": what an operation is for, not what it did
        if before.endswith("ال") and _TOPIC.search(before[:-2]):
            continue  # "بحث التظاهرات": a topic of talks, not a report of one (the span leaves ال outside)
        clause = doc.clause_of(m.span.start)
        rel = _RELATIVE_BEFORE.search(doc.folded(max(clause[0], m.span.start - 20), m.span.start))
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
        by_clause.setdefault(clause, []).append(m)
    out: list[Candidate] = []
    for key, triggers in sorted(by_clause.items()):
        clause = (key[0], key[1])
        folded = doc.folded(*clause)
        if _HYPOTHETICAL.search(folded) or _HABITUAL.search(folded) or _TOTAL.search(folded):
            continue
        triggers = [t for t in triggers if not _INTENDED.search(doc.folded(clause[0], t.span.start))
                    and not _SOON.match(doc.folded(t.span.end, clause[1]))]
        if any(not t.attrs.get("kill_only") for t in triggers):
            triggers = [t for t in triggers if not t.attrs.get("kill_only")]  # the killing is that act's toll
        if not triggers:
            continue
        if _PERIOD.search(folded) and all(_plural(t) or t.attrs.get("kill_only") for t in triggers):
            continue
        if all(t.attrs.get("weak") for t in triggers) and not any(
                c.value in ("kill", "injure") for c in doc.mentions_in(*clause, "cue")) and not any(
                t.attrs.get("territory") and _takes_place(doc, t) for t in triggers):
            continue  # a weak word ("يستعيد نشاطه") reports an event only with casualties or a place taken
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


def drop_untimed(cands: list[Candidate], doc: Doc) -> list[Candidate]:
    """The checks that need the article's time expressions (the pipeline reads dates only around the candidates
    find_candidates returns, so these run after it): a campaign told in the present with no date of its own
    ("تقود الولايات المتحدة تحالفا يشن ضربات جوية على داعش") and a killing dated only by a whole month ("قتل 1446
    شخصا ... في يونيو الماضي", that month's tally) are no occurrences."""
    out = []
    for c in cands:
        a, b = c.clause
        dated = any(a <= t.start < b for t in doc.times)
        ongoing = not dated and all(_ONGOING.search(doc.folded(max(a, t.span.start - 25), t.span.start))
                                    for t in c.triggers)
        tally = all(t.attrs.get("kill_only") for t in c.triggers) and _over_a_month(doc, c.anchor)
        if not (ongoing or tally):
            out.append(c)
    return out
