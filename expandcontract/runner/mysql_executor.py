"""Runs steps on MariaDB/MySQL with PyMySQL: ``lock_wait_timeout`` before every DDL statement and
``innodb_lock_wait_timeout`` for row locks, ERROR 1205 retried with backoff inside the budget and
then reported naming the sessions in the way, DDL recorded statement by statement (MySQL commits
each at once), and checkpointed key-range backfills. The shared logic is ``LiveExecutor``'s.
"""

from __future__ import annotations

import contextlib
import random
import threading
import time
from collections.abc import Callable

from .events import Events
from .live_executor import LiveExecutor, Statement
from .mysql_db import (
    DEADLOCK,
    LOCK_WAIT_TIMEOUT,
    STATEMENT_TIMEOUT,
    MySQLConnection,
    MySQLKey,
    error_code,
    estimated_rows,
    key_column,
    metadata_lock_holders,
    open_transactions,
    primary_key_columns,
    quote,
    row_lock_blockers,
    session_info,
    triggers_on,
)
from .mysql_state import MySQLStateSql, lock_wait_seconds
from .settings import DEFAULT_SETTINGS, RunSettings
from .sqlgen import mysql_timeouts_sql, transaction_sql
from .state import StateStore
from .steps import PhasePlan, StandaloneStep, Step, TransactionStep

__all__ = ["ALREADY_DONE", "MySQLExecutor"]

# what a DDL statement says when run a second time after it committed: table/column/index/trigger/
# routine exists (or, for a drop or rename, is gone already)
ALREADY_DONE = frozenset({1007, 1008, 1050, 1051, 1054, 1060, 1061, 1091, 1146, 1304, 1305, 1359, 1360, 1826})


