"""EC505 mysql-ddl-implicit-commit: MySQL commits before and after every DDL statement, so a
transaction around DDL is not one, and a file that fails half-way stays half-applied."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from . import Hit, Rule, RuleContext, ScriptIndex

_CHANGES = frozenset({"alter_table", "create_table", "drop_table", "rename_table", "truncate", "program",
                      "create_view", "drop_view", "create_other", "dml"})


def _layout(index: ScriptIndex) -> tuple[set[int], int]:
    """(positions of DDL inside an explicit transaction, position of the first DDL statement followed by
    another change, or -1)."""
    inside, open_transaction = set(), False
    kinds = [(p, s.mysql.statement) for p, s in enumerate(index.steps) if s.mysql is not None]
    first = -1
    for number, (position, stmt) in enumerate(kinds):
        if stmt.kind == "begin":
            open_transaction = True
        elif stmt.kind in ("commit", "rollback"):
            open_transaction = False
        elif stmt.is_ddl:
            if open_transaction:
                inside.add(position)
            if first < 0 and any(s.kind in _CHANGES for _, s in kinds[number + 1:]):
                first = position
    return inside, first


class MySQLDDLImplicitCommit(Rule):
    code = "EC505"
    name = "mysql-ddl-implicit-commit"
    severity = Severity.WARNING
    family = "phase"
    mysql_only = True

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        step = ctx.mysql
        if step is None or not step.statement.is_ddl:
            return
        inside, first = ctx.index.get(_layout)
        if ctx.position in inside:
            yield Hit(
                "DDL inside BEGIN … COMMIT: MySQL commits the open transaction before this statement and "
                "commits the statement itself at once, so the statements before it are already committed and "
                "a later ROLLBACK undoes neither them nor this",
                "take the DDL out of the transaction block; keep each DDL statement in its own migration (or make "
                "it re-runnable: CREATE … IF NOT EXISTS, ADD COLUMN IF NOT EXISTS on MariaDB) so that a failure "
                "can be fixed and the file run again",
            )
        elif ctx.position == first:
            yield Hit(
                "MySQL commits every DDL statement at once and cannot roll it back: if a later statement of this "
                "file fails, this one and every one before it stay applied, and running the file again fails on "
                "what is already there (reported once, for the first DDL statement of the file)",
                "one DDL statement per migration file, or make every statement re-runnable (CREATE TABLE IF NOT "
                "EXISTS, DROP … IF EXISTS, ADD COLUMN IF NOT EXISTS on MariaDB) so a half-applied file can be "
                "finished by running it again",
            )
