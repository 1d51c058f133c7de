"""What a worker hands the writer: one article's result as plain rows (pure: no database, no SQLAlchemy).

`prepare` runs on the workers of a parallel `rasd run` (rasd.engine.work): it turns a pipeline result into the
articles and mentions rows, each report's contract object, its content words and whether it revises a figure, so
the single writer (rasd.store.batch_linking) does no text work. Kept apart from the store modules, which build SQL
with SQLAlchemy, so that the workers' fork server (rasd.engine.zygote), which loads the KB on the critical path of a
parallel run's start, never imports SQLAlchemy and the store (~0.25 CPU s): the client imports those meanwhile, on
the other core. The store modules import these names from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rasd.dedup import content_terms, revises_figure
from rasd.ingest.sources import derive_event_id
from rasd.model import Article, ArticleResult, Event


def jsonable(value: Any) -> Any:
    """Mention values are ids, numbers, dates (already ISO strings) or lists of them; anything else as text."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return str(value)


def report_data(art: Article, position: int, ev: Event) -> dict[str, Any]:
    """The article's own account of the event (its contract object), naming the article it came from."""
    data = ev.to_dict()
    data["event_id"] = ev.event_id or derive_event_id(art.article_id, position, ev)
    for key, value in (("article_ids", art.article_id), ("urls", art.url), ("sources", art.outlet)):
        if value and value not in data[key]:
            data[key] = [*data[key], value]
    return data


def article_rows(result: ArticleResult) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The articles row of a result (all but its ingest time) and its mentions rows: what `Repository.add_result`
    writes for the article before linking its events."""
    art = result.article
    row = dict(article_id=art.article_id, url=art.url, outlet=art.outlet, title=art.title or "",
               published=art.published, published_how=art.published_how, language=art.language,
               fetched_at=art.fetched_at, source_path=art.source_path, text=art.text, skipped=result.skipped,
               warnings=list(result.warnings) or None, n_events=len(result.events), meta=dict(art.meta) or None)
    mentions = [dict(article_id=art.article_id, kind=m.kind, start=m.span.start, end=m.span.end, text=m.span.text,
                     value=jsonable(m.to_dict()["value"]), label=m.label or "", confidence=m.confidence)
                for m in result.mentions]
    return row, mentions


@dataclass(frozen=True, slots=True)
class PreparedReport:
    """One event of an article as the store takes it: its contract object naming the article, its content words
    around the trigger (None when none), and whether its casualty figure revises an earlier one."""

    position: int
    data: dict[str, Any]
    terms: list[str] | None
    revises: bool


@dataclass(frozen=True, slots=True)
class Prepared:
    """One article's result as plain rows: the articles row (without its ingest time), its mentions rows, its
    reports (one per distinct event id) and its full-text body (None when not extracted). Plain values only, so it
    pickles small and fast from a worker to the writer."""

    article: dict[str, Any]
    mentions: list[dict[str, Any]]
    reports: list[PreparedReport]
    search_body: str | None

    @property
    def article_id(self) -> str:
        return self.article["article_id"]


def prepare(result: ArticleResult, search_body: str | None = None) -> Prepared:
    """A pipeline result as the rows the writer stores (pure: runs on a worker). The same event listed twice in one
    result is one report, as `link_reports` has it."""
    art = result.article
    row, mentions = article_rows(result)
    reports: list[PreparedReport] = []
    seen: set[str] = set()
    for position, ev in enumerate(result.events):
        data = report_data(art, position, ev)
        if data["event_id"] in seen:
            continue
        seen.add(data["event_id"])
        reports.append(PreparedReport(position, data, content_terms(art.text, data) or None,
                                      revises_figure(art.text, data)))
    return Prepared(row, mentions, reports, search_body)
