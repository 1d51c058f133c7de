"""Who did it and to whom (issue 14): actor roles read from the sentence's grammar and the article, one mechanism
per test (sentences written for the tests, none from the gold sets; the rules decide)."""

from __future__ import annotations

from datetime import date

from rasd.model import Article
from rasd.pipeline import process

PUB = date(2015, 7, 27)  # a Monday


def events(kb, text: str, published: date = PUB):
    return process(Article(text=text, published=published), kb, decide="rules").events


def test_an_attack_noun_then_lam_names_whose_attack_it_was(kb):
    # rule possessive_doer: "غارات للتحالف" are the coalition's strikes, whatever follows.
    ev = events(kb, "قتل ثلاثة مدنيين أمس في غارات للتحالف الدولي على قرية قرب الرقة.")[0]
    assert (ev.sub_event_type, ev.actor1, ev.actor2) == (
        "Air/drone strike", "Global Coalition Against Daesh", "Civilians (Syria)")
    ev = events(kb, "قتل جنديان أمس في هجوم لمسلحي داعش على حاجز قرب الرمادي.")[0]
    assert ev.actor1 == "Islamic State"


def test_lam_after_a_word_that_takes_an_object_is_the_object(kb):
    # "استهداف لقوات الجيش": the army is hit, not the one who hit.
    ev = events(kb, "قتل جنديان أمس في استهداف لقوات الجيش العراقي قرب الرمادي.")[0]
    assert ev.actor1 != "Military Forces of Iraq (2014-)" and "Iraq" in (ev.actor2 or "")


def test_air_strikes_told_without_their_doer_are_the_last_named_strikers(kb):
    # carry_air_doer: a statement's list of strikes; "وفي سوريا" is where the later ones fell, not who flew them.
    evs = events(kb, "قال التحالف الدولي إنه نفذ أمس ثلاث غارات جوية على مواقع لداعش قرب الموصل. وقال البيان إن "
                     "ضربة جوية دمرت أمس مصنعا للمتفجرات في الحويجة. وفي سوريا نفذت أمس غارتان قرب الحسكة "
                     "استهدفتا وحدات لداعش.")
    assert [(e.location, e.actor1) for e in evs] == [
        ("Mosul", "Global Coalition Against Daesh"), ("Al Hawijah", "Global Coalition Against Daesh"),
        ("Al Hasakah", "Global Coalition Against Daesh")]
    assert evs[2].actor2 == "Islamic State"


def test_an_air_strike_takes_no_doer_from_a_strike_told_after_it(kb):
    evs = events(kb, "وقال البيان إن ضربة جوية دمرت أمس مصنعا للمتفجرات في الحويجة. وقال التحالف الدولي إنه نفذ "
                     "أمس ثلاث غارات جوية على مواقع لداعش قرب الموصل.")
    assert [(e.location, e.actor1) for e in evs] == [
        ("Al Hawijah", None), ("Mosul", "Global Coalition Against Daesh")]


def test_violence_against_civilians_naming_no_victim_group_hits_civilians(kb):
    # ACLED defines the type by its victims: actor 2 is the country's civilians, said in `missing`.
    # (a victim noun as the act's object names them: "اعتقلوا الفتاة", rule construct_object; a bare count does not)
    ev = events(kb, "وقالت تقارير إن مقاتلين من تنظيم داعش اختطفوا اثنين في حلب أمس.")[0]
    assert (ev.event_type, ev.actor1, ev.actor2) == ("Violence against civilians", "Islamic State", "Civilians (Syria)")
    assert "actor2_inferred" in ev.missing


def test_a_bomb_that_killed_with_no_target_named_hit_civilians_but_a_patrol_is_the_army(kb):
    ev = events(kb, "نفذ تنظيم داعش أمس تفجيرا انتحاريا في سوق شعبي ببغداد أوقع 20 قتيلا.")[0]
    assert (ev.sub_event_type, ev.actor2) == ("Suicide bomb", "Civilians (Iraq)")
    assert "actor2_inferred" in ev.missing
    ev = events(kb, "قتل جنديان أمس في انفجار عبوة ناسفة استهدفت دورية للجيش في الرمادي.")[0]
    assert ev.actor2 == "Military Forces of Iraq"
    evs = events(kb, "انفجرت أمس عبوة ناسفة قرب سوق شعبي ببغداد دون وقوع إصابات.")
    assert all(e.actor2 is None for e in evs)


