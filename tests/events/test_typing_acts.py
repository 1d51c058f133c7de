"""Typing the assembled act (issue 14, Build item 2), each rule on a sentence written for the test in the style of
the corpus (none is from the gold sets), with the rules deciding."""

from __future__ import annotations

from datetime import date

from rasd.model import Article
from rasd.pipeline import process

PUB = date(2015, 7, 27)  # a Monday


def events(kb, text: str, published: date = PUB):
    return process(Article(text=text, published=published), kb, decide="rules").events


def test_a_fight_named_as_a_purpose_does_not_type_the_act(kb):
    # "لمواجهة داعش" is what the campaign is for; the act the clause reports is the air strike.
    evs = events(kb, "وانضمت فرنسا إلى الحملة العسكرية لمواجهة تنظيم داعش بشن غارات جوية على مواقع له قرب مدينة "
                     "الرقة أمس.")
    assert [e.sub_event_type for e in evs] == ["Air/drone strike"]
    assert events(kb, "أرسل الحزب مئات المقاتلين لقتال المعارضة في مدينة الزبداني أمس.") == []


def test_the_aircraft_of_a_named_force_make_its_shelling_an_air_strike(kb):
    # "طيران الجيش السوري": the aircraft word stands outside the army's actor mention (rule aircraft_of).
    ev = events(kb, "وقال مصدر إن طيران الجيش السوري قصف أمس مواقع للمعارضة في بلدة كفرنبل بريف إدلب.")[0]
    assert ev.sub_event_type == "Air/drone strike"
    assert ev.actor1 == "Military Forces of Syria"
    # The army's own shelling stays shelling.
    ev = events(kb, "وقصف الجيش العراقي بالمدفعية مواقع لتنظيم داعش قرب بعقوبة أمس.")[0]
    assert ev.sub_event_type == "Shelling/artillery/missile attack"


def test_a_strike_as_the_means_of_destroying_a_car_bomb_is_the_act(kb):
    # "بقصف مدفعي" is how the car bomb was destroyed (rule instrument): the strike is the act, not a defused device.
    evs = events(kb, "وأعلن الجيش أمس تدمير عربة مفخخة بقصف مدفعي قرب مدينة تكريت.")
    assert [e.sub_event_type for e in evs] == ["Shelling/artillery/missile attack"]
    # A car bomb destroyed with no strike told is still a disrupted device.
    evs = events(kb, "وأعلنت وزارة الدفاع أمس تدمير سيارة مفخخة قبل وصولها إلى هدفها في قضاء بيجي.")
    assert [e.sub_event_type for e in evs] == ["Disrupted weapons use"]


def test_a_report_that_names_the_aircraft_types_the_merged_shelling(kb):
    # Two reports of one strike: the campaign sentence says "قصف", the next says the fighter jets did it.
    text = ("وبدأ الجيش الإيراني أمس حملة قصف لمواقع المتمردين الأكراد في جبال قنديل. وقالت وزارة الدفاع إن "
            "المقاتلات الإيرانية قصفت أمس خمسة مواقع للمتمردين الأكراد في جبال قنديل.")
    assert [e.sub_event_type for e in events(kb, text)] == ["Air/drone strike"]


def test_ground_taken_by_a_government_affiliate_is_regained_by_the_government(kb):
    # ACLED: "Government regains territory" is taken by government forces or their affiliates.
    ev = events(kb, "سيطرت المقاومة الشعبية أمس على معسكر العند في محافظة لحج بعد معارك مع الحوثيين.")[0]
    assert ev.actor1 == "Popular Resistance (Yemen)"
    assert ev.sub_event_type == "Government regains territory"
    ev = events(kb, "واستعادت المقاومة الشعبية والجيش الوطني أمس مطار مدينة تعز.")[0]
    assert ev.sub_event_type == "Government regains territory"
    assert ev.actor2 is None or "Military Forces of Yemen" not in ev.actor2  # the army beside it is its own side
    # A rebel group's taking stays a non-state actor's.
    ev = events(kb, "سيطر الحوثيون أمس على معسكر العند في محافظة لحج بعد معارك مع المقاومة الشعبية.")[0]
    assert ev.sub_event_type == "Non-state actor overtakes territory"


