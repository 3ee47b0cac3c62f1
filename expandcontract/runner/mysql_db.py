"""MariaDB/MySQL plumbing with PyMySQL: connecting (masked errors), a connection that answers
like the psycopg one the shared runner code talks to, the runner's ``GET_LOCK``, who holds a
metadata or row lock, and the catalog lookups the runner needs (primary keys, triggers).

Where the runner's state lives: a database of its own per target database,
``expandcontract_<database>`` (the server may hold several apps' databases; a lock and a state
each, so their migrations never meet).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from .errors import AnotherRunner, DatabaseUnreachable
from .urls import check_url, mask_url, redact

__all__ = ["MySQLConnection", "MySQLTarget", "acquire_runner_lock", "connect", "lock_holder", "parse_url",
           "release_runner_lock"]

APPLICATION = "expandcontract"
LOCK_WAIT_TIMEOUT = 1205  # ER_LOCK_WAIT_TIMEOUT: a metadata lock (lock_wait_timeout) or a row lock (innodb_…)
DEADLOCK = 1213  # ER_LOCK_DEADLOCK: InnoDB rolled the transaction back
STATEMENT_TIMEOUT = (1969, 3024)  # MariaDB max_statement_time, MySQL max_execution_time


@dataclass(frozen=True)
class MySQLTarget:
    """What a ``mysql://`` / ``mariadb://`` URL names."""

    host: str
    port: int
    user: str
    password: str
    database: str
    unix_socket: str | None = None

    @property
    def state_database(self) -> str:
        """``expandcontract_<database>``; a name over MySQL's 64 characters ends in a hash.

        >>> MySQLTarget("h", 3306, "u", "", "shop").state_database
        'expandcontract_shop'
        """
        name = f"expandcontract_{self.database}"
        if len(name) > 64:
            name = name[:55] + "_" + hashlib.sha256(self.database.encode()).hexdigest()[:8]
        return name

    @property
    def lock_name(self) -> str:
        """The ``GET_LOCK`` name (server-wide, at most 64 characters): one per target database."""
        return f"expandcontract:{hashlib.sha256(self.database.encode()).hexdigest()[:32]}"


def parse_url(url: str) -> MySQLTarget:
    """The server and database of a MariaDB/MySQL URL, or ``DatabaseUnreachable`` (one line,
    password masked). ``?unix_socket=/path`` (or ``socket=``) connects through a socket.

    >>> parse_url("mysql://app:p%40ss@db:3307/shop")
    MySQLTarget(host='db', port=3307, user='app', password='p@ss', database='shop', unix_socket=None)
    >>> parse_url("mariadb://app@db/")
    Traceback (most recent call last):
    ...
    expandcontract.runner.errors.DatabaseUnreachable: mariadb://app@db/: not a valid database URL: name the database (mysql://user:password@host:port/DATABASE)
    """
    problem = check_url(url)
    if problem is None:
        try:
            parts = urlsplit(url.strip())
            port = parts.port or 3306
        except ValueError as exc:
            problem = redact(str(exc), url)
        else:
            database = unquote(parts.path.lstrip("/"))
            query = parse_qs(parts.query)
            if not database:
                problem = "name the database (mysql://user:password@host:port/DATABASE)"
            elif "/" in database:
                problem = f"{database!r} is not a database name"
            else:
                sock = (query.get("unix_socket") or query.get("socket") or [None])[0]
                password = unquote(parts.password or (query.get("password") or [""])[0])
                return MySQLTarget(parts.hostname or "localhost", port, unquote(parts.username or ""), password,
                                   database, sock)
    raise DatabaseUnreachable(mask_url(url), f"not a valid database URL: {problem}")


class _Rows:
    """A cursor's result, read as psycopg's: ``fetchone``, ``fetchall``, ``rowcount``, iteration.
    Server times come back naive in UTC (the session's time zone): they are made aware."""

    def __init__(self, rows: Sequence[tuple] | None, rowcount: int) -> None:
        self._rows = [tuple(_aware(v) for v in r) for r in rows or ()]
        self.rowcount = rowcount

    def fetchone(self) -> tuple | None:
        return self._rows[0] if self._rows else None

    def fetchall(self) -> list[tuple]:
        return list(self._rows)

    def __iter__(self) -> Iterator[tuple]:
        return iter(self._rows)


def _aware(value: Any) -> Any:
    return value.replace(tzinfo=timezone.utc) if isinstance(value, datetime) and value.tzinfo is None else value


