"""An app query, parsed once into what resolution needs against any schema state.

sqlglot parses the query and splits it into scopes (``traverse_scope``) a single time. A
write (INSERT, UPDATE, DELETE, MERGE) is described by a ``Write`` and its expressions are
rewritten as plain SELECTs over the same relations, so one resolver handles every column
reference: ``UPDATE t SET a = b FROM u WHERE …`` reads like ``SELECT b FROM t, u WHERE …``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError, SqlglotError
from sqlglot.optimizer.normalize_identifiers import normalize_identifiers
from sqlglot.optimizer.scope import Scope, traverse_scope

from .placeholders import pad_parameters

__all__ = ["NotAnalysable", "QueryPlan", "Write", "plan_query", "query_of", "relation_key"]

DIALECT = "postgres"
# INSERT … OVERRIDING SYSTEM|USER VALUE: sqlglot cannot read it, and it changes no name resolution
_OVERRIDING = re.compile(r"\bOVERRIDING\s+(SYSTEM|USER)\s+VALUE\b(?=\s*(VALUES|SELECT|WITH|TABLE|\())", re.I)


class NotAnalysable(Exception):
    """The query cannot be resolved statically; the message says why."""


@dataclass(frozen=True)
class Write:
    """What a data-changing statement needs of its target beyond column resolution."""

    op: str  # "insert" | "update" | "delete" | "merge"
    target: str  # relation key, as the schema model keys it
    inserts: bool = False  # adds rows: target columns and NOT NULL columns are checked
    columns: tuple[str, ...] | None = None  # INSERT's column list; None: positional
    values_width: int | None = None  # widest VALUES row
    values_narrowest: int | None = None  # narrowest VALUES row
    source: int | None = None  # index in ``QueryPlan.selects`` of INSERT … SELECT's query
    default_values: bool = False
    set_columns: tuple[str, ...] = ()  # UPDATE SET / ON CONFLICT DO UPDATE SET / MERGE UPDATE
    conflict_columns: tuple[str, ...] | None = None
    conflict_constraint: str | None = None
    conflict_partial: bool = False  # ON CONFLICT (…) WHERE …: a partial unique index may match
    # errors PostgreSQL raises whatever the schema: (kind, message, column)
    invalid: tuple[tuple[str, str, str | None], ...] = ()
    defaulted: frozenset[str] = frozenset()  # columns only ever written as DEFAULT (fine when generated)


@dataclass(frozen=True, eq=False)
class QueryPlan:
    """``selects`` are root expressions whose scopes (children first) are in ``scopes``."""

    expression: exp.Expression
    selects: tuple[exp.Expression, ...]
    scopes: tuple[tuple[Scope, ...], ...]
    relations: tuple[str, ...]  # every relation the query names: the resolution cache key
    write: Write | None = None
    # id(scope) -> the columns written in that scope itself. sqlglot's ``Scope.columns`` also
    # lists a subquery's bare columns (they might be correlated); those are resolved in the
    # subquery's own scope, which looks outwards as PostgreSQL does.
    own_columns: Mapping[int, tuple[exp.Column, ...]] = field(default_factory=dict)
    # errors PostgreSQL raises at parse analysis whatever the schema: (kind, message, relation, column)
    invalid: tuple[tuple[str, str, str | None, str | None], ...] = ()
    # the data-modifying CTEs (``WITH gone AS (DELETE … RETURNING …)``), each planned on its own;
    # in ``expression`` each is a SELECT of its RETURNING list over its target
    subplans: tuple[QueryPlan, ...] = ()


def relation_key(table: exp.Table) -> str:
    """``public.users`` and ``users`` -> ``users``; ``app.users`` -> ``app.users``."""
    db = table.db
    return table.name if not db or db == "public" else f"{db}.{table.name}"


def plan_query(sql: str) -> QueryPlan:
    """Parse and scope a query (placeholders already ``$n``). Raises ``NotAnalysable``."""
    try:
        parsed = sqlglot.parse(_OVERRIDING.sub(" ", pad_parameters(sql)), read=DIALECT)
    except ParseError as exc:
        raise NotAnalysable(f"sqlglot cannot read it: {_first_error(exc)}") from None
    except SqlglotError as exc:  # tokenizer errors and the like
        raise NotAnalysable(f"sqlglot cannot read it: {exc}") from None
    statements = [p for p in parsed if p is not None]
    if len(statements) != 1:
        raise NotAnalysable("not exactly one statement")
    expression = normalize_identifiers(statements[0], dialect=DIALECT)
    return _plan(expression)


def plan_expression(expression: exp.Expression) -> QueryPlan:
    return _plan(normalize_identifiers(expression, dialect=DIALECT))


_WRITES = (exp.Insert, exp.Update, exp.Delete, exp.Merge)


def _plan(expression: exp.Expression) -> QueryPlan:
    locked: list[tuple[str, str, str | None, str | None]] = []
    for lock in expression.find_all(exp.Lock):  # FOR UPDATE OF t names a FROM item, not a relation
        select = lock.parent
        items = [select.args.get("from_") and select.args["from_"].this,
                 *[j.this for j in select.args.get("joins") or ()]] if isinstance(select, exp.Select) else []
        names = {i.alias_or_name for i in items if i is not None}
        for table in lock.expressions:
            if isinstance(select, exp.Select) and table.name not in names:
                locked.append(("unknown-alias", f'relation "{table.name}" in FOR UPDATE clause not found in FROM '
                               f'clause', table.name, None))
        lock.set("expressions", [])
    subplans = _data_modifying_ctes(expression)
    for cte in expression.find_all(exp.CTE):
        if not isinstance(cte.this, (exp.Query,)):
            raise NotAnalysable("a data-modifying WITH inside a subquery is not analysed")
    if isinstance(expression, (exp.Query,)):
        selects, write = [expression], None
    elif isinstance(expression, exp.Values):  # a bare VALUES list: its expressions see no table
        values = [v.copy() for row in expression.expressions for v in _row(row)]
        selects, write = [exp.Select(expressions=values or [exp.Literal.number(1)])], None
    elif isinstance(expression, exp.Insert):
        selects, write = _insert(expression)
    elif isinstance(expression, exp.Update):
        selects, write = _update(expression)
    elif isinstance(expression, exp.Delete):
        selects, write = _delete(expression)
    elif isinstance(expression, exp.Merge):
        selects, write = _merge(expression)
    else:
        kind = type(expression).__name__.upper()
        raise NotAnalysable(f"{kind} statements are not analysed (only SELECT, INSERT, UPDATE, DELETE, MERGE)")
    scopes = []
    for select in selects:
        try:
            scopes.append(tuple(traverse_scope(select)))
        except SqlglotError as exc:
            raise NotAnalysable(f"sqlglot cannot scope it: {exc}") from None
    relations = sorted({relation_key(t) for t in expression.find_all(exp.Table) if _names_relation(t)}
                       | {r for sub in subplans for r in sub.relations})
    own = {id(scope): tuple(c for c in scope.columns if query_of(c) is scope.expression)
           for scope_list in scopes for scope in scope_list}
    invalid = [(kind, message, write.target, column) for kind, message, column in write.invalid] if write else []
    invalid += locked
    for values in expression.find_all(exp.Values):
        if len({len(_row(r)) for r in values.expressions}) > 1:
            invalid.append(("value-count", "VALUES lists must all be the same length",
                            write.target if write and values.parent is expression else None, None))
    return QueryPlan(expression, tuple(selects), tuple(scopes), tuple(relations), write, own, tuple(invalid),
                     tuple(subplans))


def _data_modifying_ctes(statement: exp.Expression) -> list[QueryPlan]:
    """Plan each ``WITH x AS (INSERT/UPDATE/DELETE/MERGE …)`` of the statement's own WITH as a
    write of its own (seeing the CTEs before it), and leave in its place what the rest of the
    statement reads: a SELECT of its RETURNING list over its target."""
    with_ = statement.args.get("with_")
    if with_ is None or not any(isinstance(c.this, _WRITES) for c in with_.expressions):
        return []
    plans = []
    earlier: list[exp.CTE] = []
    for cte in with_.expressions:
        body = cte.this
        if isinstance(body, _WRITES):
            inner = body.copy()
            if earlier:
                inner.set("with_", exp.With(expressions=[c.copy() for c in earlier],
                                            recursive=with_.args.get("recursive")))
            plans.append(_plan(inner))
            target, _ = _target(body)
            select = exp.Select(expressions=[e.copy() for e in _returning(body)] or [exp.Literal.number(1)])
            select.set("from_", exp.From(this=target.copy()))
            cte.set("this", select)
        earlier.append(cte)
    return plans


def _row(row: exp.Expression) -> list[exp.Expression]:
    return row.expressions if isinstance(row, exp.Tuple) else [row]


def _duplicates(names, message: str) -> list[tuple[str, str, str | None]]:
    """``column "a" specified more than once`` for each name given twice."""
    seen: set[str] = set()
    found = []
    for name in names:
        if name in seen and all(f[2] != name for f in found):
            found.append(("duplicate-column", message.format(name), name))
        seen.add(name)
    return found


def _width_mismatch(columns: tuple[str, ...], width: int) -> list[tuple[str, str, str | None]]:
    if width > len(columns):
        return [("value-count", f"INSERT has more expressions ({width}) than target columns ({len(columns)})", None)]
    if width < len(columns):
        return [("value-count", f"INSERT has more target columns ({len(columns)}) than expressions ({width})", None)]
    return []


_SPECIFIED_TWICE = 'column "{}" specified more than once'
_ASSIGNED_TWICE = 'multiple assignments to same column "{}"'


def query_of(node: exp.Expression) -> exp.Expression | None:
    """The innermost SELECT or set operation a node is written in."""
    parent = node.parent
    while parent is not None and not isinstance(parent, (exp.Select, exp.SetOperation)):
        parent = parent.parent
    return parent


def _names_relation(table: exp.Table) -> bool:
    return isinstance(table.this, exp.Identifier)


# -- writes as selects -------------------------------------------------------------------------


def _with(statement: exp.Expression, select: exp.Select) -> exp.Select:
    """Give a synthesised SELECT the statement's WITH clause, so CTE names still resolve."""
    with_ = statement.args.get("with_") or statement.args.get("with")
    if with_ is not None:
        select.set("with_", with_.copy())
    return select


