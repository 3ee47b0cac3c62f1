"""Tables: ``CREATE TABLE [AS]``, ``DROP``, ``RENAME``, ``SET SCHEMA``, ``TRUNCATE``, partitions
(a table's storage, settings and maintenance are ``storage``'s).

For each operation: its extractor, its replay into the schema model and its classification,
side by side.
"""

from __future__ import annotations

from types import MappingProxyType

from ..model import Column, Constraint, SchemaModel, Table, bare, relation_key
from ..parse import Node, Statement
from ..record import replace
from .constraints import constraint_entry, referenced_locks, referencing_locks
from .effect import Classification, Facts, Lock, Phase, expand_in_place, no_phase
from .op import Action, Op, TypeRef, unchanged
from .query_output import query_output
from .tree import (
    AlterCmd,
    column_constraints,
    column_spec,
    constraint_spec,
    rel_name,
    string_names,
)
from .views import drop_dependent_views, replay_rename_view, views_following

AE = Lock.ACCESS_EXCLUSIVE

# -- extraction ------------------------------------------------------------------------------


def _create_table(stmt: Statement, body: Node) -> list[Action]:
    table = rel_name(body.get("relation"))
    columns, constraints, col_constraints, like = [], [], [], []
    for elt in body.get("tableElts", ()):
        if "TableLikeClause" in elt:  # (LIKE other …): its columns go here, before the ones after it
            clause = elt["TableLikeClause"]
            like.append((len(columns), rel_name(clause.get("relation")), int(clause.get("options", 0))))
        elif "ColumnDef" in elt:
            columns.append(column_spec(stmt, elt))
            col_constraints.extend(column_constraints(stmt, elt, columns[-1].name))
        elif "Constraint" in elt:
            constraints.append(constraint_spec(stmt, elt["Constraint"]))
    parents = [rel_name(r["RangeVar"]) for r in body.get("inhRelations", ()) if "RangeVar" in r]
    refs = {c.references for c in constraints if c.references} | {
        c.references for c in columns if c.references
    }
    return [
        Action(
            op=Op.CREATE_TABLE,
            table=table,
            columns=tuple(columns),
            constraints=tuple(constraints),
            if_not_exists=bool(body.get("if_not_exists")),
            tables=tuple(sorted(r for r in refs if r)),
            detail={
                # ``id int CONSTRAINT users_pk PRIMARY KEY``, ``REFERENCES``…: named as written
                "column_constraints": tuple(col_constraints),
                "like": tuple(like),
                "partition_of": parents[0] if parents and body.get("partbound") else None,
                "partition_default": bool(body.get("partbound", {}).get("is_default")),
                "inherits": tuple(parents) if not body.get("partbound") else (),
                "partitioned": bool(body.get("partspec")),
                "temporary": body.get("relation", {}).get("relpersistence") == "t",
                "unlogged": body.get("relation", {}).get("relpersistence") == "u",
            },
        )
    ]


def _create_table_as(stmt: Statement, body: Node) -> list[Action]:
    """``CREATE [TEMP] TABLE … AS``; a temporary table is session scratch space, not schema.

    >>> from expandcontract.core.ops.registry import extract_actions
    >>> from expandcontract.core.parse import parse_sql
    >>> extract_actions(parse_sql("CREATE TEMP TABLE ids AS SELECT 1 AS id")[0])[0].detail["temporary"]
    True
    """
    into = body.get("into", {})
    return [
        Action(
            op=Op.CREATE_MATVIEW if body.get("objtype") == "OBJECT_MATVIEW" else Op.CREATE_TABLE_AS,
            table=rel_name(into.get("rel")),
            if_not_exists=bool(body.get("if_not_exists")),
            detail={
                "column_names": string_names(into.get("colNames")),
                "temporary": into.get("rel", {}).get("relpersistence") == "t",
                "query_node": body.get("query"),
            },
        )
    ]


def _truncate(stmt: Statement, body: Node) -> list[Action]:
    return [
        Action(op=Op.TRUNCATE, table=rel_name(r.get("RangeVar")), cascade=body.get("behavior") == "DROP_CASCADE")
        for r in body.get("relations", ())
    ]


