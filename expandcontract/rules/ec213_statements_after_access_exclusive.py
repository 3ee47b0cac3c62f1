"""EC213 statements-after-access-exclusive: slow or lock-waiting statements later in a transaction
that already holds ACCESS EXCLUSIVE on a live table stretch that table's outage until COMMIT."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from . import Hit, Rule, RuleContext
from ._shared.transaction import AccessExclusiveLocks, may_wait_or_work, slow_or_waiting


class StatementsAfterAccessExclusive(Rule):
    code = "EC213"
    name = "statements-after-access-exclusive"
    severity = Severity.WARNING
    family = "locks"
    postgres_only = True

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        if not may_wait_or_work(ctx):
            return  # nothing here that slow_or_waiting could name: most statements
        start = ctx.transaction_start()
        if start is None:
            return
        held = ctx.index.get(AccessExclusiveLocks).held(start, ctx.position)
        if held is None:
            return
        reason = slow_or_waiting(ctx, held)
        if reason is None:
            return
        step, table = held.first
        if ctx.config.assume_in_transaction and not ctx.group.explicit:
            fix = ("your tool runs the file as one transaction: move this statement to the next migration, "
                   "so the ACCESS EXCLUSIVE statement commits in milliseconds")
        else:
            fix = (f"commit right after the statement on line {step.statement.line}: wrap it alone in "
                   f"BEGIN; … COMMIT; (or move this statement to the next phase's script), so the ACCESS "
                   f"EXCLUSIVE lock is held for milliseconds, not for this statement too")
        yield Hit(
            f"this statement {reason} while the ACCESS EXCLUSIVE lock that line {step.statement.line} took "
            f"on {table} is still held (locks last until COMMIT): all reads and writes of {table} keep "
            f"waiting until it is done",
            fix,
            f"commit right after the operation on line {step.statement.line}: Alembic runs the whole revision "
            f"in one transaction, so move this operation to the next revision (or run that one alone in "
            f"`with op.get_context().autocommit_block():`), and the ACCESS EXCLUSIVE lock is held for "
            f"milliseconds, not for this operation too",
        )
