"""EC305 add-not-null-column-without-default: ADD COLUMN … NOT NULL with nothing to fill it."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from ..core.ops import ColumnSpec, Op
from . import Hit, Rule, RuleContext, quote_ident, quote_qualified
from ._shared.alembic import Raw, declare, op_call, table_args
from ._shared.compat import when


def _required(spec: ColumnSpec | None) -> bool:
    """NOT NULL, and nothing fills the column for existing rows or for INSERTs that leave it out."""
    if spec is None or not spec.not_null or spec.identity or spec.generated:
        return False
    return spec.default is None or spec.default.split("::", 1)[0].strip().upper() == "NULL"


class AddNotNullColumnWithoutDefault(Rule):
    code = "EC305"
    name = "add-not-null-column-without-default"
    severity = Severity.ERROR
    family = "compatibility"
    ops = frozenset({Op.ADD_COLUMN})
    squawk = ("adding-required-field",)

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        # unlike the other compatibility rules this one also fires in contract.sql: there the old
        # app is gone, but the statement still fails on a table that has rows
        for action, _ in self.pairs(ctx):
            spec = action.column_spec
            if not _required(spec) or not ctx.table_existing(action.table):
                continue
            table, column = action.table, spec.name
            fails = (
                f"it fails with 'column \"{column}\" of relation \"{table}\" contains null values' "
                f"as soon as {table} has a row"
            )
            if ctx.old_app_live:
                message = (
                    f"{table}.{column} is NOT NULL without a default: {fails}, and if it does run, the old "
                    f"app's INSERTs, which never supply {column}, fail with 'null value in column "
                    f"\"{column}\" violates not-null constraint' ({when(ctx.kind)})"
                )
            else:
                message = f"{table}.{column} is NOT NULL without a default: {fails}"
            t, c = quote_qualified(table), quote_ident(column)
            if ctx.pg_version >= 11:
                fix = (
                    f"give it a constant default in expand.sql (stored once, no rewrite): ALTER TABLE {t} "
                    f"ADD COLUMN {c} {spec.type} NOT NULL DEFAULT <value>; or add it nullable, "
                    f"backfill it in migrate.sql and SET NOT NULL in contract.sql"
                )
            else:
                fix = (
                    f"add it nullable in expand.sql (ALTER TABLE {t} ADD COLUMN {c} {spec.type}), backfill "
                    f"it in migrate.sql and SET NOT NULL in contract.sql (before PostgreSQL 11 a default "
                    f"rewrites the table)"
                )
            yield Hit(message, fix, _alembic_help(table, column, ctx.pg_version))


def _alembic_help(table: str, column: str, pg_version: int) -> str:
    bare, schema = table_args(table)
    later = (f"backfill it in {declare('migrate')} and make it NOT NULL in {declare('contract')} "
             "(autogenerate with expandcontract.alembic.process_revision_directives writes the three, the "
             "backfill for you to complete)")
    if pg_version < 11:
        nullable = op_call("add_column", bare, Raw(f'sa.Column("{column}", ...)'), schema=schema)
        return (f"add it nullable in {declare('expand')} ({nullable}), {later}; before PostgreSQL 11 a "
                "default rewrites the table")
    with_default = op_call("add_column", bare, Raw(f'sa.Column("{column}", ..., nullable=False, '
                                                   f'server_default="<value>")'), schema=schema)
    return (f"give it a constant server default (stored once, no rewrite) in {declare('expand')}: "
            f"{with_default}; or add it nullable there, {later}")
