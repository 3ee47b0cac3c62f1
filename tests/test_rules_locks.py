"""The lock rules (EC202-EC216) beyond their doc examples: version boundaries, tables created by
the migration, transaction grouping, the runner switch; and, on a real PostgreSQL, that the lock
and rewrite facts they rely on hold and that every example in their docs runs as written."""

from __future__ import annotations

import psycopg
import pytest

from expandcontract.core.findings import Severity
from expandcontract.core.ops import Lock
from expandcontract.core.ops.registry import classify, extract_actions
from expandcontract.core.parse import parse_sql
from expandcontract.core.schema import Schema
from expandcontract.docs import load_docs

from .conftest import codes, lint_sql

SCHEMA = """
CREATE TABLE orgs (id bigint PRIMARY KEY);
CREATE TABLE users (id bigint PRIMARY KEY, org_id bigint, email varchar(20), age integer,
                    score numeric(10, 2), bio text, "Name" text);
CREATE INDEX users_email_idx ON users (email);
CREATE MATERIALIZED VIEW user_counts AS SELECT count(*) AS n FROM users;
CREATE TABLE parts (id bigint, k integer) PARTITION BY RANGE (k);
CREATE TABLE parts_1 PARTITION OF parts FOR VALUES FROM (0) TO (10);
CREATE DOMAIN quantity AS integer;
CREATE TABLE lines (id bigint PRIMARY KEY, amount quantity);
"""
TIMEOUT = "SET lock_timeout = '2s';\n"


def found(sql: str, code: str, **config) -> list:
    return [f for f in lint_sql(sql, schema=SCHEMA, **config) if f.code == code]


def fires(sql: str, code: str, **config) -> bool:
    return bool(found(sql, code, **config))


# -- EC201 require-concurrent-index ------------------------------------------------------------


@pytest.mark.parametrize(("written", "fix"), [
    ("CREATE INDEX IF NOT EXISTS users_bio_idx ON users (bio)",
     "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_bio_idx ON users (bio)"),
    ('create unique index users_lower_email on users\n  using btree (lower(email)) where "Name" is not null',
     'create unique index CONCURRENTLY users_lower_email on users using btree (lower(email)) where "Name" is not null'),
])
def test_ec201_fix_is_the_statement_as_written_with_concurrently(written, fix):
    [hit] = found(written, "EC201")
    assert hit.help.endswith(": " + fix)
    # and the fix itself passes
    assert not fires(fix, "EC201")


def test_ec409_keeps_unique_in_the_retry_advice():
    [hit] = found("CREATE UNIQUE INDEX CONCURRENTLY users_bio_key ON users (bio)", "EC409")
    assert hit.help.endswith("CREATE UNIQUE INDEX CONCURRENTLY users_bio_key ON users (bio)")


# -- EC202 require-concurrent-index-drop ------------------------------------------------------


SLOW = ";\nUPDATE orgs SET id = id"  # slow work later in the same transaction


def test_drop_index_names_the_table_lock_the_line_that_keeps_it_and_the_concurrent_fix():
    [hit] = found("DROP INDEX users_email_idx" + SLOW, "EC202", phase="contract")
    assert "ACCESS EXCLUSIVE lock on users, still held when line 2 changes rows of orgs" in hit.message
    assert "DROP INDEX CONCURRENTLY users_email_idx;" in hit.help and "before line 2" in hit.help
    [wait] = found("DROP INDEX users_email_idx;\nALTER TABLE orgs ADD COLUMN n int", "EC202", phase="contract")
    assert "still held when line 2 must first get an ACCESS EXCLUSIVE lock on orgs" in wait.message


def test_a_brief_drop_index_is_ec214s_which_names_the_concurrent_form():
    """Alone (or with nothing slow and no other lock after it), the ACCESS EXCLUSIVE lock lasts
    milliseconds: its risk is the wait in the lock queue, which a lock_timeout bounds."""
    sql = "DROP INDEX users_email_idx"
    assert not fires(sql, "EC202", phase="contract")
    assert not fires(sql + ";\nALTER TABLE users ADD COLUMN n int", "EC202", phase="contract")  # same table
    [ec214] = found(sql, "EC214", phase="contract")
    assert ec214.message.endswith("; DROP INDEX CONCURRENTLY users_email_idx takes no such lock")
    assert "or better, without the lock: DROP INDEX CONCURRENTLY users_email_idx (" in ec214.help
    assert not fires(TIMEOUT + sql, "EC214", phase="contract")


def test_drop_index_of_a_new_table_or_concurrently_or_already_locked_is_silent():
    assert not fires("CREATE TABLE t (a int); CREATE INDEX t_a ON t (a); DROP INDEX t_a" + SLOW, "EC202")
    assert not fires("DROP INDEX CONCURRENTLY users_email_idx" + SLOW, "EC202", phase="contract")
    assert not fires("ALTER TABLE users ADD COLUMN n int;\nDROP INDEX users_email_idx" + SLOW, "EC202",
                     phase="contract")
    assert not fires("ALTER TABLE users RENAME TO people;\nDROP INDEX users_email_idx" + SLOW, "EC202",
                     phase="contract")  # the rename took the lock on the same table


