"""check: each resolution rule, with a query that breaks it and one that passes.

Queries run against the baseline state only (no migration), so each test isolates one rule.
"""

from __future__ import annotations

import pytest

from expandcontract.check.engine import check_timeline
from expandcontract.check.queries import queries_from_sql
from expandcontract.check.timeline import build_timeline
from expandcontract.core.schema import Schema

SCHEMA = """
CREATE TABLE users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    email text NOT NULL UNIQUE,
    nickname text,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE orders (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL,
    total numeric NOT NULL,
    status text,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE tags (order_id bigint NOT NULL, tag text NOT NULL, PRIMARY KEY (order_id, tag));
CREATE TABLE audit (id bigint GENERATED ALWAYS AS IDENTITY, body text,
                    body_length int GENERATED ALWAYS AS (length(body)) STORED);
CREATE VIEW user_names AS SELECT id, name AS display_name, email FROM users;
CREATE VIEW user_emails AS SELECT id, email FROM users;
CREATE VIEW totals AS SELECT user_id, sum(total) AS total FROM orders GROUP BY user_id;
CREATE UNIQUE INDEX orders_open_per_user ON orders (user_id) WHERE status = 'open';
"""


def kinds(query: str, schema: str = SCHEMA) -> list[str]:
    """The problem kinds the old app's query has on the baseline."""
    result = check_timeline(build_timeline([], Schema.from_sql(schema)), {"old": queries_from_sql(query, "q.sql")})
    assert not result.unchecked, result.unchecked
    return sorted({f.problem.kind for f in result.failures})


