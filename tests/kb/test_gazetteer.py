"""Gazetteer: packaged data, generated variants, safety of surface forms, disambiguation, point lookups."""

from __future__ import annotations

import dataclasses
import json
from importlib import resources

import pytest
from shapely.geometry import MultiPoint, Point, shape
from shapely.ops import unary_union

from rasd.errors import InputError, KBError
from rasd.kb.gazetteer import Gazetteer, Place, UnknownPlaceError, load_gazetteer
from rasd.kb.geo import clean_form, haversine_km, name_variants
from rasd.text.normalize import fold


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def _counts(gaz: Gazetteer, iso3: str, kind: str) -> int:
    return sum(1 for p in gaz.places() if p.iso3 == iso3 and p.kind == kind)


def test_admin_coverage(gaz: Gazetteer) -> None:
    assert _counts(gaz, "IRQ", "admin1") == 18
    assert _counts(gaz, "IRQ", "admin2") == 101
    assert _counts(gaz, "IRQ", "admin3") == 294
    assert _counts(gaz, "SYR", "admin1") == 14
    assert _counts(gaz, "SYR", "admin2") >= 60
    assert sum(1 for p in gaz.places() if p.kind in ("landmark", "region") and p.iso3 in ("IRQ", "SYR")) >= 100
    for iso3 in ("IRQ", "SYR", "JOR", "LBN", "TUR", "IRN", "SAU", "KWT", "YEM", "EGY", "ARE", "LBY", "PSE", "AFG"):
        assert _counts(gaz, iso3, "populated") > 10, iso3
    anbar = gaz.get("iq:IQG01")
    assert (anbar.name_en, anbar.name_ar, anbar.kind, anbar.pcode) == ("Al-Anbar", "الانبار", "admin1", "IQG01")
    assert gaz.get("sy:adm1:SY09").name_en == "Deir-ez-Zor"
    for iso3, n in (("JOR", 12), ("LBN", 8), ("KWT", 6), ("SAU", 13), ("YEM", 22), ("TUR", 81), ("IRN", 31)):
        assert _counts(gaz, iso3, "admin1") == n, iso3
    assert gaz.resolve(fold("صيدا")).admin1 == "South"
    assert gaz.resolve(fold("محافظة حضرموت")).kind == "admin1"


