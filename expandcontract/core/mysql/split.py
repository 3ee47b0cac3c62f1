"""MySQL script text -> statement spans, the way the ``mysql``/``mariadb`` client cuts it.

The client knows things no SQL grammar does: ``DELIMITER //`` changes the statement terminator
(and is not itself sent to the server), ``#`` starts a comment as ``-- `` does (but ``--`` must be
followed by a space or the end of the line), and ``/*!40101 … */`` / ``/*M!100100 … */`` are
*versioned comments*: SQL the server runs. Without ``DELIMITER``, a stored program's
``BEGIN … END`` body still holds semicolons: we keep it whole, as migration tools do.

Pure: text in, spans out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..sqltext import skip_quoted

__all__ = ["MySQLChunk", "blank", "skip_comments", "split_mysql", "split_top", "unwrap_versioned_comments"]


@dataclass(frozen=True)
class MySQLChunk:
    """A statement's span: ``text[start:end]`` without its terminator. ``start`` is just after the
    previous terminator (comments before the statement are inside the span)."""

    start: int
    end: int


_DELIMITER = re.compile(r"[ \t]*DELIMITER[ \t]+(\S+)[ \t]*(?:\r?\n|$)", re.I)
_WORD = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")  # ($ may end a DELIMITER like $$)
# statements whose body may hold semicolons inside BEGIN … END
_PROGRAM = re.compile(
    r"\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:DEFINER\s*=\s*(?:`[^`]*`|'[^']*'|\S+?)(?:@(?:`[^`]*`|'[^']*'|\S+))?\s+)?"
    r"(?:AGGREGATE\s+)?(?:PROCEDURE|FUNCTION|TRIGGER|EVENT)\b", re.I)
_BLOCK_END_QUALIFIERS = {"if", "loop", "while", "repeat"}


def split_mysql(text: str) -> list[MySQLChunk]:
    """Split a MySQL script into statements.

    >>> t = "SET a=1; # x;y\\nDELIMITER //\\nCREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET @a=1; END//\\n" \\
    ...     "DELIMITER ;\\nSELECT 'a;b', `c;d` -- z;\\n;"
    >>> [text[c.start:c.end].strip() for text in [t] for c in split_mysql(text)]
    ['SET a=1', 'CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET @a=1; END', "SELECT 'a;b', `c;d` -- z;"]

    Without DELIMITER a stored program's body is kept whole:

    >>> t = "CREATE PROCEDURE p() BEGIN IF 1 THEN SELECT 1; END IF; SELECT CASE WHEN 1 THEN 2 END; END; SELECT 3"
    >>> [t[c.start:c.end].strip()[:22] for c in split_mysql(t)]
    ['CREATE PROCEDURE p() B', 'SELECT 3']
    """
    chunks: list[MySQLChunk] = []
    delimiter = ";"
    i, n, start = 0, len(text), 0
    depth = 0  # BEGIN/CASE nesting inside a stored program
    program: bool | None = None  # whether the current statement is a stored program (None: unknown yet)
    while i < n:
        ch = text[i]
        if ch in "dD" and not text[text.rfind("\n", 0, i) + 1:i].strip() and _only_comments(text, start, i):
            m = _DELIMITER.match(text, text.rfind("\n", 0, i) + 1)
            if m and m.group(1):
                if text[start:m.start()].strip() and not _only_comments(text, start, m.start()):
                    chunks.append(MySQLChunk(start, m.start()))
                delimiter = m.group(1)
                i = start = m.end()
                program, depth = None, 0
                continue
        if _line_comment_at(text, i, n):
            nl = text.find("\n", i)
            i = n if nl < 0 else nl + 1
            continue
        if ch == "/" and text.startswith("/*", i):
            close = text.find("*/", i + 2)
            i = n if close < 0 else close + 2
            continue
        if ch in "'\"`":
            i = skip_quoted(text, i, ch, backslash=ch != "`")  # names take no escapes
            continue
        if text.startswith(delimiter, i) and not (delimiter == ";" and depth > 0):
            chunks.append(MySQLChunk(start, i))
            i = start = i + len(delimiter)
            program, depth = None, 0
            continue
        if ch.isalpha() or ch == "_":
            m = _WORD.match(text, i)
            word = m.group(0)
            if delimiter == ";" and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "_$@.")):
                if program is None:
                    program = bool(_PROGRAM.match(_blank_comments(text[start:i + 200])))
                if program:
                    low = word.lower()
                    if low in ("begin", "case"):
                        depth += 1
                    elif low == "end":
                        following = _WORD.match(text, _skip_space(text, m.end()))
                        if not (following and following.group(0).lower() in _BLOCK_END_QUALIFIERS):
                            depth = max(depth - 1, 0)
            i = m.end()
            continue
        i += 1
    if text[start:].strip() and not _only_comments(text, start, n):
        chunks.append(MySQLChunk(start, n))
    return chunks


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def skip_comments(text: str, i: int, end: int | None = None) -> int:
    """Past whitespace and comments (not versioned ones: those are SQL) from ``i``.

    >>> skip_comments("  # a\\n-- b\\n/* c */ /*!40101 SET x=1 */", 0)
    19
    """
    end = len(text) if end is None else end
    while i < end:
        if text[i].isspace():
            i += 1
        elif _line_comment_at(text, i, end):
            nl = text.find("\n", i)
            i = end if nl < 0 else nl + 1
        elif text.startswith("/*", i) and not text.startswith(("/*!", "/*M!"), i):
            close = text.find("*/", i + 2)
            i = end if close < 0 else close + 2
        else:
            break
    return min(i, end)


def _line_comment_at(text: str, i: int, end: int) -> bool:
    """A MySQL line comment starts at ``i``: ``#``, or ``--`` followed by white space or the end."""
    return text[i] == "#" or (text.startswith("--", i) and (i + 2 >= end or text[i + 2] in " \t\r\n"))


