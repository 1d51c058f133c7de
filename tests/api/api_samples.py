"""Hand-built articles and events for the API tests: Arabic evidence with exact offsets, and one article full of
markup and script (the dashboard must show it as text and never run it)."""

from __future__ import annotations

from datetime import date

from rasd.model import Article, ArticleResult, Event, Span

ANBAR_TEXT = ("هاجم مسلحون من تنظيم داعش نقطة للجيش العراقي قرب الرطبة في محافظة الأنبار فجر الأحد. "
              "وقالت مصادر أمنية إن الهجوم أسفر عن مقتل جنديين وإصابة أربعة آخرين.")
BAGHDAD_TEXT = "انفجرت عبوة ناسفة في سوق شعبي ببغداد يوم الخميس، ما أدى إلى إصابة خمسة مدنيين بجروح."
ALEPPO_TEXT = "قصفت طائرات حربية مواقع في ريف حلب الشمالي، وقتل ثلاثة مدنيين في القصف."
#: Markup and script in an article and in event fields: the dashboard must show it as text, never run it.
XSS_TEXT = ('هاجم مسلحون <script>window.__xss = 1</script> قرية <img src=x onerror="window.__xss=2"> '
            'في محافظة ديالى وقتلوا شخصين.')


def span_of(text: str, fragment: str) -> Span:
    start = text.index(fragment)
    return Span.of(text, start, start + len(fragment))


def _result(text: str, published: date, url: str | None, outlet: str, events: list[Event]) -> ArticleResult:
    art = Article(text=text, title=text.split(".")[0][:60], url=url, outlet=outlet, published=published,
                  published_how="given", language="ar")
    for ev in events:
        ev.article_ids = [art.article_id]
    return ArticleResult(article=art, events=events)


def sample_results() -> list[ArticleResult]:
    anbar = Event(
        event_id="ev-anbar", event_date=date(2020, 1, 12), time_precision=1, disorder_type="Political violence",
        event_type="Battles", sub_event_type="Armed clash", actor1="Islamic State",
        actor2="Military Forces of Iraq", country="Iraq", iso3="IRQ", admin1="Al-Anbar", location="Ar-Rutbah",
        latitude=33.04, longitude=40.28, geo_precision=2, fatalities=2, injured=4, weapon="small arms",
        notes="Islamic State attacked an Iraqi army post near Ar-Rutbah.", confidence=0.8,
        evidence={"actor1": span_of(ANBAR_TEXT, "تنظيم داعش"), "location": span_of(ANBAR_TEXT, "الرطبة"),
                  "fatalities": span_of(ANBAR_TEXT, "مقتل جنديين"), "event_date": span_of(ANBAR_TEXT, "فجر الأحد")},
    )
    baghdad = Event(
        event_id="ev-baghdad", event_date=date(2020, 1, 23), time_precision=1, disorder_type="Political violence",
        event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED",
        actor1="Unidentified Armed Group (Iraq)", actor2="Civilians (Iraq)", country="Iraq", iso3="IRQ",
        admin1="Baghdad", location="Baghdad", latitude=33.34, longitude=44.4, geo_precision=1, fatalities=0,
        injured=5, weapon="IED", evidence={"weapon": span_of(BAGHDAD_TEXT, "عبوة ناسفة"),
                                           "location": span_of(BAGHDAD_TEXT, "ببغداد")},
    )
    aleppo = Event(
        event_id="ev-aleppo", event_date=date(2019, 12, 30), time_precision=1, disorder_type="Political violence",
        event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
        actor1="Military Forces of Syria", actor2="Civilians (Syria)", country="Syria", iso3="SYR",
        admin1="Aleppo", location="Aleppo", latitude=36.2, longitude=37.16, geo_precision=2, fatalities=3,
        evidence={"location": span_of(ALEPPO_TEXT, "ريف حلب")},
    )
    undated = Event(event_id="ev-undated", event_type="Protests", sub_event_type="Peaceful protest",
                    actor1="Protesters (Iraq)", country="Iraq", iso3="IRQ", admin1="Baghdad", location="Baghdad")
    xss = Event(
        event_id="ev-xss", event_date=date(2020, 1, 20), time_precision=1, event_type="Battles",
        sub_event_type="Armed clash", actor1='<img src=x onerror="window.__xss=3">',
        actor2="<b>bold</b>", country="Iraq", iso3="IRQ", admin1="Diyala", location="<script>window.__xss=4</script>",
        latitude=33.77, longitude=45.0, geo_precision=2, fatalities=2,
        notes='<svg onload="window.__xss=5"></svg> notes',
        evidence={"actor1": span_of(XSS_TEXT, "<script>window.__xss = 1</script>"),
                  "location": span_of(XSS_TEXT, '<img src=x onerror="window.__xss=2">'),
                  "fatalities": span_of(XSS_TEXT, "وقتلوا شخصين")},
    )
    return [
        _result(ANBAR_TEXT, date(2020, 1, 13), "https://example.org/anbar", "okaz", [anbar]),
        _result(BAGHDAD_TEXT, date(2020, 1, 24), "https://example.org/baghdad", "alyaum", [baghdad]),
        _result(ALEPPO_TEXT, date(2019, 12, 31), None, "sana", [aleppo]),
        _result("تظاهر مئات في بغداد للمطالبة بالإصلاح.", date(2020, 1, 2), None, "okaz", [undated]),
        _result(XSS_TEXT, date(2020, 1, 21), "javascript:window.__xss=6", '<i onmouseover="x">outlet</i>', [xss]),
    ]
