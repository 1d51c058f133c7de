"""The event layer's view of an article: clause splitting and the folded-slice shortcut."""

from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.doc import Doc
from rasd.model import Span
from rasd.text.normalize import fold

ARABIC = st.text(alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهوية أإآىؤئءًٌٍَُِّْـ٠١٢٣٤٥ﻻ«»،.\n")),
                 max_size=200)


@settings(max_examples=200, deadline=None)
@given(ARABIC, st.data())
def test_folded_slice_equals_folding_the_substring(text, data):
    doc = Doc(text=text, published=None, sentences=[], mentions=[])
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert doc.folded(start, end) == fold(text[start:end])


def test_clauses_split_at_openers_that_start_another_occurrence():
    text = ("حيث قامت ايران باطلاق عدد من الصواريخ على قاعدتين عسكريتين ردا على الضربة الجوية الاميركية "
            "عند مطار بغداد.")
    doc = Doc(text=text, published=None, sentences=[Span.of(text, 0, len(text))], mentions=[])
    starts = [text[a:b].split()[0] for a, b in doc.clauses]
    assert starts == ["حيث", "ردا"]
    text = "قتل جندي في تبادل لاطلاق النار بعد ثلاثة أيام على هجوم انتحاري."
    doc = Doc(text=text, published=None, sentences=[Span.of(text, 0, len(text))], mentions=[])
    assert [text[a:b].split()[0] for a, b in doc.clauses] == ["قتل", "بعد"]
