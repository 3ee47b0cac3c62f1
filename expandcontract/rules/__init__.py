"""Rules: one module per rule, discovered by name (``ec201_require_concurrent_index.py``).

A rule is a small class with metadata and a ``check(ctx)`` generator of ``Hit`` values. The
context gives it everything it may look at (the statement, its actions and classifications,
the schema before it, its transaction group, the earlier statements of the script, the config)
and nothing else: rules are pure.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from functools import cache
from typing import Any, ClassVar, Protocol, TypeVar

from ..core.findings import Severity
from ..core.identifiers import quote_ident, quote_qualified
from ..core.migration import Migration, Script, ScriptKind, Step, TransactionGroup
from ..core.ops import Action, Classification, Op
from ..core.record import field, record
from ..core.schema import Schema

__all__ = ["Hit", "Rule", "RuleContext", "ScriptIndex", "all_rules", "loaded", "rule_by_code"]

_T = TypeVar("_T")


@record(frozen=True)
class Hit:
    """A rule's report on one statement: the consequence and the fix.

    ``alembic`` is the fix written as Alembic operations, shown instead of ``help`` when the
    statement came from an Alembic revision; without it the linter shows ``help`` with the phase
    files named as revisions (``rules._shared.alembic``).
    """

    message: str
    help: str
    alembic: str | None = None


class ScriptIndex:
    """What the steps of one script do, for rules that look at earlier or later statements.

    One per script, shared by all its contexts. A rule asks ``index.get(build)`` for a lookup
    table that ``build(index)`` makes from every step at once, on first use, and answers each
    statement from it in O(1) or O(log n): rescanning the earlier statements for every statement
    costs n² on a script of n statements, which a generated file of thousands feels.
    """

    def __init__(self, steps: tuple[Step, ...], migration: str) -> None:
        self.steps = steps
        self.migration = migration  # its name: the tables it created are new
        self._built: dict[tuple, Any] = {}

    def get(self, build: Callable[..., _T], *args: Hashable) -> _T:
        key = (build, *args)
        if key not in self._built:
            self._built[key] = build(self, *args)
        return self._built[key]

    def group_start(self, position: int) -> int:
        """Where the transaction group of the step at ``position`` starts."""
        return self.get(_group_bounds)[0][position]

    def group_end(self, position: int) -> int:
        """Just after the last step of the transaction group of the step at ``position``."""
        return self.get(_group_bounds)[1][position]


def _group_bounds(index: ScriptIndex) -> tuple[list[int], list[int]]:
    steps, starts, ends = index.steps, [], [0] * len(index.steps)
    for position, step in enumerate(steps):
        same = position > 0 and steps[position - 1].group == step.group
        starts.append(starts[-1] if same else position)
    for position in reversed(range(len(steps))):
        same = position + 1 < len(steps) and steps[position + 1].group == steps[position].group
        ends[position] = ends[position + 1] if same else position + 1
    if len({s.group for s in steps}) != len(set(starts)):
        raise ValueError("a transaction group is not a run of consecutive steps")
    return starts, ends


class Settings(Protocol):
    """What the rules read of the configuration (``expandcontract.config.Config`` is one): they
    see settings, never the files they come from."""

    pg_version: int
    dialect: str
    runner: str
    assume_in_transaction: bool
    timezone: str | None  # the migrations' session TimeZone, when the config says


@record(frozen=True)
class RuleContext:
    """What a rule sees of the statement it checks: the step, its script, group and migration."""

    migration: Migration
    script: Script
    step: Step
    group: TransactionGroup
    config: Settings
    index: ScriptIndex  # every step of the script, with lookups built once
    position: int  # of ``step`` in ``index.steps``
    options: Mapping[str, Any] = field(default_factory=dict)

    def with_options(self, options: Mapping[str, Any]) -> RuleContext:
        return RuleContext(self.migration, self.script, self.step, self.group, self.config, self.index,
                           self.position, options)

    @property
    def previous(self) -> tuple[Step, ...]:
        """Earlier steps of the same script, in order (a copy: prefer an ``index`` lookup)."""
        return self.index.steps[: self.position]

    @property
    def following(self) -> tuple[Step, ...]:
        """Later steps of the same script, in order (a copy: prefer an ``index`` lookup)."""
        return self.index.steps[self.position + 1 :]

    def seen_before(self, build: Callable[[ScriptIndex], Mapping[Hashable, int]], key: Hashable) -> bool:
        """``build(index)`` maps keys to the position of the first step that has them: whether a
        step before this one has ``key``."""
        return self.index.get(build).get(key, self.position) < self.position

    # -- shortcuts -----------------------------------------------------------------------------
    @property
    def actions(self) -> tuple[Action, ...]:
        return self.step.actions

    def pairs(self) -> Iterator[tuple[Action, Classification]]:
        return zip(self.step.actions, self.step.classifications, strict=True)

    @property
    def schema(self) -> Schema:
        return self.step.schema_before

    @property
    def kind(self) -> ScriptKind:
        return self.script.kind

    @property
    def old_app_live(self) -> bool:
        return self.script.kind.old_app_live

    @property
    def alembic(self) -> bool:
        """The statement is SQL an Alembic revision emits: the fix is an ``op.`` call."""
        from ._shared.alembic import is_alembic

        return is_alembic(self.script)

    @property
    def pg_version(self) -> int:
        return self.config.pg_version

    @property
    def postgres(self) -> bool:
        return self.config.dialect == "postgres"

    @property
    def mysql(self):
        """--dialect mysql: the MySQL statement and its cost (``core.mysql.steps.MySQLStep``) on the
        first step of each source statement, else None."""
        return self.step.mysql

    def table_is_new(self, name: str | None) -> bool:
        """Created by this migration: empty and unseen by the apps, so locks and rewrites on it
        cost nothing."""
        table = self.schema.table(name)
        return table is not None and table.origin == self.migration.name

    def table_existing(self, name: str | None) -> bool:
        """Created by the baseline or an earlier migration: in production and assumed populated.
        A table we never saw created is assumed to exist (the safe assumption for lock hazards)."""
        return bool(name) and not self.table_is_new(name)

    @property
    def in_transaction(self) -> bool:
        """This statement runs inside a transaction block as the migration will be executed."""
        return self.group.explicit or (self.config.assume_in_transaction and self.config.runner != "expandcontract")

    def transaction_start(self) -> int | None:
        """Earlier steps that share this statement's transaction are those from this position on
        (a group is a run of consecutive steps); None when it shares its transaction with none."""
        if not (self.group.transactional or self.in_transaction):
            return None
        if self.config.assume_in_transaction and self.config.runner != "expandcontract":
            return 0  # the tool wraps the whole file in one transaction
        return self.index.group_start(self.position)

    def same_transaction(self) -> tuple[Step, ...]:
        """Earlier steps that share this statement's transaction."""
        start = self.transaction_start()
        return () if start is None else self.index.steps[start : self.position]


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    family: ClassVar[str]  # "phase" | "locks" | "compatibility" | "practice" | "meta"
    # the squawk rules that mean the same, the first its closest match: their ignore comments
    # and --select/--ignore names reach this rule
    squawk: ClassVar[tuple[str, ...]] = ()
    postgres_only: ClassVar[bool] = False  # lock semantics differ on other engines
    mysql_only: ClassVar[bool] = False  # MySQL/MariaDB online DDL (--dialect mysql)
    # a fallback rule reports only statements no other rule reported at error severity
    fallback: ClassVar[bool] = False
    default_options: ClassVar[Mapping[str, Any]] = {}
    # Dispatch: the linter shows a rule only the statements it can report on. ``ops``: the
    # operations (``Op`` members) it reports on, which ``pairs`` yields (a statement with none of them is skipped); ``script_kinds``: the
    # scripts it reports in. None means every statement / every script. A rule that looks at the
    # statement text, its transaction or any lock keeps None. tests/test_lint_dispatch.py runs
    # every rule on every statement to prove a declaration never hides a finding.
    ops: ClassVar[frozenset[Op] | None] = None
    script_kinds: ClassVar[frozenset[ScriptKind] | None] = None

    def check(self, ctx: RuleContext) -> Iterable[Hit]:  # pragma: no cover - interface
        raise NotImplementedError

    def pairs(self, ctx: RuleContext) -> Iterator[tuple[Action, Classification]]:
        """The statement's (action, classification) pairs whose operation the rule declares in
        ``ops`` (all of them when it declares none): a rule reads its operations from its
        declaration and does not test them again."""
        if self.ops is None:
            return ctx.pairs()
        return ((a, c) for a, c in ctx.pairs() if a.op in self.ops)

    def per_op(self, ctx: RuleContext, table: Mapping[Op, _T]) -> Iterator[tuple[_T, Action, Classification]]:
        """The statement's (action, classification) pairs whose operation ``table`` names, each
        with its entry. A rule that treats its operations differently keeps one entry per
        operation (a handler, or what differs between them), declares ``ops = frozenset(table)``
        and dispatches here: it never tests the op again (tests/test_rule_dispatch.py)."""
        return ((table[a.op], a, c) for a, c in ctx.pairs() if a.op in table)

    def selected_by(self, entry: str) -> bool:
        """Whether a ``select`` / ``ignore`` entry names this rule: ``ALL``, a code or code
        prefix (``EC2``), or the rule's name. The one place selections are matched."""
        e = entry.strip()
        return e.upper() == "ALL" or self.code.startswith(e.upper()) or e.lower() == self.name


