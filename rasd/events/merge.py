"""One event per occurrence: which reports of an article tell the same act, and how their fields combine.

A clause's triggers make one candidate (rasd.events.detect); here candidates of one sentence join when compatible,
back-references ("الهجوم", "هذا القصف") join the act they point to, a headline joins the lead it repeats, and
reports in different sentences of the same kind of act, on the same day, in places that nest, become one event
(ACLED: same actors, place and day are one event). The finer report carries it; the lowest toll stands.
What the rules leave apart, the learned pair model (rasd.events.pair_model, run after this by
rasd.events.build) may still link as one occurrence, within the rules' hard constraints.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from rasd.doc import Doc
from rasd.errors import KBError
from rasd.events.detect import Candidate
from rasd.events.split import listed_as_sites
from rasd.events.taxonomy import ARMED_INTERS, VIOLENT_TYPES, precedence
from rasd.events.timing import When
from rasd.kb.rules import load_rules
from rasd.settings import DEFAULT_SETTINGS
from rasd.text.normalize import fold

RULES = load_rules("merge")


def generic(c: Candidate) -> bool:
    """Only words such as "هجوم" / "هجمات" / "استهداف": they say something happened, not how."""
    return all(t.attrs.get("generic") for t in c.triggers)


_SEQUENCE_OPENER = RULES["sequence_opener"]

#: The two sub-types that differ only in who took the ground: rasd.events.build._finalize_type decides between them
#: from the linked event's actor 1, so for linking they are one kind of act.
_TERRITORY = frozenset({"Government regains territory", "Non-state actor overtakes territory"})


#: Event types whose actor 1 is the crowd whatever a report names first (rasd.events.build._finalize_type sets it
#: after linking): a report naming the police first and one naming the protesters first may tell one protest.
_CROWD_TYPES = frozenset({"Protests", "Riots"})


def same_kind(a: Candidate, b: Candidate) -> bool:
    """The same ACLED sub-type, counting the two territory sub-types as one (their actor decides between them) and
    the protest sub-types as one (a protest and the police's handling of it are one event: the highest sub-type in
    ACLED's order stands, _absorb)."""
    return (a.sub_event_type == b.sub_event_type or {a.sub_event_type, b.sub_event_type} <= _TERRITORY
            or a.event_type == b.event_type == "Protests")


#: Sub-type -> the act family it belongs to (rules/merge.yaml act_families).
_ACT_FAMILY = {sub: family for family, subs in RULES.table("act_families").items() for sub in subs}
#: How many sentences apart two reports of one act family may be told (rules/merge.yaml act_family_sentences).
ACT_FAMILY_SENTENCES = RULES.table("act_family_sentences")["most"]


def one_family(a: Candidate, b: Candidate) -> bool:
    """Two sub-types of one act family (rules/merge.yaml act_families): a clash and the ground it took, an attack
    and an abduction."""
    family = _ACT_FAMILY.get(a.sub_event_type)
    return family is not None and family == _ACT_FAMILY.get(b.sub_event_type)


def one_act_family(a: Candidate, b: Candidate) -> bool:
    """Two reports of different sub-types of one act family that tell one occurrence: they share a named side (not
    an unnamed doer: "مسلحون" may be anyone), name the same place below the province, state no two days and are
    told within a few sentences of each other ("تمكنت القوات العراقية أمس من تحرير ... حي التأميم" and, two
    sentences on, "القوات تخوض الآن معارك تطهير محيطها ... باتجاه حي التأميم"). ACLED codes concurrent tactics of
    one occurrence as one event (same actors, location and day); the rules' sub-types are the tactics. (Families
    are compared before the assembled event is typed: "اقتحام" is still a territory word here.)"""
    if not one_family(a, b) or a.sub_event_type == b.sub_event_type:
        return False
    if abs(a.sentence_index - b.sentence_index) > ACT_FAMILY_SENTENCES:
        return False  # (a city at war sees more than one battle a day: "استرجع تنظيم داعش" and, far on, its infighting)
    fa, fb = a.fields, b.fields
    la, lb = fa.loc, fb.loc
    if la.location is None or la.location != lb.location or not (la.below_province and lb.below_province):
        return False
    if fa.when is not None and fb.when is not None:
        return False  # (the later report is told with no day of its own: "القوات تخوض الآن معارك" goes on with the
        # act just told; two reports each with its day may be two acts of one busy front)
    return bool(_named_sides(a) & _named_sides(b))


def attempted_fight(a: Candidate, b: Candidate) -> bool:
    """An attempt at a battle's aim ("شنا هجوما ... في محاولة منهم لفك الحصار على زنجبار وتحريرها") and a battle
    that took place ("في مواجهات زنجبار"), of one sub-type, at the same town, with a named side in common: one
    battle (ACLED codes the fight whatever its aim achieved; an attempted battle is still an armed clash)."""
    fa, fb = a.fields, b.fields
    if not (a.event_type == b.event_type == "Battles" and _fight_kind(a) == _fight_kind(b)
            and {fa.modality, fb.modality} == {"attempted", "occurred"}):
        return False
    la, lb = fa.loc, fb.loc
    if la.location is None or la.location != lb.location or not (la.below_province and lb.below_province):
        return False
    return bool(_named_sides(a) & _named_sides(b))


_UNDONE_MODALITIES = frozenset(RULES.words("undone_modalities"))


def told_undone(a: Candidate, b: Candidate) -> bool:
    """One report tells an act as done and the other tells an act of the same kind as foiled or planned (list
    undone_modalities: "أحبطت المقاومة هجوما شنه الحوثيون بمدينة مأرب" and "شن الحوثيون هجوما على مواقع
    المقاومة ... جنوب مأرب"), at the same named place below the province, on days that agree, told within a few
    sentences of each other (as one act family's reports, act_family_sentences): one act told from two sides (or
    misread as undone). The modality does not set them apart; their sides still must agree (`occurrence_apart`),
    and the event is the act that took place (`_carries`, `_fought_out`)."""
    fa, fb = a.fields, b.fields
    modalities = {fa.modality, fb.modality}
    if "occurred" not in modalities or not modalities - {"occurred"} <= _UNDONE_MODALITIES or len(modalities) != 2:
        return False
    if not same_kind(a, b) or fa.another or fb.another or abs(a.sentence_index - b.sentence_index) > (
            ACT_FAMILY_SENTENCES):
        return False  # (told far apart, an offensive foiled on one front and one launched on another are two acts)
    la, lb = fa.loc, fb.loc
    return (la.location is not None and la.location == lb.location and la.below_province and lb.below_province
            and not days_apart(fa.when, fb.when))


def _fight_kind(c: Candidate) -> str:
    """The sub-type of a battle as it will be coded: an attempt to take ground ("حاولت ... استعادة المدينة") is an
    armed clash (no ground changed hands; rasd.events.build._finalize_type types it so after linking)."""
    if c.sub_event_type in _TERRITORY and c.fields.modality in ("attempted", "foiled"):
        return "Armed clash"
    return c.sub_event_type


def _named_sides(c: Candidate) -> set[str]:
    """The sides a report names (not an unnamed doer: "مسلحون" may be anyone)."""
    f = c.fields
    return {_side_of(r) for r in (f.actor1, f.actor2) if r is not None and not unnamed_doer(r)}


def _nests(la, lb) -> bool:
    """One of two places of one province is named like that province ("منطقة اغري" in one report, "مدينة
    دوغوبيازيد" in another): as the reports tell it, the one holds the other. (Within one sentence a list of towns
    names different places: "بالقرب من مدن حلب والحسكة وعين العرب".)"""
    return la.admin1 is not None and la.admin1 == lb.admin1 and (
        _named_like_its_province(la) or _named_like_its_province(lb))


def _named_like_its_province(loc) -> bool:
    """"منطقة اغري", "في شانلي أورفا": a place named like its province may be the province itself as the report
    tells it, so it holds the province's towns ("مدينة دوغوبيازيد" in another report of the act)."""
    return loc.location is not None and loc.admin1 is not None and name_key(loc.location) == name_key(loc.admin1)


def name_key(name: str | None) -> str:
    """A place name without the Arabic article's transliterations and separators ("Al-Ramadi" = "Ramadi")."""
    words = (name or "").lower().replace("-", " ").split()
    if words and words[0] in _ARTICLES and len(words) > 1:
        words = words[1:]
    return "".join(words)


_ARTICLES = {"al", "ar", "as", "ad", "az", "ash", "at", "an", "el"}


_UNNAMED_DOER_AGENTS = frozenset(RULES.words("unnamed_doer_agents"))
_ARTICLE_IDIOMS = RULES.words("article_idioms")
_ONE_SIDE_INTERS = frozenset(RULES.words("one_side_inters"))


def unnamed_doer(actor) -> bool:
    """"مسلحون", "مجهولون": ACLED's Unidentified Armed Group names no one, so it sets no report of the same kind of
    act apart from one that names the doer ("اعتداء مسلح من قبل مجهولين" and, elsewhere, the same attack told with
    another doer). (A generic word's report with an unnamed doer - "هجمات يومية" - still needs a named doer to
    agree: it may tell quite another act.)"""
    return actor.actor_id.rsplit("_", 1)[0] in _UNNAMED_DOER_AGENTS


def _actor_itself(actor) -> str:
    return actor.actor_id


def _side_of(actor) -> str:
    """The side an actor stands for when two reports are linked: a country's state forces are one side however a
    report names them ("دورية أمنية" read as the army, "الشرطة" as the police; "قوات الأمن" either), any other
    actor is itself (rules/merge.yaml one_side_inters). Used between reports of one kind of act."""
    if actor.inter in _ONE_SIDE_INTERS and actor.iso3:
        return f"{actor.inter}:{actor.iso3}"
    return actor.actor_id


def _compatible(a: Candidate, b: Candidate, doc: Doc | None = None, anaphor: bool = False,
                modality_of_b: bool = True, back_reference: bool = False, any_day: bool = False) -> bool:
    """May two reports tell one act? Nothing sets them apart (`incompatibility`)."""
    return incompatibility(a, b, doc, anaphor, modality_of_b, back_reference, any_day) is None


def incompatibility(a: Candidate, b: Candidate, doc: Doc | None = None, anaphor: bool = False,
                    modality_of_b: bool = True, back_reference: bool = False, any_day: bool = False) -> str | None:
    """What sets two reports apart as two acts, named ("sides", "province", "kind", "days" ...), or None: the
    first field of theirs that cannot be one act's (scripts/judged_duplicates.py counts which check keeps the judged
    retellings apart)."""
    fa, fb = a.fields, b.fields
    if doc is not None and a.sentence == b.sentence and _SEQUENCE_OPENER.match(doc.folded(*b.clause)):
        return "sequence"  # "... ردا على الضربة ...": the clause tells an earlier, different occurrence
    if fb.another or fa.another:
        return "another"
    if fa.modality != fb.modality and modality_of_b and not (anaphor and fb.modality == "occurred"):
        return "modality"  # (a back-reference "في الهجوم" carries no modality of its own: "صد هجوم" stays foiled)
    if not (a.event_type == b.event_type or {a.event_type, b.event_type} <= VIOLENT_TYPES):
        return "event type"
    # (a country's forces are one side only between reports of one kind of act: "هجمات" on the army is no report
    # of the bomb that hurt policemen the same day)
    side_of = _side_of if same_kind(a, b) else _actor_itself
    ids_a = {side_of(r) for r in (fa.actor1, fa.actor2) if r}
    ids_b = {side_of(r) for r in (fb.actor1, fb.actor2) if r}
    a1a, a1b = fa.actor1, fb.actor1
    a2a, a2b = fa.actor2, fb.actor2
    crowds = {a.event_type, b.event_type} <= _CROWD_TYPES  # (the crowd is made actor 1 after linking: build)
    if a1a and a1b and side_of(a1a) != side_of(a1b) and not crowds and not (
            (unnamed_doer(a1a) or unnamed_doer(a1b)) and same_kind(a, b)):
        # Actor order carries no meaning (ACLED), so a clash told from the other side is the same event; but two
        # different doers are two events.
        swapped = a2a is not None and a2b is not None and side_of(a1a) == side_of(a2b) and side_of(a1b) == side_of(a2a)
        half = (a2a is None or a2b is None or back_reference) and (side_of(a1b) in ids_a or side_of(a1a) in ids_b)
        if not (swapped or half):
            return "sides"
    la, lb = _as_evidence(fa.loc), _as_evidence(fb.loc)
    if la.iso3 and lb.iso3 and la.iso3 != lb.iso3:
        return "country"
    if la.admin1 and lb.admin1 and la.admin1 != lb.admin1:
        return "province"  # two provinces, two events
    if (not anaphor and la.location and lb.location and la.location != lb.location and (la.geo_precision or 3) <= 2
            and (lb.geo_precision or 3) <= 2 and not (la.offset or lb.offset)
            and not ((la.area or lb.area) and la.admin1 == lb.admin1)  # ("بريف حلب" holds the town of al-Bab)
            and not (a.sentence != b.sentence and _nests(la, lb))):
        return "towns"  # two named towns, two events ("... قرب الرمادي، فضلا عن ... قرب طوز خورماتو")
    if (not generic(a) and not generic(b) and not same_kind(a, b)
            and "Armed clash" not in (a.sub_event_type, b.sub_event_type) and not one_act_family(a, b)):
        return "kind"  # a landmine and a suicide bombing are two events even on one day
    wa, wb = fa.when, fb.when
    if wa and wb and abs((wa.date - wb.date).days) > 1 and not any_day:
        return "days"
    return None


def _headline_of(head: Candidate, o: Candidate) -> bool:
    """A headline's looser wording of a report in the body: the same kind of event (its sub-type may be looser:
    "قصف بالبراميل" over air-dropped barrel bombs) in the same place or in a place the report's area holds
    ("... بديار بكر" over a story in a town of Diyarbakir province; "مدينة الباب" over "ريف حلب"), or in the town
    the report names its site by ("بقصف على بيجي" over "ضربة جوية ... قرب مصفى بيجي": the headline names the
    town, the report the refinery of that town: the headline's place words stand in the report's place words)."""
    lh, lo = head.fields.loc, o.fields.loc
    if head.event_type != o.event_type or lh.location is None or head.fields.modality != o.fields.modality:
        return False
    return lh.location in (lo.location, lo.admin1) or (lo.area and lh.admin1 == lo.admin1) or (
        lh.admin1 is not None and lh.admin1 == lo.admin1 and _names_place_of(o, lh))


def _names_place_of(report: Candidate, loc) -> bool:
    """Do the words the report's place was read from ("قرب مصفى بيجي") hold the words `loc` was read from ("بيجي"),
    folded, as whole words?"""
    own = report.fields.loc.span
    if loc.span is None or own is None:
        return False
    place, words = fold(loc.span.text).split(), fold(own.text).split()
    return bool(place) and any(words[i:i + len(place)] == place for i in range(len(words) - len(place) + 1))


def _title_end(doc: Doc) -> int:
    """End of the headline when the text starts with one (a short first line followed by the body), else 0."""
    if len(doc.paragraphs) < 2:
        return 0
    a, b = doc.paragraphs[0]
    return b if b - a <= 200 and not doc.text[a:b].rstrip().endswith((".", "。")) else 0


def _anaphoric(c: Candidate, doc: Doc) -> bool:
    """A definite trigger noun with no date of its own ("الهجوم", "الانفجار", "التفجير") refers back.

    An agent noun ("خرج المتظاهرون", "احتشد المحتجون", `party` in triggers.yaml) does not: its article marks the
    crowd as known, not the act as told before, so a report led by it is its own (issue 14: protest sentences
    with no place or date were lost here as references to acts the article does not tell); nor, in a brief text
    (a flash, a post: the report itself), does a phrase whose article is part of the idiom (list article_idioms:
    "ألقت الشرطة القبض على"). In a long article such a phrase with no date or town of its own is more often a
    recap or a criminal case told in passing (train+dev: 2 false arrests when applied to every article)."""
    brief = len(doc.sentences) <= DEFAULT_SETTINGS.brief_sentences
    # (nor, in a brief text, a noun that is the subject of a verb of outbreak, "تجددت الاشتباكات", which
    # rasd.events.detect marks; in a long article it is as often the act just told, "وتجددت المعارك إثر هجوم")
    # (nor a munition after the instrument بال, "استهدفت بالصواريخ مشفى", which rasd.events.detect marks)
    own = brief and (fold(c.anchor.span.text).startswith(_ARTICLE_IDIOMS) or c.anchor.attrs.get("occurrence_subject")
                     or c.anchor.attrs.get("instrument"))
    return c.fields.when is None and not c.anchor.attrs.get("party") and not own and _definite(c.anchor.span, doc)


def _definite(span, doc: Doc) -> bool:
    """Is the trigger at `span` a definite noun ("الهجوم", "في الاشتباكات", "للغارات")?"""
    start = span.start
    while start > 0 and not doc.text[start - 1].isspace() and doc.text[start - 1] not in "،,.:;«\"(":
        start -= 1  # the recogniser's span leaves the article and proclitics outside ("الصاروخ" -> "صاروخ")
    word = fold(doc.text[start:span.end]).split()[0]
    word = word[1:] if word[:1] in "وف" and word[1:] else word
    word = word[1:] if word[:1] in "بل" and word[1:3] == "ال" else word
    return word.startswith("ال") or (word.startswith("لل") and len(word) > 4)  # ("للغارات": ل + الغارات)


def names_it_definitely(c: Candidate, doc: Doc) -> bool:
    """Does the report name the act only with definite nouns ("في الاشتباكات التي اندلعت")? A report that also tells
    it with a verb ("اشتبكت ... خلال المواجهات") is a report of its own, whatever noun it then uses."""
    return all(_definite(t.span, doc) for t in c.triggers)


_DEMONSTRATIVE = RULES["demonstrative"]


def _demonstrative(c: Candidate, doc: Doc) -> bool:
    """"هذا القصف", "تلك الهجمات": the trigger points back to an act already told (or talked about)."""
    return bool(_DEMONSTRATIVE.search(doc.folded(max(0, c.anchor.span.start - RULES.window("demonstrative")),
                                                 c.anchor.span.start)))


def _specific(c: Candidate) -> bool:
    """Named a place below province level, has its own date or its own casualty figure: a report of one
    occurrence, not a summary."""
    loc = c.fields.loc
    return ((loc.geo_precision is not None and loc.geo_precision <= 2) or c.fields.when is not None
            or c.fields.fatalities is not None or c.fields.injured is not None)


def _bare_killing(c: Candidate) -> bool:
    """Told only by a kill verb ("قتل مسلحون جنديين"): an act whose kind the text does not say."""
    return all(t.attrs.get("kill_only") for t in c.triggers)


def _absorb(into: Candidate, other: Candidate, doc: Doc, retype: bool = True, headline: bool = False,
            add_same_day: bool = False) -> None:
    """Fold `other` (another mention of the same occurrence) into `into`. Only a clause of the same sentence may
    change the event's type: a summary elsewhere in the article ("المعارك الجارية") must not. Actors, date, toll
    and place are chosen by the field policy (choose_fields); `headline`: `other` is the article's headline;
    `add_same_day`: more dead of the same day told in `other` add up (the last pass over reports of one occurrence).
    A recalled mention's date and toll (`_recalled`) are not lent to an undated news report."""
    for mention in (into, other):
        if mention.own_fields is None:
            mention.own_fields = replace(mention.fields)  # (fields are replaced, never changed in place, below)
    undated = _news_of(into) and _recalled(other, doc)
    fi, fo = into.fields, other.fields
    fi.weapons = fi.weapons + fo.weapons
    for key in ("weapon", "attribution", "attribution_span"):
        if getattr(fi, key) is None and getattr(fo, key) is not None:
            setattr(fi, key, getattr(fo, key))
    kept = {k: getattr(fi, k) for k in _RECALL_UNLENT} if undated else {}
    choose_fields(into, other, retype=retype, doc=doc if add_same_day else None, headline=headline)
    for key, value in kept.items():
        setattr(fi, key, value)  # (the recalled mention keeps its own date and toll in own_fields)
    if into.event_type == other.event_type == "Protests" and precedence(other.sub_event_type) < precedence(
            into.sub_event_type):
        into.sub_event_type = other.sub_event_type  # "فرقت الشرطة المتظاهرين": the protest met an intervention
        into.evidence["sub_event_type"] = other.anchor.span
    bare_killing = _bare_killing(into) and not _bare_killing(other)  # "قتلوا ... في انفجار": the explosion says how
    if retype and (generic(into) and not generic(other) or bare_killing or (
            not generic(other) and precedence(other.sub_event_type) < precedence(into.sub_event_type))):
        into.sub_event_type, into.event_type = other.sub_event_type, other.event_type
        into.evidence["event_type"] = into.evidence["sub_event_type"] = other.anchor.span
    into.absorbed.append(other)


RECALLED_DAYS = RULES.table("recalled")["days"]
#: What a recalled mention does not lend the news report it is linked to: its day and its dead are the earlier act's.
_RECALL_UNLENT = ("when", "fatalities", "fatalities_span", "fatalities_estimated", "injured", "injured_span",
                  "injured_estimated")


def _recalled(c: Candidate, doc: Doc) -> bool:
    """Do the mention's own words date it RECALLED_DAYS or more before the article was written ("سبق وأن اعتقلته
    السلطات ... عام 2014")? Linked to an undated report, such a mention is an earlier act recalled with it, not the
    news: it lends no date or toll and carries no event (rules/merge.yaml recalled)."""
    when = (c.own_fields or c.fields).when
    today = doc.written or doc.published
    return when is not None and today is not None and when.how == "own" and (
        (when.date_end or when.date) < today - timedelta(days=RECALLED_DAYS))


#: How each field of a linked event is chosen from its mentions: declared once, in rules/merge.yaml
#: (tables.field_policy), and applied here field by field.
FIELD_POLICY = RULES.table("field_policy")
_PLACE_DEPTH = RULES.table("place_depth")


def choose_fields(into: Candidate, other: Candidate, retype: bool = True, doc: Doc | None = None,
                  headline: bool = False) -> None:
    """Give `into` (the event) the fields the policy of each field picks between its own and `other`'s; each field
    keeps the evidence span of the mention it came from (the span travels with the actor, date, toll or place)."""
    _POLICIES["actors"][FIELD_POLICY["actors"]](into.fields, other.fields)
    _POLICIES["date"][FIELD_POLICY["date"]](into.fields, other.fields)
    _POLICIES["toll"][FIELD_POLICY["toll"]](into, other, doc)
    _POLICIES["place"][FIELD_POLICY["place"]](into.fields, other.fields, retype, headline)


def _named_actors(fi, fo) -> None:
    """Actors: the report that names both sides gives the pair to an event that names one; an empty side is filled
    from the other report; a named doer beats an unnamed one (ACLED's Unidentified Armed Group names no one:
    "مسلحون" in the lead, "مقاتلو الحزب" in the detail)."""
    if fi.actor1 is not None and fi.actor2 is None and fo.actor1 is not None and fo.actor2 is not None and (
            fo.actor2.actor_id == fi.actor1.actor_id != fo.actor1.actor_id):
        # One report names A as the doer, the other tells B acting on A: the two sides are A and B (taking the
        # other's actor 2 would name A twice and leave the other side out).
        fi.actor2 = fo.actor1
    if (fi.actor1 is None or fi.actor2 is None) and fo.actor1 is not None and fo.actor2 is not None:
        # The report that names both sides tells who fought whom; a report naming one side ("قتل جنديان في
        # هجوم") is a part of that story, not another pair.
        own = {r.actor_id: r for r in (fi.actor1, fi.actor2) if r is not None}  # (a side already named keeps its span)
        fi.actor1, fi.actor2 = own.get(fo.actor1.actor_id, fo.actor1), own.get(fo.actor2.actor_id, fo.actor2)
    for key in ("actor1", "actor2"):
        if getattr(fi, key) is None and getattr(fo, key) is not None:
            setattr(fi, key, getattr(fo, key))
    a2i, a2o = fi.actor2, fo.actor2
    if a2i is not None and a2i.inter == "Civilians" and a2o is not None and a2o.inter in ARMED_INTERS and (
            fi.actor1 is None or fi.actor1.actor_id != a2o.actor_id):
        fi.actor2 = a2o  # the armed other side named in another report beats people counted as hurt
    sides = {r.actor_id for r in (fi.actor1, fi.actor2) if r is not None}
    if (fi.actor1 is not None and fo.actor1 is not None and unnamed_doer(fi.actor1) and not unnamed_doer(fo.actor1)
            and fo.actor1.actor_id not in sides):
        fi.actor1 = fo.actor1  # (only the doer: unnamed victims, "خمسة مقاتلين", are not the group named elsewhere)


def _most_precise_date(fi, fo) -> None:
    """Date: an undated event takes the other report's date; the act's own stated date beats the date of the
    statement that reported it, and a stated day beats a wider window that holds it ("هذا الأسبوع" in the lead,
    "مساء السبت" in the report)."""
    wi, wo = fi.when, fo.when
    if wo is None:
        return
    if wi is None:
        fi.when = wo
    elif wi.how == "statement" and wo.how == "own":
        fi.when = wo  # the act's own date beats the date of the statement that reported it
    elif wo.how == "own" and wo.precision < wi.precision and wi.date <= wo.date <= (wi.date_end or wi.date):
        fi.when = wo


def _carrier_toll(into: Candidate, other: Candidate, doc: Doc | None) -> None:
    """Toll (ACLED: the lowest credible figure of this act). The carrying report's figure stands; a figure told in
    another report fills an empty toll; a lower one replaces it only when that report tells the same act (its kind
    or a generic word) as a source's own account or at the same place of its own (not one lent by the sentence
    before) - a figure of a part of the victims ("بينهم ثلاثة جنود") or from a looser mention is no other report of
    the whole toll; a report that places the act more finely gives its own figure. More deaths of
    the same day ("كما ... في اليوم ذاته") add up."""
    fi, fo = into.fields, other.fields
    same_report = _tells_the_whole_act(into, other.fields, other)
    # Another report of the whole act: a source's own account ("وقال المرصد إن الصاروخ ... أدى إلى مقتل 12") or one
    # that places the act itself.
    full_report = same_report and (fo.attribution is not None or (
        fo.loc.location is not None and not fo.loc.inherited))
    # A report that places the act more finely than the event so far tells this act's own toll; the looser one's
    # figure may sum several acts ("تفجيرات ... أسفرت عن مقتل 32" over "هجوم ... في حي بغداد الجديدة ... 16").
    finer = fo.loc.iso3 == fi.loc.iso3 and place_rank(fo.loc) < place_rank(fi.loc) and not fo.loc.inherited
    for key in ("fatalities", "injured"):
        mine, theirs = getattr(fi, key), getattr(fo, key)
        if doc is not None and (fo.same_day_more or fi.same_day_more) and theirs and mine:
            # ACLED counts every death of the event: these are others than the first told
            setattr(fi, key, mine + theirs)
            setattr(fi, key + "_span", getattr(fi, key + "_span").cover(getattr(fo, key + "_span"), doc.text))
            setattr(fi, key + "_estimated", getattr(fi, key + "_estimated") or getattr(fo, key + "_estimated"))
            continue
        if theirs is not None and (mine is None or finer or (full_report and theirs < mine)):
            setattr(fi, key, theirs)
            setattr(fi, key + "_span", getattr(fo, key + "_span"))
            setattr(fi, key + "_estimated", getattr(fo, key + "_estimated"))


def _tells_the_whole_act(into: Candidate, fo, other: Candidate) -> bool:
    """Does the mention `other` (with fields `fo`) report the event's act itself: no place of its own or the event's
    place, and the event's kind of act or a generic word for it?"""
    return (fo.loc.location is None or into.fields.loc.location == fo.loc.location) and (
        into.sub_event_type == other.sub_event_type or generic(other))


def counted_toll(c: Candidate) -> None:
    """Once the event's mentions are linked: a toll that is only ACLED's reading of words ("سقوط عدد من القتلى" 3,
    "عشرات" 12) gives way to the lowest figure a mention of the act itself counts ("حصيلة القتلى الأولية هي 10
    ضحايا") in another sentence, with that mention's span (ACLED: the lowest credible figure; words are no
    figure). Applied after linking, so that it changes no linking decision (those compare the tolls the mentions
    tell)."""
    mentions = [m for m in _linked(c) if m.own_fields is not None]
    for key in ("fatalities", "injured"):
        if not getattr(c.fields, key + "_estimated"):
            continue
        # A figure of the words' own sentence counts other victims ("مقتل العشرات من عناصرها، فيما قتل 3 من قوات
        # المعارضة": ACLED adds the two), not the same ones again.
        worded = {m.sentence_index for m in mentions if getattr(m.own_fields, key + "_estimated")}
        counts = [m.own_fields for m in mentions if getattr(m.own_fields, key) is not None
                  and not getattr(m.own_fields, key + "_estimated") and m.sentence_index not in worded
                  and _tells_the_whole_act(c, m.own_fields, m)]
        if counts:
            low = min(counts, key=lambda f: getattr(f, key))
            setattr(c.fields, key, getattr(low, key))
            setattr(c.fields, key + "_span", getattr(low, key + "_span"))
            setattr(c.fields, key + "_estimated", False)


def place_depth(loc) -> int:
    """How deep in the gazetteer a place lies (rules/merge.yaml place_depth): a country, a province (or a city named
    like its province, which the report may mean as either), a town or site below it."""
    if loc.location is None or loc.admin1 is None or loc.location == loc.country:
        return _PLACE_DEPTH["country"]
    return _PLACE_DEPTH["province" if _named_like_its_province(loc) else "town"]


def _as_evidence(loc):
    """A report's place as evidence that it tells another act than a report elsewhere: a place taken only as a last
    resort ("قال في مؤتمر صحافي عقده في أنقرة إن التفجير ناجم عن اعتداء انتحاري", locate.Location.last_resort) is
    where the speaker was, not where the act was, so it counts as its country alone."""
    if not getattr(loc, "last_resort", False) or loc.geo_precision is None or loc.geo_precision >= 3:
        return loc
    return replace(loc, admin1=None, admin2=None, admin3=None, location=loc.country, geo_precision=3, area=False,
                   offset=None)


def place_rank(loc) -> tuple[int, int, bool]:
    """A sort key, most specific first: ACLED geo precision, then gazetteer depth, then a named place over an area
    ("مخيم خان الشيح" over "الغوطة الغربية", both precision 2)."""
    if loc is None or loc.geo_precision is None:
        return (9, 0, True)
    return (loc.geo_precision + 3 * getattr(loc, "last_resort", False), -place_depth(loc), bool(loc.area))  # (a speaker's seat last)


def _most_specific_place(fi, fo, retype: bool = True, headline: bool = False) -> None:
    """Place: the most specific place of the linked reports (place_rank) in the event's country; a headline's place
    only when no report of the body places the act."""
    if fi.loc.geo_precision is None and fo.loc.geo_precision is not None:
        fi.loc = fo.loc
        return
    if fo.loc.geo_precision is None or fo.loc.iso3 != fi.loc.iso3:
        return
    # "بديار بكر" in a headline is no finer than "محافظة دياربكر" in the story: a city named like the province the
    # report names is that province, as far as the report tells.
    same_name = (fi.loc.geo_precision or 0) >= 3 and fi.loc.location == fo.loc.location
    if place_rank(fo.loc) < place_rank(fi.loc) and not (same_name and not retype):
        if fi.loc.area and fo.loc.admin1 == fi.loc.admin1:
            # "قرية قصر البريج في ريف حلب" told as "مدينة الباب" elsewhere: the town stands for the area the act was
            # in, near it (2), not in it
            fi.loc = replace(fo.loc, geo_precision=max(fo.loc.geo_precision, fi.loc.geo_precision))
        else:
            fi.loc = fo.loc  # "الهجوم ... في منطقة دوجو بايزيد": a later sentence names the place more precisely


def told_near(c: Candidate) -> None:
    """Once the event's mentions are linked: when the town the event is placed in (ACLED 1) is the town one of its
    mentions places the act near or around (2) - "مواجهات مسلحة في مأرب" and, in the report, "مواجهات عنيفة في محيط
    مدينة مأرب" - the mention that says how the act stood to the town holds, with its span, whichever mention
    carries the event. Only between places told alike (both a mention's own, or both taken from the sentence before:
    whether the event is placed at all stays as linking left it). Applied after linking, so that it changes no
    linking decision (those compare the places the mentions tell)."""
    loc = c.fields.loc
    if loc.location is None or loc.geo_precision != 1:
        return
    near = next((m.own_fields.loc for m in _linked(c) if m.own_fields is not None
                 and m.own_fields.loc.location == loc.location and m.own_fields.loc.geo_precision == 2
                 and m.own_fields.loc.inherited == loc.inherited), None)
    if near is not None:
        c.fields.loc = near


def _linked(c: Candidate) -> list[Candidate]:
    """The event's own mention and every mention linked into it, however deep."""
    return [c, *(m for o in c.absorbed for m in _linked(o))]


#: The policies rules/merge.yaml may name, per field.
_POLICIES = {
    "actors": {"named": _named_actors},
    "date": {"most_precise": _most_precise_date},
    "toll": {"carrier": _carrier_toll},
    "place": {"most_specific": _most_specific_place},
}


def check_field_policy() -> None:
    """Refuse a field_policy that names a field or a policy the code does not have (a typo in the data would
    otherwise fail only when two reports first link)."""
    for field_name in _POLICIES:
        if FIELD_POLICY.get(field_name) not in _POLICIES[field_name]:
            raise KBError(f"rules/merge.yaml field_policy: no policy {FIELD_POLICY.get(field_name)!r} for "
                          f"{field_name!r} (known: {sorted(_POLICIES[field_name])})")


check_field_policy()


def merge(cands: list[Candidate], doc: Doc) -> list[Candidate]:
    """One event per occurrence: same-sentence compatible clauses join; summaries join the report they summarise."""
    out: list[Candidate] = []
    for c in cands:
        back = _anaphoric(c, doc)
        sites = listed_as_sites(c, doc)  # one of a list of towns told as where acts were
        host = next((o for o in out if o.sentence == c.sentence and _compatible(o, c, doc, anaphor=back and not sites)
                     and not _distinct(o, c, doc)), None)
        if host is None and back:
            # "وقال مكتب الحاكم إن الهجوم نفذ ...": the definite noun points back to the event just reported -
            # unless the text sets it before that one ("هذه العملية هي رد على الهجوم الانتحاري الذي ...").
            # (a mention told at a list of towns refers back to the act whatever its own towns: _of_listed_towns)
            host = next((o for o in reversed(out) if 0 <= c.sentence_index - o.sentence_index <= 2
                         and (_compatible(o, c, anaphor=True) if not sites else _refers_to(c, o))
                         and not _another_site(o, c, doc)
                         and not (
                             c.fields.background_span is not None and o.fields.background_span is None)),
                        None)
            if host is not None and sites:
                _of_listed_towns(c, host)  # "واستهدفت الهجمات أيضا ... قرب حلب والرقة": those acts, at towns of its own
                out.append(c)
                continue
        if host is None and _demonstrative(c, doc):
            host = next((o for o in reversed(out) if _compatible(o, c)), None)
            if host is None and c.fields.fatalities is None and c.fields.injured is None:
                continue  # "وسط هذا القصف الكثيف": talk about acts told elsewhere, not a report of one
        if host is None and back and c.fields.fatalities is None and c.fields.injured is None and (
                c.fields.loc.span is None or not (c.clause[0] <= c.fields.loc.span.start < c.clause[1])
                or not c.fields.loc.below_province):
            # "وفي رده على الغارات", "رحب بالهجمات التركية على تنظيم داعش في سوريا": a reference to acts the article
            # does not tell (a country or a province is no place of one act)
            continue
        if host is None:
            # "سيطرت المقاومة على القاعدة بعد معارك عنيفة": the fight that took the ground is the territory change
            ground = next((o for o in out if _fight_that_took(o, c, doc)), None)
            if ground is not None:
                _absorb(ground, _as_part_of(c, ground), doc, retype=False)
                continue
        if host is not None:
            _drop_condemners(doc, host, c)
            _absorb(host, c, doc, retype=host.sentence == c.sentence)
        else:
            out.append(c)
    # A headline repeats the story's lead: fold it into the first compatible report in the body (of its own event type
    # and placed, first).
    title_end = _title_end(doc)
    if title_end:
        for c in [c for c in out if c.anchor.span.start < title_end]:
            body = sorted((o for o in out if o.anchor.span.start >= title_end),
                          key=lambda o: (o.event_type != c.event_type, o.fields.loc.location is None))
            host = next((o for o in body if _compatible(o, c) or _headline_of(c, o)), None)
            if host is not None:
                _absorb(host, c, doc, retype=False, headline=True)
                out.remove(c)
    specific = [c for c in out if _specific(c)]
    final: list[Candidate] = []
    for c in out:
        if _specific(c):
            final.append(c)
            continue
        # A summary ("نفذ هجومين على مواقع عراقية") joins the specific report it summarises, or an earlier summary.
        host = next((s for s in specific if _compatible(s, c) and not _distinct(s, c, doc)), None) or next(
            (s for s in final if not _specific(s) and _compatible(s, c) and not _distinct(s, c, doc)), None)
        if host is not None:
            _drop_condemners(doc, host, c)
            _absorb(host, c, doc, retype=False)
        else:
            final.append(c)
    # ACLED: same actors, place and day are one event. A later report of an occurrence already told ("... أصيبوا
    # في حادث انفجار عبوة ناسفة صباح اليوم أثناء مرور حافلة") joins it when nothing sets the two apart.
    return _one_per_occurrence(final, doc)


def relink(events: list[Candidate], doc: Doc) -> list[Candidate]:
    """The last link once more, on the events as rasd.events.build completes them (doers carried to reports that
    named none, types finalised): two reports of one air raid the merge kept apart because only one named the air
    force ("مروحيتين اميركيتين هاجمتا حاجزا" and, two sentences on, "المنطقة التي وقعت فيها الغارة"), or a country's
    retelling beside the placed strike it retells, tell one occurrence once their sides are known (ACLED: same
    actors, place and day are one event). On the learning sets it removes 12 false events and no matched one; on the
    judged draws 38 retellings and non-events for 6 real acts."""
    return _one_per_occurrence(events, doc)


def _one_per_occurrence(final: list[Candidate], doc: Doc) -> list[Candidate]:
    """Each report joins the first event kept before it that tells the same occurrence (`_same_occurrence`)."""
    kept: list[Candidate] = []
    for c in final:
        i = next((i for i, o in enumerate(kept) if _same_occurrence(o, c, doc)), None)
        if i is None:
            kept.append(c)
            continue
        _drop_condemners(doc, c, kept[i])
        fought = attempted_fight(kept[i], c) or told_undone(kept[i], c)
        occurred = c if c.fields.modality == "occurred" else kept[i]
        if _carries(c, kept[i], doc) and not _recalled_over_news(c, kept[i], doc) or _recalled_over_news(
                kept[i], c, doc):
            _absorb(c, kept[i], doc, retype=False, add_same_day=True)  # the finer report carries the event (its place, its date)
            kept[i] = c
        else:
            _absorb(kept[i], c, doc, retype=False, add_same_day=True)
        if fought:
            _fought_out(kept[i], occurred)
    return kept


def _another_site(act: Candidate, c: Candidate, doc: Doc) -> bool:
    """A definite act word told as another act at a town of its own ("قصف الطيران على مناطق في مدينة أ، فيما تعرضت
    مناطق في بلدة ب لقصف بالبراميل"): the clause opens with a word that sets it beside the act just told (rule also:
    "كما", "فيما", "بينما") and places it at a named town its clause names that is not the act's (the two are
    "towns" apart, as `incompatibility` reads places): ACLED codes an event per place, so it is no back-reference."""
    loc = c.fields.loc
    if loc.span is None or not (c.clause[0] <= loc.span.start < c.clause[1]) or not _told_apart(act, c, doc):
        return False
    return incompatibility(act, c, doc) == "towns"


def _refers_to(c: Candidate, act: Candidate) -> bool:
    """May the mention `c`, told at a list of towns, refer back to `act` whatever its towns: a generic word or one
    of the act's kind ("الهجمات" after air strikes; not "الاشتباكات" after an assassination), in the act's
    country, compatible but for the town?"""
    if not (generic(c) or same_kind(act, c)) or c.fields.loc.iso3 != act.fields.loc.iso3:
        return False
    return _compatible(act, replace(c, fields=replace(c.fields, loc=act.fields.loc)), anaphor=True)


def _of_listed_towns(c: Candidate, act: Candidate) -> None:
    """A back-reference told at a list of towns ("واستهدفت الهجمات أيضا ... أهدافا لداعش قرب حلب والرقة ودير
    الزور", rasd.events.locate.split_listed_places) tells the act it refers to at each of those towns: an event
    each, of that act's kind, with its doer and date where the mention names none (ACLED: different places are
    separate events), not a report folded into the act at its own place."""
    c.event_type, c.sub_event_type = act.event_type, act.sub_event_type
    c.triggers = [act.anchor] + [t for t in c.triggers if t is not act.anchor]
    c.evidence["event_type"] = c.evidence["sub_event_type"] = act.anchor.span
    f = c.fields = replace(c.fields)
    for key in ("actor1", "actor2"):
        mine = getattr(f, key)
        if mine is None or (key == "actor1" and unnamed_doer(mine)):
            setattr(f, key, getattr(act.fields, key))
    if f.when is None:
        f.when = act.fields.when


_FIGHT_THAT_TOOK_IT = RULES["fight_that_took_it"]


#: The sub-types of a strike that may open a ground act in support of it (rule fight_that_took_it, its strikes).
_SUPPORTING_STRIKES = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})


