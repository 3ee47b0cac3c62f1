"""``Schema``: the schema model (``core/model.py``) that replays. ``Schema.apply(action)`` runs
the operation's replay from the registry (``core/ops``), which builds the next model with
``SchemaModel``'s storage methods.

Schemas are immutable values, so every intermediate state a migration passes through can be
kept (``check`` compares the apps against each of them) at the cost of a shallow copy.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from .model import BASELINE, Column, Constraint, Index, SchemaModel, Table, View, relation_key
from .ops.op import Action
from .ops.registry import extract_actions, replay
from .parse import Statement

__all__ = ["BASELINE", "Column", "Constraint", "Index", "Schema", "Table", "View", "relation_key"]


class Schema(SchemaModel):
    """The schema model with its replay: from DDL text, statements or one action at a time.

    >>> s = Schema.from_sql("CREATE TABLE t (id bigint PRIMARY KEY, a text NOT NULL);"
    ...                     "ALTER TABLE t RENAME COLUMN a TO b")
    >>> list(s.tables["t"].columns)
    ['id', 'b']
    """

    # -- replay --------------------------------------------------------------------------------

    @classmethod
    def from_sql(cls, text: str, *, origin: str = BASELINE, dialect: str = "postgres") -> Schema:
        """Replay DDL text (plain DDL or ``pg_dump --schema-only`` output) onto an empty schema."""
        from .parse import blank_psql_meta_commands, parse_sql

        return cls.from_statements(parse_sql(blank_psql_meta_commands(text), dialect=dialect), origin=origin)

    @classmethod
    def from_statements(cls, statements: Iterable[Statement], *, origin: str = BASELINE) -> Schema:
        """Replay already parsed statements onto an empty schema."""
        schema = cls()
        for stmt in statements:
            schema = schema.apply_statement(stmt, origin=origin)
        return schema

    def apply_statement(self, stmt: Statement, *, origin: str) -> Schema:
        schema = self
        for action in extract_actions(stmt):
            schema = schema.apply(action, origin=origin, statement_text=stmt.text)
        return schema

    def apply(self, action: Action, *, origin: str, statement_text: str = "") -> Schema:
        known = self._applied.get(id(action))
        if known is not None and known[0] is action and known[1] == (origin, statement_text):
            return self if known[2] is None else known[2]
        result = cast(Schema, replay(self, action, origin, statement_text))  # (a replay keeps the class)
        # the entry holds the action itself, so its id cannot be reused while the entry lives. An
        # action that changes nothing is recorded as None, not as the schema itself: that would
        # be a reference cycle, and every schema after it (with its actions) would wait for the
        # cyclic garbage collector instead of being freed when the lint result is dropped
        self._applied[id(action)] = (action, (origin, statement_text), None if result is self else result)
        return result
