"""EC403 prefer-text-over-varchar: ``varchar(n)`` columns, whose length limit lives in the type."""

from __future__ import annotations

from collections.abc import Iterable
from fnmatch import fnmatchcase

from ..core.findings import Severity
from . import Hit, Rule, RuleContext, quote_ident
from ._shared.columns import COLUMN_OPS, column_uses


class PreferTextOverVarchar(Rule):
    code = "EC403"
    name = "prefer-text-over-varchar"
    severity = Severity.WARNING
    family = "practice"
    ops = COLUMN_OPS
    squawk = ("prefer-text-field",)
    postgres_only = True  # MySQL needs a length to index a string column
    default_options = {"ignore_columns": ()}

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        ignored = tuple(str(p).lower() for p in ctx.options.get("ignore_columns", ()))
        for use in column_uses(ctx):
            if use.type.name != "varchar" or not use.type.mods:
                continue
            if any(fnmatchcase(use.where.lower(), p) or fnmatchcase(use.column.lower(), p) for p in ignored):
                continue
            limit = use.type.mods[0]
            col = quote_ident(use.column)
            check = f" CHECK (char_length({col}) <= {limit})"
            if use.how == "alter_column_type":
                help_text = (f"switch to text and keep the limit in a constraint you can change without "
                             f"locking: {use.rewrite('text')}; then ADD CONSTRAINT … CHECK "
                             f"(char_length({col}) <= {limit}) NOT VALID and VALIDATE it separately")
            else:
                help_text = f"keep the limit in a CHECK constraint instead: {use.rewrite('text', check)}"
            yield Hit(
                f"{use.where} is varchar({limit}): the limit is part of the column type, so changing it "
                f"later is an ALTER COLUMN … TYPE under an ACCESS EXCLUSIVE lock on {use.table}, and "
                "lowering it rewrites the table and fails the old app's longer writes",
                help_text,
            )