class MySQLConnection:
    """A PyMySQL connection in autocommit, with the few psycopg manners the shared runner code
    uses (``execute``, ``transaction()``, ``closed``, ``broken``)."""

    def __init__(self, raw, target: MySQLTarget, url: str) -> None:
        self.raw, self.target, self.url = raw, target, url
        self.pid: int = raw.thread_id()
        self.broken = False
        self._in_transaction = False
        version = self.execute("SELECT VERSION()").fetchone()[0]
        self.version: str = version
        self.mariadb = "mariadb" in version.lower()

    @property
    def closed(self) -> bool:
        return not self.raw.open

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> _Rows:
        import pymysql

        try:
            with self.raw.cursor() as cur:
                cur.execute(sql, params)
                return _Rows(cur.fetchall() if cur.description else None, cur.rowcount)
        except pymysql.err.OperationalError as exc:
            if exc.args and exc.args[0] in (2006, 2013, 2055):  # server gone, lost connection
                self.broken = True
            raise
        except pymysql.err.InterfaceError:
            self.broken = True
            raise

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """BEGIN … COMMIT, rolled back on an exception. Not nested: a DDL statement inside would
        commit it anyway (MySQL commits around every DDL statement)."""
        if self._in_transaction:
            yield
            return
        self.execute("BEGIN")
        self._in_transaction = True
        try:
            yield
        except BaseException:
            self._in_transaction = False
            if not self.broken and not self.closed:
                with contextlib.suppress(Exception):
                    self.raw.rollback()
            raise
        self._in_transaction = False
        self.execute("COMMIT")

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.raw.close()


def connect(url: str, *, purpose: str, read_only: bool = False, connect_timeout: int = 10) -> MySQLConnection:
    """An autocommit connection (``program_name`` ``expandcontract <purpose>``), in UTC; with
    ``read_only``, every transaction of the session is READ ONLY."""
    import pymysql

    target = parse_url(url)
    try:
        raw = pymysql.connect(host=target.host, port=target.port, user=target.user, password=target.password,
                              database=target.database, unix_socket=target.unix_socket, autocommit=True,
                              connect_timeout=connect_timeout, charset="utf8mb4",
                              program_name=f"{APPLICATION} {purpose}")
    except pymysql.MySQLError as exc:
        raise DatabaseUnreachable(mask_url(url), f"cannot connect: {first_line(exc, url)}") from None
    conn = MySQLConnection(raw, target, url)
    conn.execute("SET time_zone = '+00:00'")
    if read_only:
        conn.execute("SET SESSION TRANSACTION READ ONLY")
    return conn


def first_line(exc: BaseException, url: str) -> str:
    args = getattr(exc, "args", ())
    if len(args) == 2 and isinstance(args[0], int):
        text = f"ERROR {args[0]}: {args[1]}"
    else:
        text = str(exc)
    return redact(" ".join(text.split("\n")[0].split()) or type(exc).__name__, url)


def error_code(exc: BaseException) -> int | None:
    args = getattr(exc, "args", ())
    return args[0] if args and isinstance(args[0], int) else None


def server_version(conn: MySQLConnection) -> tuple[str, str]:
    """(``"mariadb"`` | ``"mysql"``, ``"10.11"``): what lint should judge the migrations for."""
    m = re.match(r"(\d+)\.(\d+)", conn.version)
    return ("mariadb" if conn.mariadb else "mysql"), (f"{m.group(1)}.{m.group(2)}" if m else "")


# -- the runner's lock ------------------------------------------------------------------------------


def lock_holder(conn: MySQLConnection) -> dict | None:
    """The session holding the runner's ``GET_LOCK``, if any."""
    row = conn.execute("SELECT IS_USED_LOCK(%s)", (conn.target.lock_name,)).fetchone()
    if row is None or row[0] is None:
        return None
    session = session_info(conn, [row[0]]).get(row[0], {"pid": row[0]})
    return {"pid": row[0], "application_name": session.get("application_name"),
            "client_addr": session.get("client_addr"), "user": session.get("user"),
            "since": session.get("connected_since"), "held_s": session.get("connected_s")}


def acquire_runner_lock(conn: MySQLConnection) -> None:
    """``GET_LOCK(name, 0)`` on this connection, or fail at once naming who holds it."""
    if conn.execute("SELECT GET_LOCK(%s, 0)", (conn.target.lock_name,)).fetchone()[0] == 1:
        return
    holder = lock_holder(conn)
    if holder is None:
        who = "another session (it let go just now: run again)"
    else:
        who = (f"connection id {holder['pid']} (user {holder['user'] or '?'}, client {holder['client_addr'] or '?'}"
               + (f", {holder['application_name']!r}" if holder["application_name"] else "")
               + (f", connected for {holder['held_s']:.0f}s" if holder["held_s"] is not None else "") + ")")
    raise AnotherRunner(f"another expandcontract runner is working on this database ({conn.target.database}): "
                        f"{who}. Wait for it to finish, or end that session (KILL {holder['pid'] if holder else 'ID'})"
                        " if it is stuck; nothing was run.", holder)


