"""Nominative duals of nisba and participle nouns count two; their oblique form is also a plural and does not."""

from rasd.text.numbers import find_quantities


def test_nominative_duals_of_nisba_nouns_count_two():
    for text in ("قتل شرطيان", "أصيب عسكريان", "قتل مسلحان"):
        assert [(q.value, q.kind) for q in find_quantities(text)] == [(2, "dual")], text
    assert find_quantities("قتل مدنيين") == []  # plural or dual: no figure
