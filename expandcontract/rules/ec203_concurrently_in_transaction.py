"""EC203 concurrently-in-transaction: a statement PostgreSQL refuses inside a transaction block
(CREATE/DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY, DETACH … CONCURRENTLY, VACUUM …, CALL of a
procedure that commits) in one."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from ..core.ops import NON_TRANSACTIONAL_OPS, Action, Op
from . import Hit, Rule, RuleContext


def statement_words(action: Action) -> str:
    """The words PostgreSQL's error message uses for the statement."""
    if action.op == Op.CREATE_INDEX:
        return "CREATE INDEX CONCURRENTLY"
    if action.op == Op.DROP_INDEX:
        return "DROP INDEX CONCURRENTLY"
    if action.op == Op.REINDEX:
        return "REINDEX CONCURRENTLY" if action.concurrent else f"REINDEX {_reindex_kind(action)}"
    if action.op == Op.DETACH_PARTITION:
        return "ALTER TABLE ... DETACH CONCURRENTLY"
    if action.op in (Op.VACUUM, Op.VACUUM_FULL):
        return "VACUUM"
    if action.op == Op.ADD_ENUM_VALUE:
        return "ALTER TYPE ... ADD"
    return action.op.replace("_", " ").upper()


def _reindex_kind(action: Action) -> str:
    return str(action.detail.get("kind") or "").removeprefix("REINDEX_OBJECT_")


class ConcurrentlyInTransaction(Rule):
    code = "EC203"
    name = "concurrently-in-transaction"
    severity = Severity.ERROR
    family = "locks"
    ops = NON_TRANSACTIONAL_OPS
    squawk = ("ban-concurrent-index-creation-in-transaction",)
    postgres_only = True

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        if not ctx.in_transaction:
            return
        if ctx.group.explicit and ctx.alembic:
            # an Alembic revision: the transaction is the revision's own, not a BEGIN in a file
            why = "Alembic runs every operation of the revision inside its transaction"
            fix = ("wrap the operation in `with op.get_context().autocommit_block():` (Alembic then "
                   "commits, runs it on its own, and begins again)")
        elif ctx.group.explicit:
            begin = ctx.group.steps[0].statement.line
            why = f"it sits inside the BEGIN … COMMIT block that starts on line {begin}"
            fix = "move it after the COMMIT (or before the BEGIN): it runs on its own"
        else:
            why = ("assume_in_transaction = true: your migration tool wraps the whole file in one "
                   "transaction")
            fix = ("mark this migration as non-transactional in your tool (Alembic: "
                   "`with op.get_context().autocommit_block():`, Django: `atomic = False`, Rails: "
                   "`disable_ddl_transaction!`, Flyway: `executeInTransaction=false`) and keep the "
                   "statement in a file of its own")
        for action, cls in self.pairs(ctx):
            if cls.transactional:
                continue
            words = _WORDS.get(action.op) or statement_words(action)
            error = _ERRORS.get(action.op, f"{words} cannot run inside a transaction block")
            yield Hit(
                f"{words} cannot run inside a transaction block: PostgreSQL rejects it with "
                f"'ERROR: {error}' and the migration fails ({why})",
                fix,
            )


# a CALL is refused at the COMMIT inside its procedure
_WORDS = {Op.CALL: "CALL of a procedure that commits"}
_ERRORS = {Op.CALL: "invalid transaction termination"}