def messages(query: str, schema: str = SCHEMA) -> list[str]:
    result = check_timeline(build_timeline([], Schema.from_sql(schema)), {"old": queries_from_sql(query, "q.sql")})
    return [f.detail for f in result.failures]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # tables and views exist
        ("SELECT id FROM users", []),
        ("SELECT id FROM customers", ["missing-relation"]),
        ("SELECT display_name, email FROM user_names", []),  # a view exposes its query's columns
        ("SELECT name FROM user_names", ["missing-column"]),  # …and only those
        ("SELECT user_id, total FROM totals", []),
        ("SELECT relname FROM pg_catalog.pg_class", []),  # system catalogs are not the app's schema
        # columns exist on the right table
        ("SELECT u.name, o.total FROM users u JOIN orders o ON o.user_id = u.id", []),
        ("SELECT o.name FROM users u JOIN orders o ON o.user_id = u.id", ["missing-column"]),
        ("SELECT x.name FROM users u", ["unknown-alias"]),
        # unqualified columns must not be ambiguous across joined tables
        ("SELECT name, total FROM users JOIN orders ON orders.user_id = users.id", []),
        ("SELECT created_at FROM users JOIN orders ON orders.user_id = users.id", ["ambiguous-column"]),
        ("SELECT id FROM users JOIN orders USING (id)", []),  # USING merges the column
        ("SELECT users.id FROM users JOIN orders USING (user_id)", ["missing-column"]),
        # CTEs, subqueries, aliases
        ("WITH t AS (SELECT id, name AS n FROM users) SELECT n FROM t", []),
        ("WITH t AS (SELECT id, name AS n FROM users) SELECT name FROM t", ["missing-column"]),
        ("SELECT s.total FROM (SELECT user_id, sum(total) AS total FROM orders GROUP BY user_id) s", []),
        ("SELECT s.status FROM (SELECT user_id FROM orders) s", ["missing-column"]),
        ("SELECT s.count, s.user_id FROM (SELECT count(*), user_id::text FROM orders GROUP BY 2) s", []),
        ("SELECT s.n FROM (SELECT nickname AS n FROM orders) s", ["missing-column"]),  # FROM items see no siblings
        ("SELECT id FROM users u, LATERAL (SELECT total FROM orders o WHERE o.user_id = u.id) l", []),
        ("SELECT id FROM users WHERE id IN (SELECT user_id FROM orders WHERE total > 10)", []),
        ("SELECT id FROM users WHERE id IN (SELECT user_id FROM orders WHERE totl > 10)", ["missing-column"]),
        ("SELECT id FROM users u WHERE EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id)", []),
        ("SELECT name AS n FROM users ORDER BY n", []),
        ("SELECT name AS n FROM users WHERE n = 'x'", ["missing-column"]),
        ("SELECT name AS n FROM users ORDER BY (n) DESC NULLS LAST", []),
        ("SELECT name AS n FROM users ORDER BY lower(n)", ["missing-column"]),  # a whole item only
        ("SELECT name AS n, count(*) FROM users GROUP BY ROLLUP (n)", []),
        ("SELECT name AS n, count(*) FROM users GROUP BY n || 'x'", ["missing-column"]),
        ("SELECT name AS id FROM users ORDER BY id + 1", []),  # inside an expression it is users.id
        ("SELECT * FROM users u JOIN orders o ON o.user_id = u.id FOR UPDATE OF u, o", []),
        ("SELECT * FROM users u FOR UPDATE OF users", ["unknown-alias"]),
        ("SELECT id FROM users UNION SELECT user_id FROM orders ORDER BY id", []),
        ("SELECT id FROM users UNION SELECT user_idx FROM orders", ["missing-column"]),
        ("SELECT g FROM generate_series(1, 3) g", []),
        ("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 5) SELECT n FROM t", []),
        ("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT m + 1 FROM t WHERE n < 5) SELECT n FROM t",
         ["missing-column"]),
        # set-returning functions: a column definition list is complete, an alias list may not be
        ("SELECT x.b FROM jsonb_to_recordset($1::jsonb) AS x(a int, b text)", []),
        ("SELECT x.c FROM jsonb_to_recordset($1::jsonb) AS x(a int, b text)", ["missing-column"]),
        ("SELECT e.value FROM json_each($1::json) AS e(k)", []),
        ("SELECT t, ord FROM orders, unnest(ARRAY[status]) WITH ORDINALITY AS x(t, ord)", []),
        ("SELECT g.nope FROM generate_series(1, 3) AS g(n)", ["missing-column"]),
        ("SELECT * FROM users u WHERE id = $1 FOR UPDATE OF u SKIP LOCKED", []),
        # data-modifying WITH: each write checked on its own, the query reads its RETURNING list
        ("WITH gone AS (DELETE FROM orders WHERE status = 'x' RETURNING user_id) SELECT user_id FROM gone", []),
        ("WITH gone AS (DELETE FROM orders WHERE status = 'x' RETURNING user_id) SELECT total FROM gone",
         ["missing-column"]),
        ("WITH gone AS (DELETE FROM orders WHERE statu = 'x' RETURNING user_id) SELECT user_id FROM gone",
         ["missing-column"]),
        ("WITH moved AS (DELETE FROM tags WHERE order_id = $1 RETURNING *) INSERT INTO tags SELECT * FROM moved", []),
        ("WITH u AS (INSERT INTO users (name, email) VALUES ($1, $2) RETURNING id) "
         "INSERT INTO orders (user_id, total) SELECT id, 0 FROM u", []),
        ("WITH u AS (INSERT INTO users (name) VALUES ($1) RETURNING id) INSERT INTO orders (user_id, total) "
         "SELECT id, 0 FROM u", ["missing-required-column"]),
        ("WITH ids AS (SELECT id FROM orders WHERE status = 'x'), d AS (DELETE FROM orders WHERE id IN "
         "(SELECT id FROM ids) RETURNING id) SELECT count(*) FROM d", []),  # a write sees the CTEs before it
        ("VALUES ($1, (SELECT name FROM users LIMIT 1))", []),
        ("VALUES ($1, (SELECT nme FROM users LIMIT 1))", ["missing-column"]),
        # system columns exist on tables, not on views
        ("INSERT INTO users (name, email) VALUES ($1, $2) ON CONFLICT (email) DO UPDATE SET name = excluded.name "
         "RETURNING id, (xmax = 0) AS inserted", []),
        ("DELETE FROM orders WHERE ctid IN (SELECT ctid FROM orders LIMIT 100)", []),
        ("SELECT ctid FROM user_names", ["missing-column"]),
        # RETURNING
        ("INSERT INTO users (name, email) VALUES ($1, $2) RETURNING id, created_at", []),
        ("INSERT INTO users (name, email) VALUES ($1, $2) RETURNING full_name", ["missing-column"]),
        # ON CONFLICT needs a matching unique index or constraint
        ("INSERT INTO users (name, email) VALUES ($1, $2) ON CONFLICT (email) DO UPDATE SET name = excluded.name", []),
        ("INSERT INTO users (name, email) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING", ["no-conflict-target"]),
        ("INSERT INTO tags VALUES ($1, $2) ON CONFLICT (tag, order_id) DO NOTHING", []),
        ("INSERT INTO orders (user_id, total) VALUES ($1, 1) ON CONFLICT (user_id) WHERE status = 'open' DO NOTHING", []),
        ("INSERT INTO orders (user_id, total) VALUES ($1, 1) ON CONFLICT (user_id) DO NOTHING", ["no-conflict-target"]),
        ("INSERT INTO users (name, email) VALUES ($1, $2) ON CONFLICT ON CONSTRAINT users_email_key DO NOTHING", []),
        ("INSERT INTO users (name, email) VALUES ($1, $2) ON CONFLICT ON CONSTRAINT users_name_key DO NOTHING",
         ["no-conflict-target"]),
        ("INSERT INTO users (name, email) VALUES ($1, $2) ON CONFLICT (email) DO UPDATE SET name = name",
         ["ambiguous-column"]),  # the target and EXCLUDED both have it
        # INSERT: target columns exist, NOT NULL columns without a default are supplied
        ("INSERT INTO users (name, email) VALUES ($1, $2)", []),
        ("INSERT INTO users (full_name, email) VALUES ($1, $2)", ["missing-column", "missing-required-column"]),
        ("INSERT INTO users (name) VALUES ($1)", ["missing-required-column"]),
        ("INSERT INTO orders (user_id, total) VALUES ($1, $2)", []),  # bigserial id has a default
        ("INSERT INTO users (name, email) SELECT name, email FROM users WHERE id = $1", []),
        ("INSERT INTO users DEFAULT VALUES", ["missing-required-column"]),
        # positional INSERT … VALUES
        ("INSERT INTO tags VALUES ($1, $2)", []),
        ("INSERT INTO tags VALUES ($1, $2, $3)", ["value-count"]),
        ("INSERT INTO tags VALUES ($1)", ["missing-required-column"]),
        ("INSERT INTO tags SELECT id, name FROM users", []),
        ("INSERT INTO tags SELECT id, name, email FROM users", ["value-count"]),
        ("INSERT INTO tags VALUES ($1, $2), ($3, $4)", []),
        ("INSERT INTO tags VALUES ($1, $2), ($3)", ["value-count"]),  # VALUES lists must all be the same length
        # explicit column list: each once, as many values as columns in every row
        ("INSERT INTO tags (order_id, tag) VALUES ($1,$2)", []),  # no space after $1: sqlglot must still read it
        ("INSERT INTO tags (order_id, tag, tag) VALUES ($1, $2, $3)", ["duplicate-column"]),
        ("INSERT INTO tags (order_id, tag) VALUES ($1)", ["value-count"]),
        ("INSERT INTO tags (order_id, tag) VALUES ($1, $2), ($3, $4)", []),
        ("INSERT INTO tags (order_id, tag) VALUES ($1, $2), ($3)", ["value-count"]),
        ("INSERT INTO tags (order_id, tag) SELECT id FROM users", ["value-count"]),
        ("INSERT INTO tags (order_id, tag) VALUES ($1, $2) ON CONFLICT (order_id, tag) DO UPDATE SET tag = $3, "
         "tag = $4", ["duplicate-column"]),
        ("MERGE INTO tags t USING orders o ON t.order_id = o.id WHEN NOT MATCHED THEN INSERT (order_id, order_id, "
         "tag) VALUES (o.id, o.id, o.status)", ["duplicate-column"]),
        ("MERGE INTO tags t USING orders o ON t.order_id = o.id WHEN NOT MATCHED THEN INSERT (order_id, tag) "
         "VALUES (o.id)", ["value-count"]),
        ("SELECT a FROM (VALUES (1, 2), (3)) v(a, b)", ["value-count"]),
        # generated columns cannot be written
        ("INSERT INTO audit (body) VALUES ($1)", []),
        ("INSERT INTO audit (id, body) OVERRIDING SYSTEM VALUE VALUES ($1, $2)", []),
        ("INSERT INTO audit (id, bdy) OVERRIDING SYSTEM VALUE VALUES ($1, $2)", ["missing-column"]),
        ("INSERT INTO audit (body, body_length) VALUES ($1, 3)", ["generated-column"]),
        ("INSERT INTO audit (body, body_length) VALUES ($1, DEFAULT)", []),  # DEFAULT is what it may be given
        ("INSERT INTO audit (body, body_length) VALUES ($1, DEFAULT), ($2, 3)", ["generated-column"]),
        ("UPDATE audit SET body = $1, body_length = DEFAULT", []),
        ("UPDATE audit SET body_length = 0", ["generated-column"]),
        # views: updatable where PostgreSQL would make them so
        ("INSERT INTO user_names (display_name, email) VALUES ($1, $2)", []),
        ("INSERT INTO user_emails (email) VALUES ($1)", ["missing-required-column"]),  # users.name not exposed
        ("INSERT INTO totals (user_id, total) VALUES ($1, $2)", ["not-updatable"]),
        ("UPDATE user_names SET display_name = $1 WHERE id = $2", []),
        ("UPDATE totals SET total = 0", ["not-updatable"]),
        # UPDATE / DELETE: set and filtered columns exist
        ("UPDATE users SET name = $1 WHERE id = $2", []),
        ("UPDATE users SET full_name = $1 WHERE id = $2", ["missing-column"]),
        ("UPDATE users SET name = $1 WHERE uid = $2", ["missing-column"]),
        ("UPDATE users SET (name, email) = ($1, $2) WHERE id = $3", []),
        ("UPDATE users SET (name, email) = ROW($1, $2) WHERE id = $3", []),
        ("UPDATE users SET (name, email) = (SELECT name, email FROM users WHERE id = $1)", []),
        ("UPDATE users SET (name, email) = ($1, $2, $3) WHERE id = $4", ["value-count"]),
        ("UPDATE users SET name = $1, nickname = $2, name = $3", ["duplicate-column"]),
        ("UPDATE orders SET status = 'x' FROM users WHERE users.id = orders.user_id AND users.email = $1", []),
        ("UPDATE orders SET status = 'x' FROM users WHERE users.id = orders.user_id AND created_at < now()",
         ["ambiguous-column"]),
        ("DELETE FROM users WHERE id = $1", []),
        ("DELETE FROM users WHERE uid = $1", ["missing-column"]),
        ("DELETE FROM orders o USING users u WHERE u.id = o.user_id AND u.email = $1 RETURNING o.id", []),
        ("DELETE FROM orders o USING users u WHERE u.id = o.user_id AND u.mail = $1", ["missing-column"]),
        ("MERGE INTO tags t USING orders o ON t.order_id = o.id WHEN NOT MATCHED THEN INSERT (order_id, tag) "
         "VALUES (o.id, o.status)", []),
        ("MERGE INTO tags t USING orders o ON t.order_id = o.id WHEN MATCHED THEN UPDATE SET label = o.status",
         ["missing-column"]),
    ],
)
def test_resolution(query: str, expected: list[str]) -> None:
    assert kinds(query) == expected


