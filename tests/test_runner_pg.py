"""The runner on a real PostgreSQL: apply, resume, lock contention, concurrent runners, failed
concurrent indexes, drift, abort, app verification, dry runs. Never skipped."""

from __future__ import annotations

import threading
import time

import psycopg
import pytest
from click.testing import CliRunner

from expandcontract.cli import main
from expandcontract.runner import api
from expandcontract.runner.errors import (
    AnotherRunner,
    LockBudgetSpent,
    Refused,
    StepFailed,
    VerificationFailed,
)
from expandcontract.runner.events import CollectingEvents

from .runner_helpers import FAST, run_apply, sql, write_migration

pytestmark = pytest.mark.postgres

RENAME = dict(
    expand="""ALTER TABLE users ADD COLUMN full_name text;
CREATE FUNCTION users_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.full_name := COALESCE(NEW.full_name, NEW.name); NEW.name := COALESCE(NEW.name, NEW.full_name); RETURN NEW; END $$;
CREATE TRIGGER users_sync BEFORE INSERT OR UPDATE ON users FOR EACH ROW EXECUTE FUNCTION users_sync();
""",
    migrate="UPDATE users SET full_name = name WHERE full_name IS DISTINCT FROM name;\n",
    contract="DROP TRIGGER users_sync ON users;\nDROP FUNCTION users_sync();\nALTER TABLE users DROP COLUMN name;\n",
)


@pytest.fixture
def users(pg_url):
    sql(pg_url, "CREATE TABLE users (id bigint PRIMARY KEY, name text, touched int NOT NULL DEFAULT 0)")
    sql(pg_url, "INSERT INTO users (id, name) SELECT g, 'user ' || g FROM generate_series(1, 3000) g")
    return pg_url


def test_apply_runs_phases_in_order_and_backfills_every_row_once(users, tmp_path):
    write_migration(tmp_path, "001_rename", **RENAME)
    small = FAST.__class__(**{**FAST.__dict__, "batch_size": 100, "batch_target": 0.05})
    events, error = run_apply(users, [tmp_path], "migrate", small)
    assert error is None, error
    batches = events.named("backfill_batch")
    assert len(batches) >= 3 and batches[-1]["rows_updated"] == 3000
    assert sql(users, "SELECT count(*) FROM users WHERE full_name IS DISTINCT FROM name") == [(0,)]
    # contract, then nothing left to do
    events, error = run_apply(users, [tmp_path], "contract")
    assert error is None, error
    events, error = run_apply(users, [tmp_path], "all")
    assert error is None and events.named("run_finished")[0]["phases_run"] == 0
    report = api.status(url=users, paths=[str(tmp_path)])
    (m,) = report["migrations"]
    assert m["state"] == "complete" and m["backfills"][0]["rows_updated"] == 3000 and not m["drift"]


def test_backfill_batches_exactly_once_with_a_counter(users, tmp_path):
    write_migration(tmp_path, "001_touch", migrate="UPDATE users SET touched = touched + 1;")
    settings = FAST.__class__(**{**FAST.__dict__, "batch_size": 7, "batch_target": 0.001, "batch_min": 7})
    _events, error = run_apply(users, [tmp_path], "migrate", settings)
    assert error is None, error
    assert sql(users, "SELECT touched, count(*) FROM users GROUP BY 1") == [(1, 3000)]


def test_real_executor_sends_what_the_plan_shows(users, tmp_path):
    write_migration(tmp_path, "001_rename", **RENAME)
    planned = api.plan([str(tmp_path)], target="expand", url=users, settings=FAST)
    events, error = run_apply(users, [tmp_path], "expand")
    assert error is None, error
    (started,) = events.named("step_started")
    assert ["BEGIN", *started["sql"], "COMMIT"] == planned[0].sql
    # the dry run wrote nothing: the state schema appeared with the real run only
    assert sql(users, "SELECT count(*) FROM expandcontract.steps") == [(1,)]


