"""EC409 prefer-robust-statements: CREATE/DROP that fail when a half-applied script is retried."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from ..core.findings import Severity
from ..core.ops import Action, Op
from ..core.record import replace
from . import Hit, Rule, RuleContext, ScriptIndex, quote_ident, quote_qualified
from ._shared.alembic import AUTOCOMMIT, Raw, alembic_create_index, op_call, table_args
from ._shared.locks import concurrent_form


class _Retry:
    """How a retry meets one CREATE or DROP that already took effect: the statement as written,
    its robust spelling, and that spelling as an ``op.`` call (Alembic >= 1.16 takes ``if_exists`` /
    ``if_not_exists``; without one, ``op.execute`` of the SQL).

    A plain class, not a dataclass: instances are only built at import and called (never compared,
    hashed or printed), and a dataclass costs its generated methods at every start."""

    __slots__ = ("alembic", "drop", "robust", "written")

    def __init__(self, written: str, robust: str, drop: bool,
                 alembic: Callable[[Action, str, str | None, str], str] | None = None) -> None:
        self.written = written
        self.robust = robust
        self.drop = drop  # a DROP, robust with IF EXISTS; else a CREATE, robust with IF NOT EXISTS
        self.alembic = alembic  # (action, table, schema, name)

    def __call__(self, action: Action, ctx: RuleContext) -> Hit | None:
        if action.if_exists if self.drop else action.if_not_exists:
            return None
        return _not_idempotent(ctx, action, self.written, self.robust,
                               "does not exist" if self.drop else "already exists", self._alembic(action))

    def _alembic(self, a: Action) -> str:
        if self.alembic is None:
            return op_call("execute", _fill(self.robust, a))
        table, schema = table_args(a.table)
        return self.alembic(a, table, schema, a.object_name.rsplit(".", 1)[-1] if a.object_name else "…")


def _create(written: str, robust: str, alembic=None) -> _Retry:
    return _Retry(written, robust, False, alembic)


def _drop(written: str, robust: str, alembic=None) -> _Retry:
    return _Retry(written, robust, True, alembic)


_CREATE_INDEX = _create(
    "CREATE INDEX {o}", "CREATE INDEX IF NOT EXISTS {o} ON {t} (…)",
    lambda a, table, schema, name: op_call("create_index", name, table, ["…"], schema=schema, if_not_exists=True))


def _create_index(action: Action, ctx: RuleContext) -> Hit | None:
    return _concurrent_index(action, ctx) if action.concurrent else _CREATE_INDEX(action, ctx)


def _add_constraint(action: Action, ctx: RuleContext) -> Hit | None:
    if not action.object_name or _dropped_before(ctx, "drop_constraint", action.object_name):
        return None
    table, schema = table_args(action.table)
    name = action.object_name.rsplit(".", 1)[-1]
    return _not_idempotent(
        ctx, action, "ADD CONSTRAINT {o}",
        "ALTER TABLE {t} DROP CONSTRAINT IF EXISTS {o}; then ALTER TABLE {t} ADD CONSTRAINT {o} …", "already exists",
        f"{op_call('drop_constraint', name, table, schema=schema, if_exists=True)}; then the op. call that adds it")


# op -> what a retry of it meets, and its robust spelling
_HANDLERS: dict[Op, Callable[[Action, RuleContext], Hit | None]] = {
    Op.CREATE_TABLE: _create(
        "CREATE TABLE {t}", "CREATE TABLE IF NOT EXISTS {t} (…)",
        lambda a, table, schema, name: op_call("create_table", table, Raw("..."), schema=schema, if_not_exists=True)),
    Op.CREATE_INDEX: _create_index,
    Op.ADD_COLUMN: _create(
        "ADD COLUMN {c}", "ALTER TABLE {t} ADD COLUMN IF NOT EXISTS {c} …",
        lambda a, table, schema, name: op_call("add_column", table, Raw(f"sa.Column({json.dumps(a.column or '…')}, ...)"),
                                               schema=schema, if_not_exists=True)),
    Op.ADD_ENUM_VALUE: _create("ADD VALUE", "ALTER TYPE {o} ADD VALUE IF NOT EXISTS …"),
    Op.CREATE_SEQUENCE: _create("CREATE SEQUENCE {o}", "CREATE SEQUENCE IF NOT EXISTS {o} …"),
    Op.CREATE_SCHEMA: _create("CREATE SCHEMA {o}", "CREATE SCHEMA IF NOT EXISTS {o}"),
    Op.CREATE_EXTENSION: _create("CREATE EXTENSION {o}", "CREATE EXTENSION IF NOT EXISTS {o}"),
    Op.DROP_TABLE: _drop(
        "DROP TABLE {o}", "DROP TABLE IF EXISTS {o}",
        lambda a, table, schema, name: op_call("drop_table", table, schema=schema, if_exists=True)),
    Op.DROP_INDEX: _drop(
        "DROP INDEX {o}", "DROP INDEX {cc}IF EXISTS {o}",
        lambda a, table, schema, name: op_call("drop_index", name, table_name=table if a.table else None,
                                               schema=schema, postgresql_concurrently=True if a.concurrent else None,
                                               if_exists=True)),
    Op.DROP_VIEW: _drop("DROP VIEW {o}", "DROP VIEW IF EXISTS {o}"),
    Op.DROP_SEQUENCE: _drop("DROP SEQUENCE {o}", "DROP SEQUENCE IF EXISTS {o}"),
    Op.DROP_TYPE: _drop("DROP TYPE {o}", "DROP TYPE IF EXISTS {o}"),
    Op.DROP_FUNCTION: _drop("DROP FUNCTION {o}", "DROP FUNCTION IF EXISTS {o}(…)"),
    Op.DROP_TRIGGER: _drop("DROP TRIGGER {o}", "DROP TRIGGER IF EXISTS {o} ON {t}"),
    Op.DROP_COLUMN: _drop(
        "DROP COLUMN {c}", "ALTER TABLE {t} DROP COLUMN IF EXISTS {c}",
        lambda a, table, schema, name: op_call("drop_column", table, a.column or "…", schema=schema, if_exists=True)),
    Op.DROP_CONSTRAINT: _drop(
        "DROP CONSTRAINT {o}", "ALTER TABLE {t} DROP CONSTRAINT IF EXISTS {o}",
        lambda a, table, schema, name: op_call("drop_constraint", name, table, schema=schema, if_exists=True)),
    Op.ADD_CONSTRAINT: _add_constraint,
}


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
    ops = frozenset(_HANDLERS)
    squawk = ("prefer-robust-stmts",)
    postgres_only = True  # the transaction model below is PostgreSQL's

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        if ctx.config.runner == "expandcontract":
            return  # our runner records each step done, resumes after it, and rebuilds INVALID indexes
        if ctx.config.assume_in_transaction:
            return  # the whole file is one transaction: a failure rolls everything back
        for handle, action, _ in self.per_op(ctx, _HANDLERS):
            hit = handle(action, ctx)
            if hit:
                yield hit


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


def _not_idempotent(ctx: RuleContext, action: Action, written: str, robust: str, error: str,
                    alembic: str) -> Hit | None:
    reason = _rerun_reason(ctx)
    if reason is None:
        return None
    return Hit(
        f"{_fill(written, action)} is not idempotent and {reason}: retrying the half-applied "
        f"script stops here with '… {error}'",
        f"make it safe to run twice: {_fill(robust, action)}",
        f"make it safe to run twice: {alembic}",
    )


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
