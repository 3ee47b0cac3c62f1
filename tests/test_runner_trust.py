"""Runner trust on a real PostgreSQL: no data-loss path, no leaked secret, no state a rerun
cannot leave. Each test here failed before the fix it covers."""

from __future__ import annotations

import json
import shutil
import signal
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlsplit

import psycopg
import pytest
from click.testing import CliRunner

from expandcontract.cli import main
from expandcontract.runner import api
from expandcontract.runner.errors import LockBudgetSpent, Refused, StepFailed
from expandcontract.runner.events import CollectingEvents, render_text

from .runner_helpers import (
    FAST,
    read_events_until,
    run_apply,
    spawn_apply,
    sql,
    wait_for_backend_gone,
    wait_for_runner_state,
    write_migration,
)

pytestmark = pytest.mark.postgres

COPY = dict(
    expand="""ALTER TABLE people ADD COLUMN full_name text;
CREATE FUNCTION people_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.full_name := COALESCE(NEW.full_name, NEW.name); RETURN NEW; END $$;
CREATE TRIGGER people_sync BEFORE INSERT OR UPDATE ON people FOR EACH ROW EXECUTE FUNCTION people_sync();
""",
    migrate="UPDATE people SET full_name = name WHERE full_name IS NULL;\n",
)
DROP_NAME = dict(contract="DROP TRIGGER people_sync ON people;\nDROP FUNCTION people_sync();\n"
                          "ALTER TABLE people DROP COLUMN name;\n")


@pytest.fixture
def people(pg_url):
    sql(pg_url, "CREATE TABLE people (id bigint PRIMARY KEY, name text)")
    sql(pg_url, "INSERT INTO people (id, name) SELECT g, 'p' || g FROM generate_series(1, 3000) g")
    return pg_url


def _name_column(url):
    return sql(url, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'people' "
                    "AND column_name = 'name'")[0][0]


# -- 1: contract and migrate honour every unfinished migration the database knows ---------------------


