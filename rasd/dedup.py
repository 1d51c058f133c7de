"""Cross-article deduplication: reports of one event from many articles and outlets become one event.

Two reports are of the same event (ACLED: same actors, place and day) when all of these hold:
- the same type family (Battles, Explosions/Remote violence and Violence against civilians describe one attack in
  different words; Protests and Riots likewise; a Strategic development only matches the same sub-type);
- compatible modality (an attack that occurred is also the one claimed; a plan or threat is not the attack);
- compatible actors: after the actors they share, not both sides name a further specific actor (an unidentified
  group or civilians match anyone; "Military Forces of Iraq (2014-2018)" and "(2018-)" are one force);
- places within a distance that grows with the vaguer geo_precision (a town, near a town, a province), or, without
  coordinates, the same country and no conflicting admin1;
- dates whose precision windows overlap (a day, a week around the date, a month).
Candidates come from the store by indexed columns (country, event type, date window); this module only decides and
explains. Merged fields are reconciled by ACLED's rules (`reconcile`): the most precise date and place, the lowest
casualty figure unless a later report revises it, the majority type. Everything here is pure (no database).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from rasd.events.geocode import distance_km
from rasd.text.normalize import fold

#: ACLED event types in hierarchical precedence order (ties in a vote go to the earlier one).
TYPE_PRECEDENCE = ("Battles", "Protests", "Riots", "Explosions/Remote violence", "Violence against civilians",
                   "Strategic developments")
_FAMILIES = {"Battles": "armed", "Explosions/Remote violence": "armed", "Violence against civilians": "armed",
             "Protests": "demonstration", "Riots": "demonstration"}
#: Modalities that can describe one occurrence.
_MODALITY_GROUP = {"occurred": "real", "claimed": "real", "denied": "real", "attempted": "real",
                   "foiled": "foiled", "planned": "intent", "threatened": "intent"}
#: Search radius in km by the vaguer geo_precision of two reports (1 a town, 2 near it / a district, 3 a region).
RADIUS_KM = {1: 15.0, 2: 40.0, 3: 150.0}
#: Half-width in days of the window around a date of each time_precision (1 the day, 2 a week, 3 a month).
DATE_SLACK_DAYS = {1: 0, 2: 3, 3: 15}
#: A place score below this is vague evidence (a province, the same admin1 without coordinates).
WEAK_PLACE = 0.3

_YEARS = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)\s*$")
_GENERIC = ("unidentified", "civilians", "protesters", "rioters")
# A casualty figure that revises an earlier one: "the toll rose to", "a new toll", "the final toll" (folded text).
_REVISION_RE = re.compile(fold(r"ارتفع|ارتفاع|لترتفع|ليرتفع|حصيلة جديدة|الحصيلة النهائية|حصيلة نهائية|حصيلة محدثة"))


def family(event_type: str | None, sub_event_type: str | None) -> str:
    """The type family two reports must share to be one event."""
    if event_type in _FAMILIES:
        return _FAMILIES[event_type]
    return f"{event_type}/{sub_event_type}"


def family_types(event_type: str | None) -> list[str]:
    """The event types of `event_type`'s family (what the candidate query filters on)."""
    fam = _FAMILIES.get(event_type or "")
    if fam is None:
        return [event_type] if event_type else []
    return [t for t, f in _FAMILIES.items() if f == fam]


@lru_cache(maxsize=4096)
def actor_key(name: str | None) -> str | None:
    """An actor name for comparison: case-folded, without the period suffix of state forces."""
    if not name:
        return None
    return _YEARS.sub("", name).strip().lower() or None


def is_generic(key: str) -> bool:
    """Unidentified groups, civilians, protesters: names that do not tell two events apart."""
    return key.startswith(_GENERIC)


def date_window(ev: dict[str, Any]) -> tuple[date, date] | None:
    """The days an event may fall on, from its date, end date and time precision."""
    start = _as_date(ev.get("event_date"))
    if start is None:
        return None
    end = _as_date(ev.get("event_date_end")) or start
    slack = timedelta(days=DATE_SLACK_DAYS.get(ev.get("time_precision") or 1, DATE_SLACK_DAYS[3]))
    return start - slack, max(end, start) + slack


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass(slots=True)
class Match:
    """Whether a report matches an event, with a score to rank candidates and the reasons, for `--explain`."""

    ok: bool
    score: float = 0.0
    reasons: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"matched": self.ok, "score": round(self.score, 3), "reasons": dict(self.reasons)}


