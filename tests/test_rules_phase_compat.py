"""Phase discipline (EC101-EC104) and compatibility (EC302-EC310) beyond the doc examples:
exemptions, phases, IF EXISTS, several subcommands in one ALTER TABLE, what messages name."""

from __future__ import annotations

import pytest

from expandcontract.config import Config
from expandcontract.core.findings import Severity
from expandcontract.core.migration import Migration, Script, ScriptKind
from expandcontract.core.schema import Schema
from expandcontract.lint import lint_migrations

from .conftest import codes, lint_sql

SCHEMA = """
CREATE TABLE users (
    id bigint PRIMARY KEY,
    email text NOT NULL,
    nickname varchar(50),
    phone text,
    status text NOT NULL DEFAULT 'active',
    "Order" integer NOT NULL
);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL, total numeric(10, 2) NOT NULL);
ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);
CREATE TABLE memberships (user_id bigint, group_id bigint, PRIMARY KEY (user_id, group_id));
CREATE VIEW active_users AS SELECT id, email FROM users WHERE status = 'active';
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TABLE events (id bigint NOT NULL, at timestamptz NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE events_2023 PARTITION OF events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
"""


def lint(sql: str, phase: str = "unphased", **config):
    return lint_sql(sql, schema=SCHEMA, phase=phase, **config)


def only(findings, code: str):
    return [f for f in findings if f.code == code]


def lint_phased(**scripts: str):
    """One migration with several phase scripts (expand=…, migrate=…, contract=…)."""
    migration = Migration(
        "0001_change",
        "0001_change",
        tuple(Script(f"0001_change/{kind}.sql", ScriptKind(kind), text) for kind, text in scripts.items()),
    )
    return list(lint_migrations([migration], config=Config(), baseline=Schema.from_sql(SCHEMA)).findings)


# -- EC101 breaking-change-in-expand -----------------------------------------------------------


@pytest.mark.parametrize("phase", ["unphased", "expand"])
def test_ec101_drop_view_while_old_app_live(phase):
    [hit] = only(lint("DROP VIEW active_users", phase), "EC101")
    assert "active_users" in hit.message and "contract.sql" in hit.help


def test_ec101_is_a_fallback_in_migrate_ec102_already_says_move_it():
    findings = lint("DROP VIEW active_users", "migrate")
    assert "EC102" in codes(findings) and "EC101" not in codes(findings)
    assert "EC101" in codes(lint("DROP VIEW active_users", "migrate", ignore=("EC102",)))


def test_ec101_not_in_contract():
    assert "EC101" not in codes(lint("DROP VIEW active_users; DROP FUNCTION f(); DROP TYPE mood", "contract"))


def test_ec101_objects_this_script_created_are_exempt():
    sql = """
    CREATE VIEW recent_users AS SELECT id FROM users;
    DROP VIEW recent_users;
    CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
    DROP FUNCTION touch();
    """
    assert "EC101" not in codes(lint(sql, "expand"))


def test_ec101_names_function_and_type():
    findings = only(lint("DROP FUNCTION billing.total(bigint); DROP TYPE IF EXISTS mood"), "EC101")
    assert [("billing.total" in f.message, "mood" in f.message) for f in findings] == [(True, False), (False, True)]


def test_ec101_leaves_dedicated_ops_to_their_rules_even_when_those_are_off():
    # DROP TABLE is EC302's: switching EC302 off or down to a warning must not bring EC101 in
    assert codes(only(lint("DROP TABLE orders", ignore=("EC302",)), "EC101")) == []
    assert "EC101" not in codes(lint("DROP TABLE orders", severity={"EC302": Severity.WARNING}))


def test_ec101_enum_value_rename_help_names_both_values():
    [hit] = only(lint("ALTER TYPE mood RENAME VALUE 'sad' TO 'blue'", "expand"), "EC101")
    assert "'sad'" in hit.message
    assert "RENAME VALUE 'sad' TO 'blue'" in hit.help and "both 'sad' and 'blue'" in hit.help


@pytest.mark.parametrize(("pg_version", "concurrently"), [(16, True), (13, False)])
def test_ec101_detach_partition(pg_version, concurrently):
    # the lock rules judge the plain DETACH's lock at error severity; EC101 is their fallback
    sql = "ALTER TABLE events DETACH PARTITION events_2023"
    [hit] = only(lint(sql, "expand", pg_version=pg_version, ignore=("EC2",)), "EC101")
    assert "events_2023" in hit.message and "events" in hit.message
    assert ("DETACH PARTITION events_2023 CONCURRENTLY" in hit.help) is concurrently


