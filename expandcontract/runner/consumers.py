"""The consumer gate: before contract, who still uses what contract removes?

``check`` proves the apps it is shown; production has consumers nobody listed (a cron job, a BI
tool, an old pod). When a migration's expand (and again its migrate) finishes, the runner
snapshots ``pg_stat_statements`` for this database into the state schema: that opens the
window. Before its contract, every statement whose call count grew since the snapshot, and the
last statement of every live session (``pg_stat_activity``), is resolved against the schema
before and after contract; one that resolves before but not after refuses the contract, named
with its calls since the snapshot, role, database and what it references.

Resolution is ``check``'s (sqlglot, the same rules). The runner does not import ``check``: the
caller passes it as ``resolver`` (``expandcontract.check.consumers.contract_breaks``), the
command layer does. Without pg_stat_statements the gate is off and says why in one line;
``require`` makes that an error.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import psycopg

from ..config import Config
from ..core.migration import Migration, ScriptKind, analyse_script
from ..core.schema import Schema
from ..core.sqltext import substitute_vars
from .errors import Refused
from .events import Events
from .state import SCHEMA

__all__ = ["ConsumerReport", "Gate", "Resolver", "consumer_report", "contract_schemas", "gate_off_reason",
           "take_snapshot"]

SNAPSHOT_DDL = f"""
CREATE SCHEMA IF NOT EXISTS {SCHEMA};
CREATE TABLE IF NOT EXISTS {SCHEMA}.consumer_snapshots (
    migration  text NOT NULL,
    userid     oid NOT NULL,
    queryid    bigint NOT NULL,
    calls      bigint NOT NULL,
    taken_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (migration, userid, queryid)
);
CREATE TABLE IF NOT EXISTS {SCHEMA}.consumer_windows (
    migration  text PRIMARY KEY,
    phase      text NOT NULL,       -- the phase whose end opened the window, or 'mark'
    taken_at   timestamptz NOT NULL DEFAULT now()
);
"""


class _Problem(Protocol):
    kind: str
    message: str
    relation: str | None
    column: str | None


class Resolver(Protocol):
    """What the gate borrows from ``check`` (``expandcontract.check.consumers.RESOLVER``)."""

    def breaks(self, before: Schema, after: Schema, texts: Sequence[str]) -> Mapping[str, Sequence[_Problem] | str]:
        """Per query text: the problems it has after but not before, or why it cannot be analysed."""

    def reflect(self, url: str) -> Schema:
        """The live database's schema (the state contract starts from)."""


def gate_off_reason(conn: psycopg.Connection, *, create: bool = True) -> str | None:
    """Why the gate cannot run on this database, or ``None`` when pg_stat_statements is readable.
    With ``create``, a preloaded library whose extension is missing here is created (it adds a
    view and functions, nothing the app sees)."""
    try:
        preload = conn.execute("SELECT current_setting('shared_preload_libraries')").fetchone()[0] or ""
    except psycopg.errors.InsufficientPrivilege:  # a role without pg_read_all_settings: ask the view itself
        preload = "pg_stat_statements"
    if "pg_stat_statements" not in [p.strip().strip('"') for p in preload.split(",")]:
        return ("pg_stat_statements is not in shared_preload_libraries "
                f"({preload or 'empty'}); add it and restart the server to turn the gate on")
    if conn.execute("SELECT to_regclass('pg_stat_statements') IS NOT NULL").fetchone()[0]:
        return None
    if not create:
        return "the pg_stat_statements extension is not created in this database (CREATE EXTENSION pg_stat_statements)"
    try:
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
    except psycopg.Error as exc:
        return (f"the pg_stat_statements extension is not created in this database and cannot be "
                f"({exc.sqlstate}: {str(exc).splitlines()[0]}); run CREATE EXTENSION pg_stat_statements")
    return None


def take_snapshot(conn: psycopg.Connection, migration: str, phase: str = "mark") -> int:
    """Open (or restart) ``migration``'s window: its calls per statement, now. Returns how many
    statements were recorded."""
    with conn.transaction():
        conn.execute(SNAPSHOT_DDL)
        conn.execute(f"DELETE FROM {SCHEMA}.consumer_snapshots WHERE migration = %s", (migration,))
        conn.execute(f"""INSERT INTO {SCHEMA}.consumer_windows (migration, phase) VALUES (%s, %s)
                         ON CONFLICT (migration) DO UPDATE SET phase = excluded.phase, taken_at = now()""",
                     (migration, phase))
        cur = conn.execute(
            f"""INSERT INTO {SCHEMA}.consumer_snapshots (migration, userid, queryid, calls)
                SELECT %s, userid, queryid, sum(calls) FROM pg_stat_statements
                 WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                   AND queryid IS NOT NULL
                 GROUP BY userid, queryid""",
            (migration,))
        return cur.rowcount


def snapshot_time(conn: psycopg.Connection, migration: str) -> Any | None:
    """When ``migration``'s window opened, or ``None``."""
    if not conn.execute(f"SELECT to_regclass('{SCHEMA}.consumer_windows') IS NOT NULL").fetchone()[0]:
        return None
    row = conn.execute(f"SELECT taken_at FROM {SCHEMA}.consumer_windows WHERE migration = %s", (migration,)).fetchone()
    return row[0] if row else None


