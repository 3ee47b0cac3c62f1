"""EC103 backfill-outside-migrate: a bulk data change on an existing table outside migrate.sql."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..core.findings import Severity
from ..core.migration import ScriptKind
from ..core.ops import Action, Classification, Lock, Op
from ..core.schema import relation_key
from . import Hit, Rule, RuleContext, ScriptIndex, quote_ident, quote_qualified
from ._shared.alembic import declare, in_alembic_terms
from ._shared.compat import describe, is_temp_table, key_columns, when


@dataclass(frozen=True)
class _Backfill:
    """What one data-changing operation costs outside migrate.sql, and where it goes instead."""

    bulk: Callable[[Action], bool]  # it changes many rows (INSERT … VALUES seeds do not)
    cost: str  # its cost, ``{table}`` filled in
    # where it goes in migrate.sql, ``{table}`` and ``{key}`` filled in; with one key column the
    # runner can batch it itself (``keyed``), else ``batched``
    batched: str
    keyed: str | None = None


def _rows_changed(verb: str) -> str:
    return (f"every matching row of {{table}} is {verb} at once and stays row-locked until the script "
            "commits (the apps' writes to those rows wait), leaving a dead copy of each row behind as bloat")


def _in_batches(statement: str) -> str:
    return (f"migrate.sql, a few thousand rows per transaction "
            f"({statement} … WHERE {{key}} IN (SELECT {{key}} FROM {{table}} WHERE … LIMIT 5000), "
            "repeated until it touches no row)")


def _always(action: Action) -> bool:
    return True


_BACKFILLS = {
    Op.UPDATE: _Backfill(
        _always, _rows_changed("updated"), _in_batches("UPDATE"),
        keyed="migrate.sql, where the runner batches it by key in short transactions "
              "(`-- expandcontract: backfill key={key}` above the UPDATE)"),
    Op.DELETE: _Backfill(_always, _rows_changed("deleted"), _in_batches("DELETE")),
    Op.MERGE: _Backfill(_always, _rows_changed("merged"),
                        "migrate.sql, one range of a few thousand {key} values per transaction"),
    Op.INSERT: _Backfill(
        lambda action: bool(action.detail.get("from_select")),  # INSERT … SELECT
        "every selected row is copied into {table} in one long transaction, which holds "
        "back VACUUM everywhere and rolls all of it back on any error",
        "migrate.sql, copying one key range per transaction "
        "(INSERT INTO {table} SELECT … WHERE {key} > $last AND {key} <= $last + 5000)"),
}


class BackfillOutsideMigrate(Rule):
    code = "EC103"
    name = "backfill-outside-migrate"
    severity = Severity.ERROR
    family = "phase"
    ops = frozenset(_BACKFILLS)
    script_kinds = frozenset({ScriptKind.EXPAND, ScriptKind.CONTRACT, ScriptKind.UNPHASED})

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        if ctx.kind is ScriptKind.MIGRATE:
            return
        for backfill, action, _ in self.per_op(ctx, _BACKFILLS):
            table = action.table
            if not backfill.bulk(action) or not ctx.table_existing(table) or is_temp_table(ctx, table):
                continue  # INSERT … VALUES seeds, and DML on tables this migration created, are fine
            yield Hit(
                f"{describe(action)} runs as one transaction in {_script_name(ctx.kind)}: "
                f"{backfill.cost.format(table=action.table)}{_held_lock(ctx, table)} ({when(ctx.kind)})",
                *_helps(ctx, action, backfill),
            )


def _script_name(kind: ScriptKind) -> str:
    return "an unphased migration" if kind is ScriptKind.UNPHASED else f"{kind}.sql"


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


def _helps(ctx: RuleContext, action: Action, backfill: _Backfill) -> tuple[str, str]:
    """The help for SQL files, and for an Alembic revision."""
    table = quote_qualified(action.table or "?")
    keys = key_columns(ctx.schema, action.table)
    key = quote_ident(keys[0])
    keyed = backfill.keyed is not None and len(keys) == 1
    where = (backfill.keyed if keyed else backfill.batched).format(table=table, key=key)
    if keyed:
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
