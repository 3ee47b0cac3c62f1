"""``split`` planning: refusals with reasons, statements kept as written in the right phase,
generated names quoted and within 63 bytes, transactions as written."""

from __future__ import annotations

import pytest

from expandcontract.core.identifiers import MAX_IDENTIFIER_BYTES
from expandcontract.core.migration import Script, ScriptKind, analyse_script
from expandcontract.core.parse import parse_sql
from expandcontract.core.schema import Schema
from expandcontract.split import SplitInputError, render_files, render_script, split_migration
from expandcontract.split.triggers import sync_trigger

from .test_split_recipes import BASE


def refusal(migration: str, baseline: str = BASE, **kw) -> str:
    plan = split_migration(migration, baseline, **kw)
    assert not plan.ok, "expected a refusal"
    return " | ".join(r.reason for r in plan.refusals)


@pytest.mark.parametrize(
    ("migration", "baseline", "reason"),
    [
        ("ALTER TABLE orders ADD COLUMN currency text NOT NULL", BASE, "NOT NULL without a default"),
        ("ALTER TABLE orders RENAME COLUMN note TO remark", BASE, "used by index orders_note_idx"),
        ("ALTER TABLE t RENAME COLUMN a TO b",
         "CREATE TABLE t (id int PRIMARY KEY, a int CHECK (a > 0))", "used by CHECK constraint"),
        ("ALTER TABLE t RENAME COLUMN a TO b",
         "CREATE TABLE t (id int PRIMARY KEY, a int); CREATE VIEW v AS SELECT a FROM t", "used by view v"),
        ("ALTER TABLE t RENAME COLUMN a TO b",
         "CREATE TABLE t (id int PRIMARY KEY, a int); CREATE TABLE u (x int REFERENCES t (a))", "foreign key"),
        ("ALTER TABLE orders ALTER COLUMN note TYPE varchar(10)", BASE, "narrows"),
        ("ALTER TABLE tags RENAME COLUMN color TO colour", BASE, "no primary key"),
        ("ALTER TABLE t RENAME COLUMN a TO b",
         "CREATE TABLE t (x int, y int, a text, PRIMARY KEY (x, y))", "composite primary key"),
        ("ALTER TABLE users RENAME COLUMN id TO user_id", BASE, "identity column"),
        ("ALTER TABLE nowhere RENAME COLUMN a TO b", BASE, "not in the baseline schema"),
        ("DO $$ BEGIN UPDATE users SET name = 'x'; END $$", BASE, "DO block"),
        ("VACUUM FULL users", BASE, "rewrites users"),
        ("REINDEX TABLE users", BASE, "scans users"),
        ("CLUSTER users USING users_pkey", BASE, "rewrites users"),
        ("SET LOCAL lock_timeout = '1s'", BASE, "SET LOCAL"),
        ("ALTER TABLE users ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY", BASE, "identity column"),
        ("ALTER TABLE users ADD COLUMN n int GENERATED ALWAYS AS (id * 2) STORED", BASE, "generated column"),
        ("ALTER TABLE users ADD COLUMN n int PRIMARY KEY", BASE, "primary key"),
        ("CREATE TYPE mood AS ENUM ('a'); ALTER TYPE mood RENAME TO feeling", BASE, "a rename breaks"),
        ("ALTER TABLE orders ADD CONSTRAINT no_overlap EXCLUDE USING gist (customer_id WITH =)", BASE, "exclusion"),
        ("CREATE INDEX p_idx ON p (a)", "CREATE TABLE p (a int) PARTITION BY RANGE (a)", "partitioned"),
        ("ALTER TABLE users ADD CONSTRAINT u UNIQUE (email) WITH (fillfactor = 70)", BASE, "options"),
        ("LOCK TABLE users", BASE, "LOCK TABLE"),
        ("ALTER TABLE users ALTER COLUMN email TYPE varchar(20)", BASE, "narrows from text to varchar(20)"),
        ("ALTER TABLE orders ADD COLUMN c text NOT NULL DEFAULT NULL", BASE, "NOT NULL without a default"),
        ("ALTER TABLE orders SET SCHEMA archive", BASE, "a rename breaks"),
        ("ALTER TABLE t DROP COLUMN a",
         "CREATE TABLE t (id int PRIMARY KEY, a int); CREATE VIEW v AS SELECT id, a FROM t", "used by view v"),
    ],
)
def test_refuses_with_a_reason(migration, baseline, reason):
    assert reason in refusal(migration, baseline)


