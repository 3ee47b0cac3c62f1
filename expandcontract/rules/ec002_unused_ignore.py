"""EC002 unused-ignore: an ignore directive that suppresses nothing."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from . import Hit, Rule, RuleContext


class UnusedIgnore(Rule):
    """Reported by the engine after suppression, when a directive matched no finding."""

    code = "EC002"
    name = "unused-ignore"
    severity = Severity.WARNING
    family = "meta"
    ops = frozenset()

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        return ()