def _set_schema(stmt: Statement, body: Node) -> list[Action]:
    """``ALTER TABLE|VIEW|… name SET SCHEMA s``; ``detail["kind"]`` is the object type.

    >>> from expandcontract.core.ops.registry import extract_actions
    >>> from expandcontract.core.parse import parse_sql
    >>> a = extract_actions(parse_sql("ALTER TABLE t SET SCHEMA archive")[0])[0]
    >>> a.op, a.table, a.object_name, a.detail["kind"]
    ('set_schema', 't', 'archive', 'OBJECT_TABLE')
    """
    return [Action(op=Op.SET_SCHEMA, table=rel_name(body.get("relation")), object_name=body.get("newschema"),
                   if_exists=bool(body.get("missing_ok")),
                   detail={"kind": body.get("objectType", "")})]


def _partition(stmt: Statement, at: AlterCmd) -> Action:
    part = at.definition.get("PartitionCmd", {})
    action = Action(op=Op.DETACH_PARTITION if at.subtype == "AT_DetachPartition" else Op.ATTACH_PARTITION,
                    object_name=rel_name(part.get("name")), concurrent=bool(part.get("concurrent")), **at.common())
    action.detail["partition_default"] = bool((part.get("bound") or {}).get("is_default"))
    return action


def _detach_finalize(stmt: Statement, at: AlterCmd) -> Action:
    return Action(op=Op.DETACH_PARTITION_FINALIZE, **at.common())


STATEMENTS = {
    "CreateStmt": _create_table,
    "CreateTableAsStmt": _create_table_as,
    "TruncateStmt": _truncate,
    "AlterObjectSchemaStmt": _set_schema,
}
ALTER_TABLE = {
    "AT_AttachPartition": _partition,
    "AT_DetachPartition": _partition,
    "AT_DetachPartitionFinalize": _detach_finalize,
}
RENAMES = {"OBJECT_TABLE": Op.RENAME_TABLE}
DROPS = {"OBJECT_TABLE": Op.DROP_TABLE}

# -- replay ----------------------------------------------------------------------------------


def _replay_create_table(s: SchemaModel, a: Action, origin: str, _text: str) -> SchemaModel:
    if a.table is None or (a.if_not_exists and s.table(a.table)):
        return s
    columns = {}
    for inherited in a.detail.get("inherits", ()):  # INHERITS: the parents' columns come first
        columns.update(s.table(inherited).columns if s.table(inherited) else {})
    own = [Column.from_spec(c) for c in a.columns]
    likes = {position: (name, options) for position, name, options in a.detail.get("like", ())}
    for position, column in enumerate([*own, None]):
        if position in likes:
            columns.update(_like_columns(s, *likes[position]))
        if column is not None:
            columns[column.name] = column
    parent = s.table(a.detail.get("partition_of"))
    if parent is not None and not columns:
        columns = dict(parent.columns)
    constraints: dict[str, Constraint] = {}
    for spec in (*a.detail.get("column_constraints", ()), *a.constraints):
        constraints.update(constraint_entry(a.table, spec))
        if spec.kind == "primary_key":
            for col in spec.columns:
                if col in columns:
                    columns[col] = replace(columns[col], not_null=True)
    table = Table(
        name=relation_key(a.table),
        columns=MappingProxyType(columns),
        constraints=MappingProxyType(constraints),
        origin=origin,
        partitioned=bool(a.detail.get("partitioned")),
    )
    s = s.with_table(table)
    if parent is not None and a.detail.get("partition_default"):
        s = s.with_table(replace(parent, default_partition=table.name))
    return s


def _like_columns(s: SchemaModel, name: str, options: int) -> dict[str, Column]:
    """``LIKE other``: its columns and NOT NULL; defaults, generated expressions and identity
    only when INCLUDING them (PostgreSQL's CREATE_TABLE_LIKE_* bits).

    >>> from expandcontract.core.schema import Schema
    >>> s = Schema.from_sql("CREATE TABLE a (id bigint GENERATED ALWAYS AS IDENTITY, n int NOT NULL DEFAULT 1);"
    ...                     "CREATE TABLE b (LIKE a, x text); CREATE TABLE c (LIKE a INCLUDING ALL)")
    >>> [(c.name, c.not_null, c.has_default) for c in s.tables["b"].columns.values()]
    [('id', True, False), ('n', True, False), ('x', False, False)]
    >>> [c.has_default for c in s.tables["c"].columns.values()]
    [True, True]
    """
    source = s.table(name)
    if source is None:
        return {}
    defaults, generated, identity = options & (1 << 3), options & (1 << 4), options & (1 << 5)
    return {c.name: replace(c, default=c.default if defaults else None, generated=bool(generated and c.generated),
                            identity=bool(identity and c.identity))
            for c in source.columns.values()}


