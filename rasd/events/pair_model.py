"""The learned link between event mentions: are these two reports of one article the same occurrence?

The rules of rasd.events.merge join what they can prove is one act (one clause, a back-reference, a headline, a
summary); what they leave apart is the same act told again in other words: a lead and its detail, a source line, a
later sentence with a slightly different place or date (on train/ + dev/, a quarter of the false events). A
logistic model over the rules' own pair signals (act family, nested places, days, actors, sentence distance,
anaphoric, demonstrative, generic, headline flags, tolls, trigger stems) gives P(same occurrence) for every pair of
the rules' events; pairs above the model's threshold are linked by average-linkage clustering that never crosses
the rules' hard constraints (two countries, two named places that do not nest, two different days, two act
families). The rules stay the fallback: with no model file, merge is the rules alone.

Trained by `scripts/train_pairs.py` (labels from the shared scorer's matching, 5-fold CV by article); shipped as
plain JSON weights (`kb/data/models/pairs.json`), applied here without scikit-learn.
"""

from __future__ import annotations

import json
import math
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rasd.doc import Doc
from rasd.events import merge as rules
from rasd.events.detect import Candidate
from rasd.events.timing import When, governing_time
from rasd.text.clitics import analyse
from rasd.text.normalize import fold

MODEL_PATH = Path(__file__).resolve().parents[1] / "kb" / "data" / "models" / "pairs.json"


@dataclass(frozen=True)
class PairModel:
    """Logistic weights over named pair features, and the probability above which two reports are linked."""

    weights: dict[str, float]
    intercept: float
    threshold: float

    @classmethod
    def from_json(cls, data: dict) -> PairModel:
        return cls(dict(data["weights"]), float(data["intercept"]), float(data["threshold"]))

    def probability(self, feats: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


_LOADED: list[PairModel | None] = []
_OVERRIDE: list[PairModel | None] = []


def active_model() -> PairModel | None:
    """The model merge uses: one set by `use_model` (training, tests), else the shipped file, else None."""
    if _OVERRIDE:
        return _OVERRIDE[-1]
    if not _LOADED:
        _LOADED.append(PairModel.from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))
                       if MODEL_PATH.exists() else None)
    return _LOADED[0]


@contextmanager
def use_model(model: PairModel | None):
    """Merge with this model (None: the rules alone) inside the block: cross-validation swaps fold models."""
    _OVERRIDE.append(model)
    try:
        yield
    finally:
        _OVERRIDE.pop()


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def _stem(c: Candidate) -> str:
    words = fold(c.anchor.span.text).split()
    word = words[0] if words else ""
    return analyse(word)[1] if len(word) >= 3 else word


def effective_when(c: Candidate, doc: Doc) -> When | None:
    """The report's own date, else the date that governs it in the text (what its event will be dated by)."""
    if c.fields.when is not None or c.fields.background_span is not None:
        return c.fields.when
    return governing_time(c, doc)


#: Two named places closer than this (km) are one place as far as linking reports goes (a quarter and its town).
NEAR_KM = 10.0


def _km(la, lb) -> float | None:
    if None in (la.latitude, la.longitude, lb.latitude, lb.longitude):
        return None
    dy = math.radians(lb.latitude - la.latitude)
    dx = math.radians(lb.longitude - la.longitude) * math.cos(math.radians((la.latitude + lb.latitude) / 2))
    return 6371.0 * math.hypot(dx, dy)


def _same_place(la, lb) -> bool:
    if la.location is None or lb.location is None:
        return False
    if la.location == lb.location or rules.name_key(la.location) == rules.name_key(lb.location):
        return True
    km = _km(la, lb)
    return km is not None and km < NEAR_KM


def hard_apart(a: Candidate, b: Candidate, wa: When | None = None, wb: When | None = None) -> bool:
    """What the model may never join: "هجوم آخر" (the text says another act), an act that happened and one only
    attempted or foiled, two countries, two kinds of act (unless one is told by a generic word that covers the
    other: "هجوم" for a bombing, or they are two sub-types of one act family: a clash and the ground it took, which
    the judged draws hold as one act told twice more often than as two), two named places of which neither holds the other, or two
    different days (a statement's date may be a day after the act it reports). `wa`, `wb`: the reports' effective
    dates (effective_when), their own dates when not given."""
    la, lb = a.fields.loc, b.fields.loc
    if a.fields.another or b.fields.another or a.fields.modality != b.fields.modality or la.iso3 != lb.iso3:
        return True
    if not rules.same_kind(a, b) and not _covers(a, b) and not rules.one_family(a, b):
        return True  # a missile strike and an air strike on one day are two events (as for the rules)
    if _same_place(la, lb):
        return rules.days_apart(wa or a.fields.when, wb or b.fields.when)
    if la.admin1 and lb.admin1 and la.admin1 != lb.admin1:
        return True
    if (la.location and lb.location and (la.geo_precision or 3) <= 2
            and (lb.geo_precision or 3) <= 2 and not ((la.area or lb.area) and la.admin1 == lb.admin1)):
        return True
    return rules.days_apart(wa or a.fields.when, wb or b.fields.when)


