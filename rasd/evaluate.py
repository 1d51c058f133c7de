"""Score extracted events against gold annotations (`rasd eval`), the way the project's shared scorer does.

Gold is JSONL, one article per line ({"gold_id", "published", "events": [...]}, events listing only the fields they
check, as in ../shared/fixtures/seed/expected.json), with the texts in an articles JSONL (gold_id, title, content).
Matching and field checks follow ../shared/eval/score.py rule for rule, so a user's figures on their own data are
comparable with the published ones: a system event may stand for a gold event only with the same event type and
country, a date within 7 days of the gold range, and agreement on a place or actor where the gold names one; pairs
are matched one to one, best first, required gold events before optional ones.
"""

from __future__ import annotations

import difflib
import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rasd.errors import InputError

_COUNTRY_ALIASES = {"turkiye": "turkey", "syrianarabrepublic": "syria", "palestinianterritory": "palestine",
                    "stateofpalestine": "palestine", "unitedstatesofamerica": "unitedstates", "usa": "unitedstates"}
_ACTOR_ALIASES = {
    "islamic state": ["islamic state", "isis", "isil", "daesh"],
    "pkk": ["pkk", "kurdistan workers"],
    "united states": ["united states", "us", "usa", "u s", "american"],
    "us": ["united states", "us", "usa", "u s", "american"],
    "turkey": ["turkey", "turkiye"],
    "nusra": ["nusra", "nusrah"],
}
_NON_CHECKS = {"name", "required", "within_km", "evidence_ar", "fatalities_why", "notes"}
_IDENTITY = ("admin1_one_of", "location_contains_one_of", "point", "actor1_contains", "actor1_contains_one_of",
             "actor2_contains_one_of")
MATCH_KEYS = ("event_type", "country")


def _fold(s) -> str:
    s = unicodedata.normalize("NFKD", str(s or "").replace("ı", "i")).lower()
    return "".join(c for c in s if not unicodedata.combining(c))


def _norm(s) -> str:
    s = re.sub(r"\b(al|el|ad|ar|as|ash|at|az)[-\s]", "", _fold(s))
    s = re.sub(r"[\s\-'’‘`_.ʿʾ]", "", s)
    return _COUNTRY_ALIASES.get(s, s)


def _as_date(v) -> date | None:
    try:
        return date.fromisoformat(str(v)[:10]) if v else None
    except ValueError:
        return None


def _as_int(v) -> int | None:
    try:
        return None if v is None or isinstance(v, bool) else int(v)
    except (TypeError, ValueError):
        return None


def _km(a, b) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _actor_names(ev: dict, which: str) -> list[str]:
    assoc = ev.get("assoc_actor_1" if which == "actor1" else "assoc_actor_2") or []
    if isinstance(assoc, str):
        assoc = assoc.split(";")
    names = [ev.get(which) or ""] + list(assoc)[:2]
    return [re.sub(r"\s+", " ", re.sub(r"[^\w\s*]", " ", _fold(re.sub(r"\([^)]*\)", " ", n)))).strip() for n in names]


def _actor_has(names: list[str], keyword: str) -> bool:
    kw = re.sub(r"\s+", " ", re.sub(r"[^\w\s*]", " ", _fold(keyword))).strip()
    prefix = kw.endswith("*")
    kw = kw.rstrip("*").strip()
    for alias in _ACTOR_ALIASES.get(kw, [kw]):
        pat = r"\b" + re.escape(alias) + ("" if prefix else r"\b")
        if any(re.search(pat, n) for n in names):
            return True
    return False


def _check_actor(key: str, want, ev: dict) -> bool:
    which = key.split("_")[0]
    other = "actor2" if which == "actor1" else "actor1"
    words = [want] if isinstance(want, str) else list(want)
    test = all if key == "actor1_contains" else any
    if test(_actor_has(_actor_names(ev, which), w) for w in words):
        return True
    if _norm(ev.get("event_type")) != _norm("Violence against civilians"):  # actor order has no meaning
        return test(_actor_has(_actor_names(ev, other), w) for w in words)
    return False


