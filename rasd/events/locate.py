"""Choose the place an event happened at, and turn it into coordinates, admin units and ACLED geo-precision.

The most specific place the clause ties to the event wins (a crossing beats a governorate), not merely the first
place in the article. Relative phrases ("45 كم شمال معبر الوليد", "قرب ناحية الصقلاوية") are read by `geocode`.
A border phrase ("قرب الحدود مع سوريا") places the event in the home country's border area, not in the neighbour.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from rasd.doc import Doc
from rasd.events.arguments import stance_subject
from rasd.events.detect import Candidate
from rasd.events.geocode import (
    SPECIFICITY,
    Relation,
    fold_prefix,
    geo_precision,
    is_large_city,
    offset_point,
    place_level,
    relation_before,
)
from rasd.events.timing import list_head
from rasd.kb.gazetteer import UnknownPlaceError
from rasd.kb.rules import load_rules
from rasd.model import Mention, Span
from rasd.text.normalize import fold

RULES = load_rules("locate")

_BORDER_RE = RULES["border"]
_OUTPOST_RE = RULES["outpost"]
_TERRITORY_RE = RULES["territory"]


_HOME_REGION_RE = RULES["home_region"]
_HOME_WORD_RE = RULES["home_word"]


@dataclass
class Location:
    """Where one event happened, with the span that says so."""

    country: str | None = None
    iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    offset: dict | None = None
    place_id: str | None = None
    span: Span | None = None
    missing: dict = field(default_factory=dict)
    inherited: bool = False  # taken from a sentence before the event's own
    # Taken only as a last resort, the place where the act was told (rule venue_place: "قال في مؤتمر صحافي عقده في
    # أنقرة إن التفجير ناجم عن اعتداء"): no evidence against another report's place of the act
    last_resort: bool = False
    area: bool = False  # the countryside of the place ("بريف حلب"), which stands for a part of its province
    # The place the article names last before the act when the act's own sentences name none (`_context_place`):
    # the event's place as coded, yet not the act's own (the coding filters read only the act's own place).
    context: Location | None = None

    @property
    def below_province(self) -> bool:
        """A place below province level: a town or a site (ACLED precision 1 or 2), or a town's countryside
        ("بريف حلب الشمالي": precision 3 as a large part of the province, yet a part of it, which places one act
        as a town does)."""
        return (self.geo_precision is not None and self.geo_precision <= 2) or self.area


#: What a place's specificity is raised by when it is only a last resort (a source's seat, a cause, an origin).
LAST_RESORT = 10


def resolve_place(m: Mention, kb, context_iso3: list[str]):
    """The gazetteer entry a place mention stands for, using the article's countries to disambiguate."""
    ids = list(m.attrs.get("candidates") or []) or ([m.value] if m.value else [])
    places = []
    for pid in ids:
        try:
            places.append(kb.gazetteer.get(pid))
        except Exception:  # noqa: BLE001 - stale id: skip it
            continue
    if not places:
        return None
    rank = {iso: i for i, iso in enumerate(context_iso3)}

    def key(p):
        return (rank.get(p.iso3, len(rank)), SPECIFICITY.get(p.kind, 9) if p.kind in ("admin1", "admin2", "country")
                else 1, -(p.population or 0))

    return min(places, key=key)


def _fill_admin(loc: Location, place, kb) -> None:
    loc.country, loc.iso3 = place.country, place.iso3
    loc.admin1, loc.admin2, loc.admin3 = place.admin1, place.admin2, place.admin3
    if place.kind == "admin1":
        loc.admin1 = loc.admin1 or place.name_en
    elif place.kind == "admin2":
        loc.admin2 = loc.admin2 or place.name_en
    elif place.kind == "admin3":
        loc.admin3 = loc.admin3 or place.name_en
    if loc.latitude is not None and loc.longitude is not None and place.kind not in ("admin1", "country") and not (
            place.feature == "district" and place.admin1):
        # (a city district keeps its city's admin1 from the build: "Jobar (Damascus)" lies in Damascus, which the
        # simplified polygons draw as Rural Damascus)
        try:
            admin = kb.gazetteer.admin_for_point(loc.latitude, loc.longitude) or {}
        except Exception:  # noqa: BLE001 - no polygon data for this point: keep the place's own admin names
            admin = {}
        if admin.get("iso3") and admin.get("iso3") == place.iso3:
            for key in ("admin1", "admin2", "admin3"):
                if admin.get(key):
                    setattr(loc, key, admin[key])


_WHERE_RE = RULES["where_clause"]
_WHERE_GAP_RE = RULES["where_gap"]


def _where_antecedent(doc: Doc, cand: Candidate) -> Mention | None:
    """The place a "حيث" clause refers back to ("وامتدت الاحتجاجات إلى الكوت، حيث اقتحم متظاهرون مبنى المحافظة"):
    the last place named before the clause in its sentence, even inside a clause that reports an act of its own
    (whose places are otherwise its own)."""
    if cand.clause[0] <= cand.sentence[0] or not _WHERE_RE.match(doc.folded(*cand.clause)):
        return None
    before = [p for p in doc.mentions_in(cand.sentence[0], cand.clause[0], "place") if p.span.end <= cand.clause[0]]
    if not before or not _WHERE_GAP_RE.match(doc.folded(before[-1].span.end, cand.clause[0])):
        return None
    return before[-1]


def _preceding(doc: Doc, cand: Candidate) -> tuple[int, int]:
    """Up to two sentences before the candidate's, within its paragraph: the place a follow-up sentence leaves
    unsaid ("... في حي الدورة. وأكدت قتل خمسة عناصر أثناء مواجهتهم القوة الأمنية")."""
    p0, _ = doc.paragraph_of(cand.sentence[0])
    i = cand.sentence_index
    start = cand.sentence[0]
    for k in (i - 1, i - 2):
        if k < 0 or doc.sentences[k].start < p0:
            break
        start = doc.sentences[k].start
    return start, cand.sentence[0]


