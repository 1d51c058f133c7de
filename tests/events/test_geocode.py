"""Relative locations: phrase reading, geodesic offsets and ACLED geo-precision."""

import pytest

from rasd.events.geocode import distance_km, geo_precision, offset_point, relation_before
from rasd.text.normalize import fold


@pytest.mark.parametrize(
    "prefix, kind, km, bearing",
    [
        ("الموقع الامني الذي يبعد مسافة 45 كم شمال معبر ", "offset", 45.0, 0.0),
        ("على بعد 20 كيلومترا جنوب شرقي مدينة ", "offset", 20.0, 135.0),
        ("على بعد ١٥ كم غربي ", "offset", 15.0, 270.0),
        ("قرب ناحية ", "near", None, None),
        ("بالقرب من ", "near", None, None),
        ("على أطراف ", "near", None, None),
        ("شمال غربي ", "direction", None, 315.0),
        ("جنوب ", "direction", None, 180.0),
        ("على طريق ", "road", None, None),
        ("بين مدينتي ", "between", None, None),
        ("وقعت الاشتباكات في ", "at", None, None),
        ("قصفت مناطق في المزارع المحيطة بمخيم ", "near", None, None),
        ("في القرى المجاورة لبلدة ", "near", None, None),
        ("في قضاء بعاج (غرب ", "direction", None, 270.0),
        ("قصفت الطائرات مواقع بريف ", "area", None, None),
        ("دارت اشتباكات في الريف الجنوبي الغربي ل", "area", None, None),
        ("سقطت قذائف على قرية المزرعة الشرقية في ريف مدينة ", "area", None, None),
        ("سقطت قذائف على قرية أم الجرن التابعة لمدينة ", "within", None, None),
        ("اشتباكات في محيط بلدة تل الحمر في ", "within", None, None),
        ("اشتباكات في حي الميدان في ", "at", None, None),
    ],
)
def test_relation_before(prefix, kind, km, bearing):
    rel = relation_before(fold(prefix))
    assert rel.kind == kind
    assert rel.km == km
    assert rel.bearing_deg == bearing


def test_offset_point_is_geodesic():
    # 45 km due north of the al-Waleed crossing (33.4332 N, 38.9374 E).
    lat, lon = offset_point(33.4332, 38.9374, 45, 0)
    assert lat == pytest.approx(33.839, abs=0.01)
    assert lon == pytest.approx(38.9374, abs=1e-4)
    assert distance_km((33.4332, 38.9374), (lat, lon)) == pytest.approx(45, abs=0.05)
    lat2, lon2 = offset_point(33.3, 44.4, 30, 90)
    assert lat2 < 33.3 + 0.01 and lon2 > 44.4
    assert distance_km((33.3, 44.4), (lat2, lon2)) == pytest.approx(30, abs=0.05)


@pytest.mark.parametrize(
    "kind, relation, expected",
    [("populated", "at", 1), ("landmark", "at", 1), ("populated", "near", 2), ("populated", "area", 2),
     ("populated", "within", 2), ("admin1", "area", 3), ("landmark", "offset", 2),
     ("admin2", "at", 2), ("admin3", "at", 1), ("admin3", "near", 2), ("quarter", "at", 1),
     ("quarter", "direction", 2), ("small_area", "at", 2), ("site", "at", 2), ("admin1", "at", 3), ("country", "at", 3), ("region", "near", 3)],
)
def test_geo_precision(kind, relation, expected):
    assert geo_precision(kind, relation) == expected