def _actors(ev: dict[str, Any]) -> set[str]:
    return {k for k in (actor_key(ev.get("actor1")), actor_key(ev.get("actor2"))) if k}


def allowed_weakness(similarity: float | None) -> float:
    """How much vague evidence a match may carry, given how alike the two reports' wording is (None: unknown).

    Outlets that run the same agency story share most words around the event; that lets a match through despite
    a vague date or a second geocoding, while two differently worded reports need firmer fields to merge.
    """
    if similarity is None:
        return 1.0
    return 1.5 if similarity >= 0.5 else 1.0 if similarity >= 0.2 else 0.5


def text_similarity(a: list[str] | None, b: list[str] | None) -> float | None:
    """Jaccard overlap of two reports' content terms (None when either has none stored)."""
    if not a or not b:
        return None
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb)


def content_terms(article_text: str, ev: dict[str, Any], width: int = 200) -> list[str]:
    """The distinctive words around an event's trigger (its `event_type` evidence), for `text_similarity`."""
    from rasd.store.search import search_terms

    span = (ev.get("evidence") or {}).get("event_type")
    if not span or not article_text:
        return []
    start, end = int(span["start"]), int(span["end"])
    window = article_text[max(0, start - width):end + width]
    return sorted({t for t in search_terms(window) if len(t) > 2 and not t.isdigit()})


def compare(report: dict[str, Any], event: dict[str, Any], similarity: float | None = None) -> Match:
    """Decide whether `report` (one article's event) is an account of `event` (a stored, possibly merged event);
    `similarity` is the wording overlap of the two when known (`text_similarity`)."""
    m = Match(ok=False)
    fam_r, fam_e = family(report.get("event_type"), report.get("sub_event_type")), family(
        event.get("event_type"), event.get("sub_event_type"))
    if fam_r != fam_e:
        m.reasons["type"] = f"different type families ({fam_r} vs {fam_e})"
        return m
    same_sub = report.get("sub_event_type") == event.get("sub_event_type")
    m.reasons["type"] = f"same sub-event type ({report.get('sub_event_type')})" if same_sub else (
        f"same family {fam_r} ({report.get('sub_event_type')} ~ {event.get('sub_event_type')})")
    mod_r = _MODALITY_GROUP.get(report.get("modality") or "occurred", "real")
    mod_e = _MODALITY_GROUP.get(event.get("modality") or "occurred", "real")
    if mod_r != mod_e:
        m.reasons["modality"] = f"incompatible modality ({report.get('modality')} vs {event.get('modality')})"
        return m

    ok, why, shared = _actors_compatible(report, event)
    m.reasons["actors"] = why
    if not ok:
        return m
    ok, why, place_score = _places_compatible(report, event)
    m.reasons["place"] = why
    if not ok:
        return m
    win_r, win_e = date_window(report), date_window(event)
    if win_r is None or win_e is None:
        m.reasons["date"] = "no date on one side"
        return m
    if win_r[1] < win_e[0] or win_e[1] < win_r[0]:
        m.reasons["date"] = f"date windows do not overlap ({_fmt(win_r)} vs {_fmt(win_e)})"
        return m
    d_r, d_e = _as_date(report.get("event_date")), _as_date(event.get("event_date"))
    vaguest = max(_precision(report), _precision(event))
    same_day = d_r == d_e and vaguest == 1
    m.reasons["date"] = "same day" if same_day else f"windows overlap ({_fmt(win_r)} and {_fmt(win_e)})"
    # Each piece of vague evidence costs something; one unit is tolerated, more is not (a week-wide date and an
    # unnamed actor together could be any event of that week in that region). ACLED's events are atomic per day,
    # so a date known only to the week matches well only within a day.
    costs = {
        "date": 0.0 if same_day else 0.5 if vaguest == 2 and abs((d_r - d_e).days) <= 1 else 1.0,
        "place": 1.0 if place_score < WEAK_PLACE else 0.5 if _named_apart(report, event) else 0.0,
        "actors": 1.0 if not shared or all(is_generic(k) for k in shared) else 0.0,
        "type": 0.0 if same_sub else 0.5 if report.get("event_type") == event.get("event_type") else 1.0,
    }
    weakness = sum(costs.values())
    limit = allowed_weakness(similarity)
    if similarity is not None:
        m.reasons["wording"] = f"{similarity:.2f} overlap (allows vagueness {limit:g})"
    if weakness > limit:
        m.reasons["verdict"] = "too vague together: " + ", ".join(f"{k} {v:g}" for k, v in costs.items() if v)
        return m
    m.ok = True
    m.score = 0.4 * place_score + 0.2 * min(len(shared), 2) / 2 + 0.2 * same_day + 0.1 * same_sub + 0.1 * (
        report.get("weapon") is not None and report.get("weapon") == event.get("weapon")) - 0.1 * weakness
    return m


