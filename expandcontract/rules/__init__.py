"""Rules: one module per rule, discovered by name (``ec201_require_concurrent_index.py``).

A rule is a small class with metadata and a ``check(ctx)`` generator of ``Hit`` values. The
context gives it everything it may look at (the statement, its actions and classifications,
the schema before it, its transaction group, the earlier statements of the script, the config)
and nothing else: rules are pure.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, ClassVar

from ..actions import Action
from ..classify import Classification, Lock, Phase
from ..config import Config
from ..findings import Severity
from ..identifiers import quote_ident, quote_qualified
from ..migration import Migration, Script, ScriptKind, Step, TransactionGroup
from ..schema import BASELINE, Schema

__all__ = ["Hit", "Rule", "RuleContext", "all_rules", "rule_by_code"]


@dataclass(frozen=True)
class Hit:
    """A rule's report on one statement: the consequence and the fix."""

    message: str
    help: str


@dataclass(frozen=True)
class RuleContext:
    migration: Migration
    script: Script
    step: Step
    group: TransactionGroup
    previous: tuple[Step, ...]  # earlier steps of the same script, in order
    config: Config
    options: Mapping[str, Any] = field(default_factory=dict)
    following: tuple[Step, ...] = ()  # later steps of the same script, in order

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
    def pg_version(self) -> int:
        return self.config.pg_version

    @property
    def postgres(self) -> bool:
        return self.config.dialect == "postgres"

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

    def same_transaction(self) -> tuple[Step, ...]:
        """Earlier steps that share this statement's transaction."""
        if not (self.group.transactional or self.in_transaction):
            return ()
        if self.config.assume_in_transaction and self.config.runner != "expandcontract":
            return self.previous
        return tuple(s for s in self.previous if s.group == self.step.group)


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    family: ClassVar[str]  # "phase" | "locks" | "compatibility" | "practice" | "meta"
    squawk: ClassVar[str | None] = None
    postgres_only: ClassVar[bool] = False  # lock semantics differ on other engines
    # a fallback rule reports only statements no other rule reported at error severity
    fallback: ClassVar[bool] = False
    default_options: ClassVar[Mapping[str, Any]] = {}
    # Dispatch: the linter shows a rule only the statements it can report on. ``ops``: the
    # Action ops it reports on (a statement with none of them is skipped); ``script_kinds``: the
    # scripts it reports in. None means every statement / every script. A rule that looks at the
    # statement text, its transaction or any lock keeps None. tests/test_lint_dispatch.py runs
    # every rule on every statement to prove a declaration never hides a finding.
    ops: ClassVar[frozenset[str] | None] = None
    script_kinds: ClassVar[frozenset[ScriptKind] | None] = None

    def check(self, ctx: RuleContext) -> Iterable[Hit]:  # pragma: no cover - interface
        raise NotImplementedError


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule, ordered by code."""
    rules = []
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("ec"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Rule) and value is not Rule and hasattr(value, "code"):
                if value.__module__ == module.__name__:
                    rules.append(value())
    rules.sort(key=lambda r: r.code)
    codes = [r.code for r in rules]
    if len(codes) != len(set(codes)):
        raise RuntimeError(f"duplicate rule codes: {codes}")
    return tuple(rules)


def rule_by_code(code_or_name: str) -> Rule | None:
    key = code_or_name.strip()
    for rule in all_rules():
        if key.upper() == rule.code or key.lower() == rule.name or key.lower() == (rule.squawk or "\0"):
            return rule
    return None


# helpers shared by rules ---------------------------------------------------------------------

AE = Lock.ACCESS_EXCLUSIVE
# the scripts that run while the old app is live (what the compatibility rules guard)
OLD_APP_LIVE = frozenset(kind for kind in ScriptKind if kind.old_app_live)


def lock_phrase(cls: Classification, table: str | None) -> str:
    """``'takes an ACCESS EXCLUSIVE lock on users (blocks all reads and writes)'``."""
    where = f" on {table}" if table else ""
    return f"takes {cls.lock.label} lock{where} (blocks {cls.lock.blocks})"


__all__ += ["AE", "BASELINE", "OLD_APP_LIVE", "Phase", "lock_phrase", "quote_ident", "quote_qualified"]
