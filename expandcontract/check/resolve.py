"""Resolve a planned query against one schema state: the problems PostgreSQL would raise.

Name resolution follows PostgreSQL: a qualified column looks for its alias from the innermost
scope outwards; a bare column binds in the innermost scope that has it, and is ambiguous when
two FROM items of that scope have it (``USING``/``NATURAL`` merge theirs). Output names may be
used in ORDER BY and GROUP BY. Sources whose columns cannot be known (set-returning functions,
system catalogs) accept any column rather than guess.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlglot import exp
from sqlglot.optimizer.scope import Scope

from .catalog import Catalog, Relation, table_alias_columns
from .plan import NotAnalysable, QueryPlan, Write, query_of, relation_key

__all__ = ["ModelTable", "Problem", "Resolution", "resolve", "resolve_model", "star_relations", "view_definition"]

# Every table has these, hidden from ``*`` (``RETURNING (xmax = 0) AS inserted`` is a common upsert idiom).
SYSTEM_COLUMNS = frozenset({"ctid", "xmin", "xmax", "cmin", "cmax", "tableoid"})
# Words PostgreSQL reads as values where sqlglot may see a bare column.
_SQL_VALUE_WORDS = frozenset({
    "current_user", "session_user", "user", "current_role", "current_catalog", "current_schema",
    "localtime", "localtimestamp", "current_time", "current_timestamp", "current_date", "default",
})


@dataclass(frozen=True)
class Problem:
    """One reason a query fails on a state. ``kind`` is a stable identifier; ``message`` reads
    like PostgreSQL's error; ``relation``/``column`` say what it is about."""

    kind: str
    message: str
    relation: str | None = None
    column: str | None = None
    candidates: tuple[str, ...] = ()  # the relations a bare column was looked up in

    @property
    def key(self) -> tuple:
        return (self.kind, self.relation, self.column)


@dataclass(frozen=True)
class Resolution:
    """The problems of a query on one state, and where each bare column bound: ``id(column)``
    -> (name, query levels outwards, the relations that hold it). A binding that moves between
    states is a query that still runs but reads something else."""

    problems: tuple[Problem, ...]
    bindings: Mapping[int, tuple[str, int, tuple[str, ...]]] = field(default_factory=dict)


@dataclass(frozen=True)
class ModelTable:
    """A SQLAlchemy table as the ORM uses it: it reads and may write every mapped column."""

    table: str  # relation key (``users``, ``app.users``)
    columns: tuple[str, ...]
    class_name: str | None = None


def resolve(plan: QueryPlan, catalog: Catalog) -> Resolution:
    resolver = _Resolver(catalog, plan)
    for kind, message, relation, column in plan.invalid:
        resolver.report(Problem(kind, message, relation, column))
    for scopes in plan.scopes:
        for scope in scopes:
            resolver.check_scope(scope)
    if plan.write is not None:
        resolver.check_write(plan.write, plan)
    for sub in plan.subplans:  # WITH x AS (DELETE … RETURNING …): each write on its own
        found = resolve(sub, catalog)
        for problem in found.problems:
            resolver.report(problem)
        resolver.bindings.update(found.bindings)
    return Resolution(tuple(resolver.problems.values()), resolver.bindings)