def test_drop_of_an_unknown_index_assumes_a_live_table_and_quotes_names():
    [hit] = found('DROP INDEX "Odd_Idx"' + SLOW, "EC202", phase="contract")
    assert "the table of Odd_Idx" in hit.message
    assert 'CONCURRENTLY "Odd_Idx"' in hit.help


# -- EC203 concurrently-in-transaction -------------------------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE INDEX CONCURRENTLY users_age ON users (age)",
        "DROP INDEX CONCURRENTLY users_email_idx",
        "REINDEX INDEX CONCURRENTLY users_email_idx",
        "ALTER TABLE parts DETACH PARTITION parts_1 CONCURRENTLY",
        "VACUUM users",
        "REINDEX SCHEMA public",
    ],
)
def test_non_transactional_statements_inside_begin_commit_fail(statement):
    sql = f"BEGIN;\n{statement};\nCOMMIT;"
    [hit] = found(sql, "EC203", phase="contract")
    assert "cannot run inside a transaction block" in hit.message and "line 1" in hit.message
    assert not fires(f"{statement};", "EC203", phase="contract")


def test_explicit_blocks_group_only_what_they_enclose():
    sql = (
        "CREATE INDEX CONCURRENTLY users_age ON users (age);\n"
        "BEGIN;\nALTER TABLE users ADD COLUMN plan text;\nCOMMIT;\n"
        "CREATE INDEX CONCURRENTLY users_plan ON users (plan);\n"
    )
    assert not fires(sql, "EC203")


def test_assume_in_transaction_applies_to_other_runners_only():
    sql = "CREATE INDEX CONCURRENTLY users_age ON users (age);"
    [hit] = found(sql, "EC203", assume_in_transaction=True)
    assert "assume_in_transaction" in hit.message and "autocommit_block" in hit.help
    assert not fires(sql, "EC203", assume_in_transaction=True, runner="expandcontract")


def test_add_enum_value_in_a_transaction_fails_only_before_pg12():
    sql = "CREATE TYPE mood AS ENUM ('ok');\nBEGIN;\nALTER TYPE mood ADD VALUE 'sad';\nCOMMIT;"
    assert fires(sql, "EC203", pg_version=11)
    assert not fires(sql, "EC203", pg_version=12)


# -- EC204 constraint-missing-not-valid -------------------------------------------------------


def test_check_without_not_valid_gets_a_named_not_valid_rewrite():
    [hit] = found("ALTER TABLE users ADD CHECK (age >= 0)", "EC204")
    assert "ACCESS EXCLUSIVE" in hit.message and "full table scan" in hit.message
    assert "ALTER TABLE users ADD CONSTRAINT users_check CHECK (age >= 0) NOT VALID" in hit.help
    assert "VALIDATE CONSTRAINT users_check" in hit.help


def test_foreign_key_message_names_both_tables_and_their_lock():
    [hit] = found("ALTER TABLE users ADD CONSTRAINT users_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id)", "EC204")
    assert "SHARE ROW EXCLUSIVE" in hit.message and "users and orgs" in hit.message
    assert "REFERENCES orgs (id) NOT VALID" in hit.help


def test_multi_command_alter_gets_a_standalone_fix_with_the_expression():
    sql = "ALTER TABLE users ADD COLUMN plan text, ADD CONSTRAINT age_ok CHECK (age > 0 AND age < 200)"
    [hit] = found(sql, "EC204")
    assert "ALTER TABLE users ADD CONSTRAINT age_ok CHECK (age > 0 AND age < 200) NOT VALID" in hit.help


def test_not_valid_or_new_table_constraints_are_silent():
    assert not fires("ALTER TABLE users ADD CONSTRAINT c CHECK (age > 0) NOT VALID", "EC204")
    assert not fires("CREATE TABLE t (a int); ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0)", "EC204")


# -- EC205 validate-in-same-transaction ------------------------------------------------------

ADD_NOT_VALID = "ALTER TABLE users ADD CONSTRAINT age_ok CHECK (age > 0) NOT VALID;\n"
VALIDATE = "ALTER TABLE users VALIDATE CONSTRAINT age_ok;\n"


def test_validate_in_the_same_transaction_as_its_add():
    [hit] = found(ADD_NOT_VALID + VALIDATE, "EC205")
    assert "line 1" in hit.message and "ACCESS EXCLUSIVE" in hit.message
    assert not fires(f"BEGIN;\n{ADD_NOT_VALID}COMMIT;\n{VALIDATE}", "EC205")
    assert fires(f"BEGIN;\n{ADD_NOT_VALID}{VALIDATE}COMMIT;\n", "EC205")


