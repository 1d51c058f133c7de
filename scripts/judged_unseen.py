"""rasd's events on random corpus articles nobody tuned a rule to, judged by hand, as training rows for the learned
check (rasd.events.vetting) and as a measure of it.

    python scripts/judged_unseen.py [--show] [--decide model]   # what the code now does to the judged events

A rule change is checked here on text nobody tuned to: how many judged real acts it no longer produces (a cost),
how many judged non-events it removes (a gain), and how many new events it adds (read them: nobody judged them).

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
#: Draws kept as the check on rules read from the others: their figures are printed on their own line, and `--show`
#: never prints their rows (the other draws' verdicts may be read to find which mechanism fails most on random text).
CHECK_SEEDS = frozenset(range(4441, 4446))


def split_check(cases: list[dict]) -> tuple[list[dict], list[dict]]:
    """(cases a model may learn from, cases of the check draws): the check judges the learned models as it judges the
    rules, so no trainer reads its verdicts (an article drawn again in a check draw is a case of its first draw)."""
    return ([case for case in cases if case["seed"] not in CHECK_SEEDS],
            [case for case in cases if case["seed"] in CHECK_SEEDS])


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


def act_of(seed: int, row: dict) -> tuple | None:
    """Which act a judged row reports, as (seed, index of the row that first told it): a retelling (`duplicate`)
    reports the act of the row it is the same as; a row judged no act of its own (talk, a wrong date or place)
    reports none. Two events of one article of the same seed report the same occurrence exactly when their acts are
    equal: the training labels of the learned link (scripts/train_pairs.py)."""
    if row["verdict"] == "duplicate" and row.get("same_as") is not None:
        return seed, int(row["same_as"])
    if row["verdict"] in ("right", "wrong_type"):
        return seed, int(row["index"])
    return None


def key_of(article_id: str, event_type: str, trigger: str | None, sentence: str) -> tuple:
    return article_id, event_type, trigger or "", (sentence or "")[:120]


def event_key(case: dict, ev) -> tuple:
    """The key of one of the pipeline's events of a judged article, as its judged row's (`key_of`)."""
    from unseen_sample import sentence_of

    trigger = ev.evidence.get("event_type")
    return key_of(case["draw_id"], ev.event_type, trigger.text if trigger else None,
                  sentence_of(case["text"], trigger.start if trigger else 0)[:500])


def judged_files() -> list[tuple[int, Path]]:
    """(seed, file) of every judged draw."""
    return sorted((int(p.stem.split("_")[1]), p) for p in JUDGED.glob("seed_*.jsonl"))


def load_judged() -> list[dict]:
    """Every judged draw as cases: {"id", "seed", "published", "text", "labels": {key: [label, ...]}} for each article
    with a judged event (the text laid out as scripts/unseen_sample.py lays it out, so the sentences match); an
    article drawn in several seeds is one case."""
    from unseen_sample import sample_articles

    cases = []
    by_text: dict[str, dict] = {}
    for seed, path in judged_files():
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        by_article: dict[str, dict[tuple, list[str]]] = {}
        acts: dict[str, dict[tuple, list[tuple | None]]] = {}
        for row in rows:
            key = key_of(row["id"], row["event_type"], row.get("trigger"), row.get("sentence", ""))
            by_article.setdefault(row["id"], {}).setdefault(key, []).append(label_of(row))
            acts.setdefault(row["id"], {}).setdefault(key, []).append(act_of(seed, row))
        for article in sample_articles(DRAW_SIZE, seed):
            labels = by_article.get(article["id"])
            if labels is None:
                continue
            first = by_text.get(article["text"])
            if first is not None:
                # Drawn again: one case, so it is neither counted twice nor split across the learned check's folds.
                # The later seed's verdict wins for a line both have: it was judged on newer rules' event (a date
                # or place the rules have since corrected), closer to what the code does now.
                for (_, typ, trigger, sentence), verdicts in labels.items():
                    first["labels"][(first["draw_id"], typ, trigger, sentence)] = verdicts
                    first["acts"][(first["draw_id"], typ, trigger, sentence)] = acts[article["id"]][
                        (article["id"], typ, trigger, sentence)]
                continue
            case = {"id": f"{seed}:{article['id']}", "draw_id": article["id"], "seed": seed,
                    "published": article["published"], "text": article["text"], "labels": labels,
                    "acts": acts[article["id"]]}
            by_text[article["text"]] = case
            cases.append(case)
    return cases


def untyped(key: tuple) -> tuple:
    """A judged row's key without its event type: the same act read by a rule change as another type."""
    return key[0], key[2], key[3]


