"""Machine spellings of Latin place names (scripts/place_translit.py) and the gazetteer's lower-trust tier."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from rasd.kb.gazetteer import TRANSLIT, Gazetteer, load_gazetteer, load_terms, transliterated_form_is_safe
from rasd.kb.geo import FormSafety, clean_form

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from place_translit import arabic_forms, turkish_forms  # noqa: E402


@pytest.mark.parametrize(("name", "spelling"), [
    ("Bulanık", "بولانيك"), ("Silopi", "سيلوبي"), ("Suruç", "سوروتش"), ("Suruç", "سوروج"), ("Midyat", "مديات"),
    ("Lice", "ليجه"), ("Kilis", "كيليس"), ("Ceylanpınar", "جيلان بينار"), ("Şırnak", "شرناق"),
    ("Kızıltepe", "قزل تبه"), ("Yüksekova", "يوكسك اوفا"), ("İdil", "اديل"),
])
def test_turkish_spellings(name: str, spelling: str) -> None:
    assert spelling in turkish_forms(name)


def test_turkish_villages_get_one_convention_only() -> None:
    full = turkish_forms("Bulanık", reduced=False)
    assert full == ["بولانيك"]
    assert turkish_forms("Moscow1") == [] and turkish_forms("Αθήνα") == []


@pytest.mark.parametrize(("name", "spelling"), [
    ("Ad Dujayl", "الدجيل"), ("Tall Rif‘at", "تل رفعت"), ("Nāḩiyat al Fuhūd", "ناحية الفهود"),
    ("Ma‘arrat an Nu‘mān", "معرة النعمان"), ("Jisr ash Shughūr", "جسر الشغور"), ("Khān Shaykhūn", "خان شيخون"),
    ("Qaşr al Ḩallābāt", "قصر الحلابات"), ("Al Fū‘ah", "الفوعة"), ("Ash-Shūbak", "الشوبك"),
])
def test_arabic_romanisation_read_back(name: str, spelling: str) -> None:
    assert spelling in arabic_forms(name)


def test_ascii_names_try_both_h() -> None:
    assert set(arabic_forms("Bhamdoun")) == {"بهمدون", "بحمدون"}
    assert arabic_forms("Block 7") == []


SAFETY = FormSafety({"موت": (170, 0), "سوروتش": (127, 34), "اوغلو": (298, 0)}, load_terms().generic)


def test_transliterated_safety() -> None:
    assert not transliterated_form_is_safe("موت", SAFETY, 100_000)  # Mut: a common word
    assert transliterated_form_is_safe("سوروتش", SAFETY)  # attested as a place in the corpus
    assert not transliterated_form_is_safe("بيسميل", SAFETY)  # unattested village name alone: a surname too
    assert transliterated_form_is_safe("بيسميل", SAFETY, 60_000)  # a town of that size is meant
    assert transliterated_form_is_safe("بلده بيسميل", SAFETY)  # in a place slot
    assert transliterated_form_is_safe("مدينه ليجه", SAFETY) and not transliterated_form_is_safe("ليجه", SAFETY, 10**6)
    assert not transliterated_form_is_safe("منطقه موت", SAFETY)
    assert transliterated_form_is_safe("يوكسك اوفا", SAFETY)
    assert not transliterated_form_is_safe("باي اوغلو", SAFETY.__class__({"باي": (790, 2), "اوغلو": (298, 0)}, ()))


def _rec(pid: str, name_en: str, name_ar: str, iso3: str, population: int, translit: list[str] = ()) -> dict:
    return {"id": pid, "name_en": name_en, "name_ar": name_ar, "kind": "populated", "feature": "PPL",
            "iso3": iso3, "country": iso3, "lat": 37.0, "lon": 40.0, "population": population, "pcode": None,
            "source": "test", "names_ar": [name_ar] if name_ar else [], "names_translit": list(translit)}


def test_translit_tier_never_shadows_a_written_name() -> None:
    gaz = Gazetteer([_rec("a", "Kilis", "كلس", "TUR", 90_000), _rec("b", "Bismil", "", "TUR", 60_000, ["بيسميل"]),
                     _rec("c", "Kelis", "", "TUR", 900, ["كلس", "بلده كيليس"])], SAFETY, load_terms())
    assert [p.id for p in gaz.candidates("كلس")] == ["a"]  # the written name keeps its place alone
    assert gaz.form_level("بيسميل", "b") == TRANSLIT and gaz.form_level("كلس", "c") is None
    assert gaz.resolve("بيسميل").id == "b"
    assert ("بيسميل", "b") in set(gaz.surface_forms()) and ("بلده كيليس", "c") in set(gaz.surface_forms())


def test_packaged_translit_forms() -> None:
    gaz = load_gazetteer()
    suruc = gaz.resolve("سوروتش", ["TUR"])
    assert suruc is not None and suruc.name_en == "Suruc" and gaz.form_level("سوروتش", suruc.id) == TRANSLIT
    assert gaz.resolve(clean_form("بلدة بيسميل")).name_en == "Bismil"
    assert gaz.resolve("بولانيك").name_en == "Bulanik"
    surface = {f for f, _ in gaz.surface_forms()}
    assert "موت" not in surface and "اولا" not in surface  # Mut, Ula
