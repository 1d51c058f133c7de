"""Search names: the distinct place, actor and type names of stored events, and each event's actors, so that the
case-insensitive filters of `rasd events` / `rasd stats` / the API use indexes instead of scanning every event.

A filter such as `--admin1 anbar` means "admin1 contains 'anbar', in any case". Matching that against a million
events is a full scan (LIKE '%anbar%' can use no index). But the *distinct* admin1 names number a few hundred: the
filter first finds the matching names in `event_names` (a small table, scanned cheaply), then the events whose
admin1 is one of them, on the admin1 index. Actors work the same way through `event_actors`, one row per event and
actor (actor1, actor2 and every associated actor), indexed both ways. Names are folded with `str.lower` in Python,
so the case-insensitivity is the same on SQLite (whose lower() folds ASCII only) and PostgreSQL.

The tables are kept by every write path (rasd.store.linking, rasd.store.bulk, `rasd import`); names are never
removed (a name no event uses any more matches nothing), so a reader never sees a name missing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, delete, insert, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from rasd.store.schema import EventActorRow, EventNameRow
from rasd.store.sql import insert_rows, like_escape, like_pattern

#: Name kinds: the events column each is drawn from (the actor kind also takes actor2 and associated actors).
NAME_COLUMNS = {"country": "country", "iso3": "iso3", "admin1": "admin1", "admin2": "admin2",
                "event_type": "event_type", "sub_event_type": "sub_event_type", "actor": "actor1"}


def name_key(name: str) -> str:
    """The folded form filters compare: lower case (Python's full Unicode folding, on every database)."""
    return name.lower()


def event_actors(row: dict[str, Any]) -> list[str]:
    """The actors of an events row (its columns plus `data`): actor1, actor2, then the associated actors."""
    data = row.get("data") or {}
    names = [row.get("actor1"), row.get("actor2"), *(data.get("assoc_actor_1") or []),
             *(data.get("assoc_actor_2") or [])]
    out: list[str] = []
    for name in names:
        if name and name not in out:
            out.append(name)
    return out


def names_of(rows: Iterable[dict[str, Any]]) -> set[tuple[str, str]]:
    names: set[tuple[str, str]] = set()
    for row in rows:
        for kind, column in NAME_COLUMNS.items():
            if kind == "actor":
                names.update(("actor", a) for a in event_actors(row))
            elif row.get(column):
                names.add((kind, row[column]))
    return names


def add_names(conn: Connection, names: set[tuple[str, str]]) -> None:
    """Insert names not stored yet (insert-or-ignore: other writers may add the same name)."""
    if not names:
        return
    dialect = conn.dialect.name
    known = set()
    pairs = sorted(names)
    for i in range(0, len(pairs), 400):
        chunk = pairs[i:i + 400]
        kinds = {k for k, _ in chunk}
        stmt = select(EventNameRow.kind, EventNameRow.name).where(
            EventNameRow.kind.in_(kinds), EventNameRow.name.in_([n for _, n in chunk]))
        known.update((k, n) for k, n in conn.execute(stmt))
    rows = [{"kind": k, "name": n, "key": name_key(n)} for k, n in pairs if (k, n) not in known]
    if not rows:
        return
    if dialect == "sqlite":
        conn.execute(sqlite.insert(EventNameRow).on_conflict_do_nothing(), rows)
    elif dialect == "postgresql":
        conn.execute(postgresql.insert(EventNameRow).on_conflict_do_nothing(), rows)
    else:
        conn.execute(insert(EventNameRow), rows)


def index_events(conn: Connection, rows: list[dict[str, Any]], replace: bool = False) -> None:
    """Record the names and actor links of new events rows (dicts of column values, with `data`).

    `replace=True` first drops the events' old actor links (an event whose fields were reconciled again).
    """
    add_names(conn, names_of(rows))
    if replace:
        conn.execute(delete(EventActorRow).where(EventActorRow.event_id.in_([r["event_id"] for r in rows])))
    links = [{"event_id": r["event_id"], "actor": a} for r in rows for a in event_actors(r)]
    if links:
        insert_rows(conn, EventActorRow, links)


def matching_names(kind: str, value: str, *, exact: bool) -> Any:
    """SELECT name FROM event_names of `kind` whose folded name equals (exact) or contains `value`.

    Actors are resolved through the KB first (`actor_condition`), so an Arabic name or an English alias selects the
    names the actor's events are stored under.
    """
    key = name_key(value)
    if kind == "actor":
        cond = actor_condition(value)
    else:
        cond = EventNameRow.key == key if exact else EventNameRow.key.like(like_pattern(key), escape="\\")
    return select(EventNameRow.name).where(EventNameRow.kind == kind, cond)


def actor_condition(value: str) -> Any:
    """Which stored actor names (`event_names.key`) an actor query selects.

    A name the KB does not know matches part of a stored name, as before. A KB actor (by its ACLED name, an English
    alias or an Arabic form: "داعش", "ISIS", "تنظيم الدولة") selects the names that contain its ACLED name, and
    those that are one of its English spellings alone or followed by a qualifier ("Islamic State (Iraq)",
    "Military Forces of Iraq (2014-2018)"). The condition depends only on the actor, never on how it was asked,
    so every form of one actor selects the same events.
    """
    from rasd.kb.actor_names import actor_name, actor_spellings

    spellings = actor_spellings(value)
    if not spellings:
        return EventNameRow.key.like(like_pattern(name_key(value)), escape="\\")
    conds = [EventNameRow.key.like(like_pattern(name_key(actor_name(value))), escape="\\")]
    for spelling in sorted(spellings):
        key = name_key(spelling)
        conds += [EventNameRow.key == key, EventNameRow.key.like(like_escape(key) + " %", escape="\\")]
    return or_(*conds)


def stored_names(conn: Connection, kind: str) -> list[str]:
    """Every distinct stored name of one kind (the candidates of a "did you mean")."""
    return list(conn.scalars(select(EventNameRow.name).where(EventNameRow.kind == kind)))
