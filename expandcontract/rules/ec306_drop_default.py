"""EC306 drop-default: dropping the default of a NOT NULL column the old app leaves out."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from ..core.ops import Op
from . import OLD_APP_LIVE, Hit, Rule, RuleContext, quote_ident, quote_qualified
from ._shared.alembic import Raw, declare, op_call, table_args
from ._shared.compat import on_live_tables, when


class DropDefault(Rule):
    code = "EC306"
    name = "drop-default"
    severity = Severity.ERROR
    family = "compatibility"
    ops = frozenset({Op.DROP_DEFAULT})
    script_kinds = OLD_APP_LIVE

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        for action, _, schema in on_live_tables(ctx, self.ops):
            column = schema.column(action.table, action.column)
            if column is None or not column.not_null or column.default is None:
                continue  # a nullable column just gets NULL; no default, nothing changes
            table, name = action.table, column.name
            yield Hit(
                f"the old app's INSERTs that leave out {table}.{name} rely on its default "
                f"({column.default}): without it they fail with 'null value in column \"{name}\" "
                f"violates not-null constraint' ({when(ctx.kind)})",
                f"keep the default until no deployed app leaves the column out, then drop it in "
                f"contract.sql: ALTER TABLE {quote_qualified(table)} ALTER COLUMN {quote_ident(name)} "
                f"DROP DEFAULT",
                alembic=_alembic_help(table, name),
            )


def _alembic_help(table: str, column: str) -> str:
    bare, schema = table_args(table)
    drop = op_call("alter_column", bare, column, schema=schema, server_default=Raw("None"))
    return (f"keep the default until no deployed app leaves the column out, then drop it in "
            f"{declare('contract')}: {drop}")
