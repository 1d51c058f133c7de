"""First-level divisions outside Iraq and Syria: coverage, designator forms, and towns carrying their admin1."""

from __future__ import annotations

import collections
import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

from rasd.kb.gazetteer import Gazetteer, load_gazetteer
from rasd.kb.geo import clean_form, haversine_km
from rasd.text.normalize import fold

ROOT = Path(__file__).resolve().parents[2]

# Countries whose divisions came in the second pass, with the number of first-level divisions each has.
ADMIN1_COUNTS = {"EGY": 27, "ARE": 7, "QAT": 8, "BHR": 4, "OMN": 11, "LBY": 22, "PSE": 2, "ISR": 6, "AFG": 34,
                 "SDN": 18, "SSD": 10, "TUN": 24, "DZA": 48, "MAR": 12, "SOM": 18, "MRT": 15, "DJI": 6, "COM": 3}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def _resolve(gaz: Gazetteer, text: str, iso3: tuple[str, ...] = ()):
    return gaz.resolve(fold(text), context_iso3=iso3)


def test_admin1_counts(gaz: Gazetteer) -> None:
    counts = collections.Counter(p.iso3 for p in gaz.places() if p.kind == "admin1")
    for iso3, n in ADMIN1_COUNTS.items():
        assert counts[iso3] == n, iso3


def test_every_kept_town_has_an_admin1(gaz: Gazetteer) -> None:
    """GeoNames admin1 codes map every town; the few left are towns GeoNames gives no code (or '00')."""
    towns = collections.defaultdict(list)
    for p in gaz.places():
        if p.kind == "populated" and p.iso3 in ADMIN1_COUNTS:
            towns[p.iso3].append(p)
    for iso3, ps in towns.items():
        missing = [p.name_en for p in ps if p.admin1 is None]
        assert len(missing) <= 2, (iso3, missing)
    names = {(p.iso3, p.name_en) for p in gaz.places() if p.kind == "admin1"}
    assert all((p.iso3, p.admin1) in names for ps in towns.values() for p in ps if p.admin1)


@pytest.mark.parametrize(("text", "iso3", "name_en"), [
    ("محافظة شمال سيناء", "EGY", "North Sinai"),
    ("شمال سيناء", "EGY", "North Sinai"),
    ("إقليم بكتيكا", "AFG", "Paktika"),
    ("ولاية بكتيكا", "AFG", "Paktika"),
    ("ولاية هلمند", "AFG", "Helmand"),
    ("مقاطعة هلمند", "AFG", "Helmand"),
    ("هلمند", "AFG", "Helmand"),
    ("ولاية قندهار", "AFG", "Kandahar"),
    ("إقليم ننجرهار", "AFG", "Nangarhar"),
    ("قطاع غزة", "PSE", "Gaza Strip"),
    ("الضفة الغربية", "PSE", "West Bank"),
    ("ولاية الخرطوم", "SDN", "Khartoum"),
    ("شمال دارفور", "SDN", "North Darfur"),
    ("ولاية البحر الأحمر", "SDN", "Red Sea"),
    ("محافظة البحر الأحمر", "EGY", "Red Sea"),
    ("إمارة دبي", "ARE", "Dubai"),
    ("محافظة ظفار", "OMN", "Dhofar"),
    ("الجبل الأخضر", "LBY", "Al Jabal al Akhdar"),
    ("ولاية تونس", "TUN", "Tunis"),
    ("ولاية الجزائر", "DZA", "Algiers"),
    ("شبيلي السفلى", "SOM", "Lower Shabelle"),
    ("إقليم وان", "TUR", "Van"),  # وان alone is a word ('when'); the wire services' إقليم makes it a place
    ("الأحواز", "IRN", "Khuzestan"),
])
def test_division_names_resolve(gaz: Gazetteer, text: str, iso3: str, name_en: str) -> None:
    p = _resolve(gaz, text)
    assert p is not None, text
    assert (p.iso3, p.kind, p.name_en, p.admin1) == (iso3, "admin1", name_en, name_en)


