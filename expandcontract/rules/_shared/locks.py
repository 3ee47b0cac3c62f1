"""Helpers shared by the lock rules (EC2xx): which table a statement really locks, whether that
table is live in production, and the words every lock message uses."""

from __future__ import annotations

import re

from ...core.identifiers import quote_ident, quote_qualified, truncate_identifier
from ...core.lazyre import LazyPattern
from ...core.migration import Step
from ...core.ops import Action, Classification, Lock, Op
from ...core.schema import Schema
from .. import RuleContext, ScriptIndex

__all__ = [
    "article",
    "bare",
    "constraint_name",
    "index_table",
    "live_locks_in",
    "lock_words",
    "locked_table",
    "relation_is_new",
    "sql_list",
]


def article(lock: Lock) -> str:
    """``'an ACCESS EXCLUSIVE'``, ``'a SHARE'``."""
    return ("an " if lock.label[0] in "AEIOU" else "a ") + lock.label


def lock_words(lock: Lock, table: str) -> str:
    """``'an ACCESS EXCLUSIVE lock on users (all reads and writes of users wait)'``."""
    who = lock.blocks
    if lock >= Lock.SHARE:
        who = f"{who} on {table} wait"
    return f"{article(lock)} lock on {table} ({who})"


def index_table(ctx: RuleContext, index: str | None, schema: Schema | None = None) -> str | None:
    """The table an index belongs to, when the schema knows the index."""
    return _index_table(index, schema or ctx.schema)


def _index_table(index: str | None, schema: Schema) -> str | None:
    found = schema.index(index)
    return found.table if found else None


def locked_table(ctx: RuleContext, action: Action, schema: Schema | None = None) -> str | None:
    """The table whose lock the action takes (an index's table for DROP/REINDEX INDEX), looked up
    in ``schema`` (default: the schema before this statement)."""
    return _locked_table(action, schema or ctx.schema)


def _locked_table(action: Action, schema: Schema) -> str | None:
    if action.op == Op.DROP_INDEX:
        return _index_table(action.object_name, schema)
    if action.op == Op.REINDEX and action.detail.get("kind") == "REINDEX_OBJECT_INDEX":
        return _index_table(action.table, schema)
    return action.table


def unknown_locked_table(step: Step, action: Action) -> str | None:
    """The words naming the table a DROP INDEX or REINDEX INDEX locks when the schema does not know
    the index (``'the table of i_idx'``): assumed live, like every table lint never saw created."""
    if action.op == Op.DROP_INDEX:
        index = action.object_name
    elif action.op == Op.REINDEX and action.detail.get("kind") == "REINDEX_OBJECT_INDEX":
        index = action.table
    else:
        return None
    if not index or _index_table(index, step.schema_before) is not None:
        return None
    return f"the table of {index}"


__all__ += ["unknown_locked_table"]


def live_locks_in(index: ScriptIndex) -> list[list[tuple[str, Lock, Classification]]]:
    """For each step of the script: (table, lock, classification) for every table live in
    production that it locks, referenced tables of foreign keys included (they get SHARE ROW
    EXCLUSIVE). Worked out once per script, for every rule that asks."""
    return index.get(_live_locks)


def _live_locks(index: ScriptIndex) -> list[list[tuple[str, Lock, Classification]]]:
    return [_step_live_locks(step, index.migration) for step in index.steps]


def _step_live_locks(step: Step, migration: str) -> list[tuple[str, Lock, Classification]]:
    found = []
    for action, cls in zip(step.actions, step.classifications, strict=True):
        if noop_create(step, action):
            continue
        table = _locked_table(action, step.schema_before)
        creates = action.op in (Op.CREATE_TABLE, Op.CREATE_TABLE_AS, Op.CREATE_MATVIEW)
        if cls.lock > Lock.NONE and not creates and _existing_at(step, table, migration):
            found.append((table, cls.lock, cls))
        if action.op == Op.DETACH_PARTITION and action.object_name and _existing_at(step, action.object_name, migration):
            found.append((action.object_name, cls.lock, cls))  # the partition is locked too
        for table_of, _ in cascaded_triggers(step, action):  # dropped with the function, under ACCESS EXCLUSIVE
            if _existing_at(step, table_of, migration):
                found.append((table_of, Lock.ACCESS_EXCLUSIVE, cls))
        default = scanned_default_partition(step, action)
        if default is not None and _existing_at(step, default.name, migration):
            found.append((default.name, Lock.ACCESS_EXCLUSIVE, cls))  # checked for rows of the new range
        for other, lock, _ in cls.other_locks:  # e.g. the table a dropped foreign key references
            if other != table and _existing_at(step, other, migration):
                found.append((other, lock, cls))
        if action.op in (Op.CREATE_TABLE, Op.ADD_CONSTRAINT, Op.ADD_COLUMN):
            for ref in action.tables:
                if ref != table and _existing_at(step, ref, migration):
                    found.append((ref, Lock.SHARE_ROW_EXCLUSIVE, cls))
    return found


