"""The output columns of a ``SELECT`` over the schema model: what ``CREATE TABLE … AS`` makes."""

from __future__ import annotations

from ..model import SchemaModel
from ..parse import Node
from ..relations import Column, Table
from .tree import rel_name

__all__ = ["query_output"]


def query_output(s: SchemaModel, query: Node | None) -> list[tuple[str, Column | None]]:
    """A plain SELECT's output columns and the table columns they copy (None for expressions);
    ``*`` expands to the columns of the tables the schema knows. Set operations and ``VALUES``
    give nothing (the names come from elsewhere).

    >>> import pgparse
    >>> from expandcontract.core.schema import Schema
    >>> s = Schema.from_sql("CREATE TABLE users (id bigint, name text)")
    >>> query = pgparse.parse("SELECT u.id, lower(name), name::text AS n FROM users u")[0]["stmt"]
    >>> [(name, column.type.name if column else None) for name, column in query_output(s, query)]
    [('id', 'bigint'), ('lower', None), ('n', None)]
    """
    select = (query or {}).get("SelectStmt") or {}
    sources: dict[str, Table] = {}  # alias or table name -> table
    order: list[Table] = []

    def scan(item: Node) -> None:
        if "RangeVar" in item:
            rel = item["RangeVar"]
            table = s.table(rel_name(rel) or "")
            if table is not None:
                alias = (rel.get("alias") or {}).get("aliasname") or rel.get("relname")
                sources[alias] = table
                order.append(table)
        elif "JoinExpr" in item:
            scan(item["JoinExpr"].get("larg") or {})
            scan(item["JoinExpr"].get("rarg") or {})

    for item in select.get("fromClause") or ():
        scan(item)

    def column(qualifier: str | None, name: str) -> Column | None:
        tables = [sources[qualifier]] if qualifier in sources else [] if qualifier else order
        found = [t.columns[name] for t in tables if name in t.columns]
        return found[0] if len(found) == 1 else None

    out: list[tuple[str, Column | None]] = []
    for target in select.get("targetList") or ():
        res = target.get("ResTarget") or {}
        val = res.get("val") or {}
        while "TypeCast" in val:  # x::text keeps the name x (not its type)
            val = val["TypeCast"].get("arg") or {}
            res = {**res, "cast": True}
        fields = val.get("ColumnRef", {}).get("fields") or []
        names = [f["String"]["sval"] for f in fields if "String" in f]
        if fields and "A_Star" in fields[-1]:
            tables = [sources[names[-1]]] if names and names[-1] in sources else [] if names else order
            out += [(c.name, c) for t in tables for c in t.columns.values()]
            continue
        source = column(names[-2] if len(names) > 1 else None, names[-1]) if names else None
        if res.get("cast"):
            source = None
        if res.get("name"):
            out.append((res["name"], source))
        elif names:
            out.append((names[-1], source))
        elif "FuncCall" in val:
            funcname = [f["String"]["sval"] for f in val["FuncCall"].get("funcname", ()) if "String" in f]
            out.append((funcname[-1] if funcname else "?column?", None))
        else:
            out.append(("?column?", None))
    return out