def test_the_actor_an_act_is_attributed_to_did_it(kb):
    # rule attributed_to: words (who attributes it) may stand between نسب and إلى.
    ev = events(kb, "قتل عنصران من الشرطة التركية بالرصاص أمس في أضنة، في هجوم جديد نسبته السلطات الى التمرد "
                    "الكردي.")[0]
    assert (ev.actor1, ev.actor2) == ("PKK: Kurdistan Workers Party", "Police Forces of Turkey")


def test_the_group_that_claimed_the_bombing_did_it_not_the_police_that_told_it(kb):
    # rule claims_after: "أعلن تنظيم داعش مسؤوليته عنه".
    ev = events(kb, "قالت الشرطة إن تفجيرا انتحاريا بسيارة ملغومة في بغداد أعلن تنظيم داعش مسؤوليته عنه قتل أمس 20 "
                    "شخصا.")[0]
    assert (ev.sub_event_type, ev.actor1) == ("Suicide bomb", "Islamic State")


def test_a_second_report_that_names_the_other_side_completes_the_pair(kb):
    # merge._absorb: one clause names the attackers, the next the army fighting them: both sides, not one twice.
    evs = events(kb, "هاجم مسلحو داعش أمس قرية البوحياة في الرمادي، حيث اندلعت اشتباكات عنيفة بين الجيش العراقي "
                     "ومسلحي داعش.")
    assert [(e.actor1, e.actor2) for e in evs] == [("Islamic State", "Military Forces of Iraq")]


def test_who_planted_the_mines_did_the_bombing(kb):
    ev = events(kb, "قتل 17 مدنيا أمس جراء انفجار ألغام زرعها الحوثيون أثناء انسحابهم من محافظة لحج في جنوب اليمن.")[0]
    assert (ev.actor1, ev.actor2) == ("Ansar Allah: Houthi Movement", "Civilians (Yemen)")


def test_the_group_owning_the_sites_hit_is_the_target(kb):
    # rule target_site: "على مواقع عناصر تنظيم داعش", though the group stands closer to the trigger than the doer.
    ev = events(kb, "وقالت المصادر إن طيران الجيش العراقي نفذ أمس طلعات جوية على مواقع عناصر تنظيم داعش في جبال "
                    "حمرين شمالي بعقوبة تمكن خلالها من قصف رتل للتنظيم.")[0]
    assert (ev.actor1, ev.actor2) == ("Military Forces of Iraq", "Islamic State")


def test_a_country_after_an_agent_marker_is_the_doer(kb):
    ev = events(kb, "وانتقدت دمشق الأربعاء الغارات التي نفذتها تركيا يوم السبت على مواقع للتنظيم داخل الأراضي "
                    "السورية.")[0]
    assert ev.actor1 == "Military Forces of Turkey"


def test_people_counted_of_a_force_are_its_victims_though_the_number_comes_first(kb):
    ev = events(kb, "أفاد بيان صدر عن مكتب والي ولاية وان بشرق تركيا أمس الأحد أن اثنين من أفراد قوات الأمن قتلا "
                    "وأصيب 20 في هجوم بسيارة مفخخة نفذه حزب العمال الكردستاني في الولاية خلال الليل.")[0]
    assert (ev.actor1, ev.actor2) == ("PKK: Kurdistan Workers Party", "Military Forces of Turkey")