def test_dry_run_writes_nothing(users, tmp_path):
    write_migration(tmp_path, "001_rename", **RENAME)
    result = CliRunner().invoke(main, ["apply", str(tmp_path), "--database-url", users, "--phase", "all", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "UPDATE users SET full_name = name WHERE (full_name IS DISTINCT FROM name) AND users.\"id\" > :last_key" \
        in result.output
    assert sql(users, "SELECT to_regnamespace('expandcontract'), to_regclass('users_sync')") == [(None, None)]
    assert sql(users, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'full_name'") == [(0,)]


class Blocker:
    """Another session holding a lock on a table, like a long report or a forgotten transaction."""

    def __init__(self, url: str, table: str) -> None:
        self.conn = psycopg.connect(url, application_name="nightly report")
        self.conn.execute(f"SELECT count(*) FROM {table}")  # ACCESS SHARE, held until the transaction ends
        self.pid = self.conn.info.backend_pid

    def release(self) -> None:
        self.conn.rollback()
        self.conn.close()


def test_lock_contention_retries_then_fails_naming_the_blocker_and_rerun_completes(users, tmp_path):
    write_migration(tmp_path, "001_add", expand="CREATE TABLE audit (id int);\nALTER TABLE users ADD nick text;")
    blocker = Blocker(users, "users")
    try:
        events, error = run_apply(users, [tmp_path], "expand")
    finally:
        blocker.release()
    assert isinstance(error, LockBudgetSpent)
    assert f"pid {blocker.pid}" in str(error) and "nightly report" in str(error) and "SELECT count(*)" in str(error)
    retries = events.named("lock_timeout")
    assert len(retries) >= 2 and all(r["blockers"][0]["pid"] == blocker.pid for r in retries)
    # nothing of the step stayed: CREATE TABLE was rolled back with the blocked ALTER
    assert sql(users, "SELECT to_regclass('audit')") == [(None,)]
    status = api.status(url=users, paths=[str(tmp_path)])["migrations"][0]
    assert status["state"] == "expand failed at step 1"
    events, error = run_apply(users, [tmp_path], "expand")
    assert error is None, error
    assert sql(users, "SELECT to_regclass('audit') IS NOT NULL") == [(True,)]


def test_a_blocker_that_lets_go_costs_retries_not_a_failure(users, tmp_path):
    write_migration(tmp_path, "001_add", expand="CREATE TABLE audit (id int);\nALTER TABLE users ADD nick text;")
    blocker = Blocker(users, "users")
    threading.Timer(0.8, blocker.release).start()
    events, error = run_apply(users, [tmp_path], "expand")
    assert error is None, error
    finished = events.named("step_finished")[0]
    assert finished["attempts"] >= 2  # the whole transaction ran again, CREATE TABLE included


def test_second_runner_fails_fast_naming_the_first(users, tmp_path):
    write_migration(tmp_path, "001_add", expand="ALTER TABLE users ADD nick text;")
    holder = psycopg.connect(users, autocommit=True, application_name="expandcontract apply")
    try:
        holder.execute("SELECT pg_advisory_lock(%s, %s)", (0x65634D47, 1))
        t0 = time.monotonic()
        _events, error = run_apply(users, [tmp_path], "expand")
        assert time.monotonic() - t0 < 10  # fails at once; the bound only leaves room for a loaded machine
        assert isinstance(error, AnotherRunner)
        message = str(error)
        assert f"pid {holder.info.backend_pid}" in message and "'expandcontract apply'" in message
        assert "connected since" in message
        runner = api.status(url=users, paths=[str(tmp_path)])["runner"]
        assert runner["pid"] == holder.info.backend_pid
    finally:
        holder.close()
    assert run_apply(users, [tmp_path], "expand")[1] is None


def test_failed_unique_concurrent_index_is_dropped_and_rebuilt_after_the_data_is_fixed(pg_url, tmp_path):
    sql(pg_url, "CREATE TABLE accounts (id int PRIMARY KEY, email text)")
    sql(pg_url, "INSERT INTO accounts SELECT g, 'a' || (g % 50) FROM generate_series(1, 100) g")
    write_migration(tmp_path, "001_unique",
                    expand="CREATE UNIQUE INDEX CONCURRENTLY accounts_email_key ON accounts (email);\n")
    events, error = run_apply(pg_url, [tmp_path], "expand")
    assert isinstance(error, StepFailed) and "23505" in str(error) and "001_unique/expand.sql:1" in str(error)
    assert sql(pg_url, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'accounts_email_key'::regclass") == [(False,)]
    sql(pg_url, "DELETE FROM accounts WHERE id > 50")
    events, error = run_apply(pg_url, [tmp_path], "expand")
    assert error is None, error
    assert [e["index"] for e in events.named("invalid_index")] == ["accounts_email_key"]
    assert sql(pg_url, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'accounts_email_key'::regclass") == [(True,)]


def test_a_concurrent_index_that_exists_and_is_valid_is_not_built_again(pg_url, tmp_path):
    sql(pg_url, "CREATE TABLE t (id int PRIMARY KEY, a int)")
    write_migration(tmp_path, "001_idx", expand="CREATE INDEX CONCURRENTLY t_a ON t (a);\n")
    sql(pg_url, "CREATE INDEX t_a ON t (a)")  # a run that died after the build, before recording it
    events, error = run_apply(pg_url, [tmp_path], "expand")
    assert error is None, error
    assert "exists and is valid" in events.named("step_skipped")[0]["reason"]


def test_drift_is_reported_by_status(users, tmp_path):
    folder = write_migration(tmp_path, "001_rename", **RENAME)
    assert run_apply(users, [tmp_path], "expand")[1] is None
    (folder / "expand.sql").write_text(RENAME["expand"] + "-- edited after apply\nALTER TABLE users ADD x int;\n")
    result = CliRunner().invoke(main, ["status", str(tmp_path), "--database-url", users])
    assert result.exit_code == 1
    assert "DRIFT" in result.output and "file changed since" in result.output
    _events, error = run_apply(users, [tmp_path], "migrate")
    assert isinstance(error, Refused) and "001_rename/expand.sql" in str(error)
    events, error = run_apply(users, [tmp_path], "migrate", accept_changed=True)
    assert error is None and events.named("drift")[0]["phase"] == "expand"


def test_contract_before_migrate_is_refused_and_nothing_runs(users, tmp_path):
    write_migration(tmp_path, "001_rename", **RENAME)
    assert run_apply(users, [tmp_path], "expand")[1] is None
    _events, error = run_apply(users, [tmp_path], "contract")
    assert isinstance(error, Refused) and "migrate phase has not finished" in str(error)
    assert sql(users, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' "
                      "AND column_name = 'name'") == [(1,)]


def test_abort_reverses_an_expand_and_refuses_to_lose_data(users, tmp_path):
    write_migration(tmp_path, "001_rename", **RENAME)
    write_migration(tmp_path, "002_tags", expand="CREATE TABLE tags (id int PRIMARY KEY);\n"
                                                 "CREATE INDEX CONCURRENTLY users_name_idx ON users (name);\n"
                                                 "ALTER TABLE users ADD CONSTRAINT name_len CHECK (length(name) < 99) "
                                                 "NOT VALID;\n")
    assert run_apply(users, [tmp_path], "migrate")[1] is None
    sql(users, "INSERT INTO tags VALUES (1)")
    events = CollectingEvents()
    with pytest.raises(Refused, match="would delete data: table tags holds 1 rows"):
        api.abort([str(tmp_path)], "002_tags", url=users, settings=FAST, events=events)
    sql(users, "DELETE FROM tags")
    api.abort([str(tmp_path)], "002_tags", url=users, settings=FAST, events=events)
    assert sql(users, "SELECT to_regclass('tags'), to_regclass('users_name_idx')") == [(None, None)]
    assert sql(users, "SELECT count(*) FROM pg_constraint WHERE conname = 'name_len'") == [(0,)]
    # 001 was backfilled: full_name holds data; only --force drops it
    with pytest.raises(Refused, match=r"users.full_name holds values in 3,000 rows"):
        api.abort([str(tmp_path)], "001_rename", url=users, settings=FAST, events=events)
    api.abort([str(tmp_path)], "001_rename", url=users, settings=FAST, events=events, force=True)
    assert sql(users, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'full_name'") == [(0,)]
    assert sql(users, "SELECT count(*) FROM pg_trigger WHERE tgname = 'users_sync'") == [(0,)]
    states = {m["name"]: m["state"] for m in api.status(url=users, paths=[str(tmp_path)])["migrations"]}
    assert states == {"001_rename": "aborted", "002_tags": "aborted"}
    # aborted migrations are pending again
    assert run_apply(users, [tmp_path], "expand")[1] is None


def test_abort_uses_down_sql_and_refuses_after_contract(users, tmp_path):
    write_migration(tmp_path, "001_nick", expand="ALTER TABLE users ALTER COLUMN name SET DEFAULT 'x';",
                    down="ALTER TABLE users ALTER COLUMN name DROP DEFAULT;")
    write_migration(tmp_path, "002_drop", expand="ALTER TABLE users ADD z int;", contract="ALTER TABLE users DROP z;")
    assert run_apply(users, [tmp_path], "all")[1] is None
    api.abort([str(tmp_path)], "001_nick", url=users, settings=FAST, events=CollectingEvents())
    assert sql(users, "SELECT column_default FROM information_schema.columns WHERE table_name = 'users' "
                      "AND column_name = 'name'") == [(None,)]
    with pytest.raises(Refused, match="contract phase has started"):
        api.abort([str(tmp_path)], "002_drop", url=users, settings=FAST, events=CollectingEvents())


def test_abort_without_down_sql_refuses_what_it_cannot_reverse(users, tmp_path):
    write_migration(tmp_path, "001_default", expand="ALTER TABLE users ALTER COLUMN name SET DEFAULT 'x';")
    assert run_apply(users, [tmp_path], "expand")[1] is None
    with pytest.raises(Refused, match=r"001_default/expand.sql:1 automatically .*write the undo in .*down.sql"):
        api.abort([str(tmp_path)], "001_default", url=users, settings=FAST, events=CollectingEvents())


def test_verify_app_prepares_queries_around_each_phase(users, tmp_path):
    write_migration(tmp_path, "001_rename", **RENAME)
    app = tmp_path / "old_app.sql"
    app.write_text("SELECT id, name FROM users WHERE id = $1;\nUPDATE users SET name = $1 WHERE id = $2;\n")
    events, error = run_apply(users, [tmp_path / "001_rename"], "migrate", verify_app=[str(app)])
    assert error is None, error
    assert [e["ok"] for e in events.named("verify_finished")] == [2, 2, 2, 2]
    events, error = run_apply(users, [tmp_path / "001_rename"], "contract", verify_app=[str(app)])
    assert isinstance(error, VerificationFailed) and "old_app.sql:1" in str(error)
    failed = events.named("verify_failed")
    assert {f["line"] for f in failed} == {1, 2} and all(f["when"] == "after" for f in failed)
    assert sql(users, "SELECT count(*) FROM pg_prepared_statements") == [(0,)]


def test_verify_app_reads_every_app_source_check_reads(users, tmp_path):
    """SQLAlchemy models (every mapped column must exist) and other placeholder styles, as in check."""
    write_migration(tmp_path, "001_rename", **RENAME)
    (tmp_path / "models.py").write_text(
        "from sqlalchemy import BigInteger, Text\n"
        "from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column\n\n\n"
        "class Base(DeclarativeBase):\n    pass\n\n\n"
        "class User(Base):\n"
        "    __tablename__ = 'users'\n"
        "    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)\n"
        "    name: Mapped[str] = mapped_column(Text)\n")
    queries = tmp_path / "queries.sql"
    queries.write_text("-- name: by_name\nSELECT id FROM users WHERE name = %(name)s;\n")
    sources = [f"{tmp_path / 'models.py'}:Base", str(queries)]
    events, error = run_apply(users, [tmp_path / "001_rename"], "migrate", verify_app=sources)
    assert error is None, error
    assert [e["ok"] for e in events.named("verify_finished")] == [2, 2, 2, 2]
    events, error = run_apply(users, [tmp_path / "001_rename"], "contract", verify_app=sources)
    assert isinstance(error, VerificationFailed)
    failed = events.named("verify_failed")
    assert {f["source"].rsplit("/", 1)[-1] for f in failed} == {"models.py", "queries.sql"}
    assert all("name" in f["error"] for f in failed)


def test_cli_masks_passwords_and_reports_bad_urls_in_one_line(users, tmp_path):
    write_migration(tmp_path, "001_add", expand="ALTER TABLE users ADD nick text;")
    with_password = users.replace("postgres:@", "postgres:hunter22secret@")
    assert "hunter22secret" in with_password
    result = CliRunner().invoke(main, ["apply", str(tmp_path), "--database-url", with_password, "--phase", "expand",
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "hunter22secret" not in result.output and "postgres:***@" in result.output
    bad = "postgresql://app:hunter22secret@127.0.0.1:1/nowhere"
    result = CliRunner().invoke(main, ["apply", str(tmp_path), "--database-url", bad, "--phase", "expand"])
    assert result.exit_code == 2
    assert "hunter22secret" not in result.output and result.output.strip().count("\n") == 0
    assert "cannot connect" in result.output
    result = CliRunner().invoke(main, ["status", "--database-url", "postgresql://h:x:y/"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    result = CliRunner(env={"DATABASE_URL": ""}).invoke(main, ["status"])
    assert result.exit_code == 2 and "no database URL" in result.output


def test_a_batch_cancelled_by_statement_timeout_is_retried_smaller(pg_url, tmp_path):
    sql(pg_url, "CREATE TABLE t (id int PRIMARY KEY, n int NOT NULL DEFAULT 0)")
    sql(pg_url, "INSERT INTO t (id) SELECT generate_series(1, 300)")
    write_migration(tmp_path, "001_slow", migrate="UPDATE t SET n = n + 1 + length(pg_sleep(0.001)::text);")
    settings = FAST.__class__(**{**FAST.__dict__, "statement_timeout": 0.15, "batch_size": 1000})
    events, error = run_apply(pg_url, [tmp_path], "migrate", settings)
    assert error is None, error
    shrinks = events.named("statement_timeout")
    assert shrinks and shrinks[0]["batch_size"] == 1000 and shrinks[0]["new_batch_size"] == 250
    assert sql(pg_url, "SELECT n, count(*) FROM t GROUP BY n") == [(1, 300)]


UNSAFE_RENAME = "ALTER TABLE users RENAME COLUMN name TO full_name;\n"


def test_lint_errors_in_the_phases_about_to_run_refuse_the_run(users, tmp_path):
    (tmp_path / "001_rename.sql").write_text(UNSAFE_RENAME)
    _events, error = run_apply(users, [tmp_path], "expand")
    assert isinstance(error, Refused), error
    assert f"{tmp_path / '001_rename.sql'}:1:1 EC303 rename-column" in str(error) and "Nothing was run" in str(error)
    # nothing happened: not the rename, not even the runner's state schema
    assert sql(users, "SELECT to_regnamespace('expandcontract'), count(*) FROM information_schema.columns "
                      "WHERE table_name = 'users' AND column_name = 'name' GROUP BY 1") == [(None, 1)]
    # a dry run shows the plan and lists the finding
    events, error = run_apply(users, [tmp_path], "expand", dry_run=True)
    assert error is None and [e["code"] for e in events.named("unsafe")] == ["EC303"]
    # a reviewed exception in the file, or --allow-unsafe, lets it through
    (tmp_path / "001_rename.sql").write_text("-- expandcontract: ignore EC303 -- no app reads users.name\n" + UNSAFE_RENAME)
    assert run_apply(users, [tmp_path], "expand")[1] is None
    assert sql(users, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'full_name'") == [(1,)]


def test_allow_unsafe_applies_and_says_so(users, tmp_path):
    (tmp_path / "001_rename.sql").write_text(UNSAFE_RENAME)
    result = CliRunner().invoke(main, ["apply", str(tmp_path), "--database-url", users, "--phase", "expand"])
    assert result.exit_code == 1 and "refusing to apply: 1 lint error" in result.output
    result = CliRunner().invoke(main, ["apply", str(tmp_path), "--database-url", users, "--phase", "expand",
                                       "--allow-unsafe"])
    assert result.exit_code == 0, result.output
    assert "EC303 rename-column" in result.output and "(applied anyway: --allow-unsafe)" in result.output


def test_only_the_phases_about_to_run_are_gated(users, tmp_path):
    # contract drops a column the old app reads: an error there only if it ran in expand
    write_migration(tmp_path, "001_drop", expand="ALTER TABLE users ADD COLUMN nickname text;\n",
                    contract="ALTER TABLE users DROP COLUMN name;\nCREATE INDEX users_nickname_idx ON users (nickname);\n")
    assert run_apply(users, [tmp_path], "expand")[1] is None
    _events, error = run_apply(users, [tmp_path], "contract")
    assert isinstance(error, Refused) and "EC201 require-concurrent-index" in str(error)
