"""When an event happened: its own time expression, the one that governs it, or an honest default.

Dates that say when a *report* was published ("تقرير نشر أمس الأربعاء") are not event dates. An event with no date
of its own takes the expression that governs it in the text (same clause, then sentence, then paragraph); failing
that, the article's news is dated to the day before publication with ACLED time-precision 2 (never the publication
date with precision 1), and a background event gets the widest range the text allows.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from datetime import date, timedelta

from rasd.doc import Doc
from rasd.events.detect import Candidate
from rasd.kb.rules import load_rules
from rasd.model import Span
from rasd.text.date_words import RELATIVE_DAYS, WEEKDAYS
from rasd.text.normalize import fold

RULES = load_rules("timing")

_PUBLICATION_RE = RULES["publication"]
_DAY_WORD_BEFORE = RULES["day_word_before"]


@dataclass(frozen=True, slots=True)
class When:
    date: date
    date_end: date | None
    precision: int
    span: Span | None
    how: str  # "own", "statement" (the date of the report that tells it), "governing", "lead", "default"
    #: The time is a stretch that runs up to the report ("خلال الأيام الماضية", "هذا الأسبوع"), not a point some
    #: time back ("قبل أيام"): its last day is when the act may have happened last.
    to_date: bool = False
    #: How the time expression was resolved (rasd.text.dates kinds: "absolute", "absolute_no_year", "relative_day"...).
    kind: str = ""


def _usable(doc: Doc, t, since_ok: bool = False) -> bool:
    """False for dates of publication rather than of the event, and for "منذ 28 مايو" (since a date: the start
    of a state of affairs, not the day of an act; "منذ يومين" is an "ago" and stays)."""
    before = doc.folded(max(0, t.start - RULES.window("publication")), t.start).strip()
    if before.endswith("منذ") and t.kind not in ("ago",) and not since_ok:
        return False
    before = _DAY_WORD_BEFORE.sub("", before).strip()
    return not _PUBLICATION_RE.search(before)


#: Kinds of time expression (rasd.text.dates) that name a stretch of time rather than a day or a point back.
_STRETCH_KINDS = frozenset({"period", "week", "month", "month_name", "hijri_month", "year"})
#: The longest stretch up to the report that is as recent as its last day (days from its first to its last).
_STRETCH_MAX_DAYS = 10


def _as_when(doc: Doc, t, how: str) -> When:
    end = t.date_end if t.date_end != t.date_start else None
    # (a stretch of weeks or months up to now - "طوال الأشهر الماضية" - is the backdrop, not the news; "مطلع
    # الشهر" told on its tenth day, cut at the day before, is nine days up to it)
    to_date = (t.kind in _STRETCH_KINDS and (t.date_end - t.date_start).days <= _STRETCH_MAX_DAYS
               and doc.published is not None and t.date_end >= doc.published - timedelta(days=1))
    return When(t.date, end, int(t.precision), doc.span(t.start, t.end), how, to_date, t.kind)


def own_time(cand: Candidate, doc: Doc, event_clauses: frozenset = frozenset(),
             source: Span | None = None, anchors: tuple[int, ...] = ()) -> When | None:
    """The time expression in the candidate's own clause (nearest the trigger), else elsewhere in its sentence
    outside the clauses that report events of their own (unless it stands nearer this trigger than theirs). A date inside the reporting phrase ("أعلن الجيش أمس
    الجمعة أن ...") dates the statement: it is used only when the text gives no date of the act itself.

    Every lookup is a bisection (times by position, other clauses by start, rival triggers by position): this runs
    once per event, and a scan of every time against every trigger made a 500 KB article take minutes."""
    trig = cand.anchor.span.start
    starts, ends, rivals = _event_index(doc, event_clauses, anchors)
    own = cand.clause

    def in_other_clause(pos: int) -> bool:
        # how many event clauses hold `pos` (starts at or before it, less ends at or before it), own one aside
        holding = bisect_right(starts, pos) - bisect_right(ends, pos)
        return holding - (own in event_clauses and own[0] <= pos < own[1]) > 0

    def nearest_mine(pos: int) -> bool:
        # no other event's trigger stands nearer `pos` than this one: only its nearest neighbours need a look
        i = bisect_left(rivals, pos)
        left = i - 1 if i - 1 < 0 or rivals[i - 1] != trig else i - 2
        right = i if i >= len(rivals) or rivals[i] != trig else i + 1
        return all(abs(pos - trig) <= abs(pos - rivals[k]) for k in (left, right) if 0 <= k < len(rivals))

    found = []
    held = cand.anchor.value == "control_since"
    for rank, (a, b) in enumerate((cand.clause, cand.sentence)):
        for t in doc.times_in(a, b):
            in_source = source is not None and source.start <= t.start < source.end
            if held and not (t.start >= cand.anchor.span.end and "منذ" in doc.folded(cand.anchor.span.start, t.start)):
                # "تسيطر عليها المعارضة منذ أشهر" beside "قصفت أمس": only the since-phrase dates the holding ("منذ
                # 28 مايو", "منذ أن دخلها المسلحون ... صيف 2014")
                continue
            if _usable(doc, t, held) and (
                    rank == 0 or in_source or not in_other_clause(t.start) or nearest_mine(t.start)):
                # (the date of the statement that reports it holds for every act the statement tells)
                found.append(((in_source, rank, abs(t.start - trig)), t))
    if not found:
        return None
    key, best = min(found, key=lambda x: x[0])
    # "خلال صلاة الجمعة في شهر رمضان في 26 يونيو": a day inside the vaguer period nearest the trigger, told next
    # to it (an apposition: the nested_day rule), names the act's day more precisely.
    inside = [(k, t) for k, t in found if k[:2] == key[:2] and t.precision < best.precision
              and best.date_start <= t.date_start and t.date_end <= best.date_end and _apposed(doc, best, t)]
    if inside:
        key, best = min(inside, key=lambda x: x[0])
    if best.precision == 1 and best.end <= trig and _reports_act_as_object(doc, best, trig, cand.sentence[0]):
        # "أعلن مصدر عسكري أمس عن مقتل خمسة مسلحين": the announcement's day; the act is of the days up to it
        return When(best.date, None, 2, doc.span(best.start, best.end), "statement")
    today = doc.written or doc.published
    if key[0] and today is not None and best.precision == 1 and best.date == today:
        # "أعلنت الوزارة اليوم أن ...": a statement of the day of publication (or of writing) says no more about the
        # act than that date does - the news of the last days, as default_time dates it (the span is still shown)
        return When(today - timedelta(days=1), today, 2, doc.span(best.start, best.end), "statement")
    return _as_when(doc, best, "statement" if key[0] else "own")


_PAST_AFTER = RULES["past_after"]


def of_unknown_year(doc: Doc, when: When | None, max_days_back: int) -> bool:
    """Is `when` a day and month told without a year ("هجمات 11 سبتمبر", "فض الاعتصام في 14 أغسطس", "الحادي عشر
    من سبتمبر") whose last occurrence lies more than `max_days_back` days before publication? The resolver dates a
    yearless day to the last such day, but a writer who means a day of the past months names it bare, and one
    who means a day of last year says so ("21 سبتمبر (أيلول) الماضي": rule past_after): a bare day whose last
    occurrence is most of a year back, its next one only weeks ahead, is the day of a known act of some earlier
    year (the 11 September attacks, Nagasaki, the Rabaa dispersal) or a coming day (a match, a strike called).
    Neither is an act of the report's days, and ACLED codes no act whose year is unknown."""
    if when is None or when.kind != "absolute_no_year" or when.span is None or doc.published is None:
        return False
    if (doc.published - when.date).days <= max_days_back:
        return False
    return not _PAST_AFTER.match(doc.folded(when.span.end, min(len(doc.text), when.span.end + RULES.window(
        "past_after"))))


_NESTED_DAY = RULES["nested_day"]
_REPORT_DATED_ACT = RULES["report_dated_act"]
_REPORT_CLAUSE = RULES["report_clause"]


def _reports_act_as_object(doc: Doc, t, trig: int, sentence_start: int) -> bool:
    """Is `t` the date of a report that names the act as its object ("أعلن مصدر عسكري أمس عن مقتل", "أفادت
    مصادر محلية أمس بغارات"), rather than of the act itself or of a report that opens a clause of its own ("أعلنت
    الوزارة أمس أن ...")? The report verb is sought in the act's sentence. Rules report_dated_act and
    report_clause."""
    before = doc.folded(max(sentence_start, t.start - RULES.window("report_dated_act")), t.start)
    return bool(_REPORT_DATED_ACT.search(before)) and not _REPORT_CLAUSE.search(doc.folded(t.end, trig))


def _apposed(doc: Doc, a, b) -> bool:
    """Do two time expressions stand side by side, with at most a word and a preposition between them?"""
    lo, hi = (a.end, b.start) if a.end <= b.start else (b.end, a.start)
    return hi - lo <= RULES.window("nested_day") and _NESTED_DAY.match(doc.folded(lo, hi)) is not None


def _event_index(doc: Doc, event_clauses: frozenset, anchors: tuple[int, ...]) -> tuple[list, list, list]:
    """Sorted starts and ends of the event clauses and sorted trigger positions, built once per article (kept on
    the Doc while the same clauses and anchors are asked about)."""
    held = doc.__dict__.get("_event_index")
    if held is None or held[0] is not event_clauses or held[1] is not anchors:
        held = (event_clauses, anchors, sorted(a for a, _ in event_clauses), sorted(b for _, b in event_clauses),
                sorted(set(anchors)))
        doc.__dict__["_event_index"] = held
    return held[2:]


_CONTINUES = RULES["continues"]
_SAME_REPORT = RULES["same_report"]


def governing_time(cand: Candidate, doc: Doc) -> When | None:
    """The nearest usable time expression earlier in the candidate's paragraph, at most two sentences back and in
    a sentence that reports an act itself (a digression - "وصل الصحافيون إلى سورية في العاشر من تموز" - governs
    nothing that follows)."""
    p0, _ = doc.paragraph_of(cand.anchor.span.start)
    if _CONTINUES.match(doc.folded(*cand.sentence)) or _counts_days_back(cand, doc):
        # "وأضاف البيان أن ...": the same statement goes on in a new paragraph; "وقبل ذلك بيوم قتل ...": a day
        # counted from the act just told, wherever the paragraph broke
        p0 = 0
    i = cand.sentence_index
    while i >= 1 and _SAME_REPORT.match(doc.folded(doc.sentences[i].start, doc.sentences[i].end)):
        i -= 1  # "وقال المصدر ... وأضاف المصدر ...": one report goes on; its date stands before its first sentence
    lo = max(p0 if i == cand.sentence_index else 0, doc.sentences[i - 2].start if i >= 2 else 0)
    times = [t for t in doc.times_in(lo, cand.sentence[0]) if _usable(doc, t)
             and any(m.kind == "trigger" or m.value in ("kill", "injure")
                     for m in doc.mentions_in(*doc.sentence_of(t.start), "trigger", "cue"))]
    if times:
        return _as_when(doc, times[-1], "governing")
    return _head_time(cand, doc) or _lead_time(cand, doc)


_LIST_ITEM = RULES["list_item"]
_LIST_ITEM_STRONG = RULES["list_item_strong"]
_TOPIC_SWITCH = RULES["topic_switch"]
_REPORT_DATE = RULES["report_date"]
_LEAD_AMBIGUOUS = RULES["lead_ambiguous"]


def _acts_in(doc: Doc, a: int, b: int) -> bool:
    return any(m.kind == "trigger" or m.value in ("kill", "injure") for m in doc.mentions_in(a, b, "trigger", "cue"))


#: A lead's date is carried only when it is of the news (at most a week before publication): a list of acts that
#: goes on from an older date is history recalled, told with dates of its own.
_LEAD_MAX_DAYS_BACK = 7


def _recent(doc: Doc, day: date) -> bool:
    return doc.published is None or timedelta(0) <= doc.published - day <= timedelta(days=_LEAD_MAX_DAYS_BACK)


_BULLET = RULES["bullet_item"]


def list_head(doc: Doc, sentence_index: int) -> tuple[int, int] | None:
    """The head line of the bulleted list the sentence is an item of ("أبرز التطورات في غزة منذ فجر اليوم:" over
    "• غارة على ..." lines: rule bullet_item), or None when the sentence is no bulleted item. Posts and wire briefs
    say the place and the day once, above a list of acts."""
    i = sentence_index
    if i < 0 or not _BULLET.match(doc.text[doc.sentences[i].start:doc.sentences[i].end]):
        return None
    lo = doc.sentences[i].start - RULES.window("bullet_item")
    while i >= 1 and _BULLET.match(doc.text[doc.sentences[i].start:doc.sentences[i].end]):
        i -= 1
        if doc.sentences[i].start < lo:
            return None
    head = doc.sentences[i]
    if _BULLET.match(doc.text[head.start:head.end]):
        return None
    return head.start, head.end


def _head_time(cand: Candidate, doc: Doc) -> When | None:
    """The day the head of a bulleted list names ("حصاد يوم أمس:", "منذ فجر اليوم:"), for an item with none of its
    own: the head need not tell an act itself ("أبرز التطورات"), and "منذ فجر اليوم" dates today's acts."""
    head = list_head(doc, cand.sentence_index)
    if head is None:
        return None
    times = [t for t in doc.times_in(*head) if _usable(doc, t, since_ok=True) and t.precision == 1
             and _recent(doc, t.date)]
    return _as_when(doc, times[-1], "lead") if times else None


def _lead_time(cand: Candidate, doc: Doc) -> When | None:
    """The date of the lead a list of acts goes on from: "قتل 30 شخصا في تفجيرات الثلاثاء ... وفي ديالى قتل اربعة
    ... كما انفجرت سيارة ...": each item with no date of its own happened on the lead's day. Walks back from the
    candidate's sentence while every sentence is an item of the list (opens with و/كما/وفي..., not with a turn to
    another story or a pluperfect) and takes the last date of the nearest earlier sentence that tells an act, within
    the rule's window, across paragraphs. An item that opens as one outright ("الى ذلك، أصيب ...", "وفي محافظة
    نينوى، سقط ...": rule list_item_strong) goes on from the lead over the sentences between that are no items (the
    claim, the source's remarks, the earlier toll), as long as none turns to another story."""
    i = cand.sentence_index
    lo = cand.sentence[0] - RULES.window("list_item")
    while i >= 1:
        folded = doc.folded(doc.sentences[i].start, doc.sentences[i].end)
        if i == cand.sentence_index:
            strong = _LIST_ITEM_STRONG.match(folded) is not None
        if _TOPIC_SWITCH.match(folded) or (not _LIST_ITEM.match(folded) and (i == cand.sentence_index or not strong)):
            return None
        lead = doc.sentences[i - 1]
        if lead.start < lo:
            return None
        times = [t for t in doc.times if lead.start <= t.start < lead.end and _usable(doc, t)
                 and t.precision == 1 and _recent(doc, t.date)
                 and not _LEAD_AMBIGUOUS.match(doc.folded(t.start, t.end))]
        if times and _acts_in(doc, lead.start, lead.end):
            acts = [t for t in times if not _REPORT_DATE.search(
                doc.folded(max(lead.start, t.start - RULES.window("report_date")), t.start))]
            return _as_when(doc, (acts or times)[-1], "lead")
        i -= 1
    return None


def is_background(when: When | None, marked: bool, tense_only: bool, news_date: date | None,
                  background_days: int) -> bool:
    """Is an act told as context for the article's news rather than as news itself?

    It is when a word marks it as an earlier act (`marked`: "ردا على", "إثر", "في وقت سابق", "كان قد") or when its
    time is more than `background_days` before the news date. A stretch that runs up to the report ("خلال الأيام
    الماضية", "هذا الأسبوع": `When.to_date`) is as recent as its last day, not its middle one; a point some
    days back ("قبل أيام") is as old as it says. A mark that is only the tense (`tense_only`: a pluperfect,
    rasd.events.modality.recounted_by_tense_only) orders two acts of the same news ("وكانت قوات الأمن فرقت تجمعا
    مساء الخميس"): an act it marks that is dated to a day within the news window is news; one it dates only to a
    stretch ("وكانت البلدة شهدت خلال الأيام الماضية مواجهات") is the backdrop of the news."""
    last = (when.date_end or when.date) if when is not None and when.to_date else when.date if when else None
    recent = last is None or news_date is None or last >= news_date - timedelta(days=background_days)
    if marked:
        return not (tense_only and when is not None and when.precision == 1 and recent)
    return not recent


_BREAKING = RULES["breaking"]


def breaking_mark(doc: Doc) -> Span | None:
    """The "عاجل" (breaking) mark that opens a post or a wire flash, if any (rule breaking)."""
    m = _BREAKING.search(doc.folded(0, min(len(doc.text), RULES.window("breaking"))))
    return doc.span(doc.orig_offset(0, m.start("mark")), doc.orig_offset(0, m.end("mark"))) if m else None


def default_time(published: date | None, background: bool, breaking: Span | None = None) -> When | None:
    """No date in the text: the news is of the last days (precision 2); background is some time before, with
    precision 3. Its representative day is a week back: context told without a date is most often of the past
    days or weeks ("وكان يتحدث في أعقاب مقتل ستة أشخاص"), and a week back stays within a week of those. A text
    marked breaking (`breaking`: its "عاجل") tells news of the publication day itself."""
    if published is None:
        return None
    if breaking is not None and not background:
        return When(published, None, 1, breaking, "breaking")
    if background:
        return When(published - timedelta(days=7), published - timedelta(days=1), 3, None, "default")
    return When(published - timedelta(days=1), published, 2, None, "default")


_NAMED_ACT = RULES["named_act"]
_NAMED_ACT_LINK = RULES["named_act_link"]
_NAMED_ACT_CONSTRUCT = RULES["named_act_construct"]
_DEFINITE_WORD = RULES["definite_word"]


def _trigger_word(doc: Doc, span: Span) -> tuple[str, int]:
    """The folded whole word of a trigger, with the proclitics and article the recogniser's span leaves out
    ("بالهجوم" for "هجوم"), and where the word ends."""
    start, end = span.start, span.end
    while start > 0 and not doc.text[start - 1].isspace() and doc.text[start - 1] not in "،,.:;«\"(":
        start -= 1
    while end < len(doc.text) and not doc.text[end].isspace() and doc.text[end] not in "،,.:;»\")":
        end += 1
    return doc.folded(start, end), end


def named_past_act(cand: Candidate, doc: Doc) -> Span | None:
    """The phrase that names the act as one the reader knows - "هجوم سوسة", "مجزرة قانا", "الهجوم على متحف
    باردو" (rules named_act, named_act_link) - or None. Every trigger of the act must be such a noun or a definite
    word (rule definite_word; a verb or an unnamed noun tells the act as news), and one must name its place: in construct (rule
    named_act_construct), or, definite, after its adjectives and a preposition. The caller asks only for an act told with no date of its own (the day of the
    statement that names it is not the act's): that is a known act recalled, the backdrop of the news
    (background), not a new act dated to the report; a toll told with it ("هجوم سوسة الذي راح ضحيته 38") is the
    known one. Measured: 4 firings on train+dev (3 background fields right that were wrong, 1 duplicate either
    way), 13 on the 1,310-article security subset, all known acts recalled."""
    named = None
    for t in cand.triggers:
        word, end = _trigger_word(doc, t.span)
        m = _NAMED_ACT.match(word)
        if m is None:
            if _DEFINITE_WORD.match(word):
                continue  # "الانتحاري" of "التفجير الانتحاري": an adjective of the named act, not a verb
            return None
        if named is not None:
            continue
        reach = min(cand.clause[1], end + RULES.window("named_act_link"))
        place = next((p for p in doc.mentions_in(end, reach, "place") if p.span.start >= end), None)
        if place is None:
            continue
        between = doc.folded(end, place.span.start)
        if m.group("def") and _NAMED_ACT_LINK.match(between) or (
                not m.group("def") and not m.group("governed") and _NAMED_ACT_CONSTRUCT.match(between)):
            named = doc.span(t.span.start, place.span.end)
    return named


_DAY_SHIFT = RULES["day_shift"]
_DAY_SHIFT_DAYS = RULES.table("day_shift_days")


def _counts_days_back(cand: Candidate, doc: Doc) -> bool:
    """Does a word of rule day_shift ("وقبل ذلك بيوم", "وفي اليوم التالي") stand before the trigger in its sentence
    (an opening phrase may lie outside the trigger's clause)?"""
    trig = cand.anchor.span.start
    return _DAY_SHIFT.search(doc.folded(max(cand.sentence[0], trig - RULES.window("day_shift")), trig)) is not None


def shifted_by_a_day(cand: Candidate, doc: Doc, when: When) -> When:
    """The date of an act governed by "غداة" (the morning after it: the sentence's dated act came the day after
    this one) or "عشية" (on its eve: the dated act came the day before it): "وجاء التفجير [مساء السبت] غداة
    قصف المدفعية مواقع ..." dates the shelling to Friday (rule day_shift); likewise a day counted from the act
    just told ("وفي اليوم التالي قتل ...", "وقبل ذلك بيومين أصيب ..."). Only a date told before the word (the
    governing act's) is shifted; one told after the trigger is the act's own."""
    trig = cand.anchor.span.start
    lo = max(cand.sentence[0], trig - RULES.window("day_shift"))  # an opening "وقبل ذلك بيوم" may lie outside the clause
    m = _DAY_SHIFT.search(doc.folded(lo, trig))
    if m is None:
        return counted_back(cand, doc, when)
    if when.how == "default" or (when.span is not None and when.span.start >= trig):
        return when
    days = timedelta(days=_DAY_SHIFT_DAYS[" ".join(m.group("word").split())])
    return replace(when, date=when.date + days, date_end=when.date_end + days if when.date_end else None,
                   how="shifted")


_INTERVAL_BACK = RULES["interval_back"]
_INTERVAL_UNITS = RULES.table("interval_units")
_INTERVAL_COUNTS = RULES.table("interval_counts")
#: Approximate counts ("نحو شهر") widen the interval by this share of it on each side.
_APPROX_SHARE = 0.25


def counted_back(cand: Candidate, doc: Doc, when: When) -> When:
    """The time of an act told as the one an interval before the sentence's dated act or statement: "وذلك بعد ثلاثة
    أيام على تفجير انتحاري", "بعد نحو شهر من هجوم على البلدة", "بعد أيام من اختطاف الصحفي" (rule interval_back). The interval is
    counted back from the time the sentence gives before the trigger, else from the time that governs it, else
    from the news of the last days; a time told after the trigger is the act's own and stands. The result is
    marked how="interval": an earlier act recalled (background). `when` is returned unchanged when no such phrase
    governs the act."""
    m = None
    for trig in sorted({t.span.start for t in cand.triggers} | {cand.anchor.span.start}):
        # the phrase may stand before any word of the act the candidate joins
        lo = max(cand.sentence[0], trig - RULES.window("interval_back"))
        m = _INTERVAL_BACK.search(doc.folded(lo, trig))
        if m is not None:
            break
    if m is None or (when.span is not None and when.span.start >= trig):
        return when
    today = doc.written or doc.published
    base = when if when.how != "default" else None
    if base is None:
        # the time of the sentence's other act or statement, told before the phrase ("قصفت الطائرات أمس ... وذلك بعد
        # ثلاثة أيام على تفجير"), else the one that governs the sentence
        told = [t for t in doc.times_in(cand.sentence[0], doc.orig_offset(lo, m.start())) if _usable(doc, t)]
        base = _as_when(doc, told[-1], "own") if told else governing_time(cand, doc)
    if base is not None:
        first, last = base.date, base.date_end or base.date
    elif today is not None:
        first, last = today - timedelta(days=1), today
    else:
        return when
    unit = " ".join(m.group("unit").split())
    days, fewest, most = _INTERVAL_UNITS[unit]
    count = m.group("count")
    if count:
        n = int(count) if count.isdigit() else _INTERVAL_COUNTS.get(count)
        if not n:
            return when
        fewest = most = n
    near, far = fewest * days, most * days
    approx = " ".join((m.group("approx") or "").split())
    if days > 1 and fewest == most and not approx:
        # a count of weeks, months or years is told to the unit: half a unit either way
        near, far = near - days // 2, far + days // 2
    if approx in ("اقل من",):
        near = 0
    elif approx in ("اكثر من", "ما يزيد عن", "ما يزيد علي"):
        far = far + far // 2
    elif approx:
        near, far = int(near * (1 - _APPROX_SHARE)), int(far * (1 + _APPROX_SHARE)) + 1
    start, end = first - timedelta(days=far), last - timedelta(days=near)
    span_days = (end - start).days
    precision = 1 if span_days == 0 and (base is None or base.precision == 1) else 2 if span_days <= 7 else 3
    span = doc.span(doc.orig_offset(lo, m.start() + len(m.group(0)) - len(m.group(0).lstrip())), trig)
    return When(start, end if end != start else None, precision, span, "interval")


_ANNIVERSARY = RULES["anniversary"]
_ANNIVERSARY_YEARS = RULES.table("anniversary_years")


def anniversary_of(cand: Candidate, doc: Doc) -> tuple[Span, When | None] | None:
    """The anniversary ("ذكرى") an act is named under ("الذكرى العاشرة للهجمات", "ذكرى مرور عام على مقتل"), with
    the act's time the count of years gives - or None when no anniversary governs the act (rule anniversary). Such an act is history the news recalls: it is background, and the day of the
    commemoration told in the sentence ("أحيت المدينة أمس الذكرى ...") is not its day. The years come from digits
    ("الذكرى الـ25") or from the ordinal's words (table anniversary_years, parts of a compound added up); the day is
    the publication's, that many years back, with ACLED's vaguest precision (the text gives the year only).
    An implausible count (more years than the era has) leaves the time to the caller: the widest honest range."""
    trig = cand.anchor.span.start
    lo = max(cand.clause[0], cand.sentence[0], trig - RULES.window("anniversary"))
    before = doc.folded(lo, trig)
    m = _ANNIVERSARY.search(before)
    if m is None:
        return None
    first = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
    span = doc.span(doc.orig_offset(lo, first), cand.anchor.span.end)
    count = m.group("count")
    digits = "".join(ch for ch in count if ch.isdigit())
    years = int(digits) if digits else sum(_ANNIVERSARY_YEARS.get(w.removeprefix("و").removeprefix("ال"), 0)
                                           for w in count.split())
    if not years or doc.published is None or years >= doc.published.year:
        return span, None
    try:
        day = doc.published.replace(year=doc.published.year - years)
    except ValueError:  # 29 February of a year that has none
        day = doc.published.replace(year=doc.published.year - years, day=28)
    return span, When(day, None, 3, span, "anniversary")


#: A wire or print text is written at most this many days before the day it was published (crawled) on; a relative
#: day and weekday that say more are a quote of an older statement, not the day the text was written.
_WRITTEN_MAX_DAYS_BACK = 3
#: Characters between two time expressions told side by side (a space, a comma).
_ADJACENT = 3


def writing_day(times, published: date | None) -> date | None:
    """The day the text was written, when it is not the publication date: a relative day told with its weekday
    ("أمس الثلاثاء", "اليوم (الأحد)", "أول من أمس الاثنين") in a text published two days later says the writer's
    today was a day or two earlier (a print edition out the next morning, a page crawled days after it was
    written). Every such pair in the text must agree on the same day, one to three days before publication;
    otherwise (no pair, pairs that disagree, or the publication day itself) None. The text's other relative days
    ("صباح أمس", "اليوم") are then that writer's: resolved against the day found, not against publication.
    `times` are the text's time expressions resolved against `published` (rasd.text.dates), whose pairs name
    the weekday on or before the relative day."""
    if published is None:
        return None
    days = set()
    for t in times:
        if t.kind != "relative_day" or t.precision != 1:
            continue
        if any(u is not t and (0 <= t.start - u.end <= _ADJACENT or 0 <= u.start - t.end <= _ADJACENT) for u in times):
            continue  # "صباح يوم أمس اليوم الجمعة": two days told side by side, one of them a slip
        words = fold(t.text).replace("(", " ").replace(")", " ").split()
        if not any(w in WEEKDAYS for w in words):
            continue
        back = next((n for k, n in sorted(RELATIVE_DAYS.items(), key=lambda kv: -len(kv[0]))
                     if n >= 0 and _holds_words(words, k.split())), None)
        if back is None:
            continue
        days.add(t.date + timedelta(days=back))
    if len(days) != 1:
        return None
    day = days.pop()
    return day if timedelta(days=1) <= published - day <= timedelta(days=_WRITTEN_MAX_DAYS_BACK) else None


def _holds_words(words: list[str], phrase: list[str]) -> bool:
    """Does `phrase` stand in `words` as consecutive whole words?"""
    n = len(phrase)
    return any(words[i:i + n] == phrase for i in range(len(words) - n + 1))
