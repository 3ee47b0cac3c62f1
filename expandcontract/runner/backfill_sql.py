"""Rewriting a backfill ``UPDATE`` into key-range batches, safely.

The user's statement is kept byte for byte: sqlglot's tokenizer finds the top-level ``WHERE``
(and ``RETURNING``) of the ``UPDATE``; the original condition is wrapped in parentheses and the
key range is ANDed to it. Every rewrite is then checked with libpg_query, the server's own
grammar: the new parse tree must equal the old one with only the two range conditions added.
Anything the check cannot vouch for is refused rather than run. A MySQL ``UPDATE``
(``dialect="mysql"``) is cut the same way, quoted with backticks, and checked with sqlglot's
MySQL grammar instead (libpg_query does not read MySQL).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pgparse
import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError
from sqlglot.tokens import TokenType

__all__ = ["BackfillDirective", "BatchTemplate", "RewriteError", "backfill_directive", "batch_template", "decode_key",
           "encode_key"]


class RewriteError(ValueError):
    """The UPDATE cannot be split into batches safely; the message says what to write instead."""


_DIRECTIVE = re.compile(r"^\s*expandcontract:\s*backfill\b(.*)$", re.I)


@dataclass(frozen=True)
class BackfillDirective:
    key: str | None = None
    off: bool = False  # run the UPDATE as written, in one transaction


def backfill_directive(comments: tuple[tuple[int, str], ...]) -> BackfillDirective | None:
    """The ``-- expandcontract: backfill key=col`` (or ``backfill off``) comment before a statement.

    >>> backfill_directive(((3, " expandcontract: backfill key=id"),))
    BackfillDirective(key='id', off=False)
    >>> backfill_directive(((3, " expandcontract: backfill off"),)).off
    True
    >>> backfill_directive(((3, " expandcontract: backfill size=2"),))
    Traceback (most recent call last):
    ...
    ValueError: line 3: unknown backfill option 'size=2' (use key=COLUMN or off)
    """
    found = None
    for line, text in comments:
        m = _DIRECTIVE.match(text)
        if not m:
            continue
        key, off = None, False
        for word in m.group(1).split():
            if word.lower().startswith("key=") and len(word) > 4:
                raw = word[4:]
                # an unquoted name folds to lower case, as PostgreSQL does
                key = raw[1:-1] if raw.startswith('"') and raw.endswith('"') else raw.lower()
            elif word.lower() == "off":
                off = True
            else:
                raise ValueError(f"line {line}: unknown backfill option {word!r} (use key=COLUMN or off)")
        found = BackfillDirective(key, off)
    return found


@dataclass(frozen=True)
class BatchTemplate:
    """An UPDATE cut at its WHERE: ``render`` adds a key range to it."""

    original: str
    table: str  # the relation as written (``public.users``)
    target: str  # how the SET/WHERE refer to it (its alias, else its name), as SQL text
    head: str  # text up to and including the WHERE keyword (or the whole statement without one)
    condition: str | None  # the original WHERE condition, None when there was none
    tail: str  # RETURNING … and trailing comments
    joined: bool = False  # UPDATE … FROM other tables: its WHERE cannot be counted on the table alone
    dialect: str = "postgres"  # or "mysql"

    def remaining_sql(self, limit: int) -> str | None:
        """Counts (up to ``limit``) the rows that still match the WHERE, or None when that cannot be
        asked of the table alone (no WHERE: every row matches; a FROM list)."""
        if self.condition is None or self.joined:
            return None
        bare = self.table.rsplit(".", 1)[-1]
        alias = "" if self.target == bare else f" AS {self.target}"
        return (f"SELECT count(*) FROM (SELECT 1 FROM {self.table}{alias} WHERE {self.condition} "
                f"LIMIT {limit}) AS still_matching")

    def range_condition(self, key: str | tuple[str, ...], lower: str | tuple[str, ...] | None,
                        upper: str | tuple[str, ...] | None) -> str:
        """``key > lower AND key <= upper``; a composite key compares as a row.

        >>> print(batch_template("UPDATE t SET a = 1").range_condition(("k", "n"), ("x", "1"), ("y", "2")))
        (t."k", t."n") > ('x', '1') AND (t."k", t."n") <= ('y', '2')
        """
        keys = (key,) if isinstance(key, str) else key
        columns = [f"{self.target}.{exp.to_identifier(k, quoted=True).sql(dialect=self.dialect)}" for k in keys]
        column = columns[0] if len(columns) == 1 else f"({', '.join(columns)})"

        def value(v: str | int | tuple[str | int, ...]) -> str:
            vs = v if isinstance(v, tuple) else (v,)
            lits = [_literal(x, self.dialect) for x in vs]
            return lits[0] if len(lits) == 1 else f"({', '.join(lits)})"

        parts = []
        if lower is not None:
            parts.append(f"{column} > {value(lower)}")
        if upper is not None:
            parts.append(f"{column} <= {value(upper)}")
        return " AND ".join(parts)

    def render(self, key: str | tuple[str, ...], lower, upper) -> str:
        """The batch statement for ``lower < key <= upper`` (either bound may be open).

        >>> t = batch_template("UPDATE users u SET b = a WHERE b IS NULL OR b = '' RETURNING id")
        >>> print(t.render("id", "10", "20"))
        UPDATE users u SET b = a WHERE (b IS NULL OR b = '') AND u."id" > '10' AND u."id" <= '20' RETURNING id
        >>> print(batch_template('UPDATE "Big" SET b = a').render("id", None, "5"))
        UPDATE "Big" SET b = a WHERE "Big"."id" <= '5'
        """
        cond = self.range_condition(key, lower, upper)
        if not cond:
            return self.original
        if self.condition is None:
            return f"{self.head} WHERE {cond}{self.tail}"
        return f"{self.head} ({self.condition}) AND {cond}{self.tail}"

    def render_checked(self, key: str | tuple[str, ...], lower, upper) -> str:
        sql = self.render(key, lower, upper)
        (_verify_mysql if self.dialect == "mysql" else _verify)(self.original, sql,
                                                                self.range_condition(key, lower, upper))
        return sql

    def describe(self, key: str | tuple[str, ...]) -> str:
        """The batch statement with symbolic bounds, for plans."""
        width = 1 if isinstance(key, str) else len(key)
        text = self.render(key, ("$LAST",) * width, ("$UPPER",) * width)
        return text.replace("'$LAST'", ":last_key").replace("'$UPPER'", ":upper_key")


def encode_key(values: tuple[str, ...]) -> str:
    """A key's value as the checkpoint keeps it: the text of a single column, a JSON array for a
    composite key (as ``sqlgen.key_text`` selects it).

    >>> encode_key(("7",)), encode_key(("a", "1")), decode_key('["a", "1"]', 2)
    ('7', '["a", "1"]', ('a', '1'))
    """
    import json

    return values[0] if len(values) == 1 else json.dumps(list(values))


def decode_key(text: str | None, width: int) -> tuple[str, ...] | None:
    import json

    if text is None:
        return None
    return (text,) if width == 1 else tuple(json.loads(text))


def _literal(value: str | int, dialect: str = "postgres") -> str:
    """An untyped SQL string literal: PostgreSQL coerces it to the key column's type. An int (a
    MySQL integer key's bound) is written as a number: MySQL compares a string with an integer
    column as floating point, which loses precision past 2**53.

    >>> _literal("it's"), _literal(12, "mysql"), _literal("a'b", "mysql")
    ("'it''s'", '12', "'a''b'")
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return exp.Literal.string(value).sql(dialect=dialect)


