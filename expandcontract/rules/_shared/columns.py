"""Shared by the column-type practice rules (EC401 to EC406): every column a statement defines
(``CREATE TABLE``, ``ADD COLUMN``) or retypes (``ALTER COLUMN … TYPE``), with its type.

No rule lives here; the module only spares each rule its own walk over the actions.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...core.ops import Action, Op, TypeRef
from ...core.record import record
from .. import RuleContext, ScriptIndex, quote_ident, quote_qualified

__all__ = ["COLUMN_OPS", "ColumnUse", "column_uses"]

# the ops column_uses reads: a statement without one of them defines no column
COLUMN_OPS = frozenset({Op.CREATE_TABLE, Op.ADD_COLUMN, Op.ALTER_COLUMN_TYPE})


@record(frozen=True)
class ColumnUse:
    table: str
    column: str
    type: TypeRef
    how: str  # "create_table" | "add_column" | "alter_column_type"
    primary_key: bool = False
    not_null: bool = False
    more: bool = False  # the definition says more (DEFAULT, constraints) than help can repeat
    identity: bool = False

    @property
    def where(self) -> str:
        """``users.id`` for messages."""
        return f"{self.table}.{self.column}"

    def rewrite(self, new_type: str, suffix: str = "") -> str:
        """The same statement with a better type, as help text."""
        col, table = quote_ident(self.column), quote_qualified(self.table)
        if self.how == "alter_column_type":
            return f"ALTER TABLE {table} ALTER COLUMN {col} TYPE {new_type}"
        if self.not_null and not self.primary_key and "IDENTITY" not in new_type and self.how == "create_table":
            suffix = " NOT NULL" + suffix
        if self.how == "add_column":
            rest = " …" if self.more or self.not_null else ""
            return f"ALTER TABLE {table} ADD COLUMN {col} {new_type}{suffix}{rest}"
        return f"CREATE TABLE {table} ({col} {new_type}{suffix}, …)"


def column_uses(ctx: RuleContext) -> tuple[ColumnUse, ...]:
    """Worked out once per statement for the six rules that read them."""
    seen = ctx.index.get(_column_uses)
    uses = seen.get(ctx.position)
    if uses is None:
        uses = seen[ctx.position] = tuple(use for action in ctx.actions for use in _uses(action, ctx))
    return uses


def _column_uses(index: ScriptIndex) -> dict[int, tuple[ColumnUse, ...]]:
    return {}  # position -> its column uses, filled as rules ask


def _uses(action: Action, ctx: RuleContext) -> Iterator[ColumnUse]:
    table = action.table or "?"
    if action.op == Op.CREATE_TABLE:
        pk_columns = {c for con in action.constraints if con.kind == "primary_key" for c in con.columns}
        for spec in action.columns:
            yield ColumnUse(table, spec.name, spec.type, "create_table",
                            spec.primary_key or spec.name in pk_columns, spec.not_null, identity=spec.identity)
    elif action.op == Op.ADD_COLUMN and action.column_spec is not None:
        spec = action.column_spec
        more = spec.default is not None or spec.unique or spec.check or spec.references is not None
        yield ColumnUse(table, spec.name, spec.type, "add_column", spec.primary_key, spec.not_null, more,
                        spec.identity)
    elif action.op == Op.ALTER_COLUMN_TYPE and action.type is not None and action.column:
        existing = ctx.schema.table(action.table)
        primary = bool(existing) and any(
            c.kind == "primary_key" and action.column in c.columns for c in existing.constraints.values()
        )
        yield ColumnUse(table, action.column, action.type, "alter_column_type", primary)