def _only_comments(text: str, start: int, end: int) -> bool:
    return skip_comments(text, start, end) >= end


def _blank_comments(piece: str) -> str:
    return re.sub(r"/\*(?![!M]).*?\*/|#[^\n]*|--\s[^\n]*", " ", piece, flags=re.S)


_VERSIONED = re.compile(r"/\*M?!(\d{5,6})?(.*?)\*/", re.S)


def unwrap_versioned_comments(sql: str) -> str:
    """The SQL a server runs: ``/*!40101 SET x=1 */`` is ``SET x=1`` (same length, padded).

    >>> unwrap_versioned_comments("/*!40101 SET NAMES utf8 */")
    '         SET NAMES utf8   '
    """
    if "/*" not in sql:
        return sql
    return _VERSIONED.sub(lambda m: " " * (m.start(2) - m.start()) + m.group(2) + "  ", sql)


def blank(sql: str) -> str:
    """``sql`` with strings, quoted identifiers and comments blanked (same length): for keyword search."""
    out = list(sql)
    i, n = 0, len(sql)
    while i < n:
        c = sql[i]
        if c in "'\"`":
            j = i + 1
            while j < n:
                if sql[j] == "\\" and c != "`":
                    j += 2
                    continue
                if sql[j] == c:
                    if j + 1 < n and sql[j + 1] == c:
                        j += 2
                        continue
                    break
                j += 1
            for k in range(i + 1, min(j, n)):
                out[k] = "x"
            i = j + 1
        elif _line_comment_at(sql, i, n):
            j = sql.find("\n", i)
            j = n if j < 0 else j
            for k in range(i, j):
                out[k] = " "
            i = j
        elif sql.startswith("/*", i):
            j = sql.find("*/", i + 2)
            j = n if j < 0 else j + 2
            for k in range(i, j):
                out[k] = " "
            i = j
        else:
            i += 1
    return "".join(out)


def split_top(text: str) -> list[str]:
    """``text`` cut at its top-level commas (not inside parentheses, quotes or comments)."""
    out, depth, start = [], 0, 0
    blanked = blank(text)
    for i, c in enumerate(blanked):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "," and depth == 0:
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return [p.strip() for p in out if p.strip()]
