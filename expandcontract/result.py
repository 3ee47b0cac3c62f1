"""Lint results: what ``lint`` returns, whole and per migration. A light module: the result
cache builds results from these without importing the linter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from .core.findings import Finding, Severity
from .core.record import field, record

if TYPE_CHECKING:
    from .core.migration import AnalysedScript, Migration
    from .core.schema import Schema

__all__ = ["LintResult", "MigrationLint", "assemble"]


@record(frozen=True)
class LintResult:
    """What a lint run found, and the schema its migrations leave."""

    findings: tuple[Finding, ...]
    files: int
    statements: int
    unparsed: int
    schema: Schema  # after every migration
    scripts: tuple[tuple[Migration, AnalysedScript], ...] = field(default=(), repr=False)
    # script path -> (statements, unparsed): also there when the scripts came from the result cache
    file_stats: Mapping[str, tuple[int, int]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity is Severity.WARNING for f in self.findings)

    def exit_code(self, fail_on: Severity = Severity.ERROR) -> int:
        return 1 if any(f.severity >= fail_on for f in self.findings) else 0

    def summary(self) -> dict[str, int]:
        return {
            "files": self.files,
            "statements": self.statements,
            "unparsed": self.unparsed,
            "findings": len(self.findings),
            "errors": self.errors,
            "warnings": self.warnings,
        }


@record(frozen=True)
class MigrationLint:
    """What linting one migration found: its findings (in the order the rules reported them),
    its statements and those that did not parse, per file, and the schema it leaves."""

    migration: Migration | None  # (None in the result cache, which keeps only what is below)
    findings: tuple[Finding, ...]
    file_stats: Mapping[str, tuple[int, int]]  # script path -> (statements, unparsed)
    schema_after: Schema | None  # (None in the result cache, which keeps only the last one, apart)
    scripts: tuple[tuple[Migration, AnalysedScript], ...] = field(default=(), repr=False)


def assemble(migrations: Sequence[Migration], parts: Sequence[MigrationLint], schema: Schema) -> LintResult:
    """The lint result of ``migrations`` from the result of each (computed now or cached) and
    the schema they leave."""
    findings = [f for part in parts for f in part.findings]
    # in the order the migrations run (natural order: 2_x before 10_x), then by position
    order = {path: index for index, path in enumerate(dict.fromkeys(s.path for m in migrations for s in m.scripts))}
    findings.sort(key=lambda f: (order.get(f.file, len(order)), *f.sort_key))
    stats: dict[str, tuple[int, int]] = {}
    for part in parts:
        for path, (statements, unparsed) in part.file_stats.items():
            before = stats.get(path, (0, 0))
            stats[path] = (before[0] + statements, before[1] + unparsed)
    return LintResult(
        tuple(findings), len(stats), sum(s for s, _ in stats.values()), sum(u for _, u in stats.values()),
        schema, tuple(a for part in parts for a in part.scripts), stats,
    )
