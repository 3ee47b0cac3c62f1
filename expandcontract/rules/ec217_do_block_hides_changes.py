"""EC217 do-block-hides-changes: a DO block that changes a live table, where no other rule can see
the change.

The block's PL/pgSQL is parsed with libpg_query's PL/pgSQL parser; each embedded SQL statement is
classified like a top-level one. Harmless bodies (CREATE TYPE guarded by an EXCEPTION handler,
RAISE NOTICE, SELECT) pass; dynamic ``EXECUTE`` cannot be read and is reported as such.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import pgparse

from ..core.findings import Severity
from ..core.ops import Lock, Op
from ..core.ops.registry import classify, extract_actions
from ..core.parse import parse_sql
from ..core.schema import relation_key
from . import Hit, Rule, RuleContext


class DoBlockHidesChanges(Rule):
    code = "EC217"
    name = "do-block-hides-changes"
    severity = Severity.WARNING
    family = "locks"
    postgres_only = True
    ops = frozenset({Op.DO_BLOCK})

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        body = _do_body(ctx.step.statement.body)
        if body is None:
            return
        created: set[str] = set()  # tables the block itself creates: new, empty, unseen
        for kind, query in _embedded_sql(body):
            if kind == "dynamic":
                template = _dynamic_template(query)
                if template is not None and not _dynamic_hazard(ctx, template, created):
                    continue  # e.g. EXECUTE format('GRANT SELECT ON %I TO app', t): readable, harmless
                yield Hit(
                    f"the DO block runs dynamic SQL (EXECUTE {_short(query)}) that no rule can read: its locks, "
                    "rewrites and what it breaks for the old app are unchecked",
                    "write the statements it builds as plain SQL so every rule sees them (IF [NOT] EXISTS gives "
                    "the same idempotency); if it must stay dynamic, review it by hand and suppress with the "
                    "reason: -- expandcontract: ignore EC217 -- why",
                )
                continue
            hazard = _hazard(ctx, query, created)
            if hazard:
                yield Hit(
                    f"the DO block runs `{_short(query)}`, which {hazard}; inside procedural code it is hidden "
                    "from every other rule, so its safe form is never suggested",
                    f"take it out of the DO block and write it as a plain statement ({_short(query)};) so the "
                    "other rules check it and give its safe form; "
                    + ("a data change belongs in migrate.sql, where the runner batches it by key"
                       if hazard.startswith("changes") else "IF [NOT] EXISTS gives the same idempotency"),
                )


def _do_body(node: dict) -> str | None:
    language, body = "plpgsql", None
    for arg in node.get("args") or ():
        elem = arg.get("DefElem", {})
        value = elem.get("arg", {}).get("String", {}).get("sval")
        if elem.get("defname") == "as":
            body = value
        elif elem.get("defname") == "language":
            language = (value or "").lower()
    return body if language == "plpgsql" else None


def _embedded_sql(body: str) -> Iterator[tuple[str, str]]:
    """("sql", text) for each embedded statement, ("dynamic", expr) for each EXECUTE."""
    quote = "$ec_do$"
    if quote in body:
        return
    try:
        tree = pgparse.parse_pgsql(f"CREATE FUNCTION ec_do() RETURNS void AS {quote}{body}{quote} LANGUAGE plpgsql")
    except pgparse.PGQueryError:
        return  # PostgreSQL would reject it too; EC001 reports the top-level text when it cannot parse
    stack: list = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            if "PLpgSQL_stmt_execsql" in node:
                yield "sql", node["PLpgSQL_stmt_execsql"]["sqlstmt"]["PLpgSQL_expr"]["query"]
            elif "PLpgSQL_stmt_dynexecute" in node:
                yield "dynamic", node["PLpgSQL_stmt_dynexecute"]["query"]["PLpgSQL_expr"]["query"]
            else:
                stack.extend(reversed(list(node.values())))


_PLACEHOLDER = "ec_dynamic_name"


def _dynamic_template(expr: str) -> str | None:
    """The SQL an ``EXECUTE`` builds, when it is a literal or ``format()`` of a literal, with
    ``%I``/``%s`` as a placeholder name and ``%L`` as NULL; None when it cannot be read.

    >>> _dynamic_template("format('GRANT SELECT ON %I TO app_rw', r.tablename)")
    'GRANT SELECT ON ec_dynamic_name TO app_rw'
    >>> _dynamic_template("'DROP TABLE ' || t") is None
    True
    """
    try:
        tree = pgparse.parse(f"SELECT {expr}")
    except pgparse.PGQueryError:
        return None
    node = tree[0]["stmt"]["SelectStmt"]["targetList"][0]["ResTarget"]["val"]
    call = node.get("FuncCall")
    if call and [n["String"]["sval"] for n in call["funcname"]][-1:] == ["format"] and call.get("args"):
        node = call["args"][0]
    text = node.get("A_Const", {}).get("sval", {}).get("sval")
    if text is None:
        return None
    return re.sub(r"%[IsL]", lambda m: "NULL" if m.group() == "%L" else _PLACEHOLDER, text.replace("%%", "%"))


def _dynamic_hazard(ctx: RuleContext, template: str, created: set[str]) -> bool:
    """The built SQL blocks or breaks something, or may, on a table chosen at run time."""
    statements = parse_sql(template)
    if not statements or any(s.node is None for s in statements):
        return True
    for statement in statements:
        if _PLACEHOLDER not in statement.text:
            if _hazard(ctx, statement.text, created):
                return True
            continue
        for action in extract_actions(statement):
            c = classify(action, ctx.schema, pg_version=ctx.pg_version)
            if action.op in _DML or c.lock >= Lock.SHARE or c.holds_long or c.breaks_old_app:
                return True
    return False


_DML = ("update", "delete", "insert", "merge")


def _hazard(ctx: RuleContext, query: str, created: set[str]) -> str | None:
    """What the embedded statement does to a live table, in words; None when nothing."""
    statements = parse_sql(query)
    if len(statements) != 1 or statements[0].node is None:
        return None  # PL/pgSQL variables in the text: not plain SQL
    for action in extract_actions(statements[0]):
        if action.op == Op.CREATE_TABLE and action.table:
            created.add(relation_key(action.table))
        if action.table and relation_key(action.table) in created:
            continue
        if action.op in _DML and ctx.table_existing(action.table):
            return f"changes rows of {action.table} in one unbatched transaction, holding their row locks until it ends"
        c = classify(action, ctx.schema, pg_version=ctx.pg_version)
        table = c.table or action.table
        if not ctx.table_existing(table) or relation_key(table) in created:
            continue
        if c.breaks_old_app and ctx.old_app_live:
            return f"breaks the old app ({c.breaks_old_app})"
        if c.lock >= Lock.SHARE or c.holds_long:
            how = " and rewrites or scans the whole table" if c.holds_long else ""
            return f"takes {c.lock.label} on {table}{how} (blocks {c.lock.blocks})"
    return None


def _short(text: str, width: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
