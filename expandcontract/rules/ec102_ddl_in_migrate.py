"""EC102 ddl-in-migrate: a schema change in migrate.sql, which is for data only."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from ..core.migration import ScriptKind
from ..core.ops import Action, Classification, Op, Phase
from . import Hit, Rule, RuleContext
from ._shared.alembic import declare
from ._shared.compat import describe, is_temp_table

# data changes, session and transaction control, maintenance: what migrate may hold. Heavy
# maintenance (REINDEX, CLUSTER, VACUUM FULL) is not a schema change; the lock rules judge it.
_DATA_OPS = frozenset(
    {
        Op.UPDATE, Op.DELETE, Op.INSERT, Op.MERGE, Op.COPY, Op.COPY_OUT, Op.SELECT, Op.TRUNCATE,
        Op.SET, Op.BEGIN, Op.COMMIT, Op.ROLLBACK, Op.SAVEPOINT, Op.TRANSACTION,
        Op.ANALYZE, Op.VACUUM, Op.VACUUM_FULL, Op.REINDEX, Op.CLUSTER, Op.REFRESH_MATVIEW,
        Op.DO_BLOCK, Op.CALL, Op.EXPLAIN, Op.LOCK_TABLE, Op.COMMENT,
    }
)
# statements extract_actions does not model ("other"): these change the catalog
_DDL_PREFIXES = ("Create", "Alter", "Drop", "Define", "Rename", "Grant", "Import", "SecLabel", "Reassign")


class DdlInMigrate(Rule):
    code = "EC102"
    name = "ddl-in-migrate"
    severity = Severity.ERROR
    family = "phase"
    script_kinds = frozenset({ScriptKind.MIGRATE})

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        if ctx.kind is not ScriptKind.MIGRATE:
            return
        changes = [(a, c) for a, c in ctx.pairs() if _is_schema_change(a, ctx)]
        if not changes:
            return
        what = ", ".join(describe(a) for a, _ in changes)
        phases = {c.phase for _, c in changes}
        yield Hit(
            f"{what} in migrate.sql changes the schema while the old and the new app both serve traffic: "
            f"{_consequence(changes, phases)}",
            _help(phases),
            _alembic_help(phases),
        )


def _is_schema_change(action: Action, ctx: RuleContext) -> bool:
    op = action.op
    if op == Op.SELECT:
        return bool(action.detail.get("into")) and not action.detail.get("temporary")
    if op in _DATA_OPS:
        return False
    if op in (Op.CREATE_TABLE, Op.CREATE_TABLE_AS) and action.detail.get("temporary"):
        return False
    if action.table and is_temp_table(ctx, action.table):
        return False
    if op in (Op.OTHER, Op.OTHER_ALTER) and not action.table:
        return ctx.step.statement.kind.startswith(_DDL_PREFIXES)
    return True


def _consequence(changes: list[tuple[Action, Classification]], phases: set[Phase]) -> str:
    breaks = next((c.breaks_old_app for _, c in changes if c.breaks_old_app), None)
    if breaks:
        return f"{breaks}, and the old app is still live here"
    if Phase.CONTRACT in phases:
        return "it removes or tightens what the old app, still live here, may rely on"
    if Phase.EXPAND in phases:
        return (
            "the new app is already deployed when migrate.sql starts, so it runs without this change "
            "until the statement is reached, however long the data changes before it take"
        )
    return (
        "migrate.sql is for data only; a schema change there lands neither before the new app ships "
        "(expand) nor after the old app is gone (contract)"
    )


def _help(phases: set[Phase]) -> str:
    keep = "keep migrate.sql to INSERT, UPDATE and DELETE"
    if Phase.CONTRACT in phases:
        return f"move it to contract.sql, which runs once the old app is gone; {keep}"
    if Phase.EXPAND in phases:
        return f"move it to expand.sql, so it is in place before the new app ships; {keep}"
    return f"move it to expand.sql or contract.sql; {keep}"


def _alembic_help(phases: set[Phase]) -> str:
    keep = ('a migrate revision (phase = "migrate") holds only op.execute of INSERT, UPDATE and DELETE, '
            "and op.bulk_insert")
    if Phase.CONTRACT in phases:
        return f"move this operation to {declare('contract')}, which runs once the old app is gone; {keep}"
    if Phase.EXPAND in phases:
        return f"move this operation to {declare('expand')}, so it is in place before the new app ships; {keep}"
    return f"move this operation to {declare('expand')} or {declare('contract')}; {keep}"
