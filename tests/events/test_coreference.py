"""Event coreference by the rules alone (issue 14): which reports of one article are the same occurrence. Each
test is a sentence pair written for it in the corpus's style (none is from the gold sets), run with the learned
pair model switched off so that the rules of rasd.events.merge are what is tested."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from rasd.events import merge, pair_model
from rasd.model import Article
from rasd.pipeline import process

PUB = date(2015, 7, 27)  # a Monday


def events(kb, text: str):
    with pair_model.use_model(None):
        return process(Article(text=text, published=PUB), kb, decide="rules").events


def test_the_same_act_with_the_same_toll_in_two_towns_of_one_province_is_one_event(kb):
    # A lead ("east of Ramadi") and the official's detail (the district the operation was in): 15 dead both times.
    text = ("قتل 15 عنصرا من تنظيم داعش أمس في عملية أمنية نفذتها القوات العراقية شرقي مدينة الرمادي. وقال مسؤول "
            "محلي إن القوات الأمنية شنت عملية عسكرية في منطقة الخالدية وتمكنت من قتل 15 عنصرا من التنظيم.")
    evs = events(kb, text)
    assert len(evs) == 1
    assert evs[0].fatalities == 15 and evs[0].admin1 == "Al-Anbar"


def test_different_tolls_in_two_towns_stay_two_events(kb):
    text = ("قتل 15 عنصرا من تنظيم داعش أمس في عملية أمنية نفذتها القوات العراقية شرقي مدينة الرمادي. وقال مسؤول "
            "محلي إن القوات الأمنية شنت عملية عسكرية في منطقة الخالدية وتمكنت من قتل 4 عناصر من التنظيم.")
    assert sorted(ev.fatalities for ev in events(kb, text)) == [4, 15]


def test_the_pluperfect_retelling_on_the_same_day_is_the_same_act(kb):
    # "وكانت ... قد" retells the news act with its own day: not an older, second event.
    text = ("أصيب سبعة جنود في قصف بقذائف الهاون على مدينة بيجي صباح أمس. "
            "وكانت قذائف هاون قد سقطت صباح أمس على مدينة بيجي.")
    evs = events(kb, text)
    assert len(evs) == 1
    assert evs[0].injured == 7 and not evs[0].background


def test_a_village_the_gazetteer_lacks_named_in_both_reports_is_one_place(kb):
    text = ("أصيب شرطي بانفجار قنبلة في قرية الخضيرة الغربية في البحرين. وقالت الشرطة إن عملا إرهابيا وقع في قرية "
            "الخضيرة الغربية مساء أمس تمثل بتفجير قنبلة استهدفت دورية أمنية.")
    evs = events(kb, text)
    assert len(evs) == 1
    assert evs[0].country == "Bahrain" and evs[0].injured == 1


def test_a_designator_followed_by_a_preposition_names_no_unknown_town(kb):
    # "في بلدة على الحدود" describes where the town is; it names no second place that would set the acts apart.
    text = ("قتل انتحاري 20 شخصا في هجوم على مدينة سروج التركية أمس. وأعلن مسؤول أن الشرطة تعرفت على هوية "
            "الانتحاري الذي فجر نفسه في بلدة على الحدود مع سوريا أمس.")
    evs = events(kb, text)
    assert len(evs) == 1
    assert evs[0].location == "Suruc" and evs[0].fatalities == 20


def test_a_report_placed_at_the_province_named_like_its_capital_holds_a_town_of_that_province(kb):
    # "منطقة أغري" in the lead, "مدينة دوغوبيازيد" (a town of Agri province) in the detail: one suicide bombing.
    text = ("قتل جنديان تركيان صباح أمس في هجوم انتحاري على مركز للدرك في منطقة أغري شرق البلاد. "
            "وقال مسؤولون محليون إن انتحاريا اقتحم بشاحنة مفخخة مركزا للدرك في مدينة دوغوبيازيد.")
    evs = events(kb, text)
    assert len(evs) == 1
    assert evs[0].sub_event_type == "Suicide bomb" and evs[0].admin1 == "Agri"


def test_a_lead_that_names_only_the_country_joins_the_report_of_a_village_the_gazetteer_lacks(kb):
    text = ("خطفت جبهة النصرة سبعة مقاتلين من المعارضة في سوريا. وقال مدير المرصد إن جبهة النصرة خطفت أمس "
            "سبعة مقاتلين على الأقل في قرية الزيتونة الحدودية.")
    evs = events(kb, text)
    assert len(evs) == 1
    assert evs[0].sub_event_type == "Abduction/forced disappearance" and evs[0].country == "Syria"


def test_a_protest_and_the_police_s_handling_of_it_are_one_event_of_the_higher_sub_type(kb):
    # ACLED: one crowd, place and day is one event; its sub-type is the highest the reports tell.
    text = ("خرج مئات المحتجين في مدينة البصرة أمس احتجاجا على انقطاع الكهرباء. وقال شهود إن قوات الأمن أطلقت "
            "الغاز المسيل للدموع على المتظاهرين في البصرة أمس.")
    evs = events(kb, text)
    assert len(evs) == 1
    assert evs[0].sub_event_type == "Protest with intervention" and evs[0].actor1 == "Protesters (Iraq)"


def test_protests_in_two_towns_stay_two_events(kb):
    text = ("تظاهر مئات من سكان مدينة البصرة أمس أمام مبنى المحافظة احتجاجا على انقطاع الكهرباء. "
            "وتظاهر العشرات في مدينة الناصرية أمس.")
    assert sorted(ev.location for ev in events(kb, text)) == ["Basrah", "Nasiriyah"]


def test_a_pluperfect_retelling_of_an_attack_joins_it_and_the_news_report_carries_the_event(kb):
    # "هجوما" says only that an attack happened; "وكانت اشتباكات ... قد اندلعت" in the same town retells it with its
    # toll: one clash, told as news (not background), with the finer place and the toll of the retelling.
    text = ("شن تنظيم داعش هجوما على مواقع الجيش في مدينة بيجي أمس. "
            "وكانت اشتباكات عنيفة قد اندلعت في مدينة بيجي، ما أدى لمقتل جنديين.")
    evs = events(kb, text)
    assert len(evs) == 1
    ev = evs[0]
    assert not ev.background and ev.fatalities == 2 and ev.event_date == date(2015, 7, 26)


def test_a_back_reference_with_only_a_country_stands_for_no_event(kb):
    # "للغارات" / "للضربات الجوية" (ل + the article) point back to acts this text does not tell; a country is no
    # place of one act, so nothing is coded.
    assert events(kb, "وأعلن الرئيس الأمريكي دعمه للغارات على مواقع المتمردين في اليمن.") == []
    assert events(kb, "وأكد الوزير في مؤتمر صحافي تأييد بلاده للضربات الجوية على مواقع التنظيم في ليبيا.") == []


def test_a_back_reference_near_a_named_town_is_still_reported(kb):
    evs = events(kb, "وقال مسؤول محلي إن الغارات أرغمت المسلحين على الانسحاب من مواقعهم قرب مدينة الرمادي.")
    assert [(ev.sub_event_type, ev.location) for ev in evs] == [("Air/drone strike", "Ramadi")]


def test_also_before_a_reporting_verb_adds_a_source_not_another_act(kb):
    # "كما ذكر المرصد ... في الاشتباكات": one more source on the same clash; "كما قصفت": another act.
    said = ("قتل 14 مسلحا من المعارضة أمس في اشتباكات مع قوات النظام قرب مطار حماة العسكري. كما ذكر المرصد مقتل "
            "خمسة جنود من قوات النظام في الاشتباكات قرب مطار حماة العسكري أمس.")
    assert [ev.sub_event_type for ev in events(kb, said)] == ["Armed clash"]
    shelled = ("قتل 14 مسلحا من المعارضة أمس في اشتباكات مع قوات النظام قرب مطار حماة العسكري. كما قصفت قوات "
               "النظام مواقع المعارضة قرب مطار حماة العسكري أمس.")
    assert len(events(kb, shelled)) == 2


def test_an_unidentified_doer_does_not_set_a_report_apart_from_the_named_one(kb):
    # The claim names the group, the police report says "unknown gunmen": one car bomb in one market on one day.
    text = ("أعلن تنظيم داعش مسؤوليته عن تفجير سيارة مفخخة في سوق مدينة بعقوبة أمس أدى إلى مقتل خمسة أشخاص. "
            "وقالت الشرطة إن مسلحين مجهولين فجروا سيارة مفخخة في سوق بعقوبة صباح أمس.")
    evs = events(kb, text)
    assert len(evs) == 1
    assert evs[0].actor1 == "Islamic State" and evs[0].fatalities == 5


def test_a_later_definite_report_of_the_fight_joins_the_failed_attack_it_tells(kb):
    # The lead calls it a failed attack (attempted); the later report names the fight with a definite noun
    # ("في الاشتباكات التي اندلعت"): the same act, whatever the first report made of its outcome.
    text = ("قتل 20 مقاتلا من المعارضة السورية على الأقل خلال محاولة هجوم فاشلة قاموا بها على قاعدة عسكرية في "
            "محافظة حماة، حسبما أفاد المرصد السوري لحقوق الإنسان.\nكما أفاد المرصد عن مقتل سبعة من قوات النظام في "
            "الاشتباكات التي اندلعت بعد أن شنت عدة جماعات مقاتلة هجومها في وقت متأخر من الجمعة.")
    evs = events(kb, text)
    # (with a toll: "بعد أن شنت عدة جماعات مقاتلة هجومها", a further mention left unlinked and tolled 0, is coded at
    # the place the article names before it, Hama, since rasd.events.locate._context_place)
    assert [ev.sub_event_type for ev in evs if ev.location == "Hama" and ev.fatalities] == ["Armed clash"]
    assert not any(ev.fatalities == 7 for ev in evs if ev.location != "Hama")  # no second event of the seven dead


#: The inter of the stand-in actors (only the state forces' matters to linking).
_INTERS = {"military_irq": "State forces", "police_irq": "State forces", "islamic_state": "Rebel group",
           "pkk": "Rebel group", "civilians_irq": "Civilians"}


def _report(doer: str, other: str | None, sentence: int, sub_event_type: str = "Attack"):
    """A stand-in for a candidate report of an execution in Mosul on one day (only what linking reads)."""
    actor = lambda aid: aid and SimpleNamespace(actor_id=aid, inter=_INTERS[aid], iso3="IRQ")  # noqa: E731
    loc = SimpleNamespace(iso3="IRQ", admin1="Ninewa", location="Mosul", geo_precision=1, offset=None, area=False)
    fields = SimpleNamespace(another=False, modality="occurred", actor1=actor(doer), actor2=actor(other), loc=loc,
                             when=SimpleNamespace(date=date(2015, 8, 7)))
    return SimpleNamespace(fields=fields, event_type="Violence against civilians", sub_event_type=sub_event_type,
                           triggers=[SimpleNamespace(attrs={})], sentence=(sentence, sentence + 1))


def test_a_back_reference_whose_doer_is_a_party_of_the_first_report_may_join_it():
    # "أعدموا على أيدي مسلحي التنظيم" read with the speaking minister's forces as actor 1 and the group as actor 2;
    # "عمليات الإعدام" later, the group on civilians. Both name actor 2, so only a back-reference may join them.
    first, later = _report("military_irq", "islamic_state", 0), _report("islamic_state", "civilians_irq", 200)
    assert not merge._compatible(first, later)
    assert merge._compatible(first, later, back_reference=True)
    assert not merge._compatible(first, _report("pkk", "civilians_irq", 200), back_reference=True)


def test_a_lead_that_counts_two_bombings_joins_the_report_of_the_one_with_its_toll(kb):
    # "تفجيران" sums two acts up; the ministry's report tells the first with the same toll: the report carries the
    # event (its kind: a suicide attack), and the second bombing stays its own event.
    text = ("هز تفجيران غير مترابطين أمس جانبي الحدود السورية التركية، استهدف الأول حافلة في مدينة جيلان بينار جنوب "
            "تركيا وأسفر عن مقتل 12 شخصا، فيما قتل عنصران من القوات الكردية في تفجير داخل مدينة رأس العين السورية.\n"
            "وأعلنت وزارة الداخلية التركية أن 12 شخصا قتلوا أمس في هجوم انتحاري استهدف حافلة في مدينة جيلان بينار.")
    evs = events(kb, text)
    assert sorted((ev.country, ev.sub_event_type, ev.fatalities) for ev in evs) == [
        ("Syria", "Remote explosive/landmine/IED", 2), ("Turkey", "Suicide bomb", 12)]


def test_a_pluperfect_retelling_with_the_same_own_day_joins_a_comment_on_the_act(kb):
    # Both reports name the act only with the generic "اعتداء مسلح", each with its own day (Friday evening), in one
    # town: an explicit common day, so the retelling ("وكان ... تعرض") is the act the comment is about.
    text = ("أعلن رئيس الوزراء التركي المكلف، في تعليق على تعرض مبنى فرع حزب الشعوب الديمقراطي بأضنة لاعتداء مسلح "
            "مساء الجمعة: لن تنال المنظمات الإرهابية من أمن تركيا. وكان مبنى فرع الحزب في أضنة تعرض مساء الجمعة "
            "لاعتداء مسلح من قبل مجهولين، أسفر عن إصابة أحد الموظفين.")
    evs = events(kb, text)
    assert len(evs) == 1
    assert evs[0].location == "Adana" and evs[0].injured == 1 and not evs[0].background


def test_the_same_large_toll_told_a_day_apart_by_a_quoted_source_is_one_act_dated_by_the_first_report(kb):
    # The article dates the bombing "أول من أمس"; an official quoted from the day before says "أمس" of the same act,
    # which counts from the day he spoke: the same sub-type, province and 20 dead are one act told twice.
    text = ("قتل 20 شخصا وأصيب آخرون في تفجير انتحاري بسيارة مفخخة استهدف حاجزا أمنيا في مدينة الحسكة أول من أمس. "
            "وقال مسؤول محلي لوكالة الأنباء: «فجر انتحاري أمس سيارة مفخخة عند حاجز في الحسكة ما أسفر عن مقتل 20 "
            "شخصا».")
    evs = events(kb, text)
    assert len(evs) == 1
    assert evs[0].fatalities == 20 and str(evs[0].event_date) == "2015-07-25"


def test_a_small_toll_told_on_two_consecutive_days_stays_two_acts(kb):
    # Two soldiers killed by a roadside bomb is told of many acts: one day apart, the same figure links nothing.
    text = ("قتل جنديان في انفجار عبوة ناسفة استهدفت دوريتهما قرب مدينة سامراء أمس. "
            "وقال مصدر أمني إن جنديين قتلا أول من أمس في انفجار عبوة ناسفة على طريق قرب مدينة سامراء.")
    assert sorted(str(ev.event_date) for ev in events(kb, text)) == ["2015-07-25", "2015-07-26"]


def test_different_large_tolls_a_day_apart_stay_two_acts(kb):
    text = ("قتل 20 شخصا في تفجير انتحاري استهدف حاجزا أمنيا في مدينة الحسكة أول من أمس. "
            "وقال مسؤول محلي إن انتحاريا فجر نفسه أمس عند حاجز آخر في الحسكة ما أسفر عن مقتل 7 أشخاص.")
    assert sorted(ev.fatalities for ev in events(kb, text)) == [7, 20]


def test_a_definite_back_reference_that_dates_the_act_a_day_earlier_joins_the_report_dated_by_its_telling(kb):
    # The first report is dated by the day it was told ("اليوم الاثنين"); the ministry's line names the same attack
    # with a definite noun, at the same place, and its own day, the day before: one act, on the back-reference's day.
    text = ("قتل 14 شخصا على الأقل اليوم الاثنين في هجوم تبنته حركة طالبان في ولاية هلمند جنوب أفغانستان، بحسب "
            "مسؤولين. وقالت وزارة الداخلية إن جميع الذين قتلوا في الهجوم الذي وقع مساء الأحد في ولاية هلمند "
            "مدنيون.")
    evs = events(kb, text)
    assert len(evs) == 1
    assert str(evs[0].event_date) == "2015-07-26" and evs[0].fatalities == 14


def test_a_definite_report_two_days_before_or_elsewhere_stays_another_act(kb):
    # Two days before the first report's day is no day counted from another: the Saturday attack is an older one;
    # and a definite noun in another province points back to nothing told.
    first = ("قتل 14 شخصا على الأقل اليوم الاثنين في هجوم تبنته حركة طالبان في ولاية هلمند جنوب أفغانستان، بحسب "
             "مسؤولين. ")
    older = first + "وقالت وزارة الداخلية إن جميع الذين قتلوا في الهجوم الذي وقع مساء السبت في ولاية هلمند مدنيون."
    assert sorted(str(ev.event_date) for ev in events(kb, older)) == ["2015-07-25", "2015-07-27"]
    elsewhere = first + "وقالت وزارة الداخلية إن جميع الذين قتلوا في الهجوم الذي وقع مساء الأحد في ولاية قندهار مدنيون."
    assert sorted(ev.admin1 for ev in events(kb, elsewhere)) == ["Helmand", "Kandahar"]


def test_another_person_hurt_does_not_make_the_shooting_another_act(kb):
    # "وأصيب آخر" counts a second victim; the retelling with the quarter the gazetteer lacks is the same shooting.
    text = ("قتل شرطي وأصيب آخر بالرصاص أمس في هجوم نفذه مسلحون في مدينة ماردين.\nوأفادت مصادر في الشرطة أن "
            "مجموعة مسلحين فتحت النار على الشرطيين في حي يني شهير المعروف بأنه معقل للأكراد.")
    evs = events(kb, text)
    assert len(evs) == 1
    assert evs[0].location == "Mardin" and evs[0].fatalities == 1


def test_another_attack_told_with_its_noun_stays_another_act(kb):
    text = ("قتل ثلاثة جنود في هجوم بسيارة مفخخة على حاجز للجيش في مدينة ماردين أمس. "
            "واستهدف هجوم آخر بسيارة مفخخة حاجزا للشرطة في مدينة ماردين أمس.")
    assert len(events(kb, text)) == 2


def test_a_similar_act_told_after_one_is_another_act(kb):
    # "بتفجير مماثل": a bombing like the one just told, not a retelling of it (rules/build.yaml another).
    text = ("قتل شخص وأصيب ثمانية آخرون بتفجير عبوة ناسفة في بغداد أمس. "
            "وقال مصدر أمني إن شخصين قتلا وأصيب خمسة آخرون بتفجير مماثل في منطقة التاجي.")
    assert [(e.location, e.fatalities) for e in events(kb, text)] == [("Baghdad", 1), ("Al-Taji", 2)]


def test_another_person_hurt_after_a_killing_is_a_victim_of_that_shooting_not_another_act(kb):
    # "وأصيب آخر": after a word of wounding "آخر" is the one hurt (rules/build.yaml another), so the shooting told
    # with its place is one act with its wounded, not a placeless second act.
    text = ("قتل جندي تركي أمس بإطلاق نار من الأراضي السورية على مخفر حدودي في ولاية كيليس، بينما قتل فتى وأصيب "
            "آخر في وقت سابق برصاص مسلحين على أطراف بلدة أقجة قلعة.")
    assert sorted((e.location or "", e.injured or 0) for e in events(kb, text)) == [("Akcakale", 1), ("Kilis", 0)]


def test_another_strike_told_with_no_place_of_its_own_is_the_same_event_as_the_one_before(kb):
    # One more air strike of the same day at the front just told: ACLED codes one event per day, place and actors.
    text = ("قتل ثلاثة مسلحين حوثيين في غارة لطائرات التحالف على تجمع لهم في جبهة الجفينة بمحافظة مأرب أمس. "
            "وأضاف المصدر أن غارة أخرى دمرت مدفع هاون وقتل اثنان من طاقمه.")
    assert len(events(kb, text)) == 1
    # ... but a direction or a village the gazetteer lacks is a place of its own (rule another_elsewhere)
    text = ("قتل 12 شخصا في انفجار سيارة مفخخة في سوق بمدينة الحلة أمس. وأضاف المصدر أن أربعة أشخاص قتلوا "
            "في تفجير آخر غربي المدينة.")
    assert sorted(e.fatalities for e in events(kb, text)) == [4, 12]
    text = ("قصفت قوات النظام بالبراميل بلدة حريتان أمس ما أدى إلى مقتل مدنيين اثنين، بالإضافة إلى قصف مماثل على "
            "قرية «بردة» أسفر عن سقوط 3 قتلى.")
    assert len(events(kb, text)) == 2


def test_a_quarter_the_gazetteer_lacks_with_no_doer_named_stays_apart_from_a_town_s_shelling(kb):
    # Which town the quarter is in, the text does not say; with no side named in both, nothing ties them.
    text = ("سقطت قذائف هاون على حي الكلاسة أمس ما أدى إلى مقتل مدني. "
            "وفي ريف إدلب قتل خمسة مدنيين في قصف على بلدة سراقب أمس.")
    assert len(events(kb, text)) == 2


def test_a_headline_naming_the_town_joins_the_report_of_a_site_of_that_town(kb):
    # The headline names the town, the report the refinery named after it ("مصفى بيجي"): one strike.
    text = ("مقتل 21 من داعش بقصف على بيجي\n"
            "قالت وزارة الدفاع العراقية أمس إن طيران التحالف الدولي وجه ضربة جوية على تجمع لعناصر تنظيم داعش قرب "
            "مصفى بيجي ما أسفر عن مقتل 21 منهم.")
    evs = events(kb, text)
    assert len(evs) == 1
    assert evs[0].sub_event_type == "Air/drone strike" and evs[0].fatalities == 21


def test_a_back_reference_placed_and_dated_only_by_its_telling_joins_the_report_of_the_act(kb):
    # The statement names the attack only as "الهجوم" in the whole country; the report places and dates it.
    text = ("أكدت مصادر طبية اليوم وفاة المواطن سعد متأثرا بجروحه بعد أسبوع من الهجوم الذي أثار غضبا كبيرا في "
            "الأراضي الفلسطينية. وكان مستوطنون قد هاجموا منزلا في قرية عقربا قرب نابلس يوم الجمعة 24 يوليو "
            "وأضرموا فيه النار ما أدى إلى مقتل طفل.")
    evs = events(kb, text)
    assert len(evs) == 1
    assert evs[0].location == "Aqraba" and evs[0].event_date == date(2015, 7, 24)


def test_a_back_reference_to_another_doer_s_act_stays_apart(kb):
    # The tally of the army's shelling is no report of the rebels' rocket attack, though both touch the army.
    text = ("قتل جندي تركي في هجوم صاروخي شنه مسلحو حزب العمال الكردستاني على موقع للجيش في ولاية شرناق يوم "
            "الخميس 23 يوليو. وتحدثت وكالة الأناضول اليوم عن مقتل 390 مسلحا جراء القصف التركي في تركيا.")
    assert sorted(ev.fatalities for ev in events(kb, text)) == [1, 390]


def test_a_country_s_forces_named_as_army_in_one_report_and_police_in_the_other_are_one_side():
    # "دورية أمنية" read as the army in one report, "الشرطة" in the next: one side of one act, not two doers.
    army, police = _report("military_irq", "islamic_state", 0), _report("police_irq", None, 200)
    assert merge._compatible(army, police)
    assert not merge._compatible(army, _report("pkk", None, 200))


def test_a_country_s_forces_are_one_side_only_between_reports_of_one_kind_of_act():
    # A generic report of attacks with the army as doer is no report of a bomb the police set off the same day.
    army = _report("military_irq", None, 0, sub_event_type="Armed clash")
    police = _report("police_irq", None, 200, sub_event_type="Remote explosive/landmine/IED")
    assert not merge._compatible(army, police)


def _battle_report(sub_event_type: str, sides: tuple, sentence_index: int, day: date | None,
                   location: str = "Bayji"):
    """A stand-in for a candidate report of a battle at a town (only what one_act_family reads)."""
    actor = lambda aid: aid and SimpleNamespace(actor_id=aid, inter=_INTERS.get(aid, "Rebel group"),  # noqa: E731
                                                iso3="IRQ")
    loc = SimpleNamespace(iso3="IRQ", admin1="Salah Al-Din", location=location, geo_precision=1, offset=None,
                          area=False, below_province=True)
    fields = SimpleNamespace(actor1=actor(sides[0]), actor2=actor(sides[1]), loc=loc,
                             when=day and SimpleNamespace(date=day))
    return SimpleNamespace(fields=fields, event_type="Battles", sub_event_type=sub_event_type,
                           sentence_index=sentence_index)


def test_the_fighting_told_after_a_town_was_taken_is_the_same_battle():
    # "تمكنت القوات أمس من تحرير بيجي من داعش" and, two sentences on, "القوات تخوض الآن معارك مع بقايا داعش في
    # بيجي": one battle (ACLED: concurrent tactics of one occurrence, one event), whatever sub-type each names.
    taken = _battle_report("Government regains territory", ("military_irq", "islamic_state"), 3, date(2015, 7, 26))
    fighting = _battle_report("Armed clash", (None, "islamic_state"), 5, None)
    assert merge.one_act_family(taken, fighting) and merge.one_act_family(fighting, taken)


def test_battles_of_one_town_stay_apart_when_each_has_its_day_or_they_are_told_far_apart_or_share_no_side():
    taken = _battle_report("Government regains territory", ("military_irq", "islamic_state"), 3, date(2015, 7, 26))
    assert not merge.one_act_family(
        taken, _battle_report("Armed clash", (None, "islamic_state"), 5, date(2015, 7, 26)))  # each its own day
    assert not merge.one_act_family(taken, _battle_report("Armed clash", (None, "islamic_state"), 9, None))  # far on
    assert not merge.one_act_family(taken, _battle_report("Armed clash", ("pkk", None), 4, None))  # no shared side
    assert not merge.one_act_family(taken, _battle_report("Armed clash", ("gunmen_irq", None), 4, None))  # unnamed
    assert not merge.one_act_family(
        taken, _battle_report("Armed clash", (None, "islamic_state"), 4, None, location="Tikrit"))  # another town
    assert not merge.one_act_family(  # an explosion is of no battle's family
        taken, _battle_report("Air/drone strike", (None, "islamic_state"), 4, None))


def test_as_regards_this_news_brings_the_story_back_to_the_act_told(kb):
    # "فيما يتعلق بهذا الخبر" ("as regards this news") opens the detail of the arrest just told, not another act
    # beside it, as "فيما ألقت ..." ("while ... arrested") would.
    text = ("ألقت قوات الأمن العراقية القبض على قيادي في تنظيم داعش في مدينة كركوك. وقال مصدر أمني: فيما يتعلق "
            "بهذا الخبر، فإن دورية للشرطة ألقت القبض مساء أمس على القيادي في مدينة كركوك أثناء محاولته الفرار.")
    assert len(events(kb, text)) == 1
    assert merge._ALSO.match("فيما قصفت الطائرات مواقع التنظيم")
    assert not merge._ALSO.match("فيما يتعلق بهذا الخبر فان دوريه للشرطه")
    assert not merge._ALSO.match("فيما يخص القيادي")


def test_a_definite_generic_retelling_in_the_pluperfect_joins_the_specific_report_of_its_town(kb):
    # "الهجوم الانتحاري ... في سوروج" and a later "وكان ... الهجوم الذي أوقع 32 قتيلا الاثنين في سوروج": the
    # generic word retells the suicide bombing (its day and toll), not a second act.
    text = ("أقالت صحيفة تركية أحد محرريها بعد تغريدة عن الهجوم الانتحاري الذي تبناه تنظيم داعش في سوروج. "
            "وكان المحرر ندد بتقديم التعازي في الهجوم الذي أوقع 32 قتيلا الاثنين في سوروج.")
    evs = events(kb, text)
    assert len(evs) == 1
    assert evs[0].sub_event_type == "Suicide bomb" and evs[0].fatalities == 32


def test_an_attempt_to_take_a_town_and_the_fighting_there_are_one_battle(kb):
    # "حاولت ... استعادة مدينة زنجبار" and, in the next sentence, the clashes in Zinjibar between the same sides: the
    # fight for the town took place (ACLED: an armed clash, whatever its aim achieved), one event, not an attempt
    # beside it.
    text = ("حاولت قوات الجيش اليمني أمس استعادة مدينة زنجبار من ميليشيات الحوثي.\n"
            "وقال مصدر عسكري إن مواجهات عنيفة دارت بين الجيش والحوثيين في مدينة زنجبار أسفرت عن مقتل خمسة من "
            "الحوثيين.")
    evs = events(kb, text)
    assert len(evs) == 1
    assert evs[0].sub_event_type == "Armed clash" and evs[0].modality == "occurred" and evs[0].fatalities == 5


def test_an_attempt_and_a_fight_in_another_town_stay_two_events(kb):
    text = ("حاولت قوات الجيش اليمني أمس استعادة مدينة زنجبار من ميليشيات الحوثي.\n"
            "وقال مصدر عسكري إن مواجهات عنيفة دارت بين الجيش والحوثيين في مدينة لودر أسفرت عن مقتل خمسة من "
            "الحوثيين.")
    assert len(events(kb, text)) == 2


def test_the_fight_after_which_ground_was_taken_is_the_territory_change(kb):
    # "سيطرت ... على بلدة العين ... بعد معارك عنيفة": the clause opened by "بعد" tells the fight that took the town,
    # not an earlier act beside it (ACLED: the battle that changed who holds a place is the territory change, one
    # event); the clash's clause reads no place of its own, and takes none from elsewhere.
    text = "سيطرت القوات الحكومية على بلدة العين في محافظة أبين امس بعد معارك عنيفة مع المليشيات."
    evs = events(kb, text)
    assert [(e.sub_event_type, e.location) for e in evs] == [("Government regains territory", "Al Ayn")]


def test_a_fight_in_another_province_after_ground_was_taken_stays_apart(kb):
    # The clash names a place of its own in another province: the sentence tells two acts.
    text = ("سيطرت القوات الحكومية على بلدة العين في محافظة أبين امس بعد معارك عنيفة مع المليشيات في مدينة تعز "
            "جنوب البلاد.")
    assert len(events(kb, text)) == 2


def test_strikes_after_which_a_camp_was_stormed_are_the_battle(kb):
    # "اقتحمت ... معسكر النور ... بعد غارات مكثفة نفذتها طائرات التحالف ... على المعسكر": the strikes opened the
    # ground assault on the same site (ACLED: a strike within a ground battle is that battle, one event).
    text = ("اقتحمت وحدات من الجيش الوطني معسكر النور في مديرية قعطبة بمحافظة الضالع أمس، بعد غارات مكثفة نفذتها "
            "طائرات التحالف صباح أمس على المعسكر.")
    evs = events(kb, text)
    assert [(e.event_type, e.location) for e in evs] == [("Battles", "Qatabah")]


def test_strikes_on_a_town_of_another_province_stay_apart_from_the_storming(kb):
    text = ("اقتحمت وحدات من الجيش الوطني معسكر النور في مديرية قعطبة بمحافظة الضالع أمس، بعد غارات مكثفة نفذتها "
            "طائرات التحالف صباح أمس على مدينة صعدة.")
    assert len(events(kb, text)) == 2



def test_condemnations_of_a_bombing_retell_it(kb):
    # An article of reactions: the bombing is told once, then named again with each leader who condemned it ("أعرب
    # خلاله عن إدانته للتفجير", "كما أعرب ... عن إدانته"); who condemns is no side of the act and "كما" adds a
    # condemner, not an act.
    text = ("قتل 12 شرطيا أمس في تفجير انتحاري استهدف مركزا للشرطة في مدينة الموصل.\n"
            "وتلقى رئيس الوزراء العراقي اتصالا هاتفيا أمس من أمير دولة قطر أعرب خلاله عن إدانته للتفجير الإرهابي "
            "الذي استهدف مركز الشرطة في الموصل.\n"
            "كما أعرب رئيس الحكومة اللبنانية عن إدانته التفجير الإرهابي الذي استهدف مركزا للشرطة في محافظة نينوى.")
    evs = events(kb, text)
    assert [(e.sub_event_type, e.location, e.fatalities) for e in evs] == [("Suicide bomb", "Mosul", 12)]
    assert evs[0].actor1 is None  # (neither Qatar nor Lebanon did it)


def test_a_condemned_bombing_in_another_province_stays_apart(kb):
    text = ("قتل 12 شرطيا أمس في تفجير انتحاري استهدف مركزا للشرطة في مدينة الموصل.\n"
            "وتلقى رئيس الوزراء العراقي اتصالا هاتفيا أمس من أمير دولة قطر أعرب خلاله عن إدانته للتفجير الإرهابي "
            "الذي استهدف مسجدا في مدينة البصرة.")
    assert len(events(kb, text)) == 2


def test_a_new_attack_in_the_headline_is_the_one_its_story_reports(kb):
    # "هجوم جديد" is new beside past days' acts, not another than the one told: the headline joins its report
    text = ("مقتل جنديين في هجوم جديد لمسلحين جنوب شرق تركيا\n\n"
            "قتل جنديان تركيان أمس في هجوم شنه مسلحون على موقع عسكري في ولاية هكاري جنوب شرق تركيا، بحسب مصادر أمنية.")
    got = process(Article(text=text, published=date(2015, 7, 20)), kb, decide="rules").events
    assert [(e.event_type, e.location) for e in got] == [("Battles", "Hakkari")], got


_QUIET = "وقال مسؤول محلي إن المدينة شهدت دمارا واسعا وإن السكان نزحوا إلى القرى المجاورة."


@pytest.mark.parametrize("first, second", [
    # the army's taking of a town and the resistance's, from one enemy on one day
    ("حررت قوات الجيش الوطني أمس مدينة الحوطة من ميليشيات الحوثي.",
     "واستعادت المقاومة الشعبية أمس السيطرة على مدينة الحوطة من الحوثيين."),
    ("خاضت قوات الجيش الوطني أمس اشتباكات مع الحوثيين في مدينة الحوطة.",
     "واندلعت أمس اشتباكات بين المقاومة الشعبية والحوثيين في مدينة الحوطة."),
])
def test_allies_fighting_one_enemy_in_one_town_on_one_day_are_one_event(kb, first, second):
    # One act told with its allied forces (merge._joint_sides): ACLED codes it once, the ally associated.
    assert len(events(kb, f"{first} {_QUIET} {second}")) == 1


def test_two_clashes_in_one_town_that_share_no_side_stay_two(kb):
    text = ("خاضت قوات الجيش الوطني أمس اشتباكات مع الحوثيين في مدينة الحوطة. " + _QUIET
            + " واندلعت أمس اشتباكات بين مسلحي تنظيم القاعدة ومسلحين من القبائل في مدينة الحوطة.")
    assert len(events(kb, text)) == 2


_BOMBING = "قتل 28 شخصا على الأقل أمس في تفجير انتحاري استهدف تجمعا لناشطين في مدينة ماردين."
_MINISTER = "وقال وزير الداخلية في مؤتمر صحافي عقده في أنقرة إن"


@pytest.mark.parametrize("told, placed", [
    # The press conference's city (locate rule venue_place) is where the minister spoke, not a second place of the
    # act: the retelling joins the report of the bombing, which keeps its own town and gains the named doer.
    ("التفجير ناجم عن اعتداء انتحاري نفذه تنظيم داعش.", [("Mardin", "Islamic State")]),
    # A bombing the minister places himself is another act.
    ("تفجيرا انتحاريا آخر وقع أمس في مدينة إزمير.", [("Izmir", None), ("Mardin", None)]),
])
def test_where_a_bombing_was_told_is_no_place_of_a_second_bombing(kb, told, placed):
    evs = events(kb, f"{_BOMBING} {_MINISTER} {told}")
    assert sorted((ev.location, ev.actor1 if len(evs) == 1 else None) for ev in evs) == placed


def test_a_country_retelling_joins_the_strike_once_its_doer_is_settled(kb):
    # The government's statement names the government (no air force) as the doer; once the doer is settled
    # (rasd.events.arguments) the two reports are one raid of one day (rasd.events.merge.relink).
    text = ("شنت الطائرات الحربية التركية فجر أمس غارات على مواقع لتنظيم داعش في شمال سوريا قرب بلدة جرابلس. "
            "وأعلنت الحكومة التركية أن المقاتلات قصفت مواقع التنظيم في سوريا.")
    evs = events(kb, text)
    assert [(ev.location, ev.actor1) for ev in evs] == [("Jarabulus", "Military Forces of Turkey")]


def test_another_strike_at_the_same_town_stays_its_own_event(kb):
    text = ("قصفت طائرات التحالف الدولي أمس مواقع لتنظيم داعش في مدينة الرقة. وقال المرصد السوري إن الغارات أسفرت "
            "عن مقتل 12 عنصرا من التنظيم. وأضاف أن غارة أخرى استهدفت مقرا للتنظيم في الرقة.")
    assert len(events(kb, text)) == 2
