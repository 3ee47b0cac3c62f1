"""SQL as Python source for an Alembic revision: the argument of ``op.execute`` that reaches
PostgreSQL exactly as written.

``op.execute("…")`` wraps the string in SQLAlchemy's ``text()``, which reads ``:name`` as a
bind parameter (a ``'{"a":1}'`` literal or ``:x`` in a function body would fail with "a value
is required for bind parameter") and turns ``\\:name`` into ``:name``. Statements with either
are written as ``sa.text(r"…")`` with a backslash before each such colon or backslash, and the
result is compiled back to make sure SQLAlchemy sends the original text. ``%`` needs nothing:
SQLAlchemy doubles it for drivers that format parameters and the driver undoes it.
"""

from __future__ import annotations

import ast
import warnings
from functools import lru_cache

__all__ = ["UnwritableSql", "execute_argument", "python_string"]


class UnwritableSql(ValueError):
    """SQLAlchemy would not send this statement unchanged, however it is escaped."""


@lru_cache(maxsize=1)
def _sqlalchemy():
    import sqlalchemy as sa
    from sqlalchemy.dialects import postgresql
    from sqlalchemy.sql.compiler import BIND_PARAMS, BIND_PARAMS_ESC

    # named paramstyle: what Alembic's offline mode compiles with; no ``%`` doubling to undo
    return sa, postgresql.dialect(paramstyle="named"), BIND_PARAMS, BIND_PARAMS_ESC


def _escaped(sql: str) -> str:
    """A backslash before every colon ``text()`` would take for a bind parameter and every
    backslash it would take for an escape (so ``\\:x`` stays ``\\:x``)."""
    _, _, binds, escapes = _sqlalchemy()
    marks = sorted({m.start() for m in binds.finditer(sql)} | {m.start() for m in escapes.finditer(sql)})
    pieces, last = [], 0
    for mark in marks:
        pieces += [sql[last:mark], "\\"]
        last = mark
    return "".join([*pieces, sql[last:]])


def _sent(text: str) -> tuple[str, dict]:
    sa, dialect, _, _ = _sqlalchemy()
    compiled = sa.text(text).compile(dialect=dialect)
    return compiled.string, compiled.params


def execute_argument(sql: str) -> tuple[str, bool]:
    r"""Python source for ``op.execute(<this>)`` and whether it uses ``sa``.

    >>> execute_argument("ALTER TABLE users ADD COLUMN note text")
    ('"ALTER TABLE users ADD COLUMN note text"', False)
    >>> print(execute_argument("SELECT 'at :x', '100%', 1::int")[0])
    sa.text(r"SELECT 'at \:x', '100%', 1::int")
    """
    escaped = _escaped(sql)
    if _sent(escaped) != (sql, {}):
        raise UnwritableSql("SQLAlchemy's text() would not send this statement unchanged")
    if escaped == sql:
        return python_string(sql), False
    return f"sa.text({python_string(escaped, prefer_raw=True)})", True


def python_string(text: str, *, prefer_raw: bool = False) -> str:
    """The most readable Python literal whose value is exactly ``text``: one line in double
    quotes when it fits, a triple-quoted block for several lines, a raw string rather than
    doubled backslashes.

    >>> python_string("UPDATE t SET a = 'x'"), python_string('SELECT "A"')
    ('"UPDATE t SET a = \\'x\\'"', '\\'SELECT "A"\\'')
    >>> print(python_string("SELECT 1\\nFROM t"))
    \"\"\"\\
    SELECT 1
    FROM t\"\"\"
    """
    plain = "\\" not in text  # else a non-raw literal would read escape sequences
    candidates = []
    if "\n" not in text:
        candidates += [f'"{text}"', f"'{text}'"] if plain and not prefer_raw else []
        candidates += [f'r"{text}"', f"r'{text}'", f'r"""{text}"""', f"r'''{text}'''"]
    else:
        # a backslash at the end of the first line keeps the newline after the quotes out of the SQL
        candidates += [f'"""\\\n{text}"""'] if plain and not prefer_raw else []
        candidates += [f'r"""{text}"""', f"r'''{text}'''"]
    for candidate in candidates:
        try:
            # a quote inside ``text`` can split a candidate into several literals, one of them not
            # raw: it is rejected below, but its escapes must not warn on the way
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", (DeprecationWarning, SyntaxWarning))
                if ast.literal_eval(candidate) == text:
                    return candidate
        except (SyntaxError, ValueError):
            continue
    return repr(text)
