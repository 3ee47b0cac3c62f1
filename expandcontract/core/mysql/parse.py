"""MySQL statement text -> ``core.mysql.model.MySQLStatement``: the statement's kind is read from
its text (stored programs, views, transaction control, RENAME TABLE, CREATE/DROP INDEX), the clauses
sqlglot does not read are cut out of an ALTER TABLE and kept, the rest is read from sqlglot's MySQL
tree (``core.mysql.tree``).

Pure: text in, values out.
"""

from __future__ import annotations

import logging
import re

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from ..dialects import quiet_sqlglot
from .model import AlterSpec, MySQLStatement
from .split import blank as _blank
from .split import skip_comments, split_top, unwrap_versioned_comments
from .tree import alter_option, alter_spec, create_table, set_items, table_name

__all__ = ["parse_mysql_statement"]


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
        with quiet_sqlglot(logging.CRITICAL):
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
        return create_table(tree, text)
    if isinstance(tree, exp.Create):
        return MySQLStatement("create_other", text)
    if isinstance(tree, exp.Drop):
        kind = (tree.args.get("kind") or "").upper()
        names = tuple(table_name(t) for t in tree.args.get("tables") or ()) or (table_name(tree.this),)
        if kind == "TABLE":
            return MySQLStatement("drop_table", text, table=names[0], tables=names,
                                  if_not_exists=bool(tree.args.get("exists")))
        if kind == "VIEW":
            return MySQLStatement("drop_view", text)
        return MySQLStatement("other", text)
    if isinstance(tree, exp.TruncateTable):
        names = tuple(table_name(t) for t in tree.expressions)
        return MySQLStatement("truncate", text, table=names[0] if names else None, tables=names)
    if isinstance(tree, exp.Set):
        return MySQLStatement("set", text, variables=tuple(set_items(tree)))
    if isinstance(tree, (exp.Insert, exp.Update, exp.Delete, exp.Merge)):
        target = tree.this
        while isinstance(target, exp.Schema):
            target = target.this
        return MySQLStatement("dml", text, table=table_name(target) if isinstance(target, exp.Table) else None)
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


def _create_index(body: str, m: re.Match[str], text: str) -> MySQLStatement:
    kind = (m.group(1) or "").strip().lower() or "index"
    name = _unquote_name(body[m.start(3):m.end(3)])
    table = _unquote_name(body[m.start(4):m.end(4)])
    algorithm, lock, comma = _alg_lock(body[m.start(6):] if m.group(6) else "")
    columns = tuple(split_top(body[m.start(5):m.end(5)]))
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
            specs.extend(alter_spec(action))
        for option in tree.args.get("options") or []:
            specs.extend(alter_option(option))
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
    added = ", ".join("ADD COLUMN " + part for part in split_top(inner))
    return _expand_add_columns(body[:m.start()] + added + body[i:])