def star_relations(plan: QueryPlan) -> frozenset[str]:
    """The relations whose every column a ``*`` hands to the app (``SELECT *``, ``t.*``,
    ``RETURNING *``, ``row_to_json(t.*)``, a whole-row ``row_to_json(t)``): such a query still runs when one of their columns
    is dropped or renamed, but the app may read that column by name. Stars inside ``EXISTS``
    return nothing to the app and are left out.

    >>> from .plan import plan_query
    >>> sorted(star_relations(plan_query("SELECT u.*, o.id FROM users u JOIN orders o ON o.user_id = u.id")))
    ['users']
    >>> sorted(star_relations(plan_query("SELECT id FROM t WHERE EXISTS (SELECT * FROM u)")))
    []
    >>> sorted(star_relations(plan_query("SELECT to_jsonb(u), o.id FROM users u JOIN orders o ON o.user_id = u.id")))
    ['users']
    """
    found: set[str] = set()
    for scopes in plan.scopes:
        for scope in scopes:
            select = scope.expression
            if not isinstance(select, exp.Select) or isinstance(select.parent, exp.Exists):
                continue
            sources = scope.selected_sources
            for projection in select.expressions:
                if isinstance(projection, exp.Star):
                    aliases = list(sources)
                else:
                    aliases = [c.table for c in projection.find_all(exp.Column) if c.is_star and c.table]
                # a whole-row reference (``row_to_json(u)``, ``SELECT u FROM users u``) hands every column too
                aliases += [c.name for c in projection.find_all(exp.Column)
                            if not c.table and not c.is_star and c.name in sources]
                for alias in aliases:
                    source = sources.get(alias, (None, None))[1]
                    if isinstance(source, exp.Table) and isinstance(source.this, exp.Identifier):
                        found.add(relation_key(source))
    return frozenset(found)


def resolve_model(model: ModelTable, catalog: Catalog) -> Resolution:
    return Resolution(_model_problems(model, catalog))


def _model_problems(model: ModelTable, catalog: Catalog) -> tuple[Problem, ...]:
    relation = catalog.get(model.table)
    if relation is None:
        return (Problem("missing-relation", f'relation "{model.table}" does not exist', model.table),)
    if relation.unknown:
        raise NotAnalysable(relation.unknown)
    problems = []
    if relation.columns is not None:
        for column in model.columns:
            if column not in relation.columns:
                problems.append(Problem("missing-column", f'column {model.table}.{column} does not exist',
                                        model.table, column, (model.table,)))
    target = catalog.write_target(relation)
    if not isinstance(target, str):
        for column in sorted(target.required - set(model.columns)):
            problems.append(Problem(
                "missing-required-column",
                f'{model.table}.{column} is NOT NULL without a default and the model does not map it, '
                f'so every ORM insert violates its not-null constraint', model.table, column))
    return tuple(problems)


def view_definition(plan: QueryPlan, catalog: Catalog, aliases: tuple[str, ...] = ()):
    """Columns of a view and, when PostgreSQL can write through it, its base and column map.

    ``aliases`` are the names written in ``CREATE VIEW v (a, b)``. Returns ``(columns | None,
    base | None, {view column: base column | None}, why-not | None)``.
    """
    resolver = _Resolver(catalog, plan)
    root = plan.scopes[0][-1]
    try:
        for scope in plan.scopes[0]:
            resolver.check_scope(scope)
        columns = resolver.outputs(root)
    except NotAnalysable as exc:  # it reads a table whose columns are not known
        return (list(aliases) or None), None, {}, str(exc)
    if aliases:
        columns = list(aliases) + (columns or [])[len(aliases):]
    reason = _not_updatable(root)
    base = None
    column_map: dict[str, str | None] = {}
    if reason is None:
        (_node, source), = root.selected_sources.values()
        base = relation_key(source)
        base_relation = catalog.get(base)
        if base_relation is None or base_relation.columns is None:
            reason = f"its base relation {base} is unknown"
        else:
            column_map = _column_map(root, base_relation.columns, columns or [])
    return columns, base, column_map, reason


