"""The pipeline runs its costly stages (statistical NER, quantities, dates) only on the sentences an event can read.

A sentence without an event trigger, more than two sentences before any event, is never tagged and never scanned
for amounts or dates; an event sentence still gets its NER place and its own figures and date.
"""

from __future__ import annotations

from datetime import date

import pytest

import rasd.pipeline as pipeline
import rasd.recognize.unlisted as unlisted
from rasd.model import Article
from rasd.text.dates import find_time_expressions
from rasd.text.numbers import find_quantities

# An event sentence whose town (شيلوبي, Silopi) the KB lacks in Arabic: only the NER + sound lookup finds it.
EVENT = "قتل شرطي تركي في هجوم نفذه مسلحون من حزب العمال الكردستاني في بلدة شيلوبي أمس."
# No trigger, so no event: a casualty cue (which alone used to send a sentence to NER), a person, an amount and
# a date that no event reads.
QUIET = "وأصيب اللاعب أحمد محمد بجروح خلال مباراة كرة القدم يوم الأحد أمام خمسة آلاف متفرج."
FILLER = "وتشهد المنطقة نشاطا تجاريا واسعا في فصل الصيف."


@pytest.fixture
def tagged(monkeypatch) -> list[str]:
    """The sentences handed to the NER tagger during the test."""
    seen: list[str] = []
    inner = unlisted._entities

    def spy(tagger, sentence: str):
        seen.append(sentence)
        return inner(tagger, sentence)

    monkeypatch.setattr(unlisted, "_entities", spy)
    return seen


def _article() -> tuple[Article, int]:
    text = "\n".join([QUIET, FILLER, FILLER, EVENT])
    return Article(text=text, published=date(2015, 8, 10)), text.index(EVENT)


def test_a_sentence_without_a_trigger_is_skipped_and_the_event_sentence_keeps_its_ner_place(kb, tagged):
    article, event_at = _article()
    result = pipeline.process(article, kb)
    assert [e.location for e in result.events] == ["Silopi"]  # the NER place of the event sentence
    assert result.events[0].fatalities == 1
    assert tagged == [EVENT]  # the quiet sentence never reaches the tagger
    quiet_end = len(QUIET)
    kinds_in_quiet = {m.kind for m in result.mentions if m.span.start < quiet_end}
    assert not kinds_in_quiet & {"number", "date", "person"}
    kinds_in_event = {m.kind for m in result.mentions if m.span.start >= event_at}
    assert {"number", "date", "place"} <= kinds_in_event


def test_the_same_quiet_sentence_is_read_when_an_event_follows_it_closely(kb, tagged):
    """Two sentences back is still in an event's window (a governing date): its dates are read; amounts are read
    only in an event's own sentence (its tolls)."""
    text = "\n".join([QUIET, EVENT])
    result = pipeline.process(Article(text=text, published=date(2015, 8, 10)), kb)
    assert any(m.kind == "date" and m.span.start < len(QUIET) for m in result.mentions)
    assert not any(m.kind == "number" and m.span.start < len(QUIET) for m in result.mentions)
    assert QUIET not in tagged  # no event of its own and no trigger: NER would add nothing an event reads


ATTACK = "هاجم مسلحون من حزب العمال الكردستاني دورية للجيش التركي {}مساء أمس."


def test_an_event_sentence_without_a_known_town_is_tagged_only_when_a_place_slot_sounds_like_a_town(kb, tagged):
    """No casualty, no town the KB knows: the NER runs only if a name after a place word could be a town by
    sound, and then finds it (Silopi); with no such name it is skipped and nothing is lost."""
    found = pipeline.process(Article(text=ATTACK.format("في بلدة شيلوبي "), published=date(2015, 8, 10)), kb)
    assert [e.location for e in found.events] == ["Silopi"] and len(tagged) == 1
    tagged.clear()
    pipeline.process(Article(text=ATTACK.format(""), published=date(2015, 8, 10)), kb)
    assert tagged == []


