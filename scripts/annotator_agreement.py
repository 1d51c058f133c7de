"""How far two annotators agree: score annotator B's blind gold of tests/data/agreement_s17 against the official
gold of ../shared/eval/train (annotator A), and A against B, with the shared scorer's own matching and field checks
(../shared/eval/score.py, imported as scripts/eval_events.py does, not copied).

    python scripts/annotator_agreement.py [--details] [--rasd]

The scorer compares *gold* events (lists of acceptable values, a date range) with *system* events (one value per
field), so each event of the annotation playing the system is first turned into a system event by `as_system`:

  * event_type, sub_event_type, country, geo_precision, time_precision, fatalities, injured, modality, background,
    inter1, inter2: copied as they are (a field the annotator left out stays out, as an extractor that says nothing);
  * actor1: the keywords of `actor1_contains` joined by a space (the scorer wants all of them in actor1), else the
    first of `actor1_contains_one_of`; actor2: the first of `actor2_contains_one_of`. The first keyword is the one
    the annotator wrote first, so, as a rule, the name they would have given; the others are spellings they accept;
  * admin1, location, weapon: the first of `admin1_one_of`, `location_contains_one_of`, `weapon_one_of` (the main
    spelling, the others being accepted variants);
  * latitude/longitude: `point`, when the annotator gave one (otherwise none: an annotator who was not sure of the
    place to 10 km gives no coordinates, and the other's point check then fails, as it would for an extractor);
  * event_date: the middle day of `event_date_between` (the earlier of the two middle days when the range has an
    even number of days): the one day an extractor would have to commit to, given only what the annotator knew;
  * `*_at_least` keys: the bound itself as the value (fatalities_at_least 3 -> fatalities 3), unless the exact
    field is there too.
`name`, `evidence_ar`, `within_km`, `required` and notes are not system fields. With `--required-only` figures
(printed as a second block) the annotation playing the system gives only its required events: an optional event
is one its annotator did not insist on, so B's optional events are left out when B plays the system, and A's when
A does.

Printed for each direction: event P/R/F1 and field accuracy (required gold only, as score.py counts), the same per
event type, and field accuracy per field. With `--details`, every article's misses, false events and failed fields
(for sorting disagreements into classes; see tests/data/agreement_s17/README.md). With `--rasd`, rasd's own events
on the 24 articles scored against A, against B and against their consensus (`consensus`: only the events both
coded count; rasd was fitted to train/, so its figures against A are in-sample).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from eval_events import EVAL, Tally, load_scorer  # noqa: E402

AGREEMENT = ROOT / "tests" / "data" / "agreement_s17"
COPIED = ("event_type", "sub_event_type", "country", "geo_precision", "time_precision", "fatalities", "injured",
          "modality", "background", "inter1", "inter2")
FIRST_OF = {"admin1_one_of": "admin1", "location_contains_one_of": "location", "weapon_one_of": "weapon",
            "actor1_contains_one_of": "actor1", "actor2_contains_one_of": "actor2"}


def middle_day(between: list[str]) -> str:
    """The middle day of an inclusive ISO date range (the earlier one when there are two)."""
    lo, hi = date.fromisoformat(between[0][:10]), date.fromisoformat(between[1][:10])
    return (lo + timedelta(days=(hi - lo).days // 2)).isoformat()


def as_system(gold: dict) -> dict:
    """One gold event as the system event an extractor that agreed with its annotator would print (see above)."""
    ev = {k: gold[k] for k in COPIED if k in gold}
    for key, field in FIRST_OF.items():
        values = gold.get(key)
        if values:
            ev[field] = values if isinstance(values, str) else values[0]
    if gold.get("actor1_contains"):
        words = gold["actor1_contains"]
        ev["actor1"] = words if isinstance(words, str) else " ".join(words)
    if gold.get("point"):
        ev["latitude"], ev["longitude"] = gold["point"][0], gold["point"][1]
    if gold.get("event_date_between"):
        ev["event_date"] = middle_day(gold["event_date_between"])
    for key, want in gold.items():
        if key.endswith("_at_least"):
            ev.setdefault(key[: -len("_at_least")], want)
    if gold.get("location_offset"):
        off = gold["location_offset"]
        ev["location_offset"] = {"km": off.get("km"), "bearing_deg": off.get("bearing_deg"),
                                 "anchor": off.get("anchor_contains", "")}
    return ev


def load_gold(path: Path) -> dict[str, dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["gold_id"]: r for r in rows}


def load_pair() -> tuple[dict[str, dict], dict[str, dict]]:
    """(A, B): the official gold of the drawn articles and annotator B's, keyed by gold_id, same ids."""
    b = load_gold(AGREEMENT / "gold_b.jsonl")
    a = {k: v for k, v in load_gold(EVAL / "train" / "gold.jsonl").items() if k in b}
    if set(a) != set(b):
        raise SystemExit(f"gold_b ids not in train gold: {sorted(set(b) - set(a))}")
    return a, b


def chosen(row: dict, required_only: bool) -> list[dict]:
    """The events of one article's annotation that play the system (all, or the required ones)."""
    return [e for e in row["events"] if e.get("required", True) or not required_only]


def score(gold: dict[str, dict], system: dict[str, list[dict]], scorer) -> tuple[Tally, dict[str, Tally], list]:
    """All articles' tally, a tally per event type, and per-article details (the scorer's matching throughout)."""
    total, by_type, details = Tally(scorer), {}, []
    for gid in sorted(gold):
        golds, events = gold[gid]["events"], system[gid]
        before = (total.tp, total.fp, total.fn)
        detail = total.add(golds, events)
        detail["counts"] = (total.tp - before[0], total.fp - before[1], total.fn - before[2])
        details.append((gid, detail))
        # A pair always shares its event type, so matching each type on its own finds the same pairs.
        for etype in {g["event_type"] for g in golds} | {e.get("event_type") for e in events}:
            by_type.setdefault(etype, Tally(scorer)).add([g for g in golds if g["event_type"] == etype],
                                                         [e for e in events if e.get("event_type") == etype])
    return total, by_type, details


