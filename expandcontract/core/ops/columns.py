"""Columns: ``ADD|DROP|RENAME COLUMN``, ``ALTER COLUMN … TYPE|SET|DROP NOT NULL|DEFAULT|IDENTITY|…``.

For each operation: its extractor (an ``ALTER TABLE`` subcommand), its replay into the schema
model and its classification, side by side.
"""

from __future__ import annotations

from ..model import Column, SchemaModel, Table, View, relation_key
from ..parse import Statement
from ..record import replace
from .constraints import constraint_entry, referenced_locks
from .effect import Classification, Facts, Lock, Phase, expand_in_place, renamed_under_old_app
from .op import Action, Op, unchanged
from .tree import (
    AlterCmd,
    column_constraints,
    column_spec,
    column_subcommand,
    deparse_expr,
    expression_volatility,
    type_ref,
)
from .typecompat import is_binary_coercible, is_narrowing, is_null_default, is_utc, timestamptz_needs_utc
from .views import drop_dependent_views, replay_rename_view_column

AE = Lock.ACCESS_EXCLUSIVE

# -- extraction ------------------------------------------------------------------------------


def _add_column(stmt: Statement, at: AlterCmd) -> Action:
    spec = column_spec(stmt, at.definition)
    cons = column_constraints(stmt, at.definition, spec.name)
    return Action(op=Op.ADD_COLUMN, column=spec.name, column_spec=spec, constraints=cons,
                  if_not_exists=bool(at.cmd.get("missing_ok")), type=spec.type,
                  tables=tuple(c.references for c in cons if c.references), **at.common())


def _alter_column_type(stmt: Statement, at: AlterCmd) -> Action:
    col = at.definition.get("ColumnDef", {})
    return Action(op=Op.ALTER_COLUMN_TYPE, column=at.name, type=type_ref(col.get("typeName") or {}),
                  using=deparse_expr(stmt, col.get("raw_default")), **at.common())


def _column_default(stmt: Statement, at: AlterCmd) -> Action:
    if at.definition:
        return Action(op=Op.SET_DEFAULT, column=at.name,
                      detail={"objtype": at.objtype, "default": deparse_expr(stmt, at.definition),
                              "volatility": expression_volatility(at.definition)},
                      table=at.table, if_exists=at.if_exists)
    return Action(op=Op.DROP_DEFAULT, column=at.name, **at.common())


def _drop_column(stmt: Statement, at: AlterCmd) -> Action:
    return Action(op=Op.DROP_COLUMN, column=at.name, object_name=None,
                  cascade=at.cmd.get("behavior") == "DROP_CASCADE", table=at.table,
                  if_exists=bool(at.cmd.get("missing_ok")), detail={"objtype": at.objtype})


ALTER_TABLE = {
    "AT_AddColumn": _add_column,
    "AT_AlterColumnType": _alter_column_type,
    "AT_ColumnDefault": _column_default,
    "AT_DropColumn": _drop_column,
    "AT_SetNotNull": column_subcommand(Op.SET_NOT_NULL),
    "AT_DropNotNull": column_subcommand(Op.DROP_NOT_NULL),
    "AT_DropExpression": column_subcommand(Op.DROP_EXPRESSION),
    "AT_AddIdentity": column_subcommand(Op.ADD_IDENTITY),
    "AT_DropIdentity": column_subcommand(Op.DROP_IDENTITY),
    "AT_SetStatistics": column_subcommand(Op.SET_STATISTICS),
    "AT_SetStorage": column_subcommand(Op.SET_STORAGE),
}
RENAMES = {"OBJECT_COLUMN": Op.RENAME_COLUMN, "OBJECT_ATTRIBUTE": Op.RENAME_ATTRIBUTE}

# -- replay ----------------------------------------------------------------------------------


def _replay_add_column(s: SchemaModel, a: Action, origin: str, _text: str) -> SchemaModel:
    spec = a.column_spec
    if spec is None:
        return s

    def change(t: Table) -> Table:
        if a.if_not_exists and spec.name in t.columns:
            return t
        cols = dict(t.columns)
        cols[spec.name] = Column.from_spec(spec)
        t = t.with_columns(cols)
        cons = dict(t.constraints)
        for c in a.constraints:
            cons.update(constraint_entry(t.name, c))
        return t.with_constraints(cons)

    return s.changing_table(a.table, change)