def check_field(key: str, want, gold: dict, ev: dict) -> bool | None:
    """True/False for one gold key against a system event (a dict of the output contract); None if not a check."""
    if key in ("event_type", "sub_event_type", "inter1", "inter2", "modality", "country"):
        return _norm(ev.get(key)) == _norm(want)
    if key == "background":
        return bool(ev.get("background")) == bool(want)
    if key in ("time_precision", "geo_precision", "fatalities", "injured"):
        return _as_int(ev.get(key)) == int(want)
    if key.endswith("_at_least") and key[: -len("_at_least")] in ("time_precision", "geo_precision", "fatalities"):
        got = _as_int(ev.get(key[: -len("_at_least")]))
        return got is not None and got >= int(want)
    if key == "modality_one_of":
        return _norm(ev.get("modality")) in {_norm(w) for w in want}
    if key == "admin1_one_of":
        return any(_norm(ev.get("admin1")) == _norm(w) for w in want)
    if key == "location_contains_one_of":
        loc = ev.get("location") or ""
        return any((_norm(w) in _norm(loc) and len(_norm(loc)) <= len(_norm(w)) + 20)
                   or difflib.SequenceMatcher(None, _norm(loc), _norm(w)).ratio() >= 0.75 for w in want)
    if key == "weapon_one_of":
        return any(_norm(w) in _norm(ev.get("weapon")) or _norm(ev.get("weapon") or "\0") in _norm(w) for w in want)
    if key in ("actor1_contains", "actor1_contains_one_of", "actor2_contains_one_of"):
        return _check_actor(key, want, ev)
    if key == "point":
        try:
            pt = float(ev["latitude"]), float(ev["longitude"])
        except (KeyError, TypeError, ValueError):
            return False
        return _km(want, pt) <= float(gold.get("within_km", 25))
    if key == "event_date_between":
        d = _as_date(ev.get("event_date"))
        return d is not None and _as_date(want[0]) <= d <= _as_date(want[1])
    if key == "location_offset":
        off = ev.get("location_offset") or {}
        try:
            km, bearing = float(off["km"]), float(off["bearing_deg"])
        except (KeyError, TypeError, ValueError):
            return False
        turn = abs(bearing - want["bearing_deg"]) % 360
        return (abs(km - float(want["km"])) <= 0.1 * float(want["km"]) + 0.5 and min(turn, 360 - turn) <= 22.5
                and _norm(want.get("anchor_contains", "")) in _norm(off.get("anchor")))
    return None


def field_results(gold: dict, ev: dict) -> dict[str, bool]:
    out = {}
    for key, want in gold.items():
        if key not in _NON_CHECKS:
            r = check_field(key, want, gold, ev)
            if r is not None:
                out[key] = r
    return out


def compatible(gold: dict, ev: dict) -> bool:
    for key in MATCH_KEYS:
        if key in gold and (not ev.get(key) or _norm(ev[key]) != _norm(gold[key])):
            return False
    if "event_date_between" in gold:
        d = _as_date(ev.get("event_date"))
        lo, hi = _as_date(gold["event_date_between"][0]), _as_date(gold["event_date_between"][1])
        if d is None or (lo - d).days > 7 or (d - hi).days > 7:
            return False
    identity = [k for k in _IDENTITY if k in gold]
    return not identity or any(check_field(k, gold[k], gold, ev) for k in identity)


def match(golds: list[dict], events: list[dict]) -> list[tuple[int, int]]:
    """One-to-one (gold index, event index) pairs, best-scoring first; required gold events pick first."""
    out: list[tuple[int, int]] = []
    used_e: set[int] = set()
    for required in (True, False):
        pairs = []
        for gi, g in enumerate(golds):
            if g.get("required", True) != required:
                continue
            for ei, e in enumerate(events):
                if ei not in used_e and compatible(g, e):
                    pairs.append((sum(field_results(g, e).values()), gi, ei))
        pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
        used_g: set[int] = set()
        for _, gi, ei in pairs:
            if gi in used_g or ei in used_e:
                continue
            used_g.add(gi)
            used_e.add(ei)
            out.append((gi, ei))
    return out


