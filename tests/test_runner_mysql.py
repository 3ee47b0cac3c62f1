"""The runner on a real MariaDB: a rename through expand → migrate → contract, a session holding
the table's metadata lock, kill -9 in the middle of a backfill, two runners at once, a DDL that
committed just before the runner died, and `status`."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid

import pymysql
import pytest

from expandcontract.runner import api
from expandcontract.runner.errors import AnotherRunner, StepFailed
from expandcontract.runner.mysql_db import MySQLTarget, parse_url
from expandcontract.runner.mysql_state import MySQLStateSql

from .runner_helpers import FAST, read_events_until, run_apply, spawn_apply, write_migration

pytestmark = pytest.mark.mysql

ROWS = 3_000

RENAME = dict(
    expand=("ALTER TABLE customers ADD COLUMN email_address VARCHAR(255) NULL, ALGORITHM=INSTANT;\n"
            "CREATE TRIGGER customers_sync_ins BEFORE INSERT ON customers FOR EACH ROW\n"
            "  SET NEW.email_address = COALESCE(NEW.email_address, NEW.email);\n"
            "CREATE TRIGGER customers_sync_upd BEFORE UPDATE ON customers FOR EACH ROW\n"
            "  SET NEW.email_address = IF(NEW.email <> OLD.email, NEW.email, "
            "COALESCE(NEW.email_address, NEW.email));\n"),
    migrate="UPDATE customers SET email_address = email WHERE email_address IS NULL;\n",
    contract=("DROP TRIGGER customers_sync_ins;\nDROP TRIGGER customers_sync_upd;\n"
              "ALTER TABLE customers DROP COLUMN email, ALGORITHM=INPLACE, LOCK=NONE;\n"),
)


@pytest.fixture
def shop(mysql_server):
    """A fresh database with ``customers`` (ROWS rows); yields its URL. Its state database goes too."""
    name = "ec_run_" + uuid.uuid4().hex[:10]
    url = mysql_server.url(name)
    with mysql_server.connect() as admin:
        cur = admin.cursor()
        cur.execute(f"CREATE DATABASE `{name}`")
        cur.execute(f"CREATE TABLE `{name}`.customers (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, "
                    "name VARCHAR(100) NOT NULL, email VARCHAR(255) NOT NULL, visits INT NOT NULL DEFAULT 0)")
        cur.execute(f"INSERT INTO `{name}`.customers (name, email) "
                    f"SELECT CONCAT('n', seq), CONCAT('c', seq, '@example.com') FROM `{name}`.seq_1_to_{ROWS}")
    try:
        yield url
    finally:
        with mysql_server.connect() as admin:
            admin.cursor().execute(f"DROP DATABASE IF EXISTS `{name}`")
            admin.cursor().execute(f"DROP DATABASE IF EXISTS `{parse_url(url).state_database}`")


def q(url: str, query: str, params=None):
    t = parse_url(url)
    with pymysql.connect(host=t.host, port=t.port, user=t.user, password=t.password, database=t.database,
                         autocommit=True) as conn, conn.cursor() as cur:
        cur.execute(query, params)
        return list(cur.fetchall())


def connect(url: str) -> pymysql.connections.Connection:
    t = parse_url(url)
    return pymysql.connect(host=t.host, port=t.port, user=t.user, password=t.password, database=t.database,
                           autocommit=True)


def cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "expandcontract", *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "PYTHONUNBUFFERED": "1"})


def test_rename_column_through_expand_migrate_contract_with_status(shop, tmp_path):
    folder = write_migration(tmp_path, "001_rename_email", **RENAME)
    state_db = parse_url(shop).state_database
    done = cli("apply", str(folder), "--database-url", shop, "--phase", "expand")
    assert done.returncode == 0, done.stderr
    assert "mysql://root:" in done.stdout and "001_rename_email expand done" in done.stdout
    # the old app writes email only; the trigger fills the new column
    q(shop, "INSERT INTO customers (name, email) VALUES ('late', 'late@example.com')")
    assert q(shop, "SELECT email_address FROM customers WHERE name = 'late'") == [("late@example.com",)]
    assert q(shop, f"SELECT phase, step FROM `{state_db}`.steps ORDER BY step") == [
        ("expand", 1), ("expand", 2), ("expand", 3)]  # one step per DDL statement: each commits on its own

    status = cli("status", str(folder), "--database-url", shop)
    assert status.returncode == 0, status.stderr
    assert "001_rename_email                 awaiting migrate" in status.stdout
    assert "    expand    done         3/3 steps" in status.stdout
    assert "    migrate   pending      0/1 steps" in status.stdout

    done = cli("apply", str(folder), "--database-url", shop, "--phase", "migrate", "--batch-size", "500")
    assert done.returncode == 0, done.stderr
    assert f"backfilled {ROWS:,} rows in" in done.stdout
    assert q(shop, "SELECT COUNT(*) FROM customers WHERE email_address IS NULL OR email_address <> email") == [(0,)]

    refused = cli("apply", str(folder), "--database-url", shop, "--phase", "expand")  # nothing left to do
    assert refused.returncode == 0 and "1 phase" not in refused.stdout

    done = cli("apply", str(folder), "--database-url", shop, "--phase", "contract")
    assert done.returncode == 0, done.stderr
    columns = [r[0] for r in q(shop, "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = "
                                     "DATABASE() AND TABLE_NAME = 'customers' ORDER BY ORDINAL_POSITION")]
    assert columns == ["id", "name", "visits", "email_address"]
    assert q(shop, "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()") == [(0,)]

    status = cli("status", str(folder), "--database-url", shop, "--format", "json")
    report = json.loads(status.stdout)
    (m,) = report["migrations"]
    assert m["state"] == "complete"
    assert [(p["phase"], p["state"], p["steps_done"]) for p in m["phases"]] == [
        ("expand", "done", 3), ("migrate", "done", 1), ("contract", "done", 3)]
    (backfill,) = m["backfills"]
    assert backfill["done"] is True and backfill["rows_updated"] == ROWS and backfill["key"] == "id"


@pytest.mark.parametrize("lock_table", ["open transactions", "metadata_lock_info"])
def test_a_session_holding_the_metadata_lock_is_retried_then_named(shop, tmp_path, mysql_server, lock_table):
    folder = write_migration(tmp_path, "001_add", expand="ALTER TABLE customers ADD COLUMN nick VARCHAR(50);\n")
    plugin = lock_table == "metadata_lock_info"
    if plugin:
        q(shop, "INSTALL SONAME 'metadata_lock_info'")
    blocker = connect(shop)
    admin = connect(shop)
    try:
        cur = blocker.cursor()
        cur.execute("BEGIN")
        cur.execute("SELECT COUNT(*) FROM customers")  # the open transaction keeps its metadata lock
        blocker_id = blocker.thread_id()
        report = threading.Thread(target=lambda: _ignore(cur.execute, "SELECT SLEEP(30) /* nightly report */"))
        report.start()
        t0 = time.monotonic()
        run = cli("apply", str(folder), "--database-url", shop, "--phase", "expand", "--lock-timeout", "1s",
                  "--retry-budget", "3s")
        elapsed = time.monotonic() - t0
    finally:
        admin.cursor().execute(f"KILL {blocker.thread_id()}")
        report.join(timeout=10)
        blocker.close()
        admin.close()
        if plugin:
            q(shop, "UNINSTALL SONAME 'metadata_lock_info'")
    assert run.returncode == 1, run.stdout + run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr  # one line, no traceback
    message = lines[0]
    assert "001_add expand step 1" in message and "gave up its lock (exclusive metadata lock on customers)" in message
    assert "lock_wait_timeout 1s each" in message
    assert "attempts" in message and "after 1 attempt " not in message  # retried before giving up
    assert f"connection id {blocker_id}" in message and "user root" in message, message
    assert "SELECT SLEEP(30) /* nightly report */" in message
    assert elapsed < 20
    assert q(shop, "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND "
                   "COLUMN_NAME = 'nick'") == [(0,)]
    status = api.status(url=shop, paths=[str(folder)])
    assert status["migrations"][0]["state"] == "expand failed at step 1"
    assert run_apply(shop, [folder], "expand", FAST)[1] is None  # the blocker gone, a rerun goes through


def _ignore(fn, *args):
    with contextlib.suppress(pymysql.MySQLError):  # the report is killed at the end
        fn(*args)


SLOW = ("UPDATE customers SET visits = visits + 1 + SLEEP(0.002), name = UPPER(name);\n")
BATCH_ARGS = ("--batch-size", "40", "--batch-target", "0.05", "--batch-pause", "0.02", "--lock-timeout", "1s")


def _batches(n):
    return lambda events: sum(e["event"] == "backfill_batch" for e in events) >= n


def _lock_free(url: str, timeout: float = 10) -> None:
    """After the runner dies, the server notices its socket closed: the batch rolls back, GET_LOCK frees."""
    name = parse_url(url).lock_name
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if q(url, "SELECT IS_USED_LOCK(%s)", (name,)) == [(None,)]:
            return
        time.sleep(0.05)
    raise AssertionError("the runner's lock is still held")


def test_kill_9_mid_backfill_then_rerun_resumes_from_the_high_water_mark_row_exactly(shop, tmp_path):
    folder = write_migration(tmp_path, "001_visits", migrate=SLOW)
    state_db = parse_url(shop).state_database
    first = spawn_apply(shop, [folder], "--phase", "migrate", *BATCH_ARGS)
    read_events_until(first, _batches(3))
    try:
        # a second runner meanwhile is refused at once, naming the first
        second = spawn_apply(shop, [folder], "--phase", "migrate")
        out, _err = second.communicate(timeout=30)
        assert second.returncode == 1
        message = json.loads(out.splitlines()[-1])["message"]
        holder = q(shop, "SELECT IS_USED_LOCK(%s)", (parse_url(shop).lock_name,))[0][0]
        assert f"another expandcontract runner is working on this database ({parse_url(shop).database}): " \
               f"connection id {holder} (user root" in message and "nothing was run" in message
    finally:
        first.send_signal(signal.SIGKILL)
        first.communicate(timeout=10)
    _lock_free(shop)
    (last,) = q(shop, f"SELECT CAST(last_key AS UNSIGNED) FROM `{state_db}`.backfills")[0]
    assert 0 < last < ROWS
    # every row up to the checkpoint done once, every row after it untouched: the batch in flight rolled back
    assert q(shop, "SELECT COUNT(*) FROM customers WHERE id <= %s AND (visits <> 1 OR BINARY name <> "
                   "BINARY UPPER(name))", (last,)) == [(0,)]
    assert q(shop, "SELECT COUNT(*) FROM customers WHERE id > %s AND (visits <> 0 OR BINARY name = "
                   "BINARY UPPER(name))", (last,)) == [(0,)]
    (m,) = api.status(url=shop, paths=[str(folder)])["migrations"]
    assert m["state"] == "migrate interrupted at step 1" and not m["backfills"][0]["done"]
    assert m["backfills"][0]["last_key"] == str(last)

    rerun = spawn_apply(shop, [folder], "--phase", "migrate", *BATCH_ARGS)
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    events = [json.loads(line) for line in out.splitlines()]
    started = next(e for e in events if e["event"] == "backfill_started")
    assert started["resumed"] and started["keys_done"] == last
    first_batch = next(e for e in events if e["event"] == "backfill_batch")
    assert int(first_batch["last_key"]) > last  # it went on from the high-water mark, not from the start
    assert q(shop, "SELECT visits, COUNT(*) FROM customers GROUP BY visits") == [(1, ROWS)]
    finished = next(e for e in events if e["event"] == "backfill_finished")
    assert finished["rows_updated"] == ROWS and finished["keys_done"] == ROWS


def test_a_second_runner_is_refused_by_get_lock(shop, tmp_path):
    folder = write_migration(tmp_path, "001_add", expand="ALTER TABLE customers ADD COLUMN nick VARCHAR(50);\n")
    holder = connect(shop)
    try:
        holder.cursor().execute("SELECT GET_LOCK(%s, 0)", (parse_url(shop).lock_name,))
        t0 = time.monotonic()
        _events, error = run_apply(shop, [folder], "expand")
        assert time.monotonic() - t0 < 10
        assert isinstance(error, AnotherRunner)
        assert f"connection id {holder.thread_id()} (user root" in str(error)
        assert api.status(url=shop, paths=[str(folder)])["runner"]["pid"] == holder.thread_id()
        assert q(shop, "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND "
                       "COLUMN_NAME = 'nick'") == [(0,)]
    finally:
        holder.close()
    time.sleep(0.2)
    assert run_apply(shop, [folder], "expand")[1] is None


def test_a_ddl_that_committed_before_the_runner_recorded_it_is_not_run_again(shop, tmp_path):
    folder = write_migration(tmp_path / "a", "001_two",
                             expand="ALTER TABLE customers ADD COLUMN nick VARCHAR(50);\n"
                                    "ALTER TABLE customers ADD COLUMN tier INT;\n")
    target: MySQLTarget = parse_url(shop)
    # a run died right after MySQL committed step 1's ALTER: the mark is there, the step record is not
    events, error = run_apply(shop, [folder], "expand", FAST)
    assert error is None, error
    state = MySQLStateSql(target.state_database)
    q(shop, f"DELETE FROM {state.schema}.steps WHERE step >= 1")
    q(shop, f"UPDATE {state.schema}.phases SET status = 'running'")
    q(shop, "ALTER TABLE customers DROP COLUMN tier")
    q(shop, f"INSERT INTO {state.schema}.ddl_in_flight (migration, phase, step, line) VALUES ('001_two', 'expand', "
            "1, 1)")
    events, error = run_apply(shop, [folder], "expand", FAST)
    assert error is None, error
    (skipped,) = [e for e in events.named("step_skipped") if e["step"] == 1]
    assert "an interrupted run committed it before recording it" in skipped["reason"]
    assert "ERROR 1060 Duplicate column name 'nick'" in skipped["reason"]
    assert [e["step"] for e in events.named("step_finished")] == [1, 2]
    assert q(shop, f"SELECT COUNT(*) FROM {state.schema}.ddl_in_flight") == [(0,)]

    # without the mark, the same error is a failure: the column was there before this migration ran
    other = write_migration(tmp_path / "b", "002_again", expand="ALTER TABLE customers ADD COLUMN nick INT;\n")
    events, error = run_apply(shop, [other], "expand", FAST)
    assert isinstance(error, StepFailed), error
    assert "002_again expand step 1 failed at" in str(error) and "ERROR 1060 Duplicate column name 'nick'" in str(error)


def test_a_bad_or_unreachable_mysql_url_is_one_line_with_the_password_masked(tmp_path):
    folder = write_migration(tmp_path, "001_add", expand="ALTER TABLE customers ADD COLUMN nick VARCHAR(50);\n")
    for url, why in (("mysql://app:s3cret-pw@127.0.0.1:1/shop", "cannot connect: ERROR 2003"),
                     ("mariadb://app:s3cret/pw@db/shop", "the password holds an unencoded '/'"),
                     ("mysql://app:s3cret-pw@127.0.0.1:1/", "name the database")):
        run = cli("apply", str(folder), "--database-url", url, "--phase", "expand")
        assert run.returncode == 2, run.stderr
        assert why in run.stderr and "s3cret" not in run.stdout + run.stderr
        assert len(run.stderr.strip().splitlines()) == 1
    run = cli("abort", str(folder), "--database-url", "mysql://app:s3cret-pw@127.0.0.1:1/shop")
    assert run.returncode == 2 and "cannot connect: ERROR 2003" in run.stderr and "s3cret" not in run.stderr
    run = cli("consumers", str(folder), "--database-url", "mysql://app:s3cret-pw@127.0.0.1:1/shop")
    assert run.returncode == 2 and "`consumers` runs on PostgreSQL only: it reads pg_stat_statements" in run.stderr
    assert "s3cret" not in run.stderr and len(run.stderr.strip().splitlines()) == 1
    run = cli("apply", str(folder), "--database-url", "mysql://app:s3cret-pw@127.0.0.1:1/shop", "--phase", "expand",
              "--max-replica-lag", "5s", "--max-lock-queue", "0")
    assert run.returncode == 2 and "--max-replica-lag: the watch reads pg_stat_replication" in run.stderr
    assert "s3cret" not in run.stderr and len(run.stderr.strip().splitlines()) == 1


CUSTOMERS = ("CREATE TABLE customers (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL, "
             "email VARCHAR(255) NOT NULL, visits INT NOT NULL DEFAULT 0, KEY customers_email (email)) ENGINE=InnoDB;\n")


def split_rename(tmp_path, shop) -> tuple:
    """``split --dialect mysql`` of a rename of customers.email, as 001_rename; its schema file."""
    q(shop, "CREATE INDEX customers_email ON customers (email)")
    schema = tmp_path / "schema.sql"
    schema.write_text(CUSTOMERS)
    (tmp_path / "m.sql").write_text("ALTER TABLE customers RENAME COLUMN email TO email_address;\n")
    out = tmp_path / "migrations" / "001_rename"
    done = cli("split", str(tmp_path / "m.sql"), "--schema", str(schema), "--mariadb-version", "10.11",
               "--out", str(out))
    assert done.returncode == 0, done.stderr
    return out, schema


def objects(url: str) -> tuple:
    columns = [r[0] for r in q(url, "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = "
                                    "DATABASE() AND TABLE_NAME = 'customers' ORDER BY ORDINAL_POSITION")]
    indexes = sorted({r[0] for r in q(url, "SELECT INDEX_NAME FROM information_schema.STATISTICS WHERE "
                                          "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'customers'")})
    triggers = [r[0] for r in q(url, "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = "
                                     "DATABASE()")]
    routines = [r[0] for r in q(url, "SELECT ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = "
                                     "DATABASE()")]
    return columns, indexes, triggers, routines


def test_abort_undoes_a_split_expand_after_its_backfill_and_refuses_without_force(shop, tmp_path):
    folder, schema = split_rename(tmp_path, shop)
    before = objects(shop)
    for phase in ("expand", "migrate"):
        done = cli("apply", str(folder), "--database-url", shop, "--schema", str(schema), "--phase", phase)
        assert done.returncode == 0, done.stdout + done.stderr
    assert objects(shop) != before

    shown = cli("abort", str(folder), "--database-url", shop, "--schema", str(schema), "--dry-run")
    assert shown.returncode == 0, shown.stderr
    assert [line.split("undo: ", 1)[1] for line in shown.stdout.splitlines() if "· undo: " in line] == [
        "DROP PROCEDURE IF EXISTS customers_email_address_backfill",
        "DROP TRIGGER IF EXISTS customers_email_address_sync_upd",
        "DROP TRIGGER IF EXISTS customers_email_address_sync_ins",
        "ALTER TABLE customers DROP INDEX IF EXISTS customers_email_email_address",
        "ALTER TABLE customers DROP COLUMN IF EXISTS email_address"]
    assert f"customers.email_address holds values in {ROWS:,} rows" in shown.stdout

    refused = cli("abort", str(folder), "--database-url", shop, "--schema", str(schema))
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "would delete data: customers.email_address holds values in" in refused.stderr
    assert objects(shop) != before  # nothing was changed

    done = cli("abort", str(folder), "--database-url", shop, "--schema", str(schema), "--force")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "001_rename aborted" in done.stdout
    assert objects(shop) == before
    assert q(shop, "SELECT COUNT(*) FROM customers") == [(ROWS,)]
    status = json.loads(cli("status", str(folder), "--database-url", shop, "--format", "json").stdout)
    assert status["migrations"][0]["state"] == "aborted"
    # the old app writes as before; the migration can run again
    q(shop, "INSERT INTO customers (name, email) VALUES ('after', 'after@example.com')")
    again = cli("apply", str(folder), "--database-url", shop, "--schema", str(schema), "--phase", "expand")
    assert again.returncode == 0, again.stdout + again.stderr
    assert q(shop, "SELECT email_address FROM customers WHERE name = 'after'") == [(None,)]


def test_abort_refuses_what_has_no_reverse_and_created_tables_holding_rows(shop, tmp_path):
    modify = write_migration(tmp_path / "a", "001_modify",
                             expand="ALTER TABLE customers MODIFY name VARCHAR(200) NOT NULL;\n")
    done = cli("apply", str(modify), "--database-url", shop, "--phase", "expand", "--allow-unsafe")
    assert done.returncode == 0, done.stderr
    refused = cli("abort", str(modify), "--database-url", shop)
    assert refused.returncode == 1
    assert "cannot undo" in refused.stderr and "expand.sql:1 automatically" in refused.stderr
    assert "modify column has no safe reverse); write the undo in" in refused.stderr and "down.sql" in refused.stderr

    table = write_migration(tmp_path / "b", "001_orders",
                            expand="CREATE TABLE orders (id BIGINT NOT NULL PRIMARY KEY, total INT NOT NULL);\n"
                                   "ALTER TABLE customers ADD COLUMN tier TINYINT NOT NULL DEFAULT 1, "
                                   "ADD INDEX customers_tier (tier), ALGORITHM=INPLACE, LOCK=NONE;\n")
    done = cli("apply", str(table), "--database-url", shop, "--phase", "expand")
    assert done.returncode == 0, done.stdout + done.stderr
    q(shop, "INSERT INTO orders VALUES (1, 10), (2, 20)")
    refused = cli("abort", str(table), "--database-url", shop)
    assert refused.returncode == 1 and "table orders holds 2 rows" in refused.stderr
    assert "customers.tier" not in refused.stderr  # every row holds the default: nothing to lose
    q(shop, "UPDATE customers SET tier = 3 WHERE id <= 5")
    shown = cli("abort", str(table), "--database-url", shop, "--dry-run")
    assert "customers.tier holds values other than its default (1) in 5 rows" in shown.stdout
    done = cli("abort", str(table), "--database-url", shop, "--force")
    assert done.returncode == 0, done.stdout + done.stderr
    assert q(shop, "SHOW TABLES LIKE 'orders'") == []
    assert "tier" not in objects(shop)[0] and "customers_tier" not in objects(shop)[1]


def test_verify_app_prepares_the_apps_mysql_queries_before_and_after_each_phase(shop, tmp_path):
    app = tmp_path / "app.sql"
    app.write_text("-- name: get_customer\nSELECT `name`, email FROM customers WHERE id = ?;\n"
                   "UPDATE customers SET visits = visits + %s WHERE id = :id;\n"
                   "INSERT INTO customers (name, email) VALUES (%(name)s, %(email)s);\n")
    drop = write_migration(tmp_path, "001_drop_email", contract="ALTER TABLE customers DROP COLUMN email;\n")
    run = cli("apply", str(drop), "--database-url", shop, "--phase", "contract", "--verify-app", str(app),
              "--allow-unsafe")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "app queries before 001_drop_email contract: 3 prepare, 0 fail" in run.stdout
    assert f"✘ {app}:2: ERROR 1054: Unknown column 'email' in 'SELECT'" in run.stdout
    assert "app queries after 001_drop_email contract: 1 prepare, 2 fail" in run.stdout
    assert "1 app queries no longer prepare" not in run.stderr and "2 app queries no longer prepare" in run.stderr

    # a query that does not prepare before the phase: nothing of it runs
    late = write_migration(tmp_path, "002_nick", expand="ALTER TABLE customers ADD COLUMN nick VARCHAR(50);\n")
    (tmp_path / "new_app.sql").write_text("SELECT nick, missing FROM customers;\n")
    run = cli("apply", str(late), "--database-url", shop, "--phase", "expand", "--verify-app",
              str(tmp_path / "new_app.sql"))
    assert run.returncode == 1 and "Unknown column 'nick'" in run.stdout + run.stderr
    assert "nothing of this phase was run" in run.stderr
    assert "nick" not in [r[0] for r in q(shop, "SHOW COLUMNS FROM customers")]
    # no query was run by the check
    assert q(shop, "SELECT SUM(visits), COUNT(*) FROM customers") == [(0, ROWS)]


def test_the_split_files_run_through_apply_as_the_split_says_lock_tables_included(shop, tmp_path):
    folder, schema = split_rename(tmp_path, shop)
    said = cli("split", str(tmp_path / "m.sql"), "--schema", str(schema), "--mariadb-version", "10.11",
               "--out", str(folder), "--force")
    assert f"then: expandcontract apply {folder} --schema {schema} --phase expand" in said.stdout
    assert "LOCK TABLES customers WRITE;" in (folder / "contract.sql").read_text()
    for phase in ("expand", "migrate"):
        done = cli("apply", str(folder), "--database-url", shop, "--schema", str(schema), "--phase", phase)
        assert done.returncode == 0, done.stdout + done.stderr
    # contract holds customers' write lock from LOCK TABLES to UNLOCK TABLES: one step, recorded after it
    plan = cli("apply", str(folder), "--database-url", shop, "--schema", str(schema), "--phase", "contract",
               "--dry-run", "--format", "json")
    steps = [json.loads(line) for line in plan.stdout.splitlines() if line.startswith("{")]
    locked = [s for s in steps if any("LOCK TABLES" in t for t in s.get("sql", []))]
    assert len(locked) == 1 and "UNLOCK TABLES" in locked[0]["sql"][-1], plan.stdout
    done = cli("apply", str(folder), "--database-url", shop, "--schema", str(schema), "--phase", "contract")
    assert done.returncode == 0, done.stdout + done.stderr
    columns, indexes, triggers, routines = objects(shop)
    assert columns == ["id", "name", "email_address", "visits"] and "customers_email" in indexes
    assert triggers == [] and routines == []
    assert q(shop, "SELECT COUNT(*) FROM customers WHERE email_address = CONCAT('c', id, '@example.com')") == [(ROWS,)]
    status = json.loads(cli("status", str(folder), "--database-url", shop, "--format", "json").stdout)
    assert status["migrations"][0]["state"] == "complete"


def test_a_backfill_pages_through_a_composite_primary_key(shop, tmp_path):
    q(shop, "CREATE TABLE memberships (org_id INT NOT NULL, user_id VARCHAR(20) NOT NULL, role VARCHAR(20) NULL, "
            "PRIMARY KEY (org_id, user_id))")
    q(shop, "INSERT INTO memberships SELECT seq % 7, CONCAT('u', seq), IF(seq % 3 = 0, 'admin', NULL) "
            "FROM seq_1_to_5000")
    folder = write_migration(tmp_path, "001_fill", migrate="UPDATE memberships SET role = 'member' WHERE role IS NULL;\n")
    done = cli("apply", str(folder), "--database-url", shop, "--phase", "migrate", "--batch-size", "300",
               "--format", "json")
    assert done.returncode == 0, done.stdout + done.stderr
    events = [json.loads(line) for line in done.stdout.splitlines()]
    batches = [e for e in events if e["event"] == "backfill_batch"]
    assert len(batches) >= 5 and sum(b["rows"] for b in batches) == 5000 - 5000 // 3
    assert batches[-1]["last_key"] == '["6", "u993"]'  # the last key in (org_id, user_id) order
    assert q(shop, "SELECT role, COUNT(*) FROM memberships GROUP BY role ORDER BY role") == [
        ("admin", 5000 // 3), ("member", 5000 - 5000 // 3)]


def test_abort_runs_the_migrations_down_sql_when_it_has_one(shop, tmp_path):
    folder = write_migration(tmp_path, "001_visits", expand="ALTER TABLE customers MODIFY visits BIGINT NOT NULL "
                                                            "DEFAULT 0;\n",
                             down="ALTER TABLE customers MODIFY visits INT NOT NULL DEFAULT 0;\n")
    done = cli("apply", str(folder), "--database-url", shop, "--phase", "expand", "--allow-unsafe")
    assert done.returncode == 0, done.stdout + done.stderr
    assert q(shop, "SELECT DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND "
                   "COLUMN_NAME = 'visits'") == [("bigint",)]
    undone = cli("abort", str(folder), "--database-url", shop)
    assert undone.returncode == 0, undone.stdout + undone.stderr
    assert f"undo: {folder / 'down.sql'}" in undone.stdout
    assert q(shop, "SELECT DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND "
                   "COLUMN_NAME = 'visits'") == [("int",)]
