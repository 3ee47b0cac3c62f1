"""``expandcontract split --format alembic``: the plan as Alembic revisions that Alembic loads,
``expandcontract lint`` passes, and the expandcontract runner (or Alembic alone) applies on
PostgreSQL with the data intact."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.script import ScriptDirectory
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.dialects import postgresql

from expandcontract.alembic.offline import alembic_migrations
from expandcontract.cli import main
from expandcontract.core.migration import ScriptKind, analyse_script
from expandcontract.core.parse import parse_sql
from expandcontract.core.schema import Schema
from expandcontract.split import plan_migration, render_files, split_migration
from expandcontract.split.pycode import UnwritableSql, execute_argument
from expandcontract.split.revisions import Placement, render_revisions

from .alembic_project import make_project, revision
from .test_split_pg import SEED
from .test_split_recipes import BASE, IDS, SCENARIOS, Expect, Fails, Write

BASE_REVISION = revision("0001", None, "\n".join(
    f"op.execute({s.text.strip()!r})" for s in parse_sql(BASE)))


def cli(*args) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


def alembic_project(root: Path, url: str = "postgresql://localhost/unused") -> Path:
    """An Alembic project whose one revision, 0001, creates the split tests' baseline."""
    return make_project(root, {"0001_baseline": BASE_REVISION},
                        url.replace("postgresql://", "postgresql+psycopg://", 1).replace("%", "%%"))


def split_into(ini: Path, sql: str, *extra, name: str = "change.sql", pg_version: int = 16) -> Path:
    """Split ``sql`` into the project's versions directory; returns it."""
    root = ini.parent
    (root / "schema.sql").write_text(BASE)
    (root / name).write_text(sql)
    code, output = cli("split", root / name, "--schema", root / "schema.sql", "--format", "alembic",
                       "--alembic", ini, "--pg-version", pg_version, *extra)
    assert code == 0, output
    return root / "migrations" / "versions"


def alembic_config(ini: Path) -> AlembicConfig:
    config = AlembicConfig(str(ini))
    config.set_main_option("script_location", str(ini.parent / "migrations"))
    return config


def scripts(ini: Path) -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config(ini))


def sql_rows(url: str, sql: str):
    with psycopg.connect(url, autocommit=True) as conn:
        cur = conn.execute(sql)
        return cur.fetchall() if cur.description else None


def apply(ini: Path, url: str, phase: str, *extra) -> list[dict]:
    result = CliRunner().invoke(main, ["apply", "--alembic", str(ini), "--phase", phase, "--database-url", url,
                                       "--format", "json", *extra])
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert result.exit_code == 0, (result.stderr, [e for e in events if "fail" in e["event"]])
    return events


# ---------------------------------------------------------------------------------------------
# Alembic loads them


