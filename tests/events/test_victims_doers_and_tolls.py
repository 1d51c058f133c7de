"""Who was hit and how many: victims counted in the act's own clause, plurals in construct (sentences written for
the tests, none from the gold sets)."""

from __future__ import annotations

from datetime import date

from rasd.events import tolls
from rasd.model import Article
from rasd.pipeline import process

PUB = date(2015, 7, 27)


def events(kb, text: str):
    return process(Article(text=text, published=PUB), kb, decide="rules").events


def test_a_plural_in_construct_is_a_plural_victim_noun():
    # "سائقي الشاحنات": the -ين plural without its ن before the noun it is joined to
    assert tolls.victim_kind("سايقي") == "civilian"
    assert tolls.victim_kind("مقاتلي") == "armed"
    assert tolls._is_plural_victim("مقاتلي")
    # a singular nisba is no construct plural
    assert not tolls._is_plural_victim("جندي")


def test_victims_counted_in_the_clause_are_the_target_not_an_actor_named_after_it(kb):
    (ev,) = events(kb, "وأعدم تنظيم داعش أمس أربعة من سائقي الشاحنات وسط بلدة الشرقاط بتهمة نقل الوقود لصالح "
                       "القوات الأمنية العراقية.")
    assert (ev.actor1, ev.actor2, ev.fatalities) == ("Islamic State", "Civilians (Iraq)", 4)


def test_a_death_word_before_a_phrase_counts_no_one(kb):
    # "جرحى في هجوم مسلح": "مسلح" is the attack's adjective inside a phrase, not one wounded gunman
    (ev,) = events(kb, "قتلى وجرحى في هجوم مسلح على مقهى في مدينة كركوك أمس.")
    assert (ev.fatalities, ev.injured) == (0, None)


def test_the_arab_coalition_is_the_saudi_led_coalition_and_its_strikes_are_its_own(kb):
    # "الغارات الجوية لطيران التحالف العربي": a definite noun, its definite adjective, then ل and the doer
    (ev,) = events(kb, "وأفاد شهود بأن الغارات الجوية لطيران التحالف العربي ضربت أمس مخازن لميليشيات الحوثي في "
                       "مدينة ذمار.")
    assert (ev.sub_event_type, ev.actor1, ev.actor2) == (
        "Air/drone strike", "Saudi-led Coalition", "Ansar Allah: Houthi Movement")


def test_central_security_is_the_police_of_the_country_it_is_named_in(kb):
    # "الأمن المركزي" is a force of Egypt and of Yemen alike: a generic police agent, not Egypt's by name
    # (a camp taken by an armed group: a government affiliate's taking makes the state's forces its own side)
    (ev,) = events(kb, "وسيطر مسلحو تنظيم القاعدة أمس على معسكر الأمن المركزي في مدينة الضالع بعد معارك عنيفة.")
    assert ev.actor2 == "Police Forces of Yemen"


def test_sites_a_pronoun_owns_are_the_group_named_before(kb):
    # "مخابئ تابعة له": the group of the sentence before the act, not the state of the place
    (ev,) = events(kb, "وفي إطار العمليات ضد حزب العمال الكردستاني، قصفت المقاتلات التركية أمس "
                       "مخابئ تابعة له في جبال قنديل.")
    assert (ev.actor1, ev.actor2) == ("Military Forces of Turkey", "PKK: Kurdistan Workers Party")
    # with no group named before, a pronoun-owned site names no target (and is not taken for the state's)
    (ev,) = events(kb, "وقصفت المقاتلات التركية أمس مخابئ تابعة له في جبال قنديل.")
    assert ev.actor2 != "Military Forces of Iraq"


def test_who_met_his_death_is_one_dead_however_long_the_subject(kb):
    # "لقي X، المقاتل في صفوف التنظيم، مصرعه": the singular pronoun on the death word counts one
    (ev,) = events(kb, "لقي الشاب خالد عمر، وهو من أبناء مدينة حماة، مصرعه أمس برصاص قناص خلال المعارك الدائرة "
                       "في بلدة مورك.")
    assert ev.fatalities == 1
    # the dual pronoun counts two
    assert tolls._MET_DEATH.search("لقي حارس وسائق الحافله مصرعهما").group("pronoun") == "هما"
    # a full stop between the verb and the death word: another sentence, no count
    assert tolls._MET_DEATH.search("لقي ترحيبا. وكان مصرعه") is None


def test_strikes_on_villages_and_neighbourhoods_hit_civilians(kb):
    # the object of the strike is a populated place: its people are the target (list civilian_sites)
    (ev,) = events(kb, "وشنت طائرات النظام السوري أمس غارات على قرى سهل الغاب في ريف حماة.")
    assert (ev.sub_event_type, ev.actor2) == ("Air/drone strike", "Civilians (Syria)")


