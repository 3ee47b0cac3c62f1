"""check: the states a deploy passes through, which app runs on which, and the advice."""

from __future__ import annotations

import pytest

from expandcontract.check import check_migrations
from expandcontract.check.queries import queries_from_sql
from expandcontract.check.timeline import build_timeline
from expandcontract.core.migration import Migration, Script, ScriptKind, split_phase_markers
from expandcontract.core.schema import Schema

SCHEMA = """
CREATE TABLE users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    email text NOT NULL
);
CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id bigint NOT NULL, total numeric);
"""
OLD_USERS = "SELECT id, name FROM users WHERE id = $1;\nINSERT INTO users (name, email) VALUES ($1, $2);"


def migration(text: str, name: str = "m") -> Migration:
    """A migration from one file's text: phase markers make it phased, none unphased."""
    return Migration(name, f"{name}.sql", split_phase_markers(f"{name}.sql", text))


def run(text: str | list[Migration], *, old: str | None = None, new: str | None = None, schema: str = SCHEMA):
    migrations = [migration(text)] if isinstance(text, str) else text
    return check_migrations(
        migrations,
        baseline=Schema.from_sql(schema),
        old_app=queries_from_sql(old, "old.sql") if old is not None else None,
        new_app=queries_from_sql(new, "new.sql") if new is not None else None,
    )


def failing(result, app: str) -> list[tuple[int, str, tuple[int, ...]]]:
    return [(f.query.line, f.problem.kind, f.states) for f in result.failures if f.app == app]


# -- transaction groups are the visible states -------------------------------------------------

RENAME_WITH_VIEW = """-- expandcontract: phase expand
ALTER TABLE users RENAME TO accounts;
CREATE VIEW users AS SELECT * FROM accounts;
"""
RENAME_SPLIT_BY_CONCURRENTLY = """-- expandcontract: phase expand
ALTER TABLE users RENAME TO accounts;
CREATE INDEX CONCURRENTLY accounts_email_idx ON accounts (email);
CREATE VIEW users AS SELECT * FROM accounts;
"""


def test_rename_and_view_in_one_transaction_is_safe_for_the_old_app() -> None:
    result = run(RENAME_WITH_VIEW, old=OLD_USERS)
    assert [s.phase for s in result.timeline.states] == ["baseline", "expand"]
    assert result.ok, [f.message for f in result.failures]


def test_the_same_split_by_concurrently_breaks_the_old_app_in_between() -> None:
    result = run(RENAME_SPLIT_BY_CONCURRENTLY, old=OLD_USERS)
    states = result.timeline.states
    assert [s.after.split(" ")[0:2] for s in states[1:]] == [["ALTER", "TABLE"], ["CREATE", "INDEX"],
                                                             ["CREATE", "VIEW"]]
    # the rename commits on its own; the view only arrives two transactions later
    assert failing(result, "old") == [(1, "missing-relation", (1, 2)), (2, "missing-relation", (1, 2))]
    failure = result.failures[0]
    assert failure.detail == ('relation "users" does not exist, since m.sql:2 (expand) renames users to accounts '
                              "while the old app still runs")
    assert failure.help.startswith("users only comes back at m.sql:4 (CREATE VIEW users AS SELECT * FROM accounts), "
                                   "a later transaction: move that into the rename's transaction")
    assert "CREATE INDEX CONCURRENTLY" in failure.help
    assert failure.cause == ("m.sql", 2)
    assert result.matrix["old"] == {0: 0, 1: 2, 2: 2, 3: 0}


def test_explicit_transactions_are_states_of_their_own() -> None:
    text = """BEGIN;
ALTER TABLE users ADD COLUMN full_name text;
COMMIT;
BEGIN;
ALTER TABLE users DROP COLUMN name;
COMMIT;
"""
    result = run(text, old=OLD_USERS)
    assert [s.line for s in result.timeline.states[1:]] == [2, 5]
    assert failing(result, "old") == [(1, "missing-column", (2,)), (2, "missing-column", (2,))]
    assert result.failures[0].cause == ("m.sql", 5)
    assert "drop users.name in contract" in result.failures[0].help


# -- windows: which app must run where -----------------------------------------------------------

PHASED = """-- expandcontract: phase expand
ALTER TABLE users ADD COLUMN full_name text;
-- expandcontract: phase migrate
UPDATE users SET full_name = name;
-- expandcontract: phase contract
ALTER TABLE users DROP COLUMN name;
"""