# (text as written in the news, expected place: (iso3, kind or None, English admin1 or None, name_en fragment))
NEWS_FORMS = [
    ("الانبار", ("IRQ", "admin1", "Al-Anbar", "Anbar")),
    ("الأنبار", ("IRQ", "admin1", "Al-Anbar", "Anbar")),
    ("انبار", ("IRQ", "admin1", "Al-Anbar", "Anbar")),
    ("محافظة الانبار", ("IRQ", "admin1", "Al-Anbar", "Anbar")),
    ("الرمادي", ("IRQ", "populated", "Al-Anbar", "Ramadi")),
    ("الفلوجة", ("IRQ", "populated", "Al-Anbar", "Fallujah")),
    ("الموصل", ("IRQ", "populated", "Ninewa", "Mosul")),
    ("موصل", ("IRQ", "populated", "Ninewa", "Mosul")),
    ("نينوى", ("IRQ", "admin1", "Ninewa", "Ninewa")),
    ("صلاح الدين", ("IRQ", "admin1", "Salah Al-Din", "Salah")),
    ("تكريت", ("IRQ", "populated", "Salah Al-Din", "Tikrit")),
    ("بيجي", ("IRQ", "populated", "Salah Al-Din", "Bayji")),
    ("سامراء", ("IRQ", "populated", "Salah Al-Din", "Samarra")),
    ("سامرا", ("IRQ", "populated", "Salah Al-Din", "Samarra")),
    ("ديالى", ("IRQ", "admin1", "Diyala", "Diyala")),
    ("بعقوبة", ("IRQ", "populated", "Diyala", "Baqubah")),
    ("كركوك", ("IRQ", "populated", "Kirkuk", "Kirkuk")),
    ("محافظة كركوك", ("IRQ", "admin1", "Kirkuk", "Kirkuk")),
    ("حديثة", ("IRQ", "populated", "Al-Anbar", "Hadithah")),
    ("القائم", ("IRQ", "populated", "Al-Anbar", "Qaim")),
    ("الرطبة", ("IRQ", "populated", "Al-Anbar", "Rutbah")),
    ("هيت", ("IRQ", "populated", "Al-Anbar", "Hit")),
    ("الصقلاوية", ("IRQ", "populated", "Al-Anbar", "Saqlawiyah")),
    ("الكرمة", ("IRQ", "admin3", "Al-Anbar", "Garma")),
    ("حلب", ("SYR", "populated", "Aleppo", "Aleppo")),
    ("ادلب", ("SYR", "populated", "Idleb", "Idlib")),
    ("إدلب", ("SYR", "populated", "Idleb", "Idlib")),
    ("الرقة", ("SYR", "populated", "Ar-Raqqa", "Raqqah")),
    ("دير الزور", ("SYR", "populated", "Deir-ez-Zor", "Deir ez-Zor")),
    ("ديرالزور", ("SYR", "populated", "Deir-ez-Zor", "Deir ez-Zor")),
    ("الحسكة", ("SYR", "populated", "Al-Hasakah", "Hasakah")),
    ("تدمر", ("SYR", "populated", "Homs", "Tadmur")),
    ("دمشق", ("SYR", "populated", "Damascus", "Damascus")),
    ("حمص", ("SYR", "populated", "Homs", "Homs")),
    ("درعا", ("SYR", "populated", "Dar'a", "Dar")),
    ("القلمون", ("SYR", "region", "Rural Damascus", "Qalamoun")),
    ("الزبداني", ("SYR", "populated", "Rural Damascus", "Zabadani")),
    ("جرابلس", ("SYR", "populated", "Aleppo", "Jarabulus")),
    ("عين العرب", ("SYR", "populated", "Aleppo", "Arab")),
    ("كوباني", ("SYR", "populated", "Aleppo", "Arab")),
    ("تل أبيض", ("SYR", "populated", "Ar-Raqqa", "Tall Abyad")),
    ("صنعاء", ("YEM", "populated", "Amanat Al Asimah", "Sanaa")),
    ("عدن", ("YEM", "populated", "Aden", "Aden")),
    ("تعز", ("YEM", "populated", "Taiz", "Taiz")),
    ("بيروت", ("LBN", "populated", "Beirut", "Beirut")),
    ("عرسال", ("LBN", "populated", "Baalbek-Hermel", "rsal")),
    ("اسطنبول", ("TUR", "populated", "Istanbul", "Istanbul")),
    ("سروج", ("TUR", "populated", "Sanliurfa", "Suruc")),
    ("ديار بكر", ("TUR", "populated", "Diyarbakir", "Diyarbakir")),
    ("معبر الوليد", ("IRQ", "landmark", "Al-Anbar", "Al-Waleed")),
    ("منفذ الوليد", ("IRQ", "landmark", "Al-Anbar", "Al-Waleed")),
    ("مطار بغداد", ("IRQ", "landmark", "Baghdad", "Baghdad International Airport")),
    ("مطار بغداد الدولي", ("IRQ", "landmark", "Baghdad", "Baghdad International Airport")),
    ("قاعدة عين الاسد", ("IRQ", "landmark", "Al-Anbar", "Ain al-Asad")),
    ("قاعدة عين الأسد الجوية", ("IRQ", "landmark", "Al-Anbar", "Ain al-Asad")),
    ("عين الأسد", ("IRQ", "landmark", "Al-Anbar", "Ain al-Asad")),
    ("بغداد", ("IRQ", "populated", "Baghdad", "Baghdad")),
    ("العراق", ("IRQ", "country", None, "Iraq")),
    ("سورية", ("SYR", "country", None, "Syria")),
]


@pytest.mark.parametrize(("text", "expected"), NEWS_FORMS, ids=[t for t, _ in NEWS_FORMS])
def test_news_forms_resolve(gaz: Gazetteer, text: str, expected: tuple) -> None:
    iso3, kind, admin1, name = expected
    place = gaz.resolve(fold(text))
    assert place is not None, text
    assert place.iso3 == iso3
    assert kind is None or place.kind == kind
    assert place.admin1 == admin1
    assert name in place.name_en
    assert place.lat is not None and place.lon is not None


