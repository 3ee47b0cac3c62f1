"""EC402 prefer-timestamptz: ``timestamp`` (without time zone) columns."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from . import Hit, Rule, RuleContext
from ._shared.columns import COLUMN_OPS, column_uses


class PreferTimestamptz(Rule):
    code = "EC402"
    name = "prefer-timestamptz"
    severity = Severity.WARNING
    family = "practice"
    ops = COLUMN_OPS
    squawk = ("prefer-timestamptz",)
    postgres_only = True  # other engines' TIMESTAMP types mean something else

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        for use in column_uses(ctx):
            if use.type.name != "timestamp":
                continue
            precision = f"({use.type.mods[0]})" if use.type.mods else ""
            better = "timestamptz" + precision + ("[]" if use.type.array else "")
            yield Hit(
                f"{use.where} is timestamp without time zone: it stores the wall-clock reading and drops "
                "the offset, so values written by app servers or sessions in different time zones "
                "cannot be compared, and an hour is ambiguous at every daylight-saving change",
                f"store an absolute instant: {use.rewrite(better)}",
            )
