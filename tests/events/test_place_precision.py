"""Geo-precision of places ACLED codes at the town level or near it (ACLED 2.3): a quarter of a city, a sub-district
named by itself, an area placed by a town, and every town of one list (sentences written for the tests, none from
the gold sets)."""

from __future__ import annotations

from datetime import date

from rasd.model import Article
from rasd.pipeline import process

PUB = date(2015, 7, 27)


def only_event(kb, text: str):
    evs = process(Article(text=text, published=PUB), kb, decide="rules").events
    assert len(evs) == 1, [(e.event_type, e.location) for e in evs]
    return evs[0]


def placed(kb, text: str) -> list[tuple[str, str | None, int | None]]:
    """(event type, location, geo_precision) of every event of `text`."""
    return [(e.event_type, e.location, e.geo_precision)
            for e in process(Article(text=text, published=PUB), kb, decide="rules").events]


def test_a_quarter_named_with_its_city_is_the_city_district_at_precision_1(kb):
    # The quarter beats the city the direction phrase names ("في غرب بغداد" only says where the quarter is); its
    # name carries its city, as ACLED's "City - District" locations do (scripts/gazetteer_towns.py).
    ev = only_event(kb, "وانفجرت عبوة ناسفة أمس في حي البياع في غرب بغداد ما أدى إلى مقتل ثلاثة مدنيين.")
    assert (ev.location, ev.admin1, ev.geo_precision) == ("Al-Bayaa (Baghdad)", "Baghdad", 1)


def test_a_place_only_south_of_a_city_stays_near_it(kb):
    ev = only_event(kb, "وانفجرت عبوة ناسفة أمس جنوب بغداد ما أدى إلى مقتل ثلاثة مدنيين.")
    assert (ev.location, ev.geo_precision) == ("Baghdad", 2)


def test_a_sub_district_named_by_itself_is_its_seat_town(kb):
    ev = only_event(kb, "وانفجرت سيارة مفخخة أمس في ناحية الضلوعية ما أدى إلى مقتل خمسة مدنيين.")
    assert (ev.location, ev.admin1, ev.geo_precision) == ("Al-Duloeyah", "Salah Al-Din", 1)


def test_an_area_placed_by_the_unit_it_lies_in_is_near_that_unit(kb):
    # "منطقة X بقضاء Y": X is unknown to the gazetteer, so the act is coded to Y as near it (2), like a village.
    ev = only_event(kb, "وانفجرت عبوة ناسفة أمس في منطقة الصباحية بناحية الضلوعية ما أدى إلى مقتل مدنيين اثنين.")
    assert (ev.location, ev.geo_precision) == ("Al-Duloeyah", 2)


def test_every_town_of_a_list_near_which_strikes_fell_is_near(kb):
    text = "ونفذ التحالف أمس ثماني غارات بالقرب من مدن مخمور والموصل وسنجار وتلعفر واستهدفت وحدات تكتيكية."
    evs = process(Article(text=text, published=PUB), kb, decide="rules").events
    assert {e.location for e in evs} >= {"Mosul", "Tall Afar"}
    assert {e.geo_precision for e in evs} == {2}


def test_an_area_of_a_large_city_is_the_city_district_at_precision_1(kb):
    ev = only_event(kb, "وانفجرت عبوة ناسفة أمس في منطقة الكوثرية بمدينة اسطنبول ما أدى إلى مقتل مدنيين اثنين.")
    assert (ev.location, ev.geo_precision) == ("Istanbul", 1)


def place_with(kb, text: str, words: str) -> tuple[str, int]:
    """(location, geo_precision) of the only event of `text` with `words` put in its slot."""
    ev = only_event(kb, text.format(words))
    return ev.location, ev.geo_precision


