"""PostgreSQL plumbing: connecting (masked errors), the runner's advisory lock, who blocks whom,
and the catalog lookups the runner needs (primary keys, index validity)."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass

import psycopg
from psycopg import sql

from .errors import AnotherRunner, DatabaseUnreachable
from .urls import check_url, is_mysql_url, mask_url, redact

__all__ = ["BlockerWatch", "KeyColumn", "acquire_runner_lock", "connect", "database_url", "lock_holder"]

APPLICATION = "expandcontract"
# pg_try_advisory_lock(int, int): one lock per database, shared by every runner
LOCK_KEY = (0x65634D47, 1)  # "ecMG"


def database_url(url: str | None) -> str:
    """The ``--database-url`` value, else ``DATABASE_URL``; a missing or malformed one is bad input."""
    url = url or os.environ.get("DATABASE_URL")
    if not url:
        raise DatabaseUnreachable("--database-url", "no database URL: pass --database-url or set DATABASE_URL")
    if is_mysql_url(url):
        from .mysql_db import parse_url

        parse_url(url)
    else:
        valid_conninfo(url)
    return url


def valid_conninfo(url: str) -> str:
    """``url`` as libpq conninfo, or ``DatabaseUnreachable`` (one line, password masked) when libpq
    cannot read it or would misread its password."""
    problem = check_url(url)
    if problem is None:
        try:
            return psycopg.conninfo.make_conninfo(url)
        except (psycopg.Error, ValueError) as exc:
            problem = _first_line(exc, url)
    raise DatabaseUnreachable(mask_url(url), f"not a valid database URL: {problem}")


def connect(url: str, *, purpose: str, read_only: bool = False, connect_timeout: int = 10) -> psycopg.Connection:
    """An autocommit connection named ``expandcontract <purpose>`` in pg_stat_activity."""
    options = "-c default_transaction_read_only=on" if read_only else None
    conninfo = valid_conninfo(url)
    try:
        kwargs = {"options": options} if options else {}
        return psycopg.connect(conninfo, autocommit=True, connect_timeout=connect_timeout,
                               application_name=f"{APPLICATION} {purpose}", **kwargs)
    except psycopg.Error as exc:
        raise DatabaseUnreachable(mask_url(url), f"cannot connect: {_first_line(exc, url)}") from None


def _first_line(exc: BaseException, url: str) -> str:
    text = " ".join(str(exc).split("\n")[0].split()) or type(exc).__name__
    return redact(text, url)


def lock_holder(conn: psycopg.Connection) -> dict | None:
    """The session holding the runner's advisory lock, if any."""
    row = conn.execute(
        """SELECT a.pid, a.application_name, host(a.client_addr), a.backend_start,
                  extract(epoch FROM now() - a.backend_start)::float8, a.usename
             FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.database = (
                  SELECT oid FROM pg_database WHERE datname = current_database())
              AND l.classid = %s::oid AND l.objid = %s::oid AND l.objsubid = 2""",
        LOCK_KEY,
    ).fetchone()
    if row is None:
        return None
    return {"pid": row[0], "application_name": row[1], "client_addr": row[2],
            "since": row[3].isoformat(timespec="seconds"), "held_s": row[4], "user": row[5]}


def acquire_runner_lock(conn: psycopg.Connection) -> None:
    """Take the session-level advisory lock, or fail at once naming who holds it."""
    if conn.execute("SELECT pg_try_advisory_lock(%s, %s)", LOCK_KEY).fetchone()[0]:
        return
    holder = lock_holder(conn)
    if holder is None:
        who = "another session (it let go just now: run again)"
    else:
        who = (f"pid {holder['pid']} (application_name {holder['application_name']!r}, client "
               f"{holder['client_addr'] or 'local socket'}, user {holder['user']}, connected since "
               f"{holder['since']}, {holder['held_s']:.0f}s ago)")
    raise AnotherRunner(f"another expandcontract runner is working on this database: {who}. "
                        "Wait for it to finish, or end that session if it is stuck; nothing was run.", holder)


def release_runner_lock(conn: psycopg.Connection) -> None:
    """Let go before closing: a closed connection's backend exits (and frees the lock) a moment
    after the client has moved on, and an immediate rerun would find it still held."""
    if not (conn.closed or conn.broken):
        conn.execute("SELECT pg_advisory_unlock_all()")


_BLOCKERS = """SELECT b.pid, b.application_name, host(b.client_addr), b.state,
                      extract(epoch FROM now() - b.xact_start)::float8,
                      extract(epoch FROM now() - b.query_start)::float8, left(b.query, 300), b.usename
                 FROM pg_stat_activity b WHERE b.pid = ANY(pg_blocking_pids(%s))"""


def blockers_of(conn: psycopg.Connection, pid: int) -> list[dict]:
    rows = conn.execute(_BLOCKERS, (pid,)).fetchall()
    return [{"pid": r[0], "application_name": r[1], "client_addr": r[2], "state": r[3], "xact_age_s": r[4],
             "query_age_s": r[5], "query": r[6], "user": r[7]} for r in rows]


