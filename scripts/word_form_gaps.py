"""Word forms the trigger lexicon misses, counted on the corpus (the work queue of the word-form task).

    python scripts/word_form_gaps.py [--cues] [--limit N] [--out docs/word_forms.md]
    python scripts/word_form_gaps.py --show FORM [FORM ...] [--n 20]   # N random corpus contexts of missed forms

For every trigger entry of rasd/kb/data/triggers.yaml with verbs (`verbs`, `past_verbs`, `agents`; with `--cues`
also the verbs of cues.yaml) this generates the forms Arabic morphology gives each [past, present] pair, by class:

- perfect, imperfect: every person, feminine, dual and feminine plural (هاجمتا، هاجمن، يهاجمن، تهاجمين، هاجمتم);
- passive_perfect: the passives spelled apart from the active (form III هوجم, hollow اغتيل; form I/II/VIII
  passives, قتل/فجر/اعتقل, are spelled like the active once the vowels are gone and are counted as perfect);
- masdar: the verbal noun of the pattern (rasd.kb.lexicon.masdars) and the form II تفعيل (فجر -> تفجير);
- participle: م + the present stem (مهاجم، معتقل: active and passive of a derived verb look alike), and for a
  three-letter past the form I participles فاعل and مفعول (خاطف، مخطوف), each with its feminine, dual and plurals;

and counts, over the whole corpus (the security subset and the 18 day files of SaudiNewsNet, each article once),
the tokens that are one of those forms with the matcher's clitics around it (و ف ب ل ك ال, enclitic pronouns)
and that the recogniser (rasd.recognize.mentions.find_mentions) does not mark as a trigger. Per entry and class: the
tokens, the forms, and 3 random contexts. A form the entry writes in `exclude` (or leaves out on purpose: the
present of `past_verbs`) is counted apart (`excluded`), so the queue shows what was never generated.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import zipfile
from collections import Counter, defaultdict
from collections.abc import Container
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
NEWS = ROOT.parent / "shared/data/news/saudinewsnet"

from rasd.kb import load_kb  # noqa: E402
from rasd.kb.lexicon import DATA_DIR, masdars, passives, read_yaml  # noqa: E402
from rasd.recognize.mentions import (  # noqa: E402
    ARTICLE_PROCLITICS,
    ENCLITICS,
    PROCLITICS,
    find_mentions,  # noqa: E402
)
from rasd.text.normalize import fold  # noqa: E402

_TOKEN = re.compile(r"[\u0621-\u065F\u0670\u0640]+")
_PREFIXES = sorted(PROCLITICS | ARTICLE_PROCLITICS, key=len, reverse=True)
_SUFFIXES = sorted(ENCLITICS | {""}, key=len, reverse=True)
_PERFECT = ("", "ت", "وا", "ا", "تا", "ن", "نا", "تم")
_PARTICIPLE = ("", "ه", "ون", "ين", "ات", "ان", "تان", "تين")


def paradigm(past: str, present: str) -> dict[str, str]:
    """Folded form -> class for one folded [past, present] verb."""
    out: dict[str, str] = {}

    def put(form: str, cls: str) -> None:
        if len(form) >= 3:
            out.setdefault(form, cls)

    for s in _PERFECT:
        put(past + s, "perfect")
    if not present:  # a verb the entry writes out (verb_forms): its past persons only
        return out
    stem = present[1:] if present[:1] in "يت" else present
    for p in "يتنا":
        put(p + stem, "imperfect")
    for p in "يت":
        for s in ("ون", "ان", "وا", "ن", "ين", "ا"):
            put(p + stem + s, "imperfect")
    for f in passives(past, present):
        base = f.removesuffix("وا").removesuffix("و").removesuffix("ت")
        for s in _PERFECT:
            put(base + s, "passive_perfect")
    for m in masdars(past, present):
        put(m, "masdar")
        if m.endswith("ه"):
            put(m[:-1] + "ات", "masdar")
    if len(past) == 3:
        put("ت" + past[:2] + "ي" + past[2], "masdar_II")
        for cls, base in (("participle_I_active", past[0] + "ا" + past[1:]),
                          ("participle_I_passive", "م" + past[:2] + "و" + past[2])):
            for s in _PARTICIPLE:
                put(base + s, cls)
    if len(stem) >= 3:
        for s in _PARTICIPLE:
            put("م" + stem + s, "participle")
    return out


def entries(cues: bool) -> list[tuple[str, list[tuple[str, str]], set[str]]]:
    """(entry id, its [past, present] pairs, its folded `exclude` forms) of triggers.yaml (and cues.yaml)."""
    out = []
    data = read_yaml(DATA_DIR / "triggers.yaml")["triggers"]
    for e in data:
        pairs = [(fold(a).split()[0], fold(b).split()[0]) for key in ("verbs", "past_verbs", "agents")
                 for a, b in e.get(key) or []]
        # a verb written out as forms (verb_forms: قاتلوا, قاتلت; forms: أعدم, أعدمت): a 3ms past listed with its
        # feminine or plural stands for its past persons
        written = {fold(w) for key in ("verb_forms", "forms") for w in e.get(key) or [] if " " not in w}
        pairs += [(w, "") for w in sorted(written) if w + "ت" in written or w + "وا" in written]
        pairs += [(w[:-2], "") for w in sorted(written) if w.endswith("وا") and w[:-2] + "ت" in written
                  and w[:-2] not in written]
        if pairs:
            out.append((e["id"], list(dict.fromkeys(pairs)), {fold(x) for x in e.get("exclude") or []}))
    if cues:
        for cat, e in read_yaml(DATA_DIR / "cues.yaml")["cues"].items():
            pairs = [(fold(a).split()[0], fold(b).split()[0]) for a, b in e.get("verbs") or []]
            if pairs:
                out.append(("cue:" + cat, pairs, {fold(x) for x in e.get("exclude") or []}))
    return out


def corpus() -> list[str]:
    """Every corpus article's text (title and content), each url once."""
    seen: set[str] = set()
    texts = []

    def add(a: dict) -> None:
        url = a.get("url") or a.get("id") or str(len(texts))
        if url not in seen:
            seen.add(url)
            texts.append((a.get("title") or "") + "\n" + (a.get("content") or a.get("text") or ""))

    for line in (NEWS / "saudinewsnet_iraq_syria_security_subset.jsonl").open(encoding="utf-8"):
        add(json.loads(line))
    for day in sorted((NEWS / "zips").glob("*.zip")):
        with zipfile.ZipFile(day) as zf:
            for member in sorted(zf.namelist()):
                if member.endswith(".json"):
                    for a in json.loads(zf.read(member)):
                        add(a)
    return texts


