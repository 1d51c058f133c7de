"""Commentary vs news: a column's talk of attacks is no event unless it dates one (texts written for the test)."""

from __future__ import annotations

from datetime import date

from rasd.events.genre import is_commentary
from rasd.model import Article
from rasd.pipeline import process

COLUMN = (
    "إن استهداف رجال الأمن وتفجير دور العبادة في مدينة الدمام لا يمت لديننا بصلة، ولا يخدم إلا أعداء وطننا. "
    "علينا أن نعلم أبناءنا أن هذه الجماعات تريد تحويلهم إلى أدوات للقتل، ولا شك أن مجتمعنا سيبقى متماسكا. "
    "نحن أمام معركة فكرية قبل أن تكون أمنية، وبلادنا قادرة بإذن الله على تجاوز المحنة، فالتاريخ يعلمنا أن "
    "الأمم التي تتوحد في وجه الإرهاب تخرج منه أقوى. ولا بد من مراجعة المناهج والخطاب الديني والإعلامي، "
    "وتشجيع الشباب على الحوار، وتحصينهم من دعاة الفتنة الذين يستغلون وسائل التواصل الحديثة لنشر أفكارهم. "
    "إن أمتنا عرفت التسامح والتعايش قرونا طويلة، ولن تسمح لقلة ضالة بأن تختطف صورتها أمام العالم. "
    "رحم الله شهداء الوطن، وحفظ بلادنا من كل سوء، وأعان رجال أمننا على أداء واجبهم في حماية المجتمع. "
    "والمسؤولية لا تقع على الدولة وحدها، بل على الأسرة والمدرسة والمسجد، فكل منا حارس على ثغر من ثغور الوطن.")
NEWS = (
    "قال مسؤولون أمنيون إن مسلحين هاجموا حاجزا للشرطة في مدينة الدمام. وأفادت مصادر بأن الهجوم لم يسفر عن "
    "إصابات. وذكر بيان للشرطة أن قوات الأمن طوقت المكان. وأضاف المصدر أن التحقيقات جارية لمعرفة هوية "
    "المهاجمين، بحسب ما نقلت وكالة الأنباء الرسمية. وأعلنت وزارة الداخلية أنها ستصدر بيانا لاحقا. "
    "وقال شهود إن إطلاق النار استمر دقائق. وأوضح مصدر أن الحاجز يقع عند مدخل المدينة الشمالي. ")


def test_reporting_density_tells_a_column_from_a_report():
    assert is_commentary(COLUMN)
    assert not is_commentary(NEWS * 2)
    assert not is_commentary("قصير جدا")  # too short to judge
    # A wire brief need not attribute anything; without a "we" it is still news.
    brief = ("تبنى حزب العمال الكردستاني قتل شرطيين تركيين في مدينة جيلان بينار جنوب شرق تركيا يوم الأربعاء. "
             "وجاء الهجوم بعد ثلاثة أيام على تفجير انتحاري في بلدة سروج الحدودية أوقع 32 قتيلا من الناشطين الأكراد. "
             "وشنت الطائرات التركية غارات على مواقع للحزب في شمال العراق وعلى مواقع لتنظيم داعش في سوريا، في أول "
             "عملية من نوعها منذ بدء عملية السلام بين أنقرة والمتمردين الأكراد عام 2012. ")
    brief = brief * 2
    assert len(brief) >= 600 and not is_commentary(brief)



def test_a_long_text_that_says_we_and_attributes_little_is_commentary():
    # a weaker "we" (0.3 to 0.5 per 1,000 characters) with attribution under 1.2 per 1,000 in a long text is a
    # column; the same text attributing more (2.6 per 1,000) is still news
    analysis = ("ويرى كثير من المتابعين أن المنطقة تمر بمرحلة صعبة تتداخل فيها المصالح الإقليمية والدولية، وأن "
                "الحلول العسكرية وحدها لن تنهي الأزمات المتراكمة منذ سنوات طويلة في أكثر من بلد عربي. ") * 14
    column = analysis + "ولا شك أن الطريق ما زال طويلا أمام الجميع. وقال مسؤول إن الحوار هو السبيل الوحيد. " + (
        "وذلك بحسب المراقبين. ")
    assert is_commentary(column)
    assert not is_commentary(column + "وقال مسؤول إن الحوار هو السبيل الوحيد. " * 2)

