"""SQL text -> statements, with exact positions.

PostgreSQL text goes through libpg_query (``pgparse``), the server's own grammar. Other
dialects are transpiled statement by statement to PostgreSQL with sqlglot and then parsed the
same way, so every later stage sees one node format: libpg_query's JSON parse tree.
"""

from __future__ import annotations

import re
from typing import Any

import pgparse

from .lazyre import LazyPattern
from .record import field, record
from .sqltext import ByteOffsets, LineIndex, split_statements, strip_leading_comments

__all__ = ["Statement", "blank_psql_meta_commands", "makes_relations", "parse_sql", "plpgsql_tree"]

Node = dict[str, Any]
# (start, end, node, error, error offset within the span)
# (start, end, node, error, error offset in the span, byte offset node locations count from)
Span = tuple[int, int, "Node | None", "str | None", "int | None", "int | None"]


@record(frozen=True)
class Statement:
    """One statement of a script.

    ``node`` is libpg_query's parse tree of the statement (``{"AlterTableStmt": {...}}``), or
    ``None`` when the text could not be parsed, in which case ``error`` says why.
    ``comments`` are the comment lines right before the statement (where directives live).
    """

    index: int
    text: str
    start: int
    line: int
    column: int
    end_line: int
    node: Node | None
    error: str | None = None
    error_line: int = 0
    error_column: int = 0
    comments: tuple[tuple[int, str], ...] = field(default=(), repr=False)
    # where parse-tree ``location`` values point: UTF-8 bytes of ``source`` from ``source_base``
    source: bytes = field(default=b"", repr=False, compare=False)
    source_base: int = field(default=0, repr=False, compare=False)

    def source_at(self, location: int | None) -> str | None:
        """The expression written at a parse-tree ``location``, up to where it ends.

        >>> s = parse_sql("ALTER TABLE t ADD c int DEFAULT (1 + 2) * 3 NOT NULL")[0]
        >>> s.source_at(s.body["cmds"][0]["AlterTableCmd"]["def"]["ColumnDef"]["constraints"][0]
        ...     ["Constraint"]["raw_expr"]["A_Expr"]["location"] - 8)
        '(1 + 2) * 3'
        """
        if location is None or not self.source:
            return None
        return expression_extent(self.source, self.source_base + location)

    @property
    def kind(self) -> str:
        """The parse node's type, e.g. ``'AlterTableStmt'``, or ``'SyntaxError'``."""
        if self.node is None:
            return "SyntaxError"
        return next(iter(self.node))

    @property
    def body(self) -> Node:
        """The node's fields (the value under its type name)."""
        return next(iter(self.node.values())) if self.node else {}


_STOP_WORDS = LazyPattern(
    rb"(?i)(NOT|NULL|CONSTRAINT|CHECK|REFERENCES|PRIMARY|UNIQUE|GENERATED|COLLATE|USING|"
    rb"DEFAULT|ON|WITH|DEFERRABLE|INITIALLY)\b"
)


def expression_extent(source: bytes, start: int) -> str:
    """The expression starting at byte ``start``: up to a top-level comma, closing parenthesis,
    semicolon or a keyword that ends a column or constraint definition."""
    depth, i, n = 0, start, len(source)
    while i < n:
        ch = source[i : i + 1]
        if ch in (b"'", b'"'):
            j = source.find(ch, i + 1)
            while j != -1 and source[j + 1 : j + 2] == ch:
                j = source.find(ch, j + 2)
            i = n if j == -1 else j + 1
            continue
        if ch == b"(":
            depth += 1
        elif ch == b")":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and (
            ch in (b",", b";")
            or (i > start and source[i - 1 : i].isspace() and _STOP_WORDS.match(source, i))
        ):
            break
        i += 1
    return source[start:i].decode("utf-8", "replace").strip()


_COMMENT_LINE = re.compile(r"--([^\n]*)")


def parse_sql(text: str, *, dialect: str = "postgres", first_line: int = 1) -> list[Statement]:
    """Parse a script into statements; a statement that does not parse becomes an error statement.

    ``first_line`` shifts line numbers for scripts cut out of a larger file.

    >>> [(s.kind, s.line) for s in parse_sql("select 1;\\n\\nalter tablex t;\\ndrop table t;")]
    [('SelectStmt', 1), ('SyntaxError', 3), ('DropStmt', 4)]
    """
    lines = LineIndex(text)
    if dialect in ("postgres", "postgresql"):
        spans = _parse_postgres(text)
    else:
        spans = _parse_other(text, dialect)
    statements = []
    encoded = text.encode("utf-8")
    strip = strip_leading_comments
    if dialect == "mysql":  # '#' comments; versioned comments are SQL
        from .mysql.split import skip_comments as strip
    for start, end, node, error, error_pos, base in spans:
        body_start = strip(text, start)
        stmt_text = text[body_start:end].rstrip()
        if not stmt_text:
            continue
        line, column = lines.position(body_start)
        end_line, _ = lines.position(body_start + len(stmt_text))
        comments = tuple(
            (lines.position(m.start())[0] + first_line - 1, m.group(1))
            for m in _COMMENT_LINE.finditer(text, start, body_start)
        )
        error_line, error_column = line, column
        if error_pos is not None:
            error_line, error_column = lines.position(min(start + error_pos, len(text)))
        statements.append(
            Statement(
                index=len(statements),
                text=stmt_text,
                start=body_start,
                line=line + first_line - 1,
                column=column,
                end_line=end_line + first_line - 1,
                node=node,
                error=error,
                error_line=error_line + first_line - 1,
                error_column=error_column,
                comments=comments,
                source=encoded if base is not None else b"",
                source_base=base or 0,
            )
        )
    return statements


