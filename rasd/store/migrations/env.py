"""Alembic environment, driven from code: `rasd.store.repository.migrate` passes an open connection.

No alembic.ini is needed at run time; for authoring a new revision, run
`alembic -x url=sqlite:///dev.db revision -m "..."` with `script_location` pointed here (see README in this folder).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from rasd.store.schema import Base, include_name

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    """Migrate over the caller's connection (the normal path), or a URL given with `-x url=...` (authoring)."""
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=connection.dialect.name == "sqlite", include_name=include_name)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    engine = create_engine(url)
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata,
                          render_as_batch=conn.dialect.name == "sqlite", include_name=include_name)
        with context.begin_transaction():
            context.run_migrations()


def run_migrations_offline() -> None:
    """Emit SQL for a URL without connecting (`alembic upgrade head --sql`)."""
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
