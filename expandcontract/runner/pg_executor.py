"""Runs steps on PostgreSQL with psycopg 3: timeouts on every step, lock-timeout retries with
backoff inside a budget, rerun-safe concurrent indexes, and checkpointed key-range backfills.
What every server shares is ``live_executor.LiveExecutor``; this is PostgreSQL's part."""

from __future__ import annotations

import contextlib
import random
import time
from collections.abc import Callable

import psycopg
from psycopg import errors as pgerrors

from .db import (
    BlockerWatch,
    drop_index_concurrently,
    index_state,
    key_column,
    primary_key_columns,
)
from .events import Events
from .live_executor import LiveExecutor
from .live_executor import Statement as _Statement
from .live_executor import next_size as _next_size  # noqa: F401 - kept importable by its old name
from .settings import DEFAULT_SETTINGS, RunSettings
from .sqlgen import standalone_sql, timeouts_sql, transaction_sql
from .state import StateStore
from .steps import (
    PhasePlan,
    StandaloneStep,
    Step,
    TransactionStep,
)
from .watch import Watcher

__all__ = ["PgExecutor"]


class PgExecutor(LiveExecutor):
    dialect = "postgres"
    db_errors = (psycopg.Error,)

    def __init__(self, conn: psycopg.Connection, observer: psycopg.Connection | None, state: StateStore,
                 events: Events, settings: RunSettings = DEFAULT_SETTINGS, *,
                 sleep: Callable[[float], None] = time.sleep, rng: random.Random | None = None,
                 watch: Watcher | None = None) -> None:
        super().__init__(conn, state, events, settings, pid=conn.info.backend_pid, sleep=sleep, rng=rng, watch=watch)
        self.observer = observer
        if observer is not None:
            observer.execute("SET statement_timeout = '5s'")
        # the runner's own catalog and state queries never wait for a lock without limit either
        for text in timeouts_sql(settings.lock_timeout, settings.statement_timeout, local=False):
            conn.execute(text)

    # -- what PostgreSQL says ------------------------------------------------------------------------

    def _error_text(self, exc: BaseException) -> tuple[str, str, str]:
        assert isinstance(exc, psycopg.Error)
        diag = exc.diag
        code = f"{exc.sqlstate} " if exc.sqlstate else ""
        detail = f" ({diag.message_detail})" if diag and diag.message_detail else ""
        return code, _one_line(exc), detail

    def _lock_timed_out(self, exc: BaseException) -> bool:
        return isinstance(exc, pgerrors.LockNotAvailable)

    def _cancelled(self, exc: BaseException) -> bool:
        return isinstance(exc, pgerrors.QueryCanceled)

    def _statement_timed_out(self, exc: BaseException) -> bool:
        return isinstance(exc, pgerrors.QueryCanceled)

    def _blocker_watch(self, phase: PhasePlan, step: Step, lock_timeout: float):
        interval = max(0.05, min(0.25, lock_timeout / 4))
        return BlockerWatch(self.observer, self.pid, interval,
                            on_snapshot_wait=lambda b: self._snapshot_wait(phase, step, b))

    def _snapshot_wait(self, phase: PhasePlan, step: Step, blockers: list[dict]) -> None:
        """Said once per attempt, from the watch: a concurrent build is not stuck on a table lock,
        it waits for transactions older than it (a report, pg_dump, an idle transaction) to end."""
        self.events.emit("snapshot_wait", migration=phase.migration, phase=phase.phase, step=step.number,
                         blockers=blockers)

    def _lock_holders(self, step: Step, waited: float) -> list[dict]:
        """Sessions holding locks on the step's tables: who was in the way when no sample caught it."""
        tables = step.tables
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


    # -- backfill lookups ------------------------------------------------------------------------------

    def _batch_session_sql(self) -> list[str]:
        return timeouts_sql(self.settings.lock_timeout, self.settings.batch_statement_timeout, local=True)

    def _count_remaining(self, query: str) -> int | None:
        try:
            with self.conn.transaction():
                for text in timeouts_sql(self.settings.lock_timeout, self.settings.batch_statement_timeout,
                                         local=True):
                    self.conn.execute(text)
                return self.conn.execute(query).fetchone()[0]
        except pgerrors.QueryCanceled:
            return None

    def _triggers(self, table: str) -> str | None:
        return self.conn.execute(
            "SELECT string_agg(tgname, ', ') FROM pg_trigger WHERE tgrelid = to_regclass(%s) AND NOT tgisinternal "
            "AND tgenabled <> 'D'", (table,)).fetchone()[0]

    def _key_column(self, table: str, name: str):
        return key_column(self.conn, table, name)

    def _primary_key(self, table: str):
        return primary_key_columns(self.conn, table)

    def _has_nulls(self, table: str, column: str) -> bool:
        return self.conn.execute(f"SELECT EXISTS (SELECT 1 FROM {table} WHERE {_ident(column)} IS NULL)").fetchone()[0]

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


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split("\n")[0].split()) or type(exc).__name__
