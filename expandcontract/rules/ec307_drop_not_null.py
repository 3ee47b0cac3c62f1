"""EC307 drop-not-null: a column becomes nullable while the old app still assumes it never is."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from ..core.ops import Op
from . import OLD_APP_LIVE, Hit, Rule, RuleContext, quote_ident, quote_qualified
from ._shared.alembic import declare, op_call, table_args
from ._shared.compat import contract_drops_column, on_live_tables, when


class DropNotNull(Rule):
    code = "EC307"
    name = "drop-not-null"
    severity = Severity.WARNING
    family = "compatibility"
    ops = frozenset({Op.DROP_NOT_NULL})
    script_kinds = OLD_APP_LIVE
    squawk = ("ban-drop-not-null",)

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        for action, _, schema in on_live_tables(ctx, self.ops):
            column = schema.column(action.table, action.column)
            if column is not None and not column.not_null:
                continue  # already nullable: nothing changes
            if contract_drops_column(ctx, action.table, action.column):
                continue  # the column is being retired: the rename/drop recipe relaxes it in expand
            table, name = action.table, action.column or "?"
            yield Hit(
                f"{table}.{name} becomes nullable while the old app still reads it: once the new app writes "
                f"NULL there, the old app reads a NULL it assumes cannot exist ({when(ctx.kind)})",
                f"if the new app will store NULL in {name}, drop NOT NULL in contract.sql, once the old app "
                f"is gone: ALTER TABLE {quote_qualified(table)} ALTER COLUMN {quote_ident(name)} DROP NOT NULL. "
                f"If {name} is being retired (rename or drop recipe), relaxing it in expand is right: drop "
                f"the column in this migration's contract.sql and this warning goes away",
                _alembic_help(table, name),
            )


def _alembic_help(table: str, name: str) -> str:
    bare, schema = table_args(table)
    return (
        f"if the new app will store NULL in {name}, make it nullable in {declare('contract')}, once the "
        f"old app is gone: {op_call('alter_column', bare, name, nullable=True, schema=schema)}. If {name} is "
        f"being retired (rename or drop recipe), relaxing it in expand is right: drop it in a contract "
        f"revision ({op_call('drop_column', bare, name, schema=schema)}) and say so above this call: "
        f"`# expandcontract: ignore EC307 -- {name} is dropped in contract`"
    )
