#!/usr/bin/env python3
"""Build rasd/kb/data/actors.yaml from the curated actor file and the PETRARCH dictionaries.

Inputs (read-only, under ../shared/data/dictionaries):
- scripts/actors_curated.yaml: ISIS-era armed groups, state forces, generic agents, country nisbas (rasd, Apache-2.0);
- universalpetrarch_ar/actor_dict_ar_v4.txt and agents.all.ar_v3.txt (UniversalPetrarch, MIT): lemmatised Arabic
  names (`قوة_أمن_عراقي_`) with CAMEO codes (IRQMIL, [~REB]). Only codes of armed or state-security roles in the
  countries rasd knows are kept; lemmas are realised as news phrases (قوة -> قوات, nisba agreement) and merged as
  aliases into the matching curated actor (IRQMIL -> Military Forces of Iraq, LBNREB حزب الله -> Hezbollah);
- petrarch_en/Phoenix.MilNonState.actors.txt (MIT): English aliases for curated groups that name a `phoenix:` key.

Per country the script also generates "Military Forces of X", "Police Forces of X" and "Government of X" with
Arabic aliases built from the nisba (الجيش الاردني، الشرطة الاردنية، الحكومة الاردنية). Run:
    python scripts/build_actors.py [--shared ../shared] [--out rasd/kb/data/actors.yaml]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rasd.kb.lexicon import toggle_article  # noqa: E402
from rasd.text.normalize import fold  # noqa: E402

# CAMEO role -> curated id prefix for state forces; armed non-state roles are merged by name only.
STATE_ROLES = {"MIL": "military", "COP": "police", "SPY": "military"}
NONSTATE_ROLES = {"REB", "UAF", "IMG", "OPP", "RAD"}
GENERIC_AGENT_ROLES = {"MIL": "military", "COP": "police", "UAF": "gunmen", "REB": "rebels"}
# Head nouns that make a lemma an organisation or a group of armed people (filters out persons and places).
ORG_HEADS = {"قوة", "قوات", "جيش", "شرطة", "حرس", "مخابرات", "استخبار", "استخبارات", "سلاح", "جهاز", "ميليشيا",
             "مليشيا", "كتيبة", "كتائب", "سرية", "سرايا", "جماعة", "تنظيم", "حركة", "منظمة", "جبهة", "جندي", "جنود",
             "ضابط", "عنصر", "مقاتل", "متمرد", "مسلح", "ثوار", "رجال", "فيلق"}
AGREEING_ADJECTIVES = {"مسلح", "خاص", "بري", "جوي", "بحري", "مشترك"}
PERSON_HEADS = {"ضابط", "جندي", "مقاتل", "متمرد", "مسلح"}
FEMININE_HEADS = {"قوات", "شرطة", "حرس", "مخابرات", "ميليشيا", "مليشيا", "جماعة", "حركة", "منظمة", "جبهة",
                  "كتيبة", "سرية", "استخبارات"}


def parse_petrarch_actors(path: Path) -> list[tuple[str, list[str]]]:
    """(lemma, [codes]) for every entry: `name [CODE]` on one line or codes on the following indented lines."""
    entries: list[tuple[str, list[str]]] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        if not line.strip() or line.strip().startswith("#"):
            continue
        codes = re.findall(r"\[~?([A-Z?]+)", line)
        if raw[:1] in "\t" or line.strip().startswith("["):
            if entries:
                entries[-1][1].extend(codes)
            continue
        name = re.split(r"\s*\[", line.strip(), maxsplit=1)[0].strip()
        if name:
            entries.append((name, codes))
    return entries


def realise(lemma: str) -> str | None:
    """Turn a PETRARCH lemma (قوة_أمن_عراقي_) into a news phrase (قوات امن عراقيه); None if it is not an org."""
    words = [w for w in lemma.replace("_", " ").split() if w not in ("ل", "ب", "هو", "في")]
    words = [fold(w) for w in words]
    if not words:
        return None
    head = words[0].removeprefix("ال")
    if head not in {fold(h) for h in ORG_HEADS}:
        return None
    if head == "قوه":
        words[0] = "قوات"
        head = "قوات"
    feminine = head.endswith("ه") or head in {fold(h) for h in FEMININE_HEADS}
    out = [words[0]]
    for w in words[1:]:
        if feminine and not w.startswith("ال") and (w.endswith("ي") and len(w) > 3 or w in AGREEING_ADJECTIVES):
            w += "ه"
        out.append(w)
    return " ".join(out)


def phoenix_aliases(path: Path) -> dict[str, list[str]]:
    """Phoenix key -> its English aliases (the `+ALIAS_` lines after it), underscores as spaces."""
    out: dict[str, list[str]] = {}
    key = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("+") and key:
            out[key].append(line[1:].split("#")[0].replace("_", " ").strip())
        elif line[:1].isalnum():
            key = line.split("[")[0].strip()
            out[key] = [key.replace("_", " ").strip()]
    return out


def country_actors(country: dict[str, Any]) -> list[dict[str, Any]]:
    """Military, police and government actors for one country, with nisba-built aliases."""
    iso = country["iso3"]
    of = country.get("of_name") or country["name"]
    mas = country.get("nisba_ar") or []
    fem = [n + "ة" for n in mas]
    src = "generated from the country table (scripts/actors_curated.yaml)"
    return [
        {"id": f"military_{iso.lower()}", "name": f"Military Forces of {of}", "inter": "State forces", "iso3": iso,
         "agent": "military", "source": src,
         "aliases_ar": [f"الجيش ال{m}" for m in mas] + [f"القوات ال{f}" for f in fem]
         + [f"القوات المسلحة ال{f}" for f in fem]},
        {"id": f"police_{iso.lower()}", "name": f"Police Forces of {of}", "inter": "State forces", "iso3": iso,
         "agent": "police", "source": src, "aliases_ar": [f"الشرطة ال{f}" for f in fem]},
        {"id": f"government_{iso.lower()}", "name": f"Government of {of}", "inter": "State forces", "iso3": iso,
         "agent": "government", "source": src, "aliases_ar": [f"الحكومة ال{f}" for f in fem]},
    ]


def build(shared: Path) -> tuple[dict[str, Any], Counter]:
    """Merge all sources; return the actors.yaml document and counts for the build log."""
    stats: Counter = Counter()
    curated = yaml.safe_load((ROOT / "scripts" / "actors_curated.yaml").read_text(encoding="utf-8"))
    dicts = shared / "data" / "dictionaries"
    phoenix = phoenix_aliases(dicts / "petrarch_en" / "Phoenix.MilNonState.actors.txt")
    countries = {c["iso3"]: c for c in curated["countries"]}

    actors: dict[str, dict[str, Any]] = {}
    for g in curated["generic"]:
        agent = next(a for a in curated["agents"] if a["id"] == g["id"])
        actors[g["id"]] = {**g, "inter": agent["inter"], "iso3": None, "agent": g["id"], "source": "curated"}
    for a in curated["actors"]:
        entry = {k: v for k, v in a.items() if k != "phoenix"}
        entry.setdefault("iso3", None)
        entry.setdefault("source", "curated")
        if a.get("phoenix") in phoenix:
            extra = [x.title() if x.isupper() else x for x in phoenix[a["phoenix"]]]
            entry["aliases_en"] = sorted(set(entry.get("aliases_en") or []) | set(extra))
            entry["source"] += "; English aliases from Phoenix.MilNonState (MIT)"
            stats["phoenix_merged"] += 1
        actors[a["id"]] = entry
    for c in curated["countries"]:
        for gen in country_actors(c):
            if gen["id"] in actors:
                cur = actors[gen["id"]]
                cur["aliases_ar"] = list(dict.fromkeys(list(cur["aliases_ar"]) + gen["aliases_ar"]))
            else:
                actors[gen["id"]] = gen
                stats["country_generated"] += 1

    # Index folded curated aliases so PETRARCH names can be merged into the actor they denote.
    by_form: dict[str, str] = {}
    for aid, a in actors.items():
        for alias in a.get("aliases_ar") or []:
            for f in toggle_article(fold(alias)):
                by_form.setdefault(f, aid)

    def add_alias(aid: str, phrase: str, origin: str) -> None:
        a = actors[aid]
        variants = toggle_article(phrase)
        owners = {by_form[v] for v in variants if v in by_form}
        if owners - {aid}:
            stats["petrarch_alias_conflict_skipped"] += 1
            return
        by_form.update((v, aid) for v in variants)
        if phrase not in [fold(x) for x in a["aliases_ar"]]:
            a["aliases_ar"] = list(a["aliases_ar"]) + [phrase]
            if "PETRARCH" not in a["source"]:
                a["source"] += f"; aliases from {origin} (MIT)"
            stats[f"petrarch_alias_{origin}"] += 1

    up = dicts / "universalpetrarch_ar"
    for lemma, codes in parse_petrarch_actors(up / "actor_dict_ar_v4.txt"):
        if not codes:
            continue
        code = codes[-1].rstrip("?")
        iso, role = code[:3], code[3:6]
        phrase = realise(lemma)
        stats["petrarch_entries"] += 1
        if phrase is None:
            # single-token org names (حماس, الحوثيين) with armed roles can still be merged by name
            f = fold(lemma.replace("_", " ").strip())
            if role in NONSTATE_ROLES and f in by_form:
                stats["petrarch_named_matched"] += 1
            continue
        head = phrase.split()[0].removeprefix("ال")
        if head in {fold(h) for h in PERSON_HEADS}:
            continue
        if iso in countries and role in STATE_ROLES:
            agent = "military" if "امن" in phrase.split() or "امنيه" in phrase.split() else STATE_ROLES[role]
            add_alias(f"{agent}_{iso.lower()}", phrase, "PETRARCH actor_dict_ar_v4")
        elif any(v in by_form for v in toggle_article(phrase)):
            owner = next(by_form[v] for v in toggle_article(phrase) if v in by_form)
            add_alias(owner, phrase, "PETRARCH actor_dict_ar_v4")
        else:
            stats["petrarch_unmatched"] += 1

    for line in (up / "agents.all.ar_v3.txt").read_text(encoding="utf-8").splitlines():
        m = re.match(r"\s*(\S+)\s*\[~([A-Z]{3})", line)
        if not m or m.group(2) not in GENERIC_AGENT_ROLES:
            continue
        phrase = realise(m.group(1))
        if phrase and len(phrase.split()) <= 3 and head_is_group(phrase) and "امن" not in phrase:
            add_alias(GENERIC_AGENT_ROLES[m.group(2)], phrase, "PETRARCH agents.all.ar_v3")

    doc = {
        "licence": "Apache-2.0 (rasd curated); aliases from UniversalPetrarch and Phoenix dictionaries (MIT)",
        "built_by": "scripts/build_actors.py",
        "countries": curated["countries"],
        "agents": curated["agents"],
        "actors": sorted(actors.values(), key=lambda a: a["id"]),
    }
    return doc, stats


def head_is_group(phrase: str) -> bool:
    """Agent phrases kept from PETRARCH: plural armed groups only (قوات ..., ميليشيا ...), never single persons."""
    return phrase.split()[0] in {"قوات", "ميليشيا", "مليشيا", "ثوار"} and len(phrase) > 6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "rasd" / "kb" / "data" / "actors.yaml")
    args = parser.parse_args()
    doc, stats = build(args.shared)
    header = "# GENERATED by scripts/build_actors.py: edit scripts/actors_curated.yaml and rebuild.\n"
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=200)
    args.out.write_text(header + text, encoding="utf-8")
    print(f"wrote {args.out}: {len(doc['actors'])} actors; " + ", ".join(f"{k}={v}" for k, v in sorted(stats.items())))


if __name__ == "__main__":
    main()
