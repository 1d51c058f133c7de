"""Recalled acts (background): a dated act beside a since-phrase, a place held since a date, a part of a year.

Each sentence is written for the test in the style of the corpus (none is from an annotated set)."""

from __future__ import annotations

from datetime import date

from rasd.model import Article
from rasd.pipeline import process
from rasd.text.dates import find_time_expressions

PUB = date(2015, 8, 4)


def events(kb, text: str, published: date = PUB):
    return process(Article(text=text, published=published), kb, decide="rules").events


def test_a_dated_act_beside_a_since_phrase_is_told_not_counted(kb):
    # the since-phrase qualifies the air power; the offensive is dated by its own clause (rule total_since)
    evs = events(kb, "وفي الشهر الماضي شنت فصائل المعارضة هجوما واسعا على مواقع قوات النظام في مدينة بصرى الشام "
                     "معتمدة على أسلحة ثقيلة تفتقر إليها منذ بدء النزاع.")
    assert [(e.event_type, e.event_date.month) for e in evs] == [("Battles", 7)]
    # a count since the onset of a period stays a tally, and a date inside the phrase is the period's onset
    assert events(kb, "وقتل أكثر من ثلاثة آلاف شخص في محافظة حمص منذ بدء النزاع.") == []
    assert events(kb, "وألقت المروحيات على مدينة تلبيسة، منذ بدء المعركة في الخامس من يوليو الماضي، 300 برميل "
                      "متفجر.") == []


def test_a_place_held_since_a_date_is_its_taking_on_that_date(kb):
    evs = events(kb, "ويعيش آلاف النازحين في بلدة كفرنبودة التي تخضع لسيطرة الفصائل منذ أواخر عام 2012.")
    take = [e for e in evs if e.event_type == "Battles"]
    assert len(take) == 1 and take[0].background and take[0].time_precision == 3
    assert date(2012, 10, 1) <= take[0].event_date <= date(2012, 12, 31)
    evs = events(kb, "يذكر أن قضاء تلعفر يخضع لسيطرة تنظيم داعش منذ 16 يونيو من العام الماضي.")
    assert [(e.sub_event_type, e.event_date) for e in evs] == [("Non-state actor overtakes territory",
                                                                 date(2014, 6, 16))]
    evs = events(kb, "وتعد بلدة الشدادي التي سيطر عليها المسلحون منذ بداية العام الماضي من أهم معاقلهم.")
    assert [(e.sub_event_type, e.event_date.year, e.event_date.month <= 3) for e in evs] == [
        ("Non-state actor overtakes territory", 2014, True)]

    # the onset of a count: the taking, dated after its place; the executions counted since are its tally
    evs = events(kb, "وقال مسؤول محلي إن التنظيم أعدم أكثر من 900 شخص منذ سيطرته على مدينة تلعفر في 16 يونيو من "
                     "العام الماضي.")
    assert [(e.sub_event_type, e.event_date) for e in evs] == [("Non-state actor overtakes territory",
                                                                 date(2014, 6, 16))]


def test_a_place_held_since_no_date_is_no_taking_of_today(kb):
    evs = events(kb, "وقصفت طائرات النظام أمس بلدة كفرنبودة التي تسيطر عليها فصائل المعارضة منذ أشهر.")
    assert all(e.sub_event_type != "Non-state actor overtakes territory" for e in evs)
    assert events(kb, "وأعدم التنظيم مئات الأشخاص في مدينة تلعفر منذ سيطرته عليها.") == []


def test_a_part_of_a_year_is_those_months():
    def one(text):
        found = find_time_expressions(text, PUB)
        return [(x.date_start, x.date_end, x.precision) for x in found]
    assert one("في أواخر عام 2012") == [(date(2012, 10, 1), date(2012, 12, 31), 3)]
    assert one("منذ بداية العام الماضي") == [(date(2014, 1, 1), date(2014, 3, 31), 3)]
    assert one("منتصف عام 2014") == [(date(2014, 4, 1), date(2014, 9, 30), 3)]
    assert one("حتى مطلع العام 2017") == []  # a time still to come