def test_persons_are_tagged_only_when_a_toll_asks_for_them(kb, tagged):
    """A casualty sentence is tagged for the people it names only when the toll is not a figure: "قتل الشيخ X"
    counts the named person; "قتل خمسة جنود" is counted from the number and the NER never runs."""
    named = pipeline.process(Article(text="قتل الشيخ عبد الكريم الجبوري في هجوم مسلح في تكريت أمس.",
                                      published=date(2015, 8, 10)), kb)
    assert [(e.location, e.fatalities) for e in named.events] == [("Tikrit", 1)] and len(tagged) == 1
    assert [m.span.text for m in named.mentions if m.kind == "person"] == ["عبد الكريم الجبوري"]
    tagged.clear()
    counted = pipeline.process(Article(text="قتل خمسة جنود عراقيين في هجوم بسيارة مفخخة في الرمادي أمس.",
                                        published=date(2015, 8, 10)), kb)
    assert [(e.location, e.fatalities) for e in counted.events] == [("Ramadi", 5)] and tagged == []


def test_an_article_without_events_runs_no_ner(kb, tagged):
    result = pipeline.process(Article(text="\n".join([QUIET, FILLER]), published=date(2015, 8, 10)), kb)
    assert result.events == [] and tagged == []
    assert not any(m.kind in ("number", "date") for m in result.mentions)


def test_the_standalone_tagger_still_reads_every_sentence():
    """Only the pipeline is lazy: NerTagger (and `rasd ner`) tags whatever it is given."""
    from rasd.recognize.ner import NerTagger

    persons = [m.span.text for m in NerTagger.load().entities(QUIET) if m.kind == "person"]
    assert persons == ["أحمد محمد"]


def test_event_sentences_are_each_events_sentence_and_the_two_before(kb):
    from rasd.doc import Doc
    from rasd.recognize.mentions import find_mentions
    from rasd.text.segment import split_sentences

    text = "\n".join([FILLER, QUIET, FILLER, FILLER, EVENT, FILLER])
    doc = Doc(text=text, published=date(2015, 8, 10), sentences=split_sentences(text),
              mentions=find_mentions(text, kb))
    own, window = pipeline.event_sentences(doc)
    assert own == {4} and window == {2, 3, 4}


TEXT = ("قتل 12 شخصا يوم الاثنين 3 آب 2015 في بغداد.\nوأصيب عشرات آخرون أمس بجروح. وكان ثلاثة جنود قد قتلوا "
        "الاسبوع الماضي.\nوفي 5 تموز 2015 جرح جنديان اثنان.")


def _sentence_ranges(text: str) -> list[tuple[int, int]]:
    from rasd.text.segment import split_sentences

    return [(s.start, s.end) for s in split_sentences(text)]


@pytest.mark.parametrize("pick", [[0], [1], [0, 2], [1, 3], [0, 1, 2, 3]])
def test_amounts_and_dates_within_ranges_are_the_whole_texts_that_begin_there(pick):
    sentences = _sentence_ranges(TEXT)
    within = [sentences[i] for i in pick]
    published = date(2015, 8, 10)
    inside = lambda x: any(a <= x.start < b for a, b in within)  # noqa: E731
    whole_q = [q for q in find_quantities(TEXT) if inside(q)]
    whole_t = [t for t in find_time_expressions(TEXT, published) if inside(t)]
    assert whole_q and whole_t
    assert find_quantities(TEXT, within) == whole_q
    assert find_time_expressions(TEXT, published, within) == whole_t


def test_a_name_found_by_sound_does_not_swallow_a_place_the_kb_named(kb):
    """"خان" before "بني سعد" (a sub-district the KB knows) must not become Iran's Khan Bebin by sound."""
    text = ("قتل أربعة أشخاص في تفجير سيارة مفخخة في بلدة مندلي القريبة من الحدود مع إيران. ويأتي هذا التفجير بعد "
            "أيام من تفجير انتحاري ضخم في سوق منطقة خان بني سعد في ديالى الجمعة الماضي، أدى إلى مقتل 90 شخصا.")
    result = pipeline.process(Article(text=text, published=date(2015, 7, 26)), kb)
    assert "Khan Bebin" not in {m.label for m in result.mentions if m.kind == "place"}
    assert {e.location for e in result.events if e.fatalities == 90} <= {"Beni Saad", None}