@pytest.mark.parametrize(
    ("migration", "holder"),
    [
        ("CREATE INDEX orders_note_idx ON orders (note, id)", "existing index orders_note_idx"),
        ("DROP INDEX orders_note_idx;\nCREATE INDEX orders_note_idx ON orders (note, id)",
         "existing index orders_note_idx"),
        ("CREATE UNIQUE INDEX users_pkey ON users (email)", "existing constraint users_pkey of users"),
        ("ALTER TABLE users ADD CONSTRAINT orders_pkey UNIQUE (email)", "existing constraint orders_pkey of orders"),
        ("ALTER TABLE orders ADD CONSTRAINT orders_pkey CHECK (total >= 0)",
         "existing constraint orders_pkey of orders"),
        ("ALTER TABLE t ADD CONSTRAINT t_a_fkey FOREIGN KEY (a) REFERENCES t (id)",
         "existing constraint t_a_fkey of t"),
        ("ALTER TABLE orders ADD COLUMN r bigint CONSTRAINT orders_note_idx UNIQUE",
         "existing index orders_note_idx"),
    ],
)
def test_a_new_name_that_an_existing_object_has_is_refused(migration, holder):
    """The split drops a leftover by the new name first (for a re-run): never a baseline object."""
    baseline = BASE + "CREATE TABLE t (id int PRIMARY KEY, a int, CONSTRAINT t_a_fkey CHECK (a > 0));"
    reason = refusal(migration, baseline)
    assert holder in reason and "another name" in reason


def test_a_name_used_on_another_table_by_a_plain_constraint_is_free():
    # CHECK and foreign key names are per table; IF NOT EXISTS keeps an index as written, no drop
    for migration in ("ALTER TABLE users ADD CONSTRAINT orders_pkey CHECK (id > 0)",
                      "CREATE INDEX IF NOT EXISTS orders_note_idx ON orders (note)"):
        assert split_migration(migration, BASE).ok, migration


def test_rename_keeps_the_collation():
    plan = split_migration("ALTER TABLE t RENAME COLUMN a TO b",
                           'CREATE TABLE t (id int PRIMARY KEY, a text COLLATE "C" NOT NULL)')
    assert 'ALTER TABLE t ADD COLUMN IF NOT EXISTS b text COLLATE "C";' in render_files(plan)["expand.sql"]


def test_a_view_dropped_first_no_longer_blocks_drop_column():
    baseline = "CREATE TABLE t (id int PRIMARY KEY, a int); CREATE VIEW v AS SELECT id, a FROM t"
    plan = split_migration("DROP VIEW v; ALTER TABLE t DROP COLUMN a", baseline)
    assert plan.ok, plan.refusals


def test_refusals_name_their_line_and_nothing_is_planned_as_safe():
    plan = split_migration("ALTER TABLE users ADD COLUMN a int;\n\nVACUUM FULL users;", BASE)
    assert [(r.line, r.statement) for r in plan.refusals] == [(3, "VACUUM FULL users")]
    assert not plan.ok


@pytest.mark.parametrize(
    ("migration", "reason"),
    [
        ("ALTER TABLE users RENAME COLUMN name TO full_name;\nALTER TABLE users ALTER COLUMN full_name SET NOT NULL",
         "already being copied by the change at line 1"),
        ("ALTER TABLE users ALTER COLUMN email SET NOT NULL;\nALTER TABLE users RENAME COLUMN email TO mail",
         "also changed at line 1"),
        ("ALTER TABLE orders RENAME TO purchases;\nALTER TABLE orders ADD COLUMN x int",
         "becomes a compatibility view"),
    ],
)
def test_one_copying_change_per_column(migration, reason):
    assert reason in refusal(migration)


