"""EC211 blocking-maintenance: REINDEX without CONCURRENTLY, CLUSTER, VACUUM FULL, REFRESH
MATERIALIZED VIEW without CONCURRENTLY and ALTER TABLE SET LOGGED/UNLOGGED/TABLESPACE/ACCESS METHOD
hold a blocking lock for as long as they rebuild or rewrite."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..core.findings import Severity
from ..core.ops import Action, Op
from . import Hit, Rule, RuleContext
from ._shared.alembic import AUTOCOMMIT, op_call, table_args
from ._shared.locks import locked_table, quote_qualified, relation_is_new

_REINDEX_MANY = ("REINDEX_OBJECT_SCHEMA", "REINDEX_OBJECT_DATABASE", "REINDEX_OBJECT_SYSTEM")


def _reindex(action: Action, table: str, pg_version: int) -> Hit:
    kind = str(action.detail.get("kind") or "REINDEX_OBJECT_TABLE").removeprefix("REINDEX_OBJECT_")
    target = quote_qualified(action.table or "?")
    what = (f"REINDEX {kind} {action.table} holds a SHARE lock on {table} (all writes wait) and an ACCESS "
            f"EXCLUSIVE lock on each index it rebuilds; the planner opens every index of a table, so almost "
            f"every read of {table} waits too, for the whole rebuild")
    if pg_version >= 12:
        fix = f"REINDEX {kind} CONCURRENTLY {target} (outside a transaction block): reads and writes go on"
        reindex = op_call("execute", f"REINDEX {kind} CONCURRENTLY {target}")
        return Hit(what, fix, f"outside the revision's transaction, so reads and writes go on: {AUTOCOMMIT} {reindex}")
    else:
        fix = (f"PostgreSQL {pg_version} has no REINDEX CONCURRENTLY (it came in 12): build a replacement "
               f"instead: CREATE INDEX CONCURRENTLY <new> ON … (same definition); DROP INDEX CONCURRENTLY "
               f"<old>; ALTER INDEX <new> RENAME TO <old>")
    return Hit(what, fix)


def _unique_index(relation: str) -> str:
    bare, schema = table_args(relation)
    return op_call("create_index", "ix_…", bare, ["…"], schema=schema, unique=True, postgresql_concurrently=True)


def _refresh(action: Action, table: str, pg_version: int) -> Hit:
    q_table = quote_qualified(table)
    return Hit(
        f"REFRESH MATERIALIZED VIEW {table} takes an ACCESS EXCLUSIVE lock on it: every query that "
        f"reads {table} waits for the whole refresh",
        f"REFRESH MATERIALIZED VIEW CONCURRENTLY {q_table}: reads go on during the refresh (it needs a "
        f"unique index on the view: CREATE UNIQUE INDEX CONCURRENTLY … ON {q_table} (…))",
        f"refresh it concurrently: {op_call('execute', f'REFRESH MATERIALIZED VIEW CONCURRENTLY {q_table}')}: "
        f"reads go on during the "
        f"refresh (it needs a unique index on the view: {AUTOCOMMIT} "
        f"{_unique_index(table)})",
    )


def _cluster(action: Action, table: str, pg_version: int) -> Hit:
    return Hit(
        f"CLUSTER rewrites {table} and all its indexes while holding an ACCESS EXCLUSIVE lock: all reads "
        f"and writes of {table} wait for the full rewrite",
        f"leave the physical order alone (an index serves the queries), or reorder online with "
        f"pg_repack --table {quote_qualified(table)} --order-by …, outside the migration",
    )


def _vacuum_full(action: Action, table: str, pg_version: int) -> Hit:
    q_table = quote_qualified(table)
    return Hit(
        f"VACUUM FULL rewrites {table} and all its indexes while holding an ACCESS EXCLUSIVE lock: all "
        f"reads and writes of {table} wait for the full rewrite",
        f"VACUUM {q_table} (plain: runs alongside reads and writes and frees space for reuse); to give "
        f"space back to the operating system online, use pg_repack --table {q_table} outside the migration",
    )


def _rewrite(words: str, *, tablespace: bool = False) -> Callable[[Action, str, int], Hit]:
    """ALTER TABLE … SET LOGGED / UNLOGGED / TABLESPACE / ACCESS METHOD: a copy of the table."""
    def hit(action: Action, table: str, pg_version: int) -> Hit:
        fix = ("create a new table the way you want it, copy the rows in batches with a sync trigger and swap "
               "the names in contract.sql, or run it in a quiet window after SET lock_timeout = '2s'")
        if tablespace:
            fix = f"move it online with pg_repack --table {quote_qualified(table)} --tablespace …, outside the migration; or {fix}"
        return Hit(
            f"ALTER TABLE {table} {words} copies the whole table and its indexes while holding an ACCESS "
            f"EXCLUSIVE lock: all reads and writes of {table} wait for the full rewrite",
            fix,
        )
    return hit


def _table_of(action: Action) -> str:
    return f"the table of {action.table or action.object_name or '?'}"


@dataclass(frozen=True)
class _Maintenance:
    """What EC211 says of one operation."""

    hit: Callable[[Action, str, int], Hit]  # (action, the table it locks, PostgreSQL version)
    everything: Callable[[Action], str] = _table_of  # what it locks when it names no table
    concurrently: bool = False  # its CONCURRENTLY form takes no blocking lock: nothing to report
    scoped: bool = False  # ``detail["kind"]`` may name a scope of many tables (REINDEX SCHEMA / DATABASE / SYSTEM)


_MAINTENANCE = {
    Op.REINDEX: _Maintenance(_reindex, concurrently=True, scoped=True),
    Op.REFRESH_MATVIEW: _Maintenance(_refresh, concurrently=True),
    Op.CLUSTER: _Maintenance(_cluster, everything=lambda action: "every table clustered before"),
    Op.VACUUM_FULL: _Maintenance(_vacuum_full, everything=lambda action: "every table of the database"),
    Op.SET_LOGGED: _Maintenance(_rewrite("SET LOGGED")),
    Op.SET_UNLOGGED: _Maintenance(_rewrite("SET UNLOGGED")),
    Op.SET_TABLESPACE: _Maintenance(_rewrite("SET TABLESPACE", tablespace=True)),
    Op.SET_ACCESS_METHOD: _Maintenance(_rewrite("SET ACCESS METHOD")),
}


class BlockingMaintenance(Rule):
    code = "EC211"
    name = "blocking-maintenance"
    severity = Severity.ERROR
    family = "locks"
    squawk = ("require-concurrent-reindex",)
    ops = frozenset(_MAINTENANCE)
    postgres_only = True

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        for what, action, _ in self.per_op(ctx, _MAINTENANCE):
            if action.concurrent and what.concurrently:
                continue
            table = locked_table(ctx, action)
            kind = str(action.detail.get("kind") or "")
            if what.scoped and kind in _REINDEX_MANY:
                table = f"each table of {kind.removeprefix('REINDEX_OBJECT_').lower()} {action.table or ''}".strip()
            elif table and relation_is_new(ctx, table):
                continue
            yield what.hit(action, table or what.everything(action), ctx.pg_version)