def test_a_distant_weak_fight_word_does_not_outrank_the_bombing(kb):
    # "معركة البلاد مع الإرهاب" is a figure of speech far from the act; the bombing is the act.
    text = ("ويؤكد التفجير الذي استهدف أمس سوقا شعبية في مدينة الحلة وأدى إلى مقتل 12 شخصا أن معركة البلاد مع "
            "الإرهاب طويلة.")
    assert [e.event_type for e in events(kb, text)] == ["Explosions/Remote violence"]
    # Next to the strike, the fight word says the strike came during a battle (ACLED: the battle).
    text = "قتل خمسة مقاتلين في قصف خلال معارك عنيفة في بلدة مورك بريف حماة أمس."
    assert [e.event_type for e in events(kb, text)] == ["Battles"]


def test_aircraft_of_the_clause_before_do_not_type_a_new_attack(kb):
    text = ("وشنت الطائرات السورية أمس نحو 20 غارة على بلدات في ريف إدلب، بينما قتل جنديان في هجوم جديد في ريف "
            "حماة.")
    subs = sorted(e.sub_event_type for e in events(kb, text))
    assert subs == ["Air/drone strike", "Armed clash"]
    # A bare killing after the strike is still the strike's toll.
    text = "وشنت الطائرات التركية أمس غارات على قرية زركلي في شمال العراق، وقتل فيها ثمانية مدنيين."
    assert [e.sub_event_type for e in events(kb, text)] == ["Air/drone strike"]


def test_an_act_told_after_a_word_of_sequence_is_an_event_of_its_own(kb):
    # "بعد تفجير انتحاري": the earlier act no longer types the strike and is not lost either.
    text = ("وقصفت المقاتلات الروسية أمس مواقع للمعارضة في ريف اللاذقية بعد تفجير انتحاري في مدينة جبلة أوقع 20 "
            "قتيلا.")
    subs = sorted(e.sub_event_type for e in events(kb, text))
    assert subs == ["Air/drone strike", "Suicide bomb"]
    # A generic word after the sequence word ("بعد هجوم") stays only the cause told, not an event.
    text = "وقصفت قوات النظام أمس بلدة نوى في ريف درعا بعد هجوم شنته المعارضة."
    assert [e.sub_event_type for e in events(kb, text)] == ["Shelling/artillery/missile attack"]


def test_storming_a_place_is_an_attack_not_a_territory_change(kb):
    # Forcing a way in says nothing of control held (ACLED): typed by whom it hit.
    ev = events(kb, "وتمكن جنود من الجيش من اقتحام المستشفى في مدينة كسلا أمس، وضربوا الأطباء العاملين فيه.")[0]
    assert ev.sub_event_type == "Attack"
    ev = events(kb, "واقتحم مسلحون مجهولون أمس مقرا للشرطة في مدينة الفلوجة.")[0]
    assert ev.sub_event_type == "Armed clash"
    # A word of taking still makes it one, and so does storming ground (a town, not a building).
    ev = events(kb, "واقتحم مسلحو تنظيم داعش أمس بلدة القريتين وسيطروا عليها بالكامل.")[0]
    assert ev.sub_event_type == "Non-state actor overtakes territory"
    ev = events(kb, "واجتاح مسلحو التنظيم أمس قرية البوفراج شمال الرمادي.")[0]
    assert ev.sub_event_type == "Non-state actor overtakes territory"


def test_a_storming_word_with_nothing_after_it_is_read_safely(kb):
    # The clause ends on the storming word: no object words to read (this once raised in _civilian_site_stormed).
    evs = events(kb, "وأفاد مصدر أمني أن مسلحين هاجموا مركز الشرطة في مدينة الرمادي أمس قبل أن يقتحموا.")
    assert [e.event_type for e in evs] == ["Battles"]


