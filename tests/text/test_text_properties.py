"""Property tests: the offset map is never lost, and no input makes the language layer raise a foreign error."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasd.errors import RasdError
from rasd.text.dates import find_time_expressions, parse_date
from rasd.text.normalize import fold, normalize
from rasd.text.numbers import find_quantities, parse_number
from rasd.text.segment import segment_word, split_sentences, tokenize

# Arabic letters, marks, digits of three scripts, punctuation, direction marks, ligatures, and anything else.
ARABICISH = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإؤئةى ًٌٍَُِّْـ٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹0123456789"
                             "،؛؟«»“”.!?:-/() \n\u200f\u200e\u200bﻻﷲﹰ")),
        st.characters(),
    ),
    max_size=120,
)
WORDY = st.lists(st.sampled_from(["قتل", "ثلاثة", "جنود", "أمس", "الأربعاء", "15", "كانون", "الثاني", "2020", "بين",
                                  "و15", "ليل", "الاثنين", "الماضي", "أكثر", "من", "عشرات", "ضابطين", "بمقتل", "ضابط",
                                  "قبل", "أيام", "منتصف", "الشهر", "رمضان", "1441", "هـ", "،", ".", "«", "»", "٤٥",
                                  "الأسبوع", "في", "وقت", "سابق", "هذا", "خمسة", "وعشرين", "مئة", "آلاف", "شهر"]),
                 max_size=14).map(" ".join)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _boundaries(nt_index: tuple[int, ...]) -> list[int]:
    """Folded offsets where a new original character starts (a ligature's expansion is not cut)."""
    return [i for i in range(len(nt_index) + 1) if i == 0 or i == len(nt_index) or nt_index[i] != nt_index[i - 1]]


@FAST
@given(ARABICISH, st.data())
def test_every_span_maps_back_to_the_same_characters(text: str, data: st.DataObject) -> None:
    nt = normalize(text)
    assert nt.text == fold(text)
    assert len(nt.index) == len(nt.text)
    assert list(nt.index) == sorted(nt.index)
    cuts = _boundaries(nt.index)
    a = data.draw(st.sampled_from(cuts))
    b = data.draw(st.sampled_from([c for c in cuts if c >= a]))
    start, end = nt.to_original(a, b)
    assert 0 <= start <= end <= len(text)
    assert fold(text[start:end]) == nt.text[a:b]


@FAST
@given(st.one_of(ARABICISH, WORDY))
def test_tokens_and_sentences_point_into_the_text(text: str) -> None:
    for tok in tokenize(text):
        assert text[tok.start:tok.end] == tok.text
        assert fold(tok.text) == tok.norm
    spans = split_sentences(text)
    assert all(text[s.start:s.end] == s.text and s.text.strip() == s.text and s.text for s in spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))
    covered = {i for s in spans for i in range(s.start, s.end)}
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace() and fold(ch).strip())


@FAST
@given(st.one_of(ARABICISH, WORDY), st.one_of(st.none(), st.dates()))
def test_no_input_raises_a_foreign_error(text: str, published: date | None) -> None:
    try:
        qs = find_quantities(text)
        assert all(text[q.start:q.end] == q.text for q in qs)
        assert all(a.end <= b.start for a, b in zip(qs, qs[1:], strict=False))
        ts = find_time_expressions(text, published)
        assert all(text[t.start:t.end] == t.text and t.date_start <= t.date <= t.date_end for t in ts)
        parse_number(text)
        parse_date(text)
        segment_word(text)
    except RasdError:
        pass


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.integers(), st.binary(), st.none(), st.lists(st.text()), st.floats()))
def test_non_str_inputs_raise_rasd_errors(value: object) -> None:
    for fn in (tokenize, split_sentences, segment_word, find_quantities, parse_number, parse_date, normalize):
        try:
            fn(value)  # type: ignore[arg-type]
        except RasdError:
            continue
        raise AssertionError(f"{fn.__name__} accepted {value!r}")
    try:
        find_time_expressions(value, None)  # type: ignore[arg-type]
    except RasdError:
        pass
    else:
        raise AssertionError("find_time_expressions accepted a non-str")


def test_amounts_glued_together_do_not_overlap() -> None:
    """Found by Hypothesis: '0آكثر من0' gave two amounts sharing 'آكثر'."""
    qs = find_quantities("0آكثر من0")
    assert all(a.end <= b.start for a, b in zip(qs, qs[1:], strict=False))
