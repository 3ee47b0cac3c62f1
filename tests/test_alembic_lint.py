"""Linting Alembic revisions as they are: offline SQL rendered in process, phases from branch
labels / ``phase`` / data-only SQL, findings on the revision file's ``op.`` call lines."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from expandcontract.alembic import alembic_migrations, is_alembic_path
from expandcontract.cli import main
from expandcontract.core.errors import InputError
from expandcontract.core.migration import ScriptKind
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


def lint(ini: Path):
    return lint_migrations(load_migrations([ini])).findings


def at(findings, code: str) -> list[tuple[str, int, int]]:
    return [(Path(f.file).name, f.line, f.column) for f in findings if f.code == code]


def test_detects_ini_script_directory_and_versions_folder(tmp_path):
    ini = make_project(tmp_path, {"0001_base": BASE})
    scripts = tmp_path / "migrations"
    assert is_alembic_path(ini)
    assert is_alembic_path(scripts)
    assert is_alembic_path(scripts / "versions")
    assert not is_alembic_path(tmp_path / "migrations" / "versions" / "0001_base.py")
    for path in (ini, scripts, scripts / "versions"):
        [migration] = load_migrations([path])
        assert migration.name == "0001_base"
        assert migration.path.endswith("0001_base.py")
        assert "CREATE TABLE users" in migration.scripts[0].text


def test_one_migration_per_revision_in_upgrade_order_with_transactions_as_alembic_runs_them(tmp_path):
    ini = make_project(tmp_path, {
        "0001_base": BASE,
        "0003_later": revision("0003", "0002", 'op.add_column("users", sa.Column("age", sa.Integer))'),
        "0002_name": revision("0002", "0001", 'op.add_column("users", sa.Column("name", sa.Text))'),
    })
    migrations = load_migrations([ini])
    assert [m.name for m in migrations] == ["0001_base", "0002_name", "0003_later"]
    text = migrations[1].scripts[0].text
    assert [line for line in text.splitlines() if line] == [
        "BEGIN;", "ALTER TABLE users ADD COLUMN name TEXT;", "COMMIT;"]


def test_branch_labels_declare_phases_and_children_inherit_them(tmp_path):
    ini = make_project(tmp_path, {
        "0001_base": BASE,
        "0002_expand": revision("0002", "0001", 'op.add_column("users", sa.Column("name", sa.Text))',
                                labels=("expand",)),
        "0003_contract": revision("0003", "0001", 'op.drop_column("users", "email")',
                                  labels=("contract",), depends_on="0002"),
        "0004_expand_more": revision("0004", "0002", 'op.add_column("users", sa.Column("age", sa.Integer))'),
        "0005_contract_more": revision("0005", "0003", 'op.drop_column("users", "name")'),
    })
    kinds = {m.name: m.scripts[0].kind for m in load_migrations([ini])}
    assert kinds == {
        "0001_base": ScriptKind.UNPHASED,
        "0002_expand": ScriptKind.EXPAND,
        "0003_contract": ScriptKind.CONTRACT,
        "0004_expand_more": ScriptKind.EXPAND,
        "0005_contract_more": ScriptKind.CONTRACT,
    }


def test_phase_attribute_and_data_only_revisions(tmp_path):
    ini = make_project(tmp_path, {
        "0001_base": BASE,
        "0002_declared": revision("0002", "0001", 'op.add_column("users", sa.Column("name", sa.Text))',
                                  header='phase = "expand"'),
        "0003_backfill": revision("0003", "0002", """
            op.execute("UPDATE users SET name = email WHERE name IS NULL")
            op.bulk_insert(sa.table("users", sa.column("email", sa.Text)), [{"email": "a@example.com"}])
        """),
        "0004_mixed": revision("0004", "0003", """
            op.add_column("users", sa.Column("age", sa.Integer))
            op.execute("UPDATE users SET age = 0")
        """),
    })
    migrations = load_migrations([ini])
    kinds = {m.name: m.scripts[0].kind for m in migrations}
    assert kinds["0002_declared"] is ScriptKind.EXPAND
    assert kinds["0003_backfill"] is ScriptKind.MIGRATE
    assert kinds["0004_mixed"] is ScriptKind.UNPHASED
    backfill = migrations[2].scripts[0].text
    assert "INSERT INTO users (email) VALUES ('a@example.com');" in backfill


def test_a_wrong_phase_attribute_or_a_conflict_with_the_branch_is_bad_input(tmp_path):
    ini = make_project(tmp_path / "a", {
        "0001_base": BASE,
        "0002_typo": revision("0002", "0001", "pass", header='phase = "expnad"'),
    })
    with pytest.raises(InputError) as error:
        load_migrations([ini])
    path = tmp_path / "a" / "migrations" / "versions" / "0002_typo.py"
    assert str(error.value) == (f"{path}:{line_of(path, 'phase =')}: phase = 'expnad': "
                                "use 'expand', 'migrate' or 'contract'")
    ini = make_project(tmp_path / "b", {
        "0001_base": BASE,
        "0002_both": revision("0002", "0001", "pass", header='phase = "contract"', labels=("expand",)),
    })
    with pytest.raises(InputError, match="on the expand branch, which runs while the old app is live"):
        load_migrations([ini])


def test_phase_attribute_refines_the_branch(tmp_path):
    ini = make_project(tmp_path, {
        "0001_base": BASE,
        "0002_expand": revision("0002", "0001", 'op.add_column("users", sa.Column("name", sa.Text))',
                                labels=("expand",)),
        "0003_backfill": revision("0003", "0002", 'op.execute("UPDATE users SET name = email")',
                                  header='phase = "migrate"'),
        "0004_more": revision("0004", "0003", 'op.add_column("users", sa.Column("age", sa.Integer))'),
    })
    kinds = [m.scripts[0].kind for m in load_migrations([ini])]
    assert kinds == [ScriptKind.UNPHASED, ScriptKind.EXPAND, ScriptKind.MIGRATE, ScriptKind.EXPAND]


def test_a_data_only_revision_on_the_expand_branch_is_migrate_unless_declared(tmp_path):
    ini = make_project(tmp_path, {
        "0001_base": BASE,
        "0002_expand": revision("0002", "0001", 'op.add_column("users", sa.Column("name", sa.Text))',
                                labels=("expand",)),
        "0003_backfill": revision("0003", "0002", """
            op.execute("UPDATE users SET name = email WHERE name IS NULL")
            op.execute("DELETE FROM users WHERE email = ''")
        """),
        "0004_seed": revision("0004", "0003", 'op.execute("INSERT INTO users (email) VALUES (\'a@example.com\')")'),
        "0005_declared": revision("0005", "0004", 'op.execute("UPDATE users SET name = lower(name)")',
                                  header='phase = "expand"'),
        "0006_more": revision("0006", "0005", 'op.add_column("users", sa.Column("age", sa.Integer))'),
        "0007_empty": revision("0007", "0006", "pass"),
    })
    migrations = load_migrations([ini])
    kinds = {m.name: m.scripts[0].kind for m in migrations}
    assert kinds == {
        "0001_base": ScriptKind.UNPHASED,
        "0002_expand": ScriptKind.EXPAND,
        "0003_backfill": ScriptKind.MIGRATE,  # data movement, though on the expand branch
        "0004_seed": ScriptKind.MIGRATE,
        "0005_declared": ScriptKind.EXPAND,  # an explicit phase still wins
        "0006_more": ScriptKind.EXPAND,  # the branch goes on after the backfill
        "0007_empty": ScriptKind.EXPAND,
    }
    # as a migrate revision, without Alembic's transaction around it: the runner batches it
    backfill = migrations[2].scripts[0].text
    assert "BEGIN" not in backfill and "COMMIT" not in backfill
    assert "UPDATE users SET name = email WHERE name IS NULL;" in backfill


def test_a_data_only_revision_on_the_contract_branch_stays_contract(tmp_path):
    ini = make_project(tmp_path, {
        "0001_base": BASE,
        "0002_contract": revision("0002", "0001", 'op.execute("DELETE FROM users WHERE email = \'\'")',
                                  labels=("contract",)),
    })
    assert [m.scripts[0].kind for m in load_migrations([ini])] == [ScriptKind.UNPHASED, ScriptKind.CONTRACT]


def test_findings_in_a_batch_block_point_at_the_batch_op_call_not_the_with_line(tmp_path):
    """Alembic runs a batch_alter_table block's operations when the block ends: each one's SQL is
    still placed on the batch_op call that queued it."""
    ini = make_project(tmp_path, {
        "0001_base": BASE,
        "0002_batch": revision("0002", "0001", """
            op.create_index("users_email_idx", "users", ["email"])
            with op.batch_alter_table("users") as batch_op:
                batch_op.drop_index("users_email_idx")
                batch_op.add_column(sa.Column("name", sa.Text))
                batch_op.create_index(
                    "users_name_idx",
                    ["name"],
                )
        """),
    })
    path = tmp_path / "migrations" / "versions" / "0002_batch.py"
    findings = lint(ini)
    assert ("0002_batch.py", line_of(path, "batch_op.drop_index("), 9) in at(findings, "EC202")
    assert ("0002_batch.py", line_of(path, "batch_op.create_index("), 9) in at(findings, "EC201")
    assert not [f for f in findings if f.line == line_of(path, "op.batch_alter_table(")]

def test_findings_point_at_the_op_call_in_the_revision_file(tmp_path):
    ini = make_project(tmp_path, {
        "0001_base": BASE,
        "0002_index": revision("0002", "0001", """
            op.add_column("users", sa.Column("name", sa.Text))
            op.create_index(
                "users_email_idx",
                "users",
                ["email"],
            )
        """, labels=("expand",)),
    })
    path = tmp_path / "migrations" / "versions" / "0002_index.py"
    findings = lint(ini)
    assert at(findings, "EC201") == [("0002_index.py", line_of(path, "op.create_index("), 5)]
    [finding] = [f for f in findings if f.code == "EC201"]
    assert finding.end_line == line_of(path, "    )")
    assert finding.statement == "CREATE INDEX users_email_idx ON users (email)"
    assert finding.phase == "expand"


def test_concurrently_is_fine_in_an_autocommit_block_and_refused_outside_it(tmp_path):
    ini = make_project(tmp_path, {
        "0001_base": BASE,
        "0002_inside": revision("0002", "0001", """
            with op.get_context().autocommit_block():
                op.create_index("users_email_idx", "users", ["email"], postgresql_concurrently=True)
        """),
        "0003_outside": revision("0003", "0002", """
            op.create_index("users_id_email_idx", "users", ["id", "email"], postgresql_concurrently=True)
        """),
    })
    findings = lint(ini)
    outside = tmp_path / "migrations" / "versions" / "0003_outside.py"
    assert at(findings, "EC203") == [("0003_outside.py", line_of(outside, "op.create_index("), 5)]
    [refused] = [f for f in findings if f.code == "EC203"]
    assert "autocommit_block()" in refused.help
    inside = load_migrations([ini])[1].scripts[0].text
    assert [line for line in inside.splitlines() if line] == [
        "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);"]
    assert not [f for f in findings if f.file.endswith("0002_inside.py") and f.severity >= 2]


def test_statements_around_an_autocommit_block_stay_in_their_transactions(tmp_path):
    ini = make_project(tmp_path, {
        "0001_base": BASE,
        "0002": revision("0002", "0001", """
            op.add_column("users", sa.Column("name", sa.Text))
            with op.get_context().autocommit_block():
                op.create_index("users_name_idx", "users", ["name"], postgresql_concurrently=True)
            op.add_column("users", sa.Column("age", sa.Integer))
        """),
    })
    text = load_migrations([ini])[1].scripts[0].text
    assert [line for line in text.splitlines() if line] == [
        "BEGIN;", "ALTER TABLE users ADD COLUMN name TEXT;", "COMMIT;",
        "CREATE INDEX CONCURRENTLY users_name_idx ON users (name);",
        "BEGIN;", "ALTER TABLE users ADD COLUMN age INTEGER;", "COMMIT;"]


def test_python_comment_directives_suppress_and_unused_ones_are_reported_once(tmp_path):
    ini = make_project(tmp_path, {
        "0001_base": BASE,
        "0002": revision("0002", "0001", """
            # built at night, the table is small
            # expandcontract: ignore EC201 -- reviewed
            op.create_index("users_email_idx", "users", ["email"])
            op.create_index("users_id_idx", "users", ["id"])  # expandcontract: ignore EC201
            # expandcontract: ignore EC301
            op.create_table(
                "events",
                sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
                sa.Column("kind", sa.Text, index=True),
            )
        """),
    })
    path = tmp_path / "migrations" / "versions" / "0002.py"
    findings = lint(ini)
    assert at(findings, "EC201") == []
    # one directive above an op. call that writes two statements (CREATE TABLE, CREATE INDEX)
    assert at(findings, "EC002") == [("0002.py", line_of(path, "ignore EC301"), 1)]


def test_cli_lints_alembic_ini_and_keeps_stdout_for_the_report(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # paths inside the working directory are shown relative to it, from anywhere
    ini = make_project(tmp_path, {
        "0001_base": BASE,
        "0002": revision("0002", "0001", """
            print("revisions may print")
            op.create_index("users_email_idx", "users", ["email"])
        """),
    })
    result = CliRunner().invoke(main, ["lint", str(ini), "--format", "json", "--select", "EC201"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    path = Path("migrations", "versions", "0002.py")
    assert [(f["code"], f["file"], f["line"]) for f in report["findings"]] == [
        ("EC201", str(path), line_of(tmp_path / path, "op.create_index"))]
    assert "revisions may print" in result.stderr


@pytest.mark.parametrize(("body", "needle", "message"), [
    ("op.add_column('users', sa.Column('x', sa.Integer)", "op.add_column", "cannot load the revision: "),
])
def test_a_revision_that_cannot_render_is_one_line_with_file_and_line(tmp_path, body, needle, message):
    ini = make_project(tmp_path, {"0001_base": BASE, "0002": revision("0002", "0001", body)})
    result = CliRunner().invoke(main, ["lint", str(ini)])
    path = tmp_path / "migrations" / "versions" / "0002.py"
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"expandcontract: error: {path}:{line_of(path, needle)}: {message}")
    assert "Traceback" not in result.output


def test_broken_configuration_and_graph_are_one_line_errors(tmp_path):
    (tmp_path / "bad.ini").write_text("[alembic]\nsqlalchemy.url = x\n")
    result = CliRunner().invoke(main, ["lint", str(tmp_path / "bad.ini")])
    assert result.exit_code == 2
    assert result.stderr == f"expandcontract: error: {tmp_path / 'bad.ini'}: no script_location in [alembic]\n"
    (tmp_path / "other.ini").write_text("[tool]\nx = 1\n")
    result = CliRunner().invoke(main, ["lint", str(tmp_path / "other.ini")])
    assert result.exit_code == 2
    assert "no [alembic] section" in result.stderr
    ini = make_project(tmp_path / "p", {"0002": revision("0002", "0001", "pass")})
    result = CliRunner().invoke(main, ["lint", str(ini)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"expandcontract: error: {ini}: cannot read the revision graph: ")
    assert "0001" in result.stderr


def test_relative_paths_in_the_ini_resolve_against_its_folder(tmp_path, monkeypatch):
    make_project(tmp_path / "service", {
        "0001_base": BASE,
        "0002": revision("0002", "0001", "from myapp.names import TABLE\nop.drop_table(TABLE)"),
    })
    (tmp_path / "service" / "myapp").mkdir()
    (tmp_path / "service" / "myapp" / "__init__.py").write_text("")
    (tmp_path / "service" / "myapp" / "names.py").write_text("TABLE = 'users'\n")
    monkeypatch.chdir(tmp_path)
    migrations = alembic_migrations(Path("service/alembic.ini"))
    assert "DROP TABLE users;" in migrations[1].scripts[0].text
    assert str((tmp_path / "service").resolve()) not in sys.path  # prepend_sys_path is undone


def test_deployment_order_puts_a_release_contract_before_the_next_expand(tmp_path):
    ini = make_project(tmp_path, {
        "0001_base": BASE,
        "0002_expand_1": revision("0002", "0001", 'op.add_column("users", sa.Column("name", sa.Text))',
                                  labels=("expand",)),
        "0003_expand_2": revision("0003", "0002", 'op.add_column("users", sa.Column("age", sa.Integer))'),
        "0004_contract_1": revision("0004", "0001", 'op.drop_column("users", "email")',
                                    labels=("contract",), depends_on="0002"),
        "0005_contract_2": revision("0005", "0004", 'op.drop_column("users", "name")', depends_on="0003"),
    })
    assert [m.name for m in load_migrations([ini])] == [
        "0001_base", "0002_expand_1", "0004_contract_1", "0003_expand_2", "0005_contract_2"]


def test_a_data_migration_runs_without_the_revision_transaction_so_the_runner_batches_it(tmp_path):
    ini = make_project(tmp_path, {
        "0001_base": BASE,
        "0002_backfill": revision("0002", "0001", """
            # expandcontract: backfill key=id
            op.execute("UPDATE users SET email = lower(email)")
        """),
    })
    migration = load_migrations([ini])[1]
    assert migration.scripts[0].kind is ScriptKind.MIGRATE
    assert [line for line in migration.scripts[0].text.splitlines() if line] == [
        "-- expandcontract: backfill key=id", "UPDATE users SET email = lower(email);"]
