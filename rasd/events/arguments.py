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
from rasd.events.detect import Candidate
from rasd.model import Mention, Span
from rasd.text.normalize import fold

_TARGET_MARKERS = ("على", "ضد", "مع", "استهدف", "استهدفت", "باتجاه", "نحو", "تستهدف", "يستهدف", "طالت", "طال")
_AGENT_MARKERS = ("من قبل", "شنه", "شنته", "شنها", "شنتها", "نفذه", "نفذها", "نفذته", "نفذتها", "تبناه", "تبنته",
                  "يشنها", "تشنها", "اطلقه", "اطلقها", "اطلقته", "اطلقتها", "قام به", "قامت به", "قام بها", "قامت بها")
_NUMBER_ONE = re.compile(r"^(?:[وف]?(?:احد|احدى|واحد)\s)")
_PREPOSITIONS = ("في", "على", "الى", "من", "عن", "مع", "ضد", "قرب", "داخل", "ب", "ل")


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


def find_actors(cand: Candidate, doc: Doc, kb, home_iso3: str | None) -> tuple[list[ActorRef], list[ActorRef]]:
    """Agents and targets of a candidate, nearest first."""
    a, b = cand.clause
    trig = cand.anchor.span
    agents: list[ActorRef] = []
    targets: list[ActorRef] = []
    for m in doc.mentions_in(a, b, "actor"):
        ref = actor_ref(m, kb, home_iso3)
        if ref is None:
            continue
        before = _tail(doc, m.span.start)
        if m.span.start < trig.start:
            (targets if _ends_with_marker(before, _TARGET_MARKERS) else agents).append(ref)
        else:
            (agents if _ends_with_marker(before, _AGENT_MARKERS) else targets).append(ref)
    # The nearest agent before the trigger is the likeliest subject.
    agents.sort(key=lambda r: abs(trig.start - r.span.end))
    if not agents:
        # A country named as subject of the clause: "قامت ايران باطلاق صواريخ".
        for m in doc.mentions_in(a, trig.start, "place"):
            try:
                place = kb.gazetteer.get(m.value)
            except Exception:  # noqa: BLE001
                continue
            if place.kind != "country":
                continue
            before = _tail(doc, m.span.start, 12)
            if before.split()[-1:] and before.split()[-1] in _PREPOSITIONS:
                continue
            ref = country_actor(place.iso3, m.span, kb)
            if ref:
                agents.append(ref)
        # A nationality adjective on the trigger itself: "الضربة الجوية الاميركية".
        for m in doc.mentions_in(trig.end, min(b, trig.end + 25), "nationality"):
            ref = country_actor(m.value, m.span, kb)
            if ref:
                agents.append(ref)
                break
    if not agents:
        # The subject of the sentence, before this clause ("مسلحي التنظيم نفذوا ... ، وتم قتل ... خلال اشتباكات").
        s0 = cand.sentence[0]
        for m in reversed(doc.mentions_in(s0, a, "actor")):
            ref = actor_ref(m, kb, home_iso3)
            if ref and not _ends_with_marker(_tail(doc, m.span.start), _TARGET_MARKERS):
                agents.append(ref)
                break
    return agents, targets


@dataclass(frozen=True, slots=True)
class Toll:
    """A casualty figure tied to its evidence."""

    value: int
    span: Span
    victim: str | None  # "state" | "armed" | "civilian" | None


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


def _count_conjoined(doc: Doc, start: int, end: int) -> int:
    """Number of people named one after the other with و ("الجنرال ... ونائب رئيس ...")."""
    persons = [m for m in doc.mentions_in(start, end, "person")]
    if len(persons) >= 2:
        return len(persons)
    folded = doc.folded(start, end)
    return 1 + len(re.findall(r"\sو(?:ال)?(?:نائب|قائد|رئيس|مدير|مسؤول|امر|معاون|مساعد|الشيخ|شيخ|العميد|اللواء"
                               r"|العقيد|الجنرال|زعيم|مستشار|وزير|عضو|محافظ|ضابط)", folded))


def find_tolls(doc: Doc, start: int, end: int, cue_category: str) -> list[Toll]:
    """Casualty figures after each kill (or injure) cue in [start, end)."""
    out: list[Toll] = []
    for cue in doc.mentions_in(start, end, "cue"):
        if cue.value != cue_category:
            continue
        window_end = min(end, cue.span.end + 40)
        qty = next((q for q in doc.quantities if cue.span.end <= q.start < window_end
                    and not doc.folded(cue.span.end, q.start).strip(" ,.")[-3:].isdigit()), None)
        if qty is not None and doc.folded(cue.span.end, qty.start).count(" ") <= 4:
            words = doc.folded(qty.start, min(end, qty.end + 25))
            kind = _victim_kind(doc.folded(qty.end, min(end, qty.end + 25))) or _victim_kind(words)
            if qty.noun:
                kind = _victim_kind(qty.noun) or kind
            out.append(Toll(int(qty.value), doc.span(cue.span.start, qty.end), kind))
            continue
        # "قتل 23 عنصرا" is handled above; here "بمقتل ضابط", "قتل احد المسلحين", "مقتل الجنرال X ونائب Y".
        after = doc.folded(cue.span.end, window_end).strip()
        if not after:
            continue
        first = " ".join(after.split()[:3])
        kind = _victim_kind(first)
        if _NUMBER_ONE.match(after + " ") or kind is not None:
            out.append(Toll(1, doc.span(cue.span.start, min(window_end, cue.span.end + 1 + len(first.split()[0]))),
                            kind))
            continue
        stop = re.search(r"[,.;:!?]|\s(?:في|خلال|اثناء|جراء|بعد|اثر|عند)\s", after)
        limit = cue.span.end + (stop.start() if stop else len(after))
        people = [m for m in doc.mentions_in(cue.span.end, limit + 1, "person")]
        if people:
            n = _count_conjoined(doc, cue.span.end, min(end, limit + 1))
            out.append(Toll(n, doc.span(cue.span.start, people[-1].span.end), "civilian"))
    return out


def total(tolls: list[Toll], doc: Doc) -> tuple[int | None, Span | None]:
    """ACLED: all deaths in the event, each reported group counted once (the lowest when the same is repeated)."""
    if not tolls:
        return None, None
    seen: dict[tuple[int, int], Toll] = {}
    for t in tolls:
        seen[(t.span.start, t.span.end)] = t
    value = sum(t.value for t in seen.values())
    spans = sorted(seen.values(), key=lambda t: t.span.start)
    return value, doc.span(spans[0].span.start, max(t.span.end for t in spans))
