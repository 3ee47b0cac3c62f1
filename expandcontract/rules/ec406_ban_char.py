"""EC406 ban-char: ``char(n)``/``character(n)`` columns, blank-padded to a fixed length."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from . import Hit, Rule, RuleContext, quote_ident
from ._shared.columns import COLUMN_OPS, column_uses


class BanChar(Rule):
    code = "EC406"
    name = "ban-char"
    severity = Severity.WARNING
    family = "practice"
    ops = COLUMN_OPS
    squawk = ("ban-char-field",)
    postgres_only = True

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        for use in column_uses(ctx):
            # char(n) always carries a length (plain ``character`` is char(1)); the one-byte
            # internal ``"char"`` type has none and is not this rule's business
            if use.type.name != "char" or not use.type.mods:
                continue
            length = use.type.mods[0]
            col = quote_ident(use.column)
            check = f" CHECK (char_length({col}) = {length})" if use.how != "alter_column_type" else ""
            yield Hit(
                f"{use.where} is char({length}): shorter values are padded with spaces to {length} "
                "characters, which comparisons ignore but the app, LIKE, concatenation and other "
                "engines see, and the padding takes space rather than saving it",
                f"use text (with a CHECK for a fixed length): {use.rewrite('text', check)}",
            )
