"""The lock gaps `trace` found on real histories, each closed in lint and confirmed by running it
on PostgreSQL: for every case lint's lock claim on the statement (an EC2xx finding) and the
hazard PostgreSQL shows agree, and lint names the expected rule."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from expandcontract.config import Config
from expandcontract.scratch import DISPOSABLE_COMMENT
from expandcontract.trace.api import trace_paths
from expandcontract.trace.compare import claims_of

SCHEMA = """
CREATE TYPE state AS ENUM ('new', 'done');
CREATE TABLE t (id int PRIMARY KEY, a int, ts timestamp, st state DEFAULT 'new');
CREATE TABLE u (id int PRIMARY KEY, b int);
CREATE INDEX t_a_idx ON t (a);
CREATE VIEW v AS SELECT id, b FROM u;
CREATE MATERIALIZED VIEW mv AS SELECT id, b FROM u;
CREATE SEQUENCE s;
INSERT INTO t SELECT g, g FROM generate_series(1, 50) g;
INSERT INTO u SELECT g, g FROM generate_series(1, 50) g;
CREATE TABLE p (k int NOT NULL) PARTITION BY RANGE (k);
CREATE TABLE p_1 PARTITION OF p FOR VALUES FROM (0) TO (10);
CREATE TABLE p_default PARTITION OF p DEFAULT;
INSERT INTO p SELECT g FROM generate_series(0, 9) g UNION ALL SELECT g FROM generate_series(100, 140) g;
CREATE TABLE q (k int NOT NULL) PARTITION BY RANGE (k);
CREATE TABLE q_default PARTITION OF q DEFAULT;
ALTER TABLE q_default ADD CONSTRAINT q_default_not_10_20 CHECK (NOT (k >= 10 AND k < 20));
INSERT INTO q SELECT g FROM generate_series(100, 140) g;
CREATE TABLE r (k int NOT NULL) PARTITION BY RANGE (k);
CREATE TABLE r_1 PARTITION OF r FOR VALUES FROM (0) TO (10);
INSERT INTO r SELECT g FROM generate_series(0, 9) g;
CREATE FUNCTION u_touch_fn() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER u_touch BEFORE UPDATE ON u FOR EACH ROW EXECUTE FUNCTION u_touch_fn();
CREATE TABLE pa (id int PRIMARY KEY, v int);
CREATE TABLE ch (id int PRIMARY KEY, pa_id int CONSTRAINT ch_pa_fk REFERENCES pa (id), x int);
INSERT INTO pa SELECT g, g FROM generate_series(1, 50) g;
INSERT INTO ch SELECT g, g, g FROM generate_series(1, 50) g;
CREATE TABLE owner_old (id int PRIMARY KEY);
CREATE TABLE pet (id int PRIMARY KEY, owner_id int REFERENCES owner_old (id));
ALTER TABLE owner_old RENAME TO owner;
CREATE TABLE w (id int PRIMARY KEY, name varchar(64), note varchar(64));
CREATE UNIQUE INDEX w_lower_name ON w (lower(name));
CREATE INDEX w_note ON w (note);
INSERT INTO w SELECT g, 'n' || g, 'x' FROM generate_series(1, 50) g;
CREATE TABLE sk (id int PRIMARY KEY, grp int, key text, UNIQUE (grp, key));
ANALYZE t;
ANALYZE u;
"""

TRIGGER = ("CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n"
           "CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();\n")

# (id, migration, line, codes lint reports there (EC2xx), whether PostgreSQL shows a hazard there)
CASES = [
    # slow work while ACCESS EXCLUSIVE is held: backfills, CTAS, matviews, INSERT … SELECT, DO blocks
    ("update-backfill", "ALTER TABLE t ADD COLUMN c int;\nUPDATE t SET c = a;\n", 2, {"EC213"}, True),
    ("ae-before-backfill", "ALTER TABLE t ADD COLUMN c int;\nUPDATE t SET c = a;\n", 1, {"EC213"}, True),
    # … the slow work of the locked table itself too (another rule names it): the lock came first
    ("ae-before-own-rewrite", "ALTER TABLE t ADD COLUMN c int;\nALTER TABLE t ALTER COLUMN a TYPE bigint;\n", 1,
     {"EC213"}, True),
    ("own-rewrite-after-ae", "ALTER TABLE t ADD COLUMN c int;\nALTER TABLE t ALTER COLUMN a TYPE bigint;\n", 2,
     {"EC207", "EC213"}, True),
    ("ae-before-own-scan", "ALTER TABLE t DROP CONSTRAINT t_pkey;\nALTER TABLE t ALTER COLUMN a SET NOT NULL;\n", 1,
     {"EC213"}, True),
    ("ctas", "ALTER TABLE t ADD COLUMN c int;\nCREATE TABLE n AS SELECT * FROM u;\n", 2, {"EC213"}, True),
    ("matview", "ALTER TABLE t ADD COLUMN c int;\nCREATE MATERIALIZED VIEW m AS SELECT * FROM u;\n", 2,
     {"EC213"}, True),
    ("insert-select", "CREATE TABLE n (id int);\nALTER TABLE t ADD COLUMN c int;\nINSERT INTO n SELECT id FROM u;\n",
     3, {"EC213"}, True),
    ("do-block-reads", "ALTER TABLE t ADD COLUMN c int;\nDO $$ BEGIN UPDATE u SET b = 1; END $$;\n", 2,
     {"EC213", "EC217"}, True),
    ("refresh", "ALTER TABLE t ADD COLUMN c int;\nREFRESH MATERIALIZED VIEW mv;\n", 2, {"EC211", "EC213"}, True),
    # a data migration's SELECT of a live table reads every row it selects (FOR UPDATE, WITH … too)
    ("select-under-ae", "ALTER TABLE t ADD COLUMN c int;\nSELECT id, b FROM u;\n", 2, {"EC213"}, True),
    ("ae-before-select", "ALTER TABLE t ADD COLUMN c int;\nSELECT id, b FROM u;\n", 1, {"EC213"}, True),
    ("select-locked-table-itself", "ALTER TABLE t ADD COLUMN c int;\nSELECT id, a FROM t;\n", 2, {"EC213"}, True),
    ("select-for-update", "ALTER TABLE t ADD COLUMN c int;\nSELECT id FROM u FOR UPDATE;\n", 2, {"EC213"}, True),
    ("with-select", "ALTER TABLE t ADD COLUMN c int;\nWITH x AS (SELECT id FROM u) SELECT count(*) FROM x;\n", 2,
     {"EC213"}, True),
    ("drop-index-then-select", "DROP INDEX t_a_idx;\nSELECT id, b FROM u;\n", 1, {"EC202", "EC213"}, True),
    ("trigger-then-select-itself", TRIGGER + "SELECT id, a FROM t;\n", 3, {"EC218"}, True),
    # … but not a read of the catalogs, of nothing, or of a table this migration made empty
    ("select-catalog", "ALTER TABLE t ADD COLUMN c int;\nSELECT relname FROM pg_class WHERE relname = 'u';\n", 2,
     set(), False),
    ("select-information-schema", "ALTER TABLE t ADD COLUMN c int;\n"
     "SELECT column_name FROM information_schema.columns WHERE table_name = 'u';\n", 2, set(), False),
    ("select-without-from", "ALTER TABLE t ADD COLUMN c int;\nSELECT 1;\n", 2, set(), False),
    # … nor a lookup through an index (pa is not analyzed: like a production table, it is read
    # through its primary key, not scanned)
    ("select-by-key", "ALTER TABLE t ADD COLUMN c int;\nSELECT v FROM pa WHERE id = 7;\n", 2, set(), False),
    ("update-by-key", "ALTER TABLE t ADD COLUMN c int;\nUPDATE pa SET v = 0 WHERE id = 7;\n", 2, set(), False),
    ("ae-before-update-by-key", "ALTER TABLE t ADD COLUMN c int;\nUPDATE pa SET v = 0 WHERE id = 7;\n", 1, set(),
     False),
    ("select-by-key-reads-another", "ALTER TABLE t ADD COLUMN c int;\n"
     "SELECT v FROM pa WHERE id = 7 AND v IN (SELECT b FROM u);\n", 2, {"EC213"}, True),
    # … but a condition on a key's second column only reads the whole index: on the empty,
    # unanalyzed sk the planner walks its (grp, key) index (PostgreSQL 18's skip scan), where a
    # populated table is scanned (Optuna's DELETE … WHERE key = '_number')
    ("select-second-key-column", "ALTER TABLE t ADD COLUMN c int;\nSELECT id FROM sk WHERE key = 'x';\n", 2,
     {"EC213"}, True),
    ("delete-second-key-column", "ALTER TABLE t ADD COLUMN c int;\nDELETE FROM sk WHERE key = 'grp';\n", 2,
     {"EC213"}, True),
    ("ae-before-second-key-column", "ALTER TABLE t ADD COLUMN c int;\nSELECT id FROM sk WHERE key = 'x';\n", 1,
     {"EC213"}, True),
    ("select-both-key-columns", "ALTER TABLE t ADD COLUMN c int;\nSELECT id FROM sk WHERE grp = 1 AND key = 'x';\n",
     2, set(), False),
    ("select-new-table", "ALTER TABLE t ADD COLUMN c int;\nCREATE TABLE n (id int);\nSELECT id FROM n;\n", 3, set(),
     False),
    # a table renamed in the transaction keeps the lock taken on it: no new lock is awaited
    ("rename-keeps-lock", "ALTER TABLE t ADD COLUMN c int;\nALTER TABLE u RENAME TO u2;\n"
     "ALTER TABLE u2 RENAME COLUMN b TO b2;\n", 3, set(), False),
    ("rename-then-lock-wait", "ALTER TABLE t ADD COLUMN c int;\nALTER TABLE u RENAME TO u2;\n"
     "ALTER TABLE u2 RENAME COLUMN b TO b2;\n", 2, {"EC213"}, True),
    # … and while a lock that blocks writes (SHARE, SHARE ROW EXCLUSIVE, EXCLUSIVE) is held: EC218
    ("trigger-then-ctas", TRIGGER + "CREATE TABLE n AS SELECT * FROM u;\n", 3, {"EC218"}, True),
    ("trigger-then-backfill-itself", TRIGGER + "UPDATE t SET a = a + 1;\n", 3, {"EC218"}, True),
    ("trigger-then-do-block", TRIGGER + "DO $$ BEGIN PERFORM 1 FROM u; END $$;\n", 3, {"EC218"}, True),
    ("fk-then-insert-select", "CREATE TABLE n (id int);\n"
     "ALTER TABLE n ADD CONSTRAINT n_fk FOREIGN KEY (id) REFERENCES u (id);\n"
     "INSERT INTO n SELECT id FROM t;\n", 3, {"EC218"}, True),
    ("index-then-matview", "CREATE INDEX t_a2_idx ON t (a);\nCREATE MATERIALIZED VIEW m AS SELECT * FROM u;\n", 2,
     {"EC218"}, True),
    # a materialized view has no writers: SHARE or EXCLUSIVE on it blocks nobody
    ("matview-share-then-ctas", "CREATE UNIQUE INDEX mv_id_idx ON mv (id);\nCREATE TABLE n AS SELECT * FROM u;\n", 2,
     set(), False),
    ("refresh-concurrently", "CREATE UNIQUE INDEX mv_id_idx ON mv (id);\nREFRESH MATERIALIZED VIEW CONCURRENTLY mv;\n",
     2, set(), False),
    # a new partition for a range of values: PostgreSQL scans the DEFAULT partition under ACCESS
    # EXCLUSIVE, unless a validated CHECK on it excludes the range
    ("attach-scans-default", "CREATE TABLE p_2 (k int NOT NULL);\n"
     "ALTER TABLE p ATTACH PARTITION p_2 FOR VALUES FROM (10) TO (20);\n", 2, {"EC219"}, True),
    ("create-partition-scans-default", "CREATE TABLE p_2 PARTITION OF p FOR VALUES FROM (10) TO (20);\n", 1,
     {"EC219"}, True),
    ("attach-then-slow", "CREATE TABLE p_2 (k int NOT NULL);\n"
     "ALTER TABLE p ATTACH PARTITION p_2 FOR VALUES FROM (10) TO (20);\nUPDATE u SET b = b;\n", 2,
     {"EC213", "EC219"}, True),
    ("attach-default-checked", "CREATE TABLE q_2 (k int NOT NULL);\n"
     "ALTER TABLE q ATTACH PARTITION q_2 FOR VALUES FROM (10) TO (20);\n", 2, set(), False),
    ("attach-as-default", "ALTER TABLE p DETACH PARTITION p_default;\n"
     "ALTER TABLE p ATTACH PARTITION p_default DEFAULT;\n"
     "CREATE TABLE p_2 PARTITION OF p FOR VALUES FROM (10) TO (20);\n", 3, {"EC213", "EC219"}, True),
    # ATTACH PARTITION reads the partition it attaches (one this migration made is empty), and locks
    # the DEFAULT partition, scanned or not
    ("attach-new-partition-under-lock", "ALTER TABLE t ADD COLUMN c int;\nCREATE TABLE r_2 (k int NOT NULL);\n"
     "ALTER TABLE r ATTACH PARTITION r_2 FOR VALUES FROM (10) TO (20);\n", 3, set(), False),
    ("attach-locks-checked-default", "ALTER TABLE t ADD COLUMN c int;\nCREATE TABLE q_2 (k int NOT NULL);\n"
     "ALTER TABLE q ATTACH PARTITION q_2 FOR VALUES FROM (10) TO (20);\n", 3, {"EC213"}, True),
    # triggers: the model knows those of every table it knows. DROP TRIGGER IF EXISTS of one that
    # is not there locks nothing (so the CREATE TRIGGER after it takes a new lock); DROP FUNCTION …
    # CASCADE drops the triggers that execute it, under ACCESS EXCLUSIVE on their tables
    ("drop-absent-trigger", "ALTER TABLE t ADD COLUMN c int;\nDROP TRIGGER IF EXISTS nope ON u;\n", 2, set(), False),
    ("create-trigger-after-absent-drop", "ALTER TABLE t ADD COLUMN c int;\nDROP TRIGGER IF EXISTS nope ON u;\n"
     "CREATE TRIGGER nope BEFORE UPDATE ON u FOR EACH ROW EXECUTE FUNCTION u_touch_fn();\n", 3, {"EC213"}, True),
    ("drop-existing-trigger", "ALTER TABLE t ADD COLUMN c int;\nDROP TRIGGER IF EXISTS u_touch ON u;\n", 2,
     {"EC213"}, True),
    ("drop-function-cascade", "ALTER TABLE t ADD COLUMN c int;\nDROP FUNCTION IF EXISTS u_touch_fn() CASCADE;\n", 2,
     {"EC213"}, True),
    ("drop-function-cascade-after-trigger-gone", "ALTER TABLE t ADD COLUMN c int;\n"
     "DROP TRIGGER u_touch ON u;\nDROP FUNCTION u_touch_fn() CASCADE;\n", 3, set(), False),
    # no queueing lock on a pre-existing table, no slow work: EC213 stays quiet
    ("do-block-catalog", "ALTER TABLE t ADD COLUMN c int;\n"
     "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'e') THEN CREATE TYPE e AS ENUM ('x'); "
     "END IF; END $$;\n", 2, set(), False),
    ("replace-view", "ALTER TABLE t ADD COLUMN c int;\nCREATE OR REPLACE VIEW v AS SELECT id, b FROM u;\n", 2,
     set(), False),
    ("rename-sequence", "ALTER TABLE t ADD COLUMN c int;\nALTER SEQUENCE s RENAME TO s2;\n", 2, set(), False),
    ("catalog-update", "ALTER TABLE t ADD COLUMN c int;\n"
     "UPDATE pg_catalog.pg_attribute SET attnotnull = attnotnull WHERE false;\n", 2, set(), False),
    # a new lock on the referenced table while ACCESS EXCLUSIVE is held on another
    ("fk-reference-lock", "ALTER TABLE t ADD COLUMN c int;\n"
     "ALTER TABLE t ADD CONSTRAINT t_c_fk FOREIGN KEY (c) REFERENCES u (id) NOT VALID;\n", 2, {"EC213"}, True),
    # … but not when the transaction already holds that lock on it
    ("fk-reference-already-locked", "ALTER TABLE t ADD COLUMN c int;\n"
     "ALTER TABLE t ADD CONSTRAINT t_c_fk FOREIGN KEY (c) REFERENCES u (id) NOT VALID;\n"
     "ALTER TABLE t ADD CONSTRAINT t_a_fk FOREIGN KEY (a) REFERENCES u (id) NOT VALID;\n", 3, set(), False),
    # dropping a foreign key (by name, with its column or with its table) takes ACCESS EXCLUSIVE on
    # the table it references too: a lock wait under another table's lock …
    ("drop-fk-locks-referenced", "ALTER TABLE ch ADD COLUMN c int;\nALTER TABLE ch DROP CONSTRAINT ch_pa_fk;\n", 2,
     {"EC213"}, True),
    ("drop-fk-column-locks-referenced", "ALTER TABLE ch ADD COLUMN c int;\nALTER TABLE ch DROP COLUMN pa_id;\n", 2,
     {"EC213"}, True),
    ("drop-fk-table-locks-referenced", "ALTER TABLE ch ADD COLUMN c int;\nDROP TABLE ch;\n", 2, {"EC213"}, True),
    ("drop-other-column", "ALTER TABLE ch ADD COLUMN c int;\nALTER TABLE ch DROP COLUMN x;\n", 2, set(), False),
    # … and CASCADE, dropping the foreign keys that reference a table (with it, or with its key),
    # takes ACCESS EXCLUSIVE on each table holding one
    ("drop-referenced-table-cascade", "ALTER TABLE pa ADD COLUMN c int;\nDROP TABLE pa CASCADE;\n", 2, {"EC213"},
     True),
    ("drop-referenced-key-cascade", "ALTER TABLE pa ADD COLUMN c int;\nALTER TABLE pa DROP CONSTRAINT pa_pkey CASCADE;\n",
     2, {"EC213"}, True),
    ("referencing-locked-by-cascade", "DROP TABLE pa CASCADE;\nALTER TABLE ch ADD COLUMN c int;\n", 2, set(), False),
    # … and a lock the transaction then holds: the referenced table's next statement waits for none
    ("referenced-locked-by-fk-drop", "ALTER TABLE ch DROP CONSTRAINT ch_pa_fk;\nALTER TABLE pa ADD COLUMN c int;\n", 2,
     set(), False),
    ("referenced-locked-by-fk-column-drop", "ALTER TABLE ch DROP COLUMN pa_id;\nALTER TABLE pa ADD COLUMN c int;\n",
     2, set(), False),
    # DROP INDEX: no new hazard under an ACCESS EXCLUSIVE already held with nothing slow after it
    ("drop-index-held", "ALTER TABLE t ADD COLUMN c int;\nDROP INDEX t_a_idx;\n", 2, set(), False),
    # … nor alone: a brief ACCESS EXCLUSIVE lock is no hazard (its wait in the queue is EC214's);
    # held across slow work it is, and across another table's lock wait, the wait is (EC202 names it)
    ("drop-index-alone", "DROP INDEX t_a_idx;\n", 1, set(), False),
    ("drop-index-then-slow", "DROP INDEX t_a_idx;\nUPDATE u SET b = b;\n", 1, {"EC202", "EC213"}, True),
    ("drop-index-then-lock-wait", "DROP INDEX t_a_idx;\nALTER TABLE u ADD COLUMN c int;\n", 1, {"EC202"}, False),
    ("lock-wait-after-drop-index", "DROP INDEX t_a_idx;\nALTER TABLE u ADD COLUMN c int;\n", 2, {"EC202", "EC213"},
     True),
    ("detach-alone", "ALTER TABLE p DETACH PARTITION p_1;\n", 1, set(), False),
    ("detach-then-slow", "ALTER TABLE p DETACH PARTITION p_1;\nUPDATE u SET b = b;\n", 1, {"EC212", "EC213"}, True),
    ("drop-index-new-table", "CREATE TABLE n (id int);\nCREATE INDEX n_idx ON n (id);\nDROP INDEX n_idx;\n", 3,
     set(), False),
    # a table created by this migration but filled from a live one: its foreign key probes the live one
    ("fk-from-populated", "CREATE TABLE n AS SELECT id FROM u;\n"
     "ALTER TABLE n ADD CONSTRAINT n_fk FOREIGN KEY (id) REFERENCES u (id);\n", 2, {"EC204"}, True),
    # IF NOT EXISTS of a relation an earlier migration made: nothing runs, nothing is locked
    ("create-if-not-exists", "ALTER TABLE t ADD COLUMN c int;\n"
     "CREATE TABLE IF NOT EXISTS u (id int PRIMARY KEY, t_id int REFERENCES t (id));\n", 2, set(), False),
    ("matview-if-not-exists", "ALTER TABLE t ADD COLUMN c int;\n"
     "CREATE MATERIALIZED VIEW IF NOT EXISTS mv AS SELECT id, b FROM u;\n"
     "CREATE UNIQUE INDEX IF NOT EXISTS mv_id_idx ON mv (id);\n", 3, {"EC201", "EC213"}, True),
    ("index-if-not-exists", "ALTER TABLE t ADD COLUMN c int;\nCREATE INDEX IF NOT EXISTS t_a_idx ON t (a);\n", 2, set(),
     False),
    ("fk-from-empty", "CREATE TABLE n (id int);\n"
     "ALTER TABLE n ADD CONSTRAINT n_fk FOREIGN KEY (id) REFERENCES u (id);\n", 2, set(), False),
    # … whose foreign key still locks the live table it references: under ACCESS EXCLUSIVE held on
    # another, that is a lock wait (Airflow 2.3 rebuilds xcom and adds its foreign key to task_instance)
    ("fk-from-new-table-under-ae", "CREATE TABLE n (id int);\nALTER TABLE t ADD COLUMN c int;\n"
     "ALTER TABLE n ADD CONSTRAINT n_fk FOREIGN KEY (id) REFERENCES u (id);\n", 3, {"EC213"}, True),
    ("create-table-fk-under-ae", "ALTER TABLE t ADD COLUMN c int;\n"
     "CREATE TABLE n (id int REFERENCES u (id));\n", 2, {"EC213"}, True),
    ("create-table-fk-lock-held", "ALTER TABLE t ADD COLUMN c int;\n"
     "CREATE TABLE n (id int REFERENCES u (id));\nCREATE TABLE n2 (id int REFERENCES u (id));\n", 3, set(), False),
    # a type renamed and recreated under the old name: the column follows the rename, so changing
    # it to the new type is a rewrite
    ("type-renamed-and-recreated", "ALTER TYPE state RENAME TO state__;\n"
     "CREATE TYPE state AS ENUM ('new', 'done', 'gone');\n"
     "ALTER TABLE t ALTER COLUMN st DROP DEFAULT;\n"
     "ALTER TABLE t ALTER COLUMN st TYPE state USING st::text::state;\n", 4, {"EC207", "EC213"}, True),
    # with a baseline (or starts_empty) the model knows every relation and index: DROP … IF EXISTS
    # of one it does not know drops nothing and locks nothing
    ("drop-absent-index", "ALTER TABLE t ADD COLUMN c int;\nDROP INDEX IF EXISTS nope_idx;\nUPDATE u SET b = b;\n", 2,
     set(), False),
    ("drop-existing-index-if-exists", "DROP INDEX IF EXISTS t_a_idx;\nUPDATE u SET b = b;\n", 1, {"EC202", "EC213"},
     True),
    ("drop-absent-table", "ALTER TABLE t ADD COLUMN c int;\nDROP TABLE IF EXISTS nope CASCADE;\n", 2, set(), False),
    ("drop-absent-view", "ALTER TABLE t ADD COLUMN c int;\nDROP VIEW IF EXISTS nope_v;\n", 2, set(), False),
    ("drop-existing-table-if-exists", "ALTER TABLE t ADD COLUMN c int;\nDROP TABLE IF EXISTS u CASCADE;\n", 2,
     {"EC213"}, True),
    # … but not one PostgreSQL named (an expression index: after the function it calls) …
    ("drop-unnamed-expression-index", "CREATE INDEX ON u (abs(b));\nALTER TABLE t ADD COLUMN c int;\n"
     "DROP INDEX IF EXISTS u_abs_idx;\n", 3, {"EC213"}, True),
    # … nor one a DO block made, which the model does not see
    ("drop-index-a-do-block-made", "DO $$ BEGIN EXECUTE 'CREATE INDEX made_idx ON u (b)'; END $$;\n"
     "ALTER TABLE t ADD COLUMN c int;\nDROP INDEX IF EXISTS made_idx;\n", 3, {"EC213"}, True),
    # a procedure that commits cannot run in a transaction block: its CALL runs on its own, so the
    # lock before it is committed first and nothing waits under it
    ("lock-before-committing-call", "CREATE PROCEDURE purge() LANGUAGE plpgsql AS $$ BEGIN "
     "DELETE FROM u WHERE id > 100; COMMIT; END $$;\nALTER TABLE t ADD COLUMN c int;\nCALL purge();\n", 2, set(),
     False),
    ("committing-call-runs-alone", "CREATE PROCEDURE purge() LANGUAGE plpgsql AS $$ BEGIN "
     "DELETE FROM u WHERE id > 100; COMMIT; END $$;\nALTER TABLE t ADD COLUMN c int;\nCALL purge();\n", 3, set(),
     False),
    ("call-in-transaction", "CREATE PROCEDURE touch_u() LANGUAGE plpgsql AS $$ BEGIN "
     "UPDATE u SET b = b; /* commit later */ END $$;\nALTER TABLE t ADD COLUMN c int;\nCALL touch_u();\n", 3,
     {"EC213"}, True),
    # timestamp -> timestamptz rewrites unless the session TimeZone is UTC (config: timezone)
    ("timestamptz-any-zone", "ALTER TABLE t ALTER COLUMN ts TYPE timestamptz;\n", 1, {"EC207"}, True),
    ("timestamptz-utc", "ALTER TABLE t ALTER COLUMN ts TYPE timestamptz;\n", 1, set(), False, {"timezone": "UTC"}),
    # … or the migration sets it (Airflow 1.10's time zone revision runs `SET timezone=UTC` first): until
    # it is set again, SET LOCAL until COMMIT; the column's indexes are still rebuilt (another operator class)
    ("timestamptz-set-utc", "SET timezone = UTC;\nALTER TABLE t ALTER COLUMN ts TYPE timestamptz;\n", 2, set(), False),
    # … both ways, unless the new type's precision is below 6: then the value is rounded again
    ("timestamptz-utc-precision", "SET timezone = UTC;\nALTER TABLE t ALTER COLUMN ts TYPE timestamptz(3);\n", 2,
     {"EC207"}, True),
    ("timestamptz-utc-back", "SET timezone = UTC;\nALTER TABLE t ALTER COLUMN ts TYPE timestamptz;\nCOMMIT;\n"
     "ALTER TABLE t ALTER COLUMN ts TYPE timestamp;\n", 4, set(), False),
    ("timestamptz-set-again", "SET timezone = UTC;\nSET timezone = 'Europe/Paris';\n"
     "ALTER TABLE t ALTER COLUMN ts TYPE timestamptz;\n", 3, {"EC207"}, True),
    ("timestamptz-set-local-ends", "BEGIN;\nSET LOCAL timezone = 'UTC';\nCOMMIT;\n"
     "ALTER TABLE t ALTER COLUMN ts TYPE timestamptz;\n", 4, {"EC207"}, True),
    # a change that rewrites no row (varchar(n) to a longer one) keeps a plain index, but builds
    # again an index whose expression or WHERE reads the column (Airflow's lower(username) index)
    # a renamed table keeps the foreign keys that reference it: dropping pet (its key to owner,
    # once owner_old) locks owner, so dropping owner after it waits for nothing new (Airflow 2.0's
    # DROP TABLE chart, then users, once "user")
    ("fk-follows-renamed-table", "DROP TABLE pet;\nDROP TABLE owner;\n", 2, set(), False),
    ("widen-expression-indexed", "ALTER TABLE w ALTER COLUMN name TYPE varchar(256);\n", 1, {"EC207"}, True),
    ("widen-plain-indexed", "ALTER TABLE w ALTER COLUMN note TYPE varchar(256);\n", 1, set(), False),
    ("widen-partial-where", "CREATE INDEX w_id_noted ON w (id) WHERE note IS NOT NULL;\nCOMMIT;\n"
     "ALTER TABLE w ALTER COLUMN note TYPE text;\n", 3, {"EC207"}, True),
    ("timestamptz-utc-indexed", "CREATE INDEX t_ts_idx ON t (ts);\nCOMMIT;\nSET TIME ZONE 'UTC';\n"
     "ALTER TABLE t ALTER COLUMN ts TYPE timestamptz;\n", 4, {"EC207"}, True),
]


@pytest.fixture(scope="module")
def scratch(pg_server: str):
    name = "scratch_trace_gaps"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
        conn.execute(f"COMMENT ON DATABASE \"{name}\" IS '{DISPOSABLE_COMMENT}'")
    from .pg import with_database

    yield with_database(pg_server, name)
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


@pytest.mark.postgres
@pytest.mark.parametrize(("case", "sql", "line", "codes", "hazard", "config"),
                         [(*c, {}) if len(c) == 5 else c for c in CASES], ids=[c[0] for c in CASES])
def test_lint_and_postgresql_agree(tmp_path: Path, scratch: str, case, sql, line, codes, hazard, config) -> None:
    (tmp_path / "schema.sql").write_text(SCHEMA, encoding="utf-8")
    (tmp_path / "m.sql").write_text(sql, encoding="utf-8")
    traced = trace_paths([str(tmp_path / "m.sql")], config=Config(**config), schema=str(tmp_path / "schema.sql"),
                         database_url=scratch)
    stmt = next(s for s in traced.trace.statements if s.line == line)
    assert stmt.error is None, stmt.error
    assert stmt.hazard is hazard, dict(stmt.reasons)
    found = {f.code for f in traced.lint.findings if f.line == line and f.code.startswith("EC2") and f.code != "EC214"}
    claimed = set().union(*claims_of(traced.lint.findings).get((stmt.file, line), {}).values())
    assert (found | claimed) == codes, [(f.code, f.message) for f in traced.lint.findings if f.line == line]
    assert not [d for d in traced.disagreements if d.line == line]


def test_ec207_says_when_timestamptz_needs_no_rewrite() -> None:
    from expandcontract.core.migration import text_migration
    from expandcontract.core.schema import Schema
    from expandcontract.lint import lint_migrations

    baseline = Schema.from_sql("CREATE TABLE t (id int, ts timestamp)")
    migration = [text_migration("m.sql", "ALTER TABLE t ALTER COLUMN ts TYPE timestamptz")]
    found = [f for f in lint_migrations(migration, baseline=baseline).findings if f.code == "EC207"]
    assert found and "only when the session TimeZone is UTC" in found[0].message
    assert 'timezone = "UTC"' in found[0].message
    quiet = lint_migrations(migration, baseline=baseline, config=Config(timezone="Etc/UTC")).findings
    assert not [f for f in quiet if f.code == "EC207"]
    old = lint_migrations(migration, baseline=baseline, config=Config(timezone="UTC", pg_version=11)).findings
    assert [f for f in old if f.code == "EC207"]  # before 12 it always rewrites


def test_drop_if_exists_of_an_unknown_index_needs_a_complete_history() -> None:
    """Without a baseline lint cannot know the index is absent: only ``starts_empty`` (the history
    builds the database from an empty one) lets it say the DROP locks nothing."""
    from expandcontract.core.migration import text_migration
    from expandcontract.lint import lint_migrations

    history = [text_migration("0001.sql", "CREATE TABLE t (id int);\nCREATE INDEX t_id_idx ON t (id);\n"),
               text_migration("0002.sql", "DROP INDEX IF EXISTS t_old_idx;\nDROP INDEX IF EXISTS t_id_idx;\n"
                                           "UPDATE t SET id = id;\n")]

    def ec202(config: Config) -> list[int]:
        return [f.line for f in lint_migrations(history, config=config).findings
                if f.code == "EC202" and f.file == "0002.sql"]

    assert ec202(Config()) == [1, 2]
    assert ec202(Config(starts_empty=True)) == [2]


def test_a_select_of_the_migration_tools_own_table_is_no_slow_work() -> None:
    """alembic_version holds one row that Alembic reads by itself: no data migration's read."""
    from expandcontract.core.migration import text_migration
    from expandcontract.core.schema import Schema
    from expandcontract.lint import lint_migrations

    baseline = Schema.from_sql("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);\n"
                               "CREATE TABLE t (id int, a int);\nCREATE TABLE u (id int);")

    def ec213(sql: str) -> list[int]:
        found = lint_migrations([text_migration("m.sql", sql)], baseline=baseline).findings
        return [f.line for f in found if f.code == "EC213"]

    assert ec213("ALTER TABLE t ADD COLUMN c int;\nSELECT version_num FROM alembic_version;\n") == []
    assert ec213("ALTER TABLE t ADD COLUMN c int;\nSELECT id FROM u;\n") == [2]


def test_starts_empty_is_a_boolean() -> None:
    from expandcontract.core.errors import ConfigError

    assert Config.from_mapping({"starts_empty": True}).starts_empty
    with pytest.raises(ConfigError, match="starts_empty must be true or false"):
        Config.from_mapping({"starts_empty": "yes"})
