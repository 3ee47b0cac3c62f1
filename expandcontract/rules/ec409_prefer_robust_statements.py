"""EC409 prefer-robust-statements: CREATE/DROP that fail when a half-applied script is retried."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace

from ..core.findings import Severity
from ..core.ops import Action, Op
from . import Hit, Rule, RuleContext, ScriptIndex, quote_ident, quote_qualified
from ._shared.alembic import AUTOCOMMIT, Raw, op_call, table_args
from ._shared.locks import concurrent_form
from .ec201_require_concurrent_index import alembic_create_index

# op -> (the statement as written, the robust spelling, the error a retry meets)
_CREATE = {
    Op.CREATE_TABLE: ("CREATE TABLE {t}", "CREATE TABLE IF NOT EXISTS {t} (…)"),
    Op.CREATE_INDEX: ("CREATE INDEX {o}", "CREATE INDEX IF NOT EXISTS {o} ON {t} (…)"),
    Op.ADD_COLUMN: ("ADD COLUMN {c}", "ALTER TABLE {t} ADD COLUMN IF NOT EXISTS {c} …"),
    Op.ADD_ENUM_VALUE: ("ADD VALUE", "ALTER TYPE {o} ADD VALUE IF NOT EXISTS …"),
    Op.CREATE_SEQUENCE: ("CREATE SEQUENCE {o}", "CREATE SEQUENCE IF NOT EXISTS {o} …"),
    Op.CREATE_SCHEMA: ("CREATE SCHEMA {o}", "CREATE SCHEMA IF NOT EXISTS {o}"),
    Op.CREATE_EXTENSION: ("CREATE EXTENSION {o}", "CREATE EXTENSION IF NOT EXISTS {o}"),
}
_DROP = {
    Op.DROP_TABLE: ("DROP TABLE {o}", "DROP TABLE IF EXISTS {o}"),
    Op.DROP_INDEX: ("DROP INDEX {o}", "DROP INDEX {cc}IF EXISTS {o}"),
    Op.DROP_VIEW: ("DROP VIEW {o}", "DROP VIEW IF EXISTS {o}"),
    Op.DROP_SEQUENCE: ("DROP SEQUENCE {o}", "DROP SEQUENCE IF EXISTS {o}"),
    Op.DROP_TYPE: ("DROP TYPE {o}", "DROP TYPE IF EXISTS {o}"),
    Op.DROP_FUNCTION: ("DROP FUNCTION {o}", "DROP FUNCTION IF EXISTS {o}(…)"),
    Op.DROP_TRIGGER: ("DROP TRIGGER {o}", "DROP TRIGGER IF EXISTS {o} ON {t}"),
    Op.DROP_COLUMN: ("DROP COLUMN {c}", "ALTER TABLE {t} DROP COLUMN IF EXISTS {c}"),
    Op.DROP_CONSTRAINT: ("DROP CONSTRAINT {o}", "ALTER TABLE {t} DROP CONSTRAINT IF EXISTS {o}"),
}


def _alembic_robust(a: Action) -> str:
    """The robust spelling as an ``op.`` call: Alembic (>= 1.16) takes ``if_exists`` / ``if_not_exists``."""
    table, schema = table_args(a.table)
    name = a.object_name.rsplit(".", 1)[-1] if a.object_name else "…"
    if a.op == Op.CREATE_TABLE:
        return op_call("create_table", table, Raw("..."), schema=schema, if_not_exists=True)
    if a.op == Op.CREATE_INDEX:
        return op_call("create_index", name, table, ["…"], schema=schema, if_not_exists=True)
    if a.op == Op.ADD_COLUMN:
        return op_call("add_column", table, Raw(f"sa.Column({json.dumps(a.column or '…')}, ...)"), schema=schema,
                       if_not_exists=True)
    if a.op == Op.DROP_TABLE:
        return op_call("drop_table", table, schema=schema, if_exists=True)
    if a.op == Op.DROP_INDEX:
        return op_call("drop_index", name, table_name=table if a.table else None, schema=schema,
                       postgresql_concurrently=True if a.concurrent else None, if_exists=True)
    if a.op == Op.DROP_COLUMN:
        return op_call("drop_column", table, a.column or "…", schema=schema, if_exists=True)
    if a.op == Op.DROP_CONSTRAINT:
        return op_call("drop_constraint", name, table, schema=schema, if_exists=True)
    if a.op == Op.ADD_CONSTRAINT:
        return (f"{op_call('drop_constraint', name, table, schema=schema, if_exists=True)}; then the op. call "
                f"that adds it")
    robust = _CREATE[a.op][1] if a.op in _CREATE else _DROP[a.op][1]
    return op_call("execute", _fill(robust, a))


def _fill(template: str, a: Action) -> str:
    return template.format(
        t=quote_qualified(a.table) if a.table else "…",
        o=quote_qualified(a.object_name) if a.object_name else "…",
        c=quote_ident(a.column) if a.column else "…",
        cc="CONCURRENTLY " if a.concurrent else "",
    )


class PreferRobustStatements(Rule):
    code = "EC409"
    name = "prefer-robust-statements"
    severity = Severity.WARNING
    family = "practice"
    ops = frozenset({*_CREATE, *_DROP, Op.ADD_CONSTRAINT})
    squawk = ("prefer-robust-stmts",)
    postgres_only = True  # the transaction model below is PostgreSQL's

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        if ctx.config.runner == "expandcontract":
            return  # our runner records each step done, resumes after it, and rebuilds INVALID indexes
        if ctx.config.assume_in_transaction:
            return  # the whole file is one transaction: a failure rolls everything back
        for action in ctx.actions:
            if action.op == Op.CREATE_INDEX and action.concurrent:
                hit = self._concurrent_index(action, ctx)
            else:
                hit = self._plain(action, ctx)
            if hit:
                yield hit

    @staticmethod
    def _rerun_reason(ctx: RuleContext) -> str | None:
        """Why this statement can run a second time after it took effect, or None."""
        if not ctx.group.transactional:
            return "it runs outside any transaction, so a failure later in the script cannot undo it"
        # the first statement after this transaction that the runner sends
        later_position = ctx.index.get(_next_sent)[ctx.index.group_end(ctx.position)]
        if later_position is None:
            return None
        later = ctx.index.steps[later_position]
        return (f"line {later.statement.line} runs in a later transaction, so when it fails this "
                "statement has already committed")

    def _plain(self, action: Action, ctx: RuleContext) -> Hit | None:
        if action.op in _CREATE and not action.if_not_exists:
            written, robust = _CREATE[action.op]
            error = "already exists"
        elif action.op in _DROP and not action.if_exists:
            written, robust = _DROP[action.op]
            error = "does not exist"
        elif action.op == Op.ADD_CONSTRAINT and action.object_name:
            if _dropped_before(ctx, "drop_constraint", action.object_name):
                return None
            written = "ADD CONSTRAINT {o}"
            robust = "ALTER TABLE {t} DROP CONSTRAINT IF EXISTS {o}; then ALTER TABLE {t} ADD CONSTRAINT {o} …"
            error = "already exists"
        else:
            return None
        reason = self._rerun_reason(ctx)
        if reason is None:
            return None
        return Hit(
            f"{_fill(written, action)} is not idempotent and {reason}: retrying the half-applied "
            f"script stops here with '… {error}'",
            f"make it safe to run twice: {_fill(robust, action)}",
            f"make it safe to run twice: {_alembic_robust(action)}",
        )

    @staticmethod
    def _concurrent_index(action: Action, ctx: RuleContext) -> Hit | None:
        table = quote_qualified(action.table) if action.table else "…"
        if ctx.in_transaction:
            return None  # PostgreSQL refuses it there (EC203): fix that first, then this applies
        if not action.object_name:
            return Hit(
                f"CREATE INDEX CONCURRENTLY on {action.table} has no name: if the build fails it leaves "
                "an INVALID index behind (still updated by every write), and a retry builds a second "
                "one under a new generated name",
                f"name it and drop a failed leftover first: DROP INDEX CONCURRENTLY IF EXISTS <name>; "
                f"CREATE INDEX CONCURRENTLY <name> ON {table} (…)",
                f"name it and drop a failed leftover first: {AUTOCOMMIT} {_alembic_drop_leftover(action, '<name>')}; "
                f"then {alembic_create_index(replace(action, object_name='<name>'))}",
            )
        if _dropped_before(ctx, "drop_index", action.object_name):
            return None
        name = quote_qualified(action.object_name)
        consequence = ("IF NOT EXISTS then skips it and the index stays unusable"
                       if action.if_not_exists else "a retry stops with 'relation … already exists'")
        return Hit(
            f"CREATE INDEX CONCURRENTLY {name} runs outside a transaction: a failed build (deadlock, "
            f"unique violation, cancel) leaves an INVALID index that every write still maintains, and "
            f"{consequence}",
            f"drop a failed leftover first: DROP INDEX CONCURRENTLY IF EXISTS {name}; "
            f"{concurrent_form(ctx.step.statement.text) or f'CREATE INDEX CONCURRENTLY {name} ON {table} (…)'}",
            f"drop a failed leftover first: {AUTOCOMMIT} "
            f"{_alembic_drop_leftover(action, action.object_name.rsplit('.', 1)[-1])}; then {alembic_create_index(action)}",
        )


def _alembic_drop_leftover(action: Action, name: str) -> str:
    table, schema = table_args(action.table)
    return op_call("drop_index", name, table_name=table, schema=schema, postgresql_concurrently=True, if_exists=True)


def _dropped_before(ctx: RuleContext, op: str, name: str) -> bool:
    """An earlier ``DROP … IF EXISTS`` of the same object in this script clears a leftover."""
    return ctx.seen_before(_drops_if_exists, (op, name.rsplit(".", 1)[-1]))


def _drops_if_exists(index: ScriptIndex) -> dict[tuple[str, str], int]:
    first: dict[tuple[str, str], int] = {}
    for position, step in enumerate(index.steps):
        for a in step.actions:
            if a.if_exists:
                first.setdefault((a.op, (a.object_name or "").rsplit(".", 1)[-1]), position)
    return first


def _next_sent(index: ScriptIndex) -> list[int | None]:
    """For each position (and the end), the first step from there on that does something: it
    has actions and is not BEGIN/COMMIT."""
    found: list[int | None] = [None] * (len(index.steps) + 1)
    for position in reversed(range(len(index.steps))):
        step = index.steps[position]
        found[position] = position if step.actions and not step.is_transaction_control else found[position + 1]
    return found
