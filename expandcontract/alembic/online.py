"""Online rendering: the revisions run for real, in deployment order, on a scratch database, and
every statement they execute is captured with the revision line that executed it.

Data migrations that read rows, ORM sessions, ``sa.inspect(conn)``, ``Table(autoload_with=conn)``
and dialect-gated code then behave as in production, and their schema changes are linted like
any other. Statements are taken from SQLAlchemy's ``before_cursor_execute`` event, with their
parameters rendered as literals; transaction boundaries from its ``begin`` / ``commit`` events
(none inside ``autocommit_block()``, which runs in AUTOCOMMIT), so the SQL has the same
``BEGIN … COMMIT`` shape as offline rendering. Catalog reads (reflection, inspectors) are left
out: they change nothing. A revision that fails on the scratch database is rolled back, kept as
an ``unrendered`` marker with the reason, and the history goes on.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Iterator

import sqlalchemy as sa
from alembic.operations import Operations
from alembic.runtime.environment import EnvironmentContext
from alembic.script import Script as Revision

from ..core.errors import ConfigError
from .capture import Emitted, Positions, Rendered
from .project import AlembicProject
from .rendering import RenderOptions

__all__ = ["OnlineUnavailable", "render_online"]

_CATALOG_READ = re.compile(r"^\s*(?:(select|with|show)\b.*\b(pg_catalog|information_schema|sqlite_master|"
                           r"sqlite_schema|pg_\w+)\b|pragma\b)", re.I | re.S)


class OnlineUnavailable(ConfigError):
    """This dialect cannot be rendered online here (exit 2 where the user asked for it)."""


def render_online(project: AlembicProject, order: list[Revision], options: RenderOptions) -> list[Rendered]:
    with _connection(options) as connection:
        recorder = _OnlineRecorder(project, connection)
        with recorder:
            return [recorder.run(revision) for revision in order]


@contextlib.contextmanager
def _connection(options: RenderOptions) -> Iterator[sa.Connection]:
    if options.dialect == "sqlite":  # a private in-memory database is the scratch database
        engine = sa.create_engine("sqlite://")
        try:
            with engine.connect() as connection:
                yield connection
        finally:
            engine.dispose()
        return
    if options.dialect != "postgres":
        raise OnlineUnavailable(f"--render online runs the revisions on a scratch PostgreSQL (or an in-memory SQLite "
                                f"database): not for --dialect {options.dialect}; use --render offline")
    from ..scratch import scratch_database

    with scratch_database(options.database_url) as url:
        rest = url.partition("://")[2]
        engine = sa.create_engine(f"postgresql+psycopg://{rest}", poolclass=sa.pool.NullPool)
        try:
            with engine.connect() as connection:
                yield connection
        finally:
            engine.dispose()


class _OnlineRecorder(Positions):
    def __init__(self, project: AlembicProject, connection: sa.Connection) -> None:
        super().__init__()
        self.connection = connection
        self.environment = EnvironmentContext(project.config, project.scripts)
        self._emitted: list[Emitted] = []
        self._stack = contextlib.ExitStack()

    def __enter__(self):
        self._stack.enter_context(self.environment)
        self.environment.configure(connection=self.connection, transactional_ddl=True)
        self.context = self.environment.get_context()
        self._stack.enter_context(Operations.context(self.context))
        for name, handler in (("before_cursor_execute", self._execute), ("begin", self._begin),
                              ("commit", self._commit)):
            sa.event.listen(self.connection, name, handler)
            self._stack.callback(sa.event.remove, self.connection, name, handler)
        return self

    def __exit__(self, *exc) -> None:
        self._stack.__exit__(*exc)

    def run(self, revision: Revision) -> Rendered:
        upgrade = self.start(revision)
        self._emitted = []
        context = self.context
        if self.connection.in_transaction():  # an autobegun read between revisions
            self.connection.commit()
        context._transaction = self.connection.begin()
        try:
            upgrade()
            if context._transaction is not None:
                context._transaction.commit()
        except Exception as exc:
            with contextlib.suppress(Exception):
                if self.connection.in_transaction():
                    self.connection.rollback()
            return Rendered(revision, self._emitted, self.failure(exc, "the revision fails on the scratch database"))
        finally:
            context._transaction = None
        return Rendered(revision, self._emitted)

    def _autocommit(self, connection) -> bool:
        return connection.get_execution_options().get("isolation_level") == "AUTOCOMMIT"

    def _begin(self, connection) -> None:
        if not self._autocommit(connection):
            line, end_line, column = self.here(sys._getframe(1))
            self._emitted.append(Emitted("BEGIN;", line, end_line, column, "begin"))

    def _commit(self, connection) -> None:
        if not self._autocommit(connection):
            line, end_line, column = self.here(sys._getframe(1))
            self._emitted.append(Emitted("COMMIT;", line, end_line, column, "commit"))

    def _execute(self, connection, cursor, statement, parameters, context, executemany) -> None:
        if _CATALOG_READ.match(statement):
            return
        text = _literal(cursor, statement, parameters[0] if executemany and parameters else parameters).strip()
        if not text:
            return
        line, end_line, column = self.here(sys._getframe(1))
        self._emitted.append(Emitted(text if text.endswith(";") else text + ";", line, end_line, column))


def _literal(cursor, statement: str, parameters) -> str:
    """The statement with its parameters as literals, as PostgreSQL would see it."""
    if not parameters:
        return statement
    try:
        import psycopg

        return psycopg.ClientCursor(cursor.connection).mogrify(statement, parameters)
    except Exception:
        return statement