def locate(cand: Candidate, doc: Doc, kb, context_iso3: list[str], home_iso3: str | None,
           used_spans: set[tuple[int, int]], other_clauses: frozenset[tuple[int, int]] = frozenset(),
           depth: int = 0) -> Location:
    """The location of one candidate event (empty Location with reasons when the text names none).

    Places in the clause come first; then places elsewhere in the sentence, except in clauses that report events
    of their own (their places are theirs)."""
    best = None  # (score, mention, place, relation, border_iso)
    scopes = [cand.clause, cand.sentence, _preceding(doc, cand)]
    head = list_head(doc, cand.sentence_index)
    if head is not None:
        scopes.append(head)  # "• شهيدان في قصف على الحي" under "حصيلة اليوم في ريف إدلب:": the head's place
    scopes.extend((m.span.start, m.span.end) for m in _datelines(doc) if m.span.end <= cand.sentence[0])
    where_antecedent = _where_antecedent(doc, cand)
    coarse = None  # the clause's own place when it is only a country, until the sentence says where in it
    left_out = None  # (place mention, why) of a place left out for its role: an actor's, the fire's origin
    for scope_rank, (a, b) in enumerate(scopes):
        for m in doc.mentions_in(a, b, "place", "nationality"):
            if (m.span.start, m.span.end) in used_spans:
                continue
            if scope_rank == 1 and not cand.anchor.attrs.get("territory") and m is not where_antecedent and any(
                    c0 <= m.span.start < c1 and (coarse is None or doc.mentions_in(c0, m.span.start, "trigger"))
                    for c0, c1 in other_clauses if (c0, c1) != cand.clause):
                continue  # (refining a country, a place before the other clause's own act word still counts:
                # "في سوريا بينما كان يتنقل قرب بلدة سرمدا، وكان ضمن من أُخطروا بهجمات ...")
            prefix = fold_prefix(doc.text, m.span.start)
            if m.kind == "place" and _OFFICE_RE.search(prefix[-RULES.window("office"):]):
                continue  # "سفارة العراق", "القنصل التركي في أربيل": a mission abroad speaks, not where the act was
            if m.kind == "place" and _WATER_BODY_RE.search(prefix[-RULES.window("water_body"):]):
                continue  # "على ضفاف بحيرة تشاد": the lake, not the country
            if m.kind == "place" and m.span.end <= cand.anchor.span.start and stance_subject(doc, m.span.start):
                continue  # "دانت الأردن التفجير ... في مدينة الكويت": the state that condemns, not the place
            border_m = _BORDER_RE.search(prefix[-RULES.window("border"):])
            border = border_m is not None
            border_back = len(prefix[-RULES.window("border"):]) - border_m.start() if border_m else 0
            if m.kind == "nationality" and _TERRITORY_RE.search(prefix[-RULES.window("territory"):]):
                # "داخل الاراضي السورية": the territory of that country, as good as naming it.
                place = _country(kb, m.value)
                if place is None:
                    continue
                if _FIRE_ORIGIN_RE.search(prefix[-RULES.window("fire_origin"):]):
                    continue  # "قذائف أطلقت من داخل أراضي الجار": where the fire came from, not where it struck
                score = (scope_rank, SPECIFICITY["country"], 0, abs(m.span.start - cand.anchor.span.start))
                cand_best = (score, m, place, None, None)
            elif m.kind == "nationality" and _CAPITAL_OF_RE.search(prefix[-RULES.window("capital_of"):]):
                # "في العاصمة الصومالية": that country's capital city.
                place = kb.gazetteer.capital(m.value) or _country(kb, m.value)
                if place is None:
                    continue
                score = (scope_rank, SPECIFICITY.get(place_level(place), 6), 0,
                         abs(m.span.start - cand.anchor.span.start))
                cand_best = (score, m, place, None, None)
            elif m.kind == "nationality":
                if not border:
                    # A nationality on the target ("قاعدتين عسكريتين عراقيتين") gives the country only.
                    if m.span.start < cand.anchor.span.start or not _SITE_NOUN_BEFORE.search(prefix[-RULES.window("site_noun_before"):]):
                        continue  # (not "بطل الملاكمة التايلاندية": Thai boxing is no place)
                    place = _country(kb, m.value)
                    if place is None:
                        continue
                    score = (scope_rank, 7, 0, abs(m.span.start - cand.anchor.span.start))
                    cand_best = (score, m, place, None, None)
                else:
                    score = (scope_rank, 4.5, 0, abs(m.span.start - cand.anchor.span.start))
                    cand_best = (score, m, None, border_back, m.value)
            else:
                if _HOME_WORD_RE.match(fold(m.span.text)):
                    # "البلاد" / "البلد": the country the article is about ("جنوب شرق البلاد").
                    place = _country(kb, home_iso3)
                else:
                    place = resolve_place(m, kb, context_iso3)
                if place is None:
                    continue
                if (place.kind == "populated" and (place.population or 0) < 100_000 and doc.support_of
                        and place.iso3 not in doc.support_of):
                    continue  # a village abroad that nothing else in the article points to: a chance homograph
                if place.iso3 not in doc.support_of and shared_abroad(m, kb):
                    continue  # "في البنجاب" in an article naming neither Pakistan nor India: which Punjab is unsaid
                if kb.gazetteer.in_world_tier(place.id) and (
                        not _WORLD_LOCATIVE.search(prefix[-RULES.window("world_locative"):])
                        or _WORLD_SOURCE_RE.search(prefix[-RULES.window("world_source_place"):])) and not (
                        is_dateline(doc, m)):
                    continue  # "وتقود واشنطن", "شاختار دونيتسك", "المرصد ... في لندن": no place of the act
                if _state_capital(doc, cand, m, place, kb):
                    left_out = m, "names its state (a capital named bare: a subject, possessor or source)"
                    continue  # "بين واشنطن وأنقرة ... وقصفت طائرات حربية تركية أهدافا في سوريا", "بحسب أنقرة"
                if _FIRE_ORIGIN_RE.search(prefix[-RULES.window("fire_origin"):]):
                    left_out = m, "is where the fire, the weapons or the fighters came from"
                    continue  # "قذائف قادمة من سوريا": where the fire came from, not where it struck
                if _ACTOR_ROLE_RE.search(prefix[-RULES.window("actor_role"):]):
                    left_out = m, "is named for an actor: who leads, backs, trained or rules it"
                    continue  # "التحالف بقيادة السعودية", "موالون لروسيا", "دربتهم أميركا", "نظام طهران"
                if lone_namesake(doc, m, place, kb, home_iso3) and not (
                        _NAMED_AS_PLACE_RE.search(prefix[-RULES.window("namesake_named_as_place"):]) and (
                            is_large_city(place) or not (kb.gazetteer.in_world_tier(place.id)
                                                         or kb.gazetteer.mostly_a_word(fold(m.span.text))))):
                    continue  # "المتحدث علي الأحمدي", "قنابل مسيلة للدموع", "قرية بيتا" in Nigeria: a name that
                    # alone gives its country to the article is a person's name, a word or a namesake; a major
                    # city, or a core country's place whose name the news uses as a place, named as a place
                    # ("في الرمادي", "في منطقة عسير") is still the act's
                if _AGENCY_NAME_RE.search(prefix[-RULES.window("agency_name"):]) or _MEDIUM_NAME_RE.search(
                        prefix[-RULES.window("medium_name"):]):
                    continue  # "حسب وكالة أنباء فارس", "قالت مصادر لـ«الرياض»": a source's or a paper's name, not
                    # where the act was
                place = _by_designator(kb, m, place, prefix)
                rel = relation_before(prefix)
                if rel.kind in ("direction", "offset") and _describes_previous(doc, m, a, kb, context_iso3, home_iso3):
                    continue  # "المدائن جنوب شرقي بغداد": Baghdad only says where al-Mada'in is
                if border and place.kind == "country":
                    score = (scope_rank, 4.5, 0, abs(m.span.start - cand.anchor.span.start))
                    cand_best = (score, m, None, border_back, place.iso3)
                elif border:
                    continue  # "حتى حدود قطاع غزة": a boundary named to draw a line, not where it happened
                else:
                    spec = SPECIFICITY.get(place_level(place), 6)
                    if rel.kind == "offset":
                        spec -= 0.5
                    elif rel.kind == "area":
                        # "في ريف حماة الشمالي ... على أطراف بلدة كفرزيتا": a town's countryside is a general area, as a
                        # named small area is; a town or site the clause names in it is finer
                        spec = max(spec, SPECIFICITY["small_area"])
                    venue = m.span.end <= cand.anchor.span.start and bool(
                        _VENUE_PLACE_RE.search(prefix[-RULES.window("venue_place"):]))
                    if venue:
                        spec += LAST_RESORT  # "قال في مؤتمر صحافي عقده في أنقرة إن التفجير ...": where it was said
                    elif m.span.end <= cand.anchor.span.start and (
                            _SOURCE_PLACE_RE.search(prefix[-RULES.window("source_place"):])
                            or _SPEAKER_PLACE_RE.search(prefix[-RULES.window("speaker_place"):])):
                        # "أفاد ناشطون في مدينة دير الزور بأن ... في مدينة البوكمال": where the source sits is
                        # only a last resort ("مصدر في شرطة ديالى" with no other place still points there).
                        spec += LAST_RESORT
                    elif _CAUSE_PLACE_RE.search(prefix[-RULES.window("cause_place"):]):
                        spec += LAST_RESORT  # "مظاهرة في لندن تضامنا مع غزة": the place the act stands with is what it is
                        # for; only a last resort, after every other place of the clause
                    elif _ORIGIN_PLACE_RE.search(prefix[-RULES.window("origin_place"):]):
                        spec += LAST_RESORT  # "اشتباكات بين مدنيين من الرقة ومسلحين في قرية شرق المدينة": where people
                        # come from is only a last resort (with no other place, a raid on their town still is)
                    foreign = int(home_iso3 is not None and place.iso3 != home_iso3)
                    score = (scope_rank, spec, foreign, abs(m.span.start - cand.anchor.span.start), venue)
                    cand_best = (score, m, place, rel, None)
            if coarse is not None and not (
                    _refines(cand_best, coarse) and m.span.start > cand.anchor.span.start
                    and _WORLD_LOCATIVE.search(prefix[-RULES.window("world_locative"):])
                    and 0 <= m.span.start - coarse[1].span.end <= RULES.window("in_country_place")
                    and _IN_COUNTRY_PLACE_RE.match(doc.folded(coarse[1].span.end, m.span.start))):
                continue  # (named as a place, after the act word: not a speaker, a subject, "بين واشنطن وأنقرة")
            if best is None or cand_best[0] < best[0]:
                best = cand_best
        if best is None and coarse is not None:
            best = coarse  # nothing in the sentence lies in the clause's country: the country it stays
        if best is not None and scope_rank == 0 and _country_only(best):
            # "قتل في ضربة جوية في سوريا بينما كان يتنقل قرب بلدة سرمدا": the clause names only the country; a
            # town of that country the same sentence names (not in a clause of another act) says where in it.
            coarse, best = best, None
            continue
        if best is not None:
            break
    loc = Location()
    if best is not None and best[0][0] >= 2:
        if best[2] is None or best[2].kind == "country":
            best = None  # only a country or a border before: no more than the article's country itself
        else:
            loc.inherited = True
            loc.missing["location"] = "no place in this sentence: the place named just before in the paragraph"
    if best is None:
        home_place = _country(kb, home_iso3)
        words = _HOME_REGION_RE.search(doc.folded(*cand.clause))
        if home_place is not None and words:
            # "في جنوب شرقي البلاد": a region of the country the article is about.
            loc.country, loc.iso3, loc.geo_precision = home_place.name_en, home_iso3, 3
            loc.location = home_place.name_en
            start = doc.orig_offset(cand.clause[0], words.start())
            loc.span = doc.span(start, doc.orig_offset(cand.clause[0], words.end()))
            loc.missing["latitude"] = "only a region of the country is named"
            return loc
        loc.missing["location"] = "the text names no place for this event"
        if left_out is not None:
            loc.missing["location"] += f" ({left_out[0].span.text!r} {left_out[1]}, not where the act was)"
        if home_place is not None and _placed_in(doc, kb, home_iso3):
            # ACLED codes an act whose report names no place in the country the report establishes, at precision 3
            # (established by a place of that country: a victim's nationality or an actor's is not the event place).
            loc.country, loc.iso3, loc.geo_precision = home_place.name_en, home_iso3, 3
            loc.missing["country"] = "no place named for this act: the country the article is about"
            loc.missing["latitude"] = "no place named for this act"
        if depth == 0 and cand.sentence_index > 0 and home_place is not None:
            loc.context = _context_place(cand, doc, kb, context_iso3, home_iso3, used_spans, other_clauses,
                                         home_iso3)
        return loc
    score, m, place, rel, border_iso = best
    loc.last_resort = len(score) > 4 and score[4]  # (only a venue: a source's seat is often the act's town too)
    if border_iso is not None:
        # "الحدود مع سوريا" / "الحدود التركية - السورية": the border of the article's country with the other one.
        named = [border_iso] + [_iso_of(kb, x) for x in doc.mentions_in(m.span.end, m.span.end + 16, "nationality",
                                                                          "place")]
        named = [x for x in dict.fromkeys(named) if x]
        home = home_iso3 if home_iso3 else named[0]
        if home == border_iso and doc.folded(max(0, m.span.start - 8), m.span.start).split()[-1:] == ["مع"]:
            # "قرب الحدود مع سوريا": the act is on the other side of that border, in the country the clause
            # names nearest to it ("موقع للجيش التركي قرب الحدود", "أجزاء من سوريا بمحاذاة الحدود مع تركيا"),
            # else the next country of the article.
            own = [_iso_of(kb, x) for x in sorted(doc.mentions_in(*cand.clause, "nationality", "place"),
                                                   key=lambda x: abs(x.span.start - m.span.start))
                   if not (m.span.start <= x.span.start < m.span.end)]
            home = next((x for x in own + list(context_iso3) if x and x != border_iso), home)
        others = [x for x in named if x != home]
        home_place = _country(kb, home)
        if home_place is None:
            loc.missing["location"] = "a border area with no home country in the text"
            return loc
        other = _country(kb, others[0]) if others else None
        loc.country, loc.iso3 = home_place.name_en, home
        loc.location = (f"{home_place.name_en}-{other.name_en} border area" if other
                        else f"{home_place.name_en} border area")
        loc.geo_precision = 3
        loc.span = _phrase_span(doc, m, rel)
        loc.missing["latitude"] = "a border area: no single point is named"
        return loc
    anchor = _described_by(doc, m, place, kb, context_iso3, cand.clause)
    if anchor is not None:
        # "حصيبة والمضيق شرقي الرمادي": the name resolved to a namesake far from the place it is said to be near.
        m, place, rel = anchor
    loc.place_id = place.id
    loc.location = place.name_en
    loc.latitude, loc.longitude = place.lat, place.lon
    relation = rel.kind if rel else "at"
    if relation == "within" and is_large_city(place):
        relation = "at"  # "منطقة السلطان أحمد في اسطنبول": a district of a large city is the city (ACLED 2.3)
    # The countryside of a town ("بريف حلب") or a named small area ("الغوطة الغربية", "جبل التركمان") holds towns.
    loc.area = relation == "area" or place_level(place) == "small_area"
    loc.geo_precision = geo_precision(place_level(place), relation, place.population or 0)
    if relation == "within" and place_level(place) == "admin1":
        # "في منطقة زرغون بإقليم بكتيكا", "قرية X في محافظة Y": a named small area the gazetteer lacks, placed
        # only by its province: ACLED's "a small part of a region ... names a general area" (2), not the province.
        loc.geo_precision = 2
    if relation == "area" and not _COUNTRYSIDE_SETTLEMENT_RE.search(
            doc.folded(min(cand.clause[0], m.span.start), cand.clause[1])):
        loc.geo_precision = 3  # "بريف حلب الشمالي" and no smaller place in it: a large region (ACLED 2.3)
    if loc.geo_precision == 1 and place.kind == "populated" and _OUTPOST_RE.search(
            doc.folded(cand.clause[0], max(cand.clause[0], m.span.start))) and not _named_with(doc, m, "in_town"):
        # An army post, a checkpoint or a road named before a town lies on its outskirts or in its district, not
        # in the town itself: ACLED's "near the town" (2).
        loc.geo_precision = 2
    if loc.geo_precision == 1 and place.kind == "populated" and not is_large_city(place) and (
            _district_named(doc, m) or _district_of_country(doc, m, place)):
        loc.geo_precision = 2  # "في منطقة ألمار", "بمحافظة الحرث": the district around the town, not the town
    if loc.geo_precision == 1 and place.kind == "populated" and _SITE_OF_TOWN_RE.search(
            fold_prefix(doc.text, m.span.start)[-RULES.window("site_of_town"):]):
        loc.geo_precision = 2  # "عندما حط في مطار اللد": the airport named after the town, not the town
    if loc.geo_precision == 1 and _two_places(doc, m, cand.clause):
        # "على بلدتي الفوعة وكفريا", "في حصيبة والمضيق": one event over two towns is coded to one of them as the
        # area it stands for (2).
        loc.geo_precision = 2
    if loc.geo_precision == 1 and (m.span.end <= cand.anchor.span.start or not cand.clause[0] <= m.span.start < cand.clause[1]) and _unnamed_area(doc, (max(cand.clause[0], m.span.end), cand.clause[1])):
        # "كركوك | هجوم ... في وادي العناز جنوب المحافظة": after the town named before the act word (or outside its
        # clause) the clause names an area the gazetteer lacks; the town stands for that area (2)
        loc.geo_precision = 2
    if rel is not None and rel.kind == "offset" and place.lat is not None and place.lon is not None:
        loc.latitude, loc.longitude = offset_point(place.lat, place.lon, rel.km, rel.bearing_deg)
        loc.offset = {"km": rel.km, "bearing_deg": rel.bearing_deg, "anchor": place.name_en}
    loc.span = _phrase_span(doc, m, len(fold_prefix(doc.text, m.span.start)) - rel.start if rel else 0)
    if place.kind == "country":
        loc.latitude = loc.longitude = None
        loc.missing["latitude"] = "only the country is named"
    _fill_admin(loc, place, kb)
    return loc


