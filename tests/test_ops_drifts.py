"""Two operations whose extraction, classification and messages had drifted apart."""

from __future__ import annotations

import psycopg
import pytest

from expandcontract.core.ops import Lock, Op, Phase
from expandcontract.core.ops.registry import classify, extract_actions
from expandcontract.core.parse import parse_sql
from expandcontract.core.schema import Schema

SETUP = """
CREATE TABLE users (id bigint PRIMARY KEY, name text);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
CREATE SEQUENCE order_numbers;
"""
RENAME_TRIGGER = "ALTER TRIGGER users_touch ON users RENAME TO users_touched"


def _classified(sql: str):
    [action] = extract_actions(parse_sql(sql)[0])
    return action, classify(action, Schema.from_sql(SETUP))


def test_renaming_a_trigger_is_classified_with_the_lock_it_takes():
    action, result = _classified(RENAME_TRIGGER)
    assert action.op is Op.RENAME_TRIGGER and action.table == "users"
    # no app names a trigger: renaming it breaks neither app, but it locks the table
    assert (result.phase, result.lock, result.breaks_old_app) == (Phase.EXPAND, Lock.ACCESS_EXCLUSIVE, None)


@pytest.mark.postgres
def test_the_trigger_rename_lock_is_the_one_postgresql_takes(pg_url):
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(SETUP)
        conn.execute("BEGIN")
        conn.execute(RENAME_TRIGGER)
        modes = {row[0] for row in conn.execute(
            "SELECT l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
            "WHERE l.pid = pg_backend_pid() AND c.relname = 'users'")}
        conn.execute("ROLLBACK")
    _, result = _classified(RENAME_TRIGGER)
    assert modes == {"".join(w.capitalize() for w in result.lock.name.split("_")) + "Lock"}


def test_renaming_a_sequence_names_the_sequence():
    action, result = _classified("ALTER SEQUENCE order_numbers RENAME TO order_ids")
    assert action.op is Op.RENAME_SEQUENCE and action.object_name == "order_numbers"
    assert result.breaks_old_app == "the old app may still use order_numbers by its old name"


def test_lint_names_the_renamed_sequence_and_the_trigger_rename_lock(lint):
    findings = lint(f"{RENAME_TRIGGER};\nALTER SEQUENCE order_numbers RENAME TO order_ids;", schema=SETUP)
    assert [(f.code, f.line) for f in findings if f.code in ("EC101", "EC214")] == [("EC214", 1), ("EC101", 2)]
    assert any("may still use order_numbers by its old name" in f.message for f in findings if f.code == "EC101")
    assert not any("None" in f.message for f in findings)
