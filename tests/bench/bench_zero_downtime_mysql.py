"""Zero-downtime benchmark on MariaDB/MySQL: a column rename under live traffic, with the runner
and naively (the MySQL counterpart of ``bench_zero_downtime.py``).

    python tests/bench/bench_zero_downtime_mysql.py [--rows 300000] [--json results.json]

A table of ``--rows`` accounts; an old-app and a new-app workload (70 % point reads, 25 %
updates, 5 % inserts, several connections each) run while ``email`` becomes ``email_address``:

* with the runner: expand (``ADD COLUMN … ALGORITHM=INSTANT``, a default for the old column so
  the new app may omit it, two sync triggers: each DDL statement a step of its own) -> migrate
  (batched backfill by primary key) -> contract (drop the triggers, ``DROP COLUMN … ALGORITHM=
  INPLACE, LOCK=NONE``). The old app runs through expand and migrate, the new app from expand on;
  the old app is stopped before contract. A "nightly report" holds the table's metadata lock (an
  open transaction that read it) for ``--blocker-seconds`` when expand starts, so the first
  ``ALTER`` times out (``lock_wait_timeout``, whole seconds on MySQL) and is retried.
* naively, on a fresh copy of the table: ``RENAME COLUMN`` and one big ``UPDATE`` while the old
  app keeps running (and a short rollout window after).

Reported per app and stage: failed queries (each error printed once with its count), p50/p99/max
latency, the longest wait any workload session spent in a lock state (processlist ``TIME_MS``
sampled every 5 ms on MariaDB), and backfill rows/s. Uses EXPANDCONTRACT_TEST_MYSQL_URL, else a
private mariadbd (tests/mysql.py). Runs on loopback only and stops by itself.
"""

from __future__ import annotations

import json
import random
import sys
import threading
import time
import uuid
from collections import defaultdict
from pathlib import Path

import pymysql
from pymysql.constants import CLIENT

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.bench_zero_downtime import (  # noqa: E402
    Stage,
    backfill_numbers,
    bench_arguments,
    phase_folder,
    print_report,
    run_phases,
    summarise,
)
from tests.mysql import MySQLServer, mysql_server_for_tests  # noqa: E402

EXPAND = """\
ALTER TABLE accounts ADD COLUMN email_address VARCHAR(255) NULL, ALGORITHM=INSTANT;
ALTER TABLE accounts ALTER COLUMN email SET DEFAULT '';
CREATE TRIGGER accounts_sync_ins BEFORE INSERT ON accounts FOR EACH ROW
  SET NEW.email_address = COALESCE(NEW.email_address, TRIM(NEW.email)),
      NEW.email = IF(NEW.email = '', NEW.email_address, NEW.email);
CREATE TRIGGER accounts_sync_upd BEFORE UPDATE ON accounts FOR EACH ROW
  SET NEW.email_address = IF(NEW.email <> OLD.email, TRIM(NEW.email), NEW.email_address),
      NEW.email = IF(NEW.email = OLD.email AND NOT (NEW.email_address <=> OLD.email_address),
                     NEW.email_address, NEW.email);
"""
MIGRATE = "UPDATE accounts SET email_address = TRIM(email) WHERE email_address IS NULL;\n"
CONTRACT = """\
DROP TRIGGER accounts_sync_ins;
DROP TRIGGER accounts_sync_upd;
ALTER TABLE accounts DROP COLUMN email, ALGORITHM=INPLACE, LOCK=NONE;
"""
NAIVE = ("ALTER TABLE accounts RENAME COLUMN email TO email_address",
         "UPDATE accounts SET email_address = TRIM(email_address)")

BATCH_TARGET = "0.1"
BLOCKER_S = 4.0  # longer than PostgreSQL's 1.5 s: the runner's start (the server version, lint) comes first
LOCK_TIMEOUT: str | None = None


def create_table(server: MySQLServer, db: str, rows: int) -> None:
    with server.connect(db) as conn, conn.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS accounts")
        cur.execute("""CREATE TABLE accounts (
            id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
            email VARCHAR(255) NOT NULL,
            balance INT NOT NULL DEFAULT 0,
            updated_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)) ENGINE=InnoDB""")
        done = 0
        while done < rows:  # in chunks: one huge INSERT … SELECT would outgrow the small redo log
            n = min(100_000, rows - done)
            cur.execute(f"INSERT INTO accounts (id, email, balance) SELECT seq, CONCAT('user', seq, '@example.com'), "
                        f"seq % 1000 FROM seq_{done + 1}_to_{done + n}")
            done += n
        cur.execute("ANALYZE TABLE accounts")
        cur.fetchall()


