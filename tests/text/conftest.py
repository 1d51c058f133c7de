"""Shared fixtures for the Arabic language layer tests: the seed article and real SaudiNewsNet sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3] / "shared"
SEED = SHARED / "fixtures" / "seed" / "article.txt"
SUBSET = SHARED / "data" / "news" / "saudinewsnet" / "saudinewsnet_iraq_syria_security_subset.jsonl"


@pytest.fixture(scope="session")
def subset_articles() -> list[str]:
    """The first 200 articles of the security subset as the pipeline reads a record (title, blank line, content):
    real text for the tests that check a faster mechanism against the plain one (each takes as many as it needs)."""
    if not SUBSET.is_file():
        pytest.skip(f"{SUBSET} not present")
    out = []
    for line in SUBSET.read_text(encoding="utf-8").splitlines()[:200]:
        rec = json.loads(line)
        out.append((rec.get("title") or "") + "\n\n" + (rec.get("content") or ""))
    return out


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip("shared/fixtures/seed/article.txt not present")
    return SEED.read_text(encoding="utf-8")
