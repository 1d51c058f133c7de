"""Dictionary recogniser: clitics, spelling variants, composition, spans into the original text, no noise."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.errors import TextError
from rasd.kb import build_kb
from rasd.model import Mention
from rasd.recognize.mentions import find_mentions


@dataclass
class FakePlace:
    id: str
    name_en: str
    name_ar: str
    iso3: str = "IRQ"


PLACES = [("mosul_district", "Mosul District", "الموصل"), ("mosul", "Mosul", "الموصل"), ("ramadi", "Ramadi", "الرمادي"), ("baghdad", "Baghdad", "بغداد"),
          ("saudi", "Saudi Arabia", "السعوديه", "SAU"), ("qal", "Qal", "قال"),
          ("waleed", "Al-Waleed crossing", "معبر الوليد"), ("hit", "Hit", "هيت"), ("syria", "Syria", "سوريا", "SYR")]


class FakeGazetteer:
    """Just enough of rasd.kb.gazetteer.Gazetteer for the recogniser, with folded forms."""

    def __init__(self) -> None:
        # (a place's country matters: a form that is also a nationality adjective is a place only in that country)
        self.places = {pid: FakePlace(pid, en, ar, *rest) for pid, en, ar, *rest in PLACES}

    def get(self, place_id: str) -> FakePlace:
        return self.places[place_id]

    def surface_forms(self) -> Iterator[tuple[str, str]]:
        for p in self.places.values():
            yield p.name_ar, p.id
        yield "في", "syria"  # a gazetteer junk form: must never match

    def country(self, iso3: str) -> FakePlace:
        return FakePlace(iso3.lower(), iso3, "")

    def candidates(self, folded_form: str) -> list[FakePlace]:
        return [p for p in self.places.values() if p.name_ar == folded_form]

    def countries_by_adjective(self) -> dict[str, str]:
        return {}


@pytest.fixture(scope="module")
def kb():
    return build_kb(FakeGazetteer())


def found(text: str, kb) -> list[tuple[str, str, object]]:
    return [(m.kind, m.span.text, m.value) for m in find_mentions(text, kb)]


def one(text: str, kb, kind: str) -> Mention:
    ms = [m for m in find_mentions(text, kb) if m.kind == kind]
    assert len(ms) == 1, [(m.kind, m.span.text) for m in ms]
    return ms[0]


@pytest.mark.parametrize(("text", "kind", "span", "value"), [
    ("وصلت التعزيزات بالموصل أمس", "place", "الموصل", "mosul_district"),
    ("انسحبوا والرمادي محاصرة", "place", "الرمادي", "ramadi"),
    ("قدموا الدعم للحشد الشعبي في المعركة", "actor", "لحشد الشعبي", "popular_mobilization_forces"),
    ("سلموا المواقع وللقوات الأمنية الدور", "actor", "لقوات الأمنية", "security"),
    ("هرب الدواعش من القرية", "actor", "الدواعش", "islamic_state"),
    ("أعلن تنظيم الدولة الإسلامية مسؤوليته", "actor", "تنظيم الدولة الإسلامية", "islamic_state"),
    ("وقصفت مقاتلات التحالف مواقع", "actor", "مقاتلات التحالف", "coalition"),
    ("وأعلن حزب العمال الكردستاني", "actor", "حزب العمال الكردستاني", "pkk"),
    ("قتلى في غارة للبيشمركة", "actor", "لبيشمركة", "peshmerga"),
    ("فبالتفجير الأخير تغير الوضع", "trigger", "تفجير", "explosion"),
    ("ردا على للهجمات", "trigger", "هجمات", "attack"),
])
def test_clitics_and_variants(kb, text, kind, span, value):
    m = one(text, kb, kind)
    assert (m.span.text, m.value) == (span, value)
    assert text[m.span.start:m.span.end] == m.span.text


def test_span_excludes_proclitics_and_maps_to_original(kb):
    text = "بمقتل قائدهم بالموصل"
    kill = one(text, kb, "cue")
    assert kill.span.text == "مقتل" and kill.value == "kill"
    assert text[kill.span.start] == "م"
    place = one(text, kb, "place")
    assert text[place.span.start:place.span.start + 2] == "ال"
    # diacritics and tatweel in the original stay inside the span
    text = "هاجم مُسلّحون مــوقعاً في الرَّمادي"
    assert one(text, kb, "place").span.text == "الرَّمادي"
    assert one(text, kb, "actor").span.text == "مُسلّحون"


def test_triggers_in_inflected_forms(kb):
    cases = {
        "هاجموا الموقع": "attack", "شنوا هجمات": "attack", "خلال هجومهم على": "attack", "نفذ داعش هجوماً": "attack",
        "شن الطيران قصفا": "shelling", "نصبوا كمينا": "ambush", "نفذ تفجيرا": "explosion",
        "اشتبكت القوات": "clash", "وقعت اشتباكات": "clash", "في كمين نصبه": "ambush",
        "بعبوة ناسفة": "ied", "بسيارة مفخخة": "car_bomb", "شنت غارات جوية": "airstrike",
        "استهدفته طائرة مسيرة": "drone_strike", "بقذائف هاون": "mortar", "عملية اغتيال": "assassination",
        "تم اختطاف": "kidnapping", "حملة اعتقالات": "arrest", "تظاهرة حاشدة": "protest",
        "تفكيك عبوة ناسفة": "defused_device", "فجر انتحاري نفسه": "suicide_bombing",
    }
    for text, trigger in cases.items():
        ids = [m.value for m in find_mentions(text, kb) if m.kind == "trigger"]
        assert trigger in ids, (text, ids)


def test_accusative_alif_only_where_it_belongs(kb):
    m = one("قتل جنديا وأصيب آخر", kb, "actor")
    assert (m.value, m.span.text) == ("military", "جندي")  # like enclitics, the ending stays outside the span
    assert [m for m in find_mentions("استقبلوه بحماسا كبيرا", kb) if m.kind == "actor"] == []


def test_a_figure_written_onto_a_word_ends_it(kb):
    # "بمقتل17 شخصا": the cue is found though the figure follows it with no space
    assert [m.value for m in find_mentions("أسفر الانفجار عن مقتل17 شخصا", kb) if m.kind == "cue"] == ["kill"]


def test_dual_trigger_counts_two_events(kb):
    m = one("نفذ التنظيم هجومين على مواقع", kb, "trigger")
    assert m.value == "attack__dual" and m.attrs["count"] == 2
    assert m.attrs["event_type"] == "Battles" and m.attrs["sub_event_type"] == "Armed clash"
    assert one("قتل في غارتين", kb, "trigger").attrs["count"] == 2


def test_weapon_and_trigger_attrs(kb):
    m = one("في سيارة مفخخة", kb, "trigger")
    assert m.attrs["weapon"] == "vbied" and m.attrs["violent"] is True
    w = one("استخدموا اسلحة خفيفة", kb, "weapon")
    assert (w.value, w.label) == ("small_arms", "small arms")


def test_composition_of_agent_and_nationality(kb):
    cases = {
        "هاجموا القوات الأمنية العراقية": ("military_irq", "القوات الأمنية العراقية", "Military Forces of Iraq"),
        "قصف الجيش السوري المدينة": ("military_syr", "الجيش السوري", "Military Forces of Syria"),
        "ردت قوات أمنية عراقية": ("military_irq", "قوات أمنية عراقية", "Military Forces of Iraq"),
        "شن الطيران الروسي غارات": ("military_rus", "الطيران الروسي", "Military Forces of Russia"),
        "قصفت الطائرات الحربية التركية": ("military_tur", "الطائرات الحربية التركية", "Military Forces of Turkey"),
        "قتل مدنيين سوريين": ("civilians_syr", "مدنيين سوريين", "Civilians (Syria)"),
        "اعتقلت الشرطة الأردنية": ("police_jor", "الشرطة الأردنية", "Police Forces of Jordan"),
        "حاول مسلحون من داعش": ("islamic_state", "مسلحون من داعش", "Islamic State"),
        "أعلنت القوات السعودية": ("military_sau", "القوات السعودية", "Military Forces of Saudi Arabia"),
    }
    for text, (value, span, label) in cases.items():
        m = one(text, kb, "actor")
        assert (m.value, m.span.text, m.label) == (value, span, label), text
        assert m.attrs["generic"] is False and m.attrs["iso3"] == kb.actor(value).iso3


def test_no_composition_across_clauses_or_disagreement(kb):
    kinds = [k for k, _, _ in found("انتشر الجيش، والعراقية", kb)]
    assert kinds == ["actor", "nationality"]
    m = one("الحكومة ووزير الخارجية الفرنسي", kb, "actor")
    assert m.value == "government" and m.attrs["generic"] is True


def test_nationality_alone_and_generic_agent(kb):
    ms = find_mentions("نقلا عن مسؤولين عراقيين", kb)
    assert [(m.kind, m.value) for m in ms] == [("cue", "report"), ("cue", "sources"), ("nationality", "IRQ")]
    m = one("تقدم الجيش نحو المدينة", kb, "actor")
    assert m.value == "military" and m.attrs == {"agent": "military", "iso3": None, "generic": True}


def test_country_name_is_a_place_when_alone(kb):
    m = one("وقع الهجوم في السعودية", kb, "place")
    assert (m.value, m.label) == ("saudi", "Saudi Arabia")


def test_place_attrs(kb):
    m = one("شمال معبر الوليد الحدودي", kb, "place")
    assert m.value == "waleed" and m.label == "Al-Waleed crossing" and m.attrs["candidates"] == ["waleed"]
    m = one("للموصل", kb, "place")  # ل + ال written لل; candidates in the gazetteer's order
    assert m.span.text == "لموصل" and m.attrs["candidates"] == ["mosul_district", "mosul"]


def test_longest_match_wins(kb):
    m = one("قاتل الجيش السوري الحر قرب حلب", kb, "actor")
    assert m.value == "free_syrian_army"
    m = one("بحسب التحالف الدولي بقيادة الولايات المتحدة", kb, "actor")
    assert m.span.text == "التحالف الدولي بقيادة الولايات المتحدة"
    assert one("استهدف\nتنظيم   داعش المنطقة", kb, "actor").span.text == "تنظيم   داعش"


def test_common_words_make_no_spurious_mentions(kb):
    text = ("وقال في كلمة له إن الاقتصاد يحتاج إلى إصلاحات كبيرة، مضيفا أن الحكومات المتعاقبة لم تنجح "
            "في ذلك، وأشار إلى أن الإشارة واضحة. كلا البلدين وقعا اتفاقية للتعاون التجاري والثقافي "
            "في فجر يوم جديد، وهيتم المسؤولون بالتعليم والصحة والماء.")
    ms = find_mentions(text, kb)
    assert [m.value for m in ms if m.span.text == "قال"] == ["report"]  # the cue, not the village named قال
    kinds = {m.kind for m in ms}
    assert kinds <= {"cue"}, [(m.kind, m.span.text) for m in ms if m.kind != "cue"]
    assert all(m.span.text not in ("كلا", "إضاف", "إشار", "فجر", "في", "هيت") for m in ms)


def test_bad_input(kb):
    with pytest.raises(TextError):
        find_mentions(None, kb)  # type: ignore[arg-type]
    assert find_mentions("", kb) == []


WORDS = ["داعش", "بالموصل", "والجيش", "العراقي", "هجوم", "هجومين", "في", "قتل", "مقتله", "للقوات", "الامنية",
         "قرب", "الحدود", "مسلحون", "من", "التحالف", "غارات", "،", ".", "\n", "  ", "ـ", "ً", "لا", "كلا"]


@given(st.lists(st.sampled_from(WORDS), max_size=25))
@settings(max_examples=60, deadline=None)
def test_spans_point_into_original_and_never_overlap(kb, words):
    text = " ".join(words)
    ms = find_mentions(text, kb)
    last_end = -1
    for m in ms:
        assert text[m.span.start:m.span.end] == m.span.text
        assert m.span.start >= last_end
        last_end = m.span.end