def _named_apart(report: dict[str, Any], event: dict[str, Any]) -> bool:
    """Both name a precise place (a town or site), and not the same one."""
    names = report.get("location"), event.get("location")
    precise = max(report.get("geo_precision") or 3, event.get("geo_precision") or 3) <= 2
    return precise and all(names) and names[0] != names[1]


def _precision(ev: dict[str, Any]) -> int:
    return int(ev.get("time_precision") or 3)


def _fmt(win: tuple[date, date]) -> str:
    return win[0].isoformat() if win[0] == win[1] else f"{win[0].isoformat()}..{win[1].isoformat()}"


def _actors_compatible(report: dict[str, Any], event: dict[str, Any]) -> tuple[bool, str, set[str]]:
    a, b = _actors(report), _actors(event)
    shared = a & b
    extra_a = {k for k in a - b if not is_generic(k)}
    extra_b = {k for k in b - a if not is_generic(k)}
    if extra_a and extra_b:
        return False, f"conflicting actors ({', '.join(sorted(extra_a))} vs {', '.join(sorted(extra_b))})", shared
    if shared:
        return True, "shared actors: " + ", ".join(sorted(shared)), shared
    return True, "no conflicting actor", shared


def _places_compatible(report: dict[str, Any], event: dict[str, Any]) -> tuple[bool, str, float]:
    """Same place within the precision radius; the score is 1 at the same point, 0 at the radius."""
    if report.get("iso3") and event.get("iso3") and report["iso3"] != event["iso3"]:
        return False, f"different countries ({report['iso3']} vs {event['iso3']})", 0.0
    p1, p2 = report.get("geo_precision") or 3, event.get("geo_precision") or 3
    radius = RADIUS_KM.get(max(p1, p2), RADIUS_KM[3])
    a1, b1 = report.get("admin1"), event.get("admin1")
    if not a1 and not b1 and max(p1, p2) >= 3:
        return False, "only the country is known: too vague to tell events apart", 0.0
    if None not in (report.get("latitude"), report.get("longitude"), event.get("latitude"), event.get("longitude")):
        km = distance_km((report["latitude"], report["longitude"]), (event["latitude"], event["longitude"]))
        if km > radius:
            return False, f"{km:.1f} km apart > {radius:g} km (geo_precision {p1}/{p2})", 0.0
        if a1 and b1 and a1 != b1 and max(p1, p2) < 3 and km > RADIUS_KM[1]:
            return False, f"different admin1 ({a1} vs {b1}) {km:.1f} km apart", 0.0
        # Closeness, scaled down when the vaguer side is only a province (its point is a capital or a centroid).
        scale = {1: 1.0, 2: 0.8, 3: 0.25}.get(max(p1, p2), 0.25)
        return True, f"{km:.1f} km apart <= {radius:g} km (geo_precision {p1}/{p2})", scale * (1.0 - km / radius)
    if not a1 or not b1 or a1 != b1:
        return False, f"admin1 unknown or different ({a1} vs {b1}), no coordinates", 0.0
    if report.get("country") != event.get("country"):
        return False, "different countries", 0.0
    return True, f"same admin1 {a1}, no coordinates", 0.2