def test_an_act_someone_was_allowed_to_do_is_no_report(kb):
    text = "وأذنت الحكومة أمس للطائرات الفرنسية بشن غارات على تنظيم داعش انطلاقا من قاعدة جوية في شمال البلاد."
    assert events(kb, text) == []
    assert events(kb, "وسمحت الشرطة أمس لعشرات المستوطنين باقتحام الموقع الأثري في مدينة نابلس.") == []
    # The strikes the aircraft then made are reported.
    text = "وشنت الطائرات الفرنسية أمس غارات على مواقع لتنظيم داعش قرب مدينة الرقة انطلاقا من قاعدة جوية."
    assert [e.sub_event_type for e in events(kb, text)] == ["Air/drone strike"]


def test_a_group_someone_belongs_to_does_not_make_an_arrest_an_abduction(kb):
    text = ("وقال شهود إن آليات عسكرية إسرائيلية دهمت بلدة عرابة أمس ودهمت منزل عضو في حركة الجهاد الإسلامي "
            "واعتقلت شقيقه.")
    ev = events(kb, text)[0]
    assert ev.sub_event_type == "Arrests"
    # A group that detains people itself abducts them (ACLED: only the state arrests).
    ev = events(kb, "واعتقل مسلحون من جبهة النصرة أمس خمسة مقاتلين من الفرقة 30 قرب مدينة أعزاز.")[0]
    assert ev.sub_event_type == "Abduction/forced disappearance"


def test_a_killing_that_set_off_unrest_does_not_type_the_unrest(kb):
    # "اضطرابات بعد مقتل عامل برصاص الشرطة": the riot is the act reported; the shooting before it is its own act.
    types = sorted(e.event_type for e in events(kb, "وشهدت مدينة الناصرية أمس اضطرابات بعد مقتل عامل برصاص الشرطة."))
    assert "Riots" in types
    assert "Battles" not in types


def test_a_barrel_bomb_is_an_air_strike(kb):
    # A barrel bomb is dropped from a helicopter: the "قنابل" in "قنابل برميلية" is no planted bomb.
    ev = events(kb, "وألقت قوات النظام أمس قنابل برميلية على بلدة سلقين في ريف إدلب ما أدى إلى مقتل خمسة مدنيين.")[0]
    assert ev.sub_event_type == "Air/drone strike"


def test_a_fight_with_no_weapons_is_a_riot_whoever_its_sides_are(kb):
    # "بالأيدي" says no one fought armed: the forces' "عناصر" and two forces named as sides do not make it a battle.
    evs = events(kb, "ووقعت أمس اشتباكات بالأيدي بين المصلين وعناصر الشرطة في باحة المسجد الكبير بمدينة الخليل.")
    assert [(e.event_type, e.sub_event_type) for e in evs] == [("Riots", "Violent demonstration")]
    # The same fight told with gunfire between the forces and gunmen stays a battle.
    evs = events(kb, "ووقعت أمس اشتباكات بالأسلحة الرشاشة بين مسلحين وعناصر الشرطة في مدينة الخليل.")
    assert [e.event_type for e in evs] == ["Battles"]


def test_a_strike_told_first_types_the_generic_attack_later_in_its_clause(kb):
    # "هجومها" tells again the strikes named at the clause's head, however far: the act is the air strike.
    evs = events(kb, "وشنت تركيا ضربات متزامنة على معسكرات حزب العمال الكردستاني قرب بلدة العمادية في محافظة "
                     "دهوك يوم السبت وكثفت هجومها على مواقع المقاتلين خلال الليل.")
    assert [e.sub_event_type for e in evs] == ["Air/drone strike"]
    # A ground assault told first, with strikes far after it, stays the battle the strikes came with (ACLED).
    evs = events(kb, "وبدأت قوات الجيش وحلفاؤها يوم السبت هجوما واسعا على مواقع المعارضة في مدينة معرة النعمان "
                     "بريف إدلب، يترافق مع قصف جوي عنيف.")
    assert [e.event_type for e in evs] == ["Battles"]


def test_a_house_attacked_as_the_verbs_object_is_an_attack_on_civilians(kb):
    # "منزلا" is the direct object of "هاجم" (no "على"): a building where civilians are (list object_buildings).
    evs = events(kb, "هاجم مستوطنون منزلا لعائلة فلسطينية في قرية دوما قرب نابلس أمس وأضرموا النار فيه.")
    assert [(e.event_type, e.sub_event_type) for e in evs] == [("Violence against civilians", "Attack")]
    # A checkpoint of the army attacked is a fight with the army.
    evs = events(kb, "هاجم مسلحون حاجزا للجيش قرب مدينة العريش أمس ما أدى إلى مقتل جنديين.")
    assert [e.sub_event_type for e in evs] == ["Armed clash"]


