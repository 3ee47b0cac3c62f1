"""``--verify-app``: every app query is PREPAREd and DEALLOCATEd against the live schema before
and after each phase. PREPARE parses, resolves names and types, and plans nothing: no query runs.
On MariaDB/MySQL it is ``PREPARE … FROM`` (``?`` placeholders), which resolves every table and
column name too (ERROR 1054 unknown column, 1146 no such table) and runs nothing either.

The interface takes query strings (``$1``-style placeholders). The runner reads no app source
itself: ``check.loaders.preparable_queries`` reads them from the same app sources as ``check``
(SQL files in any placeholder style, SQLAlchemy models, ``git:`` models, query logs) and the
command passes them in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import psycopg
from psycopg import errors as pgerrors

from .errors import VerificationFailed
from .settings import format_duration
from .steps import PhasePlan

__all__ = ["AppQuery", "QueryCheck", "prepare_mysql_queries", "prepare_queries", "verifier"]

_PREPARABLE = ("select", "insert", "update", "delete", "merge", "values", "with", "table")


@dataclass(frozen=True)
class AppQuery:
    text: str
    source: str = "<query>"
    line: int = 1
    param_types: tuple[str, ...] = ()  # SQL type names for $1, $2 … when the query alone cannot tell


@dataclass(frozen=True)
class QueryCheck:
    query: AppQuery
    ok: bool
    error: str | None = None
    sqlstate: str | None = None
    unverifiable: bool = False  # PostgreSQL could not tell a placeholder's type: nothing was proven


def prepare_queries(conn: psycopg.Connection, queries: Sequence[AppQuery], *, lock_timeout: float = 2.0) -> list[QueryCheck]:
    """PREPARE then DEALLOCATE each query on ``conn`` (autocommit). Only statements PREPARE accepts
    (SELECT, INSERT, UPDATE, DELETE, MERGE, VALUES) are checked; nothing is executed."""
    conn.execute(f"SET lock_timeout = '{format_duration(lock_timeout)}'")
    results = []
    for number, query in enumerate(queries, 1):
        first = query.text.lstrip("( \n\t").split(None, 1)
        if not first or first[0].lower() not in _PREPARABLE:
            results.append(QueryCheck(query, True, "not a query PREPARE accepts; not checked", unverifiable=True))
            continue
        name = f"expandcontract_verify_{number}"
        types = f"({', '.join(query.param_types)})" if query.param_types else ""
        try:
            conn.execute(f"PREPARE {name}{types} AS {query.text}")
        except (pgerrors.IndeterminateDatatype, pgerrors.LockNotAvailable) as exc:
            # an unknown placeholder type, or a table locked right now: nothing proven either way
            results.append(QueryCheck(query, True, _line(exc), exc.sqlstate, unverifiable=True))
            continue
        except psycopg.Error as exc:
            if conn.broken:
                raise
            results.append(QueryCheck(query, False, _line(exc), exc.sqlstate))
            continue
        conn.execute(f"DEALLOCATE {name}")
        results.append(QueryCheck(query, True))
    return results


def _line(exc: BaseException) -> str:
    return " ".join(str(exc).split("\n")[0].split())


# MySQL: a lock wait (1205) or a deadlock proves nothing either way; a syntax error (1064) is the
# query's text, not the schema, but the app sends that text: it is reported too
_MYSQL_UNVERIFIABLE = (1205, 1213)
_MYSQL_PREPARABLE = ("select", "insert", "update", "delete", "replace", "values", "with", "table")


def prepare_mysql_queries(conn, queries: Sequence[AppQuery], *, lock_timeout: float = 2.0) -> list[QueryCheck]:
    """``PREPARE … FROM`` then ``DEALLOCATE PREPARE`` each query on a ``MySQLConnection``, waiting
    at most ``lock_timeout`` (whole seconds) for a table's metadata lock; nothing is executed. The
    session's ``lock_wait_timeout`` is restored afterwards."""
    import math

    import pymysql

    results = []
    previous = conn.execute("SELECT @@SESSION.lock_wait_timeout").fetchone()[0]
    conn.execute(f"SET SESSION lock_wait_timeout = {max(1, math.ceil(lock_timeout - 1e-9))}")
    try:
        for query in queries:
            first = query.text.lstrip("( \n\t").split(None, 1)
            if not first or first[0].lower() not in _MYSQL_PREPARABLE:
                results.append(QueryCheck(query, True, "not a query PREPARE accepts; not checked", unverifiable=True))
                continue
            try:
                conn.execute("PREPARE expandcontract_verify FROM %s", (query.text,))
            except pymysql.MySQLError as exc:
                if conn.broken:
                    raise
                code = exc.args[0] if exc.args and isinstance(exc.args[0], int) else None
                message = " ".join(str(exc.args[1] if len(exc.args) > 1 else exc).split())
                results.append(QueryCheck(query, code in _MYSQL_UNVERIFIABLE, f"ERROR {code}: {message}",
                                          str(code) if code else None, unverifiable=code in _MYSQL_UNVERIFIABLE))
                continue
            conn.execute("DEALLOCATE PREPARE expandcontract_verify")
            results.append(QueryCheck(query, True))
    finally:
        if not conn.broken:
            conn.execute(f"SET SESSION lock_wait_timeout = {int(previous)}")
    return results


def verifier(conn, queries: list[AppQuery], events, settings, prepare=prepare_queries):
    """The hook PREPAREing the app's queries before and after each phase (``prepare``: PostgreSQL's
    ``prepare_queries``, or ``prepare_mysql_queries``)."""
    def verify(when: str, phase: PhasePlan) -> None:
        results = prepare(conn, queries, lock_timeout=settings.lock_timeout)
        failed = [r for r in results if not r.ok]
        for r in failed:
            events.emit("verify_failed", when=when, migration=phase.migration, phase=phase.phase,
                        source=r.query.source, line=r.query.line, query=r.query.text, error=r.error, sqlstate=r.sqlstate)
        events.emit("verify_finished", when=when, migration=phase.migration, phase=phase.phase,
                    ok=sum(r.ok and not r.unverifiable for r in results),
                    unverifiable=sum(r.unverifiable for r in results),
                    failed=[f"{r.query.source}:{r.query.line}" for r in failed])
        if failed:
            first = failed[0]
            where = f"{first.query.source}:{first.query.line}: {first.error}"
            if when == "before":
                raise VerificationFailed(f"{len(failed)} app queries do not prepare before {phase.migration} "
                                         f"{phase.phase} (first: {where}); nothing of this phase was run")
            raise VerificationFailed(f"after {phase.migration} {phase.phase}, {len(failed)} app queries no longer "
                                     f"prepare (first: {where}). The phase is applied; fix forward, or undo the expand "
                                     f"with `expandcontract abort {phase.migration}`")
    return verify
