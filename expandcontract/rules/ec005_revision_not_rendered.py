"""EC005 revision-not-rendered: an Alembic revision whose SQL could not be produced."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from . import Hit, Rule, RuleContext


class RevisionNotRendered(Rule):
    """Reported by the engine for each ``-- expandcontract: unrendered`` marker the Alembic loader
    writes where a revision could not be rendered (``--render offline`` on a data migration that
    reads rows, or a revision that fails on the scratch database): rules never see its SQL."""

    code = "EC005"
    name = "revision-not-rendered"
    severity = Severity.WARNING
    family = "meta"
    ops = frozenset()

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        return ()
