"""The patterns behind rasd.text.dates: regular expressions over folded text, built from date_words' vocabulary.

Alternations are compiled as prefix trees (Python's re does not factor them) and each pattern has keywords that
must occur in an article before it is run, so scanning stays cheap on text without dates.
"""

from __future__ import annotations

import re
from typing import Any

from rasd.text.date_words import (
    ALMANAC_HEADS,
    DAY_PARTS,
    DECADES,
    FEAST_DAYS,
    FEASTS,
    GREGORIAN_MONTHS,
    HIJRI_MONTHS,
    MONTH_PARTS,
    ORDINAL_DAYS,
    PAST,
    RELATIVE_DAYS,
    SEASONS,
    WEEKDAYS,
)
from rasd.text.number_words import HUNDREDS, SCALES, TENS, UNITS


def _alt(words: object) -> str:
    """A regex alternation of `words` as a prefix tree, so a miss fails on the first letter (Python's re does not
    factor alternations itself, and these are tried at every position of every article). Spaces match any run of
    white space; longer words win over their prefixes."""
    trie: dict[str, Any] = {}
    for word in words:  # type: ignore[attr-defined]
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, Any]) -> str:
    branches = []
    for ch in sorted(k for k in node if k):
        head = r"\s+" if ch == " " else re.escape(ch)
        branches.append(head + _trie_regex(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


_L = r"[^\W\d_]"
# Start of a word, allowing one or two clitic letters before it (وأمس، بيناير، وبالأمس is not needed).
_B = rf"(?:(?<!{_L})|(?<=(?<!{_L})[وفبل])|(?<=(?<!{_L})[وف][بل]))"
_E = rf"(?!{_L})"
_MONTH = f"(?:{_alt(GREGORIAN_MONTHS)}|{_alt(HIJRI_MONTHS)})"
_GMONTH = f"(?:{_alt(GREGORIAN_MONTHS)})"
WEEKDAY_RX = f"(?:{_alt(WEEKDAYS)})"
_PAST = f"(?:{_alt(PAST)})"
_PARTS = f"(?:{_alt(DAY_PARTS - {'يوم'})})"
_MPART = f"(?:{_alt(MONTH_PARTS)})"
_NUMWORD = f"(?:{_alt({*UNITS, *TENS, *HUNDREDS, *SCALES})})"
_NUM = rf"(?:\d{{1,3}}|{_NUMWORD}(?:\s+و?{_NUMWORD}){{0,3}})"
_SEP = r"\s*[,\-]?\s*"
_ALIAS = rf"(?P<alias>\s*[/(]?\s*{_GMONTH}\s*\)?)?"  # يوليو (تموز), ايلول/سبتمبر, أغسطس آب
_LAST_YEAR = r"(?:\s+(?:من\s+)?(?P<yr>العام|عام|السنه)\s+(?P<yw>الماضي|المنصرم|الفايت|الماضيه|الجاري|الحالي))"
_YEAR = r"(?:(?:من\s+)?(?:عام|العام|سنه|لعام)\s*)?(?P<y>\d{4})(?:\s*(?P<era>هجريه|هجري|ه|ميلاديه|ميلادي|م)" + _E + ")?"

#: What may follow a bare year after في ("في 2001، عندما", "في 2013 لكن"): punctuation, a gregorian mark or a function
#: word, never a counted noun ("في 2000 إصابة" is a count).
_YEAR_AFTER_FI = (r"(?=\s*(?:$|[,.،؛:!?)»\"\-–]|(?:م|في|الى|بعد|قبل|من|على|عندما|حين|حيث|وذلك|لكن|لكنه|لكنها|حتى|وحتى|بين|"
                  r"مع|ثم|و|او|عن|ضد|اي|بينما|فيما)(?:\s|$|[,.،])))")

_PATTERNS: list[tuple[str, str]] = [
    ("dmy", rf"(?:(?P<wd>{WEEKDAY_RX}){_SEP}(?:\s*الموافق\s*)?)?(?:(?P<d>\d{{1,2}})|(?P<od>{_alt(ORDINAL_DAYS)})(?=\s+من))"
            rf"\s*(?:-\s*)?(?:من\s+)?(?:شهر\s+)?(?P<m>{_MONTH}){_ALIAS}{_E}(?:{_SEP}{_YEAR}|{_LAST_YEAR})?"),
    ("my", rf"(?:(?P<part>{_MPART})\s+)?(?:شهر\s+)?(?P<m>{_MONTH}){_ALIAS}\s*(?:من\s+)?"
           rf"(?:عام|العام|سنه)?\s*(?P<y>\d{{4}})"),
    ("numeric", r"(?<!\d)(?:(?P<y>\d{4})[/.\-](?P<mo>\d{1,2})[/.\-](?P<d>\d{1,2})|(?P<d2>\d{1,2})[/.\-](?P<mo2>\d{1,2})"
                r"[/.\-](?P<y2>\d{4}))(?!\d)"),
    ("dom_month", rf"(?:(?P<d>\d{{1,2}})|(?P<od>{_alt(ORDINAL_DAYS)}))\s+من\s+"
                  rf"(?:هذا\s+الشهر|الشهر\s+(?P<w>الجاري|الحالي|{_PAST}))"),
    ("month", rf"(?:(?P<part>{_MPART})\s+)?(?P<sh>شهر\s+)?(?P<m>{_MONTH}){_ALIAS}"
              rf"(?:\s+(?P<w>{_PAST}|الجاري|الحالي)|{_LAST_YEAR})?"),
    ("weekday", rf"(?:(?P<part>{_PARTS})\s+)?(?:(?P<yom>يوم|ليله)\s+)?(?P<wd>{WEEKDAY_RX})"
                rf"(?:\s+(?P<past>{_PAST})|\s+(?P<next>المقبل|القادم))?"),
    ("relday", rf"(?:(?P<part>{_PARTS})\s+)?(?:يوم\s+)?(?P<rel>{_alt(RELATIVE_DAYS)})"),
    ("week", rf"(?P<q>في\s+وقت\s+سابق\s+من\s+)?(?:هذا\s+الاسبوع|الاسبوع\s+(?P<w>الجاري|الحالي|المقبل|القادم|{_PAST}))"),
    # "نهاية الأسبوع", "عطلة نهاية الأسبوع الماضي": the weekend (ACLED's own example of precision 2); longer than
    # the "الأسبوع الماضي" inside it, so it wins the overlap
    ("weekend", rf"(?:عطله\s+)?نهايه\s+(?P<this>هذا\s+)?الاسبوع(?:\s+(?P<w>الجاري|الحالي|المقبل|القادم|{_PAST}))?"),
    ("month_rel", rf"(?P<q>في\s+وقت\s+سابق\s+من\s+)?(?:(?P<part>{_MPART})\s+)?"
                  rf"(?:هذا\s+الشهر|الشهر\s+(?P<w>الجاري|الحالي|المقبل|القادم|{_PAST}))"),
    ("month_part", rf"(?P<part>{_MPART})\s+الشهر"),
    # "خلال الصيف الماضي", "في صيف 2014", "شتاء عام 2013": a season (SEASONS)
    ("season", rf"(?:فصل\s+)?(?P<season>{_alt(SEASONS)})\s+(?:(?P<w>الحالي|الجاري|{_PAST})(?!\w)|"
               r"(?:من\s+)?(?:(?:عام|العام|سنه)\s+)?(?P<y>(?:19|20)\d\d)(?!\d))"),
    # "أواخر عام 2012", "منذ بداية العام الماضي", "أواخر أيام عام 2009": a part of a year (longer than the year or
    # the "العام الماضي" inside it, so it wins the overlap)
    ("year_part", rf"(?P<part>{_MPART})\s+(?:ايام\s+)?(?:(?:عام|العام|سنه)\s+(?P<y>(?:19|20)\d\d)(?!\d)|"
                  rf"(?:العام|السنه)\s+(?P<w>الجاري|الحالي|الجاريه|الحاليه|{_PAST})|هذا\s+العام)"),
    # "في أواسط الثمانينيات", "في فترة التسعينات من القرن الماضي": a decade or a part of it (DECADES); never an age
    # ("في الستينات من عمره")
    ("decade", rf"(?:(?P<part>{_MPART})\s+)?(?:(?:فتره|حقبه|عقد)\s+)?(?P<dec>{_alt(DECADES)})"
               r"(?:\s+(?:من\s+)?(?:القرن\s+)?(?P<c>الماضي|العشرين|الحالي|الجاري))?(?!\s+من\s+(?:ال)?عمر)"),
    ("year_rel", rf"(?:هذا\s+العام|العام\s+(?P<w>الجاري|الحالي|{_PAST})|السنه\s+(?P<w2>الجاريه|الحاليه|{_PAST}))"),
    ("ago", rf"(?:قبل|منذ)\s+(?:(?P<num>{_NUM})\s+)?(?P<unit>يوم|يوما|ايام|يومين|اسبوع|اسبوعا|اسابيع|اسبوعين|شهر|شهرا|اشهر|"
            r"شهور|شهرين|عام|عاما|اعوام|عامين|سنه|سنوات|سنتين|ساعه|ساعات|ساعتين|قليل|لحظات|دقايق|دقيقه)(?!\s*\d)"
            r"(?!\s+من\s)"),  # "قبل يومين من الانتخابات", "قبل لحظات من تحطمها": before another time, not ago
    # "خلال اليومين الماضيين": the dual of a day, with its dual adjective
    ("period", r"(?:خلال|في|طيله|طوال)\s+(?P<unit>الايام|الساعات|الاسابيع|الاشهر|الشهور|اليومين)"
               r"\s+(?:القليله\s+)?(?:الماضيه|الاخيره|المنصرمه|الفايته|الماضيين|الاخيرين|المنصرمين)"),
    # "1918 - اعمال شغب في اليابان": an almanac item (run only in a text with an almanac head: KEYWORDS), a year
    # and a dash opening a sentence or a line
    ("almanac", r"(?:(?<=^)|(?<=\n)|(?<=[.:]\s)|(?<=[.:]\s\s)|(?<=\n\s))(?P<y>1[5-9]\d\d|20\d\d)\s*[-–](?=\s)"),
    # "أول أيام عيد الفطر", "ثالث أيام عيد الأضحى", "صباح عيد الفطر": a day of a Hijri feast
    ("feast", rf"(?:(?P<nth>{_alt(FEAST_DAYS)})\s+ايام\s+|(?:{_PARTS}|يوم|اول\s+يوم)\s+)(?P<feast>{_alt(FEASTS)})"),
    # "في عام 2005", "سنة 2014", "في 2001": a whole year (after the patterns that name a month in it). A bare
    # four-digit number after في is a year in news (the corpus' ~1,000 "في 19xx/20xx" are years, not counts).
    ("year", r"(?:(?:عام|العام|سنه|لعام|لسنه)|(?P<fi>في))\s+(?P<y>(?:19|20)\d\d)(?!\d)(?(fi)" + _YEAR_AFTER_FI + ")"
             r"(?!\s*(?:هجريه|هجري|ه(?=\s|$)))(?:\s*م(?=\s|$|[,.،]))?"),
]
COMPILED = [(kind, re.compile("(?:" + rx + ")" + _E)) for kind, rx in _PATTERNS]
#: What stands before the weekend when it dates something ("في نهاية الأسبوع", "بنهاية الأسبوع", "خلال عطلة نهاية
#: الأسبوع"); without it the weekend is a noun ("لقضاء إجازة نهاية الأسبوع", "عطلة نهاية هذا الأسبوع تصادف").
WEEKEND_BEFORE = re.compile(r"(?:(?:^|\s)(?:في|خلال|طوال|طيله|مطلع|منذ)\s+|(?:^|\s)[وف]?ب)$")
_WORD_START = re.compile(_B)


def starts_word(text: str, pos: int) -> bool:
    """Does a match at `pos` begin a word (possibly after one or two clitic letters)? Checked after matching,
    because a look-behind in every pattern would be tried at every position of every text."""
    return _WORD_START.match(text, pos) is not None
ABSOLUTE = {"dmy", "my", "numeric"}
#: Words one of which must occur for a pattern to be worth running (a cheap substring test per article).
KEYWORDS: dict[str, tuple[str, ...]] = {
    "dom_month": ("الشهر",), "weekday": tuple(WEEKDAYS), "relday": ("امس", "اليوم", "البارحه", "الليله", "غدا"),  # every RELATIVE_DAYS entry holds one
    "week": ("الاسبوع",), "weekend": ("نهايه",), "month_rel": ("الشهر",), "month_part": ("الشهر",), "year_rel": ("العام", "السنه"),
    "year_part": ("عام", "العام", "سنه"),
    "season": ("صيف", "شتاء", "ربيع", "خريف"),
    "decade": ("ينات", "ينيات"),
    "ago": ("قبل", "منذ"), "period": ("الماضيه", "الاخيره", "المنصرمه", "الفايته", "الماضيين", "الاخيرين", "المنصرمين"),
    "year": ("عام", "سنه", "في 19", "في 20"),
    "almanac": ALMANAC_HEADS,
    "feast": ("عيد",),
}
ANY_MONTH = re.compile(_MONTH)
NUMERIC_HINT = re.compile(r"\d[/.\-]\d")
UNIT_WORDS = {"يوم": ("day", 1), "ايام": ("day", 0), "يومين": ("day", 2), "اسبوع": ("week", 1), "اسابيع": ("week", 0),
          "اسبوعين": ("week", 2), "شهر": ("month", 1), "اشهر": ("month", 0), "شهور": ("month", 0),
          "شهرين": ("month", 2), "عام": ("year", 1), "اعوام": ("year", 0), "عامين": ("year", 2), "سنه": ("year", 1),
          "سنوات": ("year", 0), "سنتين": ("year", 2), "ساعه": ("hour", 1), "ساعات": ("hour", 0),
          "ساعتين": ("hour", 2),
          # the accusative singular after 11-99 ("قبل 70 عاما", "منذ 15 يوما"): the number says how many
          "يوما": ("day", 1), "اسبوعا": ("week", 1), "شهرا": ("month", 1), "عاما": ("year", 1),
          # "منذ قليل", "قبل لحظات", "قبل دقائق": a moment ago, the day of publication (breaking news, Telegram)
          "قليل": ("hour", 0), "لحظات": ("hour", 0), "دقايق": ("hour", 0), "دقيقه": ("hour", 0)}
