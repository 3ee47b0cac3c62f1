"""What earlier statements of a transaction hold and did, for the lock rules: the ACCESS EXCLUSIVE
locks taken on live tables (``AccessExclusiveLocks``), whether a lock is ``already_held`` (across a
table rename too), what a later statement does while such a lock is held (``slow_or_waiting``,
EC213's words) and how long one statement's lock is held (``held_across``, for EC202 and EC212),
and the NOT VALID add a VALIDATE belongs to (``not_valid_add``)."""

from __future__ import annotations

from bisect import bisect_left

from ...core.migration import Step
from ...core.model import relation_key
from ...core.ops import Action, Lock, Op
from .. import RuleContext, ScriptIndex
from .locks import (
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
from .slow_work import work_of

__all__ = ["UNTIL_LINE", "AccessExclusiveLocks", "Held", "Plus", "already_held", "held_across", "may_wait_or_work",
           "not_valid_add", "slow_or_waiting"]

# the words a finding of EC202 or EC212 names the line the lock is held until with (trace.compare reads them)
UNTIL_LINE = "still held when line"


def reference_wait(ctx: RuleContext, action, table: str | None, locked: Held | Plus) -> str | None:
    """The SHARE ROW EXCLUSIVE lock the statement's foreign keys must first get on the live
    tables they reference, when the transaction does not hold it yet."""
    for ref in action.tables if work_of(action).references else ():
        if (ref != table and ref not in locked and ctx.table_existing(ref)
                and not already_held(ctx, ref, Lock.SHARE_ROW_EXCLUSIVE)):
            return (f"must first get a SHARE ROW EXCLUSIVE lock on {ref} (the table its foreign key "
                    f"references), waiting behind its running queries")
    return None


def may_wait_or_work(ctx: RuleContext) -> bool:
    """The statement does something ``slow_or_waiting`` could name (most statements do not)."""
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
    locks = ctx.index.get(AccessExclusiveLocks)
    mine = (ctx.step, table)
    for position in range(ctx.position + 1, ctx.index.group_end(ctx.position)):
        later = RuleContext(ctx.migration, ctx.script, ctx.index.steps[position], ctx.group, ctx.config, ctx.index,
                            position)
        if not may_wait_or_work(later):
            continue
        held = locks.held(start, position)
        reason = slow_or_waiting(later, Plus(held, mine))
        if reason is not None:
            return later.step.statement.line, reason
    return None


class Plus:
    """The locks ``held`` (or none) and one more, ``mine`` (step, table): ``first`` stays the
    earliest."""

    def __init__(self, held: Held | None, mine: tuple[Step, str]) -> None:
        self._held, self._table = held, mine[1]
        self.first = held.first if held is not None else mine

    def __contains__(self, table: object) -> bool:
        return table == self._table or (self._held is not None and table in self._held)


class AccessExclusiveLocks:
    """Every ACCESS EXCLUSIVE lock the steps of a script take on live tables, in order."""

    def __init__(self, index: ScriptIndex) -> None:
        self.steps = index.steps
        self.positions: list[int] = []
        self.tables: list[str] = []
        self.by_table: dict[str, list[int]] = {}
        for position, locks in enumerate(live_locks_in(index)):
            for table, lock, cls in locks:
                if lock >= Lock.ACCESS_EXCLUSIVE and on_a_table(index.steps[position], cls, table):
                    self.positions.append(position)
                    self.tables.append(table)
                    self.by_table.setdefault(table, []).append(position)

    def held(self, start: int, end: int) -> Held | None:
        """The locks the steps from ``start`` up to (not including) ``end`` took, or None."""
        first = bisect_left(self.positions, start)
        if first == bisect_left(self.positions, end):
            return None
        return Held(self, start, end, (self.steps[self.positions[first]], self.tables[first]))


class Held:
    """The tables locked ACCESS EXCLUSIVE in a range of steps: ``table in held``; ``first``:
    the (step, table) of the earliest lock."""

    def __init__(self, locks: AccessExclusiveLocks, start: int, end: int, first: tuple[Step, str]) -> None:
        self._locks, self._start, self._end, self.first = locks, start, end, first

    def __contains__(self, table: object) -> bool:
        positions = self._locks.by_table.get(table, ())
        found = bisect_left(positions, self._start)
        return found < len(positions) and positions[found] < self._end


def on_a_table(step: Step, cls, table: str) -> bool:
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
    names = names_in_transaction(ctx, table, start)
    return any(relation_key(t) in names and held >= lock
               for position in range(start, ctx.position) for t, held, _ in live[position])


def names_in_transaction(ctx: RuleContext, table: str, start: int) -> set[str]:
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


def slow_or_waiting(ctx: RuleContext, locked: Held | Plus) -> str | None:
    """What this statement does that keeps a held ACCESS EXCLUSIVE lock waiting: slow work on a live
    table, or a wait for a lock on one ``locked`` does not hold (EC213's words), or None."""
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
            waits = reference_wait(ctx, action, table, locked)
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
        waits = reference_wait(ctx, action, table, locked)
        if waits:
            return waits
    return None




def not_valid_add(ctx: RuleContext, action: Action) -> tuple[Step, Action] | None:
    """The earlier step of this transaction that added the constraint ``action`` validates."""
    if action.op != Op.VALIDATE_CONSTRAINT or not action.object_name:
        return None
    name = action.object_name
    now = ctx.schema.table(action.table)
    start = ctx.transaction_start()
    if start is None:
        return None
    adds = ctx.index.get(_constraint_adds).get(action.table, [])
    for position in reversed(adds[bisect_left(adds, start) : bisect_left(adds, ctx.position)]):
        step = ctx.index.steps[position]
        before = step.schema_before.table(action.table)
        if before is not None and name in before.constraints:
            continue  # it existed before this step: not the step that added it
        for earlier in step.actions:
            con = earlier.constraint
            if earlier.op != Op.ADD_CONSTRAINT or con is None or earlier.table != action.table:
                continue
            # an unnamed constraint gets its name from PostgreSQL: it is the one that appeared here
            named = con.name == name or (con.name is None and now is not None and name in now.constraints)
            if named and con.not_valid:
                return step, earlier
    return None


def _constraint_adds(index: ScriptIndex) -> dict[str | None, list[int]]:
    """Table -> the positions of the steps that add a constraint to it."""
    found: dict[str | None, list[int]] = {}
    for position, step in enumerate(index.steps):
        for table in dict.fromkeys(a.table for a in step.actions if a.op == Op.ADD_CONSTRAINT):
            found.setdefault(table, []).append(position)
    return found
