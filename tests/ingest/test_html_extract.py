"""Extraction details: furniture lines, the visible date line, language, HTML encodings, WARC archives, and the
goose3 CNN Arabic page compared with its expected text."""

from __future__ import annotations

import ast
import difflib
import io
import json
from datetime import date
from pathlib import Path

import pytest

from rasd.errors import InputError
from rasd.ingest.boilerplate import is_furniture, remove_boilerplate
from rasd.ingest.encoding import declared_charset, decode_html
from rasd.ingest.extract import article_from_html, extract_html
from rasd.ingest.language import detect_language
from rasd.ingest.pagedate import date_from_lines, visible_date
from rasd.ingest.sources import iter_articles
from rasd.model import Article

DATA = Path(__file__).resolve().parent / "data"
SHARED_HTML = Path(__file__).resolve().parents[3] / "shared" / "data" / "html"
BODY = ("أعلنت السلطات المحلية أن انفجارا وقع صباح اليوم في سوق شعبي وسط المدينة، ما أدى إلى أضرار مادية كبيرة "
        "في المحال التجارية القريبة، فيما هرعت سيارات الإسعاف إلى المكان.")


def similarity(expected: str, got: str) -> float:
    """Word-level similarity of the expected text and the same-length start of what was extracted (goose3's
    expected texts are openings of the article, not the whole body)."""
    a = expected.split()
    b = got.split()[: len(a)]
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def test_goose3_cnn_arabic_page_matches_expected_text():
    folder = SHARED_HTML if (SHARED_HTML / "goose3_test_cnn_arabic.html").exists() else DATA
    raw = json.loads((folder / "goose3_test_cnn_arabic.json").read_text(encoding="utf-8"))["expected"]
    expected = raw if isinstance(raw, dict) else ast.literal_eval(raw)
    page = extract_html((folder / "goose3_test_cnn_arabic.html").read_text(encoding="utf-8"))
    assert similarity(expected["cleaned_text"], page.text) >= 0.95
    assert page.language == "ar" and page.outlet
    # the comment policy and the related-stories list under the article are not article text
    assert "الآراء الواردة أدناه" not in page.text and "ترحب شبكة CNN بالنقاش" not in page.text
    assert "السودان:" not in page.text


@pytest.mark.parametrize("line", ["اترك تعليقاً", "اترك تعليقا", "أضف تعليق", "شارك على فيسبوك", "اقرأ أيضاً:",
                                  "أخبار ذات صلة", "جميع الحقوق محفوظة © 2020", "التعليقات (3)",
                                  "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *",
                                  "Leave a Reply", "فيسبوك تويتر واتساب"])
def test_furniture_lines(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", [BODY, "وشارك في الهجوم عشرات المسلحين", "التعليقات التي نشرها الوزير أثارت جدلا "
                                  "واسعا في الأوساط السياسية"])
def test_body_lines_are_not_furniture(line):
    assert not is_furniture(line)


def test_trailing_comment_form_is_cut_and_body_kept():
    text = f"{BODY}\n\n{BODY}\n\n{BODY}\n\nاترك تعليقاً\n\nالاسم *\n\nرأيي أن هذا الخبر مهم جدا وشكرا للموقع"
    out = remove_boilerplate(text)
    assert out == f"{BODY}\n\n{BODY}\n\n{BODY}"
    # a related-links heading early in the text does not cut the body after it
    early = f"{BODY}\n\nاقرأ أيضا\n\n{BODY}\n\n{BODY}\n\n{BODY}"
    assert remove_boilerplate(early) == f"{BODY}\n\n{BODY}\n\n{BODY}\n\n{BODY}"


def test_txt_article_drops_trailing_comment_form(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"عنوان الخبر\n\n{BODY}\n\n{BODY}\n\nاترك تعليقاً\n\nلن يتم نشر عنوان بريدك الإلكتروني.\n",
                    encoding="utf-8")
    (art,) = list(iter_articles([str(path)]))
    assert art.text.endswith("المكان.") and "تعليق" not in art.text


@pytest.mark.parametrize("line,expected", [
    ("نشر أمس الأربعاء، 15 كانون الثاني 2020", date(2020, 1, 15)),
    ("2020/01/16", date(2020, 1, 16)),
    ("آخر تحديث: 16/01/2020 - 10:30", date(2020, 1, 16)),
    ("الخميس 3 أغسطس 2015", date(2015, 8, 3)),
    ("بتاريخ 4 جانفي 2021", date(2021, 1, 4)),
])
def test_date_lines(line, expected):
    assert date_from_lines(["الرئيسية", line, BODY]) == expected


