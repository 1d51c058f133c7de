"""Store fixtures: every store test runs on SQLite and, when RASD_TEST_PG names a server, on PostgreSQL too.

RASD_TEST_PG is an SQLAlchemy URL of a database the tests may wipe (e.g.
postgresql+psycopg://postgres@127.0.0.1:55432/rasd_test); .ci/run starts a throwaway server and sets it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_ENV = "RASD_TEST_PG"


def reset_postgres(url: str) -> None:
    """Drop everything in the test database's public schema, so each test starts from an empty store."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


def postgres_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"PostgreSQL store tests need {PG_ENV}=postgresql+psycopg://... (set by .ci/run)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("PostgreSQL store tests need the psycopg driver (pip install 'psycopg[binary]')")
    host = url.split("@")[-1].split("/")[0].split(":")[0]
    if host not in ("127.0.0.1", "localhost", "::1", ""):
        pytest.skip(f"{PG_ENV} must point at a loopback server, not {host}")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty store location: a SQLite file, or the wiped PostgreSQL test database."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
        return
    url = postgres_url()
    reset_postgres(url)
    yield url