class MySQLExecutor(LiveExecutor):
    dialect = "mysql"

    def __init__(self, conn: MySQLConnection, observer: MySQLConnection | None, state: StateStore, events: Events,
                 settings: RunSettings = DEFAULT_SETTINGS, *, sleep: Callable[[float], None] = time.sleep,
                 rng: random.Random | None = None) -> None:
        import pymysql

        self.db_errors = (pymysql.MySQLError,)
        super().__init__(conn, state, events, settings, pid=conn.pid, sleep=sleep, rng=rng, watch=None)
        self.observer = observer
        assert isinstance(state.sql, MySQLStateSql)
        self.state_sql: MySQLStateSql = state.sql
        self.wait_s = lock_wait_seconds(settings.lock_timeout)
        # the runner's own catalog and state queries never wait for a lock without limit either
        self._session(settings.statement_timeout)
        # batches lock the rows they update, not the gaps between them (the app inserts at the end)
        if conn.execute("SELECT @@binlog_format").fetchone()[0] != "STATEMENT":
            conn.execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED")

    def _session(self, statement_timeout: float) -> None:
        for text in mysql_timeouts_sql(self.settings.lock_timeout, statement_timeout, mariadb=self.conn.mariadb):
            self.conn.execute(text)

    # -- what MySQL says --------------------------------------------------------------------------------

    def _error_text(self, exc: BaseException) -> tuple[str, str, str]:
        code = error_code(exc)
        message = exc.args[1] if len(exc.args) > 1 else str(exc)
        return (f"ERROR {code} " if code else ""), " ".join(str(message).split()), ""

    def _lock_timed_out(self, exc: BaseException) -> bool:
        return error_code(exc) in (LOCK_WAIT_TIMEOUT, DEADLOCK)

    def _statement_timed_out(self, exc: BaseException) -> bool:
        return error_code(exc) in STATEMENT_TIMEOUT

    def _timeout_text(self, lock_timeout: float) -> str:
        return f"lock_wait_timeout {lock_wait_seconds(lock_timeout)}s"

    def _timeout_value(self, lock_timeout: float) -> str:
        return f"{lock_wait_seconds(lock_timeout)}s"

    def _lock_text(self, step: Step) -> str:
        tables = ", ".join(step.tables)
        if any(s.implicit_commit for s in step.statements):
            return f"exclusive metadata lock on {tables}" if tables else "metadata lock"
        return f"row locks on {tables}" if tables else "no table lock"

    def _what_stays(self, step: Step) -> str:
        if any(s.implicit_commit for s in step.statements):
            return "A DDL statement that failed did not commit; the DDL steps before it did and are recorded."
        return super()._what_stays(step)

    def _blocker_watch(self, phase: PhasePlan, step: Step, lock_timeout: float):
        return _BlockerWatch(self.observer, self.pid, step.tables, interval=max(0.1, min(0.25, lock_timeout / 4)))

    def _lock_holders(self, step: Step, waited: float) -> list[dict]:
        if self.observer is None:
            return []
        try:
            return _holders(self.observer, self.pid, step.tables, waited)
        except self.db_errors:
            return []

    # -- step kinds -------------------------------------------------------------------------------------

    def _transaction(self, phase: PhasePlan, step: TransactionStep, where: Statement) -> None:
        if step.locked:
            self._locked(phase, step, where)
            return
        if any(s.implicit_commit for s in step.statements):
            self._ddl(phase, step, where)
            return
        sqls = transaction_sql(step, self.settings, "mysql", self.conn.mariadb)
        self._started(phase, step, sqls)

        def attempt(number: int) -> int:
            t0 = time.monotonic()
            with self.conn.transaction():
                for text in sqls[1:-1 - len(step.statements)]:
                    self.conn.execute(text)
                for s in step.statements:
                    where.text, where.line = s.text, s.line
                    self.conn.execute(s.text)
                where.text = where.line = None
                self.state.record_step(self.conn, phase.migration, phase.phase, step.number, step.kind, step.line,
                                       number, time.monotonic() - t0)
            return number

        t0 = time.monotonic()
        attempts = self._retrying(phase, step, attempt, lock_timeout=self.settings.lock_timeout)
        self._finished(phase, step, t0, attempts)

    def _ddl(self, phase: PhasePlan, step: TransactionStep | StandaloneStep, where: Statement) -> None:
        """One DDL statement: it commits by itself, so it is marked in flight first and recorded
        right after. A rerun that finds the mark (the runner died between the two) takes the
        server's "already exists / already gone" as the proof that it committed."""
        (statement,) = step.statements
        self._started(phase, step, [*mysql_timeouts_sql(self.settings.lock_timeout, self.settings.statement_timeout,
                                                        mariadb=self.conn.mariadb), statement.text])
        t0 = time.monotonic()
        migration, name, number = phase.migration, phase.phase, step.number
        interrupted = self.state_sql.in_flight(self.conn, migration, name, number)

        def attempt(n: int) -> int:
            self._session(self.settings.statement_timeout)
            self.state_sql.mark_in_flight(self.conn, migration, name, number, statement.line)
            where.text, where.line = statement.text, statement.line
            try:
                self.conn.execute(statement.text)
            except self.db_errors as exc:
                code = error_code(exc)
                if interrupted and code in ALREADY_DONE and not self.conn.broken:
                    self._skip(phase, step, f"an interrupted run committed it before recording it (MySQL commits "
                                            f"DDL at once); the server says: ERROR {code} {exc.args[1]}")
                    return n
                if not (self.conn.broken or self.conn.closed):  # the server refused it: nothing committed
                    self.state_sql.clear_in_flight(self.conn, migration, name, number)
                raise
            return n

        try:
            attempts = self._retrying(phase, step, attempt, lock_timeout=self.settings.lock_timeout)
        finally:
            if not (self.conn.broken or self.conn.closed):
                self._session(self.settings.statement_timeout)
        where.text = where.line = None
        with self.conn.transaction():
            self.state.record_step(self.conn, migration, name, number, step.kind, step.line, attempts,
                                   time.monotonic() - t0)
            self.state_sql.clear_in_flight(self.conn, migration, name, number)
        self._finished(phase, step, t0, attempts)

    def _locked(self, phase: PhasePlan, step: TransactionStep, where: Statement) -> None:
        """LOCK TABLES … UNLOCK TABLES on this session, statement by statement: writes to the locked
        tables wait for the whole of it. DDL inside commits at once and keeps the table locks; the
        step is marked in flight first and recorded after UNLOCK TABLES, so a rerun after a DDL
        statement inside committed takes "already exists / already gone" as done, as ``_ddl`` does."""
        self._started(phase, step, [*mysql_timeouts_sql(self.settings.lock_timeout, self.settings.statement_timeout,
                                                        mariadb=self.conn.mariadb), *(s.text for s in step.statements)])
        t0 = time.monotonic()
        migration, name, number = phase.migration, phase.phase, step.number
        interrupted = self.state_sql.in_flight(self.conn, migration, name, number)

        def attempt(n: int) -> int:
            self._session(self.settings.statement_timeout)
            self.state_sql.mark_in_flight(self.conn, migration, name, number, step.line)
            committed = False
            try:
                for statement in step.statements:
                    where.text, where.line = statement.text, statement.line
                    try:
                        self.conn.execute(statement.text)
                    except self.db_errors as exc:
                        code = error_code(exc)
                        if not (interrupted and code in ALREADY_DONE and not self.conn.broken):
                            raise
                        self._skip(phase, step, f"`{' '.join(statement.text.split()[:3])} …`: an interrupted run "
                                                f"committed it (the server says: ERROR {code} {exc.args[1]})")
                    committed = committed or statement.implicit_commit
            except BaseException:
                if not (self.conn.broken or self.conn.closed):
                    with contextlib.suppress(Exception):
                        self.conn.execute("UNLOCK TABLES")
                    if not committed:  # nothing inside committed: a rerun starts clean
                        self.state_sql.clear_in_flight(self.conn, migration, name, number)
                raise
            return n

        attempts = self._retrying(phase, step, attempt, lock_timeout=self.settings.lock_timeout)
        where.text = where.line = None
        with self.conn.transaction():
            self.state.record_step(self.conn, migration, name, number, step.kind, step.line, attempts,
                                   time.monotonic() - t0)
            self.state_sql.clear_in_flight(self.conn, migration, name, number)
        self._finished(phase, step, t0, attempts)

    def _standalone(self, phase: PhasePlan, step: StandaloneStep, where: Statement) -> None:
        self._ddl(phase, step, where)

    # -- backfill lookups ---------------------------------------------------------------------------------

    def _batch_session_sql(self) -> list[str]:
        return mysql_timeouts_sql(self.settings.lock_timeout, self.settings.batch_statement_timeout,
                                  mariadb=self.conn.mariadb)

    def _typed(self, keys: tuple, values: tuple[str, ...] | None) -> tuple | None:
        if values is None:
            return None
        return tuple(int(v) if isinstance(k, MySQLKey) and k.integer and v is not None else v
                     for k, v in zip(keys, values, strict=True))

    def _count_remaining(self, query: str) -> int | None:
        try:
            for text in self._batch_session_sql():
                self.conn.execute(text)
            return self.conn.execute(query).fetchone()[0]
        except self.db_errors as exc:
            if self._statement_timed_out(exc):
                return None
            raise
        finally:
            self._session(self.settings.statement_timeout)

    def _triggers(self, table: str) -> str | None:
        return triggers_on(self.conn, table)

    def _key_column(self, table: str, name: str) -> MySQLKey | None:
        return key_column(self.conn, table, name)

    def _primary_key(self, table: str) -> tuple[MySQLKey, ...]:
        return primary_key_columns(self.conn, table)

    def _has_nulls(self, table: str, column: str) -> bool:
        return bool(self.conn.execute(f"SELECT EXISTS (SELECT 1 FROM {table} WHERE {quote(column)} IS NULL)"
                                      ).fetchone()[0])

    def _estimate(self, table: str) -> int | None:
        return estimated_rows(self.conn, table)


