"""The speed work's shortcuts give exactly what the code they replaced gave (docs/speed.md): each is checked here
against the plain version it stands for, on many generated cases."""

from __future__ import annotations

import random

import pytest

from rasd.doc import Doc
from rasd.events import arguments, genre, vetting


def _ends_with_marker_plain(text: str, markers: tuple[str, ...]) -> bool:
    return any(text == m or text.endswith(" " + m) or text.endswith(m) and len(m) > 2 for m in markers)


def test_marker_endings_match_the_plain_test() -> None:
    rng = random.Random(7)
    marker_sets = [arguments._TARGET_MARKERS, arguments._AGENT_MARKERS, ("بين",), ("من", "على", "ضد")]
    words = [w for ms in marker_sets for w in ms] + ["في", "ال", "و", "قوات", ""]
    for _ in range(5000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 3)))
        text = text[rng.randint(0, len(text)):] if rng.random() < 0.3 else text
        for markers in marker_sets:
            assert arguments._ends_with_marker(text, markers) == _ends_with_marker_plain(text, markers), (text, markers)


def _softmax_plain(classes, intercept, weights, feats):
    import math

    scores = list(intercept)
    for name, value in feats.items():
        row = weights.get(name)
        if row is None:
            continue
        for i, w in enumerate(row):
            scores[i] += w * value
    if len(classes) == 2 and len(scores) == 1:
        scores = [0.0, scores[0]]
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return {c: e / total for c, e in zip(classes, exps, strict=True)}


def test_column_sums_give_the_same_floats() -> None:
    model = vetting.load_model()
    if model is None:
        pytest.skip("no vetting model built")
    rng = random.Random(3)
    names = sorted(model.weights)
    for _ in range(300):
        feats = {n: 1.0 for n in rng.sample(names, rng.randint(0, 60))}
        feats[f"unknown{rng.random()}"] = 1.0
        assert vetting._softmax(model.classes, model.intercept, model.weights, feats) == _softmax_plain(
            model.classes, model.intercept, model.weights, feats)
        weighted = dict(feats, **{rng.choice(names): 0.5})  # a value other than 1.0 takes the general loop
        assert vetting._softmax(model.classes, model.intercept, model.weights, weighted) == _softmax_plain(
            model.classes, model.intercept, model.weights, weighted)
    for event_type, classes in model.sub_classes.items():  # scikit-learn's binary form: one score row
        if len(classes) == 2:
            weights = model.sub_types[event_type]
            feats = {n: 1.0 for n in list(weights)[:20]}
            assert vetting._softmax(classes, model.sub_intercepts[event_type], weights, feats) == _softmax_plain(
                classes, model.sub_intercepts[event_type], weights, feats)


def test_phrase_end_from_the_offset_map_matches_stepping() -> None:
    text = "قال مصدر أمنيّ عراقيّ لـ«رصد» إنّ ثلاثة مدنيين قُتلوا\u200f في انفجار عبوة ناسفة ببغداد، صباح اليوم."
    doc = Doc(text=text)
    for start in range(len(text)):
        for tail_end in range(start, min(len(text), start + 40) + 1):
            for phrase_len in (-1, 0, 1, 5, 17, 60):
                end = start
                while end < tail_end and len(doc.folded(start, end)) < phrase_len:
                    end += 1
                assert max(start, min(doc.orig_offset(start, phrase_len), tail_end)) == end


def test_commentary_verdict_is_the_same_with_or_without_the_fold() -> None:
    column = ("نحن أبناء هذا الوطن علينا أن نحمي وطننا وأبناءنا من الفكر المتطرف. " * 20)
    report = ("قال مصدر أمني إن ثلاثة مدنيين قتلوا في انفجار. وأفادت الشرطة بأن الهجوم وقع صباحا. " * 12)
    from rasd.text.normalize import fold

    for text in (column, report):
        genre._VERDICTS.clear()
        fresh = genre.is_commentary(text)
        genre._VERDICTS.clear()
        assert genre.is_commentary(text, fold(text)) == fresh
        assert genre.is_commentary(text) == fresh  # now from the memo
    assert genre.is_commentary(column) and not genre.is_commentary(report)


