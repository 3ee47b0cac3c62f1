"""EC202 require-concurrent-index-drop: DROP INDEX without CONCURRENTLY on an existing table."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from ..core.ops import Lock, Op
from . import Hit, Rule, RuleContext
from ._shared.alembic import AUTOCOMMIT, op_call, table_args
from ._shared.locks import index_table, live_locks_in, live_reads, quote_qualified


class RequireConcurrentIndexDrop(Rule):
    code = "EC202"
    name = "require-concurrent-index-drop"
    severity = Severity.ERROR
    family = "locks"
    ops = frozenset({Op.DROP_INDEX})
    squawk = ("require-concurrent-index-deletion",)
    postgres_only = True

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        for action, cls in self.pairs(ctx):
            if action.concurrent or not action.object_name or cls.lock is Lock.NONE:
                continue  # (no lock: an IF EXISTS of an index the schema model knows is not there)
            table = index_table(ctx, action.object_name)
            if table and ctx.table_is_new(table):
                continue
            if table and _already_locked(ctx, table) and not _slow_follows(ctx):
                continue  # the transaction holds ACCESS EXCLUSIVE on it already, and commits promptly
            on = table or f"the table of {action.object_name}"
            exists = "IF EXISTS " if action.if_exists else ""
            cascade = (" (CONCURRENTLY cannot CASCADE: drop what depends on the index first)"
                       if action.cascade else "")
            yield Hit(
                f"DROP INDEX {action.object_name} takes an ACCESS EXCLUSIVE lock on {on}: every read and "
                f"write of {on}, from the old and the new app, queues behind it — first while it waits for "
                f"running queries on {on} to finish, then until the transaction commits",
                f"drop it without blocking, one index per statement, outside a transaction block: "
                f"DROP INDEX CONCURRENTLY {exists}{quote_qualified(action.object_name)}{cascade}",
                alembic=f"drop it without blocking, outside the revision's transaction: {AUTOCOMMIT} "
                        f"{_drop_call(action, table)}{cascade}",
            )


def _drop_call(action, table: str | None) -> str:
    index, schema = table_args(action.object_name)
    return op_call("drop_index", index, table_name=table_args(table)[0] if table else None, schema=schema,
                   postgresql_concurrently=True, if_exists=True if action.if_exists else None)


def _already_locked(ctx: RuleContext, table: str) -> bool:
    """An earlier statement of this transaction took ACCESS EXCLUSIVE on ``table``."""
    start = ctx.transaction_start()
    if start is None:
        return False
    live = live_locks_in(ctx.index)
    return any(t == table and lock >= Lock.ACCESS_EXCLUSIVE
               for position in range(start, ctx.position) for t, lock, _ in live[position])


def _slow_follows(ctx: RuleContext) -> bool:
    """A later statement of this transaction rewrites, scans or reads a live table."""
    live = live_locks_in(ctx.index)
    for position in range(ctx.position + 1, ctx.index.group_end(ctx.position)):
        step = ctx.index.steps[position]
        if live_reads(step, ctx.migration.name) or any(cls.holds_long for _, _, cls in live[position]):
            return True
    return False
