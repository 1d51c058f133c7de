"""Whether an event happened, was attempted, foiled, claimed or denied; whether it is background; who reports it.

Cues come from the KB (cues.yaml) as `cue` mentions; this module decides which cue governs which trigger: the cue
must sit in the trigger's clause, before it (a few words after for nominal forms such as "محاولة هجوم").
"""

from __future__ import annotations

import re

from rasd.doc import Doc
from rasd.errors import KBError
from rasd.events.detect import CODED_STRATEGIC, Candidate, never_coded  # noqa: F401 (CODED_STRATEGIC: build reads it here)
from rasd.kb.rules import load_rules
from rasd.model import Span
from rasd.text.normalize import fold
from rasd.text.prefilter import LiteralIndex, gated

RULES = load_rules("modality")

# A claim of responsibility does not make an event "claimed": ACLED codes the event that happened; "claimed" is kept
# for the rare report that rests on the claim alone, which a clause-level cue cannot tell apart.
_MODALITY_OF_CUE = {"attempt": "attempted", "foil": "foiled", "deny": "denied",
                    "threat": "threatened", "plan": "planned"}
_REPELLED = RULES["repelled"]
_BACKGROUND_RE = RULES["background"]
_SOURCE_NOUNS = RULES.table("source_nouns")
_SOURCE_NOUNS = {fold(k): v for k, v in _SOURCE_NOUNS.items()}
_SOURCE_MODS = RULES.table("source_modifiers")
_SOURCE_MODS = {fold(k): v for k, v in _SOURCE_MODS.items()}


_PLUPERFECT_RE = RULES["pluperfect"]
_CAUSE_OF_TOLL = RULES["cause_of_toll"]
_TENSE_MARKER = RULES["tense_marker"]


def modality(cand: Candidate, doc: Doc) -> tuple[str, Span | None]:
    """The modality of a candidate and the cue that set it ("occurred" with no span by default). Read around the
    trigger that tells the act: the anchor, unless a frame makes the anchor talk of no act and another trigger of
    the mention tells it ("مجهزة لمواجهة أية عدائيات، نافيا ما تردد عن وقوع هجمات": the attacks are denied)."""
    a, b = cand.clause
    trig = _telling_trigger(cand, doc)
    for cue in doc.mentions_in(a, min(b, trig.end + 30), "cue"):
        mod = _MODALITY_OF_CUE.get(cue.value)
        if mod is None:
            continue
        if cue.span.start > trig.end and mod not in ("attempted", "foiled"):
            continue
        if mod == "denied" and not _denies_the_act(cue.span, trig, doc):
            continue
        if mod == "foiled" and cand.event_type == "Battles" and _REPELLED.match(fold(cue.span.text)):
            continue  # "تصدت البيشمركة لهجوم داعش": an attack fought off is a fight that happened
        return mod, cue.span
    return "occurred", None


def _telling_trigger(cand: Candidate, doc: Doc) -> Span:
    """The anchor's span, or the first trigger of the mention no frame governs when a frame governs the anchor."""
    anchor = cand.anchor.span
    if len(cand.triggers) < 2 or not _framed(anchor, cand, doc):
        return anchor
    return next((t.span for t in cand.triggers if t.span != anchor and not _framed(t.span, cand, doc)), anchor)


def _framed(trig: Span, cand: Candidate, doc: Doc) -> bool:
    return _frame_of(trig, cand, doc) is not None


def _frame_of(trig: Span, cand: Candidate, doc: Doc) -> str | None:
    """The first frame rule that governs one trigger of the mention, read in the rule's window in its sentence.

    Frames are read at every trigger and there are dozens: the rules that share a window are first tried together
    (one alternation, `_FRAME_GROUPS`), and only a window whose alternation matches is read rule by rule, in the
    rules' order, so the answer is the one the rules give one by one. Each alternation is gated by its required
    words, all looked for in one pass over the widest window on each side (`_open_frames`)."""
    s0, s1 = cand.sentence
    texts = {}
    for key, index, k in _open_frames(trig, doc, s0, s1):
        text = _frame_text(key[0], key[1], trig, doc, s0, s1)
        if index.search(k, text):
            texts[key] = text
    if not texts:
        return None
    return next((rule.name for rule in _FRAMES if (text := texts.get((rule.side, rule.window))) is not None
                 and rule.regex.search(text)), None)