def test_who_condemns_an_act_did_not_do_it(kb):
    # rule stance_subject: the condemning state or government is neither side; reports of the same bombing condemned
    # by several states stay one event.
    text = ("دانت الأردن التفجير الذي استهدف أمس مسجدا في مدينة الكويت. "
            "ودانت فرنسا التفجير الذي استهدف أمس مسجدا في مدينة الكويت.")
    evs = events(kb, text)
    assert len(evs) == 1 and evs[0].actor1 is None, [(e.actor1, e.location) for e in evs]
    ev = events(kb, "أدانت الحكومة الليبية هجوما شنه مسلحون أمس على حاجز للجيش في مدينة سرت.")[0]
    assert ev.actor1 != "Government of Libya" and ev.actor2 == "Military Forces of Libya", (ev.actor1, ev.actor2)


def test_the_force_a_shell_came_from_fired_it(kb):
    # "مصدرها قوات النظام": the origin of the fire is an agent marker, the force after it the doer.
    ev = events(kb, "قتل سبعة أشخاص أمس في سقوط قذيفة مصدرها قوات النظام السوري على سوق في مدينة دوما.")[0]
    assert (ev.actor1, ev.actor2) == ("Military Forces of Syria", "Civilians (Syria)")


def test_a_country_before_a_relative_clause_is_not_the_doer_of_the_act_inside_it(kb):
    # rule relative_between: the act is told of "المدينة", the noun "التي" hangs on; Baghdad imposed the curfew.
    ev = events(kb, "فرضت بغداد حظر التجول في المدينة التي شهدت أمس هجوما بعبوة ناسفة على دورية للشرطة في بعقوبة.")[0]
    assert ev.actor1 is None and ev.actor2 == "Police Forces of Iraq"


def test_the_force_the_people_hit_belong_to_is_the_target(kb):
    # rule victim_affiliation: "عناصر بالشرطة", "ضابطان في الجيش", "قتلى في صفوف قوات النظام": the side hit.
    ev = events(kb, "جرح خمسة عناصر بالشرطة أمس في انفجار عبوة ناسفة قرب حاجز في مدينة الرمادي.")[0]
    assert (ev.actor1, ev.actor2, ev.injured) == (None, "Police Forces of Iraq", 5)
    ev = events(kb, "قتل ضابطان في الجيش العراقي أمس في انفجار عبوة ناسفة على طريق قرب مدينة بيجي.")[0]
    assert ev.actor1 is None and "Iraq" in (ev.actor2 or "")
    ev = events(kb, "سقط قتلى في صفوف قوات النظام أمس في قصف على حاجز قرب مدينة حماة.")[0]
    assert ev.actor1 is None and ev.actor2 == "Military Forces of Syria"
    # ... but fighters of a force who act are its doers
    ev = events(kb, "هاجم مقاتلون في الجيش الحر أمس حاجزا لقوات النظام قرب مدينة حماة.")[0]
    assert ev.actor1 == "Free Syrian Army"


def test_a_former_member_hit_is_not_of_the_force(kb):
    # "قيادي سابق في جبهة النصرة": a former commander shot is no longer the group's; the group is not the side hit.
    ev = events(kb, "اغتيل قيادي سابق في جبهة النصرة برصاص مسلحين مجهولين أمس في مدينة إدلب.")[0]
    assert (ev.event_type, ev.actor2) == ("Violence against civilians", "Civilians (Syria)")
    ev = events(kb, "اغتيل قيادي في جبهة النصرة برصاص مسلحين مجهولين أمس في مدينة إدلب.")[0]
    assert (ev.event_type, ev.actor2) == ("Battles", "Jabhat al-Nusra")


def test_an_actor_standing_only_before_the_trigger_is_the_target_when_the_doer_is_said(kb):
    # "القيادي في جماعة ... قتل في ضربة جوية أمريكية": the nationality on the trigger names the doer, so the group
    # named before the trigger (the passive's subject) is the one hit, not a second doer.
    ev = events(kb, "قالت مصادر إن القيادي في تنظيم القاعدة أبو محمد قتل في ضربة جوية أمريكية قرب إدلب أمس.")[0]
    assert (ev.sub_event_type, ev.actor1, ev.actor2) == (
        "Air/drone strike", "Military Forces of the United States", "Al Qaeda")