def test_a_town_named_as_a_district_is_the_area_around_it(kb):
    text = "واندلعت أمس اشتباكات عنيفة بين المقاومة الشعبية والحوثيين في {} قعطبة أسفرت عن مقتل عشرة مسلحين."
    assert place_with(kb, text, "مديرية") == ("Qatabah", 2)
    assert place_with(kb, text, "مدينة") == ("Qatabah", 1)


def test_a_mountain_area_is_a_general_area_at_precision_2(kb):
    ev = only_event(kb, "وقصفت قوات النظام أمس مواقع المعارضة في جبل الأكراد ما أدى إلى مقتل أربعة مقاتلين.")
    assert (ev.location, ev.geo_precision) == ("Jabal al-Akrad", 2)


def test_two_villages_is_no_town_named_al_qaryatayn(kb):
    ev = only_event(kb, "وسقطت قذائف الهاون أمس على قريتين قرب مدينة إدلب ما أدى إلى مقتل طفلين.")
    assert (ev.location, ev.geo_precision) == ("Idlib", 2)


def test_a_distance_after_a_named_town_says_where_the_town_is(kb):
    ev = only_event(kb, "وقتل ستة جنود أمس في هجوم انتحاري في بلدة الطارمية بوسط البلاد على بعد حوالى 25 كيلومترا "
                        "شمال بغداد.")
    assert ev.location == "At Tarmiyah"
    # With no town before it, the distance places the act off the city (2).
    ev = only_event(kb, "وقتل ستة جنود أمس في هجوم انتحاري على بعد 25 كيلومترا شمال بغداد.")
    assert (ev.location, ev.geo_precision) == ("Baghdad", 2) and ev.latitude > 33.4


def test_an_air_base_outside_a_town_is_coded_near_it(kb):
    ev = only_event(kb, "وقصف تنظيم داعش أمس قاعدة عين الأسد الجوية بعدة صواريخ دون وقوع إصابات.")
    assert (ev.location, ev.geo_precision) == ("Ain al-Asad air base", 2)
    # A shrine in a town is the town itself (1).
    ev = only_event(kb, "وانفجرت سيارة مفخخة أمس عند مرقد السيدة زينب ما أدى إلى مقتل خمسة مدنيين.")
    assert (ev.location, ev.geo_precision) == ("Sayyida Zaynab shrine", 1)


def test_a_site_named_after_a_town_is_near_the_town(kb):
    text = "وفجر تنظيم داعش أمس {}الفلوجة بعبوات ناسفة بعد انسحاب القوات العراقية."
    assert place_with(kb, text, "ملعب ") == ("Al Fallujah", 2)
    assert place_with(kb, text, "مباني في مدينة ") == ("Al Fallujah", 1)


def test_a_checkpoint_by_a_town_is_near_it_but_a_police_car_in_it_is_in_it(kb):
    # A fixed post on the act's object lies on the town's edge (2); a vehicle moves through the town itself (1),
    # and so does a post the text puts "في مدينة X", inside the city.
    post = only_event(kb, "وقتل ثلاثة من رجال الشرطة أمس في هجوم مسلح استهدف نقطة تفتيش بالطارمية.")
    checkpoint = only_event(kb, "وقتل ثلاثة من رجال الشرطة أمس في هجوم مسلح استهدف حاجزا في الطارمية.")
    car = only_event(kb, "وقتل ثلاثة من رجال الشرطة أمس في هجوم مسلح استهدف مركبة للشرطة في الطارمية.")
    inside = only_event(kb, "وقتل ثلاثة من رجال الشرطة أمس في هجوم مسلح استهدف نقطة تفتيش في مدينة بعقوبة.")
    assert (post.geo_precision, checkpoint.geo_precision, car.geo_precision, inside.geo_precision) == (2, 2, 1, 1)


def test_a_site_word_after_the_town_does_not_move_the_act_out_of_it(kb):
    # "تحظى بموقع استراتيجي": a position in the figurative sense, told after the town, says nothing of the act.
    ev = only_event(kb, "وفجر مسلحون أمس سيارة مفخخة في بلدة الطارمية التي تحظى بموقع استراتيجي ما أدى إلى مقتل مدنيين.")
    assert ev.geo_precision == 1