def test_revisions_chain_after_the_project_head_and_declare_their_phase(tmp_path):
    ini = alembic_project(tmp_path)
    versions = split_into(ini, "ALTER TABLE users RENAME COLUMN name TO full_name;", name="rename_name.sql")
    assert sorted(p.name for p in versions.iterdir() if p.suffix in (".py", ".md")) == [
        "0001_baseline.py", "rename_name_PLAN.md", "rename_name_contract.py", "rename_name_expand.py",
        "rename_name_migrate.py"]
    directory = scripts(ini)
    chain = [r.revision for r in reversed(list(directory.walk_revisions()))]
    assert chain == ["0001", "rename_name_expand", "rename_name_migrate", "rename_name_contract"]
    assert directory.get_heads() == ["rename_name_contract"]
    assert [directory.get_revision(r).module.phase for r in chain[1:]] == ["expand", "migrate", "contract"]
    assert all(directory.get_revision(r).module.branch_labels is None for r in chain)
    # plain, lint-clean Python: no unused import, no undefined name
    checked = subprocess.run([sys.executable, "-m", "ruff", "check", "--isolated", "--select", "F,E9,W6",
                              *(str(p) for p in versions.glob("rename_name_*.py"))], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout


def test_revisions_join_a_project_that_runs_expand_and_contract_branches(tmp_path):
    ini = make_project(tmp_path, {
        "0001_baseline": BASE_REVISION,
        "0002_expand": revision("0002", "0001", "pass", labels=("expand",)),
        "0003_contract": revision("0003", "0001", "pass", labels=("contract",), depends_on="0002"),
    })
    split_into(ini, "ALTER TABLE users RENAME COLUMN name TO full_name;", name="rename.sql")
    directory = scripts(ini)
    expand, migrate, contract = (directory.get_revision(f"rename_{p}") for p in ("expand", "migrate", "contract"))
    assert (expand.down_revision, migrate.down_revision) == ("0002", "rename_expand")
    assert (contract.down_revision, contract.dependencies) == ("0003", "rename_migrate")
    assert directory.get_revision("expand@head").revision == "rename_migrate"
    assert directory.get_revision("contract@head").revision == "rename_contract"
    code, output = cli("lint", ini, "--format", "json")
    assert code == 0, output


def test_down_revision_comes_from_the_flag_or_is_none(tmp_path):
    (tmp_path / "schema.sql").write_text(BASE)
    (tmp_path / "add.sql").write_text("CREATE INDEX orders_customer_idx ON orders (customer_id);")
    code, output = cli("split", tmp_path / "add.sql", "--schema", tmp_path / "schema.sql", "--format", "alembic",
                       "--out", tmp_path / "v", "--down-revision", "ab12cd34", "--rev-id", "ix_orders")
    assert code == 0, output
    module = ast.parse((tmp_path / "v" / "ix_orders_expand.py").read_text())
    values = {n.targets[0].id: ast.literal_eval(n.value) for n in module.body if isinstance(n, ast.Assign)}
    assert values == {"revision": "ix_orders_expand", "down_revision": "ab12cd34", "branch_labels": None,
                      "depends_on": None, "phase": "expand"}
    assert sorted(p.name for p in (tmp_path / "v").iterdir()) == ["ix_orders_PLAN.md", "ix_orders_expand.py"]
    code, output = cli("split", tmp_path / "add.sql", "--schema", tmp_path / "schema.sql", "--format", "alembic",
                       "--dry-run")
    assert code == 0 and "down_revision = None" in output and "==> add_expand.py <==" in output


def test_several_heads_without_phase_branches_need_down_revision(tmp_path):
    ini = make_project(tmp_path, {
        "0001_baseline": BASE_REVISION,
        "0002_a": revision("0002", "0001", "pass"),
        "0003_b": revision("0003", "0001", "pass"),
    })
    (tmp_path / "schema.sql").write_text(BASE)
    (tmp_path / "c.sql").write_text("ALTER TABLE users RENAME COLUMN name TO full_name;")
    code, output = cli("split", tmp_path / "c.sql", "--schema", tmp_path / "schema.sql", "--format", "alembic",
                       "--alembic", ini)
    assert code == 2
    assert f"{ini}: has 2 heads (0002, 0003) and no expand/contract branch labels to follow: pass " \
           "--down-revision REV" in output
    code, output = cli("split", tmp_path / "c.sql", "--schema", tmp_path / "schema.sql", "--format", "alembic",
                       "--alembic", ini, "--down-revision", "0009")
    assert code == 2 and "--down-revision 0009: the project has no such revision" in output
    code, output = cli("split", tmp_path / "c.sql", "--schema", tmp_path / "schema.sql", "--format", "alembic",
                       "--alembic", ini, "--down-revision", "0003")
    assert code == 0, output
    assert scripts(ini).get_revision("c_expand").down_revision == "0003"


def test_refuses_to_overwrite_without_force_and_writes_nothing_on_dry_run(tmp_path):
    ini = alembic_project(tmp_path)
    versions = split_into(ini, "ALTER TABLE users RENAME COLUMN name TO full_name;", name="r.sql")
    edited = (versions / "r_expand.py").read_text() + "# edited by hand\n"
    (versions / "r_expand.py").write_text(edited)
    code, output = cli("split", tmp_path / "r.sql", "--schema", tmp_path / "schema.sql", "--format", "alembic",
                       "--alembic", ini)
    assert code == 2 and "r_expand.py: already exists" in output and "--force" in output
    assert (versions / "r_expand.py").read_text() == edited
    # a second run replaces its own revisions: they are not taken for the head to follow
    split_into(ini, "ALTER TABLE users RENAME COLUMN name TO full_name;", "--force", name="r.sql")
    assert scripts(ini).get_revision("r_expand").down_revision == "0001"
    before = sorted(p.name for p in versions.iterdir())
    code, output = cli("split", tmp_path / "r.sql", "--schema", tmp_path / "schema.sql", "--format", "alembic",
                       "--alembic", ini, "--rev-id", "other", "--dry-run")
    assert code == 0 and "==> other_PLAN.md <==" in output
    assert sorted(p.name for p in versions.iterdir()) == before


def test_a_revision_id_the_project_already_uses_elsewhere_is_refused(tmp_path):
    ini = make_project(tmp_path, {"0001_baseline": BASE_REVISION,
                                  "0002_x": revision("r_expand", "0001", "pass")})
    (tmp_path / "schema.sql").write_text(BASE)
    (tmp_path / "r.sql").write_text("ALTER TABLE users RENAME COLUMN name TO full_name;")
    code, output = cli("split", tmp_path / "r.sql", "--schema", tmp_path / "schema.sql", "--format", "alembic",
                       "--alembic", ini)
    assert code == 2 and "0002_x.py: already has revision id r_expand: choose another prefix with --rev-id" in output
    code, output = cli("split", tmp_path / "r.sql", "--schema", tmp_path / "schema.sql", "--format", "alembic",
                       "--alembic", ini, "--rev-id", "no-dashes")
    assert code == 2 and "--rev-id" in output


def test_the_plan_names_the_revisions_and_how_to_run_them(tmp_path):
    ini = alembic_project(tmp_path)
    versions = split_into(ini, "ALTER TABLE users RENAME COLUMN name TO full_name;", name="r.sql")
    plan = (versions / "r_PLAN.md").read_text()
    assert "## 2. Deploy the new app, then run `r_migrate`" in plan
    assert f"    expandcontract apply --alembic {ini} --phase migrate" in plan
    assert "it still uses users.name, which `r_contract` drops" in plan
    assert ".sql" not in plan.replace("r.sql", "")


def test_downgrades_undo_expand_and_refuse_contract(tmp_path):
    ini = alembic_project(tmp_path)
    versions = split_into(ini, "ALTER TABLE users RENAME COLUMN name TO full_name;", name="r.sql")
    expand = (versions / "r_expand.py").read_text()
    downgrade = expand[expand.index("def downgrade"):]
    assert 'op.execute("DROP TRIGGER IF EXISTS users_sync_full_name ON users")' in downgrade
    assert 'op.execute("ALTER TABLE users DROP COLUMN IF EXISTS full_name")' in downgrade
    contract = scripts(ini).get_revision("r_contract").module
    with pytest.raises(NotImplementedError, match=r"^contract is one-way: it drops column users\.name and the data "
                                                  r"in it\. To go back, restore from a backup"):
        contract.downgrade()


def _transactions(script) -> list[tuple[bool, list[str]]]:
    """A script's transactions as the runner runs them: statements (whitespace aside) per group."""
    analysed = analyse_script(script, Schema.from_sql(BASE), origin="x")
    return [(g.transactional, [" ".join(s.statement.text.split()).rstrip(";") for s in g.steps
                               if not s.is_transaction_control]) for g in analysed.groups
            if any(not s.is_transaction_control for s in g.steps)]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_revisions_commit_where_the_sql_plan_commits(scenario, tmp_path):
    """Read back the way lint and the runner read them, the expand and contract revisions hold the
    same statements in the same transactions as expand.sql and contract.sql."""
    plan = split_migration(scenario.migration, BASE, pg_version=scenario.pg_version)
    (tmp_path / "versions").mkdir()
    for name, text in render_revisions(plan, "x", Placement(), Schema.from_sql(BASE)).items():
        (tmp_path / "versions" / name).write_text(text)
    revisions = {m.scripts[0].kind: m.scripts[0] for m in alembic_migrations(tmp_path)}
    sql = {s.kind: s for s in plan_migration(render_files(plan)).scripts}
    for kind in (ScriptKind.EXPAND, ScriptKind.CONTRACT):
        expected = _transactions(sql[kind])
        assert (_transactions(revisions[kind]) if kind in revisions else []) == expected, kind


def test_a_revision_that_fails_lint_is_not_written(tmp_path, monkeypatch):
    import expandcontract.commands.split as split_command

    def unsafe(plan, prefix, placement, baseline, **kw):
        files = render_revisions(plan, prefix, placement, baseline, **kw)
        name = f"{prefix}_expand.py"
        files[name] = files[name].replace("def upgrade() -> None:\n", "def upgrade() -> None:\n"
                                          "    op.execute('CREATE INDEX users_email_idx ON users (email)')\n")
        return files

    monkeypatch.setattr(split_command, "render_revisions", unsafe)
    ini = alembic_project(tmp_path)
    (tmp_path / "schema.sql").write_text(BASE)
    (tmp_path / "r.sql").write_text("ALTER TABLE users RENAME COLUMN name TO full_name;")
    code, output = cli("split", tmp_path / "r.sql", "--schema", tmp_path / "schema.sql", "--format", "alembic",
                       "--alembic", ini)
    assert code == 1
    assert f"{tmp_path / 'migrations' / 'versions' / 'r_expand.py'}:" in output and "EC201" in output
    assert "nothing written: lint finds 1 error(s)" in output
    assert sorted(p.name for p in (tmp_path / "migrations" / "versions").glob("*.py")) == ["0001_baseline.py"]


def test_a_statement_sqlalchemy_would_change_is_not_written(tmp_path, monkeypatch):
    import expandcontract.split.revisions as revisions

    def unwritable(sql):
        raise UnwritableSql("SQLAlchemy's text() would not send this statement unchanged")

    monkeypatch.setattr(revisions, "execute_argument", unwritable)
    (tmp_path / "schema.sql").write_text(BASE)
    (tmp_path / "r.sql").write_text("ALTER TABLE users RENAME COLUMN name TO full_name;")
    code, output = cli("split", tmp_path / "r.sql", "--schema", tmp_path / "schema.sql", "--format", "alembic",
                       "--out", tmp_path / "v")
    assert code == 1 and "nothing written: SQLAlchemy's text() would not send this statement unchanged: use " \
                         "--format sql" in output
    assert not (tmp_path / "v").exists()


# ---------------------------------------------------------------------------------------------
# expandcontract lint passes them


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_lint_finds_no_error_in_the_revisions(scenario, tmp_path):
    ini = alembic_project(tmp_path)
    split_into(ini, scenario.migration, name=f"{scenario.id}.sql", pg_version=scenario.pg_version)
    code, output = cli("lint", ini, "--format", "json", "--pg-version", scenario.pg_version)
    report = json.loads(output)
    errors = [(f["file"], f["line"], f["code"], f["message"]) for f in report["findings"] if f["severity"] == "error"]
    assert report["summary"]["unparsed"] == 0
    assert not errors, errors
    assert code == 0, output


# ---------------------------------------------------------------------------------------------
# SQL that must reach PostgreSQL unchanged


TRICKY = st.text(alphabet=":\\'\"%$a1_ \n;{}x", max_size=30)


@settings(max_examples=300, deadline=None)
@given(TRICKY)
def test_every_statement_text_reaches_the_driver_unchanged(sql):
    """What op.execute(<argument>) gives SQLAlchemy's text() compiles back to the statement, for
    Alembic's offline mode (named) and for psycopg, which undoes the doubled %."""
    import sqlalchemy as sa

    argument, _ = execute_argument(sql)
    value = eval(argument, {"sa": sa})  # the generated source, evaluated as the revision would
    clause = sa.text(value) if isinstance(value, str) else value
    assert clause.compile(dialect=postgresql.dialect(paramstyle="named")).string == sql
    compiled = clause.compile(dialect=postgresql.psycopg.dialect())
    assert compiled.params == {} and compiled.string.replace("%%", "%") == sql


ESCAPES = r"""
ALTER TABLE users ADD COLUMN motto text DEFAULT '100% sure :x \: {"a":1}';
CREATE FUNCTION describe(who text) RETURNS text LANGUAGE plpgsql AS $body$
DECLARE
    suffix text := ' is 50% :y';
BEGIN
    RETURN format('%s%s', who, suffix) || E' \\:z';
END
$body$;
ALTER TABLE users RENAME COLUMN name TO full_name;
"""
EXPECTED = [("'100% sure :x \\: {\"a\":1}'::text", "ada is 50% :y \\:z")]


def _escapes_check(url: str) -> None:
    assert sql_rows(url, "SELECT column_default, describe('ada') FROM information_schema.columns "
                         "WHERE table_name = 'users' AND column_name = 'motto'") == EXPECTED
    assert sql_rows(url, "SELECT count(*), count(*) FILTER (WHERE motto = '100% sure :x \\: {\"a\":1}') "
                         "FROM users") == [(3, 3)]


@pytest.mark.postgres
def test_percent_colons_and_function_bodies_survive_the_runner(tmp_path, pg_url):
    ini = alembic_project(tmp_path, pg_url)
    versions = split_into(ini, ESCAPES, name="esc.sql")
    assert "sa.text(" in (versions / "esc_expand.py").read_text()
    command.upgrade(alembic_config(ini), "0001")
    sql_rows(pg_url, SEED)
    apply(ini, pg_url, "expand")
    _escapes_check(pg_url)


@pytest.mark.postgres
def test_percent_colons_and_function_bodies_survive_alembic_upgrade(tmp_path, pg_url):
    ini = alembic_project(tmp_path, pg_url)
    split_into(ini, ESCAPES, name="esc.sql")
    config = alembic_config(ini)
    command.upgrade(config, "0001")
    sql_rows(pg_url, SEED)
    command.upgrade(config, "heads")
    _escapes_check(pg_url)
    assert sql_rows(pg_url, "SELECT version_num FROM alembic_version") == [("esc_contract",)]


# ---------------------------------------------------------------------------------------------
# Applied on PostgreSQL: the runner, phase by phase, with the app's writes between the phases


def _run_scenario(scenario, ini: Path, url: str) -> list[list[dict]]:
    runs = []
    for step in scenario.pg:
        if isinstance(step, str):
            runs.append(apply(ini, url, step, "--batch-size", "1"))
        elif isinstance(step, Write):
            sql_rows(url, step.sql)
        elif isinstance(step, Expect):
            assert sql_rows(url, step.sql) == step.rows, step.sql
        elif isinstance(step, Fails):
            with pytest.raises(psycopg.errors.IntegrityError):
                sql_rows(url, step.sql)
    return runs


@pytest.mark.postgres
@pytest.mark.parametrize("scenario", [s for s in SCENARIOS if s.id in (
    "rename-column", "add-not-null-column-volatile-default", "change-type-using", "change-type-rebuilding-indexes", "rename-table", "add-unique",
    "fix-data-then-add-foreign-key", "quoted-and-long-identifiers")], ids=lambda s: s.id)
def test_apply_phase_by_phase_keeps_the_data(scenario, tmp_path, pg_url):
    ini = alembic_project(tmp_path, pg_url)
    split_into(ini, scenario.migration, name="change.sql", pg_version=scenario.pg_version)
    command.upgrade(alembic_config(ini), "0001")  # the project used `alembic upgrade` until now
    sql_rows(pg_url, SEED)
    _run_scenario(scenario, ini, pg_url)
    last = [p for p in ("expand", "migrate", "contract") if p in scenario.phases][-1]
    assert sql_rows(pg_url, "SELECT version_num FROM alembic_version") == [(f"change_{last}",)]
    assert sql_rows(pg_url, "SELECT count(*) FROM pg_index WHERE NOT indisvalid") == [(0,)]
    assert sql_rows(pg_url, "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal") == [(0,)]


@pytest.mark.postgres
def test_rename_column_copies_every_row_in_runner_batches(tmp_path, pg_url):
    ini = alembic_project(tmp_path, pg_url)
    split_into(ini, "ALTER TABLE users RENAME COLUMN name TO full_name;", name="rename.sql")
    command.upgrade(alembic_config(ini), "0001")
    sql_rows(pg_url, "INSERT INTO users (name, email) SELECT 'user ' || i, i || '@x' FROM generate_series(1, 250) i")
    apply(ini, pg_url, "expand")
    assert sql_rows(pg_url, "SELECT count(*) FROM users WHERE full_name IS NULL") == [(250,)]
    events = apply(ini, pg_url, "migrate", "--batch-size", "100")
    [finished] = [e for e in events if e["event"] == "backfill_finished"]
    assert finished["batches"] > 1  # batched by the runner, not one UPDATE in Alembic's transaction
    apply(ini, pg_url, "contract")
    assert sql_rows(pg_url, "SELECT count(*), count(DISTINCT full_name), min(full_name), max(full_name) "
                            "FROM users") == [(250, 250, "user 1", "user 99")]
    assert sql_rows(pg_url, "SELECT is_nullable FROM information_schema.columns WHERE table_name = 'users' "
                            "AND column_name IN ('name', 'full_name')") == [("NO",)]
    assert sql_rows(pg_url, "SELECT version_num FROM alembic_version") == [("rename_contract",)]


@pytest.mark.postgres
def test_volatile_not_null_default_fills_old_rows_with_distinct_values(tmp_path, pg_url):
    ini = alembic_project(tmp_path, pg_url)
    split_into(ini, "ALTER TABLE users ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();", name="token.sql")
    command.upgrade(alembic_config(ini), "0001")
    sql_rows(pg_url, "INSERT INTO users (name) SELECT 'u' || i FROM generate_series(1, 120) i")
    apply(ini, pg_url, "expand")
    sql_rows(pg_url, "INSERT INTO users (name) VALUES ('after expand')")
    assert sql_rows(pg_url, "SELECT count(*) FILTER (WHERE token IS NULL), count(*) FROM users") == [(120, 121)]
    apply(ini, pg_url, "migrate", "--batch-size", "50")
    apply(ini, pg_url, "contract")
    assert sql_rows(pg_url, "SELECT count(*), count(DISTINCT token), count(*) FILTER (WHERE token IS NULL) "
                            "FROM users") == [(121, 121, 0)]
    assert sql_rows(pg_url, "SELECT is_nullable, column_default FROM information_schema.columns "
                            "WHERE table_name = 'users' AND column_name = 'token'") == [("NO", "gen_random_uuid()")]


@pytest.mark.postgres
def test_alembic_alone_upgrades_and_downgrades_expand(tmp_path, pg_url):
    ini = alembic_project(tmp_path, pg_url)
    split_into(ini, "ALTER TABLE users RENAME COLUMN name TO full_name;\n"
                    "CREATE UNIQUE INDEX users_email_idx ON users (email);", name="both.sql")
    config = alembic_config(ini)
    command.upgrade(config, "0001")
    sql_rows(pg_url, SEED)
    command.upgrade(config, "both_expand")
    assert sql_rows(pg_url, "SELECT count(*) FROM pg_indexes WHERE indexname = 'users_email_idx'") == [(1,)]
    command.downgrade(config, "0001")
    assert sql_rows(pg_url, "SELECT column_name, is_nullable FROM information_schema.columns "
                            "WHERE table_name = 'users' ORDER BY ordinal_position") == [
        ("id", "NO"), ("name", "NO"), ("email", "YES"), ("status", "YES")]
    assert sql_rows(pg_url, "SELECT count(*) FROM pg_indexes WHERE indexname = 'users_email_idx'") == [(0,)]
    assert sql_rows(pg_url, "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal") == [(0,)]
    command.upgrade(config, "heads")
    assert sql_rows(pg_url, "SELECT id, full_name FROM users ORDER BY id") == [(1, "ada"), (2, "bob"), (3, "cy")]
    with pytest.raises(NotImplementedError, match=r"contract is one-way: it drops column users\.name"):
        command.downgrade(config, "both_migrate")
