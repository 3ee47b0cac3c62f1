"""``expandcontract split`` on the command line: files written whole or not at all, refusals
exit 1, bad input exits 2 with one line naming the file."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from expandcontract.cli import main
from expandcontract.split import render_files, split_migration

from .test_split_recipes import BASE

NAMES = ["PLAN.md", "contract.sql", "expand.sql", "migrate.sql"]


@pytest.fixture
def project(tmp_path):
    (tmp_path / "schema.sql").write_text(BASE)
    (tmp_path / "rename.sql").write_text("-- rename\nALTER TABLE users RENAME COLUMN name TO full_name;\n")
    return tmp_path


def run(*args):
    result = CliRunner().invoke(main, ["split", *map(str, args)])
    return result.exit_code, result.output


def test_writes_the_three_phases_and_the_plan(project):
    out = project / "plan"
    code, output = run(project / "rename.sql", "--schema", project / "schema.sql", "--out", out)
    assert code == 0, output
    assert sorted(os.listdir(out)) == NAMES
    expected = render_files(split_migration((project / "rename.sql").read_text(), BASE,
                                            source=str(project / "rename.sql")))
    for name, text in expected.items():
        assert (out / name).read_text() == text
    assert f"wrote {out / 'expand.sql'}" in output
    assert "1 split into phases" in output
    assert "Deploy the new app before running migrate.sql" in (out / "PLAN.md").read_text()


def test_refuses_to_overwrite_without_force(project):
    out = project / "plan"
    out.mkdir()
    (out / "expand.sql").write_text("keep me")
    code, output = run(project / "rename.sql", "--schema", project / "schema.sql", "--out", out)
    assert code == 2
    assert f"{out / 'expand.sql'}: already exists" in output and "--force" in output
    assert (out / "expand.sql").read_text() == "keep me"
    assert os.listdir(out) == ["expand.sql"]
    code, output = run(project / "rename.sql", "--schema", project / "schema.sql", "--out", out, "--force")
    assert code == 0, output
    assert "users_sync_full_name" in (out / "expand.sql").read_text()


def test_dry_run_prints_everything_and_writes_nothing(project):
    code, output = run(project / "rename.sql", "--schema", project / "schema.sql", "--dry-run")
    assert code == 0, output
    for name in ("expand.sql", "migrate.sql", "contract.sql", "PLAN.md"):
        assert f"==> {name} <==" in output
    assert "-- expandcontract: backfill key=id" in output
    assert sorted(os.listdir(project)) == ["rename.sql", "schema.sql"]


def test_a_statement_it_cannot_split_exits_1_and_writes_nothing(project):
    (project / "bad.sql").write_text("ALTER TABLE users ADD COLUMN a int;\nALTER TABLE orders ADD COLUMN c text NOT NULL;\n")
    code, output = run(project / "bad.sql", "--schema", project / "schema.sql", "--out", project / "plan")
    assert code == 1
    assert f"{project / 'bad.sql'}:2: cannot split safely: orders.c is NOT NULL without a default" in output
    assert "nothing written" in output
    assert not (project / "plan").exists()


def test_a_new_index_named_like_a_baseline_one_exits_1(project):
    (project / "clash.sql").write_text("CREATE INDEX orders_note_idx ON orders (note, id);\n")
    code, output = run(project / "clash.sql", "--schema", project / "schema.sql", "--out", project / "plan")
    assert code == 1
    assert "the new index orders_note_idx has the name of the existing index orders_note_idx" in output
    assert not (project / "plan").exists()


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("ALTER TABLE users ADD COLUMN a int;\nALTER TABLEX;", ("--out", "plan"), "bad.sql:2: cannot parse"),
        ("ALTER TABLE users ADD COLUMN a int;", ("--out", "plan", "--schema", "missing.sql"),
         "missing.sql: schema file not found"),
        ("ALTER TABLE users ADD COLUMN a int;", (), "give --out DIR"),
        ("-- expandcontract: phase expand\nSELECT 1;", ("--out", "plan"), "bad.sql:1: already split into phases"),
    ],
)
def test_bad_input_exits_2_with_one_line(project, monkeypatch, content, args, message):
    monkeypatch.chdir(project)
    (project / "bad.sql").write_text(content)
    if "--schema" not in args:
        args = (*args, "--schema", "schema.sql")
    code, output = run("bad.sql", *args)
    assert code == 2
    assert message in output
    assert "Traceback" not in output
    assert not (project / "plan").exists()


def test_missing_migration_and_no_schema(project, monkeypatch):
    monkeypatch.chdir(project)
    code, output = run("nope.sql", "--schema", "schema.sql", "--dry-run")
    assert (code, output.strip()) == (2, "expandcontract: error: nope.sql: no such file or directory")
    code, output = run("rename.sql", "--dry-run")
    assert code == 2 and "no baseline schema" in output


def test_alembic_options_need_the_alembic_format(project):
    code, output = run(project / "rename.sql", "--schema", project / "schema.sql", "--down-revision", "abc",
                       "--dry-run")
    assert code == 2 and "--down-revision, --alembic and --rev-id go with --format alembic" in output


def test_schema_comes_from_the_config(project, monkeypatch):
    (project / "expandcontract.toml").write_text('[tool.expandcontract]\nschema = "schema.sql"\n')
    monkeypatch.chdir(project)
    code, output = run("rename.sql", "--dry-run")
    assert code == 0, output


def test_a_failed_write_leaves_no_file_behind(project, monkeypatch):
    calls = []
    real_fsync = os.fsync

    def failing_fsync(fd):
        calls.append(fd)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    out = project / "plan"
    code, output = run(project / "rename.sql", "--schema", project / "schema.sql", "--out", out)
    assert code == 2
    assert "cannot write the plan: No space left on device" in output
    assert os.listdir(out) == []


def test_a_plan_that_fails_lint_is_not_written(project, monkeypatch):
    import expandcontract.commands.split as split_command

    def unsafe(plan):
        files = render_files(plan)
        files["expand.sql"] = "CREATE INDEX users_email_idx ON users (email);\n"
        return files

    monkeypatch.setattr(split_command, "render_files", unsafe)
    out = project / "plan"
    code, output = run(project / "rename.sql", "--schema", project / "schema.sql", "--out", out)
    assert code == 1
    assert "EC201" in output and "nothing written: lint finds 1 error(s)" in output
    assert not out.exists()