def test_a_crowds_violence_with_no_demonstration_is_mob_violence(kb):
    # No protest word in the sentence and no state force among the sides: ACLED's mob violence.
    evs = events(kb, "اعتدى حشد غاضب على رجل بالضرب حتى الموت في قرية قرب مدينة المنيا أمس.")
    assert [(e.event_type, e.sub_event_type) for e in evs] == [("Riots", "Mob violence")]
    # Violence done during a demonstration stays a violent demonstration.
    evs = events(kb, "خرج المئات في مظاهرة غاضبة في مدينة الناصرية أمس، وأحرق المتظاهرون مبنى المحافظة.")
    assert "Violent demonstration" in [e.sub_event_type for e in evs]


def test_the_person_shot_not_the_checkpoint_near_by_decides_the_target(kb):
    # "على شاب" is whom the soldiers fired at; "قرب حاجز" says where (a military site named further on).
    evs = events(kb, "أطلق جنود الاحتلال النار على شاب فلسطيني قرب حاجز قلنديا أمس فأردوه قتيلا.")
    assert [(e.event_type, e.sub_event_type) for e in evs] == [("Violence against civilians", "Attack")]
    # Fire at the checkpoint itself is a fight with the forces holding it.
    evs = events(kb, "أطلق مسلحون النار على حاجز للجيش قرب مدينة العريش أمس فقتلوا جنديا.")
    assert [e.event_type for e in evs] == ["Battles"]


def test_arrests_at_a_protest_by_a_force_named_only_in_the_clause_are_an_intervention(kb):
    # The arrested demonstrators are read as the crowd (actor 1); the police are named only in the clause.
    evs = events(kb, "اعتقلت الشرطة عشرين متظاهرا أمس خلال مظاهرة في وسط العاصمة القاهرة.")
    assert [e.sub_event_type for e in evs] == ["Protest with intervention"]
    assert evs[0].actor2 == "Police Forces of Egypt"
    # A protest against arrests made before is still a peaceful protest.
    subs = [e.sub_event_type for e in events(kb, "تظاهر المئات أمس في وسط العاصمة القاهرة احتجاجا على اعتقال "
                                                    "الشرطة عشرين ناشطا.")]
    assert "Peaceful protest" in subs and "Protest with intervention" not in subs


def test_aircraft_named_after_a_word_of_sequence_did_the_earlier_act_not_this_one(kb):
    # "غداة شنها الطيران الحربي ...": the aircraft did what came the day before, not the car bomb.
    evs = events(kb, "قتل ثلاثة جنود أمس إثر تفجير سيارة مفخخة لدى مرور دورية عسكرية في مدينة ماردين، ويأتي الهجوم "
                     "غداة شنها الطيران الحربي ضد مواقع المتمردين في الجبال.")
    assert "Remote explosive/landmine/IED" in [e.sub_event_type for e in evs]
    assert "Air/drone strike" not in [e.sub_event_type for e in evs]


def test_rockets_fired_by_the_aircraft_belonging_to_a_force_are_an_air_strike(kb):
    # "مروحية عسكرية تابعة للجيش": the aircraft's kind and the word of belonging stand between the aircraft word and
    # the force's name (rule aircraft_of): the rockets were fired from the air.
    ev = events(kb, "وذكرت مصادر محلية أن مروحية عسكرية تابعة لقوات النظام استهدفت بالصواريخ سوقا في بلدة كفرنبل "
                    "أمس، ما أدى إلى مقتل أربعة مدنيين.")[0]
    assert ev.sub_event_type == "Air/drone strike"
    # The same rockets with no aircraft named stay shelling.
    ev = events(kb, "وذكرت مصادر محلية أن قوات النظام استهدفت بالصواريخ سوقا في بلدة كفرنبل أمس، ما أدى إلى مقتل "
                    "أربعة مدنيين.")[0]
    assert ev.sub_event_type == "Shelling/artillery/missile attack"


