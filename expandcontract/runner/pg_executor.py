"""Runs steps on PostgreSQL with psycopg 3: timeouts on every step, lock-timeout retries with
backoff inside a budget, rerun-safe concurrent indexes, and checkpointed key-range backfills."""

from __future__ import annotations

import contextlib
import random
import time
from collections.abc import Callable
from typing import TypeVar

import psycopg
from psycopg import errors as pgerrors

from .backfill_sql import decode_key, encode_key
from .db import (
    BlockerWatch,
    KeyColumn,
    drop_index_concurrently,
    index_state,
    key_column,
    primary_key_columns,
)
from .errors import ConnectionLost, LockBudgetSpent, StepFailed
from .events import Events, describe_session
from .retry import backoff_delay
from .settings import DEFAULT_SETTINGS, RunSettings, format_duration
from .sqlgen import high_key_sql, key_params, range_sql, standalone_sql, timeouts_sql, transaction_sql
from .state import BackfillCheckpoint, StateStore
from .steps import (
    BackfillStep,
    MigrationPlan,
    PhasePlan,
    StandaloneStep,
    Step,
    TransactionStep,
    lock_summary,
)
from .steps import what_stays as _atomicity
from .watch import Watcher

__all__ = ["PgExecutor"]

T = TypeVar("T")


class _Statement:
    """Which statement of a step is running, for the failure message."""

    def __init__(self) -> None:
        self.text: str | None = None
        self.line: int | None = None