def _grown(conn: psycopg.Connection, migration: str) -> list[dict]:
    """Statements of this database called since the snapshot (a statement evicted or reset since
    counts with all its calls)."""
    rows = conn.execute(
        f"""WITH now AS (
                SELECT userid, dbid, queryid, sum(calls)::bigint AS calls, min(query) AS query FROM pg_stat_statements
                 WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                   AND queryid IS NOT NULL
                 GROUP BY userid, dbid, queryid)
            SELECT n.query, CASE WHEN n.calls >= coalesce(s.calls, 0) THEN n.calls - coalesce(s.calls, 0)
                                 ELSE n.calls END AS since,
                   coalesce(r.rolname, n.userid::text), d.datname
              FROM now n
              LEFT JOIN {SCHEMA}.consumer_snapshots s
                     ON s.migration = %s AND s.userid = n.userid AND s.queryid = n.queryid
              LEFT JOIN pg_roles r ON r.oid = n.userid
              LEFT JOIN pg_database d ON d.oid = n.dbid
             WHERE n.calls <> coalesce(s.calls, 0)
             ORDER BY 2 DESC, 1""",
        (migration,)).fetchall()
    return [{"query": r[0], "calls": r[1], "role": r[2], "database": r[3]} for r in rows]


def _sessions(conn: psycopg.Connection) -> list[dict]:
    rows = conn.execute(
        """SELECT pid, usename, datname, application_name, state, query FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
              AND application_name NOT LIKE 'expandcontract %' AND coalesce(query, '') <> ''""").fetchall()
    return [{"pid": r[0], "role": r[1], "database": r[2], "application_name": r[3], "state": r[4], "query": r[5]}
            for r in rows]


@dataclass
class ConsumerReport:
    """What the gate found for one migration's contract."""

    migration: str
    enabled: bool
    reason: str | None = None  # why the gate is off
    since: str | None = None  # when the window opened
    statements: int = 0  # statements called in the window
    sessions: int = 0  # live sessions looked at
    breaking: list[dict] = field(default_factory=list)  # statements and sessions contract would break
    unanalysable: list[dict] = field(default_factory=list)

    @property
    def refuses(self) -> bool:
        return bool(self.breaking)

    def to_dict(self) -> dict:
        return {"migration": self.migration, "enabled": self.enabled, "reason": self.reason, "since": self.since,
                "statements": self.statements, "sessions": self.sessions, "breaking": self.breaking,
                "unanalysable": self.unanalysable}


def _references(problems: Sequence[_Problem]) -> list[dict]:
    return [{"kind": p.kind, "relation": p.relation, "column": p.column, "message": p.message} for p in problems]


def consumer_report(conn: psycopg.Connection, migration: str, schemas: Callable[[], tuple[Schema, Schema]],
                    resolver: Resolver | None) -> ConsumerReport:
    """The gate's evidence for contracting ``migration``, read now. ``schemas()``: the schema
    before and after its contract."""
    if resolver is None:
        return ConsumerReport(migration, False, "no query resolver was given (the command line passes check's; "
                                                "Python callers pass expandcontract.check.consumers.contract_breaks)")
    reason = gate_off_reason(conn)
    if reason is None:
        since = snapshot_time(conn, migration)
        if since is None:
            reason = (f"no pg_stat_statements snapshot was taken when {migration}'s expand finished "
                      f"(open the window with `expandcontract consumers PATHS --mark`, then wait for traffic)")
    if reason is not None:
        return ConsumerReport(migration, False, reason)
    grown = _grown(conn, migration)
    sessions = _sessions(conn)
    texts = [g["query"] for g in grown] + [s["query"] for s in sessions]
    before, after = schemas()
    found = resolver.breaks(before, after, texts)
    report = ConsumerReport(migration, True, since=since.isoformat(timespec="seconds"), statements=len(grown),
                            sessions=len(sessions))
    for kind, items in (("statement", grown), ("session", sessions)):
        for item in items:
            result = found.get(item["query"], ())
            if isinstance(result, str):
                report.unanalysable.append({"source": kind, **item, "reason": result})
            elif result:
                report.breaking.append({"source": kind, **item, "references": _references(result)})
    return report


def _one_line(text: str, limit: int = 160) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def describe_breaking(item: dict) -> str:
    """``SELECT name FROM users WHERE id = $1 (412 calls since expand, role app, database prod):
    column users.name does not exist``"""
    refs = "; ".join(r["message"] for r in item["references"])
    if item["source"] == "session":
        who = (f"live session pid {item['pid']} (role {item['role']}, database {item['database']}, "
               f"app {item['application_name'] or '-'!r}, {item['state']})")
    else:
        who = f"{item['calls']} calls since the snapshot, role {item['role']}, database {item['database']}"
    return f"{_one_line(item['query'])} ({who}): {refs}"


