"""Data and sessions: ``INSERT``, ``UPDATE``, ``DELETE``, ``MERGE``, ``COPY``, ``SELECT``, ``SET``,
transaction control, ``DO``, ``CALL``, ``EXPLAIN``, and statements the model does not know.

None of them changes the schema model; for each: its extractor and its classification.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model import SchemaModel
from ..parse import Node, Statement, makes_relations
from ..record import replace
from .effect import Classification, Facts, Lock, Phase, no_phase
from .op import Action, Op, unchanged
from .tree import qualified, rel_name, simple_statement

# -- extraction ------------------------------------------------------------------------------


def _dml(op: Op) -> Callable[[Statement, Node], list[Action]]:
    def extract(stmt: Statement, body: Node) -> list[Action]:
        table = rel_name(body.get("relation"))
        detail: dict[str, Any] = {}
        if op == Op.INSERT:
            detail["columns"] = tuple(r.get("ResTarget", {}).get("name") for r in body.get("cols", ()))
            select = body.get("selectStmt", {}).get("SelectStmt", {})
            detail["from_select"] = bool(select.get("fromClause"))
            detail["rows"] = len(select.get("valuesLists", ()) or ())
        if op == Op.UPDATE:
            detail["set_columns"] = tuple(
                r.get("ResTarget", {}).get("name") for r in body.get("targetList", ())
            )
        return [Action(op=op, table=table, has_where=bool(body.get("whereClause")), detail=detail)]

    return extract


def _copy(stmt: Statement, body: Node) -> list[Action]:
    return [Action(op=Op.COPY if body.get("is_from") else Op.COPY_OUT, table=rel_name(body.get("relation")))]


def _select(stmt: Statement, body: Node) -> list[Action]:
    into = body.get("intoClause") or {}
    temporary = into.get("rel", {}).get("relpersistence") == "t"
    return [Action(op=Op.SELECT, detail={"into": bool(into), "temporary": temporary})]


def _set(stmt: Statement, body: Node) -> list[Action]:
    name = (body.get("name") or "").lower()
    values = []
    for arg in body.get("args", ()):
        const = arg.get("A_Const", {})
        for key in ("sval", "ival", "fval"):
            if key in const:
                values.append(str(next(iter(const[key].values()), "0")))
    return [
        Action(
            op=Op.SET,
            object_name=name,
            detail={
                "value": ",".join(values) if values else None,
                "local": bool(body.get("is_local")),
                "kind": body.get("kind"),
            },
        )
    ]


_TRANSACTION_OPS = {
    "TRANS_STMT_BEGIN": Op.BEGIN,
    "TRANS_STMT_START": Op.BEGIN,
    "TRANS_STMT_COMMIT": Op.COMMIT,
    "TRANS_STMT_ROLLBACK": Op.ROLLBACK,
    "TRANS_STMT_SAVEPOINT": Op.SAVEPOINT,
    "TRANS_STMT_RELEASE": Op.SAVEPOINT,
    "TRANS_STMT_ROLLBACK_TO": Op.SAVEPOINT,
    "TRANS_STMT_PREPARE": Op.COMMIT,
    "TRANS_STMT_COMMIT_PREPARED": Op.COMMIT,
}


def _transaction(stmt: Statement, body: Node) -> list[Action]:
    return [Action(op=_TRANSACTION_OPS.get(body.get("kind", ""), Op.TRANSACTION))]


def _call(stmt: Statement, body: Node) -> list[Action]:
    return [Action(op=Op.CALL, object_name=qualified(body.get("funccall", {}).get("funcname")) or None)]


STATEMENTS = {
    "InsertStmt": _dml(Op.INSERT),
    "UpdateStmt": _dml(Op.UPDATE),
    "DeleteStmt": _dml(Op.DELETE),
    "MergeStmt": _dml(Op.MERGE),
    "CopyStmt": _copy,
    "SelectStmt": _select,
    "VariableSetStmt": _set,
    "TransactionStmt": _transaction,
    "DoStmt": simple_statement(Op.DO_BLOCK),
    "CallStmt": _call,
    "ExplainStmt": simple_statement(Op.EXPLAIN),
    "CreatePublicationStmt": simple_statement(Op.OTHER),
    "NotifyStmt": simple_statement(Op.OTHER),
    "CreateCastStmt": simple_statement(Op.OTHER),
    "CreateEventTrigStmt": simple_statement(Op.OTHER),
}

# -- replay and classification ---------------------------------------------------------------

_OPS = (Op.INSERT, Op.UPDATE, Op.DELETE, Op.MERGE, Op.COPY, Op.COPY_OUT, Op.SELECT, Op.SET, Op.BEGIN, Op.COMMIT,
        Op.ROLLBACK, Op.SAVEPOINT, Op.TRANSACTION, Op.DO_BLOCK, Op.CALL, Op.EXPLAIN, Op.OTHER)


def _replay_opaque(s: SchemaModel, a: Action, origin: str, text: str) -> SchemaModel:
    """A DO block, or a statement the model does not follow, that may make relations: the model no
    longer knows them all."""
    return s.incomplete() if makes_relations(text) else s


def _replay_select(s: SchemaModel, a: Action, origin: str, text: str) -> SchemaModel:
    return s.incomplete() if a.detail.get("into") else s  # SELECT … INTO makes a table the model does not keep


REPLAY = {**dict.fromkeys(_OPS, unchanged), Op.DO_BLOCK: _replay_opaque, Op.OTHER: _replay_opaque,
          Op.SELECT: _replay_select}


def _classify_write(a: Action, f: Facts) -> Classification:
    return f.result(Phase.MIGRATE, Lock.ROW_EXCLUSIVE)


def _classify_call(a: Action, f: Facts) -> Classification:
    """A procedure that commits inside cannot run in a transaction block ('invalid transaction
    termination'): the CALL runs on its own, and each COMMIT in it ends a transaction."""
    if f.schema.commits(a.object_name):
        return replace(f.result(Phase.NONE), transactional=False)
    return f.result(Phase.NONE)


CLASSIFY = {
    **dict.fromkeys(_OPS, no_phase),
    Op.CALL: _classify_call,
    **dict.fromkeys((Op.INSERT, Op.UPDATE, Op.DELETE, Op.MERGE, Op.COPY), _classify_write),
}


# -- the session a script runs in ------------------------------------------------------------


def session_timezone(action: Action, session: str | None, local: str | None,
                     configured: str | None) -> tuple[str | None, str | None]:
    """The session TimeZone and the transaction's own (``SET LOCAL``, or None) after ``action``,
    from those before it; ``configured`` is the zone the migrations start in (the config's). A
    script that runs ``SET timezone = 'UTC'`` changes timestamp to timestamptz without a rewrite
    after it. A value lint cannot read (an interval) is no zone it knows: not UTC.

    >>> from .op import Action, Op
    >>> utc = Action(op=Op.SET, object_name="timezone", detail={"value": "utc", "kind": "VAR_SET_VALUE"})
    >>> session_timezone(utc, None, None, None)
    ('utc', None)
    >>> session_timezone(Action(op=Op.SET, object_name="timezone", detail={"kind": "VAR_RESET"}), "utc", None, None)
    (None, None)
    >>> local = Action(op=Op.SET, object_name="timezone", detail={"value": "UTC", "local": True, "kind": "VAR_SET_VALUE"})
    >>> session_timezone(Action(op=Op.COMMIT), *session_timezone(local, None, None, None), None)
    (None, None)
    """
    if action.op in (Op.COMMIT, Op.ROLLBACK):
        return session, None
    if action.op != Op.SET:
        return session, local
    kind = action.detail.get("kind")
    if kind == "VAR_RESET_ALL":
        return configured, None
    if action.object_name != "timezone" or kind not in ("VAR_SET_VALUE", "VAR_SET_DEFAULT", "VAR_RESET"):
        return session, local
    zone = (action.detail.get("value") or "") if kind == "VAR_SET_VALUE" else configured
    return (session, zone) if action.detail.get("local") else (zone, None)