def _not_updatable(scope: Scope) -> str | None:
    """Why PostgreSQL would not make this view automatically updatable (None: it would)."""
    select = scope.expression
    if not isinstance(select, exp.Select):
        return "it is a set operation (UNION/INTERSECT/EXCEPT) or VALUES"
    for arg, what in (("with_", "WITH"), ("distinct", "DISTINCT"), ("group", "GROUP BY"),
                      ("having", "HAVING"), ("limit", "LIMIT"), ("offset", "OFFSET")):
        if select.args.get(arg):
            return f"it uses {what}"
    if select.args.get("joins"):
        return "it joins several relations"
    sources = list(scope.selected_sources.values())
    if len(sources) != 1 or not isinstance(sources[0][1], exp.Table) or not isinstance(sources[0][1].this, exp.Identifier):
        return "it does not select from exactly one table or view"
    for projection in select.expressions:
        if any(f.find_ancestor(exp.Select) is select for f in projection.find_all(exp.AggFunc, exp.Window)):
            return "it uses aggregate or window functions"  # (in a subquery of the select list they are fine)
        functions = projection.find_all(exp.Unnest, exp.ExplodingGenerateSeries, exp.GenerateSeries, exp.Anonymous)
        if any(f.find_ancestor(exp.Select) is select and (not isinstance(f, exp.Anonymous)
                                                          or f.name.lower() in _SET_RETURNING) for f in functions):
            return "it uses a set-returning function in its select list"
    return None


_SET_RETURNING = frozenset({
    "generate_series", "unnest", "jsonb_object_keys", "json_object_keys", "jsonb_array_elements",
    "json_array_elements", "jsonb_array_elements_text", "json_array_elements_text", "jsonb_each", "json_each",
    "jsonb_each_text", "json_each_text", "regexp_matches", "regexp_split_to_table", "string_to_table",
    "jsonb_path_query", "generate_subscripts",
})


def _column_map(scope: Scope, base_columns: tuple[str, ...], outputs: list[str]) -> dict[str, str | None]:
    mapping: dict[str, str | None] = {}
    position = 0
    for projection in scope.expression.expressions:
        if isinstance(projection, exp.Star) or (isinstance(projection, exp.Column) and projection.is_star):
            for name in base_columns:
                if position < len(outputs):
                    mapping.setdefault(outputs[position], name)
                position += 1
            continue
        inner = projection.this if isinstance(projection, exp.Alias) else projection
        if position < len(outputs):
            name = outputs[position]
            mapping.setdefault(name, inner.name if isinstance(inner, exp.Column) else None)
        position += 1
    return mapping