def _target(statement: exp.Expression) -> tuple[exp.Table, tuple[str, ...] | None]:
    node = statement.this
    columns = None
    if isinstance(node, exp.Schema):
        columns = tuple(i.name for i in node.expressions)
        node = node.this
    if not isinstance(node, exp.Table) or not _names_relation(node):
        raise NotAnalysable("the target is not a table name")
    return node, columns


def _alias(table: exp.Table) -> str:
    return table.alias or table.name


def _over(statement: exp.Expression, target: exp.Table, expressions: list[exp.Expression],
          extra_from: list[exp.Expression] = (), where: exp.Expression | None = None) -> exp.Select:
    select = exp.Select(expressions=[e.copy() for e in expressions] or [exp.Literal.number(1)])
    select.set("from_", exp.From(this=target.copy()))
    joins = [exp.Join(this=item.copy()) for item in extra_from]
    if joins:
        select.set("joins", joins)
    if where is not None:
        select.set("where", exp.Where(this=where.copy()))
    return _with(statement, select)


def _returning(statement: exp.Expression) -> list[exp.Expression]:
    returning = statement.args.get("returning")
    return list(returning.expressions) if returning else []


def _set_pairs(expressions: list[exp.Expression], invalid: list | None = None, defaults: dict | None = None
               ) -> tuple[tuple[str, ...], list[exp.Expression]]:
    """``SET a = x, (b, c) = (y, z)`` -> (``('a', 'b', 'c')``, ``[x, y, z]``); errors PostgreSQL
    raises whatever the schema (a column assigned twice, a count mismatch) go to ``invalid``,
    and ``defaults`` says of each column whether it is only set to DEFAULT."""
    columns: list[str] = []
    values: list[exp.Expression] = []
    for item in expressions:
        if not isinstance(item, exp.EQ):
            raise NotAnalysable(f"unexpected SET item {item.sql(DIALECT)}")
        left, right = item.this, item.expression
        targets = left.expressions if isinstance(left, exp.Tuple) else [left]
        for column in targets:
            if not isinstance(column, exp.Column):
                raise NotAnalysable(f"unexpected SET target {column.sql(DIALECT)}")
            columns.append(column.name)
        row = isinstance(right, exp.Tuple) or (isinstance(right, exp.Anonymous) and right.name.upper() == "ROW")
        sources = right.expressions if row else [right]
        if isinstance(left, exp.Tuple) and invalid is not None:
            if row and len(sources) != len(targets):
                invalid.append(("value-count", f"number of columns ({len(targets)}) does not match number of "
                                f"values ({len(sources)})", None))
            elif not row and not isinstance(right, exp.Subquery) and len(targets) > 1:
                invalid.append(("value-count", "source for a multiple-column UPDATE item must be a sub-SELECT "
                                "or ROW() expression", None))
        values.extend(v for v in sources if not _is_default(v))
        if defaults is not None:
            for index, column in enumerate(targets):
                value = sources[index] if row and index < len(sources) else (right if len(targets) == 1 else None)
                defaults[column.name] = defaults.get(column.name, True) and value is not None and _is_default(value)
    if invalid is not None:
        invalid.extend(_duplicates(columns, _ASSIGNED_TWICE))
    return tuple(columns), values