@pytest.mark.parametrize(
    ("migration", "line", "message"),
    [
        ("ALTER TABLE users ADD COLUMN a int;\nALTER TABLEX users;", 2, "cannot parse"),
        ("-- expandcontract: phase expand\nALTER TABLE users ADD COLUMN a int;", 1, "already split into phases"),
    ],
)
def test_unreadable_input_is_an_input_error(migration, line, message):
    with pytest.raises(SplitInputError) as info:
        split_migration(migration, BASE)
    assert info.value.line == line
    assert message in str(info.value)


def test_safe_statements_are_kept_as_written_in_their_phase():
    migration = """SET statement_timeout = '5min';
BEGIN;
CREATE TABLE audit (id bigint PRIMARY KEY, user_id bigint NOT NULL, at timestamptz NOT NULL DEFAULT now());
CREATE INDEX audit_user_idx ON audit (user_id);
ALTER TABLE audit ADD CONSTRAINT audit_user_fkey FOREIGN KEY (user_id) REFERENCES users (id);
ALTER TABLE orders ADD COLUMN currency text NOT NULL DEFAULT 'EUR';
UPDATE users SET status = 'active' WHERE status IS NULL;
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_old_check;
COMMIT;
"""
    plan = split_migration(migration, BASE)
    assert plan.ok
    assert all(c.passthrough for c in plan.changes)
    files = render_files(plan)
    expand, migrate, contract = files["expand.sql"], files["migrate.sql"], files["contract.sql"]
    for text in ("CREATE INDEX audit_user_idx ON audit (user_id);",
                 "ALTER TABLE audit ADD CONSTRAINT audit_user_fkey FOREIGN KEY (user_id) REFERENCES users (id);",
                 "ALTER TABLE orders ADD COLUMN currency text NOT NULL DEFAULT 'EUR';"):
        assert text in expand
    # a kept UPDATE stays outside BEGIN … COMMIT, so the runner batches it
    assert "\nUPDATE users SET status = 'active' WHERE status IS NULL;\n" in migrate
    assert "BEGIN" not in migrate
    assert "ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_old_check;" in contract
    assert all("SET statement_timeout = '5min';" in files[f"{k}.sql"] for k in ("expand", "migrate", "contract"))
    assert any("BEGIN" in d and "the split chooses the transactions itself" in d for d in plan.dropped)


INDEXED_USERS = """CREATE TABLE users (id bigint PRIMARY KEY, name varchar(100) NOT NULL);
CREATE INDEX users_lower_name ON users (lower(name));
CREATE INDEX users_name ON users (name);
CREATE INDEX users_named ON users USING btree (id) INCLUDE (name) WHERE name <> '';
"""


