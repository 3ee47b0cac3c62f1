"""EC408 enum-value-ordering: enum values added out of order, or reordered.

A renamed value breaks the old app outright; EC101 reports that as an error."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from ..core.identifiers import quote_qualified
from ..core.ops import Action, Op
from ..core.schema import Schema
from . import Hit, Rule, RuleContext


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _placed(action: Action, schema: Schema) -> Hit | None:
    """ADD VALUE … BEFORE / AFTER: the value lands in the middle of the order."""
    if not action.detail.get("neighbor"):
        return None
    enum, value = action.object_name or "?", action.detail.get("value") or "?"
    where = "after" if action.detail.get("after") else "before"
    return Hit(
        f"{value!r} goes {where} {action.detail['neighbor']!r} in {enum}: enum columns sort and "
        f"compare by declaration order, so the old app's ORDER BY and range filters (<, >, BETWEEN) "
        f"on {enum} now meet a value it does not know in the middle of its ranges, and comparisons "
        "with a value added out of order need a catalog lookup (slower)",
        f"append it instead, and keep any business order in the app or a lookup table: "
        f"ALTER TYPE {quote_qualified(enum)} ADD VALUE IF NOT EXISTS {_literal(value)}",
    )


def _reordered(action: Action, schema: Schema) -> Hit | None:
    """ALTER COLUMN TYPE from one enum to another that orders the same values differently."""
    table = schema.table(action.table)
    column = table.column(action.column) if table else None
    if column is None or action.type is None or column.type.array != action.type.array:
        return None
    old_values = _enum_values(schema, column.type.name, column.type.schema)
    new_values = _enum_values(schema, action.type.name, action.type.schema)
    if old_values is None or new_values is None:
        return None
    common = [v for v in old_values if v in new_values]
    if common == [v for v in new_values if v in old_values]:
        return None
    return Hit(
        f"{action.table}.{action.column} changes from enum {column.type} to {action.type}, which "
        f"orders the same values differently ({', '.join(common)} become "
        f"{', '.join(v for v in new_values if v in old_values)}): the old app's ORDER BY and range "
        "filters on the column return different rows, and the change rewrites the table under an "
        "ACCESS EXCLUSIVE lock",
        "keep the enum's order and sort in the app, or by an explicit CASE or a lookup table with a "
        "position column",
    )


_HANDLERS = {Op.ADD_ENUM_VALUE: _placed, Op.ALTER_COLUMN_TYPE: _reordered}


class EnumValueOrdering(Rule):
    code = "EC408"
    name = "enum-value-ordering"
    severity = Severity.WARNING
    family = "practice"
    squawk = ("require-enum-value-ordering",)
    ops = frozenset(_HANDLERS)
    postgres_only = True

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        for handle, action, _ in self.per_op(ctx, _HANDLERS):
            hit = handle(action, ctx.schema)
            if hit:
                yield hit


def _enum_values(schema: Schema, name: str, namespace: str | None) -> tuple[str, ...] | None:
    key = f"{namespace}.{name}" if namespace and namespace != "public" else name
    return schema.enums.get(key)