@pytest.mark.parametrize(("text", "iso3", "admin1", "town"), [
    ("العريش", "EGY", "North Sinai", "Arish"),
    ("الشيخ زويد", "EGY", "North Sinai", "Zuwayd"),
    ("لشكر كاه", "AFG", "Helmand", "Lashkar"),
    ("كرشك", "AFG", "Helmand", "Gereshk"),
    ("الخرطوم", "SDN", "Khartoum", "Khartoum"),
    ("أم درمان", "SDN", "Khartoum", "Omdurman"),
    ("الفاشر", "SDN", "North Darfur", "Fasher"),
    ("جنين", "PSE", "West Bank", "Janin"),
    ("خان يونس", "PSE", "Gaza Strip", "Khan"),
    ("بنغازي", "LBY", "Benghazi", "Benghazi"),
    ("طرابلس", "LBY", "Tripoli", "Tripoli"),
    ("القاهرة", "EGY", "Cairo", "Cairo"),
    ("مقديشو", "SOM", "Banadir", "Mogadishu"),
    ("نواكشوط", "MRT", "Nouakchott Ouest", "Nouakchott"),  # GeoNames gives the city no code: claimed by id
    ("القاهرة الجديدة", "EGY", "Cairo", "Cairo"),
    ("تاجوراء", "LBY", "Tripoli", "Tajura"),  # kept through a curated alias (no Arabic name in GeoNames)
])
def test_towns_carry_their_admin1(gaz: Gazetteer, text: str, iso3: str, admin1: str, town: str) -> None:
    p = _resolve(gaz, text, (iso3,))
    assert p is not None, text
    assert (p.iso3, p.kind, p.admin1) == (iso3, "populated", admin1)
    assert town in p.name_en


def test_common_words_are_not_divisions(gaz: Gazetteer) -> None:
    """Divisions whose bare name is a common word or another place are matched only with a designator."""
    for text in ("البحر الأحمر", "الداخلية", "الوادي", "الجزيرة", "الشمالية", "مطروح", "تقدير", "غات", "الريان"):
        p = _resolve(gaz, text)
        assert p is None or p.kind != "admin1", (text, p)


def test_division_points_and_context(gaz: Gazetteer) -> None:
    sinai = gaz.get("eg:adm1:north-sinai")
    assert haversine_km(sinai.lat, sinai.lon, 31.13, 33.80) < 10  # El Arish, the governorate seat
    paktika = gaz.get("af:adm1:paktika")
    assert haversine_km(paktika.lat, paktika.lon, 33.14, 68.79) < 10  # Sharana, the provincial seat
    # an admin1 named in the article ranks its towns first
    rafah = gaz.resolve(fold("رفح"), context_admin1=["North Sinai"])
    assert (rafah.iso3, rafah.admin1) == ("EGY", "North Sinai")
    assert gaz.resolve(fold("رفح"), context_admin1=["Gaza Strip"]).iso3 == "PSE"
    assert gaz.get("gn:8134081").admin1 == "Cairo"  # Al Qahirah al Jadidah: GeoNames code 00, claimed by id
    # a point in Helmand falls to Helmand through the nearest town
    assert gaz.admin_for_point(31.6, 64.4)["admin1"] == "Helmand"


def _build_module():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        spec = importlib.util.spec_from_file_location("gazetteer_admin1", ROOT / "scripts" / "gazetteer_admin1.py")
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        return mod
    finally:
        sys.path.pop(0)


def test_designated_names_keep_the_core_out() -> None:
    mod = _build_module()
    got = mod.designated_names(["ولاية البحر الأحمر", "هلمند"], ["ولاية", "إقليم"])
    assert "إقليم البحر الأحمر" in got and "إقليم هلمند" in got and "ولاية هلمند" in got
    assert "البحر الأحمر" not in got and "هلمند" not in got


def test_build_rejects_a_seat_with_another_code() -> None:
    """A seat town that carries another GeoNames admin1 code than the division's stops the build."""
    mod = _build_module()
    rows = [{"geonameid": 1, "name": "Arish", "admin1code": "27", "population": 10, "latitude": 31.1,
             "longitude": 33.8, "alternatenames": ["العريش"]}]
    curated = {"countries": {"EG": [{"en": "North Sinai", "ar": "شمال سيناء", "gn_admin1": "26",
                                     "seat_en": "Arish"}]}}
    with pytest.raises(SystemExit):
        mod.build_other_admin1(curated, {"EG": rows}, {"EG": rows}, {"EG": {"iso3": "EGY", "name": "Egypt"}},
                               str, str.lower, lambda *a, **k: {})


