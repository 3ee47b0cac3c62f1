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

The scratch database starts from the command's baseline when it has one (``RenderOptions.baseline``:
a schema file's DDL or the models' ``metadata.create_all`` DDL), run statement by statement in a
session of its own (a ``pg_dump`` file's ``SET`` lines stay there); a statement the scratch server
refuses (an ``OWNER TO`` a role it lacks, an extension it does not have) is counted and said in
one line, and the rest is made. With no baseline, a revision failing on a table nothing created
says that the baseline may be missing.
"""

from __future__ import annotations

import contextlib
import importlib
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


_MISSING_RELATION = re.compile(r"^(UndefinedTable|NoSuchTableError)\b|no such table", re.I)


class OnlineUnavailable(ConfigError):
    """This dialect cannot be rendered online here (exit 2 where the user asked for it)."""


def render_online(project: AlembicProject, order: list[Revision], options: RenderOptions) -> list[Rendered]:
    with _connection(options) as connection:
        if options.baseline:
            _create_baseline(connection, options)
        recorder = _OnlineRecorder(project, connection, baseline=bool(options.baseline))
        with recorder:
            return [recorder.run(revision) for revision in order]


def _create_baseline(connection: sa.Connection, options: RenderOptions) -> None:
    """The baseline's statements, each committed on its own, in a session apart from the
    revisions' (SQLite's in-memory database has one connection: the revisions' own)."""
    from ..core.parse import blank_psql_meta_commands, parse_sql

    statements = [s for s in parse_sql(blank_psql_meta_commands(options.baseline), dialect=options.dialect)
                  if s.text.strip()]
    failed: list[tuple[int, str]] = []
    own = options.dialect != "sqlite"
    raw = connection.engine.raw_connection() if own else None
    driver = raw.driver_connection if raw is not None else connection.connection.driver_connection
    try:
        if own:
            driver.autocommit = True
        for statement in statements:
            cursor = driver.cursor()
            try:
                cursor.execute(statement.text)
                if not own:
                    driver.commit()
            except Exception as exc:  # the scratch server refuses it: the rest is still made
                if not own:
                    driver.rollback()
                failed.append((statement.line, " ".join(str(exc).split()) or type(exc).__name__))
            finally:
                cursor.close()
    finally:
        if raw is not None:
            raw.close()
    if failed:
        line, error = failed[0]
        options.say(f"{len(failed)} of the baseline's {len(statements)} statements failed on the scratch database "
                    f"(the first, at line {line}: {error}); the revisions run on the rest")


@contextlib.contextmanager
def _connection(options: RenderOptions) -> Iterator[sa.Connection]:
    if options.dialect == "sqlite":  # a private in-memory database is the scratch database
        engine = sa.create_engine("sqlite://", **({"future": True} if sa.__version__.startswith("1.") else {}))
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

    driver = _postgres_driver()
    with scratch_database(options.database_url) as url:
        rest = url.partition("://")[2]
        # SQLAlchemy 1.4 (apps pinned to it) is run in its 2.0 mode: commit() and begin() as here
        future = {"future": True} if sa.__version__.startswith("1.") else {}
        engine = sa.create_engine(f"postgresql+{driver}://{rest}", poolclass=sa.pool.NullPool, **future)
        try:
            with engine.connect() as connection:
                yield connection
        finally:
            engine.dispose()


def _elsewhere(exc: BaseException, connection: sa.Connection) -> str | None:
    """The driver of another database ``exc`` came from (a session the app opened on its own
    configured database, not the migration's connection), else None."""
    cause = getattr(exc, "orig", None)
    if cause is None:
        return None
    theirs = type(cause).__module__.split(".")[0]
    ours = getattr(connection.dialect.dbapi, "__name__", "").split(".")[0]
    return theirs if ours and theirs != ours else None


def _postgres_driver() -> str:
    """The PostgreSQL driver the revisions run through: psycopg 3 where this SQLAlchemy has a
    dialect for it (2.0+), else psycopg2 (an app pinned to SQLAlchemy 1.4 has that one)."""
    from sqlalchemy.dialects import registry

    for driver, module in (("psycopg", "psycopg"), ("psycopg2", "psycopg2")):
        try:
            registry.load(f"postgresql.{driver}")
            importlib.import_module(module)
        except Exception:
            continue
        return driver
    raise OnlineUnavailable(f"SQLAlchemy {sa.__version__} here has no PostgreSQL driver to run the revisions "
                            "with: SQLAlchemy 2 runs them through psycopg 3, 1.4 through psycopg2 (pip install "
                            "psycopg2-binary)")


class _OnlineRecorder(Positions):
    def __init__(self, project: AlembicProject, connection: sa.Connection, *, baseline: bool = False) -> None:
        super().__init__()
        self.connection = connection
        self.baseline = baseline
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
            with self.batches():
                upgrade()
            if context._transaction is not None:
                context._transaction.commit()
        except Exception as exc:
            with contextlib.suppress(Exception):
                if self.connection.in_transaction():
                    self.connection.rollback()
            failure = self.failure(exc, "the revision fails on the scratch database")
            elsewhere = _elsewhere(exc, self.connection)
            if elsewhere:
                failure = (failure[0], failure[1], f"{failure[2]} (it ran on a {elsewhere} connection of its own, "
                           "not the migration's: the app's own database settings, which the scratch database is "
                           "not)")
            elif not self.baseline and _MISSING_RELATION.search(failure[2]):
                failure = (failure[0], failure[1], f"{failure[2]} (no baseline was given: if the app's first tables "
                           "come from metadata.create_all, pass --schema package.models:Base or a schema file)")
            return Rendered(revision, self._emitted, failure)
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
        if hasattr(cursor, "mogrify"):  # psycopg2
            text = cursor.mogrify(statement, parameters)
            return text.decode() if isinstance(text, bytes) else text
        import psycopg

        return psycopg.ClientCursor(cursor.connection).mogrify(statement, parameters)
    except Exception:
        return statement