def test_a_generic_agent_before_a_quoted_group_name_is_that_group(kb):
    # "مسلحي «داعش»", "مسلحي (داعش)": the quote or bracket around the name does not part it from its fighters
    for quoted in ("«داعش»", "(داعش)"):
        (ev,) = events(kb, f"ودارت أمس مواجهات بين أهالي بلدة الحويجة ومسلحي {quoted} قرب سوق البلدة.")
        assert ev.actor1 == "Islamic State"
    # a full stop between is no such name
    evs = events(kb, "ودارت أمس مواجهات بين أهالي بلدة الحويجة ومسلحين. «داعش» يسيطر على البلدة منذ عام.")
    assert all(e.actor1 != "Islamic State" or e.event_type != "Violence against civilians" for e in evs)


def test_who_accuses_denies_or_warns_is_no_party_to_the_act(kb):
    from rasd.events import arguments

    assert arguments._STANCE_SUBJECT.search("وقد اتهم")
    assert arguments._STANCE_SUBJECT.search("الا ان نفت")
    # who demands may be protesting: not in the list
    assert not arguments._STANCE_SUBJECT.search("وفي المدينه طالب")


def test_an_adjective_of_origin_between_the_victim_and_the_passive_verb(kb):
    # "إن شرطيا عراقيا قتل": the indefinite noun before its nisba adjective is the one killed
    (ev,) = events(kb, "وقال مصدر أمني إن شرطيا عراقيا قتل وأصيب ثلاثة آخرون في هجوم مسلح على حاجز قرب تكريت "
                       "أمس.")
    assert (ev.fatalities, ev.injured) == (1, 3)


def test_the_wounded_told_before_after_that_an_act_followed_are_that_acts(kb):
    # "وأصيب X بعد أن فجر مسلحون ... عبوة": the clause before "بعد أن" counts the act's wounded (rule
    # result_before_cause), however long the doer between the cause word and the act's trigger
    evs = [e for e in events(kb, "وأصيب خمسة جنود بعد أن فجر مسلحون يعتقد أنهم ينتمون إلى تنظيم داعش عبوة ناسفة "
                                 "قرب دورية عسكرية في قضاء الطارمية شمال بغداد.") if e.event_type != "Battles"]
    assert [e.injured for e in evs] == [5]


def test_each_figure_of_its_own_place_counts_for_that_places_event(kb):
    # "أربعة شهداء ... بقرية سرجة، وشهيدين بقرية بليون، وخمسة شهداء بقرية جوزف": each village's dead are its own
    # act's; the event placed at Jozef counts its five, not the fourteen of the clause (nor the wounded elsewhere)
    evs = events(kb, "وقال ناشطون إن طائرات النظام قصفت بلدات ريف إدلب الجنوبي أمس، وخلف القصف أربعة شهداء وعشرة "
                     "جرحى بقرية سرجة، وشهيدين بقرية بليون، وخمسة شهداء بقرية جوزف، إضافة لثلاثة شهداء وعشرات الجرحى "
                     "بقرية مرعيان.")
    assert [(e.location, e.fatalities, e.injured) for e in evs] == [("Jozef", 5, None)]


def test_a_dual_death_word_with_its_conjunction_is_its_own_count(kb):
    # "وقتيلين": the و is the dual's own clitic; the figure after it ("وسبعة قتلى") is another place's
    evs = events(kb, "وقال ناشط من ريف إدلب إن طائرات حربية شنت غارات على قرى جبل الزاوية، مخلفة أربعة قتلى وستة "
                     "جرحى بقرية البارة، وقتيلين بقرية كنصفرة، وسبعة قتلى بقرية جوزف.")
    assert [(e.location, e.fatalities) for e in evs] == [("Al-Bara", 4), ("Kansafra", 2), ("Jozef", 7)]


def test_the_doer_named_after_an_active_kill_verb_is_no_victim_the_count_after_it_is_the_toll(kb):
    # "قتل مسلح مجهول ثلاثة أشخاص": the gunman did it; the three are the dead (list doer_nouns)
    (ev,) = events(kb, "قتل مسلح مجهول ثلاثة أشخاص في هجوم على مقهى في بعقوبة أمس.")
    assert ev.fatalities == 3
    # with no count after it the gunman is the one killed
    (ev,) = events(kb, "قتل مسلح في اشتباك مع الشرطة في بعقوبة أمس.")
    assert ev.fatalities == 1


def test_kin_named_by_a_pronoun_is_one_person_killed(kb):
    # "قتل خاله العقيد X": the uncle is one person (victims.yaml, kin with their pronoun)
    assert tolls.victim_kind("خاله") == "civilian"
    (ev,) = events(kb, "أقدم شاب على قتل والده بإطلاق النار عليه في منزلهما بمدينة الطائف أمس.")
    assert ev.fatalities == 1


def test_one_count_of_the_dead_and_wounded_together_is_neither_toll(kb):
    # "مقتل وإصابة 20 شخصا": casualties, no count of the wounded alone (rule others_after)
    (ev,) = events(kb, "أسفر انفجار سيارة مفخخة في سوق شعبي ببغداد أمس عن مقتل وإصابة 20 شخصا.")
    assert (ev.fatalities, ev.injured) == (0, None)
    # "وإصابة 20 آخرين": others than the dead, their own count
    (ev,) = events(kb, "أسفر انفجار سيارة مفخخة في سوق شعبي ببغداد أمس عن مقتل شخص وإصابة 20 آخرين.")
    assert (ev.fatalities, ev.injured) == (1, 20)