def test_yaml_designators_are_known_countries() -> None:
    data = yaml.safe_load((ROOT / "rasd" / "kb" / "data" / "places_admin1.yaml").read_text(encoding="utf-8"))
    assert set(data["designators"]) <= set(data["countries"])
    for divisions in data["countries"].values():
        for div in divisions:
            assert clean_form(div["ar"]), div


# ---------------------------------------------------------------- former names (places_admin1_former.yaml)
@pytest.mark.parametrize(("text", "iso3", "name_en"), [
    ("محافظة التأميم", "IRQ", "Kirkuk"), ("لواء الموصل", "IRQ", "Ninewa"), ("محافظة العمارة", "IRQ", "Maysan"),
    ("لواء اسكندرون", "TUR", "Hatay"), ("لواء الإسكندرونة", "TUR", "Hatay"), ("عربستان", "IRN", "Khuzestan"),
    ("ولاية الأصنام", "DZA", "Chlef"), ("محافظة الجزيرة", "SYR", "Al-Hasakah"),
])
def test_former_names_resolve(gaz: Gazetteer, text: str, iso3: str, name_en: str) -> None:
    p = _resolve(gaz, text)
    assert p is not None and (p.iso3, p.kind, p.name_en) == (iso3, "admin1", name_en)


def test_turkish_designator_leaves_iraqi_kurdistan_alone(gaz: Gazetteer) -> None:
    assert _resolve(gaz, "إقليم كردستان").iso3 == "IRQ"
    assert _resolve(gaz, "جزيرة ابن عمر").name_en == "Cizre"  # historic Arabic name (places_aliases.yaml)


def test_former_names_need_a_designator_unless_marked_bare(gaz: Gazetteer) -> None:
    """التأميم is also a quarter of Ramadi and the word 'nationalisation'; الموصل and الكوت stay the towns;
    Sudan's ولاية الجزيرة keeps its own written name."""
    assert all(p.kind != "admin1" for p in gaz.candidates(clean_form("التأميم")))
    assert _resolve(gaz, "الموصل").kind == "populated" and _resolve(gaz, "الكوت").kind == "populated"
    assert _resolve(gaz, "ولاية الجزيرة").iso3 == "SDN"


def test_former_names_build_helper() -> None:
    mod = _build_module()
    places = [{"id": "country:IRQ", "kind": "country", "iso3": "IRQ", "pcode": "IQ", "name_en": "Iraq"},
              {"id": "iq:IQG13", "kind": "admin1", "iso3": "IRQ", "name_en": "Kirkuk", "source": "t"}]
    former = {"designators": ["لواء"], "former": {"IRQ": [{"admin1": "Kirkuk", "ar": ["التأميم"], "years": "x"},
                                                         {"admin1": "Kirkuk", "ar": ["عربستان"], "bare": True,
                                                          "years": "y"}]}}
    assert mod.attach_former_names(places, former, {}, ["محافظة"], str) == 2
    names = places[1]["names_former"]
    assert {"محافظة التأميم", "لواء التأميم", "عربستان"} <= set(names) and "التأميم" not in names
    former["former"]["IRQ"][0]["admin1"] = "Kirkook"
    with pytest.raises(SystemExit):
        mod.attach_former_names(places, former, {}, ["محافظة"], str)


def test_former_name_never_shadows_a_written_name() -> None:
    from rasd.kb.gazetteer import load_terms
    from rasd.kb.geo import FormSafety

    def rec(pid: str, kind: str, ar: str, **kw) -> dict:
        return {"id": pid, "name_en": pid, "name_ar": ar, "kind": kind, "feature": "X", "iso3": "IRQ",
                "country": "Iraq", "population": 0, "source": "t", "names_ar": [ar], **kw}

    g = Gazetteer([rec("town", "populated", "الكوت"), rec("unit", "admin1", "واسط", names_former=["الكوت",
                                                                                             "محافظة الكوت"])],
                  FormSafety({}, ()), load_terms())
    assert [p.id for p in g.candidates("الكوت")] == ["town"]
    assert g.form_level("محافظه الكوت", "unit") == 1
