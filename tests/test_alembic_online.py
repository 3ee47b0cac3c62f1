"""Revisions that cannot be rendered offline (data migrations reading rows, inspectors,
reflection) are rendered online on a scratch PostgreSQL, or reported as EC005 with
``--render offline``; never exit 2 for it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from expandcontract.alembic.rendering import RenderOptions, rendering
from expandcontract.cli import main
from expandcontract.lint import lint_migrations
from expandcontract.sources import load_migrations

from .alembic_project import line_of, make_project, revision

BASE = revision("0001", None, """
    op.create_table(
        "users",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("email", sa.Text, nullable=False),
    )
""")

# a data migration as teams write them: reads rows, inspects the table, reflects it
DATA = revision("0002", "0001", """
    conn = op.get_bind()
    columns = [c["name"] for c in sa.inspect(conn).get_columns("users")]
    users = sa.Table("users", sa.MetaData(), autoload_with=conn)
    rows = conn.execute(sa.select(users.c.id)).fetchall()
    if "name" not in columns:
        op.add_column("users", sa.Column("name", sa.Text, nullable=False))
    for row in rows:
        conn.execute(users.update().where(users.c.id == row.id).values(email="x"))
    op.create_index("users_email_idx", "users", ["email"])
""")
LATER = revision("0003", "0002", 'op.drop_column("users", "email")')


def project(tmp_path: Path) -> tuple[Path, Path]:
    ini = make_project(tmp_path, {"0001_base": BASE, "0002_data": DATA, "0003_drop": LATER})
    return ini, tmp_path / "migrations" / "versions" / "0002_data.py"


@pytest.mark.postgres
def test_auto_renders_the_history_online_when_a_revision_cannot_render_offline(tmp_path, pg_server):
    ini, data = project(tmp_path)
    result = CliRunner().invoke(main, ["lint", str(ini), "--format", "json", "--scratch-url", pg_server])
    assert result.exit_code == 1, result.output
    assert result.stderr.count("\n") == 1  # one line says so, naming the revision and its line
    assert f"{data}:{line_of(data, 'sa.inspect')} cannot be rendered offline (NoInspectionAvailable: " in result.stderr
    assert "rendered the history online on a scratch PostgreSQL database instead" in result.stderr
    found = {(f["code"], Path(f["file"]).name, f["line"]) for f in json.loads(result.stdout)["findings"]}
    # the data migration's schema changes are linted like any other, on the op. call's line
    assert ("EC305", "0002_data.py", line_of(data, "op.add_column")) in found
    assert ("EC201", "0002_data.py", line_of(data, "op.create_index")) in found
    assert any(c == "EC301" and n == "0003_drop.py" for c, n, _ in found)
    assert not any(c == "EC005" for c, _, _ in found)


@pytest.mark.postgres
def test_online_sql_has_alembic_transactions_no_catalog_reads_and_literal_parameters(tmp_path, pg_server):
    ini, _ = project(tmp_path)
    with rendering(RenderOptions(mode="online", database_url=pg_server)):
        migrations = load_migrations([ini])
    text = migrations[1].scripts[0].text
    lines = [line for line in text.splitlines() if line]
    assert lines[0] == "BEGIN;" and lines[-1] == "COMMIT;"
    assert "pg_catalog" not in text and "information_schema" not in text  # the inspector's reads
    assert any(line.startswith("ALTER TABLE users ADD COLUMN name TEXT NOT NULL") for line in lines)
    assert any(line.startswith("CREATE INDEX users_email_idx ON users (email)") for line in lines)


@pytest.mark.postgres
def test_autocommit_blocks_run_outside_the_transaction_online_too(tmp_path, pg_server):
    ini = make_project(tmp_path, {"0001_base": BASE, "0002": revision("0002", "0001", """
        op.get_bind().execute(sa.text("select 1")).fetchall()
        with op.get_context().autocommit_block():
            op.create_index("users_email_idx", "users", ["email"], postgresql_concurrently=True)
    """)})
    with rendering(RenderOptions(mode="online", database_url=pg_server)):
        migrations = load_migrations([ini])
    codes = {f.code for f in lint_migrations(migrations).findings}
    assert "EC203" not in codes and "EC201" not in codes
    text = migrations[1].scripts[0].text
    assert "COMMIT;\nCREATE INDEX CONCURRENTLY" in text.replace("\n\n", "\n")


@pytest.mark.postgres
def test_a_revision_failing_on_the_scratch_database_is_ec005_and_the_history_goes_on(tmp_path, pg_server):
    ini = make_project(tmp_path, {
        "0001_base": BASE,
        "0002_bad": revision("0002", "0001", 'op.execute("ALTER TABLE missing ADD COLUMN x int")'),
        "0003": revision("0003", "0002", 'op.drop_column("users", "email")'),
    })
    result = CliRunner().invoke(main, ["lint", str(ini), "--render", "online", "--scratch-url", pg_server,
                                       "--format", "json"])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)["findings"]
    [ec005] = [f for f in findings if f["code"] == "EC005"]
    bad = tmp_path / "migrations" / "versions" / "0002_bad.py"
    assert (ec005["file"], ec005["line"]) == (str(bad), line_of(bad, "op.execute"))
    assert "fails on the scratch database: UndefinedTable: relation \"missing\" does not exist" in ec005["message"]
    assert any(f["code"] == "EC301" and f["file"].endswith("0003.py") for f in findings)


def test_render_offline_reports_the_revision_as_one_finding_and_goes_on(tmp_path):
    ini, data = project(tmp_path)
    result = CliRunner().invoke(main, ["lint", str(ini), "--render", "offline", "--format", "json"])
    assert result.exit_code == 1, result.output  # EC301 on 0003 is an error; EC005 itself is a warning
    findings = json.loads(result.stdout)["findings"]
    [ec005] = [f for f in findings if f["code"] == "EC005"]
    assert (ec005["file"], ec005["line"], ec005["severity"]) == (str(data), line_of(data, "sa.inspect"), "warning")
    assert "the revision cannot be rendered offline: NoInspectionAvailable:" in ec005["message"]
    assert any(f["code"] == "EC301" for f in findings)
    assert "Traceback" not in result.output


def test_render_offline_alone_exits_0_and_fail_on_warning_fails_on_it(tmp_path):
    ini = make_project(tmp_path, {"0001_base": BASE, "0002": revision("0002", "0001", """
        rows = op.get_bind().execute(sa.text("select 1")).fetchall()
    """)})
    assert CliRunner().invoke(main, ["lint", str(ini), "--render", "offline"]).exit_code == 0
    result = CliRunner().invoke(main, ["lint", str(ini), "--render", "offline", "--fail-on", "warning"])
    assert result.exit_code == 1
    assert "EC005" in result.output


def test_auto_without_a_scratch_database_marks_the_revisions_and_says_so_in_one_line(tmp_path):
    ini, data = project(tmp_path)
    result = CliRunner().invoke(main, ["lint", str(ini), "--format", "json",
                                       "--scratch-url", "postgresql://nobody@127.0.0.1:1/x?connect_timeout=2"])
    assert result.exit_code == 1, result.output
    assert result.stderr.count("\n") == 1
    assert "there is no scratch database to render it online" in result.stderr
    assert [f["line"] for f in json.loads(result.stdout)["findings"] if f["code"] == "EC005"] == [
        line_of(data, "sa.inspect")]


def test_render_online_without_a_scratch_database_is_one_line_and_exit_2(tmp_path):
    ini, _ = project(tmp_path)
    result = CliRunner().invoke(main, ["lint", str(ini), "--render", "online",
                                       "--scratch-url", "postgresql://nobody@127.0.0.1:1/x?connect_timeout=2"])
    assert result.exit_code == 2
    assert result.stderr.startswith("expandcontract: error: cannot create a scratch database:")
    assert result.stderr.count("\n") == 1


def test_check_lists_an_unrendered_revision_as_not_modelled_and_strict_fails_on_it(tmp_path):
    ini = make_project(tmp_path, {"0001_base": BASE, "0002": revision("0002", "0001", """
        rows = op.get_bind().execute(sa.text("select 1")).fetchall()
    """)})
    app = tmp_path / "app.sql"
    app.write_text("SELECT id, email FROM users;\n")
    args = ["check", str(ini), "--since", "0001", "--render", "offline", "--old-app", str(app), "--new-app", str(app)]
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    [item] = json.loads(result.stdout)["unmodelled"]
    path = tmp_path / "migrations" / "versions" / "0002.py"
    assert (item["file"], item["line"]) == (str(path), line_of(path, ".fetchall()"))
    assert "cannot be rendered offline" in item["reason"]
    assert CliRunner().invoke(main, [*args, "--strict"]).exit_code == 1


def test_the_runner_never_runs_sql_rendered_elsewhere_a_revision_that_cannot_render_is_one_line(tmp_path):
    ini, data = project(tmp_path)
    result = CliRunner().invoke(main, ["plan", str(ini)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"expandcontract: error: {data}:{line_of(data, 'sa.inspect')}: cannot render "
                                    "this revision as SQL offline (what `alembic upgrade --sql` runs): "
                                    "NoInspectionAvailable: ")
    assert result.stderr.count("\n") == 1


# an app whose first tables come from metadata.create_all: the history starts on them
CREATE_ALL_MODELS = '''
import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


class Run(Base):
    __tablename__ = "runs"
    id = sa.Column(sa.BigInteger, primary_key=True)
    status = sa.Column(sa.Enum("RUNNING", "DONE", name="run_status"))
'''
ON_CREATE_ALL = revision("0001", None, """
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id FROM runs")).fetchall()
    op.add_column("runs", sa.Column("owner", sa.Text))
    op.drop_column("runs", "status")
