"""The runner's state on MariaDB/MySQL: the tables of ``state.py`` in a database of their own,
``expandcontract_<database>``, with MySQL's types and upserts; ``StateStore`` runs the rest of
its SQL unchanged.

One more table here: ``ddl_in_flight``. MySQL commits every DDL statement on its own, before
the runner can record it; so the runner writes "about to run step N" first and clears it in the
transaction that records the step. A rerun that finds the mark knows the DDL may have committed
just before the runner died (``MySQLExecutor`` then accepts "already exists" as done).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from .mysql_db import MySQLConnection, lock_holder, quote
from .settings import RunSettings

__all__ = ["MySQLStateSql", "state_sql_for"]

_DDL = """
CREATE TABLE IF NOT EXISTS {s}.migrations (
    name        VARCHAR(255) NOT NULL PRIMARY KEY,
    path        TEXT NOT NULL,
    phased      BOOLEAN NOT NULL,
    status      VARCHAR(32) NOT NULL,
    phases      TEXT,
    created_at  TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at  TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE IF NOT EXISTS {s}.phases (
    migration   VARCHAR(255) NOT NULL,
    phase       VARCHAR(32) NOT NULL,
    path        TEXT NOT NULL,
    checksum    VARCHAR(64) NOT NULL,
    status      VARCHAR(32) NOT NULL,
    steps_total INTEGER NOT NULL,
    failed_step INTEGER,
    error       TEXT,
    started_at  TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    finished_at TIMESTAMP(6) NULL,
    updated_at  TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (migration, phase),
    FOREIGN KEY (migration) REFERENCES {s}.migrations (name) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE IF NOT EXISTS {s}.steps (
    migration   VARCHAR(255) NOT NULL,
    phase       VARCHAR(32) NOT NULL,
    step        INTEGER NOT NULL,
    kind        VARCHAR(32) NOT NULL,
    line        INTEGER NOT NULL,
    attempts    INTEGER NOT NULL,
    seconds     DOUBLE NOT NULL,
    finished_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (migration, phase, step),
    FOREIGN KEY (migration, phase) REFERENCES {s}.phases (migration, phase) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE IF NOT EXISTS {s}.backfills (
    migration      VARCHAR(255) NOT NULL,
    phase          VARCHAR(32) NOT NULL,
    step           INTEGER NOT NULL,
    table_name     VARCHAR(255) NOT NULL,
    key_column     VARCHAR(1024) NOT NULL,
    high_key       TEXT,
    last_key       TEXT,
    rows_updated   BIGINT NOT NULL DEFAULT 0,
    keys_done      BIGINT NOT NULL DEFAULT 0,
    estimated_rows BIGINT,
    batches        INTEGER NOT NULL DEFAULT 0,
    batch_size     INTEGER NOT NULL,
    seconds        DOUBLE NOT NULL DEFAULT 0,
    done           BOOLEAN NOT NULL DEFAULT FALSE,
    remaining      BIGINT,
    started_at     TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at     TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (migration, phase, step),
    FOREIGN KEY (migration, phase) REFERENCES {s}.phases (migration, phase) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE IF NOT EXISTS {s}.overrides (
    migration    VARCHAR(255) NOT NULL,
    phase        VARCHAR(32) NOT NULL,
    path         TEXT NOT NULL,
    old_checksum VARCHAR(64) NOT NULL,
    new_checksum VARCHAR(64) NOT NULL,
    reason       TEXT NOT NULL,
    by_user      VARCHAR(512) NOT NULL,
    at           TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE IF NOT EXISTS {s}.ddl_in_flight (
    migration   VARCHAR(255) NOT NULL,
    phase       VARCHAR(32) NOT NULL,
    step        INTEGER NOT NULL,
    line        INTEGER NOT NULL,
    started_at  TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (migration, phase, step)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
"""


class MySQLStateSql:
    upsert_migration = """ON DUPLICATE KEY UPDATE status = 'running', path = VALUES(path),
                        phases = COALESCE(VALUES(phases), phases), updated_at = CURRENT_TIMESTAMP(6)"""
    upsert_phase = """ON DUPLICATE KEY UPDATE status = 'running', failed_step = NULL, error = NULL,
                        updated_at = CURRENT_TIMESTAMP(6)"""
    insert_ignore = "INSERT IGNORE INTO"
    on_conflict_ignore = ""
    phases_column = "phases"
    remaining_column = "remaining"

    def __init__(self, database: str) -> None:
        self.database = database
        self.schema = quote(database)

    def exists(self, conn: MySQLConnection) -> bool:
        return bool(conn.execute("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = %s AND "
                                 "TABLE_NAME IN ('backfills', 'ddl_in_flight')", (self.database,)).fetchone()[0] == 2)

    def ensure(self, conn: MySQLConnection, settings: RunSettings) -> None:
        if self.exists(conn):
            return
        conn.execute(f"SET SESSION lock_wait_timeout = {lock_wait_seconds(settings.lock_timeout)}")
        conn.execute(f"CREATE DATABASE IF NOT EXISTS {self.schema} DEFAULT CHARACTER SET utf8mb4")
        for statement in _DDL.format(s=self.schema).split(";"):
            if statement.strip():
                conn.execute(statement)

    def has_overrides(self, conn: MySQLConnection) -> bool:
        return self.exists(conn)

    def phases_value(self, phases: Sequence[str] | None) -> str | None:
        return json.dumps(list(phases)) if phases is not None else None

    def read_phases(self, value: str | None) -> list[str] | None:
        return json.loads(value) if value else None

    def holder(self, conn: MySQLConnection) -> dict | None:
        return lock_holder(conn)

    # a DDL statement about to run: see the module's docstring

    def mark_in_flight(self, conn: MySQLConnection, migration: str, phase: str, step: int, line: int) -> None:
        conn.execute(f"REPLACE INTO {self.schema}.ddl_in_flight (migration, phase, step, line) VALUES (%s, %s, %s, %s)",
                     (migration, phase, step, line))

    def in_flight(self, conn: MySQLConnection, migration: str, phase: str, step: int) -> bool:
        return conn.execute(f"SELECT COUNT(*) FROM {self.schema}.ddl_in_flight WHERE migration = %s AND phase = %s "
                            "AND step = %s", (migration, phase, step)).fetchone()[0] > 0

    def clear_in_flight(self, conn: MySQLConnection, migration: str, phase: str, step: int) -> None:
        conn.execute(f"DELETE FROM {self.schema}.ddl_in_flight WHERE migration = %s AND phase = %s AND step = %s",
                     (migration, phase, step))


def lock_wait_seconds(lock_timeout: float) -> int:
    """MySQL's lock_wait_timeout and innodb_lock_wait_timeout count whole seconds (at least 1).

    >>> lock_wait_seconds(0.1), lock_wait_seconds(1), lock_wait_seconds(2.5)
    (1, 1, 3)
    """
    import math

    return max(1, math.ceil(lock_timeout - 1e-9))


def state_sql_for(conn) -> MySQLStateSql | None:
    """The MySQL state SQL for a MariaDB/MySQL connection, None for PostgreSQL's."""
    if isinstance(conn, MySQLConnection):
        return MySQLStateSql(conn.target.state_database)
    return None
