"""Short news posts (Telegram-style and wire briefs, issue 14): the mechanisms found by the posts_2026 dev half,
each tested on a sentence written for the test (not from any eval set), with the rules deciding."""

from __future__ import annotations

from datetime import date

from rasd.model import Article
from rasd.pipeline import process

PUB = date(2026, 5, 20)


def events(kb, text: str):
    return process(Article(text=text, published=PUB), kb, decide="rules").events


def test_a_raid_that_arrests_is_an_arrest_not_a_territory_change(kb):
    evs = events(kb, "اقتحمت قوة من الجيش العراقي حي الصناعة في الموصل أمس واعتقلت أربعة مطلوبين.")
    assert [e.sub_event_type for e in evs] == ["Arrests"]


def test_the_attack_a_group_claims_after_a_suicide_bombing_stays_the_bombing(kb):
    # "near a police station" alone would make the generic "attack" a clash with the police, then an attack on civilians.
    evs = events(kb, "مقتل 6 أشخاص على الأقل في تفجير انتحاري استهدف مقهى قرب مركز للشرطة في مدينة كركوك، وتنظيم "
                     "داعش يتبنى الهجوم.")
    assert [e.sub_event_type for e in evs] == ["Suicide bomb"]


def test_a_crowd_that_fights_someone_unarmed_rioted(kb):
    evs = events(kb, "محتجون غاضبون يحرقون إطارات ويشتبكون مع حراس مبنى البلدية في مدينة الديوانية أمس، ما أدى "
                     "لإصابة شخصين.")
    assert [(e.sub_event_type, e.actor1) for e in evs] == [("Violent demonstration", "Rioters (Iraq)")]


def test_police_firing_on_protesters_in_the_feminine_present_is_excessive_force(kb):
    evs = events(kb, "الشرطة تطلق الرصاص على متظاهرين في مدينة الناصرية أمس خلال احتجاجات على البطالة، ومقتل متظاهر.")
    assert [e.sub_event_type for e in evs] == ["Excessive force against protesters"]


def test_an_arrest_after_the_comma_is_at_the_protest_not_its_motive(kb):
    evs = events(kb, "تظاهر المئات في البصرة أمس للمطالبة بتوفير الكهرباء، والشرطة تعتقل عشرة منهم.")
    assert [e.sub_event_type for e in evs] == ["Protest with intervention"]


def test_a_bulleted_item_takes_the_day_and_place_of_its_head_line(kb):
    text = ("🔴 حصيلة الساعات الماضية في محافظة ديالى منذ فجر اليوم:\n\n"
            "• مقتل 3 مدنيين في قصف بقذائف الهاون على قرية\n"
            "- شهيدان في انفجار عبوة ناسفة على طريق زراعي")
    evs = sorted(events(kb, text), key=lambda e: e.fatalities or 0)
    assert [(e.admin1, e.event_date, e.time_precision, e.fatalities) for e in evs] == [
        ("Diyala", PUB, 1, 2), ("Diyala", PUB, 1, 3)]


def test_a_world_town_as_the_posts_dateline_is_where_it_happened(kb):
    evs = events(kb, "🇪🇸 مدريد: محتجون يحرقون حاويات القمامة ويشتبكون مع الشرطة خلال تظاهرة ليلة أمس.")
    assert [(e.country, e.location) for e in evs] == [("Spain", "Madrid")]


def test_a_headline_place_over_the_text_places_an_act_that_names_none(kb):
    evs = events(kb, "الفلوجة 🔻\n\nمقتل مدنيين اثنين بانفجار عبوة ناسفة في سوق شعبي وسط المدينة أمس.")
    assert [(e.admin1, e.location) for e in evs] == [("Al-Anbar", "Al Fallujah")]


def test_a_world_town_after_a_district_word_is_a_place(kb):
    evs = events(kb, "إطلاق نار في حي أندرلخت في بروكسل يسفر عن إصابة شخصين أمس.")
    assert [e.location for e in evs] == ["Anderlecht"]


def test_new_word_forms_of_2020s_posts_are_acts(kb):
    cases = {
        "استهدفت فصائل مسلحة قاعدة حرير في أربيل بطائرتين مسيرتين أمس.": "Air/drone strike",
        "نزاع عشائري في قضاء الزبير غرب البصرة أمس يوقع ثلاثة قتلى.": "Armed clash",
        "قوات الاحتلال تنسف منازل في بلدة عبسان شرق خان يونس أمس.": "Looting/property destruction",
    }
    for text, sub in cases.items():
        assert [e.sub_event_type for e in events(kb, text)] == [sub], text


def test_killed_by_the_bullets_of_a_force_is_a_shooting(kb):
    evs = events(kb, "ارتفاع عدد القتلى برصاص قوات الأمن في مدينة الناصرية إلى 4 قتلى.")
    assert [(e.location, e.fatalities) for e in evs] == [("Nasiriyah", 4)]


def test_the_actor_after_an_agent_marker_is_the_doer(kb):
    evs = events(kb, "خطف صحفي على يد مسلحين مجهولين على طريق كركوك - تكريت مساء أمس.")
    assert [(e.sub_event_type, e.actor1) for e in evs] == [
        ("Abduction/forced disappearance", "Unidentified Armed Group (Iraq)")]


def test_a_singular_death_noun_is_one_killed(kb):
    evs = events(kb, "غارة جوية على سيارة قرب بلدة الرطبة غرب الأنبار أمس أدت إلى سقوط شهيد.")
    assert [e.fatalities for e in evs] == [1]
