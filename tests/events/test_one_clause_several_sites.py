"""One clause, several acts (issue 14, Build 1): an event mention per place a clause tells its act at, each with its
own act words and toll; ACLED precedence inside one place only (rasd/events/split.py). Sentences written for the
tests, none from the gold sets."""

from __future__ import annotations

from datetime import date

from rasd.model import Article
from rasd.pipeline import process

PUB = date(2015, 7, 27)


def events(kb, text: str) -> list[tuple[str, str | None, int | None]]:
    """(sub-event type, country, location, fatalities) of every event of `text`, sorted by location."""
    evs = process(Article(text=text, published=PUB), kb, decide="rules").events
    return sorted(((e.sub_event_type, e.country, e.location, e.fatalities) for e in evs), key=lambda e: str(e[2]))


def test_two_acts_each_at_its_own_town_are_two_events_each_typed_by_its_own_word(kb):
    got = events(kb, "وقتل ثلاثة جنود أمس في انفجار عبوة ناسفة بمدينة الرمادي واشتباك مسلح في مدينة بيجي.")
    assert [(s, loc) for s, _, loc, _ in got] == [("Armed clash", "Bayji"),
                                                  ("Remote explosive/landmine/IED", "Ramadi")], got
    # the toll told once for the clause stays with the first act
    assert [f for *_, f in got] == [0, 3], got  # (the output writes an untold toll as 0)


def test_one_act_at_places_of_two_countries_is_an_event_in_each(kb):
    got = events(kb, "وقصفت الطائرات التركية أمس بغارات مخازن أسلحة للمتمردين في العراق ومعسكرا للتنظيم في "
                     "سوريا.")
    assert sorted(c for _, c, _, _ in got) == ["Iraq", "Syria"], got
    assert {s for s, *_ in got} == {"Air/drone strike"}, got


def test_a_toll_list_with_a_town_per_item_gives_each_town_its_own_toll(kb):
    got = events(kb, "وشن الطيران الحربي أمس غارات على ريف حلب، مخلفا أربعة قتلى في مدينة الباب، وسبعة قتلى في "
                     "مدينة منبج.")
    assert [(loc, f) for _, _, loc, f in got] == [("Al Bab", 4), ("Manbij", 7)], got
    assert {s for s, *_ in got} == {"Air/drone strike"}, got


def test_the_town_a_place_lies_in_is_no_other_site(kb):
    # "عاصمة محافظة الأنبار" and a second mention of the same town name one site: one event
    got = events(kb, "وانفجرت سيارة مفخخة أمس في مدينة الرمادي عاصمة محافظة الأنبار ما أدى إلى مقتل خمسة مدنيين.")
    assert len(got) == 1, got


def test_the_hospital_the_wounded_were_taken_to_is_no_site(kb):
    got = events(kb, "وأصيب أربعة مدنيين أمس في قصف على بلدة الضلوعية، ونقلوا إلى مستشفى في مدينة سامراء.")
    assert len(got) == 1, got


def test_an_undated_summary_over_two_countries_stays_one(kb):
    # no day and no toll of its own: a campaign told in summary, not two acts reported
    got = events(kb, "وتواصل الطائرات التركية غاراتها على المتمردين في سوريا ومخازن المسلحين في شمال العراق.")
    assert len(got) <= 1, got


def test_districts_each_opening_its_own_phrase_are_sites_after_a_part_told_in_the_country(kb):
    # the first part is placed only in the country: the provinces and districts joined after it by "و" + a unit word
    # ("ومديرية", "بمحافظة") are each a site of the strikes
    got = events(kb, "وشنت طائرات التحالف أمس الجمعة غارات جوية على معسكر للمتمردين وسط اليمن، ومواقع "
                     "أخرى في جبل بمحافظة عمران ومديرية حيس بمحافظة الحديدة ومديرية ميدي التابعة لمحافظة حجة.")
    assert {"Amran", "Hays", "Midi"} <= {loc for _, _, loc, _ in got}, got
    assert {s for s, *_ in got} == {"Air/drone strike"}, got


