"""Who the generic words for fighters stand for (rasd.events.arguments.sole_group: the article's main armed group,
unless the text says whose they are or the article is about several groups) and whom an act noun's construct object
names (rasd.events.build._construct_object_kind). Sentences written for the tests, none from the gold sets; the rules
decide."""

from __future__ import annotations

from datetime import date

from rasd.model import Article
from rasd.pipeline import process

PUB = date(2015, 7, 27)
ABOUT_PKK = "صعد حزب العمال الكردستاني هجماته في جنوب شرق البلاد منذ انهيار الهدنة مع حزب العمال الكردستاني. "
ABOUT_NUSRA = "تعهدت جبهة النصرة بمواصلة القتال وقالت جبهة النصرة إنها لن تتراجع. "


def actors(kb, text: str) -> list[tuple[str | None, str | None]]:
    return [(ev.actor1, ev.actor2) for ev in process(Article(text=text, published=PUB), kb, decide="rules").events]


def test_fighters_in_an_article_about_one_group_are_that_groups(kb):
    clash = "وقتل جنديان أمس في اشتباكات بين الجيش التركي ومقاتلين في ولاية هكاري."
    assert actors(kb, ABOUT_PKK + clash) == [("Military Forces of Turkey", "PKK: Kurdistan Workers Party")]
    # the same clash told alone names no group: the fighters stay unidentified
    assert actors(kb, clash) == [("Military Forces of Turkey", "Unidentified Armed Group (Turkey)")]


def test_fighters_in_an_article_about_two_groups_stay_unidentified(kb):
    text = ("صعد حزب العمال الكردستاني وتنظيم داعش هجماتهما في جنوب شرق البلاد. "
            "وقتل جنديان أمس في اشتباكات بين الجيش التركي ومقاتلين في ولاية هكاري.")
    assert actors(kb, text) == [("Military Forces of Turkey", "Unidentified Armed Group (Turkey)")]


def test_fighters_whose_side_is_said_are_not_the_main_group(kb):
    text = ("تعهد تنظيم داعش بمواصلة القتال في العراق وأكد أن تنظيم داعش باق. "
            "وقتلت القوات العراقية أمس 12 مقاتلا من فصائل أخرى في مدينة الرمادي.")
    assert actors(kb, text) == [("Military Forces of Iraq", "Unidentified Armed Group (Iraq)")]


def test_fighters_the_main_group_acts_on_are_not_its_own(kb):
    text = ABOUT_NUSRA + "وخطفت جبهة النصرة أمس ثمانية مقاتلين في ريف حلب الشمالي."
    assert actors(kb, text) == [("Jabhat al-Nusra", "Unidentified Armed Group (Syria)")]


def test_a_civilian_object_joined_to_the_act_noun_makes_civilians_the_target(kb):
    # "تفجير مسجد", "قصف أحياء": the construct object of an indefinite act noun (rule construct_object)
    assert actors(kb, "أعلنت الشرطة أن مسلحين نفذوا أمس تفجير مسجد في مدينة كركوك.") == [
        ("Unidentified Armed Group (Iraq)", "Civilians (Iraq)")]
    assert actors(kb, "وقال شهود إن قوات النظام ردت بقصف أحياء مدينة حماة أمس.") == [
        ("Military Forces of Syria", "Civilians (Syria)")]
    # the word after an act noun may be its adjective: "مقذوف عسكري" names no military target
    assert actors(kb, "سقط أمس مقذوف عسكري في مدينة نجران.") == [(None, None)]


def test_the_group_a_suicide_bomber_is_said_to_belong_to_is_the_doer(kb):
    # "انتحاري يعتقد أنه ينتمي إلى تنظيم داعش" (rule trigger_affiliation): the group is the doer, not the target
    text = "قتل انتحاري، يشتبه بأنه ينتمي لتنظيم داعش، 20 شخصا في مدينة كركوك أمس."
    assert actors(kb, text) == [("Islamic State", "Civilians (Iraq)")]



def test_the_dead_and_wounded_told_before_the_cause_are_the_acts_toll_and_its_targets(kb):
    # "لقي ... مصرعهما وأصيب ثلاثة ... إثر انفجار عبوة" (rule result_before_cause): the clause before the cause word
    # counts the act's dead and wounded, and the people it names were hit, they did not act
    text = "لقي ضابط شرطة ومجند مصرعهما وأصيب ثلاثة مجندين آخرين إثر انفجار عبوة ناسفة بمدينة العريش أمس."
    (ev,) = process(Article(text=text, published=PUB), kb, decide="rules").events
    assert (ev.fatalities, ev.injured, ev.actor1, ev.actor2) == (2, 3, None, "Police Forces of Egypt")


def test_a_dual_in_construct_counts_two_people_and_those_joined_to_it(kb):
    # "رجلا شرطة" (table dual_construct_genitives): the dual without its ن before the noun it is joined to
    text = "أصيب رجلا شرطة على الأقل واثنان من المدنيين أمس إثر انفجار قنبلة قرب نقطة تفتيش في مدينة كابول."
    (ev,) = process(Article(text=text, published=PUB), kb, decide="rules").events
    assert ev.injured == 4
    # an accusative singular and its adjective stay one person
    (ev,) = process(Article(text="قتل جنديا تركيا أمس إثر انفجار عبوة ناسفة في ولاية هكاري.", published=PUB), kb,
                    decide="rules").events
    assert ev.fatalities == 1
