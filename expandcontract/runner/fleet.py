"""Fleets: the same migrations on many databases (one per tenant, shard or region), canary first.

``fleet.toml``::

    concurrency = 4            # databases at once within a stage
    bake = "30s"               # health watch after each stage before the next one starts
    max_rollback_increase = 0.05

    [[stages]]                 # the first stage is the canary
    name = "canary"
    databases = ["eu-1"]

    [[stages]]
    name = "everyone"
    databases = ["eu-2", "us-1"]

    [databases]
    eu-1 = { url_env = "EU1_DATABASE_URL" }     # the URL from an environment variable, or
    eu-2 = { url = "postgresql://app@eu-2/app" } # written here (no password in files, please)

A phase runs stage by stage: within a stage up to ``concurrency`` databases at once; a stage is
verified (``--verify-app``, the consumer gate before contract) and baked (the rollback rate
over ``bake``, ``watch.health``) before the next one starts. The first failure stops the stage
(databases not yet started are left alone) and no later stage is touched. A phase whose
verification fails in the canary stage is aborted there automatically (``abort``), so the fleet
stays on the old schema. A rerun resumes: each database's own state says what is done.
Passwords never reach any output: every event and message is scrubbed of every fleet URL.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import InputError
from ..sources import read_text
from .errors import RunnerError, VerificationFailed
from .events import Events
from .settings import parse_duration
from .urls import check_url, mask_url, redact
from .watch import db_stats, health

__all__ = ["Fleet", "FleetFailed", "FleetResult", "load_fleet", "run_fleet"]

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib


@dataclass(frozen=True)
class Stage:
    name: str
    databases: tuple[str, ...]


@dataclass(frozen=True)
class Fleet:
    path: str
    stages: tuple[Stage, ...]
    urls: dict[str, str] = field(repr=False)  # name -> URL (with its password: never shown)
    concurrency: int = 4
    bake: float = 0.0
    max_rollback_increase: float = 0.05

    @property
    def databases(self) -> list[str]:
        return [d for s in self.stages for d in s.databases]

    def scrub(self, text: str) -> str:
        for url in self.urls.values():
            text = redact(text, url)
        return text

    def shown(self, name: str) -> str:
        return mask_url(self.urls[name])


_TOP = {"concurrency", "bake", "max_rollback_increase", "stages", "databases"}


def load_fleet(path: str | Path, environ: dict[str, str] | None = None) -> Fleet:
    """Read and validate ``fleet.toml``; bad input is one ``InputError`` naming the file."""
    where = str(path)
    env = os.environ if environ is None else environ
    try:
        data = tomllib.loads(read_text(Path(where)))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(where, f"not valid TOML: {exc}") from None
    unknown = sorted(set(data) - _TOP)
    if unknown:
        raise InputError(where, f"unknown key {unknown[0]!r} (known: {', '.join(sorted(_TOP))})")
    entries = data.get("databases")
    if not isinstance(entries, dict) or not entries:
        raise InputError(where, "no [databases]: name each database with a url or url_env")
    urls = {}
    for name, entry in entries.items():
        if isinstance(entry, str):
            entry = {"url": entry}
        if not isinstance(entry, dict) or len({"url", "url_env"} & set(entry)) != 1:
            raise InputError(where, f"database {name!r}: give exactly one of url or url_env")
        if "url_env" in entry:
            value = env.get(entry["url_env"])
            if not value:
                raise InputError(where, f"database {name!r}: environment variable {entry['url_env']} is not set")
            urls[name] = value
        else:
            urls[name] = str(entry["url"])
    stages_data = data.get("stages")
    if not isinstance(stages_data, list) or not stages_data:
        raise InputError(where, "no [[stages]]: the first stage is the canary, e.g. "
                                "[[stages]] name = \"canary\" databases = [\"one\"]")
    stages, seen = [], set()
    for i, stage in enumerate(stages_data, 1):
        names = stage.get("databases") if isinstance(stage, dict) else None
        if not isinstance(names, list) or not names:
            raise InputError(where, f"stage {i}: databases must be a non-empty list of names")
        for name in names:
            if name not in urls:
                raise InputError(where, f"stage {i}: database {name!r} is not in [databases]")
            if name in seen:
                raise InputError(where, f"stage {i}: database {name!r} is in two stages")
            seen.add(name)
        stages.append(Stage(str(stage.get("name") or f"stage {i}"), tuple(names)))
    for name, url in urls.items():
        problem = check_url(url)
        if problem is None:  # what libpq cannot read at all (an unclosed [ of an IPv6 host …)
            from psycopg.conninfo import make_conninfo

            try:
                make_conninfo(url)
            except Exception as exc:  # psycopg.ProgrammingError, ValueError: libpq's own words
                problem = "not a valid database URL: " + redact(" ".join(str(exc).split()), url)
        if problem:
            raise InputError(where, f"database {name!r} ({mask_url(url)}): {problem}")
    missing = [n for n in urls if n not in seen]
    if missing:
        raise InputError(where, f"database {missing[0]!r} is in no stage")
    concurrency = data.get("concurrency", 4)
    if not isinstance(concurrency, int) or concurrency < 1:
        raise InputError(where, "concurrency must be a whole number of at least 1")
    try:
        bake = parse_duration(str(data.get("bake", "0")), option="bake")
    except Exception as exc:
        raise InputError(where, str(exc)) from None
    return Fleet(where, tuple(stages), urls, concurrency, bake, float(data.get("max_rollback_increase", 0.05)))


class FleetFailed(RunnerError):
    """A database failed: the stage stopped and later stages were not touched."""


@dataclass
class DatabaseRun:
    name: str
    stage: str
    outcome: str = "not started"  # done | failed | not started | aborted
    phases_run: int = 0
    seconds: float = 0.0
    error: str | None = None
    expanded: list[str] = field(default_factory=list)  # migrations whose expand ran in this run

    def to_dict(self) -> dict:
        return {"database": self.name, "stage": self.stage, "outcome": self.outcome, "phases_run": self.phases_run,
                "seconds": round(self.seconds, 3), "error": self.error}


@dataclass
class FleetResult:
    runs: list[DatabaseRun]
    stages_done: int
    seconds: float

    def to_dict(self) -> dict:
        return {"stages_done": self.stages_done, "seconds": round(self.seconds, 3),
                "databases": [r.to_dict() for r in self.runs]}


class _Tagged(Events):
    """One database's events, into the fleet's sink with ``db`` set (thread-safe)."""

    def __init__(self, inner: Events, name: str, lock: threading.Lock, run: DatabaseRun) -> None:
        super().__init__()
        self.inner, self.name, self.lock, self.run = inner, name, lock, run

    def emit(self, event: str, **fields: Any) -> None:
        if event == "phase_finished" and fields.get("phase") in ("expand", "unphased"):
            self.run.expanded.append(fields["migration"])
        with self.lock:
            self.inner.emit(event, db=self.name, **fields)


# apply(url, events) runs the phase on one database; abort(url, migration, events) undoes an expand
Apply = Callable[[str, Events], int]
Abort = Callable[[str, str, Events], None]


def run_fleet(fleet: Fleet, *, target: str, apply: Apply, abort: Abort | None, events: Events,
              sleep: Callable[[float], None] = time.sleep) -> FleetResult:
    """Run ``apply`` on every database, stage by stage; raises ``FleetFailed`` (with the result
    attached as ``.result``) at the first failure, after the canary's automatic abort."""
    lock = threading.Lock()
    runs = {name: DatabaseRun(name, s.name) for s in fleet.stages for name in s.databases}
    t0 = time.monotonic()
    events.emit("fleet_started", fleet=fleet.path, target=target, stages=len(fleet.stages),
                databases=len(runs), concurrency=fleet.concurrency)
    for index, stage in enumerate(fleet.stages):
        canary = index == 0
        events.emit("stage_started", stage=stage.name, canary=canary, databases=list(stage.databases))
        stage_t0 = time.monotonic()
        before = _stats(fleet, stage.databases)
        failed = _run_stage(fleet, stage, runs, apply, events, lock)
        if failed is None and fleet.bake > 0:
            failed = _bake(fleet, stage, before, runs, events, sleep)
        if failed is not None:
            if canary and abort is not None and target in ("expand", "migrate", "all"):
                _abort_canary(fleet, stage, runs, abort, events, lock)
            events.emit("stage_failed", stage=stage.name, database=failed.name, message=failed.error,
                        untouched=[d for s in fleet.stages[index + 1:] for d in s.databases])
            result = FleetResult(list(runs.values()), index, time.monotonic() - t0)
            error = FleetFailed(f"stage {stage.name!r} failed on {failed.name}: {failed.error}. "
                                f"{_untouched(fleet, index)} Rerun to resume where it stopped.")
            error.result = result
            raise error
        events.emit("stage_promoted", stage=stage.name, seconds=round(time.monotonic() - stage_t0, 3),
                    next=fleet.stages[index + 1].name if index + 1 < len(fleet.stages) else None)
    result = FleetResult(list(runs.values()), len(fleet.stages), time.monotonic() - t0)
    events.emit("fleet_finished", seconds=round(result.seconds, 3), databases=len(runs))
    return result


