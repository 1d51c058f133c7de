"""Probes of issue 16: one poison record ended a whole batch with a traceback (a lone surrogate, 100k-deep nesting),
one NUL-bearing line got a whole JSONL file refused as binary, UTF-16 without a BOM was refused, a truncated WARC
record was stored as a shorter article. Every per-record failure must now be one `FILE:LINE: reason` and the batch
goes on; plus a Hypothesis fuzz test over the readers."""

from __future__ import annotations

import io
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasd.errors import InputError, RasdError
from rasd.ingest.sources import iter_articles
from rasd.model import Article

GOOD = "أعلنت وزارة الدفاع العراقية مقتل خمسة مسلحين في قصف على الرمادي أمس الأحد."


def good_line(n: int) -> str:
    return json.dumps({"title": f"خبر {n}", "content": f"{GOOD} رقم {n}", "date": "2015-07-21"}, ensure_ascii=False)


def read(path: Path) -> tuple[list[Article], list[InputError]]:
    items = list(iter_articles([str(path)]))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputError)]


def test_a_lone_surrogate_is_cleaned_and_the_batch_goes_on(tmp_path: Path) -> None:
    f = tmp_path / "news.jsonl"
    f.write_text("\n".join([good_line(1), '{"title": "x", "content": "' + GOOD + ' \\ud800 end"}', good_line(3)]),
                 encoding="utf-8")
    articles, errors = read(f)
    assert len(articles) == 3 and not errors
    assert "\ufffd" in articles[1].text
    articles[1].text.encode("utf-8")  # storable


def test_a_line_of_stray_bytes_does_not_turn_utf8_lines_into_mojibake(tmp_path: Path) -> None:
    """Found by the fuzz test: ASCII lines plus one short line of non-UTF-8 bytes made the whole file read as
    windows-1256 (plausible enough once the ASCII dilutes the mojibake), so every Arabic title came out garbled."""
    f = tmp_path / "news.jsonl"
    ascii_lines = [json.dumps({"title": "x" * 200}).encode()] * 3
    f.write_bytes(b"\n".join([good_line(0).encode("utf-8"), *ascii_lines, b"\x9d3", good_line(1).encode("utf-8")])
                  + b"\n")
    articles, errors = read(f)
    assert [a.title for a in articles] == ["خبر 0", "خبر 1"]
    assert 5 in [e.line for e in errors]  # the stray bytes are that line's error (the title-only lines have no text)


def test_deep_nesting_is_one_line_error_and_later_records_are_read(tmp_path: Path) -> None:
    f = tmp_path / "news.jsonl"
    f.write_text("\n".join([good_line(1), "[" * 100_000 + "]" * 100_000, good_line(3)]), encoding="utf-8")
    articles, errors = read(f)
    assert [a.title for a in articles] == ["خبر 1", "خبر 3"]
    assert len(errors) == 1 and str(errors[0]).startswith(f"{f}:2: ")


def test_a_nul_bearing_line_refuses_that_line_not_the_file(tmp_path: Path) -> None:
    f = tmp_path / "news.jsonl"
    f.write_bytes((good_line(1) + "\n").encode() + b'{"content": "a\x00b"}\n' + (good_line(3) + "\n").encode())
    articles, errors = read(f)
    assert [a.title for a in articles] == ["خبر 1", "خبر 3"]
    assert len(errors) == 1 and errors[0].line == 2


def test_an_escaped_nul_is_dropped_from_the_text(tmp_path: Path) -> None:
    f = tmp_path / "news.jsonl"
    f.write_text('{"content": "' + GOOD + '\\u0000 end", "source": "x\\u0000y"}\n', encoding="utf-8")
    articles, errors = read(f)
    assert not errors and "\x00" not in articles[0].text and articles[0].outlet == "xy"


def test_utf16_without_bom_is_read(tmp_path: Path) -> None:
    for encoding in ("utf-16-le", "utf-16-be"):
        txt = tmp_path / f"a-{encoding}.txt"
        txt.write_bytes(f"عنوان\n{GOOD}\n".encode(encoding))
        jsonl = tmp_path / f"a-{encoding}.jsonl"
        jsonl.write_bytes((good_line(1) + "\n" + good_line(2) + "\n").encode(encoding))
        (a,), errors = read(txt)
        assert not errors and GOOD in a.text
        articles, errors = read(jsonl)
        assert not errors and len(articles) == 2


def test_a_truncated_warc_record_is_an_error_not_a_shorter_article(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = f"<html><body><article><p>{GOOD * 20}</p></article></body></html>".encode()
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://example.org/a", "response", payload=io.BytesIO(page),
                                                  http_headers=headers))
    whole = buf.getvalue()
    f = tmp_path / "cut.warc"
    f.write_bytes(whole[: whole.index(page) + len(page) // 2])
    articles, errors = read(f)
    assert not articles
    assert any("truncated" in str(e) for e in errors)


def test_a_batch_with_poison_records_stores_every_good_one(tmp_path: Path) -> None:
    """`rasd run` on the poison file: every good record is stored, each bad one is one error line."""
    from click.testing import CliRunner

    from rasd.cli import cli
    from rasd.store.repository import Repository

    f = tmp_path / "news.jsonl"
    f.write_text("\n".join([good_line(1), '{"content": "\\ud800"}', "[" * 50_000, good_line(4), "{", good_line(6)]),
                 encoding="utf-8")
    db = tmp_path / "s.db"
    result = CliRunner().invoke(cli, ["run", str(f), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    with Repository(str(db)) as repo:
        assert repo.counts()["articles"] == 4  # lines 1, 2 (cleaned), 4 and 6


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(
        ["content", "text", "title", "url", "source", "outlet", "published", "date", "language"]), inner, max_size=5),
    max_leaves=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(noise=st.lists(st.binary(max_size=200) | JSON_VALUES.map(lambda v: json.dumps(v).encode()), max_size=6),
       suffix=st.sampled_from([".jsonl", ".json", ".txt", ".html", ".warc"]))
def test_fuzz_readers_never_raise_and_keep_good_records(tmp_path: Path, noise: list[bytes], suffix: str) -> None:
    """Random bytes and random JSON lines between good records: only rasd's own errors come out, and in a JSONL
    file every good record is still read."""
    f = tmp_path / f"fuzz{suffix}"
    lines = [good_line(0).encode()] + [n.replace(b"\n", b" ") for n in noise] + [good_line(99).encode()]
    f.write_bytes(b"\n".join(lines) + b"\n")
    items = list(iter_articles([str(f)]))
    assert all(isinstance(i, (Article, RasdError)) for i in items)
    if suffix == ".jsonl":
        titles = [i.title for i in items if isinstance(i, Article)]
        assert titles[0] == "خبر 0" and titles[-1] == "خبر 99"
    for item in items:
        if isinstance(item, Article):
            item.text.encode("utf-8")  # storable: no lone surrogate survives
