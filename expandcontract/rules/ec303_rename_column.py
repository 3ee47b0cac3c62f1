"""EC303 rename-column: renaming a column while the old app still uses the old name."""

from __future__ import annotations

from collections.abc import Iterable

from ..findings import Severity
from . import OLD_APP_LIVE, Hit, Rule, RuleContext, quote_ident, quote_qualified
from .ec1_shared import pairs_with_schema, when


class RenameColumn(Rule):
    code = "EC303"
    name = "rename-column"
    severity = Severity.ERROR
    family = "compatibility"
    ops = frozenset({"rename_column"})
    script_kinds = OLD_APP_LIVE
    squawk = ("renaming-column",)

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        if not ctx.old_app_live:
            return
        for action, _, schema in pairs_with_schema(ctx):
            if action.op != "rename_column" or not ctx.table_existing(action.table):
                continue
            table, old, new = action.table, action.column or "?", action.new_name or "?"
            known = schema.table(table)
            column = known.column(old) if known else None
            sql_type = str(column.type) if column else "<its type>"
            t, o, n = quote_qualified(table), quote_ident(old), quote_ident(new)
            yield Hit(
                f"the old app still selects and writes {table}.{old}: once it is renamed to {new}, those "
                f"queries fail with 'column \"{old}\" does not exist' ({when(ctx.kind)})",
                f"rename in three phases: expand.sql ALTER TABLE {t} ADD COLUMN {n} {sql_type} plus a "
                f"trigger that copies {o} to {n} on every write; migrate.sql UPDATE {t} SET {n} = {o} "
                f"(batched); contract.sql, once the app uses only {new}: ALTER TABLE {t} DROP COLUMN {o}",
            )