def consensus(a: dict[str, dict], b: dict[str, dict], scorer) -> dict[str, dict]:
    """A's gold with every event the two annotators do not share made optional: A's required events that B's events
    (as system) match stay required; A's others become optional, and B's events that match none of A's are added as
    optional. An extractor scored on it is neither rewarded nor penalised where the annotators disagree on whether
    there is an event (its fields are still checked against A's values)."""
    out = {}
    for gid, row in a.items():
        golds, theirs = row["events"], b[gid]["events"]
        pairs = scorer.match(golds, [as_system(e) for e in theirs])
        shared, used = {gi for gi, _ in pairs}, {ei for _, ei in pairs}
        events = [g if gi in shared else {**g, "required": False} for gi, g in enumerate(golds)]
        events += [{**e, "required": False} for ei, e in enumerate(theirs) if ei not in used]
        out[gid] = {**row, "events": events}
    return out


def f1_of(counts) -> float:
    tp, fp, fn = (sum(c[i] for c in counts) for i in range(3))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def bootstrap_f1(per_article: list, rounds: int = 2000, seed: int = 17) -> tuple[float, float]:
    """95% interval of event F1 over articles drawn again with replacement (the sample is small: 24 articles)."""
    rng = random.Random(seed)
    counts = [d["counts"] for _, d in per_article]
    values = sorted(f1_of([rng.choice(counts) for _ in counts]) for _ in range(rounds))
    return values[int(0.025 * rounds)], values[int(0.975 * rounds) - 1]


def line(label: str, tally: Tally) -> str:
    s = tally.summary()
    return (f"{label}: events P={s['P']:.2f} R={s['R']:.2f} F1={s['F1']:.2f} fields={s['fields']:.2f} "
            f"(tp={s['tp']} fp={s['fp']} fn={s['fn']})")


def report(title: str, gold: dict, system: dict, scorer, details: bool = False, names: dict | None = None):
    """Print one direction's figures; `names` (gold_id -> the system events' names) for --details."""
    total, by_type, per_article = score(gold, system, scorer)
    low, high = bootstrap_f1(per_article)
    print(line(title, total) + f" F1 95% interval over articles {low:.2f}-{high:.2f}")
    for etype in sorted(by_type, key=str):
        print("  " + line(f"{etype}", by_type[etype]))
    print("  fields: " + "  ".join(f"{k} {total.field_ok[k]}/{n}" for k, n in sorted(total.field_n.items())))
    if not details:
        return
    for gid, d in per_article:
        golds, events, shown = gold[gid]["events"], system[gid], names[gid]
        for gi in d["missed"]:
            print(f"    {gid} missed: {golds[gi]['name']}")
        for ei in d["false"]:
            print(f"    {gid} extra: {shown[ei]}")
        for gi, ei, key in d["failed"]:
            print(f"    {gid} field {key}: gold {json.dumps(golds[gi].get(key), ensure_ascii=False)} "
                  f"| system {json.dumps(_shown(events[ei], key), ensure_ascii=False)}  [{golds[gi]['name']}]")


def _shown(ev: dict, key: str):
    if key == "point":
        return [ev.get("latitude"), ev.get("longitude")]
    if key == "event_date_between":
        return ev.get("event_date")
    field = FIRST_OF.get(key) or {"actor1_contains": "actor1"}.get(key) or key
    return ev.get(field)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--details", action="store_true", help="list every miss, false event and failed field")
    ap.add_argument("--rasd", action="store_true", help="also score rasd's own events against A and against B")
    args = ap.parse_args(argv)
    scorer = load_scorer()
    a, b = load_pair()
    n_events = {k: sum(len(r["events"]) for r in g.values()) for k, g in (("A", a), ("B", b))}
    n_req = {k: sum(e.get("required", True) for r in g.values() for e in r["events"]) for k, g in (("A", a), ("B", b))}
    print(f"articles={len(a)} A events={n_events['A']} (required {n_req['A']}) "
          f"B events={n_events['B']} (required {n_req['B']})")
    for required_only in (False, True):
        tag = " [required events only as system]" if required_only else ""
        for label, gold, other in (("B vs official gold A", a, b), ("A vs gold B", b, a)):
            picked = {k: chosen(v, required_only) for k, v in other.items()}
            report(label + tag, gold, {k: [as_system(e) for e in v] for k, v in picked.items()}, scorer,
                   args.details, {k: [e["name"] for e in v] for k, v in picked.items()})
    if args.rasd:
        from eval_events import system_events

        sys.path.insert(0, str(ROOT))
        texts = {}
        for raw in (AGREEMENT / "articles.jsonl").read_text(encoding="utf-8").splitlines():
            art = json.loads(raw)
            texts[art["gold_id"]] = (art.get("title") or "") + "\n\n" + (art.get("content") or "")
        ids = sorted(a)
        cases = [{"id": gid, "published": a[gid]["published"], "text": texts[gid]} for gid in ids]
        rasd = dict(zip(ids, system_events(cases), strict=True))
        report("rasd vs official gold A", a, rasd, scorer)
        report("rasd vs gold B", b, rasd, scorer)
        report("rasd vs consensus (A, events B does not share optional)", consensus(a, b, scorer), rasd, scorer)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