def test_armed_men_counted_as_killed_are_the_article_s_armed_group(kb):
    # "أسفر عن مقتل الإرهابي ...": the toll says only that the dead man was armed; the article's one group is whose.
    ev = events(kb, "قال مسؤول إن تنظيم داعش يسيطر على مدينة الفلوجة منذ عام. وأضاف أن قصفا بالمدفعية نفذته قوات "
                    "الجيش أمس قرب الكرمة أسفر عن مقتل الإرهابي أبو علي المسؤول عن التفخيخ.")[-1]
    assert (ev.sub_event_type, ev.actor1, ev.actor2) == (
        "Shelling/artillery/missile attack", "Military Forces of Iraq", "Islamic State")


def test_insurgents_are_not_a_pro_government_militia_named_before(kb):
    # "الثوار" fight the state: the NDF (a militia on the state's side) named before is not whom they stand for.
    ev = events(kb, "قتل عنصران من قوات الدفاع الوطني أمس في قصف قرب حماة. وسيطر الثوار أمس على تلة قرب قرية "
                    "كنسبا في ريف اللاذقية.")[-1]
    assert ev.sub_event_type == "Non-state actor overtakes territory" and ev.actor1 != "NDF: National Defence Forces"


def test_a_speaker_named_after_the_act_is_no_side_of_it(kb):
    # rule speaker: "وقالت الشرطة إن ..." after the act tells of it; the police were not what the bomb hit.
    ev = events(kb, "انفجرت سيارة مفخخة أمس في سوق ببلدة خان بني سعد، وقالت الشرطة إن الانفجار هدم عدة مبان.")[0]
    assert ev.sub_event_type == "Remote explosive/landmine/IED" and ev.actor2 != "Police Forces of Iraq"


def test_a_source_telling_of_its_own_act_is_its_doer(kb):
    # rule own_deed: "أعلن الجيش أنه قتل": the report's source is the one who fought.
    ev = events(kb, "أعلن الجيش العراقي أنه قتل أمس خمسة مسلحين في اشتباكات قرب الرمادي.")[0]
    assert (ev.sub_event_type, ev.actor1) == ("Armed clash", "Military Forces of Iraq")


def test_people_counted_after_a_killing_verb_and_a_time_word_are_its_victims(kb):
    # "قتلت أمس ثلاثة إرهابيين": the time word between the verb and the counted men does not make them its doers.
    ev = events(kb, "قال مسؤول إن تنظيم داعش يسيطر على مدينة الفلوجة منذ عام. وأضاف أن القوات الأمنية قتلت أمس "
                    "ثلاثة إرهابيين في قصف مدفعي قرب الكرمة.")[-1]
    assert (ev.actor1, ev.actor2) == ("Military Forces of Iraq", "Islamic State")


def test_fighters_said_to_be_of_a_named_group_are_that_group(kb):
    # rule own_side_named then a name: "ستة مقاتلين على الأقل من حركة أحرار الشام" are Ahrar al-Sham's men.
    ev = events(kb, "اختطف تنظيم داعش أمس ستة مقاتلين على الأقل من حركة أحرار الشام قرب بلدة مارع.")[0]
    assert (ev.actor1, ev.actor2) == ("Islamic State", "Ahrar al-Sham")
    # actors_curated.yaml: the US-trained Division 30 of 2015 is an actor of its own
    ev = events(kb, "اختطف مسلحو جبهة النصرة أمس ثلاثة مقاتلين من الفرقة 30 قرب مدينة أعزاز.")[0]
    assert (ev.actor1, ev.actor2) == ("Jabhat al-Nusra", "Division 30")


def test_the_speaker_s_group_named_before_the_act_is_not_its_target(kb):
    # rule speaker_phrase: "صرح قيادي في حركة حماس بأن ...": the group is whom the speaker belongs to, not what
    # the strike hit (the actors named only before the trigger are otherwise made its targets).
    ev = events(kb, "صرح قيادي في حركة حماس بأن غارة إسرائيلية استهدفت أمس أرضا زراعية قرب خان يونس.")[0]
    assert (ev.actor1, ev.actor2) == ("Military Forces of Israel", None)


