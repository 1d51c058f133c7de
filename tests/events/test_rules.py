"""Session-2 extraction rules, each on a sentence written for the test in the style of the corpus (none is from the
gold sets): counted victims, the sides of "اشتباكات بين X و Y", trends and intentions that are no events."""

from __future__ import annotations

from datetime import date

from rasd.model import Article
from rasd.pipeline import process

PUB = date(2015, 7, 27)  # a Monday


def events(kb, text: str, published: date = PUB):
    return process(Article(text=text, published=published), kb, decide="rules").events


def test_counted_victims_are_not_a_side_of_the_clash(kb):
    evs = events(kb, "وقتل خمسة أشخاص في اشتباكات بين قوات الأمن والمقاتلين الأكراد في إقليم ماردين أمس.")
    assert len(evs) == 1
    ev = evs[0]
    assert ev.sub_event_type == "Armed clash"
    assert ev.actor1 == "Military Forces of Turkey"
    assert ev.actor2 == "Kurdish Ethnic Militia"
    assert ev.fatalities == 5


def test_an_announced_escalation_is_no_event(kb):
    assert events(kb, "وقال متحدث باسم الحزب أمس إنه سيصعد هجماته ضد الجيش في إقليم هكاري.") == []
    assert events(kb, "وتعتزم الحكومة شن غارات على مواقع المسلحين في محافظة صعدة.") == []


def test_a_tally_over_a_period_is_no_event(kb):
    assert events(kb, "وقتل 30 جنديا في هجمات للمسلحين خلال الشهر الماضي في محافظة ديالى.") == []
    assert events(kb, "وتصاعدت الهجمات على قوات الأمن منذ منتصف يونيو في إقليم ديار بكر.") == []
    # One attack in the same frame is still an event.
    assert len(events(kb, "وقتل جنديان في هجوم على نقطة تفتيش في بعقوبة أمس.")) == 1


def test_a_ceasefire_is_not_a_shooting(kb):
    assert events(kb, "واتهم الحزب الجيش أمس بانتهاك وقف لإطلاق النار في مدينة القامشلي.") == []


def test_a_demonstrative_points_back_to_the_act_already_told(kb):
    text = ("شنت طائرات التحالف أمس غارات جوية على مواقع لتنظيم داعش قرب مدينة الرمادي. "
            "وقال المتحدث إن هذا القصف الجوي الكثيف أضعف قدرات التنظيم.")
    evs = events(kb, text)
    assert len(evs) == 1 and evs[0].sub_event_type == "Air/drone strike"
    assert events(kb, "وقالت الحركة أمس إن هذا القصف الجوي على مدينة سراقب لن يكسر إرادتها.") == []


def test_fighter_jets_as_the_doer_make_it_an_air_strike(kb):
    ev = events(kb, "وقصفت المقاتلات التركية أمس مواقع لتنظيم داعش في ريف حلب الشمالي.")[0]
    assert ev.sub_event_type == "Air/drone strike"
    assert ev.actor1 == "Military Forces of Turkey"


def test_undated_background_is_dated_a_week_back_with_month_precision(kb):
    text = ("قتل جنديان في هجوم على حاجز للجيش في مدينة درعا اليوم. "
            "وكان ثلاثة مدنيين قد قتلوا في قصف على بلدة بصرى الشام.")
    evs = {e.location: e for e in events(kb, text)}
    bg = next(e for e in evs.values() if e.background)
    assert bg.event_date == date(2015, 7, 20) and bg.time_precision == 3
    assert "date_text" in bg.missing


def test_qad_before_a_perfect_verb_is_a_past_fact_not_a_maybe(kb):
    assert events(kb, "وقد يشن الجيش هجوما على مدينة الرقة.") == []
    ev = events(kb, "وكان خمسة جنود قد قتلوا في هجوم على حاجز في مدينة الرقة يوم 3 يوليو.")[0]
    assert ev.background and ev.fatalities == 5 and ev.event_date == date(2015, 7, 3)


def test_the_news_act_retold_in_the_pluperfect_is_one_event(kb):
    text = ("أصيب 12 جنديا في انفجار عبوة ناسفة صباح اليوم في مدينة العريش. "
            "وكانت عبوة ناسفة قد انفجرت أثناء مرور حافلة تقل جنودا في مدينة العريش.")
    evs = events(kb, text)
    assert len(evs) == 1
    assert evs[0].injured == 12 and not evs[0].background


