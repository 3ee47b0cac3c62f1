"""EC501 mysql-blocking-alter: an ALTER TABLE that copies the table or blocks its writes."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from . import Hit, Rule, RuleContext
from ._shared.mysql import alter_table_step, existing_table

_LOCK_WORDS = {"SHARED": "writes to {t} block (reads go on)", "EXCLUSIVE": "reads and writes of {t} block"}


class MySQLBlockingAlter(Rule):
    code = "EC501"
    name = "mysql-blocking-alter"
    severity = Severity.ERROR
    family = "locks"
    mysql_only = True

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        step = alter_table_step(ctx)
        if step is None or not existing_table(ctx, step):
            return
        from ..core.mysql.advice import online_fix, osc_commands, what  # (sqlglot: only for --dialect mysql)

        blocking = [u for u in step.uses if u.cost.lock != "NONE" and not u.cost.brief]
        if not blocking:
            return
        table = step.statement.table
        worst = max(blocking, key=lambda u: ("NONE", "SHARED", "EXCLUSIVE").index(u.cost.lock))
        ops = ", ".join(dict.fromkeys(what(u) for u in blocking))
        copy = any(u.cost.algorithm == "COPY" for u in blocking)
        work = ("copies every row into a new table (ALGORITHM=COPY)" if copy else
                "rebuilds the table in place (ALGORITHM=INPLACE)" if any(u.cost.rebuilds for u in blocking) else
                "runs in place (ALGORITHM=INPLACE)")
        message = (f"{ops} on {table}: on {step.server} this {work} and allows at best LOCK={worst.cost.lock}: "
                   f"{_LOCK_WORDS[worst.cost.lock].format(t=table)} for as long as it runs, minutes to hours on "
                   f"a large table, and replicas apply it afterwards just as long")
        fix = online_fix(step, blocking)
        tools = osc_commands(step.statement)
        help_text = (f"{fix}; or " if fix else "") + f"run it with an online schema change tool instead: {tools}"
        yield Hit(message, help_text)