def _fight_that_took(ground: Candidate, fight: Candidate, doc: Doc) -> bool:
    """"بسطت الفصائل سيطرتها على المدينة ... بعد اشتباكات مع المتمردين": `fight`, a clash told in a
    clause opened by "بعد" / "عقب" (rule fight_that_took_it) after the words of `ground`, ground taken in the same
    sentence, is the fight that took it. ACLED: the battle that changed who holds a place is the territory change,
    one event (its sub-type is the higher one). So is a strike told so after a ground battle ("اقتحمت الوحدات
    المعسكر أمس، بعد غارات مكثفة نفذتها طائرات التحالف"): a strike within a battle is the battle. The clash's (strike's)
    clause names no other province of its own."""
    if not (ground.sentence == fight.sentence and ground.fields.modality == fight.fields.modality == "occurred"
            and not fight.fields.another and ground.anchor.span.end <= fight.clause[0]):
        return False
    m = _FIGHT_THAT_TOOK_IT.match(doc.folded(*fight.clause))
    if m is None or not (
            m.group("fight") and ground.sub_event_type in _TERRITORY and fight.sub_event_type == "Armed clash"
            or m.group("strike") and ground.event_type == "Battles" and fight.sub_event_type in _SUPPORTING_STRIKES):
        return False
    lg, lf = ground.fields.loc, fight.fields.loc
    # (a place or country the clash did not read in its own clause was lent by the text around it: no evidence)
    return not (_told_in(fight, lf.span) and (lf.iso3 != lg.iso3 or (
        lf.admin1 and lg.admin1 and lf.admin1 != lg.admin1)))


