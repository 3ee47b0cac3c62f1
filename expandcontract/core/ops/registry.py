"""The registry of operations: every family module's extractors, replays and classifiers, joined.

* ``extract_actions(statement)``: the actions a parsed statement performs; an ``ALTER TABLE``
  with three subcommands is three actions.
* ``replay(schema, action, origin, text)``: the schema after the action (``Schema.apply``).
* ``classify(action, schema)``: its phase, lock and cost.

An operation without a replay or a classifier raises ``LookupError`` (never a silent no-op);
an operation that changes nothing declares it (``op.unchanged``). A family declares, beside its
functions: ``STATEMENTS`` (parse-tree node kind -> extractor), ``ALTER_TABLE`` (``ALTER TABLE``
subcommand -> extractor), ``RENAMES`` / ``DROPS`` (the object type of ``RENAME`` / ``DROP`` ->
``Op``), ``REPLAY`` and ``CLASSIFY`` (``Op`` -> function).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any

from ..model import SchemaModel
from ..parse import Node, Statement
from . import columns, constraints, data, indexes, other, storage, tables, types_sequences, views
from .effect import Classification, Facts, non_transactional
from .op import Action, Op
from .tree import AlterCmd, plain_subcommand, qualified, rel_name, type_ref

__all__ = ["CLASSIFY", "FAMILIES", "REPLAY", "classify", "extract_actions", "replay"]

FAMILIES: tuple[ModuleType, ...] = (columns, constraints, tables, storage, indexes, views, types_sequences, other,
                                     data)


def _joined(name: str) -> dict[Any, Any]:
    joined: dict[Any, Any] = {}
    for family in FAMILIES:
        for key, value in getattr(family, name, {}).items():
            if key in joined:
                raise RuntimeError(f"{key} is declared twice in {name}, the second time by {family.__name__}")
            joined[key] = value
    return joined


STATEMENTS: Mapping[str, Callable[[Statement, Node], list[Action]]] = _joined("STATEMENTS")
ALTER_TABLE: Mapping[str, Callable[[Statement, AlterCmd], Action]] = _joined("ALTER_TABLE")
RENAMES: Mapping[str, Op] = _joined("RENAMES")
DROPS: Mapping[str, Op] = _joined("DROPS")
REPLAY: Mapping[Op, Callable[..., SchemaModel]] = _joined("REPLAY")
CLASSIFY: Mapping[Op, Callable[[Action, Facts], Classification]] = _joined("CLASSIFY")

# -- extraction ------------------------------------------------------------------------------


def extract_actions(stmt: Statement) -> list[Action]:
    """The actions a statement performs.

    >>> from expandcontract.core.parse import parse_sql
    >>> s = parse_sql("ALTER TABLE users ADD COLUMN email text, DROP COLUMN name")[0]
    >>> [(a.op, a.table, a.column) for a in extract_actions(s)]
    [('add_column', 'users', 'email'), ('drop_column', 'users', 'name')]
    """
    if stmt.node is None:
        return []
    kind, body = next(iter(stmt.node.items()))
    handler = _STATEMENTS.get(kind)
    if handler is None:
        return [Action(op=Op.OTHER, detail={"kind": kind})]
    return handler(stmt, body)


_OTHER_ALTER = plain_subcommand(Op.OTHER_ALTER)


def _alter_table(stmt: Statement, body: Node) -> list[Action]:
    table = rel_name(body.get("relation"))
    objtype = body.get("objtype", "OBJECT_TABLE")
    if_exists = bool(body.get("missing_ok"))
    actions = []
    for item in body.get("cmds", ()):
        at = AlterCmd(item.get("AlterTableCmd", {}), table, objtype, if_exists)
        actions.append(ALTER_TABLE.get(at.subtype, _OTHER_ALTER)(stmt, at))
    return actions


def _rename(stmt: Statement, body: Node) -> list[Action]:
    kind = body.get("renameType", "")
    op = RENAMES.get(kind, Op.RENAME_OTHER)
    table = rel_name(body.get("relation"))
    if op == Op.RENAME_COLUMN and body.get("relationType") in ("OBJECT_VIEW", "OBJECT_MATVIEW"):
        op = Op.RENAME_VIEW_COLUMN
    obj = None
    if kind in ("OBJECT_TYPE", "OBJECT_SCHEMA", "OBJECT_FUNCTION"):
        obj_node = body.get("object")
        if isinstance(obj_node, dict) and "List" in obj_node:
            obj = qualified(obj_node["List"].get("items"))
        elif isinstance(obj_node, dict) and "ObjectWithArgs" in obj_node:
            obj = qualified(obj_node["ObjectWithArgs"].get("objname"))
        else:
            obj = body.get("subname")
    return [
        Action(
            op=op,
            table=table,
            column=body.get("subname") if op in (Op.RENAME_COLUMN, Op.RENAME_VIEW_COLUMN) else None,
            # ALTER SEQUENCE s RENAME: the sequence is the relation, there is no subname
            object_name=obj or body.get("subname") or (table if op == Op.RENAME_SEQUENCE else None),
            new_name=body.get("newname"),
            if_exists=bool(body.get("missing_ok")),
        )
    ]


def _drop(stmt: Statement, body: Node) -> list[Action]:
    kind = body.get("removeType", "")
    op = DROPS.get(kind, Op.DROP_OTHER)
    actions = []
    for obj in body.get("objects", ()):
        if "List" in obj:
            name = qualified(obj["List"].get("items", []))
        elif "String" in obj:
            name = obj["String"]["sval"]
        elif "TypeName" in obj:
            name = str(type_ref(obj["TypeName"]))
        elif "ObjectWithArgs" in obj:
            name = qualified(obj["ObjectWithArgs"].get("objname"))
        else:
            name = "?"
        table = None
        if op == Op.DROP_TRIGGER:
            # DROP TRIGGER name ON table: items are table parts then the trigger name
            parts = name.split(".")
            table, name = ".".join(parts[:-1]) or None, parts[-1]
        actions.append(
            Action(
                op=op,
                table=name if op == Op.DROP_TABLE else table,
                object_name=name,
                if_exists=bool(body.get("missing_ok")),
                cascade=body.get("behavior") == "DROP_CASCADE",
                concurrent=bool(body.get("concurrent")),
                detail={"removeType": kind},
            )
        )
    return actions


_STATEMENTS = {**STATEMENTS, "AlterTableStmt": _alter_table, "RenameStmt": _rename, "DropStmt": _drop}

# -- replay and classification ---------------------------------------------------------------


def replay(schema: SchemaModel, action: Action, origin: str, statement_text: str) -> SchemaModel:
    """The schema after ``action`` (``origin``: the migration it comes from)."""
    try:
        handler = REPLAY[action.op]
    except KeyError:
        raise LookupError(f"no replay declared for operation {action.op!r}") from None
    return handler(schema, action, origin, statement_text)


def classify(action: Action, schema: SchemaModel, *, pg_version: int = 16, timezone: str | None = None) -> Classification:
    """Phase, lock and cost of one action against the schema it runs on.

    >>> from expandcontract.core.parse import parse_sql
    >>> from expandcontract.core.schema import Schema
    >>> s = Schema.from_sql("CREATE TABLE t (id int, a text)")
    >>> def c(sql):
    ...     k = classify(extract_actions(parse_sql(sql)[0])[0], s)
    ...     return k.phase.value, k.lock.label, k.rewrites, k.scans
    >>> c("ALTER TABLE t ADD b int DEFAULT 0")
    ('expand', 'ACCESS EXCLUSIVE', False, False)
    >>> c("ALTER TABLE t ALTER a SET NOT NULL")
    ('contract', 'ACCESS EXCLUSIVE', False, True)
    >>> c("CREATE INDEX CONCURRENTLY i ON t (a)")
    ('expand', 'SHARE UPDATE EXCLUSIVE', False, True)

    ``DEFAULT NULL`` is no default: no rewrite even before 11; LOCK TABLE takes the mode it names:

    >>> k = classify(extract_actions(parse_sql("ALTER TABLE t ADD b int DEFAULT NULL")[0])[0], s, pg_version=10)
    >>> k.rewrites
    False
    >>> c("LOCK TABLE t IN SHARE MODE")
    ('none', 'SHARE', False, False)
    >>> classify(extract_actions(parse_sql("REINDEX SCHEMA app")[0])[0], s).transactional
    False

    ``NOT NULL DEFAULT NULL`` fills nothing: the old app's INSERTs still fail.

    >>> c("ALTER TABLE t ADD b int NOT NULL DEFAULT NULL")[0]
    'contract'

    Moving a table to another schema renames it for every query that names it:

    >>> classify(extract_actions(parse_sql("ALTER TABLE t SET SCHEMA archive")[0])[0], s).breaks_old_app
    'the old app still uses t, which moves to archive.t'
    """
    try:
        handler = CLASSIFY[action.op]
    except KeyError:
        raise LookupError(f"no classifier declared for operation {action.op!r}") from None
    table = schema.table(action.table)
    column = table.column(action.column) if table else None
    facts = Facts(action, schema, pg_version, table, column, not non_transactional(action, pg_version), timezone)
    return handler(action, facts)