#: How many sentences back an act with no place of its own looks for the place the article names last.
CONTEXT_SENTENCES = 8


def _context_place(cand: Candidate, doc: Doc, kb, context_iso3: list[str], home_iso3: str | None,
                   used_spans: set[tuple[int, int]], other_clauses: frozenset[tuple[int, int]],
                   iso3: str | None) -> Location | None:
    """The place an act takes from the article when its own sentence and the two before name none below its country
    ("وتمكن عساكر الجيش من اقتحام المستشفى" three paragraphs after "اشتباكات ... في مدينة دنقلا"): the nearest
    earlier sentence that names a town, a site or a province of the act's country (`iso3`) tells where the story
    is, as an ACLED coder reads the whole report. The place is chosen in that sentence as the act's own would be.
    None when the act's clause names a settlement the gazetteer lacks ("في قرية غولة زندان": the words of
    `countryside_settlement`): the act has a place of its own, just not one the rules can code."""
    if any(not m.group().strip().lstrip("وفبل").startswith("ال")
           for m in _COUNTRYSIDE_SETTLEMENT_RE.finditer(doc.folded(*cand.clause))):
        return None  # (not "في المنطقة": the area told of before)
    for k in range(cand.sentence_index - 1, max(-1, cand.sentence_index - 1 - CONTEXT_SENTENCES), -1):
        sent = doc.sentences[k]
        if not doc.mentions_in(sent.start, sent.end, "place"):
            continue
        acts = doc.mentions_in(sent.start, sent.end, "trigger")
        # (placed as that sentence's own act is: the place nearest its act word, not the one nearest this act's)
        there = replace(cand, clause=(sent.start, sent.end), sentence=(sent.start, sent.end), sentence_index=k,
                        triggers=acts[:1] or cand.triggers)
        loc = locate(there, doc, kb, context_iso3, home_iso3, used_spans, other_clauses, depth=1)
        named = next((m for m in doc.mentions_in(loc.span.start, loc.span.end, "place")), None) if (
            loc.span is not None and loc.place_id) else None
        if named is not None and len({p.iso3 for p in _namesakes(kb, named, kb.gazetteer.get(loc.place_id))}
                                     | {loc.iso3}) > 1:
            continue  # "الرياض" read as a village of the act's country: a name other countries' places share
        if loc.span is None or loc.location is None or loc.iso3 != iso3 or loc.admin1 is None or loc.inherited:
            continue
        place = kb.gazetteer.get(loc.place_id) if loc.place_id else None
        if (place is not None and (is_large_city(place) or kb.gazetteer.in_world_tier(place.id))
                and not _WORLD_LOCATIVE.search(fold_prefix(doc.text, loc.span.start)[-RULES.window("world_locative"):])):
            continue  # "وتراهن دمشق", "وتقود أنقرة": a capital named for its government, not where the story is
        loc.inherited = True
        loc.missing["location"] = "no place in this act's sentences: the place the article names last before it"
        return loc
    return None