def _told_in(c: Candidate, span) -> bool:
    """Was this field read from the report's own clause?"""
    return span is not None and c.clause[0] <= span.start < c.clause[1]


def _as_part_of(fight: Candidate, ground: Candidate) -> Candidate:
    """The fight that took the ground, with the place and day of the capture where its own clause tells none (its
    clause, "بعد معارك عنيفة", borrowed them from elsewhere, or dated it before the capture as a preceding act)."""
    f = fight.fields
    loc = f.loc if _told_in(fight, f.loc.span) else ground.fields.loc
    when = f.when if f.when is not None and _told_in(fight, f.when.span) else ground.fields.when
    fight.fields = replace(f, loc=loc, when=when, background_span=None)
    return fight


def _fought_out(event: Candidate, occurred: Candidate) -> None:
    """An attempted battle linked with the fight that took place: the fight happened, whatever its aim achieved
    (an attempt to take ground is an armed clash, the fight's own kind)."""
    event.fields.modality = "occurred"
    if event is not occurred and event.sub_event_type != occurred.sub_event_type:
        event.sub_event_type, event.event_type = occurred.sub_event_type, occurred.event_type
        event.evidence["event_type"] = event.evidence["sub_event_type"] = occurred.anchor.span


def _dated_back_reference(a: Candidate, b: Candidate, doc: Doc) -> bool:
    """"قتل 21 شخصا في هجوم ... بحسب ما أعلن مسؤولون اليوم الأحد" and, later, "في الهجوم الذي وقع مساء السبت في
    المقاطعة": the later report names the act already told with a definite noun of its kind, at the same named place,
    and dates it a day before the first report's day - the day the act took place, where the first report was dated
    by the day it was told (a report never comes before its act)."""
    wa, wb = a.fields.when, b.fields.when
    return (wa is not None and wb is not None and wb.how == "own" and (wa.date - wb.date).days == 1
            and a.fields.loc.location is not None and a.fields.loc.location == b.fields.loc.location
            and same_kind(a, b) and names_it_definitely(b, doc))


