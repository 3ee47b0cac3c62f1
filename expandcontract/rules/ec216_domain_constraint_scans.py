"""EC216 domain-constraint-scans: ALTER DOMAIN ADD CONSTRAINT (without NOT VALID), VALIDATE
CONSTRAINT or SET NOT NULL checks every column of that domain in every table, holding a SHARE lock
on each (checked on PostgreSQL 18: VALIDATE too, unlike table constraints)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..core.findings import Severity
from ..core.ops import Op
from . import Hit, Rule, RuleContext, ScriptIndex
from ._shared.locks import bare, constraint_name, quote_ident, quote_qualified


def _columns_of(ctx: RuleContext, domain: str) -> list[tuple[str, str]]:
    """(table, column) pairs typed with the domain, as far as the schema knows."""
    schema_name = domain.rsplit(".", 1)[0] if "." in domain else None
    return [
        (table.name, column.name)
        for table in ctx.schema.tables.values()
        for column in table.columns.values()
        if column.type.name == bare(domain) and column.type.schema in (schema_name, None)
    ]


class DomainConstraintScans(Rule):
    code = "EC216"
    name = "domain-constraint-scans"
    severity = Severity.ERROR
    family = "locks"
    ops = frozenset({Op.ALTER_DOMAIN})
    squawk = ("ban-alter-domain-with-add-constraint",)
    postgres_only = True

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        for action, _ in self.pairs(ctx):
            subtype = action.detail.get("subtype")
            if not action.object_name:
                continue
            adds_check = subtype == "C" and action.constraint is not None and not action.constraint.not_valid
            what = {"O": "SET NOT NULL", "V": "VALIDATE CONSTRAINT"}.get(subtype, "ADD CONSTRAINT")
            if not (adds_check or subtype in ("O", "V")):
                continue
            domain = action.object_name
            if self._created_here(ctx, domain):
                continue
            users = _columns_of(ctx, domain)
            live = [(t, c) for t, c in users if not ctx.table_is_new(t)]
            if users and not live:
                continue  # only tables of this migration use it: they are empty
            shown = [f"{t}.{c}" for t, c in live]
            where = (f"({', '.join(shown[:5])}{', …' if len(shown) > 5 else ''})" if shown
                     else "(none known without a baseline schema)")
            table, column = live[0] if live else ("t", "c")
            q_table, q_col = quote_qualified(table), quote_ident(column)
            name = quote_ident(constraint_name(table, column, "check"))
            if subtype == "O":
                rule = f"{q_col} IS NOT NULL"
            elif action.constraint is not None and action.constraint.expression:
                rule = re.sub(r"\bVALUE\b", lambda _, col=q_col: col, action.constraint.expression, flags=re.I)
            else:
                rule = f"{q_col} …"
            yield Hit(
                f"ALTER DOMAIN {domain} {what} checks every column of type {domain} in every table {where} "
                f"while holding a SHARE lock on each: all writes to them wait for the full scans (even "
                f"VALIDATE CONSTRAINT takes SHARE for domains)",
                f"put the rule on the columns instead, where NOT VALID + VALIDATE does not block: for each "
                f"column, ALTER TABLE {q_table} ADD CONSTRAINT {name} CHECK ({rule}) NOT VALID; then, "
                f"after COMMIT: ALTER TABLE {q_table} VALIDATE CONSTRAINT {name} (SHARE UPDATE EXCLUSIVE: "
                f"reads and writes go on)",
            )

    @staticmethod
    def _created_here(ctx: RuleContext, domain: str) -> bool:
        return ctx.seen_before(_created_domains, domain)


def _created_domains(index: ScriptIndex) -> dict[str | None, int]:
    first: dict[str | None, int] = {}
    for position, step in enumerate(index.steps):
        for a in step.actions:
            if a.op == Op.CREATE_DOMAIN:
                first.setdefault(a.object_name, position)
    return first
