"""EC104 additive-in-contract: an additive change that waits until contract.sql."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from ..core.migration import ScriptKind
from ..core.ops import Action, Op
from ..core.schema import relation_key
from . import Hit, Rule, RuleContext, ScriptIndex
from ._shared.alembic import AUTOCOMMIT, declare
from ._shared.compat import describe, sql_excerpt

# what only adds: nothing the old app uses changes. Constraints and unique indexes are left out
# on purpose: they tighten the data, and after the backfill contract is where that belongs (the
# CHECK … NOT VALID / VALIDATE / SET NOT NULL recipe runs there).
_ADDITIVE = frozenset(
    {
        Op.ADD_COLUMN, Op.CREATE_TABLE, Op.CREATE_TABLE_AS, Op.CREATE_MATVIEW, Op.CREATE_INDEX,
        Op.CREATE_VIEW, Op.CREATE_FUNCTION, Op.CREATE_TRIGGER, Op.CREATE_ENUM, Op.ADD_ENUM_VALUE,
        Op.CREATE_TYPE, Op.CREATE_DOMAIN, Op.CREATE_SEQUENCE, Op.CREATE_SCHEMA, Op.CREATE_EXTENSION,
        Op.CREATE_STATISTICS, Op.CREATE_POLICY,
    }
)
_REDEFINES = frozenset({"create_view", "create_function", "create_trigger"})  # … OR REPLACE


class AdditiveInContract(Rule):
    code = "EC104"
    name = "additive-in-contract"
    severity = Severity.WARNING
    family = "phase"
    ops = _ADDITIVE
    script_kinds = frozenset({ScriptKind.CONTRACT})

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        if ctx.kind is not ScriptKind.CONTRACT:
            return
        for action, _ in self.pairs(ctx):
            if not _additive(action):
                continue
            if action.op != Op.CREATE_TABLE and ctx.seen_before(_created_tables, relation_key(action.table)):
                continue  # reported once, at its CREATE TABLE
            yield Hit(
                f"{describe(action)} is additive, yet it waits for contract.sql: the new app has run "
                "without it since its deploy and cannot rely on it until now, and it ships with the "
                "step after which the old app can no longer come back",
                f"move it to expand.sql, so it is in place before the new app ships: "
                f"{sql_excerpt(ctx.step.statement.text)}",
                _alembic_help(action),
            )


def _additive(action: Action) -> bool:
    """One of the ``_ADDITIVE`` ops that really adds (not a redefinition)."""
    if action.op in _REDEFINES and action.detail.get("replace"):
        return False  # redefining what exists, e.g. a view without the dropped column
    if action.op == Op.CREATE_INDEX and action.unique:
        return False  # backs a unique constraint: tightening
    return not (action.op in (Op.CREATE_TABLE, Op.CREATE_TABLE_AS) and action.detail.get("temporary"))


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
        from .ec201_require_concurrent_index import alembic_create_index

        return f"{where}, built without blocking writes: {AUTOCOMMIT} {alembic_create_index(action)}"
    return where
