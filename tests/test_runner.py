"""The runner without a database: plans, batch rewriting, phase selection, masking."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from expandcontract.cli import main
from expandcontract.core.errors import InputError
from expandcontract.core.migration import Migration, Script, ScriptKind
from expandcontract.core.schema import Schema
from expandcontract.runner.backfill_sql import RewriteError, batch_template
from expandcontract.runner.build import build_plans
from expandcontract.runner.errors import Refused
from expandcontract.runner.executor import RecordingExecutor
from expandcontract.runner.run import Runner, pending_phases
from expandcontract.runner.settings import RunSettings
from expandcontract.runner.state import PhaseState
from expandcontract.runner.urls import mask_url, redact


def phased(name: str, **scripts: str) -> Migration:
    return Migration(name, name, tuple(Script(f"{name}/{k}.sql", ScriptKind(k), v) for k, v in scripts.items()))


BASE = Schema.from_sql("CREATE TABLE users (id bigint PRIMARY KEY, name text, email text)")


def test_transaction_groups_become_steps():
    m = phased("m1", expand="ALTER TABLE users ADD nick text;\nCREATE INDEX CONCURRENTLY users_nick ON users (nick);\n"
                            "ALTER TABLE users ADD bio text;\nBEGIN;\nALTER TABLE users ADD x int;\nCOMMIT;")
    (plan,) = build_plans([m], baseline=BASE)
    kinds = [(s.kind, [x.text for x in s.statements]) for s in plan.phases[0].steps]
    assert kinds == [
        ("transaction", ["ALTER TABLE users ADD nick text"]),
        ("standalone", ["CREATE INDEX CONCURRENTLY users_nick ON users (nick)"]),
        ("transaction", ["ALTER TABLE users ADD bio text"]),
        ("transaction", ["ALTER TABLE users ADD x int"]),  # BEGIN/COMMIT are not sent
    ]
    assert plan.phases[0].steps[1].index_name == "users_nick"


def test_migrate_updates_become_backfills_and_split_their_group():
    m = phased("m1", migrate="SET work_mem = '64MB';\nUPDATE users SET name = email WHERE name IS NULL;\n"
                             "-- expandcontract: backfill key=email\nUPDATE users SET email = lower(email);\n"
                             "BEGIN;\nUPDATE users SET bio = 1;\nCOMMIT;")
    steps = build_plans([m], baseline=BASE)[0].phases[0].steps
    assert [s.kind for s in steps] == ["transaction", "backfill", "backfill", "transaction"]
    assert steps[1].key is None and steps[1].static_key == "id"
    assert steps[2].key == "email"


def test_unnamed_concurrent_index_and_unbatchable_update_are_refused_with_the_line():
    with pytest.raises(InputError, match=r"m1/expand.sql:2: name this concurrent index"):
        build_plans([phased("m1", expand="SELECT 1;\nCREATE INDEX CONCURRENTLY ON users (name);")])
    with pytest.raises(InputError, match=r"m1/migrate.sql:1: cannot run this UPDATE in key-range batches: .*WITH"):
        build_plans([phased("m1", migrate="WITH x AS (SELECT 1) UPDATE users SET name = 'a'")])
    # the escape hatch: one transaction, as written
    steps = build_plans([phased("m1", migrate="-- expandcontract: backfill off\n"
                                              "WITH x AS (SELECT 1) UPDATE users SET name = 'a'")])[0].phases[0].steps
    assert [s.kind for s in steps] == ["transaction"]


@pytest.mark.parametrize("sql, expected", [
    ("UPDATE users SET a = 1", 'UPDATE users SET a = 1 WHERE users."id" > \'1\' AND users."id" <= \'9\''),
    ("UPDATE users u SET a = 1 WHERE a IS NULL OR b = 2",
     'UPDATE users u SET a = 1 WHERE (a IS NULL OR b = 2) AND u."id" > \'1\' AND u."id" <= \'9\''),
    ("UPDATE s.t SET a = (SELECT max(x) FROM y WHERE y.k = t.k) WHERE a <> 'it''s' RETURNING id",
     'UPDATE s.t SET a = (SELECT max(x) FROM y WHERE y.k = t.k) WHERE (a <> \'it\'\'s\') AND t."id" > \'1\' '
     'AND t."id" <= \'9\' RETURNING id'),
])
def test_batch_rewrite_keeps_the_statement_and_ands_the_range(sql, expected):
    assert batch_template(sql).render_checked("id", "1", "9") == expected


def test_batch_rewrite_quotes_keys_and_values():
    t = batch_template("UPDATE t SET a = 1")
    assert t.render_checked("Odd\"Key", "o'brien", None) == 'UPDATE t SET a = 1 WHERE t."Odd""Key" > \'o\'\'brien\''


def test_batch_rewrite_refuses_what_it_cannot_prove():
    with pytest.raises(RewriteError):
        batch_template("UPDATE t SET a = 1 WHERE CURRENT OF c")


def test_recording_executor_shows_exact_sql_locks_and_timeouts():
    m = phased("m1", expand="ALTER TABLE users ADD nick text;", migrate="UPDATE users SET nick = name;")
    plans = build_plans([m], baseline=BASE)
    rec = RecordingExecutor(RunSettings(lock_timeout=0.5, statement_timeout=30))
    Runner(rec, _Quiet()).run(pending_phases(plans, {}, "all"))
    first, backfill = rec.records
    assert first.sql == ["BEGIN", "SET LOCAL lock_timeout = '500ms'", "SET LOCAL statement_timeout = '30000ms'",
                         "ALTER TABLE users ADD nick text", "COMMIT"]
    assert first.lock == "ACCESS EXCLUSIVE on users"
    assert backfill.transaction == "one transaction per batch"
    assert backfill.sql[-2] == ('UPDATE users SET nick = name WHERE users."id" > :last_key '
                                'AND users."id" <= :upper_key')


class _Quiet:
    def emit(self, *a, **k):
        pass


def _done(name, phase, checksum):
    return PhaseState(name, phase, checksum, "done", 1)


def test_contract_refuses_until_migrate_finished_and_runs_in_migration_order():
    plans = build_plans([phased("m1", expand="ALTER TABLE users ADD a int;", migrate="UPDATE users SET a = 1;",
                                contract="ALTER TABLE users DROP name;"),
                         phased("m2", expand="ALTER TABLE users ADD b int;")], baseline=BASE)
    m1 = plans[0]
    with pytest.raises(Refused, match="refusing to contract m1: its own expand phase has not finished"):
        pending_phases(plans, {}, "contract")
    states = {("m1", "expand"): _done("m1", "expand", m1.phases[0].checksum)}
    with pytest.raises(Refused, match="its own migrate phase"):
        pending_phases(plans, states, "contract")
    states[("m1", "migrate")] = _done("m1", "migrate", m1.phases[1].checksum)
    # m2's pending expand comes after m1: it does not block m1's contract
    assert [(w.phase.migration, w.phase.phase) for w in pending_phases(plans, states, "contract")] == [
        ("m1", "contract")]
    assert [(w.phase.migration, w.phase.phase) for w in pending_phases(plans, {}, "migrate")] == [
        ("m1", "expand"), ("m1", "migrate"), ("m2", "expand")]


def test_a_changed_file_refuses_a_partly_applied_phase_and_only_warns_for_a_finished_one():
    plans = build_plans([phased("m1", expand="ALTER TABLE users ADD a int;")], baseline=BASE)
    partly = PhaseState("m1", "expand", "old-checksum", "failed", 2, done_steps={1})
    with pytest.raises(Refused, match=r"partly applied .* from another version"):
        pending_phases(plans, {("m1", "expand"): partly}, "expand")
    warned = []

    class Sink:
        def emit(self, name, **fields):
            warned.append(name)

    assert pending_phases(plans, {("m1", "expand"): _done("m1", "expand", "old")}, "expand", Sink()) == []
    assert warned == ["drift"]


def test_passwords_are_masked():
    assert mask_url("postgresql://app:pw@h/db") == "postgresql://app:***@h/db"
    assert "hunter22" not in redact("error at postgresql://a:hunter22@h/d (password hunter22)",
                                    "postgresql://a:hunter22@h/d")


def test_plan_command_needs_no_database(tmp_path):
    (tmp_path / "1_add.sql").write_text("ALTER TABLE users ADD nick text;\n")
    result = CliRunner().invoke(main, ["plan", str(tmp_path), "--lock-timeout", "750ms"])
    assert result.exit_code == 0, result.output
    assert "SET LOCAL lock_timeout = '750ms';" in result.output
    assert "ALTER TABLE users ADD nick text;" in result.output


def test_bad_duration_and_zero_lock_timeout_are_usage_errors(tmp_path):
    (tmp_path / "1_add.sql").write_text("SELECT 1;\n")
    result = CliRunner().invoke(main, ["plan", str(tmp_path), "--lock-timeout", "soon"])
    assert result.exit_code == 2 and "not a duration" in result.output
    result = CliRunner().invoke(main, ["plan", str(tmp_path), "--lock-timeout", "0"])
    assert result.exit_code == 2 and "never waits for a lock without limit" in result.output