def test_an_attack_fought_off_is_a_battle_whatever_was_fired_in_it(kb):
    # "صدت الفصائل هجوما ... وقصفت مواقعها بالصواريخ": both sides fought on the ground; the rockets fired in the
    # fight do not make it remote violence (ACLED: a battle that includes shelling is a battle).
    evs = events(kb, "وأكد مصدر ميداني أن الفصائل المسلحة صدت هجوما لقوات النظام على بلدة مورك وقصفت مواقعها "
                     "بالصواريخ أمس.")
    assert [e.sub_event_type for e in evs] == ["Armed clash"]
    # An attack made with rockets and fought off by no one is the rockets' shelling.
    evs = events(kb, "وأكد مصدر ميداني أن الفصائل المسلحة شنت هجوما على مواقع قوات النظام في بلدة مورك بالصواريخ أمس.")
    assert [e.sub_event_type for e in evs] == ["Shelling/artillery/missile attack"]


def test_armed_men_named_beside_civilian_victims_did_the_act(kb):
    # Read as the act's target, the only armed group the clause names would make the killing a clash; the victims
    # it counts (a toll of civilians, or the attack's object) say the gunmen did it: violence against civilians.
    for text, country in (("أقدم مسلحون مجهولون على قتل معلم وزوجته داخل منزلهما في ريف حماة أمس.", "Syria"),
                          ("قالت مصادر إن عناصر من ميليشيا مسلحة اعتدوا بالهراوات على عمال في سوق بمدينة الفاشر "
                           "أمس.", "Sudan")):
        ev = events(kb, text)[0]
        assert (ev.sub_event_type, ev.actor2) == ("Attack", f"Civilians ({country})"), text
        assert ev.actor1 == f"Unidentified Armed Group ({country})", text
    # Gunmen counted among the dead, or killed with no one else named, are no doers.
    ev = events(kb, "قتل ثلاثة مسلحين ومدني في اشتباك مع الشرطة قرب بعقوبة أمس.")[0]
    assert ev.sub_event_type == "Armed clash"
    ev = events(kb, "قتل مسلحون مجهولون في مدينة بعقوبة أمس.")[0]
    assert (ev.sub_event_type, ev.actor1) == ("Armed clash", None)


def test_demonstrators_who_throw_petrol_bombs_riot(kb):
    # "ألقوا الزجاجات الحارقة" is the crowd's violence (rule crowd_fought): a violent demonstration (ACLED Riots).
    told = "تظاهر مئات الشبان أمام مبنى المحافظة في مدينة صفاقس أمس"
    for what_they_did, sub in (("وألقوا الزجاجات الحارقة على سيارات الشرطة", "Violent demonstration"),
                               ("ورفعوا الأعلام", "Peaceful protest")):
        assert [e.sub_event_type for e in events(kb, f"{told} {what_they_did}.")] == [sub], what_they_did


def test_ground_taken_without_a_fight_is_a_non_violent_transfer(kb):
    # "دون قتال" (rule without_fight): no two sides fought, so no battle (ACLED Strategic developments).
    evs = events(kb, "سيطر مسلحو الحركة على بلدة عيل بور في وسط الصومال أمس بعد انسحاب القوات الحكومية منها دون "
                     "قتال.")
    # (the withdrawal told after "بعد" is a report of its own, of the same type)
    assert {e.sub_event_type for e in evs} == {"Non-violent transfer of territory"}
    assert "Unidentified Armed Group (Somalia)" in {e.actor1 for e in evs}
    # A fight only said to be small was fought.
    evs = events(kb, "سيطر مسلحو الحركة على بلدة عيل بور في وسط الصومال أمس من دون مقاومة كبيرة من القوات "
                     "الحكومية.")
    assert [e.event_type for e in evs if "filtered" not in e.missing] == ["Battles"]


def test_an_attack_those_arrested_are_suspected_of_plotting_does_not_type_the_arrest(kb):
    # "يشتبه في تخطيطهم لهجوم" (detect rule charged_act): the plotted attack is what the arrest is about.
    evs = events(kb, "اعتقلت الشرطة الألمانية ثلاثة رجال يشتبه في تخطيطهم لهجوم على محطة القطارات في مدينة "
                     "هامبورغ أمس.")
    assert [e.sub_event_type for e in evs if "filtered" not in e.missing] == ["Arrests"]


