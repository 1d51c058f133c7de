"""The type of an assembled event (issue 14 item 2): decided on all its words, its weapon, its target and its actors,
not on whichever trigger ranks first. Sentences are written for these tests in the corpus's style; none is from an
annotated set."""

from __future__ import annotations

from datetime import date

from rasd.model import Article
from rasd.pipeline import process

PUB = date(2015, 7, 27)


def types(kb, text: str) -> list[tuple[str, str]]:
    return [(e.event_type, e.sub_event_type) for e in process(Article(text=text, published=PUB), kb,
                                                              decide="rules").events]


def test_a_way_forced_in_by_a_bomb_is_the_bombing(kb):
    assert types(kb, "وقالت الوكالة ان انتحاريا اقتحم بجرار محمل بالمتفجرات مركزا للدرك في مدينة ماردين امس.") == [
        ("Explosions/Remote violence", "Suicide bomb")]
    # a bomb told as an earlier step ("بعد") leaves the storming a takeover
    assert types(kb, "اقتحم مسلحو داعش بلدة القريتين امس بعد تفجير سيارة مفخخة عند مدخلها.") == [
        ("Battles", "Non-state actor overtakes territory")]


def test_a_weapon_word_says_how_a_generic_attack_was_made(kb):
    assert types(kb, "قتل ثلاثة مدنيين أمس في هجمات بقنابل في حي الشعب شمال بغداد.") == [
        ("Explosions/Remote violence", "Remote explosive/landmine/IED")]
    # the generic word alone is still an attack on whom it hit
    assert types(kb, "قتل ثلاثة مدنيين أمس في هجوم مسلح في حي الشعب شمال بغداد.") == [
        ("Violence against civilians", "Attack")]


def test_an_exchange_of_fire_stays_a_clash_whatever_weapon_opened_it(kb):
    assert types(kb, "أطلق مسلحون صواريخ على موقع عسكري في بلدة سنجار أمس ما فجر تبادلا قصيرا لإطلاق النار.") == [
        ("Battles", "Armed clash")]


def test_bombs_found_and_blown_up_by_the_finders_are_disrupted(kb):
    assert ("Strategic developments", "Disrupted weapons use") in types(
        kb, "فجرت قوات الأمن أمس خمس عبوات ناسفة عثرت عليها قرب بلدة الشيخ زويد.")


def test_a_territory_word_that_takes_no_place_does_not_outrank_a_riot(kb):
    got = types(kb, "وتمكنت الشرطة من استعادة الهدوء بعد أعمال شغب رافقت تظاهرات في مدينة ملبورن أمس.")
    assert got and all(t in ("Protests", "Riots") for t, _ in got), got


def test_a_crowd_on_one_side_makes_a_demonstration_not_a_battle(kb):
    assert types(kb, "أطلقت قوات الأمن النار على المتظاهرين في مدينة البصرة أمس فقتلت اثنين منهم.") == [
        ("Protests", "Excessive force against protesters")]
    assert types(kb, "اندلعت اشتباكات بين المتظاهرين والشرطة في مدينة البصرة أمس.") == [
        ("Riots", "Violent demonstration")]


def test_what_a_protest_is_about_does_not_type_it(kb):
    text = "نظم العشرات وقفة احتجاجية في بغداد أمس تنديدا بالهجوم الذي استهدف مسجدا في ديالى."
    found = process(Article(text=text, published=PUB), kb, decide="rules").events
    # The protest stays a protest; the attack it denounces is its own act (detect.grievance), never merged into it.
    assert [(e.event_type, e.sub_event_type) for e in found if e.location == "Baghdad"] == [
        ("Protests", "Peaceful protest")]
    assert all(e.event_type != "Protests" for e in found if e.location != "Baghdad")


def test_demonstrators_who_hold_someone_rioted(kb):
    assert types(kb, "احتجز متظاهرون غاضبون نائب رئيس مجلس محافظة النجف لعدة ساعات أمس.") == [
        ("Riots", "Violent demonstration")]


def test_what_aircraft_do_is_an_air_strike_whatever_word_tells_it(kb):
    # the doer named by its aircraft after a massacre word (rule aircraft_doer)
    assert types(kb, "شهدت بلدة سراقب في ريف إدلب أمس مجزرة نفذها طيران النظام الحربي راح ضحيتها 12 مدنيا.") == [
        ("Explosions/Remote violence", "Air/drone strike")]
    # the same massacre by gunmen stays violence against civilians
    assert types(kb, "شهدت بلدة سراقب في ريف إدلب أمس مجزرة نفذها مسلحون مجهولون راح ضحيتها 12 مدنيا.") == [
        ("Violence against civilians", "Attack")]


