"""``status``: every migration, its phase and state, backfill progress, and drift."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .state import PhaseState, StateStore
from .steps import MigrationPlan

__all__ = ["render_status", "status_report"]


def _phase_state(state: PhaseState | None, running: bool) -> str:
    if state is None:
        return "pending"
    if state.status == "running" and not running:
        return "interrupted"  # no runner holds the lock: it died (kill -9, lost connection)
    return state.status


def status_report(store: StateStore, plans: Sequence[MigrationPlan] | None) -> dict[str, Any]:
    rows = store.migrations()
    phases = store.phases()
    holder = store.holder()
    backfills = store.backfills()
    names = [p.name for p in plans or ()] + [n for n in rows if n not in {p.name for p in plans or ()}]
    by_name = {p.name: p for p in plans or ()}
    migrations = []
    for name in names:
        plan, row = by_name.get(name), rows.get(name)
        recorded = sorted({ph for (m, ph) in phases if m == name},
                          key=lambda x: ("expand", "migrate", "contract", "abort").index(x))
        phase_names = [p.phase for p in plan.phases] if plan else recorded
        if "abort" in recorded and "abort" not in phase_names:
            phase_names.append("abort")
        entries = []
        for phase_name in phase_names:
            st = phases.get((name, phase_name))
            phase_plan = plan.phase(phase_name) if plan else None
            drift = bool(st and phase_plan and st.checksum != phase_plan.checksum)
            entries.append({
                "phase": phase_name,
                "state": _phase_state(st, holder is not None),
                "steps_done": len(st.done_steps) if st else 0,
                "steps_total": st.steps_total if st else (len(phase_plan.steps) if phase_plan else 0),
                "failed_step": st.failed_step if st else None,
                "next_step": _next_step(st),
                "error": st.error if st else None,
                "started_at": st.started_at if st else None,
                "finished_at": st.finished_at if st else None,
                "drift": drift,
            })
        done = [e["phase"] for e in entries if e["state"] == "done" and e["phase"] != "abort"]
        migrations.append({
            "name": name,
            "path": plan.path if plan else (row or {}).get("path"),
            "phased": plan.phased if plan else (row or {}).get("phased"),
            "state": _migration_state(row, entries, plan is not None),
            "phase": done[-1] if done else None,
            "phases": entries,
            "drift": any(e["drift"] for e in entries),
            "in_files": plan is not None,
            "backfills": [_backfill(b) for b in backfills if b["migration"] == name],
            "updated_at": (row or {}).get("updated_at"),
        })
    return {"runner": holder, "state_schema": store.exists(), "checked_files": plans is not None,
            "migrations": migrations}


def _next_step(st: PhaseState | None) -> int | None:
    """Where a rerun resumes: the first step not recorded as done."""
    if st is None or st.status == "done":
        return None
    return next((n for n in range(1, st.steps_total + 1) if n not in st.done_steps), None)


def _migration_state(row: dict | None, entries: list[dict], in_files: bool) -> str:
    if row is not None and row["status"] == "aborted" and not any(e["state"] != "pending" for e in entries):
        return "aborted"
    states = [e["state"] for e in entries if e["phase"] != "abort"]
    abort = next((e for e in entries if e["phase"] == "abort"), None)
    if abort is not None:
        return f"abort {abort['state']}"
    for bad in ("failed", "interrupted", "running"):
        hit = next((e for e in entries if e["state"] == bad), None)
        if hit is not None:
            at = hit["failed_step"] if bad == "failed" else hit["next_step"]
            step = f" at step {at}" if at else ""
            return f"{hit['phase']} {bad}{step}"
    if not states or all(s == "pending" for s in states):
        return "pending"
    pending = [e["phase"] for e in entries if e["state"] == "pending"]
    if not pending:
        return "complete" if in_files else "applied"
    return f"awaiting {pending[0]}"


def _backfill(b: dict) -> dict:
    estimate = b["estimated_rows"]
    pct = None
    if b["done"]:
        pct = 100.0
    elif estimate:
        pct = round(min(99.9, 100.0 * b["keys_done"] / estimate), 1)
    return {
        "step": b["step"], "phase": b["phase"], "table": b["table"], "key": b["key"], "last_key": b["last_key"],
        "rows_updated": b["rows_updated"], "keys_done": b["keys_done"], "estimated_rows": estimate,
        "batches": b["batches"], "percent": pct, "done": b["done"], "remaining": b.get("remaining"),
        "rows_per_second": round(b["rows_updated"] / b["seconds"], 1) if b["seconds"] else None,
        "updated_at": b["updated_at"].isoformat(timespec="seconds") if b["updated_at"] else None,
    }


def render_status(report: dict[str, Any], database: str) -> str:
    lines = [f"database: {database}"]
    runner = report["runner"]
    if runner:
        lines.append(f"runner: pid {runner['pid']} ({runner['application_name']}, client "
                     f"{runner['client_addr'] or 'local socket'}) working since {runner['since']}")
    if not report["state_schema"]:
        lines.append("no migration has been applied here (no expandcontract schema)")
    if not report["checked_files"]:
        lines.append("pass the migration paths to see pending migrations and drift")
    for m in report["migrations"]:
        flags = "  DRIFT: file changed since applied" if m["drift"] else ""
        flags += "" if m["in_files"] else "  (not in the given paths)"
        lines.append(f"{m['name']:<32} {m['state']:<24}{flags}")
        for e in m["phases"]:
            if e["state"] == "pending" and not m["phased"]:
                continue
            detail = f"{e['steps_done']}/{e['steps_total']} steps"
            if e["finished_at"]:
                detail += f", done {e['finished_at']}"
            if e["drift"]:
                detail += ", file changed since"
            lines.append(f"    {e['phase']:<9} {e['state']:<12} {detail}")
            if e["error"] and e["state"] != "done":
                lines.append(f"      error: {e['error']}")
        for b in m["backfills"]:
            pct = f"{b['percent']:.1f}%" if b["percent"] is not None else "?%"
            rate = f", {b['rows_per_second']:,.0f} rows/s" if b["rows_per_second"] else ""
            lines.append(f"    backfill {b['table']} by {b['key']}: {pct}, {b['rows_updated']:,} rows updated in "
                         f"{b['batches']} batches, last key {b['last_key']}{rate}"
                         + ("" if b["done"] else " (resumes from there)"))
            if b.get("remaining") and not b["done"]:
                lines.append(f"      {b['remaining']:,} rows still matched its WHERE after the last batch: the next "
                             "run makes a final pass over the table")
    return "\n".join(lines) + "\n"