def test_the_actor_after_by_means_of_is_the_doer(kb):
    # rule attributed_to, agent marker بواسطة: "تم اعتقاله بواسطة عناصر الأمن" - the security men arrested him.
    ev = events(kb, "وتم اعتقال الشاب أمس بواسطة عناصر الأمن في مطار بغداد الدولي.")[0]
    assert (ev.sub_event_type, ev.actor1) == ("Arrests", "Military Forces of Iraq") and ev.actor2 != ev.actor1
    ev = events(kb, "قتل ثلاثة مدنيين أمس في قصف بواسطة طائرات التحالف الدولي على قرية قرب الرقة.")[0]
    assert (ev.actor1, ev.actor2) == ("Global Coalition Against Daesh", "Civilians (Syria)")


def test_a_pronoun_object_between_verb_and_actor_leaves_the_actor_the_subject(kb):
    # rule pronoun_object_gap: "سيطرت عليها فصائل المعارضة ... من قوات النظام": the rebels took it from the army.
    ev = events(kb, "وقال قائد ميداني إن التلة سيطرت عليها فصائل المعارضة أمس من قوات النظام بعد معارك قرب جسر "
                    "الشغور.")[0]
    assert (ev.sub_event_type, ev.actor1, ev.actor2) == (
        "Non-state actor overtakes territory", "Opposition Rebels (Syria)", "Military Forces of Syria")


def test_a_nationality_on_the_people_a_killing_word_names_is_the_victims(kb):
    # "مقتل طفل فلسطيني": the nationality tells whose child was killed, not whose forces killed him.
    ev = events(kb, "قال مسؤولون إن متطرفين يهودا أضرموا النيران في منزل بالضفة الغربية، مما أدى إلى مقتل طفل "
                    "فلسطيني عمره 18 شهرا أمس.")[0]
    assert ev.event_type == "Violence against civilians" and ev.actor1 != "Military Forces of Palestine"


def test_the_aircraft_that_open_the_act_are_its_doer(kb):
    # "طائرات التحالف شنت غارات": the trigger is composed from the aircraft word on, so the actor it opens with is
    # the subject inside the trigger, not the target.
    for text in ("طائرات التحالف شنت أمس غارات جوية على مواقع لداعش قرب مدينة الرقة.",
                 "وقال مسؤول إن المقاتلات التركية شنت أمس غارات على مواقع لحزب العمال الكردستاني في محافظة دهوك."):
        ev = events(kb, text)[0]
        assert ev.sub_event_type == "Air/drone strike"
        assert ev.actor1 in ("Global Coalition Against Daesh", "Military Forces of Turkey"), text
        assert ev.actor2 in ("Islamic State", "PKK: Kurdistan Workers Party"), text


def test_a_coalition_named_bare_is_the_one_that_fights_in_the_acts_country(kb):
    # actors.yaml in_country: "طيران التحالف" over Yemen is the Saudi-led coalition, over Syria the one against IS.
    ev = events(kb, "وشن طيران التحالف أمس سلسلة من الغارات الجوية على معسكر للحوثيين في محافظة عمران شمال اليمن.")[0]
    assert (ev.country, ev.actor1) == ("Yemen", "Saudi-led Coalition")
    ev = events(kb, "وشن طيران التحالف أمس غارات جوية على مواقع لداعش قرب مدينة الرقة.")[0]
    assert (ev.country, ev.actor1) == ("Syria", "Global Coalition Against Daesh")


