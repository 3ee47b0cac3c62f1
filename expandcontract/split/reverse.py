"""What undoes a phase of a split, for the ``downgrade()`` of its Alembic revision.

Expand only adds (columns, triggers, indexes, constraints, compatibility views), so each of its
steps has an exact undo, worked out against the schema as it stands before that step: what the
step found already there (``IF NOT EXISTS``, a leftover cleanup) is left alone. A step with no
exact undo (a type change, a replaced function) makes the whole phase irreversible, with the
reason. Migrate is undone by expand's downgrade when its backfills only fill columns expand
added. Contract is one-way: it drops what the old app used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..core.migration import ScriptKind
from ..core.ops import Action
from ..core.ops.registry import extract_actions
from ..core.parse import parse_sql
from ..core.schema import Schema
from .model import Change, Sql
from .sqlbuild import alter, bare, in_schema_of, qi, qt

__all__ = ["Undo", "contract_is_one_way", "undo_expand", "undo_migrate"]


@dataclass(frozen=True)
class Undo:
    """The statements that undo a phase, in the order to run them; or why there are none."""

    statements: tuple[Sql, ...] = ()
    blocker: str | None = None  # "line 3: ALTER TABLE … changes the type of …": not undoable


class _Blocked(Exception):
    pass


def _summary(text: str) -> str:
    first = " ".join(text.split())
    return first if len(first) <= 60 else first[:57] + "..."


def _statements(changes: Sequence[Change], kind: ScriptKind):
    for change in changes:
        for block in change.blocks(kind):
            for sql in block.statements:
                for statement in parse_sql(sql.text):
                    yield change, statement


def undo_expand(changes: Sequence[Change], baseline: Schema) -> Undo:
    """The undo of every expand step, last step first.

    >>> from expandcontract.split import split_migration
    >>> base = "CREATE TABLE t (id bigint PRIMARY KEY, a text NOT NULL)"
    >>> plan = split_migration("ALTER TABLE t RENAME COLUMN a TO b", base)
    >>> [s.text for s in undo_expand(plan.changes, Schema.from_sql(base)).statements]
    ... # doctest: +NORMALIZE_WHITESPACE
    ['DROP TRIGGER IF EXISTS t_sync_b ON t', 'DROP FUNCTION IF EXISTS t_sync_b',
     'ALTER TABLE t ALTER COLUMN a SET NOT NULL', 'ALTER TABLE t DROP COLUMN IF EXISTS b']
    """
    schema = baseline
    undo: list[Sql] = []
    for change, statement in _statements(changes, ScriptKind.EXPAND):
        for action in extract_actions(statement):
            try:
                undo[:0] = reversed(_undo(action, schema, recipe_made=not change.passthrough))
            except _Blocked as exc:
                return Undo(blocker=f"line {change.line}: {_summary(statement.text)} {exc}")
            schema = schema.apply(action, origin="<split>", statement_text=statement.text)
    return Undo(tuple(undo))


def undo_migrate(changes: Sequence[Change], baseline: Schema) -> Undo:
    """Nothing to run when every data change only fills columns that are not in ``baseline``
    (the schema before the split): expand's downgrade drops them."""
    for change, statement in _statements(changes, ScriptKind.MIGRATE):
        for action in extract_actions(statement):
            if action.op in ("analyze", "vacuum", "refresh_matview", "set"):
                continue
            table = baseline.table(action.table)
            written = action.detail.get("set_columns", ()) if action.op == "update" else ()
            if action.op != "update" or table is None or any(c in table.columns for c in written):
                return Undo(blocker=f"line {change.line}: {_summary(statement.text)} changes rows the old "
                                    "schema already had, and the old values are not kept")
    return Undo()


def contract_is_one_way(changes: Sequence[Change]) -> str:
    """Why the contract revision has no downgrade, naming what it drops."""
    dropped = []
    for _, statement in _statements(changes, ScriptKind.CONTRACT):
        for a in extract_actions(statement):
            if a.op == "drop_column" and a.table and a.column:
                dropped.append(f"column {a.table}.{a.column}")
            elif a.op in ("drop_table", "drop_view") and a.table:
                dropped.append(f"{a.op.removeprefix('drop_')} {a.table}")
    names = list(dict.fromkeys(dropped))
    what = f"it drops {', '.join(names)} and the data in {'it' if len(names) == 1 else 'them'}" if names else (
        "it removes what the old app needed")
    return (f"contract is one-way: {what}. To go back, restore from a backup, or write a new migration "
            "that brings them back (and split it into expand/migrate/contract too)")