_DENIED_ACT = RULES["denied_act"]
_DENIED_OCCURRENCE = RULES["denied_occurrence"]


def _denies_the_act(cue: Span, trig: Span, doc: Doc) -> bool:
    """Whether a denial verb denies doing the act (responsibility, a link to it, or the act itself) rather than
    something told about it ("نفى ... وقوع إصابات": casualties). The act itself is denied when the trigger follows
    the verb with only the denier between ("نفى الجيش الإسرائيلي قصف المدرسة")."""
    if cue.end <= trig.start:
        gap = doc.text[cue.end:trig.start]
        for m in doc.mentions_in(cue.end, trig.start, "actor"):
            gap = gap.replace(m.span.text, " ")
        if not gap.split() or _DENIED_OCCURRENCE.match(fold(gap)):
            return True  # "نفى الجيش قصف المدرسة", "نفت الوزارة وقوع هجوم"
    return bool(_DENIED_ACT.match(doc.folded(cue.start, cue.end + RULES.window("denied_act"))))


#: The frames: every drop or hypothetical rule of modality.yaml, read in its window around the trigger.
_FRAMES = tuple(r for r in RULES.rules.values() if r.action in ("drop", "hypothetical"))
#: The frames' patterns joined per window (side, characters): one search tells whether any rule of that window can
#: match (none of the patterns holds a group reference, so the alternation matches exactly when one of them does).
#: Each is gated by the words one of which every match holds (GatedPattern): nearly every window matches none of
#: its rules, and `re` would try the whole alternation at each character of it to tell.
_FRAME_GROUPS = {key: gated(re.compile("|".join(f"(?:{r.regex.pattern})" for r in _FRAMES
                                                      if (r.side, r.window) == key)))
                 for key in dict.fromkeys((r.side, r.window) for r in _FRAMES)}
#: The window groups of each side, widest first, and one automaton over the required words of that side's groups.
_GATE_KEYS = {side: sorted((key for key in _FRAME_GROUPS if key[0] == side), key=lambda key: -key[1])
              for side in ("before", "after")}
_GATE_INDEX = {side: LiteralIndex([_FRAME_GROUPS[key] for key in keys]) for side, keys in _GATE_KEYS.items()}


def _open_frames(trig: Span, doc: Doc, s0: int, s1: int) -> list[tuple[tuple[str, int], LiteralIndex, int]]:
    """(key, index, k) of the window groups whose gate lets their window's text through: those for which
    `_FRAME_GROUPS[key].search` would not answer None at once (`index.search(k, text)` then answers what it would).
    A window is a suffix (before the trigger) or a prefix (from the trigger on) of the widest one on its side, so
    one pass over the widest finds, for each group, whether one of its required words lies inside its own window."""
    out = []
    for side, keys in _GATE_KEYS.items():
        if not keys:
            continue
        index = _GATE_INDEX[side]
        widest = _frame_text(side, keys[0][1], trig, doc, s0, s1)
        if side == "after":
            ends = index.first_ends(widest)
            for k, key in enumerate(keys):
                if k in index.always or ends[k] <= len(doc.folded(trig.start, min(s1, trig.end + key[1]))):
                    out.append((key, index, k))
        else:
            starts = index.last_starts(widest)
            before = len(doc.folded(max(s0, trig.start - keys[0][1]), trig.start))
            for k, key in enumerate(keys):
                if k in index.always or starts[k] >= before - len(
                        doc.folded(max(s0, trig.start - key[1]), trig.start)):
                    out.append((key, index, k))
    return out


