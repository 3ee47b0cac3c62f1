"""`trace`: migrations run on a real PostgreSQL, each statement labelled by what the server did,
and lint held to it. The oracle test runs our corpora and fails on any disagreement between
lint and the server that tests/trace_known.json does not list with a reason."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from expandcontract.cli import main
from expandcontract.config import Config, load_config
from expandcontract.scratch import DISPOSABLE_COMMENT, ScratchError, disposable_database
from expandcontract.trace.api import trace_paths
from expandcontract.trace.labels import Reason

from .pg import with_database

ROOT = Path(__file__).resolve().parents[1]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_trace", ROOT / "tests" / "bench" / "bench_trace.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def scratch_url(pg_url: str) -> str:
    """The test's fresh database, marked disposable (so trace may create its own next to it)."""
    with psycopg.connect(pg_url, autocommit=True) as conn:
        name = conn.execute("select current_database()").fetchone()[0]
        conn.execute(f"COMMENT ON DATABASE \"{name}\" IS '{DISPOSABLE_COMMENT}'")
    return pg_url


def trace_sql(tmp_path: Path, url: str, sql: str, schema: str = "", name: str = "m.sql", **config):
    (tmp_path / name).write_text(sql, encoding="utf-8")
    schema_file = None
    if schema:
        schema_file = tmp_path / "schema.sql"
        schema_file.write_text(schema, encoding="utf-8")
    return trace_paths([str(tmp_path / name)], config=Config(**config),
                       schema=str(schema_file) if schema_file else None, database_url=url)


def by_line(traced) -> dict[int, dict]:
    return {s.line: {str(r): t for r, t in s.reasons.items()} for s in traced.trace.statements}


# -- the scratch server -----------------------------------------------------------------------


@pytest.mark.postgres
def test_a_database_that_is_not_marked_disposable_is_refused(pg_url: str, tmp_path: Path) -> None:
    (tmp_path / "m.sql").write_text("CREATE TABLE t (id int);", encoding="utf-8")
    result = CliRunner().invoke(main, ["trace", str(tmp_path / "m.sql"), "--database-url", pg_url])
    assert result.exit_code == 2
    assert "is not marked disposable" in result.output and "COMMENT ON DATABASE" in result.output
    with psycopg.connect(pg_url) as conn:  # nothing ran there
        assert conn.execute("select count(*) from pg_class where relname = 't'").fetchone()[0] == 0


@pytest.mark.postgres
def test_a_database_named_scratch_is_disposable(pg_server: str) -> None:
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute('DROP DATABASE IF EXISTS "scratch_named_test"')
        conn.execute('CREATE DATABASE "scratch_named_test"')
    try:
        with disposable_database(with_database(pg_server, "scratch_named_test")) as url:
            assert "/ec_scratch_" in url  # a fresh one made next to it, dropped afterwards
    finally:
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute('DROP DATABASE IF EXISTS "scratch_named_test"')


def test_a_bad_url_is_one_line() -> None:
    with (pytest.raises(ScratchError, match="cannot connect to postgresql://u:\\*\\*\\*@"),
          disposable_database("postgresql://u:secret@127.0.0.1:1/x?connect_timeout=1")):
        pass


# -- what the trace sees ----------------------------------------------------------------------


@pytest.mark.postgres
def test_trace_labels_locks_rewrites_scans_and_index_builds(tmp_path: Path, scratch_url: str) -> None:
    traced = trace_sql(tmp_path, scratch_url, (
        "ALTER TABLE t ALTER COLUMN a TYPE bigint;\n"  # 1: rewrite under ACCESS EXCLUSIVE
        "CREATE INDEX t_b_idx ON t (b);\n"  # 2: index build under SHARE, slow under AE
        "CREATE TABLE n (id int);\n"  # 3: a new table: no hazard
        "ALTER TABLE u ADD CONSTRAINT u_c CHECK (c > 0);\n"  # 4: scan under AE; a new lock under AE on t
    ), schema="CREATE TABLE t (id int PRIMARY KEY, a int, b text);\nCREATE TABLE u (c int);")
    lines = by_line(traced)
    assert lines[1] == {"rewrite": ("public.t",), "ae_then_slow": ("public.t",)}
    assert set(lines[2]) == {"index_build", "slow_under_ae"}
    assert lines[3] == {}
    assert lines[4] == {"scan_under_lock": ("public.u",), "slow_under_ae": ("public.u",),
                        "lock_wait_under_ae": ("public.u",)}
    first = traced.trace.statements[0]
    assert first.new_locks["public.t"].label == "ACCESS EXCLUSIVE"
    assert first.observation.seconds > 0


