"""The schema model: ``Schema`` holds tables, views, indexes, enums, sequences and functions, and
answers lookups. ``Schema.apply(action)`` replays one action through the registry of
operations (``core/ops``), whose family modules build the next schema with the few storage
methods below.

Schemas are immutable values, so every intermediate state a migration passes through can be
kept (``check`` compares the apps against each of them) at the cost of a shallow copy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TypeVar

from .objects import BASELINE, Column, Constraint, Index, Table, View, relation_key
from .ops.op import Action
from .ops.registry import extract_actions, replay

__all__ = ["BASELINE", "Column", "Constraint", "Index", "Schema", "Table", "View", "relation_key"]


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

    def with_loose(self, name: str, change) -> Schema:
        key = relation_key(name)
        loose = dict(self.loose_constraints)
        loose[key] = MappingProxyType(change(dict(loose.get(key, {}))))
        return replace(self, loose_constraints=MappingProxyType(loose))

    # -- storage: how replay builds the next schema --------------------------------------------

    def with_table(self, table: Table) -> Schema:
        """This schema with ``table`` added or replaced."""
        tables = _copy(self.tables)
        tables[relation_key(table.name)] = table
        return replace(self, tables=MappingProxyType(tables))

    def without_table(self, key: str) -> Schema:
        return replace(self, tables=_without(self.tables, key))

    def with_tables(self, tables: Mapping[str, Table]) -> Schema:
        return replace(self, tables=MappingProxyType(tables))

    def changing_table(self, name: str | None, change) -> Schema:
        """``change(table)`` replaces the table ``name``; a table the model does not know is left alone."""
        table = self.table(name)
        if table is None:
            return self
        return self.with_table(change(table))

    def with_index(self, index: Index) -> Schema:
        indexes = _copy(self.indexes)
        indexes[index.name] = index
        return replace(self, indexes=MappingProxyType(indexes))

    def without_index(self, key: str) -> Schema:
        return replace(self, indexes=_without(self.indexes, key))

    def with_indexes(self, indexes: Mapping[str, Index]) -> Schema:
        return replace(self, indexes=MappingProxyType(indexes))

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
        result = replay(self, action, origin, statement_text)
        # the entry holds the action itself, so its id cannot be reused while the entry lives. An
        # action that changes nothing is recorded as None, not as the schema itself: that would
        # be a reference cycle, and every schema after it (with its actions) would wait for the
        # cyclic garbage collector instead of being freed when the lint result is dropped
        self._applied[id(action)] = (action, (origin, statement_text), None if result is self else result)
        return result
