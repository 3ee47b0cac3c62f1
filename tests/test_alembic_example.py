"""examples/alembic_app: a rename done in expand and contract branches, linted from its
revisions and applied on PostgreSQL with Alembic."""

from __future__ import annotations

import os
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import produce_migrations
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext

from expandcontract.api import lint_paths
from expandcontract.config import load_config
from expandcontract.core.findings import Severity
from expandcontract.core.migration import ScriptKind

from .alembic_project import line_of

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "alembic_app"


def test_the_example_lints_without_errors_and_every_finding_points_at_an_op_call():
    result = lint_paths([EXAMPLE / "alembic.ini"])
    kinds = {Path(m.path).name: m.scripts[0].kind for m, _ in result.scripts}
    assert kinds == {
        "0001_create_customers.py": ScriptKind.UNPHASED,
        "0002_expand_display_name.py": ScriptKind.EXPAND,
        "0003_backfill_display_name.py": ScriptKind.MIGRATE,
        "0004_contract_drop_name.py": ScriptKind.CONTRACT,
    }
    assert [f for f in result.findings if f.severity is Severity.ERROR] == []
    assert result.findings, "the example's warnings show what the linter reports"
    for finding in result.findings:
        path = Path(finding.file)
        assert path.resolve().parent == EXAMPLE / "versions"
        written = path.read_text().splitlines()[finding.line - 1]
        assert written[finding.column - 1:].startswith(("op.", "with op.")), (finding.code, written)


def test_an_unsafe_revision_added_to_the_example_is_reported_at_its_line(tmp_path):
    project = tmp_path / "alembic_app"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("__pycache__"))
    revision = project / "versions" / "0005_expand_email_id.py"
    revision.write_text(
        '"""expand: look customers up by email and id"""\n'
        "from alembic import op\n\n"
        'revision = "0005"\ndown_revision = "0003"\nbranch_labels = None\ndepends_on = None\n\n\n'
        "def upgrade() -> None:\n"
        '    op.execute("SET LOCAL lock_timeout = \'2s\'")\n'
        '    op.create_index("ix_customers_email_id", "customers", ["email", "id"])\n'
    )
    result = lint_paths([project / "alembic.ini"])
    errors = [(Path(f.file).name, f.line, f.code, f.phase) for f in result.findings if f.severity is Severity.ERROR]
    assert errors == [("0005_expand_email_id.py", line_of(revision, "op.create_index"), "EC201", "expand")]


@pytest.fixture
def example_config(pg_url) -> AlembicConfig:
    config = AlembicConfig(str(EXAMPLE / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", pg_url.replace("postgresql://", "postgresql+psycopg://", 1)
                           .replace("%", "%%"))
    config.attributes["configure_logger"] = False
    return config


@pytest.mark.postgres
def test_the_example_applies_in_two_branches_on_postgresql(example_config, pg_url):
    command.upgrade(example_config, "0001")
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("INSERT INTO customers (name, email) VALUES ('Ada', 'ada@example.com')")

    command.upgrade(example_config, "expand@head")  # the old app is live: it writes name only
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("INSERT INTO customers (name, email) VALUES ('Grace', 'grace@example.com')")
        # the new app, deployed now, writes display_name only
        conn.execute("INSERT INTO customers (display_name, email) VALUES ('Edsger', 'edsger@example.com')")
        assert conn.execute("SELECT name, display_name FROM customers ORDER BY id").fetchall() == [
            ("Ada", "Ada"), ("Grace", "Grace"), ("Edsger", "Edsger")]
        assert conn.execute("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_customers_email'::regclass"
                            ).fetchone() == (True,)

    command.upgrade(example_config, "contract@head")  # the old app is gone
    with psycopg.connect(pg_url, autocommit=True) as conn:
        columns = conn.execute("SELECT column_name, is_nullable FROM information_schema.columns "
                               "WHERE table_name = 'customers' ORDER BY ordinal_position").fetchall()
        assert columns == [("id", "NO"), ("email", "NO"), ("display_name", "NO")]
        assert conn.execute("SELECT count(*) FROM pg_constraint WHERE contype = 'c' "
                            "AND conrelid = 'customers'::regclass").fetchone() == (0,)
        # 0004 depends on 0003, so Alembic records only 0004 as applied head
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0004",)]
    # the revisions build exactly what the new app's models describe
    models = runpy.run_path(str(EXAMPLE / "models.py"))
    engine = sa.create_engine(example_config.get_main_option("sqlalchemy.url"))
    try:
        with engine.connect() as connection:
            diff = produce_migrations(MigrationContext.configure(connection), models["Base"].metadata)
    finally:
        engine.dispose()
    assert diff.upgrade_ops.is_empty(), diff.upgrade_ops.as_diffs()


def test_the_example_reads_its_own_config_not_the_one_of_the_sql_examples():
    config = load_config(EXAMPLE / "alembic.ini")
    assert Path(config.source).resolve() == EXAMPLE / "expandcontract.toml"
    assert (config.runner, config.pg_version) == ("expandcontract", 16)
    assert Path(config.resolve(config.schema)).resolve() == EXAMPLE / "baseline.sql"
    assert [Path(config.resolve(p)).resolve() for p in config.paths] == [EXAMPLE / "alembic.ini"]
    assert config.new_app == ("models.py:Base",) and config.old_app == ()
    # the runner sets lock_timeout and resumes after the last step done: EC214/EC409 stay quiet
    assert {f.code for f in lint_paths([EXAMPLE / "alembic.ini"], config=config).findings} == {"EC307"}


def _readme_session(readme: Path, command: str) -> str:
    """What the README shows after ``$ command`` in a ```console block, up to the fence."""
    text = readme.read_text(encoding="utf-8")
    start = text.index(f"```console\n$ {command}\n") + len(f"```console\n$ {command}\n")
    return text[start:text.index("```", start)]


def test_the_readme_lint_command_prints_what_the_readme_shows_from_a_fresh_shell():
    root = EXAMPLE.parent.parent
    command = "expandcontract lint examples/alembic_app/alembic.ini"
    script = Path(sys.executable).parent / "expandcontract"
    argv = [str(script)] if script.exists() else [sys.executable, "-m", "expandcontract"]
    env = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", str(root)), "LANG": "C.UTF-8"}
    done = subprocess.run([*argv, *command.split()[1:]], cwd=root, env=env, capture_output=True, text=True,
                          timeout=120)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == _readme_session(EXAMPLE / "README.md", command)
