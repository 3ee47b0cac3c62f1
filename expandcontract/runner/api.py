"""The runner's edge: files, URLs, connections and sinks composed for the commands (and for
Python callers). Everything below it takes values; this module is where they come from."""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import psycopg

from ..alembic.rendering import RenderOptions, rendering
from ..api import load_baseline
from ..config import Config
from ..core.findings import Finding, Severity
from ..core.record import replace
from ..core.schema import Schema
from ..lint import lint_migrations
from ..sources import load_migrations
from . import db
from .abort import AbortPlan, build_abort, execute_abort, schema_before
from .build import build_plans
from .consumers import (
    ConsumerReport,
    Gate,
    Resolver,
    consumer_report,
    gate_off_reason,
    schemas_for,
    take_snapshot,
)
from .errors import ConnectionLost, NotPermitted, Refused, RunnerError
from .events import Events, JsonEvents, TextEvents
from .executor import RecordedStep, RecordingExecutor
from .pg_executor import PgExecutor
from .privileges import check_privileges
from .run import Runner, drifted, pending_phases
from .settings import DEFAULT_SETTINGS, RunSettings
from .state import StateStore
from .status import status_report
from .steps import MigrationPlan, PhasePlan
from .telemetry import traced
from .urls import is_mysql_url, mask_url, redact
from .verify import AppQuery, verifier
from .watch import DEFAULT_WATCH, Watcher, WatchSettings

__all__ = ["abort", "apply", "consumers", "make_events", "plan", "status"]

DEFAULT_CONFIG = Config()


def make_events(fmt: str, url: str | None = None) -> Events:
    scrub = (lambda s: redact(s, url)) if url else (lambda s: s)
    return traced(JsonEvents(scrub=scrub) if fmt == "json" else TextEvents(scrub=scrub))


class Loaded(NamedTuple):
    migrations: list
    plans: list[MigrationPlan]
    baseline: Schema | None


def load_plans(paths: Sequence[str], config: Config, schema: str | None) -> Loaded:
    targets = list(paths) or [config.resolve(p) for p in config.paths]
    if not targets:
        from ..core.errors import InputError

        raise InputError(".", "no migration paths given (pass them, or set paths in [tool.expandcontract])")
    baseline = load_baseline(schema or (config.resolve(config.schema) if config.schema else None),
                             dialect=config.dialect)
    # what runs on the real database must be what the revisions write there: never SQL captured
    # on a scratch database (a data migration's rows differ), and no revision half-rendered
    with rendering(RenderOptions(mode="strict", dialect=config.dialect)):
        migrations = load_migrations(targets)
    return Loaded(migrations, build_plans(migrations, config=config, baseline=baseline), baseline)


def unsafe_findings(loaded: Loaded, work: Sequence, config: Config) -> list[Finding]:
    """The error-severity lint findings in the scripts about to run, linted as this runner runs
    them (it sets lock_timeout itself). Suppressions in the files count, as in ``lint``."""
    paths = {w.phase.path for w in work}
    if not paths:
        return []
    result = lint_migrations(loaded.migrations, config=replace(config, runner="expandcontract"),
                             baseline=loaded.baseline)
    return [f for f in result.findings if f.severity is Severity.ERROR and f.file in paths]


def _report_unsafe(events: Events, findings: Sequence[Finding], *, allowed: bool) -> None:
    for f in findings:
        events.emit("unsafe", file=f.file, line=f.line, code=f.code, name=f.name, message=f.message, allowed=allowed)


