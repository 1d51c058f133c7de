"""A killing told with its cause in the next clause is that act's toll, and a "security" كمين is a checkpoint, not an
ambush (sentences written for the tests, none from the gold sets)."""

from __future__ import annotations

from datetime import date

from rasd.model import Article
from rasd.pipeline import process

PUB = date(2015, 8, 6)


def events(kb, text: str) -> list[tuple[str, str, int | None]]:
    return [(str(e.event_type), str(e.sub_event_type), e.fatalities)
            for e in process(Article(text=text, published=PUB), kb, decide="rules").events]


def test_a_killing_after_its_cause_is_the_cause_s_toll(kb):
    for cause in ("إثر انفجار عبوة ناسفة", "جراء انفجار عبوة ناسفة"):
        assert events(kb, f"قتل جنديان أمس {cause} على طريق في مدينة العريش.") == [
            ("Explosions/Remote violence", "Remote explosive/landmine/IED", 2)], cause
    # a shell named by its kind as well
    assert events(kb, "قتل ثلاثة مدنيين أمس إثر سقوط قذيفة هاون على سوق في مدينة درعا.") == [
        ("Explosions/Remote violence", "Shelling/artillery/missile attack", 3)]


def test_an_act_after_another_act_and_a_word_of_sequence_stays_apart(kb):
    # an arrest after a bombing is an act of its own, not the bombing's toll
    evs = events(kb, "اعتقلت الشرطة خمسة أشخاص أمس إثر انفجار عبوة ناسفة في مدينة العريش.")
    assert ("Strategic developments", "Arrests", 0) in evs and len(evs) == 2


def test_a_security_checkpoint_is_no_ambush(kb):
    assert events(kb, "وتنظم القوات الكمائن الثابتة والدوريات في مدينة العريش منذ أمس.") == []
    assert events(kb, "قتل جنديان أمس إثر سقوط قذيفة على أحد الكمائن الأمنية في مدينة العريش.") == [
        ("Explosions/Remote violence", "Shelling/artillery/missile attack", 2)]
    # a real ambush stays one
    assert events(kb, "قتل 14 جنديا أمس في كمين نصبه مسلحون على طريق في مدينة العريش.")[0][:2] == (
        "Battles", "Armed clash")
