"""Every operation has its three parts: an extractor (some SQL extracts to it), a replay into the
schema model and a classifier; the registry refuses an operation that lacks one, and every
operation a rule declares exists."""

from __future__ import annotations

import pytest

from expandcontract.core.ops import Action, Op
from expandcontract.core.ops.registry import CLASSIFY, REPLAY, classify, extract_actions, replay
from expandcontract.core.parse import parse_sql
from expandcontract.core.schema import Schema
from expandcontract.rules import all_rules

# one statement per operation that extracts to it
EXAMPLES = {
    Op.ADD_COLUMN: "ALTER TABLE t ADD COLUMN b int",
    Op.DROP_COLUMN: "ALTER TABLE t DROP COLUMN a",
    Op.RENAME_COLUMN: "ALTER TABLE t RENAME COLUMN a TO b",
    Op.ALTER_COLUMN_TYPE: "ALTER TABLE t ALTER COLUMN a TYPE bigint",
    Op.SET_NOT_NULL: "ALTER TABLE t ALTER COLUMN a SET NOT NULL",
    Op.DROP_NOT_NULL: "ALTER TABLE t ALTER COLUMN a DROP NOT NULL",
    Op.SET_DEFAULT: "ALTER TABLE t ALTER COLUMN a SET DEFAULT 1",
    Op.DROP_DEFAULT: "ALTER TABLE t ALTER COLUMN a DROP DEFAULT",
    Op.ADD_IDENTITY: "ALTER TABLE t ALTER COLUMN a ADD GENERATED ALWAYS AS IDENTITY",
    Op.DROP_IDENTITY: "ALTER TABLE t ALTER COLUMN a DROP IDENTITY",
    Op.DROP_EXPRESSION: "ALTER TABLE t ALTER COLUMN a DROP EXPRESSION",
    Op.SET_STATISTICS: "ALTER TABLE t ALTER COLUMN a SET STATISTICS 100",
    Op.SET_STORAGE: "ALTER TABLE t ALTER COLUMN a SET STORAGE EXTERNAL",
    Op.RENAME_ATTRIBUTE: "ALTER TYPE pair RENAME ATTRIBUTE a TO b",
    Op.ADD_CONSTRAINT: "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0)",
    Op.VALIDATE_CONSTRAINT: "ALTER TABLE t VALIDATE CONSTRAINT c",
    Op.DROP_CONSTRAINT: "ALTER TABLE t DROP CONSTRAINT c",
    Op.RENAME_CONSTRAINT: "ALTER TABLE t RENAME CONSTRAINT c TO d",
    Op.CREATE_TABLE: "CREATE TABLE u (id int)",
    Op.CREATE_TABLE_AS: "CREATE TABLE u AS SELECT 1 AS id",
    Op.DROP_TABLE: "DROP TABLE t",
    Op.RENAME_TABLE: "ALTER TABLE t RENAME TO u",
    Op.SET_SCHEMA: "ALTER TABLE t SET SCHEMA archive",
    Op.TRUNCATE: "TRUNCATE t",
    Op.ATTACH_PARTITION: "ALTER TABLE t ATTACH PARTITION p FOR VALUES IN (1)",
    Op.DETACH_PARTITION: "ALTER TABLE t DETACH PARTITION p",
    Op.DETACH_PARTITION_FINALIZE: "ALTER TABLE t DETACH PARTITION p FINALIZE",
    Op.SET_LOGGED: "ALTER TABLE t SET LOGGED",
    Op.SET_UNLOGGED: "ALTER TABLE t SET UNLOGGED",
    Op.SET_TABLESPACE: "ALTER TABLE t SET TABLESPACE fast",
    Op.SET_ACCESS_METHOD: "ALTER TABLE t SET ACCESS METHOD heap",
    Op.SET_OPTIONS: "ALTER TABLE t SET (fillfactor = 70)",
    Op.REPLICA_IDENTITY: "ALTER TABLE t REPLICA IDENTITY FULL",
    Op.ROW_SECURITY: "ALTER TABLE t ENABLE ROW LEVEL SECURITY",
    Op.ADD_INHERIT: "ALTER TABLE t INHERIT parent",
    Op.DROP_INHERIT: "ALTER TABLE t NO INHERIT parent",
    Op.CHANGE_OWNER: "ALTER TABLE t OWNER TO admin",
    Op.OTHER_ALTER: "ALTER TABLE t SET WITHOUT OIDS",
    Op.LOCK_TABLE: "LOCK TABLE t IN SHARE MODE",
    Op.CLUSTER: "CLUSTER t USING t_a_idx",
    Op.VACUUM: "VACUUM t",
    Op.VACUUM_FULL: "VACUUM FULL t",
    Op.ANALYZE: "ANALYZE t",
    Op.CREATE_INDEX: "CREATE INDEX i ON t (a)",
    Op.DROP_INDEX: "DROP INDEX i",
    Op.RENAME_INDEX: "ALTER INDEX i RENAME TO j",
    Op.REINDEX: "REINDEX TABLE t",
    Op.CLUSTER_ON: "ALTER TABLE t CLUSTER ON i",
    Op.CREATE_VIEW: "CREATE VIEW v AS SELECT a FROM t",
    Op.CREATE_MATVIEW: "CREATE MATERIALIZED VIEW m AS SELECT a FROM t",
    Op.DROP_VIEW: "DROP VIEW v",
    Op.RENAME_VIEW: "ALTER VIEW v RENAME TO w",
    Op.RENAME_VIEW_COLUMN: "ALTER VIEW v RENAME COLUMN a TO b",
    Op.REFRESH_MATVIEW: "REFRESH MATERIALIZED VIEW m",
    Op.CREATE_ENUM: "CREATE TYPE mood AS ENUM ('ok')",
    Op.ADD_ENUM_VALUE: "ALTER TYPE mood ADD VALUE 'sad'",
    Op.RENAME_ENUM_VALUE: "ALTER TYPE mood RENAME VALUE 'ok' TO 'fine'",
    Op.CREATE_TYPE: "CREATE TYPE pair AS (a int, b int)",
    Op.CREATE_DOMAIN: "CREATE DOMAIN pos AS int CHECK (VALUE > 0)",
    Op.ALTER_DOMAIN: "ALTER DOMAIN pos DROP NOT NULL",
    Op.DROP_TYPE: "DROP TYPE mood",
    Op.RENAME_TYPE: "ALTER TYPE mood RENAME TO feeling",
    Op.CREATE_SEQUENCE: "CREATE SEQUENCE s",
    Op.ALTER_SEQUENCE: "ALTER SEQUENCE s OWNED BY t.a",
    Op.DROP_SEQUENCE: "DROP SEQUENCE s",
    Op.RENAME_SEQUENCE: "ALTER SEQUENCE s RENAME TO s2",
    Op.CREATE_FUNCTION: "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
    Op.DROP_FUNCTION: "DROP FUNCTION f()",
    Op.RENAME_FUNCTION: "ALTER FUNCTION f() RENAME TO g",
    Op.CREATE_TRIGGER: "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()",
    Op.DROP_TRIGGER: "DROP TRIGGER tr ON t",
    Op.RENAME_TRIGGER: "ALTER TRIGGER tr ON t RENAME TO tr2",
    Op.ENABLE_TRIGGER: "ALTER TABLE t ENABLE TRIGGER tr",
    Op.DISABLE_TRIGGER: "ALTER TABLE t DISABLE TRIGGER tr",
    Op.CREATE_SCHEMA: "CREATE SCHEMA app",
    Op.DROP_SCHEMA: "DROP SCHEMA app",
    Op.RENAME_SCHEMA: "ALTER SCHEMA app RENAME TO app2",
    Op.CREATE_EXTENSION: "CREATE EXTENSION pgcrypto",
    Op.DROP_EXTENSION: "DROP EXTENSION pgcrypto",
    Op.CREATE_POLICY: "CREATE POLICY p ON t USING (true)",
    Op.CREATE_ROLE: "CREATE ROLE reader",
    Op.CREATE_RULE: "CREATE RULE r AS ON INSERT TO t DO INSTEAD NOTHING",
    Op.CREATE_STATISTICS: "CREATE STATISTICS st ON a, b FROM t",
    Op.COMMENT: "COMMENT ON TABLE t IS 'x'",
    Op.GRANT: "GRANT SELECT ON t TO reader",
    Op.DROP_OTHER: "DROP POLICY p ON t",
    Op.RENAME_OTHER: "ALTER POLICY p ON t RENAME TO q",
    Op.INSERT: "INSERT INTO t (a) VALUES (1)",
    Op.UPDATE: "UPDATE t SET a = 1",
    Op.DELETE: "DELETE FROM t",
    Op.MERGE: "MERGE INTO t USING u ON t.a = u.id WHEN MATCHED THEN DELETE",
    Op.COPY: "COPY t FROM STDIN",
    Op.COPY_OUT: "COPY t TO STDOUT",
    Op.SELECT: "SELECT 1",
    Op.SET: "SET lock_timeout = '2s'",
    Op.BEGIN: "BEGIN",
    Op.COMMIT: "COMMIT",
    Op.ROLLBACK: "ROLLBACK",
    Op.SAVEPOINT: "SAVEPOINT s",
    Op.TRANSACTION: "ROLLBACK PREPARED 'x'",
    Op.DO_BLOCK: "DO $$ BEGIN NULL; END $$",
    Op.CALL: "CALL p()",
    Op.EXPLAIN: "EXPLAIN SELECT 1",
    Op.OTHER: "LISTEN channel",
}

