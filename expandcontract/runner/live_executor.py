"""What running steps on a real database means, whatever the server: phases recorded in the state,
lock timeouts retried with backoff inside a budget and then reported naming the blockers,
checkpointed key-range backfills sized to a target duration, failure messages that say what
stays. ``PgExecutor`` (``pg_executor.py``) and ``MySQLExecutor`` (``mysql_executor.py``) supply
what differs: how a step's statements are sent, which errors mean "lock not granted", who is in
the way, and the catalog lookups of a backfill.
"""

from __future__ import annotations

import contextlib
import random
import time
from collections.abc import Callable
from typing import Any, TypeVar

from .backfill_sql import decode_key, encode_key
from .errors import ConnectionLost, LockBudgetSpent, StepFailed
from .events import Events, describe_session
from .retry import backoff_delay
from .settings import DEFAULT_SETTINGS, RunSettings, format_duration
from .sqlgen import high_key_sql, key_params, range_sql
from .state import BackfillCheckpoint, StateStore
from .steps import BackfillStep, MigrationPlan, PhasePlan, StandaloneStep, Step, TransactionStep, lock_summary
from .steps import what_stays as _atomicity
from .watch import Watcher

__all__ = ["LiveExecutor", "Statement"]

T = TypeVar("T")

_REMAINING_CAP = 100_000


class Statement:
    """Which statement of a step is running, for the failure message."""

    def __init__(self) -> None:
        self.text: str | None = None
        self.line: int | None = None


class NoWatch:
    """A blocker watch that samples nothing: the blockers are looked up after the timeout."""

    blockers: list[dict] = []
    snapshot_wait = False

    def __enter__(self) -> NoWatch:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


