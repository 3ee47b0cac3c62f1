"""Other dialects -> PostgreSQL text that libpg_query parses with the same meaning.

sqlglot transpiles expressions well, but it passes MySQL's DDL through as written (table options,
``ADD INDEX``, ``MODIFY``/``CHANGE COLUMN``, ``ENUM``, ``UNSIGNED``, ``AFTER col``), which
PostgreSQL either rejects or — worse — reads as something else: ``ADD INDEX i (c)`` parses as
adding a column named ``index``. This module rewrites those forms on sqlglot's tree first. One
source statement may become several PostgreSQL statements (an ``ALTER TABLE`` that also adds an
index), which all point back at the source statement.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel

__all__ = ["to_postgres"]

# MySQL types PostgreSQL does not have, mapped to the closest one that holds the same values
_TYPES = {
    exp.DataType.Type.ENUM: "text",
    exp.DataType.Type.SET: "text",
    exp.DataType.Type.YEAR: "smallint",
    exp.DataType.Type.MEDIUMINT: "integer",
    exp.DataType.Type.UTINYINT: "smallint",
    exp.DataType.Type.USMALLINT: "integer",
    exp.DataType.Type.UMEDIUMINT: "integer",
    exp.DataType.Type.UINT: "bigint",
    exp.DataType.Type.UBIGINT: "bigint",  # ids never reach 2^63; numeric would lose AUTO_INCREMENT
}
_INTEGERS = {
    exp.DataType.Type.TINYINT, exp.DataType.Type.SMALLINT, exp.DataType.Type.INT, exp.DataType.Type.BIGINT,
}
# column attributes with no PostgreSQL meaning (and no effect on what the linter checks)
_DROPPED_COLUMN_CONSTRAINTS = (
    exp.CharacterSetColumnConstraint, exp.CollateColumnConstraint, exp.CommentColumnConstraint,
    exp.OnUpdateColumnConstraint,
)
_KEPT_TABLE_PROPERTIES = (exp.TemporaryProperty,)
_RENAME_TABLE = re.compile(r"^\s*RENAME\s+TABLE\s+(.+?)\s*;?\s*$", re.I | re.S)
_INDEX_USING = re.compile(r"\bUSING\s+(BTREE|HASH)\b", re.I)
_DROP_KEY = re.compile(r"\bDROP\s+(?:FOREIGN\s+KEY|CHECK)\s+", re.I)
_DROP_PRIMARY = re.compile(r"\bDROP\s+PRIMARY\s+KEY\b", re.I)
_ALTER_TABLE = re.compile(r"^\s*ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?[`\"]?([\w.]+?)[`\"]?\s", re.I)


def to_postgres(sql: str, dialect: str) -> list[str]:
    """PostgreSQL statements with the meaning of one ``dialect`` statement.

    >>> to_postgres("ALTER TABLE t ADD COLUMN n INT UNSIGNED AFTER id, ADD INDEX t_n (n)", "mysql")
    ['ALTER TABLE "t" ADD COLUMN "n" BIGINT', 'CREATE INDEX "t_n" ON "t"("n")']
    >>> to_postgres("ALTER TABLE T CHANGE COLUMN `A` b VARCHAR(20) NOT NULL", "mysql")
    ['ALTER TABLE "t" RENAME COLUMN "a" TO "b"', 'ALTER TABLE "t" ALTER COLUMN "b" TYPE VARCHAR(20), ALTER COLUMN "b" SET NOT NULL']

    MySQL names are compared without case: they come out lowercased (and quoted).
    """
    renamed = _RENAME_TABLE.match(sql) if dialect == "mysql" else None
    if renamed:
        return [f"ALTER TABLE {_mysql_name(a)} RENAME TO {_mysql_name(b)}"
                for a, b in (pair.split(" TO ", 1) if " TO " in pair else pair.split(" to ", 1)
                             for pair in renamed.group(1).split(","))]
    if dialect == "mysql":
        sql = _INDEX_USING.sub("", _DROP_KEY.sub("DROP CONSTRAINT ", sql))
        table = _ALTER_TABLE.match(sql)
        if table:  # PostgreSQL names a primary key <table>_pkey
            sql = _DROP_PRIMARY.sub(f"DROP CONSTRAINT {table.group(1).rsplit('.', 1)[-1]}_pkey", sql)
    with quiet_sqlglot():
        out = []
        for tree in sqlglot.parse(sql, read=dialect):
            if tree is None:
                continue
            for statement in _rewrite(tree) if dialect == "mysql" else (tree,):
                out.append(statement if isinstance(statement, str)
                           else statement.sql(dialect="postgres", unsupported_level=ErrorLevel.IGNORE))
        return out


def _mysql_name(name: str) -> str:
    """A MySQL table name (maybe `quoted`, maybe db.qualified) as PostgreSQL text, lowercased."""
    parts = [p.strip().strip("`\"").lower() for p in name.strip().split(".")]
    return ".".join('"' + p.replace('"', '""') + '"' for p in parts)


@contextmanager
def quiet_sqlglot(level: int = logging.ERROR) -> Iterator[None]:
    """sqlglot logs a warning for every construct it cannot carry over; the linter reports what
    matters itself, so they would only be noise on the user's terminal: only ``level`` and above
    are logged meanwhile."""
    logger = logging.getLogger("sqlglot")
    before = logger.level
    logger.setLevel(level)
    try:
        yield
    finally:
        logger.setLevel(before)


def _rewrite(tree: exp.Expression) -> list[exp.Expression | str]:
    tree = tree.transform(_portable_node)
    if isinstance(tree, exp.Create) and tree.kind == "TABLE":
        return _create_table(tree)
    if isinstance(tree, exp.Alter) and tree.args.get("kind") == "TABLE":
        return _alter_table(tree)
    if isinstance(tree, exp.Drop) and tree.args.get("kind") == "INDEX":
        tree.set("cluster", None)  # DROP INDEX i ON t
    return [tree]


def _portable_node(node: exp.Expression) -> exp.Expression | None:
    if isinstance(node, exp.Identifier):  # MySQL compares names without case (so does check's reading of queries)
        return exp.Identifier(this=node.name.lower(), quoted=True)
    if isinstance(node, exp.DataType):
        if node.this in _TYPES:
            return exp.DataType.build(_TYPES[node.this], dialect="postgres")
        if node.this in _INTEGERS and node.expressions:
            return exp.DataType(this=node.this)  # INT(11): a display width, not a size
    if isinstance(node, exp.ColumnConstraint) and isinstance(node.args.get("kind"), _DROPPED_COLUMN_CONSTRAINTS):
        return None
    if isinstance(node, exp.ColumnDef):
        node.set("position", None)  # AFTER col / FIRST
    return node


def _create_table(tree: exp.Create) -> list[exp.Expression | str]:
    properties = tree.args.get("properties")
    if properties is not None:
        kept = [p for p in properties.expressions if isinstance(p, _KEPT_TABLE_PROPERTIES)]
        tree.set("properties", exp.Properties(expressions=kept) if kept else None)
    schema = tree.this
    table = schema.this if isinstance(schema, exp.Schema) else schema
    after: list[exp.Expression | str] = []
    if isinstance(schema, exp.Schema):
        elements = []
        for element in schema.expressions:
            if isinstance(element, exp.IndexColumnConstraint):
                after.append(_create_index(element, table))
            elif isinstance(element, exp.UniqueColumnConstraint):
                elements.append(_unique_constraint(element))
            else:
                elements.append(element)
        schema.set("expressions", elements)
    return [tree, *after]


def _alter_table(tree: exp.Alter) -> list[exp.Expression | str]:
    tree.set("options", None)  # ALGORITHM=…, LOCK=…
    table = tree.this
    name = table.sql(dialect="postgres")
    before: list[exp.Expression | str] = []
    after: list[exp.Expression | str] = []
    kept: list[exp.Expression] = []
    for action in tree.args.get("actions") or []:
        if isinstance(action, exp.AddConstraint) and any(
            isinstance(e, (exp.IndexColumnConstraint, exp.UniqueColumnConstraint)) for e in action.expressions
        ):
            for element in action.expressions:
                if isinstance(element, exp.IndexColumnConstraint):
                    after.append(_create_index(element, table))
                elif isinstance(element, exp.UniqueColumnConstraint):
                    kept.append(exp.AddConstraint(expressions=[_unique_constraint(element)]))
                else:
                    kept.append(exp.AddConstraint(expressions=[element]))
        elif isinstance(action, exp.Drop) and action.args.get("kind") == "INDEX":
            after.append(f"DROP INDEX {action.sql(dialect='postgres').split('INDEX', 1)[1].strip()}")
        elif type(action).__name__ == "ModifyColumn":
            column = action.this
            source = action.args.get("rename_from")
            if source is not None and source.name != column.name:
                before.append(f"ALTER TABLE {name} RENAME COLUMN {source.sql(dialect='postgres')} "
                              f"TO {column.this.sql(dialect='postgres')}")
            after.insert(0, _redefine_column(name, column))
        else:
            kept.append(action)
    statements: list[exp.Expression | str] = list(before)
    if kept:
        tree.set("actions", kept)
        statements.append(tree)
    return statements + after


def _redefine_column(table: str, column: exp.ColumnDef) -> str:
    """MySQL's MODIFY/CHANGE restates the whole column: type, nullability, default."""
    col = column.this.sql(dialect="postgres")
    parts = [f"ALTER COLUMN {col} TYPE {column.args['kind'].sql(dialect='postgres')}"]
    constraints = [c.args.get("kind") for c in column.args.get("constraints") or []]
    not_null = any(isinstance(k, exp.NotNullColumnConstraint) and not k.args.get("allow_null") for k in constraints)
    parts.append(f"ALTER COLUMN {col} {'SET' if not_null else 'DROP'} NOT NULL")
    default = next((k for k in constraints if isinstance(k, exp.DefaultColumnConstraint)), None)
    if default is not None:
        parts.append(f"ALTER COLUMN {col} SET DEFAULT {default.this.sql(dialect='postgres')}")
    return f"ALTER TABLE {table} " + ", ".join(parts)


def _create_index(index: exp.IndexColumnConstraint, table: exp.Expression) -> str:
    name = index.this.sql(dialect="postgres") + " " if index.this else ""
    columns = ", ".join(c.sql(dialect="postgres") for c in index.expressions)
    return f"CREATE INDEX {name}ON {table.sql(dialect='postgres')}({columns})"


def _unique_constraint(unique: exp.UniqueColumnConstraint) -> exp.Expression:
    """``UNIQUE KEY u (a)`` -> ``CONSTRAINT u UNIQUE (a)``."""
    target = unique.this
    if isinstance(target, exp.Schema) and target.this is not None:
        columns = [e.copy() for e in target.expressions]
        return exp.Constraint(this=target.this.copy(),
                              expressions=[exp.UniqueColumnConstraint(this=exp.Schema(expressions=columns))])
    return unique
