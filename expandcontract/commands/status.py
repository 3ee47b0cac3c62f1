"""``expandcontract status``: where every migration stands in a database."""

from __future__ import annotations

import json

import click

from ..runner import api
from ..runner.db import database_url as resolve_url
from ..runner.errors import RunnerError
from ..runner.status import render_status
from ..runner.urls import mask_url, redact
from ._common import config_from
from ._options import config_option, database_url_option, fleet_option, format_option, schema_option


@click.command("status")
@click.argument("paths", nargs=-1, type=click.Path())
@database_url_option()
@format_option("text", "json")
@schema_option
@config_option
@fleet_option
def command(paths, database_url, fmt, schema, config_path, fleet_path):
    """Every migration with its phase and state, backfill progress, and drift (a migration file
    changed since it was applied). PATHS (or `paths` in the config) add pending migrations and
    the drift check. Exit 0; 1 when a migration failed, was interrupted or drifted. With --fleet,
    every database of the fleet as a database by migration matrix of states."""
    config = config_from(config_path, paths[0] if paths else None)
    if fleet_path:
        from ._fleet import status_of_fleet

        status_of_fleet(paths, fleet_path, fmt, config=config, schema=schema)
        return
    url = resolve_url(database_url)
    try:
        report = api.status(url=url, paths=paths, config=config, schema=schema)
    except RunnerError as exc:
        api.print_error(str(exc))
        raise SystemExit(1) from None
    if fmt == "json":
        text = json.dumps({"database": mask_url(url), **report}, default=str, indent=None) + "\n"
    else:
        text = render_status(report, mask_url(url))
    click.echo(redact(text, url), nl=False)  # an error recorded in the state may quote a URL
    troubled = any(m["drift"] or any(w in m["state"] for w in ("failed", "interrupted"))
                   for m in report["migrations"])
    raise SystemExit(1 if troubled else 0)
