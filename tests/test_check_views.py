"""check: views bind their base relation and columns by identity, as PostgreSQL does.

A view keeps reading (and, when it is automatically updatable, writing) the same table after
that table or its columns are renamed or moved to another schema.
"""

from __future__ import annotations

import psycopg
import pytest

from expandcontract.check import check_migrations
from expandcontract.check.queries import queries_from_sql
from expandcontract.core.migration import Migration, split_phase_markers
from expandcontract.core.schema import Schema

SCHEMA = """
CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, email text);
CREATE VIEW user_names AS SELECT id, name FROM users;
CREATE VIEW all_users AS SELECT * FROM users;
CREATE VIEW short_names AS SELECT id, name AS n FROM user_names;
"""
OLD = """SELECT id, name FROM user_names;
INSERT INTO user_names (name) VALUES ($1);
UPDATE user_names SET name = $1 WHERE id = $2;
SELECT id, name, email FROM all_users;
INSERT INTO all_users (name, email) VALUES ($1, $2);
DELETE FROM all_users WHERE id = $1;
INSERT INTO short_names (n) VALUES ($1);
UPDATE short_names SET n = $1 WHERE id = $2;
"""
# each keeps every query above working on PostgreSQL
MIGRATIONS = [
    "ALTER TABLE users RENAME TO accounts;",
    "ALTER TABLE users RENAME TO accounts;\nCREATE TABLE users (x int);",
    "ALTER TABLE users RENAME COLUMN name TO full_name;",
    "CREATE SCHEMA archive;\nALTER TABLE users SET SCHEMA archive;",
    "ALTER TABLE users RENAME TO accounts;\nALTER VIEW user_names RENAME TO user_names_v1;\n"
    "CREATE VIEW user_names AS SELECT id, name FROM user_names_v1;",
    "ALTER TABLE users RENAME COLUMN name TO full_name;\nALTER TABLE users RENAME TO accounts;\n"
    "ALTER TABLE accounts RENAME COLUMN full_name TO display_name;",
]


def run(text: str, old: str = OLD):
    migration = Migration("m", "m.sql", split_phase_markers("m.sql", text))
    return check_migrations([migration], baseline=Schema.from_sql(SCHEMA), old_app=queries_from_sql(old, "old.sql"))


@pytest.mark.parametrize("text", MIGRATIONS)
def test_writes_through_a_view_follow_its_renamed_base(text: str) -> None:
    result = run(text)
    assert not result.unchecked
    assert result.ok, [(f.query.line, f.detail) for f in result.failures]


def test_a_view_still_fails_where_postgresql_fails() -> None:
    # a new NOT NULL column on the base that the view does not expose: its INSERTs fail
    result = run("ALTER TABLE users RENAME COLUMN name TO full_name;\nALTER TABLE users ADD COLUMN name text NOT NULL;")
    assert sorted({(f.query.line, f.problem.kind) for f in result.failures}) == [
        (2, "missing-required-column"), (5, "missing-required-column"), (7, "missing-required-column")]
    # the view's own column renamed: queries naming the old one fail
    result = run("ALTER VIEW user_names RENAME COLUMN name TO label;")
    assert {f.query.line for f in result.failures} == {1, 2, 3}
    # the base dropped with its views
    result = run("DROP TABLE users CASCADE;")
    assert {f.problem.kind for f in result.failures} == {"missing-relation"}


