"""Bind-parameter styles -> PostgreSQL ``$n``, so one parser reads every app's queries.

Drivers and query libraries write parameters as ``$1`` (asyncpg, pg_stat_statements), ``%s`` and
``%(name)s`` (psycopg), ``:name`` (SQLAlchemy ``text()``, aiosql) or ``?`` (JDBC, sqlx). The
replacement never changes a line break, so line numbers stay where the author wrote them.
"""

from __future__ import annotations

import re

from ..core.sqltext import skip_quoted

__all__ = ["mysql_placeholders", "normalise_placeholders", "pad_parameters"]

_NAME_START = re.compile(r"[A-Za-z_]")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PYFORMAT = re.compile(r"%\(([^)]+)\)s")
_IN_BEFORE = re.compile(r"\bIN\s*$", re.I)
_JSONB_KEY_AFTER = re.compile(r"\s*'")  # ``data ? 'key'`` is jsonb's operator
_DOLLAR_QUOTE = re.compile(r"\$([A-Za-z_][A-Za-z_0-9]*)?\$")
_PERCENT = re.compile(r"%s|%\([^)]+\)s")
_NUMBERED = re.compile(r"\$\d+")
_QUESTION = re.compile(r"\?")


def normalise_placeholders(text: str) -> str:
    """Rewrite every bind parameter as ``$n``; quotes, comments and ``::`` casts are left alone.

    A parameter right after ``IN`` becomes ``IN ($n)``: psycopg expands a tuple there.

    >>> normalise_placeholders("SELECT * FROM t WHERE a = %s AND b = %(b)s AND c = %(b)s")
    'SELECT * FROM t WHERE a = $1 AND b = $2 AND c = $2'
    >>> normalise_placeholders("SELECT ':x', a::text FROM t WHERE id = :id AND k IN ? -- :y")
    "SELECT ':x', a::text FROM t WHERE id = $1 AND k IN ($2) -- :y"
    >>> normalise_placeholders("SELECT $1, a %% 2 FROM t WHERE d ? 'k' AND e = ?")
    "SELECT $1, a % 2 FROM t WHERE d ? 'k' AND e = $2"
    >>> normalise_placeholders("SELECT tags[lo:hi], tags[1:n] FROM t WHERE id=:id")
    'SELECT tags[lo:hi], tags[1:n] FROM t WHERE id=$1'
    """
    out: list[str] = []
    names: dict[str, int] = {}
    highest = max((int(n) for n in re.findall(r"\$(\d+)", text)), default=0)
    i, n = 0, len(text)

    def param(key: str | None) -> str:
        nonlocal highest
        if key is not None and key in names:
            number = names[key]
        else:
            highest += 1
            number = highest
            if key is not None:
                names[key] = number
        written = "".join(out)
        return f"(${number})" if _IN_BEFORE.search(written) else f"${number}"

    while i < n:
        ch = text[i]
        nxt = text[i + 1] if i + 1 < n else ""
        if (end := _verbatim_end(text, i)) is not None:
            out.append(text[i:end])
            i = end
        elif ch == "%" and nxt == "%":  # the driver sends a literal %
            out.append("%")
            i += 2
        elif ch == "%" and nxt == "s":
            out.append(param(None))
            i += 2
        elif ch == "%" and (m := _PYFORMAT.match(text, i)):
            out.append(param("%" + m.group(1)))
            i = m.end()
        elif ch == ":" and nxt == ":":
            out.append("::")
            i += 2
        elif ch == ":" and _NAME_START.match(nxt) and not (i and (text[i - 1] in ":]_" or text[i - 1].isalnum())):
            # (a colon right after a name or digit is an array slice, ``a[lo:hi]``, as SQLAlchemy reads it)
            m = _NAME.match(text, i + 1)
            out.append(param(":" + m.group(0)))
            i = m.end()
        elif ch == "?" and nxt == "?":  # JDBC's escape for the jsonb ? operator
            out.append("?")
            i += 2
        elif ch == "?" and nxt not in ("|", "&") and not _JSONB_KEY_AFTER.match(text, i + 1):
            out.append(param(None))
            i += 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def mysql_placeholders(text: str) -> str:
    """Every bind parameter as MySQL's ``?`` (what ``PREPARE … FROM`` takes); quoted strings,
    backticked names and comments are left alone.

    >>> mysql_placeholders("SELECT `a?` FROM t WHERE a = %s AND b = :b AND c = $1 AND d = '$2' # :x")
    "SELECT `a?` FROM t WHERE a = ? AND b = ? AND c = ? AND d = '$2' # :x"
    >>> mysql_placeholders("SELECT a % 2, @v := 1 FROM t WHERE id IN %(ids)s AND x = ?")
    'SELECT a % 2, @v := 1 FROM t WHERE id IN (?) AND x = ?'
    """
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch, nxt = text[i], text[i + 1:i + 2]
        end = None
        if ch == "`":
            end = text.find("`", i + 1)
            end = n if end < 0 else end + 1
        elif ch == "#":
            end = text.find("\n", i)
            end = n if end < 0 else end
        elif (ch == "-" and nxt == "-") or (ch == "/" and nxt == "*"):
            end = _verbatim_end(text, i)
        elif ch in "'\"":
            end = skip_quoted(text, i, ch, backslash=True)
        if end is not None:
            out.append(text[i:end])
            i = end
            continue
        m = None
        if ch == "%" and nxt == "%":
            out.append("%")
            i += 2
            continue
        if ch == "%":
            m = _PERCENT.match(text, i)
        elif ch == ":" and _NAME_START.match(nxt) and not (i and (text[i - 1] in ":]_" or text[i - 1].isalnum())):
            m = _NAME.match(text, i + 1)
        elif ch == "$" and nxt.isdigit() and not _after_name(text, i):
            m = _NUMBERED.match(text, i)
        elif ch == "?":
            m = _QUESTION.match(text, i)
        if m is None:
            out.append(ch)
            i += 1
            continue
        out.append("(?)" if _IN_BEFORE.search("".join(out)) else "?")
        i = m.end()
    return "".join(out)