def _replay_create_table_as(s: SchemaModel, a: Action, origin: str, _text: str) -> SchemaModel:
    """The new table's columns: the names given, else the query's output columns, typed as the
    columns they copy (``CREATE TABLE new_t AS SELECT t.a, u.b AS c FROM t JOIN u …`` has ``a``
    and ``c``; no NOT NULL or default is copied, as PostgreSQL copies none).

    >>> from expandcontract.core.parse import parse_sql
    >>> from expandcontract.core.schema import Schema
    >>> from expandcontract.core.ops.registry import extract_actions
    >>> base = Schema.from_sql("CREATE TABLE t (id bigint NOT NULL, name text); CREATE TABLE u (t_id bigint, v int)")
    >>> [a] = extract_actions(parse_sql("CREATE TABLE n AS SELECT x.id, u.v AS w, name, 1 AS one, "
    ...                                 "count(*) FROM t x JOIN u ON u.t_id = x.id")[0])
    >>> [(c.name, c.type.name, c.not_null) for c in _replay_create_table_as(base, a, "m", "").table("n").columns.values()]
    [('id', 'bigint', False), ('w', 'integer', False), ('name', 'text', False), ('one', 'unknown', False), ('count', 'unknown', False)]
    """
    if a.table is None:
        return s
    named = tuple(a.detail.get("column_names", ()))
    output = query_output(s, a.detail.get("query_node"))
    if named:  # CREATE TABLE n (a, b) AS …: the names given, the types of what they take
        output = [(name, output[i][1] if i < len(output) else None) for i, name in enumerate(named)]
    cols = {}
    for name, source in output:
        if name not in cols:
            cols[name] = Column(name, source.type if source is not None else TypeRef("unknown"))
    return s.with_table(Table(relation_key(a.table), MappingProxyType(cols), origin=origin))


def _replay_drop_table(s: SchemaModel, a: Action, origin: str, _text: str) -> SchemaModel:
    key = relation_key(a.table or "")
    schema = s.without_table(key).without_index(*(i.name for i in s.indexes_on(key)))
    schema = schema.without_triggers(lambda table, _name, _f: table != key)
    return drop_dependent_views(schema, lambda v: v.reads(key)) if a.cascade else schema


def _replay_rename_table(s: SchemaModel, a: Action, origin: str, text: str) -> SchemaModel:
    old = s.table(a.table)
    if old is None or not a.new_name:
        view = s.view(a.table)
        if view is not None and a.new_name:
            return replay_rename_view(s, a, origin, text)
        return s
    schema_prefix = a.table.rsplit(".", 1)[0] + "." if "." in (a.table or "") else ""
    return _move_table(s, old.name, relation_key(schema_prefix + a.new_name))


def _replay_set_schema(s: SchemaModel, a: Action, origin: str, text: str) -> SchemaModel:
    """``ALTER TABLE|VIEW t SET SCHEMA s``: the relation is ``s.t`` from now on."""
    if not a.table or not a.object_name:
        return s
    target = relation_key(f"{a.object_name}.{bare(a.table)}")
    if s.table(a.table) is not None:
        return _move_table(s, a.table, target)
    if s.view(a.table) is not None:
        return replay_rename_view(s, replace(a, new_name=target), origin, text)
    return s


def _replay_attach_partition(s: SchemaModel, a: Action, origin: str, _text: str) -> SchemaModel:
    """``ATTACH PARTITION p DEFAULT``: the parent's DEFAULT partition is ``p`` from now on."""
    if not (a.detail.get("partition_default") and a.object_name):
        return s
    return s.changing_table(a.table, lambda t: replace(t, default_partition=relation_key(a.object_name)))


def _replay_detach_partition(s: SchemaModel, a: Action, origin: str, _text: str) -> SchemaModel:
    parent = s.table(a.table)
    if parent is None or parent.default_partition != relation_key(a.object_name):
        return s
    return s.with_table(replace(parent, default_partition=None))


