"""Places found by sound when the gazetteer has no Arabic name for them."""

import pytest

from rasd.recognize.transliterate import arabic_skeleton, latin_skeleton, latin_skeletons


@pytest.mark.parametrize("latin, arabic", [
    ("Silopi", "شيلوبي"), ("Silopi", "سيلوبي"), ("Suruç", "سروج"), ("Suruç", "سوروتش"), ("Kilis", "كلس"),
    ("Bulanık", "بولانيك"), ("Ceylanpınar", "جيلان بينار"), ("Cizre", "جزرة"), ("Doğubayazıt", "دوغو بايزيد"),
])
def test_the_two_scripts_meet_on_one_skeleton(latin, arabic):
    assert arabic_skeleton(arabic) in latin_skeletons(latin)


def test_silent_g_and_ascii_spellings():
    assert arabic_skeleton("دوجو بايزيد") in latin_skeletons("Dogubayazit")
    assert latin_skeleton("Kirkuk") != latin_skeleton("Kilis")


def test_pipeline_finds_a_turkish_town_by_sound_in_a_place_slot():
    from datetime import date

    from rasd.kb import load_kb
    from rasd.model import Article
    from rasd.pipeline import process

    text = "قتل شرطي تركي في هجوم نفذه مسلحون من حزب العمال الكردستاني في بلدة بولانيك أمس."
    events = process(Article(text=text, published=date(2015, 8, 10)), load_kb()).events
    assert [e.location for e in events] == ["Bulanik"]
    assert events[0].country == "Turkey" and events[0].fatalities == 1
    # The same sound outside a place slot is not a place (the news agency الأناضول is not Antalya).
    text = "ونقلت وكالة الأناضول عن مصدر أمني أن شرطيا قتل في هجوم أمس في تركيا."
    events = process(Article(text=text, published=date(2015, 8, 10)), load_kb()).events
    assert all(e.location != "Antalya" for e in events)


def test_a_word_the_terms_say_is_no_place_is_no_town_by_sound(kb):
    from rasd.recognize.unlisted import place_by_sound

    def by_sound(word: str):
        text = f"ونفذ التنظيم تفجيرين انتحاريين في {word} قرب الحدود التركية."
        start = text.index(word)
        return place_by_sound(text, start, start + len(word), {"TUR", "SYR"}, kb)

    assert by_sound("كورتون").label == "Kurtun"  # a Turkish village, found by how it sounds
    assert by_sound("قريتين") is None  # 'two villages' (never_safe) sounds like it but is no place