def test_a_type_change_that_rebuilds_indexes_drops_and_builds_them_concurrently():
    """No row is rewritten, but an index reading the column in an expression or WHERE would be built
    again under ACCESS EXCLUSIVE: drop it concurrently, change the type, build it concurrently."""
    migration = "SET lock_timeout = '2s';\nALTER TABLE users ALTER COLUMN name TYPE varchar(250);\n"
    plan = split_migration(migration, INDEXED_USERS)
    assert plan.ok, [r.reason for r in plan.refusals]
    [change] = plan.changes
    assert not change.passthrough and not change.migrate and not change.contract and not change.backfills
    steps = [([s.text for s in b.statements], b.transactional) for b in change.expand]
    assert steps == [
        (["DROP INDEX CONCURRENTLY IF EXISTS users_lower_name"], False),
        (["DROP INDEX CONCURRENTLY IF EXISTS users_named"], False),
        (["ALTER TABLE users ALTER COLUMN name TYPE varchar(250)"], True),
        (["CREATE INDEX CONCURRENTLY users_lower_name ON users (lower(name))"], False),
        (["CREATE INDEX CONCURRENTLY users_named ON users USING btree (id) INCLUDE (name) WHERE name <> ''"], False),
    ]
    files = render_files(plan)
    assert "users_name " not in files["expand.sql"] and "users_name;" not in files["expand.sql"]  # kept as it is
    assert files["expand.sql"].index("SET lock_timeout = '2s';") < files["expand.sql"].index("DROP INDEX")
    assert "-- nothing to run in this phase" in files["migrate.sql"] + files["contract.sql"]
    plan_md = " ".join(files["PLAN.md"].split())
    assert ("between the drop of users_lower_name, users_named and the end of their rebuild (both in expand.sql), "
            "queries that rely on those indexes run without them") in plan_md
    assert "If that window is unacceptable, move to a new column instead" in plan_md
    # the phases lint without errors: with the indexes gone, the type change builds nothing
    from expandcontract.config import Config
    from expandcontract.lint import lint_migrations
    from expandcontract.split import plan_migration

    result = lint_migrations([plan_migration(files)], config=Config(runner="expandcontract"),
                             baseline=Schema.from_sql(INDEXED_USERS))
    assert not result.errors, [(f.code, f.message) for f in result.findings]


@pytest.mark.parametrize(("baseline", "reason"), [
    ("CREATE TABLE users (id bigint PRIMARY KEY, name varchar(100));\nCREATE INDEX ON users (lower(name));",
     "made without a name, or renamed since"),
    ("CREATE TABLE users (id bigint PRIMARY KEY, name varchar(100));\nCREATE INDEX i ON users (lower(name));\n"
     "ALTER INDEX i RENAME TO users_lower;", "made without a name, or renamed since"),
    ("CREATE TABLE users (id bigint, name varchar(100)) PARTITION BY RANGE (id);\n"
     "CREATE INDEX users_lower ON users (lower(name));", "is partitioned"),
])
def test_an_index_split_cannot_build_again_exactly_is_refused(baseline, reason):
    assert reason in refusal("ALTER TABLE users ALTER COLUMN name TYPE varchar(250);", baseline)


def test_a_type_change_without_rebuilt_indexes_is_kept_as_written():
    plan = split_migration("ALTER TABLE users ALTER COLUMN name TYPE varchar(250);",
                           "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(100));\n"
                           "CREATE INDEX users_name ON users (name);")
    assert plan.ok and [c.passthrough for c in plan.changes] == [True]


def test_checks_of_existing_rows_wait_for_an_earlier_data_fix():
    plan = split_migration("UPDATE users SET email = lower(email);\n"
                           "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);\n"
                           "ALTER TABLE users ADD CONSTRAINT users_email_lower CHECK (email = lower(email));\n"
                           "CREATE UNIQUE INDEX users_name_key ON users (name);\n"
                           "CREATE INDEX users_status_idx ON users (status);", BASE)
    files = render_files(plan)
    expand, contract = files["expand.sql"], files["contract.sql"]
    assert "ADD CONSTRAINT users_email_lower CHECK (email = lower(email)) NOT VALID;" in expand
    assert "VALIDATE CONSTRAINT users_email_lower;" in contract
    assert "CREATE UNIQUE INDEX CONCURRENTLY users_email_key" in contract
    assert "CREATE UNIQUE INDEX CONCURRENTLY users_name_key ON users (name);" in contract
    assert "CREATE INDEX CONCURRENTLY users_status_idx ON users (status);" in expand  # needs no clean data
    assert "after the data change of line 1 has run in migrate.sql" in files["PLAN.md"]


