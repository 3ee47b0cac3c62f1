"""The command line: inputs (files, directories, phase markers, placeholders, encodings, MySQL),
exit codes, and the promise that bad input is one line on stderr with exit 2, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from expandcontract._version import __version__
from expandcontract.cli import main

BASELINE = "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, nickname text);\n"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def invoke(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="expandcontract")


def findings(*args: str) -> list[dict]:
    result = invoke("lint", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["findings"]


def one_line_error(result, *fragments: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("expandcontract: error: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr


# bad input ----------------------------------------------------------------------------------


def test_missing_file(tmp_path):
    one_line_error(invoke("lint", tmp_path / "nope.sql"), "nope.sql: no such file or directory")


def test_missing_schema_file(tmp_path):
    migration = write(tmp_path / "m.sql", "SELECT 1;")
    one_line_error(invoke("lint", "--schema", tmp_path / "nope.sql", migration), "schema file not found")


def test_unparseable_schema_file_names_its_line(tmp_path):
    schema = write(tmp_path / "schema.sql", "CREATE TABLE a (id int);\n\nCREATE TABLEX b;\n")
    migration = write(tmp_path / "m.sql", "SELECT 1;")
    one_line_error(invoke("lint", "--schema", schema, migration), f"{schema}:3: cannot parse the baseline schema")


def test_non_utf8_file_names_the_line(tmp_path):
    path = write(tmp_path / "latin1.sql", "SELECT 1;\n-- caf\xe9\n".encode("latin-1"))
    one_line_error(invoke("lint", path), f"{path}:2: not UTF-8 text")


def test_utf8_with_bom_is_fine(tmp_path):
    path = write(tmp_path / "bom.sql", "\ufeffALTER TABLE users DROP COLUMN nickname;\n".encode())
    assert [f["code"] for f in findings("--select", "EC301", path)] == ["EC301"]


def test_unwritable_output(tmp_path):
    migration = write(tmp_path / "m.sql", "SELECT 1;")
    one_line_error(invoke("lint", "-o", tmp_path / "no" / "dir" / "r.txt", migration), "cannot write")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("-- expandcontract: phase expand\nSELECT 1;\n-- expandcontract: phase expnd\nSELECT 2;\n", 3,
         "unknown phase 'expnd'"),
        ("-- expandcontract: phase expand\nSELECT 1;\n-- expandcontract: phase expand\n", 3,
         "phase expand appears twice"),
        ("-- expandcontract: phase contract\nSELECT 1;\n-- expandcontract: phase expand\n", 3,
         "phase expand comes after contract"),
        ("-- header\nSELECT 1;\n-- expandcontract: phase expand\nSELECT 2;\n", 2,
         "statements before the first phase marker"),
        ("SELECT 1;\n-- expandcontract: phase: contract\nSELECT 2;\n", 2, "malformed phase marker"),
        ("SELECT 1;\n--expandcontract:phase contract now\n", 2, "malformed phase marker"),
    ],
)
def test_bad_phase_markers(tmp_path, text, line, message):
    path = write(tmp_path / "m.sql", text)
    one_line_error(invoke("lint", path), f"{path}:{line}: {message}")


def test_bad_var(tmp_path):
    path = write(tmp_path / "m.sql", "SELECT 1;")
    one_line_error(invoke("lint", "--var", "oops", path), "--var 'oops': use NAME=VALUE")


def test_symlink_loop_is_one_line(tmp_path):
    loop = tmp_path / "loop.sql"
    loop.symlink_to(loop)
    one_line_error(invoke("lint", loop), "loop.sql: a symbolic link loop")


def test_a_folder_linked_into_itself_is_walked_once(tmp_path):
    write(tmp_path / "m" / "001.sql", "ALTER TABLE users DROP COLUMN nickname;\n")
    (tmp_path / "m" / "again").symlink_to(tmp_path / "m")
    result = invoke("lint", "--format", "json", "--select", "EC301", tmp_path / "m")
    assert json.loads(result.stdout)["summary"]["files"] == 1


def test_no_migrations_found_is_said(tmp_path):
    result = invoke("lint", tmp_path)
    assert result.exit_code == 0
    assert f"warning: no .sql migrations found in {tmp_path}" in result.stderr


def test_select_and_ignore_take_comma_separated_codes(tmp_path):
    path = write(tmp_path / "m.sql", "ALTER TABLE users DROP COLUMN nickname;\nTRUNCATE users;\n")
    both = {f["code"] for f in findings("--select", "EC301,EC309", path)}
    assert both and both == {"EC301", "EC309"}
    assert not {f["code"] for f in findings("--ignore", "EC301, EC309", path)} & {"EC301", "EC309"}


def test_unknown_rule_to_explain():
    one_line_error(invoke("explain", "EC999"), "no such rule")


# inputs -------------------------------------------------------------------------------------


def test_directories_are_walked_in_natural_order(tmp_path):
    # the reorder is only visible once 2_types has run: alphabetical order would run 10_ first
    write(tmp_path / "migrations" / "2_types.sql",
          "CREATE TYPE status AS ENUM ('new', 'paid');\nCREATE TYPE status_v2 AS ENUM ('paid', 'new');\n"
          "CREATE TABLE orders (id bigint PRIMARY KEY, status status NOT NULL);\n")
    write(tmp_path / "migrations" / "10_reorder.sql",
          "ALTER TABLE orders ALTER COLUMN status TYPE status_v2 USING status::text::status_v2;\n")
    write(tmp_path / "migrations" / "3_add" / "expand.sql", "ALTER TABLE orders ADD COLUMN at timestamp;\n")
    write(tmp_path / "migrations" / "3_add" / "down.sql", "ALTER TABLE orders DROP COLUMN at;\n")
    write(tmp_path / "migrations" / ".hidden.sql", "DROP TABLE orders;\n")
    write(tmp_path / "migrations" / "notes.txt", "DROP TABLE orders;\n")
    found = findings("--select", "EC4", tmp_path / "migrations")
    assert [(Path(f["file"]).relative_to(tmp_path / "migrations").as_posix(), f["code"]) for f in found] == [
        ("3_add/expand.sql", "EC402"),
        ("10_reorder.sql", "EC408"),
    ]
    summary = json.loads(invoke("lint", "--format", "json", tmp_path / "migrations").stdout)["summary"]
    assert summary["files"] == 3 and summary["statements"] == 5


def test_columns_after_a_placeholder_are_the_ones_written(tmp_path):
    write(tmp_path / "schema.sql", BASELINE.replace("users", "customer_accounts"))
    path = write(tmp_path / "m.sql", "SELECT 1;\nALTER TABLE ${t} DROP COLUMN email; ALTER TABLE {{ t }} DROP COLUMN nickname;\n")
    found = findings("--schema", tmp_path / "schema.sql", "--select", "EC301", "--var", "t=customer_accounts", path)
    assert [(f["line"], f["column"]) for f in found] == [(2, 1), (2, 37)]


def test_phased_directory_and_phase_markers_agree(tmp_path):
    write(tmp_path / "schema.sql", BASELINE)
    write(tmp_path / "dir" / "expand.sql", "ALTER TABLE users ADD COLUMN name text;\n")
    write(tmp_path / "dir" / "contract.sql", "ALTER TABLE users DROP COLUMN nickname;\n")
    write(tmp_path / "one.sql", "-- expandcontract: phase expand\nALTER TABLE users ADD COLUMN name text;\n"
                                "-- expandcontract: phase contract\nALTER TABLE users DROP COLUMN nickname;\n")
    for target in (tmp_path / "dir", tmp_path / "one.sql"):
        found = findings("--schema", tmp_path / "schema.sql", "--select", "EC3", target)
        assert found == []  # the drop is in contract: the old app is gone
    unphased = write(tmp_path / "flat.sql", "ALTER TABLE users DROP COLUMN nickname;\n")
    [drop] = findings("--schema", tmp_path / "schema.sql", "--select", "EC3", unphased)
    # an unphased file runs as one step: its findings are in no phase (not the contract the drop belongs in)
    assert drop["code"] == "EC301" and drop["phase"] == "unphased"


def test_phase_markers_keep_file_line_numbers(tmp_path):
    path = write(tmp_path / "m.sql", "-- expandcontract: phase expand\n\nCREATE INDEX i ON users (email);\n"
                                     "-- expandcontract: phase contract\nCREATE INDEX j ON users (email);\n")
    assert [(f["code"], f["line"]) for f in findings("--select", "EC201", path)] == [("EC201", 3), ("EC201", 5)]


def test_placeholders_and_vars(tmp_path):
    path = write(tmp_path / "m.sql", "ALTER TABLE {{ table }} DROP COLUMN ${col};\n")
    [error] = findings(path)
    assert error["code"] == "EC001" and "--var NAME=VALUE" in error["help"] and "col, table" in error["help"]
    found = findings("--var", "table=users", "--var", "col=nickname", "--select", "EC301", path)
    assert [f["code"] for f in found] == ["EC301"]
    assert found[0]["statement"] == "ALTER TABLE users DROP COLUMN nickname"


def test_syntax_errors_do_not_stop_the_rest_of_the_file(tmp_path):
    path = write(tmp_path / "m.sql", "ALTER TABLEX users;\nALTER TABLE users DROP COLUMN nickname;\n")
    assert [(f["code"], f["line"]) for f in findings("--select", "EC001", "--select", "EC301", path)] == [
        ("EC001", 1), ("EC301", 2)]


MYSQL = """\
CREATE TABLE `orders` (
  `id` INT NOT NULL AUTO_INCREMENT,
  `user_id` INT UNSIGNED NOT NULL,
  `note` VARCHAR(255) CHARACTER SET utf8mb4 COMMENT 'free text',
  `created` DATETIME DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (`id`),
  KEY `orders_user` (`user_id`),
  UNIQUE KEY `orders_note` (`note`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
ALTER TABLE `orders` ADD COLUMN `status` ENUM('new','paid') NOT NULL DEFAULT 'new' AFTER `note`, ALGORITHM=INPLACE;
ALTER TABLE legacy_users ADD INDEX legacy_email (email), DROP COLUMN nickname;
ALTER TABLE legacy_users MODIFY COLUMN email VARCHAR(320) NOT NULL;
RENAME TABLE legacy_users TO users;
"""


def test_mysql_migration(tmp_path):
    path = write(tmp_path / "V1__orders.sql", MYSQL)
    result = invoke("lint", "--dialect", "mysql", "--format", "json", path)
    assert result.stderr == ""  # sqlglot's own warnings stay out of the user's terminal
    found = [(f["code"], f["line"]) for f in json.loads(result.stdout)["findings"]]
    assert not [c for c, _ in found if c == "EC001"], found  # every statement read, none misread
    assert ("EC401", 1) in found  # INT id
    assert ("EC301", 11) in found  # the drop, from the same statement as the index
    assert ("EC304", 13) in found  # RENAME TABLE under the old app
    # the CREATE TABLE with a KEY and the ALTER with an ADD INDEX are two statements each
    assert json.loads(result.stdout)["summary"]["statements"] == 7


def test_mysql_add_index_is_not_read_as_a_column(tmp_path):
    from expandcontract.api import lint_paths
    from expandcontract.config import Config

    path = write(tmp_path / "m.sql", "ALTER TABLE users ADD INDEX users_email (email);\n")

    def ops(dialect: str) -> list[tuple[str, str | None]]:
        result = lint_paths([path], config=Config(dialect=dialect))
        return [(a.op, a.column or a.object_name) for _, script in result.scripts for s in script.steps
                for a in s.actions]

    # PostgreSQL's grammar reads it as adding a column named "index" of type users_email
    assert ops("postgres") == [("add_column", "index")]
    assert ops("mysql") == [("create_index", "users_email")]


# exit codes ---------------------------------------------------------------------------------


def test_exit_codes_and_fail_on(tmp_path):
    clean = write(tmp_path / "clean.sql", "CREATE TABLE t (id bigint PRIMARY KEY);\n")
    warning = write(tmp_path / "warning.sql", "CREATE TABLE t (id bigint PRIMARY KEY, j json);\n")
    error = write(tmp_path / "error.sql", "ALTER TABLE users DROP COLUMN nickname;\n")
    assert invoke("lint", clean).exit_code == 0
    assert invoke("lint", warning).exit_code == 0
    assert invoke("lint", "--fail-on", "warning", warning).exit_code == 1
    assert invoke("lint", "--fail-on", "info", clean).exit_code == 0
    assert invoke("lint", error).exit_code == 1
    assert invoke("lint", tmp_path / "missing.sql").exit_code == 2
    bad = invoke("lint", "--fail-on", "fatal", clean)
    assert bad.exit_code == 2 and "Invalid value for '--fail-on'" in bad.output


def test_text_report_ends_with_the_summary(tmp_path):
    path = write(tmp_path / "m.sql", "ALTER TABLE users DROP COLUMN nickname;\nCREATE TABLE t (id bigint PRIMARY KEY);\n")
    result = invoke("lint", "--select", "EC301", path)
    assert result.stdout.startswith(f"{path}:1:1: EC301 [error] if the old app still")
    assert result.stdout.endswith("\n1 finding (1 error, 0 warnings) in 2 statements across 1 file\n")


# help and version ---------------------------------------------------------------------------


def test_help_on_every_command():
    import click

    top = invoke("--help")
    assert top.exit_code == 0
    names = main.list_commands(click.Context(main))
    assert set(names) >= {"lint", "rules", "explain"}
    for name in names:
        assert name in top.output
        command = main.get_command(click.Context(main), name)
        result = invoke(name, "--help")
        assert result.exit_code == 0, name
        assert f"Usage: expandcontract {name}" in result.output
        first_line = (command.help or "").strip().splitlines()[0]
        assert first_line.split()[0] in result.output, name


def test_version_flag():
    assert invoke("--version").output == f"expandcontract, version {__version__}\n"


# real processes: the installed entry point and ``python -m`` --------------------------------


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), capture_output=True, text=True, cwd=cwd, check=False,
                          env={**os.environ, "NO_COLOR": "1"})


def test_python_dash_m_version():
    run = _run(sys.executable, "-m", "expandcontract", "--version")
    assert run.returncode == 0 and run.stdout == f"expandcontract, version {__version__}\n"


def test_console_script(tmp_path):
    exe = shutil.which("expandcontract", path=str(Path(sys.executable).parent))
    assert exe, "the expandcontract console script is installed with the package"
    path = write(tmp_path / "m.sql", "ALTER TABLE users DROP COLUMN nickname;\n")
    run = _run(exe, "lint", "--select", "EC301", "m.sql", cwd=tmp_path)
    assert run.returncode == 1 and run.stdout.startswith("m.sql:1:1: EC301 [error]")
    missing = _run(exe, "lint", "gone.sql", cwd=tmp_path)
    assert (missing.returncode, missing.stdout, missing.stderr) == (
        2, "", "expandcontract: error: gone.sql: no such file or directory\n")
    assert path.exists()


def test_real_process_on_non_utf8_input(tmp_path):
    write(tmp_path / "m.sql", b"SELECT '\xff';\n")
    run = _run(sys.executable, "-m", "expandcontract", "lint", "m.sql", cwd=tmp_path)
    assert (run.returncode, run.stderr) == (2, "expandcontract: error: m.sql:1: not UTF-8 text (byte 8)\n")