def _covers(a: Candidate, b: Candidate) -> bool:
    """One of the two is told only by a generic word ("هجوم", "انفجار") that may stand for the other's kind of act."""
    return any(rules.covers(x, y) for x, y in ((a, b), (b, a)))


def _place_relation(a: Candidate, b: Candidate) -> str:
    la, lb = a.fields.loc, b.fields.loc
    pa, pb = la.geo_precision or 4, lb.geo_precision or 4
    if la.location is None or lb.location is None:
        return "unplaced"
    if _same_place(la, lb):
        return "same"
    if pa <= 2 and pb <= 2:
        return "two_towns"
    if la.admin1 and la.admin1 == lb.admin1:
        return "nested"
    return "coarse"


def _date_relation(wa: When | None, wb: When | None) -> str:
    if wa is None and wb is None:
        return "none"
    if wa is None or wb is None:
        return "one"
    days = abs((wa.date - wb.date).days)
    return "same" if days == 0 else "1day" if days == 1 else "apart"


def _actor_relation(a: Candidate, b: Candidate) -> str:
    fa, fb = a.fields, b.fields
    ids_a = {r.actor_id for r in (fa.actor1, fa.actor2) if r}
    ids_b = {r.actor_id for r in (fb.actor1, fb.actor2) if r}
    if not ids_a or not ids_b:
        return "unknown"
    if fa.actor1 and fb.actor1 and fa.actor1.actor_id == fb.actor1.actor_id:
        return "same_doer"
    if ids_a & ids_b:
        return "shared"
    if fa.actor1 and fb.actor1:
        return "two_doers"
    return "disjoint"


def _toll_relation(a: Candidate, b: Candidate, key: str) -> str:
    x, y = getattr(a.fields, key), getattr(b.fields, key)
    if x is None and y is None:
        return "none"
    if x is None or y is None:
        return "one"
    return "equal" if x == y else "differ"


def pair_features(a: Candidate, b: Candidate, doc: Doc, wa: When | None = None, wb: When | None = None
                  ) -> dict[str, float]:
    """The rule signals of one pair of reports (a told before b), as named indicator features; `wa`, `wb` their
    effective dates (effective_when)."""
    f: dict[str, float] = {}

    def on(name: str) -> None:
        f[name] = 1.0

    on(f"types={'|'.join(sorted((a.event_type, b.event_type)))}")
    on(f"same_sub={a.sub_event_type == b.sub_event_type}")
    ga, gb = rules.generic(a), rules.generic(b)
    on(f"generic={int(ga)}{int(gb)}")
    on(f"covers={_covers(a, b)}")
    on(f"place={_place_relation(a, b)}")
    on(f"geo={a.fields.loc.geo_precision}|{b.fields.loc.geo_precision}")
    on(f"area={a.fields.loc.area or b.fields.loc.area}")
    on(f"date={_date_relation(a.fields.when, b.fields.when)}")
    on(f"effective_date={_date_relation(wa, wb)}")
    on(f"actors={_actor_relation(a, b)}")
    on(f"background={int(a.fields.background_span is not None)}{int(b.fields.background_span is not None)}")
    on(f"fatalities={_toll_relation(a, b, 'fatalities')}")
    on(f"injured={_toll_relation(a, b, 'injured')}")
    distance = abs(b.sentence_index - a.sentence_index)
    on(f"sentences={_bucket(distance, (0, 1, 2, 4, 8))}")
    title_end = rules._title_end(doc)
    on(f"title={int(a.anchor.span.start < title_end)}{int(b.anchor.span.start < title_end)}")
    on(f"anaphoric={int(rules._anaphoric(a, doc))}{int(rules._anaphoric(b, doc))}")
    on(f"demonstrative_b={rules._demonstrative(b, doc)}")
    on(f"specific={int(rules._specific(a))}{int(rules._specific(b))}")
    on(f"same_day_more_b={b.fields.same_day_more}")
    on(f"compatible={rules._compatible(a, b)}")
    on(f"distinct={rules._distinct(a, b, doc)}")
    on(f"bare_killing={int(rules._bare_killing(a))}{int(rules._bare_killing(b))}")
    sa, sb = _stem(a), _stem(b)
    on(f"same_stem={sa == sb}")
    on(f"stem_b={sb}")
    on(f"stems={'|'.join(sorted((sa, sb)))}")
    return f


