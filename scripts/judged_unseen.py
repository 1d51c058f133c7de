"""rasd's events on random corpus articles nobody tuned a rule to, judged by hand, as training rows for the learned
check (rasd.events.vetting) and as a measure of it.

    python scripts/judged_unseen.py                 # the judged draws: verdicts, and how many events still match

The annotated sets (train/, dev/) are the articles the rules were written from, so the rules' events there are
mostly right and a model learning from them learns to trust the rules; on held-out text about half of them are
wrong (talk, plans, history, retellings). `tests/data/judged_unseen/seed_N.jsonl` holds every event of one
`scripts/unseen_sample.py --seed N` draw (600 articles) with a verdict read from the article (README there says how):
"right", "wrong_type" (with the type it is), or a reason it is no event of its own ("not_an_event", "duplicate",
"wrong_date", "wrong_place"). The draw is repeated here from the seed (the corpus is beside the repo), the pipeline
is run on the judged articles, and each of its events is matched to a judged one by its article, type, trigger and
sentence; an event a later rule change added has no verdict and is left out, so the rows always describe what the
code does now.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
JUDGED = ROOT / "tests" / "data" / "judged_unseen"
DRAW_SIZE = 600
NONE = "none"
#: Verdicts that make an event no event of its own: what the learned check should learn to drop.
NOT_EVENTS = frozenset({"not_an_event", "duplicate", "wrong_date", "wrong_place"})


def label_of(row: dict) -> str:
    """The class the learned check should give a judged event: its type, the type it is, or "none"."""
    verdict = row["verdict"]
    if verdict == "right":
        return row["event_type"]
    if verdict == "wrong_type" and row.get("gold_type"):
        return row["gold_type"]
    if verdict in NOT_EVENTS:
        return NONE
    raise ValueError(f"unknown verdict {verdict!r} in a judged row of {row.get('id')}")


def key_of(article_id: str, event_type: str, trigger: str | None, sentence: str) -> tuple:
    return article_id, event_type, trigger or "", (sentence or "")[:120]


def judged_files() -> list[tuple[int, Path]]:
    """(seed, file) of every judged draw."""
    return sorted((int(p.stem.split("_")[1]), p) for p in JUDGED.glob("seed_*.jsonl"))


def load_judged() -> list[dict]:
    """Every judged draw as cases: {"id", "seed", "published", "text", "labels": {key: [label, ...]}} for each article
    with a judged event (the text laid out as scripts/unseen_sample.py lays it out, so the sentences match)."""
    from unseen_sample import sample_articles

    cases = []
    for seed, path in judged_files():
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        by_article: dict[str, dict[tuple, list[str]]] = {}
        for row in rows:
            key = key_of(row["id"], row["event_type"], row.get("trigger"), row.get("sentence", ""))
            by_article.setdefault(row["id"], {}).setdefault(key, []).append(label_of(row))
        for article in sample_articles(DRAW_SIZE, seed):
            if article["id"] in by_article:
                cases.append({"id": f"{seed}:{article['id']}", "draw_id": article["id"], "seed": seed,
                              "published": article["published"], "text": article["text"],
                              "labels": by_article[article["id"]]})
    return cases


def labelled_events(case: dict, events: list) -> list[tuple[object, str]]:
    """(event, label) for each of the pipeline's events of a judged article that has a verdict: the judged rows
    were the rules' events, so an act a coding filter left out has none; events of one key take their verdicts in
    order."""
    from unseen_sample import sentence_of

    left = {k: list(v) for k, v in case["labels"].items()}
    out = []
    for ev in events:
        if "filtered" in ev.missing:
            continue
        trigger = ev.evidence.get("event_type")
        key = key_of(case["draw_id"], ev.event_type, trigger.text if trigger else None,
                     sentence_of(case["text"], trigger.start if trigger else 0)[:500])
        if left.get(key):
            out.append((ev, left[key].pop(0)))
    return out


def main() -> int:
    from rasd.kb import load_kb
    from rasd.model import Article
    from rasd.pipeline import process

    kb = load_kb()
    cases = load_judged()
    verdicts, matched, judged = Counter(), 0, 0
    for case in cases:
        judged += sum(len(v) for v in case["labels"].values())
        article = Article(text=case["text"], published=date.fromisoformat(case["published"]), published_how="given")
        pairs = labelled_events(case, process(article, kb, decide="candidates").events)
        matched += len(pairs)
        verdicts.update("right" if label != NONE else NONE for _, label in pairs)
    print(f"{len(judged_files())} judged draws, {len(cases)} articles with events, {judged} judged events; "
          f"{matched} still produced by the code now ({dict(verdicts)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
