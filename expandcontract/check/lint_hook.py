"""Lint findings checked against the old app's queries (``old_app`` in the config).

EC301-EC304 (drop/rename a column or table while the old app runs) assume the old app uses
what goes away. With its queries at hand that becomes a fact: a change that breaks an old-app
query keeps its error and names the queries; a change no old-app query touches is reported as
verified, at info severity. If some old-app queries could not be analysed nothing is verified,
nor is a dropped or renamed column of a table an old-app query selects ``*`` from: that query
still runs, but the app may read the column by name (the finding keeps its severity and names
the query).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..config import Config
from ..core.errors import InputError
from ..core.findings import Finding, Severity
from ..core.record import replace
from ..core.schema import Schema, relation_key
from ..lint import LintResult
from .api import check_migrations
from .catalog import Redirects
from .plan import NotAnalysable, plan_query
from .queries import AppQuery
from .resolve import star_relations
from .result import CheckResult

__all__ = ["VERIFIED_CODES", "verify_findings", "verify_lint_result"]

# drop-column, drop-table, rename-column, rename-table
VERIFIED_CODES = frozenset({"EC301", "EC302", "EC303", "EC304"})
_SHOWN = 3


def verify_findings(result: LintResult, old_app: Sequence[AppQuery], *, baseline: Schema | None = None,
                    config: Config | None = None, redirects: Redirects | None = None) -> LintResult:
    """Pure: the lint result with EC301-EC304 findings verified against ``old_app``."""
    if not any(f.code in VERIFIED_CODES for f in result.findings):
        return result
    migrations = list(dict.fromkeys(migration for migration, _ in result.scripts))
    try:
        checked = check_migrations(migrations, baseline=baseline, old_app=old_app, config=config,
                                   redirects=redirects)
    except InputError:
        return result  # a statement does not parse: lint reports it, there are no states to check
    findings = [_verified(f, checked) if f.code in VERIFIED_CODES else f for f in result.findings]
    findings.sort(key=lambda f: f.sort_key)
    return replace(result, findings=tuple(findings))


def _verified(finding: Finding, checked: CheckResult) -> Finding:
    broken = [f for f in checked.failures if f.cause == (finding.file, finding.line)]
    if broken:
        refs = [f"{f.query.ref}" + (f" ({f.query.name})" if f.query.name else "") for f in broken]
        unique = list(dict.fromkeys(refs))
        shown = ", ".join(unique[:_SHOWN]) + (f" and {len(unique) - _SHOWN} more" if len(unique) > _SHOWN else "")
        noun = "query" if len(unique) == 1 else "queries"
        return replace(finding, message=f"{as_fact(finding.message)}; it breaks old-app {noun} {shown}")
    if checked.unchecked:
        count = len(checked.unchecked)
        return replace(finding, message=f"{finding.message}; not verified: {count} old-app "
                                        f"quer{'y' if count == 1 else 'ies'} could not be analysed")
    starred = _star_queries(finding, checked)
    if starred:
        (table, column), queries = next(iter(starred.items()))
        refs = [q.ref + (f" ({q.name})" if q.name else "") for q in queries]
        shown = ", ".join(refs[:_SHOWN]) + (f" and {len(refs) - _SHOWN} more" if len(refs) > _SHOWN else "")
        noun = "query" if len(refs) == 1 else "queries"
        verb = "selects" if len(refs) == 1 else "select"
        return replace(finding, message=f"{finding.message}; not verified: old-app {noun} {shown} {verb} "
                                        f"* from {table}, so the app may read {column} by name although the "
                                        f"query still runs")
    total = checked.checked("old")
    return replace(
        finding,
        severity=Severity.INFO,
        message=f"verified against {total} old-app quer{'y' if total == 1 else 'ies'}: none of them uses what this "
                f"statement removes or renames, so the old app keeps working",
        help=f"nothing to change for the old app; {finding.help}",
    )


_MAY = "if the old app still "


def as_fact(message: str) -> str:
    """What lint says *may* break, stated as fact once an old-app query proves it.

    >>> as_fact("if the old app still reads or writes t.c, its queries fail with 'x'")
    "the old app reads or writes t.c: its queries fail with 'x'"
    """
    if not message.startswith(_MAY):
        return message
    head, _, tail = message[len(_MAY):].partition(", ")
    return f"the old app {head}: {tail}"


def _star_queries(finding: Finding, checked: CheckResult) -> dict[tuple[str, str], list[AppQuery]]:
    """(table, column) the finding's statement drops or renames -> old-app queries that select
    ``*`` from that table."""
    touched = [(a.table, a.column) for state in checked.timeline.states if state.file == finding.file
               for step in state.steps if step.statement.line == finding.line
               for a in step.actions if a.op in ("drop_column", "rename_column") and a.table and a.column]
    if not touched:
        return {}
    found: dict[tuple[str, str], list[AppQuery]] = {}
    for query in checked.queries.get("old", ()):
        if query.model is not None or query.session or query.unchecked:
            continue
        try:
            stars = star_relations(plan_query(query.sql))
        except NotAnalysable:
            continue
        for table, column in touched:
            if relation_key(table) in stars:
                found.setdefault((table, column), []).append(query)
    return found


def verify_lint_result(result: LintResult, *, config: Config, schema: str | None = None,
                       cache_dir: str | None = None) -> LintResult:
    """Edge: load ``config.old_app`` and the baseline, then ``verify_findings``."""
    from ..api import load_baseline
    from .api import baseline_redirects, resolve_source
    from .appcache import load_app

    if not any(f.code in VERIFIED_CODES for f in result.findings):
        return result  # nothing to verify: do not import models or read logs for nothing
    old_app = load_app([resolve_source(config, s) for s in config.old_app], cache_dir)
    path = schema or (config.resolve(config.schema) if config.schema else None)
    baseline = load_baseline(path, dialect=config.dialect) if path else None
    return verify_findings(result, old_app, baseline=baseline, config=config, redirects=baseline_redirects(path))
