"""MySQL statements as values: the model ``core.mysql.parse`` reads a statement into.

Everything online DDL depends on is kept: the ``ALGORITHM=`` and ``LOCK=`` clauses, ``ENGINE=``,
``CONVERT TO CHARACTER SET``, column charsets and collations, comments, ``FIRST``/``AFTER``
positions, index prefix lengths, generated columns (virtual or stored). ``CREATE INDEX`` and
``DROP INDEX`` are ALTER TABLE to the server ("mapped to an ALTER TABLE statement", as the manual
says), and so they are here: one model for both.

Pure: values only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["AlterSpec", "ColumnDef", "MySQLStatement", "TypeSpec", "quote"]


@dataclass(frozen=True)
class TypeSpec:
    """A column type as MySQL spells it: ``varchar(255)``, ``int unsigned``, ``enum('a','b')``."""

    name: str  # lower case base name: varchar, int, bigint, mediumblob, enum, ...
    params: tuple[str, ...] = ()
    unsigned: bool = False

    def __str__(self) -> str:
        inner = f"({','.join(self.params)})" if self.params else ""
        return f"{self.name}{inner}{' unsigned' if self.unsigned else ''}"

    @property
    def length(self) -> int | None:
        return int(self.params[0]) if self.params and self.params[0].isdigit() else None


@dataclass(frozen=True)
class ColumnDef:
    name: str
    type: TypeSpec
    not_null: bool | None = None  # None: not written (NULL allowed)
    default: str | None = None  # the default as written; None: none written
    comment: str | None = None
    charset: str | None = None
    collation: str | None = None
    auto_increment: bool = False
    generated: str | None = None  # "virtual" | "stored"
    on_update: str | None = None
    position: str | None = None  # "FIRST" | "AFTER col"
    primary_key: bool = False
    unique: bool = False

    def spelled(self) -> str:
        """The definition as one would write it after MODIFY (name included)."""
        parts = [quote(self.name), str(self.type)]
        if self.charset:
            parts.append(f"CHARACTER SET {self.charset}")
        if self.collation:
            parts.append(f"COLLATE {self.collation}")
        if self.generated:
            parts.append(f"AS (…) {self.generated.upper()}")
        parts.append("NOT NULL" if self.not_null else "NULL")
        if self.default is not None:
            parts.append(f"DEFAULT {self.default}")
        if self.on_update:
            parts.append(f"ON UPDATE {self.on_update}")
        if self.auto_increment:
            parts.append("AUTO_INCREMENT")
        if self.comment is not None:
            parts.append(f"COMMENT {self.comment}")
        return " ".join(parts)


@dataclass(frozen=True)
class AlterSpec:
    """One clause of an ALTER TABLE (or what CREATE/DROP INDEX mean to the server).

    ``op``: add_column, drop_column, modify_column (MODIFY, and CHANGE with ``old_name``),
    rename_column, set_default, drop_default, add_index, drop_index, rename_index, add_primary_key,
    drop_primary_key, add_foreign_key, drop_foreign_key, add_check, drop_check, convert_charset,
    table_charset, engine, force, auto_increment, row_format, table_comment, rename_table,
    index_visibility, order_by, other.
    """

    op: str
    column: ColumnDef | None = None
    name: str | None = None  # column, index or constraint name
    old_name: str | None = None  # CHANGE old new …, RENAME COLUMN old TO new
    index_kind: str | None = None  # "index" | "unique" | "fulltext" | "spatial" | "primary"
    columns: tuple[str, ...] = ()
    value: str | None = None  # the ENGINE=, CHARACTER SET, AUTO_INCREMENT= … value
    references: str | None = None
    if_exists: bool = False


@dataclass(frozen=True)
class MySQLStatement:
    """``kind``: alter_table (also CREATE/DROP INDEX), create_table, drop_table, rename_table,
    truncate, set, use, dml, select, program (a stored procedure, function, trigger or event),
    begin, commit, rollback, lock_tables, unlock_tables, create_view, drop_view, other, error."""

    kind: str
    text: str
    table: str | None = None
    specs: tuple[AlterSpec, ...] = ()
    algorithm: str | None = None  # ALGORITHM=… as written (upper case)
    lock: str | None = None  # LOCK=… as written (upper case)
    columns: tuple[ColumnDef, ...] = ()  # CREATE TABLE
    indexes: tuple[AlterSpec, ...] = ()  # CREATE TABLE's keys and constraints
    table_options: tuple[tuple[str, str], ...] = ()  # CREATE TABLE … ENGINE=…, DEFAULT CHARSET=…
    variables: tuple[tuple[str, str], ...] = ()  # SET name = value (lower-case names)
    renames: tuple[tuple[str, str], ...] = ()  # RENAME TABLE a TO b, …
    tables: tuple[str, ...] = ()  # DROP TABLE a, b / TRUNCATE
    from_create_index: bool = False  # written as CREATE INDEX / DROP INDEX
    comma_error: bool = False  # CREATE INDEX … ALGORITHM=…, LOCK=… (a syntax error in MySQL)
    if_not_exists: bool = False
    like: str | None = None  # CREATE TABLE t LIKE u
    error: str | None = None

    @property
    def is_ddl(self) -> bool:
        return self.kind in _DDL_KINDS


_DDL_KINDS = frozenset({"alter_table", "create_table", "drop_table", "rename_table", "truncate", "program",
                        "create_view", "drop_view", "create_other"})


def quote(name: str) -> str:
    """``name`` quoted when it needs it.

    >>> quote("users"), quote("order"), quote("a b")
    ('users', '`order`', '`a b`')
    """
    if re.fullmatch(r"[A-Za-z_][A-Za-z_0-9$]*", name) and name.upper() not in _RESERVED:
        return name
    return "`" + name.replace("`", "``") + "`"


_RESERVED = frozenset("ADD ALL ALTER AND AS ASC BETWEEN BY CASE CHANGE CHECK COLUMN CONDITION CONSTRAINT CREATE "
                      "CROSS DEFAULT DELETE DESC DISTINCT DROP ELSE EXISTS FOR FOREIGN FROM GROUP HAVING IN INDEX "
                      "INSERT INTERVAL INTO IS JOIN KEY KEYS LEFT LIKE LIMIT LOCK MATCH NOT NULL ON OR ORDER "
                      "PRIMARY RANGE READ REFERENCES RENAME REPLACE RIGHT SELECT SET SHOW TABLE THEN TO UPDATE "
                      "USAGE USE USING VALUES WHEN WHERE WITH WRITE".split())


_ = field  # (dataclasses.field is re-exported for subclasses of these values)