class Workload:
    """``connections`` threads running one app's queries with a little think time."""

    def __init__(self, server: MySQLServer, db: str, app: str, column: str, connections: int, rows: int,
                 clock: Stage) -> None:
        self.server, self.db, self.app, self.column, self.rows, self.clock = server, db, app, column, rows, clock
        self.stop_event = threading.Event()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.failures: dict[str, int] = defaultdict(int)
        self.errors: dict[str, int] = defaultdict(int)
        self.slowest = (0.0, "", "")
        self.lock = threading.Lock()
        self.ids: set[int] = set()
        self.threads = [threading.Thread(target=self._run, args=(i,), daemon=True) for i in range(connections)]

    def start(self) -> Workload:
        for t in self.threads:
            t.start()
        return self

    def stop(self) -> None:
        self.stop_event.set()
        for t in self.threads:
            t.join(timeout=120)

    def _connect(self):
        conn = self.server.connect(self.db)
        with self.lock:
            self.ids.add(conn.thread_id())
        return conn

    def _run(self, number: int) -> None:
        rng = random.Random(f"{self.app}{number}")
        col = self.column
        conn = self._connect()
        while not self.stop_event.is_set():
            key = rng.randint(1, self.rows)
            roll = rng.random()
            if roll < 0.70:
                query, params = f"SELECT id, {col}, balance FROM accounts WHERE id = %s", (key,)
            elif roll < 0.95:
                query = (f"UPDATE accounts SET balance = balance + 1, {col} = %s, updated_at = CURRENT_TIMESTAMP(6) "
                         "WHERE id = %s")
                params = (f"user{key}@example.com", key)
            else:
                query, params = f"INSERT INTO accounts ({col}, balance) VALUES (%s, 0)", (f"new{uuid.uuid4().hex}@x",)
            stage = self.clock.name
            t0 = time.perf_counter()
            try:
                with conn.cursor() as cur:
                    cur.execute(query, params)
                    cur.fetchall()
                elapsed = time.perf_counter() - t0
                with self.lock:
                    self.latency[stage].append(elapsed)
                    if elapsed > self.slowest[0]:
                        self.slowest = (elapsed, stage, query.split()[0])
            except pymysql.MySQLError as exc:
                with self.lock:
                    self.failures[stage] += 1
                    self.errors[f"{stage}: {query.split()[0]}: {exc.args[0]} {str(exc.args[-1])[:80]}"] += 1
                if not conn.open:
                    conn = self._connect()
            time.sleep(0.003)
        conn.close()


class LockWaitMonitor:
    """Samples the processlist every 5 ms: the longest time a workload session sat in a
    ``Waiting for … lock`` state (MariaDB's TIME_MS), and InnoDB row-lock waits."""

    def __init__(self, server: MySQLServer, workloads: list[Workload]) -> None:
        self.server, self.workloads = server, workloads
        self.longest: dict[str, float] = defaultdict(float)
        self.stage: Stage | None = None
        self.stop_event = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def start(self, stage: Stage) -> LockWaitMonitor:
        self.stage = stage
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stop_event.set()
        self.thread.join(timeout=10)

    def _run(self) -> None:
        with self.server.connect() as conn, conn.cursor() as cur:
            while not self.stop_event.wait(0.005):
                ids = set().union(*(w.ids for w in self.workloads))
                if not ids:
                    continue
                marks = ", ".join(str(i) for i in ids)
                cur.execute(f"""SELECT MAX(TIME_MS) / 1000 FROM information_schema.PROCESSLIST
                                 WHERE ID IN ({marks}) AND STATE LIKE 'Waiting for%%lock%%'""")
                mdl = cur.fetchone()[0]
                cur.execute(f"""SELECT MAX(TIMESTAMPDIFF(MICROSECOND, trx_wait_started, NOW(6))) / 1e6
                                  FROM information_schema.INNODB_TRX WHERE trx_mysql_thread_id IN ({marks})
                                   AND trx_state = 'LOCK WAIT'""")
                row = cur.fetchone()[0]
                waited = max(float(mdl or 0), float(row or 0))
                if waited:
                    name = self.stage.name
                    self.longest[name] = max(self.longest[name], waited)