def _replay_drop_column(s: SchemaModel, a: Action, origin: str, _text: str) -> SchemaModel:
    def change(t: Table) -> Table:
        cols = {k: v for k, v in t.columns.items() if k != a.column}
        cons = {k: v for k, v in t.constraints.items() if a.column not in v.columns}
        return t.with_columns(cols).with_constraints(cons)

    schema = s.changing_table(a.table, change)
    key = relation_key(a.table or "")
    schema = schema.without_index(*(i.name for i in schema.indexes_on(key) if a.column in i.columns))
    return drop_dependent_views(schema, lambda v: v.reads(key, a.column)) if a.cascade else schema


def _replay_rename_column(s: SchemaModel, a: Action, origin: str, text: str) -> SchemaModel:
    if not a.column or not a.new_name:
        return s
    if s.table(a.table) is None and s.view(a.table) is not None:  # ALTER TABLE v RENAME …
        return replay_rename_view_column(s, a, origin, text)

    def rename(cols: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(a.new_name if c == a.column else c for c in cols)

    def change(t: Table) -> Table:
        if a.column not in t.columns:
            return t
        cols = {(a.new_name if k == a.column else k): (replace(v, name=a.new_name) if k == a.column else v)
                for k, v in t.columns.items()}
        cons = {k: replace(v, columns=rename(v.columns),
                           not_null_column=a.new_name if v.not_null_column == a.column else v.not_null_column)
                for k, v in t.constraints.items()}
        return t.with_columns(cols).with_constraints(cons)

    schema = s.changing_table(a.table, change)
    key = relation_key(a.table or "")
    schema = schema.with_index(*(replace(i, columns=rename(i.columns)) for i in schema.indexes_on(key)))
    return _views_following_column(schema, key, a.column, a.new_name)


def _views_following_column(schema: SchemaModel, table: str, old: str, new: str) -> SchemaModel:
    """Views read columns by number: after a rename they read the new name."""
    def follow(v: View) -> View:
        columns = set(v.reads_columns)
        if f"{table}.{old}" in columns:
            columns.add(f"{table}.{new}")
        if old in columns:
            columns.add(new)
        return replace(v, reads_columns=frozenset(columns))

    return schema.with_view(*(follow(v) for v in schema.views.values()
                              if v.reads(table, old) and v.reads_columns is not None))


def _column_change(**changes):
    """The replay of an ``ALTER COLUMN`` that sets attributes of the column."""

    def replay(s: SchemaModel, a: Action, origin: str, _text: str) -> SchemaModel:
        def change(t: Table) -> Table:
            col = t.column(a.column)
            if col is None:
                return t
            cols = dict(t.columns)
            cols[col.name] = replace(col, **{k: (v(a) if callable(v) else v) for k, v in changes.items()})
            return t.with_columns(cols)

        return s.changing_table(a.table, change)

    return replay


REPLAY = {
    Op.ADD_COLUMN: _replay_add_column,
    Op.DROP_COLUMN: _replay_drop_column,
    Op.RENAME_COLUMN: _replay_rename_column,
    Op.ALTER_COLUMN_TYPE: _column_change(type=lambda a: a.type),
    Op.SET_NOT_NULL: _column_change(not_null=True),
    Op.DROP_NOT_NULL: _column_change(not_null=False),
    Op.SET_DEFAULT: _column_change(default=lambda a: a.detail.get("default") or "<expression>"),
    Op.DROP_DEFAULT: _column_change(default=None),
    Op.ADD_IDENTITY: _column_change(identity=True, not_null=True),
    Op.DROP_IDENTITY: _column_change(identity=False),
    Op.DROP_EXPRESSION: _column_change(generated=False),
    Op.SET_STATISTICS: unchanged,
    Op.SET_STORAGE: unchanged,
    Op.RENAME_ATTRIBUTE: unchanged,
}

# -- classification --------------------------------------------------------------------------


def _classify_add_column(a: Action, f: Facts) -> Classification:
    spec = a.column_spec
    rewrites = bool(
        spec
        and (
            spec.generated
            or spec.identity
            or spec.default_volatility == "volatile"
            or (spec.default is not None and not is_null_default(spec.default) and f.pg_version < 11)
        )
    )
    breaks = None
    no_default = spec is not None and (spec.default is None or is_null_default(spec.default))
    if spec and spec.not_null and no_default and not (spec.identity or spec.generated):
        breaks = f"the old app's INSERTs into {a.table} do not supply {spec.name}, which is NOT NULL"
    return f.result(Phase.CONTRACT if breaks else Phase.EXPAND, AE, rewrites=rewrites, breaks=breaks)


def _classify_drop_column(a: Action, f: Facts) -> Classification:
    keys = [c for c in f.schema.constraints_on(a.table).values() if a.column in c.columns]  # dropped with it
    return f.result(Phase.CONTRACT, AE, breaks=f"the old app still reads and writes {a.table}.{a.column}",
                    other_locks=referenced_locks(a.table, keys))


def _classify_rename_column(a: Action, f: Facts) -> Classification:
    return f.result(Phase.CONTRACT, AE, breaks=f"the old app still uses {a.table}.{a.column}, which becomes {a.new_name}")


def _classify_alter_column_type(a: Action, f: Facts) -> Classification:
    old_type = f.column.type if f.column else None
    # timestamp -> timestamptz under a UTC session: the rows stay, but the column's indexes change
    # operator class and are rebuilt (every row read under the lock)
    relabelled = f.pg_version >= 12 and is_utc(f.timezone) and timestamptz_needs_utc(old_type, a.type)
    coercible = is_binary_coercible(old_type, a.type) or relabelled
    rebuilds = coercible and bool(rebuilt_indexes(f.schema, a.table, a.column, relabelled=relabelled))
    breaks = None
    if old_type is not None and is_narrowing(old_type, a.type):
        breaks = f"{a.table}.{a.column} narrows from {old_type} to {a.type}: old writes can fail"
    return f.result(Phase.CONTRACT if breaks else Phase.EXPAND, AE, rewrites=not coercible, scans=rebuilds,
                    breaks=breaks)


def rebuilt_indexes(schema: SchemaModel, table: str | None, column: str | None, *,
                    relabelled: bool) -> list[str]:
    """The indexes of ``table`` a type change of ``column`` that rewrites no row still builds again:
    those whose expressions or WHERE read it (PostgreSQL keeps only a plain column's index), and,
    ``relabelled`` (timestamp -> timestamptz under UTC: another operator class), those holding it."""
    if not table or not column:
        return []
    return [index.name for index in schema.indexes_on(table)
            if column in index.expression_columns or (relabelled and column in index.columns)]


def _classify_set_not_null(a: Action, f: Facts) -> Classification:
    has_check = f.pg_version >= 12 and any(
        c.kind == "check" and c.validated and c.not_null_column == a.column
        for c in f.schema.constraints_on(a.table).values())
    column = f.column
    already = bool(column and column.not_null)
    breaks = None
    if not already and not (column and column.has_default):
        breaks = f"the old app may write NULL into {a.table}.{a.column}"
    return f.result(Phase.CONTRACT, AE, scans=not (has_check or already), breaks=breaks)


def _classify_expand_locked(a: Action, f: Facts) -> Classification:
    # DROP NOT NULL; SET DEFAULT: only future INSERTs see the default, existing rows are not touched
    return f.result(Phase.EXPAND, AE)


def _classify_drop_default(a: Action, f: Facts) -> Classification:
    breaks = None
    if f.column is not None and f.column.not_null and f.column.default is not None:
        breaks = f"the old app's INSERTs that leave out {a.table}.{a.column} (NOT NULL) fail"
    return f.result(Phase.CONTRACT if breaks else Phase.EXPAND, AE, breaks=breaks)


def _classify_set_statistics(a: Action, f: Facts) -> Classification:
    return f.result(Phase.EXPAND, Lock.SHARE_UPDATE_EXCLUSIVE)


def _classify_add_identity(a: Action, f: Facts) -> Classification:
    if f.column is not None and not f.column.not_null:
        return f.result(Phase.EXPAND, AE, scans=True)
    return expand_in_place(a, f)


CLASSIFY = {
    Op.ADD_COLUMN: _classify_add_column,
    Op.DROP_COLUMN: _classify_drop_column,
    Op.RENAME_COLUMN: _classify_rename_column,
    Op.ALTER_COLUMN_TYPE: _classify_alter_column_type,
    Op.SET_NOT_NULL: _classify_set_not_null,
    Op.DROP_NOT_NULL: _classify_expand_locked,
    Op.SET_DEFAULT: _classify_expand_locked,
    Op.DROP_DEFAULT: _classify_drop_default,
    Op.ADD_IDENTITY: _classify_add_identity,
    Op.DROP_IDENTITY: expand_in_place,
    Op.DROP_EXPRESSION: expand_in_place,
    Op.SET_STATISTICS: _classify_set_statistics,
    Op.SET_STORAGE: expand_in_place,
    Op.RENAME_ATTRIBUTE: renamed_under_old_app,
}
