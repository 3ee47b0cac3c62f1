"""Building the SQL the recipes emit: every identifier goes through ``quote_ident``; every type
is printed from the model and parsed back to make sure it names the same type."""

from __future__ import annotations

import pgparse

from ..core.identifiers import bounded_identifier, quote_ident, quote_qualified
from ..core.ops import TypeRef
from ..core.ops.tree import type_ref
from ..core.schema import Schema

__all__ = ["Namer", "alter", "qi", "qt", "type_sql"]

qi = quote_ident
qt = quote_qualified

# built-in types printed by their canonical name, unquoted (several are keywords)
_PLAIN_TYPES = frozenset({
    "smallint", "integer", "bigint", "real", "numeric", "boolean", "text", "varchar", "char", "bpchar",
    "timestamptz", "timestamp", "timetz", "time", "interval", "date", "uuid", "json", "jsonb", "bytea",
    "inet", "cidr", "macaddr", "macaddr8", "money", "bit", "varbit", "xml", "tsvector", "tsquery",
    "point", "line", "lseg", "box", "path", "polygon", "circle", "oid", "int4range", "int8range",
    "numrange", "tsrange", "tstzrange", "daterange", "pg_lsn",
})


def type_sql(ref: TypeRef) -> str | None:
    """SQL for a type from the model, or None when printing it would not give the same type.

    >>> type_sql(TypeRef("numeric", (12, 2))), type_sql(TypeRef("Mood", schema="app", array=True))
    ('numeric(12, 2)', 'app."Mood"[]')
    >>> type_sql(TypeRef("double precision")), type_sql(TypeRef("char"))
    ('double precision', 'bpchar')
    """
    if ref.schema is None and (ref.name in _PLAIN_TYPES or ref.name == "double precision"):
        text = "bpchar" if ref.name == "char" and ref.mods is None else ref.name
    elif ref.name in ("?", "unknown"):
        return None
    else:
        text = (qi(ref.schema) + "." if ref.schema else "") + qi(ref.name)
    if ref.mods is not None:
        text += "(" + ", ".join(str(m) for m in ref.mods) + ")"
    if ref.array:
        text += "[]"
    try:
        parsed = pgparse.parse(f"SELECT NULL::{text}")
        node = parsed[0]["stmt"]["SelectStmt"]["targetList"][0]["ResTarget"]["val"]["TypeCast"]["typeName"]
    except (pgparse.PGQueryError, KeyError, IndexError):
        return None
    back = type_ref(node)
    same = (back.name, back.mods, back.array) == (ref.name, ref.mods, ref.array) and (
        (back.schema or "public") == (ref.schema or "public"))
    return text if same else None


def alter(table: str, clause: str) -> str:
    """``ALTER TABLE t clause``, with the clause on its own line when the statement is long."""
    head = f"ALTER TABLE {qt(table)}"
    one_line = f"{head} {clause}"
    return one_line if len(one_line) <= 88 and "\n" not in clause else f"{head}\n    {clause}"


def schema_of(table: str) -> str | None:
    return table.rsplit(".", 1)[0] if "." in table else None


def bare(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def in_schema_of(table: str, name: str) -> str:
    """``name`` qualified with ``table``'s schema, quoted: functions and views live beside it."""
    schema = schema_of(table)
    return (qi(schema) + "." if schema else "") + qi(name)


class Namer:
    """Fresh names for what the split creates (triggers, functions, constraints, indexes,
    columns): within 63 bytes, unlike anything the schema or the plan already has."""

    def __init__(self, schema: Schema) -> None:
        taken = set(schema.indexes) | set(schema.tables) | set(schema.views) | set(schema.functions)
        for table in schema.tables.values():
            taken |= set(table.constraints)
        self._taken = {bare(n) for n in taken}

    def fresh(self, base: str) -> str:
        """A new name from ``base``, numbered when taken.

        >>> n = Namer(Schema()); n.fresh("t_a_not_null"), n.fresh("t_a_not_null")
        ('t_a_not_null', 't_a_not_null2')
        """
        name, counter = bounded_identifier(base), 1
        while name in self._taken:
            counter += 1
            name = bounded_identifier(f"{base}{counter}")
        self._taken.add(name)
        return name

    def fresh_column(self, columns: set[str] | frozenset[str], base: str) -> str:
        name, counter = bounded_identifier(base), 1
        while name in columns or name in self._taken:
            counter += 1
            name = bounded_identifier(f"{base}{counter}")
        self._taken.add(name)
        return name

    def claim(self, name: str) -> None:
        """A name the user's own statement creates."""
        self._taken.add(bare(name))
