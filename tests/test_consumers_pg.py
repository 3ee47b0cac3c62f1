"""The consumer gate on a real server with pg_stat_statements preloaded: a consumer nobody
listed keeps reading the column contract drops, and contract is refused, naming it."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid

import psycopg
import pytest

from expandcontract.check.consumers import RESOLVER, contract_breaks
from expandcontract.core.schema import Schema
from expandcontract.runner import api
from expandcontract.runner.errors import Refused

from .pg_cluster import stats_server  # noqa: F401
from .runner_helpers import run_apply, sql, write_migration

pytestmark = pytest.mark.postgres

BASE = "CREATE TABLE users (id bigint PRIMARY KEY, name text, email text);"


@pytest.fixture
def stats_url(stats_server):  # noqa: F811
    name = "ec_cons_" + uuid.uuid4().hex[:10]
    with psycopg.connect(stats_server.url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = stats_server.url(name)
    sql(url, BASE + "INSERT INTO users SELECT g, 'n' || g, 'e' || g FROM generate_series(1, 50) g;")
    yield url
    with psycopg.connect(stats_server.url(), autocommit=True) as conn:
        conn.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = %s "
                     "and pid <> pg_backend_pid()", (name,))
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def _migration(tmp_path):
    return write_migration(tmp_path, "0001_drop_name",
                           expand="ALTER TABLE users ADD COLUMN full_name text;",
                           migrate="UPDATE users SET full_name = name;",
                           contract="ALTER TABLE users DROP COLUMN name;")


def _consumer(url: str, query: str, times: int = 3) -> None:
    with psycopg.connect(url, autocommit=True, application_name="nightly-report") as conn:
        for i in range(times):
            conn.execute(query, (i + 1,))


def test_contract_breaks_only_reports_what_contract_changes():
    before = Schema.from_sql(BASE + "ALTER TABLE users ADD COLUMN full_name text;")
    after = Schema.from_sql(BASE + "ALTER TABLE users ADD COLUMN full_name text; ALTER TABLE users DROP COLUMN name;")
    found = contract_breaks(before, after, ["SELECT name FROM users WHERE id = $1",
                                            "SELECT full_name FROM users WHERE id = $1",
                                            "SELECT nope FROM users", "BEGIN", "VACUUM users"])
    assert [(p.relation, p.column) for p in found["SELECT name FROM users WHERE id = $1"]] == [("users", "name")]
    assert found["SELECT full_name FROM users WHERE id = $1"] == ()
    assert found["SELECT nope FROM users"] == ()  # broken before contract too: not contract's doing
    assert found["BEGIN"] == ()
    assert isinstance(found["VACUUM users"], str)


def test_unlisted_consumer_refuses_contract_then_contract_runs_once_it_stops(stats_url, tmp_path):
    folder = _migration(tmp_path)
    events, error = run_apply(stats_url, [folder], "migrate", consumer_resolver=RESOLVER)
    assert error is None, error
    assert [e["phase"] for e in events.named("consumer_snapshot")] == ["expand", "migrate"]
    _consumer(stats_url, "SELECT name FROM users WHERE id = %s", times=7)
    _consumer(stats_url, "SELECT full_name FROM users WHERE id = %s")  # the new app: fine

    events, error = run_apply(stats_url, [folder], "contract", consumer_resolver=RESOLVER)
    assert isinstance(error, Refused)
    message = str(error)
    assert "refusing to contract 0001_drop_name" in message
    assert "SELECT name FROM users WHERE id = $1" in message and "7 calls" in message
    assert "role postgres" in message and "database ec_cons_" in message and "name" in message
    [gate] = events.named("consumer_gate")
    assert gate["decision"] == "refuse" and gate["breaking"] == 1
    assert sql(stats_url, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' "
                          "AND column_name = 'name'") == [(1,)]  # nothing was run

    # the report on demand, as JSON
    out = subprocess.run([sys.executable, "-m", "expandcontract", "consumers", str(tmp_path), "--database-url",
                          stats_url, "--format", "json"], capture_output=True, text=True)
    assert out.returncode == 1, out.stderr
    [report] = json.loads(out.stdout)["migrations"]
    [item] = report["breaking"]
    assert item["calls"] == 7 and item["role"] == "postgres" and item["references"][0]["column"] == "name"

    # the consumer is fixed (the window restarts): contract goes through
    out = subprocess.run([sys.executable, "-m", "expandcontract", "consumers", str(tmp_path), "--database-url",
                          stats_url, "--mark"], capture_output=True, text=True)
    assert out.returncode == 0 and "window restarted" in out.stdout, out.stderr
    _consumer(stats_url, "SELECT full_name FROM users WHERE id = %s")
    events, error = run_apply(stats_url, [folder], "contract", consumer_resolver=RESOLVER)
    assert error is None, error
    assert events.named("consumer_gate")[0]["decision"] == "pass"


def test_live_session_reading_the_old_column_refuses_contract(stats_url, tmp_path):
    folder = _migration(tmp_path)
    assert run_apply(stats_url, [folder], "migrate", consumer_resolver=RESOLVER)[1] is None
    with psycopg.connect(stats_url, application_name="old-pod") as old:
        old.execute("SELECT name FROM users WHERE id = 1")  # its transaction stays open, idle
        api.consumers([str(folder)], url=stats_url, resolver=RESOLVER, mark=True)  # window restarted after it
        _events, error = run_apply(stats_url, [folder], "contract", consumer_resolver=RESOLVER)
        assert isinstance(error, Refused)
        assert "live session pid" in str(error) and "'old-pod'" in str(error)


def test_text_report_and_gate_off_without_pg_stat_statements(pg_url, stats_url, tmp_path):
    folder = _migration(tmp_path)
    sql(pg_url, BASE)
    # the shared test server has no pg_stat_statements preloaded: one line says the gate is off
    events, error = run_apply(pg_url, [folder], "migrate", consumer_resolver=RESOLVER)
    assert error is None
    [off] = events.named("consumer_gate_off")
    assert "pg_stat_statements is not in shared_preload_libraries" in off["reason"]
    events, error = run_apply(pg_url, [folder], "contract", consumer_resolver=RESOLVER, require_consumer_gate=True)
    assert isinstance(error, Refused) and "--require-consumer-gate" in str(error)
    out = subprocess.run([sys.executable, "-m", "expandcontract", "consumers", str(tmp_path), "--database-url",
                          pg_url, "--require-consumer-gate"], capture_output=True, text=True)
    assert out.returncode == 1 and "consumer gate off because pg_stat_statements" in out.stdout

    # text on the stats server
    assert run_apply(stats_url, [folder], "migrate", consumer_resolver=RESOLVER)[1] is None
    _consumer(stats_url, "SELECT email, name FROM users WHERE id = %s", times=2)
    out = subprocess.run([sys.executable, "-m", "expandcontract", "consumers", str(tmp_path), "--database-url",
                          stats_url], capture_output=True, text=True)
    assert out.returncode == 1, out.stderr
    assert "0001_drop_name:" in out.stdout and "1 would break after contract" in out.stdout
    assert "✘ SELECT email, name FROM users WHERE id = $1 (2 calls since the snapshot" in out.stdout
