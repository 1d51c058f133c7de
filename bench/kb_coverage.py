#!/usr/bin/env python3
"""KB coverage of the places and actors the gold events of an evaluation set involve (issue 4).

    python bench/kb_coverage.py [--dev ../shared/eval/dev] [--pipeline] [--actors] [--precision N] [--sample 30]

KB only (default): each gold event's evidence sentence is run through the dictionary recogniser, and a place slot
counts as resolved when one of the place mentions there, resolved by the gazetteer, has the English name
(location) or the admin1 (governorate) that the gold accepts, by the scorer's spelling rules (rasd.evaluate).
--pipeline: the same slots, but with the pipeline's real place finding on the whole article (dictionary mentions,
NER names looked up by sound, rasd.pipeline) and its resolution with the article's countries
(rasd.events.locate.resolve_place): the place mentions inside the evidence sentence count.
Each slot is counted twice: resolved from a name in the evidence sentence, and resolved from a name anywhere in the
article (an event's place is often named only in the sentence before it or in the title, and the pipeline carries
it over: the KB did resolve it). Misses say which: "MISSED in the article too" is a KB gap.
--actors: the gold actor slots (actor1_contains...), named when an actor mention's English name passes the
scorer's test; dictionary mentions (as bench_match.py --coverage), or with --pipeline the pipeline's: NER names,
group anaphors (التنظيم) resolved, generic agents (الجيش) given the article's home country as the event layer does.
--precision N: the lower-trust places (machine spellings of Latin names, curated towns) that the dictionary
recogniser matches in the first N articles of the Iraq/Syria security subset of SaudiNewsNet, counted, with a
random sample printed in context for a spot check by eye; with --new-since REV, the matches of every form that
the gazetteer built at git revision REV did not have (the precision of a data change); --actors with it: the
actor mentions that only forms new since REV make (actors.yaml then, read by today's code). --corpus: another
JSON-lines file or the folder of SaudiNewsNet zips.
Misses are listed. The dev set is for measuring only: never add entries for it.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import itertools
import json
import random
import re
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rasd.evaluate import check_field  # noqa: E402
from rasd.kb import load_kb  # noqa: E402
from rasd.kb.geo import clean_form  # noqa: E402
from rasd.recognize.mentions import find_mentions  # noqa: E402
from rasd.text.normalize import fold  # noqa: E402

SUBSET = ROOT.parent / "shared/data/news/saudinewsnet/saudinewsnet_iraq_syria_security_subset.jsonl"
SLOTS = (("location", "location_contains_one_of"), ("admin1", "admin1_one_of"))


def _slots(place) -> dict:
    return {"location": place.name_en, "admin1": place.admin1 or (place.name_en if place.kind == "admin1" else None)}


def kb_places(text: str, kb) -> list[tuple[int, int, dict, str]]:
    """(start, end, slots, "kb") for every candidate of every dictionary place mention of the text."""
    out = []
    for m in find_mentions(text, kb):
        if m.kind != "place":
            continue
        for pid in m.attrs.get("candidates") or [m.value]:
            try:
                out.append((m.span.start, m.span.end, _slots(kb.gazetteer.get(pid)), "kb"))
            except KeyError:
                continue
    return out


def pipeline_places(text: str, published: date, kb) -> list[tuple[int, int, dict, str]]:
    """(start, end, slots, how) of the article's place mentions as the pipeline finds and resolves them."""
    from rasd.doc import Doc
    from rasd.events.build import country_context
    from rasd.events.locate import resolve_place
    from rasd.recognize.unlisted import ner_mentions
    from rasd.text.segment import split_sentences

    mentions = find_mentions(text, kb)
    mentions += ner_mentions(text, split_sentences(text), mentions, kb)
    ctx = country_context(Doc(text=text, published=published, sentences=[], mentions=mentions, quantities=[],
                              times=[]), kb)
    out = []
    for m in mentions:
        if m.kind == "place" and (place := resolve_place(m, kb, ctx)) is not None:
            out.append((m.span.start, m.span.end, _slots(place), m.attrs.get("source", "kb")))
    return out


