"""Configuration: where it is found, what every key does, that flags win, and that a broken file is
one line naming file and line with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from expandcontract.cli import main
from expandcontract.config import Config, load_config
from expandcontract.core.errors import ConfigError

ENUMS = """\
CREATE TYPE status AS ENUM ('new', 'paid', 'shipped');
CREATE TYPE status_v2 AS ENUM ('new', 'shipped', 'paid');
CREATE TABLE orders (id bigint PRIMARY KEY, status status NOT NULL);
"""
REORDER = "ALTER TABLE orders ALTER COLUMN status TYPE status_v2 USING status::text::status_v2;\n"
# at pg_version < 12 ADD VALUE cannot run in a transaction: it splits the script, and the CREATE
# before it is then committed alone (EC409); from 12 on the script is one transaction
ENUM_ADD = "CREATE TABLE IF NOT EXISTS t (id bigint PRIMARY KEY);\nCREATE TABLE u (id bigint PRIMARY KEY);\n" \
           "ALTER TYPE status ADD VALUE 'refunded';\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def lint(*args: str) -> tuple[int, list[str], str]:
    """Run ``expandcontract lint --format json``; returns exit code, finding codes, stderr."""
    result = CliRunner().invoke(main, ["lint", "--format", "json", *args])
    if result.exit_code == 2:
        return 2, [], result.stderr
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, [f["code"] for f in json.loads(result.stdout)["findings"]], result.stderr


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder with a baseline, a migration and (per test) a config; cwd is the project."""
    write(tmp_path / "db" / "schema.sql", ENUMS)
    write(tmp_path / "migrations" / "1_reorder.sql", REORDER)
    monkeypatch.chdir(tmp_path)
    return tmp_path


# discovery ----------------------------------------------------------------------------------


def test_no_config_means_defaults(tmp_path):
    assert load_config(tmp_path) == Config()


def test_pyproject_found_from_the_migration_upwards(project):
    write(project / "pyproject.toml", '[tool.expandcontract]\nschema = "db/schema.sql"\nselect = ["EC408"]\n')
    assert lint("migrations/1_reorder.sql")[1] == ["EC408"]


def test_pyproject_without_our_table_is_skipped(project):
    write(project / "pyproject.toml", '[tool.expandcontract]\nselect = ["EC408"]\nschema = "db/schema.sql"\n')
    write(project / "migrations" / "pyproject.toml", '[tool.black]\nline-length = 100\n')
    assert lint("migrations/1_reorder.sql")[1] == ["EC408"]


def test_expandcontract_toml_wins_over_pyproject_in_the_same_folder(project):
    write(project / "pyproject.toml", '[tool.expandcontract]\nselect = ["EC201"]\n')
    write(project / "expandcontract.toml", 'select = ["EC408"]\nschema = "db/schema.sql"\n')
    assert lint("migrations/1_reorder.sql")[1] == ["EC408"]
    # the [tool.expandcontract] spelling works in expandcontract.toml too
    write(project / "expandcontract.toml", '[tool.expandcontract]\nselect = ["EC408"]\nschema = "db/schema.sql"\n')
    assert lint("migrations/1_reorder.sql")[1] == ["EC408"]


def test_explicit_config_and_a_missing_one(project):
    write(project / "elsewhere.toml", 'select = ["EC408"]\nschema = "db/schema.sql"\n')
    assert lint("--config", "elsewhere.toml", "migrations/1_reorder.sql")[1] == ["EC408"]
    code, _, err = lint("--config", "nope.toml", "migrations")
    assert code == 2 and err == "expandcontract: error: nope.toml: config file not found\n"


# every key ----------------------------------------------------------------------------------


def test_schema_is_relative_to_the_config_file_not_the_working_directory(project, monkeypatch):
    write(project / "pyproject.toml", '[tool.expandcontract]\nschema = "db/schema.sql"\nselect = ["EC408"]\n')
    monkeypatch.chdir(project / "db")
    assert lint("../migrations/1_reorder.sql")[1] == ["EC408"]
    # without the baseline the enums are unknown and there is nothing to say
    write(project / "pyproject.toml", '[tool.expandcontract]\nselect = ["EC408"]\n')
    assert lint("../migrations/1_reorder.sql")[1] == []


def test_paths_from_the_config_when_none_are_given(project, monkeypatch):
    write(project / "pyproject.toml",
          '[tool.expandcontract]\npaths = ["migrations"]\nschema = "db/schema.sql"\nselect = ["EC408"]\n')
    assert lint()[1] == ["EC408"]
    monkeypatch.chdir(project / "migrations")  # found upwards, paths still relative to the file
    assert lint()[1] == ["EC408"]


def test_no_paths_anywhere_is_an_input_error(project):
    code, _, err = lint()
    assert code == 2 and "no migration paths given" in err


