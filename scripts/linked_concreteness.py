"""How many linked events stand only through another mention's date, toll or town (issue 14 Build 3).

    python scripts/linked_concreteness.py traindev [--rows OUT.jsonl]
    python scripts/linked_concreteness.py ARTICLES.jsonl [--rows OUT.jsonl]   # unseen_sample.py --articles-out

A linked event is coded on the merged fields of all its mentions. This reads each coded linked event's mentions
alone (their fields before any merge, Candidate.own_fields) and counts the events whose carrier mention would not
be coded by itself: framed but kept by a linked mention, or not concrete alone and made concrete by linked mentions
that report the act on their own, by mentions that each tell nothing of their own, or only by mentions the filters
would drop alone (the last is what build._filtered_by now refuses). Rules decide; nothing is scored.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from rasd.events import build, modality  # noqa: E402


def classify(c, doc, article, news_date, commentary, settings, sports) -> str | None:
    """Why the coded linked event `c` needs its other mentions, or None when its carrier is coded alone."""
    if modality.unreported_frame(c, doc):
        return "carrier framed, kept by a linked mention"
    brief = len(doc.sentences) <= settings.brief_sentences
    if build._concrete(build._alone(c), news_date, settings, brief=brief, doc=doc):
        return None
    mentions = build._mentions(c)
    if any(build._reports_alone(o, doc, article, news_date, commentary, settings, sports) for o in mentions):
        return "carrier not concrete alone, made concrete by a mention that reports alone"
    if any(build._tells_its_own(build._alone(o)) for o in mentions):
        return "carrier not concrete alone, made concrete only by filtered mentions"
    return "carrier not concrete alone, no mention tells its own"


def articles(spec: str):
    if spec == "traindev":
        import eval_events
        for case in eval_events.load_cases(["train", "dev"]):
            yield case["id"], case["text"], case["published"][:10]
    else:
        for line in open(spec, encoding="utf-8"):
            a = json.loads(line)
            yield a["id"], a["text"], a["published"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("articles", help="'traindev' or an articles jsonl (id, text, published)")
    ap.add_argument("--rows", type=Path, help="write each counted event with its mentions")
    args = ap.parse_args()
    from rasd.kb import load_kb
    from rasd.model import Article
    from rasd.pipeline import process

    counts, rows, current = Counter(), [], {}
    filtered_by = build._filtered_by

    def counting(c, doc, article, news_date, commentary, settings=build.DEFAULT_SETTINGS, sports=False):
        verdict = filtered_by(c, doc, article, news_date, commentary, settings, sports)
        if verdict is None and c.absorbed:
            counts["coded linked events"] += 1
            kind = classify(c, doc, article, news_date, commentary, settings, sports)
            if kind:
                counts[kind] += 1
                rows.append({"id": current["id"], "kind": kind, "trigger": c.anchor.span.text,
                             "mentions": [doc.text[o.sentence[0]:o.sentence[1]][:200] for o in build._mentions(c)]})
        return verdict

    build._filtered_by = counting  # (a mention read alone has no linked mentions: only events are counted)
    kb = load_kb()
    for aid, text, published in articles(args.articles):
        current["id"] = aid
        process(Article(text=text, published=date.fromisoformat(published), published_how="given"), kb, decide="rules")
    for kind, n in counts.most_common():
        print(f"{n:5d}  {kind}")
    if args.rows:
        with args.rows.open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
