"""Score rasd in-process on a gold set with ../shared/eval/score.py's own matching (fast: the KB loads once).

    python scripts/dev_eval.py [--gold ../shared/eval/dev/gold.jsonl] [--articles ...] [--only ID] [--show]

The official figure is still `python ../shared/eval/score.py ...`, which runs the CLI per article; this script
uses the same match/field functions so the numbers agree, and prints per-article misses for development.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default=str(SHARED / "eval/dev/gold.jsonl"))
    ap.add_argument("--articles", default=str(SHARED / "eval/dev/articles.jsonl"))
    ap.add_argument("--only", action="append")
    ap.add_argument("--show", action="store_true", help="print system events and gold for each article")
    args = ap.parse_args()
    from rasd.kb import load_kb
    from rasd.model import Article
    from rasd.pipeline import process

    score = load_scorer()
    kb = load_kb()
    texts = {}
    for line in Path(args.articles).read_text(encoding="utf-8").splitlines():
        a = json.loads(line)
        texts[a["gold_id"]] = (a.get("title") or "") + "\n\n" + (a.get("content") or "")
    tp = fp = fn = 0
    ok_n: dict[str, list[int]] = {}
    for line in Path(args.gold).read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        if args.only and g["gold_id"] not in args.only:
            continue
        art = Article(text=texts[g["gold_id"]], published=date.fromisoformat(g["published"]))
        events = [e.to_dict() for e in process(art, kb).events]
        golds = g["events"]
        pairs = score.match(golds, events)
        mg = {gi for gi, _ in pairs}
        me = {ei for _, ei in pairs}
        req = [i for i, x in enumerate(golds) if x.get("required", True)]
        c_tp = sum(1 for i in req if i in mg)
        c_fp = sum(1 for i in range(len(events)) if i not in me)
        tp, fn, fp = tp + c_tp, fn + len(req) - c_tp, fp + c_fp
        print(f"{g['gold_id']} pub={g['published']} gold={len(req)} sys={len(events)} tp={c_tp} fp={c_fp}")
        for gi, ei in pairs:
            if gi not in req:
                continue
            fr = score.field_results(golds[gi], events[ei])
            for k, ok in fr.items():
                if k in score.MATCH_KEYS:
                    continue
                ok_n.setdefault(k, [0, 0])
                ok_n[k][0] += int(ok)
                ok_n[k][1] += 1
            bad = [k for k, ok in fr.items() if not ok]
            if bad:
                print(f"   ~ {golds[gi]['name'][:70]}")
                for k in bad:
                    print(f"       {k}: gold={golds[gi][k]!r} sys={_sys_val(k, events[ei])!r}")
        for gi in req:
            if gi not in mg:
                print(f"   - MISSED {golds[gi]['name'][:90]}")
                if args.show:
                    print("       ", json.dumps({k: v for k, v in golds[gi].items() if k not in ("name",)},
                                               ensure_ascii=False)[:400])
        for ei, e in enumerate(events):
            if ei not in me:
                print(f"   + EXTRA {e['notes'][:150]} [{e['evidence']['event_type']['text']}]")
    p = tp / (tp + fp) if tp + fp else 0
    r = tp / (tp + fn) if tp + fn else 0
    f1 = 2 * p * r / (p + r) if p + r else 0
    for k, (ok, n) in sorted(ok_n.items()):
        print(f"{k:28s} {ok:4d} {n:4d} {ok / n:5.2f}")
    tot_ok = sum(v[0] for v in ok_n.values())
    tot_n = sum(v[1] for v in ok_n.values())
    print(f"tp={tp} fp={fp} fn={fn} P={p:.2f} R={r:.2f} F1={f1:.2f} fields={tot_ok / max(tot_n, 1):.2f}")
    return 0


def _sys_val(key: str, ev: dict):
    base = key.replace("_one_of", "").replace("_contains", "").replace("_at_least", "").replace("_between", "")
    if key.startswith("actor"):
        return (ev.get("actor1"), ev.get("actor2"))
    if key == "point":
        return (ev.get("latitude"), ev.get("longitude"))
    return ev.get(base, ev.get(key))


if __name__ == "__main__":
    sys.exit(main())