@pytest.mark.parametrize(("version", "expected"), [(11, ["EC409", "EC409"]), (12, [])])
def test_pg_version(project, version, expected):
    write(project / "m.sql", ENUM_ADD)
    write(project / "pyproject.toml",
          f'[tool.expandcontract]\npg_version = {version}\nschema = "db/schema.sql"\nselect = ["EC409"]\n')
    assert lint("m.sql")[1] == expected


def test_flags_override_the_file(project):
    write(project / "m.sql", ENUM_ADD)
    write(project / "pyproject.toml",
          '[tool.expandcontract]\npg_version = 11\nschema = "db/schema.sql"\nselect = ["EC409"]\n')
    assert lint("--pg-version", "16", "m.sql")[1] == []
    assert lint("--select", "EC408", "m.sql")[1] == []
    assert lint("--schema", "m.sql", "migrations")[1] == []  # a baseline without the enums


def test_select_and_ignore_take_codes_prefixes_and_names(project):
    write(project / "m.sql", "CREATE TABLE t (id serial PRIMARY KEY, at timestamp, j json);\n")
    write(project / "pyproject.toml", '[tool.expandcontract]\nselect = ["EC40"]\nignore = ["prefer-jsonb", "EC404"]\n')
    assert sorted(lint("m.sql")[1]) == ["EC401", "EC402"]
    # a flag replaces the file's list, it does not extend it
    assert lint("--ignore", "EC401", "m.sql")[1] == ["EC402", "EC404", "EC405"]