def test_a_road_in_a_town_is_the_town_but_a_road_named_by_a_town_is_near_it(kb):
    in_town = only_event(kb, "وقتل جندي أمس عندما انفجر لغم أرضي بينما كانت قافلة عسكرية تمر على طريق في مدينة بعقوبة.")
    named = only_event(kb, "وقتل جندي أمس عندما انفجر لغم أرضي بينما كانت قافلة عسكرية تمر على طريق بعقوبة.")
    assert (in_town.location, in_town.geo_precision) == ("Baqubah", 1)
    assert (named.location, named.geo_precision) == ("Baqubah", 2)


def test_a_countryside_alone_is_a_region_but_a_village_in_it_is_near_its_town(kb):
    # ACLED 2.3: "ريف حلب" is a large part of the province (3); a village the gazetteer lacks, placed by the
    # countryside, is coded to the town that stands for it (2). Both remain events (a part of a province places one).
    region = only_event(kb, "وشنت طائرات حربية أمس غارات على مواقع لتنظيم داعش بريف حلب الجنوبي ما أدى إلى مقتل عشرة عناصر.")
    village = only_event(kb, "وشنت طائرات حربية أمس غارات على مواقع لتنظيم داعش في قرية الزيارة بريف حلب الجنوبي ما أدى إلى مقتل عشرة عناصر.")
    assert (region.location, region.admin1, region.geo_precision) == ("Aleppo", "Aleppo", 3)
    assert (village.location, village.geo_precision) == ("Aleppo", 2)


def test_arrests_over_towns_of_several_provinces_are_one_event_over_a_region(kb):
    # One campaign, one event (the list is not split for strategic developments), at ACLED's precision 3 when the
    # towns lie in several provinces; towns of one province are the area of that province's towns (2).
    wide = only_event(kb, "واعتقلت الشرطة التركية أمس 40 مشتبها بالانتماء لتنظيم داعش في إسطنبول وأنقرة وأضنة.")
    narrow = only_event(kb, "واعتقلت القوات العراقية أمس 40 مشتبها بالانتماء لتنظيم داعش في الرمادي وهيت وحديثة.")
    assert (wide.event_type, wide.geo_precision) == ("Strategic developments", 3)
    assert (narrow.event_type, narrow.geo_precision) == ("Strategic developments", 2)


def test_a_direction_after_a_province_places_the_act_by_the_town(kb):
    # "X جنوب Y" says where X is when X is a town; a province before the direction is no such X.
    ev = only_event(kb, "وقصفت طائرات التحالف أمس مواقع للتنظيم في منطقة البوعلي وجزيرة الأنبار، شمالي مدينة هيت، ما أدى إلى مقتل عشرة عناصر.")
    assert (ev.location, ev.geo_precision) == ("Hit", 2)


def test_a_front_sector_named_by_a_town_is_near_it(kb):
    sector = only_event(kb, "وقتل خمسة عناصر من تنظيم داعش أمس بقصف مدفعي في قاطع هيت.")
    axis = only_event(kb, "وقتل خمسة عناصر من تنظيم داعش أمس بقصف مدفعي في المحور الجنوبي من مدينة هيت.")
    town = only_event(kb, "وقتل خمسة عناصر من تنظيم داعش أمس بقصف مدفعي في مدينة هيت.")
    assert [(e.location, e.geo_precision) for e in (sector, axis, town)] == [("Hit", 2), ("Hit", 2), ("Hit", 1)]


def test_a_town_of_two_words_named_as_a_district_is_the_district(kb):
    # The district word before a two-word name ("مديرية حزم العدين") counts as it does before a one-word name.
    ev = only_event(kb, "وقتل قيادي حوثي أمس على يد عناصر المقاومة الشعبية في مديرية حزم العدين.")
    assert (ev.location, ev.geo_precision) == ("Hazm al Udayn", 2)


