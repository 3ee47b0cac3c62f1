"""EC209 set-not-null-scans: SET NOT NULL on an existing table scans it under ACCESS EXCLUSIVE,
unless (PostgreSQL 12+) a validated CHECK (col IS NOT NULL) already proves it."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from ..core.ops import Op
from . import Hit, Rule, RuleContext
from ._shared.alembic import AUTOCOMMIT, op_call, table_args
from ._shared.locks import constraint_name, quote_ident, quote_qualified


class SetNotNullScans(Rule):
    code = "EC209"
    name = "set-not-null-scans"
    severity = Severity.ERROR
    family = "locks"
    ops = frozenset({Op.SET_NOT_NULL})
    squawk = ("adding-not-nullable-field",)
    postgres_only = True

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        for action, cls in self.pairs(ctx):
            if not cls.scans or not ctx.table_existing(action.table):
                continue
            table, column = action.table, action.column or "?"
            q_table, q_col = quote_qualified(table), quote_ident(column)
            check = quote_ident(constraint_name(table, column, "not_null_check"))
            add = (f"ALTER TABLE {q_table} ADD CONSTRAINT {check} CHECK ({q_col} IS NOT NULL) NOT VALID; "
                   f"COMMIT; then ALTER TABLE {q_table} VALIDATE CONSTRAINT {check} (SHARE UPDATE EXCLUSIVE: "
                   f"reads and writes go on)")
            if ctx.pg_version >= 12:
                fix = (f"prove it first without blocking, so SET NOT NULL skips the scan: {add}; then, in a "
                       f"later transaction: ALTER TABLE {q_table} ALTER COLUMN {q_col} SET NOT NULL; "
                       f"ALTER TABLE {q_table} DROP CONSTRAINT {check}")
            else:
                fix = (f"PostgreSQL {ctx.pg_version} (before 12) always scans for SET NOT NULL: there is no "
                       f"way around the lock. Keep a validated CHECK instead of NOT NULL (the same guarantee "
                       f"for the data): {add}; or run SET NOT NULL in a quiet window with a short lock_timeout")
            alembic = None
            if ctx.pg_version >= 12:
                bare, schema = table_args(table)
                name = constraint_name(table, column, "not_null_check")
                alembic = (
                    f"prove it first without blocking, so SET NOT NULL skips the scan: "
                    f"{op_call('create_check_constraint', name, bare, f'{q_col} IS NOT NULL', schema=schema, postgresql_not_valid=True)}; "
                    f"{AUTOCOMMIT} {op_call('execute', f'ALTER TABLE {q_table} VALIDATE CONSTRAINT {check}')} "
                    f"(SHARE UPDATE EXCLUSIVE: reads and writes go on); then "
                    f"{op_call('alter_column', bare, column, nullable=False, schema=schema)}; "
                    f"{op_call('drop_constraint', name, bare, type_='check', schema=schema)}"
                )
            yield Hit(
                f"SET NOT NULL on {table}.{column} reads every row of {table} to look for NULLs while "
                f"holding an ACCESS EXCLUSIVE lock: all reads and writes of {table} wait for the full scan",
                fix,
                alembic,
            )
