"""EC302 drop-table: dropping a table while the old app still uses it."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from ..core.ops import Op
from . import OLD_APP_LIVE, Hit, Rule, RuleContext, quote_qualified
from ._shared.alembic import declare, op_call, table_args
from ._shared.compat import on_live_tables, when


class DropTable(Rule):
    code = "EC302"
    name = "drop-table"
    severity = Severity.ERROR
    family = "compatibility"
    ops = frozenset({Op.DROP_TABLE})
    script_kinds = OLD_APP_LIVE
    squawk = ("ban-drop-table",)

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        for action, _, _ in on_live_tables(ctx, self.ops):
            table = action.table
            cascade = (
                "; CASCADE also drops every view and foreign key that depends on it" if action.cascade else ""
            )
            yield Hit(
                f"if the old app still reads or writes {table}, its queries fail with "
                f"'relation \"{table}\" does not exist' from the moment this commits, and rolling back "
                f"the deploy cannot bring the rows back{cascade} ({when(ctx.kind)})",
                f"stop using {table} in the app first, deploy, then drop it in contract.sql: "
                f"DROP TABLE {'IF EXISTS ' if action.if_exists else ''}{quote_qualified(table)}",
                alembic=_alembic_help(table, action.if_exists),
            )


def _alembic_help(table: str, if_exists: bool) -> str:
    bare, schema = table_args(table)
    drop = op_call("drop_table", bare, schema=schema, if_exists=True if if_exists else None)
    return f"stop using {table} in the app first, deploy, then drop it in {declare('contract')}: {drop}"