def test_aircraft_supporting_a_ground_force_leave_its_fight_a_battle(kb):
    # (rule air_support) the killing is the ground force's, with the aircraft as its support
    assert types(kb, "تمكنت قوة أمنية بمساندة الطيران العسكري من قتل 19 مسلحا من داعش في ناحية قره تبه أمس.") == [
        ("Battles", "Armed clash")]
    # a fight word that types the act keeps it a battle though aircraft are its doer's
    assert types(kb, "دارت اشتباكات عنيفة بين طيران النظام ومقاتلي المعارضة في بلدة الزبداني أمس.") == [
        ("Battles", "Armed clash")]


def test_an_arrest_for_a_bombing_is_an_arrest_and_the_bombing_its_own_act(kb):
    # rule charged_act: the act named right after "المتورطين" is what the arrest is about
    got = types(kb, "أعلنت الشرطة أمس اعتقال المتورطين بالتفجير الذي استهدف سوقا في مدينة الحلة السبت.")
    assert ("Strategic developments", "Arrests") in got, got
    # the bombing told alone stays the bombing
    assert types(kb, "قتل 12 شخصا أمس في تفجير سيارة مفخخة في سوق بمدينة الحلة.") == [
        ("Explosions/Remote violence", "Remote explosive/landmine/IED")]


def test_an_assault_with_small_arms_and_shells_on_troops_is_a_clash(kb):
    text = ("شن مسلحون من داعش هجوما استهدف تجمعا لقوات الجيش العراقي في ناحية الكرمة أمس استخدمت فيه أسلحة "
            "متوسطة فضلا عن قذائف، ما أسفر عن مقتل جنديين.")
    assert types(kb, text) == [("Battles", "Armed clash")]
    # shells alone on the troops are shelling
    assert types(kb, "سقطت قذائف أطلقها مسلحو داعش على تجمع لقوات الجيش العراقي في ناحية الكرمة أمس ما أسفر عن "
                     "مقتل جنديين.") == [("Explosions/Remote violence", "Shelling/artillery/missile attack")]


def test_a_demonstration_whose_crowd_fought_is_a_riot(kb):
    # rule crowd_fought
    assert types(kb, "اضطرت الشرطة أمس لتفريق متظاهرين في مدينة البصرة بعد وقوع صدامات.") == [
        ("Riots", "Violent demonstration")]
    # rule fight_feared: violence only feared leaves the protest peaceful
    assert types(kb, "تظاهر المئات أمس في مدينة البصرة وانتشرت قوات الأمن تحسبا لأي أعمال عنف.") == [
        ("Protests", "Peaceful protest")]


def test_a_report_that_tells_with_what_the_attack_was_made_types_it(kb):
    text = ("أصيب سبعة أشخاص بينهم خمسة من رجال الشرطة في هجوم مسلح استهدف مركزا للأمن في مدينة إسطنبول أمس. "
            "وأوضحت مصادر أمنية أن مسلحين استخدموا القنابل في الهجوم على المركز.")
    assert types(kb, text) == [("Explosions/Remote violence", "Remote explosive/landmine/IED")]


def test_an_act_told_after_a_word_of_sequence_does_not_type_the_act_reported(kb):
    # rule detect.sequel: the generic attack after "بعد" is an earlier act; the shelling is what the clause reports
    assert types(kb, "تعرضت بلدة الحراك لقصف عنيف بالبراميل المتفجرة أمس بعد هجوم شنته فصائل المعارضة.") == [
        ("Explosions/Remote violence", "Air/drone strike")]
    # "عن بعد" is "remotely", not "after"
    assert ("Explosions/Remote violence", "Remote explosive/landmine/IED") in types(
        kb, "فجر مسلحون عبوة ناسفة عن بعد بسيارة مدنية في بلدة المقدادية أمس.")


def test_a_demonstration_whose_crowd_burns_and_attacks_is_a_riot(kb):
    # the generic attack word would outrank the protest (a battle); a crowd's violence makes it a riot
    assert types(kb, "خرج الأهالي في مظاهرة في مدينة الناصرية أمس وتم خلالها حرق مبنى البلدية والاعتداء على "
                     "موظفيها.") == [("Riots", "Violent demonstration")]
    # a state force as the doer is not the crowd's violence
    assert ("Riots", "Violent demonstration") not in types(
        kb, "اعتدت قوات الأمن بالضرب على مظاهرة سلمية في مدينة الناصرية أمس.")


def test_the_object_of_a_generic_attack_decides_civilians_or_battle(kb):
    # rule attack_object: a civilian site or person after "على" makes the attack one on civilians
    # (dated: "جرحى في هجوم مسلح" is no count of one, so an undated headline with no figure is not concrete)
    assert types(kb, "قتلى وجرحى في هجوم مسلح على كنيسة في ولاية كادونا شمال نيجيريا أمس.") == [
        ("Violence against civilians", "Attack")]
    assert types(kb, "مسلحون يطلقون النار على صاحب مطعم في مدينة الميادين ويردونه قتيلا.") == [
        ("Violence against civilians", "Attack")]
    # a military site stays a battle
    assert types(kb, "مسلحون يطلقون النار على حاجز عسكري في مدينة الميادين.") == [("Battles", "Armed clash")]
    # rule undergoer: the subject of "تعرض" is whom the act hit
    assert types(kb, "تعرض مصور صحيفة محلية لإطلاق نار في مدينة صيدا مساء أمس ما أدى لإصابته بجروح.") == [
        ("Violence against civilians", "Attack")]


