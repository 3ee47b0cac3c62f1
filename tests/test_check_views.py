"""check: views bind their base relation and columns by identity, as PostgreSQL does.

A view keeps reading (and, when it is automatically updatable, writing) the same table after
that table or its columns are renamed or moved to another schema.
"""

from __future__ import annotations

import psycopg
import pytest

from expandcontract.check import check_migrations
from expandcontract.check.queries import queries_from_sql
from expandcontract.migration import Migration, split_phase_markers
from expandcontract.schema import Schema

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