def test_a_weapon_the_act_hit_is_not_the_weapon_it_was_carried_out_with(kb):
    # Air strikes on tanks and minefields: "دبابات" and "حقول ألغام" are what the strikes destroyed, not their means.
    ev = events(kb, "وقال بيان للتحالف إن غارات جوية قرب مدينة الرقة أمس دمرت دبابات وحقول ألغام تابعة للتنظيم.")[0]
    assert (ev.sub_event_type, ev.weapon) == ("Air/drone strike", "airstrike")


def test_a_war_at_large_does_not_type_the_attack_its_sentence_tells(kb):
    # "المعركة ضد تنظيم داعش" is a side's war (rule war_against), not a fight; the sentence's act is the attack, and a
    # "terrorist" attack word says a bombing as "هجوم إرهابي" does, not a clash with no second side.
    text = ("بحث الرئيسان خلال اتصال هاتفي الأربعاء التعاون في المعركة ضد تنظيم داعش، وقدم الرئيس تعازيه على خلفية "
            "الاعتداء الإرهابي الذي نسب إلى التنظيم وأوقع الثلاثاء 32 قتيلا في مدينة سروج.")
    assert [e.event_type for e in events(kb, text)] == ["Explosions/Remote violence"]
    assert events(kb, "وقال الرئيس إن بلاده عانت من خسائر كبيرة في معركتها ضد الإرهابيين في سوريا أمس.") == []


def test_a_force_named_by_what_it_counters_is_no_riot(kb):
    # "شرطة مكافحة الشغب": riot police (rule force_name), not a riot.
    assert events(kb, "وأفادت مصادر أمنية بأن الضابطين القتيلين كانا يعملان بشرطة مكافحة الشغب في بغداد.") == []
    # A riot told is still one.
    evs = events(kb, "واندلعت أعمال شغب أمس في مدينة البصرة بعد انقطاع الكهرباء.")
    assert [e.event_type for e in evs] == ["Riots"]


def test_people_named_with_a_proclitic_and_the_article_are_the_crowd_of_a_riot(kb):
    # "والمصلين": و and ال before a civilian noun (victims.yaml) still say whom the state's forces fought: a riot
    # (ACLED: a battle needs two armed sides), not a battle of the army alone.
    ev = events(kb, "اندلعت مواجهات أمس بين قوات الاحتلال والمصلين في المسجد الأقصى.")[0]
    assert ev.event_type == "Riots"


def test_hostages_held_are_an_abduction_not_an_arrest(kb):
    # "احتجاز الرهائن" (rule hostages): taken by their captors (ACLED: Abduction/forced disappearance), not arrested
    # by the country's police.
    ev = events(kb, "قتل 12 شخصا في عملية احتجاز رهائن في مصرف في مدينة موبتي في وسط مالي أمس.")[0]
    assert ev.sub_event_type == "Abduction/forced disappearance"
    assert ev.actor1 is None or "Police" not in ev.actor1
    # People detained by the police are still arrested.
    ev = events(kb, "اعتقلت الشرطة أمس خمسة مطلوبين في مدينة البصرة.")[0]
    assert ev.sub_event_type == "Arrests"


def test_what_seized_explosives_were_for_does_not_type_the_arrest(kb):
    # "واستخدامها في تفجيرات" (rule intended): the bombings the explosives were meant for did not happen; the act told
    # is the arrest.
    text = ("وأعلنت البحرين أمس ضبط شحنة متفجرات في عرض البحر، واعتقلت قوات الأمن مجموعة قالت إنها تنوي إدخال "
            "المتفجرات إلى البلاد واستخدامها في تفجيرات.")
    assert [e.sub_event_type for e in events(kb, text)] == ["Arrests"]


