"""Fleets on real databases (several in one server): canary first, bounded concurrency, stop at
the first failure without touching later stages, resume, automatic abort of a canary whose
verification fails, the status matrix, and no password in any output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

import psycopg
import pytest

from expandcontract.check.loaders import preparable_queries
from expandcontract.runner.events import CollectingEvents
from expandcontract.runner.fleet import FleetFailed, apply_fleet, load_fleet
from expandcontract.runner.verify import AppQuery
from expandcontract.sources import InputError

from .pg import with_database
from .runner_helpers import FAST, sql, write_migration

pytestmark = pytest.mark.postgres

BASE = ("CREATE TABLE users (id bigint PRIMARY KEY, email text);"
        "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, title text);")


@pytest.fixture
def databases(pg_server):
    made = []

    def make(count: int, *, base: str = BASE) -> list[str]:
        urls = []
        for _ in range(count):
            name = "ec_fleet_" + uuid.uuid4().hex[:10]
            with psycopg.connect(pg_server, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            made.append(name)
            url = with_database(pg_server, name)
            sql(url, base)
            urls.append(url)
        return urls

    yield make
    with psycopg.connect(pg_server, autocommit=True) as conn:
        for name in made:
            conn.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = %s "
                         "and pid <> pg_backend_pid()", (name,))
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def _with_password(url: str, password: str) -> str:
    # the test server trusts local connections: a password in the URL is accepted and ignored
    return url.replace("postgresql://postgres:@", f"postgresql://postgres:{password}@", 1)


def _fleet_file(tmp_path, stages: list[tuple[str, list[int]]], urls: list[str], *, concurrency: int = 2,
                env: dict | None = None, bake: str = "0") -> str:
    lines = [f"concurrency = {concurrency}", f'bake = "{bake}"', ""]
    for name, members in stages:
        lines += ["[[stages]]", f'name = "{name}"', "databases = [" + ", ".join(f'"db{i}"' for i in members) + "]", ""]
    lines.append("[databases]")
    for i, url in enumerate(urls):
        if env is not None and i % 2:
            env[f"FLEET_DB{i}"] = url
            lines.append(f'db{i} = {{ url_env = "FLEET_DB{i}" }}')
        else:
            lines.append(f'db{i} = {{ url = "{url}" }}')
    path = tmp_path / "fleet.toml"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def _has_column(url: str, table: str, column: str) -> bool:
    return sql(url, "SELECT count(*) FROM information_schema.columns WHERE table_name = %s AND column_name = %s",
               (table, column))[0][0] == 1


def _run(paths, fleet, target="expand", **kw):
    events = CollectingEvents()
    try:
        return events, apply_fleet([str(p) for p in paths], fleet, target=target, events=events, settings=FAST, **kw)
    except FleetFailed as exc:
        return events, exc


def test_canary_first_then_stages_with_bounded_concurrency(databases, tmp_path):
    urls = databases(5)
    folder = write_migration(tmp_path / "m", "0001_users_name", expand="ALTER TABLE users ADD COLUMN name text;")
    fleet = load_fleet(_fleet_file(tmp_path, [("canary", [0]), ("rest", [1, 2, 3, 4])], urls, concurrency=2))
    events, result = _run([folder], fleet)
    assert not isinstance(result, Exception), result
    assert all(_has_column(u, "users", "name") for u in urls)
    order = [e["event"] for e in events.events if e["event"] in ("stage_started", "stage_promoted")]
    assert order == ["stage_started", "stage_promoted", "stage_started", "stage_promoted"]
    canary_done = next(i for i, e in enumerate(events.events) if e["event"] == "stage_promoted")
    assert {e["db"] for e in events.events[:canary_done] if e.get("db")} == {"db0"}
    # never more than 2 databases at once in the second stage
    running, peak = set(), 0
    for e in events.events[canary_done:]:
        if e["event"] == "run_started":
            running.add(e["db"])
            peak = max(peak, len(running))
        elif e["event"] == "database_finished":
            running.discard(e["db"])
    assert peak == 2
    # a rerun resumes: nothing left to do anywhere
    events, result = _run([folder], fleet)
    assert [r.phases_run for r in result.runs] == [0] * 5


def test_failure_in_canary_touches_no_later_stage_and_resume(databases, tmp_path):
    urls = databases(3)
    sql(urls[0], "DROP TABLE orders")  # the canary lacks the table the expand changes
    folder = write_migration(tmp_path / "m", "0001_orders_note", expand="ALTER TABLE orders ADD COLUMN note text;")
    fleet = load_fleet(_fleet_file(tmp_path, [("canary", [0]), ("rest", [1, 2])], urls))
    events, error = _run([folder], fleet)
    assert isinstance(error, FleetFailed) and "stage 'canary' failed on db0" in str(error)
    assert "Later stages were not touched (2 database(s))" in str(error)
    assert not any(_has_column(u, "orders", "note") for u in urls[1:])
    assert not [e for e in events.events if e.get("db") in ("db1", "db2")]
    [failed] = events.named("stage_failed")
    assert failed["untouched"] == ["db1", "db2"]
    # fixed, the rerun resumes and goes through every stage
    sql(urls[0], "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, title text)")
    events, result = _run([folder], fleet)
    assert not isinstance(result, Exception), result
    assert all(_has_column(u, "orders", "note") for u in urls)


def test_failure_in_a_later_stage_stops_that_stage_and_the_next(databases, tmp_path):
    urls = databases(5)
    sql(urls[2], "DROP TABLE orders")
    folder = write_migration(tmp_path / "m", "0001_orders_note", expand="ALTER TABLE orders ADD COLUMN note text;")
    fleet = load_fleet(_fleet_file(tmp_path, [("canary", [0]), ("wave1", [1, 2, 3]), ("wave2", [4])], urls,
                                   concurrency=1))
    _events, error = _run([folder], fleet)
    assert isinstance(error, FleetFailed) and "stage 'wave1' failed on db2" in str(error)
    outcomes = {r.name: r.outcome for r in error.result.runs}
    assert outcomes == {"db0": "done", "db1": "done", "db2": "failed", "db3": "not started", "db4": "not started"}
    assert [_has_column(u, "orders", "note") for u in urls] == [True, True, False, False, False]


def test_canary_failing_its_verification_is_aborted_and_the_fleet_stays_old(databases, tmp_path):
    urls = databases(3)
    app = tmp_path / "app.sql"
    # after users gains title, this join's bare "title" is ambiguous: PREPARE fails
    app.write_text("SELECT title FROM users u JOIN orders o ON o.user_id = u.id WHERE u.id = $1;\n")
    folder = write_migration(tmp_path / "m", "0001_users_title", expand="ALTER TABLE users ADD COLUMN title text;")
    fleet = load_fleet(_fleet_file(tmp_path, [("canary", [0]), ("rest", [1, 2])], urls))
    queries = [AppQuery(*q) for q in preparable_queries([str(app)])]  # what apply --verify-app reads
    events, error = _run([folder], fleet, app_queries=queries)
    assert isinstance(error, FleetFailed) and "no longer prepare" in str(error)
    [aborted] = events.named("canary_aborted")
    assert aborted["db"] == "db0" and aborted["migration"] == "0001_users_title"
    assert not any(_has_column(u, "users", "title") for u in urls)  # the whole fleet is on the old schema
    assert {r.name: r.outcome for r in error.result.runs} == {"db0": "aborted", "db1": "not started",
                                                               "db2": "not started"}


def test_cli_fleet_apply_and_status_matrix_never_print_passwords(databases, tmp_path):
    urls = [_with_password(u, "s3cr3t-pw") for u in databases(3)]
    write_migration(tmp_path / "m", "0001_users_name", expand="ALTER TABLE users ADD COLUMN name text;",
                    contract="ALTER TABLE users DROP COLUMN email;")
    env: dict[str, str] = {}
    path = _fleet_file(tmp_path, [("canary", [0]), ("rest", [1, 2])], urls, env=env)
    run_env = {**os.environ, **env}
    out = subprocess.run([sys.executable, "-m", "expandcontract", "apply", str(tmp_path / "m"), "--fleet", path,
                          "--phase", "expand", "--lock-timeout", "300ms"], capture_output=True, text=True, env=run_env)
    assert out.returncode == 0, out.stderr
    assert "[db0]" in out.stdout and "stage canary (canary)" in out.stdout and "promoting to rest" in out.stdout
    status = subprocess.run([sys.executable, "-m", "expandcontract", "status", str(tmp_path / "m"), "--fleet", path,
                             "--format", "json"], capture_output=True, text=True, env=run_env)
    assert status.returncode == 0, status.stderr
    matrix = json.loads(status.stdout)
    assert matrix["migrations"] == ["0001_users_name"]
    assert {d: r["0001_users_name"] for d, r in matrix["databases"].items()} == dict.fromkeys(
        ["db0", "db1", "db2"], "awaiting contract")
    text = subprocess.run([sys.executable, "-m", "expandcontract", "status", str(tmp_path / "m"), "--fleet", path],
                          capture_output=True, text=True, env=run_env)
    assert "db1       rest        awaiting contract" in text.stdout
    for output in (out.stdout, out.stderr, status.stdout, text.stdout):
        assert "s3cr3t-pw" not in output
    assert ":***@" in status.stdout


def test_bad_fleet_files_are_one_line(tmp_path):
    path = tmp_path / "fleet.toml"
    path.write_text('[[stages]]\nname = "canary"\ndatabases = ["a"]\n[databases]\na = { url_env = "NOPE_X" }\n')
    with pytest.raises(InputError, match="environment variable NOPE_X is not set"):
        load_fleet(path, environ={})
    path.write_text('[[stages]]\ndatabases = ["a", "b"]\n[databases]\na = "postgresql://x/a"\n')
    with pytest.raises(InputError, match="database 'b' is not in \\[databases\\]"):
        load_fleet(path)
    path.write_text('[[stages]]\ndatabases = ["a"]\n[databases]\na = "postgresql://u:pa/ss@h/db"\n')
    with pytest.raises(InputError, match="database 'a' \\(postgresql://u:\\*\\*\\*@h/db\\): the password holds"):
        load_fleet(path)
    out = subprocess.run([sys.executable, "-m", "expandcontract", "apply", "--fleet", str(path), "--phase", "expand",
                          str(tmp_path)], capture_output=True, text=True)
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "fleet.toml" in out.stderr
