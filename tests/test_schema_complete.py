"""The schema model's claims that an object does not exist (a complete model: a baseline, or a
history from an empty database) and which procedures commit. What PostgreSQL does with them is
confirmed in tests/test_trace_gaps.py."""

from __future__ import annotations

from expandcontract.core.ops.indexes import index_is_absent
from expandcontract.core.parse import parse_sql
from expandcontract.core.record import replace
from expandcontract.core.schema import Schema


def test_a_relation_is_absent_only_from_a_complete_model() -> None:
    s = Schema.from_sql("CREATE TABLE t (id int)")
    assert not s.lacks_relation("legacy")
    assert replace(s, complete=True).lacks_relation("legacy")
    assert not replace(s, complete=True).lacks_relation("public.t")


def test_an_index_postgresql_may_have_named_is_never_absent() -> None:
    s = replace(Schema.from_sql("CREATE TABLE t (id int); CREATE INDEX ON t (id); CREATE TABLE u (a text);"
                                "CREATE INDEX ON u (lower(a))"), complete=True)
    assert not index_is_absent(s, "t_id_idx") and not index_is_absent(s, "t_id_idx1")  # t_id_idx, numbered when taken
    assert index_is_absent(s, "t_old_idx")
    assert not index_is_absent(s, "u_lower_idx") and not index_is_absent(s, "u_old_idx")  # an expression: any u_…
    assert index_is_absent(s, "v_old_idx")


def test_what_the_model_does_not_follow_ends_completeness() -> None:
    complete = replace(Schema(), complete=True)
    made = complete.apply_statement(
        parse_sql(
            "DO $$ BEGIN EXECUTE 'CREATE INDEX made_idx ON u (b)'; END $$")[0], origin="m")
    assert not made.complete
    granted = complete.apply_statement(
        parse_sql(
            "DO $$ BEGIN EXECUTE 'GRANT SELECT ON u TO r'; END $$")[0], origin="m")
    assert granted.complete


def test_which_procedures_commit() -> None:
    s = Schema.from_sql("CREATE PROCEDURE p() LANGUAGE plpgsql AS $$BEGIN DELETE FROM t; COMMIT; END$$;"
                        "CREATE PROCEDURE q() LANGUAGE plpgsql AS $$BEGIN DELETE FROM t; /* commit later */ END$$")
    assert s.commits("p") and s.commits("public.p") and not s.commits("q")
    dropped = Schema.from_sql("CREATE PROCEDURE p() LANGUAGE plpgsql AS $$BEGIN COMMIT; END$$; DROP PROCEDURE p")
    assert not dropped.commits("p")