def test_a_clause_told_at_a_district_of_a_later_part_is_told_at_each_site(kb):
    # the most precise place of the clause (the district Hays) lies in a later part; the first part's province is
    # still a site of its own, as are the others
    got = events(kb, "وشنت طائرات التحالف أمس الجمعة غارات جوية على معسكر للمتمردين في محافظة إب وسط اليمن، ومواقع "
                     "أخرى في جبل بمحافظة عمران ومديرية حيس بمحافظة الحديدة ومديرية ميدي التابعة لمحافظة حجة.")
    assert {"Ibb", "Amran", "Hays", "Midi"} <= {loc for _, _, loc, _ in got}, got


def test_a_place_named_in_a_report_verbs_phrase_is_no_site(kb):
    # "وأوضح ضابط يعمل في مدينة ب": who tells of the act and where he works, not a second act
    got = events(kb, "وقتل شرطيان أمس في هجوم على حاجز في مدينة الرمادي، وأوضح ضابط يعمل في مدينة الفلوجة أن "
                     "المهاجمين فروا.")
    assert [loc for _, _, loc, _ in got] == ["Ramadi"], got


STRIKES = "وشنت طائرات التحالف أمس السبت 12 غارة جوية على مواقع لتنظيم داعش قرب مدينة الحسكة. "


def test_a_back_reference_told_at_a_list_of_towns_is_the_act_at_each_town(kb):
    # "الهجمات" points back to the strikes, at towns of its own: an air strike each, not folded into Hasakah
    got = events(kb, STRIKES + "وقال بيان للتحالف إن الهجمات استهدفت أيضا أهدافا للتنظيم قرب حلب والرقة ودير الزور.")
    assert [(s, loc) for s, _, loc, _ in got] == [("Air/drone strike", town) for town in (
        "Al Hasakah", "Aleppo", "Ar Raqqah", "Deir ez-Zor")], got


def test_a_list_of_towns_after_the_clause_end_is_read_in_its_sentence(kb):
    # the clause ends before "بالإضافة إلى": the towns after it are still the act's list
    got = events(kb, STRIKES + "واستهدفت الهجمات أيضا وحدات تكتيكية بالإضافة إلى أهداف للتنظيم قرب حلب والرقة ودير "
                               "الزور.")
    assert {loc for _, _, loc, _ in got} == {"Al Hasakah", "Aleppo", "Ar Raqqah", "Deir ez-Zor"}, got


def test_a_listed_back_reference_takes_no_act_of_another_kind(kb):
    # (guard) "الاشتباكات" at three Libyan towns is no mention of an assassination attempt told before in Tunis
    got = events(kb, "نجا وزير الداخلية الليبي أمس من محاولة اغتيال في تونس. وأعربت البعثة الأممية عن قلقها إزاء "
                     "تجدد الاشتباكات أمس في مدن سبها والكفرة وأوباري.")
    assert {s for s, c, _, _ in got if c == "Libya"} == {"Armed clash"}, got


def test_acts_counted_as_several_at_two_towns_are_an_event_at_each(kb):
    # "سيارتين": the text counts two blasts, told at two towns joined by "و": an event per town, the toll once
    got = events(kb, "وقتل عشرة مدنيين أمس في انفجار سيارتين مفخختين في مدينة الخالص والمقدادية شمال شرقي بعقوبة.")
    assert [(s, loc, f) for s, _, loc, f in got] == [("Remote explosive/landmine/IED", "Al Khalis", 10),
                                                     ("Remote explosive/landmine/IED", "Al Miqdadiyah", 0)], got


def test_one_act_at_two_towns_stays_one_event(kb):
    # (guard) one act, uncounted, at two towns named together: one event over their area, as before
    got = events(kb, "وقتل عشرة مدنيين أمس في انفجار سيارة مفخخة في مدينة الخالص والمقدادية شمال شرقي بعقوبة.")
    assert len(got) == 1, got


def test_two_names_side_by_side_are_no_pair_of_sites(kb):
    # (guard) "منطقة أغري بايزيد": a town told by its district, no "و" between them: one event
    got = events(kb, "وقتل ثلاثة جنود أتراك أمس في هجومين على معسكر للجيش في منطقة أغري بايزيد شرقي تركيا.")
    assert len(got) == 1, got


