"""EC502 mysql-refused-algorithm-lock: an ALGORITHM=/LOCK= clause the server refuses, or the
CREATE INDEX … ALGORITHM=…, LOCK=… comma form (a syntax error)."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from ..core.mysql.ddl import accepts, combined
from . import Hit, Rule, RuleContext
from ._shared.mysql import alter_table_step


class MySQLRefusedAlgorithmLock(Rule):
    code = "EC502"
    name = "mysql-refused-algorithm-lock"
    severity = Severity.ERROR
    family = "locks"
    mysql_only = True

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        step = alter_table_step(ctx)
        if step is None:
            return
        from ..core.mysql.advice import alter_clauses, what  # (sqlglot: only for --dialect mysql)

        stmt = step.statement
        if stmt.comma_error:
            clauses = f"ALGORITHM={stmt.algorithm} LOCK={stmt.lock}"
            yield Hit(
                "CREATE INDEX takes its ALGORITHM and LOCK options separated by spaces, not a comma: the server "
                "stops with ERROR 1064 (You have an error in your SQL syntax) and the index is not created",
                f"drop the comma: CREATE INDEX … {clauses}; or write it as ALTER TABLE {stmt.table} "
                f"{alter_clauses(stmt)}, {clauses.replace(' ', ', ')}",
            )
        if not (stmt.algorithm or stmt.lock) or not step.uses:
            return
        best = combined([u.cost for u in step.uses])
        algorithm_ok, lock_ok = accepts(stmt.algorithm, stmt.lock, best, step.server)
        if algorithm_ok and lock_ok:
            return
        ops = ", ".join(dict.fromkeys(what(u) for u in step.uses))
        written = ", ".join(p for p in (stmt.algorithm and f"ALGORITHM={stmt.algorithm}",
                                        stmt.lock and f"LOCK={stmt.lock}") if p)
        weakest = f"ALGORITHM={best.algorithm}, LOCK={best.lock}"
        yield Hit(
            f"{ops} on {stmt.table}: {step.server} cannot do it with {written} (at best {weakest}), so it refuses "
            f"the statement with ERROR 1846 (ALGORITHM=… / LOCK=… is not supported) and the migration stops here",
            f"write {weakest} (or leave the clauses out and let the server choose, knowing it then "
            f"{'blocks writes' if best.lock != 'NONE' else 'stays online'}); if writes must not block, run it with "
            f"an online schema change tool (gh-ost, pt-online-schema-change)" if best.lock != "NONE" else
            f"write {weakest}: the server does it without blocking writes",
        )