def test_ec101_rename_view_column_keeps_both_names():
    [hit] = only(lint("ALTER VIEW active_users RENAME COLUMN email TO mail", "expand"), "EC101")
    assert "CREATE OR REPLACE VIEW active_users" in hit.help and "email AS mail" in hit.help


def test_ec101_set_schema_is_a_rename():
    [hit] = only(lint("ALTER TABLE orders SET SCHEMA archive", "expand"), "EC101")
    assert "SET SCHEMA archive on orders" in hit.message and "archive.orders" in hit.message
    assert "contract.sql" in hit.help and "EC101" not in codes(lint("ALTER TABLE orders SET SCHEMA archive", "contract"))


# -- EC102 ddl-in-migrate ----------------------------------------------------------------------


def test_ec102_additive_change_belongs_in_expand():
    [hit] = only(lint("ALTER TABLE users ADD COLUMN last_seen timestamptz", "migrate"), "EC102")
    assert "ADD COLUMN users.last_seen" in hit.message and "expand.sql" in hit.help


def test_ec102_removal_belongs_in_contract():
    [hit] = only(lint("DROP INDEX CONCURRENTLY users_email_idx", "migrate"), "EC102")
    assert "contract.sql" in hit.help


def test_ec102_one_finding_per_statement_naming_every_subcommand():
    [hit] = only(lint("ALTER TABLE users ADD COLUMN a text, ADD COLUMN b text", "migrate"), "EC102")
    assert "users.a" in hit.message and "users.b" in hit.message


def test_ec102_data_session_and_scratch_statements_pass():
    sql = """
    SET statement_timeout = '5min';
    BEGIN;
    CREATE TEMP TABLE ids (id bigint);
    CREATE INDEX ON ids (id);
    INSERT INTO ids SELECT id FROM users WHERE phone IS NULL;
    COMMIT;
    CREATE TEMP TABLE more_ids AS SELECT id FROM users;
    SELECT id INTO TEMP TABLE yet_more FROM users;
    UPDATE users SET phone = '' WHERE id IN (SELECT id FROM ids);
    ANALYZE users;
    NOTIFY users_changed;
    """
    assert "EC102" not in codes(lint(sql, "migrate"))


@pytest.mark.parametrize(
    "sql",
    ["SELECT id INTO user_ids FROM users", "CREATE PUBLICATION everything FOR ALL TABLES", "GRANT SELECT ON users TO reporting"],
)
def test_ec102_catalog_changes_in_any_form(sql):
    assert "EC102" in codes(lint(sql, "migrate"))


def test_ec102_only_in_migrate():
    assert "EC102" not in codes(lint("ALTER TABLE users ADD COLUMN a text", "expand"))


# -- EC103 backfill-outside-migrate ------------------------------------------------------------


def test_ec103_unphased_update_says_to_split_and_names_the_key():
    [hit] = only(lint("UPDATE users SET phone = '' WHERE phone IS NULL"), "EC103")
    assert "users" in hit.message
    assert "migrate" in hit.help and "backfill key=id" in hit.help and "phase" in hit.help


@pytest.mark.parametrize("phase", ["expand", "contract"])
def test_ec103_outside_migrate(phase):
    assert "EC103" in codes(lint("DELETE FROM orders WHERE total = 0", phase))


def test_ec103_not_in_migrate():
    assert "EC103" not in codes(lint("UPDATE users SET phone = ''", "migrate"))


def test_ec103_seeds_and_new_tables_pass():
    sql = """
    INSERT INTO users (id, email, "Order") VALUES (1, 'a@example.com', 1);
    CREATE TABLE user_emails (user_id bigint PRIMARY KEY, email text NOT NULL);
    INSERT INTO user_emails SELECT id, email FROM users;
    UPDATE user_emails SET email = lower(email);
    CREATE TEMP TABLE scratch AS SELECT id FROM users;
    DELETE FROM scratch;
    """
    assert "EC103" not in codes(lint(sql, "expand"))


def test_ec103_insert_select_into_existing_table():
    [hit] = only(lint("INSERT INTO orders (id, user_id, total) SELECT id, id, 0 FROM users", "expand"), "EC103")
    assert "orders" in hit.message and "INSERT INTO orders SELECT" in hit.help


