"""The versioned online-DDL table: what each ALTER TABLE operation costs on each server.

For every operation and server (MySQL 8.0, 8.4; MariaDB 10.6, 10.11, 11.x): the algorithm the
server uses at best (INSTANT: metadata only; INPLACE: no copy through the SQL layer, maybe a
rebuild of the clustered index; COPY: a new table filled row by row), whether the table is
rebuilt, and the weakest ``LOCK=`` it accepts (NONE: reads and writes go on; SHARED: reads only;
EXCLUSIVE: nothing). MySQL rows come from the reference manual (cited per row; MySQL 8.0 means
8.0.29 or later, where instant ADD/DROP COLUMN at any position arrived); MariaDB rows come from
the MariaDB documentation and **are probed on a real server by the tests**
(``tests/test_mysql_ddl_table.py`` tries ``ALGORITHM=INSTANT``, then ``NOCOPY``, ``INPLACE`` and
``COPY`` with ``LOCK=NONE``, ``SHARED``, ``EXCLUSIVE``: the weakest accepted is the truth).

Pure: values and lookups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import Enum

__all__ = ["ALGORITHMS", "LOCKS", "TABLE", "Cost", "Op", "Server", "cost", "parse_server"]

ALGORITHMS = ("INSTANT", "INPLACE", "COPY")
LOCKS = ("NONE", "SHARED", "EXCLUSIVE")


class Op(str, Enum):
    ADD_COLUMN = "add column (last)"
    ADD_COLUMN_FIRST = "add column (FIRST/AFTER)"
    DROP_COLUMN = "drop column"
    DROP_INDEXED_COLUMN = "drop column with its single-column indexes"
    DROP_COLUMN_SHRINKS_INDEX = "drop column that a multi-column index or the primary key keeps"
    RENAME_COLUMN = "rename column"
    REORDER_COLUMN = "reorder column (MODIFY … FIRST/AFTER)"
    SET_DEFAULT = "set column default"
    DROP_DEFAULT = "drop column default"
    COLUMN_COMMENT = "change column comment"
    VARCHAR_EXTEND = "extend VARCHAR within its length bytes"
    VARCHAR_EXTEND_PAST_255 = "extend VARCHAR past 255 bytes"
    VARCHAR_EXTEND_SHORT_PAST_255 = "extend VARCHAR of under 128 bytes past 255 bytes"
    INT_WIDEN = "widen integer (INT -> BIGINT)"
    BLOB_WIDEN = "widen BLOB/TEXT (BLOB -> MEDIUMBLOB)"
    CHANGE_TYPE = "change column type"
    MAKE_NULL = "make column NULL"
    MAKE_NOT_NULL = "make column NOT NULL"
    MAKE_TIMESTAMP_NOT_NULL = "make TIMESTAMP column NOT NULL"
    ENUM_APPEND = "append ENUM/SET values"
    ADD_INDEX = "add secondary index"
    ADD_UNIQUE = "add unique index"
    DROP_INDEX = "drop index"
    RENAME_INDEX = "rename index"
    ADD_FULLTEXT = "add FULLTEXT index"
    ADD_SPATIAL = "add SPATIAL index"
    ADD_PRIMARY_KEY = "add primary key"
    DROP_PRIMARY_KEY = "drop primary key"
    REPLACE_PRIMARY_KEY = "drop and add primary key"
    ADD_FOREIGN_KEY = "add foreign key"
    ADD_FOREIGN_KEY_NO_CHECKS = "add foreign key (foreign_key_checks=0)"
    DROP_FOREIGN_KEY = "drop foreign key"
    CONVERT_CHARSET = "CONVERT TO CHARACTER SET"
    TABLE_CHARSET = "change table default charset"
    REBUILD = "rebuild (ENGINE=InnoDB, FORCE)"
    ROW_FORMAT = "change ROW_FORMAT"
    ADD_STORED_GENERATED = "add STORED generated column"
    ADD_VIRTUAL_GENERATED = "add VIRTUAL generated column"
    ADD_AUTO_INCREMENT_COLUMN = "add AUTO_INCREMENT column"
    AUTO_INCREMENT_VALUE = "change AUTO_INCREMENT value"
    RENAME_TABLE = "rename table"
    ADD_CHECK = "add CHECK constraint"
    DROP_CHECK = "drop CHECK constraint"
    TABLE_COMMENT = "change table comment"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, order=True)
class Server:
    """``mysql`` or ``mariadb`` and a (major, minor) version."""

    engine: str
    version: tuple[int, int]

    def __str__(self) -> str:
        name = "MySQL" if self.engine == "mysql" else "MariaDB"
        return f"{name} {self.version[0]}.{self.version[1]}"


def parse_server(engine: str, version: str | int | float | None) -> Server:
    """``--mysql-version 8.0`` / ``--mariadb-version 10.11.6``.

    >>> parse_server("mariadb", "10.11.6"), parse_server("mysql", None)
    (Server(engine='mariadb', version=(10, 11)), Server(engine='mysql', version=(8, 0)))
    """
    if version in (None, ""):
        return Server(engine, (8, 0) if engine == "mysql" else (10, 11))
    m = re.fullmatch(r"\s*(\d+)(?:\.(\d+))?(?:\.\d+)?\S*\s*", str(version))
    if not m:
        raise ValueError(f"not a {engine} version: {version!r} (write e.g. {'8.0' if engine == 'mysql' else '10.11'})")
    return Server(engine, (int(m.group(1)), int(m.group(2) or 0)))


@dataclass(frozen=True)
class Cost:
    algorithm: str  # INSTANT | INPLACE | COPY
    rebuilds: bool
    lock: str  # the weakest LOCK= the server accepts: NONE | SHARED | EXCLUSIVE
    source: str = ""  # where this row comes from
    # the lock is held only while the metadata changes (RENAME): however strong, it blocks nobody for long
    brief: bool = False

    @property
    def blocks_writes(self) -> bool:
        return self.lock != "NONE"

    def __str__(self) -> str:
        rebuild = ", rebuilds the table" if self.rebuilds and self.algorithm != "COPY" else ""
        return f"ALGORITHM={self.algorithm}{rebuild}, LOCK={self.lock} at best"


_MY80 = "https://dev.mysql.com/doc/refman/8.0/en/innodb-online-ddl-operations.html"
_MY84 = "https://dev.mysql.com/doc/refman/8.4/en/innodb-online-ddl-operations.html"
_MY_SECTIONS = {
    "index": "#online-ddl-index-operations", "pk": "#online-ddl-primary-key-operations",
    "column": "#online-ddl-column-operations", "generated": "#online-ddl-generated-column-operations",
    "fk": "#online-ddl-foreign-key-operations", "table": "#online-ddl-table-operations",
    "alter": "",
}
_KB = "https://mariadb.com/kb/en/innodb-online-ddl-operations-with-the-{}-alter-algorithm/"
_KB_ONLINE_COPY = "https://mariadb.com/kb/en/alter-table/#lock (11.2+: ALGORITHM=COPY with LOCK=NONE, MDEV-16329)"

INS, P, C = "INSTANT", "INPLACE", "COPY"

# op: (MySQL 8.0/8.4 cost, manual section, MariaDB 10.6/10.11 cost); a cost is (algorithm, rebuilds, lock)
_ROWS: dict[Op, tuple[tuple[str, bool, str], str, tuple[str, bool, str]]] = {
    Op.ADD_COLUMN: ((INS, False, "NONE"), "column", (INS, False, "NONE")),
    Op.ADD_COLUMN_FIRST: ((INS, False, "NONE"), "column", (INS, False, "NONE")),
    Op.DROP_COLUMN: ((INS, False, "NONE"), "column", (INS, False, "NONE")),
    # an index changes with the column, and index changes are never instant: the index is dropped in
    # place (MariaDB, no rebuild), or kept with fewer columns, which rebuilds it (both servers)
    Op.DROP_INDEXED_COLUMN: ((P, True, "NONE"), "column", (P, False, "NONE")),
    Op.DROP_COLUMN_SHRINKS_INDEX: ((P, True, "NONE"), "column", (P, True, "NONE")),
    Op.RENAME_COLUMN: ((INS, False, "NONE"), "column", (INS, False, "NONE")),
    Op.REORDER_COLUMN: ((P, True, "NONE"), "column", (INS, False, "NONE")),
    Op.SET_DEFAULT: ((INS, False, "NONE"), "column", (INS, False, "NONE")),
    Op.DROP_DEFAULT: ((INS, False, "NONE"), "column", (INS, False, "NONE")),
    Op.COLUMN_COMMENT: ((P, False, "NONE"), "column", (INS, False, "NONE")),
    Op.VARCHAR_EXTEND: ((P, False, "NONE"), "column", (INS, False, "NONE")),
    Op.VARCHAR_EXTEND_PAST_255: ((C, True, "SHARED"), "column", (C, True, "SHARED")),
    # MariaDB: a value stored under 128 bytes has a one-byte length in either format, so no row changes
    Op.VARCHAR_EXTEND_SHORT_PAST_255: ((C, True, "SHARED"), "column", (INS, False, "NONE")),
    Op.INT_WIDEN: ((C, True, "SHARED"), "column", (C, True, "SHARED")),
    Op.BLOB_WIDEN: ((C, True, "SHARED"), "column", (C, True, "SHARED")),
    Op.CHANGE_TYPE: ((C, True, "SHARED"), "column", (C, True, "SHARED")),
    Op.MAKE_NULL: ((P, True, "NONE"), "column", (P, True, "NONE")),
    Op.MAKE_NOT_NULL: ((P, True, "NONE"), "column", (P, True, "NONE")),
    # MariaDB turns a TIMESTAMP's NULLs into the current time, which it cannot do in place
    # (ERROR 1846 "cannot convert NULL to non-constant DEFAULT", whatever DEFAULT is written)
    Op.MAKE_TIMESTAMP_NOT_NULL: ((P, True, "NONE"), "column", (C, True, "SHARED")),
    Op.ENUM_APPEND: ((INS, False, "NONE"), "column", (INS, False, "NONE")),
    Op.ADD_INDEX: ((P, False, "NONE"), "index", (P, False, "NONE")),
    Op.ADD_UNIQUE: ((P, False, "NONE"), "index", (P, False, "NONE")),
    Op.DROP_INDEX: ((P, False, "NONE"), "index", (P, False, "NONE")),
    Op.RENAME_INDEX: ((P, False, "NONE"), "index", (INS, False, "NONE")),
    Op.ADD_FULLTEXT: ((P, True, "SHARED"), "index", (P, True, "SHARED")),
    Op.ADD_SPATIAL: ((P, False, "SHARED"), "index", (P, False, "SHARED")),
    Op.ADD_PRIMARY_KEY: ((P, True, "NONE"), "pk", (P, True, "NONE")),
    Op.DROP_PRIMARY_KEY: ((C, True, "SHARED"), "pk", (C, True, "SHARED")),
    Op.REPLACE_PRIMARY_KEY: ((P, True, "NONE"), "pk", (P, True, "NONE")),
    Op.ADD_FOREIGN_KEY: ((C, True, "SHARED"), "fk", (C, True, "SHARED")),
    Op.ADD_FOREIGN_KEY_NO_CHECKS: ((P, False, "NONE"), "fk", (P, False, "NONE")),
    Op.DROP_FOREIGN_KEY: ((P, False, "NONE"), "fk", (INS, False, "NONE")),
    Op.CONVERT_CHARSET: ((C, True, "SHARED"), "table", (C, True, "SHARED")),
    Op.TABLE_CHARSET: ((P, True, "SHARED"), "table", (INS, False, "NONE")),
    Op.REBUILD: ((P, True, "NONE"), "table", (P, True, "NONE")),
    Op.ROW_FORMAT: ((P, True, "NONE"), "table", (P, True, "NONE")),
    Op.ADD_STORED_GENERATED: ((C, True, "SHARED"), "generated", (C, True, "SHARED")),
    Op.ADD_VIRTUAL_GENERATED: ((INS, False, "NONE"), "generated", (INS, False, "NONE")),
    Op.ADD_AUTO_INCREMENT_COLUMN: ((P, True, "SHARED"), "column", (P, True, "SHARED")),
    Op.AUTO_INCREMENT_VALUE: ((P, False, "NONE"), "column", (INS, False, "NONE")),
    Op.RENAME_TABLE: ((INS, False, "NONE"), "table", (P, False, "EXCLUSIVE")),
    Op.ADD_CHECK: ((C, True, "SHARED"), "alter", (C, True, "SHARED")),
    Op.DROP_CHECK: ((INS, False, "NONE"), "alter", (INS, False, "NONE")),
    Op.TABLE_COMMENT: ((INS, False, "NONE"), "table", (INS, False, "NONE")),
}
# MariaDB 11.2+ runs ALGORITHM=COPY online (LOCK=NONE) except where a concurrent change cannot be
# replayed: a new AUTO_INCREMENT column, a new foreign key (kept SHARED here: the safe answer)
_NO_ONLINE_COPY = frozenset({Op.ADD_AUTO_INCREMENT_COLUMN, Op.ADD_FOREIGN_KEY, Op.DROP_PRIMARY_KEY})
# operations that change only names: their lock (MariaDB: EXCLUSIVE for RENAME) lasts an instant
_BRIEF = frozenset({Op.RENAME_TABLE})


def _mariadb_source(algorithm: str) -> str:
    return _KB.format({"INSTANT": "instant", "INPLACE": "inplace", "COPY": "copy"}[algorithm])


def _build() -> dict[Op, dict[Server, Cost]]:
    table: dict[Op, dict[Server, Cost]] = {}
    for op, (mysql, section, mariadb) in _ROWS.items():
        anchor = _MY_SECTIONS[section]
        row = {
            Server("mysql", (8, 0)): Cost(*mysql, source=_MY80 + anchor if section != "alter" else
                                          "https://dev.mysql.com/doc/refman/8.0/en/alter-table.html"),
            Server("mysql", (8, 4)): Cost(*mysql, source=_MY84 + anchor if section != "alter" else
                                          "https://dev.mysql.com/doc/refman/8.4/en/alter-table.html"),
            Server("mariadb", (10, 6)): Cost(*mariadb, source=_mariadb_source(mariadb[0])),
            Server("mariadb", (10, 11)): Cost(*mariadb, source=_mariadb_source(mariadb[0]) + "; probed"),
        }
        algorithm, rebuilds, _lock = mariadb
        if algorithm == "COPY" and op not in _NO_ONLINE_COPY:
            row[Server("mariadb", (11, 4))] = Cost(algorithm, rebuilds, "NONE", source=_KB_ONLINE_COPY)
        else:
            row[Server("mariadb", (11, 4))] = Cost(*mariadb, source=_mariadb_source(algorithm))
        table[op] = {server: replace(c, brief=True) for server, c in row.items()} if op in _BRIEF else row
    return table


TABLE: dict[Op, dict[Server, Cost]] = _build()
SERVERS: tuple[Server, ...] = tuple(sorted({s for row in TABLE.values() for s in row}))


def row_server(server: Server) -> Server:
    """The table's row for a server version: the newest listed one not after it (MariaDB 11.8 ->
    11.4, MySQL 9.1 -> 8.4); versions before the first listed use the first.

    >>> row_server(Server("mariadb", (11, 8))), row_server(Server("mysql", (5, 7)))
    (Server(engine='mariadb', version=(11, 4)), Server(engine='mysql', version=(8, 0)))
    """
    same = [s for s in SERVERS if s.engine == server.engine]
    older = [s for s in same if s.version <= server.version]
    return older[-1] if older else same[0]


def cost(op: Op, server: Server) -> Cost:
    """What ``op`` costs on ``server``.

    >>> str(cost(Op.ADD_FOREIGN_KEY, Server("mysql", (8, 4))))
    'ALGORITHM=COPY, LOCK=SHARED at best'
    >>> str(cost(Op.ADD_PRIMARY_KEY, Server("mariadb", (10, 11))))
    'ALGORITHM=INPLACE, rebuilds the table, LOCK=NONE at best'
    """
    return TABLE[op][row_server(server)]


def combined(costs: list[Cost]) -> Cost | None:
    """One ALTER TABLE with several clauses runs them together: the worst algorithm, and the
    strongest of the weakest locks."""
    if not costs:
        return None
    algorithm = max((c.algorithm for c in costs), key=ALGORITHMS.index)
    lock = max((c.lock for c in costs), key=LOCKS.index)
    return Cost(algorithm, any(c.rebuilds for c in costs), lock)


def online_copy(server: Server) -> bool:
    """ALGORITHM=COPY, LOCK=NONE: MariaDB 11.2 and later (concurrent changes are replayed)."""
    return server.engine == "mariadb" and server.version >= (11, 2)


def accepts(requested_algorithm: str | None, requested_lock: str | None, best: Cost,
            server: Server) -> tuple[bool, bool]:
    """Whether the server accepts the written ``ALGORITHM=`` and ``LOCK=`` for an operation whose
    best is ``best``: (algorithm ok, lock ok). ``DEFAULT`` is always accepted; a weaker algorithm or
    lock than the best is refused (ER_ALTER_OPERATION_NOT_SUPPORTED_REASON, error 1846)."""
    algorithm_ok = lock_ok = True
    if requested_algorithm and requested_algorithm not in ("DEFAULT",):
        wanted = "INPLACE" if requested_algorithm == "NOCOPY" else requested_algorithm
        if wanted in ALGORITHMS:
            algorithm_ok = ALGORITHMS.index(wanted) >= ALGORITHMS.index(best.algorithm)
            if requested_algorithm == "NOCOPY" and best.rebuilds:
                algorithm_ok = False
    if requested_lock and requested_lock in LOCKS:
        lock_ok = LOCKS.index(requested_lock) >= LOCKS.index(best.lock)
        if requested_algorithm == "COPY" and requested_lock == "NONE" and not online_copy(server):
            lock_ok = False
    return algorithm_ok, lock_ok
