"""`rasd serve` (the REST API and the dashboard) and `rasd keys create|list|revoke` (API keys for its writes).

Keys are printed once, on creation, and stored only as a hash: a lost key is revoked and replaced, never recovered.
"""

from __future__ import annotations

import json

import click

from rasd.cli.common import RasdCommandError, db_option, info, open_store, quiet_option
from rasd.errors import RasdError

#: Names a server on this machine is always reached by.
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
#: Seconds an idle keep-alive connection stays open (uvicorn's default, 5, is short enough that on a busy machine a
#: client reusing a connection as the server closes it gets a reset instead of an answer).
KEEP_ALIVE_S = 30


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (127.0.0.1: this machine only; 0.0.0.0 exposes the API to the network).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--cors-origin", "cors_origins", multiple=True, metavar="ORIGIN",
              help="Allow browser pages from this origin to call the API (repeatable; CORS is off by default).")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="A host name clients reach the server by (repeatable). Requests naming another host in their "
                   "Host header are refused (DNS rebinding); loopback names and --host are always allowed.")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]), default="info",
              show_default=True)
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Server processes (default: one per core; on Linux each listens on its own socket of the port, "
                   "so connections spread evenly). Each keeps its own caches (on SQLite they also share their "
                   "costliest answers through a temporary folder); on SQLite a write by any process shows in every "
                   "worker's answers at once, on PostgreSQL within 10 s.")
@quiet_option
def serve(db: str | None, host: str, port: int, cors_origins: tuple[str, ...], allowed_hosts: tuple[str, ...],
          log_level: str, workers: int | None) -> None:
    """Serve the REST API under /api/, its docs at /docs and the map dashboard at / (spec at /api/openapi.json)."""
    import os
    import shutil
    import tempfile

    import uvicorn

    from rasd.api.app import CORS_ENV, create_app, warm_caches, warm_up
    from rasd.api.shared_cache import SHARED_CACHE_ENV
    from rasd.api.shared_cache import create as create_shared
    from rasd.api.workers import available as reuse_port_workers
    from rasd.api.workers import serve_workers

    workers = workers or os.cpu_count() or 1
    shared_dir: str | None = None
    repo = open_store(db, must_exist=False)  # opened here too: a missing or broken store fails before any worker starts
    hosts: list[str] | None = [*LOOPBACK_NAMES, host, *allowed_hosts]
    if host in ("0.0.0.0", "::") and not allowed_hosts:  # the user asked to listen everywhere
        hosts = None
        info("rasd: listening on every address without --allowed-host: the Host header is not checked")
    info(f"rasd: serving {repo.url} at http://{host}:{port}/ (API under /api/, docs at /docs"
         f"{f', {workers} workers' if workers > 1 else ''})")
    try:
        if workers == 1:
            warm_up()
            app = create_app(repo, cors_origins=list(cors_origins) or None, allowed_hosts=hosts)
            warm_caches(app)
            uvicorn.run(app, host=host, port=port, log_level=log_level, timeout_keep_alive=KEEP_ALIVE_S)
        else:  # each worker process builds its own app over the same store, named through the environment
            os.environ["RASD_DB"] = repo.url
            os.environ[CORS_ENV] = " ".join(cors_origins)
            os.environ["RASD_ALLOWED_HOSTS"] = ",".join(hosts or [])
            shared_dir = tempfile.mkdtemp(prefix="rasd-serve-")  # the answers the workers share (a cache)
            os.environ[SHARED_CACHE_ENV] = os.path.join(shared_dir, "answers")
            create_shared(os.environ[SHARED_CACHE_ENV])
            if reuse_port_workers():  # each worker its own socket: connections spread evenly over them
                serve_workers("rasd.api.app:app_from_env", workers, host, port, log_level=log_level,
                              timeout_keep_alive=KEEP_ALIVE_S)
            else:
                uvicorn.run("rasd.api.app:app_from_env", factory=True, workers=workers, host=host, port=port,
                            log_level=log_level, timeout_keep_alive=KEEP_ALIVE_S)
    finally:
        repo.close()
        if shared_dir is not None:
            shutil.rmtree(shared_dir, ignore_errors=True)


@click.group()
def keys() -> None:
    """API keys for the API's write endpoints (stored hashed; a key is shown once, when created)."""


@keys.command("create")
@db_option
@click.option("--name", default="", help="A label to recognise the key by in `rasd keys list`.")
@click.option("--json", "as_json", is_flag=True, help="Print the key and its id as one JSON object.")
@quiet_option
def keys_create(db: str | None, name: str, as_json: bool) -> None:
    """Create a key and print it on stdout (it cannot be shown again)."""
    from rasd.api.keys import create_key

    with open_store(db, must_exist=False) as repo:
        try:
            key, key_info = create_key(repo, name)
        except RasdError as exc:
            raise RasdCommandError(str(exc)) from exc
    if as_json:
        click.echo(json.dumps({"key": key, **key_info.to_dict()}, ensure_ascii=False))
    else:
        click.echo(key)
    info(f"rasd: created API key {key_info.key_id}; send it as the X-API-Key header. It is not stored and "
         "cannot be shown again.")


@keys.command("list")
@db_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per key.")
@quiet_option
def keys_list(db: str | None, as_json: bool) -> None:
    """List keys (ids, names, dates; never the keys themselves)."""
    from rasd.api.keys import list_keys

    with open_store(db, must_exist=False) as repo:
        found = list_keys(repo)
    for key_info in found:
        if as_json:
            click.echo(json.dumps(key_info.to_dict(), ensure_ascii=False))
        else:
            d = key_info.to_dict()
            state = "active" if key_info.active else f"revoked {d['revoked_at']}"
            click.echo(f"{key_info.key_id}\t{key_info.name or '-'}\tcreated {d['created_at']}\t"
                       f"last used {d['last_used_at'] or 'never'}\t{state}")
    info(f"rasd: {len(found)} key(s)")


@keys.command("revoke")
@click.argument("key_id")
@db_option
@quiet_option
def keys_revoke(key_id: str, db: str | None) -> None:
    """Revoke a key, given its id (or the key itself)."""
    from rasd.api.keys import key_id_of, revoke_key

    key_id = key_id_of(key_id)  # never echo a full key given by mistake: its secret would land in logs
    with open_store(db, must_exist=False) as repo:
        try:
            revoked = revoke_key(repo, key_id)
        except RasdError as exc:
            raise RasdCommandError(str(exc)) from exc
        if not revoked:
            raise RasdCommandError(f"no active API key with id {key_id!r} (see `rasd keys list`)")
    info(f"rasd: revoked API key {key_id}")
