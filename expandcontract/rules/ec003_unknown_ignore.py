"""EC003 unknown-ignore: an ignore directive naming a rule that does not exist."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from . import Hit, Rule, RuleContext


class UnknownIgnore(Rule):
    """Reported by the engine when a directive names no known code, name or squawk rule."""

    code = "EC003"
    name = "unknown-ignore"
    severity = Severity.WARNING
    family = "meta"
    ops = frozenset()

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        return ()
