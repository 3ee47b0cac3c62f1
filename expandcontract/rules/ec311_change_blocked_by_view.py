"""EC311 change-blocked-by-view: a DROP or type change that PostgreSQL refuses because a view
depends on the object (without CASCADE), so the migration stops half-way through a deploy."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..core.findings import Severity
from ..core.ops import Action, Op
from ..core.schema import Schema, relation_key
from . import Hit, Rule, RuleContext, quote_ident, quote_qualified
from ._shared.alembic import Raw, op_call, table_args
from ._shared.compat import per_op_with_schema


@dataclass(frozen=True)
class _Change:
    """A change PostgreSQL refuses while a view depends on what it changes."""

    target: Callable[[Action], str | None]  # the relation it changes
    column: Callable[[Action], str | None]  # the column, for a column change
    what: str  # the object dropped, in PostgreSQL's words; "" for a type change
    alembic: Callable[[str, str | None, str | None], str]  # (bare name, schema, column) -> its op. call


_TABLE, _NO_COLUMN, _COLUMN = (lambda a: a.table), (lambda a: None), (lambda a: a.column)
_CHANGES = {
    Op.DROP_TABLE: _Change(_TABLE, _NO_COLUMN, "table",
                           lambda bare, schema, column: op_call("drop_table", bare, schema=schema)),
    Op.DROP_VIEW: _Change(lambda a: a.object_name, _NO_COLUMN, "view", None),
    Op.DROP_COLUMN: _Change(_TABLE, _COLUMN, "column",
                            lambda bare, schema, column: op_call("drop_column", bare, column, schema=schema)),
    Op.ALTER_COLUMN_TYPE: _Change(_TABLE, _COLUMN, "",
                                  lambda bare, schema, column: op_call("alter_column", bare, column, schema=schema,
                                                                       type_=Raw("..."))),
}


class ChangeBlockedByView(Rule):
    code = "EC311"
    name = "change-blocked-by-view"
    severity = Severity.ERROR
    family = "compatibility"
    ops = frozenset(_CHANGES)

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        for change, action, _cls, schema in per_op_with_schema(ctx, _CHANGES):
            if action.cascade:
                continue
            target = change.target(action)
            if not target:
                continue
            column = change.column(action)
            views = dependent_views(schema, target, column)
            if not views:
                continue
            names = ", ".join(views)
            subject = f"{target}.{column}" if column else target
            if not change.what:  # a type change
                error = f"cannot alter type of a column used by a view or rule ({names})"
                redo = (f"in the same transaction: DROP VIEW {', '.join(map(quote_qualified, views))}; "
                        f"ALTER TABLE {quote_qualified(target)} ALTER COLUMN {quote_ident(column)} TYPE …; "
                        f"then CREATE VIEW again with the same definition")
            else:
                error = f"cannot drop {change.what} {subject} because other objects depend on it ({names})"
                redo = (f"first stop using the dependent view{'s' if len(views) > 1 else ''}, then DROP VIEW "
                        f"{', '.join(map(quote_qualified, views))} in an earlier statement of the same phase (and "
                        f"CREATE VIEW again without {subject} if an app still reads it); add CASCADE only when "
                        f"no app reads {'them' if len(views) > 1 else 'it'}")
            yield Hit(
                f"PostgreSQL refuses this statement: '{error}'. The migration fails here, in the middle of the "
                f"deploy: the statements of its transaction roll back, the ones committed before it stay",
                redo,
                alembic=_alembic_help(change, target, column, views),
            )


def _alembic_help(change: _Change, target: str, column: str | None, views: list[str]) -> str:
    """The same fix in op. calls: Alembic does not track views, so autogenerate never writes the DROP VIEW."""
    drop_views = op_call("execute", f"DROP VIEW {', '.join(map(quote_qualified, views))}")
    bare, schema = table_args(target)
    untracked = "Alembic does not track views, so autogenerate does not write this for you"
    if change.alembic is None:  # a view: Alembic has no op for it
        made = op_call("execute", f"DROP VIEW {quote_qualified(target)}")
    else:
        made = change.alembic(bare, schema, column)
    if not change.what:
        return (f"in the same revision: {drop_views} before {made}, "
                f"then op.execute the CREATE VIEW again with the same definition; {untracked}")
    subject = f"{target}.{column}" if column else target
    many = len(views) > 1
    return (f"first stop using the dependent view{'s' if many else ''}, then {drop_views} before {made} in the "
            f"same revision (and op.execute the CREATE VIEW again without {subject} if an app still reads it); "
            f"{untracked}; use CASCADE (in op.execute) only when no app reads {'them' if many else 'it'}")


def dependent_views(schema: Schema, relation: str, column: str | None = None) -> list[str]:
    """The views that read ``relation`` (its ``column``, when given), directly: PostgreSQL names those.

    >>> s = Schema.from_sql("CREATE TABLE t (a int, b int); CREATE VIEW v AS SELECT a FROM t;"
    ...                     "CREATE VIEW w AS SELECT * FROM v")
    >>> dependent_views(s, "t"), dependent_views(s, "t", "a"), dependent_views(s, "t", "b"), dependent_views(s, "v")
    (['v'], ['v'], [], ['w'])
    """
    key = relation_key(relation)
    return sorted(v.name for v in schema.views.values() if v.name != key and v.reads(key, column))
