"""Helpers shared by the lock rules (EC2xx): which table a statement really locks, whether that
table is live in production, and the words every lock message uses."""

from __future__ import annotations

import re

from ...core.identifiers import quote_ident, quote_qualified, truncate_identifier
from ...core.migration import Step
from ...core.ops import Action, Classification, Lock, Op
from ...core.schema import Schema
from .. import RuleContext, ScriptIndex

__all__ = [
    "article",
    "bare",
    "constraint_name",
    "index_table",
    "live_locks_in",
    "lock_words",
    "locked_table",
    "relation_is_new",
    "sql_list",
]


def article(lock: Lock) -> str:
    """``'an ACCESS EXCLUSIVE'``, ``'a SHARE'``."""
    return ("an " if lock.label[0] in "AEIOU" else "a ") + lock.label


def lock_words(lock: Lock, table: str) -> str:
    """``'an ACCESS EXCLUSIVE lock on users (all reads and writes of users wait)'``."""
    who = lock.blocks
    if lock >= Lock.SHARE:
        who = f"{who} on {table} wait"
    return f"{article(lock)} lock on {table} ({who})"


def index_table(ctx: RuleContext, index: str | None, schema: Schema | None = None) -> str | None:
    """The table an index belongs to, when the schema knows the index."""
    return _index_table(index, schema or ctx.schema)


def _index_table(index: str | None, schema: Schema) -> str | None:
    found = schema.index(index)
    return found.table if found else None


def locked_table(ctx: RuleContext, action: Action, schema: Schema | None = None) -> str | None:
    """The table whose lock the action takes (an index's table for DROP/REINDEX INDEX), looked up
    in ``schema`` (default: the schema before this statement)."""
    return _locked_table(action, schema or ctx.schema)


def _locked_table(action: Action, schema: Schema) -> str | None:
    if action.op == Op.DROP_INDEX:
        return _index_table(action.object_name, schema)
    if action.op == Op.REINDEX and action.detail.get("kind") == "REINDEX_OBJECT_INDEX":
        return _index_table(action.table, schema)
    return action.table


def live_locks_in(index: ScriptIndex) -> list[list[tuple[str, Lock, Classification]]]:
    """For each step of the script: (table, lock, classification) for every table live in
    production that it locks, referenced tables of foreign keys included (they get SHARE ROW
    EXCLUSIVE). Worked out once per script, for every rule that asks."""
    return index.get(_live_locks)


def _live_locks(index: ScriptIndex) -> list[list[tuple[str, Lock, Classification]]]:
    return [_step_live_locks(step, index.migration) for step in index.steps]


def _step_live_locks(step: Step, migration: str) -> list[tuple[str, Lock, Classification]]:
    found = []
    for action, cls in zip(step.actions, step.classifications, strict=True):
        table = _locked_table(action, step.schema_before)
        creates = action.op in (Op.CREATE_TABLE, Op.CREATE_TABLE_AS, Op.CREATE_MATVIEW)
        if cls.lock > Lock.NONE and not creates and _existing_at(step, table, migration):
            found.append((table, cls.lock, cls))
        if action.op in (Op.CREATE_TABLE, Op.ADD_CONSTRAINT, Op.ADD_COLUMN):
            for ref in action.tables:
                if ref != table and _existing_at(step, ref, migration):
                    found.append((ref, Lock.SHARE_ROW_EXCLUSIVE, cls))
    return found


def relation_is_new(ctx: RuleContext, name: str | None) -> bool:
    """A table or (materialized) view created by this migration: nobody uses it yet."""
    if ctx.table_is_new(name):
        return True
    view = ctx.schema.view(name)
    return view is not None and view.origin == ctx.migration.name


def _existing_at(step: Step, table: str | None, migration: str) -> bool:
    """``table`` was live in production when ``step`` of migration ``migration`` ran."""
    if not table:
        return False
    known = step.schema_before.table(table)
    return not (known is not None and known.origin == migration)


def bare(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def constraint_name(table: str, *parts: str) -> str:
    """A constraint name in PostgreSQL's style, cut to 63 bytes: ``users_email_not_null_check``."""
    return truncate_identifier("_".join((bare(table), *parts)))


def sql_list(names: tuple[str, ...] | list[str]) -> str:
    """``(a, "Order")`` or ``(…)`` when the names are unknown."""
    return "(" + (", ".join(quote_ident(n) for n in names) if names else "…") + ")"


_CREATE_INDEX = re.compile(r"^\s*CREATE\s+(UNIQUE\s+)?INDEX\b(?!\s+CONCURRENTLY\b)", re.IGNORECASE)


def concurrent_form(statement_text: str) -> str | None:
    """The statement as written, on one line, with CONCURRENTLY where PostgreSQL wants it (None
    when it is not a plain ``CREATE [UNIQUE] INDEX``).

    >>> concurrent_form("create unique index if not exists i\\n  on t (lower(e)) where d is null")
    'create unique index CONCURRENTLY if not exists i on t (lower(e)) where d is null'
    >>> concurrent_form("CREATE INDEX CONCURRENTLY i ON t (a)")
    'CREATE INDEX CONCURRENTLY i ON t (a)'
    """
    flat = " ".join(statement_text.split()).rstrip(";").strip()
    if re.match(r"^CREATE\s+(UNIQUE\s+)?INDEX\s+CONCURRENTLY\b", flat, re.IGNORECASE):
        return flat
    match = _CREATE_INDEX.match(flat)
    return f"{flat[:match.end()]} CONCURRENTLY{flat[match.end():]}" if match else None


def long_words(cls: Classification) -> str:
    """How long the lock is held, in words."""
    if cls.rewrites:
        return "for the whole table rewrite"
    if cls.scans:
        return "for a full table scan"
    return "until the transaction commits"


__all__ += ["concurrent_form", "long_words", "quote_ident", "quote_qualified"]