class LiveExecutor:
    """The shared part of the executors that write. Subclasses set ``dialect`` and ``db_errors``
    and implement the hooks below the ``# -- hooks`` line."""

    dialect = "postgres"
    db_errors: tuple[type[BaseException], ...] = ()

    def __init__(self, conn: Any, state: StateStore, events: Events, settings: RunSettings = DEFAULT_SETTINGS, *,
                 pid: int, sleep: Callable[[float], None] = time.sleep, rng: random.Random | None = None,
                 watch: Watcher | None = None) -> None:
        self.conn, self.state, self.events, self.settings = conn, state, events, settings
        self.watch = watch  # watch.py: replica lag, the lock queue behind us, the workload's health
        self.pid = pid
        self.sleep = sleep
        self.rng = rng or random.Random()

    # -- phases -------------------------------------------------------------------------------

    def start_phase(self, migration: MigrationPlan, phase: PhasePlan) -> None:
        self.state.start_phase(migration.name, migration.path, migration.phased, phase.phase, phase.path,
                               phase.checksum, len(phase.steps),
                               None if phase.phase == "abort" else [p.phase for p in migration.phases])
        if self.watch is not None:
            self.watch.start_phase(phase)

    def finish_phase(self, migration: MigrationPlan, phase: PhasePlan, *, last: bool) -> None:
        self.state.finish_phase(migration.name, phase.phase, last)

    def fail_phase(self, phase: PhasePlan, step: Step | None, message: str) -> None:
        if self.conn.broken or self.conn.closed:
            return  # nothing can be written; the state still shows the phase running at that step
        with contextlib.suppress(*self.db_errors):
            self.state.fail_phase(phase.migration, phase.phase, step.number if step else None, message)

    def run_step(self, phase: PhasePlan, step: Step) -> None:
        where = Statement()
        if self.watch is not None:
            self.watch.before(phase, step)
        try:
            if isinstance(step, TransactionStep):
                self._transaction(phase, step, where)
            elif isinstance(step, StandaloneStep):
                self._standalone(phase, step, where)
            else:
                self._backfill(phase, step, where)
        except self.db_errors as exc:
            raise self._failure(phase, step, where, exc) from None

    # -- failures -------------------------------------------------------------------------------

    def _failure(self, phase: PhasePlan, step: Step, where: Statement, exc: BaseException) -> Exception:
        label = f"{phase.migration} {phase.phase} step {step.number}"
        line = where.line or step.line
        if self.conn.broken or self.conn.closed:
            return ConnectionLost(
                f"lost the database connection during {label} ({phase.path}:{line}): {one_line(exc)}. "
                f"{_atomicity(step)} Rerun the same command to continue from step {step.number}."
            )
        code, message, detail = self._error_text(exc)
        statement = " ".join((where.text or "").split())[:120]
        return StepFailed(
            f"{label} failed at {phase.path}:{line}: {code}{message}{detail}"
            + (f" in `{statement}`" if statement else "")
            + f". {self._what_stays(step)} Fix the cause and rerun: completed steps are not repeated."
        )

    def _what_stays(self, step: Step) -> str:
        return _atomicity(step)

    # -- lock timeouts: retry with backoff inside the budget --------------------------------------

    def _retrying(self, phase: PhasePlan, step: Step, attempt: Callable[[int], T],
                  lock_timeout: float | None = None) -> T:
        s = self.settings
        lock_timeout = s.lock_timeout_for(step.lock) if lock_timeout is None else lock_timeout
        started = time.monotonic()
        number = 0
        while True:
            number += 1
            queued = None
            tried = time.monotonic()
            with self._blocker_watch(phase, step, lock_timeout) as watch, self._queue_guard() as guard:
                try:
                    return attempt(number)
                except self.db_errors as exc:
                    if self._lock_timed_out(exc):
                        blockers = watch.blockers or self._lock_holders(step, time.monotonic() - tried)
                        if self.watch is not None:
                            self.watch.own_rollbacks += 1
                    elif self._cancelled(exc):  # the watch cancelled it: sessions piled up behind us
                        queued = self.watch.cancelled(guard, phase, step, number) if self.watch is not None else None
                        if queued is None:
                            raise
                        blockers = queued
                    else:
                        raise
            delay = backoff_delay(number, base=s.backoff_base, cap=s.backoff_cap, rng=self.rng)
            spent = time.monotonic() - started
            what = ("waiting for old snapshots (transactions that started before it must end first)"
                    if watch.snapshot_wait else f"its lock ({self._lock_text(step)})")
            if spent + delay > s.retry_budget:
                named = "; ".join(describe_session(b) for b in blockers) or "no blocking session was seen"
                raise LockBudgetSpent(
                    f"{phase.migration} {phase.phase} step {step.number} ({phase.path}:{step.line}) gave up "
                    f"{what} after {number} attempt{'s' if number > 1 else ''} over {spent:.1f}s "
                    f"({self._timeout_text(lock_timeout)} each, retry budget {s.retry_budget:g}s). Blocking "
                    f"sessions: {named}. {self._what_stays(step)} End or wait for those sessions, then rerun.",
                    blockers,
                )
            if queued is None:  # the watch's lock_queue event said why already
                self.events.emit("lock_timeout", migration=phase.migration, phase=phase.phase, step=step.number,
                                 attempt=number, lock_timeout=self._timeout_value(lock_timeout), retry_in=delay,
                                 spent_s=round(spent, 3), blockers=blockers, snapshot_wait=watch.snapshot_wait)
            self.sleep(delay)

    def _lock_text(self, step: Step) -> str:
        return lock_summary(step.statements)

    def _timeout_text(self, lock_timeout: float) -> str:
        return f"lock_timeout {format_duration(lock_timeout)}"

    def _timeout_value(self, lock_timeout: float) -> str:
        return format_duration(lock_timeout)

    def _queue_guard(self):
        return self.watch.guard() if self.watch is not None else contextlib.nullcontext()

    def _skip(self, phase: PhasePlan, step: Step, reason: str) -> None:
        self.events.emit("step_skipped", migration=phase.migration, phase=phase.phase, step=step.number,
                         reason=reason)

    def _started(self, phase: PhasePlan, step: Step, sqls: list[str]) -> None:
        self.events.emit("step_started", migration=phase.migration, phase=phase.phase, step=step.number,
                         kind=step.kind, path=phase.path, line=step.line,
                         lock=self._lock_text(step), sql=sqls)

    def _finished(self, phase: PhasePlan, step: Step, t0: float, attempts: int) -> None:
        self.events.emit("step_finished", migration=phase.migration, phase=phase.phase, step=step.number,
                         seconds=round(time.monotonic() - t0, 3), attempts=attempts)

    # -- backfills ----------------------------------------------------------------------------------

    def _backfill(self, phase: PhasePlan, step: BackfillStep, where: Statement) -> None:
        s = self.settings
        t0 = time.monotonic()
        # the key lookup and the high-water mark read the table too: same lock discipline as batches
        keys, ckpt = self._retrying(phase, step, lambda _n: self._prepare_backfill(phase, step))
        names = tuple(k.name for k in keys)
        high = decode_key(ckpt.high_key, len(names))
        self._started(phase, step, [step.template.describe(names)])
        self.events.emit("backfill_started", migration=phase.migration, phase=phase.phase, step=step.number,
                         table=step.table, key=", ".join(names), batch_target=s.batch_target,
                         rows_updated=ckpt.rows_updated, keys_done=ckpt.keys_done, estimated_rows=ckpt.estimated_rows,
                         resumed=ckpt.batches > 0)
        last, size = decode_key(ckpt.last_key, len(names)), ckpt.batch_size
        rows_total, keys_total, batches, seconds = ckpt.rows_updated, ckpt.keys_done, ckpt.batches, ckpt.seconds
        done, run_rows, run_t0 = ckpt.done, 0, time.monotonic()
        while not done:
            if batches > ckpt.batches and s.batch_pause:
                self.sleep(s.batch_pause)
            if batches > ckpt.batches and self.watch is not None:
                self.watch.before(phase, step, batch=batches + 1)
            shrinks = 0
            while True:
                try:
                    bounds = (last, size)
                    n, rows, upper, elapsed, attempts = self._retrying(
                        phase, step, lambda _n, b=bounds: self._batch(phase, step, keys, high, *b, where),
                        lock_timeout=s.lock_timeout)
                    break
                except self.db_errors as exc:
                    if not self._statement_timed_out(exc) or self.conn.broken or shrinks >= 6 or size <= s.batch_min:
                        raise
                    if self.watch is not None:  # our own rollback: not the workload's health
                        self.watch.own_rollbacks += 1
                    new = max(s.batch_min, size // 4)
                    self.events.emit("statement_timeout", migration=phase.migration, phase=phase.phase,
                                     step=step.number, batch_size=size, new_batch_size=new)
                    size, shrinks = new, shrinks + 1
            done = n < size
            if upper is not None:
                last = upper
            rows_total, keys_total, batches, seconds = rows_total + rows, keys_total + n, batches + 1, seconds + elapsed
            run_rows += rows
            rate = run_rows / max(time.monotonic() - run_t0, 1e-6)
            remaining = (ckpt.estimated_rows - keys_total) if ckpt.estimated_rows else None
            key_rate = keys_total / max(seconds, 1e-6)
            self.events.emit(
                "backfill_batch", migration=phase.migration, phase=phase.phase, step=step.number, table=step.table,
                batch=batches, batch_size=size, batch_seconds=round(elapsed, 4), rows=rows, rows_updated=rows_total,
                keys_done=keys_total, estimated_rows=ckpt.estimated_rows,
                last_key=encode_key(last) if last is not None else None,
                rows_per_second=round(rate, 1),
                eta_seconds=round(remaining / key_rate, 1) if remaining and remaining > 0 and key_rate else None,
                attempts=attempts,
            )
            size = next_size(size, elapsed, s)
        self._check_remaining(phase, step, names, rows_total, keys_total)
        total = time.monotonic() - t0
        self.events.emit("backfill_finished", migration=phase.migration, phase=phase.phase, step=step.number,
                         table=step.table, rows_updated=rows_total, keys_done=keys_total, batches=batches,
                         rows_per_second=round(run_rows / max(time.monotonic() - run_t0, 1e-6), 1))
        self.state.record_step(self.conn, phase.migration, phase.phase, step.number, step.kind, step.line, 1, total)
        self._finished(phase, step, t0, 1)

    def _check_remaining(self, phase: PhasePlan, step: BackfillStep, names: tuple[str, ...], rows: int,
                         keys: int) -> None:
        """After the last batch, rows that still match the UPDATE's WHERE (the old app inserted them
        above the high-water mark, with no trigger keeping them in step) mean the backfill is not
        done: say so, and leave a final pass for the next run instead of reporting 100 %."""
        query = step.template.remaining_sql(_REMAINING_CAP + 1)
        if query is None:
            return
        remaining = self._count_remaining(query)
        if remaining is None:
            self.events.emit("warning", migration=phase.migration, phase=phase.phase, step=step.number,
                             message=f"could not count the rows of {step.table} still matching the UPDATE's WHERE "
                                     "within the batch statement_timeout; check them before contract")
            return
        if not remaining:
            return
        triggers = self._triggers(step.table)
        high = self.conn.execute(high_key_sql(step.table, names, self.dialect)).fetchone()
        self.state.final_pass(phase.migration, phase.phase, step.number, high_key=high[0] if high else None,
                              remaining=remaining)
        count = f"more than {_REMAINING_CAP:,}" if remaining > _REMAINING_CAP else f"{remaining:,}"
        why = (f"no trigger on {step.table} keeps rows written by the old app in step, so it keeps writing rows "
               "this UPDATE must fix" if not triggers else
               f"its trigger{'s' if ',' in triggers else ''} ({triggers}) do{'' if ',' in triggers else 'es'} not "
               "keep them in step")
        self.events.emit("backfill_remaining", migration=phase.migration, phase=phase.phase, step=step.number,
                         table=step.table, remaining=remaining, triggers=triggers, rows_updated=rows,
                         keys_done=keys)
        raise StepFailed(
            f"{phase.migration} {phase.phase} step {step.number} ({phase.path}:{step.line}): the backfill of "
            f"{step.table} went through every key it started with ({rows:,} rows updated), but {count} rows still "
            f"match its WHERE: {why}. The backfill is not done. Deploy the new app (or add a trigger that fills "
            f"them), then rerun the same command: a final pass goes over {step.table} again (only rows that still "
            "match are updated).")

    def _prepare_backfill(self, phase: PhasePlan, step: BackfillStep) -> tuple[tuple[Any, ...], BackfillCheckpoint]:
        keys = self._key(phase, step)
        names = tuple(k.name for k in keys)
        stored = encode_key(names)
        ckpt = self.state.backfill(phase.migration, phase.phase, step.number)
        if ckpt is None:
            high = self.conn.execute(high_key_sql(step.table, names, self.dialect)).fetchone()
            with self.conn.transaction():
                self.state.start_backfill(self.conn, phase.migration, phase.phase, step.number, step.table,
                                          stored, high[0] if high else None, self._estimate(step.table),
                                          self.settings.batch_size)
            ckpt = self.state.backfill(phase.migration, phase.phase, step.number)
        elif ckpt.key != stored:
            raise StepFailed(f"{phase.migration} {phase.phase} step {step.number}: the backfill was started by "
                             f"key {ckpt.key} and now would use {stored}; keep the key directive as it was")
        return keys, ckpt

    def _batch(self, phase: PhasePlan, step: BackfillStep, keys: tuple[Any, ...], high: tuple[str, ...],
               last: tuple[str, ...] | None, size: int,
               where: Statement) -> tuple[int, int, tuple[str, ...] | None, float, int]:
        names = tuple(k.name for k in keys)
        t0 = time.monotonic()
        with self.conn.transaction():
            for text in self._batch_session_sql():
                self.conn.execute(text)
            where.text, where.line = "key range of the next batch", step.line
            upper_text, n = self.conn.execute(
                range_sql(step.table, names, lower=last is not None, dialect=self.dialect),
                {**key_params("last", self._typed(keys, last)), **key_params("high", self._typed(keys, high)),
                 "size": size}).fetchone()
            upper = decode_key(upper_text, len(names))
            rows = 0
            if n:
                sql = step.template.render_checked(names, self._typed(keys, last), self._typed(keys, upper))
                where.text = sql
                rows = self.conn.execute(sql).rowcount
            where.text = None
            elapsed = time.monotonic() - t0
            self.state.checkpoint(self.conn, phase.migration, phase.phase, step.number, last_key=upper_text,
                                  rows=rows, keys=n, batch_size=size, seconds=elapsed, done=n < size)
        return n, rows, upper, time.monotonic() - t0, 1

    def _key(self, phase: PhasePlan, step: BackfillStep) -> tuple[Any, ...]:
        label = f"{phase.migration} {phase.phase} step {step.number} ({phase.path}:{step.line})"
        if step.key:
            key = self._key_column(step.table, step.key)
            if key is None:
                raise StepFailed(f"{label}: backfill key {step.key!r} is not a column of {step.table}")
            keys: tuple[Any, ...] = (key,)
        else:
            keys = self._primary_key(step.table)
            if not keys:
                raise StepFailed(f"{label}: {step.table} has no primary key to batch the UPDATE by; name an "
                                 "indexed, orderable column with `-- expandcontract: backfill key=COLUMN`")
        for key in keys:
            if key.nullable and self._has_nulls(step.table, key.name):
                raise StepFailed(f"{label}: backfill key {key.name} has NULL values; those rows would never be in "
                                 "a batch. Pick a NOT NULL key column")
        if not keys[0].indexed:
            self.events.emit("warning", migration=phase.migration, phase=phase.phase, step=step.number,
                             message=f"no btree index starts with {keys[0].name}: every batch sorts {step.table}")
        return keys

    # -- hooks ------------------------------------------------------------------------------------

    def _transaction(self, phase: PhasePlan, step: TransactionStep, where: Statement) -> None:
        raise NotImplementedError

    def _standalone(self, phase: PhasePlan, step: StandaloneStep, where: Statement) -> None:
        raise NotImplementedError

    def _error_text(self, exc: BaseException) -> tuple[str, str, str]:
        """(code and a space, or "", the message's first line, " (detail)" or "")."""
        return "", one_line(exc), ""

    def _lock_timed_out(self, exc: BaseException) -> bool:
        raise NotImplementedError

    def _cancelled(self, exc: BaseException) -> bool:
        return False

    def _statement_timed_out(self, exc: BaseException) -> bool:
        raise NotImplementedError

    def _blocker_watch(self, phase: PhasePlan, step: Step, lock_timeout: float):
        return NoWatch()

    def _lock_holders(self, step: Step, waited: float) -> list[dict]:
        return []

    def _batch_session_sql(self) -> list[str]:
        """Sent first in each batch's transaction: its lock and statement timeouts."""
        raise NotImplementedError

    def _typed(self, keys: tuple[Any, ...], values: tuple[str, ...] | None) -> tuple[Any, ...] | None:
        """A key's text values as the server should compare them (PostgreSQL casts text itself)."""
        return values

    def _count_remaining(self, query: str) -> int | None:
        raise NotImplementedError

    def _triggers(self, table: str) -> str | None:
        raise NotImplementedError

    def _key_column(self, table: str, name: str):
        raise NotImplementedError

    def _primary_key(self, table: str) -> tuple[Any, ...]:
        raise NotImplementedError

    def _has_nulls(self, table: str, column: str) -> bool:
        raise NotImplementedError

    def _estimate(self, table: str) -> int | None:
        raise NotImplementedError


def next_size(size: int, elapsed: float, s: RunSettings) -> int:
    """Aim the next batch at the target duration, moving at most 2x per batch.

    >>> next_size(1000, 0.1, RunSettings(batch_target=0.2))
    2000
    >>> next_size(1000, 1.0, RunSettings(batch_target=0.2))
    500
    """
    if elapsed <= 0:
        return min(s.batch_max, size * 2)
    wanted = size * s.batch_target / elapsed
    wanted = min(max(wanted, size / 2), size * 2)
    return int(min(max(wanted, s.batch_min), s.batch_max))


def one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split("\n")[0].split()) or type(exc).__name__
