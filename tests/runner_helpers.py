"""Helpers shared by the runner tests: migrations on disk, runs in-process or as a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg

from expandcontract.check.loaders import preparable_queries
from expandcontract.runner import api
from expandcontract.runner.events import CollectingEvents
from expandcontract.runner.settings import RunSettings
from expandcontract.runner.verify import AppQuery

FAST = RunSettings(lock_timeout=0.3, retry_budget=2.0, backoff_base=0.05, backoff_cap=0.3)


def write_migration(root: Path, name: str, **scripts: str) -> Path:
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    for kind, text in scripts.items():
        (folder / f"{kind.replace('_', '.')}.sql").write_text(text)
    return folder


def run_apply(url: str, paths, target: str, settings: RunSettings = FAST, **kw):
    """Apply in-process; returns (events, error or None). ``verify_app``: app sources, read as
    `apply --verify-app` reads them."""
    events = CollectingEvents()
    if "verify_app" in kw:
        kw["app_queries"] = [AppQuery(*q) for q in preparable_queries(kw.pop("verify_app"))]
    try:
        api.apply([str(p) for p in paths], url=url, target=target, settings=settings, events=events, **kw)
    except Exception as exc:  # the tests look at the error
        return events, exc
    return events, None


def sql(url: str, query: str, params=None):
    with psycopg.connect(url, autocommit=True) as conn:
        cur = conn.execute(query, params)
        return cur.fetchall() if cur.description else None


def spawn_apply(url: str, paths, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "expandcontract", "apply", *map(str, paths), "--database-url", url, "--format", "json",
         *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )


def read_events_until(proc: subprocess.Popen, predicate, timeout: float = 30.0) -> list[dict]:
    """Read JSON events from the runner until ``predicate(events)`` holds."""
    seen: list[dict] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            raise AssertionError(f"runner ended early: {proc.stderr.read()}")
        seen.append(json.loads(line))
        if predicate(seen):
            return seen
    raise AssertionError("runner did not get there in time")


def wait_for_backend_gone(url: str, application: str = "expandcontract apply", timeout: float = 10.0) -> None:
    """After a runner dies, its backend notices the closed socket and exits (releasing locks)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = sql(url, "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s AND datname = "
                        "current_database()", (application,))
        if rows[0][0] == 0:
            return
        time.sleep(0.05)
    raise AssertionError("the runner's backend is still there")


def wait_for_runner_state(url: str, condition: str, application: str = "expandcontract apply",
                          timeout: float = 60.0) -> dict:
    """Wait until the runner's backend shows ``condition`` (SQL over pg_stat_activity's columns, e.g.
    ``wait_event = 'virtualxid'``): what the server says it is doing, not a guess from elapsed time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = sql(url, "SELECT pid, state, wait_event_type, wait_event, query FROM pg_stat_activity "
                        f"WHERE application_name = %s AND datname = current_database() AND ({condition})",
                   (application,))
        if rows:
            return dict(zip(("pid", "state", "wait_event_type", "wait_event", "query"), rows[0], strict=True))
        time.sleep(0.02)
    raise AssertionError(f"the runner's backend never showed {condition}")