def test_a_column_keeps_only_the_acts_it_dates(kb):
    pub = date(2015, 8, 9)
    assert process(Article(text=COLUMN, published=pub), kb, decide="rules").events == []
    dated = COLUMN + " وكان انتحاري قد فجر نفسه يوم 22 مايو في مسجد بمدينة القطيف فقتل 21 مصليا."
    evs = process(Article(text=dated, published=pub), kb, decide="rules").events
    assert [e.event_date for e in evs] == [date(2015, 5, 22)]


def test_a_columns_today_is_nowadays_not_the_day_of_an_act(kb):
    # "اليوم" in a column is the present it argues about; a day it names still dates an act
    pub = date(2015, 8, 9)
    talk = COLUMN + (" واليوم يأتي النظام ليقول إنه يحارب الإرهاب، وهو الذي قصف مدينة حلب بالبراميل المتفجرة وقتل "
                     "الآلاف من أبنائها.")
    assert process(Article(text=talk, published=pub), kb, decide="rules").events == []
    dated = COLUMN + " وقصف النظام يوم الجمعة مدينة حلب بالبراميل المتفجرة فقتل 20 من أبنائها."
    assert [e.event_date for e in process(Article(text=dated, published=pub), kb, decide="rules").events] == [
        date(2015, 8, 7)]


WORDS = ("قتل جرح هجوم انفجار فجر نفسه عثرت على جثتي استهدفت طائرات تسيطر عليها منذ 28 مايو الذي كان في مدينة "
         "الموصل بغداد ، . « » ( ) : كما فيما بينهم شرطيان سبعة أشخاص لم يقصف لاستعادة أي المتهم سلسلة من حتى الآن "
         "وأضاف البيان أمس اليوم داعش الجيش قوات الأمن التركية").split()


def test_any_mix_of_the_rule_words_extracts_without_error(kb):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=60, deadline=None)
    @given(st.lists(st.sampled_from(WORDS), max_size=60))
    def run(words):
        for ev in process(Article(text=" ".join(words) or "x", published=date(2015, 7, 27)), kb, decide="rules").events:
            for span in ev.evidence.values():
                assert " ".join(words)[span.start:span.end] == span.text

    run()


def test_a_this_day_in_history_column_is_no_news(kb):
    from rasd.events.genre import is_commentary

    text = ("في مثل هذا اليوم\n\n1941 - الحرب العالمية: القوات الألمانية تدخل مدينة سمولينسك.\n"
            "1944 - بداية تمرد في مدينة وارسو انتهى بتدمير المدينة وقتل مائتي ألف من سكانها.\n"
            "1958 - افتتاح سد كبير على نهر الفرات.\n")
    assert is_commentary(text)
    assert not any(e.fatalities for e in process(Article(text=text, published=date(2015, 8, 1)), kb, decide="rules").events)


def test_an_interview_is_no_news():
    text = ("حوار مع الخبير\n\n* كيف تقيمون خسائر الميليشيا في سورية؟\n- لقد قتل منهم كثيرون في المعارك.\n"
            "* وماذا عن الغارات الجوية على الرقة؟\n- الغارات لا تكفي وحدها.\n* وهل تتوقعون نهاية قريبة للحرب؟\n"
            "- لا أظن ذلك.\n")
    assert is_commentary(text)
    assert not is_commentary("قال مصدر أمني إن مسلحين هاجموا حاجزا للجيش أمس. وأضاف المصدر أن الاشتباك استمر ساعة.")
    # the questions may stand on their lines unmarked
    unmarked = ("مدير الكهرباء: المتمردون دمروا المحطات\nيشكو السكان من تكرر انقطاع الكهرباء، ما السبب؟\n"
                "السبب هو العبث الذي تمارسه الميليشيات في المدينة.\nهل تم إصلاح المولدات؟\nلا، فهي في منطقة القتال.\n"
                "ما خطة الطوارئ لإعادة الكهرباء؟\nتواصلنا مع المحطة وهي بحاجة للمحروقات.\n")
    assert is_commentary(unmarked)
    assert not is_commentary(unmarked.replace("؟", "."))


