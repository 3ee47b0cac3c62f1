"""The common shape of what a report points at: a lint finding, a query an app breaks on, a query
or migration statement ``check`` could not follow. The annotation formats (GitHub, SARIF) write
these, whichever command made them; the text and JSON formats keep each result's own layout.

>>> from expandcontract.core.findings import Finding
>>> f = Finding("EC201", "require-concurrent-index", Severity.ERROR, "expand", "m.sql", 2, 1, 3,
...             "CREATE INDEX i ON t (a)", "blocks writes", "use CONCURRENTLY")
>>> [item] = lint_items(LintResult((f,), 1, 1, 0, None))
>>> item.rule, item.title, item.message, item.end_line
('EC201', 'EC201 require-concurrent-index', 'blocks writes. Fix: use CONCURRENTLY', 3)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..core.findings import Severity
from ..result import LintResult

if TYPE_CHECKING:
    from ..check.result import CheckResult

__all__ = ["ReportItem", "items", "lint_items"]


@dataclass(frozen=True)
class ReportItem:
    rule: str  # "EC201", "check/missing-column"
    level: Severity
    title: str  # what kind of thing this is, in a few words
    message: str  # what is wrong and, where there is one, the fix
    file: str
    line: int
    column: int | None = None
    end_line: int | None = None
    # the message where the title already says what kind of thing this is (GitHub annotations)
    beside_title: str | None = None
    fingerprint: str | None = None  # stable across runs (SARIF partialFingerprints)
    properties: Mapping[str, Any] | None = None
    related: tuple[tuple[str, int, str], ...] = ()  # (file, line, what it is)

    @property
    def annotation(self) -> str:
        return self.message if self.beside_title is None else self.beside_title


def items(result: LintResult | CheckResult, *, fingerprints: bool = False) -> list[ReportItem]:
    """The items of either result; ``fingerprints`` for the formats that track items across runs."""
    if isinstance(result, LintResult):
        return lint_items(result, fingerprints=fingerprints)
    return _check_items(result)


def lint_items(result: LintResult, *, fingerprints: bool = False) -> list[ReportItem]:
    digests: list[str | None] = [None] * len(result.findings)
    if fingerprints:
        from .fingerprint import fingerprints as digest

        digests = list(digest(result.findings))
    return [ReportItem(f.code, f.severity, f"{f.code} {f.name}", f"{f.message}. Fix: {f.help}", f.file, f.line,
                       column=f.column, end_line=max(f.end_line, f.line), fingerprint=digest_,
                       properties={"phase": f.phase})
            for f, digest_ in zip(result.findings, digests, strict=True)]


def _check_items(result: CheckResult) -> list[ReportItem]:
    from ..check.result import APP_TITLES

    out = [ReportItem(f"check/{f.problem.kind}", Severity.ERROR, f"expandcontract check: {APP_TITLES[f.app]} breaks",
                      f"{f.message}. Fix: {f.help}", f.query.source, f.query.line,
                      properties={"app": f.app, "states": list(f.states), "phase": f.phase},
                      related=((*f.cause, "the migration statement responsible"),) if f.cause else ())
           for f in result.failures]
    out += [ReportItem("check/unchecked", Severity.WARNING, "expandcontract check: query not checked",
                       f"{APP_TITLES[u.app]} query not checked: {u.reason}", u.query.source, u.query.line,
                       beside_title=u.reason)
            for u in result.unchecked]
    out += [ReportItem("check/unmodelled", Severity.WARNING, "expandcontract check: statement not modelled",
                       f"{m.reason}: the states after it may differ from the real schema", m.file, m.line,
                       properties={"state": m.state})
            for m in result.unmodelled]
    return out