def pad_parameters(text: str) -> str:
    """A space after every ``$n`` outside quotes and comments: sqlglot's tokenizer reads
    ``$1,$2`` (no space) as the start of a dollar-quoted string and gives up on the query.

    >>> pad_parameters("INSERT INTO t VALUES ($1,$2) -- $3,$4")
    'INSERT INTO t VALUES ($1 ,$2 ) -- $3,$4'
    >>> pad_parameters("SELECT '$1,$2', $$a$1$$, $1::int")
    "SELECT '$1,$2', $$a$1$$, $1 ::int"
    """
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        end = _verbatim_end(text, i)
        if end is None and text[i] == "$" and text[i + 1:i + 2].isdigit() and not _after_name(text, i):
            end = i + 1
            while end < n and text[end].isdigit():
                end += 1
            out.append(text[i:end] + " ")
            i = end
            continue
        end = end if end is not None else i + 1
        out.append(text[i:end])
        i = end
    return "".join(out)


def _after_name(text: str, i: int) -> bool:
    return i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_")


def _verbatim_end(text: str, i: int) -> int | None:
    """Where the comment, quoted string or dollar-quoted body starting at ``i`` ends (None when
    none starts there): text the parameter rewrites copy unchanged."""
    ch, nxt, n = text[i], text[i + 1:i + 2], len(text)
    if ch == "-" and nxt == "-":
        end = text.find("\n", i)
        return n if end < 0 else end
    if ch == "/" and nxt == "*":
        end = text.find("*/", i + 2)
        return n if end < 0 else end + 2
    if ch in "'\"":
        return _quoted_end(text, i)
    if ch == "$" and (m := _DOLLAR_QUOTE.match(text, i)) and not _after_name(text, i):
        close = text.find(m.group(0), m.end())
        return n if close < 0 else close + len(m.group(0))
    return None


def _quoted_end(text: str, i: int) -> int:
    quote = text[i]
    return skip_quoted(text, i, quote, backslash=quote == "'" and i > 0 and text[i - 1] in "eE")
