"""The edge that runs migrations on a scratch PostgreSQL and watches what each statement does.

Each transaction is run as lint models it (``migration.transaction_groups``: a script is one
transaction, a statement that cannot run in one runs alone, explicit ``BEGIN … COMMIT`` blocks
are their own). After every statement, inside the transaction, it reads ``pg_locks`` for its
own backend, ``pg_class.relfilenode`` of the tables that existed before the migration (a change
is a rewrite), their ``pg_index`` entries (one on new storage is an index build) and
``pg_stat_xact_user_tables.seq_scan`` (a scan; an index scan is a point lookup, unless the plan's
index condition leaves the index's leading column unbounded: a walk of the whole index, which
the planner picks only because the table is empty, counts as a scan). ``labels.label_group``
turns that into hazards.

A statement that fails rolls its transaction back; the transaction is then replayed statement
by statement in autocommit, unobserved, so the later migrations still find the schema they
expect, and the failure is reported on the statement.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from ..core.migration import AnalysedScript, Migration, Step, TransactionGroup
from ..core.ops import Lock
from ..core.ops.tree import walk_nodes
from ..core.parse import parse_sql
from ..lint import LintResult
from .labels import Observation, TracedGroup, TracedStatement, label_group, lock_of_mode

__all__ = ["TraceResult", "trace_lint_result"]

_CONTROL = {"begin", "commit", "rollback"}
# statements the planner can explain (their index scans are read from the plan)
_EXPLAINABLE = {"SelectStmt", "InsertStmt", "UpdateStmt", "DeleteStmt", "MergeStmt"}
# the leading key column of each index of the given tables (null for an expression)
_LEADING = """
select i.relname, quote_ident(a.attname), x.indrelid::bigint
from pg_index x join pg_class i on i.oid = x.indexrelid
  left join pg_attribute a on a.attrelid = x.indrelid and a.attnum = x.indkey[0] and x.indkey[0] <> 0
where x.indrelid = any(%(tables)s::oid[])
"""
_LITERAL = re.compile(r"'(?:[^']|'')*'")

# user tables (and matviews, partitioned tables) by oid, with their storage and indexes
_TABLES = """
select c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname), c.relkind = 'm'
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'p', 'm') and n.nspname not in ('pg_catalog', 'information_schema')
  and n.nspname not like 'pg\\_%'
"""
_SNAPSHOT = """
select
  (select coalesce(json_agg(json_build_array(c.oid::bigint, c.relfilenode::bigint)), '[]') from pg_class c
    where c.oid = any(%(pre)s::oid[])),
  (select coalesce(json_agg(json_build_array(i.indexrelid::bigint, i.indrelid::bigint, c.relfilenode::bigint)), '[]')
    from pg_index i join pg_class c on c.oid = i.indexrelid where i.indrelid = any(%(pre)s::oid[])),
  (select coalesce(json_agg(json_build_array(relid::bigint, seq_scan, coalesce(idx_scan, 0))), '[]')
    from pg_stat_xact_user_tables where relid = any(%(pre)s::oid[])),
  (select coalesce(json_agg(json_build_array(l.relation::bigint, quote_ident(n.nspname) || '.' || quote_ident(c.relname),
                                             l.mode)), '[]')
    from pg_locks l left join pg_class c on c.oid = l.relation left join pg_namespace n on n.oid = c.relnamespace
    where %(locks)s and l.pid = pg_backend_pid() and l.locktype = 'relation' and l.granted
      and (c.oid is null and l.relation = any(%(pre)s::oid[])  -- a pre-existing table this transaction dropped
           or c.relkind not in ('i', 'I') and n.nspname not in ('pg_catalog', 'information_schema')
              and n.nspname not like 'pg\\_%%'))