def batch_template(sql: str, dialect: str = "postgres") -> BatchTemplate:
    """Cut an UPDATE for batching; raises ``RewriteError`` for shapes it cannot batch."""
    try:
        tree = sqlglot.parse_one(sql, read=dialect)
    except SqlglotError as exc:
        raise RewriteError(f"sqlglot cannot parse this UPDATE ({str(exc).splitlines()[0]})") from None
    if not isinstance(tree, exp.Update):
        raise RewriteError("not a single UPDATE statement")
    if dialect == "mysql" and (tree.args.get("order") or tree.args.get("limit")):
        raise RewriteError("an UPDATE with ORDER BY or LIMIT cannot be batched by key range")
    if tree.args.get("with_") or tree.args.get("with"):
        raise RewriteError("an UPDATE with a WITH clause cannot be batched")
    where = tree.args.get("where")
    if where is not None and "CURRENT OF" in where.sql(dialect="postgres").upper():
        raise RewriteError("UPDATE … WHERE CURRENT OF cannot be batched")
    table = tree.this
    if not isinstance(table, exp.Table):
        raise RewriteError("the UPDATE target is not a plain table")
    alias = table.args.get("alias")
    target_node = alias.this if alias is not None else table.this
    target = target_node.sql(dialect=dialect)
    name = ".".join(p.sql(dialect=dialect) for p in table.parts)

    tokens = list(sqlglot.Dialect.get_or_raise(dialect).tokenize(sql))
    depth = 0
    where_at = returning_at = None
    for i, tok in enumerate(tokens):
        if tok.token_type == TokenType.L_PAREN:
            depth += 1
        elif tok.token_type == TokenType.R_PAREN:
            depth -= 1
        elif depth == 0 and tok.token_type == TokenType.WHERE and where_at is None:
            where_at = i
        elif depth == 0 and tok.token_type == TokenType.RETURNING:
            returning_at = i
    joined = bool(tree.args.get("from") or tree.args.get("from_"))
    if (where_at is None) != (where is None):
        raise RewriteError("cannot locate the WHERE clause of this UPDATE")
    end_tok = returning_at if returning_at is not None else len(tokens)
    last_end = tokens[end_tok - 1].end + 1
    tail = sql[last_end:]
    if where_at is None:
        template = BatchTemplate(sql, name, target, sql[:last_end], None, tail, joined, dialect)
    else:
        cond_start = tokens[where_at + 1].start
        template = BatchTemplate(
            sql, name, target, sql[: tokens[where_at].end + 1], sql[cond_start:last_end], tail, joined, dialect
        )
    template.render_checked("id", "0", "1")  # refuse now, not in the middle of a run
    return template