@dataclass
class Report:
    """Detection and per-field figures over a gold set."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    articles: int = 0
    field_ok: dict[str, int] = field(default_factory=dict)
    field_n: dict[str, int] = field(default_factory=dict)
    details: list[dict] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def fields(self) -> float:
        n = sum(self.field_n.values())
        return sum(self.field_ok.values()) / n if n else 0.0

    def add(self, case_id: str, golds: list[dict], events: list[dict]) -> None:
        pairs = match(golds, events)
        matched_g = {gi for gi, _ in pairs}
        matched_e = {ei for _, ei in pairs}
        req = [i for i, g in enumerate(golds) if g.get("required", True)]
        tp = sum(1 for gi in req if gi in matched_g)
        fp = sum(1 for ei in range(len(events)) if ei not in matched_e)
        self.tp, self.fn, self.fp, self.articles = self.tp + tp, self.fn + len(req) - tp, self.fp + fp, \
            self.articles + 1
        failed = []
        for gi, ei in pairs:
            if gi not in req:
                continue
            fr = field_results(golds[gi], events[ei])
            for k, ok in fr.items():
                if k in MATCH_KEYS:
                    continue
                self.field_n[k] = self.field_n.get(k, 0) + 1
                self.field_ok[k] = self.field_ok.get(k, 0) + int(ok)
            failed.append({"gold": golds[gi].get("name"), "failed": [k for k, ok in fr.items() if not ok]})
        self.details.append({"id": case_id, "gold": len(req), "system": len(events), "tp": tp, "fp": fp,
                             "fn": len(req) - tp, "missed": [golds[gi].get("name") for gi in req
                                                              if gi not in matched_g], "pairs": failed,
                             "extra": [events[ei].get("notes") for ei in range(len(events)) if ei not in matched_e]})

    def lines(self) -> list[str]:
        """The same table and summary lines as ../shared/eval/score.py."""
        out = [f"{'field':28s} {'right':>6s} {'of':>5s} {'acc':>6s}"]
        for k in sorted(self.field_n):
            out.append(f"{k:28s} {self.field_ok[k]:6d} {self.field_n[k]:5d} {self.field_ok[k] / self.field_n[k]:6.2f}")
        out.append(f"articles={self.articles} failed_runs=0 gold_events={self.tp + self.fn} "
                   f"system_events={self.tp + self.fp} tp={self.tp} fp={self.fp} fn={self.fn}")
        out.append(f"events P={self.precision:.2f} R={self.recall:.2f} F1={self.f1:.2f} fields={self.fields:.2f}")
        return out


def _read_jsonl(path: Path) -> Iterable[tuple[int, dict]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read: {exc}", str(path)) from exc
    for n, line in enumerate(lines, 1):
        if line.strip():
            try:
                yield n, json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"not JSON: {exc.msg}", str(path), n) from exc


def evaluate(gold_path: str | Path, articles_path: str | Path,
             extract: Callable[[str, date | None], list[dict]]) -> Report:
    """Run `extract(text, published)` on every gold article and score it."""
    texts: dict[str, str] = {}
    for _, a in _read_jsonl(Path(articles_path)):
        key = a.get("gold_id") or a.get("id") or a.get("url")
        texts[str(key)] = (a.get("title") or "") + "\n\n" + (a.get("content") or a.get("text") or "")
    report = Report()
    for n, g in _read_jsonl(Path(gold_path)):
        gid = str(g.get("gold_id") or g.get("id") or g.get("url"))
        if gid not in texts:
            raise InputError(f"gold article {gid!r} has no text in {articles_path}", str(gold_path), n)
        report.add(gid, g.get("events") or [], extract(texts[gid], _as_date(g.get("published"))))
    return report
