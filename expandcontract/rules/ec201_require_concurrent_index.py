"""EC201 require-concurrent-index: CREATE INDEX without CONCURRENTLY on an existing table."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from ..core.ops import Op
from . import Hit, Rule, RuleContext, quote_ident, quote_qualified
from ._shared.alembic import AUTOCOMMIT, alembic_create_index
from ._shared.locks import concurrent_form, relation_is_new


class RequireConcurrentIndex(Rule):
    code = "EC201"
    name = "require-concurrent-index"
    severity = Severity.ERROR
    family = "locks"
    ops = frozenset({Op.CREATE_INDEX})
    squawk = ("require-concurrent-index-creation",)
    postgres_only = True

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        for action, _ in self.pairs(ctx):
            if action.concurrent or not ctx.table_existing(action.table):
                continue
            if relation_is_new(ctx, action.table):
                continue  # a materialized view this migration creates: nobody reads it yet
            if action.if_not_exists and ctx.schema.index(action.object_name) is not None:
                continue  # it exists: PostgreSQL builds nothing (EC213 still sees the lock it takes)
            name = quote_ident(action.object_name) + " " if action.object_name else ""
            written = concurrent_form(ctx.step.statement.text) or (
                f"CREATE {'UNIQUE ' if action.unique else ''}INDEX CONCURRENTLY {name}"
                f"ON {quote_qualified(action.table)} (…)")
            yield Hit(
                f"CREATE INDEX takes a SHARE lock on {action.table} for the whole index build: "
                "every INSERT, UPDATE and DELETE of the old and new app waits until it finishes",
                f"build it without blocking writes, outside a transaction: {written}",
                alembic=f"build it without blocking writes, outside the revision's transaction: {AUTOCOMMIT} "
                        f"{alembic_create_index(action)}",
            )