@pytest.mark.parametrize(
    "query",
    [
        "SELECT id FROM users WHERE id = $1",
        "SELECT id FROM users WHERE id = %s",
        "SELECT id FROM users WHERE id = %(id)s AND email = %(id)s",
        "SELECT id FROM users WHERE id = :id AND created_at > now() - '1 day'::interval",
        "SELECT id FROM users WHERE id = ?",
        "SELECT id FROM users WHERE id IN %s",
        "SELECT id FROM users WHERE id IN (SELECT user_id FROM orders WHERE status = ANY(?)) AND name = ?",
        "SELECT (ARRAY[name, email])[lo:hi] FROM users, (SELECT 1 AS lo, 2 AS hi) b WHERE id = :id",
    ],
)
def test_every_placeholder_style_parses(query: str) -> None:
    assert kinds(query) == []


def test_message_names_the_table_and_column() -> None:
    assert messages("SELECT o.name FROM users u JOIN orders o ON o.user_id = u.id") == [
        "column orders.name does not exist on the schema before the migration already"
    ]
    [ambiguous] = messages("SELECT created_at FROM users JOIN orders ON orders.user_id = users.id")
    assert 'column reference "created_at" is ambiguous (it is in users, orders)' in ambiguous
    [self_join] = messages("SELECT name FROM users u JOIN users v ON v.id = u.id")
    assert 'column reference "name" is ambiguous (it is in u (users), v (users))' in self_join


