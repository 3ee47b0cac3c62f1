"""``trace_paths``: lint the migrations, run them on a scratch PostgreSQL as lint modelled them,
and compare. The edge the CLI (``trace``, ``lint --trace``) and the tests call."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..api import lint_paths
from ..config import Config
from ..lint import LintResult
from ..scratch import disposable_database
from .compare import Disagreement, compare, disagreement_findings
from .run import TraceResult, trace_lint_result

__all__ = ["Traced", "lint_with_trace", "trace_paths"]


@dataclass(frozen=True)
class Traced:
    lint: LintResult
    trace: TraceResult
    disagreements: tuple[Disagreement, ...]


def trace_paths(paths: Sequence[str | Path] = (), *, config: Config = Config(), schema: str | None = None,
                since: str | None = None, database_url: str | None = None) -> Traced:
    """Lint ``paths``, then run them on the embedded server (or the disposable ``database_url``)
    starting from the baseline schema, and compare statement by statement."""
    result = lint_paths(paths, config=config, schema=schema)  # all of them run, since or not
    shown = None
    if since:
        reported = lint_paths(paths, config=config, schema=schema, since=since)
        shown = {a.script.path for _, a in reported.scripts}
    baseline_path = schema or (config.resolve(config.schema) if config.schema else None)
    baseline = None
    if baseline_path:  # a schema file, or the models' create_all DDL (``package.models:Base``), as lint read it
        from ..api import read_baseline
        from ..core.parse import blank_psql_meta_commands

        baseline = blank_psql_meta_commands(read_baseline(baseline_path, config.dialect) or "")
    with disposable_database(database_url) as url:
        traced = trace_lint_result(result, url, baseline_sql=baseline, timezone=config.timezone)
    return Traced(result, traced, compare(result, traced, shown))


def lint_with_trace(paths: Sequence[str | Path] = (), *, config: Config = Config(), schema: str | None = None,
                    since: str | None = None, database_url: str | None = None) -> LintResult:
    """``lint --trace``: the lint result of ``paths`` plus one EC004 finding per statement where
    lint and PostgreSQL disagree on whether it is a lock hazard."""
    from ..core.record import replace

    reported = lint_paths(paths, config=config, schema=schema, since=since)
    traced = trace_paths(paths, config=config, schema=schema, since=since, database_url=database_url)
    extra = disagreement_findings(traced.disagreements, traced.trace)
    findings = sorted((*reported.findings, *extra), key=lambda f: f.sort_key)
    return replace(reported, findings=tuple(findings))
