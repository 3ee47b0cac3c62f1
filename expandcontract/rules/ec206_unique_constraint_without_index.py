"""EC206 unique-constraint-without-index: ADD UNIQUE / PRIMARY KEY on an existing table builds
its index under ACCESS EXCLUSIVE; build it CONCURRENTLY first and attach it with USING INDEX."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from ..core.ops import Op
from . import Hit, Rule, RuleContext
from ._shared.alembic import AUTOCOMMIT, op_call, table_args
from ._shared.locks import constraint_name, quote_ident, quote_qualified, sql_list


class UniqueConstraintWithoutIndex(Rule):
    code = "EC206"
    name = "unique-constraint-without-index"
    severity = Severity.ERROR
    family = "locks"
    ops = frozenset({Op.ADD_CONSTRAINT})
    squawk = ("disallowed-unique-constraint", "adding-serial-primary-key-field")
    postgres_only = True

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        for action, _ in self.pairs(ctx):
            con = action.constraint
            if (con is None or con.kind not in ("unique", "primary_key")
                    or con.using_index or not ctx.table_existing(action.table)):
                continue
            table = action.table
            primary = con.kind == "primary_key"
            kind = "PRIMARY KEY" if primary else "UNIQUE"
            name = con.name or (constraint_name(table, "pkey") if primary
                                else constraint_name(table, *con.columns, "key"))
            q_table, q_name = quote_qualified(table), quote_ident(name)
            steps = (f"CREATE UNIQUE INDEX CONCURRENTLY {q_name} ON {q_table} {sql_list(con.columns)}; "
                     f"then ALTER TABLE {q_table} ADD CONSTRAINT {q_name} {kind} USING INDEX {q_name}")
            note = ""
            known = ctx.schema.table(table)
            nullable = [c for c in con.columns if known and known.column(c) and not known.column(c).not_null]
            if primary and nullable:
                note = (f"; PRIMARY KEY also sets NOT NULL on {', '.join(nullable)}, which scans {table} "
                        f"under ACCESS EXCLUSIVE unless a validated CHECK (… IS NOT NULL) exists first "
                        f"(see EC209)")
            yield Hit(
                f"ADD {kind} builds a unique index on {table} while holding an ACCESS EXCLUSIVE lock: all "
                f"reads and writes of {table} wait for the whole index build (a full scan and sort)",
                f"build the index without blocking (outside a transaction block), then attach it, which "
                f"is instant: {steps}{note}",
                alembic=_alembic_help(table, name, con.columns, kind, note),
            )


def _alembic_help(table: str, name: str, columns, kind: str, note: str) -> str:
    bare, schema = table_args(table)
    q_table, q_name = quote_qualified(table), quote_ident(name)
    index = op_call("create_index", name, bare, list(columns) or ["…"], schema=schema, unique=True,
                    postgresql_concurrently=True)
    attach = op_call("execute", f"ALTER TABLE {q_table} ADD CONSTRAINT {q_name} {kind} USING INDEX {q_name}")
    return (f"build the index without blocking, outside the revision's transaction, then attach it, which is "
            f"instant: {AUTOCOMMIT} {index}; then {attach}{note}")
