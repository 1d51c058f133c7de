"""How a linked event's fields are chosen from its mentions (issue 14: place, date and toll from the most specific
mention; rasd.events.merge.choose_fields and rules/merge.yaml field_policy). Each test is a sentence pair written
for it (none is from an eval set), run with the rules deciding and the learned pair model off, so that the policy
of rasd.events.merge is what is tested."""

from __future__ import annotations

from datetime import date

import pytest

from rasd.errors import KBError
from rasd.events import merge, pair_model
from rasd.events.locate import Location
from rasd.kb.rules import load_rules
from rasd.model import Article
from rasd.pipeline import process

PUB = date(2015, 7, 27)


def events(kb, text: str):
    with pair_model.use_model(None):
        return process(Article(text=text, published=PUB), kb, decide="rules").events


def test_a_district_beats_the_city_named_like_its_province(kb):
    # Both are towns (precision 1); "بغداد" may be the city or the province, "حي الدورة" is one place inside it.
    evs = events(kb, "انفجرت قنبلة في بغداد أمس. وقالت الشرطة إن القنبلة انفجرت في حي الدورة وأصابت ثلاثة أشخاص.")
    assert len(evs) == 1
    assert evs[0].location == "Al-Dora" and evs[0].evidence["location"].text == "حي الدورة"


def test_a_province_beats_the_country(kb):
    evs = events(kb, "أصيب شرطي بانفجار قنبلة في البحرين مساء أمس. وقالت وزارة الداخلية إن الانفجار وقع في محافظة "
                     "المحرق.")
    assert len(evs) == 1
    assert evs[0].admin1 == "Muharraq" and evs[0].evidence["location"].text == "محافظة المحرق"


@pytest.mark.parametrize("text", [
    "اندلعت مواجهات مسلحة في مدينة مأرب أمس. وقال مصدر إن المواجهات العنيفة دارت في محيط مدينة مأرب وقتل فيها خمسة "
    "مسلحين.",
    "قال مصدر إن مواجهات عنيفة دارت أمس في محيط مدينة مأرب. وأضاف أن المواجهات المسلحة في مدينة مأرب أسفرت عن مقتل "
    "خمسة مسلحين.",
])
def test_one_place_told_near_in_one_report_is_near_whichever_report_carries(kb, text):
    # One town, bare in one report (ACLED 1) and "في محيط" in the other (2): the report that says how the act stood
    # to the town holds, whichever report comes first.
    evs = events(kb, text)
    assert len(evs) == 1
    assert evs[0].location == "Ma'rib" and evs[0].geo_precision == 2
    assert evs[0].evidence["location"].text == "محيط مدينة مأرب"


def test_a_part_of_the_victims_told_in_the_next_sentence_is_not_the_toll(kb):
    # "مقتل امرأتين" counts some of the nine, in a sentence that names no place of its own: the report's nine stand.
    evs = events(kb, "قتل تسعة مدنيين أمس في غارة جوية على قرية في ريف الموصل. وأسفرت الغارة عن مقتل امرأتين.")
    assert len(evs) == 1
    assert evs[0].fatalities == 9 and evs[0].evidence["fatalities"].text == "قتل تسعة مدنيين"


def test_the_finer_report_gives_its_own_toll_over_a_summary_of_several_acts(kb):
    # The lead sums up several bombings across the country; the report placed in a town tells one act's toll.
    evs = events(kb, "أسفرت تفجيرات في العراق أمس عن مقتل 20 شخصا. وفي أعنف الهجمات انفجرت سيارة مفخخة في سوق "
                     "بمدينة الحلة ما أدى إلى مقتل ثمانية أشخاص.")
    assert len(evs) == 1
    assert evs[0].location == "Al Hillah" and evs[0].fatalities == 8
    assert evs[0].evidence["fatalities"].text == "مقتل ثمانية أشخاص"


@pytest.mark.parametrize("text", [
    "انفجرت سيارة مفخخة في مدينة كركوك صباح أمس ما أدى إلى سقوط عدد من القتلى. وقال مسؤول إن الانفجار أسفر عن مقتل "
    "10 أشخاص.",
    "قال مسؤول إن انفجار سيارة مفخخة في مدينة كركوك صباح أمس أسفر عن مقتل 10 أشخاص. وقالت الشرطة إن الانفجار في "
    "مدينة كركوك أدى إلى سقوط عدد من القتلى.",
])
def test_a_count_beats_words_for_the_toll_whichever_is_lower_or_first(kb, text):
    # "عدد من القتلى" is ACLED's 3 for words, no figure: the report that counts the dead gives the toll, even when it
    # is the higher number (the lowest credible figure is the lowest count).
    evs = events(kb, text)
    assert len(evs) == 1
    assert evs[0].fatalities == 10 and evs[0].evidence["fatalities"].text == "مقتل 10 أشخاص"


def test_a_count_of_other_victims_in_the_same_sentence_is_no_count_of_the_words(kb):
    # "فيما قتل 3 من قوات المعارضة" counts the other side's dead, not the "dozens" of the regime's.
    evs = events(kb, "اندلعت أمس اشتباكات بين قوات المعارضة وقوات النظام في محيط بلدة مورك بريف حماة أسفرت عن "
                     "مقتل العشرات من عناصر النظام، فيما قتل 3 من قوات المعارضة.")
    assert len(evs) == 1
    assert evs[0].fatalities == 12