def test_self_detonation_with_the_subject_inside_is_a_suicide_bombing(kb):
    evs = events(kb, "فجر أحد مسلحي داعش أمس نفسه وسط تجمع للمسلحين في قضاء البعاج، وأسفر الانفجار عن مقتل 33 مسلحا.")
    assert len(evs) == 1
    ev = evs[0]
    assert ev.sub_event_type == "Suicide bomb" and ev.actor1 == "Islamic State"
    assert ev.fatalities == 33 and ev.event_date == date(2015, 7, 26)


def test_none_reported_is_a_zero_with_its_evidence(kb):
    ev = events(kb, "سقطت قذيفة هاون على حي الميدان في دمشق أمس، ولم ترد تقارير عن سقوط قتلى أو جرحى.")[0]
    assert ev.fatalities == 0 and ev.injured == 0
    assert "جرحى" in ev.evidence["injured"].text
    ev = events(kb, "انفجرت عبوة ناسفة قرب دورية للشرطة في مدينة بعقوبة أمس دون وقوع إصابات.")[0]
    assert ev.injured == 0 and ev.evidence["injured"].text.startswith("دون")
    ev = events(kb, "قتل جندي في انفجار عبوة ناسفة في مدينة بعقوبة أمس.")[0]
    assert ev.fatalities == 1 and ev.injured is None


def test_a_lead_and_its_detailed_report_are_one_event(kb):
    text = ("قتل ثلاثة مسلحين وجرح خمسة أشخاص بينهم جنديان، في اشتباكات بين الجيش والمسلحين في شمال البلاد، حسبما "
            "أفادت السلطات اليوم (الاثنين).\n\n"
            "وقال بيان صادر عن سلطات محافظة نينوى، الواقعة على الحدود مع تركيا وسوريا، إن خمسة أشخاص على الأقل، "
            "بينهم جنديان، أصيبوا بجروح خلال تبادل لإطلاق النار ليل الأحد قرب بلدة تلعفر.")
    evs = events(kb, text)
    assert len(evs) == 1
    ev = evs[0]
    assert "Afar" in ev.location and ev.geo_precision == 2 and ev.event_date == date(2015, 7, 26)
    assert ev.actor1 == "Military Forces of Iraq" and ev.fatalities == 3 and ev.injured == 5
    assert ev.attribution == "a statement (Iraq)"


def test_a_trailing_attribution_is_found_and_its_date_is_the_statements(kb):
    ev = events(kb, "قتل ثلاثة مسلحين في اشتباكات مع الجيش قرب بلدة تلعفر، حسبما أفادت السلطات المحلية اليوم.")[0]
    assert ev.attribution == "the authorities"
    assert ev.evidence["attribution"].text.startswith("أفادت")


def test_two_named_towns_in_one_sentence_are_two_events(kb):
    evs = events(kb, "وقال بيان للتحالف أمس إن خمس غارات قرب الرمادي قصفت مواقع للتنظيم، فضلا عن أربع غارات على "
                     "مراكز تجمع لتنظيم داعش قرب طوز خورماتو.")
    assert sorted(e.admin1 for e in evs) == ["Al-Anbar", "Salah Al-Din"]
    assert all(e.sub_event_type == "Air/drone strike" for e in evs)


def test_bodies_found_are_an_attack_by_someone_unknown(kb):
    ev = events(kb, "عثرت الشرطة العراقية أمس على جثتي عنصرين من قوات الصحوة مرميتين في حي الدورة جنوبي بغداد.")[0]
    assert (ev.event_type, ev.sub_event_type) == ("Violence against civilians", "Attack")
    assert ev.actor1 is None and ev.actor2 and "Sahwa" in ev.actor2
    assert ev.evidence["event_type"].text.startswith("عثرت")


def test_a_territory_word_with_the_place_taken_is_an_event(kb):
    ev = events(kb, "وتمكنت القوات العراقية أمس من تحرير جامعة الأنبار جنوبي مدينة الرمادي من قبضة تنظيم داعش.")[0]
    assert ev.sub_event_type == "Government regains territory"
    assert ev.actor1 == "Military Forces of Iraq"
    assert events(kb, "ودعا المتحدث إلى تحرير العقول من الأفكار المتطرفة.") == []


def test_a_follow_up_with_a_toll_takes_the_place_named_just_before(kb):
    text = ("أعلنت وزارة الداخلية اليوم اعتقال 20 عنصرا من تنظيم داعش في مدينة كركوك. "
            "وأكدت قتل خمسة عناصر من الشبكة أثناء مواجهتهم القوة الأمنية.")
    clash = next(e for e in events(kb, text) if e.event_type == "Battles")
    assert clash.location == "Kirkuk" and clash.fatalities == 5
    assert "location" in clash.missing  # says the place was borrowed
    # Without a toll of its own, a borrowed place does not make talk an event.
    text = "أعلنت وزارة الداخلية اليوم اعتقال 20 عنصرا من تنظيم داعش في مدينة كركوك. وتحدث الوزير عن المواجهات."
    assert [e.sub_event_type for e in events(kb, text)] == ["Arrests"]