def test_dates_in_body_sentences_and_future_dates_are_not_page_dates():
    long_line = "وقال المسؤول إن الهجوم الذي وقع في 15 كانون الثاني 2020 كان الأعنف منذ سنوات " * 2
    assert date_from_lines([long_line]) is None
    assert date_from_lines(["2031/01/16"], today=date(2026, 1, 1)) is None
    markup = '<html><body><span class="post-date">الاثنين 2 آذار 2020</span><p>x</p></body></html>'
    assert visible_date(markup, []) == date(2020, 3, 2)
    assert visible_date('<html><body><time datetime="2019-12-31T23:00:00Z">أمس</time></body></html>', []) \
        == date(2019, 12, 31)


def test_html_date_order_metadata_then_visible_line():
    meta = ('<html><head><meta property="article:published_time" content="2021-02-03T08:00:00Z"></head><body>'
            f'<article><p>نشر في 2020/01/16</p><p>{BODY}</p><p>{BODY}</p></article></body></html>')
    art = article_from_html(meta)
    assert art.published == date(2021, 2, 3) and art.published_how == "metadata"
    plain = meta.replace('<meta property="article:published_time" content="2021-02-03T08:00:00Z">', "")
    art = article_from_html(plain)
    assert art.published == date(2020, 1, 16) and art.published_how == "text"
    assert article_from_html(plain, published=date(2020, 2, 2)).published_how == "given"


def test_language_detection():
    assert detect_language(BODY) == "ar"
    assert detect_language("Government forces shelled the town overnight, residents said.", "en-GB") == "en"
    assert detect_language("Government forces shelled the town overnight, residents said.") == "latin"
    assert detect_language("نیروهای دولتی شب گذشته شهر را گلوله باران کردند و چند نفر کشته شدند") == "fa"
    assert detect_language("") == "und"


def test_non_arabic_page_is_kept_with_its_language():
    markup = ("<html lang='en'><head><title>Clashes</title></head><body><article>"
              + "<p>Government forces and armed men clashed near the northern ring road for several hours.</p>" * 3
              + "</article></body></html>")
    art = article_from_html(markup, url="https://news.example/a")
    assert art.language == "en" and "Government forces" in art.text


def test_decode_html_trusts_bytes_over_declaration():
    text = f"<html><head><meta charset='windows-1256'></head><body><p>{BODY}</p></body></html>"
    assert declared_charset(text.encode("utf-8")) == "windows-1256"
    assert BODY in decode_html(text.encode("utf-8"), "x")  # declares 1256, is UTF-8
    assert BODY in decode_html(text.encode("cp1256"), "x")
    latin = text.replace("windows-1256", "iso-8859-1")
    assert BODY in decode_html(latin.encode("cp1256"), "x", header="text/html; charset=iso-8859-1")
    assert BODY in decode_html(b"\xef\xbb\xbf" + text.encode("utf-8"), "x")
    with pytest.raises(InputError):
        decode_html(b"   ", "x")


def test_html_file_with_legacy_encoding(tmp_path):
    path = tmp_path / "old.html"
    path.write_bytes(f"<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1256'>"
                     f"<title>خبر</title></head><body><article><p>{BODY}</p><p>{BODY}</p></article></body></html>"
                     .encode("cp1256"))
    (art,) = list(iter_articles([str(path)]))
    assert isinstance(art, Article) and BODY[:30] in art.text


def _warc(path: Path, pages: list[tuple[str, bytes, str]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.suffix == ".gz")
        for url, body, ctype in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def test_warc_archives_give_one_article_per_html_response(tmp_path):
    html = f"<html><head><title>خبر</title></head><body><article><p>{BODY}</p><p>{BODY}</p></article></body></html>"
    path = tmp_path / "crawl.warc.gz"
    _warc(path, [("https://news.example/a", html.encode("utf-8"), "text/html; charset=utf-8"),
                 ("https://news.example/logo.png", b"\x89PNG....", "image/png"),
                 ("https://news.example/b", html.replace("خبر", "نبأ").encode("cp1256"),
                  "text/html; charset=windows-1256")])
    items = list(iter_articles([str(tmp_path)]))
    arts = [i for i in items if isinstance(i, Article)]
    assert [a.url for a in arts] == ["https://news.example/a", "https://news.example/b"]
    assert all(BODY[:30] in a.text and a.fetched_at is not None for a in arts)
    assert arts[1].title == "نبأ"
    bad = tmp_path / "bad.warc"
    bad.write_bytes(b"this is not a warc file\n" * 10)
    (err,) = list(iter_articles([str(bad)]))
    assert isinstance(err, InputError) and "bad.warc" in str(err)
