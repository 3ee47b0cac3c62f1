"""check against a real PostgreSQL: the resolver agrees with the server on which queries
resolve, and ``--schema-from-db`` reads a live database into the schema model."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from expandcontract.check.engine import check_timeline
from expandcontract.check.queries import queries_from_sql
from expandcontract.check.reflect import schema_from_database
from expandcontract.check.timeline import build_timeline
from expandcontract.cli import main
from expandcontract.core.migration import Migration, split_phase_markers
from expandcontract.core.schema import Schema

pytestmark = pytest.mark.postgres

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "check_rename_column"

SCHEMA = """
CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL,
                    email text NOT NULL UNIQUE, data jsonb, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id bigint NOT NULL REFERENCES users(id),
                     total numeric NOT NULL, status text, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE tags (order_id bigint, tag text, PRIMARY KEY (order_id, tag));
CREATE VIEW active_users AS SELECT id, name AS display_name, email FROM users WHERE data IS NOT NULL;
CREATE VIEW order_totals AS SELECT user_id, sum(total) AS total FROM orders GROUP BY user_id;
CREATE SCHEMA billing;
CREATE TABLE billing.invoices (id bigint PRIMARY KEY, order_id bigint, amount numeric);
CREATE UNIQUE INDEX orders_open ON orders (user_id) WHERE status = 'open';
"""

# Each resolves on PostgreSQL or fails with a name-resolution error; the checker must agree.
QUERIES = """
SELECT id, name FROM users WHERE id = $1;
SELECT id, nme FROM users;
SELECT id FROM users JOIN orders ON orders.user_id = users.id;
SELECT users.id, total FROM users JOIN orders ON orders.user_id = users.id;
SELECT u.name, o.totl FROM users u JOIN orders o ON o.user_id = u.id;
SELECT x.name FROM users u;
SELECT * FROM nope;
SELECT display_name, email FROM active_users;
SELECT name FROM active_users;
SELECT user_id, total FROM order_totals;
SELECT id, amount FROM billing.invoices;
SELECT id, amount FROM invoices;
SELECT relname FROM pg_class;
WITH t AS (SELECT id, name AS n FROM users) SELECT n FROM t;
WITH t AS (SELECT id, name AS n FROM users) SELECT name FROM t;
WITH t(a, b) AS (SELECT id, name FROM users) SELECT id FROM t;
SELECT s.nope FROM (SELECT user_id FROM orders) s;
SELECT s.count, s.user_id FROM (SELECT count(*), user_id::text FROM orders GROUP BY 2) s;
SELECT s.n FROM (SELECT name AS n FROM orders) s;
SELECT u.id FROM users u, (SELECT total FROM orders WHERE user_id = u.id) s;
SELECT id FROM orders WHERE user_id IN (SELECT id FROM users WHERE email = status);
SELECT id FROM users WHERE id IN (SELECT user_id FROM orders WHERE total > 10);
SELECT id FROM users WHERE EXISTS (SELECT 1 FROM orders WHERE orders.user_id = users.id AND nme = 'x');
SELECT id, created_at FROM users JOIN orders USING (id);
SELECT id FROM users JOIN orders USING (id);
SELECT id FROM users NATURAL JOIN orders;
SELECT name AS n FROM users ORDER BY n;
SELECT name AS n FROM users WHERE n = 'x';
SELECT g FROM generate_series(1, 3) g;
SELECT v.c FROM (VALUES (1, 2)) AS v(a, b);
SELECT u.name, l.total FROM users u, LATERAL (SELECT o.total FROM orders o WHERE o.user_id = u.id LIMIT 1) l;
SELECT id FROM users UNION SELECT user_idx FROM orders;
WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT n FROM r;
SELECT q.* FROM users u;
SELECT sum(total) OVER w FROM orders WINDOW w AS (PARTITION BY user_id);
INSERT INTO users (nme, email) VALUES ($1, $2);
INSERT INTO users (name, email) VALUES ($1, $2) RETURNING nope;
INSERT INTO users (name, email) VALUES ($1, $2) ON CONFLICT (email) DO UPDATE SET name = name;
INSERT INTO users (name, email) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING;
INSERT INTO users (name, email) VALUES ($1, $2) ON CONFLICT ON CONSTRAINT users_email_key DO NOTHING;
INSERT INTO orders (user_id, total) VALUES ($1, $2) ON CONFLICT (user_id) WHERE status = 'open' DO NOTHING;
INSERT INTO orders (user_id, total) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING;
INSERT INTO tags VALUES ($1, $2, $3);
INSERT INTO active_users (display_name, email) VALUES ($1, $2);
INSERT INTO order_totals (user_id, total) VALUES ($1, $2);
UPDATE users SET nme = $1 WHERE id = $2;
UPDATE orders SET status = 'x' FROM users WHERE users.id = orders.user_id AND created_at < now();
UPDATE active_users SET display_name = $1 WHERE id = $2;
DELETE FROM orders o USING users u WHERE u.id = o.user_id AND u.nope = $1;
SELECT "Name" FROM users;
INSERT INTO users (name, email) VALUES ($1, $2) ON CONFLICT (email) DO UPDATE SET name = excluded.name RETURNING (xmax = 0) AS inserted;
SELECT ctid FROM active_users;
SELECT xmin FROM users JOIN orders ON orders.user_id = users.id;
SELECT public.users.id FROM public.users;
INSERT INTO tags VALUES ($1,$2);
INSERT INTO tags (order_id, tag, tag) VALUES ($1, $2, $3);
INSERT INTO tags (order_id, tag) VALUES ($1);
INSERT INTO tags (order_id, tag) VALUES ($1, $2), ($3);
INSERT INTO tags (order_id, tag) SELECT id FROM users;
INSERT INTO tags VALUES ($1, $2), ($3);
UPDATE users SET name = $1, email = $2, name = $3;
UPDATE users SET (name, email) = ($1, $2, $3);
UPDATE users SET (name, email) = ROW($1, $2);
"""


def test_resolver_agrees_with_postgresql(pg_url: str) -> None:
    queries = queries_from_sql(QUERIES, "q.sql")
    result = check_timeline(build_timeline([], Schema.from_sql(SCHEMA)), {"old": queries})
    assert not result.unchecked
    ours = {f.query.line for f in result.failures if f.problem.kind != "missing-required-column"}
    theirs = set()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(SCHEMA)
        for query in queries:
            try:  # plans without running: catches unknown names and missing ON CONFLICT arbiters
                conn.execute(f"EXPLAIN (GENERIC_PLAN) {query.sql}")
            except psycopg.Error:
                theirs.add(query.line)
    disagree = sorted(ours ^ theirs)
    assert not disagree, [next(q.text for q in queries if q.line == line) for line in disagree]
    assert len(theirs) > 20 and len(queries) - len(theirs) > 15  # both outcomes are exercised


def test_schema_from_database(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(SCHEMA)
        conn.execute("CREATE TABLE audit (id serial, body text, n int GENERATED ALWAYS AS (length(body)) STORED)")
    schema = schema_from_database(pg_url)
    users = schema.tables["users"]
    assert list(users.columns) == ["id", "name", "email", "data", "created_at"]
    assert users.columns["id"].identity and users.columns["name"].not_null and not users.columns["name"].has_default
    assert users.columns["created_at"].default == "now()"
    assert str(users.columns["email"].type) == "text"
    assert {c.kind for c in users.constraints.values()} == {"primary_key", "unique"}
    assert schema.tables["audit"].columns["n"].generated and schema.tables["audit"].columns["id"].has_default
    assert "billing.invoices" in schema.tables
    assert schema.indexes["orders_open"].partial and schema.indexes["orders_open"].columns == ("user_id",)
    assert schema.views["active_users"].columns == ("id", "display_name", "email")
    assert schema.views["active_users"].depends_on == Schema.from_sql(SCHEMA).views["active_users"].depends_on
    drop = Migration("m", "m.sql", split_phase_markers("m.sql", "DROP TABLE users CASCADE"))
    cascaded = build_timeline([drop], schema).states[-1].schema
    assert "active_users" not in cascaded.views
    # the reflected schema checks like a replayed one
    result = check_timeline(build_timeline([], schema), {"old": queries_from_sql(QUERIES, "q.sql")})
    replayed = check_timeline(build_timeline([], Schema.from_sql(SCHEMA)), {"old": queries_from_sql(QUERIES, "q.sql")})
    assert [(f.query.line, f.problem.kind) for f in result.failures] == [
        (f.query.line, f.problem.kind) for f in replayed.failures]


def test_check_with_schema_from_db(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute((EXAMPLE / "schema.sql").read_text())
    runner = CliRunner()
    args = ["--schema-from-db", pg_url, "--old-app", str(EXAMPLE / "app_old"), "--new-app", str(EXAMPLE / "app_new"),
            "--format", "json"]
    unsafe = runner.invoke(main, ["check", str(EXAMPLE / "unsafe.sql"), *args])
    assert unsafe.exit_code == 1, unsafe.output
    assert {f["kind"] for f in json.loads(unsafe.stdout)["failures"]} == {"missing-column"}
    safe = runner.invoke(main, ["check", str(EXAMPLE / "safe"), *args])
    assert safe.exit_code == 0, safe.output