def test_ec103_names_the_lock_an_earlier_alter_keeps_held():
    [hit] = only(lint("ALTER TABLE users ADD COLUMN locale text; UPDATE users SET locale = 'en'"), "EC103")
    assert "ACCESS EXCLUSIVE" in hit.message and "ADD COLUMN users.locale" in hit.message


def test_ec103_separate_transaction_holds_no_earlier_lock():
    sql = "BEGIN; ALTER TABLE users ADD COLUMN locale text; COMMIT; BEGIN; UPDATE users SET locale = 'en'; COMMIT;"
    [hit] = only(lint(sql), "EC103")
    assert "ACCESS EXCLUSIVE" not in hit.message


def test_ec103_composite_key_is_not_offered_as_a_backfill_key():
    [hit] = only(lint("UPDATE memberships SET group_id = 2 WHERE group_id = 1", "expand"), "EC103")
    assert "backfill key=" not in hit.help and "user_id" in hit.help


# -- EC104 additive-in-contract ----------------------------------------------------------------


def test_ec104_is_a_warning_in_contract_only():
    sql = "ALTER TABLE users ADD COLUMN locale text"
    [hit] = only(lint(sql, "contract"), "EC104")
    assert hit.severity is Severity.WARNING and "users.locale" in hit.message and "expand.sql" in hit.help
    assert "EC104" not in codes(lint(sql, "expand"))


def test_ec104_a_new_table_is_reported_once():
    sql = "CREATE TABLE audit (id bigint PRIMARY KEY, note text); CREATE INDEX audit_note_idx ON audit (note)"
    assert [f.message.split()[:3] for f in only(lint(sql, "contract"), "EC104")] == [["CREATE", "TABLE", "audit"]]


def test_ec104_tightening_and_redefinitions_pass():
    sql = """
    ALTER TABLE users ADD CONSTRAINT users_phone_not_null CHECK (phone IS NOT NULL) NOT VALID;
    ALTER TABLE users VALIDATE CONSTRAINT users_phone_not_null;
    CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);
    CREATE OR REPLACE VIEW active_users AS SELECT id, email FROM users WHERE status = 'active';
    """
    assert "EC104" not in codes(lint(sql, "contract"))


# -- EC302 drop-table --------------------------------------------------------------------------


@pytest.mark.parametrize("sql", ["DROP TABLE orders", "DROP TABLE IF EXISTS orders", "DROP TABLE never_seen"])
def test_ec302_existing_or_unknown_tables(sql):
    assert "EC302" in codes(lint(sql, "expand"))


def test_ec302_each_table_of_a_multi_table_drop():
    findings = only(lint("DROP TABLE orders, memberships CASCADE"), "EC302")
    assert ["orders" in findings[0].message, "memberships" in findings[1].message] == [True, True]
    assert all("CASCADE also drops" in f.message for f in findings)


def test_ec302_new_table_and_contract_pass():
    assert "EC302" not in codes(lint("CREATE TABLE tmp_import (id bigint PRIMARY KEY); DROP TABLE tmp_import"))
    assert "EC302" not in codes(lint("DROP TABLE orders", "contract"))


# -- EC303 rename-column -----------------------------------------------------------------------


def test_ec303_recipe_uses_the_column_type_and_quotes_identifiers():
    [hit] = only(lint('ALTER TABLE users RENAME COLUMN "Order" TO sort_order'), "EC303")
    assert "users.Order" in hit.message and "sort_order" in hit.message
    assert "ADD COLUMN sort_order integer" in hit.help and 'DROP COLUMN "Order"' in hit.help


def test_ec303_new_table_and_contract_pass():
    sql = "CREATE TABLE drafts (id bigint PRIMARY KEY, title text); ALTER TABLE drafts RENAME COLUMN title TO name"
    assert "EC303" not in codes(lint(sql))
    assert "EC303" not in codes(lint("ALTER TABLE users RENAME COLUMN phone TO mobile", "contract"))


# -- EC304 rename-table ------------------------------------------------------------------------


def test_ec304_rename_with_a_view_under_the_old_name_passes():
    assert "EC304" not in codes(lint("ALTER TABLE orders RENAME TO purchases; CREATE VIEW orders AS SELECT * FROM purchases"))


