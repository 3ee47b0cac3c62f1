"""What a recipe is given (one action, the schema before it, its source text) and the helpers
several recipes share: the backfill key, the NOT NULL-through-a-CHECK sequence, refusals."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..core.ops import Action, Classification
from ..core.parse import Statement
from ..core.schema import Column, Schema, Table, relation_key
from .dependents import column_dependents
from .model import Block, Sql, tx
from .sqlbuild import Namer, alter, bare, qi, qt

__all__ = ["Context", "Refuse"]


class Refuse(Exception):
    """This change cannot be split safely; the message says why and what to do instead."""


@dataclass(frozen=True)
class Context:
    action: Action
    classification: Classification
    statement: Statement
    piece: str | None  # the action's own ALTER TABLE subcommand text, when it has one
    schema: Schema  # before the action
    migration: str  # the migration's name: tables with this origin are new
    pg_version: int
    names: Namer
    history: Sequence[Statement]  # the baseline's DDL and the earlier statements of the migration
    header: str | None = None  # "ALTER TABLE ONLY t" as written, when ``piece`` is set
    siblings: int = 1  # actions in the statement, this one included
    # tables an earlier statement of the migration changes rows of (it runs in migrate), and its line
    data_changes: Mapping[str, int] = field(default_factory=dict)
    baseline: Schema | None = None  # the schema before the migration (``schema`` is before this action)
    # tables whose primary key an earlier action of the migration drops: (line, constraint name,
    # whether the drop stands alone, so a new primary key's change can take it over)
    dropped_keys: Mapping[str, tuple[int, str, bool]] = field(default_factory=dict)
    # (table key, column) -> SQL expression for a NOT NULL column without a default (--fill)
    fills: Mapping[tuple[str, str], str] = field(default_factory=dict)

    @property
    def line(self) -> int:
        return self.statement.line

    def data_changed_before(self, *tables: str | None) -> int | None:
        """The line of an earlier UPDATE/INSERT/DELETE on one of ``tables``: a check of existing
        rows must then wait until migrate.sql has run, so it moves to contract."""
        lines = [self.data_changes[relation_key(t)] for t in tables
                 if t and relation_key(t) in self.data_changes]
        return min(lines) if lines else None

    def own_text(self) -> str:
        """This action as a statement of its own, as the user wrote it."""
        if self.siblings == 1:
            return self.statement.text.strip()
        if self.piece and self.header:
            return f"{self.header} {self.piece}"
        raise Refuse("this statement makes several changes the split cannot separate: "
                     "write one change per statement")

    def is_new(self, table: str | None) -> bool:
        """Created by this migration: empty, and no app uses it yet."""
        found = self.schema.table(table)
        return found is not None and found.origin == self.migration

    def table(self, name: str | None = None) -> Table:
        name = name or self.action.table
        found = self.schema.table(name)
        if found is None:
            raise Refuse(f"table {name} is not in the baseline schema (--schema): cannot plan a change to it")
        return found

    def column(self, table: Table, name: str | None = None) -> Column:
        name = name or self.action.column
        found = table.column(name)
        if found is None:
            raise Refuse(f"column {table.name}.{name} is not in the baseline schema (--schema)")
        return found

    def backfill_key(self, table: Table) -> str:
        """The single column the runner batches a backfill of ``table`` by: its primary key."""
        for con in table.constraints.values():
            if con.kind == "primary_key":
                if len(con.columns) == 1:
                    return con.columns[0]
                raise Refuse(
                    f"{table.name} has a composite primary key ({', '.join(con.columns)}): the backfill "
                    "is batched by one key column; add a single-column key or backfill by hand"
                )
        raise Refuse(
            f"{table.name} has no primary key to batch the backfill by: an unbatched UPDATE would "
            "lock every row for its whole run; add a primary key first"
        )

    def refuse_if_used(self, table: Table, column: str, why: str) -> None:
        """Refuse when dropping ``column`` would take indexes, constraints or views with it."""
        found = [d for d in column_dependents(self.history, table.name, column) if self._still_there(d)]
        if found:
            raise Refuse(
                f"{table.name}.{column} is used by {', '.join(found)}: {why} would drop or break "
                f"{'it' if len(found) == 1 else 'them'}; change those in their own migration first"
            )

    def _still_there(self, dependent: str) -> bool:
        """An index or view an earlier statement of the migration already dropped is no reason to
        refuse (``DROP INDEX x; ALTER TABLE … RENAME …; CREATE INDEX …`` on the new name)."""
        kind, _, name = dependent.partition(" ")
        if kind == "index" and not name.startswith("on "):
            return self.schema.index(name) is not None
        if kind == "view":
            return self.schema.has_relation(name)
        return True

    def refuse_taken_name(self, name: str, table: str, *, relation: bool, what: str,
                          allowed: str | None = None) -> None:
        """Refuse a new constraint or index whose name an existing object has: the split's
        ``DROP … IF EXISTS`` (for a re-run after an interruption) would destroy that object.

        ``relation``: the name is an index's (UNIQUE, PRIMARY KEY, CREATE INDEX), so any table,
        view, index or index-backed constraint of the table's schema clashes; otherwise only a
        constraint of ``table``. ``allowed``: a name the change itself frees in the same transaction.
        """
        own = bare(name)
        if own == allowed:
            return
        schema_of = (relation_key(table).rsplit(".", 1)[0] + ".") if "." in relation_key(table) else ""
        for schema in {id(s): s for s in (self.baseline, self.schema) if s is not None}.values():
            holder = None
            found = schema.table(table)
            if found is not None and own in found.constraints:
                holder = f"constraint {own} of {found.name}"
            elif relation:
                key = schema_of + own
                if key in schema.indexes:
                    holder = f"index {own}"
                elif key in schema.tables or key in schema.views:
                    holder = f"{'table' if key in schema.tables else 'view'} {own}"
                else:
                    holder = next((f"constraint {own} of {t.name}" for k, t in schema.tables.items()
                                   if (k.rsplit(".", 1)[0] + "." if "." in k else "") == schema_of
                                   and own in t.constraints
                                   and t.constraints[own].kind in ("primary_key", "unique", "exclusion")), None)
            if holder is not None:
                raise Refuse(f"the new {what} {own} has the name of the existing {holder}: the split first drops "
                             f"a leftover of an interrupted run by that name, which would drop (or fail on) the "
                             "existing one; give the new one another name (and drop or rename the old one in its "
                             "own migration)")

    def refuse_special(self, table: Table, col: Column) -> None:
        if col.identity or col.generated or (col.default or "").startswith("nextval("):
            what = "an identity" if col.identity else "a generated" if col.generated else "a serial"
            raise Refuse(f"{table.name}.{col.name} is {what} column: copying it into a new column "
                         "would detach its sequence or expression")


def not_null_blocks(ctx: Context, table: str, column: str, *, why: str) -> tuple[Block, ...]:
    """``SET NOT NULL`` without a scan under ACCESS EXCLUSIVE: a ``NOT VALID`` check, validated
    under a weak lock, lets PostgreSQL 12+ skip the scan; the check is dropped afterwards.
    Before PostgreSQL 12 the validated check stays and stands in for NOT NULL."""
    name = ctx.names.fresh(f"{bare(table)}_{column}_not_null_check")
    clear = Sql(alter(table, f"DROP CONSTRAINT IF EXISTS {qi(name)}"),
                ("a leftover of an interrupted earlier run, if any",))
    add = Sql(alter(table, f"ADD CONSTRAINT {qi(name)} CHECK ({qi(column)} IS NOT NULL) NOT VALID"),
              (f"{why}: checked for new rows at once, for existing rows below",))
    validate = Sql(alter(table, f"VALIDATE CONSTRAINT {qi(name)}"),
                   ("scans the table under a SHARE UPDATE EXCLUSIVE lock: reads and writes go on",))
    if ctx.pg_version < 12:
        return (tx(clear, add), tx(validate))
    set_nn = Sql(alter(table, f"ALTER COLUMN {qi(column)} SET NOT NULL"),
                 ("uses the validated check instead of scanning the table",))
    drop = Sql(alter(table, f"DROP CONSTRAINT IF EXISTS {qi(name)}"))
    return (tx(clear, add), tx(validate), tx(set_nn, drop))


def not_null_note(ctx: Context, table: str, column: str) -> str:
    if ctx.pg_version < 12:
        return (f"{table}.{column} is enforced by a validated CHECK ({column} IS NOT NULL) instead of NOT NULL: "
                "before PostgreSQL 12, SET NOT NULL scans the table under an ACCESS EXCLUSIVE lock")
    return (f"NOT NULL on {table}.{column} comes from a validated CHECK constraint, so SET NOT NULL "
            "needs no table scan under lock")


def backfill_sql(table: str, assignments: str, where: str, key: str, comment: str) -> Sql:
    text = f"UPDATE {qt(table)}\nSET {assignments}\nWHERE {where}"
    return Sql(text, (comment,), backfill_key=key)
