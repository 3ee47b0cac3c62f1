"""``abort`` on MariaDB/MySQL: the automatic reverse of an expand script, in MySQL.

Read from the statements' MySQL model (``core.mysql``), last first: an added column, index,
foreign key or CHECK is dropped (one ``ALTER TABLE`` per reversed statement); a created table,
view, trigger, procedure, function or event is dropped ``IF EXISTS``. On MariaDB the column and
index drops say ``IF EXISTS`` too, so an expand that stopped half-way is undone as well; MySQL 8
has no ``DROP COLUMN IF EXISTS``, and the runner's in-flight mark covers a rerun there. Anything
else (a MODIFY, a rename, a changed default, a DML statement) has no reverse the script alone
can tell: the abort is refused and asks for a ``down.sql``.

The data checks are ``abort.py``'s, in MySQL: an added column holding values other than its
default, a created table holding rows.
"""

from __future__ import annotations

import re

from ..core.migration import AnalysedScript
from ..core.mysql.model import ColumnDef, MySQLStatement, quote
from ..core.mysql.split import unwrap_versioned_comments

__all__ = ["CannotUndo", "dropped_by_contract", "mysql_undo"]

LIMIT = 10_000

_IGNORED = frozenset({"set", "use", "select", "begin", "commit"})
_PROGRAM_NAME = re.compile(
    r"\s*CREATE\s+(OR\s+REPLACE\s+)?(?:DEFINER\s*=\s*(?:`[^`]*`|'[^']*'|\"[^\"]*\"|[^\s@]+)(?:@(?:`[^`]*`|'[^']*'|"
    r"\"[^\"]*\"|\S+))?\s+)?(?:SQL\s+SECURITY\s+\w+\s+)?(?:AGGREGATE\s+)?(PROCEDURE|FUNCTION|TRIGGER|EVENT)\s+"
    r"(IF\s+NOT\s+EXISTS\s+)?((?:`[^`]+`|\w+)(?:\.(?:`[^`]+`|\w+))?)", re.I | re.S)
_VIEW_NAME = re.compile(r"\s*CREATE\s+(OR\s+REPLACE\s+)?(?:ALGORITHM\s*=\s*\w+\s+)?(?:DEFINER\s*=\s*\S+\s+)?"
                        r"(?:SQL\s+SECURITY\s+\w+\s+)?VIEW\s+(IF\s+NOT\s+EXISTS\s+)?((?:`[^`]+`|\w+)(?:\.(?:`[^`]+`|\w+))?)",
                        re.I | re.S)


def _name(written: str) -> str:
    return ".".join(part.strip("`").replace("``", "`") for part in re.findall(r"`(?:[^`]|``)+`|[^.]+", written))


def _qualified(name: str) -> str:
    return ".".join(quote(part) for part in name.split("."))