@pytest.mark.postgres
def test_an_index_kept_on_its_storage_is_no_build(tmp_path: Path, scratch_url: str) -> None:
    """Lengthening a varchar re-creates its unique index under a new oid on the same relfilenode
    (nothing is built: Airflow's ab_view_menu.name, MLflow's metrics.value); timestamp -> timestamptz
    under TimeZone UTC rewrites no row but rebuilds the column's index (another operator class)."""
    traced = trace_sql(tmp_path, scratch_url, (
        "ALTER TABLE t ALTER COLUMN name TYPE varchar(250);\n"
        "COMMIT;\n"
        "SET timezone = 'UTC';\n"
        "ALTER TABLE t ALTER COLUMN at TYPE timestamptz;\n"
    ), schema="CREATE TABLE t (id int PRIMARY KEY, name varchar(100) UNIQUE, at timestamp);\n"
              "CREATE INDEX t_at ON t (at);")
    lines = by_line(traced)
    assert lines[1] == {}
    assert lines[4] == {"index_build": ("public.t",)}


@pytest.mark.postgres
def test_each_migration_starts_in_a_fresh_session(tmp_path: Path, scratch_url: str) -> None:
    """What one migration SETs is not carried into the next (lint does not carry it either): after
    1.sql's SET timezone = UTC, 2.sql's timestamp -> timestamptz rewrites, as lint says."""
    (tmp_path / "0.sql").write_text("CREATE TABLE t (id int PRIMARY KEY, at timestamp);\n", encoding="utf-8")
    (tmp_path / "1.sql").write_text("SET timezone = 'UTC';\n", encoding="utf-8")
    (tmp_path / "2.sql").write_text("ALTER TABLE t ALTER COLUMN at TYPE timestamptz;\n", encoding="utf-8")
    traced = trace_paths([str(tmp_path)], config=Config(starts_empty=True), database_url=scratch_url)
    [change] = [s for s in traced.trace.statements if s.file.endswith("2.sql")]
    assert "rewrite" in {str(r) for r in change.reasons}
    assert not traced.disagreements


@pytest.mark.postgres
def test_trace_runs_transactions_as_lint_models_them(tmp_path: Path, scratch_url: str) -> None:
    traced = trace_sql(tmp_path, scratch_url, (
        "BEGIN;\nALTER TABLE t ADD COLUMN c int;\nCOMMIT;\n"
        "CREATE INDEX CONCURRENTLY t_a_idx ON t (a);\n"
        "UPDATE t SET c = 1;\n"
    ), schema="CREATE TABLE t (id int PRIMARY KEY, a int);")
    stmts = {s.line: s for s in traced.trace.statements}
    assert stmts[2].transaction != stmts[5].transaction  # the explicit block commits first
    assert not stmts[4].observation.observed  # CONCURRENTLY ran outside a transaction
    assert stmts[4].observation.index_builds == {"public.t"}
    assert stmts[4].reasons == {}  # no SHARE lock held: not the index-build hazard
    assert stmts[2].reasons == {}  # ADD COLUMN committed alone: nothing slow under its lock


@pytest.mark.postgres
def test_the_baseline_may_be_the_models(tmp_path: Path, scratch_url: str) -> None:
    """``--schema models.py:Base`` (an app whose first tables come from create_all): the trace
    creates the models' DDL first, as lint replays it (it read the baseline as a file path)."""
    (tmp_path / "models.py").write_text(
        "import sqlalchemy as sa\nfrom sqlalchemy.orm import DeclarativeBase\n\n\n"
        "class Base(DeclarativeBase):\n    pass\n\n\n"
        "class Metric(Base):\n    __tablename__ = 'metrics'\n"
        "    id = sa.Column(sa.BigInteger, primary_key=True)\n    value = sa.Column(sa.Float)\n",
        encoding="utf-8")
    (tmp_path / "m.sql").write_text("ALTER TABLE metrics ALTER COLUMN value SET NOT NULL;\n", encoding="utf-8")
    traced = trace_paths([str(tmp_path / "m.sql")], schema=f"{tmp_path / 'models.py'}:Base", database_url=scratch_url)
    [stmt] = traced.trace.statements
    assert stmt.error is None
    assert {str(r) for r in stmt.reasons} == {"scan_under_lock"}
    assert not traced.disagreements  # lint knew the table from the same baseline: EC209


