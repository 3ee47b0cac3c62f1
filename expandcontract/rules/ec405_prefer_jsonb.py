"""EC405 prefer-jsonb: ``json`` columns."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from . import Hit, Rule, RuleContext
from ._shared.columns import COLUMN_OPS, column_uses


class PreferJsonb(Rule):
    code = "EC405"
    name = "prefer-jsonb"
    severity = Severity.WARNING
    family = "practice"
    ops = COLUMN_OPS
    postgres_only = True  # MySQL's JSON is already binary

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        for use in column_uses(ctx):
            if use.type.name != "json":
                continue
            better = "jsonb" + ("[]" if use.type.array else "")
            yield Hit(
                f"{use.where} is json: the text is stored verbatim and re-parsed on every access, and "
                "json has no equality operator, so SELECT DISTINCT, GROUP BY, UNION and unique indexes "
                "on the column fail with 'could not identify an equality operator', and it cannot have "
                "a GIN index",
                f"store it as jsonb: {use.rewrite(better)}",
            )