""")


def create_all_project(tmp_path: Path) -> Path:
    (tmp_path / "models.py").write_text(CREATE_ALL_MODELS)
    return make_project(tmp_path, {"0001_owner": ON_CREATE_ALL})


@pytest.mark.postgres
def test_online_rendering_starts_from_the_baseline_models_or_schema_file(tmp_path, pg_server):
    ini = create_all_project(tmp_path)
    revision_file = tmp_path / "migrations" / "versions" / "0001_owner.py"
    # no baseline: the revision fails on the empty scratch database, and the finding says what is missing
    result = CliRunner().invoke(main, ["lint", str(ini), "--format", "json", "--scratch-url", pg_server])
    [ec005] = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "EC005"]
    assert 'relation "runs" does not exist' in ec005["message"]
    assert "no baseline was given" in ec005["message"] and "--schema" in ec005["message"]
    # the models as baseline (their enum type too): the revision runs on them and is linted
    models = f"{tmp_path / 'models.py'}:Base"
    result = CliRunner().invoke(main, ["lint", str(ini), "--format", "json", "--scratch-url", pg_server,
                                       "--schema", models])
    assert result.exit_code == 1, result.output
    found = {(f["code"], f["line"]) for f in json.loads(result.stdout)["findings"]}
    assert ("EC301", line_of(revision_file, "op.drop_column")) in found
    assert not any(code == "EC005" for code, _ in found)
    # a pg_dump file: its SET lines stay in its own session, a statement the scratch server
    # refuses (a role it lacks) is one line, the rest is made
    dump = tmp_path / "schema.sql"
    dump.write_text("SET statement_timeout = 0;\nSELECT pg_catalog.set_config('search_path', '', false);\n"
                    "CREATE TYPE public.run_status AS ENUM ('RUNNING', 'DONE');\n"
                    "CREATE TABLE public.runs (id bigint PRIMARY KEY, status public.run_status);\n"
                    "ALTER TABLE public.runs OWNER TO no_such_role;\n")
    result = CliRunner().invoke(main, ["lint", str(ini), "--format", "json", "--scratch-url", pg_server,
                                       "--schema", str(dump)])
    assert result.exit_code == 1, result.output
    assert 'failed on the scratch database (the first, at line 5: role "no_such_role" does not exist)' in result.stderr
    found = {(f["code"], f["line"]) for f in json.loads(result.stdout)["findings"]}
    assert ("EC301", line_of(revision_file, "op.drop_column")) in found
    assert not any(code == "EC005" for code, _ in found)
    # check starts there too: the old app reads runs.status, which the revision drops
    result = CliRunner().invoke(main, ["check", str(ini), "--scratch-url", pg_server, "--schema", models,
                                       "--old-app", models, "--format", "json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert not report["ok"] and "runs.status" in json.dumps(report["failures"])


def test_sqlite_online_rendering_starts_from_the_baseline_models(tmp_path):
    ini = create_all_project(tmp_path)
    result = CliRunner().invoke(main, ["lint", str(ini), "--format", "json", "--dialect", "sqlite",
                                       "--schema", f"{tmp_path / 'models.py'}:Base"])
    assert result.exit_code in (0, 1), result.output
    assert "rendered the history online on a scratch SQLite database" in result.stderr
    report = json.loads(result.stdout)
    assert not any(f["code"] == "EC005" for f in report["findings"]), report["findings"]
    assert report["summary"]["statements"] >= 3  # the SELECT, ADD COLUMN and DROP COLUMN


# a revision as an app with its own database settings writes it: logging configured at import, a
# session on the app's configured database (here a SQLite file), not on the migration's connection
OWN_SESSION = revision("0002", "0001", """
    engine = sa.create_engine("sqlite://")
    with engine.connect() as own:
        own.execute(sa.text("UPDATE users SET email = 'x'"))
    op.add_column("users", sa.Column("name", sa.Text))
