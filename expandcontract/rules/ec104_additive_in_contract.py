"""EC104 additive-in-contract: an additive change that waits until contract.sql."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..core.findings import Severity
from ..core.migration import ScriptKind
from ..core.ops import Action, Op
from ..core.schema import relation_key
from . import Hit, Rule, RuleContext, ScriptIndex
from ._shared.alembic import AUTOCOMMIT, alembic_create_index, declare
from ._shared.compat import describe, sql_excerpt


@dataclass(frozen=True)
class _Adds:
    """An operation that only adds: when it really adds, and whether it creates the table the
    statements after it in the script add to (those are reported once, at the CREATE TABLE)."""

    adds: Callable[[Action], bool] = lambda action: True
    creates_table: bool = False


def _not_replace(action: Action) -> bool:
    return not action.detail.get("replace")  # … OR REPLACE redefines what exists, e.g. a view without a column


def _not_temporary(action: Action) -> bool:
    return not action.detail.get("temporary")


_ADDS, _REPLACEABLE = _Adds(), _Adds(_not_replace)
# what only adds: nothing the old app uses changes. Constraints and unique indexes are left out
# on purpose: they tighten the data, and after the backfill contract is where that belongs (the
# CHECK … NOT VALID / VALIDATE / SET NOT NULL recipe runs there).
_ADDITIVE = {
    Op.ADD_COLUMN: _ADDS,
    Op.CREATE_TABLE: _Adds(_not_temporary, creates_table=True),
    Op.CREATE_TABLE_AS: _Adds(_not_temporary),
    Op.CREATE_MATVIEW: _ADDS,
    Op.CREATE_INDEX: _Adds(lambda action: not action.unique),  # a unique one backs a constraint: tightening
    Op.CREATE_VIEW: _REPLACEABLE,
    Op.CREATE_FUNCTION: _REPLACEABLE,
    Op.CREATE_TRIGGER: _REPLACEABLE,
    **{op: _ADDS for op in (Op.CREATE_ENUM, Op.ADD_ENUM_VALUE, Op.CREATE_TYPE, Op.CREATE_DOMAIN, Op.CREATE_SEQUENCE,
                            Op.CREATE_SCHEMA, Op.CREATE_EXTENSION, Op.CREATE_STATISTICS, Op.CREATE_POLICY)},
}


class AdditiveInContract(Rule):
    code = "EC104"
    name = "additive-in-contract"
    severity = Severity.WARNING
    family = "phase"
    ops = frozenset(_ADDITIVE)
    script_kinds = frozenset({ScriptKind.CONTRACT})

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        if ctx.kind is not ScriptKind.CONTRACT:
            return
        for adds, action, _ in self.per_op(ctx, _ADDITIVE):
            if not adds.adds(action):
                continue
            if not adds.creates_table and ctx.seen_before(_created_tables, relation_key(action.table)):
                continue  # reported once, at its CREATE TABLE
            yield Hit(
                f"{describe(action)} is additive, yet it waits for contract.sql: the new app has run "
                "without it since its deploy and cannot rely on it until now, and it ships with the "
                "step after which the old app can no longer come back",
                f"move it to expand.sql, so it is in place before the new app ships: "
                f"{sql_excerpt(ctx.step.statement.text)}",
                _alembic_help(action),
            )


def _created_tables(index: ScriptIndex) -> dict[str, int]:
    first: dict[str, int] = {}
    for position, step in enumerate(index.steps):
        for a in step.actions:
            if a.op in (Op.CREATE_TABLE, Op.CREATE_TABLE_AS):
                first.setdefault(relation_key(a.table), position)
    return first


def _alembic_help(action: Action) -> str:
    where = f"move this operation to {declare('expand')}, so it is in place before the new app ships"
    if action.op == Op.CREATE_INDEX:
        return f"{where}, built without blocking writes: {AUTOCOMMIT} {alembic_create_index(action)}"
    return where
