"""Events of rasd on a random sample of corpus articles nobody annotated, for reading by hand (issue 14).

    python scripts/unseen_sample.py [--n 600] [--seed 20261206] [--out /tmp/unseen.jsonl] [--articles-out FILE]
    python scripts/unseen_sample.py --compare OLD.jsonl NEW.jsonl   # events one run has and the other lacks

The annotated sets say how rasd does on the articles its rules were measured on; what it does to the rest of the
news is what a user sees. This draws articles at random from the SaudiNewsNet day files, leaving out the train/dev
articles and the whole 1,310-article security subset (where most held-out articles were drawn from, so none of the
locked sets' articles is likely to be read here), runs the pipeline with the rules deciding and writes one line per
event with the sentence its trigger stands in. Reading the lines and marking each right or wrong gives a precision
on text no rule was written from; `--compare` lists what a change added and removed, so only the difference needs
reading. Nothing here is scored automatically: there is no gold.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import zipfile
from collections import Counter
from datetime import date
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
ZIPS = SHARED / "data/news/saudinewsnet/zips"
SUBSET = SHARED / "data/news/saudinewsnet/saudinewsnet_iraq_syria_security_subset.jsonl"


@lru_cache(maxsize=1)
def _pool() -> tuple[dict, ...]:
    """Every day-file article outside train/dev and the security subset, in day order (read once a process: the
    judged draws, scripts/judged_unseen.py, repeat nine draws from it)."""
    left_out = {json.loads(line).get("url") for line in SUBSET.open(encoding="utf-8")}
    for name in ("train", "dev"):
        left_out |= {json.loads(line).get("url")
                     for line in (SHARED / "eval" / name / "articles.jsonl").open(encoding="utf-8")}
    pool = []
    for day in sorted(ZIPS.glob("*.zip")):
        with zipfile.ZipFile(day) as zf:
            for member in sorted(zf.namelist()):
                if member.endswith(".json"):
                    pool += [a for a in json.loads(zf.read(member)) if a.get("url") not in left_out]
    return tuple(pool)


def sample_articles(n: int, seed: int) -> list[dict]:
    """`n` day-file articles drawn with `seed`, none from train/dev or the security subset."""
    pool = _pool()
    picked = random.Random(seed).sample(pool, min(n, len(pool)))
    return [{"id": f"u{i:04d}", "title": a.get("title", ""), "url": a.get("url"),
             "text": a.get("title", "") + "\n" + a.get("content", ""), "published": a["date_extracted"][:10]}
            for i, a in enumerate(picked)]


def sentence_of(text: str, start: int) -> str:
    """The sentence around a character offset (for reading, not for scoring)."""
    s0 = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    s1 = text.find(".", start)
    return text[s0:len(text) if s1 < 0 else s1 + 1].strip()


def run(articles: list[dict]) -> list[dict]:
    from rasd.kb import load_kb
    from rasd.model import Article
    from rasd.pipeline import process

    kb = load_kb()
    rows = []
    for a in articles:
        art = Article(text=a["text"], published=date.fromisoformat(a["published"]), published_how="given")
        for ev in process(art, kb, decide="rules").events:
            trigger = ev.evidence.get("event_type")
            rows.append({"id": a["id"], "title": a["title"][:100], "event_type": ev.event_type,
                         "sub_event_type": ev.sub_event_type, "country": ev.country, "location": ev.location,
                         "event_date": str(ev.event_date) if ev.event_date else None, "fatalities": ev.fatalities,
                         "actor1": ev.actor1, "actor2": ev.actor2, "background": ev.background,
                         "modality": ev.modality, "trigger": trigger.text if trigger else None,
                         "sentence": sentence_of(a["text"], trigger.start if trigger else 0)[:500]})
    return rows


def compare(old: Path, new: Path) -> None:
    def keyed(path: Path) -> tuple[Counter, dict]:
        counts, rows = Counter(), {}
        for line in path.open(encoding="utf-8"):
            r = json.loads(line)
            k = (r["id"], r["event_type"], r["sentence"][:120])
            counts[k] += 1
            rows[k] = r
        return counts, rows
    (a, ra), (b, rb) = keyed(old), keyed(new)
    for k in sorted(set(a) | set(b)):
        if a[k] != b[k]:
            r = ra.get(k) or rb.get(k)
            print("-" if a[k] > b[k] else "+", k[0], k[1], "|", r["title"][:60], "|", k[2])
    print(f"{sum(a.values())} -> {sum(b.values())} events", file=sys.stderr)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--seed", type=int, default=20261206)
    ap.add_argument("--out", type=Path, default=Path("/tmp/unseen_events.jsonl"))
    ap.add_argument("--articles-out", type=Path, help="also write the drawn articles (jsonl)")
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("OLD", "NEW"))
    args = ap.parse_args()
    if args.compare:
        compare(*args.compare)
        return 0
    articles = sample_articles(args.n, args.seed)
    if args.articles_out:
        args.articles_out.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles),
                                     encoding="utf-8")
    rows = run(articles)
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(articles)} articles, {len(rows)} events, {len({r['id'] for r in rows})} articles with events "
          f"-> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