_PSQL_META = LazyPattern(r"[ \t]*\\[^\n]*")


def blank_psql_meta_commands(text: str) -> str:
    r"""Blank out psql meta-commands (``\restrict KEY``, ``\connect db``) that stand between
    statements, as ``pg_dump`` writes them; a backslash inside a string or a function body is
    left alone. Blanks keep every later position where it was.

    >>> blank_psql_meta_commands("\\restrict k\nSET x = 1;\n\\unrestrict k\n")
    '           \nSET x = 1;\n             \n'
    """
    if "\\" not in text:
        return text
    out = list(text)
    for chunk in split_statements(text):
        pos = chunk.start
        while pos < chunk.end:
            pos = strip_leading_comments(text, pos)
            meta = _PSQL_META.match(text, pos)
            if pos >= chunk.end or not meta or text[pos:pos + 1] != "\\":
                break
            out[meta.start():meta.end()] = " " * (meta.end() - meta.start())
            pos = meta.end()
    return "".join(out)


def _parse_postgres(text: str) -> list[Span]:
    try:
        raw = pgparse.parse(text)
    except pgparse.PGQueryError:
        return _parse_each(text)
    offsets = ByteOffsets(text)
    spans = []
    for item in raw:
        loc = item.get("stmt_location", 0)
        length = item.get("stmt_len")
        start = offsets.to_char(loc)
        end = len(text) if not length else offsets.to_char(loc + length)
        spans.append((start, end, item["stmt"], None, None, 0))
    return spans


def _parse_each(text: str) -> list[Span]:
    """Recover from a syntax error: split the text ourselves and parse piece by piece."""
    spans: list[Span] = []
    offsets = ByteOffsets(text)
    for chunk in split_statements(text):
        piece = text[chunk.start : chunk.end]
        try:
            raw = pgparse.parse(piece)
        except pgparse.PGQueryError as exc:
            message, position = _error_details(exc)
            spans.append((chunk.start, chunk.end, None, message, position, None))
            continue
        if raw:
            spans.append((chunk.start, chunk.end, raw[0]["stmt"], None, None, offsets.to_byte(chunk.start)))
    return spans


def _error_details(exc: pgparse.PGQueryError) -> tuple[str, int | None]:
    """libpg_query's message and the 0-based offset it points at (it reports 1-based)."""
    message = str(exc.args[0]) if exc.args else str(exc)
    position = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], int) else None
    return message, (position - 1 if position else None)


def _parse_other(text: str, dialect: str) -> list[Span]:
    from sqlglot.errors import SqlglotError

    from .dialects import to_postgres

    spans: list[Span] = []
    mysql = dialect == "mysql"
    if mysql:
        from .mysql.parse import parse_mysql_statement
        from .mysql.split import skip_comments, split_mysql
    for chunk in split_mysql(text) if mysql else split_statements(text):
        piece = text[chunk.start : chunk.end]
        if not (skip_comments(piece, 0) if mysql else strip_leading_comments(piece)) < len(piece):
            continue
        try:
            translated = to_postgres(piece, dialect)
            raw = pgparse.parse(";\n".join(translated)) if translated else []
        except (SqlglotError, pgparse.PGQueryError) as exc:
            model = parse_mysql_statement(piece) if mysql else None
            if model is not None and model.kind != "error":
                # MySQL that has no PostgreSQL form (a stored program, LOCK TABLES, …): read by
                # the MySQL model, an opaque statement to the rest
                spans.append((chunk.start, chunk.end, {"MySQLStatement": {"kind": model.kind}}, None, None, None))
                continue
            message = model.error if model is not None and model.error else str(exc).splitlines()[0]
            spans.append((chunk.start, chunk.end, None, message, None, None))
            continue
        # one source statement may become several (MySQL's ALTER TABLE … ADD INDEX): each keeps
        # the source span; locations point into the transpiled text, so no source slicing
        spans.extend((chunk.start, chunk.end, item["stmt"], None, None, None) for item in raw)
    return spans


def plpgsql_tree(text: str) -> Any:
    """The PL/pgSQL parse tree of a ``CREATE FUNCTION | PROCEDURE … LANGUAGE plpgsql`` statement,
    or None for another language or a body the parser refuses."""
    try:
        return pgparse.parse_pgsql(text)
    except Exception:  # pgparse raises more than PGQueryError on bodies it cannot read
        return None


# SQL in a body the model does not replay (a DO block, a routine) that makes or renames a relation
_MAKES_RELATIONS = LazyPattern(
    r"\bcreate\s+(?:or\s+replace\s+)?(?:(?:global|local|temp|temporary|unlogged|unique|materialized|recursive"
    r"|foreign)\s+)*(?:table|index|view)\b|\brename\s+to\b|\bselect\b[^;]*\binto\s+(?:table|temp|unlogged)\b",
    re.IGNORECASE)


def makes_relations(text: str) -> bool:
    """The statement text may make or rename tables, views or indexes the model cannot see (its
    body runs SQL the replay does not follow).

    >>> makes_relations("DO $$ BEGIN EXECUTE format('CREATE INDEX %I ON t (a)', 'i'); END $$")
    True
    >>> makes_relations("DO $$ BEGIN EXECUTE format('GRANT SELECT ON %I TO r', 't'); END $$")
    False
    >>> makes_relations("CREATE FUNCTION f() RETURNS int AS $$ SELECT count(*) INTO n FROM t $$ LANGUAGE sql")
    False
    """
    return _MAKES_RELATIONS.search(text) is not None
