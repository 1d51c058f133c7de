"""Lines that are page furniture, not article text: comment forms, share bars, related links, footers.

trafilatura removes most of it from HTML, but text that reaches rasd already flattened (copied pages, CMS exports,
.txt files) still ends with «اترك تعليقاً / لن يتم نشر عنوان بريدك الإلكتروني …». Two rules, both conservative so a
body sentence is never lost:

- a short line that *is* furniture (it matches a pattern from start to end) is dropped wherever it is;
- a comment-policy paragraph in the second half (a comment word and a rule word: «لا تعبر عن رأي», «إرشادات») goes;
- a comment-form heading («اترك تعليقاً», «أضف تعليقاً», «التعليقات») or a related-links heading («اقرأ أيضاً»,
  «أخبار ذات صلة») in the last third of the text cuts everything after it (what follows is the form or the list).

The patterns are curated from common Arabic CMS templates (WordPress's Arabic locale, Jannah/Newspaper themes,
Drupal news sites) plus their English equivalents.
"""

from __future__ import annotations

import re

#: Longest line (characters) that can be dropped as furniture: body paragraphs are longer.
MAX_FURNITURE_CHARS = 90

_AR_OPT = "(?:اً|ا|ً)?"  # the accusative ending, written (تعليقاً), bare (تعليقا) or left out (تعليق)

#: Whole-line furniture (matched after stripping punctuation and spaces at both ends).
_FURNITURE = [
    rf"(اترك|أترك|اضف|أضف|اكتب|أكتب|ارسل|أرسل|شاركنا) (لنا )?(تعليق{_AR_OPT}|رد{_AR_OPT}|رأيك)( على هذا (الخبر|المقال|الموضوع))?",
    r"لن يتم نشر (عنوان )?بريدك الإلكتروني.*",
    r"(الحقول|الخانات) (الإلزامية|المطلوبة|الاجبارية|الإجبارية) .*",
    r"(التعليقات|تعليقات|التعليق|تعليق القراء|تعليقات القراء|اضافة تعليق|إضافة تعليق)( \(?\d+\)?)?",
    r"(الاسم|البريد الإلكتروني|الموقع الإلكتروني|الموقع)( \*)?",
    r"(احفظ|حفظ) اسمي.*",
    r"(شارك|شاركها|شارك الخبر|شارك المقال|مشاركة|انشر|طباعة|اطبع|ارسل لصديق|أرسل لصديق|إرسال لصديق)( (على|عبر|في) .*)?",
    r"(فيسبوك|فيس بوك|تويتر|واتساب|واتس اب|تيليجرام|تلغرام|لينكدإن|انستغرام|يوتيوب|البريد الإلكتروني)"
    r"( (فيسبوك|فيس بوك|تويتر|واتساب|تيليجرام|تلغرام|لينكدإن|انستغرام|يوتيوب))*",
    r"(اقرأ|إقرأ|اقرا) (ايضا|أيضا|أيضاً|ايضاً|المزيد)",
    r"((أخبار|اخبار|مواضيع|مقالات|موضوعات|مواد) (ذات صلة|متعلقة|مشابهة|قد تهمك)|قد يهمك أيضا|المزيد من الأخبار)",
    r"(جميع|كل) الحقوق محفوظة.*",
    r"(حقوق النشر|©|copyright).*",
    r"(تابعونا|تابعنا) (على|عبر) .*",
    r"(اشترك|إشترك) (في|ب) (النشرة|القائمة) .*",
    r"(الكلمات المفتاحية|كلمات مفتاحية|الوسوم|وسوم)( ?:.*)?",
    r"(leave a (comment|reply)|post a comment|comments?|share( this)?|related( (posts|articles|news))?|"
    r"read (more|also)|all rights reserved.*|tags?:.*|print|email)",
]
_FURNITURE_RE = re.compile("^(?:" + "|".join(_FURNITURE) + ")$", re.IGNORECASE)

#: Headings after which the rest of the text is a form or a list of links, not the article.
_TAIL_HEADINGS_RE = re.compile(
    rf"^(?:(اترك|أترك|اضف|أضف|اكتب|أكتب) (تعليق{_AR_OPT}|رد{_AR_OPT})|التعليقات|تعليقات القراء|"
    r"(اقرأ|إقرأ|اقرا) (ايضا|أيضا|أيضاً|ايضاً|ايضًا|أيضًا)|(أخبار|اخبار|مواضيع|مقالات) (ذات صلة|متعلقة|مشابهة)|"
    r"leave a (comment|reply)|related (posts|articles|news))$",
    re.IGNORECASE,
)
#: A comment-policy paragraph («الآراء الواردة أدناه لا تعبر عن رأي الموقع…»): both a comment word and a policy word.
_POLICY_TOPIC_RE = re.compile(r"التعليقات|تعليقات|تعليقك|مشاركاتك|الآراء الواردة|comments")
_POLICY_RULE_RE = re.compile(r"لا تعبر عن|لا تعبّر عن|إرشادات|ارشادات|سياسة الخصوصية|شروط الاستخدام|قبل نشرها|"
                             r"do not (necessarily )?reflect|guidelines")
MAX_POLICY_CHARS = 400
_EDGE = " \t.:،؛!؟?-–—|*•»«\"'()[]"


def _key(line: str) -> str:
    return " ".join(line.strip(_EDGE).split())


def is_furniture(line: str) -> bool:
    """A short line that is a comment form, share bar, related-links heading or footer, and nothing else."""
    key = _key(line)
    return bool(key) and len(key) <= MAX_FURNITURE_CHARS and bool(_FURNITURE_RE.match(key))


def _is_comment_policy(key: str) -> bool:
    return len(key) <= MAX_POLICY_CHARS and bool(_POLICY_TOPIC_RE.search(key)) and bool(_POLICY_RULE_RE.search(key))


def remove_boilerplate(text: str) -> str:
    """The text without furniture lines and without a trailing comment form / related-links list.

    Paragraph breaks are kept as they were (lines are removed whole), so offsets before the first removed line do
    not move.
    """
    lines = text.split("\n")
    total = sum(len(line) + 1 for line in lines)
    kept: list[str] = []
    offset = 0
    for line in lines:
        key = _key(line)
        if key and offset >= total * 2 / 3 and len(key) <= MAX_FURNITURE_CHARS and _TAIL_HEADINGS_RE.match(key):
            break
        offset += len(line) + 1
        if is_furniture(line) or (offset >= total / 2 and _is_comment_policy(key)):
            continue
        kept.append(line)
    out = "\n".join(kept)
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out.strip()
