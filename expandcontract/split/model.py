"""What a split produces, as values: statements grouped into transactions, per phase, per change.

Recipes build these; ``render`` turns them into expand.sql / migrate.sql / contract.sql and
PLAN.md; nothing here knows about files.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.migration import ScriptKind

__all__ = ["Backfill", "Block", "Change", "Plan", "Refusal", "Sql"]


@dataclass(frozen=True)
class Sql:
    """One statement, without its semicolon, and the comment lines printed above it."""

    text: str
    comments: tuple[str, ...] = ()  # each without the leading "--"
    transactional: bool = True  # False: must run alone, outside a transaction (CONCURRENTLY)
    backfill_key: str | None = None  # a batched UPDATE: the key the runner batches by


@dataclass(frozen=True)
class Block:
    """Statements that commit together. A non-transactional statement or a backfill (which the
    runner cuts into batches of their own) is always a block by itself."""

    statements: tuple[Sql, ...]

    @property
    def transactional(self) -> bool:
        return all(s.transactional for s in self.statements)

    @property
    def is_backfill(self) -> bool:
        return len(self.statements) == 1 and self.statements[0].backfill_key is not None


def tx(*statements: Sql) -> Block:
    return Block(tuple(statements))


def alone(text: str, *comments: str) -> Block:
    """A statement that runs by itself, outside a transaction (CONCURRENTLY), with its comments."""
    return Block((Sql(text, comments, transactional=False),))


@dataclass(frozen=True)
class Backfill:
    table: str
    key: str
    what: str  # "copies name into full_name"


@dataclass(frozen=True)
class Change:
    """One change of the source migration and how it is carried out, phase by phase.

    ``new_app`` says what the new app (deployed after expand, before migrate) must do;
    ``retire_old_app`` why every old app instance must be stopped before contract;
    ``before_contract`` what else must hold before contract runs; ``notes`` are caveats;
    ``by_hand`` the commands to run by hand once expand has run (MySQL changes only an
    online-schema-change tool can make without blocking writes), as (what, command) pairs.
    """

    title: str
    line: int
    expand: tuple[Block, ...] = ()
    migrate: tuple[Block, ...] = ()
    contract: tuple[Block, ...] = ()
    new_app: tuple[str, ...] = ()
    retire_old_app: tuple[str, ...] = ()  # why the old app must be gone before contract
    before_contract: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    backfills: tuple[Backfill, ...] = ()
    passthrough: bool = False  # the statement was already safe and is kept as written
    by_hand: tuple[tuple[str, str], ...] = ()

    def blocks(self, kind: ScriptKind) -> tuple[Block, ...]:
        return {ScriptKind.EXPAND: self.expand, ScriptKind.MIGRATE: self.migrate,
                ScriptKind.CONTRACT: self.contract}.get(kind, ())


@dataclass(frozen=True)
class Refusal:
    """A statement the split cannot carry out safely, and why."""

    line: int
    statement: str
    reason: str


@dataclass(frozen=True)
class Plan:
    source: str  # the migration file the plan comes from
    changes: tuple[Change, ...] = ()
    settings: tuple[Sql, ...] = ()  # SET statements, repeated at the top of every phase
    refusals: tuple[Refusal, ...] = ()
    dropped: tuple[str, ...] = ()  # statements left out on purpose (transaction control), and why

    @property
    def ok(self) -> bool:
        return not self.refusals

    def blocks(self, kind: ScriptKind) -> tuple[Block, ...]:
        return tuple(b for c in self.changes for b in c.blocks(kind))
