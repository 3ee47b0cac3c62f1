"""The schema model: ``SchemaModel`` holds the values of ``relations`` (tables, their columns and
constraints, indexes, views), answers lookups and stores what a replay changes."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from types import MappingProxyType
from typing import Any, TypeVar

from .pmap import PMap, PSet
from .record import field, record, replace
from .relations import BASELINE, Column, Constraint, Index, Table, View, bare, relation_key

__all__ = ["BASELINE", "Column", "Constraint", "Index", "SchemaModel", "Table", "View", "bare", "relation_key"]


_V = TypeVar("_V")


def _pmap(mapping: Mapping[str, _V]) -> PMap[str, _V]:
    """``mapping`` as a persistent map (a schema built from plain dicts, say by reflection, is
    converted once, at its first change)."""
    return mapping if isinstance(mapping, PMap) else PMap(mapping)


def _pset(members: AbstractSet[str]) -> PSet[str]:
    return members if isinstance(members, PSet) else PSet(members)


_NO_INDEXES: PMap[str, bool] = PMap()


def _trigger_key(key: str) -> tuple[str, str]:
    table, _, name = key.partition("\x00")
    return table, name


@record(frozen=True)
class SchemaModel:
    """Tables, views, indexes, enums and sequences, keyed by ``schema.name`` (``public`` left out):
    what the model holds, its lookups, and the few storage methods with which the replay of an
    operation (``core/ops``) builds the next model. ``core.schema.Schema`` adds the replay.

    The maps are persistent (``PMap``, ``PSet``): a change costs O(log n) and shares everything
    else with the model before it, so replaying a migration, whose every statement keeps the
    schema it runs on, is linear in its size, in time and in memory."""

    tables: Mapping[str, Table] = field(default_factory=PMap)
    views: Mapping[str, View] = field(default_factory=PMap)
    indexes: Mapping[str, Index] = field(default_factory=PMap)
    enums: Mapping[str, tuple[str, ...]] = field(default_factory=PMap)
    sequences: AbstractSet[str] = PSet()
    functions: AbstractSet[str] = PSet()
    # the procedures whose body commits or rolls back (a CALL of one cannot run in a transaction block)
    committing: AbstractSet[str] = PSet()
    # triggers: ``table key \x00 trigger name`` -> the key of the function it executes
    triggers: Mapping[str, str] = field(default_factory=PMap)
    # the model holds every trigger of the tables it knows (False for a schema read from a live
    # database's catalog without its triggers)
    knows_triggers: bool = True
    # the model holds every table, view and index of the database: the migrations start from a
    # baseline schema or from an empty database (``starts_empty``), and nothing they ran made one
    # the model cannot see (a DO block or routine that creates or renames relations ends it)
    complete: bool = False
    # the names PostgreSQL gives the indexes made without one: ``table_col_idx`` (it appends a
    # number when the name is taken), or ``table_*`` when an expression is indexed (named after
    # the function it calls, or ``expr``)
    unnamed_index_names: AbstractSet[str] = PSet()
    # constraints the migrations added to tables the model never saw created (no baseline): kept
    # so a later VALIDATE and SET NOT NULL see them, without inventing the table's columns
    loose_constraints: Mapping[str, Mapping[str, Constraint]] = field(default_factory=PMap)
    # the names of each table's indexes (in the order of ``indexes``), with the ``indexes`` map they
    # were worked out for: kept up to date by the index storage methods, rebuilt when stale
    _indexes_by_table: tuple[Mapping[str, Index], PMap[str, PMap[str, bool]]] | None = field(
        default=None, repr=False, compare=False)
    # --dialect mysql: the MySQL catalog (core.mysql.catalog.Catalog) replayed alongside
    mysql: object = field(default=None, compare=False, repr=False)
    # apply() results by id(action): rules replay a statement's actions on the schema it runs on
    # again (one ALTER TABLE subcommand sees the ones before it), so each replay is done once
    _applied: dict[int, Any] = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (the result cache) without the replay memo, which holds parse trees."""
        return {k: v for k, v in self.__dict__.items() if k not in ("_applied", "_indexes_by_table")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, _applied={}, _indexes_by_table=None)

    # -- lookups -------------------------------------------------------------------------------

    def table(self, name: str | None) -> Table | None:
        return self.tables.get(relation_key(name)) if name else None

    def view(self, name: str | None) -> View | None:
        return self.views.get(relation_key(name)) if name else None

    def column(self, table: str | None, name: str | None) -> Column | None:
        """The column ``name`` of ``table``, when the model knows both."""
        known = self.table(table)
        return known.column(name) if known else None

    def default_partition(self, parent: str | None) -> Table | None:
        """The DEFAULT partition of the partitioned table ``parent``, when the model knows one: made
        by ``CREATE TABLE … PARTITION OF … DEFAULT`` or ``ATTACH PARTITION … DEFAULT``, followed
        through a rename, gone with DETACH or DROP.

        >>> from expandcontract.core.schema import Schema
        >>> p = "CREATE TABLE p (k int) PARTITION BY RANGE (k); CREATE TABLE d PARTITION OF p DEFAULT; "
        >>> Schema.from_sql(p).default_partition("p").name
        'd'
        >>> Schema.from_sql(p + "ALTER TABLE d RENAME TO d2").default_partition("p").name
        'd2'
        >>> Schema.from_sql(p + "ALTER TABLE p DETACH PARTITION d").default_partition("p") is None
        True
        >>> Schema.from_sql(p + "DROP TABLE d").default_partition("p") is None
        True
        >>> Schema.from_sql(p + "DROP TABLE d; CREATE TABLE e (k int); ALTER TABLE ONLY p ATTACH PARTITION e DEFAULT"
        ...                 ).default_partition("p").name
        'e'
        """
        table = self.table(parent)
        return self.table(table.default_partition) if table is not None and table.default_partition else None

    def has_relation(self, name: str | None) -> bool:
        return bool(name) and (relation_key(name) in self.tables or relation_key(name) in self.views)

    def indexes_on(self, table: str) -> list[Index]:
        names = self._index_names().get(relation_key(table))
        return [self.indexes[n] for n in names] if names else []

    def _index_names(self) -> PMap[str, PMap[str, bool]]:
        """table -> the names of its indexes."""
        known = self._indexes_by_table
        if known is not None and known[0] is self.indexes:
            return known[1]
        by_table: dict[str, dict[str, bool]] = {}
        for name, index in self.indexes.items():
            by_table.setdefault(index.table, {})[name] = True
        names = PMap({table: PMap(members) for table, members in by_table.items()})
        object.__setattr__(self, "_indexes_by_table", (self.indexes, names))
        return names

    def index(self, name: str | None) -> Index | None:
        return self.indexes.get(relation_key(name)) if name else None

    def constraints_on(self, name: str | None) -> Mapping[str, Constraint]:
        """The table's constraints; for a table the model does not know, those the migrations
        added to it so far.

        >>> from expandcontract.core.schema import Schema
        >>> s = Schema.from_sql("ALTER TABLE t ADD CONSTRAINT c CHECK (a IS NOT NULL) NOT VALID;"
        ...                     "ALTER TABLE t VALIDATE CONSTRAINT c")
        >>> s.table("t"), s.constraints_on("t")["c"].validated
        (None, True)
        """
        table = self.table(name)
        if table is not None:
            return table.constraints
        return self.loose_constraints.get(relation_key(name), {}) if name else {}

    def with_loose(self, name: str, change: Callable[[dict[str, Any]], Mapping[str, Any]]) -> SchemaModel:
        key = relation_key(name)
        constraints = MappingProxyType(change(dict(self.loose_constraints.get(key, {}))))
        return replace(self, loose_constraints=_pmap(self.loose_constraints).set(key, constraints))

    # -- storage: how replay builds the next schema, each change in O(log n) --------------------

    def with_table(self, table: Table) -> SchemaModel:
        """This schema with ``table`` added or replaced."""
        return replace(self, tables=_pmap(self.tables).set(relation_key(table.name), table))

    def without_table(self, key: str) -> SchemaModel:
        return replace(self, tables=_pmap(self.tables).delete(key))

    def with_tables(self, tables: Mapping[str, Table]) -> SchemaModel:
        return replace(self, tables=_pmap(tables))

    def changing_table(self, name: str | None, change: Callable[[Table], Table]) -> SchemaModel:
        """``change(table)`` replaces the table ``name``; a table the model does not know is left alone."""
        table = self.table(name)
        if table is None:
            return self
        return self.with_table(change(table))

    def with_index(self, *indexes: Index) -> SchemaModel:
        """This schema with ``indexes`` added, or replacing those of the same name."""
        stored, names = _pmap(self.indexes), self._index_names()
        for index in indexes:
            old = stored.get(index.name)
            if old is not None and old.table != index.table:
                names = _without_name(names, old.table, index.name)
            names = names.set(index.table, names.get(index.table, _NO_INDEXES).set(index.name, True))
            stored = stored.set(index.name, index)
        return replace(self, indexes=stored, _indexes_by_table=(stored, names))

    def without_index(self, *keys: str) -> SchemaModel:
        stored, names = _pmap(self.indexes), self._index_names()
        for key in keys:
            old = stored.get(key)
            if old is not None:
                names = _without_name(names, old.table, key)
                stored = stored.delete(key)
        return replace(self, indexes=stored, _indexes_by_table=(stored, names))

    def with_indexes(self, indexes: Mapping[str, Index]) -> SchemaModel:
        return replace(self, indexes=_pmap(indexes))

    def with_view(self, *views: View) -> SchemaModel:
        """This schema with ``views`` added, or replacing those of the same name."""
        if not views:
            return self
        return replace(self, views=_pmap(self.views).update((view.name, view) for view in views))

    def without_view(self, key: str) -> SchemaModel:
        return replace(self, views=_pmap(self.views).delete(key))

    def with_views(self, views: Mapping[str, View]) -> SchemaModel:
        return replace(self, views=_pmap(views))

    def with_enum(self, key: str, values: tuple[str, ...]) -> SchemaModel:
        return replace(self, enums=_pmap(self.enums).set(key, values))

    def without_enum(self, key: str) -> SchemaModel:
        return replace(self, enums=_pmap(self.enums).delete(key))

    def with_sequence(self, key: str) -> SchemaModel:
        return replace(self, sequences=_pset(self.sequences).add(key))

    def lacks_relation(self, name: str | None) -> bool:
        """The model knows every relation and ``name`` is none of them (``DROP TABLE IF EXISTS``
        of it drops nothing)."""
        if not self.complete or not name:
            return False
        key = relation_key(name)
        return not self.has_relation(name) and key not in self.indexes and key not in self.sequences

    def trigger_function(self, table: str | None, name: str | None) -> str | None:
        """The function the trigger ``name`` on ``table`` executes, when the model has that trigger."""
        return self.triggers.get(f"{relation_key(table)}\x00{name}") if table and name else None

    def trigger_is_absent(self, table: str | None, name: str | None) -> bool:
        """The model knows ``table`` and all its triggers, and ``name`` is none of them."""
        return (self.knows_triggers and self.table(table) is not None
                and self.trigger_function(table, name) is None)

    def triggers_executing(self, function: str) -> list[tuple[str, str]]:
        """(table, trigger) of every trigger that executes ``function`` (what DROP FUNCTION …
        CASCADE drops with it)."""
        key = relation_key(function)
        return [tuple(k.split("\x00", 1)) for k, f in self.triggers.items() if f == key]  # type: ignore[misc]

    def with_trigger(self, table: str, name: str, function: str) -> SchemaModel:
        return replace(self, triggers=_pmap(self.triggers).set(f"{relation_key(table)}\x00{name}",
                                                               relation_key(function)))

    def without_triggers(self, keep: Callable[[str, str, str], bool]) -> SchemaModel:
        """This schema keeping only the triggers for which ``keep(table, name, function)``."""
        gone = [k for k, f in self.triggers.items() if not keep(*_trigger_key(k), f)]
        if not gone:
            return self
        triggers = _pmap(self.triggers)
        for k in gone:
            triggers = triggers.delete(k)
        return replace(self, triggers=triggers)

    def moving_triggers(self, old: str, new: str) -> SchemaModel:
        """The triggers of table ``old`` belong to ``new`` (a renamed table)."""
        old_key = relation_key(old)
        moved = [(k.split("\x00", 1)[1], f) for k, f in self.triggers.items() if k.split("\x00", 1)[0] == old_key]
        schema = self.without_triggers(lambda table, _name, _f: table != old_key)
        for name, function in moved:
            schema = schema.with_trigger(new, name, function)
        return schema

    def with_unnamed_index_name(self, name: str) -> SchemaModel:
        return replace(self, unnamed_index_names=_pset(self.unnamed_index_names).add(name))

    def incomplete(self) -> SchemaModel:
        """This schema, no longer claiming to know every relation."""
        return replace(self, complete=False) if self.complete else self

    def with_function(self, key: str, *, commits: bool = False) -> SchemaModel:
        committing = _pset(self.committing)
        return replace(self, functions=_pset(self.functions).add(key),
                       committing=committing.add(key) if commits else committing.discard(key))

    def without_function(self, key: str) -> SchemaModel:
        return replace(self, functions=_pset(self.functions).discard(key),
                       committing=_pset(self.committing).discard(key))

    def commits(self, procedure: str | None) -> bool:
        """``procedure`` is one the model saw created with a COMMIT or ROLLBACK in its body."""
        return bool(procedure) and relation_key(procedure) in self.committing


def _without_name(names: PMap[str, PMap[str, bool]], table: str, name: str) -> PMap[str, PMap[str, bool]]:
    left = names.get(table, _NO_INDEXES).delete(name)
    return names.set(table, left) if left else names.delete(table)
