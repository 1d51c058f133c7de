"""Shared fixtures for the Arabic language layer tests: the seed article and real SaudiNewsNet sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3] / "shared"
SEED = SHARED / "fixtures" / "seed" / "article.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip("shared/fixtures/seed/article.txt not present")
    return SEED.read_text(encoding="utf-8")