def analyses(word: str, table: dict[str, list[tuple[str, str, str]]]) -> list[tuple[str, str, str]]:
    """The (entry, class, form) readings of a folded token: a table form with accepted clitics around it (a final
    ه written ت before an enclitic)."""
    hit = split_clitics(word, table)
    return table[hit[2]] if hit else []


def split_clitics(word: str, forms: Container[str]) -> tuple[int, int, str] | None:
    """(proclitic length, enclitic length, form) of a folded token that is one of `forms` with clitics around it."""
    for p in _PREFIXES:
        if not word.startswith(p):
            continue
        for s in _SUFFIXES:
            if len(word) - len(p) - len(s) < 3 or (s and not word.endswith(s)):
                continue
            stem = word[len(p):len(word) - len(s)]
            if stem in forms:
                return len(p), len(s), stem
            if s and stem.endswith("ت") and stem[:-1] + "ه" in forms:
                return len(p), len(s), stem[:-1] + "ه"
    return None


_MARKS = re.compile(r"[\u064B-\u065F\u0670\u0640]")
#: The letters folding merges: hamza carriers and madda on alif, ة/ه, ى/ي, ؤ/و, ئ/ي.
_MERGED = set("أإآٱاةهىيؤئو")


def _lazy(spelling: str, top: str) -> bool:
    """A spelling that only leaves out the hamza of the usual one (اكد for أكد): the same word, no merge."""
    return len(spelling) == len(top) and all(a == b or (a == "ا" and b in "أإآ") or (b == "ا" and a in "أإآ")
                                             for a, b in zip(spelling, top, strict=True))


