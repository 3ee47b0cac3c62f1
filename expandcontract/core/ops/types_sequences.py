"""Types and sequences: enums (``CREATE TYPE … AS ENUM``, ``ADD|RENAME VALUE``), composite types,
domains (``CREATE|ALTER DOMAIN``), ``DROP|RENAME TYPE``, ``CREATE|ALTER|DROP|RENAME SEQUENCE``.

For each operation: its extractor, its replay into the schema model and its classification,
side by side.
"""

from __future__ import annotations

from ..model import SchemaModel, relation_key
from ..parse import Node, Statement
from ..record import replace
from .effect import dropped_under_old_app, expand_in_place, expand_no_lock, renamed_under_old_app
from .op import Action, Op, unchanged
from .tree import constraint_spec, qualified, rel_name, simple_statement, string_names

# -- extraction ------------------------------------------------------------------------------


def _create_enum(stmt: Statement, body: Node) -> list[Action]:
    return [
        Action(
            op=Op.CREATE_ENUM,
            object_name=qualified(body.get("typeName")),
            detail={"values": tuple(string_names(body.get("vals")))},
        )
    ]


def _alter_enum(stmt: Statement, body: Node) -> list[Action]:
    name = qualified(body.get("typeName"))
    if body.get("oldVal"):
        return [Action(op=Op.RENAME_ENUM_VALUE, object_name=name, detail={"old": body["oldVal"], "new": body.get("newVal")})]
    return [
        Action(
            op=Op.ADD_ENUM_VALUE,
            object_name=name,
            if_not_exists=bool(body.get("skipIfNewValExists")),
            detail={
                "value": body.get("newVal"),
                "neighbor": body.get("newValNeighbor"),
                "after": bool(body.get("newValIsAfter")),
            },
        )
    ]


def _alter_domain(stmt: Statement, body: Node) -> list[Action]:
    """Subtypes: C add constraint, V validate, O set not null, N drop not null, X drop, T default.

    >>> from expandcontract.core.ops.registry import extract_actions
    >>> from expandcontract.core.parse import parse_sql
    >>> a = extract_actions(parse_sql("ALTER DOMAIN d ADD CHECK (VALUE > 0) NOT VALID")[0])[0]
    >>> a.detail["subtype"], a.constraint.kind, a.constraint.not_valid, a.constraint.expression
    ('C', 'check', True, 'VALUE > 0')
    """
    definition = (body.get("def") or {}).get("Constraint")
    return [Action(op=Op.ALTER_DOMAIN, object_name=qualified(body.get("typeName")),
                   constraint=constraint_spec(stmt, definition) if definition else None,
                   detail={"subtype": body.get("subtype"), "name": body.get("name")})]


def _alter_sequence(stmt: Statement, body: Node) -> list[Action]:
    owned_by = None
    for opt in body.get("options", ()):
        elem = opt.get("DefElem", {})
        if elem.get("defname") == "owned_by":
            parts = string_names(elem.get("arg", {}).get("List", {}).get("items"))
            owned_by = ".".join(parts)
    return [Action(op=Op.ALTER_SEQUENCE, object_name=rel_name(body.get("sequence")), detail={"owned_by": owned_by})]


STATEMENTS = {
    "CreateEnumStmt": _create_enum,
    "AlterEnumStmt": _alter_enum,
    "CompositeTypeStmt": simple_statement(Op.CREATE_TYPE, "typevar"),
    "DefineStmt": simple_statement(Op.CREATE_TYPE),
    "CreateDomainStmt": simple_statement(Op.CREATE_DOMAIN, "domainname"),
    "AlterDomainStmt": _alter_domain,
    "CreateSeqStmt": simple_statement(Op.CREATE_SEQUENCE, "sequence"),
    "AlterSeqStmt": _alter_sequence,
}
RENAMES = {"OBJECT_TYPE": Op.RENAME_TYPE, "OBJECT_SEQUENCE": Op.RENAME_SEQUENCE}
DROPS = {"OBJECT_TYPE": Op.DROP_TYPE, "OBJECT_DOMAIN": Op.DROP_TYPE, "OBJECT_SEQUENCE": Op.DROP_SEQUENCE}

