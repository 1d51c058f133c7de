"""Resolve the article's shorthand for an armed group it has already named.

After "تنظيم داعش" once, news says "التنظيم", "مسلحي التنظيم", "عناصر التنظيم" or just "المسلحين"; after "حزب
العمال الكردستاني", "الحزب" ("معسكرات الحزب"; not "الحزب الحاكم"). Each becomes an actor mention of the group
named most recently before it (for "الحزب", one whose name has that noun), so that the event layer sees the real
actor.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from rasd.kb.rules import load_rules
from rasd.model import Mention, Span, SpanIndex
from rasd.text.normalize import fold, normalize
from rasd.text.prefilter import PrefixScan

RULES = load_rules("coref")

_ANAPHOR_RE = RULES["anaphor"]
#: The anaphor pattern tried over the whole text only where one of its literal starts occurs.
_ANAPHOR_SCAN = PrefixScan([_ANAPHOR_RE])
_NON_STATE = {"Rebel group", "Political militia", "Identity militia"}
_INSURGENT_WORDS = tuple(RULES.words("insurgent_words"))
_INSURGENT_INTERS = frozenset(RULES.words("insurgent_inters"))


def insurgent_word(text: str) -> bool:
    """Is `text` a word for insurgents ("الثوار", "المتمردين", list insurgent_words)?"""
    return fold(normalize(text).text).endswith(_INSURGENT_WORDS)


def insurgents_not(text: str, inter: str) -> bool:
    """Is `text` a word for insurgents that a group of this ACLED type cannot be (a pro-government militia is no
    insurgent: list insurgent_inters)?"""
    return insurgent_word(text) and inter not in _INSURGENT_INTERS


def _named_groups(mentions: list[Mention], kb) -> list[Mention]:
    out = []
    for m in mentions:
        if m.kind != "actor" or m.attrs.get("generic") or not m.value:
            continue
        actor = kb.actors.get(m.value)
        if actor is not None and actor.inter in _NON_STATE:
            out.append(m)
    return out


def resolve_anaphora(text: str, mentions: list[Mention], kb) -> list[Mention]:
    """Mentions with group anaphors added and definite generic 'gunmen' re-pointed to the group they refer to."""
    groups = sorted(_named_groups(mentions, kb), key=lambda m: m.span.start)
    if not groups:
        return mentions
    norm = normalize(text)
    taken = SpanIndex((m.span.start, m.span.end) for m in mentions if m.kind in ("actor", "place"))
    group_starts = [g.span.start for g in groups]

    def prior(pos: int) -> Iterator[Mention]:
        """The groups named before `pos`, nearest first (walked back from a bisection: an article-long list per
        anaphor made long texts quadratic)."""
        for k in range(bisect_left(group_starts, pos) - 1, -1, -1):
            if groups[k].span.end <= pos:
                yield groups[k]

    def antecedent(pos: int, organisation: bool = False, head: str = "", insurgent: bool = False) -> Mention | None:
        if insurgent:
            # "الثوار", "المتمردين": a group that fights the state, not a militia on its side
            return next((g for g in prior(pos) if kb.actors[g.value].inter in _INSURGENT_INTERS), None)
        if head:
            # "الحزب" after "حزب العمال الكردستاني", "الحركة" after "حركة الشباب": a group whose name has that noun
            return next((g for g in prior(pos) if head in fold(g.span.text)
                         or any(head in fold(a) for a in kb.actors[g.value].aliases_ar)), None)
        if organisation:
            # "التنظيم" is a jihadist organisation (IS, al-Qaeda, ...), not a militia such as "الحشد الشعبي".
            rebel = next((g for g in prior(pos) if kb.actors[g.value].inter == "Rebel group"), None)
            if rebel is not None:
                return rebel
        return next(prior(pos), None)

    added: list[Mention] = []
    for m in _ANAPHOR_SCAN.finditer(0, norm.text):
        start, end = norm.to_original(m.start(), m.end())
        if any(not (a >= start and b <= end) for a, b in taken.overlapping(start, end)):
            continue  # part of a longer name ("تنظيم الدولة", "تنظيم داعش") already recognised
        ante = antecedent(start, organisation=True, head=m.group("head") or "")
        if ante is None:
            continue
        added.append(Mention("actor", Span.of(text, start, end), ante.value, ante.label, 0.8,
                             {"anaphor_of": ante.span.start, "iso3": ante.attrs.get("iso3"), "generic": False}))
    anaphors = SpanIndex((a.span.start, a.span.end) for a in added)
    out = []
    for m in mentions:
        if m.kind == "actor" and any(a <= m.span.start and m.span.end <= b
                                     for a, b in anaphors.overlapping(m.span.start - 1, m.span.end + 1)):
            continue  # "مسلحي" inside "مسلحي التنظيم"
        if m.kind == "actor" and m.attrs.get("generic") and m.attrs.get("agent") in ("gunmen", "armed", "militants", "rebels"):
            surface = normalize(m.span.text).text
            ante = antecedent(m.span.start, insurgent=insurgent_word(surface))
            if ante is not None and (surface.startswith("ال") or surface[1:3] == "ال"):
                m = Mention("actor", m.span, ante.value, ante.label, 0.7,
                            {"anaphor_of": ante.span.start, "iso3": ante.attrs.get("iso3"), "generic": False})
        out.append(m)
    return sorted(out + added, key=lambda m: (m.span.start, -m.span.end))
