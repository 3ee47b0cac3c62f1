"""EC204 constraint-missing-not-valid: ADD CHECK / FOREIGN KEY without NOT VALID on an existing
table validates every row while holding a lock that blocks the app."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..core.findings import Severity
from ..core.lazyre import LazyPattern
from ..core.ops import Action, Op
from . import Hit, Rule, RuleContext
from ._shared.alembic import AUTOCOMMIT, op_call, table_args
from ._shared.locks import (
    constraint_name,
    live_reads,
    quote_ident,
    quote_qualified,
    relation_is_new,
    sql_list,
)

_ADD_UNNAMED = LazyPattern(r"\bADD\s+(?=CHECK\b|FOREIGN\s+KEY\b)", re.I)


def not_valid_sql(ctx: RuleContext, action: Action) -> tuple[str, str]:
    """The statement rewritten with NOT VALID (and an explicit name), and that name."""
    con = action.constraint
    table = action.table or "?"
    suffix = "fkey" if con.kind == "foreign_key" else "check"
    name = con.name or constraint_name(table, *con.columns, suffix)
    if len(ctx.actions) == 1:
        text = ctx.step.statement.text.rstrip().rstrip(";")
        if not con.name:
            text = _ADD_UNNAMED.sub(f"ADD CONSTRAINT {quote_ident(name)} ", text, count=1)
        return f"{text} NOT VALID", name
    if con.kind == "foreign_key":
        body = f"FOREIGN KEY {sql_list(con.columns)} REFERENCES {quote_qualified(con.references or '?')} (…)"
    else:
        body = f"CHECK ({con.expression or '…'})"
    return f"ALTER TABLE {quote_qualified(table)} ADD CONSTRAINT {quote_ident(name)} {body} NOT VALID", name


class ConstraintMissingNotValid(Rule):
    code = "EC204"
    name = "constraint-missing-not-valid"
    severity = Severity.ERROR
    family = "locks"
    ops = frozenset({Op.ADD_CONSTRAINT})
    squawk = ("constraint-missing-not-valid", "adding-foreign-key-constraint")
    postgres_only = True

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        for action, _ in self.pairs(ctx):
            con = action.constraint
            if con is None or con.kind not in ("check", "foreign_key") or con.not_valid:
                continue
            table = action.table
            if not ctx.table_existing(table):
                filled = _filled_from(ctx, table) if con.kind == "foreign_key" else ()
                ref = con.references
                if not (filled and ref and ctx.table_existing(ref) and not relation_is_new(ctx, ref)):
                    continue  # an empty new table: nothing to check
                yield Hit(
                    f"{table} is new but this migration filled it from {', '.join(filled)}: ADD FOREIGN KEY probes "
                    f"{ref} for every one of its rows while holding a SHARE ROW EXCLUSIVE lock on {ref}, so all "
                    f"writes (INSERT, UPDATE, DELETE) to {ref} wait for O(rows)",
                    f"declare the foreign key before filling the table (each row is then checked as it is "
                    f"inserted, under ROW SHARE only), or add it NOT VALID and VALIDATE it after COMMIT "
                    f"(SHARE UPDATE EXCLUSIVE on {table}, ROW SHARE on {ref}: writes go on)",
                )
                continue
            if con.kind == "foreign_key":
                ref = con.references or "the referenced table"
                what = (f"ADD FOREIGN KEY checks every row of {table} against {ref} while holding "
                        f"SHARE ROW EXCLUSIVE locks on both: all writes (INSERT, UPDATE, DELETE) to "
                        f"{table} and {ref} wait for the full scan")
            else:
                what = (f"ADD CHECK checks every row of {table} while holding an ACCESS EXCLUSIVE lock: "
                        f"all reads and writes of {table} wait for the full table scan")
            sql, name = not_valid_sql(ctx, action)
            yield Hit(
                what,
                f"add it NOT VALID (instant: only new and updated rows are checked), then validate the "
                f"old rows in a later transaction, which takes only a SHARE UPDATE EXCLUSIVE lock (reads "
                f"and writes go on): {sql}; then, after COMMIT: ALTER TABLE {quote_qualified(table)} "
                f"VALIDATE CONSTRAINT {quote_ident(name)}",
                alembic=f"add it NOT VALID (instant: only new and updated rows are checked): "
                        f"{alembic_not_valid_add(action, name)}; then validate the old rows after a commit, "
                        f"which takes only a SHARE UPDATE EXCLUSIVE lock (reads and writes go on), in the next "
                        f"revision or right after it: {AUTOCOMMIT} "
                        f"{op_call('execute', f'ALTER TABLE {quote_qualified(table)} VALIDATE CONSTRAINT {quote_ident(name)}')}",
            )


def alembic_not_valid_add(action: Action, name: str) -> str:
    """The ``op.create_foreign_key`` / ``op.create_check_constraint`` call, ``postgresql_not_valid=True``."""
    con = action.constraint
    table, schema = table_args(action.table)
    if con.kind == "foreign_key":
        referent, referent_schema = table_args(con.references)
        return op_call("create_foreign_key", name, table, referent, list(con.columns) or ["…"], ["…"],
                       source_schema=schema, referent_schema=referent_schema, postgresql_not_valid=True)
    return op_call("create_check_constraint", name, table, con.expression or "…", schema=schema,
                   postgresql_not_valid=True)


def _filled_from(ctx: RuleContext, table: str) -> tuple[str, ...]:
    """The live tables an earlier statement of this script copied rows from into ``table``
    (CREATE TABLE … AS, INSERT … SELECT): a new table, but a populated one."""
    found: set[str] = set()
    for step in ctx.previous:
        if any(a.table == table and (a.op == Op.CREATE_TABLE_AS or (a.op == Op.INSERT and a.detail.get("from_select")))
               for a in step.actions):
            found.update(live_reads(step, ctx.migration.name))
    return tuple(sorted(found))
