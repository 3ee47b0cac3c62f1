"""``split --dialect mysql``: the MySQL recipes as plans, as files that lint clean, and run on a
real MariaDB with an old app writing between the phases."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from expandcontract.api import baseline_from_text
from expandcontract.cli import main
from expandcontract.config import Config
from expandcontract.core.findings import Severity
from expandcontract.core.mysql.ddl import Server
from expandcontract.core.mysql.split import skip_comments, split_mysql
from expandcontract.lint import lint_migrations
from expandcontract.split import plan_migration
from expandcontract.split.mysql import BATCH_ROWS, render_mysql_files, split_mysql_migration

SCHEMA = """
CREATE TABLE users (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(100) NOT NULL DEFAULT '' COMMENT 'display name',
  email VARCHAR(200) CHARACTER SET latin1 NULL COMMENT 'contact',
  amount INT NOT NULL DEFAULT 0 COMMENT 'in cents',
  plan VARCHAR(20) NULL COMMENT 'billing plan',
  KEY users_name (name),
  KEY users_amount_name (amount, name(10)),
  UNIQUE KEY users_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE teams (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(50) NOT NULL) ENGINE=InnoDB;
"""
MARIADB = Server("mariadb", (10, 11))


def plan_of(sql: str, server: Server = MARIADB, **kwargs):
    return split_mysql_migration(sql, SCHEMA, server=server, **kwargs)


def findings_of(files: dict[str, str], server: str = "10.11") -> list:
    migration = plan_migration(files, "split", "out")
    return list(lint_migrations([migration], config=Config(dialect="mysql", mariadb_version=server,
                                                           runner="expandcontract"),
                                baseline=baseline_from_text(SCHEMA, dialect="mysql")).findings)


def statements(text: str) -> list[str]:
    """The statements of a file without their comments, as the mysql client cuts them."""
    pieces = (text[c.start:c.end] for c in split_mysql(text))
    return [p[skip_comments(p, 0):].strip() for p in pieces if p[skip_comments(p, 0):].strip()]


# -- plans --------------------------------------------------------------------------------------

def test_rename_adds_a_synced_copy_and_drops_the_old_column_in_contract():
    plan = plan_of("ALTER TABLE users RENAME COLUMN name TO full_name;")
    assert plan.ok and [c.title for c in plan.changes] == ["rename column users.name to full_name"]
    files = render_mysql_files(plan)
    expand = statements(files["expand.sql"])
    assert expand[1] == ("ALTER TABLE users ADD COLUMN full_name varchar(100) NULL COMMENT 'display name' "
                         "AFTER name, ALGORITHM=INSTANT")
    # the indexes on name are built on full_name too (a prefix stays a prefix)
    assert expand[2:4] == [
        "ALTER TABLE users ADD INDEX users_name_full_name (full_name), ALGORITHM=INPLACE, LOCK=NONE",
        "ALTER TABLE users ADD INDEX users_amount_name_full_name (amount, full_name(10)), ALGORITHM=INPLACE, LOCK=NONE"]
    assert [s.split(" ON ")[0] for s in expand[4:6]] == [
        "CREATE TRIGGER users_full_name_sync_ins BEFORE INSERT", "CREATE TRIGGER users_full_name_sync_upd BEFORE UPDATE"]
    assert "BEGIN" not in expand[4] and "BEGIN" not in expand[5]  # one SET each: no DELIMITER needed
    assert "DELIMITER //" in files["expand.sql"] and expand[6].startswith("CREATE PROCEDURE users_full_name_backfill")
    assert statements(files["migrate.sql"])[1] == "CALL users_full_name_backfill()"
    contract = statements(files["contract.sql"])
    # MODIFY restates the whole column: NOT NULL, DEFAULT and COMMENT come back from the schema
    assert contract[1] == ("ALTER TABLE users MODIFY full_name varchar(100) NOT NULL DEFAULT '' COMMENT "
                           "'display name', ALGORITHM=INPLACE, LOCK=NONE")
    # a column in an index is not dropped instantly: INPLACE, and the copies take the old indexes' names
    assert contract[2:7] == [
        "LOCK TABLES users WRITE", "DROP TRIGGER IF EXISTS users_full_name_sync_ins",
        "DROP TRIGGER IF EXISTS users_full_name_sync_upd",
        "ALTER TABLE users DROP INDEX users_name, DROP INDEX users_amount_name, DROP COLUMN name, RENAME INDEX "
        "users_name_full_name TO users_name, RENAME INDEX users_amount_name_full_name TO users_amount_name, "
        "ALGORITHM=INPLACE, LOCK=NONE",
        "UNLOCK TABLES"]
    assert "reads and writes users.full_name" in files["PLAN.md"]


def test_change_column_with_a_new_name_is_a_rename_keeping_the_written_definition():
    plan = plan_of("ALTER TABLE users CHANGE email contact VARCHAR(200) CHARACTER SET latin1 NULL COMMENT 'contact'")
    assert plan.ok and plan.changes[0].title == "rename column users.email to contact"
    expand = statements(render_mysql_files(plan)["expand.sql"])
    assert "ADD COLUMN contact varchar(200) CHARACTER SET latin1 NULL COMMENT 'contact' AFTER email" in expand[1]


def test_a_blocking_type_change_becomes_a_copy_column_swapped_in_contract():
    plan = plan_of("ALTER TABLE users MODIFY amount BIGINT NOT NULL DEFAULT 0 COMMENT 'in cents'")
    assert plan.ok and plan.changes[0].title == "change type of users.amount to bigint"
    files = render_mysql_files(plan)
    expand = statements(files["expand.sql"])
    assert expand[1] == ("ALTER TABLE users ADD COLUMN amount_new bigint NULL DEFAULT 0 COMMENT 'in cents' "
                         "AFTER amount, ALGORITHM=INSTANT")
    assert expand[2] == ("ALTER TABLE users ADD INDEX users_amount_name_amount_new (amount_new, name(10)), "
                         "ALGORITHM=INPLACE, LOCK=NONE")
    assert expand[3].endswith("FOR EACH ROW SET NEW.amount_new = NEW.amount")
    contract = statements(files["contract.sql"])
    assert contract[1] == ("ALTER TABLE users MODIFY amount_new bigint NOT NULL DEFAULT 0 COMMENT 'in cents', "
                           "ALGORITHM=INPLACE, LOCK=NONE")
    assert ("ALTER TABLE users DROP INDEX users_amount_name, DROP COLUMN amount, RENAME COLUMN amount_new TO amount, "
            "RENAME INDEX users_amount_name_amount_new TO users_amount_name, ALGORITHM=INPLACE, LOCK=NONE") in contract
    no_index = split_mysql_migration("ALTER TABLE t MODIFY a BIGINT", "CREATE TABLE t (id INT PRIMARY KEY, a INT)",
                                     server=MARIADB)
    assert ("ALTER TABLE t DROP COLUMN a, RENAME COLUMN a_new TO a, ALGORITHM=INSTANT"
            in statements(render_mysql_files(no_index)["contract.sql"]))
    assert "ALGORITHM=COPY, rebuilds" not in files["PLAN.md"] and "ALGORITHM=COPY, LOCK=SHARED" in files["PLAN.md"]


def test_the_version_flags_decide_what_blocks():
    """INT -> BIGINT copies the table under LOCK=SHARED on MariaDB 10.11 and MySQL 8.0, but MariaDB 11.4
    copies it online (LOCK=NONE): there the statement is kept as written."""
    sql = "ALTER TABLE users MODIFY amount BIGINT NOT NULL DEFAULT 0 COMMENT 'in cents'"
    assert not plan_of(sql, Server("mysql", (8, 0))).changes[0].passthrough
    kept = plan_of(sql, Server("mariadb", (11, 4))).changes[0]
    assert kept.passthrough and kept.expand[0].statements[0].text == sql


def test_a_comment_the_type_change_leaves_out_is_kept():
    plan = plan_of("ALTER TABLE users MODIFY amount BIGINT NOT NULL DEFAULT 0")
    assert "COMMENT 'in cents'" in statements(render_mysql_files(plan)["expand.sql"])[1]


def test_not_null_backfills_then_restates_the_whole_column():
    plan = plan_of("ALTER TABLE users MODIFY plan VARCHAR(20) NOT NULL DEFAULT 'free'")
    files = render_mysql_files(plan)
    expand = statements(files["expand.sql"])
    assert expand[1] == "ALTER TABLE users ALTER COLUMN plan SET DEFAULT 'free', ALGORITHM=INSTANT"
    assert "SET NEW.plan = COALESCE(NEW.plan, 'free')" in expand[2]
    assert "UPDATE users SET plan = 'free' WHERE id >= lower_key AND plan IS NULL" in expand[4]
    assert statements(files["contract.sql"])[1] == ("ALTER TABLE users MODIFY plan varchar(20) NOT NULL DEFAULT "
                                                    "'free' COMMENT 'billing plan', ALGORITHM=INPLACE, LOCK=NONE")


def test_not_null_without_a_value_for_the_null_rows_is_refused_or_filled():
    plan = plan_of("ALTER TABLE users MODIFY plan VARCHAR(20) NOT NULL COMMENT 'billing plan'")
    assert not plan.ok and "--fill users.plan=" in plan.refusals[0].reason
    plan = plan_of("ALTER TABLE users MODIFY plan VARCHAR(20) NOT NULL COMMENT 'billing plan'",
                   fills={"users.plan": "CONCAT('p', id)"})
    expand = statements(render_mysql_files(plan)["expand.sql"])
    assert "SET NEW.plan = COALESCE(NEW.plan, CONCAT('p', NEW.id))" in expand[1]


def test_a_change_only_a_table_copy_can_make_gets_the_online_schema_change_commands():
    plan = plan_of("ALTER TABLE users CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", database="shop")
    files = render_mysql_files(plan)
    assert plan.ok and "nothing to run" in files["expand.sql"]
    md = files["PLAN.md"]
    assert ('gh-ost --host=<host> --user=<user> --ask-pass --database=shop --table=users '
            '--alter="CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci" --chunk-size=1000 '
            '--max-load=Threads_running=25 --execute') in md
    assert ('pt-online-schema-change --alter "CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci" '
            'D=shop,t=users --chunk-size=1000 --max-load Threads_running=25 --critical-load Threads_running=100 '
            '--dry-run') in md
    assert "ALGORITHM=COPY, LOCK=SHARED at best` on MariaDB 10.11" in md


def test_a_foreign_key_gets_pt_online_schema_change_only():
    plan = plan_of("ALTER TABLE users ADD COLUMN team_id BIGINT NULL;\n"
                   "ALTER TABLE users ADD CONSTRAINT users_team_fk FOREIGN KEY (team_id) REFERENCES teams (id);")
    md = render_mysql_files(plan)["PLAN.md"]
    assert plan.changes[0].passthrough and "gh-ost --" not in md
    assert 'pt-online-schema-change --alter "ADD CONSTRAINT users_team_fk FOREIGN KEY (team_id) REFERENCES ' in md
    assert "D=<database>,t=users" in md and "replace <database>" in md


def test_safe_statements_are_kept_in_their_phase_and_unsafe_ones_refused():
    plan = plan_of("SET SESSION lock_wait_timeout = 3;\n"
                   "ALTER TABLE users ADD COLUMN nickname VARCHAR(30) NULL, ALGORITHM=INSTANT;\n"
                   "CREATE INDEX users_email ON users (email) ALGORITHM=INPLACE LOCK=NONE;\n"
                   "ALTER TABLE teams DROP COLUMN name;\n")
    assert plan.ok
    assert [bool(c.expand) for c in plan.changes] == [True, True, False]
    assert plan.changes[2].contract and plan.settings[0].text.startswith("SET SESSION lock_wait_timeout = 3")
    files = render_mysql_files(plan)
    assert files["expand.sql"].count("lock_wait_timeout") == 1  # the migration's own, not a second one
    refused = plan_of("ALTER TABLE users ADD COLUMN tier INT NOT NULL;\nRENAME TABLE teams TO squads;\n"
                      "ALTER TABLE users RENAME COLUMN name TO n2, ADD COLUMN x INT NULL;")
    reasons = [r.reason for r in refused.refusals]
    assert "ERROR 1364" in reasons[0] and "RENAME TABLE breaks the old app" in reasons[1]
    assert "rename it in an ALTER TABLE of its own" in reasons[2]


def test_a_table_created_earlier_in_the_migration_is_changed_as_written_in_expand():
    plan = plan_of("CREATE TABLE invoices (id BIGINT NOT NULL PRIMARY KEY, total INT NULL, note TEXT);\n"
                   "ALTER TABLE invoices RENAME COLUMN total TO amount;\n"
                   "ALTER TABLE invoices MODIFY amount BIGINT NOT NULL, DROP COLUMN note;\n"
                   "ALTER TABLE users RENAME COLUMN name TO full_name;\n")
    assert plan.ok, plan.refusals
    assert [c.title for c in plan.changes][:3] == [
        "CREATE TABLE invoices (id BIGINT NOT NULL PRIMARY KEY, total INT NULL...",
        "ALTER TABLE invoices RENAME COLUMN total TO amount",
        "ALTER TABLE invoices MODIFY amount BIGINT NOT NULL, DROP COLUMN note"]
    assert all(c.expand and not c.contract and c.passthrough for c in plan.changes[:3])
    assert plan.changes[3].title == "rename column users.name to full_name"  # the table the old app uses: split
    expand = render_mysql_files(plan)["expand.sql"]
    assert expand.index("CREATE TABLE invoices") < expand.index("RENAME COLUMN total TO amount") < expand.index(
        "MODIFY amount BIGINT NOT NULL")


def test_a_copied_column_changed_again_in_the_same_migration_is_refused():
    plan = plan_of("ALTER TABLE users RENAME COLUMN name TO full_name;\nALTER TABLE users DROP COLUMN full_name;")
    assert [r.line for r in plan.refusals] == [2]
    assert "already being copied by the change at line 1" in plan.refusals[0].reason


def test_a_column_in_a_foreign_key_or_a_fulltext_index_is_not_copied():
    schema = ("CREATE TABLE t (id INT PRIMARY KEY, team INT, body TEXT, CONSTRAINT t_team FOREIGN KEY (team) "
              "REFERENCES teams (id), FULLTEXT KEY t_body (body))")
    plan = split_mysql_migration("ALTER TABLE t RENAME COLUMN team TO team_id;\nALTER TABLE t MODIFY body LONGTEXT",
                                 schema, server=MARIADB)
    assert [r.line for r in plan.refusals] == [1, 2]
    assert "foreign key t_team" in plan.refusals[0].reason and "FULLTEXT index t_body" in plan.refusals[1].reason


def test_a_not_null_column_with_a_non_constant_default_is_refused():
    """MODIFY … NOT NULL DEFAULT CURRENT_TIMESTAMP cannot run in place (MariaDB 10.11: ERROR 1846)."""
    schema = ("CREATE TABLE t (id INT PRIMARY KEY, changed TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) "
              "ON UPDATE CURRENT_TIMESTAMP(6))")
    plan = split_mysql_migration("ALTER TABLE t RENAME COLUMN changed TO modified_at", schema, server=MARIADB)
    assert "non-constant DEFAULT CURRENT_TIMESTAMP(6)" in plan.refusals[0].reason


def test_the_copy_needs_a_primary_key_and_pages_through_a_composite_one_as_a_tuple():
    plan = split_mysql_migration("ALTER TABLE t RENAME COLUMN a TO b", "CREATE TABLE t (a INT, c INT)",
                                 server=MARIADB)
    assert "t has no primary key" in plan.refusals[0].reason
    assert "Add a primary key first (in a migration of its own)" in plan.refusals[0].reason
    plan = split_mysql_migration("ALTER TABLE m RENAME COLUMN org_id TO org", MEMBERSHIPS, server=MARIADB)
    assert "m.org_id is in the primary key: the split cannot copy it" in plan.refusals[0].reason
    plan = split_mysql_migration("ALTER TABLE m RENAME COLUMN role TO kind", MEMBERSHIPS, server=MARIADB)
    assert plan.ok and plan.changes[0].backfills[0].key == "org_id, user_id"
    expand = render_mysql_files(plan)["expand.sql"]
    assert "ORDER BY org_id, user_id LIMIT 1 OFFSET 999" in expand
    assert "org_id >= ec_lower_1 AND (org_id > ec_lower_1 OR (org_id = ec_lower_1 AND user_id > ec_lower_2))" in expand


MEMBERSHIPS = ("CREATE TABLE m (org_id INT NOT NULL, user_id VARCHAR(20) NOT NULL, role VARCHAR(20) NULL, "
               "PRIMARY KEY (org_id, user_id)) ENGINE=InnoDB")


@pytest.mark.parametrize("sql", [
    "ALTER TABLE users RENAME COLUMN name TO full_name",
    "ALTER TABLE users MODIFY amount BIGINT NOT NULL DEFAULT 0 COMMENT 'in cents'",
    "ALTER TABLE users MODIFY plan VARCHAR(20) NOT NULL DEFAULT 'free' COMMENT 'billing plan'",
    "ALTER TABLE users CONVERT TO CHARACTER SET utf8mb4",
])
@pytest.mark.parametrize("server", ["10.6", "10.11", "11.4"])
def test_every_file_the_split_writes_lints_without_errors(sql, server):
    """The only findings are EC505's warnings (each DDL statement commits by itself)."""
    plan = plan_of(sql, Server("mariadb", tuple(int(p) for p in server.split("."))))
    found = findings_of(render_mysql_files(plan), server)
    assert {f.code for f in found} <= {"EC505"}
    assert all(f.severity is Severity.WARNING for f in found)


def test_the_split_command_writes_mysql_files(tmp_path):
    (tmp_path / "schema.sql").write_text(SCHEMA)
    (tmp_path / "m.sql").write_text("ALTER TABLE users RENAME COLUMN name TO full_name;\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["split", str(tmp_path / "m.sql"), "--schema", str(tmp_path / "schema.sql"),
                                       "--mariadb-version", "10.11", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["PLAN.md", "contract.sql", "expand.sql", "migrate.sql"]
    assert f"then: expandcontract apply {out} --schema {tmp_path / 'schema.sql'} --phase expand" in result.output
    assert "CREATE TRIGGER users_full_name_sync_ins" in (out / "expand.sql").read_text()
    lint = CliRunner().invoke(main, ["lint", "--mariadb-version", "10.11", "--schema", str(tmp_path / "schema.sql"),
                                     "--fail-on", "error", "--no-cache", str(out)])
    assert lint.exit_code == 0, lint.output
    refused = CliRunner().invoke(main, ["split", str(tmp_path / "m.sql"), "--schema", str(tmp_path / "schema.sql"),
                                        "--dialect", "mysql", "--format", "alembic", "--dry-run"])
    assert refused.exit_code == 2 and "--dialect mysql writes --format sql" in refused.output


# -- on a real MariaDB ----------------------------------------------------------------------------

ROWS = 2 * BATCH_ROWS + 345  # three batches, the last one short


def run_script(conn, text: str) -> None:
    """A file as the mysql client runs it: statement by statement, DELIMITER understood."""
    with conn.cursor() as cur:
        for statement in statements(text):
            cur.execute(statement)


def fetch(conn, sql: str, *args):
    with conn.cursor() as cur:
        cur.execute(sql, args or None)
        return cur.fetchall()


def indexes(conn) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, column in fetch(conn, "SELECT index_name, column_name FROM information_schema.statistics WHERE "
                                    "table_schema = DATABASE() AND table_name = 'users' ORDER BY index_name, seq_in_index"):
        out.setdefault(name, []).append(column)
    return out


def setup_table(conn) -> None:
    run_script(conn, SCHEMA)
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO users (name, email, amount, plan) VALUES (%s, %s, %s, %s)",
                        [(f"user{i}", f"u{i}@example.com", i, None if i % 3 == 0 else "pro") for i in range(ROWS)])


def run_phases(conn, sql: str, between) -> dict[str, str]:
    """expand, then ``between`` (the apps at work), migrate, contract."""
    files = render_mysql_files(split_mysql_migration(sql, SCHEMA, server=MARIADB))
    run_script(conn, files["expand.sql"])
    between(conn)
    run_script(conn, files["migrate.sql"])
    run_script(conn, files["contract.sql"])
    return files


@pytest.mark.mysql
def test_rename_on_mariadb_keeps_the_old_app_working_and_every_row(mysql_db):
    setup_table(mysql_db)

    def apps(conn):
        with conn.cursor() as cur:
            # the old app after expand: its INSERT and UPDATE of name still work, and reach full_name
            cur.execute("INSERT INTO users (name, amount) VALUES ('old-app', 1)")
            cur.execute("UPDATE users SET name = 'renamed-by-old' WHERE id = 5")
            assert fetch(conn, "SELECT name FROM users WHERE id = 5") == (("renamed-by-old",),)
            # the new app writes full_name only; the old app still reads name
            cur.execute("INSERT INTO users (full_name, amount) VALUES ('new-app', 2)")
            cur.execute("UPDATE users SET full_name = 'renamed-by-new' WHERE id = 6")
            assert fetch(conn, "SELECT name FROM users WHERE id = 6") == (("renamed-by-new",),)
            assert fetch(conn, "SELECT name FROM users WHERE full_name = 'new-app'") == (("new-app",),)
            # rows the backfill has not reached yet
            assert fetch(conn, "SELECT COUNT(*) FROM users WHERE full_name IS NULL")[0][0] == ROWS - 2

    run_phases(mysql_db, "ALTER TABLE users RENAME COLUMN name TO full_name;", apps)
    assert fetch(mysql_db, "SELECT COUNT(*), COUNT(DISTINCT full_name) FROM users") == ((ROWS + 2, ROWS + 2),)
    assert fetch(mysql_db, "SELECT full_name FROM users WHERE id IN (1, 5, 6) ORDER BY id") == (
        ("user0",), ("renamed-by-old",), ("renamed-by-new",))
    assert fetch(mysql_db, "SELECT full_name FROM users WHERE amount = 1 AND full_name LIKE '%app'") == (("old-app",),)
    columns = {r[0]: r for r in fetch(mysql_db, "SELECT column_name, is_nullable, column_default, column_comment "
                                                "FROM information_schema.columns WHERE table_schema = DATABASE() "
                                                "AND table_name = 'users'")}
    assert "name" not in columns and columns["full_name"][1:] == ("NO", "''", "display name")
    assert indexes(mysql_db) == {"PRIMARY": ["id"], "users_name": ["full_name"],
                                 "users_amount_name": ["amount", "full_name"], "users_email": ["email"]}
    assert fetch(mysql_db, "SELECT COUNT(*) FROM information_schema.triggers WHERE trigger_schema = DATABASE()") \
        == ((0,),)
    assert fetch(mysql_db, "SELECT COUNT(*) FROM information_schema.routines WHERE routine_schema = DATABASE()") \
        == ((0,),)


@pytest.mark.mysql
def test_type_change_on_mariadb_copies_every_write_and_swaps(mysql_db):
    setup_table(mysql_db)
    big = 5_000_000_000  # does not fit the old INT: written after contract

    def apps(conn):
        with conn.cursor() as cur:
            cur.execute("INSERT INTO users (name, amount) VALUES ('old-app', 77)")
            cur.execute("UPDATE users SET amount = amount + 1000 WHERE id <= 10")
            assert fetch(conn, "SELECT amount FROM users WHERE id = 1") == ((1000,),)

    run_phases(mysql_db, "ALTER TABLE users MODIFY amount BIGINT NOT NULL DEFAULT 0 COMMENT 'in cents';", apps)
    assert fetch(mysql_db, "SELECT SUM(amount), COUNT(*) FROM users") == (
        (sum(range(ROWS)) + 10 * 1000 + 77, ROWS + 1),)
    with mysql_db.cursor() as cur:
        cur.execute("UPDATE users SET amount = %s WHERE id = 2", (big,))
    assert fetch(mysql_db, "SELECT amount FROM users WHERE id = 2") == ((big,),)
    assert fetch(mysql_db, "SELECT column_type, is_nullable, column_default, column_comment FROM "
                           "information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'users' "
                           "AND column_name LIKE 'amount%'") == (("bigint(20)", "NO", "0", "in cents"),)
    assert indexes(mysql_db)["users_amount_name"] == ["amount", "name"]


@pytest.mark.mysql
def test_not_null_on_mariadb_fills_the_old_apps_nulls(mysql_db):
    setup_table(mysql_db)

    def apps(conn):
        with conn.cursor() as cur:
            cur.execute("INSERT INTO users (name, plan) VALUES ('old-app', NULL)")
            cur.execute("UPDATE users SET plan = NULL WHERE id = 2")
            assert fetch(conn, "SELECT plan FROM users WHERE name = 'old-app' OR id = 2") == (("free",), ("free",))

    run_phases(mysql_db, "ALTER TABLE users MODIFY plan VARCHAR(20) NOT NULL DEFAULT 'free';", apps)
    assert fetch(mysql_db, "SELECT plan, COUNT(*) FROM users GROUP BY plan ORDER BY plan") == (
        ("free", ROWS // 3 + 1 + 2), ("pro", ROWS - ROWS // 3 - 1 - 1))
    assert fetch(mysql_db, "SELECT is_nullable, column_default, column_comment FROM information_schema.columns "
                           "WHERE table_schema = DATABASE() AND table_name = 'users' AND column_name = 'plan'") == (
        ("NO", "'free'", "billing plan"),)


@pytest.mark.mysql
def test_a_composite_primary_key_backfill_on_mariadb_reaches_every_row_once(mysql_db):
    """Keys that repeat in the first column across batch edges (org_id 0..6, 1,000-row batches)."""
    run_script(mysql_db, MEMBERSHIPS)
    rows = 3 * BATCH_ROWS + 17
    with mysql_db.cursor() as cur:
        cur.executemany("INSERT INTO m VALUES (%s, %s, %s)",
                        [(i % 7, f"u{i:05d}", None if i % 5 == 0 else "member") for i in range(rows)])
    files = render_mysql_files(split_mysql_migration("ALTER TABLE m MODIFY role VARCHAR(20) NOT NULL DEFAULT 'guest'",
                                                     MEMBERSHIPS, server=MARIADB))
    run_script(mysql_db, files["expand.sql"])
    with mysql_db.cursor() as cur:  # the old app's NULL write, filled by the trigger
        cur.execute("INSERT INTO m VALUES (9, 'late', NULL)")
    run_script(mysql_db, files["migrate.sql"])
    assert fetch(mysql_db, "SELECT role, COUNT(*) FROM m GROUP BY role ORDER BY role") == (
        ("guest", (rows + 4) // 5 + 1), ("member", rows - (rows + 4) // 5))
    run_script(mysql_db, files["contract.sql"])
    assert fetch(mysql_db, "SELECT is_nullable FROM information_schema.columns WHERE table_schema = DATABASE() "
                           "AND table_name = 'm' AND column_name = 'role'") == (("NO",),)
