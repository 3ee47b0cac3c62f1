"""EC219 partition-scans-default: adding a partition for a range of values to a partitioned table
that has a DEFAULT partition scans that default partition under ACCESS EXCLUSIVE, to prove none
of its rows belongs to the new partition."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..core.findings import Severity
from ..core.lazyre import LazyPattern
from ..core.ops import Op
from . import Hit, Rule, RuleContext
from ._shared.alembic import AUTOCOMMIT, op_call
from ._shared.locks import (
    constraint_name,
    quote_ident,
    quote_qualified,
    relation_is_new,
    scanned_default_partition,
)

_BOUND = LazyPattern(r"\bFOR\s+VALUES\b.*$", re.IGNORECASE)

# op -> (what the statement is doing, its partitioned table, the new partition)
_ADDS = {
    Op.ATTACH_PARTITION: ("attaching", lambda a: a.table, lambda a: a.object_name),
    Op.CREATE_TABLE: ("creating", lambda a: a.detail.get("partition_of"), lambda a: a.table),
}


class PartitionScansDefault(Rule):
    code = "EC219"
    name = "partition-scans-default"
    severity = Severity.WARNING
    family = "locks"
    ops = frozenset(_ADDS)
    postgres_only = True

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        for (what, parent_of, part_of), action, _ in self.per_op(ctx, _ADDS):
            default = scanned_default_partition(ctx.step, action)
            if default is None or relation_is_new(ctx, default.name):
                continue
            parent, part = parent_of(action), part_of(action) or "?"
            q_default = quote_qualified(default.name)
            check = quote_ident(constraint_name(default.name, "not_new_range_check"))
            bound = _BOUND.search(" ".join(ctx.step.statement.text.split()))
            values = f" {bound.group(0).rstrip(';').strip()}" if bound else ""
            add = (f"ALTER TABLE {q_default} ADD CONSTRAINT {check} CHECK (NOT (<the partition key's "
                   f"values{values}>)) NOT VALID; COMMIT; ALTER TABLE {q_default} VALIDATE CONSTRAINT {check} "
                   f"(SHARE UPDATE EXCLUSIVE: reads and writes go on)")
            yield Hit(
                f"{what} partition {part} of {parent} reads every row of its DEFAULT partition {default.name} "
                f"while holding an ACCESS EXCLUSIVE lock on it, to prove none of them belongs to {part}: all "
                f"reads and writes of {default.name} (and the queries on {parent} that reach it) wait for "
                f"the full scan",
                f"prove it first without blocking, so PostgreSQL skips the scan: {add}; then add the "
                f"partition in a later transaction (move any rows of the new range out of the default "
                f"partition first, or the VALIDATE fails)",
                f"prove it first without blocking, so PostgreSQL skips the scan: "
                f"{op_call('execute', f'ALTER TABLE {q_default} ADD CONSTRAINT {check} CHECK (NOT (…)) NOT VALID')}; "
                f"{AUTOCOMMIT} "
                f"{op_call('execute', f'ALTER TABLE {q_default} VALIDATE CONSTRAINT {check}')}; then add the "
                f"partition in the next revision",
            )