def test_windows_of_a_phased_migration() -> None:
    timeline = build_timeline([migration(PHASED)], Schema.from_sql(SCHEMA))
    assert [s.phase for s in timeline.states] == ["baseline", "expand", "migrate", "contract"]
    assert list(timeline.old_window) == [0, 1, 2]  # until the end of migrate
    assert list(timeline.new_window) == [1, 2, 3]  # from the end of expand


def test_windows_of_an_unphased_migration() -> None:
    timeline = build_timeline([migration("ALTER TABLE users ADD COLUMN x int;\nCREATE INDEX CONCURRENTLY i ON "
                                         "users (x);")], Schema.from_sql(SCHEMA))
    assert list(timeline.old_window) == [0, 1, 2]
    assert list(timeline.new_window) == [2]


def test_old_app_survives_contract_it_never_sees() -> None:
    result = run(PHASED, old="SELECT id, name FROM users", new="SELECT id, full_name FROM users")
    assert result.ok
    assert result.matrix == {"old": {0: 0, 1: 0, 2: 0}, "new": {1: 0, 2: 0, 3: 0}}


def test_new_app_using_a_column_created_only_in_contract() -> None:
    text = """-- expandcontract: phase expand
SELECT 1;
-- expandcontract: phase contract
ALTER TABLE users RENAME COLUMN name TO full_name;
"""
    result = run(text, new="SELECT id, full_name FROM users")
    [failure] = result.failures
    assert (failure.app, failure.problem.kind, failure.states) == ("new", "missing-column", (1,))
    assert "until m.sql:4 (contract) renames users.name to full_name, but the new app starts after expand" \
        in failure.detail
    assert failure.help.startswith("the new app starts before m.sql:4 (contract): rename in two steps")


def test_new_app_still_using_what_contract_drops() -> None:
    result = run(PHASED, new="SELECT id, name FROM users")
    [failure] = result.failures
    assert (failure.app, failure.states, failure.phase) == ("new", (3,), "contract")
    assert "since m.sql:6 (contract) drops users.name while the new app runs" in failure.detail
    assert "stop using it in the new app" in failure.help


def test_new_app_using_what_no_state_has() -> None:
    result = run(PHASED, new="SELECT id, nickname FROM users")
    [failure] = result.failures
    assert failure.detail.endswith("on every state of this deploy")
    assert failure.help == "no state has users.nickname: add it in expand, or fix the new app's query"


def test_old_app_query_broken_before_the_migration() -> None:
    result = run(PHASED, old="SELECT nickname FROM users")
    [failure] = result.failures
    assert failure.states == (0, 1, 2)
    assert "check that the baseline schema matches production" in failure.help


def test_adding_a_column_can_make_an_old_query_ambiguous() -> None:
    old = "SELECT name, total FROM users JOIN orders ON orders.user_id = users.id"
    result = run("ALTER TABLE orders ADD COLUMN name text;", old=old)
    [failure] = result.failures
    assert (failure.problem.kind, failure.states) == ("ambiguous-column", (1,))
    assert "since m.sql:1 (unphased) adds orders.name" in failure.detail
    assert failure.help.startswith("qualify name in the old app's query")
    assert run("ALTER TABLE orders ADD COLUMN note text;", old=old).ok


def test_not_null_column_without_default_breaks_old_inserts() -> None:
    result = run("ALTER TABLE users ADD COLUMN plan text NOT NULL;", old=OLD_USERS)
    [failure] = result.failures
    assert (failure.query.line, failure.problem.kind) == (2, "missing-required-column")
    assert "adds users.plan NOT NULL without a default" in failure.detail
    assert "add users.plan nullable (or with a DEFAULT) in expand" in failure.help
    assert run("ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'free';", old=OLD_USERS).ok


def test_dropping_a_column_shifts_positional_inserts() -> None:
    result = run("ALTER TABLE orders DROP COLUMN total;", old="INSERT INTO orders (user_id, total) VALUES (1, 2);\n"
                 "INSERT INTO orders VALUES (DEFAULT, 2, 3);")
    assert failing(result, "old") == [(1, "missing-column", (1,)), (2, "value-count", (1,))]
    assert "list the columns in the app's INSERT INTO orders" in result.failures[1].help


def test_dropping_the_unique_index_breaks_on_conflict() -> None:
    schema = SCHEMA + "CREATE UNIQUE INDEX users_email_key ON users (email);"
    old = "INSERT INTO users (name, email) VALUES ($1, $2) ON CONFLICT (email) DO NOTHING"
    result = run("DROP INDEX CONCURRENTLY users_email_key;", old=old, schema=schema)
    [failure] = result.failures
    assert failure.problem.kind == "no-conflict-target"
    assert "drops index users_email_key" in failure.detail
    assert "keep the unique index or constraint until contract" in failure.help


