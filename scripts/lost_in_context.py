"""Acts rasd codes right alone but loses inside their article: where in rasd.events.build.extract_events each is lost.

    python scripts/lost_in_context.py [--sets train dev train_s15 train_s16] [--show CLASS|all]

For every missed required gold event (rules deciding) whose evidence sentence, run alone, gives an event of the
gold's type, the article is run again with the event stages recorded (the candidates detect keeps, the mentions
before merging, the events merge and link_reports leave, the type before and after _finalize_type, the coding filter,
the event written out), and the mentions anchored in the evidence sentence are followed to the stage that loses them:

- `not detected` (no candidate in the sentence), `dropped untimed` (detect.drop_untimed left it out);
- `merged: ...` (linked into an act of another sentence; the rest says what became of that act: `filtered <name>`,
  `other type`, or `emitted` with the field that keeps it from the gold: date, country, place);
- `retyped` (its own event, another type in the article: `retyped by finalize` when the type before
  _finalize_type was the gold's), `filtered <name>` (a coding filter of build._filtered_by),
- `emitted: date|country|place|taken|...` (written out and not matched: the field a neighbour gave it, or `taken`
  when the event matched another gold event);
- `split: ...` (the sentence tells more gold acts of the type than it gives events even alone: not the context).

A mention that went further (emitted > filtered > retyped > merged) is the one reported. Companion of
scripts/lost_at_merge.py (field errors of matched events); reads only the learning sets, never test or heldout.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_events  # noqa: E402
from error_classes import _as_gold, _place_free  # noqa: E402
from lost_at_merge import _as_dict, _mentions  # noqa: E402

from rasd import pipeline  # noqa: E402
from rasd.events import build, merge  # noqa: E402
from rasd.kb import load_kb  # noqa: E402
from rasd.model import Article  # noqa: E402
from rasd.pipeline import process  # noqa: E402
from rasd.settings import DEFAULT_SETTINGS  # noqa: E402
from rasd.text.normalize import fold, normalize  # noqa: E402

#: The settings of a long article: a sentence run alone is otherwise read as a brief text (a flash, a post), whose
#: acts need no date, toll or town of their own.
LONG = replace(DEFAULT_SETTINGS, brief_sentences=0)


class Trace:
    """Wraps the stages build.extract_events calls (by their names in rasd.events.build) and keeps what each gave."""

    STAGES = ("extract_events", "drop_untimed", "merge", "link_reports", "_finalize_type", "_filtered_by",
              "_to_event")

    def __init__(self) -> None:
        self.orig = {name: getattr(build, name) for name in self.STAGES}
        for name in self.STAGES:
            setattr(build, name, getattr(self, name.lstrip("_")))
        pipeline.extract_events = self.extract_events  # (the pipeline imported it by name)
        self.clear()

    def clear(self) -> None:
        self.doc = None
        self.found, self.kept, self.premerge, self.tops, self.merge_top = [], [], [], [], {}
        self.type_before, self.type_after, self.filtered, self.events = {}, {}, {}, {}

    def extract_events(self, doc, *args, **kwargs):
        self.doc = doc
        return self.orig["extract_events"](doc, *args, **kwargs)

    def drop_untimed(self, cands, doc):
        self.found = list(cands)
        self.kept = self.orig["drop_untimed"](cands, doc)
        return self.kept

    def merge(self, cands, doc):
        self.premerge = list(cands)
        return self.orig["merge"](cands, doc)

    def link_reports(self, cands, doc):
        self.merge_top = {id(m): top for top in cands for m in [top, *_mentions(top)]}
        self.tops = self.orig["link_reports"](cands, doc)
        return self.tops

    def finalize_type(self, c, kb, doc=None):
        self.type_before[id(c)] = c.event_type
        self.orig["_finalize_type"](c, kb, doc)
        self.type_after[id(c)] = c.event_type

    def filtered_by(self, c, doc, *args, **kwargs):
        out = self.orig["_filtered_by"](c, doc, *args, **kwargs)
        if c in self.tops:  # (not the calls _reports_alone makes on a linked mention alone)
            self.filtered[id(c)] = out
        return out

    def to_event(self, c, *args, **kwargs):
        ev = self.orig["_to_event"](c, *args, **kwargs)
        self.events[id(c)] = ev
        return ev


def _sentence_of(doc, evidence: str) -> tuple[int, int] | None:
    """The [start, end) of the article sentence that holds the gold's evidence (matched folded, on its first words)."""
    norm = normalize(doc.text)
    probe = fold(evidence).strip()
    for size in (len(probe), 60, 30):
        at = norm.text.find(probe[:size]) if probe else -1
        if at >= 0:
            break
    else:
        return None
    at = norm.index[at]
    for s in doc.sentences:
        if s.start <= at < s.end:
            return s.start, s.end
    return None


