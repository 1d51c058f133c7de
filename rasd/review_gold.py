"""Reviewed events written out as gold annotations, in the format of the project's gold sets
(../shared/eval/GUIDE.md): `gold.jsonl`, one article per line with its events, and `articles.jsonl` with the texts,
so `rasd eval --gold ... --articles ...`, scripts/dev_eval.py and the training scripts read them as they read
../shared/eval/train/.

One line per article that reports a reviewed event. Events the analyst verified or corrected become required gold
events with the reviewed values; events marked wrong are left out (an extractor that finds them again is
penalised); events of that article nobody reviewed are listed with "required": false, so an extractor is neither
rewarded nor penalised for them (the guide's convention for what the annotator did not settle).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

#: Sentence ends for the evidence sentence (as the dashboard cuts them: . ! ? Arabic question mark and full stop).
SENTENCE_ENDS = ".!?\u061f\u06d4\n"


def _sentence(text: str, start: int, end: int) -> str:
    a = start
    while a > 0 and text[a - 1] not in SENTENCE_ENDS:
        a -= 1
    b = max(start, end)
    while b < len(text) and text[b] not in SENTENCE_ENDS:
        b += 1
    return text[a:b].strip()


def evidence_sentence(text: str, evidence: dict[str, Any]) -> str | None:
    """The sentence of the article around the event's trigger (else its first evidence span found in the text)."""
    spans = sorted((evidence or {}).items(), key=lambda kv: (kv[0] != "event_type", kv[0]))
    for _field, span in spans:
        if not isinstance(span, dict) or not span.get("text"):
            continue
        start, end = span.get("start"), span.get("end")
        if isinstance(start, int) and isinstance(end, int) and text[start:end] == span["text"]:
            return _sentence(text, start, end)
        at = text.find(span["text"])
        if at >= 0:
            return _sentence(text, at, at + len(span["text"]))
    return None


def gold_event(ev: dict[str, Any], text: str, own: dict[str, Any] | None, required: bool) -> dict[str, Any]:
    """One event (reviewed values) as a gold event: only the keys the guide defines, only those the event has."""
    gold: dict[str, Any] = {"name": ev.get("notes") or " ".join(
        str(x) for x in (ev.get("sub_event_type") or ev.get("event_type"), ev.get("location")) if x),
        "required": required}
    for key in ("event_type", "sub_event_type", "country"):
        if ev.get(key):
            gold[key] = ev[key]
    if ev.get("actor1"):
        gold["actor1_contains"] = [ev["actor1"]]
    if ev.get("actor2"):
        gold["actor2_contains_one_of"] = [ev["actor2"]]
    if ev.get("admin1"):
        gold["admin1_one_of"] = [ev["admin1"]]
    if ev.get("location"):
        gold["location_contains_one_of"] = [ev["location"]]
    # A point only for a place known to the town (the guide: "only if confident to within ~10 km").
    if ev.get("geo_precision") == 1 and ev.get("latitude") is not None and ev.get("longitude") is not None:
        gold["point"] = [ev["latitude"], ev["longitude"]]
        gold["within_km"] = 25
    if ev.get("geo_precision"):
        gold["geo_precision"] = ev["geo_precision"]
    if ev.get("event_date"):
        gold["event_date_between"] = [ev["event_date"], ev.get("event_date_end") or ev["event_date"]]
    if ev.get("time_precision"):
        gold["time_precision"] = ev["time_precision"]
    for key in ("fatalities", "injured"):
        if ev.get(key) is not None:
            gold[key] = ev[key]
    gold["modality"] = ev.get("modality") or "occurred"
    gold["background"] = bool(ev.get("background"))
    sentence = evidence_sentence(text, (own or ev).get("evidence") or {})
    if sentence:
        gold["evidence_ar"] = sentence
    return gold


def _reviewed_ids(session: Session) -> list[str]:
    """Stored events with a review: reviewed under their id, or under the id of one of their reports (an event
    whose id changed when it was linked again)."""
    from rasd.store.schema import EventRow, ReportRow, ReviewRow

    ids = select(ReviewRow.event_id).distinct()
    direct = select(EventRow.event_id).where(EventRow.event_id.in_(ids))
    via = select(ReportRow.event_id).where(ReportRow.report_event_id.in_(ids))
    return sorted(set(session.scalars(direct)) | set(session.scalars(via)))


def gold_records(repo: Any) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(gold line, article line) for every article reporting a reviewed event, oldest article first."""
    from rasd.store.schema import ArticleRow, EventRow, ReportRow

    with Session(repo.engine) as session:
        reviewed = _reviewed_ids(session)
        if not reviewed:
            return
        article_ids = sorted(set(session.scalars(select(ReportRow.article_id).where(
            ReportRow.event_id.in_(reviewed)))))
        arts = session.scalars(select(ArticleRow).where(ArticleRow.article_id.in_(article_ids))
                               .order_by(ArticleRow.ingested_at, ArticleRow.article_id))
        for art in list(arts):
            rows = session.execute(select(ReportRow.data, EventRow.data).join(
                EventRow, EventRow.event_id == ReportRow.event_id).where(ReportRow.article_id == art.article_id)
                .order_by(ReportRow.position)).all()
            events: list[dict[str, Any]] = []
            counts = {"verified": 0, "corrected": 0, "wrong": 0, "unreviewed": 0}
            for own, ev in rows:
                status = (ev.get("review") or {}).get("status", "unreviewed")
                counts[status] = counts.get(status, 0) + 1
                if status == "wrong":
                    continue
                events.append(gold_event(ev, art.text, own, required=status in ("verified", "corrected")))
            gold_id = f"rasd-{art.article_id[:16]}"
            notes = ("from rasd review: " + ", ".join(f"{n} {k}" for k, n in counts.items() if n)
                     + ("; events marked wrong are left out, unreviewed ones are not required" if counts["wrong"] or
                        counts["unreviewed"] else ""))
            # The guide's "published" resolves relative dates; an article stored without a date has its ingest day.
            published = (art.published or art.ingested_at.date()).isoformat()
            if not art.published:
                notes += "; no publication date stored: 'published' is the day rasd ingested the article"
            gold = {"gold_id": gold_id, "published": published,
                    "url": art.url, "title": art.title or "", "events": events, "annotator_notes": notes}
            content = art.text
            if art.title and content.startswith(art.title):  # rasd.evaluate puts title and content back together
                content = content[len(art.title):].lstrip("\n")
            article = {"gold_id": gold_id, "source": art.outlet, "url": art.url,
                       "date_extracted": published,
                       "title": art.title or "", "content": content}
            yield gold, article


def write_gold(repo: Any, folder: str | Path) -> int:
    """Write `gold.jsonl` and `articles.jsonl` into `folder` (created); returns how many articles were written."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    with (out / "gold.jsonl").open("w", encoding="utf-8") as gold_fh, \
            (out / "articles.jsonl").open("w", encoding="utf-8") as art_fh:
        for gold, article in gold_records(repo):
            gold_fh.write(json.dumps(gold, ensure_ascii=False) + "\n")
            art_fh.write(json.dumps(article, ensure_ascii=False) + "\n")
            n += 1
    return n