def _is_default(node: exp.Expression) -> bool:
    return (isinstance(node, exp.Var) and node.name.upper() == "DEFAULT") or (
        isinstance(node, exp.Column) and not node.table and node.name.lower() == "default"
        and not node.this.quoted)


def _insert(statement: exp.Insert) -> tuple[list[exp.Expression], Write]:
    target, columns = _target(statement)
    selects: list[exp.Expression] = []
    source = statement.expression
    values_width = narrowest = None
    source_index = None
    invalid = _duplicates(columns or (), _SPECIFIED_TWICE)
    defaults: dict[str, bool] = {}
    if isinstance(source, exp.Values):
        rows = [_row(row) for row in source.expressions]
        values_width = max((len(r) for r in rows), default=0)
        narrowest = min((len(r) for r in rows), default=0)
        for index, column in enumerate(columns or ()):
            defaults[column] = bool(rows) and all(index < len(r) and _is_default(r[index]) for r in rows)
        values = [v for row in rows for v in row if not _is_default(v)]
        if values:  # subqueries and expressions in VALUES see no table
            selects.append(_with(statement, exp.Select(expressions=[v.copy() for v in values])))
    elif isinstance(source, exp.Query):
        query = source.copy()
        with_ = statement.args.get("with_")
        if with_ is not None and not query.args.get("with_"):
            query.set("with_", with_.copy())
        source_index = len(selects)
        selects.append(query)
    elif source is not None:
        raise NotAnalysable(f"unexpected INSERT source {source.sql(DIALECT)[:40]}")
    for column in columns or ():
        defaults.setdefault(column, False)  # INSERT … SELECT writes what the query returns
    conflict = statement.args.get("conflict")
    set_columns: tuple[str, ...] = ()
    conflict_columns = conflict_constraint = None
    partial = False
    if conflict is not None:
        keys = conflict.args.get("conflict_keys")
        if keys:
            conflict_columns = tuple(_key_name(k) for k in keys)
        constraint = conflict.args.get("constraint")
        if constraint is not None:
            conflict_constraint = constraint.name
        predicate = conflict.args.get("index_predicate")
        partial = predicate is not None
        if predicate is not None:
            selects.append(_over(statement, target, [exp.Literal.number(1)], where=predicate.this))
        if conflict.expressions:
            set_columns, values = _set_pairs(conflict.expressions, invalid, defaults)
            excluded = exp.Table(this=target.this.copy(), db=target.args.get("db"),
                                 alias=exp.TableAlias(this=exp.to_identifier("excluded")))
            where = conflict.args.get("where")
            selects.append(_over(statement, target, values, [excluded], where.this if where else None))
    returning = _returning(statement)
    selects.append(_over(statement, target, returning))
    write = Write(
        op="insert", target=relation_key(target), inserts=True, columns=columns, values_width=values_width,
        values_narrowest=narrowest, source=source_index, default_values=bool(statement.args.get("default")),
        set_columns=set_columns, conflict_columns=conflict_columns,
        conflict_constraint=conflict_constraint, conflict_partial=partial, invalid=tuple(invalid),
        defaulted=frozenset(c for c, only in defaults.items() if only),
    )
    return selects, write