def test_so_far_makes_plural_strikes_a_tally(kb):
    assert events(kb, "واستهدفت غالبية الغارات التركية حتى الآن مواقع المتمردين في شمال العراق.") == []


def test_an_execution_with_its_reason_clause_is_one_attack(kb):
    evs = events(kb, "أعدم تنظيم داعش أمس إمام مسجد في مدينة الموصل لأنه هاجم التنظيم خلال خطبه.")
    assert [(e.sub_event_type, e.actor1) for e in evs] == [("Attack", "Islamic State")]


def test_a_group_that_detains_people_abducts_them(kb):
    ev = events(kb, "واعتقل تنظيم داعش أمس 15 خياطا في مدينة الموصل لرفضهم خياطة ملابس لعناصره.")[0]
    assert (ev.event_type, ev.sub_event_type) == ("Violence against civilians", "Abduction/forced disappearance")
    ev = events(kb, "واعتقلت الشرطة العراقية أمس 15 مطلوبا في مدينة الموصل.")[0]
    assert ev.sub_event_type == "Arrests"


def test_aircraft_as_subject_of_a_strike_verb_inside_a_named_territory(kb):
    ev = events(kb, "واستهدفت طائرات تركية من طراز إف 16 فجر أمس ثلاثة مواقع لتنظيم داعش داخل الأراضي السورية.")[0]
    assert ev.sub_event_type == "Air/drone strike"
    assert ev.actor1 == "Military Forces of Turkey" and ev.actor2 == "Islamic State"
    assert ev.country == "Syria" and ev.geo_precision == 3


def test_a_topic_of_talks_is_no_event(kb):
    assert events(kb, "وعقد رئيس البرلمان أمس اجتماعا في بغداد تناول بحث التظاهرات الشعبية المطالبة بالخدمات.") == []


def test_enumerated_fronts_are_separate_clauses_and_a_counted_campaign_is_kept(kb):
    text = ("فتحت تركيا أمس جبهتين؛ الأولى عسكرية حيث قصفت الطائرات التركية مواقع لتنظيم داعش في شمال سوريا، "
            "والثانية أمنية تمثلت بحملة اعتقالات واسعة استهدفت عناصر حزب العمال الكردستاني أسفرت عن توقيف 300 شخص.")
    kinds = {e.sub_event_type: e for e in events(kb, text)}
    assert set(kinds) == {"Air/drone strike", "Arrests"}
    arrests = kinds["Arrests"]
    assert arrests.country == "Turkey" and "Turkey" in arrests.actor1
    assert arrests.actor2 == "PKK: Kurdistan Workers Party"


def test_the_crowd_is_actor_one_of_a_protest(kb):
    ev = events(kb, "تظاهر مئات من أنصار تنظيم داعش أمس في ساحة التحرير وسط بغداد.")[0]
    assert ev.event_type == "Protests" and ev.actor1 == "Protesters (Iraq)"
    ev = events(kb, "فرقت الشرطة العراقية أمس المتظاهرين في ساحة التحرير وسط بغداد بالغاز المسيل للدموع.")[0]
    assert ev.actor1 == "Protesters (Iraq)" and ev.actor2 and "Iraq" in ev.actor2


def test_a_purpose_or_a_scheduled_act_is_no_event(kb):
    assert events(kb, "وقال الوزير أمس إن السلطات ستحقق في الحادث ليصار إلى القبض على الفاعلين في إسطنبول.") == []
    assert events(kb, "وحدد ناشطون أمس موعد تنظيم تظاهرة في ساحة التحرير وسط بغداد.") == []


def test_also_clauses_and_unplaced_towns_stay_separate_events(kb):
    text = ("وكان الصحافيون قد وصلوا إلى سورية في العاشر من تموز. وما زالت الاشتباكات العنيفة مستمرة بين قوات النظام "
            "والفصائل المقاتلة في مدينة الزبداني منذ صباح أمس، كما جددت قوات النظام قصفها لمناطق في بلدة الطيبة "
            "بالغوطة الغربية دون أنباء عن إصابات، بينما اختطف مجهولون يوم أول أمس عنصرا من قوات النظام في مدينة قدسيا.")
    evs = events(kb, text)
    subs = sorted(e.sub_event_type for e in evs)
    assert subs == ["Abduction/forced disappearance", "Armed clash", "Shelling/artillery/missile attack"]
    shelling = next(e for e in evs if e.sub_event_type.startswith("Shelling"))
    assert shelling.event_date != date(2015, 7, 10)  # the journalists' digression governs nothing
    assert shelling.actor2 is None or "Unidentified" not in shelling.actor2  # the kidnappers are the next act's
    assert shelling.injured == 0


