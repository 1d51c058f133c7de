"""The bundled demo sample: small, readable, rebuilt identically by its script, and free of evaluation articles."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from rasd.errors import InputError
from rasd.ingest.sources import iter_articles

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "rasd" / "samples" / "sample.jsonl"
SHARED = ROOT.parent / "shared"


def test_sample_is_small_and_every_line_is_an_article():
    assert SAMPLE.stat().st_size < 2_000_000
    items = list(iter_articles([str(SAMPLE)]))
    assert not [i for i in items if isinstance(i, InputError)]
    assert len(items) == 201
    assert items[0].published.isoformat() == "2020-01-16"  # the seed article comes first, with its date
    assert len({a.outlet for a in items}) >= 10  # spread across outlets
    assert (ROOT / "rasd" / "samples" / "ATTRIBUTION.md").read_text(encoding="utf-8").count("CC BY-NC-SA 4.0") >= 1


@pytest.mark.skipif(not (SHARED / "eval" / "dev" / "articles.jsonl").is_file(), reason="needs ../shared")
def test_sample_excludes_evaluation_articles_and_rebuilds_identically(tmp_path):
    dev = [json.loads(line) for line in (SHARED / "eval" / "dev" / "articles.jsonl").open(encoding="utf-8")]
    dev_urls = {d["url"] for d in dev}
    dev_texts = {" ".join((d.get("content") or "").split()) for d in dev}
    sample = [json.loads(line) for line in SAMPLE.open(encoding="utf-8")]
    assert not [r["url"] for r in sample if r["url"] in dev_urls]
    assert not [r["url"] for r in sample if " ".join((r.get("content") or "").split()) in dev_texts]
    spec = importlib.util.spec_from_file_location("build_sample", ROOT / "scripts" / "build_sample.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "sample.jsonl"
    assert module.main(["--shared", str(SHARED), "--out", str(out)]) == 0
    assert out.read_bytes() == SAMPLE.read_bytes()
