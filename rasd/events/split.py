"""One clause, several acts: an event mention per place a clause tells its act at (issue 14, Build 1).

A clause often tells one act at several places, each in a phrase of its own joined by "و": "وقتل جنديان في
تفجير بمدينة أ وكمين بمدينة ب", "شن الطيران غارات ... مخلفا قتيلين بقرية أ، وأربعة قتلى بقرية ب", "قصفت
الطائرات مخازن للحزب في تركيا ومواقع للتنظيم في سوريا يوم الاثنين". ACLED codes an event per
place (GUIDE: different places are separate events), so the clause is cut where such a phrase opens (rule
coordinated_site of rules/split.yaml) and each part that names a place of its own becomes an event mention there:
with its own act words when it has them (the clause's otherwise), its own toll when the parts tell one each, and the
clause's actors, date and modality. ACLED precedence then applies inside each part, not over the whole clause.

Measured (rules alone, train/ + dev/): tp 307 -> 309, fp 146 -> 146, F1 0.728 -> 0.731, fields 0.854 -> 0.853; on
the security subset 2703 -> 2718 events (+19 -4 in 12 articles: Turkish strikes on Syria and on north Iraq told in
one clause, coalition strike counts per town, a toll list per village); an unseen sample (seed 3304) unchanged.

A plain list of three or more towns ("قرب مدن الحبانية وحديثة ومخمور") is rasd.events.locate.split_listed_places';
two towns named together with no phrase of their own ("على بلدتي أ وب") stay one event over their area.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from rasd.doc import Doc
from rasd.events import locate, tolls
from rasd.events.detect import Candidate
from rasd.events.taxonomy import precedence
from rasd.events.tolls import starts_with_and
from rasd.kb.rules import load_rules
from rasd.model import Mention

RULES = load_rules("split")

_COORDINATED_SITE = RULES["coordinated_site"]
_COORDINATED_REACH = RULES.window("coordinated_site")
_NOT_A_SITE = RULES["not_a_site"]
_FIRST_SITE = RULES["first_site"]
_FIRST_SITE_REACH = RULES.window("first_site")
#: Quotation marks around a place name ("في «جبل أ»") say nothing of how two places are joined: read as
#: spaces (one for one, so offsets into the gap stay those of the text).
_QUOTES = str.maketrans("«»\"'“”()", "        ")
#: At most this many parts per clause (the guide's cap of events per article).
MAX_PARTS = 8


def split_sites(cands: list[Candidate], doc: Doc, kb, context_iso3: list[str], home_iso3: str | None,
                retype: Callable[[Candidate], None]) -> list[Candidate]:
    """Each candidate, or the event mentions of the places its clause tells its act at (see the module doc).
    `retype` types a part again from its own act words (rasd.events.build._retype)."""
    out: list[Candidate] = []
    for c in cands:
        out.extend(_parts(c, doc, kb, context_iso3, home_iso3, retype) or [c])
    return out


def _cuts(c: Candidate, doc: Doc) -> list[tuple[int, Mention, Mention]]:
    """Where the clause opens a phrase at a place of its own: the offset of the "و" word before each such place,
    with the place the phrase before it ends at and the place the new phrase opens at."""
    a, b = c.clause
    places = doc.mentions_in(a, b, "place")
    cuts = []
    for p, q in zip(places, places[1:], strict=False):
        if q.span.start < c.start or q.span.start - p.span.end > _COORDINATED_REACH:
            continue
        gap = doc.folded(p.span.end, q.span.start).translate(_QUOTES)
        m = _COORDINATED_SITE.search(gap)
        if m is None or _NOT_A_SITE.search(gap):
            continue
        start = m.start() + (gap[m.start()] != "و")  # (the match may open on the space before the و)
        start += len(gap[start:]) - len(gap[start:].lstrip(" ،,"))
        if not starts_with_and(gap[start:]):
            continue  # "وفق مصدر", "وجه ضربة": a word that begins with و, not the conjunction
        cuts.append((doc.orig_offset(p.span.end, start), _named_before_brackets(places, p, doc), q))
    return cuts


def _named_before_brackets(places: list[Mention], p: Mention, doc: Doc) -> Mention:
    """The place a bracketed second name stands for ("عين العرب (كوباني)": عين العرب), else `p` itself: the phrase
    before a cut ends at the place its preposition told, not at the name the brackets add to it."""
    at = places.index(p)
    if at and doc.text[places[at - 1].span.end:p.span.start].strip() == "(":
        return places[at - 1]
    return p


def _parts(c: Candidate, doc: Doc, kb, context_iso3: list[str], home_iso3: str | None,
           retype: Callable[[Candidate], None]) -> list[Candidate] | None:
    """The event mentions of `c`'s sites, or None when its clause tells its act at one site only. A clause is cut
    only when the first part stays at the place the whole clause is told at (or one inside it), and when it is
    dated to the day or its parts tell a toll each: otherwise the places are those of a campaign in summary."""
    loc = c.fields.loc
    if loc is None or loc.span is None or loc.inherited or not c.clause[0] <= loc.span.start < c.clause[1]:
        return None
    cuts = _cuts(c, doc)
    if not cuts:
        return None
    others = {(m.span.start, m.span.end) for m in doc.mentions_in(*c.clause, "place")}
    actors = {(r.span.start, r.span.end) for r in (c.fields.actor1, c.fields.actor2) if r is not None}
    # each site: its place and the stretches of the clause that tell the act there
    sites: list[tuple[locate.Location, list[tuple[int, int]]]] = []
    bounds = [c.clause[0]] + [cut for cut, _, _ in cuts] + [c.clause[1]]
    openings = [None] + [q for _, _, q in cuts]
    for (start, end), opening in zip(zip(bounds, bounds[1:], strict=False), openings, strict=True):
        where = _own_place(c, (start, end), opening, doc, kb, context_iso3, home_iso3, actors, others)
        if not sites and where is not None and cuts[0][1].span.start != (where.span.start if where.span else -1):
            # "غارات على ريف حلب، مخلفا أربعة قتلى في مدينة أ، وسبعة في مدينة ب": the first phrase's own town
            # (the place right before the first cut) when it is finer than the area all the places lie in
            town = _own_place(c, (start, end), cuts[0][1], doc, kb, context_iso3, home_iso3, actors, others)
            if town is not None and (town.geo_precision or 3) < (where.geo_precision or 3) and _told_as_site(doc, town):
                where = town  # (not a town of a list the clause's place opens: "قرب مدن أ وب وج ( د ) وحقول ...")
        if where is None:
            if not sites:
                return None  # the act's own phrase names no place: the later ones are no sites apart from it
            sites[-1][1].append((start, end))  # the part names no place (or only one the rules rule out)
            continue
        same = next((site for site in sites if _nested(where, site[0]) and not (
            _country_over(site[0], where) and _tells_act(c, site[1]))), None)
        if same is not None:
            same[1].append((start, end))  # "... في العراق ... وواصلت قصفها ... في شمال العراق": the same site
            continue
        sites.append((where, [(start, end)]))
    if len(sites) < 2 or not any(_nested(where, loc) for where, _ in sites) or not _told_as_site(doc, sites[0][0]):
        # (the clause is told at one of its sites, or a place inside one: "مسلحون قدموا من سوريا ومن داخل مخيم في
        # بلدة أ" is told at that town, and Syria, after no preposition of place, is where they came from; a clause
        # told at a district of its last part, "غارات في محافظة أ، ومواقع أخرى ... ومديرية ب", is told at each)
        return None
    own_tolls = [_tolls_in(doc, stretches) for _, stretches in sites]
    each_told = sum(1 for (kills, _), _hurt in own_tolls if kills is not None) >= 2
    if not each_told and not any(c.clause[0] <= t.start < c.clause[1] and t.precision == 1 for t in doc.times):
        # "تشن عمليات ضد التنظيم في سوريا والمتمردين في شمال العراق", "حرب بدأت الشهر الماضي شملت ضربات ...":
        # with no day and no toll of their own, the places are those of a campaign told in summary, not of acts
        # reported (ACLED codes the dated acts)
        return None
    parts = []
    for i, (where, stretches) in enumerate(sites[:MAX_PARTS]):
        fields = replace(c.fields, loc=where)
        if each_told:
            (kills, k_span), (hurts, h_span) = own_tolls[i]
            fields = replace(fields, fatalities=kills, fatalities_span=k_span, injured=hurts, injured_span=h_span)
        elif i:
            # a toll told once for the clause ("قتل أربعة في تفجير بمدينة أ وكمين بمدينة ب") stays with the first part
            fields = replace(fields, fatalities=None, fatalities_span=None, injured=None, injured_span=None)
        # the part's own act words name its act before its place ("وكمين بمدينة ب"); one told after it
        # ("... في سوريا يوم الاثنين وواصلت قصفها للمتمردين في شمال العراق") is an act at the next place
        own = [t for t in c.triggers if any(a <= t.span.start < b for a, b in stretches)
               and t.span.start < where.span.end and not t.attrs.get("kill_only")]
        part = replace(c, fields=fields, evidence=dict(c.evidence), missing=dict(c.missing), absorbed=[],
                       listed=bool(i), triggers=_ordered(own) if own else list(c.triggers))
        if own:
            part.event_type = part.anchor.attrs.get("event_type") or c.event_type
            part.sub_event_type = part.anchor.attrs.get("sub_event_type") or c.sub_event_type
            part.evidence["event_type"] = part.evidence["sub_event_type"] = part.anchor.span
            retype(part)
        parts.append(part)
    return parts


def _own_place(c: Candidate, stretch: tuple[int, int], opening: Mention | None, doc: Doc, kb,
               context_iso3: list[str], home_iso3: str | None, actors: set, others: set) -> locate.Location | None:
    """The place of one part: the place its phrase opens at when the rules of rasd.events.locate accept it there,
    else the one they choose among the part's own words ("وكمين بمدينة ب التي تقع شرقي القاهرة": that town, or by
    Cairo when the rules place it so); None when they choose one outside the part."""
    start, end = stretch
    tries = [actors | {span for span in others if not start <= span[0] < end}]
    if opening is not None:
        tries.insert(0, actors | (others - {(opening.span.start, opening.span.end)}))
    for used in tries:
        where = locate.locate(c, doc, kb, context_iso3, home_iso3, used)
        if where.span is not None and not where.inherited and start <= where.span.start < end:
            return where
    return None


def listed_as_sites(c: Candidate, doc: Doc) -> bool:
    """Is `c` placed at one town of a list told as where acts were ("... قرب حلب والرقة ودير الزور",
    rasd.events.locate.split_listed_places), not one where people were taken from ("نقل السجناء من سجون أ وب وج")?
    Read before the list's first town."""
    loc = c.fields.loc
    if not c.listed or loc is None or loc.span is None:
        return False
    clause = c.clause if loc.span.start < c.clause[1] else (c.clause[0], c.sentence[1])
    listed = locate._place_list(doc, loc.span, clause)
    return bool(listed) and _FIRST_SITE.search(doc.folded(max(0, listed[0].span.start - _FIRST_SITE_REACH),
                                                          listed[0].span.start).translate(_QUOTES)) is not None