def _unplaced_back_reference(x: Candidate, y: Candidate, doc: Doc) -> bool:
    """"وفاة سعد دوابشة بعد أسبوع من الهجوم الذي أثار غضبا كبيرا في الأراضي الفلسطينية" and, elsewhere, "حين هاجم
    مستوطنون منزلين في قرية دوما": `x` names the act only with definite nouns of its kind, places it nowhere below
    the country and dates it by no day of its own (only by its telling, or not at all), while `y` reports an act of
    that kind in a place of the same country, within a week, by the same doer as far as both name one: `x` points
    back to the act `y` tells (a less specific mention retells the specific report; ACLED's day is the act's, not
    the statement's)."""
    wx, wy = x.fields.when, y.fields.when
    lx, ly = x.fields.loc, y.fields.loc
    return ((wx is None or wx.how != "own") and lx.admin1 is None and lx.iso3 is not None
            and ly.iso3 == lx.iso3 and ly.admin1 is not None and same_kind(x, y)
            and (wx is None or wy is None or abs((wx.date - wy.date).days) <= UNPLACED_BACK_REFERENCE_DAYS)
            and _same_doer(x, y) and names_it_definitely(x, doc) and not names_it_definitely(y, doc))


def _same_doer(x: Candidate, y: Candidate) -> bool:
    """Neither report names another doer than the other ("القصف التركي" is no report of the PKK's rocket attack
    that hit Turkish soldiers, though both name the Turkish army)."""
    dx, dy = x.fields.actor1, y.fields.actor1
    return dx is None or dy is None or dx.actor_id == dy.actor_id or unnamed_doer(dx) or unnamed_doer(dy)


