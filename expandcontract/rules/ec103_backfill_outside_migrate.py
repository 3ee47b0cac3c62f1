"""EC103 backfill-outside-migrate: a bulk data change on an existing table outside migrate.sql."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from ..core.findings import Severity
from ..core.migration import ScriptKind
from ..core.ops import Action, Classification, Lock, Op
from ..core.schema import relation_key
from . import Hit, Rule, RuleContext, ScriptIndex, quote_ident, quote_qualified
from ._shared.alembic import declare, in_alembic_terms
from ._shared.compat import describe, is_temp_table, key_columns, when

_BULK = frozenset({Op.UPDATE, Op.DELETE, Op.MERGE})


class BackfillOutsideMigrate(Rule):
    code = "EC103"
    name = "backfill-outside-migrate"
    severity = Severity.ERROR
    family = "phase"
    ops = frozenset({*_BULK, Op.INSERT})
    script_kinds = frozenset({ScriptKind.EXPAND, ScriptKind.CONTRACT, ScriptKind.UNPHASED})

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        if ctx.kind is ScriptKind.MIGRATE:
            return
        for action, _ in ctx.pairs():
            bulk = action.op in _BULK or (action.op == Op.INSERT and action.detail.get("from_select"))
            table = action.table
            if not bulk or not ctx.table_existing(table) or is_temp_table(ctx, table):
                continue  # INSERT … VALUES seeds, and DML on tables this migration created, are fine
            yield Hit(
                f"{describe(action)} runs as one transaction in {_script_name(ctx.kind)}: "
                f"{_cost(action)}{_held_lock(ctx, table)} ({when(ctx.kind)})",
                *_helps(ctx, action),
            )


def _script_name(kind: ScriptKind) -> str:
    return "an unphased migration" if kind is ScriptKind.UNPHASED else f"{kind}.sql"


def _cost(action: Action) -> str:
    if action.op == Op.INSERT:
        return (
            f"every selected row is copied into {action.table} in one long transaction, which holds "
            "back VACUUM everywhere and rolls all of it back on any error"
        )
    verb = {Op.UPDATE: "updated", Op.DELETE: "deleted", Op.MERGE: "merged"}[action.op]
    return (
        f"every matching row of {action.table} is {verb} at once and stays row-locked until the script "
        "commits (the apps' writes to those rows wait), leaving a dead copy of each row behind as bloat"
    )


def _held_lock(ctx: RuleContext, table: str) -> str:
    """An earlier statement of the same transaction that locked the table keeps its lock for the
    whole backfill: the worst case (``ALTER TABLE … ADD COLUMN`` then ``UPDATE`` in one file)."""
    start = ctx.transaction_start()
    positions, takers = ctx.index.get(_share_locks).get(relation_key(table), ((), ()))
    last = bisect_left(positions, ctx.position) - 1  # the latest earlier step that locked it
    if start is None or last < 0 or positions[last] < start:
        return ""
    action, cls = takers[last]
    return (
        f"; and the {cls.lock.label} lock that {describe(action)} took earlier in this "
        f"transaction stays held for the whole backfill (blocks {cls.lock.blocks})"
    )


def _share_locks(index: ScriptIndex) -> dict[str, tuple[list[int], list[tuple[Action, Classification]]]]:
    """Table -> the positions of the steps that lock it in SHARE mode or stronger, each with its
    first action that does."""
    found: dict[str, tuple[list[int], list]] = {}
    for position, step in enumerate(index.steps):
        seen = set()
        for action, cls in zip(step.actions, step.classifications, strict=True):
            key = relation_key(action.table)
            if cls.lock >= Lock.SHARE and key not in seen:
                seen.add(key)
                positions, takers = found.setdefault(key, ([], []))
                positions.append(position)
                takers.append((action, cls))
    return found


def _helps(ctx: RuleContext, action: Action) -> tuple[str, str]:
    """The help for SQL files, and for an Alembic revision."""
    table = quote_qualified(action.table or "?")
    keys = key_columns(ctx.schema, action.table)
    key = quote_ident(keys[0])
    if action.op == Op.UPDATE and len(keys) == 1:
        where = (
            "migrate.sql, where the runner batches it by key in short transactions "
            f"(`-- expandcontract: backfill key={key}` above the UPDATE)"
        )
    elif action.op == Op.INSERT:
        where = (f"migrate.sql, copying one key range per transaction "
                 f"(INSERT INTO {table} SELECT … WHERE {key} > $last AND {key} <= $last + 5000)")
    elif action.op == Op.MERGE:
        where = f"migrate.sql, one range of a few thousand {key} values per transaction"
    else:
        where = (f"migrate.sql, a few thousand rows per transaction "
                 f"({action.op.upper()} … WHERE {key} IN (SELECT {key} FROM {table} WHERE … LIMIT 5000), "
                 "repeated until it touches no row)")
    if action.op == Op.UPDATE and len(keys) == 1:
        alembic = (f"move this op.execute to {declare('migrate')} of its own, with `# expandcontract: backfill "
                   f"key={key}` on the line above it: `expandcontract apply --alembic` then runs it in short "
                   "transactions, one key range each")
    else:
        alembic = f"move this op.execute to {in_alembic_terms(where)}"
    if ctx.kind is ScriptKind.UNPHASED:
        return (
            "split the migration into phases (expand.sql / migrate.sql / contract.sql, or "
            f"`-- expandcontract: phase NAME` markers in one file) and put it in {where}"
        ), alembic
    return f"move it to {where}", alembic