def _literal(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def _split_name(name: str) -> tuple[str, str]:
    """(schema expression, table) for information_schema lookups."""
    if "." in name:
        schema, table = name.split(".", 1)
        return _literal(schema), table
    return "DATABASE()", name


def column_exists_sql(table: str, column: str) -> str:
    schema, bare = _split_name(table)
    return (f"SELECT COUNT(*) > 0 FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = {schema} AND "
            f"TABLE_NAME = {_literal(bare)} AND COLUMN_NAME = {_literal(column)}")


def table_exists_sql(table: str) -> str:
    schema, bare = _split_name(table)
    return (f"SELECT COUNT(*) > 0 FROM information_schema.TABLES WHERE TABLE_SCHEMA = {schema} AND "
            f"TABLE_NAME = {_literal(bare)}")


def count_sql(table: str, where: str | None = None) -> str:
    cond = f" WHERE {where}" if where else ""
    return f"SELECT COUNT(*) FROM (SELECT 1 FROM {_qualified(table)}{cond} LIMIT {LIMIT + 1}) AS rows_at_risk"


def _constant(default: str) -> bool:
    d = default.strip()
    return bool(d) and (d[0] in "'\"-+.0123456789" or d.upper() in ("NULL", "TRUE", "FALSE"))


def mysql_undo(analysed: AnalysedScript, *, mariadb: bool, temporary: set[tuple[str, str]], check) -> list[str] | None:
    """The undo statements of ``analysed`` (last first), each data check passed to ``check(description,
    exists_sql, count_sql)``; raises ``_CannotUndo`` (with the statement's line) for one that has no reverse."""
    created = {(s.mysql.statement.table or "").lower() for s in analysed.steps
               if s.mysql is not None and s.mysql.statement.kind == "create_table"}
    out: list[str] = []
    for step in reversed(analysed.steps):
        stmt: MySQLStatement | None = getattr(step.mysql, "statement", None)
        if stmt is None:
            continue
        undo = _undo(stmt, step.mysql.catalog_before, created, mariadb, temporary, check)
        if undo is None:
            raise CannotUndo(step.statement.line, step.statement.text, _what(stmt))
        out.extend(undo)
    return out


class CannotUndo(Exception):
    def __init__(self, line: int, text: str, what: str) -> None:
        super().__init__(what)
        self.line, self.text, self.what = line, text, what


def _what(stmt: MySQLStatement) -> str:
    if stmt.kind == "alter_table":
        ops = sorted({s.op for s in stmt.specs if s.op not in _REVERSIBLE} or {s.op for s in stmt.specs})
        return ", ".join(op.replace("_", " ") for op in ops) or "alter table"
    return stmt.kind.replace("_", " ")


_REVERSIBLE = frozenset({"add_column", "add_index", "add_foreign_key", "add_check"})


def _undo(stmt: MySQLStatement, catalog, created: set[str], mariadb: bool, temporary: set[tuple[str, str]],
          check) -> list[str] | None:
    if stmt.kind in _IGNORED:
        return []
    text = unwrap_versioned_comments(stmt.text)
    if stmt.kind == "create_table":
        table = stmt.table or ""
        if stmt.if_not_exists and catalog.table(table) is not None:
            return []  # it was there before: not ours to drop
        check(f"table {table} holds {{n}} rows", table_exists_sql(table), count_sql(table))
        return [f"DROP TABLE IF EXISTS {_qualified(table)}"]
    if stmt.kind == "create_view":
        m = _VIEW_NAME.match(text)
        if not m or m.group(1):
            return None  # ALTER VIEW, or OR REPLACE: the earlier definition would be gone
        return [f"DROP VIEW IF EXISTS {_qualified(_name(m.group(3)))}"]
    if stmt.kind == "program":
        m = _PROGRAM_NAME.match(text)
        if not m:
            return None  # a DROP of a program: what it dropped cannot come back
        kind, name = m.group(2).upper(), _name(m.group(4))
        if m.group(1) and (kind.lower(), name.lower()) not in temporary:
            return None  # OR REPLACE of a program the contract does not drop: an earlier one may be gone
        return [f"DROP {kind} IF EXISTS {_qualified(name)}"]
    if stmt.kind != "alter_table" or not stmt.specs:
        return None
    table = stmt.table or ""
    if table.lower() in created:
        return []  # dropped with its table
    before = catalog.table(table)
    exists = " IF EXISTS" if mariadb else ""
    drops: list[str] = []
    for spec in reversed(stmt.specs):
        if spec.op == "add_column" and spec.column is not None:
            column: ColumnDef = spec.column
            if before is not None and before.column(column.name) is not None:
                continue  # ADD COLUMN IF NOT EXISTS of a column that was there: not ours to drop
            where = f"{quote(column.name)} IS NOT NULL"
            what = f"{table}.{column.name} holds values in"
            if column.default is not None and _constant(column.default) and column.default.upper() != "NULL":
                where = f"NOT ({quote(column.name)} <=> {column.default})"
                what = f"{table}.{column.name} holds values other than its default ({column.default}) in"
            elif column.default is not None and column.default.upper() != "NULL":
                what = (f"{table}.{column.name} (its default is an expression evaluated per row, so values cannot "
                        "be told from written ones) holds values in")
            check(f"{what} {{n}} rows (written by the new app or a backfill)", column_exists_sql(table, column.name),
                  count_sql(table, where))
            drops.append(f"DROP COLUMN{exists} {quote(column.name)}")
        elif spec.op == "add_index" and spec.name:
            drops.append(f"DROP INDEX{exists} {quote(spec.name)}")
        elif spec.op == "add_foreign_key" and spec.name:
            drops.append(f"DROP FOREIGN KEY{exists} {quote(spec.name)}")
        elif spec.op == "add_check" and spec.name:
            drops.append(f"DROP CONSTRAINT{exists} {quote(spec.name)}")
        else:
            return None  # an unnamed index or constraint, or a change with no reverse of its own
    if not drops:
        return []
    return [f"ALTER TABLE {_qualified(table)} {', '.join(drops)}"]


_DROP_PROGRAM = re.compile(r"\s*DROP\s+(PROCEDURE|FUNCTION|TRIGGER|EVENT)\s+(?:IF\s+EXISTS\s+)?"
                           r"((?:`[^`]+`|\w+)(?:\.(?:`[^`]+`|\w+))?)", re.I)


def dropped_by_contract(statements) -> set[tuple[str, str]]:
    """(kind, name) of the programs a contract script drops, lower case: the migration's own
    (``split``'s triggers and backfill procedure), which an abort may drop even where expand
    wrote ``CREATE OR REPLACE``."""
    found = set()
    for text in statements:
        m = _DROP_PROGRAM.match(text)
        if m:
            found.add((m.group(1).lower(), _name(m.group(2)).lower()))
    return found