# A match report and a transfer story written for the test: the game's "attack", "striker" and "strike".
MATCH = (
    "وافق نادي برشلونة الإسباني أمس على بيع مهاجمه الفرنسي إلى ميلان الإيطالي مقابل 20 مليون يورو. "
    "استعاد فريق الاتحاد لكرة القدم توازنه وفاز على نظيره الأهلي 3 /1 في مباراة ودية جرت أمس في القاهرة. "
    "ويواجه مدرب النصر صعوبة في تعويض غياب اللاعب المصاب قبل السفر إلى باريس، وهو ما يشكل ضربة فنية موجعة لفريقه. "
    "شن مهاجمو الشباب هجوما مكثفا على مرمى الوحدة في الشوط الأول من المباراة التي جرت أمس في جدة.")


def test_a_sports_report_holds_no_battle_or_strike(kb):
    from rasd.events.genre import is_sports

    assert is_sports(MATCH)
    assert not is_sports(NEWS * 2)
    # "الفريق" is also a general's rank, "الملعب" a stadium that can be seized: neither makes a sports report.
    assert not is_sports("قال الفريق الركن قائد العمليات إن القوات استعادت الملعب الأولمبي في المدينة بعد اشتباكات. " * 3)
    pub = date(2015, 8, 9)
    evs = process(Article(text=MATCH, published=pub), kb, decide="rules").events
    # Each of these sentences alone (no sports report around it) gives a battle, a territory change or a strike.
    assert [e.event_type for e in evs if e.event_type in ("Battles", "Explosions/Remote violence",
                                                        "Strategic developments")] == []


def test_a_sports_report_snatches_no_one(kb):
    """"خطف هدف التعادل" (snatched the equaliser) and "خطفها منه" (took the lead from it) are the game's words: in a
    sports report no abduction or attack on civilians is coded from them."""
    text = MATCH + (" وقبل دقيقة من نهاية المباراة خطف المهاجم الدنماركي هدف التعادل أمس في ميونيخ. "
                    "ويدخل الفريق مباراة اليوم لاستعادة صدارة المجموعة التي خطفها منه الأهلي بعد فوزه في السويس.")
    evs = process(Article(text=text, published=date(2015, 8, 9)), kb, decide="rules").events
    assert [e.event_type for e in evs if e.event_type == "Violence against civilians"] == []


def test_fans_rioting_after_a_match_are_still_told(kb):
    riot = MATCH + " وبعد المباراة رشق مشجعون غاضبون الشرطة بالحجارة خارج ملعب مدينة الرياض وأحرقوا سيارات."
    evs = process(Article(text=riot, published=date(2015, 8, 9)), kb, decide="rules").events
    assert any(e.event_type in ("Riots", "Protests") for e in evs), [(e.event_type, e.sub_event_type) for e in evs]


# A Friday sermon as the papers report it, written for the test: the preacher quotes scripture and blesses the
# Prophet line after line, and his "قتل رجل مسلم" is doctrine, not an act.
SERMON = (
    "إمام المسجد: سفك الدم الحرام موجب لغضب الله\n"
    "أكد إمام وخطيب المسجد الجامع في مدينة جدة أن دماء المسلمين عند الله عظيمة، قال صلى الله عليه وسلم "
    "«لزوال الدنيا أهون عند الله من قتل رجل مسلم»، وقال تعالى «ومن يقتل مؤمنا متعمدا فجزاؤه جهنم». "
    "وأوضح أن الله عز وجل حرم الظلم على نفسه، وأن النبي صلى الله عليه وسلم حذر من الفتن، وقال رضي الله عنه إن "
    "المسلم من سلم الناس من لسانه ويده. وبين أن الله سبحانه وتعالى أمر بالعدل، وأن رسول الله صلى الله عليه وسلم "
    "أوصى بالجار، وقال تعالى «إن الله يأمر بالعدل والإحسان». وختم بالدعاء للبلاد بالأمن والأمان، وقال إن الله عز "
    "وجل يحفظ هذه البلاد بحفظه، وإن على الشباب أن يحذروا دعاة الفتنة الذين يستبيحون الدماء ويقتلون الأبرياء.")