def render_report(report: ConsumerReport) -> str:
    if not report.enabled:
        return f"{report.migration}: consumer gate off because {report.reason}\n"
    lines = [f"{report.migration}: {report.statements} statement(s) called since {report.since}, "
             f"{report.sessions} live session(s); {len(report.breaking)} would break after contract"
             + (f", {len(report.unanalysable)} not analysable" if report.unanalysable else "")]
    lines += [f"  ✘ {describe_breaking(b)}" for b in report.breaking]
    lines += [f"  ? {_one_line(u['query'], 100)}: {u['reason']}" for u in report.unanalysable
              if u["source"] == "statement" and u.get("calls")][:10]
    return "\n".join(lines) + "\n"


def refusal(report: ConsumerReport) -> Refused:
    first = describe_breaking(report.breaking[0])
    more = f" (and {len(report.breaking) - 1} more)" if len(report.breaking) > 1 else ""
    return Refused(
        f"refusing to contract {report.migration}: {len(report.breaking)} consumer(s) still use what it removes"
        f"{more}: {first}. Find and update them (`expandcontract consumers` lists all); if these calls came from the "
        f"old app before it was replaced, restart the window with `expandcontract consumers PATHS --mark` and wait. "
        f"Nothing was run.")


def contract_schemas(migrations: Sequence[Migration], name: str, *, config: Config,
                     baseline: Schema | None, live: Schema | None = None) -> tuple[Schema, Schema]:
    """The schema just before ``name``'s contract and just after it. With ``live`` (the
    database as it is now), its contract script replayed on it; else every script replayed from
    ``baseline`` in deploy order (every expand, unphased script and migrate, then the contracts)."""
    if live is not None:
        for migration in migrations:
            for script in migration.scripts:
                if migration.name == name and script.kind is ScriptKind.CONTRACT:
                    text = substitute_vars(script.text, config.variables) if config.variables else script.text
                    return live, analyse_script(script, live, origin=name, pg_version=config.pg_version,
                                                dialect=config.dialect, text=text).schema_after
        return live, live
    ordered = ([(m, s) for m in migrations for s in m.scripts if s.kind is not ScriptKind.CONTRACT]
               + [(m, s) for m in migrations for s in m.scripts if s.kind is ScriptKind.CONTRACT])
    schema = baseline or Schema()
    for migration, script in ordered:
        text = substitute_vars(script.text, config.variables) if config.variables else script.text
        after = analyse_script(script, schema, origin=migration.name, pg_version=config.pg_version,
                               dialect=config.dialect, text=text).schema_after
        if migration.name == name and script.kind is ScriptKind.CONTRACT:
            return schema, after
        schema = after
    return schema, schema


def schemas_for(resolver: Resolver, url: str, migrations: Sequence[Migration], name: str, *, config: Config,
                baseline: Schema | None) -> tuple[Schema, Schema]:
    """Before and after ``name``'s contract, starting from the live database's schema."""
    return contract_schemas(migrations, name, config=config, baseline=baseline, live=resolver.reflect(url))


class Gate:
    """The runner's hook: snapshot when a migration's expand or migrate finishes, check before its
    contract. ``conn`` is the runner's connection (autocommit, between steps)."""

    def __init__(self, conn: psycopg.Connection, url: str, events: Events, migrations: Sequence[Migration], *,
                 config: Config, baseline: Schema | None, resolver: Resolver | None, require: bool = False) -> None:
        self.conn, self.url, self.events, self.migrations = conn, url, events, migrations
        self.config, self.baseline, self.resolver, self.require = config, baseline, resolver, require
        self._off_said = False

    def __call__(self, when: str, phase) -> None:
        if when == "after" and phase.phase in ("expand", "migrate"):
            self._snapshot(phase.migration, phase.phase)
        elif when == "before" and phase.phase == "contract":
            self.check(phase.migration)

    def _off(self, reason: str) -> None:
        if self.require:
            raise Refused(f"consumer gate off because {reason}; --require-consumer-gate refuses to go on. "
                          "Nothing more was run.")
        if not self._off_said:
            self.events.emit("consumer_gate_off", reason=reason)
            self._off_said = True

    def _snapshot(self, migration: str, phase: str) -> None:
        reason = gate_off_reason(self.conn)
        if reason is not None:
            self._off(reason)
            return
        count = take_snapshot(self.conn, migration, phase)
        self.events.emit("consumer_snapshot", migration=migration, phase=phase, statements=count)

    def check(self, migration: str) -> ConsumerReport:
        report = consumer_report(self.conn, migration, lambda: schemas_for(
            self.resolver, self.url, self.migrations, migration, config=self.config, baseline=self.baseline),
            self.resolver)
        if not report.enabled:
            self._off(report.reason or "unknown")
            return report
        for item in report.breaking:
            self.events.emit("consumer_breaks", migration=migration, message=describe_breaking(item), **item)
        self.events.emit("consumer_gate", migration=migration, decision="refuse" if report.refuses else "pass",
                         statements=report.statements, sessions=report.sessions, breaking=len(report.breaking),
                         unanalysable=len(report.unanalysable), since=report.since)
        if report.refuses:
            raise refusal(report)
        return report
