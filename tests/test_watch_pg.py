"""The watch on real servers: a streaming replica lagging on purpose (pg_basebackup from the same
binaries, recovery_min_apply_delay) slows the backfill down; sessions piling up behind the
runner's lock get it cancelled and retried; a rising rollback rate stops the run."""

from __future__ import annotations

import contextlib
import threading
import time

import psycopg
import pytest

from expandcontract.runner.watch import WatchSettings, WatchStopped, replica_lag

from .pg_cluster import _free_port, _root, cluster
from .runner_helpers import FAST, run_apply, sql, write_migration

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def primary_and_replica():
    with cluster() as primary:
        replica = primary.replica(_root(), _free_port(), {"recovery_min_apply_delay": "1500ms"})
        try:
            yield primary, replica
        finally:
            replica.stop()


def _backfill_migration(tmp_path, rows_table="items"):
    return write_migration(tmp_path, "0001_items_label", expand=f"ALTER TABLE {rows_table} ADD COLUMN label text;",
                           migrate=f"UPDATE {rows_table} SET label = 'item ' || id;")


def test_backfill_waits_for_a_lagging_replica(primary_and_replica, tmp_path):
    primary, replica = primary_and_replica
    url = primary.url()
    sql(url, "DROP TABLE IF EXISTS items; CREATE TABLE items (id bigint PRIMARY KEY, n int);"
             "INSERT INTO items SELECT g, g FROM generate_series(1, 6000) g;")
    deadline = time.monotonic() + 30
    while sql(replica.url(), "SELECT to_regclass('items') IS NOT NULL")[0][0] is False:
        assert time.monotonic() < deadline, "the replica never replayed the table"
        time.sleep(0.2)
    assert replica_lag(psycopg.connect(url, autocommit=True))  # it streams from the primary
    folder = _backfill_migration(tmp_path)
    watch = WatchSettings(max_replica_lag=0.5, max_lock_queue=0, max_rollback_increase=0)
    settings = FAST.__class__(**{**FAST.__dict__, "batch_size": 2000, "batch_target": 0.05})
    t0 = time.monotonic()
    events, error = run_apply(url, [folder], "migrate", settings=settings, watch=watch)
    elapsed = time.monotonic() - t0
    assert error is None, error
    waits = events.named("replica_lag")
    assert waits, "the backfill never waited for the replica"
    assert all(w["lag_s"] >= 0.5 for w in waits)
    caught = events.named("replica_caught_up")
    assert caught and sum(c["waited_s"] for c in caught) > 1.0
    assert elapsed > 1.0
    # with the watch off, the same backfill does not wait
    sql(url, "DROP TABLE items; CREATE TABLE items (id bigint PRIMARY KEY, n int);"
             "INSERT INTO items SELECT g, g FROM generate_series(1, 6000) g; DROP SCHEMA expandcontract CASCADE;")
    events, error = run_apply(url, [folder], "migrate", settings=settings, watch=None)
    assert error is None and not events.named("replica_lag")


def test_sessions_piling_up_behind_the_runner_get_it_cancelled_and_retried(pg_url, tmp_path):
    sql(pg_url, "CREATE TABLE accounts (id bigint PRIMARY KEY, balance int);"
                "INSERT INTO accounts SELECT g, 0 FROM generate_series(1, 100) g;")
    # the step holds ACCESS EXCLUSIVE on accounts for 1.5 s the first time, then is quick
    sql(pg_url, "CREATE TABLE slow_once (done boolean);"
                "CREATE FUNCTION maybe_slow() RETURNS void LANGUAGE plpgsql AS $$ BEGIN "
                "IF NOT EXISTS (SELECT 1 FROM slow_once) THEN PERFORM pg_sleep(1.5); END IF; END $$;")
    folder = write_migration(tmp_path, "0001_accounts_note",
                             expand="ALTER TABLE accounts ADD COLUMN note text;\nSELECT maybe_slow();")
    waits: list[float] = []

    def app_reader():
        with psycopg.connect(pg_url, autocommit=True) as conn:
            t0 = time.monotonic()
            conn.execute("SELECT count(*) FROM accounts")
            waits.append(time.monotonic() - t0)

    def readers():
        time.sleep(0.4)  # the runner holds the lock by now
        threads = [threading.Thread(target=app_reader) for _ in range(3)]
        for t in threads:
            t.start()
        time.sleep(0.6)
        sql(pg_url, "INSERT INTO slow_once VALUES (true)")  # the retry is quick
        for t in threads:
            t.join()

    background = threading.Thread(target=readers)
    background.start()
    watch = WatchSettings(max_replica_lag=0, max_lock_queue=3, queue_wait=0.2, max_rollback_increase=0,
                          interval=0.05)
    events, error = run_apply(pg_url, [folder], "expand", watch=watch, allow_unsafe=True)
    background.join()
    assert error is None, error
    [queued] = events.named("lock_queue")
    assert queued["waiting"] == 3 and queued["attempt"] == 1
    assert events.named("step_finished")[0]["attempts"] == 2
    assert len(waits) == 3 and max(waits) < 1.2  # they did not wait out the 1.5 s hold
    assert sql(pg_url, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts' "
                       "AND column_name = 'note'") == [(1,)]


def test_a_rising_rollback_rate_stops_the_backfill_and_a_rerun_finishes(pg_url, tmp_path):
    sql(pg_url, "CREATE TABLE items (id bigint PRIMARY KEY, n int);"
                "INSERT INTO items SELECT g, g FROM generate_series(1, 20000) g;")
    folder = _backfill_migration(tmp_path)
    failing = threading.Event()
    stop = threading.Event()

    def bad_deploy():  # a broken app version: every transaction fails
        with psycopg.connect(pg_url, autocommit=True) as conn:
            while not stop.is_set():
                if failing.is_set():
                    with contextlib.suppress(psycopg.errors.DivisionByZero):
                        conn.execute("SELECT 1 / 0")
                else:
                    conn.execute("SELECT 1")
                time.sleep(0.002)

    worker = threading.Thread(target=bad_deploy)
    worker.start()
    try:
        time.sleep(0.3)  # a healthy usual rate first
        failing.set()
        # small batches with pauses: the backfill lasts seconds, whatever the machine's load
        settings = FAST.__class__(**{**FAST.__dict__, "batch_size": 50, "batch_target": 0.001, "batch_max": 100,
                                     "batch_pause": 0.05})
        watch = WatchSettings(max_replica_lag=0, max_lock_queue=0, max_rollback_increase=0.05, min_transactions=20)
        events, error = run_apply(pg_url, [folder], "migrate", settings=settings, watch=watch)
    finally:
        stop.set()
        worker.join()
    assert isinstance(error, WatchStopped), error
    assert "rollback rate" in str(error) and "rerun to continue" in str(error)
    [stopped] = events.named("health_stop")
    assert stopped["rate"] > stopped["baseline_rate"] + 0.05
    done = sql(pg_url, "SELECT count(*) FROM items WHERE label IS NOT NULL")[0][0]
    assert done < 20000
    events, error = run_apply(pg_url, [folder], "migrate", watch=watch)  # the deploy is fixed: normal batches
    assert error is None, error
    assert sql(pg_url, "SELECT count(*) FROM items WHERE label IS NULL") == [(0,)]
