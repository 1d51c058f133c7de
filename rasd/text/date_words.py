"""Data for rasd.text.dates: month names of every Arabic month system, weekdays, parts of the day (all folded).

Sources: the Gregorian month names used in Egypt and the Gulf (يناير…), the Syriac/Levantine names used in Iraq,
Syria, Jordan and Lebanon (كانون الثاني…), the French-derived Maghreb names (جانفي…, Tunisia/Algeria) and the
Hijri months (محرم…); spelling variants seen in news (e.g. مايو/ماي/أيار, يوليو/يوليوز/جويلية).
"""

from __future__ import annotations

from rasd.text.normalize import fold

#: Folded month name (one or two words) -> Gregorian month number.
GREGORIAN_MONTHS: dict[str, int] = {
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "ماي": 5, "يونيو": 6, "يونيه": 6,
    "يوليو": 7, "يوليه": 7, "يوليوز": 7, "اغسطس": 8, "غشت": 8, "سبتمبر": 9, "شتنبر": 9, "اكتوبر": 10, "نوفمبر": 11,
    "نونبر": 11, "ديسمبر": 12, "دجنبر": 12,
    # Levantine / Iraqi (Syriac) names
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7, "اب": 8, "ايلول": 9,
    "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
    # Maghreb (French-derived) names
    "جانفي": 1, "فيفري": 2, "افريل": 4, "جوان": 6, "جويليه": 7, "جويلية": 7, "اوت": 8,
}
#: Month names that are also common words: accepted only next to a day number or a year.
AMBIGUOUS_MONTHS: frozenset[str] = frozenset({"اب", "ماي", "مارس", "ايار", "تموز", "جوان", "اوت", "غشت"})
HIJRI_MONTHS: dict[str, int] = {
    "محرم": 1, "صفر": 2, "ربيع الاول": 3, "ربيع الثاني": 4, "ربيع الاخر": 4, "جمادي الاولي": 5, "جمادي الاول": 5,
    "جمادي الثانيه": 6, "جمادي الاخره": 6, "جمادي الثاني": 6, "جمادي الاخر": 6, "رجب": 7, "شعبان": 8, "رمضان": 9,
    "شوال": 10, "ذو القعده": 11, "ذي القعده": 11, "ذو الحجه": 12, "ذي الحجه": 12,
}
#: Ordinal day numbers as written in dates (السابع من يونيو), masculine, 1-31.
_ORD_UNITS = ["الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"]
ORDINAL_DAYS: dict[str, int] = {w: i + 1 for i, w in enumerate(_ORD_UNITS)}
ORDINAL_DAYS.update({"العاشر": 10, "الحادي عشر": 11, "الثاني عشر": 12, "العشرين": 20, "الثلاثين": 30,
                     "الحادي والعشرين": 21, "الحادي والثلاثين": 31, "الواحد والعشرين": 21, "الواحد والثلاثين": 31})
for _i, _w in enumerate(_ORD_UNITS[2:], start=3):
    ORDINAL_DAYS[_w + " عشر"] = 10 + _i
for _i, _w in enumerate(_ORD_UNITS[1:], start=2):
    ORDINAL_DAYS[_w + " والعشرين"] = 20 + _i
#: Folded weekday name (with article) -> Python weekday (Monday = 0).
WEEKDAYS: dict[str, int] = {"الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5,
                            "الاحد": 6}
#: Parts of the day; "ليل" and "فجر" keep the day named after them (ليل الاثنين = Monday night).
DAY_PARTS: frozenset[str] = frozenset({"ليل", "ليله", "صباح", "مساء", "فجر", "ظهر", "عصر", "ظهيره", "ضحي", "منتصف ليل",
                                       "يوم", "نهار", "صبيحه", "عشيه", "فجر يوم", "مساء يوم", "صباح يوم", "ليل يوم"})
#: Words for "last/past" after a weekday, week, month or year.
PAST: frozenset[str] = frozenset({"الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفايت", "السابق", "الفائت"})
#: Position inside a month: (start fraction, end fraction) of the month and which day stands for it.
MONTH_PARTS: dict[str, str] = {"مطلع": "start", "اوايل": "start", "بدايه": "start", "مستهل": "start",
                               "غره": "start", "منتصف": "middle", "اواسط": "middle", "اواخر": "end",
                               "نهايه": "end", "اخر": "end", "ختام": "end"}


def _fold_tables() -> None:
    """Fold every table entry so the lists can be written in ordinary spelling (ة, ى, أ...)."""
    g = globals()
    for name, value in list(g.items()):
        if name.startswith("_") or not name.isupper():
            continue
        if isinstance(value, dict):
            g[name] = {fold(k): v for k, v in value.items()}
        elif isinstance(value, frozenset):
            g[name] = frozenset(fold(v) for v in value)


_fold_tables()
