"""A single report sentence yields its event (issue 14, recall out of context): word forms of killings, stabbings,
stone throwing and strikes by aircraft named first, casualties by gunfire, and places anywhere in the world; each
with the cases that must stay no event (sentences written for these tests, none from the eval sets)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from rasd.kb.rules import conjugated_words, load_rules
from rasd.model import Article
from rasd.pipeline import process
from rasd.text.normalize import fold

PUB = date(2026, 3, 10)
PROBE = Path(__file__).resolve().parents[1] / "data" / "probe_sentences.jsonl"
PROBE_2 = Path(__file__).resolve().parents[1] / "data" / "probe_sentences_2.jsonl"


def events(kb, text: str, published: date = PUB):
    return process(Article(text=text, published=published), kb, decide="rules").events


# ---------------------------------------------------------------------------------------------------------------
# Word forms made by the lexicon for rule lists


def test_a_rule_list_of_verbs_is_conjugated_by_the_lexicon():
    past = conjugated_words({"conjugate": [["قتل", "يقتل"]], "tense": "past", "pronouns": ["هم"]})
    assert {"قتل", "قتلت", "قتلوا", "قتلهم", "قتلوهم"} <= set(past)
    assert not any(w.startswith(("ي", "ت")) for w in past)  # the past only
    assert "قتلاهم" not in past  # "their dead" (قتلى + pronoun), not a dual verb with its object
    both = conjugated_words({"conjugate": [["رشق", "يرشق"]]})
    assert {"رشق", "رشقوا", "يرشقون", "ترشق"} <= set(both)


def test_the_kill_verb_takes_an_object_pronoun_but_the_dead_noun_is_no_verb():
    kill = load_rules("detect")["kill_verb"]
    assert kill.search(fold("قتلهم مسلحون مجهولون أمس"))
    assert kill.search(fold("أعلن الفصيل أمس بقتلها خمسة جنود"))
    assert not kill.search(fold("دفن الأهالي قتلاهم أمس"))
    assert not kill.search(fold("اتهم بقتل زوجته"))  # ب before a bare masdar: a charge, not an act told


# ---------------------------------------------------------------------------------------------------------------
# Killings told by their outcome, their masdar, a headline


def test_a_killing_masdar_with_its_doers_pronoun_is_an_event(kb):
    (ev,) = events(kb, "أعلن فصيل معارض أمس تقدمه في سهل الغاب وقتله عشرين جنديا في ريف حماة.")
    assert (ev.event_type, ev.country) == ("Battles", "Syria")


def test_an_outcome_without_ma_is_an_event_unless_it_continues_an_act_told_before(kb):
    (ev,) = events(kb, "قالت الشرطة إن أعمال عنف في مدينة سبها أمس أسفرت عن مصرع أربعة مسلحين.")
    assert (ev.country, ev.location) == ("Libya", "Sabha")
    told = events(kb, "شنت طائرات أمريكية أمس غارة على بلدة في ريف إدلب. وأوضح البيان أن العملية التي جرت أمس "
                      "أدت إلى مقتل قيادي في تنظيم القاعدة.")
    assert [e.event_type for e in told] == ["Explosions/Remote violence"]


def test_a_headline_killing_is_an_event_but_not_beside_the_story_that_tells_it(kb):
    (ev,) = events(kb, "عاجل | مقتل شابين أمس في مدينة الزاوية غرب ليبيا")
    assert (ev.country, ev.location) == ("Libya", "Az Zawiyah")
    story = events(kb, "مقتل جنديين في الرمادي\n\nقتل جنديان أمس في هجوم لمسلحين على نقطة تفتيش في مدينة الرمادي.")
    assert len(story) == 1


def test_an_accident_toll_is_no_event(kb):
    assert events(kb, "مقتل خمسة أشخاص في حادث سير على طريق بغداد الموصل أمس.") == []


@pytest.mark.parametrize("text", [
    "أعلنت وزارة الدفاع، اليوم الثلاثاء، مقتل 12 مسلحا في مدينة درنة الليبية.",
    "وأفاد مصدر أمني أمس بمقتل سبعة من عناصر التنظيم قرب مدينة سرت الليبية.",
    "وأعلنت مصادر عسكرية أمس عن مصرع خمسة جنود في مدينة بنغازي الليبية.",
])
def test_a_killing_announced_or_reported_is_an_event(kb, text):
    (ev,) = events(kb, text)
    assert (ev.event_type, ev.country) == ("Battles", "Libya")


def test_a_reported_killing_that_is_pride_blame_or_a_lead_is_no_event_of_its_own(kb):
    assert events(kb, "وأكد والد الشهيد في مدينة بنغازي اعتزازه وفخره باستشهاد ابنه.") == []
    assert events(kb, "وأكد الأهالي في بنغازي أن الوزير هو المسؤول عن مقتل أبنائهم.") == []
    # the lead of a roundup: the acts told after it are the events, not the sum before them
    roundup = events(kb, "أفادت مصادر أمنية أمس بمقتل 20 مدنيا في مدينة بنغازي الليبية. وقالت المصادر إن سيارة "
                         "مفخخة انفجرت في سوق المدينة ما أدى إلى مقتل 20 مدنيا.")
    assert [e.event_type for e in roundup] == ["Explosions/Remote violence"]


def test_a_casualty_by_gunfire_is_a_shooting(kb):
    (ev,) = events(kb, "إصابة شاب برصاص قناص في مدينة تعز أمس.")
    assert (ev.country, ev.weapon) == ("Yemen", "small arms")


def test_an_act_undergone_after_a_long_subject_happened(kb):
    (ev,) = events(kb, "وتعرضت بعد منتصف ليل الاثنين أحياء عدة في مدينة درعا البلد، لقصف من قوات النظام.")
    assert ev.event_type == "Explosions/Remote violence"


# ---------------------------------------------------------------------------------------------------------------
# Stabbings, stones, aircraft named first


def test_a_stabbing_is_an_attack_but_an_appeal_is_no_event(kb):
    (ev,) = events(kb, "طعن رجل امرأتين بسكين في محطة القطارات بمدينة ليون الفرنسية أمس.")
    assert (ev.event_type, ev.country, ev.weapon) == ("Violence against civilians", "France", "knife")
    assert events(kb, "طعن المحامي أمس في الحكم الصادر عن محكمة في القاهرة.") == []
    assert events(kb, "ويحق للمتهمين الطعن على الأحكام أمام محكمة الاستئناف في بغداد.") == []


def test_stones_thrown_and_fires_set_are_a_riot(kb):
    (ev,) = events(kb, "رشق شبان غاضبون مبنى المحافظة بالحجارة في مدينة الكوت أمس.")
    assert ev.event_type == "Riots"
    (ev,) = events(kb, "محتجون يضرمون النار في إطارات أمام مبنى البلدية في مدينة صفاقس.")
    assert (ev.event_type, ev.country) == ("Riots", "Tunisia")


def test_property_burnt_demolished_or_looted_with_the_property_named_is_an_event(kb):
    (ev,) = events(kb, "أضرم مسلحون مجهولون النار ليلا ثم أحرقوا ثلاثة منازل في قرية قرب مدينة كادوقلي.")
    assert (ev.event_type, ev.sub_event_type, ev.country) == (
        "Strategic developments", "Looting/property destruction", "Sudan")
    (ev,) = events(kb, "هدمت جرافات الجيش مبنى تجاريا في بلدة حوارة جنوب نابلس.")
    assert ev.sub_event_type == "Looting/property destruction"
    (ev,) = events(kb, "شبان غاضبون يحرقون مقرا للحزب الحاكم في مدينة المكلا.")
    assert ev.event_type == "Riots"  # a crowd's deed (rasd.events.build)
    # a killing told with the burning types the act: the house burnt is how the victims were killed
    (ev,) = events(kb, "وأحرق مهاجمون منزلا في قرية دوما قرب نابلس فقتلوا رضيعا فلسطينيا.")
    assert ev.event_type != "Strategic developments"
    rule = load_rules("detect")["property_destroyed"]
    assert not rule.search(fold("وطالب المجلس بوقف هدم المنازل في القدس"))  # the masdar: a policy talked about
    assert not rule.search(fold("أحرقوا الطيار حيا"))  # a person burnt, no property
    # the masdar after a verb of undertaking, its doer between: the act done (not "يقوم", a habit or a plan)
    (ev,) = events(kb, "وأقدم مسلحون مجهولون أمس على إحراق ثلاث حافلات في بلدة قرب مدينة كادوقلي.")
    assert (ev.sub_event_type, ev.country) == ("Looting/property destruction", "Sudan")
    assert not rule.search(fold("وتقوم البلدية بهدم المنازل المخالفة كل عام"))


def test_an_aircraft_named_before_its_strike_verb_is_an_air_strike(kb):
    (ev,) = events(kb, "مسيرة تركية تستهدف سيارة في ريف القامشلي.")
    assert (ev.sub_event_type, ev.country) == ("Air/drone strike", "Syria")
    air_first = load_rules("detect")["air_subject_first"]
    assert not air_first.search(fold("اتفق الطرفان على استخدام طائرات التحالف من أجل ضرب مواقع التنظيم"))
    assert not air_first.search(fold("طائرات التحالف التي تستهدف مواقع التنظيم"))


def test_a_campaign_named_by_its_aim_is_no_taking(kb):
    found = events(kb, "أعلنت الفصائل أمس استئناف معركة تحرير مدينة درعا.")
    assert "Government regains territory" not in {e.sub_event_type for e in found}


# ---------------------------------------------------------------------------------------------------------------
# Places anywhere in the world


@pytest.mark.parametrize(("text", "country", "location"), [
    ("مقتل أربعة أشخاص بانفجار سيارة ملغومة في العاصمة الصومالية.", "Somalia", "Mogadishu"),
    ("المحتجون يغلقون الطريق الدولي في مدينة طرابلس شمال لبنان احتجاجا على انقطاع الكهرباء.", "Lebanon", "Tripoli"),
    ("هجوم بعبوة ناسفة يستهدف رتلا عسكريا في شمال مالي.", "Mali", "Mali"),
])
def test_places_named_by_a_capital_a_namesake_or_a_common_word_resolve_to_their_country(kb, text, country, location):
    (ev,) = events(kb, text)
    assert (ev.country, ev.location) == (country, location)


def test_a_nationality_adjective_is_its_own_countrys_not_a_foreign_regions(kb):
    from rasd.recognize.mentions import find_mentions

    kinds = {(m.kind, m.value) for m in find_mentions("وصل الوفد إلى العاصمة الصومالية", kb)}
    assert ("nationality", "SOM") in kinds and not any(kind == "place" for kind, _ in kinds)
    assert not any(m.kind == "place" for m in find_mentions("ارتفع العجز المالي في الموازنة", kb))


# ---------------------------------------------------------------------------------------------------------------
# The probe set: short reports in Telegram style from many countries


def test_a_brief_text_keeps_an_earlier_act_it_places_in_a_town_as_background(kb):
    text = "وأعلنت الحكومة خطة أمنية جديدة بعد التفجير الانتحاري الذي وقع مؤخرا في مدينة الرمادي."
    found = [e for e in events(kb, text) if e.event_type == "Explosions/Remote violence"]
    assert [(e.sub_event_type, e.location, e.background) for e in found] == [("Suicide bomb", "Ramadi", True)]
    # with no town, a reference to an earlier act in passing is still no report of one
    assert not events(kb, "وأعلنت الحكومة خطة أمنية جديدة بعد التفجير الانتحاري الذي وقع مؤخرا.")


@pytest.mark.parametrize("text, event_type, sub_event_type", [
    ("وتحررت بلدة الحمدانية من مسلحي التنظيم صباح اليوم بعد معارك استمرت يومين.", "Battles",
     "Government regains territory"),
    ("استهدف مسلحون بجرار مفخخ مركزا للشرطة في مدينة ماردين فجر اليوم.", "Explosions/Remote violence",
     "Remote explosive/landmine/IED"),
    ("أعلنت وزارة الداخلية البحرينية ضبط خلية إرهابية في مدينة سترة أمس.", "Strategic developments", "Arrests"),
    ("وشن الطيران الحربي أمس سلسلة من الغارات الجوية على مواقع في مدينة الرقة.", "Explosions/Remote violence",
     "Air/drone strike"),
])
def test_word_forms_of_takings_bombs_and_arrests_are_acts(kb, text, event_type, sub_event_type):
    assert (event_type, sub_event_type) in {(e.event_type, e.sub_event_type) for e in events(kb, text)}


def test_a_brief_defusal_or_arrest_with_no_place_is_kept_unplaced_with_its_reason(kb):
    found = events(kb, "وقالت المصادر إن خبراء المتفجرات أبطلوا مفعول عبوة ناسفة ثانية كانت معدة للتفجير.")
    assert [(e.sub_event_type, e.country) for e in found] == [("Disrupted weapons use", None)]
    assert "country" in found[0].missing
    # in a long article the same unplaced sentence is a recap and stays out
    long_text = " ".join(["وقال مسؤول إن الحكومة تدرس خطة جديدة للنقل العام في المدن الكبرى."] * 3
                         + ["وقالت المصادر إن خبراء المتفجرات أبطلوا مفعول عبوة ناسفة ثانية كانت معدة للتفجير."])
    assert not [e for e in events(kb, long_text) if e.sub_event_type == "Disrupted weapons use"]


def test_explosives_experts_are_no_bomb_and_a_split_defusal_is_one(kb):
    # rule seized: "خبراء المتفجرات" name people; rule defused: "أبطل" with its subject before "مفعول"
    assert [e.sub_event_type for e in events(
        kb, "أبطل خبراء المتفجرات مفعول عبوة ناسفة زرعت قرب جسر في مدينة الفلوجة صباح اليوم.")] == [
        "Disrupted weapons use"]
    assert not events(kb, "وصل خبراء المتفجرات إلى مدينة الفلوجة صباح اليوم.")


def _share_of_the_right_type(kb, path: Path) -> tuple[int, int]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    hits = sum(row["event_type"] in {e.event_type for e in events(kb, row["text"],
                                                                    date.fromisoformat(row["published"]))}
               for row in rows)
    return hits, len(rows)


def test_the_probe_sentences_keep_their_share_of_events_of_the_right_type(kb):
    hits, n = _share_of_the_right_type(kb, PROBE)
    assert n >= 60
    assert hits / n >= 0.85, f"{hits}/{n}"  # 74% before the word forms of this file's rules; 83% before issue 14's
    # miss classes (docs/sentences.md)


def test_the_held_out_probe_sentences_keep_their_share(kb):
    # Written before rasd ran on them and never edited since (docs/sentences.md): 60% on the code they were
    # written against, 67% when first measured after the miss-class work.
    hits, n = _share_of_the_right_type(kb, PROBE_2)
    assert n >= 60
    assert hits / n >= 0.65, f"{hits}/{n}"


# ---------------------------------------------------------------------------------------------------------------
# A crowd named by its agent noun, with no place or date (helper hsent3)


@pytest.mark.parametrize("text", [
    "احتشد المحتجون أمام مقر الحكومة.",
    "هتف المتظاهرون بشعارات ضد الحكومة.",
    "المتظاهرون يغلقون الطرق في وسط العاصمة.",
])
def test_a_definite_crowd_noun_is_a_report_not_a_back_reference(kb, text):
    # "المتظاهرون" is definite because the crowd is known, not because its act was told before: a sentence with no
    # place and no date still yields its protest (unplaced, the reason in `missing`).
    found = events(kb, text)
    assert [e.event_type for e in found] == ["Protests"]
    assert found[0].country is None and "country" in found[0].missing


def test_a_definite_act_noun_alone_is_still_a_back_reference(kb):
    # ("الهجوم" with no toll, place or date refers to an act told elsewhere: no event of its own)
    assert events(kb, "وأدان البيان الهجوم.") == []


@pytest.mark.parametrize("text, expected", [
    ("أحرق المحتجون مقر الحزب الحاكم.", "Riots"),
    ("أضرم المتظاهرون النار في مبنى البلدية.", "Riots"),
    ("أحرق المتظاهرون العلم الإسرائيلي أمام السفارة.", "Protests"),  # a flag burnt: a gesture, not violence
    ("تظاهر المئات احتجاجا على إحراق منزل عائلة في القرية.", "Protests"),  # the burning is what they protest
])
def test_what_the_crowd_itself_burnt_makes_a_riot(kb, text, expected):
    assert [e.event_type for e in events(kb, text)] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("اغتالوه أمام منزله في حي الجامعة ببغداد أمس.", "Violence against civilians"),
    ("خطفوها من سيارتها في مدينة سبها أمس.", "Violence against civilians"),
])
def test_a_plural_verb_with_its_object_pronoun_is_a_trigger(kb, text, expected):
    # اغتالوا + ه is written اغتالوه (the alif drops before the pronoun; a verb + ه alone is not read as one)
    assert expected in {e.event_type for e in events(kb, text)}



@pytest.mark.parametrize("text, expected", [
    ("هجوم مسلح على حافلة ركاب في مدينة كيدال.", "Violence against civilians"),
    ("قتلى وجرحى في هجوم مسلح على كنيسة في ولاية بلاتو وسط نيجيريا.", "Violence against civilians"),
])
def test_a_brief_report_of_an_attack_on_a_named_target_is_an_event(kb, text, expected):
    # a bare attack word in a one-sentence report counts when it says whom or what it hit (before: "not concrete")
    assert expected in {e.event_type for e in events(kb, text)}


@pytest.mark.parametrize("text", [
    "وزارة الخارجية تدين الاعتداء على المسجد في المدينة القديمة.",  # a definite noun: an act told elsewhere
    "هدد التنظيم بشن هجوم على السفارات الغربية.",
    "شن النائب هجوما حادا على وزير المالية.",
    "هجوم مرتقب على المدينة خلال الأيام المقبلة.",
])
def test_a_brief_attack_word_without_a_report_stays_no_event(kb, text):
    assert events(kb, text) == []


@pytest.mark.parametrize("text, expected", [
    ("ألقت الشرطة القبض على ثلاثة مشتبه بهم في محافظة الجيزة.", "Strategic developments"),
    ("فرقت الشرطة المتظاهرين بالغاز المسيل للدموع.", "Protests"),
])
def test_an_article_that_belongs_to_the_idiom_is_no_back_reference_in_a_brief_text(kb, text, expected):
    # "القبض على", "الغاز المسيل للدموع": the article is part of the phrase (rules/merge.yaml article_idioms)
    assert expected in {e.event_type for e in events(kb, text)}


@pytest.mark.parametrize("text, expected", [
    ("تجمع المئات من أهالي المعتقلين أمام مبنى البرلمان للمطالبة بالإفراج عن أبنائهم.", ["Protests"]),
    ("احتشد العشرات أمام مقر الشركة مطالبين بصرف أجورهم.", ["Protests"]),
    ("تجمع الأطفال في ساحة المدرسة للاحتفال بالعيد.", []),  # a gathering with no demand
    ("احتشد الآلاف في الملعب لمتابعة المباراة.", []),
])
def test_a_gathering_verb_with_a_demand_is_a_protest(kb, text, expected):
    assert [e.event_type for e in events(kb, text)] == expected


@pytest.mark.parametrize("text", [
    "هاجم حشد غاضب مركزا للشرطة في مدينة كسلا وأحرق سيارات.",
    "هاجم مشجعون غاضبون حافلة فريق منافس بالحجارة عقب مباراة في مدينة وهران.",
])
def test_a_crowd_that_attacks_riots(kb, text):
    # the doer is a crowd (an angry crowd is one), so its attack is a violent demonstration, not a battle
    assert [e.event_type for e in events(kb, text)] == ["Riots"]


def test_an_armed_group_that_attacks_still_fights(kb):
    assert [e.event_type for e in events(kb, "هاجم مسلحون من داعش مقرا للشرطة في مدينة الرمادي.")] == ["Battles"]


def test_a_noun_that_is_also_a_verb_takes_a_pronoun(kb):
    # "قصفه": the noun قصف with its pronoun (its shelling); a verb alone reads a final ه as another word (اضافه)
    from rasd.recognize.mentions import find_mentions
    hits = [m.value for m in find_mentions("كثف الجيش قصفه على مواقع المسلحين", kb) if m.kind == "trigger"]
    assert hits == ["shelling"]
    assert "Explosions/Remote violence" in {
        e.event_type for e in events(kb, "جدد الطيران المروحي قصفه بالبراميل المتفجرة على مدينة داريا أمس.")}


# ---------------------------------------------------------------------------------------------------------------
# Outbreak verbs, beatings, dispersals and purpose words (helper hsent4; sentences written for these tests)


@pytest.mark.parametrize("text, expected", [
    ("تجددت الاشتباكات بين الجيش والمتمردين في ولاية النيل الأزرق.", ("Battles", "Sudan")),
    ("اندلعت المواجهات بين قبيلتين في مدينة سبها جنوبي ليبيا.", ("Battles", "Libya")),
])
def test_a_definite_act_noun_after_a_verb_of_outbreak_is_a_report(kb, text, expected):
    # its article makes it the verb's subject, not a back-reference to an act the text does not tell
    assert expected in {(ev.event_type, ev.country) for ev in events(kb, text)}


def test_a_definite_act_noun_with_no_such_verb_still_refers_back(kb):
    assert not events(kb, "رحب الرئيس بالغارات على مواقع التنظيم في سوريا.")
    occurrence = load_rules("detect")["occurrence_subject"]
    assert occurrence.search(fold("وتجددت ال"))
    assert not occurrence.search(fold("تحتدم ال"))  # the present tense tells a backdrop, not the act
    assert not occurrence.search(fold("اندلعت بعد ال"))  # words between: the noun is not the verb's subject


@pytest.mark.parametrize("text", [
    "تعرض مزارع للضرب على يد مستوطنين في قرية قرب نابلس.",
    "اعتدى مستوطنون بالضرب على مزارع فلسطيني في قرية قرب نابلس.",
])
def test_a_beating_is_an_attack(kb, text):
    assert any(ev.event_type in ("Violence against civilians", "Battles") for ev in events(kb, text))


def test_a_blow_that_is_no_beating_is_no_event(kb):
    beating = load_rules("detect")["beating"]
    assert not beating.search(fold("ضرب الزلزال المدينة"))
    assert not beating.search(fold("تعرض الاقتصاد لضربة قوية"))


@pytest.mark.parametrize("text", [
    "قوات الأمن تفرق بالرصاص الحي متظاهرين في مدينة البصرة.",
    "فرقت الشرطة بالقوة اعتصاما أمام البرلمان في عمان.",
    # a crowd counted in the singular (rule counted_crowd)
    "وبعد الظهر، سار نحو ثلاثة آلاف متظاهر في شوارع مدينة هامبورغ الألمانية.",
    "وتجمع نحو 300 محتج أمس أمام مبنى البرلمان في العاصمة الأردنية عمان.",
])
def test_a_dispersed_or_counted_crowd_is_a_protest(kb, text):
    assert "Protests" in {ev.event_type for ev in events(kb, text)}


def test_a_march_held_to_denounce_is_a_protest(kb):
    assert "Protests" in {ev.event_type for ev in events(
        kb, "نظم الطلاب مسيرة في مدينة لاهور للتنديد بالعنف ضد النساء.")}


def test_a_crowd_of_women_told_in_the_present_protests(kb):
    # the feminine plural of the present (يعتصمن), made by the lexicon for every verb
    assert "Protests" in {ev.event_type for ev in events(kb, "عشرات النساء يعتصمن أمام مقر الأمم المتحدة في جنيف.")}
    assert not events(kb, "العاملات اللواتي يحتجن إلى من يساعدهن في المنزل.")  # "they need", spelled alike


def test_a_stand_that_a_group_stages_is_a_protest_but_the_noun_alone_is_not(kb):
    assert "Protests" in {ev.event_type for ev in events(
        kb, "عشرات العمال ينفذون وقفة أمام وزارة المالية في بغداد للمطالبة برواتبهم.")}
    staged = load_rules("detect")["staged_protest"]
    assert not staged.search(fold("وقفة مع النفس بعد عام من العمل"))
    assert not staged.search(fold("نظمت المدرسة مسيرة كشفية في الحي"))


def test_an_indefinite_fighting_word_between_two_sides_is_a_fight(kb):
    assert ("Battles", "Sudan") in {(ev.event_type, ev.country) for ev in events(
        kb, "معارك بين الجيش والدعم السريع في مدينة الفاشر.")}
    assert not events(kb, "المعركة بين الخير والشر مستمرة.")
    assert not events(kb, "وشدد الوزير على دعم جهود مواجهة الإرهاب، بين الوزير أن الحلول كثيرة.")


def test_security_forces_that_stop_people_arrest_them(kb):
    assert "Strategic developments" in {ev.event_type for ev in events(
        kb, "أوقف الأمن التونسي اليوم 12 شخصا في مدينة سوسة يشتبه في انتمائهم لجماعة محظورة.")}
    stop = load_rules("detect")["arrest_stop"]
    assert not stop.search(fold("أوقفت الشرطة الشاحنة على أحد الطرق"))
    assert not stop.search(fold("أوقفت السلطات صدور صحيفة معارضة"))


def test_security_forces_that_catch_people_or_a_cell_arrest_them(kb):
    for text in ("ضبطت الأجهزة الأمنية الأردنية أمس خلية إرهابية في مدينة الزرقاء.",
                 "وضبطت دوريات الشرطة أمس في مدينة الزرقاء ثلاثة مشتبهين بالانتماء إلى داعش."):
        assert ("Strategic developments", "Arrests", "Jordan") in {
            (ev.event_type, ev.sub_event_type, ev.country) for ev in events(kb, text)}
    seize = load_rules("detect")["arrest_seize"]
    assert not seize.search(fold("وضبطت قوات الأمن مسدسا وذخائر في المنزل"))  # goods seized: no arrest
    assert not seize.search(fold("ضبطت الشرطة 5 كيلوغرامات من المخدرات"))  # a count alone is no person


def test_a_cell_broken_up_is_an_arrest_of_its_members_not_a_defused_device(kb):
    assert {(ev.event_type, ev.sub_event_type) for ev in events(
        kb, "أعلنت السلطات الأردنية أمس تفكيك خلية إرهابية في مدينة الزرقاء.")} == {
        ("Strategic developments", "Arrests")}
    # the group after the masdar is the one arrested, not a doer abducting (which would make it an abduction)
    (ev,) = events(kb, "أعلنت السلطات الأردنية أمس تفكيك خلية داعش في مدينة الزرقاء.")
    assert (ev.event_type, ev.actor2) == ("Strategic developments", "Islamic State")


# ---------------------------------------------------------------------------------------------------------------
# A lone sentence out of its article: word forms of a withdrawal, a munition as the act's instrument


def test_a_withdrawal_told_by_its_verb_from_ground_is_an_event_and_one_from_talks_is_none(kb):
    (ev,) = events(kb, "انسحبت قوات الحكومة أمس من مدينة كيدال شمال مالي.")
    assert (ev.event_type, ev.sub_event_type, ev.country) == (
        "Strategic developments", "Non-violent transfer of territory", "Mali")
    assert events(kb, "انسحب وفد المعارضة من المفاوضات في جنيف أمس.") == []  # talks left, no ground
    assert events(kb, "وتنسحب القوات من المدينة بعد الاتفاق.") == []  # the present: a plan


def test_a_group_named_as_the_owner_of_cells_is_arrested_by_the_state_not_abducting(kb):
    (ev,) = events(kb, "وأعلنت السلطات الأردنية أمس تعقب خلايا داعش في الزرقاء والقبض على عشرة من أفرادها.")
    assert (ev.event_type, ev.sub_event_type, ev.actor1) == (
        "Strategic developments", "Arrests", "Police Forces of Jordan")
    (ev,) = events(kb, "وأكد أن أهداف «داعش» باتت واضحة بعد إعلان الداخلية الأردنية أمس القبض على عشرة داعشيين "
                       "في الزرقاء.")
    assert (ev.event_type, ev.sub_event_type) == ("Strategic developments", "Arrests")


def test_an_arrest_noun_after_a_noun_of_place_or_duration_is_detention_as_a_state(kb):
    assert events(kb, "وقالت المقاومة أمس إنها فتحت أماكن احتجاز لعشرات المسلحين في سرت.") == []
    assert events(kb, "ومثل الصحفي منذ توقيفه أمس ثلاث مرات أمام محكمة طهران.") == []
    assert "Strategic developments" in {ev.event_type for ev in events(
        kb, "واعتقلت الشرطة أمس منذ الصباح خمسة مسلحين في سرت.")}  # "since the morning": the verb told


def test_the_withdrawal_noun_with_the_article_is_the_idea_demanded_not_a_withdrawal_told(kb):
    assert events(kb, "ووجه الوزير أمس نداء إلى المسلحين بالانسحاب من قاعدة الوطية.") == []
    assert events(kb, "وقال أمس إنه إذا لم يوافق المسلحون على الانسحاب من سرت فسيخرجون بالقوة.") == []
    (ev,) = events(kb, "بدأت جبهة النصرة أمس انسحابا من نقاط خاضعة لسيطرتها بريف حلب الشمالي.")
    assert (ev.event_type, ev.sub_event_type) == ("Strategic developments", "Non-violent transfer of territory")


def test_a_munition_after_the_instrument_bal_in_a_lone_sentence_is_no_back_reference(kb):
    (ev,) = events(kb, "استهدفت قوات النظام بالصواريخ مشفى في المدينة.")
    assert ev.event_type == "Explosions/Remote violence"
    assert events(kb, "ندد الوزير بالقصف على المدينة.") == []  # an act noun after ب: the act talked about


def test_a_brief_texts_act_is_not_dropped_for_the_town_it_takes_from_the_line_before(kb):
    # with no town at all the arrest would be kept (a brief text is the report itself): the town of the line before
    # must not make it worse off
    evs = events(kb, "أعلنت الشرطة في مدينة الزرقاء الأردنية ضبط مخزن للأسلحة يوم الجمعة الماضي. كما أعلنت عن "
                     "توقيف أربعة أشخاص على صلة به.")
    assert [(e.event_type, e.sub_event_type, e.location) for e in evs] == [
        ("Strategic developments", "Arrests", "Zarqa")]


def test_a_fighting_word_after_a_front_noun_names_the_front_not_a_fight(kb):
    (ev,) = events(kb, "أعلن الفصيل انسحاب مقاتليه أمس من خطوط المواجهة مع الجيش في ريف حماة.")
    assert (ev.event_type, ev.sub_event_type) == ("Strategic developments", "Non-violent transfer of territory")
    (ev,) = events(kb, "انسحب مقاتلو الفصيل أمس من خطوط التماس مع الجيش في ريف حماة.")  # a front is ground left
    assert ev.sub_event_type == "Non-violent transfer of territory"


# ---------------------------------------------------------------------------------------------------------------
# Ground wrested and crowds counted: word forms the dictionary's entries do not reach


def test_ground_wrested_with_the_control_noun_is_a_taking_but_not_as_a_condition(kb):
    (ev,) = events(kb, "وانتزع مقاتلو المعارضة أمس، السيطرة على بلدة كفرنبل في ريف إدلب من يد قوات النظام.")
    assert (ev.event_type, ev.country) == ("Battles", "Syria")
    assert events(kb, "وإذا انتزع مقاتلو المعارضة السيطرة على بلدة كفرنبل في ريف إدلب فإن ذلك سيغير المعادلة.") == []
    # a verb of achieving with its "من" or "في": ground taken; a fire put out is none
    (ev,) = events(kb, "وتمكنت قوات الجيش أمس من السيطرة على بلدة كفرنبل في ريف إدلب.")
    assert (ev.event_type, ev.country) == ("Battles", "Syria")
    assert "Battles" not in {e.event_type for e in events(
        kb, "وتمكنت فرق الدفاع المدني أمس من السيطرة على حريق في مستودع بمدينة جدة.")}


def test_a_counted_crowd_arrested_is_the_arrests_party(kb):
    evs = events(kb, "واعتقلت الشرطة أمس نحو 50 متظاهرا في مدينة هامبورغ الألمانية.")
    assert [e.event_type for e in evs] == ["Strategic developments"]


def test_a_taking_reported_by_a_verb_of_reporting_is_a_taking(kb):
    (ev,) = events(kb, "وأفادت مصادر محلية أمس بسيطرة المقاومة الشعبية على أجزاء من مدينة زنجبار اليمنية.")
    assert (ev.event_type, ev.country) == ("Battles", "Yemen")
