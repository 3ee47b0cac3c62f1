"""Executors interpret steps. ``RecordingExecutor`` writes nothing: it records the exact SQL each
step would send, its transaction grouping, its lock and timeouts (``plan`` and ``--dry-run``)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from .settings import DEFAULT_SETTINGS, RunSettings, format_duration
from .sqlgen import batch_sql, standalone_sql, transaction_sql
from .steps import BackfillStep, MigrationPlan, PhasePlan, StandaloneStep, Step, TransactionStep, lock_summary

__all__ = ["Executor", "RecordedStep", "RecordingExecutor"]


class Executor(Protocol):
    def start_phase(self, migration: MigrationPlan, phase: PhasePlan) -> None: ...
    def run_step(self, phase: PhasePlan, step: Step) -> None: ...
    def finish_phase(self, migration: MigrationPlan, phase: PhasePlan, *, last: bool) -> None: ...
    def fail_phase(self, phase: PhasePlan, step: Step | None, message: str) -> None: ...


@dataclass
class RecordedStep:
    migration: str
    phase: str
    number: int
    kind: str
    path: str
    line: int
    transaction: str  # "one transaction" | "outside a transaction" | "one transaction per batch"
    lock: str
    sql: list[str]
    lock_timeout: str
    statement_timeout: str
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return dict(self.__dict__)


class RecordingExecutor:
    def __init__(self, settings: RunSettings = DEFAULT_SETTINGS,
                 key_lookup: Callable[[str], str | None] | None = None, dialect: str = "postgres",
                 mariadb: bool = True) -> None:
        self.settings = settings
        self.dialect, self.mariadb = dialect, mariadb  # MySQL: DDL commits alone, timeouts in seconds
        self.key_lookup = key_lookup  # the table's primary key from a live catalog, when there is one
        self.records: list[RecordedStep] = []

    def start_phase(self, migration: MigrationPlan, phase: PhasePlan) -> None:
        pass

    def finish_phase(self, migration: MigrationPlan, phase: PhasePlan, *, last: bool) -> None:
        pass

    def fail_phase(self, phase: PhasePlan, step: Step | None, message: str) -> None:
        pass

    def run_step(self, phase: PhasePlan, step: Step) -> None:
        s = self.settings
        lock = lock_summary(step.statements)
        common = dict(migration=phase.migration, phase=phase.phase, number=step.number, kind=step.kind,
                      path=phase.path, line=step.line, lock=lock, lock_timeout=format_duration(s.lock_timeout_for(step.lock)))
        if self.dialect == "mysql":
            common["lock_timeout"] = f"{max(1, math.ceil(s.lock_timeout - 1e-9))}s (lock_wait_timeout)"
        if isinstance(step, TransactionStep) and self.dialect == "mysql" and any(
                x.implicit_commit for x in step.statements):
            rec = RecordedStep(**common, transaction="commits on its own (MySQL DDL)",
                               sql=transaction_sql(step, s, self.dialect, self.mariadb),
                               statement_timeout=format_duration(s.statement_timeout),
                               notes=["MySQL commits a DDL statement at once: the step is marked in flight before "
                                      "it and recorded right after it; a rerun after a crash in between takes "
                                      "'already exists' / 'already gone' as done"])
        elif isinstance(step, TransactionStep):
            notes = ["written as BEGIN … COMMIT in the file"] if step.explicit else []
            notes.append("the step's completion is recorded inside this transaction")
            rec = RecordedStep(**common, transaction="one transaction",
                               sql=transaction_sql(step, s, self.dialect, self.mariadb),
                               statement_timeout=format_duration(s.statement_timeout), notes=notes)
        elif isinstance(step, StandaloneStep):
            notes = ["cannot run inside a transaction; recorded as done right after it"]
            if step.creates_index:
                notes.append(f"rerun-safe: skipped if index {step.index_name} exists and is valid; an INVALID "
                             "leftover of a failed build is dropped CONCURRENTLY and rebuilt")
            rec = RecordedStep(**common, transaction="outside a transaction", sql=standalone_sql(step, s),
                               statement_timeout=format_duration(s.statement_timeout), notes=notes)
        else:
            assert isinstance(step, BackfillStep)
            key, source = self._key(step)
            notes = [
                f"batches by {key if isinstance(key, str) else ', '.join(key)} ({source}); the first batch has no "
                "lower bound",
                f"first batch {s.batch_size} rows, then sized to take about {s.batch_target}s "
                f"({s.batch_min} to {s.batch_max} rows)" + (f", {s.batch_pause}s pause between batches"
                                                          if s.batch_pause else ""),
                "the checkpoint (last key done) is written inside each batch's transaction",
                "rows above the high-water mark (inserted after the backfill starts) are the app's and the "
                "sync trigger's to write",
            ]
            rec = RecordedStep(**common, transaction="one transaction per batch",
                               sql=batch_sql(step, key, s, self.dialect, self.mariadb),
                               statement_timeout=format_duration(s.batch_statement_timeout), notes=notes)
        self.records.append(rec)

    def _key(self, step: BackfillStep) -> tuple[str, str]:
        if step.key:
            return step.key, "from the backfill directive"
        if self.key_lookup is not None:
            found = self.key_lookup(step.table)
            if found:
                return found, f"primary key of {step.table}"
        if step.static_key:
            return step.static_key, f"primary key of {step.table}"
        return "<primary key>", f"the primary key of {step.table}, looked up when the step runs"