def test_validate_of_an_unnamed_foreign_key_finds_its_generated_name():
    sql = ("ALTER TABLE users ADD FOREIGN KEY (org_id) REFERENCES orgs (id) NOT VALID;\n"
           "ALTER TABLE users VALIDATE CONSTRAINT users_org_id_fkey;")
    [hit] = found(sql, "EC205")
    assert "SHARE ROW EXCLUSIVE" in hit.message and "orgs" in hit.message


def test_validate_of_a_constraint_from_before_is_silent():
    schema_extra = "ALTER TABLE users ADD CONSTRAINT age_ok CHECK (age > 0) NOT VALID;"
    findings = lint_sql(VALIDATE, schema=SCHEMA + schema_extra)
    assert "EC205" not in codes(findings)


def test_assume_in_transaction_makes_the_file_one_transaction():
    sql = f"{ADD_NOT_VALID}CREATE INDEX CONCURRENTLY users_age ON users (age);\n{VALIDATE}"
    assert not fires(sql, "EC205")  # the concurrent index splits the script as our runner runs it
    [hit] = found(sql, "EC205", assume_in_transaction=True)
    assert "next migration" in hit.help


# -- EC206 unique-constraint-without-index ----------------------------------------------------


def test_unique_and_primary_key_get_the_concurrent_index_path():
    [hit] = found("ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)", "EC206")
    assert "CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email)" in hit.help
    assert "UNIQUE USING INDEX users_email_key" in hit.help
    [pk] = found('ALTER TABLE users ADD PRIMARY KEY ("Name")', "EC206")
    assert 'PRIMARY KEY USING INDEX users_pkey' in pk.help and '("Name")' in pk.help
    assert "sets NOT NULL on Name" in pk.help


def test_using_index_and_new_tables_are_silent():
    assert not fires("ALTER TABLE users ADD CONSTRAINT k UNIQUE USING INDEX users_email_idx", "EC206")
    assert not fires("CREATE TABLE t (a int); ALTER TABLE t ADD UNIQUE (a)", "EC206")


# -- EC207 type-change-rewrites ---------------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    ["email TYPE varchar(50)", "email TYPE text", "email TYPE varchar", "score TYPE numeric(12, 2)",
     "score TYPE numeric", "bio TYPE varchar"],
)
def test_binary_coercible_changes_pass(change):
    assert not fires(f"ALTER TABLE users ALTER COLUMN {change}", "EC207")


@pytest.mark.parametrize("change", ["age TYPE bigint", "email TYPE varchar(10)", "bio TYPE varchar(100)",
                                    "score TYPE numeric(10, 3)"])
def test_rewriting_changes_fail(change):
    [hit] = found(f"ALTER TABLE users ALTER COLUMN {change}", "EC207")
    assert "rewrites the whole table" in hit.message and "ACCESS EXCLUSIVE" in hit.message


def test_unknown_old_type_is_assumed_to_rewrite_and_new_tables_pass():
    [hit] = findings = [f for f in lint_sql("ALTER TABLE ghosts ALTER COLUMN a TYPE bigint") if f.code == "EC207"]
    assert findings and "unknown without a baseline" in hit.message
    assert not fires("CREATE TABLE t (a int); ALTER TABLE t ALTER COLUMN a TYPE bigint", "EC207")


# -- EC208 add-column-rewrites-table ----------------------------------------------------------


def test_constant_default_rewrites_before_pg11_only():
    sql = "ALTER TABLE users ADD COLUMN active boolean DEFAULT true"
    [hit] = found(sql, "EC208", pg_version=10)
    assert "before PostgreSQL 11" in hit.message and "pg_version = 10" in hit.message
    assert not fires(sql, "EC208", pg_version=11)


def test_default_null_never_rewrites():
    assert not fires("ALTER TABLE users ADD COLUMN note text DEFAULT NULL", "EC208", pg_version=10)


@pytest.mark.parametrize(
    ("column", "words"),
    [
        ("token uuid DEFAULT gen_random_uuid()", "volatile"),
        ("seen timestamptz DEFAULT clock_timestamp()", "volatile"),
        ("n bigserial", "bigserial"),
        ("n bigint GENERATED ALWAYS AS IDENTITY", "identity"),
        ("twice integer GENERATED ALWAYS AS (age * 2) STORED", "STORED generated"),
    ],
)
def test_values_computed_per_row_rewrite(column, words):
    [hit] = found(f"ALTER TABLE users ADD COLUMN {column}", "EC208")
    assert words in hit.message and "ACCESS EXCLUSIVE" in hit.message