def test_migrations_in_a_directory_are_applied_in_turn() -> None:
    first = migration("ALTER TABLE users ADD COLUMN full_name text;", "001")
    second = migration("ALTER TABLE users DROP COLUMN name;", "002")
    result = run([first, second], old="SELECT name FROM users", new="SELECT full_name FROM users")
    assert [(s.migration, s.id) for s in result.timeline.states] == [(None, 0), ("001", 1), ("002", 2)]
    assert failing(result, "old") == [(1, "missing-column", (2,))]
    assert result.failures[0].cause == ("002.sql", 1)
    assert not failing(result, "new")


def test_view_keeps_the_columns_it_was_created_with() -> None:
    # PostgreSQL fixes a view's columns at creation and follows renamed columns by number
    text = "CREATE VIEW people AS SELECT * FROM users;\nCREATE INDEX CONCURRENTLY i ON users (email);\n" \
           "ALTER TABLE users RENAME COLUMN name TO full_name;"
    result = run(text, new="SELECT id, name, email FROM people")
    assert result.ok, [f.message for f in result.failures]


def test_unparseable_migration_is_bad_input() -> None:
    import pytest

    from expandcontract.core.errors import InputError

    with pytest.raises(InputError, match=r"m.sql:2: cannot parse migration statement"):
        run("SELECT 1;\nALTER TABLEX users;", old="SELECT 1")


def test_state_after_text_leaves_out_transaction_control() -> None:
    text = "BEGIN;\nALTER TABLE users ADD COLUMN a int;\nALTER TABLE users ADD COLUMN b int;\nCOMMIT;"
    [_, state] = build_timeline([migration(text)], Schema.from_sql(SCHEMA)).states
    assert state.after == "ALTER TABLE users ADD COLUMN a int; ALTER TABLE users ADD COLUMN b int"
    assert state.summary() == "ALTER TABLE users ADD COLUMN a int (+1 more)"


def test_phase_scripts_from_a_directory_value() -> None:
    m = Migration("0042", "0042", (Script("0042/expand.sql", ScriptKind.EXPAND, "ALTER TABLE users ADD c int;"),
                                   Script("0042/contract.sql", ScriptKind.CONTRACT, "ALTER TABLE users DROP name;")))
    result = run([m], old="SELECT name FROM users", new="SELECT c FROM users")
    assert result.ok


def test_rename_without_any_view_suggests_contract_or_a_view() -> None:
    result = run("ALTER TABLE users RENAME TO accounts;", old=OLD_USERS)
    assert result.failures[0].help.startswith("rename users in contract; or, in the same transaction as the rename, "
                                              "create a view with the old name")


def test_bare_column_that_falls_back_to_the_outer_query_is_reported() -> None:
    schema = "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint); CREATE TABLE refunds (order_id bigint, " \
             "user_id bigint);"
    old = "DELETE FROM orders WHERE user_id IN (SELECT user_id FROM refunds)"
    result = run("ALTER TABLE refunds DROP COLUMN user_id;", old=old, schema=schema)
    [failure] = result.failures
    assert failure.problem.kind == "rebound-column"
    assert failure.detail.startswith("column user_id now resolves to orders.user_id of the query 1 level out instead "
                                     "of refunds.user_id")
    assert "since m.sql:1 (unphased) drops refunds.user_id" in failure.detail
    assert failure.help.startswith("qualify user_id with its table in the old app's query")
    qualified = "DELETE FROM orders WHERE user_id IN (SELECT r.user_id FROM refunds r)"
    assert run("ALTER TABLE refunds DROP COLUMN user_id;", old=qualified, schema=schema).failures[0].problem.kind \
        == "missing-column"


def test_state_points_at_what_changes_not_at_set() -> None:
    text = "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN a int;\nALTER TABLE users ADD COLUMN b int;"
    [_, state] = build_timeline([migration(text)], Schema.from_sql(SCHEMA)).states
    assert state.line == 2
    assert state.summary() == "ALTER TABLE users ADD COLUMN a int (+1 more)"
    assert state.after.startswith("SET lock_timeout = '2s'; ALTER TABLE")  # the JSON keeps every statement


# -- views follow the relations they read ----------------------------------------------------

