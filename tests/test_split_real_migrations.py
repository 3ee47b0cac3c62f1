"""split on migrations as teams write them: a hazard the same file already removed is no reason
to refuse, and a NOT NULL column without a default is split with the value the user gives
(``--fill TABLE.COLUMN=SQL_EXPRESSION``)."""

from __future__ import annotations

import psycopg
import pytest
from click.testing import CliRunner

from expandcontract.cli import main
from expandcontract.config import Config
from expandcontract.runner.api import apply
from expandcontract.runner.events import CollectingEvents
from expandcontract.split import render_files, split_migration
from expandcontract.split.files import write_files

JOBS = """
CREATE TABLE jobs (id bigint PRIMARY KEY, function_fullname text, created_at timestamptz);
CREATE INDEX jobs_fn_idx ON jobs (function_fullname, created_at);
CREATE TABLE runs (id bigint PRIMARY KEY, name text);
"""

RENAME = """DROP INDEX jobs_fn_idx;
ALTER TABLE jobs RENAME function_fullname TO job_name;
CREATE INDEX jobs_job_name_idx ON jobs (job_name, created_at);
"""


def test_an_index_dropped_earlier_in_the_file_does_not_block_the_rename():
    plan = split_migration(RENAME, JOBS)
    assert plan.ok, plan.refusals
    files = render_files(plan)
    assert "DROP INDEX CONCURRENTLY IF EXISTS jobs_fn_idx" in files["contract.sql"]
    assert "ALTER TABLE jobs DROP COLUMN IF EXISTS function_fullname" in files["contract.sql"]
    # the index on the new name is built once expand has added the column
    expand = files["expand.sql"]
    assert expand.index("ADD COLUMN IF NOT EXISTS job_name") < expand.index(
        "CREATE INDEX CONCURRENTLY jobs_job_name_idx ON jobs (job_name, created_at)")


def test_an_index_still_there_still_blocks_the_rename():
    plan = split_migration(RENAME.replace("DROP INDEX jobs_fn_idx;\n", ""), JOBS)
    [refusal] = plan.refusals
    assert "used by index jobs_fn_idx" in refusal.reason


def test_not_null_without_default_names_the_fill_flag():
    [refusal] = split_migration("ALTER TABLE runs ADD COLUMN state text NOT NULL;", JOBS).refusals
    assert "--fill runs.state=SQL_EXPRESSION" in refusal.reason


def test_fill_splits_a_not_null_column_without_default():
    plan = split_migration("ALTER TABLE runs ADD COLUMN state text NOT NULL;", JOBS,
                           fills={"runs.state": "coalesce(name, 'pending')"})
    assert plan.ok, plan.refusals
    files = render_files(plan)
    assert "ALTER TABLE runs ADD COLUMN IF NOT EXISTS state text;" in files["expand.sql"]
    assert "NOT NULL" not in files["expand.sql"].split("ADD COLUMN IF NOT EXISTS state")[1].split(";")[0]
    assert "SET state = coalesce(name, 'pending')\nWHERE state IS NULL" in files["migrate.sql"]
    assert "ALTER TABLE runs ALTER COLUMN state SET NOT NULL" in files["contract.sql"]
    assert "DROP TRIGGER IF EXISTS runs_fill_state ON runs" in files["contract.sql"]


def test_fill_on_the_command_line(tmp_path):
    (tmp_path / "schema.sql").write_text(JOBS)
    (tmp_path / "m.sql").write_text("ALTER TABLE runs ADD COLUMN state text NOT NULL;\n")
    args = ["split", str(tmp_path / "m.sql"), "--schema", str(tmp_path / "schema.sql"), "--dry-run"]
    refused = CliRunner().invoke(main, args)
    assert refused.exit_code == 1 and "--fill runs.state=SQL_EXPRESSION" in refused.stderr
    done = CliRunner().invoke(main, [*args, "--fill", "runs.state='pending'"])
    assert done.exit_code == 0, done.output
    assert "SET state = 'pending'" in done.output
    bad = CliRunner().invoke(main, [*args, "--fill", "state"])
    assert bad.exit_code == 2 and "TABLE.COLUMN=SQL_EXPRESSION" in bad.output


def _run(url: str, sql: str):
    with psycopg.connect(url, autocommit=True) as conn:
        cur = conn.execute(sql)
        return cur.fetchall() if cur.description else None


@pytest.mark.postgres
def test_fill_on_postgres_old_app_writes_and_existing_rows_get_the_value(pg_url, tmp_path):
    plan = split_migration("ALTER TABLE runs ADD COLUMN state text NOT NULL;", JOBS,
                           fills={"runs.state": "coalesce(name, 'pending')"})
    write_files(tmp_path / "plan", render_files(plan))
    (tmp_path / "schema.sql").write_text(JOBS)
    _run(pg_url, JOBS)
    _run(pg_url, "INSERT INTO runs VALUES (1, 'first'), (2, NULL)")

    def phase(name: str) -> None:
        events = CollectingEvents()
        apply([str(tmp_path / "plan")], url=pg_url, target=name, config=Config(),
              schema=str(tmp_path / "schema.sql"), events=events)
        assert not events.named("step_failed"), events.named("step_failed")

    phase("expand")
    _run(pg_url, "INSERT INTO runs (id, name) VALUES (3, 'old app')")  # the old app knows no state
    _run(pg_url, "INSERT INTO runs (id, name, state) VALUES (4, 'new app', 'done')")
    phase("migrate")
    phase("contract")
    assert _run(pg_url, "SELECT id, state FROM runs ORDER BY id") == [
        (1, "first"), (2, "pending"), (3, "old app"), (4, "done")]
    assert _run(pg_url, "SELECT is_nullable FROM information_schema.columns "
                        "WHERE table_name = 'runs' AND column_name = 'state'") == [("NO",)]
    assert _run(pg_url, "SELECT count(*) FROM pg_trigger WHERE tgname = 'runs_fill_state'") == [(0,)]