class Blocker:
    """A report: an open transaction that read accounts (so it holds its metadata lock) for ``seconds``."""

    def __init__(self, server: MySQLServer, db: str, seconds: float) -> None:
        self.conn = server.connect(db)
        with self.conn.cursor() as cur:
            cur.execute("BEGIN")
            cur.execute("SELECT COUNT(*) FROM accounts WHERE id < 10")
            cur.fetchall()
        self.timer = threading.Timer(seconds, self.conn.rollback)
        self.timer.start()

    def close(self) -> None:
        self.timer.join()
        self.conn.close()


def run_with_runner(server: MySQLServer, db: str, rows: int, connections: int, baseline_s: float) -> dict:
    url = server.url(db)
    create_table(server, db, rows)
    folder = phase_folder("ec-bench-mysql-", EXPAND, MIGRATE, CONTRACT)
    stage = Stage()
    old = Workload(server, db, "old-app", "email", connections, rows, stage)
    new = Workload(server, db, "new-app", "email_address", connections, rows, stage)
    monitor = LockWaitMonitor(server, [old, new]).start(stage)
    blocker = (lambda: Blocker(server, db, BLOCKER_S)) if BLOCKER_S else None
    timings, events = run_phases(url, folder, stage, old, new, baseline_s, blocker, BATCH_TARGET, LOCK_TIMEOUT)
    timings["expand_lock_timeouts"] = [f"{e['lock_timeout']} (attempt {e['attempt']})" for e in events["expand"]
                                       if e["event"] == "lock_timeout"]
    monitor.stop()
    with server.connect(db) as conn, conn.cursor() as cur:
        cur.execute("SELECT COUNT(*) FROM accounts WHERE email_address IS NULL")
        missing = cur.fetchone()[0]
    return {**summarise([old, new], monitor), **timings,  # type: ignore[list-item]
            **backfill_numbers(events["migrate"]), "rows_left_without_email_address": missing}


def run_naive(server: MySQLServer, db: str, rows: int, connections: int, baseline_s: float) -> dict:
    create_table(server, db, rows)
    stage = Stage()
    old = Workload(server, db, "old-app", "email", connections, rows, stage)
    new = Workload(server, db, "new-app", "email_address", connections, rows, stage)
    monitor = LockWaitMonitor(server, [old, new]).start(stage)
    old.start()
    time.sleep(baseline_s)
    stage.set("migration")
    t0 = time.monotonic()
    with server.connect(db, client_flag=CLIENT.FOUND_ROWS) as conn, conn.cursor() as cur:
        cur.execute(NAIVE[0])
        updated = cur.execute(NAIVE[1])  # rows matched (FOUND_ROWS), not only those it changed
    seconds = time.monotonic() - t0
    stage.set("rollout")
    new.start()
    time.sleep(1.0)
    old.stop()
    stage.set("after")
    time.sleep(2.0)
    new.stop()
    monitor.stop()
    return {**summarise([old, new], monitor), "migration_s": round(seconds, 2),  # type: ignore[list-item]
            "update_rows": updated, "update_rows_per_second": round(updated / seconds, 1)}


def main() -> None:
    parser = bench_arguments(__doc__, 300_000, "the runner's --lock-timeout [its default; whole seconds on MySQL]", 4.0,
                             "a report holds the table's metadata lock this long when expand starts (0: none)")
    args = parser.parse_args()
    global BATCH_TARGET, LOCK_TIMEOUT, BLOCKER_S
    BATCH_TARGET, LOCK_TIMEOUT, BLOCKER_S = args.batch_target, args.lock_timeout, args.blocker_seconds
    with mysql_server_for_tests() as server:
        db = "ec_bench_" + uuid.uuid4().hex[:8]
        with server.connect() as conn, conn.cursor() as cur:
            cur.execute(f"CREATE DATABASE `{db}`")
            cur.execute("SELECT VERSION()")
            version = cur.fetchone()[0]
        try:
            results = {"server": version, "rows": args.rows, "connections_per_app": args.connections,
                       "batch_target": args.batch_target}
            results["runner"] = run_with_runner(server, db, args.rows, args.connections, args.baseline)
            print(f"server: {version}")
            print_report("expand -> migrate -> contract with the runner", results["runner"])
            if not args.skip_naive:
                results["naive"] = run_naive(server, db, args.rows, args.connections, args.baseline)
                print_report("naive: RENAME COLUMN + one big UPDATE", results["naive"])
        finally:
            with server.connect() as conn, conn.cursor() as cur:
                cur.execute(f"DROP DATABASE IF EXISTS `{db}`")
                cur.execute(f"DROP DATABASE IF EXISTS `expandcontract_{db}`")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