# -- verification with the server's grammar -------------------------------------------------------


def _strip_locations(node):
    if isinstance(node, dict):
        return {k: _strip_locations(v) for k, v in node.items() if k not in ("location", "stmt_location", "stmt_len")}
    if isinstance(node, list):
        return [_strip_locations(v) for v in node]
    return node


def _update_stmt(sql: str) -> dict:
    try:
        parsed = pgparse.parse(sql)
    except pgparse.PGQueryError as exc:
        raise RewriteError(f"the batched statement does not parse: {exc.args[0] if exc.args else exc}") from None
    if len(parsed) != 1 or "UpdateStmt" not in parsed[0]["stmt"]:
        raise RewriteError("the batched statement is not a single UPDATE")
    return _strip_locations(parsed[0]["stmt"]["UpdateStmt"])


def _and_args(node: dict | None) -> list:
    if node is None:
        return []
    bool_expr = node.get("BoolExpr")
    if bool_expr and bool_expr.get("boolop") == "AND_EXPR":
        return list(bool_expr["args"])
    return [node]


def _verify(original: str, rewritten: str, range_condition: str) -> None:
    before = _update_stmt(original)
    after = _update_stmt(rewritten)
    select = pgparse.parse(f"SELECT 1 WHERE {range_condition}")[0]["stmt"]["SelectStmt"]
    added = _and_args(_strip_locations(select["whereClause"]))
    expected_where = _and_args(before.get("whereClause")) + added
    rest_before = {k: v for k, v in before.items() if k != "whereClause"}
    rest_after = {k: v for k, v in after.items() if k != "whereClause"}
    if rest_before != rest_after or _and_args(after.get("whereClause")) != expected_where:
        raise RewriteError("adding the key range would change what this UPDATE means")


def _verify_mysql(original: str, rewritten: str, range_condition: str) -> None:
    """The MySQL rewrite is the original with the range ANDed to its WHERE, by sqlglot's MySQL
    grammar: both trees printed back must be the same statement."""
    try:
        before = sqlglot.parse_one(original, read="mysql")
        after = sqlglot.parse_one(rewritten, read="mysql")
        added = sqlglot.parse_one(f"SELECT 1 WHERE {range_condition}", read="mysql").args["where"].this
    except SqlglotError as exc:
        raise RewriteError(f"the batched statement does not parse: {str(exc).splitlines()[0]}") from None
    expected = before.copy()
    old = before.args.get("where")
    parts = list(added.flatten()) if isinstance(added, exp.And) else [added]
    if old is not None:
        parts.insert(0, exp.Paren(this=old.this))
    expected.set("where", exp.Where(this=exp.and_(*parts)))
    if expected.sql(dialect="mysql") != after.sql(dialect="mysql"):
        raise RewriteError("adding the key range would change what this UPDATE means")
