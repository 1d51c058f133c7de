"""Actors: the built table, generated variants, agent composition, the KB facade and user extra files."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from rasd.errors import KBError
from rasd.kb import build_kb
from rasd.kb.actors import INTER_TYPES, counted_forms, load_actor_table, nisba_forms, nisba_stem
from rasd.text.normalize import fold


@dataclass
class FakePlace:
    id: str
    name_en: str
    name_ar: str = ""
    iso3: str = "IRQ"


class FakeGazetteer:
    """Just enough of rasd.kb.gazetteer.Gazetteer for the facade."""

    def __init__(self) -> None:
        self.by_id: dict[str, object] = {"mosul": FakePlace("mosul", "Mosul", "الموصل")}
        self.forms: list[tuple[str, str]] = [("الموصل", "mosul")]

    def get(self, place_id: str) -> object:
        return self.by_id[place_id]

    def places(self) -> Iterator[object]:
        return iter(list(self.by_id.values()))

    def surface_forms(self) -> Iterator[tuple[str, str]]:
        return iter(list(self.forms))

    def country(self, iso3: str) -> FakePlace:
        return FakePlace(iso3.lower(), {"MLI": "Mali"}.get(iso3, iso3))

    def countries_by_adjective(self) -> dict[str, str]:
        return {"الماليه": "MLI"}

    def add(self, place: object, forms_ar: list[str]) -> None:
        self.by_id[place.id] = place  # type: ignore[attr-defined]
        self.forms += [(f, place.id) for f in forms_ar]  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def table():
    return load_actor_table()


@pytest.fixture()
def kb():
    return build_kb(FakeGazetteer())


def test_table_size_and_fields(table):
    assert len(table.actors) >= 150
    for a in table.actors.values():
        assert a.inter in INTER_TYPES, a.id
        assert a.aliases_ar and a.source, a.id
        assert a.iso3 is None or len(a.iso3) == 3
    assert table.actors["islamic_state"].qid == "Q2429253"
    assert table.actors["islamic_state"].iso3 is None


def test_isis_aliases_and_generated_variants(table):
    forms = table.forms["islamic_state"]
    for alias in ("داعش", "تنظيم الدولة", "الدولة الإسلامية", "الدواعش", "تنظيم داعش الإرهابي",
                  "الدولة الإسلامية في العراق والشام", "داعشيين"):
        assert fold(alias) in forms, alias
    # the all-ال / no-ال twin of an adjective phrase is generated
    assert fold("قوات امنية") in table.forms["security"] and fold("القوات الأمنية") in table.forms["security"]
    # plural_ar words give plurals and duals but not the bare adjective
    gunmen = table.forms["gunmen"]
    assert {"مسلحون", "مسلحين", "مسلحي", "المسلحين"} <= gunmen and "مسلح" not in gunmen


def test_counted_nouns_give_their_accusative_singular(table):
    """"قتل 30 مسلحا": numbers 11-99 take the accusative singular; only nouns listed under counted_ar get it
    (عسكريا is 'militarily', مؤتمرا صحفيا a press conference)."""
    assert counted_forms(["مسلح", "جندي", "غاره", ""]) == ["مسلحا", "جنديا"]
    assert "مسلحا" in table.forms["gunmen"] and "ناشطا" in table.forms["civilians"]
    assert "مقاتلا" in table.forms["rebels"] and "جنديا" not in table.forms["military"]  # جندي+ا: the recogniser
    assert not any("عسكريا" in forms or "صحفيا" in forms for forms in table.forms.values())
    # people by occupation are civilians in their plural or construct forms, never in verb-like singulars
    assert {fold("رجال الدين"), fold("خطيب مسجد"), "الصحفيين"} <= table.forms["civilians"]
    assert fold("أمام مسجد") not in table.forms["civilians"]  # إمام مسجد folds to "in front of a mosque"
    assert not {"طالب", "صحفي", "خطيب"} & table.forms["civilians"]


def test_nisba_inflections():
    assert {"عراقي", "العراقيه", "عراقيين", "العراقيتين", "عراقيون"} <= nisba_forms("عراقي")
    assert nisba_stem("العراقيه") == "عراقي" and nisba_stem("سوريين") == "سوري"


def test_actor_for_uses_curated_then_template(kb):
    assert kb.actor_for("military", "IRQ").name == "Military Forces of Iraq"
    assert kb.actor_for("security", "IRQ").id == "military_irq"
    assert kb.actor_for("air_force", "RUS").name == "Military Forces of Russia"
    assert kb.actor_for("police", "USA").name == "Police Forces of the United States"
    gunmen = kb.actor_for("gunmen", "SYR")
    assert gunmen.name == "Unidentified Armed Group (Syria)" and gunmen.inter == "Political militia"
    assert kb.actor_for("civilians", "IRQ").name == "Civilians (Iraq)"
    assert kb.actor_for("protesters", "TUR").name == "Protesters (Turkey)"
    assert kb.actor_for("rioters", "MLI").name == "Rioters (Mali)"  # country name from the gazetteer
    assert kb.actor_for("military", None).id == "military"
    assert kb.actor("civilians_irq").name == "Civilians (Iraq)"
    with pytest.raises(KBError, match="alpha-3"):
        kb.actor_for("military", "Iraq")
    with pytest.raises(KBError, match="unknown agent"):
        kb.actor_for("wizards", "IRQ")
    with pytest.raises(KBError, match="unknown actor"):
        kb.actor("nobody_here")


def test_transnational_actor_localised(kb):
    local = kb.actor_in("islamic_state", "IRQ")
    assert (local.name, local.iso3, local.qid) == ("Islamic State (Iraq)", "IRQ", "Q2429253")
    assert kb.actor(local.id) is local
    assert kb.actor_in("pkk", "IRQ").name == "PKK: Kurdistan Workers Party"  # has a home country already
    assert kb.actor_in("islamic_state", None).name == "Islamic State"


def test_lookup_over_kinds(kb):
    assert [d["id"] for d in kb.lookup("الدواعش")] == ["islamic_state"]
    assert kb.lookup("Popular Mobilization Forces")[0]["id"] == "popular_mobilization_forces"
    assert kb.lookup("ISIL")[0]["id"] == "islamic_state"
    assert kb.lookup("الموصل")[0] == {"kind": "place", "id": "mosul", "name": "Mosul", "iso3": "IRQ"}
    assert kb.lookup("Mosul") == [{"kind": "place", "id": "mosul", "name": "Mosul", "iso3": "IRQ"}]  # English
    assert kb.lookup("غارات")[0]["kind"] == "trigger"
    assert kb.lookup("العراقية")[0] == {"kind": "nationality", "id": "IRQ", "name": "Iraq"}
    assert kb.lookup("الماليين")[0]["id"] == "MLI"  # gazetteer adjectives are inflected too
    assert kb.lookup("لا شيء هنا") == []
    stats = kb.stats()
    assert stats["actors"] >= 150 and stats["triggers"] >= 30 and stats["forms_place"] == 1


EXTRA = """\
places:
  - id: user:ain_al_asad
    name_en: Ain al-Asad Air Base
    name_ar: قاعدة عين الأسد
    aliases_ar: [عين الأسد]
    iso3: IRQ
    lat: 33.8006
    lon: 42.4412