#: How many days a back-reference dated only by its telling may lie from the act it points to (rules/merge.yaml).
UNPLACED_BACK_REFERENCE_DAYS = RULES.table("unplaced_back_reference")["days"]


def _recalled_over_news(o: Candidate, c: Candidate, doc: Doc) -> bool:
    """Would the recalled mention `o` (`_recalled`) carry the event of the undated report `c`? The news report
    does."""
    return _news_of(c) and _recalled(o, doc)


def _news_of(c: Candidate) -> bool:
    """Is `c` an undated report told as news (not in the pluperfect or as background: "وكان قد قتل ...")?"""
    return c.fields.when is None and c.fields.background_span is None


def _carries(c: Candidate, o: Candidate, doc: Doc | None = None) -> bool:
    """Does the later report `c` carry the event it shares with `o`? The report of one act over a lead that sums
    several up ("تفجيران") or over a back-reference that places and dates it only by its telling, the news report
    over a retelling in the pluperfect ("وكانت اشتباكات قد اندلعت ..." is the act the news told, not an older one),
    the report of the act done over one of its foiling or a plan of it (`told_undone`), else the finer place."""
    if doc is not None and _unplaced_back_reference(o, c, doc):
        return True
    if doc is not None and _unplaced_back_reference(c, o, doc):
        return False
    if told_undone(o, c):
        return c.fields.modality == "occurred"  # the report of the act done, not of its foiling or a plan of it
    if doc is not None and _summary_toll(o, c, doc):
        return not _counted_summary(c)  # the report of one act, not the lead that sums several up
    if days_apart(o.fields.when, c.fields.when):
        # Linked across a day: a back-reference that dates the act ("الهجوم الذي وقع مساء السبت") carries it; else
        # (the same toll a day apart) the first report, in the article's own days, does.
        return doc is not None and _dated_back_reference(o, c, doc)
    news = (o.fields.background_span is not None) - (c.fields.background_span is not None)
    return news > 0 or (news == 0 and place_rank(c.fields.loc) < place_rank(o.fields.loc))