def test_generated_variants() -> None:
    assert "موصل" in name_variants("الموصل")
    assert "حي" not in name_variants("الحي")  # too short to drop the article
    assert "سامرا" in name_variants(clean_form("سامراء"))
    assert "تل عفر" in name_variants("تلعفر")
    assert "ابو غريب" in name_variants("ابي غريب")
    assert "ديرالزور" in name_variants("دير الزور")
    assert clean_form("الأنبار") == clean_form("الانبار") == "الانبار"
    assert clean_form("حديثة") == "حديثه"
    assert clean_form("کرکوک") == "كركوك"  # Persian kaf and yeh
    assert clean_form("گوێر") == "كوير"  # Kurdish letters


def test_variant_spellings_share_a_place(gaz: Gazetteer) -> None:
    for a, b in [("الموصل", "موصل"), ("الأنبار", "انبار"), ("كربلاء", "كربلا"), ("تلعفر", "تل عفر"),
                 ("أبو غريب", "ابي غريب"), ("حديثة", "حديثه"), ("ديالى", "ديالي")]:
        pa, pb = gaz.resolve(fold(a)), gaz.resolve(fold(b))
        assert pa is not None and pa == pb, (a, b)


def test_designators_pick_the_admin_unit(gaz: Gazetteer) -> None:
    assert gaz.resolve("الرمادي").kind == "populated"
    assert gaz.resolve(fold("قضاء الرمادي")).id == "iq:IQG01Q03"
    assert gaz.resolve(fold("ناحية الكرمة")).id == "iq:IQG01Q01N02"
    assert gaz.resolve(fold("قضاء عنه")).id == "iq:IQG01Q05"
    # a designator the data has no generated form for is stripped and restricts the kind
    assert gaz.resolve(fold("محافظة بابل")).kind == "admin1"
    assert gaz.resolve(fold("محافظة لا يوجد")) is None


def test_unsafe_forms_are_not_surface_forms(gaz: Gazetteer) -> None:
    forms = {f for f, _ in gaz.surface_forms()}
    for common in ("عنه", "مركز", "المدينه", "الدور", "حديثه", "القايم", "الحي", "الباب", "مالي"):
        assert common not in forms, common
        assert not gaz.is_safe_form(common)
    for name in ("الموصل", "الرمادي", "حلب", "عدن", "قضاء عنه", "قضاء الدور", "مدينه حديثه", "ايران", "واسط"):
        assert name in forms, name
    assert all(len(f.replace(" ", "")) > 2 for f in forms)
    # flagged forms still resolve when asked directly, and are listed apart
    assert gaz.resolve("عنه").admin2 == "Ana"
    flagged = {f for f, _ in gaz.flagged_forms()}
    assert {"عنه", "حديثه", "القايم"} <= flagged
    assert not flagged & forms


def test_surface_forms_are_folded_and_known(gaz: Gazetteer) -> None:
    for form, pid in gaz.surface_forms():
        assert form == fold(form) == form.strip()
        assert gaz.get(pid)


def test_disambiguation_by_context_and_population(gaz: Gazetteer) -> None:
    # سنجار: a district and town in Ninewa, and a village in Idleb
    assert gaz.resolve("سنجار").admin1 == "Ninewa"
    assert gaz.resolve("سنجار", context_iso3=["SYR"]).admin1 == "Idleb"
    assert gaz.resolve("سنجار", context_admin1=["Idleb"]).admin1 == "Idleb"
    assert gaz.resolve("سنجار", context_admin1=["sy:adm1:SY07"]).admin1 == "Idleb"
    assert gaz.resolve("سنجار", context_admin1=["SY07"]).admin1 == "Idleb"
    assert gaz.resolve("سنجار", context_admin1=["إدلب"]).admin1 == "Idleb"
    assert gaz.resolve("سنجار", context_iso3=["IRQ"], context_admin1=["Ninewa"]).admin1 == "Ninewa"
    # الرقة: the Syrian city by default, the Kuwaiti town when the article is about Kuwait
    assert gaz.resolve(fold("الرقة")).iso3 == "SYR"
    assert gaz.resolve(fold("الرقة"), context_iso3=["KWT"]).iso3 == "KWT"
    # صوران: two Syrian towns; the bigger one wins without context
    cands = gaz.candidates("صوران")
    assert len(cands) >= 2 and cands[0].population > cands[1].population
    assert gaz.resolve("صوران", context_admin1=["Aleppo"]).admin1 == "Aleppo"
    # country names outrank towns of the same name
    assert gaz.resolve("العراق").kind == "country"
    assert gaz.resolve("قاعده سبايكر").feature == "airbase"
    assert gaz.resolve("لا شيء هنا") is None
    assert gaz.candidates("غير موجود") == []