class _Resolver:
    def __init__(self, catalog: Catalog, plan: QueryPlan) -> None:
        self.catalog = catalog
        self.own_columns = plan.own_columns
        self.problems: dict[tuple, Problem] = {}
        self.bindings: dict[int, tuple[str, int, tuple[str, ...]]] = {}
        self._outputs: dict[int, list[str] | None] = {}

    def report(self, problem: Problem) -> None:
        self.problems.setdefault(problem.key, problem)

    # -- what a FROM item offers -----------------------------------------------------------------

    def relation(self, table: exp.Table) -> Relation | None:
        key = relation_key(table)
        relation = self.catalog.get(key)
        if relation is None:
            self.report(Problem("missing-relation", f'relation "{key}" does not exist', key))
        elif relation.unknown:
            raise NotAnalysable(relation.unknown)
        return relation

    def source_columns(self, source) -> list[str] | None:
        """Columns a FROM item offers; ``None`` when unknown (then any column is accepted)."""
        if isinstance(source, Scope):
            return self.outputs(source)
        if not isinstance(source, exp.Table):
            return None
        renamed = table_alias_columns(source)
        if not isinstance(source.this, exp.Identifier):  # a function in FROM
            return _function_columns(source, renamed)
        relation = self.relation(source)
        if relation is None or relation.columns is None:
            return None
        columns = list(relation.columns)
        return renamed + columns[len(renamed):] if renamed else columns

    def outputs(self, scope: Scope) -> list[str] | None:
        key = id(scope)
        if key not in self._outputs:
            self._outputs[key] = None  # a recursive CTE refers to itself: unknown while computing
            self._outputs[key] = self._compute_outputs(scope)
        return self._outputs[key]

    def _compute_outputs(self, scope: Scope) -> list[str] | None:
        node = scope.expression
        out: list[str] | None
        if isinstance(node, exp.SetOperation):
            branches = _set_operation_scopes(scope)
            out = self.outputs(branches[0]) if branches else None
        elif isinstance(node, exp.Select):
            out = []
            for projection in node.expressions:
                if isinstance(projection, exp.Star):
                    for _alias, (_node, source) in scope.selected_sources.items():
                        columns = self.source_columns(source)
                        if columns is None:
                            return None
                        out.extend(columns)
                elif isinstance(projection, exp.Column) and projection.is_star:
                    found = self._find_source(scope, projection.table)
                    columns = self.source_columns(found[1]) if found else None
                    if columns is None:
                        return None
                    out.extend(columns)
                else:
                    out.append(_output_name(projection))
        elif isinstance(node, exp.Lateral) and scope.subquery_scopes:
            out = self.outputs(scope.subquery_scopes[0])
        else:
            out = None
        # ``AS t(a, b)`` renames the first columns: on VALUES/unnest/LATERAL, or on the subquery or CTE
        holder = node if isinstance(node, (exp.Values, exp.Unnest, exp.Lateral)) else node.parent
        anchor = node
        while isinstance(anchor.parent, exp.SetOperation) and anchor.parent.this is anchor:
            anchor = anchor.parent
        if anchor is not node and isinstance(anchor.parent, exp.CTE):
            # the first branch of a recursive CTE: what ``WITH RECURSIVE t(n) AS (…)`` reads back as t
            holder = anchor.parent
        renamed = table_alias_columns(holder) if isinstance(holder, (exp.Values, exp.Unnest, exp.Lateral,
                                                                     exp.Subquery, exp.CTE)) else []
        if isinstance(node, exp.Unnest):
            offset = node.args.get("offset")  # WITH ORDINALITY, named last in the alias list
            names = renamed + ([offset.name] if isinstance(offset, exp.Identifier) else [])
            return names if len(names) >= len(node.expressions) + (1 if offset else 0) else None
        if renamed:
            out = renamed + (out or [])[len(renamed):]
        return out

    # -- scopes ------------------------------------------------------------------------------------

    def check_scope(self, scope: Scope) -> None:
        node = scope.expression
        for _alias, (_node, source) in scope.selected_sources.items():
            if isinstance(source, exp.Table) and isinstance(source.this, exp.Identifier):
                self.relation(source)
        columns = self.own_columns.get(id(scope), ())
        if isinstance(node, exp.SetOperation):
            outputs = self.outputs(scope)
            for column in columns:
                if outputs is not None and not column.table and column.name not in outputs:
                    self.report(Problem("missing-column", f'column "{column.name}" does not exist',
                                        None, column.name))
            return
        merged = self._check_joins(scope)
        for projection in node.expressions if isinstance(node, exp.Select) else ():
            if isinstance(projection, exp.Column) and projection.is_star and projection.table \
                    and self._find_source(scope, projection.table) is None:
                self.report(Problem("unknown-alias", f'missing FROM-clause entry for table "{projection.table}"',
                                    projection.table))
        for column in columns:
            self._check_column(scope, column, merged)
        order = node.args.get("order") if isinstance(node, exp.Select) else None
        if order is not None:
            self._check_order_aliases(scope, order, {id(c) for c in columns})

    def _check_order_aliases(self, scope: Scope, order: exp.Order, seen: set[int]) -> None:
        """sqlglot leaves out of a scope's columns the ORDER BY names that match an output
        column; PostgreSQL takes those only as a whole item (``ORDER BY n``), not inside an
        expression (``ORDER BY n + 1``), where the name must be a column of the FROM items."""
        outputs = _output_names(scope)
        for column in order.find_all(exp.Column):
            if column.table or id(column) in seen or column.name not in outputs or _bare_item(column) \
                    or query_of(column) is not scope.expression:
                continue
            offered = [self.source_columns(source) for _node, source in scope.selected_sources.values()]
            if all(cols is not None and column.name not in cols for cols in offered):
                self.report(self._missing(scope, column.name, list(scope.selected_sources)))

    def _check_joins(self, scope: Scope) -> set[str] | None:
        """Check USING columns; return the column names joins merge (None: NATURAL, all common)."""
        node = scope.expression
        merged: set[str] = set()
        natural = False
        aliases = list(scope.selected_sources)
        for join in node.args.get("joins") or ():
            if str(join.args.get("method") or "").upper() == "NATURAL":
                natural = True
            using = join.args.get("using")
            if not using:
                continue
            right = join.alias_or_name
            left = aliases[: aliases.index(right)] if right in aliases else aliases
            for identifier in using:
                name = identifier.name
                merged.add(name)
                self._require_in(scope, right, name)
                offered = [self.source_columns(scope.selected_sources[a][1]) for a in left]
                if offered and all(cols is not None and name not in cols for cols in offered):
                    self.report(self._missing(scope, name, left))
        return None if natural else merged

    def _require_in(self, scope: Scope, alias: str, name: str) -> None:
        found = scope.selected_sources.get(alias)
        if not found:
            return
        columns = self.source_columns(found[1])
        if columns is not None and name not in columns:
            self.report(self._missing_in(found[1], alias, name))

    def _system_column(self, source, name: str) -> bool:
        if name not in SYSTEM_COLUMNS or not isinstance(source, exp.Table) or not isinstance(source.this, exp.Identifier):
            return False
        relation = self.catalog.get(relation_key(source))
        return relation is not None and relation.kind == "table"

    def _find_source(self, scope: Scope, alias: str):
        level: Scope | None = scope
        while level is not None:
            if alias in level.selected_sources:
                return level, level.selected_sources[alias][1]
            if alias in level.sources and not isinstance(level.sources[alias], Scope):
                return level, level.sources[alias]
            level = _outer(level)
        return None

    def _check_column(self, scope: Scope, column: exp.Column, merged: set[str] | None) -> None:
        name = column.name
        if column.table:
            found = self._find_source(scope, column.table)
            if found is None:
                self.report(Problem("unknown-alias", f'missing FROM-clause entry for table "{column.table}"',
                                    column.table, name))
                return
            if column.is_star:
                return
            columns = self.source_columns(found[1])
            if columns is not None and name not in columns and not self._system_column(found[1], name):
                self.report(self._missing_in(found[1], column.table, name))
            return
        if column.is_star:
            return
        level: Scope | None = scope
        innermost = True
        depth = 0
        while level is not None:
            holders, unknown = [], False
            for alias, (_node, source) in level.selected_sources.items():
                columns = self.source_columns(source)
                if columns is None:
                    unknown = True
                elif name in columns or self._system_column(source, name):
                    holders.append((alias, source))
            if len(holders) > 1 and not (merged is None or name in merged) and innermost:
                names = tuple(_source_name(s, a) for a, s in holders)
                # a self-join names the same relation twice: say which alias is which
                shown = [f"{a} ({n})" if a != n else n for (a, _s), n in zip(holders, names, strict=True)] \
                    if len(set(names)) < len(names) else names
                self.report(Problem("ambiguous-column", f'column reference "{name}" is ambiguous '
                                    f'(it is in {", ".join(shown)})', None, name, names))
                return
            if holders or unknown:
                bound = tuple(_source_name(s, a) for a, s in holders) if holders else ("?",)
                self.bindings[id(column)] = (name, depth, bound)
                return
            clause = column.find_ancestor(exp.Order, exp.Group, exp.Select)
            if innermost and isinstance(clause, (exp.Order, exp.Group)) and name in _output_names(level) \
                    and _bare_item(column):
                return
            if name in level.selected_sources:  # a whole-row reference: SELECT t FROM t
                return
            level = _outer(level)
            innermost = False
            depth += 1
        if name.lower() in _SQL_VALUE_WORDS and not column.this.quoted:
            return
        self.report(self._missing(scope, name, list(scope.selected_sources)))

    def _missing(self, scope: Scope, name: str, aliases: list[str]) -> Problem:
        tables = [(a, scope.selected_sources[a][1]) for a in aliases if a in scope.selected_sources]
        names = tuple(_source_name(s, a) for a, s in tables)
        relations = [relation_key(s) for _a, s in tables if isinstance(s, exp.Table)]
        relation = relations[0] if len(tables) == 1 and relations else None
        where = f"{relation}.{name}" if relation else f'"{name}"'
        searched = f" (looked in {', '.join(names)})" if len(names) > 1 else ""
        return Problem("missing-column", f"column {where} does not exist{searched}", relation, name, names)

    def _missing_in(self, source, alias: str, name: str) -> Problem:
        if isinstance(source, exp.Table) and isinstance(source.this, exp.Identifier):
            key = relation_key(source)
            return Problem("missing-column", f"column {key}.{name} does not exist", key, name, (key,))
        what = "a function in FROM" if isinstance(source, (exp.Table, exp.Unnest)) or (
            isinstance(source, Scope) and isinstance(source.expression, exp.Unnest)) else "a subquery or CTE"
        return Problem("missing-column", f'column {alias}.{name} does not exist ({alias} is {what})',
                       None, name, (alias,))

    # -- writes --------------------------------------------------------------------------------

    def check_write(self, write: Write, plan: QueryPlan) -> None:
        relation = self.catalog.get(write.target)
        if relation is None:
            self.report(Problem("missing-relation", f'relation "{write.target}" does not exist', write.target))
            return
        if relation.unknown:
            raise NotAnalysable(relation.unknown)
        target = self.catalog.write_target(relation, write.op)
        name = write.target
        if isinstance(target, str):
            self.report(Problem("not-updatable", f"cannot {_verb(write.op)} {name}: {target}", name))
            return
        known = relation.columns is not None
        if write.inserts:
            self._check_insert(write, plan, target, known)
        for column in write.set_columns:
            self._check_target_column(write, target, column, known)

    def _check_target_column(self, write: Write, target, column: str, known: bool) -> None:
        name = write.target
        if known and column not in target.columns:
            self.report(Problem("missing-column", f'column {name}.{column} does not exist', name, column, (name,)))
        elif known and column not in target.writable:
            self.report(Problem("not-updatable", f'cannot {write.op} column {column} of view {name}: '
                                f'it is not a column of the base table', name, column))
        elif column in target.generated and column not in write.defaulted:
            self.report(Problem("generated-column", f'column {name}.{column} is generated: only DEFAULT '
                                f'can be written to it', name, column))

    def _check_insert(self, write: Write, plan: QueryPlan, target, known: bool) -> None:
        name = write.target
        width = narrowest = write.values_width
        if write.values_narrowest is not None:
            narrowest = write.values_narrowest
        if width is None and write.source is not None:
            outputs = self.outputs(plan.scopes[write.source][-1])
            width = narrowest = len(outputs) if outputs is not None else None
        supplied: set[str] | None
        if write.columns is not None:
            for column in write.columns:
                self._check_target_column(write, target, column, known)
            supplied = set(write.columns)
            if width is not None and width > len(write.columns):
                self.report(Problem("value-count", f"INSERT into {name} has more expressions ({width}) than "
                                    f"target columns ({len(write.columns)})", name))
            elif narrowest is not None and narrowest < len(write.columns):
                self.report(Problem("value-count", f"INSERT into {name} has more target columns "
                                    f"({len(write.columns)}) than expressions ({narrowest})", name))
        elif write.default_values:
            supplied = set()
        elif width is None or not known:
            supplied = None  # positional with an unknown width: cannot tell which columns it fills
        else:
            if width > len(target.columns):
                self.report(Problem("value-count", f"INSERT into {name} has more expressions ({width}) than "
                                    f"{name} has columns ({len(target.columns)})", name))
            supplied = set(target.columns[:width])
        if supplied is not None:
            for column in sorted(target.required - supplied):
                self.report(Problem("missing-required-column",
                                    f'null value in column {name}.{column}: it is NOT NULL without a default '
                                    f'and the INSERT does not supply it', name, column))
        for column in sorted(target.unexposed):
            self.report(Problem("missing-required-column",
                                f'INSERT through view {name} cannot supply {target.base_name}.{column} '
                                f'(NOT NULL without a default, not a column of the view)', name, column))
        self._check_conflict(write, target, known)

    def _check_conflict(self, write: Write, target, known: bool) -> None:
        name = write.target
        if write.conflict_constraint and write.conflict_constraint not in target.constraints:
            self.report(Problem("no-conflict-target", f'constraint "{write.conflict_constraint}" for table '
                                f'{target.base_name} does not exist', name, write.conflict_constraint))
        if write.conflict_columns is None:
            return
        wanted = frozenset(write.conflict_columns)
        missing = [c for c in write.conflict_columns if known and c not in target.columns]
        for column in missing:
            self.report(Problem("missing-column", f'column {name}.{column} does not exist', name, column, (name,)))
        if missing:
            return
        sets = target.unique_sets + (target.partial_unique_sets if write.conflict_partial else ())
        if wanted not in sets:
            cols = ", ".join(write.conflict_columns)
            self.report(Problem("no-conflict-target", f"ON CONFLICT ({cols}): {name} has no unique index or "
                                f"constraint on exactly these columns", name, cols))