def release_runner_lock(conn: MySQLConnection) -> None:
    if not (conn.closed or conn.broken):
        conn.execute("SELECT RELEASE_LOCK(%s)", (conn.target.lock_name,))


# -- sessions and who blocks whom --------------------------------------------------------------------


def session_info(conn: MySQLConnection, ids: Sequence[int]) -> dict[int, dict]:
    """processlist rows (user, client, command, state, query) and open InnoDB transactions of ``ids``."""
    if not ids:
        return {}
    marks = ", ".join(["%s"] * len(ids))
    rows = conn.execute(
        f"""SELECT p.ID, p.USER, p.HOST, p.COMMAND, p.STATE, p.TIME, LEFT(p.INFO, 300),
                   TIMESTAMPDIFF(SECOND, t.trx_started, NOW()), t.trx_query
              FROM information_schema.PROCESSLIST p
              LEFT JOIN information_schema.INNODB_TRX t ON t.trx_mysql_thread_id = p.ID
             WHERE p.ID IN ({marks})""", tuple(ids)).fetchall()
    out = {}
    for r in rows:
        idle = r[3] == "Sleep"
        state = ("idle in transaction" if idle and r[7] is not None else "idle" if idle else
                 f"{r[3].lower()}: {r[4]}" if r[4] else r[3].lower())
        out[r[0]] = {"pid": r[0], "kind": "connection id", "user": r[1], "client_addr": r[2], "state": state,
                     "xact_age_s": float(r[7]) if r[7] is not None else None, "query": r[6] or r[8],
                     "application_name": None, "connected_s": None, "connected_since": None}
    return out


def metadata_lock_holders(conn: MySQLConnection, tables: Sequence[str], exclude: int) -> list[int] | None:
    """Sessions holding a metadata lock on ``tables``: from performance_schema.metadata_locks
    (MySQL 8, MariaDB with performance_schema on) or MariaDB's METADATA_LOCK_INFO plugin. None
    when neither is available (then open transactions are the candidates)."""
    names = [_split(conn, t) for t in tables]
    if not names:
        return []
    where = " OR ".join(["(s = %s AND n = %s)"] * len(names))
    params: list[Any] = [v for pair in names for v in pair]
    queries = []
    if _has_table(conn, "performance_schema", "metadata_locks") and _scalar(conn, "SELECT @@performance_schema"):
        queries.append(
            f"""SELECT DISTINCT t.PROCESSLIST_ID FROM (SELECT OWNER_THREAD_ID AS tid, OBJECT_SCHEMA AS s,
                       OBJECT_NAME AS n FROM performance_schema.metadata_locks WHERE LOCK_STATUS = 'GRANTED'
                       AND OBJECT_TYPE = 'TABLE') m
                  JOIN performance_schema.threads t ON t.THREAD_ID = m.tid
                 WHERE ({where}) AND t.PROCESSLIST_ID <> %s""")
    if _has_table(conn, "information_schema", "METADATA_LOCK_INFO"):
        queries.append(
            f"""SELECT DISTINCT THREAD_ID FROM (SELECT THREAD_ID, TABLE_SCHEMA AS s, TABLE_NAME AS n
                  FROM information_schema.METADATA_LOCK_INFO WHERE LOCK_TYPE = 'Table metadata lock') m
                 WHERE ({where}) AND THREAD_ID <> %s""")
    for query in queries:
        try:
            rows = conn.execute(query, (*params, exclude)).fetchall()
        except Exception:  # not readable here (privileges, instrument off): try the next
            continue
        # a waiter is listed too (its pending request): keep those that are not waiting for a lock
        ids = [r[0] for r in rows if r[0] is not None]
        return [i for i in ids if not _waiting(conn, i)]
    return None


def _waiting(conn: MySQLConnection, pid: int) -> bool:
    row = conn.execute("SELECT STATE FROM information_schema.PROCESSLIST WHERE ID = %s", (pid,)).fetchone()
    return bool(row and row[0] and "Waiting for" in row[0] and "lock" in row[0])


def row_lock_blockers(conn: MySQLConnection, pid: int) -> list[int]:
    """Sessions whose transaction holds the row locks ``pid`` waits for (MariaDB's INNODB_LOCK_WAITS,
    MySQL 8's performance_schema.data_lock_waits)."""
    for query in ("""SELECT b.trx_mysql_thread_id FROM information_schema.INNODB_LOCK_WAITS w
                       JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id
                       JOIN information_schema.INNODB_TRX r ON r.trx_id = w.requesting_trx_id
                      WHERE r.trx_mysql_thread_id = %s""",
                  """SELECT b.PROCESSLIST_ID FROM performance_schema.data_lock_waits w
                       JOIN performance_schema.threads b ON b.THREAD_ID = w.BLOCKING_THREAD_ID
                       JOIN performance_schema.threads r ON r.THREAD_ID = w.REQUESTING_THREAD_ID
                      WHERE r.PROCESSLIST_ID = %s"""):
        try:
            return [r[0] for r in conn.execute(query, (pid,)).fetchall()]
        except Exception:  # that table is not on this server
            continue
    return []


