"""Indexes: ``CREATE [UNIQUE] INDEX [CONCURRENTLY]``, ``DROP INDEX``, ``ALTER INDEX … RENAME``,
``REINDEX``, ``ALTER TABLE … CLUSTER ON``.

For each operation: its extractor, its replay into the schema model and its classification,
side by side.
"""

from __future__ import annotations

from ..model import Index, SchemaModel, bare, relation_key
from ..parse import Node, Statement
from ..record import replace
from .effect import Classification, Facts, Lock, Phase, expand_in_place
from .op import Action, Op, unchanged
from .tree import plain_subcommand, rel_name, walk_nodes

# -- extraction ------------------------------------------------------------------------------


def _index(stmt: Statement, body: Node) -> list[Action]:
    cols = []
    read: dict[str, None] = {}  # the columns its expressions and WHERE read
    for param in body.get("indexParams", ()):
        elem = param.get("IndexElem", {})
        cols.append(elem.get("name") or "<expression>")
        read.update(dict.fromkeys(_column_refs(elem.get("expr"))))
    read.update(dict.fromkeys(_column_refs(body.get("whereClause"))))
    return [
        Action(
            op=Op.CREATE_INDEX,
            table=rel_name(body.get("relation")),
            object_name=body.get("idxname"),
            concurrent=bool(body.get("concurrent")),
            unique=bool(body.get("unique")),
            if_not_exists=bool(body.get("if_not_exists")),
            has_where=bool(body.get("whereClause")),
            detail={
                "columns": tuple(cols),
                "method": body.get("accessMethod", "btree"),
                "only": body.get("relation", {}).get("inh") is False,
                "expression_columns": tuple(read),
            },
        )
    ]


def _column_refs(node: Node | None) -> list[str]:
    """The names of the columns an expression reads (its ColumnRefs' last field)."""
    names = []
    for kind, ref in walk_nodes(node) if node else ():
        if kind == "ColumnRef":
            last = (ref.get("fields") or [{}])[-1].get("String", {})
            if "sval" in last:
                names.append(last["sval"])
    return names


def _reindex(stmt: Statement, body: Node) -> list[Action]:
    concurrent = any(
        p.get("DefElem", {}).get("defname") == "concurrently" for p in body.get("params", ())
    ) or bool(body.get("concurrent"))
    return [
        Action(
            op=Op.REINDEX,
            table=rel_name(body.get("relation")) or body.get("name"),
            concurrent=concurrent,
            detail={"kind": body.get("kind")},
        )
    ]


STATEMENTS = {"IndexStmt": _index, "ReindexStmt": _reindex}
ALTER_TABLE = {"AT_ClusterOn": plain_subcommand(Op.CLUSTER_ON)}
RENAMES = {"OBJECT_INDEX": Op.RENAME_INDEX}
DROPS = {"OBJECT_INDEX": Op.DROP_INDEX}

# -- replay ----------------------------------------------------------------------------------


def _replay_create_index(s: SchemaModel, a: Action, origin: str, _text: str) -> SchemaModel:
    if a.table is None:
        return s
    name = a.object_name or f"{bare(a.table)}_{'_'.join(a.detail.get('columns', ()))}_idx"
    if a.if_not_exists and name in s.indexes:
        return s
    if not a.object_name:  # PostgreSQL chooses the name (and numbers it when it is taken)
        columns = a.detail.get("columns", ())
        chosen = "*" if "<expression>" in columns else "_".join(columns) + "_idx"
        s = s.with_unnamed_index_name(f"{bare(a.table)}_{chosen}")
    return s.with_index(Index(
        name=name,
        table=relation_key(a.table),
        columns=tuple(a.detail.get("columns", ())),
        unique=a.unique,
        partial=a.has_where,
        expression_columns=tuple(a.detail.get("expression_columns", ())),
    ))


def _replay_drop_index(s: SchemaModel, a: Action, origin: str, _text: str) -> SchemaModel:
    return s.without_index(relation_key(a.object_name or ""))


def _replay_rename_index(s: SchemaModel, a: Action, origin: str, text: str) -> SchemaModel:
    key = relation_key(a.table or a.object_name or "")
    if key in s.indexes and a.new_name:
        return s.without_index(key).with_index(replace(s.indexes[key], name=a.new_name))
    return s


REPLAY = {
    Op.CREATE_INDEX: _replay_create_index,
    Op.DROP_INDEX: _replay_drop_index,
    Op.RENAME_INDEX: _replay_rename_index,
    Op.REINDEX: unchanged,
    Op.CLUSTER_ON: unchanged,
}

# -- classification --------------------------------------------------------------------------


def _classify_create_index(a: Action, f: Facts) -> Classification:
    return f.result(Phase.EXPAND, Lock.SHARE_UPDATE_EXCLUSIVE if a.concurrent else Lock.SHARE, scans=True)


def index_is_absent(s: SchemaModel, name: str | None) -> bool:
    """The model knows every index and ``name`` is none of them (``DROP INDEX IF EXISTS`` of it
    drops nothing). A name PostgreSQL may have chosen for an index made without one (``t_a_idx``,
    ``t_a_idx1``; any ``t_…`` once an expression of ``t`` was indexed) is never claimed absent."""
    if not s.complete or not name:
        return False
    key = relation_key(name)
    if key in s.indexes or s.has_relation(name) or key in s.sequences:
        return False
    if any(key in t.constraints for t in s.tables.values()):  # a constraint's index has its name
        return False
    name = bare(key)
    stem = name.rstrip("0123456789")
    if name in s.unnamed_index_names or stem in s.unnamed_index_names:
        return False
    if any(n.endswith("_*") and name.startswith(n[:-1]) for n in s.unnamed_index_names):
        return False
    # a chosen name longer than PostgreSQL's 63 bytes is cut: any name that long may be one
    return not (len(name.encode()) >= 60 and any(len(n.encode()) >= 60 for n in s.unnamed_index_names))


def _classify_drop_index(a: Action, f: Facts) -> Classification:
    if a.if_exists and index_is_absent(f.schema, a.object_name):
        return f.result(Phase.NONE)  # the model knows every index: there is none to drop, nothing is locked
    return f.result(Phase.CONTRACT, Lock.SHARE_UPDATE_EXCLUSIVE if a.concurrent else Lock.ACCESS_EXCLUSIVE)


def _classify_rename_index(a: Action, f: Facts) -> Classification:
    return f.result(Phase.EXPAND, Lock.SHARE_UPDATE_EXCLUSIVE if f.pg_version >= 12 else Lock.ACCESS_EXCLUSIVE)


def _classify_reindex(a: Action, f: Facts) -> Classification:
    return f.result(Phase.NONE, Lock.SHARE_UPDATE_EXCLUSIVE if a.concurrent else Lock.SHARE, scans=True)


CLASSIFY = {
    Op.CREATE_INDEX: _classify_create_index,
    Op.DROP_INDEX: _classify_drop_index,
    Op.RENAME_INDEX: _classify_rename_index,
    Op.REINDEX: _classify_reindex,
    Op.CLUSTER_ON: expand_in_place,
}