def _undo(a: Action, before: Schema, *, recipe_made: bool) -> list[Sql]:
    """The statements that undo one action, in the order they would run; [] when the action
    changed nothing that needs undoing."""
    table = before.table(a.table) if a.table else None
    if a.op in ("validate_constraint", "set", "analyze", "vacuum"):
        return []  # a constraint's validation goes with the constraint; settings last one session
    if a.op == "add_column":
        column = a.column_spec.name if a.column_spec else a.column
        if table is None or column in table.columns:
            return []  # a new table goes as a whole; IF NOT EXISTS found it already there
        return [Sql(alter(a.table, f"DROP COLUMN IF EXISTS {qi(column)}"))]
    if a.op in ("set_default", "drop_default", "drop_not_null"):
        column = table.column(a.column) if table else None
        if column is None:
            return []  # a column this phase adds: dropping it is enough
        if a.op == "drop_not_null":
            if not column.not_null:
                return []
            return [Sql(alter(a.table, f"ALTER COLUMN {qi(column.name)} SET NOT NULL"),
                        (f"scans {a.table} under an ACCESS EXCLUSIVE lock, and fails if a row has no {column.name}",))]
        if column.default is None:
            return [] if a.op == "drop_default" else [Sql(alter(a.table, f"ALTER COLUMN {qi(column.name)} DROP DEFAULT"))]
        if column.default == "<expression>":
            raise _Blocked(f"changes the default of {a.table}.{column.name}, and its old default is not known")
        return [Sql(alter(a.table, f"ALTER COLUMN {qi(column.name)} SET DEFAULT {column.default}"))]
    if a.op == "add_constraint":
        if not a.object_name:
            raise _Blocked("adds a constraint without a name: name it to make it removable")
        return [Sql(alter(a.table, f"DROP CONSTRAINT IF EXISTS {qi(a.object_name)}"))]
    if a.op in ("drop_constraint", "drop_index"):
        name = a.object_name or ""
        gone = (name not in table.constraints if table else True) if a.op == "drop_constraint" else (
            before.index(name) is None)
        if a.if_exists and gone:
            return []  # a leftover of an interrupted run, if any: nothing the old schema had
        raise _Blocked(f"drops {name}, which a downgrade cannot rebuild as it was")
    if a.op == "create_index":
        if not a.object_name:
            raise _Blocked("creates an index without a name: name it to make it removable")
        if a.if_not_exists and before.index(a.object_name) is not None:
            return []
        concurrently = " CONCURRENTLY" if a.concurrent else ""
        return [Sql(f"DROP INDEX{concurrently} IF EXISTS {in_schema_of(a.table or '', a.object_name)}",
                    transactional=not a.concurrent)]
    if a.op == "create_function":
        if a.object_name in before.functions or (a.detail.get("replace") and not recipe_made):
            raise _Blocked(f"may replace function {a.object_name}, whose old definition is not known")
        return [Sql(f"DROP FUNCTION IF EXISTS {qt(a.object_name or '')}")]
    if a.op == "create_trigger":
        if a.detail.get("replace") and not recipe_made:
            raise _Blocked(f"may replace trigger {a.object_name}, whose old definition is not known")
        return [Sql(f"DROP TRIGGER IF EXISTS {qi(a.object_name or '')} ON {qt(a.table or '')}")]
    if a.op == "create_view":
        if before.view(a.table) is not None or before.table(a.table) is not None:
            raise _Blocked(f"replaces view {a.table}, whose old definition is not known")
        return [Sql(f"DROP VIEW IF EXISTS {qt(a.table or '')}")]
    if a.op == "create_table":
        return [] if table is not None else [Sql(f"DROP TABLE IF EXISTS {qt(a.table or '')}")]
    if a.op == "rename_table" and a.table and a.new_name:
        renamed = in_schema_of(a.table, a.new_name)
        return [Sql(f"ALTER TABLE {renamed} RENAME TO {qi(bare(a.table))}")]
    if a.op == "create_enum" and a.object_name and a.object_name not in before.enums:
        return [Sql(f"DROP TYPE IF EXISTS {qt(a.object_name)}")]
    raise _Blocked("has no automatic undo")
