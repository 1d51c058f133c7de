"""Configuration lookup: CLI flag > environment (`RASD_...`) > `rasd.toml` > built-in default.

Only settings that several entry points share live here (today: where the store is). Defaults work with no
configuration at all, so a fresh checkout runs `rasd run` or `rasd demo` without any file.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from rasd.errors import RasdError

#: The store used when nothing else says otherwise: a SQLite file in the working directory.
DEFAULT_DB = "rasd.db"
#: Where `rasd demo` writes unless told otherwise (overwritten on every run).
DEFAULT_DEMO_DB = "rasd-demo.db"
#: Environment variable naming the store (a path or an SQLAlchemy URL).
DB_ENV = "RASD_DB"
#: Optional project-level configuration file, read from the working directory.
CONFIG_FILE = "rasd.toml"


def read_config_file(path: str | os.PathLike[str] = CONFIG_FILE) -> dict[str, Any]:
    """The parsed `rasd.toml`, or an empty dict when there is none; a malformed file is the user's to fix."""
    p = Path(path)
    if not p.is_file():
        return {}
    try:
        with p.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RasdError(f"{p}: cannot read configuration: {exc}") from exc


def resolve_db(flag: str | None = None, default: str = DEFAULT_DB) -> str:
    """The store location to use: `--db` flag, then `$RASD_DB`, then `[store] db` in rasd.toml, then `default`."""
    if flag:
        return flag
    env = os.environ.get(DB_ENV)
    if env:
        return env
    store = read_config_file().get("store", {})
    if isinstance(store, dict) and store.get("db"):
        return str(store["db"])
    return default


def db_url(location: str) -> str:
    """An SQLAlchemy URL for a path or URL: `rasd.db` -> `sqlite:///rasd.db`, URLs pass through unchanged."""
    if "://" in location:
        return location
    if location == ":memory:":
        return "sqlite://"
    return "sqlite:///" + str(Path(location).expanduser())


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for in-memory databases and other dialects."""
    if not url.startswith("sqlite"):
        return None
    _, _, rest = url.partition(":///")
    if not rest or rest == ":memory:":
        return None
    return Path(rest)


#: Characters of one article's text that extraction reads by default (longer texts are cut; see rasd.pipeline).
DEFAULT_MAX_TEXT_CHARS = 200_000
#: Environment variable overriding it (0 turns the cap off).
MAX_TEXT_ENV = "RASD_MAX_TEXT_CHARS"


def max_text_chars() -> int:
    """The text cap: `$RASD_MAX_TEXT_CHARS`, then `[extract] max_text_chars` in rasd.toml, then 200,000 characters.

    Extraction is linear in the text's length, but a 50 MB single "article" would still hold a worker for minutes;
    no news article comes near the cap."""
    raw: Any = os.environ.get(MAX_TEXT_ENV)
    if raw is None:
        extract = read_config_file().get("extract", {})
        raw = extract.get("max_text_chars") if isinstance(extract, dict) else None
    if raw is None:
        return DEFAULT_MAX_TEXT_CHARS
    try:
        value = int(raw)
    except (TypeError, ValueError) as exc:
        raise RasdError(f"{MAX_TEXT_ENV} / [extract] max_text_chars must be a whole number, not {raw!r}") from exc
    return max(0, value)
