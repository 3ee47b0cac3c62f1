"""What the runner tells the operator: one event per happening, rendered as JSON lines
(``--format json``) or as text, with a rich progress bar for backfills on a terminal.

Every string that leaves here goes through ``redact`` first: no password reaches any output.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone
from typing import IO, Any

__all__ = ["CollectingEvents", "Events", "JsonEvents", "TextEvents"]


class Events:
    """Base sink: ``emit(name, **fields)``."""

    def __init__(self, scrub: Callable[[str], str] = lambda s: s) -> None:
        self._scrub = scrub

    def emit(self, event: str, **fields: Any) -> None:
        self.handle({"event": event, "time": _now(), **self._clean(fields)})

    def handle(self, event: dict[str, Any]) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def close(self) -> None:
        """Finish anything drawn on the terminal."""

    def _clean(self, value: Any) -> Any:
        if isinstance(value, str):
            return self._scrub(value)
        if isinstance(value, dict):
            return {k: self._clean(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self._clean(v) for v in value]
        return value


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class CollectingEvents(Events):
    """Keeps events in a list (tests, and the Python API)."""

    def __init__(self, scrub: Callable[[str], str] = lambda s: s) -> None:
        super().__init__(scrub)
        self.events: list[dict[str, Any]] = []

    def handle(self, event: dict[str, Any]) -> None:
        self.events.append(event)

    def named(self, name: str) -> list[dict[str, Any]]:
        return [e for e in self.events if e["event"] == name]


class JsonEvents(Events):
    def __init__(self, stream: IO[str] | None = None, scrub: Callable[[str], str] = lambda s: s) -> None:
        super().__init__(scrub)
        self._stream = stream or sys.stdout

    def handle(self, event: dict[str, Any]) -> None:
        self._stream.write(json.dumps(event, default=str) + "\n")
        self._stream.flush()


class TextEvents(Events):
    """Plain lines for people. Backfill progress: a live bar on a terminal, else a readable line
    every ~10 % or ~5 s (a bar redrawn into a log file is noise; ``--format json`` gives every
    batch as an event)."""

    PROGRESS_EVERY_S = 5.0
    PROGRESS_EVERY_PERCENT = 10

    def __init__(self, stream: IO[str] | None = None, scrub: Callable[[str], str] = lambda s: s,
                 terminal: bool | None = None) -> None:
        super().__init__(scrub)
        self._stream = stream or sys.stdout
        self._terminal = self._stream.isatty() if terminal is None else terminal
        self._progress = None
        self._task = None
        self._said_at = (0.0, -1)  # (monotonic time, percent bucket) of the last progress line

    def handle(self, event: dict[str, Any]) -> None:
        name = event["event"]
        if name == "run_failed":
            self.close()
            sys.stderr.write(f"expandcontract: error: {event['message']}\n")
            sys.stderr.flush()
            return
        if name in ("backfill_started", "backfill_batch", "backfill_finished"):
            self._backfill(event)
            if name != "backfill_finished":
                return
        line = render_text(event)
        if line:
            self._write(line)

    def _write(self, line: str) -> None:
        if self._progress is not None:
            self._progress.console.print(line, markup=False, highlight=False)
        else:
            self._stream.write(line + "\n")
            self._stream.flush()

    def _backfill(self, event: dict[str, Any]) -> None:
        name = event["event"]
        if not self._terminal:
            if name == "backfill_batch":
                self._progress_line(event)
            elif name == "backfill_started":
                self._said_at = (time.monotonic(), -1)
                self._write(render_text(event))
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        if name == "backfill_started":
            self._write(render_text(event))
            self._progress = Progress(
                TextColumn("[bold]{task.description}"), BarColumn(), TaskProgressColumn(),
                TextColumn("{task.fields[rows]} rows updated · {task.fields[rate]} rows/s"),
                TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                console=Console(file=self._stream), transient=False,
            )
            self._progress.start()
            self._task = self._progress.add_task(
                f"{event['table']}", total=event.get("estimated_rows") or None,
                completed=event.get("keys_done", 0), rows=f"{event.get('rows_updated', 0):,}", rate="-")
        elif name == "backfill_batch" and self._progress is not None:
            self._progress.update(self._task, completed=event["keys_done"],
                                  total=max(event.get("estimated_rows") or 0, event["keys_done"]) or None,
                                  rows=f"{event['rows_updated']:,}", rate=f"{event['rows_per_second']:,.0f}")
        elif name == "backfill_finished" and self._progress is not None:
            self._progress.update(self._task, completed=event["keys_done"], total=event["keys_done"])
            self._progress.stop()
            self._progress = None

    def _progress_line(self, e: dict[str, Any]) -> None:
        estimate = e.get("estimated_rows")
        percent = min(99.9, 100.0 * e["keys_done"] / estimate) if estimate else None
        bucket = int(percent // self.PROGRESS_EVERY_PERCENT) if percent is not None else -1
        now = time.monotonic()
        last_time, last_bucket = self._said_at
        if bucket <= last_bucket and now - last_time < self.PROGRESS_EVERY_S:
            return
        self._said_at = (now, max(bucket, last_bucket))
        done = f"{percent:.0f}% ({e['keys_done']:,} of ~{estimate:,} keys)" if percent is not None else \
            f"{e['keys_done']:,} keys"
        eta = f", ETA {e['eta_seconds']:.0f}s" if e.get("eta_seconds") is not None else ""
        self._write(f"    backfill {e['table']}: {done}, {e['rows_updated']:,} rows updated, "
                    f"{e['rows_per_second']:,.0f} rows/s, batch {e['batch']} of {e['batch_size']:,} keys{eta}")

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def _where(e: dict[str, Any]) -> str:
    step = f" step {e['step']}" if e.get("step") else ""
    return f"{e.get('migration', '?')} {e.get('phase', '')}{step}".rstrip()


def _blockers(blockers: list[dict[str, Any]]) -> str:
    return "; ".join(describe_session(b) for b in blockers) or "no blocking session was seen"


def describe_session(b: dict[str, Any]) -> str:
    """``pid 42 (user app, app 'psql', client 127.0.0.1, idle in transaction, transaction open 41s): SELECT …``"""
    parts = [f"user {b['user']}"] if b.get("user") else []
    if b.get("application_name") or b.get("kind") is None:
        parts.append(f"app {b.get('application_name') or '-'!r}")
    parts.append(f"client {b.get('client_addr') or 'local socket'}")
    if b.get("state"):
        parts.append(str(b["state"]))
    if b.get("xact_age_s") is not None:
        parts.append(f"transaction open {b['xact_age_s']:.0f}s")
    query = " ".join(str(b.get("query") or "").split())
    # a MariaDB/MySQL session says "connection id" (its processlist id, what KILL takes)
    return f"{b.get('kind') or 'pid'} {b.get('pid')} ({', '.join(parts)})" + (f": {query[:160]}" if query else "")


_TEXT: dict[str, Callable[[dict[str, Any]], str | None]] = {
    "run_started": lambda e: (f"expandcontract {e['command']} {e['target']}: {e['database']} (undo: {e['source']})"
                              if e["command"].startswith("abort") else
                              f"expandcontract {e['command']}: {e['database']} (up to phase {e['target']})"),
    "warning": lambda e: f"  ! {_where(e)}: {e['message']}",
    "data_at_risk": lambda e: f"  ! {e['migration']}: {e['message']}" + (" (cannot be forced)" if e["blocking"] else ""),
    "aborted": lambda e: f"✔ {e['migration']} aborted ({e['source']}); it is pending again",
    "phase_started": lambda e: f"▶ {e['migration']} {e['phase']} ({e['steps']} step{'' if e['steps'] == 1 else 's'}"
                               + (f", resuming at step {e['resume_at']}" if e.get("resume_at", 1) > 1 else "") + ")",
    "phase_finished": lambda e: f"✔ {e['migration']} {e['phase']} done in {e['seconds']:.1f}s",
    "phase_skipped": lambda e: None,
    "step_started": lambda e: f"  · {_where(e)} (line {e['line']}, {e['kind']}, {e['lock']})",
    "step_finished": lambda e: f"    done in {e['seconds']:.2f}s" + (f" after {e['attempts']} attempts"
                                                                   if e.get("attempts", 1) > 1 else ""),
    "step_skipped": lambda e: f"  · {_where(e)}: {e['reason']}",
    "lock_timeout": lambda e: (f"    lock not granted within {e['lock_timeout']} (attempt {e['attempt']}); "
                               f"retrying in {e['retry_in']:.1f}s. Blocked by: {_blockers(e['blockers'])}"),
    "snapshot_wait": lambda e: (f"    waiting for old snapshots, not a table lock: a concurrent build waits for "
                                f"transactions older than it to end (it blocks no query meanwhile). Waiting for: "
                                f"{_blockers(e['blockers'])}"),
    "statement_timeout": lambda e: f"    batch cancelled by statement_timeout; batch size {e['batch_size']} -> "
                                   f"{e['new_batch_size']}",
    "invalid_index": lambda e: (f"    index {e.get('schema') + '.' if e.get('schema') else ''}{e['index']} is left INVALID by an earlier failed build: "
                                "dropping it concurrently and building it again"),
    "backfill_started": lambda e: (f"    backfill {e['table']} by {e['key']} in batches (target {e['batch_target']}s"
                                   f" per batch), {e.get('rows_updated', 0):,} rows already done"),
    "backfill_remaining": lambda e: (f"    ! {e['remaining']:,} rows of {e['table']} still match the UPDATE's WHERE "
                                     "after the last batch" + ("" if e.get("triggers") else
                                                              f" (no trigger on {e['table']})")
                                     + ": not done, a rerun makes a final pass"),
    "backfill_finished": lambda e: (f"    backfilled {e['rows_updated']:,} rows in {e['batches']} batches, "
                                    f"{e['rows_per_second']:,.0f} rows/s"),
    "verify_finished": lambda e: (f"  app queries {e['when']} {e['migration']} {e['phase']}: {e['ok']} prepare, "
                                  f"{len(e['failed'])} fail" + (f", {e['unverifiable']} not checkable"
                                                                 if e.get("unverifiable") else "")),
    "verify_failed": lambda e: f"    ✘ {e['source']}:{e['line']}: {e['error']} — {e['query'][:120]}",
    "drift": lambda e: f"  ! {e['migration']} {e['phase']}: {e['message']}",
    "unsafe": lambda e: f"  ! {e['file']}:{e['line']}: {e['code']} {e['name']}: {e['message']}"
                        + (" (applied anyway: --allow-unsafe)" if e.get("allowed") else ""),
    "run_finished": lambda e: f"done: {e['phases_run']} phase(s) run" if e["phases_run"] else
                              "nothing to do: every migration is applied up to that phase",
    "abort_step": lambda e: f"  · undo: {e['sql']}",
    "abort_planned": lambda e: (f"dry run: {e['steps']} undo step(s) for {e['migration']} ({e['source']}); nothing "
                                "was changed" + (f". A real abort would be refused: {e['refused']}"
                                                 if e.get("refused") else "")),
    # the consumer gate (consumers.py)
    "consumer_gate_off": lambda e: f"  ! consumer gate off because {e['reason']}",
    "consumer_snapshot": lambda e: (f"  · consumer window for {e['migration']} opened: pg_stat_statements snapshot of "
                                    f"{e['statements']} statement(s)"),
    "consumer_breaks": lambda e: f"    ✘ {e['message']}",
    "consumer_gate": lambda e: (f"  consumer gate before {e['migration']} contract: {e['decision']} "
                                f"({e['statements']} statement(s) since {e['since']}, {e['sessions']} live session(s), "
                                f"{e['breaking']} would break)"),
    # Alembic projects (expandcontract.alembic.apply): every event carries its own message
    "alembic_adopted": lambda e: f"  · {e['message']}",
    "alembic_stamped": lambda e: f"  ✔ {e['message']}",
    "alembic_stamp_failed": lambda e: f"  ! {e['message']}",
}


_TEXT.update({
    # fleets (fleet.py): a database's own events carry ``db`` and are prefixed with it
    "fleet_started": lambda e: (f"fleet {e['fleet']}: {e['databases']} database(s) in {e['stages']} stage(s), "
                                f"{e['concurrency']} at once, up to phase {e['target']}"),
    "stage_started": lambda e: f"▶ stage {e['stage']}{' (canary)' if e['canary'] else ''}: {', '.join(e['databases'])}",
    "database_finished": lambda e: f"{e['outcome']} in {e['seconds']:.1f}s" + (f": {e['error']}" if e["error"] else ""),
    "bake_started": lambda e: f"  baking stage {e['stage']} for {e['seconds']:g}s (rollback rate, deadlocks)",
    "health": lambda e: (f"health: {e['rollbacks']}/{e['transactions']} transactions rolled back "
                         f"({e['rate']:.1%}, usual {e['baseline_rate']:.1%})"
                         + (f" — {e['regressed']}" if e["regressed"] else "")),
    "stage_promoted": lambda e: f"✔ stage {e['stage']} done in {e['seconds']:.1f}s"
                                + (f"; promoting to {e['next']}" if e["next"] else ""),
    "stage_failed": lambda e: (f"✘ stage {e['stage']} stopped: {e['database']} failed"
                               + (f"; not touched: {', '.join(e['untouched'])}" if e["untouched"] else "")),
    "canary_aborted": lambda e: f"↶ {e['migration']} aborted in {e['seconds']:.1f}s (canary failed its verification)",
    "canary_abort_failed": lambda e: f"! automatic abort of {e['migration']} failed: {e['message']}",
    # the watch (watch.py)
    "replica_lag": lambda e: (f"    ⏸ {_where(e)}: replica lag {e['lag_s']:.1f}s > {e['max_lag_s']:g}s "
                              f"({', '.join(r['name'] or r['client'] for r in e['replicas'])}); waiting"),
    "replica_caught_up": lambda e: f"    ▶ replicas caught up after {e['waited_s']:.1f}s",
    "lock_queue": lambda e: (f"    {e['waiting']} session(s) waited over {e['queue_wait_s']:g}s behind {_where(e)}: "
                             f"cancelled it (attempt {e['attempt']}) to let them through; retrying"),
    "health_stop": lambda e: f"  ✘ {_where(e)}: {e['regressed']}",
    "fleet_finished": lambda e: f"fleet done: {e['databases']} database(s) in {e['seconds']:.1f}s",
})


def render_text(event: dict[str, Any]) -> str | None:
    render = _TEXT.get(event["event"])
    line = render(event) if render else None
    if line and event.get("db"):
        line = f"[{event['db']}] {line.strip()}"
    return line