def _told_as_site(doc: Doc, where: locate.Location) -> bool:
    """Is the place told after a preposition of place (rule first_site)? Read before the place name itself: the
    location's span may hold a word of distance or direction before it ("قرب الموصل", "شرقي القاهرة")."""
    names = doc.mentions_in(where.span.start, where.span.end, "place")
    at = names[0].span.start if names else where.span.start
    return _FIRST_SITE.search(doc.folded(max(0, at - _FIRST_SITE_REACH), at).translate(_QUOTES)) is not None


def _ordered(triggers: list[Mention]) -> list[Mention]:
    """The part's act words, the one ACLED precedence ranks first leading (as rasd.events.detect does per clause)."""
    best = min(triggers, key=lambda t: precedence(t.attrs.get("sub_event_type") or ""))
    return [best] + [t for t in triggers if t is not best]


def _nested(a: locate.Location, b: locate.Location) -> bool:
    """Is one place the other or inside it (the town and its province or country)? Then both name one site."""
    if a.location == b.location or a.location == b.admin1 or b.location == a.admin1:
        return True  # ("محافظة إدلب" after "بلدة أ": the town's province, whatever precision it resolved to)
    if a.iso3 != b.iso3:
        return False  # one act is in one country: places of two countries are two sites
    wide, narrow = sorted((a, b), key=lambda x: -(x.geo_precision or 3))
    if (wide.geo_precision or 3) < 3:
        return False
    return wide.admin1 is None or wide.admin1 == narrow.admin1


def _country_over(site: locate.Location, where: locate.Location) -> bool:
    """Is the site only the country and `where` a province or town of it? A part that opens its own phrase at a
    province or a district ("... في محافظة أ وسط اليمن، ومواقع أخرى في جبل ب بمحافظة عمران ومديرية حيس بمحافظة
    الحديدة") is a site of its own, not the country the first part was told in (a region of it, "شمال العراق",
    has no province and stays that site). Only when the country's part tells the act itself (_tells_act)."""
    return site.admin1 is None and (site.geo_precision or 3) >= 3 and where.admin1 is not None


def _tells_act(c: Candidate, stretches: list[tuple[int, int]]) -> bool:
    """Does an act word of the clause lie in these stretches? ("بريم التي تعمل ... في اليمن ... قد خطفهما مسلحون في
    صنعاء": the country is where she worked, told before the act word, no site of an act.)"""
    return any(a <= t.span.start < b for t in c.triggers for a, b in stretches)


def _tolls_in(doc: Doc, stretches: list[tuple[int, int]]):
    """The part's own dead and wounded, each with its span (None when it tells none)."""
    return tuple(tolls.total([t for a, b in stretches for t in tolls.find_tolls(doc, a, b, kind)], doc)
                 for kind in ("kill", "injure"))