def test_admin_for_point_polygons(gaz: Gazetteer) -> None:
    ramadi = gaz.admin_for_point(33.42, 43.30)
    assert ramadi["iso3"] == "IRQ" and ramadi["admin1"] == "Al-Anbar" and ramadi["admin2"] == "Al-Ramadi"
    assert ramadi["admin1_pcode"] == "IQG01" and ramadi["admin2_pcode"] == "IQG01Q03"
    assert ramadi["admin3_pcode"].startswith("IQG01Q03")
    mosul = gaz.admin_for_point(36.34, 43.13)
    assert (mosul["admin1"], mosul["admin2"]) == ("Ninewa", "Al-Mosul")
    basra = gaz.admin_for_point(30.51, 47.81)
    assert basra["admin1_pcode"] == "IQG02"


def test_admin_for_point_elsewhere(gaz: Gazetteer) -> None:
    aleppo = gaz.admin_for_point(36.21, 37.15)
    assert aleppo["iso3"] == "SYR" and aleppo["admin1"] == "Aleppo" and aleppo["admin1_pcode"] == "SY02"
    assert aleppo["admin2"] is None
    beirut = gaz.admin_for_point(33.89, 35.50)
    assert beirut["iso3"] == "LBN" and beirut["country"] == "Lebanon" and beirut["admin1"] == "Beirut"
    sanaa = gaz.admin_for_point(15.35, 44.21)
    assert (sanaa["iso3"], sanaa["admin1"]) == ("YEM", "Amanat Al Asimah")
    nowhere = gaz.admin_for_point(0.0, -30.0)
    assert set(nowhere) == {"country", "iso3", "admin1", "admin2", "admin3", "admin1_pcode", "admin2_pcode",
                            "admin3_pcode"}
    assert all(v is None for v in nowhere.values())
    with pytest.raises(InputError):
        gaz.admin_for_point(95.0, 10.0)
    with pytest.raises(InputError):
        gaz.admin_for_point("north", 10.0)  # type: ignore[arg-type]


def _country_shapes(gaz: Gazetteer) -> dict[str, object]:
    data = resources.files("rasd.kb").joinpath("data", "admin1_iraq.geojson").read_text(encoding="utf-8")
    iraq = unary_union([shape(f["geometry"]) for f in json.loads(data)["features"]])
    shapes = {"IRQ": iraq.buffer(0.03), "_iraq": iraq}
    # elsewhere (Syria, Palestine): the hull of the country's towns, with a margin
    for iso3 in {p.iso3 for p in gaz.places() if p.id.startswith("lm:")} - {"IRQ"}:
        towns = [Point(p.lon, p.lat) for p in gaz.places() if p.iso3 == iso3 and p.kind == "populated"]
        shapes[iso3] = MultiPoint(towns).convex_hull.buffer(0.3)
    return shapes


def test_landmarks_lie_in_their_country(gaz: Gazetteer) -> None:
    shapes = _country_shapes(gaz)
    landmarks = [p for p in gaz.places() if p.id.startswith("lm:")]
    assert len(landmarks) >= 100
    for lm in landmarks:
        assert lm.lat is not None and lm.lon is not None, lm.id
        assert lm.source, lm.id
        pt = Point(lm.lon, lm.lat)
        assert shapes[lm.iso3].contains(pt), f"{lm.id} ({lm.lat}, {lm.lon}) is not in {lm.iso3}"
        if lm.iso3 == "SYR":
            assert not shapes["_iraq"].contains(pt), f"{lm.id} is inside Iraq"
    waleed = gaz.get("lm:al-waleed-crossing")
    assert haversine_km(waleed.lat, waleed.lon, 33.4332, 38.9374) < 1
    airport = gaz.get("lm:baghdad-airport")
    assert haversine_km(airport.lat, airport.lon, 33.2625, 44.2346) < 1
    assert airport.admin1 == "Baghdad"


