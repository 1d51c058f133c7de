"""Probe of issue 16: one long article cost minutes (500 KB of text took 94 s, 1 MB did not finish in 300 s) because
`rasd.events.timing.own_time` compared every date of the article with every trigger for every event, and other
stages scanned every mention per sentence. Extraction must now grow linearly with the text, and a text over the
cap is cut at a sentence end with a warning."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import pytest

from rasd import pipeline
from rasd.model import Article

SAMPLE = Path(pipeline.__file__).resolve().parent / "samples" / "sample.jsonl"


def joined_articles(chars: int) -> str:
    """Real articles of the bundled sample joined into one text of about `chars` characters."""
    parts, size = [], 0
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        body = ((rec.get("title") or "") + "\n\n" + (rec.get("content") or "")).strip()
        parts.append(body)
        size += len(body) + 2
        if size >= chars:
            break
    return "\n\n".join(parts)[:chars]


def seconds_to_process(text: str) -> float:
    """CPU seconds of this process (not wall time: a loaded CI machine must not decide the ratio)."""
    started = time.process_time()
    pipeline.process(Article(text=text, published=date(2015, 7, 21)))
    return time.process_time() - started


def test_extraction_time_grows_linearly_with_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "MAX_TEXT_CHARS", 0)
    monkeypatch.setattr(pipeline, "ARTICLE_TIME_LIMIT_S", 0)
    base = joined_articles(300_000)  # the whole sample is ~330k characters
    seconds_to_process(base[:5_000])  # warm-up: KB, models, lexicons
    # (the least of two runs each: a loaded machine's cache misses add CPU time to one run, seldom to both)
    small = min(seconds_to_process(base[:60_000]) for _ in range(2))
    large = min(seconds_to_process(base[:240_000]) for _ in range(2))
    # four times the text: ~4x when linear, ~16x when quadratic (the old own_time made it ~20x)
    assert large / small < 8, (small, large)


def test_a_text_over_the_cap_is_cut_at_a_sentence_end_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "MAX_TEXT_CHARS", 20_000)
    text = joined_articles(60_000)
    article = Article(text=text, published=date(2015, 7, 21))
    result = pipeline.process(article)
    assert len(article.text) <= 20_000 and len(article.text) > 16_000
    assert text.startswith(article.text) and article.text[-1] in ".!?؟\n" or text[len(article.text)] == "\n"
    assert any("cut" in w for w in result.warnings)
    for event in result.events:  # evidence still points into the (cut) text the article now holds
        for span in event.evidence.values():
            assert article.text[span.start:span.end] == span.text


def test_the_cap_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "MAX_TEXT_CHARS", None)
    monkeypatch.setenv("RASD_MAX_TEXT_CHARS", "5000")
    article = Article(text=joined_articles(12_000), published=date(2015, 7, 21))
    pipeline.process(article)
    assert len(article.text) <= 5000


def test_cap_text_prefers_a_sentence_end_then_a_space() -> None:
    assert pipeline.cap_text("جملة أولى. جملة ثانية طويلة", 12) == "جملة أولى."
    assert pipeline.cap_text("كلمة " * 10, 22) == "كلمة كلمة كلمة كلمة"
    assert len(pipeline.cap_text("x" * 100, 30)) == 30


def test_an_article_over_its_time_limit_stops_with_rasds_own_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from types import SimpleNamespace

    from rasd.errors import ArticleTimeout

    clock = iter(range(0, 1000, 10))  # every look at the pipeline's clock: 10 s later
    monkeypatch.setattr(pipeline, "time", SimpleNamespace(monotonic=lambda: next(clock)))
    with pytest.raises(ArticleTimeout, match="longer than 5 s"):
        pipeline.process(Article(text=joined_articles(3000), published=date(2015, 7, 21)), time_limit=5)


def test_the_kbs_one_time_automaton_is_not_counted_in_the_first_articles_time(monkeypatch: pytest.MonkeyPatch) -> None:
    # Under load the automaton's build took over the whole 60 s budget of a worker's first article, which was then
    # skipped as too long; only the article's own work counts.
    import time as real_time
    import weakref

    from rasd.kb import load_kb
    from rasd.recognize import mentions

    build = mentions.automaton_of

    def slow_build(table):
        real_time.sleep(1.5)
        return build(table)

    monkeypatch.setattr(mentions, "_CACHE", weakref.WeakKeyDictionary())  # as in a fresh worker
    monkeypatch.setattr(mentions, "automaton_of", slow_build)
    result = pipeline.process(Article(text="قتل ثلاثة جنود في تفجير عبوة ناسفة قرب الرمادي أمس.",
                                      published=date(2015, 7, 21)), load_kb(), time_limit=1, decide="rules")
    assert [e.event_type for e in result.events] == ["Explosions/Remote violence"]
