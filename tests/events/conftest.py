"""One knowledge base for every event test (loading it and building its automaton takes a second or two)."""

from __future__ import annotations

import pytest

from rasd.kb import load_kb


@pytest.fixture(scope="session")
def kb():
    return load_kb()
