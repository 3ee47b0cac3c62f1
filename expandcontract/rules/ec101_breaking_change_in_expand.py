"""EC101 breaking-change-in-expand: a change the old app cannot survive, run while it is live.

The generic fallback: the compatibility rules (EC301-EC310) name the common cases precisely;
this one catches the rest the classifier knows to break the old app (DROP VIEW, DROP FUNCTION,
DROP TYPE, renames of types, schemas and enum values, DETACH PARTITION …).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..core.findings import Severity
from ..core.ops import Action
from . import OLD_APP_LIVE, Hit, Rule, RuleContext, quote_ident, quote_qualified
from ._shared.compat import created_earlier, describe, sql_excerpt, when

# ops a dedicated compatibility rule reports (or deliberately lets pass): never twice
DEDICATED = frozenset(
    {
        "drop_column",  # EC301
        "drop_table",  # EC302
        "rename_column",  # EC303
        "rename_table", "rename_view",  # EC304
        "add_column",  # EC305
        "drop_default",  # EC306
        "alter_column_type",  # EC308
        "truncate",  # EC309
        "set_not_null",  # EC310
    }
)
# every op the classifier can mark breaks_old_app (classify.py); those outside DEDICATED are ours
BREAKING_OPS = frozenset(
    {
        *DEDICATED, "drop_view", "detach_partition", "set_schema",
        "drop_sequence", "drop_type", "drop_schema", "drop_function", "drop_trigger", "drop_extension",
        "drop_other", "rename_type", "rename_schema", "rename_function", "rename_enum_value",
        "rename_sequence", "rename_view_column", "rename_attribute", "rename_other",
    }
)
# ops whose own object lives on a table: the table decides whether it is new
_ON_TABLE = frozenset({"detach_partition", "drop_trigger", "rename_view_column", "rename_attribute"})


class BreakingChangeInExpand(Rule):
    code = "EC101"
    name = "breaking-change-in-expand"
    severity = Severity.ERROR
    family = "phase"
    ops = BREAKING_OPS - DEDICATED
    script_kinds = OLD_APP_LIVE
    fallback = True

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        if not ctx.old_app_live:
            return
        for action, cls in ctx.pairs():
            if not cls.breaks_old_app or action.op in DEDICATED:
                continue
            owner = action.table if action.op in _ON_TABLE else (action.object_name or action.table)
            if created_earlier(ctx, owner):
                continue  # nobody but this migration knows it yet
            yield Hit(
                f"{describe(action)} breaks the old app: {cls.breaks_old_app}, {_consequence(action)} "
                f"({when(ctx.kind)})",
                _help(action, ctx),
            )


def _consequence(action: Action) -> str:
    op = action.op
    if op == "rename_enum_value":
        return f"and its writes of '{action.detail.get('old')}' fail with 'invalid input value for enum'"
    if op == "detach_partition":
        return f"so its queries on {action.table} silently stop returning those rows"
    if op.startswith("drop_"):
        return "and its statements that use it fail with 'does not exist' as soon as this commits"
    if op.startswith("rename_") or op == "set_schema":
        return "and its statements that use the old name fail with 'does not exist' as soon as this commits"
    return "from the moment this commits"


def _help(action: Action, ctx: RuleContext) -> str:
    op = action.op
    text = sql_excerpt(ctx.step.statement.text)
    if op == "rename_enum_value":
        old, new = action.detail.get("old"), action.detail.get("new")
        return (
            f"deploy app code that reads and writes both '{old}' and '{new}' first, then rename it in "
            f"contract.sql: ALTER TYPE {quote_qualified(action.object_name or '?')} RENAME VALUE '{old}' TO '{new}'"
        )
    if op == "rename_view_column" and action.table and action.column and action.new_name:
        view, old, new = quote_qualified(action.table), quote_ident(action.column), quote_ident(action.new_name)
        return (
            f"expose both names while both apps run: in expand.sql CREATE OR REPLACE VIEW {view} AS SELECT …, "
            f"{old} AS {new} (added columns go last), switch the app to {new}, then redefine the view "
            f"without {old} in contract.sql"
        )
    if op == "rename_function":
        return (
            f"create the function under its new name beside the old one in expand.sql, switch the app, "
            f"then DROP FUNCTION the old one in contract.sql (or run `{text}` in contract.sql)"
        )
    if op == "detach_partition" and action.table and action.object_name:
        concurrently = " CONCURRENTLY" if ctx.pg_version >= 14 else ""
        return (
            f"detach it in contract.sql, once no app needs those rows through {action.table}: "
            f"ALTER TABLE {quote_qualified(action.table)} DETACH PARTITION "
            f"{quote_qualified(action.object_name)}{concurrently}"
        )
    if op.startswith("rename_") or op == "set_schema":
        return f"run it in contract.sql, once no deployed app uses the old name: {text}"
    if op.startswith("drop_"):
        return f"ship app code that no longer uses it, deploy, then drop it in contract.sql: {text}"
    return f"run it in contract.sql, once the old app is gone: {text}"