def open_transactions(conn: MySQLConnection, exclude: int, older_than: float) -> list[int]:
    """Sessions with an InnoDB transaction open for at least ``older_than`` seconds: without a
    metadata-lock table, those are who can hold a table's metadata lock across a DDL's wait."""
    rows = conn.execute(
        """SELECT trx_mysql_thread_id FROM information_schema.INNODB_TRX
            WHERE trx_mysql_thread_id <> %s AND trx_mysql_thread_id <> CONNECTION_ID()
              AND TIMESTAMPDIFF(MICROSECOND, trx_started, NOW(6)) / 1e6 >= %s
            ORDER BY trx_started""", (exclude, max(0.0, older_than))).fetchall()
    return [r[0] for r in rows if not _waiting(conn, r[0])]


def _split(conn: MySQLConnection, table: str) -> tuple[str, str]:
    name = table.replace("`", "")
    schema, _, bare = name.rpartition(".")
    return (schema or conn.target.database), bare


def _has_table(conn: MySQLConnection, schema: str, table: str) -> bool:
    return bool(conn.execute("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = %s "
                             "AND TABLE_NAME = %s", (schema, table)).fetchone()[0])


def _scalar(conn: MySQLConnection, sql: str) -> Any:
    try:
        row = conn.execute(sql).fetchone()
    except Exception:  # not on this server
        return None
    return row[0] if row else None


# -- catalog -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MySQLKey:
    name: str
    type: str
    nullable: bool
    indexed: bool

    @property
    def integer(self) -> bool:
        return bool(re.match(r"(tiny|small|medium|big)?int\b|integer\b", self.type, re.I))


def primary_key_columns(conn: MySQLConnection, table: str) -> tuple[MySQLKey, ...]:
    schema, bare = _split(conn, table)
    rows = conn.execute(
        """SELECT c.COLUMN_NAME, c.COLUMN_TYPE, c.IS_NULLABLE = 'YES'
             FROM information_schema.STATISTICS s
             JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = s.TABLE_SCHEMA AND c.TABLE_NAME = s.TABLE_NAME
                  AND c.COLUMN_NAME = s.COLUMN_NAME
            WHERE s.TABLE_SCHEMA = %s AND s.TABLE_NAME = %s AND s.INDEX_NAME = 'PRIMARY'
            ORDER BY s.SEQ_IN_INDEX""", (schema, bare)).fetchall()
    return tuple(MySQLKey(r[0], r[1], bool(r[2]), True) for r in rows)


def key_column(conn: MySQLConnection, table: str, name: str) -> MySQLKey | None:
    schema, bare = _split(conn, table)
    row = conn.execute(
        """SELECT c.COLUMN_NAME, c.COLUMN_TYPE, c.IS_NULLABLE = 'YES',
                  EXISTS (SELECT 1 FROM information_schema.STATISTICS s WHERE s.TABLE_SCHEMA = c.TABLE_SCHEMA
                          AND s.TABLE_NAME = c.TABLE_NAME AND s.COLUMN_NAME = c.COLUMN_NAME AND s.SEQ_IN_INDEX = 1
                          AND s.INDEX_TYPE = 'BTREE')
             FROM information_schema.COLUMNS c
            WHERE c.TABLE_SCHEMA = %s AND c.TABLE_NAME = %s AND c.COLUMN_NAME = %s""",
        (schema, bare, name)).fetchone()
    return MySQLKey(row[0], row[1], bool(row[2]), bool(row[3])) if row else None


def triggers_on(conn: MySQLConnection, table: str) -> str | None:
    schema, bare = _split(conn, table)
    rows = conn.execute("SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = %s "
                        "AND EVENT_OBJECT_TABLE = %s ORDER BY TRIGGER_NAME", (schema, bare)).fetchall()
    return ", ".join(r[0] for r in rows) or None


def estimated_rows(conn: MySQLConnection, table: str) -> int | None:
    schema, bare = _split(conn, table)
    row = conn.execute("SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = %s AND "
                       "TABLE_NAME = %s", (schema, bare)).fetchone()
    return int(row[0]) if row and row[0] else None


def read_only(conn: MySQLConnection) -> bool:
    return bool(conn.execute("SELECT @@read_only").fetchone()[0])


def quote(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"