def test_stable_default_and_new_tables_pass():
    assert not fires("ALTER TABLE users ADD COLUMN created timestamptz DEFAULT now()", "EC208")
    assert not fires("CREATE TABLE t (a int); ALTER TABLE t ADD COLUMN u uuid DEFAULT gen_random_uuid()", "EC208")


def test_serial_fix_builds_the_sequence_by_hand():
    [hit] = found("ALTER TABLE users ADD COLUMN n bigserial", "EC208")
    assert "CREATE SEQUENCE users_n_seq; ALTER TABLE users ADD COLUMN n bigint;" in hit.help
    assert "nextval('users_n_seq')" in hit.help


# -- EC209 set-not-null-scans -----------------------------------------------------------------

SET_NOT_NULL = "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n"
CHECK_PATH = ("BEGIN;\nALTER TABLE users ADD CONSTRAINT email_nn CHECK (email IS NOT NULL) NOT VALID;\nCOMMIT;\n"
              "ALTER TABLE users VALIDATE CONSTRAINT email_nn;\n")


def test_set_not_null_scans_and_says_how_to_avoid_it():
    [hit] = found(SET_NOT_NULL, "EC209", phase="contract")
    assert "full scan" in hit.message
    assert "CHECK (email IS NOT NULL) NOT VALID" in hit.help and "SET NOT NULL" in hit.help


def test_the_validated_check_path_is_silent_from_pg12():
    sql = CHECK_PATH + SET_NOT_NULL + "ALTER TABLE users DROP CONSTRAINT email_nn;\n"
    assert not fires(sql, "EC209", phase="contract", pg_version=12)
    [hit] = found(sql, "EC209", phase="contract", pg_version=11)
    assert "no way around" in hit.help and "PostgreSQL 11" in hit.help


def test_an_unvalidated_check_does_not_help():
    sql = "ALTER TABLE users ADD CONSTRAINT email_nn CHECK (email IS NOT NULL) NOT VALID;\n" + SET_NOT_NULL
    assert fires(sql, "EC209", phase="contract")


def test_the_validated_check_path_is_seen_without_a_baseline():
    # no --schema: the table is unknown, but the CHECK the script added and validated is not
    sql = CHECK_PATH.replace("users", "accounts") + SET_NOT_NULL.replace("users", "accounts")
    assert [f.code for f in lint_sql(sql, phase="contract") if f.code == "EC209"] == []
    unvalidated = sql.replace("ALTER TABLE accounts VALIDATE CONSTRAINT email_nn;\n", "")
    assert [f.line for f in lint_sql(unvalidated, phase="contract") if f.code == "EC209"] == [4]
    dropped = CHECK_PATH.replace("users", "accounts") + "ALTER TABLE accounts DROP CONSTRAINT email_nn;\n" + \
        SET_NOT_NULL.replace("users", "accounts")
    assert [f.code for f in lint_sql(dropped, phase="contract") if f.code == "EC209"] == ["EC209"]


def test_set_not_null_on_a_new_table_passes():
    assert not fires("CREATE TABLE t (a int); ALTER TABLE t ALTER COLUMN a SET NOT NULL", "EC209")


# -- EC210 exclusion-constraint ----------------------------------------------------------------


def test_exclusion_constraint_on_live_table_only():
    sql = "ALTER TABLE users ADD CONSTRAINT no_twins EXCLUDE USING gist (age WITH =)"
    [hit] = found(sql, "EC210")
    assert "no CONCURRENTLY or NOT VALID form" in hit.message
    assert not fires("CREATE TABLE t (a int); ALTER TABLE t ADD EXCLUDE USING gist (a WITH =)", "EC210")


# -- EC211 blocking-maintenance ---------------------------------------------------------------


def test_reindex_help_depends_on_the_version():
    [new] = found("REINDEX TABLE users", "EC211", pg_version=12)
    assert new.help.startswith("REINDEX TABLE CONCURRENTLY users")
    [old] = found("REINDEX TABLE users", "EC211", pg_version=11)
    assert "no REINDEX CONCURRENTLY" in old.help and "CREATE INDEX CONCURRENTLY" in old.help
    assert not fires("REINDEX TABLE CONCURRENTLY users", "EC211")


def test_reindex_index_locks_the_indexed_table():
    [hit] = found("REINDEX INDEX users_email_idx", "EC211")
    assert "SHARE lock on users" in hit.message


@pytest.mark.parametrize("sql", ["CLUSTER users USING users_email_idx", "VACUUM FULL users",
                                 "REFRESH MATERIALIZED VIEW user_counts", "ALTER TABLE users SET LOGGED",
                                 "ALTER TABLE users SET TABLESPACE fast"])
def test_rewriting_maintenance_fails(sql):
    [hit] = found(sql, "EC211")
    assert "ACCESS EXCLUSIVE" in hit.message