def test_maintenance_lands_where_it_is_harmless():
    baseline = BASE + "; CREATE MATERIALIZED VIEW totals AS SELECT customer_id, sum(total) FROM orders GROUP BY 1"
    plan = split_migration("REFRESH MATERIALIZED VIEW CONCURRENTLY totals; ANALYZE orders;"
                           "REINDEX INDEX CONCURRENTLY orders_note_idx", baseline)
    files = render_files(plan)
    assert "REFRESH MATERIALIZED VIEW CONCURRENTLY totals;" in files["migrate.sql"]
    assert "ANALYZE orders;" in files["migrate.sql"]
    assert "REINDEX INDEX CONCURRENTLY orders_note_idx;" in files["expand.sql"]
    assert "blocking all reads and writes" in refusal("REFRESH MATERIALIZED VIEW totals", baseline)


def test_generated_names_are_quoted():
    plan = split_migration('ALTER TABLE "Line Items" RENAME COLUMN "Select" TO "order";', BASE)
    expand = render_files(plan)["expand.sql"]
    assert 'ALTER TABLE "Line Items" ADD COLUMN IF NOT EXISTS "order" text;' in expand
    assert 'NEW."order" := COALESCE(NEW."order", NEW."Select");' in expand
    assert 'CREATE OR REPLACE TRIGGER "Line Items_sync_order"' in expand
    assert 'FOR EACH ROW EXECUTE FUNCTION "Line Items_sync_order"();' in expand


def test_long_generated_names_stay_within_63_bytes_and_distinct():
    table = "t" * 40
    baseline = f"CREATE TABLE {table} (id bigint PRIMARY KEY, {'a' * 30} text NOT NULL, {'b' * 30} text NOT NULL)"
    migration = (f"ALTER TABLE {table} RENAME COLUMN {'a' * 30} TO {'c' * 30}_one;\n"
                 f"ALTER TABLE {table} RENAME COLUMN {'b' * 30} TO {'c' * 30}_two;")
    plan = split_migration(migration, baseline)
    assert plan.ok
    script = render_files(plan)["expand.sql"]
    triggers = [line.split()[-1] for line in script.splitlines() if line.startswith("CREATE OR REPLACE TRIGGER")]
    assert len(triggers) == 2 and len(set(triggers)) == 2
    assert all(len(name.encode()) <= MAX_IDENTIFIER_BYTES for name in triggers)
    contract = render_files(plan)["contract.sql"]
    checks = {line.split("ADD CONSTRAINT ")[1].split()[0] for line in contract.splitlines() if "ADD CONSTRAINT" in line}
    assert len(checks) == 2 and all(len(c.encode()) <= MAX_IDENTIFIER_BYTES for c in checks)


def test_generated_names_avoid_existing_ones():
    baseline = BASE + "; ALTER TABLE users ADD CONSTRAINT users_email_not_null_check CHECK (true)"
    plan = split_migration("ALTER TABLE users ALTER COLUMN email SET NOT NULL", baseline)
    assert "users_email_not_null_check2" in render_files(plan)["contract.sql"]


def test_schema_qualified_tables_keep_their_schema():
    baseline = "CREATE SCHEMA app; CREATE TABLE app.users (id bigint PRIMARY KEY, name text NOT NULL)"
    plan = split_migration("ALTER TABLE app.users RENAME COLUMN name TO full_name;\n"
                           "ALTER TABLE app.users RENAME TO people;", baseline)
    assert "is also changed at line 1" in plan.refusals[0].reason  # its view would miss a column
    plan = split_migration("ALTER TABLE app.users RENAME COLUMN name TO full_name", baseline)
    expand = render_files(plan)["expand.sql"]
    assert "CREATE OR REPLACE FUNCTION app.users_sync_full_name() RETURNS trigger" in expand
    assert "EXECUTE FUNCTION app.users_sync_full_name();" in expand
    plan = split_migration("ALTER TABLE app.users RENAME TO people", baseline)
    files = render_files(plan)
    assert "CREATE VIEW app.users AS\nSELECT id,\n       name\nFROM app.people;" in files["expand.sql"]
    assert "DROP VIEW IF EXISTS app.users;" in files["contract.sql"]