def match_events(case: dict, events: list, table: str = "labels") -> tuple[list[tuple[object, object, bool]],
                                                                            dict[tuple, list]]:
    """Each of the pipeline's events of a judged article with its verdict's label, if it has one: (event, label or
    None, retyped), and the judged rows no event took. An event takes the row of its own key first; an event whose
    type a rule change altered takes a row of the same trigger and sentence (`retyped`), so a type fix counts as one
    and the row's label (the type the act is, or none) still teaches the learned check. Rows of one key are taken in
    order. `table` names what each judged row gives: its "labels" or its "acts" (`act_of`)."""
    left = {k: list(v) for k, v in case[table].items()}
    matched: list[tuple[object, str | None, bool]] = []
    unmatched = []
    for ev in events:
        key = event_key(case, ev)
        if left.get(key):
            matched.append((ev, left[key].pop(0), False))
        else:
            unmatched.append((len(matched), ev))
            matched.append((ev, None, False))
    by_untyped: dict[tuple, list[tuple]] = {}
    for key, labels in left.items():
        if labels:
            by_untyped.setdefault(untyped(key), []).append(key)
    for pos, ev in unmatched:
        for key in by_untyped.get(untyped(event_key(case, ev)), []):
            if left[key]:
                matched[pos] = (ev, left[key].pop(0), True)
                break
    return matched, left


def labelled_events(case: dict, events: list) -> list[tuple[object, str]]:
    """(event, label) for each of the pipeline's events of a judged article that has a verdict: the judged rows
    were the rules' events, so an act a coding filter left out has none."""
    kept = [ev for ev in events if "filtered" not in ev.missing]
    return [(ev, label) for ev, label, _ in match_events(case, kept)[0] if label is not None]


def acts_of_events(case: dict, events: list) -> list[tuple | None]:
    """The act (`act_of`) each of the pipeline's events of a judged article reports, None where it has no verdict
    or reports none: the judged rows were the rules' events, so an act a coding filter left out has none."""
    kept = {id(ev) for ev in events if "filtered" not in ev.missing}
    matched = match_events(case, [ev for ev in events if id(ev) in kept], table="acts")[0]
    act = {id(ev): a for ev, a, _ in matched}
    return [act.get(id(ev)) for ev in events]


def changes(kb, cases: list[dict], decide: str = "rules") -> tuple[list[tuple[int, str, tuple]], list[tuple[int, tuple]],
                                                                  Counter]:
    """What the code does now to the judged draws: (seed, label, key) of every judged event it no longer produces,
    (seed, key) of the events it produces that nobody judged (a rule change added them: read them), and how those whose
    type changed fare ("fixed": now the type the judge gave; "broken": a judged act now of another type; "none":
    a judged non-event, still produced under another type)."""
    from rasd.model import Article
    from rasd.pipeline import process

    lost, added, retyped = [], [], Counter()
    for case in cases:
        article = Article(text=case["text"], published=date.fromisoformat(case["published"]), published_how="given")
        matched, left = match_events(case, process(article, kb, decide=decide).events)
        for ev, label, was_retyped in matched:
            if label is None:
                added.append((case["seed"], event_key(case, ev)))
            elif was_retyped:
                retyped["none" if label == NONE else "fixed" if label == ev.event_type else "broken"] += 1
        lost += [(case["seed"], label, key) for key, labels in left.items() for label in labels]
    return lost, added, retyped


def main() -> int:
    import argparse

    from rasd.kb import load_kb

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--decide", default="rules", choices=("rules", "model"),
                    help="who decides (the judged rows were the rules' events)")
    ap.add_argument("--show", action="store_true",
                    help="print every judged event the code no longer produces, then every event nobody judged")
    args = ap.parse_args()
    cases = load_judged()
    judged = Counter("event" if label != NONE else NONE
                     for case in cases for labels in case["labels"].values() for label in labels)
    lost, added, retyped = changes(load_kb(), cases, args.decide)
    gone = Counter("event" if label != NONE else NONE for _, label, _ in lost)
    print(f"{len(judged_files())} judged draws, {len(cases)} articles with events: {judged['event']} events judged "
          f"real acts and {judged[NONE]} judged no event of their own; the code now ({args.decide} deciding) no longer "
          f"produces {gone['event']} of the real acts and {gone[NONE]} of the others, and produces {len(added)} events "
          "nobody judged")
    print(f"events whose type changed: {retyped['fixed']} now of the type the judge gave, {retyped['broken']} judged "
          f"acts now of another type, {retyped['none']} judged non-events still produced as another type")
    check_gone = Counter("event" if label != NONE else NONE for seed, label, _ in lost if seed in CHECK_SEEDS)
    check_added = sum(1 for seed, _ in added if seed in CHECK_SEEDS)
    print(f"check draws (seeds {min(CHECK_SEEDS)}-{max(CHECK_SEEDS)}, never read): no longer produces "
          f"{check_gone['event']} real acts and {check_gone[NONE]} of the others, produces {check_added} nobody judged")
    if args.show:
        for seed, label, key in lost:
            if seed not in CHECK_SEEDS:
                print(seed, label, key[0], key[1], key[2], "|", key[3][:140])
        for seed, key in added:
            if seed not in CHECK_SEEDS:
                print(seed, "unjudged", key[0], key[1], key[2], "|", key[3][:140])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
