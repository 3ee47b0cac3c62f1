"""EC304 rename-table: renaming a table or view while the old app still uses the old name.

Safe when the same transaction puts a view under the old name (``CREATE VIEW old AS SELECT *
FROM new``): a simple view is updatable, so the old app's reads and writes carry on.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from ..core.findings import Severity
from ..core.ops import Action, Op
from ..core.schema import relation_key
from . import OLD_APP_LIVE, Hit, Rule, RuleContext, ScriptIndex, quote_qualified
from ._shared.alembic import declare, op_call, table_args
from ._shared.compat import when


def _renamed(action: Action) -> str:
    """The relation's new qualified name: a rename keeps the schema."""
    prefix = action.table.rsplit(".", 1)[0] + "." if "." in (action.table or "") else ""
    return prefix + (action.new_name or "?")


# op -> what it renames (ALTER TABLE … RENAME of a view renames a view too)
_RENAMED = {Op.RENAME_TABLE: "table", Op.RENAME_VIEW: "view"}


class RenameTable(Rule):
    code = "EC304"
    name = "rename-table"
    severity = Severity.ERROR
    family = "compatibility"
    ops = frozenset(_RENAMED)
    script_kinds = OLD_APP_LIVE
    squawk = ("renaming-table",)

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        if not ctx.old_app_live:
            return
        for renamed, action, _ in self.per_op(ctx, _RENAMED):
            if not ctx.table_existing(action.table):
                continue
            view = ctx.schema.view(action.table)
            if view is not None and view.origin == ctx.migration.name:
                continue  # a view this migration created: nobody uses it yet
            if _old_name_kept(ctx, action.table):
                continue
            old, new = action.table, _renamed(action)
            kind = "view" if view is not None else renamed
            verb = "VIEW" if kind == "view" else "TABLE"
            yield Hit(
                f"if the old app still queries the {kind} {old}, its queries fail with 'relation \"{old}\" "
                f"does not exist' once it is renamed to {new} ({when(ctx.kind)})",
                f"keep the old name working in the same transaction: ALTER {verb} {quote_qualified(old)} "
                f"RENAME TO {quote_qualified(action.new_name or '?')}; CREATE VIEW {quote_qualified(old)} AS "
                f"SELECT * FROM {quote_qualified(new)} (a simple view is updatable, so the old app's reads "
                f"and writes go on); DROP VIEW {quote_qualified(old)} in contract.sql once no app uses {old}",
                alembic=_alembic_help(old, new, action.new_name or "?", verb),
            )


def _alembic_help(old: str, new: str, new_name: str, verb: str) -> str:
    bare, schema = table_args(old)
    if verb == "TABLE":
        rename = op_call("rename_table", bare, new_name, schema=schema)
    else:  # Alembic has no rename_view
        rename = op_call("execute", f"ALTER VIEW {quote_qualified(old)} RENAME TO {quote_qualified(new_name)}")
    view = op_call("execute", f"CREATE VIEW {quote_qualified(old)} AS SELECT * FROM {quote_qualified(new)}")
    drop = op_call("execute", f"DROP VIEW {quote_qualified(old)}")
    return (f"keep the old name working in the same revision: {rename} followed by {view} (a simple view is "
            f"updatable, so the old app's reads and writes go on); {drop} in {declare('contract')} once no app "
            f"uses {old}")


def _old_name_kept(ctx: RuleContext, old: str | None) -> bool:
    """A later statement of the same transaction creates a view under the old name."""
    if ctx.config.assume_in_transaction and ctx.config.runner != "expandcontract":
        end = len(ctx.index.steps)  # the tool wraps the whole file in one transaction
    elif ctx.group.transactional:
        end = ctx.index.group_end(ctx.position)
    else:
        return False
    views = ctx.index.get(_created_views).get(relation_key(old), [])
    later = bisect_right(views, ctx.position)
    return later < len(views) and views[later] < end


def _created_views(index: ScriptIndex) -> dict[str, list[int]]:
    """View name -> the positions of the steps that create it."""
    found: dict[str, list[int]] = {}
    for position, step in enumerate(index.steps):
        for name in dict.fromkeys(relation_key(a.table) for a in step.actions if a.op == Op.CREATE_VIEW):
            found.setdefault(name, []).append(position)
    return found
