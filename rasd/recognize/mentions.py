"""Dictionary recogniser: every KB surface form found in an article, as Mentions with spans into the original text.

One Aho-Corasick automaton (pyahocorasick) holds all folded surface forms of places, actors, triggers, weapons,
cues and nationality adjectives; it is built once per KB and cached. Matching runs over the folded text with
whitespace runs squeezed to one space (so multi-word names survive line breaks), and a hit is kept only at token
boundaries, allowing Arabic clitics:
- proclitics و ف ب ل ك and their pairs (والحشد، بالموصل، وللقوات، فبال...) before any form; ل + ال is written لل,
  so a form starting with ال is also stored as its ل-variant and accepted only after ل (للقوات -> لقوات);
- ال (and لل) before trigger, weapon and cue forms, which are stored without it;
- enclitic pronouns after trigger, weapon and cue forms (هجومهم، مقتله، محاولته with ة written ت), and after a
  plural past verb that drops its alif before them (اغتالوه، خطفوها).
The span of a mention covers the form without its proclitic letters. Longest match wins; ties go to the kind
order of rasd.kb.KIND_PRIORITY. Then a generic agent followed (within two tokens) by a nationality adjective or
a named actor becomes one composed actor mention ("القوات الامنية العراقية" -> Military Forces of Iraq).
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_right
from typing import Any, NamedTuple

import ahocorasick

from rasd.errors import TextError
from rasd.kb import KnowledgeBase, SurfaceEntry
from rasd.kb.geo import clean_form, hamza_clash
from rasd.kb.rules import load_rules
from rasd.model import Mention, Span
from rasd.text.normalize import normalize
from rasd.text.numbers import parse_number

PROCLITICS: frozenset[str] = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك"})
LAM_PROCLITICS: frozenset[str] = frozenset({"ل", "ول", "فل"})
ARTICLE_PROCLITICS: frozenset[str] = frozenset(
    {p + "ال" for p in PROCLITICS if not p.endswith("ل")} | {p[:-1] + "لل" for p in LAM_PROCLITICS})
SHORT_PROCLITICS: frozenset[str] = frozenset({"", "و", "ف"})
ENCLITICS: frozenset[str] = frozenset({"ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "نا", "ني", "ي"})
#: Kinds stored without ال and taking enclitic pronouns (common nouns and verbs, not names).
OPEN_KINDS: frozenset[str] = frozenset({"trigger", "weapon", "cue"})
MAX_PREFIX = 5
#: Frequent function and news words that must never be a place or actor mention even if a gazetteer lists them.
STOPWORDS: frozenset[str] = frozenset(
    "في من على الى الي عن مع بعد قبل هذا هذه ذلك تلك التي الذي الذين كان كانت قال قالت يوم اليوم امس حيث بين "
    "عند حول ضد منذ كما لكن او ان انه انها اذا ما لا لم كل بعض غير عدد اكثر خلال الله عام شمال جنوب شرق غرب "
    "وسط مدينه منطقه قريه ناحيه قضاء محافظه بلده حي شارع طريق جسر سوق مركز دوله الدوله العالم امام وراء "
    "السلام الامن الحرب النار الماء الخير النصر الفتح الشهداء الشهيد الحريه الوحده الثوره البلاد البلد المنطقه "
    "المدينه العاصمه الحدود القريه الريف البلده المحافظه الاقليم الولايه".split())


class _Key(NamedTuple):
    """One automaton payload: what a stored key denotes and which clitics it needs (a NamedTuple: ~90,000 are made
    at each start-up, and a frozen dataclass's __init__ costs several times as much)."""

    entry: SurfaceEntry
    form: str  # the KB form (for lam variants: the ال-form the key was derived from)
    lam: bool  # stored as ل + form[2:]: needs a ل proclitic
    bound: bool  # ends in ت for a final ة: needs an enclitic


_CACHE: weakref.WeakKeyDictionary[KnowledgeBase, tuple[Any, Any]] = weakref.WeakKeyDictionary()


def build_automaton(kb: KnowledgeBase) -> Any:
    """The automaton over every KB surface form (cached per KB and per surface index)."""
    index = kb.surface_index()
    cached = _CACHE.get(kb)
    if cached is not None and cached[0] is index:
        return cached[1]
    automaton = automaton_of(payload_table(index))
    _CACHE[kb] = (index, automaton)
    return automaton


def payload_table(index: dict[str, list[SurfaceEntry]]) -> dict[str, list[_Key]]:
    """Every key the automaton stores -> its payloads, in the order they are added to it."""
    table: dict[str, list[_Key]] = {}
    put = table.setdefault
    # Each form is stored as itself, its ل-variant (ال-forms) and its bound ت-variant (open kinds ending in ه).
    for form, entries in index.items():
        if len(form.replace(" ", "")) < 2:
            continue
        no_name = form in STOPWORDS or len(form) < 3
        lam = "ل" + form[2:] if form.startswith("ال") and len(form) > 3 else None
        bound = form[:-1] + "ت" if form.endswith("ه") and len(form) > 3 else None
        # A plural past verb drops its final alif before an object pronoun (اغتالوا -> اغتالوه, خطفوا -> خطفوها):
        # stored without it, and taken only with the pronoun.
        plural_object = form[:-1] if form.endswith("وا") and len(form) > 4 else None
        for entry in entries:
            if no_name and entry.kind in ("place", "actor", "nationality"):
                continue
            put(form, []).append(_Key(entry, form, False, False))
            if lam is not None:
                put(lam, []).append(_Key(entry, form, True, False))
            if bound is not None and entry.kind in OPEN_KINDS:
                put(bound, []).append(_Key(entry, form, False, True))
            if plural_object is not None and entry.verb and entry.kind in OPEN_KINDS:
                put(plural_object, []).append(_Key(entry, form, False, True))
    return table


def automaton_of(table: dict[str, list[_Key]]) -> Any:
    """The Aho-Corasick automaton over `table` (payload_table): each key's value is (its length, its payloads)."""
    automaton = ahocorasick.Automaton()
    for key, payloads in table.items():
        automaton.add_word(key, (len(key), tuple(payloads)))
    automaton.make_automaton()
    return automaton


def adopt_automaton(kb: KnowledgeBase, automaton: Any) -> None:
    """Use `automaton`, made by `automaton_of(payload_table(kb.surface_index()))` elsewhere (a cache of the
    start-up's work, rasd.engine.warm_cache), as `build_automaton(kb)`."""
    _CACHE[kb] = (kb.surface_index(), automaton)


_SPACES = re.compile(r"\s+")
_RUNS = re.compile(r"\s{2,}")


def _squeeze(text: str) -> str:
    """`_SPACES.sub(" ", text)` by str.split, which splits on the same whitespace as `\\s` (Py_UNICODE_ISSPACE) in
    C, without the regex engine's per-character steps; a run at either end stays one space."""
    core = " ".join(text.split())
    if not text:
        return text
    return (" " if text[0].isspace() else "") + core + (" " if core and text[-1].isspace() else "")


class _Squeezed:
    """Text with whitespace runs collapsed to one space, and the way back to positions in the unsqueezed text."""

    def __init__(self, text: str) -> None:
        self.text = _squeeze(text)
        self._at: list[int] = [0]  # squeezed positions where the shift grows
        self._shift: list[int] = [0]
        shift = 0
        for m in _RUNS.finditer(text):
            extra = m.end() - m.start() - 1
            if extra:
                shift += extra
                self._at.append(m.start() - (shift - extra) + 1)
                self._shift.append(shift)

    def pos(self, i: int) -> int:
        """Index in the unsqueezed text of squeezed character i."""
        return i + self._shift[bisect_right(self._at, i) - 1]


def _accepts(payload: _Key, prefix: str, suffix: str) -> bool:
    """Whether the clitics around a hit are ones this payload may take."""
    open_kind = payload.entry.kind in OPEN_KINDS
    if len(payload.form) <= 2:  # لا، لم: only و/ف before, nothing after (كلا، لأي are other words)
        return prefix in SHORT_PROCLITICS and suffix == ""
    if payload.lam:
        if prefix not in LAM_PROCLITICS:
            return False
    elif prefix not in PROCLITICS and not (open_kind and prefix in ARTICLE_PROCLITICS):
        return False
    if payload.bound:
        return suffix in ENCLITICS
    if suffix == "ه" and payload.entry.verb:
        return False
    if suffix == "ا":  # accusative tanwin written with alif: نفذ هجوما، شن قصفا، قتل جنديا
        if payload.entry.verb or payload.form[-1] in "اه":
            return False
        return open_kind or (payload.entry.kind == "actor" and payload.form.endswith("ي"))  # not حماسا
    return suffix == "" or (open_kind and suffix in ENCLITICS)


#: Every prefix and suffix `_accepts` can take for some payload: a hit with another (most hits: a key inside a longer
#: word) is rejected before its payloads are asked one by one.
_ANY_PREFIX: frozenset[str] = PROCLITICS | LAM_PROCLITICS | ARTICLE_PROCLITICS | SHORT_PROCLITICS
_ANY_SUFFIX: frozenset[str] = ENCLITICS | {"", "ا"}
#: So the walk to a hit's word boundaries stops once it is longer than any of them (that hit is rejected anyway).
_LONGEST_PREFIX = max(map(len, _ANY_PREFIX))
_LONGEST_SUFFIX = max(map(len, _ANY_SUFFIX))
#: The last letters of the prefixes and the first letters of the suffixes: a hit with a letter or digit right before
#: it that ends no prefix, or a letter right after it that starts no suffix, lies inside a longer word (most hits),
#: and is rejected before the walk to its word boundaries.
_PREFIX_LAST = frozenset(p[-1] for p in _ANY_PREFIX if p)
_SUFFIX_FIRST = frozenset(s[0] for s in _ANY_SUFFIX if s)


def _candidates(text: str, automaton: Any) -> list[tuple[int, int, _Key]]:
    """(start, end, payload) of every hit that sits at token boundaries with acceptable clitics."""
    n = len(text)
    out: list[tuple[int, int, _Key]] = []
    prefix_last, suffix_first = _PREFIX_LAST, _SUFFIX_FIRST
    for last, (length, payloads) in automaton.iter(text):
        start, end = last - length + 1, last + 1
        if start > 0:
            c = text[start - 1]
            if c not in prefix_last and c.isalnum():
                continue
        if end < n:
            c = text[end]
            if c not in suffix_first and c.isalpha():
                continue
        ts = start
        while ts > 0 and text[ts - 1].isalnum() and start - ts < _LONGEST_PREFIX:
            ts -= 1
        if ts > 0 and text[ts - 1].isalnum():
            continue
        te = end
        while te < n and text[te].isalpha() and te - end < _LONGEST_SUFFIX:
            te += 1
        if te < n and text[te].isalpha():
            continue  # (a figure written onto the word ends it: "بمقتل17 شخصا")
        prefix, suffix = text[ts:start], text[end:te]
        if prefix not in _ANY_PREFIX or suffix not in _ANY_SUFFIX:
            continue
        accepted = [p for p in payloads if _accepts(p, prefix, suffix)]
        if accepted:
            out.append((start, end, accepted[0]))
            if accepted[0].entry.kind == "actor":
                # An agent noun is both a party and an act (المتظاهرون, المحتجون): its trigger rides along.
                out.extend((start, end, p) for p in accepted[1:2] if p.entry.kind == "trigger")
    return out


def _select(cands: list[tuple[int, int, _Key]]) -> list[tuple[int, int, _Key]]:
    """Longest first, then earliest, then kind priority; drop anything overlapping an accepted hit."""
    from rasd.kb import KIND_PRIORITY

    rank = {kind: i for i, kind in enumerate(KIND_PRIORITY)}
    cands.sort(key=lambda c: (c[0] - c[1], c[0], rank[c[2].entry.kind]))
    taken: list[tuple[int, int, _Key]] = []
    occupied = bytearray(max((c[1] for c in cands), default=0))  # 1 where an accepted hit lies
    actor_starts: dict[int, int] = {}  # end -> start of the accepted actor hits
    for s, e, p in cands:
        if occupied.find(1, s, e) != -1:
            if p.entry.kind == "trigger" and actor_starts.get(e, s + 1) <= s:
                taken.append((s, e, p))  # the act of an agent noun accepted as an actor (المتظاهرون: ال + act)
            continue
        if p.entry.kind == "actor":
            actor_starts[e] = s
        occupied[s:e] = b"\x01" * (e - s)
        taken.append((s, e, p))
    taken.sort(key=lambda c: c[0])
    return taken


def find_mentions(text: str, kb: KnowledgeBase) -> list[Mention]:
    """All KB mentions in `text`, in text order, with spans into `text` itself."""
    if not isinstance(text, str):
        raise TextError(f"expected text (str), got {type(text).__name__}")
    norm = normalize(text)
    sq = _Squeezed(norm.text)
    squeezed = sq.text
    hits = _select(_candidates(squeezed, build_automaton(kb)))

    def span(s: int, e: int) -> Span:
        o_start, o_end = norm.to_original(sq.pos(s), sq.pos(e - 1) + 1)
        return Span.of(text, o_start, o_end)

    mentions: list[tuple[int, int, Mention]] = [(s, e, m) for s, e, p in hits
                                                if (m := _mention(kb, p, span(s, e))) is not None]
    actor_starts = {e: s for s, e, m in mentions if m.kind == "actor"}
    riding = [x for x in mentions if x[2].kind == "trigger" and actor_starts.get(x[1], x[0] + 1) <= x[0]]
    riders = [m for _, _, m in riding]
    mentions = [x for x in mentions if x not in riding]
    out = _compose(kb, mentions, squeezed, span)
    if riders:  # an agent noun's act, after its actor mention (composition reads actors next to each other)
        out = sorted(out + riders, key=lambda m: m.span.start)
    listed = _listed_between(text, kb, out)
    return sorted(out + listed, key=lambda m: m.span.start) if listed else out


#: The gap between two towns of one list holding one more word (rule listed_name of rules/locate.yaml).
_LISTED_GAP = load_rules("locate")["listed_name"]


def _listed_between(text: str, kb: KnowledgeBase, mentions: list[Mention]) -> list[Mention]:
    """A name the gazetteer holds as unsafe alone ("حديثة" is also "modern", "عنه" "about him"), standing as the one
    word between two recognised places of one list ("الفلوجة وحديثة والرمادي"), is a town of that list: the places
    around it say what kind of word it is. Taken only in a neighbour's country (the list's), never a common word."""
    places = [m for m in mentions if m.kind == "place"]
    gazetteer = kb.gazetteer
    out = []
    for a, b in zip(places, places[1:], strict=False):
        gap = text[a.span.end:b.span.start]
        m = _LISTED_GAP.match(gap) if len(gap) <= 30 else None
        if m is None or not (m.group("word").startswith("و") or gap[:m.start("word")].strip()):
            continue  # joined to the list by "و" or a comma, not any word between two places
        word = m.group("word")
        for skip in ((1, 0) if word.startswith("و") else (0,)):  # "وحديثة": the conjunction first, then as written
            form = clean_form(word[skip:])
            if not form or gazetteer.is_safe_form(form) or gazetteer.is_common_word(form):
                continue
            countries = {_place_iso3(gazetteer, x.value) for x in (a, b)} - {None}
            found = [p for p in gazetteer.candidates(form) if p.iso3 in countries]
            if found:
                span = Span.of(text, a.span.end + m.start("word") + skip, a.span.end + m.end("word"))
                out.append(Mention("place", span, found[0].id, found[0].name_en,
                                   attrs={"candidates": [p.id for p in found], "listed": True}))
                break
    return out


def _place_iso3(gazetteer, place_id: str) -> str | None:
    try:
        return gazetteer.get(place_id).iso3
    except KeyError:
        return None


#: id(trigger) -> (the trigger, its mentions' label, their attrs): built once per trigger, copied per mention.
_TRIGGER_ATTRS: dict[int, tuple[Any, str, dict[str, Any]]] = {}


def _mention(kb: KnowledgeBase, p: _Key, span: Span) -> Mention | None:
    entry = p.entry
    if entry.kind == "actor":
        a = kb.actors[entry.value]
        return Mention("actor", span, a.id, a.name,
                       attrs={"agent": a.agent, "iso3": a.iso3, "generic": a.agent is not None and a.iso3 is None})
    if entry.kind == "trigger":
        t = kb.triggers[entry.value]
        held = _TRIGGER_ATTRS.get(id(t))
        if held is None or held[0] is not t:
            if len(_TRIGGER_ATTRS) >= 20_000:  # (a KB loaded again brings new triggers)
                _TRIGGER_ATTRS.clear()
            held = _TRIGGER_ATTRS[id(t)] = (t, f"{t.event_type}: {t.sub_event_type}", {
                "event_type": t.event_type, "sub_event_type": t.sub_event_type, "weapon": t.weapon, "count": t.count,
                **{k: v for k, v in t.flags.items() if k != "dual_of"}})
        return Mention("trigger", span, t.id, held[1], attrs=dict(held[2]))  # (each mention its own attrs)
    if entry.kind == "place":
        ids = [e.value for e in kb.surface_index().get(p.form, []) if e.kind == "place"]
        try:  # the gazetteer's own ranking (admin units before towns, then population) when it offers one
            ranked = [c.id for c in kb.gazetteer.candidates(p.form)]
            ids = ranked + [i for i in ids if i not in ranked] if ranked else ids
        except (AttributeError, KeyError):
            pass
        if ids and any(c in span.text for c in "أإؤئ"):
            # "بفأس" (an axe) folds to Fes: a hamza inside the word that the place's name lacks is another word
            ids = [i for i in ids if not hamza_clash(span.text, kb.gazetteer.get(i).name_ar)]
            if not ids:
                return None
        label = getattr(kb.gazetteer.get(ids[0]), "name_en", "") if ids else ""
        return Mention("place", span, ids[0] if ids else entry.value, label, attrs={"candidates": ids})
    if entry.kind == "weapon":
        return Mention("weapon", span, entry.value, entry.label)
    return Mention(entry.kind, span, entry.value, entry.label)


def _definite(word: str) -> bool:
    return word.startswith("ال") or word.startswith("لل")


def _agrees(head: str, gap: list[str], adjective: str) -> bool:
    """A nationality adjective qualifies the agent only if it agrees in definiteness with the agent's last word,
    as must any adjective between them (القوات الخاصه الامريكيه, قوات امنيه عراقيه; not الحكومه ووزير ... الفرنسي)."""
    definite = _definite(head.split()[-1])
    return all(_definite(w) == definite for w in [*gap, adjective])


def _counts(token: str) -> bool:
    """A number word or figure ("قتل مسلحون ثلاثة عراقيين"): what follows it is the people counted (the victims),
    not an adjective of the agent before it."""
    return token.isdigit() or parse_number(token) is not None


#: Marks that open a quoted or bracketed name ("مسلحي «داعش»"), between a generic agent and the group it names.
_OPENING_MARKS = "«\"“(' "
_LINKERS = frozenset({"من", "في", "التابعه", "تابعه", "التابعين", "تابعين", "التابع", "تابع", "لتنظيم", "عناصر"})


def _compose(kb: KnowledgeBase, ms: list[tuple[int, int, Mention]], text: str, span: Any) -> list[Mention]:
    """Merge a generic agent with the nationality or named actor that follows it into one actor mention."""
    out: list[Mention] = []
    i = 0
    while i < len(ms):
        s, e, m = ms[i]
        if m.kind == "actor" and m.attrs.get("generic") and i + 1 < len(ms):
            ns, ne, nxt = ms[i + 1]
            gap = text[e:ns]
            tokens = gap.split()
            clean = not any(ch in gap for ch in ".,;:!?()\"'«»-")
            iso3 = nxt.value if nxt.kind == "nationality" else None
            if nxt.kind == "place":  # السعودية / سورية: a country name that is also the adjective
                iso3 = kb.nationalities().get(text[ns:ne])
            if clean and iso3 and len(tokens) <= 2 and _agrees(text[s:e], tokens, text[ns:ne]) and not any(
                    _counts(t) for t in tokens):
                actor = kb.actor_for(m.attrs["agent"], iso3)
                out.append(Mention("actor", span(s, ne), actor.id, actor.name,
                                   attrs={"agent": m.attrs["agent"], "iso3": actor.iso3, "generic": False,
                                          "composed": True}))
                i += 2
                continue
            # "مسلحي «داعش»", "عناصر (داعش)": the group's name opens a quote or a bracket right after the agent
            named_gap = gap.rstrip().rstrip(_OPENING_MARKS)
            named_clean = clean or not any(ch in named_gap for ch in ".,;:!?()\"'«»“”-")
            if named_clean and nxt.kind == "actor" and not nxt.attrs.get("generic") and all(
                    t in _LINKERS for t in named_gap.split()) and len(named_gap.split()) <= 2:
                actor = kb.actor(nxt.value)
                out.append(Mention("actor", span(s, ne), actor.id, actor.name,
                                   attrs={"agent": m.attrs["agent"], "iso3": actor.iso3, "generic": False,
                                          "composed": True}))
                i += 2
                continue
        if m.kind == "nationality" and m.value and _counts((text[max(0, s - 16):s].split() or [""])[-1]):
            # "قتل مسلحون ثلاثة عراقيين": people counted by their nationality alone are civilians of that country
            # (ACLED codes victims of no stated affiliation as civilians); the nationality mention stays too.
            actor = kb.actor_for("civilians", m.value)
            out.append(m)
            out.append(Mention("actor", m.span, actor.id, actor.name,
                               attrs={"agent": "civilians", "iso3": actor.iso3, "generic": False, "composed": True}))
            i += 1
            continue
        out.append(m)
        i += 1
    return out
