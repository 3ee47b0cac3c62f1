"""The values of the schema model: a table with its columns and constraints, an index, a view,
and how the model names a relation. ``model.SchemaModel`` holds them."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from .ops.op import ColumnSpec, TypeRef
from .record import field, record, replace

__all__ = ["BASELINE", "Column", "Constraint", "Index", "Table", "View", "bare", "relation_key"]

BASELINE = "<baseline>"  # the origin of what was there before the first migration

_SERIAL_STORAGE = {"smallserial": "smallint", "serial2": "smallint", "serial": "integer", "serial4": "integer",
                   "bigserial": "bigint", "serial8": "bigint"}


@record(frozen=True)
class Column:
    """A column of a table in the schema model."""

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

        >>> from expandcontract.core.ops import TypeRef
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


@record(frozen=True)
class Constraint:
    """A constraint of a table in the schema model."""

    name: str
    kind: str
    columns: tuple[str, ...] = ()
    validated: bool = True
    references: str | None = None
    not_null_column: str | None = None


@record(frozen=True)
class Index:
    """An index of the schema model."""

    name: str
    table: str
    columns: tuple[str, ...] = ()
    unique: bool = False
    partial: bool = False
    # the columns its expressions and WHERE read: changing the type of one rebuilds it, even when
    # the table is not rewritten (PostgreSQL keeps only a plain column index's storage)
    expression_columns: tuple[str, ...] = ()


@record(frozen=True)
class Table:
    """A table of the schema model: its columns and constraints, by name."""

    name: str
    columns: Mapping[str, Column] = field(default_factory=dict)
    constraints: Mapping[str, Constraint] = field(default_factory=dict)
    origin: str = BASELINE  # the migration that created it, or BASELINE
    partitioned: bool = False
    default_partition: str | None = None  # a partitioned table's DEFAULT partition (its key)

    def column(self, name: str | None) -> Column | None:
        return self.columns.get(name) if name else None

    def with_columns(self, columns: dict[str, Column]) -> Table:
        return replace(self, columns=MappingProxyType(columns))

    def with_constraints(self, constraints: dict[str, Constraint]) -> Table:
        return replace(self, constraints=MappingProxyType(constraints))



@record(frozen=True)
class View:
    """A view of the schema model."""

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


def bare(name: str) -> str:
    """The name without its schema: ``app.users`` -> ``users``."""
    return name.rsplit(".", 1)[-1]
