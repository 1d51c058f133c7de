"""Per-form trigger report (issue 14 item 3): how often a trigger word form fires, and whether its events are right.

    python scripts/trigger_report.py FORM [FORM ...]      # e.g. ضربة ضربات هوجم المتظاهرون
    python scripts/trigger_report.py --all [--min 3]       # every form that anchors an event on train + dev

A form is the word as the KB expands it (rasd.kb.lexicon: conjugations, passives, agent nouns, masdars); a text
word counts as that form with any proclitics (و ف ب ل ك ال) and enclitic pronouns around it. For each form:

- `corpus`: its trigger mentions on the SaudiNewsNet security subset (1,310 articles; the recogniser only, cheap),
  so a form that never occurs costs nothing and one that occurs everywhere is looked at twice;
- `events`, `matched`: the events of the annotated sets (rules' coding filters, `decide="rules"`) whose anchor
  word is the form, and how many of those match a gold event (rasd.evaluate: the shared scorer's
  matching). precision = matched / events.

Whether a form is kept is decided on the article-level F1 with and without it (/work/notes/analyze.py or
scripts/train_vetting.py); this report says where to look. The test set is never read.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
CORPUS = ROOT.parent / "shared/data/news/saudinewsnet/saudinewsnet_iraq_syria_security_subset.jsonl"

from eval_events import load_cases  # noqa: E402  (scripts/: the annotated sets as the shared scorer reads them)

from rasd.evaluate import match  # noqa: E402
from rasd.kb import load_kb  # noqa: E402
from rasd.model import Article  # noqa: E402
from rasd.pipeline import process  # noqa: E402
from rasd.recognize.mentions import find_mentions  # noqa: E402
from rasd.text.clitics import ENCLITICS  # noqa: E402
from rasd.text.normalize import fold  # noqa: E402

_PROCLITICS = r"(?:[وف]?(?:[بكل]?ال|لل|[بكل])?)"
_ENCLITICS = "(?:" + "|".join(sorted(ENCLITICS, key=len, reverse=True)) + ")?"


def surface(text: str, forms: dict[str, re.Pattern[str]]) -> str | None:
    """The form a mention's text is (clitics aside), or None."""
    word = fold(text)
    return next((f for f, rx in forms.items() if rx.fullmatch(word)), None)


def form_patterns(forms: list[str]) -> dict[str, re.Pattern[str]]:
    out = {}
    for f in forms:
        folded = fold(f)
        folded = folded[2:] if folded.startswith("ال") and len(folded) > 4 else folded  # the article is a proclitic
        stem = folded[:-1] + "[هت]" if folded.endswith("ه") else re.escape(folded)
        out[folded] = re.compile(_PROCLITICS + stem + _ENCLITICS)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("forms", nargs="*")
    ap.add_argument("--all", action="store_true", help="every form that anchors an event on train + dev")
    ap.add_argument("--min", type=int, default=3, help="with --all: forms anchoring at least this many events")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args()
    kb = load_kb()
    events_of, right_of = Counter(), Counter()
    forms = form_patterns(args.forms)
    for case in load_cases(["train", "dev"]):
        art = Article(text=case["text"], published=date.fromisoformat(case["published"][:10]), published_how="given")
        result = process(art, kb, decide="rules")
        events = [e.to_dict() for e in result.events]
        matched = {ei for _, ei in match(case["events"], events)}
        for ei, e in enumerate(events):
            anchor = (e.get("evidence") or {}).get("event_type") or {}
            text = anchor.get("text") or ""
            key = surface(text, forms) if forms else None
            if args.all and key is None:
                key = fold(text)
            if key is None:
                continue
            events_of[key] += 1
            right_of[key] += ei in matched
    corpus = Counter()
    if forms:
        for line in args.corpus.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            a = json.loads(line)
            text = (a.get("title") or "") + "\n\n" + (a.get("content") or "")
            for m in find_mentions(text, kb):
                if m.kind == "trigger" and (f := surface(m.span.text, forms)):
                    corpus[f] += 1
    keys = list(forms) if forms else [k for k, n in events_of.most_common() if n >= args.min]
    print(f"{'form':24s} {'corpus':>7s} {'events':>7s} {'matched':>8s} {'precision':>9s}")
    for k in keys:
        n, r = events_of[k], right_of[k]
        print(f"{k:24s} {corpus[k]:7d} {n:7d} {r:8d} {(f'{r / n:.0%}' if n else '-'):>9s}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
