"""Event extraction rules on news sentences (written in the style of the corpus; none is from the gold sets)."""

from __future__ import annotations

from datetime import date

from rasd.model import Article
from rasd.pipeline import process

PUB = date(2015, 7, 27)  # a Monday


def events(kb, text: str, published: date = PUB):
    return process(Article(text=text, published=published), kb, decide="rules").events


def one(kb, text: str, published: date = PUB):
    evs = events(kb, text, published)
    assert len(evs) == 1, [e.notes for e in evs]
    return evs[0]


def test_passive_victims_and_agent_marker(kb):
    ev = one(kb, "قتل اثنان من أفراد قوات الأمن العراقية وأصيب 12 آخرون في تفجير انتحاري نفذه تنظيم داعش "
                 "في مدينة الرمادي أمس.")
    assert ev.sub_event_type == "Suicide bomb"
    assert ev.actor1 == "Islamic State"
    assert ev.actor2 and "Iraq" in ev.actor2
    assert (ev.fatalities, ev.injured) == (2, 12)
    assert ev.location == "Ramadi" and ev.admin1 in ("Al-Anbar", "Anbar")
    assert ev.event_date == date(2015, 7, 26) and ev.time_precision == 1
    assert ev.evidence["fatalities"].text.startswith("قتل")


def test_verb_subject_order_and_partitive_victim(kb):
    ev = one(kb, "اختطف مسلحون مجهولون يوم أول أمس عنصرا من قوات النظام في مدينة حمص.")
    assert ev.sub_event_type == "Abduction/forced disappearance"
    assert ev.actor1.startswith("Unidentified Armed Group")
    assert ev.actor2 == "Military Forces of Syria"
    assert ev.event_date == date(2015, 7, 25)


def test_source_is_not_a_party(kb):
    ev = one(kb, "ونقلت وكالة الأناضول عن ضابط في الشرطة الاتحادية قوله اليوم: إن قوات الأمن العراقية قتلت "
                 "15 عنصرا من تنظيم داعش في اشتباكات بمدينة الفلوجة.")
    assert ev.event_type == "Battles"
    assert {ev.actor1, ev.actor2} == {"Military Forces of Iraq", "Islamic State"}
    assert ev.fatalities == 15
    assert ev.attribution and ev.evidence["attribution"].text.startswith("نقلت")


def test_offset_from_a_landmark_is_a_geodesic_point(kb):
    ev = one(kb, "هاجم مسلحو داعش ليل الاثنين الماضي موقعا عسكريا يبعد 30 كم جنوب قاعدة عين الأسد، "
                 "ما أدى إلى مقتل جندي.", published=date(2020, 1, 16))
    assert ev.location_offset == {"km": 30.0, "bearing_deg": 180.0, "anchor": ev.location_offset["anchor"]}
    assert ev.geo_precision == 2 and ev.country == "Iraq"
    assert ev.fatalities == 1 and ev.event_date == date(2020, 1, 13)


def test_border_area_belongs_to_the_home_country(kb):
    ev = one(kb, "قتل جندي تركي وآخر من تنظيم داعش في تبادل لإطلاق النار أمس بين الجيش التركي وتنظيم داعش "
                 "عبر الحدود التركية السورية.")
    assert ev.country == "Turkey" and ev.geo_precision == 3
    assert ev.fatalities == 2
    assert ev.latitude is None and "latitude" in ev.missing


def test_habitual_statement_and_seized_weapons_are_no_events(kb):
    assert events(kb, "ويقصف النظام بانتظام مناطق المعارضة في ريف إدلب بالبراميل المتفجرة.") == []
    evs = events(kb, "أعلنت الشرطة اليوم اعتقال 12 مطلوبا في مدينة الموصل وضبط عبوات ناسفة وأسلحة.")
    assert [e.sub_event_type for e in evs] == ["Arrests"]
    assert evs[0].actor1 and "Iraq" in evs[0].actor1


def test_defused_device_is_disrupted_weapons_use(kb):
    ev = one(kb, "تمكنت قوات الأمن من تفكيك عبوة ناسفة زرعت على طريق في مدينة بعقوبة صباح اليوم.")
    assert ev.sub_event_type == "Disrupted weapons use"


def test_repeated_definite_mention_is_one_event_and_lowest_figure(kb):
    text = ("قتل 14 شخصا في سقوط صاروخ أطلقته قوات النظام على حي سكني في مدينة حلب أمس.\n"
            "وقال المرصد إن الصاروخ سقط على الحي ما أدى إلى مقتل 12 شخصا.")
    ev = one(kb, text)
    assert ev.sub_event_type == "Shelling/artillery/missile attack"
    assert ev.actor1 == "Military Forces of Syria"
    assert ev.fatalities == 12


def test_two_events_in_one_sentence_when_one_answers_the_other(kb):
    evs = events(kb, "حيث قامت ايران الاسبوع الماضي باطلاق صواريخ على قاعدة عسكرية عراقية ردا على الضربة الجوية "
                     "الاميركية بطائرة مسيرة عند مطار بغداد التي تسببت بمقتل قائد عسكري.", published=date(2020, 1, 16))
    subs = sorted(e.sub_event_type for e in evs)
    assert subs == ["Air/drone strike", "Shelling/artillery/missile attack"]
    drone = next(e for e in evs if e.sub_event_type == "Air/drone strike")
    assert drone.background and drone.admin1 == "Baghdad" and drone.fatalities == 1
    # A brief text's background mention with neither a date nor a toll is kept when it names the act's place
    # (issue 14: each sentence alone yields its event; no silent drops), marked background, which honest counts
    # leave out; in a long article it is too vague to code (rasd.events.build._concrete).
    alone = events(kb, "وجاء ذلك ردا على الضربة الجوية الاميركية عند مطار بغداد.", date(2020, 1, 16))
    assert [(e.sub_event_type, e.background) for e in alone] == [("Air/drone strike", True)]


def test_no_place_no_event_and_hypothetical_is_dropped(kb):
    assert events(kb, "ويخشى المسؤولون من هجمات انتقامية محتملة ضد القوات الأجنبية.") == []
    assert events(kb, "هذا نص لا يحتوي على أي حدث.") == []


def test_every_filled_field_has_evidence_pointing_into_the_text(kb):
    text = "قتل ثلاثة جنود في هجوم بعبوة ناسفة استهدف دورية للجيش العراقي قرب مدينة سامراء أمس."
    for ev in events(kb, text):
        for name, span in ev.evidence.items():
            assert text[span.start:span.end] == span.text, name
        for name in ("event_type", "location", "fatalities", "event_date"):
            assert name in ev.evidence


def test_number_before_a_conjoined_cue_is_not_the_wounded(kb):
    ev = one(kb, "وأعلنت مصادر رسمية مقتل عسكريين تركيين اثنين وجرح اربعة آخرين مساء السبت في انفجار سيارة "
                 "مفخخة استهدف قافلة عسكرية في محافظة ديار بكر.", published=date(2015, 7, 26))
    assert (ev.fatalities, ev.injured) == (2, 4)
    assert ev.sub_event_type == "Remote explosive/landmine/IED"