def test_negated_and_purpose_words_are_no_acts(kb):
    assert events(kb, "وقال مسؤول إن الجيش التركي لم يقصف مواقع تابعة لوحدات حماية الشعب في مدينة تل أبيض أمس.") == []
    assert events(kb, "وبدأت القوات الأربعاء عملية لاستعادة جامعة الأنبار من سيطرة تنظيم داعش.") == []
    assert events(kb, "نفذت القوات العراقية إنزالا جويا أمس في عملية تهدف إلى استعادة السيطرة على سد الرمادي.") == []
    # "تبادلا قصيرا لاطلاق النار" is an exchange of fire, not a purpose.
    ev = events(kb, "أطلق مسلحون صواريخ على موقع عسكري في مدينة ماردين أمس ما فجر تبادلا قصيرا لإطلاق النار.")[0]
    assert ev.event_type in ("Battles", "Explosions/Remote violence")


def test_a_conjunct_of_the_victims_is_a_victim(kb):
    ev = events(kb, "قتل ثلاثة عناصر من الجيش والشرطة في تفجير سيارة مفخخة يقودها انتحاري عند نقطة تفتيش في "
                    "منطقة الطارمية شمال بغداد أمس.")[0]
    assert ev.sub_event_type == "Suicide bomb" and ev.actor1 is None
    assert ev.actor2 == "Military Forces of Iraq" and ev.fatalities == 3


def test_an_army_post_in_a_town_is_near_the_town(kb):
    ev = events(kb, "هاجم مسلحون أمس موقعا عسكريا متقدما في بلدة الطارمية ما أدى إلى مقتل جندي.")[0]
    assert ev.geo_precision == 2
    ev = events(kb, "انفجرت سيارة مفخخة أمس في سوق شعبي وسط مدينة بعقوبة ما أدى إلى مقتل خمسة مدنيين.")[0]
    assert ev.geo_precision == 1


def test_a_years_old_act_named_in_passing_takes_no_place_from_today(kb):
    text = ("قتلت غارة أمريكية أمس قياديا في تنظيم القاعدة في بلدة سرمدا بمحافظة إدلب. وقال المتحدث إن القيادي "
            "كان قد تلقى إخطارا مسبقا بهجمات 11 سبتمبر عام 2001.")
    evs = events(kb, text)
    assert [e.event_date for e in evs] == [date(2015, 7, 26)]


def test_the_statement_going_on_in_a_new_paragraph_dates_its_acts(kb):
    text = ("وقال بيان للتحالف أمس إن خمس غارات قرب الرمادي قصفت وحدات تكتيكية للتنظيم.\n\n"
            "وأضاف البيان أن التحالف شن أيضا 13 غارة جوية قرب عين العرب في سورية.")
    kobani = next(e for e in events(kb, text) if e.country == "Syria")
    assert kobani.event_date == date(2015, 7, 26) and kobani.time_precision == 1


def test_who_holds_the_place_is_not_the_target_and_a_convoy_is_the_state(kb):
    ev = events(kb, "قصف الطيران المروحي بالبراميل المتفجرة صباح أمس قرية قصر البريج في ريف حلب والتي يسيطر عليها "
                    "تنظيم داعش ما أدى إلى مقتل 12 مواطنا.")[0]
    assert ev.actor2 == "Civilians (Syria)"
    ev = events(kb, "قتل جنديان في انفجار سيارة مفخخة استهدف قافلة عسكرية في محافظة دياربكر مساء أمس.")[0]
    assert ev.actor2 == "Military Forces of Turkey"


def test_who_disrupts_the_bomb_is_actor_one(kb):
    ev = events(kb, "أعلنت قيادة العمليات أمس إحباط محاولة لتنظيم داعش كانت تستهدف مبنى جامعة الأنبار جنوبي الرمادي "
                    "بسيارتين مفخختين.")[0]
    assert ev.sub_event_type == "Disrupted weapons use"
    assert ev.actor1 == "Military Forces of Iraq" and ev.actor2 == "Islamic State"
    ev = events(kb, "وأسقط الحوثيون أمس طائرة مسيرة في محافظة صعدة.")[0]
    assert ev.actor1 and "Houthi" in ev.actor1