def _untouched(fleet: Fleet, index: int) -> str:
    later = [d for s in fleet.stages[index + 1:] for d in s.databases]
    return f"Later stages were not touched ({len(later)} database(s))." if later else ""


def _run_stage(fleet: Fleet, stage: Stage, runs: dict[str, DatabaseRun], apply: Apply, events: Events,
               lock: threading.Lock) -> DatabaseRun | None:
    stop = threading.Event()
    first: list[DatabaseRun] = []

    def one(name: str) -> None:
        run = runs[name]
        if stop.is_set():
            return
        t0 = time.monotonic()
        try:
            run.phases_run = apply(fleet.urls[name], _Tagged(events, name, lock, run))
            run.outcome = "done"
        except RunnerError as exc:
            run.outcome, run.error = "failed", fleet.scrub(str(exc))
            run.failure = exc
            with lock:
                if not first:
                    first.append(run)
            stop.set()
        except Exception as exc:  # an unexpected error on one database stops the stage, named
            run.outcome, run.error = "failed", fleet.scrub(f"{type(exc).__name__}: {exc}")
            with lock:
                if not first:
                    first.append(run)
            stop.set()
        finally:
            run.seconds = time.monotonic() - t0
        with lock:
            events.emit("database_finished", db=name, stage=stage.name, outcome=run.outcome,
                        phases_run=run.phases_run, seconds=round(run.seconds, 3), error=run.error)

    with ThreadPoolExecutor(max_workers=fleet.concurrency, thread_name_prefix="fleet") as pool:
        list(pool.map(one, stage.databases))
    return first[0] if first else None