def test_civilians_killed_in_a_clash_with_armed_men_are_its_casualties_not_its_side(kb):
    # "اثنين من المتشددين وطفلين قتلوا خلال اشتباكات": armed men among the dead say two armed sides fought; the
    # children are the battle's casualties (ACLED), not the target of an attack on civilians.
    ev = events(kb, "وذكر مسؤولون في الهند أمس الجمعة أن اثنين من المتشددين وطفلين قتلوا خلال اشتباكات بولاية "
                    "ناجالاند شمال شرقي البلاد.")[0]
    assert ev.event_type == "Battles"
    # Townspeople who fought armed men, with no other armed side named, were attacked.
    ev = events(kb, "اندلعت اشتباكات أمس بين مواطنين من الموصل ومسلحي داعش في مقبرة وادي عقاب وأطلق المسلحون النار "
                    "على المواطنين فقتلوا اثنين منهم.")[0]
    assert ev.event_type == "Violence against civilians"


def test_an_arrest_for_an_ordinary_crime_is_no_event_and_a_political_one_is(kb):
    # rule political_arrest (rules/build.yaml): ACLED codes arrests of militants, activists, protesters, people held
    # by a party to a conflict; police holding a man after a quarrel is ordinary crime, whatever the crime.
    assert events(kb, "وألقت الشرطة أمس القبض على رجل في مدينة الطائف بعد خلاف مع جاره.") == []
    assert events(kb, "وأوقفت الشرطة أمس ثلاثة أشخاص في مدينة جدة بعد مطاردة في أحد الأحياء.") == []
    for text in ("وألقت الشرطة أمس القبض على رجل في مدينة الطائف بتهمة الانتماء إلى تنظيم داعش.",
                 "واعتقلت الشرطة أمس عشرة ناشطين في مدينة القاهرة.",
                 "واعتقلت قوات الاحتلال أمس ثلاثة شبان في مدينة الخليل."):
        assert [e.sub_event_type for e in events(kb, text)] == ["Arrests"], text


def test_a_killing_told_as_a_police_report_is_ordinary_crime(kb):
    # rule crime_report (rules/build.yaml): a police report's words, no named doer and no word of a conflict
    assert events(kb, "وتلقت شرطة محافظة الطائف أمس بلاغا عن مقتل شاب بطلق ناري، وتم القبض على الجاني.") == []
    # a word of a conflict in the paragraph keeps it ("مسلحون", "مقذوف")
    assert events(kb, "وتلقت شرطة محافظة الطائف أمس بلاغا عن مقتل شاب بطلق ناري أطلقه مسلحون ملثمون.")
    assert events(kb, "وباشرت فرق الدفاع المدني أمس بلاغا عن مقتل مزارع بسقوط مقذوف في قرية بمحافظة الحرث.")


def test_one_persons_assault_told_by_its_assailant_tool_or_madness_is_ordinary_crime(kb):
    # rule crime_report (rules/build.yaml): "المعتدي", "بآلة حادة", "مريض نفسيا" are a police report's words
    assert events(kb, "وأقدم رجل مريض نفسيا على طعن جاره بسكين في حي السلامة بمدينة الطائف أمس.") == []
    assert events(kb, "واعتدى شاب أمس بالضرب بآلة حادة على موظف في مركز صحي بمدينة بريدة.") == []
    # a word of a conflict in the paragraph keeps it
    assert events(kb, "وقتل مسلح جنديين أمس في هجوم على حاجز في مدينة العريش، وأفادت مصادر أن المعتدي مختل عقليا.")


def test_an_act_a_crowd_gathers_to_denounce_does_not_type_its_protest(kb):
    # "للتنديد ب", "للاحتجاج على", "للترحم على" (the purpose forms of "تنديدا ب", "احتجاجا على"): the act after them
    # is what the crowd denounces or mourns, however far it stands from the protest word (rule detect.grievance).
    evs = events(kb, "تظاهر مئات الأشخاص في باريس أمس للتنديد بالسياسة التي تتبعها الحكومة منذ سنوات طويلة تجاه "
                     "اللاجئين والمهاجرين وللترحم على ضحايا الهجوم الذي وقع الشهر الماضي")
    protests = [e for e in evs if e.event_type == "Protests"]
    assert [(e.location, e.event_date) for e in protests] == [("Paris", date(2015, 7, 26))]
