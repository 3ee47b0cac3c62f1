"""EC308 narrowing-type-change: a column type that no longer holds every value the old app writes."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from ..core.identifiers import truncate_identifier
from ..core.ops import Op, TypeRef
from ..core.ops.typecompat import is_narrowing
from . import OLD_APP_LIVE, Hit, Rule, RuleContext, quote_ident, quote_qualified
from ._shared.alembic import AUTOCOMMIT, Raw, declare, op_call, table_args
from ._shared.compat import on_live_tables, when

_INTEGER_ERRORS = {"smallint": "smallint out of range", "integer": "integer out of range"}


def _write_error(new: TypeRef) -> str:
    """What PostgreSQL answers when a value does not fit the new type."""
    if new.name in ("varchar", "char") and new.mods:
        spelled = "character varying" if new.name == "varchar" else "character"
        return f"value too long for type {spelled}({new.mods[0]})"
    if new.name in _INTEGER_ERRORS:
        return _INTEGER_ERRORS[new.name]
    if new.name == "numeric":
        return "numeric field overflow"
    return f"invalid input syntax for type {new}"


class NarrowingTypeChange(Rule):
    code = "EC308"
    name = "narrowing-type-change"
    severity = Severity.ERROR
    family = "compatibility"
    ops = frozenset({Op.ALTER_COLUMN_TYPE})
    script_kinds = OLD_APP_LIVE

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        for action, cls, schema in on_live_tables(ctx, self.ops):
            column = schema.column(action.table, action.column)
            if column is None or action.type is None or not is_narrowing(column.type, action.type):
                continue
            table, name, old, new = action.table, column.name, column.type, action.type
            work = "rewrites" if cls.rewrites else "checks"
            yield Hit(
                f"{table}.{name} narrows from {old} to {new}: the old app still writes values that fit {old} "
                f"but not {new}, and those writes fail with '{_write_error(new)}'; the ALTER itself fails if "
                f"a row does not fit, and it {work} every row of {table} under an ACCESS EXCLUSIVE lock "
                f"(blocks all reads and writes) ({when(ctx.kind)})",
                _help(table, name, old, new),
                alembic=_alembic_help(table, name, old, new),
            )


def _help(table: str, column: str, old: TypeRef, new: TypeRef) -> str:
    t, c = quote_qualified(table), quote_ident(column)
    if new.name == "varchar" and new.mods and old.name in ("text", "varchar"):
        check = quote_ident(truncate_identifier(f"{table.rsplit('.', 1)[-1]}_{column}_length"))
        return (
            f"keep the type and enforce the limit in contract.sql, once only the new app writes: "
            f"ALTER TABLE {t} ADD CONSTRAINT {check} CHECK (char_length({c}) <= {new.mods[0]}) NOT VALID; "
            f"then, in its own transaction, ALTER TABLE {t} VALIDATE CONSTRAINT {check} (no lock on writes)"
        )
    return (
        f"change the type in contract.sql, once only the new app (which writes values that fit {new}) "
        f"runs and every row fits: ALTER TABLE {t} ALTER COLUMN {c} TYPE {new}"
    )


def _alembic_help(table: str, column: str, old: TypeRef, new: TypeRef) -> str:
    bare, schema = table_args(table)
    if new.name == "varchar" and new.mods and old.name in ("text", "varchar"):
        check = truncate_identifier(f"{table.rsplit('.', 1)[-1]}_{column}_length")
        add = op_call("create_check_constraint", check, bare, f"char_length({quote_ident(column)}) <= {new.mods[0]}",
                      schema=schema, postgresql_not_valid=True)
        validate = op_call("execute", f"ALTER TABLE {quote_qualified(table)} VALIDATE CONSTRAINT {quote_ident(check)}")
        return (f"keep the type and enforce the limit in {declare('contract')}, once only the new app writes, "
                f"instead of op.alter_column(..., type_=...): {add}; then, in its own transaction, {AUTOCOMMIT} "
                f"{validate} (no lock on writes)")
    alter = op_call("alter_column", bare, column, schema=schema, type_=Raw("..."))
    return (f"change the type (to {new}) in {declare('contract')}, once only the new app (which writes values "
            f"that fit {new}) runs and every row fits: {alter}")
