"""Shared by the phase-discipline (EC101-EC104) and compatibility (EC302-EC310) rules: how to
name a change and a phase in a message, and what this migration itself created or will drop.

No rule lives here; the module only spares each rule its own copy of these phrases.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import TypeVar

from ...core.migration import ScriptKind
from ...core.ops import Action, Classification, Op
from ...core.ops.registry import extract_actions
from ...core.parse import parse_sql
from ...core.schema import Schema, relation_key
from .. import RuleContext, ScriptIndex

_T = TypeVar("_T")

__all__ = [
    "contract_drops_column",
    "created_earlier",
    "describe",
    "is_temp_table",
    "key_columns",
    "on_live_tables",
    "pairs_with_schema",
    "sql_excerpt",
    "when",
]

_WHEN = {
    ScriptKind.UNPHASED: "this unphased migration runs before the new app is deployed, while the old app serves traffic",
    ScriptKind.EXPAND: "expand.sql runs while the old app still serves traffic",
    ScriptKind.MIGRATE: "migrate.sql runs while the old and the new app both serve traffic",
    ScriptKind.CONTRACT: "contract.sql runs once only the new app serves traffic",
}


def when(kind: ScriptKind) -> str:
    """Which apps are live while a script of this kind runs, as a clause for messages."""
    return _WHEN[kind]


# op -> how SQL spells it; the object follows
_LABELS = {
    Op.ADD_COLUMN: "ADD COLUMN",
    Op.DROP_COLUMN: "DROP COLUMN",
    Op.RENAME_COLUMN: "RENAME COLUMN",
    Op.ALTER_COLUMN_TYPE: "ALTER COLUMN … TYPE on",
    Op.SET_NOT_NULL: "SET NOT NULL on",
    Op.DROP_NOT_NULL: "DROP NOT NULL on",
    Op.SET_DEFAULT: "SET DEFAULT on",
    Op.DROP_DEFAULT: "DROP DEFAULT on",
    Op.ADD_CONSTRAINT: "ADD CONSTRAINT",
    Op.VALIDATE_CONSTRAINT: "VALIDATE CONSTRAINT",
    Op.DROP_CONSTRAINT: "DROP CONSTRAINT",
    Op.RENAME_CONSTRAINT: "RENAME CONSTRAINT",
    Op.CREATE_INDEX: "CREATE INDEX",
    Op.DROP_INDEX: "DROP INDEX",
    Op.RENAME_INDEX: "ALTER INDEX … RENAME",
    Op.CREATE_TABLE: "CREATE TABLE",
    Op.CREATE_TABLE_AS: "CREATE TABLE … AS",
    Op.CREATE_MATVIEW: "CREATE MATERIALIZED VIEW",
    Op.DROP_TABLE: "DROP TABLE",
    Op.RENAME_TABLE: "ALTER TABLE … RENAME",
    Op.RENAME_VIEW: "ALTER VIEW … RENAME",
    Op.RENAME_VIEW_COLUMN: "ALTER VIEW … RENAME COLUMN",
    Op.CREATE_VIEW: "CREATE VIEW",
    Op.DROP_VIEW: "DROP VIEW",
    Op.CREATE_ENUM: "CREATE TYPE … AS ENUM",
    Op.ADD_ENUM_VALUE: "ALTER TYPE … ADD VALUE on",
    Op.RENAME_ENUM_VALUE: "ALTER TYPE … RENAME VALUE on",
    Op.CREATE_TYPE: "CREATE TYPE",
    Op.DROP_TYPE: "DROP TYPE",
    Op.RENAME_TYPE: "ALTER TYPE … RENAME",
    Op.CREATE_FUNCTION: "CREATE FUNCTION",
    Op.DROP_FUNCTION: "DROP FUNCTION",
    Op.RENAME_FUNCTION: "ALTER FUNCTION … RENAME",
    Op.CREATE_TRIGGER: "CREATE TRIGGER",
    Op.DROP_TRIGGER: "DROP TRIGGER",
    Op.CREATE_SEQUENCE: "CREATE SEQUENCE",
    Op.DROP_SEQUENCE: "DROP SEQUENCE",
    Op.RENAME_SEQUENCE: "ALTER SEQUENCE … RENAME",
    Op.CREATE_SCHEMA: "CREATE SCHEMA",
    Op.DROP_SCHEMA: "DROP SCHEMA",
    Op.RENAME_SCHEMA: "ALTER SCHEMA … RENAME",
    Op.CREATE_EXTENSION: "CREATE EXTENSION",
    Op.DROP_EXTENSION: "DROP EXTENSION",
    Op.CREATE_DOMAIN: "CREATE DOMAIN",
    Op.ALTER_DOMAIN: "ALTER DOMAIN",
    Op.DETACH_PARTITION: "DETACH PARTITION",
    Op.ATTACH_PARTITION: "ATTACH PARTITION",
    Op.TRUNCATE: "TRUNCATE",
    Op.UPDATE: "UPDATE of",
    Op.DELETE: "DELETE from",
    Op.INSERT: "INSERT into",
    Op.MERGE: "MERGE into",
    Op.GRANT: "GRANT",
    Op.CREATE_POLICY: "CREATE POLICY",
    Op.CREATE_STATISTICS: "CREATE STATISTICS",
    Op.CREATE_RULE: "CREATE RULE",
    Op.SET_SCHEMA: "SET SCHEMA",
}


def describe(action: Action) -> str:
    """The change in a few words, with its object: ``'ADD COLUMN users.email'``.

    >>> from expandcontract.core.parse import parse_sql
    >>> from expandcontract.core.ops.registry import extract_actions
    >>> [describe(a) for a in extract_actions(parse_sql(
    ...     "ALTER TABLE users ADD email text, ALTER name SET NOT NULL, ADD CONSTRAINT c CHECK (x > 0)")[0])]
    ['ADD COLUMN users.email', 'SET NOT NULL on users.name', 'ADD CONSTRAINT c on users']
    >>> describe(extract_actions(parse_sql("CREATE INDEX i ON users (email)")[0])[0])
    'CREATE INDEX i on users'
    """
    label = _LABELS.get(action.op) or action.op.replace("_", " ").upper()
    if action.column and action.table:
        return f"{label} {action.table}.{action.column}"
    if action.op == Op.SET_SCHEMA and action.table:
        return f"{label} {action.object_name} on {action.table}"
    if action.op in (Op.DETACH_PARTITION, Op.ATTACH_PARTITION) and action.object_name:
        return f"{label} {action.object_name} of {action.table}"
    if action.object_name and action.table and action.object_name != action.table:
        return f"{label} {action.object_name} on {action.table}"
    name = action.object_name or action.table
    return f"{label} {name}" if name else label


def sql_excerpt(text: str, limit: int = 120) -> str:
    """A statement on one line, for help text.

    >>> sql_excerpt("DROP VIEW\\n    active_users;")
    'DROP VIEW active_users'
    """
    flat = re.sub(r"\s+", " ", text).strip().rstrip(";").strip()
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def pairs_with_schema(ctx: RuleContext, ops: frozenset[Op] | None = None) -> Iterator[tuple[Action, Classification, Schema]]:
    """Each action of the statement (of ``ops`` only, when given: a rule passes its declared
    ``ops``) with the schema it runs on: in ``ALTER TABLE t ADD c …, ALTER c SET NOT NULL`` the
    second subcommand already sees the column the first one added."""
    schema = ctx.schema
    for action, cls in ctx.pairs():
        if ops is None or action.op in ops:
            yield action, cls, schema
        # the same arguments as the replay in analyse_script: Schema.apply returns its memoised result
        schema = schema.apply(action, origin=ctx.migration.name, statement_text=ctx.step.statement.text)


def on_live_tables(ctx: RuleContext, ops: frozenset[Op] | None) -> Iterator[tuple[Action, Classification, Schema]]:
    """``pairs_with_schema`` of the actions on a table in production (``ctx.table_existing``)
    while the old app is live (none in a script that runs after it is gone): what a compatibility
    rule judges."""
    if not ctx.old_app_live:
        return
    for action, cls, schema in pairs_with_schema(ctx, ops):
        if ctx.table_existing(action.table):
            yield action, cls, schema


def per_op_with_schema(ctx: RuleContext, table: Mapping[Op, _T]) -> Iterator[tuple[_T, Action, Classification, Schema]]:
    """``pairs_with_schema`` of the operations ``table`` names, each with its entry (``Rule.per_op``)."""
    return ((table[a.op], a, c, schema) for a, c, schema in pairs_with_schema(ctx, frozenset(table)))


def created_earlier(ctx: RuleContext, name: str | None) -> bool:
    """The object (view, type, function, sequence …) was created earlier in this script or, for
    tables and views, anywhere in this migration: nobody but this migration knows it yet."""
    if not name:
        return False
    view = ctx.schema.view(name)
    if ctx.table_is_new(name) or (view is not None and view.origin == ctx.migration.name):
        return True
    return ctx.seen_before(_created_names, relation_key(name))


def _created_names(index: ScriptIndex) -> dict[str, int]:
    """Each name a CREATE in the script gives (its object's and its table's) -> the first one."""
    first: dict[str, int] = {}
    for position, step in enumerate(index.steps):
        for a in step.actions:
            if a.op.startswith("create_"):
                first.setdefault(relation_key(a.object_name), position)
                first.setdefault(relation_key(a.table), position)
    return first


def is_temp_table(ctx: RuleContext, table: str) -> bool:
    """A temporary table created earlier in this script: session scratch space, not schema."""
    return ctx.seen_before(_temp_tables, relation_key(table))


def _temp_tables(index: ScriptIndex) -> dict[str, int]:
    first: dict[str, int] = {}
    for position, step in enumerate(index.steps):
        for a in step.actions:
            if a.op in (Op.CREATE_TABLE, Op.CREATE_TABLE_AS) and a.detail.get("temporary"):
                first.setdefault(relation_key(a.table), position)
    return first


def key_columns(schema: Schema, table: str | None) -> tuple[str, ...]:
    """The primary key of a table if we know it (what a batched backfill walks), else ``('id',)``."""
    known = schema.table(table)
    if known is not None:
        for con in known.constraints.values():
            if con.kind == "primary_key" and con.columns:
                return con.columns
    return ("id",)


def contract_drops_column(ctx: RuleContext, table: str | None, column: str | None) -> bool:
    """This migration's contract.sql drops ``table.column``: the column is being retired."""
    script = ctx.migration.script(ScriptKind.CONTRACT)
    if script is None or not table or not column:
        return False
    return (relation_key(table), column) in _dropped_columns(script.text, ctx.config.dialect)


@lru_cache(maxsize=64)
def _dropped_columns(text: str, dialect: str) -> frozenset[tuple[str, str]]:
    dropped = set()
    for stmt in parse_sql(text, dialect=dialect):
        for action in extract_actions(stmt):
            if action.op == Op.DROP_COLUMN and action.table and action.column:
                dropped.add((relation_key(action.table), action.column))
    return frozenset(dropped)