_AT_SITE = RULES["at_site"]


def site_of_previous(cands: list[Candidate], doc: Doc) -> None:
    """"عبوة أخرى عثر عليها في موقع الانفجار": an event with no place of its own, at the site of the act told
    before it, is where that act was."""
    for i, c in enumerate(cands):
        loc = c.fields.loc
        if ((loc.geo_precision or 3) <= 2 and not loc.inherited) or not _AT_SITE.search(doc.folded(*c.clause)):
            continue
        before = [o for o in cands[:i] if (o.fields.loc.geo_precision or 3) <= 2
                  and o.anchor.span.start < c.anchor.span.start and loc.iso3 in (None, o.fields.loc.iso3)]
        if before:
            if c.fields.when is None and before[-1].fields.when is not None:
                c.fields.when = replace(before[-1].fields.when, how="governing")  # found there, then
            c.fields.loc = replace(before[-1].fields.loc, missing={
                "location": "at the site of the act told before it (\"في موقع الانفجار\")"})


# What a generic word may stand for in another report of the same act: "هجوم" any violent act, "انفجار" a bomb.
_GENERIC_COVERS = {
    "Armed clash": ("Armed clash", "Attack", "Remote explosive/landmine/IED", "Suicide bomb", "Grenade",
                    "Shelling/artillery/missile attack", "Air/drone strike", "Abduction/forced disappearance"),
    "Remote explosive/landmine/IED": ("Remote explosive/landmine/IED", "Suicide bomb", "Grenade"),
}


_ALSO = RULES["also"]
_SAME_DAY = RULES["same_day"]
_DESIGNATOR = RULES["designator"]
#: Designators of a city's quarters (rules/merge.yaml quarter_designators): below any town.
_QUARTER_DESIGNATORS = frozenset(RULES.words("quarter_designators"))


def _distinct(a: Candidate, b: Candidate, doc: Doc) -> bool:
    """The text sets b apart from a: "كما قصفت ..." tells another act, and "في بلدة الطيبة" is a town the
    gazetteer could not place, not the region it resolved to."""
    if a.sentence == b.sentence and (_bare_killing(a) or _bare_killing(b)):
        return False  # "قتل 27 شخصا كما أصيب العشرات في انفجار": a toll told beside the act, not another act
    same_place = a.fields.loc.location is not None and a.fields.loc.location == b.fields.loc.location
    if same_place and a.sub_event_type == b.sub_event_type and _SAME_DAY.search(doc.folded(*b.clause)):
        return False  # "كما تمكن التنظيم في اليوم ذاته من قتل ...": more of the same act (ACLED: same place, day)
    if _told_apart(a, b, doc):
        return True
    if a.fields.loc.location == b.fields.loc.location:
        return False
    if a.sub_event_type == b.sub_event_type and any(
            getattr(a.fields, k) and getattr(a.fields, k) == getattr(b.fields, k) for k in ("fatalities", "injured")):
        return False  # the same kind of act with the same toll: one act told twice ("جثتي عنصرين")
    return any(_names_unknown_place(x, doc, y) for x, y in ((a, b), (b, a))
               if (x.fields.loc.geo_precision or 3) >= 3 and _names_a_region(y))


def _same_sides(a: Candidate, b: Candidate) -> bool:
    """Both reports name both sides, and the same two (in either order)."""
    sides = [{r.actor_id for r in (x.fields.actor1, x.fields.actor2) if r is not None} for x in (a, b)]
    return len(sides[0]) == 2 and sides[0] == sides[1]


def _names_a_region(c: Candidate) -> bool:
    """The report names a place below its country (a province, a region, a town): a town named elsewhere that the
    gazetteer could not place may be another place than that one. A report that names only the country (a lead:
    "خطفت جبهة النصرة خمسة مقاتلين في سوريا") has no place an unknown village could be set apart from."""
    loc = c.fields.loc
    return loc.location is not None and (loc.admin1 is not None or (loc.geo_precision or 3) <= 2
                                         or loc.location != loc.country)


#: The smallest casualty figure that marks two reports as one act: one dead is told of many acts on one day; a
#: larger one is needed when the two reports' days differ by one (rules/merge.yaml same_toll_min).
SAME_TOLL_MIN = RULES.table("same_toll_min")["same_day"]
SAME_TOLL_MIN_A_DAY_APART = RULES.table("same_toll_min")["a_day_apart"]


def _same_toll(a: Candidate, b: Candidate) -> bool:
    """"قتل 15 عنصرا من داعش بعملية أمنية شرقي الرمادي" and, a sentence on, "شنت عملية عسكرية في مناطق حصيبة
    ... وتمكنت من قتل 15 عنصرا": the same sub-type of act with the same casualty figure (two or more), in one country and
    province, on days that agree, is one act told twice (a lead and its detail, an official's recap) even where the
    two reports name different towns of the province or read the actors differently (a speaker's agency taken for
    the doer)."""
    fa, fb = a.fields, b.fields
    if fa.another or fb.another or fa.modality != fb.modality:
        return False
    if not same_kind(a, b):
        return False  # (not a generic word's cover: "الحرب ... بعد التفجير" is no report of the bombing's kind)
    if not _share_toll(fa, fb):
        return False
    la, lb = fa.loc, fb.loc
    if la.iso3 is None or la.iso3 != lb.iso3 or (la.admin1 and lb.admin1 and la.admin1 != lb.admin1):
        return False
    return not days_apart(fa.when, fb.when) or (
        _one_day_apart(fa.when, fb.when) and _share_toll(fa, fb, SAME_TOLL_MIN_A_DAY_APART))