def _holders(observer: MySQLConnection, pid: int, tables: tuple[str, ...], waited: float) -> list[dict]:
    """Who keeps ``pid`` waiting: the holders of a metadata lock on ``tables`` when the server
    lists them, else the sessions whose transaction holds the rows it waits for, else every
    transaction open for longer than it has waited (one of them holds the table's metadata lock)."""
    listed = metadata_lock_holders(observer, tables, exclude=pid) if tables else None
    ids = listed or row_lock_blockers(observer, pid)
    if not ids and listed is None:
        ids = open_transactions(observer, exclude=pid, older_than=waited - 1.0)
    found = session_info(observer, ids)
    return [found[i] for i in ids if i in found]


class _BlockerWatch:
    """While a step waits, look from the observer connection at what it waits for, so that a
    timeout names the sessions that were in the way then (they may be gone by the time it fails)."""

    def __init__(self, observer: MySQLConnection | None, pid: int, tables: tuple[str, ...], interval: float) -> None:
        self._observer, self._pid, self._tables, self._interval = observer, pid, tables, interval
        self._stop = threading.Event()
        self._seen: dict[int, dict] = {}
        self._thread: threading.Thread | None = None
        self.snapshot_wait = False

    def __enter__(self) -> _BlockerWatch:
        if self._observer is not None:
            self._thread = threading.Thread(target=self._run, name="expandcontract-blockers", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        started = time.monotonic()
        observer = self._observer
        assert observer is not None
        while not self._stop.wait(self._interval):
            try:
                row = observer.execute("SELECT STATE FROM information_schema.PROCESSLIST WHERE ID = %s",
                                       (self._pid,)).fetchone()
                state = (row[0] or "") if row else ""
                if "metadata lock" in state:
                    found = _holders(observer, self._pid, self._tables, time.monotonic() - started)
                elif row is not None and observer.execute(
                        "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_mysql_thread_id = %s AND "
                        "trx_state = 'LOCK WAIT'", (self._pid,)).fetchone()[0]:
                    ids = row_lock_blockers(observer, self._pid)
                    info = session_info(observer, ids)
                    found = [info[i] for i in ids if i in info]
                else:
                    continue
            except Exception:  # the observer failed: the holders are looked up after the timeout instead
                return
            for b in found:
                self._seen[b["pid"]] = b

    @property
    def blockers(self) -> list[dict]:
        return list(self._seen.values())
