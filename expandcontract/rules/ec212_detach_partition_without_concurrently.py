"""EC212 detach-partition-without-concurrently: DETACH PARTITION takes ACCESS EXCLUSIVE on the
partitioned table, and its transaction keeps it across slow work or a wait for another lock;
PostgreSQL 14+ can detach CONCURRENTLY."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from ..core.ops import Lock, Op
from . import Hit, Rule, RuleContext
from ._shared.alembic import AUTOCOMMIT, op_call
from ._shared.locks import quote_qualified
from ._shared.transaction import UNTIL_LINE, already_held, held_across


class DetachPartitionWithoutConcurrently(Rule):
    code = "EC212"
    name = "detach-partition-without-concurrently"
    severity = Severity.ERROR
    family = "locks"
    squawk = ("require-concurrent-partition-detach",)
    ops = frozenset({Op.DETACH_PARTITION})
    postgres_only = True

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        for action, _ in self.pairs(ctx):
            if action.concurrent or not ctx.table_existing(action.table):
                continue
            parent, part = action.table, action.object_name or "?"
            if already_held(ctx, parent, Lock.ACCESS_EXCLUSIVE) and already_held(ctx, part, Lock.ACCESS_EXCLUSIVE):
                continue  # the transaction holds both locks already: the detach adds none
            later = held_across(ctx, parent)
            if later is None:
                continue  # the lock is brief: only its wait in the lock queue is a risk, EC214's subject
            line, what = later
            q_parent, q_part = quote_qualified(parent), quote_qualified(part)
            lock_timeout = op_call("execute", "SET LOCAL lock_timeout = '2s'")
            if ctx.pg_version >= 14:
                detach = op_call("execute", f"ALTER TABLE {q_parent} DETACH PARTITION {q_part} CONCURRENTLY")
                alembic = (f"detach it concurrently, outside the revision's transaction (only a SHARE UPDATE "
                           f"EXCLUSIVE lock on {parent}, so reads and writes go on; refused when {parent} has a "
                           f"default partition): {AUTOCOMMIT} {detach}")
                fix = (f"ALTER TABLE {q_parent} DETACH PARTITION {q_part} CONCURRENTLY: only a SHARE UPDATE "
                       f"EXCLUSIVE lock on {parent}, so reads and writes go on; it must run outside a "
                       f"transaction block and is refused when {parent} has a default partition; or commit right "
                       f"after it, before line {line}")
            else:
                fix = (f"PostgreSQL {ctx.pg_version} has no DETACH … CONCURRENTLY (it came in 14): the lock "
                       f"cannot be avoided. Keep it short: SET lock_timeout = '2s' before it, retry on timeout, "
                       f"at a quiet time, and commit right after it, before line {line}")
                alembic = (f"PostgreSQL {ctx.pg_version} has no DETACH … CONCURRENTLY (it came in 14): the lock "
                           f"cannot be avoided. Keep it short: start upgrade() with "
                           f"{lock_timeout}, retry on timeout, at a quiet time, with "
                           f"nothing else in the revision")
            yield Hit(
                f"DETACH PARTITION {part} takes an ACCESS EXCLUSIVE lock on {parent} and {part}, {UNTIL_LINE} "
                f"{line} {what} (locks last until COMMIT): every read and write of the whole partitioned table "
                f"{parent} waits until then",
                fix,
                alembic,
            )