def _output_name(projection: exp.Expression) -> str:
    """The name PostgreSQL gives a select-list item: its alias, the column, the function."""
    if isinstance(projection, exp.Alias):
        return projection.alias
    node = projection
    while isinstance(node, (exp.Cast, exp.Paren)):
        node = node.this
    if isinstance(node, exp.Column):
        return node.name
    if isinstance(node, exp.Anonymous):
        return node.name.lower()
    if isinstance(node, exp.Func):
        return node.sql_name().lower()
    if isinstance(node, exp.Case):
        return "case"
    return "?column?"


def _function_columns(source: exp.Table, renamed: list[str]) -> list[str] | None:
    """The columns of a function in FROM when they are all known: a column definition list
    (``AS x(a int, b text)``), or a one-column function (``generate_series``) aliased in full.
    A record-returning function's alias list may name only its first columns: unknown."""
    alias = source.args.get("alias")
    if isinstance(alias, exp.TableAlias) and any(isinstance(c, exp.ColumnDef) for c in alias.columns):
        return renamed
    function = source.this
    single = isinstance(function, exp.ExplodingGenerateSeries) or (
        isinstance(function, exp.Anonymous) and function.name.lower() == "generate_series")
    width = 1 + (1 if source.args.get("ordinality") else 0)
    return renamed if single and len(renamed) >= width else None