def test_a_season_is_its_months():
    def one(text):
        return [(x.date_start, x.date_end, x.precision) for x in find_time_expressions(text, PUB)]
    assert one("خلال الصيف الماضي") == [(date(2014, 6, 1), date(2014, 8, 31), 3)]  # this summer is not over
    assert one("في صيف عام 2012") == [(date(2012, 6, 1), date(2012, 8, 31), 3)]
    assert one("الشتاء الماضي") == [(date(2014, 12, 1), date(2015, 2, 28), 3)]
    assert one("الربيع العربي") == [] and one("في خريف 2015") == []


def test_an_act_of_last_summer_is_recalled_not_news(kb):
    evs = events(kb, "وسيطر مسلحو التنظيم على مدينة سنجار خلال الصيف الماضي.")
    assert [(e.event_type, e.event_date.year, e.time_precision) for e in evs] == [("Battles", 2014, 3)]


def test_a_decade_is_its_years():
    def one(text):
        return [(x.date_start, x.date_end, x.precision) for x in find_time_expressions(text, PUB)]
    assert one("في فترة التسعينات") == [(date(1990, 1, 1), date(1999, 12, 31), 3)]
    assert one("في أواسط الثمانينيات من القرن الماضي") == [(date(1983, 1, 1), date(1986, 12, 31), 3)]
    assert one("في مطلع السبعينات") == [(date(1970, 1, 1), date(1973, 12, 31), 3)]
    assert one("رجل في الستينات من عمره") == []  # an age, not a time


def test_an_act_of_a_decade_is_history(kb):
    # decades back: history, no event (settings.history_years); told with no time it is news
    assert events(kb, "وفي أواخر الثمانينيات سيطر المتمردون على مدينة جلال آباد.") == []
    assert [e.event_type for e in events(kb, "وسيطر المتمردون على مدينة جلال آباد.")] == ["Battles"]


def test_an_act_counted_back_from_the_news_is_recalled_and_dated_by_the_count(kb):
    # "بعد 3 أيام على هجوم": three days before the sentence's dated act (rule interval_back)
    evs = events(kb, "قصفت الطائرات التركية أمس الاثنين مواقع للتنظيم في سوريا، وذلك بعد 3 أيام على هجوم انتحاري "
                     "استهدف تجمعا في بلدة سروج.")
    bomb = [e for e in evs if e.evidence["event_type"].text.startswith("هجوم")]
    assert [(b.event_date, b.time_precision, b.background) for b in bomb] == [(date(2015, 7, 31), 1, True)]
    # an approximate month counted back from yesterday: a range about a month before it
    evs = events(kb, "واقتحم مسلحو المعارضة بلدة الشيخ مسكين أمس، بعد حوالي شهر من هجوم أول فشلوا فيه في دخول "
                     "البلدة.")
    old = [e for e in evs if e.background]
    assert len(old) == 1 and old[0].time_precision == 3
    assert date(2015, 6, 20) <= old[0].event_date <= old[0].event_date_end <= date(2015, 7, 15)
    # "بعد أيام من هجوم": some days (two to seven) before the statement's day
    evs = events(kb, "وأعلنت الحكومة أمس حالة الطوارئ في مدينة سوسة، بعد أيام من هجوم مسلح على فندق فيها.")
    assert [(e.event_date, e.event_date_end, e.time_precision, e.background) for e in evs] == [
        (date(2015, 7, 27), date(2015, 8, 1), 2, True)]


def test_an_act_of_a_day_months_back_is_history(kb):
    # a day over two months before publication, in a text whose other acts are older still: not this story's news
    evs = events(kb, "ونفذت قوة أميركية خاصة في 16 مايو الماضي عملية داخل الأراضي السورية أسفرت عن مقتل القيادي "
                     "في التنظيم أبو سياف.")
    assert evs and all(e.background and e.event_date == date(2015, 5, 16) for e in evs)


def test_the_day_on_which_is_not_today():
    def one(text):
        return [(x.text, x.date_start) for x in find_time_expressions(text, PUB)]
    # "في اليوم الذي ...": the day of the story on which something happened, not the day of publication
    assert one("قتل الحارس في اليوم الذي افتتح فيه المعرض") == []
    assert one("منذ اليوم الذي دخل فيه المسلحون البلدة") == []
    # "التي" does not agree with "اليوم": today's attacks, which ...; and a bare "اليوم" is today
    assert one("لكن غارات اليوم التي استهدفت البلدة") == [("اليوم", PUB)]
    assert one("قصفت الطائرات البلدة اليوم") == [("اليوم", PUB)]