VIEW_SCHEMA = SCHEMA + """
CREATE VIEW user_names AS SELECT id, name FROM users;
CREATE VIEW busy_users AS SELECT id FROM user_names WHERE id > 10;
CREATE VIEW order_totals AS SELECT user_id, total FROM orders;
"""
OLD_VIEWS = "SELECT id, name FROM user_names;\nSELECT id FROM busy_users;\nSELECT user_id FROM order_totals;"


def test_drop_table_cascade_takes_its_views_and_theirs_with_it() -> None:
    result = run("-- expandcontract: phase contract\nDROP TABLE users CASCADE;", new=OLD_VIEWS, schema=VIEW_SCHEMA)
    assert sorted(q for q, _kind, _states in failing(result, "new")) == [1, 2]
    assert not result.timeline.states[-1].schema.view("busy_users")
    assert result.timeline.states[-1].schema.view("order_totals")


def test_drop_table_without_cascade_keeps_the_views_in_the_model() -> None:
    # PostgreSQL refuses the DROP while views depend on it; the model does not invent a drop
    result = run("-- expandcontract: phase contract\nDROP TABLE orders;", schema=SCHEMA + "CREATE VIEW t AS SELECT 1 AS one;")
    assert result.timeline.states[-1].schema.view("t")


def test_drop_column_cascade_drops_only_the_views_reading_that_column() -> None:
    schema = VIEW_SCHEMA + "CREATE VIEW user_ids AS SELECT id FROM users;\nCREATE VIEW everything AS SELECT * FROM users;"
    result = run("-- expandcontract: phase contract\nALTER TABLE users DROP COLUMN name CASCADE;", schema=schema)
    views = result.timeline.states[-1].schema.views
    assert "user_ids" in views and "order_totals" in views
    assert not {"user_names", "busy_users", "everything"} & set(views)


def test_drop_view_cascade_drops_views_built_on_it() -> None:
    result = run("-- expandcontract: phase contract\nDROP VIEW user_names CASCADE;", new="SELECT id FROM busy_users;",
                 schema=VIEW_SCHEMA)
    assert failing(result, "new") == [(1, "missing-relation", (1,))]


def test_a_view_still_works_after_its_base_table_is_renamed() -> None:
    # views bind relations by identity: RENAME moves them along (and CASCADE later finds them)
    text = "-- expandcontract: phase contract\nALTER TABLE orders RENAME TO purchases;\nDROP TABLE purchases CASCADE;"
    renamed = run("-- expandcontract: phase expand\nALTER TABLE orders RENAME TO purchases;\n"
                  "CREATE VIEW orders AS SELECT * FROM purchases;",
                  old="SELECT user_id, total FROM order_totals;", schema=VIEW_SCHEMA)
    assert renamed.ok, [f.message for f in renamed.failures]
    dropped = run(text, schema=VIEW_SCHEMA)
    assert "order_totals" not in dropped.timeline.states[-1].schema.views


def test_renaming_a_view_column_is_replayed() -> None:
    text = "ALTER VIEW user_names RENAME COLUMN name TO display_name;"
    result = run(text, new="SELECT display_name FROM user_names;\nSELECT name FROM user_names;", schema=VIEW_SCHEMA)
    assert failing(result, "new") == [(2, "missing-column", (1,))]
    same_through_alter_table = run(text.replace("ALTER VIEW", "ALTER TABLE"), new="SELECT display_name FROM user_names;",
                                   schema=VIEW_SCHEMA)
    assert same_through_alter_table.ok, [f.message for f in same_through_alter_table.failures]


def test_set_schema_moves_the_table() -> None:
    result = run("ALTER TABLE orders SET SCHEMA archive;",
                 new="SELECT total FROM orders;\nSELECT total FROM archive.orders;")
    assert failing(result, "new") == [(1, "missing-relation", (1,))]


# -- statements the model does not replay are reported, never silently proven ----------------

DO_BLOCK = """-- expandcontract: phase contract
DO $$ BEGIN EXECUTE 'ALTER TABLE users DROP COLUMN name'; END $$;
"""


def test_a_do_block_is_listed_as_not_modelled() -> None:
    from expandcontract.reporters import render

    result = run(DO_BLOCK, new="SELECT name FROM users;")
    assert result.ok and result.exit_code() == 0 and result.exit_code(strict=True) == 1
    (note,) = result.unmodelled
    assert (note.state, note.line, note.reason) == (1, 2, "a DO block runs code the check cannot replay")
    assert result.to_dict()["unmodelled"][0]["file"] == "m.sql"
    assert result.to_dict()["summary"]["statements_unmodelled"] == 1
    text = render(result, "text")
    assert "1 migration statement not modelled" in text and "m.sql:2  state 1" in text
    assert "::warning file=m.sql,line=2" in render(result, "github")
    assert '"check/unmodelled"' in render(result, "sarif")