def test_plain_vacuum_concurrent_refresh_and_new_relations_pass():
    assert not fires("VACUUM (ANALYZE) users", "EC211")
    assert not fires("REFRESH MATERIALIZED VIEW CONCURRENTLY user_counts", "EC211")
    new = "CREATE MATERIALIZED VIEW mv AS SELECT 1 AS one;\nREFRESH MATERIALIZED VIEW mv;"
    assert not fires(new, "EC211")


# -- EC212 detach-partition-without-concurrently ------------------------------------------------


def test_detach_help_depends_on_pg14():
    sql = "ALTER TABLE parts DETACH PARTITION parts_1"
    [new] = found(sql + SLOW, "EC212", phase="contract", pg_version=14)
    assert "DETACH PARTITION parts_1 CONCURRENTLY" in new.help
    assert "still held when line 2 changes rows of orgs" in new.message
    [old] = found(sql + SLOW, "EC212", phase="contract", pg_version=13)
    assert "no DETACH … CONCURRENTLY" in old.help and "cannot be avoided" in old.help
    assert not fires(sql + " CONCURRENTLY" + SLOW, "EC212", phase="contract")


def test_a_brief_detach_is_ec214s_which_names_the_concurrent_form_from_pg14():
    sql = "ALTER TABLE parts DETACH PARTITION parts_1"
    assert not fires(sql, "EC212", phase="contract")
    [ec214] = found(sql, "EC214", phase="contract", pg_version=14)
    assert "ALTER TABLE parts DETACH PARTITION parts_1 CONCURRENTLY takes no such lock" in ec214.message
    [old] = found(sql, "EC214", phase="contract", pg_version=13)
    assert "CONCURRENTLY" not in old.message


# -- EC213 statements-after-access-exclusive ----------------------------------------------------


def test_slow_statement_after_access_exclusive_warns():
    sql = TIMEOUT + "ALTER TABLE users ADD COLUMN plan text;\nCREATE INDEX orgs_id ON orgs (id);\n"
    [hit] = found(sql, "EC213")
    assert hit.severity is Severity.WARNING and hit.line == 3
    assert "line 2" in hit.message and "users" in hit.message and "orgs" in hit.message


def test_waiting_for_another_tables_lock_warns():
    sql = TIMEOUT + "ALTER TABLE users ADD COLUMN plan text;\nALTER TABLE orgs ADD COLUMN name text;\n"
    [hit] = found(sql, "EC213")
    assert "must first get an ACCESS EXCLUSIVE lock on orgs" in hit.message


def test_instant_changes_to_the_locked_table_and_separate_transactions_pass():
    same = TIMEOUT + "ALTER TABLE users ADD COLUMN plan text;\nALTER TABLE users ADD COLUMN tier text;\n"
    assert not fires(same, "EC213")
    split = TIMEOUT + "BEGIN;\nALTER TABLE users ADD COLUMN plan text;\nCOMMIT;\nCREATE INDEX orgs_id ON orgs (id);\n"
    assert not fires(split, "EC213")
    new_table = "CREATE TABLE t (a int);\nALTER TABLE t ADD COLUMN b int;\nCREATE INDEX orgs_id ON orgs (id);\n"
    assert not fires(TIMEOUT + new_table, "EC213")


def test_validate_after_its_own_add_is_left_to_ec205():
    findings = lint_sql(TIMEOUT + ADD_NOT_VALID + VALIDATE, schema=SCHEMA)
    assert "EC205" in codes(findings) and "EC213" not in codes(findings)


# -- EC214 missing-lock-timeout ----------------------------------------------------------------

ALTER = "ALTER TABLE users ADD COLUMN plan text;\n"


def test_missing_lock_timeout_is_reported_once_at_the_first_locking_statement():
    sql = "SELECT 1;\n" + ALTER + "ALTER TABLE users ADD COLUMN tier text;\n"
    [hit] = found(sql, "EC214")
    assert hit.line == 2 and hit.severity is Severity.WARNING
    assert "ACCESS EXCLUSIVE lock on users" in hit.message and "SET lock_timeout" in hit.help


@pytest.mark.parametrize(
    "setting",
    ["SET lock_timeout = '2s';", "SET lock_timeout TO 1000;", "SET SESSION lock_timeout = '5s';",
     "SELECT set_config('lock_timeout', '2s', false);",
     "BEGIN;\nSET LOCAL lock_timeout = '2s';"],
)
def test_a_lock_timeout_set_before_silences_it(setting):
    sql = setting + "\n" + ALTER + ("COMMIT;\n" if setting.startswith("BEGIN") else "")
    assert not fires(sql, "EC214")


@pytest.mark.parametrize(
    "setting",
    ["SET lock_timeout = 0;", "SET lock_timeout = '0s';", "SET lock_timeout = '2s';\nRESET lock_timeout;",
     "SET lock_timeout = '2s';\nSET lock_timeout TO DEFAULT;", "SET lock_timeout = '2s';\nRESET ALL;",
     "BEGIN;\nSET LOCAL lock_timeout = '2s';\nCOMMIT;", "SET statement_timeout = '2s';"],
)
def test_settings_that_do_not_apply_leave_it_on(setting):
    assert fires(setting + "\n" + ALTER, "EC214")


