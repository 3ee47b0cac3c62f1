"""The linter shows a rule only the statements its ``ops`` / ``script_kinds`` declare (see
``Rule.ops``). A wrong declaration would silently hide findings, so here every declaring rule is
run on every statement of the corpus and of every rules/*.md example, filter off, and must report
nothing on the statements the filter skips."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from expandcontract import lint
from expandcontract.api import lint_paths
from expandcontract.config import Config, load_config
from expandcontract.core.migration import ScriptKind, text_migration
from expandcontract.core.ops import Op
from expandcontract.core.schema import Schema
from expandcontract.docs import load_docs
from expandcontract.lint import lint_migrations, rule_sees
from expandcontract.rules import (
    RuleContext,
    ScriptIndex,
    all_rules,
    ec214_missing_lock_timeout,
    ec407_identifier_too_long,
    loaded,
    rule_by_code,
)
from expandcontract.rules._shared import locks

ROOT = Path(__file__).resolve().parents[1]
CORPUS = [ROOT / "tests" / "corpus" / "migrations", ROOT / "tests" / "corpus" / "broken", ROOT / "examples" / "migrations"]


def _declaring():
    """The rules that declare ops or script kinds: the instances lint runs now (another test may
    have cleared ``all_rules``' cache, so not ones taken at import)."""
    return [r for r in all_rules() if r.ops is not None or r.script_kinds is not None]


CONFIGS = [
    Config(),
    Config(assume_in_transaction=True),
    Config(runner="expandcontract"),
    Config(pg_version=10),
]


class Unfiltered:
    """While active, lint shows every rule every statement; a declaring rule's hits on a
    statement its declaration would skip are recorded as violations."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.violations: list[tuple[str, str, str]] = []
        self.skipped: Counter[str] = Counter()  # rule code -> statements checked that dispatch skips
        self.declaring = _declaring()
        monkeypatch.setattr(lint._Dispatch, "rules_for", lambda dispatch, kind, ops: (dispatch.entries, []))
        for rule in self.declaring:
            monkeypatch.setattr(rule, "check", self._watched(rule, rule.check))

    def _watched(self, rule, check):
        def watched(ctx):
            if rule_sees(rule, ctx.kind, frozenset(a.op for a in ctx.actions)):
                return check(ctx)
            self.skipped[rule.code] += 1
            hits = list(check(ctx))
            self.violations += [(rule.code, ctx.step.statement.text, h.message) for h in hits]
            return hits
        return watched


def _lint_docs() -> None:
    for doc in load_docs().values():
        baseline = Schema.from_sql(doc.schema) if doc.schema else None
        for example in doc.examples:
            options = example.options
            config = Config(
                pg_version=int(options.get("pg_version", 16)),
                assume_in_transaction=options.get("assume_in_transaction") == "true",
                runner=options.get("runner", "other"),
                dialect=options.get("dialect", "postgres"),
            )
            migration = text_migration("migration.sql", example.sql, ScriptKind(options.get("phase", "unphased")))
            lint_migrations([migration], config=config, baseline=baseline)


def test_no_rule_reports_on_a_statement_its_declaration_skips(monkeypatch):
    watch = Unfiltered(monkeypatch)
    for config in CONFIGS:
        lint_paths(CORPUS, config=config)
    lint_paths([], config=load_config(ROOT / "examples" / "expandcontract.toml"))
    _lint_docs()
    assert not watch.violations, "\n".join(f"{code} reported on a skipped statement: {sql!r}: {message}"
                                           for code, sql, message in watch.violations[:20])
    # the filter really skipped work for every declaring rule, and each was run there anyway
    assert {r.code for r in watch.declaring} <= set(watch.skipped)


def test_a_wrong_declaration_is_caught(monkeypatch):
    # EC201 reports CREATE INDEX. A rule reads the actions of its declared ops (Rule.pairs), so
    # declared for DROP INDEX only it reports nothing, filtered or not: its doc's fail examples
    # (tests/test_rule_docs.py) are what catch it
    rule = rule_by_code("EC201")  # known by the rule index's copy of its declaration, its module loaded
    monkeypatch.setattr(rule, "ops", frozenset({Op.DROP_INDEX}))
    monkeypatch.setattr(type(loaded(rule)), "ops", frozenset({Op.DROP_INDEX}))
    watch = Unfiltered(monkeypatch)
    fail = next(e for e in load_docs()["EC201"].examples if e.kind == "fail")
    migration = text_migration("m.sql", fail.sql)
    found = lint_migrations([migration], baseline=Schema.from_sql(load_docs()["EC201"].schema)).findings
    assert "EC201" not in [f.code for f in found] and not watch.violations


def test_dispatch_gives_the_same_findings_as_showing_every_rule_everything(monkeypatch):
    dispatched = lint_paths(CORPUS, config=Config()).findings
    monkeypatch.setattr(lint._Dispatch, "rules_for", lambda dispatch, kind, ops: (
        [e for e in dispatch.entries if not e[0].fallback], [e for e in dispatch.entries if e[0].fallback]))
    assert lint_paths(CORPUS, config=Config()).findings == dispatched


# -- long scripts: rules read per-script indexes, never rescan the earlier statements ------------

_LIVE = Schema.from_sql("".join(f"CREATE TABLE accounts_{n} (id bigint PRIMARY KEY);" for n in range(50)))


def _long_script(blocks: int) -> str:
    """Ten statements per block, one transaction, touching every lookup a rule makes about the
    earlier or later statements (locks held, lock_timeout, temp tables, NOT VALID adds, long
    names, DROP … IF EXISTS, created objects)."""
    statements = []
    for i in range(blocks):
        table = f"accounts_{i % 50}"
        statements += [
            "SET lock_timeout = 0;" if i % 2 else "SET statement_timeout = '5s';",
            f"ALTER TABLE {table} ADD COLUMN c{i} text;",
            f"UPDATE {table} SET c{i} = 'x' WHERE id < 10;",
            f"CREATE TEMP TABLE tmp{i} (id bigint);",
            f"UPDATE tmp{i} SET id = 1;",
            f"ALTER TABLE {table} ADD CONSTRAINT {table}_c{i}_check CHECK (c{i} <> '') NOT VALID;",
            f"ALTER TABLE {table} VALIDATE CONSTRAINT {table}_c{i}_check;",
            f"SELECT 1 AS {'x' * 64}_{i};",
            f"CREATE INDEX IF NOT EXISTS {table}_c{i} ON {table} (c{i});",
            f"DROP TYPE IF EXISTS ty{i};",
        ]
    return "\n".join(statements)


def _lint_long(blocks: int, config: Config):
    return lint_migrations([text_migration("long.sql", _long_script(blocks))], config=config, baseline=_LIVE)


def _counted(function, name: str, calls: Counter[str]):
    def counted(*args):
        calls[name] += 1
        return function(*args)
    return counted


def test_a_long_script_builds_each_index_once_and_copies_no_earlier_steps(monkeypatch):
    calls: Counter[str] = Counter()
    # the per-statement work the indexes are made of: once per statement, not once per pair
    for module, name in [(locks, "_step_live_locks"), (ec214_missing_lock_timeout, "_settings"),
                         (ec407_identifier_too_long, "long_identifiers")]:
        monkeypatch.setattr(module, name, _counted(getattr(module, name), name, calls))
    builds: Counter[tuple] = Counter()
    get = ScriptIndex.get

    def counting_get(index, build, *args):
        if (build, *args) not in index._built:
            builds[(id(index), build, *args)] += 1
        return get(index, build, *args)
    monkeypatch.setattr(ScriptIndex, "get", counting_get)
    copied = Counter()
    for name in ("previous", "following"):
        prop = getattr(RuleContext, name)
        monkeypatch.setattr(RuleContext, name, property(
            lambda ctx, _prop=prop, _name=name: (copied.update({_name: 1}), _prop.fget(ctx))[1]))

    result = _lint_long(800, Config(assume_in_transaction=True))
    assert result.statements == 8000
    assert {r.code for r in result.findings} >= {"EC103", "EC205", "EC213", "EC407"}  # the lookups were made
    assert calls == {"_step_live_locks": 8000, "_settings": 8000, "long_identifiers": 8000}
    assert builds and set(builds.values()) == {1}
    assert not copied


def test_lint_work_grows_linearly_with_the_length_of_a_script():
    """Counted in function calls (cProfile, deterministic), not seconds: four times the
    statements may cost about four times the calls, never sixteen."""
    import cProfile
    import pstats

    def calls(blocks: int) -> int:
        profile = cProfile.Profile()
        profile.runcall(_lint_long, blocks, Config(assume_in_transaction=True))
        return pstats.Stats(profile).total_calls

    assert calls(800) / calls(200) < 4.5
