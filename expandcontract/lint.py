"""The linter: migrations in, findings out. Pure: no files, no environment, no clock.

Each migration is replayed on the schema left by the ones before it (starting from the
baseline), script by script in phase order; every statement is classified and shown to every
selected rule; suppressions are applied last, and unused or unknown ones are reported too.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from .config import Config
from .core.findings import Finding, Severity
from .core.migration import AnalysedScript, Migration, Script, ScriptKind, Step, analyse_script
from .core.ops import Phase
from .core.parse import Statement
from .core.record import replace
from .core.schema import Schema
from .core.sqltext import find_placeholders, original_column, substitute_vars, substitution_shifts
from .core.suppress import (
    KNOWN_VERBS,
    Directive,
    all_directives,
    file_directives,
    statement_directives,
    unrendered_markers,
)
from .result import LintResult, MigrationLint, assemble
from .rules import Hit, Rule, RuleContext, ScriptIndex, all_rules, rule_by_code
from .rules._shared.alembic import alembic_finding_text, in_alembic_terms, is_alembic
from .rules.ec001_syntax_error import SyntaxErrorRule

__all__ = ["LintResult", "MigrationLint", "assemble", "lint_each", "lint_migrations", "rule_sees", "select_rules",
           "statement_phase"]

_PHASE_RANK = {Phase.NONE: 0, Phase.EXPAND: 1, Phase.MIGRATE: 2, Phase.CONTRACT: 3}


def select_rules(config: Config) -> tuple[Rule, ...]:
    """The rules ``select``/``ignore`` leave on. Both take codes, code prefixes (``EC2``),
    rule names, or ``ALL``; unknown entries are a configuration error."""
    from .core.errors import ConfigError

    for entry in (*config.select, *config.ignore):
        if not any(r.selected_by(entry) for r in all_rules()):
            # entries from the file were checked when it was read: this one came from a flag
            raise ConfigError(f"unknown rule {entry!r} in --select/--ignore (see `expandcontract rules`)")
    return tuple(
        r
        for r in all_rules()
        if any(r.selected_by(e) for e in config.select) and not any(r.selected_by(e) for e in config.ignore)
    )


def statement_phase(step: Step) -> Phase:
    phases = [c.phase for c in step.classifications] or [Phase.NONE]
    return max(phases, key=_PHASE_RANK.__getitem__)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Linting allocates millions of small acyclic objects (parse trees, schema values) that
    reference counting frees; the cyclic collector's repeated full scans of them cost about a
    third of the run. Paused for the run, restored after.

    Re-enabled as is, the collector would still scan them all once, at its next young
    collection (a fifth of the run). freeze() + unfreeze() first hands them to the oldest
    generation in O(1): scanned only at a later full collection, cycles among them still
    collected then."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if was_enabled:
            gc.enable()


def lint_migrations(
    migrations: Sequence[Migration],
    *,
    config: Config = Config(),
    baseline: Schema | None = None,
    rules: Iterable[Rule] | None = None,
) -> LintResult:
    parts = list(lint_each(migrations, config=config, baseline=baseline, rules=rules))
    return assemble(migrations, parts, parts[-1].schema_after if parts else baseline or Schema())


def lint_each(
    migrations: Sequence[Migration],
    *,
    config: Config = Config(),
    baseline: Schema | None = None,
    rules: Iterable[Rule] | None = None,
) -> Iterator[MigrationLint]:
    """Lint migrations one at a time, each on the schema the ones before it leave. A migration's
    findings depend only on that schema, the migration and the configuration (the result cache
    relies on it)."""
    active = tuple(select_rules(config) if rules is None else rules)
    dispatch = _Dispatch(active, config)
    schema = baseline or Schema()
    if config.starts_empty and not schema.complete:  # the first migration runs on an empty database
        schema = replace(schema, complete=True)
    with _cyclic_gc_paused():
        for migration in migrations:
            where = []
            try:
                part = _lint_migration(migration, schema, config, dispatch, where)
            except MemoryError:
                part = None  # (raised below: out of this block, what the failed lint held is freed first)
            if part is None:
                from .core.errors import InputError

                raise InputError(where[-1] if where else migration.path,
                                 "out of memory while linting it: split it into smaller files, or lint it "
                                 "with more memory")
            schema = part.schema_after
            yield part


def _lint_migration(migration: Migration, schema: Schema, config: Config, dispatch: _Dispatch,
                    where: list[str]) -> MigrationLint:
    findings: list[Finding] = []
    stats: dict[str, tuple[int, int]] = {}
    analysed_all = []
    texts = [(script, substitute_vars(script.text, config.variables) if config.variables else script.text)
             for script in migration.scripts]
    scopes = _file_scopes(texts)
    for script, text in texts:
        where.append(script.path)
        analysed = analyse_script(
            script, schema, origin=migration.name, pg_version=config.pg_version,
            dialect=config.dialect, text=text, timezone=config.timezone,
            mysql_server=config.mysql_server if config.dialect == "mysql" else None,
        )
        analysed_all.append((migration, analysed))
        schema = analysed.schema_after
        statements, unparsed = stats.get(script.path, (0, 0))
        stats[script.path] = (statements + len(analysed.steps),
                              unparsed + sum(s.statement.node is None for s in analysed.steps))
        found = _lint_script(migration, analysed, text, config, dispatch, scopes[script.path])
        if config.variables and not script.source_map:  # report the columns the author wrote
            shifts = substitution_shifts(script.text, config.variables)
            first = script.first_line - 1
            found = [replace(f, column=original_column(shifts, f.line - first, f.column)) for f in found]
        findings.extend(found)
    return MigrationLint(migration, tuple(findings), stats, schema, tuple(analysed_all))


class _FileScope:
    """The ``ignore-file`` directives of one file, shared by every script cut from it (phase
    markers): a directive anywhere in the file covers all of it, and is judged unused only
    once the file's last script has been linted. (A plain mutable record, never compared or
    printed: no dataclass, whose generated methods cost at every start.)"""

    __slots__ = ("directives", "scripts_left", "used")

    def __init__(self) -> None:
        self.directives: list[Directive] = []
        self.used: set[tuple[int, str]] = set()  # (directive line, code)
        self.scripts_left = 0


def _file_scopes(texts: Sequence[tuple[Script, str]]) -> dict[str, _FileScope]:
    scopes: dict[str, _FileScope] = {}
    for script, text in texts:
        scope = scopes.setdefault(script.path, _FileScope())
        # lines in the file the script came from (an Alembic revision's SQL maps to Python lines)
        scope.directives += [replace(d, line=script.position(d.line, 1)[0])
                             for d in file_directives(text, script.first_line)]
        scope.scripts_left += 1
    return scopes


def rule_sees(rule: Rule, kind: ScriptKind, ops: frozenset[str]) -> bool:
    """Whether ``rule`` is shown a statement with these Action ops in a script of this kind:
    its declared ``ops`` and ``script_kinds`` (see ``Rule.ops``) match."""
    return ((rule.script_kinds is None or kind in rule.script_kinds)
            and (rule.ops is None or not rule.ops.isdisjoint(ops)))


class _Dispatch:
    """The rules each statement is shown, as (rule, options) pairs in rule order, split into
    primary rules and fallbacks; worked out once per lint run for each script kind and set of
    ops, so a statement costs only the rules that can report on it."""

    def __init__(self, rules: tuple[Rule, ...], config: Config) -> None:
        self.rules = rules
        # options are merged once per run, not once per rule and statement
        if config.dialect == "mysql":  # the compatibility rules judged on the MySQL catalog, in MySQL's words
            from .rules._shared.mysql_compat import mysql_variant

            rules = tuple(mysql_variant(r) or r for r in rules)
        self.entries = [(r, _options(r, config)) for r in rules
                        if (config.dialect == "postgres" or not r.postgres_only)
                        and (config.dialect == "mysql" or not r.mysql_only)]
        self._tables: dict[tuple[ScriptKind, frozenset[str]], tuple[list, list]] = {}

    def rules_for(self, kind: ScriptKind, ops: frozenset[str]) -> tuple[list, list]:
        table = self._tables.get((kind, ops))
        if table is None:
            shown = [(r, o) for r, o in self.entries if rule_sees(r, kind, ops)]
            table = self._tables[kind, ops] = ([e for e in shown if not e[0].fallback],
                                               [e for e in shown if e[0].fallback])
        return table


def _lint_script(
    migration: Migration, analysed: AnalysedScript, text: str, config: Config, dispatch: _Dispatch,
    scope: _FileScope,
) -> list[Finding]:
    script = analysed.script
    raw: list[tuple[Rule, Step, Hit]] = []
    groups = {g.index: g for g in analysed.groups}
    index = ScriptIndex(analysed.steps, migration.name)
    for position, step in enumerate(analysed.steps):
        if step.statement.node is None:
            raw.append((_SYNTAX, step, _syntax_hit(step.statement, text)))
            continue
        primary, fallbacks = dispatch.rules_for(script.kind, frozenset(a.op for a in step.actions))
        if not (primary or fallbacks):
            continue
        ctx = RuleContext(migration=migration, script=script, step=step, group=groups[step.group],
                          config=config, index=index, position=position)
        hits = []
        for rule, opts in primary:
            for hit in rule.check(_with_options(ctx, opts)):
                hits.append((rule, step, hit))
        if fallbacks and not any(_severity(r, config) is Severity.ERROR for r, _, _ in hits):
            for rule, opts in fallbacks:
                hits.extend((rule, step, hit) for hit in rule.check(_with_options(ctx, opts)))
        raw.extend(hits)
    found = _apply_suppressions(script.path, analysed, text, raw, config, dispatch.rules, scope)
    if script.kind is ScriptKind.UNPHASED:  # it runs as one step: no statement of it is in a phase
        found = [replace(f, phase="unphased") for f in found]
    return _unrendered(script, text, config, dispatch.rules) + found if "unrendered" in text else found


def _unrendered(script: Script, text: str, config: Config, rules: tuple[Rule, ...]) -> list[Finding]:
    """EC005 for each revision the loader could not render as SQL (its marker line)."""
    rule = next((r for r in rules if r.code == "EC005"), None)
    if rule is None:
        return []
    out = []
    for line, reason in unrendered_markers(text):
        at, column = script.position(line + script.first_line - 1, 1)
        out.append(Finding(
            code=rule.code, name=rule.name, severity=_severity(rule, config), phase=str(script.kind),
            file=script.path, line=at, column=column, end_line=at, statement=f"-- {reason}",
            message=f"{reason}: its SQL is not linted, and the schema after it may differ from what the "
                    "later migrations are linted against",
            help="render it online on a scratch database (`--render online`, or the default `--render auto`; "
                 "`--scratch-url URL` names a server to create it on), or make the revision renderable offline "
                 "(guard row reads with `if context.is_offline_mode():`)",
        ))
    return out


def _options(rule: Rule, config: Config) -> dict:
    return {**rule.default_options, **config.rule_options.get(rule.code, {})}


def _with_options(ctx: RuleContext, options: dict) -> RuleContext:
    return ctx.with_options(options) if options else ctx


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
    rules: tuple[Rule, ...], scope: _FileScope,
) -> list[Finding]:
    used = scope.used
    findings = []
    alembic = is_alembic(analysed.script)
    for rule, step, hit in raw:
        directives = statement_directives(step.statement.comments) + scope.directives
        match = next(((d, c) for d in directives for c in _codes(d) if _names_rule(d, c, rule)), None)
        if match and rule.code not in ("EC001",):
            used.add((match[0].line, match[1]))
            continue
        if alembic:
            hit = Hit(*alembic_finding_text(hit.message, hit.help, hit.alembic))
        findings.append(_finding(rule, step, hit, path, config))
    scope.scripts_left -= 1
    # judge every directive: statement ones now, file ones after the file's last script
    attached = [d for s in analysed.steps for d in statement_directives(s.statement.comments)]
    stray = []
    if not analysed.script.source_map:  # generated text has no comments of its own
        lines = {d.line for d in attached}
        stray = [d for d in all_directives(text, analysed.script.first_line)
                 if not d.whole_file and d.line not in lines]
    judged = attached + stray + (scope.directives if scope.scripts_left == 0 else [])
    judgements = _judge_directives(path, analysed, judged, used, config, rules, {d.line for d in stray})
    if alembic:  # directives are Python comments there
        judgements = [replace(f, message=in_alembic_terms(f.message, declaring=False), help=in_alembic_terms(f.help))
                      for f in judgements]
    findings.extend(judgements)
    return findings


def _judge_directives(
    path: str, analysed: AnalysedScript, directives: list[Directive], used: set[tuple[int, str]],
    config: Config, rules: tuple[Rule, ...], stray_lines: set[int],
) -> list[Finding]:
    """EC003 for directives naming no rule we know, EC002 for ones that suppressed nothing."""
    if not directives:
        return []
    meta = {r.code: r for r in rules}
    active = {r.code for r in rules}
    anchor = analysed.steps[-1] if analysed.steps else None
    reported: set[tuple[int, str]] = set()  # generated text repeats a directive per statement
    findings = []

    def report(code: str, directive: Directive, message: str, fix: str) -> None:
        step = _step_at_line(analysed, directive.line) or anchor
        if step is None or code not in meta:
            return
        finding = _finding(meta[code], step, Hit(message, fix), path, config, line=directive.line, column=1)
        findings.append(replace(finding, statement=directive.text or finding.statement, end_line=directive.line))

    for directive in directives:
        if directive.unknown_verb is not None:
            verb = directive.unknown_verb or "(nothing)"
            import difflib  # only for a misspelt directive: not paid at every start

            close = difflib.get_close_matches(verb.lower(), sorted(KNOWN_VERBS), n=1)
            report("EC003", directive, f"unknown expandcontract directive {verb!r}: it does nothing",
                   f"did you mean `-- expandcontract: {close[0]} ...`?" if close else
                   "directives are: ignore CODE, ignore-file CODE, phase NAME, backfill key=COLUMN")
            continue
        if not directive.codes and not directive.every_squawk_rule:
            report("EC003", directive, "ignore directive names no rule: it suppresses nothing",
                   "write the codes it is for, e.g. -- expandcontract: ignore EC201 -- reason")
            continue
        for code in _codes(directive):
            if (directive.line, code) in reported:
                continue
            reported.add((directive.line, code))
            if code == "*":
                targets = [r for r in all_rules() if r.squawk]
            else:
                target = _squawk_rule(code) if directive.squawk else rule_by_code(code)
                targets = [target] if target else []
            if not targets:
                what = "squawk rule" if directive.squawk else "rule"
                hint = ("expandcontract has no equivalent of it; delete the directive"
                        if directive.squawk else "run `expandcontract rules` for the list of codes")
                report("EC003", directive, f"ignore directive names unknown {what} {code!r}: it suppresses nothing",
                       hint)
            elif (directive.line, code) not in used and any(t.code in active for t in targets):
                # (a rule switched off has nothing to suppress: the directive is not to blame)
                what = "every squawk rule" if code == "*" else f"{targets[0].code} ({targets[0].name})"
                where = ("stands after the last statement, before none"
                         if directive.line in stray_lines else
                         "suppresses nothing in this file" if directive.whole_file else "suppresses nothing here")
                report("EC002", directive, f"ignore directive for {what} {where}",
                       "delete the directive; it would silently hide a future finding")
    return findings


def _codes(directive: Directive) -> tuple[str, ...]:
    return ("*",) if directive.every_squawk_rule else directive.codes


def _names_rule(directive: Directive, code: str, rule: Rule) -> bool:
    if directive.squawk:
        return bool(rule.squawk) and (code == "*" or _squawk_key(code) in map(_squawk_key, rule.squawk))
    return rule_by_code(code) is rule


def _squawk_rule(name: str) -> Rule | None:
    return next((r for r in all_rules() if _squawk_key(name) in map(_squawk_key, r.squawk)), None)


def _squawk_key(name: str) -> str:
    """squawk renamed some rules by their dashes (prefer-timestamptz is now prefer-timestamp-tz)
    and accepts both spellings in its ignore comments: so do we."""
    return name.lower().replace("-", "")


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
