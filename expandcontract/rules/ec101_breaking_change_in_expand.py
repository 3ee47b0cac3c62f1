"""EC101 breaking-change-in-expand: a change the old app cannot survive, run while it is live.

The generic fallback: the compatibility rules (EC301-EC310) name the common cases precisely;
this one catches the rest the classifier knows to break the old app (DROP VIEW, DROP FUNCTION,
DROP TYPE, renames of types, schemas and enum values, DETACH PARTITION …).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from ..core.ops import Action, Op
from . import OLD_APP_LIVE, Hit, Rule, RuleContext, quote_ident, quote_qualified
from ._shared.compat import created_earlier, describe, sql_excerpt, when

# ops a dedicated compatibility rule reports (or deliberately lets pass): never twice
DEDICATED = frozenset(
    {
        Op.DROP_COLUMN,  # EC301
        Op.DROP_TABLE,  # EC302
        Op.RENAME_COLUMN,  # EC303
        Op.RENAME_TABLE, Op.RENAME_VIEW,  # EC304
        Op.ADD_COLUMN,  # EC305
        Op.DROP_DEFAULT,  # EC306
        Op.ALTER_COLUMN_TYPE,  # EC308
        Op.TRUNCATE,  # EC309
        Op.SET_NOT_NULL,  # EC310
    }
)
# every op the classifier can mark breaks_old_app (classify.py); those outside DEDICATED are ours
BREAKING_OPS = frozenset(
    {
        *DEDICATED, Op.DROP_VIEW, Op.DETACH_PARTITION, Op.SET_SCHEMA,
        Op.DROP_SEQUENCE, Op.DROP_TYPE, Op.DROP_SCHEMA, Op.DROP_FUNCTION, Op.DROP_TRIGGER, Op.DROP_EXTENSION,
        Op.DROP_OTHER, Op.RENAME_TYPE, Op.RENAME_SCHEMA, Op.RENAME_FUNCTION, Op.RENAME_ENUM_VALUE,
        Op.RENAME_SEQUENCE, Op.RENAME_VIEW_COLUMN, Op.RENAME_ATTRIBUTE, Op.RENAME_OTHER,
    }
)
# ops whose own object lives on a table: the table decides whether it is new
_ON_TABLE = frozenset({"detach_partition", "drop_trigger", "rename_view_column", "rename_attribute"})


def _its_table(action: Action) -> str | None:
    return action.table


def _its_object(action: Action) -> str | None:
    return action.object_name or action.table


# op -> the object whose age decides whether anybody but this migration knows it
_OWNER = {op: _its_table if op in _ON_TABLE else _its_object for op in BREAKING_OPS - DEDICATED}


class BreakingChangeInExpand(Rule):
    code = "EC101"
    name = "breaking-change-in-expand"
    severity = Severity.ERROR
    family = "phase"
    ops = frozenset(_OWNER)
    script_kinds = OLD_APP_LIVE
    fallback = True

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        if not ctx.old_app_live:
            return
        for owner_of, action, cls in self.per_op(ctx, _OWNER):
            if not cls.breaks_old_app:
                continue
            owner = owner_of(action)
            if created_earlier(ctx, owner):
                continue  # nobody but this migration knows it yet
            yield Hit(
                f"{describe(action)} breaks the old app: {cls.breaks_old_app}, {_consequence(action)} "
                f"({when(ctx.kind)})",
                _help(action, ctx),
            )


def _consequence(action: Action) -> str:
    op = action.op
    if op == Op.RENAME_ENUM_VALUE:
        return f"and its writes of '{action.detail.get('old')}' fail with 'invalid input value for enum'"
    if op == Op.DETACH_PARTITION:
        return f"so its queries on {action.table} silently stop returning those rows"
    if op.startswith("drop_"):
        return "and its statements that use it fail with 'does not exist' as soon as this commits"
    if op.startswith("rename_") or op == Op.SET_SCHEMA:
        return "and its statements that use the old name fail with 'does not exist' as soon as this commits"
    return "from the moment this commits"


def _help(action: Action, ctx: RuleContext) -> str:
    op = action.op
    text = sql_excerpt(ctx.step.statement.text)
    if op == Op.RENAME_ENUM_VALUE:
        old, new = action.detail.get("old"), action.detail.get("new")
        return (
            f"deploy app code that reads and writes both '{old}' and '{new}' first, then rename it in "
            f"contract.sql: ALTER TYPE {quote_qualified(action.object_name or '?')} RENAME VALUE '{old}' TO '{new}'"
        )
    if op == Op.RENAME_VIEW_COLUMN and action.table and action.column and action.new_name:
        view, old, new = quote_qualified(action.table), quote_ident(action.column), quote_ident(action.new_name)
        return (
            f"expose both names while both apps run: in expand.sql CREATE OR REPLACE VIEW {view} AS SELECT …, "
            f"{old} AS {new} (added columns go last), switch the app to {new}, then redefine the view "
            f"without {old} in contract.sql"
        )
    if op == Op.RENAME_FUNCTION:
        return (
            f"create the function under its new name beside the old one in expand.sql, switch the app, "
            f"then DROP FUNCTION the old one in contract.sql (or run `{text}` in contract.sql)"
        )
    if op == Op.DETACH_PARTITION and action.table and action.object_name:
        concurrently = " CONCURRENTLY" if ctx.pg_version >= 14 else ""
        return (
            f"detach it in contract.sql, once no app needs those rows through {action.table}: "
            f"ALTER TABLE {quote_qualified(action.table)} DETACH PARTITION "
            f"{quote_qualified(action.object_name)}{concurrently}"
        )
    if op.startswith("rename_") or op == Op.SET_SCHEMA:
        return f"run it in contract.sql, once no deployed app uses the old name: {text}"
    if op.startswith("drop_"):
        return f"ship app code that no longer uses it, deploy, then drop it in contract.sql: {text}"
    return f"run it in contract.sql, once the old app is gone: {text}"
