"""Watching the database while the runner works: evidence to slow down or stop.

* **health**: the workload's rollback rate (``pg_stat_database``: rolled back transactions, and
  deadlocks and recovery conflicts) over a window, against the database's usual rate (the
  cumulative ratio when the window opened). A fleet bakes each stage on it before promoting.
* **replica lag**: before each step and backfill batch, every streaming replica
  (``pg_stat_replication``) must have replayed what the primary has written so far; one that
  takes longer than ``max_replica_lag`` is lagging, and the runner waits for it (says so once).
* **lock queue**: sessions waiting on a lock the runner's session holds or waits for; a step
  that has a queue behind it longer than ``max_lock_queue`` for ``max_queue_wait`` is cancelled
  and retried after a backoff (the app's queries go first).

Every function takes a connection (the runner's observer) and returns values; the decisions
are the caller's.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import psycopg

from .errors import RunnerError
from .events import Events

__all__ = [
    "DEFAULT_WATCH",
    "DbStats",
    "Health",
    "WatchSettings",
    "WatchStopped",
    "Watcher",
    "db_stats",
    "health",
    "lock_queue",
    "replica_lag",
    "wait_for_replicas",
    "watch_from",
]


@dataclass(frozen=True)
class DbStats:
    commits: int
    rollbacks: int
    deadlocks: int
    conflicts: int
    at: float  # monotonic seconds

    @property
    def transactions(self) -> int:
        return self.commits + self.rollbacks


def db_stats(conn: psycopg.Connection) -> DbStats:
    """This database's transaction counters, now (the statistics snapshot is cleared first, so
    two reads in one transaction still differ)."""
    conn.execute("SELECT pg_stat_clear_snapshot()")
    row = conn.execute(
        """SELECT xact_commit, xact_rollback, deadlocks, conflicts FROM pg_stat_database
            WHERE datname = current_database()""").fetchone()
    return DbStats(int(row[0]), int(row[1]), int(row[2] or 0), int(row[3] or 0), time.monotonic())


@dataclass(frozen=True)
class Health:
    """The rollback rate over a window against the usual one; ``regressed`` says why, or ``None``."""

    transactions: int
    rollbacks: int
    rate: float
    baseline_rate: float
    deadlocks: int
    seconds: float
    regressed: str | None

    def to_dict(self) -> dict:
        return {"transactions": self.transactions, "rollbacks": self.rollbacks, "rate": round(self.rate, 4),
                "baseline_rate": round(self.baseline_rate, 4), "deadlocks": self.deadlocks,
                "seconds": round(self.seconds, 2), "regressed": self.regressed}


def health(before: DbStats, after: DbStats, *, max_increase: float = 0.05, min_transactions: int = 20) -> Health:
    """``before`` was read when the window opened (its cumulative ratio is the baseline)."""
    tx = after.transactions - before.transactions
    rb = after.rollbacks - before.rollbacks
    deadlocks = after.deadlocks - before.deadlocks
    rate = rb / tx if tx else 0.0
    baseline = before.rollbacks / before.transactions if before.transactions else 0.0
    regressed = None
    if deadlocks > 0:
        regressed = f"{deadlocks} deadlock(s) in {after.at - before.at:.1f}s"
    elif tx >= min_transactions and rate > baseline + max_increase:
        regressed = (f"rollback rate {rate:.1%} of {tx} transactions in {after.at - before.at:.1f}s, usual "
                     f"{baseline:.1%} (allowed +{max_increase:.0%})")
    return Health(tx, rb, rate, baseline, deadlocks, after.at - before.at, regressed)


def replica_lag(conn: psycopg.Connection, target: str | None = None) -> list[dict]:
    """Every streaming replica: its last measured replay lag in seconds (``None`` when idle or
    not yet measured) and the WAL bytes it has yet to replay up to ``target`` (an LSN; default
    the primary's current one)."""
    rows = conn.execute(
        """SELECT application_name, coalesce(host(client_addr), 'local socket'), state,
                  extract(epoch FROM replay_lag)::float8,
                  coalesce(pg_wal_lsn_diff(coalesce(%s::pg_lsn, pg_current_wal_lsn()), replay_lsn), 1)::bigint
             FROM pg_stat_replication ORDER BY application_name""", (target,)).fetchall()
    return [{"name": r[0], "client": r[1], "state": r[2], "lag_s": r[3], "behind_bytes": max(r[4], 0)}
            for r in rows]


def wait_for_replicas(conn: psycopg.Connection, max_lag: float, *, timeout: float, on_wait=None,
                      poll: float = 0.02) -> float:
    """Wait until every replica has replayed what the primary has written so far. A replica
    that needs more than ``max_lag`` seconds for it lags: ``on_wait(replicas, lag)`` is told
    once and the wait goes on, up to ``timeout`` (``TimeoutError``). Returns the seconds waited
    (milliseconds when replicas keep up; nothing at all without replicas)."""
    start = time.monotonic()
    target = conn.execute("SELECT pg_current_wal_lsn()::text").fetchone()[0]
    told = False
    while True:
        replicas = replica_lag(conn, target)
        behind = [r for r in replicas if r["behind_bytes"] > 0]
        waited = time.monotonic() - start
        if not behind:
            return waited
        lag = max([waited, *(r["lag_s"] or 0.0 for r in behind)])
        if lag > max_lag and not told and on_wait is not None:
            on_wait(behind, lag)
            told = True
        if waited >= timeout:
            raise TimeoutError(f"replica lag {lag:.1f}s stayed above {max_lag:g}s for {timeout:g}s")
        time.sleep(poll if waited < max_lag else max(poll, 0.1))


def lock_queue(conn: psycopg.Connection, pid: int) -> list[dict]:
    """Sessions waiting behind ``pid`` (directly or through its own wait), oldest wait first."""
    rows = conn.execute(
        """SELECT a.pid, a.application_name, a.state, a.wait_event_type,
                  extract(epoch FROM now() - a.state_change)::float8, left(a.query, 200)
             FROM pg_stat_activity a
            WHERE %s = ANY(pg_blocking_pids(a.pid))
            ORDER BY a.state_change""", (pid,)).fetchall()
    return [{"pid": r[0], "application_name": r[1], "state": r[2], "wait": r[3], "waiting_s": r[4], "query": r[5]}
            for r in rows]


@dataclass(frozen=True)
class WatchSettings:
    """What the runner watches while it works (0 turns a watch off)."""

    max_replica_lag: float = 10.0  # seconds of replay lag before backfills and steps wait
    replica_wait: float = 600.0  # the longest wait for replicas before the run stops
    max_lock_queue: int = 3  # sessions waiting behind the runner's session ...
    queue_wait: float = 1.0  # ... for this long: the runner's statement is cancelled and retried
    max_rollback_increase: float = 0.05  # rollback rate above the database's usual: the run stops
    min_transactions: int = 50  # fewer transactions than this in the window say nothing
    interval: float = 0.1  # how often the lock queue is sampled

    def describe(self) -> dict:
        return {"max_replica_lag_seconds": self.max_replica_lag, "max_lock_queue": self.max_lock_queue,
                "queue_wait_seconds": self.queue_wait, "max_rollback_increase": self.max_rollback_increase}


DEFAULT_WATCH = WatchSettings()


class WatchStopped(RunnerError):
    """The database's health says stop: recorded where it stopped, a rerun continues."""


class _QueueGuard:
    """While one attempt of a step runs: when ``max_lock_queue`` sessions have waited behind the
    runner's session for ``queue_wait``, cancel the runner's statement (the app goes first)."""

    def __init__(self, conn: psycopg.Connection, pid: int, settings: WatchSettings) -> None:
        self.conn, self.pid, self.settings = conn, pid, settings
        self.fired: list[dict] | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="expandcontract-lock-queue", daemon=True)

    def __enter__(self) -> _QueueGuard:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        s = self.settings
        while not self._stop.wait(s.interval):
            try:
                queue = [q for q in lock_queue(self.conn, self.pid) if (q["waiting_s"] or 0) >= s.queue_wait]
                if len(queue) >= s.max_lock_queue and not self._stop.is_set():
                    self.fired = queue
                    self.conn.execute("SELECT pg_cancel_backend(%s)", (self.pid,))
                    return
            except psycopg.Error:
                return