"""


@dataclass(frozen=True)
class _Snapshot:
    tables: dict[int, int]  # pre-existing table -> relfilenode
    indexes: dict[int, tuple[int, int]]  # index -> (its pre-existing table, relfilenode)
    scans: dict[int, tuple[int, int]]  # pre-existing table -> (seq_scan, idx_scan) in this transaction
    locks: tuple[tuple[int, str, str], ...]  # (oid, name, mode) held by this transaction


@dataclass(frozen=True)
class TraceResult:
    groups: tuple[TracedGroup, ...]
    server_version: str = ""

    @property
    def statements(self) -> tuple[TracedStatement, ...]:
        return tuple(s for g in self.groups for s in g.statements)

    def to_dict(self) -> dict:
        stmts = self.statements
        return {
            "version": 1,
            "server": self.server_version,
            "summary": {
                "statements": len(stmts),
                "ran": sum(s.observation is not None for s in stmts),
                "failed": sum(s.error is not None for s in stmts),
                "hazards": sum(s.hazard for s in stmts),
            },
            "statements": [s.to_dict() for s in stmts],
        }


class _Watcher:
    """Reads what the connection's transaction has done so far."""

    def __init__(self, conn) -> None:
        self.conn = conn
        self.preexisting: dict[int, str] = {}  # oid -> name when its migration started
        self.matviews: frozenset[str] = frozenset()  # the pre-existing materialized views
        self.names: dict[int, str] = {}

    def start_migration(self) -> None:
        rows = self.conn.execute(_TABLES).fetchall()
        self.preexisting = {oid: name for oid, name, _ in rows}
        self.matviews = frozenset(name for _, name, matview in rows if matview)

    def name(self, oid: int, current: str) -> str:
        return self.preexisting.get(oid) or self.names.setdefault(oid, current)

    def snapshot(self, *, in_transaction: bool) -> _Snapshot:
        tables, indexes, scans, locks = self.conn.execute(
            _SNAPSHOT, {"pre": list(self.preexisting), "locks": in_transaction}).fetchone()
        return _Snapshot(
            {oid: node for oid, node in tables},
            {index: (table, node) for index, table, node in indexes},
            {oid: (seq, idx) for oid, seq, idx in scans} if in_transaction else {},
            tuple(map(tuple, locks)),
        )

    def observe(self, before: _Snapshot, after: _Snapshot, seconds: float, *, in_transaction: bool) -> Observation:
        rewrites = {oid for oid, node in after.tables.items() if node and before.tables.get(oid) not in (None, node)}
        # an index is built when its storage is new: ALTER COLUMN … TYPE that needs no rebuild (varchar(n)
        # to a longer one) re-creates the index under a new oid on the old relfilenode, which is no build;
        # a partitioned table's index has no storage (0): built when it is new
        stored = {node for _, node in before.indexes.values() if node}
        builds = {table for index, (table, node) in after.indexes.items()
                  if table not in rewrites and (node not in stored if node else index not in before.indexes)}
        scans: set[int] = set()
        probes: set[int] = set()
        for oid, (seq, idx) in after.scans.items():
            old_seq, old_idx = before.scans.get(oid, (0, 0))
            if seq > old_seq:
                scans.add(oid)
            elif idx > old_idx:
                probes.add(oid)
        held: dict[str, Lock] = {}
        for oid, name, mode in after.locks:
            key = self.name(oid, name)
            held[key] = max(held.get(key, Lock.NONE), lock_of_mode(mode))

        def named(oids: Iterable[int]) -> frozenset[str]:
            return frozenset(self.preexisting[o] for o in oids if o in self.preexisting)

        return Observation(
            held=held, rewrites=named(rewrites), index_builds=named(builds), scans=named(scans), probes=named(probes),
            seconds=seconds, observed=in_transaction,
        )

    def traversals(self, text: str, probed: frozenset[str], *, in_transaction: bool) -> frozenset[str]:
        """The probed tables whose index scan, in the plan of ``text``, has a condition that
        does not bound the index's leading column: a skip scan or a filtered walk of the whole
        index, which the planner picks on an empty table (PostgreSQL 18 for ``WHERE key = …`` on an
        index of ``(trial_id, key)``) and which reads every entry of a populated one: a scan, not a
        point lookup. A statement that cannot be explained keeps its probes."""
        import psycopg

        oids = [oid for oid, name in self.preexisting.items() if name in probed]
        leading = {index: (column, self.preexisting[table])
                   for index, column, table in self.conn.execute(_LEADING, {"tables": oids}).fetchall()}
        try:
            if in_transaction:
                self.conn.execute("SAVEPOINT expandcontract_explain")
            [[plan]] = self.conn.execute(f"EXPLAIN (FORMAT JSON) {text}", prepare=False).fetchall()
            if in_transaction:
                self.conn.execute("RELEASE SAVEPOINT expandcontract_explain")
        except (psycopg.Error, ValueError):
            if in_transaction:
                self.conn.execute("ROLLBACK TO SAVEPOINT expandcontract_explain")
            return frozenset()
        found: set[str] = set()
        for node in _plan_nodes(plan):
            column, table = leading.get(node.get("Index Name"), (None, None))
            cond = _LITERAL.sub("''", node.get("Index Cond") or "")
            if column and cond and not re.search(rf'(?<![\w"$]){re.escape(column)}(?![\w"$])', cond):
                found.add(table)
        return frozenset(found)


# without ``timezone`` in the config lint assumes the migrations' sessions may run in any zone:
# the trace then runs them in one that is not UTC
NOT_UTC = "America/New_York"