def unreported_frame(cand: Candidate, doc: Doc) -> str | None:
    """The frame rule that makes this mention no report of a concrete, new act (a trial about it, a habit, a tally,
    a welcome of it), or None.

    A frame governs the act it stands next to, not the whole sentence: it is read only in its rule's window before
    the trigger (or from the trigger on), inside the trigger's sentence, so a tally word or a trial two clauses
    away leaves a real act alone; and the mention is framed only when each of its trigger words is. An act word
    joined by "و" right after a framed one shares its frame ("ونص الاتفاق على التوقف الفوري عن القتال والاقتتال":
    the ceasefire governs both), since the frame's window stands before the first conjunct only."""
    names: dict[tuple[int, int], str] = {}
    previous: tuple[Span, str] | None = None  # the trigger before, in text order, and its frame
    uncoded: list[Span] = []  # unframed words of a kind never coded: they tell no act the event could be
    for t in sorted(cand.triggers, key=lambda t: (t.span.start, t.span.end)):
        trig = t.span
        name = _frame_of(trig, cand, doc)
        if name is None and previous is not None and _coordinated(previous[0], trig, doc):
            name = previous[1]
        if name is None and never_coded(t):
            uncoded.append(trig)  # "يصعد هجماته رغم وقف إطلاق النار": the truce, no act
            continue
        if name is None:
            return None  # "وأصبحت الهجمات شبه يومية منذ بدأت أنقرة ضربات جوية": the strikes are still told
        names[(trig.start, trig.end)] = name
        previous = (trig, name)
    if not names:
        return None
    first = cand.triggers[0].span
    return names.get((first.start, first.end)) or next(iter(names.values()))


_COORDINATED = RULES["coordinated"]


def _coordinated(before: Span, trig: Span, doc: Doc) -> bool:
    """Is `trig` the second conjunct of `before` ("القتال والاقتتال", "القصف، والغارات")?"""
    return before.end <= trig.start and bool(_COORDINATED.match(doc.folded(before.end, trig.start)))


#: Frames that tell the kind of occurrence (crime, an animal, nature, an accident), not how one mention tells it:
#: an arrest framed as a counterfeiting raid is the same arrest when a linked sentence tells it with no crime word,
#: so build._filtered_by lets no linked mention keep an event whose leading mention such a frame governs (a talk
#: frame, by contrast, is one mention's way of telling the act).
OCCURRENCE_FRAMES = frozenset(RULES.words("occurrence_frames"))
if _unknown := OCCURRENCE_FRAMES - {r.name for r in _FRAMES}:
    raise KBError(f"rules/modality.yaml: occurrence_frames names no frame: {sorted(_unknown)}")


def _frame_text(side: str, window: int, trig: Span, doc: Doc, s0: int, s1: int) -> str:
    """The folded text a frame rule of that side and window reads around a trigger (rasd/kb/data/rules/modality.yaml,
    Frames)."""
    if side == "after":
        return doc.folded(trig.start, min(s1, trig.end + window))
    return doc.folded(max(s0, trig.start - window), trig.start) + "\x01" + doc.folded(trig.start, trig.end)


def repelled(cand: Candidate, doc: Doc) -> bool:
    """"تصدت البيشمركة لهجوم ...", "صد الجيش هجوما": the act is an attack fought off (a fight that happened)."""
    return repelled_between(doc, cand.clause[0], cand.anchor.span.start)


def repelled_between(doc: Doc, start: int, end: int) -> bool:
    """Is a word of fighting off (rule repelled) told in [start, end)?"""
    return any(c.value == "foil" and _REPELLED.match(fold(c.span.text)) for c in doc.mentions_in(start, end, "cue"))


def background_marker(cand: Candidate, doc: Doc) -> Span | None:
    """A marker that the clause recounts an earlier event ("كان قد", "ردا على", "عقب", "في وقت سابق")."""
    return _background_marker(cand, doc)[0]


def recounted_by_tense_only(cand: Candidate, doc: Doc) -> bool:
    """Is the clause marked as recounted by its tense alone - a pluperfect ("وكانت قوات الأمن فرقت تجمعا في
    البلدة مساء الخميس", "وكان مسلحون هاجموا حاجزا يوم السبت", "كان ... قد") - with no word that makes it the
    cause or the antecedent of another act ("ردا على", "إثر", "بعد أن", "في وقت سابق")? The tense orders two acts
    of the same news; it does not make an act of the last days context (rasd.events.timing.is_background)."""
    return _background_marker(cand, doc)[1] == "tense"


