"""The runner's state, in a schema of its own (``expandcontract``) in the target database (on
MariaDB/MySQL, a database of its own, ``expandcontract_<database>``: ``mysql_state.py``).

A phase's steps are recorded one by one: a transactional step inside its own transaction, a
non-transactional one right after it; a backfill's checkpoint inside each batch's transaction.
So the state never claims more than the database holds, and a rerun resumes at the first step
that is not recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import psycopg

from .db import lock_holder
from .settings import DEFAULT_SETTINGS, RunSettings, format_duration

__all__ = ["BackfillCheckpoint", "PhaseState", "StateStore"]

SCHEMA = "expandcontract"

DDL = f"""
CREATE SCHEMA IF NOT EXISTS {SCHEMA};
CREATE TABLE IF NOT EXISTS {SCHEMA}.migrations (
    name        text PRIMARY KEY,
    path        text NOT NULL,
    phased      boolean NOT NULL,
    status      text NOT NULL,      -- running | failed | applied (up to its last phase run) | aborted
    phases      text[],             -- the phases its files have (expand, migrate, contract)
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS {SCHEMA}.phases (
    migration   text NOT NULL REFERENCES {SCHEMA}.migrations ON DELETE CASCADE,
    phase       text NOT NULL,      -- expand | migrate | contract
    path        text NOT NULL,
    checksum    text NOT NULL,      -- sha256 of the script when the phase started
    status      text NOT NULL,      -- running | failed | done
    steps_total integer NOT NULL,
    failed_step integer,
    error       text,
    started_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (migration, phase)
);
CREATE TABLE IF NOT EXISTS {SCHEMA}.steps (
    migration   text NOT NULL,
    phase       text NOT NULL,
    step        integer NOT NULL,
    kind        text NOT NULL,
    line        integer NOT NULL,
    attempts    integer NOT NULL,
    seconds     double precision NOT NULL,
    finished_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (migration, phase, step),
    FOREIGN KEY (migration, phase) REFERENCES {SCHEMA}.phases ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS {SCHEMA}.backfills (
    migration      text NOT NULL,
    phase          text NOT NULL,
    step           integer NOT NULL,
    table_name     text NOT NULL,
    key_column     text NOT NULL,
    high_key       text,            -- the largest key when the backfill started; later rows are the trigger's
    last_key       text,            -- every key <= last_key is done
    rows_updated   bigint NOT NULL DEFAULT 0,
    keys_done      bigint NOT NULL DEFAULT 0,
    estimated_rows bigint,
    batches        integer NOT NULL DEFAULT 0,
    batch_size     integer NOT NULL,
    seconds        double precision NOT NULL DEFAULT 0,
    done           boolean NOT NULL DEFAULT false,
    started_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (migration, phase, step),
    FOREIGN KEY (migration, phase) REFERENCES {SCHEMA}.phases ON DELETE CASCADE
);
"""

# objects added after the first release: added to a state schema an older runner created
UPGRADE = f"""
ALTER TABLE {SCHEMA}.migrations ADD COLUMN IF NOT EXISTS phases text[];
ALTER TABLE {SCHEMA}.backfills ADD COLUMN IF NOT EXISTS remaining bigint;  -- rows still matching at the end
CREATE TABLE IF NOT EXISTS {SCHEMA}.overrides (
    migration   text NOT NULL,
    phase       text NOT NULL,
    path        text NOT NULL,
    old_checksum text NOT NULL,
    new_checksum text NOT NULL,
    reason      text NOT NULL,
    by_user     text NOT NULL DEFAULT current_user,
    at          timestamptz NOT NULL DEFAULT now()
);
"""
_UPGRADED = f"""SELECT to_regclass('{SCHEMA}.overrides') IS NOT NULL AND EXISTS (
    SELECT 1 FROM pg_attribute WHERE attrelid = '{SCHEMA}.migrations'::regclass AND attname = 'phases'
       AND NOT attisdropped) AND EXISTS (
    SELECT 1 FROM pg_attribute WHERE attrelid = '{SCHEMA}.backfills'::regclass AND attname = 'remaining'
       AND NOT attisdropped)"""


@dataclass
class PhaseState:
    migration: str
    phase: str
    checksum: str
    status: str
    steps_total: int
    failed_step: int | None = None
    error: str | None = None
    started_at: str | None = None
    finished_at: str | None = None
    done_steps: set[int] = field(default_factory=set)


@dataclass
class BackfillCheckpoint:
    table: str
    key: str
    high_key: str | None
    last_key: str | None
    rows_updated: int
    keys_done: int
    estimated_rows: int | None
    batches: int
    batch_size: int
    seconds: float
    done: bool


class PgStateSql:
    """What the state's SQL says differently per server (``mysql_state.MySQLStateSql``): where the
    tables are, creating them, upserts, and reading a value an older state may lack."""

    schema = SCHEMA
    upsert_migration = """ON CONFLICT (name) DO UPDATE SET status = 'running', path = excluded.path,
                        phases = coalesce(excluded.phases, {schema}.migrations.phases), updated_at = now()"""
    upsert_phase = """ON CONFLICT (migration, phase) DO UPDATE SET status = 'running', failed_step = NULL,
                        error = NULL, updated_at = now()"""
    insert_ignore = "INSERT INTO"
    on_conflict_ignore = "ON CONFLICT DO NOTHING"
    phases_column = "to_jsonb(m) -> 'phases'"  # an older state has no ``phases`` column (read as NULL)
    remaining_column = "(to_jsonb(b) ->> 'remaining')::bigint"

    def exists(self, conn) -> bool:
        """The state tables are there (and readable: to_regclass needs USAGE on the schema)."""
        return conn.execute(
            "SELECT CASE WHEN to_regnamespace(%s) IS NULL THEN false WHEN has_schema_privilege(%s, 'USAGE') "
            "THEN to_regclass(%s) IS NOT NULL ELSE false END",
            (SCHEMA, SCHEMA, f"{SCHEMA}.backfills")).fetchone()[0]

    def ensure(self, conn, settings: RunSettings) -> None:
        if self.exists(conn) and conn.execute(_UPGRADED).fetchone()[0]:
            return
        with conn.transaction():
            conn.execute(f"SET LOCAL lock_timeout = '{format_duration(settings.lock_timeout)}'")
            conn.execute(DDL)
            conn.execute(UPGRADE)

    def has_overrides(self, conn) -> bool:
        return conn.execute(f"SELECT to_regclass('{SCHEMA}.overrides') IS NOT NULL").fetchone()[0]

    def phases_value(self, phases: Sequence[str] | None):
        return list(phases) if phases is not None else None

    def read_phases(self, value) -> list[str] | None:
        return value

    def holder(self, conn) -> dict | None:
        return lock_holder(conn)


class StateStore:
    """Reads and writes the state tables. Writes that belong to a step take its connection, inside
    its transaction; the others run in a short transaction of their own. The SQL is PostgreSQL's
    and MySQL's both, but for what ``sql`` (``PgStateSql`` or ``MySQLStateSql``) says."""

    def __init__(self, conn: psycopg.Connection, settings: RunSettings = DEFAULT_SETTINGS, sql=None) -> None:
        self.conn = conn
        self.settings = settings
        if sql is None:
            from .mysql_state import state_sql_for

            sql = state_sql_for(conn) or PgStateSql()
        self.sql = sql

    # -- setup --------------------------------------------------------------------------------

    def exists(self) -> bool:
        return self.sql.exists(self.conn)

    def ensure(self) -> None:
        self.sql.ensure(self.conn, self.settings)

    # -- reads --------------------------------------------------------------------------------

    def migrations(self) -> dict[str, dict]:
        if not self.exists():
            return {}
        rows = self.conn.execute(
            f"""SELECT name, path, phased, status, created_at, updated_at, {self.sql.phases_column}
                  FROM {self.sql.schema}.migrations m ORDER BY created_at, name"""
        ).fetchall()
        return {r[0]: {"name": r[0], "path": r[1], "phased": bool(r[2]), "status": r[3],
                       "created_at": r[4].isoformat(timespec="seconds"),
                       "updated_at": r[5].isoformat(timespec="seconds"), "created": r[4],
                       "phases": self.sql.read_phases(r[6])} for r in rows}

    def phases(self) -> dict[tuple[str, str], PhaseState]:
        if not self.exists():
            return {}
        out = {}
        for r in self.conn.execute(
            f"""SELECT migration, phase, checksum, status, steps_total, failed_step, error, started_at, finished_at
                  FROM {self.sql.schema}.phases"""
        ).fetchall():
            out[(r[0], r[1])] = PhaseState(r[0], r[1], r[2], r[3], r[4], r[5], r[6],
                                           r[7].isoformat(timespec="seconds") if r[7] else None,
                                           r[8].isoformat(timespec="seconds") if r[8] else None)
        for migration, phase, step in self.conn.execute(f"SELECT migration, phase, step FROM {self.sql.schema}.steps"):
            if (migration, phase) in out:
                out[(migration, phase)].done_steps.add(step)
        return out

    def backfill(self, migration: str, phase: str, step: int) -> BackfillCheckpoint | None:
        row = self.conn.execute(
            f"""SELECT table_name, key_column, high_key, last_key, rows_updated, keys_done, estimated_rows,
                       batches, batch_size, seconds, done
                  FROM {self.sql.schema}.backfills WHERE migration = %s AND phase = %s AND step = %s""",
            (migration, phase, step),
        ).fetchone()
        if row is None:
            return None
        return BackfillCheckpoint(*row[:-1], bool(row[-1]))

    def backfills(self) -> list[dict]:
        if not self.exists():
            return []
        cols = ("migration", "phase", "step", "table", "key", "last_key", "rows_updated", "keys_done",
                "estimated_rows", "batches", "seconds", "done", "updated_at", "remaining")
        rows = self.conn.execute(
            f"""SELECT migration, phase, step, table_name, key_column, last_key, rows_updated, keys_done,
                       estimated_rows, batches, seconds, done, updated_at, {self.sql.remaining_column}
                  FROM {self.sql.schema}.backfills b ORDER BY migration, phase, step"""
        ).fetchall()
        return [{**dict(zip(cols, r, strict=True)), "done": bool(r[11])} for r in rows]

    def holder(self) -> dict | None:
        return self.sql.holder(self.conn)

    # -- writes -------------------------------------------------------------------------------

    def start_phase(self, migration: str, path: str, phased: bool, phase: str, phase_path: str,
                    checksum: str, steps: int, phases: Sequence[str] | None = None) -> None:
        """``phases``: every phase the migration's files have, so that a later run knows it is
        unfinished even when its files are not on that run's command line."""
        with self.conn.transaction():
            self.conn.execute(
                f"""INSERT INTO {self.sql.schema}.migrations (name, path, phased, status, phases)
                    VALUES (%s, %s, %s, 'running', %s)
                    {self.sql.upsert_migration.format(schema=self.sql.schema)}""",
                (migration, path, phased, self.sql.phases_value(phases)),
            )
            self.conn.execute(
                f"""INSERT INTO {self.sql.schema}.phases (migration, phase, path, checksum, status, steps_total)
                    VALUES (%s, %s, %s, %s, 'running', %s)
                    {self.sql.upsert_phase}""",
                (migration, phase, phase_path, checksum, steps),
            )

    def record_step(self, conn: psycopg.Connection, migration: str, phase: str, step: int, kind: str,
                    line: int, attempts: int, seconds: float) -> None:
        """Inside the step's own transaction when it has one."""
        conn.execute(
            f"""{self.sql.insert_ignore} {self.sql.schema}.steps (migration, phase, step, kind, line, attempts,
                    seconds) VALUES (%s, %s, %s, %s, %s, %s, %s) {self.sql.on_conflict_ignore}""",
            (migration, phase, step, kind, line, attempts, seconds),
        )

    def finish_phase(self, migration: str, phase: str, last_phase: bool) -> None:
        with self.conn.transaction():
            self.conn.execute(
                f"""UPDATE {self.sql.schema}.phases SET status = 'done', finished_at = now(), updated_at = now()
                     WHERE migration = %s AND phase = %s""",
                (migration, phase),
            )
            self.conn.execute(
                f"UPDATE {self.sql.schema}.migrations SET status = %s, updated_at = now() WHERE name = %s",
                ("applied" if last_phase else "running", migration),
            )

    def fail_phase(self, migration: str, phase: str, step: int | None, error: str) -> None:
        with self.conn.transaction():
            self.conn.execute(
                f"""UPDATE {self.sql.schema}.phases SET status = 'failed', failed_step = %s, error = %s, updated_at = now()
                     WHERE migration = %s AND phase = %s""",
                (step, error, migration, phase),
            )
            self.conn.execute(
                f"UPDATE {self.sql.schema}.migrations SET status = 'failed', updated_at = now() WHERE name = %s", (migration,)
            )

    def accept_change(self, migration: str, phase: str, path: str, old: str, new: str, reason: str) -> None:
        """An applied phase's file changed on purpose: record who accepted it, and its new checksum."""
        with self.conn.transaction():
            self.conn.execute(
                f"""INSERT INTO {self.sql.schema}.overrides (migration, phase, path, old_checksum, new_checksum,
                    reason, by_user) VALUES (%s, %s, %s, %s, %s, %s, current_user)""",
                (migration, phase, path, old, new, reason))
            self.conn.execute(f"UPDATE {self.sql.schema}.phases SET checksum = %s, updated_at = now() "
                              "WHERE migration = %s AND phase = %s", (new, migration, phase))

    def overrides(self) -> list[dict]:
        if not self.exists() or not self.sql.has_overrides(self.conn):
            return []
        cols = ("migration", "phase", "path", "old_checksum", "new_checksum", "reason", "by_user", "at")
        rows = self.conn.execute(f"SELECT {', '.join(cols)} FROM {self.sql.schema}.overrides ORDER BY at").fetchall()
        return [dict(zip(cols, r, strict=True)) for r in rows]

    def mark_aborted(self, migration: str) -> None:
        with self.conn.transaction():
            self.conn.execute(f"DELETE FROM {self.sql.schema}.phases WHERE migration = %s", (migration,))
            self.conn.execute(
                f"UPDATE {self.sql.schema}.migrations SET status = 'aborted', updated_at = now() WHERE name = %s", (migration,)
            )

    def final_pass(self, migration: str, phase: str, step: int, *, high_key: str | None, remaining: int) -> None:
        """Rows still match the backfill's WHERE after its last batch: it is not done. The next run
        goes over the table again from its start, up to the key that is the largest now."""
        with self.conn.transaction():
            self.conn.execute(
                f"""UPDATE {self.sql.schema}.backfills SET done = false, last_key = NULL, high_key = %s, remaining = %s,
                           updated_at = now() WHERE migration = %s AND phase = %s AND step = %s""",
                (high_key, remaining, migration, phase, step))

    # backfill checkpoints: always inside the batch's transaction (``conn`` is in it)

    def start_backfill(self, conn: psycopg.Connection, migration: str, phase: str, step: int, table: str,
                       key: str, high_key: str | None, estimated: int | None, batch_size: int) -> None:
        conn.execute(
            f"""{self.sql.insert_ignore} {self.sql.schema}.backfills (migration, phase, step, table_name,
                    key_column, high_key, estimated_rows, batch_size, done)
                VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) {self.sql.on_conflict_ignore}""",
            (migration, phase, step, table, key, high_key, estimated, batch_size, high_key is None),
        )

    def checkpoint(self, conn: psycopg.Connection, migration: str, phase: str, step: int, *, last_key: str | None,
                   rows: int, keys: int, batch_size: int, seconds: float, done: bool) -> None:
        conn.execute(
            f"""UPDATE {self.sql.schema}.backfills SET last_key = coalesce(%s, last_key), rows_updated = rows_updated + %s,
                       keys_done = keys_done + %s, batches = batches + 1, batch_size = %s,
                       seconds = seconds + %s, done = %s, updated_at = now()
                 WHERE migration = %s AND phase = %s AND step = %s""",
            (last_key, rows, keys, batch_size, seconds, done, migration, phase, step),
        )