def test_runner_expandcontract_turns_it_off():
    assert fires(ALTER, "EC214", runner="other")
    assert not fires(ALTER, "EC214", runner="expandcontract")


def test_new_tables_and_non_blocking_locks_need_no_timeout():
    assert not fires("CREATE TABLE t (a int);\nALTER TABLE t ADD COLUMN b int;\n", "EC214")
    assert not fires("CREATE INDEX CONCURRENTLY users_age ON users (age);\n", "EC214")
    assert not fires("REFRESH MATERIALIZED VIEW CONCURRENTLY user_counts;\n", "EC214")


def test_a_new_table_referencing_a_live_one_locks_it():
    [hit] = found("CREATE TABLE invites (id bigint PRIMARY KEY, org_id bigint REFERENCES orgs (id));", "EC214")
    assert "SHARE ROW EXCLUSIVE lock on orgs" in hit.message


# -- EC215 add-column-inline-constraint ---------------------------------------------------------


def test_inline_constraints_each_get_their_own_safe_path():
    sql = (TIMEOUT + "ALTER TABLE users ADD COLUMN handle text UNIQUE, ADD COLUMN team bigint REFERENCES orgs (id),"
           " ADD COLUMN rank integer CHECK (rank > 0);")
    unique, fk, check = found(sql, "EC215")
    assert "CREATE UNIQUE INDEX CONCURRENTLY users_handle_key ON users (handle)" in unique.help
    assert "FOREIGN KEY (team) REFERENCES orgs NOT VALID" in fk.help and "SHARE ROW EXCLUSIVE on orgs" in fk.message
    assert "CHECK (rank > 0) NOT VALID" in check.help


def test_inline_constraints_on_a_new_table_pass():
    sql = "CREATE TABLE t (a int);\nALTER TABLE t ADD COLUMN b int UNIQUE REFERENCES orgs (id);"
    assert not fires(sql, "EC215")


# -- EC216 domain-constraint-scans ------------------------------------------------------------


def test_domain_constraint_names_the_columns_and_moves_the_rule_to_them():
    [hit] = found("ALTER DOMAIN quantity ADD CONSTRAINT positive CHECK (VALUE > 0)", "EC216")
    assert "(lines.amount)" in hit.message and "SHARE lock" in hit.message
    assert "ALTER TABLE lines ADD CONSTRAINT lines_amount_check CHECK (amount > 0) NOT VALID" in hit.help


def test_domain_validate_and_set_not_null_also_scan():
    assert fires("ALTER DOMAIN quantity VALIDATE CONSTRAINT positive", "EC216")
    [hit] = found("ALTER DOMAIN quantity SET NOT NULL", "EC216")
    assert "CHECK (amount IS NOT NULL) NOT VALID" in hit.help


def test_domain_not_valid_created_here_or_only_used_by_new_tables_passes():
    assert not fires("ALTER DOMAIN quantity ADD CONSTRAINT positive CHECK (VALUE > 0) NOT VALID", "EC216")
    assert not fires("CREATE DOMAIN d AS int;\nALTER DOMAIN d ADD CHECK (VALUE > 0);", "EC216")
    schema = "CREATE DOMAIN d AS int;"
    sql = "CREATE TABLE t (a d);\nALTER DOMAIN d ADD CHECK (VALUE > 0);"
    assert "EC216" not in codes(lint_sql(sql, schema=schema))


# -- family-wide -------------------------------------------------------------------------------


def test_lock_rules_are_postgres_only():
    sql = "ALTER TABLE users ALTER COLUMN age TYPE bigint;"
    assert not [c for c in codes(lint_sql(sql, schema=SCHEMA, dialect="mysql")) if c.startswith("EC2")]


# ============================================================================================
# On a real PostgreSQL: the facts the rules state, and their docs' SQL.

FACTS_SETUP = """
CREATE TABLE orgs (id bigint PRIMARY KEY);
INSERT INTO orgs VALUES (1);
CREATE TABLE users (id bigint NOT NULL, org_id bigint, email varchar(20), age integer,
                    score numeric(10, 2), bio text, seen timestamp);
INSERT INTO users SELECT g, 1, 'x' || g, g, g, 'b', now() FROM generate_series(1, 50) g;
CREATE INDEX users_email_idx ON users (email);
CREATE MATERIALIZED VIEW user_ids AS SELECT id FROM users;
CREATE UNIQUE INDEX user_ids_id ON user_ids (id);
CREATE TABLE parts (id bigint, k integer) PARTITION BY RANGE (k);
CREATE TABLE parts_1 PARTITION OF parts FOR VALUES FROM (0) TO (10);
CREATE TABLE parts_2 (id bigint, k integer);
"""

