"""When an act happened, how precisely, and whether it is news or context (issue 14, field accuracy of time and
background), on sentences written for these tests in the style of the corpus (none is from an eval set). The rules
decide (decide="rules"): the timing rules are under test, not the learned vetting."""

from __future__ import annotations

from datetime import date

from rasd.model import Article
from rasd.pipeline import process

MONDAY = date(2015, 7, 27)
SUNDAY = date(2015, 8, 2)
NEWS = "قتل ثلاثة جنود في هجوم انتحاري على نقطة تفتيش في الرمادي أمس. "


def by_place(kb, text: str, published: date = MONDAY) -> dict:
    return {e.location: e for e in process(Article(text=text, published=published), kb, decide="rules").events}


def test_a_pluperfect_act_of_the_news_days_is_news(kb):
    # "وكان ... هاجموا ... يوم السبت": the tense orders two acts of the same news (published Monday, news of Sunday)
    evs = by_place(kb, NEWS + "وكان مسلحون هاجموا حاجزا للجيش في بعقوبة يوم السبت ما أدى إلى مقتل جنديين.")
    assert evs["Baqubah"].event_date == date(2015, 7, 25)
    assert evs["Baqubah"].background is False


def test_a_pluperfect_act_of_an_older_day_is_background(kb):
    evs = by_place(kb, NEWS + "وكان مسلحون هاجموا حاجزا للجيش في بعقوبة في العاشر من يوليو ما أدى إلى مقتل جنديين.")
    assert evs["Baqubah"].background is True


def test_a_pluperfect_over_the_last_days_is_the_backdrop(kb):
    # dated only to a stretch, the pluperfect act is what led up to the news
    evs = by_place(kb, NEWS + "وكانت مدينة الفلوجة شهدت في الأيام القليلة الماضية اشتباكات عنيفة بين الجيش ومسلحي داعش.")
    assert evs["Al Fallujah"].background is True


def test_a_word_that_makes_an_act_the_cause_keeps_it_background(kb):
    evs = by_place(kb, "قتل ثلاثة جنود في هجوم انتحاري على نقطة تفتيش في الرمادي أمس، ردا على هجوم شنه الجيش على مواقع"
                       " التنظيم في الفلوجة يوم السبت.")
    assert evs["Ramadi"].background is False
    assert evs["Al Fallujah"].background is True


def test_a_stretch_up_to_the_report_is_as_recent_as_its_last_day(kb):
    # "هذا الأسبوع" in a Sunday paper runs Monday to Saturday: its middle day is old, its last day is the news
    evs = by_place(kb, NEWS + "واندلعت اشتباكات عنيفة بين الجيش ومسلحي داعش في الفلوجة هذا الأسبوع.", SUNDAY)
    assert evs["Al Fallujah"].time_precision == 2
    assert evs["Al Fallujah"].background is False


def test_a_point_some_days_back_is_as_old_as_it_says(kb):
    evs = by_place(kb, NEWS + "واندلعت اشتباكات عنيفة بين الجيش ومسلحي داعش في الفلوجة قبل أيام.", date(2015, 7, 30))
    assert evs["Al Fallujah"].background is True


def only_event(kb, text: str, published: date = MONDAY):
    evs = process(Article(text=text, published=published), kb, decide="rules").events
    assert len(evs) == 1, [(e.event_type, e.location) for e in evs]
    return evs[0]


def test_a_report_that_names_the_act_as_its_object_dates_only_the_report(kb):
    # rule report_dated_act: "أعلن ... أمس عن مقتل": the act is of the days up to the announcement
    ev = only_event(kb, "أعلن مصدر في قيادة عمليات نينوى، أمس، عن مقتل خمسة من عناصر داعش بقصف مدفعي استهدف تجمعا"
                        " لهم في قضاء تلعفر.")
    assert (ev.event_date, ev.time_precision) == (date(2015, 7, 26), 2)


def test_a_report_that_opens_a_clause_dates_the_act(kb):
    # rule report_clause: "قال بيان ... أمس: إن ..." tells the act as of that day
    ev = only_event(kb, "قال بيان للجيش أمس: إن خمسة من عناصر داعش قتلوا بقصف مدفعي استهدف تجمعا لهم في قضاء تلعفر.")
    assert (ev.event_date, ev.time_precision) == (date(2015, 7, 26), 1)
    # a date inside the reported clause is the act's own
    ev = only_event(kb, "قال المصدر إن مسلحين هاجموا أمس نقطة تفتيش في قضاء تلعفر ما أدى إلى مقتل جنديين.")
    assert (ev.event_date, ev.time_precision) == (date(2015, 7, 26), 1)