def test_a_where_clause_happens_at_the_place_named_before_it(kb):
    text = ("واستمرت أمس المظاهرات في عدد من المحافظات الجنوبية وامتدت إلى مدينة الكوت، حيث احتجز متظاهرون غاضبون "
            "نائب المحافظ لعدة ساعات.")
    assert {loc for kind, loc, _ in placed(kb, text) if kind == "Riots"} == {"Al-Kut"}


def test_a_province_named_in_quotation_marks_after_its_designator_is_the_province(kb):
    ev = only_event(kb, "وشن طيران التحالف أمس غارات على مواقع للحوثيين في محافظة «عمران» ما أدى إلى مقتل عشرة مسلحين.")
    assert (ev.location, ev.geo_precision) == ("Amran", 3)


def test_names_listed_after_a_plural_province_word_are_provinces_not_towns(kb):
    # Named like their seats, the four are provinces: one act over their region (3), not an event per seat town.
    text = ("وأعلنت الحكومة اليمنية أمس السيطرة الكاملة على محافظات الجنوب (عدن ولحج والضالع وأبين) بعد معارك عنيفة "
            "مع الحوثيين.")
    assert [precision for _, _, precision in placed(kb, text)] == [3]


def test_an_area_the_gazetteer_lacks_placed_by_its_province_is_a_small_area(kb):
    # ACLED 2.3: a small part of a region named as a general area is 2, not the province's 3.
    area = only_event(kb, "وقتل ثلاثة عناصر من طالبان أمس في غارة جوية في منطقة زرغون بإقليم بكتيكا.")
    province = only_event(kb, "وقتل ثلاثة عناصر من طالبان أمس في غارة جوية في إقليم بكتيكا.")
    assert (area.location, area.geo_precision, province.geo_precision) == ("Paktika", 2, 3)


def test_the_hill_is_no_town_but_the_town_of_that_name_is(kb):
    hill = only_event(kb, "وسيطرت فصائل المعارضة أمس على التل الاستراتيجي بعد معارك عنيفة مع قوات النظام في ريف حماة.")
    town = only_event(kb, "وقصفت قوات النظام أمس مدينة التل بريف دمشق ما أدى إلى مقتل ثلاثة مدنيين.")
    assert (hill.admin1, town.location) == ("Hama", "At Tall")


def test_where_people_come_from_is_only_a_last_resort(kb):
    # The clash is west of the town, not in the town the civilians come from; with no other place, it stays there.
    clash = only_event(kb, "واندلعت أمس اشتباكات بين مدنيين من تلعفر ومسلحي داعش في مقبرة (غرب تلعفر) أسفرت عن مقتل اثنين.")
    raid = only_event(kb, "واعتقلت القوات الأمنية أمس عشرة مطلوبين من بلدة القيارة.")
    assert (clash.location, clash.geo_precision) == ("Tall Afar", 2)
    assert "Qayyar" in (raid.location or ""), raid.location


def test_a_saudi_governorate_is_its_towns_district_not_the_province(kb):
    # In Saudi Arabia "منطقة" names the province and "محافظة" a governorate named after its seat town (ACLED 2),
    # elsewhere "محافظة" is the province (3).
    ev = only_event(kb, "أطلق مسلحون النار أمس على دورية أمنية في محافظة القطيف فقتلوا جنديا.")
    assert (ev.country, ev.admin1, ev.location, ev.geo_precision) == (
        "Saudi Arabia", "Eastern Province", "Al Qatif", 2)
    ev = only_event(kb, "أطلق مسلحون النار أمس على دورية أمنية في محافظة الزرقاء فقتلوا جنديا.")
    assert (ev.country, ev.geo_precision) == ("Jordan", 3)