def clusters(n: int, prob: dict[tuple[int, int], float], apart: set[tuple[int, int]], threshold: float
             ) -> list[list[int]]:
    """Average-linkage agglomeration of items 0..n-1: join the two clusters whose mean pair probability is highest,
    while it is at least `threshold` and no pair across them is `apart` (pairs are (i, j) with i < j; a pair absent
    from `prob` counts 0). Two clusters joined have a pair at or above the threshold, so the work is done within
    the components of those pairs (small), not over the whole article."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for (i, j), p in prob.items():
        if p >= threshold:
            parent[root(i)] = root(j)
    components: dict[int, list[int]] = {}
    for i in range(n):
        components.setdefault(root(i), []).append(i)
    out = []
    for members in components.values():
        out.extend(_average_linkage(members, prob, apart, threshold) if len(members) > 1 else [members])
    return sorted(out)


def _average_linkage(members: list[int], prob: dict[tuple[int, int], float], apart: set[tuple[int, int]],
                     threshold: float) -> list[list[int]]:
    groups = [[i] for i in members]

    def key(i: int, j: int) -> tuple[int, int]:
        return (i, j) if i < j else (j, i)

    while True:
        best, pick = threshold, None
        for x in range(len(groups)):
            for y in range(x + 1, len(groups)):
                pairs = [key(i, j) for i in groups[x] for j in groups[y]]
                if any(p in apart for p in pairs):
                    continue
                mean = sum(prob.get(p, 0.0) for p in pairs) / len(pairs)
                if mean >= best:
                    best, pick = mean, (x, y)
        if pick is None:
            return groups
        x, y = pick
        groups[x] = sorted(groups[x] + groups[y])
        del groups[y]


def carrier(members: list[int], precisions: list) -> int:
    """The report that carries a linked event: the finest place (a geo precision, or a rasd.events.merge.place_rank
    key), then the first told."""
    return min(members, key=lambda i: (precisions[i] or 4, i))


#: Reports further apart than this many sentences are never linked by the model (news retells an act near where
#: it first told it; and a long text stays linear).
MAX_SENTENCES = 12


def scored_pairs(kept: list[Candidate], doc: Doc) -> list[tuple[int, int, dict[str, float] | None]]:
    """Every pair (i, j), i < j in text order, at most MAX_SENTENCES apart, with its features, or None where the
    rules' hard constraints keep the two apart."""
    whens = [effective_when(c, doc) for c in kept]
    out = []
    for j in range(len(kept)):
        for i in range(j - 1, -1, -1):
            a, b, wa, wb = kept[i], kept[j], whens[i], whens[j]
            if b.sentence_index - a.sentence_index > MAX_SENTENCES:
                break
            out.append((i, j, None if hard_apart(a, b, wa, wb) else pair_features(a, b, doc, wa, wb)))
    return out


def link_reports(kept: list[Candidate], doc: Doc) -> list[Candidate]:
    """The rules' events (rasd.events.merge.merge) joined where the active model says two are one occurrence; as
    they are when no model is shipped or set."""
    model = active_model()
    return kept if model is None else link(kept, doc, model)


def link(kept: list[Candidate], doc: Doc, model: PairModel) -> list[Candidate]:
    """The rules' events joined where the model says two are the same occurrence (see the module docstring)."""
    if len(kept) < 2:
        return kept

    order = sorted(range(len(kept)), key=lambda i: kept[i].anchor.span.start)
    ordered = [kept[i] for i in order]
    prob, apart = {}, set()
    for i, j, feats in scored_pairs(ordered, doc):
        if feats is None:
            apart.add((i, j))
        else:
            prob[(i, j)] = model.probability(feats)
    groups = clusters(len(ordered), prob, apart, model.threshold)
    if all(len(g) == 1 for g in groups):
        return kept
    precisions = [rules.place_rank(c.fields.loc) for c in ordered]  # (the field policy's most specific place)
    out = []
    for g in groups:
        host = carrier(g, precisions)
        for i in g:
            if i != host:
                rules._absorb(ordered[host], ordered[i], doc, retype=False, add_same_day=True)
        out.append(ordered[host])
    position = {id(c): k for k, c in enumerate(kept)}
    return sorted(out, key=lambda c: position[id(c)])