@pytest.mark.postgres
def test_a_failing_statement_is_reported_and_the_rest_still_runs(tmp_path: Path, scratch_url: str) -> None:
    traced = trace_sql(tmp_path, scratch_url, "CREATE TABLE a (id int);\nSELECT nope FROM a;\n", name="1.sql")
    (tmp_path / "2.sql").write_text("ALTER TABLE a ADD COLUMN b int;\n", encoding="utf-8")
    traced = trace_paths([str(tmp_path)], database_url=scratch_url)
    stmts = traced.trace.statements
    assert stmts[1].error and "nope" in stmts[1].error
    assert stmts[2].error is None and stmts[2].observation is not None  # a was replayed


@pytest.mark.postgres
def test_trace_cli_text_and_json(tmp_path: Path, scratch_url: str) -> None:
    (tmp_path / "schema.sql").write_text("CREATE TABLE t (id int, a int);", encoding="utf-8")
    (tmp_path / "m.sql").write_text("ALTER TABLE t ALTER COLUMN a TYPE text;\n", encoding="utf-8")
    args = ["trace", str(tmp_path / "m.sql"), "--schema", str(tmp_path / "schema.sql"), "--scratch-url", scratch_url]
    text = CliRunner().invoke(main, args)
    assert text.exit_code == 0, text.output  # lint (EC207) and PostgreSQL agree
    assert "locks ACCESS EXCLUSIVE public.t; rewrites public.t" in text.output
    assert "HAZARD rewrite" in text.output
    data = json.loads(CliRunner().invoke(main, [*args, "--format", "json"]).output)
    assert data["statements"][0]["rewrites"] == ["public.t"]
    assert data["statements"][0]["locks"] == [{"relation": "public.t", "mode": "ACCESS EXCLUSIVE", "preexisting": True}]
    assert data["disagreements"] == []
    # --database-url, its spelling before it was one option with lint's --scratch-url, still works
    old = ["trace", str(tmp_path / "m.sql"), "--schema", str(tmp_path / "schema.sql"), "--database-url", scratch_url]
    again = CliRunner().invoke(main, old)
    assert again.exit_code == 0 and "locks ACCESS EXCLUSIVE public.t; rewrites public.t" in again.output


@pytest.mark.postgres
def test_lint_trace_reports_a_disagreement_naming_both(tmp_path: Path, scratch_url: str) -> None:
    (tmp_path / "schema.sql").write_text("CREATE TABLE t (id int, a int);", encoding="utf-8")
    # adding a NOT NULL column without a default checks the table: PostgreSQL scans it (an
    # empty one; a populated one fails at once), which lint leaves to EC305
    (tmp_path / "m.sql").write_text("ALTER TABLE t ADD COLUMN b int NOT NULL;\n", encoding="utf-8")
    args = ["lint", str(tmp_path / "m.sql"), "--schema", str(tmp_path / "schema.sql"), "--format", "json"]
    plain = json.loads(CliRunner().invoke(main, args).output)
    assert not [f for f in plain["findings"] if f["code"] == "EC004"]
    traced = json.loads(CliRunner().invoke(main, [*args, "--trace", "--database-url", scratch_url]).output)
    ec004 = [f for f in traced["findings"] if f["code"] == "EC004"]
    assert len(ec004) == 1, traced["findings"]
    assert ec004[0]["line"] == 1
    assert "lint reports no lock hazard" in ec004[0]["message"]
    assert "PostgreSQL scanned under a SHARE or stronger lock (public.t)" in ec004[0]["message"]


def test_database_url_without_trace_is_refused(tmp_path: Path) -> None:
    (tmp_path / "m.sql").write_text("SELECT 1;", encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(tmp_path / "m.sql"), "--database-url", "postgresql://x/y"])
    assert result.exit_code == 2 and "--database-url is for --trace" in result.output


def test_lint_and_trace_name_the_scratch_database_with_one_option(tmp_path: Path) -> None:
    """--scratch-url is the scratch PostgreSQL of lint (online rendering, --trace) and trace; the
    --database-url they used to take for it is hidden (everywhere else it names the real database)."""
    for command in ("lint", "trace"):
        shown = CliRunner().invoke(main, [command, "--help"]).output
        assert "--scratch-url" in shown and "--database-url" not in shown, (command, shown)
    (tmp_path / "m.sql").write_text("SELECT 1;", encoding="utf-8")
    for command in (["lint", "--trace"], ["trace"]):
        result = CliRunner().invoke(main, [*command, str(tmp_path / "m.sql"), "--scratch-url", "postgresql://a/x",
                                           "--database-url", "postgresql://b/y"])
        assert result.exit_code == 2 and "old spelling of --scratch-url" in result.output, result.output