@pytest.mark.parametrize("deleted", [False, True])
def test_contract_is_refused_while_an_earlier_recorded_migration_is_unfinished(people, tmp_path, deleted):
    copy = write_migration(tmp_path / "migrations", "01_copy", **COPY)
    drop = write_migration(tmp_path / "migrations", "02_drop_name", **DROP_NAME)
    assert run_apply(people, [copy], "expand")[1] is None
    if deleted:
        shutil.rmtree(copy)
    _events, error = run_apply(people, [drop], "contract")
    assert isinstance(error, Refused), error
    message = str(error)
    assert "01_copy" in message and "migrate phase has not finished" in message
    assert f"expandcontract apply {copy} --phase migrate" in message and f"expandcontract abort {copy}" in message
    assert _name_column(people) == 1
    # migrate of a later migration is refused too, and --phase all
    write_migration(tmp_path / "migrations", "03_more", expand="ALTER TABLE people ADD x int;",
                    migrate="UPDATE people SET x = 1;")
    for target in ("migrate", "all"):
        _events, error = run_apply(people, [tmp_path / "migrations" / "03_more"], target)
        assert isinstance(error, Refused) and "01_copy" in str(error), error
    assert sql(people, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'x'") == [(0,)]
    if not deleted:
        # once 01_copy is migrated, the contract runs and no value is lost
        assert run_apply(people, [copy], "migrate")[1] is None
        assert run_apply(people, [drop], "contract")[1] is None
        assert _name_column(people) == 0
        assert sql(people, "SELECT count(*) FROM people WHERE full_name IS NULL") == [(0,)]


def test_a_later_unfinished_migration_does_not_block_an_earlier_ones_migrate(people, tmp_path):
    first = write_migration(tmp_path, "01_copy", **COPY)
    later = write_migration(tmp_path, "02_x", expand="ALTER TABLE people ADD x int;", migrate="UPDATE people SET x = 1;")
    assert run_apply(people, [tmp_path], "expand")[1] is None
    assert run_apply(people, [first], "migrate")[1] is None
    assert run_apply(people, [later], "migrate")[1] is None


# -- 3: passwords never appear in any output ---------------------------------------------------------

PIECES = ("pwA", "pwB", "pwC", "pwD", "pwE", "pwF", "pwG", "pwH")
PASSWORD = "pwA/pwB@pwC#pwD]pwE:pwF?pwG%pwH"


def _url_forms(url: str) -> dict[str, tuple[str, bool]]:
    """name -> (URL, whether libpq can use it); ``url`` is ``postgresql://postgres:@/db?host=…``."""
    encoded = quote(PASSWORD, safe="")
    parts = urlsplit(url)
    host = dict(parse_qsl(parts.query))["host"]
    db = parts.path.lstrip("/")
    kv_password = PASSWORD.replace("\\", "\\\\").replace("'", "\\'")
    return {
        "encoded": (url.replace("postgres:@", f"postgres:{encoded}@"), True),
        "query": (f"{url}&password={encoded}", True),
        "keyword": (f"host={host} dbname={db} user=postgres password='{kv_password}'", True),
        "keyword-bare": (f"host={host} dbname={db} user=postgres password=pwA/pwB@pwC#pwD]pwE:pwF?pwG%pwH", True),
        "unencoded": (url.replace("postgres:@", f"postgres:{PASSWORD}@"), False),
        "unencoded-percent": (url.replace("postgres:@", "postgres:pwA%pwH@"), False),
        "bad-percent-query": (f"{url}&password=pwA%zzpwB", False),
        "bad-ipv6": (f"postgresql://u:{PASSWORD}@[::1/x", False),
        "bad-ipv6-plain": ("postgresql://u:pwApwBpwC@[::1/x", False),
        "bad-keyword": (f"host={host} password='pwA/pwB@pwC", False),
    }


def _commands(migrations, url: str, fmt: str) -> dict[str, list[str]]:
    """Every command that takes a database URL (lint and trace take a disposable one)."""
    return {
        "apply": ["apply", str(migrations), "--database-url", url, "--phase", "expand", "--format", fmt],
        "plan": ["plan", str(migrations), "--database-url", url, "--format", fmt],
        "status": ["status", str(migrations), "--database-url", url, "--format", fmt],
        "consumers": ["consumers", str(migrations), "--database-url", url, "--format", fmt],
        "abort": ["abort", str(migrations / "001_add"), "--database-url", url, "--format", fmt],
        "check": ["check", str(migrations / "001_add"), "--schema-from-db", url, "--format", fmt,
                  "--old-app", str(migrations.parent / "app.sql")],
        "trace": ["trace", str(migrations), "--scratch-url", url, "--format", fmt],
        "lint --trace": ["lint", str(migrations), "--trace", "--scratch-url", url, "--format", fmt, "--no-cache"],
    }


def _fleet_commands(migrations, url: str, fmt: str, tmp_path: Path) -> dict[str, tuple[list[str], dict]]:
    """``--fleet``: the URL written in the fleet file, and read from the environment variable it names."""
    toml_url = url.replace("\\", "\\\\").replace('"', '\\"')
    written, from_env = tmp_path / "fleet-written.toml", tmp_path / "fleet-env.toml"
    stages = '[[stages]]\nname = "canary"\ndatabases = ["db0"]\n[databases]\n'
    written.write_text(stages + f'db0 = {{ url = "{toml_url}" }}\n')
    from_env.write_text(stages + 'db0 = { url_env = "EC_TEST_FLEET_URL" }\n')
    out = {}
    for source, path, env in (("file", written, {}), ("env", from_env, {"EC_TEST_FLEET_URL": url})):
        out[f"apply --fleet ({source})"] = (["apply", str(migrations), "--fleet", str(path), "--phase", "expand",
                                             "--format", fmt], env)
        out[f"status --fleet ({source})"] = (["status", str(migrations), "--fleet", str(path), "--format", fmt], env)
    return out


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_no_password_reaches_any_output_in_any_url_form(pg_url, tmp_path, fmt):
    sql(pg_url, "CREATE TABLE users (id int PRIMARY KEY, name text)")
    # trace and lint --trace run migrations only on a database marked disposable
    sql(pg_url, "DO $$ BEGIN EXECUTE format('COMMENT ON DATABASE %I IS ''expandcontract: disposable''', "
                "current_database()); END $$")
    migrations = tmp_path / "migrations"
    write_migration(migrations, "001_add", expand="ALTER TABLE users ADD nick text;")
    (tmp_path / "app.sql").write_text("SELECT id, name FROM users;\n")
    for form, (url, usable) in _url_forms(pg_url).items():
        commands = {name: (args, {}) for name, args in _commands(migrations, url, fmt).items()}
        commands.update(_fleet_commands(migrations, url, fmt, tmp_path))
        for command, (args, env) in commands.items():
            result = CliRunner().invoke(main, args, env=env)
            out = result.output
            assert result.exception is None or isinstance(result.exception, SystemExit), (form, command, out)
            assert "Traceback" not in out, (form, command, out)
            leaked = [p for p in PIECES if p in out]
            assert not leaked, (form, command, leaked, out)
            if usable:
                assert result.exit_code in (0, 1), (form, command, out)
            else:
                assert result.exit_code == 2, (form, command, out)
                assert out.strip().count("\n") == 0, (form, command, out)
                assert "not a valid database URL" in out or "the password holds" in out, (form, command, out)
            if usable and command.startswith("apply"):  # it really ran: undo it for the next command
                sql(pg_url, "DROP SCHEMA IF EXISTS expandcontract CASCADE; ALTER TABLE users DROP COLUMN IF EXISTS nick")


# -- 2: an applied phase whose file changed refuses what follows -------------------------------------


def test_an_edited_applied_phase_refuses_what_follows_unless_accepted_and_recorded(people, tmp_path):
    copy = write_migration(tmp_path, "01_copy", **COPY)
    assert run_apply(people, [copy], "expand")[1] is None
    (copy / "expand.sql").write_text(COPY["expand"] + "ALTER TABLE people ADD extra int;\n")
    args = ["apply", str(copy), "--database-url", people, "--phase", "migrate"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert f"{copy / 'expand.sql'} (01_copy expand) changed since it was applied" in result.output
    assert "--accept-changed" in result.output and "Nothing was run" in result.output
    assert sql(people, "SELECT count(*) FROM people WHERE full_name IS NULL") == [(3000,)]
    # status agrees (exit 1), and a dry run only warns
    assert CliRunner().invoke(main, ["status", str(copy), "--database-url", people]).exit_code == 1
    assert CliRunner().invoke(main, [*args, "--dry-run"]).exit_code == 0
    result = CliRunner().invoke(main, [*args, "--accept-changed"])
    assert result.exit_code == 0, result.output
    assert "accepted (--accept-changed)" in result.output
    assert sql(people, "SELECT count(*) FROM people WHERE full_name IS NULL") == [(0,)]
    (row,) = sql(people, "SELECT migration, phase, path, old_checksum <> new_checksum, reason, by_user "
                         "FROM expandcontract.overrides")
    assert row == ("01_copy", "expand", str(copy / "expand.sql"), True, "--accept-changed", "postgres")
    # the accepted version is the applied one now: status is clean
    assert CliRunner().invoke(main, ["status", str(copy), "--database-url", people]).exit_code == 0


# -- 6: abort undoes what split writes ---------------------------------------------------------------

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture
def example_db(pg_url):
    sql(pg_url, (EXAMPLES / "schema.sql").read_text())
    sql(pg_url, "INSERT INTO users (name, email) SELECT 'u' || g, g || '@x' FROM generate_series(1, 200) g")
    sql(pg_url, "INSERT INTO invoices (order_id, amount) SELECT g, g FROM generate_series(1, 200) g")
    return pg_url


def _cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _objects(url):
    return sql(url, "SELECT (SELECT count(*) FROM information_schema.columns WHERE column_name IN "
                    "('full_name', 'due_at')), (SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal), "
                    "(SELECT count(*) FROM pg_proc WHERE proname = 'users_sync_full_name')")[0]


def test_abort_undoes_splits_expand_given_its_path_with_a_dry_run_first(example_db, tmp_path):
    plan = tmp_path / "rename"
    result = _cli("split", EXAMPLES / "migrations" / "01_unsafe_rename_column.sql", "--schema",
                  EXAMPLES / "schema.sql", "--out", plan)
    assert result.exit_code == 0, result.output
    result = _cli("apply", plan, "--database-url", example_db, "--phase", "expand", "--schema", EXAMPLES / "schema.sql")
    assert result.exit_code == 0, result.output
    assert _objects(example_db) == (1, 1, 1)
    result = _cli("abort", plan, "--database-url", example_db, "--schema", EXAMPLES / "schema.sql", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "DROP TRIGGER IF EXISTS \"users_sync_full_name\" ON \"users\"" in result.output
    assert "DROP FUNCTION IF EXISTS \"users_sync_full_name\"" in result.output and "nothing was changed" in result.output
    assert _objects(example_db) == (1, 1, 1)
    result = _cli("abort", plan, "--database-url", example_db, "--schema", EXAMPLES / "schema.sql")
    assert result.exit_code == 0, result.output
    assert _objects(example_db) == (0, 0, 0)
    assert sql(example_db, "SELECT is_nullable FROM information_schema.columns WHERE table_name = 'users' "
                           "AND column_name = 'name'") == [("NO",)]
    # an unknown migration is bad input
    result = _cli("abort", "no_such_migration", plan, "--database-url", example_db)
    assert result.exit_code == 2 and "no such migration" in result.output, result.output


def test_abort_of_an_expression_default_checks_values_instead_of_pasting_a_placeholder(example_db, tmp_path):
    migration = tmp_path / "04_safe_not_null_column.sql"
    shutil.copy(EXAMPLES / "migrations" / "04_safe_not_null_column.sql", migration)
    result = _cli("apply", migration, "--database-url", example_db, "--phase", "expand", "--schema",
                  EXAMPLES / "schema.sql")
    assert result.exit_code == 0, result.output
    result = _cli("abort", migration, "--database-url", example_db, "--schema", EXAMPLES / "schema.sql", "--dry-run")
    assert result.exit_code == 0 and "<" not in result.output.replace("<=", ""), result.output
    result = _cli("abort", migration, "--database-url", example_db, "--schema", EXAMPLES / "schema.sql")
    assert result.exit_code == 1 and "invoices.due_at" in result.output and "--force" in result.output, result.output
    assert "syntax error" not in result.output
    result = _cli("abort", migration, "--database-url", example_db, "--schema", EXAMPLES / "schema.sql", "--force")
    assert result.exit_code == 0, result.output
    assert _objects(example_db)[0] == 0


# -- 4: concurrent index leftovers are found where the index really is -------------------------------


def test_an_interrupted_concurrent_build_in_a_later_search_path_schema_is_rebuilt(pg_url, tmp_path):
    sql(pg_url, "CREATE SCHEMA app; CREATE TABLE app.accounts (id int PRIMARY KEY, email text)")
    sql(pg_url, "INSERT INTO app.accounts SELECT g, 'a' || (g % 50) FROM generate_series(1, 100) g")
    sql(pg_url, "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET search_path = public, app', "
                "current_database()); END $$")
    write_migration(tmp_path, "001_unique",
                    expand="CREATE UNIQUE INDEX CONCURRENTLY accounts_email_key ON accounts (email);\n")
    _events, error = run_apply(pg_url, [tmp_path], "expand")
    assert error is not None and "23505" in str(error)
    assert sql(pg_url, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'app.accounts_email_key'::regclass") \
        == [(False,)]
    sql(pg_url, "DELETE FROM app.accounts WHERE id > 50")
    events, error = run_apply(pg_url, [tmp_path], "expand")
    assert error is None, error
    assert [(e["schema"], e["index"]) for e in events.named("invalid_index")] == [("app", "accounts_email_key")]
    assert sql(pg_url, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'app.accounts_email_key'::regclass") \
        == [(True,)]
    # a valid one there (a run that died before recording it) is skipped, not built again
    sql(pg_url, "DELETE FROM expandcontract.steps")
    sql(pg_url, "UPDATE expandcontract.phases SET status = 'failed'")
    events, error = run_apply(pg_url, [tmp_path], "expand")
    assert error is None, error
    assert "exists and is valid" in events.named("step_skipped")[0]["reason"]


# -- 5: a concurrent build is not thrown away by the short lock timeout ------------------------------


class _ReportEndsLate(CollectingEvents):
    """Once the runner says it waits for old snapshots, the report goes on until the server shows
    the build waiting for 2.5 s (past FAST's 0.3 s lock_timeout and 2 s retry budget), then ends."""

    def __init__(self, url: str, report: psycopg.Connection) -> None:
        super().__init__()
        self.url, self.report = url, report

    def handle(self, event):
        super().handle(event)
        if event["event"] == "snapshot_wait":
            wait_for_runner_state(self.url, "wait_event = 'virtualxid' AND now() - query_start > interval '2.5s'")
            self.report.rollback()


def test_a_concurrent_build_waits_for_old_snapshots_once_and_names_them(pg_url, tmp_path):
    sql(pg_url, "CREATE TABLE items (id int PRIMARY KEY, sku text); CREATE TABLE report_src (n int)")
    sql(pg_url, "INSERT INTO items SELECT g, 's' || g FROM generate_series(1, 20000) g")
    write_migration(tmp_path, "001_idx", expand="CREATE INDEX CONCURRENTLY items_sku ON items (sku);\n")
    report = psycopg.connect(pg_url, application_name="monthly report")
    report.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
    report.execute("SELECT count(*) FROM report_src")  # a snapshot older than the build, on another table
    report_pid = report.info.backend_pid
    events = _ReportEndsLate(pg_url, report)
    try:
        # the short lock_timeout (0.3 s) and retry budget (2 s) of FAST would throw the build away
        api.apply([str(tmp_path)], url=pg_url, target="expand", settings=FAST, events=events)
    finally:
        report.close()
    assert events.named("lock_timeout") == [] and events.named("invalid_index") == []
    (wait,) = events.named("snapshot_wait")
    assert wait["blockers"] and wait["blockers"][0]["pid"] == report_pid
    assert wait["blockers"][0]["application_name"] == "monthly report"
    text = render_text(wait)
    assert "waiting for old snapshots" in text and "monthly report" in text
    assert events.named("step_finished")[0]["attempts"] == 1
    assert sql(pg_url, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'items_sku'::regclass") == [(True,)]


def test_plan_shows_the_patient_timeout_for_concurrent_steps_and_the_short_one_for_access_exclusive(tmp_path):
    (tmp_path / "1_x.sql").write_text("CREATE INDEX CONCURRENTLY t_a ON t (a);\nALTER TABLE t ADD b int;\n")
    result = _cli("plan", tmp_path, "--lock-timeout", "100ms", "--patient-lock-timeout", "5min")
    assert result.exit_code == 0, result.output
    concurrent, alter = result.output.split("ALTER TABLE t ADD b int", 1)[0].rsplit("CREATE INDEX", 1)
    assert "SET lock_timeout = '300000ms'" in concurrent and "SET LOCAL lock_timeout = '100ms'" in alter


# -- 10: messages are true ---------------------------------------------------------------------------


def test_a_backfill_stopped_by_a_lock_after_committed_batches_does_not_say_nothing_was_applied(people, tmp_path):
    write_migration(tmp_path, "01_copy", **COPY)
    assert run_apply(people, [tmp_path], "expand")[1] is None
    holder = psycopg.connect(people, application_name="row holder")
    holder.execute("SELECT * FROM people WHERE id = 2500 FOR UPDATE")
    try:
        _events, error = run_apply(people, [tmp_path], "migrate")
    finally:
        holder.close()
    assert isinstance(error, LockBudgetSpent), error
    message = str(error)
    assert "Nothing of this step was applied" not in message and "rolled back: none" not in message
    assert "Batches committed so far are kept" in message and "row holder" in message
    done = sql(people, "SELECT count(*) FROM people WHERE full_name IS NOT NULL")[0][0]
    assert 0 < done < 3000
    assert run_apply(people, [tmp_path], "migrate")[1] is None


def test_an_interrupted_concurrent_build_does_not_claim_a_transaction_was_rolled_back(pg_url, tmp_path):
    sql(pg_url, "CREATE TABLE items (id int PRIMARY KEY, sku text); CREATE TABLE report_src (n int)")
    write_migration(tmp_path, "001_idx", expand="CREATE INDEX CONCURRENTLY items_sku ON items (sku);\n")
    report = psycopg.connect(pg_url)
    report.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
    report.execute("SELECT count(*) FROM report_src")
    try:
        proc = spawn_apply(pg_url, [tmp_path], "--phase", "expand")
        read_events_until(proc, lambda seen: seen[-1]["event"] == "snapshot_wait")
        # the server shows the build waiting for the report's snapshot: Ctrl-C lands in that wait
        wait_for_runner_state(pg_url, "wait_event = 'virtualxid' AND query LIKE 'CREATE INDEX CONCURRENTLY%%'")
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        report.close()
    assert proc.returncode == 130, err
    err = [json.loads(line) for line in out.splitlines()][-1]["message"]
    assert "interrupted at 001_idx expand step 1" in err and "transaction was rolled back" not in err
    assert "outside a transaction" in err
    wait_for_backend_gone(pg_url)  # its runner lock and session are gone before the rerun
    events, error = run_apply(pg_url, [tmp_path], "expand")
    assert error is None, error
    assert [e["index"] for e in events.named("invalid_index")] == ["items_sku"]
    assert sql(pg_url, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'items_sku'::regclass") == [(True,)]


# -- 7: backfills on any key type ---------------------------------------------------------------------


@pytest.mark.parametrize("ddl, rows", [
    ("id uuid PRIMARY KEY", "SELECT md5(g::text)::uuid, g FROM generate_series(1, 2500) g"),
    ("id text PRIMARY KEY", "SELECT 'k' || g, g FROM generate_series(1, 2500) g"),
    ("tenant int, id text, PRIMARY KEY (tenant, id)", "SELECT g % 7, 'k' || g, g FROM generate_series(1, 2500) g"),
])
def test_a_backfill_batches_by_uuid_text_and_composite_keys_every_row_once(pg_url, tmp_path, ddl, rows):
    composite = "tenant" in ddl
    sql(pg_url, f"CREATE TABLE things ({ddl}, n int NOT NULL, doubled int, touched int NOT NULL DEFAULT 0)")
    sql(pg_url, f"INSERT INTO things ({'tenant, ' if composite else ''}id, n) {rows}")
    write_migration(tmp_path, "001_double", migrate="UPDATE things SET doubled = n * 2, touched = touched + 1;\n")
    settings = FAST.__class__(**{**FAST.__dict__, "batch_size": 100, "batch_target": 0.001, "batch_min": 100,
                                 "batch_max": 300})
    events, error = run_apply(pg_url, [tmp_path], "migrate", settings)
    assert error is None, error
    assert len(events.named("backfill_batch")) >= 8
    assert sql(pg_url, "SELECT touched, doubled = n * 2, count(*) FROM things GROUP BY 1, 2") == [(1, True, 2500)]
    assert events.named("backfill_started")[0]["key"] == ("tenant, id" if composite else "id")


def test_the_high_water_mark_and_batch_bounds_order_by_the_key_not_its_text(pg_url, tmp_path):
    sql(pg_url, "CREATE TABLE t (id bigint PRIMARY KEY, n int NOT NULL DEFAULT 0)")
    sql(pg_url, "INSERT INTO t (id) SELECT generate_series(1, 1000)")  # as text, '999' > '1000'
    write_migration(tmp_path, "001_touch", migrate="UPDATE t SET n = n + 1;\n")
    settings = FAST.__class__(**{**FAST.__dict__, "batch_size": 97, "batch_target": 0.001, "batch_min": 97,
                                 "batch_max": 97})
    assert run_apply(pg_url, [tmp_path], "migrate", settings)[1] is None
    assert sql(pg_url, "SELECT n, count(*) FROM t GROUP BY n") == [(1, 1000)]


@pytest.mark.parametrize("key", [("id",), ("tenant", "id")])
def test_the_next_batch_range_is_read_off_the_index_once_without_a_sort(pg_url, key):
    """The range query reads the key's index up to the batch's last key once: no sort of the batch's
    keys, nothing materialized (a CTE sorted to find its largest key made it 5x slower)."""
    from expandcontract.runner.sqlgen import key_params, range_sql

    sql(pg_url, "CREATE TABLE t (tenant int, id int, PRIMARY KEY (tenant, id)); CREATE UNIQUE INDEX t_id ON t (id)")
    sql(pg_url, "INSERT INTO t SELECT g % 3, g FROM generate_series(1, 50000) g; ANALYZE t")
    width = len(key)
    last, high = ("1000",) if width == 1 else ("0", "1000"), ("50000",) if width == 1 else ("2", "50000")
    params = {**key_params("last", last), **key_params("high", high), "size": 5000}
    with psycopg.connect(pg_url) as conn:
        upper, n = conn.execute(range_sql("t", key, lower=True), params).fetchone()
        (plan,) = conn.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + range_sql("t", key, lower=True), params).fetchone()[0]
    expected = sql(pg_url, f"SELECT {'id' if width == 1 else 'tenant, id'} FROM t WHERE "
                           f"{'id > 1000' if width == 1 else '(tenant, id) > (0, 1000)'} ORDER BY "
                           f"{'id' if width == 1 else 'tenant, id'} LIMIT 5000")
    assert n == 5000
    assert upper == (str(expected[-1][0]) if width == 1 else json.dumps([str(v) for v in expected[-1]]))

    def nodes(node):
        yield node
        for child in node.get("Plans", ()):
            yield from nodes(child)

    ran = [p for p in nodes(plan["Plan"]) if p.get("Actual Loops", 0) > 0]
    kinds = [p["Node Type"] for p in ran]
    assert "Sort" not in kinds and "CTE Scan" not in kinds, kinds
    scans = [p for p in ran if p["Node Type"].startswith("Index")]
    assert len(scans) == 1 and sum(p["Actual Rows"] for p in scans) <= 5000, kinds
    # the last batch: fewer keys than the size left, the largest of them and their count
    last_batch = {**key_params("last", ("49990",) if width == 1 else ("2", "49990")), **key_params("high", high),
                  "size": 5000}
    with psycopg.connect(pg_url) as conn:
        upper, n = conn.execute(range_sql("t", key, lower=True), last_batch).fetchone()
    assert (upper, n) == (("50000", 10) if width == 1 else (json.dumps(["2", "50000"]), 4))


# -- 8: progress tells the truth ---------------------------------------------------------------------


class _OldAppInserts(CollectingEvents):
    """After the first batch, the old app inserts rows above the high-water mark (no trigger fills them)."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url, self.fired = url, False

    def handle(self, event):
        super().handle(event)
        if event["event"] == "backfill_batch" and not self.fired:
            self.fired = True
            sql(self.url, "INSERT INTO accounts (id, name) SELECT g, 'late ' || g FROM generate_series(5001, 5040) g")


def test_rows_the_old_app_adds_during_a_backfill_keep_it_from_claiming_done(pg_url, tmp_path):
    sql(pg_url, "CREATE TABLE accounts (id int PRIMARY KEY, name text, upper_name text)")
    sql(pg_url, "INSERT INTO accounts (id, name) SELECT g, 'n' || g FROM generate_series(1, 3000) g")
    write_migration(tmp_path, "001_upper", migrate="UPDATE accounts SET upper_name = upper(name) "
                                                   "WHERE upper_name IS NULL;\n")
    events = _OldAppInserts(pg_url)
    small = FAST.__class__(**{**FAST.__dict__, "batch_size": 500, "batch_target": 0.001, "batch_min": 500,
                              "batch_max": 500})
    with pytest.raises(StepFailed) as failed:
        api.apply([str(tmp_path)], url=pg_url, target="migrate", settings=small, events=events)
    message = str(failed.value)
    assert "40 rows still match its WHERE" in message and "no trigger on accounts" in message
    assert "final pass" in message and "3,000 rows updated" in message
    (remaining,) = events.named("backfill_remaining")
    assert remaining["remaining"] == 40 and remaining["triggers"] is None
    assert events.named("backfill_finished") == []
    (backfill,) = api.status(url=pg_url, paths=[str(tmp_path)])["migrations"][0]["backfills"]
    assert not backfill["done"] and backfill["percent"] < 100 and backfill["remaining"] == 40
    result = CliRunner().invoke(main, ["status", str(tmp_path), "--database-url", pg_url])
    assert "40 rows still matched its WHERE" in result.output and "100.0%" not in result.output
    # the final pass
    events, error = run_apply(pg_url, [tmp_path], "migrate", small)
    assert error is None, error
    assert sql(pg_url, "SELECT count(*) FROM accounts WHERE upper_name IS NULL") == [(0,)]
    assert api.status(url=pg_url, paths=[str(tmp_path)])["migrations"][0]["backfills"][0]["done"]


# -- 9: privileges and read-only connections ----------------------------------------------------------


@pytest.fixture
def app_role(pg_url):
    role = "ec_role_" + uuid.uuid4().hex[:8]
    sql(pg_url, f"CREATE ROLE {role} LOGIN")
    sql(pg_url, "CREATE TABLE users (id int PRIMARY KEY, name text)")
    sql(pg_url, f"GRANT SELECT, INSERT, UPDATE, DELETE ON users TO {role}")
    yield role, pg_url.replace("postgres:@", f"{role}:@")
    sql(pg_url, "DROP SCHEMA IF EXISTS expandcontract CASCADE")
    sql(pg_url, f"DROP OWNED BY {role}")
    sql(pg_url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (role,))
    sql(pg_url, f"DROP ROLE {role}")


def test_missing_privileges_are_named_before_anything_runs(app_role, tmp_path):
    role, url = app_role
    admin = url.replace(f"{role}:@", "postgres:@")
    write_migration(tmp_path, "001_nick", expand="ALTER TABLE users ADD nick text;", migrate="UPDATE users SET nick = name;")
    args = ["apply", str(tmp_path), "--database-url", url, "--phase", "migrate"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.output
    assert "missing CREATE on the database" in result.output and "ownership of users" in result.output
    assert "rerun" not in result.output and "Nothing was run" in result.output
    assert sql(admin, "SELECT to_regnamespace('expandcontract')") == [(None,)]
    sql(admin, f"DO $$ BEGIN EXECUTE format('GRANT CREATE ON DATABASE %I TO {role}', current_database()); END $$")
    sql(admin, f"ALTER TABLE users OWNER TO {role}")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    # the state schema is there now, but this user may not use it
    write_migration(tmp_path, "002_more", expand="ALTER TABLE users ADD more text;")
    sql(admin, "ALTER SCHEMA expandcontract OWNER TO postgres; ALTER TABLE expandcontract.phases OWNER TO postgres")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "missing USAGE on schema expandcontract" in result.output, result.output
    assert "rerun" not in result.output


def test_a_read_only_connection_is_named_as_such(pg_url, tmp_path):
    sql(pg_url, "CREATE TABLE users (id int PRIMARY KEY, name text)")
    write_migration(tmp_path, "001_nick", expand="ALTER TABLE users ADD nick text;")
    read_only = pg_url + "&options=-c%20default_transaction_read_only%3Don"
    for fmt in ("text", "json"):
        result = CliRunner().invoke(main, ["apply", str(tmp_path), "--database-url", read_only, "--phase", "expand",
                                           "--format", fmt])
        assert result.exit_code == 1, result.output
        assert "read-only (a replica?)" in result.output and "rerun" not in result.output
    assert sql(pg_url, "SELECT to_regnamespace('expandcontract')") == [(None,)]


# -- 11: logs that people read -------------------------------------------------------------------------


def test_progress_off_a_terminal_is_a_readable_line_every_ten_percent(pg_url, tmp_path):
    sql(pg_url, "CREATE TABLE t (id int PRIMARY KEY, n int NOT NULL DEFAULT 0)")
    sql(pg_url, "INSERT INTO t (id) SELECT generate_series(1, 20000); ANALYZE t")
    write_migration(tmp_path, "001_touch", migrate="UPDATE t SET n = n + 1;\n")
    result = CliRunner().invoke(main, ["apply", str(tmp_path), "--database-url", pg_url, "--phase", "migrate",
                                       "--batch-size", "200", "--batch-target", "1ms", "--lock-timeout", "1s"])
    assert result.exit_code == 0, result.output
    assert "{" not in result.output  # no JSON object per batch in the text log
    progress = [line for line in result.output.splitlines() if line.startswith("    backfill t: ")]
    assert 5 <= len(progress) <= 12, result.output  # about one per 10 %, not one per batch (100)
    assert all("rows updated" in line and "rows/s" in line and len(line) < 160 for line in progress)
    assert "backfilled 20,000 rows" in result.output


def test_progress_off_a_terminal_is_also_a_line_every_few_seconds_when_percent_moves_slowly(pg_url, tmp_path,
                                                                                          monkeypatch):
    from expandcontract.runner.events import TextEvents

    sql(pg_url, "CREATE TABLE t (id int PRIMARY KEY, n int NOT NULL DEFAULT 0)")
    sql(pg_url, "INSERT INTO t (id) SELECT generate_series(1, 3000); ANALYZE t")
    write_migration(tmp_path, "001_touch", migrate="UPDATE t SET n = n + 1 + length(pg_sleep(0.001)::text);\n")
    # the percent buckets never move (one bucket of 100 %): every line is the time-based one
    monkeypatch.setattr(TextEvents, "PROGRESS_EVERY_PERCENT", 1000)
    monkeypatch.setattr(TextEvents, "PROGRESS_EVERY_S", 0.5)
    t0 = time.monotonic()
    result = CliRunner().invoke(main, ["apply", str(tmp_path), "--database-url", pg_url, "--phase", "migrate",
                                       "--batch-size", "50", "--batch-target", "50ms", "--lock-timeout", "1s"])
    seconds = time.monotonic() - t0
    assert result.exit_code == 0, result.output
    progress = [line for line in result.output.splitlines() if line.startswith("    backfill t: ")]
    batches = int(result.output.split("backfilled 3,000 rows in ")[1].split()[0])
    assert 2 <= len(progress) <= seconds / 0.5 + 1 and len(progress) < batches, (len(progress), batches, seconds)


# -- 11: the default lock_timeout keeps the workload's wait short while a blocker forces retries ------


def test_the_default_lock_timeout_keeps_the_apps_wait_near_100ms_while_a_report_forces_retries(pg_url, tmp_path):
    sql(pg_url, "CREATE TABLE t (id int PRIMARY KEY, n int NOT NULL DEFAULT 0)")
    sql(pg_url, "INSERT INTO t (id) SELECT generate_series(1, 100)")
    write_migration(tmp_path, "001_add", expand="ALTER TABLE t ADD extra int;\n")
    report = psycopg.connect(pg_url, application_name="nightly report")
    report.execute("SELECT count(*) FROM t")  # ACCESS SHARE until it ends: the ALTER waits, the app behind it
    stop, waits = threading.Event(), []

    def app():
        with psycopg.connect(pg_url, autocommit=True, application_name="app") as conn:
            while not stop.is_set():
                t0 = time.monotonic()
                conn.execute("SELECT n FROM t WHERE id = 1").fetchall()
                waits.append(time.monotonic() - t0)
                time.sleep(0.005)

    def end_report():  # 1.5 s after the server first shows the runner waiting for its lock
        wait_for_runner_state(pg_url, "wait_event_type = 'Lock'")
        time.sleep(1.5)
        report.rollback()

    threads = [threading.Thread(target=app), threading.Thread(target=end_report)]
    for t in threads:
        t.start()
    try:  # no --lock-timeout: the default
        result = CliRunner().invoke(main, ["apply", str(tmp_path), "--database-url", pg_url, "--phase", "expand",
                                           "--format", "json"])
    finally:
        threads[1].join(timeout=60)
        stop.set()
        threads[0].join(timeout=60)
        report.close()
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert events[0]["settings"]["lock_timeout"] == "100ms"
    assert len([e for e in events if e["event"] == "lock_timeout"]) >= 2  # the report forced retries
    # each retry cost the app at most about one lock_timeout (the 2 s default let it wait the report's 1.5 s)
    assert max(waits) < 0.6, max(waits)
