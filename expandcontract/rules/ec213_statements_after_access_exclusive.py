"""EC213 statements-after-access-exclusive: slow or lock-waiting statements later in a transaction
that already holds ACCESS EXCLUSIVE on a live table stretch that table's outage until COMMIT."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from ..core.findings import Severity
from ..core.migration import Step
from ..core.model import relation_key
from ..core.ops import Lock, Op
from . import Hit, Rule, RuleContext, ScriptIndex
from ._shared.locks import (
    article,
    cascaded_triggers,
    index_lookup,
    live_locks_in,
    live_reads,
    locked_table,
    locks_a_table,
    noop_create,
    relation_is_new,
    scanned_default_partition,
    unknown_locked_table,
)
from ._shared.slow_work import work_of
from .ec205_validate_in_same_transaction import not_valid_add


class StatementsAfterAccessExclusive(Rule):
    code = "EC213"
    name = "statements-after-access-exclusive"
    severity = Severity.WARNING
    family = "locks"
    postgres_only = True

    def check(self, ctx: RuleContext) -> Iterable[Hit]:
        if not _may_wait_or_work(ctx):
            return  # nothing here that _reason could name: most statements
        start = ctx.transaction_start()
        if start is None:
            return
        held = ctx.index.get(_AccessExclusiveLocks).held(start, ctx.position)
        if held is None:
            return
        reason = self._reason(ctx, held)
        if reason is None:
            return
        step, table = held.first
        if ctx.config.assume_in_transaction and not ctx.group.explicit:
            fix = ("your tool runs the file as one transaction: move this statement to the next migration, "
                   "so the ACCESS EXCLUSIVE statement commits in milliseconds")
        else:
            fix = (f"commit right after the statement on line {step.statement.line}: wrap it alone in "
                   f"BEGIN; … COMMIT; (or move this statement to the next phase's script), so the ACCESS "
                   f"EXCLUSIVE lock is held for milliseconds, not for this statement too")
        yield Hit(
            f"this statement {reason} while the ACCESS EXCLUSIVE lock that line {step.statement.line} took "
            f"on {table} is still held (locks last until COMMIT): all reads and writes of {table} keep "
            f"waiting until it is done",
            fix,
            f"commit right after the operation on line {step.statement.line}: Alembic runs the whole revision "
            f"in one transaction, so move this operation to the next revision (or run that one alone in "
            f"`with op.get_context().autocommit_block():`), and the ACCESS EXCLUSIVE lock is held for "
            f"milliseconds, not for this operation too",
        )

    @staticmethod
    def _reason(ctx: RuleContext, locked: _Held | _Plus) -> str | None:
        reads = live_reads(ctx.step, ctx.migration.name)
        for action, cls in ctx.pairs():
            work = work_of(action)
            table = locked_table(ctx, action)
            if noop_create(ctx.step, action):
                continue  # IF NOT EXISTS of a relation that exists: nothing runs
            if work.always:
                return work.always
            if reads and work.reads:
                what = "its rows" if reads == (table,) else ", ".join(reads)
                return work.reads.format(table=table, reads=what)
            if work.reads_only:
                continue  # it reads only catalogs or tables of this migration
            default = scanned_default_partition(ctx.step, action)
            if default is not None and not relation_is_new(ctx, default.name):
                parent = action.table if work.attaches else action.detail.get("partition_of")
                return f"reads every row of {default.name}, the DEFAULT partition of {parent}"
            # a new partition for a range of values: ACCESS EXCLUSIVE on the DEFAULT partition, scanned or not
            parent = action.table if work.attaches else action.detail.get("partition_of")
            other = (ctx.step.schema_before.default_partition(parent)
                     if parent and not action.detail.get("partition_default") else None)
            if (other is not None and other.name not in locked and not relation_is_new(ctx, other.name)
                    and not already_held(ctx, other.name, Lock.ACCESS_EXCLUSIVE)):
                return (f"must first get an ACCESS EXCLUSIVE lock on {other.name}, the DEFAULT partition of "
                        f"{parent}, waiting behind its running queries")
            if table and relation_is_new(ctx, table):
                # nobody waits on a table of this migration, but its foreign keys lock the live tables
                # they reference (CREATE TABLE … REFERENCES, ADD FOREIGN KEY to it)
                waits = _reference_wait(ctx, action, table, locked)
                if waits:
                    return waits
                continue
            # ATTACH PARTITION reads the rows of the partition it attaches, not of the partitioned table
            scanned = action.object_name if work.attaches and action.object_name else table
            if scanned != table and relation_is_new(ctx, scanned):
                continue  # a partition this migration made
            if work.changes_rows:
                if not locks_a_table(ctx.step, action, table):
                    continue  # a system catalog (or a view): no production table's rows
                if not work.bulk(action) or index_lookup(ctx.step):
                    continue  # a few literal rows, or rows found through an index: no scan
                return f"changes rows of {table} ({work.changes_rows})"
            built = not work.exists(ctx, action)  # else it exists: no build
            # of the locked table itself too: its own rule (EC206, EC207, EC209 …) reports the slow work, and
            # the lock taken on an earlier line already keeps every reader out for all of it
            if cls.holds_long and built:
                added = not_valid_add(ctx, action)
                if added is not None and added[0] is locked.first[0]:
                    continue  # EC205 reports it: the ADD … NOT VALID itself took the lock
                return f"{'rewrites' if cls.rewrites else 'reads every row of'} {scanned or 'a table'}"
            if (cls.lock >= Lock.SHARE and table not in locked and not work.creates
                    and locks_a_table(ctx.step, action, table)
                    and not already_held(ctx, table, cls.lock)):
                return f"must first get {article(cls.lock)} lock on {table}, waiting behind its running queries"
            for other, lock, why in cls.other_locks:
                if (other != table and other not in locked and lock >= Lock.SHARE and ctx.table_existing(other)
                        and not already_held(ctx, other, lock)):
                    return f"must first get {article(lock)} lock on {other} ({why}), waiting behind its running queries"
            unknown = unknown_locked_table(ctx.step, action) if table is None and cls.lock >= Lock.SHARE else None
            if unknown is not None and unknown not in locked:
                return f"must first get {article(cls.lock)} lock on {unknown}, waiting behind its running queries"
            for on, trigger in cascaded_triggers(ctx.step, action):
                if (on not in locked and ctx.table_existing(on)
                        and not already_held(ctx, on, Lock.ACCESS_EXCLUSIVE)):
                    return (f"must first get an ACCESS EXCLUSIVE lock on {on} (CASCADE drops its trigger "
                            f"{trigger}, which executes the function), waiting behind its running queries")
            waits = _reference_wait(ctx, action, table, locked)
            if waits:
                return waits
        return None


def _reference_wait(ctx: RuleContext, action, table: str | None, locked: _Held | _Plus) -> str | None:
    """The SHARE ROW EXCLUSIVE lock the statement's foreign keys must first get on the live
    tables they reference, when the transaction does not hold it yet."""
    for ref in action.tables if work_of(action).references else ():
        if (ref != table and ref not in locked and ctx.table_existing(ref)
                and not already_held(ctx, ref, Lock.SHARE_ROW_EXCLUSIVE)):
            return (f"must first get a SHARE ROW EXCLUSIVE lock on {ref} (the table its foreign key "
                    f"references), waiting behind its running queries")
    return None


def _may_wait_or_work(ctx: RuleContext) -> bool:
    """The statement does something ``_reason`` could name (most statements do not)."""
    return any(work_of(a).always or work_of(a).reads or work_of(a).changes_rows or a.tables or c.holds_long
               or c.lock >= Lock.SHARE or a.detail.get("partition_of") or a.cascade for a, c in ctx.pairs())


def held_across(ctx: RuleContext, table: str) -> tuple[int, str] | None:
    """The ACCESS EXCLUSIVE lock this statement takes on ``table`` (a live table, or the words
    naming one the schema does not know) is still held when a later statement of its transaction
    does slow work or waits for a lock on another table: (that statement's line, what it does, in
    EC213's words), or None when the transaction commits before anything of the kind."""
    start = ctx.transaction_start()
    if start is None:
        return None
    locks = ctx.index.get(_AccessExclusiveLocks)
    mine = (ctx.step, table)
    for position in range(ctx.position + 1, ctx.index.group_end(ctx.position)):
        later = RuleContext(ctx.migration, ctx.script, ctx.index.steps[position], ctx.group, ctx.config, ctx.index,
                            position)
        if not _may_wait_or_work(later):
            continue
        held = locks.held(start, position)
        reason = StatementsAfterAccessExclusive._reason(later, _Plus(held, mine))
        if reason is not None:
            return later.step.statement.line, reason
    return None


class _Plus:
    """The locks ``held`` (or none) and one more, ``mine`` (step, table): ``first`` stays the
    earliest."""

    def __init__(self, held: _Held | None, mine: tuple[Step, str]) -> None:
        self._held, self._table = held, mine[1]
        self.first = held.first if held is not None else mine

    def __contains__(self, table: object) -> bool:
        return table == self._table or (self._held is not None and table in self._held)


class _AccessExclusiveLocks:
    """Every ACCESS EXCLUSIVE lock the steps of a script take on live tables, in order."""

    def __init__(self, index: ScriptIndex) -> None:
        self.steps = index.steps
        self.positions: list[int] = []
        self.tables: list[str] = []
        self.by_table: dict[str, list[int]] = {}
        for position, locks in enumerate(live_locks_in(index)):
            for table, lock, cls in locks:
                if lock >= Lock.ACCESS_EXCLUSIVE and _on_a_table(index.steps[position], cls, table):
                    self.positions.append(position)
                    self.tables.append(table)
                    self.by_table.setdefault(table, []).append(position)

    def held(self, start: int, end: int) -> _Held | None:
        """The locks the steps from ``start`` up to (not including) ``end`` took, or None."""
        first = bisect_left(self.positions, start)
        if first == bisect_left(self.positions, end):
            return None
        return _Held(self, start, end, (self.steps[self.positions[first]], self.tables[first]))


class _Held:
    """The tables locked ACCESS EXCLUSIVE in a range of steps: ``table in held``; ``first``:
    the (step, table) of the earliest lock."""

    def __init__(self, locks: _AccessExclusiveLocks, start: int, end: int, first: tuple[Step, str]) -> None:
        self._locks, self._start, self._end, self.first = locks, start, end, first

    def __contains__(self, table: object) -> bool:
        positions = self._locks.by_table.get(table, ())
        found = bisect_left(positions, self._start)
        return found < len(positions) and positions[found] < self._end


def _on_a_table(step: Step, cls, table: str) -> bool:
    """The ACCESS EXCLUSIVE lock is on a table (not a view, sequence or catalog)."""
    action = next((a for a, c in zip(step.actions, step.classifications, strict=True) if c is cls), None)
    return action is None or locks_a_table(step, action, table)


def already_held(ctx: RuleContext, table: str | None, lock: Lock) -> bool:
    """An earlier statement of this transaction already took ``lock`` (or a stronger one) on
    ``table``: asking again waits for nobody."""
    start = ctx.transaction_start()
    if start is None or not table:
        return False
    live = live_locks_in(ctx.index)
    names = _names_in_transaction(ctx, table, start)
    return any(relation_key(t) in names and held >= lock
               for position in range(start, ctx.position) for t, held, _ in live[position])


def _names_in_transaction(ctx: RuleContext, table: str, start: int) -> set[str]:
    """``table`` and the names it had earlier in this transaction: ALTER TABLE … RENAME TO keeps
    the locks taken on the old name (the same table, under its new name)."""
    names = {relation_key(table)}
    for position in range(ctx.position - 1, start - 1, -1):
        for action in ctx.index.steps[position].actions:
            if action.op == Op.RENAME_TABLE and action.table and action.new_name:
                prefix = action.table.rsplit(".", 1)[0] + "." if "." in action.table else ""
                if relation_key(prefix + action.new_name) in names:
                    names.add(relation_key(action.table))
    return names