# -- the oracle over our corpora --------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.parametrize("corpus", _bench().CORPORA)
def test_lint_agrees_with_postgresql_on_the_corpora(corpus: str, scratch_url: str) -> None:
    """Every disagreement between lint's lock claims and what PostgreSQL did is either listed in
    tests/trace_known.json with a reason, or a failure. Listed ones that no longer happen fail
    too (`python tests/bench/bench_trace.py --update-known` rewrites the list)."""
    bench = _bench()
    traced = trace_paths([str(ROOT / corpus)], config=load_config(str(ROOT / corpus)), database_url=scratch_url)
    folder = (Path(corpus).parent if corpus.endswith(".ini") else Path(corpus)).as_posix() + "/"
    _assert_only_known(bench, traced.disagreements, folder)
    failed = [s for s in traced.trace.statements if s.error and not s.text.lstrip().upper().startswith("CALL")]
    assert not failed, [(s.file, s.line, s.error) for s in failed]


def _assert_only_known(bench, disagreements, folder: str) -> None:
    """Every disagreement under ``folder`` is listed in tests/trace_known.json with a reason, and
    every listed one still happens."""
    known = {k: why for k, why in bench.load_known().items() if k[0].startswith(folder)}
    found = {bench.known_key(d): d for d in disagreements}
    unknown = [f"{k[0]}:{k[1]} {d.kind}: {d.lint_words()}; {d.trace_words()}" for k, d in found.items() if k not in known]
    assert not unknown, "\n".join(unknown)
    stale = sorted(set(known) - set(found))
    assert not stale, f"known disagreements that no longer happen: {stale}"
    todo = [k for k, why in known.items() if why.startswith(bench.TODO) or not why.strip()]
    assert not todo, f"known disagreements without a reason: {todo}"


def test_a_claim_is_on_the_statement_it_names_not_on_its_whole_line() -> None:
    """One Alembic alter_column renders ALTER COLUMN … TYPE and SET NOT NULL on one revision line:
    EC209 on the SET NOT NULL claims nothing on the TYPE change; a lock another line says this
    line took (EC213) goes to the line's first statement."""
    from expandcontract.core.findings import Finding, Severity
    from expandcontract.trace.compare import statement_claims
    from expandcontract.trace.labels import TracedStatement

    def finding(code: str, line: int, statement: str, message: str = "") -> Finding:
        return Finding(code, code, Severity.ERROR, "none", "r.py", line, 1, line, statement, message, "")

    kind = TracedStatement("r.py", 10, "ALTER TABLE t ALTER COLUMN c TYPE int", None)
    not_null = TracedStatement("r.py", 10, "ALTER TABLE t ALTER COLUMN c SET NOT NULL", None)
    update = TracedStatement("r.py", 11, "UPDATE t SET c = 1", None)
    claims = statement_claims([
        finding("EC209", 10, not_null.text),
        finding("EC213", 11, update.text, "this statement changes rows of t (UPDATE) while the ACCESS EXCLUSIVE "
                                          "lock that line 10 took on t is still held"),
    ], [kind, not_null, update])
    assert claims[id(kind)] == {"ae_then_slow": {"EC213"}}
    assert claims[id(not_null)] == {"scan_under_lock": {"EC209"}}
    assert claims[id(update)] == {"slow_under_ae": {"EC213"}}


def test_every_reason_has_words() -> None:
    assert all(r.words for r in Reason)


@pytest.mark.postgres
@pytest.mark.real_app
@pytest.mark.parametrize("app", _bench().REAL_APPS, ids=lambda a: f"{a[0]}-{a[1]}")
def test_lint_agrees_with_postgresql_on_a_real_apps_history(app: tuple, scratch_url: str) -> None:
    """The same oracle over a real application's whole Alembic history (rendered online in the
    app's own environment), held to the same known list."""
    bench = _bench()
    name, version, migrations, settings = app
    disagreements, failed, scored = bench.run_real_app(name, version, migrations, settings, scratch_url)
    assert scored.statements > 400  # the whole history ran, not a part of it
    assert not failed, failed
    _assert_only_known(bench, disagreements, migrations + "/")