def test_the_two_ends_of_a_road_are_no_pair_of_sites(kb):
    # (guard) shelling counted as several, on the road between two towns: one event there, not one per town
    got = events(kb, "وقصف الطيران المروحي أمس بأربعة براميل متفجرة مناطق في الطريق الواصلة بين بلدتي المسيفرة وأم "
                     "ولد بريف درعا، وسط قصف مدفعي على قرية أم ولد.")
    assert [loc for _, _, loc, _ in got] == ["Al Musayfirah"], got


def test_a_new_target_near_a_town_of_its_own_is_a_site_of_its_own(kb):
    # "وحقول ألغام قريبة من مدينة ب": a new object before its own "near" phrase (rule coordinated_site)
    got = events(kb, "وقالت القيادة إن الضربات أصابت أمس وحدات تكتيكية قرب مدينة الحسكة وحقول ألغام قريبة من مدينة "
                     "الرقة.")
    assert [loc for _, _, loc, _ in got] == ["Al Hasakah", "Ar Raqqah"], got
    assert {s for s, *_ in got} == {"Air/drone strike"}, got


def test_a_bracketed_second_name_does_not_hide_the_join_after_it(kb):
    # "وعين العرب ( كوباني ) وحقول ألغام قريبة من مدينة الرقة": the brackets say nothing of how the places join
    got = events(kb, "وقالت القيادة إن الضربات أصابت أمس وحدات تكتيكية بالقرب من مدن حلب والحسكة وعين العرب "
                     "( كوباني ) وحقول ألغام قريبة من مدينة الرقة.")
    assert [loc for _, _, loc, _ in got] == ["Al Hasakah", "Aleppo", "Ar Raqqah", "Ayn al Arab"], got


def test_a_town_told_by_the_city_it_lies_near_stays_one_site(kb):
    # (guard) "بلدة أ القريبة من مدينة ب": the town told by the city near it, no new object joined by "و"
    got = events(kb, "وقصفت الطائرات أمس مواقع للتنظيم في بلدة الكرمة القريبة من مدينة الفلوجة.")
    assert len(got) == 1, got


def test_another_act_opened_by_kadhalik_after_a_comma_is_an_event_of_its_own(kb):
    # ", كذلك" opens another act of the sentence at another town (rule clause of context.yaml)
    got = events(kb, "وقصفت قوات النظام أمس مناطق في مدينة القصير بريف حمص، دون أنباء عن إصابات، كذلك استهدفت "
                     "الفصائل المقاتلة بقذائف الهاون تمركزات لقوات النظام في مدينة الرستن.")
    assert [(s, loc) for s, _, loc, _ in got] == [("Shelling/artillery/missile attack", "Al Qusayr"),
                                                  ("Shelling/artillery/missile attack", "Ar Rastan")], got


def test_kadhalik_told_inside_a_clause_opens_none(kb):
    # (guard) "وأصيب كذلك": an adverb inside the clause, not another act
    got = events(kb, "وقتل جنديان أمس في هجوم على حاجز للجيش في مدينة الرمادي وأصيب كذلك ثلاثة آخرون.")
    assert len(got) == 1, got


def test_a_definite_act_word_told_beside_the_act_at_another_town_is_another_act(kb):
    # "فيما تعرضت مناطق في بلدة ب لقصف بالبراميل": the definite noun opens with "فيما" at a town of its own:
    # another act (ACLED: an event per place), not a back-reference to the strike on the first town
    got = events(kb, "وقصف الطيران المروحي أمس بالبراميل المتفجرة مناطق في مدينة القصير، فيما تعرضت مناطق في "
                     "مدينة الرستن بريف حمص الشمالي لقصف بالبراميل المتفجرة.")
    assert [loc for _, _, loc, _ in got] == ["Al Qusayr", "Ar Rastan"], got


def test_a_definite_act_word_in_the_town_already_told_still_refers_back(kb):
    # (guard) "فيما تعرضت مناطق أخرى في المدينة لقصف": the town just told, no town of its own: one event
    got = events(kb, "وقصف الطيران المروحي أمس بالبراميل المتفجرة مناطق في مدينة القصير، فيما تعرضت مناطق أخرى في "
                     "المدينة لقصف بالبراميل المتفجرة.")
    assert len(got) == 1, got
