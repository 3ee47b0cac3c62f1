"""``expandcontract apply --alembic``: Alembic revisions run by the expandcontract runner on
PostgreSQL, recorded in the runner's state and in Alembic's own alembic_version."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest
from alembic import command
from alembic.config import Config as AlembicConfig
from click.testing import CliRunner

from expandcontract.cli import main

pytestmark = pytest.mark.postgres

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "alembic_app"
INI = str(EXAMPLE / "alembic.ini")


def apply(pg_url: str, phase: str, *extra: str) -> tuple[int, list[dict], str]:
    result = CliRunner().invoke(main, ["apply", "--alembic", INI, "--phase", phase, "--database-url", pg_url,
                                       "--format", "json", "--batch-size", "1", *extra])
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return result.exit_code, events, result.stderr


def named(events: list[dict], name: str) -> list[dict]:
    return [e for e in events if e["event"] == name]


def alembic_heads(pg_url: str) -> set[str]:
    with psycopg.connect(pg_url) as conn:
        return {row[0] for row in conn.execute("SELECT version_num FROM alembic_version")}


def alembic_config(pg_url: str) -> AlembicConfig:
    config = AlembicConfig(INI)
    config.set_main_option("sqlalchemy.url", pg_url.replace("postgresql://", "postgresql+psycopg://", 1)
                           .replace("%", "%%"))
    config.attributes["configure_logger"] = False
    return config


def test_expand_migrate_contract_through_the_runner_keep_alembic_version_in_step(pg_url):
    code, events, stderr = apply(pg_url, "expand")
    assert code == 0, stderr
    assert [(e["migration"], e["phase"]) for e in named(events, "phase_finished")] == [
        ("0001_create_customers", "expand"), ("0002_expand_display_name", "expand")]
    assert alembic_heads(pg_url) == {"0002"}
    with psycopg.connect(pg_url, autocommit=True) as conn:  # the old app writes name only
        conn.execute("INSERT INTO customers (name, email) SELECT 'c' || i, i || '@example.com' "
                     "FROM generate_series(1, 5) i")
        conn.execute("ALTER TABLE customers DISABLE TRIGGER customers_sync_display_name")
        conn.execute("INSERT INTO customers (name, email) VALUES ('before-trigger', 'x@example.com')")
        conn.execute("ALTER TABLE customers ENABLE TRIGGER customers_sync_display_name")

    code, events, stderr = apply(pg_url, "migrate")
    assert code == 0, stderr
    [finished] = named(events, "backfill_finished")
    assert finished["batches"] > 1  # batched by the runner, not one UPDATE in Alembic's transaction
    assert alembic_heads(pg_url) == {"0003"}

    code, events, stderr = apply(pg_url, "contract")
    assert code == 0, stderr
    assert named(events, "alembic_stamped")[-1]["heads"] == ["0004"]
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT count(*) FROM customers WHERE display_name IS NULL").fetchone() == (0,)
        assert conn.execute("SELECT is_nullable FROM information_schema.columns WHERE table_name = 'customers' "
                            "AND column_name = 'display_name'").fetchone() == ("NO",)
    # Alembic agrees: nothing left to upgrade
    command.upgrade(alembic_config(pg_url), "heads")
    assert alembic_heads(pg_url) == {"0004"}
    code, events, _ = apply(pg_url, "all")
    assert code == 0 and named(events, "run_finished")[0]["phases_run"] == 0


def test_revisions_alembic_already_applied_are_adopted_not_run_again(pg_url):
    command.upgrade(alembic_config(pg_url), "0002")  # the project used `alembic upgrade` until now
    code, events, stderr = apply(pg_url, "migrate")
    assert code == 0, stderr
    assert [e["migration"] for e in named(events, "alembic_adopted")] == [
        "0001_create_customers", "0002_expand_display_name"]
    assert [e["migration"] for e in named(events, "phase_finished")] == ["0003_backfill_display_name"]
    assert alembic_heads(pg_url) == {"0003"}


def test_a_refused_contract_changes_nothing_in_alembic_version(pg_url):
    code, _, stderr = apply(pg_url, "expand")
    assert code == 0, stderr
    code, events, stderr = apply(pg_url, "contract")
    assert code == 1
    [failed] = named(events, "run_failed")
    assert failed["message"].startswith("refusing to contract 0004_contract_drop_name: "
                                        "0003_backfill_display_name's migrate phase has not finished")
    assert named(events, "alembic_stamped") == []
    assert alembic_heads(pg_url) == {"0002"}


def test_alembic_and_paths_together_are_a_usage_error(pg_url):
    result = CliRunner().invoke(main, ["apply", "--alembic", INI, "x.sql", "--phase", "expand",
                                       "--database-url", pg_url])
    assert result.exit_code == 2
    assert "--alembic takes the place of PATHS" in result.output


def test_dry_run_writes_neither_state_nor_alembic_version(pg_url):
    code, _, stderr = apply(pg_url, "expand", "--dry-run")
    assert code == 0, stderr
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT to_regclass('alembic_version'), to_regclass('customers')").fetchone() == (
            None, None)


def test_text_output_tells_the_operator_where_alembic_version_stands(pg_url):
    result = CliRunner().invoke(main, ["apply", "--alembic", INI, "--phase", "expand", "--database-url", pg_url])
    assert result.exit_code == 0, result.stderr
    assert "alembic_version: 0002" in result.stdout