def test_clitic_precheck_rejects_only_what_every_payload_rejects() -> None:
    """rasd.recognize.mentions._candidates skips a hit whose prefix or suffix is outside _ANY_PREFIX/_ANY_SUFFIX
    without asking its payloads: no payload of the real automaton may accept such a prefix or suffix."""
    from itertools import product

    from rasd.kb import load_kb
    from rasd.recognize import mentions

    table = mentions.payload_table(load_kb().surface_index())
    # One payload of each kind _accepts tells apart (its answer depends on these properties only).
    by_kind = {}
    for ps in table.values():
        for p in ps:
            kind = (len(p.form) <= 2, p.lam, p.bound, p.entry.kind, p.entry.verb, p.form[-1], p.form.endswith("ي"))
            by_kind.setdefault(kind, p)
    payloads = list(by_kind.values())
    letters = "وفبلكاهين"
    affixes = {"".join(t) for n in range(4) for t in product(letters, repeat=n)}
    affixes |= mentions._ANY_PREFIX | mentions._ANY_SUFFIX
    outside_prefixes = sorted(a for a in affixes if a not in mentions._ANY_PREFIX)
    outside_suffixes = sorted(a for a in affixes if a not in mentions._ANY_SUFFIX)
    accepted_suffixes = sorted(mentions._ANY_SUFFIX)
    accepted_prefixes = sorted(mentions._ANY_PREFIX)
    for p in payloads:
        for prefix in outside_prefixes:
            assert not any(mentions._accepts(p, prefix, s) for s in accepted_suffixes), (p.form, prefix)
        for suffix in outside_suffixes:
            assert not any(mentions._accepts(p, pre, suffix) for pre in accepted_prefixes), (p.form, suffix)


def test_squeezing_by_split_matches_the_regex() -> None:
    from rasd.recognize import mentions

    rng = random.Random(5)
    alphabet = ["ا", "ب", "x", " ", "\n", "\t", "\r", "\u00a0", "\u2028", "\x1c", "\u3000", "\x85", "\u200b", "\u202f"]
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        assert mentions._squeeze(text) == mentions._SPACES.sub(" ", text), repr(text)


def test_tokens_after_a_place_word_match_the_token_by_token_test() -> None:
    from bisect import bisect_left

    from rasd.recognize.unlisted import tokens_after

    rng = random.Random(9)
    for _ in range(3000):
        starts = sorted(rng.sample(range(200), rng.randint(0, 40)))
        words = sorted(rng.sample(range(200), rng.randint(0, 5)))
        reach = rng.randint(1, 30)
        plain = [k for k, start in enumerate(starts)
                 if bisect_left(words, start - reach) != bisect_left(words, start)]
        assert tokens_after(starts, words, reach) == plain, (starts, words, reach)


def test_folded_and_mentions_in_match_their_plain_definitions() -> None:
    from rasd.model import Mention, Span
    from rasd.text.normalize import fold

    text = "قال مصدر أمنيّ عراقيّ لـ«رصد» إنّ ثلاثة مدنيين قُتلوا\u200f في انفجار عبوة ناسفة ببغداد، صباح اليوم."
    rng = random.Random(13)
    mentions = []
    for _ in range(25):
        a = rng.randint(0, len(text) - 1)
        b = rng.randint(a + 1, min(len(text), a + 12))
        mentions.append(Mention(rng.choice(["place", "actor", "trigger"]), Span.of(text, a, b), "x", "x"))
    doc = Doc(text=text, mentions=mentions)
    for _ in range(3000):
        a, b = rng.randint(-5, len(text) + 5), rng.randint(-5, len(text) + 5)
        assert doc.folded(a, b) == fold(text[max(0, a):max(0, b)])
        kinds = rng.choice([(), ("place",), ("actor", "trigger")])
        plain = [m for m in doc.mentions if a <= m.span.start and m.span.end <= b and (not kinds or m.kind in kinds)]
        assert doc.mentions_in(a, b, *kinds) == plain
