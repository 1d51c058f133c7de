"""API keys for the write endpoints: created by `rasd keys create`, stored hashed, checked on every write.

A key reads `rasd_<key_id>_<secret>`. The key_id is public (it names the key in `rasd keys list` and lets a check
find the row without scanning); only the sha256 of the whole key is stored. The secret carries 256 random bits, so
a fast hash is enough: there is nothing to brute-force that a slow password hash would protect better.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from rasd.errors import StoreError
from rasd.store.repository import Repository, write_session
from rasd.store.schema import ApiKeyRow

KEY_PREFIX = "rasd_"

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ApiKeyInfo:
    """What `rasd keys list` shows about a key (never the key itself, which is not stored)."""

    key_id: str
    name: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def to_dict(self) -> dict[str, object]:
        def iso(value: datetime | None) -> str | None:
            return value.isoformat(timespec="seconds") if value else None

        return {"key_id": self.key_id, "name": self.name, "created_at": iso(self.created_at),
                "last_used_at": iso(self.last_used_at), "revoked_at": iso(self.revoked_at), "active": self.active}


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _info(row: ApiKeyRow) -> ApiKeyInfo:
    return ApiKeyInfo(row.key_id, row.name, row.created_at, row.last_used_at, row.revoked_at)


def create_key(repo: Repository, name: str = "") -> tuple[str, ApiKeyInfo]:
    """A new key: returns the full secret key (shown once, never stored) and its public description."""
    key_id = secrets.token_hex(6)
    key = f"{KEY_PREFIX}{key_id}_{secrets.token_urlsafe(32)}"
    row = ApiKeyRow(key_id=key_id, name=name.strip()[:200], key_hash=hash_key(key), created_at=_now())
    described = _info(row)
    try:
        with write_session(repo.engine) as session, session.begin():
            session.add(row)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot create API key: {exc}") from exc
    return key, described


def list_keys(repo: Repository) -> list[ApiKeyInfo]:
    """Every key, oldest first, revoked ones included (so an audit sees them)."""
    with Session(repo.engine) as session:
        rows = session.scalars(select(ApiKeyRow).order_by(ApiKeyRow.created_at, ApiKeyRow.key_id))
        return [_info(row) for row in rows]


def key_id_of(key_or_id: str) -> str:
    """The key_id of a full key (`rasd_<id>_<secret>`), or the argument itself when it is already an id."""
    value = key_or_id.strip()
    if value.startswith(KEY_PREFIX):
        value = value[len(KEY_PREFIX):].split("_", 1)[0]
    return value


def revoke_key(repo: Repository, key_or_id: str) -> bool:
    """Revoke a key given by its id (or the full key); False when no active key has that id."""
    key_id = key_id_of(key_or_id)
    try:
        with write_session(repo.engine) as session, session.begin():
            row = session.get(ApiKeyRow, key_id)
            if row is None or row.revoked_at is not None:
                return False
            row.revoked_at = _now()
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot revoke API key {key_id}: {exc}") from exc
    return True


#: How stale `last_used_at` may get before a key check writes it again: a write per request would make every
#: API client queue behind `rasd run` for the store's write lock just to say "used now".
LAST_USED_RESOLUTION = timedelta(minutes=1)


def verify_key(repo: Repository, key: str | None) -> ApiKeyInfo | None:
    """The active key matching `key`, or None. Compares hashes in constant time; records when the key was used.

    The check itself only reads. Recording the use is best effort: at most once a minute per key, under the write
    lock, and a store too busy to take it leaves the old time rather than failing the request."""
    if not key or not key.startswith(KEY_PREFIX) or len(key) > 200:
        return None
    key_id = key_id_of(key)
    with Session(repo.engine) as session:
        row = session.get(ApiKeyRow, key_id)
        if row is None or row.revoked_at is not None:
            return None
        if not hmac.compare_digest(row.key_hash, hash_key(key)):
            return None
        info = _info(row)
    now = _now()
    if info.last_used_at is None or now - info.last_used_at >= LAST_USED_RESOLUTION:
        try:
            with write_session(repo.engine) as session, session.begin():
                session.execute(update(ApiKeyRow).where(ApiKeyRow.key_id == key_id).values(last_used_at=now))
            info = ApiKeyInfo(info.key_id, info.name, info.created_at, now, info.revoked_at)
        except SQLAlchemyError as exc:
            log.warning("API key %s: last use not recorded (%s)", key_id, type(exc).__name__)
    return info
