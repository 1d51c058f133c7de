"""How the learned check (rasd.events.vetting) does on text it never saw: a fresh-text protocol.

    python scripts/vetting_fresh.py [--cache /tmp/vetting_fresh.json] [--groups base,telling] [--c 1.0]

Three measures, all deterministic, all with the rules fixed and the shipped decision (an act the rules code is
dropped when P(none) >= the drop threshold; nothing admitted or retyped; no say where vetting.decides says so):

1. Leave one learning set out: for each of scripts/eval_events.LEARNING_SETS, a model trained on every other row
   (train/, dev/, the other learning sets, the judged draws) scores that set. Each learning set was annotated after
   the rules it is scored on were written, so this is the nearest thing to a held-out set the trainers may use.
   Also: how often the kept events at confidence (1 - P(none)) >= 0.8 and below are right.
2. The judged draws out of fold (as scripts/train_vetting.judged_cv): real acts and non-events dropped.
3. 5-fold CV on train/ + dev/ (fold by article, scripts/train_vetting.fold_of), each fold's model trained on the other
   folds, the learning sets and the judged draws: the "dropping" row of docs/vetting_cv.md, except that every
   article is linked by the shipped pair model (here the linking is fixed; train_vetting.py learns it out of fold).

The rules' events are cached (`--cache`) so that feature and model variants are compared on the same events; delete
the file after a rule change. `--groups` picks the feature groups (vetting.FEATURE_GROUPS) the model reads.
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_vetting  # noqa: E402
from eval_events import LEARNING_SETS, Tally, load_cases, load_scorer  # noqa: E402
from train_vetting import fit, fold_of, is_brief, judged_counts, label, score  # noqa: E402

from rasd.events import vetting  # noqa: E402
from rasd.model import Article, Event  # noqa: E402

DROP_GRID = (0.6, 0.7, 0.8, 0.9)


def rules_events(cases: list[dict], judged: list[dict], cache: str | None) -> None:
    """Each case's rules' events (decide="candidates", linked by the shipped pair model), from `cache` if given."""
    if cache and Path(cache).exists():
        stored = json.loads(Path(cache).read_text(encoding="utf-8"))
        for case, evs in zip(cases + judged, stored, strict=True):
            case["rules_events"] = [Event.from_dict(d) for d in evs]
        return
    from rasd.kb import load_kb
    from rasd.pipeline import process

    kb = load_kb()
    for case in cases + judged:
        article = Article(text=case["text"], published=date.fromisoformat(case["published"][:10]),
                          published_how="given")
        case["rules_events"] = process(article, kb, decide="candidates").events
    if cache:
        Path(cache).write_text(json.dumps([[e.to_dict() for e in c["rules_events"]] for c in cases + judged],
                                          default=str), encoding="utf-8")


def rows_of(cases: list[dict], judged: list[dict], groups: tuple[str, ...]) -> tuple[list[dict], list[dict]]:
    """(annotated rows, judged rows) as scripts/train_vetting.py builds them, with the features of `groups`."""
    from judged_unseen import labelled_events

    scorer = load_scorer()
    rows = []
    for ai, case in enumerate(cases):
        published = date.fromisoformat(case["published"][:10])
        events = case["rules_events"]
        for ev, (typ, sub) in zip(events, label(scorer, case["events"], events), strict=True):
            if ev.country:
                rows.append({"article": ai, "x": vetting.features(ev, case["text"], published, events, groups),
                             "type": typ, "sub": sub})
    judged_rows = []
    for j, case in enumerate(judged):
        published = date.fromisoformat(case["published"][:10])
        events = case["rules_events"]
        brief = is_brief(case["text"])
        for ev, typ in labelled_events(case, events):
            if ev.country:
                judged_rows.append({"article": len(cases) + j, "judged": True, "type": typ, "sub": None,
                                    "x": vetting.features(ev, case["text"], published, events, groups),
                                    "rules_type": ev.event_type, "event": ev, "brief": brief})
    return rows, judged_rows


def model_of(rows: list[dict], c: float, groups: tuple[str, ...]) -> vetting.VettingModel:
    return vetting.VettingModel.from_json(dict(fit(rows, c, subtypes=False), groups=list(groups)))


def probabilities(model: vetting.VettingModel, cases: list[dict], indices: list[int]) -> dict[int, list]:
    """Per article, the model's verdict on each of its rules' events (raw confidence: no calibration)."""
    out = {}
    for ai in indices:
        case = cases[ai]
        published = date.fromisoformat(case["published"][:10])
        brief = case.setdefault("brief", is_brief(case["text"]))
        out[ai] = [vetting.judge(model, ev, case["text"], published, case["rules_events"], brief)
                   for ev in case["rules_events"]]
    return out


def bands(tally: Tally) -> str:
    hi = [ok for conf, ok in tally.reliability if conf >= 0.8]
    lo = [ok for conf, ok in tally.reliability if conf < 0.8]
    return f">=0.8 right {sum(hi)}/{len(hi)}, <0.8 right {sum(lo)}/{len(lo)}"


def line(name: str, s: dict) -> str:
    return f"{name}: tp {s['tp']} fp {s['fp']} fn {s['fn']} P {s['P']} R {s['R']} F1 {s['F1']} fields {s['fields']}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", help="keep the rules' events in this file between runs")
    ap.add_argument("--groups", default=",".join(vetting.DEFAULT_GROUPS))
    ap.add_argument("--c", type=float, default=1.0)
    ap.add_argument("--skip", default="", help="comma-separated parts to skip: loso, judged, cv")
    ap.add_argument("--background", type=float, default=train_vetting.DROP_BACKGROUND,
                    help="P(none) at which the model may drop a background act (1.01: no say)")
    args = ap.parse_args()
    train_vetting.DROP_BACKGROUND = args.background  # what `fit` writes into every model it trains
    groups = tuple(g for g in args.groups.split(",") if g)
    skip = set(args.skip.split(","))
    from judged_unseen import load_judged, split_check

    cases = load_cases(["train", "dev", *LEARNING_SETS])
    judged = split_check(load_judged())[0]  # the check draws are never learned from
    rules_events(cases, judged, args.cache)
    rows, judged_rows = rows_of(cases, judged, groups)
    print(f"groups {','.join(groups)}, C {args.c}: {len(rows)} annotated rows, {len(judged_rows)} judged rows, "
          f"{len({f for r in rows + judged_rows for f in r['x']})} features", flush=True)
    everything = rows + judged_rows
    if "loso" not in skip:
        rules_total = Tally(load_scorer())
        totals = {t: Tally(load_scorer()) for t in DROP_GRID}
        for held in LEARNING_SETS:
            test = [ai for ai, c in enumerate(cases) if c["set"] == held]
            model = model_of([r for r in everything if r.get("judged") or cases[r["article"]]["set"] != held],
                             args.c, groups)
            verdicts = probabilities(model, cases, test)
            rules = score(cases, test).summary()
            score(cases, test, tally=rules_total)
            parts = [line(f"  {held} rules", rules)]
            for t in DROP_GRID:
                one = score(cases, test, verdicts, 0.0, 1.01, drop_coded=t)
                score(cases, test, verdicts, 0.0, 1.01, tally=totals[t], drop_coded=t)
                parts.append(line(f"  {held} drop>={t}", one.summary()) + f"; {bands(one)}")
            print("\n".join(parts), flush=True)
        print(line("leave-one-set-out rules", rules_total.summary()))
        for t in DROP_GRID:
            print(line(f"leave-one-set-out drop>={t}", totals[t].summary()) + f"; {bands(totals[t])}", flush=True)
    if "judged" not in skip:
        arts = sorted({r["article"] for r in judged_rows})
        fold = {a: i % 5 for i, a in enumerate(sorted(arts, key=lambda a: zlib.crc32(str(a).encode())))}
        scored = []
        for f in range(5):
            model = model_of(rows + [r for r in judged_rows if fold[r["article"]] != f], args.c, groups)
            scored += [(r, p, vetting.decides(model, r["event"], p.get(vetting.NONE, 0.0), r["brief"]))
                       for r in judged_rows if fold[r["article"]] == f for p in (model.probabilities(r["x"]),)]
        for t in DROP_GRID:
            n = judged_counts(scored, t, 1.01)
            kept = n["event_kept"] + n["none_kept"]
            print(f"judged out of fold drop>={t}: events kept {n['event_kept']} dropped {n['event_dropped']}, "
                  f"no events kept {n['none_kept']} dropped {n['none_dropped']}, precision of kept "
                  f"{n['event_kept'] / max(kept, 1):.3f}", flush=True)
    if "cv" not in skip:
        scored_ix = [ai for ai, c in enumerate(cases) if c["set"] in ("train", "dev")]
        fold = {ai: fold_of(cases[ai]["id"]) for ai in scored_ix}
        verdicts = {}
        for f in range(5):
            model = model_of([r for r in everything if fold.get(r["article"], -1) != f], args.c, groups)
            verdicts |= probabilities(model, cases, [ai for ai in scored_ix if fold[ai] == f])
        print(line("cv train+dev rules", score(cases, scored_ix).summary()))
        for t in DROP_GRID:
            s = score(cases, scored_ix, verdicts, 0.0, 1.01, drop_coded=t)
            print(line(f"cv train+dev drop>={t}", s.summary()) + f"; {bands(s)}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