def revises_figure(article_text: str, ev: dict[str, Any]) -> bool:
    """True when the article's casualty figure is stated as a revision ("the toll rose to 12")."""
    spans = [s for k, s in (ev.get("evidence") or {}).items() if k in ("fatalities", "injured") and s]
    for s in spans:
        start = int(s["start"])
        window = fold(article_text[max(0, start - 60):int(s["end"])])
        if _REVISION_RE.search(window):
            return True
    return False


@dataclass(slots=True)
class ReportInfo:
    """What reconciliation needs of one report: its event dict and when and where it was published."""

    data: dict[str, Any]
    article_id: str
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    revises: bool = False


_PLACE_FIELDS = ("country", "iso3", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
                 "geo_precision", "location_offset")
_DATE_FIELDS = ("event_date", "event_date_end", "time_precision", "date_text")
_ACTOR_FIELDS = ("actor1", "actor2", "actor1_id", "actor2_id", "inter1", "inter2", "interaction",
                 "civilian_targeting")
_TYPE_FIELDS = ("disorder_type", "event_type", "sub_event_type")


def _admin_depth(d: dict[str, Any]) -> int:
    return sum(1 for k in ("admin1", "admin2", "admin3", "location") if d.get(k))


def reconcile(event_id: str, reports: list[ReportInfo]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The merged event (output contract) and its provenance ({field group: {report, rule}}) from its reports.

    `reports` are in arrival order; the result depends only on them, so re-reconciling is idempotent.
    """
    if not reports:
        raise ValueError("reconcile needs at least one report")
    first = reports[0]
    out: dict[str, Any] = dict(first.data)
    out["event_id"] = event_id
    evidence: dict[str, Any] = {}
    missing: dict[str, str] = {}
    prov: dict[str, Any] = {}

    def take(group: str, fields: tuple[str, ...], r: ReportInfo, rule: str) -> None:
        for name in fields:
            out[name] = r.data.get(name)
            if name in (r.data.get("evidence") or {}):
                evidence[name] = {**r.data["evidence"][name], "article_id": r.article_id}
            if name in (r.data.get("missing") or {}):
                missing[name] = r.data["missing"][name]
        prov[group] = {"article_id": r.article_id, "rule": rule}

    order = {id(r): i for i, r in enumerate(reports)}
    # Type: majority sub-event type, ties by ACLED precedence, then the earliest report.
    votes = Counter((r.data.get("event_type"), r.data.get("sub_event_type")) for r in reports)

    def type_rank(r: ReportInfo) -> tuple:
        et = r.data.get("event_type")
        prec = TYPE_PRECEDENCE.index(et) if et in TYPE_PRECEDENCE else len(TYPE_PRECEDENCE)
        return (-votes[(et, r.data.get("sub_event_type"))], prec, order[id(r)])

    r = min(reports, key=type_rank)
    take("type", _TYPE_FIELDS, r, f"majority of {len(reports)} report(s), ties by ACLED precedence")
    # Date: most precise (lowest time_precision, dated before undated), then the earliest report.
    r = min(reports, key=lambda x: (x.data.get("event_date") is None, x.data.get("time_precision") or 9,
                                    order[id(x)]))
    take("date", _DATE_FIELDS, r, "most precise date (lowest time_precision)")
    # Place: most precise (lowest geo_precision, with coordinates), then the most admin levels named.
    r = min(reports, key=lambda x: (x.data.get("latitude") is None, x.data.get("geo_precision") or 9,
                                    -_admin_depth(x.data), order[id(x)]))
    take("place", _PLACE_FIELDS, r, "most precise place (lowest geo_precision)")
    # Actors: the report naming the most specific actors (fewest unidentified/generic), then the earliest.
    r = min(reports, key=lambda x: (-sum(1 for k in _actors(x.data) if not is_generic(k)), -len(_actors(x.data)),
                                    order[id(x)]))
    take("actors", _ACTOR_FIELDS, r, "most specific actors")
    out["assoc_actor_1"] = _union(x.data.get("assoc_actor_1") or [] for x in reports)
    out["assoc_actor_2"] = _union(x.data.get("assoc_actor_2") or [] for x in reports)
    for name in ("fatalities", "injured"):
        _reconcile_figure(name, reports, out, evidence, missing, prov)
    weapons = Counter(x.data.get("weapon") for x in reports if x.data.get("weapon"))
    if weapons:
        best = max(weapons, key=lambda w: (weapons[w], -_first(reports, "weapon", w)))
        r = next(x for x in reports if x.data.get("weapon") == best)
        take("weapon", ("weapon",), r, "most reported weapon")
    modalities = Counter(x.data.get("modality") or "occurred" for x in reports)
    out["modality"] = "occurred" if "occurred" in modalities else modalities.most_common(1)[0][0]
    out["background"] = all(bool(x.data.get("background")) for x in reports)
    said = Counter(x.data["attribution"] for x in reports if x.data.get("attribution"))
    out["attribution"] = max(said, key=lambda a: (said[a], -_first(reports, "attribution", a))) if said else None
    out["article_ids"] = _union([x.article_id] for x in reports)
    out["urls"] = _union((x.data.get("urls") or []) + ([x.url] if x.url else []) for x in reports)
    out["sources"] = _union((x.data.get("sources") or []) + ([x.outlet] if x.outlet else []) for x in reports)
    for name, span in (first.data.get("evidence") or {}).items():
        evidence.setdefault(name, {**span, "article_id": first.article_id})
    out["evidence"] = evidence
    for x in reports:  # a field nobody filled keeps the first reason given for it
        for k, why in (x.data.get("missing") or {}).items():
            if k not in missing and out.get(k) in (None, [], {}):
                missing[k] = why
    out["missing"] = missing
    if len(reports) > 1:
        outlets = {x.outlet for x in reports if x.outlet}
        best_conf = max(float(x.data.get("confidence") or 0.0) for x in reports)
        out["confidence"] = round(max(best_conf, min(0.99, best_conf + 0.05 * (len(outlets) - 1))), 3)
        out["notes"] = _notes(out, len(reports), len(outlets))
    return out, prov


def _reconcile_figure(name: str, reports: list[ReportInfo], out: dict[str, Any], evidence: dict[str, Any],
                      missing: dict[str, str], prov: dict[str, Any]) -> None:
    """ACLED: the lowest reported figure, unless a later report explicitly revises it ("the toll rose to")."""
    given = [x for x in reports if x.data.get(name) is not None and name in (x.data.get("evidence") or {})]
    if not given:
        fallback = reports[0]
        out[name] = fallback.data.get(name)
        if name in (fallback.data.get("missing") or {}):
            missing[name] = fallback.data["missing"][name]
        prov[name] = {"article_id": fallback.article_id, "rule": "no report gives a figure"}
        return
    chosen = min(given, key=lambda x: (x.data[name], x.published or date.max))
    rule = "lowest reported figure" + (
        f" ({', '.join(str(v) for v in sorted({x.data[name] for x in given}))})" if len(given) > 1 else "")
    for x in sorted(given, key=lambda x: x.published or date.min):
        if x.revises and x.published and (chosen.published is None or x.published > chosen.published):
            chosen, rule = x, f"revised by a later report ({x.published.isoformat()})"
    out[name] = chosen.data[name]
    evidence[name] = {**chosen.data["evidence"][name], "article_id": chosen.article_id}
    prov[name] = {"article_id": chosen.article_id, "rule": rule}


def _first(reports: list[ReportInfo], name: str, value: Any) -> int:
    return next(i for i, x in enumerate(reports) if x.data.get(name) == value)


def _union(lists: Any) -> list[Any]:
    out: list[Any] = []
    for items in lists:
        for item in items:
            if item and item not in out:
                out.append(item)
    return out


def _notes(out: dict[str, Any], n_reports: int, n_outlets: int) -> str:
    """The summary sentence regenerated from the merged fields, with how many reports back it."""
    try:
        from rasd.events.notes import notes
        from rasd.model import Event

        text = notes(Event.from_dict(out))
    except Exception:  # noqa: BLE001 - notes are a convenience; a merged event must still be stored
        text = out.get("notes") or ""
    return text + f" Merged from {n_reports} reports ({n_outlets} outlet{'s' if n_outlets != 1 else ''})."
