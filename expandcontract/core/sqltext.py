"""Plain-text helpers for SQL source: statement splitting, positions, directives, placeholders.

Pure functions: text in, values out. The splitter is only used where the real parser cannot
help (recovering after a syntax error, dialects other than PostgreSQL), so it aims to agree
with PostgreSQL's lexer on the things that hide a semicolon: quotes, dollar quotes, comments.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping

from .lazyre import LazyPattern

__all__ = [
    "Chunk",
    "LineIndex",
    "skip_quoted",
    "split_statements",
    "strip_leading_comments",
    "substitute_vars",
]

# compiled on first use: the large character class takes milliseconds, paid by every start
_DOLLAR_TAG = LazyPattern(r"\$([A-Za-z_\x80-\uffff][A-Za-z_0-9\x80-\uffff]*)?\$")


class Chunk:
    """A statement's span in the text: ``text[start:end]`` without the closing semicolon.

    A plain class, not a dataclass: only its two fields are read (never compared, hashed or
    printed), and a dataclass costs its generated methods at every start."""

    __slots__ = ("end", "start")

    def __init__(self, start: int, end: int) -> None:
        self.start = start
        self.end = end


def split_statements(text: str) -> list[Chunk]:
    """Split SQL text at top-level semicolons.

    >>> [text[c.start:c.end] for text in ["select ';'; select $x$;$x$ ;-- a;b\\n"]
    ...  for c in split_statements(text)]
    ["select ';'", ' select $x$;$x$ ', '-- a;b\\n']
    """
    chunks: list[Chunk] = []
    i, n, start = 0, len(text), 0
    atomic_depth = 0  # BEGIN ATOMIC ... END bodies hold semicolons
    while i < n:
        ch = text[i]
        if ch == "-" and text.startswith("--", i):
            nl = text.find("\n", i)
            i = n if nl < 0 else nl + 1
        elif ch == "/" and text.startswith("/*", i):
            i = _skip_block_comment(text, i)
        elif ch == "'":
            escapes = i > 0 and text[i - 1] in "eE" and (i < 2 or not text[i - 2].isalnum())
            i = skip_quoted(text, i, "'", backslash=escapes)
        elif ch == '"':
            i = skip_quoted(text, i, '"', backslash=False)
        elif ch == "$":
            m = _DOLLAR_TAG.match(text, i)
            if m and not (i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_")):
                close = text.find(m.group(0), m.end())
                i = n if close < 0 else close + len(m.group(0))
            else:
                i += 1
        elif ch in "bBeE" and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            word = _word_at(text, i)
            low = word.lower()
            if low == "begin" and _next_word(text, i + len(word)).lower() == "atomic":
                atomic_depth += 1
            elif low == "end" and atomic_depth:
                atomic_depth -= 1
            i += max(len(word), 1)
        elif ch == ";" and not atomic_depth:
            chunks.append(Chunk(start, i))
            start = i + 1
            i += 1
        else:
            i += 1
    if text[start:].strip():
        chunks.append(Chunk(start, n))
    return chunks


def _word_at(text: str, i: int) -> str:
    j = i
    while j < len(text) and (text[j].isalnum() or text[j] == "_"):
        j += 1
    return text[i:j]


def _next_word(text: str, i: int) -> str:
    while i < len(text) and text[i].isspace():
        i += 1
    return _word_at(text, i)


def _skip_block_comment(text: str, i: int) -> int:
    depth, i = 0, i
    n = len(text)
    while i < n:
        if text.startswith("/*", i):
            depth += 1
            i += 2
        elif text.startswith("*/", i):
            depth -= 1
            i += 2
            if depth == 0:
                return i
        else:
            i += 1
    return n


def skip_quoted(text: str, i: int, quote: str, *, backslash: bool) -> int:
    """Past the string or quoted name that opens at ``text[i]`` (``quote``): a doubled quote stays
    inside; ``backslash``: so does a backslash-escaped character (PostgreSQL's E'…' strings, MySQL's
    strings). The end of the text when it never closes.

    >>> skip_quoted("'a''b' x", 0, "'", backslash=False), skip_quoted("'a\\\\'b' x", 0, "'", backslash=True)
    (6, 6)
    """
    i += 1
    n = len(text)
    while i < n:
        ch = text[i]
        if backslash and ch == "\\":
            i += 2
            continue
        if ch == quote:
            if i + 1 < n and text[i + 1] == quote:
                i += 2
                continue
            return i + 1
        i += 1
    return n


_SPACE_AND_LINE_COMMENTS = re.compile(r"(?:\s+|--[^\n]*(?:\n|$))*")


def strip_leading_comments(text: str, start: int = 0) -> int:
    """Offset of the first character after whitespace and comments from ``start``.
    Block comments nest, as in PostgreSQL.

    >>> strip_leading_comments("  -- x\\n/* y */ select 1")
    15
    >>> strip_leading_comments("/* a /* b; */ c; */ select 1")
    20
    """
    found = _SPACE_AND_LINE_COMMENTS.match(text, start)
    assert found is not None  # (the pattern matches the empty string)
    pos = found.end()
    while text.startswith("/*", pos):
        found = _SPACE_AND_LINE_COMMENTS.match(text, _skip_block_comment(text, pos))
        assert found is not None
        pos = found.end()
    return pos


class LineIndex:
    """Maps character offsets to 1-based (line, column).

    >>> LineIndex("ab\\ncd").position(4)
    (2, 2)
    """

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


class ByteOffsets:
    """Converts libpg_query's UTF-8 byte offsets into character offsets.

    Only the non-ASCII characters are recorded (found by a regex, not a Python loop over every
    character): between two of them, bytes and characters advance together.

    >>> o = ByteOffsets("é = 'ü'")
    >>> o.to_char(3), o.to_byte(2), o.to_char(o.to_byte(6))
    (2, 3, 6)
    """

    def __init__(self, text: str) -> None:
        self._chars: list[int] = []  # character offset of each non-ASCII character
        self._bytes: list[int] = []  # its byte offset
        self._extra: list[int] = []  # bytes beyond one per character, up to and including it
        if text.isascii():
            return
        extra = 0
        for m in _NON_ASCII.finditer(text):
            self._chars.append(m.start())
            self._bytes.append(m.start() + extra)
            extra += len(m.group().encode("utf-8")) - 1
            self._extra.append(extra)

    def to_byte(self, char_offset: int) -> int:
        before = bisect.bisect_left(self._chars, char_offset)  # non-ASCII characters before it
        return char_offset + (self._extra[before - 1] if before else 0)

    def to_char(self, byte_offset: int) -> int:
        """The first character that starts at or after ``byte_offset``."""
        before = bisect.bisect_left(self._bytes, byte_offset)  # non-ASCII characters starting before it
        if not before:
            return byte_offset
        # inside the last of them, or past it on ASCII
        return max(self._chars[before - 1] + 1, byte_offset - self._extra[before - 1])


_NON_ASCII = LazyPattern(r"[^\x00-\x7f]")


_PLACEHOLDER = LazyPattern(r"\{\{\s*([A-Za-z_][\w.]*)\s*\}\}|\$\{([A-Za-z_]\w*)\}")


def find_placeholders(text: str) -> list[tuple[int, str]]:
    """Offsets and names of ``{{ name }}`` / ``${name}`` template placeholders."""
    return [(m.start(), m.group(1) or m.group(2)) for m in _PLACEHOLDER.finditer(text)]


def substitute_vars(text: str, variables: Mapping[str, str]) -> str:
    """Replace ``{{ name }}`` and ``${name}`` placeholders whose name is in ``variables``.

    Unknown placeholders are left alone, so the parser reports them where they stand.

    >>> substitute_vars("ALTER TABLE ${schema}.t ADD {{ col }} int", {"schema": "app", "col": "c"})
    'ALTER TABLE app.t ADD c int'
    """

    def replace(m: re.Match[str]) -> str:
        name = m.group(1) or m.group(2)
        return variables.get(name, m.group(0))

    replaced: str = _PLACEHOLDER.sub(replace, text)
    return replaced


def substitution_shifts(text: str, variables: Mapping[str, str]) -> dict[int, list[tuple[int, int]]]:
    """Per line (1-based) of the substituted text, the (column, growth) of each replacement on
    it, so that a column in the substituted text maps back to the one the author wrote.

    >>> substitution_shifts("ALTER TABLE {{ t }} ADD c int; DROP ${x}", {"t": "users", "x": "y"})
    {1: [(13, -2), (35, -3)]}
    """
    shifts: dict[int, list[tuple[int, int]]] = {}
    line, line_start, growth_before = 1, 0, 0  # growth of this line's earlier replacements
    consumed = 0
    for m in _PLACEHOLDER.finditer(text):
        value = variables.get(m.group(1) or m.group(2))
        if value is None or "\n" in value:
            continue
        newlines = text.count("\n", consumed, m.start())
        if newlines:
            line += newlines
            line_start = text.rfind("\n", 0, m.start()) + 1
            growth_before = 0
        consumed = m.start()
        column = m.start() - line_start + 1 + growth_before
        growth = len(value) - (m.end() - m.start())
        shifts.setdefault(line, []).append((column, growth))
        growth_before += growth
    return shifts


def original_column(shifts: dict[int, list[tuple[int, int]]], line: int, column: int) -> int:
    """The column the author wrote, for ``column`` of the substituted text on ``line``.

    >>> original_column({1: [(13, -2), (35, -3)]}, 1, 38)
    43
    """
    return column - sum(growth for start, growth in shifts.get(line, ()) if start < column)