# (statement, the relation whose lock we compare); classify must name PostgreSQL's lock exactly
LOCK_FACTS = [
    ("ALTER TABLE users ADD COLUMN plan text", "users"),
    ("ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true", "users"),
    ("ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid()", "users"),
    ("ALTER TABLE users ADD COLUMN n bigserial", "users"),
    ("ALTER TABLE users ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY", "users"),
    ("ALTER TABLE users ADD COLUMN twice integer GENERATED ALWAYS AS (age * 2) STORED", "users"),
    ("ALTER TABLE users ALTER COLUMN email TYPE varchar(50)", "users"),
    ("ALTER TABLE users ALTER COLUMN email TYPE text", "users"),
    ("ALTER TABLE users ALTER COLUMN bio TYPE varchar", "users"),
    ("ALTER TABLE users ALTER COLUMN bio TYPE varchar(100)", "users"),
    ("ALTER TABLE users ALTER COLUMN score TYPE numeric(12, 2)", "users"),
    ("ALTER TABLE users ALTER COLUMN age TYPE bigint", "users"),
    ("ALTER TABLE users ALTER COLUMN email SET NOT NULL", "users"),
    ("ALTER TABLE users ALTER COLUMN age SET DEFAULT 0", "users"),
    ("ALTER TABLE users ADD CONSTRAINT age_ok CHECK (age > 0)", "users"),
    ("ALTER TABLE users ADD CONSTRAINT age_ok CHECK (age > 0) NOT VALID", "users"),
    ("ALTER TABLE users ADD CONSTRAINT users_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id)", "users"),
    ("ALTER TABLE users ADD CONSTRAINT users_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id)", "orgs"),
    ("ALTER TABLE users ADD CONSTRAINT users_id_key UNIQUE (id)", "users"),
    ("CREATE INDEX users_age ON users (age)", "users"),
    ("DROP INDEX users_email_idx", "users"),
    ("REINDEX TABLE users", "users"),
    ("CLUSTER users USING users_email_idx", "users"),
    ("REFRESH MATERIALIZED VIEW user_ids", "user_ids"),
    ("REFRESH MATERIALIZED VIEW CONCURRENTLY user_ids", "user_ids"),
    ("ALTER TABLE users SET UNLOGGED", "users"),
    ("ALTER TABLE parts DETACH PARTITION parts_1", "parts"),
    ("ALTER TABLE parts ATTACH PARTITION parts_2 FOR VALUES FROM (10) TO (20)", "parts"),
    ("CREATE TRIGGER t BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger()",
     "users"),
    ("LOCK TABLE users IN SHARE MODE", "users"),
    ("LOCK TABLE users", "users"),
    ("ALTER TABLE users ALTER COLUMN age SET STATISTICS 200", "users"),
]
_PG_MODES = {lock: "".join(w.capitalize() for w in lock.name.split("_")) + "Lock" for lock in Lock if lock}


def _classified(statement: str) -> tuple[Lock, bool]:
    schema = Schema.from_sql(FACTS_SETUP)
    action = extract_actions(parse_sql(statement)[0])[0]
    result = classify(action, schema, pg_version=16)
    return result.lock, result.rewrites