def _background_marker(cand: Candidate, doc: Doc) -> tuple[Span | None, str | None]:
    """The background marker's span and its kind: "tense" (a pluperfect: rule pluperfect, or "كان قد" of rule
    background) or "word" (any other marker of rule background)."""
    a, _ = cand.clause
    s0, _ = cand.sentence
    trig = cand.anchor.span
    folded = doc.folded(a, trig.start)
    m = _BACKGROUND_RE.search(folded)
    if m and _CAUSE_OF_TOLL.match(m.group().split()[0]) and any(
            c.value in ("kill", "injure") for c in doc.mentions_in(s0, doc.orig_offset(a, m.start()), "cue")):
        m = None  # "لقي ضابط مصرعه إثر انفجار عبوة": the cause of the toll just told, the same act
    if not (m or _PLUPERFECT_RE.match(folded) or _PLUPERFECT_RE.match(doc.folded(s0, trig.start))):
        return None, None
    words = [w for w in _BACKGROUND_RE.finditer(folded) if not _TENSE_MARKER.match(w.group().strip())] if m else []
    return doc.span(a, trig.end), ("word" if words else "tense")


def attribution(cand: Candidate, doc: Doc, kb) -> tuple[str | None, Span | None]:
    """Who reports the event: the nearest reporting phrase before it in its sentence, in English, with its span."""
    s0, _ = cand.sentence
    cues = [c for c in doc.mentions_in(s0, cand.anchor.span.start, "cue") if c.value in ("report", "sources")]
    # The phrase that introduces this clause, not the first one of a long sentence; "قال مصدر" counts once.
    while len(cues) > 1 and cues[-1].value == "sources" and cues[-2].span.end + 3 >= cues[-1].span.start:
        cues.pop()
    for cue in reversed(cues):
        text, span = _attribution_at(cue, cand, doc, kb)
        if text:
            return text, span
    # A trailing attribution: "... في جنوب شرقي البلاد، حسبما افادت السلطات المحلية اليوم".
    s1 = cand.sentence[1]
    for cue in doc.mentions_in(cand.anchor.span.end, s1, "cue"):
        if cue.value in ("report", "sources") and _TRAILING.search(doc.folded(max(0, cue.span.start - RULES.window("trailing")),
                                                                             cue.span.start)):
            text, span = _attribution_at(cue, cand, doc, kb, tail_end=s1)
            if text:
                return text, span
    return None, None


_TRAILING = RULES["trailing"]
_SOURCE_PHRASE_END = RULES["source_phrase_end"]


def _attribution_at(cue, cand: Candidate, doc: Doc, kb, tail_end: int | None = None) -> tuple[str | None,
                                                                                            Span | None]:
    tail_end = min(cand.anchor.span.start if tail_end is None else tail_end, cue.span.end + 80)
    folded = doc.folded(cue.span.start, tail_end)
    stop = _SOURCE_PHRASE_END.search(folded)
    phrase_len = stop.start() if stop else min(len(folded), 60)
    # The first offset whose folded stretch from the cue is phrase_len long (the folded length only grows with the
    # offset, so the offset map answers it at once: stepping one character at a time re-folded the stretch each
    # time), and no further than tail_end.
    end = max(cue.span.start, min(doc.orig_offset(cue.span.start, phrase_len), tail_end))
    span = doc.span(cue.span.start, end)
    words = doc.folded(span.start, span.end).split()
    nouns = [(_SOURCE_NOUNS.get(w) or _SOURCE_NOUNS.get(w[1:] if w[:1] in "وب" else w)) for w in words]
    mods = [_SOURCE_MODS.get(w) for w in words]
    noun = next((n for n in nouns if n), None)
    if noun is None:
        return None, None
    mod = next((x for x in mods if x), None)
    countries = []
    for m in doc.mentions_in(span.start, span.end, "nationality", "place"):
        iso = m.value if m.kind == "nationality" else None
        if m.kind == "place":
            try:
                iso = kb.gazetteer.get(m.value).iso3
            except Exception:  # noqa: BLE001
                iso = None
        if iso:
            try:
                name = kb.gazetteer.country(iso).name_en
            except Exception:  # noqa: BLE001
                name = iso
            if name not in countries:
                countries.append(name)
    text = " ".join(x for x in (mod, noun.replace("a ", "").replace("an ", "") if mod else noun) if x)
    if countries:
        text += " (" + ", ".join(countries) + ")"
    return text, span