def test_words_for_the_toll_stand_when_no_report_counts(kb):
    evs = events(kb, "انفجرت سيارة مفخخة في مدينة كركوك صباح أمس ما أدى إلى سقوط عدد من القتلى. وقال مسؤول إن "
                     "الانفجار وقع قرب سوق شعبية في مدينة كركوك.")
    assert len(evs) == 1
    assert evs[0].fatalities == 3


def test_a_toll_told_only_in_the_linked_report_fills_the_empty_toll(kb):
    evs = events(kb, "انفجرت سيارة مفخخة في مدينة كركوك صباح أمس. وأسفر الانفجار عن مقتل أربعة أشخاص.")
    assert len(evs) == 1
    assert evs[0].fatalities == 4


def test_a_named_doer_beats_gunmen(kb):
    evs = events(kb, "قتل جندي في هجوم شنه مسلحون على حاجز أمني في مدينة العريش أمس. وقالت مصادر إن عناصر تنظيم "
                     "داعش هاجموا الحاجز في العريش.")
    assert len(evs) == 1
    assert evs[0].actor1 == "Islamic State" and evs[0].evidence["actor1"].text == "تنظيم داعش"


def test_the_report_naming_both_sides_gives_the_pair(kb):
    # The first report names only the dead (foreign soldiers); the second tells who fought whom.
    evs = events(kb, "اندلعت أمس مواجهات عنيفة في مدينة زنجبار قتل فيها جنود إماراتيون. وقال مصدر إن رجال المقاومة "
                     "الشعبية اشتبكوا مع مسلحي الحوثي في زنجبار.")
    assert len(evs) == 1
    assert {evs[0].actor1, evs[0].actor2} == {"Popular Resistance (Yemen)", "Ansar Allah: Houthi Movement"}


def test_place_rank_orders_precision_then_gazetteer_depth_then_area():
    country = Location(country="Iraq", iso3="IRQ", location="Iraq", geo_precision=3)
    province = Location(country="Iraq", iso3="IRQ", admin1="Nineveh", location="Nineveh", geo_precision=3)
    city_like_province = Location(country="Iraq", iso3="IRQ", admin1="Baghdad", location="Baghdad", geo_precision=1)
    district = Location(country="Iraq", iso3="IRQ", admin1="Baghdad", location="Al-Dora", geo_precision=1)
    area = Location(country="Iraq", iso3="IRQ", admin1="Baghdad", location="Abu Ghraib", geo_precision=1, area=True)
    ranked = sorted([country, area, province, city_like_province, district], key=merge.place_rank)
    assert ranked == [district, area, city_like_province, province, country]


def test_every_field_has_a_declared_policy_the_code_knows():
    policy = load_rules("merge").table("field_policy")
    assert set(policy) == {"place", "date", "toll", "actors"}
    assert all(policy[f] in merge._POLICIES[f] for f in policy)


def test_an_unknown_policy_name_is_refused(monkeypatch):
    monkeypatch.setitem(merge.FIELD_POLICY, "toll", "highest")
    with pytest.raises(KBError):
        merge.check_field_policy()


def test_a_recalled_arrest_lends_no_date_to_the_undated_news_one(kb):
    # The second sentence recalls an arrest of the same man years back (rules/merge.yaml recalled): linked to the
    # undated news report, it neither dates it nor stands as an event of its own.
    evs = events(kb, "ألقت قوات الأمن التركية القبض على رجل يشتبه بقيادته خلية تابعة لتنظيم داعش في مدينة أضنة. "
                     "وقالت الشرطة إن الرجل سبق أن اعتقلته السلطات في مداهمة عام 2013 ثم أطلقت سراحه.")
    assert [(e.sub_event_type, e.location) for e in evs] == [("Arrests", "Adana")]
    assert evs[0].event_date.year == 2015


def test_a_recalled_act_a_demonstrative_links_lends_no_date_or_toll(kb):
    # "وهذا الاعتقال ... عام 2013" points back to the news arrest but dates an earlier one: linked by the
    # back-reference, it lends the news report neither its year nor a figure (rules/merge.yaml recalled).
    evs = events(kb, "اعتقلت قوات الأمن التركية رجلا يشتبه بانتمائه لتنظيم داعش في مدينة أضنة. "
                     "وهذا الاعتقال هو الثاني بعد اعتقاله في مدينة أضنة عام 2013.")
    assert [(e.sub_event_type, e.location, e.event_date.year) for e in evs] == [("Arrests", "Adana", 2015)]


def test_a_recalled_attack_lends_the_news_one_no_toll(kb):
    # The second sentence tells an attack on the same checkpoint months back, with its dead: linked to the undated
    # news attack, its 30 dead are not today's (rules/merge.yaml recalled).
    evs = events(kb, "هاجم مسلحون حاجزا للجيش في مدينة العريش. وقال مصدر إن الحاجز تعرض لهجوم في مدينة العريش في "
                     "نوفمبر 2014 قتل فيه 30 جنديا.")
    assert [(e.location, e.event_date.year, e.fatalities) for e in evs] == [("Arish", 2015, 0)]
