"""App queries as values: where each comes from, its SQL, and whether it can be checked.

``queries_from_sql`` cuts a file of SQL into queries (named by ``-- name: x`` comments the way
aiosql and yesql write them), with every placeholder style turned into ``$n`` first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.errors import InputError
from ..core.parse import parse_sql
from ..core.sqltext import LineIndex, split_statements, strip_leading_comments
from .placeholders import normalise_placeholders
from .resolve import ModelTable

__all__ = ["AppQuery", "queries_from_sql", "query_from_text"]

# libpg_query node types of the statements we resolve
DATA_STATEMENTS = frozenset({"SelectStmt", "InsertStmt", "UpdateStmt", "DeleteStmt", "MergeStmt"})
# session and transaction statements: no schema change can break them
SESSION_STATEMENTS = frozenset({
    "TransactionStmt", "VariableSetStmt", "VariableShowStmt", "DiscardStmt", "DeallocateStmt",
    "ListenStmt", "UnlistenStmt", "NotifyStmt", "CheckPointStmt", "LoadStmt",
})
_NAME = re.compile(r"^\s*name\s*:\s*([^\s]+)", re.I)
_COMMENT = re.compile(r"--([^\n]*)")


@dataclass(frozen=True)
class AppQuery:
    """One query of an app, or one SQLAlchemy table (``model``)."""

    source: str  # file, or ``module:attr`` for models
    line: int
    text: str  # as written, for people
    sql: str = ""  # placeholders as ``$n``, for the parsers
    name: str | None = None
    model: ModelTable | None = None
    unchecked: str | None = None  # why it cannot be analysed, when known at load time
    session: bool = False  # BEGIN, SET …: independent of the schema, not checked

    @property
    def ref(self) -> str:
        return f"{self.source}:{self.line}"

    @property
    def label(self) -> str:
        """``get_user`` or the query's first words."""
        if self.name:
            return self.name
        flat = " ".join(self.text.split())
        return flat if len(flat) <= 60 else flat[:59] + "…"


def queries_from_sql(text: str, source: str, *, strict: bool = True, dialect: str = "postgres") -> list[AppQuery]:
    """Every statement of a SQL file. A statement PostgreSQL's parser rejects is bad input
    (``InputError`` naming the line) when ``strict``, else an unchecked query.

    >>> [(q.line, q.name, q.sql) for q in queries_from_sql(
    ...     "-- name: get_user^\\nSELECT * FROM users WHERE id = :id;\\n\\nBEGIN", "q.sql")]
    [(2, 'get_user', 'SELECT * FROM users WHERE id = $1'), (4, None, 'BEGIN')]

    ``dialect="mysql"``: each query is read as MySQL and resolved as the PostgreSQL text with its
    meaning, names lowercased (MySQL compares them without case; ``core.mysql.queries``).
    """
    lines = LineIndex(text)
    queries = []
    for chunk in split_statements(text):
        body = strip_leading_comments(text, chunk.start)
        written = text[body:chunk.end].strip()
        if not written:
            continue
        line = lines.position(body)[0]
        names = [m.group(1).rstrip("!<>*#^$") for m in map(_NAME.match, _COMMENT.findall(text, chunk.start, body)) if m]
        name = names[-1] if names else None
        translated = written
        if dialect == "mysql":
            from ..core.mysql.queries import to_postgres_query

            try:
                translated = to_postgres_query(written)
            except Exception as exc:  # sqlglot's errors and our own: the query is not read
                if strict:
                    raise InputError(source, f"cannot parse MySQL query: {str(exc).splitlines()[0]}", line) from None
                queries.append(AppQuery(source, line, written, written, name, unchecked="not read as MySQL"))
                continue
        parsed = parse_sql(normalise_placeholders(translated), first_line=line)
        if len(parsed) != 1 or parsed[0].node is None:
            bad = next((s for s in parsed if s.node is None), None)
            error = bad.error if bad else "not exactly one statement"
            if strict:
                raise InputError(source, f"cannot parse query: {error}", bad.error_line if bad else line)
            queries.append(AppQuery(source, line, written, written, name, unchecked=f"not valid PostgreSQL ({error})"))
            continue
        stmt = parsed[0]
        queries.append(_classified(AppQuery(source, line, written, stmt.text, name), stmt.kind))
    return queries


def query_from_text(text: str, source: str, line: int, dialect: str = "postgres") -> list[AppQuery]:
    """A query from a log: one entry, invalid text (a truncated query, say) is unchecked."""
    found = queries_from_sql(text, source, strict=False, dialect=dialect)
    return [AppQuery(source, line, q.text, q.sql, q.name, unchecked=q.unchecked, session=q.session) for q in found]


def _classified(query: AppQuery, kind: str) -> AppQuery:
    if kind in DATA_STATEMENTS:
        return query
    if kind in SESSION_STATEMENTS:
        return AppQuery(query.source, query.line, query.text, query.sql, query.name, session=True)
    what = kind.removesuffix("Stmt")
    return AppQuery(query.source, query.line, query.text, query.sql, query.name,
                    unchecked=f"{what} statements are not analysed (only SELECT, INSERT, UPDATE, DELETE, MERGE)")
