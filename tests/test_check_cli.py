"""``expandcontract check`` end to end: sources, formats, exit codes, bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from expandcontract.cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "check_rename_column"
SCHEMA = str(EXAMPLE / "schema.sql")


def check(*args: str):
    return CliRunner().invoke(main, ["check", *args])


def example(migration: str, *extra: str, old: str = "app_old", new: str = "app_new"):
    return check(str(EXAMPLE / migration), "--schema", SCHEMA, "--old-app", str(EXAMPLE / old),
                 "--new-app", str(EXAMPLE / new), *extra)


# -- exit codes and formats --------------------------------------------------------------------


def test_unsafe_rename_fails_and_names_each_old_query() -> None:
    result = example("unsafe.sql")
    assert result.exit_code == 1, result.output
    out = result.stdout
    assert "column users.name does not exist, since" in out
    assert "breaks 4 old app queries on state 1:" in out
    assert "app_old/users.sql:4 (get_user)" in out and "app_old/users.sql:10 (rename_user)" in out
    assert "keep both columns until contract" in out
    assert "FAIL: the old app breaks on 1 of 2 states (4 of 4 queries)" in out


def test_long_source_paths_are_never_cut(tmp_path: Path) -> None:
    # CI clones into deep directories: the file:line a reader acts on must survive any width
    deep = tmp_path.joinpath(*["a_rather_long_directory_name"] * 5)
    shutil.copytree(EXAMPLE, deep)
    result = check(str(deep / "unsafe.sql"), "--schema", str(deep / "schema.sql"),
                   "--old-app", str(deep / "app_old"), "--new-app", str(deep / "app_new"))
    assert result.exit_code == 1, result.output
    assert f"{deep / 'app_old' / 'users.sql'}:10 (rename_user)\n" in result.stdout
    assert "UPDATE users SET name = $2 WHERE id = $1" in result.stdout


def test_safe_rename_passes() -> None:
    result = example("safe")
    assert result.exit_code == 0, result.output
    assert "OK: the old app runs on all 3 states it must (4 queries); the new app runs on all 3 states" in result.stdout


def test_json_report_shape() -> None:
    result = example("unsafe.sql", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert [(s["id"], s["phase"], s["line"]) for s in report["states"]] == [(0, "baseline", None), (1, "unphased", 2)]
    assert report["states"][1]["after"] == "ALTER TABLE users RENAME COLUMN name TO full_name"
    assert report["summary"] == {"queries_checked": 8, "queries_unchecked": 0, "queries_ignored": 0, "states": 2,
                                 "failures": 4, "statements_unmodelled": 0}
    failure = report["failures"][0]
    assert set(failure) >= {"app", "state", "phase", "source", "line", "query", "message", "help"}
    assert (failure["app"], failure["state"], failure["phase"], failure["line"]) == ("old", 1, "unphased", 2)
    assert failure["source"].endswith("app_old/orders.sql")
    assert failure["message"].startswith("old app query ")
    assert failure["cause"]["line"] == 2


def test_github_annotations() -> None:
    result = example("unsafe.sql", "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("::error file=") and ",line=2,title=expandcontract check%3A old app breaks::" in lines[0]


def test_sarif_report() -> None:
    from jsonschema import Draft4Validator, FormatChecker

    result = example("unsafe.sql", "--format", "sarif")
    log = json.loads(result.stdout)
    schema = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    errors = list(Draft4Validator(schema, format_checker=FormatChecker()).iter_errors(log))
    assert not errors, errors[0]
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"check/missing-column"}
    assert results[0]["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 2
    assert log["version"] == "2.1.0"


def test_output_file(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = example("safe", "--format", "json", "-o", str(out))
    assert result.exit_code == 0
    assert json.loads(out.read_text())["ok"] is True


# -- SQLAlchemy models ---------------------------------------------------------------------------


def test_sqlalchemy_models_old_name_new_full_name() -> None:
    models = ("app_old/models.py:Base", "app_new/models.py:Base")
    unsafe = check(str(EXAMPLE / "unsafe.sql"), "--schema", SCHEMA, "--old-app", str(EXAMPLE / models[0]),
                   "--new-app", str(EXAMPLE / models[1]), "--format", "json")
    report = json.loads(unsafe.stdout)
    assert unsafe.exit_code == 1
    assert [(f["app"], f["kind"], f["query"]) for f in report["failures"]] == [
        ("old", "missing-column", "User -> users (id, name, email, created_at)")]
    assert report["failures"][0]["line"] == 13  # class User
    safe = check(str(EXAMPLE / "safe"), "--schema", SCHEMA, "--old-app", str(EXAMPLE / models[0]),
                 "--new-app", str(EXAMPLE / models[1]))
    assert safe.exit_code == 0, safe.output


def test_model_must_map_not_null_columns_without_default(tmp_path: Path) -> None:
    (tmp_path / "models.py").write_text(
        "from sqlalchemy import Column, Integer, MetaData, Table, Text\n"
        "metadata = MetaData()\n"
        "users = Table('users', metadata, Column('id', Integer, primary_key=True), Column('email', Text))\n"
    )
    result = check(str(EXAMPLE / "safe"), "--schema", SCHEMA, "--old-app", f"{tmp_path / 'models.py'}:metadata",
                   "--format", "json")
    report = json.loads(result.stdout)
    kinds = {(f["kind"], f["message"].split(": ", 1)[1].split(" ")[0]) for f in report["failures"]}
    assert ("missing-required-column", "users.name") in kinds
    assert result.exit_code == 1


def test_models_by_module_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "shop"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "models.py").write_text((EXAMPLE / "app_new" / "models.py").read_text())
    monkeypatch.chdir(tmp_path)
    result = check(str(EXAMPLE / "safe"), "--schema", SCHEMA, "--new-app", "shop.models:Base")
    assert result.exit_code == 0, result.output


# -- query logs ----------------------------------------------------------------------------------


def test_pg_stat_statements_csv_and_json(tmp_path: Path) -> None:
    csv_log = tmp_path / "old.csv"
    csv_log.write_text(
        'userid,queryid,query,calls\n'
        '10,1,"SELECT id, name FROM users WHERE id = $1",120\n'
        '10,2,"SELECT id,\n       name FROM users WHERE id = $1",3\n'
        '10,3,BEGIN,800\n'
        '10,4,"SELECT id, name FROM users WHERE id =",1\n'
    )
    json_log = tmp_path / "new.json"
    json_log.write_text(json.dumps([{"query": "SELECT full_name FROM users WHERE id = $1", "calls": 4},
                                    {"query": "UPDATE users SET full_name = $1 WHERE id = $2", "calls": 1}], indent=1))
    result = check(str(EXAMPLE / "unsafe.sql"), "--schema", SCHEMA, "--old-app", str(csv_log),
                   "--new-app", str(json_log), "--format", "json")
    report = json.loads(result.stdout)
    assert result.exit_code == 1
    assert [(f["app"], f["line"]) for f in report["failures"]] == [("old", 2)]  # the repeat is checked once
    assert report["summary"]["queries_ignored"] == 1  # BEGIN
    [unchecked] = report["unchecked"]
    assert unchecked["line"] == 6 and unchecked["reason"].startswith("not valid PostgreSQL")


# -- bad input: one line, exit 2 -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nowhere.sql", "--schema", SCHEMA, "--old-app", str(EXAMPLE / "app_old")], "nowhere.sql: no such file"),
        ([str(EXAMPLE / "safe"), "--schema", "missing.sql", "--old-app", str(EXAMPLE / "app_old")],
         "missing.sql: schema file not found"),
        ([str(EXAMPLE / "safe"), "--schema", SCHEMA], "no app to check"),
        ([str(EXAMPLE / "safe"), "--schema", SCHEMA, "--schema-from-db", "postgresql://x@localhost/db",
          "--old-app", str(EXAMPLE / "app_old")], "give the baseline once"),
        ([str(EXAMPLE / "safe"), "--schema", SCHEMA, "--old-app", "no/such/dir"], "no/such/dir: no such file"),
        ([str(EXAMPLE / "safe"), "--schema", SCHEMA, "--old-app", "nosuchpackage.models:Base"],
         "cannot import nosuchpackage.models: ModuleNotFoundError"),
        ([str(EXAMPLE / "safe"), "--schema", SCHEMA, "--old-app", f"{EXAMPLE / 'app_old' / 'models.py'}:Nope"],
         "has no attribute 'Nope'"),
        ([str(EXAMPLE / "safe"), "--schema-from-db", "postgresql://app:secret@127.0.0.1:1/prod",
          "--old-app", str(EXAMPLE / "app_old")], "postgresql://app:***@127.0.0.1:1/prod: cannot connect"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    result = check(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output and "secret" not in result.stderr


def test_unparseable_app_query_names_file_and_line(tmp_path: Path) -> None:
    app = tmp_path / "q.sql"
    app.write_text("SELECT 1;\n\nSELEC id FROM users;\n")
    result = check(str(EXAMPLE / "safe"), "--schema", SCHEMA, "--old-app", str(app))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"expandcontract: error: {app}:3: cannot parse query: syntax error")


def test_log_without_query_column(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text("calls,text\n1,SELECT 1\n")
    result = check(str(EXAMPLE / "safe"), "--schema", SCHEMA, "--old-app", str(log))
    assert result.exit_code == 2
    assert "log.csv:1: no 'query' column" in result.stderr


def test_unparseable_migration_is_exit_2(tmp_path: Path) -> None:
    migration = tmp_path / "m.sql"
    migration.write_text("ALTER TABLE users ADD COLUMN x int;\nALTER TABLEX users;\n")
    result = check(str(migration), "--schema", SCHEMA, "--old-app", str(EXAMPLE / "app_old"))
    assert result.exit_code == 2
    assert f"{migration}:2: cannot parse migration statement" in result.stderr


def test_config_supplies_schema_and_apps(tmp_path: Path) -> None:
    (tmp_path / "expandcontract.toml").write_text(
        f'schema = "{SCHEMA}"\nold_app = ["{EXAMPLE / "app_old"}"]\nnew_app = ["{EXAMPLE / "app_new"}"]\n')
    migration = tmp_path / "m.sql"
    migration.write_text((EXAMPLE / "unsafe.sql").read_text())
    result = check(str(migration))
    assert result.exit_code == 1, result.output
    assert "the old app breaks on 1 of 2 states" in result.stdout


def test_no_baseline_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    migration = tmp_path / "m.sql"
    migration.write_text("ALTER TABLE users ADD COLUMN x int;\n")
    result = check(str(migration), "--old-app", str(EXAMPLE / "app_old"))
    assert result.exit_code == 2
    assert "no baseline schema: give --schema FILE" in result.stderr


def test_rename_table_examples_one_transaction_passes_split_fails() -> None:
    folder = EXAMPLE.parent / "check_rename_table"
    args = ["--schema", str(folder / "schema.sql"), "--old-app", str(folder / "app_old"),
            "--new-app", str(folder / "app_new"), "--format", "json"]
    assert check(str(folder / "one_transaction.sql"), *args).exit_code == 0
    split = check(str(folder / "split_by_concurrently.sql"), *args)
    assert split.exit_code == 1
    report = json.loads(split.stdout)
    assert {(f["app"], f["kind"], tuple(f["states"])) for f in report["failures"]} == {
        ("old", "missing-relation", (1, 2))}


def test_strict_fails_on_unchecked_queries(tmp_path: Path) -> None:
    app = tmp_path / "app.sql"
    app.write_text("SELECT id, email FROM users;\nCOPY users (email) FROM STDIN;\n")
    args = [str(EXAMPLE / "safe"), "--schema", SCHEMA, "--old-app", str(app)]
    relaxed = check(*args)
    assert relaxed.exit_code == 0, relaxed.output
    said = " ".join(relaxed.stdout.split())  # the report wraps a long line (a deep tmp_path) anywhere
    assert "1 query not checked" in said and "Copy statements are not analysed" in said
    assert "OK for the checked queries" in said
    assert check(*args, "--strict").exit_code == 1


def test_other_dialects_are_refused(tmp_path: Path) -> None:
    (tmp_path / "expandcontract.toml").write_text('dialect = "sqlite"\n')
    (tmp_path / "m.sql").write_text("ALTER TABLE users ADD COLUMN x int;\n")
    result = check(str(tmp_path / "m.sql"), "--schema", SCHEMA, "--old-app", str(EXAMPLE / "app_old"))
    assert result.exit_code == 2
    assert "dialect 'sqlite' is not supported" in result.stderr


def test_python_api_check_paths() -> None:
    from expandcontract.check import check_paths

    result = check_paths([EXAMPLE / "unsafe.sql"], schema=SCHEMA, old_app=[str(EXAMPLE / "app_old")])
    assert not result.ok and {f.problem.kind for f in result.failures} == {"missing-column"}
    assert "new" not in result.queries


def test_alembic_project(tmp_path: Path) -> None:
    project = EXAMPLE.parent / "alembic_app"
    (tmp_path / "empty.sql").write_text("")
    result = check(str(project / "alembic.ini"), "--schema", str(tmp_path / "empty.sql"),
                   "--new-app", f"{project / 'models.py'}:Base", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    states = [(s["phase"], Path(s["file"]).name if s["file"] else None, s["new_app"]) for s in report["states"]]
    # the new app starts at the end of the expand branch (the revisions are one migration each)
    assert states[:4] == [("baseline", None, False), ("unphased", "0001_create_customers.py", False),
                          ("expand", "0002_expand_display_name.py", False), ("expand", "0002_expand_display_name.py", True)]
    assert all(new_app for _phase, _file, new_app in states[3:])


def test_alembic_since_a_revision_checks_the_old_app_too() -> None:
    project = EXAMPLE.parent / "alembic_app"
    result = check(str(project / "alembic.ini"), "--since", "0001", "--old-app",
                   f"{project / 'app_old' / 'models.py'}:Base", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [Path(s["file"]).name for s in report["states"][1:2]] == ["0002_expand_display_name.py"]
    assert report["summary"]["queries_checked"] == 2  # one model per app
    # without --since the old app would have to run on the empty database before 0001
    broken = check(str(project / "alembic.ini"), "--old-app", f"{project / 'app_old' / 'models.py'}:Base")
    assert broken.exit_code == 1


def test_the_table_fits_100_columns_with_long_revision_names_and_a_legend():
    from expandcontract.check.api import check_migrations
    from expandcontract.check.queries import queries_from_sql
    from expandcontract.core.migration import Migration, Script, ScriptKind
    from expandcontract.core.schema import Schema
    from expandcontract.reporters import render

    folder = "app/server/database/migrations/versions/postgresql"
    names = ["2024_09_11_090317_555ed31b284d_add_concurrency_options",
             "2024_09_16_152051_eaec5004771f_add_deployment_to_global_concurrency_"]
    sqls = ["ALTER TABLE deployment ADD COLUMN concurrency_options jsonb;", "ALTER TABLE deployment DROP COLUMN name;"]
    migrations = [Migration(n, f"{folder}/{n}.py", (Script(f"{folder}/{n}.py", ScriptKind.UNPHASED, sql),))
                  for n, sql in zip(names, sqls, strict=True)]
    app = queries_from_sql("SELECT id, name FROM deployment;", "app.sql")
    result = check_migrations(migrations, baseline=Schema.from_sql("CREATE TABLE deployment (id bigint, name text)"),
                              old_app=app, new_app=app)
    text = render(result, "text", width=100)
    assert max(len(line) for line in text.splitlines()) <= 100
    lines = text.splitlines()
    assert lines[3].split()[2] == "m1:1" and lines[4].split()[2] == "m2:1"
    assert f"in {folder}/:" in lines
    assert f"m1  {names[0]}.py" in lines and f"m2  {names[1]}.py" in lines