def test_countries_and_adjectives(gaz: Gazetteer) -> None:
    assert gaz.country("IRQ").name_ar == "العراق"
    assert gaz.country("irq").id == "country:IRQ"
    assert gaz.country("PSE").name_en == "Palestine"
    adj = gaz.countries_by_adjective()
    expected = {"عراقي": "IRQ", "عراقيه": "IRQ", "العراقي": "IRQ", "العراقيه": "IRQ", "عراقيين": "IRQ",
                "سوري": "SYR", "السوريه": "SYR", "ايراني": "IRN", "اميركي": "USA", "امريكي": "USA",
                "الامريكيه": "USA", "تركي": "TUR", "روسي": "RUS", "سعودي": "SAU", "اماراتي": "ARE",
                "فلسطينيين": "PSE", "اسراييلي": "ISR", "بريطاني": "GBR", "فرنسي": "FRA", "يمني": "YEM"}
    for form, iso3 in expected.items():
        assert adj.get(form) == iso3, form
    assert adj.get("الماني") == "DEU" and adj.get("الالماني") == "DEU" and adj.get("الباني") == "ALB"
    assert "ماني" not in adj and "باني" not in adj  # ألمانيا: the alef carries a hamza, it is not an article
    assert "مالي" not in adj  # 'financial'
    assert all(k == fold(k) for k in adj)


def test_get_and_errors(gaz: Gazetteer) -> None:
    with pytest.raises(UnknownPlaceError):
        gaz.get("gn:0")
    with pytest.raises(KBError):
        gaz.country("XXX")
    with pytest.raises(KeyError):
        gaz.get("nope")
    place = gaz.get("iq:IQG01")
    with pytest.raises(dataclasses.FrozenInstanceError):
        place.name_en = "x"  # type: ignore[misc]


def test_add_user_place() -> None:
    gaz = Gazetteer([], load_gazetteer()._safety, load_gazetteer()._terms)
    camp = Place(id="user:camp-x", name_en="Camp X", name_ar="معسكر الصمود", kind="landmark", feature="camp",
                 iso3="IRQ", country="Iraq", admin1="Al-Anbar", admin2=None, admin3=None, lat=33.0, lon=42.0,
                 population=0, pcode=None, source="user file")
    gaz.add(camp, ["مخيم الصمود"])
    assert gaz.resolve(fold("معسكر الصمود")) == camp
    assert gaz.resolve(fold("مخيم الصمود")) == camp
    assert gaz.resolve("الصمود") == camp  # bare core of a camp name
    assert ("معسكر الصمود", "user:camp-x") in set(gaz.surface_forms())
    with pytest.raises(KBError):
        gaz.add(dataclasses.replace(camp, id="user:bad", kind="planet"), ["كوكب"])
    with pytest.raises(KBError):
        gaz.add(dataclasses.replace(camp, id="user:empty", name_ar="Camp"), [])
    with pytest.raises(KBError):
        gaz.add("not a place", [])  # type: ignore[arg-type]


def test_stored_forms_match_the_generator(gaz: Gazetteer) -> None:
    """places.jsonl.gz stores forms precomputed by the build; regenerating them must give the same (no stale data)."""
    import gzip

    raw = resources.files("rasd.kb").joinpath("data", "places.jsonl.gz").read_bytes()
    records = [json.loads(line) for line in gzip.decompress(raw).decode("utf-8").splitlines()]
    stored = {r["id"]: r["forms"] for r in records if r["forms"]}
    for r in records:
        del r["forms"]
    fresh = Gazetteer(records, gaz._safety, gaz._terms).forms_by_place()
    assert fresh == stored


def test_loader_is_cached(gaz: Gazetteer) -> None:
    assert load_gazetteer() is gaz
