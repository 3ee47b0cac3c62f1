"""EC213 statements-after-access-exclusive: slow or lock-waiting statements later in a transaction
that already holds ACCESS EXCLUSIVE on a live table stretch that table's outage until COMMIT."""

from __future__ import annotations

from collections.abc import Iterable

from ..classify import Lock
from ..findings import Severity
from ..migration import ScriptKind
from . import Hit, Rule, RuleContext
from .ec2_common import article, live_locks, locked_table, relation_is_new
from .ec205_validate_in_same_transaction import not_valid_add

_DATA = ("update", "delete", "insert", "merge", "copy")
_CODE = {"do_block": "runs a DO block", "call": "runs a procedure (CALL)"}


class StatementsAfterAccessExclusive(Rule):
    code = "EC213"
    name = "statements-after-access-exclusive"
    severity = Severity.WARNING
    family = "locks"
    postgres_only = True

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        held = [(step, table) for step in ctx.same_transaction()
                for table, lock, _ in live_locks(ctx, step) if lock >= Lock.ACCESS_EXCLUSIVE]
        if not held:
            return
        locked = {table for _, table in held}
        reason = self._reason(ctx, locked)
        if reason is None:
            return
        step, table = held[0]
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
        )

    @staticmethod
    def _reason(ctx: RuleContext, locked: set[str]) -> str | None:
        for action, cls in ctx.pairs():
            table = locked_table(ctx, action)
            if action.op in _CODE:
                return _CODE[action.op]
            if table and relation_is_new(ctx, table):
                continue
            if action.op in _DATA:
                if action.op == "insert" and not action.detail.get("from_select"):
                    continue  # a few literal rows: instant
                if table in locked and ctx.kind is not ScriptKind.MIGRATE:
                    continue  # EC103 reports a backfill under the lock of its own table
                return f"changes rows of {table} ({action.op.upper()})"
            if cls.holds_long and not (table in locked and cls.lock >= Lock.ACCESS_EXCLUSIVE):
                if not_valid_add(ctx, action):
                    continue  # EC205 reports it
                return f"{'rewrites' if cls.rewrites else 'reads every row of'} {table or 'a table'}"
            if cls.lock >= Lock.SHARE and table and table not in locked:
                return f"must first get {article(cls.lock)} lock on {table}, waiting behind its running queries"
        return None
