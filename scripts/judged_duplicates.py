"""Which judged retellings the code still produces, what links each to the act it repeats, and which check of the
merge keeps it apart - against the same counts for pairs of two judged real acts (what linking that class would cost).

    python scripts/judged_duplicates.py

Reads the judged draws (tests/data/judged_unseen) but never the check draws (scripts/judged_unseen.CHECK_SEEDS): an
article is read once, from the first seed that drew it. The pipeline runs with the rules deciding; the reports the
merge keeps, as rasd.events.merge.relink leaves them once build has completed them, are matched to the judged rows
as scripts/judged_unseen.py matches events, and every pair of kept reports of an article of which at least one is a
judged act is "same" (a duplicate and the act it repeats, or two retellings of one act) or "two acts" (two judged
real acts). A class of "same" pairs is worth a link only where "two acts" pairs of that class are few: each would be
a real act lost.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from contextlib import contextmanager
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


@contextmanager
def kept_reports(into: dict):
    """While open, each article's reports as the last link keeps them (and its doc) are put in `into`: those of
    rasd.events.merge.relink, whose fields later steps no longer change (the merge's own output gets its doers and
    types settled after it, so two of its reports could look linkable here that it had kept apart)."""
    from rasd.events import build

    relink = build.relink

    def keep(cands, doc):
        kept = relink(cands, doc)
        into["kept"], into["doc"] = kept, doc
        return kept

    build.relink = keep
    try:
        yield
    finally:
        build.relink = relink


def judged_articles():
    """(seed, rows, text, published) of each judged article of the draws that are not the check, read once."""
    from judged_unseen import CHECK_SEEDS, DRAW_SIZE, judged_files
    from unseen_sample import sample_articles

    seen = set()
    for seed, path in judged_files():
        if seed in CHECK_SEEDS:
            continue
        rows: dict[str, list[dict]] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                rows.setdefault(row["id"], []).append(row)
        for article in sample_articles(DRAW_SIZE, seed):
            if article["id"] in rows and article["text"] not in seen:
                seen.add(article["text"])
                yield seed, rows[article["id"]], article


def reports_with_rows(kb, seed: int, rows: list[dict], article: dict):
    """The article's kept reports, each with its judged row or None, and the doc."""
    from judged_unseen import key_of, match_events

    from rasd.model import Article
    from rasd.pipeline import process

    case = {"draw_id": article["id"], "text": article["text"], "rows": {}}
    for row in rows:
        case["rows"].setdefault(key_of(article["id"], row["event_type"], row.get("trigger"), row.get("sentence", "")),
                                []).append(row)
    got: dict = {}
    with kept_reports(got):
        events = process(Article(text=article["text"], published=date.fromisoformat(article["published"]),
                                 published_how="given"), kb, decide="rules").events
    events = [e for e in events if "filtered" not in e.missing]
    row_of = {id(e): r for e, r, _ in match_events(case, events, table="rows")[0] if r is not None}
    by_anchor = {e.evidence["event_type"].start: row_of.get(id(e)) for e in events if "event_type" in e.evidence}
    return [(c, by_anchor.get(c.evidence["event_type"].start) if "event_type" in c.evidence else None)
            for c in got["kept"]], got["doc"]


def link_class(a, b) -> tuple[str, str, str, str]:
    """How two reports stand: sentences apart, type relation, days, places."""
    from rasd.events.merge import days_apart

    gap = abs(a.sentence_index - b.sentence_index)
    apart = "same sentence" if gap == 0 else "adjacent" if gap == 1 else "2-3 apart" if gap <= 3 else "4+ apart"
    kind = ("same sub-type" if a.sub_event_type == b.sub_event_type else
            "same type" if a.event_type == b.event_type else "other type")
    wa, wb = a.fields.when, b.fields.when
    day = "undated" if wa is None or wb is None else "days agree" if not days_apart(wa, wb) else "days differ"
    la, lb = a.fields.loc, b.fields.loc
    place = ("same place" if la.location is not None and la.location == lb.location else
             "one unplaced" if la.location is None or lb.location is None else
             "same province" if la.admin1 is not None and la.admin1 == lb.admin1 else
             "other country" if la.iso3 != lb.iso3 else "other province")
    return apart, kind, day, place


def main() -> int:
    from judged_unseen import act_of

    from rasd.events.merge import occurrence_apart
    from rasd.kb import load_kb

    kb = load_kb()
    dups = Counter()
    pairs: dict[str, Counter] = {k: Counter() for k in ("check", "apart", "kind", "day", "place")}
    for seed, rows, article in judged_articles():
        reports, doc = reports_with_rows(kb, seed, rows, article)
        produced = {r["index"] for _, r in reports if r is not None}
        for row in rows:
            if row["verdict"] == "duplicate":
                dups["judged"] += 1
                dups["still produced" if row["index"] in produced else "no longer produced"] += 1
                if row["index"] in produced and row.get("same_as") not in produced:
                    dups["still produced, the act it repeats not"] += 1
        for i, (a, ra) in enumerate(reports):
            for b, rb in reports[i + 1:]:
                if ra is None or rb is None:
                    continue
                acts = act_of(seed, ra), act_of(seed, rb)
                if acts[0] is None or acts[1] is None:
                    continue
                pair = "same" if acts[0] == acts[1] else "two acts"
                pairs["check"][(occurrence_apart(a, b, doc) or "(linkable)", pair)] += 1
                for name, value in zip(("apart", "kind", "day", "place"), link_class(a, b), strict=True):
                    pairs[name][(value, pair)] += 1
    print("judged duplicates (draws not the check):", dict(dups))
    for name, title in (("check", "what keeps the pair apart (rasd.events.merge.occurrence_apart)"),
                        ("apart", "sentences apart"), ("kind", "types"), ("day", "days"), ("place", "places")):
        print(f"\n{title}: same act / two acts")
        values = sorted({v for v, _ in pairs[name]}, key=lambda v: -pairs[name][(v, "same")])
        for v in values:
            print(f"  {v:22} {pairs[name][(v, 'same')]:5} {pairs[name][(v, 'two acts')]:6}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
