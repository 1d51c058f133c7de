"""Control of a fire is no control of ground: "سيطرت فرق الإطفاء على الحريق" is firemen's work, while a word of
control over a town stays a change of territory (sentences written for the test)."""

from __future__ import annotations

from datetime import date

import pytest

from rasd.model import Article
from rasd.pipeline import process

PUB = date(2015, 8, 9)


def _types(kb, text: str) -> list[str]:
    return [e.event_type for e in process(Article(text=text, published=PUB), kb, decide="rules").events]


@pytest.mark.parametrize("text", [
    "سيطرت فرق الدفاع المدني في جدة أمس على حريق اندلع في أحد الفنادق.",
    "وتمكنت الفرق من السيطرة على النيران في مستودع بمدينة الدمام أمس.",
    "سيطرت 9 فرق إطفاء تدعمها فرق إنقاذ وسلالم ومواد خطرة على الحريق في مستودع بمكة المكرمة أمس.",
])
def test_a_fire_brought_under_control_is_no_territory(kb, text):
    assert _types(kb, text) == []


def test_a_town_taken_stays_a_change_of_territory(kb):
    assert _types(kb, "سيطر مسلحو التنظيم أمس على بلدة مارع في ريف حلب بعد معارك.") == ["Battles"]