def _unconcrete(c) -> str:
    """Which test of build._concrete a long article's act fails (the order it tests them in)."""
    f = c.fields
    timed, tolled = f.when is not None, f.fatalities is not None or f.injured is not None
    placed = f.loc.below_province and not f.loc.inherited
    if not (timed or tolled or placed or (f.actor1 and f.actor2 and f.loc.iso3)):
        return "no date, toll, town or two sides"
    if f.loc.inherited and not tolled:
        return "town borrowed from the sentence before, no toll"
    if f.background_span is not None and not (timed or tolled):
        return "background, undated"
    if not (timed or tolled) and f.actor1 is None and merge.generic(c):
        return "generic word, no doer"
    return "other"


def _top_of(tops: list, m) -> object | None:
    for t in tops:
        if t is m or any(o is m for o in _mentions(t)):
            return t
    return None


def _event_class(scorer, gold: dict, ev: dict, matched_other: dict | None) -> str:
    """Why the written-out event `ev` does not match `gold`: the one field that, set to the gold's, would
    (`matched_other`: the other gold event `ev` matched, if any: `taken`, by an act of the same sentence or not)."""
    if matched_other is not None:
        same = fold(matched_other.get("evidence_ar", ""))[:60] == fold(gold.get("evidence_ar", ""))[:60]
        fits = scorer.compatible(gold, ev)
        return "taken " + ("(same sentence" if same else "(other sentence") + (", fits)" if fits else ", misfits)")
    for name, probe in (("type", gold), ("country", gold), ("date", gold), ("place", _place_free(gold))):
        if scorer.compatible(probe, _as_gold(ev, gold, name if name in ("date", "country") else "wrong_type")
                             if name != "place" else ev):
            return name
    return "other fields"