def _key_name(key: exp.Expression) -> str:
    node = key.this if isinstance(key, exp.Ordered) else key
    if isinstance(node, exp.Column):
        return node.name
    raise NotAnalysable(f"ON CONFLICT on an expression ({node.sql(DIALECT)}) is not analysed")


def _update(statement: exp.Update) -> tuple[list[exp.Expression], Write]:
    target, _ = _target(statement)
    invalid: list = []
    defaults: dict[str, bool] = {}
    set_columns, values = _set_pairs(statement.expressions, invalid, defaults)
    from_ = statement.args.get("from_") or statement.args.get("from")
    extra = [from_.this, *[j.this for j in from_.args.get("joins") or ()]] if from_ else []
    where = statement.args.get("where")
    selects = [_over(statement, target, values + _returning(statement), extra, where.this if where else None)]
    return selects, Write(op="update", target=relation_key(target), set_columns=set_columns, invalid=tuple(invalid),
                          defaulted=frozenset(c for c, only in defaults.items() if only))


def _delete(statement: exp.Delete) -> tuple[list[exp.Expression], Write]:
    target, _ = _target(statement)
    using = list(statement.args.get("using") or ())
    where = statement.args.get("where")
    selects = [_over(statement, target, _returning(statement), using, where.this if where else None)]
    return selects, Write(op="delete", target=relation_key(target))


