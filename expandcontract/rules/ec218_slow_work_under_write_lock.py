"""EC218 slow-work-under-write-lock: slow work later in a transaction that holds a lock blocking
the writes of a live table (SHARE, SHARE ROW EXCLUSIVE, EXCLUSIVE) stretches that write outage
until COMMIT. EC213 is the same hazard under ACCESS EXCLUSIVE."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from ..core.ops import Lock
from . import Hit, Rule, RuleContext
from ._shared.locks import article, live_locks_in, live_reads, locks_a_table, noop_create
from ._shared.slow_work import WORK, work_of
from ._shared.transaction import AccessExclusiveLocks

# the words compare.claims_of reads: the slow statement reads the very table that is locked
ITSELF = "reading the locked table itself"


class SlowWorkUnderWriteLock(Rule):
    code = "EC218"
    name = "slow-work-under-write-lock"
    severity = Severity.WARNING
    family = "locks"
    ops = frozenset(op for op, work in WORK.items() if work.reads or work.always)  # reads rows, or CALL
    postgres_only = True

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        start = ctx.transaction_start()
        if start is None:
            return
        if ctx.index.get(AccessExclusiveLocks).held(start, ctx.position) is not None:
            return  # ACCESS EXCLUSIVE is held too: EC213 reports it
        held = _write_locks(ctx, start)
        if not held:
            return
        work = _slow_work(ctx)
        if work is None:
            return
        what, reads = work
        line, table, lock = held[0]
        locked = {t for _, t, _ in held}
        itself = f", {ITSELF}" if locked & set(reads) else ""
        yield Hit(
            f"this statement {what}{itself} while the {lock.label} lock that line {line} took on {table} is "
            f"still held (locks last until COMMIT): every write to {table} (INSERT, UPDATE, DELETE) keeps "
            f"waiting until it is done",
            f"commit right after the statement on line {line}: wrap it alone in BEGIN; … COMMIT; (or move "
            f"this statement to the next phase's script, or to a migration of its own), so {article(lock)} "
            f"lock on {table} is held for milliseconds, not for this work too",
            f"commit right after the operation on line {line}: Alembic runs the whole revision in one "
            f"transaction, so move this operation to the next revision (or run it in "
            f"`with op.get_context().autocommit_block():`), and the lock on {table} is held for "
            f"milliseconds, not for this work too",
        )


def _write_locks(ctx: RuleContext, start: int) -> list[tuple[int, str, Lock]]:
    """(line, table, lock) of each lock that blocks writes but not reads, taken on a live table by
    an earlier statement of this transaction (a view or materialized view has no writers)."""
    live = live_locks_in(ctx.index)
    found = []
    for position in range(start, ctx.position):
        step = ctx.index.steps[position]
        for table, lock, cls in live[position]:
            if not (Lock.SHARE <= lock < Lock.ACCESS_EXCLUSIVE) or step.schema_before.view(table) is not None:
                continue
            action = next((a for a, c in zip(step.actions, step.classifications, strict=True) if c is cls), None)
            if action is None or locks_a_table(step, action, table):
                found.append((step.statement.line, table, lock))
    return found


def _slow_work(ctx: RuleContext) -> tuple[str, tuple[str, ...]] | None:
    """What the statement does that takes O(rows) of a live table, and the live tables it reads."""
    reads = live_reads(ctx.step, ctx.migration.name)
    for action, _ in ctx.pairs():
        if noop_create(ctx.step, action):
            continue
        work = work_of(action)
        if work.always:
            return work.always, ()
        if reads and work.reads:
            if not work.bulk(action):
                continue  # INSERT … VALUES: a few literal rows
            return work.reads.format(table=action.table, reads=", ".join(reads)), reads
    return None