def trace_case(case: dict, gi: int, kb, scorer, tr: Trace, events: list[dict], matched_e: dict[int, dict]) -> tuple[str, str]:
    """(class, detail) of the missed gold event `gi` of `case` (the article already run with `tr` recording)."""
    gold = case["events"][gi]
    want = gold["event_type"]
    doc = tr.doc
    where = _sentence_of(doc, gold.get("evidence_ar", ""))
    if where is None:
        return "evidence not found", ""
    a, b = where

    def inside(c) -> bool:
        return a <= c.anchor.span.start < b

    mine = [c for c in tr.premerge if inside(c)]
    if not mine:
        return ("dropped untimed", "") if any(inside(c) for c in tr.found) else ("not detected", "")
    best = None
    for m in mine:
        top = _top_of(tr.tops, m)
        if top is None:
            got = (0, "lost at split/merge", "")
        elif top is not m and not inside(top):
            ftr = tr.filtered.get(id(top))
            sentence = doc.sentence_index(top.anchor.span.start) - doc.sentence_index(a)
            if ftr:
                what = f"top filtered {ftr}"
            elif tr.type_after.get(id(top)) != want:
                what = "top other type"
            else:
                ev = tr.events.get(id(top))
                ei = next((i for i, e in enumerate(events) if ev is not None and e.get("event_id") == ev.event_id),
                          None)
                what = "top emitted " + (_event_class(scorer, gold, events[ei], matched_e.get(ei)) if ei is not None
                                         else "?")
            when = top.fields.when.date if top.fields.when else None
            by = "rules" if tr.merge_top.get(id(m)) is top else "pair model"
            got = (1, f"merged ({by}): {what}", f"into sentence {sentence:+d} {tr.type_after.get(id(top))} {when} "
                   f"«{top.anchor.span.text}»")
        elif tr.type_after.get(id(top)) != want:
            by = " by finalize" if tr.type_before.get(id(top)) == want else ""
            got = (2, f"retyped{by}", f"{tr.type_before.get(id(top))} -> {tr.type_after.get(id(top))}")
        elif tr.filtered.get(id(top)):
            f = top.fields
            why = tr.filtered[id(top)] + (f" ({_unconcrete(top)})" if tr.filtered[id(top)] == "not concrete" else "")
            got = (3, f"filtered {why}", f"when {f.when.date if f.when else None} deaths "
                   f"{f.fatalities} hurt {f.injured} place {f.loc.location if f.loc else None} "
                   f"below {f.loc.below_province if f.loc else None} inherited {f.loc.inherited if f.loc else None}"
                   f" a1 {f.actor1 and f.actor1.actor_id} a2 {f.actor2 and f.actor2.actor_id} mentions "
                   f"{len(_mentions(top))}")
        else:
            ev = tr.events.get(id(top))
            ei = next((i for i, e in enumerate(events) if ev is not None and e.get("event_id") == ev.event_id), None)
            cls = _event_class(scorer, gold, events[ei], matched_e.get(ei)) if ei is not None else "?"
            e = events[ei] if ei is not None else {}
            got = (4, f"emitted: {cls}", f"{e.get('event_date')} {e.get('country')} {e.get('location')} vs gold "
                   f"{gold.get('event_date_between')} {gold.get('country')}")
        if best is None or got[0] > best[0]:
            best = got
    return best[1], best[2]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", nargs="+", default=["train", "dev", *eval_events.LEARNING_SETS])
    ap.add_argument("--show", help="print the cases of this class ('all' for every one)")
    opts = ap.parse_args(argv)
    scorer, kb, tr = eval_events.load_scorer(), load_kb(), Trace()
    classes, by_set = Counter(), Counter()
    missed_n = brief_only = 0
    brief_of, unmatched_alone = Counter(), Counter()
    for case in eval_events.load_cases(opts.sets):
        published = date.fromisoformat(case["published"][:10])
        tr.clear()
        found = process(Article(text=case["text"], published=published, published_how="given"), kb,
                        decide="rules").events
        events = [_as_dict(e) for e in found]
        pairs = scorer.match(case["events"], events)
        matched_g, matched_e = {g for g, _ in pairs}, {e: case["events"][g] for g, e in pairs}
        missed = [i for i, g in enumerate(case["events"]) if g.get("required", True) and i not in matched_g]
        if not missed:
            continue
        saved = (tr.doc, tr.found, tr.kept, tr.premerge, tr.tops, tr.type_before, tr.type_after, tr.filtered,
                 tr.events, tr.merge_top)
        for gi in missed:
            missed_n += 1
            gold = case["events"][gi]
            tr.clear()
            alone = process(Article(text=gold.get("evidence_ar", ""), published=published, published_how="given"),
                            kb, decide="rules").events
            if not any(e.event_type == gold["event_type"] for e in alone):
                continue
            (tr.doc, tr.found, tr.kept, tr.premerge, tr.tops, tr.type_before, tr.type_after, tr.filtered,
             tr.events, tr.merge_top) = saved
            cls, detail = trace_case(case, gi, kb, scorer, tr, events, matched_e)
            same = [g for g in case["events"] if g.get("required", True) and g["event_type"] == gold["event_type"]
                    and fold(g.get("evidence_ar", ""))[:60] == fold(gold.get("evidence_ar", ""))[:60]]
            if len(same) > sum(e.event_type == gold["event_type"] for e in alone):
                # the sentence tells more acts of the type than it gives events even alone: a split, not the context
                cls = f"split: fewer events than acts alone too ({cls})"
            if not any(scorer.compatible(gold, _as_dict(e)) for e in alone):
                unmatched_alone[cls] += 1
                detail += " [alone too its event does not match the gold (date, country or place)]"
            tr.clear()
            long_alone = process(Article(text=gold.get("evidence_ar", ""), published=published, published_how="given"),
                                 kb, decide="rules", settings=LONG).events
            if not any(e.event_type == gold["event_type"] for e in long_alone):
                brief_only += 1
                brief_of[cls] += 1
                detail += " [right alone only as a brief text]"
            classes[cls] += 1
            by_set[case["set"]] += 1
            if opts.show in (cls, "all") or (opts.show and cls.startswith(opts.show)):
                print(f"{case['id']} [{cls}] {gold['event_type']} {detail}\n    {gold.get('evidence_ar', '')[:160]}")
    print(f"missed {missed_n}, right alone {sum(classes.values())} ({dict(by_set)}); of these, {brief_only} right "
          f"alone only because a lone sentence is read as a brief text (build._concrete's one_side)")
    for cls, n in classes.most_common():
        print(f"{n:4} {cls}" + (f"  ({brief_of[cls]} right alone only as a brief text)" if brief_of[cls] else "")
              + (f"  ({unmatched_alone[cls]} alone no match either)" if unmatched_alone[cls] else ""))
    print(f"alone the event matches the gold (type, date, country, place) for "
          f"{sum(classes.values()) - sum(unmatched_alone.values())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
