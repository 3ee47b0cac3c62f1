"""EC503 mysql-missing-lock-wait-timeout: DDL on a live table with the default lock_wait_timeout
(a year) waits behind any open transaction, and every query on the table queues behind it."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from . import Hit, Rule, RuleContext, ScriptIndex
from ._shared.mysql import existing_table

_DDL = frozenset({"alter_table", "drop_table", "rename_table", "truncate"})


def _first_unprotected(index: ScriptIndex) -> int:
    """Position of the first DDL statement on an existing table with no lock_wait_timeout set
    before it (len(steps) when none)."""
    protected = False
    for position, step in enumerate(index.steps):
        mysql = step.mysql
        if mysql is None:
            continue
        stmt = mysql.statement
        if stmt.kind == "set":
            for name, value in stmt.variables:
                if name == "lock_wait_timeout":
                    protected = value.strip().isdigit() and 0 < int(value) <= 600
        elif stmt.kind in _DDL and not protected:
            table = mysql.table
            if table is None or table.origin != index.migration:
                return position
    return len(index.steps)


class MySQLMissingLockWaitTimeout(Rule):
    code = "EC503"
    name = "mysql-missing-lock-wait-timeout"
    severity = Severity.WARNING
    family = "locks"
    mysql_only = True

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        if ctx.config.runner == "expandcontract":
            return  # the runner sets lock_wait_timeout before every DDL statement and retries
        step = ctx.mysql
        if step is None or step.statement.kind not in _DDL or not existing_table(ctx, step):
            return
        if ctx.index.get(_first_unprotected) != ctx.position:
            return
        table = step.statement.table or "the table"
        yield Hit(
            f"this DDL needs an exclusive metadata lock on {table} and lock_wait_timeout is not set (the default is "
            f"31536000 seconds, a year): behind any open transaction that touched {table} it waits, and every "
            f"query on {table} queues behind it ('Waiting for table metadata lock') — an outage as long as that "
            f"transaction (reported once, for the first such statement of the script)",
            "start the script with SET SESSION lock_wait_timeout = 5; and retry the migration when it fails with "
            "ERROR 1205 (Lock wait timeout exceeded); find the blocker in information_schema.processlist "
            "(or sys.schema_table_lock_waits on MySQL)",
        )
