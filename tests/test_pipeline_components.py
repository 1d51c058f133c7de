"""The pipeline is a list of named components whose declared layers line up: each one's requirements are assigned
by a component before it (or given by the Doc), and `process` runs exactly that list."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import rasd.pipeline as pipeline
from rasd.doc import Doc
from rasd.model import Article
from rasd.pipeline import GIVEN, Component, check_components, components


def test_every_requirement_is_assigned_earlier():
    assert check_components() == []


def test_a_component_moved_before_what_it_needs_is_reported():
    stages = components()
    events = next(c for c in stages if c.name == "events")
    reordered = [events] + [c for c in stages if c is not events]
    problems = check_components(reordered)
    assert problems and all(p.startswith("events: requires") for p in problems)
    assert check_components(stages + [stages[0]]) == ["language: the name is used twice"]


def test_the_declared_layers_are_doc_attributes():
    """A layer name that is no attribute of the Doc is a typo the order check could not catch."""
    doc = Doc(text="")
    for c in components():
        for layer in c.requires + c.assigns:
            assert hasattr(doc, layer), (c.name, layer)
    assert all(hasattr(doc, layer) for layer in GIVEN)


def test_process_runs_the_listed_components_in_order(kb, monkeypatch):
    ran: list[str] = []

    def spy(c: Component) -> Component:
        def run(doc, ctx):
            ran.append(c.name)
            c.run(doc, ctx)
        return replace(c, run=run)

    monkeypatch.setattr(pipeline, "_COMPONENTS", tuple(spy(c) for c in components()))
    result = pipeline.process(Article(text="قتل خمسة جنود عراقيين في هجوم بسيارة مفخخة في الرمادي أمس.",
                                      published=date(2015, 8, 10)), kb)
    assert ran == [c.name for c in components()]
    assert [e.fatalities for e in result.events] == [5]
    ran.clear()
    skipped = pipeline.process(Article(text="A text in English only.", published=date(2015, 8, 10)), kb)
    assert ran == ["language"] and skipped.skipped.startswith("not Arabic")


def test_the_python_api_reads_html_and_text_alike(kb):
    """rasd.extract: an HTML page goes through the ingest's extraction first, then the same components."""
    import rasd

    sentence = "قتل خمسة جنود عراقيين في هجوم بسيارة مفخخة في الرمادي أمس."
    as_text = rasd.extract(sentence, published="2015-08-10")
    as_html = rasd.extract(f"<html><body><p>{sentence}</p></body></html>", published="2015-08-10")
    assert [e.fatalities for e in as_text] == [e.fatalities for e in as_html] == [5]


def test_the_settings_reach_the_components(kb):
    """A threshold is read from the Settings the caller passes, not from a literal in a stage."""
    from rasd.settings import Settings

    text = "Breaking news from the region today: " + "قتل خمسة جنود عراقيين في هجوم بسيارة مفخخة في الرمادي أمس."
    article = Article(text=text, published=date(2015, 8, 10))
    assert pipeline.process(article, kb).skipped is None
    strict = pipeline.process(Article(text=text, published=date(2015, 8, 10)), kb,
                              settings=Settings(min_arabic_share=0.9))
    assert strict.skipped is not None and strict.skipped.startswith("not Arabic") and strict.events == []


def test_the_sound_index_is_not_kept_on_the_kb(kb):
    from rasd.recognize.unlisted import sound_index

    assert sound_index(kb.gazetteer) is sound_index(kb.gazetteer)  # built once per gazetteer
    assert not hasattr(kb, "_sound_index")


def test_the_event_stages_read_their_windows_from_the_settings(kb):
    """An act of five months before publication is history recalled (background) with the default 60 days, news
    when the caller allows a year."""
    from rasd.settings import Settings

    text = "قتل خمسة جنود عراقيين في هجوم بسيارة مفخخة في الرمادي في مارس 2015."

    def background(settings: Settings) -> list[bool]:
        return [e.background for e in pipeline.process(Article(text=text, published=date(2015, 8, 10)), kb,
                                                       settings=settings).events]

    assert background(Settings()) == [True]
    assert background(Settings(history_days=365)) == [False]
