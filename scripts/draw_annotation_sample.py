"""Draw corpus articles for a new annotated set that no eval set and no rule has seen (issue 14).

    python scripts/draw_annotation_sample.py --out tests/data/heldout_s10/articles.jsonl \
        [--security 30] [--rest 10] [--seed 10]

The in-sample figures on train/ and dev/ rose for two sessions while the locked test set did not move, so the team
needs a second held-out set it can score more than once a session. This draws it the way train/ was drawn (three
quarters from the security subset, a quarter from the rest of the SaudiNewsNet corpus, so that some articles hold
no codable event) and leaves out, by URL, every article of every eval set, of the repo's own annotated sets
(`tests/data/**/articles.jsonl`: earlier held-out sets, the posts) and of every judged draw in
`tests/data/judged_unseen` (the learned check trains on those, so a held-out article must not be one of them). The
locked set's URLs are compared inside this script and never printed: the draw only has to avoid them, not read them.

The drawn file has the eval format (gold_id, source, url, date_extracted, title, content). Annotate it by
`/work/shared/eval/GUIDE.md` *before* running rasd on it.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
SHARED = ROOT.parent / "shared"
NEWS = SHARED / "data/news/saudinewsnet"
SUBSET = NEWS / "saudinewsnet_iraq_syria_security_subset.jsonl"
KEEP = ("source", "url", "date_extracted", "title", "content")


def url_key(url: str | None) -> str | None:
    """The URL without its query string: outlets serve one article under "?weekly", "?live" and bare."""
    return url.split("?", 1)[0] if url else url


def text_key(article: dict) -> str:
    """The article's content with its whitespace collapsed: the same text under two URLs is one article."""
    return " ".join((article.get("content") or "").split())


def urls_of(files) -> set[str]:
    """The URLs (with and without their query string) and the texts of the articles in some articles.jsonl files:
    what a new draw must not take again."""
    keys: set[str] = set()
    for articles in sorted(files):
        with articles.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    a = json.loads(line)
                    keys |= {a.get("url"), url_key(a.get("url"))}
                    if text_key(a):
                        keys.add(text_key(a))
    return keys


def distinct(articles: list[dict]) -> list[dict]:
    """The articles with each one kept once, in their order: the security subset holds some article both bare and as
    "?weekly", and a seeded draw would otherwise take it twice (session 20's train_s20 draw did)."""
    seen: set[str] = set()
    kept = []
    for a in articles:
        keys = {url_key(a.get("url")), text_key(a)} - {None, ""}
        if keys.isdisjoint(seen):
            kept.append(a)
        seen |= keys
    return kept


def left_out_article(article: dict, left_out: set[str]) -> bool:
    """Is the article one a draw must not take: its URL, its URL without the query string or its text is known?"""
    return (article.get("url") in left_out or url_key(article.get("url")) in left_out
            or (bool(text_key(article)) and text_key(article) in left_out))


def eval_urls() -> set[str]:
    """URLs of every annotated set, locked ones included (compared only, never shown)."""
    return urls_of((SHARED / "eval").glob("*/articles.jsonl"))


def repo_set_urls() -> set[str]:
    """URLs of the annotated sets kept in the repo (tests/data/**/articles.jsonl: held-out sets, posts)."""
    return urls_of((ROOT / "tests" / "data").glob("**/articles.jsonl"))


def judged_urls() -> set[str]:
    """URLs of every article of every judged draw (tests/data/judged_unseen/seed_N.jsonl), drawn again from its seed
    as scripts/judged_unseen.py does."""
    from judged_unseen import DRAW_SIZE, judged_files
    from unseen_sample import sample_articles

    return {key for seed, _ in judged_files() for a in sample_articles(DRAW_SIZE, seed)
            for key in (a["url"], url_key(a["url"]))}


def left_out_urls() -> set[str]:
    """Every URL a new held-out draw must avoid."""
    return eval_urls() | repo_set_urls() | judged_urls()


def corpus_rest(left_out: set[str]) -> list[dict]:
    """Day-file articles outside the security subset and the eval sets, in a stable order."""
    pool = []
    for day in sorted((NEWS / "zips").glob("*.zip")):
        with zipfile.ZipFile(day) as zf:
            for member in sorted(zf.namelist()):
                if member.endswith(".json"):
                    pool += [a for a in json.loads(zf.read(member)) if not left_out_article(a, left_out)]
    return pool


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--security", type=int, default=30, help="articles from the security subset")
    parser.add_argument("--rest", type=int, default=10, help="articles from the rest of the corpus")
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--prefix", default="h10_")
    args = parser.parse_args(argv)

    left_out = left_out_urls()
    with SUBSET.open(encoding="utf-8") as fh:
        subset = [json.loads(line) for line in fh if line.strip()]
    subset_urls = {a.get("url") for a in subset}
    rng = random.Random(args.seed)
    picked = rng.sample(distinct([a for a in subset if not left_out_article(a, left_out)]), args.security)
    picked += rng.sample(distinct(corpus_rest(left_out | subset_urls)), args.rest)
    rng.shuffle(picked)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for i, article in enumerate(picked):
            row = {"gold_id": f"{args.prefix}{i:03d}", **{k: article.get(k, "") for k in KEEP}}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(picked)} articles -> {args.out} ({args.security} security subset, {args.rest} rest; "
          f"{len(left_out)} URLs and texts of eval sets, repo sets and judged draws left out)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
