"""The runner under faults, as a real subprocess: kill -9 mid-backfill, a terminated backend,
Ctrl-C. Each time the state says where it stopped, and a rerun finishes with every row right."""

from __future__ import annotations

import json
import signal

import psycopg
import pytest

from expandcontract.runner import api

from .runner_helpers import (
    read_events_until,
    spawn_apply,
    sql,
    wait_for_backend_gone,
    wait_for_runner_state,
    write_migration,
)

pytestmark = pytest.mark.postgres

ROWS = 1_000
# pg_sleep per row makes the whole backfill last about 3 s whatever batch size the runner adapts to
# (40 batches of ~25 rows at the 50 ms target), so a signal sent after the first batches always lands
# mid-run, even on a loaded machine
SLOW_BACKFILL = ("UPDATE users SET touched = touched + 1 + length(pg_sleep(0.002)::text), "
                 "full_name = upper(name);\n")
BATCH_ARGS = ("--batch-size", "50", "--batch-target", "0.05", "--batch-pause", "0.02", "--lock-timeout", "1s")


@pytest.fixture
def slow_migration(pg_url, tmp_path):
    sql(pg_url, "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL, full_name text, "
                "touched int NOT NULL DEFAULT 0)")
    sql(pg_url, f"INSERT INTO users (id, name) SELECT g, md5(g::text) FROM generate_series(1, {ROWS}) g")
    write_migration(tmp_path, "001_full_name", migrate=SLOW_BACKFILL)
    return pg_url, tmp_path


def _batches(n):
    return lambda events: sum(e["event"] == "backfill_batch" for e in events) >= n


def _assert_exact_prefix(url):
    """Rows up to the checkpoint are done exactly once, rows after it untouched: nothing half-done."""
    (last,) = sql(url, "SELECT last_key::bigint FROM expandcontract.backfills")[0]
    assert last and 0 < last < ROWS
    assert sql(url, "SELECT count(*) FROM users WHERE id <= %s AND (touched <> 1 OR full_name <> upper(name))",
               (last,)) == [(0,)]
    assert sql(url, "SELECT count(*) FROM users WHERE id > %s AND (touched <> 0 OR full_name IS NOT NULL)",
               (last,)) == [(0,)]
    return last


def _assert_every_row_exactly_once(url):
    assert sql(url, "SELECT touched, full_name = upper(name), count(*) FROM users GROUP BY 1, 2") == [(1, True, ROWS)]


def _finish(url, folder):
    proc = spawn_apply(url, [folder], "--phase", "migrate", *BATCH_ARGS)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    events = [json.loads(line) for line in out.splitlines()]
    started = next(e for e in events if e["event"] == "backfill_started")
    assert started["resumed"] and started["rows_updated"] > 0
    return events


def test_kill_9_mid_backfill_then_resume_is_row_exact(slow_migration):
    url, folder = slow_migration
    proc = spawn_apply(url, [folder], "--phase", "migrate", *BATCH_ARGS)
    read_events_until(proc, _batches(3))
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=10)  # reaps it and closes its pipes
    wait_for_backend_gone(url)
    _assert_exact_prefix(url)
    (m,) = api.status(url=url, paths=[str(folder)])["migrations"]
    assert m["state"] == "migrate interrupted at step 1" and not m["backfills"][0]["done"]
    _finish(url, folder)
    _assert_every_row_exactly_once(url)


def test_terminated_backend_mid_phase_fails_cleanly_and_rerun_continues(slow_migration):
    url, folder = slow_migration
    proc = spawn_apply(url, [folder], "--phase", "migrate", *BATCH_ARGS)
    read_events_until(proc, _batches(2))
    sql(url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'expandcontract apply'")
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 1, err
    failed = [json.loads(line) for line in out.splitlines() if '"run_failed"' in line]
    assert failed and "lost the database connection" in failed[0]["message"]
    assert "Rerun the same command to continue from step 1" in failed[0]["message"]
    _assert_exact_prefix(url)
    _finish(url, folder)
    _assert_every_row_exactly_once(url)


def test_ctrl_c_rolls_back_the_batch_records_where_and_exits_130(slow_migration):
    url, folder = slow_migration
    # a session holding one row half way: the batch that reaches it has updated the rows before it and
    # waits (pg_stat_activity shows it), so Ctrl-C lands inside an open batch, not between two
    holder = psycopg.connect(url, application_name="row holder")
    holder.execute("SELECT 1 FROM users WHERE id = %s FOR UPDATE", (ROWS // 2,))
    try:
        proc = spawn_apply(url, [folder], "--phase", "migrate", *BATCH_ARGS[:-1], "30s")
        running = wait_for_runner_state(url, "state = 'active' AND wait_event_type = 'Lock' "
                                             "AND query LIKE 'UPDATE users %%'")
        assert sql(url, "SELECT %s = ANY(pg_blocking_pids(%s))", (holder.info.backend_pid, running["pid"])) == [(True,)]
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=30)
    finally:
        holder.close()
    assert proc.returncode == 130, err
    wait_for_backend_gone(url)
    last = _assert_exact_prefix(url)  # the open batch's rows before the held one were rolled back
    assert last < ROWS // 2
    (phase,) = sql(url, "SELECT status, failed_step, error FROM expandcontract.phases")
    assert phase[:2] == ("failed", 1) and "interrupted" in phase[2]
    _finish(url, folder)
    _assert_every_row_exactly_once(url)


def test_two_runners_at_once_the_second_fails_fast_naming_the_first(slow_migration):
    url, folder = slow_migration
    first = spawn_apply(url, [folder], "--phase", "migrate", *BATCH_ARGS)
    try:
        read_events_until(first, _batches(1))
        second = spawn_apply(url, [folder], "--phase", "migrate")
        out, _err = second.communicate(timeout=20)
        assert second.returncode == 1
        message = json.loads(out.splitlines()[-1])["message"]
        pid = sql(url, "SELECT pid FROM pg_stat_activity WHERE application_name = 'expandcontract apply'")[0][0]
        assert f"another expandcontract runner is working on this database: pid {pid}" in message
        assert "application_name 'expandcontract apply'" in message and "nothing was run" in message
    finally:
        first.send_signal(signal.SIGTERM)
        first.communicate(timeout=30)
    assert first.returncode == 130  # SIGTERM stops it like Ctrl-C: batch rolled back, state recorded
    _assert_exact_prefix(url)
