"""EC301 drop-column: dropping a column while the old app still uses it."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from ..core.ops import Op
from . import OLD_APP_LIVE, Hit, Rule, RuleContext, quote_ident, quote_qualified
from ._shared.alembic import declare, op_call, table_args
from ._shared.compat import when


class DropColumn(Rule):
    code = "EC301"
    name = "drop-column"
    severity = Severity.ERROR
    family = "compatibility"
    ops = frozenset({Op.DROP_COLUMN})
    script_kinds = OLD_APP_LIVE
    squawk = ("ban-drop-column",)

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        if not ctx.old_app_live:
            return
        for action, _ in self.pairs(ctx):
            if ctx.table_is_new(action.table):
                continue
            yield Hit(
                f"if the old app still reads or writes {action.table}.{action.column}, its queries fail "
                f"with 'column \"{action.column}\" does not exist' from the moment this commits, and "
                f"rolling back the deploy cannot bring the values back ({when(ctx.kind)})",
                f"stop using the column in the app first, deploy, then drop it in contract.sql: "
                f"ALTER TABLE {quote_qualified(action.table)} DROP COLUMN {quote_ident(action.column)}",
                alembic=_alembic_help(action.table, action.column),
            )


def _alembic_help(table: str | None, column: str | None) -> str:
    bare, schema = table_args(table)
    return (f"stop using the column in the app first, deploy, then drop it in {declare('contract')}: "
            f"{op_call('drop_column', bare, column or '?', schema=schema)}")
