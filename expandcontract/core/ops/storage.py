"""Storage, settings and maintenance of a table: ``ALTER TABLE … SET LOGGED | UNLOGGED |
TABLESPACE | ACCESS METHOD``, storage options, replica identity, row security, inheritance,
ownership, ``LOCK``, ``CLUSTER``, ``VACUUM``, ``ANALYZE``, and the ``ALTER TABLE`` subcommands the
model does not know (``OTHER_ALTER``): operations that change nothing the schema model keeps, and
matter for the lock they take and the table they rewrite or scan.

For each operation: its extractor, its replay into the schema model and its classification,
side by side.
"""

from __future__ import annotations

from ..parse import Node, Statement
from .effect import Classification, Facts, Lock, Phase, expand_in_place
from .op import Action, Op, unchanged
from .tree import plain_subcommand, rel_name, simple_statement

AE = Lock.ACCESS_EXCLUSIVE

# -- extraction ------------------------------------------------------------------------------


def _lock(stmt: Statement, body: Node) -> list[Action]:
    rels = tuple(rel_name(r.get("RangeVar")) for r in body.get("relations", ()))
    return [Action(op=Op.LOCK_TABLE, table=rels[0] if rels else None, tables=rels, detail={"mode": body.get("mode")})]


def _cluster(stmt: Statement, body: Node) -> list[Action]:
    return [Action(op=Op.CLUSTER, table=rel_name(body.get("relation")), object_name=body.get("indexname"))]


def _vacuum(stmt: Statement, body: Node) -> list[Action]:
    options = {p.get("DefElem", {}).get("defname") for p in body.get("options", ())}
    rels = [rel_name(r.get("VacuumRelation", {}).get("relation")) for r in body.get("rels", ())]
    if body.get("is_vacuumcmd"):
        op = Op.VACUUM_FULL if "full" in options else Op.VACUUM
    else:
        op = Op.ANALYZE
    return [Action(op=op, table=rels[0] if rels else None, tables=tuple(r for r in rels if r))]


STATEMENTS = {
    "LockStmt": _lock,
    "ClusterStmt": _cluster,
    "VacuumStmt": _vacuum,
    "AlterOwnerStmt": simple_statement(Op.CHANGE_OWNER),
}
ALTER_TABLE = {
    "AT_SetLogged": plain_subcommand(Op.SET_LOGGED),
    "AT_SetUnLogged": plain_subcommand(Op.SET_UNLOGGED),
    "AT_SetTableSpace": plain_subcommand(Op.SET_TABLESPACE),
    "AT_SetAccessMethod": plain_subcommand(Op.SET_ACCESS_METHOD),
    "AT_ChangeOwner": plain_subcommand(Op.CHANGE_OWNER),
    "AT_SetRelOptions": plain_subcommand(Op.SET_OPTIONS),
    "AT_ResetRelOptions": plain_subcommand(Op.SET_OPTIONS),
    "AT_SetOptions": plain_subcommand(Op.SET_OPTIONS),
    "AT_ResetOptions": plain_subcommand(Op.SET_OPTIONS),
    "AT_ReplicaIdentity": plain_subcommand(Op.REPLICA_IDENTITY),
    "AT_EnableRowSecurity": plain_subcommand(Op.ROW_SECURITY),
    "AT_DisableRowSecurity": plain_subcommand(Op.ROW_SECURITY),
    "AT_ForceRowSecurity": plain_subcommand(Op.ROW_SECURITY),
    "AT_NoForceRowSecurity": plain_subcommand(Op.ROW_SECURITY),
    "AT_AddInherit": plain_subcommand(Op.ADD_INHERIT),
    "AT_DropInherit": plain_subcommand(Op.DROP_INHERIT),
    "AT_DropOids": plain_subcommand(Op.OTHER_ALTER),
}

# -- replay ----------------------------------------------------------------------------------

REPLAY = dict.fromkeys(
    (Op.SET_LOGGED, Op.SET_UNLOGGED, Op.SET_TABLESPACE, Op.SET_ACCESS_METHOD, Op.SET_OPTIONS, Op.REPLICA_IDENTITY,
     Op.ROW_SECURITY, Op.ADD_INHERIT, Op.DROP_INHERIT, Op.CHANGE_OWNER, Op.OTHER_ALTER, Op.LOCK_TABLE, Op.CLUSTER,
     Op.VACUUM, Op.VACUUM_FULL, Op.ANALYZE), unchanged)

# -- classification --------------------------------------------------------------------------


def _classify_rewrite(a: Action, f: Facts) -> Classification:
    # SET LOGGED|UNLOGGED|TABLESPACE|ACCESS METHOD, CLUSTER, VACUUM FULL
    return f.result(Phase.NONE, AE, rewrites=True)


def _classify_lock_table(a: Action, f: Facts) -> Classification:
    return f.result(Phase.NONE, Lock(a.detail.get("mode") or AE))


def _classify_vacuum(a: Action, f: Facts) -> Classification:
    return f.result(Phase.NONE, Lock.SHARE_UPDATE_EXCLUSIVE, scans=True)


def _classify_analyze(a: Action, f: Facts) -> Classification:
    return f.result(Phase.NONE, Lock.SHARE_UPDATE_EXCLUSIVE)


CLASSIFY = {
    Op.SET_LOGGED: _classify_rewrite,
    Op.SET_UNLOGGED: _classify_rewrite,
    Op.SET_TABLESPACE: _classify_rewrite,
    Op.SET_ACCESS_METHOD: _classify_rewrite,
    Op.CLUSTER: _classify_rewrite,
    Op.VACUUM_FULL: _classify_rewrite,
    Op.SET_OPTIONS: expand_in_place,
    Op.REPLICA_IDENTITY: expand_in_place,
    Op.ROW_SECURITY: expand_in_place,
    Op.ADD_INHERIT: expand_in_place,
    Op.DROP_INHERIT: expand_in_place,
    Op.CHANGE_OWNER: expand_in_place,
    Op.OTHER_ALTER: expand_in_place,
    Op.LOCK_TABLE: _classify_lock_table,
    Op.VACUUM: _classify_vacuum,
    Op.ANALYZE: _classify_analyze,
}