""", header="""
    import logging
    import sys
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, force=True)
""")


@pytest.mark.postgres
def test_a_revision_using_a_connection_of_its_own_says_so_and_app_logging_stays_quiet(tmp_path, pg_server):
    ini = make_project(tmp_path, {"0001_base": BASE, "0002_own": OWN_SESSION, "0003_data": DATA.replace(
        "revision = '0002'", "revision = '0003'").replace("down_revision = '0001'", "down_revision = '0002'")})
    result = CliRunner().invoke(main, ["lint", str(ini), "--format", "json", "--scratch-url", pg_server])
    assert result.exit_code == 1, result.output
    # one line: Alembic's INFO lines ("Context impl PostgresqlImpl.") go nowhere, app logging or not
    assert result.stderr.count("\n") == 1, result.stderr
    [ec005] = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "EC005"]
    assert ec005["file"].endswith("0002_own.py")
    assert "no such table: users (it ran on a sqlite3 connection of its own, not the migration's" in ec005["message"]
    assert "no baseline was given" not in ec005["message"]


def test_without_a_postgresql_driver_for_this_sqlalchemy_the_history_is_rendered_offline(tmp_path, monkeypatch):
    # SQLAlchemy 1.4 (apps pinned to it) has no psycopg 3 dialect; without psycopg2 either, auto
    # rendering says so in one line and reports the revisions as EC005: exit 1, never a traceback
    from sqlalchemy.dialects import registry

    load = registry.load

    def no_driver(name):
        if name in ("postgresql.psycopg", "postgresql.psycopg2"):
            raise ImportError(f"Can't load plugin: sqlalchemy.dialects:{name}")
        return load(name)

    monkeypatch.setattr(registry, "load", no_driver)
    ini, data = project(tmp_path)
    result = CliRunner().invoke(main, ["lint", str(ini), "--format", "json", "--scratch-url", "postgresql://nowhere/x"])
    assert result.exit_code == 1, result.output
    assert result.stderr.count("\n") == 1
    assert "has no PostgreSQL driver to run the revisions with" in result.stderr
    assert "pip install psycopg2-binary" in result.stderr
    assert [f["file"] for f in json.loads(result.stdout)["findings"] if f["code"] == "EC005"] == [str(data)]
