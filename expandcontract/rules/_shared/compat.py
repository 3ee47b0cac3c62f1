"""Shared by the phase-discipline (EC101-EC104) and compatibility (EC302-EC310) rules: how to
name a change and a phase in a message, and what this migration itself created or will drop.

No rule lives here; the module only spares each rule its own copy of these phrases.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ...core.migration import ScriptKind
from ...core.ops import Action, Classification
from ...core.ops.registry import extract_actions
from ...core.parse import parse_sql
from ...core.schema import Schema, relation_key
from .. import RuleContext, ScriptIndex

__all__ = [
    "contract_drops_column",
    "created_earlier",
    "describe",
    "is_temp_table",
    "key_columns",
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
    "add_column": "ADD COLUMN",
    "drop_column": "DROP COLUMN",
    "rename_column": "RENAME COLUMN",
    "alter_column_type": "ALTER COLUMN … TYPE on",
    "set_not_null": "SET NOT NULL on",
    "drop_not_null": "DROP NOT NULL on",
    "set_default": "SET DEFAULT on",
    "drop_default": "DROP DEFAULT on",
    "add_constraint": "ADD CONSTRAINT",
    "validate_constraint": "VALIDATE CONSTRAINT",
    "drop_constraint": "DROP CONSTRAINT",
    "rename_constraint": "RENAME CONSTRAINT",
    "create_index": "CREATE INDEX",
    "drop_index": "DROP INDEX",
    "rename_index": "ALTER INDEX … RENAME",
    "create_table": "CREATE TABLE",
    "create_table_as": "CREATE TABLE … AS",
    "create_matview": "CREATE MATERIALIZED VIEW",
    "drop_table": "DROP TABLE",
    "rename_table": "ALTER TABLE … RENAME",
    "rename_view": "ALTER VIEW … RENAME",
    "rename_view_column": "ALTER VIEW … RENAME COLUMN",
    "create_view": "CREATE VIEW",
    "drop_view": "DROP VIEW",
    "create_enum": "CREATE TYPE … AS ENUM",
    "add_enum_value": "ALTER TYPE … ADD VALUE on",
    "rename_enum_value": "ALTER TYPE … RENAME VALUE on",
    "create_type": "CREATE TYPE",
    "drop_type": "DROP TYPE",
    "rename_type": "ALTER TYPE … RENAME",
    "create_function": "CREATE FUNCTION",
    "drop_function": "DROP FUNCTION",
    "rename_function": "ALTER FUNCTION … RENAME",
    "create_trigger": "CREATE TRIGGER",
    "drop_trigger": "DROP TRIGGER",
    "create_sequence": "CREATE SEQUENCE",
    "drop_sequence": "DROP SEQUENCE",
    "rename_sequence": "ALTER SEQUENCE … RENAME",
    "create_schema": "CREATE SCHEMA",
    "drop_schema": "DROP SCHEMA",
    "rename_schema": "ALTER SCHEMA … RENAME",
    "create_extension": "CREATE EXTENSION",
    "drop_extension": "DROP EXTENSION",
    "create_domain": "CREATE DOMAIN",
    "alter_domain": "ALTER DOMAIN",
    "detach_partition": "DETACH PARTITION",
    "attach_partition": "ATTACH PARTITION",
    "truncate": "TRUNCATE",
    "update": "UPDATE of",
    "delete": "DELETE from",
    "insert": "INSERT into",
    "merge": "MERGE into",
    "grant": "GRANT",
    "create_policy": "CREATE POLICY",
    "create_statistics": "CREATE STATISTICS",
    "create_rule": "CREATE RULE",
    "set_schema": "SET SCHEMA",
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
    if action.op == "set_schema" and action.table:
        return f"{label} {action.object_name} on {action.table}"
    if action.op in ("detach_partition", "attach_partition") and action.object_name:
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


def pairs_with_schema(ctx: RuleContext) -> Iterator[tuple[Action, Classification, Schema]]:
    """Each action of the statement with the schema it runs on: in ``ALTER TABLE t ADD c …,
    ALTER c SET NOT NULL`` the second subcommand already sees the column the first one added."""
    schema = ctx.schema
    for action, cls in ctx.pairs():
        yield action, cls, schema
        # the same arguments as the replay in analyse_script: Schema.apply returns its memoised result
        schema = schema.apply(action, origin=ctx.migration.name, statement_text=ctx.step.statement.text)


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
            if a.op in ("create_table", "create_table_as") and a.detail.get("temporary"):
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
            if action.op == "drop_column" and action.table and action.column:
                dropped.add((relation_key(action.table), action.column))
    return frozenset(dropped)