SCHEMA = Schema.from_sql("CREATE TABLE t (id int PRIMARY KEY, a int)")


def test_every_operation_has_an_extractor_a_replay_and_a_classifier() -> None:
    missing = {op: [part for part, has in (("example SQL", op in EXAMPLES), ("replay", op in REPLAY),
                                            ("classifier", op in CLASSIFY)) if not has]
               for op in Op}
    assert not {op: parts for op, parts in missing.items() if parts}
    assert set(REPLAY) == set(CLASSIFY) == set(Op)


@pytest.mark.parametrize("op", list(Op), ids=str)
def test_the_example_extracts_to_the_operation_and_replays_and_classifies(op: Op) -> None:
    actions = extract_actions(parse_sql(EXAMPLES[op])[0])
    assert op in [a.op for a in actions], f"{EXAMPLES[op]!r} extracts to {[a.op for a in actions]}"
    assert all(isinstance(a.op, Op) for a in actions)
    action = next(a for a in actions if a.op == op)
    assert isinstance(replay(SCHEMA, action, "m", EXAMPLES[op]), Schema)
    assert classify(action, SCHEMA).phase is not None


def test_an_operation_without_a_replay_or_classifier_is_refused(monkeypatch) -> None:
    from expandcontract.core.ops import registry

    action = Action(op=Op.DROP_COLUMN, table="t", column="a")
    monkeypatch.delitem(registry.REPLAY, Op.DROP_COLUMN)
    monkeypatch.delitem(registry.CLASSIFY, Op.DROP_COLUMN)
    with pytest.raises(LookupError, match="no replay declared for operation 'drop_column'"):
        replay(SCHEMA, action, "m", "")
    with pytest.raises(LookupError, match="no classifier declared for operation 'drop_column'"):
        classify(action, SCHEMA)


def test_every_operation_a_rule_reads_exists() -> None:
    unknown = {rule.code: sorted(str(op) for op in rule.ops if not isinstance(op, Op))
               for rule in all_rules() if rule.ops is not None}
    assert not {code: ops for code, ops in unknown.items() if ops}
