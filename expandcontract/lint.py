"""The linter: migrations in, findings out. Pure: no files, no environment, no clock.

Each migration is replayed on the schema left by the ones before it (starting from the
baseline), script by script in phase order; every statement is classified and shown to every
selected rule; suppressions are applied last, and unused or unknown ones are reported too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from .classify import Phase
from .config import Config
from .findings import Finding, Severity
from .migration import AnalysedScript, Migration, Step, analyse_script
from .parse import Statement
from .rules import Hit, Rule, RuleContext, all_rules, rule_by_code
from .rules.ec001_syntax_error import SyntaxErrorRule
from .schema import Schema
from .sqltext import find_placeholders, substitute_vars
from .suppress import Directive, file_directives, statement_directives

__all__ = ["LintResult", "lint_migrations", "select_rules", "statement_phase"]

_PHASE_RANK = {Phase.NONE: 0, Phase.EXPAND: 1, Phase.MIGRATE: 2, Phase.CONTRACT: 3}


@dataclass(frozen=True)
class LintResult:
    findings: tuple[Finding, ...]
    files: int
    statements: int
    unparsed: int
    schema: Schema  # after every migration
    scripts: tuple[tuple[Migration, AnalysedScript], ...] = field(default=(), repr=False)

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


def select_rules(config: Config) -> tuple[Rule, ...]:
    """The rules ``select``/``ignore`` leave on. Both take codes, code prefixes (``EC2``),
    rule names, or ``ALL``; unknown entries are a configuration error."""
    from .config import ConfigError

    def matches(rule: Rule, entry: str) -> bool:
        e = entry.strip()
        return e.upper() == "ALL" or rule.code.startswith(e.upper()) or e.lower() == rule.name

    for entry in (*config.select, *config.ignore):
        if not any(matches(r, entry) for r in all_rules()):
            raise ConfigError(f"unknown rule {entry!r} in select/ignore (see `expandcontract rules`)",
                              path=config.source)
    return tuple(
        r
        for r in all_rules()
        if any(matches(r, e) for e in config.select) and not any(matches(r, e) for e in config.ignore)
    )


def statement_phase(step: Step) -> Phase:
    phases = [c.phase for c in step.classifications] or [Phase.NONE]
    return max(phases, key=_PHASE_RANK.__getitem__)


def lint_migrations(
    migrations: Sequence[Migration],
    *,
    config: Config = Config(),
    baseline: Schema | None = None,
    rules: Iterable[Rule] | None = None,
) -> LintResult:
    active = tuple(select_rules(config) if rules is None else rules)
    schema = baseline or Schema()
    findings: list[Finding] = []
    statements = unparsed = 0
    files: set[str] = set()
    analysed_all = []
    for migration in migrations:
        for script in migration.scripts:
            files.add(script.path)
            text = substitute_vars(script.text, config.variables) if config.variables else script.text
            analysed = analyse_script(
                script, schema, origin=migration.name, pg_version=config.pg_version,
                dialect=config.dialect, text=text,
            )
            analysed_all.append((migration, analysed))
            schema = analysed.schema_after
            statements += len(analysed.steps)
            unparsed += sum(s.statement.node is None for s in analysed.steps)
            findings.extend(_lint_script(migration, analysed, text, config, active))
    findings.sort(key=lambda f: f.sort_key)
    return LintResult(tuple(findings), len(files), statements, unparsed, schema, tuple(analysed_all))


def _lint_script(
    migration: Migration, analysed: AnalysedScript, text: str, config: Config, rules: tuple[Rule, ...]
) -> list[Finding]:
    script = analysed.script
    raw: list[tuple[Rule, Step, Hit]] = []
    groups = {g.index: g for g in analysed.groups}
    primary = [r for r in rules if not r.fallback and (config.dialect == "postgres" or not r.postgres_only)]
    fallbacks = [r for r in rules if r.fallback and (config.dialect == "postgres" or not r.postgres_only)]
    for position, step in enumerate(analysed.steps):
        if step.statement.node is None:
            raw.append((_SYNTAX, step, _syntax_hit(step.statement, text)))
            continue
        ctx = RuleContext(
            migration=migration,
            script=script,
            step=step,
            group=groups[step.group],
            previous=analysed.steps[:position],
            config=config,
            following=analysed.steps[position + 1:],
        )
        hits = []
        for rule in primary:
            opts = {**rule.default_options, **config.rule_options.get(rule.code, {})}
            for hit in rule.check(_with_options(ctx, opts)):
                hits.append((rule, step, hit))
        if not any(_severity(r, config) is Severity.ERROR for r, _, _ in hits):
            for rule in fallbacks:
                opts = {**rule.default_options, **config.rule_options.get(rule.code, {})}
                hits.extend((rule, step, hit) for hit in rule.check(_with_options(ctx, opts)))
        raw.extend(hits)
    return _apply_suppressions(script.path, analysed, text, raw, config, rules)


def _with_options(ctx: RuleContext, options: dict) -> RuleContext:
    if not options:
        return ctx
    return replace(ctx, options=options)


def _severity(rule: Rule, config: Config) -> Severity:
    return config.severity.get(rule.code, rule.severity)


def _finding(rule: Rule, step: Step, hit: Hit, path: str, config: Config, line: int | None = None,
             column: int | None = None) -> Finding:
    stmt = step.statement
    return Finding(
        code=rule.code,
        name=rule.name,
        severity=_severity(rule, config),
        phase=str(statement_phase(step)),
        file=path,
        line=line or (stmt.error_line if stmt.node is None else stmt.line),
        column=column or (stmt.error_column if stmt.node is None else stmt.column),
        end_line=stmt.end_line,
        statement=stmt.text,
        message=hit.message,
        help=hit.help,
    )


def _apply_suppressions(
    path: str, analysed: AnalysedScript, text: str, raw: list[tuple[Rule, Step, Hit]], config: Config,
    rules: tuple[Rule, ...],
) -> list[Finding]:
    # lines in the file the script came from (an Alembic revision's SQL maps to Python lines)
    per_file = [replace(d, line=analysed.script.position(d.line, 1)[0])
                for d in file_directives(text, analysed.script.first_line)]
    used: set[tuple[int, str]] = set()
    reported: set[tuple[int, str]] = set()  # generated text repeats a directive per statement
    findings = []
    for rule, step, hit in raw:
        directives = statement_directives(step.statement.comments) + per_file
        match = next(((d, c) for d in directives for c in d.codes if _names_rule(d, c, rule)), None)
        if match and rule.code not in ("EC001",):
            used.add((match[0].line, match[1]))
            continue
        findings.append(_finding(rule, step, hit, path, config))
    # report directives that name no rule, or that suppressed nothing
    meta = {r.code: r for r in rules}
    all_directives = per_file + [d for s in analysed.steps for d in statement_directives(s.statement.comments)]
    anchor = analysed.steps[0] if analysed.steps else None
    for directive in all_directives:
        for code in directive.codes:
            if (directive.line, code) in reported:
                continue
            reported.add((directive.line, code))
            target = rule_by_code(code) if not directive.squawk else _squawk_rule(code)
            step = _step_at_line(analysed, directive.line) or anchor
            if step is None:
                continue
            if target is None and "EC003" in meta:
                what = "squawk rule" if directive.squawk else "rule"
                hint = ("expandcontract has no equivalent of it; delete the directive"
                        if directive.squawk else "run `expandcontract rules` for the list of codes")
                findings.append(_finding(meta["EC003"], step, Hit(
                    f"ignore directive names unknown {what} {code!r}: it suppresses nothing", hint),
                    path, config, line=directive.line, column=1))
            elif target is not None and (directive.line, code) not in used and "EC002" in meta:
                if target.code not in {r.code for r in rules}:
                    continue  # the rule is switched off: nothing to suppress, nothing to blame
                findings.append(_finding(meta["EC002"], step, Hit(
                    f"ignore directive for {target.code} ({target.name}) suppresses nothing here",
                    "delete the directive; it would silently hide a future finding"),
                    path, config, line=directive.line, column=1))
    return findings


def _names_rule(directive: Directive, code: str, rule: Rule) -> bool:
    if directive.squawk:
        return rule.squawk is not None and code.lower() == rule.squawk
    return code.upper() == rule.code or code.lower() == rule.name


def _squawk_rule(name: str) -> Rule | None:
    return next((r for r in all_rules() if r.squawk == name.lower()), None)


def _step_at_line(analysed: AnalysedScript, line: int) -> Step | None:
    following = [s for s in analysed.steps if s.statement.line >= line]
    return following[0] if following else (analysed.steps[-1] if analysed.steps else None)


_SYNTAX = SyntaxErrorRule()


def _syntax_hit(stmt: Statement, text: str) -> Hit:
    placeholders = find_placeholders(stmt.text)
    help_text = "fix the statement; the rest of the file was still linted"
    if placeholders:
        names = ", ".join(sorted({n for _, n in placeholders}))
        help_text = f"the statement holds template placeholders ({names}): pass --var NAME=VALUE for each"
    return Hit(f"cannot parse: {stmt.error}", help_text)