def test_a_broadcast_date_is_no_date_of_the_act(kb):
    # rule publication: "البيان الذي أذيع اليوم الاثنين" dates the statement's broadcast
    ev = only_event(kb, "دمرت غارة جوية للتحالف مصنعا للمتفجرات في الحويجة، وفقا للبيان العسكري الذي أذيع اليوم الاثنين.")
    assert (ev.event_date, ev.time_precision, ev.date_text) == (date(2015, 7, 26), 2, None)


def test_an_act_named_by_its_place_with_no_date_is_a_known_act_recalled(kb):
    # "بسبب هجوم سوسة": an attack named in construct with its town, no date of its own - the backdrop of the news,
    # not a new act dated to the report; the news act told with a verb and a day stays news
    evs = by_place(kb, NEWS + "وتراجعت حركة السياح في تونس بسبب هجوم سوسة الذي تبناه تنظيم داعش.")
    assert evs["Sousse"].background is True
    assert evs["Sousse"].time_precision == 3
    assert evs["Ramadi"].background is False


def test_an_act_told_with_a_verb_at_a_place_is_news(kb):
    # the same town, but the act is told as done ("فجر مسلحون عبوة"): no name of a known act
    evs = by_place(kb, NEWS + "وفجر مسلحون عبوة ناسفة في سروج ما أدى الى مقتل شخصين.")
    assert evs["Suruc"].background is False


def test_a_statements_day_does_not_date_a_named_act(kb):
    # "كشف أمس ... الذي نفذ هجوم سوسة": yesterday is the day of the disclosure; the attack is the known one
    evs = by_place(kb, NEWS + "وكشف أمس رئيس قسم التشريح عن انتهاء فحص جثة المسلح الذي نفذ هجوم سوسة الإرهابي.")
    assert evs["Sousse"].background is True
    assert evs["Sousse"].event_date != date(2015, 7, 26)


def test_a_lead_date_carries_over_a_claim_to_an_item_that_opens_as_one(kb):
    # the lead dates a series of bombings to Tuesday; a group's claim and a source's remark stand between it and
    # "الى ذلك، قتل ..." - the item still happened on the lead's day (published Thursday)
    text = ("سقط 25 قتيلا في ثلاثة انفجارات هزت احياء في بغداد الثلاثاء، وفق ما قال مسؤولون في الشرطة. "
            "وتبنى التنظيم في بيان نشره انصاره على الانترنت تلك العمليات. "
            "غير ان مسؤولي الشرطة اكدوا ان جميع القتلى من المدنيين. "
            "الى ذلك، قتل اربعة اشخاص في تفجير سيارة مفخخة في بلدة مندلي بمحافظة ديالى.")
    evs = by_place(kb, text, date(2015, 7, 23))
    assert evs["Mandali"].event_date == date(2015, 7, 21)


def test_an_act_on_the_eve_of_a_dated_one_is_a_day_earlier(kb):
    # "وجاء التفجير غداة ...": the shelling came the day before the Saturday bombing
    text = ("وأعلنت السلطات مقتل جنديين تركيين مساء السبت في انفجار سيارة مفخخة عند مرور قافلة عسكرية في ديار بكر. "
            "وجاء التفجير غداة قصف المدفعية التركية مواقع لحزب العمال الكردستاني في شمال العراق.")
    evs = by_place(kb, text, date(2015, 7, 26))
    assert evs["Diyarbakir"].event_date == date(2015, 7, 25)
    assert evs["Iraq"].event_date == date(2015, 7, 24)


def test_an_act_in_construct_with_a_place_name_of_two_words_is_a_known_act(kb):
    # "تفجير سوق بعقوبة": "سوق" names the place within the town, not a preposition; the toll told with it is the
    # known one
    evs = by_place(kb, NEWS + "وطالب الأهالي بمحاسبة منفذي تفجير سوق بعقوبة الذي قتل فيه 40 شخصا.")
    assert evs["Baqubah"].background is True


def test_an_act_an_anniversary_counts_years_back_is_history(kb):
    # "الذكرى العاشرة لتفجير ...": the bombing was ten years before the commemoration told "أمس"
    text = "وأحيا أهالي بعقوبة أمس الذكرى العاشرة لتفجير انتحاري بسيارة مفخخة قتل 40 شخصا في سوق المدينة."
    ev = by_place(kb, text, date(2015, 8, 10))["Baqubah"]
    assert (ev.event_date.year, ev.time_precision, ev.background) == (2005, 3, True)


def test_an_anniversary_in_digits_counts_the_years(kb):
    text = "نظم أهالي بعقوبة أمس وقفة في ذكرى مرور 25 عاما على هجوم مسلح استهدف سوق المدينة وقتل فيه 12 شخصا."
    ev = by_place(kb, text, date(2015, 8, 10))["Baqubah"]
    assert (ev.event_date.year, ev.background) == (1990, True)


