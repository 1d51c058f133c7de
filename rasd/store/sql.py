"""SQL helpers every store module may use, with no store module below them: bulk INSERT (COPY on PostgreSQL), LIKE
patterns, and the JSON form of a mention's value. Kept apart so that bulk loading, the name index and the query
builder do not import one another (layers point down).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import JSON, Connection, insert


def insert_rows(conn: Connection, model: Any, rows: list[dict[str, Any]]) -> None:
    """INSERT many rows: executemany on SQLite; COPY on PostgreSQL, where psycopg's executemany still sends one
    INSERT per row and a million rows would take the server hours of round trips.

    COPY skips SQLAlchemy's type processing, so values are converted here as SQLAlchemy would: JSON columns as
    `json.dumps` text (SQLAlchemy's own serializer), everything else as psycopg adapts it. Columns a row lacks are
    left out and take their server default; every row of one call has the same keys.
    """
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        conn.execute(insert(model), rows)
        return
    table = model.__table__
    names = [c.name for c in table.columns if c.name in rows[0]]
    json_cols = {c.name for c in table.columns if isinstance(c.type, JSON)}
    quoted = ", ".join(f'"{n}"' for n in names)
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        with cursor.copy(f"COPY {table.name} ({quoted}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([json.dumps(row[n]) if n in json_cols and row[n] is not None else row[n]
                                for n in names])
    finally:
        cursor.close()


def like_escape(value: str) -> str:
    """`value` case-folded, with LIKE's wildcards escaped (ESCAPE '\\'), so user input is taken literally."""
    return value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


#: Stands for a NUL in a filter value (see like_pattern).
NO_TEXT_CHAR = "\uffff"


def like_pattern(value: str) -> str:
    """A case-folded LIKE pattern for 'contains value', with LIKE's wildcards escaped.

    A NUL becomes U+FFFF: SQLite's LIKE stops reading the pattern at a NUL, so '%\\0%' matched every row (the
    filter silently off), and PostgreSQL refuses NUL in text. No stored text holds either character (NULs are
    cleaned at ingest; U+FFFF is a Unicode noncharacter), so such a filter stays on and matches nothing."""
    return f"%{like_escape(value.replace(chr(0), NO_TEXT_CHAR))}%"


#: PostgreSQL advisory-lock key held by every writer of a store ("rasd" in ASCII).
PG_LOCK_KEY = 0x72617364


def lock_for_write(connection: Any) -> None:
    """On PostgreSQL, wait for the store's write lock (released at commit); SQLite writers hold it via BEGIN."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_LOCK_KEY})")