def _bare_item(column: exp.Column) -> bool:
    """An ORDER BY / GROUP BY item that is the column itself (parenthesised, or in ROLLUP, CUBE,
    GROUPING SETS): only there may it name an output column. ``ORDER BY n + 1`` may not."""
    node = column.parent
    while isinstance(node, (exp.Paren, exp.Tuple)):
        node = node.parent
    return isinstance(node, (exp.Ordered, exp.Order, exp.Group, exp.Rollup, exp.Cube, exp.GroupingSets))


def _outer(scope: Scope) -> Scope | None:
    """The scope a column looks in next. A subquery in FROM (unless LATERAL) and a CTE cannot
    see the FROM clause they stand in, only the query levels around it."""
    parent = scope.parent
    if parent is not None and (scope.is_derived_table or scope.is_cte) \
            and not isinstance(scope.expression.parent, exp.Lateral):
        parent = parent.parent
    return parent


def _set_operation_scopes(scope: Scope) -> list[Scope]:
    # named ``union_scopes`` in older sqlglot releases
    return list(getattr(scope, "set_operation_scopes", None) or getattr(scope, "union_scopes", None) or ())


def _output_names(scope: Scope) -> set[str]:
    node = scope.expression
    return set(node.named_selects) if isinstance(node, exp.Select) else set()


def _source_name(source, alias: str) -> str:
    return relation_key(source) if isinstance(source, exp.Table) and isinstance(source.this, exp.Identifier) else alias


def _verb(op: str) -> str:
    return {"insert": "insert into", "delete": "delete from", "merge": "merge into"}.get(op, op)