def test_old_postgres_gets_execute_procedure_and_plain_create_trigger():
    plan = split_migration("ALTER TABLE users RENAME COLUMN name TO full_name", BASE, pg_version=10)
    expand = render_files(plan)["expand.sql"]
    assert "CREATE TRIGGER users_sync_full_name" in expand
    assert "EXECUTE PROCEDURE users_sync_full_name()" in expand
    # before 12, the validated CHECK stays instead of SET NOT NULL
    assert "SET NOT NULL" not in render_files(plan)["contract.sql"]


def test_dollar_quote_tag_never_occurs_in_the_body():
    function, _ = sync_trigger("t", "a$fn$b", "c", "t_sync_c", 16)
    assert "AS $fn2$" in function.text and function.text.endswith("$fn2$")


def test_mixed_alter_table_is_cut_into_its_subcommands():
    plan = split_migration("ALTER TABLE users ADD COLUMN nickname text, ALTER COLUMN email SET NOT NULL,"
                           " ALTER COLUMN status SET DEFAULT 'new'", BASE)
    files = render_files(plan)
    assert "ALTER TABLE users ADD COLUMN nickname text;" in files["expand.sql"]
    assert "ALTER TABLE users ALTER COLUMN status SET DEFAULT 'new';" in files["expand.sql"]
    assert "ALTER TABLE users ALTER COLUMN email SET NOT NULL;" in files["contract.sql"]


def test_a_safe_multi_action_statement_stays_whole():
    migration = "ALTER TABLE users ADD COLUMN a text, ADD COLUMN b int DEFAULT 0"
    files = render_files(split_migration(migration, BASE))
    assert migration + ";" in files["expand.sql"]


def test_long_statements_put_their_clause_on_its_own_line():
    plan = split_migration("ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) "
                           "REFERENCES customers (id) ON DELETE CASCADE", BASE)
    expand = render_files(plan)["expand.sql"]
    assert ("ALTER TABLE orders\n    ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) "
            "REFERENCES customers (id) ON DELETE CASCADE NOT VALID;") in expand


def test_single_transaction_scripts_need_no_begin():
    plan = split_migration("ALTER TABLE users DROP COLUMN status", BASE)
    contract = render_script(plan, ScriptKind.CONTRACT)
    assert "BEGIN" not in contract
    assert "ALTER TABLE users DROP COLUMN status;" in contract


def test_every_phase_is_one_transaction_per_block():
    plan = split_migration("ALTER TABLE users RENAME COLUMN name TO full_name", BASE)
    contract = render_script(plan, ScriptKind.CONTRACT)
    analysed = analyse_script(Script("contract.sql", ScriptKind.CONTRACT, contract), Schema.from_sql(BASE), origin="x")
    assert [g.explicit for g in analysed.groups] == [True, True, True, True]
    ops = [[a.op for s in g.steps for a in s.actions if a.op not in ("begin", "commit")] for g in analysed.groups]
    assert ops == [
        ["drop_trigger", "drop_function", "drop_column"],
        ["drop_constraint", "add_constraint"],
        ["validate_constraint"],
        ["set_not_null", "drop_constraint"],
    ]


def test_every_rendered_script_parses():
    migration = ("ALTER TABLE users RENAME COLUMN name TO full_name; ALTER TABLE orders RENAME TO purchases;"
                 "CREATE INDEX ON tags (color); ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)")
    for name, text in render_files(split_migration(migration, BASE)).items():
        if name.endswith(".sql"):
            assert all(s.node is not None for s in parse_sql(text)), name


def _contract_groups(files: dict[str, str]) -> list[list[str]]:
    analysed = analyse_script(Script("contract.sql", ScriptKind.CONTRACT, files["contract.sql"]),
                              Schema.from_sql(BASE), origin="x")
    return [[a.op for s in g.steps for a in s.actions if a.op not in ("begin", "commit")] for g in analysed.groups]


