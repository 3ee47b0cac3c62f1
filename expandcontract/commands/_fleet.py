"""``apply --fleet`` and ``status --fleet``: the command side of ``runner/fleet.py``."""

from __future__ import annotations

import json

import click

from ..runner.events import JsonEvents, TextEvents
from ..runner.fleet import FleetFailed, apply_fleet, fleet_status, load_fleet, render_matrix, render_result
from ..runner.telemetry import traced


def apply_on_fleet(paths, fleet_path: str, fmt: str, *, target: str, **options) -> None:
    fleet = load_fleet(fleet_path)
    events = traced(JsonEvents(scrub=fleet.scrub) if fmt == "json" else TextEvents(scrub=fleet.scrub))
    try:
        result = apply_fleet(paths, fleet, target=target, events=events, **options)
    except FleetFailed as exc:
        events.emit("run_failed", message=str(exc), error="FleetFailed")
        if fmt == "text":
            click.echo(render_result(exc.result), nl=False)
        raise SystemExit(1) from None
    finally:
        events.close()
    if fmt == "text":
        click.echo(render_result(result), nl=False)


def status_of_fleet(paths, fleet_path: str, fmt: str, **options) -> None:
    fleet = load_fleet(fleet_path)
    matrix = fleet_status(paths, fleet, **options)
    if fmt == "json":
        click.echo(json.dumps({"fleet": fleet.path, **matrix}, default=str))
    else:
        click.echo(render_matrix(matrix, matrix["stages"]), nl=False)
    troubled = any("error" in row or any(w in state for state in row.values() for w in ("failed", "interrupted"))
                   for row in matrix["databases"].values())
    raise SystemExit(1 if troubled else 0)


__all__ = ["apply_on_fleet", "status_of_fleet"]
