"""Machine spellings of Latin place names (scripts/place_translit.py) and the gazetteer's lower-trust tier."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from rasd.kb.gazetteer import TRANSLIT, Gazetteer, load_gazetteer, load_terms, transliterated_form_is_safe
from rasd.kb.geo import FormSafety, clean_form

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from place_translit import arabic_forms, final_e_forms, turkish_forms  # noqa: E402


@pytest.mark.parametrize(("name", "spelling"), [
    ("Bulanık", "بولانيك"), ("Silopi", "سيلوبي"), ("Suruç", "سوروتش"), ("Suruç", "سوروج"), ("Midyat", "مديات"),
    ("Lice", "ليجه"), ("Kilis", "كيليس"), ("Ceylanpınar", "جيلان بينار"), ("Şırnak", "شرناق"),
    ("Kızıltepe", "قزل تبه"), ("Yüksekova", "يوكسك اوفا"), ("İdil", "اديل"),
    ("Beyoğlu", "باي اوغلو"), ("Beyoğlu", "بي اوغلو"),
])
def test_turkish_spellings(name: str, spelling: str) -> None:
    assert spelling in turkish_forms(name)


def test_final_e_spelled_yaa_only_after_a_place_word() -> None:
    assert final_e_forms("Lice", turkish_forms("Lice")) == ["ليجي", "لجي"] and final_e_forms("Kilis", ["كيليس"]) == []
    gaz = load_gazetteer()
    assert all(p.name_en != "Edirne" for p in gaz.candidates("ادرني"))  # بادرني 'he addressed me'


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
    assert not transliterated_form_is_safe("الجرف غرب", SAFETY)  # Al Giref Gharb: a direction follows names
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
    assert gaz.resolve(clean_form("منطقة ليجي"), ["TUR"]).name_en == "Lice"  # final e written ي
    surface = {f for f, _ in gaz.surface_forms()}
    assert "موت" not in surface and "اولا" not in surface  # Mut, Ula


# ---------------------------------------------------------------- curated towns (scripts/gazetteer_towns.py)
from gazetteer_towns import build_towns  # noqa: E402

from rasd.kb.geo import AdminIndex, name_variants  # noqa: E402


def _place(pid, name_en, name_ar, kind, feature, iso3, country, admin, lat, lon, population, pcode, source, names_ar):
    return {"id": pid, "name_en": name_en, "name_ar": name_ar, "kind": kind, "feature": feature, "iso3": iso3,
            "country": country, "admin1": admin[0], "admin2": admin[1], "admin3": admin[2], "lat": lat, "lon": lon,
            "population": population, "pcode": pcode, "source": source, "names_ar": names_ar}


BUILT = [_place("sy:adm1:SY07", "Idleb", "إدلب", "admin1", "ADM1", "SYR", "Syria", ("Idleb", None, None), 35.9,
                36.6, 0, "SY07", "t", ["إدلب"]),
         _place("gn:1", "Binnish", "بنش", "populated", "PPL", "SYR", "Syria", ("Idleb", None, None), 35.95, 36.71,
                20000, None, "t", ["بنش"])]
INFO = {"SY": {"iso3": "SYR", "name": "Syria"}}


def _town(**kw) -> dict:
    entry = {"id": "x", "en": "Al-Fu'ah", "ar": "الفوعة", "iso3": "SYR", "admin1": "Idleb", "lat": 35.975,
             "lon": 36.702, "approx": True}
    entry.update(kw)
    return {"default_source": "test", "towns": [entry]}


def test_curated_town_records() -> None:
    (rec,) = build_towns(_town(), BUILT, AdminIndex([], [], []), INFO, _place)
    assert rec["id"] == "town:x" and rec["kind"] == "populated" and rec["admin1"] == "Idleb"
    assert rec["source"].endswith("approximate (~5-10 km)")
    (camp,) = build_towns(_town(type="camp", ar="مخيم س"), BUILT, AdminIndex([], [], []), INFO, _place)
    assert camp["kind"] == "landmark" and camp["feature"] == "camp"


def test_curated_towns_are_checked() -> None:
    with pytest.raises(SystemExit, match="not an admin1"):
        build_towns(_town(admin1="Aleppo"), BUILT, AdminIndex([], [], []), INFO, _place)
    with pytest.raises(SystemExit, match="already has it"):
        build_towns(_town(ar="بنش"), BUILT, AdminIndex([], [], []), INFO, _place)


def test_packaged_curated_towns_and_kafr_variants() -> None:
    gaz = load_gazetteer()
    towns = [p for p in gaz.places() if p.id.startswith("town:")]
    assert len(towns) >= 150 and {p.iso3 for p in towns} >= {"SYR", "IRQ", "LBN", "YEM"}
    assert all(p.admin1 and p.lat is not None for p in towns)
    assert gaz.resolve("الفوعه", ["SYR"]).id.startswith("town:")
    assert "كفر بطنا" in name_variants("كفربطنا") and "كفربطنا" in name_variants("كفر بطنا")
    assert "البو كمال" in name_variants("البوكمال") and "البوكمال" in name_variants("البو كمال")
    assert gaz.resolve("كفربطنا", ["SYR"]).name_en == "Kafr Batna"  # GeoNames writes كفر بطنا
