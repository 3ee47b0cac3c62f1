"""The schema model and its replay: ``Schema.apply(action) -> Schema``.

Schemas are immutable values, so every intermediate state a migration passes through can be
kept (``check`` compares the apps against each of them) at the cost of a shallow copy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TypeVar

from .actions import (
    Action,
    ColumnSpec,
    ConstraintSpec,
    TypeRef,
    extract_actions,
    rel_name,
    string_names,
    walk_nodes,
)

__all__ = ["BASELINE", "Column", "Constraint", "Index", "Schema", "Table", "View"]

BASELINE = "<baseline>"


_SERIAL_STORAGE = {"smallserial": "smallint", "serial2": "smallint", "serial": "integer", "serial4": "integer",
                   "bigserial": "bigint", "serial8": "bigint"}


@dataclass(frozen=True)
class Column:
    name: str
    type: TypeRef
    not_null: bool = False
    default: str | None = None
    identity: bool = False
    generated: bool = False

    @property
    def has_default(self) -> bool:
        """The database fills the column when an INSERT leaves it out."""
        return self.default is not None or self.identity or self.generated

    @classmethod
    def from_spec(cls, spec: ColumnSpec) -> Column:
        """The column as the catalog holds it: ``serial`` is stored as ``integer`` (with a
        ``nextval`` default), so a later ``TYPE bigint`` is a widening, not a change of kind.

        >>> from expandcontract.core.actions import TypeRef
        >>> Column.from_spec(ColumnSpec("id", TypeRef("bigserial"), not_null=True)).type
        TypeRef(name='bigint', mods=None, array=False, schema=None)
        """
        stored = _SERIAL_STORAGE.get(spec.type.name) if spec.type.schema is None else None
        return cls(
            name=spec.name,
            type=TypeRef(stored, spec.type.mods, spec.type.array) if stored else spec.type,
            not_null=spec.not_null,
            default=spec.default,
            identity=spec.identity,
            generated=spec.generated,
        )


@dataclass(frozen=True)
class Constraint:
    name: str
    kind: str
    columns: tuple[str, ...] = ()
    validated: bool = True
    references: str | None = None
    not_null_column: str | None = None


@dataclass(frozen=True)
class Index:
    name: str
    table: str
    columns: tuple[str, ...] = ()
    unique: bool = False
    partial: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    columns: Mapping[str, Column] = field(default_factory=dict)
    constraints: Mapping[str, Constraint] = field(default_factory=dict)
    origin: str = BASELINE  # the migration that created it, or BASELINE
    partitioned: bool = False

    def column(self, name: str | None) -> Column | None:
        return self.columns.get(name) if name else None

    def with_columns(self, columns: dict[str, Column]) -> Table:
        return replace(self, columns=MappingProxyType(columns))

    def with_constraints(self, constraints: dict[str, Constraint]) -> Table:
        return replace(self, constraints=MappingProxyType(constraints))



@dataclass(frozen=True)
class View:
    name: str
    sql: str  # the defining query's source text
    columns: tuple[str, ...] = ()  # explicit column aliases, if given
    origin: str = BASELINE
    # what the query reads, for DROP … CASCADE; not part of the value (``check`` caches a view's
    # columns by value, and PostgreSQL follows a renamed relation without changing the view)
    depends_on: frozenset[str] = field(default=frozenset(), compare=False)
    reads_columns: frozenset[str] | None = field(default=frozenset(), compare=False)  # None: ``*``
    renamed_columns: tuple[tuple[str, str], ...] = ()  # ALTER VIEW … RENAME COLUMN a TO b, in order

    def reads(self, relation: str, column: str | None = None) -> bool:
        """The view depends on ``relation`` (and on its ``column``, when one is given)."""
        if relation not in self.depends_on:
            return False
        if column is None or self.reads_columns is None:
            return True
        return column in self.reads_columns or f"{relation}.{column}" in self.reads_columns


def relation_key(name: str | None) -> str:
    """How the schema model keys a relation: ``public.users`` and ``users`` are one table.

    >>> relation_key("public.users"), relation_key("app.users"), relation_key(None)
    ('users', 'app.users', '')
    """
    return (name or "").removeprefix("public.")


_V = TypeVar("_V")


def _copy(mapping: Mapping[str, _V]) -> dict[str, _V]:
    """A mutable copy of a schema mapping. Replay copies the table and index maps on every
    change: ``dict(proxy)`` goes key by key in Python, the proxy's ``copy()`` copies the dict
    behind it in C (20x faster at a few hundred tables)."""
    return mapping.copy() if isinstance(mapping, (dict, MappingProxyType)) else dict(mapping)


def _without(mapping: Mapping[str, _V], key: str) -> MappingProxyType[str, _V]:
    """``mapping`` without ``key``, in the same order."""
    copy = _copy(mapping)
    copy.pop(key, None)
    return MappingProxyType(copy)


@dataclass(frozen=True)
class Schema:
    """Tables, views, indexes, enums and sequences, keyed by ``schema.name`` (``public`` left out).

    >>> s = Schema.from_sql("CREATE TABLE t (id bigint PRIMARY KEY, a text NOT NULL);"
    ...                     "ALTER TABLE t RENAME COLUMN a TO b")
    >>> list(s.tables["t"].columns)
    ['id', 'b']
    """

    tables: Mapping[str, Table] = field(default_factory=dict)
    views: Mapping[str, View] = field(default_factory=dict)
    indexes: Mapping[str, Index] = field(default_factory=dict)
    enums: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sequences: frozenset[str] = frozenset()
    functions: frozenset[str] = frozenset()
    # constraints the migrations added to tables the model never saw created (no baseline): kept
    # so a later VALIDATE and SET NOT NULL see them, without inventing the table's columns
    loose_constraints: Mapping[str, Mapping[str, Constraint]] = field(default_factory=dict)
    # apply() results by id(action): rules replay a statement's actions on the schema it runs on
    # again (one ALTER TABLE subcommand sees the ones before it), so each replay is done once
    _applied: dict = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)

    def __getstate__(self) -> dict:
        """Pickled (the result cache) without the replay memo, which holds parse trees."""
        return {k: v for k, v in self.__dict__.items() if k != "_applied"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, _applied={})

    # -- lookups -------------------------------------------------------------------------------

    def table(self, name: str | None) -> Table | None:
        return self.tables.get(relation_key(name)) if name else None

    def view(self, name: str | None) -> View | None:
        return self.views.get(relation_key(name)) if name else None

    def has_relation(self, name: str | None) -> bool:
        return bool(name) and (relation_key(name) in self.tables or relation_key(name) in self.views)

    def indexes_on(self, table: str) -> list[Index]:
        key = relation_key(table)
        return [i for i in self.indexes.values() if i.table == key]

    def index(self, name: str | None) -> Index | None:
        return self.indexes.get(relation_key(name)) if name else None

    def constraints_on(self, name: str | None) -> Mapping[str, Constraint]:
        """The table's constraints; for a table the model does not know, those the migrations
        added to it so far.

        >>> s = Schema.from_sql("ALTER TABLE t ADD CONSTRAINT c CHECK (a IS NOT NULL) NOT VALID;"
        ...                     "ALTER TABLE t VALIDATE CONSTRAINT c")
        >>> s.table("t"), s.constraints_on("t")["c"].validated
        (None, True)
        """
        table = self.table(name)
        if table is not None:
            return table.constraints
        return self.loose_constraints.get(relation_key(name), {}) if name else {}

    def _with_loose(self, name: str, change) -> Schema:
        key = relation_key(name)
        loose = dict(self.loose_constraints)
        loose[key] = MappingProxyType(change(dict(loose.get(key, {}))))
        return replace(self, loose_constraints=MappingProxyType(loose))

    # -- replay --------------------------------------------------------------------------------

    @classmethod
    def from_sql(cls, text: str, *, origin: str = BASELINE, dialect: str = "postgres") -> Schema:
        """Replay DDL text (plain DDL or ``pg_dump --schema-only`` output) onto an empty schema."""
        from .parse import blank_psql_meta_commands, parse_sql

        return cls.from_statements(parse_sql(blank_psql_meta_commands(text), dialect=dialect), origin=origin)

    @classmethod
    def from_statements(cls, statements, *, origin: str = BASELINE) -> Schema:
        """Replay already parsed statements onto an empty schema."""
        schema = cls()
        for stmt in statements:
            schema = schema.apply_statement(stmt, origin=origin)
        return schema

    def apply_statement(self, stmt, *, origin: str) -> Schema:
        schema = self
        for action in extract_actions(stmt):
            schema = schema.apply(action, origin=origin, statement_text=stmt.text)
        return schema

    def apply(self, action: Action, *, origin: str, statement_text: str = "") -> Schema:
        known = self._applied.get(id(action))
        if known is not None and known[0] is action and known[1] == (origin, statement_text):
            return self if known[2] is None else known[2]
        handler = getattr(self, "_apply_" + action.op, None)
        result = handler(action, origin, statement_text) if handler else self
        # the entry holds the action itself, so its id cannot be reused while the entry lives. An
        # action that changes nothing is recorded as None, not as the schema itself: that would
        # be a reference cycle, and every schema after it (with its actions) would wait for the
        # cyclic garbage collector instead of being freed when the lint result is dropped
        self._applied[id(action)] = (action, (origin, statement_text), None if result is self else result)
        return result

    def _put_table(self, table: Table) -> Schema:
        tables = _copy(self.tables)
        tables[relation_key(table.name)] = table
        return replace(self, tables=MappingProxyType(tables))

    def _alter_table(self, action: Action, change) -> Schema:
        table = self.table(action.table)
        if table is None:
            return self
        return self._put_table(change(table))

    def _apply_create_table(self, a: Action, origin: str, _text: str) -> Schema:
        if a.table is None or (a.if_not_exists and self.table(a.table)):
            return self
        columns = {}
        for inherited in a.detail.get("inherits", ()):  # INHERITS: the parents' columns come first
            columns.update(self.table(inherited).columns if self.table(inherited) else {})
        own = [Column.from_spec(c) for c in a.columns]
        likes = {position: (name, options) for position, name, options in a.detail.get("like", ())}
        for position, column in enumerate([*own, None]):
            if position in likes:
                columns.update(self._like_columns(*likes[position]))
            if column is not None:
                columns[column.name] = column
        parent = self.table(a.detail.get("partition_of"))
        if parent is not None and not columns:
            columns = dict(parent.columns)
        constraints: dict[str, Constraint] = {}
        for spec in (*a.detail.get("column_constraints", ()), *a.constraints):
            constraints.update(_constraint_entry(a.table, spec))
            if spec.kind == "primary_key":
                for col in spec.columns:
                    if col in columns:
                        columns[col] = replace(columns[col], not_null=True)
        table = Table(
            name=relation_key(a.table),
            columns=MappingProxyType(columns),
            constraints=MappingProxyType(constraints),
            origin=origin,
            partitioned=bool(a.detail.get("partitioned")),
        )
        return self._put_table(table)

    def _like_columns(self, name: str, options: int) -> dict[str, Column]:
        """``LIKE other``: its columns and NOT NULL; defaults, generated expressions and identity
        only when INCLUDING them (PostgreSQL's CREATE_TABLE_LIKE_* bits).

        >>> s = Schema.from_sql("CREATE TABLE a (id bigint GENERATED ALWAYS AS IDENTITY, n int NOT NULL DEFAULT 1);"
        ...                     "CREATE TABLE b (LIKE a, x text); CREATE TABLE c (LIKE a INCLUDING ALL)")
        >>> [(c.name, c.not_null, c.has_default) for c in s.tables["b"].columns.values()]
        [('id', True, False), ('n', True, False), ('x', False, False)]
        >>> [c.has_default for c in s.tables["c"].columns.values()]
        [True, True]
        """
        source = self.table(name)
        if source is None:
            return {}
        defaults, generated, identity = options & (1 << 3), options & (1 << 4), options & (1 << 5)
        return {c.name: replace(c, default=c.default if defaults else None, generated=bool(generated and c.generated),
                                identity=bool(identity and c.identity))
                for c in source.columns.values()}

    def _apply_create_table_as(self, a: Action, origin: str, _text: str) -> Schema:
        if a.table is None:
            return self
        cols = {n: Column(n, TypeRef("unknown")) for n in a.detail.get("column_names", ())}
        return self._put_table(Table(relation_key(a.table), MappingProxyType(cols), origin=origin))

    def _apply_create_matview(self, a: Action, origin: str, text: str) -> Schema:
        return self._apply_create_view(a, origin, text)

    def _apply_drop_table(self, a: Action, origin: str, _text: str) -> Schema:
        key = relation_key(a.table or "")
        indexes = {k: v for k, v in self.indexes.items() if v.table != key}
        schema = replace(self, tables=_without(self.tables, key), indexes=MappingProxyType(indexes))
        return schema._drop_dependent_views(lambda v: v.reads(key)) if a.cascade else schema

    def _drop_dependent_views(self, doomed) -> Schema:
        """``… CASCADE``: drop the views ``doomed(view)`` picks, then every view reading those."""
        views = dict(self.views)
        dropped = {k for k, v in views.items() if doomed(v)}
        while dropped:
            for key in dropped:
                views.pop(key, None)
            dropped = {k for k, v in views.items() if any(v.reads(d) for d in dropped)}
        if len(views) == len(self.views):
            return self
        return replace(self, views=MappingProxyType(views))

    def _apply_rename_table(self, a: Action, origin: str, _text: str) -> Schema:
        old = self.table(a.table)
        if old is None or not a.new_name:
            view = self.view(a.table)
            if view is not None and a.new_name:
                return self._apply_rename_view(a, origin, _text)
            return self
        schema_prefix = a.table.rsplit(".", 1)[0] + "." if "." in (a.table or "") else ""
        return self._move_table(old.name, relation_key(schema_prefix + a.new_name))

    def _apply_add_column(self, a: Action, origin: str, _text: str) -> Schema:
        spec = a.column_spec
        if spec is None:
            return self

        def change(t: Table) -> Table:
            if a.if_not_exists and spec.name in t.columns:
                return t
            cols = dict(t.columns)
            cols[spec.name] = Column.from_spec(spec)
            t = t.with_columns(cols)
            cons = dict(t.constraints)
            for c in a.constraints:
                cons.update(_constraint_entry(t.name, c))
            return t.with_constraints(cons)

        return self._alter_table(a, change)

    def _apply_drop_column(self, a: Action, origin: str, _text: str) -> Schema:
        def change(t: Table) -> Table:
            cols = {k: v for k, v in t.columns.items() if k != a.column}
            cons = {k: v for k, v in t.constraints.items() if a.column not in v.columns}
            return t.with_columns(cols).with_constraints(cons)

        schema = self._alter_table(a, change)
        key = relation_key(a.table or "")
        indexes = {
            k: v for k, v in schema.indexes.items() if not (v.table == key and a.column in v.columns)
        }
        schema = replace(schema, indexes=MappingProxyType(indexes))
        return schema._drop_dependent_views(lambda v: v.reads(key, a.column)) if a.cascade else schema

    def _apply_rename_column(self, a: Action, origin: str, _text: str) -> Schema:
        if not a.column or not a.new_name:
            return self
        if self.table(a.table) is None and self.view(a.table) is not None:  # ALTER TABLE v RENAME …
            return self._apply_rename_view_column(a, origin, _text)

        def rename(cols: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(a.new_name if c == a.column else c for c in cols)

        def change(t: Table) -> Table:
            if a.column not in t.columns:
                return t
            cols = {(a.new_name if k == a.column else k): (replace(v, name=a.new_name) if k == a.column else v)
                    for k, v in t.columns.items()}
            cons = {k: replace(v, columns=rename(v.columns),
                               not_null_column=a.new_name if v.not_null_column == a.column else v.not_null_column)
                    for k, v in t.constraints.items()}
            return t.with_columns(cols).with_constraints(cons)

        schema = self._alter_table(a, change)
        key = relation_key(a.table or "")
        indexes = {k: (replace(v, columns=rename(v.columns)) if v.table == key else v)
                   for k, v in schema.indexes.items()}
        return replace(schema, indexes=MappingProxyType(indexes),
                       views=_views_following_column(schema.views, key, a.column, a.new_name))

    def _column_change(self, a: Action, **changes) -> Schema:
        def change(t: Table) -> Table:
            col = t.column(a.column)
            if col is None:
                return t
            cols = dict(t.columns)
            cols[col.name] = replace(col, **changes)
            return t.with_columns(cols)

        return self._alter_table(a, change)

    def _apply_alter_column_type(self, a: Action, origin: str, _text: str) -> Schema:
        return self._column_change(a, type=a.type)

    def _apply_set_not_null(self, a: Action, origin: str, _text: str) -> Schema:
        return self._column_change(a, not_null=True)

    def _apply_drop_not_null(self, a: Action, origin: str, _text: str) -> Schema:
        return self._column_change(a, not_null=False)

    def _apply_set_default(self, a: Action, origin: str, _text: str) -> Schema:
        return self._column_change(a, default=a.detail.get("default") or "<expression>")

    def _apply_drop_default(self, a: Action, origin: str, _text: str) -> Schema:
        return self._column_change(a, default=None)

    def _apply_add_identity(self, a: Action, origin: str, _text: str) -> Schema:
        return self._column_change(a, identity=True, not_null=True)

    def _apply_drop_identity(self, a: Action, origin: str, _text: str) -> Schema:
        return self._column_change(a, identity=False)

    def _apply_drop_expression(self, a: Action, origin: str, _text: str) -> Schema:
        return self._column_change(a, generated=False)

    def _apply_add_constraint(self, a: Action, origin: str, _text: str) -> Schema:
        spec = a.constraint
        if spec is None:
            return self
        schema = self

        def change(t: Table) -> Table:
            cons = dict(t.constraints)
            cons.update(_constraint_entry(t.name, spec))
            t = t.with_constraints(cons)
            if spec.kind == "primary_key":
                cols = dict(t.columns)
                index = schema.index(spec.using_index)
                for name in spec.columns or (index.columns if index else ()):
                    if name in cols:
                        cols[name] = replace(cols[name], not_null=True)
                t = t.with_columns(cols)
            return t

        if self.table(a.table) is None and self.view(a.table) is None and a.table:
            return self._with_loose(a.table, lambda cons: {**cons, **_constraint_entry(a.table, spec)})
        result = self._alter_table(a, change)
        if spec.using_index and spec.using_index in result.indexes:
            # the index now belongs to the constraint; its columns are the constraint's
            index = result.indexes[spec.using_index]
            table = result.table(a.table)
            if table is not None:
                entry = _constraint_entry(table.name, replace(spec, columns=index.columns))
                cons = dict(table.constraints)
                cons.update(entry)
                result = result._put_table(table.with_constraints(cons))
        return result

    def _apply_validate_constraint(self, a: Action, origin: str, _text: str) -> Schema:
        def validate(cons: dict[str, Constraint]) -> dict[str, Constraint]:
            con = cons.get(a.object_name or "")
            return {**cons, con.name: replace(con, validated=True)} if con is not None else cons

        if self.table(a.table) is None:
            return self._with_loose(a.table, validate) if relation_key(a.table) in self.loose_constraints else self
        return self._alter_table(a, lambda t: t.with_constraints(validate(dict(t.constraints))))

    def _apply_drop_constraint(self, a: Action, origin: str, _text: str) -> Schema:
        def change(t: Table) -> Table:
            return t.with_constraints({k: v for k, v in t.constraints.items() if k != a.object_name})

        if self.table(a.table) is None and relation_key(a.table) in self.loose_constraints:
            return self._with_loose(a.table, lambda cons: {k: v for k, v in cons.items() if k != a.object_name})

        schema = self._alter_table(a, change)
        return replace(schema, indexes=_without(schema.indexes, a.object_name or ""))

    def _apply_rename_constraint(self, a: Action, origin: str, _text: str) -> Schema:
        def change(t: Table) -> Table:
            con = t.constraints.get(a.object_name or "")
            if con is None or not a.new_name:
                return t
            cons = {k: v for k, v in t.constraints.items() if k != con.name}
            cons[a.new_name] = replace(con, name=a.new_name)
            return t.with_constraints(cons)

        return self._alter_table(a, change)

    def _apply_create_index(self, a: Action, origin: str, _text: str) -> Schema:
        if a.table is None:
            return self
        name = a.object_name or f"{_bare(a.table)}_{'_'.join(a.detail.get('columns', ()))}_idx"
        if a.if_not_exists and name in self.indexes:
            return self
        indexes = _copy(self.indexes)
        indexes[name] = Index(
            name=name,
            table=relation_key(a.table),
            columns=tuple(a.detail.get("columns", ())),
            unique=a.unique,
            partial=a.has_where,
        )
        return replace(self, indexes=MappingProxyType(indexes))

    def _apply_drop_index(self, a: Action, origin: str, _text: str) -> Schema:
        return replace(self, indexes=_without(self.indexes, relation_key(a.object_name or "")))

    def _apply_rename_index(self, a: Action, origin: str, text: str) -> Schema:
        key = relation_key(a.table or a.object_name or "")
        if key in self.indexes and a.new_name:
            indexes = {k: v for k, v in self.indexes.items() if k != key}
            indexes[a.new_name] = replace(self.indexes[key], name=a.new_name)
            return replace(self, indexes=MappingProxyType(indexes))
        return self

    def _apply_create_view(self, a: Action, origin: str, text: str) -> Schema:
        if a.table is None:
            return self
        views = dict(self.views)
        relations, columns = query_reads(a.detail.get("query_node"))
        views[relation_key(a.table)] = View(
            name=relation_key(a.table),
            sql=_view_query(text),
            columns=tuple(a.detail.get("aliases", ()) or a.detail.get("column_names", ())),
            origin=origin,
            depends_on=relations,
            reads_columns=columns,
        )
        return replace(self, views=MappingProxyType(views))

    def _apply_drop_view(self, a: Action, origin: str, _text: str) -> Schema:
        key = relation_key(a.object_name or "")
        schema = replace(self, views=_without(self.views, key))
        return schema._drop_dependent_views(lambda v: v.reads(key)) if a.cascade else schema

    def _apply_rename_view(self, a: Action, origin: str, _text: str) -> Schema:
        view = self.view(a.table)
        if view is None or not a.new_name:
            return self
        new_key = relation_key(a.new_name)
        views = {k: v for k, v in self.views.items() if k != view.name}
        views[new_key] = replace(view, name=new_key)
        return replace(self, views=_views_following(views, view.name, new_key))

    def _apply_rename_view_column(self, a: Action, origin: str, _text: str) -> Schema:
        view = self.view(a.table)
        if view is None or not a.column or not a.new_name:
            return self
        views = dict(self.views)
        views[view.name] = replace(view, renamed_columns=(*view.renamed_columns, (a.column, a.new_name)))
        return replace(self, views=MappingProxyType(views))

    def _apply_set_schema(self, a: Action, origin: str, text: str) -> Schema:
        """``ALTER TABLE|VIEW t SET SCHEMA s``: the relation is ``s.t`` from now on."""
        if not a.table or not a.object_name:
            return self
        target = relation_key(f"{a.object_name}.{_bare(a.table)}")
        if self.table(a.table) is not None:
            return self._move_table(a.table, target)
        if self.view(a.table) is not None:
            return self._apply_rename_view(replace(a, new_name=target), origin, text)
        return self

    def _move_table(self, name: str, target: str) -> Schema:
        old = self.table(name)
        tables = {k: v for k, v in self.tables.items() if k != old.name}
        tables[target] = replace(old, name=target)
        indexes = {k: (replace(v, table=target) if v.table == old.name else v) for k, v in self.indexes.items()}
        return replace(self, tables=MappingProxyType(tables), indexes=MappingProxyType(indexes),
                       views=_views_following(self.views, old.name, target))

    def _apply_create_enum(self, a: Action, origin: str, _text: str) -> Schema:
        enums = dict(self.enums)
        enums[relation_key(a.object_name or "")] = tuple(a.detail.get("values", ()))
        return replace(self, enums=MappingProxyType(enums))

    def _apply_add_enum_value(self, a: Action, origin: str, _text: str) -> Schema:
        key = relation_key(a.object_name or "")
        values = list(self.enums.get(key, ()))
        value = a.detail.get("value")
        if value in values:
            return self
        neighbor = a.detail.get("neighbor")
        if neighbor in values:
            pos = values.index(neighbor) + (1 if a.detail.get("after") else 0)
            values.insert(pos, value)
        else:
            values.append(value)
        enums = dict(self.enums)
        enums[key] = tuple(values)
        return replace(self, enums=MappingProxyType(enums))

    def _apply_drop_type(self, a: Action, origin: str, _text: str) -> Schema:
        key = relation_key(a.object_name or "")
        return replace(self, enums=MappingProxyType({k: v for k, v in self.enums.items() if k != key}))

    def _apply_create_sequence(self, a: Action, origin: str, _text: str) -> Schema:
        return replace(self, sequences=self.sequences | {relation_key(a.object_name or "")})

    def _apply_create_function(self, a: Action, origin: str, _text: str) -> Schema:
        return replace(self, functions=self.functions | {relation_key(a.object_name or "")})

    def _apply_drop_function(self, a: Action, origin: str, _text: str) -> Schema:
        return replace(self, functions=self.functions - {relation_key(a.object_name or "")})


def _views_following(views: Mapping[str, View], old: str, new: str) -> Mapping[str, View]:
    """Views read relations by identity: after a rename they read the new name."""
    def follow(v: View) -> View:
        columns = v.reads_columns
        if columns is not None:
            columns = frozenset(f"{new}.{c[len(old) + 1:]}" if c.startswith(old + ".") else c for c in columns)
        return replace(v, depends_on=(v.depends_on - {old}) | {new}, reads_columns=columns)

    return MappingProxyType({k: (follow(v) if old in v.depends_on else v) for k, v in views.items()})


def _views_following_column(views: Mapping[str, View], table: str, old: str, new: str) -> Mapping[str, View]:
    """Views read columns by number: after a rename they read the new name."""
    def follow(v: View) -> View:
        columns = set(v.reads_columns)
        if f"{table}.{old}" in columns:
            columns.add(f"{table}.{new}")
        if old in columns:
            columns.add(new)
        return replace(v, reads_columns=frozenset(columns))

    return MappingProxyType({k: (follow(v) if v.reads(table, old) and v.reads_columns is not None else v)
                             for k, v in views.items()})


def query_reads(node) -> tuple[frozenset[str], frozenset[str] | None]:
    """The relations a libpg_query query tree reads (CTE names left out) and the columns it
    names: ``relation.column`` when qualified, a bare name when not (it may be any relation's);
    ``None`` when it selects ``*``, which depends on every column.

    >>> from expandcontract.core.parse import parse_sql
    >>> from expandcontract.core.actions import extract_actions
    >>> a = extract_actions(parse_sql(
    ...     "CREATE VIEW v AS WITH c AS (SELECT id FROM t) SELECT c.id, x.name, total FROM c JOIN public.u x ON true")[0])[0]
    >>> rels, cols = query_reads(a.detail["query_node"])
    >>> sorted(rels), sorted(cols)
    (['t', 'u'], ['c.id', 'id', 'total', 'u.name'])
    >>> query_reads(extract_actions(parse_sql("CREATE VIEW w AS SELECT * FROM t")[0])[0].detail["query_node"])
    (frozenset({'t'}), None)
    """
    relations: set[str] = set()
    ctes: set[str] = set()
    aliases: dict[str, str] = {}
    refs: list[list[str]] = []
    star = False
    for kind, body in walk_nodes(node):
        if kind == "RangeVar":
            name = relation_key(rel_name(body))
            relations.add(name)
            aliases[(body.get("alias") or {}).get("aliasname") or body.get("relname")] = name
        elif kind == "CommonTableExpr":
            ctes.add(body.get("ctename", ""))
        elif kind == "ColumnRef":
            fields = body.get("fields", ())
            star = star or any("A_Star" in f for f in fields)
            refs.append(string_names(fields))
    if star:
        return frozenset(relations - ctes), None
    columns = {f"{aliases.get(r[-2], r[-2])}.{r[-1]}" if len(r) > 1 else r[-1] for r in refs if r}
    return frozenset(relations - ctes), frozenset(columns)


def _bare(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def _constraint_entry(table: str, spec: ConstraintSpec) -> dict[str, Constraint]:
    if spec.kind == "not_null":
        return {}
    name = spec.name or _default_constraint_name(table, spec)
    return {
        name: Constraint(
            name=name,
            kind=spec.kind,
            columns=spec.columns,
            validated=not spec.not_valid,
            references=spec.references,
            not_null_column=spec.not_null_column,
        )
    }


def _default_constraint_name(table: str, spec: ConstraintSpec) -> str:
    """PostgreSQL's own naming: ``t_pkey``, ``t_a_key``, ``t_a_fkey``, ``t_a_check``."""
    suffix = {"primary_key": "pkey", "unique": "key", "foreign_key": "fkey", "check": "check",
              "exclusion": "excl"}.get(spec.kind, spec.kind)
    if spec.kind == "primary_key":
        return f"{_bare(table)}_pkey"
    cols = "_".join(spec.columns) if spec.columns else ""
    return "_".join(p for p in (_bare(table), cols, suffix) if p)


def _view_query(statement_text: str) -> str:
    """The query of ``CREATE [OR REPLACE] VIEW v [(cols)] AS <query>``."""
    import re

    m = re.search(r"\bAS\b\s*(?=\(?\s*(SELECT|WITH|VALUES|TABLE)\b)", statement_text, re.I)
    return statement_text[m.end():].strip() if m else statement_text