def _stats(fleet: Fleet, names: Sequence[str]) -> dict:
    from . import db

    out = {}
    for name in names:
        try:
            conn = db.connect(fleet.urls[name], purpose="watch", read_only=True)
        except Exception:
            continue  # the apply will say why it cannot connect
        with conn:
            out[name] = db_stats(conn)
    return out


def _bake(fleet: Fleet, stage: Stage, before: dict, runs: dict[str, DatabaseRun], events: Events,
          sleep: Callable[[float], None]) -> DatabaseRun | None:
    events.emit("bake_started", stage=stage.name, seconds=fleet.bake)
    sleep(fleet.bake)
    after = _stats(fleet, [n for n in stage.databases if n in before])
    for name, stats in after.items():
        found = health(before[name], stats, max_increase=fleet.max_rollback_increase)
        events.emit("health", db=name, stage=stage.name, **found.to_dict())
        if found.regressed:
            run = runs[name]
            run.outcome, run.error = "failed", f"unhealthy after the phase: {found.regressed}"
            run.failure = VerificationFailed(run.error)
            return run
    return None


def _abort_canary(fleet: Fleet, stage: Stage, runs: dict[str, DatabaseRun], abort: Abort, events: Events,
                  lock: threading.Lock) -> None:
    """Undo, on every canary database, the expands this run applied: the fleet stays on the old
    schema. Only for a failed verification or health check (a failed step is rolled back by
    its own transaction and resumes on rerun)."""
    failed = [r for r in (runs[n] for n in stage.databases) if r.outcome == "failed"]
    if not any(isinstance(getattr(r, "failure", None), VerificationFailed) for r in failed):
        return
    for name in stage.databases:
        run = runs[name]
        for migration in reversed(run.expanded):
            t0 = time.monotonic()
            try:
                abort(fleet.urls[name], migration, _Tagged(events, name, lock, run))
            except RunnerError as exc:
                events.emit("canary_abort_failed", db=name, migration=migration, message=fleet.scrub(str(exc)))
                continue
            events.emit("canary_aborted", db=name, migration=migration, seconds=round(time.monotonic() - t0, 3))
            if run.outcome == "done":
                run.outcome = "aborted"
        if run.outcome == "failed" and run.expanded:
            run.outcome = "aborted"