def _refusal(findings: Sequence[Finding]) -> Refused:
    shown = "; ".join(f"{f.file}:{f.line}:{f.column} {f.code} {f.name}" for f in findings[:5])
    more = f" and {len(findings) - 5} more" if len(findings) > 5 else ""
    return Refused(
        f"refusing to apply: {len(findings)} lint error{'s' if len(findings) > 1 else ''} in the phases about to "
        f"run ({shown}{more}). `expandcontract lint` on these files shows what breaks and the safe SQL; a "
        f"reviewed exception takes `-- expandcontract: ignore CODE -- reason` above the statement, or pass "
        f"--allow-unsafe. Nothing was run.")


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (a deploy tool stopping us) ends the run like Ctrl-C: rolled back and recorded."""
    def handler(signum, frame):
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@dataclass
class ApplyResult:
    phases_run: int
    planned: list[RecordedStep]


def _hooks(*hooks):
    """One Runner hook calling each in turn (app verification, then the consumer gate)."""
    live = [h for h in hooks if h is not None]

    def run(when: str, phase: PhasePlan) -> None:
        for hook in live:
            hook(when, phase)
    return run


def apply(paths: Sequence[str], *, url: str, target: str, config: Config = DEFAULT_CONFIG, schema: str | None = None,
          settings: RunSettings = DEFAULT_SETTINGS, events: Events | None = None, dry_run: bool = False,
          app_queries: Sequence[AppQuery] = (),
          allow_unsafe: bool = False, accept_changed: bool = False,
          consumer_resolver: Resolver | None = None, require_consumer_gate: bool = False,
          watch: WatchSettings | None = DEFAULT_WATCH) -> ApplyResult:
    """Apply pending phases up to ``target``; raises ``RunnerError`` (state recorded) on failure.

    The scripts about to run are linted first: an error finding refuses the run before anything
    is done, unless ``allow_unsafe`` (a dry run lists them as warnings). ``app_queries`` (the app's
    queries, e.g. ``check.loaders.preparable_queries`` of its sources) are PREPAREd before and
    after each phase. A finished phase whose file changed refuses the run
    unless ``accept_changed``, which records the new version (``expandcontract.overrides``).
    ``consumer_resolver`` turns on the consumer gate (``consumers.py``): pg_stat_statements
    snapshots after expand/migrate, a check before contract.
    ``watch`` (``watch.py``; None: off): replica lag, the lock queue behind the runner, health."""
    events = events or make_events("text", url)
    backend = backend_for(url)
    if backend.name == "mysql":
        backend.refuse_options(app_queries=app_queries, require_consumer_gate=require_consumer_gate, url=url,
                               watch=watch)
        config = backend.adapt_config(config, url)
    loaded = load_plans(paths, config, schema)
    plans = loaded.plans
    queries = list(app_queries)
    conn = backend.connect(url, purpose="plan" if dry_run else "apply", read_only=dry_run)
    observer = None
    try:
        store = StateStore(conn, settings)
        events.emit("run_started", command="apply --dry-run" if dry_run else "apply", database=mask_url(url),
                    target=target, settings=settings.describe(), migrations=len(plans))
        if dry_run:
            work = pending_phases(plans, store.phases(), target, events, store.migrations())
            _report_unsafe(events, unsafe_findings(loaded, work, config), allowed=allow_unsafe)
            recorder = backend.recorder(conn, settings)
            Runner(recorder, _Quiet()).run(work)
            return ApplyResult(0, recorder.records)
        # a replica, a read-only connection, no right to the state: said first, with what the steps need
        # when nothing has run here yet (then every phase up to the target is pending)
        try:
            fresh = [] if store.exists() else [w.phase for w in pending_phases(plans, {}, target)]
        except RunnerError:
            fresh = []
        backend.check_privileges(conn, fresh)
        backend.acquire_lock(conn)
        states = store.phases()
        work = pending_phases(plans, states, target, events, store.migrations(), accept_changed=accept_changed)
        unsafe = unsafe_findings(loaded, work, config)
        if unsafe and not allow_unsafe:
            raise _refusal(unsafe)
        if work:
            backend.check_privileges(conn, [w.phase for w in work], state=False)
        _report_unsafe(events, unsafe, allowed=True)
        observer = backend.connect(url, purpose="observer")
        store.ensure()
        if work:
            for d in drifted(plans, states):
                store.accept_change(d.migration, d.phase, d.path, d.old_checksum, d.new_checksum, "--accept-changed")
        executor = backend.executor(conn, observer, store, events, settings, watch)
        verify = backend.hooks(conn, url, events, loaded, config, queries, settings, consumer_resolver,
                               require_consumer_gate)
        with _sigterm_as_interrupt():
            ran = Runner(executor, events, verify).run(work)
        events.emit("run_finished", phases_run=ran)
        return ApplyResult(ran, [])
    except backend.errors as exc:
        raise backend.database_error(exc, conn, url, "Completed steps are recorded; rerun to continue.") from None
    finally:
        backend.close(conn, observer)


class PgBackend:
    """How ``apply``, ``status`` and ``abort`` connect, lock, check and report errors on
    PostgreSQL (``mysql_backend.MySQLBackend`` is MariaDB/MySQL's)."""

    name = "postgres"
    errors = (psycopg.Error,)

    def connect(self, url: str, *, purpose: str, read_only: bool = False) -> psycopg.Connection:
        return db.connect(url, purpose=purpose, read_only=read_only)

    def check_privileges(self, conn: psycopg.Connection, phases, *, state: bool = True) -> None:
        check_privileges(conn, phases, state=state)

    def acquire_lock(self, conn: psycopg.Connection) -> None:
        db.acquire_runner_lock(conn)

    def executor(self, conn, observer, store, events, settings, watch) -> PgExecutor:
        return PgExecutor(conn, observer, store, events, settings,
                          watch=Watcher(observer, conn.info.backend_pid, events, watch) if watch else None)

    def hooks(self, conn, url, events, loaded, config, queries, settings, resolver, require):
        return _hooks(verifier(conn, queries, events, settings) if queries else None,
                      Gate(conn, url, events, loaded.migrations, config=config, baseline=loaded.baseline,
                           resolver=resolver, require=require))

    def recorder(self, conn: psycopg.Connection, settings: RunSettings) -> RecordingExecutor:
        return RecordingExecutor(settings, key_lookup=lambda t: _pk_name(conn, t))

    def close(self, conn, observer) -> None:
        _close(conn, observer)

    def database_error(self, exc, conn, url: str, rerun: str) -> RunnerError:
        return _database_error(exc, conn, url, rerun)


def backend_for(url: str):
    """PostgreSQL's backend, or MariaDB/MySQL's for a ``mysql://`` / ``mariadb://`` URL."""
    if is_mysql_url(url):
        from .mysql_backend import MySQLBackend

        return MySQLBackend()
    return PgBackend()


def _close(conn: psycopg.Connection, observer: psycopg.Connection | None) -> None:
    with contextlib.suppress(Exception):
        db.release_runner_lock(conn)
    for c in (observer, conn):
        if c is not None:
            with contextlib.suppress(Exception):
                c.close()


def _database_error(exc: psycopg.Error, conn: psycopg.Connection, url: str, rerun: str) -> RunnerError:
    """A failure of the runner's own queries (state, lock, catalog): one line, no password."""
    text = redact(" ".join(str(exc).split("\n")[0].split()), url)
    if exc.sqlstate in ("42501", "25006"):  # insufficient_privilege, read_only_sql_transaction: a rerun won't do
        what = "read-only (a replica?)" if exc.sqlstate == "25006" else "a missing privilege"
        return NotPermitted(f"the runner's own query failed on {what}: {text}. Grant it (the README lists what the "
                            "runner needs) or use the primary, then run again.")
    if conn.broken or conn.closed:
        return ConnectionLost(f"lost the database connection: {text}. {rerun}")
    return RunnerError(f"database error ({exc.sqlstate or type(exc).__name__}): {text}. {rerun}")


def _pk_name(conn: psycopg.Connection, table: str) -> str | tuple[str, ...] | None:
    try:
        keys = db.primary_key_columns(conn, table)
    except psycopg.Error:
        return None
    if not keys:
        return None
    return keys[0].name if len(keys) == 1 else tuple(k.name for k in keys)


class _Quiet(Events):
    def handle(self, event: dict) -> None:
        pass


def plan(paths: Sequence[str], *, target: str, url: str | None = None, config: Config = DEFAULT_CONFIG,
         schema: str | None = None, settings: RunSettings = DEFAULT_SETTINGS) -> list[RecordedStep]:
    """The steps ``apply`` would run, recorded, never executed. With ``url``, only pending ones
    (read through a read-only connection) and primary keys from the live catalog."""
    if url:
        return apply(paths, url=url, target=target, config=config, schema=schema, settings=settings,
                     events=_Quiet(), dry_run=True).planned
    plans = load_plans(paths, config, schema).plans
    recorder = RecordingExecutor(settings)
    Runner(recorder, _Quiet()).run(pending_phases(plans, {}, target))
    return recorder.records


def status(*, url: str, paths: Sequence[str] = (), config: Config = DEFAULT_CONFIG, schema: str | None = None) -> dict:
    backend = backend_for(url)
    if backend.name == "mysql" and (paths or config.paths):
        config = backend.adapt_config(config, url)
    plans = load_plans(paths, config, schema).plans if (paths or config.paths) else None
    conn = backend.connect(url, purpose="status", read_only=True)
    try:
        return status_report(StateStore(conn), plans)
    except backend.errors as exc:
        raise backend.database_error(exc, conn, url, "Nothing was changed.") from None
    finally:
        conn.close()


def abort_target(target: str, paths: Sequence[str], config: Config) -> tuple[str, list[str]]:
    """The migration to abort and where the migrations are. ``target`` is a migration's path (a
    phase folder or a .sql file, as ``apply`` takes) or its name; without ``paths`` (or config
    ``paths``) the migrations beside a path target are read, so the ones before it replay."""
    from pathlib import Path

    from ..core.errors import InputError

    given = list(paths) or [config.resolve(p) for p in config.paths]
    where = Path(target)
    if not where.exists():
        return target, given
    found = load_migrations([target])
    if len(found) != 1:
        raise InputError(target, f"holds {len(found)} migrations: name the one to abort (its folder or file, or "
                                 f"its name followed by the migrations' paths)")
    if not given:
        parent = where.resolve().parent
        try:
            beside = load_migrations([str(parent)])
        except Exception:  # the folder above holds something else: the migration alone
            beside = []
        paths_beside = {str(Path(m.path).resolve()) for m in beside}
        given = [str(parent)] if str(where.resolve()) in paths_beside else [target]
    return found[0].name, given


def abort(paths: Sequence[str], name: str, *, url: str, config: Config = DEFAULT_CONFIG, schema: str | None = None,
          settings: RunSettings = DEFAULT_SETTINGS, events: Events | None = None, force: bool = False,
          dry_run: bool = False) -> AbortPlan:
    """Undo ``name``'s expand (``name`` may be the migration's path). ``dry_run``: check and show
    the undo through a read-only connection, change nothing. Returns the undo plan."""
    events = events or make_events("text", url)
    backend = backend_for(url)
    if backend.name == "mysql":
        config = backend.adapt_config(config, url)
    name, targets = abort_target(name, paths, config)
    migrations = load_plans(targets, config, schema).migrations
    baseline = load_baseline(schema or (config.resolve(config.schema) if config.schema else None),
                             dialect=config.dialect)
    migration, before = schema_before(migrations, name, config=config, baseline=baseline)
    undo = build_abort(migration, config=config, baseline=before)
    conn = backend.connect(url, purpose="abort --dry-run" if dry_run else "abort", read_only=dry_run)
    observer = None
    try:
        if dry_run:
            events.emit("run_started", command="abort --dry-run", database=mask_url(url), target=name,
                        settings=settings.describe(), source=undo.source)
            execute_abort(undo, migration, StateStore(conn, settings), None, events, force=force, dry_run=True)
            return undo
        backend.check_privileges(conn, [undo.phase])
        backend.acquire_lock(conn)
        observer = backend.connect(url, purpose="observer")
        store = StateStore(conn, settings)
        store.ensure()
        events.emit("run_started", command="abort", database=mask_url(url), target=name,
                    settings=settings.describe(), source=undo.source)
        executor = backend.executor(conn, observer, store, events, settings, None)
        with _sigterm_as_interrupt():
            execute_abort(undo, migration, store, Runner(executor, events), events, force=force)
        return undo
    except backend.errors as exc:
        raise backend.database_error(exc, conn, url,
                                     "Completed undo steps are recorded; rerun abort to continue.") from None
    finally:
        backend.close(conn, observer)


def consumers(paths: Sequence[str], *, url: str, resolver: Resolver, config: Config = DEFAULT_CONFIG,
              schema: str | None = None, mark: bool = False) -> list[ConsumerReport]:
    """The consumer gate's report for every migration whose contract has not run (``mark``:
    restart their windows now instead, e.g. once the new app is out)."""
    _postgres_only(url, "consumers")
    loaded = load_plans(paths, config, schema)
    conn = db.connect(url, purpose="consumers", read_only=not mark)
    try:
        states = StateStore(conn).phases()
        pending = [p.name for p in loaded.plans
                   if any(ph.phase == "contract" for ph in p.phases) and not (
                       (p.name, "contract") in states and states[(p.name, "contract")].status == "done")]
        reports = []
        for name in pending:
            if mark:
                reason = gate_off_reason(conn)
                if reason is None:
                    take_snapshot(conn, name)
                    reports.append(ConsumerReport(name, True, since="now"))
                else:
                    reports.append(ConsumerReport(name, False, reason))
                continue
            reports.append(consumer_report(conn, name, lambda name=name: schemas_for(
                resolver, url, loaded.migrations, name, config=config, baseline=loaded.baseline), resolver))
        return reports
    except psycopg.Error as exc:
        raise _database_error(exc, conn, url, "Nothing was changed.") from None
    finally:
        conn.close()


def _postgres_only(url: str, command: str) -> None:
    if is_mysql_url(url):
        from ..core.errors import InputError

        raise InputError(mask_url(url), f"`{command}` runs on PostgreSQL only: it reads pg_stat_statements, and "
                                        "MariaDB keeps no per-query history by default (performance_schema is off); "
                                        "on MariaDB/MySQL `apply`, `status` and `abort` run")


def exit_code(exc: RunnerError) -> int:
    from .errors import Interrupted

    return 130 if isinstance(exc, Interrupted) else 1


def print_error(message: str) -> None:
    sys.stderr.write(f"expandcontract: error: {message}\n")