# -- replay ----------------------------------------------------------------------------------


def _replay_create_enum(s: SchemaModel, a: Action, origin: str, _text: str) -> SchemaModel:
    return s.with_enum(relation_key(a.object_name or ""), tuple(a.detail.get("values", ())))


def _replay_add_enum_value(s: SchemaModel, a: Action, origin: str, _text: str) -> SchemaModel:
    key = relation_key(a.object_name or "")
    values = list(s.enums.get(key, ()))
    value = a.detail.get("value")
    if value in values:
        return s
    neighbor = a.detail.get("neighbor")
    if neighbor in values:
        pos = values.index(neighbor) + (1 if a.detail.get("after") else 0)
        values.insert(pos, value)
    else:
        values.append(value)
    return s.with_enum(key, tuple(values))


def _replay_drop_type(s: SchemaModel, a: Action, origin: str, _text: str) -> SchemaModel:
    key = relation_key(a.object_name or "")
    return s.without_enum(key)


def _replay_rename_type(s: SchemaModel, a: Action, origin: str, _text: str) -> SchemaModel:
    """ALTER TYPE t RENAME TO u: the columns of type t follow it (PostgreSQL keeps the type's
    OID), so a type created later under the old name is another type, and changing a column to
    it is a real conversion.

    >>> from expandcontract.core.schema import Schema
    >>> s = Schema.from_sql("CREATE TYPE st AS ENUM ('a'); CREATE TABLE x (c st);"
    ...                     "ALTER TYPE st RENAME TO st__; CREATE TYPE st AS ENUM ('a', 'b')")
    >>> s.tables["x"].columns["c"].type.name, sorted(s.enums)
    ('st__', ['st', 'st__'])
    """
    if not a.object_name or not a.new_name:
        return s
    namespace, _, old = a.object_name.rpartition(".")
    namespace = None if namespace in ("", "public") else namespace

    def follows(t) -> bool:
        return t is not None and t.name == old and (None if t.schema in (None, "public") else t.schema) == namespace

    for table in list(s.tables.values()):
        if any(follows(c.type) for c in table.columns.values()):
            s = s.with_table(table.with_columns({
                n: replace(c, type=replace(c.type, name=a.new_name)) if follows(c.type) else c
                for n, c in table.columns.items()}))
    key = relation_key(a.object_name)
    if key in s.enums:
        values = s.enums[key]
        s = s.without_enum(key).with_enum(relation_key(f"{namespace}.{a.new_name}" if namespace else a.new_name),
                                          values)
    return s


def _replay_create_sequence(s: SchemaModel, a: Action, origin: str, _text: str) -> SchemaModel:
    return s.with_sequence(relation_key(a.object_name or ""))


REPLAY = {
    Op.CREATE_ENUM: _replay_create_enum,
    Op.ADD_ENUM_VALUE: _replay_add_enum_value,
    Op.DROP_TYPE: _replay_drop_type,
    Op.CREATE_SEQUENCE: _replay_create_sequence,
    Op.RENAME_TYPE: _replay_rename_type,
    **dict.fromkeys((Op.RENAME_ENUM_VALUE, Op.CREATE_TYPE, Op.CREATE_DOMAIN, Op.ALTER_DOMAIN,
                     Op.ALTER_SEQUENCE, Op.DROP_SEQUENCE, Op.RENAME_SEQUENCE), unchanged),
}

# -- classification --------------------------------------------------------------------------

CLASSIFY = {
    Op.CREATE_ENUM: expand_no_lock,
    Op.ADD_ENUM_VALUE: expand_no_lock,
    Op.CREATE_TYPE: expand_no_lock,
    Op.CREATE_DOMAIN: expand_no_lock,
    Op.CREATE_SEQUENCE: expand_no_lock,
    Op.ALTER_DOMAIN: expand_in_place,
    Op.ALTER_SEQUENCE: expand_in_place,
    Op.DROP_TYPE: dropped_under_old_app,
    Op.DROP_SEQUENCE: dropped_under_old_app,
    Op.RENAME_TYPE: renamed_under_old_app,
    Op.RENAME_ENUM_VALUE: renamed_under_old_app,
    Op.RENAME_SEQUENCE: renamed_under_old_app,
}
