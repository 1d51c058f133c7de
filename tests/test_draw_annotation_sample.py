"""scripts/draw_annotation_sample.py leaves out every article a new held-out set must not hold: the eval sets', the
repo's own annotated sets' (tests/data/**/articles.jsonl) and every article of the judged draws the learned check
trains on (drawn again from each seed_N.jsonl's seed)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import draw_annotation_sample as draw  # noqa: E402
from judged_unseen import DRAW_SIZE, judged_files  # noqa: E402
from unseen_sample import sample_articles  # noqa: E402


def _urls(path: Path) -> set[str]:
    return {json.loads(line)["url"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def test_the_repo_sets_and_every_judged_draw_are_left_out():
    left_out = draw.left_out_urls()
    for name in ("heldout_s10", "posts_2026/dev", "posts_2026/held"):
        assert _urls(ROOT / "tests/data" / name / "articles.jsonl") <= left_out, name
    first, last = judged_files()[0][0], judged_files()[-1][0]
    for seed in (first, last):
        assert {a["url"] for a in sample_articles(DRAW_SIZE, seed)} <= left_out, seed


def test_the_draw_takes_no_left_out_article(tmp_path, monkeypatch):
    subset = tmp_path / "subset.jsonl"
    rows = [{"url": f"http://x/{i}", "date_extracted": "2015-07-21 10:00:00", "title": f"t{i}", "content": f"c{i}"}
            for i in range(3)]
    subset.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    monkeypatch.setattr(draw, "SUBSET", subset)
    monkeypatch.setattr(draw, "left_out_urls", lambda: {"http://x/1"})
    monkeypatch.setattr(draw, "corpus_rest", lambda left_out: [])
    out = tmp_path / "drawn.jsonl"
    assert draw.main(["--out", str(out), "--security", "2", "--rest", "0", "--seed", "14"]) == 0
    assert _urls(out) == {"http://x/0", "http://x/2"}


def test_an_article_known_under_another_query_string_or_url_is_left_out(tmp_path, monkeypatch):
    """The same article served as "?weekly" or under another URL with the same text is not drawn again."""
    known = tmp_path / "known.jsonl"
    known.write_text(json.dumps({"url": "http://x/1", "content": "نص آخر"}) + "\n"
                     + json.dumps({"url": "http://y/9", "content": "نص  مكرر\n"}) + "\n", encoding="utf-8")
    subset = tmp_path / "subset.jsonl"
    rows = [{"url": "http://x/0", "content": "نص أول"}, {"url": "http://x/1?weekly", "content": "نص ثان"},
            {"url": "http://x/2", "content": "نص مكرر"}]
    subset.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    monkeypatch.setattr(draw, "SUBSET", subset)
    monkeypatch.setattr(draw, "left_out_urls", lambda: draw.urls_of([known]))
    monkeypatch.setattr(draw, "corpus_rest", lambda left_out: [])
    for seed in range(6):  # whichever article the seed would pick, only the unknown one can be drawn
        out = tmp_path / f"drawn{seed}.jsonl"
        assert draw.main(["--out", str(out), "--security", "1", "--rest", "0", "--seed", str(seed)]) == 0
        assert _urls(out) == {"http://x/0"}, seed


def test_an_article_held_twice_by_the_pool_is_drawn_once(tmp_path, monkeypatch):
    """The security subset holds some articles both bare and as "?weekly": a draw takes such an article once."""
    subset = tmp_path / "subset.jsonl"
    rows = [{"url": "http://x/0", "content": "نص أول"}, {"url": "http://x/0?weekly", "content": "نص أول"},
            {"url": "http://x/1", "content": "نص ثان"}]
    subset.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    monkeypatch.setattr(draw, "SUBSET", subset)
    monkeypatch.setattr(draw, "left_out_urls", lambda: set())
    monkeypatch.setattr(draw, "corpus_rest", lambda left_out: [])
    for seed in range(8):
        out = tmp_path / f"drawn{seed}.jsonl"
        assert draw.main(["--out", str(out), "--security", "2", "--rest", "0", "--seed", str(seed)]) == 0
        assert {draw.url_key(u) for u in _urls(out)} == {"http://x/0", "http://x/1"}, seed