class BlockerWatch:
    """While a step runs, sample ``pg_blocking_pids`` of the runner's backend from a second
    connection, so that a lock timeout can name the sessions that were in the way."""

    def __init__(self, observer: psycopg.Connection | None, pid: int, interval: float,
                 on_snapshot_wait=None, snapshot_after: float = 1.0) -> None:
        self._observer, self._pid, self._interval = observer, pid, interval
        self._stop = threading.Event()
        self._seen: dict[int, dict] = {}
        self._thread: threading.Thread | None = None
        self._on_snapshot_wait, self._snapshot_after = on_snapshot_wait, snapshot_after
        self.snapshot_wait = False  # seen waiting for old snapshots (a virtualxid), not for a table lock

    def __enter__(self) -> BlockerWatch:
        if self._observer is not None:
            self._thread = threading.Thread(target=self._run, name="expandcontract-blockers", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        started, told = time.monotonic(), False
        while not self._stop.wait(self._interval):
            try:
                found = blockers_of(self._observer, self._pid)
                row = self._observer.execute("SELECT wait_event FROM pg_stat_activity WHERE pid = %s",
                                             (self._pid,)).fetchone()
            except psycopg.Error:
                return
            for b in found:
                self._seen[b["pid"]] = b
            if row and row[0] == "virtualxid":
                self.snapshot_wait = True
                if not told and self._on_snapshot_wait and time.monotonic() - started >= self._snapshot_after:
                    told = True
                    self._on_snapshot_wait(found)

    @property
    def blockers(self) -> list[dict]:
        return list(self._seen.values())

@dataclass(frozen=True)
class KeyColumn:
    name: str
    type: str
    nullable: bool
    indexed: bool  # a btree index starts with it: range scans are cheap


def primary_key(conn: psycopg.Connection, table: str) -> KeyColumn | None:
    """The table's primary key when it is a single column, else None."""
    row = conn.execute(
        """SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull
             FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
            WHERE i.indrelid = to_regclass(%s) AND i.indisprimary AND i.indnkeyatts = 1""",
        (table,),
    ).fetchone()
    return KeyColumn(row[0], row[1], row[2], True) if row else None


def primary_key_columns(conn: psycopg.Connection, table: str) -> tuple[KeyColumn, ...]:
    """The table's primary key columns, in the key's order (empty without one)."""
    rows = conn.execute(
        """SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull
             FROM pg_index i, unnest(i.indkey[0:i.indnkeyatts - 1]) WITH ORDINALITY AS k(attnum, n)
             JOIN pg_attribute a ON a.attnum = k.attnum
            WHERE i.indrelid = to_regclass(%s) AND i.indisprimary AND a.attrelid = i.indrelid
            ORDER BY k.n""",
        (table,),
    ).fetchall()
    return tuple(KeyColumn(r[0], r[1], r[2], True) for r in rows)


def key_column(conn: psycopg.Connection, table: str, name: str) -> KeyColumn | None:
    row = conn.execute(
        """SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull,
                  EXISTS (SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                           JOIN pg_am am ON am.oid = c.relam
                          WHERE i.indrelid = a.attrelid AND i.indkey[0] = a.attnum AND am.amname = 'btree'
                            AND i.indpred IS NULL)
             FROM pg_attribute a
            WHERE a.attrelid = to_regclass(%s) AND a.attname = %s AND a.attnum > 0 AND NOT a.attisdropped""",
        (table, name),
    ).fetchone()
    return KeyColumn(row[0], row[1], row[2], row[3]) if row else None


def table_exists(conn: psycopg.Connection, table: str) -> bool:
    return conn.execute("SELECT to_regclass(%s) IS NOT NULL", (table,)).fetchone()[0]


def index_state(conn: psycopg.Connection, name: str, schema: str | None,
                table: str | None = None) -> tuple[str | None, str | None]:
    """(``'valid'`` | ``'invalid'`` (a failed concurrent build left it) | None (absent), its schema).

    Found where PostgreSQL puts it: the written schema, else the schema of the table it is built on
    (resolved on the search_path, as CREATE INDEX does), else by the name on the search_path."""
    row = conn.execute(
        """SELECT i.indisvalid AND i.indisready, n.nspname
             FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
             JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relname = %(name)s AND CASE
                  WHEN %(schema)s::text IS NOT NULL THEN n.nspname = %(schema)s
                  WHEN to_regclass(%(table)s) IS NOT NULL THEN c.relnamespace = (
                       SELECT relnamespace FROM pg_class WHERE oid = to_regclass(%(table)s))
                  ELSE c.oid = to_regclass(quote_ident(%(name)s)) END""",
        {"name": name, "schema": schema, "table": table},
    ).fetchone()
    if row is None:
        return None, schema
    return ("valid" if row[0] else "invalid"), row[1]


def drop_index_concurrently(name: str, schema: str | None) -> sql.Composed:
    target = sql.Identifier(schema, name) if schema else sql.Identifier(name)
    return sql.SQL("DROP INDEX CONCURRENTLY IF EXISTS {}").format(target)