def test_ec304_view_in_a_later_transaction_does_not_help():
    sql = "BEGIN; ALTER TABLE orders RENAME TO purchases; COMMIT; CREATE VIEW orders AS SELECT * FROM purchases;"
    [hit] = only(lint(sql), "EC304")
    assert "orders" in hit.message and "purchases" in hit.message
    assert "CREATE VIEW orders AS SELECT * FROM purchases" in hit.help


def test_ec304_views_and_schemas():
    [hit] = only(lint("ALTER VIEW active_users RENAME TO live_users", "expand"), "EC304")
    assert "view active_users" in hit.message and "ALTER VIEW" in hit.help
    qualified = "ALTER TABLE app.things RENAME TO stuff"
    [hit] = only(lint(qualified), "EC304")
    assert "app.stuff" in hit.message and "SELECT * FROM app.stuff" in hit.help
    assert "EC304" not in codes(lint(qualified + "; CREATE VIEW app.things AS SELECT * FROM app.stuff"))


# -- EC305 add-not-null-column-without-default ------------------------------------------------


@pytest.mark.parametrize(
    ("column", "fires"),
    [
        ("currency text NOT NULL", True),
        ("currency text NOT NULL DEFAULT NULL", True),
        ("currency text NOT NULL DEFAULT 'EUR'", False),
        ("currency text", False),
        ("seq bigint GENERATED ALWAYS AS IDENTITY", False),
        ("total_cents bigint NOT NULL GENERATED ALWAYS AS ((total * 100)::bigint) STORED", False),
    ],
)
def test_ec305_which_columns(column, fires):
    assert ("EC305" in codes(lint(f"ALTER TABLE orders ADD COLUMN {column}", "expand"))) is fires


def test_ec305_only_the_offending_subcommand():
    sql = "ALTER TABLE orders ADD COLUMN a text NOT NULL DEFAULT '', ADD COLUMN b text NOT NULL"
    [hit] = only(lint(sql), "EC305")
    assert "orders.b" in hit.message


def test_ec305_in_contract_the_statement_still_fails_but_the_old_app_is_gone():
    [hit] = only(lint("ALTER TABLE orders ADD COLUMN currency text NOT NULL", "contract"), "EC305")
    assert "contains null values" in hit.message and "old app" not in hit.message


def test_ec305_new_table_passes_and_old_postgres_gets_the_nullable_route():
    assert "EC305" not in codes(lint("CREATE TABLE t (id bigint PRIMARY KEY); ALTER TABLE t ADD COLUMN a text NOT NULL"))
    [hit] = only(lint("ALTER TABLE orders ADD COLUMN currency text NOT NULL", pg_version=10), "EC305")
    assert "DEFAULT <value>" not in hit.help and "nullable" in hit.help


# -- EC306 drop-default ------------------------------------------------------------------------


def test_ec306_not_null_column_with_default():
    [hit] = only(lint("ALTER TABLE users ALTER COLUMN status DROP DEFAULT", "expand"), "EC306")
    assert "users.status" in hit.message and "'active'" in hit.message


@pytest.mark.parametrize(
    ("sql", "phase"),
    [
        ("ALTER TABLE users ALTER COLUMN phone DROP DEFAULT", "expand"),  # nullable
        ("ALTER TABLE users ALTER COLUMN status DROP DEFAULT", "contract"),
        ("ALTER TABLE users ALTER COLUMN status DROP NOT NULL, ALTER COLUMN status DROP DEFAULT", "expand"),
    ],
)
def test_ec306_passes(sql, phase):
    assert "EC306" not in codes(lint(sql, phase))


def test_ec306_sees_a_default_set_by_an_earlier_subcommand():
    sql = 'ALTER TABLE users ALTER COLUMN "Order" SET DEFAULT 0, ALTER COLUMN "Order" DROP DEFAULT'
    assert "EC306" in codes(lint(sql))


# -- EC307 drop-not-null -----------------------------------------------------------------------


def test_ec307_is_a_warning_while_old_app_live():
    [hit] = only(lint("ALTER TABLE users ALTER COLUMN email DROP NOT NULL", "expand"), "EC307")
    assert hit.severity is Severity.WARNING and "users.email" in hit.message
    assert "EC307" not in codes(lint("ALTER TABLE users ALTER COLUMN email DROP NOT NULL", "contract"))
    assert "EC307" not in codes(lint("ALTER TABLE users ALTER COLUMN phone DROP NOT NULL"))  # already nullable