@pytest.mark.postgres
@pytest.mark.parametrize("text", MIGRATIONS)
def test_postgresql_agrees(pg_url: str, text: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(SCHEMA)
        conn.execute(text)
        for query in queries_from_sql(OLD, "old.sql"):
            conn.execute(f"EXPLAIN (GENERIC_PLAN) {query.sql}")  # raises if it does not resolve


# -- views made writable by INSTEAD OF triggers and DO INSTEAD rules -----------------------------

JOINED = """
CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, email text);
CREATE TABLE profiles (user_id bigint PRIMARY KEY, bio text);
CREATE VIEW user_profiles AS SELECT u.id, u.name, p.bio FROM users u LEFT JOIN profiles p ON p.user_id = u.id;
CREATE FUNCTION user_profiles_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO users (name) VALUES (NEW.name);
  RETURN NEW;
END $$;
"""
TRIGGER = ("CREATE TRIGGER user_profiles_insert INSTEAD OF INSERT ON user_profiles FOR EACH ROW "
           "EXECUTE FUNCTION user_profiles_insert();\n")
RULE = "CREATE RULE user_profiles_delete AS ON DELETE TO user_profiles DO INSTEAD DELETE FROM users WHERE id = OLD.id;\n"
WRITES = """INSERT INTO user_profiles (name, bio) VALUES ($1, $2);
DELETE FROM user_profiles WHERE id = $1;
UPDATE user_profiles SET bio = $1 WHERE id = $2;
"""


def failing_lines(schema: str, migration: str = "SELECT 1;", *, tmp_path) -> set[int]:
    from expandcontract.check import check_paths

    (tmp_path / "schema.sql").write_text(schema)
    (tmp_path / "m.sql").write_text(migration)
    (tmp_path / "app.sql").write_text(WRITES)
    result = check_paths([tmp_path / "m.sql"], schema=str(tmp_path / "schema.sql"), old_app=[str(tmp_path / "app.sql")])
    assert not result.unchecked
    assert {f.problem.kind for f in result.failures} <= {"not-updatable"}
    return {f.query.line for f in result.failures}


def test_a_join_view_is_not_writable_without_a_trigger_or_rule(tmp_path) -> None:
    assert failing_lines(JOINED, tmp_path=tmp_path) == {1, 2, 3}


def test_instead_of_trigger_and_instead_rule_in_the_baseline_make_those_writes_work(tmp_path) -> None:
    # the trigger takes INSERT, the rule DELETE; nothing takes UPDATE
    assert failing_lines(JOINED + TRIGGER + RULE, tmp_path=tmp_path) == {3}


def test_a_conditional_instead_rule_does_not_make_the_view_writable(tmp_path) -> None:
    conditional = RULE.replace("DO INSTEAD", "WHERE OLD.id > 0 DO INSTEAD")
    assert failing_lines(JOINED + TRIGGER + conditional, tmp_path=tmp_path) == {2, 3}


def test_instead_of_trigger_created_by_the_migration(tmp_path) -> None:
    # the trigger arrives with the migration: INSERT fails on the baseline, then works
    migration = "BEGIN;\n" + TRIGGER + "COMMIT;\n"
    assert failing_lines(JOINED, migration, tmp_path=tmp_path) == {1, 2, 3}  # 1 on the baseline only
    from expandcontract.check import check_paths

    result = check_paths([tmp_path / "m.sql"], schema=str(tmp_path / "schema.sql"), old_app=[str(tmp_path / "app.sql")])
    [insert] = [f for f in result.failures if f.query.line == 1]
    assert insert.states == (0,)
    # and a dropped trigger takes the write away again
    (tmp_path / "m.sql").write_text("DROP TRIGGER user_profiles_insert ON user_profiles;\n")
    result = check_paths([tmp_path / "m.sql"], schema=str(tmp_path / "schema.sql"), old_app=[str(tmp_path / "app.sql")])
    assert {f.query.line: f.states for f in result.failures}[1] == (0, 1)


def test_instead_of_trigger_from_a_migration_production_already_has(tmp_path) -> None:
    from expandcontract.check import check_paths

    (tmp_path / "schema.sql").write_text(JOINED)
    (tmp_path / "migrations").mkdir()
    (tmp_path / "migrations" / "001_trigger.sql").write_text(TRIGGER)
    (tmp_path / "migrations" / "002_more.sql").write_text("ALTER TABLE users ADD COLUMN note text;\n")
    (tmp_path / "app.sql").write_text(WRITES)
    result = check_paths([tmp_path / "migrations"], schema=str(tmp_path / "schema.sql"),
                         old_app=[str(tmp_path / "app.sql")], since="001_trigger")
    assert {f.query.line for f in result.failures} == {2, 3}  # the INSERT has its trigger from 001


@pytest.mark.postgres
def test_instead_of_triggers_and_rules_are_read_from_a_live_database(pg_url: str, tmp_path) -> None:
    from expandcontract.check import check_paths

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(JOINED + TRIGGER + RULE)
    (tmp_path / "m.sql").write_text("SELECT 1;\n")
    (tmp_path / "app.sql").write_text(WRITES)
    result = check_paths([tmp_path / "m.sql"], schema_url=pg_url, old_app=[str(tmp_path / "app.sql")])
    assert {f.query.line for f in result.failures} == {3}


@pytest.mark.postgres
def test_postgresql_agrees_on_instead_of_writes(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(JOINED + TRIGGER + RULE)
        outcomes = []
        for query in queries_from_sql(WRITES, "app.sql"):
            try:
                conn.execute(f"EXPLAIN (GENERIC_PLAN) {query.sql}")
                outcomes.append(True)
            except psycopg.Error:
                outcomes.append(False)
    assert outcomes == [True, True, False]



# -- which views PostgreSQL updates automatically ----------------------------------------------

UPDATABLE_SCHEMA = """
CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, email text NOT NULL UNIQUE, active boolean NOT NULL DEFAULT true, data jsonb);
CREATE TABLE orders (id bigserial PRIMARY KEY, user_id bigint NOT NULL, total numeric NOT NULL DEFAULT 0);
CREATE VIEW v_active AS SELECT * FROM users WHERE active;
CREATE VIEW v_star AS SELECT u.* FROM users u;
CREATE VIEW v_expr AS SELECT id, name, lower(email) AS email_lc, email FROM users;
CREATE VIEW v_alias (uid, uname, umail) AS SELECT id, name, email FROM users;
CREATE VIEW v_sub AS SELECT id, name, email FROM users WHERE id IN (SELECT user_id FROM orders);
CREATE VIEW v_ordered AS SELECT id, name, email FROM users ORDER BY name;
CREATE VIEW v_check AS SELECT id, name, email, active FROM users WHERE active WITH CHECK OPTION;
CREATE VIEW v_nested AS SELECT id, name, email FROM v_active;
CREATE VIEW v_distinct AS SELECT DISTINCT name FROM users;
CREATE VIEW v_only AS SELECT id, name, email FROM ONLY users;
CREATE VIEW v_cte AS WITH x AS (SELECT id FROM users) SELECT id FROM x;
CREATE VIEW v_srf AS SELECT id, name, email, jsonb_object_keys(data) AS k FROM users;
CREATE VIEW v_qual AS SELECT users.id, users.name, users.email FROM public.users;
CREATE VIEW v_const AS SELECT id, name, email, 1 AS one FROM users;
CREATE VIEW v_sec WITH (security_barrier) AS SELECT id, name, email FROM users WHERE active;
CREATE VIEW v_order_totals AS SELECT o.id, o.total, o.user_id FROM orders o;
CREATE TABLE tagged (id bigint PRIMARY KEY, tags text[]);
CREATE VIEW v_subquery_agg AS SELECT id, (SELECT count(*) FROM unnest(tags) x) AS n, tags FROM tagged;
CREATE VIEW v_subquery_srf AS SELECT id, ARRAY(SELECT jsonb_object_keys('{}'::jsonb)) AS k FROM tagged;
"""
THROUGH_VIEWS = """
INSERT INTO v_active (name, email) VALUES ($1, $2);
UPDATE v_active SET name = $1 WHERE id = $2;
DELETE FROM v_active WHERE id = $1;
INSERT INTO v_star (name, email) VALUES ($1, $2);
INSERT INTO v_expr (name, email) VALUES ($1, $2);
UPDATE v_expr SET name = $1 WHERE email_lc = $2;
UPDATE v_expr SET email_lc = $1;
INSERT INTO v_alias (uname, umail) VALUES ($1, $2);
UPDATE v_alias SET uname = $1 WHERE uid = $2;
INSERT INTO v_sub (name, email) VALUES ($1, $2);
INSERT INTO v_ordered (name, email) VALUES ($1, $2);
INSERT INTO v_check (name, email) VALUES ($1, $2);
INSERT INTO v_nested (name, email) VALUES ($1, $2);
UPDATE v_nested SET email = $1 WHERE id = $2;
INSERT INTO v_distinct (name) VALUES ($1);
INSERT INTO v_only (name, email) VALUES ($1, $2);
DELETE FROM v_cte;
INSERT INTO v_srf (name, email) VALUES ($1, $2);
INSERT INTO v_qual (name, email) VALUES ($1, $2);
INSERT INTO v_const (name, email) VALUES ($1, $2);
UPDATE v_const SET one = 2;
INSERT INTO v_sec (name, email) VALUES ($1, $2);
INSERT INTO v_order_totals (user_id) VALUES ($1);
INSERT INTO v_order_totals (user_id, total) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING;
INSERT INTO v_active (name, email) VALUES ($1, $2) ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name;
INSERT INTO v_active (name, email) VALUES ($1, $2) RETURNING id, active;
UPDATE v_active SET name = $1 WHERE id = $2 RETURNING *;
SELECT id, name FROM v_active WHERE id = $1;
SELECT uid, uname FROM v_alias;
SELECT k FROM v_srf;
INSERT INTO v_subquery_agg (id, tags) VALUES ($1, $2);
UPDATE v_subquery_srf SET id = $1;
"""
FAILS = {8, 16, 18, 19, 22}  # lines of THROUGH_VIEWS PostgreSQL rejects


def test_writes_through_views_follow_postgresqls_updatable_rules() -> None:
    queries = queries_from_sql(THROUGH_VIEWS, "q.sql")
    result = check_migrations([], baseline=Schema.from_sql(UPDATABLE_SCHEMA), old_app=queries)
    assert not result.unchecked
    assert {f.query.line for f in result.failures} == FAILS
    assert {f.problem.kind for f in result.failures} == {"not-updatable"}


@pytest.mark.postgres
def test_postgresql_agrees_on_updatable_views(pg_url: str) -> None:
    failed = set()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(UPDATABLE_SCHEMA)
        for query in queries_from_sql(THROUGH_VIEWS, "q.sql"):
            try:
                conn.execute(f"EXPLAIN (GENERIC_PLAN) {query.sql}")
            except psycopg.Error:
                failed.add(query.line)
    assert failed == FAILS