#: Event types whose reports at one town may be one act told with allies (rules/merge.yaml joint_side_types).
_JOINT_SIDE_TYPES = frozenset(RULES.words("joint_side_types"))


def _joint_sides(a: Candidate, b: Candidate) -> bool:
    """"تمكن الجيش الوطني من تطهير المدينة من الحوثيين" and, further on, "أعلنت المقاومة الشعبية تحرير المدينة":
    the same sub-type of act at the same named place below the province, on days that agree, as news both or
    retellings both alike in modality, with a side named in both (the enemy both fought, the doer both name) and
    the other side read differently: one act told with its allied forces (ACLED codes the joint act once, the ally
    as an associated actor) or with one side misread (a speaker's agency, a nearby noun). Two reports of a kind
    of act in one town that share no named side ("قصف الجيش" and "قصف الحوثيين" on one quarter) stay two; so do
    acts of a type outside rules/merge.yaml joint_side_types (air strikes on one town's targets by one air force
    are told raid by raid, each judged an act of its own)."""
    fa, fb = a.fields, b.fields
    if a.event_type not in _JOINT_SIDE_TYPES or fa.another or fb.another or fa.modality != fb.modality or not (
            same_kind(a, b)):
        return False
    la, lb = fa.loc, fb.loc
    if la.location is None or la.location != lb.location or not (la.below_province and lb.below_province):
        return False
    if days_apart(fa.when, fb.when):
        return False
    return bool(_named_sides(a) & _named_sides(b))


_CROWD_CONFRONTATIONS = frozenset(RULES.words("crowd_confrontations"))


def _crowd_confrontation(x: Candidate, y: Candidate) -> bool:
    """"تجدد المواجهات ما بين قوات الاحتلال والمصلين" read as a riot in one sentence and "ساحة للمواجهة بين المرابطين
    وقوات الاحتلال التي اقتحمته واعتدت على كل من بداخله" read as a clash or a beating in another: `x` is a crowd's
    violent confrontation (list crowd_confrontations) and `y` an act of armed violence at the same named place,
    on days that agree, as news both, neither naming a side the other's sides exclude: one confrontation told by
    its crowd and by its violence (ACLED: same place and day, one event; the types differ only in who is told
    first)."""
    fx, fy = x.fields, y.fields
    if x.sub_event_type not in _CROWD_CONFRONTATIONS or y.event_type not in VIOLENT_TYPES:
        return False
    if fx.another or fy.another or fx.modality != fy.modality or (fx.background_span is None) != (
            fy.background_span is None):
        return False
    lx, ly = fx.loc, fy.loc
    if lx.location is None or lx.location != ly.location or lx.iso3 != ly.iso3 or days_apart(fx.when, fy.when):
        return False
    # The crowd is no armed side: the armed sides named on both sides of the link must agree.
    armed_x = {_side_of(r) for r in (fx.actor1, fx.actor2) if r is not None and r.inter in ARMED_INTERS}
    armed_y = {_side_of(r) for r in (fy.actor1, fy.actor2) if r is not None and r.inter in ARMED_INTERS
               and not unnamed_doer(r)}
    return not armed_x or not armed_y or bool(armed_x & armed_y)


def _one_day_apart(wa: When | None, wb: When | None) -> bool:
    """Two reports' dates a day apart: "أمس" of a source that spoke the day before the article and "أمس" of the
    article itself may name one day as two."""
    return wa is not None and wb is not None and abs((wa.date - wb.date).days) == 1


def _counted_summary(c: Candidate) -> bool:
    """"هز تفجيران ... أمس": every word of the act counts several acts - a lead that sums up the reports after it."""
    return all(int(t.attrs.get("count") or 1) > 1 for t in c.triggers)


def _summary_toll(a: Candidate, b: Candidate, doc: Doc) -> bool:
    """A counted summary ("تفجيران ... استهدف الأول طلابا في سروج ... وأسفر عن مقتل 30 شخصا") and a report of one of
    the acts it sums up (in a place the summary names too), with the same casualty figure (two or more) on days that
    agree: the lead tells that act again. The place the summary was put in is no evidence (its acts are in several
    places); its kind needs only to cover the report's."""
    if _counted_summary(a) == _counted_summary(b):
        return False
    summary, report = (a, b) if _counted_summary(a) else (b, a)
    fs, fr = summary.fields, report.fields
    if fr.loc.span is None or fold(fr.loc.span.text) not in doc.folded(*summary.clause):
        return False
    if fs.another or fr.another or fs.modality != fr.modality or not (
            same_kind(summary, report) or report.sub_event_type in _GENERIC_COVERS.get(summary.sub_event_type, ())):
        return False
    return _share_toll(fs, fr) and not days_apart(fs.when, fr.when)


def _share_toll(fa, fb, least: int = SAME_TOLL_MIN) -> bool:
    """The same casualty figure, `least` or more, dead or hurt, in two reports' fields."""
    return any((getattr(fa, k) or 0) >= least and getattr(fa, k) == getattr(fb, k)
               for k in ("fatalities", "injured"))


def days_apart(wa: When | None, wb: When | None) -> bool:
    """Two reports' own dates that cannot be one day (a statement's date may be a day after the act it reports)."""
    return wa is not None and wb is not None and wa.date != wb.date and not (
        "statement" in (wa.how, wb.how) and abs((wa.date - wb.date).days) <= 1)


def _told_apart(a: Candidate, b: Candidate, doc: Doc) -> bool:
    """The later report opens with "كما" / "فيما": the text tells it as another act beside the first."""
    return (a.sentence != b.sentence and bool(_ALSO.match(doc.folded(*b.sentence)))) or (
        a.clause != b.clause and bool(_ALSO.match(doc.folded(*b.clause))))


def _unknown_places(c: Candidate, doc: Doc, quarters: bool = True) -> set[str]:
    """The names of towns, villages or camps the clause names ("في بلدة الطيبة") that the gazetteer did not resolve
    (or resolved elsewhere than where the event is put): their first word, folded. `quarters`: also a city's
    quarters ("في حي شهيدلك")."""
    a, b = c.clause
    folded = doc.folded(a, b)
    places = doc.mentions_in(a, b, "place")
    chosen = c.fields.loc.span
    out = set()
    for m in _DESIGNATOR.finditer(folded):
        if not quarters and m.group(0).split()[-1].lstrip("وفبل") in _QUARTER_DESIGNATORS:
            continue
        pos = doc.orig_offset(a, m.end())
        named = [p for p in places if p.span.start - 4 <= pos < p.span.end]
        if not named or (chosen is not None and not any(chosen.start <= p.span.start < chosen.end for p in named)):
            out.add(folded[m.end():].split()[0])  # nothing resolved there, or not where we put the event
    return out


def _names_unknown_place(c: Candidate, doc: Doc, other: Candidate | None = None) -> bool:
    """The clause names a town, village or camp ("في بلدة الطيبة") that the gazetteer did not resolve - and that
    `other`'s clause does not name too ("قرية العكر" in a lead and in the report it summarises is one place).

    An unresolved quarter ("حي شهيدلك") lies inside some town (ACLED codes it at its town): it does not set the
    report apart from one placed in a town ("في أحد أحياء ديار بكر") of the same kind of act between the same two
    named sides ("مسلحون" and "الشرطيين" in both). Which town the gazetteer could not say, so without both sides
    named the quarter still sets it apart (a mortar shell on "حي الأشرفية" that names no doer is no report of the
    shelling of another town that day)."""
    in_town = (other is not None and other.fields.loc.geo_precision == 1 and not other.fields.loc.area
               and same_kind(c, other) and _same_sides(c, other))
    unknown = _unknown_places(c, doc, quarters=not in_town)
    if other is not None and unknown:
        unknown = {w for w in unknown if w not in doc.folded(*other.clause).split()}
    return bool(unknown)


def _same_occurrence(a: Candidate, b: Candidate, doc: Doc | None = None) -> bool:
    """Two reports in different sentences of one act: compatible, the same day, and places that nest (the same
    place, or one of them no finer than a province)."""
    return occurrence_apart(a, b, doc) is None


