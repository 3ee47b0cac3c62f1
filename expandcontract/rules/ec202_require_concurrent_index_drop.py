"""EC202 require-concurrent-index-drop: DROP INDEX without CONCURRENTLY on an existing table, when
its transaction keeps the ACCESS EXCLUSIVE lock across slow work or a wait for another lock."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from ..core.ops import Lock, Op
from . import Hit, Rule, RuleContext
from ._shared.alembic import AUTOCOMMIT, op_call, table_args
from ._shared.locks import index_table, quote_qualified, unknown_locked_table
from ._shared.transaction import UNTIL_LINE, already_held, held_across


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
            if table and already_held(ctx, table, Lock.ACCESS_EXCLUSIVE):
                continue  # the transaction holds ACCESS EXCLUSIVE on it already: this drop adds no lock
            on = table or unknown_locked_table(ctx.step, action) or f"the table of {action.object_name}"
            later = held_across(ctx, on)
            if later is None:
                continue  # the lock is brief: only its wait in the lock queue is a risk, EC214's subject
            line, what = later
            exists = "IF EXISTS " if action.if_exists else ""
            cascade = (" (CONCURRENTLY cannot CASCADE: drop what depends on the index first)"
                       if action.cascade else "")
            yield Hit(
                f"DROP INDEX {action.object_name} takes an ACCESS EXCLUSIVE lock on {on}, {UNTIL_LINE} {line} "
                f"{what} (locks last until COMMIT): every read and write of {on}, from the old and the new app, "
                f"waits until then",
                f"drop it without blocking, one index per statement, outside a transaction block: "
                f"DROP INDEX CONCURRENTLY {exists}{quote_qualified(action.object_name)}{cascade}; or commit "
                f"right after it, before line {line}",
                alembic=f"drop it without blocking, outside the revision's transaction: {AUTOCOMMIT} "
                        f"{_drop_call(action, table)}{cascade}",
            )


def _drop_call(action, table: str | None) -> str:
    index, schema = table_args(action.object_name)
    return op_call("drop_index", index, table_name=table_args(table)[0] if table else None, schema=schema,
                   postgresql_concurrently=True, if_exists=True if action.if_exists else None)

