"""Readers: every input kind, every encoding, every way a file can be bad (an InputError in the stream, never a crash)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.errors import InputError
from rasd.ingest.encoding import decode_bytes
from rasd.ingest.extract import extract_html, strip_tags
from rasd.ingest.isodate import iso_date
from rasd.ingest.sources import JSONL_SNIFF_BYTES, article_from_record, attach_provenance, iter_articles
from rasd.model import Article, ArticleResult, Event

DATA = Path(__file__).resolve().parent / "data"


def read_all(*paths, published=None):
    items = list(iter_articles([str(p) for p in paths], published=published))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputError)]


def test_txt_title_is_short_first_line_and_text_is_whole_file(inputs, arabic_text):
    (art,), errors = read_all(inputs["txt"])
    assert not errors
    assert art.title == arabic_text.splitlines()[0]
    assert art.text == arabic_text.strip()
    assert art.published is None and art.published_how == "unknown"
    assert art.source_path == str(inputs["txt"])


def test_txt_long_first_line_is_not_a_title(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("كلمة " * 100 + "\nسطر ثان", encoding="utf-8")
    (art,), _ = read_all(path)
    assert art.title == ""


def test_single_line_txt_has_no_title(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text("قتل جندي في هجوم.", encoding="utf-8")
    (art,), _ = read_all(path)
    assert art.title == "" and art.text == "قتل جندي في هجوم."


def test_html_body_title_and_metadata_date(inputs):
    (art,), errors = read_all(inputs["html"])
    assert not errors
    assert "الأنبار" in art.text and "جميع الحقوق محفوظة" not in art.text and "رياضة" not in art.text
    assert art.title.startswith("مقتل جنديين")
    assert art.published == date(2020, 1, 13) and art.published_how == "metadata"


def test_html_given_date_overrides_metadata(inputs):
    (art,), _ = read_all(inputs["html"], published=date(2020, 1, 16))
    assert art.published == date(2020, 1, 16) and art.published_how == "given"


def test_real_arabic_news_page_keeps_the_body():
    """goose3's CNN Arabic page: the extracted text contains the expected article's opening and closing text."""
    expected = json.loads((DATA / "goose3_test_cnn_arabic.json").read_text(encoding="utf-8"))["expected"]
    page = extract_html((DATA / "goose3_test_cnn_arabic.html").read_text(encoding="utf-8"))
    clean = " ".join(expected["cleaned_text"].split())
    got = " ".join(page.text.split())
    assert clean[:80] in got and clean[-60:] in got
    assert page.title.startswith("معارضون يسيطرون")
    # no date metadata (so no guessed 1 January): the date comes from the visible line «الأحد، 04 آب/اغسطس 2013»
    assert page.published == date(2013, 8, 4) and page.published_how == "text"
    assert page.method == "trafilatura"


def test_html_fallback_strips_tags_when_no_main_content(tmp_path):
    path = tmp_path / "frag.htm"
    path.write_text("<div><b>عاجل</b>: انفجار في بغداد<script>var x = 1;</script></div>", encoding="utf-8")
    (art,), _ = read_all(path)
    assert "عاجل" in art.text and "انفجار في بغداد" in art.text and "var x" not in art.text


def test_strip_tags_keeps_blocks_apart():
    text, title = strip_tags("<html><title>عنوان</title><p>أول</p><p>ثان &amp; ثالث</p><style>p{}</style></html>")
    assert title == "عنوان" and text == "أول\n\nثان & ثالث"


def test_html_without_any_text_is_an_error(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    _, (err,) = read_all(path)
    assert "no text found" in str(err) and str(path) in str(err)


def test_jsonl_saudinewsnet_records(inputs):
    arts, errors = read_all(inputs["jsonl"])
    assert not errors and len(arts) == 2
    first = arts[0]
    assert first.url == "http://example.org/a/1" and first.outlet == "alyaum"
    assert first.published == date(2015, 7, 31) and first.published_how == "metadata"
    assert first.title == "اشتباكات في الرمادي"
    assert first.text.startswith("اشتباكات في الرمادي\n\nقتل ثلاثة")
    assert first.source_path == f"{inputs['jsonl']}:1"


def test_same_article_from_jsonl_and_txt_has_the_same_id(tmp_path):
    """The scorer writes title + blank line + content to .txt; the JSONL record must hash the same."""
    record = {"title": "عنوان الخبر", "content": "نص الخبر الكامل هنا.\nسطر آخر."}
    txt = tmp_path / "a.txt"
    txt.write_text(record["title"] + "\n\n" + record["content"], encoding="utf-8")
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    (a,), _ = read_all(txt)
    (b,), _ = read_all(jsonl)
    assert a.article_id == b.article_id


def test_json_object_and_list(tmp_path, inputs):
    (one,), _ = read_all(inputs["json"])
    assert one.published == date(2019, 5, 1) and one.url == "http://example.org/b/1"
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"content": "خبر أول"}, {"content": "خبر ثان"}, 7], ensure_ascii=False),
                    encoding="utf-8")
    arts, (err,) = read_all(many)
    assert [a.text for a in arts] == ["خبر أول", "خبر ثان"]
    assert f"{many}[3]" in str(err) and "expected a JSON object" in str(err)


def test_directory_is_read_recursively_in_order(tmp_path, inputs):
    nested = tmp_path / "deep" / "er"
    nested.mkdir(parents=True)
    (nested / "x.txt").write_text("خبر في مجلد فرعي", encoding="utf-8")
    (tmp_path / "ignored.csv").write_text("a,b", encoding="utf-8")
    arts, errors = read_all(tmp_path)
    assert not errors
    assert len(arts) == 6  # txt, html, 2 jsonl, json, nested txt
    assert any(a.text == "خبر في مجلد فرعي" for a in arts)
    assert [a.article_id for a in arts] == [a.article_id for a in read_all(tmp_path)[0]]


def test_empty_directory_is_an_error(tmp_path):
    _, (err,) = read_all(tmp_path)
    assert "holds no" in str(err)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "windows-1256", "iso-8859-6", "utf-16"])
def test_encodings_are_decoded(tmp_path, encoding):
    text = "قتل 3 جنود، وأصيب 5 آخرون في هجوم على نقطة تفتيش قرب الحدود؟"
    if encoding == "iso-8859-6":
        text = text.replace("،", ",")  # keep to characters the code page has
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    (art,), errors = read_all(path)
    assert not errors and art.text == text


def test_bad_files_name_the_file_and_the_batch_goes_on(bad_inputs, inputs):
    arts, errors = read_all(*bad_inputs.values(), inputs["txt"])
    assert len(arts) == 2  # the good line of broken.jsonl and the .txt file
    messages = [str(e) for e in errors]
    assert messages[0] == f"{bad_inputs['missing']}: no such file"
    assert messages[1] == f"{bad_inputs['empty']}: empty file"
    assert messages[2] == f"{bad_inputs['binary']}: binary file, not text"
    assert messages[3].startswith(f"{bad_inputs['garbled']}: cannot decode text")
    assert messages[4].startswith(f"{bad_inputs['broken']}:2: malformed JSON line")
    assert messages[5] == f"{bad_inputs['broken']}:3: record has no 'content' or 'text'"
    assert (errors[4].path, errors[4].line) == (str(bad_inputs["broken"]), 2)


def test_jsonl_bad_line_encoding_is_a_line_error(tmp_path):
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"content": "خبر سليم"}, ensure_ascii=False).encode("utf-8")
    path.write_bytes(good + b"\n" + b'{"content": "\xe1\xe4"}\n' + good + b"\n")
    arts, (err,) = read_all(path)
    assert len(arts) == 2 and (err.path, err.line) == (str(path), 2)
    assert "not valid utf-8" in str(err)


def test_jsonl_in_windows_1256_and_beyond_the_sniffed_prefix(tmp_path):
    """A legacy-encoded JSONL is detected from its first 64 KB and every later line is decoded the same way."""
    records = [{"title": f"خبر {i}", "content": "قتل جنود في هجوم على الحدود. " * 40} for i in range(60)]
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode("windows-1256")
    assert len(data) > JSONL_SNIFF_BYTES
    path = tmp_path / "legacy.jsonl"
    path.write_bytes(data)
    arts, errors = read_all(path)
    assert not errors and [a.title for a in arts] == [r["title"] for r in records]


def test_utf8_jsonl_with_a_character_cut_by_the_sniff_boundary(tmp_path):
    line = json.dumps({"content": "ب" * 1000}, ensure_ascii=False)  # 2-byte letters: boundaries fall mid-letter
    path = tmp_path / "big.jsonl"
    path.write_text("\ufeff" + "\n".join([line] * 80), encoding="utf-8")
    arts, errors = read_all(path)
    assert not errors and len(arts) == 80 and arts[0].text == "ب" * 1000


def test_whitespace_only_file_is_empty(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text(" \n\t\n", encoding="utf-8")
    _, (err,) = read_all(path)
    assert "empty file" in str(err)


def test_record_validation():
    with pytest.raises(InputError, match="must be a string"):
        article_from_record({"content": 5}, "f.jsonl", 4)
    art = article_from_record({"text": "نص", "title": "نص"}, "f.jsonl", 1)
    assert art.text == "نص"  # a title the content already starts with is not repeated


@pytest.mark.parametrize("value, expected", [
    ("2015-07-21 02:51:48", date(2015, 7, 21)), ("2020-01-16T10:00:00Z", date(2020, 1, 16)),
    ("2015-02-30", None), ("yesterday", None), (None, None), (20150721, None),
])
def test_iso_date(value, expected):
    assert iso_date(value) == expected


def test_attach_provenance_fills_only_what_is_missing():
    art = Article(text="نص الخبر", url="http://x/1", outlet="okaz")
    kept = Event(event_id="given", article_ids=[art.article_id], urls=["http://x/1"])
    bare = Event()
    attach_provenance(ArticleResult(article=art, events=[kept, bare]))
    assert kept.event_id == "given" and kept.article_ids == [art.article_id] and kept.urls == ["http://x/1"]
    assert kept.sources == ["okaz"]
    assert bare.event_id.startswith("ev-") and bare.article_ids == [art.article_id] and bare.urls == ["http://x/1"]
    again = Event()
    attach_provenance(ArticleResult(article=art, events=[Event(), again]))
    assert again.event_id == bare.event_id  # same article, same position: same id
    assert attach_provenance(ArticleResult(article=art, events=[Event()])).events[0].event_id != bare.event_id


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=1, max_size=400))
def test_any_bytes_decode_or_raise_input_error(data):
    try:
        text = decode_bytes(data, "f.txt")
    except InputError as exc:
        assert str(exc).startswith("f.txt: ")
    else:
        assert isinstance(text, str)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300), st.sampled_from([".txt", ".html", ".json", ".jsonl", ".dat"]))
def test_any_file_content_gives_articles_or_input_errors(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("h") / f"f{suffix}"
    path.write_bytes(data)
    for item in iter_articles([str(path)]):
        assert isinstance(item, (Article, InputError))
        if isinstance(item, InputError):
            assert str(item).startswith(str(path))


def test_count_records(tmp_path, inputs):
    from rasd.ingest.sources import count_records

    assert count_records([str(inputs["txt"]), str(inputs["jsonl"])]) == 3
    assert count_records([str(tmp_path)]) is None  # one.json: unknown until parsed
