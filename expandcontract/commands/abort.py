"""``expandcontract abort``: undo an expand that has not been contracted."""

from __future__ import annotations

import click

from ..runner import api
from ..runner.db import database_url as resolve_url
from ..runner.errors import RunnerError
from ..runner.settings import settings_from
from ._common import config_from, parse_vars
from ._options import (
    config_option,
    database_url_option,
    dry_run_option,
    force_option,
    format_option,
    schema_option,
    timing_options,
    var_option,
)


@click.command("abort")
@click.argument("migration")
@click.argument("paths", nargs=-1, type=click.Path())
@database_url_option()
@force_option
@dry_run_option
@timing_options
@format_option("text", "json")
@schema_option
@var_option
@config_option
def command(migration, paths, database_url, force, dry_run, lock_timeout,
            patient_lock_timeout, statement_timeout, retry_budget, batch_size,
            batch_target, batch_pause, fmt, schema, variables, config_path):
    """Undo MIGRATION's expand (it must not be contracted): its down.sql if the migration
    directory has one, else the automatic reverse of its additive statements. Refuses when data
    would be lost (an added column holding values, a created table holding rows) unless --force.
    --dry-run prints the undo SQL and what would refuse it.

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