def test_modelled_and_harmless_statements_leave_no_note() -> None:
    text = ("-- expandcontract: phase expand\nALTER TABLE users ADD COLUMN nickname text;\n"
            "COMMENT ON COLUMN users.nickname IS 'x';\nNOTIFY deploys;\nGRANT SELECT ON users TO app;\n")
    result = run(text, old=OLD_USERS)
    assert result.unmodelled == () and result.exit_code(strict=True) == 0


# -- several migrations: the deploy order the runner uses ------------------------------------


def phased(name: str, **scripts: str) -> Migration:
    return Migration(name, name, tuple(Script(f"{name}/{k}.sql", ScriptKind(k), t) for k, t in scripts.items()))


def test_contracts_run_after_every_expand_and_migrate() -> None:
    # apply --phase migrate runs 001's and 002's expand/migrate; the new app is deployed; then
    # apply --phase contract runs both contracts: 001's DROP never meets the old app
    first = phased("001", expand="ALTER TABLE users ADD COLUMN full_name text;",
                   migrate="UPDATE users SET full_name = name;", contract="ALTER TABLE users DROP COLUMN name;")
    second = phased("002", expand="ALTER TABLE users ADD COLUMN nickname text;",
                    contract="ALTER TABLE users DROP COLUMN email;")
    result = run([first, second], old="SELECT id, name, email FROM users;",
                 new="SELECT id, full_name, nickname FROM users;")
    assert [s.file for s in result.timeline.states[1:]] == [
        "001/expand.sql", "001/migrate.sql", "002/expand.sql", "001/contract.sql", "002/contract.sql"]
    assert result.ok, [f.message for f in result.failures]
    assert list(result.timeline.old_window) == [0, 1, 2, 3] and list(result.timeline.new_window) == [3, 4, 5]


def test_since_replays_what_production_has_into_the_baseline(tmp_path) -> None:
    from expandcontract.api import lint_paths
    from expandcontract.check import check_paths
    from expandcontract.core.errors import InputError

    (tmp_path / "schema.sql").write_text("")
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "001_create.sql").write_text("CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n")
    (tmp_path / "m" / "002_drop.sql").write_text("ALTER TABLE users DROP COLUMN name;\n")
    (tmp_path / "old.sql").write_text("SELECT id, name FROM users;\n")
    args = dict(schema=str(tmp_path / "schema.sql"), old_app=[str(tmp_path / "old.sql")])
    everything = check_paths([tmp_path / "m"], **args)
    assert everything.failures[0].states[0] == 0  # from an empty database the old app fails at once
    since = check_paths([tmp_path / "m"], since="001_create", **args)
    assert [s.file for s in since.timeline.states[1:]] == [str(tmp_path / "m" / "002_drop.sql")]
    assert [(f.app, f.states, f.problem.kind) for f in since.failures] == [("old", (1,), "missing-column")]
    # lint reports only what comes after, linted on the schema the earlier ones leave
    linted = lint_paths([tmp_path / "m"], since="001_create.sql")
    assert {f.file for f in linted.findings} == {str(tmp_path / "m" / "002_drop.sql")} and linted.files == 1
    assert "EC301" in {f.code for f in linted.findings}
    with pytest.raises(InputError, match=r"no migration named 'nope' \(there are: 001_create, 002_drop\)"):
        check_paths([tmp_path / "m"], since="nope", **args)


def test_a_table_created_like_another_has_its_columns() -> None:
    schema = SCHEMA + "CREATE TABLE users_archive (LIKE users INCLUDING DEFAULTS INCLUDING IDENTITY, archived_at timestamptz);"
    result = run("ALTER TABLE users_archive ADD COLUMN reason text;",
                 old="SELECT id, name, email, archived_at FROM users_archive;\n"
                     "INSERT INTO users_archive (name, email) VALUES ($1, $2);", schema=schema)
    assert result.ok and not result.unchecked, [f.message for f in result.failures] + [u.reason for u in result.unchecked]
    assert list(result.timeline.states[0].schema.tables["users_archive"].columns) == [
        "id", "name", "email", "archived_at"]