_DIRECTION_ONLY_RE = RULES["direction_only"]
_OFFSET_OF_PREVIOUS_RE = RULES["offset_of_previous"]


_SITE_NOUN_BEFORE = RULES["site_noun_before"]
_CAPITAL_OF_RE = RULES["capital_of"]
_OFFICE_RE = RULES["office"]
_WATER_BODY_RE = RULES["water_body"]
_SOURCE_PLACE_RE = RULES["source_place"]
_SPEAKER_PLACE_RE = RULES["speaker_place"]
_VENUE_PLACE_RE = RULES["venue_place"]
_AGENCY_NAME_RE = RULES["agency_name"]
_MEDIUM_NAME_RE = RULES["medium_name"]
_ORIGIN_PLACE_RE = RULES["origin_place"]
_FIRE_ORIGIN_RE = RULES["fire_origin"]
_CAUSE_PLACE_RE = RULES["cause_place"]
_ACTOR_ROLE_RE = RULES["actor_role"]
_WORLD_LOCATIVE = RULES["world_locative"]
_WORLD_SOURCE_RE = RULES["world_source_place"]
_CAPITAL_OBJECT_RE = RULES["capital_object"]
_NAMED_AS_PLACE_RE = RULES["namesake_named_as_place"]
_IN_COUNTRY_PLACE_RE = RULES["in_country_place"]
_DUAL_DESIGNATOR = RULES["dual_designator"]
_DISTRICT_WORD_RE = RULES["district_word"]
_SITE_OF_TOWN_RE = RULES["site_of_town"]
_COUNTRYSIDE_SETTLEMENT_RE = RULES["countryside_settlement"]
_UNNAMED_AREA_RE = RULES["unnamed_area"]


def _state_capital(doc: Doc, cand: Candidate, m: Mention, place, kb) -> bool:
    """Is a core country's capital named bare for its state, not as the act's place (rule capital_as_place:
    "بين واشنطن وأنقرة", "إصرار أنقرة", "بحسب أنقرة")? Not after a place word or a designator ("في أنقرة",
    "بالعاصمة أنقرة", "سكان كابل", "بجنوب صنعاء"), as a dateline, after a verb that has the town witness or suffer
    the act ("شهدت بغداد"), nor as the object right after the act word ("قصف طيران التحالف صنعاء": rule
    capital_object), nor listed with towns that are no capitals ("بغداد والبصرة والنجف"). A capital that shares its
    name with its country ("الكويت") is left alone: the country is named either way."""
    if place.kind != "populated" or place.feature != "PPLC" or kb.gazetteer.in_world_tier(place.id):
        return False
    for pid in m.attrs.get("candidates") or ():
        try:
            if kb.gazetteer.get(pid).kind == "country":
                return False
        except UnknownPlaceError:  # a stale id: skip it
            continue
    if _named_with(doc, m, "world_locative") or _named_with(doc, m, "capital_as_place") or is_dateline(doc, m):
        return False
    if relation_before(fold_prefix(doc.text, m.span.start)).kind in ("direction", "offset"):
        return False  # "في محافظة اب بجنوب صنعاء": a direction from the town places it
    for other in _place_list(doc, m.span, cand.sentence):
        if other is not m and other.kind == "place":
            named = resolve_place(other, kb, [place.iso3])
            if named is not None and named.feature != "PPLC" and not kb.gazetteer.in_world_tier(named.id):
                return False  # "لتشمل بغداد والبصرة والنجف": listed with towns, a town itself ("واشنطن وأنقرة": states)
    anchor = cand.anchor.span
    return not (anchor.end <= m.span.start < cand.clause[1] and cand.clause[0] <= anchor.start
                and _CAPITAL_OBJECT_RE.match(doc.folded(anchor.end, m.span.start)))


