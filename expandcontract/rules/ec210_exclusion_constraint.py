"""EC210 exclusion-constraint: ADD EXCLUDE on an existing table builds its index under ACCESS
EXCLUSIVE, and PostgreSQL has no concurrent way to do it."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from ..core.ops import Op
from . import Hit, Rule, RuleContext
from ._shared.locks import quote_qualified


class ExclusionConstraint(Rule):
    code = "EC210"
    name = "exclusion-constraint"
    severity = Severity.ERROR
    family = "locks"
    ops = frozenset({Op.ADD_CONSTRAINT})
    postgres_only = True

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        for action, _ in self.pairs(ctx):
            con = action.constraint
            if (con is None or con.kind != "exclusion"
                    or not ctx.table_existing(action.table)):
                continue
            table = action.table
            yield Hit(
                f"ADD … EXCLUDE builds its index and checks every row of {table} while holding an ACCESS "
                f"EXCLUSIVE lock: all reads and writes of {table} wait for the whole build, and PostgreSQL "
                f"has no CONCURRENTLY or NOT VALID form for exclusion constraints",
                f"declare it when the table is created (CREATE TABLE … (…, EXCLUDE USING gist (…))); for "
                f"{quote_qualified(table)} itself, either create a new table with the constraint, copy the "
                f"rows in batches with a sync trigger and swap the names in contract.sql, or run it in a "
                f"quiet window after SET lock_timeout = '2s'",
            )
