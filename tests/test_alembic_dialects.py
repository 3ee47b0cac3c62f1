"""--dialect renders Alembic revisions with that dialect, so dialect-gated revisions are seen as
that database runs them and the SQL is parsed by the matching parser."""

from __future__ import annotations

import json

from click.testing import CliRunner

from expandcontract.cli import main

from .alembic_project import make_project, revision

BASE = revision("0001", None, """
    op.create_table("users", sa.Column("id", sa.BigInteger, primary_key=True), sa.Column("email", sa.Text))
""")
GATED = revision("0002", "0001", """
    if op.get_context().dialect.name == "postgresql":
        with op.get_context().autocommit_block():
            op.create_index("users_email_idx", "users", ["email"], postgresql_concurrently=True)
    else:
        op.create_index("users_email_idx", "users", ["email"])
    op.add_column("users", sa.Column("meta", sa.JSON))
""")


def lint(ini, *args):
    result = CliRunner().invoke(main, ["lint", str(ini), "--format", "json", *args])
    return result, (json.loads(result.stdout) if result.stdout.startswith("{") else None)


def test_each_dialect_renders_its_own_branch_and_parses_without_false_syntax_errors(tmp_path):
    ini = make_project(tmp_path, {"0001_base": BASE, "0002_gated": GATED})
    for dialect in ("mysql", "sqlite"):
        result, report = lint(ini, "--dialect", dialect)
        assert report is not None, result.output
        assert not [f for f in report["findings"] if f["code"] == "EC001"], (dialect, report["findings"])
        assert report["summary"]["unparsed"] == 0
    result, report = lint(ini)  # PostgreSQL: the concurrent branch
    assert result.exit_code == 0, result.output
    assert not [f for f in report["findings"] if f["code"] in ("EC201", "EC203")]


def test_sqlite_renders_online_in_memory(tmp_path):
    ini = make_project(tmp_path, {"0001_base": BASE, "0002": revision("0002", "0001", """
        rows = op.get_bind().execute(sa.text("select count(*) from users")).fetchall()
        columns = [c["name"] for c in sa.inspect(op.get_bind()).get_columns("users")]
        op.add_column("users", sa.Column("name", sa.Text))
    """)})
    result, report = lint(ini, "--dialect", "sqlite")
    assert report is not None, result.output
    assert "rendered the history online on a scratch SQLite database instead" in result.stderr
    assert not [f for f in report["findings"] if f["code"] in ("EC001", "EC005")]
    # BEGIN, CREATE TABLE, COMMIT; BEGIN, the count, ADD COLUMN, COMMIT: the inspector's PRAGMA reads are left out
    assert report["summary"]["statements"] == 7


def test_online_rendering_for_mysql_is_refused_in_one_line(tmp_path):
    ini = make_project(tmp_path, {"0001_base": BASE})
    result = CliRunner().invoke(main, ["lint", str(ini), "--dialect", "mysql", "--render", "online"])
    assert result.exit_code == 2
    assert result.stderr == ("expandcontract: error: --render online runs the revisions on a scratch PostgreSQL (or "
                             "an in-memory SQLite database): not for --dialect mysql; use --render offline\n")
