"""The versioned online-DDL table against a real MariaDB: every MariaDB row is probed.

For each operation the statement runs on a fresh table with ``ALGORITHM=INSTANT``, then
``NOCOPY`` (in place, no rebuild), ``INPLACE`` (in place, rebuild) and ``COPY``, each with
``LOCK=NONE``, ``SHARED``, ``EXCLUSIVE``: the first variant the server accepts is the weakest, and
that is the truth the table must state. A refused variant changes nothing, so the attempts share
one table.
"""

from __future__ import annotations

import uuid

import pymysql
import pytest

from expandcontract.core.mysql.ddl import TABLE, Cost, Op, Server, cost, parse_server

pytestmark = pytest.mark.mysql

_SETUP = [
    "CREATE TABLE p (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB",
    "CREATE TABLE t (id INT NOT NULL AUTO_INCREMENT, a INT NULL, b VARCHAR(50) NULL, n INT NOT NULL DEFAULT 0, "
    "bl BLOB, tx TEXT, e ENUM('x','y'), g POINT NOT NULL, r INT, s INT, d INT, ts TIMESTAMP NULL, sv VARCHAR(20) CHARACTER SET latin1, x INT, c1 INT, "
    "c2 INT, PRIMARY KEY (id), KEY ka (a), KEY kx (x), KEY kc (c1, c2), "
    "CONSTRAINT fk_r FOREIGN KEY (r) REFERENCES p (id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
    "CREATE TABLE nopk (a INT NOT NULL, b INT) ENGINE=InnoDB",
    "INSERT INTO p VALUES (1), (2)",
    "INSERT INTO t (a, b, g, r, ts) VALUES (1, 'x', POINT(1, 1), 1, NOW()), (2, 'y', POINT(2, 2), 2, NOW())",
    "INSERT INTO nopk VALUES (1, 1), (2, 2)",
]

# operation -> statements; the last one is probed, the earlier ones prepare it
PROBES: dict[Op, tuple[str, ...]] = {
    Op.ADD_COLUMN: ("ALTER TABLE t ADD COLUMN z INT",),
    Op.ADD_COLUMN_FIRST: ("ALTER TABLE t ADD COLUMN z INT FIRST",),
    Op.DROP_COLUMN: ("ALTER TABLE t DROP COLUMN d",),
    Op.DROP_INDEXED_COLUMN: ("ALTER TABLE t DROP COLUMN x",),
    Op.DROP_COLUMN_SHRINKS_INDEX: ("ALTER TABLE t DROP COLUMN c2",),
    Op.RENAME_COLUMN: ("ALTER TABLE t RENAME COLUMN d TO d2",),
    Op.REORDER_COLUMN: ("ALTER TABLE t MODIFY d INT FIRST",),
    Op.SET_DEFAULT: ("ALTER TABLE t ALTER COLUMN a SET DEFAULT 7",),
    Op.DROP_DEFAULT: ("ALTER TABLE t ALTER COLUMN n DROP DEFAULT",),
    Op.COLUMN_COMMENT: ("ALTER TABLE t MODIFY a INT NULL COMMENT 'hi'",),
    # utf8mb4: 50 -> 60 characters is 200 -> 240 bytes (one length byte), 70 is 280 (two)
    Op.VARCHAR_EXTEND: ("ALTER TABLE t MODIFY b VARCHAR(60)",),
    Op.VARCHAR_EXTEND_PAST_255: ("ALTER TABLE t MODIFY b VARCHAR(70)",),
    Op.VARCHAR_EXTEND_SHORT_PAST_255: ("ALTER TABLE t MODIFY sv VARCHAR(300) CHARACTER SET latin1",),  # 20 -> 300 bytes
    Op.INT_WIDEN: ("ALTER TABLE t MODIFY a BIGINT",),
    Op.BLOB_WIDEN: ("ALTER TABLE t MODIFY bl MEDIUMBLOB",),
    Op.CHANGE_TYPE: ("ALTER TABLE t MODIFY a VARCHAR(20)",),
    Op.MAKE_NULL: ("ALTER TABLE t MODIFY n INT NULL DEFAULT 0",),
    Op.MAKE_NOT_NULL: ("ALTER TABLE t MODIFY a INT NOT NULL",),
    Op.MAKE_TIMESTAMP_NOT_NULL: ("ALTER TABLE t MODIFY ts TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP",),
    Op.ENUM_APPEND: ("ALTER TABLE t MODIFY e ENUM('x','y','z')",),
    Op.ADD_INDEX: ("ALTER TABLE t ADD INDEX kb (b)",),
    Op.ADD_UNIQUE: ("ALTER TABLE t ADD UNIQUE INDEX ua (a)",),
    Op.DROP_INDEX: ("ALTER TABLE t DROP INDEX ka",),
    Op.RENAME_INDEX: ("ALTER TABLE t RENAME INDEX ka TO ka2",),
    Op.ADD_FULLTEXT: ("ALTER TABLE t ADD FULLTEXT INDEX ft (b)",),
    Op.ADD_SPATIAL: ("ALTER TABLE t ADD SPATIAL INDEX sp (g)",),
    Op.ADD_PRIMARY_KEY: ("ALTER TABLE nopk ADD PRIMARY KEY (a)",),
    Op.DROP_PRIMARY_KEY: ("ALTER TABLE nopk ADD PRIMARY KEY (a)", "ALTER TABLE nopk DROP PRIMARY KEY"),
    Op.REPLACE_PRIMARY_KEY: ("ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (id, n)",),
    Op.ADD_FOREIGN_KEY: ("ALTER TABLE t ADD CONSTRAINT fk_s FOREIGN KEY (s) REFERENCES p (id)",),
    Op.ADD_FOREIGN_KEY_NO_CHECKS: ("SET foreign_key_checks = 0",
                                   "ALTER TABLE t ADD CONSTRAINT fk_s FOREIGN KEY (s) REFERENCES p (id)"),
    Op.DROP_FOREIGN_KEY: ("ALTER TABLE t DROP FOREIGN KEY fk_r",),
    Op.CONVERT_CHARSET: ("ALTER TABLE t CONVERT TO CHARACTER SET latin1",),
    Op.TABLE_CHARSET: ("ALTER TABLE t DEFAULT CHARACTER SET latin1",),
    Op.REBUILD: ("ALTER TABLE t ENGINE=InnoDB",),
    Op.ROW_FORMAT: ("ALTER TABLE t ROW_FORMAT=COMPACT",),
    Op.ADD_STORED_GENERATED: ("ALTER TABLE t ADD COLUMN gs INT AS (a + 1) STORED",),
    Op.ADD_VIRTUAL_GENERATED: ("ALTER TABLE t ADD COLUMN gv INT AS (a + 1) VIRTUAL",),
    Op.ADD_AUTO_INCREMENT_COLUMN: ("ALTER TABLE nopk ADD COLUMN ai INT NOT NULL AUTO_INCREMENT PRIMARY KEY",),
    Op.AUTO_INCREMENT_VALUE: ("ALTER TABLE t AUTO_INCREMENT = 1000",),
    Op.RENAME_TABLE: ("ALTER TABLE t RENAME TO t_new",),
    Op.ADD_CHECK: ("ALTER TABLE t ADD CONSTRAINT ck CHECK (n >= 0)",),
    Op.DROP_CHECK: ("ALTER TABLE t ADD CONSTRAINT ck CHECK (n >= 0)", "ALTER TABLE t DROP CONSTRAINT ck"),
    Op.TABLE_COMMENT: ("ALTER TABLE t COMMENT = 'x'",),
}

