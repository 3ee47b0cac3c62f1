"""``expandcontract lint versions/0002_x.py``: one revision, linted on the schema the revisions
before it leave (replayed, not reported), found through the alembic.ini or script directory
above it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from expandcontract.api import lint_paths
from expandcontract.cli import main
from expandcontract.config import load_config

from .alembic_project import line_of, make_project, revision

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "alembic_app"

BASE = revision("0001", None, """
    op.create_table("users", sa.Column("id", sa.BigInteger, primary_key=True), sa.Column("email", sa.Text))
    op.create_index("users_email_idx", "users", ["email"])
""")
RELAX = revision("0002", "0001", """
    op.execute("SET LOCAL lock_timeout = '2s'")
    op.create_index("users_id_email_idx", "users", ["id", "email"])
    op.alter_column("users", "email", existing_type=sa.Text, nullable=True)
""", labels=("expand",))
LATER = revision("0003", "0002", """
    op.drop_index("users_email_idx", table_name="users")
""", labels=("contract",))


def project(tmp_path: Path) -> Path:
    return make_project(tmp_path, {"0001_base": BASE, "0002_relax": RELAX, "0003_later": LATER})


def versions(tmp_path: Path) -> Path:
    return tmp_path / "migrations" / "versions"


def codes(findings) -> list[tuple[str, str, int]]:
    return [(Path(f.file).name, f.code, f.line) for f in findings]


def test_a_revision_file_is_linted_after_the_revisions_before_it(tmp_path):
    project(tmp_path)
    path = versions(tmp_path) / "0002_relax.py"
    result = lint_paths([path])
    # email is already nullable after 0001 (replayed): no EC307; users exists, so the index blocks writes
    assert codes(result.findings) == [("0002_relax.py", "EC201", line_of(path, "op.create_index"))]
    assert (result.files, result.statements) == (1, 5)  # BEGIN, SET, CREATE INDEX, ALTER, COMMIT
    # the same revision linted from the project reports the same, plus the other revisions' findings
    whole = lint_paths([tmp_path / "alembic.ini"])
    assert [f for f in whole.findings if f.file == result.findings[0].file] == list(result.findings)
    assert {Path(f.file).name for f in whole.findings} > {"0002_relax.py"}


def test_without_the_replay_the_revision_would_be_linted_on_nothing(tmp_path):
    """The replay is what tells 0002 that email is nullable already: alone, it warns EC307."""
    lone = tmp_path / "lone"
    lone.mkdir()
    (lone / "0002_relax.py").write_text(RELAX.replace("down_revision = '0001'", "down_revision = None"))
    assert "EC307" in {f.code for f in lint_paths([lone / "0002_relax.py"]).findings}


def test_several_revision_files_of_one_project_render_it_once_and_report_only_them(tmp_path):
    project(tmp_path)
    named = [versions(tmp_path) / "0003_later.py", versions(tmp_path) / "0002_relax.py"]
    result = lint_paths(named)
    assert codes(result.findings) == [
        ("0002_relax.py", "EC201", line_of(named[1], "op.create_index")),
        ("0003_later.py", "EC214", line_of(named[0], "op.drop_index")),
    ]
    assert result.files == 2


def test_the_cli_finds_the_alembic_ini_above_and_its_config(tmp_path):
    project(tmp_path)
    (tmp_path / "expandcontract.toml").write_text('ignore = ["EC201"]\n')
    path = versions(tmp_path) / "0002_relax.py"
    result = CliRunner().invoke(main, ["lint", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["findings"] == [] and report["summary"]["files"] == 1


def test_the_example_revision_alone_reports_what_the_project_reports_for_it():
    path = EXAMPLE / "versions" / "0002_expand_display_name.py"
    result = lint_paths([path], config=load_config(path))
    assert codes(result.findings) == [("0002_expand_display_name.py", "EC307", 37)]


def test_a_revision_outside_any_project_folder_uses_its_own_folder(tmp_path):
    folder = tmp_path / "loose"
    shutil.copytree(versions(project(tmp_path).parent), folder)
    result = lint_paths([folder / "0002_relax.py"])
    assert [c for _, c, _ in codes(result.findings)] == ["EC201"]


def test_a_revision_whose_history_cannot_be_read_is_one_line_exit_2(tmp_path):
    project(tmp_path)
    path = versions(tmp_path) / "0002_relax.py"
    path.write_text(RELAX.replace("down_revision = '0001'", "down_revision = 'gone'"))
    result = CliRunner().invoke(main, ["lint", str(path)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("expandcontract: error: ") and result.stderr.count("\n") == 1
    assert "cannot read the revision graph" in result.stderr and "Traceback" not in result.output


def test_a_python_file_that_is_not_a_revision_is_bad_input_not_a_syntax_error(tmp_path):
    project(tmp_path)
    env = tmp_path / "migrations" / "env.py"
    result = CliRunner().invoke(main, ["lint", str(env)])
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"expandcontract: error: {env}: a Python file that is not an Alembic revision (no "
                             "module-level revision and down_revision): point lint at .sql files, alembic.ini, "
                             "or the versions directory\n")


def test_plan_and_check_refuse_a_lone_revision_they_would_run_or_check_without_its_project():
    path = EXAMPLE / "versions" / "0002_expand_display_name.py"
    for command in (["plan", str(path)], ["check", str(path)]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 2, (command, result.output)
        assert result.stderr == (f"expandcontract: error: {path}: an Alembic revision on its own: give the project "
                                 "instead (alembic.ini or its versions directory; apply takes --alembic alembic.ini)\n")
