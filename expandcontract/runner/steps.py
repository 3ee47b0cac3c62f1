"""Migration steps as data (like alembic's ops): what to run, how it is grouped, the lock it takes.

Executors (``executor.py`` records, ``pg_executor.py`` runs on PostgreSQL) interpret these
values; nothing here talks to a database.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..core.ops import Lock
from .backfill_sql import BatchTemplate

__all__ = ["BackfillStep", "MigrationPlan", "PhasePlan", "Sql", "StandaloneStep", "TransactionStep", "checksum", "lock_summary"]


def checksum(text: str) -> str:
    """sha256 of a script, blind to line-ending style (a checkout on Windows is not drift)."""
    return hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Sql:
    """One statement the runner sends, with what the classifier knows of it."""

    text: str
    line: int
    op: str  # the main action (add_column, create_index, update …)
    lock: Lock
    tables: tuple[str, ...] = ()
    # MySQL commits before and after a DDL statement: such a statement is a step of its own
    implicit_commit: bool = False

    @property
    def lock_text(self) -> str:
        if self.lock is Lock.NONE:
            return "no table lock"
        on = f" on {', '.join(self.tables)}" if self.tables else ""
        return f"{self.lock.label}{on}"


def lock_summary(statements: tuple[Sql, ...]) -> str:
    """The strongest lock each table gets in a step, e.g. ``ACCESS EXCLUSIVE on users``."""
    strongest: dict[str, Lock] = {}
    for s in statements:
        for table in s.tables or ("",):
            if s.lock is not Lock.NONE:
                strongest[table] = max(strongest.get(table, Lock.NONE), s.lock)
    if not strongest:
        return "no table lock"
    return ", ".join(f"{lock.label} on {table}" if table else lock.label for table, lock in strongest.items())


@dataclass(frozen=True)
class TransactionStep:
    """Statements sent in one transaction; its completion is recorded inside that transaction."""

    number: int
    statements: tuple[Sql, ...]
    explicit: bool = False  # written as BEGIN … COMMIT in the file
    # MySQL: LOCK TABLES … UNLOCK TABLES and what is between, sent on one session and recorded
    # after UNLOCK TABLES (the runner's own tables are not locked, so nothing is written before)
    locked: bool = False
    kind = "transaction"

    @property
    def line(self) -> int:
        return self.statements[0].line

    @property
    def lock(self) -> Lock:
        return max((s.lock for s in self.statements), default=Lock.NONE)

    @property
    def tables(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t for s in self.statements for t in s.tables))


class _SingleStatement:
    """Where, what lock and which tables, for a step made of one statement."""

    statement: Sql

    @property
    def line(self) -> int:
        return self.statement.line

    @property
    def lock(self) -> Lock:
        return self.statement.lock

    @property
    def tables(self) -> tuple[str, ...]:
        return self.statement.tables

    @property
    def statements(self) -> tuple[Sql, ...]:
        return (self.statement,)


@dataclass(frozen=True)
class StandaloneStep(_SingleStatement):
    """A statement that cannot run in a transaction (``CREATE INDEX CONCURRENTLY``, ``VACUUM`` …).

    Its completion is recorded after it, so it must be safe to run again: a concurrent index that
    exists and is valid is skipped, an invalid one (a failed build) is dropped and rebuilt.
    """

    number: int
    statement: Sql
    index_name: str | None = None  # the index a CONCURRENTLY create/drop works on
    index_schema: str | None = None
    kind = "standalone"

    @property
    def creates_index(self) -> bool:
        return self.statement.op == "create_index"

    @property
    def drops_index(self) -> bool:
        return self.statement.op == "drop_index"


@dataclass(frozen=True)
class BackfillStep(_SingleStatement):
    """An UPDATE run in key-range batches, each its own short transaction with its checkpoint."""

    number: int
    statement: Sql
    template: BatchTemplate
    key: str | None = None  # from the directive; None: the table's single-column primary key
    static_key: str | None = None  # the primary key the replayed schema knows of (for plans offline)
    kind = "backfill"

    @property
    def table(self) -> str:
        return self.template.table


Step = TransactionStep | StandaloneStep | BackfillStep


@dataclass(frozen=True)
class PhasePlan:
    """One phase of one migration: its steps and the checksum of the script they come from."""

    migration: str
    phase: str  # expand | migrate | contract (an unphased file runs as expand)
    path: str
    checksum: str
    steps: tuple[Step, ...]

    @property
    def id(self) -> str:
        return f"{self.migration}:{self.phase}"


@dataclass(frozen=True)
class MigrationPlan:
    name: str
    path: str
    phased: bool
    phases: tuple[PhasePlan, ...]

    def phase(self, name: str) -> PhasePlan | None:
        return next((p for p in self.phases if p.phase == name), None)

    @property
    def checksum(self) -> str:
        return checksum("\n".join(p.checksum for p in self.phases))


def what_stays(step: Step) -> str:
    """What a step that stopped half way leaves in the database, by kind: for failure messages."""
    if isinstance(step, TransactionStep):
        return "The step's transaction was rolled back: none of its statements took effect."
    if isinstance(step, BackfillStep):
        return "Batches committed so far are kept with their checkpoint; the open batch was rolled back."
    return ("The statement runs outside a transaction: a rerun checks what it left (an invalid index is dropped "
            "and built again) and repeats it safely.")