actors:
  - id: user:anbar_tribes
    name: Anbar Tribal Militia
    inter: Identity militia
    iso3: IRQ
    aliases_ar: [عشائر الأنبار المسلحة]
"""


def test_extra_file_adds_places_and_actors(tmp_path: Path):
    path = tmp_path / "extra.yaml"
    path.write_text(EXTRA, encoding="utf-8")
    kb = build_kb(FakeGazetteer(), extra=[path])
    assert kb.lookup("عين الاسد")[0]["id"] == "user:ain_al_asad"
    assert kb.gazetteer.get("user:ain_al_asad").lat == pytest.approx(33.8006)
    assert kb.lookup("عشائر الانبار المسلحة")[0]["name"] == "Anbar Tribal Militia"
    assert str(path) in kb.sources


@pytest.mark.parametrize(("text", "message"), [
    ("places:\n  - {id: p, name_en: P, name_ar: ب, lat: 95, lon: 1}\n", r"places\[0\] \(p\): coordinates"),
    ("places:\n  - {id: p, name_en: P, lat: 1, lon: 1}\n", r"places\[0\]: missing or empty 'name_ar'"),
    ("actors:\n  - {id: a, name: A, inter: Terrorists, aliases_ar: [س]}\n", r"actors\[0\] \(a\): inter 'Terrorists'"),
    ("actors:\n  - {id: islamic_state, name: X, inter: Rebel group, aliases_ar: [س]}\n", "duplicate actor id"),
    ("actors:\n  - {id: a, name: A, inter: Rebel group}\n", "needs at least one Arabic alias"),
    ("weapons: []\n", "unknown section"),
    ("- just a list\n", "expected a mapping"),
    ("places: [\n", "invalid YAML"),
])
def test_extra_file_errors_name_file_and_entry(tmp_path: Path, text: str, message: str):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KBError, match=message) as info:
        build_kb(FakeGazetteer(), extra=[path])
    assert "bad.yaml" in str(info.value)


def test_missing_extra_file(tmp_path: Path):
    with pytest.raises(KBError, match="not found"):
        build_kb(FakeGazetteer(), extra=[tmp_path / "nope.yaml"])


def test_yemen_government_forces(table):
    """The Arab press of the Yemen war names the recognised government's forces after Hadi or 'legitimacy'."""
    forms = table.forms["military_yem"]
    assert {fold("قوات هادي"), fold("القوات الموالية لهادي"), fold("قوات الشرعية")} <= forms
    assert table.actors["military_yem"].name == "Military Forces of Yemen"


def test_in_country_names_known_actors(tmp_path):
    table = load_actor_table()
    assert dict(table.actors["coalition"].in_country)["YEM"] == "coalition_sau"
    bad = tmp_path / "actors.yaml"
    bad.write_text("agents: []\ncountries: []\nactors:\n- id: c\n  name: C\n  inter: External/Other forces\n"
                   "  aliases_ar: [تحالف]\n  in_country: {YEM: nobody}\n", encoding="utf-8")
    with pytest.raises(KBError, match="unknown actor 'nobody'"):
        load_actor_table(bad)
    bad.write_text(bad.read_text(encoding="utf-8").replace("{YEM: nobody}", "[YEM]"), encoding="utf-8")
    with pytest.raises(KBError, match="in_country must map"):
        load_actor_table(bad)