def test_query_that_cannot_be_analysed_is_listed_not_passed() -> None:
    text = ("COPY users (name) FROM STDIN;\n"
            "INSERT INTO users (name, email) VALUES ($1, $2) ON CONFLICT (lower(email)) DO NOTHING;\n"
            "SELECT id FROM users;\n"
            "BEGIN;\nSET statement_timeout = 1000;\n")
    result = check_timeline(build_timeline([], Schema.from_sql(SCHEMA)), {"old": queries_from_sql(text, "q.sql")})
    assert [(u.query.line, u.reason.split(" ")[0]) for u in result.unchecked] == [(1, "Copy"), (2, "ON")]
    summary = result.summary()
    assert (summary["queries_checked"], summary["queries_unchecked"], summary["queries_ignored"]) == (1, 2, 2)
    assert result.exit_code() == 0 and result.exit_code(strict=True) == 1


def test_named_queries_and_lines() -> None:
    text = "-- a file of queries\n\n-- name: get_user^\nSELECT nope FROM users;\n\n-- name: count_users\nSELECT 1;"
    result = check_timeline(build_timeline([], Schema.from_sql(SCHEMA)), {"old": queries_from_sql(text, "q.sql")})
    [failure] = result.failures
    assert (failure.query.line, failure.query.name) == (4, "get_user")
    assert failure.subject == "old app query q.sql:4 (get_user)"


