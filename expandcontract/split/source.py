"""Exact source text of parts of a statement: one ``ALTER TABLE`` subcommand, a ``USING`` or
``DEFAULT`` expression, an inline column constraint.

The split re-emits what the user wrote rather than re-printing it from a model, so nothing is
lost (collations, operator classes, odd literals). Every piece cut out here is parsed again
with libpg_query and must give the same parse tree as the original (locations aside);
anything that does not is reported as ``None`` and the caller refuses instead of guessing.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

import pgparse

from ..core.parse import Statement
from ..core.sqltext import strip_leading_comments

__all__ = [
    "alter_pieces",
    "column_def_parts",
    "expression_text",
    "parse_cmd",
    "same_tree",
    "strip_locations",
    "using_text",
]

_IDENT = r'(?:"(?:[^"]|"")+"|[A-Za-z_\x80-\uffff][\w$\x80-\uffff]*)'
_QNAME = _IDENT + r"(?:\s*\.\s*" + _IDENT + r")*"
_ALTER_HEADER = re.compile(
    r"ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?" + _QNAME + r"(?:\s*\*)?\s+", re.I
)
_DOLLAR_TAG = re.compile(r"\$([A-Za-z_\x80-\uffff][\w\x80-\uffff]*)?\$")


def strip_locations(node: Any) -> Any:
    """A parse tree without its byte offsets, for comparing trees parsed from different text."""
    if isinstance(node, dict):
        return {k: strip_locations(v) for k, v in node.items() if k not in ("location", "stmt_location", "stmt_len")}
    if isinstance(node, list):
        return [strip_locations(v) for v in node]
    return node


def same_tree(a: Any, b: Any) -> bool:
    return strip_locations(a) == strip_locations(b)


def _scan(text: str) -> Iterator[tuple[int, int]]:
    """``(offset, depth)`` of every character outside quotes, dollar quotes and comments;
    ``depth`` counts the parentheses open before it."""
    i, n, depth = 0, len(text), 0
    while i < n:
        ch = text[i]
        if text.startswith("--", i):
            nl = text.find("\n", i)
            i = n if nl < 0 else nl + 1
            continue
        if text.startswith("/*", i):
            level = 0
            while i < n:
                if text.startswith("/*", i):
                    level, i = level + 1, i + 2
                elif text.startswith("*/", i):
                    level, i = level - 1, i + 2
                    if level == 0:
                        break
                else:
                    i += 1
            continue
        if ch in "'\"":
            backslash = ch == "'" and i > 0 and text[i - 1] in "eE"
            j = i + 1
            while j < n:
                if backslash and text[j] == "\\":
                    j += 2
                    continue
                if text[j] == ch:
                    if j + 1 < n and text[j + 1] == ch:
                        j += 2
                        continue
                    break
                j += 1
            i = j + 1
            continue
        if ch == "$":
            m = _DOLLAR_TAG.match(text, i)
            if m and not (i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_")):
                close = text.find(m.group(0), m.end())
                i = n if close < 0 else close + len(m.group(0))
                continue
        if ch == ")":
            depth -= 1
        yield i, depth
        if ch == "(":
            depth += 1
        i += 1


def _split_top_level(text: str) -> list[str]:
    cuts = [i for i, depth in _scan(text) if depth == 0 and text[i] == ","]
    bounds = [-1, *cuts, len(text)]
    return [text[a + 1 : b].strip() for a, b in itertools.pairwise(bounds)]


def _top_level_word(text: str, word: str) -> int | None:
    """Offset of the first ``word`` (case-insensitive, whole word) outside parentheses and quotes."""
    pattern = re.compile(rf"(?<![\w$]){word}(?![\w$])", re.I)
    for i, depth in _scan(text):
        if depth == 0 and pattern.match(text, i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "_$")):
            return i
    return None


def _parse_one(sql: str) -> dict | None:
    try:
        parsed = pgparse.parse(sql)
    except pgparse.PGQueryError:
        return None
    if len(parsed) != 1:
        return None
    return parsed[0]["stmt"]


def parse_cmd(piece: str) -> dict | None:
    """The ``AlterTableCmd`` tree of one subcommand text, or None if it is not exactly one."""
    stmt = _parse_one(f"ALTER TABLE _t {piece}")
    cmds = (stmt or {}).get("AlterTableStmt", {}).get("cmds", [])
    return cmds[0]["AlterTableCmd"] if len(cmds) == 1 else None


def alter_pieces(stmt: Statement) -> tuple[str, tuple[str, ...]] | None:
    """The ``ALTER TABLE`` header and the text of each subcommand, in order, each verified by
    reparsing.

    >>> from expandcontract.core.parse import parse_sql
    >>> alter_pieces(parse_sql('ALTER TABLE ONLY "A".b ADD c numeric(10, 2) DEFAULT 0, DROP d')[0])
    ('ALTER TABLE ONLY "A".b', ('ADD c numeric(10, 2) DEFAULT 0', 'DROP d'))
    """
    cmds = stmt.body.get("cmds", []) if stmt.kind == "AlterTableStmt" else []
    text = stmt.text
    start = strip_leading_comments(text)
    m = _ALTER_HEADER.match(text, start)
    if not m or not cmds:
        return None
    pieces = tuple(p for p in _split_top_level(text[m.end():]) if p)
    if len(pieces) != len(cmds):
        return None
    for piece, cmd in zip(pieces, cmds, strict=True):
        reparsed = parse_cmd(piece)
        if reparsed is None or not same_tree(reparsed, cmd["AlterTableCmd"]):
            return None
    return text[start : m.end()].strip(), pieces


def expression_text(text: str, node: dict) -> str | None:
    """``text`` itself if it parses as exactly the expression ``node``, else None."""
    stmt = _parse_one(f"SELECT {text}")
    targets = (stmt or {}).get("SelectStmt", {}).get("targetList", [])
    if len(targets) != 1 or (stmt or {}).get("SelectStmt", {}).get("fromClause"):
        return None
    return text if same_tree(targets[0]["ResTarget"].get("val"), node) else None


def using_text(piece: str) -> str | None:
    """The ``USING`` expression of an ``ALTER COLUMN … TYPE … USING expr`` subcommand.

    >>> using_text("ALTER COLUMN y TYPE bigint USING (y + 1) * 2")
    '(y + 1) * 2'
    """
    cmd = parse_cmd(piece)
    expr = (cmd or {}).get("def", {}).get("ColumnDef", {}).get("raw_default")
    at = _top_level_word(piece, "USING")
    if expr is None or at is None:
        return None
    return expression_text(piece[at + len("USING"):].strip(), expr)


def column_def_parts(piece: str) -> tuple[str, dict[str, str], list[tuple[dict, str]]] | None:
    """Cut ``ADD COLUMN name type … constraints`` apart.

    Returns the column definition without its inline constraints, the ``DEFAULT`` expression
    text (under ``"default"``, when there is one) and every inline constraint with its text
    (``NOT NULL``, ``REFERENCES t (id)``, ``CHECK (…)`` …). None when the pieces do not reparse
    to the same tree.

    >>> bare, exprs, cons = column_def_parts("ADD COLUMN x int DEFAULT (1 + 2) * 3 NOT NULL REFERENCES a (id)")
    >>> bare, exprs["default"], [text for _, text in cons]
    ('ADD COLUMN x int', '(1 + 2) * 3', ['DEFAULT (1 + 2) * 3', 'NOT NULL', 'REFERENCES a (id)'])
    """
    prefix = "ALTER TABLE _t "
    sql = prefix + piece
    data = sql.encode("utf-8")
    cmd = parse_cmd(piece)
    column = (cmd or {}).get("def", {}).get("ColumnDef")
    if column is None:
        return None
    constraints = [c["Constraint"] for c in column.get("constraints", [])]
    starts = [c.get("location", -1) for c in constraints]
    if any(s < len(prefix) for s in starts) or starts != sorted(starts):
        return None
    ends = [*starts[1:], len(data)]
    texts = [data[a:b].decode("utf-8").strip() for a, b in zip(starts, ends, strict=True)]
    bare = data[len(prefix.encode()) : starts[0]].decode("utf-8").strip() if starts else piece.strip()
    expected = {k: v for k, v in column.items() if k != "constraints"}
    bare_cmd = parse_cmd(bare)
    if bare_cmd is None or not same_tree(bare_cmd.get("def", {}).get("ColumnDef"), expected):
        return None
    exprs: dict[str, str] = {}
    for con, text in zip(constraints, texts, strict=True):
        reparsed = parse_cmd(f"{bare} {text}")
        got = (reparsed or {}).get("def", {}).get("ColumnDef", {}).get("constraints", [])
        if len(got) != 1 or not same_tree(got[0]["Constraint"], con):
            return None
        if con.get("contype") == "CONSTR_DEFAULT":
            m = re.match(r"(?:CONSTRAINT\s+" + _IDENT + r"\s+)?DEFAULT\s+", text, re.I)
            found = expression_text(text[m.end():], con.get("raw_expr")) if m else None
            if found is None:
                return None
            exprs["default"] = found
    return bare, exprs, list(zip(constraints, texts, strict=True))
