"""The judged unseen events (tests/data/judged_unseen) are training rows of the learned check: every row must carry a
verdict the training script understands, a duplicate must point at an event of its own article, a retyped one at
an ACLED type, and the labels must come out as the check's classes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from judged_unseen import JUDGED, NONE, judged_files, label_of  # noqa: E402

from rasd.events.taxonomy import EVENT_TYPES  # noqa: E402

VERDICTS = {"right", "wrong_type", "duplicate", "not_an_event", "wrong_date", "wrong_place"}


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_there_are_judged_draws():
    assert judged_files(), f"no seed_N.jsonl under {JUDGED}"


@pytest.mark.parametrize("seed,path", judged_files(), ids=lambda v: str(v) if isinstance(v, int) else "")
def test_every_row_has_a_verdict_the_training_reads(seed, path):
    rows = _rows(path)
    assert rows
    for i, row in enumerate(rows):
        assert row["verdict"] in VERDICTS, (seed, i, row["verdict"])
        assert row["id"].startswith("u") and row["event_type"] in EVENT_TYPES
        if row["verdict"] == "wrong_type":
            assert row.get("gold_type") in EVENT_TYPES and row["gold_type"] != row["event_type"], (seed, i)
        if row["verdict"] == "duplicate":
            other = row.get("same_as")
            assert isinstance(other, int) and 0 <= other < len(rows) and other != i, (seed, i, other)
            assert rows[other]["id"] == row["id"], (seed, i, "a duplicate of another article's event")
        label = label_of(row)
        assert label == NONE or label in EVENT_TYPES


def test_labels_follow_the_verdicts():
    base = {"id": "u0001", "event_type": "Battles"}
    assert label_of({**base, "verdict": "right"}) == "Battles"
    assert label_of({**base, "verdict": "wrong_type", "gold_type": "Riots"}) == "Riots"
    for verdict in ("not_an_event", "duplicate", "wrong_date", "wrong_place"):
        assert label_of({**base, "verdict": verdict}) == NONE
    with pytest.raises(ValueError):
        label_of({**base, "verdict": "maybe"})


def test_an_event_whose_type_a_rule_changed_keeps_its_verdict():
    """A judged row is keyed by the type the rules gave when it was judged; when a later rule gives the same trigger
    and sentence another type, the event still takes the row (marked retyped), so a type fix is counted as one and
    not as a lost act plus an unjudged event."""
    from datetime import date

    from judged_unseen import event_key, match_events

    from rasd.kb import load_kb
    from rasd.model import Article
    from rasd.pipeline import process

    text = "قتل ثلاثة مدنيين في قصف مدفعي على بلدة تلبيسة في ريف حمص أمس."
    events = process(Article(text=text, published=date(2015, 7, 1), published_how="given"), load_kb(),
                     decide="rules").events
    assert events
    case = {"draw_id": "u0001", "text": text, "labels": {}}
    ev = events[0]
    article, typ, trigger, sentence = event_key(case, ev)
    other = "Battles" if typ != "Battles" else "Riots"
    case["labels"] = {(article, other, trigger, sentence): [typ]}
    matched, left = match_events(case, events)
    assert (matched[0][1], matched[0][2]) == (typ, True)
    assert not any(left.values())
    case["labels"] = {(article, typ, trigger, sentence): [NONE]}
    matched, _ = match_events(case, events)
    assert (matched[0][1], matched[0][2]) == (NONE, False)


def test_an_article_drawn_in_several_seeds_is_one_case():
    """Draws of 600 from one pool meet articles judged before; one case each keeps a repeated article from counting
    twice and from sitting in two of the learned check's folds (a leak)."""
    from judged_unseen import load_judged

    cases = load_judged()
    texts = [case["text"] for case in cases]
    assert len(set(texts)) == len(texts)
    for case in cases:
        assert all(key[0] == case["draw_id"] for key in case["labels"])
    rows = sum(len(_rows(path)) for _, path in judged_files())
    assert sum(len(v) for case in cases for v in case["labels"].values()) < rows  # repeats were folded


def test_a_retelling_reports_the_act_of_the_row_it_is_the_same_as():
    """The learned link trains on the judged draws: a row judged `duplicate` tells the act of its `same_as` row, a
    row judged an act tells its own, talk and misplaced rows tell none; acts are named within their draw."""
    from judged_unseen import act_of

    assert act_of(4401, {"verdict": "right", "index": 3}) == (4401, 3)
    assert act_of(4401, {"verdict": "wrong_type", "index": 5, "gold_type": "Riots"}) == (4401, 5)
    assert act_of(4402, {"verdict": "duplicate", "index": 7, "same_as": 3}) == (4402, 3)
    for verdict in ("not_an_event", "wrong_date", "wrong_place"):
        assert act_of(4401, {"verdict": verdict, "index": 2}) is None


def test_judged_pairs_label_the_link_within_one_draw_only():
    """Two events telling one judged act are one occurrence, two judged acts two; a pair whose rows come from two
    draws of the same article is left out (each draw numbers its own rows), and so is a pair the rules keep apart."""
    from train_pairs import judged_links, rows_of

    from rasd.events.pair_model import PairModel

    def item(act):
        return {"event": {}, "filtered": False, "gold": act}

    recorded = [{"items": [item(a) for a in ((1, 0), (1, 0), (1, 2), (2, 0), None)], "precisions": [3] * 5,
                 "pairs": [(0, 1, {"x": 1.0}), (0, 2, {"x": -1.0}), (1, 2, None), (2, 3, {"x": 1.0}),
                           (3, 4, {"x": 1.0})]},
                {"items": [item((1, 0)), item((1, 1))], "precisions": [3, 3], "pairs": [(0, 1, {"x": 1.0})]}]
    assert [(r["x"], r["y"]) for r in rows_of(recorded, [0])] == [({"x": 1.0}, 1), ({"x": -1.0}, 0)]
    assert judged_links(recorded, [None, None]) == {"retellings": 1, "merged": 0}
    model = PairModel(weights={"x": 10.0}, intercept=0.0, threshold=0.5)
    # The retelling joins its act; two acts of one draw joined count as merged; acts of two draws are not compared.
    assert judged_links(recorded, [model, model]) == {"retellings": 0, "merged": 1}


def test_the_trainers_never_learn_from_the_check_draws(monkeypatch):
    """The check draws (CHECK_SEEDS) judge the learned models as they judge the rules: the vetting trainer marks their
    rows apart (it reports them, never fits them) and split_check keeps them from the pair trainer."""
    import judged_unseen
    import train_vetting
    from judged_unseen import CHECK_SEEDS, load_judged, split_check

    cases = load_judged()
    learnable, check = split_check(cases)
    assert check and learnable and len(check) + len(learnable) == len(cases)
    assert all(c["seed"] in CHECK_SEEDS for c in check) and not any(c["seed"] in CHECK_SEEDS for c in learnable)
    few = [sorted(part, key=lambda c: len(c["text"]))[:4] for part in (learnable, check)]
    monkeypatch.setattr(judged_unseen, "load_judged", lambda: few[0] + few[1])
    _, rows = train_vetting.judged_dataset(0)
    assert {r["check"] for r in rows if r["article"] >= 4} == {True}
    assert {r["check"] for r in rows if r["article"] < 4} == {False}