def _country_only(best) -> bool:
    """Is a chosen place (locate's `best` tuple) a whole country, not a border area?"""
    return best[2] is not None and best[2].kind == "country" and best[4] is None


def _refines(cand_best, coarse) -> bool:
    """Does a place of the sentence say where in the clause's country the act was: a place below the country, in
    it, and not one the rules keep as a last resort (a source's seat, where people come from: score + 10)?"""
    place = cand_best[2]
    return (place is not None and cand_best[4] is None and place.kind != "country" and place.iso3 == coarse[2].iso3
            and cand_best[0][1] < 10)


def _named_with(doc: Doc, m: Mention, rule: str) -> bool:
    """Does the place rule `rule` match the words before the place: the text before it, and the first word of a
    mention the gazetteer holds with its designator ("منطقة اغري", "مدينة بعقوبة")?"""
    before = fold_prefix(doc.text, m.span.start)[-RULES.window(rule):]
    words = fold(m.span.text).split()
    # (both: "مديرية X Y" is a two-word name after its designator, "مدينة بعقوبة" a name with its own)
    return bool(RULES[rule].search(before) or (len(words) > 1 and RULES[rule].search(f"{before} {words[0]} ")))


def _district_named(doc: Doc, m: Mention) -> bool:
    """The place is named as a district or area ("منطقة ألمار", "مديرية حزم العدين"): the word before it, or the
    first word of a mention the gazetteer holds with its designator ("منطقة اغري")."""
    return _named_with(doc, m, "district_word")


def _district_of_country(doc: Doc, m: Mention, place) -> bool:
    """The place is named with a designator that names a town's district in its country ("بمحافظة الحرث" in Saudi
    Arabia): the word before it, or the first word of a mention the gazetteer holds with its designator."""
    before = fold_prefix(doc.text, m.span.start)
    words = fold(m.span.text).split()
    return _names_a_district(before, place) or (len(words) > 1 and _names_a_district(f"{before} {words[0]}", place))


def _unnamed_area(doc: Doc, clause: tuple[int, int]) -> bool:
    """Does the stretch (a clause, from the place on) name an area the gazetteer lacks (rule unnamed_area: an area
    noun and a name no place mention starts at, or a direction from "the city / the province" not right at its
    start)?"""
    folded = doc.folded(*clause)
    for hit in _UNNAMED_AREA_RE.finditer(folded):
        if hit.group("anaphor"):
            if folded[:hit.start()].strip(" ,.;:-()\"'"):
                return True  # (not "حي النصر شمال المدينة": right after the place, it only says where that is)
            continue
        start = doc.orig_offset(clause[0], hit.start("name"))
        if not any(p.span.start <= start < p.span.end for p in doc.mentions_in(start - 40, start + 40, "place")):
            return True
    return False


def _two_places(doc: Doc, m: Mention, clause: tuple[int, int]) -> bool:
    """The place is one of two named together: after a dual designator, or joined by و to another place."""
    if _DUAL_DESIGNATOR.search(fold_prefix(doc.text, m.span.start)[-RULES.window("dual_designator"):]):
        return True
    nxt = next((p for p in doc.mentions_in(m.span.end, clause[1], "place")), None)  # (wholly inside: no cap)
    return nxt is not None and doc.text[m.span.end:nxt.span.start].strip() == "و"


def _describes_previous(doc: Doc, m: Mention, clause_start: int, kb, context_iso3: list[str],
                        home_iso3: str | None = None) -> bool:
    """True when the words between the previous place and this one are only a direction ("X جنوب شرقي Y") or a
    distance from this one ("X ... على بعد 25 كيلومترا شمال Y"), and the previous place is one a direction can
    place: a town or a site, not a province or a country ("في منطقة البوعلي وجزيرة الأنبار، شمالي مدينة
    هيت": the province says nothing the direction could place; the act is north of Hit)."""
    prev = [p for p in doc.mentions_in(clause_start, m.span.start, "place") if p.span.end <= m.span.start]
    if not prev:
        return False
    between = doc.folded(prev[-1].span.end, m.span.start)
    if not (_DIRECTION_ONLY_RE.match(between) or _OFFSET_OF_PREVIOUS_RE.match(between)):
        return False
    described = resolve_place(prev[-1], kb, context_iso3) if prev[-1].kind == "place" else None
    if described is not None and lone_namesake(doc, prev[-1], described, kb, home_iso3):
        return False
    return described is None or place_level(described) not in ("admin1", "country", "region")


# (and the governor of one: "مكتب محافظ دياربكر" speaks for the province, not for its capital city)
_DESIGNATORS = RULES.table("designators")
_DESIGNATORS = {fold(k): v for k, v in _DESIGNATORS.items()}
_DESIGNATORS_BY_COUNTRY = {iso: {fold(k): v for k, v in table.items()}
                           for iso, table in RULES.table("designators_by_country").items()}


def _designator_before(prefix: str) -> str | None:
    """The designator word just before a name ("محافظة «عمران»", "بمحافظة الحرث"), folded, if any."""
    words = [w for w in prefix.replace("«", " ").replace('"', " ").replace("(", " ").split() if w.isalpha()]
    if not words:
        return None
    word = words[-1]  # (past a quotation mark: "محافظة «عمران»")
    return word[1:] if word[:1] in "وب" and word[1:] in _DESIGNATORS else word


def _names_a_district(prefix: str, place) -> bool:
    """"بمحافظة الحرث" in Saudi Arabia: the designator names the district of a town there (designators_by_country)."""
    word = _designator_before(prefix)
    return word is not None and _DESIGNATORS_BY_COUNTRY.get(place.iso3, {}).get(word) == "district"


def _by_designator(kb, m: Mention, place, prefix: str):
    """"محافظة كركوك", "إقليم ماردين", "ناحية الصقلاوية": the word before a name says which unit it is."""
    word = _designator_before(prefix)
    want = _DESIGNATORS.get(word) if word else None
    if want is None or place.kind == want or _names_a_district(prefix, place):
        return place
    try:
        others = kb.gazetteer.candidates(fold(m.span.text))
    except Exception:  # noqa: BLE001
        return place
    same = [p for p in others if p.kind == want and p.iso3 == place.iso3]
    if same:
        return same[0]
    if want == "admin1" and place.kind == "populated" and place.admin1:
        # The province named after its seat: code it to the province (ACLED geo-precision 3), at the seat.
        return replace(place, kind="admin1", name_en=place.admin1)
    return place


_CONTAINED_RE = RULES["contained"]
_QUARTER_RE = RULES["quarter"]


