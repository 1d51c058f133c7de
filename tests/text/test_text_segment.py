"""Sentences, tokens and clitic segmentation on real sentences (seed article, SaudiNewsNet)."""

from __future__ import annotations

import pytest

from rasd.errors import TextError
from rasd.text.segment import segment_word, split_sentences, tokenize

# (folded or raw word, proclitics, stem, enclitics): words from the seed article and the SaudiNewsNet subset.
SEGMENTS = [
    ("والحشد", ("و", "ال"), "حشد", ()),
    ("بمقتل", ("ب",), "مقتل", ()),
    ("وللقوات", ("و", "ل", "ال"), "قوات", ()),
    ("فللقوات", ("ف", "ل", "ال"), "قوات", ()),
    ("وبالموصل", ("و", "ب", "ال"), "موصل", ()),
    ("بالموصل", ("ب", "ال"), "موصل", ()),
    ("للوضع", ("ل", "ال"), "وضع", ()),
    ("الحدود", ("ال",), "حدود", ()),
    ("التنظيم", ("ال",), "تنظيم", ()),
    ("بالرد", ("ب", "ال"), "رد", ()),
    ("وعدم", ("و",), "عدم", ()),
    ("لاخراج", ("ل",), "اخراج", ()),
    ("باستغلاله", ("ب",), "استغلال", ("ه",)),
    ("لمصلحته", ("ل",), "مصلحه", ("ه",)),
    ("قواتها", (), "قوات", ("ها",)),
    ("مدينته", (), "مدينه", ("ه",)),
    ("وايران", ("و",), "ايران", ()),
    ("لبغداد", ("ل",), "بغداد", ()),
    ("وقال", ("و",), "قال", ()),
    ("واكد", ("و",), "اكد", ()),
    ("وسيتم", ("و", "س"), "يتم", ()),
    ("وجرح", ("و",), "جرح", ()),  # seed: وجرح اربعة آخرين
    ("واضاف", ("و",), "اضاف", ()),
    ("واوضح", ("و",), "اوضح", ()),
    ("وكان", ("و",), "كان", ()),
    ("وهو", ("و",), "هو", ()),
    ("ولكنهم", ("و",), "لكن", ("هم",)),
    ("والاجنبيه", ("و", "ال"), "اجنبيه", ()),
    ("لعملياته", ("ل",), "عمليات", ("ه",)),
    # words that only look like clitic + word
    ("لبنان", (), "لبنان", ()),
    ("بغداد", (), "بغداد", ()),
    ("واشنطن", (), "واشنطن", ()),
    ("فرنسا", (), "فرنسا", ()),
    ("بريطانيا", (), "بريطانيا", ()),
    ("وزير", (), "وزير", ()),
    ("بلال", (), "بلال", ()),
    ("كان", (), "كان", ()),
    ("كما", (), "كما", ()),
    ("بين", (), "بين", ()),
    ("بعد", (), "بعد", ()),
    ("عسكري", (), "عسكري", ()),
    ("الله", (), "الله", ()),
    ("الذي", (), "الذي", ()),
    ("ايران", (), "ايران", ()),
    ("فيلق", (), "فيلق", ()),
    ("لجنه", (), "لجنه", ()),
    ("الغاء", (), "الغاء", ()),
    ("المانيا", (), "المانيا", ()),
    ("وقت", (), "وقت", ()),  # takes the article (الوقت): a word of its own
    ("وجود", (), "وجود", ()),
    ("بيان", (), "بيان", ()),
    ("وسط", (), "وسط", ()),
    ("لقاء", (), "لقاء", ()),
    ("وليد", (), "وليد", ()),
]


@pytest.mark.parametrize(("word", "pro", "stem", "enc"), SEGMENTS)
def test_segment_word(word: str, pro: tuple[str, ...], stem: str, enc: tuple[str, ...]) -> None:
    assert segment_word(word) == (pro, stem, enc)


def test_segment_word_folds_its_input() -> None:
    assert segment_word("وللقوّات") == (("و", "ل", "ال"), "قوات", ())
    assert segment_word("") == ((), "", ())


