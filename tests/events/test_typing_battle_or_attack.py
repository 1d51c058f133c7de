"""The type of an act of armed violence: a strike that backs a force on the ground is that force's battle; the
word form of a victim noun or a site still says an attack hit civilians. Sentences written for these tests in the
corpus's style; none is from an annotated set or a judged draw."""

from __future__ import annotations

from datetime import date

from rasd.events.tolls import victim_kind
from rasd.model import Article
from rasd.pipeline import process

PUB = date(2015, 7, 27)


def types(kb, text: str) -> list[tuple[str, str]]:
    return [(e.event_type, e.sub_event_type) for e in process(Article(text=text, published=PUB), kb,
                                                              decide="rules").events]


def test_strikes_that_back_a_ground_force_are_its_battle(kb):
    # (rule strike_support; ACLED: an air strike during a ground battle is one Battles event)
    assert types(kb, "وتمكنت قوات البيشمركة أمس من طرد مسلحي داعش من قرية تل الريم بمساعدة الضربات الجوية "
                     "للتحالف الدولي.") == [("Battles", "Armed clash")]
    assert types(kb, "وتقدم مقاتلو العشائر تدعمهم غارات جوية للتحالف نحو بلدة الكرمة أمس.") == [
        ("Battles", "Armed clash")]
    # strikes of their own stay strikes
    assert types(kb, "شنت طائرات التحالف الدولي غارات على مواقع لتنظيم داعش في بلدة الكرمة أمس.") == [
        ("Explosions/Remote violence", "Air/drone strike")]


def test_a_backed_advance_on_a_district_is_no_attack_on_its_people(kb):
    assert types(kb, "وقال سكان إن مقاتلين موالين للحكومة تدعمهم الضربات الجوية يتقدمون أمس نحو الأحياء الشرقية "
                     "من مدينة تعز.") == [("Battles", "Armed clash")]


def test_a_victim_noun_keeps_its_kind_in_its_word_forms():
    # the indefinite accusative, the dual and the sound plural of a listed noun
    assert victim_kind("طبيبا") == "civilian"
    assert victim_kind("مهندسين") == "civilian"
    assert victim_kind("جنديان") == "state"
    # a form that is another word is left out
    assert victim_kind("طالبان") is None


def test_a_killing_of_a_civilian_named_in_an_inflected_form_is_an_attack(kb):
    assert types(kb, "قتل مسلحون مجهولون طبيبا أمام عيادته في مدينة بعقوبة أمس.") == [
        ("Violence against civilians", "Attack")]


def test_a_plural_victim_with_no_number_still_says_whom_a_killing_hit(kb):
    # a plural victim noun gives no toll, but as the kill word's object it says the act hit civilians
    assert types(kb, "قتل مسلحون مجهولون مدنيين في قرية الحسينية جنوب بعقوبة أمس.") == [
        ("Violence against civilians", "Attack")]
    # civilians conjoined to the armed men were killed with them: no one-sided act is told
    assert types(kb, "قتل مسلحون ومدنيون في قرية الحسينية جنوب بعقوبة أمس.") == [("Battles", "Armed clash")]


def test_a_civilian_site_in_its_word_forms_is_an_attack_on_civilians(kb):
    # the dual of a listed building, as the attack verb's direct object
    assert types(kb, "هاجم مستوطنون منزلين في قرية المغير شرق رام الله فجر أمس.") == [
        ("Violence against civilians", "Attack")]
    # a museum or a shopping centre as an attack's object (list civilian_sites)
    assert types(kb, "شن مسلحون هجوما على متحف في العاصمة أمس.") == [("Violence against civilians", "Attack")]


def test_a_terror_attack_made_with_guns_is_a_shooting_not_a_bomb(kb):
    # (rule terror_word_shot: "هجوم إرهابي" is a form of trigger explosion, but a gun as the act's weapon says how)
    assert types(kb, "قتل ثلاثة من رجال الشرطة في هجوم إرهابي بالرصاص على دورية في مدينة العريش أمس.") == [
        ("Battles", "Armed clash")]
    assert types(kb, "نفذ مسلحون عملية إرهابية بإطلاق النار على مصلين في قرية الدالوة أمس مما أسفر عن مقتل "
                     "ثمانية.") == [("Violence against civilians", "Attack")]
    # a bomb word of the act keeps the bombing, and a terror attack told with no weapon stays one
    assert types(kb, "قتل خمسة أشخاص في تفجير إرهابي وإطلاق نار في سوق مدينة العريش أمس.") == [
        ("Explosions/Remote violence", "Remote explosive/landmine/IED")]
    assert types(kb, "قتل ثلاثة من رجال الشرطة في هجوم إرهابي على دورية في مدينة العريش أمس.") == [
        ("Explosions/Remote violence", "Remote explosive/landmine/IED")]


def test_a_terror_attack_made_with_fire_is_an_arson_attack_not_a_bomb(kb):
    # (rule terror_word_fire: fire set in the terror word's sentence, no word of sequence between)
    assert types(kb, "قتل رجل وزوجته في هجوم إرهابي نفذه مسلحون مجهولون بإضرام النار في منزلهما في قرية قرب مدينة "
                     "الخليل فجر أمس.") == [("Violence against civilians", "Attack")]
    # a fire that followed the blast is no means of the attack
    assert types(kb, "قتل خمسة أشخاص في هجوم إرهابي استهدف سوقا في مدينة العريش أمس أدى إلى احتراق عدد من "
                     "المحلات.") == [("Explosions/Remote violence", "Remote explosive/landmine/IED")]


def test_suicide_bombs_told_with_the_clash_they_were_part_of_are_the_battle(kb):
    # (build._fought_alongside: a fight of two sides merged into the bombing's report, in its sentence, with no word
    # of sequence between; ACLED: a suicide bombing during a battle is the battle)
    assert types(kb, "وفي محافظة إدلب، قتل 15 عنصرا على الأقل من الفصائل المقاتلة وداعش اثر اشتباكات بين الطرفين "
                     "وتفجيرين انتحاريين نفذهما التنظيم في ريف إدلب، وفق ما أعلن المرصد.") == [("Battles", "Armed clash")]
    # a bombing told alone stays a bombing
    assert types(kb, "وقتل 15 عنصرا من الفصائل المقاتلة في تفجير انتحاري نفذه تنظيم داعش في ريف حلب الشمالي "
                     "أمس.") == [("Explosions/Remote violence", "Suicide bomb")]
