"""EC303 rename-column: renaming a column while the old app still uses the old name."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from ..core.ops import Op
from . import OLD_APP_LIVE, Hit, Rule, RuleContext, quote_ident, quote_qualified
from ._shared.alembic import Raw, declare, op_call, table_args
from ._shared.compat import on_live_tables, when


class RenameColumn(Rule):
    code = "EC303"
    name = "rename-column"
    severity = Severity.ERROR
    family = "compatibility"
    ops = frozenset({Op.RENAME_COLUMN})
    script_kinds = OLD_APP_LIVE
    squawk = ("renaming-column",)

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        for action, _, schema in on_live_tables(ctx, self.ops):
            table, old, new = action.table, action.column or "?", action.new_name or "?"
            column = schema.column(table, old)
            sql_type = str(column.type) if column else "<its type>"
            t, o, n = quote_qualified(table), quote_ident(old), quote_ident(new)
            yield Hit(
                f"if the old app still reads or writes {table}.{old}, its queries fail with 'column \"{old}\" "
                f"does not exist' once it is renamed to {new} ({when(ctx.kind)})",
                f"rename in three phases: expand.sql ALTER TABLE {t} ADD COLUMN {n} {sql_type} plus a "
                f"trigger that copies {o} to {n} on every write; migrate.sql UPDATE {t} SET {n} = {o} "
                f"(batched); contract.sql, once the app uses only {new}: ALTER TABLE {t} DROP COLUMN {o}",
                _alembic_help(table, old, new),
            )


def _alembic_help(table: str, old: str, new: str) -> str:
    bare, schema = table_args(table)
    t, o, n = quote_qualified(table), quote_ident(old), quote_ident(new)
    column = Raw('sa.Column("' + new + '", ...)')
    return (
        f"rename in three revisions: {declare('expand')}: "
        f"{op_call('add_column', bare, column, schema=schema)} plus a trigger, "
        f"created with op.execute, that copies {old} to {new} and back on every write; {declare('migrate')}: "
        f"`# expandcontract: backfill key=…` above "
        f"{op_call('execute', f'UPDATE {t} SET {n} = {o} WHERE {n} IS DISTINCT FROM {o}')}; "
        f"{declare('contract')}, once the app uses only {new}: {op_call('drop_column', bare, old, schema=schema)}"
    )