def test_held_since_a_date_is_the_takeover_on_that_date(kb):
    evs = events(kb, "تحطمت طائرة حربية أمس أثناء قصفها حيا في مدينة أريحا بمحافظة إدلب التي تسيطر عليها فصائل "
                     "المعارضة منذ 28 مايو الماضي.", published=date(2015, 8, 4))
    by_type = {e.sub_event_type: e for e in evs}
    take = by_type["Non-state actor overtakes territory"]
    assert take.event_date == date(2015, 5, 28) and take.background
    assert take.actor1 == "Opposition Rebels (Syria)"
    strike = by_type["Air/drone strike"]
    assert strike.event_date == date(2015, 8, 3)  # "منذ 28 مايو" dates the control, not the strike


def test_accusations_series_and_tasks_are_no_acts(kb):
    assert events(kb, "زار والد القيادي المتهم بمحاولة اغتيال أمير الكويت في مدينة الكويت.") == []
    assert events(kb, "دافع البيت الأبيض أمس عن حق تركيا بعد سلسلة من الغارات الجوية على مواقع في أنقرة.") == []
    assert events(kb, "قتل اللواء الذي كان مكلفا عملية استعادة السيطرة على مدينة تدمر.") == [] or all(
        e.sub_event_type != "Government regains territory" for e in events(
            kb, "قتل اللواء الذي كان مكلفا عملية استعادة السيطرة على مدينة تدمر."))


def test_people_brought_back_are_not_ground_taken(kb):
    assert events(kb, "واستعادت السلطات ثلاثة منهم قبيل عبورهم الحدود التركية إلى سوريا أمس.") == []


def test_a_whole_wars_toll_any_attack_and_an_untold_back_reference_are_no_events(kb):
    ev = events(kb, "فجر انتحاري نفسه في مدينة سروج أمس فقتل 32 شخصا. وقتل أكثر من 40 ألف شخص في الصراع منذ عام 1984.")
    assert [e.fatalities for e in ev] == [32]
    assert events(kb, "ودافع المسؤول عن المقاتلين في مواجهة أي مهاجمين في مدينة إدلب.") == []
    # No silent drops (issue 14 item 7): with no place it is not coded in any country; the date of the speech
    # ("قال الحزب أمس") still reaches the back-reference, so it is reported unplaced, at a low confidence.
    told = events(kb, "وفي رده على الغارات قال الحزب أمس إن الهدنة انتهت.")
    assert all(e.country is None and "country" in e.missing and e.confidence < 0.5 for e in told)


def test_a_bombing_of_the_police_stays_a_bombing(kb):
    ev = events(kb, "قتل شرطيان في التفجير الذي استهدف حافلة للشرطة في قرية سترة أول من أمس.",
                published=date(2015, 7, 31))[0]
    assert ev.sub_event_type == "Remote explosive/landmine/IED"
    assert ev.actor2 == "Police Forces of Bahrain" and ev.fatalities == 2


def test_a_bracketed_direction_only_says_where_the_district_is(kb):
    ev = events(kb, "قتل 33 مسلحا في تفجير انتحاري أمس في قضاء بعاج (غرب الموصل).", published=date(2015, 7, 22))[0]
    assert ev.location == "Al-Baaj" and ev.geo_precision == 2


def test_a_relative_pluperfect_is_an_earlier_act_by_the_noun_it_hangs_on(kb):
    text = ("هاجم تنظيم داعش أمس مواقع للجيش قرب الفلوجة. وفي الرمادي استمرت المواجهات في أطراف المدينة التي "
            "يحاول الجيش ومليشيا الحشد استعادتها من التنظيم الذي كان استولى عليها منتصف مايو الماضي.")
    took = [e for e in events(kb, text) if e.sub_event_type == "Non-state actor overtakes territory"
            and e.background]
    assert len(took) == 1
    assert took[0].actor1 == "Islamic State" and took[0].location == "Ramadi" and took[0].background
    assert took[0].event_date.month == 5


def test_aircraft_that_destroy_positions_of_a_group_strike_that_group_not_the_state(kb):
    ev = events(kb, "دمرت طائرات التحالف الدولي أمس عددا من مواقع التنظيم على مرتفعات بادوش غرب الموصل.")[0]
    assert ev.sub_event_type == "Air/drone strike" and ev.actor1 == "Global Coalition Against Daesh"
    assert ev.actor2 is None or "Military Forces" not in ev.actor2
