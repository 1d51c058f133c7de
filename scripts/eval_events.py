"""Score rasd's events on the annotated sets in this process (fast), per set and together, with the official
matcher of ../shared/eval/score.py (imported, not copied), and optionally dump per-article system events.

    python scripts/eval_events.py [--sets train dev] [--dump OUT.jsonl] [--errors OUT.jsonl]

A set is a directory of ../shared/eval (train, dev) or of tests/data (train_s15, train_s16 and train_s17, the
learning sets annotated in sessions 15, 16 and 17).

The figures equal score.py's (same matching, same field checks): score.py runs `rasd extract` once per article
as a subprocess; this runs rasd.pipeline.process on title + blank line + content with the same publication date.
Never pass the locked `test` set here: score it once per session with score.py.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
TESTS_DATA = ROOT / "tests" / "data"
#: Annotated sets of tests/data that rasd also learns from, besides train/ and dev/ (each set's README says so;
#: never a heldout_* set). The trainers put them in the training part of every fold, so the cross-validated
#: figures stay those of train/ + dev/.
LEARNING_SETS: tuple[str, ...] = (
    "train_s15", "train_s16", "train_s17", "train_s18", "train_s18b", "train_s19", "train_s19b",
    "train_s20", "train_s20b", "train_s21", "train_s21b", "train_s22", "train_s22b",
)


def load_scorer():
    """The shared scorer as a module, so its matching and field checks are the ones used here."""
    spec = importlib.util.spec_from_file_location("rasd_shared_score", EVAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_cases(sets: list[str]) -> list[dict]:
    """Every annotated article of the named sets: id, set, published, text (as score.py builds it), gold events."""
    if "test" in sets:
        raise SystemExit("the test set is locked: score it with ../shared/eval/score.py, once per session")
    cases = []
    for name in sets:
        where = EVAL / name if (EVAL / name).is_dir() else TESTS_DATA / name
        texts = {}
        for line in (where / "articles.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                a = json.loads(line)
                texts[a["gold_id"]] = (a.get("title") or "") + "\n\n" + (a.get("content") or "")
        for line in (where / "gold.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                g = json.loads(line)
                cases.append({"id": g["gold_id"], "set": name, "published": g["published"],
                              "text": texts[g["gold_id"]], "events": g["events"],
                              "notes": g.get("annotator_notes", "")})
    return cases


def system_events(cases: list[dict], kb=None, decide: str = "model") -> list[list[dict]]:
    """The pipeline's events (as JSON dicts, the CLI's output) for every case; `decide` as in pipeline.process."""
    from rasd.kb import load_kb
    from rasd.model import Article
    from rasd.pipeline import process

    kb = kb or load_kb()
    out = []
    for case in cases:
        art = Article(text=case["text"], published=date.fromisoformat(case["published"][:10]), published_how="given")
        out.append([json.loads(json.dumps(e.to_dict(), ensure_ascii=False, default=str))
                    for e in process(art, kb, decide=decide).events])
    return out


class Tally:
    """Detection counts and field checks, summed the way score.py sums them."""

    def __init__(self, scorer) -> None:
        self.scorer = scorer
        self.tp = self.fp = self.fn = 0
        self.field_ok: dict[str, int] = {}
        self.field_n: dict[str, int] = {}
        self.reliability: list[tuple[float, bool]] = []  # (confidence, matched) per system event, when collected

    def add(self, golds: list[dict], events: list[dict]) -> dict:
        """Match one article; return its detail (missed gold names, unmatched system indices, field failures)."""
        s = self.scorer
        pairs = s.match(golds, events)
        matched_g = {gi for gi, _ in pairs}
        matched_e = {ei for _, ei in pairs}
        req = [i for i, g in enumerate(golds) if g.get("required", True)]
        tp = sum(1 for gi in req if gi in matched_g)
        self.tp += tp
        self.fn += len(req) - tp
        self.fp += sum(1 for ei in range(len(events)) if ei not in matched_e)
        failed = []
        for gi, ei in pairs:
            if gi not in req:
                continue
            for k, ok in s.field_results(golds[gi], events[ei]).items():
                if k in s.MATCH_KEYS:
                    continue
                self.field_n[k] = self.field_n.get(k, 0) + 1
                self.field_ok[k] = self.field_ok.get(k, 0) + int(ok)
                if not ok:
                    failed.append((gi, ei, k))
        return {"pairs": pairs, "missed": [gi for gi in req if gi not in matched_g],
                "false": [ei for ei in range(len(events)) if ei not in matched_e], "failed": failed}

    def summary(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        n = sum(self.field_n.values())
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "P": round(p, 3), "R": round(r, 3), "F1": round(f1, 3),
                "fields": round(sum(self.field_ok.values()) / n, 3) if n else 0.0}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", nargs="+", default=["train", "dev"])
    ap.add_argument("--dump", help="write each article's system events and match detail as JSON lines")
    ap.add_argument("--decide", default="model", choices=["model", "rules"],
                    help="who decides which of the rules' events are coded (model: in-sample on train/dev, so the "
                    "cross-validated figures are train_vetting.py's)")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    scorer = load_scorer()
    cases = load_cases(args.sets)
    events = system_events(cases, decide=args.decide)
    tallies = {name: Tally(scorer) for name in [*args.sets, "all"]}
    dump = open(args.dump, "w", encoding="utf-8") if args.dump else None
    for case, evs in zip(cases, events, strict=True):
        detail = tallies["all"].add(case["events"], evs)
        tallies[case["set"]].add(case["events"], evs)
        if dump:
            dump.write(json.dumps({**case, "system": evs, "detail": detail}, ensure_ascii=False) + "\n")
    for name, tally in tallies.items():
        print(name, json.dumps(tally.summary()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
