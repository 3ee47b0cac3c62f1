"""What a statement of each operation does that takes long or waits, besides taking its own lock:
read by the rules on statements run while a transaction holds a lock others wait for (EC213 under
ACCESS EXCLUSIVE, EC218 under a lock that blocks writes). One entry per operation, looked up by
``work_of``: the rules never test the op themselves."""

from __future__ import annotations

from collections.abc import Callable

from ...core.ops import Action, Op
from ...core.record import record
from .. import RuleContext

__all__ = ["WORK", "Work", "work_of"]


@record(frozen=True)
class Work:
    """What a statement of one operation does, besides taking its own lock, that stretches a
    lock held until COMMIT."""

    always: str | None = None  # slow whatever it touches
    # when it reads tables live in production (_shared.locks.live_reads): ``{table}``, ``{reads}``
    reads: str | None = None
    reads_only: bool = False  # it does nothing else: when it reads no live table, nothing slow
    changes_rows: str | None = None  # the statement that changes rows of its table
    bulk: Callable[[Action], bool] = lambda action: True  # it changes many rows, not a few literal ones
    references: bool = False  # it locks the tables its foreign keys reference
    exists: Callable[[RuleContext, Action], bool] = lambda ctx, action: False  # IF NOT EXISTS: nothing built
    attaches: bool = False  # ATTACH PARTITION: its table is the partitioned one (else PARTITION OF names it)
    # it makes the relation it names: its lock there keeps nobody waiting (only referenced tables do)
    creates: bool = False


WORK = {
    Op.UPDATE: Work(reads="changes rows of {table} (UPDATE), reading {reads}", changes_rows="UPDATE"),
    Op.DELETE: Work(reads="deletes rows of {table}, reading {reads}", changes_rows="DELETE"),
    Op.MERGE: Work(reads="merges into {table}, reading {reads}", changes_rows="MERGE"),
    Op.INSERT: Work(reads="fills {table} from {reads} (INSERT … SELECT), reading every row it selects",
                    changes_rows="INSERT", bulk=lambda action: bool(action.detail.get("from_select"))),
    Op.COPY: Work(changes_rows="COPY"),
    Op.CREATE_TABLE_AS: Work(reads="fills the new table {table} from {reads} (CREATE TABLE … AS), reading every row",
                             reads_only=True, creates=True),
    Op.CREATE_MATVIEW: Work(reads="fills the materialized view {table} from {reads}, reading every row",
                            reads_only=True, creates=True),
    Op.REFRESH_MATVIEW: Work(reads="refreshes {table}, reading every row of {reads}", reads_only=True),
    Op.DO_BLOCK: Work(reads="runs a DO block that reads {reads}", reads_only=True),
    # a data migration's read: every row it selects (catalogs, tables this migration made: nothing)
    Op.SELECT: Work(reads="reads {reads} (SELECT), every row it selects", reads_only=True),
    Op.CALL: Work(always="runs a procedure (CALL)"),
    Op.ATTACH_PARTITION: Work(attaches=True),
    Op.CREATE_TABLE: Work(references=True, creates=True),
    Op.ADD_CONSTRAINT: Work(references=True),
    Op.ADD_COLUMN: Work(references=True),
    Op.CREATE_INDEX: Work(exists=lambda ctx, action: action.if_not_exists
                          and ctx.schema.index(action.object_name) is not None),
}
_NOTHING_ELSE = Work()


def work_of(action: Action) -> Work:
    return WORK.get(action.op, _NOTHING_ELSE)