def test_the_commemoration_itself_keeps_its_day(kb):
    # the protest comes before "الذكرى": it is the news of yesterday, not the act recalled
    text = "تظاهر المئات في الموصل أمس في الذكرى السنوية الخامسة والعشرين لقصف جوي استهدف المدينة وقتل فيه 30 مدنيا."
    ev = by_place(kb, text, date(2015, 8, 10))["Mosul"]
    assert (ev.event_date, ev.background) == (date(2015, 8, 9), False)


def test_the_next_day_counts_from_the_day_just_told(kb):
    text = ("قتل جندي في هجوم مسلح على حاجز في بعقوبة يوم الخميس. "
            "وفي اليوم التالي قتل شرطي في هجوم مسلح على حاجز في الموصل.")
    evs = by_place(kb, text, date(2015, 8, 10))
    assert evs["Baqubah"].event_date == date(2015, 8, 6)
    assert (evs["Mosul"].event_date, evs["Mosul"].time_precision) == (date(2015, 8, 7), 1)


def test_an_act_a_day_before_the_dated_statement_is_a_day_earlier(kb):
    # "... اليوم السبت ... وذلك بعد يوم من قصف ...": the shelling was on Friday, the day before the statement
    text = ("قال وزير الدفاع اليوم السبت إن العمليات ستتواصل وذلك بعد يوم من قصف نفذته طائرات حربية على مواقع "
            "للمسلحين في الموصل.")
    evs = by_place(kb, text, date(2015, 8, 8))
    assert (evs["Mosul"].event_date, evs["Mosul"].time_precision) == (date(2015, 8, 7), 1)


def test_a_day_counted_back_from_the_act_told_before_crosses_the_paragraph(kb):
    # "وقبل ذلك بيوم ...": the day before the Saturday act told in the paragraph above (proclitic و, the trigger
    # four words on, outside the phrase's clause)
    text = ("وقال مصدر أمني إن مسلحين هاجموا حاجزا للشرطة في بعقوبة مساء السبت ما أدى إلى مقتل شرطي.\n"
            "وقبل ذلك بيوم قتل أربعة أشخاص في اشتباكات بين الجيش ومسلحين في الموصل.")
    evs = by_place(kb, text, date(2015, 8, 10))
    assert (evs["Mosul"].event_date, evs["Mosul"].time_precision) == (date(2015, 8, 7), 1)


THURSDAY = date(2015, 8, 6)
WRITTEN_WEDNESDAY = ("أعلنت قيادة العمليات أمس الثلاثاء أن قواتها قتلت خمسة مسلحين في هجوم على قرية قرب بيجي. "
                     "وفي حادث منفصل، قتل جنديان صباح أمس في انفجار عبوة ناسفة في مدينة الموصل.")


def test_a_relative_day_told_with_its_weekday_dates_the_writing_and_every_relative_day(kb):
    # published Thursday, "أمس الثلاثاء": written on Wednesday, so its other "أمس" is Tuesday too
    evs = by_place(kb, WRITTEN_WEDNESDAY, THURSDAY)
    assert evs["Mosul"].event_date == date(2015, 8, 4)


def test_pairs_that_disagree_leave_the_relative_days_to_the_publication_date(kb):
    text = WRITTEN_WEDNESDAY + " وكان مسلحون قد هاجموا اليوم الخميس حاجزا للشرطة في مدينة كركوك."
    evs = by_place(kb, text, THURSDAY)
    assert evs["Mosul"].event_date == date(2015, 8, 5)


def test_writing_day_needs_one_day_from_every_pair_within_three_days():
    from rasd.events.timing import writing_day
    from rasd.text.dates import find_time_expressions

    def day(text: str):
        return writing_day(find_time_expressions(text, THURSDAY), THURSDAY)

    assert day("قال مصدر أمس الثلاثاء إن ...") == date(2015, 8, 5)
    assert day("قال مصدر اليوم (الاثنين) إن ...") == date(2015, 8, 3)
    assert day("قال مصدر أمس الأربعاء إن ...") is None  # the publication day's own yesterday
    assert day("قال مصدر اليوم الخميس إن ... وقال آخر أمس الثلاثاء") is None  # two writers' days
    assert day("قال مصدر اليوم الجمعة إن ...") is None  # six days back: a quote of an older statement
    assert day("باشر الدفاع المدني صباح يوم أمس اليوم الثلاثاء بلاغا") is None  # two days side by side: a slip


def test_a_statement_of_the_writing_day_dates_the_act_as_the_news_of_the_days_up_to_it(kb):
    # published Thursday, written Tuesday: the act the statement tells, undated, is of Monday or Tuesday
    text = "قال مصدر أمني اليوم الثلاثاء إن مسلحين هاجموا حاجزا للشرطة في مدينة الموصل ما أدى إلى مقتل جنديين."
    ev = by_place(kb, text, THURSDAY)["Mosul"]
    assert (ev.event_date, ev.event_date_end, ev.time_precision) == (date(2015, 8, 3), date(2015, 8, 4), 2)