def _described_by(doc: Doc, m: Mention, place, kb, context_iso3: list[str], clause: tuple[int, int]):
    """The place a following phrase ties this one to ("X جنوب شرقي Y", "X في مدينة Y"), when this one lies
    implausibly far from it: a namesake of Y's own X if the gazetteer has one, else Y itself."""
    for other in doc.mentions_in(m.span.end, min(clause[1], m.span.end + 50), "place"):
        # (any place: "بإقليم البنجاب شرق باكستان" is Pakistan's Punjab, not India's)
        namesake = _namesake_in_country_named_next(doc, m, place, other, kb, context_iso3)
        if namesake is not None:
            return m, namesake, Relation("at", len(fold_prefix(doc.text, m.span.start)))
    if place.lat is None or place.kind not in ("populated", "landmark", "admin3"):
        return None
    for other in doc.mentions_in(m.span.end, min(clause[1], m.span.end + 50), "place"):
        rel = relation_before(fold_prefix(doc.text, other.span.start))
        contained = bool(_CONTAINED_RE.match(doc.folded(m.span.end, other.span.start)))
        if rel.kind != "direction" and not contained:
            continue
        target = resolve_place(other, kb, context_iso3)
        if target is None or target.lat is None or target.kind in ("country", "region"):
            return None  # "(جنوب شرقي تركيا)" places the region, not a point to be near
        if target.kind == "admin1" and not contained:
            return None
        if _lies_in(place, target, contained):
            return None
        if not contained and rel.bearing_deg is not None and _lies_toward(place, target, rel.bearing_deg):
            return None  # "بمدينة الإسماعيلية التي تقع شمال شرقي القاهرة": 120 km, yet it lies that way
        if contained:
            for alt in _namesakes(kb, m, place):
                if _lies_in(alt, target):
                    return m, alt, Relation("at", len(fold_prefix(doc.text, m.span.start)))
            # A village or quarter the gazetteer lacks: coded to the place that contains it.
            quarter = bool(_QUARTER_RE.search(fold_prefix(doc.text, m.span.start)))
            return other, target, Relation("at" if quarter else "within",
                                           len(fold_prefix(doc.text, other.span.start)))
        return other, target, rel
    return None


def _namesake_in_country_named_next(doc: Doc, m: Mention, place, other: Mention, kb, context_iso3: list[str]):
    """"مدينة طرابلس شمال لبنان", "طرابلس (لبنان)": a place of another country named right after the town (at most
    two words between) says which of the town's namesakes is meant: the one in that country, if the gazetteer has
    it."""
    if len(doc.folded(m.span.end, other.span.start).split()) > 2:
        return None
    target = resolve_place(other, kb, context_iso3)
    if target is None or not target.iso3 or target.iso3 == place.iso3:
        return None
    return next((p for p in _namesakes(kb, m, place) if p.iso3 == target.iso3), None)


def _lies_in(place, target, contained: bool = True) -> bool:
    """Whether `place` can be in (or by) `target`: within 60 km of its point or, said to be in it, in the same
    province ("منبج بريف حلب" lies 80 km from Aleppo; "حصيبة شرق الرمادي" 200 km is a namesake)."""
    from rasd.events.geocode import distance_km

    if contained and place.iso3 == target.iso3 and place.admin1 and place.admin1 == (target.admin1 or target.name_en):
        return True
    if target.kind == "admin1" or place.lat is None or target.lat is None:
        return False
    return distance_km((place.lat, place.lon), (target.lat, target.lon)) <= 60


#: How far a town may lie from the place a direction phrase ties it to ("X شرقي Y") and still be that X, when it
#: does lie in that direction from Y; farther, or the other way, it is a namesake of Y's own X.
DIRECTION_REACH_KM = 200


def _lies_toward(place, target, bearing_deg: float) -> bool:
    """Does `place` lie in the said direction from `target`, within DIRECTION_REACH_KM ("الإسماعيلية التي تقع
    شمال شرقي القاهرة" 120 km; not "حصيبة شرق الرمادي" read as al-Qaim's Husaybah, 200 km west)?"""
    from rasd.events.geocode import bearing_agrees, distance_km

    if place.lat is None or target.lat is None:
        return False
    a, b = (target.lat, target.lon), (place.lat, place.lon)
    return distance_km(a, b) <= DIRECTION_REACH_KM and bearing_agrees(a, b, bearing_deg)


def _namesakes(kb, m: Mention, place) -> list:
    try:
        return [p for p in kb.gazetteer.candidates(fold(m.span.text)) if p.id != place.id]
    except Exception:  # noqa: BLE001
        return []



def _iso_of(kb, m: Mention) -> str | None:
    if m.kind == "nationality":
        return m.value
    try:
        place = kb.gazetteer.get(m.value)
    except Exception:  # noqa: BLE001
        return None
    return place.iso3 if place.kind == "country" else None


def _country(kb, iso3: str | None):
    if not iso3:
        return None
    try:
        return kb.gazetteer.country(iso3)
    except Exception:  # noqa: BLE001
        return None


def _phrase_span(doc: Doc, m: Mention, back_folded: int) -> Span:
    """The place mention extended back over its relation phrase ("45 كم شمال ...")."""
    if back_folded <= 0:
        return m.span
    # Walk back in the original text until the folded length covers the phrase.
    start = m.span.start
    while start > 0 and len(doc.folded(start, m.span.start)) < back_folded:
        start -= 1
    while start < m.span.start and doc.text[start].isspace():
        start += 1
    return doc.span(start, m.span.end)


def _placed_in(doc: Doc, kb, iso3: str | None) -> bool:
    """Does the article name a place of this country (the country itself, a province, a town)? A world-tier town
    counts only after a place word (`world_locative`) and not as where a source sits (`world_source_place`):
    "أمام المحكمة في نيويورك", not "قالت واشنطن" nor "مسؤول في واشنطن"; no place counts that describes an actor
    (`actor_role`: "التحالف بقيادة السعودية")."""
    for m in doc.mentions:
        if m.kind != "place":
            continue
        try:
            place = kb.gazetteer.get(m.value)
        except Exception:  # noqa: BLE001 - a mention the gazetteer no longer holds names no country
            continue
        if place.iso3 != iso3 or shared_abroad(m, kb):
            continue
        prefix = fold_prefix(doc.text, m.span.start)
        if kb.gazetteer.in_world_tier(place.id) and (
                not _WORLD_LOCATIVE.search(prefix[-RULES.window("world_locative"):])
                or _WORLD_SOURCE_RE.search(prefix[-RULES.window("world_source_place"):])) and not is_dateline(doc, m):
            continue
        if _ACTOR_ROLE_RE.search(prefix[-RULES.window("actor_role"):]):
            continue  # "التحالف بقيادة السعودية": a country named for an actor establishes no place of the story
        return True
    return False


_DATELINE_BEFORE = RULES["dateline_before"]
_DATELINE_AFTER = RULES["dateline_after"]
_DATELINE_REACH = RULES.window("dateline_before")


def is_dateline(doc: Doc, m: Mention) -> bool:
    """Does the place open a line as a post's or a brief's dateline ("باريس: ...", "🇧🇪 بروكسل | ...", a headline
    "خان يونس 🔻" over the text: rules dateline_before and dateline_after)? It says where the news is, as a place
    word would ("في باريس"), so a town of the world tier counts, and an act with no place of its own takes it last."""
    line_start = doc.text.rfind("\n", 0, m.span.start) + 1
    line_end = doc.text.find("\n", m.span.end)
    after = doc.text[m.span.end:line_end if line_end >= 0 else len(doc.text)]
    return bool(_DATELINE_BEFORE.match(doc.text[line_start:m.span.start]) and _DATELINE_AFTER.match(after))


_DATELINE_MEMO: list = [None, None, []]  # (text, mention count) it was computed for, and the datelines


