"""EC205 validate-in-same-transaction: VALIDATE CONSTRAINT in the transaction that added the
constraint NOT VALID, so the add's lock is held through the validation scan."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from ..core.ops import Op
from . import Hit, Rule, RuleContext
from ._shared.alembic import AUTOCOMMIT, op_call
from ._shared.locks import quote_ident, quote_qualified
from ._shared.transaction import not_valid_add


class ValidateInSameTransaction(Rule):
    code = "EC205"
    name = "validate-in-same-transaction"
    severity = Severity.ERROR
    family = "locks"
    ops = frozenset({Op.VALIDATE_CONSTRAINT})
    postgres_only = True

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        for action, _ in ctx.pairs():
            if ctx.table_is_new(action.table):
                continue
            found = not_valid_add(ctx, action)
            if found is None:
                continue
            step, add = found
            table = action.table
            if add.constraint.kind == "foreign_key":
                ref = add.constraint.references or "the referenced table"
                held = (f"the SHARE ROW EXCLUSIVE locks it took on {table} and {ref} are held until "
                        f"COMMIT, so all writes to both wait for the whole validation scan")
            else:
                held = (f"the ACCESS EXCLUSIVE lock it took on {table} is held until COMMIT, so all "
                        f"reads and writes of {table} wait for the whole validation scan")
            if ctx.config.assume_in_transaction and not ctx.group.explicit:
                split = "your tool runs the file as one transaction: put the VALIDATE in the next migration"
            else:
                split = ("end the transaction in between: BEGIN; <the ADD … NOT VALID>; COMMIT; and run "
                         "the VALIDATE after it (or in the next phase's script)")
            validate = (f"ALTER TABLE {quote_qualified(table)} VALIDATE CONSTRAINT "
                        f"{quote_ident(action.object_name)}")
            yield Hit(
                f"VALIDATE CONSTRAINT {action.object_name} runs in the same transaction as the NOT VALID "
                f"ADD on line {step.statement.line}: {held} — NOT VALID gains nothing",
                f"{split}: ALTER TABLE {quote_qualified(table)} VALIDATE CONSTRAINT "
                f"{quote_ident(action.object_name)} then takes only a SHARE UPDATE EXCLUSIVE lock",
                alembic=(f"Alembic runs the whole revision in one transaction: commit after the NOT VALID add, "
                         f"{AUTOCOMMIT} {op_call('execute', validate)}, or move the VALIDATE to the next "
                         f"revision; it then takes only a SHARE UPDATE EXCLUSIVE lock"),
            )
