"""Shared fixtures. The PostgreSQL fixture lives in tests/pg.py (imported by runner tests)."""

from __future__ import annotations

import compileall
from pathlib import Path

import pytest

import expandcontract
from expandcontract.config import Config
from expandcontract.core.migration import ScriptKind, text_migration
from expandcontract.core.schema import Schema
from expandcontract.lint import lint_migrations


def pytest_sessionstart(session) -> None:
    """Compile the package once: the tests start the CLI in hundreds of subprocesses, and
    without bytecode on disk (``PYTHONDONTWRITEBYTECODE``, a fresh editable install) each of
    them compiles every module it imports again. Writes are atomic: parallel runs are safe."""
    compileall.compile_dir(Path(expandcontract.__file__).parent, quiet=1)


ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _from_the_repository_root(monkeypatch):
    """Every test starts in the repository root, wherever pytest was started from: the tool
    shows paths inside the working directory relative to it, so a run from a folder above the
    tests' temporary files (``cd /tmp``) would see other paths. A test may still chdir."""
    monkeypatch.chdir(ROOT)


@pytest.fixture(autouse=True)
def _own_lint_cache(tmp_path_factory, monkeypatch):
    """Each test its own result cache (the CLI's default is the user's cache directory): no test
    is served what another one, or a developer's run, left there."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))


def lint_sql(sql: str, *, schema: str = "", phase: str = "unphased", **config) -> list:
    """Lint one script against a baseline; returns the findings."""
    migration = text_migration("migration.sql", sql, ScriptKind(phase))
    baseline = Schema.from_sql(schema) if schema else None
    return list(lint_migrations([migration], config=Config(**config), baseline=baseline).findings)


def codes(findings) -> list[str]:
    return [f.code for f in findings]


@pytest.fixture
def lint():
    return lint_sql


# the real-server fixtures: mysql_server (session) and mysql_db (a fresh MariaDB/MySQL database per
# test), pg_server (session) and pg_url (a fresh PostgreSQL database per test); and the guard that
# fails a test using them without its server's marker (mysql, postgres)
from .markers import pytest_runtest_setup  # noqa: E402, F401
from .mysql import mysql_db, mysql_server  # noqa: E402, F401
from .pg import pg_server, pg_url  # noqa: E402, F401