@pytest.mark.postgres
def test_classified_locks_and_rewrites_match_postgresql(pg_url):
    wrong = []
    with psycopg.connect(pg_url, autocommit=True) as conn:
        for statement, relation in LOCK_FACTS:
            conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
            conn.execute(FACTS_SETUP)
            before = conn.execute("SELECT pg_relation_filenode('users')").fetchone()[0]
            conn.execute("BEGIN")
            conn.execute(statement)
            held = {row[0] for row in conn.execute(
                "SELECT l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                "WHERE l.pid = pg_backend_pid() AND c.relname = %s", (relation,))}
            conn.execute("COMMIT")
            rewritten = conn.execute("SELECT pg_relation_filenode('users')").fetchone()[0] != before
            strongest = max((lock for lock, mode in _PG_MODES.items() if mode in held), default=Lock.NONE)
            lock, rewrites = _classified(statement)
            if relation == "users" and rewrites != rewritten:
                wrong.append(f"{statement}: classify rewrites={rewrites}, PostgreSQL rewrote={rewritten}")
            if relation == "orgs":  # the referenced table: FK rules state SHARE ROW EXCLUSIVE
                lock = Lock.SHARE_ROW_EXCLUSIVE
            if lock != strongest:
                wrong.append(f"{statement}: classify {lock.label}, PostgreSQL {strongest.label} on {relation}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.postgres
def test_domain_constraints_take_share_locks_even_to_validate(pg_url):
    """EC216's reason for not recommending NOT VALID + VALIDATE on domains."""
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE DOMAIN quantity AS integer; CREATE TABLE lines (amount quantity);"
                     "INSERT INTO lines VALUES (1);"
                     "ALTER DOMAIN quantity ADD CONSTRAINT positive CHECK (VALUE > 0) NOT VALID")
        conn.execute("BEGIN")
        conn.execute("ALTER DOMAIN quantity VALIDATE CONSTRAINT positive")
        modes = {r[0] for r in conn.execute(
            "SELECT mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
            "WHERE l.pid = pg_backend_pid() AND c.relname = 'lines'")}
        conn.execute("COMMIT")
    assert "ShareLock" in modes


@pytest.mark.postgres
@pytest.mark.parametrize(
    "statement",
    ["CREATE INDEX CONCURRENTLY users_age ON users (age)", "DROP INDEX CONCURRENTLY users_email_idx",
     "REINDEX INDEX CONCURRENTLY users_email_idx", "ALTER TABLE parts DETACH PARTITION parts_1 CONCURRENTLY",
     "VACUUM users", "REINDEX SCHEMA public"],
)
def test_ec203_quotes_the_error_postgresql_gives(pg_url, statement):
    [hit] = found(f"BEGIN;\n{statement};\nCOMMIT;", "EC203", phase="contract")
    quoted = hit.message.split("'ERROR: ", 1)[1].split("'", 1)[0]
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(FACTS_SETUP)
        conn.execute("BEGIN")
        with pytest.raises(psycopg.errors.ActiveSqlTransaction) as error:
            conn.execute(statement)
        conn.execute("ROLLBACK")
    assert quoted in str(error.value)


_PHASES = ("expand", "migrate", "contract")
LOCK_DOCS = {code: doc for code, doc in load_docs().items() if "EC202" <= code <= "EC299"}
DOC_EXAMPLES = [
    pytest.param(code, index, id=f"{code}-{ex.kind}-line{ex.line}")
    for code, doc in sorted(LOCK_DOCS.items())
    for index, ex in enumerate(doc.examples)
]


def _run_script(conn: psycopg.Connection, sql: str) -> None:
    for statement in parse_sql(sql):
        conn.execute(statement.text)


@pytest.mark.postgres
@pytest.mark.parametrize(("code", "index"), DOC_EXAMPLES)
def test_doc_examples_run_on_postgresql(pg_url, code, index):
    """Every SQL example of a lock rule's doc is real SQL: the schema, then (for a later phase)
    the doc's pass examples of the earlier phases, then the example itself. An example that
    EC203 fails must fail exactly the way it says."""
    doc = LOCK_DOCS[code]
    example = doc.examples[index]
    phase = example.options.get("phase")
    earlier = [ex for ex in doc.examples if ex.kind == "pass" and phase in _PHASES
               and ex.options.get("phase") in _PHASES[: _PHASES.index(phase)]]
    with psycopg.connect(pg_url, autocommit=True) as conn:
        _run_script(conn, doc.schema)
        for ex in earlier:
            _run_script(conn, ex.sql)
        sql = example.sql
        if example.options.get("assume_in_transaction") == "true" and example.options.get("runner") != "expandcontract":
            sql = f"BEGIN;\n{sql}\nCOMMIT;"
        if code == "EC203" and example.kind == "fail":
            with pytest.raises(psycopg.errors.ActiveSqlTransaction):
                _run_script(conn, sql)
            return
        _run_script(conn, sql)


def test_serial_to_bigint_is_a_widening_rewrite_not_a_narrowing():
    found = lint_sql("ALTER TABLE t ALTER COLUMN id TYPE bigint",
                     schema="CREATE TABLE t (id serial PRIMARY KEY, v text)")
    assert "EC207" in codes(found)
    assert "EC308" not in codes(found)
    assert "from integer to bigint" in next(f.message for f in found if f.code == "EC207")


# EC217: the SQL inside DO blocks ------------------------------------------------------------

@pytest.mark.parametrize(("body", "expected"), [
    ("CREATE INDEX users_bio_idx ON users (bio);", True),
    ("EXECUTE 'CREATE INDEX users_bio_idx ON users (bio)';", True),  # a literal is read like SQL
    ("EXECUTE format('ALTER TABLE %I ADD COLUMN note text', t);", True),  # a table chosen at run time
    ("EXECUTE 'DROP ' || what;", True),  # cannot be read at all
    ("EXECUTE format('GRANT SELECT ON %I TO app_ro', t);", False),
    ("CREATE TABLE scratch (id bigint); CREATE INDEX scratch_idx ON scratch (id);", False),  # new table
    ("RAISE NOTICE 'nothing to do'; PERFORM 1;", False),
])
def test_do_block_statements_are_read(body, expected):
    sql = f"DO $$ DECLARE t text := 'users'; what text := 'x'; BEGIN {body} END $$;"
    assert fires(sql, "EC217") is expected, found(sql, "EC217")
