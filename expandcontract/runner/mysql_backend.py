"""The MariaDB/MySQL side of ``api.apply`` / ``status`` / ``abort``: how to connect, lock, check,
run and report errors there (``api.PgBackend`` is PostgreSQL's). The run itself, its phases,
state and output are the same code for both."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

from ..config import Config
from ..core.errors import InputError
from ..core.record import replace
from .errors import ConnectionLost, NotPermitted, RunnerError
from .executor import RecordingExecutor
from .mysql_db import (
    MySQLConnection,
    acquire_runner_lock,
    connect,
    error_code,
    first_line,
    primary_key_columns,
    read_only,
    release_runner_lock,
    server_version,
)
from .mysql_executor import MySQLExecutor
from .settings import RunSettings
from .state import StateStore
from .steps import PhasePlan
from .urls import mask_url

__all__ = ["MySQLBackend"]


class MySQLBackend:
    name = "mysql"

    @property
    def errors(self) -> tuple[type[BaseException], ...]:
        import pymysql

        return (pymysql.MySQLError,)

    def connect(self, url: str, *, purpose: str, read_only: bool = False) -> MySQLConnection:
        return connect(url, purpose=purpose, read_only=read_only)

    def adapt_config(self, config: Config, url: str) -> Config:
        """The migrations are MySQL, judged for the server at ``url`` unless the config names one."""
        if config.mysql_version or config.mariadb_version:
            return replace(config, dialect="mysql")
        conn = connect(url, purpose="version", read_only=True)
        try:
            engine, version = server_version(conn)
        finally:
            conn.close()
        key = "mariadb_version" if engine == "mariadb" else "mysql_version"
        try:
            from ..core.mysql.ddl import parse_server

            parse_server(engine, version)
        except ValueError:
            return replace(config, dialect="mysql")
        return replace(config, dialect="mysql", **{key: version})

    def refuse_options(self, *, app_queries: Sequence, require_consumer_gate: bool, url: str, watch=None) -> None:
        if watch is not None:
            from .watch import DEFAULT_WATCH

            # the defaults are always there; a watch asked for by name is refused, turning one off is not
            asked = [f"--{option.replace('_', '-')}" for option in ("max_replica_lag", "max_lock_queue",
                                                                     "max_rollback_increase")
                     if getattr(watch, option) not in (0, getattr(DEFAULT_WATCH, option))]
            if watch.queue_wait != DEFAULT_WATCH.queue_wait:
                asked.append("--queue-wait")
            if asked:
                raise InputError(mask_url(url), f"{', '.join(asked)}: the watch reads pg_stat_replication, "
                                                "pg_blocking_pids and pg_stat_database (PostgreSQL); on MariaDB/MySQL "
                                                "nothing is watched (lock waits are bounded by lock_wait_timeout): "
                                                "leave the watch options out")
        if require_consumer_gate:
            raise InputError(mask_url(url), "--require-consumer-gate: the consumer gate reads pg_stat_statements "
                                            "(PostgreSQL only)")

    def check_privileges(self, conn: MySQLConnection, phases: Sequence[PhasePlan], *, state: bool = True) -> None:
        if read_only(conn):
            raise NotPermitted("the database is read-only (a replica?): @@read_only is on. Point --database-url at "
                               "the primary. Nothing was run.")

    def acquire_lock(self, conn: MySQLConnection) -> None:
        acquire_runner_lock(conn)

    def executor(self, conn: MySQLConnection, observer: MySQLConnection | None, store: StateStore, events,
                 settings: RunSettings, watch=None) -> MySQLExecutor:
        return MySQLExecutor(conn, observer, store, events, settings)

    def hooks(self, conn, url, events, loaded, config, queries, settings, resolver, require):
        """--verify-app's PREPAREs; no consumer gate (it reads pg_stat_statements: refused above)."""
        if not queries:
            return None
        from .verify import prepare_mysql_queries, verifier

        return verifier(conn, list(queries), events, settings, prepare=prepare_mysql_queries)

    def recorder(self, conn: MySQLConnection, settings: RunSettings) -> RecordingExecutor:
        return RecordingExecutor(settings, key_lookup=lambda t: self.pk_name(conn, t), dialect="mysql",
                                 mariadb=conn.mariadb)

    def pk_name(self, conn: MySQLConnection, table: str) -> str | tuple[str, ...] | None:
        try:
            keys = primary_key_columns(conn, table)
        except self.errors:
            return None
        if not keys:
            return None
        return keys[0].name if len(keys) == 1 else tuple(k.name for k in keys)

    def close(self, conn: MySQLConnection | None, observer: MySQLConnection | None) -> None:
        if conn is not None:
            with contextlib.suppress(Exception):
                release_runner_lock(conn)
        for c in (observer, conn):
            if c is not None:
                c.close()

    def database_error(self, exc: BaseException, conn: MySQLConnection, url: str, rerun: str) -> RunnerError:
        text = first_line(exc, url)
        code = error_code(exc)
        if code in (1044, 1045, 1142, 1143, 1227):  # access denied, command denied, needs SUPER …
            return NotPermitted(f"the runner's own query failed on a missing privilege: {text}. Grant it (the README "
                                "lists what the runner needs), then run again.")
        if code in (1290, 1792):  # --read-only, read-only transaction
            return NotPermitted(f"the runner's own query failed: the server is read-only (a replica?): {text}. "
                                "Use the primary, then run again.")
        if conn.broken or conn.closed:
            return ConnectionLost(f"lost the database connection: {text}. {rerun}")
        return RunnerError(f"database error: {text}. {rerun}")
