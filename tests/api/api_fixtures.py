"""Fixtures for the API tests: a small store of hand-built events (with Arabic evidence), a client, an API key.

Imported by the test modules (not a conftest.py: tests/test_cli.py imports the root conftest by its bare name, and a
second conftest module here would shadow it).

The events are built here (api_samples.py) rather than by the extractor so the tests check the API's plumbing
whatever the extractor finds; one ingest test and the browser test run the real pipeline.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from api_samples import sample_results


@pytest.fixture
def store_path(tmp_path: Path) -> str:
    from rasd.store.repository import Repository

    path = str(tmp_path / "api.db")
    with Repository(path) as repo:
        for result in sample_results():
            assert repo.add_result(result)
    return path


@pytest.fixture
def app(store_path: str):
    from rasd.api.app import create_app

    application = create_app(store_path)
    yield application
    application.state.repo.close()


@pytest.fixture
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c


@pytest.fixture
def api_key(app) -> str:
    from rasd.api.keys import create_key

    key, _ = create_key(app.state.repo, "tests")
    return key