def test_an_act_dated_after_the_report_does_not_set_the_news_date(kb):
    # A protest planned for next Friday is dated after the Sunday report: the news date stays the report's days, so
    # yesterday's act is news, not context six days older than a date still to come.
    evs = by_place(kb, "تظاهر أمس نحو 500 شخص أمام مبنى محافظة البصرة احتجاجا على انقطاع الكهرباء. "
                       "ويستعد ناشطون لتنظيم مظاهرات في الناصرية يوم الجمعة المقبل للمطالبة بتحسين الخدمات.",
                   published=SUNDAY)
    assert "Nasiriyah" not in evs  # the plan itself, dated to a coming day, is no act (build: dated to a coming day)
    assert evs["Al-Basrah"].event_date == date(2015, 8, 1)
    assert evs["Al-Basrah"].background is False


def test_an_undated_act_told_within_an_older_day_is_background(kb):
    # No time of its own: the arrests take the day of the sentence before (16 days before the news), and an act of
    # that day is context like the bombing that names it, not news dated to it.
    evs = by_place(kb, NEWS + "وفي العاشر من يوليو قتل خمسة أشخاص بتفجير سيارة مفخخة في سوق شعبي بمدينة الموصل. "
                              "واعتقلت قوات الأمن عشرين مسلحا في بعقوبة.")
    assert evs["Baqubah"].event_date == date(2015, 7, 10)
    assert evs["Baqubah"].background is True
    assert evs["Ramadi"].background is False


def test_a_bare_day_of_a_known_act_of_an_earlier_year_is_no_event(kb):
    # "هجمات 11 سبتمبر" told in July: the last 11 September is ten months back, the next seven weeks ahead; the day
    # names an act of some earlier year (rule past_after absent, settings.unknown_year_days), not one of last year
    evs = by_place(kb, NEWS + "وقال المحلل إن تنظيم القاعدة نفذ هجمات 11 سبتمبر في نيويورك وقتل فيها آلاف الأشخاص.")
    assert "Ramadi" in evs
    assert all(e.event_date != date(2014, 9, 11) for e in evs.values())


def test_a_day_said_to_be_last_years_keeps_its_date(kb):
    # "منذ 21 سبتمبر (أيلول) الماضي": the past word says the day is the last such one, a year back: its year is known
    evs = by_place(kb, NEWS + "وسيطر الحوثيون على صنعاء في 21 سبتمبر (أيلول) الماضي بعد اشتباكات مع الجيش.",
                   published=date(2015, 8, 10))
    assert evs["Sanaa"].event_date == date(2014, 9, 21)


def test_an_act_dated_to_a_coming_day_is_no_event(kb):
    # "احتجاجات ... الأسبوع المقبل", "تظاهرات ... غدا": its own time is still to come - a plan, no act that happened
    for sentence in ("وتنظم نقابات الشرطة احتجاجات في مدينة البصرة الأسبوع المقبل.",
                     "وتخرج تظاهرات في مدينة البصرة غدا الثلاثاء."):
        evs = by_place(kb, NEWS + sentence)
        assert "Ramadi" in evs
        assert "Basrah" not in evs


def test_two_recalled_acts_listed_in_one_clause_each_keep_their_date_and_place(kb):
    # "التفجير ... في مارس الماضي ...، والهجوم على فندق ... في يونيو الماضي": each act of the list has its own date;
    # read as one, the second took the first's date (or the first the second's place)
    evs = by_place(kb, "وكان أبرز تلك الهجمات التفجير الذي استهدف سوقا في بغداد في مارس الماضي وأدى إلى مقتل 20 شخصا، "
                       "والهجوم على فندق في أربيل في يونيو الماضي ما أدى إلى مقتل 12 شخصا.", SUNDAY)
    assert evs["Baghdad"].event_date.month == 3
    assert evs["Erbil"].event_date.month == 6



def test_an_act_someone_is_accused_of_with_its_own_past_day_is_a_recalled_act(kb):
    # "المتهم بالوقوف خلف التفجير الذي وقع في 3 يوليو في ...": the accusation is of its doer; the act, dated, happened
    evs = by_place(kb, "وأطلقت الحكومة حملة تستهدف التنظيم المتهم بالوقوف خلف التفجير الانتحاري الذي وقع في 3 يوليو في "
                       "الرمادي وأدى إلى مقتل 20 شخصا.", SUNDAY)
    assert evs["Ramadi"].event_date == date(2015, 7, 3)