def render_result(result: FleetResult) -> str:
    lines = [f"{'database':<20} {'stage':<12} {'outcome':<12} {'phases':>6} {'seconds':>8}"]
    for r in result.runs:
        lines.append(f"{r.name:<20} {r.stage:<12} {r.outcome:<12} {r.phases_run:>6} {r.seconds:>8.2f}"
                     + (f"  {r.error}" if r.error else ""))
    return "\n".join(lines) + "\n"


def status_matrix(reports: dict[str, dict | str]) -> dict:
    """database -> migration -> state (``status`` for every database; a string: unreachable)."""
    migrations: list[str] = []
    rows = {}
    for name, report in reports.items():
        if isinstance(report, str):
            rows[name] = {"error": report}
            continue
        row = {}
        for m in report["migrations"]:
            if m["name"] not in migrations:
                migrations.append(m["name"])
            row[m["name"]] = m["state"]
        rows[name] = row
    return {"migrations": migrations, "databases": rows}


def render_matrix(matrix: dict, stages: dict[str, str]) -> str:
    names = matrix["migrations"]
    width = max([8, *(len(d) for d in matrix["databases"])])
    cols = [max(len(n), 12) for n in names]
    lines = [f"{'database':<{width}}  {'stage':<10}  " + "  ".join(f"{n:<{w}}" for n, w in zip(names, cols, strict=True))]
    for db_name, row in matrix["databases"].items():
        if "error" in row:
            lines.append(f"{db_name:<{width}}  {stages.get(db_name, ''):<10}  unreachable: {row['error']}")
            continue
        lines.append(f"{db_name:<{width}}  {stages.get(db_name, ''):<10}  "
                     + "  ".join(f"{row.get(n, 'pending'):<{w}}" for n, w in zip(names, cols, strict=True)))
    return "\n".join(lines) + "\n"


def apply_fleet(paths: Sequence[str], fleet: Fleet, *, target: str, events: Events, auto_abort: bool = True,
                **options) -> FleetResult:
    """``api.apply`` with ``options`` on every database of ``fleet``, canary first (``run_fleet``);
    ``api.abort`` undoes a canary whose verification failed."""
    from . import api

    settings = options.get("settings", api.DEFAULT_SETTINGS)
    config, schema = options.get("config", api.DEFAULT_CONFIG), options.get("schema")

    def apply(url: str, ev: Events) -> int:
        return api.apply(paths, url=url, target=target, events=ev, **options).phases_run

    def abort(url: str, migration: str, ev: Events) -> None:
        api.abort(paths, migration, url=url, config=config, schema=schema, settings=settings, events=ev)

    return run_fleet(fleet, target=target, apply=apply, abort=abort if auto_abort else None, events=events)


def fleet_status(paths: Sequence[str], fleet: Fleet, **options) -> dict:
    """``status`` of every database as a database by migration matrix (phase states)."""
    from . import api

    reports: dict[str, dict | str] = {}
    for name in fleet.databases:
        try:
            reports[name] = api.status(url=fleet.urls[name], paths=paths, **options)
        except (RunnerError, InputError) as exc:
            reports[name] = fleet.scrub(str(exc))
    matrix = status_matrix(reports)
    matrix["stages"] = {d: s.name for s in fleet.stages for d in s.databases}
    matrix["urls"] = {d: fleet.shown(d) for d in fleet.databases}
    return matrix