def test_tokens_of_seed_sentence(seed_text: str) -> None:
    sentence_start = seed_text.index("واكد مسؤولون")
    tokens = [t for t in tokenize(seed_text) if t.start >= sentence_start][:60]
    for t in tokens:
        assert seed_text[t.start:t.end] == t.text
    by_text = {t.text: t for t in tokens}
    assert by_text["بمقتل"].proclitics == ("ب",) and by_text["بمقتل"].stem == "مقتل"
    assert by_text["التنظيم"].stem == "تنظيم"
    assert by_text["آخرين"].norm == "اخرين"
    assert by_text["اربعة"].norm == "اربعه" and by_text["اربعة"].enclitics == ()  # a taa marbuta is no pronoun
    assert by_text["“"].norm == '"'


def test_token_offsets_digits_and_punctuation() -> None:
    text = "قتل ٤٥ شخصا، و1,500 جريح."
    toks = tokenize(text)
    assert [(t.text, t.norm) for t in toks] == [("قتل", "قتل"), ("٤٥", "45"), ("شخصا", "شخصا"), ("،", ","),
                                              ("و", "و"), ("1,500", "1,500"), ("جريح", "جريح"), (".", ".")]
    assert all(text[t.start:t.end] == t.text for t in toks)


def test_tokens_keep_diacritics_and_tatweel_in_their_span() -> None:
    text = "قُتِلَ جنديٌّ بـ القصـــف"
    toks = tokenize(text)
    assert [t.text for t in toks] == ["قُتِلَ", "جنديٌّ", "بـ", "القصـــف"]
    assert [t.norm for t in toks] == ["قتل", "جندي", "ب", "القصف"]


def test_seed_sentences(seed_text: str) -> None:
    spans = split_sentences(seed_text)
    texts = [s.text for s in spans]
    assert texts[0] == "تقرير أميركي: داعش بدأ يستعيد نشاطه قرب الحدود العراقية السورية"  # the headline
    assert any(t.startswith("واكد مسؤولون عراقيون") and t.endswith("مع سوريا” .") for t in texts)
    assert "اترك تعليقاً" in texts
    for s in spans:
        assert seed_text[s.start:s.end] == s.text and s.text == s.text.strip()
    covered = set()
    for s in spans:
        covered.update(range(s.start, s.end))
    assert all(i in covered for i, ch in enumerate(seed_text) if not ch.isspace())


SENTENCES = [
    ("بغداد - رويترز: قتل ثلاثة جنود. وأصيب آخرون!", ["بغداد - رويترز:", "قتل ثلاثة جنود.", "وأصيب آخرون!"]),
    ("القاهرة (أ ف ب) - قال مسؤول إن الهجوم وقع؟ نعم.", ["القاهرة (أ ف ب) -", "قال مسؤول إن الهجوم وقع؟", "نعم."]),
    ("دمشق - «الحياة»: قصفت الطائرات المدينة.", ["دمشق - «الحياة»:", "قصفت الطائرات المدينة."]),
    ("وقال: «قتل 3.5 بالمئة من السكان.» ثم غادر.", ["وقال: «قتل 3.5 بالمئة من السكان.»", "ثم غادر."]),
    ("عنوان الخبر\nنص الخبر الأول. نص ثان", ["عنوان الخبر", "نص الخبر الأول.", "نص ثان"]),
    ("The U.S. military said... It was Mr. Smith. Done", ["The U.S. military said...", "It was Mr. Smith.", "Done"]),
    ("قتل اثنان!! وأصيب ثلاثة؟!", ["قتل اثنان!!", "وأصيب ثلاثة؟!"]),
    ("وقال د. محمد إن سائقهما (م. ب) اعتقل. ثم أفرج عنه", ["وقال د. محمد إن سائقهما (م. ب) اعتقل.", "ثم أفرج عنه"]),
    ("   \n  ", []),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_split_sentences(text: str, expected: list[str]) -> None:
    spans = split_sentences(text)
    assert [s.text for s in spans] == expected
    assert all(text[s.start:s.end] == s.text for s in spans)


def test_non_str_inputs_are_text_errors() -> None:
    for fn in (split_sentences, tokenize, segment_word):
        with pytest.raises(TextError):
            fn(None)  # type: ignore[arg-type]