def test_what_follows_a_trigger_composed_with_its_subject_is_the_object(kb):
    # "أوقفت قوات الأمن الليبية 30" opens with its doer: the 30 people after it are the ones arrested, so a group
    # named later in the clause ("ضد عناصر من ... وتنظيم داعش") cannot stand in as the doer of an abduction.
    text = ("وأوقفت قوات الأمن الليبية 30 شخصًا، في حملة شنتها ضد عناصر من جماعة «أنصار الشريعة»، وتنظيم داعش "
            "في مدينة بنغازي أمس.")
    ev = events(kb, text)[0]
    assert ev.sub_event_type == "Arrests"
    # (the people held are the men of the groups the campaign was against: actor 2 is a group, not civilians; list
    # group_before_people_subs)
    assert ev.actor1.endswith("of Libya") and not ev.actor2.startswith("Civilians")


def test_the_men_of_a_side_named_after_between_make_it_actor_1(kb):
    # rule between_sides: "بين عناصر الجيش ومسلحي التنظيم" names both sides, the first with its men before it.
    ev = events(kb, "اندلعت أمس مواجهات عنيفة بين عناصر الجيش العراقي ومسلحي تنظيم داعش في قضاء بيجي.")[0]
    assert (ev.actor1, ev.actor2) == ("Military Forces of Iraq", "Islamic State")


def test_the_other_side_after_min_taraf_akhar(kb):
    # rule other_side: "بين A و B من طرف، و C من طرف آخر": B is with A, C is the other side.
    ev = events(kb, "دارت فجر أمس اشتباكات بين قوات النظام والمسلحين الموالين لها من طرف، وتنظيم داعش من طرف آخر "
                    "قرب مدينة تدمر.")[0]
    assert (ev.actor1, ev.actor2) == ("Military Forces of Syria", "Islamic State")


def test_who_fought_an_attack_off_is_its_other_side_not_the_men_counted_killed(kb):
    # repelled: the side named before the attack it fought off is actor 2, before the gunmen the clause counts dead.
    ev = events(kb, "صد الجيش العراقي أمس هجوما شنه تنظيم داعش على حاجز قرب حديثة، وقتل خلاله سبعة مسلحين.")[0]
    assert (ev.actor1, ev.actor2) == ("Islamic State", "Military Forces of Iraq")


def test_a_country_after_the_act_verb_opening_the_clause_is_the_doer(kb):
    # rule country_subject: "قصفت تركيا": the country is the verb's subject, whichever groups the clause names after
    # it (they are hit).
    ev = events(kb, "قصفت تركيا أمس مواقع لمسلحي داعش قرب جرابلس بعد سقوط قذائف على بلدة كلس.")[0]
    assert (ev.actor1, ev.actor2) == ("Military Forces of Turkey", "Islamic State")


def test_a_state_force_reporting_an_attack_on_an_armed_group_that_names_no_doer_did_it(kb):
    # _source_doer: the command tells of its own shelling; a bomb's doer or civilians hit are not read so.
    ev = events(kb, "وذكر ضابط في الجيش العراقي أن ثمانية مسلحين من داعش قتلوا أمس في قصف مدفعي على مواقعهم جنوب "
                    "الموصل.")[0]
    assert (ev.actor1, ev.actor2) == ("Military Forces of Iraq", "Islamic State")
    ev = events(kb, "أعلنت الشرطة العراقية أمس مقتل ثلاثة من عناصر داعش بانفجار عبوة ناسفة كانوا يعدونها قرب كركوك.")[0]
    assert ev.actor1 is None
    ev = events(kb, "قالت الشرطة العراقية إن خمسة مدنيين قتلوا أمس بقصف مدفعي على حي سكني في الفلوجة.")[0]
    assert ev.actor1 is None


def test_an_agent_marker_names_the_doer_through_a_dual_and_through_its_men(kb):
    # agent_markers "نفذهما" (two acts), rule agent_unit: "نفذه عناصر من الحزب" is still the party's act.
    ev = events(kb, "قتل أربعة من عناصر الشرطة أمس في هجومين منفصلين نفذهما حزب العمال الكردستاني في ولاية شرناق.")[0]
    assert (ev.actor1, ev.actor2) == ("PKK: Kurdistan Workers Party", "Police Forces of Turkey")
    ev = events(kb, "قتل أربعة من عناصر الشرطة أمس في هجوم نفذه عناصر من حزب العمال الكردستاني في ولاية شرناق.")[0]
    assert ev.actor1 == "PKK: Kurdistan Workers Party"