@pytest.mark.parametrize("migration", [
    "ALTER TABLE orders DROP CONSTRAINT orders_pkey;\nALTER TABLE orders ADD PRIMARY KEY (id, customer_id);",
    "ALTER TABLE orders DROP CONSTRAINT orders_pkey, ADD PRIMARY KEY (id, customer_id);",
    "ALTER TABLE orders DROP CONSTRAINT orders_pkey;\n"
    "ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY (id, customer_id);",
])
def test_a_replaced_primary_key_is_swapped_in_one_transaction_under_its_name(migration):
    plan = split_migration(migration, BASE)
    assert plan.ok, plan.refusals
    files = render_files(plan)
    assert "CREATE UNIQUE INDEX CONCURRENTLY orders_pkey_new\n    ON orders (id, customer_id);" in files["expand.sql"]
    assert "DROP CONSTRAINT" not in files["expand.sql"]
    assert _contract_groups(files) == [["drop_constraint", "add_constraint"]]
    assert ("ALTER TABLE orders DROP CONSTRAINT orders_pkey;\n" in files["contract.sql"]
            and "ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_pkey_new;"
            in files["contract.sql"])
    assert "orders_pkey2" not in "".join(files.values())


def test_a_replaced_primary_key_on_nullable_columns_sets_not_null_in_the_swap():
    plan = split_migration("ALTER TABLE orders DROP CONSTRAINT orders_pkey;\n"
                           "ALTER TABLE orders ADD PRIMARY KEY (id, note);", BASE)
    assert plan.ok, plan.refusals
    assert _contract_groups(render_files(plan)) == [
        ["drop_constraint", "add_constraint"], ["validate_constraint"],
        ["set_not_null", "drop_constraint", "add_constraint", "drop_constraint"]]


def test_a_replaced_primary_key_keeps_a_given_name_or_takes_the_conventional_one():
    files = render_files(split_migration("ALTER TABLE orders DROP CONSTRAINT orders_pkey;\n"
                                         "ALTER TABLE orders ADD CONSTRAINT orders_id_pk PRIMARY KEY (id, customer_id);",
                                         BASE))
    assert "ADD CONSTRAINT orders_id_pk PRIMARY KEY USING INDEX orders_id_pk;" in files["contract.sql"]
    baseline = "CREATE TABLE t (id int, a int NOT NULL, CONSTRAINT t_old_pk PRIMARY KEY (id))"
    files = render_files(split_migration("ALTER TABLE t DROP CONSTRAINT t_old_pk;\nALTER TABLE t ADD PRIMARY KEY (a);",
                                         baseline))
    assert "ALTER TABLE t DROP CONSTRAINT t_old_pk;\nALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_pkey;" \
        in files["contract.sql"].replace("-- the index is already built: only a catalog update under a brief lock\n", "")


def test_a_primary_key_dropped_alongside_other_changes_is_not_replaced():
    reason = refusal("ALTER TABLE orders DROP CONSTRAINT orders_pkey, ALTER COLUMN note SET DEFAULT 'x';\n"
                     "ALTER TABLE orders ADD PRIMARY KEY (id, customer_id);")
    assert "dropped at line 1 in a statement that makes other changes too" in reason


def test_a_second_primary_key_or_one_that_foreign_keys_hang_on_is_refused():
    assert "already has the primary key orders_pkey" in refusal("ALTER TABLE orders ADD PRIMARY KEY (id, customer_id)")
    baseline = BASE + "CREATE TABLE refunds (id int PRIMARY KEY, order_id bigint, " \
                      "CONSTRAINT refunds_order_fkey FOREIGN KEY (order_id) REFERENCES orders (id));"
    reason = refusal("ALTER TABLE orders DROP CONSTRAINT orders_pkey;\n"
                     "ALTER TABLE orders ADD PRIMARY KEY (id, customer_id);", baseline)
    assert "foreign key refunds_order_fkey of refunds references orders" in reason