def test_per_rule_severity(project):
    write(project / "m.sql", "CREATE TABLE t (id bigint PRIMARY KEY, at timestamp);\n")
    assert lint("m.sql")[0] == 0
    write(project / "pyproject.toml", '[tool.expandcontract.severity]\nEC402 = "error"\n')
    result = CliRunner().invoke(main, ["lint", "--format", "json", "m.sql"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["findings"][0]["severity"] == "error"


def test_per_rule_options(project):
    write(project / "m.sql", "CREATE TABLE t (id bigint PRIMARY KEY, code varchar(3), title varchar(80));\n")
    assert lint("--select", "EC403", "m.sql")[1] == ["EC403", "EC403"]
    write(project / "pyproject.toml", '[tool.expandcontract.rules.EC403]\nignore_columns = ["code"]\n')
    assert lint("--select", "EC403", "m.sql")[1] == ["EC403"]


def test_assume_in_transaction_and_runner(project):
    write(project / "m.sql", "CREATE TABLE t (id bigint PRIMARY KEY);\nCREATE INDEX CONCURRENTLY i ON orders (status);\n")
    write(project / "pyproject.toml", '[tool.expandcontract]\nselect = ["EC409"]\nassume_in_transaction = true\n')
    assert lint("m.sql")[1] == []
    assert lint("--no-assume-in-transaction", "m.sql")[1] == ["EC409", "EC409"]
    # our runner resumes a half-applied script after its last finished step: nothing to guard
    write(project / "pyproject.toml", '[tool.expandcontract]\nselect = ["EC409"]\nrunner = "expandcontract"\n')
    assert lint("m.sql")[1] == []
    assert lint("--runner", "other", "m.sql")[1] == ["EC409", "EC409"]


def test_vars_fill_placeholders_and_flags_win(project):
    write(project / "m.sql", "ALTER TABLE {{ table }} DROP COLUMN ${column};\n")
    assert lint("--select", "EC001", "m.sql")[1] == ["EC001"]
    write(project / "pyproject.toml",
          '[tool.expandcontract]\nselect = ["EC001", "EC301"]\n[tool.expandcontract.vars]\ntable = "orders"\ncolumn = "status"\n')
    assert lint("m.sql")[1] == ["EC301"]
    assert lint("--var", "table=orders", "--var", "column=status", "m.sql")[1] == ["EC301"]
    code, _, err = lint("--var", "column", "m.sql")
    assert code == 2 and err == "expandcontract: error: --var 'column': use NAME=VALUE\n"


def test_fail_on(project):
    write(project / "m.sql", "CREATE TABLE t (id bigint PRIMARY KEY, at timestamp);\n")
    assert lint("m.sql")[0] == 0
    assert lint("--fail-on", "warning", "m.sql")[0] == 1
    write(project / "pyproject.toml", '[tool.expandcontract]\nfail_on = "warning"\n')
    assert lint("m.sql")[0] == 1
    assert lint("--fail-on", "error", "m.sql")[0] == 0


def test_dialect(project):
    write(project / "m.sql", "ALTER TABLE orders ADD COLUMN user_id INT AFTER id, ADD INDEX orders_user (user_id);\n")
    assert lint("--select", "EC001", "m.sql")[1] == ["EC001"]  # not PostgreSQL
    write(project / "pyproject.toml", '[tool.expandcontract]\ndialect = "mysql"\nselect = ["EC001", "EC401"]\n')
    assert lint("m.sql")[1] == ["EC401"]  # read as MySQL: an int id column


# broken configuration: one line, file and line, exit 2 --------------------------------------

BAD = [
    ("pyproject.toml", "[tool.expandcontract\npg_version = 12\n", 1, "invalid TOML"),
    ("pyproject.toml", "[tool.expandcontract]\npg_version = 12\npg_versoin = 13\n", 3, "unknown key 'pg_versoin'"),
    ("pyproject.toml", '[tool.expandcontract]\n\npg_version = "sixteen"\n', 3, "pg_version must be a major version"),
    ("pyproject.toml", "[tool.expandcontract]\npg_version = 8\n", 2, "pg_version must be a major version"),
    ("pyproject.toml", '[tool.expandcontract]\ndialect = "oracle"\n', 2, "dialect must be one of"),
    ("pyproject.toml", '[tool.expandcontract]\nselect = "EC201"\nignore = 3\n', 3, "ignore must be a list of strings"),
    ("pyproject.toml", '[tool.expandcontract]\nselect = ["EC201", "EC999"]\n', 2, "unknown rule 'EC999' in select"),
    ("pyproject.toml", '[tool.expandcontract]\nignore = ["no-such-rule"]\n', 2, "unknown rule 'no-such-rule' in ignore"),
    ("pyproject.toml", '[tool.expandcontract]\nassume_in_transaction = "yes"\n', 2, "must be true or false"),
    ("pyproject.toml", '[tool.expandcontract]\nfail_on = "fatal"\n', 2, "unknown severity 'fatal'"),
    ("pyproject.toml", '[tool.expandcontract]\nrunner = "flyway"\n', 2, "runner must be one of"),
    ("pyproject.toml", '[tool.expandcontract.severity]\nEC401 = "error"\nEC402 = "loud"\n', 3, "unknown severity 'loud'"),
    ("pyproject.toml", '[tool.expandcontract.severity]\nEC999 = "error"\n', 2, "unknown rule 'EC999'"),
    ("pyproject.toml", '[tool.expandcontract]\nseverity = { EC401 = 2 }\n', 2, "severity must be"),
    ("pyproject.toml", '[tool.expandcontract.rules.EC999]\nx = 1\n', 1, "unknown rule 'EC999'"),
    ("pyproject.toml", '[tool.expandcontract.rules.EC403]\nignore_colums = ["a"]\n', 2,
     "EC403 has no option 'ignore_colums' (its options: ignore_columns)"),
    ("pyproject.toml", '[tool.expandcontract.rules.EC407]\n# why\nmax_bytes = "63"\n', 3,
     "EC407 option max_bytes must be an integer"),
    ("pyproject.toml", '[tool.expandcontract]\nrules = { EC403 = { ignore_columns = "code" } }\n', 2,
     "EC403 option ignore_columns must be a list of strings"),
    ("pyproject.toml", '[tool.expandcontract]\nvars = ["a"]\n', 2, "vars must be a table"),
    ("expandcontract.toml", 'dialect = "postgres"\nschema = 1\n', 2, "schema must be a path string"),
    ("expandcontract.toml", "pg_version = 12\nbogus = true\n", 2, "unknown key 'bogus'"),
]


@pytest.mark.parametrize(("name", "text", "line", "message"), BAD, ids=[b[3] for b in BAD])
def test_a_broken_config_is_one_line_with_file_and_line(project, name, text, line, message):
    write(project / name, text)
    result = CliRunner().invoke(main, ["lint", "migrations"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"expandcontract: error: {name}:{line}: ")
    assert message in result.stderr


def test_not_utf8_config(project):
    (project / "expandcontract.toml").write_bytes(b'schema = "\xff"\n')
    code, _, err = lint("migrations")
    assert code == 2 and err.startswith("expandcontract: error: expandcontract.toml: not UTF-8")


def test_unknown_rule_in_a_flag_names_the_flag(project):
    code, _, err = lint("--select", "EC999", "migrations")
    assert code == 2 and err == "expandcontract: error: unknown rule 'EC999' in --select/--ignore " \
                                "(see `expandcontract rules`)\n"


def test_from_mapping_is_pure_and_validates(project):
    with pytest.raises(ConfigError, match=r"unknown rule 'EC999' in \[tool\.expandcontract\.severity\]"):
        Config.from_mapping({"severity": {"EC999": "error"}})
    config = Config.from_mapping({"rules": {"ec403": {"ignore_columns": ["a"]}}, "severity": {"ec401": "error"}})
    assert dict(config.rule_options["EC403"]) == {"ignore_columns": ["a"]}
    assert str(config.severity["EC401"]) == "error"


def test_a_broken_config_in_a_real_process(project):
    write(project / "pyproject.toml", '[tool.expandcontract]\nselect = ["EC201"]\n\n[tool.expandcontract.severity]\n'
                                      'EC201 = "critical"\n')
    run = subprocess.run([sys.executable, "-m", "expandcontract", "lint", "migrations"], capture_output=True,
                         text=True, cwd=project, check=False)
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr == ("expandcontract: error: pyproject.toml:5: unknown severity 'critical': "
                          "use error, warning or info\n")
