"""MySQL statements as values, read from sqlglot's MySQL tree.

Everything online DDL depends on is kept: the ``ALGORITHM=`` and ``LOCK=`` clauses, ``ENGINE=``,
``CONVERT TO CHARACTER SET``, column charsets and collations, comments, ``FIRST``/``AFTER``
positions, index prefix lengths, generated columns (virtual or stored). ``CREATE INDEX`` and
``DROP INDEX`` are ALTER TABLE to the server ("mapped to an ALTER TABLE statement", as the manual
says), and so they are here: one model for both.

Pure: text in, values out.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from .split import skip_comments, unwrap_versioned_comments

__all__ = ["AlterSpec", "ColumnDef", "MySQLStatement", "TypeSpec", "parse_mysql_statement"]


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


@contextmanager
def _quiet() -> Iterator[None]:
    logger = logging.getLogger("sqlglot")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _blank(sql: str) -> str:
    """``sql`` with strings, quoted identifiers and comments blanked (same length): for keyword search."""
    out = list(sql)
    i, n = 0, len(sql)
    while i < n:
        c = sql[i]
        if c in "'\"`":
            j = i + 1
            while j < n:
                if sql[j] == "\\" and c != "`":
                    j += 2
                    continue
                if sql[j] == c:
                    if j + 1 < n and sql[j + 1] == c:
                        j += 2
                        continue
                    break
                j += 1
            for k in range(i + 1, min(j, n)):
                out[k] = "x"
            i = j + 1
        elif c == "#" or (sql.startswith("--", i) and (i + 2 >= n or sql[i + 2] in " \t\r\n")):
            j = sql.find("\n", i)
            j = n if j < 0 else j
            for k in range(i, j):
                out[k] = " "
            i = j
        elif sql.startswith("/*", i):
            j = sql.find("*/", i + 2)
            j = n if j < 0 else j + 2
            for k in range(i, j):
                out[k] = " "
            i = j
        else:
            i += 1
    return "".join(out)


_ALG_LOCK = re.compile(r"(,\s*)?\b(ALGORITHM|LOCK)\s*=?\s*(DEFAULT|INSTANT|INPLACE|COPY|NOCOPY|NONE|SHARED|EXCLUSIVE)\b",
                       re.I)
_CONVERT = re.compile(r"(,\s*)?\bCONVERT\s+TO\s+(?:CHARACTER\s+SET|CHARSET)\s*=?\s*(\w+)(?:\s+COLLATE\s*=?\s*(\w+))?",
                      re.I)
_ENGINE = re.compile(r"(,\s*)?\bENGINE\s*=?\s*(\w+)", re.I)
_CREATE_INDEX = re.compile(
    r"\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:ONLINE\s+|OFFLINE\s+)?(UNIQUE\s+|FULLTEXT\s+|SPATIAL\s+)?INDEX\s+"
    r"(IF\s+NOT\s+EXISTS\s+)?(\S+?)\s+(?:USING\s+\w+\s+)?ON\s+(\S+?)\s*\((.*)\)([^()]*)$", re.I | re.S)
_DROP_INDEX = re.compile(r"\s*DROP\s+INDEX\s+(IF\s+EXISTS\s+)?(\S+)\s+ON\s+([^\s;]+)(.*)$", re.I | re.S)
_RENAME_TABLE = re.compile(r"\s*RENAME\s+TABLES?\s+(.+)$", re.I | re.S)
_ALTER_IGNORE = re.compile(r"^(\s*ALTER\s+)(?:ONLINE\s+)?(?:IGNORE\s+)?(TABLE\b)", re.I)
_PARTITION = re.compile(r"\s*(PARTITION\s+BY|(ADD|DROP|TRUNCATE|COALESCE|REORGANIZE|EXCHANGE|ANALYZE|CHECK|"
                        r"OPTIMIZE|REBUILD|REPAIR|DISCARD|IMPORT|CONVERT)\s+PARTITION|REMOVE\s+PARTITIONING)\b", re.I)
_PERSISTENT = re.compile(r"\bPERSISTENT\b(?=\s*(,|$|NOT|NULL|COMMENT|UNIQUE|PRIMARY|KEY|INVISIBLE|FIRST|AFTER))", re.I)
_ADD_COLUMNS = re.compile(r"\bADD\s+(?:COLUMN\s+)?\(", re.I)
_PROGRAM = re.compile(r"\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:DEFINER\s*=\s*\S+\s+)?(?:SQL\s+SECURITY\s+\w+\s+)?"
                      r"(?:AGGREGATE\s+)?(PROCEDURE|FUNCTION|TRIGGER|EVENT)\b", re.I)
_DROP_PROGRAM = re.compile(r"\s*DROP\s+(PROCEDURE|FUNCTION|TRIGGER|EVENT)\b", re.I)
_VIEW = re.compile(r"\s*(CREATE|ALTER)\s+(?:OR\s+REPLACE\s+)?(?:ALGORITHM\s*=\s*\w+\s+)?(?:DEFINER\s*=\s*\S+\s+)?"
                   r"(?:SQL\s+SECURITY\s+\w+\s+)?VIEW\b", re.I)
_SIMPLE = [
    (re.compile(r"\s*(START\s+TRANSACTION|BEGIN(\s+WORK)?\s*$|XA\s+START)", re.I), "begin"),
    (re.compile(r"\s*COMMIT\b", re.I), "commit"),
    (re.compile(r"\s*ROLLBACK\b", re.I), "rollback"),
    (re.compile(r"\s*LOCK\s+TABLES?\b", re.I), "lock_tables"),
    (re.compile(r"\s*UNLOCK\s+TABLES?\b", re.I), "unlock_tables"),
    (re.compile(r"\s*(USE|SOURCE)\b", re.I), "use"),
    (re.compile(r"\s*(OPTIMIZE|ANALYZE|REPAIR|CHECK|CHECKSUM|FLUSH|SHOW|DESCRIBE|DESC|EXPLAIN|GRANT|REVOKE|"
                r"CREATE\s+USER|DROP\s+USER|ALTER\s+USER|CREATE\s+(DATABASE|SCHEMA)|DROP\s+(DATABASE|SCHEMA)|"
                r"ALTER\s+(DATABASE|SCHEMA)|CALL|DO|PREPARE|EXECUTE|DEALLOCATE|HANDLER|INSTALL|UNINSTALL|"
                r"CREATE\s+SERVER|CREATE\s+SEQUENCE|DROP\s+SEQUENCE|ALTER\s+SEQUENCE|CREATE\s+ROLE|DROP\s+ROLE|"
                r"KILL|PURGE|RESET|SAVEPOINT|RELEASE|LOAD\s+DATA|LOAD\s+XML|SIGNAL|RESIGNAL|HELP)\b", re.I), "other"),
]


def parse_mysql_statement(text: str) -> MySQLStatement:
    """The model of one MySQL statement (its text without the terminator).

    >>> s = parse_mysql_statement("ALTER TABLE t ADD COLUMN c INT NOT NULL DEFAULT 0 AFTER b, ALGORITHM=INSTANT")
    >>> s.kind, s.table, s.algorithm, s.lock, s.specs[0].op, s.specs[0].column.position
    ('alter_table', 't', 'INSTANT', None, 'add_column', 'AFTER b')
    >>> s = parse_mysql_statement("CREATE INDEX i ON t (a(10)) ALGORITHM=INPLACE, LOCK=NONE")
    >>> s.kind, s.specs[0].op, s.specs[0].columns, s.comma_error
    ('alter_table', 'add_index', ('a(10)',), True)
    >>> parse_mysql_statement("ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4").specs[0]
    AlterSpec(op='convert_charset', column=None, name=None, old_name=None, index_kind=None, columns=(), value='utf8mb4', references=None, if_exists=False)
    """
    body = unwrap_versioned_comments(text)
    body = body[skip_comments(body, 0):].strip()
    blank = _blank(body)
    try:
        with _quiet():
            return _parse(body, blank, text)
    except (SqlglotError, ValueError, KeyError, AttributeError, TypeError, IndexError, RecursionError) as exc:
        return MySQLStatement("error", text, error=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)


def _parse(body: str, blank: str, text: str) -> MySQLStatement:
    if not body:
        return MySQLStatement("other", text)
    if _PROGRAM.match(blank) or _DROP_PROGRAM.match(blank):
        return MySQLStatement("program", text)
    if _VIEW.match(blank):
        return MySQLStatement("create_view", text)
    for pattern, kind in _SIMPLE:
        if pattern.match(blank):
            return MySQLStatement(kind, text)
    m = _RENAME_TABLE.match(blank)
    if m:
        pairs = []
        for pair in body[m.start(1):].split(","):
            parts = re.split(r"\s+TO\s+", pair.strip(), flags=re.I)
            if len(parts) != 2:
                raise ValueError(f"cannot read RENAME TABLE pair {pair.strip()!r}")
            pairs.append((_unquote_name(parts[0]), _unquote_name(parts[1])))
        return MySQLStatement("rename_table", text, table=pairs[0][0], renames=tuple(pairs))
    m = _CREATE_INDEX.match(blank)
    if m:
        return _create_index(body, m, text)
    m = _DROP_INDEX.match(blank)
    if m:
        algorithm, lock, _ = _alg_lock(blank[m.start(4):])
        return MySQLStatement("alter_table", text, table=_unquote_name(body[m.start(3):m.end(3)]),
                              specs=(AlterSpec("drop_index", name=_unquote_name(body[m.start(2):m.end(2)]),
                                               if_exists=bool(m.group(1))),),
                              algorithm=algorithm, lock=lock, from_create_index=True)
    if re.match(r"\s*ALTER\s+(ONLINE\s+)?(IGNORE\s+)?TABLE\b", blank, re.I):
        return _alter_table(body, blank, text)
    tree = sqlglot.parse_one(body, read="mysql")
    if isinstance(tree, exp.Command):
        raise ValueError(f"unsupported statement: {body[:60]!r}")
    if isinstance(tree, exp.Create) and tree.kind == "TABLE":
        return _create_table(tree, text)
    if isinstance(tree, exp.Create):
        return MySQLStatement("create_other", text)
    if isinstance(tree, exp.Drop):
        kind = (tree.args.get("kind") or "").upper()
        names = tuple(_table_name(t) for t in tree.args.get("tables") or ()) or (_table_name(tree.this),)
        if kind == "TABLE":
            return MySQLStatement("drop_table", text, table=names[0], tables=names,
                                  if_not_exists=bool(tree.args.get("exists")))
        if kind == "VIEW":
            return MySQLStatement("drop_view", text)
        return MySQLStatement("other", text)
    if isinstance(tree, exp.TruncateTable):
        names = tuple(_table_name(t) for t in tree.expressions)
        return MySQLStatement("truncate", text, table=names[0] if names else None, tables=names)
    if isinstance(tree, exp.Set):
        return MySQLStatement("set", text, variables=tuple(_set_items(tree)))
    if isinstance(tree, (exp.Insert, exp.Update, exp.Delete, exp.Merge)):
        target = tree.this
        while isinstance(target, exp.Schema):
            target = target.this
        return MySQLStatement("dml", text, table=_table_name(target) if isinstance(target, exp.Table) else None)
    if isinstance(tree, (exp.Select, exp.Union, exp.Subquery, exp.Query)):
        return MySQLStatement("select", text)
    if isinstance(tree, exp.Transaction):
        return MySQLStatement("begin", text)
    if isinstance(tree, exp.Commit):
        return MySQLStatement("commit", text)
    if isinstance(tree, exp.Rollback):
        return MySQLStatement("rollback", text)
    if isinstance(tree, exp.Use):
        return MySQLStatement("use", text)
    return MySQLStatement("other", text)


def _unquote_name(name: str) -> str:
    """``db`.`t`` -> ``db.t``; the last part only when qualified by the database."""
    name = name.strip().rstrip(";").strip()
    parts = re.findall(r"`((?:[^`]|``)*)`|\"([^\"]*)\"|([^.`\"\s]+)", name)
    names = [a.replace("``", "`") or b or c for a, b, c in parts]
    return ".".join(names)


def _table_name(table: exp.Expression | None) -> str:
    if not isinstance(table, exp.Table):
        return table.sql("mysql") if table is not None else ""
    return ".".join(p.name for p in table.parts)


def _alg_lock(blank_tail: str) -> tuple[str | None, str | None, bool]:
    algorithm = lock = None
    comma = False
    for m in _ALG_LOCK.finditer(blank_tail):
        if m.group(2).upper() == "ALGORITHM":
            algorithm = m.group(3).upper()
        else:
            lock = m.group(3).upper()
            comma = comma or (bool(m.group(1)) and algorithm is not None)
    return algorithm, lock, comma


def _create_index(body: str, m: re.Match, text: str) -> MySQLStatement:
    kind = (m.group(1) or "").strip().lower() or "index"
    name = _unquote_name(body[m.start(3):m.end(3)])
    table = _unquote_name(body[m.start(4):m.end(4)])
    algorithm, lock, comma = _alg_lock(body[m.start(6):] if m.group(6) else "")
    columns = tuple(_split_top(body[m.start(5):m.end(5)]))
    op = "add_primary_key" if kind == "primary" else "add_index"
    return MySQLStatement("alter_table", text, table=table,
                          specs=(AlterSpec(op, name=name, index_kind=kind, columns=tuple(_index_column(c)
                                                                                      for c in columns)),),
                          algorithm=algorithm, lock=lock, from_create_index=True, comma_error=comma,
                          if_not_exists=bool(m.group(2)))


def _index_column(text: str) -> str:
    """``a(10) DESC`` -> ``a(10)``; backticks dropped."""
    text = re.sub(r"\s+(ASC|DESC)\s*$", "", text.strip(), flags=re.I)
    m = re.match(r"(`(?:[^`]|``)*`|\w+)\s*(\(\s*\d+\s*\))?$", text)
    if not m:
        return text
    return _unquote_name(m.group(1)) + (re.sub(r"\s", "", m.group(2)) if m.group(2) else "")


def _split_top(text: str) -> list[str]:
    out, depth, start = [], 0, 0
    blank = _blank(text)
    for i, c in enumerate(blank):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "," and depth == 0:
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return [p.strip() for p in out if p.strip()]


def _alter_table(body: str, blank: str, text: str) -> MySQLStatement:
    """ALTER TABLE: the clauses sqlglot does not read (ALGORITHM, LOCK, CONVERT TO, ENGINE) are cut
    out first and kept; ``ADD COLUMN (a …, b …)`` becomes one ADD per column."""
    algorithm, lock, _ = _alg_lock(blank)
    extra: list[AlterSpec] = []
    cuts: list[tuple[int, int]] = []
    for m in _ALG_LOCK.finditer(blank):
        cuts.append((m.start(), m.end()))
    for m in _CONVERT.finditer(blank):
        extra.append(AlterSpec("convert_charset", value=body[m.start(2):m.end(2)].lower()))
        cuts.append((m.start(), m.end()))
    for m in _ENGINE.finditer(blank):
        extra.append(AlterSpec("engine", value=body[m.start(2):m.end(2)]))
        cuts.append((m.start(), m.end()))
    chars = list(body)
    for a, b in cuts:
        chars[a:b] = " " * (b - a)
    body = "".join(chars)
    body = _ALTER_IGNORE.sub(r"\1\2", body, count=1)
    body = _expand_add_columns(body)
    head = re.match(r"\s*ALTER\s+TABLE\s+(IF\s+EXISTS\s+)?(`(?:[^`]|``)*`(?:\.`(?:[^`]|``)*`)?|[^\s,]+)", body, re.I)
    if head is None:
        raise ValueError("ALTER TABLE without a table name")
    table = _unquote_name(head.group(2))
    rest = body[head.end():]
    # the cut clauses may leave a leading or doubled comma
    rest = re.sub(r"^\s*,", " ", rest)
    rest = re.sub(r",\s*(?=,|$)", " ", rest.strip())
    specs: list[AlterSpec] = []
    if _PARTITION.match(rest):
        specs.append(AlterSpec("partition", value=rest.strip()))
    elif rest.strip():
        rest = _PERSISTENT.sub("STORED", rest)
        tree = sqlglot.parse_one(f"ALTER TABLE t {rest}", read="mysql")
        if not isinstance(tree, exp.Alter):
            raise ValueError(f"cannot read ALTER TABLE {table} {rest.strip()[:60]!r}")
        for action in tree.args.get("actions") or []:
            specs.extend(_alter_spec(action))
        for option in tree.args.get("options") or []:
            specs.extend(_alter_option(option))
    return MySQLStatement("alter_table", text, table=table, specs=tuple(specs + extra), algorithm=algorithm, lock=lock)


def _expand_add_columns(body: str) -> str:
    """``ADD COLUMN (a INT, b INT)`` -> ``ADD COLUMN a INT, ADD COLUMN b INT``."""
    blank = _blank(body)
    m = _ADD_COLUMNS.search(blank)
    if not m:
        return body
    depth, i = 1, m.end()
    while i < len(blank) and depth:
        depth += {"(": 1, ")": -1}.get(blank[i], 0)
        i += 1
    inner = body[m.end():i - 1]
    added = ", ".join("ADD COLUMN " + part for part in _split_top(inner))
    return _expand_add_columns(body[:m.start()] + added + body[i:])


def _alter_spec(action: exp.Expression) -> list[AlterSpec]:
    if isinstance(action, exp.ColumnDef):
        column = _column(action)
        return [AlterSpec("add_column", column=column, name=column.name,
                          if_exists=bool(action.args.get("exists")))]
    name = type(action).__name__
    if name == "ModifyColumn":
        column = _column(action.this)
        source = action.args.get("rename_from")
        old = source.name if source is not None else None
        return [AlterSpec("modify_column", column=column, name=column.name, old_name=old)]
    if isinstance(action, exp.RenameColumn):
        return [AlterSpec("rename_column", name=action.args["to"].name, old_name=action.this.name)]
    if isinstance(action, exp.AlterColumn):
        column = action.this.name
        if action.args.get("drop"):
            return [AlterSpec("drop_default", name=column)]
        if action.args.get("default") is not None:
            return [AlterSpec("set_default", name=column, value=action.args["default"].sql("mysql"))]
        if action.args.get("visible") is not None:
            return [AlterSpec("other", name=column)]
        return [AlterSpec("other", name=column)]
    if isinstance(action, exp.Drop):
        kind = (action.args.get("kind") or "").upper()
        target = action.this if action.this is not None else (action.args.get("tables") or [None])[0]
        target_name = target.name if target is not None else None
        exists = bool(action.args.get("exists"))
        if kind == "COLUMN" or kind == "":
            return [AlterSpec("drop_column", name=target_name, if_exists=exists)]
        if kind in ("INDEX", "KEY"):
            return [AlterSpec("drop_index", name=target_name, if_exists=exists)]
        if kind == "FOREIGN KEY":
            return [AlterSpec("drop_foreign_key", name=target_name, if_exists=exists)]
        if kind in ("CHECK", "CONSTRAINT"):
            return [AlterSpec("drop_check", name=target_name, if_exists=exists)]
        if kind == "PRIMARY KEY":
            return [AlterSpec("drop_primary_key")]
        return [AlterSpec("other", name=target_name)]
    if type(action).__name__ == "DropPrimaryKey":
        return [AlterSpec("drop_primary_key")]
    if isinstance(action, exp.AddConstraint):
        return [_constraint(e) for e in action.expressions]
    if isinstance(action, exp.RenameIndex) if hasattr(exp, "RenameIndex") else type(action).__name__ == "RenameIndex":
        return [AlterSpec("rename_index", name=action.args["to"].name, old_name=action.this.name)]
    if isinstance(action, exp.AlterRename):
        return [AlterSpec("rename_table", value=_table_name(action.this))]
    if type(action).__name__ == "AlterIndex":
        return [AlterSpec("index_visibility", name=action.this.name)]
    if type(action).__name__ == "ForceProperty":
        return [AlterSpec("force")]
    return [AlterSpec("other", value=action.sql("mysql"))]


def _alter_option(option: exp.Expression) -> list[AlterSpec]:
    if isinstance(option, exp.EngineProperty):
        return [AlterSpec("engine", value=option.this.name)]
    if isinstance(option, exp.AutoIncrementProperty):
        return [AlterSpec("auto_increment", value=option.this.name)]
    if isinstance(option, exp.CharacterSetProperty):
        return [AlterSpec("table_charset", value=option.this.name.lower())]
    if isinstance(option, exp.CollateProperty):
        return [AlterSpec("table_charset", value=None)]
    if isinstance(option, exp.RowFormatProperty):
        return [AlterSpec("row_format", value=option.this.name)]
    if isinstance(option, exp.SchemaCommentProperty):
        return [AlterSpec("table_comment", value=option.this.sql("mysql"))]
    if isinstance(option, exp.Order):
        return [AlterSpec("order_by")]
    if isinstance(option, (exp.AlgorithmProperty, exp.LockProperty)):
        return []
    return [AlterSpec("other", value=option.sql("mysql"))]


def _constraint(element: exp.Expression) -> AlterSpec:
    name = None
    if isinstance(element, exp.Constraint):
        name = element.this.name if element.this is not None else None
        inner = element.expressions[0] if element.expressions else None
        if inner is None:
            return AlterSpec("other", name=name)
        spec = _constraint(inner)
        return replace(spec, name=spec.name or name)
    if isinstance(element, exp.ForeignKey):
        reference = element.args.get("reference")
        target = reference.this if reference is not None else None
        table = target.this if isinstance(target, exp.Schema) else target
        return AlterSpec("add_foreign_key", columns=tuple(e.name for e in element.expressions),
                         references=_table_name(table) if table is not None else None)
    if isinstance(element, exp.PrimaryKey):
        return AlterSpec("add_primary_key", index_kind="primary", columns=tuple(_key_part(e) for e in element.expressions))
    if isinstance(element, exp.IndexColumnConstraint):
        kind = (element.args.get("kind") or "index").lower()
        return AlterSpec("add_index", name=element.this.name if element.this else None, index_kind=kind,
                         columns=tuple(_key_part(e) for e in element.expressions))
    if isinstance(element, exp.UniqueColumnConstraint):
        target = element.this
        columns = tuple(_key_part(e) for e in target.expressions) if isinstance(target, exp.Schema) else ()
        index_name = target.this.name if isinstance(target, exp.Schema) and target.this is not None else None
        if index_name is None and target is not None and not isinstance(target, exp.Schema):
            index_name = target.name
        return AlterSpec("add_index", name=index_name, index_kind="unique", columns=columns)
    if isinstance(element, exp.CheckColumnConstraint) or type(element).__name__ == "CheckColumnConstraint":
        return AlterSpec("add_check")
    return AlterSpec("other", value=element.sql("mysql"))


def _key_part(e: exp.Expression) -> str:
    if isinstance(e, exp.Ordered):
        e = e.this
    if type(e).__name__ == "ColumnPrefix":
        return f"{e.this.name}({e.expression.sql('mysql')})"
    if isinstance(e, (exp.Column, exp.Identifier)):
        return e.name
    return e.sql("mysql")


def _type(kind: exp.DataType | None) -> TypeSpec:
    if kind is None:
        return TypeSpec("unknown")
    spelled = kind.sql("mysql")
    m = re.match(r"\s*([A-Za-z ]+?)\s*(?:\((.*)\))?\s*(UNSIGNED)?\s*(ZEROFILL)?\s*$", spelled, re.S)
    if not m:
        return TypeSpec(spelled.lower())
    name = m.group(1).strip().lower()
    unsigned = bool(m.group(3)) or name.endswith(" unsigned")
    name = name.removesuffix(" unsigned")
    if kind.this == exp.DataType.Type.TIMESTAMPTZ:
        name = "timestamp"
    params = tuple(p.strip() for p in _split_top(m.group(2))) if m.group(2) else ()
    return TypeSpec(name, params, unsigned)


def _column(cd: exp.ColumnDef) -> ColumnDef:
    values: dict = {}
    for constraint in cd.constraints:
        kind = constraint.args.get("kind")
        if isinstance(kind, exp.NotNullColumnConstraint):
            values["not_null"] = not kind.args.get("allow_null")
        elif isinstance(kind, exp.DefaultColumnConstraint):
            values["default"] = kind.this.sql("mysql")
        elif isinstance(kind, exp.CommentColumnConstraint):
            values["comment"] = kind.this.sql("mysql")
        elif isinstance(kind, exp.CharacterSetColumnConstraint):
            values["charset"] = kind.this.name.lower()
        elif isinstance(kind, exp.CollateColumnConstraint):
            values["collation"] = kind.this.name.lower()
        elif isinstance(kind, exp.AutoIncrementColumnConstraint):
            values["auto_increment"] = True
        elif isinstance(kind, exp.ComputedColumnConstraint):
            values["generated"] = "stored" if kind.args.get("persisted") else "virtual"
        elif isinstance(kind, exp.GeneratedAsIdentityColumnConstraint):
            values["generated"] = "virtual"
        elif isinstance(kind, exp.OnUpdateColumnConstraint):
            values["on_update"] = kind.this.sql("mysql")
        elif isinstance(kind, exp.PrimaryKeyColumnConstraint):
            values["primary_key"] = True
        elif isinstance(kind, exp.UniqueColumnConstraint):
            values["unique"] = True
    if values.get("generated") == "virtual" and re.search(r"\b(STORED|PERSISTENT)\b", cd.sql("mysql"), re.I):
        values["generated"] = "stored"
    position = cd.args.get("position")
    if position is not None:
        values["position"] = position.sql("mysql") if not isinstance(position, str) else position
    return ColumnDef(cd.name, _type(cd.args.get("kind")), **values)


def _create_table(tree: exp.Create, text: str) -> MySQLStatement:
    schema = tree.this
    table = schema.this if isinstance(schema, exp.Schema) else schema
    columns, indexes = [], []
    like = None
    if isinstance(schema, exp.Schema):
        for element in schema.expressions:
            if isinstance(element, exp.ColumnDef):
                columns.append(_column(element))
            elif isinstance(element, exp.LikeProperty):
                like = _table_name(element.this)
            else:
                indexes.append(_constraint(element))
    options = []
    properties = tree.args.get("properties")
    for prop in properties.expressions if properties is not None else []:
        if isinstance(prop, exp.EngineProperty):
            options.append(("engine", prop.this.name))
        elif isinstance(prop, exp.CharacterSetProperty):
            options.append(("charset", prop.this.name.lower()))
        elif isinstance(prop, exp.CollateProperty):
            options.append(("collate", prop.this.name.lower()))
        elif isinstance(prop, exp.LikeProperty):
            like = _table_name(prop.this)
    return MySQLStatement("create_table", text, table=_table_name(table), columns=tuple(columns),
                          indexes=tuple(indexes), table_options=tuple(options),
                          if_not_exists=bool(tree.args.get("exists")), like=like)


def _set_items(tree: exp.Set) -> Iterator[tuple[str, str]]:
    for item in tree.expressions:
        inner = item.this
        if isinstance(inner, exp.EQ):
            name = inner.this.sql("mysql").lower().replace("`", "")
            name = re.sub(r"^@@(session\.|global\.|local\.)?|^(session|global|local)\s+", "", name)
            yield name, inner.expression.sql("mysql").strip("'\"")
        elif inner is not None:
            yield inner.sql("mysql").lower(), ""


__all__ += ["quote"]
_ = field  # (dataclasses.field is re-exported for subclasses of these values)
