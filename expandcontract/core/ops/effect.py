"""What an action does to a running system: its phase, the lock it takes, whether it rewrites or
scans the table, whether it can run in a transaction; and ``Facts``, what a classifier reads.

Version-aware (``pg_version``): a constant default is free from PostgreSQL 11, ``SET NOT NULL``
can use a validated ``CHECK (col IS NOT NULL)`` from 12, ``DETACH … CONCURRENTLY`` exists from 14.
"""

from __future__ import annotations

from enum import Enum, IntEnum
from typing import TYPE_CHECKING

from ..record import record
from .op import Action, Op

if TYPE_CHECKING:
    from ..model import Column, SchemaModel, Table

__all__ = [
    "NON_TRANSACTIONAL_OPS",
    "Classification",
    "Facts",
    "Lock",
    "Phase",
    "dropped_under_old_app",
    "expand_in_place",
    "expand_no_lock",
    "no_phase",
    "non_transactional",
    "renamed_under_old_app",
]


class Phase(str, Enum):
    EXPAND = "expand"
    MIGRATE = "migrate"
    CONTRACT = "contract"
    NONE = "none"  # session settings, transaction control: belongs anywhere

    def __str__(self) -> str:
        return self.value


class Lock(IntEnum):
    """PostgreSQL table lock modes, weakest first."""

    NONE = 0
    ACCESS_SHARE = 1
    ROW_SHARE = 2
    ROW_EXCLUSIVE = 3
    SHARE_UPDATE_EXCLUSIVE = 4
    SHARE = 5
    SHARE_ROW_EXCLUSIVE = 6
    EXCLUSIVE = 7
    ACCESS_EXCLUSIVE = 8

    @property
    def label(self) -> str:
        return self.name.replace("_", " ")

    @property
    def blocks(self) -> str:
        """Who waits while this lock is held, in plain words."""
        if self >= Lock.ACCESS_EXCLUSIVE:
            return "all reads and writes"
        if self >= Lock.SHARE:
            return "all writes (INSERT, UPDATE, DELETE)"
        if self >= Lock.SHARE_UPDATE_EXCLUSIVE:
            return "other schema changes and VACUUM, not reads or writes"
        return "nothing the application does"


@record(frozen=True)
class Classification:
    """A statement's phase, the lock it takes and how long it holds it."""

    phase: Phase
    lock: Lock = Lock.NONE
    rewrites: bool = False  # the whole table is rewritten under the lock
    scans: bool = False  # the whole table is read under the lock
    transactional: bool = True  # can run inside a transaction block
    breaks_old_app: str | None = None  # why the previous app version stops working
    table: str | None = None
    # the locks it takes on other tables than its own: (table, lock, why in words), e.g. ACCESS
    # EXCLUSIVE on the table a foreign key it drops references
    other_locks: tuple[tuple[str, Lock, str], ...] = ()

    @property
    def holds_long(self) -> bool:
        return self.rewrites or self.scans


_REINDEX_MANY = ("REINDEX_OBJECT_SCHEMA", "REINDEX_OBJECT_DATABASE", "REINDEX_OBJECT_SYSTEM")


# the ops that, with the options below, PostgreSQL refuses inside a transaction block
# (CALL: of a procedure that commits inside, which its classifier knows from the schema model)
NON_TRANSACTIONAL_OPS = frozenset(
    {Op.CREATE_INDEX, Op.DROP_INDEX, Op.REINDEX, Op.DETACH_PARTITION, Op.VACUUM, Op.VACUUM_FULL, Op.ADD_ENUM_VALUE,
     Op.CALL}
)


# PostgreSQL statements that cannot run inside a transaction block
def non_transactional(a: Action, pg_version: int) -> bool:
    if a.op not in NON_TRANSACTIONAL_OPS:
        return False
    if a.op in (Op.CREATE_INDEX, Op.DROP_INDEX, Op.REINDEX) and a.concurrent:
        return True
    if a.op == Op.REINDEX and a.detail.get("kind") in _REINDEX_MANY:
        return True  # REINDEX SCHEMA/DATABASE/SYSTEM commit per table
    if a.op == Op.DETACH_PARTITION and a.concurrent:
        return True
    if a.op in (Op.VACUUM, Op.VACUUM_FULL):
        return True
    return a.op == Op.ADD_ENUM_VALUE and pg_version < 12


@record(frozen=True)
class Facts:
    """What a classifier reads about one action: the schema it runs on, the table and column it
    names there, the target PostgreSQL version, and whether it can run in a transaction."""

    action: Action
    schema: SchemaModel
    pg_version: int
    table: Table | None
    column: Column | None
    transactional: bool
    timezone: str | None = None  # the session TimeZone the migrations run with, when known

    def result(self, phase: Phase, lock: Lock = Lock.NONE, *, rewrites: bool = False, scans: bool = False,
               breaks: str | None = None, other_locks: tuple[tuple[str, Lock, str], ...] = ()) -> Classification:
        return Classification(phase, lock, rewrites, scans, self.transactional, breaks, self.action.table, other_locks)


# classifications several families share --------------------------------------------------------


def no_phase(a: Action, f: Facts) -> Classification:
    """Belongs anywhere and takes no lock: session settings, transaction control, reads."""
    return f.result(Phase.NONE)


def expand_no_lock(a: Action, f: Facts) -> Classification:
    """A new object nothing uses yet."""
    return f.result(Phase.EXPAND)


def expand_in_place(a: Action, f: Facts) -> Classification:
    """A change to an object's settings that no app notices: ACCESS EXCLUSIVE on the table, if any."""
    return f.result(Phase.EXPAND, Lock.ACCESS_EXCLUSIVE if a.table else Lock.NONE)


def renamed_under_old_app(a: Action, f: Facts) -> Classification:
    """A rename of an object the old app may name."""
    return f.result(Phase.CONTRACT, Lock.ACCESS_EXCLUSIVE,
                    breaks=f"the old app may still use {a.object_name or a.column} by its old name")


def dropped_under_old_app(a: Action, f: Facts) -> Classification:
    """A drop of an object the old app may use (no table lock)."""
    return f.result(Phase.CONTRACT, breaks=f"the old app may still use {a.object_name}")
