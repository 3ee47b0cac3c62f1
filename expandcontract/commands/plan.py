"""``expandcontract plan``: the exact SQL of every step, without touching the database."""

from __future__ import annotations

import click

from ..runner import api
from ..runner.errors import RunnerError
from ..runner.render import render_plan
from ..runner.run import TARGETS
from ..runner.settings import settings_from
from ._common import config_from, parse_vars
from ._options import (
    config_option,
    database_url_option,
    format_option,
    phase_option,
    schema_option,
    timing_options,
    var_option,
)


@click.command("plan")
@click.argument("paths", nargs=-1, type=click.Path())
@database_url_option(from_env=False)
@phase_option(TARGETS, default="all")
@timing_options
@format_option("text", "json")
@schema_option
@var_option
@config_option
def command(paths, database_url, target, lock_timeout,
            patient_lock_timeout, statement_timeout, retry_budget, batch_size, batch_target,
            batch_pause, fmt, schema, variables, config_path):
    """Show what `apply` would run: the exact SQL of each step, its transaction grouping, the
    lock it takes and the timeouts it runs with. Nothing is written.

    With --database-url, only the steps still pending there are shown (read through a read-only
    connection)."""
    settings = settings_from(lock_timeout, statement_timeout, retry_budget, batch_size, batch_target, batch_pause,
                             patient_lock_timeout)
    config = config_from(config_path, paths[0] if paths else None, variables=parse_vars(variables))
    try:
        records = api.plan(paths, target=target, url=database_url, config=config, schema=schema, settings=settings)
    except RunnerError as exc:
        api.print_error(str(exc))
        raise SystemExit(api.exit_code(exc)) from None
    click.echo(render_plan(records, fmt), nl=False)
