"""EC310 set-not-null-while-old-app-live: forbidding NULL while the old app may still write it.

Covers ``SET NOT NULL`` and its stand-in ``ADD CONSTRAINT … CHECK (col IS NOT NULL)`` (a CHECK
added NOT VALID is still enforced on every new write).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from ..core.identifiers import truncate_identifier
from ..core.ops import Action, Op
from ..core.schema import Schema
from . import OLD_APP_LIVE, Hit, Rule, RuleContext, quote_ident, quote_qualified
from ._shared.alembic import AUTOCOMMIT, declare, op_call, table_args
from ._shared.compat import per_op_with_schema, when


def _set_not_null(action: Action) -> tuple[str | None, str, str]:
    """(the column, how it is forbidden NULL, the error an INSERT of NULL meets) for SET NOT NULL."""
    column = action.column
    return column, "SET NOT NULL", f"null value in column \"{column}\" violates not-null constraint"


def _check_not_null(action: Action) -> tuple[str | None, str, str]:
    """The same for ADD CONSTRAINT … CHECK (c IS NOT NULL); no column for any other constraint."""
    constraint = action.constraint
    column = constraint.not_null_column if constraint and constraint.kind == "check" else None
    table = action.table or ""
    name = (constraint.name if constraint else None) or f"{table.rsplit('.', 1)[-1]}_{column}_check"
    return (column, f"CHECK ({column} IS NOT NULL)",
            f"new row for relation \"{table}\" violates check constraint \"{name}\"")


_FORBIDS_NULL = {Op.SET_NOT_NULL: _set_not_null, Op.ADD_CONSTRAINT: _check_not_null}


class SetNotNullWhileOldAppLive(Rule):
    code = "EC310"
    name = "set-not-null-while-old-app-live"
    severity = Severity.ERROR
    family = "compatibility"
    ops = frozenset(_FORBIDS_NULL)
    script_kinds = OLD_APP_LIVE

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        if not ctx.old_app_live:
            return
        for forbids_null, action, cls, schema in per_op_with_schema(ctx, _FORBIDS_NULL):
            column, how, error = forbids_null(action)
            if column is None or not ctx.table_existing(action.table):
                continue
            if not _old_app_may_write_null(schema, action.table, column):
                continue
            table = action.table
            scan = (
                f"; it also scans all of {table} under an ACCESS EXCLUSIVE lock (blocks all reads and writes)"
                if cls.scans else ""
            )
            yield Hit(
                f"the old app may still INSERT rows without {table}.{column} or set it to NULL: after {how} "
                f"those writes fail with '{error}'{scan} ({when(ctx.kind)})",
                _help(ctx, table, column),
                alembic=_alembic_help(ctx, table, column),
            )


def _old_app_may_write_null(schema: Schema, table: str, column: str) -> bool:
    known = schema.table(table)
    col = known.column(column) if known else None
    if col is None:
        return True  # we never saw it: assume the worst
    if col.not_null or col.has_default:
        return False  # NULL was already refused, or INSERTs that leave it out get the default
    return not any(c.kind == "check" and c.not_null_column == column for c in known.constraints.values())


def _help(ctx: RuleContext, table: str, column: str) -> str:
    t, c = quote_qualified(table), quote_ident(column)
    default = f"or give {c} a DEFAULT in expand.sql so INSERTs that leave it out get a value"
    if ctx.pg_version < 12:
        return (
            f"backfill {c} in migrate.sql, then in contract.sql, once the old app is gone: ALTER TABLE {t} "
            f"ALTER COLUMN {c} SET NOT NULL; {default}"
        )
    check = quote_ident(truncate_identifier(f"{table.rsplit('.', 1)[-1]}_{column}_not_null"))
    return (
        f"backfill {c} in migrate.sql, then in contract.sql, once the old app is gone, each in its own "
        f"transaction: ALTER TABLE {t} ADD CONSTRAINT {check} CHECK ({c} IS NOT NULL) NOT VALID; "
        f"ALTER TABLE {t} VALIDATE CONSTRAINT {check}; ALTER TABLE {t} ALTER COLUMN {c} SET NOT NULL, "
        f"DROP CONSTRAINT {check} (no scan under the lock); {default}"
    )


def _alembic_help(ctx: RuleContext, table: str, column: str) -> str:
    bare, schema = table_args(table)
    backfill = f"backfill {column} in {declare('migrate')}"
    default = (f"or give {column} a server default, so INSERTs that leave it out get a value, in "
               f"{declare('expand')}: {op_call('alter_column', bare, column, schema=schema, server_default='<value>')}")
    set_not_null = op_call("alter_column", bare, column, schema=schema, nullable=False)
    if ctx.pg_version < 12:
        return f"{backfill}, then in {declare('contract')}, once the old app is gone: {set_not_null}; {default}"
    check = truncate_identifier(f"{table.rsplit('.', 1)[-1]}_{column}_not_null")
    add = op_call("create_check_constraint", check, bare, f"{quote_ident(column)} IS NOT NULL", schema=schema,
                  postgresql_not_valid=True)
    validate = op_call("execute", f"ALTER TABLE {quote_qualified(table)} VALIDATE CONSTRAINT {quote_ident(check)}")
    drop = op_call("drop_constraint", check, bare, schema=schema, type_="check")
    return (f"{backfill}, then in {declare('contract')}, once the old app is gone, each in its own transaction: "
            f"{AUTOCOMMIT} {add}; {validate}; {set_not_null}; {drop} (no scan under the lock); {default}")
