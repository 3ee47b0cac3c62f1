"""``expandcontract abort``: undo an expand that has not been contracted."""

from __future__ import annotations

import click

from ..runner import api
from ..runner.cli_options import database_option, settings_from, timing_options
from ..runner.db import database_url as resolve_url
from ..runner.errors import RunnerError
from ._common import config_from, parse_vars


@click.command("abort")
@click.argument("migration")
@click.argument("paths", nargs=-1, type=click.Path())
@database_option()
@click.option("--force", is_flag=True, help="Drop added columns/tables even when they hold data.")
@click.option("--dry-run", is_flag=True, help="Print the undo SQL and what would refuse it; change nothing.")
@timing_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--schema", metavar="FILE", help="Baseline schema.")
@click.option("--var", "variables", multiple=True, metavar="NAME=VALUE", help="Fill {{ NAME }} placeholders.")
@click.option("--config", "config_path", metavar="FILE", help="Config file [nearest pyproject.toml/expandcontract.toml].")
def command(migration, paths, database_url, force, dry_run, lock_timeout,
            patient_lock_timeout, statement_timeout, retry_budget, batch_size,
            batch_target, batch_pause, fmt, schema, variables, config_path):
    """Undo MIGRATION's expand (it must not be contracted): its down.sql if the migration
    directory has one, else the automatic reverse of its additive statements. Refuses when data
    would be lost (an added column holding values, a created table holding rows) unless --force.

    MIGRATION is the migration's folder or file, as `apply` takes it (the migrations beside it
    replay first), or its name followed by PATHS, where the migrations are [config `paths`].
    Exit 0: undone (or, with --dry-run, shown); 1: refused or failed; 2: bad input (an unknown
    migration, no database)."""
    url = resolve_url(database_url)
    settings = settings_from(lock_timeout, statement_timeout, retry_budget, batch_size, batch_target, batch_pause,
                             patient_lock_timeout)
    config = config_from(config_path, paths[0] if paths else migration, variables=parse_vars(variables))
    events = api.make_events(fmt, url)
    try:
        api.abort(paths, migration, url=url, config=config, schema=schema, settings=settings, events=events,
                  force=force, dry_run=dry_run)
    except RunnerError as exc:
        events.emit("run_failed", message=str(exc), error=type(exc).__name__)
        raise SystemExit(api.exit_code(exc)) from None
    finally:
        events.close()