def test_the_states_forces_fighting_unarmed_people_is_a_riot_not_a_battle(kb):
    # a civilian on the other side ("الشاب"), or a fight with bare hands or stones, and no armed group named
    assert types(kb, "أصيب الشاب أحمد برصاص الجيش في الساق خلال مواجهات اندلعت مع قوات الجيش في مدينة الخليل.") == [
        ("Riots", "Violent demonstration")]
    assert types(kb, "اندلعت اشتباكات بالأيدي بين الأهالي وقوات الشرطة في مدينة البصرة أمس.") == [
        ("Riots", "Violent demonstration")]
    # an armed side named makes it a battle; so does the police fighting the army
    assert types(kb, "اندلعت اشتباكات بين مسلحين وقوات الشرطة في مدينة البصرة أمس.") == [("Battles", "Armed clash")]
    assert types(kb, "تجددت الاشتباكات بين الشرطة والجيش في مدينة دنقلا أمس.") == [("Battles", "Armed clash")]
    # the speaker of a report is no side of the fight (rule reported_speech)
    assert types(kb, "وقال الناشط أبو أحمد لوكالة محلية إن الاشتباكات مع قوات النظام أسفرت عن مقتل 20 في بلدة "
                     "جسر الشغور.") == [("Battles", "Armed clash")]


def test_at_dawn_is_no_detonation(kb):
    # the adverb فجراً ("at dawn") folds to the dual past of فجّر ("they two detonated"); in the corpus it is
    # always the adverb, so the arrest it dates is the act
    assert types(kb, "اعتقلت قوات الاحتلال 15 فلسطينياً فجراً في أنحاء متفرقة من الضفة الغربية.") == [
        ("Strategic developments", "Arrests")]


def test_a_bare_killing_takes_the_tactic_of_a_merged_report_that_tells_how_the_attack_was_made(kb):
    # The kill verb says only that someone died; the next sentence, the same act, tells how it was made.
    text = ("أعلنت الشرطة اليوم الأحد أن ضابطا كبيرا في الجيش قتل في حي المنصور بالعاصمة بغداد. "
            "وقال شهود عيان إن مسلحين هاجموا سيارة الضابط بقذائف صاروخية وقنابل يدوية.")
    assert types(kb, text) == [("Explosions/Remote violence", "Shelling/artillery/missile attack")]


def test_people_killed_in_a_clash_with_fighters_named_by_a_generic_word_are_its_casualties(kb):
    # "مقاتلين" names armed men though it stands for no known group: two armed sides fought, and the persons the
    # toll counts are the battle's dead, not the target of an attack on civilians (ACLED)
    assert types(kb, "وقال الوزير للصحفيين بعد يوم من مقتل خمسة أشخاص في اشتباكات بين قوات الأمن ومقاتلين في جنوب شرق تركيا.") == [
        ("Battles", "Armed clash")]
    # townspeople who fought the armed men with no armed man but the doer named are still its target
    assert types(kb, "اندلعت اشتباكات أمس بين مواطنين ومسلحي داعش في مدينة الموصل فقتل المسلحون اثنين منهم.") == [
        ("Violence against civilians", "Attack")]


def test_persons_counted_in_an_attack_on_a_force_are_its_casualties(kb):
    # "أشخاص" says only how many were hit: the attack's own object (a police post, the security forces) says whom
    # it was aimed at, so it is a battle with that force, not an attack on civilians
    assert types(kb, "قتل ستة أشخاص أمس في هجوم شنه مسلحون على مخفر للشرطة قرب مدينة العريش.") == [
        ("Battles", "Armed clash")]
    assert types(kb, "قتل أربعة أشخاص أمس في هجمات شنها متمردون على قوات الأمن في ولاية ديار بكر.") == [
        ("Battles", "Armed clash")]
    # an object where civilians are leaves them civilians
    assert types(kb, "قتل ستة أشخاص أمس في هجوم شنه مسلحون على سوق شعبي قرب مدينة العريش.") == [
        ("Violence against civilians", "Attack")]


def test_a_force_before_an_active_killing_verb_with_a_person_as_its_object_is_the_doer(kb):
    # "X قتل شابا": the accusative victim noun after the verb makes it active, so X did it (not "X was killed")
    got = [(e.event_type, e.actor1) for e in process(Article(
        text="قالت مصادر طبية إن قوات الاحتلال قتلت شابا فلسطينيا قرب مدينة نابلس أمس.", published=PUB), kb,
        decide="rules").events]
    assert got == [("Violence against civilians", "Military Forces of Israel")], got