def _move_table(s: SchemaModel, name: str, target: str) -> SchemaModel:
    old = s.table(name)
    schema = s.without_table(old.name).with_table(replace(old, name=target))
    for parent in [t for t in s.tables.values() if t.default_partition == old.name]:  # renaming a partition
        schema = schema.with_table(replace(schema.table(parent.name) or parent, default_partition=target))
    schema = schema.with_index(*(replace(i, table=target) for i in s.indexes_on(old.name)))
    schema = schema.moving_triggers(old.name, target)
    # the foreign keys that reference it follow it (Airflow 1.7 renames "user" to users under chart's)
    moved = relation_key(old.name)
    for table in s.tables.values():
        if any(c.references and relation_key(c.references) == moved for c in table.constraints.values()):
            current = schema.table(target if table.name == old.name else table.name) or table
            schema = schema.with_table(replace(current, constraints={
                n: replace(c, references=target) if c.references and relation_key(c.references) == moved else c
                for n, c in current.constraints.items()}))
    return views_following(schema, old.name, target)


REPLAY = {
    Op.CREATE_TABLE: _replay_create_table,
    Op.CREATE_TABLE_AS: _replay_create_table_as,
    Op.DROP_TABLE: _replay_drop_table,
    Op.RENAME_TABLE: _replay_rename_table,
    Op.SET_SCHEMA: _replay_set_schema,
    Op.ATTACH_PARTITION: _replay_attach_partition,
    Op.DETACH_PARTITION: _replay_detach_partition,
    Op.TRUNCATE: unchanged,
    Op.DETACH_PARTITION_FINALIZE: unchanged,
}

# -- classification --------------------------------------------------------------------------


def _classify_create_table(a: Action, f: Facts) -> Classification:
    return f.result(Phase.EXPAND, Lock.SHARE_ROW_EXCLUSIVE if a.tables else Lock.NONE)


def _classify_drop_table(a: Action, f: Facts) -> Classification:
    if a.if_exists and f.schema.lacks_relation(a.table):
        return f.result(Phase.NONE)  # the model knows every relation: there is none to drop, nothing is locked
    others = referenced_locks(a.table, f.schema.constraints_on(a.table).values())
    if a.cascade:
        others += referencing_locks(f.schema, a.table)
    return f.result(Phase.CONTRACT, AE, breaks=f"the old app still uses {a.object_name}", other_locks=others)


def _classify_rename_table(a: Action, f: Facts) -> Classification:
    return f.result(Phase.CONTRACT, AE, breaks=f"the old app still uses {a.table}, which becomes {a.new_name}")


def _classify_truncate(a: Action, f: Facts) -> Classification:
    return f.result(Phase.CONTRACT, AE, breaks=f"every row of {a.table} is deleted under the old app")


def _classify_set_schema(a: Action, f: Facts) -> Classification:
    if not a.table:
        return expand_in_place(a, f)
    moved = f"{a.object_name}.{a.table.rsplit('.', 1)[-1]}"
    return f.result(Phase.CONTRACT, AE, breaks=f"the old app still uses {a.table}, which moves to {moved}")


def _classify_attach_partition(a: Action, f: Facts) -> Classification:
    return f.result(Phase.EXPAND, Lock.SHARE_UPDATE_EXCLUSIVE if f.pg_version >= 12 else AE, scans=True)


def _classify_detach_partition(a: Action, f: Facts) -> Classification:
    return f.result(Phase.CONTRACT, Lock.SHARE_UPDATE_EXCLUSIVE if a.concurrent else AE,
                    breaks=f"rows of {a.object_name} disappear from {a.table} for the old app")


CLASSIFY = {
    Op.CREATE_TABLE: _classify_create_table,
    Op.CREATE_TABLE_AS: _classify_create_table,
    Op.DROP_TABLE: _classify_drop_table,
    Op.RENAME_TABLE: _classify_rename_table,
    Op.SET_SCHEMA: _classify_set_schema,
    Op.TRUNCATE: _classify_truncate,
    Op.ATTACH_PARTITION: _classify_attach_partition,
    Op.DETACH_PARTITION: _classify_detach_partition,
    Op.DETACH_PARTITION_FINALIZE: no_phase,
}