class PgExecutor:
    def __init__(self, conn: psycopg.Connection, observer: psycopg.Connection | None, state: StateStore,
                 events: Events, settings: RunSettings = DEFAULT_SETTINGS, *,
                 sleep: Callable[[float], None] = time.sleep, rng: random.Random | None = None,
                 watch: Watcher | None = None) -> None:
        self.conn, self.observer, self.state, self.events, self.settings = conn, observer, state, events, settings
        self.watch = watch  # watch.py: replica lag, the lock queue behind us, the workload's health
        self.pid = conn.info.backend_pid
        self.sleep = sleep
        self.rng = rng or random.Random()
        if observer is not None:
            observer.execute("SET statement_timeout = '5s'")
        # the runner's own catalog and state queries never wait for a lock without limit either
        for text in timeouts_sql(settings.lock_timeout, settings.statement_timeout, local=False):
            conn.execute(text)

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
        with contextlib.suppress(psycopg.Error):
            self.state.fail_phase(phase.migration, phase.phase, step.number if step else None, message)

    def run_step(self, phase: PhasePlan, step: Step) -> None:
        where = _Statement()
        if self.watch is not None:
            self.watch.before(phase, step)
        try:
            if isinstance(step, TransactionStep):
                self._transaction(phase, step, where)
            elif isinstance(step, StandaloneStep):
                self._standalone(phase, step, where)
            else:
                self._backfill(phase, step, where)
        except psycopg.Error as exc:
            raise self._failure(phase, step, where, exc) from None

    # -- failures -------------------------------------------------------------------------------

    def _failure(self, phase: PhasePlan, step: Step, where: _Statement, exc: psycopg.Error) -> Exception:
        label = f"{phase.migration} {phase.phase} step {step.number}"
        line = where.line or step.line
        if self.conn.broken or self.conn.closed:
            return ConnectionLost(
                f"lost the database connection during {label} ({phase.path}:{line}): {_one_line(exc)}. "
                f"{_atomicity(step)} Rerun the same command to continue from step {step.number}."
            )
        diag = exc.diag
        code = f"{exc.sqlstate} " if exc.sqlstate else ""
        detail = f" ({diag.message_detail})" if diag and diag.message_detail else ""
        statement = " ".join((where.text or "").split())[:120]
        return StepFailed(
            f"{label} failed at {phase.path}:{line}: {code}{_one_line(exc)}{detail}"
            + (f" in `{statement}`" if statement else "")
            + f". {_atomicity(step)} Fix the cause and rerun: completed steps are not repeated."
        )

    # -- lock timeouts: retry with backoff inside the budget --------------------------------------

    def _retrying(self, phase: PhasePlan, step: Step, attempt: Callable[[int], T]) -> T:
        s = self.settings
        lock_timeout = s.lock_timeout_for(step.lock)
        started = time.monotonic()
        number = 0
        interval = max(0.05, min(0.25, lock_timeout / 4))
        while True:
            number += 1
            queued = None
            with BlockerWatch(self.observer, self.pid, interval,
                              on_snapshot_wait=lambda b: self._snapshot_wait(phase, step, b)) as watch, \
                    self._queue_guard() as guard:
                try:
                    return attempt(number)
                except pgerrors.LockNotAvailable:
                    blockers = watch.blockers or self._lock_holders(step.tables)
                    if self.watch is not None:
                        self.watch.own_rollbacks += 1
                except pgerrors.QueryCanceled:  # the watch cancelled it: sessions piled up behind us
                    queued = self.watch.cancelled(guard, phase, step, number) if self.watch is not None else None
                    if queued is None:
                        raise
                    blockers = queued
            delay = backoff_delay(number, base=s.backoff_base, cap=s.backoff_cap, rng=self.rng)
            spent = time.monotonic() - started
            what = ("waiting for old snapshots (transactions that started before it must end first)"
                    if watch.snapshot_wait else f"its lock ({lock_summary(step.statements)})")
            if spent + delay > s.retry_budget:
                named = "; ".join(describe_session(b) for b in blockers) or "no blocking session was seen"
                raise LockBudgetSpent(
                    f"{phase.migration} {phase.phase} step {step.number} ({phase.path}:{step.line}) gave up "
                    f"{what} after {number} attempt{'s' if number > 1 else ''} over {spent:.1f}s (lock_timeout "
                    f"{format_duration(lock_timeout)} each, retry budget {s.retry_budget:g}s). Blocking sessions: "
                    f"{named}. {_atomicity(step)} End or wait for those sessions, then rerun.",
                    blockers,
                )
            if queued is None:  # the watch's lock_queue event said why already
                self.events.emit("lock_timeout", migration=phase.migration, phase=phase.phase, step=step.number,
                                 attempt=number, lock_timeout=format_duration(lock_timeout), retry_in=delay,
                                 spent_s=round(spent, 3), blockers=blockers, snapshot_wait=watch.snapshot_wait)
            self.sleep(delay)

    def _snapshot_wait(self, phase: PhasePlan, step: Step, blockers: list[dict]) -> None:
        """Said once per attempt, from the watch: a concurrent build is not stuck on a table lock,
        it waits for transactions older than it (a report, pg_dump, an idle transaction) to end."""
        self.events.emit("snapshot_wait", migration=phase.migration, phase=phase.phase, step=step.number,
                         blockers=blockers)

    def _queue_guard(self):
        return self.watch.guard() if self.watch is not None else contextlib.nullcontext()

    def _lock_holders(self, tables: tuple[str, ...]) -> list[dict]:
        """Sessions holding locks on the step's tables: who was in the way when no sample caught it."""
        if self.observer is None or not tables:
            return []
        try:
            rows = self.observer.execute(
                """SELECT DISTINCT a.pid, a.application_name, host(a.client_addr), a.state,
                          extract(epoch FROM now() - a.xact_start)::float8, left(a.query, 300)
                     FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                    WHERE l.granted AND l.pid <> %s AND l.relation = ANY(
                          SELECT to_regclass(t) FROM unnest(%s::text[]) AS t)""",
                (self.pid, list(tables)),
            ).fetchall()
        except psycopg.Error:
            return []
        return [{"pid": r[0], "application_name": r[1], "client_addr": r[2], "state": r[3], "xact_age_s": r[4],
                 "query": r[5]} for r in rows]

    # -- step kinds -------------------------------------------------------------------------------

    def _transaction(self, phase: PhasePlan, step: TransactionStep, where: _Statement) -> None:
        sqls = transaction_sql(step, self.settings)[1:-1]  # BEGIN/COMMIT come from conn.transaction()
        lines = [step.line] * (len(sqls) - len(step.statements)) + [s.line for s in step.statements]
        self._started(phase, step, sqls)

        def attempt(number: int) -> float:
            t0 = time.monotonic()
            with self.conn.transaction():
                for text, line in zip(sqls, lines, strict=True):
                    where.text, where.line = text, line
                    self.conn.execute(text)
                where.text = where.line = None
                self.state.record_step(self.conn, phase.migration, phase.phase, step.number, step.kind, step.line,
                                       number, time.monotonic() - t0)
            return number

        t0 = time.monotonic()
        attempts = self._retrying(phase, step, attempt)
        self._finished(phase, step, t0, attempts)

    def _standalone(self, phase: PhasePlan, step: StandaloneStep, where: _Statement) -> None:
        self._started(phase, step, standalone_sql(step, self.settings))
        t0 = time.monotonic()

        def attempt(number: int) -> int:
            for text in timeouts_sql(self.settings.lock_timeout_for(step.lock), self.settings.statement_timeout,
                                     local=False):
                self.conn.execute(text)
            table = step.tables[0] if step.tables else None
            if step.index_name and step.creates_index:
                found, schema = index_state(self.conn, step.index_name, step.index_schema, table)
                if found == "valid":
                    self._skip(phase, step, f"index {step.index_name} exists and is valid (built by an earlier run)")
                    return number
                if found == "invalid":
                    self.events.emit("invalid_index", migration=phase.migration, phase=phase.phase,
                                     step=step.number, index=step.index_name, schema=schema)
                    where.text = "DROP INDEX CONCURRENTLY"
                    self.conn.execute(drop_index_concurrently(step.index_name, schema))
            if step.index_name and step.drops_index and index_state(self.conn, step.index_name,
                                                                    step.index_schema)[0] is None:
                self._skip(phase, step, f"index {step.index_name} is already gone")
                return number
            where.text, where.line = step.statement.text, step.line
            self.conn.execute(step.statement.text)
            return number

        try:
            attempts = self._retrying(phase, step, attempt)
        finally:  # the runner's own queries go back to the short lock_timeout
            if not (self.conn.broken or self.conn.closed):
                with contextlib.suppress(psycopg.Error):
                    for text in timeouts_sql(self.settings.lock_timeout, self.settings.statement_timeout,
                                             local=False):
                        self.conn.execute(text)
        # not transactional: recorded after; a crash in between means a rerun, which the checks make safe
        self.state.record_step(self.conn, phase.migration, phase.phase, step.number, step.kind, step.line, attempts,
                               time.monotonic() - t0)
        self._finished(phase, step, t0, attempts)

    def _skip(self, phase: PhasePlan, step: Step, reason: str) -> None:
        self.events.emit("step_skipped", migration=phase.migration, phase=phase.phase, step=step.number,
                         reason=reason)

    def _started(self, phase: PhasePlan, step: Step, sqls: list[str]) -> None:
        self.events.emit("step_started", migration=phase.migration, phase=phase.phase, step=step.number,
                         kind=step.kind, path=phase.path, line=step.line,
                         lock=lock_summary(step.statements), sql=sqls)

    def _finished(self, phase: PhasePlan, step: Step, t0: float, attempts: int) -> None:
        self.events.emit("step_finished", migration=phase.migration, phase=phase.phase, step=step.number,
                         seconds=round(time.monotonic() - t0, 3), attempts=attempts)

    # -- backfills ----------------------------------------------------------------------------------

    def _backfill(self, phase: PhasePlan, step: BackfillStep, where: _Statement) -> None:
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
                        phase, step, lambda _n, b=bounds: self._batch(phase, step, names, high, *b, where))
                    break
                except pgerrors.QueryCanceled:
                    if self.conn.broken or shrinks >= 6 or size <= s.batch_min:
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
            size = _next_size(size, elapsed, s)
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
        try:
            with self.conn.transaction():
                for text in timeouts_sql(self.settings.lock_timeout, self.settings.batch_statement_timeout,
                                         local=True):
                    self.conn.execute(text)
                remaining = self.conn.execute(query).fetchone()[0]
        except pgerrors.QueryCanceled:
            self.events.emit("warning", migration=phase.migration, phase=phase.phase, step=step.number,
                             message=f"could not count the rows of {step.table} still matching the UPDATE's WHERE "
                                     "within the batch statement_timeout; check them before contract")
            return
        if not remaining:
            return
        triggers = self.conn.execute(
            "SELECT string_agg(tgname, ', ') FROM pg_trigger WHERE tgrelid = to_regclass(%s) AND NOT tgisinternal "
            "AND tgenabled <> 'D'", (step.table,)).fetchone()[0]
        high = self.conn.execute(high_key_sql(step.table, names)).fetchone()
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

    def _prepare_backfill(self, phase: PhasePlan,
                          step: BackfillStep) -> tuple[tuple[KeyColumn, ...], BackfillCheckpoint]:
        keys = self._key(phase, step)
        names = tuple(k.name for k in keys)
        stored = encode_key(names)
        ckpt = self.state.backfill(phase.migration, phase.phase, step.number)
        if ckpt is None:
            high = self.conn.execute(high_key_sql(step.table, names)).fetchone()
            with self.conn.transaction():
                self.state.start_backfill(self.conn, phase.migration, phase.phase, step.number, step.table,
                                          stored, high[0] if high else None, self._estimate(step.table),
                                          self.settings.batch_size)
            ckpt = self.state.backfill(phase.migration, phase.phase, step.number)
        elif ckpt.key != stored:
            raise StepFailed(f"{phase.migration} {phase.phase} step {step.number}: the backfill was started by "
                             f"key {ckpt.key} and now would use {stored}; keep the key directive as it was")
        return keys, ckpt

    def _batch(self, phase: PhasePlan, step: BackfillStep, key: tuple[str, ...], high: tuple[str, ...],
               last: tuple[str, ...] | None, size: int,
               where: _Statement) -> tuple[int, int, tuple[str, ...] | None, float, int]:
        t0 = time.monotonic()
        with self.conn.transaction():
            for text in timeouts_sql(self.settings.lock_timeout, self.settings.batch_statement_timeout, local=True):
                self.conn.execute(text)
            where.text, where.line = "key range of the next batch", step.line
            upper_text, n = self.conn.execute(range_sql(step.table, key, lower=last is not None),
                                              {**key_params("last", last), **key_params("high", high),
                                               "size": size}).fetchone()
            upper = decode_key(upper_text, len(key))
            rows = 0
            if n:
                sql = step.template.render_checked(key, last, upper)
                where.text = sql
                rows = self.conn.execute(sql).rowcount
            where.text = None
            elapsed = time.monotonic() - t0
            self.state.checkpoint(self.conn, phase.migration, phase.phase, step.number, last_key=upper_text,
                                  rows=rows, keys=n, batch_size=size, seconds=elapsed, done=n < size)
        return n, rows, upper, time.monotonic() - t0, 1

    def _key(self, phase: PhasePlan, step: BackfillStep) -> tuple[KeyColumn, ...]:
        label = f"{phase.migration} {phase.phase} step {step.number} ({phase.path}:{step.line})"
        if step.key:
            key = key_column(self.conn, step.table, step.key)
            if key is None:
                raise StepFailed(f"{label}: backfill key {step.key!r} is not a column of {step.table}")
            keys: tuple[KeyColumn, ...] = (key,)
        else:
            keys = primary_key_columns(self.conn, step.table)
            if not keys:
                raise StepFailed(f"{label}: {step.table} has no primary key to batch the UPDATE by; name an "
                                 "indexed, orderable column with `-- expandcontract: backfill key=COLUMN`")
        for key in keys:
            if key.nullable and self.conn.execute(
                    f"SELECT EXISTS (SELECT 1 FROM {step.table} WHERE {_ident(key.name)} IS NULL)").fetchone()[0]:
                raise StepFailed(f"{label}: backfill key {key.name} has NULL values; those rows would never be in "
                                 "a batch. Pick a NOT NULL key column")
        if not keys[0].indexed:
            self.events.emit("warning", migration=phase.migration, phase=phase.phase, step=step.number,
                             message=f"no btree index starts with {keys[0].name}: every batch sorts {step.table}")
        return keys

    def _estimate(self, table: str) -> int | None:
        row = self.conn.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(%s)",
                                (table,)).fetchone()
        if row and row[0] is not None and row[0] > 0:
            return int(row[0])
        try:
            with self.conn.transaction():
                self.conn.execute("SET LOCAL statement_timeout = '2s'")
                return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        except pgerrors.QueryCanceled:
            return None


_REMAINING_CAP = 100_000


def _next_size(size: int, elapsed: float, s: RunSettings) -> int:
    """Aim the next batch at the target duration, moving at most 2x per batch.

    >>> _next_size(1000, 0.1, RunSettings(batch_target=0.2))
    2000
    >>> _next_size(1000, 1.0, RunSettings(batch_target=0.2))
    500
    """
    if elapsed <= 0:
        return min(s.batch_max, size * 2)
    wanted = size * s.batch_target / elapsed
    wanted = min(max(wanted, size / 2), size * 2)
    return int(min(max(wanted, s.batch_min), s.batch_max))


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split("\n")[0].split()) or type(exc).__name__