def test_who_underwent_an_attack_was_hit_by_it(kb):
    # rule undergoes: the subject of تعرض, after the verb or before it, is the target, not the doer.
    ev = events(kb, "تعرضت دورية للجيش العراقي أمس لهجوم مسلح قرب بعقوبة.")[0]
    assert (ev.actor1, ev.actor2) == (None, "Military Forces of Iraq")
    ev = events(kb, "تعرض مقر الحزب الديمقراطي الكردستاني في أربيل أمس لهجوم بقنبلة يدوية.")[0]
    assert (ev.actor1, ev.actor2) == (None, "KDP: Kurdistan Democratic Party")
    ev = events(kb, "وتعرضت قوات البيشمركة لهجوم من قبل تنظيم داعش قرب سنجار.")[0]
    assert (ev.actor1, ev.actor2) == (
        "Islamic State", "Peshmerga: Military Forces of Iraq's Kurdistan Regional Government")


def test_a_doer_said_to_be_suspected_of_belonging_to_a_group_is_that_groups(kb):
    # rules trigger_affiliation / affiliation: "يشتبه في أنه ينتمي لـ", "تابعون لـ" (two words after the hedge verb).
    ev = events(kb, "وقتل انتحاري يشتبه في أنه ينتمي لتنظيم داعش 20 شخصا أمس في بلدة قرب الحدود مع سوريا.")[0]
    assert (ev.sub_event_type, ev.actor1) == ("Suicide bomb", "Islamic State")
    ev = events(kb, "وفجر مسلحون يعتقد أنهم تابعون لحزب العمال الكردستاني أمس عبوة ناسفة قرب مركز للشرطة في ديار بكر.")[0]
    assert ev.actor1 == "PKK: Kurdistan Workers Party"


def test_people_arrested_in_a_raid_on_a_groups_men_are_the_groups(kb):
    # list group_before_people_subs: the people counted are the men of the group the raids were against.
    ev = events(kb, "وأوقفت قوات الأمن التركية 40 شخصًا أمس في عمليات أمنية شنتها ضد عناصر من تنظيم داعش في ولاية "
                    "أضنة.")[0]
    assert (ev.sub_event_type, ev.actor2) == ("Arrests", "Islamic State")


def test_a_side_named_in_quotes_after_between_is_actor_1(kb):
    # rule between_sides: "بين «حركة أحرار الشام» وقوات النظام" names both sides though the first stands in quotes.
    ev = events(kb, "ودارت أمس معارك بين «حركة أحرار الشام» وقوات النظام في سهل الغاب بريف حماة.")[0]
    assert (ev.actor1, ev.actor2) == ("Ahrar al-Sham", "Military Forces of Syria")


def test_a_doer_that_cannot_carry_out_the_act_is_not_coded_its_doer(kb):
    # table doer_inters: no group on the ground flies an air strike, no state force blows itself up. The group read
    # as the striker is the one hit; the force read as the bomber too, and the doer stays unnamed (said in missing).
    ev = events(kb, "أعلن حزب العمال الكردستاني أن غارات جوية استهدفت مواقعه في جبال قنديل أمس وقتلت خمسة من "
                    "مقاتليه.")[0]
    assert (ev.sub_event_type, ev.actor1, ev.actor2) == (
        "Air/drone strike", None, "PKK: Kurdistan Workers Party")
    assert "actor1_implausible" in ev.missing
    ev = events(kb, "نفذت القوات التركية تفجيرا انتحاريا في سروج أمس.")[0]
    assert (ev.sub_event_type, ev.actor1) == ("Suicide bomb", None)
    assert "Turkey" in ev.actor2
    # An air strike by a force and a suicide bombing by a group keep their doers.
    ev = events(kb, "نفذت طائرات التحالف الدولي غارات جوية على مواقع لداعش قرب الموصل أمس.")[0]
    assert (ev.actor1, ev.actor2) == ("Global Coalition Against Daesh", "Islamic State")
    ev = events(kb, "استهدفت المقاومة الإسلامية في العراق قاعدة عين الأسد بطائرة مسيرة أمس.")[0]
    assert ev.actor1 == "Islamic Resistance in Iraq"  # groups fly drones
    ev = events(kb, "تبنى تنظيم داعش تفجيرا انتحاريا استهدف سوقا في بغداد أمس وأدى إلى مقتل ثمانية مدنيين.")[0]
    assert ev.actor1 == "Islamic State"