class Watcher:
    """The runner's watch over one database, from its observer connection."""

    def __init__(self, observer: psycopg.Connection, pid: int, events: Events,
                 settings: WatchSettings = DEFAULT_WATCH, *, sleep: Callable[[float], None] = time.sleep) -> None:
        self.observer, self.pid, self.events, self.settings, self.sleep = observer, pid, events, settings, sleep
        self.baseline: DbStats | None = None
        self.own_rollbacks = 0

    def start_phase(self, phase) -> None:
        self.baseline = db_stats(self.observer)
        self.own_rollbacks = 0

    def before(self, phase, step, *, batch: int | None = None) -> None:
        """Before a step or a backfill batch: wait for lagging replicas, stop on bad health."""
        s = self.settings
        where = dict(migration=phase.migration, phase=phase.phase, step=step.number, batch=batch)
        if s.max_replica_lag > 0:
            def waiting(replicas, lag):
                self.events.emit("replica_lag", **where, lag_s=round(lag, 3), max_lag_s=s.max_replica_lag,
                                 replicas=replicas)
            try:
                waited = wait_for_replicas(self.observer, s.max_replica_lag, timeout=s.replica_wait, on_wait=waiting)
            except TimeoutError as exc:
                raise WatchStopped(f"stopped {phase.migration} {phase.phase} at step {step.number}: {exc}. Completed "
                                   "steps and batches are recorded; rerun once the replicas have caught up.") from None
            if waited > s.max_replica_lag:
                self.events.emit("replica_caught_up", **where, waited_s=round(waited, 3))
        if s.max_rollback_increase > 0 and self.baseline is not None:
            now = db_stats(self.observer)
            now = DbStats(now.commits, max(now.rollbacks - self.own_rollbacks, self.baseline.rollbacks),
                          now.deadlocks, now.conflicts, now.at)
            found = health(self.baseline, now, max_increase=s.max_rollback_increase,
                           min_transactions=s.min_transactions)
            if found.regressed:
                self.events.emit("health_stop", **where, **found.to_dict())
                raise WatchStopped(
                    f"stopped {phase.migration} {phase.phase} at step {step.number}: the workload got worse since "
                    f"the phase started ({found.regressed}). Completed steps and batches are recorded; find the "
                    "cause, then rerun to continue (or abort).")

    def guard(self) -> _QueueGuard | contextlib.nullcontext:
        if self.settings.max_lock_queue <= 0:
            return contextlib.nullcontext()
        return _QueueGuard(self.observer, self.pid, self.settings)

    def cancelled(self, guard, phase, step, attempt: int) -> list[dict] | None:
        """After a QueryCanceled: the queue that made the guard cancel, or None (someone else did)."""
        queue = getattr(guard, "fired", None)
        if queue is None:
            return None
        self.own_rollbacks += 1
        self.events.emit("lock_queue", migration=phase.migration, phase=phase.phase, step=step.number,
                         attempt=attempt, waiting=len(queue), queue_wait_s=self.settings.queue_wait, sessions=queue)
        return queue


def watch_from(max_replica_lag: str, max_lock_queue: int, queue_wait: str, max_rollback_increase: float
               ) -> WatchSettings:
    """The watch options' values as ``WatchSettings`` (a bad duration is a ``ConfigError``)."""
    from .settings import parse_duration

    return WatchSettings(max_replica_lag=parse_duration(max_replica_lag, option="--max-replica-lag"),
                         max_lock_queue=max_lock_queue,
                         queue_wait=parse_duration(queue_wait, option="--queue-wait"),
                         max_rollback_increase=max_rollback_increase)
