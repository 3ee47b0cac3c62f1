"""What each MySQL statement costs on the catalog it runs against.

``analyse`` turns one statement, on the ``Catalog`` before it, into the operations of the
versioned online-DDL table (``ddl.Op``), each with its cost on the target server: a
``MySQLStep``. ``Session`` replays a script's statements in one client session.

Pure: values in, values out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .catalog import Catalog, MySQLTable
from .ddl import Cost, Op, Server, combined, cost
from .model import AlterSpec, ColumnDef, MySQLStatement
from .parse import parse_mysql_statement

__all__ = ["MySQLStep", "OpUse", "Session", "analyse", "bytes_per_char", "is_widening"]

_MB = {"latin1": 1, "ascii": 1, "binary": 1, "utf8": 3, "utf8mb3": 3, "utf8mb4": 4, "ucs2": 2, "utf16": 4,
       "utf16le": 4, "utf32": 4, "cp1251": 1, "cp1250": 1, "gbk": 2, "big5": 2, "sjis": 2, "euckr": 2,
       "gb2312": 2, "ujis": 3, "eucjpms": 3, "gb18030": 4, "hebrew": 1, "greek": 1, "koi8r": 1, "tis620": 1}
_INTEGERS = ("tinyint", "smallint", "mediumint", "int", "bigint")
_BLOBS = ("tinyblob", "blob", "mediumblob", "longblob")
_TEXTS = ("tinytext", "text", "mediumtext", "longtext")


def bytes_per_char(charset: str | None) -> int:
    """Bytes per character of a charset (unknown: 4, as utf8mb4, the safe assumption)."""
    return _MB.get((charset or "utf8mb4").lower(), 4)


@dataclass(frozen=True)
class OpUse:
    """One operation of a statement, with its cost on the target server."""

    op: Op
    spec: AlterSpec
    cost: Cost
    before: ColumnDef | None = None  # the column as it was, for column changes


@dataclass(frozen=True)
class MySQLStep:
    """A MySQL statement with what we know of it before it runs."""

    statement: MySQLStatement
    catalog_before: Catalog
    uses: tuple[OpUse, ...] = ()
    server: Server = field(default_factory=lambda: Server("mysql", (8, 0)))

    @property
    def table(self) -> MySQLTable | None:
        return self.catalog_before.table(self.statement.table)

    @property
    def cost(self) -> Cost | None:
        return combined([u.cost for u in self.uses])


def analyse(stmt: MySQLStatement, catalog: Catalog, server: Server, *, foreign_key_checks: bool = True) -> MySQLStep:
    """The operations of ``stmt`` on ``catalog``, costed for ``server``.

    >>> c = Catalog.from_sql("CREATE TABLE t (id INT, b BLOB, v VARCHAR(60)) DEFAULT CHARSET=utf8mb4")
    >>> s = analyse(parse_mysql_statement("ALTER TABLE t MODIFY b MEDIUMBLOB, MODIFY v VARCHAR(70)"), c,
    ...             Server("mariadb", (10, 11)))
    >>> [u.op.name for u in s.uses], str(s.cost)
    (['BLOB_WIDEN', 'VARCHAR_EXTEND_PAST_255'], 'ALGORITHM=COPY, LOCK=SHARED at best')
    """
    if stmt.kind != "alter_table":
        return MySQLStep(stmt, catalog, (), server)
    table = catalog.table(stmt.table)
    ops = [(op, spec, before) for spec in stmt.specs
           for op, before in _ops(spec, table, stmt, foreign_key_checks)]
    return MySQLStep(stmt, catalog, tuple(OpUse(op, spec, cost(op, server), before) for op, spec, before in ops),
                     server)


def _ops(spec: AlterSpec, table: MySQLTable | None, stmt: MySQLStatement, fk_checks: bool):
    column = spec.column
    if spec.op == "add_column" and column is not None:
        if column.auto_increment:
            yield Op.ADD_AUTO_INCREMENT_COLUMN, None
        elif column.generated == "stored":
            yield Op.ADD_STORED_GENERATED, None
        elif column.generated == "virtual":
            yield Op.ADD_VIRTUAL_GENERATED, None
        else:
            yield (Op.ADD_COLUMN_FIRST if column.position else Op.ADD_COLUMN), None
        if column.primary_key:
            yield Op.ADD_PRIMARY_KEY, None
        elif column.unique:
            yield Op.ADD_UNIQUE, None
        return
    if spec.op == "modify_column" and column is not None:
        yield from _modify(spec, column, table)
        return
    simple = {
        "drop_column": Op.DROP_COLUMN, "rename_column": Op.RENAME_COLUMN, "set_default": Op.SET_DEFAULT,
        "drop_default": Op.DROP_DEFAULT, "drop_index": Op.DROP_INDEX, "rename_index": Op.RENAME_INDEX,
        "drop_foreign_key": Op.DROP_FOREIGN_KEY, "convert_charset": Op.CONVERT_CHARSET,
        "table_charset": Op.TABLE_CHARSET, "force": Op.REBUILD, "engine": Op.REBUILD, "row_format": Op.ROW_FORMAT,
        "auto_increment": Op.AUTO_INCREMENT_VALUE, "rename_table": Op.RENAME_TABLE, "add_check": Op.ADD_CHECK,
        "drop_check": Op.DROP_CHECK, "table_comment": Op.TABLE_COMMENT,
    }
    if spec.op in simple:
        before = table.column(spec.name or spec.old_name) if table and spec.op in ("drop_column", "rename_column",
                                                                                   "set_default", "drop_default") else None
        if spec.op == "table_charset" and not spec.value:
            return
        if spec.op == "drop_column" and table is not None:
            yield _drop_column(table, spec.name or ""), before
            return
        yield simple[spec.op], before
        return
    if spec.op == "add_index":
        kind = spec.index_kind or "index"
        yield {"unique": Op.ADD_UNIQUE, "fulltext": Op.ADD_FULLTEXT, "spatial": Op.ADD_SPATIAL}.get(kind, Op.ADD_INDEX), None
        return
    if spec.op == "add_primary_key":
        dropping = any(s.op == "drop_primary_key" for s in stmt.specs)
        yield (Op.REPLACE_PRIMARY_KEY if dropping else Op.ADD_PRIMARY_KEY), None
        return
    if spec.op == "drop_primary_key":
        if not any(s.op == "add_primary_key" for s in stmt.specs):
            yield Op.DROP_PRIMARY_KEY, None
        return
    if spec.op == "add_foreign_key":
        yield (Op.ADD_FOREIGN_KEY if fk_checks else Op.ADD_FOREIGN_KEY_NO_CHECKS), None
        return


def _drop_column(table: MySQLTable, name: str) -> Op:
    """Dropping a column changes every index that has it: none is instant.

    >>> t = Catalog.from_sql("CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT, c INT, KEY ka (a), KEY kbc (b, c))").table("t")
    >>> [_drop_column(t, c).name for c in ("a", "b", "id")]
    ['DROP_INDEXED_COLUMN', 'DROP_COLUMN_SHRINKS_INDEX', 'DROP_PRIMARY_KEY']
    """
    keys = [k for k in table.keys_on(name) if k.op == "add_index"]
    if [c.lower() for c in table.primary] == [name.lower()]:
        return Op.DROP_PRIMARY_KEY  # the primary key goes with its only column
    if name.lower() in (c.lower() for c in table.primary) or any(len(k.columns) > 1 for k in keys):
        return Op.DROP_COLUMN_SHRINKS_INDEX
    return Op.DROP_INDEXED_COLUMN if keys else Op.DROP_COLUMN


def _modify(spec: AlterSpec, new: ColumnDef, table: MySQLTable | None):
    old = table.column(spec.old_name or new.name) if table else None
    if spec.old_name and spec.old_name.lower() != new.name.lower():
        yield Op.RENAME_COLUMN, old
    if old is None:
        yield Op.CHANGE_TYPE, None  # unknown column: assume the type changes
        return
    type_op = _type_change(old, new, table)
    if type_op is not None:
        yield type_op, old
    if bool(old.not_null) and not new.not_null and not new.primary_key:
        yield Op.MAKE_NULL, old
    elif not old.not_null and new.not_null:
        yield (Op.MAKE_TIMESTAMP_NOT_NULL if new.type.name == "timestamp" else Op.MAKE_NOT_NULL), old
    if new.position:
        yield Op.REORDER_COLUMN, old
    if type_op is None and old.default != new.default:
        yield (Op.SET_DEFAULT if new.default is not None else Op.DROP_DEFAULT), old
    if type_op is None and old.comment != new.comment:
        yield Op.COLUMN_COMMENT, old


def _type_change(old: ColumnDef, new: ColumnDef, table: MySQLTable | None) -> Op | None:
    a, b = old.type, new.type
    charset_old = old.charset or _collation_charset(old.collation) or (table.charset if table else None)
    written = new.charset or _collation_charset(new.collation)  # COLLATE utf8mb3_bin names its charset
    charset_new = written or charset_old
    same_charset = written is None or (charset_old or "utf8mb4").lower() == written.lower()
    if a == b and same_charset and (new.collation is None or new.collation == old.collation):
        return None
    if a.name == b.name == "varchar" and same_charset and a.length and b.length and b.length >= a.length:
        mb = bytes_per_char(charset_new)
        if b.length == a.length:
            return None
        if (a.length * mb > 255) == (b.length * mb > 255):
            return Op.VARCHAR_EXTEND
        return Op.VARCHAR_EXTEND_SHORT_PAST_255 if a.length * mb < 128 else Op.VARCHAR_EXTEND_PAST_255
    if a.name in _INTEGERS and b.name in _INTEGERS and a.unsigned == b.unsigned:
        if _INTEGERS.index(b.name) > _INTEGERS.index(a.name):
            return Op.INT_WIDEN
        if a.name == b.name:
            return None  # a display width: INT(11) -> INT
    for family in (_BLOBS, _TEXTS):
        if a.name in family and b.name in family and family.index(b.name) > family.index(a.name) and same_charset:
            return Op.BLOB_WIDEN
    if a.name == b.name and a.name in ("enum", "set") and b.params[:len(a.params)] == a.params:
        return Op.ENUM_APPEND
    return Op.CHANGE_TYPE


def _collation_charset(collation: str | None) -> str | None:
    """``utf8mb3_bin`` -> ``utf8mb3``."""
    return collation.split("_", 1)[0].lower() if collation else None


def is_widening(old: ColumnDef, new: ColumnDef, table: MySQLTable | None = None) -> bool:
    """The new type holds every value of the old one (not a narrowing).

    >>> from .model import TypeSpec
    >>> is_widening(ColumnDef("b", TypeSpec("blob")), ColumnDef("b", TypeSpec("mediumblob")))
    True
    >>> is_widening(ColumnDef("v", TypeSpec("varchar", ("20",))), ColumnDef("v", TypeSpec("varchar", ("10",))))
    False
    >>> is_widening(ColumnDef("d", TypeSpec("datetime")), ColumnDef("d", TypeSpec("datetime", ("6",))))
    True
    >>> is_widening(ColumnDef("d", TypeSpec("datetime", ("6",))), ColumnDef("d", TypeSpec("timestamp", ("6",))))
    False
    """
    op = _type_change(old, new, table)
    if old.type.name == new.type.name and old.type.name in ("enum", "set"):
        return set(old.type.params) <= set(new.type.params)  # values added anywhere: every old one is kept
    if old.type.name == new.type.name and old.type.name in ("datetime", "timestamp", "time"):
        return (new.type.length or 0) >= (old.type.length or 0)  # more fractional-second digits
    return op in (None, Op.VARCHAR_EXTEND, Op.VARCHAR_EXTEND_PAST_255, Op.VARCHAR_EXTEND_SHORT_PAST_255,
                  Op.INT_WIDEN, Op.BLOB_WIDEN, Op.ENUM_APPEND) or (
        old.type.name in ("char", "varchar") and new.type.name in ("varchar", "text", "mediumtext", "longtext")
        and (new.type.length or 1 << 30) >= (old.type.length or 0))


class Session:
    """Replays a script's statements in one client session: the catalog moves on, and session
    variables that change what DDL costs (``foreign_key_checks``) are followed."""

    def __init__(self, catalog: Catalog | None, server: Server, origin: str) -> None:
        self.catalog = catalog or Catalog()
        self.server = server
        self.origin = origin
        self.foreign_key_checks = True

    def step(self, text: str) -> MySQLStep:
        stmt = parse_mysql_statement(text)
        if stmt.kind == "set":
            for name, value in stmt.variables:
                if name == "foreign_key_checks":
                    self.foreign_key_checks = value.strip().upper() not in ("0", "OFF", "FALSE")
        step = analyse(stmt, self.catalog, self.server, foreign_key_checks=self.foreign_key_checks)
        self.catalog = self.catalog.apply(stmt, origin=self.origin)
        return step