def fold_audit(texts: list[str], kb, rng: random.Random, out: list[str]) -> None:
    """Per one-word trigger and cue form: the corpus tokens by their spelling before folding, where folding merged
    two spellings (أ/إ/آ/ا, ة/ه, ى/ي, ؤ/ئ): which reading the lexicon means and how often the other one occurs."""
    forms: dict[str, set[str]] = defaultdict(set)
    for t in kb.triggers.values():
        for f in t.forms:
            if " " not in f:
                forms[f].add(t.id.split("__")[0])
    for c in kb.cues.values():
        for f in c.forms:
            if " " not in f:
                forms[f].add("cue:" + c.category)
    keys = set(forms)
    verbs = {f for f, es in kb.surface_index().items() if any(e.verb for e in es)}
    spell: dict[str, Counter[str]] = defaultdict(Counter)
    ctx: dict[tuple[str, str], list[str]] = defaultdict(list)
    seen: Counter[tuple[str, str]] = Counter()
    for text in texts:
        for m in _TOKEN.finditer(text):
            raw = _MARKS.sub("", m.group())
            word = fold(raw)
            if len(word) != len(raw) or len(word) < 3 or not any(ch in _MERGED for ch in raw):
                continue
            hit = split_clitics(word, keys)
            if hit is None:
                continue
            p, s, form = hit
            orig = raw[p:len(raw) - s]
            if (s and orig.endswith("ت")) or (s and word[len(word) - s:].startswith("ه") and form in verbs):
                continue  # a bound ة before a pronoun (محاولته), or a verb with ه the matcher refuses (اضافه)
            spell[form][orig] += 1
            seen[(form, orig)] += 1
            box = ctx[(form, orig)]
            if len(box) < 3:
                box.append(context(text, m.start(), m.end()))
            elif (j := rng.randrange(seen[(form, orig)])) < 3:
                box[j] = context(text, m.start(), m.end())
    out += ["", "## Spellings folding merges, per one-word trigger and cue form", "",
            "Forms read in two or more spellings before folding, the rarer spelling at least 5 tokens (and 3 random "
            "contexts of each rarer spelling).", "",
            "| form | entries | spellings (tokens) |", "|---|---|---|"]
    rows = []
    for form, c in spell.items():
        if len(c) < 2:
            continue
        top = c.most_common(1)[0][0]
        rare = [(o, n) for o, n in c.most_common()[1:] if n >= 5 and not _lazy(o, top)]
        if rare:
            rows.append((sum(n for _, n in rare), form, c))
    rows.sort(reverse=True)
    for _, form, c in rows:
        out.append(f"| {form} | {', '.join(sorted(forms[form]))} | "
                   + ", ".join(f"{o} {n}" for o, n in c.most_common(6)) + " |")
    out.append("")
    for _, form, c in rows:
        top = c.most_common(1)[0][0]
        for o, n in c.most_common()[1:]:
            if n >= 5 and not _lazy(o, top):
                out.append(f"**{form} spelled {o}** ({n})")
                out += [f"- {x}" for x in ctx[(form, o)]]
                out.append("")