def relation_is_new(ctx: RuleContext, name: str | None) -> bool:
    """A table or (materialized) view created by this migration: nobody uses it yet."""
    if ctx.table_is_new(name):
        return True
    view = ctx.schema.view(name)
    return view is not None and view.origin == ctx.migration.name


def _existing_at(step: Step, table: str | None, migration: str) -> bool:
    """``table`` was live in production when ``step`` of migration ``migration`` ran."""
    if not table:
        return False
    known = step.schema_before.table(table) or step.schema_before.view(table)
    return not (known is not None and known.origin == migration)


def bare(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def constraint_name(table: str, *parts: str) -> str:
    """A constraint name in PostgreSQL's style, cut to 63 bytes: ``users_email_not_null_check``."""
    return truncate_identifier("_".join((bare(table), *parts)))


def sql_list(names: tuple[str, ...] | list[str]) -> str:
    """``(a, "Order")`` or ``(…)`` when the names are unknown."""
    return "(" + (", ".join(quote_ident(n) for n in names) if names else "…") + ")"


_CREATE_INDEX = LazyPattern(r"^\s*CREATE\s+(UNIQUE\s+)?INDEX\b(?!\s+CONCURRENTLY\b)", re.IGNORECASE)


def concurrent_form(statement_text: str) -> str | None:
    """The statement as written, on one line, with CONCURRENTLY where PostgreSQL wants it (None
    when it is not a plain ``CREATE [UNIQUE] INDEX``).

    >>> concurrent_form("create unique index if not exists i\\n  on t (lower(e)) where d is null")
    'create unique index CONCURRENTLY if not exists i on t (lower(e)) where d is null'
    >>> concurrent_form("CREATE INDEX CONCURRENTLY i ON t (a)")
    'CREATE INDEX CONCURRENTLY i ON t (a)'
    """
    flat = " ".join(statement_text.split()).rstrip(";").strip()
    if re.match(r"^CREATE\s+(UNIQUE\s+)?INDEX\s+CONCURRENTLY\b", flat, re.IGNORECASE):
        return flat
    match = _CREATE_INDEX.match(flat)
    return f"{flat[:match.end()]} CONCURRENTLY{flat[match.end():]}" if match else None


def long_words(cls: Classification) -> str:
    """How long the lock is held, in words."""
    if cls.rewrites:
        return "for the whole table rewrite"
    if cls.scans:
        return "for a full table scan"
    return "until the transaction commits"


__all__ += ["concurrent_form", "long_words", "quote_ident", "quote_qualified"]


# statements whose work is reading other tables: slow work when those exist in production
_READERS = frozenset({Op.CREATE_TABLE_AS, Op.CREATE_MATVIEW, Op.INSERT, Op.UPDATE, Op.DELETE, Op.MERGE,
                      Op.REFRESH_MATVIEW, Op.DO_BLOCK, Op.SELECT})
# tables a migration tool keeps for itself: reading them is a point lookup, not the app's data
_BOOKKEEPING = frozenset({"alembic_version"})


def live_reads(step: Step, migration: str) -> tuple[str, ...]:
    """The tables live in production (created before migration ``migration``) that ``step``
    reads: a SELECT (a data migration's read, FOR UPDATE and WITH … included), the query of
    CREATE TABLE … AS / CREATE MATERIALIZED VIEW / INSERT … SELECT, the table
    an UPDATE, DELETE or MERGE changes and everything it joins, the base tables a REFRESH
    MATERIALIZED VIEW reads, the static SQL of a DO block. Reading a production table is O(rows):
    slow work when it runs under a lock other sessions wait for. Relations the schema does not
    know (catalogs, information_schema) and a migration tool's own table (``alembic_version``) are
    not counted; a view stands for the tables it reads."""
    from ...core.ops.views import query_reads

    if not any(a.op in _READERS for a in step.actions):
        return ()
    names: set[str] = set()
    for action in step.actions:
        op = action.op
        if noop_create(step, action):
            continue
        if op in (Op.CREATE_TABLE_AS, Op.CREATE_MATVIEW):
            into = (step.statement.node or {}).get("CreateTableAsStmt", {}).get("into", {})
            if not into.get("skipData"):  # WITH NO DATA reads nothing
                names |= query_reads(action.detail.get("query_node"))[0]
        elif op == Op.SELECT:
            read = query_reads(step.statement.node)[0]
            if not _index_lookup(step.statement.node, read, step.schema_before):
                names |= read
        elif op == Op.INSERT and action.detail.get("from_select"):
            names |= query_reads(step.statement.node)[0]
        elif op in (Op.UPDATE, Op.DELETE, Op.MERGE) and not index_lookup(step):
            names |= {action.table or "", *query_reads(step.statement.node)[0]}
        elif op == Op.REFRESH_MATVIEW:
            view = step.schema_before.view(action.table)
            names |= set(view.depends_on) if view else set()
        elif op == Op.DO_BLOCK:
            names |= _do_block_reads(step)
    schema = step.schema_before
    live: set[str] = set()
    for name in names:
        view = schema.view(name)
        for table in (view.depends_on if view is not None else (name,)):
            known = schema.table(table)
            if known is not None and known.origin != migration and bare(table) not in _BOOKKEEPING:
                live.add(table)
    return tuple(sorted(live))


def index_lookup(step: Step) -> bool:
    """The statement is a SELECT, UPDATE or DELETE that finds its rows through an index of the
    one table it reads (``_index_lookup``): it reads no other row of it."""
    from ...core.ops.views import query_reads

    node = step.statement.node
    if not node or not ({"SelectStmt", "UpdateStmt", "DeleteStmt"} & node.keys()):
        return False
    return _index_lookup(node, query_reads(node)[0], step.schema_before)


__all__ += ["index_lookup"]


def _index_lookup(node, read: frozenset[str], schema: Schema) -> bool:
    """A SELECT, UPDATE or DELETE of one table (reading nothing else) whose WHERE pins the leading
    column of one of its indexes, primary key or unique constraints to one value (``col = value``,
    ``col IS NULL``, ANDed with anything): PostgreSQL finds the matching rows through the index,
    it reads no other row.

    >>> from expandcontract.core.parse import parse_sql
    >>> schema = Schema.from_sql("CREATE TABLE w (id int PRIMARY KEY, p int, n text); CREATE INDEX w_p ON w (p)")
    >>> def lookup(sql):
    ...     node = parse_sql(sql)[0].node
    ...     from expandcontract.core.ops.views import query_reads
    ...     return _index_lookup(node, query_reads(node)[0], schema)
    >>> lookup("SELECT n FROM w WHERE id = 7"), lookup("SELECT count(*) FROM w WHERE p IS NULL AND n <> 'x'")
    (True, True)
    >>> lookup("SELECT n FROM w WHERE n = 'x'"), lookup("SELECT n FROM w"), lookup("SELECT n FROM w WHERE id > 7")
    (False, False, False)
    >>> lookup("SELECT n FROM w WHERE id = 7 AND n IN (SELECT n FROM v)")  # it reads v too
    False
    >>> lookup("UPDATE w SET n = 'y' WHERE p = 3"), lookup("DELETE FROM w WHERE id = $1"), lookup("UPDATE w SET n = ''")
    (True, True, False)
    """
    node = node or {}
    select = node.get("SelectStmt") or node.get("UpdateStmt") or node.get("DeleteStmt") or {}
    if select.get("relation"):  # the table an UPDATE or DELETE changes
        from ...core.model import relation_key
        from ...core.ops.tree import rel_name

        read = read | {relation_key(rel_name(select["relation"]))}
    if len(read) != 1 or select.get("op", "SETOP_NONE") != "SETOP_NONE":
        return False  # it reads other tables too (a join, a subquery, UPDATE … FROM), or a UNION
    where = select.get("whereClause") or {}
    both = where.get("BoolExpr", {})
    conjuncts = both.get("args", ()) if both.get("boolop") == "AND_EXPR" else (where,)
    pinned = set()
    for conjunct in conjuncts:
        test, expr = conjunct.get("NullTest"), conjunct.get("A_Expr")
        if test and test.get("nulltesttype") == "IS_NULL":
            pinned.add(_column_name(test.get("arg")))
        elif expr and expr.get("kind") == "AEXPR_OP" and [n.get("String", {}).get("sval") for n in expr.get("name", ())] == ["="]:
            for column, value in ((expr.get("lexpr"), expr.get("rexpr")), (expr.get("rexpr"), expr.get("lexpr"))):
                if _is_value(value):
                    pinned.add(_column_name(column))
    (table,) = read
    leading = {i.columns[0] for i in schema.indexes_on(table) if i.columns and not i.partial}
    leading |= {c.columns[0] for c in schema.constraints_on(table).values()
                if c.kind in ("primary_key", "unique") and c.columns}
    return bool((pinned - {None}) & leading)


def _column_name(node) -> str | None:
    fields = ((node or {}).get("ColumnRef") or {}).get("fields", ())
    names = [f.get("String", {}).get("sval") for f in fields]
    return names[-1] if names and names[-1] else None


def _is_value(node) -> bool:
    """A constant or a parameter (possibly cast): one value."""
    node = node or {}
    if "TypeCast" in node:
        node = node["TypeCast"].get("arg") or {}
    return "A_Const" in node or "ParamRef" in node


def _do_block_reads(step: Step) -> set[str]:
    """The relations the static SQL of a DO block reads or changes: every query of its PL/pgSQL
    (statements, PERFORM, FOR … IN SELECT, conditions); dynamic EXECUTE strings are EC217's."""
    import pgparse

    from ...core.ops.registry import extract_actions
    from ...core.ops.views import query_reads
    from ...core.parse import parse_sql
    from ..ec217_do_block_hides_changes import _do_body

    node = (step.statement.node or {}).get("DoStmt")
    body = _do_body(node) if node else None
    quote = "$ec_do$"
    if not body or quote in body:
        return set()
    try:
        tree = pgparse.parse_pgsql(f"CREATE FUNCTION ec_do() RETURNS void AS {quote}{body}{quote} LANGUAGE plpgsql")
    except pgparse.PGQueryError:
        return set()
    names: set[str] = set()
    stack: list = [tree]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            if "PLpgSQL_stmt_dynexecute" in item:
                continue  # a string built at run time
            query = item.get("PLpgSQL_expr", {}).get("query") if "PLpgSQL_expr" in item else None
            if query is None:
                stack.extend(item.values())
                continue
            statements = parse_sql(query)
            if not statements or statements[0].node is None:
                statements = parse_sql(f"SELECT {query}")  # an expression (IF EXISTS (…), x := …)
            for stmt in statements:
                if stmt.node is None:
                    continue
                names |= query_reads(stmt.node)[0]
                names |= {a.table for a in extract_actions(stmt) if a.op in (Op.UPDATE, Op.DELETE, Op.MERGE) and a.table}
    return names


_NOT_TABLE_OPS = frozenset({Op.CREATE_VIEW, Op.RENAME_VIEW, Op.DROP_VIEW, Op.RENAME_VIEW_COLUMN, Op.CREATE_SEQUENCE,
                            Op.ALTER_SEQUENCE, Op.RENAME_SEQUENCE, Op.DROP_SEQUENCE})


def locks_a_table(step: Step, action: Action, table: str | None) -> bool:
    """The lock ``action`` takes on ``table`` is a lock on a table (not on a view, a sequence or
    a system catalog): one that the application's reads and writes queue behind."""
    if not table or action.op in _NOT_TABLE_OPS:
        return False
    if step.schema_before.view(table) is not None and action.op != Op.REFRESH_MATVIEW:
        return False  # a view (a materialized one is refreshed in place, under its own lock)
    return not table.startswith(("pg_catalog.", "information_schema."))


__all__ += ["live_reads", "locks_a_table", "noop_create"]


def noop_create(step: Step, action: Action) -> bool:
    """``CREATE … IF NOT EXISTS`` of a relation that exists: PostgreSQL does nothing, locks nothing."""
    return bool(action.if_not_exists and action.op in (Op.CREATE_TABLE, Op.CREATE_TABLE_AS, Op.CREATE_MATVIEW)
                and step.schema_before.has_relation(action.table))


def scanned_default_partition(step: Step, action: Action):
    """The DEFAULT partition (a ``Table``) that PostgreSQL scans under ACCESS EXCLUSIVE when
    ``action`` adds a partition for a range of values (``ALTER TABLE … ATTACH PARTITION``,
    ``CREATE TABLE … PARTITION OF … FOR VALUES``): none of its rows may belong to the new range.
    None when there is no default partition, when the new partition is itself the default, or
    when the default partition has a validated CHECK constraint (one that excludes the new range
    lets PostgreSQL skip the scan; lint does not prove the range, PostgreSQL does)."""
    if action.op == Op.ATTACH_PARTITION:
        parent = action.table
    elif action.op == Op.CREATE_TABLE and not noop_create(step, action):
        parent = action.detail.get("partition_of")
    else:
        return None
    if not parent or action.detail.get("partition_default"):
        return None
    default = step.schema_before.default_partition(parent)
    if default is None or any(c.kind == "check" and c.validated and not c.not_null_column
                              for c in default.constraints.values()):
        return None
    return default


__all__ += ["scanned_default_partition"]


def cascaded_triggers(step: Step, action: Action) -> list[tuple[str, str]]:
    """(table, trigger) of the triggers ``DROP FUNCTION … CASCADE`` drops with the function: each
    takes an ACCESS EXCLUSIVE lock on its table."""
    if action.op != Op.DROP_FUNCTION or not action.cascade or not action.object_name:
        return []
    return step.schema_before.triggers_executing(action.object_name)


__all__ += ["cascaded_triggers"]