def test_ec307_quiet_when_contract_retires_the_column():
    findings = lint_phased(
        expand="ALTER TABLE users ADD COLUMN contact_email text; ALTER TABLE users ALTER COLUMN email DROP NOT NULL;",
        contract="ALTER TABLE users DROP COLUMN email;",
    )
    assert "EC307" not in codes(findings)
    findings = lint_phased(
        expand="ALTER TABLE users ALTER COLUMN email DROP NOT NULL;",
        contract="ALTER TABLE users DROP COLUMN phone;",
    )
    assert "EC307" in codes(findings)


# -- EC308 narrowing-type-change ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "error"),
    [
        ("ALTER TABLE users ALTER COLUMN nickname TYPE varchar(20)", "value too long for type character varying(20)"),
        ("ALTER TABLE users ALTER COLUMN email TYPE varchar(100)", "value too long"),
        ('ALTER TABLE users ALTER COLUMN "Order" TYPE smallint', "smallint out of range"),
        ("ALTER TABLE orders ALTER COLUMN total TYPE numeric(10, 4)", "numeric field overflow"),
    ],
)
def test_ec308_narrowing(sql, error):
    [hit] = only(lint(sql, "expand"), "EC308")
    assert error in hit.message


@pytest.mark.parametrize(
    "sql",
    [
        "ALTER TABLE users ALTER COLUMN nickname TYPE varchar(100)",
        "ALTER TABLE users ALTER COLUMN nickname TYPE text",
        'ALTER TABLE users ALTER COLUMN "Order" TYPE bigint',
        "ALTER TABLE orders ALTER COLUMN total TYPE numeric(12, 2)",
        "ALTER TABLE users ALTER COLUMN unknown_column TYPE varchar(5)",
    ],
)
def test_ec308_widening_or_unknown_passes(sql):
    assert "EC308" not in codes(lint(sql, "expand"))


def test_ec308_varchar_help_is_a_check_constraint_and_contract_passes():
    sql = "ALTER TABLE users ALTER COLUMN nickname TYPE varchar(20)"
    [hit] = only(lint(sql), "EC308")
    assert "CHECK (char_length(nickname) <= 20) NOT VALID" in hit.help
    assert "EC308" not in codes(lint(sql, "contract"))


# -- EC309 truncate ----------------------------------------------------------------------------


def test_ec309_cascade_names_the_referencing_tables():
    [hit] = only(lint("TRUNCATE users CASCADE", "expand"), "EC309")
    assert "empties every table with a foreign key to it (orders)" in hit.message


def test_ec309_each_table_and_exemptions():
    assert codes(only(lint("TRUNCATE orders, memberships"), "EC309")) == ["EC309", "EC309"]
    assert "EC309" not in codes(lint("TRUNCATE orders", "contract"))
    assert "EC309" not in codes(lint("CREATE TABLE staging (id bigint PRIMARY KEY); TRUNCATE staging"))


# -- EC310 set-not-null-while-old-app-live ----------------------------------------------------


def test_ec310_set_not_null_recipe_in_help():
    [hit] = only(lint("ALTER TABLE users ALTER COLUMN phone SET NOT NULL", "expand"), "EC310")
    assert "users.phone" in hit.message
    assert "CHECK (phone IS NOT NULL) NOT VALID" in hit.help and "VALIDATE CONSTRAINT" in hit.help


def test_ec310_before_postgres_12_no_check_recipe():
    [hit] = only(lint("ALTER TABLE users ALTER COLUMN phone SET NOT NULL", pg_version=11), "EC310")
    assert "NOT VALID" not in hit.help


@pytest.mark.parametrize(
    ("sql", "phase"),
    [
        ("ALTER TABLE users ALTER COLUMN status SET NOT NULL", "expand"),  # already NOT NULL
        ("ALTER TABLE users ALTER COLUMN phone SET NOT NULL", "contract"),
        ("ALTER TABLE users ALTER COLUMN phone SET DEFAULT '', ALTER COLUMN phone SET NOT NULL", "expand"),
        ("ALTER TABLE users ADD CONSTRAINT users_phone_short CHECK (char_length(phone) < 20) NOT VALID", "expand"),
    ],
)
def test_ec310_passes(sql, phase):
    assert "EC310" not in codes(lint(sql, phase))


