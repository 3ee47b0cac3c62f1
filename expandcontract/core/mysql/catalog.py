"""The MySQL schema model and its replay.

``Catalog`` holds each table's columns exactly as MySQL knows them (type, charset, collation,
nullability, default, comment, generated, position), its default charset, its keys, and which
migration created it; ``Catalog.apply`` replays one statement. What a statement costs on it is
``steps``'s.

Pure: values in, values out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from .model import AlterSpec, ColumnDef, MySQLStatement
from .parse import parse_mysql_statement

__all__ = ["BASELINE", "Catalog", "MySQLTable"]

BASELINE = "<baseline>"

@dataclass(frozen=True)
class MySQLTable:
    name: str
    columns: tuple[ColumnDef, ...] = ()
    charset: str | None = None
    origin: str = BASELINE
    primary: tuple[str, ...] = ()
    indexes: frozenset[str] = frozenset()
    fulltext: bool = False  # has a FULLTEXT index (the first one rebuilds)
    keys: tuple[AlterSpec, ...] = ()  # secondary indexes and foreign keys: name, kind, columns ("a(10)" for a prefix)

    def keys_on(self, column: str) -> tuple[AlterSpec, ...]:
        """The indexes and foreign keys ``column`` is part of.

        >>> t = Catalog.from_sql("CREATE TABLE t (a INT, b TEXT, KEY t_ab (a, b(10)))").table("t")
        >>> [(k.name, k.columns) for k in t.keys_on("B")]
        [('t_ab', ('a', 'b(10)'))]
        """
        return tuple(k for k in self.keys if any(_base(c) == column.lower() for c in k.columns))

    def column(self, name: str | None) -> ColumnDef | None:
        key = (name or "").lower()
        return next((c for c in self.columns if c.name.lower() == key), None)


def _key(name: str | None) -> str:
    return (name or "").rsplit(".", 1)[-1].lower()


def _base(key_part: str) -> str:
    """``b(10)`` -> ``b``."""
    return key_part.split("(", 1)[0].strip().lower()


def _keys_renamed(keys: tuple[AlterSpec, ...], old: str, new: str) -> tuple[AlterSpec, ...]:
    def renamed(part: str) -> str:
        return new + part[len(_base(part)):] if _base(part) == old.lower() else part

    return tuple(replace(k, columns=tuple(renamed(c) for c in k.columns)) for k in keys)


def _keys_without(keys: tuple[AlterSpec, ...], column: str) -> tuple[AlterSpec, ...]:
    """MySQL takes a dropped column out of its indexes, and drops an index left with none."""
    kept = (replace(k, columns=tuple(c for c in k.columns if _base(c) != column.lower())) for k in keys)
    return tuple(k for k in kept if k.columns)


@dataclass(frozen=True)
class Catalog:
    tables: Mapping[str, MySQLTable] = field(default_factory=dict)

    def table(self, name: str | None) -> MySQLTable | None:
        return self.tables.get(_key(name)) if name else None

    def _with(self, table: MySQLTable | None, drop: str | None = None) -> Catalog:
        tables = dict(self.tables)
        if drop is not None:
            tables.pop(_key(drop), None)
        if table is not None:
            tables[_key(table.name)] = table
        return Catalog(MappingProxyType(tables))

    @classmethod
    def from_sql(cls, text: str) -> Catalog:
        """The catalog a script (a ``mysqldump --no-data`` file, say) leaves.

        >>> Catalog.from_sql("CREATE TABLE t (a INT); ALTER TABLE t ADD b TEXT").table("t").columns[1].name
        'b'
        """
        from .split import split_mysql

        catalog = cls()
        for chunk in split_mysql(text):
            catalog = catalog.apply(parse_mysql_statement(text[chunk.start:chunk.end]), origin=BASELINE)
        return catalog

    def apply(self, stmt: MySQLStatement, *, origin: str) -> Catalog:
        if stmt.kind == "create_table":
            if stmt.if_not_exists and self.table(stmt.table):
                return self
            if stmt.like:
                source = self.table(stmt.like)
                return self._with(replace(source, name=stmt.table or "", origin=origin) if source else
                                  MySQLTable(stmt.table or "", origin=origin))
            options = dict(stmt.table_options)
            primary = tuple(c.name for c in stmt.columns if c.primary_key)
            indexes = set()
            fulltext = False
            keys = [AlterSpec("add_index", name=c.name, index_kind="unique", columns=(c.name,))
                    for c in stmt.columns if c.unique]
            keys += [s for s in stmt.indexes if s.op in ("add_index", "add_foreign_key")]
            for spec in stmt.indexes:
                if spec.op == "add_primary_key":
                    primary = tuple(c.split("(")[0] for c in spec.columns)
                elif spec.op == "add_index":
                    indexes.add((spec.name or spec.columns[0] if spec.columns else "").lower())
                    fulltext = fulltext or spec.index_kind == "fulltext"
            return self._with(MySQLTable(stmt.table or "", stmt.columns, options.get("charset"), origin, primary,
                                         frozenset(indexes), fulltext, tuple(keys)))
        if stmt.kind == "drop_table":
            catalog = self
            for name in stmt.tables:
                catalog = catalog._with(None, drop=name)
            return catalog
        if stmt.kind == "rename_table":
            catalog = self
            for old, new in stmt.renames:
                table = catalog.table(old)
                catalog = catalog._with(replace(table, name=new) if table else None, drop=old)
            return catalog
        if stmt.kind == "alter_table":
            table = self.table(stmt.table)
            if table is None:
                return self
            for spec in stmt.specs:
                table = _alter(table, spec)
                if spec.op == "rename_table" and spec.value:
                    return self._with(replace(table, name=spec.value), drop=stmt.table)
            return self._with(table)
        return self


def _alter(table: MySQLTable, spec: AlterSpec) -> MySQLTable:
    columns = list(table.columns)
    names = [c.name.lower() for c in columns]

    def place(column: ColumnDef, without: str | None) -> list[ColumnDef]:
        rest = [c for c in columns if c.name.lower() != (without or "").lower()] if without else list(columns)
        kept = replace(column, position=None)
        position = (column.position or "").upper()
        if position == "FIRST":
            return [kept, *rest]
        if position.startswith("AFTER"):
            after = column.position.split(None, 1)[1].strip("`").lower()
            at = next((i for i, c in enumerate(rest) if c.name.lower() == after), len(rest) - 1)
            return [*rest[:at + 1], kept, *rest[at + 1:]]
        if without and without.lower() in names:
            at = names.index(without.lower())
            return [*columns[:at], kept, *columns[at + 1:]]
        return [*rest, kept]

    if spec.op == "add_column" and spec.column is not None:
        if table.column(spec.column.name):
            return table
        unique = (AlterSpec("add_index", name=spec.column.name, index_kind="unique", columns=(spec.column.name,)),)
        return replace(table, columns=tuple(place(spec.column, None)),
                       keys=table.keys + (unique if spec.column.unique else ()))
    if spec.op == "drop_column":
        return replace(table, columns=tuple(c for c in columns if c.name.lower() != (spec.name or "").lower()),
                       keys=_keys_without(table.keys, spec.name or ""))
    if spec.op == "modify_column" and spec.column is not None:
        keys = _keys_renamed(table.keys, spec.old_name, spec.column.name) if spec.old_name else table.keys
        return replace(table, columns=tuple(place(spec.column, spec.old_name or spec.column.name)), keys=keys)
    if spec.op == "rename_column":
        return replace(table, columns=tuple(replace(c, name=spec.name) if c.name.lower() == (spec.old_name or "").lower()
                                            else c for c in columns),
                       keys=_keys_renamed(table.keys, spec.old_name or "", spec.name or ""))
    if spec.op in ("set_default", "drop_default"):
        value = spec.value if spec.op == "set_default" else None
        return replace(table, columns=tuple(replace(c, default=value) if c.name.lower() == (spec.name or "").lower()
                                            else c for c in columns))
    if spec.op == "convert_charset":
        return replace(table, charset=spec.value, columns=tuple(
            replace(c, charset=None, collation=None) if c.type.name in _CHARACTER_TYPES else c for c in columns))
    if spec.op == "table_charset" and spec.value:
        return replace(table, charset=spec.value)
    if spec.op == "add_primary_key":
        return replace(table, primary=tuple(c.split("(")[0] for c in spec.columns))
    if spec.op == "drop_primary_key":
        return replace(table, primary=())
    if spec.op == "add_index":
        return replace(table, indexes=table.indexes | {(spec.name or "").lower()},
                       fulltext=table.fulltext or spec.index_kind == "fulltext", keys=(*table.keys, spec))
    if spec.op == "add_foreign_key":
        return replace(table, keys=(*table.keys, spec))
    if spec.op in ("drop_index", "drop_foreign_key"):
        name = (spec.name or "").lower()
        return replace(table, indexes=table.indexes - {name},
                       keys=tuple(k for k in table.keys if (k.name or "").lower() != name))
    return table


_CHARACTER_TYPES = frozenset({"char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set"})