def _datelines(doc: Doc) -> list[Mention]:
    """The places the text names as datelines (`is_dateline`), in text order. Computed once per article (the
    location stage asks once per candidate event), only for places near the start of their line."""
    if _DATELINE_MEMO[0] is doc.text and _DATELINE_MEMO[1] == len(doc.mentions):
        return _DATELINE_MEMO[2]
    found = []
    for m in doc.mentions:
        if m.kind != "place":
            continue
        line_start = doc.text.rfind("\n", max(0, m.span.start - _DATELINE_REACH), m.span.start) + 1
        if (line_start or m.span.start <= _DATELINE_REACH) and is_dateline(doc, m):
            found.append(m)
    _DATELINE_MEMO[:] = [doc.text, len(doc.mentions), found]
    return found


_LIST_SEPARATOR = RULES["list_separator"]
_PAIR_SEPARATOR = RULES["pair_separator"]
_PAIR_BETWEEN = RULES["pair_between"]
_PROVINCE_LIST_RE = RULES["province_list"]


def _place_list(doc: Doc, chosen: Span, clause: tuple[int, int]) -> list[Mention]:
    """The places listed with the chosen one ("قرب مدن الحبانية وحديثة ومخمور والموصل"): the run of place mentions
    of the clause around it with nothing but "و" or a comma between neighbours; just the chosen one when alone."""
    places = [m for m in doc.mentions_in(*clause, "place")]
    at = next((k for k, m in enumerate(places) if chosen.start <= m.span.start < chosen.end), None)
    if at is None:
        return []
    lo = hi = at
    while lo > 0 and _LIST_SEPARATOR.match(doc.folded(places[lo - 1].span.end, places[lo].span.start)):
        lo -= 1
    while hi + 1 < len(places) and _LIST_SEPARATOR.match(doc.folded(places[hi].span.end, places[hi + 1].span.start)):
        hi += 1
    return places[lo:hi + 1]


#: A list of at least this many towns makes an event per town (a pair only when the acts are counted as several:
#: _pair_of_sites); at most MAX_LISTED (the guide's cap per article).
MIN_LISTED = 2
MAX_LISTED = 8


def _pair_of_sites(doc: Doc, pair: list[Mention], c: Candidate) -> bool:
    """Are two places named together the sites of acts told as several ("انفجار عبوتين ناسفتين في قضاء أ وب", "4
    هجمات ... في أ وب", "مجزرتين في محافظتي أ وب")? Only when the text counts the act itself (a number or a dual
    on one of its act words, rasd.text.quantities) and "و" or a comma joins the two (rule pair_separator: "منطقة
    أغري بايزيد" is one place told by its district), and not as the ends of a road (rule pair_between: "في
    الطريق الواصلة بين بلدتي أ وب"). One act told at two places ("قصف على بلدتي أ وب") stays one
    event over their area, and arrests are one campaign (a strategic development), as in a longer list."""
    if c.event_type == "Strategic developments":
        return False
    if not _PAIR_SEPARATOR.match(doc.folded(pair[0].span.end, pair[1].span.start)) or _PAIR_BETWEEN.search(
            doc.folded(max(0, pair[0].span.start - RULES.window("pair_between")), pair[0].span.start)):
        return False
    return any(q.value >= 2 and q.start < t.span.end and t.span.start < q.end
               for q in doc.quantities for t in c.triggers)


def split_listed_places(cands: list[Candidate], doc: Doc, kb, context_iso3: list[str], home_iso3: str | None
                        ) -> list[Candidate]:
    """One act told over a list of towns ("نفذت 11 غارة بالقرب من مدن الحبانية وحديثة ومخمور") is an event per
    town (ACLED, GUIDE: different places are separate events): a copy of the candidate for each further town of the
    list, placed there, without the toll (told for the whole, it stays with the first). Countries and provinces
    in a list are left as they are (the act is placed by the rules as before), and so are strategic developments.
    On train/ + dev/ (rules alone): +9 events found, +4 false."""
    out: list[Candidate] = []
    for c in cands:
        out.append(c)
        loc = c.fields.loc
        if loc is None or loc.span is None or (loc.geo_precision or 3) > 2 or loc.inherited:
            continue
        # (a place chosen past the clause's end, in its sentence: "واستهدفت الهجمات أيضا وحدات تكتيكية بالإضافة إلى
        # أهداف لداعش قرب حلب والرقة ودير الزور", a clause that ends before "بالإضافة": its list is read there)
        listed = _place_list(doc, loc.span, c.clause if loc.span.start < c.clause[1] else (c.clause[0], c.sentence[1]))
        if len(listed) < MIN_LISTED or len(listed) == 2 and not _pair_of_sites(doc, listed, c):
            continue  # "على بلدتي الفوعة وكفريا": one act at two towns named together stays one event over their area
        if _PROVINCE_LIST_RE.search(doc.folded(c.clause[0], listed[0].span.start)[-RULES.window("province_list"):]):
            # "ثلاث محافظات في شمال البلاد (صعدة وحجة وعمران)": the names are provinces, not their seats;
            # one act over a region of several provinces (ACLED 3), not an event per seat town.
            loc.geo_precision = 3
            continue
        if c.event_type == "Strategic developments":
            # Arrests "في إسطنبول وأنقرة وأضنة" are one campaign (one event), over a region the towns span: ACLED's
            # precision 3 when they lie in more than one province, else the area of the one (2).
            provinces = {p.admin1 for p in (resolve_place(x, kb, context_iso3) for x in listed) if p is not None}
            loc.geo_precision = 3 if len(provinces) > 1 else max(loc.geo_precision or 2, 2)
            continue
        spans = {(m.span.start, m.span.end) for m in listed}
        copies = []
        for m in listed:
            if loc.span.start <= m.span.start < loc.span.end:
                continue
            actors = {(r.span.start, r.span.end) for r in (c.fields.actor1, c.fields.actor2) if r is not None}
            skip = actors | (spans - {(m.span.start, m.span.end)})
            other = locate(c, doc, kb, context_iso3, home_iso3, skip)
            if (other.span is None or not (other.span.start <= m.span.start < other.span.end)
                    or (other.geo_precision or 3) > 2 or other.iso3 != loc.iso3 or other.location == loc.location):
                continue
            # The last town of "بالقرب من مدن ... وسنجار وتلعفر" has no "و" after it, yet is as near as the rest:
            # every town of one list takes the list's precision (ACLED 2: near / one of several towns).
            other.geo_precision = max(other.geo_precision or 1, loc.geo_precision or 1)
            copy = replace(c, fields=replace(c.fields, loc=other, fatalities=None, fatalities_span=None,
                                             injured=None, injured_span=None),
                           evidence=dict(c.evidence), missing=dict(c.missing), absorbed=[], listed=True)
            copies.append(copy)
        if copies:
            c.listed = True  # (the first town is one of the list too: rasd.events.merge reads no back-reference)
        out.extend(copies[:MAX_LISTED - 1])
    return out


def actor_country(loc: Location, actors, kb) -> None:
    """The country of the act's own actors, when the text names no place that resolves to one (issue 14: "قوات
    النظام السوري", "الجيش العراقي", "الحوثيين" tell the country of a sentence that names no town). The next best
    evidence after a place, so only at ACLED's geo-precision 3, with no location point and the reason in `missing`.

    State forces act at home far more often than abroad, so theirs is taken first; then the first actor (the doer)
    with a country in the KB. Actors of no one country (Islamic State) give none, and neither do civilians (a
    victim's nationality is not the event place) nor a generic agent whose country is only the article's."""
    if loc.iso3 is not None:
        return
    known = [a for a in actors if a is not None and a.iso3 and not a.country_lent and a.inter != "Civilians"]
    if not known:
        return
    actor = next((a for a in known if a.inter == "State forces"), known[0])
    place = _country(kb, actor.iso3)
    if place is None:
        return
    loc.country, loc.iso3, loc.geo_precision = place.name_en, actor.iso3, 3
    loc.location = place.name_en
    loc.missing["country"] = f"no place named for this act: the country of its actor {actor.name}"
    loc.missing["latitude"] = "no place named for this act"


