"""Shared fixtures: small real-looking inputs of every kind, and a stand-in extractor for CLI/store plumbing tests.

The stand-in (`fake_pipeline`) makes one deterministic event per article from the article's own metadata, so the
tests of output, provenance, store and filters check rasd's plumbing whatever the real extractor finds.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from rasd.model import ArticleResult, Event, Span

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "fixtures" / "seed" / "article.txt"

ARABIC_TITLE = "مقتل جنديين في هجوم لداعش قرب الحدود"
ARABIC_BODY = (
    "أفادت مصادر أمنية عراقية بأن عنصرين من الجيش العراقي قتلا وأصيب أربعة آخرون في هجوم شنه تنظيم داعش "
    "على نقطة تفتيش في محافظة الأنبار غربي العراق، فجر الأحد.\n\n"
    "وأضافت المصادر أن القوات الأمنية طوقت المنطقة وبدأت عملية تفتيش واسعة بحثا عن المهاجمين."
)


@pytest.fixture(scope="session", autouse=True)
def _warm_cache_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The warm cache (rasd.engine.warm_cache) of the tests' runs, in-process and in subprocesses, goes to a
    directory of this session rather than the user's ~/.cache: its first run builds it, later ones read it."""
    import os

    os.environ.setdefault("RASD_CACHE_DIR", str(tmp_path_factory.mktemp("warm-cache")))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def arabic_text() -> str:
    return f"{ARABIC_TITLE}\n\n{ARABIC_BODY}\n"


@pytest.fixture
def inputs(tmp_path: Path, arabic_text: str) -> dict[str, Path]:
    """One good file of each kind: .txt, .html, .jsonl (SaudiNewsNet fields, two records), .json."""
    txt = tmp_path / "article.txt"
    txt.write_text(arabic_text, encoding="utf-8")
    html = tmp_path / "page.html"
    html.write_text(
        "<html><head><title>" + ARABIC_TITLE + "</title>"
        '<meta property="article:published_time" content="2020-01-13T08:00:00Z"></head><body>'
        "<nav>الرئيسية | أخبار | رياضة</nav><article><h1>" + ARABIC_TITLE + "</h1>"
        + "".join(f"<p>{p}</p>" for p in ARABIC_BODY.split("\n\n"))
        + "<p>وأعلنت خلية الإعلام الأمني مقتل أحد المهاجمين خلال الاشتباك.</p>"
        + "</article><footer>جميع الحقوق محفوظة</footer></body></html>",
        encoding="utf-8",
    )
    records = [
        {"source": "alyaum", "url": "http://example.org/a/1", "date_extracted": "2015-07-31 04:24:16",
         "title": "اشتباكات في الرمادي", "author": "", "content": "قتل ثلاثة من عناصر داعش في اشتباكات مع الجيش."},
        {"source": "okaz", "url": "http://example.org/a/2", "date_extracted": "2015-08-02 10:00:00",
         "title": "انفجار في بغداد", "author": "", "content": "أصيب خمسة مدنيين بانفجار عبوة ناسفة في بغداد."},
    ]
    jsonl = tmp_path / "news.jsonl"
    jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"title": "قصف", "text": "قصفت طائرات مسيرة مواقع في دير الزور.",
                                  "url": "http://example.org/b/1", "published": "2019-05-01"}, ensure_ascii=False),
                      encoding="utf-8")
    return {"txt": txt, "html": html, "jsonl": jsonl, "json": single}


@pytest.fixture
def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    """One file for each way an input can be unreadable."""
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    # bytes that are neither UTF-8 nor any Arabic code page in a plausible way (Latin-1 symbols and C1 controls)
    (bad / "garbled.txt").write_bytes(bytes([0x80, 0x81, 0x8d, 0x9d, 0xa2, 0xa4, 0xa5, 0xa6, 0xa7, 0xa9]) * 40)
    (bad / "broken.jsonl").write_text('{"title": "أ", "content": "خبر عاجل عن هجوم."}\n{not json\n'
                                      '{"title": "ب"}\n', encoding="utf-8")
    return {"missing": bad / "does-not-exist.txt", "empty": bad / "empty.txt", "binary": bad / "binary.txt",
            "garbled": bad / "garbled.txt", "broken": bad / "broken.jsonl"}


def fake_process(article, kb=None) -> ArticleResult:
    """One event per article, built from the article itself (so it is deterministic and checkable)."""
    outlet = article.outlet or "unknown"
    country, admin1 = ("Syria", "Deir ez-Zor") if "دير" in article.text else ("Iraq", "Al-Anbar")
    event_type = "Explosions/Remote violence" if "عبوة" in article.text or "قصف" in article.text else "Battles"
    word_end = article.text.find(" ")
    ev = Event(
        event_date=article.published, time_precision=1, event_type=event_type, disorder_type="Political violence",
        actor1="Islamic State" if "داعش" in article.text else "Unidentified Armed Group (Iraq)",
        actor2=f"Military Forces of Iraq ({outlet})", country=country, iso3="IRQ" if country == "Iraq" else "SYR",
        admin1=admin1, fatalities=len(article.text) % 5,
        evidence={"event_type": Span.of(article.text, 0, word_end if word_end > 0 else len(article.text))},
        notes=f"kb={'yes' if kb is not None else 'no'}",
    )
    return ArticleResult(article=article, events=[ev])


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch):
    """Replace the extractor with `fake_process` (the CLI and store must not care which extractor runs)."""
    import rasd.pipeline

    monkeypatch.setattr(rasd.pipeline, "process", fake_process)
    return fake_process


def stdout_objects(stdout: str) -> list[dict]:
    """The JSON objects on stdout, asserting every non-blank line is one (the scorer's reading of stdout)."""
    out = []
    for line in stdout.splitlines():
        if line.strip():
            assert line.startswith("{"), f"non-JSON line on stdout: {line!r}"
            out.append(json.loads(line))
    return out


@pytest.fixture(scope="session")
def kb():
    """One knowledge base for the event tests (loading it and building its automaton takes a second or two)."""
    from rasd.kb import load_kb

    return load_kb()
