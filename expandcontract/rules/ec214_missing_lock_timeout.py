"""EC214 missing-lock-timeout: a statement that locks a live table with no lock_timeout set waits
forever behind a long query, and every query on that table queues behind it."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..core.findings import Severity
from ..core.lazyre import LazyPattern
from ..core.migration import Step
from ..core.ops import Action, Classification, Lock, Op
from . import Hit, Rule, RuleContext, ScriptIndex
from ._shared.alembic import AUTOCOMMIT, op_call, table_args
from ._shared.locks import article, live_locks_in, quote_qualified

_ZERO = LazyPattern(r"\s*0+(\.0*)?\s*[a-z]*\s*\Z", re.I)


def _settings(step: Step) -> Iterator[tuple[str | None, bool]]:
    """(value, local) for each change of lock_timeout the statement makes; ``None`` turns it off."""
    for action in step.actions:
        kind = action.detail.get("kind")
        if action.op == Op.SET and (action.object_name == "lock_timeout" or kind == "VAR_RESET_ALL"):
            value = action.detail.get("value") if kind == "VAR_SET_VALUE" else None
            yield value, bool(action.detail.get("local"))
    if "set_config" not in step.statement.text.lower():
        return  # no call to walk the parse tree for
    for args in _set_config_calls(step.statement.node):
        if len(args) >= 2 and args[0] == "lock_timeout":
            yield args[1], bool(args[2]) if len(args) > 2 else False


def _set_config_calls(node: Any) -> Iterator[list]:
    """Constant arguments of ``set_config(…)`` calls anywhere in a parse tree."""
    if isinstance(node, dict):
        call = node.get("FuncCall")
        if call and [n.get("String", {}).get("sval") for n in call.get("funcname", ())][-1:] == ["set_config"]:
            yield [_constant(a) for a in call.get("args", ())]
        for value in node.values():
            yield from _set_config_calls(value)
    elif isinstance(node, list):
        for item in node:
            yield from _set_config_calls(item)


def _constant(node: dict) -> Any:
    const = node.get("A_Const", {})
    if "sval" in const:
        return const["sval"].get("sval", "")
    if "ival" in const:
        return str(const["ival"].get("ival", 0))
    if "boolval" in const:
        return bool(const["boolval"].get("boolval", False))
    return None


def lock_timeout_set(ctx: RuleContext) -> bool:
    """An earlier statement of the script set a non-zero lock_timeout that still applies here:
    the last setting before this statement, skipping SET LOCAL ones whose transaction ended."""
    settings = ctx.index.get(_Settings)
    last = bisect_left(settings.positions, ctx.position) - 1
    if last < 0:
        return False
    start = ctx.transaction_start()
    if start is None or settings.positions[last] < start:
        last = settings.last_session[last]  # the SET LOCALs before this transaction ended with theirs
        if last < 0:
            return False
    value = settings.values[last]
    return value is not None and not _ZERO.match(value)


class _Settings:
    """Every change of lock_timeout in a script, in order: its step's position, the value
    (None: turned off), and for each, the latest one up to it that is not SET LOCAL."""

    def __init__(self, index: ScriptIndex) -> None:
        self.positions: list[int] = []
        self.values: list[str | None] = []
        self.last_session: list[int] = []
        for position, step in enumerate(index.steps):
            for value, local in _settings(step):
                self.positions.append(position)
                self.values.append(value)
                previous = self.last_session[-1] if self.last_session else -1
                self.last_session.append(previous if local else len(self.values) - 1)


def _blocking(step: Step, live: list[tuple[str, Lock, Classification]]) -> list[tuple[str, Lock]]:
    """Live tables the step locks against the app's writes; a materialized view is never written,
    so only ACCESS EXCLUSIVE (a plain REFRESH) matters there."""
    found = []
    for table, lock, _ in live:
        view = lock < Lock.ACCESS_EXCLUSIVE and step.schema_before.view(table) is not None
        if lock >= Lock.SHARE and not view:
            found.append((table, lock))
    return found


def _first_blocking(index: ScriptIndex) -> int:
    """The position of the first step that locks a live table against writes (or the end)."""
    live = live_locks_in(index)
    return next((p for p, step in enumerate(index.steps) if _blocking(step, live[p])), len(index.steps))


class MissingLockTimeout(Rule):
    code = "EC214"
    name = "missing-lock-timeout"
    severity = Severity.WARNING
    family = "locks"
    squawk = ("require-lock-timeout", "require-timeout-settings")
    postgres_only = True

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        if ctx.config.runner == "expandcontract":
            return  # the runner sets lock_timeout itself and retries
        locks = _blocking(ctx.step, live_locks_in(ctx.index)[ctx.position])
        if not locks or lock_timeout_set(ctx):
            return
        if ctx.index.get(_first_blocking) < ctx.position:
            return  # reported once per script, at the first such statement
        table, lock = max(locks, key=lambda pair: pair[1])
        unlocked = [(form, call) for (form, call) in (forms(ctx, action) for forms, action, _ in
                                                      self.per_op(ctx, _WITHOUT_THE_LOCK)) if form]
        also = "".join(f"; {form} takes no such lock" for form, _ in unlocked)
        help_also = "".join(f"; or better, without the lock: {form} (one per statement, outside a transaction "
                            f"block: it waits for running queries without blocking new ones)" for form, _ in unlocked)
        alembic_also = "".join(f"; or better, {call}" for _, call in unlocked)
        yield Hit(
            f"this statement needs {article(lock)} lock on {table} and no lock_timeout is set: if a long "
            f"query or an idle transaction holds {table}, it waits without limit, and meanwhile "
            f"{lock.blocks} on {table} queue behind it — an outage that lasts as long as that query "
            f"(reported once, for the first such statement of the script){also}",
            "start the script with SET lock_timeout = '2s'; (SET LOCAL lock_timeout = '2s'; inside a "
            "transaction block) and retry the migration when it fails with 'canceling statement due to "
            "lock timeout'; or run it with the expandcontract runner (runner = \"expandcontract\"), which "
            f"does both{help_also}",
            "start upgrade() with op.execute(\"SET LOCAL lock_timeout = '2s'\") (Alembic runs the revision in "
            "a transaction) and retry when it fails with 'canceling statement due to lock timeout'; or run "
            "the revisions with `expandcontract apply --alembic alembic.ini` (runner = \"expandcontract\"), "
            f"which does both{alembic_also}",
        )


def _drop_index_concurrently(ctx: RuleContext, action: Action) -> tuple[str | None, str]:
    """DROP INDEX CONCURRENTLY and its Alembic call."""
    if action.concurrent or not action.object_name:
        return None, ""
    exists = "IF EXISTS " if action.if_exists else ""
    index, schema = table_args(action.object_name)
    call = op_call("drop_index", index, schema=schema, postgresql_concurrently=True,
                   if_exists=True if action.if_exists else None)
    return (f"DROP INDEX CONCURRENTLY {exists}{quote_qualified(action.object_name)}",
            f"drop the index without the lock, outside the revision's transaction: {AUTOCOMMIT} {call}")


def _detach_concurrently(ctx: RuleContext, action: Action) -> tuple[str | None, str]:
    """DETACH PARTITION … CONCURRENTLY (PostgreSQL 14+) and its Alembic call."""
    if action.concurrent or not action.object_name or not action.table or ctx.pg_version < 14:
        return None, ""
    sql = f"ALTER TABLE {quote_qualified(action.table)} DETACH PARTITION {quote_qualified(action.object_name)} CONCURRENTLY"
    return sql, (f"detach it without the lock, outside the revision's transaction (refused when {action.table} has a "
                 f"default partition): {AUTOCOMMIT} {op_call('execute', sql)}")


# operations with a form that takes no lock the app queues behind: EC214 names it
_WITHOUT_THE_LOCK: dict[Op, Callable[[RuleContext, Action], tuple[str | None, str]]] = {
    Op.DROP_INDEX: _drop_index_concurrently,
    Op.DETACH_PARTITION: _detach_concurrently,
}