def _merge(statement: exp.Merge) -> tuple[list[exp.Expression], Write]:
    target, _ = _target(statement)
    using = statement.args.get("using")
    on = statement.args.get("on")
    values: list[exp.Expression] = []
    set_columns: list[str] = []
    insert_columns: tuple[str, ...] | None = None
    width = None
    inserts = False
    invalid: list = []
    defaults: dict[str, bool] = {}
    whens = statement.args.get("whens")
    for when in whens.expressions if whens else ():
        then = when.args.get("then")
        condition = when.args.get("condition")
        if condition is not None:
            values.append(condition)
        if isinstance(then, exp.Update):
            cols, vals = _set_pairs(then.expressions, invalid, defaults)
            set_columns.extend(cols)
            values.extend(vals)
        elif isinstance(then, exp.Insert):
            inserts = True
            node = then.this
            if isinstance(node, exp.Tuple):
                insert_columns = tuple(c.name for c in node.expressions)
                invalid.extend(_duplicates(insert_columns, _SPECIFIED_TWICE))
            row = then.expression
            if isinstance(row, exp.Tuple):
                width = len(row.expressions)
                values.extend(v for v in row.expressions if not _is_default(v))
                if isinstance(node, exp.Tuple):
                    invalid.extend(_width_mismatch(insert_columns, width))
                    for index, column in enumerate(insert_columns):
                        defaults[column] = defaults.get(column, True) and index < width \
                            and _is_default(row.expressions[index])
    selects = [_over(statement, target, values + _returning(statement), [using] if using else [], on)]
    write = Write(op="merge", target=relation_key(target), inserts=inserts, columns=insert_columns,
                  values_width=width, values_narrowest=width,
                  set_columns=tuple(set_columns), invalid=tuple(invalid),
                  defaulted=frozenset(c for c, only in defaults.items() if only))
    return selects, write


def _first_error(exc: ParseError) -> str:
    errors = getattr(exc, "errors", None)
    if errors:
        return errors[0].get("description") or str(exc).splitlines()[0]
    return str(exc).splitlines()[0]
