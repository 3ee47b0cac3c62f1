"""``--verify-app``: every app query is PREPAREd and DEALLOCATEd against the live schema before
and after each phase. PREPARE parses, resolves names and types, and plans nothing: no query runs.

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

from .settings import format_duration

__all__ = ["AppQuery", "QueryCheck", "prepare_queries"]

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