def sentence_bounds(text: str, sentence: str) -> tuple[int, int] | None:
    """Where the gold evidence sentence stands in the article, whitespace-insensitively (gold sentences are copied
    from the article but may join its line breaks with a space), or None."""
    if not sentence.strip():
        return None
    at = text.find(sentence)
    if at >= 0:
        return at, at + len(sentence)
    words = sentence.split()
    m = re.search(r"\s+".join(re.escape(w) for w in words), text)
    return (m.start(), m.end()) if m else None


def slot_result(key: str, ev: dict, in_sentence: list[dict], in_article: list[dict]) -> str | None:
    """'sentence' when a place named in the evidence sentence resolves to what the gold accepts, 'article' when
    only a place named elsewhere in the article does (the event's place is often named in the sentence before or
    in the title: the pipeline carries it over, and the KB resolved the name right), None when neither does."""
    if any(check_field(key, ev[key], ev, p) for p in in_sentence):
        return "sentence"
    if any(check_field(key, ev[key], ev, p) for p in in_article):
        return "article"
    return None


def coverage(dev: Path, kb, pipeline: bool) -> tuple[dict, list[str]]:
    """Per slot [resolved in the sentence, resolved in the article, slots], and the slots missed in the sentence."""
    counts = {"location": [0, 0, 0], "admin1": [0, 0, 0]}
    misses: list[str] = []
    texts = {}
    for line in (dev / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        a = json.loads(line)
        texts[a["gold_id"]] = (a.get("title") or "") + "\n\n" + (a.get("content") or "")
    for line in (dev / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        text = texts.get(gold["gold_id"], "")
        if pipeline:
            found = pipeline_places(text, date.fromisoformat(gold["published"]), kb)
        else:
            found = kb_places(text, kb)
        in_article = [s for _, _, s, _ in found]
        for ev in gold["events"]:
            sentence = ev.get("evidence_ar") or ""
            bounds = sentence_bounds(text, sentence)
            if pipeline or bounds is not None:
                places = [s for a, b, s, _ in found if bounds and bounds[0] <= a and b <= bounds[1] + 5]
            else:
                places = [s for _, _, s, _ in kb_places(sentence, kb)]
            for slot, key in SLOTS:
                if key not in ev:
                    continue
                counts[slot][2] += 1
                where = slot_result(key, ev, places, in_article)
                counts[slot][0] += where == "sentence"
                counts[slot][1] += where is not None
                if where != "sentence":
                    named = sorted({p[slot] or "-" for p in places})[:6] or "no place named in the sentence"
                    misses.append(f"  {gold['gold_id']} {slot} {ev[key][:3]}: sentence {named}; "
                                  f"{'resolved elsewhere in the article' if where else 'MISSED in the article too'}")
    return counts, misses


ACTOR_KEYS = ("actor1_contains", "actor1_contains_one_of", "actor2_contains_one_of")


def article_actors(text: str, published: date, kb, pipeline: bool) -> list[tuple[int, int, str]]:
    """(start, end, English name) of the article's actor mentions: the dictionary's, or with `pipeline` the
    pipeline's (dictionary + NER mentions, group anaphors such as التنظيم resolved, generic agents given the
    article's home country as the event layer does: rasd.events.arguments.actor_ref)."""
    mentions = find_mentions(text, kb)
    if not pipeline:
        return [(m.span.start, m.span.end, m.label) for m in mentions if m.kind == "actor"]
    from rasd.doc import Doc
    from rasd.events.arguments import actor_ref
    from rasd.events.build import country_context
    from rasd.events.coref import resolve_anaphora
    from rasd.recognize.unlisted import ner_mentions
    from rasd.text.segment import split_sentences

    mentions = resolve_anaphora(text, mentions + ner_mentions(text, split_sentences(text), mentions, kb), kb)
    ctx = country_context(Doc(text=text, published=published, sentences=[], mentions=mentions, quantities=[],
                              times=[]), kb)
    home = ctx[0] if ctx else None
    return [(m.span.start, m.span.end, ref.name) for m in mentions if m.kind == "actor"
            and (ref := actor_ref(m, kb, home)) is not None]


def actor_coverage(dev: Path, kb, pipeline: bool) -> tuple[list[int], list[str]]:
    """[slots, named in the evidence sentence, anywhere in the article], and the slots missed in the sentence.
    A slot is named when an actor's English name passes the scorer's test (rasd.evaluate)."""
    texts = {}
    for line in (dev / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        a = json.loads(line)
        texts[a["gold_id"]] = (a.get("title") or "") + "\n\n" + (a.get("content") or "")
    counts, misses = [0, 0, 0], []
    for line in (dev / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        text = texts.get(gold["gold_id"], "")
        found = article_actors(text, date.fromisoformat(gold["published"]), kb, pipeline)
        for ev in gold["events"]:
            bounds = sentence_bounds(text, ev.get("evidence_ar") or "")
            names = sorted({n for a, b, n in found if bounds and bounds[0] <= a and b <= bounds[1] + 5})
            for key in ACTOR_KEYS:
                if not ev.get(key):
                    continue
                ok = [any(check_field(key, ev[key], ev, {"actor1": n, "actor2": n}) for n in pool)
                      for pool in (names, [n for _, _, n in found])]
                counts[0] += 1
                counts[1] += ok[0]
                counts[2] += ok[1]
                if not ok[0]:
                    misses.append(f"  {gold['gold_id']} {key}={ev[key]}: sentence {names[:5]}; "
                                  f"{'named elsewhere in the article' if ok[1] else 'MISSED in the article too'}")
    return counts, misses


def forms_at(rev: str) -> set[tuple[str, str]]:
    """(form, place id) pairs of the gazetteer as built at a git revision (its places.jsonl.gz)."""
    raw = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:rasd/kb/data/places.jsonl.gz"], check=True,
                         capture_output=True).stdout
    return {(f, rec["id"]) for line in gzip.decompress(raw).decode("utf-8").splitlines() if line
            for rec in [json.loads(line)] for f in rec.get("forms", {})}


def articles(corpus: Path) -> Iterator[dict]:
    """The articles of a JSON-lines file, or of a folder of SaudiNewsNet day files (zips of JSON lists)."""
    if corpus.is_dir():
        for path in sorted(corpus.glob("*.zip")):
            with zipfile.ZipFile(path) as z:
                for name in sorted(z.namelist()):
                    for k, art in enumerate(json.loads(z.read(name))):
                        yield {**art, "id": f"{Path(name).stem}#{k}"}
        return
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def actor_forms_at(rev: str) -> set[tuple[str, str]]:
    """(form, actor id) pairs of the actor table built from actors.yaml as it was at a git revision (read with
    today's code: what a data change added)."""
    from rasd.kb.actors import load_actor_table

    raw = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:rasd/kb/data/actors.yaml"], check=True,
                         capture_output=True).stdout
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "actors.yaml"
        path.write_bytes(raw)
        table = load_actor_table(path)
    return {(f, aid) for aid, forms in table.forms.items() for f in forms}


def new_actor_hits(kb, n_articles: int, old: set[tuple[str, str]], corpus: Path = SUBSET) -> list[tuple]:
    """(article id, matched text, actor, context) for every actor mention that only forms new since `old` make."""
    forms = kb.actor_table.forms
    hits = []
    for i, art in enumerate(itertools.islice(articles(corpus), n_articles)):
        text = (art.get("title") or "") + "\n\n" + (art.get("content") or "")
        for m in find_mentions(text, kb):
            if m.kind != "actor" or m.value not in forms:
                continue
            f = fold(m.span.text)
            mine = {g for g in forms[m.value] if f.endswith(g)}  # the span may carry a clitic (ومسلحا)
            if mine and all((g, m.value) not in old for g in mine):
                ctx = text[max(0, m.span.start - 45):m.span.end + 45].replace("\n", " ")
                hits.append((str(art.get("id", i)), m.span.text, f"{m.label} ({m.value})", ctx))
    return hits


def lower_trust_hits(kb, n_articles: int, old: set[tuple[str, str]] | None = None,
                     corpus: Path = SUBSET) -> list[tuple[str, str, str, str]]:
    """(article id, matched text, place label, context) for every match of a machine spelling or curated town, or
    with `old` (the forms of an earlier build) for every match of a form that build did not have."""
    from rasd.kb.gazetteer import TRANSLIT

    gaz = kb.gazetteer
    hits = []
    for i, art in enumerate(itertools.islice(articles(corpus), n_articles)):
        text = (art.get("title") or "") + "\n\n" + (art.get("content") or "")
        for m in find_mentions(text, kb):
            if m.kind != "place":
                continue
            form = clean_form(m.span.text)
            if form.startswith("ل") and gaz.form_level(form, m.value) is None:
                form = "ال" + form[1:]  # للفوعه: the ل-variant of an ال-form
            if old is not None:
                keep = gaz.form_level(form, m.value) is not None and (form, m.value) not in old
            else:
                keep = gaz.form_level(form, m.value) == TRANSLIT or m.value.startswith("town:")
            if keep:
                p = gaz.get(m.value)
                ctx = text[max(0, m.span.start - 45):m.span.end + 45].replace("\n", " ")
                hits.append((str(art.get("id", i)), m.span.text, f"{p.name_en} ({p.iso3}, {p.id})", ctx))
    return hits


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", type=Path, default=ROOT.parent / "shared/eval/dev")
    ap.add_argument("--pipeline", action="store_true", help="the pipeline's place finding and resolution")
    ap.add_argument("--precision", type=int, default=0, metavar="N", help="lower-trust matches in N subset articles")
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--corpus", type=Path, default=SUBSET, help="with --precision: a JSON-lines file or a folder "
                    "of SaudiNewsNet zips (default: the Iraq/Syria security subset)")
    ap.add_argument("--actors", action="store_true", help="the gold actor slots instead of places (with "
                    "--precision --new-since: the new actor forms)")
    ap.add_argument("--new-since", metavar="REV", help="with --precision: the matches of forms that the gazetteer "
                    "built at git revision REV did not have (what a data change added)")
    args = ap.parse_args()
    kb = load_kb()
    if args.precision:
        if args.actors:
            if not args.new_since:
                ap.error("--actors needs --new-since REV")
            hits = new_actor_hits(kb, args.precision, actor_forms_at(args.new_since), args.corpus)
        else:
            hits = lower_trust_hits(kb, args.precision, forms_at(args.new_since) if args.new_since else None,
                                    args.corpus)
        if args.new_since:
            kinds = dict(collections.Counter(h[1] for h in hits).most_common())
        else:
            kinds = {"translit": sum(1 for h in hits if "town:" not in h[2]), "curated town": 0}
            kinds["curated town"] = len(hits) - kinds["translit"]
        what = f"forms new since {args.new_since}" if args.new_since else "lower-trust"
        print(f"{what} {'actor' if args.actors else 'place'} matches in {args.precision} articles: {len(hits)} {kinds}, "
              f"{len({h[1] for h in hits})} distinct spellings")
        for h in random.Random(7).sample(hits, min(args.sample, len(hits))):
            print(f"  [{h[0]}] {h[1]} -> {h[2]}\n      {h[3]}")
        return
    if args.actors:
        (n, in_sentence, in_article), misses = actor_coverage(args.dev, kb, args.pipeline)
        how = "by the pipeline" if args.pipeline else "by the dictionary"
        print(f"actor slots: {n}; named {how} in the evidence sentence: {in_sentence} ({in_sentence / n:.0%}); "
              f"anywhere in the article: {in_article} ({in_article / n:.0%})\nmisses:\n" + "\n".join(misses))
        return
    counts, misses = coverage(args.dev, kb, args.pipeline)
    how = "by the pipeline" if args.pipeline else "by the dictionary"
    for slot, (ok, ok_article, n) in counts.items():
        print(f"{slot}: {ok}/{n} resolved {how} in the evidence sentence ({ok / max(n, 1):.0%}); "
              f"{ok_article}/{n} with the names elsewhere in the article ({ok_article / max(n, 1):.0%})")
    print("misses:")
    print("\n".join(misses))


if __name__ == "__main__":
    main()
