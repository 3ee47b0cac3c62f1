"""Reading libpg_query parse trees: names, types, expressions, column and constraint definitions.

The family modules' extractors build their actions with these.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ..parse import Node, Statement
from .op import Action, ColumnSpec, ConstraintSpec, Op, TypeRef

__all__ = [
    "AlterCmd",
    "column_constraints",
    "column_spec",
    "column_subcommand",
    "constraint_spec",
    "deparse_expr",
    "expression_volatility",
    "plain_subcommand",
    "qualified",
    "rel_name",
    "simple_statement",
    "string_names",
    "type_ref",
    "walk_nodes",
]

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


def qualified(items: list[Node] | None) -> str:
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


EXPR_TEXT_FALLBACK = "<expression>"


def column_spec(stmt: Statement, node: Node) -> ColumnSpec:
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
            default = deparse_expr(stmt, con.get("raw_expr"))
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


def deparse_expr(stmt: Statement, node: Node | None) -> str | None:
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
        inner = [deparse_expr(stmt, a) for a in args]
        if all(inner):
            return f"{name}({', '.join(inner)})"
    if kind == "TypeCast":
        arg = deparse_expr(stmt, body.get("arg"))
        if arg:
            return f"{arg}::{type_ref(body.get('typeName') or {})}"
    if kind == "SQLValueFunction":
        return str(body.get("op", "SVFOP_CURRENT_TIMESTAMP")).removeprefix("SVFOP_")
    return stmt.source_at(first_location(node)) or EXPR_TEXT_FALLBACK


def first_location(node: Node) -> int | None:
    locations = [b["location"] for _, b in walk_nodes(node) if isinstance(b.get("location"), int)]
    return min(locations) if locations else None


def column_constraints(stmt: Statement, node: Node, column: str) -> tuple[ConstraintSpec, ...]:
    """The CHECK, FOREIGN KEY, UNIQUE and PRIMARY KEY constraints written on one column."""
    return tuple(
        constraint_spec(stmt, c["Constraint"], column)
        for c in node.get("ColumnDef", node).get("constraints", ())
        if c.get("Constraint", {}).get("contype") in ("CONSTR_CHECK", "CONSTR_FOREIGN", "CONSTR_UNIQUE", "CONSTR_PRIMARY")
    )


def constraint_spec(stmt: Statement, con: Node, column: str | None = None) -> ConstraintSpec:
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
        expression=deparse_expr(stmt, con.get("raw_expr")) if kind == "check" else None,
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


# -- ALTER TABLE subcommands ---------------------------------------------------------------------


class AlterCmd:
    """One subcommand of ``ALTER TABLE|INDEX|VIEW …``: its node, and the table it alters."""

    __slots__ = ("cmd", "definition", "if_exists", "name", "objtype", "subtype", "table")

    def __init__(self, cmd: Node, table: str | None, objtype: str, if_exists: bool) -> None:
        self.cmd, self.table, self.objtype, self.if_exists = cmd, table, objtype, if_exists
        self.subtype: str = cmd.get("subtype", "")
        self.name: str | None = cmd.get("name")
        self.definition: Node | None = cmd.get("def")

    def common(self) -> dict[str, Any]:
        """The fields most subcommands' actions share."""
        return {"table": self.table, "if_exists": self.if_exists, "detail": {"objtype": self.objtype}}


def column_subcommand(op: Op) -> Callable[[Statement, AlterCmd], Action]:
    """``ALTER [COLUMN] c …`` with nothing more to read: the action names the column."""

    def extract(stmt: Statement, at: AlterCmd) -> Action:
        return Action(op=op, column=at.name, **at.common())

    return extract


def plain_subcommand(op: Op) -> Callable[[Statement, AlterCmd], Action]:
    """A subcommand the model reads no more of: its object name and subtype."""

    def extract(stmt: Statement, at: AlterCmd) -> Action:
        return Action(op=op, object_name=at.name, detail={"objtype": at.objtype, "subtype": at.subtype}, table=at.table)

    return extract


def simple_statement(op: Op, name_key: str | None = None, table_key: str | None = None) -> Callable[[Statement, Node], list[Action]]:
    """A statement the model reads only a name (and a table) of."""

    def extract(stmt: Statement, body: Node) -> list[Action]:
        name = body.get(name_key) if name_key else None
        if isinstance(name, list):
            name = qualified(name)
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

    return extract
