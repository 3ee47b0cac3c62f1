"""--dialect mysql end to end: reading MySQL scripts, the MySQL rules' boundaries, the compatibility
rules on the MySQL catalog, the version flags."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from expandcontract.cli import main
from expandcontract.core.mysql.catalog import Catalog
from expandcontract.core.mysql.ddl import Op, Server, cost
from expandcontract.core.mysql.parse import parse_mysql_statement
from expandcontract.core.mysql.split import split_mysql
from expandcontract.core.mysql.steps import Session
from expandcontract.core.parse import parse_sql

from .test_mysql_rule_docs import lint_mysql

SCHEMA = """
CREATE TABLE users (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, email VARCHAR(60) NOT NULL,
  name VARCHAR(50) CHARACTER SET latin1 NOT NULL DEFAULT '' COMMENT 'display name',
  bio TEXT, avatar BLOB, age INT, kind ENUM('a','b') NOT NULL DEFAULT 'a') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE orgs (id BIGINT NOT NULL PRIMARY KEY) ENGINE=InnoDB;
"""
T = "SET SESSION lock_wait_timeout = 5;\n"


def codes(sql: str, **config) -> list[str]:
    return sorted({f.code for f in lint_mysql(T + sql, SCHEMA, **config)})


# -- reading ------------------------------------------------------------------------------------

def test_delimiter_blocks_procedures_and_comments_split_like_the_client():
    text = ("# a comment; not a statement\nCREATE TABLE t (a INT); -- x;y\n"
            "DELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END$$\nDELIMITER ;\n"
            "/*!40101 SET NAMES utf8mb4 */;\nINSERT INTO t VALUES (\"a;b\");\n")
    pieces = [text[c.start:c.end].strip() for c in split_mysql(text)]
    assert len(pieces) == 4
    assert pieces[1].startswith("CREATE PROCEDURE") and pieces[1].endswith("END")


def test_mysql_only_statements_are_read_and_a_broken_one_is_ec001_at_its_line():
    sql = ("USE app;\nDELIMITER //\nCREATE TRIGGER tr BEFORE INSERT ON users FOR EACH ROW BEGIN SET NEW.age = 1; END//\n"
           "DELIMITER ;\nUPDATE users u JOIN orgs o ON o.id = u.id SET u.age = 2;\n"
           "ALTER TABLE users ADD FULLTEXT INDEX ft (bio);\nALTER TABLE users FROBNICATE;\n")
    statements = parse_sql(sql, dialect="mysql")
    assert [s.node is None for s in statements] == [False, False, False, False, True]
    findings = lint_mysql(sql, SCHEMA)
    broken = [f for f in findings if f.code == "EC001"]
    assert [(f.line, f.column) for f in broken] == [(7, 1)]


def test_statement_model_keeps_what_online_ddl_depends_on():
    s = parse_mysql_statement("ALTER TABLE `app`.`t` ADD COLUMN c VARCHAR(10) CHARACTER SET ascii NOT NULL "
                              "COMMENT 'x' AFTER b, ADD INDEX k (c(4)), ENGINE=InnoDB, ALGORITHM=INPLACE, LOCK=NONE")
    assert (s.table, s.algorithm, s.lock) == ("app.t", "INPLACE", "NONE")
    column = s.specs[0].column
    assert (column.charset, column.comment, column.position, column.not_null) == ("ascii", "'x'", "AFTER b", True)
    assert s.specs[1].columns == ("c(4)",)
    assert [x.op for x in s.specs] == ["add_column", "add_index", "engine"]


# -- the operation table on the catalog ----------------------------------------------------------

@pytest.mark.parametrize(("alter", "op"), [
    ("MODIFY email VARCHAR(63) NOT NULL", Op.VARCHAR_EXTEND),  # 240 -> 252 bytes in utf8mb4
    ("MODIFY email VARCHAR(64) NOT NULL", Op.VARCHAR_EXTEND_PAST_255),  # 256 bytes
    ("MODIFY name VARCHAR(255) CHARACTER SET latin1 NOT NULL DEFAULT '' COMMENT 'display name'",
     Op.VARCHAR_EXTEND),  # latin1: 255 bytes
    ("MODIFY name VARCHAR(256) CHARACTER SET latin1 NOT NULL DEFAULT '' COMMENT 'display name'",
     Op.VARCHAR_EXTEND_SHORT_PAST_255),  # from 50 bytes: every stored length fits one byte either way
    ("MODIFY age BIGINT", Op.INT_WIDEN),
    ("MODIFY avatar MEDIUMBLOB", Op.BLOB_WIDEN),
    ("MODIFY kind ENUM('a','b','c') NOT NULL DEFAULT 'a'", Op.ENUM_APPEND),
    ("CONVERT TO CHARACTER SET utf8mb4", Op.CONVERT_CHARSET),
    ("ENGINE=InnoDB", Op.REBUILD),
    ("ADD COLUMN g INT AS (age + 1) STORED", Op.ADD_STORED_GENERATED),
    ("AUTO_INCREMENT = 100", Op.AUTO_INCREMENT_VALUE),
    ("MODIFY age INT FIRST", Op.REORDER_COLUMN),
    ("DROP PRIMARY KEY, ADD PRIMARY KEY (id, email)", Op.REPLACE_PRIMARY_KEY),
])
def test_operations_are_classified_on_the_catalog(alter, op):
    session = Session(Catalog.from_sql(SCHEMA), Server("mariadb", (10, 11)), "m")
    assert op in [u.op for u in session.step(f"ALTER TABLE users {alter}").uses]


def test_foreign_key_checks_off_makes_the_fk_inplace():
    session = Session(Catalog.from_sql(SCHEMA), Server("mysql", (8, 0)), "m")
    fk = "ALTER TABLE users ADD CONSTRAINT f FOREIGN KEY (age) REFERENCES orgs (id)"
    assert session.step(fk).uses[0].op is Op.ADD_FOREIGN_KEY
    session.step("SET foreign_key_checks = 0")
    assert session.step(fk.replace(" f ", " g ")).uses[0].op is Op.ADD_FOREIGN_KEY_NO_CHECKS


# -- rules ----------------------------------------------------------------------------------------

def test_blocking_alter_names_algorithm_lock_and_the_tool_command():
    [finding] = [f for f in lint_mysql(T + "ALTER TABLE users MODIFY age BIGINT;", SCHEMA) if f.code == "EC501"]
    assert "ALGORITHM=COPY" in finding.message and "LOCK=SHARED" in finding.message
    assert 'gh-ost' in finding.help and 'pt-online-schema-change --alter "MODIFY age BIGINT" D=<database>,t=users' \
        in finding.help


def test_blocking_alter_depends_on_the_server_and_spares_new_tables():
    sql = "ALTER TABLE users MODIFY age BIGINT;"
    assert "EC501" in codes(sql, mysql_version="8.4")
    assert "EC501" not in codes(sql, mariadb_version="11.4")  # online ALGORITHM=COPY
    assert "EC501" not in codes("CREATE TABLE n (a INT); ALTER TABLE n MODIFY a BIGINT;")
    assert "EC501" not in codes("ALTER TABLE users ADD COLUMN x INT, ADD INDEX ix (x);")


def test_a_rename_locks_only_for_an_instant():
    # MariaDB takes LOCK=EXCLUSIVE for RENAME, but only while the name changes (the cost table's
    # ``brief``): not a blocking alter; a clause that copies the table beside it still is
    assert cost(Op.RENAME_TABLE, Server("mariadb", (10, 11))).lock == "EXCLUSIVE"
    assert "EC501" not in codes("ALTER TABLE users RENAME TO people;", mariadb_version="10.11")
    [finding] = [f for f in lint_mysql(T + "ALTER TABLE users RENAME TO people, MODIFY age BIGINT;", SCHEMA,
                                       mariadb_version="10.11") if f.code == "EC501"]
    assert "LOCK=SHARED" in finding.message and "rename" not in finding.message


def test_refused_clauses():
    assert "EC502" in codes("ALTER TABLE users MODIFY age BIGINT, ALGORITHM=INPLACE;")
    assert "EC502" in codes("ALTER TABLE users ADD INDEX ia (age), ALGORITHM=INSTANT;")
    assert "EC502" in codes("ALTER TABLE users ADD INDEX ia (age), ALGORITHM=COPY, LOCK=NONE;")
    assert "EC502" not in codes("ALTER TABLE users ADD INDEX ia (age), ALGORITHM=COPY, LOCK=NONE;",
                                mariadb_version="11.4")
    assert "EC502" not in codes("ALTER TABLE users ADD INDEX ia (age), ALGORITHM=INPLACE, LOCK=NONE;")
    assert "EC502" not in codes("ALTER TABLE users ADD COLUMN x INT, ALGORITHM=INSTANT;")


def test_lock_wait_timeout_once_per_script_and_not_after_set():
    findings = lint_mysql("ALTER TABLE users ADD COLUMN x INT;\nALTER TABLE users ADD COLUMN y INT;", SCHEMA)
    assert [f.line for f in findings if f.code == "EC503"] == [1]
    assert "EC503" not in codes("ALTER TABLE users ADD COLUMN x INT;")


def test_modify_keeps_restated_attributes():
    assert "EC504" in codes("ALTER TABLE users MODIFY name VARCHAR(50) NOT NULL DEFAULT '';")  # comment, charset
    assert "EC504" not in codes(
        "ALTER TABLE users MODIFY name VARCHAR(50) CHARACTER SET latin1 NOT NULL DEFAULT '' COMMENT 'display name';")
    [finding] = [f for f in lint_mysql(T + "ALTER TABLE users CHANGE email mail VARCHAR(60);", SCHEMA)
                 if f.code == "EC504"]
    assert "CHANGE email mail VARCHAR(60) NOT NULL" in finding.help.replace("varchar", "VARCHAR")


def test_implicit_commit():
    assert "EC505" in codes("START TRANSACTION;\nALTER TABLE users ADD COLUMN x INT;\nCOMMIT;")
    assert "EC505" not in codes("ALTER TABLE users ADD COLUMN x INT;")


def test_compatibility_rules_in_mysql_terms():
    findings = lint_mysql(T + "ALTER TABLE users DROP COLUMN bio;", SCHEMA)
    [drop] = [f for f in findings if f.code == "EC301"]
    assert "ERROR 1054" in drop.message and 'does not exist' not in drop.message
    assert "EC308" not in codes("ALTER TABLE users MODIFY avatar MEDIUMBLOB;")  # a widening
    assert "EC308" in codes("ALTER TABLE users MODIFY bio TINYTEXT;")
    assert "EC308" in codes("ALTER TABLE users MODIFY email VARCHAR(20) NOT NULL;")


def test_version_flags():
    runner = CliRunner()
    bad = runner.invoke(main, ["lint", "--mariadb-version", "ten", "x.sql"])
    assert bad.exit_code == 2 and "--mariadb-version" in bad.output


def test_config_keys(tmp_path):
    (tmp_path / "expandcontract.toml").write_text('[tool.expandcontract]\ndialect = "mysql"\nmariadb_version = "11.4"\n')
    (tmp_path / "m.sql").write_text("ALTER TABLE users ADD FULLTEXT INDEX f (bio);\n")
    result = CliRunner().invoke(main, ["lint", str(tmp_path / "m.sql")])
    assert "on MariaDB 11.4" in result.output
    (tmp_path / "expandcontract.toml").write_text('[tool.expandcontract]\nmariadb_version = "eleven"\n')
    result = CliRunner().invoke(main, ["lint", str(tmp_path / "m.sql")])
    assert result.exit_code == 2 and "expandcontract.toml:2: not a mariadb version" in result.output


def test_enum_values_added_in_the_middle_copy_but_do_not_narrow():
    sql = "ALTER TABLE users MODIFY kind ENUM('a','x','b') NOT NULL DEFAULT 'a';"
    assert "EC308" not in codes(sql)
    assert "EC501" in codes(sql)  # not an append: the table is copied


def test_a_modify_of_an_unknown_column_says_what_it_assumed():
    [finding] = [f for f in lint_mysql(T + "ALTER TABLE other MODIFY c VARCHAR(64) NOT NULL;") if f.code == "EC501"]
    assert "assumed to change type (pass --schema)" in finding.message
