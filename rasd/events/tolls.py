"""How many were killed and wounded, with the words that say so.

Casualties follow a kill or injure cue ("بمقتل ضابط وجرح اربعة آخرين"), come before a passive verb ("جنديا قتل"),
or follow the doer when the verb comes first ("أعدم تنظيم داعش أمس الشيخ X"). ACLED counts every death in the
event, attackers included, and takes the lowest figure reported; an unstated toll is 0 only when the text says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from rasd.doc import Doc
from rasd.events.detect import WHOLE_WAR
from rasd.kb.lexicon import sound_plurals
from rasd.kb.rules import load_rules
from rasd.model import Mention, Span
from rasd.text.normalize import fold
from rasd.text.segment import tokenize

RULES = load_rules("tolls")

_NUMBER_ONE = RULES["number_one"]
_OBJECT_END = RULES["object_end"]
#: The endings of a noun that is already an inflected or feminine form (list victim_inflected: no ending is added to
#: it).
_NO_MORE_ENDINGS = tuple(RULES.words("victim_inflected"))

@lru_cache(maxsize=1)
def victim_nouns() -> dict[str, str]:
    """Folded victim noun -> "state" | "armed" | "civilian" (rasd/events/data/victims.yaml)."""
    data = yaml.safe_load(resources.files("rasd.events").joinpath("data/victims.yaml").read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for kind, words in data.items():
        for w in words:
            out[fold(w)] = kind
    # The word forms of a listed single-word noun that news writes as often as the listed one: the indefinite
    # accusative, the dual and the sound plural ("طبيب" -> "طبيبا", "طبيبين"; "صياد" -> "صيادين"). The list keeps
    # the forms that are another word ("طالبان" is the Taliban, not two students).
    not_forms = {fold(w) for w in RULES.words("victim_not_forms")}
    for noun, kind in list(out.items()):
        if " " in noun or len(noun) < 3 or noun.endswith(_NO_MORE_ENDINGS):
            continue
        plurals = [f for f in sound_plurals(noun) if f.endswith(("ون", "ين", "ان"))]  # (not the construct forms)
        for form in [noun + "ا", *plurals]:
            if form not in out and form not in not_forms:
                out[form] = kind
    return out


TIME_WORDS = frozenset(RULES.words("time_words"))


def words_between(doc: Doc, start: int, end: int) -> list[str]:
    """The folded words in [start, end) outside actor mentions and time words ("مسلحون مجهولون أمس" -> [])."""
    pieces, pos = [], start
    for m in doc.mentions_in(start, end, "actor"):
        if m.span.start >= pos:
            pieces.append(doc.folded(pos, m.span.start))
            pos = m.span.end
    pieces.append(doc.folded(pos, end))
    return [w for w in " ".join(pieces).split() if w.lstrip("و") not in TIME_WORDS]


_PARTICLES = frozenset(RULES.words("particles"))


def object_follows(doc: Doc, m: Mention) -> bool:
    """A counted or victim object right after the actor (time words aside): the actor is the doer."""
    limit = min(len(doc.text), m.span.end + 40)
    for q in doc.quantities:
        if m.span.end <= q.start < limit and not words_between(doc, m.span.end, q.start):
            return True
    rest = words_between(doc, m.span.end, limit)
    if not rest:
        return False
    if victim_kind(rest[0]) is not None or TITLE_RE.match(rest[0].strip(",،")):
        return True  # "... جنديين", "... الشيخ X"
    if rest[0] in _PARTICLES or rest[0].startswith(("بال", "لل", "وال", "فال")) or not rest[0].isalpha():
        return False  # "قتل جنود عراقيين في هجوم": a phrase goes on, no name follows (and no NER is asked for)
    person = next(iter(doc.mentions_in(m.span.end, limit, "person")), None)
    return person is not None and not words_between(doc, m.span.end, person.span.start)


@dataclass(frozen=True, slots=True)
class Toll:
    """A casualty figure tied to its evidence; `key` identifies the counted people (one figure, one count)."""

    value: int
    span: Span
    victim: str | None  # "state" | "armed" | "civilian" | None
    key: tuple[int, int] = (0, 0)


def victim_kind(folded_words: str) -> str | None:
    nouns = victim_nouns()
    words = folded_words.split()
    for n in (2, 1):
        for i in range(len(words) - n + 1):
            w = " ".join(words[i:i + n])
            bare = w[1:] if w[:1] in "وبلف" else w
            # (a proclitic before the article: "والمصلين", "بالمدنيين")
            for form in (w, w[2:] if w.startswith("ال") else w, bare, bare[2:] if bare.startswith("ال") else bare):
                if form in nouns:
                    return nouns[form]
                if n == 1 and _construct_plural(form):
                    return nouns[form + "ن"]  # a plural in construct ("سائقي الشاحنات"): its -ين plural
    return None


TITLE_RE = RULES["title"]
# (the final alif: an indefinite accusative object, "قتلت الغارة قياديا بالتنظيم")


_ANOTHER_ONE = RULES["another_one"]
_CONJOINED_TITLE_RE = RULES["conjoined_title"]
_CONJOINED_PERSON = RULES["conjoined_person"]
_WOUNDED_NOUNS = frozenset(RULES.words("wounded_nouns"))
_SUBSET_WORDS = frozenset(RULES.words("subset_words"))


def starts_with_and(text: str) -> bool:
    """Does the first word carry the conjunction و as a clitic ("وجنديين", "وسبعة"; not "واحدة")?"""
    first = next(iter(tokenize(text)), None)
    return first is not None and first.proclitics[:1] == ("و",)



def _count_conjoined(doc: Doc, start: int, end: int) -> int:
    """Number of people named one after the other with و ("الجنرال ... ونائب رئيس ...")."""
    persons = [m for m in doc.mentions_in(start, end, "person")]
    if len(persons) >= 2:
        return len(persons)
    folded = doc.folded(start, end)
    return 1 + len(_CONJOINED_TITLE_RE.findall(folded))


_DUAL_PRONOUN = RULES["dual_pronoun"]
_PERIOD_TOLL = RULES["period_toll"]
_RISEN_TOTAL = RULES["risen_total"]
#: A relative clause after the toll ("جراء الهجوم الذي ... الأسوأ خلال العام الجاري") dates its own noun, not the toll.
_RELATIVE = RULES["relative_clause"]


def _word_end(doc: Doc, pos: int) -> int:
    """The end of the word `pos` lies in (a cue's span may stop before its pronoun suffix: مصرع|هما)."""
    m = re.match(r"\S*", doc.text[pos:])
    return pos + (m.end() if m else 0)


def _cue_between(doc: Doc, start: int, end: int, cue: Mention) -> bool:
    return any(c is not cue and c.value in ("kill", "injure") for c in doc.mentions_in(start, end, "cue"))


def _quantity_after(doc: Doc, cue: Mention, end: int):
    """The number right after a cue ("قتل 23 عنصرا", "وجرح اربعة آخرين"), if no other cue stands between."""
    window_end = min(end, cue.span.end + 90)
    for q in doc.quantities:
        if q.start < cue.span.end or q.start >= window_end:
            continue
        if (doc.folded(cue.span.end, q.start).count(" ") > 3 and len(words_between(doc, cue.span.end, q.start)) > 1
                or _cue_between(doc, cue.span.end, q.start, cue)):
            return None  # (the subject and a time word may stand between: "قتل مسلحون مجهولون أمس جنديين")
        return q
    return None


_DOER_NOUNS = frozenset(fold(w) for w in RULES.words("doer_nouns"))


def _count_after_doer(doc: Doc, cue: Mention, end: int):
    """The counted object of an active kill verb whose doer comes first ("قتل انتحاري يعتقد أنه من التنظيم 14
    شخصا": list doer_nouns), in the same sentence part and with no other kill or injure word between."""
    doer = re.match(r"\s*(\S+)", doc.folded(cue.span.end, min(end, cue.span.end + 30)))
    if doer is None or doer.group(1) not in _DOER_NOUNS:
        return None
    after = doc.orig_offset(cue.span.end, doer.end())
    for q in doc.quantities:
        if q.start < after or q.start >= min(end, cue.span.end + 90):
            continue  # (the doer noun is a quantity of its own: one gunman)
        if re.search(r"[.;:!?؟,]", doc.folded(after, q.start)) or _cue_between(doc, after, q.start, cue):
            return None
        return q if q.noun and q.noun not in _NOT_PEOPLE and victim_kind(q.noun) is not None else None
    return None


_OTHERS_AFTER = RULES["others_after"]


def _killed_and_hurt(doc: Doc, cue: Mention, qty) -> bool:
    """An injure word joined by و right after a bare kill word, the count after both ("مقتل وإصابة 35 مدنيا", "قتل
    وجرح أربعة أشخاص"): one count of dead and wounded together (ACLED: casualties, no figure of either), unless
    the count says they are others than the dead (rule others_after: "قتل جندي وجرح اثنان آخران")."""
    before = doc.folded(max(0, cue.span.start - 12), cue.span.start)
    if not any(c.value == "kill" and doc.folded(c.span.end, cue.span.start).strip() in ("", "و")
               for c in doc.mentions_in(max(0, cue.span.start - 12), cue.span.start, "cue", "trigger")):
        return False
    if not before.rstrip().endswith("و") and not doc.folded(cue.span.start, cue.span.end).startswith("و"):
        return False
    return not _OTHERS_AFTER.match(doc.folded(qty.start, min(len(doc.text), qty.end + RULES.window("others_after"))))


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


_PLURAL_VERB = RULES["plural_verb"]


def _plural_subject(doc: Doc, cue: Mention, start: int) -> list | None:
    """The counted subject of a plural passive verb, across an apposition (rule plural_verb): "أربعة عناصر من حرس
    الحدود، كانوا في دورية ليلية، قتلوا" = 4. The verb agrees with people counted before it in its sentence
    part; the nearest such figure with no other kill or injure word between is its subject, unless it counts a part
    of the people before it ("تسعة أشخاص، بينهم ثلاثة أطفال، أصيبوا" = 9). Returns the figures of the subject, first
    to last: figures joined by و are one subject ("12 جنديا و7 مسلحين ... قتلوا")."""
    if not _PLURAL_VERB.search(doc.folded(cue.span.start, _word_end(doc, cue.span.end))):
        return None
    best = None
    for q in doc.quantities:
        if q.end > cue.span.start or q.start < max(start, cue.span.start - RULES.window("plural_verb")):
            continue
        if re.search(r"[.;:!?؟]", doc.folded(q.end, cue.span.start)) or _cue_between(doc, q.end, cue.span.start, cue):
            continue
        if _SUBSET_WORDS.intersection(doc.folded(max(start, q.start - 12), q.start).split()):
            continue  # "تسعة أشخاص، بينهم ثلاثة أطفال، أصيبوا": the subject is the whole, not the part
        if q.noun and q.noun not in _NOT_PEOPLE and victim_kind(q.noun) is not None:
            best = q
    if best is None:
        return None
    chain = [best]
    for q in sorted(doc.quantities, key=lambda x: -x.start):
        if q.end > chain[0].start or q.start < max(start, cue.span.start - RULES.window("plural_verb")):
            continue
        gap = doc.folded(q.end, chain[0].start)
        joined = gap.rstrip().endswith("و") or starts_with_and(doc.text[chain[0].start:chain[0].end])
        if not joined or len(gap.split()) > 6 or re.search(r"[.;:!?؟]", gap) or not q.noun or victim_kind(q.noun) is None:
            break
        chain.insert(0, q)
    return chain


_VICTIM_ADJECTIVE = RULES["victim_adjective"]


def _victim_before(doc: Doc, cue: Mention, start: int) -> tuple[int, int, str] | None:
    """A singular victim noun right before a kill/injure verb: (start, end, victim kind)."""
    before = doc.text[max(start, cue.span.start - 30):cue.span.start]
    words = before.split()
    if not words:
        return None
    last = words[-1]
    folded = fold(last).strip(",.;:")
    kind = victim_kind(folded)
    if kind is None and len(words) >= 2 and _VICTIM_ADJECTIVE.match(folded):
        # "إن شرطيا عراقيا قتل": the indefinite noun before its adjective of origin is the one killed
        noun = fold(words[-2]).strip(",.;:")
        if not noun.startswith(("ال", "وال")) and victim_kind(noun) is not None:
            last, folded, kind = words[-2], noun, victim_kind(noun)
    if kind is None or _is_plural_victim(folded) or folded.endswith(("ين", "ان")):
        return None
    pos = doc.text.rfind(last, max(start, cue.span.start - 30), cue.span.start)
    return (pos, pos + len(last), kind) if pos >= 0 else None


def _dual_joined_before(doc: Doc, cue: Mention, noun_start: int, start: int) -> int | None:
    """Where a dual in construct starts when it is joined by و to the singular victim noun at `noun_start` that a
    plural verb follows ("رجلي أمن ومواطنا أصيبوا": rule plural_verb, table dual_construct_genitives)."""
    if not _PLURAL_VERB.search(doc.folded(cue.span.start, _word_end(doc, cue.span.end))) or not starts_with_and(
            doc.text[noun_start:cue.span.start]):
        return None
    before = list(re.finditer(r"\S+", doc.text[max(start, noun_start - 40):noun_start]))[-2:]
    if len(before) < 2 or not _construct_dual(fold(" ".join(w.group() for w in before))):
        return None
    return max(start, noun_start - 40) + before[0].start()


def _conjoined_tolls(doc: Doc, cue: Mention, first, end: int) -> list[Toll]:
    """More counted victims of the same verb: "قتل 4 ضباط برتب عميد وعقيد، و12 عنصرا آخر" (4 + 12), "مقتل ضابط
    وجنديين" (1 + 2, the و a clitic of the dual), "مقتل 5 عناصر من حزب الله وضابط إيراني" (5 + 1, a singular
    person noun after و). The wounded are not the killed: "قتيلان وعدة جرحى" stays 2."""
    out, prev_end = [], first.end
    for q in doc.quantities:
        if q.start < prev_end or q.start >= end:
            continue
        gap = doc.folded(prev_end, q.start)
        if not (gap.rstrip().endswith("و") or starts_with_and(doc.text[q.start:q.end])) or len(
                gap.split()) > 6 or re.search(r"[.;:!?]", gap) or _cue_between(doc, prev_end, q.start, cue):
            break
        if _SUBSET_WORDS.intersection(gap.split()):
            break  # "مقتل 9 أشخاص بينهم رئيس المجلس وخمسة أطفال": those are among the nine
        if q.noun in _WOUNDED_NOUNS:
            break  # "قتيلان وعدة جرحى": the wounded, not more dead
        if any(True for _ in doc.mentions_in(prev_end, q.start, "place")):
            break  # "ثلاثة شهداء بقرية الموزرة، وخمسة شهداء بقرية أرنبة": each figure has its own place and event
        kind = (victim_kind(q.noun) if q.noun else None) or victim_kind(doc.folded(q.start, min(end, q.end + 25)))
        if kind is None:
            break  # "و3 آليات": only people count
        out.append(Toll(int(q.value), doc.span(q.start, q.end), kind, (q.start, q.end)))
        prev_end = q.end
    one_more = _CONJOINED_PERSON.match(doc.folded(prev_end, min(end, prev_end + RULES.window("conjoined_person"))))
    if one_more is not None and _SUBSET_WORDS.intersection(one_more.group().split()):
        one_more = None  # "2700 شخص ما بين رجل وامرأة": the kinds of the counted, not one more
    if one_more is not None and one_more.group("accusative") and not isinstance(first, Span):
        one_more = None  # "قتل 9 جنود وشرطيا": the nine are soldiers and policemen
    if one_more is not None and not any(prev_end <= q.start < prev_end + one_more.end() for q in doc.quantities):
        # "وضابط إيراني": one more person, named by a singular noun
        stop = doc.orig_offset(prev_end, one_more.end())
        out.append(Toll(1, doc.span(doc.orig_offset(prev_end, one_more.start("noun")), stop),
                        victim_kind(one_more.group("noun")), (prev_end, stop)))
    return out


_COMPANIONS = RULES["companions"]


def _companions(doc: Doc, start: int, end: int):
    """The count of those killed "with N others" in [start, end) ("قتل مع ثلاثة مقاتلين آخرين": rule companions),
    the one they were killed with not among them; None when there is none."""
    for q in doc.quantities:
        if not start <= q.start < end:
            continue
        before = doc.folded(start, q.start).split()[-2:]
        if "مع" in before and before[-1:] != ["و"] and _COMPANIONS.match(
                doc.folded(q.start, min(len(doc.text), q.end + RULES.window("companions")))):
            return q
    return None


_KILLING_TRIGGERS = {"execution", "assassination"}
#: Counted nouns that are never people: units of time, distance, money, weapons and inhabitants of a place.
_NOT_PEOPLE = frozenset(RULES.words("not_people"))
_PLURAL_VICTIMS = frozenset(RULES.words("plural_victims"))
_RANKS = RULES["ranks"]
_CIVIL_TITLES = RULES["civil_titles"]


def _title_kind(head: str, cue: Mention) -> str | None:
    """Who a titled victim is: an officer is the state's; a cleric, minister or governor a civilian (ACLED: unarmed
    officials); a leader or an emir of unknown side is left to the actors. One put to death is a civilian."""
    if cue.value in ("execution",) or _CIVIL_TITLES.match(head):
        return "civilian"
    if _RANKS.match(head):
        return "state"
    return "civilian" if not TITLE_RE.match(head) else None


def _past_subject(doc: Doc, cue: Mention, end: int) -> int:
    """Where a kill verb's object starts: after the doer and any time words when the verb comes first and an
    object follows ("أعدم تنظيم داعش أمس الشيخ X"), else right after the verb ("قتل جندي": the passive subject)."""
    for m in doc.mentions_in(cue.span.end, min(end, cue.span.end + 40), "actor"):
        if doc.text[cue.span.end:m.span.start].strip() or not object_follows(doc, m):
            break
        pos = m.span.end
        words = re.finditer(r"\S+", doc.text[pos:end])
        for w in words:
            if fold(w.group()).strip(",،").lstrip("و") not in TIME_WORDS:
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

def _count_of(doc: Doc, cue: Mention, end: int):
    """The quantity a kill or injure cue counts, first found of: the quantity the cue stands in ("عشرات الجرحى":
    the cue is its counted noun, not "اثنين وجرح", a conjunction; "قتيلان": a dual, its own count), a dual cue with
    its conjunction ("وقتيلين": its own count, not the conjunction of a figure before it), the object counted after
    a doer noun ("قتل انتحاري ... 32 شخصا"), the number right after the cue."""
    inside = next((q for q in doc.quantities if (q.start < cue.span.start or q.kind == "dual" and q.start == cue.span.start)
                   and cue.span.start < q.end and doc.text[cue.span.start - 1] != "و"), None)
    if inside is not None:
        return inside
    dual = next((q for q in doc.quantities if q.kind == "dual" and q.start <= cue.span.start and cue.span.end <= q.end
                 and doc.text[q.start:cue.span.start] == "و"), None)
    return dual or _count_after_doer(doc, cue, end) or _quantity_after(doc, cue, end)


def find_tolls(doc: Doc, start: int, end: int, cue_category: str) -> list[Toll]:
    """Casualty figures of each kill (or injure) cue in [start, end): after the cue, else before it. A toll of a
    whole war ("وقتل أكثر من 40 ألف شخص في الصراع") belongs to no single event."""
    out: list[Toll] = []
    for cue in doc.mentions_in(start, end, "cue", "trigger"):
        if cue.value != cue_category and not (cue_category == "kill" and cue.value in _KILLING_TRIGGERS):
            continue  # (an execution or an assassination is a killing: "أعدم التنظيم الشيخ X")
        if WHOLE_WAR.search(re.split(r"[.!?؟;]", doc.folded(cue.span.start, min(len(doc.text), cue.span.end + 60)))[0]):
            continue
        if _PERIOD_TOLL.search(_RELATIVE.split(re.split(r"[.!?؟;]", doc.folded(
                cue.span.start, min(len(doc.text), cue.span.end + RULES.window("period_toll"))))[0])[0]):
            continue  # "قتلوا وجرح 400 آخرون خلال أسبوعين من الغارات": a period's running total, no one event's
        window_end = min(end, cue.span.end + 90)
        qty = _count_of(doc, cue, end)
        if qty is not None and qty.noun in _NOT_PEOPLE:
            continue  # "نحو عشر دقائق", "100 ألف نسمة": minutes and inhabitants are no toll
        if qty is not None and cue.value == "injure" and qty.kind == "exact" and qty.start >= cue.span.end and (
                _killed_and_hurt(doc, cue, qty)):
            continue  # "مقتل وإصابة 35 مدنيا": the dead and the wounded together, neither count on its own
        if qty is not None and _RISEN_TOTAL.search(re.split(r"[.!?؟;،,]", doc.folded(
                max(0, qty.start - RULES.window("risen_total")), qty.start))[-1]):
            continue  # "ليرتفع عدد القتلى منذ 20 يوليو إلى 21": the period's total the figure rose to
        if qty is not None and cue.value == "kill" and qty.noun in _WOUNDED_NOUNS and doc.folded(
                cue.span.end, qty.start).strip():
            qty = None  # "قتلى وعدة جرحى": the number counts the wounded ("مقتل الجريحين": the two wounded died)
        if qty is not None:
            kind = victim_kind(qty.noun) if qty.noun else None
            kind = kind or victim_kind(doc.folded(qty.start, min(end, qty.end + 25)))
            value, end_at = int(qty.value), qty.end
            another = _ANOTHER_ONE.search(doc.folded(qty.end, min(window_end, qty.end + RULES.window("another_one")))) if value == 1 else None
            if another:
                value, end_at = 2, doc.orig_offset(qty.end, another.end())
            head = words_between(doc, cue.span.end, qty.start)
            if _companions(doc, cue.span.end, qty.end) is qty:
                value += 1  # "قتل مع ثلاثة مقاتلين آخرين": the three and the one killed with them
            elif len(head) == 1 and starts_with_and(doc.text[qty.start:qty.end]) and (
                    TITLE_RE.match(head[0]) or (victim_kind(head[0]) and not _is_plural_victim(head[0]))):
                # "مقتل الوالي وثلاثة من مساعديه": the one named before the counted ones is one more
                value += 1
            out.append(Toll(value, doc.span(cue.span.start, end_at), kind, (qty.start, qty.end)))
            out.extend(_conjoined_tolls(doc, cue, qty, window_end + 60))
            continue
        obj = _past_subject(doc, cue, window_end)  # "أعدم تنظيم داعش أمس الشيخ X": the object after the doer
        raw_after = doc.folded(obj, window_end)
        after = raw_after.strip()
        lead = len(raw_after) - len(raw_after.lstrip())  # folded offsets into `after` start this far on
        first = " ".join(after.split()[:3])
        kind = victim_kind(first) if after else None
        if kind is not None and after.split()[0] in _PARTICLES:
            # "ستة من رجال الجيش قتلوا في هجوم انتحاري": a phrase opens where the object would stand; the counted
            # subject before the verb is the toll, not the victim noun inside the phrase
            before = _quantity_before(doc, cue, start)
            if before is not None and before.noun not in _NOT_PEOPLE:
                kind = None
        if after and after.split()[0].strip(",.") in ("اخر", "اخري"):
            # "مقتل شرطي وجرح آخر": one more person.
            one = doc.span(cue.span.start, doc.orig_offset(obj, len(after.split()[0]) + 1))
            out.append(Toll(1, one, None, (obj, one.end)))
            continue
        if after and _oblique_dual(first):
            # "قتل شرطيين تركيين": the -ين of these nouns after a kill word is a dual in news, two people.
            two = doc.span(cue.span.start, min(window_end, doc.orig_offset(obj, lead + len(first.split()[0]))))
            out.append(Toll(2, two, kind, (obj, two.end)))
            continue
        if after and _construct_dual(first):
            # "أصيب رجلا شرطة واثنان من المدنيين": a dual in construct, two people, and those joined to it.
            two = doc.span(cue.span.start, min(window_end, doc.orig_offset(obj, lead + len(" ".join(first.split()[:2])))))
            # (whose they are is the noun it is joined to: "رجلا شرطة" are policemen)
            out.append(Toll(2, two, _DUAL_GENITIVES[first.split()[1].strip(",.،")], (obj, two.end)))
            out.extend(_conjoined_tolls(doc, cue, two, window_end + 60))
            continue
        if after and (_NUMBER_ONE.match(after + " ") or (kind is not None and victim_kind(first.split()[0]) is not None and not _is_plural_victim(first))):
            # "بمقتل ضابط", "قتل احد المسلحين": one person.
            one = doc.span(cue.span.start, min(window_end, doc.orig_offset(obj, lead + len(first.split()[0]))))
            another = _ANOTHER_ONE.search(doc.folded(one.end, min(window_end, one.end + RULES.window("another_one"))))
            if another:
                # "قتل جندي تركي وآخر من تنظيم داعش": and one more.
                one = doc.span(cue.span.start, doc.orig_offset(one.end, another.end()))
            out.append(Toll(2 if another else 1, one, kind, (obj, one.end)))
            if not another:
                out.extend(_conjoined_tolls(doc, cue, one, window_end))  # "يقتل شرطيا ومدنيا": one more
            continue
        qty = _quantity_before(doc, cue, start)
        plural = _plural_subject(doc, cue, start) if qty is None else None
        if plural is not None:
            # "12 جنديا من الجيش و7 مسلحين، قتلوا" = 19: the conjoined subjects of the plural verb
            first = plural[0]
            out.append(Toll(int(first.value), doc.span(first.start, cue.span.end), victim_kind(first.noun),
                            (first.start, first.end)))
            out.extend(_conjoined_tolls(doc, cue, first, cue.span.start))
            continue
        if qty is not None and qty.noun not in _NOT_PEOPLE:
            kind = (victim_kind(qty.noun) if qty.noun else None) or victim_kind(doc.folded(qty.start, cue.span.start))
            out.append(Toll(int(qty.value), doc.span(qty.start, cue.span.end), kind, (qty.start, qty.end)))
            continue
        if doc.folded(cue.span.start, cue.span.end).strip() in _SINGULAR_CUES:
            # "أدت إلى سقوط شهيد", "وقوع قتيل وجريحين": the cue is a singular person noun, one person (as a dual
            # cue is two).
            out.append(Toll(1, cue.span, None, (cue.span.start, cue.span.end)))
            continue
        met = _met_death(doc, cue, start)
        if met is not None:
            # "لقي الشاب X، وهو من أبناء المدينة، مصرعه": the pronoun on the death word counts the dead.
            out.append(met)
            continue
        noun = _victim_before(doc, cue, start)
        if noun is not None:
            # "شخصا قتل", "جنديا قتل": one person, named just before a passive verb; "لقي ضابط ومجند مصرعهما":
            # the dual pronoun on the death word says two.
            two = _DUAL_PRONOUN.search(doc.folded(cue.span.start, _word_end(doc, cue.span.end)))
            first = _dual_joined_before(doc, cue, noun[0], start)
            if first is not None:
                # "رجلي أمن ومواطنا أصيبوا": a dual in construct and the one joined to it, the plural verb's subject
                out.append(Toll(3, doc.span(first, cue.span.end), noun[2], (first, noun[1])))
                continue
            out.append(Toll(2 if two else 1, doc.span(noun[0], cue.span.end), noun[2], (noun[0], noun[1])))
            continue
        person = _person_before(doc, cue, start)
        if person is not None and not after.split()[:1] == ["علي"]:
            # "بأن مخلوف «قتل جراء استهدافه": the person named right before a verb with no object was killed.
            out.append(Toll(1, doc.span(person.span.start, cue.span.end), None, (person.span.start, person.span.end)))
            continue
        if not after:
            continue
        stop = _OBJECT_END.search(after)
        stop_at = stop.start() if stop else len(after)
        limit = min(end, doc.orig_offset(obj, lead + stop_at))
        people = [m for m in doc.mentions_in(obj, limit + 1, "person")]
        head = after.split()[0]
        if people or TITLE_RE.match(head):
            # "مقتل الجنرال X ونائب رئيس Y": count the people named.
            n = _count_conjoined(doc, obj, limit)
            last = people[-1].span.end if people else limit
            others = _companions(doc, obj, window_end)
            if others is not None and not _cue_between(doc, obj, others.start, cue):
                n, last = n + int(others.value), max(last, others.end)  # "القائد X مع 5 عناصر آخرين" = 6
            out.append(Toll(n, doc.span(cue.span.start, max(last, limit)), _title_kind(head, cue),
                            (obj, max(last, limit))))
            continue
        others = _companions(doc, obj, window_end)
        if others is not None and not _cue_between(doc, obj, others.start, cue):
            # "بقتلها أمس ذلك القائد مع 5 عناصر آخرين": the five and the one killed with them
            out.append(Toll(int(others.value) + 1, doc.span(cue.span.start, others.end), None, (others.start, others.end)))
    return out


_ANOTHER_ACT = RULES["another_act"]


def own_end(doc: Doc, anchor: Mention, end: int) -> int:
    """Where an act's own casualties stop being told in its clause [.., end): at a later trigger the text calls
    another act (rule another_act: "... غارة أخرى على قرية مجاورة أدت إلى مقتل ثلاثة"), else at `end`."""
    for t in doc.mentions_in(anchor.span.end, end, "trigger"):
        if t.span.start < anchor.span.end:
            continue
        words = doc.folded(t.span.end, min(end, t.span.end + RULES.window("another_act"))).split()[:3]
        if _ANOTHER_ACT.search(" ".join(words)) and not any(w[:1].isdigit() for w in words):
            return t.span.start
    return end


_RESULT_BEFORE_CAUSE = RULES["result_before_cause"]


def result_start(doc: Doc, clause: tuple[int, int], anchor: int, event_clauses: frozenset[tuple[int, int]]) -> int:
    """Where an act's casualties start being told: the start of the clause right before its own, in its sentence,
    when its clause opens with a word of cause followed at once by the act ("... مصرعهما وأصيب ثلاثة آخرون إثر
    انفجار عبوة": rule result_before_cause, the trigger at `anchor` within its window) and that clause counts dead
    or wounded but tells no act of its own (it is no event's clause); else the clause's own start."""
    if anchor - clause[0] > RULES.window("result_before_cause") or not _RESULT_BEFORE_CAUSE.match(
            doc.folded(*clause)):
        return clause[0]
    prev = next((k for k in doc.clauses if k[1] <= clause[0] and not doc.text[k[1]:clause[0]].strip()), None)
    if prev is None or doc.sentence_index(prev[0]) != doc.sentence_index(clause[0]):
        return clause[0]
    if any(a < prev[1] and prev[0] < b for a, b in event_clauses):
        return clause[0]  # (part of another act's clause)
    if not (find_tolls(doc, *prev, "kill") or find_tolls(doc, *prev, "injure")):
        return clause[0]  # "لتندلع إثر ذلك مواجهات": nothing counted before the cause
    return prev[0]


_MET_DEATH = RULES["met_death"]


def _met_death(doc: Doc, cue: Mention, start: int) -> Toll | None:
    """One or two people who "met their death" (rule met_death: "لقي ... مصرعه", "لقيا حتفهما"), however long the
    subject between the verb and the death word; the pronoun says how many. A plural (مصرعهم) says no number."""
    end = _word_end(doc, cue.span.end)
    begin = max(start, cue.span.start - RULES.window("met_death"))
    met = _MET_DEATH.search(doc.folded(begin, end))
    if met is None:
        return None
    subject = doc.folded(doc.orig_offset(begin, met.end("verb")), cue.span.start)
    return Toll(2 if met.group("pronoun") == "هما" else 1,
                doc.span(doc.orig_offset(begin, met.start("verb")), end), victim_kind(subject),
                (doc.orig_offset(begin, met.start("verb")), end))


_NONE_REPORTED = RULES["none_reported"]


def none_reported(doc: Doc, start: int, end: int) -> tuple[Span | None, Span | None]:
    """Spans saying nobody was killed / hurt ("ولم ترد تقارير عن سقوط قتلى أو جرحى", "دون وقوع إصابات"): ACLED
    then codes 0 from the text rather than from silence. Returns (no deaths, no injured)."""
    m = _NONE_REPORTED.search(doc.folded(start, end))
    if m is None:
        return None, None
    span = doc.span(doc.orig_offset(start, m.start()), doc.orig_offset(start, m.end()))
    what = m.group("what")
    deaths = span if what.startswith(("قتلي", "ضحايا", "خسائر", "اصابات")) else None
    hurt = span if not what == "قتلي" else None
    return deaths, hurt


_OBLIQUE_DUALS = frozenset(RULES.words("oblique_duals"))
_SINGULAR_CUES = frozenset(RULES.words("singular_cues"))


_DUAL_GENITIVES = {fold(k): v for k, v in RULES.table("dual_construct_genitives").items()}


def _construct_dual(words: str) -> bool:
    """A person noun's dual in construct, its ن dropped before the noun it is joined to ("رجلا شرطة", "ضابطي
    الأمن": table dual_construct_genitives), two people; not an accusative singular ("جنديا تركيا")."""
    parts = [w.strip(",.،") for w in words.split()[:2]]
    if len(parts) < 2 or parts[1] not in _DUAL_GENITIVES or parts[0][-1:] not in ("ا", "ي"):
        return False
    return victim_kind(parts[0][:-1]) is not None and parts[0][:-1] in victim_nouns()


def _oblique_dual(words: str) -> bool:
    """An indefinite -ين form the corpus reads as a dual after a kill word ("قتل شرطيين" = 2), not a plural."""
    w = words.split()[0].strip(",.،") if words else ""
    w = w[2:] if w.startswith("ال") else w  # "قتل الشرطيين": the two policemen
    return w.endswith("ين") and w[:-2] in _OBLIQUE_DUALS


def _is_plural_victim(words: str) -> bool:
    """Plural victim nouns with no number ("قتل مدنيين", "مقتل عسكريين") give no figure (ACLED: unknown is 0, not a
    guess). The nisba -يين plural is a plural too; its duals are numbers already (جنديين) or oblique duals."""
    w = words.split()[0] if words else ""
    w = w[2:] if w.startswith("ال") else w
    # (a broken plural in the accusative is a plural too: "قتل جنودا")
    return w.endswith(("ين", "ون")) or w in _PLURAL_VICTIMS or w.removesuffix("ا") in _PLURAL_VICTIMS \
        or _construct_plural(w)


def _construct_plural(word: str) -> bool:
    """A plural in construct, its -ين plural without the ن ("مقاتلي الحزب", "سائقي الشاحنات")."""
    return word.endswith("ي") and word + "ن" in victim_nouns()


_PART_END = RULES["figure_place_end"]


_PLACE_NOUN = RULES["figure_place_noun"]


def _figure_place(doc: Doc, toll: Toll, end: int) -> tuple[int, int] | None:
    """Where the place named after a figure in its own part of the clause lies ("وقتيلان بقرية بليون"): a
    known place, else the name after a place noun (rule figure_place_noun: a village the gazetteer lacks)."""
    after = max(toll.span.end, toll.key[1])
    part = doc.folded(after, end)
    stop = _PART_END.search(part)
    part_end = doc.orig_offset(after, stop.start()) if stop else end
    known = next(iter(doc.mentions_in(after, part_end, "place")), None)
    if known is not None:
        return known.span.start, known.span.end
    noun = _PLACE_NOUN.search(part[:stop.start()] if stop else part)
    return (doc.orig_offset(after, noun.start("name")), doc.orig_offset(after, noun.end("name"))) if noun else None


def own_place(tolls: list[Toll], doc: Doc, place: Span | None, end: int) -> list[Toll]:
    """The figures of the event's own place when the clause gives each figure its own place ("أربعة قتلى بقرية
    سرجة، وقتيلان بقرية بليون، وخمسة قتلى بقرية جوزف": the event at جوزف counts 5, not 11): each place's
    dead are its own act's (ACLED: one event per place and day). All of them when the event's place is none of
    those named, or fewer than two places are named."""
    if place is None or len(tolls) < 2:
        return tolls
    placed = [_figure_place(doc, t, end) for t in tolls]
    if len({p[0] for p in placed if p is not None}) < 2:
        return tolls
    own = [t for t, p in zip(tolls, placed, strict=True) if p is not None and p[0] < place.end and place.start < p[1]]
    return own or tolls


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
