"""What else uses a column: the objects ``DROP COLUMN`` would take with it (indexes, CHECK and
key constraints, generated columns) or that would stop it (views, other tables' foreign keys).

A copy-and-drop recipe (rename a column, change its type) must not lose them silently. The
schema model does not keep expressions, so this reads the DDL itself: the baseline and the
statements of the migration that come before the change.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..core.ops.tree import rel_name, string_names, walk_nodes
from ..core.parse import Statement
from ..core.schema import relation_key

__all__ = ["column_collation", "column_dependents", "index_statement"]


def _mentions(node: Any, column: str) -> bool:
    """The expression refers to ``column`` (by bare or qualified name) or to every column (``*``)."""
    for kind, body in walk_nodes(node):
        if kind == "ColumnRef":
            fields = body.get("fields", [])
            if any("A_Star" in f for f in fields) or column in string_names(fields):
                return True
    return False


def _constraint_uses(con: dict, column: str, own_column: str | None = None) -> bool:
    kind = con.get("contype")
    if kind in ("CONSTR_NOTNULL", "CONSTR_NULL", "CONSTR_DEFAULT"):
        return False
    if own_column == column and kind != "CONSTR_GENERATED":
        return True  # an inline constraint of the column itself
    cols = string_names(con.get("keys")) + string_names(con.get("fk_attrs")) + string_names(con.get("including"))
    if column in cols:
        return True
    return _mentions(con.get("raw_expr"), column) or _mentions(con.get("where_clause"), column)


def _describe(con: dict, table: str) -> str:
    label = {"CONSTR_CHECK": "CHECK constraint", "CONSTR_FOREIGN": "foreign key",
             "CONSTR_UNIQUE": "UNIQUE constraint", "CONSTR_PRIMARY": "primary key",
             "CONSTR_EXCLUSION": "exclusion constraint", "CONSTR_GENERATED": "generated column"}
    what = label.get(con.get("contype", ""), "constraint")
    name = con.get("conname")
    return f"{what} {name}" if name else f"{what} on {table}"


def _is_not_null_check(con: dict, column: str) -> bool:
    """``CHECK (column IS NOT NULL)``: the recipes restore NOT NULL themselves."""
    test = (con.get("raw_expr") or {}).get("NullTest")
    if con.get("contype") != "CONSTR_CHECK" or not test or test.get("nulltesttype") != "IS_NOT_NULL":
        return False
    return string_names(test.get("arg", {}).get("ColumnRef", {}).get("fields"))[-1:] == [column]


def column_dependents(statements: Iterable[Statement], table: str, column: str) -> list[str]:
    """Objects that use ``table.column``, described for a message (empty: nothing found).

    >>> from expandcontract.core.parse import parse_sql
    >>> ddl = parse_sql('''CREATE TABLE u (id int PRIMARY KEY, email text CHECK (email <> ''), n int);
    ... CREATE UNIQUE INDEX u_lower_email ON u (lower(email));
    ... CREATE VIEW v AS SELECT id, email FROM u;
    ... CREATE TABLE o (id int, e text REFERENCES u (email))''')
    >>> column_dependents(ddl, "u", "email")
    ['CHECK constraint on u', 'index u_lower_email', 'view v', 'foreign key on o']
    >>> column_dependents(ddl, "u", "n")
    []
    """
    target = relation_key(table)
    found: list[str] = []
    for stmt in statements:
        if stmt.node is None:
            continue
        kind, body = next(iter(stmt.node.items()))
        if kind == "CreateStmt":
            found += _create_table(body, target, column)
        elif kind == "AlterTableStmt":
            found += _alter_table(body, target, column)
        elif kind == "IndexStmt" and relation_key(rel_name(body.get("relation"))) == target:
            params = body.get("indexParams", []) + body.get("indexIncludingParams", [])
            names = [p.get("IndexElem", {}).get("name") for p in params]
            if column in names or _mentions(params, column) or _mentions(body.get("whereClause"), column):
                found.append(f"index {body.get('idxname') or 'on ' + target}")
        elif kind in ("ViewStmt", "CreateTableAsStmt"):
            query = body.get("query")
            tables = {relation_key(rel_name(b)) for k, b in walk_nodes(query) if k == "RangeVar"}
            if target in tables and _mentions(query, column):
                view = rel_name(body.get("view") or body.get("into", {}).get("rel"))
                found.append(f"view {view}")
        elif kind == "CreatePolicyStmt" and relation_key(rel_name(body.get("table"))) == target:
            if _mentions(body.get("qual"), column) or _mentions(body.get("with_check"), column):
                found.append(f"policy {body.get('policy_name')}")
        elif kind == "CreateTrigStmt" and relation_key(rel_name(body.get("relation"))) == target:
            if column in string_names(body.get("columns")) or _mentions(body.get("whenClause"), column):
                found.append(f"trigger {body.get('trigname')}")
        elif kind == "CreateStatsStmt" and _mentions(body.get("exprs"), column):
            found.append(f"statistics {'.'.join(string_names(body.get('defnames')))}")
    return list(dict.fromkeys(found))


def _references(con: dict, target: str, column: str) -> bool:
    """A foreign key pointing at ``target.column`` (or at its primary key, columns unnamed)."""
    if con.get("contype") != "CONSTR_FOREIGN" or relation_key(rel_name(con.get("pktable"))) != target:
        return False
    pk_attrs = string_names(con.get("pk_attrs"))
    return column in pk_attrs or not pk_attrs


def _create_table(body: dict, target: str, column: str) -> list[str]:
    table = relation_key(rel_name(body.get("relation")))
    found = []
    for elt in body.get("tableElts", []):
        if "ColumnDef" in elt:
            col = elt["ColumnDef"]
            for c in col.get("constraints", []):
                con = c.get("Constraint", {})
                if table == target and _constraint_uses(con, column, col.get("colname")):
                    if not _is_not_null_check(con, column):
                        found.append(_describe(con, table))
                elif table != target and _references(con, target, column):
                    found.append(f"foreign key {con.get('conname') or 'on ' + table}")
        elif "Constraint" in elt:
            con = elt["Constraint"]
            if table == target and _constraint_uses(con, column) and not _is_not_null_check(con, column):
                found.append(_describe(con, table))
            elif table != target and _references(con, target, column):
                found.append(f"foreign key {con.get('conname') or 'on ' + table}")
    return found


def _alter_table(body: dict, target: str, column: str) -> list[str]:
    table = relation_key(rel_name(body.get("relation")))
    found = []
    for item in body.get("cmds", []):
        cmd = item.get("AlterTableCmd", {})
        definition = cmd.get("def") or {}
        cons = []
        own = None
        if "Constraint" in definition:
            cons = [definition["Constraint"]]
        elif "ColumnDef" in definition and cmd.get("subtype") == "AT_AddColumn":
            own = definition["ColumnDef"].get("colname")
            cons = [c.get("Constraint", {}) for c in definition["ColumnDef"].get("constraints", [])]
        for con in cons:
            if table == target and _constraint_uses(con, column, own) and not _is_not_null_check(con, column):
                found.append(_describe(con, table))
            elif table != target and _references(con, target, column):
                found.append(f"foreign key {con.get('conname') or 'on ' + table}")
    return found


def column_collation(statements: Iterable[Statement], table: str, column: str) -> list[str] | None:
    """The ``COLLATE`` written on a column's definition (qualified name parts), if any.

    >>> from expandcontract.core.parse import parse_sql
    >>> column_collation(parse_sql('CREATE TABLE t (a text COLLATE "C", b text)'), "t", "a")
    ['C']
    """
    target, found = relation_key(table), None
    for stmt in statements:
        if stmt.node is None:
            continue
        kind, body = next(iter(stmt.node.items()))
        defs = []
        if kind == "CreateStmt" and relation_key(rel_name(body.get("relation"))) == target:
            defs = [e["ColumnDef"] for e in body.get("tableElts", []) if "ColumnDef" in e]
        elif kind == "AlterTableStmt" and relation_key(rel_name(body.get("relation"))) == target:
            for item in body.get("cmds", []):
                cmd = item.get("AlterTableCmd", {})
                definition = (cmd.get("def") or {}).get("ColumnDef")
                if definition and cmd.get("subtype") in ("AT_AddColumn", "AT_AlterColumnType"):
                    defs.append({**definition, "colname": definition.get("colname") or cmd.get("name")})
        for definition in defs:
            if definition.get("colname") == column:
                clause = definition.get("collClause")
                found = string_names(clause.get("collname")) if clause else None
    return found


def index_statement(statements: Iterable[Statement], table: str, name: str) -> Statement | None:
    """The ``CREATE INDEX`` that made index ``name`` of ``table`` (the last one by that name), or
    None when no statement names it so (made without a name, renamed since, or by a constraint).

    >>> from expandcontract.core.parse import parse_sql
    >>> ddl = parse_sql("CREATE TABLE u (a text); CREATE INDEX u_lower_a ON u (lower(a)) WHERE a <> ''")
    >>> index_statement(ddl, "u", "u_lower_a").text
    "CREATE INDEX u_lower_a ON u (lower(a)) WHERE a <> ''"
    >>> index_statement(ddl, "u", "u_a_idx") is None
    True
    """
    target, found = relation_key(table), None
    for stmt in statements:
        if stmt.node is None:
            continue
        kind, body = next(iter(stmt.node.items()))
        if (kind == "IndexStmt" and body.get("idxname") == name.rsplit(".", 1)[-1]
                and relation_key(rel_name(body.get("relation"))) == target):
            found = stmt
    return found