def test_a_city_district_lies_in_its_citys_governorate(kb):
    # Jobar is a district of Damascus city (its own governorate); the simplified polygons put its point in Rural
    # Damascus, so the build takes the named city's admin1 and the runtime keeps it.
    ev = only_event(kb, "تعرض حي جوبر أمس لقصف من قبل قوات النظام أدى إلى مقتل ثلاثة مدنيين.")
    assert (ev.location, ev.admin1) == ("Jobar (Damascus)", "Damascus")


def test_a_town_named_as_a_district_is_the_district_around_it(kb):
    # "قضاء X": Iraq's district named after its seat town is a small area (ACLED 2), as when the gazetteer holds
    # the district itself; the same town named as a town is the town (1).
    ev = only_event(kb, "وانفجرت عبوة ناسفة أمس في قضاء الطارمية ما أدى إلى مقتل مدنيين اثنين.")
    assert (ev.location, ev.geo_precision) == ("At Tarmiyah", 2)
    ev = only_event(kb, "وانفجرت عبوة ناسفة أمس في مدينة الطارمية ما أدى إلى مقتل مدنيين اثنين.")
    assert (ev.location, ev.geo_precision) == ("At Tarmiyah", 1)



def test_a_force_advancing_toward_a_place_is_near_it_not_in_it(kb):
    # "تتقدم باتجاه مدينة X": the fighting is on the way to the town, ACLED's "near" (2); the town named as the
    # place of the clash is the town (1).
    ev = only_event(kb, "وقالت القيادة إن قوات الجيش التي تتقدم باتجاه مدينة هيت اشتبكت أمس مع مسلحي داعش.")
    assert (ev.location, ev.geo_precision) == ("Hit", 2)
    ev = only_event(kb, "واشتبكت قوات الجيش أمس مع مسلحي داعش في مدينة هيت.")
    assert (ev.location, ev.geo_precision) == ("Hit", 1)


def test_the_orchards_of_a_town_are_near_it(kb):
    ev = only_event(kb, "ودارت أمس اشتباكات بين قوات النظام وفصائل المعارضة في بساتين بلدة المليحة.")
    assert (ev.location, ev.geo_precision) == ("Al Mulayhah", 2)
    ev = only_event(kb, "ودارت أمس اشتباكات بين قوات النظام وفصائل المعارضة في بلدة المليحة.")
    assert (ev.location, ev.geo_precision) == ("Al Mulayhah", 1)


def test_a_web_site_is_no_army_post_on_a_towns_edge(kb):
    # Rule outpost: "موقع" before the town is an army post (2) only when it is no web site ("موقع تويتر",
    # "مواقع التواصل الاجتماعي"), which says nothing of where in the town the act was (1).
    for text in ("وكتب الناشط على صفحته على موقع تويتر أن مسلحين قتلوا ثلاثة مدنيين أمس في تلعفر.",
                 "وقال ناشطون على مواقع التواصل الاجتماعي إن مسلحين قتلوا ثلاثة مدنيين أمس في تلعفر."):
        ev = only_event(kb, text)
        assert (ev.location, ev.geo_precision) == ("Tall Afar", 1), text
    ev = only_event(kb, "وقتل مسلحون ثلاثة جنود أمس في هجوم على موقع للجيش في تلعفر.")
    assert (ev.location, ev.geo_precision) == ("Tall Afar", 2)


def test_the_surroundings_of_an_installation_named_after_a_town_are_near_the_town(kb):
    ev = only_event(kb, "واندلعت أمس اشتباكات بين تنظيم داعش وقوات النظام في محيط مستودعات تدمر.")
    assert (ev.location, ev.geo_precision) == ("Tadmur", 2)
    ev = only_event(kb, "واندلعت أمس اشتباكات بين تنظيم داعش وقوات النظام في تدمر.")
    assert (ev.location, ev.geo_precision) == ("Tadmur", 1)
