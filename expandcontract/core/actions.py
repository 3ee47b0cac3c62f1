"""libpg_query parse trees -> schema actions.

An ``ALTER TABLE`` with three subcommands is three actions. Rules, the classifier and the
schema replay all work on actions, so none of them walks parse trees on its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .parse import Node, Statement

__all__ = ["Action", "ColumnSpec", "ConstraintSpec", "TypeRef", "extract_actions", "rel_name"]

# libpg_query spells built-in types by their catalog names
_CANONICAL = {
    "int2": "smallint",
    "int4": "integer",
    "int8": "bigint",
    "float4": "real",
    "float8": "double precision",
    "bool": "boolean",
    "varchar": "varchar",
    "bpchar": "char",
    "timestamptz": "timestamptz",
    "timestamp": "timestamp",
    "timetz": "timetz",
    "int": "integer",
    "decimal": "numeric",
}


@dataclass(frozen=True)
class TypeRef:
    """A column type: canonical name, its modifiers (``varchar(20)`` -> ``(20,)``), array-ness.

    ``mods`` is ``None`` when no modifier was written (``varchar`` without a length).
    """

    name: str
    mods: tuple[int, ...] | None = None
    array: bool = False
    schema: str | None = None

    def __str__(self) -> str:
        text = self.name
        if self.mods is not None:
            text += "(" + ", ".join(map(str, self.mods)) + ")"
        return text + ("[]" if self.array else "")


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    type: TypeRef
    not_null: bool = False
    primary_key: bool = False
    unique: bool = False
    default: str | None = None  # source text of the default expression
    default_volatility: str | None = None  # "constant" | "stable" | "volatile" | None
    identity: bool = False
    generated: bool = False  # GENERATED ALWAYS AS (...) STORED
    references: str | None = None  # referenced table of an inline FK
    check: bool = False  # an inline CHECK constraint


@dataclass(frozen=True)
class ConstraintSpec:
    kind: str  # "check" | "foreign_key" | "unique" | "primary_key" | "exclusion" | "not_null"
    name: str | None = None
    columns: tuple[str, ...] = ()
    not_valid: bool = False
    using_index: str | None = None
    references: str | None = None  # the referenced table of a foreign key
    not_null_column: str | None = None  # set when the CHECK is exactly ``col IS NOT NULL``
    expression: str | None = None


@dataclass(frozen=True)
class Action:
    """One schema or data change.

    ``op`` names it (``add_column``, ``drop_table``, ``create_index``, ``update`` …); the other
    fields are filled where they apply. ``table`` is ``schema.name`` or a bare name.
    """

    op: str
    table: str | None = None
    column: str | None = None
    new_name: str | None = None
    object_name: str | None = None  # index, constraint, view, type, function … name
    column_spec: ColumnSpec | None = None
    columns: tuple[ColumnSpec, ...] = ()
    constraint: ConstraintSpec | None = None
    constraints: tuple[ConstraintSpec, ...] = ()
    type: TypeRef | None = None
    using: str | None = None
    concurrent: bool = False
    unique: bool = False
    if_exists: bool = False
    if_not_exists: bool = False
    cascade: bool = False
    has_where: bool = False
    tables: tuple[str, ...] = ()  # every relation touched, for multi-table statements
    detail: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


def rel_name(rel: Node | None) -> str | None:
    """``{"schemaname": "s", "relname": "t"}`` -> ``'s.t'`` (``public`` is left out).

    >>> rel_name({"schemaname": "public", "relname": "users"}), rel_name({"relname": "users"})
    ('users', 'users')
    """
    if not rel:
        return None
    schema = rel.get("schemaname")
    name = rel.get("relname")
    return name if not schema or schema == "public" else f"{schema}.{name}"


def string_names(items: list[Node] | None) -> list[str]:
    """The names of a libpg_query list of ``String`` nodes (``["pg_catalog", "int8"]``)."""
    return [i["String"]["sval"] for i in items or () if "String" in i]


def _qualified(items: list[Node] | None) -> str:
    names = string_names(items)
    if len(names) > 1 and names[0] == "public":
        names = names[1:]
    return ".".join(names)


def type_ref(node: Node) -> TypeRef:
    names = string_names(node.get("names"))
    schema = None
    if len(names) > 1:
        schema = names[0]
    raw = names[-1] if names else "?"
    name = _CANONICAL.get(raw, raw) if schema in (None, "pg_catalog") else raw
    mods = None
    if node.get("typmods"):
        values = []
        for mod in node["typmods"]:
            const = mod.get("A_Const", {})
            if "ival" in const:
                values.append(const["ival"].get("ival", 0))
        mods = tuple(values)
    if name in ("timestamp", "timestamptz", "time", "timetz", "interval") and mods == ():
        mods = None
    return TypeRef(
        name=name,
        mods=mods,
        array=bool(node.get("arrayBounds")),
        schema=None if schema in ("pg_catalog", "public") else schema,
    )


# Functions whose result changes per row: a default built from them rewrites the table.
VOLATILE_FUNCTIONS = frozenset(
    {
        "random",
        "gen_random_uuid",
        "uuid_generate_v1",
        "uuid_generate_v1mc",
        "uuid_generate_v4",
        "uuidv4",
        "uuidv7",
        "clock_timestamp",
        "timeofday",
        "nextval",
        "setseed",
        "txid_current",
        "statement_timestamp",
    }
)
# Evaluated once per statement: a default built from them is stored once, no rewrite (PG 11+).
STABLE_FUNCTIONS = frozenset(
    {
        "now",
        "transaction_timestamp",
        "current_timestamp",
        "current_date",
        "localtimestamp",
        "current_setting",
        "to_timestamp",
        "to_char",
        "lower",
        "upper",
        "coalesce",
        "jsonb_build_object",
        "json_build_object",
        "jsonb_build_array",
        "array",
        "make_interval",
    }
)


def expression_volatility(node: Node | None) -> str | None:
    """``constant`` for literals (and casts of them), ``stable`` for now()-style calls,
    ``volatile`` for random()/nextval()-style calls and unknown functions (assumed the worst).

    >>> import pgparse
    >>> def vol(sql):
    ...     stmt = pgparse.parse(f"select {sql}")[0]["stmt"]["SelectStmt"]
    ...     return expression_volatility(stmt["targetList"][0]["ResTarget"]["val"])
    >>> vol("'a'::text"), vol("now()"), vol("gen_random_uuid()"), vol("my_func(1)")
    ('constant', 'stable', 'volatile', 'volatile')
    """
    if node is None:
        return None
    worst = "constant"
    rank = {"constant": 0, "stable": 1, "volatile": 2}
    for kind, body in walk_nodes(node):
        level = "constant"
        if kind == "FuncCall":
            fname = string_names(body.get("funcname"))[-1].lower()
            if fname in VOLATILE_FUNCTIONS:
                level = "volatile"
            elif fname in STABLE_FUNCTIONS:
                level = "stable"
            else:
                level = "volatile"
        elif kind == "SQLValueFunction":
            level = "stable"
        elif kind in ("SubLink", "ColumnRef"):
            level = "volatile"
        if rank[level] > rank[worst]:
            worst = level
    return worst


def walk_nodes(node: Any) -> Iterator[tuple[str, Node]]:
    """Every ``(TypeName, fields)`` pair of a libpg_query parse tree, depth first."""
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, dict) and key[:1].isupper():
                yield key, value
            yield from walk_nodes(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk_nodes(item)


_EXPR_TEXT_FALLBACK = "<expression>"


def _column_spec(stmt: Statement, node: Node) -> ColumnSpec:
    col = node.get("ColumnDef", node)
    not_null = bool(col.get("is_not_null"))
    default = volatility = None
    identity = generated = primary = unique = check = False
    references = None
    for c in col.get("constraints", ()):
        con = c.get("Constraint", {})
        kind = con.get("contype")
        if kind == "CONSTR_NOTNULL":
            not_null = True
        elif kind == "CONSTR_DEFAULT":
            default = _deparse_expr(stmt, con.get("raw_expr"))
            volatility = expression_volatility(con.get("raw_expr"))
        elif kind == "CONSTR_IDENTITY":
            identity = True
            not_null = True
        elif kind == "CONSTR_GENERATED":
            generated = True
        elif kind == "CONSTR_PRIMARY":
            primary = True
            not_null = True
        elif kind == "CONSTR_UNIQUE":
            unique = True
        elif kind == "CONSTR_FOREIGN":
            references = rel_name(con.get("pktable"))
        elif kind == "CONSTR_CHECK":
            check = True
    type_node = col.get("typeName") or {}
    ref = type_ref(type_node) if type_node else TypeRef("?")
    if ref.name in ("serial", "bigserial", "smallserial", "serial4", "serial8", "serial2"):
        not_null = True
        default = "nextval(...)"
        volatility = "volatile"
    return ColumnSpec(
        name=col.get("colname", "?"),
        type=ref,
        not_null=not_null,
        primary_key=primary,
        unique=unique,
        default=default,
        default_volatility=volatility,
        identity=identity,
        generated=generated,
        references=references,
        check=check,
    )


def _deparse_expr(stmt: Statement, node: Node | None) -> str | None:
    """Best-effort source text of an expression: literals exactly, anything else as written
    in the statement from its first location to the end of its balanced extent."""
    if node is None:
        return None
    kind, body = next(iter(node.items()))
    if kind == "A_Const":
        if body.get("isnull"):
            return "NULL"
        for key in ("ival", "fval", "sval", "boolval", "bsval"):
            if key in body:
                value = body[key]
                inner = next(iter(value.values()), None) if isinstance(value, dict) else value
                if key == "ival":
                    return str(inner if inner is not None else 0)
                if key == "boolval":
                    return "true" if inner else "false"
                if key == "sval":
                    return "'" + str(inner or "").replace("'", "''") + "'"
                return str(inner)
        return "0"
    if kind == "FuncCall":
        args = body.get("args") or []
        name = ".".join(string_names(body.get("funcname")))
        name = name.removeprefix("pg_catalog.")
        if not args:
            return f"{name}()"
        inner = [_deparse_expr(stmt, a) for a in args]
        if all(inner):
            return f"{name}({', '.join(inner)})"
    if kind == "TypeCast":
        arg = _deparse_expr(stmt, body.get("arg"))
        if arg:
            return f"{arg}::{type_ref(body.get('typeName') or {})}"
    if kind == "SQLValueFunction":
        return body.get("op", "SVFOP_CURRENT_TIMESTAMP").removeprefix("SVFOP_")
    return stmt.source_at(_first_location(node)) or _EXPR_TEXT_FALLBACK


def _first_location(node: Node) -> int | None:
    locations = [b["location"] for _, b in walk_nodes(node) if isinstance(b.get("location"), int)]
    return min(locations) if locations else None


def _column_constraints(stmt: Statement, node: Node, column: str) -> tuple[ConstraintSpec, ...]:
    """The CHECK, FOREIGN KEY, UNIQUE and PRIMARY KEY constraints written on one column."""
    return tuple(
        _constraint_spec(stmt, c["Constraint"], column)
        for c in node.get("ColumnDef", node).get("constraints", ())
        if c.get("Constraint", {}).get("contype") in ("CONSTR_CHECK", "CONSTR_FOREIGN", "CONSTR_UNIQUE", "CONSTR_PRIMARY")
    )


def _constraint_spec(stmt: Statement, con: Node, column: str | None = None) -> ConstraintSpec:
    kind = {
        "CONSTR_CHECK": "check",
        "CONSTR_FOREIGN": "foreign_key",
        "CONSTR_UNIQUE": "unique",
        "CONSTR_PRIMARY": "primary_key",
        "CONSTR_EXCLUSION": "exclusion",
        "CONSTR_NOTNULL": "not_null",
    }.get(con.get("contype", ""), con.get("contype", "?").lower())
    cols = tuple(string_names(con.get("keys")) or string_names(con.get("fk_attrs")))
    if not cols and column:
        cols = (column,)
    return ConstraintSpec(
        kind=kind,
        name=con.get("conname"),
        columns=cols,
        not_valid=bool(con.get("skip_validation")),
        using_index=con.get("indexname"),
        references=rel_name(con.get("pktable")),
        not_null_column=_is_not_null_check(con.get("raw_expr")) if kind == "check" else None,
        expression=_deparse_expr(stmt, con.get("raw_expr")) if kind == "check" else None,
    )


def _is_not_null_check(expr: Node | None) -> str | None:
    """The column name if the CHECK expression is exactly ``col IS NOT NULL``."""
    if not expr or "NullTest" not in expr:
        return None
    test = expr["NullTest"]
    if test.get("nulltesttype") != "IS_NOT_NULL":
        return None
    arg = test.get("arg", {}).get("ColumnRef", {})
    fields = string_names(arg.get("fields"))
    return fields[-1] if fields else None


# ---------------------------------------------------------------------------------------------


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
    handler = _HANDLERS.get(kind)
    if handler is None:
        return [Action(op="other", detail={"kind": kind})]
    return handler(stmt, body)


def _create_table(stmt: Statement, body: Node) -> list[Action]:
    table = rel_name(body.get("relation"))
    columns, constraints, column_constraints, like = [], [], [], []
    for elt in body.get("tableElts", ()):
        if "TableLikeClause" in elt:  # (LIKE other …): its columns go here, before the ones after it
            clause = elt["TableLikeClause"]
            like.append((len(columns), rel_name(clause.get("relation")), int(clause.get("options", 0))))
        elif "ColumnDef" in elt:
            columns.append(_column_spec(stmt, elt))
            column_constraints.extend(_column_constraints(stmt, elt, columns[-1].name))
        elif "Constraint" in elt:
            constraints.append(_constraint_spec(stmt, elt["Constraint"]))
    parents = [rel_name(r["RangeVar"]) for r in body.get("inhRelations", ()) if "RangeVar" in r]
    refs = {c.references for c in constraints if c.references} | {
        c.references for c in columns if c.references
    }
    return [
        Action(
            op="create_table",
            table=table,
            columns=tuple(columns),
            constraints=tuple(constraints),
            if_not_exists=bool(body.get("if_not_exists")),
            tables=tuple(sorted(r for r in refs if r)),
            detail={
                # ``id int CONSTRAINT users_pk PRIMARY KEY``, ``REFERENCES``…: named as written
                "column_constraints": tuple(column_constraints),
                "like": tuple(like),
                "partition_of": parents[0] if parents and body.get("partbound") else None,
                "inherits": tuple(parents) if not body.get("partbound") else (),
                "partitioned": bool(body.get("partspec")),
                "temporary": body.get("relation", {}).get("relpersistence") == "t",
                "unlogged": body.get("relation", {}).get("relpersistence") == "u",
            },
        )
    ]


def _create_table_as(stmt: Statement, body: Node) -> list[Action]:
    """``CREATE [TEMP] TABLE … AS``; a temporary table is session scratch space, not schema.

    >>> from expandcontract.core.parse import parse_sql
    >>> extract_actions(parse_sql("CREATE TEMP TABLE ids AS SELECT 1 AS id")[0])[0].detail["temporary"]
    True
    """
    into = body.get("into", {})
    op = "create_matview" if body.get("objtype") == "OBJECT_MATVIEW" else "create_table_as"
    return [
        Action(
            op=op,
            table=rel_name(into.get("rel")),
            if_not_exists=bool(body.get("if_not_exists")),
            detail={
                "column_names": string_names(into.get("colNames")),
                "temporary": into.get("rel", {}).get("relpersistence") == "t",
                "query_node": body.get("query"),
            },
        )
    ]


_ALTER_OPS = {
    "AT_DropColumn": "drop_column",
    "AT_SetNotNull": "set_not_null",
    "AT_DropNotNull": "drop_not_null",
    "AT_ValidateConstraint": "validate_constraint",
    "AT_DropConstraint": "drop_constraint",
    "AT_SetLogged": "set_logged",
    "AT_SetUnLogged": "set_unlogged",
    "AT_ClusterOn": "cluster_on",
    "AT_EnableTrig": "enable_trigger",
    "AT_DisableTrig": "disable_trigger",
    "AT_EnableTrigAll": "enable_trigger",
    "AT_DisableTrigAll": "disable_trigger",
    "AT_EnableTrigUser": "enable_trigger",
    "AT_DisableTrigUser": "disable_trigger",
    "AT_SetTableSpace": "set_tablespace",
    "AT_ChangeOwner": "change_owner",
    "AT_DropExpression": "drop_expression",
    "AT_AddIdentity": "add_identity",
    "AT_DropIdentity": "drop_identity",
    "AT_SetStatistics": "set_statistics",
    "AT_SetStorage": "set_storage",
    "AT_SetRelOptions": "set_options",
    "AT_ResetRelOptions": "set_options",
    "AT_SetOptions": "set_options",
    "AT_ResetOptions": "set_options",
    "AT_ReplicaIdentity": "replica_identity",
    "AT_EnableRowSecurity": "row_security",
    "AT_DisableRowSecurity": "row_security",
    "AT_ForceRowSecurity": "row_security",
    "AT_NoForceRowSecurity": "row_security",
    "AT_AddInherit": "add_inherit",
    "AT_DropInherit": "drop_inherit",
    "AT_DropOids": "other_alter",
    "AT_SetAccessMethod": "set_access_method",
}


def _alter_table(stmt: Statement, body: Node) -> list[Action]:
    table = rel_name(body.get("relation"))
    objtype = body.get("objtype", "OBJECT_TABLE")
    if_exists = bool(body.get("missing_ok"))
    actions = []
    for item in body.get("cmds", ()):
        cmd = item.get("AlterTableCmd", {})
        sub = cmd.get("subtype", "")
        name = cmd.get("name")
        definition = cmd.get("def")
        common = {"table": table, "if_exists": if_exists, "detail": {"objtype": objtype}}
        if sub == "AT_AddColumn":
            spec = _column_spec(stmt, definition)
            cons = _column_constraints(stmt, definition, spec.name)
            actions.append(
                Action(
                    op="add_column",
                    column=spec.name,
                    column_spec=spec,
                    constraints=cons,
                    if_not_exists=bool(cmd.get("missing_ok")),
                    type=spec.type,
                    tables=tuple(c.references for c in cons if c.references),
                    **common,
                )
            )
        elif sub == "AT_AlterColumnType":
            col = definition.get("ColumnDef", {})
            actions.append(
                Action(
                    op="alter_column_type",
                    column=name,
                    type=type_ref(col.get("typeName") or {}),
                    using=_deparse_expr(stmt, col.get("raw_default")),
                    **common,
                )
            )
        elif sub == "AT_ColumnDefault":
            if definition:
                actions.append(
                    Action(
                        op="set_default",
                        column=name,
                        detail={
                            "objtype": objtype,
                            "default": _deparse_expr(stmt, definition),
                            "volatility": expression_volatility(definition),
                        },
                        table=table,
                        if_exists=if_exists,
                    )
                )
            else:
                actions.append(Action(op="drop_default", column=name, **common))
        elif sub in ("AT_AddConstraint", "AT_AddIndexConstraint"):
            con = _constraint_spec(stmt, definition.get("Constraint", {}))
            actions.append(
                Action(
                    op="add_constraint",
                    object_name=con.name,
                    constraint=con,
                    tables=(con.references,) if con.references else (),
                    **common,
                )
            )
        elif sub == "AT_DetachPartition" or sub == "AT_AttachPartition":
            part = definition.get("PartitionCmd", {})
            actions.append(
                Action(
                    op="detach_partition" if sub == "AT_DetachPartition" else "attach_partition",
                    object_name=rel_name(part.get("name")),
                    concurrent=bool(part.get("concurrent")),
                    **common,
                )
            )
        elif sub == "AT_DetachPartitionFinalize":
            actions.append(Action(op="detach_partition_finalize", **common))
        elif sub in ("AT_DropColumn", "AT_DropConstraint"):
            actions.append(
                Action(
                    op=_ALTER_OPS[sub],
                    column=name if sub == "AT_DropColumn" else None,
                    object_name=name if sub == "AT_DropConstraint" else None,
                    cascade=cmd.get("behavior") == "DROP_CASCADE",
                    table=table,
                    if_exists=bool(cmd.get("missing_ok")),
                    detail={"objtype": objtype},
                )
            )
        elif sub in ("AT_ValidateConstraint",):
            actions.append(Action(op="validate_constraint", object_name=name, **common))
        elif sub in ("AT_SetNotNull", "AT_DropNotNull", "AT_DropExpression", "AT_AddIdentity",
                     "AT_DropIdentity", "AT_SetStatistics", "AT_SetStorage"):
            actions.append(Action(op=_ALTER_OPS[sub], column=name, **common))
        else:
            actions.append(Action(op=_ALTER_OPS.get(sub, "other_alter"), object_name=name,
                                  detail={"objtype": objtype, "subtype": sub}, table=table))
    return actions


_RENAME_OPS = {
    "OBJECT_COLUMN": "rename_column",
    "OBJECT_TABLE": "rename_table",
    "OBJECT_VIEW": "rename_view",
    "OBJECT_MATVIEW": "rename_view",
    "OBJECT_INDEX": "rename_index",
    "OBJECT_TABCONSTRAINT": "rename_constraint",
    "OBJECT_SEQUENCE": "rename_sequence",
    "OBJECT_TYPE": "rename_type",
    "OBJECT_SCHEMA": "rename_schema",
    "OBJECT_FUNCTION": "rename_function",
    "OBJECT_TRIGGER": "rename_trigger",
    "OBJECT_ATTRIBUTE": "rename_attribute",
}


def _rename(stmt: Statement, body: Node) -> list[Action]:
    kind = body.get("renameType", "")
    op = _RENAME_OPS.get(kind, "rename_other")
    table = rel_name(body.get("relation"))
    if op == "rename_column" and body.get("relationType") in ("OBJECT_VIEW", "OBJECT_MATVIEW"):
        op = "rename_view_column"
    obj = None
    if kind in ("OBJECT_TYPE", "OBJECT_SCHEMA", "OBJECT_FUNCTION"):
        obj_node = body.get("object")
        if isinstance(obj_node, dict) and "List" in obj_node:
            obj = _qualified(obj_node["List"].get("items"))
        elif isinstance(obj_node, dict) and "ObjectWithArgs" in obj_node:
            obj = _qualified(obj_node["ObjectWithArgs"].get("objname"))
        else:
            obj = body.get("subname")
    return [
        Action(
            op=op,
            table=table,
            column=body.get("subname") if op in ("rename_column", "rename_view_column") else None,
            object_name=obj if obj else body.get("subname"),
            new_name=body.get("newname"),
            if_exists=bool(body.get("missing_ok")),
        )
    ]


_DROP_OPS = {
    "OBJECT_TABLE": "drop_table",
    "OBJECT_INDEX": "drop_index",
    "OBJECT_VIEW": "drop_view",
    "OBJECT_MATVIEW": "drop_view",
    "OBJECT_SEQUENCE": "drop_sequence",
    "OBJECT_TYPE": "drop_type",
    "OBJECT_DOMAIN": "drop_type",
    "OBJECT_SCHEMA": "drop_schema",
    "OBJECT_FUNCTION": "drop_function",
    "OBJECT_PROCEDURE": "drop_function",
    "OBJECT_TRIGGER": "drop_trigger",
    "OBJECT_EXTENSION": "drop_extension",
}


def _drop(stmt: Statement, body: Node) -> list[Action]:
    kind = body.get("removeType", "")
    op = _DROP_OPS.get(kind, "drop_other")
    actions = []
    for obj in body.get("objects", ()):
        if "List" in obj:
            items = obj["List"].get("items", [])
            name = _qualified(items)
        elif "String" in obj:
            name = obj["String"]["sval"]
        elif "TypeName" in obj:
            name = str(type_ref(obj["TypeName"]))
        elif "ObjectWithArgs" in obj:
            name = _qualified(obj["ObjectWithArgs"].get("objname"))
        else:
            name = "?"
        table = None
        if op == "drop_trigger":
            # DROP TRIGGER name ON table: items are table parts then the trigger name
            parts = name.split(".")
            table, name = ".".join(parts[:-1]) or None, parts[-1]
        actions.append(
            Action(
                op=op,
                table=name if op == "drop_table" else table,
                object_name=name,
                if_exists=bool(body.get("missing_ok")),
                cascade=body.get("behavior") == "DROP_CASCADE",
                concurrent=bool(body.get("concurrent")),
                detail={"removeType": kind},
            )
        )
    return actions


def _index(stmt: Statement, body: Node) -> list[Action]:
    cols = []
    for param in body.get("indexParams", ()):
        elem = param.get("IndexElem", {})
        cols.append(elem.get("name") or "<expression>")
    return [
        Action(
            op="create_index",
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
            },
        )
    ]


def _dml(op: str):
    def handler(stmt: Statement, body: Node) -> list[Action]:
        table = rel_name(body.get("relation"))
        detail: dict[str, Any] = {}
        if op == "insert":
            detail["columns"] = tuple(r.get("ResTarget", {}).get("name") for r in body.get("cols", ()))
            select = body.get("selectStmt", {}).get("SelectStmt", {})
            detail["from_select"] = bool(select.get("fromClause"))
            detail["rows"] = len(select.get("valuesLists", ()) or ())
        if op == "update":
            detail["set_columns"] = tuple(
                r.get("ResTarget", {}).get("name") for r in body.get("targetList", ())
            )
        return [Action(op=op, table=table, has_where=bool(body.get("whereClause")), detail=detail)]

    return handler


def _truncate(stmt: Statement, body: Node) -> list[Action]:
    return [
        Action(op="truncate", table=rel_name(r.get("RangeVar")), cascade=body.get("behavior") == "DROP_CASCADE")
        for r in body.get("relations", ())
    ]


def _transaction(stmt: Statement, body: Node) -> list[Action]:
    kind = body.get("kind", "")
    op = {
        "TRANS_STMT_BEGIN": "begin",
        "TRANS_STMT_START": "begin",
        "TRANS_STMT_COMMIT": "commit",
        "TRANS_STMT_ROLLBACK": "rollback",
        "TRANS_STMT_SAVEPOINT": "savepoint",
        "TRANS_STMT_RELEASE": "savepoint",
        "TRANS_STMT_ROLLBACK_TO": "savepoint",
        "TRANS_STMT_PREPARE": "commit",
        "TRANS_STMT_COMMIT_PREPARED": "commit",
    }.get(kind, "transaction")
    return [Action(op=op)]


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
            op="set",
            object_name=name,
            detail={
                "value": ",".join(values) if values else None,
                "local": bool(body.get("is_local")),
                "kind": body.get("kind"),
            },
        )
    ]


def _reindex(stmt: Statement, body: Node) -> list[Action]:
    concurrent = any(
        p.get("DefElem", {}).get("defname") == "concurrently" for p in body.get("params", ())
    ) or bool(body.get("concurrent"))
    return [
        Action(
            op="reindex",
            table=rel_name(body.get("relation")) or body.get("name"),
            concurrent=concurrent,
            detail={"kind": body.get("kind")},
        )
    ]


def _vacuum(stmt: Statement, body: Node) -> list[Action]:
    options = {p.get("DefElem", {}).get("defname") for p in body.get("options", ())}
    rels = [rel_name(r.get("VacuumRelation", {}).get("relation")) for r in body.get("rels", ())]
    op = "vacuum" if body.get("is_vacuumcmd") else "analyze"
    return [
        Action(
            op="vacuum_full" if op == "vacuum" and "full" in options else op,
            table=rels[0] if rels else None,
            tables=tuple(r for r in rels if r),
        )
    ]


def _cluster(stmt: Statement, body: Node) -> list[Action]:
    return [Action(op="cluster", table=rel_name(body.get("relation")), object_name=body.get("indexname"))]


def _refresh(stmt: Statement, body: Node) -> list[Action]:
    return [Action(op="refresh_matview", table=rel_name(body.get("relation")), concurrent=bool(body.get("concurrent")))]


def _view(stmt: Statement, body: Node) -> list[Action]:
    return [
        Action(
            op="create_view",
            table=rel_name(body.get("view")),
            detail={
                "replace": bool(body.get("replace")),
                "aliases": tuple(string_names(body.get("aliases"))),
                "query_node": body.get("query"),
            },
        )
    ]


def _create_enum(stmt: Statement, body: Node) -> list[Action]:
    return [
        Action(
            op="create_enum",
            object_name=_qualified(body.get("typeName")),
            detail={"values": tuple(string_names(body.get("vals")))},
        )
    ]


def _alter_enum(stmt: Statement, body: Node) -> list[Action]:
    name = _qualified(body.get("typeName"))
    if body.get("oldVal"):
        return [Action(op="rename_enum_value", object_name=name, detail={"old": body["oldVal"], "new": body.get("newVal")})]
    return [
        Action(
            op="add_enum_value",
            object_name=name,
            if_not_exists=bool(body.get("skipIfNewValExists")),
            detail={
                "value": body.get("newVal"),
                "neighbor": body.get("newValNeighbor"),
                "after": bool(body.get("newValIsAfter")),
            },
        )
    ]


def _simple(op: str, name_key: str | None = None, table_key: str | None = None):
    def handler(stmt: Statement, body: Node) -> list[Action]:
        name = body.get(name_key) if name_key else None
        if isinstance(name, list):
            name = _qualified(name)
        elif isinstance(name, dict):
            name = rel_name(name)
        table = rel_name(body.get(table_key)) if table_key else None
        return [
            Action(
                op=op,
                object_name=name,
                table=table,
                if_not_exists=bool(body.get("if_not_exists")),
                detail={"replace": bool(body.get("replace"))},
            )
        ]

    return handler


def _set_schema(stmt: Statement, body: Node) -> list[Action]:
    """``ALTER TABLE|VIEW|… name SET SCHEMA s``; ``detail["kind"]`` is the object type.

    >>> from expandcontract.core.parse import parse_sql
    >>> a = extract_actions(parse_sql("ALTER TABLE t SET SCHEMA archive")[0])[0]
    >>> a.op, a.table, a.object_name, a.detail["kind"]
    ('set_schema', 't', 'archive', 'OBJECT_TABLE')
    """
    return [Action(op="set_schema", table=rel_name(body.get("relation")), object_name=body.get("newschema"),
                   if_exists=bool(body.get("missing_ok")),
                   detail={"kind": body.get("objectType", "")})]


def _create_function(stmt: Statement, body: Node) -> list[Action]:
    return [
        Action(
            op="create_function",
            object_name=_qualified(body.get("funcname")),
            detail={"replace": bool(body.get("replace"))},
        )
    ]


def _comment(stmt: Statement, body: Node) -> list[Action]:
    return [Action(op="comment", detail={"objtype": body.get("objtype")})]


def _select(stmt: Statement, body: Node) -> list[Action]:
    into = body.get("intoClause") or {}
    temporary = into.get("rel", {}).get("relpersistence") == "t"
    return [Action(op="select", detail={"into": bool(into), "temporary": temporary})]


def _copy(stmt: Statement, body: Node) -> list[Action]:
    return [Action(op="copy" if body.get("is_from") else "copy_out", table=rel_name(body.get("relation")))]


def _alter_seq(stmt: Statement, body: Node) -> list[Action]:
    owned_by = None
    for opt in body.get("options", ()):
        elem = opt.get("DefElem", {})
        if elem.get("defname") == "owned_by":
            parts = string_names(elem.get("arg", {}).get("List", {}).get("items"))
            owned_by = ".".join(parts)
    return [Action(op="alter_sequence", object_name=rel_name(body.get("sequence")), detail={"owned_by": owned_by})]


def _lock(stmt: Statement, body: Node) -> list[Action]:
    rels = tuple(rel_name(r.get("RangeVar")) for r in body.get("relations", ()))
    return [Action(op="lock_table", table=rels[0] if rels else None, tables=rels, detail={"mode": body.get("mode")})]


def _trigger(stmt: Statement, body: Node) -> list[Action]:
    return [
        Action(
            op="create_trigger",
            table=rel_name(body.get("relation")),
            object_name=body.get("trigname"),
            detail={"replace": bool(body.get("replace")), "function": _qualified(body.get("funcname"))},
        )
    ]


def _alter_domain(stmt: Statement, body: Node) -> list[Action]:
    """Subtypes: C add constraint, V validate, O set not null, N drop not null, X drop, T default.

    >>> from expandcontract.core.parse import parse_sql
    >>> a = extract_actions(parse_sql("ALTER DOMAIN d ADD CHECK (VALUE > 0) NOT VALID")[0])[0]
    >>> a.detail["subtype"], a.constraint.kind, a.constraint.not_valid, a.constraint.expression
    ('C', 'check', True, 'VALUE > 0')
    """
    definition = (body.get("def") or {}).get("Constraint")
    return [Action(op="alter_domain", object_name=_qualified(body.get("typeName")),
                   constraint=_constraint_spec(stmt, definition) if definition else None,
                   detail={"subtype": body.get("subtype"), "name": body.get("name")})]


_HANDLERS = {
    "CreateStmt": _create_table,
    "CreateTableAsStmt": _create_table_as,
    "AlterTableStmt": _alter_table,
    "RenameStmt": _rename,
    "DropStmt": _drop,
    "IndexStmt": _index,
    "InsertStmt": _dml("insert"),
    "UpdateStmt": _dml("update"),
    "DeleteStmt": _dml("delete"),
    "MergeStmt": _dml("merge"),
    "TruncateStmt": _truncate,
    "TransactionStmt": _transaction,
    "VariableSetStmt": _set,
    "ReindexStmt": _reindex,
    "VacuumStmt": _vacuum,
    "ClusterStmt": _cluster,
    "RefreshMatViewStmt": _refresh,
    "ViewStmt": _view,
    "CreateEnumStmt": _create_enum,
    "AlterEnumStmt": _alter_enum,
    "CreateFunctionStmt": _create_function,
    "CreateTrigStmt": _trigger,
    "CreateSeqStmt": _simple("create_sequence", "sequence"),
    "AlterSeqStmt": _alter_seq,
    "CreateSchemaStmt": _simple("create_schema", "schemaname"),
    "CreateExtensionStmt": _simple("create_extension", "extname"),
    "CreateDomainStmt": _simple("create_domain", "domainname"),
    "CompositeTypeStmt": _simple("create_type", "typevar"),
    "AlterDomainStmt": _alter_domain,
    "CommentStmt": _comment,
    "SelectStmt": _select,
    "CopyStmt": _copy,
    "DoStmt": _simple("do_block"),
    "LockStmt": _lock,
    "GrantStmt": _simple("grant"),
    "GrantRoleStmt": _simple("grant"),
    "AlterOwnerStmt": _simple("change_owner"),
    "AlterDefaultPrivilegesStmt": _simple("grant"),
    "CreatePolicyStmt": _simple("create_policy", "policy_name", "table"),
    "CreateRoleStmt": _simple("create_role", "role"),
    "CreatePublicationStmt": _simple("other"),
    "CreateStatsStmt": _simple("create_statistics"),
    "AlterObjectSchemaStmt": _set_schema,
    "CallStmt": _simple("call"),
    "ExplainStmt": _simple("explain"),
    "NotifyStmt": _simple("other"),
    "CreateCastStmt": _simple("other"),
    "DefineStmt": _simple("create_type"),
    "RuleStmt": _simple("create_rule", "rulename", "relation"),
    "CreateEventTrigStmt": _simple("other"),
}