def test_who_lays_an_act_on_another_is_no_party_to_it(kb):
    # rule attributor: "نسبته السلطات التركية الى الحزب" - the authorities blame the party; they are neither side.
    ev = events(kb, "وقع أمس هجوم بسيارة مفخخة في بلدة جيلان بينار الحدودية نسبته السلطات التركية الى حزب العمال "
                    "الكردستاني.")[0]
    assert ev.actor1 == "PKK: Kurdistan Workers Party"
    assert ev.actor2 != "Government of Turkey"


def test_a_bomb_that_killed_people_hit_civilians_not_a_force_told_of_aside(kb):
    # build._force_told_aside: the government whose official speaks in the next sentence is not the bomb's target.
    ev = events(kb, "قتل 14 شخصا أمس في تفجير انتحاري بسوق مزدحم في الحلة. وأوضحت السلطات العراقية أن الانتحاري "
                    "شاب عراقي.")[0]
    assert (ev.sub_event_type, ev.actor2) == ("Suicide bomb", "Civilians (Iraq)")
    # a force named in the act's own clause is its target and stays
    ev = events(kb, "قتل ثلاثة أشخاص أمس في هجوم انتحاري على معسكر للجيش العراقي قرب الرمادي.")[0]
    assert "Military Forces of Iraq" in (ev.actor2 or "")


def test_an_attack_from_an_actor_is_that_actors(kb):
    # rule origin_doer: "قصف من طائرات النظام", "قصف بالصواريخ من قوات النظام": where the attack came from is its doer.
    ev = events(kb, "قتل ثلاثة أشخاص أمس في مدينة دوما نتيجة قصف من طائرات النظام السوري بعدة صواريخ.")[0]
    assert (ev.actor1, ev.actor2) == ("Military Forces of Syria", "Civilians (Syria)")
    ev = events(kb, "قتل طفلان أمس جراء قصف بالصواريخ من قوات النظام على بلدة كفرنبل.")[0]
    assert (ev.actor1, ev.actor2) == ("Military Forces of Syria", "Civilians (Syria)")


def test_barrel_bombs_are_dropped_by_the_state(kb):
    # rule state_weapon: no group on the ground drops a barrel bomb; the doer is the military of the country hit.
    ev = events(kb, "وأدى قصف البراميل على بلدة الحراك أمس إلى مقتل سبعة أشخاص بينهم طفلان.")[0]
    assert (ev.actor1, ev.actor2) == ("Military Forces of Syria", "Civilians (Syria)")
    ev = events(kb, "قتل خمسة مدنيين أمس في قصف بالبراميل المتفجرة على حي في مدينة الفلوجة.")[0]
    assert ev.actor1 == "Military Forces of Iraq"


def test_a_side_told_with_its_ally_is_one_side(kb):
    # table allied_sides: the army and Hezbollah named together are one side (the ally an associated actor), and the
    # other side is the one named apart, if any.
    ev = events(kb, "قصفت قوات النظام وميليشيا حزب الله أمس بلدة مضايا بقذائف المدفعية.")[0]
    assert (ev.actor1, ev.assoc_actor_1, ev.actor2) == ("Military Forces of Syria", ["Hezbollah"], None)
    ev = events(kb, "دارت أمس معارك عنيفة بين قوات النظام وميليشيا حزب الله في محيط بلدة مضايا.")[0]
    assert ev.actor2 != "Hezbollah" and ev.assoc_actor_1 == ["Hezbollah"]