def test_ec310_check_not_null_stand_in_and_existing_check():
    check = "ALTER TABLE users ADD CONSTRAINT users_phone_not_null CHECK (phone IS NOT NULL) NOT VALID"
    [hit] = only(lint(check, "expand"), "EC310")
    assert 'violates check constraint "users_phone_not_null"' in hit.message
    # once a CHECK already refuses NULL, SET NOT NULL takes nothing more from the old app
    findings = lint(check + ";\nALTER TABLE users ALTER COLUMN phone SET NOT NULL", "expand")
    assert [f.line for f in only(findings, "EC310")] == [1]


# -- every finding of these rules says where and for whom --------------------------------------


@pytest.mark.parametrize(
    ("sql", "code"),
    [
        ("DROP TABLE orders", "EC302"),
        ("ALTER TABLE orders RENAME COLUMN total TO amount", "EC303"),
        ("ALTER TABLE orders RENAME TO purchases", "EC304"),
        ("ALTER TABLE orders ADD COLUMN note text NOT NULL", "EC305"),
        ("TRUNCATE orders", "EC309"),
        ("ALTER TABLE orders ALTER COLUMN total DROP NOT NULL", "EC307"),
    ],
)
def test_compatibility_messages_name_the_table_and_the_old_app(sql, code):
    [hit] = only(lint(sql, "expand"), code)
    assert "orders" in hit.message and "old app" in hit.message and "expand.sql" in hit.message
    assert "contract" in hit.help or "expand" in hit.help


# -- EC311 change-blocked-by-view --------------------------------------------------------------

VIEWS = SCHEMA + """
CREATE VIEW user_emails AS SELECT u.id, u.email FROM users u;
CREATE VIEW order_sums AS SELECT o.user_id, sum(o.total) AS total, count(*) FROM orders o GROUP BY o.user_id;
"""
BLOCKED = [
    "ALTER TABLE users DROP COLUMN email",
    "DROP TABLE orders",
    "ALTER TABLE orders ALTER COLUMN total TYPE numeric(12, 2)",
    "DROP VIEW user_emails; DROP TABLE users",  # active_users still reads users
    "ALTER TABLE orders ALTER COLUMN user_id TYPE bigint",  # even to the same type
    "ALTER TABLE users RENAME COLUMN email TO mail; ALTER TABLE users DROP COLUMN mail",  # views follow renames
    "ALTER TABLE orders RENAME TO purchases; DROP TABLE purchases",
]
NOT_BLOCKED = [
    "ALTER TABLE users DROP COLUMN phone",  # no view reads it (order_sums' count(*) is not a column)
    "ALTER TABLE users DROP COLUMN email CASCADE",
    "BEGIN; DROP VIEW user_emails; DROP VIEW active_users; ALTER TABLE users DROP COLUMN email; COMMIT",
    "ALTER TABLE users ALTER COLUMN nickname TYPE text",
]


@pytest.mark.parametrize("sql", BLOCKED)
def test_ec311_flags_what_postgresql_refuses(sql):
    found = only(lint_sql(sql, schema=VIEWS, phase="contract"), "EC311")
    assert len(found) == 1 and found[0].severity is Severity.ERROR
    assert "PostgreSQL refuses" in found[0].message and "DROP VIEW" in found[0].help


@pytest.mark.parametrize("sql", NOT_BLOCKED)
def test_ec311_passes_what_postgresql_runs(sql):
    assert only(lint_sql(sql, schema=VIEWS, phase="contract"), "EC311") == []


def test_ec311_sees_views_created_earlier_in_the_migration():
    found = lint_sql("CREATE VIEW phones AS SELECT id, phone FROM users;\nALTER TABLE users DROP COLUMN phone;",
                     schema=VIEWS, phase="contract")
    assert [f.line for f in only(found, "EC311")] == [2]
    assert "phones" in only(found, "EC311")[0].message


@pytest.mark.postgres
def test_ec311_agrees_with_postgresql(pg_url):
    import psycopg

    for sql, refused in [*((s, True) for s in BLOCKED), *((s, False) for s in NOT_BLOCKED)]:
        with psycopg.connect(pg_url) as conn:
            conn.execute(VIEWS)
            try:
                for statement in sql.split(";"):
                    if statement.strip() and statement.strip() not in ("BEGIN", "COMMIT"):
                        conn.execute(statement)
            except psycopg.errors.DependentObjectsStillExist:
                assert refused, sql
            except psycopg.errors.FeatureNotSupported as exc:  # ALTER TYPE of a column a view uses
                assert refused and "used by a view" in str(exc), sql
            else:
                assert not refused, sql
            conn.rollback()