def test_a_relation_whose_columns_are_not_known_makes_its_queries_unchecked() -> None:
    # CREATE TABLE … AS a set operation (no column list) is not replayed column by column: its
    # queries cannot be proven either way, so they are listed rather than failed (or passed)
    schema = SCHEMA + "CREATE TABLE archived AS SELECT id, name FROM users UNION SELECT id, name FROM users;\n" \
                      "CREATE VIEW archived_names AS SELECT name FROM archived;\n"
    text = "SELECT id, name FROM archived;\nINSERT INTO archived (id) VALUES (1);\nSELECT name FROM archived_names;\n" \
           "SELECT id FROM users;\n"
    result = check_timeline(build_timeline([], Schema.from_sql(schema)), {"old": queries_from_sql(text, "q.sql")})
    assert not result.failures
    assert [(u.query.line, u.reason) for u in result.unchecked] == [
        (1, "the columns of archived are not known (a table created by CREATE TABLE … AS or LIKE is not replayed "
            "column by column)"),
        (2, "the columns of archived are not known (a table created by CREATE TABLE … AS or LIKE is not replayed "
            "column by column)"),
        (3, "the columns of view archived_names are not known: the columns of archived are not known (a table "
            "created by CREATE TABLE … AS or LIKE is not replayed column by column)"),
    ]


def test_help_for_writes_that_no_schema_accepts() -> None:
    text = "INSERT INTO tags (order_id, tag, tag) VALUES ($1, $2, $3);\nINSERT INTO totals (user_id) VALUES ($1);\n"
    result = check_timeline(build_timeline([], Schema.from_sql(SCHEMA)), {"new": queries_from_sql(text, "q.sql")})
    helps = {f.query.line: f.help for f in result.failures}
    assert helps[1].startswith("fix the new app's query: PostgreSQL rejects it whatever the schema")
    assert helps[2].startswith("PostgreSQL cannot write through totals: write to its base table")