def test_a_sermon_is_no_news_and_its_undated_killing_no_event(kb):
    assert is_commentary(SERMON)
    assert process(Article(text=SERMON, published=date(2015, 8, 8)), kb, decide="rules").events == []
    # One blessing in a report (a martyr's name, a quote) does not make it a sermon.
    report = NEWS * 2 + " وقال والد الشهيد رحمه الله إن ابنه قتل في الهجوم، صلى الله عليه وسلم على نبيه."
    assert not is_commentary(report)


def test_a_headline_that_asks_is_commentary():
    body = NEWS * 2
    assert is_commentary("هل أعلنت تركيا الحرب على الحزب؟\n" + body)
    assert is_commentary("داعش إلى أين؟!\n\n" + body)
    assert not is_commentary("تركيا تعلن الحرب على الحزب\n" + body)
    # a question inside the text, or a one-line post that asks, is not a headline
    assert not is_commentary(body + "\nفهل تعلن تركيا الحرب؟\n")
    assert not is_commentary("هل قتل خمسة جنود في هجوم على حاجز في مدينة العريش أمس؟")


def test_a_short_transfer_report_is_a_sports_report(kb):
    from rasd.events.genre import is_sports

    transfer = ("القادسية يخطف مدافع الهدى\n"
                "استطاع نادي القادسية العائد لدوري الأضواء خطف مدافع نادي الهدى بالقطيف أمس، بعد صراع مع عدة أندية "
                "تشارك في دوري الدرجة الأولى، وكان المدافع من أبرز لاعبي أندية الدرجة الثالثة وقاد فريقه إلى "
                "تصفيات دوري الدرجة الثانية.")
    assert len(transfer) < 600 and is_sports(transfer)
    # "للكرة" is ل + الكرة contracted: a volleyball fixture whose "مواجهة المنتخب" is a match
    fixture = ("أخضر الطائرة يبدأ مشواره اليوم\nيبدأ المنتخب السعودي للناشئين للكرة الطائرة مشواره في البطولة العربية "
               "بمواجهة المنتخب القطري في العاصمة المغربية الرباط، ويشهد اليوم الأول مواجهات قوية عندما يلتقي "
               "المنتخبان المصري والتونسي في الصالة نفسها، وكان المنتخب استعد للبطولة بمعسكر في الطائف. وتشارك في "
               "البطولة عشرة منتخبات تتنافس على مدى تسعة أيام، ويتأهل صاحبا المركزين الأول والثاني إلى البطولة "
               "الآسيوية المقبلة، فيما يسعى الجهاز الفني إلى تحقيق نتيجة إيجابية في المواجهة الأولى التي تعد "
               "مفتاح المنافسة على اللقب، وسط حضور جماهيري متوقع من أبناء الجالية في العاصمة. وأكد رئيس البعثة "
               "أن الجميع يدرك حجم المسؤولية وأن الاستعداد كان جيدا رغم ضيق الوقت.")
    assert len(fixture) >= 600 and is_sports(fixture)
    evs = process(Article(text=transfer, published=date(2015, 8, 6)), kb, decide="rules").events
    assert [e.event_type for e in evs if e.event_type == "Violence against civilians"] == []


def test_a_monitors_roundup_that_says_what_it_knows_of_each_toll_is_news(kb):
    """A roundup tells act after act with no reporting verb, each closed by the news it has of the toll: that phrase
    is the reporter's attribution, so the roundup is news and its undated acts stay."""
    roundup = ("قصفت قوات النظام مناطق في بلدة كفرنبل بريف إدلب الجنوبي، ولم ترد معلومات عن إصابات، بينما ألقى "
               "الطيران المروحي برميلين متفجرين على أماكن في بلدة النعيمة شرق مدينة درعا، دون أنباء عن خسائر بشرية. "
               "وتعرضت مناطق في بلدة الغنطو بريف حمص الشمالي لقصف مدفعي، ولم ترد أنباء عن خسائر بشرية حتى اللحظة، "
               "كما دارت اشتباكات على أطراف حي الخالدية شمال حلب بين الفصائل المقاتلة وقوات النظام. ")
    text = "سوريا: قوات النظام تقصف عدة مدن\n\n" + roundup * 3
    assert len(text) >= 1000 and not is_commentary(text)
    evs = process(Article(text=text, published=date(2015, 7, 24)), kb, decide="rules").events
    assert len(evs) >= 2