# what the linter reads of a rule before showing it a statement (``Rule``'s class attributes)
METADATA = ("code", "name", "severity", "family", "squawk", "postgres_only", "mysql_only", "fallback",
            "default_options", "ops", "script_kinds")


class _Deferred(Rule):
    """A rule known by its metadata (``METADATA``), its module imported when it first checks a
    statement or is asked anything else: a run pays only for the rules its statements reach."""

    def __init__(self, module: str, cls: str, metadata: Mapping[str, Any]) -> None:
        self.__dict__.update(metadata, _where=(module, cls), _rule=None)

    def _load(self) -> Rule:
        if self._rule is None:
            module, cls = self._where
            self._rule = getattr(importlib.import_module(f"{__name__}.{module}"), cls)()
        return self._rule

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        return self._load().check(ctx)

    def __getattr__(self, name: str) -> Any:  # only for what the metadata does not hold
        return getattr(self._load(), name)


def loaded(rule: Rule) -> Rule:
    """The rule itself (an instance of its class), its module imported if it was known by its
    metadata only."""
    return rule._load() if isinstance(rule, _Deferred) else rule


def rule_metadata() -> tuple[tuple[str, str, dict[str, Any]], ...]:
    """(module, class, metadata) of every rule, read from every rule module (what ``_index`` keeps)."""
    return tuple((type(r).__module__.rpartition(".")[2], type(r).__name__, {k: getattr(r, k) for k in METADATA})
                 for r in _import_rules())


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule, ordered by code: known by its metadata, its module imported when needed
    (``_Deferred``), when the index ``_index`` names exactly the rule modules there are."""
    from ._index import RULES

    if {module for module, _, _ in RULES} == set(_rule_modules()):
        return tuple(_Deferred(module, cls, dict(meta)) for module, cls, meta in RULES)
    return _import_rules()


def _rule_modules() -> list[str]:
    """The names of the rule modules (``ecNNN_name``), in code order."""
    import os

    try:  # a listing, not pkgutil (whose import costs a small lint's start-up a few milliseconds)
        names = {name[:-3] for path in __path__ for name in os.listdir(path)
                 if name.startswith("ec") and name.endswith(".py")}
    except OSError:  # (not a folder on disk)
        import pkgutil

        names = {info.name for info in pkgutil.iter_modules(__path__) if info.name.startswith("ec")}
    return sorted(names)


def _import_rules() -> tuple[Rule, ...]:
    """Every rule, each module imported."""
    rules = []
    for name in _rule_modules():
        module = importlib.import_module(f"{__name__}.{name}")
        for value in vars(module).values():
            if (isinstance(value, type) and issubclass(value, Rule) and value is not Rule
                    and hasattr(value, "code") and value.__module__ == module.__name__):
                rules.append(value())
    rules.sort(key=lambda r: r.code)
    codes = [r.code for r in rules]
    if len(codes) != len(set(codes)):
        raise RuntimeError(f"duplicate rule codes: {codes}")
    return tuple(rules)


def rule_by_code(code_or_name: str) -> Rule | None:
    key = code_or_name.strip()
    for rule in all_rules():
        if key.upper() == rule.code or key.lower() == rule.name or key.lower() in rule.squawk:
            return rule
    return None


# helpers shared by rules ---------------------------------------------------------------------

# the scripts that run while the old app is live (what the compatibility rules guard)
OLD_APP_LIVE = frozenset(kind for kind in ScriptKind if kind.old_app_live)


__all__ += ["OLD_APP_LIVE", "quote_ident", "quote_qualified"]
