"""EC001 syntax-error: a statement PostgreSQL (or the chosen dialect) cannot parse."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from . import Hit, Rule, RuleContext


class SyntaxErrorRule(Rule):
    """Reported by the engine itself for every statement that did not parse: rules never see
    an unparsed statement, so ``check`` has nothing to add."""

    code = "EC001"
    name = "syntax-error"
    severity = Severity.ERROR
    family = "meta"
    ops = frozenset()

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        return ()