_VARIANTS = [("INSTANT", "NONE")] + [(a, lock) for a in ("NOCOPY", "INPLACE", "COPY")
                                     for lock in ("NONE", "SHARED", "EXCLUSIVE")]


def probe(conn, statements: tuple[str, ...]) -> tuple[Cost, dict[str, str]]:
    """The weakest (algorithm, lock) the server accepts for the last statement, as a Cost, and
    why each weaker variant was refused."""
    cursor = conn.cursor()
    for statement in _SETUP:
        cursor.execute(statement)
    *prepare, probed = statements
    for statement in prepare:
        cursor.execute(statement)
    refused = {}
    for algorithm, lock in _VARIANTS:
        try:
            cursor.execute(f"{probed}, ALGORITHM={algorithm}, LOCK={lock}")
        except pymysql.MySQLError as exc:
            refused[f"{algorithm}/{lock}"] = exc.args[1] if len(exc.args) > 1 else str(exc)
            continue
        if algorithm == "INSTANT":
            return Cost("INSTANT", False, lock), refused
        if algorithm == "NOCOPY":
            return Cost("INPLACE", False, lock), refused
        return Cost(algorithm, True, lock), refused
    raise AssertionError(f"no variant accepted for {probed}: {refused}")


@pytest.fixture(scope="module")
def server_row(mysql_server) -> Server:
    with mysql_server.connect() as conn:
        cursor = conn.cursor()
        cursor.execute("SELECT VERSION()")
        version = cursor.fetchone()[0]
    assert "mariadb" in version.lower(), f"the probe test needs MariaDB, the server is {version}"
    return parse_server("mariadb", version)


def test_every_operation_has_a_probe_and_every_server_a_row():
    assert set(PROBES) == set(Op)
    for op, row in TABLE.items():
        assert {s.engine for s in row} == {"mysql", "mariadb"}, op
        assert all(c.source.startswith("https://") for c in row.values()), op


@pytest.mark.parametrize("op", list(Op), ids=lambda op: op.name.lower())
def test_mariadb_row_matches_the_server(op, mysql_server, server_row):
    name = "ec_probe_" + uuid.uuid4().hex[:10]
    with mysql_server.connect() as admin:
        admin.cursor().execute(f"CREATE DATABASE `{name}`")
    try:
        with mysql_server.connect(name) as conn:
            truth, refused = probe(conn, PROBES[op])
    finally:
        with mysql_server.connect() as admin:
            admin.cursor().execute(f"DROP DATABASE `{name}`")
    stated = cost(op, server_row)
    assert (stated.algorithm, stated.rebuilds, stated.lock) == (truth.algorithm, truth.rebuilds, truth.lock), (
        f"{op} on {server_row}: the table says {stated}, the server accepts at best {truth} "
        f"(refused: {refused})")