def context(text: str, start: int, end: int, width: int = 70) -> str:
    return " ".join((text[max(0, start - width):start] + "[[" + text[start:end] + "]]" + text[end:end + width]).split())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cues", action="store_true", help="also the verbs of cues.yaml (kill, injure, ...)")
    ap.add_argument("--limit", type=int, default=0, help="read only the first N articles (a quick look)")
    ap.add_argument("--show", nargs="+", help="print --n random contexts of each of these folded forms (as the table "
                    "lists them)")
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--out", help="write the markdown report here (else stdout)")
    ap.add_argument("--unmarked", action="store_true", help="also the tokens of forms the lexicon has that the "
                    "recogniser leaves unmarked (a clitic it refuses, or a longer name over it)")
    ap.add_argument("--folds", action="store_true", help="also the spellings folding merges (hamza, ة/ه, ى/ي)")
    args = ap.parse_args()

    kb = load_kb()
    lexicon: dict[str, set[str]] = defaultdict(set)  # trigger id -> every form the KB expands it to
    for t in kb.triggers.values():
        lexicon[t.id.split("__")[0]].update(t.forms)
    for c in kb.cues.values():
        lexicon["cue:" + c.category].update(c.forms)
    table: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    excluded: dict[tuple[str, str], bool] = {}
    for eid, pairs, excl in entries(args.cues or bool(args.show)):
        for past, present in pairs:
            for form, cls in paradigm(past, present).items():
                if form in lexicon[eid] and not args.unmarked:
                    continue  # generated already: a token of it left unmarked is a clitic or overlap question
                cls = "lexicon form, unmarked" if form in lexicon[eid] else cls
                if all(x[0] != eid for x in table[form]):
                    table[form].append((eid, cls, form))
                excluded[(eid, form)] = form in excl
    present_left_out = {e["id"] for e in read_yaml(DATA_DIR / "triggers.yaml")["triggers"]
                        if e.get("past_verbs") and not e.get("verbs")}
    texts = corpus()
    if args.limit:
        texts = texts[:args.limit]
    rng = random.Random(args.seed)
    tokens: Counter[tuple[str, str]] = Counter()  # (entry, class) -> unmarked tokens
    forms: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    samples: dict[tuple[str, str], list[str]] = defaultdict(list)  # reservoir of contexts
    shown: dict[str, list[str]] = defaultdict(list)
    seen_show: Counter[str] = Counter()
    articles_with: Counter[tuple[str, str]] = Counter()
    for text in texts:
        hits = []
        for m in _TOKEN.finditer(text):
            word = fold(m.group())
            if len(word) < 3:
                continue
            for eid, cls, form in analyses(word, table):
                if args.show and form not in args.show:
                    continue
                hits.append((m.start(), m.end(), eid, cls, form))
        if not hits:
            continue
        marked = [(x.span.start, x.span.end) for x in find_mentions(text, kb) if x.kind in ("trigger", "cue")]
        in_article: set[tuple[str, str]] = set()
        for start, end, eid, cls, form in hits:
            if any(s < end and start < e for s, e in marked):
                continue
            if args.show:
                seen_show[form] += 1
                if len(shown[form]) < args.n:
                    shown[form].append(context(text, start, end))
                elif (j := rng.randrange(seen_show[form])) < args.n:
                    shown[form][j] = context(text, start, end)
                continue
            left = excluded.get((eid, form)) or (cls == "imperfect" and eid in present_left_out)
            key = (eid, cls + (" (excluded)" if left else ""))
            tokens[key] += 1
            forms[key][form] += 1
            in_article.add(key)
            if len(samples[key]) < 3:
                samples[key].append(context(text, start, end))
            elif (j := rng.randrange(tokens[key])) < 3:
                samples[key][j] = context(text, start, end)
        articles_with.update(in_article)
    if args.show:
        for form in args.show:
            print(f"{form}: {seen_show[form]} unmarked tokens; {len(shown[form])} random contexts")
            for i, c in enumerate(shown[form], 1):
                print(f"{i:2}. {c}")
        return
    lines = [f"# Word forms the lexicon misses ({len(texts)} corpus articles)", "",
             "Command: `.venv/bin/python scripts/word_form_gaps.py" + (" --cues" if args.cues else "")
             + (" --unmarked" if args.unmarked else "") + (" --folds" if args.folds else "") + "`", "",
             "| entry | class | tokens | articles | forms (tokens) |", "|---|---|---:|---:|---|"]
    ranked = sorted(tokens, key=lambda k: -tokens[k])
    for key in ranked:
        top = ", ".join(f"{f} {n}" for f, n in forms[key].most_common(8))
        lines.append(f"| {key[0]} | {key[1]} | {tokens[key]} | {articles_with[key]} | {top} |")
    lines += ["", "## Three random contexts per entry and class", ""]
    for key in ranked:
        lines.append(f"**{key[0]} / {key[1]}** ({tokens[key]})")
        lines += [f"- {c}" for c in samples[key]]
        lines.append("")
    if args.folds:
        fold_audit(texts, kb, rng, lines)
    report = "\n".join(lines) + "\n"
    if args.out:
        Path(args.out).write_text(report, encoding="utf-8")
    else:
        sys.stdout.write(report)


if __name__ == "__main__":
    main()
