"""What PostgreSQL did, as values, and the hazards it amounts to. Pure: the observations come
from ``trace.run`` (the edge that executes the migrations); here they are only labelled.

A statement is a **hazard** when, on a table that existed before its migration (pre-existing,
so assumed populated in production), it

* ``rewrite`` — rewrites it (its ``pg_class.relfilenode`` changed);
* ``scan_under_lock`` — scans it (``pg_stat_xact_user_tables.seq_scan`` went up) while the
  transaction holds SHARE or stronger on it;
* ``index_build`` — builds an index on it (a new or rebuilt ``pg_index`` entry) while the
  transaction holds SHARE or stronger on it;
* ``ae_then_slow`` — takes ACCESS EXCLUSIVE on it, and slow work (a rewrite, scan or index build
  of a pre-existing table) follows in the same transaction;
* ``slow_under_ae`` — is slow work while the transaction already holds ACCESS EXCLUSIVE;
* ``lock_wait_under_ae`` — takes a new lock of SHARE or stronger while ACCESS EXCLUSIVE is held on
  another table (it can queue every session behind it);
* ``slow_under_write_lock`` — is slow work while the transaction holds a lock that blocks writes
  but not reads (SHARE, SHARE ROW EXCLUSIVE or EXCLUSIVE: a CREATE TRIGGER, a foreign key, a
  CREATE INDEX) on another pre-existing table, and no ACCESS EXCLUSIVE (that is
  ``slow_under_ae``): every write to that table waits until the work is done.

A materialized view is written only by REFRESH, so a lock on it that blocks writes but not reads
(SHARE, EXCLUSIVE: REFRESH … CONCURRENTLY, CREATE INDEX) queues nobody: on a materialized view
only ACCESS EXCLUSIVE counts as a lock held or awaited.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum

from ..core.ops import Lock

__all__ = ["MODES", "Observation", "Reason", "TracedGroup", "TracedStatement", "label_group", "lock_of_mode"]


class Reason(str, Enum):
    REWRITE = "rewrite"
    SCAN_UNDER_LOCK = "scan_under_lock"
    INDEX_BUILD = "index_build"
    AE_THEN_SLOW = "ae_then_slow"
    SLOW_UNDER_AE = "slow_under_ae"
    LOCK_WAIT_UNDER_AE = "lock_wait_under_ae"
    SLOW_UNDER_WRITE_LOCK = "slow_under_write_lock"

    def __str__(self) -> str:
        return self.value

    @property
    def words(self) -> str:
        return _WORDS[self]


_WORDS = {
    Reason.REWRITE: "rewrote",
    Reason.SCAN_UNDER_LOCK: "scanned under a SHARE or stronger lock",
    Reason.INDEX_BUILD: "built an index under a SHARE or stronger lock",
    Reason.AE_THEN_SLOW: "took ACCESS EXCLUSIVE with slow work following",
    Reason.SLOW_UNDER_AE: "did slow work while ACCESS EXCLUSIVE was held",
    Reason.LOCK_WAIT_UNDER_AE: "took a new SHARE or stronger lock while ACCESS EXCLUSIVE was held on another table",
    Reason.SLOW_UNDER_WRITE_LOCK: "did slow work while a lock blocking writes (SHARE to EXCLUSIVE) was held on "
                                  "another table",
}

# pg_locks.mode -> Lock
MODES = {
    "AccessShareLock": Lock.ACCESS_SHARE,
    "RowShareLock": Lock.ROW_SHARE,
    "RowExclusiveLock": Lock.ROW_EXCLUSIVE,
    "ShareUpdateExclusiveLock": Lock.SHARE_UPDATE_EXCLUSIVE,
    "ShareLock": Lock.SHARE,
    "ShareRowExclusiveLock": Lock.SHARE_ROW_EXCLUSIVE,
    "ExclusiveLock": Lock.EXCLUSIVE,
    "AccessExclusiveLock": Lock.ACCESS_EXCLUSIVE,
}


def lock_of_mode(mode: str) -> Lock:
    """The lock of a ``pg_locks.mode``.

    >>> lock_of_mode("ShareRowExclusiveLock").label
    'SHARE ROW EXCLUSIVE'
    """
    return MODES.get(mode, Lock.NONE)


@dataclass(frozen=True)
class Observation:
    """What one statement did, read inside its transaction right after it ran.

    ``held`` is every relation lock the transaction holds after the statement (strongest mode
    per relation, by name); the other sets name pre-existing tables only. ``observed`` is False
    for a statement that ran outside a transaction block (its locks are gone when it returns)."""

    held: Mapping[str, Lock] = field(default_factory=dict)
    rewrites: frozenset[str] = frozenset()
    index_builds: frozenset[str] = frozenset()
    scans: frozenset[str] = frozenset()
    probes: frozenset[str] = frozenset()  # index scans only (point lookups): not slow work
    seconds: float = 0.0
    observed: bool = True

    @property
    def slow(self) -> frozenset[str]:
        return self.rewrites | self.index_builds | self.scans


@dataclass(frozen=True)
class TracedStatement:
    file: str
    line: int
    text: str
    observation: Observation | None  # None: not run (error earlier in its transaction, or unparsed)
    new_locks: Mapping[str, Lock] = field(default_factory=dict)  # taken (or strengthened) by it
    preexisting: frozenset[str] = frozenset()  # the pre-existing relations it locked
    reasons: Mapping[Reason, tuple[str, ...]] = field(default_factory=dict)  # reason -> tables
    error: str | None = None
    transaction: int = 0

    @property
    def hazard(self) -> bool:
        return bool(self.reasons)

    def to_dict(self) -> dict:
        o = self.observation
        return {
            "file": self.file,
            "line": self.line,
            "statement": self.text,
            "transaction": self.transaction,
            "ran": o is not None,
            "error": self.error,
            "seconds": round(o.seconds, 6) if o else None,
            "locks": [{"relation": r, "mode": m.label, "preexisting": r in self.preexisting}
                      for r, m in sorted(self.new_locks.items())],
            "rewrites": sorted(o.rewrites) if o else [],
            "index_builds": sorted(o.index_builds) if o else [],
            "scans": sorted(o.scans) if o else [],
            "hazards": {str(r): list(t) for r, t in self.reasons.items()},
        }


@dataclass(frozen=True)
class TracedGroup:
    statements: tuple[TracedStatement, ...]
    transactional: bool = True


def label_group(statements: Sequence[TracedStatement], preexisting: frozenset[str],
                matviews: frozenset[str] = frozenset()) -> tuple[TracedStatement, ...]:
    """The statements of one transaction with their new locks and hazard reasons (``matviews``:
    the pre-existing ones that are materialized views).

    >>> AE, SH = Lock.ACCESS_EXCLUSIVE, Lock.SHARE
    >>> a = TracedStatement("m.sql", 1, "ALTER TABLE t ADD c int", Observation({"t": AE}))
    >>> b = TracedStatement("m.sql", 2, "CREATE INDEX ON u (x)", Observation({"t": AE, "u": SH},
    ...                     index_builds=frozenset({"u"}), scans=frozenset({"u"})))
    >>> [dict(s.reasons) for s in label_group([a, b], frozenset({"t", "u"}))]
    [{<Reason.AE_THEN_SLOW: 'ae_then_slow'>: ('t',)}, {<Reason.INDEX_BUILD: 'index_build'>: ('u',), \
<Reason.SLOW_UNDER_AE: 'slow_under_ae'>: ('u',), <Reason.LOCK_WAIT_UNDER_AE: 'lock_wait_under_ae'>: ('u',)}]

    A table created in the migration is nobody's yet:

    >>> [dict(s.reasons) for s in label_group([a, b], frozenset({"u"}))]
    [{}, {<Reason.INDEX_BUILD: 'index_build'>: ('u',)}]

    Slow work while another table's writes are blocked; on a materialized view a SHARE lock
    blocks nobody:

    >>> c = TracedStatement("m.sql", 1, "CREATE TRIGGER g BEFORE UPDATE ON t …", Observation({"t": Lock.SHARE_ROW_EXCLUSIVE}))
    >>> d = TracedStatement("m.sql", 2, "INSERT INTO n SELECT * FROM u", Observation({"t": Lock.SHARE_ROW_EXCLUSIVE},
    ...                     scans=frozenset({"u"})))
    >>> [dict(s.reasons) for s in label_group([c, d], frozenset({"t", "u"}))]
    [{}, {<Reason.SLOW_UNDER_WRITE_LOCK: 'slow_under_write_lock'>: ('u',)}]
    >>> [dict(s.reasons) for s in label_group([c, d], frozenset({"t", "u"}), matviews=frozenset({"t"}))]
    [{}, {}]
    """
    held: dict[str, Lock] = {}
    out: list[TracedStatement] = []
    for stmt in statements:
        o = stmt.observation
        if o is None:
            out.append(stmt)
            continue
        before = dict(held)
        new = {r: m for r, m in o.held.items() if m > before.get(r, Lock.NONE)}
        if o.observed:
            held = {r: max(m, held.get(r, Lock.NONE)) for r, m in {**held, **o.held}.items()}
        reasons: dict[Reason, tuple[str, ...]] = {}

        def add(reason: Reason, tables, reasons=reasons) -> None:
            if tables:
                reasons[reason] = tuple(sorted(tables))

        strong = {r for r in preexisting if _blocks(r, held.get(r, Lock.NONE), matviews)}
        add(Reason.REWRITE, o.rewrites)
        add(Reason.INDEX_BUILD, (o.index_builds - o.rewrites) & strong)
        add(Reason.SCAN_UNDER_LOCK, (o.scans - o.rewrites - o.index_builds) & strong)
        ae_before = {r for r in preexisting if before.get(r, Lock.NONE) >= Lock.ACCESS_EXCLUSIVE}
        if ae_before:
            add(Reason.SLOW_UNDER_AE, o.slow)
            add(Reason.LOCK_WAIT_UNDER_AE,
                {r for r, m in new.items() if r in preexisting and _blocks(r, m, matviews) and (ae_before - {r})})
        else:
            writes_blocked = {r for r in preexisting if _blocks(r, before.get(r, Lock.NONE), matviews)}
            add(Reason.SLOW_UNDER_WRITE_LOCK, {r for r in o.slow if writes_blocked - {r}})
        out.append(replace(stmt, new_locks=new, reasons=reasons,
                           preexisting=frozenset(r for r in new if r in preexisting)))
    # ACCESS EXCLUSIVE taken, then slow work later in the same transaction
    for position, stmt in enumerate(out):
        if stmt.observation is None:
            continue
        took = {r for r, m in stmt.new_locks.items() if r in preexisting and m >= Lock.ACCESS_EXCLUSIVE}
        if took and any(s.observation is not None and s.observation.slow for s in out[position + 1:]):
            out[position] = replace(stmt, reasons={**stmt.reasons, Reason.AE_THEN_SLOW: tuple(sorted(took))})
    return tuple(out)


def _blocks(relation: str, lock: Lock, matviews: frozenset[str]) -> bool:
    """``lock`` on ``relation`` makes others wait: SHARE or stronger blocks a table's writes; a
    materialized view has no writers but REFRESH, so there only ACCESS EXCLUSIVE (its readers)."""
    return lock >= (Lock.ACCESS_EXCLUSIVE if relation in matviews else Lock.SHARE)