def occurrence_apart(a: Candidate, b: Candidate, doc: Doc | None = None) -> str | None:
    """What keeps two reports of an article apart as two occurrences, named (a field `incompatibility` names, or
    "sentence", "kind", "days", "country", "told apart", "background", "places"), or None when they tell one
    (`_same_occurrence`)."""
    if a.sentence == b.sentence:
        return "sentence"
    if doc is not None and any(_condemned_retelling(x, y, doc) for x, y in ((a, b), (b, a))):
        return None
    if doc is not None and (_same_toll(a, b) or _summary_toll(a, b, doc) or _joint_sides(a, b) or any(
            _crowd_confrontation(x, y) for x, y in ((a, b), (b, a)))) and not _told_apart(a, b, doc):
        return None
    if doc is not None and any(_unplaced_back_reference(x, y, doc) and not _told_apart(a, b, doc)
                               and _compatible(x, y, modality_of_b=False, back_reference=True, any_day=True)
                               for x, y in ((a, b), (b, a))):
        return None
    # A later report that names the act with a definite noun of its kind ("مقتل تسعة ... في الاشتباكات التي اندلعت
    # بعد أن شنت الجماعات هجومها") tells the act already reported, whatever the first report made of its outcome (a
    # failed, attempted attack): its modality does not set it apart.
    back = doc is not None and same_kind(a, b) and names_it_definitely(b, doc)
    apart = incompatibility(a, b, modality_of_b=not (back and b.fields.modality == "occurred"
                                                     or attempted_fight(a, b) or told_undone(a, b)),
                          back_reference=back)
    if apart is not None:
        return apart
    if not same_kind(a, b) and not one_act_family(a, b) and not attempted_fight(a, b) and not any(
            covers(x, y) for x, y in ((a, b), (b, a))):
        return "kind"  # a clash and a bombing in one town on one day are two events; "انفجار" is no air strike
    wa, wb = a.fields.when, b.fields.when
    if days_apart(wa, wb) and not (doc is not None and _dated_back_reference(a, b, doc)):
        return "days"  # (a statement made today about last night's act dates the statement, not the act)
    la, lb = _as_evidence(a.fields.loc), _as_evidence(b.fields.loc)
    if la.iso3 != lb.iso3:
        return "country"
    if doc is not None and _distinct(a, b, doc):
        return "told apart"
    bg_a, bg_b = a.fields.background_span is not None, b.fields.background_span is not None
    if bg_a or bg_b:
        # Older acts merge only on an explicit common day. The one exception is the news act retold in the
        # pluperfect ("وكانت عبوة ناسفة قد انفجرت أثناء مرور حافلة ...", "وكان عناصر داعش قد أطلقوا مساء أمس ...
        # صواريخ ... في قضاء مخمور"): same kind, same place, and no other day (the days agree, checked above).
        if bg_a and bg_b:
            return None if wa is not None and wb is not None else "background"
        # (Two generic words - "اعتداء مسلح" in a comment on it and in the retelling - need each its own day.)
        own_days = wa is not None and wb is not None and wa.how == wb.how == "own"
        # A generic word retelling a specific report ("في الهجوم الذي أوقع 32 قتيلا الاثنين في سوروج" and "الهجوم
        # الانتحاري ... في سوروج") is that act, at the same place, as the pluperfect retelling of its own kind is.
        kin = a.sub_event_type == b.sub_event_type and (own_days or not (generic(a) and generic(b)))
        if (kin or _covered(a, b, doc)) and la.location is not None and la.location == lb.location:
            return None
        return None if _recalled_on_its_day(a, b) else "background"
    coarse = (la.geo_precision or 3) >= 3 or (lb.geo_precision or 3) >= 3
    return None if la.location == lb.location or coarse or _nests(la, lb) else "places"


def _recalled_on_its_day(a: Candidate, b: Candidate) -> bool:
    """One report recalls an older act and the other reports that kind of act (or names it by a generic word that
    covers the other's kind: "بتفجير سوق الخضار في مدينة بعقوبة في 20 يوليو" and "وكانت مدينة بعقوبة قد شهدت في 20
    من الشهر الحالي هجوما انتحاريا على سوق الخضار"), each dated by its own words to the same day, at the same place
    or one of them no finer than a province (air strikes "في إقليم كردستان" and "في شمال العراق" on one stated day;
    two towns of one province, each named, may be two acts of that day): the explicit common day makes them one act,
    told once as news and once recalled (learning sets: 2 retellings; judged draws: no pair of this kind)."""
    wa, wb = a.fields.when, b.fields.when
    if wa is None or wb is None or not wa.how == wb.how == "own" or wa.date != wb.date:
        return False
    if not (a.sub_event_type == b.sub_event_type or covers(a, b) or covers(b, a)):
        return False
    la, lb = _as_evidence(a.fields.loc), _as_evidence(b.fields.loc)
    if la.location is None or lb.location is None:
        return False
    return la.location == lb.location or (la.geo_precision or 3) >= 3 or (lb.geo_precision or 3) >= 3


_CONDEMNED = RULES["condemned"]


def condemned(c: Candidate, doc: Doc) -> bool:
    """"أعربت دولة الكويت عن إدانتها واستنكارها لحادث التفجير الإرهابي", "كما أدانت اسبانيا التفجير": the act is
    named only with definite nouns after a word of condemning in its sentence (rule condemned): a reaction to an act
    the reader knows, not a report of a new one."""
    return _condemned_at(c, doc) is not None


def _condemned_at(c: Candidate, doc: Doc) -> int | None:
    """Where the last word of condemning before a condemned act's noun starts (`condemned`), else None."""
    if not names_it_definitely(c, doc):
        return None
    start = c.anchor.span.start
    a = max(c.sentence[0], start - RULES.window("condemned"))
    found = list(_CONDEMNED.finditer(doc.folded(a, start)))
    return doc.orig_offset(a, found[-1].start()) if found else None


def _condemned_retelling(x: Candidate, y: Candidate, doc: Doc) -> bool:
    """`x` is a condemnation of an act (`condemned`) and `y` a report of that kind of act (or a generic word that
    covers it, either way) in the same country, in no other province, on days that agree (a condemnation is dated
    by its own telling, so a day apart agrees): `x` retells `y`. Who condemns is no side of the act (its name,
    read as the doer, sets no report apart), and "كما أدانت ..." adds a condemner, not an act."""
    fx, fy = x.fields, y.fields
    if not condemned(x, doc) or fx.another or fy.another or fx.modality != fy.modality:
        return False
    if not (same_kind(x, y) or one_family(x, y) or covers(x, y) or covers(y, x)):
        return False
    lx, ly = fx.loc, fy.loc
    if lx.iso3 is None or lx.iso3 != ly.iso3 or (lx.admin1 and ly.admin1 and lx.admin1 != ly.admin1):
        return False
    wx, wy = fx.when, fy.when
    return wx is None or wy is None or abs((wx.date - wy.date).days) <= 1


def _drop_condemners(doc: Doc, *linked: Candidate) -> None:
    """Reports about to be linked: in a condemnation of the act (`condemned`), who condemned - the name told
    last before the word of condemning ("أعرب أمير دولة قطر عن إدانته للتفجير", "ودولة البحرين تدين الجريمة") or
    between it and the act's noun - is no side of the act, so it gives the event no side; the report of the act
    does. A doer named further back ("أوضحت أن داعش تبنى العمل الإرهابي ودولة البحرين تدين") stays."""
    for x in linked:
        stance = _condemned_at(x, doc)
        if stance is None:
            continue
        start = x.anchor.span.start
        names = doc.mentions_in(x.sentence[0], start, "actor", "nationality", "place")
        before = [m for m in names if m.span.end <= stance]
        condemners = [m.span for m in names if m.span.start >= stance] + [m.span for m in before[-1:]]
        f = x.fields
        for key in ("actor1", "actor2"):
            actor = getattr(f, key)
            if actor is not None and any(c.start <= actor.span.start < c.end for c in condemners):
                x.fields = f = replace(f, **{key: None})


def covers(x: Candidate, y: Candidate) -> bool:
    """`x` is told only by a generic word ("هجوم", "انفجار") that may stand for `y`'s kind of act."""
    return generic(x) and y.sub_event_type in _GENERIC_COVERS.get(x.sub_event_type, ())


_RETOLD_BY_RELATIVE = RULES["retold_by_relative"]


def _covered(a: Candidate, b: Candidate, doc: Doc | None) -> bool:
    """One report names the act only by a definite generic word that a relative clause describes ("في الهجوم الذي
    أوقع 32 قتيلا") and that covers the other's specific kind (a suicide bombing), the other by words of that kind:
    the first retells it."""
    return doc is not None and any(covers(x, y) and not generic(y) and names_it_definitely(x, doc)
                                   and _retold_by_relative(x, doc) for x, y in ((a, b), (b, a)))


def _retold_by_relative(c: Candidate, doc: Doc) -> bool:
    """A word of the act is followed by a relative clause that describes it ("الهجوم الذي أوقع", "الهجوم الانتحاري
    الذي تبناه")."""
    reach = RULES.window("retold_by_relative")
    return any(_RETOLD_BY_RELATIVE.match(doc.folded(t.span.start, min(len(doc.text), t.span.start + reach)))
               for t in c.triggers)


def more_of_the_same_day(clause_folded: str) -> bool:
    """"كما تمكن التنظيم في اليوم ذاته من قتل 4 ضباط": more victims of the act just told, added to its toll."""
    return bool(_ALSO.match(clause_folded) and _SAME_DAY.search(clause_folded))