_HOME_BOUND = frozenset(RULES.lists["home_bound_inters"])


def foreign_to_sides(loc: Location, doc: Doc, kb, home_iso3: str | None, actors) -> tuple[int, int] | None:
    """The span of the place mention `loc` was chosen from, when it is a namesake by its sides: a town (not a major
    city) of a country no side of the act belongs to, the only word of the article naming that country
    (`lone_namesake`), while a side that fights only at home (list home_bound_inters: a rebel group, a militia)
    belongs to a country the article names more than once ("غارتين صباح امس في منطقة الفاو استهدفت إحداها تجمعا
    للحوثيين" in a report from Marib: Marib's al-Faw, not Basra's). A place named as a place ("في منطقة X") is
    kept by `locate` as the act's even when lone; its sides say which namesake it is. None when the place stands."""
    if loc.place_id is None or loc.span is None:
        return None
    place = kb.gazetteer.get(loc.place_id)  # an id `locate` took from this gazetteer (as `_context_place` reads it)
    if place.kind == "country" or is_large_city(place):
        return None
    sides = [a for a in actors if a is not None and a.iso3 and not a.country_lent and a.inter != "Civilians"]
    if any(a.iso3 == place.iso3 for a in sides) or not any(
            a.inter in _HOME_BOUND and len(doc.support_of.get(a.iso3, ())) > 1 for a in sides):
        return None
    m = next((x for x in reversed(doc.mentions_in(loc.span.start, loc.span.end, "place"))
              if loc.place_id in (x.attrs.get("candidates") or [x.value])), None)
    if m is None or not lone_namesake(doc, m, place, kb, home_iso3):
        return None
    return m.span.start, m.span.end


_ARRESTING_STATE = RULES["arresting_state"]
_HOME_AGENTS = frozenset(RULES.words("home_agents"))
_HOME_AGENT_NOUN = RULES["home_agent_noun"]


def _home_side(doc: Doc, m: Mention, kb) -> str | None:
    """The country of a side that acts only at home: an actor of a kind in list home_agents ("الشرطة الإيطالية"),
    or a nationality (or a country's name, "السعودية") right after a noun of the interior, the police or the security
    services that the actor lexicon does not compose with it ("وزارة الداخلية السعودية", "الأمن التونسي": rule
    home_agent_noun)."""
    if m.kind == "actor":
        return m.attrs.get("iso3") if m.attrs.get("agent") in _HOME_AGENTS else None
    before = doc.folded(max(0, m.span.start - RULES.window("home_agent_noun")), m.span.start)
    return _iso_of(kb, m) if _HOME_AGENT_NOUN.search(before) else None


def arresting_state(loc: Location, cand: Candidate, doc: Doc, kb) -> None:
    """The country of the state whose police, security services or government make an arrest (rule arresting_state):
    they act at home, so a place of another country the clause names ("اعتقلت الشرطة الإيطالية المغربي ... بناء على
    مذكرة صادرة من تونس", "تفكيك خلية ... قاتل بعض أفرادها في العراق") is the detainees' (where they fought, trained
    or were wanted), not the arrest's. The event is then placed in that state at ACLED's geo-precision 3, the reason
    in `missing`. The arresting side is named before the arrest word in its clause, or as the verb's subject right
    after it; not a side that condemns or welcomes ("رحبت الحكومة الأمريكية باعتقال ..."), nor the army."""
    if cand.sub_event_type != "Arrests":
        return
    a, b = cand.clause
    end = cand.anchor.span.end
    # the verb's subject right after it first, then the nearest side named before the arrest word
    kinds = ("actor", "nationality", "place")
    after = [m for m in doc.mentions_in(end, min(b, end + RULES.window("arresting_state")), *kinds)
             if _ARRESTING_STATE.match(doc.folded(end, m.span.start))]
    # (a rule's trigger holds its subject: "أوقف الأمن التونسي 18 شخصا")
    inside = list(doc.mentions_in(cand.anchor.span.start, end, *kinds))
    before = sorted(doc.mentions_in(a, cand.anchor.span.start, *kinds), key=lambda m: -m.span.start)
    for m in after[:1] + inside + before:
        iso3 = _home_side(doc, m, kb)
        if not iso3 or stance_subject(doc, m.span.start):
            continue
        if loc.iso3 == iso3:
            return
        place = _country(kb, iso3)
        if place is None:
            return
        named = loc.location
        for key in ("admin1", "admin2", "admin3", "latitude", "longitude", "offset", "place_id", "span", "context"):
            setattr(loc, key, None)
        loc.country, loc.iso3, loc.location, loc.geo_precision = place.name_en, iso3, place.name_en, 3
        loc.inherited = loc.last_resort = loc.area = False
        loc.missing.pop("location", None)
        loc.missing["country"] = (f"the country of the state making the arrest ({m.span.text})"
                                  + (f"; {named!r} is the detainees' place, not the arrest's" if named else ""))
        loc.missing["latitude"] = "no place of the arrest named"
        return


def lone_namesake(doc: Doc, m: Mention, place, kb, home_iso3: str | None) -> bool:
    """Is the place below country level the only word of the article that names its country, while the article's
    other places, countries or nationalities name another one ("علي الأحمدي" - a Kuwaiti province - as the spokesman
    of Yemen's resistance; "الفاو" - an Iraqi district - as a front of Marib in Yemen; "قنابل مسيلة للدموع" -
    M'Sila, Algeria - in a report from Jerusalem)? A place that stands alone for its country in a story of another
    (named by two words at least) is far more often a chance homograph (a person's or a paper's name, a word, a namesake village the gazetteer
    lacks) than an act abroad nothing else in the report points to. Not a capital or a major city, which a digest
    of world news names alone for its own story ("تحرير عدن", "بشكيك - «الشرق الأوسط»"), unless the news corpus
    uses its name mostly as a word (الاحمدي, سيول 'torrents': `Gazetteer.mostly_a_word`)."""
    names = doc.support_of.get(place.iso3)
    if (place.kind == "country" or place.iso3 == home_iso3 or names is None or not names <= {place.id}
            or not any(iso != place.iso3 and len(named) > 1 for iso, named in doc.support_of.items())):
        return False
    return not is_large_city(place) or kb.gazetteer.mostly_a_word(doc.folded(m.span.start, m.span.end))


def shared_abroad(m: Mention, kb) -> bool:
    """Is the place mention a world-tier name that places of other countries share ("البنجاب": Punjab of Pakistan
    and of India)? Such a name says where only when the rest of the article points to one of the countries, so it
    neither supports its own country (build.country_context) nor places an act without that support."""
    try:
        chosen = kb.gazetteer.get(m.value)
    except Exception:  # noqa: BLE001 - a mention the gazetteer no longer holds
        return False
    if not kb.gazetteer.in_world_tier(chosen.id):
        return False
    countries = set()
    for pid in m.attrs.get("candidates") or []:
        try:
            countries.add(kb.gazetteer.get(pid).iso3)
        except Exception:  # noqa: BLE001
            continue
    return len(countries) > 1