def trace_lint_result(result: LintResult, database_url: str, *, baseline_sql: str | None = None,
                      statement_timeout: str = "60s", timezone: str | None = None) -> TraceResult:
    """Run the migrations of a lint result on ``database_url`` (an empty, disposable database),
    transaction by transaction as lint modelled them, and watch every statement."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:

        def fresh_session() -> None:
            """Each migration starts in the session lint assumes: what an earlier one SET (Airflow's
            timezone=UTC) is not carried into it, as lint does not carry it either."""
            conn.execute("RESET ALL")
            conn.execute(f"SET statement_timeout = '{statement_timeout}'")
            conn.execute("SET synchronous_commit = off")  # a scratch database: no need to wait for the disk
            conn.execute("SELECT set_config('TimeZone', %s, false)", (timezone or NOT_UTC,))  # as lint assumed

        fresh_session()
        version = conn.execute("show server_version").fetchone()[0]
        for role in _roles(result):
            conn.execute(f"DO $$ BEGIN CREATE ROLE {role}; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
        if baseline_sql:
            _replay(conn, [s.text for s in parse_sql(baseline_sql) if s.node is not None])
        watcher = _Watcher(conn)
        groups: list[TracedGroup] = []
        current: Migration | None = None
        for migration, analysed in result.scripts:
            if migration is not current:
                current = migration
                fresh_session()
                watcher.start_migration()
            groups.extend(_trace_script(conn, watcher, analysed, start=len(groups)))
    return TraceResult(tuple(groups), version)


def _roles(result: LintResult) -> list[str]:
    """Roles the migrations name (GRANT … TO, OWNER TO, CREATE POLICY … TO): a scratch server has
    none of them."""
    roles: set[str] = set()
    created: set[str] = set()
    for _, analysed in result.scripts:
        for step in analysed.steps:
            node = step.statement.node
            if node is not None:
                roles.update(_role_names(node))
                created.update(n["role"] for k, n in walk_nodes(node) if k == "CreateRoleStmt" and "role" in n)
    return sorted(r for r in roles - created if r.isidentifier() and r.lower() != "public")


def _role_names(node) -> set[str]:
    if isinstance(node, dict):
        found = {node["rolename"]} if node.get("roletype") == "ROLESPEC_CSTRING" and "rolename" in node else set()
        for value in node.values():
            found |= _role_names(value)
        return found
    if isinstance(node, list):
        return set().union(*map(_role_names, node)) if node else set()
    return set()


def _trace_script(conn, watcher: _Watcher, analysed: AnalysedScript, start: int) -> list[TracedGroup]:
    path = analysed.script.path
    out = []
    for offset, group in enumerate(analysed.groups):
        preexisting = frozenset(watcher.preexisting.values())
        traced = _trace_group(conn, watcher, group, path, start + offset)
        out.append(TracedGroup(label_group(traced, preexisting, watcher.matviews), group.transactional))
    return out


def _runnable(step: Step) -> bool:
    return step.statement.node is not None and not any(a.op in _CONTROL for a in step.actions)


def _trace_group(conn, watcher: _Watcher, group: TransactionGroup, path: str, number: int) -> list[TracedStatement]:
    import psycopg

    steps = [s for s in group.steps if _runnable(s)]
    rollback = any(a.op == "rollback" for s in group.steps for a in s.actions)
    traced: list[TracedStatement] = []

    def stmt(step: Step, observation: Observation | None, error: str | None = None) -> TracedStatement:
        return TracedStatement(path, step.statement.line, step.statement.text, observation, error=error,
                               transaction=number)

    if not group.transactional:
        for step in steps:
            before = watcher.snapshot(in_transaction=False)
            began = time.perf_counter()
            try:
                conn.execute(step.statement.text, prepare=False)
            except psycopg.Error as exc:
                traced.append(stmt(step, None, _first_line(exc)))
                continue
            seconds = time.perf_counter() - began
            after = watcher.snapshot(in_transaction=False)
            traced.append(stmt(step, watcher.observe(before, after, seconds, in_transaction=False)))
        return traced
    conn.execute("BEGIN")
    failed: int | None = None
    before = watcher.snapshot(in_transaction=True)
    for position, step in enumerate(steps):
        began = time.perf_counter()
        try:
            conn.execute(step.statement.text, prepare=False)
        except psycopg.Error as exc:
            traced.append(stmt(step, None, _first_line(exc)))
            failed = position
            break
        seconds = time.perf_counter() - began
        after = watcher.snapshot(in_transaction=True)
        traced.append(stmt(step, _walks(watcher, step, watcher.observe(before, after, seconds, in_transaction=True))))
        before = after
    if failed is None:
        conn.execute("ROLLBACK" if rollback else "COMMIT")
        return traced
    conn.execute("ROLLBACK")
    traced.extend(stmt(s, None) for s in steps[failed + 1:])
    if not rollback:  # keep the schema in step for what follows: replay it as far as it goes
        _replay(conn, [s.statement.text for s in steps])
    return traced


def _walks(watcher: _Watcher, step: Step, observation: Observation) -> Observation:
    """``observation`` with the index scans that walk a whole index counted as scans."""
    node = step.statement.node
    if not observation.probes or not isinstance(node, dict) or not _EXPLAINABLE & set(node):
        return observation
    walked = watcher.traversals(step.statement.text, observation.probes, in_transaction=observation.observed)
    if not walked:
        return observation
    return replace(observation, scans=observation.scans | walked, probes=observation.probes - walked)


def _plan_nodes(plan) -> Iterable[dict]:
    """Every node of an ``EXPLAIN (FORMAT JSON)`` plan."""
    stack = [plan[0]["Plan"]] if isinstance(plan, list) and plan else []
    while stack:
        node = stack.pop()
        yield node
        stack.extend(node.get("Plans", ()))


def _replay(conn, texts: Sequence[str]) -> None:
    import psycopg

    for text in texts:
        try:
            conn.execute(text, prepare=False)
        except psycopg.Error:
            if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                conn.execute("ROLLBACK")


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
